"""Stakes and tensions: who stands where, where tension is latent, where cooperation is
untapped, and what common ground recorded tensions stand on.

A stake relation links an actor to a stake with a ``stance`` from −2 (strongly against)
to +2 (strongly for) and a ``weight`` from 1 to 3, the importance the actor gives the
stake. Every function takes the map graph from :func:`ecomap.graph.to_graph` first and
looks at the relations in force on ``as_of`` (today by default).

Shared interests (same stance sign on a stake) and crossed interests (stakes linked by
``complements``) are where cooperation can grow; antagonistic interests (opposite
stances) are where it breaks. Tensions are normal material for cooperation: a recorded
tension whose two parties share stakes has common ground to start from.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from operator import itemgetter
from typing import Any

import networkx as nx

from ecomap.analysis.power import power_index
from ecomap.analysis.reasons import Shown
from ecomap.graph import (
    _cached,
    analysis_date,
    cooperation_partners,
    in_force_by_type,
    node_names,
)
from ecomap.i18n import listing, number, say, signed
from ecomap.model import RecordKind, RelationType

__all__ = ["stakes", "latent_tensions", "untapped_cooperation", "tension_opportunities"]

MESSAGES = {
    "en": {
        "supporters": "supporters: {names}",
        "opponents": "opponents: {names}",
        "neutral": "neutral: {names}",
        "no_stance": "no actor takes a stance on it",
        "contested": "contested: it has both supporters and opponents",
        "leans_for": "power-weighted balance {balance}: leans towards its supporters",
        "leans_against": "power-weighted balance {balance}: leans towards its opponents",
        "even": "power-weighted balance {balance}: the two sides weigh the same",
        "weighs_most": "weighs most: {name} (stance {stance} × power index {pi})",
        "opposite": (
            "{a} ({sa}, importance {ia}) and {b} ({sb}, importance {ib}) take opposite "
            'stances on "{stake}", and both care about it'
        ),
        "no_tension": "no tension is recorded between them",
        "latent_score": "score {score} = importance {ia} × importance {ib} × stance gap {gap}",
        "both_support": '{a} and {b} both support "{stake}" ({sa} and {sb})',
        "both_oppose": '{a} and {b} both oppose "{stake}" ({sa} and {sb})',
        "crossed": 'crossed interests: "{sa}" ({a}) complements "{sb}" ({b})',
        "no_cooperation": "{a} and {b} do not cooperate yet",
        "untapped_score": "score {score}",
        "tension_on": '{a} and {b} are in tension over "{stake}" (intensity {w})',
        "tension": "{a} and {b} are in tension (intensity {w})",
        "common_ground_1": "common ground to start from: 1 shared stake",
        "common_ground": "common ground to start from: {n} shared stakes",
        "no_shared": "no shared stake is recorded between them",
    },
    "fr": {
        "supporters": "pour : {names}",
        "opponents": "contre : {names}",
        "neutral": "neutres : {names}",
        "no_stance": "aucun acteur n'a pris position sur cet enjeu",
        "contested": "enjeu disputé : il a des partisans et des opposants",
        "leans_for": "solde pondéré par le pouvoir : {balance}, en faveur des partisans",
        "leans_against": "solde pondéré par le pouvoir : {balance}, en faveur des opposants",
        "even": "solde pondéré par le pouvoir : {balance}, les deux camps pèsent autant",
        "weighs_most": "pèse le plus : {name} (position {stance} × indice de pouvoir {pi})",
        "opposite": (
            "{a} ({sa}, importance {ia}) et {b} ({sb}, importance {ib}) ont des positions "
            "opposées sur « {stake} », un enjeu qui compte pour l'un comme pour l'autre"
        ),
        "no_tension": "aucune tension n'est enregistrée entre eux",
        "latent_score": "score {score} = importance {ia} × importance {ib} × écart de position {gap}",
        "both_support": "{a} et {b} soutiennent tous deux « {stake} » ({sa} et {sb})",
        "both_oppose": "{a} et {b} s'opposent tous deux à « {stake} » ({sa} et {sb})",
        "crossed": "intérêts croisés : « {sa} » ({a}) complète « {sb} » ({b})",
        "no_cooperation": "{a} et {b} ne coopèrent pas encore",
        "untapped_score": "score {score}",
        "tension_on": "{a} et {b} sont en tension sur « {stake} » (intensité {w})",
        "tension": "{a} et {b} sont en tension (intensité {w})",
        "common_ground_1": "un terrain commun pour avancer : 1 enjeu partagé",
        "common_ground": "un terrain commun pour avancer : {n} enjeux partagés",
        "no_shared": "aucun enjeu partagé n'est enregistré entre eux",
    },
}

#: Slack for comparing sums of products of stances and importances.
_EPSILON = 1e-9
_NONE: frozenset[str] = frozenset()


# -- words ---------------------------------------------------------------------------


# -- reading the map -----------------------------------------------------------------


def _stake_positions(G: nx.MultiDiGraph, day: date) -> dict[str, dict[str, tuple[float, float]]]:
    """:func:`_positions` of the stake relations in force on ``day``, cached on ``G``
    (the four stakes analyses of a run read it; do not modify)."""
    return _cached(
        G,
        ("stake_positions", day),
        lambda: _positions(in_force_by_type(G, day, RelationType.STAKE)["stake"]),
    )


def _positions(
    relations: list[tuple[str, str, dict[str, Any]]],
) -> dict[str, dict[str, tuple[float, float]]]:
    """Stake id → {actor id → (stance, importance)}, from the stake relations given.

    An actor with several stake relations to one stake (possible only with explicit
    relation ids) gets the mean of their stances and the largest importance.
    """
    found: dict[str, dict[str, list[tuple[float, float]]]] = defaultdict(lambda: defaultdict(list))
    for actor, stake, data in relations:
        found[stake][actor].append((float(data["stance"]), float(data["weight"])))
    return {
        stake: {
            actor: (math.fsum(s for s, _ in values) / len(values), max(w for _, w in values))
            for actor, values in sorted(holders.items())
        }
        for stake, holders in found.items()
    }


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _tension_pairs(relations: list[tuple[str, str, dict[str, Any]]]) -> set[tuple[str, str]]:
    return {_pair(u, v) for u, v, _ in relations}


class _Organisations:
    """Which actors count as one organisation: members of a common organisation, or a
    member and the organisation it belongs to (``member_of`` in force)."""

    def __init__(self, memberships: list[tuple[str, str, dict[str, Any]]]) -> None:
        self.of: dict[str, set[str]] = defaultdict(set)
        for person, organisation, _ in memberships:
            self.of[person].add(organisation)

    def same(self, a: str, b: str) -> bool:
        of_a, of_b = self.of.get(a, _NONE), self.of.get(b, _NONE)
        return b in of_a or a in of_b or not of_a.isdisjoint(of_b)


def _organisations(
    G: nx.MultiDiGraph, day: date, memberships: list[tuple[str, str, dict[str, Any]]]
) -> _Organisations:
    """:class:`_Organisations` of the ``member_of`` relations in force on ``day`` (given),
    made once per map and date: latent tensions and untapped cooperation both read it."""
    return _cached(G, ("stakes_organisations", day), lambda: _Organisations(memberships))


class _Worst:
    """A heap entry ordered backwards, so that a heap's root is its worst result."""

    __slots__ = ("key", "item")

    def __init__(self, key: tuple, item: Any) -> None:
        self.key, self.item = key, item

    def __lt__(self, other: _Worst) -> bool:
        return self.key > other.key


