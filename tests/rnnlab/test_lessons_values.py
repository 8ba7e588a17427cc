"""Each value kind's resolver against an independent computation (hand numpy, scikit-learn,
the notebook's own cell), its writing in both languages, and render_text's parts."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression
from sklearn.preprocessing import MinMaxScaler, StandardScaler

from rnnlab.data import noisy_sine, notebook_series
from rnnlab.lessons import Scene
from rnnlab.lessons.values import Context, context, render_text, resolve, stage, write
from rnnlab.pages import hidden as hd
from tests.rnnlab.test_hidden_notebook import section_one  # noqa: F401  (the notebook's section 1, run)

SINE = {"source": {"kind": "noisy_sine", "n": 120, "periods": 3.0, "noise": 0.2, "seed": 7},
        "range": None, "split": {"val_fraction": 0.15, "test_fraction": 0.25, "lookback": 6,
                                 "scaler": "minmax"}}


def scene(**raw) -> Scene:
    return Scene.from_dict({"page": "hidden", **raw})


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def test_lstm_stage_values_by_hand():
    """Gate, hidden, cell, input and prediction of an LSTM on a window of a noisy sine, computed
    step by step in numpy from the layer's weights and a scikit-learn scaler fitted by hand."""
    s = scene(data=SINE, settings={"hidden_cell": "LSTM", "hidden_units": 5, "hidden_seed": 3,
                                   "hidden_length": 30, "hidden_start": 40})
    ctx = context(s)
    values = noisy_sine(120, 3.0, 0.2, 7)
    train_end = 120 - round(120 * 0.25) - round(120 * 0.15)  # 60
    scaler = MinMaxScaler().fit(values[:train_end, None])
    raw = values[40:70]
    x = scaler.transform(raw[:, None])[:, 0]
    network = hd.build_network(hd.Settings(cell="LSTM", units=5, seed=3, length=30, start=40))
    p = network.layers[0].params
    Wx, Wh, b, H = p["Wx"], p["Wh"], p["b"], 5
    h, c = np.zeros(H), np.zeros(H)
    for t in range(1, 31):
        a = x[t - 1] * Wx[0] + h @ Wh + b
        i, f, g, o = sigmoid(a[:H]), sigmoid(a[H:2 * H]), np.tanh(a[2 * H:3 * H]), sigmoid(a[3 * H:])
        c = f * c + i * g
        h = o * np.tanh(c)
        pred = scaler.inverse_transform([[h @ network.dense["W"][:, 0] + network.dense["b"][0]]])[0, 0]
        for unit in (1, 5):
            assert resolve({"kind": "gate", "gate": "forget", "unit": unit, "t": t}, ctx) == pytest.approx(f[unit - 1], abs=1e-12)
            assert resolve({"kind": "gate", "gate": "output", "unit": unit, "t": t}, ctx) == pytest.approx(o[unit - 1], abs=1e-12)
            assert resolve({"kind": "hidden", "unit": unit, "t": t}, ctx) == pytest.approx(h[unit - 1], abs=1e-12)
            assert resolve({"kind": "cell", "unit": unit, "t": t}, ctx) == pytest.approx(c[unit - 1], abs=1e-12)
        assert resolve({"kind": "input", "t": t}, ctx) == pytest.approx(raw[t - 1], abs=1e-12)
        assert resolve({"kind": "prediction", "t": t}, ctx) == pytest.approx(pred, abs=1e-10)
    # outside the window, a unit the network does not have, a gate the cell does not have: none
    assert resolve({"kind": "hidden", "unit": 1, "t": 31}, ctx) is None
    assert resolve({"kind": "hidden", "unit": 6, "t": 1}, ctx) is None
    assert resolve({"kind": "gate", "gate": "reset", "unit": 1, "t": 1}, ctx) is None


def test_gru_and_simple_rnn_have_no_cell_state():
    ctx = context(scene(settings={"hidden_cell": "GRU", "hidden_units": 4}))
    assert resolve({"kind": "cell", "unit": 1, "t": 1}, ctx) is None
    assert resolve({"kind": "gate", "gate": "reset", "unit": 1, "t": 2}, ctx) is not None


def test_toy_prediction_is_the_notebooks(section_one):  # noqa: F811  (the imported fixture)
    """The notebook's section-1 RNN, run from the notebook's own cells: its printed prediction."""
    namespace, printed = section_one
    ctx = context(scene(settings={"hidden_source": "toy", "hidden_cell": "SimpleRNN", "hidden_units": 10,
                                  "hidden_activation": "tanh", "hidden_seed": 42}))
    outputs = namespace["outputs"]
    assert resolve({"kind": "prediction", "t": 5}, ctx) == pytest.approx(float(outputs[-1][0][0]), abs=1e-12)
    hidden = namespace["rnn"].hidden_states[1:]
    for t in range(1, 6):
        for unit in range(1, 11):
            assert resolve({"kind": "hidden", "unit": unit, "t": t}, ctx) == pytest.approx(
                float(hidden[t - 1][0][unit - 1]), abs=1e-12)
    assert f"{resolve({'kind': 'prediction', 't': 5}, ctx):.4f}" in printed


