"""The sample maps shipped in ``data/`` follow the exchange format and hold their stories.

Two kinds of checks: every map loads through :func:`ecomap.ingest.read_map` with no
error and no warning; and, independently of the reader, the territory's CSV files are
read with the standard ``csv`` module and checked against the contract of DESIGN.md §2
(exact columns, unique ids, endpoint kinds from ``model.ENDPOINTS``, size, every type
present). The story checks restate, on the data alone, the situations the territory's
README promises each analysis will find (dates fixed at the map's date, 2026-11-22).
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from ecomap.graph import cooperation_graph, ecosystem_graph, to_graph
from ecomap.ingest import read_map
from ecomap.model import (
    COLUMNS,
    ENDPOINTS,
    Actor,
    ActorKind,
    Ecosystem,
    Engagement,
    Level,
    PowerType,
    RecordKind,
    Relation,
    RelationType,
    Space,
    Stake,
)

DATA = Path(__file__).resolve().parent.parent / "data"
TERRITORY = DATA / "territoire-vallee"
EXAMPLES = DATA / "examples"
EXAMPLE_NAMES = [
    "fragility",
    "counterweights",
    "brokerage",
    "stakes",
    "engagement",
    "health",
    "facilitation",
    "levels",
    "excel-fr",
]
#: The date the territory's map was drawn up; its README describes it on this day.
MAP_DATE = date(2026, 11, 22)
FILES = {
    RecordKind.ACTOR: "actors.csv",
    RecordKind.RELATION: "relations.csv",
    RecordKind.STAKE: "stakes.csv",
    RecordKind.SPACE: "spaces.csv",
}
MODELS = {RecordKind.ACTOR: Actor, RecordKind.STAKE: Stake, RecordKind.SPACE: Space}


def read_rows(folder: Path, kind: RecordKind) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of one UTF-8 CSV file, read without ecomap's reader."""
    with open(folder / FILES[kind], encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


@pytest.fixture(scope="module")
def territory() -> Ecosystem:
    eco, warnings = read_map(TERRITORY)
    assert warnings == []
    return eco


@pytest.fixture(scope="module")
def territory_graph(territory: Ecosystem) -> nx.MultiDiGraph:
    return to_graph(territory)


# --------------------------------------------------------------------- loading


def test_territory_loads_with_read_map(territory: Ecosystem) -> None:
    counts = territory.counts()
    assert counts["actors"] == 130
    assert counts["stakes"] == 12
    assert counts["spaces"] == 8
    assert counts["relations"] == 500


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_example_loads_with_read_map(name: str) -> None:
    eco, warnings = read_map(EXAMPLES / name)
    assert warnings == []
    assert 3 <= len(eco.actors) <= 10
    assert eco.relations


def test_every_example_folder_is_listed_and_documented() -> None:
    folders = sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir())
    assert folders == sorted(EXAMPLE_NAMES)
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for name in EXAMPLE_NAMES:
        assert f"## {name} " in readme


def test_excel_fr_is_the_fragility_map_as_french_excel_writes_it() -> None:
    for file in ("actors.csv", "relations.csv"):
        raw = (EXAMPLES / "excel-fr" / file).read_bytes()
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
        header = raw.decode("cp1252").splitlines()[0]
        assert ";" in header and "," not in header
        assert b"\r\n" in raw
    actors_header = (EXAMPLES / "excel-fr" / "actors.csv").read_bytes().decode("cp1252")
    assert actors_header.startswith("identifiant;nom;nature;niveau;catégorie")
    relations = (EXAMPLES / "excel-fr" / "relations.csv").read_bytes().decode("cp1252")
    for french in ("cible", "poids", "membre de", "coopère", "oui", "01/03/2021", "comité"):
        assert french in relations
    french_map, _ = read_map(EXAMPLES / "excel-fr")
    english_map, _ = read_map(EXAMPLES / "fragility")
    assert french_map == english_map
    assert french_map.actors["jardins"].influence == pytest.approx(1.5)


# ----------------------------------------------- the contract, without read_map


