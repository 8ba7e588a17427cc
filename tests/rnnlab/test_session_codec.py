"""The session codec: exact round trips of what a session holds, and safe refusal of the rest."""

from __future__ import annotations

import io
import json
import threading
import zipfile

import numpy as np
import pytest

from rnnlab.classroom import session_codec as codec
from rnnlab.data import Series, noisy_sine
from rnnlab.declarations.messages import Message
from rnnlab.scratch.network import Network
from rnnlab.training import Run, TrainConfig
from testkit import fake_run


def same(a, b) -> bool:
    """Deep equality where NaN equals NaN and arrays must match in dtype, shape and bytes."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.dtype == b.dtype
                and a.shape == b.shape and a.tobytes() == b.tobytes())
    if isinstance(a, float) and isinstance(b, float) and np.isnan(a) and np.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if hasattr(a, "__dataclass_fields__"):
        return all(same(getattr(a, f), getattr(b, f)) for f in a.__dataclass_fields__)
    return a == b


def round_trip(state, **kwargs):
    data, skipped = codec.dumps(state, **kwargs)
    assert skipped == []
    back, _ = codec.loads(data, **kwargs)
    return back


def test_plain_values_round_trip_exactly():
    state = {"i": 3, "f": 0.1 + 0.2, "neg0": -0.0, "nan": float("nan"), "inf": float("-inf"),
             "s": "año", "b": True, "none": None, "t": (1, (2.5, "x")), "l": [1, [2]],
             "set": {"a", "b"}, "fs": frozenset({1}), "d": {("LSTM", 8): 1, 2: "two"},
             "bytes": b"\x00\xffcsv", "np64": np.float64(0.1), "npi": np.int64(-7),
             "dt": np.dtype("float32"), "arr": np.arange(6, dtype=np.float32).reshape(2, 3),
             "dates": np.array(["2020-01", "2020-02"], dtype="datetime64[M]"),
             "text": np.array(["a", "bb"])}
    back = round_trip(state)
    assert same(back, state)
    assert str(back["neg0"]) == "-0.0" and isinstance(back["npi"], np.int64)


def test_a_run_round_trips_with_the_same_numbers():
    run = fake_run()
    back = round_trip({"runs": [run]})["runs"][0]
    assert isinstance(back, Run) and isinstance(back.config, TrainConfig)
    assert same(back, run)
    assert back.weights[0].dtype == np.float32


def test_a_series_and_a_scratch_network_round_trip():
    series = Series(noisy_sine(), name="sine", index=np.arange(100), notes=["n"],
                    note_keys=[Message("k", {"n": 1})], columns=["a"], column="a")
    net = Network.build("GRU", [4, 3], activation="relu", readout="every", seed=5)
    back = round_trip({"series": series, "net": net})
    assert same(back["series"], series)
    x = np.random.default_rng(1).normal(size=(2, 6, 1))
    restored = back["net"]
    assert type(restored) is Network and [type(c) for c in restored.layers] == [type(c) for c in net.layers]
    assert np.array_equal(restored.forward(x).output, net.forward(x).output)
    assert set(restored.params) == set(net.params)


def test_unencodable_entries_are_left_out_and_named():
    data, skipped = codec.dumps({"ok": 1, "lock": threading.Lock(), "objs": np.array([None, 1]),
                                 "nested": [1, {"x": object()}]})
    assert sorted(skipped) == ["lock", "nested", "objs"]
    back, _ = codec.loads(data)
    assert back == {"ok": 1}


def test_classes_outside_the_allowed_modules_are_not_saved():
    from ui.session.state import SplitSettings  # a dataclass of the app, not of rnnlab

    _, skipped = codec.dumps({"split": SplitSettings()})
    assert skipped == ["split"]
    back = round_trip({"split": SplitSettings(lookback=7)}, modules=("rnnlab.", "ui."))
    assert back["split"] == SplitSettings(lookback=7)


def test_the_typed_session_round_trips_with_its_series_split_and_runs():
    from rnnlab.data import Series
    from ui.session.state import Session, SplitSettings

    session = Session(series=Series(np.arange(30.0), name="x", notes=["n"]),
                      source={"kind": "generate", "n": 30}, range=(2, 28, 2),
                      split=SplitSettings(lookback=5, scaler="standard"), runs=[fake_run(1)])
    back = round_trip({"session": session}, modules=("rnnlab.", "ui."))["session"]
    assert isinstance(back, Session) and back.split == session.split and back.range == (2, 28, 2)
    assert back.source == session.source and np.array_equal(back.series.values, session.series.values)
    assert back.series.name == "x" and same(back.runs[0], session.runs[0])


def _rewrite(data: bytes, change) -> bytes:
    """The same archive with its JSON document changed by ``change(document)``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == codec.DOCUMENT:
                document = json.loads(content)
                change(document)
                content = json.dumps(document).encode()
            target.writestr(info.filename, content)
    return out.getvalue()


