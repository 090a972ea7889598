"""The library's error messages in French: every one the command or the explorer may show.

Each case is a real message (raised by the code where that is cheap, else built by the
code's own message builder, else the exact text of its raise with sample values); its
French keeps the variable parts (paths, ids, numbers) and holds no English word.
"""

from __future__ import annotations

import re
import socket
import sqlite3

import pytest

from ecomap.cli import main
from ecomap.error_text import in_language
from ecomap.errors import EcomapError, UnreadableRecord
from ecomap.model import Actor, Ecosystem, RecordKind, Relation, Stake
from ecomap.serving import auth_settings, check_port
from ecomap.settings import read_only_setting
from ecomap.store import NEO4J_BACKUP, backup_store
from ecomap.store.base import prepare_change, quoted_refs
from ecomap.store.neo4j import _SCHEMA_WORK, URI_SHAPE, Neo4jStore, _Secret, _unusable_address
from ecomap.store.sqlite import SCHEMA_VERSION, SQLiteStore
from ecomap.views.report import write_report
from ecomap.views.territory import tile_setting

#: English words that must not be left in a French message (outside its variable parts).
ENGLISH = (
    "the", "and", "no", "not", "cannot", "could", "store", "snapshot", "snapshots", "named",
    "already", "exists", "upgrade", "server", "is", "was", "written", "write", "read",
    "choose", "another", "check", "give", "folder", "nothing", "changed", "change", "with",
    "yet", "available", "address", "expected", "field", "record", "user", "password",
    "may", "try", "again", "needs", "refused", "reach", "failed", "must", "this", "that",
    "of", "to", "in", "on", "or", "an", "it", "its", "damaged", "locked", "disk", "full",
    "since", "undo", "reload", "edit", "map", "links", "but", "one", "every", "use",
    "listen", "reserved", "report", "did", "finish", "printing", "set", "which", "fix",
)  # fmt: skip
_WORD = re.compile(r"\b(" + "|".join(ENGLISH) + r")\b", re.I)


def french(message: object, *kept: str) -> str:
    """``message`` in French, checked: every ``kept`` part is there, and no English word."""
    message = str(message)
    shown = in_language(message, "fr")
    assert shown != message, message
    rest = shown
    for part in sorted(kept, key=len, reverse=True):
        assert part in shown, (part, shown)
        rest = rest.replace(part, " ")
    # Commands, settings, accepted values (yes/no) and technical names are kept as the
    # user types them.
    rest = re.sub(
        r"(?<!\w)'[^'\s][^']*'(?!\w)|\S+/\S+|--\w+|\b[A-Z][A-Z0-9_.]+\b|\w+://\S*|\S+\.\w+\b",
        " ",
        rest,
    )
    assert not _WORD.findall(rest), (_WORD.findall(rest), shown)
    return shown


def small_map() -> Ecosystem:
    eco = Ecosystem()
    for record in (
        Actor(id="mairie", name="Mairie", kind="institution"),
        Actor(id="asso", name="Asso des Halles", kind="organisation"),
        Stake(id="marche", name="Marché couvert"),
        Relation(source="mairie", target="asso", type="cooperates", weight=2),
    ):
        eco.add(record)
    return eco


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "carte.db"
    with SQLiteStore(path) as store:
        store.import_map(small_map(), source="tests")
    return path


def raised(call, *args, **kwargs) -> str:
    with pytest.raises(EcomapError) as error:
        call(*args, **kwargs)
    return str(error.value)


# -- raised by a real SQLite store ---------------------------------------------------


def test_snapshot_messages(path, tmp_path):
    with SQLiteStore(tmp_path / "vide.db") as empty:
        where = empty.location
        shown = french(raised(empty.snapshot_restore, "nope"), "nope", where)
        assert shown == (
            f"aucune photo nommée « nope » dans {where} ; il n'y a encore aucune photo"
        )
    with SQLiteStore(path) as store:
        where = store.location
        store.snapshot_create("copil-mars")
        shown = french(raised(store.snapshot_restore, "nope"), "nope", where, "'copil-mars'")
        assert shown.endswith("photos disponibles : 'import-1', 'copil-mars'")
        french(raised(store.snapshot_create, "copil-mars"), "copil-mars", where)
        assert french(raised(store.snapshot_create, " ")) == "une photo a besoin d'un nom"


