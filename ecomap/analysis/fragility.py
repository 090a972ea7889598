"""Fragile links: cooperation between organisations that hangs on single people.

Cooperation is carried by people. When the only person who links two organisations
leaves, the cooperation falls, unless the organisations have *instituted* it (a
formal agreement, or a recognised space where it lives beyond individuals).
:func:`fragile_links` measures each link's bus factor, :func:`key_people` lists the
people whose departure alone would end links, and :func:`what_if` simulates
departures.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

from ecomap.analysis.reasons import Listing, Number, Reason, Shown, in_words, register
from ecomap.analysis.reasons import ranked as ranked_rows
from ecomap.graph import (
    _cached,
    active_relations,
    actor_nodes,
    analysis_date,
    display_names,
    ecosystem_graph,
    instituted_spaces,
    to_igraph,
)
from ecomap.i18n import listing, of_name, say
from ecomap.model import ActorKind, RelationType

__all__ = ["fragile_links", "key_people", "what_if", "FORMAL_AGREEMENT"]

#: The ``instituted_by`` entry of a link instituted by a formal agreement.
FORMAL_AGREEMENT = "formal agreement"


#: Carriers named in a reason before the list is cut short.
_NAMED = 8

MESSAGES = {
    "en": {
        "declared": "{a} and {b} declare a cooperation (weight {w})",
        "no_person": "no named person carries this link",
        "both": "{p} is a member of both {a} and {b}",
        "direct": "{p} ({org}) cooperates directly with {other}",
        "carried": "carried by {people}",
        "critical_one": "the link ends if {p} leaves",
        "critical_many": "the link ends if any one of {people} leaves",
        "bus_factor": "{n} people must leave to end this link",
        "formal": "instituted by a formal agreement",
        "space": "instituted by the space '{space}'",
        "fragile": "fragile: a single departure ends it and nothing institutes it",
        "key_link": "the link between {a} and {b} ends if {p} leaves",
        "leaves": "{p} leaves",
        "leaves_on": "{p} leaves {org} on {day}",
        "ended": "the link between {a} and {b} ends: every tie went through {people}",
        "ended_declared": "{a} and {b} keep a declared cooperation, carried by no named person",
        "weakened": "the link between {a} and {b} weakens: bus factor {before} → {after}",
        "isolated": "{a} becomes isolated",
        "split": "a group of {n} actors splits into {k}",
    },
    "fr": {
        "declared": "{a} et {b} déclarent une coopération (poids {w})",
        "no_person": "aucune personne nommée ne porte ce lien",
        "both": "{p} est membre à la fois {de_a} et {de_b}",
        "direct": "{p} ({org}) coopère directement avec {other}",
        "carried": "porté par {people}",
        "critical_one": "le lien s'arrête si {p} part",
        "critical_many": "le lien s'arrête si une seule de ces personnes part : {people}",
        "bus_factor": "il faut le départ de {n} personnes pour rompre ce lien",
        "formal": "institué par un accord formel",
        "space": "institué par le dispositif « {space} »",
        "fragile": "fragile : un seul départ y met fin et rien ne l'institue",
        "key_link": "le lien entre {a} et {b} s'arrête si {p} part",
        "leaves": "{p} part",
        "leaves_on": "{p} quitte {org} le {day}",
        "ended": "le lien entre {a} et {b} s'arrête : tous ses liens passaient par {people}",
        "ended_declared": (
            "{a} et {b} gardent une coopération déclarée, portée par aucune personne nommée"
        ),
        "weakened": "le lien entre {a} et {b} s'affaiblit : facteur bus {before} → {after}",
        "isolated": "{a} se retrouve isolé",
        "split": "un groupe de {n} acteurs se scinde en {k}",
    },
}


@dataclass(slots=True)
class _Link:
    """What ties two organisations: the raw material of one fragile-links record."""

    #: People of each cross tie (one person for a forced tie, two for a person–person tie).
    ties: list[tuple[str, ...]] = field(default_factory=list)
    #: Forced people → ("both", "") or ("direct", the organisation they work with).
    forced: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: Person–person ties as (person of the first organisation, person of the second).
    crossing: set[tuple[str, str]] = field(default_factory=set)
    declared: float | None = None
    formal: bool = False
    strength: float = 0.0
    bus_factor: int = 0


def _names(G: nx.MultiDiGraph) -> dict[str, str]:
    """Node id → the name users read (shared by the analyses of a run: do not modify)."""
    return display_names(G)


class _InForce:
    """The relations fragility looks at, in force on one day, read in one pass."""

    def __init__(self, G: nx.MultiDiGraph, day: date) -> None:
        self.kinds = {a: d.get("kind") for a, d in actor_nodes(G).items()}
        self.instituted = instituted_spaces(G)
        #: (person, organisation, until)
        self.memberships: list[tuple[str, str, date | None]] = []
        #: (actor, actor, identity, data), as the index of relations in force holds them
        self.cooperations: list[tuple[str, str, str, dict[str, Any]]] = []
        #: (actor, space, identity, data)
        self.participations: list[tuple[str, str, str, dict[str, Any]]] = []
        # Each type read from its own list (in G.edges order, as one scan gives them).
        self.memberships = [
            (u, v, data.get("until"))
            for u, v, _, data in active_relations(G, RelationType.MEMBER_OF, as_of=day)
        ]
        # Read as the index holds them (weights and flags are read where a tie needs them).
        self.cooperations = list(active_relations(G, RelationType.COOPERATES, as_of=day))
        self.participations = list(active_relations(G, RelationType.PARTICIPATES, as_of=day))


def _gather(relations: _InForce, *, carry: bool = True):
    """The links between non-person actors.

    Returns ``(links, members_of, carried)``: pair (sorted ids) → :class:`_Link` with
    its bus factor filled in; person → the organisations they are a direct member of;
    person → the pairs whose cross ties they are in (left empty when ``carry`` is false:
    only what-if reads it).
    """
    kinds = relations.kinds
    members_of: dict[str, set[str]] = defaultdict(set)
    for u, v, _ in relations.memberships:
        members_of[u].add(v)
    links: dict[tuple[str, str], _Link] = defaultdict(_Link)
    carried: dict[str, set[tuple[str, str]]] = defaultdict(set)

    def link(a: str, b: str, *people: str) -> _Link:
        pair = (a, b) if a < b else (b, a)
        if carry:
            for person in people:
                carried[person].add(pair)
        return links[pair]

    for person, orgs in members_of.items():
        for a in orgs:
            for b in orgs:
                if a < b:
                    entry = link(a, b, person)
                    entry.ties.append((person,))
                    entry.forced[person] = ("both", "")
                    entry.strength = max(entry.strength, 1.0)
    # The loop over every cooperation, with what ``link`` does written out (a call per
    # cross tie was a third of its cost on a large map); the same links, in the same order.
    person = ActorKind.PERSON
    no_members: tuple[str, ...] = ()
    for u, v, _, data in relations.cooperations:
        person_u, person_v = kinds[u] == person, kinds[v] == person
        if person_u and person_v:
            orgs_v = members_of.get(v, no_members)
            if not orgs_v:
                continue
            orgs_u = members_of.get(u, no_members)
            if not orgs_u:
                continue
            weight = float(data["weight"])
            for a in orgs_u:
                for b in orgs_v:
                    if a == b:
                        continue
                    if a < b:
                        pair, cross = (a, b), (u, v)
                    else:
                        pair, cross = (b, a), (v, u)
                    if carry:
                        carried[u].add(pair)
                        carried[v].add(pair)
                    entry = links[pair]
                    entry.ties.append((u, v))
                    entry.crossing.add(cross)
                    if weight > entry.strength:
                        entry.strength = weight
        elif person_u or person_v:
            weight = float(data["weight"])
            one, other = (u, v) if person_u else (v, u)
            for a in members_of.get(one, no_members):
                if a == other:
                    continue
                pair = (a, other) if a < other else (other, a)
                if carry:
                    carried[one].add(pair)
                entry = links[pair]
                entry.ties.append((one,))
                entry.forced.setdefault(one, ("direct", other))
                if weight > entry.strength:
                    entry.strength = weight
        else:
            weight = float(data["weight"])
            entry = link(u, v)
            entry.declared = max(entry.declared or 0.0, weight)
            entry.formal = entry.formal or bool(data.get("formal"))
            entry.strength = max(entry.strength, weight)
    _bus_factors(links)
    return dict(links), members_of, carried


def _without(
    links: dict[tuple[str, str], _Link],
    carried: dict[str, set[tuple[str, str]]],
    gone: set[str],
) -> dict[tuple[str, str], _Link]:
    """The links that change when the people in ``gone`` leave, as they are after.

    Every cross tie names the people whose memberships and cooperation make it, so
    removing the ties that name someone who leaves is the same as rebuilding the
    links from a map without them.
    """
    changed: dict[tuple[str, str], _Link] = {}
    for pair in set().union(*(carried.get(p, set()) for p in gone)):
        old = links[pair]
        changed[pair] = _Link(
            ties=[t for t in old.ties if gone.isdisjoint(t)],
            forced={p: why for p, why in old.forced.items() if p not in gone},
            crossing={(a, b) for a, b in old.crossing if a not in gone and b not in gone},
            declared=old.declared,
            formal=old.formal,
        )
    _bus_factors(changed)
    return changed


def _bus_factors(links: dict[tuple[str, str], _Link]) -> None:
    """Fill in every link's bus factor: forced people + one maximum matching (König)."""
    rows: dict[tuple[int, str], int] = {}
    cols: dict[tuple[int, str], int] = {}
    row_of, col_of = [], []
    entries = list(links.values())
    for k, entry in enumerate(entries):
        entry.bus_factor = len(entry.forced)
        for left, right in entry.crossing:
            if left in entry.forced or right in entry.forced:
                continue
            row_of.append(rows.setdefault((k, left), len(rows)))
            col_of.append(cols.setdefault((k, right), len(cols)))
    if not row_of:
        return
    # The pairs' residual graphs are disjoint blocks of one biadjacency matrix, so a
    # single matching over the union gives each pair's maximum matching.
    biadjacency = csr_matrix(
        (np.ones(len(row_of), dtype=np.int8), (row_of, col_of)), shape=(len(rows), len(cols))
    )
    matched = maximum_bipartite_matching(biadjacency, perm_type="column") >= 0
    pair_of_row = np.fromiter((k for k, _ in rows), dtype=np.int64, count=len(rows))
    counts = np.bincount(pair_of_row[matched], minlength=len(entries))
    for entry, extra in zip(entries, counts.tolist(), strict=True):
        entry.bus_factor += extra


