"""Power games: who holds power over whom, which relationships are imbalanced, who
could act as a counterweight, and the power–interest grid.

P(a→b) is the sum of the weights of the ``power`` relations from a to b, all power
types together (:func:`ecomap.graph.power_graph`). Every function takes the map graph
from :func:`ecomap.graph.to_graph` first and looks at the relations in force on
``as_of`` (today by default).
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date
from operator import itemgetter
from typing import Any

import networkx as nx
import numpy as np

from ecomap.analysis.reasons import Number, Reason, Shown, Worded, in_words, register
from ecomap.analysis.reasons import ranked as ranked_rows
from ecomap.graph import (
    active_relations,
    actor_id_order,
    actor_nodes,
    analysis_date,
    cooperation_partners,
    display_names,
    ecosystem_adjacency,
    power_graph,
    to_igraph,
)
from ecomap.i18n import label, of_name, say, signed
from ecomap.model import RelationType

__all__ = [
    "structural_power",
    "power_index",
    "imbalances",
    "counterweights",
    "power_interest",
    "QUADRANTS",
]

#: The four quadrants of the power–interest grid, in the order results are sorted.
QUADRANTS = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")

MESSAGES = {
    "en": {
        "holds_power": "{a} holds {kind} power over {b} (weight {w})",
        "net_power": "net power of {d} over {w}: {net}",
        "index_gap": "power index: {d} {pd}, {w} {pw} (gap {gap})",
        "tension": "{a} and {b} are in tension (intensity {w})",
        "tension_on": "{a} and {b} are in tension over '{stake}' (intensity {w})",
        "cooperate": "{a} and {b} cooperate",
        "opposite": "opposite stances on '{stake}': {a} {sa}, {b} {sb}",
        "why_net": "imbalanced: net power {net} ≥ {limit}",
        "why_net_gap": "imbalanced: net power {net} ≥ {limit} and power index gap {gap} ≥ {gap_limit}",
        "why_tension": "imbalanced: in tension and power index gap {gap} ≥ {gap_limit}",
        "cw_power": "holds {kind} power over {d} (weight {w})",
        "cw_index": "power index {pc}, against {pd} for {d}",
        "cw_shares": "shares {w}'s stance on '{stake}' ({sc} vs {sd})",
        "cw_sides": "sides with {d} on '{stake}' ({sc} vs {sw})",
        "cw_cooperates": "cooperates with {w}",
        "cw_space": "takes part in '{space}' with {w}",
        "cw_near": "within two steps of {w}",
        "cw_depends": "depends on {d} (weight {w})",
        "pi_power": "power index {p}",
        "pi_interest": "most important stake: '{stake}' (importance {i})",
        "pi_focal": "importance {i} on '{stake}'",
        "pi_no_stake": "holds no stake",
        "pi_no_focal": "holds no stance on '{stake}'",
        "manage_closely": "manage closely (high power, high interest)",
        "keep_satisfied": "keep satisfied (high power, low interest)",
        "keep_informed": "keep informed (low power, high interest)",
        "monitor": "monitor (low power, low interest)",
        "not_actor_dominant": "the dominant actor {id!r} is not an actor of the map",
        "not_actor_weaker": "the dominated actor {id!r} is not an actor of the map",
        "same_actor": "the dominant and the weaker actor must be two different actors",
    },
    "fr": {
        "holds_power": "{a} détient un pouvoir {kind} sur {b} (poids {w})",
        "net_power": "pouvoir net {de_d} sur {w} : {net}",
        "index_gap": "indice de pouvoir : {d} {pd}, {w} {pw} (écart {gap})",
        "tension": "{a} et {b} sont en tension (intensité {w})",
        "tension_on": "{a} et {b} sont en tension sur « {stake} » (intensité {w})",
        "cooperate": "{a} et {b} coopèrent",
        "opposite": "positions opposées sur « {stake} » : {a} {sa}, {b} {sb}",
        "why_net": "déséquilibre : pouvoir net {net} ≥ {limit}",
        "why_net_gap": (
            "déséquilibre : pouvoir net {net} ≥ {limit} et écart d'indice de pouvoir "
            "{gap} ≥ {gap_limit}"
        ),
        "why_tension": "déséquilibre : tension et écart d'indice de pouvoir {gap} ≥ {gap_limit}",
        "cw_power": "détient un pouvoir {kind} sur {d} (poids {w})",
        "cw_index": "indice de pouvoir {pc}, contre {pd} pour {d}",
        "cw_shares": "partage la position {de_w} sur « {stake} » ({sc} contre {sd})",
        "cw_sides": "se range du côté {de_d} sur « {stake} » ({sc} contre {sw})",
        "cw_cooperates": "coopère avec {w}",
        "cw_space": "participe à « {space} » avec {w}",
        "cw_near": "à deux pas au plus {de_w}",
        "cw_depends": "dépend {de_d} (poids {w})",
        "pi_power": "indice de pouvoir {p}",
        "pi_interest": "enjeu le plus important : « {stake} » (importance {i})",
        "pi_focal": "importance {i} sur « {stake} »",
        "pi_no_stake": "ne porte aucun enjeu",
        "pi_no_focal": "n'a pas de position sur « {stake} »",
        "manage_closely": "associer étroitement (pouvoir fort, intérêt fort)",
        "keep_satisfied": "satisfaire (pouvoir fort, intérêt faible)",
        "keep_informed": "tenir informé (pouvoir faible, intérêt fort)",
        "monitor": "surveiller (pouvoir faible, intérêt faible)",
        "not_actor_dominant": "l'acteur dominant « {id} » n'est pas un acteur de la carte",
        "not_actor_weaker": "l'acteur dominé « {id} » n'est pas un acteur de la carte",
        "same_actor": "l'acteur dominant et l'acteur dominé doivent être deux acteurs différents",
    },
}

_STRUCTURAL_POWER = "_ecomap_structural_power"
_POWER_INDEX = "_ecomap_power_index"


def _reason(key: str, **values: Any) -> Reason:
    """A reason of this module's catalogue, kept as a code until it is shown or written."""
    return Reason(f"power.{key}", **values)


