"""The map as an interactive network picture: one self-contained HTML page.

The picture is drawn by vis-network through pyvis. Three steps make it:

- :func:`select` — the part of the map to draw: actor filters (level, kind, territory,
  tag, stake), relation types, the relations in force on a date, and optionally the
  map folded to meso or macro level (:func:`ecomap.graph.fold`);
- :func:`neighbourhood` — the actors around one actor, up to a depth;
- :func:`network_html` — the page: colour by any field, size by a measure, each
  relation type drawn in its own style, several relations between the same two actors
  all visible, overlays of analysis results, a legend.

Positions are computed in Python (:func:`layout`, seeded, with saved positions kept
where they are) so the picture is the same from one review to the next, and so a map
of a few thousand actors draws without vis-network's physics.
"""

from __future__ import annotations

import html
import json
import math
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from ecomap.graph import _no_collection, active_relations, fold
from ecomap.i18n import label, number, say
from ecomap.model import UNDIRECTED, ActorKind, Level, RecordKind, RelationType, parse_number

__all__ = [
    "LARGE_MAP",
    "SIZE_MEASURES",
    "RELATION_STYLES",
    "POSITION_FIELDS",
    "Overlay",
    "fragile_overlay",
    "key_people_overlay",
    "bridges_overlay",
    "imbalance_overlay",
    "GROUPINGS",
    "MAX_GROUPS",
    "select",
    "neighbourhood",
    "group_keys",
    "group_names",
    "grouped",
    "group_detail",
    "colour_fields",
    "field_values",
    "measure",
    "saved_positions",
    "layout",
    "network_html",
    "NODE_TYPE_COLOURS",
    "as_multigraph",
    "colouring",
    "legend_html",
    "node_title",
    "relation_edge",
    "script_json",
    "text_lines",
]

#: Above this many nodes the explorer folds or filters the map before drawing it.
LARGE_MAP = 400

#: On-screen height, in CSS pixels, of the labels of the most important nodes at the
#: first zoom (the picture fitted to its frame).
LEGIBLE_PX = 14
#: Labels smaller than this on screen are not drawn (the others show as one zooms in).
LABEL_PX = 12

#: How a large map can be grouped: communities of cooperation (Louvain, as
#: :func:`ecomap.analysis.bridges.communities`), the organisation at the top (an
#: institution with its organisations and people), or territory.
GROUPINGS = ("community", "organisation", "territory")
#: Most groups drawn: beyond, the smallest are drawn as one group.
MAX_GROUPS = 200
#: Above this many links between groups per group drawn, each group keeps only its
#: strongest links to other groups.
THIN_ABOVE = 3
#: How many of its strongest links to other groups each group keeps, once thinned.
LINKS_PER_GROUP = 4

#: What node size can show.
SIZE_MEASURES = ("degree", "influence", "betweenness", "structural_power")

#: Custom actor fields that hold a saved position (in the picture's pixels).
POSITION_FIELDS = ("x", "y")

#: How each relation type is drawn: colour, width of a weight-1 tie, dashes, arrow.
RELATION_STYLES: dict[str, dict[str, Any]] = {
    RelationType.COOPERATES: {"color": "#2e7d32", "width": 2.0, "dashes": False, "arrow": 0},
    RelationType.POWER: {"color": "#4527a0", "width": 1.5, "dashes": False, "arrow": 1.0},
    RelationType.TENSION: {"color": "#d32f2f", "width": 2.0, "dashes": [8, 6], "arrow": 0},
    RelationType.STAKE: {"color": "#c79100", "width": 1.2, "dashes": [2, 5], "arrow": 0},
    RelationType.PARTICIPATES: {"color": "#00838f", "width": 1.0, "dashes": [4, 3], "arrow": 0},
    RelationType.MEMBER_OF: {"color": "#9e9e9e", "width": 0.8, "dashes": False, "arrow": 0.5},
    RelationType.PART_OF: {"color": "#757575", "width": 0.8, "dashes": [10, 4], "arrow": 0.5},
    RelationType.COMPLEMENTS: {"color": "#7cb342", "width": 1.5, "dashes": [6, 3], "arrow": 0},
    RelationType.CONFLICTS: {"color": "#ef6c00", "width": 1.5, "dashes": [6, 3], "arrow": 0},
}

#: A node standing for a group of actors (:func:`grouped`, :func:`group_detail`).
GROUP_NODE = "group"
_SHAPES = {
    ActorKind.PERSON: ("dot", "●"),
    ActorKind.ORGANISATION: ("square", "■"),
    ActorKind.INSTITUTION: ("hexagon", "⬢"),
    RecordKind.STAKE: ("diamond", "◆"),
    RecordKind.SPACE: ("triangle", "▲"),
    GROUP_NODE: ("dot", "◉"),
}
_FIXED_COLOURS = {
    "level": {Level.MICRO: "#4e79a7", Level.MESO: "#f28e2b", Level.MACRO: "#59a14f"},
    "kind": {
        ActorKind.PERSON: "#76b7b2",
        ActorKind.ORGANISATION: "#edc948",
        ActorKind.INSTITUTION: "#b07aa1",
    },
}
NODE_TYPE_COLOURS = {RecordKind.STAKE: "#ffd54f", RecordKind.SPACE: "#80deea",
                      GROUP_NODE: "#dbe7f3"}  # fmt: skip
_PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
            "#ff9da7", "#9c755f", "#2f4b7c", "#a05195")  # fmt: skip
_SEQUENTIAL = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
_MISSING = "#cfcfcf"
_OTHER = "#8c8c8c"
_STANDARD_FIELDS = ("level", "kind", "category", "territory", "engagement", "influence", "tags")


#: Node count above which the layout uses igraph's faster grid variant.
_GRID_ABOVE = 1000
#: Root-mean-square distance from the centre, per square root of the node count, of a
#: plain Fruchterman–Reingold layout: 0.40, 0.34 and 0.32 measured on the benchmark
#: maps of 490, 985 and 1,970 actors; the grid variant is spread to the largest size's.
_SPREAD = 0.32


def _unit(nodes: int) -> float:
    """One unit of the layout algorithm in pixels: more room when there are few nodes
    (vis-network never zooms in past full size to fit a small picture)."""
    return max(80.0, 220.0 - 25.0 * math.sqrt(nodes))