class _Best:
    """The ``size`` results with the smallest keys seen so far (all of them if None)."""

    def __init__(self, size: int | None) -> None:
        self.size = size
        self.heap: list[_Worst] = []

    @property
    def full(self) -> bool:
        return self.size is not None and len(self.heap) >= self.size

    @property
    def worst(self) -> tuple:
        return self.heap[0].key

    def admits(self, key: tuple) -> bool:
        return not self.full or key < self.worst

    def add(self, key: tuple, item: Any) -> None:
        if not self.full:
            heapq.heappush(self.heap, _Worst(key, item))
        elif key < self.worst:
            heapq.heapreplace(self.heap, _Worst(key, item))

    def results(self) -> list[Any]:
        return [entry.item for entry in sorted(self.heap, key=lambda e: e.key)]


def _ordered_pairs(left: list[str], right: list[str]) -> Iterator[tuple[str, str]]:
    """Every pair of one id of ``left`` and one of ``right`` (sorted, disjoint lists) as a
    sorted tuple, in lexicographic order, produced lazily."""
    sides = heapq.merge(((x, right) for x in left), ((y, left) for y in right), key=itemgetter(0))
    for first, others in sides:
        for i in range(bisect_right(others, first), len(others)):
            yield first, others[i]


def _check_top(top: int | None) -> None:
    if top is not None and top < 0:
        raise ValueError(f"top must be a number of results (0 or more) or None, not {top}")


