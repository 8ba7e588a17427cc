"""The copycat check next to Train's prediction chart (rnnlab.forecasting.copycat): a sentence, and the
input shifted by one step drawable on the chart."""

from __future__ import annotations

import numpy as np
import streamlit as st

from rnnlab.forecasting import copycat
from rnnlab.plots import diagnostics as plots
from ui.elements.charts import memo
from ui.i18n import lang, num, pct, tr

TOGGLE = "train_copycat_shift"


def _test(run, values):
    index = np.asarray(run.target_index.get("test", []), dtype=int)
    pred = np.asarray(run.predictions.get("test", []), dtype=float)
    return index, pred


def prediction_figure(fig, run, values, x=None):
    """``fig`` (Train's memoised prediction chart), or a copy with the shifted input on it when
    the toggle is on, on the chart's own time labels ``x`` (None: positions). Draws the toggle."""
    on = st.toggle(tr("diag.copy.toggle"), key=TOGGLE, help=tr("diag.copy.toggle_help"))
    if not on:
        return fig
    values = np.asarray(values, dtype=float)
    index = np.arange(1, len(values))
    positions = index if x is None else np.asarray(x)[index]
    return memo("train_pred_shifted", (run, values, lang(), x),
                lambda: plots.with_shifted_input(fig, positions, copycat.shifted(values, index),
                                                 lang()))


def sentence(run, values) -> None:
    """What the copycat measures say about the test predictions, in plain words."""
    index, pred = _test(run, values)
    result = copycat.check(values, index, pred) if len(index) == len(pred) else None
    if result is None:
        st.caption(tr("diag.copy.none"))
        return
    words = dict(prev=num(result.mae_previous), cur=num(result.mae_current), lag=result.best_lag,
                 closer=pct(result.closer_to_previous))
    if result.flagged:
        st.warning(tr("diag.copy.flagged", **words), icon=":material/content_copy:")
    elif result.best_lag >= 1:
        st.info(tr("diag.copy.mixed", **words), icon=":material/content_copy:")
    else:
        st.caption(tr("diag.copy.fine", **words))
