"""The explorer on a large map: long result tables show their first rows with a switch
for all of them, the page says what it computes while it does (and only then), and the
key people reuse the links already computed."""

from __future__ import annotations

import pytest
from app_helpers import APP, open_page, open_tab

from app_pages import common


@pytest.fixture(autouse=True)
def fresh_process_caches():
    """Each test starts as a freshly started explorer."""
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    for registry in (common._NEWEST, common._MADE, common._RESULTS, common._CURRENT,
                     common._WARMED, common._WARMING):  # fmt: skip
        registry.clear()


@pytest.fixture
def no_warm_up(monkeypatch):
    """Nothing made in the background: what a page computes itself."""
    monkeypatch.setattr(common, "WARM_UP", False)


def warmed(timeout: float = 120) -> None:
    """Wait until the background has made what it makes."""
    import threading
    import time

    deadline = time.monotonic() + timeout
    while any(t.name == "ecomap-warm-up" for t in threading.enumerate()):
        assert time.monotonic() < deadline, "the warm-up did not end"
        time.sleep(0.05)


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


def test_progress_is_said_while_the_map_and_analyses_are_made_only(store_path, said, no_warm_up):
    first = session()
    first.run()
    at = open_page(first, "fragility")
    assert not at.exception
    assert any(m.startswith("Lecture de la carte") for m in said)
    assert any(m.startswith("Préparation du réseau de 6 acteurs") for m in said)
    # The links only: the key people are made when their tab is opened.
    assert sum(m.startswith("Analyse de 6 acteurs") for m in said) == 1
    open_tab(at, "fragility_tab", "Personnes clés")
    assert sum(m.startswith("Analyse de 6 acteurs") for m in said) == 2
    said.clear()
    second = session()
    second.run()
    open_page(second, "fragility")
    assert said == []  # everything was made: nothing to wait for


def test_analyses_are_made_in_the_background_once_a_revision_is_seen(store_path, said,
                                                                     monkeypatch):  # fmt: skip
    """The first run starts the analyses the pages open with; a first visit of an
    analysis page then finds them made (nothing computed while the person waits), and
    each was computed once."""
    from ecomap.analysis import bridges, fragility

    calls = []
    for module, name in ((fragility, "fragile_links"), (bridges, "bridges")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, real=real, name=name, **k:
                            calls.append(name) or real(*a, **k))  # fmt: skip
    first = session()
    first.run()
    warmed()
    # (the committee's comparison computes the links of both versions too)
    assert "fragile_links" in calls and "bridges" in calls
    made = len(calls)
    said.clear()
    for page in ("fragility", "bridges", "power", "health", "levels", "stakes_tensions"):
        at = open_page(first, page)
        assert not at.exception, page
        assert not [m for m in said if m.startswith(("Analyse", "Préparation"))], (page, said)
    assert len(calls) == made  # every page found its results made
    assert len(at.dataframe) >= 1


def test_key_people_are_read_off_the_shared_links(store_path, monkeypatch, no_warm_up):
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


def edit(path, changes: dict[str, dict], deleted: tuple[str, ...] = ()) -> None:
    """Edits another user makes from another connection: actor id → fields changed."""
    from ecomap.model import RecordKind
    from ecomap.store.sqlite import SQLiteStore

    with SQLiteStore(path) as store:
        eco = store.load()
        refs = [(RecordKind.ACTOR, a) for a in changes]
        expected = store.versions(refs)
        store.apply([eco.actors[a].model_copy(update=fields) for a, fields in changes.items()],
                    expected=expected, summary="test")  # fmt: skip
        for relation in deleted:
            store.apply(deletes=[(RecordKind.RELATION, relation)], summary="test")


def read_whole(path):
    from ecomap.model import RecordKind
    from ecomap.store.sqlite import SQLiteStore

    with SQLiteStore(path) as store:
        eco = store.load()
        refs = [(kind, key) for kind in RecordKind for key in eco.records(kind)]
        versions = {(k.value, key): v for (k, key), v in store.versions(refs).items()}
        return eco, versions


def test_a_note_edit_patches_the_map_and_keeps_every_result(store_path):
    first = session()
    first.run()
    open_page(first, "fragility")
    warmed()  # every result the background makes, made
    where, old = first.session_state["_run"]
    fingerprint = common._fingerprint(where, old, None)
    results = list(common._RESULTS[fingerprint])

    edit(store_path, {"asso": {"notes": "réunion le 3 mars"}, "ana": {"tags": ["marché"]}})
    second = session()
    second.run()
    open_page(second, "fragility")
    warmed()
    assert not second.exception
    where, new = second.session_state["_run"]
    eco, versions = common._snapshot(where, new)
    whole, whole_versions = read_whole(store_path)
    # The patched map is the map as a full read gives it, record for record.
    assert {k: eco.records(k) for k in ("actor", "relation", "stake", "space")} == {
        k: whole.records(k) for k in ("actor", "relation", "stake", "space")
    }
    assert dict(versions) == whole_versions
    assert common._PATCHED[(where, new)] == (old, True)
    # Nothing the analyses read changed: same fingerprint, known without the graph,
    # and the very same results.
    assert common._carried_fingerprint(where, new) == fingerprint
    assert common._fingerprint(where, new, None) == fingerprint
    assert common._RESULTS[fingerprint] == results


