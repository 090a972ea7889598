"""The map as a networkx graph, and the working graphs the analyses use.

:func:`to_graph` turns an :class:`~ecomap.model.Ecosystem` into a ``MultiDiGraph`` (one
node per actor, stake and space; one edge per relation, keyed by its identity) and
:func:`from_graph` turns it back without loss. The projections of DESIGN.md §3 are
computed from it:

- :func:`cooperation_graph` — actors, one undirected edge per cooperating pair
  (``strength`` = the largest weight);
- :func:`power_graph` — actors, a directed edge a→b of ``weight`` P(a→b);
- :func:`ecosystem_graph` — the cooperation graph plus ``member_of`` and ``part_of``;
- :func:`fold` — the map seen at meso or macro level.

A graph returned by :func:`to_graph` is treated as read-only: projections and their
igraph copies are cached on it (``G.graph``) per analysis date. Call
:func:`invalidate` after changing it in place.
"""

from __future__ import annotations

import gc
import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from itertools import chain, repeat
from operator import itemgetter
from typing import Any

import networkx as nx

from ecomap.model import (
    ACTER_KEYS,
    Actor,
    ActorKind,
    Ecosystem,
    RecordKind,
    Relation,
    RelationType,
    Space,
    Stake,
)

__all__ = [
    "to_graph",
    "from_graph",
    "invalidate",
    "analysis_date",
    "all_relations",
    "active_relations",
    "in_force_by_type",
    "relation_counts",
    "actors",
    "cooperation_graph",
    "cooperation_partners",
    "power_graph",
    "ecosystem_graph",
    "to_igraph",
    "cooperation_igraph",
    "home_organisation",
    "home_organisations",
    "home_memberships",
    "fold",
    "ANALYSED_FIELDS",
    "analysis_fingerprint",
]

_CACHE = "_ecomap_cache"
_MODELS = {RecordKind.ACTOR: Actor, RecordKind.STAKE: Stake, RecordKind.SPACE: Space}


@contextmanager
def _no_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while a map's graph is built or analysed.

    Both allocate millions of small objects on a large map, and each full pass of the
    collector rescans every one of them and the map: a third of an analysis run at
    10,000 nodes. On the way out, what was allocated meanwhile is moved to the oldest
    generation unscanned (``gc.freeze`` then ``gc.unfreeze``): otherwise the first
    young collection after the pause scans all of it at once (half a second at 10,000
    nodes, five at 100,000). Cyclic garbage left by the run (projections of throw-away
    graphs) goes at the next full collection. The collector is left enabled or not as
    it was found (an application may have paused it itself).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def _attributes(record) -> dict[str, Any]:
    """A record's fields with enum members as their plain string values.

    Reads the record's ``__dict__`` (its fields, exactly) instead of ``model_dump``:
    building the graph of a large map is dominated by this copy.
    """
    attributes = dict(record.__dict__)
    for name in record._enums:
        value = attributes[name]
        if value is not None:
            attributes[name] = value._value_
    attributes["extra"] = dict(attributes["extra"])
    if "tags" in attributes:
        attributes["tags"] = list(attributes["tags"])
    return attributes


def to_graph(eco: Ecosystem) -> nx.MultiDiGraph:
    """The whole map as a ``MultiDiGraph``.

    Nodes carry ``node_type`` (``actor``, ``stake`` or ``space``) and every field of
    their record; edges are keyed by the relation's identity and carry every field.
    An undirected relation is one edge, from its source to its target as written.

    >>> from ecomap.model import Actor, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="a", name="A", kind="person"))
    >>> eco.add(Actor(id="o", name="O", kind="organisation"))
    >>> eco.add(Relation(source="a", target="o", type="member_of"))
    >>> G = to_graph(eco)
    >>> G.nodes["o"]["level"], list(G.edges(keys=True))
    ('meso', [('a', 'o', '["member_of", "a", "o"]')])
    >>> from_graph(G) == eco
    True
    """
    with _no_collection():
        return _graph(eco)


def _graph(eco: Ecosystem) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for kind, table in (
        (RecordKind.ACTOR, eco.actors),
        (RecordKind.STAKE, eco.stakes),
        (RecordKind.SPACE, eco.spaces),
    ):
        G.add_nodes_from(
            (node_id, {"node_type": kind.value, **_attributes(record)})
            for node_id, record in table.items()
        )
    # The edges written straight into the adjacency dicts, as ``add_edges_from`` would
    # (one key dictionary per pair, shared by its two directions): 40% less time than
    # the method's per-edge checks on a large map. An end that is not a node (a map
    # given without its checks) goes through ``add_edge``, which adds the node.
    nodes, succ, pred = G._node, G._succ, G._pred
    for key, rel in eco.relations.items():
        u, v = rel.source, rel.target
        if u not in nodes or v not in nodes:
            G.add_edge(u, v, key, **_attributes(rel))
            continue
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = {}
        keys[key] = _attributes(rel)
    return G


def from_graph(G: nx.MultiDiGraph) -> Ecosystem:
    """The :class:`Ecosystem` a graph made by :func:`to_graph` holds."""
    eco = Ecosystem()
    for _, data in G.nodes(data=True):
        fields = {k: v for k, v in data.items() if k != "node_type"}
        eco.add(_MODELS[RecordKind(data["node_type"])].model_validate(fields))
    for _, _, data in G.edges(data=True):
        eco.add(Relation.model_validate(data))
    return eco


