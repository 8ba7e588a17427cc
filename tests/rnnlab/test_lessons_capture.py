"""Capturing a scene from the app's declared state, and the app's source for a scene's data."""

from __future__ import annotations

import numpy as np
import pytest

from rnnlab.data import noisy_sine
from rnnlab.lessons import LessonError, loads
from rnnlab.lessons.capture import app_source, capture, lesson_source, scene_controls
from rnnlab.lessons.values import context, resolve, source_values


def test_sources_both_ways():
    gen = {"kind": "generate", "n": 150, "periods": 3.0, "noise": 0.05, "seed": 9}
    assert lesson_source(gen) == {"kind": "noisy_sine", "n": 150, "periods": 3.0, "noise": 0.05, "seed": 9}
    assert app_source(lesson_source(gen)) == gen
    for src in ({"kind": "notebook"}, {"kind": "builtin", "name": "nile"}):
        assert app_source(lesson_source(src)) == src
    upload = lesson_source({"kind": "upload", "name": "x.csv"}, np.arange(10.0), "x.csv")
    assert upload == {"kind": "values", "name": "x.csv", "values": [float(v) for v in range(10)]}
    assert lesson_source({"kind": "upload"}, np.arange(6000.0)) is None  # too long for a file
    assert lesson_source({"kind": "upload"}, [1.0, np.nan]) is None
    np.testing.assert_array_equal(source_values(lesson_source(gen)), noisy_sine(150, 3.0, 0.05, 9))


def test_capture_keeps_the_pages_controls_and_replays():
    controls = {"hidden_cell": "GRU", "hidden_units": 6, "hidden_seed": 3, "hidden_length": 40,
                "hidden_show_trained": True, "hidden_train": True, "train_units": 32, "hidden_unit": 99}
    scene = capture("hidden", source={"kind": "generate", "n": 120, "periods": 3.0, "noise": 0.1, "seed": 1},
                    range_=(10, 110, 1), split={"val_fraction": 0.1, "test_fraction": 0.2, "lookback": 8,
                                                 "scaler": "standard"},
                    controls=controls, step=7, unit=2, hide_future=True, hide=["hidden_cell"],
                    focus="stage", title={"es": "Escena", "en": "Scene"}, text="x")
    assert scene.settings == {"hidden_cell": "GRU", "hidden_units": 6, "hidden_seed": 3, "hidden_length": 40}
    assert scene.hidden == {"t": 7, "unit": 2, "hide_future": True} and scene.hide == ("hidden_cell",)
    assert scene.data["range"] == [10, 110, 1] and scene.data["split"]["scaler"] == "standard"
    ctx = context(scene)
    assert len(ctx.values) == 100 and ctx.setting("hidden_cell") == "GRU"
    assert resolve({"kind": "gate", "gate": "reset", "unit": 6, "t": 40}, ctx) is not None
    # the scene travels in a file and comes back the same
    from rnnlab.lessons import Lesson

    lesson = Lesson.from_dict({"format": "rnnlab-lesson", "version": 1, "scenes": [scene.to_dict()]})
    assert loads(lesson.dumps())[0] == scene


def test_capture_refuses_what_a_file_would():
    with pytest.raises(LessonError):
        capture("hidden", focus="curve")
    assert "train_lookback" not in scene_controls("train") and "compare_lr" in scene_controls("compare")
    assert scene_controls("home") == {}
