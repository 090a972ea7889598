"""A large map as a reader first sees it, in headless Chromium: the benchmark's map of
10,000 actors opens as a few dozen groups (cooperation communities) with the number of
actors on each, not 1,350 organisations; clicking a group opens it."""

from __future__ import annotations

import os
import re
import time

import pytest
from browser_helpers import settle
from test_map_browser import BOXES, DOCS, SHOTS, for_readme, map_page, picture, serve

pytestmark = pytest.mark.browser

ACTORS = 10_000


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    from benchmarks.generate import generate, write
    from ecomap.ingest import read_map
    from ecomap.store.sqlite import SQLiteStore

    folder = tmp_path_factory.mktemp("large-map")
    write(generate(ACTORS), folder / "csv")
    with SQLiteStore(folder / "map.db") as store:
        store.import_map(read_map(folder / "csv")[0], source="benchmark")
    with serve(folder / "map.db") as base:
        yield base


GROUPS = """() => window.ecomapNetwork.body.data.nodes.get().map(n => (
    {id: n.id, count: n.count, card: n.card, group: n.ecomapGroup}))"""


def test_a_large_map_opens_as_groups_and_a_click_opens_one(explorer):
    SHOTS.mkdir(exist_ok=True)
    started = time.monotonic()
    # Generous: the explorer reads the 10,000 actors and finds their communities first
    # (seconds on a quiet machine, minutes on a busy one).
    with map_page(explorer, timeout=600) as (page, frame, outside):
        took = time.monotonic() - started
        nodes = frame.evaluate(GROUPS)
        assert len(nodes) <= 300  # a few hundred at most, not 1,350 organisations
        assert all(n["group"] and n["count"] >= 1 for n in nodes)
        assert sum(n["count"] for n in nodes) > 9_000  # every actor is in a group
        banner = page.locator('[data-testid="stAlert"]').all_inner_texts()
        said = " ".join(banner)
        assert re.search(rf"dessinés en {len(nodes)} groupes \(par communauté", said), said
        assert page.get_by_role("combobox", name="Regrouper").input_value() == (
            "Par communauté de coopération"
        )
        # Spread by the physics, then fitted: every group inside the frame.
        found = frame.evaluate(BOXES)
        for box in found["boxes"]:
            assert box["left"] >= 0 and box["top"] >= 0, box
            assert box["right"] <= found["width"] and box["bottom"] <= found["height"], box
        page.locator("iframe").first.screenshot(path=SHOTS / "map-large-grouped.png")
        print(f"\n{len(nodes)} groups drawn; page opened and settled in {took:.1f} s")

        # A click on the largest group opens it: its actors (each with a card) and the
        # groups they are tied to.
        largest = max(nodes, key=lambda n: n["count"])
        page.locator("iframe").first.scroll_into_view_if_needed()
        at = frame.evaluate(
            """(id) => {
                const network = window.ecomapNetwork;
                const at = network.canvasToDOM(network.getPosition(id));
                const box = document.querySelector('#network canvas').getBoundingClientRect();
                return {x: at.x + box.left, y: at.y + box.top, hit: network.getNodeAt(at)};
            }""",
            largest["id"],
        )
        assert at["hit"] == largest["id"]
        box = page.locator("iframe").first.bounding_box()
        page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
        page.wait_for_function("() => location.search.includes('groupe=')", timeout=60_000)
        page.get_by_text(re.compile(r"^Groupe « ")).wait_for(timeout=600_000)
        settle(page, timeout=600)
        frame = picture(page, 600)
        opened = frame.evaluate(GROUPS)
        members = [n for n in opened if n["card"]]
        others = [n for n in opened if n["group"]]
        assert len(members) == largest["count"]
        assert 0 < len(others) < len(nodes)
        assert largest["group"] not in {n["group"] for n in others}
        chosen = page.get_by_role("combobox", name="Ouvrir un groupe").input_value()
        assert chosen.endswith(f"— {largest['count']} acteurs")
        assert page.locator('[data-testid="stException"]').count() == 0
    assert outside == []
    if os.environ.get("ECOMAP_UPDATE_SCREENSHOTS"):
        for_readme(SHOTS / "map-large-grouped.png", DOCS / "map-large-grouped.png")