def test_backup_messages(path, tmp_path):
    with SQLiteStore(path) as store:
        french(raised(store.backup, path), str(path))
        french(
            raised(store.backup, tmp_path), str(tmp_path), str(tmp_path / "ecomap-sauvegarde.db")
        )
        nowhere = tmp_path / "nulle-part" / "x.db"
        french(raised(store.backup, nowhere), str(nowhere), str(nowhere.parent))
        existing = tmp_path / "deja.db"
        existing.write_bytes(b"")
        french(raised(store.backup, existing), str(existing))
    absent = tmp_path / "absente.db"
    french(raised(backup_store, str(absent), tmp_path / "b.db"), str(absent))
    french(raised(backup_store, "bolt://127.0.0.1:9", tmp_path / "b.db"),
           "'neo4j-admin database dump'", "'neo4j-admin database backup'",
           "'ecomap export --store URI --to carte.json'",
           "'ecomap import carte.json --replace --store URI'")  # fmt: skip
    assert raised(backup_store, "bolt://127.0.0.1:9", tmp_path / "b.db") == NEO4J_BACKUP
    message = (
        f"cannot write the backup {existing}: [Errno 28] No space left on device; check "
        "the folder's free space and permissions"
    )
    shown = in_language(message, "fr")
    assert str(existing) in shown and "vérifiez la place libre" in shown


def test_opening_messages(tmp_path):
    french(raised(SQLiteStore, tmp_path), str(tmp_path))
    nowhere = tmp_path / "nulle-part" / "x.db"
    french(raised(SQLiteStore, nowhere), str(nowhere), str(nowhere.parent))
    # Read-only folders cannot be made for root: the exact text of the raise.
    french(
        f"cannot create the store {nowhere}: the folder {nowhere.parent} is read-only; "
        "choose another folder or check its permissions",
        str(nowhere), str(nowhere.parent),
    )  # fmt: skip
    other = tmp_path / "autre.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    french(raised(SQLiteStore, other), str(other))
    text = tmp_path / "texte.db"
    text.write_text("ceci n'est pas une base " * 100, encoding="utf-8")
    french(raised(SQLiteStore, text), str(text))


def test_a_newer_store_and_a_closed_one(path):
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    shown = french(raised(SQLiteStore, path), str(path), str(SCHEMA_VERSION + 1))
    assert f"jusqu'au format {SCHEMA_VERSION}" in shown
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.close()
    store = SQLiteStore(path)
    store.close()
    french(raised(store.load), str(path))


def test_what_sqlite_reports(path):
    with SQLiteStore(path) as store:
        where = store.location
        for report in ("file is not a database", "database disk image is malformed",
                       "attempt to write a readonly database", "disk I/O error",
                       "unable to open database file", "database or disk is full"):  # fmt: skip
            french(store._error(sqlite3.OperationalError(report)), where)
        locked = store._error(sqlite3.OperationalError("database is locked"))
        french(locked, where)
        shown = in_language(str(store._error(sqlite3.OperationalError("strange"))), "fr")
        assert shown == f"la carte conservée {where} a échoué : strange"


def test_unreadable_records(path):
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE relations SET record = replace(record, '\"cooperates\"', '\"cooperative\"')"
        )
    conn.close()
    with SQLiteStore(path) as store:
        shown = french(raised(store.load), str(path), "mairie → asso", "cooperative")
    assert "relation « mairie → asso »" in shown and "mettez ecomap à jour" in shown
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE actors SET record = '{\"id\": ' WHERE id = 'asso'")
    conn.close()
    with SQLiteStore(path) as store:
        shown = french(raised(store.load), str(path), "asso")
    assert "n'est pas du JSON valide" in shown
    # The other shapes, by the error's own message builder.
    french(UnreadableRecord("actor", None, "name", None, "every actor has one", store="x.db"),
           "x.db", "name")  # fmt: skip
    french(UnreadableRecord("stake", "marche", "extra", "[1]", "custom fields as a JSON object"),
           "marche", "extra", "[1]")  # fmt: skip
    french(UnreadableRecord("actor", "ana", "kind", "robot",
                            "one of: person, organisation, institution", newer=True),
           "ana", "robot", "person, organisation, institution")  # fmt: skip
    french(UnreadableRecord("actor", "ana", "since", "hier", "a valid value (bad date)"),
           "ana", "since", "hier", "bad date")  # fmt: skip
    french("the store's records cannot be read")


