"""State with owners: the typed Session, the Hidden states view, which browser and tab this is, closed sessions, the session's memory, Streamlit's internals in one place."""
