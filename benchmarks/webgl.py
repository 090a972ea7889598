"""The map in a browser: how long a map takes to appear, and how smoothly it pans and zooms.

    python -m benchmarks.webgl                                   # 10,000 nodes, WebGL, 3 runs
    python -m benchmarks.webgl --nodes 1000,1500,2000,3000 --renderer pyvis,webgl

For each size it generates the synthetic map (:mod:`benchmarks.generate`), draws what
the explorer's "all actors" view draws (every actor, the ties between actors), places
it once with :func:`ecomap.views.network.layout` and writes the page of each renderer:
:func:`ecomap.views.webgl.webgl_html` (sigma.js) or
:func:`ecomap.views.network.network_html` (vis-network). Then, in headless Chromium
(``/usr/bin/chromium``, WebGL by SwiftShader on the processor: there is no graphics
card), per run in a fresh page:

- **shown**: from the start of navigation to the first animation frame after the whole
  graph is drawn (sigma draws it in its constructor; vis-network when its
  ``afterDrawing`` event fires), with the number of nodes and edges the page holds;
- **pan** and **zoom**: the mouse drags the picture a third of its width and back (20
  moves each way), then the wheel zooms in ten steps and out ten; meanwhile the time
  between animation frames is recorded: median and 95th percentile (16.7 ms is 60
  frames a second), and the browser's CPU time per frame.

Every step is also timed in CPU seconds of the browser's processes (the page's
renderer, and the GPU process where SwiftShader draws): the machine is shared, and
wall times grow with the others' load.

Medians over ``--runs`` are printed; ``--json`` writes every figure, ``--screenshot``
the last page of the largest size.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate, write

#: What the explorer draws for "all actors" (app_pages/map.py's ACTOR_TIES).
ACTOR_TIES = ["cooperates", "power", "tension", "member_of", "part_of"]
#: The last switch means nothing to Chromium: it marks this browser's processes.
MARK = f"--ecomap-benchmark={os.getpid()}"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--enable-unsafe-swiftshader", MARK]  # fmt: skip
#: Mouse moves of a drag each way, wheel steps of a zoom.
STEPS = 20

_READY = {
    "webgl": "window.ecomapReady && window.ecomapReady.order",
    "pyvis": "window.ecomapShown",
}
#: vis-network draws after its constructor: its first afterDrawing is the first frame.
_PYVIS_HOOK = """
window.ecomapShown = null;
// The page sets window.ecomapNetwork; vis-network draws on a later animation frame.
Object.defineProperty(window, "ecomapNetwork", {
  configurable: true,
  get: function () { return window.benchNetwork; },
  set: function (network) {
    window.benchNetwork = network;
    network.once("afterDrawing", function () {
      requestAnimationFrame(function () {
        var data = network.body.data;
        window.ecomapShown = {order: data.nodes.length, size: data.edges.length,
                              shown: performance.now()};
      });
    });
  }
});
"""
_SHOWN = {
    "webgl": "({order: ecomapReady.order, size: ecomapReady.size, shown: ecomapReady.shown})",
    "pyvis": "window.ecomapShown",
}
#: Records the time between animation frames until told to stop.
_RECORD = """() => {
  window.benchFrames = [];
  window.benchRecording = true;
  let last = null;
  function step(now) {
    if (last !== null) { window.benchFrames.push(now - last); }
    last = now;
    if (window.benchRecording) { requestAnimationFrame(step); }
  }
  requestAnimationFrame(step);
}"""
_STOP = "() => { window.benchRecording = false; return window.benchFrames; }"


def _pan_and_zoom(page, mode: str) -> None:
    """Drag the picture a third of its width and back, or zoom in and out with the wheel,
    with the mouse, as a person does (a drag starts in the empty left margin)."""
    box = page.locator("#network").bounding_box()
    x, y = box["x"] + 40, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    if mode == "pan":
        page.mouse.down()
        for i in [*range(1, STEPS + 1), *range(STEPS - 1, -1, -1)]:
            page.mouse.move(x + i * box["width"] / (3 * STEPS), y + i * 2)
        page.mouse.up()
    else:
        page.mouse.move(box["x"] + box["width"] / 2, y)
        for delta in [-100] * (STEPS // 2) + [100] * (STEPS // 2):
            page.mouse.wheel(0, delta)
            page.wait_for_timeout(60)
    page.wait_for_timeout(500)


def _browser_cpu() -> float:
    """CPU seconds used so far by this benchmark's Chromium: the browser process and
    every process under it (the page's renderer, and the GPU process where SwiftShader
    draws). On a shared machine the wall time grows with the others' load; this does
    much less."""
    parents, cpu = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        cpu[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        if MARK.encode() in cmdline.split(b"\0"):
            root = pid
    total, seen = 0.0, {root}
    for pid in sorted(parents):
        chain, up = [], pid
        while up in parents and up not in seen and up > 1:
            chain.append(up)
            up = parents[up]
        if up in seen:
            seen.update(chain)
    for pid in seen:
        total += cpu.get(pid, 0.0)
    return total


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def pages(nodes: int, renderers: list[str], folder: Path) -> dict:
    """Write the page of each renderer for the synthetic map of ``nodes`` nodes."""
    from ecomap.graph import to_graph
    from ecomap.ingest import read_map
    from ecomap.views import network, webgl

    eco, _ = read_map(write(generate(nodes, seed=0), folder / f"map-{nodes}"))
    H = network.select(to_graph(eco), relation_types=ACTOR_TIES)
    started = time.perf_counter()
    positions = network.layout(H)
    found = {"nodes": H.number_of_nodes(), "edges": H.number_of_edges(),
             "layout_s": time.perf_counter() - started}  # fmt: skip
    draw = {"webgl": webgl.webgl_html, "pyvis": network.network_html}
    for renderer in renderers:
        started = time.perf_counter()
        page = draw[renderer](H, positions=positions, lang="fr", card_url="fiche?fiche={id}")
        found[f"{renderer}_html_s"] = time.perf_counter() - started
        found[f"{renderer}_mb"] = len(page.encode()) / 1e6
        path = folder / f"{renderer}-{nodes}.html"
        path.write_text(page, encoding="utf-8")
        found[f"{renderer}_path"] = str(path)
    return found


def measure(browser, path: str, renderer: str) -> dict:
    """One run in a fresh page: time to the first frame, then pan and zoom frame times."""
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    # Nothing leaves the machine: a request anywhere but the file is refused and counted.
    outside: list[str] = []
    page.route("http*://**", lambda route: (outside.append(route.request.url), route.abort()))
    if renderer == "pyvis":
        page.add_init_script(_PYVIS_HOOK)
    cpu = _browser_cpu()
    page.goto(f"file://{path}", wait_until="commit", timeout=300_000)
    page.wait_for_function(_READY[renderer], timeout=300_000, polling=50)
    shown = page.evaluate(_SHOWN[renderer])
    result = {"shown_s": shown["shown"] / 1000, "shown_cpu_s": _browser_cpu() - cpu,
              "order": shown["order"], "size": shown["size"], "requests_out": len(outside)}  # fmt: skip
    for mode in ("pan", "zoom"):
        cpu = _browser_cpu()
        page.evaluate(_RECORD)
        _pan_and_zoom(page, mode)
        deltas = page.evaluate(_STOP)
        result[f"{mode}_cpu_ms"] = 1000 * (_browser_cpu() - cpu) / len(deltas)
        result[f"{mode}_median_ms"] = statistics.median(deltas)
        result[f"{mode}_p95_ms"] = _percentile(deltas, 0.95)
    result["page"] = page
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", default="10000", help="sizes, comma-separated")
    parser.add_argument("--renderer", default="webgl", help="webgl, pyvis or both: pyvis,webgl")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--screenshot", type=Path)
    options = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    sizes = [int(n) for n in options.nodes.split(",")]
    renderers = options.renderer.split(",")
    report = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for nodes in sizes:
            drawn = pages(nodes, renderers, Path(tmp))
            print(f"{nodes} nodes: {drawn['nodes']} drawn, {drawn['edges']} edges, "
                  f"layout {drawn['layout_s']:.1f} s", flush=True)  # fmt: skip
            for renderer in renderers:
                runs = []
                for _ in range(options.runs):
                    run = measure(browser, drawn[f"{renderer}_path"], renderer)
                    page = run.pop("page")
                    if options.screenshot and nodes == sizes[-1] and renderer == renderers[-1]:
                        page.screenshot(path=str(options.screenshot))
                    page.close()
                    runs.append(run)
                median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                print(f"  {renderer:5}  page {drawn[f'{renderer}_html_s']:.1f} s, "
                      f"{drawn[f'{renderer}_mb']:.1f} MB; shown {median['shown_s']:.2f} s "
                      f"(CPU {median['shown_cpu_s']:.2f} s) "
                      f"({median['order']:.0f} nodes, {median['size']:.0f} edges); pan "
                      f"{median['pan_median_ms']:.0f}/{median['pan_p95_ms']:.0f} ms; zoom "
                      f"{median['zoom_median_ms']:.0f}/{median['zoom_p95_ms']:.0f} ms "
                      f"(median/95th percentile; CPU per frame {median['pan_cpu_ms']:.0f}, "
                      f"{median['zoom_cpu_ms']:.0f} ms); requests out {median['requests_out']:.0f}; "
                      f"load {os.getloadavg()[0]:.1f}",
                      flush=True)  # fmt: skip
                report.append({"nodes": nodes, "renderer": renderer, "runs": runs,
                               **{k: v for k, v in drawn.items() if not k.endswith("_path")}})  # fmt: skip
        browser.close()
    if options.json:
        options.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
