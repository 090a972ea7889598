"""Glossaire: every indicator of the analyses in plain words — what it measures, on what
scale, its technical name and the reference of its method — grouped by analysis, with a
search box. The same texts head the result columns and fill the report's annex."""

import streamlit as st

from app_pages import common
from app_pages.common import t
from ecomap import glossary

common.page_header("page_glossary", "intro_glossary")
lang = common.lang()
wanted = st.text_input(t("glossary_search"), key="glossary_search",
                       placeholder=t("glossary_search_placeholder")).strip().casefold()  # fmt: skip

shown = 0
for topic, names in glossary.TOPICS.items():
    rows = [
        row
        for row in glossary.entries(lang, topic)
        if not wanted
        or any(wanted in row[k].casefold() for k in ("name", "explanation", "technical"))
    ]
    if not rows:
        continue
    st.subheader(names.get(lang) or names["en"])
    for row in rows:
        shown += 1
        with st.container(border=True):
            name = row["name"][:1].upper() + row["name"][1:]
            st.markdown(f"**{common.plain(name)}**")
            st.markdown(common.plain(row["explanation"]))
            technical = t("glossary_technical", term=row["technical"])
            if row["reference"]:
                technical += " — " + row["reference"]
            st.caption(common.plain(technical))
if not shown:
    st.info(t("glossary_nothing"), icon=":material/search_off:")
