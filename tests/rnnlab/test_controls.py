"""Control specs: each control is declared once, and everything else agrees with that one place."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rnnlab import training
from rnnlab.classroom import share_links
from rnnlab.declarations import vocab
from rnnlab.declarations.controls import Action, Choice, Float, Int, Toggle
from rnnlab.pages import hidden, page_controls
from rnnlab.pages.page_controls import COMPARE, DATA, HIDDEN, PAGES, TRAIN, TRAIN_PREFIX
from rnnlab.training import LIMITS, TrainConfig
from ui.classroom import share_links as ui_links


def test_int_parses_clamps_and_writes_back():
    spec = Int(2, 64, default=8, label="hidden.units")
    assert spec.parse("9") == 9 and spec.parse("65") is None and spec.parse("1") is None
    assert spec.parse("8.0") is None and spec.parse("abc") is None and spec.parse("") is None
    assert spec.clamp(100) == 64 and spec.clamp(-3) == 2 and spec.clamp("x") == 8
    assert spec.clamp(7.6) == 8 and isinstance(spec.clamp(7.6), int)
    assert spec.clamp(50, high=20) == 20 and spec.clamp(1, low=5) == 5
    assert spec.clamp(50, high=1) == 2  # a range narrowed below its floor stays at the floor
    assert spec.parse(spec.text(33)) == 33


def test_float_slider_stops_and_link_text():
    spec = Float(0.05, 0.45, step=0.05, default=0.2)
    assert spec.options() == [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45]
    assert spec.clamp(0.17) == 0.15 and spec.clamp(0.0) == 0.05 and spec.clamp(math.nan) == 0.2
    assert spec.parse("nan") is None and spec.parse("inf") is None and spec.parse("0.5") is None
    assert spec.parse(spec.text(0.15)) == 0.15


def test_select_slider_keeps_a_valid_value_set_elsewhere():
    spec = TRAIN["train_learning_rate"]
    assert 0.0002 in spec.options(0.0002) and 5.0 not in spec.options(5.0)
    assert spec.clamp(5.0) == LIMITS["learning_rate"][1]


def test_choice_toggle_and_action():
    spec = Choice(("a", "b"), default="a")
    assert spec.parse("b") == "b" and spec.parse("c") is None and spec.clamp("c") == "a"
    assert Toggle().clamp(1) is True
    assert Action(label="x").parse("1") is None
    with pytest.raises(ValueError):
        Int(0, 5, default=9)  # a default outside its own range is a bug, caught at import


@given(st.one_of(st.text(max_size=12), st.integers(), st.floats()))
def test_every_spec_parses_anything_without_raising(raw):
    for table in PAGES.values():
        for spec in table.values():
            value = spec.parse(raw)
            assert value is None or spec.valid(value)


def test_every_default_is_valid_and_every_range_lies_within_what_it_configures():
    for table in [*PAGES.values(), page_controls.BACKTEST]:
        for key, spec in table.items():
            if not isinstance(spec, Action):
                assert spec.valid(spec.default), key
    for key, spec in TRAIN.items():
        name = key.removeprefix(TRAIN_PREFIX)
        if isinstance(spec, Action):
            continue
        if name in LIMITS:
            low, high = LIMITS[name]
            assert low <= spec.low <= spec.high <= high, key
            assert spec.low == low, f"{key}: the page's floor differs from TrainConfig's"
    assert not TrainConfig(**{k.removeprefix(TRAIN_PREFIX): s.default for k, s in TRAIN.items()
                              if not isinstance(s, Action) and k != "train_clipnorm"}).validate(100)
    for key in ("compare_epochs", "compare_batch", "compare_lr"):
        name = {"compare_batch": "batch_size", "compare_lr": "learning_rate"}.get(key, "epochs")
        assert LIMITS[name][0] <= COMPARE[key].low <= COMPARE[key].high <= LIMITS[name][1]
    assert set(TRAIN["train_cell"].options) == set(training.TRAIN_CELLS) == set(vocab.CELLS + vocab.MODERN_CELLS)
    assert set(TRAIN["train_optimizer"].options) == set(training.OPTIMIZERS)
    assert set(TRAIN["train_activation"].options) == set(training.ACTIVATIONS)


def test_one_learning_rate_floor_everywhere():
    floors = {spec.low for table in PAGES.values() for key, spec in table.items()
              if key.endswith(("learning_rate", "_lr"))}
    assert floors == {LIMITS["learning_rate"][0]}
    shared = ui_links.SHAREABLE["train"]["train_learning_rate"]
    assert shared.parse(str(LIMITS["learning_rate"][0])) == LIMITS["learning_rate"][0]
    assert shared.parse("1e-7") is None


def test_data_split_matches_train_config():
    """The Data page once allowed a validation fraction of 0, which TrainConfig refuses."""
    for key, name in (("data_val", "val_fraction"), ("data_test", "test_fraction")):
        assert (DATA[key].low, DATA[key].high) == LIMITS[name]
    assert share_links.LIMITS["vf"] == LIMITS["val_fraction"] and share_links.LIMITS["tf"] == LIMITS["test_fraction"]
    assert share_links.parse({"vf": "0"}).dropped == ["vf"]
    assert DATA["data_lookback"].low == LIMITS["lookback"][0]


def test_lesson_links_and_teacher_mode_read_the_specs():
    for page, table in PAGES.items():
        assert set(ui_links.SHAREABLE.get(page, {})) == {k for k, s in table.items() if s.share}
        assert ui_links.HIDEABLE.get(page, {}) == {k: s.label for k, s in table.items() if s.hide}
    assert not any(isinstance(s, Action) and s.share for t in PAGES.values() for s in t.values())
    # the split travels once, as the Data page's lb/vf/tf/sc, not again as Train's settings
    assert not set(ui_links.SHAREABLE["train"]) & {"train_lookback", "train_val_fraction",
                                                     "train_test_fraction", "train_scaler"}
    assert HIDDEN["hidden_length"].high == hidden.MAX_LENGTH == HIDDEN["hidden_t"].high


def test_every_label_and_help_is_translated():
    from rnnlab.i18n import t

    for table in [*PAGES.values(), page_controls.BACKTEST]:
        for spec in table.values():
            for key in filter(None, (spec.label, spec.help)):
                for lang in ("es", "en"):
                    assert t(key, lang) != key, key
            if isinstance(spec, Choice) and spec.option_label:
                for option in spec.options:
                    assert t(spec.option_label.format(option), "en") != spec.option_label.format(option)


def test_lookup_finds_a_key_on_its_page():
    assert page_controls.lookup("train_units") is TRAIN["train_units"]
    assert page_controls.lookup("lang_switch") is None


HUGE = "9" * 400  # a lesson link value of 400 digits: int() reads it, float() cannot hold it


@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_huge_number_is_refused_not_raised(page):
    """Item 19: a 300-400 digit value raised OverflowError (math.isfinite on a huge int)."""
    numeric = {key: spec for key, spec in PAGES[page].items() if isinstance(spec, (Int, Float))}
    for key, spec in numeric.items():
        for raw in (HUGE, "-" + HUGE, "1" + "0" * 308, 10**400, -(10**400)):
            assert spec.parse(raw) is None, key
        assert not spec.valid(10**400) and not spec.valid(-(10**400)), key
        assert spec.clamp(10**400) == spec.bounds()[1] and spec.clamp(-(10**400)) == spec.low, key
        assert spec.clamp(HUGE) == spec.default, key


def test_huge_ints_are_real_numbers_too():
    spec = Int(0, 10**500, default=3)
    assert spec.valid(10**400) and spec.parse(str(10**400)) == 10**400
