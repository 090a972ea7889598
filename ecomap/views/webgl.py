"""The map as a WebGL network picture, for maps too large for vis-network.

The same picture as :func:`ecomap.views.network.network_html` — the same colours, sizes,
overlays and legend, hover lighting up an actor's neighbours, a click opening its card
— drawn by sigma.js on the graphics card, so that a map of ten thousand actors opens in
a few seconds and pans smoothly. The page is one self-contained HTML file: sigma.js and
graphology ship with ecomap (``ecomap/views/assets``, from their npm packages, MIT; see
``scripts/vendor-sigma``) and are inlined, so it opens without a network.

Positions come from Python (:func:`ecomap.views.network.layout`, seeded, saved
positions kept), never from a layout run in the browser, so the picture is the same
as the vis-network one and from one opening to the next.

What this picture does not draw, against the vis-network one: node shapes (every node
is a disc, the kind is in its tooltip), dashed lines (each relation type keeps its
colour and width), and the tooltips and counts of edges. From
:data:`WEBGL_THRESHOLD` nodes, so that pan and zoom stay smooth without a graphics
card: a node without an overlay's ring has no outline, edges are hairlines without
arrowheads, and while the camera moves only the nodes and their labels are drawn (the
edges come back once it rests).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from ecomap.i18n import say
from ecomap.model import RecordKind, RelationType
from ecomap.views import network
from ecomap.views.network import MESSAGES as NETWORK_MESSAGES
from ecomap.views.network import Overlay

__all__ = ["WEBGL_THRESHOLD", "renderer_for", "webgl_html"]

#: From this many nodes drawn, the explorer draws the map with WebGL (sigma.js) rather
#: than vis-network (benchmarks/README.md, "The map in a browser", has the timings).
WEBGL_THRESHOLD = 1500

#: Radius in pixels of the smallest and largest node at the first zoom, on a map with
#: more than :data:`ecomap.views.network.LARGE_MAP` nodes and on a smaller one.
_SIZES_LARGE = (2.0, 14.0)
_SIZES_SMALL = (5.0, 18.0)
#: Border of an ordinary node, of a node ringed by an overlay and of the focus, as a
#: share of its radius.
_BORDER, _RING, _FOCUS_RING = 0.12, 0.4, 0.45
#: How long the camera rests, in milliseconds, before the edges of a map of
#: :data:`WEBGL_THRESHOLD` nodes or more are drawn again after a pan or a zoom.
_REST_MS = 300
#: Edge width (vis-network's, in pixels) and opacity on a small and on a large map: ten
#: thousand edges as wide as on a map of a hundred would cover every node.
_EDGES_SMALL = (1.0, 0.8)
_EDGES_LARGE = (0.3, 0.35)

MESSAGES = {
    "en": {
        "zoom_in": "Zoom in",
        "zoom_out": "Zoom out",
        "reset": "Show the whole map",
        "search": "Find an actor by name",
        "not_found": "No actor named “{name}” on this map",
    },
    "fr": {
        "zoom_in": "Zoomer",
        "zoom_out": "Dézoomer",
        "reset": "Voir toute la carte",
        "search": "Trouver un acteur par son nom",
        "not_found": "Aucun acteur nommé « {name} » sur cette carte",
    },
}


def renderer_for(nodes: int, *, threshold: int = WEBGL_THRESHOLD) -> str:
    """Which picture draws a map of ``nodes`` nodes: ``"pyvis"`` or ``"webgl"``.

    >>> renderer_for(130), renderer_for(10_000)
    ('pyvis', 'webgl')
    """
    return "webgl" if nodes >= threshold else "pyvis"


def _inline_script(text: str) -> Markup:
    # A literal "</script" would close the element early; a source map comment would make
    # the browser's tools ask for a file that is not there.
    text = re.sub(r"//# sourceMappingURL=\S*\s*$", "", text)
    return Markup(re.sub("</(script)", r"<\/\1", text, flags=re.IGNORECASE))


@lru_cache(maxsize=1)
def _sigma_assets() -> tuple[Markup, Markup]:
    """graphology's and sigma.js's browser bundles, as shipped in ``ecomap/views/assets``."""
    folder = resources.files("ecomap.views") / "assets"
    graphology = (folder / "graphology.umd.min.js").read_text(encoding="utf-8")
    sigma = (folder / "sigma.min.js").read_text(encoding="utf-8")
    return _inline_script(graphology), _inline_script(sigma)


@lru_cache(maxsize=1)
def _template():
    folder = Path(__file__).with_name("templates")
    env = Environment(loader=FileSystemLoader(folder), autoescape=True)
    return env.get_template("webgl.html")


def _radii(values: Mapping[str, float], nodes: Iterable[str], large: bool) -> dict[str, float]:
    """Node radii scaled linearly between the smallest and largest value, as vis-network
    scales its nodes (every node at mid-size when all values are equal)."""
    low, high = _SIZES_LARGE if large else _SIZES_SMALL
    given = {n: float(values.get(n, 0.0) or 0.0) for n in nodes}
    least, most = min(given.values(), default=0.0), max(given.values(), default=0.0)
    if most == least:
        return {n: round((low + high) / 2, 2) for n in given}
    return {
        n: round(low + (high - low) * (v - least) / (most - least), 2) for n, v in given.items()
    }


def _rgba(colour: str, opacity: float) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{opacity})"


def webgl_html(
    H: nx.Graph,
    *,
    color_by: str = "level",
    size_by: str = "degree",
    sizes: Mapping[str, float] | None = None,
    relation_types: Iterable[str] | None = None,
    overlays: Sequence[Overlay] = (),
    focus: str | None = None,
    lang: str = "en",
    positions: Mapping[str, tuple[float, float]] | None = None,
    physics: bool | None = None,
    height: int = 700,
    seed: int = 7,
    as_of: date | None = None,
    card_url: str | None = None,
    group_url: str | None = None,
) -> str:
    """The network picture drawn with WebGL (sigma.js), as one self-contained HTML page.

    Takes what :func:`ecomap.views.network.network_html` takes and draws the same
    picture, for maps of thousands of nodes.

    Parameters
    ----------
    H : MultiDiGraph or Graph
        What to draw (see :func:`ecomap.views.network.network_html`). Under anonymise,
        ``H`` is the anonymised map's graph: the page shows the names it holds.
    color_by, size_by, sizes, relation_types, overlays, focus, lang, positions, as_of
        As for :func:`ecomap.views.network.network_html`.
    physics : bool, optional
        Accepted for a call written for either picture; nodes never move here.
    height : int
        Height of the canvas in pixels.
    seed : int
        Seed of the layout of nodes without a position.
    card_url : str, optional
        Where a click on an actor leads, with ``{id}`` for its id, as for
        :func:`ecomap.views.network.network_html`.
    group_url : str, optional
        Where a click on a group of actors (in one group opened) leads, with ``{id}``
        for the group's key.

    Returns
    -------
    str
        A complete HTML document that makes no request to the network. Nodes and edges
        travel as JSON in a ``<script type="application/json">`` element, escaped so that
        no string can close it; tooltips and names are shown as plain text.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="a", name="<b>Mairie</b>", kind="institution"))
    >>> eco.add(Actor(id="b", name="Asso", kind="organisation"))
    >>> eco.add(Relation(source="a", target="b", type="cooperates"))
    >>> page = webgl_html(to_graph(eco), lang="fr")
    >>> "<b>Mairie" in page, "https://" in page.split("<script")[0]
    (False, False)
    """
    del physics
    if H.graph.get("grouped"):
        raise ValueError("a map drawn as groups is drawn by network.network_html")
    H = network.as_multigraph(H)
    wanted = None if relation_types is None else {str(RelationType(t)) for t in relation_types}
    names = {n: str(d.get("name") or n) for n, d in H.nodes(data=True)}

    fixed = dict(network.saved_positions(H))
    fixed.update(positions or {})
    missing = [n for n in H if n not in fixed]
    where = network.layout(H, fixed=fixed, seed=seed) if missing else fixed
    values = dict(sizes) if sizes is not None else network.measure(H, size_by, as_of=as_of)
    large = H.number_of_nodes() > network.LARGE_MAP
    radii = _radii(values, H.nodes, large)
    thinner, opacity = _EDGES_LARGE if large else _EDGES_SMALL
    colours, colour_entries = network.colouring(H, color_by, lang)

    marks: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for overlay in overlays:
        for node, note in overlay.nodes.items():
            marks[node].append((overlay.color, note))

    nodes = []
    for node, data in H.nodes(data=True):
        node_type = data.get("node_type", RecordKind.ACTOR.value)
        title = network.node_title(node, data, lang)
        border, ring = "#555555", _BORDER
        if marks.get(node):
            border, ring = marks[node][0][0], _RING
            title = network.text_lines(title, *(note for _, note in marks[node]))
        if node == focus:
            border, ring = "#000000", _FOCUS_RING
            title = network.text_lines(title, say(NETWORK_MESSAGES, "focus", lang))
        x, y = where[node]
        nodes.append(
            {
                "id": node,
                "label": names[node],
                "title": title,
                # vis-network's y axis points down, sigma's up.
                "x": x,
                "y": -y,
                "size": radii[node],
                "color": colours.get(node) or network.NODE_TYPE_COLOURS.get(node_type, "#cfcfcf"),
                "border": border,
                "ring": ring,
                "card": node_type == RecordKind.ACTOR,
            }
        )
        if node_type == network.GROUP_NODE:
            nodes[-1]["group"] = data.get("group", node)

    edges, types_used = [], []
    for u, v, key, data in H.edges(keys=True, data=True):
        if wanted is not None and data["type"] not in wanted:
            continue
        if data["type"] not in types_used:
            types_used.append(data["type"])
        drawn = network.relation_edge(u, v, key, data, "")
        colour = _rgba(drawn["color"]["color"], opacity)
        width = round(max(0.5, drawn["width"] * thinner), 2)
        edges.append([u, v, colour, width, "arrows" in drawn])
    for overlay in overlays:
        for u, v, _note in overlay.edges:
            if u in H and v in H:
                width = round(max(2.0, 7 * thinner), 2)
                edges.append([u, v, _rgba(overlay.color, 0.55), width, overlay.directed])

    order = list(RelationType)
    types_used.sort(key=lambda t: order.index(RelationType(t)))
    # Every node is a disc here: the legend has no section of shapes.
    legend = network.legend_html(colour_entries, color_by, size_by, None, types_used, overlays,
                                 lang)  # fmt: skip
    graphology_js, sigma_js = _sigma_assets()
    words = {key: say(MESSAGES, key, lang, name="{name}") for key in MESSAGES["en"]}
    return _template().render(
        lang=lang,
        height=f"{int(height)}px",
        legend=legend,
        graphology_js=graphology_js,
        sigma_js=sigma_js,
        data=network.script_json(
            {
                "nodes": nodes,
                "edges": edges,
                "card": card_url,
                "group": group_url,
                "words": words,
                "large": large,
                "fast": H.number_of_nodes() >= WEBGL_THRESHOLD,
                "plain": _BORDER,
                "rest": _REST_MS,
            }
        ),
        words=words,
    )
