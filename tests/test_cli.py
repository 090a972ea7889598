"""The ``ecomap`` command: every command, its output and its errors (never a traceback)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from ecomap.cli import app, main
from ecomap.store import neo4j as neo4j_store
from ecomap.store.sqlite import SQLiteStore

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


@pytest.fixture(autouse=True)
def no_settings_from_the_environment(monkeypatch):
    """What these tests run is what they say: no store, language, port, read-only switch
    or Neo4j credentials from the environment of whoever runs them."""
    for name in list(os.environ):
        if name.startswith(("ECOMAP_", "NEO4J_")):
            monkeypatch.delenv(name)


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
    # A wrong option value is a usage error (2), naming the short names to choose from.
    assert code == 2 and "unknown analysis 'fragile'" in err and "fragile-links" in err
    assert "Traceback" not in err and "--only" in err


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


@pytest.fixture
def launched(monkeypatch, tmp_path) -> list[tuple[list[str], dict]]:
    """Streamlit's launches, recorded instead of run; started from a folder and a home
    without Streamlit secrets (so without sign-in)."""
    calls: list[tuple[list[str], dict]] = []
    monkeypatch.setattr(subprocess, "call", lambda cmd, env: calls.append((cmd, env)) or 0)
    (tmp_path / "home").mkdir()
    (tmp_path / "cwd").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path / "cwd")
    return calls


def options(cmd: list[str]) -> dict[str, str]:
    """Streamlit's ``--section.name value`` options of a command line."""
    flags = cmd[cmd.index("run") + 2 :]
    assert len(flags) % 2 == 0 and all(f.startswith("--") for f in flags[::2]), flags
    assert len(set(flags[::2])) == len(flags[::2]), "an option is given twice"
    return dict(zip(flags[::2], flags[1::2], strict=True))


def test_app_starts_streamlit_on_the_store(capsys, source, store, launched):
    code, out, _ = run(capsys, "app", source, "--store", store, "--port", "8599", "--read-only",
                       "--headless")  # fmt: skip
    assert code == 0
    ((cmd, env),) = launched
    # Streamlit's own ``streamlit run``, through the launcher that makes the first page
    # as the explorer starts.
    assert cmd[1].endswith("streamlit_run.py") and Path(cmd[1]).exists()
    assert cmd[2] == "run" and cmd[3].endswith("app.py")
    assert env["ECOMAP_STORE"] == store and env["ECOMAP_READ_ONLY"] == "1"
    assert "ECOMAP_UNPROTECTED" not in env
    given = options(cmd)
    # This computer only; never a prompt in the terminal, never statistics or promotions.
    assert given["--server.address"] == "127.0.0.1" and given["--server.port"] == "8599"
    assert given["--server.headless"] == "true"
    assert given["--server.showEmailPrompt"] == "false"
    assert given["--browser.gatherUsageStats"] == "false"
    assert given["--client.toolbarMode"] == "viewer"
    # Younger than some Streamlit versions ecomap runs on: in the environment, which an
    # older Streamlit ignores (its command line would refuse an unknown option).
    assert env["STREAMLIT_LOGGER_HIDE_WELCOME_MESSAGE"] == "true"
    # The project's settings hold when started from another folder (this test's).
    assert given["--theme.primaryColor"] == "#2e7d32"
    assert given["--client.showErrorDetails"] == "none"
    assert "http://127.0.0.1:8599" in out
    code, out, _ = run(capsys, "analyse", "--store", store, "--format", "json", "--only", "")
    assert json.loads(out)["summary"]["actors"] == 4  # the source was imported first


def test_the_project_settings_file_says_what_ecomap_app_passes():
    import tomllib

    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["server"]["showEmailPrompt"] is False
    assert settings["server"]["address"] == "127.0.0.1"
    assert settings["browser"]["gatherUsageStats"] is False
    assert settings["client"]["toolbarMode"] == "viewer"
    assert settings["logger"]["hideWelcomeMessage"] is True


