"""Every page of the explorer runs on a small map, in French and in English, and its main
widgets do what they say (AppTest: the app's script run headless, without a browser)."""

from __future__ import annotations

import pytest
from app_helpers import APP, HOSTILE, open_page, shown_text, texts

from ecomap.ui_text import TEXT

#: Page file → its title key in the interface's catalogue.
PAGES = {
    "map": "page_map",
    "card": "page_card",
    "territory": "page_territory",
    "actors": "page_actors",
    "relations": "page_relations",
    "stakes": "page_stakes",
    "spaces": "page_spaces",
    "import_map": "page_import",
    "export_map": "page_export",
    "history": "page_history",
    "fragility": "page_fragility",
    "power": "page_power",
    "bridges": "page_bridges",
    "stakes_tensions": "page_stakes_tensions",
    "engagement": "page_engagement",
    "health": "page_health",
    "facilitators": "page_facilitators",
    "levels": "page_levels",
    "glossary": "page_glossary",
    "views": "page_views",
    "campaigns": "page_campaigns",
    "reconcile": "page_reconcile",
    # Last: AppTest re-reads its pickers on the next run, and a picker whose value was
    # written in the other language is not among the new options (a browser resets it).
    "review": "page_review",
}


def test_every_page_is_in_the_navigation():
    """app.py registers exactly the page files of app_pages/ (a page nobody can open, or
    a menu entry without a page, would be a bug)."""
    from pathlib import Path

    source = (Path(__file__).resolve().parents[2] / "app.py").read_text()
    files = {p.stem for p in (Path(__file__).resolve().parents[2] / "app_pages").glob("*.py")}
    shared = {
        "__init__",
        "common",
        "editing",
        "signin",
        "views_state",
        "views_show",
        "respond",
        "comparison",
        "drawing",
        "streamlit_run",  # the explorer's launcher (ecomap app), not a page
    }
    assert files - shared == set(PAGES)
    for page in PAGES:
        assert f"app_pages/{page}.py" in source or page == "map"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_runs_without_exception(app, lang):
    """Each page in turn, in one session (as a user clicking through the menu)."""
    app.radio(key="lang").set_value(lang).run()
    for page, title in PAGES.items():
        at = open_page(app, page)
        assert not at.exception, (page, [e.value for e in at.exception])
        assert [t.value for t in at.title] == [TEXT[lang][title]], page
        assert not at.error, (page, [e.value for e in at.error])


def test_language_switch_changes_the_whole_interface(app):
    assert app.title[0].value == "Carte du réseau"
    french_nav = app.radio(key="lang").label
    app.radio(key="lang").set_value("en").run()
    assert app.title[0].value == "Network map"
    assert app.selectbox(key="map_level").label == "View"
    open_page(app, "fragility")
    assert app.title[0].value == "Fragility"
    assert "Links between organisations" in [t.label for t in app.tabs]
    assert french_nav == app.radio(key="lang").label  # the switch itself reads in both


def test_hostile_name_is_text_on_data_pages(app):
    """Streamlit shows table cells and selectbox labels as text; the name is kept as is."""
    at = open_page(app, "actors")
    frame = at.data_editor[0].value
    assert HOSTILE in frame["name"].tolist()
    assert not at.exception


def test_results_link_to_the_actor_on_the_map(app):
    at = open_page(app, "fragility")
    link = next(b for b in at.button if b.label == "Voir Ana Martin sur la carte")
    link.click().run()
    assert at.title[0].value == "Carte du réseau"
    assert at.selectbox(key="map_focus").value == "ana"
    assert at.query_params.get("acteur") == "ana"


def test_export_offers_every_format_and_the_template(app):
    at = open_page(app, "export_map")
    assert at.radio(key="export:format").options == [
        "Fichiers CSV (zip)",
        "Classeur Excel",
        "JSON",
        "GEXF (Gephi)",
        "GraphML (Gephi, yEd)",
    ]
    assert [b.label for b in at.download_button] == ["Modèle vierge (Excel)"]
    for fmt, label in (("json", "JSON"), ("xlsx", "Classeur Excel")):
        at.radio(key="export:format").set_value(fmt).run()
        at.button(key="export:prepare").click().run()
        assert not at.exception
        assert label in [b.label for b in at.download_button]
        prepared = at.session_state["export:file"]
        assert prepared[0][0] == fmt and len(prepared[2]) > 100
    # A French workbook by default on the French page; English headers on request.
    import io

    import openpyxl

    assert at.radio(key="export:headers").value == "fr"
    book = openpyxl.load_workbook(io.BytesIO(at.session_state["export:file"][2]))
    assert book.sheetnames[0] == "acteurs" and book["acteurs"]["A1"].value == "identifiant"
    at.radio(key="export:headers").set_value("en").run()
    at.button(key="export:prepare").click().run()
    book = openpyxl.load_workbook(io.BytesIO(at.session_state["export:file"][2]))
    assert book.sheetnames[0] == "actors" and book["actors"]["A1"].value == "id"


