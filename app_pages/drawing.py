"""The map's picture, drawn the same way for the map page and the presentation of views.

Every choice of a picture is one JSON object, a *view* (:func:`view_of` makes it from
the choices a saved view keeps, in :class:`ecomap.views.saved.MapChoices`'s shape, so
that the map page's widgets and a saved view give the same object). :func:`draw`
turns it into the page to show: grouped or not, by vis-network or by WebGL (sigma.js)
from :data:`ecomap.views.webgl.WEBGL_THRESHOLD` nodes, with its overlays, under
anonymise when the session is; the nodes placed by a layout, the map's own or a
view's (``pinned``).

What is drawn is made once per store revision, view and layout in this process and
shared by every session (``st.cache_resource``: the page is an immutable string,
never copied per viewer); dropped when a newer revision is seen.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from contextlib import nullcontext
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple

import streamlit as st

from app_pages import common
from ecomap.model import Level
from ecomap.views import network, webgl

#: Where a click on an actor leads: its card (the card page's URL path and parameter).
CARD_URL = "fiche?fiche={id}"
#: Where a click on a group of actors leads: the map page, with that group opened.
GROUP_URL = "?groupe={id}"
#: The ties actors are placed by (stakes and spaces, as hubs, would pull every actor
#: into one knot).
ACTOR_TIES = ["cooperates", "power", "tension", "member_of", "part_of"]
OVERLAYS = {
    "fragile": ("fragility", "fragile_links", network.fragile_overlay),
    "key_people": ("fragility", "key_people", network.key_people_overlay),
    "bridges": ("bridges", "bridges", network.bridges_overlay),
    "imbalances": ("power", "imbalances", network.imbalance_overlay),
}
#: The height of the picture's canvas on the map page, in pixels.
HEIGHT = 700


class Drawn(NamedTuple):
    """A picture: its HTML page, the nodes and ties it draws, and for a grouped picture
    what its banner says (``actors``, and ``links``, ``links_drawn``, ``ties_between``
    for the groups, ``others`` for a group opened); empty otherwise."""

    html: str
    nodes: int
    edges: int
    facts: Mapping[str, int]


def layout_key(pinned: Mapping[str, Any] | None) -> str:
    """A short key of a layout (node → position), "" for none: the cache key of the
    pictures drawn with it (a layout of ten thousand positions is not hashed per run)."""
    if not pinned:
        return ""
    text = json.dumps({n: list(p) for n, p in pinned.items()}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


@st.cache_resource(max_entries=8, show_spinner=False)
def _positions(
    where: str,
    at: int,
    level: str,
    anonymous: str | None = None,
    layout: str = "",
    _pinned: Mapping[str, Any] | None = None,
) -> Mapping[str, tuple[float, float]]:
    """Positions of every node at a level, computed once per map revision and layout and
    shared by every session (read-only).

    Computed on the whole map at that level and with today's relations, so neither a
    filter nor another analysis date moves a node. The nodes a view's layout
    (``_pinned``, keyed by ``layout``) places stay where it put them, the others are
    placed around them; without it, the map's saved positions are kept.
    """
    common.made(_positions, where, at, level, anonymous, layout, None)
    G = common._graph(where, at, anonymous)
    H = network.select(G, level=level, relation_types=ACTOR_TIES)
    fixed = {n: (float(p[0]), float(p[1])) for n, p in (_pinned or {}).items() if n in H}
    return MappingProxyType(network.layout(H, fixed=fixed or network.saved_positions(H)))


def positions(level: str, pinned: Mapping[str, Any] | None = None):
    """The positions this session's picture places nodes at (see :func:`_positions`)."""
    where, at = common.run_key()
    return _positions(where, at, level, common.anonymised(), layout_key(pinned), pinned)


def _sizes(
    where: str, at: int, size_by: str, as_of, H, anonymous: str | None = None
) -> dict[str, float] | None:
    """Sizes measured on the whole map, not only on what is drawn.

    Degree and influence are read on the picture itself. In a folded view, structural
    power is the organisation's (or institution's) own; betweenness is measured between
    the folded nodes, where it says which organisations bridge the others.
    """
    if size_by in ("degree", "influence"):
        return None
    if size_by == "structural_power":
        return common._analysis(where, at, "power", "structural_power", (), {"as_of": as_of},
                                anonymous)  # fmt: skip
    if H.graph.get("folded"):
        return None
    return common._analysis(where, at, "bridges", "betweenness", (), {"as_of": as_of}, anonymous)