def _signed(lang: str, value: float) -> str:
    return signed(value, lang)


def _label(lang: str, value: Any) -> str:
    return label(value, lang)


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

    References
    ----------
    .. [1] L. Page, S. Brin, R. Motwani, T. Winograd (1999). The PageRank citation
       ranking: bringing order to the web. Stanford InfoLab, technical report 1999-66.
    .. [2] G. Csárdi, T. Nepusz (2006). The igraph software package for complex
       network research. *InterJournal Complex Systems* 1695.
    """
    P = power_graph(G, as_of=as_of)
    key = (_STRUCTURAL_POWER, float(damping))
    cached = P.graph.get(key)
    if cached is not None:
        return dict(cached)
    graph, names = to_igraph(P, weight="weight")
    if not names:
        return {}
    from ecomap.imports import igraph

    ig = igraph()

    reversed_graph = ig.Graph(
        n=len(names), edges=[(v, u) for u, v in graph.get_edgelist()], directed=True
    )
    weights = graph.es["weight"] if graph.ecount() else None
    nodes = P._node  # the attribute dicts themselves: read for every actor
    influences = [_influence(nodes[n]) for n in names]
    reset = None
    if any(x is not None for x in influences):
        reset = [1.0 + (x or 0.0) for x in influences]
    ranks = reversed_graph.personalized_pagerank(
        damping=damping, weights=weights, reset=reset, implementation="prpack"
    )
    top = max(ranks)
    rank_of = dict(zip(names, ranks, strict=True))
    result = {n: float(rank_of[n] / top) if top > 0 else 0.0 for n in P}
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

    References
    ----------
    .. [1] E. Schiffer, J. Hauck (2010). Net-Map: collecting social network data and
       facilitating network learning through participatory influence network
       mapping. *Field Methods* 22(3), 231–249 (declared influence, 0–5 towers).
    """
    day = analysis_date(as_of)
    # Kept with the power graph, as structural power is: several analyses of a run
    # read it (each gets its own copy).
    P = power_graph(G, as_of=day)
    cached = P.graph.get(_POWER_INDEX)
    if cached is not None:
        return dict(cached)
    s = structural_power(G, as_of=day)
    index: dict[str, float] = {}
    for node_id, data in actor_nodes(G).items():
        influence = _influence(data)
        score = s.get(node_id, 0.0)
        index[node_id] = score if influence is None else float((score + influence / 5) / 2)
    P.graph[_POWER_INDEX] = index
    return dict(index)


# Comparisons of computed floats allow for rounding noise (0.8 − 0.55 ≠ 0.25 exactly).
_EPS = 1e-9


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


def _view(G: nx.MultiDiGraph, day: date) -> _PowerView:
    """The power view of the map on ``day``, built once and kept with the power graph.

    ``imbalances``, ``power_interest`` and ``counterweights`` of one run read the same
    view; it only grows caches of its own (exclusions, neighbourhoods) as they ask.
    """
    P = power_graph(G, as_of=day)
    if _VIEW not in P.graph:
        P.graph[_VIEW] = _PowerView(G, day)
    return P.graph[_VIEW]


_VIEW = "_ecomap_power_view"
_PARTICIPATES = (RelationType.PARTICIPATES.value,)
_BELONG = (RelationType.MEMBER_OF.value, RelationType.PART_OF.value)


