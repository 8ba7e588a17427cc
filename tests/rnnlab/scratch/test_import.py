"""rnnlab.scratch works without TensorFlow: importing and using it never loads tensorflow/keras."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import sys
import numpy as np
from rnnlab.data import noisy_sine
from rnnlab.scratch import Network, jacobian_norms, memory_probe, train_windows
from rnnlab.data.windows import prepare
net = Network.build("GRU", units=[4, 4], seed=0)
result = train_windows(net, prepare(noisy_sine(), 10), epochs=2)
jacobian_norms(net.layers[0], np.zeros((5, 1)))
memory_probe(net, np.zeros((5, 1)))
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras", "streamlit"))
print(result.status, loaded)
"""


def test_scratch_never_imports_tensorflow_or_streamlit():
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "completed []"