def _drawer(renderer: str, nodes: int):
    """The picture's renderer: vis-network, or WebGL for large maps (or as the user chose)."""
    if renderer == "auto":
        renderer = webgl.renderer_for(nodes)
    return webgl.webgl_html if renderer == "webgl" else network.network_html


def _selected(G, choice: Mapping[str, Any], as_of, *, level: str):
    return network.select(
        G,
        level=level,
        levels=choice["levels"] or None,
        kinds=choice["kinds"] or None,
        territories=choice["territories"] or None,
        tags=choice["tags"] or None,
        stakes=choice["stakes"] or None,
        relation_types=choice["relation_types"],
        as_of=as_of,
    )


def _links(choice: Mapping[str, Any]) -> dict[str, str | None]:
    """Where clicks lead: nowhere in the presentation (read-only, nothing to leave for)."""
    linked = choice.get("links", True)
    return {"card_url": CARD_URL if linked else None, "group_url": GROUP_URL if linked else None}


@st.cache_resource(max_entries=16, show_spinner=False)
def _picture(where: str, at: int, view: str, _pinned: Mapping[str, Any] | None = None) -> Drawn:
    """The picture of one view (a JSON of every choice, ``layout`` the key of
    ``_pinned``), with nodes and edges drawn; one copy shared by every session."""
    common.made(_picture, where, at, view, None)
    choice: dict[str, Any] = json.loads(view)
    as_of = common.as_of_from(choice["as_of"])
    anonymous = choice["anonymous"]
    G = common._graph(where, at, anonymous)
    H = _selected(G, choice, as_of, level=choice["level"])
    focus = choice["focus"]
    if focus is not None and focus in H:
        H = network.neighbourhood(H, focus, choice["depth"])
    overlays = []
    for name in choice["overlays"]:
        module, function, convert = OVERLAYS[name]
        records = common._analysis(where, at, module, function, (),
                                   {"as_of": as_of, "lang": choice["lang"]}, anonymous)  # fmt: skip
        overlays.append(convert(records, choice["lang"]))
    placed = _positions(where, at, choice["level"], anonymous, choice.get("layout", ""), _pinned)
    html = _drawer(choice.get("renderer", "auto"), H.number_of_nodes())(
        H,
        color_by=choice["color_by"],
        size_by=choice["size_by"],
        sizes=_sizes(where, at, choice["size_by"], as_of, H, anonymous),
        overlays=overlays,
        focus=focus,
        lang=choice["lang"],
        positions={n: placed[n] for n in H if n in placed},
        physics=choice["physics"],
        height=choice.get("height", HEIGHT),
        as_of=as_of,
        card_url=_links(choice)["card_url"],
    )
    return Drawn(html, H.number_of_nodes(), H.number_of_edges(), MappingProxyType({}))


@st.cache_resource(max_entries=8, show_spinner=False)
def _groups(
    where: str, at: int, by: str, as_of: str, lang: str, anonymous: str | None = None
) -> tuple[Mapping[str, str], Mapping[str, str], Mapping[str, int]]:
    """Each actor's group, each group's name and number of actors, for one grouping of
    the whole map (computed once per revision, shared by every session, read-only)."""
    common.made(_groups, where, at, by, as_of, lang, anonymous)
    G = common._graph(where, at, anonymous)
    day = common.as_of_from(as_of)
    membership = None
    if by == "community" and common.fingerprint_at_hand(where, at, anonymous):
        membership = common._analysis(where, at, "bridges", "communities", (), {"as_of": day},
                                      anonymous)["membership"]  # fmt: skip
    elif by == "community":
        # The first picture of a large map, as the explorer starts: its communities made
        # here (the same function on the same graph) rather than after hashing the whole
        # map for the analyses' shared results, which the pages opened later make.
        from ecomap.analysis.bridges import communities

        membership = communities(G, as_of=day)["membership"]
    keys = network.group_keys(G, by, membership=membership, as_of=day)
    sizes: dict[str, int] = {}
    for key in keys.values():
        sizes[key] = sizes.get(key, 0) + 1
    order = sorted(sizes, key=lambda k: (-sizes[k], k))
    return (MappingProxyType(keys), MappingProxyType(network.group_names(G, keys, lang)),
            MappingProxyType({k: sizes[k] for k in order}))  # fmt: skip


