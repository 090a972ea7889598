"""Levels: the map seen from individuals (micro), organisations (meso) and institutions (macro).

Cooperation happens at each level and between levels. This module counts the actors of
each level, counts the ties between levels, shows the map folded at meso level (people
folded into their home organisation, DESIGN.md §2) and at macro level (organisations folded into the
institutions they are part of), and names the actors who cooperate across levels.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx
import numpy as np

from ecomap.analysis.reasons import Shown
from ecomap.graph import (
    FOLDED_TYPES,
    _cached,
    actor_nodes,
    actor_positions,
    analysis_date,
    cooperation_partners,
    fold,
    fold_owner,
    relation_ends,
)
from ecomap.i18n import label, listing, say
from ecomap.model import Level, RelationType

__all__ = ["LEVELS", "TIE_TYPES", "levels", "levels_bridged"]

#: The three levels, from individuals to institutions; lists of levels follow this order.
LEVELS: tuple[str, ...] = tuple(level.value for level in Level)

#: Relation types counted in the cross-level tie matrix.
TIE_TYPES: tuple[str, ...] = (
    RelationType.COOPERATES.value,
    RelationType.POWER.value,
    RelationType.TENSION.value,
)

MESSAGES = {
    "en": {
        "bridge": "{name} ({level}) cooperates with {partners}",
        "partners_one": "{n} {level} actor",
        "partners_many": "{n} {level} actors",
    },
    "fr": {
        "bridge": "{name} ({level}) coopère avec {partners}",
        "partners_one": "{n} acteur {level}",
        "partners_many": "{n} acteurs {level}",
    },
}


def _level_of(G: nx.MultiDiGraph) -> dict[str, str]:
    return {node: str(data["level"]) for node, data in actor_nodes(G).items()}


def _partner_levels(G: nx.MultiDiGraph, day: date) -> dict[str, dict[str, int]]:
    """Actor → how many of its cooperation partners stand at each *other* level.

    Only the levels met are keys. Kept with the map's graph: ``bridges`` and
    ``levels`` of one run both read it.
    """

    def build() -> dict[str, dict[str, int]]:
        # Who cooperates with whom, as the cooperation graph's adjacency lists them.
        everyone = cooperation_partners(G, as_of=day)
        level = {node: str(data["level"]) for node, data in actor_nodes(G).items()}
        result: dict[str, dict[str, int]] = {}
        for node, partners in everyone.items():
            own = level[node]
            counts: dict[str, int] = {}
            for partner in partners:
                other = level[partner]
                if other != own:
                    counts[other] = counts.get(other, 0) + 1
            result[node] = counts
        return result

    return _cached(G, ("partner_levels", day), build)


def levels_bridged(G: nx.MultiDiGraph, *, as_of: date | None = None) -> dict[str, list[str]]:
    """The levels of each actor's cooperation partners, other than its own.

    Parameters
    ----------
    G : MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : date, optional
        Analysis date (default today); cooperations not in force that day are ignored.

    Returns
    -------
    dict
        Actor id → list of levels (in the order micro, meso, macro), for every actor in
        map order; empty when all its partners share its level.

    Notes
    -----
    The level is the actor's ``level`` field (defaulting from its kind); partners are
    its neighbours in the cooperation graph (DESIGN.md §3, "Bridging actors").

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="p", name="Claire", kind="person"))
    >>> eco.add(Actor(id="cc", name="CC", kind="institution"))
    >>> eco.add(Relation(source="p", target="cc", type="cooperates"))
    >>> levels_bridged(to_graph(eco))
    {'p': ['macro'], 'cc': ['micro']}
    """
    day = analysis_date(as_of)
    return {
        node: [lv for lv in LEVELS if lv in counts]
        for node, counts in _partner_levels(G, day).items()
    }


def _matrix() -> dict[str, dict[str, int]]:
    return {a: dict.fromkeys(LEVELS, 0) for a in LEVELS}


def _folded(G: nx.MultiDiGraph, level: str, day: date) -> dict[str, Any]:
    F = fold(G, level, as_of=day)
    ties = []
    nodes = F._node
    for u, v, data in F.edges(data=True):
        source, target = (u, v) if u <= v else (v, u)
        ties.append(
            {
                "source": source,
                "target": target,
                "source_name": nodes[source]["name"],
                "target_name": nodes[target]["name"],
                "count": int(data["count"]),
                "strength": float(data["strength"]),
                "types": {
                    t: {"count": int(tie["count"]), "strength": float(tie["strength"])}
                    for t, tie in sorted(data["ties"].items())
                },
            }
        )
    ties.sort(key=lambda t: (-t["count"], -t["strength"], t["source"], t["target"]))
    groups = [
        {
            "actor": node,
            "name": data["name"],
            "level": str(data["level"]),
            "members": len(data["members"]),
            "internal_ties": int(data["internal_ties"]),
        }
        for node, data in F.nodes(data=True)
    ]
    groups.sort(key=lambda g: (-g["members"], g["actor"]))
    return {
        "nodes": F.number_of_nodes(),
        "edges": F.number_of_edges(),
        "internal_ties": sum(g["internal_ties"] for g in groups),
        "ties": ties,
        "groups": groups,
    }


def _fold_counts(G: nx.MultiDiGraph, level: str, day: date) -> dict[str, int]:
    """``nodes``, ``edges`` and ``internal_ties`` of :func:`_folded`, without the fold:
    each relation's ends as the positions of the actors they fold into, counted."""
    at = actor_positions(G)
    into = np.arange(len(at), dtype=np.int64)
    owners = fold_owner(G, level, day)
    if owners:
        position = at.__getitem__
        into[np.fromiter(map(position, owners), dtype=np.int64, count=len(owners))] = np.fromiter(
            map(position, owners.values()), dtype=np.int64, count=len(owners)
        )
    ends = [relation_ends(G, t, as_of=day) for t in sorted(FOLDED_TYPES)]
    a = into[np.concatenate([e[0] for e in ends])]
    b = into[np.concatenate([e[1] for e in ends])]
    apart = a != b
    pairs = np.minimum(a, b)[apart] * len(at) + np.maximum(a, b)[apart]
    return {
        "nodes": len(np.unique(into)),
        "edges": len(np.unique(pairs)),
        "internal_ties": int(len(a) - apart.sum()),
    }


