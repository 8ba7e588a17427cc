"""AppTest of the Data page: generate, built-in, upload good and bad files, range, split, windows."""

from __future__ import annotations

import numpy as np
import pytest

from rnnlab.data import Series, noisy_sine, notebook_series
from rnnlab.i18n import t
from ui.session.state import session_of

SPANISH_CSV = ("fecha;temperatura;humedad\n" + "\n".join(
    f"{d:02d}/01/2024;{10 + d},5;{60 - d}" for d in range(1, 31)) + "\n").encode("latin-1")


@pytest.fixture
def run(app_test):
    def run(lang="en", **state):
        state.setdefault("data_leak", True)  # the leak panel is drawn only while open: opened
        at = app_test("views/data.py", lang=lang, **state).run()
        assert not at.exception, at.exception
        return at
    return run


@pytest.fixture
def split_chart(plotly_specs):
    def split_chart(at) -> dict:
        specs = [s for s in plotly_specs(at) if s["layout"].get("title", {}).get("text") in
                 (t("data.chart.title", "en"), t("data.chart.title", "es"))]
        assert len(specs) == 1
        return specs[0]
    return split_chart


def trace(spec, name):
    return next(tr for tr in spec["data"] if tr.get("name") == name)


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_default_is_the_notebooks_series_with_its_split_and_first_window(run, split_chart, decode, texts):
    at = run()
    values = session_of(at.session_state).series.values
    assert np.array_equal(values, notebook_series())
    spec = split_chart(at)
    assert np.allclose(decode(trace(spec, "Series")["y"]), notebook_series())
    window = trace(spec, "Input window (10 values)")
    assert np.allclose(decode(window["y"]), notebook_series()[:10])
    assert np.allclose(decode(trace(spec, "Target")["y"]), [notebook_series()[10]])
    names = [tr.get("name") for tr in spec["data"]]
    assert {"Training · 60", "Validation · 20", "Test · 20"} <= set(names)
    # 100 values, lookback 10, 60/20/20: 50 training windows, 20 and 20.
    assert "Training **50** · Validation **20** · Test **20**" in texts(at)
    assert metric(at, "Length") == "100"
    assert "Window 1 of 90" in texts(at)


def test_window_slider_moves_the_highlight(run, split_chart, decode, texts):
    at = run()
    at.slider(key="data_window").set_value(37).run()
    assert not at.exception
    spec = split_chart(at)
    assert np.allclose(decode(trace(spec, "Input window (10 values)")["y"]), notebook_series()[36:46])
    assert np.allclose(decode(trace(spec, "Target")["y"]), [notebook_series()[46]])
    assert "**validation**" not in texts(at) and "Window 37 of 90" in texts(at)
    at.slider(key="data_window").set_value(60).run()
    assert "counts as a **validation** example" in texts(at)


def test_generate_writes_the_series_and_default_range(run):
    at = run()
    at.radio(key="data_kind").set_value("generate").run()
    assert np.array_equal(session_of(at.session_state).series.values, noisy_sine())  # section 2 alone
    assert "section-2 cell run on its own" in " ".join(c.value for c in at.caption)
    at.slider(key="data_gen_n").set_value(300).run()
    at.select_slider(key="data_gen_noise").set_value(0.0).run()
    assert not at.exception
    series = session_of(at.session_state).series
    assert np.array_equal(series.values, noisy_sine(300, 2.0, 0.0, 42))
    assert session_of(at.session_state).source == {"kind": "generate", "n": 300, "periods": 2.0,
                                                 "noise": 0.0, "seed": 42}
    assert session_of(at.session_state).range == (0, 300, 1)


def test_split_settings_are_saved_for_every_page(run):
    at = run()
    at.slider(key="data_lookback").set_value(20).run()
    at.select_slider(key="data_test").set_value(0.3).run()
    at.radio(key="data_scaler").set_value("standard").run()
    split = session_of(at.session_state).split
    assert (split.lookback, split.val_fraction, split.test_fraction, split.scaler) == (20, 0.2, 0.3, "standard")
    assert "standard deviation" in [c for m in at.table for c in m.value.columns][1]