def test_change_messages(tmp_path):
    ref = (RecordKind.ACTOR, "asso")
    shown = french(raised(prepare_change, [Actor(id="asso", name="Asso", kind="organisation")],
                          [ref], None), "asso")  # fmt: skip
    assert "acteur « asso »" in shown
    where = str(tmp_path / "carte.db")
    many = [(RecordKind.ACTOR, f"a{i}") for i in range(7)]
    french(
        f"the map in {where} changed since this import was previewed (change #12); "
        "nothing was written: look at the import again",
        where, "12",
    )  # fmt: skip
    shown = french(
        f"{quoted_refs(many)} changed in {where} since it was read; nothing was written: "
        "reload and make the edit again",
        where, "a0", "a4",
    )  # fmt: skip
    assert "et 2 de plus" in shown
    french(f"cannot undo change 7: {quoted_refs([ref])} no longer as it left them in {where}",
           where, "7", "asso")  # fmt: skip
    french("'asso' is already the id of an actor; actors, stakes and spaces share one id "
           "space: choose another id", "asso")  # fmt: skip
    french(f"the pseudonym key kept in {where} is damaged; restore the store from a backup "
           "(a new key would give everyone new pseudonyms)", where)  # fmt: skip


# -- Neo4j: the store's own message builders, without a server ------------------------


@pytest.fixture
def neo4j():
    store = Neo4jStore.__new__(Neo4jStore)
    store.location, store.user, store.database = "neo4j://db.example.org:7687", "ana", None
    store._secret = _Secret(None)
    return store


def test_neo4j_messages(neo4j):
    from neo4j.exceptions import AuthError, DriverError, ServiceUnavailable

    where = neo4j.location
    french(neo4j._fault(ServiceUnavailable("down"), "read the map"), where)
    shown = french(neo4j._fault(AuthError("no"), "connect"), where, "ana")
    assert "aucun mot de passe" in shown
    french(neo4j._fault(DriverError("x"), "import the map"), where, "DriverError")
    french(_unusable_address("neo4j://ann:s3cret@[::1"), "neo4j://[::1")
    french(f"cannot use neo4j://[::1 as a Neo4j address (ValueError): {URI_SHAPE} "
           "(NEO4J_URI or --store)", "neo4j://[::1", "ValueError")  # fmt: skip
    # The messages keyed by a server's error code: the exact text of each.
    db, doing = "the default database", "save the snapshot 'copil'"
    for message in (
        f"the password of user 'ana' on Neo4j at {where} has expired: set a new one "
        "(e.g. in Neo4j Browser), then update NEO4J_PASSWORD",
        f"user 'ana' may not {doing} in {db} on Neo4j at {where}: ask the server's "
        "administrator for a role that allows it",
        f"user 'ana' may not {_SCHEMA_WORK} in 'carte' on Neo4j at {where}: ask the "
        "server's administrator for a role that allows it, or to run "
        "cypher/create_schema.cypher once",
        f"there is no database 'carte' on Neo4j at {where}: check NEO4J_DATABASE "
        "(leave it unset for the server's default database)",
        f"{db} on Neo4j at {where} is not available (stopped or starting): check it with "
        "SHOW DATABASES, then try again",
        f"Neo4j at {where} stopped the transaction to write the change after its time "
        "limit; nothing was written: try again, or raise db.transaction.timeout on the server",
        f"the transaction to import the map needs more memory than Neo4j at {where} allows "
        "one transaction; nothing was written: raise db.memory.transaction.max on the "
        "server, or import the map in parts",
        f"Neo4j at {where} did not understand the statement to read the map "
        "(Neo.ClientError.Statement.SyntaxError): ecomap needs Neo4j 5 or later; nothing "
        "was written",
        f"Neo4j at {where} refused to {doing} (Neo.ClientError.General.Unknown); nothing "
        "was written",
        f"the map in Neo4j at {where} was written by a newer version of ecomap (store "
        "format 99, this version reads up to 3); upgrade ecomap to open it",
        f"the map in {where} changed during the change (nodes it links were deleted by "
        "other means); nothing was written: try again",
        "'asso' is written both as a actor and as a stake; actors, stakes and spaces share "
        "one id space",
        "relation r1: a member_of relation links actor to actor, but 'marche' is a stake; "
        "nothing was written",
        "relations refer to nodes that are not in the map: 'x' (relation r1), 'y' "
        "(relation r2) and 3 more; add those actors, stakes or spaces first; nothing was "
        "written",
        f"a snapshot named 'copil' already exists in {where}; choose another name",
        f"no snapshot named 'nope' in {where}; available: 'copil', 'mars'",
        f"the store {where} is closed",
    ):
        french(message, *[where] * (where in message))
    # What the server said is kept as it said it.
    french(
        f"Neo4j at {where} refused to import the map: a uniqueness constraint would be "
        "broken (Node(1) already exists); nothing was written",
        where, "Node(1) already exists",
    )  # fmt: skip


