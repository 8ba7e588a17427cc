"""rnnlab.pages.stage: the payload the browser draws the Hidden states stage from."""

import json

import numpy as np
import pytest

from rnnlab.data import noisy_sine
from rnnlab.pages import hidden as hd
from rnnlab.pages import stage

GATES = {"SimpleRNN": [], "LSTM": ["input", "forget", "candidate", "output"],
         "GRU": ["update", "reset", "candidate"]}
SYMBOLS = {"SimpleRNN": [], "LSTM": ["i", "f", "g", "o"], "GRU": ["z", "r", "h̃"]}


def _build(cell="LSTM", units=6, length=30, lang="en", **kwargs):
    settings = hd.Settings(cell=cell, units=units, length=length)
    inp = hd.make_input(noisy_sine(n=120), "series", length=length)
    forward = hd.forward_pass(hd.build_network(settings), inp.x)
    return stage.build_payload(settings, inp, forward, lang, **kwargs), inp, forward


@pytest.mark.parametrize("cell", ["SimpleRNN", "LSTM", "GRU"])
def test_shapes_and_the_gates_of_each_cell(cell):
    payload, inp, forward = _build(cell, units=5, length=24)
    assert (payload["T"], payload["H"], payload["cell"]) == (24, 5, cell)
    assert len(payload["x"]) == len(payload["pred"]) == len(payload["x_text"]) == 24
    assert stage.unpack(payload["h"]).shape == (24, 5)
    assert [g["name"] for g in payload["gates"]] == GATES[cell]
    assert [g["symbol"] for g in payload["gates"]] == SYMBOLS[cell]
    for g in payload["gates"]:
        values = stage.unpack(g)
        assert values.shape == (24, 5)
        # the gate values of the engine's own trace, at every step, to 4 decimals
        np.testing.assert_allclose(values, forward.gates[g["name"]], atol=0.5e-4 + 1e-12)
        assert ("scale" in g) == (g["name"] == "candidate")
    assert (payload["c"] is None) == (cell != "LSTM")
    if cell == "LSTM":
        np.testing.assert_allclose(stage.unpack(payload["c"]), forward.cell_state, atol=0.5e-4 + 1e-12)
    assert len(payload["pca"]["xy"]) == 2 * 24
    json.dumps(payload)  # plain JSON: what Streamlit sends to the browser


def test_rounding_is_exact_fixed_point():
    values = np.array([[0.123456, -0.98765], [1.0, -1.0], [3.5, 0.0]])
    packed = stage.pack(values).as_dict()
    assert packed["decimals"] == 3  # 3.5 * 10**4 would not fit in int16
    np.testing.assert_array_equal(stage.unpack(packed), np.round(values, 3))
    small = stage.pack(np.array([[0.5, -0.25]])).as_dict()
    assert small["decimals"] == 4
    big = stage.pack(np.array([[1234.5, -50000.0]])).as_dict()  # relu states can be large
    np.testing.assert_allclose(stage.unpack(big), [[1230.0, -50000.0]], atol=5.0)
    nan = stage.pack(np.array([[np.nan, 1.0]])).as_dict()
    np.testing.assert_array_equal(stage.unpack(nan), [[0.0, 1.0]])


def test_hidden_state_to_four_decimals_and_the_prediction_in_series_units():
    payload, inp, forward = _build("GRU", units=4, length=20)
    np.testing.assert_allclose(stage.unpack(payload["h"]), forward.hidden, atol=0.5e-4 + 1e-12)
    np.testing.assert_allclose(payload["x"], inp.raw, rtol=1e-5)
    np.testing.assert_allclose(payload["pred"], inp.to_original(forward.prediction), rtol=1e-5)


def test_colour_scale_is_symmetric_and_fitted_to_the_data():
    payload, _, forward = _build("LSTM", units=64, length=50)
    half = payload["h"]["scale"]["half"]
    peak = float(np.abs(forward.hidden).max())
    assert peak <= half <= peak * 1.1 + 1e-3  # fits every value, and no wider than needed
    assert half < 1  # an untrained network's small states would look blank on a fixed ±1
    low, zero, high = payload["h"]["scale"]["labels"]
    assert low == "\u2212" + high and zero == "0"  # the true minus sign, as on the charts
    assert stage.symmetric_half(np.zeros((3, 2))) == 1.0  # nothing to fit: still a valid scale


def test_spanish_numbers_use_a_decimal_comma():
    es, inp, forward = _build("SimpleRNN", lang="es")
    en, _, _ = _build("SimpleRNN", lang="en")
    assert es["x_text"][3] == en["x_text"][3].replace(".", ",")
    assert "," in es["h"]["scale"]["labels"][2] and "." in en["h"]["scale"]["labels"][2]
    assert es["text"]["play"] == "Reproducir" and en["text"]["play"] == "Play"
    assert es["text"]["pause"] == "Pausa" and en["text"]["pause"] == "Pause"
    assert "{t}" in es["text"]["status"] and "{pred}" in es["text"]["status"]
    assert stage.format_number(-1.23456, "es") == "\u22121,235"
    assert stage.format_number(float("nan"), "en") == "-"
    assert [t["text"] for t in stage._ticks(-0.5, 0.5, "es")] == ["\u22120,50", "\u22120,25", "0,00", "0,25", "0,50"]


