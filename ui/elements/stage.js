// The Hidden states stage: steps, scrubs and plays a recurrent network's trace in the browser.
//
// Python (rnnlab/pages/stage.py) sends the whole window's trace once; everything here is drawn from it
// with plain canvas, so stepping, scrubbing and Play never ask the server. The server hears of
// the step only when it settles (300 ms after the last move, never while playing), through
// setStateValue("step", t): then the one-step arithmetic and the share link follow it.
//
// Streamlit calls this module again on every rerun, with the same data most of the time: the
// stage keeps its DOM and state on the host element and only rebuilds when data.id changes.

const SETTLE_MS = 300;
const REPORT_MS = 1500; // a followed step is reported after 1.5–3 s (see follow)
const SPEEDS = [1, 2, 4, 8, 15, 30, 60];
const DEFAULT_SPEED = 4;
// ColorBrewer PuOr (colour-blind safe), purple for negative, orange for positive.
const DIVERGING = ["#2d004b", "#542788", "#8073ac", "#b2abd2", "#d8daeb", "#f7f7f7",
  "#fee0b6", "#fdb863", "#e08214", "#b35806", "#7f3b08"];
const INK = "#111827", MUTED = "#4b5563", GRID = "#e5e7eb", PRED = "#c2410c";
const PATH = "#1d4ed8", NOW = "#ea580c", FUTURE = "#eef0f3", GATE = "#0f766e";
const MARKED = "#f59e0b";  // a value a lesson's text points at (ui/classroom/lesson_player.css's mark)
const ICONS = {
  first: "M6 5h2v14H6zM20 5v14L9 12z",
  back: "M15.4 5 17 6.6 11.6 12l5.4 5.4L15.4 19l-7-7z",
  forward: "M8.6 5 7 6.6l5.4 5.4L7 17.4 8.6 19l7-7z",
  last: "M16 5h2v14h-2zM4 5l11 7-11 7z",
  play: "M8 5v14l11-7z",
  pause: "M6 5h4v14H6zm8 0h4v14h-4z",
  projector: "M3 5h18v11H3zm2 2v7h14V7zm4 11h6v2H9z",
};

const memory = (window.__rnnlabStageMemory = window.__rnnlabStageMemory || {});

function hexToRgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
const RAMP = DIVERGING.map(hexToRgb);

// Colour of v on a symmetric scale [-half, half]: an [r, g, b] array.
function diverging(v, half) {
  const u = Math.max(0, Math.min(1, (v / half + 1) / 2)) * (RAMP.length - 1);
  const k = Math.min(RAMP.length - 2, Math.floor(u));
  const f = u - k, a = RAMP[k], b = RAMP[k + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}
const css = (rgb) => `rgb(${rgb[0] | 0},${rgb[1] | 0},${rgb[2] | 0})`;

// Fixed-point int16, base64, little-endian (rnnlab.pages.stage.pack) -> Float32Array (T*H, row-major).
function unpack(packed) {
  const bin = atob(packed.b64);
  const view = new DataView(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) view.setUint8(i, bin.charCodeAt(i));
  const out = new Float32Array(bin.length / 2);
  const div = Math.pow(10, packed.decimals);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(2 * i, true) / div;
  return out;
}

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v;
    else if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function icon(name) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", ICONS[name]);
  svg.append(path);
  return svg;
}

// The follow component's last word ({for: payload id, goto, hide}), kept for a stage built after it.
const leadFor = (id) => {
  const want = window.__rnnlabStageFollow;
  return want && want.for === id ? want : null;
};

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));

