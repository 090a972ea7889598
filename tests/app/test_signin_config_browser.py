"""A wrong sign-in configuration, in a real browser: one page in French saying what to fix
in ``secrets.toml``, nothing of the map, no traceback (the explorer started with a
missing client secret and a provider address where nothing answers)."""

from __future__ import annotations

import pytest
from app_helpers import small_map
from browser_helpers import chromium, free_port, serve
from test_signin_browser import SHOTS, heading

from ecomap.store.sqlite import SQLiteStore

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def misconfigured(tmp_path_factory):
    folder = tmp_path_factory.mktemp("signin-config")
    store = folder / "map.db"
    with SQLiteStore(store) as opened:
        opened.import_map(small_map(), source="tests")
    port, nobody = free_port(), free_port()
    secrets_toml = f"""
[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "a-cookie-secret-for-the-test"
client_id = "ecomap"
server_metadata_url = "http://127.0.0.1:{nobody}/.well-known/openid-configuration"
"""
    with serve(store, secrets=secrets_toml, folder=folder, port=port, clean_output=True) as base:
        yield base


def test_a_wrong_configuration_gives_one_clear_page(misconfigured):
    SHOTS.mkdir(exist_ok=True)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(misconfigured)
                   else r.abort())  # fmt: skip
        for path in ("", "acteurs"):
            page.goto(f"{misconfigured}/{path}")
            heading(page, "La connexion n'est pas correctement configurée")
            alerts = page.locator('[data-testid="stAlertContentError"]')
            assert alerts.count() == 1
            message = alerts.inner_text()
            assert "[auth] client_secret" in message and "manquant" in message
            assert "[auth] server_metadata_url" in message and "ne répond pas" in message
            assert page.locator('[data-testid="stException"]').count() == 0
            assert page.locator('[data-testid="stSidebarNav"]').count() == 0
            assert page.get_by_role("button").filter(has_text="Se connecter").count() == 0
            assert "Ana Martin" not in page.locator("body").inner_text()
        page.screenshot(path=SHOTS / "signin-misconfigured.png")
