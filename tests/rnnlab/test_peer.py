"""Vote twice (rnnlab.activities.peer): the two rounds on both store backends, and the moves
between them counted against hand-made examples."""

from __future__ import annotations

import pytest

from rnnlab.activities import peer
from rnnlab.activities.peer import Peer
from rnnlab.classroom import questions as qs
from rnnlab.classroom.rooms import RoomError


def sid(k: int) -> str:
    return f"student{k:04d}"


def choice(n: int = 3) -> qs.Question:
    return qs.own_question("choice", "Which cell wins?", [f"opt{k}" for k in range(n)])


def test_choice_moves_are_counted_student_by_student():
    q = choice()
    # right answer: option 2. By hand:
    # s0 2->2 right->right; s1 0->2 wrong->right; s2 1->2 wrong->right; s3 2->0 right->wrong;
    # s4 0->1 wrong->wrong (changed); s5 1->1 wrong->wrong; s6 only round one; s7 only round two.
    first = {sid(0): 2, sid(1): 0, sid(2): 1, sid(3): 2, sid(4): 0, sid(5): 1, sid(6): 0}
    second = {sid(0): 2, sid(1): 2, sid(2): 2, sid(3): 0, sid(4): 1, sid(5): 1, sid(7): 2}
    m = peer.moves(q, first, second, truth=2)
    assert (m.both, m.first_only, m.second_only, m.changed) == (6, 1, 1, 4)
    assert (m.right_right, m.right_wrong, m.wrong_right, m.wrong_wrong) == (1, 1, 2, 2)
    assert m.to == {(0, 2): 1, (1, 2): 1, (2, 0): 1, (0, 1): 1}
    assert m.closer is None and m.tolerance is None
    # without a truth: only who changed, and to what
    m = peer.moves(q, first, second)
    assert m.changed == 4 and m.right_right is None and m.to[(2, 0)] == 1


def test_value_moves_closer_further_and_right_by_the_tolerance_shown():
    q = qs.own_question("value", "h at t = 5?")
    truth = 0.6  # tolerance max(0.1 * 0.6, 0.05) = 0.06: right means within [0.54, 0.66]
    assert peer.tolerance(truth) == pytest.approx(0.06)
    assert peer.tolerance(0.01) == 0.05 and peer.tolerance(-300.0) == pytest.approx(30.0)
    first = {sid(0): 0.1, sid(1): 0.62, sid(2): 0.9, sid(3): 0.5, sid(4): 0.55, sid(5): "x"}
    second = {sid(0): 0.58, sid(1): 0.8, sid(2): 0.7, sid(3): 0.7, sid(4): 0.55, sid(5): 0.6}
    # s0 |.5|->|.02| closer, wrong->right; s1 .02->.2 further, right->wrong;
    # s2 .3->.1 closer, wrong->wrong; s3 .1->.1 same, wrong->wrong; s4 unchanged, right->right.
    # s5's round-one answer is not a number: it counts as round two only.
    m = peer.moves(q, first, second, truth=truth)
    assert (m.both, m.changed, m.second_only, m.first_only) == (5, 4, 1, 0)
    assert (m.closer, m.further, m.same) == (2, 1, 2)
    assert (m.right_right, m.right_wrong, m.wrong_right, m.wrong_wrong) == (1, 1, 1, 2)
    assert m.tolerance == pytest.approx(0.06)


