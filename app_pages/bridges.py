"""Passerelles: who links parts of the ecosystem that would otherwise not meet —
betweenness, cut-points, brokerage roles and communities."""

import streamlit as st

from app_pages import common
from app_pages.common import t

common.page_header("page_bridges", "intro_bridges")
if not common.analysis_available("bridges"):
    st.info(t("analysis_missing"), icon=":material/info:")
    st.stop()

common.results(
    common.analysis("bridges", "bridges"),
    [("col_actor", lambda r: r.get("name") or r["actor"])],
    key="bridges_pick",
    title=lambda r: r.get("name") or r["actor"],
    actors=lambda r: [r["actor"]],
)  # fmt: skip
