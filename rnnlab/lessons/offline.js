// The offline lesson file's player (rnnlab.lessons.offline): scenes, language, questions, and
// the Hidden states stage (ui/elements/stage.js, inlined before this script, exposes its mount function
// as window.__rnnlabMountStage). Everything it needs is in the file: no request is ever made.
(function () {
  "use strict";
  const root = document.querySelector('[data-testid="rnnlab-lesson"]');
  const data = JSON.parse(document.getElementById("ol-data").textContent);
  const scenes = Array.from(root.querySelectorAll(".ol-scene"));
  const btnBack = root.querySelector('[data-testid="lesson_back"]');
  const btnNext = root.querySelector('[data-testid="lesson_next"]');
  const counter = root.querySelector(".ol-counter");
  const live = root.querySelector(".ol-live");
  let lang = root.dataset.lang;
  let current = 0;
  const mounted = {}; // scene index -> {lang, host}
  const answered = {}; // scene index -> true once its question was checked

  const ui = (key) => data.ui[lang][key];
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));

  // --- the stage ---------------------------------------------------------------------------
  function mountStage(i) {
    const scene = data.scenes[i];
    if (!scene.stage || !window.__rnnlabMountStage) return;
    const box = scenes[i].querySelector(".ol-stage");
    const have = mounted[i];
    if (have && have.lang === lang) return;
    let step = null;
    if (have && have.host.rnnlabStage) {
      step = have.host.rnnlabStage.step;
      have.host.rnnlabStage.destroy();
    }
    // the network's payload, shared by its scenes, opening at this scene's step (an id of its
    // own per scene: the stage remembers its step by id, and each scene has its own)
    const base = data.stages[scene.stage.ref][lang];
    const payload = Object.assign({}, base, { start: scene.stage.start, hide_future: scene.stage.hide,
      id: base.id + "-" + (i + 1) });
    if (step !== null) {
      const memory = (window.__rnnlabStageMemory = window.__rnnlabStageMemory || {});
      memory[payload.id] = Object.assign({}, memory[payload.id] || {}, { step: step });
    }
    box.replaceChildren();
    // While the scene's value question is unanswered the stage keeps the future hidden (its
    // switch locked), as the app's stage does while a live question is open: predict, then look.
    const q = scene.question;
    window.__rnnlabStageFollow = q && q.kind === "value" && !answered[i] ? { for: payload.id, goto: null, hide: true } : null;
    // The app's component API, reduced to what the stage reads: its data and where to draw.
    window.__rnnlabMountStage({ data: payload, parentElement: box, setStateValue: function () {} });
    const host = box.querySelector(".rs-host");
    mounted[i] = { lang: lang, host: host };
    // What the text's values point at, on the stage's panels.
    const targets = { "rs-input": "input", "rs-heat": "hidden", "rs-gates": "gate", "rs-pca": "path" };
    for (const [cls, name] of Object.entries(targets)) {
      const panel = host.querySelector("." + cls);
      if (panel) panel.setAttribute("data-ol-panel", name);
    }
  }

  // --- scenes ------------------------------------------------------------------------------
  function show(i, focus) {
    i = Math.max(0, Math.min(scenes.length - 1, i));
    const changed = i !== current;
    current = i;
    scenes.forEach((s, k) => { s.hidden = k !== i; });
    root.dataset.rnnlabScene = String(i + 1);
    btnBack.disabled = i === 0;
    btnNext.disabled = i === scenes.length - 1;
    counter.textContent = fill(ui("counter"), { n: i + 1, total: scenes.length });
    for (const link of root.querySelectorAll(".ol-toc a")) {
      if (Number(link.dataset.scene) === i + 1) link.setAttribute("aria-current", "step");
      else link.removeAttribute("aria-current");
    }
    mountStage(i);
    if (changed || focus) {
      const heading = scenes[i].querySelector(".ol-scene-title." + "ol-" + lang) || scenes[i].querySelector("h2");
      live.textContent = counter.textContent;
      if (focus) heading.focus({ preventScroll: false });
      if (history.replaceState) history.replaceState(null, "", "#scene-" + (i + 1));
    }
  }

  function setLang(next) {
    if (!data.ui[next]) return;
    lang = next;
    root.dataset.lang = next;
    root.classList.remove("ol-lang-es", "ol-lang-en");
    root.classList.add("ol-lang-" + next);
    document.documentElement.lang = next;
    document.title = data.title[next];
    for (const b of root.querySelectorAll(".ol-lang-switch button")) {
      b.setAttribute("aria-pressed", b.dataset.lang === next ? "true" : "false");
    }
    btnBack.querySelector(".ol-btn-text").textContent = ui("back");
    btnNext.querySelector(".ol-btn-text").textContent = ui("next");
    scenes.forEach((section, k) => section.setAttribute("aria-labelledby", "ol-h" + (k + 1) + "-" + next));
    sayAll();
    show(current, false);
  }

  btnBack.addEventListener("click", () => show(current - 1, false));
  btnNext.addEventListener("click", () => show(current + 1, false));
  for (const b of root.querySelectorAll(".ol-lang-switch button")) {
    b.addEventListener("click", () => setLang(b.dataset.lang));
  }
  for (const link of root.querySelectorAll(".ol-toc a")) {
    link.addEventListener("click", (e) => { e.preventDefault(); show(Number(link.dataset.scene) - 1, true); });
  }

  // ←/→ (and Page Up/Down) move between scenes, unless the stage or a field uses the key: the
  // stage's own keys work when it has the focus. Capture phase, so the stage's page-wide key
  // handler (which takes the arrows when nothing has the focus) sees the key as handled.
  const FIELD = /^(INPUT|TEXTAREA|SELECT)$/;
  window.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    const active = document.activeElement;
    if (active && (active.closest(".rs") || FIELD.test(active.tagName) || active.isContentEditable)) return;
    if (active && active.closest('[role="radiogroup"]')) return;
    let step = 0;
    if (e.key === "ArrowRight" || e.key === "PageDown") step = 1;
    else if (e.key === "ArrowLeft" || e.key === "PageUp") step = -1;
    if (!step) return;
    e.preventDefault();
    show(current + step, false);
  }, true);

  // --- values in the text: hovering or focusing one highlights what it names -------------
  function targetsOf(value) {
    const target = value.dataset.rnnlabTarget || "";
    const scene = value.closest(".ol-scene");
    // an element names what it shows ("hidden:gradients", "train:metric:mase"): it matches a
    // value's target that is it or inside it ("hidden:gradients:GRU"), and the other way round
    const related = (id) => id === target || target.startsWith(id + ":") || id.startsWith(target + ":");
    let found = Array.from(scene.querySelectorAll("[data-rnnlab-target]:not(.ol-value)"))
      .filter((node) => related(node.dataset.rnnlabTarget) && node.offsetParent !== null);
    // the stage's panels: "stage:gate:forget:1" -> the gates, "hidden:prediction" -> the input's
    const parts = target.split(":");
    if (parts[0] === "stage" || parts[0] === "hidden") {
      const panels = { gate: ["gate"], cell: ["gate"], hidden: ["hidden", "gate"], input: ["input"],
        prediction: ["input"] }[parts[1]] || [];
      for (const name of panels) {
        for (const panel of scene.querySelectorAll('[data-ol-panel="' + name + '"]')) found.push(panel);
      }
    }
    // a value about the series' parts, windows or scaler: its chart
    if (!found.length && parts[0] === "data") {
      found = Array.from(scene.querySelectorAll('[data-rnnlab-target="data:chart"]')).filter((n) => n.offsetParent !== null);
    }
    return found;
  }
  function highlight(value, on) {
    for (const node of targetsOf(value)) node.classList.toggle("ol-highlight", on);
  }
  for (const value of root.querySelectorAll(".ol-value")) {
    for (const [ev, on] of [["mouseenter", true], ["mouseleave", false], ["focus", true], ["blur", false]]) {
      value.addEventListener(ev, () => highlight(value, on));
    }
  }

  // --- questions: checked here, against the values recorded in the file ----------------
  // A number as a student types it, in either language (rnnlab.classroom.questions.parse_number).
  function parseNumber(text) {
    let s = String(text || "").trim().replace(/\u2212/g, "-").replace(/[\s\u00a0]/g, "");
    if (!s || s.length > 40) return null;
    if (s.includes(",") && s.includes(".")) {
      const comma = s.lastIndexOf(",") > s.lastIndexOf(".");
      s = comma ? s.replace(/\./g, "").replace(",", ".") : s.replace(/,/g, "");
    } else if ((s.match(/,/g) || []).length === 1) {
      s = s.replace(",", ".");
    }
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return null;
    const v = Number(s);
    return Number.isFinite(v) && Math.abs(v) <= 1e6 ? v : null;
  }

  for (const form of root.querySelectorAll(".ol-question")) {
    const i = Number(form.dataset.scene) - 1;
    const q = data.scenes[i].question;
    const out = form.querySelector(".ol-feedback");
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      let key, values;
      if (q.kind === "value") {
        const input = form.querySelector('input[type="text"]');
        const answer = parseNumber(input.value);
        if (answer === null) {
          key = "not_a_number"; values = {};
          input.setAttribute("aria-invalid", "true");
        } else {
          input.removeAttribute("aria-invalid");
          if (q.truth === null) { key = "no_truth"; values = {}; }
          else {
            const close = Math.abs(answer - q.truth) <= q.tolerance;
            key = close ? "value_right" : "value_wrong";
            values = { truth: q.truth_text[lang], answer: input.value.trim(), tolerance: q.tolerance_text[lang] };
          }
        }
      } else {
        const picked = form.querySelector('input[type="radio"]:checked');
        if (!picked) { key = "pick_one"; values = {}; }
        else if (q.truth === null) { key = "no_truth_choice"; values = {}; }
        else {
          const right = Number(picked.value) === q.truth;
          key = right ? "choice_right" : "choice_wrong";
          values = { answer: q.options[lang][q.truth], source: q.source[lang] };
        }
      }
      out.dataset.result = key;
      out.olValues = values;
      say(out, q);
      // predict, then look: the run's result shows once an answer was checked
      if (key !== "not_a_number" && key !== "pick_one") {
        answered[i] = true;
        for (const box of scenes[i].querySelectorAll(".ol-result")) box.hidden = false;
        const stage = mounted[i] && mounted[i].host.rnnlabStage;
        if (stage) stage.lead({ for: stage.data.id, goto: null, hide: false });
      }
    });
  }

  // The feedback in the reader's language (again when the language changes).
  function say(out, q) {
    const key = out.dataset.result;
    if (!key) return;
    const values = Object.assign({}, out.olValues);
    if (q.kind === "choice" && q.truth !== null && key.startsWith("choice")) {
      values.answer = q.options[lang][q.truth]; values.source = q.source[lang];
    }
    if (q.kind === "value" && q.truth !== null && key.startsWith("value")) {
      values.truth = q.truth_text[lang]; values.tolerance = q.tolerance_text[lang];
    }
    out.textContent = fill(ui(key), values);
  }
  function sayAll() {
    for (const form of root.querySelectorAll(".ol-question")) {
      say(form.querySelector(".ol-feedback"), data.scenes[Number(form.dataset.scene) - 1].question);
    }
  }

  // --- start -------------------------------------------------------------------------------
  const m = /^#scene-(\d+)$/.exec(location.hash);
  setLang(lang);
  show(m ? Number(m[1]) - 1 : 0, false);
  root.dataset.ready = "1";
  window.__rnnlabOfflineReadyMs = performance.now(); // bench/bench_offline_lesson.py reads it
})();