MESSAGES = {
    "en": {
        "colour": "Colour: {field}",
        "size": "Size: {measure}",
        "shape": "Shape",
        "relations": "Relations",
        "overlays": "Highlighted",
        "missing": "not given",
        "other": "other values",
        "level": "level",
        "kind": "kind",
        "category": "category",
        "territory": "territory",
        "engagement": "engagement",
        "influence": "influence",
        "tags": "tags",
        "degree": "number of ties shown",
        "betweenness": "betweenness (bridging position)",
        "structural_power": "structural power",
        "stake_node": "stake",
        "space_node": "space",
        "role": "role",
        "members": "{n} actors folded in",
        "weight": "weight {w}",
        "strength": {
            "one": "{n} relation, total strength {w}",
            "other": "{n} relations, total strength {w}",
        },
        "formal": "formal agreement",
        "stance": "stance {s}",
        "on_stake": "about '{stake}'",
        "since": "since {d}",
        "until": "until {d}",
        "focus": "focus",
        "instituted": "instituted",
        "frequency": "{f} meetings a year",
        "range": "{low} to {high}",
        "overlay_fragile": "fragile links",
        "overlay_key_people": "key people",
        "overlay_bridges": "bridging actors",
        "overlay_imbalances": "imbalances",
        "fragile_note": "fragile link between {a} and {b}: {why}",
        "carries_alone": "carries the link between {a} and {b}",
        "key_note": {
            "one": "key person: {n} link would end if they left",
            "other": "key person: {n} links would end if they left",
        },
        "bridge_note": "bridging actor: {why}",
        "imbalance_note": "{d} dominates {w} (score {score})",
        "group_node": "group of actors (number inside)",
        "group_link": "ties between two groups (number on the link)",
        "group_ties": {
            "one": "{n} tie between these groups",
            "other": "{n} ties between these groups",
        },
        "group_size": "number of actors in the group",
        "group_actors": {"one": "{n} actor", "other": "{n} actors"},
        "group_inside": {"one": "{n} tie inside", "other": "{n} ties inside"},
        "community": "Community {n}",
        "community_of": "Community {n}: {name}…",
        "community_alone": "Actors without cooperation",
        "no_organisation": "Actors without organisation",
        "no_territory": "Territory not given",
        "smaller_groups": {"one": "{n} smaller group", "other": "{n} smaller groups"},
    },
    "fr": {
        "colour": "Couleur : {field}",
        "size": "Taille : {measure}",
        "shape": "Forme",
        "relations": "Relations",
        "overlays": "Mis en évidence",
        "missing": "non renseigné",
        "other": "autres valeurs",
        "level": "niveau",
        "kind": "nature",
        "category": "catégorie",
        "territory": "territoire",
        "engagement": "engagement",
        "influence": "influence",
        "tags": "étiquettes",
        "degree": "nombre de liens affichés",
        "betweenness": "intermédiarité (position de pont)",
        "structural_power": "pouvoir structurel",
        "stake_node": "enjeu",
        "space_node": "dispositif",
        "role": "rôle",
        "members": "{n} acteurs regroupés",
        "weight": "poids {w}",
        "strength": {
            "one": "{n} relation, force totale {w}",
            "other": "{n} relations, force totale {w}",
        },
        "formal": "accord formel",
        "stance": "position {s}",
        "on_stake": "sur « {stake} »",
        "since": "depuis le {d}",
        "until": "jusqu'au {d}",
        "focus": "acteur au centre",
        "instituted": "institué",
        "frequency": "{f} réunions par an",
        "range": "de {low} à {high}",
        "overlay_fragile": "liens fragiles",
        "overlay_key_people": "personnes clés",
        "overlay_bridges": "acteurs passerelles",
        "overlay_imbalances": "déséquilibres",
        "fragile_note": "lien fragile entre {a} et {b} : {why}",
        "carries_alone": "porte le lien entre {a} et {b}",
        "key_note": {
            "one": "personne clé : {n} lien s'arrêterait si elle partait",
            "other": "personne clé : {n} liens s'arrêteraient si elle partait",
        },
        "bridge_note": "acteur passerelle : {why}",
        "imbalance_note": "{d} domine {w} (score {score})",
        "group_node": "groupe d'acteurs (nombre inscrit dedans)",
        "group_link": "liens entre deux groupes (nombre inscrit sur le lien)",
        "group_ties": {"one": "{n} lien entre ces groupes", "other": "{n} liens entre ces groupes"},
        "group_size": "nombre d'acteurs du groupe",
        "group_actors": {"one": "{n} acteur", "other": "{n} acteurs"},
        "group_inside": {"one": "{n} lien interne", "other": "{n} liens internes"},
        "community": "Communauté {n}",
        "community_of": "Communauté {n} : {name}…",
        "community_alone": "Acteurs sans coopération",
        "no_organisation": "Acteurs sans organisation",
        "no_territory": "Territoire non renseigné",
        "smaller_groups": {"one": "{n} groupe plus petit", "other": "{n} groupes plus petits"},
    },
}


@dataclass(frozen=True)
class Overlay:
    """Analysis results drawn over the map: highlighted nodes and extra edges.

    ``nodes`` maps a node id to a note added to its tooltip; ``edges`` lists
    ``(source, target, note)``; ``directed`` draws those edges with an arrow.
    """

    label: str
    color: str
    nodes: Mapping[str, str] = field(default_factory=dict)
    edges: Sequence[tuple[str, str, str]] = ()
    directed: bool = False


def fragile_overlay(links: Iterable[Mapping[str, Any]], lang: str = "en") -> Overlay:
    """Fragile links (:func:`ecomap.analysis.fragility.fragile_links`) as an overlay.

    Each fragile pair of organisations gets an extra edge; each person who alone
    carries one is ringed.
    """
    edges, nodes = [], {}
    for link in links:
        if not link.get("fragile"):
            continue
        (a, b), (name_a, name_b) = link["organisations"], link["names"]
        why = (link.get("reasons") or [""])[0]
        edges.append((a, b, say(MESSAGES, "fragile_note", lang, a=name_a, b=name_b, why=why)))
        for person in link.get("critical") or []:
            note = say(MESSAGES, "carries_alone", lang, a=name_a, b=name_b)
            nodes[person] = f"{nodes[person]}\n{note}" if person in nodes else note
    return Overlay(say(MESSAGES, "overlay_fragile", lang), "#ff6f00", nodes, edges)


def key_people_overlay(people: Iterable[Mapping[str, Any]], lang: str = "en") -> Overlay:
    """Key people (:func:`ecomap.analysis.fragility.key_people`) as ringed nodes."""
    nodes = {
        p["person"]: say(MESSAGES, "key_note", lang, n=p["links_lost"])
        for p in people
        if p.get("links_lost")
    }
    return Overlay(say(MESSAGES, "overlay_key_people", lang), "#c2185b", nodes)


def bridges_overlay(
    records: Iterable[Mapping[str, Any]], lang: str = "en", *, top: int = 10
) -> Overlay:
    """Bridging actors (:func:`ecomap.analysis.bridges.bridges`) as ringed nodes.

    The ``top`` actors of highest betweenness (records come sorted that way) and every
    cut-point (articulation point) are ringed.
    """
    nodes = {}
    for rank, record in enumerate(records):
        if rank < top and record.get("betweenness") or record.get("articulation_point"):
            reasons = record.get("reasons") or [""]
            nodes[record["actor"]] = say(MESSAGES, "bridge_note", lang, why=reasons[0])
    return Overlay(say(MESSAGES, "overlay_bridges", lang), "#0277bd", nodes)


def imbalance_overlay(records: Iterable[Mapping[str, Any]], lang: str = "en") -> Overlay:
    """Imbalanced relationships (:func:`ecomap.analysis.power.imbalances`) as arrows D→W."""
    edges = [
        (r["dominant"], r["weaker"],
         say(MESSAGES, "imbalance_note", lang, d=r["names"][0], w=r["names"][1],
             score=f"{r['score']:.2g}"))
        for r in records
    ]  # fmt: skip
    return Overlay(say(MESSAGES, "overlay_imbalances", lang), "#6a1b9a", {}, edges, directed=True)


# -- choosing what to draw -------------------------------------------------------------


def _as_set(values: Iterable[str] | None) -> set[str] | None:
    return None if values is None else {str(v) for v in values}


def _actor_passes(
    node: str,
    data: Mapping[str, Any],
    levels: set[str] | None,
    kinds: set[str] | None,
    territories: set[str] | None,
    tags: set[str] | None,
    with_stance: set[str] | None,
) -> bool:
    if levels is not None and data.get("level") not in levels:
        return False
    if kinds is not None and data.get("kind") not in kinds:
        return False
    if territories is not None and data.get("territory") not in territories:
        return False
    if tags is not None and not tags.intersection(data.get("tags") or ()):
        return False
    return with_stance is None or node in with_stance


def _folded_as_multigraph(F: nx.Graph) -> nx.MultiDiGraph:
    """A folded graph with one edge per relation type, carrying count and strength."""
    M = nx.MultiDiGraph(**{**F.graph, "folded": True})
    for node, data in F.nodes(data=True):
        kind = GROUP_NODE if data.get("node_type") == GROUP_NODE else RecordKind.ACTOR.value
        M.add_node(node, **{**data, "node_type": kind})
    for u, v, data in F.edges(data=True):
        for rtype, tie in data["ties"].items():
            M.add_edge(u, v, key=f"{rtype}:{u}:{v}", type=rtype, weight=tie["strength"],
                       count=tie["count"], folded=True)  # fmt: skip
    return M


def as_multigraph(H: nx.Graph) -> nx.MultiDiGraph:
    """What the pictures draw: a map's graph as it is, a folded graph (one edge per
    relation type, with count and strength) or any other graph as a multigraph."""
    if isinstance(H, nx.MultiDiGraph):
        return H
    return _folded_as_multigraph(H) if "level" in H.graph else nx.MultiDiGraph(H)