def _instituting_spaces(relations: _InForce, members_of: dict[str, set[str]]):
    """Organisation → the instituted spaces it takes part in, itself or through a member."""
    reached: dict[str, set[str]] = defaultdict(set)
    for u, v, _, _ in relations.participations:
        if v in relations.instituted:
            reached[u].add(v)
            for org in members_of.get(u, ()):
                reached[org].add(v)
    return reached


def _critical(ties: list[tuple[str, ...]]) -> set[str]:
    common: set[str] | None = None
    for tie in ties:
        common = set(tie) if common is None else common & set(tie)
        if not common:
            return set()
    return common or set()


def _link_reasons(
    entry: _Link,
    a: str,
    b: str,
    names: dict[str, str],
    carriers: list[str],
    critical: list[str],
    by: list[str],
    fragile: bool,
) -> list[Reason]:
    """Why a link is what it is: the verdict first, then what it rests on."""
    name_a, name_b = names[a], names[b]
    reasons = []
    if fragile:
        reasons.append(Reason("fragility.fragile"))
    if not entry.ties:
        reasons.append(Reason("fragility.no_person"))
    if len(critical) == 1:
        reasons.append(Reason("fragility.critical_one", p=names[critical[0]]))
    elif critical:
        people = Listing([names[p] for p in critical], _NAMED)
        reasons.append(Reason("fragility.critical_many", people=people))
    elif entry.bus_factor > 1:
        reasons.append(Reason("fragility.bus_factor", n=entry.bus_factor))
    for source in by:
        if source == FORMAL_AGREEMENT:
            reasons.append(Reason("fragility.formal"))
        else:
            reasons.append(Reason("fragility.space", space=names[source]))
    for person, (why, other) in sorted(entry.forced.items()):
        if why == "both":
            reasons.append(
                Reason(
                    "fragility.both",
                    p=names[person],
                    a=name_a,
                    b=name_b,
                    de_a=of_name(name_a),
                    de_b=of_name(name_b),
                )
            )
        else:
            own = a if other == b else b
            reasons.append(
                Reason("fragility.direct", p=names[person], org=names[own], other=names[other])
            )
    if entry.declared is not None:
        reasons.append(Reason("fragility.declared", a=name_a, b=name_b, w=Number(entry.declared)))
    if carriers:
        people = Listing([names[p] for p in carriers], _NAMED)
        reasons.append(Reason("fragility.carried", people=people))
    return reasons