def test_builtin_series_in_spanish(run, texts):
    at = run(lang="es")
    at.radio(key="data_kind").set_value("builtin").run()
    at.selectbox(key="data_builtin").set_value("nile").run()
    assert not at.exception
    series = session_of(at.session_state).series
    assert len(series) == 100 and series.values[0] == 1120.0
    assert series.name == "Caudal del Nilo (anual)"
    assert session_of(at.session_state).source == {"kind": "builtin", "name": "nile"}
    shown = texts(at)
    assert "Caudal anual del Nilo" in shown and "dominio público" in shown
    assert "La columna «year» se usa como eje de tiempo." in shown


def test_upload_a_good_csv_then_switch_column(run, texts):
    at = run()
    at.radio(key="data_kind").set_value("upload").run()
    at.file_uploader(key="csv_upload").upload("clima.csv", SPANISH_CSV, "text/csv").run()
    assert not at.exception and not at.error
    series = session_of(at.session_state).series
    assert np.allclose(series.values, 10.5 + np.arange(1, 31))
    assert series.name == "clima.csv · temperatura"
    assert "Column “fecha” is used as the time axis." in texts(at)
    assert at.selectbox(key="data_column").options == ["temperatura", "humedad"]
    at.selectbox(key="data_column").set_value("humedad").run()
    assert not at.exception
    assert np.array_equal(session_of(at.session_state).series.values, 60.0 - np.arange(1, 31))
    assert session_of(at.session_state).source["column"] == "humedad"


@pytest.mark.parametrize(
    ("content", "key"),
    [(b"name,city\nana,madrid\nluis,lima\n", "data.err.no_numeric"),
     (b"", "data.err.empty"),
     (b"v\n1\n2\n3\n", "data.err.too_short"),
     (b"PK\x03\x04" + bytes(300), "data.err.xlsx_unreadable")],
)
def test_upload_a_bad_csv_shows_an_error_and_keeps_the_series(run, content, key):
    at = run()
    at.radio(key="data_kind").set_value("upload").run()
    at.file_uploader(key="csv_upload").upload("bad.csv", content, "text/csv").run()
    assert not at.exception
    assert len(at.error) == 1
    message = at.error[0].value
    assert message.split("(")[0].strip() in t(key, "en", columns="", n=3, minimum=12)
    assert np.array_equal(session_of(at.session_state).series.values, notebook_series())  # nothing lost
    at.slider(key="data_lookback").set_value(5).run()  # the error stays said on later reruns
    assert not at.exception and len(at.error) == 1


def test_error_message_in_spanish(run):
    at = run(lang="es")
    at.radio(key="data_kind").set_value("upload").run()
    at.file_uploader(key="csv_upload").upload("x.csv", b"a,b\n", "text/csv").run()
    assert at.error[0].value == t("data.err.header_only", "es")


def test_long_series_is_downsampled_and_thinned_for_training(run, split_chart, decode, plotly_specs, texts):
    n = 20_000
    values = np.sin(np.arange(n) / 300.0)
    values[12_345] = 9.0  # one spike: must survive the downsampling
    at = run(series=Series(values, name="long"), series_source={"kind": "upload", "file_id": "x"},
             series_range=(0, n, 10))
    spec = split_chart(at)
    shown = decode(trace(spec, "Series")["y"])
    assert np.array_equal(shown, values[::10])  # the split chart shows the part training uses
    range_spec = next(s for s in plotly_specs(at) if "subtitle" in s["layout"]["title"])
    assert "Downsampled for display" in range_spec["layout"]["title"]["subtitle"]["text"]
    assert decode(range_spec["data"][0]["y"]).max() == 9.0 and len(decode(range_spec["data"][0]["y"])) <= 5000
    assert "The training pages use 2,000 of 20,000 values" in texts(at)
    at.number_input(key="data_step").set_value(20).run()
    assert session_of(at.session_state).range == (0, n, 20)


def test_impossible_split_is_explained_not_crashed(run):
    at = run()
    at.slider(key="data_lookback").set_value(80).run()
    assert not at.exception
    assert "no training example is left" in at.warning[0].value
    assert session_of(at.session_state).series is not None


def test_constant_series_draws_without_dividing_by_zero(run, split_chart, texts):
    at = run(series=Series(np.full(50, 3.0), name="flat"), series_source={"kind": "upload", "file_id": "f"},
             series_range=(0, 50, 1))
    assert not at.error and split_chart(at)
    assert "leaves the training range, so the" in texts(at)


