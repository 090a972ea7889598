"""Carte du réseau: the whole ecosystem as an interactive network.

Choose the level (actors, organisations, institutions), what colour and size show,
filter, centre on one actor, switch analysis overlays on, and save the layout so
the picture stays the same from one review to the next.
"""

from __future__ import annotations

import streamlit as st

from app_pages import common, drawing, views_state
from app_pages.common import t
from ecomap.model import ActorKind, Level, RelationType
from ecomap.views import network, webgl

OVERLAYS, ACTOR_TIES = drawing.OVERLAYS, drawing.ACTOR_TIES


def _take_group_from_link() -> None:
    """A click on a group in the picture (``?groupe=key``) opens that group."""
    shared = st.query_params.get("groupe")
    if shared and shared != st.session_state.get("map_group_shared"):
        st.session_state["map_group_shared"] = shared
        by = shared.partition(":")[0]
        if by in network.GROUPINGS:
            st.session_state["map_group_by"] = by
            st.session_state["map_group"] = shared


def _field_labeller():
    tt = common.words()
    return lambda name: tt(f"field_{name}") if common.has_text(f"field_{name}") else name


def _forget_gone_values(values: drawing.MapValues, eco) -> None:
    """Drop remembered choices that the map no longer holds (an actor or stake deleted)."""
    state = st.session_state
    if state.get("map_focus") not in (None, *eco.actors):
        del state["map_focus"]
    for key, allowed in (
        ("map_f_territories", set(values.territories)),
        ("map_f_tags", set(values.tags)),
        ("map_f_stakes", set(eco.stakes)),
    ):
        if key in state:
            state[key] = [v for v in state[key] if v in allowed]
    if state.get("map_color") not in (None, *values.colour_fields):
        del state["map_color"]


def _take_focus_from_links(eco) -> None:
    """A link from another page (or a shared URL ``?acteur=id``) centres the map."""
    wanted = st.session_state.pop("focus", None)
    if wanted is None:
        shared = st.query_params.get("acteur")
        if shared and shared != st.session_state.get("map_shared"):
            st.session_state["map_shared"] = shared
            wanted = shared
    if wanted in eco.actors:
        st.session_state["map_focus"] = wanted


MAP_WIDGETS = ("map_level", "map_color", "map_size", "map_focus", "map_depth", "map_f_levels",
               "map_f_kinds", "map_f_relations", "map_f_territories", "map_f_tags",
               "map_f_stakes", *(f"map_o_{name}" for name in OVERLAYS), "map_physics",
               "map_group_by", "map_group")  # fmt: skip

common.page_header("page_map", "map_intro")
common.flash()
G = common.current_graph()
eco = common.current_map()
common.remember(*MAP_WIDGETS)
values = drawing.map_values()  # the widgets' options, read once per revision
_forget_gone_values(values, eco)
_take_focus_from_links(eco)
_take_group_from_link()
large = len(eco.actors) > network.LARGE_MAP
levels = [v.value for v in Level]
# The widgets' defaults: the view made for a new viewer as the explorer starts.
first = drawing.first_choices(values, large)
tt, label = common.words(), common.labeller()

# Large maps are drawn as groups of actors by default; a group can be opened.
grouping = st.columns([1.1, 2.9])
centred = st.session_state.get("map_focus") is not None
group_by = grouping[0].selectbox(
    t("map_group_by"), ["none", *network.GROUPINGS],
    index=["none", *network.GROUPINGS].index(first["group_by"]),
    format_func=lambda v: tt(f"group_by_{v}"), key="map_group_by", help=t("map_group_by_help"),
)  # fmt: skip
group_keys, group_names, group_sizes = drawing.groups(group_by)
if st.session_state.get("map_group") not in (None, *group_sizes):
    st.session_state["map_group"] = None
group = grouping[1].selectbox(
    t("map_group"), [None, *group_sizes], key="map_group", disabled=group_by == "none" or centred,
    placeholder=t("map_group_all"),  # (Streamlit's own "Choose an option" is English)
    format_func=lambda k: t("map_group_all") if k is None
    else t("map_group_option", name=group_names.get(k, k), n=group_sizes.get(k, 0)),
)  # fmt: skip
if group is not None:
    st.query_params["groupe"] = group
    st.session_state["map_group_shared"] = group
elif "groupe" in st.query_params:
    del st.query_params["groupe"]

top = st.columns([1.1, 1, 1.1, 1.8, 0.8])
level = top[0].selectbox(t("map_view"), levels, index=levels.index(first["level"]),
                         format_func=lambda v: tt(f"view_{v}"), key="map_level",
                         disabled=group_by != "none" and not centred)  # fmt: skip
color_by = top[1].selectbox(t("map_color_by"), list(values.colour_fields),
                            format_func=_field_labeller(), key="map_color")  # fmt: skip
size_by = top[2].selectbox(t("map_size_by"), list(network.SIZE_MEASURES),
                           format_func=lambda v: tt(f"size_{v}"), key="map_size")  # fmt: skip
with top[3]:
    focus = common.actor_choice(t("map_focus"), key="map_focus", placeholder=t("map_search"))
depth = top[4].number_input(t("map_depth"), min_value=1, max_value=4, value=1, step=1,
                            key="map_depth", disabled=focus is None)  # fmt: skip
if focus is not None:
    st.query_params["acteur"] = focus
    st.session_state["map_shared"] = focus
elif "acteur" in st.query_params:
    del st.query_params["acteur"]

