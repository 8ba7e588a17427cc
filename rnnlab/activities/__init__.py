"""Class activities on the live room (rnnlab.rooms): drawing the future, voting twice, the board."""
