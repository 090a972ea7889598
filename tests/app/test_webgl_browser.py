"""The WebGL map of 10,000 actors in headless Chromium: drawn whole and offline, hover
lights up the neighbours, a click opens the actor's card.

The page is served at a made-up address inside a frame of a page standing for the
explorer, as the explorer shows it (``st.iframe``); every other request is refused and
counted. WebGL runs on the processor (SwiftShader): ``--enable-unsafe-swiftshader``
keeps it available in Chromium versions that no longer fall back to it by themselves.

The positions are a plain grid (the layout of 10,000 nodes takes longer than the rest
of the test and is not what is checked here; ``python -m benchmarks.webgl`` draws the
real one and times it).
"""

from __future__ import annotations

import io
import time

import pytest
from browser_helpers import ARGS, CHROMIUM, ensure_chromium

from benchmarks.generate import generate, write
from ecomap.graph import to_graph
from ecomap.ingest import read_map
from ecomap.views import network
from ecomap.views.webgl import webgl_html

pytestmark = pytest.mark.browser

HOST = "http://explorateur.test"
#: The explorer's page holding the picture, as the map page does.
OUTER = f"""<!DOCTYPE html><html><body style="margin:0">
<iframe id="carte" src="{HOST}/carte.html" style="width:1260px;height:860px;border:0"></iframe>
</body></html>"""


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    """The benchmark map of 10,000 nodes, all actors and the ties between them."""
    folder = write(generate(10_000, seed=0), tmp_path_factory.mktemp("carte") / "map")
    eco, _ = read_map(folder)
    H = network.select(
        to_graph(eco), relation_types=["cooperates", "power", "tension", "member_of", "part_of"]
    )
    grid = {n: (30.0 * (i % 100), 30.0 * (i // 100)) for i, n in enumerate(sorted(H))}
    page = webgl_html(H, positions=grid, lang="fr", card_url="fiche?fiche={id}")
    return H, page


@pytest.fixture(scope="module")
def browser_page(drawn):
    from playwright.sync_api import sync_playwright

    H, html = drawn
    ensure_chromium()
    outside: list[str] = []

    def serve(route):
        url = route.request.url
        if url == f"{HOST}/":
            route.fulfill(body=OUTER, content_type="text/html")
        elif url == f"{HOST}/carte.html":
            route.fulfill(body=html, content_type="text/html; charset=utf-8")
        else:
            outside.append(url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=[*ARGS, "--enable-unsafe-swiftshader"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.route("**/*", serve)
        started = time.monotonic()
        page.goto(f"{HOST}/", wait_until="commit", timeout=180_000)
        frame = page.frame_locator("#carte")
        frame.locator("#network canvas").first.wait_for(timeout=120_000)
        inner = page.frame(url=f"{HOST}/carte.html")
        inner.wait_for_function("window.ecomapReady !== null", timeout=120_000, polling=100)
        seconds = time.monotonic() - started
        yield {"page": page, "frame": inner, "H": H, "outside": outside, "seconds": seconds}
        browser.close()


def viewport_point(frame, node: str) -> tuple[float, float]:
    """Where a node is drawn, in the top page's pixels."""
    x, y = frame.evaluate(
        """(node) => {
      const s = window.ecomapSigma;
      const at = s.framedGraphToViewport(s.getNodeDisplayData(node));
      const box = document.getElementById("network").getBoundingClientRect();
      return [at.x + box.left, at.y + box.top];
    }""",
        node,
    )
    box = frame.frame_element().bounding_box()
    return x + box["x"], y + box["y"]


def test_whole_map_drawn_offline(browser_page):
    frame, H = browser_page["frame"], browser_page["H"]
    ready = frame.evaluate("window.ecomapReady")
    assert ready["order"] == H.number_of_nodes() >= 9_800
    assert ready["size"] == H.number_of_edges()
    assert browser_page["outside"] == []
    print(f"10,000-node map shown {browser_page['seconds']:.1f} s after navigation")
    # Something is drawn: a good share of the canvas is not white.
    from PIL import Image

    shot = Image.open(io.BytesIO(frame.locator("#network").screenshot())).convert("L")
    inked = shot.point(lambda value: 255 if value < 235 else 0).histogram()[255]
    assert inked > 0.05 * shot.width * shot.height


def test_hover_lights_up_the_neighbours_and_dims_the_rest(browser_page):
    page, frame, H = browser_page["page"], browser_page["frame"], browser_page["H"]
    # The person with the most ties; one actor far from them.
    person = max((n for n in H if n.startswith("p")), key=H.degree)
    near = set(H.successors(person)) | set(H.predecessors(person))
    far = next(n for n in sorted(H, reverse=True) if n not in near and n != person)
    frame.evaluate("(n) => window.ecomapSigma.getCamera().setState({ratio: 0.08, "
                   "x: window.ecomapSigma.getNodeDisplayData(n).x, "
                   "y: window.ecomapSigma.getNodeDisplayData(n).y})", person)  # fmt: skip
    page.wait_for_timeout(300)
    page.mouse.move(*viewport_point(frame, person))
    frame.wait_for_function("(n) => window.ecomapHighlighted() === n", arg=person, timeout=10_000)
    colours = frame.evaluate(
        """([near, far]) => [near.map((n) => window.ecomapSigma.getNodeDisplayData(n).color),
                             window.ecomapSigma.getNodeDisplayData(far).color]""",
        [sorted(near), far],
    )
    graph_colours = frame.evaluate(
        "(nodes) => nodes.map((n) => window.ecomapGraph.getNodeAttribute(n, 'color'))",
        sorted(near),
    )
    assert colours[0] == graph_colours and "#eeeeee" not in graph_colours
    assert colours[1] == "#eeeeee"
    tooltip = frame.locator("#tooltip")
    assert tooltip.is_visible() and tooltip.inner_text().startswith(H.nodes[person]["name"])
    # Leaving the node restores every colour.
    page.mouse.move(5, 5)
    frame.wait_for_function("() => window.ecomapHighlighted() === null", timeout=10_000)
    assert frame.evaluate("(n) => window.ecomapSigma.getNodeDisplayData(n).color", far) != "#eeeeee"


def test_click_opens_the_card_and_search_finds_an_actor(browser_page):
    page, frame, H = browser_page["page"], browser_page["frame"], browser_page["H"]
    organisation = "o7"
    assert frame.evaluate("(name) => window.ecomapFind(name)", H.nodes[organisation]["name"]) == (
        organisation
    )
    frame.wait_for_function("() => !window.ecomapSigma.getCamera().isAnimated()", timeout=10_000)
    page.mouse.click(*viewport_point(frame, organisation))
    page.wait_for_function("() => location.search === '?fiche=o7'", timeout=10_000)
    assert page.evaluate("location.pathname") == "/fiche"


def test_while_the_camera_moves_only_the_nodes_are_drawn(browser_page):
    """A zoom step draws the nodes only (plain ones as points, the cheapest to draw);
    the edges come back once the camera has rested, not between two steps."""
    frame = browser_page["frame"]
    types = frame.evaluate(
        "() => { const g = window.ecomapGraph, seen = {};"
        " g.forEachNode((n, d) => { seen[d.type] = (seen[d.type] || 0) + 1; }); return seen; }"
    )
    assert types == {"point": browser_page["H"].number_of_nodes()}
    moving, rested = frame.evaluate(
        """async () => {
      const s = window.ecomapSigma, camera = s.getCamera();
      let edgesDrawn = 0;
      const programs = Object.values(s.edgePrograms);
      const draws = programs.map((p) => p.render.bind(p));
      programs.forEach((p, i) => { p.render = (params) => { edgesDrawn += 1; draws[i](params); }; });
      const wait = (ms) => new Promise((done) => setTimeout(done, ms));
      for (const ratio of [0.8, 0.6, 0.45]) {
        camera.setState({ratio: ratio});
        await wait(120);
      }
      const moving = edgesDrawn;
      await wait(800);
      programs.forEach((p, i) => { p.render = draws[i]; });
      camera.setState({ratio: 1});
      return [moving, edgesDrawn];
    }"""
    )
    assert moving == 0 and rested > 0
