"""Levels: counts, the cross-level tie matrix and the folded views (DESIGN.md §3, "Levels").

Expected values are hand counts: those of ``data/examples/README.md`` ("levels") for
the example map, and the comment above each hand-built map otherwise.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ecomap.analysis.levels import LEVELS, levels, levels_bridged
from ecomap.graph import to_graph
from ecomap.ingest import read_map
from ecomap.model import Actor, Ecosystem, Relation

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples"
DAY = date(2026, 3, 1)


@pytest.fixture(scope="module")
def example():
    eco, _ = read_map(EXAMPLES / "levels")
    return levels(to_graph(eco), as_of=DAY)


def ties_of(view):
    return {(t["source"], t["target"]): t for t in view["ties"]}


def test_counts_per_level(example):
    """4 micro (people), 3 meso (two services of the CC and a sawmill), 1 macro (the CC)."""
    assert example["counts"] == {"micro": 4, "meso": 3, "macro": 1}
    assert list(example["counts"]) == list(LEVELS)


def test_cross_level_matrix_is_symmetric(example):
    """Cooperations by level pair: micro–micro 4 (Amélie–Bruno, Amélie–Chloé, Bruno–Chloé,
    Chloé–David), meso–macro 1 (CC–Scierie), counted in both cells."""
    matrix = example["cross_level_ties"]
    assert matrix == {
        "micro": {"micro": 4, "meso": 0, "macro": 0},
        "meso": {"micro": 0, "meso": 0, "macro": 1},
        "macro": {"micro": 0, "meso": 1, "macro": 0},
    }
    assert example["cross_level_ties_by_type"]["cooperates"] == matrix
    assert example["cross_level_ties_by_type"]["power"]["macro"]["meso"] == 0


def test_meso_view(example):
    """People folded into their organisation: Service éco–Service PAT 1 cooperation
    (strength 2), Service éco–Scierie 1 (3), Service PAT–Scierie 1 (1), CC–Scierie 1
    (1), two part_of ties to the CC; 3 ties inside the Scierie (Chloé–David and two
    memberships), 1 inside each service (its member)."""
    meso = example["meso"]
    assert meso["nodes"] == 4 and meso["edges"] == 6
    ties = ties_of(meso)
    assert ties["service-eco", "service-pat"]["count"] == 1
    assert ties["service-eco", "service-pat"]["strength"] == 2.0
    assert ties["scierie", "service-eco"]["strength"] == 3.0
    assert ties["scierie", "service-pat"]["strength"] == 1.0
    assert ties["cc", "scierie"]["types"] == {"cooperates": {"count": 1, "strength": 1.0}}
    assert ties["cc", "service-eco"]["types"] == {"part_of": {"count": 1, "strength": 1.0}}
    assert ties["cc", "service-pat"]["types"] == {"part_of": {"count": 1, "strength": 1.0}}
    groups = {g["actor"]: g for g in meso["groups"]}
    assert groups["scierie"]["members"] == 3 and groups["scierie"]["internal_ties"] == 3
    assert groups["service-eco"]["internal_ties"] == 1
    assert meso["internal_ties"] == 5
    # Strongest first.
    assert meso["ties"][0]["source"] == "scierie" and meso["ties"][0]["strength"] == 3.0
    assert meso["ties"][0]["target_name"] == "Service économie (CC)"


def test_macro_view(example):
    """Services folded into the CC: one edge CC–Scierie with 3 cooperations, strength
    3 + 1 + 1 = 5; 5 ties inside the CC (two memberships, two part_of, Amélie–Bruno), 3
    inside the Scierie."""
    macro = example["macro"]
    assert macro["nodes"] == 2 and macro["edges"] == 1
    (tie,) = macro["ties"]
    assert (tie["source"], tie["target"], tie["count"], tie["strength"]) == (
        "cc",
        "scierie",
        3,
        5.0,
    )
    assert tie["types"] == {"cooperates": {"count": 3, "strength": 5.0}}
    groups = {g["actor"]: g for g in macro["groups"]}
    assert groups["cc"]["internal_ties"] == 5 and groups["cc"]["members"] == 5
    assert groups["scierie"]["internal_ties"] == 3


def test_cross_level_bridges_of_the_example(example):
    """Chloé (micro) cooperates with no other level; the CC (macro) with the Scierie (meso)."""
    bridges = {r["actor"]: r for r in example["cross_level_bridges"]}
    assert set(bridges) == {"cc", "scierie"}
    assert bridges["cc"]["levels_bridged"] == ["meso"]
    assert bridges["cc"]["partners"] == {"meso": 1}


def mixed_map():
    """Léa (micro) cooperates with Ferme (meso), Région (macro) and Marc (micro); the
    Région holds power over Léa; Ferme and Région are in tension until 2025-12-31."""
    eco = Ecosystem()
    eco.add(Actor(id="lea", name="Léa", kind="person"))
    eco.add(Actor(id="marc", name="Marc", kind="person"))
    eco.add(Actor(id="ferme", name="Ferme", kind="organisation"))
    eco.add(Actor(id="region", name="Région", kind="institution"))
    for partner in ("ferme", "region", "marc"):
        eco.add(Relation(source="lea", target=partner, type="cooperates"))
    eco.add(Relation(source="region", target="lea", type="power", power_type="economic"))
    eco.add(Relation(source="ferme", target="region", type="tension", until=date(2025, 12, 31)))
    return to_graph(eco)


def test_power_is_directed_in_its_own_matrix():
    """By hand on the mixed map: power Région → Léa is macro → micro only; the total
    matrix counts it in both cells, with the cooperation Léa–Région: micro–macro 2."""
    result = levels(mixed_map(), as_of=DAY)
    power = result["cross_level_ties_by_type"]["power"]
    assert power["macro"]["micro"] == 1 and power["micro"]["macro"] == 0
    total = result["cross_level_ties"]
    assert total["micro"]["macro"] == total["macro"]["micro"] == 2
    assert total["micro"]["micro"] == 1  # Léa–Marc
    assert total["micro"]["meso"] == 1 and total["meso"]["macro"] == 0


def test_time_filter_drops_ended_relations():
    """The Ferme–Région tension ended on 2025-12-31: counted in 2025, not in 2026."""
    before = levels(mixed_map(), as_of=date(2025, 6, 1))
    after = levels(mixed_map(), as_of=DAY)
    assert before["cross_level_ties_by_type"]["tension"]["meso"]["macro"] == 1
    assert after["cross_level_ties_by_type"]["tension"]["meso"]["macro"] == 0
    assert len(before["meso"]["ties"]) == len(after["meso"]["ties"]) + 1


def test_cross_level_bridges_with_reasons():
    result = levels(mixed_map(), as_of=DAY, lang="fr")
    first = result["cross_level_bridges"][0]
    assert first["actor"] == "lea"
    assert first["levels_bridged"] == ["meso", "macro"]
    assert first["reasons"] == ["Léa (micro) coopère avec 1 acteur méso et 1 acteur macro"]
    english = levels(mixed_map(), as_of=DAY)["cross_level_bridges"][0]
    assert english["reasons"] == ["Léa (micro) cooperates with 1 meso actor and 1 macro actor"]
    # Marc cooperates only with Léa, also micro: not a cross-level bridge.
    assert "marc" not in {r["actor"] for r in result["cross_level_bridges"]}


def test_levels_bridged_for_every_actor():
    assert levels_bridged(mixed_map(), as_of=DAY) == {
        "lea": ["meso", "macro"],
        "marc": [],
        "ferme": ["micro"],
        "region": ["micro"],
    }
