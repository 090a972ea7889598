"""Sign-in for real: a real OpenID Connect provider on 127.0.0.1
(``scripts/start-oidc-provider``, oidc-provider-mock), the explorer started by
``streamlit run`` with its secrets in a temporary folder, headless Chromium with every
request outside localhost blocked.

A viewer signs in, sees pseudonyms, finds no way to edit (every page of their menu
visited, every button pressed, the store unchanged) and is refused at the address of an
editing page; an editor edits an actor and the change log names them; sign-out works; a
person without a role is refused; a forged or expired session cookie is refused.
Screenshots go to ``tests/app/screenshots/signin-*.png``.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from app_helpers import ROOT
from browser_helpers import free_port, serve
from browser_helpers import provider as start_provider
from browser_helpers import settle as shared_settle

from ecomap.store.sqlite import SQLiteStore
from ecomap.ui_text import TEXT
from ecomap.views.territory import DEFAULT_TILES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(__file__).resolve().parent / "screenshots"
SAMPLE = ROOT / "data" / "territoire-vallee"
FR = TEXT["fr"]
#: Who can sign in at the provider (one button each on its page).
USERS = {
    "vera": {"email": "vera@copil-exemple.fr", "email_verified": True, "groups": ["copil"]},
    "eddy": {"email": "eddy@agglo-exemple.fr", "email_verified": True},
    "zoe": {"email": "zoe@ailleurs.fr", "email_verified": True},
}
#: The page's own buttons (a table's toolbar shows only under the pointer).
TILES = DEFAULT_TILES.split("{z}")[0]
PRESSABLE = '[data-testid="stMain"] button:visible:not([data-testid="stBaseButton-elementToolbar"])'
EDITING = ("acteurs", "relations", "enjeux", "dispositifs", "importer", "exporter", "historique")


@pytest.fixture(scope="module")
def provider():
    """A real OpenID Connect provider on 127.0.0.1 (installed by the script if missing)."""
    with start_provider(USERS) as base:
        yield base


@dataclass
class Site:
    base: str
    store: Path
    cookie_secret: str
    people: list[str]


@pytest.fixture(scope="module")
def site(tmp_path_factory, provider):
    """The explorer with sign-in, on the sample territory; its secrets in a folder of
    its own (Streamlit reads ``.streamlit/secrets.toml`` from where it is started)."""
    from ecomap.ingest import read_map

    folder = tmp_path_factory.mktemp("signin")
    store = folder / "map.db"
    eco = read_map(SAMPLE)[0]
    with SQLiteStore(store) as opened:
        opened.import_map(eco, source="sample", author="setup")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cookie_secret = secrets.token_urlsafe(24)
    secrets_toml = f"""
[auth]
redirect_uri = "{base}/oauth2callback"
cookie_secret = "{cookie_secret}"
client_id = "ecomap"
client_secret = "{secrets.token_urlsafe(12)}"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[ecomap.roles]
admins = ["ada@agglo-exemple.fr"]
editors = ["@agglo-exemple.fr"]
viewers = ["group:copil"]
"""
    people = [a.name for a in eco.actors.values() if a.kind.value == "person"]
    with serve(store, secrets=secrets_toml, folder=folder, port=port, clean_output=True):
        yield Site(base, store, cookie_secret, people)


def settle(page, timeout: float = 120) -> None:
    """Wait until Streamlit has finished running the page's script (four quiet checks:
    sign-in redirects rerun the page once more)."""
    shared_settle(page, timeout, quiet_checks=4)


def browser_page(browser, site: Site, provider: str, outside: list[str]):
    """A page in a browser context of its own (its own cookies); every request of the
    context's pages outside the explorer and the provider is refused and counted."""
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    context.set_default_navigation_timeout(120_000)  # a busy machine's first runs
    page = context.new_page()

    def only_localhost(route):
        url = route.request.url
        if url.startswith((site.base, provider, "data:", "blob:", "about:")):
            return route.continue_()
        # The test provider's own page asks for a style sheet online, and the territory's
        # background map asks for its tiles: blocked, and not the explorer's own doing.
        if not route.request.headers.get("referer", "").startswith(provider) and not (
            url.startswith(TILES)
        ):
            outside.append(url)
        return route.abort()

    context.route("**/*", only_localhost)
    return page


def heading(page, text: str) -> None:
    page.get_by_role("heading", name=text, level=1).wait_for(timeout=120_000)
    settle(page)


def sign_in(page, site: Site, who: str, expected: str) -> None:
    """Through the sign-in page and the provider's page, as ``who``."""
    page.goto(site.base)
    heading(page, "Connexion")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r".*/oauth2/authorize.*"), timeout=60_000)
    page.get_by_role("button", name=who, exact=True).click()
    heading(page, expected)


def sign_out(page) -> None:
    """Sign out, through the provider's end-of-session page, back to the sign-in page."""
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(re.compile(r".*/oauth2/end_session.*"), timeout=60_000)
    page.get_by_role("button", name="End session").click()
    heading(page, "Connexion")


def body_text(page) -> str:
    """The page's text, with that of its frames (the network map is drawn in one)."""
    parts = [page.locator("body").inner_text()]
    parts += [frame.content() for frame in page.frames[1:]]
    return "\n".join(parts)


#: Buttons made for one actor each ("Voir X sur la carte", "Fiche : X"): one control.
PER_ACTOR = {
    key: re.compile(re.escape(FR[key]).replace(re.escape("{name}"), ".+") + "$")
    for key in ("show_named", "card_open")
}