class Stage {
  // carried: the step of the stage this one replaces on the page (see the module's export).
  constructor(host, data, setStateValue, carried) {
    this.host = host;
    this.data = data;
    this.setStateValue = setStateValue;
    this.T = data.T;
    this.H = data.H;
    this.text = data.text;
    this.speeds = data.speeds;
    this.h = unpack(data.h);
    this.c = data.c ? unpack(data.c) : null;
    this.gates = data.gates.map((g) => ({ ...g, values: unpack(g) }));
    const kept = memory[data.id] || {};
    this.step = Math.max(1, Math.min(this.T, kept.step || carried || data.start || 1));
    this.reported = kept.reported || data.start || 1;
    this.hide = kept.hide !== undefined ? kept.hide : !!data.hide_future;
    this.speed = kept.speed || DEFAULT_SPEED;
    // A live lesson's student: the teacher's step {step, seq} comes through the small follow
    // component (ui/elements/stage.py), so that the big payload is not sent again for every step; a seq
    // not seen yet moves the stage there (and is not reported back: the server set it).
    const lead = leadFor(data.id);
    const goto = lead ? lead.goto : data.goto;
    this.gotoSeq = kept.gotoSeq;
    if (goto && goto.seq !== this.gotoSeq) {
      this.gotoSeq = goto.seq;
      this.step = this.reported = Math.max(1, Math.min(this.T, Math.round(goto.step)));
    }
    // While the teacher's question is open the future stays hidden, whatever the switch said.
    this.forced = false;
    this.ownHide = this.hide;
    if (lead && lead.hide) { this.forced = true; this.hide = true; }
    this.playing = false;
    this.raf = 0;
    this.settleTimer = 0;
    this.stats = { draws: 0, frames: [], drawMs: [] };
    this.build();
    this.updateAlt();
    this.heatImage = this.makeHeatImage();
    this.observer = new ResizeObserver(() => this.resize());
    for (const c of this.canvases) this.observer.observe(c);
    this.resize();
    if (this.step !== this.reported) this.settle(); // remounted before its last step settled
    if (goto) this.bringIntoView();
  }

  // A following student is brought to the stage the teacher shows: once per stage mounted (a
  // page the teacher opened, a network the teacher changed), not at every step, so a student
  // who scrolled down to read the arithmetic stays there while the steps go on.
  bringIntoView() {
    if (this.brought) return;
    this.brought = true;
    const reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    requestAnimationFrame(() => this.root.scrollIntoView({ block: "start", behavior: reduce ? "auto" : "smooth" }));
  }