def test_app_opens_a_browser_only_where_there_is_a_screen(capsys, store, launched, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    run(capsys, "app", "--store", store, "--port", str(free_port()))
    monkeypatch.setenv("DISPLAY", ":0")
    run(capsys, "app", "--store", store, "--port", str(free_port()))
    run(capsys, "app", "--store", store, "--port", str(free_port()), "--headless")
    headless = [options(cmd)["--server.headless"] for cmd, _ in launched]
    assert headless == ["true", "false", "true"]


def test_app_refuses_to_serve_a_network_without_sign_in(capsys, store, launched, tmp_path):
    port = str(free_port())
    code, out, err = run(capsys, "app", "--store", store, "--host", "0.0.0.0", "--port", port)
    assert code == 1 and not launched
    assert "no sign-in is configured" in err and "--no-sign-in" in err and "127.0.0.1" in err
    assert err.count("\n") == 1


def test_app_without_sign_in_on_a_network_by_choice_says_so(capsys, store, launched, monkeypatch):
    monkeypatch.setenv("ECOMAP_UNPROTECTED", "1")  # inherited: must not leak into a safe run
    port = str(free_port())
    code, out, err = run(capsys, "app", "--store", store, "--host", "0.0.0.0", "--port", port,
                         "--no-sign-in")  # fmt: skip
    assert code == 0
    ((cmd, env),) = launched
    assert options(cmd)["--server.address"] == "0.0.0.0"
    assert env["ECOMAP_UNPROTECTED"] == "1"  # every page shows a warning
    assert "without sign-in" in err and "anyone" in err
    run(capsys, "app", "--store", store, "--port", port, "--no-sign-in")
    assert "ECOMAP_UNPROTECTED" not in launched[-1][1]  # 127.0.0.1: nothing to warn about


@pytest.fixture
def provider():
    """A stand-in OpenID Connect provider on 127.0.0.1: its discovery document only."""
    import http.server

    class Discovery(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            body = json.dumps({"issuer": f"http://127.0.0.1:{port}",
                               "authorization_endpoint": "/auth"}).encode()  # fmt: skip
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Discovery)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}/.well-known/openid-configuration"
    server.shutdown()


def _auth(provider: str, **leave_out: bool) -> str:
    values = {"redirect_uri": "http://carte.example.fr/oauth2callback", "cookie_secret": "x",
              "client_id": "ecomap", "client_secret": "s3cret-value",
              "server_metadata_url": provider}  # fmt: skip
    lines = [f'{k} = "{v}"' for k, v in values.items() if not leave_out.get(k)]
    return "[auth]\n" + "\n".join(lines) + "\n"


def test_app_with_sign_in_configured_serves_a_network(capsys, store, launched, tmp_path,
                                                      provider):  # fmt: skip
    secrets = tmp_path / "cwd" / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text(_auth(provider), encoding="utf-8")
    code, _, err = run(capsys, "app", "--store", store, "--host", "0.0.0.0", "--port",
                       str(free_port()))  # fmt: skip
    assert code == 0 and err == ""
    assert "ECOMAP_UNPROTECTED" not in launched[-1][1]
    # Named data leaves through the export page only, not the tables' own download.
    assert options(launched[-1][0])["--client.disableDataExport"] == "true"
    secrets.write_text("[auth\n", encoding="utf-8")
    code, _, err = run(capsys, "app", "--store", store, "--host", "0.0.0.0")
    assert code == 1 and str(secrets) in err and len(launched) == 1


def test_a_sign_in_configuration_with_something_to_fix_says_what_at_start(
    capsys, store, launched, tmp_path, provider
):
    secrets = tmp_path / "cwd" / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text(_auth(provider, client_secret=True), encoding="utf-8")
    code, _, err = run(capsys, "app", "--store", store, "--port", str(free_port()))
    assert code == 1 and not launched
    assert "[auth] client_secret: missing or empty" in err
    assert "Traceback" not in err and err.count("\n") == 1
    # A provider address that does not answer is said too, without the secret.
    nowhere = f"http://127.0.0.1:{free_port()}/.well-known/openid-configuration"
    secrets.write_text(_auth(nowhere), encoding="utf-8")
    code, _, err = run(capsys, "app", "--store", store, "--port", str(free_port()))
    assert code == 1 and not launched
    assert "[auth] server_metadata_url: the identity provider does not answer" in err
    assert nowhere in err and "s3cret-value" not in err


