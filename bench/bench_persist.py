"""Cost of saving a session after a run: encode (rnnlab.classroom.session_codec), digest, store write; and
of restoring it: store read + decode. A heavy session: the default series, 10 runs of the
notebook's model (2 x 50 LSTM, weights + Adam moments) and a trained Hidden states network.

    python bench/bench_persist.py [--redis redis://127.0.0.1:6379/0]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rnnlab.classroom import session_codec as codec  # noqa: E402
from rnnlab.data import Series, noisy_sine  # noqa: E402
from rnnlab.scratch.network import Network  # noqa: E402
from rnnlab.store import open_store  # noqa: E402
from testkit import fake_run  # noqa: E402

# Shapes of the notebook's model: LSTM(50) on 1 input, LSTM(50) on 50, Dense(1).
SHAPES = [(1, 200), (50, 200), (200,), (50, 200), (50, 200), (200,), (50, 1), (1,)]


def heavy_session() -> dict:
    rng = np.random.default_rng(0)
    runs = []
    for i in range(10):
        run = fake_run(i)
        run.weights = [rng.normal(size=s).astype(np.float32) for s in SHAPES]
        run.optimizer_state = [np.array(20 * 4, dtype=np.int64)] + [
            rng.normal(size=s).astype(np.float32) for s in SHAPES for _ in range(2)]
        runs.append(run)
    net = Network.build("LSTM", 8, readout="every", seed=0)
    from ui.session.state import Session  # the app's one typed session object

    return {"p:session": Session(series=Series(noisy_sine(), name="sine"), runs=runs),
            "p:hidden_nets": {"key": ("LSTM", 8), "untrained": net, "trained": net, "result": None},
            "w:hidden_units": 8, "w:data_lookback": 10}


def best(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--redis", default="")
    args = parser.parse_args()
    state = heavy_session()
    data, skipped = codec.dumps(state, modules=("rnnlab.", "ui."))
    assert not skipped
    print(f"saved size: {len(data) / 2**20:.2f} MB (10 notebook-size runs)")
    print(f"encode: {best(lambda: codec.dumps(state, modules=('rnnlab.', 'ui.'))):.1f} ms")
    print(f"digest: {best(lambda: hashlib.blake2b(data, digest_size=16).digest()):.1f} ms "
          "(an unchanged session stops here)")
    print(f"decode: {best(lambda: codec.loads(data, modules=('rnnlab.', 'ui.'))):.1f} ms")
    from ui.persistence import saved_state  # the declared schema: every restored value checked

    back = codec.loads(data, modules=("rnnlab.", "ui."))[0]
    assert saved_state.validate(back).keys() == back.keys()
    print(f"check against the schema: {best(lambda: saved_state.validate(back)):.1f} ms")
    stores = {"sqlite": open_store(f"sqlite:///{tempfile.mkdtemp()}/store.db")}
    if args.redis:
        stores["redis"] = open_store(args.redis)
    for name, store in stores.items():
        print(f"{name}: put {best(lambda s=store: s.put('session:bench', data, ttl=60)):.1f} ms, "
              f"get {best(lambda s=store: s.get('session:bench')):.1f} ms")
        store.delete("session:bench")


if __name__ == "__main__":
    main()
