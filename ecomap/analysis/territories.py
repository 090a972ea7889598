"""Territories: ties inside each territory and between territories, and who is on the map.

Inter-territorial cooperation is one of the things a steering committee looks at: do
the actors of one valley work with those of the next, or only among themselves? Each
actor's ``territory`` field says where it belongs; this module counts, per territory,
the actors, those placed on the geographic map (``lat`` and ``lon`` given), the
cooperations and tensions inside it, and for every pair of territories the cooperations
and tensions between them. It also lists the actors that cannot be placed on the map.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import networkx as nx

from ecomap.graph import active_relations, actors, analysis_date, cooperation_graph
from ecomap.i18n import say
from ecomap.model import RelationType

__all__ = ["territories", "located"]

MESSAGES = {
    "en": {
        "inside": "{territory}: {actors}, {located} on the map; "
        "{cooperations} and {tensions} between its own actors",
        "between": "{cooperations} and {tensions} between actors of {a} and of {b}",
        "actors": {"one": "{n} actor", "other": "{n} actors"},
        "cooperations": {"one": "{n} cooperating pair", "other": "{n} cooperating pairs"},
        "tensions": {"one": "{n} pair in tension", "other": "{n} pairs in tension"},
        "none": "no territory given",
        "missing": "no latitude and longitude",
        "half": "only one of latitude and longitude",
    },
    "fr": {
        "inside": "{territory} : {actors}, dont {located} sur la carte ; "
        "{cooperations} et {tensions} entre ses propres acteurs",
        "between": "{cooperations} et {tensions} entre des acteurs de {a} et de {b}",
        "actors": {"one": "{n} acteur", "other": "{n} acteurs"},
        "cooperations": {"one": "{n} paire qui coopère", "other": "{n} paires qui coopèrent"},
        "tensions": {"one": "{n} paire en tension", "other": "{n} paires en tension"},
        "none": "sans territoire renseigné",
        "missing": "ni latitude ni longitude",
        "half": "une seule des deux coordonnées (latitude, longitude)",
    },
}


def _coordinate(value: Any) -> float | None:
    return None if value is None or isinstance(value, bool) else float(value)


def located(G: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Actor → ``(lat, lon)``, for the actors that have both coordinates.

    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="a", name="Mairie", kind="institution", lat=47.2, lon=6.0))
    >>> eco.add(Actor(id="b", name="Asso", kind="organisation", lat=47.1))
    >>> located(to_graph(eco))
    {'a': (47.2, 6.0)}
    """
    where = {}
    for node, data in actors(G).items():
        lat, lon = _coordinate(data.get("lat")), _coordinate(data.get("lon"))
        if lat is not None and lon is not None:
            where[node] = (lat, lon)
    return where


def _pairs(G: nx.MultiDiGraph, day: date) -> dict[str, set[tuple[str, str]]]:
    """Pairs of actors that cooperate (cooperation graph) and pairs in tension, in force."""
    C = cooperation_graph(G, as_of=day)
    tensions = {
        (min(u, v), max(u, v))
        for u, v, _, _ in active_relations(G, RelationType.TENSION, as_of=day)
        if u != v and u in C and v in C
    }
    return {
        "cooperates": {(min(u, v), max(u, v)) for u, v in C.edges if u != v},
        "tension": tensions,
    }


def _order(territory: str | None) -> tuple[bool, str]:
    return (territory is None, territory or "")


