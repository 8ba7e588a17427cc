"""Class activities on a live room (rnnlab.rooms), beyond one question at a time.

- ``draw``: "Draw the future": every student draws the next H points of a series on their own
  screen; the reveal scores each drawing and the class's fan against the truth and the models.

Nothing here imports streamlit; the Streamlit side is ui/live_draw.py.
"""
