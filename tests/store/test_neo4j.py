"""The Neo4j store without a server: what it sends, how it fails, what it never shows.

The store is driven through a fake driver that records every ``(query, parameters)``
it is given and answers each statement of ``cypher/`` by doing, on an in-memory graph,
what that statement says (:class:`GraphModel`, written from the ``.cypher`` files).
The fake checks that every query is one of those statements, rendered for an enum
value, with exactly its declared parameters, and that every value is of a type the
Bolt protocol carries. It runs transactions as the driver does: on a copy that is
kept only if the transaction function returns, retrying it after a transient error.

This checks the store's Python half (what it sends, in which transactions, and what
it makes of the answers). It does not check that Neo4j executes the Cypher as the
model does: the lint (tests/cypher) checks the statements with Neo4j's front end, and
the contract suite (tests/store/test_contract.py) runs on a real server when NEO4J_URI
is set.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import logging
import re
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from ecomap.cypher import (
    ANALYSES,
    CAMPAIGN_FAMILIES,
    KNOWN_LABELS,
    KNOWN_TYPES,
    NODE_LABEL,
    endpoint_kind,
    statement,
    statements,
)
from neo4j.exceptions import (
    AuthError,
    ConstraintError,
    Neo4jError,
    ServiceUnavailable,
    TransientError,
)

from ecomap.errors import ConflictError, StoreError, StoreUnavailable
from ecomap.model import (
    NEO4J_ACTOR_LABEL,
    NEO4J_RELATIONSHIP,
    Actor,
    ActorKind,
    Ecosystem,
    RecordKind,
    Relation,
    RelationType,
    Space,
    Stake,
)
from ecomap.store import neo4j as neo4j_module
from ecomap.store import open_store
from ecomap.store.neo4j import Neo4jStore

PASSWORD = "s3cr3t-Pa55"
URI = "bolt://db.example.org:7687"
HOSTILE = "x'}) DETACH DELETE n //"

# -- the statements, by their rendered text ---------------------------------------------
RENDERED: dict[str, tuple[Any, Any]] = {
    text: (stmt, variant) for stmt in statements().values() for variant, text in stmt.renderings()
}
STORE_STATEMENTS = {name for name in statements() if name not in ANALYSES}
_LABEL_OF_KIND = {kind: NEO4J_ACTOR_LABEL[kind] for kind in ActorKind}
_BOLT_TYPES = (type(None), bool, int, float, str, date, datetime)


def server_error(code: str, message: str = "refused") -> Neo4jError:
    """An error as the driver builds it from a server's FAILURE message."""
    return Neo4jError._hydrate_neo4j(code=code, message=message)


def _check_bolt_value(value: Any, where: str) -> None:
    if isinstance(value, list):
        for item in value:
            _check_bolt_value(item, where)
    elif isinstance(value, dict):
        for key, item in value.items():
            assert type(key) is str, where
            _check_bolt_value(item, where)
    else:
        # Exact types: an enum member is not sent as the plain text Neo4j stores.
        assert type(value) in _BOLT_TYPES, f"{where}: {type(value).__name__} is not a Bolt value"


