"""The map page drawn as groups of actors (the default above ``network.LARGE_MAP``), and a
group opened from the list or from a shared address. Counts from ``app_helpers``'
small map, by hand: territories Valbourg (Mairie, Asso), Lernay (Coop), none (Ana, Ben
and the hostile person)."""

from __future__ import annotations

from app_helpers import APP, map_html, network_data

from ecomap.views import network


def drawn(at) -> tuple[dict[str, dict], list[dict]]:
    html = map_html(at)
    return {n["id"]: n for n in network_data(html, "nodes")}, network_data(html, "edges")


def test_a_small_map_is_not_grouped_by_default(app):
    assert app.selectbox(key="map_group_by").value == "none"
    assert app.selectbox(key="map_group").disabled


def test_group_by_territory_then_open_a_group(app):
    app.selectbox(key="map_group_by").set_value("territory").run()
    nodes, edges = drawn(app)
    assert {k: n["count"] for k, n in nodes.items()} == {
        "territory:-": 3, "territory:Valbourg": 2, "territory:Lernay": 1,
    }  # fmt: skip
    # Ana → Asso and hostile → Mairie; Ben → Coop; Mairie — Coop (tension).
    assert sorted(e["label"] for e in edges) == ["1", "1", "2"]
    said = " ".join(i.value for i in app.info)
    assert "Les 6 acteurs affichés sont dessinés en 3 groupes (par territoire)" in said
    assert "Tous les liens entre groupes sont tracés (3)" in said
    assert app.selectbox(key="map_level").disabled

    app.selectbox(key="map_group").set_value("territory:Valbourg").run()
    assert not app.exception
    nodes, edges = drawn(app)
    assert set(nodes) == {"mairie", "asso", "territory:-", "territory:Lernay"}
    assert len(edges) == 5  # cooperation and power inside, three ties to other groups
    assert app.query_params["groupe"] == "territory:Valbourg"
    said = " ".join(i.value for i in app.info)
    assert "Groupe « Valbourg » : ses 2 acteurs" in said and "les 2 autres groupes" in said


def test_centring_on_an_actor_sets_the_grouping_aside(app):
    app.selectbox(key="map_group_by").set_value("territory").run()
    app.selectbox(key="map_focus").set_value("ana").run()
    nodes, _ = drawn(app)
    assert set(nodes) == {"ana", "asso", "ben"}
    assert "le regroupement est mis de côté" in " ".join(i.value for i in app.info)
    # The group list, set aside, reads in French (not Streamlit's "Choose an option").
    assert app.selectbox(key="map_group").disabled
    assert app.selectbox(key="map_group").placeholder == "Tous les groupes"


def test_a_large_map_opens_grouped_by_community_and_a_link_opens_a_group(store_path, monkeypatch):
    """Above the limit (lowered here to 3 actors) the map opens in communities; an
    address ``?groupe=`` (what a click on a group does) opens that group."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setattr(network, "LARGE_MAP", 3)
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception
    assert at.selectbox(key="map_group_by").value == "community"
    nodes, _ = drawn(at)
    # Cooperations: Mairie–Asso and Ana–Ben; the Coop and the hostile person have none.
    assert sorted(n["count"] for n in nodes.values()) == [2, 2, 2]
    assert all(k.startswith("community:") for k in nodes)

    at.query_params["groupe"] = "territory:Lernay"
    at.run()
    assert not at.exception
    assert at.selectbox(key="map_group_by").value == "territory"
    assert at.selectbox(key="map_group").value == "territory:Lernay"
    nodes, _ = drawn(at)
    assert set(nodes) == {"coop", "territory:-", "territory:Valbourg"}
