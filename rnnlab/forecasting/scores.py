"""Probabilistic scores of backtest intervals, the forecaster's way (issue 22).

The bands are split-conformal (rnnlab.forecasting.intervals): at step h the forecast ± the conformal
quantile of the other folds' |errors|. Each held-out forecast is scored against the band
calibrated *without its fold*, with scoringrules (Zamo, Lerch et al.):

- the interval (Winkler) score of the 1 - a band: its width, plus 2/a times how far the truth
  fell outside it (lower is better; a band that covers by being huge pays for its width);
- the pinball (quantile) loss of its two ends read as the a/2 and 1 - a/2 quantiles;
- the CRPS of the conformal predictive distribution: forecast + each of the other folds'
  errors at that step is a sample path of what the truth may be (an ensemble).

Scores are in the series' units, averaged over the held-out points of each step. The
benchmarks are scored the same way, from forecasts made at the same origins as the network's
(every origin o_k .. o_k + H - 1 of fold k); ETS is left out (one fit per origin).
"""

from __future__ import annotations

import numpy as np

from rnnlab.forecasting import backtest as bt
from rnnlab.forecasting import intervals

SCORED_BENCHMARKS = ("mean", "naive", "seasonal_naive", "drift")


def origin_residuals(values, horizon: int, folds: int, season: int,
                     method: str) -> tuple[np.ndarray, np.ndarray]:
    """(residuals (rows, H), fold of each row) of a benchmark forecasting from every origin
    o_k .. o_k + H - 1 of fold k (the network's calibration rows), fitted on ``values[:o]``;
    truth past the end of the series is NaN."""
    values = bt._clean(values)
    n = len(values)
    rows, row_fold = [], []
    for k, origin in enumerate(bt.origins(n, horizon, folds)):
        for o in range(origin, origin + horizon):
            if o >= n:
                break
            forecast = bt.METHODS[method](values[:o], horizon, season)
            truth = np.full(horizon, np.nan)
            available = values[o:o + horizon]
            truth[:len(available)] = available
            rows.append(truth - forecast)
            row_fold.append(k)
    return np.array(rows).reshape(-1, horizon), np.array(row_fold, dtype=int)


def held_out(residuals, groups, levels=intervals.LEVELS) -> dict:
    """Every held-out error with its band and its ensemble, per step.

    Returns {"scores": {"interval": {level: per-step mean}, "pinball": {quantile: per-step
    mean}, "crps": per-step mean, "coverage": {level: per-step}}, "points": per-step counts}.
    A step whose band is infinite (too few errors in the other folds) has NaN scores there.
    """
    import scoringrules as sr

    residuals = np.asarray(residuals, dtype=np.float64)
    groups = np.asarray(groups)
    horizon = residuals.shape[1]
    interval = {level: [[] for _ in range(horizon)] for level in levels}
    inside = {level: [[] for _ in range(horizon)] for level in levels}
    quantiles = sorted({round(q, 6) for level in levels for q in ((1 - level) / 2, (1 + level) / 2)})
    pinball = {q: [[] for _ in range(horizon)] for q in quantiles}
    crps = [[] for _ in range(horizon)]
    for group in np.unique(groups):
        calibration = residuals[groups != group]
        widths = intervals.half_widths(calibration, levels)
        for h in range(horizon):
            held = residuals[groups == group, h]
            held = held[np.isfinite(held)]
            ensemble = calibration[:, h][np.isfinite(calibration[:, h])]
            if not len(held):
                continue
            # the forecast is 0 in error units: truth = e, band [-w, w], ensemble = other errors
            if len(ensemble):
                crps[h].extend(np.atleast_1d(sr.crps_ensemble(held, np.broadcast_to(ensemble, (len(held), len(ensemble))),
                                                backend="numpy")).tolist())
            for level in levels:
                w = widths[level][h]
                if not np.isfinite(w):
                    continue
                alpha = 1 - level
                interval[level][h].extend(np.atleast_1d(
                    sr.interval_score(held, np.full(len(held), -w), np.full(len(held), w), alpha,
                                      backend="numpy")).tolist())
                inside[level][h].extend((np.abs(held) <= w).tolist())
                for q, end in ((round(alpha / 2, 6), -w), (round(1 - alpha / 2, 6), w)):
                    pinball[q][h].extend(np.atleast_1d(sr.quantile_score(
                        held, np.full(len(held), end), q, backend="numpy")).tolist())

    def mean(lists):
        return np.array([float(np.mean(v)) if v else float("nan") for v in lists])

    return {"scores": {"interval": {lv: mean(v) for lv, v in interval.items()},
                       "pinball": {q: mean(v) for q, v in pinball.items()},
                       "crps": mean(crps),
                       "coverage": {lv: mean(v) for lv, v in inside.items()}},
            "points": np.array([len(v) for v in crps])}


def summary(scored: dict) -> dict[str, float]:
    """One number per score, averaged over the horizon steps (NaN steps left out)."""
    s = scored["scores"]

    def avg(a):
        a = np.asarray(a, dtype=float)
        return float(np.nanmean(a)) if np.isfinite(a).any() else float("nan")

    out = {f"coverage_{int(round(100 * lv))}": avg(v) for lv, v in s["coverage"].items()}
    out.update({f"interval_{int(round(100 * lv))}": avg(v) for lv, v in s["interval"].items()})
    # (quantiles, steps); the quantiles of a level whose band is infinite are left out (every
    # method has the same rows, so the same ones are left out for all of them)
    pinball = np.vstack(list(s["pinball"].values()))
    out["pinball"] = avg(pinball[np.isfinite(pinball)])
    out["crps"] = avg(s["crps"])
    out["points"] = int(np.sum(scored["points"]))
    return out