# -- analyses ------------------------------------------------------------------------


def stakes(
    G: nx.MultiDiGraph, *, as_of: date | None = None, lang: str = "en"
) -> list[dict[str, Any]]:
    """Who supports and who opposes each stake, and which side weighs more.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : datetime.date, optional
        Analysis date (default today): stake and power relations not in force that day
        are ignored.
    lang : {"en", "fr"}
        Language of the reasons.

    Returns
    -------
    list of dict
        One record per stake of the map: ``stake`` (id), ``name``, ``supporters``
        (actor ids with stance > 0), ``opponents`` (stance < 0), ``neutral`` (stance 0),
        each sorted by id; ``balance`` (Σ stance·π), ``contested`` (supporters and
        opponents both exist) and ``reasons``. Contested stakes first, then by
        decreasing \\|balance\\|, then by id.

    Notes
    -----
    The power-weighted balance of a stake is Σ stance(a)·π(a) over the actors holding a
    stance on it, where π is the power index
    (:func:`ecomap.analysis.power.power_index`): a positive balance means the weight of
    the actors in favour outweighs that of the actors against. Neutral actors add 0.
    An actor with several stake relations to one stake (possible only with explicit
    relation ids) counts once, with the mean of its stances.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation, Stake
    >>> eco = Ecosystem()
    >>> for i in "ab":
    ...     eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    >>> eco.add(Stake(id="s", name="Local food"))
    >>> eco.add(Relation(source="a", target="s", type="stake", stance=2))
    >>> eco.add(Relation(source="b", target="s", type="stake", stance=-1))
    >>> [row] = stakes(to_graph(eco))
    >>> row["supporters"], row["opponents"], row["contested"], row["balance"]
    (['a'], ['b'], True, 1.0)

    References
    ----------
    .. [1] Schiffer, E. & Hauck, J. (2010). Net-Map: collecting social network data and
       facilitating network learning through participatory influence network mapping.
       *Field Methods* 22(3), 231–249.
    .. [2] Reed, M. S. et al. (2009). Who's in and why? A typology of stakeholder
       analysis methods for natural resource management. *Journal of Environmental
       Management* 90(5), 1933–1949.
    """
    day = analysis_date(as_of)
    positions = _stake_positions(G, day)
    pi = power_index(G, as_of=day)
    names = node_names(G)
    rows = []
    for stake, data in G.nodes(data=True):
        if data.get("node_type") != RecordKind.STAKE:
            continue
        holders = positions.get(stake, {})
        supporters = [a for a, (s, _) in holders.items() if s > 0]
        opponents = [a for a, (s, _) in holders.items() if s < 0]
        neutral = [a for a, (s, _) in holders.items() if s == 0]
        weights = {a: s * pi.get(a, 0.0) for a, (s, _) in holders.items()}
        balance = float(sum(weights.values()))
        contested = bool(supporters and opponents)
        reasons = []
        for key, group in (("supporters", supporters), ("opponents", opponents)):
            if group:
                reasons.append(
                    say(MESSAGES, key, lang, names=listing([names[a] for a in group], lang))
                )
        if neutral:
            reasons.append(
                say(MESSAGES, "neutral", lang, names=listing([names[a] for a in neutral], lang))
            )
        if not holders:
            reasons.append(say(MESSAGES, "no_stance", lang))
        else:
            if contested:
                reasons.append(say(MESSAGES, "contested", lang))
            lean = "leans_for" if balance > 0 else "leans_against" if balance < 0 else "even"
            reasons.append(say(MESSAGES, lean, lang, balance=signed(balance, lang)))
            heaviest = min(weights, key=lambda a: (-abs(weights[a]), a))
            if weights[heaviest] != 0:
                reasons.append(
                    say(
                        MESSAGES,
                        "weighs_most",
                        lang,
                        name=names[heaviest],
                        stance=signed(holders[heaviest][0], lang),
                        pi=number(pi.get(heaviest, 0.0), lang),
                    )
                )
        rows.append(
            {
                "stake": stake,
                "name": data["name"],
                "supporters": supporters,
                "opponents": opponents,
                "neutral": neutral,
                "balance": balance,
                "contested": contested,
                "reasons": reasons,
            }
        )
    rows.sort(key=lambda r: (not r["contested"], -abs(r["balance"]), r["stake"]))
    return rows