with st.expander(t("map_filters"), icon=":material/filter_alt:"):
    row = st.columns(3)
    chosen_levels = row[0].multiselect(t("filter_levels"), levels, format_func=label,
                                       key="map_f_levels", placeholder=t("filter_all"))  # fmt: skip
    kinds = row[1].multiselect(t("filter_kinds"), [k.value for k in ActorKind],
                               format_func=label, key="map_f_kinds",
                               placeholder=t("filter_all"))  # fmt: skip
    relation_types = row[2].multiselect(
        t("filter_relations"), [r.value for r in RelationType], default=first["relation_types"],
        format_func=label, key="map_f_relations",
    )  # fmt: skip
    row = st.columns(3)
    territories = row[0].multiselect(t("filter_territories"), list(values.territories),
                                     key="map_f_territories", placeholder=t("filter_all"))  # fmt: skip
    tags = row[1].multiselect(t("filter_tags"), list(values.tags),
                              key="map_f_tags", placeholder=t("filter_all"))  # fmt: skip
    stake_names = {s.id: s.name for s in eco.stakes.values()}
    stakes = row[2].multiselect(t("filter_stakes"), sorted(stake_names, key=stake_names.get),
                                format_func=stake_names.get, key="map_f_stakes",
                                placeholder=t("filter_all"))  # fmt: skip

toggles = st.columns(len(OVERLAYS) + 1)
overlays = [
    name
    for column, name in zip(toggles, OVERLAYS, strict=False)
    if column.toggle(t(f"overlay_{name}"), key=f"map_o_{name}")
]
physics = toggles[-1].toggle(t("map_physics"), key="map_physics", help=t("map_physics_help"))

grouped = group_by != "none" and focus is None
if group_by != "none" and focus is not None:
    st.info(t("map_group_focus"), icon=":material/center_focus_strong:")
if large and not grouped and level == "micro" and not any([chosen_levels, kinds, territories,
                                                             tags, stakes, focus]):  # fmt: skip
    st.warning(t("map_large_micro", n=len(eco.actors)), icon=":material/speed:")

# Which renderer draws the picture: WebGL (sigma.js) from webgl.WEBGL_THRESHOLD nodes.
common.remember("map_renderer")
with st.expander(t("map_advanced"), icon=":material/tune:"):
    renderer = st.radio(t("map_renderer"), ["auto", "pyvis", "webgl"], horizontal=True,
                        format_func=lambda v: tt(f"map_renderer_{v}", n=webgl.WEBGL_THRESHOLD),
                        key="map_renderer", help=t("map_renderer_help"))  # fmt: skip
# The picture is drawn as a saved view with these choices would be (the presentation
# draws views with the same function).
choices = {
    "renderer": renderer,
    "level": level,
    "levels": chosen_levels,
    "kinds": kinds,
    "territories": territories,
    "tags": tags,
    "stakes": stakes,
    "relation_types": relation_types,
    "focus": focus,
    "depth": int(depth),
    "color_by": color_by,
    "size_by": size_by,
    "overlays": overlays,
    "physics": bool(physics),
    "group_by": group_by,
    "group": group,
}
view, shown_as = drawing.view_of(choices, G, large=large)
if shown_as is not None and shown_as != focus:
    # A folded view draws the person inside a group: say which, rather than silently
    # centring on the group.
    st.info(common.tx("map_focus_folded", name=eco.actors[focus].name, view=t("view_micro"),
                      group=G.nodes[shown_as].get("name", shown_as) if shown_as in G else shown_as),
            icon=":material/group_work:")  # fmt: skip
# A view opened from the saved ones keeps its own layout (until the map's is asked for).
pinned = views_state.layout_in_use()
if grouped:
    html, shown_nodes, shown_edges, facts = drawing.draw(view)
    if group is None:
        links = t("map_grouped_links_all" if facts["links_drawn"] == facts["links"]
                  else "map_grouped_links_thinned", drawn=facts["links_drawn"], links=facts["links"])  # fmt: skip
        st.info(t("map_grouped", n=facts["actors"], groups=shown_nodes,
                  by=tt(f"group_by_{group_by}").lower(), links=links), icon=":material/hub:")  # fmt: skip
    else:
        st.info(common.tx("map_group_open", name=group_names.get(group, group),
                          n=facts["actors"], others=facts["others"]),
                icon=":material/group_work:")  # fmt: skip
else:
    html, shown_nodes, shown_edges, facts = drawing.draw(view, pinned)
    if large and shown_nodes > network.LARGE_MAP:
        st.info(t("map_large_ungrouped", n=len(eco.actors), limit=network.LARGE_MAP,
                  nodes=shown_nodes), icon=":material/compress:")  # fmt: skip
st.caption(t("map_counts", nodes=shown_nodes, edges=shown_edges))
st.iframe(html, height=800)
views_state.layout_block()  # the layout of the view opened, and back to the map's
below = st.columns([3, 1])
below[0].caption(t("map_click_help"))
if focus is not None:
    with below[1]:
        common.open_card(focus, key="map_card")

views_state.map_block()  # save this picture as a view, open a saved one

if not common.read_only():
    with st.expander(t("layout_title"), icon=":material/push_pin:"):
        st.caption(t("layout_help"))
        saved = values.saved
        left, right = st.columns(2)
        if left.button(t("layout_save"), key="layout_save", icon=":material/save:"):
            common.save_positions(dict(drawing.positions("micro", pinned)))
        if saved and right.button(t("layout_forget", n=len(saved)), key="layout_forget",
                                  icon=":material/restart_alt:"):  # fmt: skip
            common.save_positions({n: None for n in saved})

# The page's own functions (the widgets' format_func) stay with the session after the
# run: they must not keep this revision's shared map and graph, nor the page drawn,
# alive once a newer revision is seen.
del G, eco, html, group_keys, values
