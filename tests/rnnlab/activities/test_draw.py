"""Draw the future (rnnlab.activities.draw): the spec, a drawing's checks, the scores against
independent computations, and the activity on both store backends."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from rnnlab.activities import draw as dr
from rnnlab.activities.draw import DrawError, Draws
from rnnlab.classroom.rooms import RoomError


def _spec(shown, horizon=3, season=1):
    return dr.DrawSpec("0123abcd", horizon, len(shown), 0, tuple(float(v) for v in shown), season)


# ----- the spec -----

def test_make_hides_h_values_after_the_test_start_and_shows_at_most_max_shown_before():
    values = np.arange(100.0)
    spec, truth = dr.make(values, 12, season=1, test_start=80)
    assert (spec.cut, spec.start, spec.horizon) == (80, 0, 12)
    assert truth.tolist() == list(range(80, 92))
    assert spec.shown == tuple(range(80))
    # fewer than H values after the test start: the cut moves back
    spec, truth = dr.make(values, 30, test_start=80)
    assert spec.cut == 70 and truth.tolist() == list(range(70, 100))
    long = np.arange(1000.0)
    spec, _ = dr.make(long, 5, cut=900)
    assert spec.start == 900 - dr.MAX_SHOWN and len(spec.shown) == dr.MAX_SHOWN
    assert dr.DrawSpec.from_dict(spec.to_dict()) == spec


@pytest.mark.parametrize("horizon", [0, 49, 2.5, True, "3"])
def test_a_horizon_outside_1_to_48_is_refused_with_a_message(horizon):
    with pytest.raises(DrawError) as exc:
        dr.make(np.arange(100.0), horizon)
    assert exc.value.message.key == "draw.error.horizon"
    assert "1" in exc.value.message.text("es") and "48" in exc.value.message.text("es")


def test_a_series_too_short_or_a_cut_out_of_place_is_refused():
    with pytest.raises(DrawError) as exc:
        dr.make(np.arange(5.0), 4)
    assert exc.value.reason == "too_short"
    with pytest.raises(DrawError) as exc:
        dr.make(np.arange(50.0), 10, cut=45)
    assert exc.value.reason == "cut"


def test_spec_from_the_room_refuses_what_is_not_ours():
    good = _spec([1.0, 2.0, 3.0, 4.0]).to_dict()
    assert dr.DrawSpec.from_dict(good) is not None
    for bad in ({**good, "horizon": 0}, {**good, "shown": [1.0, float("nan"), 3.0, 4.0]},
                {**good, "shown": [1.0, 2.0]}, {**good, "id": "../../x"}, {**good, "cut": True},
                "spec", None):
        assert dr.DrawSpec.from_dict(bad) is None


# ----- a drawing -----

def test_a_drawing_must_be_h_finite_numbers():
    spec = _spec([0.0, 1.0, 2.0, 1.0], horizon=3)
    assert dr.validate(spec, [1, 1.5, 2]).values.tolist() == [1.0, 1.5, 2.0]
    for raw, reason in (([1, 2], "length"), ([1, 2, 3, 4], "length"), ([1, None, 2], "missing"),
                        ([1, float("nan"), 2], "not_finite"), ([1, float("inf"), 2], "not_finite"),
                        ([1, "2", 3], "not_numbers"), ([1, True, 3], "not_numbers"), ("123", "not_numbers"),
                        ({"a": 1}, "not_numbers")):
        with pytest.raises(DrawError) as exc:
            dr.validate(spec, raw)
        assert exc.value.reason == reason, raw
        for lang in ("es", "en"):  # translated, never the key itself
            assert not exc.value.message.text(lang).startswith("draw.error")


def test_absurd_values_are_clipped_to_the_band_and_the_student_is_told():
    spec = _spec([0.0, 1.0, 2.0, 1.0], horizon=3)  # range 0..2: the band is -2..4
    assert spec.band() == (-2.0, 4.0)
    drawing = dr.validate(spec, [1e9, 1.0, -50])
    assert drawing.values.tolist() == [4.0, 1.0, -2.0] and drawing.clipped == 2
    message = drawing.message(spec)
    assert message.key == "draw.clipped"
    assert "2" in message.text("en") and "−2" in message.text("es") or "-2" in message.text("es")
    assert dr.validate(spec, [1, 1, 1]).message(spec) is None


# ----- the scores, against independent computations -----

def test_mase_by_hand():
    shown = [1.0, 3.0, 2.0, 5.0]  # |diffs| = 2, 1, 3: scale 2
    s, lag = dr.scale(shown, 1)
    assert (s, lag) == (2.0, 1)
    # drawing 4, 6, 6 against truth 5, 5, 9: |errors| 1, 1, 3: MAE 5/3, MASE 5/6
    assert dr.mase([4.0, 6.0, 6.0], [5.0, 5.0, 9.0], s) == pytest.approx(5 / 6)
    # seasonal: lag 2 once the shown part holds more than one season
    s2, lag2 = dr.scale([1.0, 4.0, 2.0, 7.0, 2.0], 2)  # |y_t - y_(t-2)|: 1, 3, 0: scale 4/3
    assert lag2 == 2 and s2 == pytest.approx(4 / 3)
    assert dr.scale([1.0, 2.0], 5)[1] == 1  # not a whole season shown: lag 1
    assert math.isnan(dr.scale([3.0, 3.0, 3.0], 1)[0])  # flat: nothing to scale by


def test_crps_of_an_ensemble_matches_the_closed_form_for_two_members():
    # CRPS(F, y) for F = the empirical distribution of {x1, x2}:
    # E|X - y| - E|X - X'| / 2 = (|x1 - y| + |x2 - y|) / 2 - |x1 - x2| / 4
    truth = [0.3, 2.0, -1.0]
    drawings = [[0.0, 1.0, -1.0], [1.0, 4.0, 3.0]]
    closed = [(abs(a - y) + abs(b - y)) / 2 - abs(a - b) / 4 for y, a, b in zip(truth, *drawings, strict=True)]
    assert dr.crps(truth, drawings) == pytest.approx(np.mean(closed))


def test_crps_of_an_empirical_ensemble_matches_its_definition_by_integration():
    rng = np.random.default_rng(3)
    drawings = rng.normal(size=(9, 4))
    truth = rng.normal(size=4)
    # CRPS = integral of (F(z) - 1{z >= y})^2 dz, F the ensemble's step function
    z = np.linspace(-8, 8, 400_001)
    expected = []
    for h in range(4):
        F = np.searchsorted(np.sort(drawings[:, h]), z, side="right") / 9
        expected.append(np.trapezoid((F - (z >= truth[h])) ** 2, z))
    assert dr.crps(truth, drawings) == pytest.approx(np.mean(expected), abs=1e-4)
    import scoringrules as sr

    assert dr.crps(truth, drawings) == pytest.approx(float(np.mean(sr.crps_ensemble(truth, drawings.T))))


def test_interval_score_by_hand():
    # width 2; truth 0.5 inside (2), 3 above by 2 (2 + 2/0.2 * 2 = 22), -1 below by 1 (2 + 10 = 12)
    assert dr.interval_score([0.5, 3.0, -1.0], [0.0, -1.0, 0.0], [2.0, 1.0, 2.0], 0.2) == pytest.approx(
        (2 + 22 + 12) / 3)


def test_fan_is_the_10_50_90_quantiles_per_step():
    drawings = np.array([[float(k), 10.0 * k] for k in range(11)])  # 0..10 and 0..100
    q10, med, q90 = dr.fan(drawings)
    assert q10.tolist() == [1.0, 10.0] and med.tolist() == [5.0, 50.0] and q90.tolist() == [9.0, 90.0]


def test_anchoring_counts_flat_and_last_season_copies():
    shown = [0.0, 10.0, 0.0, 10.0, 0.0, 10.0]  # season 2, last value 10, range 10: tolerance 0.5
    spec = _spec(shown, horizon=4, season=2)
    flat = [10.0, 10.2, 9.9, 10.1]
    season = [0.1, 10.0, 0.0, 9.8]
    other = [5.0, 5.0, 5.0, 5.0]
    out = dr.anchoring(spec, [flat, season, other, flat])
    assert (out["flat"], out["season"], out["n"]) == (2, 1, 4) and out["season_checked"]
    assert dr.anchoring(_spec(shown, horizon=4, season=1), [season])["season"] == 0


def test_score_ranks_the_class_median_and_the_models_and_places_each_student():
    shown = [1.0, 3.0, 2.0, 5.0]  # scale 2
    spec = _spec(shown, horizon=3)
    truth = [5.0, 5.0, 9.0]
    drawings = [[5.0, 5.0, 9.0], [4.0, 6.0, 6.0], [5.0, 5.0, 5.0]]  # MASE 0, 5/6, 2/3
    net = np.array([5.0, 6.0, 8.0])  # MASE 1/3
    forecasts = {"seasonal_naive": np.array([5.0, 5.0, 5.0]), "ets": np.array([6.0, 7.0, 8.0])}
    result = dr.score(spec, truth, drawings, network=net, network_name="LSTM 1", forecasts=forecasts,
                      rng=random.Random(0))
    by = {r["who"]: r for r in result.rows}
    assert by["class"]["mase"] == pytest.approx(1 / 2)  # median 5, 5, 6 against 5, 5, 9: MAE 1
    assert by["network"]["mase"] == pytest.approx(1 / 3)
    assert by["seasonal_naive"]["mase"] == pytest.approx(2 / 3)
    assert by["ets"]["mase"] == pytest.approx((1 + 2 + 1) / 3 / 2)
    assert [r["who"] for r in result.rows][0] == "network"  # best first
    assert by["network"]["beaten"] == 1  # only the perfect drawing beats it
    assert by["ets"]["crps"] == pytest.approx(4 / 3)  # a point forecast's CRPS is its MAE
    assert by["class"]["crps"] == pytest.approx(dr.crps(truth, drawings))
    q10, _, q90 = dr.fan(drawings)
    assert by["class"]["interval"] == pytest.approx(dr.interval_score(truth, q10, q90))
    assert result.place(0.0) == (1, 3) and result.place(5 / 6) == (3, 3) and result.place(2 / 3) == (2, 3)
    assert set(result.beats(0.4)) == {"class", "seasonal_naive", "ets"}
    assert set(result.beats(0.5)) == {"seasonal_naive", "ets"}  # a tie does not beat
    assert sorted(map(tuple, result.drawings)) == sorted(map(tuple, drawings))
    # what the room holds reads back the same
    again = dr.Result.from_dict(result.to_dict(), spec)
    assert again.rows == result.rows and again.mases == result.mases and again.truth == truth


def test_score_without_a_network_has_no_network_row_and_fits_the_models_itself():
    values = np.sin(np.arange(60) * 2 * np.pi / 12) * 3 + 10
    spec, truth = dr.make(values, 6, cut=48, season=12)
    result = dr.score(spec, truth, [truth + 0.1], before_cut=values[:48])
    assert {r["who"] for r in result.rows} == {"class", "seasonal_naive", "ets"}
    # the seasonal naive forecast of a pure sine of season 12 is the truth itself
    assert np.allclose(result.forecasts["seasonal_naive"], truth)
    assert result.network == ""


# ----- in a room, both stores -----

def _open(rooms, n_students=2, horizon=3):
    room = rooms.create()
    students = [f"student-{k:04d}" for k in range(n_students)]
    for sid in students:
        rooms.join(room.code, sid)
    spec, truth = dr.make(np.arange(20.0), horizon, cut=15)
    draws = Draws(rooms)
    draws.open(room.code, room.token, spec)
    return room, students, spec, truth, draws


def test_one_drawing_per_student_a_resend_replaces_it_and_counts_once(rooms):
    room, (a, b), spec, truth, draws = _open(rooms)
    assert draws.stamp(room.code) == {"id": spec.id, "phase": "open"}
    draws.submit(room.code, a, spec.id, [1, 2, 3])
    draws.submit(room.code, a, spec.id, [15, 16, 17])
    draws.submit(room.code, b, spec.id, [14, 14, 14])
    assert draws.count(room.code, spec.id) == 2
    assert sorted(d.tolist() for d in draws.drawings(room.code, spec)) == [[14.0] * 3, [15.0, 16.0, 17.0]]
    assert draws.mine(room.code, a, spec).tolist() == [15.0, 16.0, 17.0]


def test_only_joined_students_may_send_and_only_while_open(rooms):
    room, (a, _), spec, truth, draws = _open(rooms)
    with pytest.raises(RoomError) as exc:
        draws.submit(room.code, "stranger-0001", spec.id, [1, 2, 3])
    assert exc.value.reason == "not_joined"
    with pytest.raises(DrawError) as exc:
        draws.submit(room.code, a, "ffffffff", [1, 2, 3])
    assert exc.value.reason == "gone"
    with pytest.raises(RoomError):  # a student holds no token: cannot close or reveal
        draws.close(room.code, "not-the-token", spec.id)
    draws.close(room.code, room.token, spec.id)
    with pytest.raises(DrawError) as exc:
        draws.submit(room.code, a, spec.id, [1, 2, 3])
    assert exc.value.reason == "closed"
    assert draws.count(room.code, spec.id) == 0


def test_a_flood_is_slowed_and_capped_per_student_per_activity(rooms, clock):
    room, (a, b), spec, truth, draws = _open(rooms)
    sent = 0
    with pytest.raises(RoomError) as exc:
        for _ in range(100):
            draws.submit(room.code, a, spec.id, [1, 2, 3])
            sent += 1
    assert exc.value.reason == "slow_down" and sent == dr.SEND_RATE.limit
    draws.submit(room.code, b, spec.id, [1, 2, 3])  # another student is not slowed
    with pytest.raises(DrawError) as cap:
        for _ in range(100):
            clock.now += dr.SEND_RATE.window
            draws.submit(room.code, a, spec.id, [1, 2, 3])
            sent += 1
    assert cap.value.reason == "too_many" and sent == dr.MAX_SENDS
    assert draws.count(room.code, spec.id) == 2


def test_the_reveal_reaches_the_room_anonymous_and_the_room_end_deletes_it(rooms):
    room, (a, b), spec, truth, draws = _open(rooms)
    draws.submit(room.code, a, spec.id, truth.tolist())
    draws.submit(room.code, b, spec.id, [14, 14, 14])
    assert draws.result(room.code, spec) is None
    result = dr.score(spec, truth, draws.drawings(room.code, spec), before_cut=np.arange(15.0))
    draws.reveal(room.code, room.token, spec.id, result)
    assert draws.stamp(room.code)["phase"] == "revealed"
    shown = draws.result(room.code, spec)
    assert shown is not None and a not in str(shown.to_dict()) and b not in str(shown.to_dict())
    assert shown.place(0.0) == (1, 2)
    rooms.end(room.code, room.token)
    assert draws.stamp(room.code) is None and draws.spec(room.code) is None
    assert rooms.store.count_fields(f"room:{room.code}:drawings:{spec.id}") == 0


def test_a_new_activity_replaces_the_old_one_and_its_drawings(rooms):
    room, (a, _), spec, truth, draws = _open(rooms)
    draws.submit(room.code, a, spec.id, [1, 2, 3])
    spec2, _ = dr.make(np.arange(30.0), 4, cut=20)
    draws.open(room.code, room.token, spec2)
    assert draws.count(room.code, spec2.id) == 0 and draws.count(room.code, spec.id) == 0
    assert rooms.store.count_fields(f"room:{room.code}:drawings:{spec.id}") == 0


def test_the_built_in_lessons_drawing_scene_opens_on_its_own_series_and_split():
    from rnnlab import lessons
    from rnnlab.data import notebook_series
    from rnnlab.data.windows import split_points

    scenes = [s for s in lessons.builtin("notebook").scenes if s.activity]
    assert scenes
    for scene in scenes:
        assert scene.activity["kind"] == dr.KIND
        split = scene.data["split"]
        values = notebook_series()
        test_start = split_points(len(values), split["val_fraction"], split["test_fraction"])[1]
        spec, truth = dr.make(values, scene.activity["horizon"], test_start=test_start)
        assert spec.cut + spec.horizon <= len(values) and len(truth) == scene.activity["horizon"]