def control(label: str) -> str:
    """What a button does: its words, or the kind of button when it names an actor."""
    label = re.sub(r"\s+", " ", label).strip()
    return next((key for key, shape in PER_ACTOR.items() if shape.search(label)), label)


def store_state(path: Path):
    with SQLiteStore(path) as store:
        return (store.revision, store.load(), [c.id for c in store.history(None, items=False)],
                [s.name for s in store.snapshot_list()])  # fmt: skip


def no_error_box(page, where: str) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, where


def test_before_sign_in_nothing_of_the_map(site, provider, browser):
    SHOTS.mkdir(exist_ok=True)
    outside: list[str] = []
    page = browser_page(browser, site, provider, outside)
    for path in ("", "carte", "acteurs", "fragilite", "revue", "historique"):
        page.goto(f"{site.base}/{path}")
        heading(page, "Connexion")
        no_error_box(page, path)
        text = body_text(page)
        assert not [name for name in site.people if name in text], path
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0, path
    page.screenshot(path=SHOTS / "signin-page.png")
    page.get_by_text("English", exact=True).click()
    heading(page, "Sign in")
    assert page.get_by_role("button", name="Sign in").count() == 1
    assert outside == []


def test_an_editor_edits_an_actor_and_the_log_names_them(site, provider, browser):
    outside: list[str] = []
    with SQLiteStore(site.store) as store:
        actor = next(a for a in store.load().actors.values() if a.kind.value == "organisation")
    page = browser_page(browser, site, provider, outside)
    sign_in(page, site, "eddy", FR["page_map"])
    assert page.get_by_role("switch", name=FR["anonymise"], exact=True).is_enabled()
    page.goto(f"{site.base}/acteurs")
    heading(page, FR["page_actors"])
    page.get_by_role("tab", name=FR["tab_edit"]).click()
    picker = page.get_by_role("combobox", name=FR["pick_record"].format(what="acteur"))
    picker.click()
    picker.fill(actor.name)
    page.get_by_role("option", name=actor.name, exact=True).click()
    settle(page)
    role = page.get_by_role("textbox", name=FR["field_role"], exact=True)
    role.fill("structure porteuse du marché")
    page.get_by_role("button", name=FR["form_save"]).click()
    settle(page)
    page.get_by_text("Enregistré").first.wait_for(timeout=60_000)
    page.screenshot(path=SHOTS / "signin-editor.png")
    with SQLiteStore(site.store) as store:
        last = store.history(1, items=False)[0]
        assert store.load().actors[actor.id].role == "structure porteuse du marché"
    assert last.author == "eddy@agglo-exemple.fr"
    # The history page shows who made it.
    page.goto(f"{site.base}/historique")
    heading(page, FR["page_history"])
    page.screenshot(path=SHOTS / "signin-editor-history.png")
    # The table is drawn on a canvas; its cells are also in a table for screen readers.
    cells = page.locator('[data-testid="stDataFrame"] table').first.text_content()
    assert "eddy@agglo-exemple.fr" in cells
    # Sign-out: back to the sign-in page, and no page opens any more.
    sign_out(page)
    page.goto(f"{site.base}/acteurs")
    heading(page, "Connexion")
    assert not [name for name in site.people if name in body_text(page)]
    assert outside == []


def test_someone_without_a_role_is_refused(site, provider, browser):
    outside: list[str] = []
    page = browser_page(browser, site, provider, outside)
    sign_in(page, site, "zoe", "Accès non accordé")
    assert "zoe@ailleurs.fr" in page.locator('[data-testid="stMain"]').inner_text()
    page.screenshot(path=SHOTS / "signin-no-role.png")
    for path in ("carte", "acteurs", "revue"):
        page.goto(f"{site.base}/{path}")
        heading(page, "Accès non accordé")
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0
        assert not [name for name in site.people if name in body_text(page)]
    sign_out(page)
    assert outside == []


def session_cookie(site: Site, *, secret: str, age_days: float = 0) -> dict:
    """A ``_streamlit_user`` cookie for the editor, signed as Streamlit signs it."""
    from itsdangerous import TimestampSigner, URLSafeTimedSerializer

    class Dated(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time() - age_days * 86400)

    payload = json.dumps({"origin": site.base, "is_logged_in": True,
                          "email": "eddy@agglo-exemple.fr", "email_verified": True})  # fmt: skip
    value = URLSafeTimedSerializer(secret, salt="_streamlit_user", signer=Dated).dumps(payload)
    return {"name": "_streamlit_user", "value": value, "url": site.base}


def test_a_forged_or_expired_session_is_refused(site, provider, browser):
    outside: list[str] = []
    cases = {
        "forged": session_cookie(site, secret="not-the-server-secret"),
        "expired": session_cookie(site, secret=site.cookie_secret, age_days=40),
        "garbage": {"name": "_streamlit_user", "value": "eyJlbWFpbCI6ImVkZHkifQ",
                    "url": site.base},
    }  # fmt: skip
    for case, cookie in cases.items():
        page = browser_page(browser, site, provider, outside)
        page.context.add_cookies([cookie])
        page.goto(f"{site.base}/acteurs")
        heading(page, "Connexion")
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0, case
        page.context.close()
    # The same cookie, fresh and signed with the server's secret, is a session: the
    # refusals above come from the forgery and the age, not from the cookie's form.
    page = browser_page(browser, site, provider, outside)
    page.context.add_cookies([session_cookie(site, secret=site.cookie_secret)])
    page.goto(f"{site.base}/acteurs")
    heading(page, FR["page_actors"])
    assert outside == []
