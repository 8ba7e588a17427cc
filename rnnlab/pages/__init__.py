"""The logic of each page (no Streamlit): what Hidden states, Compare, Concepts and Modern recurrences compute and say, the stage's payload, parameter counts, and the pages' declared controls."""
