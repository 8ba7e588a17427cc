"""The old name of ``rnnlab.runtime.worker`` (the training worker is a runtime boundary above the training
package, not part of it). ``from rnnlab.training import worker`` and ``python -m
rnnlab.training.worker FD`` keep working: this module *is* rnnlab.runtime.worker once imported, so a
test that patches one patches the other."""

import sys

from rnnlab.runtime import worker as _worker

if __name__ == "__main__":
    _worker.main(int(sys.argv[1]))
else:
    sys.modules[__name__] = _worker
