"""A process that uses a SQLite store while others do, for ``test_sqlite.py``.

Run as ``python sqlite_worker.py MODE STORE [ARGS...]``; it prints one JSON line (what
it did) and exits, or waits to be killed. Modes:

- ``writes STORE WORKER COUNT SHARED_EVERY INCREMENTS GO``: waits for the file GO, then
  upserts COUNT actors of its own, rewrites a shared actor every SHARED_EVERY writes,
  and adds 1 INCREMENTS times to a shared counter by read-modify-write with
  ``expected`` versions, retrying on conflict;
- ``stale-edit STORE WORKER READY GO``: reads the version of the actor ``mairie``,
  creates READY, waits for GO, then saves its own name with that version expected;
- ``import-killed STORE RELATIONS MARKER WHEN``: imports a map of RELATIONS relations
  and, with WHEN = ``before-commit``, stops just before the import commits (writing
  MARKER), or with WHEN = ``after-commit``, just after; then waits to be killed;
- ``snapshot-killed STORE MARKER``: imports a small map with its snapshot and stops
  while the snapshot is written, before anything commits (writing MARKER); then
  waits to be killed;
- ``edits-killed STORE MARKER``: upserts actors ``k0``, ``k1``, … one change each,
  writing the count done to MARKER after each, until it is killed;
- ``open STORE``: opens the store, loads it and writes to it, and reports each step.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from ecomap.errors import ConflictError, EcomapError
from ecomap.model import Actor, Ecosystem, RecordKind, Relation, Stake
from ecomap.store.sqlite import SQLiteStore

COUNTER = (RecordKind.STAKE, "counter")


def wait_for(path: Path, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"{path} never appeared")
        time.sleep(0.005)


def writes(store: Path, worker: str, count: str, shared_every: str, increments: str, go: str):
    me = f"w{worker}"
    changes, conflicts = [], 0
    with SQLiteStore(store, timeout=120) as s:
        wait_for(Path(go))
        for i in range(int(count)):
            own = Actor(id=f"{me}-{i}", name=f"Person {i} of {me}", kind="person")
            changes.append(s.upsert([own], author=me).id)
            if i % int(shared_every) == 0:
                shared = Actor(id=f"shared-{i % 3}", name=f"{me} #{i}", kind="organisation")
                changes.append(s.upsert([shared], author=me).id)
        for _ in range(int(increments)):
            while True:
                # Versions first: a value read after them is at least as new, so a write
                # based on an older value is always caught as stale.
                seen = s.versions([COUNTER])
                value = int(s.load().stakes[COUNTER[1]].description)
                counter = Stake(id=COUNTER[1], name="counter", description=str(value + 1))
                try:
                    changes.append(s.upsert([counter], author=me, expected=seen).id)
                    break
                except ConflictError:
                    conflicts += 1
    return {"worker": me, "changes": changes, "conflicts": conflicts}


def stale_edit(store: Path, worker: str, ready: str, go: str):
    with SQLiteStore(store, timeout=120) as s:
        seen = s.versions([(RecordKind.ACTOR, "mairie")])
        Path(ready).touch()
        wait_for(Path(go))
        mine = Actor(id="mairie", name=f"Mairie, edited by {worker}", kind="institution")
        try:
            change = s.upsert([mine], author=worker, expected=seen)
        except ConflictError as conflict:
            return {"worker": worker, "saved": None, "conflict": conflict.keys}
        return {"worker": worker, "saved": change.id, "conflict": None}


def big_map(relations: int) -> Ecosystem:
    """Actors in a ring, each cooperating with its next neighbours: ``relations`` ties."""
    eco = Ecosystem()
    n = max(relations // 4, 10)
    for i in range(n):
        eco.add(Actor(id=f"big{i}", name=f"Big {i}", kind="organisation"))
    step = 1
    while len(eco.relations) < relations:
        for i in range(n):
            eco.add(Relation(source=f"big{i}", target=f"big{(i + step) % n}", type="cooperates"))
            if len(eco.relations) == relations:
                break
        step += 1
    return eco


def mark(marker: str, text: str) -> None:
    """Write the marker whole: the test reads it as soon as it exists."""
    partial = Path(f"{marker}.partial")
    partial.write_text(text)
    os.replace(partial, marker)


def import_killed(store: Path, relations: str, marker: str, when: str):
    eco = big_map(int(relations))
    s = SQLiteStore(store, timeout=120)
    if when == "before-commit":
        written = []

        def pause_before_commit(statement: str) -> None:
            if statement.startswith("INSERT INTO relations"):
                written.append(True)
            elif statement == "COMMIT" and written:
                mark(marker, "every row written, not committed")
                time.sleep(600)

        # Through the connection's trace hook: the store's own code runs unchanged.
        s._conn.set_trace_callback(pause_before_commit)
        s.import_map(eco, snapshot=False)
    else:
        change = s.import_map(eco, snapshot=False)
        mark(marker, str(change.id))
        time.sleep(600)


def snapshot_killed(store: Path, marker: str):
    s = SQLiteStore(store, timeout=120)

    def pause_at_the_snapshot(statement: str) -> None:
        if statement.startswith("INSERT INTO snapshots"):
            mark(marker, "the import written, its snapshot being written")
            time.sleep(600)

    s._conn.set_trace_callback(pause_at_the_snapshot)
    s.import_map(big_map(40))


def edits_killed(store: Path, marker: str):
    with SQLiteStore(store, timeout=120) as s:
        i = 0
        while True:
            s.upsert([Actor(id=f"k{i}", name=f"K {i}", kind="person")])
            i += 1
            mark(marker, str(i))


def open_store(store: Path):
    report = {}
    try:
        s = SQLiteStore(store)
        report["open"] = "ok"
        report["actors"] = len(s.load().actors)
        report["load"] = "ok"
        s.upsert([Actor(id="written", name="Written", kind="person")])
        report["write"] = "ok"
    except EcomapError as error:
        report["error"] = type(error).__name__
        report["message"] = str(error)
    except Exception as error:  # reported, so that the test shows what leaked
        report["error"] = f"raw {type(error).__module__}.{type(error).__name__}"
        report["message"] = str(error)
    return report


MODES = {
    "writes": writes,
    "stale-edit": stale_edit,
    "import-killed": import_killed,
    "snapshot-killed": snapshot_killed,
    "edits-killed": edits_killed,
    "open": open_store,
}

if __name__ == "__main__":
    mode, store, *args = sys.argv[1:]
    print(json.dumps(MODES[mode](Path(store), *args)), flush=True)
