"""The map of the territory as an HTML page: self-contained, escaped, filtered."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from ecomap.graph import to_graph
from ecomap.model import Actor, Ecosystem, Relation
from ecomap.settings import SettingError
from ecomap.views.territory import DEFAULT_TILES, territory_html, tile_setting

HOSTILE = "<script>alert(1)</script>"


def geo_map() -> Ecosystem:
    eco = Ecosystem()
    for record in (
        Actor(id="a", name=HOSTILE, kind="institution", territory="Nord", lat=47.0, lon=6.0),
        Actor(id="b", name="Asso", kind="organisation", territory="Sud", lat=47.1, lon=6.1,
              category="</script><b>x"),
        Actor(id="c", name="Coop", kind="organisation", territory="Sud", lat=47.2, lon=6.2),
        Actor(id="p", name="Paule", kind="person"),
        Relation(source="a", target="b", type="cooperates", weight=2),
        Relation(source="a", target="c", type="tension"),
        Relation(source="b", target="c", type="power", power_type="economic"),
        Relation(source="p", target="b", type="cooperates"),
    ):  # fmt: skip
        eco.add(record)
    return eco


def config(page: str) -> dict:
    found = re.search(r"var config = (\{.*?\});\n", page)
    assert found, "no data in the page"
    return json.loads(found.group(1))


def test_page_is_self_contained():
    page = territory_html(to_graph(geo_map()), tiles=DEFAULT_TILES)
    assert "L.map(" in page and "leaflet-container" in page  # Leaflet inlined
    assert not re.search(r"<(script|link|img)[^>]*(src|href)=", page)
    assert not re.search(r"url\(\s*['\"]?https?:", page)
    assert not re.search(r"@import", page)
    # The tile template is the only address the page asks for.
    assert config(page)["tiles"] == DEFAULT_TILES
    assert "OpenStreetMap contributors" in page


def test_user_text_is_escaped():
    page = territory_html(to_graph(geo_map()), lang="fr")
    assert HOSTILE not in page
    assert "</script><b>x" not in page
    tips = " ".join(m["tip"] for m in config(page)["markers"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in tips
    # Inside the script element, no "</" survives to close it early.
    data = re.search(r"var config = (\{.*?\});\n", page).group(1)
    assert "</" not in data


def test_actors_and_arcs_drawn():
    """Three actors have coordinates; Paule has none. Cooperation a–b and tension a–c are
    drawn as arcs; power is not a geographic tie; p–b has no end on the map."""
    data = config(territory_html(to_graph(geo_map()), as_of=date(2026, 1, 1)))
    assert sorted(m["id"] for m in data["markers"]) == ["a", "b", "c"]
    assert len(data["arcs"]) == 2
    colours = sorted(arc["colour"] for arc in data["arcs"])
    assert colours == ["#2e7d32", "#d32f2f"]  # cooperation green, tension red
    ends = sorted((arc["points"][0], arc["points"][-1]) for arc in data["arcs"])
    assert ends[0] == ([47.0, 6.0], [47.1, 6.1])


def test_filters_like_the_network():
    G = to_graph(geo_map())
    data = config(territory_html(G, territories=["Sud"], relation_types=["tension"]))
    assert sorted(m["id"] for m in data["markers"]) == ["b", "c"]
    assert data["arcs"] == []  # the only tension has an end in Nord
    data = config(territory_html(G, kinds=["institution", "organisation"],
                                 relation_types=["cooperates"]))  # fmt: skip
    assert len(data["arcs"]) == 1


def test_no_tiles_still_draws():
    data = config(territory_html(to_graph(geo_map()), tiles=""))
    assert data["tiles"] == "" and len(data["markers"]) == 3


def test_tile_setting(monkeypatch):
    monkeypatch.delenv("ECOMAP_TILES", raising=False)
    assert tile_setting() == DEFAULT_TILES
    assert tile_setting(secret="https://t.example/{z}/{x}/{y}.png") == (
        "https://t.example/{z}/{x}/{y}.png"
    )
    assert tile_setting({"ECOMAP_TILES": "aucun"}, secret="https://x/{z}/{x}/{y}") == ""
    with pytest.raises(SettingError, match="ECOMAP_TILES"):
        tile_setting({"ECOMAP_TILES": "https://t.example/tiles.png"})