def _progress(function, where: str, at: int, *rest: Any):
    """A progress indicator while a shared picture (or grouping) is made for the first
    time; nothing when another session has made it."""
    if common._ready(function, where, at, *rest):
        return nullcontext()
    return common.working(common.t("working_picture"))


def groups(by: str):
    """This session's grouping ``by`` (see :func:`_groups`): keys, names, sizes."""
    if by == "none":
        return {}, {}, {}
    where, at = common.run_key()
    rest = (by, common.as_of().isoformat(), common.lang(), common.anonymised())
    with _progress(_groups, where, at, *rest):
        return _groups(where, at, *rest)


@st.cache_resource(max_entries=16, show_spinner=False)
def _grouped_picture(where: str, at: int, view: str) -> Drawn:
    """The map drawn as groups of actors, or one group opened (``view["group"]``), with
    what the banner says about it (one copy shared by every session)."""
    common.made(_grouped_picture, where, at, view)
    choice: dict[str, Any] = json.loads(view)
    as_of = common.as_of_from(choice["as_of"])
    anonymous = choice["anonymous"]
    G = common._graph(where, at, anonymous)
    H = _selected(G, choice, as_of, level="micro")
    keys, names, _ = _groups(where, at, choice["group_by"], choice["as_of"], choice["lang"],
                             anonymous)  # fmt: skip
    common_args = {"lang": choice["lang"], "as_of": as_of, "physics": choice["physics"],
                   "height": choice.get("height", HEIGHT), **_links(choice)}  # fmt: skip
    if choice["group"] is not None:
        D = network.group_detail(H, keys, names, choice["group"])
        others = [n for n, d in D.nodes(data=True) if d.get("node_type") == network.GROUP_NODE]
        html = _drawer(choice.get("renderer", "auto"), D.number_of_nodes())(
            D, color_by=choice["color_by"], size_by=choice["size_by"],
            sizes=_sizes(where, at, choice["size_by"], as_of, D, anonymous), **common_args,
        )  # fmt: skip
        facts = {"actors": D.number_of_nodes() - len(others), "others": len(others)}
        return Drawn(html, D.number_of_nodes(), D.number_of_edges(), MappingProxyType(facts))
    Q = network.grouped(H, keys, names)
    # A few hundred groups at most: vis-network draws them, with their numbers inside.
    html = network.network_html(Q, **common_args)
    facts = {key: Q.graph[key] for key in ("links", "links_drawn", "ties_between")}
    facts["actors"] = sum(len(d["members"]) for _, d in Q.nodes(data=True))
    return Drawn(html, Q.number_of_nodes(), Q.number_of_edges(), MappingProxyType(facts))


class MapValues(NamedTuple):
    """What the map page's widgets offer, read once per revision (the map's territories
    and tags, the fields that may colour it) and its saved layout."""

    territories: tuple[str, ...]
    tags: tuple[str, ...]
    colour_fields: tuple[str, ...]
    saved: Mapping[str, tuple[float, float]]


@st.cache_resource(max_entries=8, show_spinner=False)
def _map_values(where: str, at: int, anonymous: str | None = None) -> MapValues:
    common.made(_map_values, where, at, anonymous)
    G = common._graph(where, at, anonymous)
    return MapValues(
        tuple(network.field_values(G, "territory")),
        tuple(network.field_values(G, "tags")),
        tuple(network.colour_fields(G)),
        MappingProxyType(network.saved_positions(G)),
    )


def map_values() -> MapValues:
    """This session's :class:`MapValues` (one copy per revision, shared, read-only)."""
    return _map_values(*common.run_key(), common.anonymised())


def default_group_by(large: bool) -> str:
    """How the map page groups a map until told otherwise: by community above
    :data:`ecomap.views.network.LARGE_MAP` actors, not at all below."""
    return "community" if large else "none"


def representative(G, actor: str, level: str) -> str:
    """The node an actor is drawn in at a level (itself, or what it is folded into)."""
    if level == "micro":
        return actor
    folded = network.select(G, level=level, as_of=common.as_of())
    for node, data in folded.nodes(data=True):
        if actor in data.get("members", [node]):
            return node
    return actor