def latent_tensions(
    G: nx.MultiDiGraph,
    *,
    as_of: date | None = None,
    lang: str = "en",
    min_importance: float = 2,
    top: int | None = 50,
) -> list[dict[str, Any]]:
    """Pairs of actors with opposite stances on a stake that matters to both, and no
    recorded tension: frictions waiting to surface.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : datetime.date, optional
        Analysis date (default today).
    lang : {"en", "fr"}
        Language of the reasons.
    min_importance : float, default 2
        Both actors must rate the stake at least this important (the stake relation's
        weight, 1 to 3).
    top : int or None, default 50
        How many pairs to return, best first; None returns them all.

    Returns
    -------
    list of dict
        One record per (pair, stake): ``actors`` (the two ids, sorted), ``names``,
        ``stake``, ``stake_name``, ``score``, ``stances`` and ``importance`` (actor id
        → value), ``reasons``. Sorted by decreasing score, then by the actor ids, then
        by stake id.

    Raises
    ------
    ValueError
        When ``top`` is negative.

    Notes
    -----
    A pair (a, b) is a latent tension on stake s when a and b hold stances of opposite
    signs on s, both with importance ≥ ``min_importance``, no ``tension`` relation of
    any stake is in force between them, and they are not of the same organisation:
    they share no ``member_of`` target, and neither is a member of the other (a member
    and its own organisation are one organisation too). Sub-units (``part_of``) are
    organisations of their own and are not excluded.

    score = importance(a) · importance(b) · \\|stance(a) − stance(b)\\|.

    A pair opposed on several stakes gives one record per stake, since each stake is a
    different subject for the same two actors to talk about.

    Complexity: actors holding a stance on a stake are grouped by stake and by (stance,
    importance); all pairs of two groups share one score, so groups are visited by
    decreasing score and each group's pairs lazily in id order, stopping as soon as
    they cannot enter the ``top`` kept in a bounded heap. With k stance relations,
    g groups per stake and x excluded pairs met on the way, the cost is
    O(k log k + g² + (top + x) log top) instead of one step per opposed pair.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation, Stake
    >>> eco = Ecosystem()
    >>> for i in "ab":
    ...     eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    >>> eco.add(Stake(id="s", name="Town-centre market"))
    >>> eco.add(Relation(source="a", target="s", type="stake", stance=2, weight=3))
    >>> eco.add(Relation(source="b", target="s", type="stake", stance=-1, weight=2))
    >>> [row] = latent_tensions(to_graph(eco))
    >>> row["actors"], row["score"]  # 3 × 2 × (2 − (−1))
    (['a', 'b'], 18.0)

    References
    ----------
    .. [1] Reed, M. S. et al. (2009). Who's in and why? A typology of stakeholder
       analysis methods for natural resource management. *Journal of Environmental
       Management* 90(5), 1933–1949.
    """
    _check_top(top)
    if top == 0:
        return []
    day = analysis_date(as_of)
    relations = in_force_by_type(
        G, day, RelationType.STAKE, RelationType.TENSION, RelationType.MEMBER_OF
    )
    positions = _stake_positions(G, day)
    in_tension = _tension_pairs(relations["tension"])
    organisations = _organisations(G, day, relations["member_of"])

    groups = []
    for stake, holders in positions.items():
        sides: dict[bool, dict[tuple[float, float], list[str]]] = {
            True: defaultdict(list),
            False: defaultdict(list),
        }
        for actor, (stance, importance) in holders.items():
            if stance != 0 and importance >= min_importance:
                sides[stance > 0][(stance, importance)].append(actor)
        for (s_for, i_for), for_ in sides[True].items():
            for (s_against, i_against), against in sides[False].items():
                groups.append((i_for * i_against * (s_for - s_against), stake, for_, against))
    groups.sort(key=lambda g: (-g[0], g[1]))

    best = _Best(top)
    for score, stake, for_, against in groups:
        if best.full and -score > best.worst[0]:
            break
        for a, b in _ordered_pairs(for_, against):
            key = (-score, a, b, stake)
            if not best.admits(key):
                break
            if (a, b) in in_tension or organisations.same(a, b):
                continue
            best.add(key, (a, b, stake, score))

    names = node_names(G)
    rows = []
    for a, b, stake, score in best.results():
        (sa, ia), (sb, ib) = positions[stake][a], positions[stake][b]
        reasons = [
            say(
                MESSAGES,
                "opposite",
                lang,
                a=names[a],
                b=names[b],
                sa=signed(sa, lang),
                sb=signed(sb, lang),
                ia=number(ia, lang),
                ib=number(ib, lang),
                stake=names[stake],
            ),
            say(MESSAGES, "no_tension", lang),
            say(
                MESSAGES,
                "latent_score",
                lang,
                score=number(score, lang),
                ia=number(ia, lang),
                ib=number(ib, lang),
                gap=number(abs(sa - sb), lang),
            ),
        ]
        rows.append(
            {
                "actors": [a, b],
                "names": [names[a], names[b]],
                "stake": stake,
                "stake_name": names[stake],
                "score": float(score),
                "stances": {a: sa, b: sb},
                "importance": {a: ia, b: ib},
                "reasons": reasons,
            }
        )
    return rows


