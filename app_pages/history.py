"""Historique: every change made to the map, newest first, and undo (press again to go
further back)."""

import pandas as pd
import streamlit as st

from app_pages import common
from app_pages.common import t

common.page_header("page_history", "intro_history")
common.flash()
common.undo_panel(key="undo:history")

changes = common.guarded(common.store().history, 200, items=False)
if not changes:
    st.info(t("history_empty"))
    st.stop()
# Under pseudonyms, names are cleared from summaries, authors and keys.
hide = common.hider()


def shown(text: str | None) -> str:
    return (hide.text(text) if hide is not None else text) or ""


def state(change) -> str:
    if change.undone_by is not None:
        return t("history_undone_by", n=change.undone_by)
    if change.undoes is not None:
        return t("history_undoes", n=change.undoes)
    return ""


rows = [
    {
        t("history_id"): change.id,
        t("history_at"): change.at.astimezone().strftime("%d/%m/%Y %H:%M"),
        t("history_action"): t(f"action_{change.action}")
        if common.has_text(f"action_{change.action}")
        else change.action,
        t("history_summary"): shown(common.summary_of(change)),
        t("history_author"): shown(change.author),
        t("history_items"): change.size,
        t("history_state"): state(change),
    }
    for change in changes
]
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")

chosen = st.selectbox(t("history_pick"), [c.id for c in changes], index=None, key="history_pick",
                      format_func=lambda i: f"n° {i}", placeholder=t("pick_placeholder"))  # fmt: skip
if chosen is not None:
    change = common.guarded(common.store().change, chosen)
    items = [
        {
            t("history_kind"): t(f"kind_{item.kind.value}"),
            t("history_key"): hide.record_key(item.kind, item.key) if hide else item.key,
            t("history_operation"): t(f"operation_{item.operation}"),
        }
        for item in (change.items if change is not None else ())
    ]
    st.dataframe(pd.DataFrame(items), hide_index=True, width="stretch")