def test_a_busy_port_says_how_to_choose_another_before_anything_is_done(
    capsys, source, store, launched
):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        code, _, err = run(capsys, "app", source, "--store", store, "--port", str(port))
    assert code == 1 and not launched
    assert f"port {port} is already in use" in err and "--port" in err
    suggested = int(re.search(r"--port (\d+)", err).group(1))
    assert suggested != port
    assert not Path(store).exists()  # checked before importing


def test_a_host_that_is_not_this_computer_is_a_clean_error(capsys, store, launched):
    code, _, err = run(capsys, "app", "--store", store, "--host", "nowhere.invalid",
                       "--no-sign-in")  # fmt: skip
    assert code == 1 and not launched and "--host nowhere.invalid" in err


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


# -- backup --------------------------------------------------------------------------


@pytest.fixture
def in_use(source, store):
    """A store with edits saved through a connection that stays open (as the explorer's
    does): they are in the write-ahead log, not yet in the store's file."""
    from ecomap.ingest import read_map
    from ecomap.model import Actor

    live = SQLiteStore(store)
    live.import_map(read_map(source)[0], source="map")
    live.snapshot_create("copil-mars")
    for n in range(5):
        live.upsert([Actor(id=f"new-{n}", name=f"Structure {n}", kind="organisation")])
    yield live
    live.close()


def contents(s: SQLiteStore):
    history = [(c.id, c.action, c.summary, c.undone_by) for c in s.history(limit=None)]
    snapshots = [(i.name, i.note) for i in s.snapshot_list()]
    return s.load(), s.revision, history, snapshots


def test_backup_holds_the_edits_of_a_store_in_use(capsys, store, in_use, tmp_path):
    wal = Path(f"{store}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    # What "copy the file" gives: none of the edits in the log.
    plain = tmp_path / "plain.db"
    shutil.copyfile(store, plain)
    with SQLiteStore(plain) as copied:
        assert "new-4" not in copied.load().actors
    target = tmp_path / "sauvegarde.db"
    code, out, _ = run(capsys, "backup", target, "--store", store)
    assert code == 0 and str(target) in out and "restore" in out
    assert not Path(f"{target}-wal").exists()  # one file
    with SQLiteStore(target) as copy:
        assert contents(copy) == contents(in_use)
        assert "new-4" in copy.load().actors and copy.revision == 6  # import + 5 edits


def test_backup_never_replaces_a_file_unless_forced(capsys, store, in_use, tmp_path):
    target = tmp_path / "sauvegarde.db"
    target.write_bytes(b"an older backup")
    Path(f"{target}-wal").write_bytes(b"the log of the file formerly there")
    code, _, err = run(capsys, "backup", target, "--store", store)
    assert code == 1 and "already exists" in err and "--force" in err
    assert target.read_bytes() == b"an older backup"
    code, _, _ = run(capsys, "backup", target, "--store", store, "--force")
    assert code == 0 and not Path(f"{target}-wal").exists()
    with SQLiteStore(target) as copy:
        assert contents(copy) == contents(in_use)
    assert not list(tmp_path.glob(".*partial"))


def test_restoring_a_backup_as_the_readme_says(capsys, store, in_use, tmp_path):
    target = tmp_path / "sauvegarde.db"
    run(capsys, "backup", target, "--store", store)
    saved = contents(in_use)
    from ecomap.model import Actor

    in_use.upsert([Actor(id="after", name="After the backup", kind="organisation")])
    in_use.close()  # "stop the explorer"
    for name in (store, f"{store}-wal", f"{store}-shm"):  # "move ecomap.db aside, with…"
        if Path(name).exists():
            Path(name).rename(f"{name}.old")
    shutil.copyfile(target, store)  # "copy the backup to ecomap.db"
    with SQLiteStore(store) as restored:
        assert contents(restored) == saved
    code, out, _ = run(capsys, "snapshot", "list", "--store", store)
    assert code == 0 and "copil-mars" in out


def test_backup_says_what_it_cannot_do(capsys, store, tmp_path):
    target = tmp_path / "sauvegarde.db"
    code, _, err = run(capsys, "backup", target, "--store", store)
    assert code == 1 and "no store at" in err and not Path(store).exists()
    code, _, err = run(capsys, "backup", target, "--store", "bolt://127.0.0.1:9")
    assert code == 1 and "neo4j-admin database dump" in err and "ecomap export" in err
    assert not target.exists()
    SQLiteStore(store).close()
    code, _, err = run(capsys, "backup", tmp_path / "nowhere" / "x.db", "--store", store)
    assert code == 1 and "does not exist" in err
    code, _, err = run(capsys, "backup", store, "--store", store, "--force")
    assert code == 1 and "onto itself" in err


# -- an unresponsive Neo4j server ----------------------------------------------------


@pytest.fixture
def mute_neo4j(monkeypatch, mute_server):
    """A Neo4j URI whose server accepts connections and never answers; the connection
    timeout shortened to 1.5 s so the test is quick."""
    monkeypatch.setattr(neo4j_store, "CONNECTION_TIMEOUT", 1.5)
    return f"neo4j://127.0.0.1:{mute_server}"


@pytest.mark.parametrize(
    "command",
    [["import", "{source}"], ["export", "--to", "{tmp}/copie.json"], ["history"], ["undo"],
     ["analyse", "--only", ""], ["snapshot", "list"], ["snapshot", "create", "copil"],
     ["snapshot", "restore", "copil"], ["diff", "import-1"], ["report", "--out",
     "{tmp}/rapport.html"], ["what-if", "alice"], ["counterweights", "mairie", "amap"],
     ["facilitators", "mairie", "amap"], ["app", "{source}", "--headless", "--port", "{port}"]],
    ids=lambda c: " ".join(c[:2]),
)  # fmt: skip
def test_every_command_gives_up_on_a_mute_neo4j_within_the_timeout(
    capsys, source, tmp_path, mute_neo4j, command, launched
):
    args = [a.format(source=source, tmp=tmp_path, port=free_port()) for a in command]
    started = time.monotonic()
    code, out, err = run(capsys, *args, "--store", mute_neo4j)
    waited = time.monotonic() - started
    assert code == 1 and not launched
    assert err.startswith(f"error: cannot reach Neo4j at {mute_neo4j}") and err.count("\n") == 1
    assert waited < 1.5 + 3, waited


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


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["analyse", "--nope"], "No such option: --nope"),
        (["counterweights"], "Missing argument 'dominant'"),
        (["analys"], "No such command 'analys'"),
    ],
)
def test_a_wrong_command_line_is_a_usage_error_not_a_bug(capsys, args, expected):
    code, _, err = run(capsys, *args)
    assert code == 2
    assert expected in err and "Usage: ecomap" in err
    assert "unexpected error" not in err and "bug" not in err


