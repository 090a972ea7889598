"""Differences between two maps, in data and in analysis results (hand-built changes)."""

from __future__ import annotations

from datetime import date

from ecomap.analysis.history import diff, diff_data
from ecomap.model import Actor, Ecosystem, Relation, Stake

DAY = date(2026, 6, 1)


def before_map() -> Ecosystem:
    eco = Ecosystem()
    for record in [
        Actor(id="A", name="Asso A", kind="organisation"),
        Actor(id="B", name="Asso B", kind="organisation"),
        Actor(id="C", name="Asso C", kind="organisation"),
        Actor(id="D", name="Asso D", kind="organisation"),
        Actor(id="p", name="Paul", kind="person"),
        Actor(id="q", name="Quentin", kind="person"),
        Actor(id="r", name="Rose", kind="person"),
        Actor(id="c1", name="Chloé", kind="person"),
        Actor(id="d1", name="Dan", kind="person"),
        Stake(id="s", name="Marché"),
        Relation(source="p", target="A", type="member_of"),
        Relation(source="q", target="B", type="member_of"),
        Relation(source="r", target="B", type="member_of"),
        Relation(source="c1", target="C", type="member_of"),
        Relation(source="d1", target="D", type="member_of"),
        # A–B rests on Paul alone (one cross tie p–q): bus factor 1, not instituted.
        Relation(source="p", target="q", type="cooperates"),
        Relation(source="A", target="s", type="stake", stance=1),
    ]:
        eco.add(record)
    return eco


def after_map() -> Ecosystem:
    eco = before_map()
    eco.add(Actor(id="A", name="Association A", kind="organisation"))  # renamed
    eco.add(Actor(id="p2", name="Pia", kind="person"))
    eco.add(Relation(source="p2", target="A", type="member_of"))
    # A second, independent cross tie p2–r: matching 2, so A–B is no longer fragile.
    eco.add(Relation(source="p2", target="r", type="cooperates"))
    # C–D now rests on Chloé alone: a new fragile link.
    eco.add(Relation(source="c1", target="d1", type="cooperates"))
    # B opposes A on the stake: the stake becomes contested; and a tension appears.
    eco.add(Relation(source="B", target="s", type="stake", stance=-2))
    eco.add(Relation(source="A", target="B", type="tension"))
    return eco


def test_data_diff_field_by_field():
    d = diff_data(before_map(), after_map())
    assert [r["id"] for r in d["actors"]["added"]] == ["p2"]
    assert d["actors"]["removed"] == []
    assert d["actors"]["changed"] == [{"key": "A", "fields": {"name": ["Asso A", "Association A"]}}]
    added_types = sorted(r["type"] for r in d["relations"]["added"])
    assert added_types == ["cooperates", "cooperates", "member_of", "stake", "tension"]
    assert d["stakes"] == {"added": [], "removed": [], "changed": []}


def test_reverse_diff_swaps_added_and_removed():
    forward = diff_data(before_map(), after_map())
    backward = diff_data(after_map(), before_map())
    assert forward["actors"]["added"] == backward["actors"]["removed"]
    assert forward["relations"]["added"] == backward["relations"]["removed"]


def test_analysis_deltas_fragile_link_appears_and_is_resolved():
    result = diff(before_map(), after_map(), as_of=DAY)
    fragile = result["analysis"]["fragile_links"]
    assert fragile["appeared"] == [["C", "D"]]
    assert fragile["resolved"] == [["A", "B"]]
    # Before, A–B's only cross tie was Paul–Quentin: both are in every tie, so both are
    # critical. After, A–B has two disjoint ties (nobody is in both) and C–D's only tie is
    # Chloé–Dan, who become critical.
    assert result["analysis"]["key_people"] == {"new": ["c1", "d1"], "gone": ["p", "q"]}
    assert result["analysis"]["tensions"]["new"] == [["A", "B"]]
    assert result["analysis"]["contested_stakes"]["new"] == ["s"]
    reasons = " | ".join(result["analysis"]["reasons"])
    assert "Asso C" in reasons and "Chloé" in reasons


def test_no_change_gives_empty_deltas_in_french():
    result = diff(before_map(), before_map(), as_of=DAY, lang="fr")
    assert result["analysis"]["reasons"] == []
    assert all(not any(part.values()) for part in result["data"].values())
    moved = diff(before_map(), after_map(), as_of=DAY, lang="fr")["analysis"]["reasons"]
    assert any("repose désormais sur une seule personne" in r for r in moved)
