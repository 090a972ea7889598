"""Every change made from the command line names its author: ``--author``, else
``ECOMAP_AUTHOR``, else the system user; ``ecomap history`` shows it."""

from __future__ import annotations

from pathlib import Path

from ecomap.cli import main
from ecomap.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "territoire-vallee"


def run(capsys, *args) -> tuple[int, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out


def authors(path: Path) -> list[str | None]:
    with SQLiteStore(path) as store:
        return [c.author for c in store.history(None, items=False)]


def test_the_author_of_each_change_from_the_command_line(capsys, tmp_path, monkeypatch):
    store = tmp_path / "map.db"
    monkeypatch.setattr("getpass.getuser", lambda: "agent-local")
    monkeypatch.setenv("ECOMAP_AUTHOR", "claire@agglo-exemple.fr")
    assert run(capsys, "import", SAMPLE, "--store", store)[0] == 0
    assert run(capsys, "snapshot", "create", "copil", "--store", store)[0] == 0
    assert run(capsys, "undo", "--store", store)[0] == 0
    monkeypatch.delenv("ECOMAP_AUTHOR")
    assert run(capsys, "snapshot", "restore", "import-1", "--store", store)[0] == 0
    assert run(capsys, "import", SAMPLE, "--store", store, "--replace", "--author", "paul")[0] == 0
    # Newest first: the last import changed nothing (no change logged), the restore,
    # the undo, the first import.
    assert authors(store) == ["agent-local", "claire@agglo-exemple.fr", "claire@agglo-exemple.fr"]
    monkeypatch.setenv("COLUMNS", "200")  # one line per change: the author unfolded
    code, out = run(capsys, "history", "--store", store)
    assert code == 0 and "by" in out
    assert "agent-local" in out and "claire@agglo-exemple.fr" in out
