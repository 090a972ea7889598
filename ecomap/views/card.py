"""An actor's card: everything the map and every analysis say about one actor.

:func:`actor_card` gathers who the actor is (kind, level, organisations, sub-units,
territory, tags), its relations grouped by type with the other side named, and one
section per analysis — links it alone carries, key-person status, power and the
imbalances it is part of, counterweight roles, bridging role, stakes and stances,
engagement and load, A.C.T.E.R health, neutral-third-party roles — each finding with
its reasons in words, as the analyses wrote them.

The analyses are not recomputed when their results are given (the explorer passes
the results it has cached); any section missing is computed on the graph.

    from ecomap.views.card import actor_card
    card = actor_card(G, "helene-cartier", lang="fr")
    [s["key"] for s in card["sections"]]
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import Any

import networkx as nx

from ecomap.analysis import SECTIONS
from ecomap.analysis.reasons import in_words
from ecomap.graph import analysis_date
from ecomap.i18n import label, listing, number, say, signed

__all__ = ["CARD_SECTIONS", "actor_card"]

#: The analysis sections a card reads (keys of :data:`ecomap.analysis.SECTIONS`).
NEEDED = (
    "fragile_links",
    "key_people",
    "imbalances",
    "power_interest",
    "bridges",
    "stakes",
    "latent_tensions",
    "untapped_cooperation",
    "tension_opportunities",
    "engagement",
    "health",
    "facilitators",
)

#: The card's analysis sections, in the order they are shown.
CARD_SECTIONS = (
    "fragility",
    "key_person",
    "power",
    "counterweight",
    "bridging",
    "stakes",
    "engagement",
    "health",
    "facilitation",
)

MESSAGES = {
    "en": {
        "carries_alone": "the link between {a} and {b} ends if {p} leaves",
        "carries_among": "{p} is one of {n} people carrying the link between {a} and {b}",
        "carries_count": "{p} carries {total} links between organisations; {n} of them end "
        "if {p} leaves",
        "carries_count_one": "{p} carries {total} links between organisations; 1 of them "
        "ends if {p} leaves",
        "no_link_carried": "{p} carries no link between organisations on its own",
        "org_fragile": "{n} of {name}'s links with other organisations hang on one person",
        "org_fragile_one": "1 of {name}'s links with other organisations hangs on one person",
        "org_no_fragile": "none of {name}'s links with other organisations hangs on one person",
        "not_a_person": "only people carry links between organisations",
        "key": "key person: {n} links between organisations end if {p} leaves",
        "key_one": "key person: 1 link between organisations ends if {p} leaves",
        "not_key": "{p} is not a key person: no link between organisations ends with a "
        "departure of {p} alone",
        "power": "power index {pi} (rank {rank} of {n})",
        "dominates": "{a} dominates {b}",
        "no_imbalance": "{name} is part of no imbalanced relationship",
        "counterweight_for": "counterweight for {w} facing {d} (rank {rank})",
        "no_counterweight": "{name} is proposed as a counterweight in no imbalance",
        "bridge_rank": "betweenness rank {rank} of {n}",
        "no_bridge": "{name} has no cooperation in force, so bridges nothing",
        "stance": "{stake}: position {stance}, importance {importance}",
        "no_stance": "{name} takes no position on any stake",
        "contested": "« {stake} » is contested",
        "latent": "latent tension with {other} on « {stake} »",
        "untapped": "could cooperate with {other}",
        "opportunity": "tension with {other} that shared stakes could turn to cooperation",
        "driver": "driver, load {load}",
        "driver_overloaded": "overloaded driver, load {load}",
        "at_risk": "follower with no driver within reach",
        "not_driver": "engagement: {engagement}; no load is measured (only for drivers)",
        "health_actor": "mean A.C.T.E.R score {mean} over {n} rated cooperations; weakest key: "
        "{weakest}",
        "health_coop": "cooperation with {other}: mean {mean}, weakest key {weakest}",
        "no_health": "none of {name}'s cooperations is rated on the A.C.T.E.R keys",
        "facilitator": "neutral third party between {a} and {b}",
        "party": "in tension with {other}: neutral third parties are proposed",
        "no_facilitation": "{name} is neither a party to a tension nor proposed as a neutral "
        "third party",
        "in_force_until": "until {day}",
        "in_force_since": "since {day}",
        "weight": "weight {w}",
        "formal": "formal",
        "importance": "importance {w}",
    },
    "fr": {
        "carries_alone": "le lien entre {a} et {b} s'arrête si {p} part",
        "carries_among": "{p} est l'une des {n} personnes qui portent le lien entre {a} et {b}",
        "carries_count": "{p} porte {total} liens entre organisations, dont {n} qui "
        "s'arrêtent si {p} part",
        "carries_count_one": "{p} porte {total} liens entre organisations, dont 1 qui "
        "s'arrête si {p} part",
        "no_link_carried": "{p} ne porte seul(e) aucun lien entre organisations",
        "org_fragile": "{n} liens de {name} avec d'autres organisations ne tiennent qu'à "
        "une personne",
        "org_fragile_one": "1 lien de {name} avec d'autres organisations ne tient qu'à une "
        "personne",
        "org_no_fragile": "aucun lien de {name} avec d'autres organisations ne tient à une "
        "seule personne",
        "not_a_person": "seules des personnes portent des liens entre organisations",
        "key": "personne clé : {n} liens entre organisations s'arrêtent si {p} part",
        "key_one": "personne clé : 1 lien entre organisations s'arrête si {p} part",
        "not_key": "{p} n'est pas une personne clé : aucun lien entre organisations ne "
        "s'arrête avec le seul départ de {p}",
        "power": "indice de pouvoir {pi} (rang {rank} sur {n})",
        "dominates": "{a} domine {b}",
        "no_imbalance": "{name} n'est partie à aucun rapport de force déséquilibré",
        "counterweight_for": "contrepoids pour {w} face à {d} (rang {rank})",
        "no_counterweight": "{name} n'est proposé comme contrepoids dans aucun déséquilibre",
        "bridge_rank": "intermédiarité : rang {rank} sur {n}",
        "no_bridge": "{name} n'a aucune coopération en cours et ne relie donc personne",
        "stance": "{stake} : position {stance}, importance {importance}",
        "no_stance": "{name} ne prend position sur aucun enjeu",
        "contested": "« {stake} » est un enjeu disputé",
        "latent": "tension latente avec {other} sur « {stake} »",
        "untapped": "pourrait coopérer avec {other}",
        "opportunity": "tension avec {other} que des enjeux partagés peuvent rendre féconde",
        "driver": "moteur, charge {load}",
        "driver_overloaded": "moteur surchargé, charge {load}",
        "at_risk": "suiveur sans moteur à portée",
        "not_driver": "engagement : {engagement} ; la charge ne se mesure que pour les moteurs",
        "health_actor": "score A.C.T.E.R moyen {mean} sur {n} coopérations notées ; clé la "
        "plus faible : {weakest}",
        "health_coop": "coopération avec {other} : moyenne {mean}, clé la plus faible {weakest}",
        "no_health": "aucune coopération de {name} n'est notée sur les clés A.C.T.E.R",
        "facilitator": "tiers neutre entre {a} et {b}",
        "party": "en tension avec {other} : des tiers neutres sont proposés",
        "no_facilitation": "{name} n'est ni partie à une tension ni proposé comme tiers neutre",
        "in_force_until": "jusqu'au {day}",
        "in_force_since": "depuis le {day}",
        "weight": "poids {w}",
        "formal": "formelle",
        "importance": "importance {w}",
    },
}

_ACTER = {
    "en": {"agree": "agreement", "know": "knowledge", "trust": "trust",
           "translate": "translation", "evaluate": "evaluation", "share": "sharing of value"},
    "fr": {"agree": "accord", "know": "connaissance", "trust": "confiance",
           "translate": "traduction", "evaluate": "évaluation", "share": "répartition de la valeur"},
}  # fmt: skip


def _word(lang: str, key: str, **values: Any) -> str:
    if values.get("n") == 1 and f"{key}_one" in MESSAGES["en"]:
        key = f"{key}_one"
    return say(MESSAGES, key, lang, **values)


def _day(value: Any, lang: str) -> str:
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return value.strftime("%d/%m/%Y") if lang == "fr" else value.isoformat()


def _results(
    G: nx.MultiDiGraph, results: dict[str, Any] | None, as_of: date | None, lang: str
) -> dict[str, Any]:
    """The analysis sections the card needs: those given, the rest computed on ``G``."""
    found = dict(results or {})
    if isinstance(found.get("health"), dict):  # the health function's own shape
        found["health_by_actor"] = found["health"]["actors"]
        found["health"] = found["health"]["cooperations"]
    for section in NEEDED:
        if section in found:
            continue
        module, name = SECTIONS[section]
        run = getattr(importlib.import_module(f"ecomap.analysis.{module}"), name)
        options: dict[str, Any] = {"as_of": as_of, "lang": lang}
        if section == "key_people":
            options["links"] = found["fragile_links"]
        value = run(G, **options)
        if section == "health":
            found["health"], found["health_by_actor"] = value["cooperations"], value["actors"]
        else:
            found[section] = value
    return found


#: Relation types that have no direction (DESIGN §2): written once, read both ways.
_BOTH_WAYS = frozenset({"cooperates", "tension", "complements", "conflicts"})


def _in_force(data: dict[str, Any], day: date) -> bool:
    until, since = data.get("until"), data.get("since")
    return (until is None or until >= day) and (since is None or since <= day)


def _details(data: dict[str, Any], lang: str) -> list[str]:
    rtype, parts = data["type"], []
    if data.get("power_type"):
        parts.append(label(data["power_type"], lang))
    if data.get("mode"):
        parts.append(label(data["mode"], lang))
    if data.get("stance") is not None:
        parts.append(signed(data["stance"], lang))
    if data.get("role"):
        parts.append(str(data["role"]))
    if data.get("formal"):
        parts.append(_word(lang, "formal"))
    if rtype == "stake":
        parts.append(_word(lang, "importance", w=number(data.get("weight", 1), lang)))
    elif rtype in ("cooperates", "power", "tension", "complements", "conflicts"):
        parts.append(_word(lang, "weight", w=number(data.get("weight", 1), lang)))
    if data.get("since"):
        parts.append(_word(lang, "in_force_since", day=_day(data["since"], lang)))
    if data.get("until"):
        parts.append(_word(lang, "in_force_until", day=_day(data["until"], lang)))
    return parts


def _relations(G: nx.MultiDiGraph, actor: str, day: date, lang: str) -> dict[str, list[dict]]:
    """The relations in force, by type, each with the other side named."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    edges = [(v, "out", d) for _, v, d in G.out_edges(actor, data=True)]
    edges += [(u, "in", d) for u, _, d in G.in_edges(actor, data=True)]
    for other, direction, data in edges:
        if not _in_force(data, day) or other == actor:
            continue
        grouped.setdefault(data["type"], []).append(
            {
                "other": other,
                "other_name": G.nodes[other].get("name", other),
                "other_type": G.nodes[other].get("node_type"),
                "direction": "both" if data["type"] in _BOTH_WAYS else direction,
                "details": _details(data, lang),
            }
        )
    for rows in grouped.values():
        rows.sort(key=lambda r: (r["other_name"].casefold(), r["direction"]))
    return dict(sorted(grouped.items()))


