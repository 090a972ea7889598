"""Power games: who holds power over whom, which relationships are imbalanced, who
could act as a counterweight, and the power–interest grid.

P(a→b) is the sum of the weights of the ``power`` relations from a to b, all power
types together (:func:`ecomap.graph.power_graph`). Every function takes the map graph
from :func:`ecomap.graph.to_graph` first and looks at the relations in force on
``as_of`` (today by default).
"""

from __future__ import annotations

from datetime import date

import networkx as nx

from ecomap.graph import actors, analysis_date, power_graph, to_igraph

__all__ = [
    "structural_power",
    "power_index",
]

_STRUCTURAL_POWER = "_ecomap_structural_power"


def _influence(data: dict) -> float | None:
    value = data.get("influence")
    return None if value is None else float(value)


def structural_power(
    G: nx.MultiDiGraph, *, as_of: date | None = None, damping: float = 0.85
) -> dict[str, float]:
    """Structural power of every actor, from 0 to 1.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : datetime.date, optional
        Analysis date (default today): relations not in force that day are ignored.
    damping : float, default 0.85
        PageRank damping factor.

    Returns
    -------
    dict
        Actor id → s(a) in [0, 1], for every actor of the map (in map order); the
        most powerful actor has 1.0. An empty map gives ``{}``.

    Notes
    -----
    s(a) is the PageRank (damping 0.85) of the graph that has an edge b→a of weight
    P(a→b) for each power relation a→b: the random walk moves from the dominated to
    the dominant, so holding power over powerful actors counts more. When at least
    one actor of the map declares an influence, the teleport (and dangling) vector is
    proportional to 1 + influence (an actor without a declared influence counts 1);
    otherwise it is uniform. The result is divided by its maximum. With no power
    relation at all, every actor gets the same score (1.0), or a score proportional
    to 1 + influence when influences are declared.

    Computed with igraph's PRPACK solver, which handles dangling nodes the way
    ``networkx.pagerank`` does (they jump along the personalisation vector).

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> for i, name in (("r", "Région"), ("m", "Mairie")):
    ...     eco.add(Actor(id=i, name=name, kind="institution"))
    >>> eco.add(Relation(source="r", target="m", type="power", power_type="economic"))
    >>> s = structural_power(to_graph(eco))
    >>> s["r"], round(s["m"], 3)
    (1.0, 0.541)
    """
    P = power_graph(G, as_of=as_of)
    key = (_STRUCTURAL_POWER, float(damping))
    cached = P.graph.get(key)
    if cached is not None:
        return dict(cached)
    graph, names = to_igraph(P, weight="weight")
    if not names:
        return {}
    import igraph as ig

    reversed_graph = ig.Graph(
        n=len(names), edges=[(v, u) for u, v in graph.get_edgelist()], directed=True
    )
    weights = graph.es["weight"] if graph.ecount() else None
    influences = [_influence(P.nodes[n]) for n in names]
    reset = None
    if any(x is not None for x in influences):
        reset = [1.0 + (x or 0.0) for x in influences]
    ranks = reversed_graph.personalized_pagerank(
        damping=damping, weights=weights, reset=reset, implementation="prpack"
    )
    top = max(ranks)
    result = {n: float(r / top) if top > 0 else 0.0 for n, r in zip(names, ranks, strict=True)}
    P.graph[key] = result
    return dict(result)


def power_index(G: nx.MultiDiGraph, *, as_of: date | None = None) -> dict[str, float]:
    """The power index π of every actor, from 0 to 1.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : datetime.date, optional
        Analysis date (default today).

    Returns
    -------
    dict
        Actor id → π(a), for every actor of the map (in map order).

    Notes
    -----
    π(a) is the mean of the structural power s(a) (:func:`structural_power`) and the
    declared influence / 5 when the actor declares an influence, else s(a).

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="r", name="Région", kind="institution", influence=3))
    >>> eco.add(Actor(id="m", name="Mairie", kind="institution"))
    >>> eco.add(Relation(source="r", target="m", type="power", power_type="economic"))
    >>> pi = power_index(to_graph(eco))
    >>> pi["r"]  # (1 + 3/5) / 2
    0.8
    """
    day = analysis_date(as_of)
    s = structural_power(G, as_of=day)
    index: dict[str, float] = {}
    for node_id, data in actors(G).items():
        influence = _influence(data)
        score = s.get(node_id, 0.0)
        index[node_id] = score if influence is None else float((score + influence / 5) / 2)
    return index