def test_series_split_windows_and_scaler():
    ctx = context(scene(data=SINE))
    values = noisy_sine(120, 3.0, 0.2, 7)
    assert resolve({"kind": "series_len"}, ctx) == 120
    # test 30, validation 18, training the 72 before them
    assert [resolve({"kind": "points", "part": p}, ctx) for p in ("train", "val", "test")] == [72, 18, 30]
    targets = np.arange(6, 120)  # a window of 6 needs 6 values behind its target
    counts = [int(np.sum((targets >= lo) & (targets < hi))) for lo, hi in ((0, 72), (72, 90), (90, 120))]
    assert [resolve({"kind": "windows", "part": p}, ctx) for p in ("train", "val", "test")] == counts
    assert resolve({"kind": "windows"}, ctx) == 114
    fitted = MinMaxScaler().fit(values[:72, None])
    assert resolve({"kind": "scaler", "stat": "min"}, ctx) == pytest.approx(fitted.data_min_[0])
    assert resolve({"kind": "scaler", "stat": "max"}, ctx) == pytest.approx(fitted.data_max_[0])
    standard = StandardScaler().fit(values[:72, None])
    assert resolve({"kind": "scaler", "stat": "mean"}, ctx) == pytest.approx(standard.mean_[0])
    assert resolve({"kind": "scaler", "stat": "std"}, ctx) == pytest.approx(standard.scale_[0])


def test_range_of_a_values_source():
    s = scene(data={"source": {"kind": "values", "name": "mine", "values": list(range(50))}, "range": [10, 40, 3]})
    ctx = context(s)
    assert list(ctx.values) == list(range(10, 40, 3))
    assert resolve({"kind": "series_len"}, ctx) == 10


def test_baseline_mase_by_hand():
    ctx = context(scene(data=SINE))
    values = noisy_sine(120, 3.0, 0.2, 7)
    scale = np.mean(np.abs(np.diff(values[:72])))
    test = np.arange(90, 120)
    persistence = np.mean(np.abs(values[test] - values[test - 1])) / scale
    assert resolve({"kind": "baseline_mase", "method": "persistence"}, ctx) == pytest.approx(persistence)
    val = np.arange(72, 90)
    assert resolve({"kind": "baseline_mase", "method": "persistence", "part": "val"}, ctx) == pytest.approx(
        np.mean(np.abs(values[val] - values[val - 1])) / scale)
    # the linear autoregressive yardstick: least squares on the training windows (in original
    # units: a linear model fits the same on scaled and unscaled windows)
    X = np.array([values[i - 6:i] for i in range(6, 120)])
    y = values[6:]
    model = LinearRegression().fit(X[:72 - 6], y[:72 - 6])
    linear = np.mean(np.abs(model.predict(X[90 - 6:]) - values[90:])) / scale
    assert resolve({"kind": "baseline_mase", "method": "linear"}, ctx) == pytest.approx(linear, rel=1e-6)


def test_gradient_of_the_simple_rnn_by_hand():
    """||dh_T/dh_(T-k)||_F as the product of the step Jacobians diag(1 - h_j^2) Wh^T."""
    radius = 0.8
    ctx = context(scene(data=SINE, settings={"hidden_grad_radius": radius, "hidden_grad_length": 40}))
    cell = hd.probe_cells(radius)["SimpleRNN"]
    values = noisy_sine(120, 3.0, 0.2, 7)
    x = MinMaxScaler().fit(values[:72, None]).transform(values[:40, None])[:, 0]
    Wx, Wh, b = cell.params["Wx"], cell.params["Wh"], cell.params["b"]
    h, states = np.zeros(cell.units), []
    for value in x:
        h = np.tanh(value * Wx[0] + h @ Wh + b)
        states.append(h)
    jac = np.eye(cell.units)
    for back in range(0, 25):
        assert resolve({"kind": "gradient", "cell": "SimpleRNN", "back": back}, ctx) == pytest.approx(
            np.linalg.norm(jac), rel=1e-9)
        T = len(states) - 1 - back  # dh_T/dh_(T-back-1) = dh_T/dh_(T-back) @ diag(1-h^2) Wh^T
        jac = jac @ (np.diag(1 - states[T] ** 2) @ Wh.T)
    assert resolve({"kind": "gradient", "cell": "LSTM", "back": 40}, ctx) is None  # past the start