def test_two_rounds_discuss_between_and_reveal_both(rooms):
    room = rooms.create()
    votes = Peer(rooms)
    for k in range(5):
        rooms.join(room.code, sid(k))
    q = choice()
    votes.start(room.code, room.token, q)
    assert votes.vote(room.code).phase == "first"
    for k, a in enumerate((0, 0, 1, 2, 2)):
        rooms.answer(room.code, sid(k), q.id, a)
    rooms.answer(room.code, sid(0), q.id, 1)  # a changed mind replaces: s0 said 1 in round one
    rooms.answer(room.code, sid(0), q.id, 1)  # sent twice: counted once
    votes.close_first(room.code, room.token)
    assert votes.vote(room.code).phase == "discuss"
    assert rooms.question(room.code) is None  # students see no question and no answers
    assert votes.first_answers(room.code) == [0, 1, 1, 2, 2]
    assert votes.my_first(room.code, sid(0)) == 1
    with pytest.raises(RoomError) as err:  # round one is closed to answers
        rooms.answer(room.code, sid(1), q.id, 2)
    assert err.value.reason == "no_question"
    second = votes.ask_second(room.code, room.token)
    assert second.id != q.id and second.options == q.options and second.text == q.text
    for k, a in enumerate((2, 2, 2, 2)):  # s4 does not vote again
        rooms.answer(room.code, sid(k), second.id, a)
    with pytest.raises(RoomError):  # an answer to round one's id is refused in round two
        rooms.answer(room.code, sid(4), q.id, 0)
    result = votes.reveal(room.code, room.token, 2, "teacher")
    assert result.first == [0, 1, 1, 2, 2] and result.second == [2, 2, 2, 2]
    m = result.moves
    # s0 1->2, s1 0->2, s2 1->2 wrong->right; s3 2->2 right->right; s4 round one only
    assert (m.both, m.first_only, m.wrong_right, m.right_right, m.right_wrong) == (4, 1, 3, 1, 0)
    assert votes.vote(room.code).phase == "revealed"
    assert votes.result(room.code).moves.to == {(1, 2): 2, (0, 2): 1}


def test_only_the_teacher_moves_the_vote_and_steps_come_in_order(rooms):
    room = rooms.create()
    votes = Peer(rooms)
    with pytest.raises(RoomError):
        votes.close_first(room.code, room.token)  # no vote yet
    votes.start(room.code, room.token, choice())
    for action in (votes.close_first, votes.ask_second, votes.stop):
        with pytest.raises(RoomError) as err:
            action(room.code, "not-the-token")
        assert err.value.reason == "forbidden"
    with pytest.raises(RoomError):
        votes.ask_second(room.code, room.token)  # round one still open
    with pytest.raises(RoomError):
        votes.reveal(room.code, room.token)
    votes.close_first(room.code, room.token)
    with pytest.raises(RoomError):
        votes.close_first(room.code, room.token)


def test_another_question_ends_the_vote_and_the_room_ending_deletes_it(rooms, store):  # noqa: F811
    room = rooms.create()
    votes = Peer(rooms)
    votes.start(room.code, room.token, choice())
    votes.close_first(room.code, room.token)
    rooms.ask(room.code, room.token, choice(2))  # the teacher asked something else meanwhile
    assert votes.vote(room.code) is None
    votes.start(room.code, room.token, choice())
    votes.close_first(room.code, room.token)
    rooms.end(room.code, room.token)
    assert store.get(f"room:{room.code}:peer") is None and store.get(f"room:{room.code}:peer:first") is None


def test_round_one_read_back_is_checked_as_untrusted(rooms, store):  # noqa: F811
    room = rooms.create()
    votes = Peer(rooms)
    q = choice()
    votes.start(room.code, room.token, q)
    votes.close_first(room.code, room.token)
    bad = {"question": q.to_dict(), "answers": {sid(1): 2, sid(2): 7, "bad id!": 1, sid(3): "1",
                                               sid(4): float("inf"), sid(5): True}}
    import json

    store.put(f"room:{room.code}:peer:first", json.dumps(bad).encode(), ttl=60)
    assert votes.first_answers(room.code) == [2]
    store.put(f"room:{room.code}:peer:first", b"x" * (peer.MAX_FIRST_BYTES + 1), ttl=60)
    assert votes.first_answers(room.code) == [] and votes.vote(room.code) is None
    store.put(f"room:{room.code}:peer", b'{"phase": "second", "first": "zz", "second": null}', ttl=60)
    assert votes.vote(room.code) is None