class _PowerView:
    """What the power analyses read from the map on one date, gathered once."""

    def __init__(self, G: nx.MultiDiGraph, day: date) -> None:
        self.G = G
        self.actors = actor_nodes(G)
        self.ids = list(self.actors)
        self.index = {a: i for i, a in enumerate(self.ids)}
        _, self.id_rank = actor_id_order(G)  # shared: not modified
        self.names = display_names(G)
        self.pi = power_index(G, as_of=day)
        self.pi_array = np.array([self.pi[a] for a in self.ids], dtype=float)
        #: Positions by decreasing π, then id.
        self.by_power = np.lexsort((self.id_rank, -self.pi_array))
        self.power = power_graph(G, as_of=day)
        #: Actor → its cooperation partners (every actor; the cooperation graph's
        #: adjacency without building the graph).
        self.cooperation = cooperation_partners(G, as_of=day)
        self.ties = ecosystem_adjacency(G, as_of=day)
        self.stance: dict[str, dict[str, float]] = defaultdict(dict)
        self.importance: dict[str, dict[str, float]] = defaultdict(dict)
        self.holders: dict[str, dict[str, float]] = defaultdict(dict)
        self.day = day
        self.tensions: dict[frozenset[str], list[tuple[float, str | None]]] = defaultdict(list)
        self._within: dict[str, set[str]] = {}
        self._excluded: dict[tuple[str, float], np.ndarray] = {}
        self._near: dict[str, np.ndarray] = {}
        self._stances_on: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        several: dict[tuple[str, str], list[tuple[float, float]]] = {}
        # Each type from its own list, in one loop per type: what is gathered depends only
        # on the order of the relations of one type, kept as one scan of the map gives it.
        stance, importance, holders = self.stance, self.importance, self.holders
        for u, v, _, data in active_relations(G, RelationType.STAKE, as_of=day):
            value, weight = float(data["stance"]), float(data["weight"])
            mine = stance[u]
            if v in mine:
                several.setdefault((u, v), [(mine[v], importance[u][v])])
                several[u, v].append((value, weight))
            mine[v] = holders[v][u] = value
            importance[u][v] = weight
        tensions = self.tensions
        for u, v, _, data in active_relations(G, RelationType.TENSION, as_of=day):
            tensions[frozenset((u, v))].append((float(data["weight"]), data.get("stake")))
        self.outside: dict[str, set[str]] = defaultdict(set)
        outside = self.outside
        for rtype in (RelationType.MEMBER_OF, RelationType.PART_OF):
            for u, v, _, _ in active_relations(G, rtype, as_of=day):
                outside[u].add(v)
        # Several stake relations from one actor to one stake (explicit ids): the mean
        # stance and the largest importance, as the stakes analyses take them, whatever
        # the order of the rows.
        for (u, v), values in several.items():
            self.stance[u][v] = self.holders[v][u] = math.fsum(x for x, _ in values) / len(values)
            self.importance[u][v] = max(i for _, i in values)

    def name(self, node_id: str) -> str:
        return self.names[node_id]

    def P(self, a: str, b: str) -> float:
        """P(a→b): summed weight of the power relations from a to b."""
        edge = self.power._adj[a].get(b)  # the adjacency dict itself: called per pair
        return float(edge["weight"]) if edge else 0.0

    def power_reasons(self, a: str, b: str, lang: str, key: str = "holds_power") -> list[str]:
        edge = self.power.get_edge_data(a, b)
        if not edge:
            return []
        return [
            _reason(
                key,
                a=self.name(a),
                b=self.name(b),
                d=self.name(b),
                kind=Worded(_label, kind),
                w=Number(weight),
            )
            for kind, weight in sorted(edge["types"].items())
        ]

    def _ends(self, adjacency: dict, node: str, types: tuple[str, ...]) -> set[str]:
        """The other ends of ``node``'s relations of ``types`` in force, read from the
        map's adjacency (``G._adj`` for targets, ``G._pred`` for sources): the few a
        pair asks for, instead of an index of every such relation of the map."""
        day = self.day
        found = set()
        for other, keyed in adjacency.get(node, {}).items():
            for data in keyed.values():
                if data["type"] in types:
                    until, since = data.get("until"), data.get("since")
                    if (until is None or until >= day) and (since is None or since <= day):
                        found.add(other)
        return found

    def spaces_of(self, actor: str) -> set[str]:
        """The spaces ``actor`` takes part in (``participates`` in force)."""
        return self._ends(self.G._adj, actor, _PARTICIPATES)

    def attendees_of(self, space: str) -> set[str]:
        """The actors taking part in ``space`` (``participates`` in force)."""
        return self._ends(self.G._pred, space, _PARTICIPATES)

    def within(self, structure: str) -> set[str]:
        """Sub-units and members of ``structure``, transitively (``part_of``/``member_of``)."""
        if structure in self._within:
            return self._within[structure]
        found: set[str] = set()
        todo = [structure]
        while todo:
            for child in self._ends(self.G._pred, todo.pop(), _BELONG):
                if child not in found and child != structure:
                    found.add(child)
                    todo.append(child)
        self._within[structure] = found
        return found

    def is_within(self, node: str, structure: str) -> bool:
        """Whether ``node`` is in :meth:`within` ``structure``: the structures ``node`` is
        part or a member of, transitively, include it (a walk up from ``node``, which has
        a few, rather than down from ``structure``, which may hold thousands)."""
        if node == structure:
            return False
        seen: set[str] = set()
        todo = [node]
        while todo:
            for parent in self.outside.get(todo.pop(), ()):
                if parent == structure:
                    return True
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return False

    def excluded_by(self, d: str, dominated: float) -> np.ndarray:
        """Sorted positions of the actors never proposed against ``d``: itself, its
        sub-units and members, and the actors it holds power ≥ ``dominated`` over."""
        key = (d, dominated)
        if key not in self._excluded:
            found = self.within(d) | {d}
            found.update(c for c, e in self.power.adj[d].items() if e["weight"] >= dominated - _EPS)
            self._excluded[key] = np.sort(
                np.fromiter((self.index[a] for a in found), dtype=np.int64, count=len(found))
            )
        return self._excluded[key]

    def near(self, w: str) -> np.ndarray:
        """Positions of the actors within two steps of ``w`` in the ecosystem graph
        (sorted; ``w`` itself left out)."""
        if w not in self._near:
            ties, at = self.ties, self.index[w]
            first = ties.indices[ties.indptr[at] : ties.indptr[at + 1]]
            second = ties[first].indices
            reached = np.unique(np.concatenate([first, second])).astype(np.int64)
            self._near[w] = reached[reached != at]
        return self._near[w]

    def stances_on(self, stake: str) -> tuple[np.ndarray, np.ndarray]:
        """Positions of the actors holding a stance on ``stake``, and their stances."""
        if stake not in self._stances_on:
            holders = self.holders[stake]
            self._stances_on[stake] = (
                np.fromiter((self.index[a] for a in holders), dtype=np.int64, count=len(holders)),
                np.fromiter(holders.values(), dtype=float, count=len(holders)),
            )
        return self._stances_on[stake]

    def contested(self, d: str, w: str) -> list[str]:
        """Stakes on which both hold a stance and the stances differ, sorted."""
        sd, sw = self.stance.get(d, {}), self.stance.get(w, {})
        return sorted(s for s in sd if s in sw and sd[s] != sw[s])

    def opposite(self, a: str, b: str) -> list[str]:
        """Stakes on which a and b hold stances of opposite signs, sorted."""
        sa, sb = self.stance.get(a, {}), self.stance.get(b, {})
        return sorted(s for s in sa if s in sb and _sign(sa[s]) * _sign(sb[s]) < 0)


