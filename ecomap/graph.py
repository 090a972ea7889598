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

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any

import networkx as nx

from ecomap.model import (
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
    "active_relations",
    "actors",
    "cooperation_graph",
    "power_graph",
    "ecosystem_graph",
    "to_igraph",
    "first_organisation",
    "fold",
]

_CACHE = "_ecomap_cache"
_MODELS = {RecordKind.ACTOR: Actor, RecordKind.STAKE: Stake, RecordKind.SPACE: Space}


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
    G.add_edges_from(
        (rel.source, rel.target, key, _attributes(rel)) for key, rel in eco.relations.items()
    )
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


def _active(data: dict[str, Any], day: date) -> bool:
    until, since = data.get("until"), data.get("since")
    if until is not None and until < day:
        return False
    return not (since is not None and since > day)


def active_relations(
    G: nx.MultiDiGraph,
    types: RelationType | set[RelationType] | None = None,
    *,
    as_of: date | None = None,
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """Relations in force on the analysis date: ``(source, target, key, data)``.

    A relation whose ``until`` is before the date, or whose ``since`` is after it, is
    left out (DESIGN.md §2, "Time").
    """
    day = analysis_date(as_of)
    if isinstance(types, RelationType | str):
        types = {RelationType(types)}
    for u, v, k, data in G.edges(keys=True, data=True):
        if (types is None or data["type"] in types) and _active(data, day):
            yield u, v, k, data


def actors(G: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Actor id → its node attributes, in map order."""
    return {n: d for n, d in G.nodes(data=True) if d.get("node_type") == RecordKind.ACTOR}


def _actor_graph(G: nx.MultiDiGraph, graph: nx.Graph) -> nx.Graph:
    for node_id, data in actors(G).items():
        graph.add_node(node_id, **data)
    return graph


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
        C = _actor_graph(G, nx.Graph())
        for u, v, k, data in active_relations(G, RelationType.COOPERATES, as_of=day):
            if C.has_edge(u, v):
                edge = C.edges[u, v]
                edge["strength"] = max(edge["strength"], data["weight"])
                edge["formal"] = edge["formal"] or bool(data.get("formal"))
                edge["keys"].append(k)
            else:
                C.add_edge(u, v, strength=data["weight"], formal=bool(data.get("formal")), keys=[k])
        return C

    return _cached(G, ("cooperation", day), build)


def power_graph(G: nx.MultiDiGraph, *, as_of: date | None = None) -> nx.DiGraph:
    """Actors and a directed edge a→b whose ``weight`` is P(a→b).

    P(a→b) is the sum of the weights of the ``power`` relations from a to b, all
    types together; ``types`` maps each power type to its summed weight.
    Cached on ``G``; do not modify.
    """
    day = analysis_date(as_of)

    def build() -> nx.DiGraph:
        P = _actor_graph(G, nx.DiGraph())
        for u, v, _, data in active_relations(G, RelationType.POWER, as_of=day):
            if P.has_edge(u, v):
                edge = P.edges[u, v]
                edge["weight"] += data["weight"]
            else:
                P.add_edge(u, v, weight=data["weight"], types={})
                edge = P.edges[u, v]
            ptype = str(data["power_type"])
            edge["types"][ptype] = edge["types"].get(ptype, 0) + data["weight"]
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
        E = _actor_graph(G, nx.Graph())
        for u, v, _, data in active_relations(G, wanted, as_of=day):
            if E.has_edge(u, v):
                E.edges[u, v]["types"].add(str(data["type"]))
            else:
                E.add_edge(u, v, types={str(data["type"])})
        return E

    return _cached(G, ("ecosystem", day), build)


def to_igraph(H: nx.Graph, *, weight: str | None = None):
    """An igraph copy of a projection, and the node ids in igraph's vertex order.

    Returns ``(graph, names)``: vertex ``i`` of ``graph`` is ``names[i]``. The copy is
    cached on ``H`` (projections are cached on the map graph, so one igraph copy
    serves every analysis of a run). ``weight`` copies that edge attribute too.
    """
    import igraph as ig

    def build():
        names = list(H.nodes)
        index = {n: i for i, n in enumerate(names)}
        edges = [(index[u], index[v]) for u, v in H.edges]
        graph = ig.Graph(n=len(names), edges=edges, directed=H.is_directed())
        if weight is not None:
            graph.es[weight] = [d.get(weight, 1.0) for _, _, d in H.edges(data=True)]
        return graph, names

    return _cached(H, ("igraph", weight), build)


def first_organisation(G: nx.MultiDiGraph, *, as_of: date | None = None) -> dict[str, str]:
    """Each person's first organisation or institution (its first ``member_of``, in map order)."""
    day = analysis_date(as_of)

    def build() -> dict[str, str]:
        first: dict[str, str] = {}
        for u, v, _, _ in active_relations(G, RelationType.MEMBER_OF, as_of=day):
            first.setdefault(u, v)
        return first

    return _cached(G, ("first_organisation", day), build)


def _institution_of(G: nx.MultiDiGraph, day: date) -> dict[str, str]:
    """Each organisation's institution, following ``part_of`` up until an institution."""
    parent: dict[str, str] = {}
    for u, v, _, _ in active_relations(G, RelationType.PART_OF, as_of=day):
        parent.setdefault(u, v)
    kinds = {n: d["kind"] for n, d in actors(G).items()}
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

    At meso level each person is folded into its first organisation (or institution);
    at macro level organisations are folded, in turn, into the institution they are
    ``part_of`` (following sub-units upwards). An actor with nowhere to fold stays
    itself. Ties between actor pairs (cooperates, power, tension, member_of, part_of)
    are aggregated per folded pair: edge attribute ``ties`` maps each relation type to
    ``{"count": n, "strength": summed weight}``, with totals ``count`` and ``strength``.
    Ties inside one folded node are counted in its ``internal_ties``. Each node keeps
    its record's attributes and lists the actors folded into it in ``members``.

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
    day = analysis_date(as_of)
    owner: dict[str, str] = {}
    if level in ("meso", "macro"):
        owner.update(first_organisation(G, as_of=day))
    if level == "macro":
        up = _institution_of(G, day)
        owner = {p: up.get(o, o) for p, o in owner.items()}
        owner.update(up)
    elif level not in ("micro", "meso"):
        raise ValueError(f"level must be micro, meso or macro, not {level!r}")

    F = nx.Graph(level=level)
    all_actors = actors(G)
    members: dict[str, list[str]] = defaultdict(list)
    for node_id in all_actors:
        members[owner.get(node_id, node_id)].append(node_id)
    for rep, folded in members.items():
        F.add_node(rep, **all_actors[rep], members=folded, internal_ties=0)
    actor_types = {
        RelationType.COOPERATES,
        RelationType.POWER,
        RelationType.TENSION,
        RelationType.MEMBER_OF,
        RelationType.PART_OF,
    }
    for u, v, _, data in active_relations(G, actor_types, as_of=day):
        a, b = owner.get(u, u), owner.get(v, v)
        if a == b:
            F.nodes[a]["internal_ties"] += 1
            continue
        if not F.has_edge(a, b):
            F.add_edge(a, b, ties={}, count=0, strength=0.0)
        edge = F.edges[a, b]
        tie = edge["ties"].setdefault(str(data["type"]), {"count": 0, "strength": 0.0})
        tie["count"] += 1
        tie["strength"] += data["weight"]
        edge["count"] += 1
        edge["strength"] += data["weight"]
    return F
