"""Small real time series shipped with rnnlab (public domain, taken once from statsmodels).

Each is a CSV file next to this module, read through ``rnnlab.data.read_csv`` like any upload,
so the same cleaning rules apply (the CO2 record has gaps, which get filled and noted).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Dataset:
    file: str
    title_key: str  # i18n key of the short name
    description_key: str  # i18n key of the one-line description
    source: str  # where the numbers come from (proper names: not translated)
    licence: str
    season: int = 1  # values per seasonal cycle (the backtest's seasonal naive, ETS and MASE)


BUILTIN: dict[str, Dataset] = {
    "sunspots": Dataset(
        "sunspots.csv", "data.builtin.sunspots", "data.builtin.sunspots.desc",
        "NOAA National Geophysical Data Center, via statsmodels (sunspots)", "Public domain",
        season=11,  # yearly means: the ~11-year solar cycle
    ),
    "co2": Dataset(
        "co2_mauna_loa.csv", "data.builtin.co2", "data.builtin.co2.desc",
        "Keeling & Whorf, Scripps / CDIAC (Mauna Loa flask samples), via statsmodels (co2)",
        "Public domain", season=52,  # weekly samples: 52 a year
    ),
    "nile": Dataset(
        "nile.csv", "data.builtin.nile", "data.builtin.nile.desc",
        "Cobb (1978), Biometrika 65(2), via statsmodels (nile)", "Public domain",
    ),
    "elnino": Dataset(
        "elnino.csv", "data.builtin.elnino", "data.builtin.elnino.desc",
        "NOAA Climate Prediction Center, ERSST.v3b Niño 1+2, via statsmodels (elnino)",
        "Public domain", season=12,  # monthly
    ),
}


def path(name: str) -> Path:
    """The CSV file of a built-in series."""
    if name not in BUILTIN:
        raise KeyError(f"unknown built-in series {name!r}; choose one of {sorted(BUILTIN)}")
    return HERE / BUILTIN[name].file


def load(name: str, lang: str = "en"):
    """A built-in series as an ``rnnlab.data.Series`` named in ``lang``."""
    from rnnlab.data import read_csv
    from rnnlab.i18n import t

    series = read_csv(path(name))
    series.name = t(BUILTIN[name].title_key, lang)
    return series
