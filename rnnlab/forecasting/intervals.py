"""Split-conformal prediction intervals from backtest residuals, one width per horizon step.

The backtest's forecasts were made from origins their models never saw past, so their
absolute errors at step h are an honest sample of how wrong an h-step forecast is. The band
at level 1 - a is forecast ± the ceil((m + 1)(1 - a))-th smallest of those m errors (Vovk's
split-conformal quantile): with exchangeable errors it covers at least 1 - a of new points.
Too few residuals for a level give an infinite width (no band), never a made-up one.
"""

from __future__ import annotations

import math

import numpy as np

LEVELS = (0.8, 0.95)


def conformal_quantile(abs_residuals, level: float) -> float:
    """The split-conformal quantile of |residuals| (NaN ignored); inf when there are too few."""
    r = np.sort(np.asarray(abs_residuals, dtype=np.float64).ravel())
    r = r[np.isfinite(r)]
    rank = math.ceil((len(r) + 1) * level)
    return float(r[rank - 1]) if 1 <= rank <= len(r) else float("inf")


def min_residuals(level: float) -> int:
    """The fewest residuals that give a finite band at ``level``."""
    m = 1
    while math.ceil((m + 1) * level) > m:
        m += 1
    return m


def half_widths(residuals, levels=LEVELS) -> dict[float, np.ndarray]:
    """{level: width per step}: residuals is (forecasts, horizon), NaN where no truth exists."""
    residuals = np.abs(np.asarray(residuals, dtype=np.float64))
    return {level: np.array([conformal_quantile(residuals[:, h], level)
                             for h in range(residuals.shape[1])]) for level in levels}


def coverage(truth, lower, upper) -> float:
    """Fraction of finite truths inside [lower, upper]."""
    truth, lower, upper = (np.asarray(a, dtype=np.float64) for a in (truth, lower, upper))
    known = np.isfinite(truth)
    if not known.any():
        return float("nan")
    return float(np.mean((truth[known] >= lower[known]) & (truth[known] <= upper[known])))


def leave_one_group_out(residuals, groups, levels=LEVELS) -> tuple[dict, dict]:
    """Held-out coverage: each group's residuals judged by a band built from the other groups.

    Returns ({level: coverage over all held-out points}, {level: {group: widths}}).
    A point counts as covered when |residual| <= width (the band is forecast ± width); points
    whose band is infinite (too few residuals in the other groups) are not judged, so a single
    group gives NaN, not a flattering 100 %.
    """
    residuals = np.asarray(residuals, dtype=np.float64)
    groups = np.asarray(groups)
    inside = {level: [] for level in levels}
    widths: dict[float, dict] = {level: {} for level in levels}
    for group in np.unique(groups):
        calib = half_widths(residuals[groups != group], levels)
        held = np.abs(residuals[groups == group])
        for level in levels:
            widths[level][group.item() if hasattr(group, "item") else group] = calib[level]
            judged = np.isfinite(held) & np.isfinite(calib[level])[None, :]
            inside[level].extend((held <= calib[level][None, :])[judged].tolist())
    return ({level: float(np.mean(v)) if v else float("nan") for level, v in inside.items()},
            widths)


def held_out_points(residuals, groups, levels=LEVELS) -> dict[float, tuple[int, int]]:
    """{level: (points inside, points judged)} of leave_one_group_out's held-out coverage."""
    residuals = np.asarray(residuals, dtype=np.float64)
    groups = np.asarray(groups)
    out = {level: [0, 0] for level in levels}
    for group in np.unique(groups):
        calib = half_widths(residuals[groups != group], levels)
        held = np.abs(residuals[groups == group])
        for level in levels:
            judged = np.isfinite(held) & np.isfinite(calib[level])[None, :]
            out[level][0] += int((held <= calib[level][None, :])[judged].sum())
            out[level][1] += int(judged.sum())
    return {level: (inside, judged) for level, (inside, judged) in out.items()}


def coverage_range(inside: int, judged: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson interval of a coverage measured on ``judged`` points (statsmodels): how far the
    estimate may be from the band's true coverage if the points were independent. Errors of
    one fold are correlated, so the real uncertainty is larger. (nan, nan) with no points."""
    if judged <= 0:
        return float("nan"), float("nan")
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(inside, judged, alpha=1 - confidence, method="wilson")
    return float(low), float(high)
