"""The ``ecomap`` command: every command, its output and its errors (never a traceback)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from ecomap.cli import app, main

ROOT = Path(__file__).resolve().parent.parent

ACTORS = """id,name,kind,level,influence,engagement,tags
alice,Alice Martin,person,,,driver,
bob,Bob Durand,person,,,follower,
mairie,Mairie de Sorne,institution,,4,,public|commune
amap,AMAP du Val,organisation,,1,,
"""
RELATIONS = """source,target,type,weight,power_type,stance,formal,stake
alice,mairie,member_of,,,,,
bob,amap,member_of,,,,,
alice,bob,cooperates,2,,,,
mairie,amap,power,2,economic,,,
mairie,amap,tension,2,,,,marche
mairie,marche,stake,3,,2,,
amap,marche,stake,3,,-2,,
"""
STAKES = "id,name\nmarche,Marché de centre-bourg\n"


@pytest.fixture
def source(tmp_path) -> Path:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (folder / "relations.csv").write_text(RELATIONS, encoding="utf-8")
    (folder / "stakes.csv").write_text(STAKES, encoding="utf-8")
    return folder


@pytest.fixture
def broken(tmp_path) -> Path:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "actors.csv").write_text(
        "id,name,kind,influence\nalice,Alice,persn,\nbob,Bob,person,9\n", encoding="utf-8"
    )
    (folder / "relations.csv").write_text(
        "source,target,type,weight\nalice,bob,cooperates,5\nalice,nobody,tension,\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def store(tmp_path) -> str:
    return str(tmp_path / "map.db")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_validate_accepts_a_valid_map(capsys, source):
    code, out, _ = run(capsys, "validate", source)
    assert code == 0
    assert "valid" in out and "4 actors" in out and "7 relations" in out


def test_validate_lists_every_error_with_its_place(capsys, broken):
    code, _, err = run(capsys, "validate", broken)
    assert code == 1
    # One row per problem: unknown kind, influence out of range, weight out of range,
    # unknown target id — each with its file, spreadsheet line and column.
    assert re.search(r"actors\.csv.*2.*kind.*persn", err)
    assert re.search(r"actors\.csv.*3.*influence.*9", err)
    assert re.search(r"relations\.csv.*2.*weight.*5", err)
    assert re.search(r"relations\.csv.*3.*target.*nobody", err)
    assert "nothing was written" in err


def test_validate_missing_source_is_a_clean_error(capsys, tmp_path):
    code, out, err = run(capsys, "validate", tmp_path / "nowhere")
    assert code != 0
    assert "nowhere" in out + err


def test_import_then_reimport_is_a_no_op(capsys, source, store):
    code, out, _ = run(capsys, "import", source, "--store", store)
    assert code == 0 and "12 added" in out  # 4 actors + 1 stake + 7 relations
    code, out, _ = run(capsys, "import", source, "--store", store)
    assert code == 0 and "Nothing changed" in out


def test_import_of_a_broken_map_writes_nothing(capsys, broken, store):
    code, _, err = run(capsys, "import", broken, "--store", store)
    assert code == 1
    assert "nothing was written" in err
    code, out, _ = run(capsys, "history", "--store", store)
    assert "No change recorded yet" in out


def test_import_lists_what_changes_field_by_field_and_dry_run_writes_nothing(
    capsys, source, store, tmp_path
):
    run(capsys, "import", source, "--store", store)
    patch = tmp_path / "patch"
    patch.mkdir()
    # French Excel: a new actor tied to a stored one; the Mairie's row fills its territory
    # and clears its tags; its influence cell is empty (kept), its name column missing.
    (patch / "actors.csv").write_text(
        "id;nature;territoire;influence;tags;nom\n"
        "mairie;;Val de Sorne;;(vide);\n"
        "cci;structure;;;;CCI du Doubs\n",
        encoding="utf-8",
    )
    (patch / "relations.csv").write_text("source;cible;type\ncci;mairie;coopère\n")
    history = run(capsys, "history", "--store", store)[1]

    code, out, _ = run(capsys, "import", patch, "--store", store, "--dry-run")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"What the import would change in {store}:"
    assert lines[1:6] == [
        "  actor mairie: territory (empty) → 'Val de Sorne'",
        "  actor mairie: tags 'public|commune' → (empty)",
        "  actor cci: added",
        "  relation cooperates cci — mairie: added",
        f"Dry run: 2 added, 1 changed (2 fields), 0 removed; nothing was written to {store}.",
    ]
    assert run(capsys, "history", "--store", store)[1] == history

    code, out, _ = run(capsys, "import", patch, "--store", store)
    assert code == 0 and out.splitlines()[:5] == [f"What the import changed in {store}:",
                                                   *lines[1:5]]  # fmt: skip
    assert "2 added, 1 changed, 0 removed (change #2; snapshot 'import-2')" in out
    code, out, _ = run(capsys, "export", "--to", tmp_path / "out.json", "--store", store)
    mairie = next(
        a for a in json.loads((tmp_path / "out.json").read_text())["actors"] if a["id"] == "mairie"
    )
    assert mairie == {"id": "mairie", "name": "Mairie de Sorne", "kind": "institution",
                      "level": "macro", "territory": "Val de Sorne", "influence": 4}  # fmt: skip


def test_a_dry_run_still_lists_every_error(capsys, broken, store):
    code, _, err = run(capsys, "import", broken, "--store", store, "--dry-run")
    assert code == 1 and "nothing was written" in err and "'persn'" in err


def test_store_from_environment(capsys, source, tmp_path, monkeypatch):
    path = tmp_path / "from-env.db"
    monkeypatch.setenv("ECOMAP_STORE", str(path))
    code, _, _ = run(capsys, "import", source)
    assert code == 0 and path.exists()


def test_import_replace_removes_what_is_not_in_the_source(capsys, source, store, tmp_path):
    run(capsys, "import", source, "--store", store)
    smaller = tmp_path / "smaller"
    smaller.mkdir()
    (smaller / "actors.csv").write_text(
        "id,name,kind\nalice,Alice Martin,person\n", encoding="utf-8"
    )
    (smaller / "relations.csv").write_text("source,target,type\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", smaller, "--store", store, "--replace")
    assert code == 0 and "removed" in out
    code, out, _ = run(capsys, "analyse", "--store", store, "--format", "json", "--only", "")
    assert json.loads(out)["summary"]["actors"] == 1


@pytest.mark.parametrize("target", ["out.json", "out.xlsx", "out.zip", "folder", "out.gexf",
                                    "out.graphml"])  # fmt: skip
def test_export_writes_every_format(capsys, source, store, tmp_path, target):
    run(capsys, "import", source, "--store", store)
    path = tmp_path / target
    code, out, _ = run(capsys, "export", "--to", path, "--store", store)
    assert code == 0 and path.exists()
    if target in ("out.json", "out.xlsx", "out.zip", "folder"):
        code, out, _ = run(capsys, "validate", path)
        assert code == 0 and "4 actors" in out


def test_analyse_json_summary_from_a_source(capsys, source):
    code, out, _ = run(capsys, "analyse", source, "--format", "json", "--only", "")
    assert code == 0
    summary = json.loads(out)["summary"]
    # Counted by hand from ACTORS / RELATIONS / STAKES above: the ecosystem graph links
    # alice–mairie (member_of), bob–amap (member_of), alice–bob (cooperates): one component.
    assert summary == {
        "actors": 4,
        "relations": 7,
        "stakes": 1,
        "spaces": 0,
        "by_kind": {"institution": 1, "organisation": 1, "person": 2},
        "by_relation_type": {"cooperates": 1, "member_of": 2, "power": 1, "stake": 2,
                             "tension": 1},
        "components": 1,
    }  # fmt: skip


def test_analyse_reads_the_store(capsys, source, store):
    run(capsys, "import", source, "--store", store)
    code, out, _ = run(capsys, "analyse", "--store", store, "--format", "json", "--only", "")
    assert code == 0 and json.loads(out)["summary"]["actors"] == 4


def test_analyse_whole_document_and_table(capsys, source):
    code, out, _ = run(capsys, "analyse", source, "--format", "json")
    assert code == 0
    document = json.loads(out)
    for key in ("summary", "fragile_links", "key_people", "imbalances", "bridges", "stakes",
                "latent_tensions", "untapped_cooperation", "engagement", "health",
                "facilitators", "levels", "power_interest"):  # fmt: skip
        assert key in document
    assert "NaN" not in out
    code, out, _ = run(capsys, "analyse", source, "--lang", "fr")
    assert code == 0 and "acteurs" in out


def test_analyse_unknown_section_is_a_clean_error(capsys, source):
    code, _, err = run(capsys, "analyse", source, "--only", "fragile,bridges")
    assert code == 1 and "unknown analysis 'fragile'" in err and "fragile_links" in err


def test_analyse_bad_date_is_a_usage_error(capsys, source):
    code, _, err = run(capsys, "analyse", source, "--as-of", "31/02/2026")
    assert code == 2 and "--as-of" in err


def test_history_undo_and_snapshots(capsys, source, store):
    run(capsys, "import", source, "--store", store)
    code, out, _ = run(capsys, "snapshot", "create", "copil-mars", "--note", "avant", "--store",
                       store)  # fmt: skip
    assert code == 0 and "copil-mars" in out
    code, out, _ = run(capsys, "snapshot", "list", "--store", store)
    assert "copil-mars" in out and "import-1" in out
    code, _, err = run(capsys, "snapshot", "create", "copil-mars", "--store", store)
    assert code == 1 and "copil-mars" in err
    code, out, _ = run(capsys, "history", "--store", store)
    assert code == 0 and "import" in out
    code, out, _ = run(capsys, "undo", "--store", store)
    assert code == 0 and "Undone" in out
    code, out, _ = run(capsys, "analyse", "--store", store, "--format", "json", "--only", "")
    assert json.loads(out)["summary"]["actors"] == 0
    code, out, _ = run(capsys, "snapshot", "restore", "copil-mars", "--store", store)
    assert code == 0
    code, out, _ = run(capsys, "analyse", "--store", store, "--format", "json", "--only", "")
    assert json.loads(out)["summary"]["actors"] == 4
    code, out, _ = run(capsys, "snapshot", "restore", "nope", "--store", store)
    assert code == 1


def test_undo_with_nothing_to_undo(capsys, store):
    code, out, _ = run(capsys, "undo", "--store", store)
    assert code == 0 and "Nothing to undo" in out


def test_template(capsys, tmp_path):
    path = tmp_path / "modele.xlsx"
    code, _, _ = run(capsys, "template", path)
    assert code == 0 and path.stat().st_size > 0
    code, _, err = run(capsys, "template", tmp_path / "modele.csv")
    assert code == 2


def test_app_starts_streamlit_on_the_store(capsys, source, store, monkeypatch):
    calls = []
    monkeypatch.setattr(subprocess, "call", lambda cmd, env: calls.append((cmd, env)) or 0)
    code, out, _ = run(capsys, "app", source, "--store", store, "--port", "8599", "--read-only",
                       "--headless")  # fmt: skip
    assert code == 0
    ((cmd, env),) = calls
    assert cmd[1:4] == ["-m", "streamlit", "run"] and cmd[4].endswith("app.py")
    assert "8599" in cmd and env["ECOMAP_STORE"] == store and env["ECOMAP_READ_ONLY"] == "1"
    code, out, _ = run(capsys, "analyse", "--store", store, "--format", "json", "--only", "")
    assert json.loads(out)["summary"]["actors"] == 4  # the source was imported first


def test_unreadable_store_is_a_clean_error(capsys, tmp_path):
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not a database" * 100)
    code, _, err = run(capsys, "history", "--store", bad)
    assert code == 1 and "not-a-db.db" in err


def test_every_command_is_in_the_readme():
    import typer.main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    names = []
    for name, command in group.commands.items():
        subcommands = getattr(command, "commands", None)
        names += [f"{name} {sub}" for sub in subcommands] if subcommands else [name]
    missing = [n for n in names if f"ecomap {n}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = ci.strip().splitlines()[-1]
    assert command in readme