def territories(
    G: nx.MultiDiGraph, *, as_of: date | None = None, lang: str = "en"
) -> dict[str, list[dict[str, Any]]]:
    """Ties inside each territory and between territories; actors not on the map.

    Parameters
    ----------
    G : MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : date, optional
        Analysis date (default today); relations not in force that day are ignored.
    lang : {"en", "fr"}
        Language of the reasons.

    Returns
    -------
    dict
        - ``territories``: one row per territory (actors without a territory together,
          as ``territory`` None, last): ``actors``, ``located`` (actors with latitude
          and longitude), ``cooperations`` (pairs of its actors that cooperate),
          ``tensions`` (pairs of its actors in tension), ``reasons``; sorted by name;
        - ``between``: one row per pair of territories joined by at least one tie:
          ``territory_a`` < ``territory_b`` (None last), ``cooperations``,
          ``tensions``, ``reasons``; the most ties first, then by names;
        - ``without_coordinates``: the actors that cannot be placed on the geographic
          map: ``actor``, ``name``, ``kind``, ``territory``, ``reason``; sorted by name
          then id.

    Notes
    -----
    DESIGN.md §6, "The territory", with the counting of §3: a cooperation is a pair of
    the **cooperation graph** (one per pair of actors that has a ``cooperates``
    relation in force, however many relations join them); a tension is a pair of
    actors with a ``tension`` relation in force, also counted once per pair.
    ``member_of`` and ``part_of`` (the ecosystem graph's other ties) are not counted:
    a person's membership of an organisation of another territory is belonging, not
    inter-territorial cooperation. Ties from an actor to itself are not counted.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="a", name="Mairie", kind="institution", territory="Vallée", lat=47.2, lon=6.0))
    >>> eco.add(Actor(id="b", name="Asso", kind="organisation", territory="Vallée"))
    >>> eco.add(Actor(id="c", name="Ferme", kind="organisation", territory="Plateau"))
    >>> eco.add(Relation(source="a", target="b", type="cooperates"))
    >>> eco.add(Relation(source="b", target="c", type="tension"))
    >>> result = territories(to_graph(eco))
    >>> [(r["territory"], r["actors"], r["located"], r["cooperations"]) for r in result["territories"]]
    [('Plateau', 1, 0, 0), ('Vallée', 2, 1, 1)]
    >>> result["between"][0]["reasons"]
    ['0 cooperating pairs and 1 pair in tension between actors of Plateau and of Vallée']
    >>> [r["actor"] for r in result["without_coordinates"]]
    ['b', 'c']
    """
    day = analysis_date(as_of)
    records = actors(G)
    territory_of = {node: (data.get("territory") or None) for node, data in records.items()}
    where = located(G)

    inside: dict[str | None, dict[str, int]] = defaultdict(
        lambda: {"actors": 0, "located": 0, "cooperates": 0, "tension": 0}
    )
    for node, territory in territory_of.items():
        inside[territory]["actors"] += 1
        inside[territory]["located"] += node in where
    between: dict[tuple, dict[str, int]] = defaultdict(lambda: {"cooperates": 0, "tension": 0})
    for rtype, pairs in _pairs(G, day).items():
        for u, v in pairs:
            a, b = sorted((territory_of[u], territory_of[v]), key=_order)
            if a == b:
                inside[a][rtype] += 1
            else:
                between[(a, b)][rtype] += 1

    def words(key: str, n: int) -> str:
        return say(MESSAGES, key, lang, n=n)

    def name(territory: str | None) -> str:
        return territory if territory is not None else say(MESSAGES, "none", lang)

    rows = []
    for territory in sorted(inside, key=_order):
        counts = inside[territory]
        reason = say(MESSAGES, "inside", lang, territory=name(territory),
                     actors=words("actors", counts["actors"]),
                     located=counts["located"],
                     cooperations=words("cooperations", counts["cooperates"]),
                     tensions=words("tensions", counts["tension"]))  # fmt: skip
        rows.append(
            {
                "territory": territory,
                "actors": counts["actors"],
                "located": counts["located"],
                "cooperations": counts["cooperates"],
                "tensions": counts["tension"],
                "reasons": [reason],
            }
        )
    links = []
    for (a, b), counts in between.items():
        reason = say(MESSAGES, "between", lang, a=name(a), b=name(b),
                     cooperations=words("cooperations", counts["cooperates"]),
                     tensions=words("tensions", counts["tension"]))  # fmt: skip
        links.append(
            {
                "territory_a": a,
                "territory_b": b,
                "cooperations": counts["cooperates"],
                "tensions": counts["tension"],
                "reasons": [reason],
            }
        )
    links.sort(key=lambda r: (-(r["cooperations"] + r["tensions"]), -r["cooperations"],
                              _order(r["territory_a"]), _order(r["territory_b"])))  # fmt: skip
    missing = []
    for node, data in records.items():
        if node in where:
            continue
        half = (_coordinate(data.get("lat")) is None) != (_coordinate(data.get("lon")) is None)
        missing.append(
            {
                "actor": node,
                "name": str(data.get("name") or node),
                "kind": str(data.get("kind")),
                "territory": territory_of[node],
                "reason": say(MESSAGES, "half" if half else "missing", lang),
            }
        )
    missing.sort(key=lambda r: (r["name"].casefold(), r["actor"]))
    return {"territories": rows, "between": links, "without_coordinates": missing}
