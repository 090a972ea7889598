"""What only the embedded SQLite store does: its file, processes writing at once, crashes,
damaged or unreachable files, and referential integrity.

Processes are real: ``sqlite_worker.py`` runs in child interpreters. Everything the
store contract requires is in ``test_contract.py``.
"""

from __future__ import annotations

import ctypes
import importlib.util
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecomap.errors import ConflictError, StoreError, StoreUnavailable
from ecomap.model import (
    ACTER_KEYS,
    Actor,
    ActorKind,
    CooperationMode,
    Ecosystem,
    Engagement,
    Level,
    PowerType,
    RecordKind,
    Relation,
    Space,
    SpaceKind,
    Stake,
    Visibility,
)
from ecomap.store import open_store
from ecomap.store.sqlite import APPLICATION_ID, SCHEMA_VERSION, SQLiteStore

ACTOR, STAKE, RELATION = RecordKind.ACTOR, RecordKind.STAKE, RecordKind.RELATION
WORKER = Path(__file__).with_name("sqlite_worker.py")


def actor(id: str, name: str | None = None, kind: str = "organisation", **fields) -> Actor:
    return Actor(id=id, name=name or id.upper(), kind=kind, **fields)


def worker(*args: object, **popen) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WORKER), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def report(process: subprocess.Popen, timeout: float = 120) -> dict:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err
    return json.loads(out)


def wait_for(path: Path, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert process.poll() is None, process.communicate()[1]
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.01)


def worker_module():
    """``sqlite_worker.py`` as a module, for the maps its processes write."""
    spec = importlib.util.spec_from_file_location("sqlite_worker", WORKER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def one_line(error: pytest.ExceptionInfo, path: Path) -> str:
    message = str(error.value)
    assert "\n" not in message
    assert str(path) in message
    return message


# -- the file -------------------------------------------------------------------------
def test_a_new_file_gets_the_schema_wal_and_full_sync(tmp_path):
    path = tmp_path / "map.db"
    with SQLiteStore(path) as store:
        assert store.location == str(path)
        assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"actors", "stakes", "spaces", "relations", "changes", "snapshots"} <= tables


def test_everything_is_still_there_after_closing_and_opening_again(tmp_path):
    path = tmp_path / "map.db"
    with SQLiteStore(path) as store:
        store.upsert([actor("a"), actor("b")], author="camille")
        store.upsert([Relation(source="a", target="b", type="cooperates", weight=2)])
        store.snapshot_create("first")
        saved, log = store.load(), store.history()
    with SQLiteStore(str(path)) as store:
        assert store.load() == saved
        assert store.history() == log
        assert store.snapshot_load("first") == saved
        assert store.undo().undoes == log[0].id


def test_open_store_opens_a_path_as_the_sqlite_store(tmp_path):
    with open_store(str(tmp_path / "x.db")) as store:
        assert isinstance(store, SQLiteStore)
    assert (tmp_path / "x.db").exists()


def test_in_memory_stores_are_separate(tmp_path):
    with SQLiteStore(":memory:") as one, SQLiteStore(":memory:") as two:
        one.upsert([actor("a")])
        assert two.load() == Ecosystem()
        assert one.load().actors.keys() == {"a"}


def test_closing_twice_is_fine_and_a_closed_store_says_so(tmp_path):
    store = SQLiteStore(tmp_path / "map.db")
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.load()
    with SQLiteStore(tmp_path / "map.db") as again:
        pass
    with pytest.raises(StoreError, match="closed"):
        again.upsert([actor("a")])


# -- integrity and transactions -------------------------------------------------------
def test_a_relation_to_an_unknown_node_is_refused_whole(tmp_path):
    with SQLiteStore(tmp_path / "map.db") as store:
        store.upsert([actor("a")])
        with pytest.raises(StoreError, match="'ghost'"):
            store.upsert([actor("b"), Relation(source="a", target="ghost", type="cooperates")])
        with pytest.raises(StoreError, match="'nowhere'"):
            store.upsert([Relation(source="a", target="b", type="tension", stake="nowhere")])
        assert store.load().actors.keys() == {"a"}
        assert len(store.history()) == 1


