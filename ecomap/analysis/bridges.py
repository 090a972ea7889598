"""Bridging actors: who links parts of the cooperation network that would otherwise drift apart.

Everything here works on the **cooperation graph** (actors, one undirected edge per
cooperating pair), unweighted unless asked otherwise (DESIGN.md §3, "Bridging actors"):

- :func:`betweenness` — shortest-path betweenness, normalised as networkx does, exact up
  to ``exact_limit`` actors and estimated from a seeded sample of source actors above;
- :func:`brokerage_roles` — Gould and Fernandez's brokerage roles on open paths A–B–C;
- :func:`communities` — Louvain or Leiden communities (seeded) and each actor's
  participation coefficient;
- :func:`bridges` — one record per actor with all of the above, articulation points,
  Burt's constraint and effective size, the levels it bridges, and its reasons.

The heavy kernels run in igraph on the cached copy of the cooperation graph
(:func:`ecomap.graph.to_igraph`); their results are checked against networkx in the
tests.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from itertools import chain
from typing import Any

import networkx as nx
import numpy as np

from ecomap.analysis.levels import LEVELS, _partner_levels
from ecomap.analysis.reasons import Number, Percent, Reason, Shown, in_words, register
from ecomap.graph import (
    actor_nodes,
    analysis_date,
    cooperation_graph,
    cooperation_igraph,
    cooperation_ties,
    home_organisation,
    to_igraph,
)
from ecomap.i18n import label, listing, of_name, say
from ecomap.model import ActorKind

__all__ = [
    "ROLES",
    "GROUPINGS",
    "DEFAULT_SAMPLES",
    "betweenness",
    "sample_size",
    "brokerage_roles",
    "communities",
    "bridges",
]

#: Gould and Fernandez's roles on undirected ties, in the order results list them.
ROLES: tuple[str, ...] = ("coordinator", "consultant", "gatekeeper_representative", "liaison")

#: What an actor's group can be, for brokerage roles.
GROUPINGS: tuple[str, ...] = ("organisation", "territory", "level")

#: Fewest source actors sampled when betweenness is estimated.
DEFAULT_SAMPLES = 200

MESSAGES = {
    "en": {
        "betweenness": (
            "{name} lies on {share} of the shortest cooperation paths between two other "
            "actors (betweenness, rank {rank} of {n})"
        ),
        "betweenness_sampled": (
            "{name} lies on about {share} of the shortest cooperation paths between two "
            "other actors (betweenness estimated from {k} sampled actors, rank {rank} of {n})"
        ),
        "cut_point": (
            "{name} is a cut-point: without {name}, their part of the cooperation network "
            "splits into {parts} pieces"
        ),
        "brokerage_one": (
            "{name} links 1 pair of partners who do not cooperate with each other "
            "({roles}; groups: {groups})"
        ),
        "brokerage_many": (
            "{name} links {total} pairs of partners who do not cooperate with each other "
            "({roles}; groups: {groups})"
        ),
        "role_count": "{n} as {role}",
        "coordinator": "coordinator",
        "consultant": "consultant",
        "gatekeeper_representative": "gatekeeper or representative",
        "liaison": "liaison",
        "group_organisation": "organisations",
        "group_territory": "territories",
        "group_level": "levels",
        "holes": (
            "{name} has {effective} non-redundant contacts out of {degree} (effective size; "
            "constraint {constraint})"
        ),
        "levels": "{name} ({level}) cooperates with {levels} actors",
        "participation_one": (
            "The cooperations of {name} reach 1 other community (participation coefficient {p})"
        ),
        "participation_many": (
            "The cooperations of {name} reach {count} other communities (participation "
            "coefficient {p})"
        ),
    },
    "fr": {
        "betweenness": (
            "{name} se trouve sur {share} des plus courts chemins de coopération entre deux "
            "autres acteurs (intermédiarité, rang {rank} sur {n})"
        ),
        "betweenness_sampled": (
            "{name} se trouve sur environ {share} des plus courts chemins de coopération entre "
            "deux autres acteurs (intermédiarité estimée à partir de {k} acteurs tirés au "
            "sort, rang {rank} sur {n})"
        ),
        "cut_point": (
            "{name} est un point d'articulation : sans {name}, sa partie du réseau de "
            "coopération se coupe en {parts} morceaux"
        ),
        "brokerage_one": (
            "{name} relie 1 paire de partenaires qui ne coopèrent pas entre eux "
            "({roles} ; groupes : {groups})"
        ),
        "brokerage_many": (
            "{name} relie {total} paires de partenaires qui ne coopèrent pas entre eux "
            "({roles} ; groupes : {groups})"
        ),
        "role_count": "{n} comme {role}",
        "coordinator": "coordinateur",
        "consultant": "consultant",
        "gatekeeper_representative": "gardien ou représentant",
        "liaison": "agent de liaison",
        "group_organisation": "organisations",
        "group_territory": "territoires",
        "group_level": "niveaux",
        "holes": (
            "{name} a {effective} contacts non redondants sur {degree} (taille effective ; "
            "contrainte {constraint})"
        ),
        "levels": "{name} ({level}) coopère avec des acteurs {levels}",
        "participation_one": (
            "Les coopérations {of_name} touchent 1 autre communauté (coefficient de "
            "participation {p})"
        ),
        "participation_many": (
            "Les coopérations {of_name} touchent {count} autres communautés (coefficient de "
            "participation {p})"
        ),
    },
}


def _cooperation(G: nx.MultiDiGraph, day: date, weighted: bool):
    """The cooperation graph, its cached igraph copy and the vertex names."""
    C = cooperation_graph(G, as_of=day)
    if weighted:
        graph, names = to_igraph(C, weight="strength")
    else:  # the same copy, made from the cooperations' ends
        graph, names = cooperation_igraph(G, as_of=day)
    return C, graph, names


def _in_map_order(C: nx.Graph, names: list[str], values: list) -> dict[str, Any]:
    """Actor id → its value (``values`` in igraph's vertex order), keys in map order."""
    value_of = dict(zip(names, values, strict=True))
    return {actor: value_of[actor] for actor in C}


def _distances(graph) -> list[float]:
    """Edge lengths for weighted paths: 1 / strength (a strong tie is a short one)."""
    return [1.0 / s for s in graph.es["strength"]]


def sample_size(n: int, *, exact_limit: int = 2000, samples: int | None = None) -> int | None:
    """How many source actors betweenness samples for ``n`` actors (None: exact).

    Parameters
    ----------
    n : int
        Number of actors in the cooperation graph.
    exact_limit : int
        Up to this many actors betweenness is exact.
    samples : int, optional
        The number of sources to sample above ``exact_limit``. Default:
        ``max(DEFAULT_SAMPLES, ceil(exact_limit² / n))``, which keeps the work (sources ×
        actors) about that of an exact run at ``exact_limit`` actors, and never samples
        fewer than 200 sources.

    Returns
    -------
    int or None
        The sample size, or None when betweenness is computed exactly (``n`` at most
        ``exact_limit``, or the sample would hold every actor).

    Raises
    ------
    ValueError
        When ``samples`` is below 2 (one source cannot estimate its own betweenness).

    Examples
    --------
    >>> sample_size(1500), sample_size(10_000), sample_size(100_000)
    (None, 400, 200)
    >>> sample_size(100_000, samples=50)
    50
    """
    if samples is not None and samples < 2:
        raise ValueError(f"samples must be at least 2, not {samples}")
    if n <= exact_limit:
        return None
    k = samples if samples is not None else max(DEFAULT_SAMPLES, math.ceil(exact_limit**2 / n))
    return None if k >= n else k


def _betweenness(graph, *, weighted: bool, k: int | None, seed: int) -> list[float]:
    """Normalised betweenness per igraph vertex (see :func:`betweenness`)."""
    n = graph.vcount()
    if n < 3 or graph.ecount() == 0:
        return [0.0] * n
    weights = _distances(graph) if weighted else None
    if k is None:
        # igraph counts each unordered pair once; networkx normalises the ordered count
        # by (n-1)(n-2), i.e. the unordered count by (n-1)(n-2)/2.
        scale = 2.0 / ((n - 1) * (n - 2))
        return [b * scale for b in graph.betweenness(directed=False, weights=weights)]
    sources = random.Random(seed).sample(range(n), k)
    partial = graph.betweenness(directed=False, weights=weights, sources=sources)
    # igraph's partial sums count each (source, target) path as half a path on an
    # undirected graph: 2 × partial is networkx's ordered sum over the sampled sources.
    # A sampled actor has k − 1 sources other than itself, the others have k.
    # 2.0 * b / (count of sources × (n − 2)), element by element as numpy does it (the
    # same floating-point operations, in the same order, as one number at a time).
    count = np.full(n, k, dtype=np.int64)
    count[sources] = k - 1
    return (2.0 * np.asarray(partial, dtype=float) / (count * (n - 2))).tolist()


def betweenness(
    G: nx.MultiDiGraph,
    *,
    as_of: date | None = None,
    exact_limit: int = 2000,
    samples: int | None = None,
    seed: int = 0,
    weighted: bool = False,
) -> dict[str, float]:
    """Shortest-path betweenness of every actor in the cooperation graph, normalised.

    Parameters
    ----------
    G : MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : date, optional
        Analysis date (default today); cooperations not in force that day are ignored.
    exact_limit : int
        Exact computation up to this many actors (default 2,000); above, estimated from a
        sample of source actors.
    samples : int, optional
        Number of source actors sampled above ``exact_limit`` (see :func:`sample_size`
        for the default).
    seed : int
        Seed of the sample: the same seed gives the same estimate.
    weighted : bool
        When True, a tie's length is 1 / strength (a strong cooperation is a short path);
        strength is never used as a length.

    Returns
    -------
    dict
        Actor id → betweenness in [0, 1], every actor in map order (0 for isolated ones).

    Raises
    ------
    ValueError
        When ``samples`` is below 2.

    Notes
    -----
    Betweenness of v is :math:`\\sum_{s<t} \\sigma_{st}(v) / \\sigma_{st}` over pairs of
    other actors, divided by :math:`(n-1)(n-2)/2` — the value of
    ``networkx.betweenness_centrality(C, normalized=True)``. It is computed with igraph
    (Brandes' algorithm, 2001).

    Above ``exact_limit`` actors, k source actors are drawn with
    ``random.Random(seed).sample`` over the actors in id order (the draw networkx
    makes on a graph whose nodes are in id order; never the map's row order, which
    carries no meaning) and the partial sums over those sources are scaled up as networkx 3.6 does
    (Brandes and Pich, 2007): by (n−1)/k for an actor that was not drawn and by
    (n−1)/(k−1) for one that was (a source never lies on its own paths). This is the
    n/k rescaling of DESIGN.md §3 with the count of possible sources made exact; the
    result equals ``networkx.betweenness_centrality(C, k=k, seed=seed)`` for ``C`` with
    its nodes in id order.

    Measured error against the exact values (unweighted, seeds 0 to 4):

    - Barabási–Albert graph of 3,000 nodes (m = 2), a few strong hubs (top value
      0.22): with 300 sources, 16 to 19 of the exact top 20 are found and the largest
      absolute error is 0.010–0.023; with 1,000 sources, 17 to 20 and 0.004–0.012.
    - Benchmark ecosystems (``benchmarks.generate``, where a few boundary spanners
      per organisation carry most cross-organisation ties, as in real ecosystems;
      top value 0.12 at 10,000 nodes): the default 1,354 sources find 18 to 20 of
      the exact top 20 at 3,000 nodes (mean relative error on them 3%), 407 sources
      17 to 20 at 10,000 nodes (9%), 200 sources 17 to 18 at 30,000 nodes (14%).
    - A flat network without such spanners (the same generator before they were
      added: top value 0.0098 at 10,000 nodes, largest degree 14) is the hard case:
      at 10,000 nodes 407 sources find only 10 to 14 of the top 20 (mean relative
      error 15%), 1,000 sources 13 to 17 (10%).

    Where many actors have nearly equal betweenness the ranking is the least reliable
    part; raise ``samples`` (cost grows linearly) or ``exact_limit`` there.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> for i in "abc": eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    >>> eco.add(Relation(source="a", target="b", type="cooperates"))
    >>> eco.add(Relation(source="b", target="c", type="cooperates"))
    >>> betweenness(to_graph(eco))
    {'a': 0.0, 'b': 1.0, 'c': 0.0}

    References
    ----------
    .. [1] Ulrik Brandes, "A Faster Algorithm for Betweenness Centrality", *Journal of
       Mathematical Sociology* 25(2):163–177, 2001.
    .. [2] Ulrik Brandes and Christian Pich, "Centrality Estimation in Large Networks",
       *International Journal of Bifurcation and Chaos* 17(7):2303–2318, 2007.
    .. [3] Linton C. Freeman, "A Set of Measures of Centrality Based on Betweenness",
       *Sociometry* 40(1):35–41, 1977.
    """
    day = analysis_date(as_of)
    C, graph, names = _cooperation(G, day, weighted)
    k = sample_size(len(names), exact_limit=exact_limit, samples=samples)
    values = _betweenness(graph, weighted=weighted, k=k, seed=seed)
    return _in_map_order(C, names, values)


def _group_ids(
    nodes: dict[str, dict[str, Any]], names: list[str], groups: str, home: dict[str, str]
) -> np.ndarray:
    """Each actor's group as a number; an actor without a group is a group of its own
    (``nodes``: actor id → its attributes)."""
    if groups == "organisation":
        keys: list[Any] = [
            home.get(a, a) if nodes[a]["kind"] == ActorKind.PERSON else a for a in names
        ]
    elif groups in ("territory", "level"):
        keys = []
        for a in names:
            value = nodes[a].get(groups)
            keys.append(("self", a) if value in (None, "") else ("value", str(value)))
    else:
        raise ValueError(f"groups must be one of {', '.join(GROUPINGS)}, not {groups!r}")
    number: dict[Any, int] = {}
    return np.array([number.setdefault(k, len(number)) for k in keys], dtype=np.int64)


def _both_ways(graph, edges: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Every tie seen from each end: (actor, partner) arrays of length 2m (``edges``:
    the graph's edge list as an m × 2 array, when already read)."""
    if edges is None:
        edges = _edges(graph)
    return (
        np.concatenate([edges[:, 0], edges[:, 1]]),
        np.concatenate([edges[:, 1], edges[:, 0]]),
    )


def _edges(graph) -> np.ndarray:
    """The graph's edges as an m × 2 array of vertex numbers."""
    return np.asarray(graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)


def _triangles(graph) -> np.ndarray:
    """The graph's triangles as a T × 3 array of vertex numbers."""
    return np.asarray(graph.list_triangles(), dtype=np.int64).reshape(-1, 3)


def _brokerage(
    graph,
    group: np.ndarray,
    edges: np.ndarray | None = None,
    triangles: np.ndarray | None = None,
) -> np.ndarray:
    """Role counts (columns in :data:`ROLES` order) per igraph vertex.

    All pairs of partners are counted by group, then each triangle takes its closed
    pair off the count of each of its three corners. ``edges`` and ``triangles``: the
    graph's, when already read (:func:`_edges`, :func:`_triangles`).
    """
    n = graph.vcount()
    counts = np.zeros((n, len(ROLES)), dtype=np.int64)
    broker, partner = _both_ways(graph, edges)
    if not len(broker):
        return counts
    width = int(group.max()) + 1
    # How many partners each broker has in each group.
    cell, size = np.unique(broker * width + group[partner], return_counts=True)
    owner, cell_group = np.divmod(cell, width)
    own = cell_group == group[owner]
    same = np.bincount(owner[own], weights=size[own], minlength=n).astype(np.int64)
    pairs = size * (size - 1) // 2
    consultant = np.bincount(owner[~own], weights=pairs[~own], minlength=n).astype(np.int64)
    other = np.bincount(broker, minlength=n) - same
    counts[:, 0] = same * (same - 1) // 2
    counts[:, 1] = consultant
    counts[:, 2] = same * other
    counts[:, 3] = other * (other - 1) // 2 - consultant
    if triangles is None:
        triangles = _triangles(graph)
    for b, a, c in ((0, 1, 2), (1, 0, 2), (2, 0, 1)):
        gb, ga, gc = (group[triangles[:, i]] for i in (b, a, c))
        role = np.where(ga == gc, np.where(gb == ga, 0, 1), np.where((gb == ga) | (gb == gc), 2, 3))
        np.subtract.at(counts, (triangles[:, b], role), 1)
    return counts


def brokerage_roles(
    G: nx.MultiDiGraph,
    *,
    groups: str = "organisation",
    as_of: date | None = None,
) -> dict[str, dict[str, int]]:
    """Gould and Fernandez's brokerage roles of every actor, on undirected cooperation ties.

    Parameters
    ----------
    G : MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    groups : {"organisation", "territory", "level"}
        What makes a group: a person's home organisation (DESIGN.md §2,
        :func:`ecomap.graph.home_organisation`; a non-person actor is its own group),
        the ``territory`` field, or the ``level``.
    as_of : date, optional
        Analysis date (default today).

    Returns
    -------
    dict
        Actor id → ``{role: count}`` with all four roles of :data:`ROLES` (zero counts
        included), every actor in map order.

    Raises
    ------
    ValueError
        When ``groups`` is not one of :data:`GROUPINGS`.

    Notes
    -----
    Every open path A–B–C of the cooperation graph (A and C cooperate with B but not
    with each other) is counted once, for broker B, by the groups of A, B and C:

    - ``coordinator``: all three in one group;
    - ``consultant``: A and C in one group, B in another;
    - ``gatekeeper_representative``: B shares its group with exactly one of A and C
      (on undirected ties a gatekeeper cannot be told from a representative);
    - ``liaison``: three different groups.

    An actor with no group value (a person with no organisation, an actor with no
    territory) is a group of its own: nothing says it shares a group with anyone.

    For each broker the pairs of partners are counted by group with binomial counts
    (from the number of its partners in each group), then each triangle takes its
    closed pair off the count of each of its three corners: O(m log m + T) in all, for
    m ties and T triangles (listed by igraph), instead of enumerating the Σ degree²
    pairs of partners.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> for i in "abc": eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    >>> eco.add(Relation(source="a", target="b", type="cooperates"))
    >>> eco.add(Relation(source="b", target="c", type="cooperates"))
    >>> brokerage_roles(to_graph(eco))["b"]
    {'coordinator': 0, 'consultant': 0, 'gatekeeper_representative': 0, 'liaison': 1}

    References
    ----------
    .. [1] Roger V. Gould and Roberto M. Fernandez, "Structures of Mediation: A Formal
       Approach to Brokerage in Transaction Networks", *Sociological Methodology*
       19:89–126, 1989.
    """
    day = analysis_date(as_of)
    C, graph, names = _cooperation(G, day, weighted=False)
    counts = _brokerage(graph, _group_ids(C._node, names, groups, home_organisation(G, as_of=day)))
    return _in_map_order(C, names, [dict(zip(ROLES, map(int, c), strict=True)) for c in counts])


@contextmanager
def _seeded_igraph(seed: int) -> Iterator[None]:
    """Run igraph's random choices from ``random.Random(seed)``, then give back its default."""
    from ecomap.imports import igraph

    ig = igraph()

    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def _communities(graph, *, method: str, seed: int, weighted: bool, resolution: float):
    """(membership per vertex, numbered by size then first vertex; modularity or None)."""
    weights = graph.es["strength"] if weighted else None
    with _seeded_igraph(seed):
        if method == "louvain":
            found = graph.community_multilevel(weights=weights, resolution=resolution)
        elif method == "leiden":
            found = graph.community_leiden(
                objective_function="modularity",
                weights=weights,
                resolution=resolution,
                n_iterations=-1,
            )
        else:
            raise ValueError(f"method must be 'louvain' or 'leiden', not {method!r}")
    raw = found.membership
    first: dict[int, int] = {}
    size: Counter = Counter(raw)
    for vertex, c in enumerate(raw):
        first.setdefault(c, vertex)
    order = sorted(size, key=lambda c: (-size[c], first[c]))
    number = {c: i for i, c in enumerate(order)}
    membership = [number[c] for c in raw]
    modularity = None
    if graph.ecount():
        q = graph.modularity(membership, weights=weights, resolution=resolution)
        modularity = float(q) if math.isfinite(q) else None
    return membership, modularity


def _participation(
    graph, membership: np.ndarray, weighted: bool, edges: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Participation coefficient and number of other communities reached, per vertex."""
    n = graph.vcount()
    actor, partner = _both_ways(graph, edges)
    if not len(actor):
        return np.zeros(n), np.zeros(n, dtype=np.int64)
    strength = np.asarray(graph.es["strength"] if weighted else [1.0] * graph.ecount())
    weight = np.concatenate([strength, strength])
    width = int(membership.max()) + 1
    cell, where = np.unique(actor * width + membership[partner], return_inverse=True)
    towards = np.bincount(where, weights=weight)
    owner, community = np.divmod(cell, width)
    total = np.bincount(actor, weights=weight, minlength=n)
    squares = np.bincount(owner, weights=(towards / total[owner]) ** 2, minlength=n)
    # Clipped: the squared shares of one actor may sum to 1 plus a rounding error.
    coefficient = np.where(total > 0, np.clip(1.0 - squares, 0.0, 1.0), 0.0)
    reached = np.bincount(owner[community != membership[owner]], minlength=n)
    return coefficient, reached


def communities(
    G: nx.MultiDiGraph,
    *,
    as_of: date | None = None,
    method: str = "louvain",
    seed: int = 0,
    weighted: bool = False,
    resolution: float = 1.0,
) -> dict[str, Any]:
    """Communities of the cooperation graph and each actor's participation coefficient.

    Parameters
    ----------
    G : MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : date, optional
        Analysis date (default today).
    method : {"louvain", "leiden"}
        Louvain (igraph's ``community_multilevel``) or Leiden optimising modularity
        (``community_leiden``, iterated until stable).
    seed : int
        Seed of the algorithm's random choices: the same seed gives the same partition.
    weighted : bool
        When True, ties weigh their strength (1–3) in modularity and participation.
    resolution : float
        Modularity resolution (1 is the classic modularity).

    Returns
    -------
    dict
        ``method``; ``modularity`` (None when there is no tie); ``count`` (number of
        communities); ``sizes`` (largest first); ``membership`` (actor id → community
        number, 0 for the largest community, ties between sizes broken by the smallest
        member id); ``participation`` (actor id → coefficient); every actor
        in map order.

    Raises
    ------
    ValueError
        When ``method`` is unknown.

    Notes
    -----
    The participation coefficient of actor i (Guimerà and Amaral, 2005) is
    :math:`P_i = 1 - \\sum_s (k_{is} / k_i)^2`, where :math:`k_i` is its number of ties
    (or their summed strength when ``weighted``) and :math:`k_{is}` those that go to
    community s: 0 when all its cooperations stay in one community, towards 1 when they
    spread evenly over many. It is 0 for an actor without any cooperation.

    igraph draws its random numbers from Python's ``random`` module; for the run, a
    ``random.Random(seed)`` takes its place, and the module is given back afterwards,
    so the result does not depend on (nor changes) the global random state; igraph's
    generator is process-wide, so two threads running igraph at once could still draw
    from each other's. Isolated
    actors are communities of one. Unweighted by default (DESIGN.md §3).

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> for i in "abcdef": eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    >>> for u, v in ["ab", "bc", "ac", "de", "ef", "df", "cd"]:
    ...     eco.add(Relation(source=u, target=v, type="cooperates"))
    >>> found = communities(to_graph(eco))
    >>> found["count"], found["membership"]
    (2, {'a': 0, 'b': 0, 'c': 0, 'd': 1, 'e': 1, 'f': 1})
    >>> round(found["participation"]["c"], 4), round(found["modularity"], 4)
    (0.4444, 0.3571)

    References
    ----------
    .. [1] Vincent D. Blondel, Jean-Loup Guillaume, Renaud Lambiotte and Etienne
       Lefebvre, "Fast unfolding of communities in large networks", *Journal of
       Statistical Mechanics* P10008, 2008.
    .. [2] Vincent A. Traag, Ludo Waltman and Nees Jan van Eck, "From Louvain to Leiden:
       guaranteeing well-connected communities", *Scientific Reports* 9:5233, 2019.
    .. [3] Roger Guimerà and Luís A. Nunes Amaral, "Functional cartography of complex
       metabolic networks", *Nature* 433:895–900, 2005.
    """
    day = analysis_date(as_of)
    C, graph, names = _cooperation(G, day, weighted)
    membership, modularity = _communities(
        graph, method=method, seed=seed, weighted=weighted, resolution=resolution
    )
    participation, _ = _participation(graph, np.asarray(membership), weighted)
    sizes = Counter(membership)
    return {
        "method": method,
        "modularity": modularity,
        "count": len(sizes),
        "sizes": [sizes[c] for c in range(len(sizes))],
        "membership": _in_map_order(C, names, membership),
        "participation": _in_map_order(C, names, list(map(float, participation))),
    }


def _structural_holes(
    graph, triangles: np.ndarray | None = None
) -> tuple[list[float | None], list[float | None]]:
    """Burt's constraint and effective size per vertex, unweighted (None when isolated)."""
    degree = graph.degree()
    constraint = [
        float(c) if d and math.isfinite(c) else None
        for c, d in zip(graph.constraint(), degree, strict=True)
    ]
    corners = (_triangles(graph) if triangles is None else triangles).ravel()
    triangles = np.bincount(corners, minlength=graph.vcount()).tolist()
    # Borgatti's form for undirected, unweighted ties: n − 2t/n, where t counts the ties
    # among the n contacts (each such tie closes a triangle through the actor).
    effective = [
        float(d - 2 * t / d) if d else None for d, t in zip(degree, triangles, strict=True)
    ]
    return constraint, effective


def _cut_points(graph) -> dict[int, int]:
    """Articulation point → number of pieces its removal leaves of its component."""
    blocks, points = graph.biconnected_components(return_articulation_points=True)
    if not points:
        return {}
    # How many blocks each vertex belongs to, counted over every block's members.
    members = np.fromiter(chain.from_iterable(blocks), dtype=np.int64)
    pieces = np.bincount(members, minlength=graph.vcount()).tolist()
    return {v: pieces[v] for v in points}


def bridges(
    G: nx.MultiDiGraph,
    *,
    as_of: date | None = None,
    lang: str = "en",
    groups: str = "organisation",
    exact_limit: int = 2000,
    samples: int | None = None,
    seed: int = 0,
    weighted: bool = False,
    top: int | None = None,
    method: str = "louvain",
    words: bool = True,
    rows: int | None = None,
) -> list[dict[str, Any]]:
    """Bridging actors: betweenness, cut-points, structural holes, brokerage, communities.

    Parameters
    ----------
    G : MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : date, optional
        Analysis date (default today); cooperations not in force that day are ignored.
    lang : {"en", "fr"}
        Language of the reasons.
    groups : {"organisation", "territory", "level"}
        Groups for the brokerage roles (see :func:`brokerage_roles`).
    exact_limit, samples, seed, weighted
        As for :func:`betweenness`; ``seed`` also seeds the communities and ``weighted``
        also weighs them (constraint and effective size stay unweighted).
    top : int, optional
        Keep only the ``top`` actors of highest betweenness.
    method : {"louvain", "leiden"}
        Community detection (see :func:`communities`).
    words : bool
        Reasons in words (default); False keeps them as :class:`~ecomap.analysis.reasons.Reason`
        codes, for a caller that words only what it shows.
    rows : int, optional
        Make only the first ``rows`` records (a :class:`~ecomap.analysis.reasons.Shown`
        list that knows how many there are), for a summary that prints those.

    Returns
    -------
    list of dict
        One record per actor, highest betweenness first (then by id): ``actor``,
        ``name``, ``betweenness``, ``articulation_point``, ``constraint`` and
        ``effective_size`` (None for an actor without cooperation), ``brokerage`` (the
        four roles with their counts, zeros included), ``levels_bridged`` (levels of its
        cooperation partners other than its own, in the order micro, meso, macro),
        ``community``, ``participation`` and ``reasons``.

    Raises
    ------
    ValueError
        For an unknown ``groups`` or ``method``, or ``samples`` below 2.

    Notes
    -----
    DESIGN.md §3, "Bridging actors", all on the cooperation graph:

    - betweenness as in :func:`betweenness`;
    - an **articulation point** (cut-point) is an actor whose removal disconnects its
      component; the reason says into how many pieces (the number of biconnected
      blocks it belongs to);
    - Burt's **constraint** :math:`c_i = \\sum_{j \\ne i} (p_{ij} + \\sum_{q \\ne i,j}
      p_{iq} p_{qj})^2` with :math:`p_{ij} = 1/\\deg(i)` on unweighted ties (igraph's
      ``constraint``, equal to ``networkx.constraint``), and **effective size**
      :math:`n - 2t/n` for n contacts with t ties among them (Borgatti's form, equal to
      ``networkx.effective_size``); both None for an isolated actor, where networkx
      gives NaN;
    - brokerage roles as in :func:`brokerage_roles`, communities and participation as in
      :func:`communities`.

    Reasons are given for what stands out: a betweenness above 0, a cut-point, at least
    one brokered pair, two contacts or more (structural holes), partners at other
    levels, cooperations reaching other communities.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="ferme", name="Ferme", kind="organisation"))
    >>> eco.add(Actor(id="ecole", name="École", kind="organisation"))
    >>> eco.add(Actor(id="nadia", name="Nadia", kind="person"))
    >>> eco.add(Relation(source="nadia", target="ferme", type="cooperates"))
    >>> eco.add(Relation(source="nadia", target="ecole", type="cooperates"))
    >>> first = bridges(to_graph(eco))[0]
    >>> first["name"], first["betweenness"], first["articulation_point"], first["brokerage"]
    ('Nadia', 1.0, True, {'coordinator': 0, 'consultant': 0, 'gatekeeper_representative': 0, 'liaison': 1})
    >>> first["constraint"], first["effective_size"], first["levels_bridged"]
    (0.5, 2.0, ['meso'])
    >>> first["reasons"][1]
    'Nadia is a cut-point: without Nadia, their part of the cooperation network splits into 2 pieces'

    References
    ----------
    .. [1] Ronald S. Burt, *Structural Holes: The Social Structure of Competition*,
       Harvard University Press, 1992.
    .. [2] Stephen P. Borgatti, "Structural Holes: Unpacking Burt's Redundancy
       Measures", *Connections* 20(1):35–38, 1997.
    .. [3] Roger V. Gould and Roberto M. Fernandez, "Structures of Mediation",
       *Sociological Methodology* 19:89–126, 1989.
    .. [4] Ulrik Brandes, "A Faster Algorithm for Betweenness Centrality", *Journal of
       Mathematical Sociology* 25(2):163–177, 2001.
    .. [5] Roger Guimerà and Luís A. Nunes Amaral, "Functional cartography of complex
       metabolic networks", *Nature* 433:895–900, 2005.
    """
    day = analysis_date(as_of)
    if weighted:
        C, graph, names = _cooperation(G, day, weighted)
        nodes, edges = C._node, _edges(graph)
    else:  # the igraph copy, its edges and the actors, without the cooperation graph
        graph, names = cooperation_igraph(G, as_of=day)
        nodes, edges = actor_nodes(G), cooperation_ties(G, as_of=day)
    n = len(names)
    k = sample_size(n, exact_limit=exact_limit, samples=samples)
    between = _betweenness(graph, weighted=weighted, k=k, seed=seed)
    cut_points = _cut_points(graph)
    # The triangles read once, for the measures that read them (the edges too, above).
    triangles = _triangles(graph)
    constraint, effective = _structural_holes(graph, triangles)
    group = _group_ids(nodes, names, groups, home_organisation(G, as_of=day))
    roles = _brokerage(graph, group, edges, triangles)
    membership, _ = _communities(graph, method=method, seed=seed, weighted=weighted, resolution=1.0)
    participation, reached = _participation(graph, np.asarray(membership), weighted, edges)
    partner_levels = _partner_levels(G, day)  # as levels_bridged, for the rows made
    degree = graph.degree()

    # Highest betweenness first, then by id: igraph's vertices are in id order, so a
    # stable sort on betweenness alone breaks ties by id.
    order = np.argsort(-np.asarray(between, dtype=float), kind="stable").tolist()
    if top is not None:
        order = order[:top]
    total = len(order)
    if rows is not None:
        order = order[:rows]
    # Arrays made Python lists once (a record per actor reads one item of each).
    role_counts = np.asarray(roles).tolist()
    participations = np.asarray(participation, dtype=float).tolist()
    reaches = np.asarray(reached).tolist()
    records = []
    for rank, v in enumerate(order, start=1):
        actor = names[v]
        node = nodes[actor]
        counts = role_counts[v]
        levels_of = [lv for lv in LEVELS if lv in partner_levels[actor]]
        values = {
            "betweenness": between[v],
            "constraint": constraint[v],
            "effective_size": effective[v],
            "degree": degree[v],
            "parts": cut_points.get(v),
            "roles": counts,
            "levels": levels_of,
            "reached": reaches[v],
            "participation": participations[v],
        }
        records.append(
            {
                "actor": actor,
                "name": node["name"],
                "betweenness": float(between[v]),
                "articulation_point": v in cut_points,
                "constraint": constraint[v],
                "effective_size": effective[v],
                "brokerage": dict(zip(ROLES, counts, strict=True)),
                "levels_bridged": levels_of,
                "community": membership[v],
                "participation": values["participation"],
                "reasons": _reasons(node, values, rank=rank, n=n, k=k, groups=groups),
            }
        )
    if rows is not None:
        records = Shown(records, total)
    return records if not words else in_words(records, lang)


def _reasons(
    node: dict[str, Any],
    values: dict[str, Any],
    *,
    rank: int,
    n: int,
    k: int | None,
    groups: str,
) -> list[Reason]:
    name = node["name"]
    reasons = []
    if values["betweenness"] > 0:
        key = "betweenness" if k is None else "betweenness_sampled"
        reasons.append(Reason(f"bridges.{key}", name=name, share=Percent(values["betweenness"]),
                              rank=rank, n=n, k=k))  # fmt: skip
    if values["parts"] is not None:
        reasons.append(Reason("bridges.cut_point", name=name, parts=values["parts"]))
    total = sum(values["roles"])
    if total:
        reasons.append(Reason("bridges.brokerage", name=name, roles=tuple(values["roles"]),
                              groups=groups))  # fmt: skip
    if values["degree"] >= 2:
        reasons.append(
            Reason("bridges.holes", name=name, effective=Number(values["effective_size"], 1),
                   degree=values["degree"], constraint=Number(values["constraint"]))
        )  # fmt: skip
    if values["levels"]:
        reasons.append(Reason("bridges.levels", name=name, level=node["level"],
                              levels=tuple(values["levels"])))  # fmt: skip
    if values["reached"]:
        reasons.append(
            Reason(
                "bridges.participation_one" if values["reached"] == 1
                else "bridges.participation_many",
                name=name, of_name=of_name(name), count=values["reached"],
                p=Number(values["participation"]),
            )
        )  # fmt: skip
    return reasons


def _say_brokerage(lang: str, *, name: str, roles: tuple[int, ...], groups: str) -> str:
    total = sum(roles)
    detail = [
        say(MESSAGES, "role_count", lang, n=count, role=say(MESSAGES, role, lang))
        for role, count in zip(ROLES, roles, strict=True)
        if count
    ]
    return say(MESSAGES, "brokerage_one" if total == 1 else "brokerage_many", lang, name=name,
               total=total, roles=", ".join(detail),
               groups=say(MESSAGES, f"group_{groups}", lang))  # fmt: skip


def _say_levels(lang: str, *, name: str, level: Any, levels: tuple[Any, ...]) -> str:
    return say(MESSAGES, "levels", lang, name=name, level=label(level, lang),
               levels=listing([label(lv, lang) for lv in levels], lang))  # fmt: skip


register("bridges", MESSAGES, brokerage=_say_brokerage, levels=_say_levels)
