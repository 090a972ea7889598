"""The picture of a saved view, drawn as the map page draws it (for the presentation).

The same steps as the map page: the map at the view's level, filtered, centred, with
its overlays, coloured and sized as the view says; the nodes placed where the view's
layout put them (the others around them, as the map page places them).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import streamlit as st

from app_pages import common
from ecomap.views import network

OVERLAYS = {
    "fragile": ("fragility", "fragile_links", network.fragile_overlay),
    "key_people": ("fragility", "key_people", network.key_people_overlay),
    "bridges": ("bridges", "bridges", network.bridges_overlay),
    "imbalances": ("power", "imbalances", network.imbalance_overlay),
}
#: The ties the map page places actors by (and so the presentation).
ACTOR_TIES = ["cooperates", "power", "tension", "member_of", "part_of"]
#: The picture's height in the presentation, in pixels, and what its legend takes of it.
HEIGHT = 760
_LEGEND = 120


@st.cache_resource(max_entries=8, show_spinner=False)
def _positions(
    where: str, at: int, level: str, anonymous: str | None, pinned: str
) -> Mapping[str, tuple[float, float]]:
    """Positions of every node at a level with the view's pinned ones kept (a JSON of
    node → [x, y]); computed once per revision and layout, shared (read-only)."""
    common.made(_positions, where, at, level, anonymous, pinned)
    G = common._graph(where, at, anonymous)
    H = network.select(G, level=level, relation_types=ACTOR_TIES)
    fixed = {n: tuple(p) for n, p in json.loads(pinned).items()} or network.saved_positions(H)
    return MappingProxyType(network.layout(H, fixed=fixed))


def _sizes(where: str, at: int, size_by: str, as_of, H, anonymous: str | None):
    if size_by in ("degree", "influence"):
        return None
    if size_by == "structural_power":
        return common._analysis(where, at, "power", "structural_power", (), {"as_of": as_of},
                                anonymous)  # fmt: skip
    if H.graph.get("folded"):
        return None
    return common._analysis(where, at, "bridges", "betweenness", (), {"as_of": as_of}, anonymous)


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False)
def _picture(where: str, at: int, shown: str) -> tuple[str, int, int]:
    """The network page of one view (a JSON of its choices, positions, language, date)."""
    common.made(_picture, where, at, shown)
    choice: dict[str, Any] = json.loads(shown)
    as_of = common.as_of_from(choice["as_of"])
    anonymous = choice["anonymous"]
    G = common._graph(where, at, anonymous)
    H = network.select(
        G,
        level=choice["level"],
        levels=choice["levels"] or None,
        kinds=choice["kinds"] or None,
        territories=choice["territories"] or None,
        tags=choice["tags"] or None,
        stakes=choice["stakes"] or None,
        relation_types=choice["relation_types"],
        as_of=as_of,
    )
    focus = choice["focus"]
    if focus is not None and focus not in H:
        focus = _representative(H, focus)
    if focus is not None and focus in H:
        H = network.neighbourhood(H, focus, choice["depth"])
    overlays = []
    for name in choice["overlays"]:
        module, function, convert = OVERLAYS[name]
        records = common._analysis(where, at, module, function, (),
                                   {"as_of": as_of, "lang": choice["lang"]}, anonymous)  # fmt: skip
        overlays.append(convert(records, choice["lang"]))
    positions = _positions(where, at, choice["level"], anonymous,
                           json.dumps(choice["positions"], sort_keys=True))  # fmt: skip
    html = network.network_html(
        H,
        color_by=choice["color_by"],
        size_by=choice["size_by"],
        sizes=_sizes(where, at, choice["size_by"], as_of, H, anonymous),
        overlays=overlays,
        focus=focus,
        lang=choice["lang"],
        positions={n: positions[n] for n in H if n in positions},
        physics=choice["physics"],
        height=HEIGHT - _LEGEND,
        as_of=as_of,
    )
    return html, H.number_of_nodes(), H.number_of_edges()


def _representative(H, actor: str) -> str | None:
    """The group a person or organisation is drawn in, in a folded view."""
    for node, data in H.nodes(data=True):
        if actor in data.get("members", ()):
            return node
    return None


def picture(choices, positions: Mapping[str, tuple[float, float]]) -> tuple[str, int, int]:
    """The HTML of a view's picture for this session (language, date, anonymise), and
    how many nodes and ties it draws."""
    shown = choices.model_dump(mode="json")
    shown.update(
        positions={n: list(p) for n, p in positions.items()},
        lang=common.lang(),
        as_of=common.as_of().isoformat(),
        anonymous=common.anonymised(),
    )
    return _picture(*common.run_key(), json.dumps(shown, sort_keys=True))
