"""Shared test settings: a derandomised hypothesis profile for CI."""

from __future__ import annotations

import os
import socket
import threading

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def _english_unless_asked(monkeypatch):
    """The command speaks French when the locale or ECOMAP_LANG says so: every test starts
    from a neutral locale, whatever the machine's, and asks for French itself."""
    for variable in ("ECOMAP_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def mute_server():
    """The port of a server that accepts connections and never answers (a stopped
    process behind a proxy, a firewall that swallows packets)."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()


@pytest.fixture(scope="module")
def module_chromium():
    """One headless Chromium for a browser module's tests (``browser``)."""
    from browser_helpers import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture
def browser(module_chromium):
    """The module's Chromium; the pages the test opened are closed after it (a map left
    open keeps drawing)."""
    yield module_chromium
    for context in module_chromium.contexts:
        context.close()


@pytest.fixture(autouse=True)
def _command_language():
    """``ecomap.cli.main`` keeps the language it chose for the command's run in a
    module global: put it back, so that a test invoking the command tree directly does
    not speak the language of whichever test ran before it in the same process."""
    from ecomap import cli

    before = cli._LANG
    yield
    cli._LANG = before


#: The longest test modules, longest first (each runs whole on one of the two processes,
#: ``--dist=loadfile``): started first, so that no process is left with one of them at
#: the end while the other has finished. Seconds on the 2-core machine, for the order.
LONGEST_FIRST = {
    "tests/app/test_signin_viewer_browser.py": 120,
    "tests/app/test_collect_browser.py": 110,
    "tests/app/test_browser.py": 60,
    "tests/app/test_signin_browser.py": 55,
    "tests/app/test_map_large_browser.py": 50,
    "tests/app/test_map_browser.py": 45,
    "tests/app/test_views_browser.py": 40,
    "tests/ingest/test_ingest_reading_guard.py": 40,
    "tests/app/test_signin_config_browser.py": 25,
    "tests/app/test_webgl_browser.py": 25,
}


def pytest_collection_modifyitems(config, items):
    """The modules in the order they are handed to the processes: the longest first, then
    the other browser modules, then the rest by their number of tests (as pytest-xdist
    orders them by itself; ``--no-loadscope-reorder`` keeps this order instead)."""
    modules: dict[str, list] = {}
    for item in items:
        modules.setdefault(item.nodeid.split("::")[0], []).append(item)

    def rank(path: str) -> tuple:
        if path in LONGEST_FIRST:
            return (0, -LONGEST_FIRST[path])
        if any(item.get_closest_marker("browser") for item in modules[path]):
            return (1, 0)
        return (2, -len(modules[path]))

    items[:] = [item for path in sorted(modules, key=rank) for item in modules[path]]