  // --- DOM -----------------------------------------------------------------------------------
  build() {
    const t = this.text;
    const button = (name, label, cls = "") => {
      const b = el("button", { type: "button", class: `rs-btn ${cls}`, "aria-label": label, title: label });
      b.append(icon(name));
      return b;
    };
    this.btnFirst = button("first", t.first);
    this.btnBack = button("back", t.back);
    this.btnPlay = el("button", { type: "button", class: "rs-btn rs-play", "data-testid": "rnnlab-stage-play" });
    this.btnForward = button("forward", t.forward);
    this.btnLast = button("last", t.last);
    this.scrub = el("input", { type: "range", class: "rs-scrub", min: "1", max: String(this.T), step: "1",
      "aria-label": t.scrubber, "data-testid": "rnnlab-stage-scrubber" });
    this.speedSelect = el("select", { "aria-label": `${t.speed} (${t.speed_unit})`, "data-testid": "rnnlab-stage-speed" });
    for (const s of SPEEDS) {
      const label = (this.speeds || {})[String(s)] || `${s} ${t.speed_unit}`;  // "1 paso/s"
      this.speedSelect.append(el("option", { value: String(s), text: label }));
    }
    this.speedSelect.value = String(this.speed);
    const speedField = el("label", { class: "rs-field" }, [el("span", { class: "rs-label-wide", text: t.speed }), this.speedSelect]);
    this.hideBox = el("input", { type: "checkbox", role: "switch", "data-testid": "rnnlab-stage-hide-future" });
    this.hideBox.checked = this.hide;
    this.hideBox.disabled = this.forced;
    this.hideField = el("label", { class: "rs-field rs-switch", title: this.forced ? t.hide_forced : t.hide_future_help },
      [this.hideBox, el("span", { text: t.hide_future })]);
    const hideField = this.hideField;
    // A visible word beside the icon (an unlabelled icon on a wall is a guess): "Projector".
    this.btnProjector = button("projector", t.projector, "rs-projector-btn");
    this.projectorText = el("span", { class: "rs-btn-text", text: t.projector_short || t.projector });
    this.btnProjector.append(this.projectorText);
    this.btnProjector.setAttribute("aria-pressed", "false");
    this.btnProjector.setAttribute("data-testid", "rnnlab-stage-projector");

    const bar = el("div", { class: "rs-bar", role: "toolbar", "aria-label": t.stage_label }, [
      this.btnFirst, this.btnBack, this.btnPlay, this.btnForward, this.btnLast, this.scrub,
      speedField, hideField, this.btnProjector]);

    this.status = el("p", { class: "rs-status", "data-testid": "rnnlab-stage-status",
      "data-rnnlab-steps": String(this.T), "data-rnnlab-units": String(this.H) });
    this.live = el("p", { class: "rs-sr", "aria-live": "polite", "aria-atomic": "true" });

    const canvas = (label) => el("canvas", { class: "rs-canvas", role: "img", "aria-label": label });
    this.cvInput = canvas(t.input_title);
    this.cvPca = canvas(t.pca_title);
    this.cvHeat = canvas(t.heat_title);
    this.cvGates = canvas(fill(t.gates_alt, { t: this.step }));
    this.canvases = [this.cvInput, this.cvPca, this.cvHeat, this.cvGates];

    const key = (cls, label) => el("span", { class: "rs-key" }, [el("span", { class: `rs-swatch ${cls}` }), label]);
    const ramp = (scale) => el("span", { class: "rs-scale" }, [
      el("span", { text: scale.labels[0] }),
      el("span", { class: "rs-ramp", style: `background: linear-gradient(90deg, ${DIVERGING.join(",")})` }),
      el("span", { text: scale.labels[2] })]);

    const inputCap = el("figcaption", {}, [el("span", { text: t.input_title }), key("", t.input_legend), key("pred", t.pred_legend)]);
    const pcaCap = el("figcaption", {}, [el("span", { text: t.pca_title }),
      el("span", { class: "rs-key", text: this.data.pca.axes })]);
    const heatCap = el("figcaption", {}, [el("span", { text: t.heat_title }), ramp(this.data.h.scale)]);
    this.gatesTitle = el("span", { text: fill(t.gates_title, { t: this.step }) });
    const gatesCap = el("figcaption", {}, [this.gatesTitle]);
    const panels = [
      el("figure", { class: "rs-panel rs-input" }, [inputCap, this.cvInput]),
      el("figure", { class: "rs-panel rs-pca" }, [pcaCap, this.cvPca]),
      el("figure", { class: "rs-panel rs-heat" }, [heatCap, this.cvHeat]),
      el("figure", { class: "rs-panel rs-gates" }, [gatesCap, this.cvGates]),
    ];
    const grid = el("div", { class: "rs-grid" }, panels);
    const keysId = `rs-keys-${this.data.id}`;
    const keys = el("p", { class: "rs-keys", id: keysId, text: t.keys });

    this.root = el("div", { class: "rs", "data-testid": "rnnlab-stage", role: "region", tabindex: "0",
      "aria-label": t.stage_label, "aria-describedby": keysId, lang: this.data.lang,
      "data-rnnlab-cell": this.data.cell, "data-rnnlab-forced-hide": this.forced ? "1" : "0" });
    const top = el("div", { class: "rs-top" }, [bar, this.status]);
    this.root.append(top, this.live, grid, keys);
    this.root.rnnlabStats = this.stats;
    this.host.replaceChildren(this.root);

    this.btnFirst.addEventListener("click", () => this.go(1));
    this.btnBack.addEventListener("click", () => this.go(this.step - 1));
    this.btnForward.addEventListener("click", () => this.go(this.step + 1));
    this.btnLast.addEventListener("click", () => this.go(this.T));
    this.btnPlay.addEventListener("click", () => (this.playing ? this.pause() : this.play()));
    this.scrub.addEventListener("input", () => this.go(Number(this.scrub.value)));
    this.speedSelect.addEventListener("change", () => { this.speed = Number(this.speedSelect.value); this.remember(); });
    this.hideBox.addEventListener("change", () => {
      if (this.forced) { this.hideBox.checked = true; return; }
      this.hide = this.ownHide = this.hideBox.checked; this.remember(); this.draw();
    });
    this.btnProjector.addEventListener("click", () => this.setProjector(!this.root.classList.contains("rs-projector")));
    this.root.addEventListener("keydown", (e) => this.onKey(e));
    this.updatePlayButton();
  }

  onKey(e) {
    const target = e.target;
    const tag = target.tagName;
    const isRange = tag === "INPUT" && target.type === "range";
    const native = tag === "BUTTON" || tag === "SELECT" || (tag === "INPUT" && target.type === "checkbox");
    const k = e.key;
    if (k === "Escape" && this.root.classList.contains("rs-projector")) {
      this.setProjector(false);
    } else if ((k === "ArrowLeft" || k === "ArrowRight") && !isRange && tag !== "SELECT") {
      this.go(this.step + (k === "ArrowRight" ? 1 : -1));
    } else if ((k === "Home" || k === "End") && !isRange && tag !== "SELECT") {
      this.go(k === "Home" ? 1 : this.T);
    } else if ((k === " " || k === "Spacebar") && !native) {
      this.playing ? this.pause() : this.play();
    } else {
      return;
    }
    e.preventDefault();
  }

  setProjector(on) {
    this.big = on;
    this.root.classList.toggle("rs-projector", on);
    const label = on ? this.text.projector_exit : this.text.projector;
    this.btnProjector.setAttribute("aria-label", label);
    this.btnProjector.title = label;
    this.btnProjector.setAttribute("aria-pressed", on ? "true" : "false");
    this.projectorText.textContent = on ? (this.text.projector_exit_short || label) : (this.text.projector_short || label);
    this.root.focus({ preventScroll: true });
  }

