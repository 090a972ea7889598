"""A viewer signs in for real (the provider and the explorer of
``test_signin_browser``, started again for this module so that the two run side by
side): they see pseudonyms, visit every page of their menu, press every kind of button,
and the store is unchanged; the addresses of the editing pages refuse them."""

from __future__ import annotations

import time

import pytest
from test_signin_browser import (  # noqa: F401 - the module's fixtures: provider, site
    EDITING,
    FR,
    PRESSABLE,
    SHOTS,
    body_text,
    browser_page,
    control,
    heading,
    no_error_box,
    provider,
    settle,
    sign_in,
    site,
    store_state,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def through_the_menu(page, address: str) -> None:
    """Open a page from the sidebar's menu, as the viewer goes from page to page (one
    session, the page's address shown once the explorer runs it)."""
    page.locator(f'[data-testid="stSidebarNav"] a[href="{address}"]').click()
    page.wait_for_url(lambda url: at(url, address), timeout=120_000)
    settle(page)


def at(url: str, address: str) -> bool:
    return url.rstrip("/") == address.rstrip("/")


def test_a_viewer_sees_pseudonyms_and_finds_no_way_to_edit(site, provider, browser):  # noqa: F811
    SHOTS.mkdir(exist_ok=True)
    before = store_state(site.store)
    outside: list[str] = []
    pressed = 0
    tried: set[str] = set()
    seconds: dict[str, float] = {}  # per step, printed
    page = browser_page(browser, site, provider, outside)
    started = time.monotonic()
    sign_in(page, site, "vera", FR["page_map"])
    seconds["sign-in"] = round(time.monotonic() - started, 1)
    page.screenshot(path=SHOTS / "signin-viewer-map.png")
    toggle = page.get_by_role("switch", name=FR["anonymise"], exact=True)
    assert toggle.is_checked() and toggle.is_disabled()
    links = page.locator('[data-testid="stSidebarNav"] a')
    addresses = [links.nth(i).get_attribute("href") for i in range(links.count())]
    slugs = [a.rstrip("/").rsplit("/", 1)[-1] for a in addresses]
    # card, territory, saved views and glossary included
    assert len(slugs) == 14 and not set(slugs) & set(EDITING), slugs
    for address in addresses:
        started = time.monotonic()
        through_the_menu(page, address)
        no_error_box(page, address)
        text = body_text(page)
        assert not [name for name in site.people if name in text], address
        # Press every button of the page (the sidebar's sign-out apart). A button
        # already pressed on another page (the same label: "see it on the map", an
        # actor's card) is the same control and is tried once.
        buttons = page.locator(PRESSABLE)
        for i in range(buttons.count()):
            if not at(page.url, address):
                through_the_menu(page, address)
            button = page.locator(PRESSABLE).nth(i)
            if button.count() == 0 or not button.is_enabled():
                continue
            label = control(button.inner_text())
            if label in tried:
                continue
            tried.add(label)
            button.click(timeout=10_000)
            pressed += 1
            settle(page)
            no_error_box(page, address)
        seconds[address.removeprefix(site.base).strip("/") or "carte"] = round(
            time.monotonic() - started, 1
        )
    # The addresses of the editing pages, typed: each refused.
    started = time.monotonic()
    for slug in EDITING:
        page.goto(f"{site.base}/{slug}")
        heading(page, "Accès refusé")
        assert page.locator('[data-testid="stDataFrame"]').count() == 0, slug
        assert page.locator('[data-testid="stFileUploader"]').count() == 0, slug
    page.screenshot(path=SHOTS / "signin-viewer-refused.png")
    seconds["editing pages refused"] = round(time.monotonic() - started, 1)
    print("seconds per step:", seconds)
    # The per-actor buttons of the analyses, and the levels' and the review's own, tried.
    assert {"show_named", "card_open"} <= tried and pressed == len(tried) >= 4, tried
    assert store_state(site.store) == before
    assert outside == []
