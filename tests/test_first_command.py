"""The README's first command, run as a new user runs it: exactly as written, in a shell,
on a computer where Streamlit never ran (a HOME without ``~/.streamlit``), without a
terminal (stdin from /dev/null, no tty). It must serve the explorer, on this computer
only, without asking anything.

The line runs in a copy of the project. So as not to download and install every
dependency again, the copy starts with a virtual environment: the one running these
tests, linked file by file (its scripts and settings copied, so that nothing the line
rewrites reaches the original). The line then does what it does for a user who runs it
a second time: ``python3 -m venv .venv`` refreshes the environment, pip installs ecomap
from the copy, and ``ecomap app`` imports the sample territory and starts the explorer.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: What the first command may take to serve the explorer once ecomap is installed.
SERVE_WITHIN = 30.0
#: What installing may take on top (pip resolves and builds ecomap again).
INSTALL_WITHIN = 300.0
_NOT_THE_PROJECT = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.egg-info", ".pytest_cache", ".ruff_cache",
    ".hypothesis", "node_modules", "screenshots", "*.db", "*.db-*", "out", "build", "dist",
    "secrets.toml",
)  # fmt: skip


def readme_first_command() -> str:
    """The one line of the first ``bash`` block under "Two commands"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Two commands", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block, "README.md: no bash block under 'Two commands'"
    lines = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(lines) == 1, f"the first command is one line, not {lines}"
    return lines[0]


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def answers(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace") if response.status == 200 else None
    except OSError:
        return None


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


class Output:
    """A process's output, read as it comes, each line with the time it arrived."""

    def __init__(self, stream):
        self.lines: list[tuple[float, str]] = []
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        for line in iter(stream.readline, ""):
            self.lines.append((time.monotonic(), line))

    def text(self) -> str:
        return "".join(line for _, line in self.lines)

    def when(self, pattern: str) -> float | None:
        return next((t for t, line in self.lines if re.search(pattern, line)), None)


def project_copy_with_environment(folder: Path) -> Path:
    """A copy of the project holding a virtual environment with everything installed."""
    project = folder / "ecomap"
    shutil.copytree(ROOT, project, ignore=_NOT_THE_PROJECT)
    environment = Path(sys.prefix)
    if environment == Path(sys.base_prefix):
        return project  # no environment to start from: the line builds one from nothing
    subprocess.run(["cp", "-al", str(environment), str(project / ".venv")], check=True)
    # What venv and pip rewrite in place (scripts, pyvenv.cfg) is copied, not linked.
    for linked in [*(project / ".venv" / "bin").iterdir(), project / ".venv" / "pyvenv.cfg"]:
        if linked.is_file() and not linked.is_symlink():
            content = linked.read_bytes()
            mode = linked.stat().st_mode
            linked.unlink()
            linked.write_bytes(content)
            linked.chmod(mode)
    return project


def stop(process: subprocess.Popen) -> None:
    """Stop the line's whole process group (the shell, ecomap, Streamlit)."""
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.mark.slow
def test_the_readme_first_command_serves_the_explorer_without_a_terminal(tmp_path):
    line = readme_first_command()
    assert "ecomap app" in line
    project = project_copy_with_environment(tmp_path)
    home = tmp_path / "home"  # Streamlit never ran here: no ~/.streamlit
    home.mkdir()
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("ECOMAP_", "NEO4J_", "STREAMLIT_", "VIRTUAL_ENV", "DISPLAY", "WAYLAND_DISPLAY")
        )  # fmt: skip
    }
    # The README's port is 8501; another explorer may hold it on this computer.
    env.update(HOME=str(home), ECOMAP_PORT=str(port))
    process = subprocess.Popen(
        ["bash", "-c", line],
        cwd=project,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # no controlling terminal, and one group to stop
    )
    output = Output(process.stdout)
    started = time.monotonic()
    try:
        served = None
        while time.monotonic() - started < INSTALL_WITHIN + SERVE_WITHIN:
            if process.poll() is not None:
                break
            if answers(f"http://127.0.0.1:{port}/_stcore/health") == "ok":
                served = time.monotonic()
                break
            time.sleep(0.5)
        assert served is not None, (
            f"nothing served on port {port} (exit code {process.poll()}):\n{output.text()}"
        )
        installed = output.when(r"^Successfully installed") or started
        explorer = output.when(r"Explorer on http")
        assert explorer is not None, output.text()
        # From the end of pip's work to the page answering: ecomap's import and Streamlit.
        assert served - installed < SERVE_WITHIN, f"{served - installed:.1f} s\n{output.text()}"
        page = answers(f"http://127.0.0.1:{port}/")
        assert page is not None and "<html" in page.lower()
        # This computer only: another loopback address of the machine gets no answer
        # (it would, were the server listening on every interface).
        if sys.platform.startswith("linux"):
            assert not reachable("127.0.0.2", port)
        text = output.text()
        assert "Email" not in text and "Welcome to Streamlit" not in text, text
        assert process.poll() is None, text  # still serving, not stopped at a prompt
    finally:
        stop(process)
    assert not (home / ".streamlit" / "credentials.toml").exists()


@pytest.mark.slow
def test_with_a_screen_the_explorer_opens_the_browser_and_asks_nothing(tmp_path):
    """Where there is a display, ``ecomap app`` lets Streamlit open the browser (here a
    stand-in ``xdg-open`` that writes down the address) and still never prompts."""
    environment = Path(sys.executable).parent
    ecomap = environment / "ecomap"
    assert ecomap.exists(), "ecomap is not installed beside this Python"
    opened = tmp_path / "opened.txt"
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "xdg-open").write_text(f'#!/bin/sh\necho "$1" >> {opened}\n')
    (bin_folder / "xdg-open").chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ECOMAP_", "STREAMLIT_"))}
    env.update(
        HOME=str(home), DISPLAY=":99", PATH=f"{bin_folder}{os.pathsep}{env['PATH']}",
        ECOMAP_STORE=str(tmp_path / "ecomap.db"),
    )  # fmt: skip
    process = subprocess.Popen(
        [str(ecomap), "app", str(ROOT / "data" / "territoire-vallee"), "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    output = Output(process.stdout)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None and not opened.exists():
            time.sleep(0.5)
        assert opened.exists(), f"no browser opened (exit {process.poll()}):\n{output.text()}"
        assert opened.read_text().strip().rstrip("/") == f"http://127.0.0.1:{port}"
        assert answers(f"http://127.0.0.1:{port}/_stcore/health") == "ok"
        assert "Email" not in output.text() and process.poll() is None, output.text()
    finally:
        stop(process)