def test_params_by_hand():
    ctx = context(scene(settings={"train_cell": "LSTM", "train_layers": 2, "train_units": 50}))
    lstm = 4 * (50 * (1 + 50) + 50) + 4 * (50 * (50 + 50) + 50) + 50 + 1
    assert resolve({"kind": "params"}, ctx) == lstm == 30651
    gru = context(scene(settings={"train_cell": "GRU", "train_layers": 1, "train_units": 8}))
    assert resolve({"kind": "params"}, gru) == 3 * (8 * (1 + 8) + 2 * 8) + 8 + 1  # Keras reset_after


def recorded_run(ctx: Context, shift: float = 0.05):
    """A run as rnnlab.training records it, without Keras: the persistence forecast nudged by
    ``shift``, with metrics made by rnnlab.forecasting.baselines like a real run's."""
    from rnnlab.data.windows import prepare
    from rnnlab.forecasting import baselines
    from rnnlab.training import TrainConfig

    s = ctx.split
    data = prepare(ctx.values, s["lookback"], s["val_fraction"], s["test_fraction"], s["scaler"])
    preds = {p: baselines.persistence(data.values, data.target_index[p]) + shift for p in ("train", "val", "test")}
    scale = baselines.mase_scale(data.values[:data.train_end])
    metrics = {p: baselines.metrics(data.targets(p), preds[p], scale) for p in preds}
    return SimpleNamespace(config=TrainConfig(), metrics=metrics, baselines=baselines.baseline_metrics(data),
                           values=data.values, split=(data.train_end, data.val_end)), data


def test_run_values_from_a_recorded_run():
    base = context(scene(data=SINE))
    run, data = recorded_run(base)
    ctx = Context(base.values, base.split, {}, run=run)
    no_run = context(scene(data=SINE))
    assert resolve({"kind": "run_metric", "metric": "mase"}, no_run) is None
    values = noisy_sine(120, 3.0, 0.2, 7)
    test = np.arange(90, 120)
    mae = np.mean(np.abs(values[test] - (values[test - 1] + 0.05)))
    scale = np.mean(np.abs(np.diff(values[:72])))
    assert resolve({"kind": "run_metric", "metric": "mae"}, ctx) == pytest.approx(mae)
    assert resolve({"kind": "run_metric", "metric": "mase"}, ctx) == pytest.approx(mae / scale)
    rmse = math.sqrt(np.mean((values[test] - (values[test - 1] + 0.05)) ** 2))
    assert resolve({"kind": "run_metric", "metric": "rmse"}, ctx) == pytest.approx(rmse)
    persistence_mae = np.mean(np.abs(values[test] - values[test - 1]))
    assert resolve({"kind": "run_improvement"}, ctx) == pytest.approx(1 - mae / persistence_mae)


def test_reader_state_and_stage_override():
    """A scene without data keeps the reader's series; without stage settings, the page's pass."""
    values = notebook_series()[:70]
    reader = Context(values, {"val_fraction": 0.2, "test_fraction": 0.2, "lookback": 5, "scaler": "minmax"},
                     {"hidden_cell": "GRU"})
    ctx = context(scene(), reader)
    assert resolve({"kind": "series_len"}, ctx) == 70 and ctx.setting("hidden_cell") == "GRU"
    inp, forward = stage(ctx)
    fake = (inp, SimpleNamespace(hidden=forward.hidden * 0 + 0.25, gates={}, cell_state=None,
                                 prediction=forward.prediction))
    reader.stage = fake
    assert resolve({"kind": "hidden", "unit": 1, "t": 2}, context(scene(), reader)) == 0.25
    # a scene that sets its own network does not read the page's pass; one that sets only the
    # gradient probe or the step does
    own = context(scene(settings={"hidden_cell": "LSTM"}), reader)
    assert resolve({"kind": "hidden", "unit": 1, "t": 2}, own) != 0.25
    probe = context(scene(settings={"hidden_grad_radius": 0.8, "hidden_t": 3}), reader)
    assert resolve({"kind": "hidden", "unit": 1, "t": 2}, probe) == 0.25


def test_written_the_readers_way_and_parts():
    s = scene(data=SINE, text={"es": "Hay {n} valores; persistencia {p}; sin ejecución {m}.",
                               "en": "There are {n} values; persistence {p}; no run {m}."},
              values={"n": {"kind": "series_len"}, "p": {"kind": "baseline_mase", "method": "persistence"},
                      "m": {"kind": "run_metric", "metric": "mase"}})
    ctx = context(s)
    pers = resolve(s.values["p"], ctx)
    es, en = render_text(s, "es", ctx), render_text(s, "en", ctx)
    assert [p.get("name") for p in es] == [None, "n", None, "p", None, "m", None]
    assert es[1] == {"name": "n", "text": "120", "target": "data:chart", "value": 120}
    assert es[3]["text"] == f"{pers:.4g}".replace(".", ",") and en[3]["text"] == f"{pers:.4g}"
    assert es[3]["target"] == "train:baseline:persistence"
    assert es[5]["text"] == "—" and es[5]["value"] is None and es[5]["target"] == "train:metric:mase"
    assert "".join(p["text"] for p in en) == f"There are 120 values; persistence {pers:.4g}; no run —."
    assert write({"kind": "params"}, 30651, "es") == "30.651" and write({"kind": "params"}, 30651, "en") == "30,651"
    assert write({"kind": "run_improvement"}, -1.6, "es") == "−160\u00a0%"
    assert write({"kind": "run_improvement"}, 0.07, "en") == "7%"