def select(
    G: nx.MultiDiGraph,
    *,
    level: str = "micro",
    levels: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    territories: Iterable[str] | None = None,
    tags: Iterable[str] | None = None,
    stakes: Iterable[str] | None = None,
    relation_types: Iterable[str] | None = None,
    as_of: date | None = None,
) -> nx.MultiDiGraph:
    """The part of the map to draw.

    Parameters
    ----------
    G : MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    level : {"micro", "meso", "macro"}
        ``meso`` folds people into their home organisation, ``macro`` folds
        organisations into their institution (:func:`ecomap.graph.fold`); a folded node
        passes the actor filters when it or one of the actors folded into it does.
    levels, kinds, territories, tags : iterables of str, optional
        Keep the actors with one of these values (any of the tags). None keeps all.
    stakes : iterable of str, optional
        Keep the actors holding a stance on one of these stakes, and those stakes.
    relation_types : iterable of str, optional
        The relation types to draw (default: all). Stakes and spaces appear when a
        relation of a chosen type links them to an actor that is drawn.
    as_of : date, optional
        Relations not in force on that day are left out (default today).

    Returns
    -------
    MultiDiGraph
        Nodes with their attributes; one edge per relation drawn. A folded view has
        ``graph["folded"]`` true and one edge per pair and relation type, with
        ``count`` and ``weight`` (the summed strength).

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="p", name="Paule", kind="person", territory="Nord"))
    >>> eco.add(Actor(id="o", name="Asso", kind="organisation", territory="Sud"))
    >>> eco.add(Relation(source="p", target="o", type="member_of"))
    >>> sorted(select(to_graph(eco), territories=["Nord"]).nodes)
    ['p']
    >>> select(to_graph(eco), relation_types=["cooperates"]).number_of_edges()
    0
    """
    levels, kinds, territories = _as_set(levels), _as_set(kinds), _as_set(territories)
    tags, stakes = _as_set(tags), _as_set(stakes)
    types = (
        set(RelationType) if relation_types is None else {RelationType(t) for t in relation_types}
    )
    with_stance: set[str] | None = None
    if stakes is not None:
        with_stance = {
            u for u, v, _, _ in active_relations(G, RelationType.STAKE, as_of=as_of) if v in stakes
        }

    def passes(node: str, data: Mapping[str, Any]) -> bool:
        return _actor_passes(node, data, levels, kinds, territories, tags, with_stance)

    if level != "micro":
        F = _folded_as_multigraph(fold(G, level, as_of=as_of))
        keep = {
            n
            for n, d in F.nodes(data=True)
            if any(passes(m, G.nodes[m]) for m in d.get("members", [n]))
        }
        H = nx.MultiDiGraph(**F.graph)
        H.add_nodes_from((n, F.nodes[n]) for n in F.nodes if n in keep)
        H.add_edges_from(
            (u, v, k, d)
            for u, v, k, d in F.edges(keys=True, data=True)
            if u in keep and v in keep and d["type"] in types
        )
        return H

    actor_kind, stake_kind = RecordKind.ACTOR.value, RecordKind.STAKE.value
    # Each node's kind read once (tens of thousands of relations look at both ends).
    kind_of = {n: d.get("node_type") for n, d in G._node.items()}
    keep = {n for n, d in G._node.items() if kind_of[n] == actor_kind and passes(n, d)}
    actor_edges, stake_pairs = [], []
    others: set[str] = set()
    for u, v, k, d in active_relations(G, types, as_of=as_of):
        u_actor = kind_of[u] == actor_kind
        v_actor = kind_of[v] == actor_kind
        if u_actor and v_actor:
            if u in keep and v in keep:
                actor_edges.append((u, v, k, d))
        elif u_actor or v_actor:
            actor, other = (u, v) if u_actor else (v, u)
            is_stake = kind_of[other] == stake_kind
            if actor in keep and (stakes is None or not is_stake or other in stakes):
                actor_edges.append((u, v, k, d))
                others.add(other)
        else:
            stake_pairs.append((u, v, k, d))
    # Ties between two stakes are drawn when both stakes are linked to a drawn actor.
    edges = actor_edges + [e for e in stake_pairs if e[0] in others and e[1] in others]
    return _multigraph({"level": "micro", "folded": False},
                       ((n, d) for n, d in G._node.items() if n in keep or n in others),
                       edges)  # fmt: skip


def _multigraph(
    attributes: Mapping[str, Any],
    nodes: Iterable[tuple[str, Mapping[str, Any]]],
    edges: Iterable[tuple[str, str, str, Mapping[str, Any]]],
) -> nx.MultiDiGraph:
    """``nx.MultiDiGraph`` with these nodes then these keyed edges (both ends among the
    nodes, keys unique per pair), each with a copy of its attributes: what
    ``add_nodes_from`` and ``add_edges_from`` make, filled in directly, the collector
    paused (those took 0.5–2 s for the 35,000 ties of a 10,000-actor map, this 0.1 s)."""
    H = nx.MultiDiGraph(**attributes)
    node, succ, pred = H._node, H._succ, H._pred
    with _no_collection():  # tens of thousands of dictionaries, none in a cycle
        for n, data in nodes:
            node[n] = dict(data)
            succ[n], pred[n] = {}, {}
        for u, v, key, data in edges:
            keys = succ[u].get(v)
            if keys is None:
                keys = succ[u][v] = pred[v][u] = {}
            keys[key] = dict(data)
    nx._clear_cache(H)
    return H


def neighbourhood(H: nx.MultiDiGraph, centre: str, depth: int = 1) -> nx.MultiDiGraph:
    """The nodes within ``depth`` steps of ``centre`` (any relation, either direction).

    >>> H = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> sorted(neighbourhood(H, "b", 1)), sorted(neighbourhood(H, "a", 2))
    (['a', 'b', 'c'], ['a', 'b', 'c'])
    """
    if centre not in H:
        raise KeyError(centre)
    seen, frontier = {centre}, [centre]
    for _ in range(depth):
        reached = []
        for node in frontier:
            for other in (*H.successors(node), *H.predecessors(node)):
                if other not in seen:
                    seen.add(other)
                    reached.append(other)
        frontier = reached
    return H.subgraph(seen).copy()


# -- groups of actors, for large maps ---------------------------------------------------

#: The key of the group of actors that fit in no group of a grouping, and of the group
#: of the smallest groups when there are more than :data:`MAX_GROUPS`.
_NONE, _SMALLER = "-", "+"


def group_keys(
    G: nx.MultiDiGraph,
    by: str,
    *,
    membership: Mapping[str, int] | None = None,
    as_of: date | None = None,
    limit: int = MAX_GROUPS,
) -> dict[str, str]:
    """The group of every actor of the map, as a key ``"<by>:<value>"``.

    Parameters
    ----------
    G : MultiDiGraph
        The whole map (groups do not move when a filter changes).
    by : {"community", "organisation", "territory"}
        ``community``: the actor's cooperation community (``membership``, actor id →
        community number as :func:`ecomap.analysis.bridges.communities` gives; computed
        when not given); actors without any cooperation share the group ``community:-``.
        ``organisation``: the organisation at the top of the actor's (the map folded at
        macro level, :func:`ecomap.graph.fold`: an institution with its organisations
        and their people, or an organisation part of no institution); people in no
        organisation share ``organisation:-``. ``territory``: the actor's territory
        (``territory:-`` when not given).
    limit : int
        Most groups: beyond, the smallest groups (fewest actors, then key) are merged
        into one, ``<by>:+<number of groups merged>``.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem
    >>> eco = Ecosystem()
    >>> for i, where in enumerate(["Nord", "Nord", "Sud", ""]):
    ...     eco.add(Actor(id=f"a{i}", name=f"A{i}", kind="person", territory=where))
    >>> group_keys(to_graph(eco), "territory")
    {'a0': 'territory:Nord', 'a1': 'territory:Nord', 'a2': 'territory:Sud', 'a3': 'territory:-'}
    >>> group_keys(to_graph(eco), "territory", limit=2)["a2"]
    'territory:+2'
    """
    actors = [n for n, d in G.nodes(data=True) if d.get("node_type") == RecordKind.ACTOR]
    values: dict[str, str] = {}
    if by == "community":
        if membership is None:
            from ecomap.analysis.bridges import communities

            membership = communities(G, as_of=as_of)["membership"]
        sizes = Counter(membership.values())
        for n in actors:
            number = membership.get(n)
            values[n] = _NONE if number is None or sizes[number] < 2 else str(number)
    elif by == "organisation":
        for top, data in fold(G, "macro", as_of=as_of).nodes(data=True):
            alone = data.get("kind") == ActorKind.PERSON
            for member in data.get("members", [top]):
                values[member] = _NONE if alone else top
    elif by == "territory":
        for n in actors:
            where = G.nodes[n].get("territory")
            values[n] = _NONE if where in (None, "") else str(where)
    else:
        raise ValueError(f"by must be one of {', '.join(GROUPINGS)}, not {by!r}")
    counts = Counter(values.values())
    if len(counts) > limit:
        kept = set(sorted(counts, key=lambda v: (-counts[v], v))[: limit - 1])
        smaller = f"{_SMALLER}{len(counts) - len(kept)}"
        values = {n: v if v in kept else smaller for n, v in values.items()}
    return {n: f"{by}:{values[n]}" for n in actors if n in values}