def _finding(text: str, reasons: list[str] | None = None, actors: list[str] = ()) -> dict:
    return {"text": text, "reasons": list(reasons or []), "actors": list(actors)}


def _section(key: str, headline: str, findings: list[dict] | None = None) -> dict:
    return {"key": key, "headline": headline, "findings": findings or []}


def _fragility(r, actor, name, person, lang):
    findings = []
    for link in r["fragile_links"]:
        a, b = link["names"]
        if person and actor in link["carriers"]:
            alone = actor in link["critical"]
            text = (
                _word(lang, "carries_alone", a=a, b=b, p=name)
                if actor in link["critical"]
                else _word(lang, "carries_among", p=name, n=len(link["carriers"]), a=a, b=b)
            )
            findings.append((not alone, _finding(text, link["reasons"], link["organisations"])))
        elif not person and actor in link["organisations"] and link["fragile"]:
            findings.append((False, _finding(f"{a} — {b}", link["reasons"], link["organisations"])))
    findings = [f for _, f in sorted(findings, key=lambda pair: pair[0])]
    if person:
        alone = sum(1 for link in r["fragile_links"] if actor in link["critical"])
        headline = (
            _word(lang, "carries_count", n=alone, p=name, total=len(findings)) if alone
            else _word(lang, "no_link_carried", p=name)
        )  # fmt: skip
    else:
        headline = (
            _word(lang, "org_fragile", n=len(findings), name=name) if findings
            else _word(lang, "org_no_fragile", name=name)
        )  # fmt: skip
    return _section("fragility", headline, findings)


