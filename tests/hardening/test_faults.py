"""File-system faults seen through the command line: read-only folders and full disks.

For every fault the user gets one line (``error: …``), a non-zero exit code and no
traceback; no partial file is left beside the target; nothing already saved is lost
(an earlier export stays byte for byte, the store opens and holds what it held).

The faults are real where a test can make them real:

- a read-only folder is a folder with mode 0555, written by a child process that runs
  without root's power to ignore permissions (CAP_DAC_OVERRIDE), so the tests mean
  the same as root or as a plain user;
- "the disk stops taking bytes" is a child process whose file size limit
  (RLIMIT_FSIZE) makes the kernel cut a write short and then refuse it, as a full
  disk or a quota does; SQLite's own "disk full" (SQLITE_FULL, what it reports for
  ENOSPC) comes from a page budget (``PRAGMA max_page_count``) on the connection;
- ENOSPC itself is raised where the writers make sure bytes reach the disk (fsync).
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ecomap.cli import main
from ecomap.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[2]
TERRITORY = ROOT / "data" / "territoire-vallee"  # exports of 40 kB to 340 kB
FRAGILITY = ROOT / "data" / "examples" / "fragility"

# Runs several commands in one child interpreter (starting one costs seconds) and
# prints, for each, its exit code and what it wrote.
_CHILD = """
import contextlib, io, json, sys
from ecomap.cli import main
results = []
for args in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    results.append({"code": code, "out": out.getvalue(), "err": err.getvalue()})
print(json.dumps(results))
"""


def _without_root_powers() -> None:
    """In the child: drop the capabilities that let root ignore file permissions."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "cannot drop root's file powers")