def test_a_relation_to_a_node_deleted_in_the_same_change_is_refused(tmp_path):
    with SQLiteStore(tmp_path / "map.db") as store:
        store.upsert([actor("a"), actor("b")])
        with pytest.raises(StoreError, match="'b'"):
            store.apply([Relation(source="a", target="b", type="cooperates")], [(ACTOR, "b")])
        with pytest.raises(StoreError, match="both write and delete"):
            store.apply([actor("a", "A2")], [(ACTOR, "a")])
        assert store.load().actors.keys() == {"a", "b"}


def test_actors_stakes_and_spaces_share_one_id_space(tmp_path):
    with SQLiteStore(tmp_path / "map.db") as store:
        store.upsert([actor("market")])
        with pytest.raises(StoreError, match="already the id of an actor"):
            store.upsert([Stake(id="market", name="Market")])
        with pytest.raises(StoreError, match="one id space"):
            store.upsert([Stake(id="x", name="X"), Space(id="x", name="X")])
        # Once the actor is gone the id is free again, even within one change.
        change = store.apply([Stake(id="market", name="Market")], [(ACTOR, "market")])
        assert {(i.kind, i.operation) for i in change.items} == {
            (ACTOR, "removed"),
            (STAKE, "added"),
        }


def test_a_failure_in_the_middle_of_writing_rolls_back_everything(tmp_path):
    path = tmp_path / "map.db"
    with SQLiteStore(path) as store:
        store.upsert([actor("a")])
        before, log = store.load(), store.history()
        # A trigger makes the relation insert fail after the change, the actors and the
        # first relations of the same transaction have been written.
        with sqlite3.connect(path) as conn:
            conn.execute(
                "CREATE TRIGGER refuse BEFORE INSERT ON relations WHEN NEW.target = 'boom' "
                "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END"
            )
        records = [actor("b"), actor("boom"), actor("a", "A renamed")]
        records += [Relation(source="a", target="b", type="cooperates")]
        records += [Relation(source="a", target="boom", type="cooperates")]
        with pytest.raises(StoreError, match="refused for the test") as error:
            store.upsert(records)

        assert not isinstance(error.value, sqlite3.Error)
        assert store.load() == before
        assert store.history() == log
        assert store.revision == log[0].id
    assert integrity(path) == "ok"


def test_custom_fields_keep_their_order_through_an_undo(tmp_path):
    with SQLiteStore(tmp_path / "map.db") as store:
        first = actor("a", extra={"zeta": "1", "alpha": "2", "mu": "3"})
        store.upsert([first])
        store.upsert([actor("a", "A2")])
        store.undo()
        assert list(store.load().actors["a"].extra) == ["zeta", "alpha", "mu"]
        assert store.upsert([first]) is None


def test_undo_refuses_when_the_file_was_edited_by_other_means(tmp_path):
    path = tmp_path / "map.db"
    with SQLiteStore(path) as store:
        store.upsert([actor("a")])
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE actors SET record = json_set(record, '$.name', 'Edited')")
        with pytest.raises(ConflictError, match="cannot undo change 1") as conflict:
            store.undo()
        assert conflict.value.keys == ["a"]
        assert store.load().actors["a"].name == "Edited"


# -- round trip of random records -----------------------------------------------------
text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12).filter(
    lambda s: s.strip() == s
)
maybe_text = st.none() | st.text(st.characters(exclude_categories=("Cs",)), max_size=20).filter(
    lambda s: s.strip()
)
score = st.none() | st.integers(0, 6).map(lambda n: n / 2)
extra = st.dictionaries(
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=8).filter(
        lambda k: k not in Actor.model_fields and k not in Relation.model_fields
    ),
    text,
    max_size=2,
)
day = st.none() | st.dates(date(1990, 1, 1), date(2040, 12, 31))