def _fragility(G: nx.MultiDiGraph, day: date):
    """``(links, spaces, names)`` of one map and day, cached on ``G``: the links between
    non-person actors with their bus factors, the instituted spaces each organisation
    takes part in, and the names (read by :func:`fragile_links` and :func:`key_people`;
    do not modify)."""

    def build():
        relations = _InForce(G, day)
        links, members_of, _ = _gather(relations, carry=False)
        return links, _instituting_spaces(relations, members_of), _names(G)

    return _cached(G, ("fragility", day), build)


def _link_record(a: str, b: str, entry: _Link, by: list[str], fragile: bool,
                 names: dict[str, str]) -> dict[str, Any]:  # fmt: skip
    carriers = sorted({p for tie in entry.ties for p in tie})
    critical = sorted(_critical(entry.ties))
    return {
        "organisations": [a, b],
        "names": [names[a], names[b]],
        "bus_factor": int(entry.bus_factor),
        "carriers": carriers,
        "critical": critical,
        "instituted": bool(by),
        "instituted_by": by,
        "fragile": fragile,
        "strength": float(entry.strength),
        "reasons": _link_reasons(entry, a, b, names, carriers, critical, by, fragile),
    }


def fragile_links(
    G: nx.MultiDiGraph,
    *,
    as_of: date | None = None,
    lang: str = "en",
    words: bool = True,
    rows: int | None = None,
) -> list[dict[str, Any]]:
    """Every link between two organisations, with its bus factor and whether it is fragile.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : datetime.date, optional
        Analysis date (default today): relations not in force that day are ignored.
    lang : {"en", "fr"}
        Language of the reasons.
    words : bool
        Reasons in words (default); False keeps them as :class:`~ecomap.analysis.reasons.Reason`
        codes, for a caller that words only what it shows.
    rows : int, optional
        Make only the first ``rows`` records (a :class:`~ecomap.analysis.reasons.Shown`
        list that knows how many there are), for a summary that prints those.

    Returns
    -------
    list of dict
        One record per pair of non-person actors with at least one cross tie or a
        declared cooperation: ``{"organisations": [a, b]`` (sorted ids), ``"names"``,
        ``"bus_factor"``, ``"carriers"``, ``"critical"`` (person ids, sorted),
        ``"instituted"``, ``"instituted_by"`` (:data:`FORMAL_AGREEMENT` first, then
        space ids), ``"fragile"``, ``"strength"``, ``"reasons"}``. Fragile links
        first, then by bus factor, then by ids.

    Notes
    -----
    The people of an organisation (or institution) are its direct members
    (``member_of``). For a pair (o1, o2) of non-person actors the *cross ties* are:
    a ``cooperates`` between a person of o1 and a person of o2; between a person of
    one and the other organisation itself; a person member of both (a tie with
    themselves). The **bus factor** is the smallest number of people whose departure
    removes every cross tie: the people who are members of both or tied to the other
    organisation itself are forced; the rest is the minimum vertex cover of the
    residual bipartite graph of person–person ties, equal to its maximum matching
    (König's theorem). Bus factor = forced + matching. A pair with only a declared
    organisation-level cooperation has bus factor 0 (a blind spot, not fragile).

    The pair is **instituted** when a ``cooperates`` between o1 and o2 is formal, or
    when both take part — themselves or through at least one direct member each (the
    same person may count for both when they belong to both) — in the same space
    with ``instituted`` true. **Fragile** = bus factor 1 and not instituted.
    ``carriers`` = every person in a cross tie; ``critical`` = the people in every
    cross tie (the departure of any one of them alone ends the link); it is
    non-empty exactly when the bus factor is 1. ``strength`` = the largest weight
    among the cross ties and the declared cooperation (a membership of both counts
    weight 1).

    One maximum bipartite matching (Hopcroft–Karp, scipy) runs over the union of the
    pairs' residual graphs, laid out as the blocks of one biadjacency matrix.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="amap", name="AMAP", kind="organisation"))
    >>> eco.add(Actor(id="mairie", name="Mairie", kind="institution"))
    >>> eco.add(Actor(id="lea", name="Léa", kind="person"))
    >>> eco.add(Actor(id="marc", name="Marc", kind="person"))
    >>> eco.add(Relation(source="lea", target="amap", type="member_of"))
    >>> eco.add(Relation(source="marc", target="mairie", type="member_of"))
    >>> eco.add(Relation(source="lea", target="marc", type="cooperates", weight=2))
    >>> [link] = fragile_links(to_graph(eco))
    >>> link["bus_factor"], link["fragile"], link["critical"]
    (1, True, ['lea', 'marc'])

    References
    ----------
    .. [1] ecomap DESIGN.md §3, "Fragile links" (the definition implemented here).
    .. [2] D. Kőnig (1931). Gráfok és mátrixok. *Matematikai és Fizikai Lapok* 38.
    .. [3] J. E. Hopcroft, R. M. Karp (1973). An n^5/2 algorithm for maximum
       matchings in bipartite graphs. *SIAM J. Comput.* 2(4), 225–231.
    .. [4] G. Avelino, L. Passos, A. Hora, M. T. Valente (2016). A novel approach for
       estimating truck factors. *ICPC 2016* (the bus factor of software teams).
    """
    day = analysis_date(as_of)
    links, spaces, names = _fragility(G, day)
    # Ranked on (not fragile, bus factor, ids) — each pair once, so nothing ties — then
    # a record made for each row kept.
    ranked = []
    none: set[str] = set()
    for pair, entry in links.items():
        a, b = pair
        by = [FORMAL_AGREEMENT] if entry.formal else []
        common = spaces.get(a, none) & spaces.get(b, none)
        if common:
            by += sorted(common)
        ranked.append((not (entry.bus_factor == 1 and not by), entry.bus_factor, pair, by))
    records = [
        _link_record(pair[0], pair[1], links[pair], by, not robust, names)
        for robust, _, pair, by in ranked_rows(ranked, rows)
    ]
    if rows is not None:
        records = Shown(records, len(ranked))
    return records if not words else in_words(records, lang)


