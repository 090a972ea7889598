"""Engagement: the drivers a project leans on, the followers it may lose, the drivers it may burn out.

In territorial cooperation practice a project rests on a few **drivers** (moteurs) and
keeps **followers** (suiveurs) involved. A follower with no driver nearby drifts away;
a driver who carries too many cooperations and meetings burns out. This module names
both risks from the ``engagement`` field of the actors, the ecosystem graph and the
spaces they attend (DESIGN.md §3, "Engagement").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import networkx as nx
import numpy as np

from ecomap.analysis.reasons import Shown
from ecomap.graph import (
    actor_nodes,
    actor_positions,
    analysis_date,
    cooperation_partners,
    ecosystem_adjacency,
)
from ecomap.i18n import listing, number, quoted, say
from ecomap.model import Engagement, RelationType

__all__ = ["OVERLOAD_THRESHOLD", "engagement", "driver_load"]

#: Load (monthly commitments) above which a driver is overloaded; see :func:`engagement`.
OVERLOAD_THRESHOLD = 11.0

MESSAGES = {
    "en": {
        "load": (
            "{name}: {cooperations} and {meetings} a year in {spaces} → load {load} "
            "(cooperations + meetings / 12)"
        ),
        "cooperations_one": "1 cooperation",
        "cooperations_many": "{n} cooperations",
        "meetings_one": "1 meeting",
        "meetings_many": "{n} meetings",
        "spaces_one": "1 space",
        "spaces_many": "{n} spaces",
        "unknown_frequency": "how often {spaces} meet is not recorded (counted as 0)",
        "overloaded": (
            "Above the overload threshold of {threshold}: {name} risks burning out; share "
            "the load or institute some of these cooperations"
        ),
        "not_overloaded": "Within the overload threshold of {threshold}",
        "far": (
            "{name} is a follower with no driver within {steps} steps in the ecosystem "
            "graph; the nearest driver, {driver}, is {distance} steps away"
        ),
        "unreachable": (
            "{name} is a follower and no driver can be reached from {name} through "
            "cooperation, membership or part-of ties"
        ),
    },
    "fr": {
        "load": (
            "{name} : {cooperations} et {meetings} par an dans {spaces} → charge {load} "
            "(coopérations + réunions / 12)"
        ),
        "cooperations_one": "{n} coopération",
        "cooperations_many": "{n} coopérations",
        "meetings_one": "{n} réunion",
        "meetings_many": "{n} réunions",
        "spaces_one": "{n} dispositif",
        "spaces_many": "{n} dispositifs",
        "unknown_frequency": (
            "la fréquence des réunions n'est pas renseignée pour {spaces} (comptée 0)"
        ),
        "overloaded": (
            "Au-dessus du seuil de surcharge ({threshold}) : {name} risque l'épuisement ; "
            "partager la charge ou instituer certaines de ces coopérations"
        ),
        "not_overloaded": "Sous le seuil de surcharge ({threshold})",
        "far": (
            "{name} (engagement : suiveur) n'a aucun moteur à {steps} pas ou moins dans le "
            "graphe de l'écosystème ; le moteur le plus proche, {driver}, est à {distance} pas"
        ),
        "unreachable": (
            "{name} (engagement : suiveur) ne peut joindre aucun moteur par des liens de "
            "coopération, d'appartenance ou de rattachement"
        ),
    },
}


def _count(key: str, n: float, lang: str) -> str:
    """``1 cooperation`` / ``3 cooperations`` (French: singular below 2)."""
    one = n < 2 if lang == "fr" else n == 1
    return say(MESSAGES, f"{key}_{'one' if one else 'many'}", lang, n=number(n, lang))


def _in_force(data: dict[str, Any], day: date) -> bool:
    """The time rule of DESIGN.md §2, as :func:`ecomap.graph.active_relations` applies it."""
    until, since = data.get("until"), data.get("since")
    return not ((until is not None and until < day) or (since is not None and since > day))


def driver_load(
    G: nx.MultiDiGraph,
    *,
    as_of: date | None = None,
    of: Iterable[str] | None = None,
) -> dict[str, dict[str, Any]]:
    """Actors' load: cooperations + Σ frequency of the spaces they attend / 12.

    Parameters
    ----------
    G : MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : date, optional
        Analysis date (default today); relations not in force that day are ignored.
    of : iterable of str, optional
        The actors wanted (default every actor).

    Returns
    -------
    dict
        Actor id → ``{"cooperations": int, "meetings_per_year": float, "spaces": [ids],
        "unknown_frequency": [ids], "load": float}``, in map order (or the order of
        ``of``).

    Notes
    -----
    ``cooperations`` counts the actor's ``cooperates`` relations in force (two
    relations with the same partner, e.g. two projects recorded with their own ids,
    count twice: each takes its own time). ``meetings_per_year`` sums the ``frequency``
    of the distinct spaces the actor ``participates`` in; a space without a frequency
    counts 0 and is listed in ``unknown_frequency``.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation, Space
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="h", name="Hélène", kind="person", engagement="driver"))
    >>> eco.add(Actor(id="o", name="Ferme", kind="organisation"))
    >>> eco.add(Space(id="copil", name="COPIL", frequency=6))
    >>> eco.add(Relation(source="h", target="o", type="cooperates"))
    >>> eco.add(Relation(source="h", target="copil", type="participates"))
    >>> driver_load(to_graph(eco))["h"]["load"]
    1.5
    """
    day = analysis_date(as_of)
    # How many cooperations join each actor to each partner (every actor, map order).
    partners = cooperation_partners(G, as_of=day)
    table = {}
    # The adjacency dicts read directly (in the order of G.out_edges).
    out, node = G._adj, G._node
    participates = RelationType.PARTICIPATES
    for actor in partners if of is None else of:
        cooperations = sum(partners[actor].values())
        spaces: set[str] = set()
        for target, keyed in out[actor].items():
            for data in keyed.values():
                if data["type"] == participates and _in_force(data, day):
                    spaces.add(target)
        frequencies = {s: node[s].get("frequency") for s in sorted(spaces)}
        meetings = float(sum(f for f in frequencies.values() if f is not None))
        table[actor] = {
            "cooperations": cooperations,
            "meetings_per_year": meetings,
            "spaces": sorted(spaces),
            "unknown_frequency": sorted(s for s, f in frequencies.items() if f is None),
            "load": float(cooperations + meetings / 12),
        }
    return table


def _nearest_driver(
    G: nx.MultiDiGraph, day: date, drivers: list[str]
) -> dict[str, tuple[int, str]]:
    """Actor → (distance, nearest driver) in the ecosystem graph, for reachable actors.

    Breadth-first from all drivers at once, layer by layer; among drivers at the same
    distance the one with the smallest id is named, so the answer depends neither on
    the order of neighbours nor on the order of the map's rows. Each layer is taken
    with numpy from the ecosystem graph's ties as a sparse matrix: a newly reached
    actor takes the smallest-ranked driver among its neighbours in the layer before.
    """
    at = actor_positions(G)
    ties = ecosystem_adjacency(G, as_of=day)
    indptr, indices = ties.indptr, ties.indices
    ranked = sorted(drivers)
    distance = np.full(len(at), -1, dtype=np.int64)
    origin = np.full(len(at), -1, dtype=np.int64)
    layer = np.fromiter((at[d] for d in ranked), dtype=np.int64, count=len(ranked))
    distance[layer], origin[layer] = 0, np.arange(len(ranked))
    step = 0
    while len(layer):
        step += 1
        starts, counts = indptr[layer], indptr[layer + 1] - indptr[layer]
        total = int(counts.sum())
        if not total:
            break
        # The neighbours of every actor of the layer, each with its driver's rank.
        offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts - starts, counts)
        reached, rank = indices[offsets], np.repeat(origin[layer], counts)
        new = distance[reached] < 0
        reached, rank = reached[new], rank[new]
        if not len(reached):
            break
        order = np.lexsort((rank, reached))
        reached, rank = reached[order], rank[order]
        first = np.ones(len(reached), dtype=bool)
        first[1:] = reached[1:] != reached[:-1]
        layer = reached[first]
        distance[layer], origin[layer] = step, rank[first]
    ids = list(at)
    found = np.flatnonzero(distance >= 0)
    return {
        ids[i]: (d, ranked[o])
        for i, d, o in zip(
            found.tolist(), distance[found].tolist(), origin[found].tolist(), strict=True
        )
    }


def engagement(
    G: nx.MultiDiGraph,
    *,
    as_of: date | None = None,
    lang: str = "en",
    overload_threshold: float = OVERLOAD_THRESHOLD,
    steps: int = 2,
    rows: int | None = None,
) -> dict[str, Any]:
    """Drivers with their load, followers far from any driver, and overloaded drivers.

    Parameters
    ----------
    G : MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : date, optional
        Analysis date (default today); relations not in force that day are ignored.
    lang : {"en", "fr"}
        Language of the reasons.
    overload_threshold : float
        A driver whose load is strictly above this is overloaded (default 11, see Notes).
    steps : int
        A follower is at risk when no driver is within this many steps (default 2).
    rows : int, optional
        Make only the first ``rows`` records of each list (a
        :class:`~ecomap.analysis.reasons.Shown` list that knows how many there are),
        for a summary that prints those.

    Returns
    -------
    dict
        - ``drivers``: every actor whose engagement is ``driver``, highest load first
          (then by id): ``actor``, ``name``, ``cooperations``, ``meetings_per_year``,
          ``spaces``, ``unknown_frequency``, ``load``, ``overloaded`` and ``reasons``;
        - ``followers_at_risk``: every follower with no driver within ``steps`` steps,
          the farthest first (no driver reachable at all before any distance), then by
          id: ``actor``, ``name``, ``nearest_driver`` (the smallest id among the
          nearest) and its ``nearest_driver_name`` (None when none can be reached),
          ``distance`` (None likewise) and ``reasons``;
        - ``overloaded_drivers``: the drivers whose load is above the threshold, in the
          order of ``drivers``;
        - ``overload_threshold`` and ``steps``: the thresholds used.

    Notes
    -----
    DESIGN.md §3, "Engagement". Distances are counted in the **ecosystem graph**
    (cooperation, ``member_of`` and ``part_of`` ties, undirected): a follower who
    cooperates with a driver, or works in the same organisation as one, has a driver
    within two steps.

    The **load** of a driver is its number of cooperations plus the meetings per year
    of the spaces it attends divided by 12 (see :func:`driver_load`): a number of
    commitments per month, counting an active cooperation as one monthly commitment
    (an exchange and its follow-up) and a space meeting monthly as one. The default
    threshold, 11, is about one commitment every other working day (a month has 21.7
    working days on average, and each commitment takes preparation and follow-up
    besides the meeting itself): past it, coordination takes over most of a driver's
    time, the pattern of collaborative overload that precedes burn-out. It is a
    convention, not a measurement; lower it for volunteers or part-time drivers.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="h", name="Hélène", kind="person", engagement="driver"))
    >>> for i in "abc": eco.add(Actor(id=i, name=i.upper(), kind="person"))
    >>> eco.add(Actor(id="y", name="Yves", kind="person", engagement="follower"))
    >>> for u, v in ["ha", "ab", "bc", "cy"]:
    ...     eco.add(Relation(source=u, target=v, type="cooperates"))
    >>> result = engagement(to_graph(eco))
    >>> [(r["name"], r["distance"]) for r in result["followers_at_risk"]]
    [('Yves', 4)]
    >>> result["followers_at_risk"][0]["reasons"]
    ['Yves is a follower with no driver within 2 steps in the ecosystem graph; the nearest driver, Hélène, is 4 steps away']
    >>> result["drivers"][0]["load"], result["overloaded_drivers"]
    (1.0, [])

    References
    ----------
    .. [1] Rob Cross, Reb Rebele and Adam Grant, "Collaborative Overload", *Harvard
       Business Review* 94(1):74–79, 2016 (a few people carry most of the
       collaboration, and burn out).
    """
    day = analysis_date(as_of)
    nodes = actor_nodes(G)
    drivers = [a for a, d in nodes.items() if d.get("engagement") == Engagement.DRIVER]
    load = driver_load(G, as_of=day, of=drivers)
    names = {a: d["name"] for a, d in nodes.items()}
    threshold = number(overload_threshold, lang)

    def driver(actor: str) -> dict[str, Any]:
        row = load[actor]
        overloaded = row["load"] > overload_threshold
        reasons = [
            say(
                MESSAGES,
                "load",
                lang,
                name=names[actor],
                cooperations=_count("cooperations", row["cooperations"], lang),
                meetings=_count("meetings", row["meetings_per_year"], lang),
                spaces=_count("spaces", len(row["spaces"]), lang),
                load=number(row["load"], lang),
            )
        ]
        if row["unknown_frequency"]:
            unknown = [G.nodes[s]["name"] for s in row["unknown_frequency"]]
            reasons.append(
                say(
                    MESSAGES,
                    "unknown_frequency",
                    lang,
                    spaces=listing([quoted(n, lang) for n in unknown], lang),
                )
            )
        key = "overloaded" if overloaded else "not_overloaded"
        reasons.append(say(MESSAGES, key, lang, name=names[actor], threshold=threshold))
        return {
            "actor": actor,
            "name": names[actor],
            "cooperations": row["cooperations"],
            "meetings_per_year": row["meetings_per_year"],
            "spaces": row["spaces"],
            "unknown_frequency": row["unknown_frequency"],
            "load": row["load"],
            "overloaded": overloaded,
            "reasons": reasons,
        }

    # Drivers ranked on (load, id), then a record made for each row kept (once, when a
    # driver is both among the first drivers and the first overloaded ones).
    ranked = sorted(drivers, key=lambda a: (-load[a]["load"], a))
    heavy = [a for a in ranked if load[a]["load"] > overload_threshold]
    made: dict[str, dict[str, Any]] = {}

    def first(chosen: list[str]) -> list[dict[str, Any]]:
        records = [
            made[a] if a in made else made.setdefault(a, driver(a))
            for a in (chosen if rows is None else chosen[:rows])
        ]
        return records if rows is None else Shown(records, len(chosen))

    driver_rows = first(ranked)
    overloaded_rows = first(heavy)

    nearest = _nearest_driver(G, day, drivers)
    far = []
    for actor, data in nodes.items():
        if data.get("engagement") != Engagement.FOLLOWER:
            continue
        distance, near = nearest.get(actor, (None, None))
        if distance is not None and distance <= steps:
            continue
        far.append(((distance is not None, -(distance or 0), actor), distance, near))
    far.sort(key=lambda f: f[0])
    at_risk = []
    for (_, _, actor), distance, near in far if rows is None else far[:rows]:
        if near is None:
            reason = say(MESSAGES, "unreachable", lang, name=names[actor])
        else:
            reason = say(
                MESSAGES,
                "far",
                lang,
                name=names[actor],
                steps=steps,
                driver=names[near],
                distance=distance,
            )
        at_risk.append(
            {
                "actor": actor,
                "name": names[actor],
                "nearest_driver": near,
                "nearest_driver_name": names[near] if near else None,
                "distance": distance,
                "reasons": [reason],
            }
        )
    if rows is not None:
        at_risk = Shown(at_risk, len(far))

    return {
        "drivers": driver_rows,
        "followers_at_risk": at_risk,
        "overloaded_drivers": overloaded_rows,
        "overload_threshold": float(overload_threshold),
        "steps": steps,
    }