def invalidate(G: nx.Graph) -> None:
    """Forget the projections cached on ``G`` (after changing it in place)."""
    G.graph.pop(_CACHE, None)


def _cached(G: nx.Graph, key: tuple, build):
    cache = G.graph.setdefault(_CACHE, {})
    if key not in cache:
        cache[key] = build()
    return cache[key]


def analysis_date(as_of: date | None = None) -> date:
    """The date the analyses look at: ``as_of``, or today."""
    return as_of or date.today()


def all_relations(G: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """Every relation of the map, whatever its dates: ``(source, target, key, data)``.

    The order is ``G.edges``'. Faster than ``G.edges(keys=True, data=True)``: it walks
    the adjacency dicts directly (the edge view's generator costs five times as much
    per edge, and a large map has hundreds of thousands of edges).
    """
    for u, neighbours in G._adj.items():
        for v, keyed in neighbours.items():
            for k, data in keyed.items():
                yield u, v, k, data


class _InForce:
    """The relations in force on one day, by type, in ``G.edges`` order."""

    __slots__ = ("G", "day", "by_type", "chosen", "skipped", "triples", "_all")

    def __init__(self, G: nx.MultiDiGraph, day: date) -> None:
        self.G, self.day = G, day
        #: Type → its relations in force; every type of the map has a list, in the order
        #: the types first come (an empty list when none of its relations is in force).
        self.by_type: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = defaultdict(list)
        #: Type → how many of its relations are not in force on the day.
        self.skipped: dict[str, int] = {}
        self._all: list[tuple[str, str, str, dict[str, Any]]] | None = None
        # One pass over the adjacency dicts with everything looked up bound locally:
        # this index is built once per map and date, and every analysis reads it. Only
        # the lists by type are filled: every relation in force together (``all``), and
        # the counts, are made from them when asked.
        by_type, skipped = self.by_type, self.skipped
        for u, neighbours in G._adj.items():
            for v, keyed in neighbours.items():
                for k, data in keyed.items():
                    until, since = data.get("until"), data.get("since")
                    if (until is None or until >= day) and (since is None or since <= day):
                        by_type[data["type"]].append((u, v, k, data))
                    else:
                        rtype = data["type"]
                        by_type.setdefault(rtype, [])  # the type's place in the order
                        skipped[rtype] = skipped.get(rtype, 0) + 1
        self.by_type = dict(by_type)
        self.chosen: dict[frozenset, list[tuple[str, str, str, dict[str, Any]]]] = {}
        #: Type → its relations in force as ``(source, target, data)`` (made when asked).
        self.triples: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}

    @property
    def counts(self) -> dict[str, int]:
        """Relations of each type, in force or not, types in the order they first come."""
        skipped = self.skipped
        return {t: len(edges) + skipped.get(t, 0) for t, edges in self.by_type.items()}

    @property
    def all(self) -> list[tuple[str, str, str, dict[str, Any]]]:
        """Every relation in force, in ``G.edges`` order (the same tuples as ``by_type``)."""
        if self._all is None:
            # The types' lists put back in one scan's order: each type's list is in that
            # order already, so the next relation of the scan is the next of its type.
            lists = {t: iter(edges) for t, edges in self.by_type.items()}
            day = self.day
            found = []
            for neighbours in self.G._adj.values():
                for keyed in neighbours.values():
                    for data in keyed.values():
                        until, since = data.get("until"), data.get("since")
                        if (until is None or until >= day) and (since is None or since <= day):
                            found.append(next(lists[data["type"]]))
            self._all = found
        return self._all

    def of(self, types: frozenset) -> list[tuple[str, str, str, dict[str, Any]]]:
        """The relations of several types, in ``G.edges`` order (as one scan gives them)."""
        if types not in self.chosen:
            present = [t for t in self.by_type if t in types and self.by_type[t]]
            if len(present) == 1:
                chosen = list(self.by_type[present[0]])
            elif not present:
                chosen = []
            else:
                chosen = [edge for edge in self.all if edge[3]["type"] in types]
            self.chosen[types] = chosen
        return self.chosen[types]


