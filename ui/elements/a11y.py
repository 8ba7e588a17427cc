"""Accessibility and small-screen fixes for every page, injected once by app.py.

CSS: visible keyboard focus, no motion for people who ask for less, equations and wide tables
scrolling inside their own box (a phone never scrolls sideways), phone and projector layouts.
JS (a few lines, no library): the page's language on <html>, and every box that really
scrolls becomes focusable with a name (axe's scrollable-region-focusable), re-checked whenever
Streamlit redraws or the window is resized.
"""

from __future__ import annotations

import json

import streamlit as st

from ui.i18n import lang, tr

CSS = """
<style>
/* Keyboard focus always visible, also on Streamlit's own widgets and our scroll boxes. */
:focus-visible, [data-rnnlab-scroll]:focus {
  outline: 3px solid #1d4ed8 !important;
  outline-offset: 2px !important;
}
/* Heading anchors appear on hover only: show them when the keyboard lands on them too. */
[data-testid="stHeadingWithActionElements"]:focus-within [data-testid="stHeaderActionElements"],
[data-testid="stHeadingWithActionElements"]:focus-within [data-testid="stHeaderActionElements"] * {
  opacity: 1 !important; visibility: visible !important; transition: none !important;
}

/* A Plotly toolbar (where one is left) shows itself when the keyboard is in it, not only on hover. */
.js-plotly-plot .plotly .modebar--hover:focus-within > :not(.watermark) {
  opacity: 1 !important; transition: none !important;
}

/* prefers-reduced-motion: no animations or smooth scrolling anywhere. */
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after {
    animation-duration: .01ms !important; animation-iteration-count: 1 !important;
    transition-duration: .01ms !important; scroll-behavior: auto !important;
  }
}

/* Equations and markdown tables scroll inside their own box instead of widening the page. */
.katex-display { overflow-x: auto; overflow-y: hidden; max-width: 100%; padding: 2px 0; }
[data-testid="stMarkdownContainer"]:has(> table) { overflow-x: auto; max-width: 100%; }
[data-testid="stMarkdownContainer"] > table { margin-bottom: 0.25rem; }

/* Inline code in a caption (Hidden states' toy-sequence note: np.random.seed(42)): the caption's
   opacity 0.6 fades its green to 3:1 on the code's grey. Such a caption keeps full opacity and
   a grey of its own instead (axe color-contrast). */
[data-testid="stCaptionContainer"]:has(code) { opacity: 1; color: #5b5d66; }
[data-testid="stCaptionContainer"] code { color: #1e5b4c; }

/* Button and segment labels wrap instead of ending in "…" (projector with the sidebar open). */
[data-testid^="stBaseButton"] p, [data-testid="stButtonGroup"] p { white-space: normal; }
[data-testid="stButtonGroup"] > div { flex-wrap: wrap; }

/* The landing page's "start here": one big, high-contrast call to action. */
.st-key-home_start a {
  background: #1d4ed8; border-radius: .5rem; padding: .6rem 1rem; margin: .25rem 0;
}
.st-key-home_start a, .st-key-home_start a p, .st-key-home_start a span { color: #ffffff !important; }
.st-key-home_start a p { font-size: 1.15rem; font-weight: 600; }
.st-key-home_start a:hover { background: #1e3a8a; }

/* Compare's run numbers as a list: on phones only (the table shows them on wider screens). */
.st-key-compare_phone_summary { display: none; }
@media (max-width: 640px) { .st-key-compare_phone_summary { display: block; } }

/* The helper's hidden holder of this script takes no room. */
.st-key-rnnlab_a11y { display: none; }

/* Phone: less padding so content gets the width; charts never wider than the screen. */
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-left: 0.9rem; padding-right: 0.9rem; }
  .stPlotlyChart, .js-plotly-plot { max-width: 100%; }
  h1 { font-size: 2rem !important; }
  /* Chart titles a size smaller (ui/elements/charts.py wraps them to 36 characters a line). */
  .js-plotly-plot .gtitle { font-size: 17px !important; }
  /* A row of key numbers (st.metric) two by two instead of one under another. */
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"]) {
    flex-direction: row !important; flex-wrap: wrap !important; gap: 0.5rem 1rem !important;
  }
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"]) > [data-testid="stColumn"] {
    flex: 1 1 calc(50% - 1rem) !important; min-width: calc(50% - 1rem) !important; width: auto !important;
  }
}
/* A box that scrolls sideways (an equation, a table) shows it: a shadow at the edge with more. */
[data-rnnlab-scroll] {
  background:
    linear-gradient(to right, #fff 30%, rgba(255,255,255,0)) left / 2.5rem 100% no-repeat local,
    linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) right / 2.5rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(15,23,42,.28), rgba(15,23,42,0)) left / .9rem 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(15,23,42,.28), rgba(15,23,42,0)) right / .9rem 100% no-repeat scroll;
}
</style>
"""

