"""Class activities on the live room (rnnlab.classroom.rooms): drawing the future, voting twice, the board.

- ``draw``: "Draw the future": every student draws the next H points of a series on their own
  screen; the reveal scores each drawing and the class's fan against the truth and the models
  (the Streamlit side: ui/classroom/live_draw.py).

Nothing here imports streamlit.
"""