def test_any_valid_scene_renders_without_error():
    """Random valid scenes (settings, split, sources, every value kind at random parameters, edges
    included): render_text writes a value or "—", never raises (a lesson file is untrusted)."""
    import random

    from rnnlab.declarations.controls import Action, Choice, Float, Toggle
    from rnnlab.lessons import LessonError
    from rnnlab.lessons.values import VALUE_KINDS
    from rnnlab.pages.page_controls import PAGES, lookup

    rng = random.Random(1)

    def pick(spec):
        if isinstance(spec, Choice):
            return rng.choice(spec.options)
        if isinstance(spec, Toggle):
            return rng.random() < 0.5
        if isinstance(spec, Float):
            value = rng.choice([spec.low, spec.high, rng.uniform(spec.low, spec.high)])
            return round(spec.low + round((value - spec.low) / spec.step) * spec.step, 6) if spec.step else value
        return rng.choice([spec.low, spec.high, rng.randint(spec.low, min(spec.high, spec.low + 300))])

    keys = [k for page in ("hidden_states", "train") for k, s in PAGES[page].items() if not isinstance(s, Action)]
    sources = [{"kind": "notebook"}, {"kind": "builtin", "name": "nile"}, {"kind": "values", "values": [1.0, 1.0]},
               {"kind": "values", "values": [float(i % 7) for i in range(300)]},
               {"kind": "noisy_sine", "n": 20, "periods": 0.5, "noise": 0.0, "seed": 1}]
    data = PAGES["data"]
    rendered = 0
    for _ in range(25):
        settings = {k: pick(lookup(k)) for k in rng.sample(keys, 8)}
        refs = {f"v{j}": {"kind": name, **{p: pick(spec) for p, spec in kind.params.items()}}
                for j, (name, kind) in enumerate(VALUE_KINDS.items())}
        refs = dict(rng.sample(sorted(refs.items()), 12))
        split = {"val_fraction": pick(data["data_val"]), "test_fraction": pick(data["data_test"]),
                 "lookback": pick(data["data_lookback"]), "scaler": pick(data["data_scaler"])}
        raw = {"page": "hidden", "settings": {k: v for k, v in settings.items() if lookup(k).valid(v)},
               "values": refs, "text": " ".join("{" + n + "}" for n in refs),
               "data": {"source": rng.choice(sources), "range": rng.choice([None, [0, 5, 1], [3, 100, 7]]),
                        "split": split}}
        try:
            s = Scene.from_dict(raw)
        except LessonError:
            continue
        for lang in ("es", "en"):
            parts = render_text(s, lang)
            assert all(isinstance(p["text"], str) for p in parts)
        rendered += 1
    assert rendered >= 15


def test_cell_mase_is_the_best_finished_run_of_the_cell():
    from dataclasses import replace as copy_with

    from rnnlab.training import TrainConfig

    base = context(scene(data=SINE))
    runs = []
    for cell, shift, status in (("LSTM", 0.05, "completed"), ("LSTM", 0.01, "completed"),
                                ("GRU", 0.02, "completed"), ("SimpleRNN", 0.0, "stopped")):
        run, _ = recorded_run(base, shift)
        run.config, run.status = copy_with(TrainConfig(), cell=cell), status
        runs.append(run)
    ctx = Context(base.values, base.split, {}, run=runs[-1], runs=tuple(runs))
    values = noisy_sine(120, 3.0, 0.2, 7)
    scale = np.mean(np.abs(np.diff(values[:72])))
    test = np.arange(90, 120)

    def mase(shift):
        return np.mean(np.abs(values[test] - (values[test - 1] + shift))) / scale

    assert resolve({"kind": "cell_mase", "cell": "LSTM"}, ctx) == pytest.approx(min(mase(0.05), mase(0.01)))
    assert resolve({"kind": "cell_mase", "cell": "GRU"}, ctx) == pytest.approx(mase(0.02))
    assert resolve({"kind": "cell_mase", "cell": "SimpleRNN"}, ctx) is None  # stopped: not judged
    assert resolve({"kind": "cell_mase", "cell": "GRU"}, base) is None  # no runs yet
