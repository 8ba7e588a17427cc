"""Server time of one step move on the Hidden states page (target: < 100 ms).

The step fragment's work for 64 units x 200 steps, LSTM (the cell with the most figures):
move the cached figures to the new step (``StepFigures.at``), serialise each one the way
``st.plotly_chart`` does (``fig.to_dict()`` then ``plotly.io.to_json``), recompute one unit's
arithmetic with its LaTeX, and turn the 64-term table into Arrow bytes as ``st.dataframe`` does.
What it leaves out: Streamlit's message framing and the websocket (small next to the above).

Also printed: the one-off cost of building the figures (paid once per settings change, not per
step), for comparison. Run:  .venv/bin/python bench/bench_hidden_fragment.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import plotly.io as pio  # noqa: E402
from streamlit.dataframe_util import convert_anything_to_arrow_bytes  # noqa: E402

from rnnlab import hidden as hd  # noqa: E402
from rnnlab.data import noisy_sine  # noqa: E402
from rnnlab.plots.hidden import StepFigures  # noqa: E402

UNITS, STEPS, REPEATS = 64, 200, 40


def one_step(figures: StepFigures, network, inp, forward, t: int) -> int:
    """Everything the fragment computes for step t; returns the bytes it would send."""
    sent = 0
    for fig in figures.at(t).values():
        sent += len(pio.to_json(fig.to_dict(), validate=False))
    ar = hd.step_arithmetic("LSTM", network.layers[0].params, inp.x, forward.hidden, t - 1, 0,
                            "tanh", forward.cell_state)
    latex = [hd.block_latex(b, "LSTM", 0) for b in ar.blocks] + [hd.state_latex(ar, "tanh")]
    sent += sum(map(len, latex))
    for block in ar.blocks:
        sent += len(convert_anything_to_arrow_bytes(hd.recurrent_terms(ar, block.name)))
    return sent


def main() -> None:
    settings = hd.Settings(cell="LSTM", units=UNITS, length=STEPS)
    values = noisy_sine(n=400, periods=6)
    inp = hd.make_input(values, "series", length=STEPS)
    network = hd.build_network(settings)

    start = time.perf_counter()
    forward = hd.run(network, inp.x)
    figures = StepFigures(hd.step_data(settings, inp, forward), "es")
    build_ms = 1000 * (time.perf_counter() - start)

    one_step(figures, network, inp, forward, 1)  # warm-up (imports, caches)
    times, cpu, sent = [], [], 0
    for k in range(REPEATS):
        t = 1 + (37 * k) % STEPS  # jump around: every step costs the same
        start, start_cpu = time.perf_counter(), time.thread_time()
        sent = one_step(figures, network, inp, forward, t)
        times.append(1000 * (time.perf_counter() - start))
        cpu.append(1000 * (time.thread_time() - start_cpu))

    times.sort()
    cpu.sort()
    print(f"Hidden states step move, LSTM {UNITS} units x {STEPS} steps, {REPEATS} moves")
    print(f"  wall: median {statistics.median(times):.1f} ms | p90 {times[int(0.9 * len(times))]:.1f} ms "
          f"| min {times[0]:.1f} ms | max {times[-1]:.1f} ms   (target < 100 ms)")
    print(f"  CPU of this thread (what the move costs, waiting for a busy machine excluded): "
          f"median {statistics.median(cpu):.1f} ms | max {cpu[-1]:.1f} ms")
    print(f"  payload per move: {sent / 1e6:.2f} MB of figure JSON, LaTeX and Arrow tables")
    print(f"  one-off per settings change (forward + PCA + building the figures): {build_ms:.0f} ms")
    print(f"  machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} "
          "(shared with other work: timings are noisy)")


if __name__ == "__main__":
    main()
