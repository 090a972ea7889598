"""Exporter: download the map in every format of the exchange contract (CSV folder as
a zip, Excel workbook, JSON), for Gephi (GEXF, GraphML), and the blank template."""

from datetime import date

import streamlit as st

from app_pages import common
from app_pages.common import t
from ecomap.ingest import map_bytes, template_bytes

FORMATS = (
    ("csv-zip", "zip", "application/zip", ":material/folder_zip:"),
    ("xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     ":material/table_view:"),
    ("json", "json", "application/json", ":material/data_object:"),
    ("gexf", "gexf", "application/xml", ":material/hub:"),
    ("graphml", "graphml", "application/xml", ":material/hub:"),
)  # fmt: skip

common.page_header("page_export", "intro_export")
eco = common.current_map()
lang = common.lang()
stamp = date.today().isoformat()

st.subheader(t("export_map"))
st.caption(t("export_counts", actors=len(eco.actors), relations=len(eco.relations)))
for fmt, suffix, mime, icon in FORMATS:
    st.download_button(
        t(f"export_{fmt}"),
        # Built when the button is pressed, from the map shown on this page.
        data=lambda fmt=fmt: map_bytes(eco, fmt, lang=lang),
        file_name=f"ecomap-{stamp}.{suffix}",
        mime=mime,
        icon=icon,
        key=f"export:{fmt}",
        on_click="ignore",
    )

st.subheader(t("export_template_title"))
st.caption(t("export_template_help"))
st.download_button(
    t("export_template"),
    data=template_bytes,
    file_name=t("template_file_name"),
    mime=FORMATS[1][2],
    icon=":material/edit_document:",
    key="export:template",
    on_click="ignore",
)
