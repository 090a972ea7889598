"""Neutral facilitation and the space audit (DESIGN.md §3, "Neutral facilitator").

Expected values are worked out by hand from the definition; the comment above each map
says why each actor is in or out and in which order.
"""

from __future__ import annotations

from datetime import date

import pytest

from ecomap.analysis.facilitation import facilitators, facilitators_for_tensions, space_audit
from ecomap.analysis.power import power_index
from ecomap.graph import to_graph
from ecomap.model import Actor, Ecosystem, Relation, Space, Stake

DAY = date(2026, 3, 1)
PAST = date(2025, 1, 1)


def build(records):
    eco = Ecosystem()
    for record in records:
        eco.add(record)
    return to_graph(eco)


def org(i: str, name: str, kind: str = "organisation", **fields) -> Actor:
    return Actor(id=i, name=name, kind=kind, **fields)


def person(i: str, name: str | None = None) -> Actor:
    return Actor(id=i, name=name or f"P {i}", kind="person")


def rel(kind: str, a: str, b: str, **fields) -> Relation:
    return Relation(source=a, target=b, type=kind, **fields)


# Parties x (AMAP) and y (Mairie).
# Out: x1 (part_of x), x2 (part_of x1: a sub-unit of a sub-unit), p1 (member_of x2),
#      p2 (member_of y), r (holds power over y until 2026-06-30), s (y holds power over
#      s) — even though x1, r and s cooperate with both parties, and p1, p2 with one.
# In:  f1 cooperates with x and y                  → 2 parties, first
#      f2 (influence 5) cooperates with x           → 1 party
#      f3 (influence 0) cooperates with y           → 1 party
#      f4 cooperates with nobody                    → 0, last
# f2 before f3: neither is in a power relation, so their structural power is
# proportional to 1 + influence, s(f2) = 6·s(f3), and π(f2) = (s(f2) + 5/5)/2 is above
# π(f3) = (s(f3) + 0)/2.
PARTIES = [
    org("x", "AMAP"),
    org("y", "Mairie", "institution"),
    org("x1", "AMAP Nord"),
    org("x2", "AMAP Nord — livraisons"),
    person("p1"),
    person("p2"),
    org("r", "Région", "institution"),
    org("s", "Syndicat des eaux"),
    org("f1", "Tiers-lieu"),
    org("f2", "Conseil", influence=5),
    org("f3", "Asso", influence=0),
    person("f4", "Consultante"),
    Stake(id="food", name="Alimentation"),
    Stake(id="land", name="Foncier"),
    rel("part_of", "x1", "x"),
    rel("part_of", "x2", "x1"),
    rel("member_of", "p1", "x2"),
    rel("member_of", "p2", "y"),
    rel("power", "r", "y", power_type="political", until=date(2026, 6, 30)),
    rel("power", "y", "s", power_type="economic"),
    *(rel("cooperates", a, b) for a in ("x1", "r", "s", "f1") for b in ("x", "y")),
    rel("cooperates", "p1", "y"),
    rel("cooperates", "p2", "x"),
    rel("cooperates", "f2", "x"),
    rel("cooperates", "f3", "y"),
    rel("tension", "x", "y", stake="food", weight=2),
    rel("tension", "y", "x", stake="land"),
    rel("tension", "f1", "f4", until=PAST),
]


@pytest.fixture(scope="module")
def G():
    return build(PARTIES)


def test_facilitators_exclusions_and_ranking(G):
    rows = facilitators(G, ["x", "y"], as_of=DAY)
    assert [r["actor"] for r in rows] == ["f1", "f2", "f3", "f4"]
    assert [r["cooperates_with"] for r in rows] == [["x", "y"], ["x"], ["y"], []]
    assert [r["score"] for r in rows] == [2, 1, 1, 0]
    pi = power_index(G, as_of=DAY)
    assert [r["power_index"] for r in rows] == [pytest.approx(pi[r["actor"]]) for r in rows]
    assert rows[1]["power_index"] > rows[2]["power_index"]
    assert rows[0]["name"] == "Tiers-lieu"
    assert rows[0]["reasons"][0] == "cooperates with AMAP and Mairie"
    assert rows[3]["reasons"][0] == "cooperates with none of the parties"
    assert rows[0]["reasons"][2] == (
        "neither a party nor a member or sub-unit of one, and holds no power relation with them"
    )


def test_facilitators_top_and_reasons_in_french(G):
    rows = facilitators(G, ["y", "x"], as_of=DAY, lang="fr", top=2)
    assert [r["actor"] for r in rows] == ["f1", "f2"]
    assert rows[0]["reasons"][0] == "coopère avec AMAP et Mairie"
    assert rows[0]["reasons"][1].startswith("indice de pouvoir ")
    assert rows[0]["reasons"][2].startswith("n'est ni une des parties")


