"""The Data page in real Chromium: upload a CSV, see the chart, step a window, keep the series."""

from __future__ import annotations

import numpy as np
from playwright.sync_api import expect

from tests.browser.conftest import open_page, shot, wait_ready

CHART = ".js-plotly-plot .scatterlayer .trace"


def spanish_export(path, n=300):
    """What a Spanish spreadsheet exports: semicolons, decimal commas, day-first dates, Latin-1."""
    days = np.datetime64("2023-01-01") + np.arange(n)
    temps = 15 + 8 * np.sin(np.arange(n) * 2 * np.pi / 60)
    rows = [f"{str(d)[8:10]}/{str(d)[5:7]}/{str(d)[:4]};{v:.2f}".replace(".", ",")
            for d, v in zip(days, temps, strict=True)]
    path.write_bytes(("fecha;temperatura media\n" + "\n".join(rows) + "\n").encode("latin-1"))
    return path


def open_data_page(page, app_url):
    open_page(page, app_url, "Data", "Data: the time series")


def test_upload_chart_window_and_series_survives_page_change(page, app_url, console_errors, tmp_path):
    open_data_page(page, app_url)
    expect(page.locator(CHART).first).to_be_attached()
    shot(page, "data_default_en", whole=True)

    page.get_by_text("Upload a CSV").click()
    wait_ready(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        str(spanish_export(tmp_path / "temperaturas.csv")))
    expect(page.get_by_text("Column “fecha” is used as the time axis.")).to_be_visible()
    wait_ready(page)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("300")
    expect(page.get_by_test_id("stSidebar").get_by_text("temperaturas.csv")).to_be_visible()
    expect(page.locator(CHART).first).to_be_attached()

    # Step the window explorer: only the fragment reruns, the text follows the slider.
    expect(page.get_by_text("Window 1 of 290")).to_be_visible()
    slider = page.get_by_test_id("stSlider").filter(has_text="Window number").get_by_role("slider")
    slider.focus()
    for _ in range(3):
        slider.press("ArrowRight")
    expect(page.get_by_text("Window 4 of 290")).to_be_visible()
    wait_ready(page)
    shot(page, "data_upload_en", whole=True)

    page.get_by_test_id("stSidebar").get_by_text("Español").click()
    expect(page.get_by_role("heading", name="Datos: la serie temporal")).to_be_visible()
    wait_ready(page)
    # Translated radios keep their choice across the language switch.
    expect(page.get_by_role("radio", name="Subir un CSV")).to_be_checked()
    expect(page.get_by_role("radio", name="Mín-máx a [0, 1]")).to_be_checked()
    # Select sliders of numbers written the user's way keep their value too (0.2 -> 0,2).
    expect(page.get_by_test_id("stSlider").filter(has_text="Fracción de validación")
           .get_by_role("slider")).to_have_attribute("aria-valuetext", "0,2")
    shot(page, "data_upload_es", whole=True)

    page.get_by_test_id("stSidebarNavLink").filter(has_text="Entrenar").click()
    wait_ready(page)
    expect(page.get_by_test_id("stSidebar").get_by_text("temperaturas.csv")).to_be_visible()
    page.get_by_test_id("stSidebarNavLink").filter(has_text="Datos").click()
    wait_ready(page)
    expect(page.get_by_text("Serie actual: temperaturas.csv.")).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("300")
    assert console_errors == []


def test_bad_upload_shows_an_error_and_keeps_the_series(page, app_url, console_errors, tmp_path):
    open_data_page(page, app_url)
    page.get_by_text("Upload a CSV").click()
    wait_ready(page)
    bad = tmp_path / "notes.csv"
    bad.write_text("name,city\nana,madrid\nluis,lima\n")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(bad))
    expect(page.get_by_test_id("stAlert").filter(has_text="There is no numeric column (columns: name, city)")).to_be_visible()
    expect(page.get_by_text("The previous series (The notebook's series) is kept.")).to_be_visible()
    wait_ready(page)
    shot(page, "data_bad_upload_en")
    assert console_errors == []
