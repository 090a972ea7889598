"""Read-only never fails open: ``ECOMAP_READ_ONLY`` takes every spelling of "yes" that the
file readers take, and a value ecomap cannot read stops the explorer at start."""

from __future__ import annotations

import subprocess

import pytest
from app_helpers import APP, small_map, texts

from ecomap.cli import main
from ecomap.settings import SettingError, parse_switch, read_only_setting
from ecomap.store.sqlite import SQLiteStore

YES = ["1", "true", "TRUE", "yes", "y", "oui", "Oui", "vrai", "Vrai", "on", "ON", " x "]
NO = ["0", "false", "no", "n", "non", "faux", "FAUX", "off"]
UNREADABLE = ["enabled", "read-only", "readonly", "2", "truee", "si"]


@pytest.mark.parametrize("value", YES)
def test_every_yes_of_the_readers_turns_editing_off(value):
    assert read_only_setting({"ECOMAP_READ_ONLY": value}) is True


@pytest.mark.parametrize("value", NO)
def test_every_no_of_the_readers_leaves_editing_on(value):
    assert read_only_setting({"ECOMAP_READ_ONLY": value}) is False


@pytest.mark.parametrize("value", UNREADABLE)
def test_a_value_that_is_not_a_yes_or_a_no_is_refused(value):
    with pytest.raises(SettingError) as error:
        read_only_setting({"ECOMAP_READ_ONLY": value})
    assert str(error.value) == (
        f"ECOMAP_READ_ONLY is set to {value!r}, which ecomap cannot read: expected "
        "true/false, yes/no, oui/non, vrai/faux, on/off or 1/0"
    )


def test_unset_or_empty_means_the_secrets_decide():
    assert read_only_setting({}) is False
    assert read_only_setting({"ECOMAP_READ_ONLY": "  "}, secret=True) is True
    assert read_only_setting({}, secret="oui") is True
    assert read_only_setting({"ECOMAP_READ_ONLY": "non"}, secret=True) is False
    with pytest.raises(SettingError, match="read_only in the .ecomap. section"):
        read_only_setting({}, secret="peut-être")
    assert parse_switch(False, "x") is False


def test_the_cli_refuses_to_start_the_explorer_with_an_unreadable_setting(
    tmp_path, monkeypatch, capsys
):
    calls = []
    monkeypatch.setattr(subprocess, "call", lambda cmd, env: calls.append(env) or 0)
    monkeypatch.setenv("ECOMAP_READ_ONLY", "enabled")
    assert main(["app", "--store", str(tmp_path / "map.db")]) == 1
    err = capsys.readouterr().err
    assert err == (
        "error: ECOMAP_READ_ONLY is set to 'enabled', which ecomap cannot read: expected "
        "true/false, yes/no, oui/non, vrai/faux, on/off or 1/0\n"
    )
    assert not calls and not (tmp_path / "map.db").exists()


@pytest.mark.parametrize(("value", "flag", "passed"), [("vrai", [], "1"), ("non", [], "non"),
                                                       ("non", ["--read-only"], "1")])  # fmt: skip
def test_the_cli_hands_the_explorer_what_it_reads(tmp_path, monkeypatch, capsys, value, flag,
                                                  passed):  # fmt: skip
    calls = []
    monkeypatch.setattr(subprocess, "call", lambda cmd, env: calls.append(env) or 0)
    monkeypatch.setenv("ECOMAP_READ_ONLY", value)
    assert main(["app", "--store", str(tmp_path / "map.db"), *flag]) == 0
    assert calls[0]["ECOMAP_READ_ONLY"] == passed


@pytest.fixture
def explorer(tmp_path, monkeypatch):
    """The explorer on a small map (no component scan: see tests/app/conftest.py)."""
    from streamlit.components.v2 import manifest_scanner
    from streamlit.testing.v1 import AppTest

    monkeypatch.setattr(manifest_scanner, "scan_component_manifests", lambda *a, **k: [])
    path = tmp_path / "map.db"
    with SQLiteStore(path) as store:
        store.import_map(small_map(), source="tests")
    monkeypatch.setenv("ECOMAP_STORE", str(path))
    return lambda: AppTest.from_file(APP, default_timeout=90)


def test_the_explorer_takes_vrai_as_read_only(explorer, monkeypatch):
    monkeypatch.setenv("ECOMAP_READ_ONLY", "vrai")
    at = explorer()
    at.run()
    assert not at.exception
    assert "Lecture seule" in texts(at)


def test_the_explorer_shows_one_error_for_an_unreadable_setting(explorer, monkeypatch):
    monkeypatch.setenv("ECOMAP_READ_ONLY", "read-only")
    at = explorer()
    at.run()
    assert not at.exception
    # The explorer speaks French by default: the library's message, said in French.
    assert [e.value for e in at.error] == [
        "ECOMAP_READ_ONLY vaut « read-only », qu'ecomap ne sait pas lire : attendu "
        "true/false, yes/no, oui/non, vrai/faux, on/off ou 1/0"
    ]
    assert not at.data_editor and not at.button
