"""The analysis pages on the small map: results with their reasons, the what-if, the
pickers that re-run an analysis, and the language of the reasons.

Expected values are worked out by hand on the small map of ``app_helpers``.
"""

from __future__ import annotations

import json

from app_helpers import open_page, open_tab, texts


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_fragility_finds_the_link_carried_by_ana_and_ben(app):
    """Asso–Coop hangs on one cooperation (Ana–Ben): bus factor 1, nothing institutes it
    (Ana is in the COPIL, Ben and Coop are not). Mairie–Asso is a declared, formal
    cooperation with no named person: reported, not fragile."""
    at = open_page(app, "fragility")
    assert "1 lien fragile sur 2 liens entre organisations." in texts(at)
    links = at.dataframe[0].value
    assert links["lien"].tolist() == ["Asso des Halles — Coop Bio"]
    assert links["départs qui coupent le lien"].tolist() == [1]
    # The plain name is explained in its tooltip, with the technical term and reference.
    config = json.loads(at.dataframe[0].proto.columns)
    assert "Terme technique : facteur bus" in config["départs qui coupent le lien"]["help"]
    at.toggle(key="fragility_only").set_value(False).run()
    assert len(at.dataframe[0].value) == 2


def test_what_if_ana_leaves(app):
    at = open_page(app, "fragility")
    open_tab(at, "fragility_tab", "Et si… des personnes partent")
    at.multiselect(key="what_if_people").set_value(["ana"]).run()
    assert metric(at, "Liens qui s'arrêtent") == "1"
    assert metric(at, "Acteurs isolés") == "0"
    assert "Ana Martin part" in texts(at)
    at.multiselect(key="what_if_people").set_value(["ana", "ben"]).run()
    assert metric(at, "Liens qui s'arrêtent") == "1"


def test_power_imbalance_and_counterweights_for_a_pair(app):
    """The Mairie holds economic power 3 over Asso: net power 3 ≥ 2, imbalanced. The
    Mairie and Coop are in tension and their power indices differ by at least 0.5
    (influence 4 against 1): imbalanced too, with net power 0, so ranked second
    (score = net + 2 × gap, and the gap is at most 1)."""
    at = open_page(app, "power")
    imbalances = at.dataframe[0].value
    assert imbalances[["dominant", "dominé"]].values.tolist() == [
        ["Mairie de Valbourg", "Asso des Halles"],
        ["Mairie de Valbourg", "Coop Bio"],
    ]
    assert imbalances["solde des rapports de force"].tolist() == [3.0, 0.0]
    open_tab(at, "power_tab", "Contrepoids pour une paire")
    at.selectbox(key="power_dominant").set_value("mairie").run()
    at.selectbox(key="power_weaker").set_value("asso").run()
    assert not at.exception


def test_reasons_follow_the_language(app):
    at = open_page(app, "fragility")
    french = at.dataframe[0].value["pourquoi"].iloc[0]
    at.radio(key="lang").set_value("en").run()
    english = at.dataframe[0].value["why"].iloc[0]
    assert french != english
    assert "carried by" in english or "carries" in english


def test_facilitators_between_chosen_parties(app):
    """Between Coop and Asso: not a party, not a member of one, no power relation with
    them — the Mairie holds power over Asso, Ana and Ben are members: only the hostile
    person remains, who cooperates with neither."""
    at = open_page(app, "facilitators")
    at.multiselect(key="facilitators_parties").set_value(["coop", "asso"]).run()
    candidates = at.dataframe[0].value
    assert candidates["acteur"].tolist() == ["<img src=x onerror=alert(1)>"]


def test_space_audit_flags_the_copil(app):
    """The COPIL is attended by Ana (Asso) and the hostile person (Mairie): two
    structures, no facilitator — it is not flagged."""
    at = open_page(app, "facilitators")
    audit = at.dataframe[-1].value
    assert audit["dispositif"].tolist() == ["COPIL marché"]
    assert audit["dispositif à revoir"].tolist() == ["non"]


def test_stakes_page_shows_the_contested_market(app):
    at = open_page(app, "stakes_tensions")
    positions = at.dataframe[0].value
    assert positions[["enjeu", "pour", "contre", "enjeu disputé"]].values.tolist() == [
        ["Marché couvert", 1, 1, "oui"]
    ]


def test_engagement_drivers_and_followers_at_risk(app):
    """Ana drives: one cooperation (with Ben), the COPIL has no frequency: load 1. The
    hostile person follows; in the ecosystem graph the nearest driver is three steps
    away (Mairie, Asso, Ana): at risk with the default two steps, not with three."""
    at = open_page(app, "engagement")
    assert metric(at, "Moteurs") == "1"
    assert metric(at, "Suiveurs sans moteur proche") == "1"
    drivers = at.dataframe[0].value
    assert drivers[["acteur", "charge d'un moteur"]].values.tolist() == [["Ana Martin", 1.0]]
    at.number_input(key="engagement_steps").set_value(3).run()
    assert metric(at, "Suiveurs sans moteur proche") == "0"


def test_bridges_by_territory_and_cut_points(app):
    """Cooperation graph: Ana–Ben and Mairie–Asso, two separate ties; no actor lies on a
    path between two others, so no betweenness and no cut-point."""
    at = open_page(app, "bridges")
    at.selectbox(key="bridges_groups").set_value("territory").run()
    assert not at.exception
    at.toggle(key="bridges_cut_points").set_value(True).run()
    assert "Rien à montrer sur cette carte." in texts(at)


def test_levels_counts_and_the_link_to_the_folded_map(app):
    at = open_page(app, "levels")
    counts = {m.label: m.value for m in at.metric}
    assert counts == {"Acteurs micro (personnes)": "3", "Acteurs méso (organisations)": "2",
                      "Acteurs macro (institutions)": "1"}  # fmt: skip
    open_tab(at, "levels_tab", "Carte regroupée par organisation")
    at.button(key="levels_map:meso").click().run()
    assert at.title[0].value == "Carte du réseau"
    assert at.selectbox(key="map_level").value == "meso"


def test_health_lists_unscored_cooperations_on_demand(app):
    """No cooperation of the small map has A.C.T.E.R scores."""
    at = open_page(app, "health")
    assert "Aucune note A.C.T.E.R n'est renseignée sur cette carte." in texts(at)
    at.toggle(key="health_scored").set_value(False).run()
    assert len(at.dataframe[0].value) == 2


def test_a_tab_opened_then_the_language_changed(app):
    """The open tab is kept while the person stays on the page; in the other language
    (other tab names) the page opens on its first tab, without an error."""
    at = open_tab(open_page(app, "power"), "power_tab", "Grille pouvoir–intérêt")
    assert at.selectbox(key="power_focal").value == ""
    at.selectbox(key="power_focal").set_value("marche").run()
    assert at.session_state["power_tab"] == "Grille pouvoir–intérêt"
    assert at.selectbox(key="power_focal").value == "marche"
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.session_state["power_tab"] == "Imbalances"
    assert at.dataframe[0].value.columns[0] == "dominant"
