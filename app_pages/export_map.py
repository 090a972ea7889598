"""Exporter: download the map in every format of the exchange contract (CSV folder as
a zip, Excel workbook, JSON), for Gephi (GEXF, GraphML), and the blank template."""

from datetime import date

import streamlit as st

from app_pages import common
from app_pages.common import t
from ecomap.access import Right
from ecomap.errors import InputError
from ecomap.ingest import map_bytes, template_bytes
from ecomap.privacy import left_out_note

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
anonymous = common.anonymised()
if anonymous:
    st.info(f"{t('export_anonymised')} {left_out_note(lang)}", icon=":material/visibility_off:")
labels = {fmt: t(f"export_{fmt}") for fmt, *_ in FORMATS}
fmt = st.radio(t("export_format"), list(labels), format_func=labels.get, key="export:format",
               horizontal=True)  # fmt: skip
_, suffix, mime, icon = next(f for f in FORMATS if f[0] == fmt)
headers = "en"
if fmt in ("csv-zip", "xlsx"):
    names = {"fr": t("export_headers_fr"), "en": t("export_headers_en")}
    headers = st.radio(t("export_headers"), list(names), index=0 if lang == "fr" else 1,
                       format_func=names.get, key="export:headers", horizontal=True,
                       help=t("export_headers_help"))  # fmt: skip
if st.button(t("export_prepare"), key="export:prepare", icon=":material/build:") and (
    st.session_state.get("anonymise") or common.permitted(Right.EXPORT)
):
    try:
        # Built on demand, from the map shown on this page (a large workbook takes time).
        with st.spinner():
            data = map_bytes(eco, fmt, lang=lang, headers=headers)
    except InputError as error:
        st.session_state.pop("export:file", None)
        st.error(t("export_failed"), icon=":material/error:")
        common.issues_table(error.issues)
    else:
        st.session_state["export:file"] = ((fmt, headers), common.run_key(), data, anonymous)
prepared = st.session_state.get("export:file")
if prepared and prepared[3] != anonymous:
    # Prepared under the other setting (names or pseudonyms): never handed out under this one.
    del st.session_state["export:file"]
    prepared = None
if prepared and prepared[0] == (fmt, headers) and prepared[1] == common.run_key():
    st.download_button(
        labels[fmt],
        data=prepared[2],
        file_name=f"ecomap-{stamp}.{suffix}",
        mime=mime,
        icon=icon,
        type="primary",
        key=f"export:{fmt}",
        on_click="ignore",
    )

st.subheader(t("export_template_title"))
st.caption(t("export_template_help"))
st.download_button(
    t("export_template"),
    data=lambda: template_bytes(lang),
    file_name=t("template_file_name"),
    mime=FORMATS[1][2],
    icon=":material/edit_document:",
    key="export:template",
    on_click="ignore",
)
