"""Saved views in a real browser: save a view on the map page, reload, open it and see the
same picture; present two views one after another full-screen.

``streamlit run app.py`` on the sample territory, headless Chromium, every request
outside localhost blocked. Screenshots of the views' list and of the presentation go to
``tests/app/screenshots/`` and, small, to ``docs/screenshots/`` for the README.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from app_helpers import ROOT
from browser_helpers import chromium, localhost_only, serve, settle

from ecomap.ui_text import text

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parent / "screenshots"
DOCS = ROOT / "docs" / "screenshots"
SAMPLE = ROOT / "data" / "territoire-vallee"
CENTRE = "Région Bourgogne-Franche-Comté"


def fr(key: str, **values) -> str:
    return text(key, "fr", **values)


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    """The app served on localhost, on a store holding the sample territory."""
    from ecomap.ingest import read_map
    from ecomap.store.sqlite import SQLiteStore

    path = tmp_path_factory.mktemp("views-browser") / "map.db"
    with SQLiteStore(path) as store:
        store.import_map(read_map(SAMPLE)[0], source="sample")
    with serve(path) as base:
        yield base, path


def _small_png(source: Path, target: Path) -> None:
    """A copy for the README: 1,100 pixels wide, 256 colours, well under 300 KB."""
    from PIL import Image

    with Image.open(source) as image:
        small = image.convert("RGB").resize(
            (1100, round(image.height * 1100 / image.width)), Image.LANCZOS
        )
        small.convert("P", palette=Image.ADAPTIVE, colors=256).save(target, optimize=True)
    assert target.stat().st_size < 300_000


def _no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.inner_text("body")


def _counts(page) -> str:
    """The caption under the map: how many nodes and links the picture draws."""
    pattern = re.escape(fr("map_counts", nodes=0, edges=0)).replace("0", r"\d+")
    return page.get_by_text(re.compile(pattern)).first.inner_text()


def _panel(page):
    """The map page's panel of saved views, opened."""
    panel = page.locator('[data-testid="stExpander"]').filter(has_text=fr("views_panel"))
    if not panel.locator('[data-testid="stExpanderDetails"]').is_visible():
        panel.locator("summary").click()
    return panel


def _save(page, name: str, description: str) -> None:
    panel = _panel(page)
    panel.get_by_label(fr("views_name")).fill(name)
    panel.get_by_label(fr("views_description")).fill(description)
    panel.get_by_role("button", name=fr("views_save")).click()
    settle(page)
    page.get_by_text(fr("views_saved", name=name)).wait_for(timeout=30_000)