  updatePlayButton() {
    const label = this.playing ? this.text.pause : this.text.play;
    this.btnPlay.replaceChildren(icon(this.playing ? "pause" : "play"), el("span", { text: label }));
    this.btnPlay.setAttribute("aria-label", label);
  }

  // --- time ----------------------------------------------------------------------------------
  go(step) {
    if (this.playing) this.pause(false);
    this.setStep(step);
    this.settle();
  }

  setStep(step) {
    this.step = Math.max(1, Math.min(this.T, Math.round(step)));
    this.remember();
    this.draw();
  }

  play() {
    if (this.playing) return;
    if (this.step >= this.T) this.setStep(1);
    this.playing = true;
    clearTimeout(this.settleTimer);
    this.updatePlayButton();
    this.last = null;
    this.acc = 0;
    this.raf = requestAnimationFrame((ts) => this.tick(ts));
  }

  // Stops at the step on screen: the frame that drew it is the last one.
  pause(settle = true) {
    if (!this.playing) return;
    this.playing = false;
    cancelAnimationFrame(this.raf);
    this.updatePlayButton();
    if (settle) this.settle();
  }

  tick(ts) {
    if (!this.playing) return;
    if (this.last !== null) {
      const dt = ts - this.last;
      if (this.stats.frames.length < 5000) this.stats.frames.push(dt);
      this.acc += (Math.min(dt, 250) * this.speed) / 1000;
    }
    this.last = ts;
    const n = Math.floor(this.acc);
    if (n >= 1) {
      this.acc -= n;
      this.setStep(this.step + n);
      if (this.step >= this.T) { this.pause(); return; }
    }
    this.raf = requestAnimationFrame((t2) => this.tick(t2));
  }

