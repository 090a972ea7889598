"""The explorer's page times and memory: ``python -m benchmarks.explorer``.

Starts a real ``ecomap app --headless`` on a SQLite store holding a synthetic map
(:mod:`benchmarks.generate`) and drives it with headless Chromium (Playwright, the
system's ``/usr/bin/chromium``, every request outside the explorer blocked). It can
run several versions of the code in turn on the same map (``--code NAME=DIR``: a
checkout with its own environment, ``DIR/.venv/bin/ecomap``), so that "before" and
"after" are measured in the same window.

Each version's own code is byte-compiled first (``compileall``), as installing a
package does: where ``PYTHONDONTWRITEBYTECODE`` is set, a checkout installed in place
would otherwise compile every module of the explorer from source at each start.

For each version and run, on a fresh copy of the store:

1. **cold**: one viewer opens the explorer (the map page: store load, graph and
   drawing), then every page of the menu once, by its link in the sidebar, in the
   menu's order; the actor card last, opened by its address (``fiche?fiche=ID``, a
   new session, as a link shared or a click on the map opens it). Each page is the
   first visit of its kind after the start: its analyses are computed then.
2. **warm**: a second viewer (another browser context: another session) does the
   same walk; everything shared is in memory.
3. **edit**: three times, another process edits one actor's note (a field no analysis
   reads: the analysis fingerprint is unchanged) and the second viewer then opens an
   analysis page it has seen: the explorer reads the new revision and shows the page.
4. **memory**: viewers are added one by one (each opens the map, then Fragilité, and
   stays open) up to ``--sessions``; the Streamlit process's resident memory is read
   after each, and once more after every viewer closed.

**Rendered** means, for each page, that Streamlit has finished the run (its status
widget says nothing is running), the page's title (``h1``) is the page's own, and the
page's main content is on screen and not left over from the page before (Streamlit's
``data-stale`` is false on its container): see :data:`PAGES` — the network drawn
(a ``canvas`` inside the map's frame), the first result table (``stDataFrame``), the
card's name (``h2``), the file picker, and so on. The time is taken at the first
poll (every 0.1 s) that sees all of it, and the page must then stay so for 1 s
(otherwise the wait goes on). A page that shows an error (``stException`` or an
error alert) is reported as such, never timed as rendered.

    python -m benchmarks.explorer --sizes 1000 --json explorer-1k.json
    python -m benchmarks.explorer --sizes 10000 --code before=/tmp/before --code after=.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.explorer_memory import (
    ARGS,
    CHROMIUM,
    _rss_mib,
    _store,
    _streamlit_pid,
    only_explorer,
    start,
    stop,
)

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Page:
    path: str  # the page's address in the explorer
    title: str  # its h1, in French (the explorer's default language)
    content: str  # CSS selector of its main content ("frame:" = inside the first iframe)


#: The menu's pages in its order, with what "rendered" means for each.
TABLE = '[data-testid="stDataFrame"]'
PAGES: list[Page] = [
    Page("carte", "Carte du réseau", "frame:canvas"),
    Page("territoire", "Territoire", TABLE),
    Page("acteurs", "Acteurs", TABLE),
    Page("relations", "Relations", TABLE),
    Page("enjeux", "Enjeux", TABLE),
    Page("dispositifs", "Dispositifs", TABLE),
    Page("importer", "Importer", '[data-testid="stFileUploader"]'),
    Page("exporter", "Exporter", '[data-testid="stDownloadButton"]'),
    Page("historique", "Historique", TABLE),
    Page("fragilite", "Fragilité", TABLE),
    Page("pouvoir", "Rapports de force", TABLE),
    Page("ponts", "Passerelles", TABLE),
    Page("tensions", "Enjeux et tensions", TABLE),
    Page("engagement", "Engagement", TABLE),
    Page("sante", "Santé des coopérations", TABLE),
    Page("tiers-neutres", "Tiers neutres", TABLE),
    Page("niveaux", "Niveaux", TABLE),
    Page("revue", "Revue du comité", '[data-testid="stButton"]'),
    Page("glossaire", "Glossaire", "h3"),
]
CARD = Page("fiche", "Fiche acteur", "h2")
#: Pages opened after each edit of a note (seen before by the same viewer).
AFTER_EDIT = ["fragilite", "ponts", "sante"]
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
#: Playwright's wait for one action (a click, an address, a text) on a busy machine.
TIMEOUT_MS = 900_000


def _fresh(node) -> str:
    """``selector`` only where Streamlit's container says it is of this run."""
    return f'[data-testid="stElementContainer"][data-stale="false"] {node}'