@pytest.fixture(scope="module")
def raw_territory() -> tuple[dict[RecordKind, list[dict[str, str]]], Ecosystem]:
    """Rows per file, and the records built directly with the model."""
    rows: dict[RecordKind, list[dict[str, str]]] = {}
    eco = Ecosystem()
    for kind in FILES:
        header, rows[kind] = read_rows(TERRITORY, kind)
        assert tuple(header) == COLUMNS[kind], FILES[kind]
    for kind, model in MODELS.items():
        for row in rows[kind]:
            eco.add(model.model_validate(row))
    for row in rows[RecordKind.RELATION]:
        eco.add(Relation.model_validate(row))
    return rows, eco


def test_node_ids_are_unique_across_actors_stakes_and_spaces(raw_territory) -> None:
    rows, _ = raw_territory
    ids = Counter(row["id"] for kind in MODELS for row in rows[kind])
    assert [i for i, n in ids.items() if n > 1] == []


def test_relation_ids_and_identities_are_unique(raw_territory) -> None:
    rows, eco = raw_territory
    assert len(eco.relations) == len(rows[RecordKind.RELATION])
    # Without their ids, only power relations of different types share a pair.
    natural = Counter(
        (Relation.model_validate({**row, "id": ""}).key, row["power_type"])
        for row in rows[RecordKind.RELATION]
    )
    assert [key for key, n in natural.items() if n > 1] == []


def test_every_relation_end_has_an_allowed_kind(raw_territory) -> None:
    _, eco = raw_territory
    wrong = []
    for relation in eco.relations.values():
        sources, targets = ENDPOINTS[relation.type]
        if eco.node_kind(relation.source) not in sources:
            wrong.append((relation.id, "source", relation.source))
        if eco.node_kind(relation.target) not in targets:
            wrong.append((relation.id, "target", relation.target))
    assert wrong == []


def test_size_and_coverage_of_the_territory(raw_territory) -> None:
    _, eco = raw_territory
    nodes = len(eco.actors) + len(eco.stakes) + len(eco.spaces)
    assert 80 <= nodes <= 200
    relations = list(eco.relations.values())
    assert {r.type for r in relations} == set(RelationType)
    assert {r.power_type for r in relations if r.type is RelationType.POWER} == set(PowerType)
    assert {a.level for a in eco.actors.values()} == set(Level)
    assert {a.kind for a in eco.actors.values()} == set(ActorKind)
    assert {a.engagement for a in eco.actors.values()} == set(Engagement)
    # Organisations carry coordinates inside Bourgogne-Franche-Comté.
    structures = [a for a in eco.actors.values() if a.kind is not ActorKind.PERSON]
    assert all(a.lat is not None and a.lon is not None for a in structures)
    assert all(46.1 < a.lat < 48.5 and 2.8 < a.lon < 7.2 for a in structures)


def test_the_territory_reads_the_same_with_and_without_read_map(
    raw_territory, territory: Ecosystem
) -> None:
    _, eco = raw_territory
    assert eco == territory


# ------------------------------------------------------------------ the stories


def test_relations_ended_in_2025_and_starting_in_2027(territory: Ecosystem) -> None:
    relations = territory.relations.values()
    ended = {(r.source, r.target) for r in relations if r.until and r.until.year == 2025}
    starting = {(r.source, r.target) for r in relations if r.since and r.since.year == 2027}
    assert ("mairie-saint-aubrin", "amap-pres") in ended
    assert ("lumen-robotique", "ecole-code") in starting
    assert all(not r.active(MAP_DATE) for r in relations if r.until and r.until.year == 2025)


def _ends(eco: Ecosystem, rtype: RelationType, *, target: str) -> set[str]:
    return {r.source for r in eco.relations.values() if r.type is rtype and r.target == target}


