"""The model summary written for students (issue 26, item 13): not lstm_1 and (None, 32)."""

from __future__ import annotations

import pytest

from rnnlab.training.layers import for_students

SEED_STACK = [("lstm_1", "(None, None, 50)", 10_400), ("lstm_2", "(None, 50)", 20_200),
              ("output", "(None, 1)", 51)]


def test_the_notebooks_stacked_lstm_in_both_languages():
    assert for_students(SEED_STACK, "en", lookback=10) == [
        ("LSTM layer 1 of 2", "50 values at each of the 10 steps", 10_400),
        ("LSTM layer 2 of 2", "50 values: its final state", 20_200),
        ("Dense output layer", "1 value: the prediction", 51)]
    assert for_students(SEED_STACK, "es", lookback=10) == [
        ("Capa LSTM 1 de 2", "50 valores en cada uno de los 10 pasos", 10_400),
        ("Capa LSTM 2 de 2", "50 valores: su estado final", 20_200),
        ("Capa densa de salida", "1 valor: la predicción", 51)]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_saved_runs_read_the_same_and_no_keras_word_is_left(lang):
    rows = for_students([("simplernn_1", "(None, 12, 8)", 80), ("simplernn_2", "(None, 8)", 136),
                         ("outputs", "(None, 5)", 45)], lang)
    text = " ".join(f"{a} {b}" for a, b, _ in rows)
    assert "None" not in text and "_" not in text and "(" not in text
    assert rows[0][0].count("SimpleRNN") == 1 and "12" in rows[0][1]
    assert "5" in rows[2][1] and [p for *_, p in rows] == [80, 136, 45]
    assert for_students([("gru", "(None, 7)", 210)], lang)[0][0] in ("GRU layer", "Capa GRU")
