"""Series sources: the notebook's noisy sine, CSV uploads and built-in real data sets (being split by idea)."""

from rnnlab.data.reading import *  # noqa: F403
from rnnlab.data.reading import _chunks  # noqa: F401 - a test spies on it