# -- the explorer's server, the settings, the report ---------------------------------


def test_serving_messages(tmp_path):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        shown = french(raised(check_port, "127.0.0.1", port), str(port), "127.0.0.1")
    assert "ecomap app --port" in shown
    french(raised(check_port, "127.0.0.1", 70000), "70000")
    french(raised(check_port, "nulle-part.invalid", 8501), "nulle-part.invalid")
    french("port 80 is reserved for the system on this computer: choose a port above 1023 "
           "with --port, e.g. --port 8501", "80")  # fmt: skip
    french("cannot listen on 10.9.9.9, port 8501 (Cannot assign requested address): check "
           "--host, which must be an address of this computer (127.0.0.1 for this computer "
           "only, 0.0.0.0 for every network interface)",
           "10.9.9.9", "8501", "Cannot assign requested address")  # fmt: skip
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text("[auth\n", encoding="utf-8")
    message = raised(auth_settings, cwd=tmp_path, home=tmp_path / "ailleurs")
    shown = in_language(message, "fr")
    assert shown.startswith(f"impossible de lire les secrets Streamlit {secrets} : ")


def test_the_commands_own_messages(tmp_path):
    french(f"the explorer (app.py) was not found beside the package at {tmp_path}; run "
           "ecomap from a checkout of the project", str(tmp_path))  # fmt: skip
    settings = tmp_path / "config.toml"
    shown = in_language(f"cannot read the explorer's settings {settings}: Expected '='", "fr")
    assert shown == f"impossible de lire les réglages de l'explorateur {settings} : Expected '='"


def test_a_name_holding_an_apostrophe(path):
    with SQLiteStore(path) as store:
        store.snapshot_create("copil d'avril")
        french(raised(store.snapshot_create, "copil d'avril"), "copil d'avril", str(path))
        french(raised(store.snapshot_restore, "bilan d'été"), "bilan d'été", str(path))
    french(""""l'asso" is already the id of an actor; actors, stakes and spaces share one id """
           "space: choose another id", "l'asso")  # fmt: skip


def test_setting_messages():
    french(raised(read_only_setting, {"ECOMAP_READ_ONLY": "enabled"}), "ECOMAP_READ_ONLY",
           "enabled")  # fmt: skip
    shown = french(raised(tile_setting, {"ECOMAP_TILES": "tiles.example.org"}),
                   "ECOMAP_TILES", "tiles.example.org")  # fmt: skip
    assert "{z}, {x} et {y}" in shown


def test_report_messages(tmp_path):
    french(raised(write_report, small_map(), tmp_path / "rapport.txt"), "rapport.txt")
    french(
        "a PDF report needs Chromium (Debian: apt-get install chromium, or run "
        "scripts/install-browser); write an .html report instead, or set ECOMAP_CHROMIUM"
    )
    french("Chromium did not finish printing the PDF in 60 s", "60")
    french("Chromium could not print the PDF: crashed", "crashed")
    french(f"cannot write the report to {tmp_path / 'r.html'}: Permission denied",
           str(tmp_path / "r.html"), "Permission denied")  # fmt: skip


# -- unknown messages, English, and the command --------------------------------------


def test_an_unknown_message_comes_back_unchanged():
    for message in ("something else entirely", "", "the store is fine today"):
        assert in_language(message, "fr") == message
    assert in_language("a snapshot needs a name", "en") == "a snapshot needs a name"


def test_the_command_says_a_store_error_in_french(path, capsys):
    assert main(["--lang", "fr", "snapshot", "restore", "nope", "--store", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("erreur : aucune photo nommée « nope » dans ")
    assert str(path) in err and not _WORD.findall(err.replace(str(path), ""))


def test_the_command_stays_english_when_asked(path, capsys):
    assert main(["snapshot", "restore", "nope", "--store", str(path)]) == 1
    assert capsys.readouterr().err.startswith("error: no snapshot named 'nope' in ")


def test_the_environment_asks_for_french(path, capsys, monkeypatch):
    monkeypatch.setenv("ECOMAP_LANG", "fr")
    assert main(["snapshot", "create", "", "--store", str(path)]) == 1
    err = capsys.readouterr().err
    assert "photo" in err and "snapshot" not in err.replace(str(path), "")