@st.composite
def maps(draw) -> Ecosystem:
    eco = Ecosystem()
    ids = draw(st.lists(text, min_size=2, max_size=6, unique=True))
    for node_id in ids:
        eco.add(
            Actor(
                id=node_id,
                name=draw(text),
                kind=draw(st.sampled_from(ActorKind)),
                level=draw(st.none() | st.sampled_from(Level)),
                category=draw(maybe_text),
                territory=draw(maybe_text),
                role=draw(maybe_text),
                influence=draw(st.none() | st.floats(0, 5)),
                engagement=draw(st.none() | st.sampled_from(Engagement)),
                tags=draw(st.lists(text.filter(lambda t: "|" not in t), max_size=3)),
                notes=draw(maybe_text),
                lat=draw(st.none() | st.floats(-90, 90)),
                lon=draw(st.none() | st.floats(-180, 180)),
                extra=draw(extra),
            )
        )
    eco.add(Stake(id="\u0000stake", name=draw(text), description=draw(maybe_text)))
    eco.add(
        Space(
            id="\u0000space",
            name=draw(text),
            kind=draw(st.sampled_from(SpaceKind)),
            frequency=draw(st.none() | st.floats(0, 52)),
            instituted=draw(st.booleans()),
            extra=draw(extra),
        )
    )
    for _ in range(draw(st.integers(0, 6))):
        source, target = draw(st.permutations(ids))[:2]
        since, until = sorted([draw(day) or date(2000, 1, 1), draw(day) or date(2030, 1, 1)])
        kind = draw(st.sampled_from(["cooperates", "power", "tension"]))
        eco.add(
            Relation(
                id=draw(st.none() | text),
                source=source,
                target=target,
                type=kind,
                weight=draw(st.integers(2, 6)) / 2,
                power_type=draw(st.sampled_from(PowerType)) if kind == "power" else None,
                formal=draw(st.none() | st.booleans()),
                mode=draw(st.none() | st.sampled_from(CooperationMode)),
                stake="\u0000stake" if kind == "tension" and draw(st.booleans()) else None,
                since=since,
                until=until,
                reported_by=draw(maybe_text),
                visibility=draw(st.sampled_from(Visibility)),
                notes=draw(maybe_text),
                extra=draw(extra),
                **{key: draw(score) for key in ACTER_KEYS},
            )
        )
    return eco


@settings(max_examples=25)
@given(maps())
def test_any_valid_map_comes_back_equal_from_a_file_and_from_a_snapshot(eco):
    # The store rebuilds records without validating them again: this checks that the
    # rebuilt records equal the validated ones, field by field, for arbitrary values.
    with SQLiteStore(":memory:") as store:
        store.import_map(eco, snapshot=False)
        loaded = store.load()
        assert loaded == eco
        for kind in RecordKind:
            for key, record in eco.records(kind).items():
                rebuilt = loaded.records(kind)[key]
                assert type(rebuilt.model_validate(rebuilt.model_dump())) is type(record)
                assert rebuilt.model_dump() == record.model_dump()
        store.snapshot_create("s")
        assert store.snapshot_load("s") == eco
        assert store.import_map(eco) is None


# -- concurrency ----------------------------------------------------------------------
WORKERS, WRITES, SHARED_EVERY, INCREMENTS = 8, 200, 10, 5


