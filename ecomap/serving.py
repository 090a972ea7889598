"""Serving the explorer: where it listens, what Streamlit is told, who must sign in.

A map names people and records who clashes with whom: with no sign-in configured the
explorer is a single-user tool on this computer and listens on 127.0.0.1 only
(DESIGN §6). Serving it to a network takes sign-in, or an explicit choice to go
without, which the explorer then shows on every page (:data:`UNPROTECTED_ENV`).

Nothing here imports Streamlit: the command line decides before the server starts.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import re
import socket
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ecomap.errors import EcomapError

__all__ = [
    "LOOPBACK",
    "UNPROTECTED_ENV",
    "secrets_files",
    "sign_in_configured",
    "is_loopback",
    "check_port",
    "has_display",
    "streamlit_flags",
    "STREAMLIT_REQUIRED",
]

#: Where the explorer listens unless told otherwise: this computer only.
LOOPBACK = "127.0.0.1"
#: Set (to ``1``) for the explorer when it serves a network without sign-in, by choice
#: (``ecomap app --no-sign-in``): every page then says so.
UNPROTECTED_ENV = "ECOMAP_UNPROTECTED"


def secrets_files(cwd: Path | None = None, home: Path | None = None) -> list[Path]:
    """The Streamlit secrets files the explorer reads, in Streamlit's order.

    Streamlit reads ``~/.streamlit/secrets.toml``, then ``.streamlit/secrets.toml`` in
    the folder it is started from (the later one wins).
    """
    home = Path.home() if home is None else home
    cwd = Path.cwd() if cwd is None else cwd
    return [home / ".streamlit" / "secrets.toml", cwd / ".streamlit" / "secrets.toml"]


def sign_in_configured(cwd: Path | None = None, home: Path | None = None) -> bool:
    """Whether the explorer signs people in: the Streamlit secrets have an ``[auth]`` section.

    Parameters
    ----------
    cwd, home : Path, optional
        The folder the explorer starts from, and the user's home (default: the
        current ones); see :func:`secrets_files`.

    Raises
    ------
    EcomapError
        When a secrets file exists but is not valid TOML (Streamlit would refuse it
        too); the message names the file and the line.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> sign_in_configured(cwd=folder, home=folder / "nobody")
    False
    >>> (folder / ".streamlit").mkdir()
    >>> _ = (folder / ".streamlit" / "secrets.toml").write_text(
    ...     '[auth]\\nredirect_uri = "https://carte.example.fr/oauth2callback"\\n')
    >>> sign_in_configured(cwd=folder, home=folder / "nobody")
    True
    """
    return auth_settings(cwd, home) is not None


def auth_settings(cwd: Path | None = None, home: Path | None = None) -> dict | None:
    """The ``[auth]`` section of the Streamlit secrets (None when there is none).

    Sections of both files are merged as Streamlit merges them (the folder's file wins).

    Raises
    ------
    EcomapError
        When a secrets file exists but is not valid TOML.
    """
    found: dict | None = None
    for path in secrets_files(cwd, home):
        if not path.is_file():
            continue
        try:
            secrets = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            raise EcomapError(
                f"cannot read the Streamlit secrets {path}: {exc}; fix the file (TOML) "
                "or move it away"
            ) from None
        if isinstance(secrets.get("auth"), Mapping):
            found = {**(found or {}), **secrets["auth"]}
    return found


def sign_in_problems(auth: Mapping) -> list:
    """What must be fixed in ``[auth]`` before anyone can sign in: missing values, and
    providers whose discovery document does not answer (see :mod:`ecomap.access`)."""
    from ecomap.access import auth_problems, metadata_problem

    problems, providers = auth_problems(auth)
    checked = {p.where for p in problems}
    for name in providers:
        section = auth if not name else auth[name]
        where = f"[auth.{name}]" if name else "[auth]"
        url = str(section.get("server_metadata_url") or "").strip()
        if url and f"{where} server_metadata_url" not in checked:
            found = metadata_problem(where, url)
            if found is not None:
                problems.append(found)
    return problems


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer only (``127.0.0.1``, ``::1``, ``localhost``).

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_port(host: str, port: int) -> None:
    """Make sure the explorer can listen on ``host:port``, before starting it.

    Raises
    ------
    EcomapError
        When the port is taken (saying how to choose another, ``--port``), is not a
        port number, or ``host`` is not an address of this computer (``--host``).
    """
    if not 1 <= port <= 65535:
        raise EcomapError(f"--port {port}: a port is a number from 1 to 65535, e.g. 8501")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise EcomapError(
            f"--host {host}: not an address or a name this computer knows; use 127.0.0.1 "
            "(this computer only) or 0.0.0.0 (every network interface)"
        ) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        if sys.platform != "win32":
            # As the server will: a port left in TIME_WAIT by a stopped explorer is free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
                raise EcomapError(
                    f"port {port} is already in use on {host} (another explorer, or another "
                    f"program, is listening there): choose another port with --port, e.g. "
                    f"ecomap app --port {_free_port(host, port)}"
                ) from None
            if exc.errno == errno.EACCES:
                raise EcomapError(
                    f"port {port} is reserved for the system on this computer: choose a "
                    "port above 1023 with --port, e.g. --port 8501"
                ) from None
            raise EcomapError(
                f"cannot listen on {host}, port {port} ({exc.strerror}): check --host, "
                "which must be an address of this computer (127.0.0.1 for this computer "
                "only, 0.0.0.0 for every network interface)"
            ) from None


def _free_port(host: str, taken: int) -> int:
    """A port near ``taken`` that is free now (the next ones first)."""
    for port in range(taken + 1, min(taken + 50, 65536)):
        try:
            with socket.create_server((host, port)):
                return port
        except OSError:
            continue
    return taken + 1


def has_display() -> bool:
    """Whether a browser window can open here (a desktop session, not a bare server)."""
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


#: What the explorer always tells Streamlit, whatever its configuration files say: no
#: terminal prompt (without a terminal Streamlit would stop there, serving nothing), no
#: usage statistics sent, no developer menu and no promotions over the interface.
STREAMLIT_REQUIRED: dict[str, dict[str, Any]] = {
    "server": {"showEmailPrompt": False},
    "browser": {"gatherUsageStats": False},
    "client": {"toolbarMode": "viewer"},
    "logger": {"hideWelcomeMessage": True},
}
#: Options younger than the oldest Streamlit ecomap runs on. A Streamlit that does not
#: know an option refuses it on its command line but ignores it in its environment.
_YOUNG_OPTIONS = frozenset({"logger.hideWelcomeMessage"})


def streamlit_flags(
    config: Mapping[str, Any], *, host: str, port: int, headless: bool
) -> tuple[list[str], dict[str, str]]:
    """Streamlit's command-line options and environment: ``config`` (the project's
    ``config.toml``), then :data:`STREAMLIT_REQUIRED`, where to listen and whether to
    open a browser.

    The project's settings are passed on, not only left in its ``.streamlit/config.toml``:
    Streamlit reads that file from the folder it is started in, and the explorer is
    often started from another one. Both outrank the user's own configuration files.

    >>> config = {"server": {"address": "127.0.0.1"}, "theme": {"base": "light"}}
    >>> flags, environment = streamlit_flags(config, host="0.0.0.0", port=8502, headless=True)
    >>> flags  # doctest: +NORMALIZE_WHITESPACE
    ['--server.address', '0.0.0.0', '--server.showEmailPrompt', 'false',
     '--server.port', '8502', '--server.headless', 'true', '--theme.base', 'light',
     '--browser.gatherUsageStats', 'false', '--client.toolbarMode', 'viewer']
    >>> environment
    {'STREAMLIT_LOGGER_HIDE_WELCOME_MESSAGE': 'true'}
    """
    wanted = {"server": {"address": host, "port": port, "headless": headless}}
    options = _merged(_merged(config, STREAMLIT_REQUIRED), wanted)
    flags: list[str] = []
    environment: dict[str, str] = {}

    def add(prefix: str, table: Mapping[str, Any]) -> None:
        for key, value in table.items():
            name = f"{prefix}{key}"
            if isinstance(value, Mapping):
                add(f"{name}.", value)
                continue
            text = str(value).lower() if isinstance(value, bool) else str(value)
            if name in _YOUNG_OPTIONS:
                environment[_environment_name(name)] = text
            else:
                flags.extend([f"--{name}", text])

    add("", options)
    return flags, environment


def _environment_name(option: str) -> str:
    """Streamlit's environment variable for an option (``STREAMLIT_SERVER_SHOW_EMAIL_PROMPT``).

    >>> _environment_name("logger.hideWelcomeMessage")
    'STREAMLIT_LOGGER_HIDE_WELCOME_MESSAGE'
    """
    snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", option.replace(".", "_"))
    return f"STREAMLIT_{snake.upper()}"


def _merged(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``over`` laid on top, table by table."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out
