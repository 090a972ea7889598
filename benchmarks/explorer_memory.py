"""Memory of the explorer per viewer: ``python -m benchmarks.explorer_memory``.

Starts a real ``ecomap app --headless`` on a SQLite store holding a synthetic map
(:mod:`benchmarks.generate`), then opens viewer sessions one after the other in
headless Chromium (Playwright, the system's ``/usr/bin/chromium``, every request
outside the explorer blocked). Each session opens the network map (the map and its
graph are loaded, the network drawn) and, in the same session, the Fragilité page (an
analysis computed or taken from the cache), and stays open.

The resident memory (RSS, from ``/proc``) of the Streamlit process is recorded after
the app started, after each added session, after every session closed, and after the
store's revision changed (an edit made as another user would, from another process)
and one more session opened the new revision and closed. The figure that matters is
the growth per added session once the map is loaded (sessions 2..K): with one shared
copy per revision it is what a session's own choices and widgets cost.

    python -m benchmarks.explorer_memory --nodes 1000 --sessions 5
    python -m benchmarks.explorer_memory --nodes 10000 --sessions 4 --json mem-10k.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.generate import generate, write

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run"]  # fmt: skip
ROOT = Path(__file__).resolve().parents[1]
#: The analysis page each session opens after the map (its address in the explorer).
ANALYSIS_PAGE = "fragilite"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_mib(pid: int) -> float:
    """Resident memory of one process, in MiB (``VmRSS`` of ``/proc/PID/status``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def _streamlit_pid(ecomap_pid: int, timeout: float = 60) -> int:
    """``ecomap app`` starts Streamlit as its child: the process whose memory counts."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for child in _children(ecomap_pid):
            command = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
            if any(b"streamlit" in part for part in command):  # its launcher too
                return child
        time.sleep(0.2)
    raise RuntimeError("ecomap app did not start Streamlit")


def _store(nodes: int, folder: Path) -> Path:
    from ecomap.ingest import read_map
    from ecomap.store.sqlite import SQLiteStore

    eco = read_map(write(generate(nodes, seed=0), folder / "map"))[0]
    path = folder / "map.db"
    with SQLiteStore(path) as store:
        store.import_map(eco, source="benchmark")
    return path


def _edit(path: Path) -> int:
    """An edit another user makes (an actor's influence: the analyses change too);
    returns the new revision."""
    from ecomap.model import RecordKind
    from ecomap.store.sqlite import SQLiteStore

    with SQLiteStore(path) as store:
        eco = store.load()
        actor = next(iter(eco.actors.values()))
        changed = actor.model_copy(update={"influence": (actor.influence or 1) % 5 + 1})
        version = store.versions([(RecordKind.ACTOR, actor.id)])[(RecordKind.ACTOR, actor.id)]
        store.apply([changed], summary="benchmark edit",
                    expected={(RecordKind.ACTOR, actor.id): version})  # fmt: skip
        return store.revision


def _settle(page, timeout: float = 600) -> None:
    """Wait until Streamlit has finished running the page's script and drawing."""
    deadline = time.monotonic() + timeout
    quiet = 0
    while time.monotonic() < deadline:
        running = page.locator('[data-testid="stStatusWidget"]').count()
        running += page.locator('[data-testid="stSkeleton"]').count()
        running += page.locator('[data-testid="stSpinner"]').count()
        quiet = quiet + 1 if not running else 0
        if quiet >= 4:
            return
        page.wait_for_timeout(250)
    raise RuntimeError(f"the page was still running after {timeout:.0f} s")


def only_explorer(context, base: str, outside: list[str]) -> None:
    """Refuse every request of ``context`` that leaves the explorer at ``base``, adding
    its address to ``outside``: the figures say whether any was made."""

    def route(request_route):
        url = request_route.request.url
        if url.startswith((base, "data:", "blob:", "about:")):
            return request_route.continue_()
        outside.append(url)
        return request_route.abort()

    context.route("**/*", route)


def _open_session(browser, base: str, outside: list[str]):
    """A new viewer: the network map, then the analysis page, in one Streamlit session."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    only_explorer(context, base, outside)
    page = context.new_page()
    started = time.monotonic()
    page.goto(base)
    page.get_by_role("heading", level=1).first.wait_for(timeout=600_000)
    _settle(page)
    page.frame_locator("iframe").first.locator("#network canvas").wait_for(timeout=600_000)
    shown = time.monotonic() - started
    page.locator(f'[data-testid="stSidebarNav"] a[href$="/{ANALYSIS_PAGE}"]').first.click()
    page.get_by_role("heading", name="Fragilité", level=1).wait_for(timeout=600_000)
    _settle(page)
    return context, {"map_s": round(shown, 1), "both_s": round(time.monotonic() - started, 1)}


def run(nodes: int, sessions: int, *, pause: float, ecomap: str) -> dict:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="ecomap-explorer-memory-"))
    server = None
    try:
        path = _store(nodes, folder)
        server, base, _ = start(ecomap, path, folder)
        pid = _streamlit_pid(server.pid)
        rss = {"started": round(_rss_mib(pid), 1)}
        after, timings, outside, contexts = [], [], [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for k in range(sessions):
                context, timing = _open_session(browser, base, outside)
                contexts.append(context)
                time.sleep(pause)
                after.append(round(_rss_mib(pid), 1))
                timings.append(timing)
                print(f"  session {k + 1}: {after[-1]:.0f} MiB  ({timing})", flush=True)
            for context in contexts:
                context.close()
            time.sleep(max(pause, 10))
            rss["closed"] = round(_rss_mib(pid), 1)
            rss["revision"] = _edit(path)
            context, timing = _open_session(browser, base, outside)
            context.close()
            time.sleep(max(pause, 10))
            rss["new_revision"] = round(_rss_mib(pid), 1)
            timings.append(timing)
            browser.close()
        growth = [b - a for a, b in zip(after, after[1:], strict=False)]
        return {
            "nodes": nodes,
            "sessions": sessions,
            "rss_mib": {**rss, "after_each_session": after},
            "first_session_mib": round(after[0] - rss["started"], 1),
            "per_added_session_mib": round(statistics.mean(growth), 1) if growth else None,
            "per_added_session_max_mib": round(max(growth), 1) if growth else None,
            "seconds": timings,
            "blocked_requests": outside,
        }
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(folder, ignore_errors=True)


def start(ecomap: str, path: Path, folder: Path) -> tuple[subprocess.Popen, str, float]:
    """``ecomap app --headless`` on the store at ``path``, in a process group of its own
    (see :func:`stop`); returns the process, its address and the seconds it took to
    answer."""
    port = _free_port()
    env = {**os.environ, "ECOMAP_STORE": str(path)}
    for name in ("ECOMAP_READ_ONLY", "ECOMAP_UNPROTECTED", "PYTHONPATH"):
        env.pop(name, None)
    started = time.monotonic()
    server = subprocess.Popen(
        [ecomap, "app", "--headless", "--port", str(port), "--store", str(path)],
        cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while True:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the explorer did not start")
        time.sleep(0.2)
    return server, base, round(time.monotonic() - started, 2)


def stop(server: subprocess.Popen) -> None:
    """Stop ``ecomap app`` and the Streamlit process it started.

    ``ecomap app`` waits for Streamlit as its child: ending ``ecomap`` alone would leave
    Streamlit serving (and holding its memory) after the benchmark. The server is
    started in a process group of its own (``start_new_session=True``), and the whole
    group is ended: asked first (SIGTERM), then forced after 30 s."""
    try:
        group = os.getpgid(server.pid)
    except OSError:  # already gone: its group may still hold Streamlit
        group = server.pid
    for sent in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(group, sent)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _group_alive(group):
            time.sleep(0.2)
            server.poll()
        if not _group_alive(group):
            break
    try:
        server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=1000, help="size of the synthetic map")
    parser.add_argument("--sessions", type=int, default=5, help="viewer sessions opened")
    parser.add_argument("--pause", type=float, default=3.0,
                        help="seconds waited before reading the memory")  # fmt: skip
    parser.add_argument("--json", type=Path, help="write the figures here too")
    options = parser.parse_args(argv)
    ecomap = shutil.which("ecomap", path=str(Path(sys.executable).parent)) or "ecomap"
    print(f"explorer memory: {options.nodes} nodes, {options.sessions} sessions", flush=True)
    result = run(options.nodes, options.sessions, pause=options.pause, ecomap=ecomap)
    print(json.dumps(result, indent=2))
    if options.json:
        options.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
