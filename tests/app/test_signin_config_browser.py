"""A wrong sign-in configuration, in a real browser: one page in French saying what to fix
in ``secrets.toml``, nothing of the map, no traceback (the explorer started with a
missing client secret and a provider address where nothing answers)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from app_helpers import APP, small_map
from browser_helpers import chromium
from test_signin_browser import SHOTS, free_port, heading, stop, wait_for

from ecomap.store.sqlite import SQLiteStore

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def misconfigured(tmp_path_factory):
    folder = tmp_path_factory.mktemp("signin-config")
    store = folder / "map.db"
    with SQLiteStore(store) as opened:
        opened.import_map(small_map(), source="tests")
    port, nobody = free_port(), free_port()
    (folder / ".streamlit").mkdir()
    (folder / ".streamlit" / "secrets.toml").write_text(
        f"""
[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "a-cookie-secret-for-the-test"
client_id = "ecomap"
server_metadata_url = "http://127.0.0.1:{nobody}/.well-known/openid-configuration"
""",
        encoding="utf-8",
    )
    env = {**os.environ, "ECOMAP_STORE": str(store)}
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", APP, "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    wait_for(f"{base}/_stcore/health", server, "the explorer")
    yield base
    stop(server)
    assert "Traceback" not in server.stdout.read()


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