# -- an in-memory graph that does what each statement says ---------------------------------
class GraphModel:
    """Nodes and relationships, and one method per statement of cypher/."""

    def __init__(self) -> None:
        self.nodes: dict[int, dict[str, Any]] = {}  # id -> {"labels": set, "props": dict}
        self.rels: dict[int, dict[str, Any]] = {}  # id -> {"type", "start", "end", "props"}
        self.schema: set[str] = set()
        self._next = 0

    # graph primitives
    def _new_id(self) -> int:
        self._next += 1
        return self._next

    def create_node(self, labels: set[str], props: dict[str, Any]) -> int:
        nid = self._new_id()
        self.nodes[nid] = {"labels": set(labels), "props": _set(props)}
        return nid

    def find(self, label: str, **props: Any) -> list[int]:
        return [
            nid
            for nid, node in self.nodes.items()
            if label in node["labels"] and all(node["props"].get(k) == v for k, v in props.items())
        ]

    def merge_node(self, label: str, key: str, value: Any) -> int:
        found = self.find(label, **{key: value})
        return found[0] if found else self.create_node({label}, {key: value})

    def detach_delete(self, nid: int) -> None:
        for rid in [r for r, rel in self.rels.items() if nid in (rel["start"], rel["end"])]:
            del self.rels[rid]
        del self.nodes[nid]

    def ecomap_rels(self, rtype: str | None = None) -> list[tuple[int, dict[str, Any]]]:
        return [
            (rid, rel)
            for rid, rel in self.rels.items()
            if rel["type"] in KNOWN_TYPES and (rtype is None or rel["type"] == rtype)
        ]

    def _rel_row(self, rel: dict[str, Any], with_type: bool = True) -> dict[str, Any]:
        row = {
            "source": self.nodes[rel["start"]]["props"].get("id"),
            "target": self.nodes[rel["end"]]["props"].get("id"),
            "properties": dict(rel["props"]),
        }
        if with_type:
            row["type"] = rel["type"]
        return row

    def check_constraints(self) -> None:
        for label, key in (("Actor", "id"), ("Stake", "id"), ("Space", "id"),
                           ("EcomapChange", "id"), ("EcomapSnapshot", "name"),
                           ("EcomapMeta", "id"), ("EcomapStore", "key")):  # fmt: skip
            values = [n["props"].get(key) for n in self.nodes.values() if label in n["labels"]]
            if len(values) != len(set(values)):
                raise server_error("Neo.ClientError.Schema.ConstraintValidationFailed")

    # statements (each named as in cypher/)
    def run(self, name: str, variant: Any, params: dict[str, Any]) -> list[dict[str, Any]]:
        if name in ("actor_id_unique", "stake_id_unique", "space_id_unique", "change_id_unique",
                    "snapshot_name_unique", "meta_id_unique", "relation_key_index",
                    "store_key_unique"):  # fmt: skip
            self.schema.add(name if variant is None else f"{name}:{variant}")
            return []
        return getattr(self, name)(variant, **params)

    def list_schema(self, _):
        names = []
        for stmt_name in neo4j_module._SCHEMA:
            for _, text in statement(stmt_name).renderings():
                if (stmt_name in self.schema) or any(
                    s.startswith(stmt_name + ":") for s in self.schema
                ):
                    names.append(text.split()[2])
        return [{"name": n} for n in names]

    def lock_map(self, _, meta):
        found = self.find("EcomapMeta", id=meta)
        nid = (
            found[0] if found else self.create_node({"EcomapMeta"}, {"id": meta, "last_change": 0})
        )
        return [{"last_change": self.nodes[nid]["props"]["last_change"]}]

    def next_change_id(self, _, meta):
        (nid,) = self.find("EcomapMeta", id=meta)
        self.nodes[nid]["props"]["last_change"] += 1
        return [{"change_id": self.nodes[nid]["props"]["last_change"]}]

    def read_revision(self, _, meta):
        return [{"last_change": self.nodes[n]["props"]["last_change"]}
                for n in self.find("EcomapMeta", id=meta)]  # fmt: skip

    def read_store_version(self, _, key):
        return [{"schema_version": self.nodes[n]["props"].get("schema_version")}
                for n in self.find("EcomapStore", key=key)]  # fmt: skip

    def stamp_store_version(self, _, key, version):
        nid = self.merge_node("EcomapStore", "key", key)  # MERGE keeps other properties
        props = self.nodes[nid]["props"]
        if props.get("schema_version") is None or props["schema_version"] < version:
            props["schema_version"] = version
        return [{"schema_version": props["schema_version"]}]

    def read_store_settings(self, _, store):
        return [{"settings": dict(self.nodes[n]["props"])}
                for n in self.find("EcomapStore", key=store)]  # fmt: skip

    def lock_store_settings(self, _, store):
        nid = self.merge_node("EcomapStore", "key", store)
        return [{"settings": dict(self.nodes[nid]["props"])}]

    def keep_store_settings(self, _, store, settings):
        rows = []
        for nid in self.find("EcomapStore", key=store):
            self.nodes[nid]["props"].update(_set(settings))  # SET s += $settings
            rows.append({"settings": dict(self.nodes[nid]["props"])})
        return rows

    def _load(self, label):
        return [{"properties": dict(self.nodes[n]["props"])} for n in self.find(label)]

    def load_actors(self, _):
        return self._load("Actor")

    def load_stakes(self, _):
        return self._load("Stake")

    def load_spaces(self, _):
        return self._load("Space")

    def load_relations(self, _):
        return [self._rel_row(rel) for _, rel in self.ecomap_rels() if "key" in rel["props"]]

    def read_nodes(self, _, ids):
        rows = []
        for node_id in ids:
            for label in ("Actor", "Stake", "Space"):
                for nid in self.find(label, id=node_id):
                    node = self.nodes[nid]
                    rows.append(
                        {"labels": sorted(node["labels"]), "properties": dict(node["props"])}
                    )
        return rows

    def read_relations(self, rtype, keys):
        name = NEO4J_RELATIONSHIP[rtype]
        return [self._rel_row(rel, with_type=False) for _, rel in self.ecomap_rels(name)
                if rel["props"].get("key") in keys]  # fmt: skip

    def read_attached_relations(self, kind, ids):
        rows, seen = [], set()
        for node_id in ids:
            for nid in self.find(NODE_LABEL[kind], id=node_id):
                for rid, rel in self.ecomap_rels():
                    if nid in (rel["start"], rel["end"]) and "key" in rel["props"]:
                        if rid not in seen:  # RETURN DISTINCT
                            seen.add(rid)
                            rows.append(self._rel_row(rel))
        return rows

    def read_relations_by_stake(self, _, ids):
        return [self._rel_row(rel) for _, rel in self.ecomap_rels()
                if rel["props"].get("stake") in ids and "key" in rel["props"]]  # fmt: skip

    def upsert_actors(self, kind, rows):
        for row in rows:
            nid = self.merge_node("Actor", "id", row["id"])
            node = self.nodes[nid]
            node["props"] = _set(row["properties"])  # SET n = row.properties
            node["labels"] -= set(NEO4J_ACTOR_LABEL.values())  # REMOVE n:Person:…
            node["labels"].add(_LABEL_OF_KIND[kind])
        return []

    def _upsert_nodes(self, label, rows):
        for row in rows:
            nid = self.merge_node(label, "id", row["id"])
            self.nodes[nid]["props"] = _set(row["properties"])
        return []

    def upsert_stakes(self, _, rows):
        return self._upsert_nodes("Stake", rows)

    def upsert_spaces(self, _, rows):
        return self._upsert_nodes("Space", rows)

    def upsert_relations(self, rtype, rows):
        name = NEO4J_RELATIONSHIP[rtype]
        source_label = NODE_LABEL[endpoint_kind(rtype, 0)]
        target_label = NODE_LABEL[endpoint_kind(rtype, 1)]
        written = 0
        for row in rows:
            for s in self.find(source_label, id=row["source"]):
                for t in self.find(target_label, id=row["target"]):
                    same = [rid for rid, rel in self.ecomap_rels(name)
                            if (rel["start"], rel["end"]) == (s, t)
                            and rel["props"].get("key") == row["key"]]  # fmt: skip
                    rid = same[0] if same else self._new_id()
                    self.rels[rid] = {"type": name, "start": s, "end": t,
                                      "props": _set(row["properties"])}  # fmt: skip
                    written += 1
        return [{"written": written}]

    def delete_nodes(self, kind, ids):
        for node_id in ids:
            for nid in self.find(NODE_LABEL[kind], id=node_id):
                self.detach_delete(nid)
        return []

    def delete_relations(self, rtype, keys):
        for rid, rel in self.ecomap_rels(NEO4J_RELATIONSHIP[rtype]):
            if rel["props"].get("key") in keys:
                del self.rels[rid]
        return []

    def log_change(self, _, **props):
        self.create_node({"EcomapChange"}, props)
        return []

    def mark_undone(self, _, id, undone_by):
        for nid in self.find("EcomapChange", id=id):
            self.nodes[nid]["props"]["undone_by"] = undone_by
        return []

    def _changes(self):
        found = [self.nodes[n]["props"] for n in self.find("EcomapChange")]
        return [{"change": dict(p)} for p in sorted(found, key=lambda p: -p["id"])]

    def list_changes(self, _):
        return self._changes()

    def list_recent_changes(self, _, limit):
        return self._changes()[:limit]

    def find_undoable_change(self, _, undo):
        return [c for c in self._changes()
                if "undone_by" not in c["change"] and c["change"]["action"] != undo][:1]  # fmt: skip

    def create_snapshot(self, _, **props):
        seqs = [self.nodes[n]["props"]["seq"] for n in self.find("EcomapSnapshot")]
        self.create_node({"EcomapSnapshot"}, {**props, "seq": max(seqs, default=0) + 1})
        return []

    def count_snapshots_named(self, _, name):
        return [{"found": len(self.find("EcomapSnapshot", name=name))}]

    def list_snapshots(self, _):
        found = sorted((self.nodes[n]["props"] for n in self.find("EcomapSnapshot")),
                       key=lambda p: p["seq"])  # fmt: skip
        return [{k: p.get(k) for k in ("name", "at", "note", "counts")} for p in found]

    def load_snapshot(self, _, name):
        return [{"payload": self.nodes[n]["props"]["payload"]}
                for n in self.find("EcomapSnapshot", name=name)]  # fmt: skip

    def wipe_label(self, label, batch):
        doomed = self.find(label)[:batch]
        for nid in doomed:
            self.detach_delete(nid)
        return [{"deleted": len(doomed)}]


