// "Draw the future": the student's drawing surface (ui/classroom/live_draw.py), plain SVG, no library.
//
// The series is drawn up to the cut; right of the dashed line the student draws the next H
// points with a finger, a pen or the mouse (pointer events: one stroke sets every step it
// crosses, gaps filled in a straight line), or by keyboard: each step is a focusable handle
// (role="slider"), ↑/↓ move it (PageUp/PageDown by more, Home/End to the top/bottom), ←/→ go to
// the previous/next step. The server hears the drawing when a stroke ends, 600 ms after the last
// key, or when a handle loses focus: setStateValue("points", {id, values}), values with null for
// the steps not drawn yet. Streamlit calls this module again on each rerun: the drawing is kept
// on the host element while the activity (data.id) is the same.

const NS = "http://www.w3.org/2000/svg";
const KEY_SETTLE_MS = 600;
const INK = "#111827", MUTED = "#374151", GRID = "#e5e7eb", FUTURE_BG = "#eef2ff";
const LINE = "#1d4ed8", CUT = "#475569", UNSET = "#6b7280";

function svg(tag, attrs = {}) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

class Surface {
  constructor(host, data, setStateValue) {
    this.host = host;
    this.data = data;
    this.setStateValue = setStateValue;
    this.H = data.h;
    this.points = Array.from({ length: this.H }, (_, k) =>
      Array.isArray(data.points) && Number.isFinite(data.points[k]) ? data.points[k] : null);
    this.timer = null;
    this.stroke = null;
    this.root = document.createElement("div");
    this.root.className = "rd";
    this.root.setAttribute("data-testid", "rnnlab-draw");
    this.root.setAttribute("data-rnnlab-steps", String(this.H));
    this.root.setAttribute("role", "group");
    this.root.setAttribute("aria-label", data.text.label);
    this.svg = svg("svg", { class: "rd-svg", "aria-hidden": "false" });
    this.root.append(this.svg);
    this.bar = document.createElement("div");
    this.bar.className = "rd-bar";
    this.status = document.createElement("span");
    this.status.className = "rd-status";
    this.status.setAttribute("aria-live", "polite");
    this.clear = document.createElement("button");
    this.clear.type = "button";
    this.clear.className = "rd-clear";
    this.clear.setAttribute("data-testid", "rnnlab-draw-clear");
    this.clear.textContent = data.text.clear;
    this.clear.addEventListener("click", () => { this.points.fill(null); this.draw(); this.report(); });
    this.bar.append(this.status, this.clear);
    if (!data.preview) this.root.append(this.bar); // the teacher's projected preview: no drawing
    host.append(this.root);
    this.svg.addEventListener("pointerdown", (e) => this.down(e));
    this.svg.addEventListener("pointermove", (e) => this.move(e));
    this.svg.addEventListener("pointerup", (e) => this.up(e));
    this.svg.addEventListener("pointercancel", (e) => this.up(e));
    this.resize = new ResizeObserver(() => this.layout());
    this.resize.observe(host);
    this.layout();
  }

  destroy() {
    this.resize.disconnect();
    clearTimeout(this.timer);
    this.root.remove();
  }

  update(data, setStateValue) {
    this.setStateValue = setStateValue;
    const locked = !!data.locked;
    const changed = locked !== !!this.data.locked;
    this.data = data;
    if (changed) this.draw();
  }

  // ----- geometry -----
  layout() {
    const pad = this.root.offsetWidth - this.root.clientWidth + 12; // border + padding of .rd
    const width = Math.max(240, Math.floor((this.host.clientWidth || 360) - pad));
    const height = Math.round(Math.min(320, Math.max(230, width * 0.6)));
    if (width === this.width && height === this.height) return;
    this.width = width;
    this.height = height;
    this.svg.setAttribute("width", width);
    this.svg.setAttribute("height", height);
    this.svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const d = this.data;
    this.m = { l: 46, r: 14, t: 12, b: 34 };
    this.x0 = d.view_start;
    this.x1 = d.cut + this.H - 1;
    this.draw();
  }

  xOf(pos) {
    const { l, r } = this.m;
    return l + ((pos - this.x0) / Math.max(1, this.x1 - this.x0)) * (this.width - l - r);
  }

