"""Cooperation health, the A.C.T.E.R keys (DESIGN.md §3, "Cooperation health").

Expected values are worked out by hand from the definition; the comment above the map
gives the scores and the computation.
"""

from __future__ import annotations

from datetime import date

import pytest

from ecomap.analysis.health import KEYS, health
from ecomap.graph import to_graph
from ecomap.model import Actor, Ecosystem, Relation, Space

DAY = date(2026, 3, 1)

# Organisations a (AMAP), b (Mairie), c (Ferme); people p (member of a until
# 2026-12-31) and q (member of b). Spaces: copil (instituted) where p and q take part,
# cafe (not instituted) where a and c take part.
#
# cooperation       scores (A C T T E R)      mean                 weakest
# a–b (formal)      3 2 1 1 · ·               (3+2+1+1)/4 = 1.75   trust (tie with
#                                                                   translate: earlier)
# a–c               2 2 · · · ·               2.0                  agree (tie with know)
# b–c               none                      None                 None
# p–q               · · 0 · · ·               0.0                  trust
# Instituted spaces: a–b through p and q (a member each) in copil; p–q themselves in
# copil; a–c share only cafe, not instituted; b–c share nothing.
#
# Per actor (means over its scored cooperations):
#   a: agree (3+2)/2 = 2.5, know 2, trust 1, translate 1 → weakest trust,
#      mean (2.5+2+1+1)/4 = 1.625, 2 cooperations
#   b: a–b only (b–c has no score) → 3 2 1 1, weakest trust, mean 1.75, 1 cooperation
#   c: a–c only → 2 2, weakest agree, mean 2.0
#   p, q: trust 0 → mean 0.0
RECORDS = [
    Actor(id="a", name="AMAP", kind="organisation"),
    Actor(id="b", name="Mairie", kind="institution"),
    Actor(id="c", name="Ferme", kind="organisation"),
    Actor(id="p", name="Léa", kind="person"),
    Actor(id="q", name="Marc", kind="person"),
    Space(id="copil", name="COPIL alimentation", kind="steering_committee", instituted=True),
    Space(id="cafe", name="Café des producteurs", kind="forum"),
    Relation(source="p", target="a", type="member_of", until=date(2026, 12, 31)),
    Relation(source="q", target="b", type="member_of"),
    Relation(source="p", target="copil", type="participates"),
    Relation(source="q", target="copil", type="participates"),
    Relation(source="a", target="cafe", type="participates"),
    Relation(source="c", target="cafe", type="participates"),
    Relation(
        source="b",
        target="a",
        type="cooperates",
        formal=True,
        acter_agree=3,
        acter_know=2,
        acter_trust=1,
        acter_translate=1,
    ),
    Relation(source="a", target="c", type="cooperates", acter_agree=2, acter_know=2),
    Relation(source="b", target="c", type="cooperates"),
    Relation(source="p", target="q", type="cooperates", acter_trust=0),
]


@pytest.fixture(scope="module")
def G():
    eco = Ecosystem()
    for record in RECORDS:
        eco.add(record)
    return to_graph(eco)


def cooperation(result, a: str, b: str) -> dict:
    [found] = [r for r in result["cooperations"] if r["actors"] == [a, b]]
    return found


def test_keys_are_the_acter_keys_in_order():
    assert KEYS == ("agree", "know", "trust", "translate", "evaluate", "share")


def test_cooperation_scores_mean_weakest_and_order(G):
    result = health(G, as_of=DAY)
    # Scored first, weakest mean first: p–q 0, a–b 1.75, a–c 2; b–c unscored last.
    assert [r["actors"] for r in result["cooperations"]] == [
        ["p", "q"],
        ["a", "b"],
        ["a", "c"],
        ["b", "c"],
    ]
    ab = cooperation(result, "a", "b")
    assert ab["names"] == ["AMAP", "Mairie"]
    assert ab["relation"] == '["cooperates", "a", "b"]'
    assert ab["scores"] == {
        "agree": 3.0,
        "know": 2.0,
        "trust": 1.0,
        "translate": 1.0,
        "evaluate": None,
        "share": None,
    }
    assert ab["mean"] == pytest.approx(1.75)
    assert ab["weakest"] == "trust"  # tie with translate: the earlier key
    assert ab["formal"] is True
    ac = cooperation(result, "a", "c")
    assert ac["mean"] == pytest.approx(2.0)
    assert ac["weakest"] == "agree"  # tie with know
    assert ac["formal"] is False
    bc = cooperation(result, "b", "c")
    assert bc["mean"] is None and bc["weakest"] is None
    assert set(bc["scores"].values()) == {None}
    pq = cooperation(result, "p", "q")
    assert pq["mean"] == 0.0 and pq["weakest"] == "trust"