def _set(props: dict[str, Any]) -> dict[str, Any]:
    """``SET n = $map`` and ``CREATE (n {…})``: null values are not stored."""
    return {k: copy.deepcopy(v) for k, v in props.items() if v is not None}


# -- the fake driver ---------------------------------------------------------------------
class FakeResult:
    def __init__(self, rows: list[dict[str, Any]]):
        self._rows = rows

    def data(self) -> list[dict[str, Any]]:
        return self._rows

    def consume(self) -> None:
        return None


class FakeTransaction:
    def __init__(self, driver: FakeDriver, graph: GraphModel, write: bool):
        self.driver, self.graph, self.write = driver, graph, write

    def run(self, query: str, parameters: dict[str, Any] | None = None, **kw: Any) -> FakeResult:
        assert not kw, "values are passed as one parameters dict"
        parameters = parameters or {}
        self.driver.log.append((query, copy.deepcopy(parameters)))
        assert query in RENDERED, f"not a statement of cypher/:\n{query}"
        stmt, variant = RENDERED[query]
        assert set(parameters) == set(stmt.params), (stmt.name, sorted(parameters))
        _check_bolt_value(parameters, stmt.name)
        self.driver.ran.append((stmt.name, variant, self.write))
        fault = self.driver.fail(stmt.name)
        if fault is not None:
            raise fault
        rows = self.graph.run(stmt.name, variant, parameters)
        self.graph.check_constraints()
        return FakeResult(rows)


class FakeSession:
    def __init__(self, driver: FakeDriver, database: str | None):
        self.driver = driver
        driver.databases.append(database)

    def __enter__(self) -> FakeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def _transaction(self, work, write: bool):
        for _attempt in range(3):
            working = copy.deepcopy(self.driver.graph)
            self.driver.transactions.append("write" if write else "read")
            try:
                result = work(FakeTransaction(self.driver, working, write))
            except TransientError:
                continue  # the driver retries transient failures with a fresh transaction
            if write:
                self.driver.graph = working
            return result
        raise server_error("Neo.TransientError.General.MemoryPoolOutOfMemoryError")

    def execute_read(self, work):
        return self._transaction(work, write=False)

    def execute_write(self, work):
        return self._transaction(work, write=True)


class FakeDriver:
    """A driver that records what it is asked and emulates the statements."""

    def __init__(self, *, connect_error: Exception | None = None, faults=None):
        self.graph = GraphModel()
        self.log: list[tuple[str, dict[str, Any]]] = []
        self.ran: list[tuple[str, Any, bool]] = []
        self.transactions: list[str] = []
        self.databases: list[str | None] = []
        self.connect_error = connect_error
        self.faults: dict[str, list[Exception]] = faults or {}
        self.closed = False

    def fail(self, name: str) -> Exception | None:
        pending = self.faults.get(name)
        return pending.pop(0) if pending else None

    def verify_connectivity(self) -> None:
        if self.connect_error is not None:
            raise self.connect_error

    def session(self, database: str | None = None) -> FakeSession:
        return FakeSession(self, database)

    def close(self) -> None:
        self.closed = True


# -- fixtures and a small map -------------------------------------------------------------
@pytest.fixture(autouse=True)
def no_neo4j_environment(monkeypatch):
    """These tests say which credentials they use: none come from the environment
    (a developer's or a CI's ``NEO4J_PASSWORD`` would otherwise change what is sent)."""
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_USERNAME", "NEO4J_PASSWORD",
                 "NEO4J_DATABASE"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def driver() -> FakeDriver:
    return FakeDriver()


@pytest.fixture
def store(driver: FakeDriver):
    s = Neo4jStore(URI, user="ann", password=PASSWORD, database="territoire", driver=driver)
    yield s
    s.close()