def test_an_edit_the_analyses_read_patches_the_map_and_computes_again(store_path):
    first = session()
    first.run()
    open_page(first, "fragility")
    where, old = first.session_state["_run"]
    fingerprint = common._fingerprint(where, old, None)
    relation = next(iter(read_whole(store_path)[0].relations))
    edit(store_path, {"asso": {"influence": 5}}, deleted=(relation,))
    second = session()
    second.run()
    open_page(second, "fragility")
    where, new = second.session_state["_run"]
    eco, versions = common._snapshot(where, new)
    whole, whole_versions = read_whole(store_path)
    assert eco.actors == whole.actors and eco.relations == whole.relations
    assert relation not in eco.relations
    assert dict(versions) == whole_versions
    assert common._PATCHED[(where, new)] == (old, False)
    assert common._fingerprint(where, new, None) != fingerprint


def test_the_committees_first_comparison_is_made_in_the_background(store_path, said,
                                                                   monkeypatch):  # fmt: skip
    """The committee page opens on the newest snapshot against the map now: that
    comparison (both versions analysed) is made with the analyses, once."""
    from ecomap.analysis import history

    calls = []
    real = history.diff
    monkeypatch.setattr(history, "diff", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = session()
    first.run()
    warmed()
    assert len(calls) == 1
    said.clear()
    at = open_page(first, "review")
    assert not at.exception
    assert said == []  # nothing to wait for
    assert len(calls) == 1
    assert "Ce qui a changé" in [h.value for h in at.subheader]

    # A note edited: nothing the analyses read, nothing made in the background (the
    # committee page compares at its visit); an analysis page draws at once.
    edit(store_path, {"mairie": {"notes": "réunion le 3 mars"}})
    open_page(first, "fragility")
    warmed()
    assert len(calls) == 1
    said.clear()
    at = open_page(first, "review")
    assert not at.exception and len(calls) == 2


def charts(at) -> list:
    return [*at.get("arrow_vega_lite_chart"), *at.get("vega_lite_chart")]


def test_only_the_open_tab_is_made(store_path, monkeypatch, no_warm_up):
    """Rapports de force opens on its imbalances: the power–interest grid (its analysis
    and its chart of every actor) is made when its tab is opened, not before."""
    from ecomap.analysis import power

    calls = []
    real = power.power_interest
    monkeypatch.setattr(power, "power_interest", lambda *a, **k: calls.append(1) or real(*a, **k))
    at = session()
    at.run()
    at = open_page(at, "power")
    assert not at.exception
    assert calls == [] and not charts(at)
    assert "Mairie de Valbourg" in at.dataframe[0].value["dominant"].tolist()
    at = open_tab(at, "power_tab", "Grille pouvoir–intérêt")
    assert not at.exception
    assert calls == [1] and len(charts(at)) == 1
    assert len(at.dataframe[0].value) == 6  # every actor on the grid


def test_results_keep_codes_and_the_pages_show_words(store_path, monkeypatch, no_warm_up):
    """The shared results keep their reasons as codes; the rows shown have them in
    words, word for word what the analysis gives in words; the map's overlays, which
    ask for every reason in words, get the shared result put into words (no second
    computation)."""
    from ecomap.analysis import fragility
    from ecomap.analysis.reasons import Reason

    calls = []
    real = fragility.fragile_links
    monkeypatch.setattr(fragility, "fragile_links",
                        lambda *a, **k: calls.append(k.get("words")) or real(*a, **k))  # fmt: skip
    at = session()
    at.run()
    at = open_page(at, "fragility")
    at.toggle(key="fragility_only").set_value(False).run()
    where, revision = at.session_state["_run"]
    day = at.session_state["as_of"]
    G = common._graph(where, revision, None)
    shared = common._analysis(where, revision, "fragility", "fragile_links", (),
                              {"as_of": day, "lang": "fr", "words": False})  # fmt: skip
    assert all(type(r) is Reason for link in shared for r in link["reasons"])
    words = real(G, as_of=day, lang="fr")
    shown = at.dataframe[0].value["pourquoi"].tolist()
    assert shown == [" ; ".join(link["reasons"]) for link in words]
    worded = common._analysis(where, revision, "fragility", "fragile_links", (),
                              {"as_of": day, "lang": "fr"})  # fmt: skip
    assert worded == words
    assert calls == [False]  # one computation, its reasons as codes
