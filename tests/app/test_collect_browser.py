"""Participatory collection for real, in headless Chromium: the explorer started by
``streamlit run`` with sign-in through a real OpenID Connect provider on 127.0.0.1
(``scripts/start-oidc-provider``), every request outside localhost blocked.

An admin signs in and opens a campaign on the sample territory; two respondents answer
from their personal links, with no account, one of them on a phone (a tie reciprocated,
one one-sided, one contested); a link of an ended campaign is refused; the admin
reconciles; the map changes with who reported each tie and a confidence; undo restores
it. Screenshots go to ``docs/screenshots/collect-*.png`` (used by the README) with
``ECOMAP_UPDATE_SCREENSHOTS=1``, to a temporary folder otherwise.
"""

from __future__ import annotations

import re
import secrets
from datetime import date, timedelta
from pathlib import Path

import pytest
from app_helpers import ROOT
from browser_helpers import free_port, serve, shots
from browser_helpers import provider as start_provider
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_signin_browser import (
    Site,
    body_text,
    browser_page,
    heading,
    no_error_box,
    settle,
    sign_in,
)

from ecomap import collection
from ecomap.store.sqlite import SQLiteStore
from ecomap.ui_text import TEXT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DOCS = ROOT / "docs" / "screenshots"
SAMPLE = ROOT / "data" / "territoire-vallee"
FR = TEXT["fr"]
TITLE = "Coopérations autour du marché de centre-bourg"
SYLVIE, ANNIE, UNION = "Sylvie Cuenot", "Annie Renaud", "Union commerciale de Saint-Aubrin"
STAKE = "Marché de centre-bourg"


@pytest.fixture(scope="module")
def provider():
    """A real OpenID Connect provider on 127.0.0.1 where the map's admin can sign in."""
    with start_provider({"ada": {"email": "ada@agglo-exemple.fr", "email_verified": True}}) as base:
        yield base


@pytest.fixture(scope="module")
def site(tmp_path_factory, provider):
    """The explorer with sign-in on the sample territory, and one campaign that ended."""
    from ecomap.ingest import read_map

    folder = tmp_path_factory.mktemp("collect")
    store = folder / "map.db"
    eco = read_map(SAMPLE)[0]
    with SQLiteStore(store) as opened:
        opened.import_map(eco, source="sample", author="setup")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    secrets_toml = f"""
[auth]
redirect_uri = "{base}/oauth2callback"
cookie_secret = "{secrets.token_urlsafe(24)}"
client_id = "ecomap"
client_secret = "{secrets.token_urlsafe(12)}"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[ecomap.roles]
admins = ["ada@agglo-exemple.fr"]
"""
    people = [a.name for a in eco.actors.values() if a.kind.value == "person"]
    with serve(store, secrets=secrets_toml, folder=folder, port=port, clean_output=True):
        yield Site(base, store, "", people)


def ended_link(store: Path) -> str:
    """A personal link of a campaign whose last day is past."""
    past = date.today() - timedelta(days=40)
    with SQLiteStore(store) as opened:
        ended = collection.open_campaign(opened, "Campagne de l'an passé", respondents=["julie-faivre"],
                                         ends=past + timedelta(days=10), today=past)  # fmt: skip
        return collection.issue_links(opened, ended.id)[0].token


def pick(page, scope, label: str, name: str, *, multiple: bool = False) -> None:
    """Choose ``name`` in the searchable list ``label`` (typed, then clicked)."""
    box = scope.get_by_role("combobox", name=label)
    option = page.get_by_role("option", name=name, exact=True)
    for _ in range(3):  # typed as a person types; again if a rerun redrew the list meanwhile
        box.click()
        box.fill("")
        box.press_sequentially(name, delay=20)
        try:
            option.wait_for(timeout=10_000)
            break
        except PlaywrightTimeout:
            box.press("Escape")
            settle(page)
    option.click()
    if multiple:
        box.press("Escape")  # a multiple choice keeps its list open
    settle(page)


def add_answer(page, section: str, who: str, strength: str | None = None) -> None:
    """Open the "add" part of one list of answers, choose someone, a strength, and add."""
    part = page.locator('[data-testid="stExpander"]').filter(has_text=section)
    if part.locator("details").get_attribute("open") is None:
        part.locator("summary").click()
    pick(page, part, FR["respond_who"], who)
    if strength:
        part.get_by_text(strength, exact=True).click()
        settle(page)
    part.get_by_role("button", name=FR["respond_add"]).click()
    settle(page)
    # The answer is listed above the form, ready to be saved.
    listed = page.locator('[data-testid="stMarkdownContainer"]').filter(has_text=f"{who} ·")
    listed.first.wait_for(timeout=30_000)


def answer(browser, site: Site, provider: str, link: str, outside: list[str], *,
           phone: bool = False, fill=None) -> None:  # fmt: skip
    """A respondent opens their link in a browser of their own (no account, no cookie)."""
    page = browser_page(browser, site, provider, outside)
    if phone:
        page.set_viewport_size({"width": 390, "height": 844})
    page.goto(link)
    heading(page, TITLE)
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    assert page.locator('[data-testid="stSidebar"]').count() == 0
    fill(page)
    page.get_by_role("button", name=FR["respond_save"]).click()
    page.get_by_text("vos réponses sont enregistrées").wait_for(timeout=60_000)
    no_error_box(page, link)
    page.context.close()