  settle(delay = SETTLE_MS) {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      if (this.playing) return;
      this.live.textContent = this.statusText();
      this.updateAlt();
      if (this.step !== this.reported) {
        this.reported = this.step;
        this.remember();
        this.setStateValue("step", this.step);
      }
    }, delay);
  }

  remember() {
    memory[this.data.id] = { step: this.step, reported: this.reported, hide: this.forced ? this.ownHide : this.hide,
      speed: this.speed, gotoSeq: this.gotoSeq };
  }

  // What the follow component says for this stage: the teacher's step, and whether to hide the future.
  lead(want) {
    if (!want || want.for !== this.data.id) return;
    this.follow(want.goto);
    this.forceHide(!!want.hide);
  }

  forceHide(on) {
    if (on === this.forced) return;
    this.forced = on;
    this.hide = on ? true : this.ownHide;
    this.hideBox.checked = this.hide;
    this.hideBox.disabled = on;
    this.hideField.title = on ? this.text.hide_forced : this.text.hide_future_help;
    this.root.dataset.rnnlabForcedHide = on ? "1" : "0";
    this.draw();
  }

  // A lesson's text points at a value on the stage ("stage:gate:forget:2", "stage:hidden:2",
  // "stage:cell:2"; ui/classroom/lesson_player.js): that unit is ringed until the pointer leaves.
  mark(target) {
    const m = /^stage:(gate|hidden|cell):(?:([a-z]+):)?(\d+)$/.exec(target || "");
    this.marked = m ? { row: m[1] === "gate" ? m[2] : m[1] === "hidden" ? "h" : "c", unit: Number(m[3]) } : null;
    this.root.setAttribute("data-rnnlab-marked", this.marked ? target : "");
    this.draw();
  }

  // A step set by the server (a live lesson's teacher), once per seq.
  follow(goto) {
    if (!goto || goto.seq === this.gotoSeq) return;
    this.gotoSeq = goto.seq;
    this.bringIntoView();
    if (this.playing) this.pause(false);
    clearTimeout(this.settleTimer);
    const step = Math.max(1, Math.min(this.T, Math.round(goto.step)));
    // goto.report: only the stage was moved (no page rerun), so tell the server the step has
    // landed and the one-step arithmetic follows it; otherwise the page was drawn at this step.
    if (!goto.report) this.reported = step;
    this.setStep(step);
    this.live.textContent = this.statusText();
    this.updateAlt();
    // Not at once: a whole class gets the step in the same second, and 40 reports landing then
    // would queue in front of the other students' polls that bring it (the stage moves first;
    // the arithmetic may follow a moment later).
    if (goto.report) this.settle(REPORT_MS + Math.random() * REPORT_MS);
  }

  statusText() {
    const i = this.step - 1;
    return fill(this.text.status, { t: this.step, T: this.T, x: this.data.x_text[i], pred: this.data.pred_text[i] });
  }

  updateAlt() {
    const v = { t: this.step, T: this.T, H: this.H };
    this.cvInput.setAttribute("aria-label", fill(this.text.input_alt, v));
    this.cvHeat.setAttribute("aria-label", fill(this.text.heat_alt, v));
    this.cvPca.setAttribute("aria-label", fill(this.text.pca_alt, v));
    this.cvGates.setAttribute("aria-label", fill(this.text.gates_alt, v));
  }

  // --- drawing -------------------------------------------------------------------------------
  resize() {
    const dpr = window.devicePixelRatio || 1;
    for (const c of this.canvases) {
      const w = Math.max(1, Math.round(c.clientWidth * dpr));
      const h = Math.max(1, Math.round(c.clientHeight * dpr));
      if (c.width !== w || c.height !== h) { c.width = w; c.height = h; }
    }
    this.draw();
  }

  ctx(canvas) {
    const dpr = window.devicePixelRatio || 1;
    const ctx = canvas.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const w = canvas.width / dpr, h = canvas.height / dpr;
    ctx.clearRect(0, 0, w, h);
    // larger labels on a projector: they must read from the back of the room
    ctx.font = `${this.big ? 17 : 13}px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`;
    ctx.textBaseline = "middle";
    return [ctx, w, h];
  }

  draw() {
    const t0 = performance.now();
    const i = this.step - 1;
    this.scrub.value = String(this.step);
    this.scrub.setAttribute("aria-valuetext", `${this.step} / ${this.T}`);
    this.status.textContent = this.statusText();
    this.status.setAttribute("data-rnnlab-step", String(this.step));
    this.gatesTitle.textContent = fill(this.text.gates_title, { t: this.step });
    this.drawInput(i);
    this.drawHeat(i);
    this.drawPca(i);
    this.drawGates(i);
    this.stats.draws += 1;
    if (this.stats.drawMs.length < 5000) this.stats.drawMs.push(performance.now() - t0);
  }

  drawInput(i) {
    const [ctx, w, h] = this.ctx(this.cvInput);
    const d = this.data, T = this.T;
    const m = { l: this.big ? 56 : 46, r: 10, t: 8, b: 22 };
    const [y0, y1] = d.y_range;
    const X = (s) => m.l + ((s - 0.5) / (T + 1)) * (w - m.l - m.r);
    const Y = (v) => m.t + (1 - (v - y0) / (y1 - y0 || 1)) * (h - m.t - m.b);
    ctx.strokeStyle = GRID; ctx.lineWidth = 1; ctx.fillStyle = MUTED; ctx.textAlign = "right";
    for (const tk of d.y_ticks) {
      const y = Y(tk.v);
      ctx.beginPath(); ctx.moveTo(m.l, y); ctx.lineTo(w - m.r, y); ctx.stroke();
      ctx.fillText(tk.text, m.l - 6, y);
    }
    ctx.textAlign = "center";
    ctx.fillText("1", X(1), h - 9);
    ctx.fillText(String(T), X(T), h - 9);
    ctx.fillText(this.text.step_axis, (m.l + w - m.r) / 2, h - 9);
    if (this.hide) {
      ctx.fillStyle = FUTURE;
      ctx.fillRect(X(this.step + 1.5), m.t, w - m.r - X(this.step + 1.5), h - m.t - m.b);
      ctx.fillStyle = MUTED; ctx.textAlign = "center";
      const left = X(this.step + 1.5), right = w - m.r;
      if (right - left > 90) ctx.fillText(this.text.future_hidden, (left + right) / 2, m.t + (h - m.t - m.b) / 2);
    }
    // the input up to the current step when the future is hidden (a line running on through the
    // grey box looked, on a wall, as if hiding had failed); all of it otherwise
    const seen = this.hide ? this.step : T;
    ctx.strokeStyle = INK; ctx.lineWidth = 2; ctx.setLineDash([]);
    this.line(ctx, d.x, 0, seen, (s) => X(s + 1), Y);
    if (T <= 80) {
      ctx.fillStyle = INK;
      for (let s = 0; s < seen; s++) if (d.x[s] !== null) { ctx.beginPath(); ctx.arc(X(s + 1), Y(d.x[s]), 2.2, 0, 7); ctx.fill(); }
    }
    this.cvInput.dataset.rnnlabDrawnSteps = String(seen); // what the input line covers (tests)
    // the prediction made at step s is of the value at s + 1
    const until = this.hide ? i + 1 : T;
    ctx.strokeStyle = PRED; ctx.lineWidth = 2.2; ctx.setLineDash([6, 4]);
    this.line(ctx, d.pred, 0, until, (s) => X(s + 2), Y);
    ctx.setLineDash([]);
    // the cursor
    ctx.strokeStyle = INK; ctx.lineWidth = 1.5;
    ctx.beginPath(); ctx.moveTo(X(this.step), m.t); ctx.lineTo(X(this.step), h - m.b); ctx.stroke();
    if (d.x[i] !== null) this.dot(ctx, X(this.step), Y(d.x[i]), 6, NOW, INK);
    if (d.pred[i] !== null) this.diamond(ctx, X(this.step + 1), Y(d.pred[i]), 7, PRED);
  }

  line(ctx, values, from, to, X, Y) {
    ctx.beginPath();
    let pen = false;
    for (let s = from; s < to; s++) {
      const v = values[s];
      if (v === null) { pen = false; continue; }
      if (pen) ctx.lineTo(X(s), Y(v)); else { ctx.moveTo(X(s), Y(v)); pen = true; }
    }
    ctx.stroke();
  }

  dot(ctx, x, y, r, fillColor, stroke) {
    ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fillStyle = fillColor; ctx.fill();
    ctx.lineWidth = 2; ctx.strokeStyle = stroke; ctx.stroke();
  }

  diamond(ctx, x, y, r, color) {
    ctx.beginPath(); ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath();
    ctx.fillStyle = "#fff"; ctx.fill(); ctx.lineWidth = 2.5; ctx.strokeStyle = color; ctx.stroke();
  }

  makeHeatImage() {
    const T = this.T, H = this.H, half = this.data.h.scale.half;
    const img = document.createElement("canvas");
    img.width = T; img.height = H;
    const ctx = img.getContext("2d");
    const px = ctx.createImageData(T, H);
    for (let s = 0; s < T; s++) {
      for (let j = 0; j < H; j++) {
        const rgb = diverging(this.h[s * H + j], half);
        const o = 4 * (j * T + s);
        px.data[o] = rgb[0]; px.data[o + 1] = rgb[1]; px.data[o + 2] = rgb[2]; px.data[o + 3] = 255;
      }
    }
    ctx.putImageData(px, 0, 0);
    return img;
  }

  drawHeat(i) {
    const [ctx, w, h] = this.ctx(this.cvHeat);
    const T = this.T, H = this.H;
    const m = { l: this.big ? 44 : 34, r: 16, t: 6, b: 22 };
    const pw = w - m.l - m.r, ph = h - m.t - m.b;
    const cw = pw / T;
    ctx.imageSmoothingEnabled = false;
    const shown = this.hide ? this.step : T;
    // only the columns that may be shown are copied from the picture
    ctx.drawImage(this.heatImage, 0, 0, shown, H, m.l, m.t, shown * cw, ph);
    if (shown < T) {
      ctx.fillStyle = FUTURE;
      ctx.fillRect(m.l + shown * cw, m.t, (T - shown) * cw, ph);
      ctx.fillStyle = MUTED; ctx.textAlign = "center";
      if ((T - shown) * cw > 90) ctx.fillText(this.text.future_hidden, m.l + (shown + T) / 2 * cw, m.t + ph / 2);
    }
    ctx.strokeStyle = "#9ca3af"; ctx.lineWidth = 1;
    ctx.strokeRect(m.l, m.t, pw, ph);
    // the current step's column, framed
    const x = m.l + i * cw;
    ctx.strokeStyle = INK; ctx.lineWidth = 2.5;
    ctx.strokeRect(x - 1.5, m.t - 1, cw + 3, ph + 2);
    if (this.marked && this.marked.row === "h" && this.marked.unit <= H) {  // a lesson's value
      ctx.strokeStyle = MARKED; ctx.lineWidth = 3;
      ctx.strokeRect(m.l - 2, m.t + (this.marked.unit - 1) * ph / H - 1, shown * cw + 4, ph / H + 2);
    }
    ctx.fillStyle = MUTED; ctx.textAlign = "right";
    ctx.fillText("1", m.l - 5, m.t + ph / H / 2);
    ctx.fillText(String(H), m.l - 5, m.t + ph - ph / H / 2);
    ctx.save(); ctx.translate(10, m.t + ph / 2); ctx.rotate(-Math.PI / 2); ctx.textAlign = "center";
    ctx.fillText(this.text.neuron_axis, 0, 0); ctx.restore();
    ctx.textAlign = "center";
    ctx.fillText("1", m.l + cw / 2, h - 9);
    ctx.fillText(String(T), m.l + pw - cw / 2, h - 9);
    ctx.fillText(this.text.step_axis, m.l + pw / 2, h - 9);
  }

  drawPca(i) {
    const [ctx, w, h] = this.ctx(this.cvPca);
    const d = this.data, T = this.T, xy = d.pca.xy;
    if (d.pca.flat) {
      ctx.fillStyle = MUTED; ctx.textAlign = "center";
      ctx.fillText(this.text.pca_flat, w / 2, h / 2, w - 10);
      return;
    }
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (let s = 0; s < T; s++) {
      x0 = Math.min(x0, xy[2 * s]); x1 = Math.max(x1, xy[2 * s]);
      y0 = Math.min(y0, xy[2 * s + 1]); y1 = Math.max(y1, xy[2 * s + 1]);
    }
    const m = 12, sx = (w - 2 * m) / (x1 - x0 || 1), sy = (h - 2 * m) / (y1 - y0 || 1);
    const X = (s) => m + (xy[2 * s] - x0) * sx;
    const Y = (s) => h - m - (xy[2 * s + 1] - y0) * sy;
    ctx.strokeStyle = "#9ca3af"; ctx.lineWidth = 1;
    ctx.strokeRect(0.5, 0.5, w - 1, h - 1);
    const path = (from, to) => {
      ctx.beginPath(); ctx.moveTo(X(from), Y(from));
      for (let s = from + 1; s <= to; s++) ctx.lineTo(X(s), Y(s));
      ctx.stroke();
    };
    if (!this.hide) { ctx.strokeStyle = "#cbd5e1"; ctx.lineWidth = 2; path(0, T - 1); }
    ctx.strokeStyle = PATH; ctx.lineWidth = 2.5; path(0, i);
    ctx.fillStyle = PATH;
    if (T <= 80) for (let s = 0; s < i; s++) { ctx.beginPath(); ctx.arc(X(s), Y(s), 2.2, 0, 7); ctx.fill(); }
    this.dot(ctx, X(i), Y(i), 7, NOW, INK);
  }

  drawGates(i) {
    const [ctx, w, h] = this.ctx(this.cvGates);
    const H = this.H;
    const rows = this.gates.map((g) => ({ label: `${g.label} ${g.symbol}`, values: g.values,
      kind: g.kind, half: g.scale ? g.scale.half : 1, name: g.name }));
    if (this.c) rows.push({ label: "c", values: this.c, kind: "state", half: this.data.c.scale.half, name: "c" });
    rows.push({ label: "h", values: this.h, kind: "state", half: this.data.h.scale.half, name: "h" });
    const lw = this.big ? 136 : 104, m = { r: 6, t: 2, b: 18 };
    let top = m.t;
    if (!this.gates.length) {
      ctx.fillStyle = MUTED; ctx.textAlign = "left";
      top = this.wrap(ctx, this.text.no_gates, 4, 12, w - 8, 17) + 14;
    }
    const rh = Math.min(64, (h - top - m.b) / rows.length);
    const bw = (w - lw - m.r) / H;
    rows.forEach((row, k) => {
      const y = top + k * rh, ph = rh - 6;
      ctx.fillStyle = INK; ctx.textAlign = "right";
      ctx.fillText(row.label, lw - 8, y + ph / 2 + 2);
      ctx.fillStyle = "#f3f4f6"; ctx.fillRect(lw, y + 2, w - lw - m.r, ph);
      const base = row.kind === "gate" ? y + 2 + ph : y + 2 + ph / 2;
      for (let j = 0; j < H; j++) {
        const v = row.values[i * H + j];
        let bar, color;
        if (row.kind === "gate") { bar = Math.max(0, Math.min(1, v)) * ph; color = GATE; }
        else { bar = (Math.max(-row.half, Math.min(row.half, v)) / row.half) * (ph / 2); color = css(diverging(v, row.half)); }
        ctx.fillStyle = color;
        const x = lw + j * bw + (bw > 4 ? 1 : 0);
        const width = Math.max(1, bw - (bw > 4 ? 2 : 0));
        if (bar >= 0) ctx.fillRect(x, base - bar, width, bar); else ctx.fillRect(x, base, width, -bar);
        if (row.kind !== "gate" && Math.abs(bar) < 1) { ctx.fillStyle = MUTED; ctx.fillRect(x, base - 0.5, width, 1); }
      }
      ctx.strokeStyle = "#9ca3af"; ctx.lineWidth = 1;
      ctx.beginPath(); ctx.moveTo(lw, base + 0.5); ctx.lineTo(w - m.r, base + 0.5); ctx.stroke();
      if (this.marked && this.marked.row === row.name && this.marked.unit <= H) {  // a lesson's value
        ctx.strokeStyle = MARKED; ctx.lineWidth = 3;
        ctx.strokeRect(lw + (this.marked.unit - 1) * bw - 1, y, bw + 2, ph + 4);
      }
    });
    ctx.fillStyle = MUTED; ctx.textAlign = "left";
    ctx.fillText(`${this.text.neuron_axis} 1…${H}`, lw, top + rows.length * rh + 8);
  }

  wrap(ctx, text, x, y, width, lineHeight) {
    let line = "";
    for (const word of text.split(" ")) {
      const trial = line ? `${line} ${word}` : word;
      if (ctx.measureText(trial).width > width && line) { ctx.fillText(line, x, y); line = word; y += lineHeight; }
      else line = trial;
    }
    if (line) ctx.fillText(line, x, y);
    return y;
  }

  destroy() {
    this.playing = false;
    cancelAnimationFrame(this.raf);
    clearTimeout(this.settleTimer);
    this.observer.disconnect();
  }
}

