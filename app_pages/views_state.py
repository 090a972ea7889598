"""Saved views and the map page: what the page shows now, as a view, and a view put back.

The map page keeps each of its choices in ``st.session_state`` under a key of its own
(:data:`STATE_KEYS`). Saving a view reads them; opening a view writes them (from a
button's callback or before switching to the map page, so before the widgets are
drawn) and says in words what of the view the map no longer holds.

:func:`map_block` is the one call the map page makes: a panel to save the current
picture as a view and to open a saved one.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import ValidationError

from app_pages import common
from app_pages.common import t
from ecomap.errors import EcomapError
from ecomap.views import network
from ecomap.views.saved import (
    OVERLAYS,
    MapChoices,
    Problem,
    SavedView,
    check_choices,
    check_positions,
    describe,
    new_view,
    read_choices,
)

#: A choice of :class:`MapChoices` → the session key of its widget on the map page.
STATE_KEYS = {
    "level": "map_level",
    "color_by": "map_color",
    "size_by": "map_size",
    "focus": "map_focus",
    "depth": "map_depth",
    "levels": "map_f_levels",
    "kinds": "map_f_kinds",
    "relation_types": "map_f_relations",
    "territories": "map_f_territories",
    "tags": "map_f_tags",
    "stakes": "map_f_stakes",
    "physics": "map_physics",
    "group_by": "map_group_by",
    "group": "map_group",
    "renderer": "map_renderer",
}
OVERLAY_KEYS = {name: f"map_o_{name}" for name in OVERLAYS}
#: Where the panel of the map page remembers the last view opened and what was left out.
OPENED = "views:opened"
#: The layout of the view last opened on the map page: (its name, node → [x, y], the
#: anonymise setting its ids are written under).
LAYOUT = "views:layout"


def choices_from_state() -> MapChoices:
    """The map page's current choices (those it has drawn; the others at their default)."""
    state = st.session_state
    found: dict[str, Any] = {}
    for choice, key in STATE_KEYS.items():
        if key in state and state[key] is not None:
            found[choice] = state[key]
    found["overlays"] = [name for name, key in OVERLAY_KEYS.items() if state.get(key)]
    choices, _ = read_choices(found)
    return choices


# -- a view put back on the map page ------------------------------------------------------


def _real_map():
    """The map with its real ids (views keep those), whatever this person sees: only
    looked into, to know what a view names that the map no longer holds."""
    return common._shared(common._shown_map, None), common._shared(common._graph, None)


def prepared(view: SavedView, problems: list[Problem]) -> tuple[MapChoices, dict, list[str]]:
    """A stored view as this session can show it: its choices without what the map no
    longer holds, ids as this person sees them (pseudonymous under anonymise), its
    positions, and what was left out, in words."""
    eco, G = _real_map()
    hidden = common.anonymised() is not None
    choices, gone = check_choices(
        view.choices,
        actors=eco.actors,
        territories=network.field_values(G, "territory"),
        tags=network.field_values(G, "tags"),
        stakes=eco.stakes,
        colour_fields=network.colour_fields(common.current_graph()),
        names_hidden=hidden,
    )
    positions, lost = check_positions(view.positions, G.nodes)
    hider = common.hider()
    if hider is not None:
        update: dict[str, Any] = {"stakes": [hider.node_id(s) for s in choices.stakes]}
        if choices.focus is not None:
            update["focus"] = hider.node_id(choices.focus)
        if choices.group and choices.group.startswith("organisation:"):
            update["group"] = "organisation:" + hider.node_id(choices.group.partition(":")[2])
        choices = choices.model_copy(update=update)
        positions = {hider.node_id(n): p for n, p in positions.items()}
    said = [describe(p, common.lang()) for p in [*problems, *gone, *lost]]
    if hider is not None:
        said = [hider.text(s) or "" for s in said]
    return choices, positions, said


def put_on_map(choices: MapChoices) -> None:
    """Write a view's choices into the map page's widgets (call before they are drawn:
    from a callback, or before switching to the map page)."""
    state = st.session_state
    values = choices.model_dump(mode="json")
    for choice, key in STATE_KEYS.items():
        value = values[choice]
        if value is None and choice in ("group_by", "renderer"):
            state.pop(key, None)
            state.pop(f"kept:{key}", None)
            continue
        state[key] = value
        state[f"kept:{key}"] = value
    for name, key in OVERLAY_KEYS.items():
        state[key] = state[f"kept:{key}"] = name in values["overlays"]
    # The map page follows ?acteur= when it differs from the last one it saw: the
    # address says the view's centre.
    state["map_shared"] = values["focus"]
    if values["focus"] is None:
        st.query_params.pop("acteur", None)
    else:
        st.query_params["acteur"] = values["focus"]


def put_layout(name: str, positions: dict) -> None:
    """The map page places nodes as a view's layout has them (``positions``, as
    :func:`prepared` gives them), until another view is opened or the map's layout is
    asked for; a view saved without a layout leaves the map's."""
    if positions:
        placed = {n: (float(x), float(y)) for n, (x, y) in positions.items()}
        st.session_state[LAYOUT] = (name, placed, common.anonymised())
    else:
        st.session_state.pop(LAYOUT, None)


