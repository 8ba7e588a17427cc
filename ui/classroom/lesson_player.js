// The lesson player's text (components v2, no iframe: its DOM sits in the page).
// Everything from the lesson file is set with textContent: a scene's text is never HTML.
// A live value is a focusable <button>; hovering or focusing it marks its target on the page
// (data-rnnlab-target="<id>", found through the selectors the server sends) and tells the
// Hidden states stage (a "rnnlab-highlight" event: the stage marks the unit itself).
// The scene's focus section is scrolled to and outlined once per scene (seq).
const TARGET = "data-rnnlab-target";
const MARK = "rnnlab-lesson-mark";

function tag(targets) {
  // Put data-rnnlab-target on the page elements each target id stands for (redone each time:
  // Streamlit rebuilds elements).
  for (const [id, selector] of Object.entries(targets || {})) {
    let found = [];
    try { found = document.querySelectorAll(selector); } catch (e) { found = []; }
    for (const node of found) {
      const ids = new Set((node.getAttribute(TARGET) || "").split(" ").filter(Boolean));
      ids.add(id);
      node.setAttribute(TARGET, [...ids].join(" "));
    }
  }
}

function mark(targets, id, on) {
  tag(targets);
  for (const node of document.querySelectorAll(`[${TARGET}]`)) {
    const ids = (node.getAttribute(TARGET) || "").split(" ");
    if (ids.includes(id)) node.classList.toggle(MARK, on);
  }
  window.dispatchEvent(new CustomEvent("rnnlab-highlight", { detail: { target: on ? id : null } }));
}

function section(focus, open = false) {
  // {css: selector} or {heading: the section title's text in the reader's language}
  if (!focus) return null;
  if (focus.css) {
    try { return document.querySelector(focus.css); } catch (e) { return null; }
  }
  for (const h of document.querySelectorAll(".main h1, .main h2, .main h3, [data-testid='stMain'] h1, [data-testid='stMain'] h2, [data-testid='stMain'] h3")) {
    if (h.closest(".rl")) continue;
    if ((h.textContent || "").trim().startsWith(focus.heading)) {
      return h.closest("[data-testid='stElementContainer']") || h;
    }
  }
  // A section folded on small screens (an expander, its title in the summary): the scene
  // opens it once when shown (\`open\`), so what the text talks about is there to see; a
  // reader who folds it again keeps it folded.
  for (const summary of document.querySelectorAll("[data-testid='stMain'] [data-testid='stExpander'] summary")) {
    if (!(summary.textContent || "").includes(focus.heading)) continue;  // after its icon's name
    const details = summary.closest("details");
    if (open && details && !details.open) summary.click();
    return summary.closest("[data-testid='stExpander']") || details || summary;
  }
  return null;
}

// A long scene text: its first lines (CSS line clamp: 3 on a phone, 4 at the projector) and a
// "Show all" button; open, the whole text flows in the bar (nothing scrolls inside it). An open
// bar taller than 60% of the window stops sticking to the top (it would hide its own end and
// the page): it becomes part of the page, brought into view; closing it sticks it again and
// goes back to the scene's focus section.
function fits(root) {
  const text = root.querySelector(".rl-text");
  const more = root.querySelector(".rl-more");
  const opened = root.getAttribute("data-rnnlab-open") === "true";
  more.hidden = !opened && text.scrollHeight <= text.clientHeight + 1;
  const bar = root.closest(".st-key-lesson_bar");
  if (bar) {  // what scrolls itself into view stops below the sticky bar (lesson_player.css)
    const h = root.hasAttribute("data-rnnlab-tall") ? 0 : bar.getBoundingClientRect().height;
    document.documentElement.style.setProperty("--rnnlab-lesson-bar", `${Math.round(h)}px`);
  }
}

function open(root, on, byReader) {
  const more = root.querySelector(".rl-more");
  const labels = root.__rnnlabLabels || { more: "Show all", less: "Show less" };
  const wasTall = root.hasAttribute("data-rnnlab-tall");
  root.setAttribute("data-rnnlab-open", on ? "true" : "false");
  more.setAttribute("aria-expanded", on ? "true" : "false");
  more.textContent = on ? labels.less : labels.more;
  fits(root);
  const bar = root.closest(".st-key-lesson_bar");
  if (!on) {
    root.removeAttribute("data-rnnlab-tall");
    fits(root);
    if (wasTall && byReader) {
      const focus = document.querySelector("[data-rnnlab-focus]");
      if (focus) focus.scrollIntoView({ block: "start" });
      more.focus({ preventScroll: true });
    }
    return;
  }
  if (!bar) return;  // the live room's bar: not sticky, it flows with the page
  root.removeAttribute("data-rnnlab-tall");
  if (bar.getBoundingClientRect().height > 0.6 * window.innerHeight) {
    root.setAttribute("data-rnnlab-tall", "");
    if (byReader) (bar.parentElement || bar).scrollIntoView({ block: "start" });
  }
  fits(root);
}

