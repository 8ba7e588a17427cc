"""Keras recurrent models from a config, trained with live callbacks into a Run (being split by idea)."""

from rnnlab.training.models import *  # noqa: F403
from rnnlab.training.models import (  # noqa: F401 - private names other modules use
    _architecture,
    _Compiled,
    _fit,
    _keras,
    _make_optimizer,
    _seeds,
    _skip_single_replica_all_reduce,
    _tf,
)