def active_relations(
    G: nx.MultiDiGraph,
    types: RelationType | set[RelationType] | None = None,
    *,
    as_of: date | None = None,
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """Relations in force on the analysis date: ``(source, target, key, data)``.

    A relation whose ``until`` is before the date, or whose ``since`` is after it, is
    left out (DESIGN.md §2, "Time"). Relations come in ``G.edges`` order, whatever the
    types asked for. The relations in force are indexed by type once per date and
    cached on ``G``, so that each analysis reads only the types it needs instead of
    scanning every edge.

    >>> from ecomap.model import Actor, Relation
    >>> eco = Ecosystem()
    >>> for i in "abc": eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    >>> eco.add(Relation(source="a", target="b", type="cooperates", until="2020-12-31"))
    >>> eco.add(Relation(source="b", target="c", type="tension"))
    >>> eco.add(Relation(source="a", target="c", type="power", power_type="economic"))
    >>> G = to_graph(eco)
    >>> [(u, v) for u, v, _, _ in active_relations(G, as_of=date(2026, 1, 1))]
    [('a', 'c'), ('b', 'c')]
    >>> [(u, v) for u, v, _, _ in active_relations(G, "cooperates", as_of=date(2020, 6, 1))]
    [('a', 'b')]
    """
    day = analysis_date(as_of)
    index = _cached(G, ("in_force", day), lambda: _InForce(G, day))
    if types is None:
        return iter(index.all)
    if isinstance(types, RelationType | str):
        return iter(index.by_type.get(RelationType(types).value, ()))
    types = frozenset(RelationType(t).value for t in types)
    if len(types) == 1:
        return iter(index.by_type.get(next(iter(types)), ()))
    return iter(index.of(types))


def in_force_by_type(
    G: nx.MultiDiGraph, day: date, *types: RelationType
) -> dict[str, list[tuple[str, str, dict[str, Any]]]]:
    """The relations of ``types`` in force on ``day`` as ``(source, target, data)``, by type.

    Each list keeps ``G.edges`` order; a type with no relation in force has an empty list.
    The lists are made once per map and date and shared by every caller: do not modify.

    >>> from ecomap.model import Actor, Relation
    >>> eco = Ecosystem()
    >>> for i in "ab": eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    >>> eco.add(Relation(source="a", target="b", type="tension"))
    >>> found = in_force_by_type(to_graph(eco), date(2026, 1, 1), RelationType.TENSION, RelationType.STAKE)
    >>> [(u, v) for u, v, _ in found["tension"]], found["stake"]
    ([('a', 'b')], [])
    """
    day = analysis_date(day)
    index = _cached(G, ("in_force", day), lambda: _InForce(G, day))
    triples = index.triples
    for t in types:
        if t.value not in triples:
            triples[t.value] = [(u, v, data) for u, v, _, data in index.by_type.get(t.value, ())]
    return {t.value: triples[t.value] for t in types}


def relation_counts(G: nx.MultiDiGraph) -> dict[str, int]:
    """Relation type → how many relations of that type the map holds, whatever their dates.

    Counted in the same pass that indexes the relations in force (today's index when
    none is cached yet).

    >>> from ecomap.model import Actor, Relation
    >>> eco = Ecosystem()
    >>> for i in "ab": eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    >>> eco.add(Relation(source="a", target="b", type="cooperates", until="2020-12-31"))
    >>> relation_counts(to_graph(eco))
    {'cooperates': 1}
    """
    cache = G.graph.get(_CACHE, {})
    index = next((v for k, v in cache.items() if k[0] == "in_force"), None)
    if index is None:
        day = analysis_date()
        index = _cached(G, ("in_force", day), lambda: _InForce(G, day))
    return dict(index.counts)


def actors(G: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Actor id → its node attributes, in map order (a new dict; the attributes are G's)."""
    return dict(actor_nodes(G))


def actor_nodes(G: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """:func:`actors` without the copy: the cached dict itself, for code that only reads
    it (the analyses read it many times a run). Do not modify."""

    def build() -> dict[str, dict[str, Any]]:
        return {n: d for n, d in G.nodes(data=True) if d.get("node_type") == RecordKind.ACTOR}

    return _cached(G, ("actors",), build)


def node_names(G: nx.MultiDiGraph) -> dict[str, str]:
    """Node id → its ``name`` field, every node of the map in map order. Cached on
    ``G`` (the analyses of a run share it); do not modify."""
    return _cached(G, ("names",), lambda: {n: d["name"] for n, d in G.nodes(data=True)})


def display_names(G: nx.MultiDiGraph) -> dict[str, str]:
    """Node id → the name users read: its ``name`` as text, or its id when it has none.
    Every node of the map in map order. Cached on ``G`` (the analyses of a run share
    it); do not modify."""
    return _cached(
        G, ("display_names",), lambda: {n: str(d.get("name") or n) for n, d in G.nodes(data=True)}
    )


def instituted_spaces(G: nx.MultiDiGraph) -> frozenset[str]:
    """The spaces whose ``instituted`` field is true. Cached on ``G``."""
    return _cached(
        G,
        ("instituted_spaces",),
        lambda: frozenset(
            n
            for n, d in G.nodes(data=True)
            if d.get("node_type") == RecordKind.SPACE and d.get("instituted")
        ),
    )


def actor_positions(G: nx.MultiDiGraph) -> dict[str, int]:
    """Actor id → its position in map order (the order of :func:`actors`). Cached on
    ``G``; do not modify."""
    return _cached(G, ("actor_positions",), lambda: {a: i for i, a in enumerate(actor_nodes(G))})


def actor_id_order(G: nx.MultiDiGraph):
    """The actors in id order: ``(order, rank)``, ``order`` the positions (of
    :func:`actor_positions`) sorted by id, ``rank`` a numpy array of each position's
    place in that order. Cached on ``G``; do not modify."""
    import numpy as np

    def build():
        ids = list(actor_positions(G))
        order = sorted(range(len(ids)), key=ids.__getitem__)
        rank = np.empty(len(ids), dtype=np.int64)
        rank[order] = np.arange(len(ids), dtype=np.int64)
        return order, rank

    return _cached(G, ("actor_id_order",), build)


def relation_ends(G: nx.MultiDiGraph, rtype: RelationType | str, *, as_of: date | None = None):
    """The ends of the ``rtype`` relations in force, as two arrays of actor positions.

    ``(sources, targets)``: numpy arrays of :func:`actor_positions`, one item per
    relation in ``G.edges`` order, for the types that join two actors (cooperates,
    power, tension, member_of, part_of). Cached on ``G``; do not modify. For counting
    over the whole map with numpy instead of a loop per relation.
    """
    import numpy as np

    day = analysis_date(as_of)
    rtype = RelationType(rtype).value

    def build():
        at = actor_positions(G).__getitem__
        edges = list(active_relations(G, rtype, as_of=day))
        return (
            np.fromiter(map(at, map(itemgetter(0), edges)), dtype=np.int64, count=len(edges)),
            np.fromiter(map(at, map(itemgetter(1), edges)), dtype=np.int64, count=len(edges)),
        )

    return _cached(G, ("ends", rtype, day), build)


def ecosystem_adjacency(G: nx.MultiDiGraph, *, as_of: date | None = None):
    """The ecosystem graph's ties as a symmetric scipy CSR matrix over actor positions.

    The same ties as :func:`ecosystem_graph` (``cooperates``, ``member_of`` and
    ``part_of`` in force, undirected), rows and columns in :func:`actor_positions`
    order, for reachability and components counted with numpy instead of a walk of
    networkx's dicts. The values count the relations behind each tie. Cached on ``G``;
    do not modify.
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    day = analysis_date(as_of)

    def build():
        ends = [
            relation_ends(G, t, as_of=day)
            for t in (RelationType.COOPERATES, RelationType.MEMBER_OF, RelationType.PART_OF)
        ]
        sources = np.concatenate([e[0] for e in ends])
        targets = np.concatenate([e[1] for e in ends])
        n = len(actor_positions(G))
        return csr_matrix(
            (
                np.ones(2 * len(sources), dtype=np.int64),
                (np.concatenate([sources, targets]), np.concatenate([targets, sources])),
            ),
            shape=(n, n),
        )

    return _cached(G, ("ecosystem_adjacency", day), build)


def _actor_graph(G: nx.MultiDiGraph, graph: nx.Graph) -> dict[str, dict]:
    """Put the map's actors in the empty ``graph``; return its adjacency to fill.

    Projections fill networkx's adjacency dicts directly instead of calling
    ``add_nodes_from``/``add_edges_from``, which copy every attribute dict and check
    every node again: that was most of a projection's cost on a large map. The nodes
    share their attribute dicts with ``G`` (projections are read-only), which also
    keeps one copy of each actor's fields in memory instead of one per projection.
    Callers add an edge with ``adj[u][v] = adj[v][u] = data`` (undirected), or set
    ``graph._pred`` too (directed); both ends must be actors, as every relation type
    that joins two actors requires.
    """
    nodes = actors(G)
    graph._node.update(nodes)
    graph._adj.update((n, {}) for n in nodes)
    if graph.is_directed():
        graph._pred.update((n, {}) for n in nodes)
    return graph._adj


def cooperation_graph(G: nx.MultiDiGraph, *, as_of: date | None = None) -> nx.Graph:
    """Actors and one undirected edge per pair with a ``cooperates`` relation.

    Edge attributes: ``strength`` (the largest weight), ``formal`` (any of them
    formal), ``keys`` (the relations' identities). Cached on ``G``; do not modify.

    >>> from ecomap.model import Actor, Relation
    >>> eco = Ecosystem()
    >>> for i in "abc": eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    >>> eco.add(Relation(source="a", target="b", type="cooperates", weight=2))
    >>> eco.add(Relation(id="r2", source="b", target="a", type="cooperates", weight=3))
    >>> C = cooperation_graph(to_graph(eco))
    >>> C.number_of_nodes(), C.edges["a", "b"]["strength"]
    (3, 3.0)
    """
    day = analysis_date(as_of)

    def build() -> nx.Graph:
        C = nx.Graph()
        adj = _actor_graph(G, C)
        for u, v, k, data in active_relations(G, RelationType.COOPERATES, as_of=day):
            edge = adj[u].get(v)
            if edge is None:
                adj[u][v] = adj[v][u] = {
                    "strength": data["weight"],
                    "formal": bool(data.get("formal")),
                    "keys": [k],
                }
            else:
                edge["strength"] = max(edge["strength"], data["weight"])
                edge["formal"] = edge["formal"] or bool(data.get("formal"))
                edge["keys"].append(k)
        # Its igraph copy, when cooperation_igraph made it first: one copy, shared.
        copy = G.graph.get(_CACHE, {}).get(("cooperation_igraph", day))
        if copy is not None:
            C.graph[_CACHE] = {("igraph", None): copy}
        return C

    return _cached(G, ("cooperation", day), build)


def cooperation_partners(
    G: nx.MultiDiGraph, *, as_of: date | None = None
) -> dict[str, dict[str, int]]:
    """Actor → its cooperation partners → how many ``cooperates`` relations join them.

    The adjacency of :func:`cooperation_graph` without its edge attributes, made from
    the relations in force without building the graph: every actor of the map in map
    order (an empty dict when it has no partner), its partners in the graph's order.
    For the analyses that only ask who cooperates with whom. Cached on ``G``; do not
    modify.

    >>> from ecomap.model import Actor, Relation
    >>> eco = Ecosystem()
    >>> for i in "abc": eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    >>> eco.add(Relation(source="a", target="b", type="cooperates", weight=2))
    >>> eco.add(Relation(id="r2", source="b", target="a", type="cooperates", weight=3))
    >>> cooperation_partners(to_graph(eco))
    {'a': {'b': 2}, 'b': {'a': 2}, 'c': {}}
    """
    day = analysis_date(as_of)

    def build() -> dict[str, dict[str, int]]:
        partners: dict[str, dict[str, int]] = {a: {} for a in actor_nodes(G)}
        for u, v, _, _ in active_relations(G, RelationType.COOPERATES, as_of=day):
            mine = partners[u]
            if v in mine:
                mine[v] += 1
                if u != v:
                    partners[v][u] += 1
            else:
                mine[v] = 1
                partners[v][u] = 1
        return partners

    return _cached(G, ("cooperation_partners", day), build)


def power_graph(G: nx.MultiDiGraph, *, as_of: date | None = None) -> nx.DiGraph:
    """Actors and a directed edge a→b whose ``weight`` is P(a→b).

    P(a→b) is the sum of the weights of the ``power`` relations from a to b, all
    types together; ``types`` maps each power type to its summed weight.
    Cached on ``G``; do not modify.
    """
    day = analysis_date(as_of)

    def build() -> nx.DiGraph:
        P = nx.DiGraph()
        successors, predecessors = _actor_graph(G, P), P._pred
        found: dict[tuple[str, str], dict[str, list[float]]] = {}
        for u, v, _, data in active_relations(G, RelationType.POWER, as_of=day):
            by_type = found.setdefault((u, v), {})
            by_type.setdefault(str(data["power_type"]), []).append(data["weight"])
        # Summed with fsum: correctly rounded, so the same whatever the order of the rows.
        for (u, v), by_type in found.items():
            successors[u][v] = predecessors[v][u] = {
                "weight": math.fsum(chain.from_iterable(by_type.values())),
                "types": {ptype: math.fsum(weights) for ptype, weights in by_type.items()},
            }
        return P

    return _cached(G, ("power", day), build)


def ecosystem_graph(G: nx.MultiDiGraph, *, as_of: date | None = None) -> nx.Graph:
    """The cooperation graph plus ``member_of`` and ``part_of`` ties, undirected.

    Used for reachability ("within two steps"), components and level views. Edge
    attribute ``types`` is the set of relation types joining the pair.
    Cached on ``G``; do not modify.
    """
    day = analysis_date(as_of)
    wanted = {RelationType.COOPERATES, RelationType.MEMBER_OF, RelationType.PART_OF}

    def build() -> nx.Graph:
        E = nx.Graph()
        adj = _actor_graph(G, E)
        for u, v, _, data in active_relations(G, wanted, as_of=day):
            edge = adj[u].get(v)
            if edge is None:
                adj[u][v] = adj[v][u] = {"types": {str(data["type"])}}
            else:
                edge["types"].add(str(data["type"]))
        return E

    return _cached(G, ("ecosystem", day), build)


def to_igraph(H: nx.Graph, *, weight: str | None = None):
    """An igraph copy of a projection, and the node ids in igraph's vertex order.

    Returns ``(graph, names)``: vertex ``i`` of ``graph`` is ``names[i]``. Vertices are
    in id order and edges in order of their ends' ids (each undirected edge from its
    smaller end), whatever the order of ``H``: igraph's community detection, PageRank
    sums and the like then give one answer for one map, however its rows were ordered.
    The copy is cached on ``H`` (projections are cached on the map graph, so one igraph
    copy serves every analysis of a run). ``weight`` copies that edge attribute too.
    """
    import numpy as np

    from ecomap.imports import igraph

    ig = igraph()

    def build():
        names = sorted(H.nodes)
        index = {n: i for i, n in enumerate(names)}
        directed = H.is_directed()
        # Both ends of every edge read straight from the adjacency dicts (each
        # undirected edge is held there from both of its ends: the copy from its
        # smaller end is kept), then put in order of their ends.
        adj = H._adj
        count = sum(map(len, adj.values()))
        sources = np.fromiter(
            chain.from_iterable(repeat(index[u], len(nbrs)) for u, nbrs in adj.items()),
            dtype=np.int64,
            count=count,
        )
        targets = np.fromiter(
            map(index.__getitem__, chain.from_iterable(adj.values())), dtype=np.int64, count=count
        )
        keep = None if directed else sources <= targets
        if keep is not None:
            sources, targets = sources[keep], targets[keep]
        order = np.lexsort((targets, sources))
        ends = np.stack((sources[order], targets[order]), axis=1)
        graph = ig.Graph(n=len(names), edges=ends.tolist(), directed=directed)
        if weight is not None:
            values = [d.get(weight, 1.0) for nbrs in adj.values() for d in nbrs.values()]
            if keep is not None:
                values = [values[i] for i in np.flatnonzero(keep).tolist()]
            graph.es[weight] = [values[i] for i in order.tolist()]
        return graph, names

    return _cached(H, ("igraph", weight), build)


def cooperation_ties(G: nx.MultiDiGraph, *, as_of: date | None = None):
    """The edges of :func:`cooperation_igraph`'s graph, in its order, as an m × 2 numpy
    array of its vertex numbers (each tie once, its smaller end first, in order of the
    ends): what ``graph.get_edgelist()`` gives, without a tuple per tie. Cached on ``G``;
    do not modify."""
    import numpy as np

    day = analysis_date(as_of)

    def build():
        _, rank = actor_id_order(G)
        sources, targets = relation_ends(G, RelationType.COOPERATES, as_of=day)
        first, second = rank[sources], rank[targets]
        n = max(len(rank), 1)
        # One key per tie, its smaller end first: sorted and unique, the ties in order.
        ties = np.unique(np.minimum(first, second) * n + np.maximum(first, second))
        return np.stack((ties // n, ties % n), axis=1)

    return _cached(G, ("cooperation_ties", day), build)


def cooperation_igraph(G: nx.MultiDiGraph, *, as_of: date | None = None):
    """``to_igraph(cooperation_graph(G))``, made from the cooperations' ends with numpy.

    The same graph (vertices in id order, each tie once from its smaller end, in order
    of its ends), without building the cooperation graph: cached on ``G``, and kept on
    the cooperation graph too, where :func:`to_igraph` looks for it, when that graph is
    already made.
    """

    from ecomap.imports import igraph

    ig = igraph()

    day = analysis_date(as_of)

    def build():
        ids = list(actor_positions(G))
        order, _ = actor_id_order(G)
        names = [ids[i] for i in order]
        ends = cooperation_ties(G, as_of=day)
        return ig.Graph(n=len(names), edges=ends.tolist(), directed=False), names

    copy = _cached(G, ("cooperation_igraph", day), build)
    C = G.graph.get(_CACHE, {}).get(("cooperation", day))
    if C is not None:
        C.graph.setdefault(_CACHE, {}).setdefault(("igraph", None), copy)
    return copy


def _earliest(ties: Iterable[tuple[str, str, date | None, str, Any]]) -> dict[str, Any]:
    """Source → the item of its earliest tie, from ``(source, target, since, key, item)``.

    The earliest ``since`` wins, a missing ``since`` counting as earliest, then the
    smallest target id, then the smallest relation key: the rule of a person's home
    organisation (DESIGN.md §2), which never depends on the order of the ties.
    """
    best: dict[str, tuple[tuple, Any]] = {}
    for source, target, since, key, item in ties:
        # (False, date.min) for a missing since: it sorts first and compares with dates.
        rank = (since is not None, since or date.min, target, key)
        held = best.get(source)
        if held is None or rank < held[0]:
            best[source] = (rank, item)
    return {source: item for source, (_, item) in best.items()}


def _earliest_targets(ties: Iterable[tuple[str, str, date | None, str]]) -> dict[str, str]:
    """Source → target of its earliest tie (see :func:`_earliest`)."""
    return _earliest((u, v, since, key, v) for u, v, since, key in ties)


def home_organisation(G: nx.MultiDiGraph, *, as_of: date | None = None) -> dict[str, str]:
    """Each person's home organisation (or institution) on the analysis date.

    Parameters
    ----------
    G : MultiDiGraph
        The map, from :func:`to_graph`.
    as_of : date, optional
        The analysis date (default today): only ``member_of`` relations in force count.

    Returns
    -------
    dict
        Person id → the id of their home organisation; a person with no ``member_of``
        in force is left out. Cached on ``G``; do not modify.

    Notes
    -----
    DESIGN.md §2, "Home organisation": the target of the person's ``member_of``
    relations in force with the earliest ``since`` (a missing ``since`` counts as
    earliest), ties broken by the target's id. The order of rows in a file or a store
    plays no part. :func:`home_organisations` gives the same from an
    :class:`~ecomap.model.Ecosystem`.

    Examples
    --------
    >>> from ecomap.model import Actor, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="p", name="P", kind="person"))
    >>> for o in ("zinc", "amap", "coop"): eco.add(Actor(id=o, name=o, kind="organisation"))
    >>> eco.add(Relation(source="p", target="zinc", type="member_of"))
    >>> eco.add(Relation(source="p", target="amap", type="member_of", since="2021-01-01"))
    >>> eco.add(Relation(source="p", target="coop", type="member_of", until="2020-01-01"))
    >>> home_organisation(to_graph(eco), as_of=date(2026, 1, 1))
    {'p': 'zinc'}
    """
    day = analysis_date(as_of)

    def build() -> dict[str, str]:
        return _earliest_targets(
            (u, v, data.get("since"), k)
            for u, v, k, data in active_relations(G, RelationType.MEMBER_OF, as_of=day)
        )

    return _cached(G, ("home_organisation", day), build)


def home_memberships(eco: Ecosystem, *, as_of: date | None = None) -> dict[str, Relation]:
    """Each person's ``member_of`` relation to their home organisation, from a map.

    The relation :func:`home_organisations` takes the organisation from (among several
    to the same organisation with the same ``since``, the smallest identity), for code
    that needs its other fields too, e.g. the person's ``role`` there.
    """
    day = analysis_date(as_of)
    return _earliest(
        (rel.source, rel.target, rel.since, key, rel)
        for key, rel in eco.relations.items()
        if rel.type is RelationType.MEMBER_OF and rel.active(day)
    )


def home_organisations(eco: Ecosystem, *, as_of: date | None = None) -> dict[str, str]:
    """Each person's home organisation, read from an :class:`~ecomap.model.Ecosystem`.

    The same rule and result as :func:`home_organisation` on the map's graph, for code
    that holds the map rather than its graph (anonymisation, exports).

    >>> from ecomap.model import Actor, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="p", name="P", kind="person"))
    >>> for o in ("b", "a"): eco.add(Actor(id=o, name=o, kind="organisation"))
    >>> for o in ("b", "a"): eco.add(Relation(source="p", target=o, type="member_of"))
    >>> home_organisations(eco)
    {'p': 'a'}
    """
    return {p: rel.target for p, rel in home_memberships(eco, as_of=as_of).items()}


def _institution_of(G: nx.MultiDiGraph, day: date) -> dict[str, str]:
    """Each organisation's institution, following ``part_of`` up until an institution."""
    return _cached(G, ("institution_of", day), lambda: _institutions(G, day))


