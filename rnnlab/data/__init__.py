"""Series sources: the notebook's noisy sine, CSV and .xlsx uploads, and what the Data page shows.

One idea per module; every public name is re-exported here, so ``from rnnlab.data import X``
keeps working. (The built-in data sets are ``rnnlab.datasets``.)

- ``series``: ``Series`` (what every source returns), ``DataError`` (what bad input raises)
- ``limits``: how much is read and kept (MIN_VALUES, MAX_ROWS, ...)
- ``sources``: ``noisy_sine``, ``notebook_series``
- ``reading``: ``read_csv``, built on ``sniff`` (format), ``columns`` (which columns, numbers,
  dates), ``cleaning`` (gaps, order, trimmed ends) and ``xlsx`` (workbooks)
- ``describe``: the Data page's figures (summary, default range, windows, the scaling leak)
"""

from rnnlab.data.columns import TIME_NAMES
from rnnlab.data.describe import default_range, scaling_leak, summary, window_counts, window_split
from rnnlab.data.limits import (
    CHUNK_ROWS,
    MAX_COLUMNS,
    MAX_ROWS,
    MIN_VALUES,
    PLAN_CELLS,
    SAMPLE_BYTES,
    TRAIN_LIMIT,
    XLSX_SECONDS,
)
from rnnlab.data.reading import read_csv
from rnnlab.data.series import LAYOUTS, DataError, Series
from rnnlab.data.sources import NOTEBOOK_DRAWS_BEFORE_DATA, noisy_sine, notebook_series

__all__ = [
    "CHUNK_ROWS", "LAYOUTS", "MAX_COLUMNS", "MAX_ROWS", "MIN_VALUES", "NOTEBOOK_DRAWS_BEFORE_DATA",
    "PLAN_CELLS", "SAMPLE_BYTES", "TIME_NAMES", "TRAIN_LIMIT", "XLSX_SECONDS", "DataError",
    "Series", "default_range", "noisy_sine", "notebook_series", "read_csv", "scaling_leak",
    "summary", "window_counts", "window_split",
]
