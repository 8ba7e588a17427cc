"""The offline lesson file (rnnlab.lessons.offline): one self-contained HTML, no network, the
engine's own numbers. The browser side is tests/browser/test_offline_lesson.py."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import numpy as np
import pytest

from rnnlab.classroom import questions as qs
from rnnlab.i18n.numbers import fmt
from rnnlab.lessons import builtin, loads, offline_html
from rnnlab.lessons import offline as off
from rnnlab.pages import hidden as hd
from rnnlab.pages.stage import unpack

MAX_BYTES = 3_000_000

LESSON = {
    "format": "rnnlab-lesson", "version": 1,
    "title": {"es": "Lección de prueba", "en": "Test lesson"},
    "scenes": [
        {"page": "home", "title": {"es": "Inicio", "en": "Start"},
         "text": {"es": "Una serie de {n} valores. <script>alert(1)</script>\n\nOtro párrafo.",
                  "en": "A series of {n} values. <img src=https://example.com/x.png>"},
         "values": {"n": {"kind": "series_len"}}},
        {"page": "data", "title": {"es": "Datos", "en": "Data"},
         "text": {"es": "Entrenamiento: {tr} puntos; mínimo {mn}.", "en": "Training: {tr} points; min {mn}."},
         "values": {"tr": {"kind": "points", "part": "train"}, "mn": {"kind": "scaler", "stat": "min"}},
         "data": {"source": {"kind": "noisy_sine", "n": 120, "periods": 3.0, "noise": 0.1, "seed": 7},
                  "range": [0, 120, 1],
                  "split": {"val_fraction": 0.2, "test_fraction": 0.2, "lookback": 10, "scaler": "minmax"}}},
        {"page": "hidden", "title": {"es": "Puertas", "en": "Gates"},
         "text": {"es": "Olvido {f}, estado {h}, predicción {p}.", "en": "Forget {f}, state {h}, prediction {p}."},
         "values": {"f": {"kind": "gate", "gate": "forget", "unit": 2, "t": 12},
                    "h": {"kind": "hidden", "unit": 3, "t": 7},
                    "p": {"kind": "prediction", "t": 12}},
         "settings": {"hidden_cell": "LSTM", "hidden_units": 6, "hidden_seed": 3, "hidden_length": 40},
         "hidden": {"t": 12, "unit": 2, "hide_future": True},
         "question": {"id": "0123abcd", "kind": "value", "preset": "gate",
                      "params": {"gate": "forget", "unit": 2, "t": 13}}},
        {"page": "train", "needs_run": True, "title": {"es": "Entrenar", "en": "Train"},
         "text": {"es": "MASE {m}.", "en": "MASE {m}."}, "values": {"m": {"kind": "run_metric", "metric": "mase"}},
         "question": {"id": "0123abce", "kind": "choice", "preset": "persistence", "options": ["yes", "no"]}},
    ],
}


@pytest.fixture(scope="module")
def lesson():
    return loads(json.dumps(LESSON))


@pytest.fixture(scope="module")
def files(lesson):
    return {lang: offline_html(lesson, lang) for lang in ("es", "en", "both")}


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script> and <style>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.styles: list[str] = []
        self.open: list[str] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in = (tag, dict(attrs), [])

    def handle_data(self, data):
        if self._in is not None:
            self._in[2].append(data)

    def handle_endtag(self, tag):
        if self._in is not None and tag == self._in[0]:
            kind, attrs, parts = self._in
            (self.scripts.append((attrs, "".join(parts))) if kind == "script" else self.styles.append("".join(parts)))
            self._in = None


def parse(html: str) -> Tags:
    p = Tags()
    p.feed(html)
    p.close()
    return p


def test_the_file_parses_into_one_section_per_scene_with_the_player_hooks(files, lesson):
    for lang, html in files.items():
        p = parse(html)
        sections = [a for tag, a in p.tags if tag == "section" and "ol-scene" in a.get("class", "")]
        assert len(sections) == len(lesson), lang
        root = [a for tag, a in p.tags if a.get("data-testid") == "rnnlab-lesson"]
        assert len(root) == 1 and root[0]["data-rnnlab-scenes"] == str(len(lesson))
        testids = {a.get("data-testid") for _, a in p.tags}
        assert {"lesson_next", "lesson_back"} <= testids
        assert html.startswith("<!DOCTYPE html>") and '<html lang="' in html
        ids = [a["id"] for _, a in p.tags if "id" in a]
        assert len(ids) == len(set(ids)), "duplicate ids"


def test_nothing_is_loaded_from_anywhere_and_the_csp_forbids_it(files):
    for lang, html in files.items():
        p = parse(html)
        for tag, attrs in p.tags:
            for name in ("src", "href", "srcset", "action", "data", "poster", "xlink:href"):
                value = attrs.get(name)
                if value is None:
                    continue
                assert not re.match(r"\s*(https?:|//|ftp:)", value, re.I), (lang, tag, name, value)
                if tag != "a":  # in-page anchors only; the icon is data:
                    assert value.startswith(("data:", "#")), (lang, tag, name, value)
            assert tag not in ("iframe", "object", "embed", "img", "link") or (
                tag == "link" and attrs.get("href") == "data:,"), (lang, tag)
        for _, text in p.scripts:
            assert not re.search(r"\b(fetch|XMLHttpRequest|WebSocket|EventSource|importScripts|sendBeacon)\s*\(", text)
            assert not re.search(r"""\bimport\s*\(|^\s*import\s""", text, re.M)
        for css in p.styles:
            assert "@import" not in css and "@font-face" not in css
            assert all(u.strip("'\" ").startswith("data:") for u in re.findall(r"url\(([^)]*)\)", css))
        csp = next(a["content"] for t, a in p.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
        rules = dict((r.strip().split(" ", 1) + [""])[:2] for r in csp.split(";"))
        assert rules["default-src"] == "'none'" and rules["connect-src"] == "'none'"
        assert rules["font-src"] == "'none'" and rules["base-uri"] == "'none'"
        # every inline script is allowed by its hash, and nothing else is
        code = [text for attrs, text in p.scripts if attrs.get("type") != "application/json"]
        hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(c.encode()).digest()).decode() + "'" for c in code}
        assert set(rules["script-src"].split()) == hashes and len(code) == 2


def test_texts_are_escaped_never_markup(files):
    assert "<script>alert(1)</script>" not in files["es"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in files["es"]
    assert "<img src=https://example.com" not in files["en"]
    assert "&lt;img src=https://example.com/x.png&gt;" in files["en"]


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Values(HTMLParser):
    """The written values (spans with data-rnnlab-value) under each language's blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str | None] = []
        self.found: dict[str, dict[str, str]] = {"es": {}, "en": {}}
        self._name = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in VOID:
            self.stack.append(attrs.get("lang"))
        if "data-rnnlab-value" in attrs:
            self._name = (attrs["data-rnnlab-value"], next(x for x in reversed(self.stack) if x))

    def handle_endtag(self, tag):
        if tag not in VOID:
            self.stack.pop()
        self._name = None

    def handle_data(self, data):
        if self._name is not None:
            name, lang = self._name
            self.found[lang][name] = data


def _values(html: str, lang: str) -> dict[str, str]:
    """Each written value of the file in ``lang``: name -> text."""
    p = Values()
    p.feed(html.split('<script type="application/json"')[0])
    return p.found[lang]


def _engine(lesson_dict=LESSON):
    """The scene-3 network computed here, as the Hidden states page does (not via the lesson)."""
    from rnnlab.data import noisy_sine

    values = noisy_sine(120, 3.0, 0.1, 7)
    settings = hd.Settings(cell="LSTM", units=6, activation="tanh", seed=3, source="series", length=40, start=0)
    scaler = hd.fit_scaler(values, 0.2, 0.2, "minmax")
    inp = hd.make_input(values, "series", 40, 0, scaler)
    return values, inp, hd.forward_pass(hd.build_network(settings), inp.x)


def test_values_in_the_text_are_the_engines_in_each_language(files):
    from rnnlab.data import notebook_series

    values, inp, forward = _engine()
    expected = {
        "n": len(notebook_series()), "tr": 72,  # scene 1 still reads the notebook's series "mn": float(values[:72].min()),
        "f": float(forward.gates["forget"][11, 1]), "h": float(forward.hidden[6, 2]),
        "p": float(inp.to_original(forward.prediction)[11]),
    }
    for lang in ("es", "en"):
        written = _values(files["both"], lang)
        assert written == _values(files[lang], lang)
        for name, number in expected.items():
            want = fmt(number, lang) if isinstance(number, int) else fmt(number, lang, sig=4)
            assert written[name] == want, (lang, name)
    assert _values(files["es"], "es")["f"].count(",") == 1  # a decimal comma in Spanish
    assert "," not in _values(files["en"], "en")["f"]


def _data(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="ol-data">(.*?)</script>', html, re.S).group(1))


def test_the_stage_carries_the_engines_trace_and_the_question_its_truth(files):
    _, inp, forward = _engine()
    data = _data(files["both"])
    scene = data["scenes"][2]
    assert scene["stage"]["start"] == 12 and scene["stage"]["hide"] is True
    for lang in ("es", "en"):
        payload = data["stages"][scene["stage"]["ref"]][lang]
        assert payload["lang"] == lang and payload["T"] == 40 and payload["H"] == 6
        assert np.allclose(unpack(payload["h"]), forward.hidden, atol=0.5e-4)
        forget = next(g for g in payload["gates"] if g["name"] == "forget")
        assert np.allclose(unpack(forget), forward.gates["forget"], atol=0.5e-4)
    q = scene["question"]
    truth = qs.engine_value(qs.value_question("gate", 13, 2, "forget"), forward, inp)
    assert q["kind"] == "value" and q["truth"] == pytest.approx(truth, abs=1e-12)
    assert q["truth"] == pytest.approx(float(forward.gates["forget"][12, 1]), abs=1e-12)
    assert q["tolerance"] == pytest.approx(max(off.ABS_TOLERANCE, off.REL_TOLERANCE * abs(truth)))
    assert q["truth_text"] == {lang: fmt(truth, lang, sig=4) for lang in ("es", "en")}
    assert data["scenes"][0]["stage"] is None  # only Hidden states scenes carry a stage


def test_a_choice_without_runs_has_no_truth_and_the_page_says_so(files):
    data = _data(files["en"])
    q = data["scenes"][3]["question"]
    assert q["kind"] == "choice" and q["truth"] is None and q["options"]["en"] == ["Yes", "No"]
    assert "was not recorded at export" in files["en"]
    assert _values(files["en"], "en")["m"] == "—"


def _fake_run(values, config, mase, persistence_mase):
    """A finished run as Train leaves it (the numbers are given: this checks the plumbing)."""
    from rnnlab.data.windows import split_points
    from rnnlab.training.run import Run

    n = len(values)
    _, val_end = split_points(n, config.val_fraction, config.test_fraction)
    idx = np.arange(val_end, n)
    return Run(config=config, history={"loss": [0.5, 0.2, 0.1], "val_loss": [0.6, 0.3, 0.2]},
               predictions={"test": values[idx] + 0.01}, targets={"test": values[idx]},
               target_index={"test": idx}, metrics={"test": {"mase": mase, "mae": 0.01, "rmse": 0.01, "mse": 1e-4}},
               baselines={"persistence": {"test": {"mase": persistence_mase}}}, n_params=100, summary=[],
               seconds=1.0, name="LSTM 1x32 tanh", values=values)


def test_the_exporters_runs_fill_the_train_scene_and_answer_its_choice(lesson):
    states = off.scene_states(lesson)
    state = states[3]
    config = off.train_config(state)
    run = _fake_run(state.values, config, 0.8, 1.0)
    html = offline_html_with_runs(lesson, [run])
    data = _data(html)
    q = data["scenes"][3]["question"]
    assert q["truth"] == 0  # "yes": MASE 0.8 beats persistence's 1.0
    assert _values(html, "en")["m"] == fmt(0.8, "en", sig=4)
    assert 'data-rnnlab-chart="ol-s4-en-loss"' in html and 'data-rnnlab-chart="ol-s4-en-pred"' in html
    # a run of other settings is not this scene's
    other = _fake_run(state.values, off.train_config(state).__class__(**{**config.to_dict(), "units": 64}), 0.8, 1.0)
    assert _data(offline_html_with_runs(lesson, [other]))["scenes"][3]["question"]["truth"] is None


def offline_html_with_runs(lesson, runs):
    return off.offline_html(lesson, "en", runs=runs)


def test_a_run_record_reads_back_as_the_same_numbers(lesson):
    state = off.scene_states(lesson)[3]
    run = _fake_run(state.values, off.train_config(state), 0.8, 1.0)
    back = off.run_from_record(json.loads(json.dumps(off.record_of(run))))
    assert back.config == run.config and back.metrics["test"]["mase"] == 0.8
    assert back.history == run.history and np.array_equal(back.target_index["test"], run.target_index["test"])
    assert off.run_key(back.config, state.values) == off.record_of(run)["key"]


def test_the_lesson_travels_in_the_file_and_reimports(files, lesson):
    for html in files.values():
        assert loads(off.lesson_json(html)) == lesson


def test_both_languages_have_a_switch_and_one_language_has_none(files):
    assert 'data-testid="rnnlab-offline-lang-en"' in files["both"]
    assert "rnnlab-offline-lang" not in files["es"]
    assert '<html lang="es">' in files["es"] and '<html lang="en">' in files["en"]
    assert 'lang="en"' not in files["es"].split("<body>")[1].split('<script type="application/json" id="ol-data">')[0]


def test_svgs_are_labelled_images(files):
    p = parse(files["both"])
    svgs = [a for t, a in p.tags if t == "svg"]
    assert svgs and all(a.get("role") == "img" and a.get("aria-labelledby") for a in svgs)
    assert files["both"].count("<title id=") == len(svgs)


def test_the_stage_shim_finds_the_one_export():
    js = off.stage_script()
    assert "export default" not in js and off.STAGE_MOUNT in js


def test_file_names():
    lesson = loads(json.dumps(LESSON))
    assert off.offline_filename(lesson, "es") == "rnnlab-leccion-de-prueba-es.html"
    assert off.offline_filename(lesson, "en") == "rnnlab-test-lesson-en.html"
    assert off.offline_filename(lesson, "both") == "rnnlab-leccion-de-prueba-es-en.html"


# ----- the built-in lesson -----

@pytest.fixture(scope="module")
def notebook():
    return builtin("notebook")


def test_the_builtin_lesson_file_is_under_3_mb_and_every_value_is_filled(notebook):
    html = offline_html(notebook, "both")
    assert len(html.encode("utf-8")) < MAX_BYTES
    data = _data(html)
    # one payload per network: the lesson's Hidden states scenes show two networks (the toy
    # SimpleRNN, the LSTM on the series), each scene at its own step
    refs = [s["stage"]["ref"] for s in data["scenes"] if s["stage"]]
    assert len(refs) == sum(scene.page == "hidden" for scene in notebook) and set(refs) == set(data["stages"])
    assert len(data["stages"]) < len(refs)
    for n, scene in enumerate(data["scenes"], start=1):
        assert None not in scene["values"].values(), f"scene {n}: a value the file could not compute"
        if scene["question"] is not None:
            assert scene["question"]["truth"] is not None, f"scene {n}: a question without its answer"
    assert 'data-rnnlab-value' in html and 'class="ol-value ol-missing"' not in html
    # no address anywhere in the file but the SVG namespace name the stage's script creates its icons in
    assert set(re.findall(r"https?://[^\s\"'<>)]+", html)) == {"http://www.w3.org/2000/svg"}


def test_every_training_the_builtin_lesson_reads_is_recorded(notebook):
    keys = {rec["key"] for rec in off.recorded_runs()}
    needed = off.needed_trainings(notebook)
    assert needed, "the built-in lesson trains nothing?"
    missing = [config.default_name() for config, values in needed if off.run_key(config, values) not in keys]
    assert missing == [], "run python -m rnnlab.lessons.record_offline"


def test_a_lesson_without_a_stage_carries_only_the_players_script():
    one = loads(json.dumps({**LESSON, "scenes": LESSON["scenes"][:2]}))
    html = offline_html(one, "en")
    p = parse(html)
    code = [text for attrs, text in p.scripts if attrs.get("type") != "application/json"]
    assert len(code) == 1 and "__rnnlabMountStage = function" not in code[0]
    csp = next(a["content"] for t, a in p.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    digest = base64.b64encode(hashlib.sha256(code[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}';" in csp
