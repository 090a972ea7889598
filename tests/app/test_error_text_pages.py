"""The explorer, in French, tells the library's errors in French."""

from __future__ import annotations

from app_helpers import APP, shown_text


def _run(monkeypatch, **environ):
    from streamlit.testing.v1 import AppTest

    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception
    return at


def test_a_file_that_is_not_a_map_is_told_in_french(tmp_path, monkeypatch):
    not_a_map = tmp_path / "notes.db"
    not_a_map.write_text("this is not a database " * 100)
    at = _run(monkeypatch, ECOMAP_STORE=str(not_a_map))
    message = shown_text(at.error[0].value)
    assert f"{not_a_map} n'est pas une carte conservée d'ecomap" in message
    assert "not an ecomap store" not in message


def test_an_unreachable_server_is_told_in_french(monkeypatch):
    at = _run(monkeypatch, ECOMAP_STORE="bolt://ecomap:s3cr3t-word@127.0.0.1:9")
    message = shown_text(at.error[0].value)
    assert "impossible de joindre Neo4j à bolt://127.0.0.1:9" in message
    assert "cannot reach" not in message and "s3cr3t-word" not in message


def test_a_bad_read_only_setting_is_told_in_french(tmp_path, monkeypatch):
    at = _run(monkeypatch, ECOMAP_STORE=str(tmp_path / "carte.db"), ECOMAP_READ_ONLY="enabled")
    message = shown_text(at.error[0].value)
    assert message.startswith("ECOMAP_READ_ONLY vaut « enabled », qu'ecomap ne sait pas lire")


def test_a_snapshot_name_already_taken_is_told_in_french(app, store_path):
    from app_helpers import open_page

    from ecomap.store.sqlite import SQLiteStore

    with SQLiteStore(store_path) as store:
        store.snapshot_create("copil d'avril")
    open_page(app, "review")
    name = next(i for i in app.text_input if i.value.startswith("copil-"))
    name.set_value("copil d'avril")
    next(b for b in app.button if b.label == "Enregistrer la photo").click().run()
    assert not app.exception
    message = shown_text(app.error[0].value)
    assert f"une photo nommée « copil d'avril » existe déjà dans {store_path}" in message