def untapped_cooperation(
    G: nx.MultiDiGraph,
    *,
    as_of: date | None = None,
    lang: str = "en",
    top: int | None = 50,
    min_importance: float = 1,
    exclude_tensions: bool = True,
    rows: int | None = None,
) -> list[dict[str, Any]]:
    """Pairs of actors with shared or crossed interests who do not cooperate yet.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : datetime.date, optional
        Analysis date (default today).
    lang : {"en", "fr"}
        Language of the reasons.
    top : int or None, default 50
        How many pairs to return, best first; None returns them all.
    min_importance : float, default 1
        Stances on stakes rated less important than this are left out (1 keeps all).
    exclude_tensions : bool, default True
        Leave out pairs in tension; :func:`tension_opportunities` reports their shared
        stakes instead.
    rows : int, optional
        Make only the first ``rows`` records (a :class:`~ecomap.analysis.reasons.Shown`
        list that knows how many the whole table has), for a summary that prints those.

    Returns
    -------
    list of dict
        One record per pair: ``actors`` (the two ids, sorted), ``names``, ``score``,
        ``shared_stakes`` (stake ids on which both hold a stance of the same sign),
        ``crossed_interests`` (``[stake of actors[0], stake of actors[1]]`` pairs of
        complementing stakes), ``stances`` (stake id → {actor id → stance}) and
        ``reasons``. Sorted by decreasing score, then by the actor ids.

    Raises
    ------
    ValueError
        When ``top`` is negative.

    Notes
    -----
    A pair (a, b) has **shared interests** on stake s when both hold a stance on s of
    the same sign (both for or both against), and a **crossed interest** (s₁, s₂) when a
    supports s₁ (stance > 0), b supports s₂, s₁ and s₂ are linked by ``complements``,
    and neither supports the other's stake too: crossed interests are different
    interests that fit together; when both support both stakes the interests are
    shared, and counted once as such. An interest one does not support (stance ≤ 0) is
    not crossed.
    It is reported when it has either, no ``cooperates`` relation is in force between
    them, and they are not of the same organisation (no common ``member_of`` target,
    neither a member of the other); by default a pair in tension is left out too, as
    DESIGN applies the exclusions of latent tensions.

    score(a, b) = Σ over shared stakes of importance(a)·importance(b)·min(\\|stance(a)\\|,
    \\|stance(b)\\|) + Σ over crossed interests (s₁, s₂) of importance(a, s₁)·importance(b,
    s₂)·min(stance(a, s₁), stance(b, s₂)): each common interest counts by how much both
    care about it and by the weaker of the two commitments.

    Complexity: every actor gets an upper bound U(a) on the score of any pair it is in
    (the sum over its stances of importance·\\|stance\\| times the largest importance
    among the other holders). Actors are visited by decreasing bound; visiting a scores
    exactly its pairs with the actors not visited yet (through the holders of its
    stakes and of the stakes complementing them) and keeps the best ``top`` in a
    bounded heap. The visit stops as soon as U(a) is below the worst kept score, since
    no remaining pair can do better. Only the actors holding a stance are ever looked
    at, and in practice only the first few of them.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation, Stake
    >>> eco = Ecosystem()
    >>> for i in "ab":
    ...     eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    >>> eco.add(Stake(id="s", name="Local food"))
    >>> eco.add(Relation(source="a", target="s", type="stake", stance=2, weight=3))
    >>> eco.add(Relation(source="b", target="s", type="stake", stance=1, weight=2))
    >>> [row] = untapped_cooperation(to_graph(eco))
    >>> row["actors"], row["shared_stakes"], row["score"]  # 3 × 2 × min(2, 1)
    (['a', 'b'], ['s'], 6.0)

    References
    ----------
    .. [1] Reed, M. S. et al. (2009). Who's in and why? A typology of stakeholder
       analysis methods for natural resource management. *Journal of Environmental
       Management* 90(5), 1933–1949.
    """
    _check_top(top)
    if top == 0:
        return []
    day = analysis_date(as_of)
    relations = in_force_by_type(
        G,
        day,
        RelationType.STAKE,
        RelationType.COMPLEMENTS,
        RelationType.TENSION,
        RelationType.MEMBER_OF,
    )
    positions = _stake_positions(G, day)

    # (stake, sign) → [(actor, stance, importance)]; sign True for "for".
    holders: dict[tuple[str, bool], list[tuple[str, float, float]]] = defaultdict(list)
    holdings: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    supports: set[tuple[str, str]] = set()
    for stake, by_actor in positions.items():
        for actor, (stance, importance) in by_actor.items():
            if stance != 0 and importance >= min_importance:
                holders[stake, stance > 0].append((actor, stance, importance))
                holdings[actor].append((stake, stance, importance))
                if stance > 0:
                    supports.add((actor, stake))
    complements: dict[str, set[str]] = defaultdict(set)
    for s1, s2, _ in relations["complements"]:
        complements[s1].add(s2)
        complements[s2].add(s1)
    largest = {group: max(i for _, _, i in members) for group, members in holders.items()}

    def bound(actor: str) -> float:
        total = 0.0
        for stake, stance, importance in holdings[actor]:
            if len(holders[stake, stance > 0]) > 1:
                total += importance * abs(stance) * largest[stake, stance > 0]
            if stance > 0:
                for other in complements.get(stake, ()):
                    if (other, True) in largest:
                        total += importance * stance * largest[other, True]
        return total

    bounds = {actor: bound(actor) for actor in holdings}
    order = sorted((a for a in bounds if bounds[a] > 0), key=lambda a: (-bounds[a], a))
    rank = {a: i for i, a in enumerate(order)}
    cooperating = cooperation_partners(G, as_of=day)
    no_partners: dict[str, int] = {}
    in_tension = _tension_pairs(relations["tension"]) if exclude_tensions else set()
    organisations = _organisations(G, day, relations["member_of"])

    # Each group's holders in visiting order: a visit skips those already visited (a
    # prefix) and stops at the first whose bound is below the worst score kept, since
    # bounds only decrease along the order.
    # With each group, its holders' bounds negated (non-decreasing along the order): the
    # holders a visit reads are one slice, found by two bisections.
    ranked: dict[tuple[str, bool], tuple[list[int], list[float], list[tuple[str, float, float]]]]
    ranked = {}
    for group, found in holders.items():
        entries = sorted((rank[a], a, s, i) for a, s, i in found if a in rank)
        ranked[group] = (
            [e[0] for e in entries],
            [-bounds[e[1]] for e in entries],
            [e[1:] for e in entries],
        )
    nobody = ((), (), ())

    def partners(group: tuple[str, bool], me: int, floor: float):
        ranks, below, entries = ranked.get(group, nobody)
        start = bisect_right(ranks, me)
        # The first holder whose bound is below the floor ends the slice.
        stop = len(entries) if floor == -math.inf else bisect_right(below, -floor, start)
        return entries[start:stop] if stop > start else ()

    def left_out(a: str, b: str) -> bool:
        """Whether the pair cooperates already, is in tension (when excluded) or shares
        an organisation: no row for it."""
        return (
            b in cooperating.get(a, no_partners) or (a, b) in in_tension or organisations.same(a, b)
        )

    def search(size: int | None, count_to: int = 0) -> tuple[list[tuple], int]:
        """The ``size`` best pairs; and how many pairs that the whole table could hold
        were met on the way, counted up to ``count_to``."""
        best = _Best(size)
        seen = 0
        for actor in order:
            floor = -math.inf
            if best.full:
                worst_score, worst_first = -best.worst[0], best.worst[1]
                limit = bounds[actor]
                if limit < worst_score - _EPSILON or (
                    limit <= worst_score + _EPSILON and actor > worst_first
                ):
                    break
                floor = worst_score - _EPSILON
            me = rank[actor]
            scores: dict[str, float] = defaultdict(float)
            shared: dict[str, list[str]] = defaultdict(list)
            crossed: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for stake, stance, importance in holdings[actor]:
                for other, other_stance, other_importance in partners(
                    (stake, stance > 0), me, floor
                ):
                    scores[other] += (
                        importance * other_importance * min(abs(stance), abs(other_stance))
                    )
                    shared[other].append(stake)
                if stance <= 0:
                    continue
                for complement in complements.get(stake, ()):
                    if (actor, complement) in supports:
                        continue
                    for other, other_stance, other_importance in partners(
                        (complement, True), me, floor
                    ):
                        if (other, stake) in supports:
                            continue
                        scores[other] += importance * other_importance * min(stance, other_stance)
                        crossed[other].append((stake, complement))
            # Most partners score below the worst kept: compare the score before building keys.
            worst = best.worst if best.full else None
            for other, score in scores.items():
                if seen < count_to and not left_out(*_pair(actor, other)):
                    # A pair the whole table could hold (each pair is scored once, from
                    # the one visited first), counted until there are enough to fill it.
                    seen += 1
                if worst is not None and -score > worst[0]:
                    continue
                a, b = _pair(actor, other)
                key = (-score, a, b)
                if worst is not None and key >= worst:
                    continue
                if left_out(a, b):
                    continue
                mine_first = actor == a
                interests = sorted(
                    [x, y] if mine_first else [y, x] for x, y in crossed.get(other, ())
                )
                best.add(key, (a, b, score, sorted(shared.get(other, ())), interests))
                worst = best.worst if best.full else None
        return best.results(), seen

    if rows is not None and top is not None and rows < top:
        # Only the first rows are made: the best ``rows`` pairs are the first rows of
        # the best ``top`` (one order, nothing ties), and the search for fewer stops
        # sooner. The whole table's length is ``top`` as soon as that many pairs that
        # it could hold are met; otherwise the whole table is searched to count it.
        found, seen = search(rows, top)
        total = top
        if seen < top:
            whole, _ = search(top)
            found, total = whole[:rows], len(whole)
    else:
        found, _ = search(top)
        total = len(found)
        if rows is not None:
            found = found[:rows]

    names = node_names(G)
    records = []
    for a, b, score, shared_stakes, interests in found:
        stances = {s: {a: positions[s][a][0], b: positions[s][b][0]} for s in shared_stakes}
        reasons = []
        for s in shared_stakes:
            key = "both_support" if stances[s][a] > 0 else "both_oppose"
            reasons.append(
                say(
                    MESSAGES,
                    key,
                    lang,
                    a=names[a],
                    b=names[b],
                    stake=names[s],
                    sa=signed(stances[s][a], lang),
                    sb=signed(stances[s][b], lang),
                )
            )
        for sa, sb in interests:
            reasons.append(
                say(MESSAGES, "crossed", lang, sa=names[sa], a=names[a], sb=names[sb], b=names[b])
            )
        reasons.append(say(MESSAGES, "no_cooperation", lang, a=names[a], b=names[b]))
        reasons.append(say(MESSAGES, "untapped_score", lang, score=number(score, lang)))
        records.append(
            {
                "actors": [a, b],
                "names": [names[a], names[b]],
                "score": float(score),
                "shared_stakes": shared_stakes,
                "crossed_interests": interests,
                "stances": stances,
                "reasons": reasons,
            }
        )
    return records if rows is None else Shown(records, total)