def _key_person(r, actor, name, person, lang):
    if not person:
        return _section("key_person", _word(lang, "not_a_person"))
    record = next((k for k in r["key_people"] if k["person"] == actor), None)
    if record is None:
        return _section("key_person", _word(lang, "not_key", p=name))
    return _section(
        "key_person",
        _word(lang, "key", n=record["links_lost"], p=name),
        [_finding(_word(lang, "key", n=record["links_lost"], p=name), record["reasons"],
                  [x for link in record["links"] for x in link])],
    )  # fmt: skip


def _power(r, actor, name, lang):
    grid = r["power_interest"]
    ranked = sorted(grid, key=lambda g: -(g["power"] or 0))
    record = next((g for g in grid if g["actor"] == actor), None)
    findings = []
    headline = _word(lang, "no_imbalance", name=name)
    if record is not None:
        rank = 1 + sum(1 for g in ranked if (g["power"] or 0) > (record["power"] or 0))
        headline = _word(lang, "power", pi=number(record["power"] or 0, lang), rank=rank,
                         n=len(grid))  # fmt: skip
        findings.append(_finding(headline, record["reasons"], [actor]))
    for imbalance in r["imbalances"]:
        if actor in (imbalance["dominant"], imbalance["weaker"]):
            d, w = imbalance["names"]
            findings.append(_finding(_word(lang, "dominates", a=d, b=w), imbalance["reasons"],
                                     [imbalance["dominant"], imbalance["weaker"]]))  # fmt: skip
    if len(findings) <= (record is not None):
        findings.append(_finding(_word(lang, "no_imbalance", name=name)))
    return _section("power", headline, findings)