def test_eight_processes_writing_at_once_lose_nothing(tmp_path):
    path, go = tmp_path / "map.db", tmp_path / "go"
    with SQLiteStore(path) as store:
        setup = store.upsert([Stake(id="counter", name="counter", description="0")])
    processes = [
        worker("writes", path, n, WRITES, SHARED_EVERY, INCREMENTS, go) for n in range(WORKERS)
    ]
    time.sleep(0.5)
    go.touch()
    reports = [report(p, timeout=300) for p in processes]

    assert integrity(path) == "ok"
    with SQLiteStore(path) as store:
        eco, log = store.load(), store.history(limit=None)
        written = {
            (c.kind, c.key): change.id for change in reversed(log) for c in change.items
        }  # the newest change that wrote each record
        versions = store.versions(written)

    reported = [c for r in reports for c in r["changes"]]
    per_worker = WRITES + WRITES // SHARED_EVERY + INCREMENTS
    assert len(reported) == len(set(reported)) == WORKERS * per_worker
    assert sorted(c.id for c in log) == sorted([setup.id, *reported])
    for r in reports:
        own = {f"{r['worker']}-{i}" for i in range(WRITES)}
        assert own <= eco.actors.keys()
        logged = {i.key for c in log if c.author == r["worker"] for i in c.items}
        assert own <= logged
    assert len(eco.actors) == WORKERS * WRITES + 3
    # No increment was lost: every read-modify-write either saw the latest value or
    # was refused as stale and retried.
    assert eco.stakes["counter"].description == str(WORKERS * INCREMENTS)
    # The data are what the log says: each record holds the newest change's "after".
    by_id = {c.id: c for c in log}
    for (kind, key), change_id in written.items():
        assert versions[kind, key] == change_id
        [after] = [i.after for i in by_id[change_id].items if (i.kind, i.key) == (kind, key)]
        assert eco.records(kind)[key].record() == after
    # The writers really ran at once: their changes are interleaved in the log.
    authors = [c.author for c in reversed(log[:-1])]
    switches = sum(a != b for a, b in zip(authors, authors[1:], strict=False))
    assert switches >= 2 * WORKERS
    conflicts = sum(r["conflicts"] for r in reports)
    print(f"{len(log)} changes, {switches} switches of writer, {conflicts} conflicts retried")


def test_of_editors_who_read_the_same_version_only_the_first_saves(tmp_path):
    path, go = tmp_path / "map.db", tmp_path / "go"
    with SQLiteStore(path) as store:
        store.upsert([actor("mairie", "Mairie", kind="institution")])
    editors = [worker("stale-edit", path, n, tmp_path / f"ready{n}", go) for n in range(4)]
    for n, process in enumerate(editors):
        wait_for(tmp_path / f"ready{n}", process)
    go.touch()
    results = [report(p) for p in editors]

    saved = [r for r in results if r["saved"]]
    assert len(saved) == 1
    assert all(r["conflict"] == ["mairie"] for r in results if not r["saved"])
    with SQLiteStore(path) as store:
        assert store.load().actors["mairie"].name == f"Mairie, edited by {saved[0]['worker']}"
        assert [c.id for c in store.history()] == [saved[0]["saved"], 1]


def test_two_editors_in_one_process_the_second_gets_a_conflict(tmp_path):
    path = tmp_path / "map.db"
    with SQLiteStore(path) as one, SQLiteStore(path) as two:
        one.upsert([actor("mairie")])
        seen_by_one = one.versions([(ACTOR, "mairie")])
        seen_by_two = two.versions([(ACTOR, "mairie")])
        one.upsert([actor("mairie", "by one")], expected=seen_by_one)
        with pytest.raises(ConflictError):
            two.upsert([actor("mairie", "by two")], expected=seen_by_two)
        assert two.load().actors["mairie"].name == "by one"


def test_threads_sharing_one_store_lose_nothing(tmp_path):
    with SQLiteStore(tmp_path / "map.db") as store:

        def write(n: int) -> None:
            for i in range(50):
                store.upsert([actor(f"t{n}-{i}")])
                store.load()

        threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(store.load().actors) == 200
        assert len(store.history(limit=None)) == 200


