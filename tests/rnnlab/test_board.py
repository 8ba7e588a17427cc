"""The class board (rnnlab.activities.board): posts checked as untrusted, the poster is the
session's student, caps, grouping over seeds and ranking, on both store backends."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, replace

import numpy as np
import pytest

from rnnlab.activities import board as bd
from rnnlab.activities.board import Board, BoardError
from rnnlab.classroom.rooms import RoomError
from rnnlab.training import Run, TrainConfig


def sid(k: int) -> str:
    return f"student{k:04d}"


def post(run: str = "r1", mase: float = 0.8, seed: int = 42, units: int = 32, **extra) -> dict:
    settings = {k: v for k, v in asdict(replace(TrainConfig(), seed=seed, units=units)).items()}
    return {"kind": "train", "run": run, "settings": settings, "mase": mase, "persistence": 1.02,
            "seasonal": 1.4, "season": 12, "seconds": 3.5, "epochs": 20, "series": "Nile",
            "fingerprint": "0123456789abcdef", **extra}


def test_seasonal_naive_mase_by_hand():
    values = np.array([1.0, 3.0, 2.0, 4.0, 3.0, 5.0, 4.0, 6.0])
    # train = values[:4]: mean |diff| = (2 + 1 + 2) / 3 = 5/3. Test targets at 6, 7; season 2:
    # predictions values[4] = 3, values[5] = 5 against 4, 6: MAE 1. MASE = 1 / (5/3) = 0.6
    assert bd.seasonal_naive_mase(values, [6, 7], 4, 2) == pytest.approx(0.6)
    # season 1 is persistence: values[5]=5, values[6]=4 against 4, 6: MAE 1.5 -> 0.9
    assert bd.seasonal_naive_mase(values, [6, 7], 4, 1) == pytest.approx(0.9)
    assert math.isnan(bd.seasonal_naive_mase(values, [1, 2], 4, 3))  # no value a season before


def test_a_runs_summary_holds_its_settings_scores_and_time():
    values = np.sin(np.arange(40) * 2 * np.pi / 8) + 0.01 * np.arange(40)
    cfg = TrainConfig(lookback=4, val_fraction=0.2, test_fraction=0.2, seed=7)
    test_index = np.arange(32, 40)
    run = Run(config=cfg, history={"loss": [1.0, 0.5, 0.2]}, predictions={}, targets={},
              target_index={"test": test_index}, metrics={"test": {"mase": 0.42}},
              baselines={"persistence": {"test": {"mase": 1.1}}}, n_params=10, summary=[],
              seconds=2.25, run_id="abc123", series_name="sine", values=values, split=(24, 32))
    s = bd.summary(run, season=8, kind="compare")
    assert s["settings"]["seed"] == 7 and s["settings"]["lookback"] == 4
    assert (s["mase"], s["persistence"], s["seconds"], s["epochs"]) == (0.42, 1.1, 2.25, 3)
    scale = np.mean(np.abs(np.diff(values[:24])))
    expected = np.mean(np.abs(values[test_index] - values[test_index - 8])) / scale
    assert s["seasonal"] == pytest.approx(expected)
    assert bd.check_post(s)["settings"] == s["settings"]


@pytest.mark.parametrize("bad", [
    {"mase": float("nan")}, {"mase": float("inf")}, {"mase": -1.0}, {"mase": "0.5"}, {"mase": True},
    {"mase": 1e9}, {"seconds": float("inf")}, {"persistence": float("-inf")}, {"epochs": 0},
    {"epochs": 2.5}, {"season": True}, {"series": "x" * 81}, {"fingerprint": "zz"}, {"run": "a b"},
    {"run": "x" * 65}, {"kind": "draw"},
])
def test_posts_with_bad_numbers_or_sizes_are_refused(bad):
    with pytest.raises(BoardError):
        bd.check_post(post(**bad))


@pytest.mark.parametrize("setting", [
    {"units": 10_000}, {"units": 0}, {"units": 3.5}, {"cell": "Transformer"}, {"learning_rate": float("nan")},
    {"learning_rate": 5.0}, {"seed": -1}, {"seed": 2**40}, {"clipnorm": float("inf")}, {"extra": 1},
    {"dropout": "0.1"}, {"layers": True},
])
def test_settings_outside_train_configs_limits_are_refused(setting):
    raw = post()
    raw["settings"] = {**raw["settings"], **setting}
    with pytest.raises(BoardError) as err:
        bd.check_post(raw)
    assert err.value.reason == "settings"


def test_missing_baselines_are_allowed_and_said_as_none():
    checked = bd.check_post(post(seasonal=float("nan"), persistence=None))
    assert checked["seasonal"] is None and checked["persistence"] is None


def test_only_a_joined_student_posts_under_their_own_id_and_reads_are_anonymous(rooms, store):  # noqa: F811
    room = rooms.create()
    board = Board(rooms)
    rooms.join(room.code, sid(1))
    with pytest.raises(RoomError) as err:  # a forged poster: an id that never joined
        board.post(room.code, sid(2), post())
    assert err.value.reason == "not_joined"
    with pytest.raises(ValueError):
        board.post(room.code, "../../x", post())
    forged = post(student=sid(2), nick=5)  # fields naming someone else (or a nickname) are ignored
    entry = board.post(room.code, sid(1), forged)
    fields = store.fields(f"room:{room.code}:board")
    assert list(fields) == [f"{sid(1)}.{list(fields)[0].split('.')[1]}"]
    assert sid(2).encode() not in fields[list(fields)[0]]
    assert entry.nick == bd.nickname_index(room.code, sid(1))
    entries = board.entries(room.code)
    assert len(entries) == 1 and sid(1) not in json.dumps([asdict(e) for e in entries])
    assert board.entries(room.code, sid(1))[0].mine and not board.entries(room.code, sid(3))[0].mine


def test_the_same_run_twice_is_one_post_and_each_student_has_a_cap(rooms):
    room = rooms.create()
    board = Board(rooms)
    rooms.join(room.code, sid(1))
    board.post(room.code, sid(1), post("r1", 0.9))
    board.post(room.code, sid(1), post("r1", 0.7))  # sent again (say, a double tap): replaces
    assert [e.mase for e in board.entries(room.code)] == [0.7]
    for k in range(2, bd.MAX_POSTS_PER_STUDENT + 1):
        board.post(room.code, sid(1), post(f"r{k}"))
    with pytest.raises(RoomError) as err:
        board.post(room.code, sid(1), post("one_more"))
    assert err.value.reason == "board_full"
    board.post(room.code, sid(1), post("r1", 0.6))  # a post of theirs can still be replaced
    assert len(board.entries(room.code)) == bd.MAX_POSTS_PER_STUDENT


def test_posting_fast_is_slowed_down(rooms, monkeypatch):
    monkeypatch.setattr(bd, "MAX_POSTS_PER_STUDENT", 100)
    room = rooms.create()
    board = Board(rooms)
    rooms.join(room.code, sid(1))
    for k in range(bd.POST_LIMIT.limit):
        board.post(room.code, sid(1), post(f"r{k}"))
    with pytest.raises(RoomError) as err:
        board.post(room.code, sid(1), post("late"))
    assert err.value.reason == "slow_down"


def test_nicknames_are_stable_per_student_and_distinct_in_a_room(rooms):
    room = rooms.create()
    board = Board(rooms)
    nicks = {}
    for k in range(40):
        rooms.join(room.code, sid(k))
        nicks[k] = board.post(room.code, sid(k), post(f"r{k}")).nick
    assert len(set(nicks.values())) == 40
    assert board.post(room.code, sid(3), post("again")).nick == nicks[3]
    assert board.nickname(room.code, sid(3)) == nicks[3] and board.nickname(room.code, sid(99)) is None
    names = {bd.nickname(n, "es") for n in nicks.values()}
    assert len(names) == 40 and all(len(name.split()) == 2 for name in names)


def test_groups_gather_seeds_of_the_same_settings_and_rank_by_median(rooms):
    room = rooms.create()
    board = Board(rooms)
    for k in range(7):
        rooms.join(room.code, sid(k))
    # 32 units, three seeds: 0.5, 0.9, 1.3 -> median 0.9 (best 0.5, worst 1.3)
    # 64 units, two seeds: 0.7, 0.8 -> median 0.75: ranked first although its best is worse
    # 16 units, one seed on ANOTHER series' values with the same settings as 64: its own group
    for k, (units, seed, mase) in enumerate([(32, 1, 0.9), (32, 2, 0.5), (32, 3, 1.3), (64, 1, 0.8),
                                             (64, 2, 0.7)]):
        board.post(room.code, sid(k), post(f"r{k}", mase, seed, units))
    board.post(room.code, sid(5), post("r5", 0.1, 9, 64, fingerprint="fedcba9876543210"))
    groups = bd.groups(board.entries(room.code))
    assert [(g.settings["units"], round(g.median, 3), len(g.entries)) for g in groups] == [
        (64, 0.1, 1), (64, 0.75, 2), (32, 0.9, 3)]
    g32 = groups[2]
    assert (g32.low, g32.high) == (0.5, 1.3) and g32.seeds == [2, 1, 3]


def test_the_board_ends_with_the_room(rooms, store):  # noqa: F811
    room = rooms.create()
    board = Board(rooms)
    rooms.join(room.code, sid(1))
    board.post(room.code, sid(1), post())
    rooms.end(room.code, room.token)
    assert board.entries(room.code) == [] and store.fields(f"room:{room.code}:board") == {}
    with pytest.raises(RoomError):
        board.post(room.code, sid(1), post("r2"))


def test_a_damaged_stored_post_is_left_out(rooms, store):  # noqa: F811
    room = rooms.create()
    board = Board(rooms)
    rooms.join(room.code, sid(1))
    board.post(room.code, sid(1), post())
    key = f"room:{room.code}:board"
    store.set_field(key, f"{sid(2)}.00112233aabbccdd", json.dumps({**post(mase=float("nan")), "nick": 1}).encode())
    store.set_field(key, f"{sid(3)}.00112233aabbccdd", b"not json")
    store.set_field(key, "nobody", json.dumps({**post(), "nick": 2}).encode())
    store.set_field(key, f"{sid(4)}.00112233aabbccdd", json.dumps({**post(), "nick": 10**6}).encode())
    assert len(board.entries(room.code)) == 1
