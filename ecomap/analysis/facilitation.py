"""Neutral facilitation: who could facilitate between parties without representing one
of them, and which existing spaces lack a neutral facilitator or a second structure.

A neutral third party (tiers neutre) facilitates exchanges between organisations; it
must not represent one of them. Every function takes the map graph from
:func:`ecomap.graph.to_graph` first and looks at the relations in force on ``as_of``
(today by default).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

import networkx as nx

from ecomap.analysis.power import power_index
from ecomap.analysis.reasons import Listing, Number, Reason, Shown, in_words, register
from ecomap.graph import (
    _cached,
    actor_nodes,
    analysis_date,
    cooperation_partners,
    home_organisation,
    in_force_by_type,
    node_names,
    power_graph,
)
from ecomap.i18n import listing, say
from ecomap.model import ActorKind, ParticipationRole, RecordKind, RelationType

__all__ = ["facilitators", "facilitators_for_tensions", "space_audit"]

MESSAGES = {
    "en": {
        "cooperates_with": "cooperates with {names}",
        "cooperates_with_none": "cooperates with none of the parties",
        "power_index": "power index {pi}",
        "neutral": (
            "neither a party nor a member or sub-unit of one, and holds no power relation with them"
        ),
        "facilitator_member": "{f} facilitates it but belongs to {o}, which takes part",
        "facilitator_is_party": "{f} facilitates it but also takes part as one of the structures",
        "single_structure": "only one structure attends or runs it: {name}",
        "no_structure": "no structure attends or runs it",
        "structures": "{n} structures attend or run it: {names}",
        "facilitated_by": "facilitated by {names}",
        "no_facilitator": "no facilitator is recorded",
        "issue_facilitator": "facilitator not neutral",
        "issue_single": "single structure",
        "issue_none": "no structure",
    },
    "fr": {
        "cooperates_with": "coopère avec {names}",
        "cooperates_with_none": "ne coopère avec aucune des parties",
        "power_index": "indice de pouvoir {pi}",
        "neutral": (
            "n'est ni une des parties, ni membre ou composante de l'une d'elles, et n'a "
            "aucun rapport de force avec elles"
        ),
        "facilitator_member": "{f} l'anime mais appartient à {o}, qui y participe",
        "facilitator_is_party": "{f} l'anime mais compte aussi parmi les structures participantes",
        "single_structure": "une seule structure y participe ou l'anime : {name}",
        "no_structure": "aucune structure n'y participe ni ne l'anime",
        "structures": "{n} structures y participent ou l'animent : {names}",
        "facilitated_by": "animé par {names}",
        "no_facilitator": "aucun animateur n'est renseigné",
        "issue_facilitator": "animation non neutre",
        "issue_single": "une seule structure",
        "issue_none": "aucune structure",
    },
}

#: Issue code → the message key of its short label.
ISSUES = {
    "facilitator_not_neutral": "issue_facilitator",
    "single_structure": "issue_single",
    "no_structure": "issue_none",
}

_STRUCTURES = frozenset({ActorKind.ORGANISATION.value, ActorKind.INSTITUTION.value})


_BELONGING = (RelationType.MEMBER_OF, RelationType.PART_OF)


def _belonging(G: nx.MultiDiGraph, day: date) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """From the ``member_of`` and ``part_of`` relations in force: (structure → its direct
    members and sub-units, actor → the structures it directly belongs to). Made once
    per map and date (facilitators and the space audit both read it); do not modify."""

    def build():
        found = in_force_by_type(G, day, *_BELONGING)
        below: dict[str, list[str]] = defaultdict(list)
        above: dict[str, list[str]] = defaultdict(list)
        for kind in _BELONGING:
            for child, parent, _ in found[kind.value]:
                below[parent].append(child)
                above[child].append(parent)
        return dict(below), dict(above)

    return _cached(G, ("belonging", day), build)


def _reach(start: Iterable[str], step: dict[str, list[str]]) -> set[str]:
    """Every node reachable from ``start`` along ``step`` (``start`` included)."""
    seen = set(start)
    frontier = list(seen)
    while frontier:
        node = frontier.pop()
        for nxt in step.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return seen


def _check_top(top: int | None) -> None:
    if top is not None and top < 0:
        raise ValueError(f"top must be a number of candidates (0 or more) or None, not {top}")


def _check_parties(G: nx.MultiDiGraph, parties: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(parties))
    if not chosen:
        raise ValueError("name at least one party (an actor id)")
    unknown = [p for p in chosen if p not in G]
    if unknown:
        raise ValueError(
            "unknown party: "
            + ", ".join(repr(p) for p in unknown)
            + " (expected actor ids of the map)"
        )
    not_actors = [p for p in chosen if G.nodes[p].get("node_type") != RecordKind.ACTOR]
    if not_actors:
        raise ValueError(
            "not an actor: "
            + ", ".join(f"{p!r} ({G.nodes[p].get('node_type')})" for p in not_actors)
            + "; parties must be actor ids"
        )
    return chosen


class _Ranking:
    """What ranking facilitators needs, read once per map and date."""

    def __init__(
        self,
        G: nx.MultiDiGraph,
        day: date,
        found: dict[str, list[tuple[str, str, dict[str, Any]]]],
    ) -> None:
        self.names = node_names(G)
        self.pi = power_index(G, as_of=day)
        self.cooperation = cooperation_partners(G, as_of=day)
        self.power = power_graph(G, as_of=day)
        self.below, _ = _belonging(G, day)
        self.by_power = sorted(actor_nodes(G), key=lambda a: (-self.pi.get(a, 0.0), a))

    def candidates(self, parties: list[str], top: int | None, lang: str) -> list[dict[str, Any]]:
        excluded = _reach(parties, self.below)
        for party in parties:
            excluded.update(self.power.predecessors(party))
            excluded.update(self.power.successors(party))
        ties: dict[str, list[str]] = defaultdict(list)
        for party in parties:
            for other in self.cooperation[party]:
                if other not in excluded:
                    ties[other].append(party)
        ranked = sorted(ties, key=lambda a: (-len(ties[a]), -self.pi.get(a, 0.0), a))
        chosen = ranked[:top] if top is not None else ranked
        for actor in self.by_power:
            if top is not None and len(chosen) >= top:
                break
            if actor not in excluded and actor not in ties:
                chosen.append(actor)
        return [self._record(actor, sorted(ties.get(actor, ())), lang) for actor in chosen]

    def _record(self, actor: str, partners: list[str], lang: str) -> dict[str, Any]:
        pi = float(self.pi.get(actor, 0.0))
        reasons = [
            Reason("facilitation.cooperates_with",
                   names=Listing([self.names[p] for p in partners]))
            if partners
            else Reason("facilitation.cooperates_with_none"),
            Reason("facilitation.power_index", pi=Number(pi)),
            Reason("facilitation.neutral"),
        ]  # fmt: skip
        return {
            "actor": actor,
            "name": self.names[actor],
            "cooperates_with": partners,
            "score": len(partners),
            "power_index": pi,
            "reasons": reasons,
        }


def facilitators(
    G: nx.MultiDiGraph,
    parties: Iterable[str],
    *,
    as_of: date | None = None,
    lang: str = "en",
    top: int | None = None,
) -> list[dict[str, Any]]:
    """Actors who could facilitate neutrally between ``parties``, best first.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    parties : iterable of str
        Actor ids of the parties.
    as_of : datetime.date, optional
        Analysis date (default today).
    lang : {"en", "fr"}
        Language of the reasons.
    top : int, optional
        How many candidates to return; default all.

    Returns
    -------
    list of dict
        One record per candidate: ``actor``, ``name``, ``cooperates_with`` (the party
        ids it cooperates with, sorted), ``score`` (how many parties that is, the first
        ranking key), ``power_index`` (π), ``reasons``. Ranked by number of parties
        cooperated with (descending), then π (descending), then id.

    Raises
    ------
    ValueError
        When ``parties`` is empty, or names an id that is not in the map or is not an
        actor (the message lists them), or when ``top`` is negative.

    Notes
    -----
    A candidate is any actor that is not a party, not a member or sub-unit of a party
    (``member_of`` / ``part_of`` a party, transitively: a member of a sub-unit of a
    party is excluded too), and holds no ``power`` relation, in either direction, with
    any party. The structures a party itself belongs to are not excluded by this
    definition; when a party is a person, its own organisation may therefore appear
    and should be read with care. Candidates that cooperate with none of the parties
    come last, ranked by π.

    Examples
    --------
    >>> from ecomap.graph import node_names, to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> for i in "abcd":
    ...     eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    >>> eco.add(Relation(source="c", target="a", type="cooperates"))
    >>> eco.add(Relation(source="c", target="b", type="cooperates"))
    >>> eco.add(Relation(source="d", target="a", type="cooperates"))
    >>> [(r["actor"], r["cooperates_with"]) for r in facilitators(to_graph(eco), ["a", "b"])]
    [('c', ['a', 'b']), ('d', ['a'])]

    References
    ----------
    .. [1] ADEME, ATEMIS, du Tertre, C., Vuidel, P. & Pasquelin, B. (2019).
       *Développement durable des territoires : la voie de l'économie de la
       fonctionnalité et de la coopération*. ADEME, note, 21 p.
    """
    _check_top(top)
    chosen = _check_parties(G, parties)
    day = analysis_date(as_of)
    ranking = _Ranking(G, day, in_force_by_type(G, day, *_BELONGING))
    return in_words(ranking.candidates(chosen, top, lang), lang)


def facilitators_for_tensions(
    G: nx.MultiDiGraph,
    *,
    as_of: date | None = None,
    lang: str = "en",
    top: int | None = 3,
    words: bool = True,
    rows: int | None = None,
) -> list[dict[str, Any]]:
    """The best neutral facilitators for every pair of actors in tension.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : datetime.date, optional
        Analysis date (default today).
    lang : {"en", "fr"}
        Language of the reasons.
    top : int, optional, default 3
        Candidates per pair; None for all.
    words : bool
        Reasons in words (default); False keeps them as :class:`~ecomap.analysis.reasons.Reason`
        codes, for a caller that words only what it shows.
    rows : int, optional
        Make only the first ``rows`` records and their candidates (a
        :class:`~ecomap.analysis.reasons.Shown` list that knows how many there are),
        for a summary that prints those.

    Returns
    -------
    list of dict
        One record per pair with at least one ``tension`` relation in force:
        ``parties`` (the two ids, sorted), ``names``, ``stakes`` (the stakes their
        tensions are about, sorted), ``candidates`` (records of :func:`facilitators`).
        Sorted by the party ids.

    Raises
    ------
    ValueError
        When ``top`` is negative.

    Notes
    -----
    Candidates are those of :func:`facilitators` for the two parties of each pair.
    The map is read once for all pairs; each pair then costs its parties' members,
    sub-units, power ties and cooperation ties, plus ``top`` steps.

    Examples
    --------
    >>> from ecomap.graph import node_names, to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> for i in "abc":
    ...     eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    >>> eco.add(Relation(source="a", target="b", type="tension"))
    >>> eco.add(Relation(source="c", target="b", type="cooperates"))
    >>> [row] = facilitators_for_tensions(to_graph(eco))
    >>> row["parties"], [c["actor"] for c in row["candidates"]]
    (['a', 'b'], ['c'])

    References
    ----------
    .. [1] ADEME, ATEMIS, du Tertre, C., Vuidel, P. & Pasquelin, B. (2019).
       *Développement durable des territoires : la voie de l'économie de la
       fonctionnalité et de la coopération*. ADEME, note, 21 p.
    """
    _check_top(top)
    day = analysis_date(as_of)
    found = in_force_by_type(G, day, RelationType.TENSION, *_BELONGING)
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for u, v, data in found["tension"]:
        stakes = pairs[(u, v) if u < v else (v, u)]
        if data.get("stake"):
            stakes.add(data["stake"])
    if not pairs:
        return [] if rows is None else Shown()
    ranking = _Ranking(G, day, found)
    ordered = sorted(pairs.items())
    records = [
        {
            "parties": [a, b],
            "names": [ranking.names[a], ranking.names[b]],
            "stakes": sorted(stakes),
            "candidates": ranking.candidates([a, b], top, lang),
        }
        for (a, b), stakes in (ordered if rows is None else ordered[:rows])
    ]
    if rows is not None:
        records = Shown(records, len(ordered))
    return records if not words else in_words(records, lang)


def space_audit(
    G: nx.MultiDiGraph, *, as_of: date | None = None, lang: str = "en"
) -> list[dict[str, Any]]:
    """Every space, flagged when its facilitation is not neutral or when fewer than two
    structures take part.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : datetime.date, optional
        Analysis date (default today).
    lang : {"en", "fr"}
        Language of the reasons and issue labels.

    Returns
    -------
    list of dict
        One record per space: ``space``, ``name``, ``kind``, ``instituted``,
        ``flagged``, ``issues`` (short labels in ``lang``), ``issue_codes`` (among
        ``facilitator_not_neutral``, ``single_structure``, ``no_structure``),
        ``structures`` (ids of the structures that attend or run it, sorted),
        ``facilitators`` (ids, sorted), ``reasons``. Flagged spaces first, then by id.

    Notes
    -----
    The facilitators of a space are the actors that take part in it with role
    ``facilitator``; the others attend it. A person counts through its home
    organisation (DESIGN.md §2, :func:`ecomap.graph.home_organisation`);
    an organisation or institution counts as itself; a person with no organisation
    counts as no structure. The structures attending a space are those of its
    attendees; the structures running it, those of its facilitators.

    A space is flagged

    - ``facilitator_not_neutral`` when a facilitator is one of the attending structures
      or belongs to one (``member_of`` or ``part_of``, transitively: a member of a
      sub-unit of an attending organisation belongs to it too);
    - ``single_structure`` when exactly one structure attends or runs it, and
      ``no_structure`` when none does (nothing on the map shows the space bringing
      structures together).

    Examples
    --------
    >>> from ecomap.graph import node_names, to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation, Space
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="o", name="AMAP", kind="organisation"))
    >>> eco.add(Actor(id="m", name="Mairie", kind="institution"))
    >>> eco.add(Actor(id="p", name="Léa", kind="person"))
    >>> eco.add(Space(id="s", name="COPIL", instituted=True))
    >>> eco.add(Relation(source="p", target="o", type="member_of"))
    >>> eco.add(Relation(source="p", target="s", type="participates", role="facilitator"))
    >>> eco.add(Relation(source="o", target="s", type="participates"))
    >>> eco.add(Relation(source="m", target="s", type="participates"))
    >>> [row] = space_audit(to_graph(eco))
    >>> row["flagged"], row["issue_codes"], row["structures"]
    (True, ['facilitator_not_neutral'], ['m', 'o'])

    References
    ----------
    .. [1] ADEME, ATEMIS, du Tertre, C., Vuidel, P. & Pasquelin, B. (2019).
       *Développement durable des territoires : la voie de l'économie de la
       fonctionnalité et de la coopération*. ADEME, note, 21 p.
    """
    day = analysis_date(as_of)
    names = node_names(G)
    kinds = {n: d["kind"] for n, d in actor_nodes(G).items()}
    home = home_organisation(G, as_of=day)
    found = in_force_by_type(G, day, RelationType.PARTICIPATES, *_BELONGING)
    _, above = _belonging(G, day)

    def structure(actor: str) -> str | None:
        return actor if kinds.get(actor) in _STRUCTURES else home.get(actor)

    attendees: dict[str, set[str]] = defaultdict(set)
    runners: dict[str, set[str]] = defaultdict(set)
    for actor, space, data in found["participates"]:
        if data.get("role") == ParticipationRole.FACILITATOR:
            runners[space].add(actor)
        else:
            attendees[space].add(actor)

    rows = []
    for space, data in G.nodes(data=True):
        if data.get("node_type") != RecordKind.SPACE:
            continue
        facilitating = sorted(runners.get(space, ()))
        attending = {structure(a) for a in attendees.get(space, ())} - {None}
        running = {structure(f) for f in facilitating} - {None}
        structures = sorted(attending | running)
        codes: list[str] = []
        reasons: list[str] = []
        for facilitator in facilitating:
            if facilitator in attending:
                codes.append("facilitator_not_neutral")
                reasons.append(say(MESSAGES, "facilitator_is_party", lang, f=names[facilitator]))
                continue
            belongs = sorted((_reach([facilitator], above) - {facilitator}) & attending)
            if belongs:
                codes.append("facilitator_not_neutral")
                reasons.append(
                    say(
                        MESSAGES,
                        "facilitator_member",
                        lang,
                        f=names[facilitator],
                        o=listing([names[o] for o in belongs], lang),
                    )
                )
        if len(structures) == 1:
            codes.append("single_structure")
            reasons.append(say(MESSAGES, "single_structure", lang, name=names[structures[0]]))
        elif not structures:
            codes.append("no_structure")
            reasons.append(say(MESSAGES, "no_structure", lang))
        else:
            reasons.append(
                say(
                    MESSAGES,
                    "structures",
                    lang,
                    n=len(structures),
                    names=listing([names[s] for s in structures], lang),
                )
            )
        if facilitating:
            reasons.append(
                say(
                    MESSAGES,
                    "facilitated_by",
                    lang,
                    names=listing([names[f] for f in facilitating], lang),
                )
            )
        else:
            reasons.append(say(MESSAGES, "no_facilitator", lang))
        codes = list(dict.fromkeys(codes))
        rows.append(
            {
                "space": space,
                "name": data["name"],
                "kind": data.get("kind"),
                "instituted": bool(data.get("instituted")),
                "flagged": bool(codes),
                "issues": [say(MESSAGES, ISSUES[c], lang) for c in codes],
                "issue_codes": codes,
                "structures": structures,
                "facilitators": facilitating,
                "reasons": reasons,
            }
        )
    rows.sort(key=lambda r: (not r["flagged"], r["space"]))
    return rows


register("facilitation", MESSAGES)