def _counterweight(r, actor, name, lang):
    findings, ranks = [], []
    for imbalance in r["imbalances"]:
        for rank, candidate in enumerate(imbalance.get("counterweights") or [], start=1):
            if candidate["actor"] == actor:
                d, w = imbalance["names"]
                ranks.append(rank)
                findings.append(
                    _finding(_word(lang, "counterweight_for", w=w, d=d, rank=rank),
                             candidate["reasons"], [imbalance["dominant"], imbalance["weaker"]])
                )  # fmt: skip
    # Where it is the first choice comes first (the order of the imbalances otherwise).
    findings = [f for _, f in sorted(zip(ranks, findings, strict=True), key=lambda p: p[0])]
    headline = findings[0]["text"] if findings else _word(lang, "no_counterweight", name=name)
    return _section("counterweight", headline, findings)


def _bridging(r, actor, name, lang):
    rows = r["bridges"]
    record = next((b for b in rows if b["actor"] == actor), None)
    if record is None:
        return _section("bridging", _word(lang, "no_bridge", name=name))
    rank = 1 + sum(1 for b in rows if b["betweenness"] > record["betweenness"])
    headline = _word(lang, "bridge_rank", rank=rank, n=len(rows))
    return _section("bridging", headline, [_finding(headline, record["reasons"], [actor])])


