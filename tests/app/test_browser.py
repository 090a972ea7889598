"""The explorer in a real browser: ``streamlit run app.py`` on the sample territory, every
page opened in headless Chromium with every request outside localhost blocked.

Checks, per page: the expected title, no Streamlit exception box, nothing fetched from
the internet (the network view and the app are self-contained); on the map page, the
network canvas inside its frame. A screenshot of each page goes to
``tests/app/screenshots/``; with ``ECOMAP_UPDATE_SCREENSHOTS=1`` the main ones are also
written, small, to ``docs/screenshots/`` for the README.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from app_helpers import ROOT, small_map
from browser_helpers import localhost_only, serve, settle

from ecomap.ui_text import TEXT
from ecomap.views.territory import DEFAULT_TILES

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parent / "screenshots"
DOCS = ROOT / "docs" / "screenshots"
#: The README's pictures are written again: wait for the drawings to finish first.
UPDATE = os.environ.get("ECOMAP_UPDATE_SCREENSHOTS", "") not in ("", "0")
SAMPLE = ROOT / "data" / "territoire-vallee"
#: Where the background map of the territory comes from by default.
TILES = DEFAULT_TILES.split("{z}")[0]

#: URL path → (title key, screenshot name, copied to docs/).
PAGES = {
    "": ("page_map", "map", True),
    "territoire": ("page_territory", "territory", False),
    "acteurs": ("page_actors", "actors", True),
    "relations": ("page_relations", "relations", False),
    "enjeux": ("page_stakes", "stakes", False),
    "dispositifs": ("page_spaces", "spaces", False),
    "importer": ("page_import", "import", False),
    "exporter": ("page_export", "export", False),
    "historique": ("page_history", "history", False),
    "fragilite": ("page_fragility", "fragility", True),
    "pouvoir": ("page_power", "power", True),
    "ponts": ("page_bridges", "bridges", False),
    "tensions": ("page_stakes_tensions", "stakes-tensions", False),
    "engagement": ("page_engagement", "engagement", False),
    "sante": ("page_health", "health", True),
    "tiers-neutres": ("page_facilitators", "facilitators", False),
    "niveaux": ("page_levels", "levels", False),
    "revue": ("page_review", "review", True),
}


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    """The app served on localhost, on a store holding the sample territory."""
    from ecomap.ingest import read_map
    from ecomap.store.sqlite import SQLiteStore

    path = tmp_path_factory.mktemp("browser") / "map.db"
    eco = read_map(SAMPLE)[0] if SAMPLE.exists() else small_map()
    with SQLiteStore(path) as store:
        store.import_map(eco, source="sample")
    with serve(path) as base:
        yield base


def small_png(source: Path, target: Path) -> None:
    """A copy for the README: the first 1,350 pixels of the page, 1,100 wide, 256
    colours — well under 300 KB."""
    from PIL import Image

    with Image.open(source) as image:
        top = image.crop((0, 0, image.width, min(image.height, 1350))).convert("RGB")
        small = top.resize((1100, round(top.height * 1100 / top.width)), Image.LANCZOS)
        small.convert("P", palette=Image.ADAPTIVE, colors=256).save(target, optimize=True)
    assert target.stat().st_size < 300_000


def test_every_page_in_a_real_browser(explorer, browser):
    SHOTS.mkdir(exist_ok=True)
    timings = {}
    # Streamlit scrolls its main area itself: a tall window shows whole pages.
    page = browser.new_page(viewport={"width": 1400, "height": 1800})

    outside = localhost_only(page, explorer)
    page.goto(explorer, timeout=120_000)
    settle(page)  # the explorer's first run, slow on a busy machine
    for path, (title_key, name, _) in PAGES.items():
        started = time.monotonic()
        # Through the menu, as a person goes from page to page (one session).
        link = page.locator(f'[data-testid="stSidebarNav"] a[href="{explorer}/{path}"]')
        link.click()
        title = TEXT["fr"][title_key]
        page.get_by_role("heading", name=title, level=1).wait_for(timeout=120_000)
        settle(page)
        timings[name] = round(time.monotonic() - started, 1)
        assert page.locator('[data-testid="stException"]').count() == 0, name
        assert page.get_by_text("Page not found").count() == 0, name
        if name == "map":
            frame = page.frame_locator("iframe").first
            frame.locator("#network canvas").wait_for(timeout=60_000)
            assert frame.locator("#network canvas").count() == 1
            assert frame.locator(".legend").inner_text().startswith("Couleur : niveau")
        if UPDATE:
            page.wait_for_timeout(800 if name == "map" else 300)  # canvas and charts draw
        page.screenshot(path=SHOTS / f"{name}.png", full_page=True)
    print("seconds to open each page from the menu:", timings)
    # The territory's background map is the one address a page may ask for (blocked here).
    assert [url for url in outside if not url.startswith(TILES)] == []
    if UPDATE:
        DOCS.mkdir(parents=True, exist_ok=True)
        for _, name, documented in PAGES.values():
            if documented:
                small_png(SHOTS / f"{name}.png", DOCS / f"{name}.png")


def test_language_switch_and_focus_link_in_the_browser(explorer, browser):
    """Switch to English, then follow a result's link to the map, centred on that actor."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(explorer)
               else r.abort())  # fmt: skip
    page.goto(f"{explorer}/fragilite", timeout=120_000)
    page.get_by_role("heading", name="Fragilité", level=1).wait_for(timeout=120_000)
    settle(page)
    page.get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="Fragility", level=1).wait_for(timeout=60_000)
    settle(page)
    link = page.get_by_role("button", name=re.compile(r"^Show .+ on the map$")).first
    shown = re.search(r"Show (.+) on the map", link.inner_text()).group(1)
    link.click()
    page.get_by_role("heading", name="Network map", level=1).wait_for(timeout=60_000)
    settle(page)
    assert "acteur=" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
    focus = page.get_by_role("combobox", name="Centre on an actor")
    assert focus.input_value() == shown