def test_the_solidarity_baskets_rest_on_emilie_alone(territory: Ecosystem) -> None:
    """AMAP ↔ centre social: every cross tie goes through Émilie, nothing institutes it."""
    amap = _ends(territory, RelationType.MEMBER_OF, target="amap-pres")
    social = _ends(territory, RelationType.MEMBER_OF, target="centre-social")
    assert amap & social == {"emilie-cretin"}
    cross = [
        {r.source, r.target}
        for r in territory.relations.values()
        if r.type is RelationType.COOPERATES
        and (
            ({r.source, r.target} & amap and {r.source, r.target} & (social | {"centre-social"}))
            or ({r.source, r.target} & social and "amap-pres" in (r.source, r.target))
        )
    ]
    assert cross and all("emilie-cretin" in tie for tie in cross)
    formal = [
        r
        for r in territory.relations.values()
        if r.type is RelationType.COOPERATES
        and {r.source, r.target} == {"amap-pres", "centre-social"}
        and r.formal
    ]
    assert formal == []
    for space in territory.spaces.values():
        attending = _ends(territory, RelationType.PARTICIPATES, target=space.id)
        both = attending & (amap | {"amap-pres"}) and attending & (social | {"centre-social"})
        assert not (space.instituted and both), space.id


def test_sales_team_has_no_driver_within_two_steps(territory_graph) -> None:
    H = ecosystem_graph(territory_graph, as_of=MAP_DATE)
    drivers = {n for n, d in territory_graph.nodes(data=True) if d.get("engagement") == "driver"}
    for follower in ("julien-cattin", "laura-michaud", "mehdi-haddad", "louis-meunier"):
        near = nx.single_source_shortest_path_length(H, follower, cutoff=2)
        assert drivers.isdisjoint(near), follower
    near = nx.single_source_shortest_path_length(H, "nadine-jeunot", cutoff=2)
    assert "claire-perrin" in drivers & set(near)


def test_helene_is_the_most_loaded_driver(territory: Ecosystem, territory_graph) -> None:
    """Load = cooperations + Σ frequency of the spaces attended / 12 (DESIGN §3)."""
    C = cooperation_graph(territory_graph, as_of=MAP_DATE)
    load = {}
    for actor in territory.actors.values():
        if actor.engagement is not Engagement.DRIVER:
            continue
        meetings = sum(
            territory.spaces[r.target].frequency or 0
            for r in territory.relations.values()
            if r.type is RelationType.PARTICIPATES and r.source == actor.id
        )
        load[actor.id] = C.degree(actor.id) + meetings / 12
    ranked = sorted(load, key=load.get, reverse=True)
    # 16 cooperations + (3 + 6 + 10 + 4) / 12 meetings.
    assert ranked[0] == "helene-cartier"
    assert load["helene-cartier"] == pytest.approx(16 + 23 / 12)
    assert load["helene-cartier"] > 1.5 * load[ranked[1]]


def test_olivier_prost_is_the_only_way_out_of_tfa(territory_graph) -> None:
    C = cooperation_graph(territory_graph, as_of=MAP_DATE)
    assert "olivier-prost" in set(nx.articulation_points(C))
    sales = nx.node_connected_component(C.subgraph(set(C) - {"olivier-prost"}), "julien-cattin")
    assert "helene-cartier" not in sales


def test_claire_perrin_bridges_levels(territory: Ecosystem, territory_graph) -> None:
    C = cooperation_graph(territory_graph, as_of=MAP_DATE)
    levels = {territory.actors[n].level for n in C["claire-perrin"]}
    assert {Level.MESO, Level.MACRO} <= levels
    assert territory.actors["claire-perrin"].level is Level.MICRO


def test_market_stakes_are_contested_with_a_latent_tension(territory: Ecosystem) -> None:
    stance = {
        (r.source, r.target): (r.stance, r.weight)
        for r in territory.relations.values()
        if r.type is RelationType.STAKE
    }
    tensions = {
        frozenset((r.source, r.target))
        for r in territory.relations.values()
        if r.type is RelationType.TENSION
    }
    for stake in ("marche-centre-bourg", "gamme-produits"):
        signs = {s > 0 for (_, k), (s, _) in stance.items() if k == stake and s != 0}
        assert signs == {True, False}, stake
    union, producers = (
        stance[("union-commerciale", "marche-centre-bourg")],
        stance[("collectif-producteurs", "marche-centre-bourg")],
    )
    assert union[0] * producers[0] < 0 and min(union[1], producers[1]) >= 2
    assert frozenset(("union-commerciale", "collectif-producteurs")) not in tensions