def group_names(G: nx.MultiDiGraph, keys: Mapping[str, str], lang: str = "en") -> dict[str, str]:
    """A name for every group of :func:`group_keys`: the organisation's or territory's
    name; for a community, its number and its most connected member's name.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", node_type="actor", name="Ana")
    >>> G.add_node("b", node_type="actor", name="Ben")
    >>> _ = G.add_edge("a", "b")
    >>> group_names(G, {"a": "community:0", "b": "community:0"}, "fr")
    {'community:0': 'Communauté 1 : Ana…'}
    """
    members: dict[str, list[str]] = defaultdict(list)
    for actor, key in keys.items():
        members[key].append(actor)
    names = {}
    for key, inside in members.items():
        by, _, value = key.partition(":")
        if value.startswith(_SMALLER):
            names[key] = say(MESSAGES, "smaller_groups", lang, n=int(value[1:]))
        elif value == _NONE:
            names[key] = say(MESSAGES, {"community": "community_alone",
                                        "organisation": "no_organisation"}.get(by, "no_territory"),
                             lang)  # fmt: skip
        elif by == "community":
            first = min(inside, key=lambda n: (-G.degree(n), n))
            name = str(G.nodes[first].get("name") or first)
            names[key] = say(MESSAGES, "community_of", lang, n=int(value) + 1, name=name)
        elif by == "organisation":
            names[key] = str(G.nodes[value].get("name") or value) if value in G else value
        else:
            names[key] = value
    return names


def _add_tie(ties: dict, rtype: str, weight: Any) -> None:
    tie = ties.setdefault(rtype, {"count": 0, "strength": []})
    tie["count"] += 1
    tie["strength"].append(float(weight if weight is not None else 1.0))


def _sum_ties(ties: dict) -> None:
    for tie in ties.values():
        tie["strength"] = math.fsum(tie["strength"])


def grouped(
    H: nx.MultiDiGraph,
    keys: Mapping[str, str],
    names: Mapping[str, str],
    *,
    thin_above: int = THIN_ABOVE,
    per_group: int = LINKS_PER_GROUP,
) -> nx.Graph:
    """The actors of ``H`` drawn as their groups, with the ties between groups.

    Parameters
    ----------
    H : MultiDiGraph
        What to draw, unfolded (:func:`select` at micro level): its actors, with their
        filters, relation types and date already applied. Stakes and spaces are left
        out (they belong to no group).
    keys, names : mapping
        Each actor's group (:func:`group_keys`) and each group's name (:func:`group_names`).
    thin_above, per_group : int
        When there are more than ``thin_above`` links (pairs of groups tied) per group,
        each group keeps only its ``per_group`` strongest links (most ties, then most
        strength, then the other group's key); a link is kept when either end keeps it.

    Returns
    -------
    Graph
        One node per group holding actors of ``H`` (``name``, ``members`` sorted,
        ``internal_ties``: ties between two of its members, ``node_type`` ``"group"``),
        edges as :func:`ecomap.graph.fold` gives (``ties`` per relation type with
        ``count`` and ``strength``, totals ``count`` and ``strength``). ``graph`` holds
        ``grouped`` (the grouping), ``links`` (pairs of groups tied before thinning),
        ``links_drawn`` and ``ties_between`` (ties between two groups, all of them).

    Examples
    --------
    >>> H = nx.MultiDiGraph()
    >>> for n in "abc": H.add_node(n, node_type="actor", name=n.upper())
    >>> H.add_edge("a", "b", type="cooperates", weight=2)
    0
    >>> H.add_edge("a", "c", type="cooperates", weight=1)
    0
    >>> Q = grouped(H, {"a": "t:N", "b": "t:N", "c": "t:S"}, {"t:N": "N", "t:S": "S"})
    >>> Q.nodes["t:N"]["members"], Q.nodes["t:N"]["internal_ties"], Q.edges["t:N", "t:S"]["count"]
    (['a', 'b'], 1, 1)
    """
    by = next(iter(keys.values()), ":").partition(":")[0]
    Q = nx.Graph(level="grouped", folded=True, grouped=by)
    members: dict[str, list[str]] = defaultdict(list)
    for n, d in H.nodes(data=True):
        if d.get("node_type") == RecordKind.ACTOR and n in keys:
            members[keys[n]].append(n)
    for key in sorted(members, key=lambda k: (-len(members[k]), k)):
        Q.add_node(key, name=names.get(key, key), members=sorted(members[key]),
                   internal_ties=0, node_type=GROUP_NODE, group=key)  # fmt: skip
    # Counted in plain dictionaries (tens of thousands of ties), then put on the graph.
    group_of = {n: keys[n] for key in members.values() for n in key}
    internal: Counter = Counter()
    pairs: dict[tuple[str, str], dict] = {}
    between = 0
    for u, v, d in H.edges(data=True):
        a, b = group_of.get(u), group_of.get(v)
        if a is None or b is None:
            continue
        if a == b:
            internal[a] += 1
            continue
        between += 1
        edge = pairs.get((a, b)) or pairs.get((b, a))
        if edge is None:
            edge = pairs[a, b] = {"ties": {}, "count": 0, "strength": []}
        _add_tie(edge["ties"], d["type"], d.get("weight"))
        edge["count"] += 1
        edge["strength"].append(float(d.get("weight") or 1.0))
    for key, n in internal.items():
        Q.nodes[key]["internal_ties"] = n
    for (a, b), edge in pairs.items():
        _sum_ties(edge["ties"])
        edge["strength"] = math.fsum(edge["strength"])
        Q.add_edge(a, b, **edge)
    Q.graph.update(links=Q.number_of_edges(), ties_between=between)
    if Q.number_of_edges() > thin_above * Q.number_of_nodes():
        kept = set()
        for key in Q:
            strongest = sorted(
                Q.adj[key].items(),
                key=lambda item: (-item[1]["count"], -item[1]["strength"], item[0]),
            )
            kept.update(frozenset((key, other)) for other, _ in strongest[:per_group])
        Q.remove_edges_from([(u, v) for u, v in Q.edges if frozenset((u, v)) not in kept])
    Q.graph["links_drawn"] = Q.number_of_edges()
    return Q