def _rendered(page, spec: Page, timeout: float) -> float | str:
    """Seconds (monotonic clock) when ``spec`` was first seen rendered, or "error"."""
    deadline = time.monotonic() + timeout
    first = None
    main = page.locator('[data-testid="stMain"]')
    while time.monotonic() < deadline:
        now = time.monotonic()
        running = page.locator('[data-testid="stStatusWidget"]').count()
        titles = main.locator(_fresh("h1"))
        ok = not running and bool(titles.count())
        ok = ok and (titles.first.text_content() or "").strip() == spec.title
        if ok:
            if spec.content.startswith("frame:"):
                inner = spec.content.removeprefix("frame:")
                ok = bool(main.locator(_fresh("iframe")).count()) and bool(
                    page.frame_locator(_fresh("iframe")).first.locator(inner).count()
                )
            else:
                ok = bool(main.locator(_fresh(spec.content)).count())
        if not running and main.locator(ERRORS).count():
            return "error"
        if ok:
            first = first or now
            if now - first >= 1.0:
                return first
        else:
            first = None
        page.wait_for_timeout(100)
    raise RuntimeError(f"{spec.path} was not rendered after {timeout:.0f} s")


def _context(browser, base: str, outside: list[str]):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    only_explorer(context, base, outside)
    # A loaded machine answers slowly: Playwright's own 30 s would end a run early.
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context


def _timed(page, spec: Page, go, timeout: float) -> float | str:
    started = time.monotonic()
    go()
    seen = _rendered(page, spec, timeout)
    return seen if isinstance(seen, str) else round(seen - started, 2)


def _click(page, path: str):
    return lambda: page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').first.click()


def _walk(browser, base, outside, pages, card_id, timeout) -> tuple[dict, object]:
    """Open the explorer, then every page by the menu, then the card by its address."""
    context = _context(browser, base, outside)
    page = context.new_page()
    times = {pages[0].path: _timed(page, pages[0], lambda: page.goto(f"{base}/"),
                                   timeout)}  # fmt: skip
    print(f"  {pages[0].path}: {times[pages[0].path]}", flush=True)
    for spec in pages[1:]:
        try:
            times[spec.path] = _timed(page, spec, _click(page, spec.path), timeout)
        except Exception as error:  # noqa: BLE001 - said in the figures; the walk goes on
            # A page not rendered in time (or a browser failure) is kept as such: the
            # other pages are still measured and the figures written.
            times[spec.path] = f"not rendered: {type(error).__name__}"
            try:
                page.screenshot(path=f"/tmp/explorer-{spec.path}.png")
                page.goto(f"{base}/{spec.path}")
            except Exception:  # noqa: BLE001
                pass
        print(f"  {spec.path}: {times[spec.path]}", flush=True)
    if card_id is not None:
        card = context.new_page()
        go = lambda: card.goto(f"{base}/fiche?fiche={card_id}")  # noqa: E731
        times[CARD.path] = _timed(card, CARD, go, timeout)
        card.close()
    return times, (context, page)


