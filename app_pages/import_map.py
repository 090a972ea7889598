"""Importer: upload a map (zipped CSV folder, Excel workbook or JSON), check it, see what
it would change, then merge it into the map or replace the map with it.

An invalid file shows every problem at once — file, line, column, value, message —
and nothing is written.
"""

import streamlit as st

from app_pages import common
from app_pages.common import t
from ecomap.errors import InputError
from ecomap.ingest import read_bytes
from ecomap.model import RecordKind
from ecomap.views.tables import compare_maps, display_frame


@st.cache_data(max_entries=4, ttl=900, show_spinner=False)
def _read(data: bytes, filename: str, lang: str):
    """The uploaded map and its warnings, or the issues that make it invalid."""
    try:
        eco, warnings = read_bytes(data, filename, lang=lang)
    except InputError as error:
        return None, error.issues + error.warnings
    return eco, warnings


common.page_header("page_import", "intro_import")
common.flash()
if common.read_only():
    st.stop()

round_ = st.session_state.setdefault("import_round", 0)
upload = st.file_uploader(t("import_upload"), type=["zip", "xlsx", "json"],
                          key=f"import_file:{round_}", help=t("import_help"))  # fmt: skip
if upload is None:
    st.caption(t("import_template_hint"))
    st.stop()

incoming, issues = _read(upload.getvalue(), upload.name, common.lang())
if incoming is None:
    errors = [i for i in issues if i.severity == "error"]
    st.error(common.tx("import_invalid", n=len(errors), name=upload.name), icon=":material/error:")
    common.issues_table(issues)
    st.caption(t("import_nothing_written"))
    st.stop()

counts = incoming.counts()
st.subheader(common.tx("import_preview", name=upload.name))
columns = st.columns(4)
for column, what in zip(columns, ("actors", "relations", "stakes", "spaces"), strict=True):
    column.metric(t(f"count_{what}"), common.count(counts[what]))
if issues:
    st.warning(t("import_warnings", n=len(issues)), icon=":material/warning:")
    common.issues_table(issues)

actors_tab, relations_tab = st.tabs([t("page_actors"), t("page_relations")])
with actors_tab:
    frame = display_frame(RecordKind.ACTOR, list(incoming.actors.values())[:10], common.lang())
    st.dataframe(frame, hide_index=True, width="stretch")
with relations_tab:
    relations = list(incoming.relations.values())[:10]
    frame = display_frame(RecordKind.RELATION, relations, common.lang())
    st.dataframe(frame, hide_index=True, width="stretch")

modes = {m: t(f"import_{m}") for m in ("merge", "replace")}
mode = st.radio(t("import_mode"), list(modes), key="import_mode", format_func=modes.get)
effect = compare_maps(common.current_map(), incoming, replace=mode == "replace")
effect["kind"] = effect["kind"].map(lambda k: t(f"kind_{k}"))
effect.columns = [t(f"effect_{c}") for c in effect.columns]
common.table(effect, width="content")

if st.button(t("import_button"), type="primary", icon=":material/upload:", key="import_go"):
    change = common.guarded(common.store().import_map, incoming, replace=mode == "replace",
                            source=upload.name)  # fmt: skip
    if change is None:
        st.session_state["flash"] = t("import_nothing")
    else:
        st.session_state["flash"] = common.tx(
            "import_done", summary=common.summary_of(change), snapshot=f"import-{change.id}"
        )
    st.session_state["import_round"] = round_ + 1
    common.forget_open_edits()
    st.rerun()