def _institutions(G: nx.MultiDiGraph, day: date) -> dict[str, str]:
    # A structure that is part of several is followed through one of them, chosen as a
    # person's home organisation is (earliest since, then id), never by row order.
    parent = _earliest_targets(
        (u, v, data.get("since"), k)
        for u, v, k, data in active_relations(G, RelationType.PART_OF, as_of=day)
    )
    kinds = {n: d["kind"] for n, d in actor_nodes(G).items()}
    result: dict[str, str] = {}
    for node, kind in kinds.items():
        if kind != ActorKind.ORGANISATION:
            continue
        seen, current = {node}, node
        while current in parent and kinds.get(current) != ActorKind.INSTITUTION:
            current = parent[current]
            if current in seen:
                break
            seen.add(current)
        if kinds.get(current) == ActorKind.INSTITUTION:
            result[node] = current
    return result


def fold(G: nx.MultiDiGraph, level: str, *, as_of: date | None = None) -> nx.Graph:
    """The map seen at ``meso`` or ``macro`` level (``micro`` gives the actors unfolded).

    At meso level each person is folded into its home organisation (or institution,
    :func:`home_organisation`); at macro level organisations are folded, in turn, into
    the institution they are ``part_of`` (following sub-units upwards; a structure part
    of several is followed through the earliest ``part_of``, then the smallest id, as
    for a home organisation). An actor with nowhere to fold stays
    itself. Ties between actor pairs (cooperates, power, tension, member_of, part_of)
    are aggregated per folded pair: edge attribute ``ties`` maps each relation type to
    ``{"count": n, "strength": summed weight}`` (summed with ``math.fsum``, so the
    same in any order of the rows), with totals ``count`` and ``strength``.
    Ties inside one folded node are counted in its ``internal_ties``. Each node keeps
    its record's attributes and lists the actors folded into it in ``members``.
    Cached on ``G`` per level and date; do not modify.

    >>> from ecomap.model import Actor, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="p", name="P", kind="person"))
    >>> eco.add(Actor(id="q", name="Q", kind="person"))
    >>> eco.add(Actor(id="o", name="O", kind="organisation"))
    >>> eco.add(Actor(id="m", name="M", kind="organisation"))
    >>> eco.add(Relation(source="p", target="o", type="member_of"))
    >>> eco.add(Relation(source="q", target="m", type="member_of"))
    >>> eco.add(Relation(source="p", target="q", type="cooperates", weight=2))
    >>> M = fold(to_graph(eco), "meso")
    >>> sorted(M.nodes), M.edges["o", "m"]["ties"]
    (['m', 'o'], {'cooperates': {'count': 1, 'strength': 2.0}})
    """
    if level not in ("micro", "meso", "macro"):
        raise ValueError(f"level must be micro, meso or macro, not {level!r}")
    day = analysis_date(as_of)
    return _cached(G, ("fold", level, day), lambda: _fold(G, level, day))