def view_of(
    choices: Mapping[str, Any],
    G,
    *,
    large: bool,
    renderer: str = "auto",
    height: int = HEIGHT,
    links: bool = True,
    seen: tuple[str, date, str | None] | None = None,
) -> tuple[dict[str, Any], str | None]:
    """The view (every choice of the picture) for this session, from the choices a saved
    view keeps (``MapChoices.model_dump(mode="json")``), and the node the focus is drawn
    in (the actor itself, or the group a folded view holds it in; None without focus).

    A view grouped (``group_by`` other than "none", None meaning the map's default) and
    not centred draws groups; a centred one draws the level around its centre.
    ``seen``: the language, date and pseudonyms it is seen in (default: the session's).
    """
    lang, day, anonymous = seen or (common.lang(), common.as_of(), common.anonymised())
    group_by = choices.get("group_by") or default_group_by(large)
    focus = choices.get("focus")
    shown_as = representative(G, focus, choices["level"]) if focus else None
    view: dict[str, Any] = {
        "renderer": choices.get("renderer") or renderer,
        "level": choices["level"],
        "levels": list(choices["levels"]),
        "kinds": list(choices["kinds"]),
        "territories": list(choices["territories"]),
        "tags": list(choices["tags"]),
        "stakes": list(choices["stakes"]),
        "relation_types": list(choices["relation_types"]),
        "focus": shown_as,
        "depth": int(choices["depth"]),
        "color_by": choices["color_by"],
        "size_by": choices["size_by"],
        "overlays": list(choices["overlays"]),
        "physics": bool(choices["physics"]),
        "lang": lang,
        "as_of": day.isoformat(),
        "anonymous": anonymous,
        "height": int(height),
        "links": bool(links),
    }
    if group_by != "none" and focus is None:
        view.update(group_by=group_by, group=choices.get("group"))
    return view, shown_as


def draw(view: Mapping[str, Any], pinned: Mapping[str, Any] | None = None) -> Drawn:
    """The picture of a view (from :func:`view_of`) for this session's revision, its
    nodes placed by ``pinned`` (a view's layout: node → x, y) or by the map's layout."""
    where, at = common.run_key()
    if "group_by" in view:
        shown = json.dumps(dict(view), sort_keys=True)
        with _progress(_grouped_picture, where, at, shown):
            return _grouped_picture(where, at, shown)
    shown = json.dumps({**view, "layout": layout_key(pinned)}, sort_keys=True)
    with _progress(_picture, where, at, shown, None):
        return _picture(where, at, shown, pinned or None)


# -- the first page, drawn before anyone asks ---------------------------------------------


def first_choices(values: MapValues, large: bool) -> dict[str, Any]:
    """The choices of the map page as a new session opens it (its widgets' defaults):
    the map's default grouping, nothing filtered, no centre, no overlay."""
    levels = [v.value for v in Level]
    return {
        "renderer": "auto",
        "level": levels[1 if large else 0],
        "levels": [], "kinds": [], "territories": [], "tags": [], "stakes": [],
        "relation_types": list(ACTOR_TIES),
        "focus": None,
        "depth": 1,
        "color_by": next(iter(values.colour_fields), None),
        "size_by": network.SIZE_MEASURES[0],
        "overlays": [],
        "physics": False,
        "group_by": default_group_by(large),
        "group": None,
    }  # fmt: skip


def prepare(where: str, at: int, lang: str, day: date) -> None:
    """Make what the map page shows first to a new session in ``lang`` on ``day`` (names
    shown): the map, its graph, the widgets' options and the picture of the first view
    (for a large map, its communities), in the shared entries the page reads. Run in the
    background when the explorer starts (:func:`app_pages.common.prepare`)."""
    # In the order the page asks (the page, opened meanwhile, waits for each in turn);
    # stopped when the map has changed since (the page then reads the new one).
    G = common._graph(where, at, None)
    values = _map_values(where, at, None)
    large = len(common._shown_map(where, at, None).actors) > network.LARGE_MAP
    view, _ = view_of(first_choices(values, large), G, large=large, seen=(lang, day, None))
    grouped = "group_by" in view
    if grouped and not common.superseded(where, at):
        _groups(where, at, view["group_by"], view["as_of"], lang, None)
    if common.superseded(where, at):
        return
    common._actor_options(where, at, None, None)
    if grouped:
        _grouped_picture(where, at, json.dumps(view, sort_keys=True))
    else:
        _picture(where, at, json.dumps({**view, "layout": ""}, sort_keys=True), None)
