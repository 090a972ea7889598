"""What changed between two versions of a map: in the data, and in the analysis results.

Steering committees review the ecosystem a few times a year; :func:`diff` tells them
what changed since the last review — records added, removed and changed field by field,
and the analysis deltas (fragile links that appeared or were resolved, key people, new
or resolved imbalances, new tensions, stakes that became contested, bridges).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ecomap.graph import to_graph
from ecomap.i18n import say
from ecomap.model import Ecosystem, RecordKind

__all__ = ["diff", "diff_data", "analysis_deltas"]


_REASONS = {
    "en": {
        "fragile_new": "the link between {a} and {b} now rests on one person ({carriers})",
        "fragile_gone": "the link between {a} and {b} is no longer fragile",
        "key_new": {
            "one": "{name} became critical to {n} link",
            "other": "{name} became critical to {n} links",
        },
        "key_gone": "{name} is no longer critical to any link",
        "imbalance_new": "{d} now dominates {w} (score {score:.2f})",
        "imbalance_gone": "{d} no longer dominates {w}",
        "tension_new": "new tension between {a} and {b}",
        "tension_gone": "the tension between {a} and {b} is no longer recorded",
        "contested_new": "'{stake}' became contested",
        "contested_gone": "'{stake}' is no longer contested",
        "bridge_new": "{name} entered the top {top} bridging actors",
        "bridge_gone": "{name} left the top {top} bridging actors",
    },
    "fr": {
        "fragile_new": "le lien entre {a} et {b} repose désormais sur une seule personne "
        "({carriers})",
        "fragile_gone": "le lien entre {a} et {b} n'est plus fragile",
        "key_new": {
            "one": "{name} est devenu·e indispensable à {n} lien",
            "other": "{name} est devenu·e indispensable à {n} liens",
        },
        "key_gone": "{name} n'est plus indispensable à aucun lien",
        "imbalance_new": "{d} domine désormais {w} (score {score:.2f})",
        "imbalance_gone": "{d} ne domine plus {w}",
        "tension_new": "nouvelle tension entre {a} et {b}",
        "tension_gone": "la tension entre {a} et {b} n'est plus relevée",
        "contested_new": "« {stake} » est devenu un enjeu disputé",
        "contested_gone": "« {stake} » n'est plus disputé",
        "bridge_new": "{name} entre dans les {top} premiers acteurs passerelles",
        "bridge_gone": "{name} sort des {top} premiers acteurs passerelles",
    },
}


def diff_data(before: Ecosystem, after: Ecosystem) -> dict[str, dict[str, list]]:
    """Records added, removed and changed (field by field) between two maps.

    Returns
    -------
    dict
        For each of ``actors``, ``stakes``, ``spaces``, ``relations``: ``added`` and
        ``removed`` (exchange records) and ``changed`` (``{"key", "fields": {field:
        [before, after]}}``). Relations are matched by identity.

    Examples
    --------
    >>> from ecomap.model import Actor
    >>> a, b = Ecosystem(), Ecosystem()
    >>> a.add(Actor(id="m", name="Mairie", kind="institution", influence=3))
    >>> b.add(Actor(id="m", name="Mairie", kind="institution", influence=4))
    >>> diff_data(a, b)["actors"]["changed"]
    [{'key': 'm', 'fields': {'influence': [3.0, 4.0]}}]
    """
    result: dict[str, dict[str, list]] = {}
    for kind in RecordKind:
        old, new = before.records(kind), after.records(kind)
        added = [new[k].record() for k in new if k not in old]
        removed = [old[k].record() for k in old if k not in new]
        changed = []
        for key in old.keys() & new.keys():
            a, b = old[key].record(), new[key].record()
            if a != b:
                fields = {f: [a.get(f), b.get(f)] for f in sorted(a.keys() | b.keys())
                          if a.get(f) != b.get(f)}  # fmt: skip
                changed.append({"key": key, "fields": fields})
        changed.sort(key=lambda c: c["key"])
        result[kind.plural] = {"added": added, "removed": removed, "changed": changed}
    return result


def _name(G, node_id: str) -> str:
    return G.nodes[node_id].get("name", node_id) if node_id in G else node_id


def analysis_deltas(
    before: Ecosystem,
    after: Ecosystem,
    *,
    as_of: date | None = None,
    lang: str = "en",
    top_bridges: int = 10,
) -> dict[str, Any]:
    """How the analysis results moved between two maps.

    Returns
    -------
    dict
        ``fragile_links`` {appeared, resolved} (organisation pairs), ``key_people``
        {new, gone}, ``imbalances`` {new, resolved} (the new ones with their
        counterweights), ``tensions`` {new, resolved}, ``contested_stakes`` {new,
        resolved}, ``bridges`` {entered, left} (the top ``top_bridges`` by
        betweenness), and ``reasons``: every movement in words.
    """
    from ecomap.analysis import bridges, fragility, power, stakes

    Ga, Gb = to_graph(before), to_graph(after)
    reasons: list[str] = []

    def fragile(G) -> dict[tuple, dict]:
        return {tuple(r["organisations"]): r for r in fragility.fragile_links(G, as_of=as_of,
                lang=lang) if r["fragile"]}  # fmt: skip

    fa, fb = fragile(Ga), fragile(Gb)
    for pair in sorted(fb.keys() - fa.keys()):
        carriers = ", ".join(_name(Gb, p) for p in fb[pair]["carriers"])
        reasons.append(say(_REASONS, "fragile_new", lang, a=_name(Gb, pair[0]),
                           b=_name(Gb, pair[1]), carriers=carriers))  # fmt: skip
    for pair in sorted(fa.keys() - fb.keys()):
        reasons.append(say(_REASONS, "fragile_gone", lang, a=_name(Ga, pair[0]),
                           b=_name(Ga, pair[1])))  # fmt: skip

    ka = {r["person"]: r for r in fragility.key_people(Ga, as_of=as_of, lang=lang)}
    kb = {r["person"]: r for r in fragility.key_people(Gb, as_of=as_of, lang=lang)}
    for person in sorted(kb.keys() - ka.keys()):
        reasons.append(say(_REASONS, "key_new", lang, name=_name(Gb, person),
                           n=kb[person]["links_lost"]))  # fmt: skip
    for person in sorted(ka.keys() - kb.keys()):
        reasons.append(say(_REASONS, "key_gone", lang, name=_name(Ga, person)))

    ia = {(r["dominant"], r["weaker"]): r for r in power.imbalances(Ga, as_of=as_of, lang=lang)}
    ib = {(r["dominant"], r["weaker"]): r for r in power.imbalances(Gb, as_of=as_of, lang=lang)}
    for d, w in sorted(ib.keys() - ia.keys()):
        reasons.append(say(_REASONS, "imbalance_new", lang, d=_name(Gb, d), w=_name(Gb, w),
                           score=ib[d, w]["score"]))  # fmt: skip
    for d, w in sorted(ia.keys() - ib.keys()):
        reasons.append(say(_REASONS, "imbalance_gone", lang, d=_name(Ga, d), w=_name(Ga, w)))

    def tensions(eco: Ecosystem) -> set[tuple[str, str]]:
        return {tuple(sorted((r.source, r.target))) for r in eco.relations.values()
                if r.type == "tension" and r.active(as_of or date.today())}  # fmt: skip

    ta, tb = tensions(before), tensions(after)
    for a, b in sorted(tb - ta):
        reasons.append(say(_REASONS, "tension_new", lang, a=_name(Gb, a), b=_name(Gb, b)))
    for a, b in sorted(ta - tb):
        reasons.append(say(_REASONS, "tension_gone", lang, a=_name(Ga, a), b=_name(Ga, b)))

    ca = {r["stake"] for r in stakes.stakes(Ga, as_of=as_of, lang=lang) if r["contested"]}
    cb = {r["stake"] for r in stakes.stakes(Gb, as_of=as_of, lang=lang) if r["contested"]}
    for s in sorted(cb - ca):
        reasons.append(say(_REASONS, "contested_new", lang, stake=_name(Gb, s)))
    for s in sorted(ca - cb):
        reasons.append(say(_REASONS, "contested_gone", lang, stake=_name(Ga, s)))

    def top(G) -> list[str]:
        ranked = bridges.betweenness(G, as_of=as_of)
        ordered = sorted((a for a in ranked if ranked[a] > 0), key=lambda a: (-ranked[a], a))
        return ordered[:top_bridges]

    ba, bb = top(Ga), top(Gb)
    for actor in [a for a in bb if a not in ba]:
        reasons.append(say(_REASONS, "bridge_new", lang, name=_name(Gb, actor), top=top_bridges))
    for actor in [a for a in ba if a not in bb]:
        reasons.append(say(_REASONS, "bridge_gone", lang, name=_name(Ga, actor), top=top_bridges))

    return {
        "fragile_links": {"appeared": [list(p) for p in sorted(fb.keys() - fa.keys())],
                          "resolved": [list(p) for p in sorted(fa.keys() - fb.keys())]},
        "key_people": {"new": sorted(kb.keys() - ka.keys()), "gone": sorted(ka.keys() - kb.keys())},
        "imbalances": {"new": [ib[k] for k in sorted(ib.keys() - ia.keys())],
                       "resolved": [ia[k] for k in sorted(ia.keys() - ib.keys())]},
        "tensions": {"new": [list(p) for p in sorted(tb - ta)],
                     "resolved": [list(p) for p in sorted(ta - tb)]},
        "contested_stakes": {"new": sorted(cb - ca), "resolved": sorted(ca - cb)},
        "bridges": {"entered": [a for a in bb if a not in ba], "left": [a for a in ba if a not in bb]},
        "reasons": reasons,
    }  # fmt: skip


def diff(
    before: Ecosystem,
    after: Ecosystem,
    *,
    as_of: date | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """The difference between two maps, in data and in analysis results.

    Parameters
    ----------
    before, after : Ecosystem
        Two versions of the map (e.g. a snapshot and the current map).
    as_of : date, optional
        Analysis date for the analysis deltas (default today).
    lang : {"en", "fr"}
        Language of the reasons.

    Returns
    -------
    dict
        ``data`` (:func:`diff_data`) and ``analysis`` (:func:`analysis_deltas`).

    Notes
    -----
    Both maps are analysed on the same date so that a difference reflects a change of
    the map, not of the calendar.
    """
    from ecomap.analysis import json_ready

    return json_ready(
        {
            "data": diff_data(before, after),
            "analysis": analysis_deltas(before, after, as_of=as_of, lang=lang),
        }
    )
