"""Engagement: drivers' load, followers far from drivers (DESIGN.md §3, "Engagement").

Expected values are hand computations: those of ``data/examples/README.md``
("engagement") for the example map, and the comment above each hand-built map otherwise.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ecomap.analysis.engagement import OVERLOAD_THRESHOLD, driver_load, engagement
from ecomap.graph import to_graph
from ecomap.ingest import read_map
from ecomap.model import Actor, Ecosystem, Relation, Space

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples"
DAY = date(2026, 3, 1)


@pytest.fixture(scope="module")
def example_graph():
    eco, _ = read_map(EXAMPLES / "engagement")
    return to_graph(eco)


def test_loads_of_the_example(example_graph):
    """Hélène: 6 cooperations + (45 + 12 + 6 + 4) / 12 = 11.58; Marc: 1 + 4/12 = 1.33."""
    result = engagement(example_graph, as_of=DAY)
    drivers = {r["actor"]: r for r in result["drivers"]}
    assert [r["actor"] for r in result["drivers"]] == ["helene", "marc"]
    assert drivers["helene"]["cooperations"] == 6
    assert drivers["helene"]["meetings_per_year"] == 67.0
    assert drivers["helene"]["load"] == pytest.approx(6 + 67 / 12)
    assert drivers["marc"]["load"] == pytest.approx(1 + 4 / 12)
    assert drivers["helene"]["spaces"] == ["copil", "gt-mutualisation", "point-equipe", "rex"]
    assert [r["actor"] for r in result["overloaded_drivers"]] == ["helene"]
    assert result["overload_threshold"] == OVERLOAD_THRESHOLD == 11.0


def test_followers_at_risk_of_the_example(example_graph):
    """Yves – Miellerie – Collectif – {Marc, Hélène}: 3 steps, Hélène first in map order.
    Nadine is a member of the Agence like Hélène and cooperates with her: not at risk."""
    result = engagement(example_graph, as_of=DAY)
    (yves,) = result["followers_at_risk"]
    assert yves["actor"] == "yves" and yves["distance"] == 3
    assert yves["nearest_driver"] == "helene"
    assert yves["reasons"] == [
        "Yves Jacquot is a follower with no driver within 2 steps in the ecosystem graph; "
        "the nearest driver, Hélène Cartier, is 3 steps away"
    ]
    assert engagement(example_graph, as_of=DAY, steps=3)["followers_at_risk"] == []


def test_threshold_is_a_parameter_and_strict(example_graph):
    loads = driver_load(example_graph, as_of=DAY)
    marc = loads["marc"]["load"]
    assert [r["actor"] for r in engagement(example_graph, as_of=DAY, overload_threshold=1)[
        "overloaded_drivers"]] == ["helene", "marc"]  # fmt: skip
    # Exactly at the threshold is not above it.
    at = engagement(example_graph, as_of=DAY, overload_threshold=marc)
    assert [r["actor"] for r in at["overloaded_drivers"]] == ["helene"]
    assert engagement(example_graph, as_of=DAY, overload_threshold=12)["overloaded_drivers"] == []


def test_french_reasons(example_graph):
    result = engagement(example_graph, as_of=DAY, lang="fr")
    helene = result["drivers"][0]
    assert helene["reasons"][0] == (
        "Hélène Cartier : 6 coopérations et 67 réunions par an dans 4 dispositifs → "
        "charge 11,58 (coopérations + réunions / 12)"
    )
    assert helene["reasons"][1].startswith("Au-dessus du seuil de surcharge (11)")
    marc = result["drivers"][1]
    assert marc["reasons"][0].startswith("Marc Jeannin : 1 coopération et 4 réunions par an")
    assert "1 dispositif →" in marc["reasons"][0]
    assert result["followers_at_risk"][0]["reasons"][0].startswith(
        "Yves Jacquot (engagement : suiveur) n'a aucun moteur à 2 pas ou moins"
    )


def small_map():
    """By hand.

    Drivers d (person, member of org o until 2025-12-31) and e (organisation).
    Followers f (member of o: 2 steps from d while the membership lasts), g (cooperates
    with nobody: unreachable), h (cooperates with e: 1 step).
    d cooperates with e twice (two recorded projects, ids p1 and p2) → 2 cooperations;
    d attends copil (6 a year) through two relations and gt (no frequency recorded):
    meetings 6 → load 2 + 6/12 = 2.5. e: 2 cooperations with d + 1 with h → load 3.
    """
    eco = Ecosystem()
    eco.add(Actor(id="d", name="Dora", kind="person", engagement="driver"))
    eco.add(Actor(id="e", name="Épicerie", kind="organisation", engagement="driver"))
    eco.add(Actor(id="o", name="Office", kind="organisation"))
    for follower in ("f", "g", "h"):
        eco.add(Actor(id=follower, name=follower.upper(), kind="person", engagement="follower"))
    eco.add(Space(id="copil", name="COPIL", frequency=6))
    eco.add(Space(id="gt", name="Groupe de travail"))
    eco.add(Relation(source="d", target="o", type="member_of", until=date(2025, 12, 31)))
    eco.add(Relation(source="f", target="o", type="member_of"))
    eco.add(Relation(id="p1", source="d", target="e", type="cooperates"))
    eco.add(Relation(id="p2", source="d", target="e", type="cooperates"))
    eco.add(Relation(source="e", target="h", type="cooperates"))
    eco.add(Relation(source="d", target="copil", type="participates"))
    eco.add(Relation(id="again", source="d", target="copil", type="participates"))
    eco.add(Relation(source="d", target="gt", type="participates"))
    return to_graph(eco)


def test_load_counts_relations_and_distinct_spaces():
    loads = driver_load(small_map(), as_of=DAY)
    assert loads["d"]["cooperations"] == 2
    assert loads["d"]["meetings_per_year"] == 6.0
    assert loads["d"]["spaces"] == ["copil", "gt"]
    assert loads["d"]["unknown_frequency"] == ["gt"]
    assert loads["d"]["load"] == pytest.approx(2.5)
    assert loads["e"]["load"] == pytest.approx(3.0)
    result = engagement(small_map(), as_of=DAY)
    dora = next(r for r in result["drivers"] if r["actor"] == "d")
    assert 'how often "Groupe de travail" meet is not recorded (counted as 0)' in dora["reasons"]


def test_unreachable_followers_come_first_and_dates_matter():
    """In 2025 Dora is still a member of the Office: f is 2 steps from her. In 2026 the
    membership has ended and f can reach no driver at all; g never could."""
    G = small_map()
    in_2025 = engagement(G, as_of=date(2025, 6, 1))
    assert [r["actor"] for r in in_2025["followers_at_risk"]] == ["g"]
    in_2026 = engagement(G, as_of=DAY)
    at_risk = in_2026["followers_at_risk"]
    assert [r["actor"] for r in at_risk] == ["f", "g"]
    assert all(r["distance"] is None and r["nearest_driver"] is None for r in at_risk)
    assert at_risk[0]["reasons"] == [
        "F is a follower and no driver can be reached from F through cooperation, "
        "membership or part-of ties"
    ]
    # h cooperates with the Épicerie, a driver: never at risk.
    assert "h" not in {r["actor"] for r in at_risk}


def test_ordering_puts_the_farthest_first():
    """A path d – a – b – c – x – y: followers c (3 steps), x (4 steps) and y (5)."""
    eco = Ecosystem()
    eco.add(Actor(id="d", name="D", kind="person", engagement="driver"))
    for i in "ab":
        eco.add(Actor(id=i, name=i.upper(), kind="person"))
    for i in "cxy":
        eco.add(Actor(id=i, name=i.upper(), kind="person", engagement="follower"))
    for u, v in ["da", "ab", "bc", "cx", "xy"]:
        eco.add(Relation(source=u, target=v, type="cooperates"))
    result = engagement(to_graph(eco), as_of=DAY)
    assert [(r["actor"], r["distance"]) for r in result["followers_at_risk"]] == [
        ("y", 5),
        ("x", 4),
        ("c", 3),
    ]
