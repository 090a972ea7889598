"""Counting: the ``summary`` section of ``ecomap analyse``."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import networkx as nx
from scipy.sparse.csgraph import connected_components

from ecomap.graph import actor_nodes, ecosystem_adjacency, relation_counts
from ecomap.model import RecordKind

__all__ = ["summary"]


def summary(G: nx.MultiDiGraph, *, as_of: date | None = None) -> dict[str, Any]:
    """Counts of a map (DESIGN.md §2, "Counting").

    Parameters
    ----------
    G : MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : date, optional
        The analysis date for ``components`` (default today); the other counts are of
        every record.

    Returns
    -------
    dict
        ``actors``, ``stakes``, ``spaces``: nodes of each kind; ``relations``: relations
        by identity (an undirected tie counts once), all types; ``by_kind``: actors per
        kind; ``by_relation_type``: relations per type; ``components``: connected
        components of the ecosystem graph (cooperates, member_of and part_of ties,
        undirected), isolated actors included.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> for i, kind in [("p", "person"), ("o", "organisation"), ("x", "institution")]:
    ...     eco.add(Actor(id=i, name=i, kind=kind))
    >>> eco.add(Relation(source="p", target="o", type="member_of"))
    >>> s = summary(to_graph(eco))
    >>> s["actors"], s["relations"], s["components"], s["by_kind"]["person"]
    (3, 1, 2, 1)
    """
    node_types = Counter(kind for _, kind in G.nodes(data="node_type"))
    kinds = Counter(d["kind"] for d in actor_nodes(G).values())
    # Components of the ecosystem graph, counted on its ties as a sparse matrix.
    components, _ = connected_components(ecosystem_adjacency(G, as_of=as_of), directed=False)
    types = relation_counts(G)
    return {
        "actors": node_types.get(RecordKind.ACTOR.value, 0),
        "relations": sum(types.values()),
        "stakes": node_types.get(RecordKind.STAKE.value, 0),
        "spaces": node_types.get(RecordKind.SPACE.value, 0),
        "by_kind": dict(sorted(kinds.items())),
        "by_relation_type": dict(sorted(types.items())),
        "components": int(components),
    }