def _check_actor(view: _PowerView, node_id: str, role: str, lang: str) -> None:
    if node_id not in view.actors:
        raise ValueError(say(MESSAGES, f"not_actor_{role}", lang, id=node_id))


def _isin_sorted(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Which of ``values`` are in ``sorted_set`` (a sorted array), by binary search."""
    if not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    found = np.searchsorted(sorted_set, values).clip(max=len(sorted_set) - 1)
    return sorted_set[found] == values


def _most_powerful(
    view: _PowerView, half_d: float, top: int | None, skip: tuple[np.ndarray, ...]
) -> np.ndarray:
    """Positions of the actors outside ``skip`` whose π exceeds ``half_d``, most powerful
    first: all of them, or enough to hold the ``top`` best (ties included)."""
    order = view.by_power
    picked: list[np.ndarray] = []
    count, start, size = 0, 0, 4 * (top or 0) + 16
    while start < len(order):
        chunk = order[start : start + size]
        base = view.pi_array[chunk] - half_d
        alive = base > _EPS
        ok = alive.copy()
        for sorted_set in skip:
            ok &= ~_isin_sorted(chunk, sorted_set)
        picked.append(chunk[ok])
        count += int(ok.sum())
        if not alive.all():
            break  # sorted by π: every later actor scores 0
        if top is not None and count >= top:
            kth = view.pi_array[np.concatenate(picked)[top - 1]] - half_d
            if base[-1] < kth - _EPS:
                break
        start += size
        size *= 2
    return np.concatenate(picked) if picked else np.empty(0, dtype=np.int64)


def _counterweights(
    view: _PowerView,
    d: str,
    w: str,
    *,
    lang: str,
    top: int | None,
    dominated: float,
) -> list[dict[str, Any]]:
    # A candidate's score is its power-index leverage max(0, π(C) − π(D)/2) plus sparse
    # terms that touch only actors with a power tie to D, a stance on a contested
    # stake or a tie near W. The touched actors are scored one by one; among the
    # untouched ones the best are simply the most powerful, found by walking the
    # actors in order of π (so a pair costs its neighbourhood, not the whole map).
    at = view.index
    half_d = view.pi[d] / 2
    # Sparse terms are summed in an array the size of the map, marked where touched
    # (each source lists an actor at most once). Fresh arrays per pair, not kept on the
    # view: the view is shared by every run on the same map, threads included.
    extra, touched_mask = np.zeros(len(view.ids)), np.zeros(len(view.ids), dtype=bool)

    def add(where, amount) -> None:
        extra[where] += amount
        touched_mask[where] = True

    held_by = view.power.pred[d]
    add([at[c] for c in held_by], [e["weight"] / 3 for e in held_by.values()])
    contested = view.contested(d, w)
    for s in contested:
        sign_d, sign_w = _sign(view.stance[d][s]), _sign(view.stance[w][s])
        if sign_d == sign_w:
            continue
        holders, stances = view.stances_on(s)
        signs = np.sign(stances)
        half = np.abs(stances) / 2 / len(contested)
        add(holders[signs == sign_w], half[signs == sign_w])
        add(holders[signs == sign_d], -half[signs == sign_d])
    close = set(view.cooperation[w])
    for space in view.spaces_of(w):
        close |= view.attendees_of(space)
    add([at[c] for c in close], 0.5)
    add(view.near(w), 0.25)
    holds = view.power.adj[d]
    add([at[c] for c in holds], [-e["weight"] / 3 for e in holds.values()])
    blocked = view.excluded_by(d, dominated)

    touched = np.flatnonzero(touched_mask)
    scores = np.maximum(0.0, view.pi_array[touched] - half_d) + extra[touched]
    keep = (scores > _EPS) & (touched != at[w]) & ~_isin_sorted(touched, blocked)
    found, found_scores = touched[keep], scores[keep]

    others = _most_powerful(view, half_d, top, (touched, blocked, np.array([at[w]])))
    found = np.concatenate([found, others])
    found_scores = np.concatenate([found_scores, view.pi_array[others] - half_d])
    # Best score first, then by id (scores rounded so that float noise does not reorder).
    order = np.lexsort((view.id_rank[found], -np.round(found_scores, 9)))
    chosen = found[order][:top] if top is not None else found[order]
    return [
        _counterweight_record(view, view.ids[i], d, w, contested, lang) for i in chosen.tolist()
    ]


def _counterweight_record(
    view: _PowerView, c: str, d: str, w: str, contested: list[str], lang: str
) -> dict[str, Any]:
    names = {
        "d": view.name(d),
        "w": view.name(w),
        "de_d": of_name(view.name(d)),
        "de_w": of_name(view.name(w)),
    }
    reasons = view.power_reasons(c, d, lang, "cw_power")
    index_term = max(0.0, view.pi[c] - view.pi[d] / 2)
    if index_term > _EPS:
        reasons.append(
            _reason(
                "cw_index",
                pc=Number(view.pi[c]),
                pd=Number(view.pi[d]),
                **names,
            )
        )
    alignment = 0.0
    for s in contested:
        sd, sw = view.stance[d][s], view.stance[w][s]
        sc = view.stance.get(c, {}).get(s)
        if sc is None or _sign(sd) == _sign(sw):
            continue
        stake = view.name(s)
        if _sign(sc) == _sign(sw):
            alignment += abs(sc) / 2
            reasons.append(
                _reason(
                    "cw_shares",
                    stake=stake,
                    sc=Worded(_signed, sc),
                    sd=Worded(_signed, sd),
                    **names,
                )
            )
        elif _sign(sc) == _sign(sd):
            alignment -= abs(sc) / 2
            reasons.append(
                _reason(
                    "cw_sides",
                    stake=stake,
                    sc=Worded(_signed, sc),
                    sw=Worded(_signed, sw),
                    **names,
                )
            )
    alignment = alignment / len(contested) if contested else 0.0
    ties = 0.0
    if w in view.cooperation.get(c, ()):
        reasons.append(_reason("cw_cooperates", **names))
    shared = sorted(view.spaces_of(c) & view.spaces_of(w))
    for space in shared:
        reasons.append(_reason("cw_space", space=view.name(space), **names))
    if w in view.cooperation.get(c, ()) or shared:
        ties += 0.5
    if view.index[c] in view.near(w):
        ties += 0.25
        reasons.append(_reason("cw_near", **names))
    dependence = view.P(d, c) / 3
    if dependence:
        reasons.append(
            _reason(
                "cw_depends",
                w=Number(view.P(d, c)),
                de_d=names["de_d"],
                d=names["d"],
            )
        )
    leverage = view.P(c, d) / 3 + index_term
    return {
        "actor": c,
        "name": view.name(c),
        "score": float(leverage + alignment + ties - dependence),
        "leverage": float(leverage),
        "alignment": float(alignment),
        "ties": float(ties),
        "dependence": float(dependence),
        "reasons": reasons,
    }


def counterweights(
    G: nx.MultiDiGraph,
    dominant: str,
    weaker: str,
    *,
    as_of: date | None = None,
    lang: str = "en",
    top: int | None = None,
    dominated: float = 2.0,
) -> list[dict[str, Any]]:
    """Actors who could rebalance the relationship in which ``dominant`` dominates ``weaker``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    dominant, weaker : str
        Ids of the dominant actor D and the weaker actor W.
    as_of : datetime.date, optional
        Analysis date (default today).
    lang : {"en", "fr"}
        Language of the reasons.
    top : int, optional
        Keep only the ``top`` best candidates (default: all).
    dominated : float, default 2
        Actors over whom D holds power P(D→C) of at least this are never proposed.

    Returns
    -------
    list of dict
        ``{"actor", "name", "score", "leverage", "alignment", "ties", "dependence",
        "reasons"}``, best score first (then by id); only scores above 0.

    Raises
    ------
    ValueError
        When ``dominant`` or ``weaker`` is not an actor of the map, or both are the same.

    Notes
    -----
    Every actor C other than D and W is a candidate, except D's sub-units and members
    (``part_of``/``member_of`` D, transitively) and the actors over whom D holds power
    ≥ 2. score = leverage + alignment + ties − dependence, where

    - leverage = P(C→D)/3 + max(0, π(C) − π(D)/2), read as written: π(C) minus half
      of π(D);
    - alignment = the mean, over the stakes on which D and W both hold a stance and
      the stances differ, of \\|stance(C)\\|/2 when C's stance has W's sign and
      −\\|stance(C)\\|/2 when it has D's sign; 0 on a stake where C holds no stance, and
      0 on a stake where D and W hold stances of the same sign (C cannot side with one
      of them by sign) — such a stake still counts in the mean. DESIGN writes the
      first term stance(C)/2, which assumes W's side is positive; the absolute value
      makes siding with W count in W's favour whatever its sign;
    - ties = 0.5 when C cooperates with W or takes part (directly) in a space W takes
      part in, plus 0.25 when C is within two steps of W in the ecosystem graph
      (distance 1 included, so a cooperating partner gets 0.75);
    - dependence = P(D→C)/3.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> for i, name in (("r", "Région"), ("m", "Mairie"), ("e", "État")):
    ...     eco.add(Actor(id=i, name=name, kind="institution"))
    >>> eco.add(Relation(source="r", target="m", type="power", power_type="economic", weight=2))
    >>> eco.add(Relation(source="e", target="r", type="power", power_type="political", weight=3))
    >>> [(c["name"], c["reasons"][0]) for c in counterweights(to_graph(eco), "r", "m")]
    [('État', 'holds political power over Région (weight 3)')]

    References
    ----------
    .. [1] ecomap DESIGN.md §3, "Counterweights" (the definition implemented here).
    """
    day = analysis_date(as_of)
    view = _view(G, day)
    _check_actor(view, dominant, "dominant", lang)
    _check_actor(view, weaker, "weaker", lang)
    if dominant == weaker:
        raise ValueError(say(MESSAGES, "same_actor", lang))
    found = _counterweights(view, dominant, weaker, lang=lang, top=top, dominated=dominated)
    return in_words(found, lang)


def _imbalance_reasons(view: _PowerView, d: str, w: str, net: float, gap: float, lang: str):
    reasons = view.power_reasons(d, w, lang) + view.power_reasons(w, d, lang)
    if net:
        reasons.append(
            _reason(
                "net_power",
                d=view.name(d),
                de_d=of_name(view.name(d)),
                w=view.name(w),
                net=Number(net),
            )
        )
    reasons.append(
        _reason(
            "index_gap",
            d=view.name(d),
            w=view.name(w),
            pd=Number(view.pi[d]),
            pw=Number(view.pi[w]),
            gap=Number(gap),
        )
    )
    for weight, stake in sorted(
        view.tensions.get(frozenset((d, w)), []), key=lambda t: (t[1] or "", t[0])
    ):
        key = "tension_on" if stake else "tension"
        reasons.append(
            _reason(
                key,
                a=view.name(d),
                b=view.name(w),
                w=Number(weight),
                stake=view.name(stake) if stake else "",
            )
        )
    if w in view.cooperation.get(d, ()):
        reasons.append(_reason("cooperate", a=view.name(d), b=view.name(w)))
    for s in view.opposite(d, w):
        reasons.append(
            _reason(
                "opposite",
                stake=view.name(s),
                a=view.name(d),
                b=view.name(w),
                sa=Worded(_signed, view.stance[d][s]),
                sb=Worded(_signed, view.stance[w][s]),
            )
        )
    return reasons


def _why_imbalanced(
    why: tuple[str | None, bool], net: float, gap: float, thresholds: tuple[float, ...]
) -> list[Reason]:
    """The reasons a pair is imbalanced: by its net power (``why_net`` or
    ``why_net_gap``) and by the gap between a pair in tension."""
    by_net, by_tension = why
    net_alone, net_with_gap, gap_with_net, gap_in_tension = thresholds
    reasons = []
    if by_net == "why_net":
        reasons.append(_reason("why_net", net=Number(net), limit=Number(net_alone)))
    elif by_net == "why_net_gap":
        reasons.append(
            _reason(
                "why_net_gap",
                net=Number(net),
                limit=Number(net_with_gap),
                gap=Number(gap),
                gap_limit=Number(gap_with_net),
            )
        )
    if by_tension:
        reasons.append(_reason("why_tension", gap=Number(gap), gap_limit=Number(gap_in_tension)))
    return reasons


def imbalances(
    G: nx.MultiDiGraph,
    *,
    as_of: date | None = None,
    lang: str = "en",
    with_counterweights: bool = True,
    top_counterweights: int | None = 5,
    net_alone: float = 2.0,
    net_with_gap: float = 1.0,
    gap_with_net: float = 0.25,
    gap_in_tension: float = 0.5,
    dominated: float = 2.0,
    internal: bool = False,
    words: bool = True,
    rows: int | None = None,
) -> list[dict[str, Any]]:
    """Relationships that one party dominates, with counterweights to rebalance them.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : datetime.date, optional
        Analysis date (default today).
    lang : {"en", "fr"}
        Language of the reasons.
    with_counterweights : bool, default True
        Propose counterweights for each imbalanced pair (:func:`counterweights`).
    top_counterweights : int or None, default 5
        How many counterweights to keep per pair (None: all).
    net_alone : float, default 2
        Net power that alone makes a pair imbalanced.
    net_with_gap, gap_with_net : float, default 1 and 0.25
        Net power and power index gap that together make a pair imbalanced.
    gap_in_tension : float, default 0.5
        Power index gap that makes a pair in tension imbalanced.
    dominated : float, default 2
        Passed to :func:`counterweights`.
    internal : bool, default False
        Also report a structure dominating its own sub-units and members.
    words : bool
        Reasons in words (default); False keeps them as :class:`~ecomap.analysis.reasons.Reason`
        codes, for a caller that words only what it shows.
    rows : int, optional
        Make only the first ``rows`` records, their reasons and counterweights (a
        :class:`~ecomap.analysis.reasons.Shown` list that knows how many there are),
        for a summary that prints those.

    Returns
    -------
    list of dict
        ``{"dominant", "weaker", "names", "score", "net_power", "power_gap",
        "reasons", "counterweights"}``, highest score first (then by ids).

    Notes
    -----
    A pair (D, W) matters when they are in tension, cooperate, hold opposite stances
    on a stake, or have a power relation. It is imbalanced when net = P(D→W) − P(W→D)
    ≥ 2, or net ≥ 1 and π(D) − π(W) ≥ 0.25, or they are in tension and
    π(D) − π(W) ≥ 0.5; score = net + 2·(π(D) − π(W)). With the default thresholds
    only pairs with a power relation or a tension can be imbalanced (the other
    conditions need net ≥ 1 or a tension), so only those are examined; lower
    thresholds make the cooperating and opposed pairs candidates too. Each pair is
    reported once: when both orientations meet a condition (D holds power over a
    more powerful W with whom it is in tension), the one with the higher score.
    A structure's power over its own sub-units and members (``part_of``/``member_of``
    it, transitively) is its hierarchy, not an imbalance a counterweight could
    rebalance: such pairs are left out unless ``internal`` is true.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> for i, name in (("r", "Région"), ("m", "Mairie")):
    ...     eco.add(Actor(id=i, name=name, kind="institution"))
    >>> eco.add(Relation(source="r", target="m", type="power", power_type="economic", weight=2))
    >>> [(x["dominant"], x["net_power"], x["reasons"][0]) for x in imbalances(to_graph(eco))]
    [('r', 2.0, 'Région holds economic power over Mairie (weight 2)')]

    References
    ----------
    .. [1] ecomap DESIGN.md §3, "Power" (the definition implemented here).
    """
    day = analysis_date(as_of)
    view = _view(G, day)
    power_adj = view.power._adj  # the adjacency dicts themselves: read for every pair
    pairs: set[frozenset[str]] = {
        frozenset((u, v)) for u, partners in power_adj.items() for v in partners
    }
    pairs.update(view.tensions)
    if net_alone <= 0 or net_with_gap <= 0:
        pairs.update(
            frozenset((u, v)) for u, partners in view.cooperation.items() for v in partners
        )
        for holders in view.holders.values():
            pros = [a for a, s in holders.items() if s > 0]
            cons = [a for a, s in holders.items() if s < 0]
            pairs.update(frozenset((a, b)) for a in pros for b in cons)
    pi, tensions = view.pi, view.tensions
    # Each pair as its two ids in order (a pair of one actor fails here, as it always
    # did), taken in order of those ids; what makes it imbalanced is kept as flags and
    # said (its reasons made) only for the rows kept.
    ordered = []
    for pair in pairs:
        x, y = pair
        ordered.append((x, y, pair) if x < y else (y, x, pair))
    ordered.sort(key=itemgetter(0, 1))
    found = []
    for a, b, pair in ordered:
        best = None
        edge = power_adj[a].get(b)
        power_ab = float(edge["weight"]) if edge else 0.0
        edge = power_adj[b].get(a)
        power_ba = float(edge["weight"]) if edge else 0.0
        in_tension = pair in tensions
        for d, w, net in ((a, b, power_ab - power_ba), (b, a, power_ba - power_ab)):
            gap = pi[d] - pi[w]
            if net >= net_alone - _EPS:
                by_net = "why_net"
            elif net >= net_with_gap - _EPS and gap >= gap_with_net - _EPS:
                by_net = "why_net_gap"
            else:
                by_net = None
            by_tension = in_tension and gap >= gap_in_tension - _EPS
            score = net + 2 * gap
            if (by_net or by_tension) and (best is None or score > best[0]):
                best = (score, d, w, net, gap, (by_net, by_tension))
        if best is None or (not internal and view.is_within(best[2], best[1])):
            continue
        score, d, w, net, gap, why = best
        found.append((-round(float(score), 9), d, w, net, gap, why, score))
    thresholds = (net_alone, net_with_gap, gap_with_net, gap_in_tension)
    # Ranked on (score, ids) — each pair once, so nothing ties — then a record, its
    # reasons and its counterweights made for each row kept.
    results = []
    for _, d, w, net, gap, why, score in ranked_rows(found, rows, key=itemgetter(0, 1, 2)):
        record = {
            "dominant": d,
            "weaker": w,
            "names": [view.name(d), view.name(w)],
            "score": float(score),
            "net_power": float(net),
            "power_gap": float(gap),
            "reasons": _imbalance_reasons(view, d, w, net, gap, lang)
            + _why_imbalanced(why, net, gap, thresholds),
            "counterweights": [],
        }
        if with_counterweights:
            record["counterweights"] = _counterweights(
                view, d, w, lang=lang, top=top_counterweights, dominated=dominated
            )
        results.append(record)
    if rows is not None:
        results = Shown(results, len(found))
    return results if not words else in_words(results, lang)


def power_interest(
    G: nx.MultiDiGraph,
    *,
    focal_stake: str | None = None,
    as_of: date | None = None,
    lang: str = "en",
    power_split: float = 0.5,
    interest_split: float = 0.5,
    words: bool = True,
    rows: int | None = None,
) -> list[dict[str, Any]]:
    """Every actor on the power–interest grid (Mendelow).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    focal_stake : str, optional
        A stake id: interest is then the actor's importance on that stake.
    as_of : datetime.date, optional
        Analysis date (default today).
    lang : {"en", "fr"}
        Language of the reasons.
    power_split, interest_split : float, default 0.5
        Where the grid is split on each axis (a value equal to the split is high).
    words : bool
        Reasons in words (default); False keeps them as :class:`~ecomap.analysis.reasons.Reason`
        codes, for a caller that words only what it shows.
    rows : int, optional
        Make only the first ``rows`` records (a :class:`~ecomap.analysis.reasons.Shown`
        list that knows how many there are), for a summary that prints those.

    Returns
    -------
    list of dict
        ``{"actor", "name", "power", "interest", "quadrant", "reasons"}`` for every
        actor; quadrant ∈ :data:`QUADRANTS`. Sorted by quadrant in that order, then
        power and interest (highest first), then id.

    Raises
    ------
    ValueError
        When ``focal_stake`` is not a stake of the map.

    Notes
    -----
    power = π (:func:`power_index`); interest = the actor's largest stake importance
    (the weight of its ``stake`` relations, 1–3) divided by 3, or its importance on
    the focal stake divided by 3; 0 for an actor with no stake (or no stance on the
    focal stake). Quadrants: power ≥ 0.5 and interest ≥ 0.5 → ``manage_closely``;
    power ≥ 0.5 only → ``keep_satisfied``; interest ≥ 0.5 only → ``keep_informed``;
    otherwise ``monitor``.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation, Stake
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="r", name="Région", kind="institution"))
    >>> eco.add(Actor(id="a", name="AMAP", kind="organisation", influence=1))
    >>> eco.add(Stake(id="s", name="Circuits courts"))
    >>> eco.add(Relation(source="a", target="s", type="stake", stance=2, weight=3))
    >>> eco.add(Relation(source="r", target="a", type="power", power_type="economic", weight=3))
    >>> [(x["actor"], x["quadrant"]) for x in power_interest(to_graph(eco))]
    [('r', 'keep_satisfied'), ('a', 'keep_informed')]

    References
    ----------
    .. [1] Mendelow, A. (1991). Stakeholder mapping. *Proceedings of the 2nd
       International Conference on Information Systems*, Cambridge, MA.
    """
    day = analysis_date(as_of)
    if focal_stake is not None and G.nodes.get(focal_stake, {}).get("node_type") != "stake":
        raise ValueError(f"focal stake {focal_stake!r} is not a stake of the map")
    view = _view(G, day)
    order = {q: i for i, q in enumerate(QUADRANTS)}
    # Each actor placed first — (quadrant, power, interest, id, the stake its interest
    # comes from) — then a record with its reasons made for each row kept.
    placed = []
    for a in view.ids:
        power = float(view.pi[a])
        importance = view.importance.get(a, {})
        stake = None
        if focal_stake is not None:
            weight = importance.get(focal_stake)
            interest = 0.0 if weight is None else weight / 3
        elif importance:
            stake = min(importance, key=lambda s: (-importance[s], s))
            interest = importance[stake] / 3
        else:
            interest = 0.0
        high_power = power >= power_split - _EPS
        high_interest = interest >= interest_split - _EPS
        if high_power:
            quadrant = "manage_closely" if high_interest else "keep_satisfied"
        else:
            quadrant = "keep_informed" if high_interest else "monitor"
        placed.append((order[quadrant], -power, -float(interest), a, quadrant, stake))
    records = []
    for _, power, interest, a, quadrant, stake in ranked_rows(
        placed, rows, key=itemgetter(0, 1, 2, 3)
    ):
        reasons = [Reason("power.pi_power", p=Number(view.pi[a]))]
        importance = view.importance.get(a, {})
        if focal_stake is not None:
            weight = importance.get(focal_stake)
            stake_name = view.name(focal_stake)
            if weight is None:
                reasons.append(Reason("power.pi_no_focal", stake=stake_name))
            else:
                reasons.append(Reason("power.pi_focal", i=Number(weight), stake=stake_name))
        elif stake is not None:
            reasons.append(
                Reason("power.pi_interest", i=Number(importance[stake]), stake=view.name(stake))
            )
        else:
            reasons.append(Reason("power.pi_no_stake"))
        reasons.append(Reason(f"power.{quadrant}"))
        records.append(
            {
                "actor": a,
                "name": view.name(a),
                "power": -power,
                "interest": -interest,
                "quadrant": quadrant,
                "reasons": reasons,
            }
        )
    if rows is not None:
        records = Shown(records, len(placed))
    return records if not words else in_words(records, lang)


register("power", MESSAGES)