def sample_map() -> Ecosystem:
    eco = Ecosystem()
    for record in (
        Actor(id="mairie", name="Mairie", kind="institution", influence=4),
        Actor(id="asso", name="Association", kind="organisation", tags=["food", "market"]),
        Actor(id="lea", name="Léa", kind="person", extra={"phone": "06 00"}),
        Stake(id="market", name="Marché couvert"),
        Space(id="copil", name="COPIL", kind="steering_committee", instituted=True),
        Relation(source="lea", target="asso", type="member_of", since="2024-01-01"),
        Relation(source="lea", target="mairie", type="cooperates", weight=2, formal=True),
        Relation(source="mairie", target="asso", type="tension", stake="market"),
        Relation(source="asso", target="market", type="stake", stance=-2),
        Relation(id="R7", source="mairie", target="asso", type="power", power_type="economic"),
        Relation(source="lea", target="copil", type="participates", role="facilitator"),
    ):
        eco.add(record)
    return eco


def deep_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*deep_strings(k), *deep_strings(v))]
    if isinstance(value, list | tuple):
        return [s for v in value for s in deep_strings(v)]
    return []


# -- the statements themselves -------------------------------------------------------------
_LABELS_AND_TYPES = re.compile(
    r"(?<![\w$.])[\w)\]]*:((?:`[^`]+`|[A-Z][A-Za-z_]*)(?:[:|][A-Z][A-Za-z_]*)*)"
)


def labels_and_types(text: str) -> set[str]:
    """The labels and types a statement names: `:Name`, `:A:B`, `:A|B` (our files write
    map entries as `key: value`, with a space, so they are not taken for labels)."""
    text = re.sub(r"//[^\n]*", "", text)
    found = set()
    for group in _LABELS_AND_TYPES.findall(text):
        found.update(re.split(r"[:|]", group))
    return found


def test_renderings_name_only_labels_and_types_of_the_enums():
    """Every rendering of every statement names only ecomap's labels and types, and a
    templated statement names the enum value it was rendered for."""
    count = 0
    for stmt in statements().values():
        texts = []
        for variant, text in stmt.renderings():
            count += 1
            texts.append(text)
            named = labels_and_types(text)
            if "(" in text:  # a pattern (SHOW INDEXES has none)
                assert named, f"{stmt.name}: no label found (the extraction is broken)"
            assert named <= KNOWN_LABELS | KNOWN_TYPES, (stmt.name, named - KNOWN_LABELS)
            assert not re.search(r"\{[a-z_]+\}", text), f"{stmt.name}: unfilled placeholder"
            if isinstance(variant, RelationType):
                assert named & KNOWN_TYPES == {NEO4J_RELATIONSHIP[variant]}
            if isinstance(variant, ActorKind):
                assert f"SET n:{NEO4J_ACTOR_LABEL[variant]}" in text
        assert len(set(texts)) == len(texts), f"{stmt.name}: two variants render the same"
    # 9 relationship types, 3 actor kinds, 3 node kinds, 6 wiped labels, 1 each otherwise
    assert count == len(RENDERED) > len(statements())


def test_store_statements_carry_no_literal_values():
    """Values reach Neo4j only as $parameters: no quoted text in a statement the store runs."""
    for name in STORE_STATEMENTS:
        for _, text in statement(name).renderings():
            code = re.sub(r"//[^\n]*", "", text)
            assert "'" not in code and '"' not in code, name


def test_the_extraction_of_labels_sees_what_it_must():
    text = "MATCH (a:Actor)-[r:POWER|TENSION]->(b) REMOVE a:Person:Organisation SET r = {k: row.v}"
    assert labels_and_types(text) == {"Actor", "POWER", "TENSION", "Person", "Organisation"}


def test_render_refuses_anything_but_an_enum_value():
    delete = statement("delete_relations")
    with pytest.raises(ValueError):
        delete.render(HOSTILE)
    with pytest.raises(ValueError):
        delete.render(None)
    with pytest.raises(ValueError):
        statement("load_actors").render(RelationType.POWER)


def test_a_statement_must_declare_exactly_the_parameters_it_uses():
    from ecomap.cypher import _parse

    good = "// name: s\n// params: ids\nUNWIND $ids AS id RETURN id;\n"
    assert _parse("f", good)[0].params == ("ids",)
    with pytest.raises(ValueError, match="declares"):
        _parse("f", "// name: s\n// params: -\nUNWIND $ids AS id RETURN id;\n")
    with pytest.raises(ValueError, match="declares"):
        _parse("f", "// name: s\n// params: ids, rows\nUNWIND $ids AS id RETURN id;\n")
    with pytest.raises(ValueError, match="params"):
        _parse("f", "// name: s\nRETURN 1;\n")
    with pytest.raises(ValueError, match="placeholder"):
        _parse("f", "// name: s\n// params: -\nMATCH (n:{label}) RETURN n;\n")


# -- what the store sends --------------------------------------------------------------------
def exercise(store: Neo4jStore) -> None:
    """Every operation of the Store interface once."""
    eco = sample_map()
    store.import_map(eco, source="tableur.xlsx", author="ann")
    store.upsert([Actor(id="lea", name="Léa M.", kind="person")])
    assert store.versions([(RecordKind.ACTOR, "lea")])
    assert store.dependents(RecordKind.STAKE, "market")
    store.delete([(RecordKind.STAKE, "market")])
    store.undo()
    store.snapshot_create("review", note="before the committee")
    store.snapshot_list()
    store.snapshot_load("review")
    store.history(limit=5)
    store.history(limit=None)
    assert store.revision > 0
    store.snapshot_restore("review")
    store.load()
    assert store.pseudonym_key() == store.pseudonym_key()
    store.wipe()


def test_the_store_runs_only_cypher_statements_with_their_declared_parameters(store, driver):
    exercise(store)
    assert driver.log, "nothing was sent"
    for query, params in driver.log:  # FakeTransaction.run checked each one as it came
        stmt, _ = RENDERED[query]
        assert set(params) == set(stmt.params)
    used = {name for name, _, _ in driver.ran}
    assert used <= STORE_STATEMENTS
    # The scenario reaches every statement the store has (the schema once, list_schema
    # only when the user may not create it, read_store_version only when a store reads
    # before it first writes).
    # The campaigns' statements are exercised in tests/collect/test_neo4j_campaigns.py.
    campaigns = {s.name for s in statements().values() if s.family in CAMPAIGN_FAMILIES}
    assert STORE_STATEMENTS - used - campaigns == {"list_schema", "read_store_version"}
    assert set(driver.databases) == {"territoire"}