def test_start_is_clamped_and_the_id_follows_the_content():
    a, _, _ = _build("LSTM", start=999)
    assert a["start"] == 30
    b, _, _ = _build("LSTM", start=999)
    c, _, _ = _build("LSTM", start=3)
    d, _, _ = _build("LSTM", start=999, lang="es")
    assert a["id"] == b["id"]  # same trace, same payload: Streamlit sends it once
    e, _, _ = _build("LSTM", start=999, build=1)
    assert len({a["id"], c["id"], d["id"], e["id"]}) == 4  # a new build starts afresh
    assert _build("LSTM", hide_future=True)[0]["hide_future"] is True


def test_payload_for_lstm_64_by_200_stays_small():
    settings = hd.Settings(cell="LSTM", units=64, length=200)
    inp = hd.make_input(noisy_sine(n=400, periods=6), "series", length=200)
    forward = hd.forward_pass(hd.build_network(settings), inp.x)
    payload = stage.build_payload(settings, inp, forward, "es")
    assert len(json.dumps(payload)) < 400_000


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_stage_text_exists_in_both_languages(lang):
    texts = stage.texts(lang)
    assert all(value and not value.startswith("stage.") for value in texts.values()), texts
    payload, _, _ = _build("GRU", lang=lang)
    assert all(g["label"] and not g["label"].startswith("stage.") for g in payload["gates"])
    assert not payload["pca"]["axes"].startswith("stage.")


def test_one_step_per_second_is_singular_and_every_speed_is_offered():
    """Item 13: "1 pasos/s" in the speed menu."""
    import re
    from pathlib import Path

    es, en = stage.speed_labels("es"), stage.speed_labels("en")
    assert es["1"] == "1 paso/s" and es["15"] == "15 pasos/s"
    assert en["1"] == "1 step/s" and en["60"] == "60 steps/s"
    js = (Path(__file__).resolve().parents[2] / "ui" / "elements" / "stage.js").read_text()
    offered = re.search(r"const SPEEDS = \[([^\]]*)\]", js).group(1)
    assert tuple(int(s) for s in offered.split(",")) == stage.SPEEDS
    assert "this.speeds" in js and _build("GRU", units=4, length=12)[0]["speeds"] == stage.speed_labels("en")


@pytest.mark.parametrize("cell", ["SimpleRNN", "LSTM", "GRU"])
def test_a_students_payload_while_a_question_is_open_holds_nothing_past_the_shown_step(cell):
    """Issue 27 item 4: the next step's true value sat in every student's page. Two series that
    agree up to step k and differ afterwards must give the SAME payload up to k (so nothing of
    the future, not a value, a scale or a range, is in it), and the steps up to k are the
    teacher's own numbers."""
    settings = hd.Settings(cell=cell, units=5, length=30)
    values = noisy_sine(n=120)
    other = values.copy()
    k = 12
    other[k:] = values[k:] * -3.0 + 7.0  # another future: steps k+1.. of the window differ
    scaler = hd.fit_scaler(values)
    network = hd.build_network(settings)
    built = {}
    for name, series in (("one", values), ("other", other)):
        inp = hd.make_input(series, "series", length=30, scaler=scaler)
        forward = hd.forward_pass(network, inp.x)
        built[name] = (stage.build_payload(settings, inp, forward, "es", start=20, upto=k),
                       stage.build_payload(settings, inp, forward, "es", start=20), forward, inp)
    student, teacher, forward, inp = built["one"]
    assert student == built["other"][0]  # the future cannot be read from it
    assert teacher != built["other"][1]  # (the teacher's does hold it)
    assert student["hide_future"] and student["start"] == k
    assert student["x"][k:] == [None] * (30 - k) and student["pred"][k:] == [None] * (30 - k)
    assert set(student["x_text"][k:]) == {"-"} and set(student["pred_text"][k:]) == {"-"}
    assert student["x"][:k] == teacher["x"][:k] and student["pred_text"][:k] == teacher["pred_text"][:k]
    assert not stage.unpack(student["h"])[k:].any()
    np.testing.assert_allclose(stage.unpack(student["h"])[:k], forward.hidden[:k], atol=0.5e-4 + 1e-12)
    for g in student["gates"]:
        assert not stage.unpack(g)[k:].any()
        np.testing.assert_allclose(stage.unpack(g)[:k], forward.gates[g["name"]][:k], atol=0.5e-4 + 1e-12)
    if cell == "LSTM":
        assert not stage.unpack(student["c"])[k:].any()
    assert student["pca"]["xy"][2 * k:] == [None] * (2 * (30 - k))
    assert teacher["x"][k:] == stage._round(inp.raw[k:])  # the teacher's stage keeps everything
