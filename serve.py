"""rnnlab with a server-start hook: ``streamlit run serve.py`` (same flags as ``app.py``).

Streamlit runs ``app.py`` once per visitor, so nothing in it can happen before the first page is
asked for: the training worker and its TensorFlow used to start after the first page, and a
teacher who went straight to Train waited for both. Served through ``st.App``, the server's
lifespan starts the worker and warms it (TensorFlow imported, the default model traced) as the
server starts, before anyone connects (ui/jobs/warmup.py); each visitor still runs ``app.py``.
``streamlit run app.py`` keeps working as before (the warm-up then starts after the first page).
"""

from contextlib import asynccontextmanager

import streamlit as st


@asynccontextmanager
async def lifespan(_app):
    from ui.jobs import warmup

    warmup.at_server_start()
    yield


app = st.App("app.py", lifespan=lifespan)