def _node_point(page, frame, node: str) -> tuple[float, float]:
    """Where ``node`` is drawn, in the page's coordinates (the canvas sits in a frame)."""
    inside = frame.evaluate(
        """(node) => {
            const network = window.ecomapNetwork;
            const at = network.canvasToDOM(network.getPosition(node));
            const box = document.querySelector('#network canvas').getBoundingClientRect();
            return {x: at.x + box.left, y: at.y + box.top, hit: network.getNodeAt(at)};
        }""",
        node,
    )
    assert inside["hit"] == node, f"{node} is hidden under {inside['hit']}"
    box = page.locator("iframe").first.bounding_box()
    return box["x"] + inside["x"], box["y"] + inside["y"]


def _colours(frame, *ids: str) -> dict:
    return frame.evaluate(
        "(ids) => Object.fromEntries(ids.map(id => "
        "[id, window.ecomapNetwork.body.data.nodes.get(id).color]))",
        list(ids),
    )


def test_hover_lights_neighbours_and_a_click_opens_the_card(explorer, browser):
    """On the sample map: hovering Hélène Cartier dims the actors she has no tie with and
    keeps her organisation lit; leaving restores every colour; clicking her opens her
    card in the same session, with what the analyses say about her."""
    SHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1400})

    outside = localhost_only(page, explorer)
    page.goto(explorer, timeout=120_000)
    page.get_by_role("heading", name="Carte du réseau", level=1).wait_for(timeout=120_000)
    settle(page)
    page.frame_locator("iframe").first.locator("#network canvas").wait_for(timeout=60_000)
    frame = page.locator("iframe").first.element_handle().content_frame()
    frame.wait_for_function("() => window.ecomapNetwork !== undefined")
    before = _colours(frame, "helene-cartier", "aubrelle-dev", "region-bfc")
    neighbours = frame.evaluate("() => window.ecomapNetwork.getConnectedNodes('helene-cartier')")
    assert "aubrelle-dev" in neighbours and "region-bfc" not in neighbours

    x, y = _node_point(page, frame, "helene-cartier")
    page.mouse.move(x, y)
    frame.wait_for_function("() => window.ecomapHighlighted() === 'helene-cartier'")
    lit = _colours(frame, "helene-cartier", "aubrelle-dev", "region-bfc")
    assert lit["helene-cartier"] == before["helene-cartier"]
    assert lit["aubrelle-dev"] == before["aubrelle-dev"]
    assert lit["region-bfc"]["background"] == "#eeeeee" != before["region-bfc"]["background"]
    page.screenshot(path=SHOTS / "hover.png", full_page=True)

    # Leave the node for an empty corner of the canvas (a blur needs a move inside it).
    corner = frame.evaluate(
        """() => {
            const box = document.querySelector('#network canvas').getBoundingClientRect();
            const hit = window.ecomapNetwork.getNodeAt({x: 8, y: 8});
            return {x: box.left + 8, y: box.top + 8, hit: hit === undefined ? null : hit};
        }"""
    )
    assert corner["hit"] is None
    frame_box = page.locator("iframe").first.bounding_box()
    page.mouse.move(frame_box["x"] + corner["x"], frame_box["y"] + corner["y"], steps=5)
    frame.wait_for_function("() => window.ecomapHighlighted() === null")
    assert _colours(frame, "helene-cartier", "aubrelle-dev", "region-bfc") == before

    page.mouse.click(x, y)
    page.get_by_role("heading", name="Fiche acteur", level=1).wait_for(timeout=60_000)
    settle(page)
    assert "fiche=helene-cartier" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
    page.get_by_role("heading", name="Hélène Cartier").wait_for(timeout=60_000)
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "personne clé : 11 liens entre organisations" in body
    assert "intermédiarité : rang 1 sur 130" in body
    assert page.get_by_role("button", name="Centrer la carte").count() == 1
    if UPDATE:
        page.wait_for_timeout(500)
    page.screenshot(path=SHOTS / "card.png", full_page=True)

    # From a result table: a click on a row shows it in detail, whose button opens
    # the card of that actor.
    page.goto(f"{explorer}/ponts", timeout=120_000)
    page.get_by_role("heading", name="Passerelles", level=1).wait_for(timeout=120_000)
    settle(page)
    grid = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    page.mouse.click(grid["x"] + 15, grid["y"] + 35 + 35 + 17)  # the second row
    # The first row (hers) is shown in detail until the click's rerun.
    second = page.get_by_role("button", name=re.compile(r"Fiche : (?!Hélène Cartier)"))
    second.first.wait_for(timeout=60_000)
    settle(page)
    assert second.count() == 1
    name = re.search(r"Fiche : (.+)", second.inner_text()).group(1).strip()
    second.click()
    page.get_by_role("heading", name="Fiche acteur", level=1).wait_for(timeout=60_000)
    settle(page)
    page.get_by_role("heading", name=name).wait_for(timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert outside == []
    if UPDATE:
        DOCS.mkdir(parents=True, exist_ok=True)
        small_png(SHOTS / "card.png", DOCS / "card.png")
        small_png(SHOTS / "hover.png", DOCS / "hover.png")


@pytest.mark.slow
def test_territory_offline_in_the_browser(explorer, browser):
    """The map of the territory with every request outside localhost blocked: its tiles
    fail, and the sample's 54 located actors and their arcs are drawn all the same."""
    SHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1500})

    tiles = localhost_only(page, explorer)
    page.goto(f"{explorer}/territoire", timeout=120_000)
    page.get_by_role("heading", name=TEXT["fr"]["page_territory"], level=1).wait_for(
        timeout=120_000
    )
    settle(page)
    frame = page.frame_locator("iframe").first
    pane = frame.locator(".leaflet-overlay-pane")
    pane.locator("path.actor").first.wait_for(timeout=60_000)
    assert pane.locator("path.actor").count() == 54
    assert pane.locator("path.arc").count() > 0
    frame.locator("#note").get_by_text("fond de carte").wait_for(timeout=30_000)
    if UPDATE:
        page.wait_for_timeout(800)
    page.screenshot(path=SHOTS / "territory.png", full_page=True)
    assert tiles and all(url.startswith(TILES) for url in tiles)
    if UPDATE:
        DOCS.mkdir(parents=True, exist_ok=True)
        small_png(SHOTS / "territory.png", DOCS / "territory.png")
