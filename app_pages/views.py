"""Vues: the saved views of the map, and the presentation that shows them one after another.

Everyone may open a view on the map page or present the views; editors also rename,
describe, reorder and delete them (the store checks the right again where it writes).
The presentation (``?presenter=1&diapo=N``) fills the screen: no sidebar, no header, no
control but previous, next and leave; each view's title and description as its caption.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common, views_show
from app_pages.common import t
from app_pages.views_state import (
    open_on_map,
    prepared,
    shown_description,
    shown_name,
)
from app_pages.views_state import stored_views as read_views
from ecomap.access import Right
from ecomap.errors import EcomapError

PRESENT, SLIDE = "presenter", "diapo"
#: Everything but the page's own content, hidden while presenting.
FULL_SCREEN_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebarNav"], footer { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container {
  padding-top: 0.8rem !important; padding-bottom: 0.5rem !important;
  max-width: 100% !important;
}
</style>
"""


def _write(call, *args, **kwargs) -> bool:
    """One change to the views; a refusal is said in words. True when written."""
    try:
        common.guarded(call, *args, lang=common.lang(), **kwargs)
    except EcomapError as error:
        st.error(common.tx("views_refused", why=common.said(error)), icon=":material/error:")
        return False
    return True


def _present(start: int = 1) -> None:
    st.query_params[PRESENT] = "1"
    st.query_params[SLIDE] = str(start)


def _leave() -> None:
    for key in (PRESENT, SLIDE):
        st.query_params.pop(key, None)


def _go(slide: int) -> None:
    st.query_params[SLIDE] = str(slide)


def presentation(views) -> None:
    """One view after another, full-screen, read-only."""
    st.markdown(FULL_SCREEN_CSS, unsafe_allow_html=True)
    try:
        slide = int(st.query_params.get(SLIDE, "1"))
    except ValueError:
        slide = 1
    slide = min(max(slide, 1), len(views))
    view, problems = views[slide - 1]
    choices, positions, said = prepared(view, problems)
    head = st.columns([6, 1.2, 1.2, 1.2, 1.2], vertical_alignment="center")
    head[0].markdown(f"### {common.plain(shown_name(view))}")
    head[1].markdown(t("views_slide", n=slide, total=len(views)))
    head[2].button(t("views_previous"), key="views_previous", icon=":material/chevron_left:",
                   disabled=slide <= 1, on_click=_go, args=(slide - 1,),
                   width="stretch")  # fmt: skip
    head[3].button(t("views_next"), key="views_next", icon=":material/chevron_right:",
                   disabled=slide >= len(views), on_click=_go, args=(slide + 1,),
                   width="stretch")  # fmt: skip
    head[4].button(t("views_leave"), key="views_leave", icon=":material/close_fullscreen:",
                   on_click=_leave, width="stretch")  # fmt: skip
    description = shown_description(view)
    if description:
        st.caption(common.plain(description))
    html, nodes, edges, _ = views_show.picture(choices, positions)
    st.iframe(html, height=views_show.HEIGHT)
    note = t("map_counts", nodes=nodes, edges=edges)
    if said:
        note += " · " + t("views_left_out_short") + " " + "; ".join(said)
    st.caption(common.plain(note))


def _open_on_map(view, problems) -> None:
    focus = open_on_map(view, problems).focus
    st.switch_page(common.MAP_PAGE, query_params={"acteur": focus} if focus else None)