def test_a_campaign_from_the_links_to_the_map_and_back(site, provider, tmp_path_factory, browser):
    # The README's pictures are written again only when asked for.
    SHOTS = shots(tmp_path_factory, DOCS)  # noqa: N806
    expired = ended_link(site.store)
    with SQLiteStore(site.store) as store:
        before = store.load()
    outside: list[str] = []
    admin = browser_page(browser, site, provider, outside)
    sign_in(admin, site, "ada", FR["page_map"])
    admin.goto(f"{site.base}/campagnes")
    heading(admin, FR["page_campaigns"])
    admin.get_by_text(FR["campaign_new"], exact=True).click()
    admin.get_by_role("textbox", name=FR["campaign_title"]).fill(TITLE)
    pick(admin, admin, FR["campaign_stakes"], STAKE, multiple=True)
    pick(admin, admin, FR["campaign_respondents"], SYLVIE, multiple=True)
    pick(admin, admin, FR["campaign_respondents"], ANNIE, multiple=True)
    admin.get_by_role("button", name=FR["campaign_open"]).click()
    admin.get_by_text(FR["campaign_links_new"]).wait_for(timeout=60_000)
    settle(admin)
    shown = admin.locator('[data-testid="stMain"]').inner_text()
    # The links point to the address the admin is using (no setting in this test).
    links = dict(re.findall(r"(Sylvie Cuenot|Annie Renaud)\s+(http\S+)", shown))
    assert set(links) == {SYLVIE, ANNIE}
    assert all(link.startswith(f"{site.base}/?jeton=") for link in links.values())

    def sylvie(page):
        add_answer(page, FR["respond_cooperations_add"], ANNIE, "forte")
        add_answer(page, FR["respond_cooperations_add"], UNION, "régulière")
        part = page.locator('[data-testid="stRadio"]').filter(has_text=STAKE)
        part.get_by_text("très favorable", exact=True).click()
        settle(page)
        # The phone's screen, from the answers on: what the README shows.
        page.get_by_role(
            "heading", name=FR["respond_cooperations_title"]
        ).scroll_into_view_if_needed()
        page.screenshot(path=SHOTS / "collect-respondent-phone.png")

    def annie(page):
        add_answer(page, FR["respond_cooperations_add"], SYLVIE, "régulière")
        add_answer(page, FR["respond_tensions_add"], SYLVIE, "marquée")

    answer(browser, site, provider, links[SYLVIE], outside, phone=True, fill=sylvie)
    answer(browser, site, provider, links[ANNIE], outside, fill=annie)

    # A link of a campaign that ended: one page, nothing of the map.
    late = browser_page(browser, site, provider, outside)
    late.goto(f"{site.base}/?jeton={expired}")
    heading(late, FR["respond_invalid_title"])
    text = body_text(late)
    assert "Campagne de l'an passé" not in text and "Faivre" not in text
    assert late.locator('[data-testid="stSidebar"]').count() == 0
    late.context.close()

    # Both answered; the map has not changed yet.
    with SQLiteStore(site.store) as store:
        assert store.load() == before
    admin.goto(f"{site.base}/campagnes")
    heading(admin, FR["page_campaigns"])
    admin.get_by_text("100,0").first.wait_for(timeout=60_000)
    admin.screenshot(path=SHOTS / "collect-campaign.png", full_page=True)

    # Reconciliation: accept everything but the contested tension.
    admin.goto(f"{site.base}/reconciliation")
    heading(admin, FR["page_reconcile"])
    main = admin.locator('[data-testid="stMain"]').inner_text()
    for word in ("réciproque", "déclaré d'un seul côté", "contesté"):
        assert word in main, word
    admin.get_by_role("button", name=FR["reconcile_accept_all"]).click()
    settle(admin)
    # The row of the contested tension: the innermost block with its text and its choice.
    tension = (
        admin.locator('[data-testid="stVerticalBlock"]')
        .filter(has_text="en tension avec")
        .filter(has=admin.locator('[data-testid="stRadio"]'))
        .last
    )
    tension.locator('[data-testid="stRadioOption"]').filter(has_text=FR["reconcile_reject"]).click()
    settle(admin)
    admin.screenshot(path=SHOTS / "collect-reconcile.png", full_page=True)
    admin.get_by_role("button", name=FR["reconcile_apply"]).click()
    admin.get_by_text("Décisions appliquées").wait_for(timeout=60_000)
    settle(admin)
    no_error_box(admin, "reconciliation")

    with SQLiteStore(site.store) as store:
        after = store.load()
        last = store.history(1, items=False)[0]
    ids = {a.name: a.id for a in after.actors.values()}
    ties = {
        frozenset((r.source, r.target)): r
        for r in after.relations.values()
        if r.type.value in ("cooperates", "tension")
        and ids[SYLVIE] in (r.source, r.target)
        and r.reported_by
    }
    both = ties[frozenset((ids[SYLVIE], ids[ANNIE]))]
    assert both.type.value == "cooperates"  # the contested tension was rejected
    assert both.reported_by.startswith(f"{ANNIE} & {SYLVIE}, ")
    assert both.extra["confidence"] == "1"
    one_sided = ties[frozenset((ids[SYLVIE], ids[UNION]))]
    assert one_sided.reported_by.startswith(f"{SYLVIE}, ")
    assert one_sided.extra["confidence"] == "0.5"
    assert last.author == "ada@agglo-exemple.fr"

    # Undo from the same page: the map is back as it was.
    admin.get_by_role("button", name=FR["undo_button"]).click()
    settle(admin)
    with SQLiteStore(site.store) as store:
        assert store.load() == before
    assert outside == []