def test_notebook_leak_figures_are_computed(run, texts):
    values = np.concatenate([np.linspace(0, 1, 60), np.linspace(1, 5, 40)])  # the future climbs
    at = run(series=Series(values, name="ramp"), series_source={"kind": "upload", "file_id": "r"},
             series_range=(0, 100, 1))
    table = at.table[0].value
    whole, train = table.iloc[0], table.iloc[1]
    assert (whole["minimum"], whole["maximum"]) == ("0", "5") and (train["minimum"], train["maximum"]) == ("0", "1")
    # The later part starts exactly at the training maximum (1.0): 39 of its 40 values lie above it.
    assert "39 of the 40 validation and test values lie outside the training range" in texts(at)


def test_split_chart_of_a_long_working_part_keeps_its_peaks(run, split_chart, decode):
    n = 30_000
    values = np.sin(np.arange(n) / 500.0)
    values[23_456] = -7.0
    at = run(series=Series(values, name="long"), series_source={"kind": "upload", "file_id": "y"},
             series_range=(0, n, 1))
    spec = split_chart(at)
    shown = decode(trace(spec, "Series")["y"])
    assert len(shown) <= 5000 and shown.min() == -7.0
    assert "30,000" in spec["layout"]["title"]["subtitle"]["text"]


def test_the_notebooks_scaling_cell_is_run_and_its_error_shown(run, texts):
    at = run()
    assert not at.exception
    codes = [c.value for c in at.code]
    assert any("scaler.fit_transform(X.T).T" in c for c in codes)
    # 100 values, lookback 10: 90 windows, so the scaler expects 90 columns and gets 1.
    assert "ValueError: X has 1 features, but MinMaxScaler is expecting 90 features as input." in codes
    assert t("data.nbcell.crash", "en", columns="90") in texts(at)


def test_the_app_opens_on_the_notebooks_series_and_says_what_it_is(run):
    at = run()
    assert session_of(at.session_state).source == {"kind": "notebook"}
    assert at.radio(key="data_kind").value == "notebook"
    assert np.array_equal(session_of(at.session_state).series.values, notebook_series())
    assert "120 numbers" in " ".join(c.value for c in at.caption)


def test_leak_panel_says_zero_leak_when_nothing_leaves_the_training_range(run, texts):
    """The Nile stays inside its training range: identical scalers, no leak claimed."""
    at = run()
    at.radio(key="data_kind").set_value("builtin").run()
    at.selectbox(key="data_builtin").set_value("nile").run()
    body = texts(at)
    assert "the two scalers are identical and the leak is zero" in body
    assert "notebook, leaks" not in body and "The whole series, before splitting" in " ".join(
        str(t.value) for t in at.table)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_series_picture_comes_first_and_its_explanation_is_folded(run, lang):
    # The page opened with a grey paragraph about seed 42 and 120 numbers before any picture.
    at = run(lang=lang)
    help_text = t("data.notebook.help", lang)
    assert help_text not in [c.value for c in at.main.caption if not _in_expander(at, c)]
    (folded,) = [e for e in at.expander if e.label == t("data.notebook.about", lang)]
    assert help_text in [c.value for c in folded.caption]
    # (where the chart sits on a projector: tests/browser/test_first_screen.py)


def _in_expander(at, element) -> bool:
    return any(element in list(e.caption) for e in at.expander)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_why_the_scaler_fits_on_training_only_is_folded_under_the_series(run, lang):
    # Issue 26 item 11: the page was 3.8 screens on a 390x844 phone; the leak panel (its table,
    # the notebook's cell) now opens on demand, under the series, its split and its windows.
    at = run(lang=lang, data_leak=False)
    assert t("data.leak.title", lang) not in [s.value for s in at.subheader]
    (fold,) = [e for e in at.expander if e.label == t("data.leak.title", lang)]
    assert not fold.proto.expanded
    assert not fold.table and not fold.code  # closed: nothing computed, nothing sent
    at.session_state["data_leak"] = True  # a click on its title
    at.run()
    (fold,) = [e for e in at.expander if e.label == t("data.leak.title", lang)]
    assert fold.proto.expanded
    assert fold.table and t("data.leak.whole", lang) in " ".join(str(x.value) for x in fold.table)
    assert any("scaler.fit_transform(X.T).T" in c.value for c in fold.code)
