"""Streamlit glue shared by app.py and the pages (rnnlab itself never imports streamlit)."""