def group_detail(
    H: nx.MultiDiGraph,
    keys: Mapping[str, str],
    names: Mapping[str, str],
    key: str,
) -> nx.MultiDiGraph:
    """One group opened: its actors in ``H`` and their ties, and the other groups they
    are tied to, each drawn as one node.

    A tie between a member and an actor of another group becomes a tie between the
    member and that group, one per relation type with ``count`` and ``weight`` (summed
    strength); stakes and spaces tied to a member are drawn as themselves. A group's
    node has ``node_type`` ``"group"``, its ``name``, its ``members`` in ``H`` and
    ``group`` (its key); its id is its key (made unique if an actor had the same id).

    >>> H = nx.MultiDiGraph()
    >>> for n in "abc": H.add_node(n, node_type="actor", name=n.upper())
    >>> H.add_edge("a", "b", type="cooperates", weight=2)
    0
    >>> H.add_edge("a", "c", type="tension", weight=1)
    0
    >>> D = group_detail(H, {"a": "t:N", "b": "t:N", "c": "t:S"}, {}, "t:N")
    >>> sorted(D.nodes), D.number_of_edges(), D.nodes["t:S"]["members"]
    (['a', 'b', 't:S'], 2, ['c'])
    """
    inside = {n for n in H if keys.get(n) == key}
    D = nx.MultiDiGraph(level="micro", folded=False, group=key)
    D.add_nodes_from((n, H.nodes[n]) for n in H if n in inside)
    ids: dict[str, str] = {}

    def group_node(other: str) -> str:
        if other not in ids:
            node = other
            while node in H:
                node = f"{node}\u2009"
            ids[other] = node
            D.add_node(node, name=names.get(other, other), node_type=GROUP_NODE, group=other,
                       members=sorted(n for n in H if keys.get(n) == other))  # fmt: skip
        return ids[other]

    folded: dict[tuple[str, str], dict] = {}
    for u, v, k, d in H.edges(keys=True, data=True):
        if u in inside and v in inside:
            D.add_edge(u, v, k, **d)
            continue
        if u not in inside and v not in inside:
            continue
        member, other = (u, v) if u in inside else (v, u)
        if keys.get(other) is None:
            if H.nodes[other].get("node_type") != RecordKind.ACTOR:
                D.add_node(other, **H.nodes[other])
                D.add_edge(u, v, k, **d)
            continue
        pair = (member, group_node(keys[other]))
        _add_tie(folded.setdefault(pair, {}), d["type"], d.get("weight"))
    for (member, node), ties in sorted(folded.items()):
        _sum_ties(ties)
        for rtype, tie in sorted(ties.items()):
            D.add_edge(member, node, key=f"{rtype}:{member}:{node}", type=rtype,
                       weight=tie["strength"], count=tie["count"], folded=True)  # fmt: skip
    return D


# -- colour and size -------------------------------------------------------------------


def _field(data: Mapping[str, Any], name: str) -> Any:
    if name in data and name != "extra":
        value = data[name]
    else:
        value = (data.get("extra") or {}).get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    return None if value in ("", None) else value


def colour_fields(G: nx.Graph) -> list[str]:
    """Fields the nodes can be coloured by: the standard ones, then custom fields.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", node_type="actor", kind="person", extra={"quartier": "Gare", "x": "3"})
    >>> colour_fields(G)[-1]
    'quartier'
    """
    extra = {
        k for _, d in G.nodes(data=True) for k in (d.get("extra") or {}) if k not in POSITION_FIELDS
    }
    return [*_STANDARD_FIELDS, *sorted(extra)]


def field_values(G: nx.Graph, name: str) -> list[str]:
    """The distinct values of a node field among actors (all tags for ``tags``), sorted."""
    values: set[str] = set()
    for _, d in G.nodes(data=True):
        if d.get("node_type") != RecordKind.ACTOR:
            continue
        raw = d.get(name) if name in d else (d.get("extra") or {}).get(name)
        items = raw if isinstance(raw, list) else [raw]
        values.update(str(v) for v in items if v not in (None, ""))
    return sorted(values)


def _number(value: Any) -> float | None:
    if value is None or value == "" or isinstance(value, bool):
        return None  # most actors have no such field: no parse, no exception to catch
    if isinstance(value, int | float):
        return float(value)
    try:
        return parse_number(str(value))
    except ValueError:
        return None


def colouring(H: nx.MultiDiGraph, color_by: str, lang: str) -> tuple[dict, list]:
    """Colour of each actor node and the legend entries ``(colour, text)``."""
    values = {
        n: _field(d, color_by)
        for n, d in H.nodes(data=True)
        if d.get("node_type") == RecordKind.ACTOR
    }
    missing = say(MESSAGES, "missing", lang)
    if color_by in _FIXED_COLOURS:
        palette = _FIXED_COLOURS[color_by]
        colours = {n: palette.get(v, _MISSING) for n, v in values.items()}
        legend = [(palette[k], label(k, lang)) for k in palette]
        return colours, legend
    given = [v for v in values.values() if v is not None]
    numbers = [_number(v) for v in given]
    if given and all(x is not None for x in numbers) and len(set(numbers)) > len(_PALETTE):
        low, high = min(numbers), max(numbers)
        step = (high - low) / len(_SEQUENTIAL) or 1.0

        def band(x: float) -> int:
            return min(int((x - low) / step), len(_SEQUENTIAL) - 1)

        colours = {
            n: _MISSING if v is None else _SEQUENTIAL[band(_number(v))] for n, v in values.items()
        }
        legend = [
            (
                c,
                say(
                    MESSAGES,
                    "range",
                    lang,
                    low=f"{low + i * step:g}",
                    high=f"{low + (i + 1) * step:g}",
                ),
            )  # fmt: skip
            for i, c in enumerate(_SEQUENTIAL)
        ]
    else:
        counts: dict[str, int] = defaultdict(int)
        for v in given:
            counts[str(v)] += 1
        ranked = sorted(counts, key=lambda v: (-counts[v], v))
        palette = dict(zip(ranked, _PALETTE, strict=False))
        colours = {
            n: _MISSING if v is None else palette.get(str(v), _OTHER) for n, v in values.items()
        }
        legend = [(palette[v], label(v, lang)) for v in ranked[: len(_PALETTE)]]
        if len(ranked) > len(_PALETTE):
            legend.append((_OTHER, say(MESSAGES, "other", lang)))
    if any(v is None for v in values.values()):
        legend.append((_MISSING, missing))
    return colours, legend


def measure(H: nx.MultiDiGraph, size_by: str, *, as_of: date | None = None) -> dict[str, float]:
    """The value node size shows, for every node of ``H``.

    ``degree`` counts the relations drawn; ``influence`` is the declared influence
    (0–5); ``betweenness`` is computed on the cooperation ties of ``H`` (normalised as
    networkx does); ``structural_power`` comes from
    :func:`ecomap.analysis.power.structural_power` on ``H``. Stakes and spaces get 0
    except for ``degree``. To size by values computed on the whole map, compute them
    once and pass them to :func:`network_html` as ``sizes``.

    >>> H = nx.MultiDiGraph([("a", "b"), ("a", "c")])
    >>> measure(H, "degree")
    {'a': 2.0, 'b': 1.0, 'c': 1.0}
    """
    if size_by == "degree":
        return {n: float(d) for n, d in H.degree()}
    if size_by == "influence":
        return {n: float(_number(_field(d, "influence")) or 0.0) for n, d in H.nodes(data=True)}
    if size_by == "betweenness":
        C = nx.Graph()
        C.add_nodes_from(n for n, d in H.nodes(data=True) if d.get("node_type") == "actor")
        C.add_edges_from((u, v) for u, v, d in H.edges(data=True) if d["type"] == "cooperates")
        values = nx.betweenness_centrality(C, normalized=True) if C.number_of_edges() else {}
        return {n: float(values.get(n, 0.0)) for n in H}
    if size_by == "structural_power":
        if H.graph.get("folded"):
            raise ValueError("structural power is computed on the unfolded map")
        from ecomap.analysis.power import structural_power

        values = structural_power(H, as_of=as_of)
        return {n: float(values.get(n, 0.0)) for n in H}
    raise ValueError(f"size_by must be one of {', '.join(SIZE_MEASURES)}, not {size_by!r}")


# -- positions -------------------------------------------------------------------------


