"""One message type for what the user is told: Message (key, values), MessageError, and sessions
saved before runs, notes and errors carried Messages still load with the same texts."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pytest

from rnnlab.classroom import session_codec as codec
from rnnlab.data import DataError, Series, noisy_sine, read_csv
from rnnlab.declarations.messages import Message, MessageError, as_message
from rnnlab.forecasting.backtest import BacktestError
from rnnlab.i18n import t
from rnnlab.training import Run, TrainConfig, TrainingError


def test_a_message_is_a_key_and_its_values_translated_when_shown():
    message = Message("training.problem.batch_too_large", {"batch": 64, "windows": 50})
    assert message.text("en") == t("training.problem.batch_too_large", "en", batch=64, windows=50)
    assert message.text("es") == t("training.problem.batch_too_large", "es", batch=64, windows=50)
    assert message.text("es") != message.text("en")
    key, values = message  # unpacks like the (key, values) pairs it replaced
    assert (key, values) == ("training.problem.batch_too_large", {"batch": 64, "windows": 50})
    with pytest.raises(AttributeError):
        message.key = "other"  # frozen


def test_a_message_keeps_its_own_copy_of_the_values():
    values = {"n": 3}
    message = Message("data.note.filled", values)
    values["n"] = 99
    assert message.values == {"n": 3}


def test_as_message_reads_the_older_shapes():
    assert as_message(None) is None and as_message("") is None
    assert as_message("training.stopped") == Message("training.stopped")
    assert as_message(("data.note.filled", {"n": 2})) == Message("data.note.filled", {"n": 2})
    same = Message("k")
    assert as_message(same) is same


def test_every_refusal_is_a_message_error_whose_text_is_its_english_messages():
    with pytest.raises(DataError) as data_error:
        read_csv(b"")
    with pytest.raises(BacktestError) as backtest_error:
        from rnnlab.forecasting import backtest

        backtest.check(10, 5, 3)
    problems = TrainConfig(lookback=70).validate(100)
    training_error = TrainingError(problems)
    for error in (data_error.value, backtest_error.value, training_error):
        assert isinstance(error, MessageError) and isinstance(error, ValueError)
        assert all(isinstance(m, Message) for m in error.messages)
        assert str(error) == "; ".join(m.text("en") for m in error.messages)
        assert error.message is error.messages[0]
    assert data_error.value.message.key == "data.err.empty"
    assert training_error.message.key == "training.problem.lookback_too_long"


def _old_session(document_edit) -> bytes:
    """A session saved the new way, its document rewritten the way older code wrote it."""
    run = Run(config=TrainConfig(units=4, epochs=5), history={"loss": [0.5, 0.4]}, predictions={},
              targets={}, target_index={}, metrics={}, baselines={}, n_params=1, summary=[],
              seconds=1.0, status="stopped", message=Message("training.stopped", {}), epochs_done=2)
    series = Series(noisy_sine(n=20), name="s", note_keys=[Message("data.note.filled", {"n": 2})])
    data, skipped = codec.dumps({"runs": [run], "series": series})
    assert skipped == []
    packed = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as rewritten:
        for name in packed.namelist():
            body = packed.read(name)
            if name == codec.DOCUMENT:
                body = json.dumps(document_edit(json.loads(body))).encode()
            rewritten.writestr(name, body)
    return out.getvalue()


def _as_before(document):
    """Run.message a bare key with Run.message_values, notes (key, values) pairs, and the
    classes named by the modules they lived in before the split (rnnlab.training, rnnlab.data)."""
    def walk(node):
        if isinstance(node, dict):
            if node.get("__dc__") == "rnnlab.training.run:Run":
                fields = node["f"]
                fields["message"] = "training.stopped"
                fields["message_values"] = {"__dict__": [["epochs_done", 2], ["epochs", 5], ["epoch", 3]]}
            if node.get("__dc__") == "rnnlab.data.series:Series":
                node["f"]["note_keys"] = [{"__tuple__": ["data.note.filled", {"__dict__": [["n", 2]]}]}]
            if "__dc__" in node:
                node["__dc__"] = (node["__dc__"].replace("rnnlab.training.run:", "rnnlab.training:")
                                  .replace("rnnlab.training.config:", "rnnlab.training:")
                                  .replace("rnnlab.data.series:", "rnnlab.data:"))
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(document)


def test_a_session_saved_before_messages_loads_with_the_same_texts():
    state, _ = codec.loads(_old_session(_as_before))
    run, series = state["runs"][0], state["series"]
    assert isinstance(run, Run) and isinstance(run.config, TrainConfig)
    assert run.message == Message("training.stopped", {"epochs_done": 2, "epochs": 5, "epoch": 3})
    for lang in ("es", "en"):
        assert run.message.text(lang) == t("training.stopped", lang, epochs_done=2, epochs=5, epoch=3)
    assert series.note_keys == [Message("data.note.filled", {"n": 2})]
    assert series.notes_in("es") == [t("data.note.filled", "es", n=2)]
    assert np.array_equal(series.values, noisy_sine(n=20))


def test_a_new_session_round_trips_its_messages():
    state, _ = codec.loads(_old_session(lambda document: document))
    assert state["runs"][0].message == Message("training.stopped", {})
    assert state["series"].note_keys == [Message("data.note.filled", {"n": 2})]
