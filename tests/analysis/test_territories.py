"""Ties inside and between territories, counted by hand on a six-actor map."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ecomap.analysis.territories import located, territories
from ecomap.graph import to_graph
from ecomap.model import Actor, Ecosystem, Relation

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "territoire-vallee"


def tiny_map() -> Ecosystem:
    """Nord: a, b, p (a person of a); Sud: c, d; e has no territory.

    Ties in force on 2026-01-01, counted by hand:
    - a–b cooperate twice (two relations, one pair) and are in tension: Nord inside,
      1 cooperating pair, 1 pair in tension;
    - p is a member of c (Sud): belonging, not counted;
    - a–c cooperate, b–d in tension: Nord–Sud, 1 cooperation and 1 tension;
    - c–d cooperation ended in 2020: not counted; Sud inside has nothing;
    - d–e cooperate: Sud–(no territory), 1 cooperation.
    """
    eco = Ecosystem()
    for record in (
        Actor(id="a", name="Mairie", kind="institution", territory="Nord", lat=47.0, lon=6.0),
        Actor(id="b", name="Asso", kind="organisation", territory="Nord", lat=47.1, lon=6.1),
        Actor(id="p", name="Paule", kind="person", territory="Nord"),
        Actor(id="c", name="Coop", kind="organisation", territory="Sud", lat=46.0),
        Actor(id="d", name="Ferme", kind="organisation", territory="Sud", lat=46.1, lon=6.2),
        Actor(id="e", name="Ecole", kind="organisation"),
        Relation(source="a", target="b", type="cooperates", weight=2),
        Relation(id="again", source="b", target="a", type="cooperates", weight=3),
        Relation(source="a", target="b", type="tension"),
        Relation(source="p", target="c", type="member_of"),
        Relation(source="a", target="c", type="cooperates"),
        Relation(source="b", target="d", type="tension"),
        Relation(source="c", target="d", type="cooperates", until="2020-12-31"),
        Relation(source="d", target="e", type="cooperates"),
    ):
        eco.add(record)
    return eco


@pytest.fixture
def result():
    return territories(to_graph(tiny_map()), as_of=date(2026, 1, 1), lang="en")


def test_ties_inside_each_territory(result):
    rows = {r["territory"]: r for r in result["territories"]}
    assert list(rows) == ["Nord", "Sud", None]
    assert (rows["Nord"]["actors"], rows["Nord"]["located"]) == (3, 2)
    assert (rows["Nord"]["cooperations"], rows["Nord"]["tensions"]) == (1, 1)
    assert (rows["Sud"]["actors"], rows["Sud"]["located"]) == (2, 1)
    assert (rows["Sud"]["cooperations"], rows["Sud"]["tensions"]) == (0, 0)
    assert (rows[None]["actors"], rows[None]["cooperations"]) == (1, 0)
    assert rows["Nord"]["reasons"] == [
        "Nord: 3 actors, 2 on the map; 1 cooperating pair and 1 pair in tension "
        "between its own actors"
    ]


def test_ties_between_territories(result):
    pairs = [(r["territory_a"], r["territory_b"], r["cooperations"], r["tensions"])
             for r in result["between"]]  # fmt: skip
    assert pairs == [("Nord", "Sud", 1, 1), ("Sud", None, 1, 0)]
    assert result["between"][1]["reasons"] == [
        "1 cooperating pair and 0 pairs in tension between actors of Sud and of no territory given"
    ]


def test_the_ended_cooperation_counts_on_its_day():
    """On 2020-06-01 c–d was in force: Sud has one cooperation inside."""
    found = territories(to_graph(tiny_map()), as_of=date(2020, 6, 1))
    sud = next(r for r in found["territories"] if r["territory"] == "Sud")
    assert sud["cooperations"] == 1


def test_actors_without_coordinates_say_why(result):
    missing = [(r["actor"], r["territory"], r["reason"]) for r in result["without_coordinates"]]
    assert missing == [
        ("c", "Sud", "only one of latitude and longitude"),
        ("e", None, "no latitude and longitude"),
        ("p", "Nord", "no latitude and longitude"),
    ]
    assert located(to_graph(tiny_map())) == {"a": (47.0, 6.0), "b": (47.1, 6.1), "d": (46.1, 6.2)}


def test_french_reasons():
    found = territories(to_graph(tiny_map()), as_of=date(2026, 1, 1), lang="fr")
    assert found["territories"][0]["reasons"] == [
        "Nord : 3 acteurs, dont 2 sur la carte ; 1 paire qui coopère et 1 paire en tension "
        "entre ses propres acteurs"
    ]


def test_the_sample_map_places_its_located_actors():
    """The sample ships coordinates for 54 of its actors (counted in actors.csv)."""
    from ecomap.ingest import read_map

    eco = read_map(SAMPLE)
    eco = eco[0] if isinstance(eco, tuple) else eco
    found = territories(to_graph(eco))
    assert sum(r["located"] for r in found["territories"]) == 54
    assert len(found["without_coordinates"]) == len(eco.actors) - 54