  yOf(v) {
    const { t, b } = this.m;
    const [lo, hi] = this.data.surface;
    return t + (1 - (v - lo) / (hi - lo)) * (this.height - t - b);
  }

  valueAt(py) {
    const { t, b } = this.m;
    const [lo, hi] = this.data.surface;
    const u = 1 - (py - t) / (this.height - t - b);
    return Math.min(hi, Math.max(lo, lo + u * (hi - lo)));
  }

  stepAt(px) {
    const { l, r } = this.m;
    const pos = this.x0 + ((px - l) / (this.width - l - r)) * (this.x1 - this.x0);
    return Math.min(this.H - 1, Math.max(0, Math.round(pos - this.data.cut)));
  }

  // ----- drawing -----
  draw() {
    const d = this.data, s = this.svg, H = this.H;
    while (s.firstChild) s.removeChild(s.firstChild);
    const { l, r, t, b } = this.m;
    const title = svg("title");
    title.textContent = d.text.label;
    s.append(title);
    const cutX = this.xOf(d.cut - 0.5);
    s.append(svg("rect", { x: cutX, y: t, width: this.width - r - cutX, height: this.height - t - b,
      fill: FUTURE_BG }));
    for (const [v, label] of d.yticks) {
      const y = this.yOf(v);
      s.append(svg("line", { x1: l, x2: this.width - r, y1: y, y2: y, stroke: GRID }));
      const text = svg("text", { x: l - 6, y: y + 4, "text-anchor": "end", class: "rd-tick" });
      text.textContent = label;
      s.append(text);
    }
    for (const [pos, label] of d.xticks) {
      const text = svg("text", { x: this.xOf(pos), y: this.height - b + 18, "text-anchor": "middle",
        class: "rd-tick" });
      text.textContent = label;
      s.append(text);
    }
    const shown = d.shown.map((v, k) => `${this.xOf(d.view_start + k).toFixed(1)},${this.yOf(v).toFixed(1)}`);
    s.append(svg("polyline", { points: shown.join(" "), fill: "none", stroke: INK, "stroke-width": 2.5,
      "stroke-linejoin": "round" }));
    s.append(svg("line", { x1: cutX, x2: cutX, y1: t, y2: this.height - b, stroke: CUT,
      "stroke-width": 2, "stroke-dasharray": "6 4" }));
    // the drawn line, from the last shown value through every drawn step
    const last = d.shown[d.shown.length - 1];
    const path = [`${this.xOf(d.cut - 1).toFixed(1)},${this.yOf(last).toFixed(1)}`];
    let drawn = 0;
    for (let k = 0; k < H; k++) {
      if (this.points[k] === null) continue;
      drawn++;
      path.push(`${this.xOf(d.cut + k).toFixed(1)},${this.yOf(this.points[k]).toFixed(1)}`);
    }
    if (path.length > 1) {
      s.append(svg("polyline", { points: path.join(" "), fill: "none", stroke: LINE, "stroke-width": 3,
        "stroke-linejoin": "round", class: "rd-line" }));
    }
    this.handles = [];
    for (let k = 0; k < (d.preview ? 0 : H); k++) {
      const set = this.points[k] !== null;
      const v = set ? this.points[k] : this.anchor(k);
      const c = svg("circle", { cx: this.xOf(d.cut + k), cy: this.yOf(v), r: set ? 5.5 : 4.5,
        class: set ? "rd-point" : "rd-point rd-unset", fill: set ? LINE : "#ffffff",
        stroke: set ? LINE : UNSET, "stroke-width": 2, role: "slider",
        tabindex: d.locked ? -1 : 0, "aria-label": d.text.point.replace("{k}", k + 1).replace("{h}", H),
        "aria-valuemin": d.surface[0], "aria-valuemax": d.surface[1], "aria-orientation": "vertical",
        "data-rnnlab-step": k + 1 });
      if (set) {
        c.setAttribute("aria-valuenow", this.points[k]);
        c.setAttribute("aria-valuetext", this.say(this.points[k]));
      } else {
        c.setAttribute("aria-valuetext", d.text.unset);
      }
      if (d.locked) c.setAttribute("aria-disabled", "true");
      c.addEventListener("keydown", (e) => this.key(e, k));
      c.addEventListener("blur", () => this.flush());
      s.append(c);
      this.handles.push(c);
    }
    this.root.setAttribute("data-rnnlab-drawn", String(drawn));
    this.root.classList.toggle("rd-locked", !!d.locked);
    this.clear.disabled = !!d.locked || drawn === 0;
    this.status.textContent = d.text.drawn.replace("{n}", drawn).replace("{h}", H);
  }