def test_a_writer_waits_for_the_lock_and_gives_up_with_a_clear_message(tmp_path):
    path = tmp_path / "map.db"
    with SQLiteStore(path) as store:
        store.upsert([actor("a")])
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with SQLiteStore(path, timeout=0.3) as impatient:
            assert impatient.load().actors.keys() == {"a"}  # readers never wait
            started = time.monotonic()
            with pytest.raises(StoreUnavailable, match="locked by another program") as error:
                impatient.upsert([actor("b")])
            assert 0.25 < time.monotonic() - started < 5
            one_line(error, path)
        with SQLiteStore(path, timeout=30) as patient:
            threading.Timer(0.3, holder.execute, args=("ROLLBACK",)).start()
            assert patient.upsert([actor("b")]) is not None
    finally:
        holder.close()


# -- crashes --------------------------------------------------------------------------
def killed(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def test_a_process_killed_before_its_import_commits_leaves_the_map_as_before(tmp_path):
    path, marker = tmp_path / "map.db", tmp_path / "marker"
    with SQLiteStore(path) as store:
        store.upsert([actor("a"), actor("b")])
        before, log = store.load(), store.history()
    importer = worker("import-killed", path, 20_000, marker, "before-commit")
    wait_for(marker, importer, timeout=120)
    killed(importer)

    assert integrity(path) == "ok"
    with SQLiteStore(path) as store:
        assert store.load() == before
        assert store.history() == log
        assert store.upsert([actor("c")]) is not None  # the dead writer's lock is gone


def test_a_process_killed_after_its_import_commits_leaves_the_whole_import(tmp_path):
    path, marker = tmp_path / "map.db", tmp_path / "marker"
    importer = worker("import-killed", path, 20_000, marker, "after-commit")
    wait_for(marker, importer, timeout=120)
    killed(importer)

    assert integrity(path) == "ok"
    with SQLiteStore(path) as store:
        eco = store.load()
        assert len(eco.relations) == 20_000
        assert len(eco.actors) == 5_000
        [change] = store.history()
        assert change.id == int(marker.read_text())
        assert len(change.items) == 25_000


def test_a_process_killed_while_it_takes_the_import_snapshot_leaves_neither(tmp_path):
    """The import and its ``import-N`` snapshot are one transaction: a kill between the
    two leaves the map as before, and the same import again is not a no-op."""
    path, marker = tmp_path / "map.db", tmp_path / "marker"
    with SQLiteStore(path) as store:
        store.upsert([actor("a")])
        before, log = store.load(), store.history()
    importer = worker("snapshot-killed", path, marker)
    wait_for(marker, importer, timeout=120)
    killed(importer)

    assert integrity(path) == "ok"
    with SQLiteStore(path) as store:
        assert store.load() == before
        assert store.history() == log
        assert store.snapshot_list() == []
        again = store.import_map(worker_module().big_map(40))
        assert again is not None
        assert [s.name for s in store.snapshot_list()] == [f"import-{again.id}"]
        assert store.snapshot_load(f"import-{again.id}") == store.load()


def test_a_process_killed_between_edits_leaves_every_finished_edit(tmp_path):
    path, marker = tmp_path / "map.db", tmp_path / "marker"
    editor = worker("edits-killed", path, marker)
    wait_for(marker, editor)
    while int(marker.read_text() or 0) < 30:
        time.sleep(0.01)
    killed(editor)
    done = int(marker.read_text() or 0)

    assert integrity(path) == "ok"
    with SQLiteStore(path) as store:
        actors, log = store.load().actors, store.history(limit=None)
    # Each edit is there whole or not at all, in order: k0 … k(n-1), one change each.
    n = len(actors)
    assert done <= n <= done + 1
    assert actors.keys() == {f"k{i}" for i in range(n)}
    assert [c.items[0].key for c in reversed(log)] == [f"k{i}" for i in range(n)]


# -- unreadable, damaged and read-only files ------------------------------------------
def test_a_missing_folder_is_named(tmp_path):
    path = tmp_path / "nowhere" / "map.db"
    with pytest.raises(StoreUnavailable, match="does not exist") as error:
        SQLiteStore(path)
    assert str(path.parent) in one_line(error, path)
    assert not path.parent.exists()


def test_a_folder_is_not_a_store(tmp_path):
    with pytest.raises(StoreUnavailable, match="is a folder") as error:
        SQLiteStore(tmp_path)
    one_line(error, tmp_path)


@pytest.mark.parametrize(
    "content",
    [os.urandom(40_000), "id;nom;nature\nmairie;Mairie;collectivité\n".encode("cp1252")],
    ids=["random bytes", "a CSV file"],
)
def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path, content):
    path = tmp_path / "map.db"
    path.write_bytes(content)
    with pytest.raises(StoreUnavailable, match="not an ecomap store") as error:
        SQLiteStore(path)
    one_line(error, path)
    assert path.read_bytes() == content


