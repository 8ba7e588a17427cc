"""The app's pages, listed once: app.py builds st.navigation from this list, Home its path.

The folder is ``views/``, not ``pages/``: beside an entry script a ``pages/`` folder switches a
fresh Streamlit server into its legacy multipage mode, where a first request for ``/data``
would run the page alone, without app.py's navigation and sidebar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class Page:
    path: str  # script path relative to app.py (st.Page, st.page_link, st.switch_page)
    title: str  # i18n key of its navigation label
    icon: str
    url: str  # url path: /data opens the Data page
    blurb: str | None = None  # i18n key of Home's line about it (None: not on Home's path)


HOME = Page("views/home.py", "nav.home", ":material/home:", "home")
DATA = Page("views/data.py", "nav.data", ":material/show_chart:", "data", "home.data")
HIDDEN = Page("views/hidden_states.py", "nav.hidden", ":material/memory:", "hidden_states",
              "home.hidden")
TRAIN = Page("views/train.py", "nav.train", ":material/model_training:", "train", "home.train")
COMPARE = Page("views/compare.py", "nav.compare", ":material/compare_arrows:", "compare",
               "home.compare")
CONCEPTS = Page("views/concepts.py", "nav.concepts", ":material/school:", "concepts",
                "home.concepts")
MODERN = Page("views/modern.py", "nav.modern", ":material/bolt:", "modern", "home.modern")

PAGES = (HOME, DATA, HIDDEN, TRAIN, COMPARE, CONCEPTS, MODERN)  # navigation order
SCRIPTS = {p.url: p.path for p in PAGES}  # url path -> script path (st.switch_page)


PATH = tuple(p for p in PAGES if p.blurb)  # Home's path, numbered from 1 everywhere


def number(page: Page) -> int | None:
    """The page's number on Home's path (1 = Data), None for Home."""
    return PATH.index(page) + 1 if page in PATH else None


def label(page: Page, title: str) -> str:
    """``title`` (translated) with the page's number: "2. Hidden states", as on Home."""
    n = number(page)
    return f"{n}. {title}" if n else title


def next_page(page: Page) -> Page | None:
    """The page that follows ``page`` on the path (None after the last)."""
    n = number(page)
    return PATH[n] if n is not None and n < len(PATH) else None


MADE = "_nav_pages"  # this session's st.Page objects: {"lang", "pages": {path: st.Page}}


def streamlit_pages(language: str, title: Callable[[str], str]) -> list:
    """This session's ``st.Page`` objects, labelled by ``title(i18n_key)``, made once per session
    and language. Making one resolves its script on disk (a dozen filesystem calls, on every
    run of every session: a tenth of a class's rerun). Kept per session, not per process: a
    Page carries which page this run may call, and sessions run at the same time."""
    made = st.session_state.get(MADE)
    if not isinstance(made, dict) or made.get("lang") != language:
        made = {"lang": language, "pages": {
            p.path: st.Page(p.path, title=label(p, title(p.title)), icon=p.icon, url_path=p.url,
                            default=(p == HOME)) for p in PAGES}}  # numbered as Home's path, 1 to 5
        st.session_state[MADE] = made
    return list(made["pages"].values())


def made_page(path: str):
    """This session's ``st.Page`` for ``path`` (links to it need no file lookup), else ``path``."""
    made = st.session_state.get(MADE)
    found = made.get("pages", {}).get(path) if isinstance(made, dict) else None
    return found if found is not None else path