def test_power_relation_out_of_force_no_longer_excludes(G):
    # r's power over y ends on 2026-06-30; afterwards r cooperates with both parties.
    later = facilitators(G, ["x", "y"], as_of=date(2026, 7, 1))
    assert {r["actor"] for r in later[:2]} == {"f1", "r"}
    assert next(r for r in later if r["actor"] == "r")["cooperates_with"] == ["x", "y"]


def test_facilitators_with_one_party(G):
    # For y alone, x and its sub-units and members become candidates, but not p2
    # (member of y), r nor s (power); x1, p1, f1 and f3 cooperate with y (x is only in
    # tension with it).
    rows = facilitators(G, ["y"], as_of=DAY)
    ids = [r["actor"] for r in rows]
    assert set(ids) == {"x", "x1", "x2", "p1", "f1", "f2", "f3", "f4"}
    assert {r["actor"] for r in rows if r["score"] == 1} == {"x1", "p1", "f1", "f3"}


def test_unknown_or_non_actor_parties_are_refused(G):
    with pytest.raises(ValueError, match=r"unknown party: 'nobody', 'ghost'"):
        facilitators(G, ["x", "nobody", "ghost"], as_of=DAY)
    with pytest.raises(ValueError, match=r"not an actor: 'food' \(stake\)"):
        facilitators(G, ["x", "food"], as_of=DAY)
    with pytest.raises(ValueError, match="at least one party"):
        facilitators(G, [], as_of=DAY)
    with pytest.raises(ValueError, match="top must be"):
        facilitators(G, ["x"], as_of=DAY, top=-1)
    with pytest.raises(ValueError, match="top must be"):
        facilitators_for_tensions(G, as_of=DAY, top=-2)


def test_ties_broken_by_power_index_then_id():
    # No power relation and no influence: structural power is uniform, π = 1 for all.
    # c and d both cooperate with a only (tie on count and on π: c before d by id);
    # e cooperates with nobody.
    G = build(
        [
            *(org(i, i.upper()) for i in "abdce"),
            rel("cooperates", "d", "a"),
            rel("cooperates", "c", "a"),
        ]
    )
    rows = facilitators(G, ["a", "b"], as_of=DAY)
    assert [(r["actor"], r["score"], r["power_index"]) for r in rows] == [
        ("c", 1, 1.0),
        ("d", 1, 1.0),
        ("e", 0, 1.0),
    ]


def test_facilitators_for_tensions(G):
    rows = facilitators_for_tensions(G, as_of=DAY)
    # Two tension relations between x and y make one pair; f1–f4's tension has ended.
    assert len(rows) == 1
    [row] = rows
    assert row["parties"] == ["x", "y"]
    assert row["names"] == ["AMAP", "Mairie"]
    assert row["stakes"] == ["food", "land"]
    assert [c["actor"] for c in row["candidates"]] == ["f1", "f2", "f3"]
    assert row["candidates"] == facilitators(G, ["x", "y"], as_of=DAY, top=3)
    before = facilitators_for_tensions(G, as_of=date(2024, 6, 1), top=1)
    assert [r["parties"] for r in before] == [["f1", "f4"], ["x", "y"]]
    # For f1–f4: x and y each cooperate with f1 (1 party); nobody is excluded but f1, f4.
    assert before[0]["candidates"][0]["cooperates_with"] == ["f1"]


# ---- space audit ------------------------------------------------------------------

