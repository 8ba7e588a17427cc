"""The built-in lesson "notebook": it loads unchanged, every scene is valid in both languages,
every value it names resolves on the scene's own state, and what its texts claim is what the
engine computes (the peak, the forget gate, the vanishing gradient, the batches, and, with
Keras, the notebook's model losing to persistence and the fix beating it)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from rnnlab.classroom import questions
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
from rnnlab.pages.page_controls import PAGES as CONTROL_TABLES
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


def test_the_stage_steps_and_units_exist(lesson):
    for scene in lesson:
        if scene.hidden is not None:
            inp, forward = stage(context(scene))
            assert scene.hidden["t"] <= len(inp.x) and scene.hidden["unit"] <= forward.hidden.shape[1]


def test_the_hidden_states_go_the_way_scene_two_says(lesson):
    two = lesson[1]
    ctx = context(two)
    u4 = [resolve({"kind": "hidden", "unit": 4, "t": t}, ctx) for t in range(1, 6)]
    u5 = [resolve({"kind": "hidden", "unit": 5, "t": t}, ctx) for t in range(1, 6)]
    assert all(b > a for a, b in zip(u4, u4[1:], strict=False)) and u4[0] > 0  # unit 4 climbs
    assert all(b < a for a, b in zip(u5, u5[1:], strict=False)) and u5[0] < 0  # unit 5 the other way


def test_the_compare_scene_counts_blocks_right(lesson):
    from rnnlab.declarations.vocab import N_BLOCKS

    assert (N_BLOCKS["LSTM"], N_BLOCKS["GRU"], N_BLOCKS["SimpleRNN"]) == (4, 3, 1)
    scene = next(s for s in lesson if s.page == "compare")
    assert "cuatro bloques" in scene.text.es and "four blocks" in scene.text.en
    assert scene.question["preset"] == "winner" and scene.needs_run


def test_a_bet_comes_before_its_training(lesson):
    """A choice question on runs opens before the scene's training shows its answer."""
    bet = next(s for s in lesson if s.question and s.question["preset"] == "persistence")
    assert not bet.needs_run and not any(VALUE_KINDS[r["kind"]].needs_run for r in bet.values.values())


def test_the_labels_it_quotes_are_the_apps(lesson):
    """A label the text quotes («...» / “...”) is the app's own label in that language."""
    import re

    from rnnlab.i18n import STRINGS

    words = {"es": {"mañana = hoy"}, "en": {"tomorrow = today"}}  # persistence, not a label
    quotes = {"es": r"«([^»]+)»", "en": r"“([^”]+)”"}
    for scene in lesson:
        for lang in ("es", "en"):
            labels = {texts.get(lang) for texts in STRINGS.values()}
            for quoted in re.findall(quotes[lang], scene.text.get(lang)):
                assert quoted in labels or quoted in words[lang], (lang, quoted)


def test_a_scenes_unit_is_the_arithmetics_unit(lesson):
    for scene in lesson:
        if "hidden_unit" in scene.settings:
            assert scene.hidden is not None and scene.settings["hidden_unit"] == scene.hidden["unit"]