export default function (component) {
  const { data, parentElement } = component;
  const d = data || {};
  let root = parentElement.querySelector(".rl");
  if (!root) {
    root = document.createElement("section");
    root.className = "rl";
    root.setAttribute("data-testid", "rnnlab-lesson");
    const head = document.createElement("div");
    head.className = "rl-head";
    const count = document.createElement("p");
    count.className = "rl-count";
    const title = document.createElement("h2");
    title.className = "rl-title";
    head.append(count, title);
    const text = document.createElement("p");
    text.className = "rl-text";
    window.__rnnlabLessonIds = (window.__rnnlabLessonIds || 0) + 1;
    text.id = `rl-text-${window.__rnnlabLessonIds}`;
    const more = document.createElement("button");
    more.type = "button";
    more.className = "rl-more";
    more.hidden = true;
    more.setAttribute("aria-controls", text.id);
    more.setAttribute("aria-expanded", "false");
    more.addEventListener("click", () => open(root, root.getAttribute("data-rnnlab-open") !== "true", true));
    // A value clipped away by the first lines, reached by Tab: the whole text opens (the
    // clipped box would otherwise scroll itself to the focused button).
    text.addEventListener("focusin", (event) => {
      if (root.getAttribute("data-rnnlab-open") === "true") return;
      const box = text.getBoundingClientRect();  // (the focus may have scrolled the clipped box)
      const below = event.target.getBoundingClientRect().bottom + text.scrollTop - box.top;
      if (below > text.clientHeight + 1) open(root, true, false);
      text.scrollTop = 0;
    });
    // Anything else that scrolls the clipped lines (the browser's find in page, a screen
    // reader's cursor) opens the whole text too: scrolled, it read from mid-sentence, its first
    // line gone and an ellipsis in the middle.
    text.addEventListener("scroll", () => {
      if (text.scrollTop <= 0) return;
      if (root.getAttribute("data-rnnlab-open") !== "true") open(root, true, false);
      text.scrollTop = 0;
    });
    root.setAttribute("data-rnnlab-open", "false");
    root.append(head, text, more);
    parentElement.append(root);
    // The first lines are measured again when the width changes (a rotated phone, the sidebar).
    // The bar's height too (a question shown, the window resized): see fits.
    const sizes = new ResizeObserver(() => fits(root));
    sizes.observe(text);
    const bar = root.closest(".st-key-lesson_bar");
    if (bar) sizes.observe(bar);
  }
  root.setAttribute("data-rnnlab-scene", String(d.scene || 1));
  root.setAttribute("data-rnnlab-scenes", String(d.scenes || 1));
  root.setAttribute("data-rnnlab-runs", String(d.runs || "none"));  // a scene's trainings: pending/done
  root.setAttribute("aria-label", d.label || "");
  root.setAttribute("lang", d.lang || "en");
  root.querySelector(".rl-count").textContent = d.count || "";
  root.querySelector(".rl-title").textContent = d.title || "";
  const text = root.querySelector(".rl-text");
  text.replaceChildren();
  for (const part of d.parts || []) {
    if (part.value === undefined) {
      text.append(document.createTextNode(String(part.text || "")));
      continue;
    }
    const b = document.createElement("button");
    b.type = "button";
    b.className = "rl-value";
    b.textContent = String(part.value);
    b.setAttribute("data-rnnlab-value", String(part.name || ""));
    b.setAttribute("data-rnnlab-points", String(part.target || ""));
    if (part.label) b.setAttribute("aria-label", String(part.label));
    if (part.label) b.title = String(part.label);
    const on = () => mark(d.targets, part.target, true);
    const off = () => mark(d.targets, part.target, false);
    b.addEventListener("mouseenter", on);
    b.addEventListener("focus", on);
    b.addEventListener("mouseleave", off);
    b.addEventListener("blur", off);
    b.addEventListener("click", () => {
      mark(d.targets, part.target, true);
      const node = document.querySelector(`.${MARK}`);
      if (node) node.scrollIntoView({ block: "center", behavior: "smooth" });
    });
    text.append(b);
  }
  root.__rnnlabLabels = { more: d.more || "Show all", less: d.less || "Show less" };
  if (root.getAttribute("data-rnnlab-seq") !== String(d.seq)) {  // a new scene starts shortened
    root.setAttribute("data-rnnlab-seq", String(d.seq));
    open(root, false, false);
  } else {
    open(root, root.getAttribute("data-rnnlab-open") === "true", false);
  }
  tag(d.targets);
  // The focus section: outlined while the scene is shown, scrolled to once per scene. Streamlit
  // may rebuild the page's elements after this ran (a training ends, a fragment reruns): a
  // light check every second puts the marks back while the bar is on the page.
  window.__rnnlabLesson = { focus: d.focus, targets: d.targets };
  for (const node of document.querySelectorAll("[data-rnnlab-focus]")) {
    if (!d.focus || node.getAttribute("data-rnnlab-focus") !== d.focus.id) node.removeAttribute("data-rnnlab-focus");
  }
  const place = () => {
    const node = section(d.focus, window.__rnnlabLessonSeq !== d.seq);
    if (!node) return false;
    node.setAttribute("data-rnnlab-focus", String(d.focus.id || "1"));
    if (window.__rnnlabLessonSeq !== d.seq) {
      window.__rnnlabLessonSeq = d.seq;
      const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      // below the sticky bar, not under it
      const bar = root.closest(".st-key-lesson_bar");
      node.style.scrollMarginTop = `${Math.round((bar ? bar.getBoundingClientRect().height : 0) + 80)}px`;
      node.scrollIntoView({ block: "start", behavior: reduce ? "auto" : "smooth" });
    }
    return true;
  };
  if (d.focus && !place()) {
    // The page draws after the bar: wait for the section (at most a few seconds).
    let tries = 0;
    const timer = setInterval(() => { if (place() || ++tries > 40) clearInterval(timer); }, 150);
  }
  if (!window.__rnnlabLessonKeeper) {
    window.__rnnlabLessonKeeper = setInterval(() => {
      const now = window.__rnnlabLesson;
      if (!document.querySelector("[data-testid='rnnlab-lesson']")) {
        for (const node of document.querySelectorAll("[data-rnnlab-focus]")) node.removeAttribute("data-rnnlab-focus");
        return;
      }
      if (!now) return;
      tag(now.targets);
      const node = section(now.focus);
      if (node && !node.hasAttribute("data-rnnlab-focus")) node.setAttribute("data-rnnlab-focus", String(now.focus.id));
    }, 1000);
  }
  return undefined;
}
