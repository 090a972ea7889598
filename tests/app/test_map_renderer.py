"""The map page's choice of renderer: vis-network for the small map, WebGL (sigma.js) when
asked in the advanced options, and back (the picture itself is tested in
tests/views/test_webgl.py and, drawn in Chromium, in tests/app/test_webgl_browser.py)."""

from __future__ import annotations

import json
import re

from app_helpers import map_html, network_data


def webgl_data(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="ecomap-data">(.*?)</script>', html,
                      re.S)  # fmt: skip
    assert found, "not a WebGL picture"
    return json.loads(found.group(1))


def test_small_map_drawn_by_vis_network_unless_webgl_is_asked(app):
    assert app.radio(key="map_renderer").value == "auto"
    assert len(network_data(map_html(app), "nodes")) == 6
    assert "ecomap-data" not in map_html(app)

    app.radio(key="map_renderer").set_value("webgl").run()
    assert not app.exception
    data = webgl_data(map_html(app))
    # The same six actors and seven ties as the vis-network picture (test_map_page).
    assert {n["id"] for n in data["nodes"]} == {"mairie", "asso", "coop", "ana", "ben", "hostile"}
    assert len(data["edges"]) == 7
    assert data["card"] == "fiche?fiche={id}"
    assert "6 nœuds et 7 liens affichés." in [c.value for c in app.caption]

    app.radio(key="map_renderer").set_value("pyvis").run()
    assert len(network_data(map_html(app), "nodes")) == 6
