"""AppTest of issue 22's forecast checks on Train and Compare, in both languages."""

from __future__ import annotations

import numpy as np
import pytest

from rnnlab.data import noisy_sine
from rnnlab.forecasting import copycat, residuals
from rnnlab.i18n import t
from rnnlab.training import TrainConfig, train

pytestmark = pytest.mark.keras


def _run(name="a"):
    run = train(noisy_sine(), TrainConfig(cell="GRU", units=4, epochs=2, lookback=10))
    run.name = name
    return run


def _titles(specs):
    """Chart titles as written (long ones are wrapped with <br> for phones)."""
    return [str(s["layout"].get("title", {}).get("text")).replace("<br>", " ") for s in specs]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_train_shows_the_copycat_check_and_the_residual_checks(app_test, plotly_specs, texts, decode,
                                                               lang):
    run = _run()
    at = app_test("views/train.py", lang=lang, _sync_training=True, runs=[run]).run()
    assert not at.exception
    shown = texts(at)
    assert "diag." not in shown  # no raw keys
    titles = _titles(plotly_specs(at))
    for key in ("diag.res.time_title", "diag.res.acf_title", "diag.res.hist_title"):
        assert t(key, lang) in titles
    # the ACF drawn is the network's own, on the training part (default)
    acf = plotly_specs(at)[titles.index(t("diag.res.acf_title", lang))]
    expected = residuals.check(run.targets["train"], run.predictions["train"])
    np.testing.assert_allclose(decode(acf["data"][0]["y"]), expected.acf, rtol=1e-5, atol=1e-6)
    # one copycat sentence, chosen from the measures
    result = copycat.check(run.values, run.target_index["test"], run.predictions["test"])
    key = ("diag.copy.flagged" if result.flagged else
           "diag.copy.mixed" if result.best_lag >= 1 else "diag.copy.fine")
    opening = t(key, lang, prev="", cur="", lag="", closer="").split(":")[0].strip("*")
    assert opening in shown
    # the shifted input is drawn on the prediction chart when asked
    before = len(plotly_specs(at))
    at.toggle(key="train_copycat_shift").set_value(True).run()
    assert not at.exception
    names = [tr.get("name") for s in plotly_specs(at) for tr in s["data"]]
    assert t("diag.copy.shifted", lang) in names
    assert len(plotly_specs(at)) == before


def test_train_backtest_draws_the_rolling_origin_and_scores_the_bands(app_test, plotly_specs, texts):
    at = app_test("views/train.py", lang="en", _sync_training=True, runs=[_run()]).run()
    at.slider(key="bt_horizon").set_value(4).run()
    at.button(key="bt_start").click().run()
    assert not at.exception
    titles = _titles(plotly_specs(at))
    origin = plotly_specs(at)[titles.index(t("diag.origin.title", "en"))]
    bars = [tr for tr in origin["data"] if tr.get("type") == "bar"]
    assert len(bars) == 2 * 3  # a training span and a horizon per fold
    assert t("diag.score.cov_title", "en") in titles
    tables = [d.value for d in at.dataframe if t("diag.score.col_crps", "en") in d.value.columns]
    assert len(tables) == 1 and len(tables[0]) == 2 + 4  # two strategies, four cheap benchmarks
    assert "Winkler" in texts(at)


def test_compare_shows_the_residual_check_of_a_chosen_run(app_test, plotly_specs):
    runs = [_run("a"), _run("b")]
    for i, run in enumerate(runs):
        run.run_id = f"r{i}"
    at = app_test("views/compare.py", lang="es", runs=runs).run()
    assert not at.exception
    assert t("diag.res.acf_title", "es") in _titles(plotly_specs(at))
    at.selectbox(key="compare_res_run").set_value("r1").run()
    assert not at.exception
