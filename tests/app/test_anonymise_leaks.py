"""With the anonymise switch on, no page of the explorer names a person: tables,
pickers, tooltips, reasons, the change log, snapshots, the comparison, the what-if,
the downloads. The map is ``leak_scanner.planted_map`` (names hidden in every field)."""

from __future__ import annotations

import pytest
from leak_scanner import file_text, leaks, planted_map

from ecomap.model import RecordKind

PAGES = ("map", "territory", "actors", "relations", "stakes", "spaces", "import_map", "export_map",
         "history", "fragility", "power", "bridges", "stakes_tensions", "engagement",
         "health", "facilitators", "levels", "review")  # fmt: skip


@pytest.fixture
def planted(tmp_path, monkeypatch):
    """A store with the planted map, a snapshot, and changes whose summaries and authors
    name people (one of them since deleted); the app pointed at it."""
    from ecomap.store.sqlite import SQLiteStore

    path = tmp_path / "map.db"
    eco = planted_map()
    with SQLiteStore(path) as store:
        store.import_map(eco, source="entretien-marc-tissot.csv", author="Élodie Vallet")
        store.snapshot_create("avant-depart-de-tissot", note="Avant le départ de Marc Tissot")
        store.delete([(RecordKind.ACTOR, "jean-luc-bouveret")], author="marc-tissot")
        store.upsert([eco.actors["marc-tissot"].model_copy(update={"influence": 5})],
                     summary="Modification de Marc Tissot", author="Jean-Luc Bouveret")  # fmt: skip
    monkeypatch.setenv("ECOMAP_STORE", str(path))
    monkeypatch.delenv("ECOMAP_READ_ONLY", raising=False)
    return path


def everything(at) -> str:
    """Every text of the page: each element's strings (labels, options, values, the map's
    page) and each table's cells."""
    parts: list[str] = []

    def strings(message) -> None:
        for field, value in message.ListFields():
            repeated = (field.is_repeated if hasattr(field, "is_repeated")
                        else field.label == field.LABEL_REPEATED)  # fmt: skip
            values = value if repeated else [value]
            for item in values:
                if isinstance(item, str):
                    parts.append(item)
                elif isinstance(item, bytes):
                    continue
                elif hasattr(item, "ListFields"):
                    strings(item)

    def walk(node) -> None:
        children = getattr(node, "children", None)
        if children:
            for child in children.values():
                walk(child)
        if node.type in ("dataframe", "arrow_data_frame", "table"):
            parts.append(node.value.to_csv())
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            strings(proto)

    walk(at.main)
    walk(at.sidebar)
    return "\n".join(parts)


def anonymised_app():
    from app_helpers import APP
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.toggle(key="anonymise").set_value(True).run()
    assert not at.exception
    return at


def test_the_scanner_sees_names_on_pages_without_the_switch(planted):
    from app_helpers import APP, open_page
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert leaks(everything(at))
    assert leaks(everything(open_page(at, "history")))


#: The pages whose tabs are made only when opened: the key of their tabs.
TABS = {"fragility": "fragility_tab", "power": "power_tab", "stakes_tensions": "stakes_tab",
        "engagement": "engagement_tab", "health": "health_tab", "levels": "levels_tab"}  # fmt: skip


@pytest.mark.parametrize("page", PAGES)
def test_no_page_names_a_person(planted, page):
    from app_helpers import open_page, open_tab

    at = open_page(anonymised_app(), page)
    assert not at.exception
    shown = everything(at)
    if page in ("map", "actors", "relations", "history"):
        assert "Personne " in shown  # people are there, under pseudonyms
    assert leaks(shown) == [], page
    if page in TABS:
        labels = [tab.label for tab in at.tabs]
        assert len(labels) >= 2
        for label in labels[1:]:
            at = open_tab(at, TABS[page], label)
            assert not at.exception
            assert leaks(everything(at)) == [], (page, label)


