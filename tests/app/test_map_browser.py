"""The map as a reader first sees it, in headless Chromium, on the sample territory (130
actors): the most important actors' labels legible at the first zoom, the others shown
as one zooms in, and a view centred on an actor fitted to its frame.

Sizes on screen are read from the canvas: a label's height in CSS pixels is its font
size (in the picture's units) times the picture's scale (``network.getScale()``).
Screenshots go to ``tests/app/screenshots/`` (and, small, to ``docs/screenshots/`` with
``ECOMAP_UPDATE_SCREENSHOTS=1``).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from app_helpers import ROOT
from browser_helpers import chromium, localhost_only, serve, settle

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parent / "screenshots"
DOCS = ROOT / "docs" / "screenshots"
SAMPLE = ROOT / "data" / "territoire-vallee"
#: The frame a reader sees the map in (the explorer's wide layout on a laptop).
VIEWPORT = {"width": 1200, "height": 800}


def for_readme(source: Path, target: Path) -> None:
    """A copy for the README in 256 colours (well under 300 KB)."""
    from PIL import Image

    target.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as image:
        image.convert("RGB").convert("P", palette=Image.ADAPTIVE, colors=256).save(
            target, optimize=True
        )
    assert target.stat().st_size < 300_000


@contextmanager
def map_page(base: str, path: str = "", timeout: float = 120):
    """The map page in Chromium (every request outside localhost refused), its picture
    drawn and settled (within ``timeout`` seconds); yields ``(page, frame, outside)``."""
    with chromium() as browser:
        page = browser.new_page(viewport=VIEWPORT)

        outside = localhost_only(page, base)
        page.goto(f"{base}/{path}")
        page.get_by_role("heading", name="Carte du réseau", level=1).wait_for(
            timeout=timeout * 1000
        )
        settle(page, timeout=timeout)
        yield page, picture(page, timeout), outside


def picture(page, timeout: float = 120):
    """The frame of the network picture, once drawn, stable and arranged."""
    wait = timeout * 1000
    page.frame_locator("iframe").first.locator("#network canvas").wait_for(timeout=wait)
    frame = page.locator("iframe").first.element_handle().content_frame()
    frame.wait_for_function("() => window.ecomapNetwork !== undefined && window.ecomapStable",
                            timeout=wait)  # fmt: skip
    # The frame takes its final size after the first drawing: let the fit follow it.
    page.wait_for_timeout(800)
    return frame


#: Every node's label height on screen (CSS pixels), its size value, and whether vis
#: draws it at this zoom (a label under the threshold is not drawn).
LABELS = """() => {
    const network = window.ecomapNetwork, scale = network.getScale();
    return network.body.data.nodes.get().map(n => {
        const body = network.body.nodes[n.id];
        return {id: n.id, value: n.value, px: body.options.font.size * scale,
                drawn: body.labelModule.visible()};
    });
}"""

#: The canvas's size and every node's box on the canvas, its label included when drawn.
BOXES = """() => {
    const network = window.ecomapNetwork;
    const canvas = document.querySelector('#network canvas').getBoundingClientRect();
    return {width: canvas.width, height: canvas.height,
            boxes: network.body.data.nodes.getIds().map(id => {
                const body = network.body.nodes[id], r = body.options.size;
                const box = body.labelModule.visible() ? network.getBoundingBox(id)
                    : {left: body.x - r, right: body.x + r, top: body.y - r, bottom: body.y + r};
                const a = network.canvasToDOM({x: box.left, y: box.top});
                const b = network.canvasToDOM({x: box.right, y: box.bottom});
                return {id: id, left: a.x, top: a.y, right: b.x, bottom: b.y};
            })};
}"""


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    from ecomap.ingest import read_map
    from ecomap.store.sqlite import SQLiteStore

    path = tmp_path_factory.mktemp("map-browser") / "map.db"
    with SQLiteStore(path) as store:
        store.import_map(read_map(SAMPLE)[0], source="sample")
    with serve(path) as base:
        yield base


def test_the_most_important_labels_are_legible_at_the_first_zoom(explorer):
    SHOTS.mkdir(exist_ok=True)
    with map_page(explorer) as (page, frame, outside):
        scale = frame.evaluate("() => window.ecomapNetwork.getScale()")
        labels = frame.evaluate(LABELS)
        page.locator("iframe").first.screenshot(path=SHOTS / "map-first-zoom.png")
        assert len(labels) == 130
        assert scale < 0.9  # the whole map fitted: smaller than full size
        ranked = sorted(labels, key=lambda n: -n["value"])
        # The most important (by the size measure, the number of ties by default): at
        # least 12 CSS pixels high, and drawn.
        for label in ranked[:10]:
            assert label["px"] >= 12 and label["drawn"], label
        legible = [n for n in labels if n["drawn"]]
        # Not every label at once: the others wait for a closer zoom.
        assert 10 <= len(legible) < 60, len(legible)
        assert min(n["px"] for n in legible) >= 11
        hidden = [n["id"] for n in labels if not n["drawn"]]

        # Zoomed in four times (as with the wheel): labels hidden before now show, none
        # drawn larger than 22 pixels on screen.
        frame.evaluate("(s) => window.ecomapNetwork.moveTo({scale: s})", scale * 4)
        page.wait_for_timeout(300)
        closer = {n["id"]: n for n in frame.evaluate(LABELS)}
        assert sum(closer[i]["drawn"] for i in hidden) > len(hidden) / 2
        frame.evaluate("() => window.ecomapNetwork.moveTo({scale: 3})")
        page.wait_for_timeout(300)
        shown = [n for n in frame.evaluate(LABELS) if n["drawn"]]
        assert len(shown) == 130  # beyond full size every label is drawn
    assert outside == []
    if os.environ.get("ECOMAP_UPDATE_SCREENSHOTS"):
        for_readme(SHOTS / "map-first-zoom.png", DOCS / "map-first-zoom.png")


def test_a_view_centred_on_an_actor_is_fitted_to_its_frame(explorer):
    """Hélène Cartier and the 17 actors around her: every node's box (its label
    included) lies inside the canvas, and the picture fills it (no empty half)."""
    with map_page(explorer, "?acteur=helene-cartier") as (page, frame, outside):
        assert page.get_by_role("combobox", name="Centrer sur un acteur").input_value() == (
            "Hélène Cartier"
        )
        found = frame.evaluate(BOXES)
        page.locator("iframe").first.screenshot(path=SHOTS / "map-focus.png")
        boxes = found["boxes"]
        assert len(boxes) == 18
        for box in boxes:
            assert box["left"] >= 0 and box["top"] >= 0, box
            assert box["right"] <= found["width"] and box["bottom"] <= found["height"], box
        left, right = min(b["left"] for b in boxes), max(b["right"] for b in boxes)
        top, bottom = min(b["top"] for b in boxes), max(b["bottom"] for b in boxes)
        # Fitted: the picture spans most of the frame in one direction at least.
        assert (right - left) / found["width"] > 0.8 or (bottom - top) / found["height"] > 0.8
        # And centred: the margins on opposite sides differ by little.
        assert abs(left - (found["width"] - right)) < 0.1 * found["width"]
        assert abs(top - (found["height"] - bottom)) < 0.1 * found["height"]
    assert outside == []
    if os.environ.get("ECOMAP_UPDATE_SCREENSHOTS"):
        for_readme(SHOTS / "map-focus.png", DOCS / "map-focus.png")