def test_analyse_table_names_people_and_points_to_the_rest(capsys, source, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    code, out, _ = run(capsys, "analyse", source, "--only", "key-people,stakes")
    assert code == 0
    assert "Key people" in out and "Alice Martin" in out and "alice" not in out.replace("Alice", "")
    assert "Marché de centre-bourg" in out and "contested stake" in out


def test_the_template_is_french_by_default_and_english_on_demand(capsys, tmp_path):
    import openpyxl

    code, _, _ = run(capsys, "template", str(tmp_path / "modele.xlsx"))
    assert code == 0
    assert openpyxl.load_workbook(tmp_path / "modele.xlsx").sheetnames[:2] == ["acteurs",
                                                                              "relations"]  # fmt: skip
    code, _, _ = run(capsys, "template", str(tmp_path / "template.xlsx"), "--lang", "en")
    assert code == 0
    assert openpyxl.load_workbook(tmp_path / "template.xlsx").sheetnames[:2] == ["actors",
                                                                                "relations"]  # fmt: skip


def test_export_with_french_headers_reads_back_the_same_map(capsys, source, store, tmp_path):
    from ecomap.ingest import read_map

    assert run(capsys, "import", source, "--store", store)[0] == 0
    code, _, _ = run(capsys, "export", "--store", store, "--to", str(tmp_path / "fr"),
                     "--headers", "fr")  # fmt: skip
    assert code == 0
    first = (tmp_path / "fr" / "acteurs.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert first.startswith("identifiant") and "nom" in first
    assert read_map(tmp_path / "fr")[0] == read_map(source)[0]