def _choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` (typing filters the list)."""
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option).first.click()
    settle(page)


def test_save_reload_open_and_present_views(explorer):
    base, _ = explorer
    SHOTS.mkdir(exist_ok=True)
    DOCS.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})

        outside = localhost_only(page, base)

        # The map centred on the Region, with the bridging actors lit up: saved.
        page.goto(base)
        settle(page)
        _choose(page, fr("map_focus"), CENTRE)
        page.get_by_text(fr("overlay_bridges"), exact=True).click()
        settle(page)
        centred = _counts(page)
        _save(page, "Région et passerelles", "Qui relie la Région au reste du territoire.")
        _panel(page).screenshot(path=str(SHOTS / "views-panel.png"))
        # A second view: the same centre, among organisations, with the fragile links.
        page.get_by_text(fr("overlay_bridges"), exact=True).click()
        page.get_by_text(fr("overlay_fragile"), exact=True).click()
        settle(page)
        _choose(page, fr("map_view"), fr("view_meso"))
        _save(page, "Les organisations", "Les organisations et leurs liens.")
        _no_exception(page)

        # A new session: the map opens as by default, then the view brings every choice back.
        page.goto(base)
        settle(page)
        default = _counts(page)
        assert default != centred
        panel = _panel(page)
        _choose(page, fr("views_open_label"), "Région et passerelles")
        panel.get_by_role("button", name=fr("views_open"), exact=True).click()
        settle(page)
        _no_exception(page)
        assert _counts(page) == centred
        focus = page.get_by_role("combobox", name=fr("map_focus"), exact=True)
        assert focus.input_value() == CENTRE
        toggle = page.locator("label").filter(has_text=fr("overlay_bridges")).locator("input")
        assert toggle.is_checked()
        assert "acteur=region-bfc" in page.url

        # The list of views, then the presentation: two views, full-screen.
        page.goto(f"{base}/vues")
        settle(page)
        _no_exception(page)
        assert page.get_by_text("Région et passerelles").count() >= 1
        page.screenshot(path=str(SHOTS / "views.png"), full_page=True)
        if os.environ.get("ECOMAP_UPDATE_SCREENSHOTS", "") not in ("", "0"):
            _small_png(SHOTS / "views.png", DOCS / "views.png")
        page.get_by_role("button", name=fr("views_present")).click()
        settle(page)
        _no_exception(page)
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        assert not page.locator('[data-testid="stHeader"]').is_visible()
        assert page.get_by_role("heading", name="Région et passerelles").is_visible()
        assert page.get_by_text("Qui relie la Région au reste du territoire.").is_visible()
        assert page.get_by_text(fr("views_slide", n=1, total=2), exact=True).is_visible()
        frame = page.frame_locator('[data-testid="stIFrame"]')
        frame.locator("canvas").first.wait_for(timeout=30_000)
        assert _counts(page).startswith(centred.rstrip("."))
        page.screenshot(path=str(SHOTS / "views-presentation.png"))
        if os.environ.get("ECOMAP_UPDATE_SCREENSHOTS", "") not in ("", "0"):
            _small_png(SHOTS / "views-presentation.png", DOCS / "views-presentation.png")
        page.get_by_role("button", name=fr("views_next")).click()
        settle(page)
        assert page.get_by_role("heading", name="Les organisations").is_visible()
        assert page.get_by_text(fr("views_slide", n=2, total=2), exact=True).is_visible()
        assert page.get_by_role("button", name=fr("views_next")).is_disabled()
        assert "diapo=2" in page.url
        # No editing control while presenting.
        for key in ("views_rename", "views_delete", "views_save", "layout_save"):
            assert page.get_by_role("button", name=fr(key)).count() == 0
        page.get_by_role("button", name=fr("views_leave")).click()
        settle(page)
        assert page.locator('[data-testid="stSidebar"]').is_visible()
    assert not outside, f"requests left localhost: {outside[:5]}"


def _drawn_positions(page) -> dict:
    """Node → [x, y] where vis-network drew each node of the map's frame."""
    frame = page.frame_locator('[data-testid="stIFrame"]')
    frame.locator("canvas").first.wait_for(timeout=30_000)
    inner = next(f for f in page.frames if f.evaluate("typeof window.ecomapNetwork") != "undefined")
    inner.wait_for_function("window.ecomapNetwork !== undefined", timeout=30_000)
    return inner.evaluate(
        "() => { const p = window.ecomapNetwork.getPositions();"
        " return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, [v.x, v.y]])); }"
    )


def test_a_view_opens_with_its_own_layout_on_the_map_and_in_the_presentation(explorer):
    """A view saved with a layout of its own (three actors placed far apart): opened on
    the map page and presented, its actors are drawn where the view placed them."""
    from ecomap.store.sqlite import SQLiteStore
    from ecomap.views.saved import new_view

    base, path = explorer
    placed = {"region-bfc": (-900.0, -600.0), "departement-doubs": (900.0, 600.0)}
    with SQLiteStore(path) as store:
        store.save_view(new_view("Disposition du comité", {}, positions=placed), author="ana")
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
            (base, "data:", "blob:", "about:")) else route.abort())  # fmt: skip
        page.goto(base)
        settle(page)
        before = _drawn_positions(page)
        assert all(before[n] != list(p) for n, p in placed.items())
        panel = _panel(page)
        _choose(page, fr("views_open_label"), "Disposition du comité")
        panel.get_by_role("button", name=fr("views_open"), exact=True).click()
        settle(page)
        _no_exception(page)
        page.get_by_text(fr("map_view_layout", name="Disposition du comité")).wait_for()
        drawn = _drawn_positions(page)
        assert {n: drawn[n] for n in placed} == {n: list(p) for n, p in placed.items()}
        page.screenshot(path=str(SHOTS / "views-layout-map.png"), full_page=True)
        # Back to the map's own layout.
        page.get_by_role("button", name=fr("map_view_layout_forget")).click()
        settle(page)
        assert _drawn_positions(page) == before

        with SQLiteStore(path) as store:
            slide = [v.name for v in store.views()].index("Disposition du comité") + 1
        page.goto(f"{base}/vues?presenter=1&diapo={slide}")
        settle(page)
        _no_exception(page)
        assert page.get_by_role("heading", name="Disposition du comité").is_visible()
        shown = _drawn_positions(page)
        assert {n: shown[n] for n in placed} == {n: list(p) for n, p in placed.items()}
        page.screenshot(path=str(SHOTS / "views-layout-presentation.png"))
