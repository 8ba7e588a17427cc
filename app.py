"""rnnlab: entry point. Page config, navigation, language and the shared sidebar."""

# pandas first, before any session draws: Plotly looks pandas up in sys.modules, and a lazy
# first import of pandas in one session's thread (or the TensorFlow warm-up's) while another
# session draws a chart showed that session a half-imported pandas (classroom load test).
# Here every session's first run waits on the import lock until pandas is complete.
import pandas  # noqa: F401
import streamlit as st

from rnnlab.runtime import collector
from ui.classroom import (
    lesson_editor,
    lesson_live,
    lesson_player,
    live,
    live_draw,
    live_questions,
    share_links,
)
from ui.elements import a11y, links, nav, sidebar
from ui.i18n import lang, tr
from ui.jobs import warmup
from ui.jobs.keras_state import keep_keras_state_between_reruns
from ui.persistence import persist
from ui.session import sessions, state

st.set_page_config(page_title="rnnlab", page_icon="🔁", layout="wide")
keep_keras_state_between_reruns()  # see ui/jobs/keras_state.py: background trainings must not starve
persist.begin()  # a reload restores this browser's saved work (ui/persistence/persist.py)
state.ensure_defaults()
collector.tune()  # fewer full garbage collections, which hold up every page (rnnlab/runtime/collector.py)
sessions.track()  # a closed tab stops its training and, later, frees its memory (ui/session/sessions.py)
share_links.apply_link()  # a lesson link opens the same series, split and teacher mode
live.begin()  # ?room=CODE joins a live lesson (ui/classroom/live.py)

navigation = st.navigation(nav.streamlit_pages(lang(), tr))
# A following student's redraw of the teacher's new scene waits its turn: the class's forty go a
# few at a time, not all at once on one interpreter lock (ui/classroom/live.py: redraw_turn).
with live.redraw_turn():
    live.follow(navigation.url_path, nav.SCRIPTS)  # a student: go where the teacher is
    lesson_player.begin(navigation.url_path, nav.SCRIPTS)  # ?lesson=, a scene's page
    live.room_panel(navigation.url_path)  # in a live lesson only: the room, first in the sidebar
    sidebar.render()
    persist.sidebar_controls()
    live.start_panel()  # outside a room: Start a live lesson / Join a lesson
    lesson_editor.sidebar_toggle()  # Write a lesson: the scene editor above every page
    a11y.inject()  # focus, motion, phone layout, scrollable equations: every page
    share_links.share_panel(navigation.url_path)
    share_links.seed_page(navigation.url_path)
    share_links.decorate_page()
    lesson_live.panel(live.follow_again)  # a lesson played in the live room: its scene and Back/Next (ui/classroom/lesson_live.py)
    live_questions.question_panel()  # a live lesson's open question, above the page (ui/classroom/live_questions.py)
    lesson_player.bar(navigation.url_path)  # a lesson played alone: its scene's text, Back/Next
    lesson_editor.panel(navigation.url_path)  # writing a lesson: add this screen, edit, save
    live_draw.draw_panel()  # a live lesson's drawing activity, above the page (ui/classroom/live_draw.py)
    links.phone_menu(navigation.url_path)  # on a phone the sidebar hides behind »: pages on top
    with persist.saving():  # after the page: save what changed
        navigation.run()
    links.next_link(navigation.url_path)  # the end of a page of the path: "Next: 3. Train"
    warmup.after_first_page()  # TensorFlow, in the background, before the first Train click
