"""Engagement: drivers and followers — followers with no driver nearby, overloaded
drivers."""

import streamlit as st

from app_pages import common
from app_pages.common import t

common.page_header("page_engagement", "intro_engagement")
if not common.analysis_available("engagement"):
    st.info(t("analysis_missing"), icon=":material/info:")
    st.stop()

st.write(common.analysis("engagement", "engagement"))