def test_instituted_space_themselves_or_through_members(G):
    result = health(G, as_of=DAY)
    assert cooperation(result, "a", "b")["instituted_space"] == ["copil"]  # via p and q
    assert cooperation(result, "p", "q")["instituted_space"] == ["copil"]  # themselves
    assert cooperation(result, "a", "c")["instituted_space"] == []  # cafe not instituted
    assert cooperation(result, "b", "c")["instituted_space"] == []
    # Once p has left a (2026-12-31), a no longer takes part in copil.
    later = health(G, as_of=date(2027, 1, 15))
    assert cooperation(later, "a", "b")["instituted_space"] == []
    assert cooperation(later, "p", "q")["instituted_space"] == ["copil"]


def test_actor_profiles(G):
    actors = health(G, as_of=DAY)["actors"]
    # b–c has no score, so every actor listed has a scored cooperation; weakest first.
    assert [r["actor"] for r in actors] == ["p", "q", "a", "b", "c"]
    a = actors[2]
    assert a["name"] == "AMAP"
    assert a["scores"] == {
        "agree": pytest.approx(2.5),
        "know": pytest.approx(2.0),
        "trust": pytest.approx(1.0),
        "translate": pytest.approx(1.0),
        "evaluate": None,
        "share": None,
    }
    assert a["weakest"] == "trust"
    assert a["mean"] == pytest.approx(1.625)
    assert a["cooperations"] == 2
    assert a["reasons"][0].startswith("over its 2 scored cooperations, the weakest key is trust")
    assert a["reasons"][1] == "weakest cooperation: with Mairie (mean 1.75)"
    b = actors[3]
    assert (b["mean"], b["weakest"], b["cooperations"]) == (pytest.approx(1.75), "trust", 1)
    c = actors[4]
    assert (c["mean"], c["weakest"]) == (pytest.approx(2.0), "agree")
    assert c["reasons"] == [
        "over its one scored cooperation, every key averages at least 2; the lowest is "
        "agreement on an intention (2 of 3)"
    ]


def test_reasons_explain_the_weakest_key(G):
    result = health(G, as_of=DAY)
    ab = cooperation(result, "a", "b")
    assert ab["reasons"] == [
        "weakest key: trust (1 of 3): they do not yet know each other's work well enough "
        "to trust it",
        "not scored: evaluating the value created, sharing the value fairly",
        "a formal agreement exists",
        'supported by an instituted space: "COPIL alimentation"',
    ]
    # a–c's lowest key is 2, not below the default threshold: named, not called weak.
    assert cooperation(result, "a", "c")["reasons"][0] == (
        "every key scores at least 2; the lowest is agreement on an intention (2 of 3)"
    )
    assert cooperation(result, "b", "c")["reasons"][0] == "no A.C.T.E.R score is recorded"
    # With a higher threshold, a–c's agree becomes a weak point.
    strict = cooperation(health(G, as_of=DAY, low=2.5), "a", "c")
    assert strict["reasons"][0] == (
        "weakest key: agreement on an intention (2 of 3): they have not yet agreed on "
        "what they want to do together"
    )


def test_reasons_in_french(G):
    result = health(G, as_of=DAY, lang="fr")
    ab = cooperation(result, "a", "b")
    assert ab["reasons"] == [
        "clé la plus faible : confiance (1 sur 3) : ils ne connaissent pas encore assez le "
        "travail l'un de l'autre pour s'y fier",
        "non renseigné : évaluation de la valeur créée, répartition équitable de la valeur",
        "une convention formalise cette coopération",
        "portée par un dispositif institué : « COPIL alimentation »",
    ]
    assert cooperation(result, "b", "c")["reasons"][-1] == "aucun dispositif institué ne la porte"
    a = next(r for r in result["actors"] if r["actor"] == "a")
    assert a["reasons"][0].startswith("sur ses 2 coopérations notées, la clé la plus faible")
    assert "1,75" in a["reasons"][1]


def test_cooperations_out_of_force_are_ignored():
    eco = Ecosystem()
    for i in "ab":
        eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    eco.add(
        Relation(source="a", target="b", type="cooperates", acter_share=1, since=date(2026, 6, 1))
    )
    G = to_graph(eco)
    assert health(G, as_of=DAY) == {"cooperations": [], "actors": []}
    later = health(G, as_of=date(2026, 6, 1))
    assert [r["weakest"] for r in later["cooperations"]] == ["share"]
    assert [r["actor"] for r in later["actors"]] == ["a", "b"]
