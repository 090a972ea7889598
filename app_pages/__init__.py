"""The explorer's pages: one file per screen, run by ``st.navigation`` from ``app.py``."""
