"""Plotly figure builders: plain data in, ``go.Figure`` out (testable without Streamlit)."""
