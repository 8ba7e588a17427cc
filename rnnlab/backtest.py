"""``rnnlab.backtest``, the public name (../shared/DESIGN.md) of rnnlab.forecasting.backtest.

The module now lives with the other forecasting modules; this name stays importable and *is*
that module (same object), so ``rnnlab.backtest.benchmark_scores`` and a test that patches
either name behave as before.
"""

import sys

from rnnlab.forecasting import backtest as _backtest

sys.modules[__name__] = _backtest