def _bridge_record(node: str, reached: list[str], partners: dict[str, int], level: str,
                   name: str, lang: str) -> dict[str, Any]:  # fmt: skip
    detail = [
        say(
            MESSAGES,
            "partners_one" if partners[lv] == 1 else "partners_many",
            lang,
            n=partners[lv],
            level=label(lv, lang),
        )
        for lv in reached
    ]
    return {
        "actor": node,
        "name": name,
        "level": level,
        "levels_bridged": reached,
        "partners": {lv: partners[lv] for lv in reached},
        "reasons": [
            say(
                MESSAGES,
                "bridge",
                lang,
                name=name,
                level=label(level, lang),
                partners=listing(detail, lang),
            )
        ],
    }


def levels(
    G: nx.MultiDiGraph,
    *,
    as_of: date | None = None,
    lang: str = "en",
    tie_types: tuple[str, ...] = TIE_TYPES,
    rows: int | None = None,
) -> dict[str, Any]:
    """Actors per level, ties between levels, and the map folded at meso and macro level.

    Parameters
    ----------
    G : MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : date, optional
        Analysis date (default today); relations not in force that day are ignored.
    lang : {"en", "fr"}
        Language of the reasons.
    tie_types : tuple of str
        Relation types counted in ``cross_level_ties`` (default cooperates, power,
        tension).
    rows : int, optional
        Make only the first ``rows`` cross-level bridges (a
        :class:`~ecomap.analysis.reasons.Shown` list that knows how many there are)
        and only the three counts of each folded map (``nodes``, ``edges``,
        ``internal_ties``): what a summary prints. Default: everything.

    Returns
    -------
    dict
        - ``counts``: actors per level, ``{"micro": n, "meso": n, "macro": n}``;
        - ``cross_level_ties``: level → level → number of relations of ``tie_types``
          between actors of those levels. **Symmetric**: a relation between a micro and
          a meso actor is counted once in ``[micro][meso]`` and once in
          ``[meso][micro]``; a relation within a level once on the diagonal (so the
          matrix's upper triangle with its diagonal sums to the number of relations);
        - ``cross_level_ties_by_type``: the same per relation type; ``cooperates`` and
          ``tension`` are symmetric, ``power`` is directed: row = level of the actor
          holding the power, column = level of the actor subject to it;
        - ``meso`` and ``macro``: the folded map: ``nodes``, ``edges``,
          ``internal_ties`` (ties that fall inside one folded node), ``ties`` (one per
          folded pair: ``source`` < ``target``, their names, ``count``, summed
          ``strength`` and ``types``: relation type → ``{"count", "strength"}``; the
          strongest first) and ``groups`` (each folded node with its number of
          ``members``, largest first);
        - ``cross_level_bridges``: the actors whose cooperation partners include
          actors of another level, with ``levels_bridged``, ``partners`` (other level →
          number of partners) and ``reasons``; those reaching the most levels first, then
          the most partners, then by id.

    Notes
    -----
    DESIGN.md §3, "Levels". An actor's level is its ``level`` field (person → micro,
    organisation → meso, institution → macro unless overridden). The folded views come
    from :func:`ecomap.graph.fold`: at meso level every person joins its home
    organisation or institution (:func:`ecomap.graph.home_organisation`: the
    ``member_of`` in force with the earliest ``since``, then the smallest id); at macro
    level organisations join, in turn, the institution they are ``part_of`` (following
    sub-units upwards, through the earliest ``part_of`` by the same rule);
    an actor with nowhere to fold stays itself. Ties between actors (cooperates, power,
    tension, member_of, part_of) are aggregated per folded pair as a count and a summed
    strength (the relations' weights). The tie matrix uses the actors as they are
    (micro view), not the folded map.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="p", name="Léa", kind="person"))
    >>> eco.add(Actor(id="o", name="Ferme", kind="organisation"))
    >>> eco.add(Actor(id="i", name="CC", kind="institution"))
    >>> eco.add(Relation(source="p", target="o", type="member_of"))
    >>> eco.add(Relation(source="p", target="i", type="cooperates", weight=2))
    >>> result = levels(to_graph(eco))
    >>> result["counts"], result["cross_level_ties"]["micro"]
    ({'micro': 1, 'meso': 1, 'macro': 1}, {'micro': 0, 'meso': 0, 'macro': 1})
    >>> [(t["source"], t["target"], t["count"], t["strength"]) for t in result["meso"]["ties"]]
    [('i', 'o', 1, 2.0)]
    >>> [r["reasons"][0] for r in result["cross_level_bridges"]]
    ['CC (macro) cooperates with 1 micro actor', 'Léa (micro) cooperates with 1 macro actor']

    References
    ----------
    .. [1] Mark S. Granovetter, "The Strength of Weak Ties", *American Journal of
       Sociology* 78(6):1360–1380, 1973 (ties as the link between micro and macro
       levels).
    .. [2] Ronald L. Breiger, "The Duality of Persons and Groups", *Social Forces*
       53(2):181–190, 1974 (folding people into the groups they belong to).
    """
    day = analysis_date(as_of)
    level = _level_of(G)
    counts = dict.fromkeys(LEVELS, 0)
    for lv in level.values():
        counts[lv] += 1

    wanted = {RelationType(t) for t in tie_types}
    total = _matrix()
    by_type = {t: _matrix() for t in tie_types}
    # Counts: per type, the relations by (level of the source, level of the target),
    # counted with numpy over the ends' positions.
    code = {lv: i for i, lv in enumerate(LEVELS)}
    level_at = np.fromiter(map(code.__getitem__, level.values()), dtype=np.int64, count=len(level))
    for rtype in sorted(wanted):
        sources, targets = relation_ends(G, rtype, as_of=day)
        found = np.bincount(
            level_at[sources] * len(LEVELS) + level_at[targets], minlength=len(LEVELS) ** 2
        ).tolist()
        matrix = by_type[rtype.value]
        for i, a in enumerate(LEVELS):
            for j, b in enumerate(LEVELS):
                n = found[i * len(LEVELS) + j]
                matrix[a][b] += n
                total[a][b] += n
                if a != b:
                    total[b][a] += n
                    if rtype != RelationType.POWER:
                        matrix[b][a] += n

    names = {node: data["name"] for node, data in actor_nodes(G).items()}
    # Ranked on (levels reached, partners, id), then a record made for each row kept.
    partner_levels = _partner_levels(G, day)
    ranked = sorted(
        (-len(partners), -sum(partners.values()), node)
        for node, partners in partner_levels.items()
        if partners
    )
    bridges = [
        _bridge_record(node, [lv for lv in LEVELS if lv in partner_levels[node]],
                       partner_levels[node], level[node], names[node], lang)
        for _, _, node in (ranked if rows is None else ranked[:rows])
    ]  # fmt: skip
    if rows is not None:
        bridges = Shown(bridges, len(ranked))

    folded = _folded if rows is None else _fold_counts
    return {
        "counts": counts,
        "cross_level_ties": total,
        "cross_level_ties_by_type": by_type,
        "meso": folded(G, "meso", day),
        "macro": folded(G, "macro", day),
        "cross_level_bridges": bridges,
    }
