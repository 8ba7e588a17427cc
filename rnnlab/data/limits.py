"""How much data is read and kept: limits that keep one upload from pinning a shared server.

The other modules read them as ``limits.NAME`` at call time, so a test can lower one in one place.
"""

MIN_VALUES = 12  # fewer values cannot make a training, a validation and a test part
MAX_ROWS = 5_000_000  # beyond this a browser session would run out of memory
TRAIN_LIMIT = 2_000  # default number of values handed to training: keeps it fast in class
SAMPLE_BYTES = 64 * 1024  # enough lines to guess the format, small enough to be instant
CHUNK_ROWS = 100_000  # parsing in chunks keeps peak memory near the size of the result
MAX_COLUMNS = 1_000  # a time series file has a few columns; 55,000 of them pinned a session
PLAN_CELLS = 1_000_000  # cells read (all columns) to choose the columns; then only those are parsed
XLSX_SECONDS = 4.0  # reading a sheet cell by cell is slow: stop and say so rather than pin a session