def tension_opportunities(
    G: nx.MultiDiGraph, *, as_of: date | None = None, lang: str = "en", rows: int | None = None
) -> list[dict[str, Any]]:
    """Each recorded tension with the stakes its two parties share: common ground.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : datetime.date, optional
        Analysis date (default today).
    lang : {"en", "fr"}
        Language of the reasons.
    rows : int, optional
        Make only the first ``rows`` records (a :class:`~ecomap.analysis.reasons.Shown`
        list that knows how many there are), for a summary that prints those.

    Returns
    -------
    list of dict
        One record per ``tension`` relation in force: ``actors`` (the two ids, sorted),
        ``names``, ``stake`` (the stake the tension is about, or None) and
        ``stake_name``, ``intensity`` (the tension's weight), ``shared_stakes`` (stake
        ids on which both hold a stance of the same sign, sorted) and
        ``shared_stake_names``, ``stances`` (shared stake id → {actor id → stance}),
        ``reasons``. Tensions with the most shared stakes first, then by actor ids,
        stake and decreasing intensity.

    Notes
    -----
    Tensions are normal material for cooperation: two parties in tension who both
    support (or both oppose) a stake have common ground to start from. A shared stake
    is one on which both hold a non-zero stance of the same sign; it may be the very
    stake the tension is about (they agree on the goal and clash on the way).

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation, Stake
    >>> eco = Ecosystem()
    >>> for i in "ab":
    ...     eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    >>> eco.add(Stake(id="s", name="Local food"))
    >>> eco.add(Relation(source="a", target="s", type="stake", stance=2))
    >>> eco.add(Relation(source="b", target="s", type="stake", stance=1))
    >>> eco.add(Relation(source="b", target="a", type="tension", weight=2))
    >>> [row] = tension_opportunities(to_graph(eco))
    >>> row["actors"], row["shared_stakes"], row["intensity"]
    (['a', 'b'], ['s'], 2.0)

    References
    ----------
    .. [1] Reed, M. S. et al. (2009). Who's in and why? A typology of stakeholder
       analysis methods for natural resource management. *Journal of Environmental
       Management* 90(5), 1933–1949.
    """
    day = analysis_date(as_of)
    relations = in_force_by_type(G, day, RelationType.STAKE, RelationType.TENSION)
    positions = _stake_positions(G, day)
    by_actor: dict[str, dict[str, float]] = defaultdict(dict)
    for stake, holders in positions.items():
        for actor, (stance, _) in holders.items():
            if stance != 0:
                by_actor[actor][stake] = stance
    names = node_names(G)
    # Each tension ranked first (a stable sort, as the records' was), then a record made
    # for each row kept.
    found = []
    for u, v, data in relations["tension"]:
        a, b = _pair(u, v)
        mine, theirs = by_actor.get(a, {}), by_actor.get(b, {})
        shared = sorted(s for s in mine.keys() & theirs.keys() if (mine[s] > 0) == (theirs[s] > 0))
        stake = data.get("stake")
        intensity = float(data["weight"])
        found.append(((-len(shared), a, b, stake or "", -intensity), stake, shared))
    found.sort(key=itemgetter(0))
    records = []
    for (_, a, b, _, minus), stake, shared in found if rows is None else found[:rows]:
        mine, theirs = by_actor.get(a, {}), by_actor.get(b, {})
        intensity = -minus
        reasons = [
            say(
                MESSAGES,
                "tension_on",
                lang,
                a=names[a],
                b=names[b],
                stake=names[stake],
                w=number(intensity, lang),
            )
            if stake in names
            else say(MESSAGES, "tension", lang, a=names[a], b=names[b], w=number(intensity, lang))
        ]
        if shared:
            key = "common_ground_1" if len(shared) == 1 else "common_ground"
            reasons.append(say(MESSAGES, key, lang, n=len(shared)))
            for s in shared:
                key = "both_support" if mine[s] > 0 else "both_oppose"
                reasons.append(
                    say(
                        MESSAGES,
                        key,
                        lang,
                        a=names[a],
                        b=names[b],
                        stake=names[s],
                        sa=signed(mine[s], lang),
                        sb=signed(theirs[s], lang),
                    )
                )
        else:
            reasons.append(say(MESSAGES, "no_shared", lang))
        records.append(
            {
                "actors": [a, b],
                "names": [names[a], names[b]],
                "stake": stake,
                "stake_name": names.get(stake) if stake else None,
                "intensity": intensity,
                "shared_stakes": shared,
                "shared_stake_names": [names[s] for s in shared],
                "stances": {s: {a: mine[s], b: theirs[s]} for s in shared},
                "reasons": reasons,
            }
        )
    if rows is not None:
        records = Shown(records, len(found))
    return records
