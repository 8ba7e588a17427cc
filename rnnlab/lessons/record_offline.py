"""Record the trainings the built-in lesson's offline file shows (its run metrics, learning
curves, Compare's three cells, the choice questions' answers).

    .venv/bin/python -m rnnlab.lessons.record_offline          # writes offline_runs.json

The file never trains: ``rnnlab.lessons.offline`` reads these records when a scene needs a run
and the exporter has none of its own. Each record is keyed by the run's config and the series'
values (``offline.run_key``): a lesson or a default that changes makes a key nobody reads.
tests/rnnlab/test_offline_lesson.py checks that every training the built-in lesson needs is
recorded (no Keras); tests/rnnlab/test_offline_record.py (keras) trains one again and compares.
"""

from __future__ import annotations

import json
import platform
import sys
import time

from rnnlab.lessons import offline


def record(lesson, on_run=None) -> dict:
    """Train every run the lesson's scenes read; the records as offline_runs.json holds them."""
    from rnnlab.training import train

    runs = []
    for config, values in offline.needed_trainings(lesson):
        started = time.perf_counter()
        run = train(values, config)
        runs.append(offline.record_of(run, offline.forecasts_of(run)))
        if on_run is not None:
            on_run(run, time.perf_counter() - started)
    return {"lesson": "notebook", "python": platform.python_version(), "runs": runs}


def main() -> int:
    from rnnlab.lessons import builtin

    def say(run, seconds):
        print(f"{run.name}: test MASE {run.metrics['test']['mase']:.4f} ({seconds:.1f} s)", flush=True)

    data = record(builtin("notebook"), say)
    offline.RECORDED_RUNS.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"{len(data['runs'])} runs -> {offline.RECORDED_RUNS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
