"""rnnlab.runtime.turns: at most N holders at once, the others wait their turn; never a deadlock."""

from __future__ import annotations

import threading

import pytest

from rnnlab.runtime.turns import Turns


def _hold(turns: Turns, entered: threading.Event, leave: threading.Event, out: list) -> None:
    with turns.turn() as taken:
        out.append(taken)
        entered.set()
        leave.wait(30)


def _holder(turns: Turns):
    """A thread that takes a turn and holds it until told to leave: (thread, entered, leave, out)."""
    entered, leave, out = threading.Event(), threading.Event(), []
    thread = threading.Thread(target=_hold, args=(turns, entered, leave, out), daemon=True)
    thread.start()
    return thread, entered, leave, out


def test_a_second_holder_waits_until_the_first_gives_its_turn_back():
    turns = Turns(1, wait=30)
    first, first_in, first_leave, first_out = _holder(turns)
    assert first_in.wait(30)
    second, second_in, second_leave, second_out = _holder(turns)
    # while the first holds the only slot, nobody else can take it: the second waits
    assert not turns._free.acquire(blocking=False)
    assert second_out == []
    first_leave.set()
    assert second_in.wait(30)  # the first's turn went to the second
    second_leave.set()
    first.join(30), second.join(30)
    assert first_out == [True] and second_out == [True]


def test_two_slots_hold_two_at_once():
    turns = Turns(2, wait=30)
    holders = [_holder(turns), _holder(turns)]
    assert all(entered.wait(30) for _, entered, _, _ in holders)  # both inside together
    for thread, _, leave, out in holders:
        leave.set()
        thread.join(30)
        assert out == [True]


def test_a_wait_that_runs_out_goes_ahead_without_a_turn_and_gives_nothing_back():
    turns = Turns(1, wait=0.05)
    holder, entered, leave, _ = _holder(turns)
    assert entered.wait(30)
    with turns.turn() as taken:
        ran = True
    assert ran and taken is False
    leave.set()
    holder.join(30)
    # one slot, back where it started: taken once, and a second take fails (no extra release)
    assert turns._free.acquire(blocking=False)
    assert not turns._free.acquire(blocking=False)


def test_the_turn_is_given_back_when_the_block_fails():
    turns = Turns(1, wait=30)
    with pytest.raises(RuntimeError), turns.turn():
        raise RuntimeError("a rerun, a stop, a bug")
    with turns.turn() as taken:
        assert taken


def test_at_least_one_slot():
    assert Turns(0, wait=1).slots == 1