def shown_ids(path, *ids: str) -> list[str]:
    """The ids these actors have in the anonymised view (what the pickers hold)."""
    from ecomap.privacy import Anonymiser, people_ever_stored
    from ecomap.store.sqlite import SQLiteStore

    with SQLiteStore(path) as store:
        hide = Anonymiser(store.load(), key=store.pseudonym_key(), lang="fr",
                          also=(people_ever_stored(store),))  # fmt: skip
    return [hide.node_id(i) for i in ids]


def test_details_what_if_comparison_and_downloads_name_nobody(planted):
    from app_helpers import open_page, open_tab

    at = anonymised_app()
    # The change log, each change opened (among them the deletion of a person).
    at = open_page(at, "history")
    assert len(at.selectbox(key="history_pick").options) == 3
    for change_id in (1, 2, 3):
        at.selectbox(key="history_pick").set_value(change_id).run()
        assert not at.exception
        assert leaks(everything(at)) == []
    # The what-if with people who leave, counterweights, facilitators.
    marc, elodie, mairie, asso, transports = shown_ids(
        planted, "marc-tissot", "elodie-vallet", "mairie", "asso", "transports-bouveret"
    )
    at = open_page(at, "fragility")
    at = open_tab(at, "fragility_tab", "Et si… des personnes partent")
    at.multiselect(key="what_if_people").set_value([marc, elodie]).run()
    assert not at.exception and leaks(everything(at)) == []
    at = open_page(at, "power")
    at = open_tab(at, "power_tab", "Contrepoids pour une paire")
    at.selectbox(key="power_dominant").set_value(mairie)
    at.selectbox(key="power_weaker").set_value(transports).run()
    assert not at.exception and leaks(everything(at)) == []
    at = open_page(at, "facilitators")
    at.multiselect(key="facilitators_parties").set_value([marc, asso, transports]).run()
    assert not at.exception and leaks(everything(at)) == []
    # The comparison with the snapshot taken before the departure, and the report.
    at = open_page(at, "review")
    at.selectbox(key="review:before").select_index(0).run()
    assert not at.exception and leaks(everything(at)) == []
    assert at.toggle(key="review:anonymise").value is True
    at.button(key="review:build").click().run()
    assert not at.exception
    assert leaks(at.session_state["review:report"][0].decode("utf-8")) == []
    # Every download of the export page.
    at = open_page(at, "export_map")
    for fmt in ("csv-zip", "xlsx", "json", "gexf", "graphml"):
        at.radio(key="export:format").set_value(fmt)
        at.button(key="export:prepare").click().run()
        assert not at.exception
        assert leaks(_as_text(at.session_state["export:file"][2])) == [], fmt


def test_a_file_prepared_with_names_is_never_handed_out_under_pseudonyms(planted):
    from app_helpers import APP, open_page
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at = open_page(at, "review")
    at.button(key="review:build").click().run()
    assert leaks(at.session_state["review:report"][0].decode("utf-8"))  # named: prepared
    assert at.get("download_button")
    at.toggle(key="anonymise").set_value(True).run()
    assert not at.exception
    assert "review:report" not in at.session_state
    assert not [b for b in at.get("download_button") if "rapport" in str(b.proto)]
    at = open_page(at, "export_map")
    at.toggle(key="anonymise").set_value(False).run()
    at.button(key="export:prepare").click().run()
    assert leaks(_as_text(at.session_state["export:file"][2]))
    at.toggle(key="anonymise").set_value(True).run()
    assert "export:file" not in at.session_state
    assert not [b for b in at.get("download_button") if "export:csv" in str(b.proto)]


def _as_text(data: bytes) -> str:
    import tempfile
    from pathlib import Path

    with tempfile.NamedTemporaryFile(delete=False) as handle:
        handle.write(data)
    try:
        return file_text(Path(handle.name))
    finally:
        Path(handle.name).unlink()