def test_export_that_cannot_be_written_shows_why(app, store_path):
    """Text longer than an Excel cell holds cannot go into a workbook: the page says so
    (file, column, value) instead of failing."""
    from ecomap.model import Actor
    from ecomap.store.sqlite import SQLiteStore

    with SQLiteStore(store_path) as store:
        store.upsert([Actor(id="long", name="Long", kind="organisation", notes="x" * 40_000)])
    at = open_page(app, "export_map")
    at.radio(key="export:format").set_value("xlsx").run()
    at.button(key="export:prepare").click().run()
    assert not at.exception
    assert at.error and "export:file" not in at.session_state
    at.radio(key="export:format").set_value("json").run()
    at.button(key="export:prepare").click().run()
    assert "export:file" in at.session_state


def test_history_lists_the_import(app):
    at = open_page(app, "history")
    table = at.dataframe[0].value
    assert len(table) == 1
    assert table.iloc[0]["action"] == "import"
    # The store logs "imported 6 actors, 8 relations from tests"; the French page says it
    # in French.
    assert table.iloc[0]["quoi"].startswith("import de 6 acteurs et ")
    assert table.iloc[0]["quoi"].endswith(" depuis « tests »")
    at.radio(key="lang").set_value("en").run()
    assert (
        open_page(at, "history")
        .dataframe[0]
        .value.iloc[0]["what"]
        .startswith("imported 6 actors, ")
    )


def test_store_that_cannot_be_opened_is_told_in_words(tmp_path, monkeypatch):
    """A Neo4j URI with a password in it, nothing listening: an error in words, no
    traceback, and the password shown nowhere."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ECOMAP_STORE", "bolt://ecomap:s3cr3t-word@127.0.0.1:9")
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception
    assert len(at.error) == 1
    message = shown_text(at.error[0].value)
    assert message.startswith("Impossible d'ouvrir la carte (bolt://127.0.0.1:9)")
    everything = texts(at)
    assert "s3cr3t-word" not in everything


def test_unreadable_sqlite_file_is_told_in_words(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    not_a_map = tmp_path / "notes.db"
    not_a_map.write_text("this is not a database")
    monkeypatch.setenv("ECOMAP_STORE", str(not_a_map))
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception
    assert len(at.error) == 1
    assert str(not_a_map) in shown_text(at.error[0].value)


def test_language_and_map_choices_survive_a_visit_to_another_page(app):
    app.radio(key="lang").set_value("en").run()
    app.selectbox(key="map_level").set_value("meso").run()
    open_page(app, "fragility")
    link = next(b for b in app.button if b.label.startswith("Show "))
    link.click().run()
    assert app.title[0].value == "Network map"
    assert app.selectbox(key="map_level").value == "meso"


def test_store_from_streamlit_secrets(store_path, monkeypatch):
    """Without ECOMAP_STORE, ``[ecomap] store`` in the secrets names the map."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("ECOMAP_STORE")
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["ecomap"] = {"store": str(store_path)}
    at.run()
    assert not at.exception and not at.error
    assert "6 nœuds et 7 liens affichés." in [c.value for c in at.caption]


def test_neo4j_secrets_never_show_the_password(monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("ECOMAP_STORE", raising=False)
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["neo4j"] = {"uri": "bolt://127.0.0.1:9", "user": "ecomap",
                           "password": "pw-from-secrets"}  # fmt: skip
    at.run()
    assert not at.exception
    assert shown_text(at.error[0].value).startswith(
        "Impossible d'ouvrir la carte (bolt://127.0.0.1:9)"
    )
    assert "pw-from-secrets" not in texts(at)


def test_glossary_lists_every_indicator_and_finds_one(app):
    from ecomap import glossary

    at = open_page(app, "glossary")
    shown = texts(at)
    for key in ("bus_factor", "betweenness", "leverage", "acter_trust"):
        assert glossary.explain(key, "fr").split(" :")[0] in shown
    at.text_input(key="glossary_search").set_value("intermédiarité").run()
    found = [m.value for m in at.markdown if m.value.startswith("**")]
    assert found == ["**Position de passerelle**"]
    at.text_input(key="glossary_search").set_value("zzz").run()
    assert "Aucun indicateur ne correspond à cette recherche." in texts(at)
