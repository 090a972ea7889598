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


@pytest.fixture(autouse=True)
def _command_language():
    """``ecomap.cli.main`` keeps the language it chose for the command's run in a
    module global: put it back, so that a test invoking the command tree directly does
    not speak the language of whichever test ran before it in the same process."""
    from ecomap import cli

    before = cli._LANG
    yield
    cli._LANG = before