#: The relation types between actors that :func:`fold` aggregates.
FOLDED_TYPES = frozenset(
    {
        RelationType.COOPERATES,
        RelationType.POWER,
        RelationType.TENSION,
        RelationType.MEMBER_OF,
        RelationType.PART_OF,
    }
)


def fold_owner(G: nx.MultiDiGraph, level: str, day: date) -> dict[str, str]:
    """Actor → the actor it is folded into at ``level`` (an actor left out stays itself)."""
    owner: dict[str, str] = {}
    if level in ("meso", "macro"):
        owner.update(home_organisation(G, as_of=day))
    if level == "macro":
        up = _institution_of(G, day)
        owner = {p: up.get(o, o) for p, o in owner.items()}
        owner.update(up)
    return owner


def _fold(G: nx.MultiDiGraph, level: str, day: date) -> nx.Graph:
    owner = fold_owner(G, level, day)

    all_actors = actors(G)
    members: dict[str, list[str]] = defaultdict(list)
    for node_id in all_actors:
        members[owner.get(node_id, node_id)].append(node_id)
    F = nx.Graph(level=level)
    F.add_nodes_from(
        (rep, {**all_actors[rep], "members": folded, "internal_ties": 0})
        for rep, folded in members.items()
    )
    nodes, adj = F._node, F._adj  # filled directly, as the projections are
    for u, v, _, data in active_relations(G, FOLDED_TYPES, as_of=day):
        a, b = owner.get(u, u), owner.get(v, v)
        if a == b:
            nodes[a]["internal_ties"] += 1
            continue
        edge = adj[a].get(b)
        if edge is None:
            edge = adj[a][b] = adj[b][a] = {"ties": {}, "count": 0, "strength": []}
        rtype = data["type"]
        tie = edge["ties"].get(rtype)
        if tie is None:
            tie = edge["ties"][rtype] = {"count": 0, "strength": []}
        tie["count"] += 1
        tie["strength"].append(data["weight"])
        edge["count"] += 1
    # Weights are summed with fsum (correctly rounded): the same whatever the order of
    # the rows, where adding them up in turn could differ in the last digit.
    for _, _, edge in F.edges(data=True):
        for tie in edge["ties"].values():
            weights = tie["strength"]
            tie["strength"] = math.fsum(weights)
            edge["strength"].extend(weights)
        edge["strength"] = math.fsum(edge["strength"])
    return F