# Structures: o1 AMAP, o2 Mairie, o3 Chambre, n Tiers-lieu, u Service (part_of o2).
# People: p3, p5, p6 in o1; p4 in o3; p7 in o2; p8 in u; p9 in o1 first, then o2;
# p10 in no organisation.
# s1 COPIL: p3 facilitates (until 2026-06-30), o1 and o2 attend → p3 belongs to o1.
# s2 REX: o3 facilitates, p4 (o3) and o2 attend → o3 is itself an attending structure.
# s3 Groupe: n facilitates, p5 and p6 (both o1) attend → structures n, o1: fine.
# s4 Forum: p7 (o2) and o2 attend, no facilitator → one structure.
# s5 Vide: nobody → no structure.
# s6 Atelier: p8 facilitates, o1 and o2 attend → p8 is in u, a sub-unit of o2.
# s7 Réseau: p10 facilitates (no organisation), p9 and o1 attend → p9 counts through
#    o1, its first organisation, so one structure; p10 belongs to nothing.
SPACES = [
    org("o1", "AMAP"),
    org("o2", "Mairie", "institution"),
    org("o3", "Chambre"),
    org("n", "Tiers-lieu"),
    org("u", "Service"),
    *(person(f"p{i}", f"Personne {i}") for i in range(3, 11)),
    Space(id="s1", name="COPIL", kind="steering_committee", instituted=True),
    Space(id="s2", name="REX", kind="experience_sharing"),
    Space(id="s3", name="Groupe", kind="working_group"),
    Space(id="s4", name="Forum", kind="forum"),
    Space(id="s5", name="Vide"),
    Space(id="s6", name="Atelier", kind="working_group"),
    Space(id="s7", name="Réseau"),
    rel("part_of", "u", "o2"),
    *(rel("member_of", p, "o1") for p in ("p3", "p5", "p6", "p9")),
    rel("member_of", "p4", "o3"),
    rel("member_of", "p7", "o2"),
    rel("member_of", "p8", "u"),
    rel("member_of", "p9", "o2"),
    rel("participates", "p3", "s1", role="facilitator", until=date(2026, 6, 30)),
    rel("participates", "o1", "s1"),
    rel("participates", "o2", "s1", role="member"),
    rel("participates", "o3", "s2", role="facilitator"),
    rel("participates", "p4", "s2"),
    rel("participates", "o2", "s2"),
    rel("participates", "n", "s3", role="facilitator"),
    rel("participates", "p5", "s3"),
    rel("participates", "p6", "s3"),
    rel("participates", "p7", "s4"),
    rel("participates", "o2", "s4"),
    rel("participates", "p8", "s6", role="facilitator"),
    rel("participates", "o1", "s6"),
    rel("participates", "o2", "s6"),
    rel("participates", "p10", "s7", role="facilitator"),
    rel("participates", "p9", "s7"),
    rel("participates", "o1", "s7"),
]


@pytest.fixture(scope="module")
def audit():
    return {r["space"]: r for r in space_audit(build(SPACES), as_of=DAY)}


def test_space_audit_order_and_flags(audit):
    rows = space_audit(build(SPACES), as_of=DAY)
    # Flagged first, then by id.
    assert [r["space"] for r in rows] == ["s1", "s2", "s4", "s5", "s6", "s7", "s3"]
    assert {s: r["issue_codes"] for s, r in audit.items()} == {
        "s1": ["facilitator_not_neutral"],
        "s2": ["facilitator_not_neutral"],
        "s3": [],
        "s4": ["single_structure"],
        "s5": ["no_structure"],
        "s6": ["facilitator_not_neutral"],
        "s7": ["single_structure"],
    }
    assert {s for s, r in audit.items() if r["flagged"]} == {"s1", "s2", "s4", "s5", "s6", "s7"}


def test_space_audit_record_fields(audit):
    s1 = audit["s1"]
    assert s1["name"] == "COPIL"
    assert s1["kind"] == "steering_committee" and s1["instituted"] is True
    assert s1["structures"] == ["o1", "o2"]
    assert s1["facilitators"] == ["p3"]
    assert s1["issues"] == ["facilitator not neutral"]
    assert s1["reasons"] == [
        "Personne 3 facilitates it but belongs to AMAP, which takes part",
        "2 structures attend or run it: AMAP and Mairie",
        "facilitated by Personne 3",
    ]
    assert audit["s2"]["reasons"][0] == (
        "Chambre facilitates it but also takes part as one of the structures"
    )
    assert audit["s2"]["structures"] == ["o2", "o3"]
    assert audit["s3"]["structures"] == ["n", "o1"]
    assert audit["s3"]["flagged"] is False and audit["s3"]["issues"] == []
    assert audit["s4"]["structures"] == ["o2"] and audit["s4"]["facilitators"] == []
    assert audit["s4"]["reasons"] == [
        "only one structure attends or runs it: Mairie",
        "no facilitator is recorded",
    ]
    assert audit["s5"]["structures"] == [] and audit["s5"]["instituted"] is False
    assert audit["s6"]["reasons"][0] == (
        "Personne 8 facilitates it but belongs to Mairie, which takes part"
    )
    # p9 is also a member of o2, but counts through its first organisation, o1.
    assert audit["s7"]["structures"] == ["o1"]
    assert audit["s7"]["facilitators"] == ["p10"]


def test_space_audit_in_time_and_in_french():
    G = build(SPACES)
    later = {r["space"]: r for r in space_audit(G, as_of=date(2026, 7, 1))}
    # p3 no longer facilitates s1: two structures, no flag.
    assert later["s1"]["flagged"] is False and later["s1"]["facilitators"] == []
    fr = {r["space"]: r for r in space_audit(G, as_of=DAY, lang="fr")}
    assert fr["s1"]["issues"] == ["animation non neutre"]
    assert fr["s1"]["reasons"][0] == "Personne 3 l'anime mais appartient à AMAP, qui y participe"
    assert fr["s4"]["reasons"] == [
        "une seule structure y participe ou l'anime : Mairie",
        "aucun animateur n'est renseigné",
    ]
    assert fr["s5"]["issues"] == ["aucune structure"]
    assert fr["s5"]["issue_codes"] == ["no_structure"]