def _table(views) -> None:
    hidden = common.anonymised() is not None
    rows = []
    for view, problems in views:
        row = {
            t("views_col_order"): view.order,
            t("views_col_name"): shown_name(view),
            t("views_col_description"): shown_description(view),
            t("views_col_updated"): view.updated.astimezone().strftime("%d/%m/%Y %H:%M"),
        }
        if not hidden:
            row[t("views_col_author")] = view.updated_by or view.author or ""
        row[t("views_col_notes")] = t("views_col_notes_n", n=len(problems)) if problems else ""
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _editing(views, view) -> None:
    """Rename, describe, move, delete one view (editors)."""
    names = [v.name for v, _ in views]
    place = names.index(view.name)
    left, right = st.columns(2)
    with left.form("views_rename_form", border=True):
        new_name = st.text_input(t("views_rename_label"), value=view.name, max_chars=120)
        if st.form_submit_button(t("views_rename"), icon=":material/edit:"):
            if _write(common.store().rename_view, view.name, new_name):
                st.session_state["flash"] = common.tx("views_renamed", name=new_name.strip())
                st.rerun()
    with right.form("views_describe_form", border=True):
        text = st.text_area(t("views_description"), value=view.description, max_chars=2000,
                            height=100)  # fmt: skip
        if st.form_submit_button(t("views_describe"), icon=":material/notes:"):
            if _write(common.store().describe_view, view.name, text):
                st.session_state["flash"] = common.tx("views_described", name=view.name)
                st.rerun()
    row = st.columns(3)
    if row[0].button(t("views_up"), key="views_up", icon=":material/arrow_upward:",
                     disabled=place == 0):  # fmt: skip
        names.insert(place - 1, names.pop(place))
        if _write(common.store().reorder_views, names):
            st.rerun()
    if row[1].button(t("views_down"), key="views_down", icon=":material/arrow_downward:",
                     disabled=place == len(names) - 1):  # fmt: skip
        names.insert(place + 1, names.pop(place))
        if _write(common.store().reorder_views, names):
            st.rerun()
    with row[2].popover(t("views_delete"), icon=":material/delete:"):
        st.caption(common.tx("views_delete_confirm", name=view.name))
        if st.button(t("views_delete_yes"), key="views_delete_yes", type="primary"):
            if _write(common.store().delete_view, view.name):
                st.session_state["flash"] = common.tx("views_deleted", name=view.name)
                st.session_state.pop("views_selected", None)
                st.rerun()


def _log() -> None:
    try:
        changes = common.guarded(common.store().view_history, 50)
    except EcomapError as error:
        st.error(common.tx("views_unreadable", why=common.said(error)), icon=":material/error:")
        return
    if not changes:
        st.caption(t("views_log_empty"))
        return
    st.dataframe(
        pd.DataFrame([{
            t("history_at"): change.at.astimezone().strftime("%d/%m/%Y %H:%M"),
            t("history_action"): t(f"views_action_{change.action}"),
            t("history_summary"): change.summary,
            t("history_author"): change.author or "",
        } for change in changes]),
        hide_index=True, width="stretch",
    )  # fmt: skip


views = read_views()  # in the order of the presentation

if st.query_params.get(PRESENT) and views:
    presentation(views)
    st.stop()

common.page_header("page_views", "views_intro")
common.flash()
if not views:
    st.info(t("views_empty"), icon=":material/bookmarks:")
    st.page_link(common.MAP_PAGE, label=t("page_map"), icon=":material/hub:")
    st.stop()

st.button(t("views_present"), key="views_present", type="primary",
          icon=":material/slideshow:", on_click=_present)  # fmt: skip
_table(views)

by_id = {view.id: (view, problems) for view, problems in views}
# Names as this run may show them, bound now (format_func may be called after the run).
names = {view.id: shown_name(view) for view, _ in views}
chosen = st.selectbox(t("views_choose"), list(by_id), key="views_selected",
                      format_func=lambda i: names.get(i, "—"))  # fmt: skip
view, problems = by_id[chosen] if chosen in by_id else views[0]
row = st.columns([1, 1.3, 2.7])
if row[0].button(t("views_open_map"), key="views_open_map", icon=":material/hub:"):
    _open_on_map(view, problems)
row[1].button(t("views_present_from"), key="views_present_from",
              icon=":material/play_arrow:", on_click=_present,
              args=([v.id for v, _ in views].index(view.id) + 1,))  # fmt: skip
if problems:
    st.caption(t("views_left_out_short") + " " + "; ".join(
        common.plain(s) for s in prepared(view, problems)[2]))  # fmt: skip

if not common.read_only():
    st.subheader(t("views_edit_title"))
    _editing(views, view)
if common.allowed(Right.EDIT) and common.anonymised() is None:
    with st.expander(t("views_log"), icon=":material/history:"):
        _log()
