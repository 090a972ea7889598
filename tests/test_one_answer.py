"""One map, one answer: the analyses do not depend on the order of rows, columns or stores.

DESIGN.md §2: the order of rows in a file or a store carries no meaning, and every
result is the same whatever the order of the rows and whatever the store. The sample
territory and shuffled copies of it (rows of every file and the order of their
columns, from seeded generators) are read from files, imported into SQLite and into
the Neo4j store (its statements played on the in-memory model of
``tests/store/test_neo4j.py``, which hands records back in another order, as a
server may), and ``ecomap analyse --format json`` must print the same bytes for all.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import random
from datetime import date
from pathlib import Path

import pytest

import ecomap.store
from ecomap.analysis import analyse
from ecomap.cli import main
from ecomap.graph import fold, home_organisation, home_organisations, to_graph
from ecomap.model import Actor, Ecosystem, Relation

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "territoire-vallee"
AS_OF = "2026-06-01"
SEEDS = (1, 2, 3)
URI = "bolt://order.example.org:7687"


def _neo4j_fakes():
    """The fake driver and statement model of the Neo4j store's own tests."""
    spec = importlib.util.spec_from_file_location(
        "ecomap_neo4j_fakes", ROOT / "tests" / "store" / "test_neo4j.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def shuffled_copy(source: Path, target: Path, seed: int) -> Path:
    """A copy of a CSV map with the rows and the columns of every file in a random order."""
    rng = random.Random(seed)
    target.mkdir()
    for path in sorted(source.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as f:
            header, *rows = list(csv.reader(f))
        columns = list(range(len(header)))
        rng.shuffle(columns)
        rng.shuffle(rows)
        with (target / path.name).open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow([header[i] for i in columns])
            writer.writerows([row[i] for i in columns] for row in rows)
    return target


def analysed(capsys, *args: str) -> str:
    """What ``ecomap analyse --format json`` prints, run in this process."""
    capsys.readouterr()
    code = main(["analyse", *args, "--format", "json", "--as-of", AS_OF])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def imported(capsys, folder: Path, store: str, *options: str) -> None:
    capsys.readouterr()
    code = main(["import", str(folder), "--store", store, *options])
    _, err = capsys.readouterr()
    assert code == 0, err


@pytest.fixture
def reference(capsys) -> str:
    return analysed(capsys, str(SAMPLE))


@pytest.fixture
def neo4j_uri(monkeypatch):
    """``bolt://`` store specs open the Neo4j store on a fake driver that keeps its graph,
    and whose model returns every loaded record list in a shuffled order."""
    fakes = _neo4j_fakes()
    rng = random.Random(7)

    class ReorderingModel(fakes.GraphModel):
        def _load(self, label):
            rows = super()._load(label)
            rng.shuffle(rows)
            return rows

        def load_relations(self, variant):
            rows = super().load_relations(variant)
            rng.shuffle(rows)
            return rows

    driver = fakes.FakeDriver()
    driver.graph = ReorderingModel()
    opened = ecomap.store.open_store

    def open_store(spec=None, **options):
        if spec == URI:
            from ecomap.store.neo4j import Neo4jStore

            return Neo4jStore(URI, user="ann", password="pw", driver=driver)
        return opened(spec, **options)

    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.delenv("ECOMAP_STORE", raising=False)
    monkeypatch.setattr(ecomap.store, "open_store", open_store)
    return URI


def test_the_sample_document_is_not_trivial(reference):
    document = json.loads(reference)
    assert document["summary"]["actors"] == 130
    assert any(sum(r["brokerage"].values()) for r in document["bridges"])
    assert document["levels"]["meso"]["edges"] > 0


@pytest.mark.parametrize("seed", SEEDS)
def test_shuffled_files_give_the_same_document(capsys, tmp_path, reference, seed):
    folder = shuffled_copy(SAMPLE, tmp_path / f"shuffled-{seed}", seed)
    assert (folder / "relations.csv").read_bytes() != (SAMPLE / "relations.csv").read_bytes()
    assert analysed(capsys, str(folder)) == reference


@pytest.mark.parametrize("seed", SEEDS)
def test_shuffled_files_through_sqlite_give_the_same_document(capsys, tmp_path, reference, seed):
    folder = shuffled_copy(SAMPLE, tmp_path / f"shuffled-{seed}", seed)
    db = str(tmp_path / "map.db")
    imported(capsys, folder, db)
    assert analysed(capsys, "--store", db) == reference


@pytest.mark.parametrize("seed", SEEDS)
def test_shuffled_files_through_neo4j_give_the_same_document(
    capsys, tmp_path, reference, neo4j_uri, seed
):
    """Imported after another map, then replacing it, as a shared server would hold it."""
    imported(capsys, ROOT / "data" / "examples" / "brokerage", neo4j_uri)
    folder = shuffled_copy(SAMPLE, tmp_path / f"shuffled-{seed}", seed)
    imported(capsys, folder, neo4j_uri, "--replace")
    assert analysed(capsys, "--store", neo4j_uri) == reference


def test_the_french_document_does_not_depend_on_order_either(capsys, tmp_path):
    folder = shuffled_copy(SAMPLE, tmp_path / "shuffled", 11)
    words = ("--lang", "fr")
    assert analysed(capsys, str(folder), *words) == analysed(capsys, str(SAMPLE), *words)


# -- the home organisation (DESIGN.md §2) -----------------------------------------------
DAY = date(2026, 6, 1)
MEMBERSHIPS = [
    # (person, organisation, since, until)
    ("ana", "zeta", None, None),  # a missing since counts as earliest...
    ("ana", "alpha", "2019-01-01", None),
    ("ben", "zeta", "2021-03-01", None),  # ...else the earliest since wins,
    ("ben", "alpha", "2022-01-01", None),
    ("cleo", "zeta", "2020-01-01", None),  # ties broken by the organisation's id,
    ("cleo", "mu", "2020-01-01", None),
    ("dan", "alpha", "2010-01-01", "2025-12-31"),  # an ended membership is ignored,
    ("dan", "zeta", "2024-01-01", None),
    ("eve", "alpha", "2027-01-01", None),  # and so is one not started yet.
    ("eve", "zeta", "2026-01-01", None),
    ("fay", "alpha", None, None),  # two undated memberships: by id.
    ("fay", "mu", None, None),
]
HOMES = {"ana": "zeta", "ben": "zeta", "cleo": "mu", "dan": "zeta", "eve": "zeta", "fay": "alpha"}


def membership_map(order: list[int]) -> Ecosystem:
    eco = Ecosystem()
    for person in sorted({p for p, *_ in MEMBERSHIPS}):
        eco.add(Actor(id=person, name=person.title(), kind="person"))
    for org in ("alpha", "mu", "zeta"):
        eco.add(Actor(id=org, name=org.upper(), kind="organisation"))
    for i in order:
        person, org, since, until = MEMBERSHIPS[i]
        eco.add(Relation(source=person, target=org, type="member_of", since=since, until=until))
    return eco


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_home_organisation_follows_the_rule_in_any_order(seed):
    order = list(range(len(MEMBERSHIPS)))
    if seed is None:
        order.reverse()
    else:
        random.Random(seed).shuffle(order)
    eco = membership_map(order)
    assert home_organisation(to_graph(eco), as_of=DAY) == HOMES
    assert home_organisations(eco, as_of=DAY) == HOMES


def test_people_fold_into_their_home_organisation():
    folded = fold(to_graph(membership_map(list(range(len(MEMBERSHIPS))))), "meso", as_of=DAY)
    members = {node: sorted(data["members"]) for node, data in folded.nodes(data=True)}
    assert members == {
        "alpha": ["alpha", "fay"],
        "mu": ["cleo", "mu"],
        "zeta": ["ana", "ben", "dan", "eve", "zeta"],
    }


def test_a_membership_that_ended_leaves_no_home():
    eco = membership_map([6])  # dan, alpha, until 2025-12-31
    assert home_organisation(to_graph(eco), as_of=DAY) == {}
    assert home_organisation(to_graph(eco), as_of=date(2025, 6, 1)) == {"dan": "alpha"}


def test_an_organisation_part_of_several_folds_by_the_same_rule():
    """Macro folding follows one part_of per structure: earliest since, then id."""

    def made(order):
        eco = Ecosystem()
        eco.add(Actor(id="ferme", name="Ferme", kind="organisation"))
        for inst in ("cc-nord", "cc-sud"):
            eco.add(Actor(id=inst, name=inst, kind="institution"))
        for inst in order:
            eco.add(Relation(source="ferme", target=inst, type="part_of"))
        return eco

    for order in (["cc-nord", "cc-sud"], ["cc-sud", "cc-nord"]):
        G = to_graph(made(order))
        macro = fold(G, "macro", as_of=DAY)
        assert sorted(macro.nodes["cc-nord"]["members"]) == ["cc-nord", "ferme"]
        assert (
            analyse(G, as_of=DAY)["levels"]
            == analyse(to_graph(made(["cc-nord", "cc-sud"])), as_of=DAY)["levels"]
        )


def shuffled_map(eco: Ecosystem, seed: int) -> Ecosystem:
    """The same map with every table in a random order."""
    rng = random.Random(seed)
    copy = Ecosystem()
    for table in ("actors", "stakes", "spaces", "relations"):
        items = list(getattr(eco, table).items())
        rng.shuffle(items)
        setattr(copy, table, dict(items))
    return copy


@pytest.mark.parametrize("seed", SEEDS)
def test_options_off_the_default_path_do_not_depend_on_order_either(seed):
    """Sampled betweenness, Leiden, weighted ties and other groupings: same answers."""
    from ecomap.analysis.bridges import bridges
    from ecomap.ingest import read_map

    eco, _ = read_map(SAMPLE)
    options = [
        {"exact_limit": 50, "samples": 20, "seed": 3},
        {"method": "leiden", "weighted": True},
        {"groups": "territory"},
        {"groups": "level"},
    ]
    one, other = to_graph(eco), to_graph(shuffled_map(eco, seed))
    for chosen in options:
        assert bridges(one, as_of=DAY, **chosen) == bridges(other, as_of=DAY, **chosen), chosen
