"""Fragile links, key people and what-if departures (DESIGN.md §3, "Fragile links").

Every expected value below is worked out by hand from the definition; the comment
above each map shows the ties and the computation. Organisations are upper case
(A, B, ...), people lower case (a1 is a member of A, b1 of B, ...).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecomap.analysis.fragility import FORMAL_AGREEMENT, fragile_links, key_people, what_if
from ecomap.graph import to_graph
from ecomap.model import Actor, Ecosystem, Relation, Space

DAY = date(2026, 3, 1)


def org(i: str, kind: str = "organisation") -> Actor:
    return Actor(id=i, name=f"Org {i}", kind=kind)


def person(i: str) -> Actor:
    return Actor(id=i, name=f"P {i}", kind="person")


def member(p: str, o: str, **fields) -> Relation:
    return Relation(source=p, target=o, type="member_of", **fields)


def coop(a: str, b: str, **fields) -> Relation:
    return Relation(source=a, target=b, type="cooperates", **fields)


def build(*records):
    """A map graph from records; people and organisations are created from the ids used."""
    eco = Ecosystem()
    for r in records:
        if isinstance(r, Relation):
            for end in (r.source, r.target):
                if end not in eco.actors and end not in eco.spaces and not end.startswith("s_"):
                    eco.add(person(end) if end.islower() else org(end))
    for r in records:
        eco.add(r)
    return to_graph(eco)


def link(G, a: str, b: str, **options) -> dict:
    """The record of pair (a, b)."""
    found = [r for r in fragile_links(G, as_of=DAY, **options) if r["organisations"] == [a, b]]
    assert len(found) == 1, found
    return found[0]


# ---- bus factor -------------------------------------------------------------------


def test_two_ties_through_one_person_give_bus_factor_one():
    # a1–b1 and a1–b2: both ties contain a1, so a1 alone ends the link.
    # No forced people; residual graph a1–{b1, b2} has maximum matching 1 → bus factor 1.
    G = build(
        member("a1", "A"),
        member("b1", "B"),
        member("b2", "B"),
        coop("a1", "b1", weight=2),
        coop("a1", "b2", weight=3),
    )
    r = link(G, "A", "B")
    assert r["bus_factor"] == 1
    assert r["carriers"] == ["a1", "b1", "b2"]
    assert r["critical"] == ["a1"]
    assert r["fragile"] is True
    assert r["instituted"] is False and r["instituted_by"] == []
    assert r["strength"] == pytest.approx(3.0)  # the largest tie weight
    assert r["names"] == ["Org A", "Org B"]
    assert "the link ends if P a1 leaves" in r["reasons"]


def test_two_independent_people_give_bus_factor_two():
    # a1–b1 and a2–b2 share nobody: a matching of size 2, no one is critical.
    G = build(
        member("a1", "A"),
        member("a2", "A"),
        member("b1", "B"),
        member("b2", "B"),
        coop("a1", "b1"),
        coop("a2", "b2"),
    )
    r = link(G, "A", "B")
    assert r["bus_factor"] == 2
    assert r["critical"] == []
    assert r["fragile"] is False
    assert "2 people must leave to end this link" in r["reasons"]


def test_bus_factor_is_a_minimum_vertex_cover_not_a_count_of_people():
    # Ties a1–b1, a2–b1, a3–b1, a1–b2: three A-side and two B-side people, yet
    # {a1, b1} covers every tie; König: maximum matching {a1–b2, a2–b1} has size 2.
    G = build(
        *(member(p, "A") for p in ("a1", "a2", "a3")),
        *(member(p, "B") for p in ("b1", "b2")),
        coop("a1", "b1"),
        coop("a2", "b1"),
        coop("a3", "b1"),
        coop("a1", "b2"),
    )
    r = link(G, "A", "B")
    assert r["bus_factor"] == 2
    assert r["carriers"] == ["a1", "a2", "a3", "b1", "b2"]
    assert r["critical"] == []


def test_a_member_of_both_organisations_is_forced():
    # x belongs to A and B: a tie with themselves, only x's departure removes it.
    # Alone: bus factor 1 (x critical). With an independent a1–b1 tie as well:
    # forced 1 + matching of {a1–b1} 1 = 2.
    alone = build(member("x", "A"), member("x", "B"))
    r = link(alone, "A", "B")
    assert (r["bus_factor"], r["critical"], r["carriers"]) == (1, ["x"], ["x"])
    assert r["strength"] == pytest.approx(1.0)
    assert "P x is a member of both Org A and Org B" in r["reasons"]

    more = build(
        member("x", "A"), member("x", "B"), member("a1", "A"), member("b1", "B"), coop("a1", "b1")
    )
    r = link(more, "A", "B")
    assert (r["bus_factor"], r["critical"]) == (2, [])


def test_forced_person_covers_their_person_ties():
    # x is in A and B and cooperates with b1 (of B): the tie x–b1 counts for (A, B)
    # but x's forced departure removes it too → bus factor 1, x alone is critical
    # (b1 is not: the tie of x with themselves does not contain b1).
    G = build(member("x", "A"), member("x", "B"), member("b1", "B"), coop("x", "b1"))
    r = link(G, "A", "B")
    assert (r["bus_factor"], r["critical"], r["carriers"]) == (1, ["x"], ["b1", "x"])


def test_a_tie_to_the_other_organisation_itself_is_forced():
    # a1 (of A) cooperates with B itself: a1 is forced. Adding a2–b1 (independent)
    # gives forced 1 + matching 1 = 2; adding a1–b1 instead gives 1 (a1 covers it).
    G = build(
        member("a1", "A"), member("a2", "A"), member("b1", "B"), coop("a1", "B"), coop("a2", "b1")
    )
    r = link(G, "A", "B")
    assert r["bus_factor"] == 2
    assert "P a1 (Org A) cooperates directly with Org B" in r["reasons"]

    G = build(member("a1", "A"), member("b1", "B"), coop("a1", "B", weight=2), coop("a1", "b1"))
    r = link(G, "A", "B")
    assert (r["bus_factor"], r["critical"]) == (1, ["a1"])
    assert r["strength"] == pytest.approx(2.0)


def test_a_tie_to_the_other_organisation_from_its_side_is_forced_too():
    # b1 (of B) cooperates with A: the pair is (A, B) with b1 forced → 1.
    G = build(member("b1", "B"), coop("A", "b1"))
    r = link(G, "A", "B")
    assert (r["bus_factor"], r["critical"]) == (1, ["b1"])


def test_org_level_cooperation_only_is_a_blind_spot():
    # A and B declare a cooperation, nobody named carries it: bus factor 0, not fragile.
    G = build(coop("A", "B", weight=2))
    r = link(G, "A", "B")
    assert r["bus_factor"] == 0
    assert r["carriers"] == [] and r["critical"] == []
    assert r["fragile"] is False
    assert r["strength"] == pytest.approx(2.0)
    assert "no named person carries this link" in r["reasons"]


def test_person_ties_inside_one_organisation_are_not_cross_ties():
    # a1 and a2 both in A cooperate: no pair of organisations is concerned.
    G = build(member("a1", "A"), member("a2", "A"), coop("a1", "a2"))
    assert fragile_links(G, as_of=DAY) == []


def test_a_person_in_several_organisations_links_each_pair():
    # p in A and C cooperates with b1 in B: cross ties for (A, B) and (B, C) through
    # p–b1, and p's double membership makes (A, C) a forced link.
    G = build(member("p", "A"), member("p", "C"), member("b1", "B"), coop("p", "b1"))
    pairs = {tuple(r["organisations"]): r for r in fragile_links(G, as_of=DAY)}
    assert set(pairs) == {("A", "B"), ("B", "C"), ("A", "C")}
    assert pairs[("A", "B")]["critical"] == ["b1", "p"]
    assert pairs[("A", "C")]["critical"] == ["p"]


# ---- instituted links -------------------------------------------------------------


def test_a_formal_agreement_makes_a_bus_factor_one_link_not_fragile():
    G = build(member("a1", "A"), member("b1", "B"), coop("a1", "b1"), coop("A", "B", formal=True))
    r = link(G, "A", "B")
    assert r["bus_factor"] == 1  # the org-level agreement carries no person
    assert r["instituted"] is True
    assert r["instituted_by"] == [FORMAL_AGREEMENT]
    assert r["fragile"] is False
    assert "instituted by a formal agreement" in r["reasons"]


def test_an_instituted_shared_space_makes_the_link_not_fragile():
    # a1 (of A) and B itself take part in the instituted steering committee s_copil;
    # the working group s_wg is not instituted and institutes nothing.
    def space_map(instituted: bool):
        eco = Ecosystem()
        for i in ("A", "B"):
            eco.add(org(i))
        for p in ("a1", "b1"):
            eco.add(person(p))
        eco.add(Space(id="s_copil", name="COPIL", kind="steering_committee", instituted=instituted))
        for r in (
            member("a1", "A"),
            member("b1", "B"),
            coop("a1", "b1"),
            Relation(source="a1", target="s_copil", type="participates"),
            Relation(source="B", target="s_copil", type="participates"),
        ):
            eco.add(r)
        return to_graph(eco)

    r = link(space_map(True), "A", "B")
    assert r["instituted_by"] == ["s_copil"]
    assert r["fragile"] is False
    assert "instituted by the space 'COPIL'" in r["reasons"]

    r = link(space_map(False), "A", "B")
    assert r["instituted"] is False and r["fragile"] is True


def test_only_one_side_in_the_space_does_not_institute():
    eco = Ecosystem()
    for a in (org("A"), org("B"), person("a1"), person("b1")):
        eco.add(a)
    eco.add(Space(id="s_copil", name="COPIL", instituted=True))
    for r in (
        member("a1", "A"),
        member("b1", "B"),
        coop("a1", "b1"),
        Relation(source="a1", target="s_copil", type="participates"),
    ):
        eco.add(r)
    r = link(to_graph(eco), "A", "B")
    assert r["instituted"] is False and r["fragile"] is True


# ---- ordering, time, language -----------------------------------------------------


def test_links_sorted_fragile_first_then_bus_factor_then_ids():
    # (C, D): bus 2, not fragile; (A, B): bus 0 (declared); (E, F) and (A, C): fragile.
    G = build(
        coop("A", "B"),
        member("c1", "C"),
        member("c2", "C"),
        member("d1", "D"),
        member("d2", "D"),
        coop("c1", "d1"),
        coop("c2", "d2"),
        member("e1", "E"),
        coop("e1", "F"),
        member("a1", "A"),
        coop("a1", "C"),
    )
    order = [tuple(r["organisations"]) for r in fragile_links(G, as_of=DAY)]
    assert order == [("A", "C"), ("E", "F"), ("A", "B"), ("C", "D")]


def test_expired_relations_are_ignored():
    # a1 left A at the end of 2025 and the a2–b1 cooperation ended too: on 1 March
    # 2026 only a3–b1 remains; on 1 June 2025 all three ties hold (bus factor 2:
    # {a1, a2, a3}–b1 and a1–b2 → matching a1–b2, a2–b1).
    G = build(
        member("a1", "A", until=date(2025, 12, 31)),
        member("a2", "A"),
        member("a3", "A"),
        member("b1", "B"),
        member("b2", "B"),
        coop("a1", "b2"),
        coop("a2", "b1", until=date(2026, 1, 15)),
        coop("a3", "b1"),
        coop("a1", "b1"),
    )
    now = link(G, "A", "B")
    assert (now["bus_factor"], now["carriers"]) == (1, ["a3", "b1"])
    [before] = fragile_links(G, as_of=date(2025, 6, 1))
    assert before["bus_factor"] == 2
    # A relation that starts after the analysis date is ignored too.
    later = build(member("a1", "A"), member("b1", "B"), coop("a1", "b1", since=date(2026, 6, 1)))
    assert fragile_links(later, as_of=DAY) == []


def test_french_reasons_are_complete_and_differ():
    G = build(member("a1", "A"), member("b1", "B"), coop("a1", "b1"), coop("C", "D"))
    en = {tuple(r["organisations"]): r["reasons"] for r in fragile_links(G, as_of=DAY)}
    fr = {tuple(r["organisations"]): r["reasons"] for r in fragile_links(G, as_of=DAY, lang="fr")}
    assert "fragile : un seul départ y met fin et rien ne l'institue" in fr[("A", "B")]
    assert "aucune personne nommée ne porte ce lien" in fr[("C", "D")]
    eco = Ecosystem()
    eco.add(Actor(id="A", name="AMAP", kind="organisation"))
    eco.add(Actor(id="E", name="École", kind="organisation"))
    eco.add(Actor(id="M", name="Mairie", kind="institution"))
    eco.add(Actor(id="x", name="Léa", kind="person"))
    for o in ("A", "E", "M"):
        eco.add(member("x", o))
    said = {
        tuple(r["organisations"]): r["reasons"]
        for r in fragile_links(to_graph(eco), as_of=DAY, lang="fr")
    }
    # French elides "de" before a vowel: "d'AMAP", "de Mairie".
    assert "Léa est membre à la fois d'AMAP et d'École" in said[("A", "E")]
    assert "Léa est membre à la fois d'AMAP et de Mairie" in said[("A", "M")]
    for pair in en:
        assert len(en[pair]) == len(fr[pair])
        assert all(e != f for e, f in zip(en[pair], fr[pair], strict=True))


# ---- key people -------------------------------------------------------------------


def test_key_people_sorted_by_links_lost_then_weight_then_id():
    # p (of P) cooperates with A, B and C itself: critical to (A,P), (B,P), (C,P)
    #   → 3 links, weight 1 + 1 + 1 = 3.
    # q (of Q) cooperates with D (weight 3) and E (weight 2): 2 links, weight 5.
    # r (of R) with F (weight 2) and s (of S) with G (weight 2): 1 link each, weight 2,
    #   tie broken by id: r before s.
    # t (of T) cooperates with u (of U): t and u are both critical to (T, U), weight 1.
    G = build(
        member("p", "P"),
        coop("p", "A"),
        coop("p", "B"),
        coop("p", "C"),
        member("q", "Q"),
        coop("q", "D", weight=3),
        coop("q", "E", weight=2),
        member("r", "R"),
        coop("r", "F", weight=2),
        member("s", "S"),
        coop("s", "G", weight=2),
        member("t", "T"),
        member("u", "U"),
        coop("t", "u"),
    )
    rows = key_people(G, as_of=DAY)
    assert [(k["person"], k["links_lost"], k["weight"]) for k in rows] == [
        ("p", 3, 3.0),
        ("q", 2, 5.0),
        ("r", 1, 2.0),
        ("s", 1, 2.0),
        ("t", 1, 1.0),
        ("u", 1, 1.0),
    ]
    assert rows[1]["links"] == [["D", "Q"], ["E", "Q"]]
    assert rows[1]["reasons"][0] == "the link between Org D and Org Q ends if P q leaves"
    # The records of fragile_links can be passed in instead of recomputed.
    assert key_people(G, as_of=DAY, links=fragile_links(G, as_of=DAY)) == rows


def test_key_people_include_critical_people_of_instituted_links():
    # A formal agreement makes the link not fragile, but a1 still ends its person ties.
    G = build(member("a1", "A"), coop("a1", "B"), coop("A", "B", formal=True))
    [row] = key_people(G, as_of=DAY, lang="fr")
    assert (row["person"], row["links"]) == ("a1", [["A", "B"]])
    assert row["reasons"] == ["le lien entre Org A et Org B s'arrête si P a1 part"]


# ---- what-if ----------------------------------------------------------------------


def what_if_map():
    """Two groups.

    Group 1: a1 in A cooperates with B itself → ecosystem graph A – a1 – B.
    Group 2: c1, c2 in C; d1, d2 in D; c1–d1 and c2–d2 (bus factor 2); C and D
    also cooperate at organisation level; c2's membership ends on 2026-05-31.
    """
    return build(
        member("a1", "A"),
        coop("a1", "B"),
        member("c1", "C"),
        member("c2", "C", until=date(2026, 5, 31)),
        member("d1", "D"),
        member("d2", "D"),
        coop("c1", "d1"),
        coop("c2", "d2"),
        coop("C", "D"),
    )


def test_what_if_a_link_ends_actors_are_isolated_and_a_component_splits():
    out = what_if(what_if_map(), ["a1"], as_of=DAY)
    # Every (A, B) tie went through a1.
    assert out["leaving"] == ["a1"]
    assert out["links_ended"] == [["A", "B"]]
    assert out["links_weakened"] == []
    # A's and B's only neighbour in the ecosystem graph was a1.
    assert out["isolated"] == ["A", "B"]
    # {A, a1, B} without a1 falls into {A} and {B}.
    assert out["components_split"] == [{"before": ["A", "B", "a1"], "after": [["A"], ["B"]]}]
    assert "the link between Org A and Org B ends: every tie went through P a1" in out["reasons"]
    assert "a group of 3 actors splits into 2" in out["reasons"]


def test_what_if_one_of_two_carriers_leaves_weakens_the_link():
    # c1 leaves: c2–d2 remains → bus factor 2 → 1, nothing ends, nothing splits
    # (C and D still cooperate directly), d1 keeps its membership of D.
    out = what_if(what_if_map(), ["c1"], as_of=DAY)
    assert out["links_ended"] == []
    assert out["links_weakened"] == [["C", "D"]]
    assert out["isolated"] == []
    assert out["components_split"] == []
    assert "the link between Org C and Org D weakens: bus factor 2 → 1" in out["reasons"]


def test_what_if_both_carriers_leave_the_declared_cooperation_remains_unnamed():
    out = what_if(what_if_map(), ["c1", "c2"], as_of=DAY)
    assert out["links_ended"] == [["C", "D"]]
    assert any("declared cooperation" in r for r in out["reasons"])
    assert out["isolated"] == []  # C and D still cooperate


def test_what_if_memberships_ending_within_months():
    # c2's membership ends on 2026-05-31: within 3 months of 2026-03-01 (horizon
    # 2026-06-01), not within 2 months (horizon 2026-05-01).
    G = what_if_map()
    out = what_if(G, months=3, as_of=DAY)
    assert out["leaving"] == ["c2"]
    assert out["links_weakened"] == [["C", "D"]]
    assert "P c2 leaves Org C on 2026-05-31" in out["reasons"]
    assert what_if(G, months=2, as_of=DAY)["leaving"] == []
    fr = what_if(G, months=3, as_of=DAY, lang="fr")
    assert "P c2 quitte Org C le 31/05/2026" in fr["reasons"]
    # Given ids and the automatic ones add up.
    assert what_if(G, ["a1"], months=3, as_of=DAY)["leaving"] == ["a1", "c2"]


def test_what_if_takes_a_single_id_as_one_person():
    assert what_if(what_if_map(), "a1", as_of=DAY)["links_ended"] == [["A", "B"]]


def test_what_if_rejects_unknown_people_and_organisations():
    G = what_if_map()
    with pytest.raises(ValueError, match="'nobody', 'A'|'A', 'nobody'"):
        what_if(G, ["a1", "nobody", "A"], as_of=DAY)
    with pytest.raises(ValueError, match="months"):
        what_if(G, months=-1, as_of=DAY)


def test_what_if_nobody_leaves_changes_nothing():
    out = what_if(what_if_map(), as_of=DAY)
    assert out == {
        "leaving": [],
        "links_ended": [],
        "links_weakened": [],
        "isolated": [],
        "components_split": [],
        "reasons": [],
    }


# ---- properties on random small maps ---------------------------------------------

ORGS = ("A", "B", "C")
PEOPLE = ("p1", "p2", "p3", "p4", "p5")
MEMBERSHIPS = [(p, o) for p in PEOPLE for o in ORGS]
COOPERATIONS = [(a, b) for i, a in enumerate(ORGS + PEOPLE) for b in (ORGS + PEOPLE)[i + 1 :]]


def random_map(memberships, cooperations) -> Ecosystem:
    eco = Ecosystem()
    for o in ORGS:
        eco.add(org(o))
    for p in PEOPLE:
        eco.add(person(p))
    for p, o in memberships:
        eco.add(member(p, o))
    for a, b in cooperations:
        eco.add(coop(a, b))
    return eco


def brute_force(eco: Ecosystem) -> dict[tuple[str, str], dict]:
    """Bus factor and critical people straight from the definition, by enumeration.

    Cross ties are listed as the set of people each one names; the bus factor is the
    size of the smallest set of people meeting every tie, found by trying every
    subset of the carriers, smallest first.
    """
    from itertools import combinations

    orgs_of = defaultdict(set)
    for r in eco.relations.values():
        if r.type == "member_of":
            orgs_of[r.source].add(r.target)
    ties = defaultdict(list)
    for p, orgs in orgs_of.items():
        for a in orgs:
            for b in orgs:
                if a < b:
                    ties[a, b].append({p})
    for r in eco.relations.values():
        if r.type != "cooperates":
            continue
        u, v = r.source, r.target
        person_u, person_v = u in PEOPLE, v in PEOPLE
        if person_u and person_v:
            for a in orgs_of[u]:
                for b in orgs_of[v]:
                    if a != b:
                        ties[tuple(sorted((a, b)))].append({u, v})
        elif person_u or person_v:
            p, o = (u, v) if person_u else (v, u)
            for a in orgs_of[p] - {o}:
                ties[tuple(sorted((a, o)))].append({p})
    result = {}
    for pair, pair_ties in ties.items():
        carriers = sorted(set().union(*pair_ties))
        bus = next(
            k
            for k in range(len(carriers) + 1)
            for chosen in combinations(carriers, k)
            if all(t & set(chosen) for t in pair_ties)
        )
        critical = sorted(set.intersection(*pair_ties))
        result[pair] = {"bus_factor": bus, "critical": critical, "carriers": carriers}
    return result


memberships_st = st.sets(st.sampled_from(MEMBERSHIPS), max_size=8)
cooperations_st = st.sets(st.sampled_from(COOPERATIONS), max_size=10)


@settings(max_examples=80)
@given(memberships_st, cooperations_st)
def test_bus_factor_equals_the_smallest_set_of_departures(memberships, cooperations):
    eco = random_map(memberships, cooperations)
    expected = brute_force(eco)
    got = {
        tuple(r["organisations"]): r
        for r in fragile_links(to_graph(eco), as_of=DAY)
        if r["carriers"]
    }
    assert set(got) == set(expected)
    for pair, want in expected.items():
        assert got[pair]["bus_factor"] == want["bus_factor"], pair
        assert got[pair]["critical"] == want["critical"], pair
        assert got[pair]["carriers"] == want["carriers"], pair


@settings(max_examples=60)
@given(memberships_st, cooperations_st, st.sets(st.sampled_from(PEOPLE), min_size=1, max_size=3))
def test_what_if_agrees_with_the_map_without_the_people_who_leave(
    memberships, cooperations, leaving
):
    eco = random_map(memberships, cooperations)
    before = brute_force(eco)
    rest = random_map(
        [m for m in memberships if m[0] not in leaving],
        [c for c in cooperations if not leaving & set(c)],
    )
    after = brute_force(rest)
    out = what_if(to_graph(eco), sorted(leaving), as_of=DAY)
    assert out["links_ended"] == [list(p) for p in sorted(before) if p not in after]
    assert out["links_weakened"] == [
        list(p)
        for p in sorted(before)
        if p in after and after[p]["bus_factor"] < before[p]["bus_factor"]
    ]