  say(v) {
    const digits = this.data.digits;
    const text = v.toFixed(digits);
    return this.data.decimal === "," ? text.replace(".", ",") : text;
  }

  anchor(k) {
    // where an undrawn step's handle waits: on the line so far (the previous step, else the last value)
    for (let j = k - 1; j >= 0; j--) if (this.points[j] !== null) return this.points[j];
    return this.data.shown[this.data.shown.length - 1];
  }

  // ----- pointer -----
  local(e) {
    // the SVG may be drawn smaller than its own size (max-width: 100%): back to its units
    const box = this.svg.getBoundingClientRect();
    return [((e.clientX - box.left) * this.width) / (box.width || this.width),
      ((e.clientY - box.top) * this.height) / (box.height || this.height)];
  }

  down(e) {
    if (this.data.locked) return;
    e.preventDefault();
    try { this.svg.setPointerCapture(e.pointerId); } catch (err) { /* a pointer the browser does not track */ }
    this.stroke = { id: e.pointerId, last: null };
    this.paint(e);
  }

  move(e) {
    if (!this.stroke || e.pointerId !== this.stroke.id) return;
    e.preventDefault();
    const events = e.getCoalescedEvents ? e.getCoalescedEvents() : [];
    for (const ev of events.length ? events : [e]) this.paint(ev);
  }

  paint(e) {
    const [px, py] = this.local(e);
    const k = this.stepAt(px), v = this.valueAt(py);
    const prev = this.stroke.last;
    if (prev && prev.k !== k) { // a fast stroke skipped steps: fill them in a straight line
      const dir = k > prev.k ? 1 : -1;
      for (let j = prev.k + dir; j !== k; j += dir) {
        this.points[j] = prev.v + ((v - prev.v) * (j - prev.k)) / (k - prev.k);
      }
    }
    this.points[k] = v;
    this.stroke.last = { k, v };
    this.draw();
  }

  up(e) {
    if (!this.stroke || e.pointerId !== this.stroke.id) return;
    if (e.type === "pointerup" && (e.clientX || e.clientY)) this.paint(e); // where the finger lifted
    this.stroke = null;
    this.report();
  }

  // ----- keyboard -----
  key(e, k) {
    if (this.data.locked) return;
    const [lo, hi] = this.data.surface;
    const small = (hi - lo) / 50, big = (hi - lo) / 10;
    const v = this.points[k] !== null ? this.points[k] : this.anchor(k);
    let next = null;
    if (e.key === "ArrowUp") next = v + small;
    else if (e.key === "ArrowDown") next = v - small;
    else if (e.key === "PageUp") next = v + big;
    else if (e.key === "PageDown") next = v - big;
    else if (e.key === "Home") next = hi;
    else if (e.key === "End") next = lo;
    else if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      const j = k + (e.key === "ArrowRight" ? 1 : -1);
      if (j >= 0 && j < this.H) { e.preventDefault(); this.handles[j].focus(); }
      return;
    } else return;
    e.preventDefault();
    this.points[k] = Math.min(hi, Math.max(lo, next));
    this.draw();
    this.handles[k].focus();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.report(), KEY_SETTLE_MS);
  }

  flush() {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; this.report(); }
  }

  report() {
    clearTimeout(this.timer);
    this.timer = null;
    const values = this.points.map((v) => (v === null ? null : Number(v.toPrecision(8))));
    this.setStateValue("points", { id: this.data.id, values });
  }
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  if (!data || !data.id) return undefined;
  let host = parentElement.querySelector(".rd-host");
  if (!host) {
    host = document.createElement("div");
    host.className = "rd-host";
    parentElement.append(host);
  }
  const current = host.rnnlabDraw;
  if (current && current.data.id === data.id) {
    current.update(data, setStateValue);
  } else {
    if (current) current.destroy();
    host.rnnlabDraw = new Surface(host, data, setStateValue);
  }
  return () => { if (host.rnnlabDraw) { host.rnnlabDraw.destroy(); host.rnnlabDraw = null; } };
}