def key_people(
    G: nx.MultiDiGraph,
    *,
    as_of: date | None = None,
    lang: str = "en",
    links: list[dict[str, Any]] | None = None,
    words: bool = True,
    rows: int | None = None,
) -> list[dict[str, Any]]:
    """The people whose departure alone would end links between organisations.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : datetime.date, optional
        Analysis date (default today).
    lang : {"en", "fr"}
        Language of the reasons.
    links : list of dict, optional
        The records of :func:`fragile_links` for the same map and date, when already
        computed.
    words : bool
        Reasons in words (default); False keeps them as :class:`~ecomap.analysis.reasons.Reason`
        codes, for a caller that words only what it shows.
    rows : int, optional
        Make only the first ``rows`` records (a :class:`~ecomap.analysis.reasons.Shown`
        list that knows how many there are), for a summary that prints those.

    Returns
    -------
    list of dict
        ``{"person", "name", "links_lost", "weight", "links", "reasons"}`` for every
        person critical to at least one link; most links lost first, then largest
        weight, then id.

    Notes
    -----
    A person is critical to a link when they are in every one of its cross ties
    (:func:`fragile_links`). ``links_lost`` counts those links, instituted or not;
    ``weight`` sums their strengths; ``links`` lists them as sorted id pairs.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> for i in ("amap", "mairie", "cci"):
    ...     eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    >>> eco.add(Actor(id="lea", name="Léa", kind="person"))
    >>> eco.add(Relation(source="lea", target="amap", type="member_of"))
    >>> eco.add(Relation(source="lea", target="mairie", type="cooperates"))
    >>> eco.add(Relation(source="lea", target="cci", type="cooperates", weight=3))
    >>> [(k["name"], k["links_lost"], k["weight"]) for k in key_people(to_graph(eco))]
    [('Léa', 2, 4.0)]

    See Also
    --------
    fragile_links : the links, their carriers and critical people.

    References
    ----------
    .. [1] ecomap DESIGN.md §3, "Key people".
    """
    # Each link as (ids, strength, its two names), under each of its critical people.
    lost: dict[str, list[tuple[tuple[str, str], float, list[str]]]] = defaultdict(list)
    if links is None:
        found, _, names = _fragility(G, analysis_date(as_of))
        for pair, entry in found.items():
            # Someone in every cross tie makes the bus factor 1: no other link has any.
            if entry.bus_factor != 1:
                continue
            critical = _critical(entry.ties)
            if critical:
                link = (pair, float(entry.strength), [names[pair[0]], names[pair[1]]])
                for person in critical:
                    lost[person].append(link)
    else:
        names = _names(G)
        for record in links:
            link = (tuple(record["organisations"]), record["strength"], record["names"])
            for person in record["critical"]:
                lost[person].append(link)
    ranked = []
    for person, held in lost.items():
        held.sort(key=lambda link: link[0])
        ranked.append((-len(held), -float(sum(link[1] for link in held)), person))
    records = []
    for count, weight, person in ranked_rows(ranked, rows):
        held, name = lost[person], names[person]
        records.append(
            {
                "person": person,
                "name": name,
                "links_lost": -count,
                "weight": -weight,
                "links": [list(pair) for pair, _, _ in held],
                "reasons": [
                    Reason("fragility.key_link", a=pair_names[0], b=pair_names[1], p=name)
                    for _, _, pair_names in held
                ],
            }
        )
    if rows is not None:
        records = Shown(records, len(ranked))
    return records if not words else in_words(records, lang)


