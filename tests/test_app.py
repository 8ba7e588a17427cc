"""AppTest of app.py: the landing page, the sidebar on every page, the language switch."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from rnnlab.data import Series
from rnnlab.i18n import t
from rnnlab.plots.downsample import minmax_indices
from ui.elements import nav


@pytest.fixture
def sparkline(decode):
    def sparkline(at) -> np.ndarray:
        charts = at.sidebar.get("plotly_chart")
        assert charts, "the sidebar sparkline is missing"
        return decode(json.loads(charts[0].proto.spec)["data"][0]["y"])
    return sparkline


def test_landing_page_and_sidebar_in_english(sparkline, app_test, texts):
    at = app_test("app.py").run()
    assert not at.exception
    assert "rnnlab: look inside a recurrent network" in texts(at)
    sidebar = "\n".join(str(m.value) for m in at.sidebar.markdown)
    assert "Current series" in sidebar and "The notebook's series" in sidebar
    # The whole series is used: no "using n of N values" caption.
    assert not any("values" in c.value for c in at.sidebar.caption)
    assert len(sparkline(at)) == 100


def test_language_switch_translates_the_shell(app_test, texts):
    at = app_test("app.py").run()
    at.radio(key="lang_switch").set_value("es").run()
    assert not at.exception
    assert at.session_state["_lang"] == "es"
    assert "rnnlab: mira dentro de una red recurrente" in texts(at)
    # (AppTest drops the sidebar's elements from its tree on this rerun; a fresh run shows them.)
    fresh = app_test("app.py", lang="es").run()
    assert "**Serie actual:**" in "\n".join(str(m.value) for m in fresh.sidebar.markdown)
    assert "Serie del cuaderno" in "\n".join(str(m.value) for m in fresh.sidebar.markdown)


def test_sidebar_sparkline_of_a_long_series_is_small_and_keeps_peaks(sparkline, app_test):
    n = 50_000
    values = np.cos(np.arange(n) / 800.0)
    values[31_337] = 12.0
    at = app_test("app.py", series=Series(values, name="long one"),
              series_source={"kind": "upload", "file_id": "z"}, series_range=(0, n, 1)).run()
    assert not at.exception
    spark = sparkline(at)
    assert len(spark) <= 400 and spark.max() == 12.0
    assert np.array_equal(spark, values[minmax_indices(values, 400)])
    assert not any("Using" in c.value for c in at.sidebar.caption)  # all of it is used
    thinned = app_test("app.py", series=Series(values, name="long one"),
                   series_source={"kind": "upload", "file_id": "z"}, series_range=(0, n, 25)).run()
    assert "Using 2,000 of 50,000 values" in [c.value for c in thinned.sidebar.caption]


def test_opening_the_app_never_imports_tensorflow(repo_root):
    code = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        f"at = AppTest.from_file({str(repo_root / 'app.py')!r}, default_timeout=60).run()\n"
        "assert not at.exception, at.exception\n"
        "print('tensorflow' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=repo_root,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_one_page_list_names_every_view_and_there_is_no_pages_folder(repo_root):
    # A folder named pages/ beside app.py would start Streamlit's legacy multipage mode, where a
    # first request for /data runs the page without app.py's navigation.
    assert not (repo_root / "pages").exists()
    assert sorted(p.path for p in nav.PAGES) == sorted(
        f.relative_to(repo_root).as_posix() for f in (repo_root / "views").glob("*.py")
        if f.name != "__init__.py")  # views/ is a package only for the import contracts
    assert len({p.url for p in nav.PAGES}) == len(nav.PAGES)


def test_home_links_the_pages_in_the_navigations_order(app_test):
    at = app_test("app.py").run()
    assert not at.exception
    links = [el.proto.page for el in at.get("page_link")]
    path = [p.url for p in nav.PAGES if p.blurb]
    phone, links = links[:len(path)], links[len(path):]
    assert phone == path  # the phone's row of pages on top (hidden on wide screens): the others
    assert links == [nav.DATA.url, *path]  # the big "start here" link, then the numbered path
    assert [p.url for p in nav.PAGES if p != nav.HOME] == path  # every other page is on it


def test_switching_page_keeps_app_pys_sidebar(app_test):
    # Without a pages/ folder, AppTest's switch_page runs the page inside app.py's navigation
    # too (with pages/, it ran the page alone and the sidebar vanished).
    at = app_test("app.py").run()
    at.switch_page(nav.DATA.path).run()
    assert not at.exception
    assert [el.value for el in at.title] == [t("data.title", "en")]
    assert [r.key for r in at.sidebar.radio] == ["lang_switch"]


def test_the_app_tunes_the_collector_of_the_process_that_runs_it(app_test):
    """rnnlab/runtime/collector.py: fewer full garbage collections in the server."""
    import gc

    from rnnlab.runtime import collector

    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # Python's defaults, whatever ran before
    try:
        at = app_test("app.py").run()
        assert not at.exception
        assert gc.get_threshold() == (700, 10, collector.FULL_EVERY)
    finally:
        gc.set_threshold(*before)
