"""The actor's card page on the small map: opened by ``?fiche=id`` or from a result
table, its sections, the what-if of a departure, escaping, and the anonymised view.

On the small map Ana (Asso) and Ben (Coop) carry the only tie between Asso and Coop:
Ana's departure alone ends that link (see ``test_analysis_pages``).
"""

from __future__ import annotations

from app_helpers import HOSTILE, small_map, texts

from ecomap.model import RelationType
from ecomap.privacy import anonymise

SECTION_TITLES = (
    "Liens qu'il porte",
    "Personne clé",
    "Pouvoir et rapports de force",
    "Rôles de contrepoids",
    "Rôle de passerelle",
    "Enjeux et positions",
    "Engagement et charge",
    "Santé A.C.T.E.R de ses coopérations",
    "Tiers neutre",
)


def open_card(at, actor: str):
    at.query_params["fiche"] = actor
    at.switch_page("app_pages/card.py")
    return at.run()


def test_card_opened_by_its_link(app):
    at = open_card(app, "ana")
    assert not at.exception
    assert at.header[0].value == "Ana Martin"
    assert at.selectbox(key="card_actor").value == "ana"
    shown = texts(at)
    for title in SECTION_TITLES:
        assert title in shown
    assert "personne clé : 1 lien entre organisations s'arrête si Ana Martin part" in shown
    assert "Membre de** : Asso des Halles" in shown
    assert "Relations" in [s.value for s in at.subheader]
    assert "coopère" in " ".join(e.label for e in at.expander)


def open_relation_lists(at):
    """Open every list of relations on the card (a click on each), as a reader would
    (``app_pages/card.py`` keys each list ``card_rel_open_list:<type>``; the page is a
    script: importing it would run it)."""
    for rtype in RelationType:
        at.session_state[f"card_rel_open_list:{rtype.value}"] = True
    return at.run()


def test_a_list_of_relations_is_made_when_opened(app):
    """Ana: member of Asso, cooperates with Ben, takes part in the COPIL (the small map,
    by hand)."""
    at = open_card(app, "ana")
    assert not at.dataframe  # closed lists: no table made or sent
    at = open_relation_lists(at)
    assert not at.exception
    tables = [df.value for df in at.dataframe]
    others = sorted(name for table in tables for name in table.iloc[:, 1])
    assert others == ["Asso des Halles", "Ben Roy", "COPIL marché"]


def test_what_if_of_her_departure_on_the_card(app):
    at = open_card(app, "ana")
    assert not at.metric
    at.toggle(key="card_what_if").set_value(True).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Liens qui s'arrêtent"] == "1"
    assert "Ana Martin part" in texts(at)


def test_organisations_have_no_what_if(app):
    at = open_card(app, "mairie")
    assert at.toggle(key="card_what_if").disabled
    assert "Mairie de Valbourg domine Asso des Halles" in texts(at)


def test_picking_another_actor_follows_in_the_link(app):
    at = open_card(app, "ana")
    at.selectbox(key="card_actor").set_value("coop").run()
    assert at.header[0].value == "Coop Bio"
    assert at.query_params["fiche"] == "coop"


def test_opened_from_a_result_table(app):
    app.switch_page("app_pages/fragility.py")
    at = app.run()
    at.button(key="fragility_link_pick:card:asso").click().run()
    assert not at.exception
    assert at.header[0].value == "Asso des Halles"
    assert "Ana Martin" in texts(at)  # a member


def test_centre_the_map_on_the_actor(app):
    at = open_card(app, "ben")
    at.button(key="card_centre").click().run()
    assert not at.exception
    assert at.selectbox(key="map_focus").value == "ben"


def test_user_text_is_escaped(app):
    at = open_card(app, "hostile")
    assert not at.exception
    assert at.header[0].value != HOSTILE
    assert at.header[0].value.replace("\\", "") == HOSTILE


def test_unknown_actor_is_told_in_words(app):
    at = open_card(app, "nobody")
    assert not at.exception
    assert "nobody" in " ".join(w.value for w in at.warning)
    assert not at.header


def test_anonymised_card_names_no_person(app, store_path):
    from ecomap.store.sqlite import SQLiteStore

    with SQLiteStore(store_path) as store:  # the explorer's pseudonyms use the store's key
        key = store.pseudonym_key()
    anonymous = anonymise(small_map(), key=key, lang="fr")
    alias = next(a for a in anonymous.actors.values() if a.role == "coordinatrice")  # Ana
    at = open_card(app, "ana")
    at.toggle(key="anonymise").set_value(True).run()
    assert not at.exception
    # The real id names no one in the anonymised map: the card waits for another pick.
    assert not at.header
    at.selectbox(key="card_actor").set_value(alias.id).run()
    assert at.header[0].value.startswith("Personne ")
    assert at.query_params["fiche"] == alias.id
    at = open_relation_lists(at)
    assert at.dataframe  # the relations' tables are read too
    shown = texts(at) + " ".join(str(df.value) for df in at.dataframe)
    for person in ("Ana Martin", "Ben Roy", HOSTILE):
        assert person not in shown
    assert "personne clé : 1 lien " in shown


def test_opened_from_the_actors_table(app):
    app.switch_page("app_pages/actors.py")
    at = app.run()
    at.selectbox(key="actors_card_pick").set_value("coop").run()
    at.button(key="actors_card_open").click().run()
    assert not at.exception
    assert at.header[0].value == "Coop Bio"


def test_a_real_id_typed_under_anonymise_is_not_repeated(app):
    app.toggle(key="anonymise").set_value(True).run()
    at = open_card(app, "ana")
    assert not at.exception
    warned = " ".join(w.value for w in at.warning)
    assert warned and "ana" not in warned.replace("anonymis", "")
    assert not at.header


def test_card_in_english(app):
    app.radio(key="lang").set_value("en").run()
    at = open_card(app, "ana")
    assert not at.exception
    assert at.title[0].value == "Actor card"
    shown = texts(at)
    assert "key person: 1 link between organisations ends if Ana Martin leaves" in shown
    assert "**Member of**: Asso des Halles" in shown
    assert "Centre the map" in [b.label for b in at.button]