def _add_months(day: date, months: int) -> date:
    """The same day ``months`` months later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def what_if(
    G: nx.MultiDiGraph,
    leaving: Iterable[str] = (),
    *,
    months: int | None = None,
    as_of: date | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """What happens to the links between organisations when people leave.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    leaving : iterable of str
        Ids of the people who leave.
    months : int, optional
        Also let leave everyone whose ``member_of`` ends (``until``) between the
        analysis date and that many months later, both included.
    as_of : datetime.date, optional
        Analysis date (default today).
    lang : {"en", "fr"}
        Language of the reasons.

    Returns
    -------
    dict
        ``{"leaving"`` (sorted ids), ``"links_ended"`` (pairs whose every cross tie
        goes), ``"links_weakened"`` (pairs whose bus factor drops but stays ≥ 1),
        ``"isolated"`` (actors left with no tie in the ecosystem graph),
        ``"components_split"`` (``{"before": ids, "after": [ids, ...]}``),
        ``"reasons"}``.

    Raises
    ------
    ValueError
        When an id in ``leaving`` is not a person of the map (all such ids listed),
        or ``months`` is negative.

    Notes
    -----
    A person who leaves leaves the whole map: all their memberships and ties go
    (also when only one of their memberships comes to its end within ``months``).
    A link ends when it had at least one cross tie and none is left (a declared
    organisation-level cooperation may remain, carried by no named person; a reason
    says so). Isolated actors had at least one tie in the ecosystem graph
    (cooperation, membership, sub-unit) and have none left; a component splits when
    what remains of it, without the people who leave, falls into two or more
    connected components (isolated actors included).

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="amap", name="AMAP", kind="organisation"))
    >>> eco.add(Actor(id="mairie", name="Mairie", kind="institution"))
    >>> eco.add(Actor(id="lea", name="Léa", kind="person"))
    >>> eco.add(Relation(source="lea", target="amap", type="member_of"))
    >>> eco.add(Relation(source="lea", target="mairie", type="cooperates"))
    >>> out = what_if(to_graph(eco), ["lea"])
    >>> out["links_ended"], out["isolated"]
    ([['amap', 'mairie']], ['amap', 'mairie'])

    See Also
    --------
    fragile_links, key_people

    References
    ----------
    .. [1] ecomap DESIGN.md §3, "What-if".
    """
    day = analysis_date(as_of)
    relations = _InForce(G, day)
    names = _names(G)
    # One id given as a plain string means that one person, not its characters.
    leaving = sorted({leaving} if isinstance(leaving, str) else set(leaving))
    unknown = [p for p in leaving if relations.kinds.get(p) != ActorKind.PERSON]
    if unknown:
        listed = ", ".join(repr(p) for p in unknown)
        raise ValueError(f"not a person of the map: {listed}")
    reasons = [say(MESSAGES, "leaves", lang, p=names[p]) for p in leaving]
    gone = set(leaving)
    if months is not None:
        if months < 0:
            raise ValueError(f"months must be 0 or more, not {months}")
        horizon = _add_months(day, months)
        for u, v, until in sorted(relations.memberships, key=lambda m: m[:2]):
            if until is not None and day <= until <= horizon:
                gone.add(u)
                reasons.append(
                    say(
                        MESSAGES,
                        "leaves_on",
                        lang,
                        p=names[u],
                        org=names[v],
                        day=until.strftime("%d/%m/%Y") if lang == "fr" else until.isoformat(),
                    )
                )
    before, _, carried = _gather(relations)
    after = _without(before, carried, gone)
    ended, weakened = [], []
    for pair in sorted(after):
        old, new = before[pair], after[pair]
        pair_names = {"a": names[pair[0]], "b": names[pair[1]]}
        if not new.ties:
            ended.append(list(pair))
            went = sorted({p for tie in old.ties for p in tie} & gone)
            people = listing([names[p] for p in went], lang, limit=_NAMED)
            reasons.append(say(MESSAGES, "ended", lang, people=people, **pair_names))
            if old.declared is not None:
                reasons.append(say(MESSAGES, "ended_declared", lang, **pair_names))
        elif new.bus_factor < old.bus_factor:
            weakened.append(list(pair))
            reasons.append(
                say(
                    MESSAGES,
                    "weakened",
                    lang,
                    before=old.bus_factor,
                    after=new.bus_factor,
                    **pair_names,
                )
            )
    E = ecosystem_graph(G, as_of=day)
    neighbours = {n for p in gone for n in E.neighbors(p)} - gone
    isolated = sorted(a for a in neighbours if all(n in gone for n in E.neighbors(a)))
    reasons += [say(MESSAGES, "isolated", lang, a=names[a]) for a in isolated]
    split = _splits(E, gone)
    for component in split:
        reasons.append(
            say(MESSAGES, "split", lang, n=len(component["before"]), k=len(component["after"]))
        )
    return {
        "leaving": sorted(gone),
        "links_ended": ended,
        "links_weakened": weakened,
        "isolated": isolated,
        "components_split": split,
        "reasons": reasons,
    }


def _splits(E: nx.Graph, gone: set[str]) -> list[dict[str, Any]]:
    """The components of ``E`` that fall apart without the actors in ``gone``."""
    if not gone:
        return []
    graph, ids = to_igraph(E)
    before = graph.connected_components().membership
    keep = [i for i, a in enumerate(ids) if a not in gone]
    after = graph.induced_subgraph(keep).connected_components().membership
    touched = {before[i] for i, a in enumerate(ids) if a in gone}
    members: dict[int, list[str]] = defaultdict(list)
    for i, component in enumerate(before):
        if component in touched:
            members[component].append(ids[i])
    pieces: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for position, i in enumerate(keep):
        if before[i] in touched:
            pieces[before[i]][after[position]].append(ids[i])
    split = []
    for component, parts in pieces.items():
        if len(parts) < 2:
            continue
        after_parts = sorted((sorted(p) for p in parts.values()), key=lambda p: (-len(p), p))
        split.append({"before": sorted(members[component]), "after": after_parts})
    split.sort(key=lambda c: c["before"])
    return split


register("fragility", MESSAGES)