def test_a_run_saved_by_another_version_of_run_still_loads():
    """Fields added to Run later take their defaults; fields Run no longer has are dropped."""
    data, _ = codec.dumps({"run": fake_run()})

    def change(document):
        fields = document["state"]["run"]["f"]
        del fields["optimizer_state"]  # saved before this field existed
        fields["field_from_the_future"] = 1

    back, _ = codec.loads(_rewrite(data, change))
    assert back["run"].optimizer_state == [] and back["run"].name == "GRU run"


@pytest.mark.parametrize("marker", [
    {"__dc__": "subprocess:Popen", "f": {"args": "true"}},
    {"__obj__": "os:system", "d": {"__dict__": []}},
    {"__dc__": "rnnlab.training:train", "f": {}},
    {"__obj__": "rnnlab.training:Run", "d": {"__dict__": []}},
    {"__weird__": 1},
    {"__array__": 99},
    {"__float__": "1e999999"},
])
def test_foreign_or_damaged_documents_are_refused(marker):
    data, _ = codec.dumps({"x": 1})

    def change(document):
        document["state"]["x"] = marker

    with pytest.raises(codec.CodecError):
        codec.loads(_rewrite(data, change))


def test_garbage_pickles_and_bombs_are_refused():
    with pytest.raises(codec.CodecError):
        codec.loads(b"not a zip at all")
    with pytest.raises(codec.CodecError):
        codec.loads(b"")
    # An object array inside the archive would need pickle to load: refused.
    data, _ = codec.dumps({"a": np.zeros(3)})
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        target.writestr(codec.DOCUMENT, source.read(codec.DOCUMENT))
        buffer = io.BytesIO()
        np.save(buffer, np.array([{"evil": 1}], dtype=object), allow_pickle=True)
        target.writestr("0.npy", buffer.getvalue())
    with pytest.raises(codec.CodecError):
        codec.loads(out.getvalue())
    # Small on disk, huge unpacked: refused before anything is read.
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as target:
        target.writestr(codec.DOCUMENT, b" " * 5_000_000)
    assert len(bomb.getvalue()) < 100_000
    with pytest.raises(codec.TooLarge):
        codec.loads(bomb.getvalue(), max_bytes=1_000_000)
    with pytest.raises(codec.TooLarge):
        codec.loads(data, max_bytes=10)


def test_the_digest_follows_the_content_and_the_packed_bytes_load():
    state = {"runs": [fake_run(1)], "when": np.datetime64("2024-01-02"), "n": np.int64(3), "k": [1, 2]}
    encoded = codec.encode(state)
    again = codec.encode({"runs": [fake_run(1)], "when": np.datetime64("2024-01-02"),
                          "n": np.int64(3), "k": [1, 2]})
    assert encoded.digest() == again.digest()  # equal content, other objects: same digest
    changed = fake_run(1)
    changed.weights[1][0, 0] += 1e-6  # one weight, one ulp-sized nudge
    assert codec.encode({**state, "runs": [changed]}).digest() != encoded.digest()
    reshaped = {**state, "runs": [fake_run(1)]}
    reshaped["runs"][0].weights[0] = reshaped["runs"][0].weights[0].reshape(21, 1)  # same bytes
    assert codec.encode(reshaped).digest() != encoded.digest()
    assert codec.encode({**state, "k": [1, 3]}).digest() != encoded.digest()
    back, _ = codec.loads(encoded.pack())
    assert same(back, state)
    assert encoded.pack() == codec.dumps(state)[0]


def test_a_session_saved_before_the_packages_were_grouped_still_restores():
    """A saved state names each class by module; one written when ui/ and rnnlab/ were flat
    (``ui.state:Session``, ``rnnlab.study:Study``...) decodes to today's classes."""
    from ui.session.state import Session

    state = {"session": Session(), "runs": [fake_run()]}
    data, _ = codec.dumps(state, modules=("rnnlab.", "ui."))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    text = files[codec.DOCUMENT].decode()
    assert '"ui.session.state:Session"' in text
    files[codec.DOCUMENT] = text.replace('"ui.session.state:', '"ui.state:').encode()
    assert '"ui.state:Session"' in files[codec.DOCUMENT].decode()
    old = io.BytesIO()
    with zipfile.ZipFile(old, "w") as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    back, _ = codec.loads(old.getvalue(), modules=("rnnlab.", "ui."))
    assert isinstance(back["session"], Session)
    assert np.array_equal(back["session"].series.values, state["session"].series.values)
    assert codec.MOVED_MODULES["ui.state"] == "ui.session.state"
