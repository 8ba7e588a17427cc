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


def test_a_second_holder_waits_until_the_first_gives_its_turn_back():
    turns = Turns(1, wait=30)
    entered, leave, first = threading.Event(), threading.Event(), []
    holder = threading.Thread(target=_hold, args=(turns, entered, leave, first))
    holder.start()
    assert entered.wait(30)
    second_in, second = threading.Event(), []
    waiter = threading.Thread(target=_hold, args=(turns, second_in, threading.Event(), second))
    waiter.daemon = True
    waiter.start()
    # while the first holds the only slot, the second cannot take it
    assert not turns._free.acquire(blocking=False)
    assert not second_in.is_set()
    leave.set()
    assert second_in.wait(30)
    assert first == [True] and second == [True]
    holder.join(30)


def test_two_slots_hold_two_at_once():
    turns = Turns(2, wait=30)
    leave = threading.Event()
    events = [threading.Event(), threading.Event()]
    out: list = []
    threads = [threading.Thread(target=_hold, args=(turns, e, leave, out)) for e in events]
    for thread in threads:
        thread.start()
    assert all(e.wait(30) for e in events)  # both inside together
    leave.set()
    for thread in threads:
        thread.join(30)
    assert out == [True, True]


def test_a_wait_that_runs_out_goes_ahead_without_a_turn_and_gives_nothing_back():
    turns = Turns(1, wait=0.05)
    entered, leave, first = threading.Event(), threading.Event(), []
    holder = threading.Thread(target=_hold, args=(turns, entered, leave, first))
    holder.start()
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
