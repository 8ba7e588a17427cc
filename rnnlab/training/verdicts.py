"""Judging a trained run against the baselines, and what to change after a divergence."""

from __future__ import annotations

import math

from rnnlab.declarations.messages import Message
from rnnlab.forecasting.baselines import BASELINES, run_mase
from rnnlab.training.config import TrainConfig
from rnnlab.training.run import Run

# Every verdict judges by one-step MASE (test MAE / persistence's MAE inside the training
# part), as the backtest's verdicts judge by multi-step MASE: one yardstick, named everywhere.
VERDICT_METRIC = "mase"


def improvement_fraction(run: Run, baseline: str = "persistence", split: str = "test",
                         metric: str = VERDICT_METRIC) -> float:
    """How much lower the run's error is than a baseline's: 0.38 = 38% better, negative = worse."""
    if metric == "mase":
        model, base = run_mase(run, split), run_mase(run, split, baseline)
    else:
        model = run.metrics[split][metric]
        base = run.baselines[baseline][split][metric]
    if not (math.isfinite(model) and math.isfinite(base)) or base == 0:
        return float("nan")
    return 1.0 - model / base


def verdict_text(run: Run, split: str = "test", lang: str = "es") -> str:
    """A plain-language sentence: does the run beat both baselines on ``split``?"""
    from rnnlab.i18n import t
    from rnnlab.i18n.numbers import Percent

    split_name = t(f"training.split.{split}", lang)
    exact = [b for b in BASELINES if run.baselines.get(b, {}).get(split, {}).get("rmse") == 0]
    if exact:  # a constant part: a baseline is exact, so a percentage "better" means nothing
        return t("training.verdict.exact", lang, split=split_name,
                 baseline=t(f"training.baseline.{exact[0]}", lang))
    gains = {baseline: improvement_fraction(run, baseline, split) for baseline in BASELINES}
    if not all(math.isfinite(gain) for gain in gains.values()):
        return t("training.verdict.unknown", lang, split=split_name)
    parts = []
    for baseline, gain in gains.items():
        key = "training.verdict.beats" if gain > 0 else "training.verdict.loses"
        parts.append(t(key, lang, baseline=t(f"training.baseline.{baseline}", lang),
                       split=split_name, pct=Percent(abs(gain)), model=run_mase(run, split),
                       base=run_mase(run, split, baseline)))
    if any(gain <= 0 for gain in gains.values()):
        relu = run.config.activation == "relu"
        parts.append(t("training.verdict.advice_relu" if relu else "training.verdict.advice", lang))
        parts.append(t("training.verdict.random_walk", lang))
    return " ".join(parts)


def divergence_advice(config: TrainConfig) -> list[Message]:
    """What to change after a divergence, as messages: only advice that applies to
    this config (no "use tanh" when tanh is in use; the data are always scaled already)."""
    advice = [Message("training.advice.lower_lr")]
    if config.activation == "relu":
        advice.append(Message("training.advice.tanh"))
    if config.clipnorm:
        advice.append(Message("training.advice.clip_lower", {"clipnorm": float(config.clipnorm)}))
    else:
        advice.append(Message("training.advice.clip"))
    return advice
