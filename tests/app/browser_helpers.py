"""Headless Chromium for the browser tests: the system's /usr/bin/chromium, installed by
``scripts/install-browser`` when missing (never a browser downloaded by Playwright)."""

from __future__ import annotations

import subprocess
import time
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


def settle(page, timeout: float = 120, quiet_checks: int = 3) -> None:
    """Wait until Streamlit has finished running the page's script."""
    deadline = time.monotonic() + timeout
    quiet = 0
    while time.monotonic() < deadline:
        # The script's run, then the lazily loaded widgets (drawn as skeletons meanwhile).
        running = page.locator('[data-testid="stStatusWidget"]').count()
        running += page.locator('[data-testid="stSkeleton"]').count()
        quiet = quiet + 1 if not running else 0
        if quiet >= quiet_checks:
            return
        page.wait_for_timeout(250)
    raise AssertionError("the page was still running after two minutes")
