"""The map page on the small map: filters, focus, folding, overlays, saved layout.

Expected counts come from the small map of ``app_helpers`` (counted by hand there).
"""

from __future__ import annotations

from app_helpers import HOSTILE, map_html, network_data, stored


def shown(at) -> tuple[set[str], int]:
    html = map_html(at)
    return {n["id"] for n in network_data(html, "nodes")}, len(network_data(html, "edges"))


def test_default_view_draws_actors_and_their_ties(app):
    """Default relation types: cooperates, power, tension, member_of, part_of — the six
    actors and 3 memberships + 2 cooperations + 1 power + 1 tension = 7 ties."""
    nodes, edges = shown(app)
    assert nodes == {"mairie", "asso", "coop", "ana", "ben", "hostile"}
    assert edges == 7
    assert "6 nœuds et 7 liens affichés." in [c.value for c in app.caption]


def test_filter_by_kind(app):
    app.multiselect(key="map_f_kinds").set_value(["organisation"]).run()
    nodes, edges = shown(app)
    assert nodes == {"asso", "coop"}
    assert edges == 0  # they are tied only through their people


def test_filter_by_territory_and_relation_type(app):
    app.multiselect(key="map_f_territories").set_value(["Valbourg"]).run()
    assert shown(app) == ({"mairie", "asso"}, 2)  # cooperation and power
    app.multiselect(key="map_f_relations").set_value(["power"]).run()
    assert shown(app) == ({"mairie", "asso"}, 1)


def test_stake_filter_brings_the_stake_in(app):
    app.multiselect(key="map_f_relations").set_value(["stake", "tension"]).run()
    app.multiselect(key="map_f_stakes").set_value(["marche"]).run()
    nodes, edges = shown(app)
    assert nodes == {"mairie", "coop", "marche"}
    assert edges == 3  # two stances and the tension


def test_focus_on_an_actor_with_depth(app):
    app.selectbox(key="map_focus").set_value("ana").run()
    assert shown(app) == ({"ana", "asso", "ben"}, 2)
    app.number_input(key="map_depth").set_value(2).run()
    # two steps: Asso's Mairie (cooperation and power) and Ben's Coop
    assert shown(app) == ({"ana", "asso", "ben", "mairie", "coop"}, 6)


def test_fold_to_organisations(app):
    """Meso view: Ana into Asso, Ben into Coop, the hostile person into the Mairie; the
    Ana–Ben cooperation becomes an Asso–Coop tie."""
    app.selectbox(key="map_level").set_value("meso").run()
    html = map_html(app)
    nodes = {n["id"] for n in network_data(html, "nodes")}
    edges = network_data(html, "edges")
    assert nodes == {"mairie", "asso", "coop"}
    pairs = sorted(
        (tuple(sorted((e["from"], e["to"]))), e["title"].split(" : ")[-1]) for e in edges
    )
    assert pairs == [
        (("asso", "coop"), "coopère avec\n1 relation, force totale 2"),
        (("asso", "mairie"), "coopère avec\n1 relation, force totale 1"),
        (("asso", "mairie"), "rapport de force\n1 relation, force totale 3"),
        (("coop", "mairie"), "tension\n1 relation, force totale 2"),
    ]


def test_overlays_switch_on_and_off(app):
    app.toggle(key="map_o_fragile").set_value(True).run()
    edges = network_data(map_html(app), "edges")
    overlay = [e for e in edges if e["id"].startswith("overlay:")]
    assert [(e["from"], e["to"]) for e in overlay] == [("asso", "coop")]
    assert "liens fragiles</span>" in map_html(app)  # in the legend
    app.toggle(key="map_o_fragile").set_value(False).run()
    assert not [e for e in network_data(map_html(app), "edges") if e["id"].startswith("overlay:")]


def test_key_people_overlay_rings_both_carriers(app):
    app.toggle(key="map_o_key_people").set_value(True).run()
    nodes = {n["id"]: n for n in network_data(map_html(app), "nodes")}
    assert nodes["ana"]["borderWidth"] == 5 and nodes["ben"]["borderWidth"] == 5
    assert nodes["mairie"]["borderWidth"] == 1


def test_hostile_name_never_reaches_the_page_as_markup(app):
    html = map_html(app)
    assert HOSTILE not in html
    labels = [n["label"] for n in network_data(html, "nodes")]
    assert HOSTILE in labels  # decoded from JSON it is the same text, drawn as text


def test_save_and_forget_the_layout(app, store_path):
    app.button(key="layout_save").click().run()
    saved = stored(store_path)
    assert {a.extra.keys() >= {"x", "y"} for a in saved.actors.values()} == {True}
    drawn = {n["id"]: (n["x"], n["y"]) for n in network_data(map_html(app), "nodes")}
    ana = saved.actors["ana"].extra
    assert drawn["ana"] == (float(ana["x"]), float(ana["y"]))
    assert "disposition de" in app.success[0].value
    app.button(key="layout_forget").click().run()
    assert all("x" not in a.extra for a in stored(store_path).actors.values())


def test_size_by_structural_power_and_colour_by_territory(app):
    app.selectbox(key="map_size").set_value("structural_power").run()
    app.selectbox(key="map_color").set_value("territory").run()
    nodes = {n["id"]: n for n in network_data(map_html(app), "nodes")}
    # The Mairie holds the only power relation: it has the largest structural power.
    assert max(nodes, key=lambda n: nodes[n]["value"]) == "mairie"
    assert nodes["mairie"]["color"]["background"] == nodes["asso"]["color"]["background"]
    assert nodes["mairie"]["color"]["background"] != nodes["coop"]["color"]["background"]
    assert not app.exception


def test_folded_views_size_by_every_measure(app):
    app.selectbox(key="map_level").set_value("meso").run()
    for measure in ("degree", "influence", "betweenness", "structural_power"):
        app.selectbox(key="map_size").set_value(measure).run()
        assert not app.exception, measure
        nodes = {n["id"]: n["value"] for n in network_data(map_html(app), "nodes")}
        assert set(nodes) == {"mairie", "asso", "coop"}, measure
    # Structural power: the Mairie holds the only power relation.
    assert max(nodes, key=nodes.get) == "mairie"


def test_focus_on_a_person_in_the_organisations_view_centres_on_their_organisation(app):
    app.selectbox(key="map_level").set_value("meso").run()
    app.selectbox(key="map_focus").set_value("ben").run()
    nodes = {n["id"]: n for n in network_data(map_html(app), "nodes")}
    assert set(nodes) == {"coop", "asso", "mairie"}  # Coop's ties: Asso and the Mairie
    assert nodes["coop"]["borderWidth"] == 6


def test_folded_focus_says_which_group_holds_the_person(app):
    app.selectbox(key="map_level").set_value("meso").run()
    app.selectbox(key="map_focus").set_value("ben").run()
    said = " ".join(i.value for i in app.info)
    assert "Ben Roy est dans Coop Bio" in said
    app.selectbox(key="map_level").set_value("micro").run()
    assert "Ben Roy est dans" not in " ".join(i.value for i in app.info)


def test_map_opens_the_card_of_the_actor_in_focus(app):
    app.selectbox(key="map_focus").set_value("ana").run()
    app.button(key="map_card").click().run()
    assert not app.exception
    assert app.header[0].value == "Ana Martin"
    assert app.selectbox(key="card_actor").value == "ana"