def test_another_programs_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    content = path.read_bytes()
    with pytest.raises(StoreUnavailable, match="not an ecomap store") as error:
        SQLiteStore(path)
    one_line(error, path)
    assert path.read_bytes() == content


def test_a_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "map.db"
    SQLiteStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer version of ecomap") as error:
        SQLiteStore(path)
    one_line(error, path)


def damage(path: Path, keep: int) -> None:
    """Overwrite every page of the file after the first ``keep`` with noise."""
    data = bytearray(path.read_bytes())
    noise = os.urandom(len(data))
    data[keep * 4096 :] = noise[keep * 4096 :]
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["noise", "truncated"])
def test_a_damaged_store_says_so_in_one_line(tmp_path, how):
    path = tmp_path / "map.db"
    with SQLiteStore(path) as store:
        store.upsert([actor(f"a{i}", "a long enough name " * 5) for i in range(2_000)])
    if how == "noise":
        damage(path, keep=2)
    else:
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(StoreUnavailable, match="damaged") as error:
        with SQLiteStore(path) as store:
            store.load()
    one_line(error, path)


def _without_root_powers() -> None:
    """In the child: drop the capabilities that let root ignore file permissions."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "cannot drop root's file powers")


def as_plain_user(path: Path) -> dict:
    """What the ``open`` worker reports, run without root's power to ignore permissions."""
    process = worker("open", path, preexec_fn=_without_root_powers)
    return report(process)


@pytest.fixture
def read_only(tmp_path):
    made = []

    def make(folder: Path, *files: Path) -> None:
        for f in files:
            f.chmod(0o444)
        folder.chmod(0o555)
        made.append(folder)
        # The precondition: this child cannot write there.
        probe = subprocess.run(
            [sys.executable, "-c", f"open({str(folder / 'probe')!r}, 'w')"],
            preexec_fn=_without_root_powers,
            capture_output=True,
        )
        assert probe.returncode != 0

    yield make
    for folder in made:
        folder.chmod(0o755)


def test_a_new_store_in_a_read_only_folder_is_refused_clearly(tmp_path, read_only):
    folder = tmp_path / "shared"
    folder.mkdir()
    read_only(folder)
    result = as_plain_user(folder / "map.db")
    assert result["error"] == "StoreUnavailable"
    assert "read-only" in result["message"] and str(folder) in result["message"]
    assert "\n" not in result["message"]


def test_a_store_in_a_read_only_folder_is_refused_clearly(tmp_path, read_only):
    folder = tmp_path / "shared"
    folder.mkdir()
    with SQLiteStore(folder / "map.db") as store:
        store.upsert([actor("a")])
    read_only(folder, folder / "map.db")
    result = as_plain_user(folder / "map.db")
    assert result["error"] == "StoreUnavailable"
    assert "read-only" in result["message"] and str(folder / "map.db") in result["message"]


def test_a_read_only_store_file_can_be_read_but_not_written(tmp_path):
    path = tmp_path / "map.db"
    with SQLiteStore(path) as store:
        store.upsert([actor("a")])
    path.chmod(0o444)
    result = as_plain_user(path)
    assert result["open"] == result["load"] == "ok"
    assert result["actors"] == 1
    assert "write" not in result
    assert result["error"] == "StoreUnavailable"
    assert "read-only" in result["message"] and str(path) in result["message"]


