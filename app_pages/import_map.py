"""Importer: upload a map (zipped CSV folder, Excel workbook or JSON), check it, see what
it would change field by field, then merge it into the map or replace the map with it.

A merge is a patch on the stored map: relations may point to what the map holds, a
filled cell updates, an empty cell keeps the stored value, ``(vide)`` clears it. An
invalid file shows every problem at once — file, line, column, value, message — and
nothing is written. The import writes exactly what the preview showed: when the map
changed in between, nothing is written and the page says so.
"""

import pandas as pd
import streamlit as st

from app_pages import common
from app_pages.common import t
from ecomap.errors import ConflictError, EcomapError, InputError
from ecomap.ingest import check_map, import_changes
from ecomap.ingest.patch import value_text
from ecomap.ingest.readers import read_tables_bytes
from ecomap.model import RecordKind
from ecomap.ui_text import TEXT
from ecomap.views.tables import compare_maps, display_frame


@st.cache_data(max_entries=4, ttl=900, show_spinner=False)
def _tables(data: bytes, filename: str, lang: str):
    """The uploaded files' raw tables and the issues found reading them."""
    return read_tables_bytes(data, filename, lang=lang)


def _changes_frame(changes) -> pd.DataFrame:
    """The changes as a table: changed fields first, then records removed and added."""
    order = {"changed": 0, "removed": 1, "added": 2}
    rows = []
    for change in sorted(changes, key=lambda c: order[c.operation]):
        changed = change.operation == "changed"
        rows.append({
            "record": f"{t(f'kind_{change.kind.value}')} · {change.label}",
            "operation": t(f"change_{change.operation}"),
            # A field under its name on the data pages; a custom column as it is written.
            "field": t(f"field_{change.field}") if f"field_{change.field}" in TEXT["en"]
            else change.field or "",
            "before": value_text(change.before, common.lang()) if changed else "",
            "after": value_text(change.after, common.lang()) if changed else "",
        })  # fmt: skip
    frame = pd.DataFrame(rows, columns=["record", "operation", "field", "before", "after"])
    frame.columns = [t(f"change_{c}") for c in frame.columns]
    return frame


common.page_header("page_import", "intro_import")
common.flash()
if st.session_state.pop("import_stale", False):
    st.error(t("import_stale"), icon=":material/sync_problem:")
if common.read_only():
    st.stop()

round_ = st.session_state.setdefault("import_round", 0)
upload = st.file_uploader(t("import_upload"), type=["zip", "xlsx", "json"],
                          key=f"import_file:{round_}", help=t("import_help"))  # fmt: skip
if upload is None:
    st.caption(t("import_template_hint"))
    st.stop()

modes = {m: t(f"import_{m}") for m in ("merge", "replace")}
mode = st.radio(t("import_mode"), list(modes), key="import_mode", format_func=modes.get,
                help=t("import_patch_help"))  # fmt: skip
replace = mode == "replace"
if not replace:
    st.caption(t("import_patch_help"))
# The revision the previous run showed: an import writes only if the map is still it.
shown_revision = st.session_state.get("import_shown_revision")
_, revision = common.run_key()
current = common.current_map()
try:
    with common.working(common.tx("working_import_read", name=upload.name)):
        tables, read_issues = _tables(upload.getvalue(), upload.name, common.lang())
        incoming, issues = check_map(tables, read_issues, lang=common.lang(),
                                     onto=None if replace else current)  # fmt: skip
except InputError as error:
    st.error(common.tx("import_invalid", n=len(error.issues), name=upload.name),
             icon=":material/error:")  # fmt: skip
    common.issues_table(error.issues + error.warnings)
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

effect = compare_maps(current, incoming, replace=replace)
effect["kind"] = effect["kind"].map(lambda k: t(f"kind_{k}"))
effect.columns = [t(f"effect_{c}") for c in effect.columns]
common.table(effect, width="content")

st.subheader(t("import_changes"))
changes = import_changes(current, incoming, replace=replace)
if changes:
    st.dataframe(_changes_frame(changes), hide_index=True, width="stretch", key="import_changes")
else:
    st.info(t("import_no_change"), icon=":material/info:")
st.session_state["import_shown_revision"] = revision

if st.button(t("import_button"), type="primary", icon=":material/upload:", key="import_go"):
    try:
        with common.working(t("working_import_write")):
            change = common.guarded(
                common.store().import_map, incoming, replace=replace, source=upload.name,
                revision=revision if shown_revision is None else shown_revision,
            )  # fmt: skip
    except ConflictError:
        st.session_state["import_stale"] = True
        st.rerun()
    except EcomapError as error:  # a refusal of the store, told in the session's language
        st.error(common.tx("store_refused", why=common.said(error)), icon=":material/error:")
        st.stop()
    if change is None:
        st.session_state["flash"] = t("import_nothing")
    else:
        st.session_state["flash"] = common.tx(
            "import_done", summary=common.summary_of(change), snapshot=f"import-{change.id}"
        )
    st.session_state["import_round"] = round_ + 1
    common.forget_open_edits()
    st.rerun()
