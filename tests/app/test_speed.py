"""The explorer on a large map: long result tables show their first rows with a switch
for all of them, the page says what it computes while it does (and only then), and the
key people reuse the links already computed."""

from __future__ import annotations

import pytest
from app_helpers import APP, open_page

from app_pages import common


@pytest.fixture(autouse=True)
def fresh_process_caches():
    """Each test starts as a freshly started explorer."""
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    for registry in (common._NEWEST, common._MADE, common._RESULTS, common._CURRENT):
        registry.clear()


@pytest.fixture
def said(monkeypatch):
    """The progress messages shown, in order."""
    shown: list[str] = []
    real = common.working

    def spy(message):
        shown.append(message)
        return real(message)

    monkeypatch.setattr(common, "working", spy)
    return shown


def session():
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(APP, default_timeout=90)


def test_long_tables_show_their_first_rows_and_all_on_demand(app, monkeypatch):
    monkeypatch.setattr(common, "SHOWN_ROWS", 1)
    at = open_page(app, "fragility")
    at.toggle(key="fragility_only").set_value(False).run()
    links = at.dataframe[0].value
    assert len(links) == 1
    assert "Les 1 premières lignes sur 2, les plus parlantes d'abord." in [
        c.value for c in at.caption
    ]
    # The detail picker offers the rows shown, no more.
    assert len(at.selectbox(key="fragility_link_pick").options) == 1
    at.toggle(key="fragility_link_pick:all").set_value(True).run()
    assert len(at.dataframe[0].value) == 2
    assert len(at.selectbox(key="fragility_link_pick").options) == 2


def test_a_row_picked_beyond_the_first_ones_falls_back_to_the_first(app, monkeypatch):
    monkeypatch.setattr(common, "SHOWN_ROWS", 1)
    at = open_page(app, "fragility")
    at.toggle(key="fragility_only").set_value(False).run()
    at.toggle(key="fragility_link_pick:all").set_value(True).run()
    at.selectbox(key="fragility_link_pick").set_value(1).run()
    at.toggle(key="fragility_link_pick:all").set_value(False).run()
    assert not at.exception
    assert at.selectbox(key="fragility_link_pick").value == 0


def test_short_tables_have_no_switch(app):
    at = open_page(app, "fragility")
    assert not [t for t in at.toggle if t.key == "fragility_link_pick:all"]


def test_progress_is_said_while_the_map_and_analyses_are_made_only(store_path, said):
    first = session()
    first.run()
    at = open_page(first, "fragility")
    assert not at.exception
    assert any(m.startswith("Lecture de la carte") for m in said)
    assert any(m.startswith("Préparation du réseau de 6 acteurs") for m in said)
    assert sum(m.startswith("Analyse de 6 acteurs") for m in said) == 2  # links, key people
    said.clear()
    second = session()
    second.run()
    open_page(second, "fragility")
    assert said == []  # everything was made: nothing to wait for


def test_key_people_are_read_off_the_shared_links(store_path, monkeypatch):
    from ecomap.analysis import fragility

    calls = []
    real = fragility.fragile_links

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(fragility, "fragile_links", counted)
    at = session()
    at.run()
    open_page(at, "fragility")
    assert not at.exception
    assert len(calls) == 1