def test_hostile_text_reaches_neo4j_only_as_parameters(store, driver):
    other = "y` DELETE n RETURN $rows {rel_type}"
    records = [
        Actor(id=HOSTILE, name=HOSTILE, kind="person", role=HOSTILE, tags=[HOSTILE],
              extra={HOSTILE: HOSTILE}),
        Actor(id=other, name="Other", kind="organisation"),
        Stake(id="s", name="Stake", description=HOSTILE),
        Relation(source=HOSTILE, target=other, type="member_of", role=HOSTILE),
        Relation(id=HOSTILE, source=HOSTILE, target="s", type="stake", stance=1, notes=HOSTILE),
    ]  # fmt: skip
    store.upsert(records, author=HOSTILE, summary=HOSTILE)
    store.snapshot_create(HOSTILE, note=HOSTILE)
    store.snapshot_load(HOSTILE)
    store.delete([(RecordKind.ACTOR, HOSTILE)])
    store.undo(author=HOSTILE)
    for query, _ in driver.log:
        assert HOSTILE not in query and other not in query
        assert "DETACH DELETE n //" not in query
    assert any(HOSTILE in deep_strings(params) for _, params in driver.log)
    loaded = store.load()
    assert loaded.actors[HOSTILE] == records[0]
    assert loaded.relations["id:" + HOSTILE] == records[4]


def test_apply_is_one_transaction_with_batched_statements(driver):
    store = Neo4jStore(URI, password=PASSWORD, driver=driver, batch_size=2)
    actors = [Actor(id=f"o{i}", name=f"Org {i}", kind="organisation") for i in range(5)]
    ties = [Relation(source=f"o{i}", target=f"o{i + 1}", type="cooperates") for i in range(3)]
    store.upsert([*actors, *ties])  # creates the schema first, one transaction per statement
    driver.transactions.clear()
    driver.log.clear()
    driver.ran.clear()
    store.upsert([a.model_copy(update={"name": a.name + "!"}) for a in actors] + ties[:1])
    assert driver.transactions == ["write"]
    for _, params in driver.log:
        for rows in (params.get("rows"), params.get("ids"), params.get("keys")):
            assert rows is None or len(rows) <= 2
    upserts = [name for name, _, _ in driver.ran if name == "upsert_actors"]
    assert len(upserts) == 3  # 5 changed actors in batches of 2; the unchanged tie is skipped
    assert [name for name, _, _ in driver.ran].count("upsert_relations") == 0
    assert [name for name, _, _ in driver.ran].count("log_change") == 1


def test_a_retried_transaction_function_writes_the_change_once(driver):
    """The driver re-runs the function after a transient failure: same result as once."""
    driver.faults = {"log_change": [TransientError("leader switched")]}
    store = Neo4jStore(URI, password=PASSWORD, driver=driver)
    change = store.import_map(sample_map(), snapshot=False)
    assert change.id == 1
    assert [c.id for c in store.history()] == [1]
    assert store.load() == sample_map()
    assert set(
        store.versions([(RecordKind.ACTOR, "lea"), (RecordKind.STAKE, "market")]).values()
    ) == {1}


def test_records_come_back_as_they_went_in(store, driver):
    eco = sample_map()
    change = store.import_map(eco, snapshot=False)
    assert store.load() == eco
    assert change.summary.startswith("imported 3 actors, 6 relations")
    # A second identical import changes nothing and logs nothing.
    assert store.import_map(eco) is None
    assert store.revision == 1
    # Shape: kind labels, relationship types and keys, custom fields as JSON.
    nodes = driver.graph.nodes.values()
    lea = next(n for n in nodes if n["props"].get("id") == "lea")
    assert lea["labels"] == {"Actor", "Person"}
    assert json.loads(lea["props"]["extra"]) == {"phone": "06 00"}
    assert lea["props"]["version"] == 1
    types = sorted(rel["type"] for rel in driver.graph.rels.values())
    assert types == sorted(["MEMBER_OF", "COOPERATES", "TENSION", "HAS_STAKE", "POWER",
                            "PARTICIPATES"])  # fmt: skip
    member = next(rel for rel in driver.graph.rels.values() if rel["type"] == "MEMBER_OF")
    assert member["props"]["since"] == date(2024, 1, 1)
    assert member["props"]["key"] == '["member_of", "lea", "asso"]'


def test_a_kind_change_leaves_one_kind_label(store, driver):
    store.upsert([Actor(id="a", name="A", kind="organisation")])
    store.upsert([Actor(id="a", name="A", kind="institution")])
    (node,) = [n for n in driver.graph.nodes.values() if n["props"].get("id") == "a"]
    assert node["labels"] == {"Actor", "Institution"}


def test_a_relation_keyed_by_id_moves_with_its_ends(store, driver):
    eco = sample_map()
    store.import_map(eco, snapshot=False)
    moved = Relation(id="R7", source="asso", target="mairie", type="power", power_type="political")
    store.upsert([moved])
    powers = [rel for rel in driver.graph.rels.values() if rel["props"].get("key") == "id:R7"]
    assert len(powers) == 1
    assert store.load().relations["id:R7"] == moved


def test_stale_versions_raise_a_conflict_and_write_nothing(store, driver):
    store.upsert([Stake(id="s", name="Market")])
    ref = (RecordKind.STAKE, "s")
    read = store.versions([ref])
    store.upsert([Stake(id="s", name="Covered market")], author="bob")
    before = copy.deepcopy(driver.graph.nodes)
    with pytest.raises(ConflictError) as caught:
        store.upsert([Stake(id="s", name="Open market")], expected=read)
    assert caught.value.keys == ["s"]
    assert driver.graph.nodes == before


