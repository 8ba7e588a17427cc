"""The built-in lesson "notebook": it loads unchanged, every scene is valid in both languages,
every value it names resolves on the scene's own state, and what its texts claim is what the
engine computes (the peak, the forget gate, the vanishing gradient, the batches, and, with
Keras, the notebook's model losing to persistence and the fix beating it)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from rnnlab import questions
from rnnlab.lessons import builtin, loads
from rnnlab.lessons.model import CONTROL_PAGES, MARK
from rnnlab.lessons.notebook import PEAK_T
from rnnlab.lessons.values import (
    VALUE_KINDS,
    Context,
    context,
    render_text,
    resolve,
    stage,
    train_config,
)
from rnnlab.page_controls import PAGES as CONTROL_TABLES
from tests.rnnlab.test_lessons_values import recorded_run


@pytest.fixture(scope="module")
def lesson():
    return builtin("notebook")


def test_loads_unchanged(lesson):
    assert 10 <= len(lesson) <= 14
    text = lesson.dumps()
    assert loads(text) == lesson and loads(text).dumps() == text
    with pytest.raises(KeyError):
        builtin("nope")


def test_every_scene_in_both_languages(lesson):
    assert lesson.title.es and lesson.title.en and lesson.title.es != lesson.title.en
    for scene in lesson:
        assert scene.title.es and scene.title.en and scene.title.es != scene.title.en
        assert scene.text.es and scene.text.en and scene.text.es != scene.text.en
        assert sorted(MARK.findall(scene.text.es)) == sorted(MARK.findall(scene.text.en)), scene.title.en
        assert set(MARK.findall(scene.text.es)) == set(scene.values), scene.title.en  # none unused
        assert scene.focus is not None
        page_table = CONTROL_TABLES.get(CONTROL_PAGES.get(scene.page), {})
        assert set(scene.settings) <= set(page_table), scene.title.en  # the page's own controls
        assert "<" not in scene.text.es + scene.text.en and "**" not in scene.text.es + scene.text.en


def test_every_value_resolves_on_its_scene(lesson):
    for number, scene in enumerate(lesson, start=1):
        ctx = context(scene)
        needs = [name for name, ref in scene.values.items() if VALUE_KINDS[ref["kind"]].needs_run]
        if needs:
            assert scene.needs_run, number  # a value only a run gives: the scene starts one
            run, _ = recorded_run(ctx)
            ctx = Context(ctx.values, ctx.split, ctx.settings, run=run)
        for lang in ("es", "en"):
            parts = render_text(scene, lang, ctx)
            for part in parts:
                if "name" in part:
                    assert part["value"] is not None and part["text"] != "—", (number, part)
                    assert math.isfinite(part["value"])


def test_the_peak_and_the_forget_gate(lesson):
    """Scene 7 asks for the forget gate at the series' first peak; scene 8 says it barely moves."""
    ask = next(s for s in lesson if s.question and s.question["preset"] == "gate")
    ctx = context(ask)
    inp, forward = stage(ctx)
    assert int(np.argmax(inp.raw[:30])) + 1 == PEAK_T  # the first peak of the window
    assert ask.hidden == {"t": PEAK_T - 1, "unit": 1, "hide_future": True}
    question = questions.Question.from_dict(ask.question)
    truth = questions.engine_value(question, forward, inp)  # how a live question is answered
    assert truth == resolve({"kind": "gate", "gate": "forget", "unit": 1, "t": PEAK_T}, ctx)
    before = resolve({"kind": "gate", "gate": "forget", "unit": 1, "t": PEAK_T - 1}, ctx)
    sigma_one = 1 / (1 + math.exp(-1))
    assert abs(truth - before) < 0.005 and abs(truth - sigma_one) < 0.01  # "σ(1) ≈ 0.73"
    told = next(s for s in lesson if s.title.en == "A gate that has not learnt yet")
    assert "0,73" in told.text.es and "0.73" in told.text.en
    assert told.values["f_peak"] == {"kind": "gate", "gate": "forget", "unit": 1, "t": PEAK_T}


def test_vanishing_and_exploding(lesson):
    scene = next(s for s in lesson if s.focus == "gradients")
    ctx = context(scene)
    s30 = resolve(scene.values["s30"], ctx)
    l30 = resolve(scene.values["l30"], ctx)
    assert 100 <= l30 / s30 < 1000  # "hundreds of times more"
    assert resolve(scene.values["s1"], ctx) > resolve(scene.values["s10"], ctx) > s30
    exploding = context(scene.with_(settings={**scene.settings, "hidden_grad_radius": 1.3}))
    assert resolve({"kind": "gradient", "cell": "SimpleRNN", "back": 49}, exploding) > resolve(
        {"kind": "gradient", "cell": "SimpleRNN", "back": 1}, exploding)  # "it explodes"


def test_the_arithmetic_of_the_losing_model(lesson):
    """80 Adam steps: 4 batches of 16 from the training windows, 20 epochs; fewer parameters in the fix."""
    why = next(s for s in lesson if s.title.en == "Why it loses")
    ctx = context(why)
    windows = resolve(why.values["wtr"], ctx)
    batches = math.ceil(windows / why.settings["train_batch_size"])
    assert batches == 4 and batches * why.settings["train_epochs"] == 80
    assert "80" in why.text.es and "4 lotes" in why.text.es and "4 batches" in why.text.en
    fix = next(s for s in lesson if s.title.en == "A fix that wins")
    assert resolve(fix.values["params"], context(fix)) < resolve(why.values["params"], ctx) / 5


def test_train_scenes_are_the_pages_configs(lesson):
    from rnnlab.training import TrainConfig

    losing = next(s for s in lesson if s.title.en == "Why it loses")
    fix = next(s for s in lesson if s.title.en == "A fix that wins")
    assert train_config(context(losing)) == TrainConfig.seed_notebook()
    assert train_config(context(fix)) == TrainConfig.quick(seed=42)


@pytest.mark.keras
def test_the_notebook_model_loses_and_the_fix_wins(lesson):
    """The two Train scenes trained for real (the notebook's series, their own settings)."""
    from rnnlab.training import improvement_fraction, train

    losing = next(s for s in lesson if s.title.en == "Why it loses")
    fix = next(s for s in lesson if s.title.en == "A fix that wins")
    for scene, wins in ((losing, False), (fix, True)):
        ctx = context(scene)
        run = train(ctx.values, train_config(ctx))
        ctx.run = run
        assert (improvement_fraction(run, "persistence", "test") > 0) is wins, scene.title.en
        # the scene's persistence is the run's own yardstick, and its MASE the run's
        assert resolve(scene.values["pers"], ctx) == pytest.approx(run.baselines["persistence"]["test"]["mase"])
        assert resolve(scene.values["mase"], ctx) == pytest.approx(run.metrics["test"]["mase"])
