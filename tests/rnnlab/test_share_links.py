"""Lesson links: parameters round-trip, bad values are dropped, the app applies them once."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rnnlab import datasets
from rnnlab.classroom import share_links
from rnnlab.data import noisy_sine
from ui.classroom.share_links import HIDEABLE, SHAREABLE
from ui.session.state import session_of

SPLIT = {"lookback": 12, "val_fraction": 0.15, "test_fraction": 0.25, "scaler": "standard"}


def test_generated_source_round_trips():
    source = {"kind": "generate", "n": 240, "periods": 3.5, "noise": 0.05, "seed": 7}
    params = share_links.to_params(source, (10, 230, 2), SPLIT, teacher=True, hide=("hidden_units",),
                              task="vanish")
    setup = share_links.parse(params)
    assert setup.source == source
    assert setup.working_range == (10, 230, 2)
    assert setup.split == SPLIT
    assert setup.teacher and setup.hide == ("hidden_units",) and setup.task == "vanish"
    assert setup.dropped == []
    series = share_links.build_series(setup.source, "en")
    np.testing.assert_array_equal(series.values, noisy_sine(240, 3.5, 0.05, 7))


def test_notebook_source_round_trips():
    from rnnlab.data import notebook_series

    params = share_links.to_params({"kind": "notebook"}, (0, 100, 1), SPLIT)
    assert params["src"] == "notebook"
    setup = share_links.parse(params)
    assert setup.source == {"kind": "notebook"} and setup.working_range == (0, 100, 1)
    np.testing.assert_array_equal(share_links.build_series(setup.source, "en").values, notebook_series())


def test_builtin_source_round_trips_and_loads():
    name = next(iter(datasets.BUILTIN))
    setup = share_links.parse(share_links.to_params({"kind": "builtin", "name": name}, (0, 50, 1), SPLIT))
    assert setup.source == {"kind": "builtin", "name": name}
    assert len(share_links.build_series(setup.source, "es").values) > 12


def test_upload_gives_no_source_params():
    params = share_links.to_params({"kind": "upload", "name": "x.csv"}, (0, 10, 1), SPLIT)
    assert "src" not in params and "range" not in params
    assert share_links.parse(params).source is None


def test_invalid_values_are_dropped_and_reported():
    setup = share_links.parse({"src": "sine", "n": "-5", "noise": "abc", "range": "9,3,1", "lb": "1e9",
                          "sc": "robust", "name": "nope"})
    assert setup.source == {"kind": "generate", "n": 100, "periods": 2.0, "noise": 0.1, "seed": 42}
    assert setup.working_range is None and setup.split is None
    assert set(setup.dropped) == {"n", "noise", "range", "lb", "sc"}
    assert share_links.parse({"src": "builtin", "name": "nope"}).dropped == ["name"]
    assert share_links.parse({"src": "mars"}).dropped == ["src"]


def test_no_params_means_no_change():
    setup = share_links.parse({})
    assert setup.source is None and setup.split is None and not setup.teacher


@given(st.dictionaries(st.sampled_from(["src", "n", "periods", "noise", "seed", "name", "range",
                                        "lb", "vf", "tf", "sc", "teacher", "hide", "task"]),
                       st.text(max_size=20)))
def test_parse_never_raises(params):
    share_links.parse(params)


def test_app_applies_a_link_once_with_teacher_mode(app_test):
    at = app_test("app.py")
    for key, value in {"src": "sine", "n": "300", "periods": "4", "lb": "15", "teacher": "1",
                       "hide": "hidden_units", "task": "forget_peak"}.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    series = session_of(at.session_state).series
    np.testing.assert_array_equal(series.values, noisy_sine(300, 4.0, 0.1, 42))
    assert session_of(at.session_state).split.lookback == 15
    assert any("forget gate" in el.value for el in at.info)
    assert at.session_state["_teacher"]["hide"] == ("hidden_units",)
    link = at.code[0].value
    assert "src=sine" in link and "n=300" in link and "lb=15" in link
    # A change made after opening the link is not overwritten by it on the next run.
    session_of(at.session_state).split.lookback = 20
    at.run()
    assert session_of(at.session_state).split.lookback == 20


def test_bad_link_is_reported_not_crashed(app_test):
    at = app_test("app.py")
    at.query_params["src"] = "builtin"
    at.query_params["name"] = "../../etc/passwd"
    at.run()
    assert not at.exception
    assert any("name" in w.value for w in at.warning)


def _widget_keys(node) -> set:
    keys = set()
    key = getattr(node, "key", None)
    if isinstance(key, str):
        keys.add(key)
    for child in getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) else []:
        keys |= _widget_keys(child)
    return keys


@pytest.mark.parametrize("page_path", sorted(set(HIDEABLE) | set(SHAREABLE)))
def test_shareable_and_hideable_keys_are_real_widgets(app_test, page_path):
    """A renamed widget would silently stop travelling in links or being hidden: catch it."""
    folds = {"hidden_math": True, "hidden_grads": True} if page_path == "hidden_states" else {}
    at = app_test(f"views/{page_path}.py", **folds).run()  # folds open: their widgets drawn
    assert not at.exception
    drawn = _widget_keys(at._tree)
    wanted = set(HIDEABLE.get(page_path, {})) | set(SHAREABLE.get(page_path, {}))
    missing = {key for key in wanted - drawn if key != "hidden_t"}  # hidden_t: the step's state
    assert not missing, missing


HUGE = "9" * 400


@pytest.mark.parametrize("param", sorted(share_links.CONTROLS))
def test_a_huge_link_number_is_dropped_and_reported(param):
    """Item 19: ``?n=<400 digits>`` (or any numeric parameter) raised OverflowError."""
    setup = share_links.parse({"src": "sine", param: HUGE})
    assert param in setup.dropped


@pytest.mark.parametrize("param", ["n", "seed", "hidden_units", "train_epochs", "compare_batch"])
def test_app_reports_a_huge_link_number(app_test, param):
    """Also a page's own setting, read when the page opens (seed_page), after a reload too."""
    from ui.elements import nav

    page = {"hidden_units": nav.HIDDEN, "train_epochs": nav.TRAIN, "compare_batch": nav.COMPARE}
    at = app_test("app.py")
    at.query_params["src"] = "sine"
    at.query_params[param] = HUGE
    at.run()
    if param in page:
        at.switch_page(page[param].path).run()
    assert not at.exception, at.exception
    assert any(param in w.value for w in at.warning), [w.value for w in at.warning]