def _cpu_s(pid: int) -> float:
    """CPU seconds the Streamlit process has used so far (all its threads: the pages'
    runs and the work in the background), from ``/proc``: on a shared machine, what the
    explorer itself cost, whatever the wall time."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 2)


def _edit_note(path: Path, k: int) -> int:
    """Another user's edit of a field no analysis reads (an actor's note)."""
    from ecomap.model import RecordKind
    from ecomap.store.sqlite import SQLiteStore

    with SQLiteStore(path) as store:
        eco = store.load()
        actor = next(iter(eco.actors.values()))
        changed = actor.model_copy(update={"notes": f"benchmark note {k}"})
        ref = (RecordKind.ACTOR, actor.id)
        store.apply([changed], summary="benchmark note", expected=store.versions([ref]))
        return store.revision


def run_once(ecomap: str, store: Path, *, pages, sessions: int, timeout: float,
             card: bool = True) -> dict:  # fmt: skip
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="ecomap-explorer-"))
    path = folder / "map.db"
    shutil.copy(store, path)
    server = None
    outside: list[str] = []
    try:
        from ecomap.store.sqlite import SQLiteStore

        with SQLiteStore(path) as opened:
            actors = opened.load().actors.values()
            card_id = max(actors, key=lambda a: a.kind.value == "person").id if card else None
        server, base, start_s = start(ecomap, path, folder)
        pid = _streamlit_pid(server.pid)
        result: dict = {"start_s": start_s, "rss_mib": {"started": round(_rss_mib(pid), 1)},
                        "server_cpu_s": {"started": _cpu_s(pid)}}  # fmt: skip
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            cold, (first, _) = _walk(browser, base, outside, pages, card_id, timeout)
            result["cold_s"] = cold
            result["rss_mib"]["after_cold"] = round(_rss_mib(pid), 1)
            result["server_cpu_s"]["after_cold"] = _cpu_s(pid)
            first.close()
            warm, (second, page) = _walk(browser, base, outside, pages, card_id, timeout)
            result["warm_s"] = warm
            result["server_cpu_s"]["after_warm"] = _cpu_s(pid)
            edits = {}
            by_path = {p.path: p for p in PAGES}
            for k, target in enumerate(AFTER_EDIT):
                if target not in {p.path for p in pages}:
                    continue
                _edit_note(path, k)
                edits[target] = _timed(page, by_path[target], _click(page, target), timeout)
            result["after_note_edit_s"] = edits
            second.close()
            if sessions:
                try:
                    result["rss_mib"].update(_memory(browser, base, outside, pid, sessions,
                                                     timeout))  # fmt: skip
                except Exception as error:  # noqa: BLE001 - the page times are kept
                    result["rss_mib"]["memory_failed"] = f"{type(error).__name__}: {error}"[:300]
                    result["rss_mib"]["when_it_failed"] = round(_rss_mib(pid), 1)
            browser.close()
        result["blocked_requests"] = outside
        return result
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(folder, ignore_errors=True)


def _memory(browser, base, outside, pid, sessions, timeout) -> dict:
    """Viewers added one by one (map, then Fragilité), all kept open; RSS after each."""
    before = _rss_mib(pid)
    after, contexts = [], []
    by_path = {p.path: p for p in PAGES}
    for _ in range(sessions):
        context = _context(browser, base, outside)
        page = context.new_page()
        _timed(page, by_path["carte"], lambda p=page: p.goto(f"{base}/"), timeout)
        _timed(page, by_path["fragilite"], _click(page, "fragilite"), timeout)
        contexts.append(context)
        time.sleep(2)
        after.append(round(_rss_mib(pid), 1))
    for context in contexts:
        context.close()
    time.sleep(10)
    growth = [b - a for a, b in zip([before, *after], after, strict=False)]
    return {
        "before_sessions": round(before, 1),
        "after_each_session": after,
        "per_added_session": round(statistics.median(growth[1:] or growth), 1),
        "all_sessions_open": after[-1],
        "closed": round(_rss_mib(pid), 1),
    }


def _median(values):
    numbers = [v for v in values if isinstance(v, int | float)]
    if not numbers:
        return values[0] if values else None
    return round(statistics.median(numbers), 2)


def summary(runs: list[dict]) -> dict:
    """Per page, the median of the runs (an "error" is kept as such)."""
    out: dict = {}
    for phase in ("cold_s", "warm_s", "after_note_edit_s"):
        keys = dict.fromkeys(k for r in runs for k in r.get(phase, {}))
        out[phase] = {k: _median([r[phase][k] for r in runs if k in r.get(phase, {})])
                      for k in keys}  # fmt: skip
    mem = [r["rss_mib"] for r in runs if "per_added_session" in r["rss_mib"]]
    if mem:
        out["per_added_session_mib"] = _median([m["per_added_session"] for m in mem])
        out["all_sessions_open_mib"] = _median([m["all_sessions_open"] for m in mem])
        out["before_sessions_mib"] = _median([m["before_sessions"] for m in mem])
    out["start_s"] = _median([r["start_s"] for r in runs])
    return out


def _compiled(directory: Path, ecomap: str) -> None:
    """Byte-compile the explorer's own code, as installing a package does: where
    ``PYTHONDONTWRITEBYTECODE`` is set (as on some build machines), a checkout installed
    in place would otherwise compile every module from source at every start."""
    python = Path(ecomap).with_name("python")
    targets = [str(directory / name) for name in ("ecomap", "app_pages", "app.py")]
    subprocess.run([str(python), "-m", "compileall", "-q", *targets], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000", help="map sizes, comma-separated")
    parser.add_argument("--code", action="append", default=[],
                        help="NAME=DIR: a checkout to run (DIR/.venv/bin/ecomap); default this one")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=1, help="runs per version and size")
    parser.add_argument("--sessions", type=int, default=20,
                        help="viewers opened for the memory figures (0: none)")  # fmt: skip
    parser.add_argument("--pages", default="", help="only these pages (addresses, comma-separated)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed per page")
    parser.add_argument("--json", type=Path, help="write the figures here")
    options = parser.parse_args(argv)
    versions = dict(c.split("=", 1) for c in options.code) or {"this": str(ROOT)}
    ecomaps = {name: str(Path(d).resolve() / ".venv" / "bin" / "ecomap")
               for name, d in versions.items()}  # fmt: skip
    wanted = [p for p in options.pages.split(",") if p]
    pages = [p for p in PAGES if not wanted or p.path in wanted]
    if not wanted or "carte" not in wanted:
        pages = [PAGES[0], *[p for p in pages if p.path != "carte"]]
    for name, directory in versions.items():
        _compiled(Path(directory), ecomaps[name])
    report: dict = {}
    for size in (int(s) for s in options.sizes.split(",")):
        folder = Path(tempfile.mkdtemp(prefix="ecomap-explorer-map-"))
        try:
            store = _store(size, folder)
            runs: dict[str, list] = {name: [] for name in versions}
            for k in range(options.repeat):
                for name, ecomap in ecomaps.items():
                    print(f"{size} nodes, {name}, run {k + 1}", flush=True)
                    load = os.getloadavg()[0]
                    run = run_once(ecomap, store, pages=pages, sessions=options.sessions,
                                   timeout=options.timeout,
                                   card=not wanted or "fiche" in wanted)  # fmt: skip
                    run["load_before"], run["load_after"] = load, os.getloadavg()[0]
                    print(json.dumps(run), flush=True)
                    runs[name].append(run)
                    if options.json:  # what is measured so far, should a later run fail
                        partial = {name: {"median": summary(r), "runs": r}
                                   for name, r in runs.items() if r}  # fmt: skip
                        options.json.write_text(json.dumps({**report, str(size): partial},
                                                           indent=2))  # fmt: skip
            report[str(size)] = {name: {"median": summary(r), "runs": r}
                                 for name, r in runs.items()}  # fmt: skip
            for name, r in runs.items():
                print(f"{size} {name}: {json.dumps(summary(r))}", flush=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        if options.json:
            options.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