def saved_positions(G: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions saved on actors as the custom fields ``x`` and ``y``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", extra={"x": "12", "y": "-3,5"})
    >>> G.add_node("b", extra={})
    >>> saved_positions(G)
    {'a': (12.0, -3.5)}
    """
    found = {}
    for node, data in G.nodes(data=True):
        extra = data.get("extra") or {}
        x, y = _number(extra.get("x")), _number(extra.get("y"))
        if x is not None and y is not None:
            found[node] = (x, y)
    return found


def layout(
    H: nx.Graph,
    *,
    fixed: Mapping[str, tuple[float, float]] | None = None,
    seed: int = 7,
    aspect: float = 1.6,
) -> dict[str, tuple[float, float]]:
    """Positions for every node of ``H``, in the picture's pixels.

    Fruchterman–Reingold force-directed placement (igraph), seeded so the same map
    gives the same picture. Nodes in ``fixed`` stay exactly where they are and the
    others are placed around them. The picture is stretched ``aspect`` times wider than
    tall, to fill a screen.

    >>> H = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> pos = layout(H, fixed={"a": (0.0, 0.0)})
    >>> pos["a"], pos == layout(H, fixed={"a": (0.0, 0.0)})
    ((0.0, 0.0), True)

    Notes
    -----
    Fruchterman & Reingold (1991), "Graph drawing by force-directed placement",
    Software: Practice and Experience 21(11). One unit of the algorithm is drawn as
    80 pixels on maps of 31 nodes or more, up to 195 pixels on the smallest ones.
    """
    from ecomap.imports import igraph

    ig = igraph()

    names = list(H.nodes)
    if not names:
        return {}
    index = {n: i for i, n in enumerate(names)}
    pairs = {tuple(sorted((index[u], index[v]))) for u, v in H.edges() if u != v}
    graph = ig.Graph(n=len(names), edges=sorted(pairs))
    fixed = {n: p for n, p in (fixed or {}).items() if n in index}
    bounds: dict[str, list[float]] = {}
    unit = _unit(len(names))
    if fixed:
        inf = math.inf
        bounds = {key: [(-inf if key.startswith("min") else inf)] * len(names)
                  for key in ("minx", "maxx", "miny", "maxy")}  # fmt: skip
        for node, (x, y) in fixed.items():
            i = index[node]
            bounds["minx"][i] = bounds["maxx"][i] = x / (unit * aspect)
            bounds["miny"][i] = bounds["maxy"][i] = y / unit
    # igraph draws from a global generator: give it a seeded one for this call only.
    ig.set_random_number_generator(random.Random(seed))
    # Above a thousand nodes the grid variant is much faster but packs the nodes about
    # seven times tighter: it is spread back to the plain variant's scale. Pinned nodes
    # fix the scale themselves, so with them the plain variant runs, with fewer rounds.
    grid = len(names) > _GRID_ABOVE and not fixed
    rounds = 500 if len(names) <= _GRID_ABOVE or grid else 150
    try:
        coords = graph.layout_fruchterman_reingold(
            niter=rounds, grid="grid" if grid else "nogrid", **bounds
        ).coords
    finally:
        ig.set_random_number_generator(random)
    points = np.asarray(coords, dtype=float)
    if grid:
        centre = points.mean(axis=0)
        spread = np.sqrt(((points - centre) ** 2).sum(axis=1).mean())
        points = centre + (points - centre) * (_SPREAD * math.sqrt(len(names)) / spread)
    if len(names) > 2:
        # Force-directed placement flings unattached nodes far out, which shrinks the
        # rest of the picture to a dot: bring them back just outside the crowd.
        centre = np.median(points, axis=0)
        distance = np.linalg.norm(points - centre, axis=1)
        limit = 1.15 * max(np.percentile(distance, 90), 1.0)
        far = distance > limit
        points[far] = centre + (points[far] - centre) * (limit / distance[far])[:, None]
    positions = {
        n: (round(float(x) * unit * aspect, 1), round(float(y) * unit, 1))
        for n, (x, y) in zip(names, points, strict=True)
    }
    positions.update(fixed)
    return positions


# -- the page --------------------------------------------------------------------------


def text_lines(*lines: str | None) -> str:
    return "\n".join(line for line in lines if line)


def node_title(node: str, data: Mapping[str, Any], lang: str) -> str:
    kind = data.get("node_type")
    name = str(data.get("name") or node)
    if kind == GROUP_NODE:
        return text_lines(
            name,
            say(MESSAGES, "group_actors", lang, n=len(data.get("members") or ())),
            say(MESSAGES, "group_inside", lang, n=data["internal_ties"])
            if "internal_ties" in data
            else None,
        )
    if kind == RecordKind.STAKE:
        return text_lines(f"{name} — {say(MESSAGES, 'stake_node', lang)}", data.get("description"))
    if kind == RecordKind.SPACE:
        return text_lines(
            f"{name} — {label(data.get('kind', 'other'), lang)}",
            say(MESSAGES, "instituted", lang) if data.get("instituted") else None,
            say(MESSAGES, "frequency", lang, f=f"{data['frequency']:g}")
            if data.get("frequency") is not None
            else None,
        )
    facts = [label(data[k], lang) for k in ("kind", "level") if data.get(k)]
    details = []
    for key in ("category", "territory", "role", "engagement", "influence"):
        value = data.get(key)
        if value not in (None, ""):
            shown = f"{value:g}" if isinstance(value, float) else label(value, lang)
            details.append(f"{say(MESSAGES, key, lang)} : {shown}")
    if data.get("tags"):
        details.append(f"{say(MESSAGES, 'tags', lang)} : {', '.join(data['tags'])}")
    members = data.get("members") or []
    if len(members) > 1:
        details.append(say(MESSAGES, "members", lang, n=len(members)))
    return text_lines(f"{name} ({', '.join(facts)})", *details)


def _edge_title(
    u: str, v: str, data: Mapping[str, Any], names: Mapping[str, str], lang: str
) -> str:
    rtype = data["type"]
    arrow = "—" if rtype in UNDIRECTED else "→"
    head = f"{names.get(u, u)} {arrow} {names.get(v, v)} : {label(rtype, lang)}"
    if data.get("folded"):
        return text_lines(
            head, say(MESSAGES, "strength", lang, n=data["count"], w=number(data["weight"], lang))
        )
    facts = []
    if data.get("power_type"):
        facts.append(label(data["power_type"], lang))
    if data.get("mode") and data["mode"] != "cooperation":
        facts.append(label(data["mode"], lang))
    if data.get("weight") is not None and rtype not in ("member_of", "part_of", "participates"):
        facts.append(say(MESSAGES, "weight", lang, w=number(data["weight"], lang)))
    if data.get("formal"):
        facts.append(say(MESSAGES, "formal", lang))
    if data.get("stance") is not None:
        facts.append(say(MESSAGES, "stance", lang, s=f"{data['stance']:+g}"))
    if data.get("stake") and rtype == "tension":
        facts.append(say(MESSAGES, "on_stake", lang, stake=names.get(data["stake"], data["stake"])))
    if data.get("role"):
        facts.append(f"{say(MESSAGES, 'role', lang)} : {label(data['role'], lang)}")
    if data.get("since"):
        facts.append(say(MESSAGES, "since", lang, d=data["since"]))
    if data.get("until"):
        facts.append(say(MESSAGES, "until", lang, d=data["until"]))
    return text_lines(head, ", ".join(facts), data.get("notes"))


def _curves(edges: list[dict[str, Any]]) -> None:
    """Bend the edges that join the same two nodes so each one stays visible."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for edge in edges:
        groups[tuple(sorted((edge["from"], edge["to"])))].append(edge)
    for (low, _), group in groups.items():
        if len(group) < 2:
            continue
        for i, edge in enumerate(group):
            offset = i - (len(group) - 1) / 2
            if offset == 0:
                continue
            # curvedCW bends to the right of the drawing direction: flip it for edges
            # drawn the other way so that opposite offsets land on opposite sides.
            clockwise = (offset > 0) == (edge["from"] == low)
            edge["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": min(0.9, 0.22 * abs(offset) * 2),
            }


def relation_edge(u: str, v: str, key: str, data: Mapping[str, Any], title: str) -> dict:
    style = RELATION_STYLES[RelationType(data["type"])]
    weight = float(data.get("weight") or 1.0)
    if data.get("folded"):
        width = style["width"] * (1 + math.log2(max(weight, 1.0)))
    else:
        width = style["width"] * weight if style["width"] >= 1.5 else style["width"]
    edge: dict[str, Any] = {
        "id": key,
        "from": u,
        "to": v,
        "title": title,
        "color": {"color": style["color"], "highlight": style["color"], "opacity": 0.85},
        "width": round(width, 2),
        "dashes": style["dashes"],
    }
    if style["arrow"] and not data.get("folded"):
        edge["arrows"] = {"to": {"enabled": True, "scaleFactor": style["arrow"]}}
    if data.get("folded") and data.get("count", 1) > 1:
        edge["label"] = str(data["count"])
        edge["font"] = {"size": 11, "color": style["color"], "strokeWidth": 3}
    return edge


#: How a link between two groups of actors is drawn (all relation types together).
_GROUP_LINK = {"color": "#5f7387", "width": 1.5, "dashes": False, "arrow": 0}


def _group_edge(
    u: str, v: str, data: Mapping[str, Any], names: Mapping[str, str], lang: str
) -> dict:
    """One link between two groups: every tie between their actors, the number written
    on it and the count of each relation type in its tooltip."""
    lines = [
        f"{label(rtype, lang)} : {say(MESSAGES, 'strength', lang, n=tie['count'], w=number(tie['strength'], lang))}"
        for rtype, tie in sorted(data["ties"].items(), key=lambda item: (-item[1]["count"], item[0]))
    ]  # fmt: skip
    head = f"{names.get(u, u)} — {names.get(v, v)}"
    return {
        "id": f"{u}\u2194{v}",
        "from": u,
        "to": v,
        "title": text_lines(head, say(MESSAGES, "group_ties", lang, n=data["count"]), *lines),
        "color": {"color": _GROUP_LINK["color"], "highlight": "#1f3b57", "opacity": 0.6},
        "width": round(1 + 1.5 * math.log2(max(data["count"], 1)), 2),
        "label": str(data["count"]),
        "font": {"size": 12, "color": "#3d4b59", "strokeWidth": 3},
        "dashes": False,
    }


def _svg_line(style: Mapping[str, Any]) -> str:
    dash = " ".join(str(d) for d in style["dashes"]) if style["dashes"] else "none"
    colour = style["color"]
    head = f'<polygon points="34,1 40,5 34,9" fill="{colour}"/>' if style["arrow"] >= 1 else ""
    return (
        f'<svg width="42" height="10" aria-hidden="true"><line x1="1" y1="5" x2="36" y2="5" '
        f'stroke="{colour}" stroke-width="{max(style["width"], 1.2) + 0.8}" '
        f'stroke-dasharray="{dash}"/>{head}</svg>'
    )


def legend_html(
    colour_entries: list[tuple[str, str]],
    color_by: str,
    size_by: str,
    shapes: Iterable[str] | None,
    relation_types: Iterable[str],
    overlays: Sequence[Overlay],
    lang: str,
) -> Markup:
    """The picture's legend, as HTML (every text escaped): what the colours say
    (``colour_entries`` from :func:`colouring`), the shapes of the kinds of nodes drawn
    (``shapes``; None for a picture that draws every node as a disc: no section), the
    relation types drawn, what the size measures, and the overlays."""
    esc = html.escape

    def section(title: str, items: list[str]) -> str:
        return (
            f'<div class="lg-section"><span class="lg-title">{esc(title)}</span>'
            + "".join(f'<span class="lg-item">{i}</span>' for i in items)
            + "</div>"
        )

    field_name = say(MESSAGES, color_by, lang) if color_by in MESSAGES["en"] else color_by
    parts = []
    if colour_entries:
        parts.append(
            section(
                say(MESSAGES, "colour", lang, field=field_name),
                [f'<i class="sw" style="background:{c}"></i>{esc(t)}' for c, t in colour_entries],
            )
        )
    shape_items = []
    for kind in shapes or ():
        glyph = _SHAPES[kind][1]
        name = (
            say(MESSAGES, f"{kind}_node", lang)
            if kind in (RecordKind.STAKE, RecordKind.SPACE, GROUP_NODE)
            else label(kind, lang)
        )
        shape_items.append(f'<b class="glyph">{glyph}</b>{esc(name)}')
    if shapes is not None:
        parts.append(section(say(MESSAGES, "shape", lang), shape_items))
    parts.append(
        section(
            say(MESSAGES, "relations", lang),
            [
                f"{_svg_line(_GROUP_LINK)}{esc(say(MESSAGES, 'group_link', lang))}"
                if t == GROUP_NODE
                else f"{_svg_line(RELATION_STYLES[RelationType(t)])}{esc(label(t, lang))}"
                for t in relation_types
            ],  # fmt: skip
        )
    )
    measure_name = say(MESSAGES, size_by, lang) if size_by in MESSAGES["en"] else size_by
    parts.append(section(say(MESSAGES, "size", lang, measure=measure_name), []))
    if overlays:
        parts.append(
            section(
                say(MESSAGES, "overlays", lang),
                [
                    f'<i class="ring" style="border-color:{o.color}"></i>{esc(o.label)}'
                    for o in overlays
                ],  # fmt: skip
            )
        )
    return Markup('<div class="legend">' + "".join(parts) + "</div>")


def script_json(value: Any) -> Markup:
    """JSON that is safe inside a ``<script>`` element, whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):  # fmt: skip
        text = text.replace(raw, escaped)
    return Markup(text)


_UNUSED_CSS = r"manipulation|edit-mode|vis-close|color-picker|configuration|vis-timeline|vis-item"


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[Markup, Markup]:
    """vis-network's JavaScript and CSS as shipped inside the installed pyvis."""
    lib = resources.files("pyvis") / "templates" / "lib"
    folder = max(
        (p for p in lib.iterdir() if p.name.startswith("vis-")),
        key=lambda p: tuple(int(x) for x in p.name[4:].split(".")),
    )
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    # Nine tenths of the stylesheet style the editing toolbar and the option panel,
    # which the picture never shows; keeping only the rest makes every page lighter.
    css = "".join(
        f"{selector}{{{body}}}"
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
        if not re.search(_UNUSED_CSS, selector)
    )
    # A literal "</script" inside the inlined script would close the element early.
    return Markup(re.sub("</(script)", r"<\/\1", js, flags=re.IGNORECASE)), Markup(css)


@lru_cache(maxsize=1)
def _template():
    folder = Path(__file__).with_name("templates")
    env = Environment(loader=FileSystemLoader(folder), autoescape=True)
    return env.get_template("network.html")


def network_html(
    H: nx.Graph,
    *,
    color_by: str = "level",
    size_by: str = "degree",
    sizes: Mapping[str, float] | None = None,
    relation_types: Iterable[str] | None = None,
    overlays: Sequence[Overlay] = (),
    focus: str | None = None,
    lang: str = "en",
    positions: Mapping[str, tuple[float, float]] | None = None,
    physics: bool | None = None,
    height: int = 700,
    seed: int = 7,
    as_of: date | None = None,
    card_url: str | None = None,
    group_url: str | None = None,
) -> str:
    """The network picture as one self-contained HTML page.

    Parameters
    ----------
    H : MultiDiGraph or Graph
        What to draw: the map from :func:`ecomap.graph.to_graph`, a part of it from
        :func:`select` or :func:`neighbourhood`, or a folded graph from
        :func:`ecomap.graph.fold`.
    color_by : str
        An actor field (``level``, ``kind``, ``category``, ``territory``, any custom
        field…). Level and kind have fixed colours; a numeric field with many values is
        shown in five bands; other fields get one colour per value.
    size_by : str
        One of :data:`SIZE_MEASURES`; computed on ``H`` by :func:`measure` unless
        ``sizes`` gives the values.
    relation_types : iterable of str, optional
        Draw only these relation types (default: every type present).
    overlays : sequence of Overlay
        Analysis results to highlight: ringed nodes and extra edges, in the legend.
    focus : str, optional
        The node to ring as the centre of a focus view.
    lang : {"en", "fr"}
        Language of the legend and tooltips.
    positions : mapping, optional
        Node positions in pixels. Nodes without one are placed by :func:`layout`
        around the given ones (and around positions saved on the actors).
    physics : bool, optional
        Let vis-network keep moving the nodes (off by default: positions come from
        Python, so large maps draw at once and the picture stays stable).
    height : int
        Height of the canvas in pixels.
    card_url : str, optional
        Where a click on an actor leads, relative to the page holding the picture,
        with ``{id}`` for the actor's id (the explorer's ``fiche?fiche={id}``). The
        picture is then expected inside a frame of that page (same origin). Default:
        a click only selects.
    group_url : str, optional
        The same for a click on a group of actors (:func:`grouped`,
        :func:`group_detail`), with ``{id}`` for the group's key: the explorer's
        ``?groupe={id}`` opens the group.

    Returns
    -------
    str
        A complete HTML document that makes no request to the network: vis-network's
        script and style are inlined. Every user-written string (names, notes, field
        values) is escaped, and tooltips are plain text.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="a", name="<b>Mairie</b>", kind="institution"))
    >>> eco.add(Actor(id="b", name="Asso", kind="organisation"))
    >>> eco.add(Relation(source="a", target="b", type="cooperates"))
    >>> page = network_html(to_graph(eco), lang="fr")
    >>> "<b>Mairie" in page, "https://" in page.split("<script")[0]
    (False, False)

    Notes
    -----
    pyvis's ``add_node``/``add_edge``/``from_nx`` scan the existing edges on every call
    (minutes at ten thousand nodes); the node and edge lists are filled directly.
    """
    from pyvis.network import Network

    if not isinstance(H, nx.MultiDiGraph) and not H.graph.get("grouped"):
        H = as_multigraph(H)
    wanted = None if relation_types is None else {str(RelationType(t)) for t in relation_types}
    folded = bool(H.graph.get("folded"))
    names = {n: str(d.get("name") or n) for n, d in H.nodes(data=True)}

    fixed = dict(saved_positions(H))
    fixed.update(positions or {})
    missing = [n for n in H if n not in fixed]
    where = layout(H, fixed=fixed, seed=seed) if missing else fixed
    if H.graph.get("grouped"):
        size_by = "group_size"
        values = {n: float(len(d.get("members") or ())) for n, d in H.nodes(data=True)}
    else:
        values = dict(sizes) if sizes is not None else measure(H, size_by, as_of=as_of)
    colours, colour_entries = colouring(H, color_by, lang)
    if not colours:
        colour_entries = []

    marks: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for overlay in overlays:
        for node, note in overlay.nodes.items():
            marks[node].append((overlay.color, note))

    nodes, shapes_used = [], set()
    for node, data in H.nodes(data=True):
        node_type = data.get("node_type", RecordKind.ACTOR.value)
        if node_type == GROUP_NODE:
            shape_key: Any = GROUP_NODE
        elif node_type == RecordKind.ACTOR:
            shape_key = ActorKind(data.get("kind"))
        else:
            shape_key = RecordKind(node_type)
        shapes_used.add(shape_key)
        fill = colours.get(node) or NODE_TYPE_COLOURS.get(node_type, _MISSING)
        title = node_title(node, data, lang)
        border, border_width = "#555555", 1
        if marks.get(node):
            border, border_width = marks[node][0][0], 5
            title = text_lines(title, *(note for _, note in marks[node]))
        if node == focus:
            border, border_width = "#000000", 6
            title = text_lines(title, say(MESSAGES, "focus", lang))
        x, y = where[node]
        if node_type == GROUP_NODE:
            border, border_width = ("#000000", 6) if node == focus else ("#4e79a7", 3)
        nodes.append(
            {
                "id": node,
                "label": names[node],
                "title": title,
                "shape": _SHAPES[shape_key][0],
                "value": float(values.get(node, 0.0) or 0.0),
                "color": {
                    "background": fill,
                    "border": border,
                    "highlight": {"background": fill, "border": "#000000"},
                    "hover": {"background": fill, "border": "#000000"},
                },
                "borderWidth": border_width,
                "card": node_type == RecordKind.ACTOR,
                "x": x,
                "y": y,
            }
        )
        if node_type == GROUP_NODE:
            nodes[-1].update(count=len(data.get("members") or ()),
                             ecomapGroup=data.get("group", node))  # fmt: skip

    edges, types_used = [], []
    for u, v, data in H.edges(data=True) if H.graph.get("grouped") else ():
        edges.append(_group_edge(u, v, data, names, lang))
        if GROUP_NODE not in types_used:
            types_used.append(GROUP_NODE)
    for u, v, key, data in H.edges(keys=True, data=True) if H.is_multigraph() else ():
        if wanted is not None and data["type"] not in wanted:
            continue
        if data["type"] not in types_used:
            types_used.append(data["type"])
        edges.append(relation_edge(u, v, key, data, _edge_title(u, v, data, names, lang)))
    for n, overlay in enumerate(overlays):
        for i, (u, v, note) in enumerate(overlay.edges):
            if u not in H or v not in H:
                continue
            edge = {
                "id": f"overlay:{n}:{i}",
                "from": u,
                "to": v,
                "title": text_lines(f"{names[u]} — {names[v]}", note),
                "color": {"color": overlay.color, "opacity": 0.55},
                "width": 7,
                "dashes": False,
            }
            if overlay.directed:
                edge["arrows"] = {"to": {"enabled": True, "scaleFactor": 1.2}}
            edges.append(edge)
    _curves(edges)

    order = [*RelationType, GROUP_NODE]
    types_used.sort(key=lambda t: order.index(t if t == GROUP_NODE else RelationType(t)))
    big = len(nodes) > LARGE_MAP
    # Groups are spread by vis-network's physics until they stop overlapping, then
    # stay still (a few hundred nodes at most: a second or two in the browser).
    spread = bool(H.graph.get("grouped")) and not physics
    solver: dict[str, Any] = {}
    if spread:
        solver = {"solver": "barnesHut", "stabilization": {"iterations": 100, "fit": False},
                  "barnesHut": {"gravitationalConstant": -20000, "springLength": 260,
                                "avoidOverlap": 0.6, "damping": 0.3}}  # fmt: skip
    elif physics:
        solver = {"solver": "barnesHut", "stabilization": {"iterations": 150}}
    options = {
        "autoResize": True,
        "nodes": {
            # Labels are sized in the page (the most important legible at the first
            # zoom, the others as one zooms in): hidden while smaller than 11 pixels on
            # screen, and never drawn larger than 22.
            "scaling": {
                **(
                    {"min": 12, "max": 56}
                    if spread
                    else {"min": 5, "max": 22}
                    if big
                    else {"min": 10, "max": 34}
                ),
                "label": {"enabled": False, "drawThreshold": LABEL_PX, "maxVisible": 22},
            },
            "font": {
                "size": LABEL_PX,
                "face": "sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },  # fmt: skip
        },
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 0.5},
        "physics": {"enabled": True, **solver} if physics or spread else {"enabled": False},
        "interaction": {
            "hover": not big,
            "tooltipDelay": 120,
            "navigationButtons": True,
            "keyboard": False,
            "hideEdgesOnDrag": big,
            "multiselect": True,
        },
        "layout": {"randomSeed": seed, "improvedLayout": False},
    }
    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line")
    net.nodes, net.edges = nodes, edges
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.options = options
    nodes, edges, _, height_css, width_css, options_json = net.get_network_data()
    legend = legend_html(colour_entries, color_by, size_by, sorted(shapes_used, key=list(_SHAPES).index),
                     types_used, overlays, lang)  # fmt: skip
    vis_js, vis_css = _vis_assets()
    return _template().render(
        lang=lang,
        height=height_css,
        width=width_css,
        legend=legend,
        vis_js=vis_js,
        vis_css=vis_css,
        nodes=script_json(nodes),
        edges=script_json(edges),
        options=Markup(options_json),
        folded=folded,
        card_url=script_json(card_url) if card_url else None,
        group_url=script_json(group_url) if group_url else None,
        still=spread,
        legible=LEGIBLE_PX,
        smallest=LABEL_PX,
    )


#: The name the map of the territory (ecomap/views/territory.py) still reads.
_colouring = colouring
