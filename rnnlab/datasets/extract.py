"""Writes the built-in CSV files once, from statsmodels' bundled public-domain data sets.

Run by hand (``python -m rnnlab.datasets.extract``) with statsmodels installed; the app only
reads the CSV files and never needs statsmodels.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    import pandas as pd
    import statsmodels.api as sm

    sun = sm.datasets.sunspots.load_pandas().data
    pd.DataFrame({"year": sun["YEAR"].astype(int), "sunspots": sun["SUNACTIVITY"]}).to_csv(
        HERE / "sunspots.csv", index=False)

    co2 = sm.datasets.co2.load_pandas().data  # weekly, with the gaps of the original record
    pd.DataFrame({"date": co2.index.strftime("%Y-%m-%d"), "co2_ppm": co2["co2"]}).to_csv(
        HERE / "co2_mauna_loa.csv", index=False)

    nile = sm.datasets.nile.load_pandas().data
    pd.DataFrame({"year": nile["year"].astype(int), "flow": nile["volume"]}).to_csv(
        HERE / "nile.csv", index=False)

    wide = sm.datasets.elnino.load_pandas().data  # one row per year, one column per month
    long = wide.melt(id_vars="YEAR", var_name="month", value_name="sst_celsius")
    months = {m: i + 1 for i, m in enumerate(wide.columns[1:])}
    long["date"] = pd.to_datetime(dict(year=long["YEAR"].astype(int), month=long["month"].map(months), day=1))
    long = long.sort_values("date")
    pd.DataFrame({"month": long["date"].dt.strftime("%Y-%m"), "sst_celsius": long["sst_celsius"]}).to_csv(
        HERE / "elnino.csv", index=False)


if __name__ == "__main__":
    main()