def test_deleting_a_node_takes_its_relations_and_tensions_about_it(store):
    store.import_map(sample_map(), snapshot=False)
    change = store.delete([(RecordKind.STAKE, "market")])
    removed = {(i.kind, i.key) for i in change.items if i.operation == "removed"}
    assert removed == {
        (RecordKind.STAKE, "market"),
        (RecordKind.RELATION, '["stake", "asso", "market"]'),
        (RecordKind.RELATION, '["tension", "asso", "mairie", "market"]'),
    }
    assert "market" not in store.load().stakes
    undone = store.undo()
    assert undone.undoes == change.id
    assert store.load() == sample_map()
    assert store.history()[1].undone_by == undone.id


def test_undo_walks_back_several_levels(store):
    store.upsert([Stake(id="s", name="One")])
    store.upsert([Stake(id="s", name="Two")])
    store.upsert([Stake(id="s", name="Three")])
    assert store.undo().undoes == 3
    assert store.undo().undoes == 2
    assert store.load().stakes["s"].name == "One"
    assert store.undo().undoes == 1
    assert store.load().stakes == {}
    assert store.undo() is None


def test_integrity_is_checked_before_anything_is_written(store, driver):
    store.upsert([Actor(id="a", name="A", kind="person"), Stake(id="s", name="S")])
    before = copy.deepcopy(driver.graph.nodes)
    with pytest.raises(StoreError, match="not in the map"):
        store.upsert([Relation(source="a", target="ghost", type="cooperates")])
    with pytest.raises(StoreError, match="one id space"):
        store.upsert([Space(id="a", name="Also a")])
    with pytest.raises(StoreError, match="links actor to stake"):
        store.upsert([Relation(source="a", target="a2", type="stake", stance=1),
                      Actor(id="a2", name="A2", kind="person")])  # fmt: skip
    with pytest.raises(StoreError, match="both write and delete"):
        store.apply([Stake(id="s", name="S2")], [(RecordKind.STAKE, "s")])
    assert driver.graph.nodes == before


def test_snapshots(store):
    store.import_map(sample_map(), snapshot=False)
    info = store.snapshot_create("review", note="before the committee")
    assert info.counts == {"actors": 3, "stakes": 1, "spaces": 1, "relations": 6}
    store.delete([(RecordKind.ACTOR, "lea")])
    assert [s.name for s in store.snapshot_list()] == ["review"]
    assert store.snapshot_load("review") == sample_map()
    with pytest.raises(StoreError, match="already exists"):
        store.snapshot_create("review")
    with pytest.raises(StoreError, match="available: 'review'"):
        store.snapshot_load("nope")
    store.snapshot_restore("review")
    assert store.load() == sample_map()


def test_properties_edited_by_hand_become_custom_fields(store, driver):
    store.upsert([Stake(id="s", name="Market")])
    (node,) = [n for n in driver.graph.nodes.values() if "Stake" in n["labels"]]
    node["props"]["colour"] = "red"
    assert store.load().stakes["s"].extra == {"colour": "red"}
    node["props"]["name"] = ""
    with pytest.raises(StoreError) as error:
        store.load()
    assert str(error.value).startswith(
        "the store Neo4j at bolt://db.example.org:7687 holds a record that cannot be read: "
        "stake 's' has no field 'name': every stake has one;"
    )


def test_wipe_leaves_other_applications_nodes(store, driver):
    foreign = driver.graph.create_node({"Invoice"}, {"id": "lea"})
    store.import_map(sample_map())
    store.wipe()
    assert list(driver.graph.nodes) == [foreign]
    assert store.load() == Ecosystem() and store.revision == 0


# -- faults: one clear line, never the password ----------------------------------------------
def assert_clean(exc: BaseException, *expected: str) -> None:
    text = str(exc)
    assert "\n" not in text and PASSWORD not in text and "Traceback" not in text
    # No driver exception chained to it: a traceback, if one were printed, shows no more.
    assert exc.__cause__ is None and (exc.__context__ is None or exc.__suppress_context__)
    for words in expected:
        assert words in text, text


def test_an_unreachable_server_says_to_check_host_and_port():
    driver = FakeDriver(connect_error=ServiceUnavailable("Couldn't connect to db.example.org:7687"))
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore(URI, user="ann", password=PASSWORD, driver=driver)
    assert_clean(caught.value, "cannot reach Neo4j at bolt://db.example.org:7687",
                 "host and port")  # fmt: skip
    assert not driver.closed  # an injected driver belongs to its owner


def test_wrong_credentials_name_the_variables_to_check():
    error = AuthError("The client is unauthorized due to authentication failure.")
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore(URI, user="ann", password=PASSWORD, driver=FakeDriver(connect_error=error))
    assert_clean(caught.value, "refused the credentials of user 'ann'", "NEO4J_USER",
                 "NEO4J_PASSWORD")  # fmt: skip
    server = server_error("Neo.ClientError.Security.Unauthorized", "unauthorized")
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore(URI, driver=FakeDriver(connect_error=server))
    assert_clean(caught.value, "(no password was given)")


def test_an_expired_password_says_to_set_a_new_one():
    expired = server_error("Neo.ClientError.Security.CredentialsExpired", "expired")
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore(URI, password=PASSWORD, driver=FakeDriver(connect_error=expired))
    assert_clean(caught.value, "password of user 'neo4j'", "has expired", "NEO4J_PASSWORD")


def test_a_missing_database_names_neo4j_database(driver):
    driver.faults = {"load_actors": [server_error("Neo.ClientError.Database.DatabaseNotFound",
                                                  "Database does not exist: territoir")]}  # fmt: skip
    store = Neo4jStore(URI, password=PASSWORD, database="territoir", driver=driver)
    with pytest.raises(StoreUnavailable) as caught:
        store.load()
    assert_clean(caught.value, "no database 'territoir'", "NEO4J_DATABASE")


