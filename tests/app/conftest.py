"""Fixtures for the explorer's tests: the small map of ``app_helpers`` in a SQLite store,
and the app pointed at it."""

from __future__ import annotations

import pytest
from app_helpers import APP, small_map


@pytest.fixture
def store_path(tmp_path, monkeypatch):
    """A SQLite store holding the small map; the app is pointed at it."""
    from ecomap.store.sqlite import SQLiteStore

    path = tmp_path / "map.db"
    with SQLiteStore(path) as store:
        store.import_map(small_map(), source="tests")
    monkeypatch.setenv("ECOMAP_STORE", str(path))
    monkeypatch.delenv("ECOMAP_READ_ONLY", raising=False)
    return path


@pytest.fixture
def app(store_path):
    """The explorer on the small map, after its first run (the map page)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    return at


@pytest.fixture(autouse=True)
def no_component_scan(monkeypatch):
    """The explorer uses no custom component, but each AppTest run makes Streamlit read
    the metadata of every installed package looking for one (over a second each time)."""
    from streamlit.components.v2 import manifest_scanner

    monkeypatch.setattr(manifest_scanner, "scan_component_manifests", lambda *a, **k: [])


@pytest.fixture(autouse=True)
def no_warm_pause(monkeypatch):
    """The background starts at once in tests (in the explorer it waits for the browser
    to draw the page that started it)."""
    from app_pages import common

    monkeypatch.setattr(common, "WARM_PAUSE", 0)
