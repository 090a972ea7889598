"""Headless Chromium for the browser tests: the system's /usr/bin/chromium, installed by
``scripts/install-browser`` when missing (never a browser downloaded by Playwright); the
explorer started by ``streamlit run`` (``serve``) and the local OpenID Connect provider
(``provider``), each on a free port of localhost and stopped at the end."""

from __future__ import annotations

import itertools
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from app_helpers import APP, ROOT
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM = Path("/usr/bin/chromium")
INSTALL = ROOT / "scripts" / "install-browser"
START_PROVIDER = ROOT / "scripts" / "start-oidc-provider"
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Process:
    """A server started for a test, its output in a file (a pipe nobody reads fills up
    and stops the server), stopped at the end."""

    def __init__(self, command: list[str], what: str, *, cwd: Path, env: dict) -> None:
        self.what = what
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self.process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT, text=True
        )

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def wait_for(self, url: str, timeout: float = 120) -> None:
        """Until ``url`` answers 200; a server that stops or never answers fails the test
        with what it printed."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.process.kill()
                self.process.wait()
                pytest.fail(f"{self.what} did not start:\n{self.output()}")
            time.sleep(0.2)

    def stop(self) -> str:
        """Stop the server; what it printed."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        try:
            return self.output()
        finally:
            self.log.close()


@contextmanager
def serve(store: Path, *, secrets: str | None = None, folder: Path | None = None,
          port: int | None = None, clean_output: bool = False):  # fmt: skip
    """``streamlit run app.py`` on ``store``, on a free port of localhost; yields its
    address (``http://127.0.0.1:PORT``).

    ``secrets``: the text of ``.streamlit/secrets.toml`` (Streamlit reads it from where
    it is started), written in ``folder``, where the explorer is then started. ``port``:
    when the secrets must name the address beforehand (``free_port()``).
    ``clean_output``: fail when the explorer printed a traceback. The environment's
    ``ECOMAP_READ_ONLY`` and ``ECOMAP_PUBLIC_URL`` are not passed on."""
    port = port or free_port()
    cwd = ROOT
    if secrets is not None:
        assert folder is not None, "secrets are written in a folder of the test's"
        (folder / ".streamlit").mkdir(exist_ok=True)
        (folder / ".streamlit" / "secrets.toml").write_text(secrets, encoding="utf-8")
        cwd = folder
    env = {**os.environ, "ECOMAP_STORE": str(store)}
    for name in ("ECOMAP_READ_ONLY", "ECOMAP_PUBLIC_URL"):
        env.pop(name, None)
    server = _Process(
        [sys.executable, "-m", "streamlit", "run", APP, "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        "the explorer", cwd=cwd, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        server.wait_for(f"{base}/_stcore/health")
        yield base
    finally:
        output = server.stop()
    if clean_output:
        assert "Traceback" not in output, output


@contextmanager
def provider(users: dict[str, dict]):
    """A real OpenID Connect provider on 127.0.0.1 (``scripts/start-oidc-provider``,
    which installs it when missing) where each of ``users`` (sub → claims) can sign in;
    yields its address."""
    port = free_port()
    claims = [json.dumps({"sub": sub, **values}) for sub, values in users.items()]
    server = _Process(
        [str(START_PROVIDER), "--port", str(port), *(a for c in claims for a in ("--user-claims", c))],
        "the OpenID Connect provider", cwd=ROOT, env={**os.environ, "PYTHON": sys.executable},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        server.wait_for(f"{base}/.well-known/openid-configuration")
        yield base
    finally:
        server.stop()


def shots(tmp_path_factory, docs: Path | None = None) -> Path:
    """Where a module's screenshots go: ``docs`` (the README's pictures) only when
    ``ECOMAP_UPDATE_SCREENSHOTS=1`` asks for them, a temporary folder otherwise."""
    if docs is not None and os.environ.get("ECOMAP_UPDATE_SCREENSHOTS", "") not in ("", "0"):
        docs.mkdir(parents=True, exist_ok=True)
        return docs
    return tmp_path_factory.mktemp("screenshots")


#: Whether the page's script has been quiet for ``quiet`` ms: Streamlit marks its app with
#: the script's state (``running`` as soon as the server starts a run, ``initial`` before
#: the first); the status widget shows only after half a second of running, and lazily
#: loaded widgets are drawn as skeletons meanwhile. ``token`` starts each wait afresh.
_QUIET = """([token, quiet]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const busy = !app || app.getAttribute("data-test-script-state") !== "notRunning"
    || app.getAttribute("data-test-connection-state") !== "CONNECTED"
    || document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]');
  const now = performance.now();
  const seen = window.__ecomapQuiet;
  if (busy || !seen || seen.token !== token) {
    window.__ecomapQuiet = {token, since: busy ? null : now};
    return false;
  }
  if (seen.since === null) seen.since = now;
  return now - seen.since >= quiet;
}"""
_tokens = itertools.count()


def settle(page, timeout: float = 120, quiet_checks: int = 3) -> None:
    """Wait until Streamlit has finished running the page's script: quiet for
    ``quiet_checks`` quarters of a second less one (a click's rerun is started by the
    server meanwhile; sign-in redirects rerun the page once more)."""
    quiet_ms = 250 * (quiet_checks - 1)
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        try:
            page.wait_for_function(
                _QUIET, arg=[next(_tokens), quiet_ms], polling=50, timeout=max(left, 0.001) * 1000
            )
            return
        except PlaywrightTimeout:
            raise AssertionError(f"the page was still running after {timeout:.0f} s") from None
        except PlaywrightError as error:  # the page went to another address meanwhile
            if "destroyed" not in str(error) and "navigat" not in str(error):
                raise
            page.wait_for_load_state()


def localhost_only(target, base: str) -> list[str]:
    """Refuse every request of ``target`` (a page or a browser context) that leaves the
    explorer at ``base``; returns the list the refused addresses are added to."""
    outside: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith((base, "data:", "blob:", "about:")):
            return request_route.continue_()
        outside.append(url)
        return request_route.abort()

    target.route("**/*", route)
    return outside