def _file_size_limit(limit: int):
    def apply() -> None:
        # Without SIGXFSZ ignored the kernel would kill the child instead of failing the write.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def in_child(
    commands: list[list[object]], preexec_fn=None, *, tmp: Path | None = None
) -> list[dict]:
    """Run the commands in one child, without Neo4j credentials from the environment;
    ``tmp`` is its temporary folder (TMPDIR)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "ECOMAP_"))}
    if tmp is not None:
        env["TMPDIR"] = str(tmp)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps([[str(a) for a in c] for c in commands])],
        preexec_fn=preexec_fn,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    return json.loads(done.stdout)


def one_line_error(result: dict, *words: str) -> str:
    """The error line of a failed command, checked: one line, no traceback, no bug report."""
    assert result["code"] != 0
    assert result["out"] == ""
    err = result["err"]
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "unexpected error" not in err
    for word in words:
        assert word in err, err
    return err


def listing(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) and its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def stored(tmp_path) -> Path:
    """A store holding the sample territory (its exports weigh 40 to 340 kB)."""
    path = tmp_path / "map.db"
    assert main(["import", str(TERRITORY), "--store", str(path)]) == 0
    return path


@pytest.fixture
def small(tmp_path) -> Path:
    """A store holding a small map (quicker to export and report on)."""
    path = tmp_path / "small.db"
    assert main(["import", str(FRAGILITY), "--store", str(path)]) == 0
    return path


def contents(path: Path) -> tuple:
    """What a store holds: its map, the ids of its changes and its snapshots."""
    with SQLiteStore(path) as store:
        eco = store.load()
        return (
            eco.actors, eco.relations, eco.stakes, eco.spaces,
            [c.id for c in store.history()], [s.name for s in store.snapshot_list()],
        )  # fmt: skip


@pytest.fixture
def read_only(tmp_path):
    """Make folders read-only for the child (and give them back afterwards)."""
    made: list[Path] = []

    def make(folder: Path) -> Path:
        folder.chmod(0o555)
        made.append(folder)
        probe = subprocess.run(
            [sys.executable, "-c", f"open({str(folder / 'probe')!r}, 'w')"],
            preexec_fn=_without_root_powers,
            capture_output=True,
        )
        assert probe.returncode != 0, "the folder should be read-only for the child"
        return folder

    yield make
    for folder in made:
        folder.chmod(0o755)


# -- read-only folders -----------------------------------------------------------------


def test_nothing_can_be_written_into_a_read_only_folder(tmp_path, small, read_only):
    shared = tmp_path / "shared"
    shared.mkdir()
    assert main(["export", "--store", str(small), "--to", str(shared / "carte.xlsx")]) == 0
    before, saved = listing(shared), contents(small)
    read_only(shared)
    targets = {
        "carte.xlsx": ["export", "--store", small, "--to", shared / "carte.xlsx"],
        "carte.json": ["export", "--store", small, "--to", shared / "carte.json"],
        "dossier": ["export", "--store", small, "--to", shared / "dossier"],
        "carte.gexf": ["export", "--store", small, "--to", shared / "carte.gexf"],
        "rapport.html": ["report", "--store", small, "--out", shared / "rapport.html"],
        "modele.xlsx": ["template", shared / "modele.xlsx"],
    }
    results = in_child(list(targets.values()), _without_root_powers)
    for name, result in zip(targets, results, strict=True):
        one_line_error(result, str(shared / name), "Permission denied")
    assert listing(shared) == before  # the earlier export is intact, nothing was added
    assert contents(small) == saved


def test_a_store_in_a_read_only_folder_keeps_its_data(tmp_path, read_only):
    folder = tmp_path / "share"
    folder.mkdir()
    store = folder / "map.db"
    assert main(["import", str(FRAGILITY), "--store", str(store)]) == 0
    saved = contents(store)
    store.chmod(0o444)
    read_only(folder)
    results = in_child(
        [
            ["import", TERRITORY, "--store", store],
            ["snapshot", "create", "copil", "--store", store],
            ["undo", "--store", store],
            ["history", "--store", store],
            ["import", FRAGILITY, "--store", folder / "new.db"],
        ],
        _without_root_powers,
    )
    for result in results[:4]:
        one_line_error(result, str(store), "read-only")
    one_line_error(results[4], str(folder), "read-only")
    assert sorted(p.name for p in folder.iterdir()) == ["map.db"]
    store.chmod(0o644)
    assert contents(store) == saved


# -- the disk stops taking bytes ---------------------------------------------------------


def test_a_disk_that_stops_taking_bytes_leaves_no_partial_export(tmp_path, stored):
    out = tmp_path / "out"
    out.mkdir()
    # An earlier export, which a failed one must leave as it is.
    assert main(["export", "--store", str(stored), "--to", str(out / "carte.json")]) == 0
    assert main(["export", "--store", str(stored), "--to", str(out / "dossier")]) == 0
    before, saved = listing(out), contents(stored)
    temporary = tmp_path / "tmp"  # where openpyxl streams each sheet before zipping it
    temporary.mkdir()
    # 40 kB: enough for SQLite's shared memory file (32 kB), not for the exports.
    results = in_child(
        [
            ["export", "--store", stored, "--to", out / "carte.json"],
            ["export", "--store", stored, "--to", out / "carte.xlsx"],
            ["export", "--store", stored, "--to", out / "dossier"],
            ["export", "--store", stored, "--to", out / "neuf"],
            ["report", "--store", stored, "--out", out / "rapport.html"],
        ],
        _file_size_limit(40_000),
        tmp=temporary,
    )
    for result, name in zip(results, ["carte.json", "carte.xlsx", "dossier", "neuf",
                                      "rapport.html"], strict=True):  # fmt: skip
        one_line_error(result, str(out / name), "File too large")
    assert listing(out) == before
    assert listing(temporary) == {}
    assert contents(stored) == saved


def test_an_import_cut_short_by_the_disk_leaves_the_store_as_it_was(tmp_path):
    store = tmp_path / "map.db"
    assert main(["import", str(FRAGILITY), "--store", str(store)]) == 0
    saved = contents(store)
    # Room for the store as it is and its shared memory file, not for the import.
    [result] = in_child(
        [["import", TERRITORY, "--store", store]], _file_size_limit(store.stat().st_size + 40_000)
    )
    one_line_error(result, str(store))
    assert contents(store) == saved


def test_no_space_left_when_an_export_is_synced(tmp_path, stored, monkeypatch, capsys):
    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(os, "fsync", full)
    for target in ("carte.xlsx", "dossier"):
        assert main(["export", "--store", str(stored), "--to", str(out / target)]) == 1
        captured = capsys.readouterr()
        assert captured.err == f"error: {out / target}: cannot write: No space left on device\n"
    assert listing(out) == {}


# -- SQLite's "database or disk is full" ---------------------------------------------------


@pytest.fixture
def page_budget(monkeypatch):
    """Give every store connection opened from now on only ``pages`` more pages.

    SQLite reports a full page budget exactly as a full disk: SQLITE_FULL.
    """

    def set_budget(pages: int) -> None:
        connect = sqlite3.connect

        def budgeted(*args, **kwargs):
            conn = connect(*args, **kwargs)
            size = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {size + pages}")
            return conn

        monkeypatch.setattr(sqlite3, "connect", budgeted)

    return set_budget


def test_a_full_disk_during_an_import_writes_nothing(tmp_path, page_budget, capsys):
    store = tmp_path / "map.db"
    assert main(["import", str(FRAGILITY), "--store", str(store)]) == 0
    saved = contents(store)
    capsys.readouterr()
    page_budget(5)
    assert main(["import", str(TERRITORY), "--store", str(store)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"error: {store}: the disk is full; nothing was written\n"
    assert contents(store) == saved


def test_a_full_disk_for_the_import_snapshot_writes_neither(tmp_path, page_budget, capsys):
    """There is room for the import (about 90 pages), not for its snapshot (a copy of
    the whole map): the two are one transaction, so neither is saved, and the same
    import once there is room is not a no-op."""
    store = tmp_path / "map.db"
    assert main(["import", str(FRAGILITY), "--store", str(store)]) == 0
    saved = contents(store)
    capsys.readouterr()
    page_budget(100)
    assert main(["import", str(TERRITORY), "--store", str(store)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"error: {store}: the disk is full; nothing was written\n"
    assert contents(store) == saved
    page_budget(10_000)  # room again
    assert main(["import", str(TERRITORY), "--store", str(store)]) == 0
    *_, changes, snapshots = contents(store)
    assert changes == [2, 1] and snapshots == ["import-1", "import-2"]


def test_a_full_disk_refuses_edits_cleanly(tmp_path, page_budget, capsys):
    store = tmp_path / "map.db"
    assert main(["import", str(TERRITORY), "--store", str(store)]) == 0
    saved = contents(store)
    capsys.readouterr()
    page_budget(0)
    for command in (["snapshot", "create", "copil"], ["undo"]):
        assert main([*command, "--store", str(store)]) == 1
        captured = capsys.readouterr()
        assert captured.err == f"error: {store}: the disk is full; nothing was written\n"
    assert contents(store) == saved


# -- who may read what is written ----------------------------------------------------------


@pytest.fixture
def umask():
    """Set the process's umask for the test (as a user's shell does)."""
    previous = os.umask(0o022)
    yield os.umask
    os.umask(previous)


def test_exports_are_created_like_any_new_file(tmp_path, small, umask, capsys):
    """A map exported to a shared folder is readable by whoever may read new files there.

    Temporary files (mkstemp, mkdtemp) are private (0600, 0700) and would stay so once
    renamed into place; the files and folders written must follow the umask instead.
    """
    umask(0o027)  # a team folder: the group reads, others do not
    for target in ("carte.xlsx", "carte.json", "carte.gexf", "dossier"):
        assert main(["export", "--store", str(small), "--to", str(tmp_path / target)]) == 0
    assert main(["report", "--store", str(small), "--out", str(tmp_path / "r.html")]) == 0
    written = ("carte.xlsx", "carte.json", "carte.gexf", "r.html")
    assert {(tmp_path / name).stat().st_mode & 0o777 for name in written} == {0o640}
    assert (tmp_path / "dossier").stat().st_mode & 0o777 == 0o750
    assert {p.stat().st_mode & 0o777 for p in (tmp_path / "dossier").iterdir()} == {0o640}

    # Written over, a file keeps the permissions its owner gave it.
    (tmp_path / "carte.json").chmod(0o664)
    (tmp_path / "r.html").chmod(0o600)
    assert main(["export", "--store", str(small), "--to", str(tmp_path / "carte.json")]) == 0
    assert main(["report", "--store", str(small), "--out", str(tmp_path / "r.html")]) == 0
    assert (tmp_path / "carte.json").stat().st_mode & 0o777 == 0o664
    assert (tmp_path / "r.html").stat().st_mode & 0o777 == 0o600


# -- a Neo4j server that is not there -------------------------------------------------------


def test_an_unreachable_neo4j_server_is_one_line_naming_it(tmp_path):
    """Nothing listens on port 1: every command that needs the store says so in one line.

    Run in a child because that is where it matters: in a bare interpreter, the Neo4j
    driver's own log records would reach the terminal (pytest captures them here).
    What the store checks for each kind of fault (credentials, database, rights,
    timeouts, memory) is tested with a fake driver in ``tests/store/test_neo4j.py``.
    """
    addresses = ["bolt://127.0.0.1:1", "neo4j://127.0.0.1:1"]  # one server; a cluster
    commands = [
        command
        for address in addresses
        for command in (
            ["import", FRAGILITY, "--store", address],
            ["history", "--store", address],
            ["export", "--store", address, "--to", tmp_path / "carte.json"],
            ["analyse", "--store", address],
            ["undo", "--store", address],
            ["snapshot", "list", "--store", address],
            ["report", "--store", address, "--out", tmp_path / "rapport.html"],
        )
    ]
    for command, result in zip(commands, in_child(commands), strict=True):
        line = one_line_error(
            result, f"cannot reach Neo4j at {command[command.index('--store') + 1]}"
        )
        assert "check the host and port" in line
    assert list(tmp_path.iterdir()) == []
