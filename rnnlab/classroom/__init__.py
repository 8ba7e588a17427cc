"""The classroom: live rooms, questions, share links, saved sessions' codec and schema, rate limits."""
