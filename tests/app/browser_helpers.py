"""Headless Chromium for the browser tests: the system's /usr/bin/chromium, installed by
``scripts/install-browser`` when missing (never a browser downloaded by Playwright)."""

from __future__ import annotations

import subprocess
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
INSTALL = Path(__file__).resolve().parents[2] / "scripts" / "install-browser"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def ensure_chromium() -> None:
    """Install Chromium when it is missing; a failure fails the test (never a skip)."""
    if not CHROMIUM.exists():
        subprocess.run([str(INSTALL)], check=True)
    assert CHROMIUM.exists(), f"{CHROMIUM} is still missing after {INSTALL}"


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    ensure_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