// The arrow keys on a wall: before anyone clicks the stage, nothing has the focus (the page's
// body), or a button the teacher pressed has it. Then ←/→, Home and End (and Space when nothing
// has the focus) go to the stage on screen, as if it had the focus; a key pressed while typing
// or on a control that uses the arrows itself (a slider, a radio, a list) stays that control's.
function pageStage() {
  for (const host of document.querySelectorAll(".rs-host")) {
    const stage = host.rnnlabStage;
    if (!stage || !stage.root.isConnected) continue;
    const r = stage.root.getBoundingClientRect();
    if (r.bottom > 0 && r.top < window.innerHeight && r.width > 0) return stage;
  }
  return null;
}

const KEY_ROLES = /^(slider|radio|radiogroup|tab|tablist|listbox|combobox|menu|menuitem|option|spinbutton|textbox|grid|tree|switch|checkbox)$/;
function usesKeys(node) {
  if (node.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(node.tagName)) return true;
  for (let n = node; n && n !== document.body; n = n.parentElement) {
    if (KEY_ROLES.test(n.getAttribute("role") || "")) return true;
  }
  return false;
}

if (!window.__rnnlabStageMarks) {
  window.__rnnlabStageMarks = true;
  window.addEventListener("rnnlab-highlight", (e) => {
    for (const host of document.querySelectorAll(".rs-host")) {
      if (host.rnnlabStage) host.rnnlabStage.mark(e.detail && e.detail.target);
    }
  });
}