def test_a_broken_constraint_is_reported_and_nothing_is_written(store, driver):
    store.upsert([Stake(id="s", name="Market")])
    before = copy.deepcopy(driver.graph)
    message = "Node(3) already exists with label `Actor` and property `id` = 'a'"
    violation = server_error("Neo.ClientError.Schema.ConstraintValidationFailed", message)
    assert isinstance(violation, ConstraintError)
    driver.faults = {"upsert_actors": [violation]}
    with pytest.raises(StoreError) as caught:
        store.upsert([Actor(id="a", name="A", kind="person")])
    assert_clean(caught.value, "uniqueness constraint", "Node(3) already exists",
                 "nothing was written")  # fmt: skip
    assert driver.graph.nodes == before.nodes
    assert store.load().actors == {} and store.revision == 1


def test_a_timeout_is_reported_and_nothing_is_written(store, driver):
    driver.faults = {
        "log_change": [server_error("Neo.ClientError.Transaction.TransactionTimedOut")]
    }
    with pytest.raises(StoreError) as caught:
        store.upsert([Stake(id="s", name="Market")])
    assert_clean(caught.value, "time limit", "nothing was written")
    assert store.load().stakes == {} and store.revision == 0


def test_a_transaction_too_large_for_the_server_memory(store, driver):
    memory = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"
    driver.faults = {"upsert_stakes": [server_error(memory)] * 3}
    with pytest.raises(StoreError) as caught:
        store.upsert([Stake(id="s", name="Market")])
    assert_clean(caught.value, "more memory", "db.memory.transaction.max")


def test_a_user_without_schema_rights_works_once_the_schema_exists(driver):
    forbidden = "Neo.ClientError.Security.Forbidden"
    driver.faults = {"actor_id_unique": [server_error(forbidden)]}
    store = Neo4jStore(URI, user="editor", password=PASSWORD, driver=driver)
    with pytest.raises(StoreError) as caught:
        store.upsert([Stake(id="s", name="Market")])
    assert_clean(caught.value, "user 'editor' may not create ecomap's constraints",
                 "create_schema.cypher")  # fmt: skip
    admin = Neo4jStore(URI, password=PASSWORD, driver=driver)
    admin.upsert([Stake(id="t", name="Other")])
    driver.faults = {"actor_id_unique": [server_error(forbidden)]}
    store = Neo4jStore(URI, user="editor", password=PASSWORD, driver=driver)
    assert store.upsert([Stake(id="s", name="Market")]) is not None


def test_a_server_older_than_neo4j_5_is_named(store, driver):
    driver.faults = {"actor_id_unique": [server_error("Neo.ClientError.Statement.SyntaxError")]}
    with pytest.raises(StoreError) as caught:
        store.upsert([Stake(id="s", name="Market")])
    assert_clean(caught.value, "needs Neo4j 5 or later")


def test_a_bad_uri_is_refused_before_connecting():
    for uri in ("neo4j://host:port", "http://host:7474", "neo4j://", "neo4j://h:99999",
                f"neo4j://ann:{PASSWORD}@[::1", "bolt://[db.example.org:7687"):  # fmt: skip
        with pytest.raises(StoreUnavailable) as caught:
            Neo4jStore(uri, password=PASSWORD)
        # The shape expected, not "Invalid IPv6 URL"; the password in the URI not shown.
        assert_clean(caught.value, "as a Neo4j address", "neo4j://host:7687",
                     "bolt://host:7687", "neo4j+s://host")  # fmt: skip


@pytest.mark.parametrize("scheme", ["bolt", "neo4j", "bolt+ssc"])
def test_an_unresponsive_server_is_given_up_within_the_connection_timeout(
    mute_server, monkeypatch, scheme
):
    # The driver's own default would wait 60 s for the handshake (and the routing
    # table of neo4j://); the store bounds every wait by its connection timeout.
    monkeypatch.setattr(neo4j_module, "CONNECTION_TIMEOUT", 1.5)
    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore(f"{scheme}://ann:{PASSWORD}@127.0.0.1:{mute_server}")
    waited = time.monotonic() - started
    assert_clean(caught.value, f"cannot reach Neo4j at {scheme}://127.0.0.1:{mute_server}",
                 "host and port")  # fmt: skip
    assert 1.5 <= waited < 1.5 + 3, waited


def test_every_wait_of_the_driver_is_the_connection_timeout(monkeypatch):
    seen: dict[str, Any] = {}

    def driver(address, *, auth, **config):
        seen.update(config)
        return FakeDriver()

    monkeypatch.setattr(neo4j_module.GraphDatabase, "driver", driver)
    Neo4jStore(URI, password=PASSWORD).close()
    timeout = neo4j_module.CONNECTION_TIMEOUT
    assert timeout == 10.0
    assert seen == {"connection_timeout": timeout, "connection_acquisition_timeout": timeout,
                    "max_transaction_retry_time": timeout}  # fmt: skip


def test_a_closed_store_says_so(store):
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.load()


