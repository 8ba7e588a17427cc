"""The pages (one file per page; Streamlit runs each as a script). A package only so that the
import contracts (pyproject.toml, tests/test_architecture.py) can see what the pages import."""