JS = """
<script>
(() => {
  window.__rnnlabA11yText = %(text)s;
  document.documentElement.lang = window.__rnnlabA11yText.lang;
  if (window.__rnnlabA11yMark) { window.__rnnlabA11yMark(); return; }
  const BOXES = ".katex-display, [data-testid='stMarkdownContainer']:has(> table), pre";
  function mark() {
    const text = window.__rnnlabA11yText;
    document.documentElement.lang = text.lang;
    document.querySelectorAll(BOXES).forEach((box) => {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && box.tabIndex >= 0 && !box.hasAttribute("data-rnnlab-scroll")) return;  // already focusable
      if (scrolls) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", box.matches(".katex-display") ? text.equation
          : box.matches("pre") ? text.code : text.table);
        box.setAttribute("data-rnnlab-scroll", "");
      } else if (box.hasAttribute("data-rnnlab-scroll")) {
        ["tabindex", "role", "aria-label", "data-rnnlab-scroll"].forEach((a) => box.removeAttribute(a));
      }
    });
    // Streamlit's own English names: the uploader's button and input, and "Help for" + a label
    // on the help icons, in the page's language (the CSS shows the uploader's words).
    const name = (el, value) => { if (el.getAttribute("aria-label") !== value) el.setAttribute("aria-label", value); };
    document.querySelectorAll("[data-testid=stFileUploaderDropzone] button, [data-testid=stFileUploaderDropzoneInput]")
      .forEach((el) => name(el, text.upload));
    document.querySelectorAll("[aria-label]").forEach((el) => {
      const label = el.getAttribute("aria-label");
      if (text.names[label]) { name(el, text.names[label]); return; }
      for (const [english, own] of text.prefixes) {
        if (label.startsWith(english)) { name(el, own + " " + label.slice(english.length)); return; }
      }
    });
  }
  let queued = false;
  const later = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; mark(); });
  };
  // A box starts to scroll sideways when its content comes (childList), but also when its text
  // changes in place, a fold opens (its opening sets inline styles: without "style" here the
  // notebook's code cell in a just-opened fold stayed out of a keyboard's reach), its styles
  // arrive (a class, a style sheet added to the head) or the fonts load.
  const watch = new MutationObserver(later);
  watch.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["open", "class", "style"] });
  watch.observe(document.head, { childList: true });
  if (document.fonts) document.fonts.ready.then(later);
  window.addEventListener("resize", later);
  window.__rnnlabA11yMark = mark;
  mark();
})();
</script>
"""


# Streamlit's own words, where no parameter reaches them (README: "Streamlit's own words"):
# the uploader's "Upload" button and its "25MB per file • CSV, ..." line are written by its
# frontend in English; here the English text is hidden and the page's language's drawn in its
# place (CSS generated content is part of the button's accessible name). The tables' toolbar
# (Download as CSV, Search, Fullscreen, Show/hide columns) is chrome with English names only:
# hidden; every chart's data view has the app's own translated CSV button.
CHROME_CSS = """
<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p { display: none; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after { content: %(upload)s; }
[data-testid="stFileUploaderDropzoneInstructions"] span { display: none; }
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {
  content: %(limit)s; font-size: 0.875rem; color: #475569;
}
[data-testid="stDataFrame"] [data-testid="stElementToolbar"] { display: none !important; }
/* Streamlit's header is see-through: the page scrolled under the sticky parts that stop below
   it (a lesson's bar, a live question, the stage's buttons on a phone) showed through the strip
   above them. Opaque, as the page (the theme's backgroundColor). */
header[data-testid="stHeader"] { background: #ffffff; }
</style>
"""


# Streamlit's English names for screen readers (aria-label), said in the page's language.
ARIA_NAMES = {"Selected values": "chrome.selected", "Clear all": "chrome.clear_all",
              "Skip to main content": "chrome.skip", "Sidebar": "chrome.sidebar",
              "App pages": "chrome.pages"}
ARIA_PREFIXES = {"Help for ": "chrome.help_for", "Remove ": "chrome.remove"}


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal (quotes and backslashes escaped, no line breaks)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def chrome_css() -> str:
    """CHROME_CSS in the page's language."""
    mb = int(st.get_option("server.maxUploadSize"))
    return CHROME_CSS % {"upload": _css_string(tr("chrome.upload")),
                         "limit": _css_string(tr("chrome.upload_limit", mb=mb))}


def inject() -> None:
    """Call once per run, before the page: the CSS, then the script in a hidden holder."""
    st.html(CSS)
    st.html(chrome_css())
    text = json.dumps({"lang": lang(), "equation": tr("alt.equation_box"), "table": tr("alt.table_box"),
                       "code": tr("alt.code_box"), "upload": tr("chrome.upload"),
                       "names": {english: tr(key) for english, key in ARIA_NAMES.items()},
                       "prefixes": [[english, tr(key)] for english, key in ARIA_PREFIXES.items()]})
    with st.container(key="rnnlab_a11y"):
        st.html(JS % {"text": text}, unsafe_allow_javascript=True)