def test_the_pseudonym_key_survives_closing_and_reopening(tmp_path):
    from ecomap.store.sqlite import SQLiteStore

    with SQLiteStore(tmp_path / "map.db") as first:
        key = first.pseudonym_key()
    with SQLiteStore(tmp_path / "map.db") as again:
        assert again.pseudonym_key() == key
    with SQLiteStore(tmp_path / "other.db") as other:
        assert other.pseudonym_key() != key


def test_the_explorers_first_read_is_load_versions_and_revision_at_once(tmp_path):
    """``load_versioned`` (one pass, the explorer's first read) gives what ``load``,
    ``versions`` and ``revision`` give, records equal field for field (custom fields in
    their order, enums and dates typed), including what counts as set in them."""
    with SQLiteStore(tmp_path / "map.db") as store:
        store.apply([actor("a", extra={"zeta": "1", "alpha": "2"}, level="meso"),
                     actor("b", kind="person"), Stake(id="s", name="S"),
                     Relation(source="a", target="b", type="cooperates", weight=2.0,
                              since=date(2024, 3, 1))])  # fmt: skip
        store.apply(
            [actor("a", name="Asso renommée", extra={"zeta": "1", "alpha": "2"})],
            expected={(ACTOR, "a"): 1},
        )
        revision, eco, versions = store.load_versioned()
        loaded = store.load()
        refs = [(kind, key) for kind in RecordKind for key in loaded.records(kind)]
        assert (revision, eco, versions) == (store.revision, loaded, store.versions(refs))
        assert versions[(ACTOR, "a")] == 2 and versions[(ACTOR, "b")] == 1
        assert list(eco.actors["a"].extra) == ["zeta", "alpha"]
        for kind in RecordKind:
            for key, record in eco.records(kind).items():
                stored = loaded.records(kind)[key]
                assert type(record) is type(stored)
                assert record.model_fields_set == stored.model_fields_set
                # A record read can be copied with changes, as pages and forms do.
                assert record.model_copy(update={"name": "x"} if kind != RELATION
                                         else {"weight": 1.0}) != record  # fmt: skip


def test_every_store_reads_map_versions_and_revision_together(tmp_path):
    """The interface's ``load_versioned`` (what a store without a one-pass read, Neo4j,
    gives) and SQLite's one-pass read give the same revision, map and versions."""
    from ecomap.store.base import Store

    with SQLiteStore(tmp_path / "map.db") as store:
        store.apply([actor("a"), actor("b", kind="person"),
                     Relation(source="a", target="b", type="cooperates")])  # fmt: skip
        store.apply([actor("a", name="Asso renommée")], expected={(ACTOR, "a"): 1})
        apart = Store.load_versioned(store)
        assert apart == store.load_versioned()
        assert apart[0] == 2 and apart[2][(ACTOR, "a")] == 2 and apart[2][(ACTOR, "b")] == 1


def test_the_explorers_first_read_names_a_record_it_cannot_read(tmp_path):
    """A record this version cannot read (a kind a newer version wrote) is named, with
    the store, exactly as ``load`` names it; and the store is free again after."""
    from ecomap.errors import UnreadableRecord

    path = tmp_path / "map.db"
    with SQLiteStore(path) as store:
        store.apply([actor("a"), actor("b")])
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE actors SET record = json_set(record, '$.kind', 'robot') WHERE id = 'b'"
        )
    with SQLiteStore(path) as store:
        with pytest.raises(UnreadableRecord) as loaded:
            store.load()
        with pytest.raises(UnreadableRecord) as read:
            store.load_versioned()
        assert str(read.value) == str(loaded.value)
        assert "robot" in str(read.value) and str(path) in str(read.value)
        assert store.revision == 1  # nothing left holding the store