def _stakes(G, r, actor, name, day, lang):
    findings = []
    contested = {s["stake"]: s for s in r["stakes"] if s["contested"]}
    for _, stake, data in G.out_edges(actor, data=True):
        if data["type"] != "stake" or not _in_force(data, day):
            continue
        stake_name = G.nodes[stake].get("name", stake)
        text = _word(lang, "stance", stake=stake_name, stance=signed(data.get("stance") or 0, lang),
                     importance=number(data.get("weight", 1), lang))  # fmt: skip
        reasons = []
        if stake in contested:
            reasons = [_word(lang, "contested", stake=stake_name), *contested[stake]["reasons"]]
        findings.append(_finding(text, reasons))
    pairs = (
        ("latent_tensions", "latent"),
        ("untapped_cooperation", "untapped"),
        ("tension_opportunities", "opportunity"),
    )
    for section, word in pairs:
        for row in r[section]:
            if actor not in row["actors"]:
                continue
            other = row["names"][1 - row["actors"].index(actor)]
            text = _word(lang, word, other=other, stake=row.get("stake_name") or "")
            findings.append(_finding(text, row["reasons"], row["actors"]))
    headline = findings[0]["text"] if findings else _word(lang, "no_stance", name=name)
    return _section("stakes", headline, findings)


def _engagement(G, r, actor, lang):
    result = r["engagement"]
    driver = next((d for d in result["drivers"] if d["actor"] == actor), None)
    if driver is not None:
        key = "driver_overloaded" if driver["overloaded"] else "driver"
        headline = _word(lang, key, load=number(driver["load"], lang))
        return _section("engagement", headline, [_finding(headline, driver["reasons"], [actor])])
    follower = next((f for f in result["followers_at_risk"] if f["actor"] == actor), None)
    if follower is not None:
        headline = _word(lang, "at_risk")
        linked = [actor] + ([follower["nearest_driver"]] if follower["nearest_driver"] else [])
        return _section("engagement", headline, [_finding(headline, follower["reasons"], linked)])
    engagement = G.nodes[actor].get("engagement")
    shown = label(engagement, lang) if engagement else "—"
    return _section("engagement", _word(lang, "not_driver", engagement=shown))


def _health(r, actor, name, lang):
    acter = _ACTER.get(lang, _ACTER["en"])
    findings = []
    profile = next((h for h in r["health_by_actor"] if h["actor"] == actor), None)
    if profile is None or profile["mean"] is None:
        return _section("health", _word(lang, "no_health", name=name))
    headline = _word(lang, "health_actor", mean=number(profile["mean"], lang),
                     n=profile["cooperations"],
                     weakest=acter.get(profile["weakest"], profile["weakest"]))  # fmt: skip
    findings.append(_finding(headline, profile["reasons"], [actor]))
    for coop in r["health"]:
        if actor in coop["actors"] and coop["mean"] is not None:
            other = coop["names"][1 - coop["actors"].index(actor)]
            text = _word(lang, "health_coop", other=other, mean=number(coop["mean"], lang),
                         weakest=acter.get(coop["weakest"], coop["weakest"]))  # fmt: skip
            findings.append(_finding(text, coop["reasons"], coop["actors"]))
    return _section("health", headline, findings)


def _facilitation(r, actor, name, lang):
    findings = []
    for tension in r["facilitators"]:
        a, b = tension["names"]
        if actor in tension["parties"]:
            other = tension["names"][1 - tension["parties"].index(actor)]
            shown = [c["name"] for c in tension["candidates"]]
            findings.append(_finding(_word(lang, "party", other=other),
                                     [listing(shown, lang)] if shown else [],
                                     tension["parties"]))  # fmt: skip
        for candidate in tension["candidates"]:
            if candidate["actor"] == actor:
                findings.append(_finding(_word(lang, "facilitator", a=a, b=b),
                                         candidate["reasons"], tension["parties"]))  # fmt: skip
    headline = findings[0]["text"] if findings else _word(lang, "no_facilitation", name=name)
    return _section("facilitation", headline, findings)