def layout_in_use() -> dict | None:
    """The layout of the view opened on the map page (node → x, y), or None for the map's."""
    kept = st.session_state.get(LAYOUT)
    # Its ids are real or pseudonymous as when it was opened: not after a switch.
    return kept[1] if kept and kept[2] == common.anonymised() else None


def layout_block() -> None:
    """Under the map: which view's layout places the nodes, and a button to go back to
    the map's."""
    kept = st.session_state.get(LAYOUT)
    if not kept or layout_in_use() is None:
        return
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.caption(common.tx("map_view_layout", name=kept[0]))
    if right.button(t("map_view_layout_forget"), key="views_layout_forget",
                    icon=":material/restart_alt:"):  # fmt: skip
        st.session_state.pop(LAYOUT, None)
        st.rerun()


def open_on_map(view: SavedView, problems: list[Problem]) -> MapChoices:
    """Put a view on the map page (its choices in the widgets, its layout for the
    picture) and say so on the next run; call before the widgets are drawn."""
    choices, positions, said = prepared(view, problems)
    if layout_differs(view):
        said.append(describe(Problem("layout_differs"), common.lang()))
    put_on_map(choices)
    put_layout(shown_name(view), positions)
    st.session_state[OPENED] = (shown_name(view), said)
    st.session_state["flash"] = common.tx("views_opened", name=shown_name(view))
    return choices


def layout_differs(view: SavedView) -> bool:
    """Whether the view was saved with a layout other than the map's (the view is shown
    with its own)."""
    _, G = _real_map()
    kept, _ = check_positions(view.positions, G.nodes)
    return bool(kept) and kept != network.saved_positions(G)


def shown_name(view: SavedView) -> str:
    """The view's name as this person may read it (people's names cleared under
    anonymise)."""
    hider = common.hider()
    return (hider.text(view.name) or "") if hider is not None else view.name


def shown_description(view: SavedView) -> str:
    hider = common.hider()
    return (hider.text(view.description) or "") if hider is not None else view.description


def _open(view: SavedView, problems: list[Problem]) -> None:
    """The callback of "open": the page's widgets take the view's choices."""
    open_on_map(view, problems)


def stored_views() -> list[tuple[SavedView, list[Problem]]]:
    """The saved views with what of each this version cannot use; a store that cannot
    read them says so on the page."""
    try:
        return common.guarded(common.store().views_read)
    except EcomapError as error:
        st.error(common.tx("views_unreadable", why=common.said(error)), icon=":material/error:")
        return []


# -- the panel of the map page ------------------------------------------------------------


def _save_form() -> None:
    with st.form("views_save_form", clear_on_submit=False, border=False):
        st.markdown(f"**{t('views_save_title')}**")
        name = st.text_input(t("views_name"), key="views_save_name", max_chars=120)
        description = st.text_area(t("views_description"), key="views_save_description",
                                   max_chars=2000, height=80)  # fmt: skip
        overwrite = st.checkbox(t("views_overwrite"), key="views_save_overwrite")
        pressed = st.form_submit_button(t("views_save"), icon=":material/bookmark_add:")
    if not pressed:
        return
    # The layout the picture is drawn with: the view's opened, else the map's saved one
    # (real ids: a view keeps those, and only editors, who see them, save views).
    positions = layout_in_use() or network.saved_positions(common.current_graph())
    try:
        view = new_view(name, choices_from_state(), description=description,
                        positions=positions, lang=common.lang())  # fmt: skip
        change = common.guarded(common.store().save_view, view, overwrite=overwrite,
                                lang=common.lang())  # fmt: skip
    except ValidationError as error:
        st.error(common.tx("views_refused", why=str(error.errors()[0]["msg"])),
                 icon=":material/error:")  # fmt: skip
        return
    except EcomapError as error:
        st.error(common.tx("views_refused", why=common.said(error)), icon=":material/error:")
        return
    if change is not None:
        st.session_state["flash"] = common.tx("views_saved", name=view.name)
        st.rerun()


def map_block() -> None:
    """The map page's panel: save this picture as a view (editors), open a saved one."""
    views = stored_views()
    opened = st.session_state.get(OPENED)
    with st.expander(t("views_panel"), icon=":material/bookmarks:", expanded=bool(opened)):
        if opened:
            name, said = opened
            if said:
                st.warning(common.tx("views_left_out", name=name) + "\n\n"
                           + "\n".join(f"- {common.plain(s)}" for s in said),
                           icon=":material/warning:")  # fmt: skip
            st.session_state.pop(OPENED, None)
        left, right = st.columns(2)
        with left:
            if views:
                by_id = {view.id: (view, problems) for view, problems in views}
                # Names as this run may show them, bound now (format_func may be called
                # after the run).
                names = {view.id: shown_name(view) for view, _ in views}
                chosen = st.selectbox(t("views_open_label"), list(by_id), key="views_pick",
                                      format_func=lambda i: names.get(i, "—"))  # fmt: skip
                st.button(t("views_open"), key="views_open", icon=":material/open_in_browser:",
                          on_click=_open, args=by_id[chosen])  # fmt: skip
            else:
                st.caption(t("views_none"))
            st.page_link("app_pages/views.py", label=t("views_all"), icon=":material/slideshow:")
        with right:
            if not common.read_only():
                _save_form()
