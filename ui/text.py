"""User-supplied names (file names, column names, run names) inside Markdown, shown as text.

An uploaded file called ``![x](https://evil/p.png)`` must not load a remote image in the
sidebar, and ``:red[...]`` or ``:material/...:`` must not restyle the page. The marks that make links,
images, emphasis, HTML and math get a backslash, and a colon is followed by a zero-width space so that
Streamlit's ``:shortcode:`` syntax never sees a pair of colons around a word.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([\\`*_\[\]<>#|~$!])")  # what makes links, images, emphasis, HTML, math
MAX_NAME = 120  # a name is a label, not a page of text


def md_escape(text, limit: int = MAX_NAME) -> str:
    """``text`` as literal characters in st.markdown / st.caption / st.info bodies."""
    text = str(text).replace("\r", " ").replace("\n", " ")[:limit]
    return _PUNCTUATION.sub(r"\\\1", text).replace(":", ":\u200b")


def escaped(values: dict) -> dict:
    """The same placeholders with their text values escaped (numbers stay numbers)."""
    return {key: md_escape(value) if isinstance(value, str) else value for key, value in values.items()}


def markdown_table(columns: dict[str, list]) -> str:
    """A Markdown table (a real HTML table for screen readers), numbers right-aligned: far cheaper
    for a shared server to send than st.dataframe for a small table of already written numbers."""
    heads = [md_escape(name) for name in columns]
    rows = zip(*(map(str, values) for values in columns.values()), strict=True)
    lines = ["| " + " | ".join(heads) + " |", "|" + "---:|" * len(heads)]
    lines += ["| " + " | ".join(md_escape(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