# -- credentials --------------------------------------------------------------------------
@pytest.fixture
def opened(monkeypatch):
    """Neo4jStore with GraphDatabase.driver replaced: records the address and auth."""
    calls: list[tuple[str, Any]] = []

    def driver(address, *, auth, **config):
        calls.append((address, auth))
        return FakeDriver()

    monkeypatch.setattr(neo4j_module.GraphDatabase, "driver", driver)
    for name in ("NEO4J_USER", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    return calls


def test_credentials_come_from_arguments_then_the_uri_then_the_environment(opened, monkeypatch):
    monkeypatch.setenv("NEO4J_USER", "env-user")
    monkeypatch.setenv("NEO4J_PASSWORD", "env-pass")
    monkeypatch.setenv("NEO4J_DATABASE", "env-db")
    s = Neo4jStore(URI)
    assert opened[-1] == (URI, ("env-user", "env-pass")) and s.database == "env-db"
    s = Neo4jStore("neo4j+s://uri-user:uri%40pass@x.databases.neo4j.io")
    assert opened[-1] == ("neo4j+s://x.databases.neo4j.io", ("uri-user", "uri@pass"))
    assert s.location == "neo4j+s://x.databases.neo4j.io"
    s = Neo4jStore(URI, user="arg", password="arg-pass", database="arg-db")
    assert opened[-1] == (URI, ("arg", "arg-pass")) and s.database == "arg-db"


def test_aura_username_variable_and_default_user(opened, monkeypatch):
    monkeypatch.setenv("NEO4J_USERNAME", "aura-user")
    monkeypatch.setenv("NEO4J_PASSWORD", "p")
    Neo4jStore(URI)
    assert opened[-1][1] == ("aura-user", "p")
    monkeypatch.delenv("NEO4J_USERNAME")
    Neo4jStore(URI)
    assert opened[-1][1] == ("neo4j", "p")
    monkeypatch.delenv("NEO4J_PASSWORD")
    s = Neo4jStore(URI)
    assert opened[-1][1] is None and s.database is None


def test_open_store_opens_neo4j_for_a_bolt_uri(opened):
    s = open_store(f"bolt://ann:{PASSWORD}@db.example.org:7687", database="territoire")
    assert isinstance(s, Neo4jStore)
    assert opened[-1] == (URI, ("ann", PASSWORD))
    assert s.location == URI and s.database == "territoire"
    s.close()
    assert s._driver.closed  # a driver the store created is closed with it


def test_the_password_is_never_shown_or_logged(opened, caplog):
    caplog.set_level(logging.DEBUG)
    s = Neo4jStore(f"bolt://ann:{PASSWORD}@db.example.org:7687")
    shown = [repr(s), str(s), s.location, repr(vars(s))]
    s._driver.faults = {"load_actors": [AuthError(f"bad {PASSWORD}")]}
    with pytest.raises(StoreUnavailable) as caught:
        s.load()
    shown.append(str(caught.value))
    for text in shown:
        assert PASSWORD not in text, text
    assert caplog.records, "the store logs nothing: this check would be empty"
    for record in caplog.records:
        assert PASSWORD not in record.getMessage()


# -- the store contract, on the statement model -------------------------------------------
def _contract_tests() -> dict[str, Any]:
    """The tests of test_contract.py, loaded as a module of their own."""
    spec = importlib.util.spec_from_file_location(
        "store_contract_on_the_statement_model", Path(__file__).with_name("test_contract.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: test for name, test in vars(module).items() if name.startswith("test_")}


# Each contract test runs here once more, with this module's ``store`` fixture: the Neo4j
# store driven through GraphModel. That checks the store's own logic (what it reads,
# plans, checks, writes and logs) against the contract; it says nothing of Neo4j itself,
# where the same suite runs through conftest's fixture when NEO4J_URI is set.
for _name, _test in _contract_tests().items():
    globals()["test_on_the_statement_model_" + _name.removeprefix("test_")] = _test


# -- records and layouts this version cannot read ---------------------------------------------
def test_an_unknown_enum_value_names_the_record_and_says_upgrade(store, driver):
    store.upsert([Space(id="copil", name="COPIL", kind="steering_committee")])
    (node,) = [n for n in driver.graph.nodes.values() if "Space" in n["labels"]]
    node["props"]["kind"] = "citizens_assembly"
    with pytest.raises(StoreError) as error:
        store.load()
    assert str(error.value) == (
        "the store Neo4j at bolt://db.example.org:7687 holds a record that cannot be read: "
        "space 'copil', field 'kind' is 'citizens_assembly', expected one of: "
        "steering_committee, experience_sharing, working_group, forum, other; a newer "
        "version of ecomap may have written it: upgrade ecomap to read this store "
        "(nothing was changed)"
    )


def test_custom_fields_cut_short_name_the_record(store, driver):
    store.upsert([Actor(id="lea", name="Léa", kind="person", extra={"quartier": "Gare"})])
    (node,) = [n for n in driver.graph.nodes.values() if "Actor" in n["labels"]]
    node["props"]["extra"] = node["props"]["extra"][:8]
    with pytest.raises(StoreError, match="actor 'lea', field 'extra' is .* expected custom"):
        store.load()


def test_the_first_write_stamps_the_layout_version_beside_other_properties(store, driver):
    driver.graph.create_node({"EcomapStore"}, {"key": "store", "pseudonym_key": "k"})
    store.upsert([Actor(id="lea", name="Léa", kind="person")])
    (node,) = [n for n in driver.graph.nodes.values() if "EcomapStore" in n["labels"]]
    assert node["props"] == {
        "key": "store",
        "pseudonym_key": "k",
        "schema_version": neo4j_module.SCHEMA_VERSION,
    }


def test_a_map_of_a_newer_layout_is_refused_for_reading_and_writing(driver):
    driver.graph.create_node({"EcomapStore"}, {"key": "store", "schema_version": 99})
    reader = Neo4jStore(URI, password=PASSWORD, driver=driver)
    with pytest.raises(StoreError, match="written by a newer version of ecomap .store format 99"):
        reader.load()
    writer = Neo4jStore(URI, password=PASSWORD, driver=driver)
    with pytest.raises(StoreError, match="upgrade ecomap to open it"):
        writer.upsert([Actor(id="lea", name="Léa", kind="person")])
    assert not driver.graph.find("Actor")
    (node,) = [n for n in driver.graph.nodes.values() if "EcomapStore" in n["labels"]]
    assert node["props"]["schema_version"] == 99


def test_the_pseudonym_key_is_one_property_of_the_store_node(store, driver):
    key = store.pseudonym_key()
    (node,) = [n for n in driver.graph.nodes.values() if "EcomapStore" in n["labels"]]
    # The store node also holds the layout version (check_store_version.cypher).
    assert node["props"] == {
        "key": "store",
        "pseudonym_key": key.hex(),
        "schema_version": neo4j_module.SCHEMA_VERSION,
    }
    other = Neo4jStore(URI, password=PASSWORD, database="territoire", driver=driver)
    assert other.pseudonym_key() == key
    assert other.keep_setting("pseudonym_key", "ff" * 32) == key.hex()
