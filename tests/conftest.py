"""Test-wide settings: the app's session store lives in a temporary folder, never in the
user's cache or the repository (the browser tests' server inherits this environment)."""

from __future__ import annotations

import os
import tempfile

_DATA = tempfile.mkdtemp(prefix="rnnlab-test-data-")
os.environ["RNNLAB_DATA_DIR"] = _DATA
os.environ.pop("RNNLAB_STORE", None)  # tests choose their store explicitly