def actor_card(
    G: nx.MultiDiGraph,
    actor_id: str,
    *,
    as_of: date | None = None,
    lang: str = "fr",
    results: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything about one actor, with the reasons of every analysis.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph` (anonymised or not: the card
        shows what the graph holds).
    actor_id : str
        The actor's id.
    as_of : datetime.date, optional
        Analysis date (default today): relations not in force that day are left out.
    lang : {"fr", "en"}
        Language of the findings (the analyses' reasons come in the language of the
        results given, or of ``lang`` when computed here).
    results : dict, optional
        Analysis results already computed for this graph, date and language, keyed
        like :func:`ecomap.analysis.analyse`'s document (``health`` may be the
        ``health`` function's own ``{"cooperations", "actors"}``), their reasons in
        words or kept as codes (``words=False``: put into words for the card's findings
        only). Sections not given are computed.

    Returns
    -------
    dict
        ``actor``, ``name``, ``kind``, ``level``, ``category``, ``role``,
        ``territory``, ``tags``, ``engagement``; ``organisations`` (what it is a member
        of), ``members``, ``part_of`` and ``units`` (sub-units), each a list of
        ``{"id", "name"}``; ``relations``: type → list of ``{"other", "other_name",
        "other_type", "direction" (``out``, ``in``, or ``both`` for a type without
        direction), "details"}``; ``sections``: one per entry of
        :data:`CARD_SECTIONS`, ``{"key", "headline", "findings"}``, each finding
        ``{"text", "reasons", "actors"}``.

    Raises
    ------
    ValueError
        When ``actor_id`` is not an actor of the map.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="p", name="Paule", kind="person"))
    >>> for o in "ab": eco.add(Actor(id=o, name=o.upper(), kind="organisation"))
    >>> for o in "ab": eco.add(Relation(source="p", target=o, type="member_of"))
    >>> card = actor_card(to_graph(eco), "p", lang="en", as_of=date(2026, 1, 1))
    >>> [o["name"] for o in card["organisations"]]
    ['A', 'B']
    >>> card["sections"][1]["headline"]
    'key person: 1 link between organisations ends if Paule leaves'
    """
    if actor_id not in G or G.nodes[actor_id].get("node_type") != "actor":
        raise ValueError(f"unknown actor {actor_id!r}: no actor of the map has this id")
    day = analysis_date(as_of)
    node = G.nodes[actor_id]
    name, person = node["name"], node.get("kind") == "person"
    relations = _relations(G, actor_id, day, lang)

    def ends(rtype: str, direction: str) -> list[dict[str, str]]:
        return [
            {"id": r["other"], "name": r["other_name"]}
            for r in relations.get(rtype, [])
            if r["direction"] == direction
        ]

    r = _results(G, results, as_of, lang)
    # Results given with their reasons as codes (the explorer keeps them so) are put
    # into words here, for this actor's findings only.
    sections = in_words([
        _fragility(r, actor_id, name, person, lang),
        _key_person(r, actor_id, name, person, lang),
        _power(r, actor_id, name, lang),
        _counterweight(r, actor_id, name, lang),
        _bridging(r, actor_id, name, lang),
        _stakes(G, r, actor_id, name, day, lang),
        _engagement(G, r, actor_id, lang),
        _health(r, actor_id, name, lang),
        _facilitation(r, actor_id, name, lang),
    ], lang)  # fmt: skip
    return {
        "actor": actor_id,
        "name": name,
        "kind": node.get("kind"),
        "level": node.get("level"),
        "category": node.get("category"),
        "role": node.get("role"),
        "territory": node.get("territory"),
        "tags": list(node.get("tags") or []),
        "engagement": node.get("engagement"),
        "organisations": ends("member_of", "out"),
        "members": ends("member_of", "in"),
        "part_of": ends("part_of", "out"),
        "units": ends("part_of", "in"),
        "relations": relations,
        "sections": sections,
    }
