"""A saved view drawn the same on the map page and in the presentation (AppTest, on the
small map of ``app_helpers``): its own layout (the positions in the drawn page), its
grouping of a large map and its renderer."""

from __future__ import annotations

import json
import re

from app_helpers import APP, map_html, network_data, open_page

from ecomap.store.sqlite import SQLiteStore
from ecomap.views import network
from ecomap.views.saved import new_view

#: Where the view places three actors (the map's own layout places them elsewhere).
PLACED = {"asso": (900.0, -700.0), "ana": (-800.0, 600.0), "mairie": (0.0, 0.0)}


def positions_drawn(html: str) -> dict[str, tuple[float, float]]:
    """Node → (x, y) as the page hands them to its renderer (vis-network or sigma.js,
    whose y axis points up)."""
    found = re.search(r'<script type="application/json" id="ecomap-data">(.*?)</script>', html,
                      re.S)  # fmt: skip
    if found:
        return {n["id"]: (n["x"], -n["y"]) for n in json.loads(found.group(1))["nodes"]}
    return {n["id"]: (n["x"], n["y"]) for n in network_data(html, "nodes")}


def save(store_path, name: str, choices: dict, positions=None) -> None:
    with SQLiteStore(store_path) as store:
        store.save_view(new_view(name, choices, positions=positions or {}), author="ana")


def present(app):
    at = open_page(app, "views")
    at.button(key="views_present").click()
    at = at.run()
    assert not at.exception
    return at


def test_a_view_opens_on_the_map_with_its_own_layout_and_the_map_s_comes_back(app, store_path):
    at = app
    before = positions_drawn(map_html(at))
    assert all(before[n] != p for n, p in PLACED.items())
    save(store_path, "Disposition", {}, PLACED)
    at = at.run()
    at.button(key="views_open").click()
    at = at.run()
    assert not at.exception
    drawn = positions_drawn(map_html(at))
    assert {n: drawn[n] for n in PLACED} == PLACED
    assert any("Nœuds placés comme dans la vue « Disposition »" in c.value for c in at.caption)
    # Saved again from the map, the view keeps the layout it is drawn with.
    at.text_input(key="views_save_name").input("Copie")
    at.button(key="FormSubmitter:views_save_form-Enregistrer cette vue").click()
    at = at.run()
    with SQLiteStore(store_path) as store:
        copy = next(v for v in store.views() if v.name == "Copie")
    assert {n: copy.positions[n] for n in PLACED} == PLACED
    # Back to the map's layout.
    at.button(key="views_layout_forget").click()
    at = at.run()
    assert positions_drawn(map_html(at)) == before
    assert not any("Nœuds placés comme" in c.value for c in at.caption)


def test_the_views_page_opens_a_view_on_the_map_with_its_layout(app, store_path):
    save(store_path, "Disposition", {"level": "micro"}, PLACED)
    at = open_page(app, "views")
    at.button(key="views_open_map").click()
    at = at.run()
    assert not at.exception
    drawn = positions_drawn(map_html(at))
    assert {n: drawn[n] for n in PLACED} == PLACED


def test_the_presentation_draws_a_view_as_the_map_page_does(app, store_path):
    """The same page, node for node and position for position, as the map page draws
    for the same view; clicks lead nowhere in the presentation."""
    save(store_path, "Fragilités", {"overlays": ["fragile"], "color_by": "territory"}, PLACED)
    at = app.run()
    at.button(key="views_open").click()
    at = at.run()
    on_map = map_html(at)
    at = present(at)
    shown = map_html(at)
    assert positions_drawn(shown) == positions_drawn(on_map)
    assert {n: positions_drawn(shown)[n] for n in PLACED} == PLACED
    assert [(n["id"], n["color"]) for n in network_data(shown, "nodes")] == [
        (n["id"], n["color"]) for n in network_data(on_map, "nodes")]  # fmt: skip
    assert network_data(shown, "edges") == network_data(on_map, "edges")
    assert "fiche?fiche=" in on_map and "fiche?fiche=" not in shown


def test_the_presentation_draws_with_webgl_when_the_view_says_so(app, store_path):
    save(store_path, "WebGL", {"renderer": "webgl"}, PLACED)
    at = present(app)
    shown = map_html(at)
    assert "ecomap-data" in shown
    drawn = positions_drawn(shown)
    assert {n: drawn[n] for n in PLACED} == PLACED


def test_the_presentation_groups_a_large_map_as_the_map_page_does(store_path, monkeypatch):
    """Above the limit (lowered to 3 actors) a view that leaves the grouping to the map
    page is shown in communities, in the presentation as on the map page."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setattr(network, "LARGE_MAP", 3)
    save(store_path, "Grande carte", {})
    save(store_path, "Par territoire", {"group_by": "territory"})
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    on_map = {n["id"] for n in network_data(map_html(at), "nodes")}
    assert all(n.startswith("community:") for n in on_map)
    at = present(at)
    assert {n["id"] for n in network_data(map_html(at), "nodes")} == on_map
    at.button(key="views_next").click()
    at = at.run()
    assert {n["id"] for n in network_data(map_html(at), "nodes")} == {
        "territory:Valbourg", "territory:Lernay", "territory:-"}  # fmt: skip
