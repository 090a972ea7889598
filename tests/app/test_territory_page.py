"""The Territoire page on the small map with coordinates for three of its actors."""

from __future__ import annotations

import json
import re

import pytest
from app_helpers import APP, map_html, open_page, small_map, texts


@pytest.fixture
def located_app(tmp_path, monkeypatch):
    """The small map where the Mairie, Asso des Halles and Ana Martin have coordinates."""
    from streamlit.testing.v1 import AppTest

    from ecomap.store.sqlite import SQLiteStore

    eco = small_map()
    for actor, (lat, lon) in {"mairie": (47.2, 6.0), "asso": (47.25, 6.05),
                              "ana": (47.3, 6.1)}.items():  # fmt: skip
        eco.actors[actor] = eco.actors[actor].model_copy(update={"lat": lat, "lon": lon})
    path = tmp_path / "map.db"
    with SQLiteStore(path) as store:
        store.import_map(eco, source="tests")
    monkeypatch.setenv("ECOMAP_STORE", str(path))
    monkeypatch.delenv("ECOMAP_READ_ONLY", raising=False)
    monkeypatch.setenv("ECOMAP_TILES", "none")
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    return open_page(at, "territory")


def markers(at) -> list[str]:
    data = json.loads(re.search(r"var config = (\{.*?\});\n", map_html(at)).group(1))
    return sorted(m["id"] for m in data["markers"])


def test_page_shows_the_map_the_summary_and_who_is_missing(located_app):
    at = located_app
    assert not at.exception and not at.error
    assert markers(at) == ["ana", "asso", "mairie"]
    assert "3 acteurs sur 6 ont des coordonnées." in texts(at)
    summary, between, missing = (f.value for f in at.dataframe)
    assert list(summary["territoire"]) == ["Lernay", "Valbourg", "(sans territoire)"]
    # Mairie–Asso cooperate inside Valbourg; Mairie–Coop in tension between territories;
    # Ana–Ben cooperate, both without territory.
    assert list(summary["paires qui coopèrent"]) == [0, 1, 1]
    assert list(between["paires en tension"]) == [1]
    assert sorted(missing["acteur"]) == sorted(
        ["Coop Bio", "Ben Roy", "<img src=x onerror=alert(1)>"]
    )
    assert "colonnes lat et lon" in texts(at)


def test_filters_change_the_map(located_app):
    at = located_app
    at.multiselect(key="territory_kinds").set_value(["institution"]).run()
    assert markers(at) == ["mairie"]
    at.multiselect(key="territory_kinds").set_value([]).run()
    at.multiselect(key="territory_relations").set_value(["tension"]).run()
    assert '"arcs": []' in map_html(at)  # Mairie–Coop: Coop is not on the map


def test_anonymised_people_leave_the_map(located_app):
    at = located_app
    at.toggle(key="anonymise").set_value(True).run()
    assert not at.exception
    assert markers(at) == ["asso", "mairie"]
    assert "Anonymisé" in texts(at)
    assert "Ana Martin" not in map_html(at)


def test_the_review_report_can_carry_the_map_of_the_territory(located_app):
    at = open_page(located_app, "review")
    at.toggle(key="review:geography").set_value(True)
    at.button(key="review:build").click().run()
    assert not at.exception
    html = at.session_state["review:report"][0].decode("utf-8")
    assert '<section id="geography">' in html
    assert "3 acteurs sur 6 placés" in html