if (!window.__rnnlabStageKeys) {
  window.__rnnlabStageKeys = true;
  document.addEventListener("keydown", (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const active = document.activeElement;
    const nothing = !active || active === document.body || active === document.documentElement;
    if (!nothing && (active.closest(".rs") || usesKeys(active))) return;
    const keys = nothing ? ["ArrowLeft", "ArrowRight", "Home", "End", " ", "Spacebar"]
      : ["ArrowLeft", "ArrowRight", "Home", "End"];
    if (!keys.includes(e.key)) return;
    const stage = pageStage();
    if (stage) stage.onKey(e);
  });
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  if (!data || !data.T) return undefined;
  let host = parentElement.querySelector(".rs-host");
  if (!host) {
    host = document.createElement("div");
    host.className = "rs-host";
    parentElement.append(host);
  }
  const current = host.rnnlabStage;
  if (current && current.data.id === data.id) {
    current.setStateValue = setStateValue; // a rerun with the same trace: keep everything
    current.follow(data.goto);
    return () => { if (host.rnnlabStage) { host.rnnlabStage.destroy(); host.rnnlabStage = null; } };
  }
  // A new payload (another network, another window) replaces the stage in place: it goes on
  // at the step the browser had, unless the server moved the step itself (a question's limit;
  // a scene's step comes as a goto and wins anyway): its start is then neither the old
  // payload's nor the last step reported. Otherwise the start is only stale: a rerun (a slider
  // moved just before) began before the browser's newest step reached the server.
  let carried;
  if (current) {
    if (data.start === current.data.start || data.start === current.reported) carried = current.step;
    current.destroy();
  }
  host.rnnlabStage = new Stage(host, data, setStateValue, carried);
  return () => { if (host.rnnlabStage) { host.rnnlabStage.destroy(); host.rnnlabStage = null; } };
}