#: The fields the analyses read, per kind of record: :func:`analysis_fingerprint`
#: hashes these and nothing else. Names are in: results' reasons quote them.
ANALYSED_FIELDS: dict[str, tuple[str, ...]] = {
    RecordKind.ACTOR.value: (
        # lat/lon: the territories' summary counts the actors on the map.
        "id", "name", "kind", "level", "territory", "influence", "engagement", "lat", "lon",
    ),
    RecordKind.STAKE.value: ("id", "name"),
    RecordKind.SPACE.value: ("id", "name", "kind", "frequency", "instituted"),
    RecordKind.RELATION.value: (
        "source", "target", "type", "weight", "power_type", "stance", "formal", "stake",
        "role", "since", "until", *ACTER_KEYS,
    ),
}  # fmt: skip


def _record_texts(kind: str, table: dict, positions: dict[str, tuple[int, ...]]) -> Iterator[str]:
    """``repr`` of each record's analysed fields, enum members as their plain values."""
    fields = ANALYSED_FIELDS[kind]
    enums = positions[kind]
    for key, record in table.items():
        values = list(map(record.__dict__.__getitem__, fields))
        for i in enums:
            if values[i] is not None:
                values[i] = values[i]._value_
        yield repr((key, *values))


def _fingerprint_lines(eco_or_G: Ecosystem | nx.MultiDiGraph) -> Iterator[str]:
    """One text per record, sorted within each kind: the order of rows plays no part."""
    if isinstance(eco_or_G, Ecosystem):
        eco = eco_or_G
        models = {**_MODELS, RecordKind.RELATION: Relation}
        positions = {
            kind.value: tuple(
                i for i, f in enumerate(ANALYSED_FIELDS[kind.value]) if f in model._enums
            )
            for kind, model in models.items()
        }
        for kind, table in (
            (RecordKind.ACTOR, eco.actors),
            (RecordKind.STAKE, eco.stakes),
            (RecordKind.SPACE, eco.spaces),
            (RecordKind.RELATION, eco.relations),
        ):
            yield kind.value
            yield from sorted(_record_texts(kind.value, table, positions))
        return
    # A graph from to_graph holds enum members as their plain values already.
    G = eco_or_G
    by_kind: dict[Any, list[str]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        kind = data.get("node_type")
        fields = ANALYSED_FIELDS.get(kind, ("id",))
        by_kind[kind].append(repr((node, *map(data.get, fields))))
    for kind in (RecordKind.ACTOR.value, RecordKind.STAKE.value, RecordKind.SPACE.value):
        yield kind
        yield from sorted(by_kind.pop(kind, ()))
    for kind, texts in by_kind.items():
        yield str(kind)
        yield from sorted(texts)
    yield RecordKind.RELATION.value
    fields = ANALYSED_FIELDS[RecordKind.RELATION.value]
    yield from sorted(repr((key, *map(data.get, fields))) for _, _, key, data in all_relations(G))


def analysis_fingerprint(eco_or_G: Ecosystem | nx.MultiDiGraph) -> str:
    """A hash of exactly what the analyses read from a map: equal maps, equal results.

    Parameters
    ----------
    eco_or_G : Ecosystem or MultiDiGraph
        The map, or its graph from :func:`to_graph` (both give the same fingerprint).

    Returns
    -------
    str
        32 hexadecimal digits. Two maps with the same fingerprint give the same result
        for every analysis of :mod:`ecomap.analysis` with the same options and
        analysis date, so a cache of results can be keyed on (fingerprint, date,
        options).

    Notes
    -----
    Hashed: each node's kind and the fields of :data:`ANALYSED_FIELDS` (ids, names,
    actor kinds, levels, territories, influence, engagement; spaces' kind, frequency
    and instituted flag), then each relation's identity and fields (endpoints, type, weight, power type, stance, formal, stake, role,
    since, until, the six A.C.T.E.R scores). Names are in because results' reasons
    quote them. Left out, so that editing them keeps cached results: notes,
    descriptions, categories, an actor's role (post), tags, latitude and longitude,
    custom columns, a relation's cooperation mode, who reported it and its visibility.

    The order of the records is not hashed (each kind's texts are sorted): no result
    depends on it (DESIGN.md §2), so the same map read from a file, SQLite or Neo4j,
    whatever the order of its rows, has one fingerprint. The date is not part of the
    map: relations that end or start change results only as the analysis date moves,
    so key caches on it too.

    Examples
    --------
    >>> from ecomap.model import Actor, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="a", name="Ana", kind="person"))
    >>> eco.add(Actor(id="o", name="Ferme", kind="organisation"))
    >>> eco.add(Relation(source="a", target="o", type="cooperates", weight=2))
    >>> before = analysis_fingerprint(eco)
    >>> before == analysis_fingerprint(to_graph(eco))
    True
    >>> eco.add(Actor(id="a", name="Ana", kind="person", notes="met in March"))
    >>> analysis_fingerprint(eco) == before
    True
    >>> eco.add(Relation(source="a", target="o", type="cooperates", weight=3))
    >>> analysis_fingerprint(eco) == before
    False
    """
    digest = hashlib.blake2b(digest_size=16)
    with _no_collection():
        text = "\n".join(_fingerprint_lines(eco_or_G))
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
