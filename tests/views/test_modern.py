"""The Modern recurrences page under AppTest: both languages, the tree, the live check, the
measured timing, the parity task trained live."""

import re

import pytest

from rnnlab.i18n import t
from rnnlab.pages import modern
from rnnlab.scratch.scan import scan_tree


def _figure(specs, title_start):
    for spec in specs:
        title = ((spec.get("layout", {}).get("title") or {}).get("text") or "").replace("<br>", " ")
        if title.startswith(title_start):
            return spec
    raise AssertionError(f"no figure titled {title_start!r}")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_page_renders_in_both_languages(app_test, plotly_specs, texts, lang):
    at = app_test("views/modern.py", lang=lang).run()
    assert not at.exception and not at.error
    assert at.title[0].value == t("modern.title", lang)
    assert [h.value for h in at.header] == [t(f"modern.{k}_title", lang) for k in ("form", "scan", "time", "fail")]
    assert "Grazzi" in "\n".join(el.value for el in at.expander[-1].markdown)
    latex = "\n".join(el.value for el in at.latex)
    assert modern.UNIFIED in latex and "f'_t = \\frac{f_t}{f_t + i_t}" in latex
    shown = texts(at)
    timing = modern.load_timing()
    assert timing["machine"]["cpu"] in shown  # the hardware is named
    assert len(plotly_specs(at)) == 3  # tree, numpy timing, Keras timing (parity: after training)


def test_the_tree_is_the_scans_own_and_the_metrics_count_it(app_test, plotly_specs):
    at = app_test("views/modern.py").run()
    at.slider(key="modern_tree_steps").set_value(5).run()
    assert not at.exception
    spec = _figure(plotly_specs(at), "The loop (top) and the scan (below), T = 5")
    labels = [text for trace in spec["data"][2:] for text in trace["text"]]
    expected = [f"{l0 + 1}..{r1 + 1}" for r in scan_tree(5) for (l0, _), (_, r1) in r["pairs"]]
    assert labels == expected and {"1..2", "1..4", "1..5"} <= set(labels)
    shown = {m.label: m.value for m in at.metric}
    rounds = len(scan_tree(5))
    assert shown["Dependent rounds"] == f"5 → {rounds}"
    alt = at.get("plotly_chart")[0].proto.alt
    assert alt.startswith("Diagram.") and f"{rounds} rounds" in alt and "5 steps in a chain" in alt


@pytest.mark.parametrize("lang, sep", [("es", ","), ("en", ".")])
def test_the_live_check_shows_round_off_errors_written_the_readers_way(app_test, lang, sep):
    at = app_test("views/modern.py", lang=lang).run()
    at.number_input(key="modern_check_seed").set_value(7).run()
    rows = [m.value for m in at.markdown if m.value.startswith("- **min")]
    assert len(rows) == 2
    sup = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
    for row in rows:
        found = re.findall(r"(\d)" + re.escape(sep) + r"(\d)·10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)", row)
        assert len(found) == 2, row
        exponents = [int(e.translate(sup)) for *_, e in found]
        assert exponents[0] <= -13 and exponents[1] <= -9  # scan, then the log-space form


def test_timing_charts_draw_the_shipped_measurements(app_test, plotly_specs, decode):
    timing = modern.load_timing()
    at = app_test("views/modern.py").run()
    at.segmented_control(key="modern_time_units").set_value(8).run()
    spec = _figure(plotly_specs(at), "numpy, minGRU with 8 units")
    rows = sorted((r for r in timing["numpy"] if r["units"] == 8), key=lambda r: r["T"])
    scan = next(tr for tr in spec["data"] if tr["name"] == "scan")
    assert list(decode(scan["x"])) == [r["T"] for r in rows]
    assert list(decode(scan["y"])) == pytest.approx([1e3 * r["scan_train_cpu_s"] for r in rows])  # ms, CPU
    at.segmented_control(key="modern_time_clock").set_value("wall").run()
    spec = _figure(plotly_specs(at), "numpy, minGRU with 8 units")
    scan = next(tr for tr in spec["data"] if tr["name"] == "scan")
    assert list(decode(scan["y"])) == pytest.approx([1e3 * r["scan_train_s"] for r in rows])
    keras = _figure(plotly_specs(at), "Keras, one training step")
    gru = next(tr for tr in keras["data"] if tr["name"] == "Keras GRU")
    assert list(decode(gru["y"])) == pytest.approx([1e3 * r["GRU_step_s"] for r in timing["keras"]])
    assert spec["layout"]["xaxis"]["type"] == "log"
    keras = _figure(plotly_specs(at), "Keras, one training step")
    assert {tr["name"] for tr in keras["data"]} >= {"Keras GRU", "Keras LSTM", "minGRU, associative scan"}
    assert at.expander  # data views


def test_a_missing_timing_file_says_how_to_make_it(app_test, texts, monkeypatch, tmp_path):
    monkeypatch.setattr(modern, "TIMING_FILE", tmp_path / "none.json")
    at = app_test("views/modern.py").run()
    assert not at.exception
    assert t("modern.time_missing", "en") in texts(at)


def test_parity_trains_live_and_mingru_stays_near_chance(app_test, plotly_specs, texts):
    at = app_test("views/modern.py", timeout=180).run()
    at.button(key="modern_fail_train").click().run()
    assert not at.exception and not at.error
    shown = texts(at)
    found = dict(re.findall(r"\*\*(\w+)\*\*: (\d+)% accuracy at 12 bits", shown))
    assert set(found) == {"minGRU", "GRU"}
    assert int(found["GRU"]) >= 90 and int(found["minGRU"]) <= 75
    _figure(plotly_specs(at), "Accuracy on new sequences of 12 bits")
    _figure(plotly_specs(at), "Accuracy at each step of sequences of 48 bits")


def test_no_cell_picked_is_told_not_crashed(app_test, texts):
    at = app_test("views/modern.py").run()
    at.multiselect(key="modern_fail_cells").set_value([]).run()
    assert not at.exception
    assert t("modern.fail_none", "en") in texts(at)
    assert at.button(key="modern_fail_train").disabled


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_chart_has_alt_text_and_a_data_view(app_test, lang):
    at = app_test("views/modern.py", lang=lang, timeout=180).run()
    at.button(key="modern_fail_train").click().run()
    charts = list(at.get("plotly_chart"))
    assert len(charts) == 5
    kind = (t("alt.kind_line", lang), t("modern.tree_alt", lang, steps=8, rounds=5, combines=11)[:8])
    for chart in charts:
        assert chart.proto.alt.startswith(kind), chart.proto.alt
    csv_keys = [b.key for b in at.get("download_button") if b.key.endswith("_csv")]
    assert len(csv_keys) == 5
