"""The map of the territory: actors placed by their coordinates, ties drawn as arcs.

One self-contained HTML page drawn by Leaflet, whose script and style ship with ecomap
(``ecomap/views/assets``, from Leaflet's npm package, BSD-2-Clause) and are inlined, so
the page opens without a network. The background map comes from a tile server
(OpenStreetMap's by default, :func:`tile_setting`); actors are vector circles and ties
vector lines on a plain background, so they are all drawn even when no tile loads.
Actors are chosen and coloured as on the network picture
(:func:`ecomap.views.network.select`).
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import networkx as nx

from ecomap.analysis.territories import located
from ecomap.i18n import label, say
from ecomap.model import RelationType
from ecomap.settings import SettingError
from ecomap.views import network

__all__ = [
    "DEFAULT_TILES",
    "GEO_RELATIONS",
    "TILES_ENV",
    "territory_html",
    "tile_setting",
]

#: The environment variable naming the tile server (a URL template, or ``none``).
TILES_ENV = "ECOMAP_TILES"
#: OpenStreetMap's standard tiles.
DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
_OSM_CREDIT = "© OpenStreetMap contributors"
_NO_TILES = frozenset({"none", "aucun", "aucune", "off"})

#: Relation types the geographic view can draw between actors.
GEO_RELATIONS: tuple[str, ...] = (RelationType.COOPERATES.value, RelationType.TENSION.value)

MESSAGES = {
    "en": {
        "title": "Map of the territory",
        "relations": "Ties",
        "shown": "{n} actors on the map",
        "none": "No actor shown has coordinates.",
        "tiles_failed": "The background map could not be loaded: actors and ties are "
        "drawn on a plain background.",
        "weight": "strength {w}",
    },
    "fr": {
        "title": "Carte du territoire",
        "relations": "Liens",
        "shown": "{n} acteurs sur la carte",
        "none": "Aucun acteur affiché n'a de coordonnées.",
        "tiles_failed": "Le fond de carte n'a pas pu être chargé : acteurs et liens sont "
        "dessinés sur un fond uni.",
        "weight": "intensité {w}",
    },
}


def tile_setting(environ: Mapping[str, str] | None = None, secret: Any = None) -> str:
    """The tile server's URL template: ``ECOMAP_TILES``, else the secret, else OSM's.

    ``secret`` is ``[ecomap] tiles`` of the explorer's secrets. ``none`` (or an empty
    secret) means no background map: actors and ties on a plain background.

    >>> tile_setting({}), tile_setting({"ECOMAP_TILES": "none"})
    ('https://tile.openstreetmap.org/{z}/{x}/{y}.png', '')
    >>> tile_setting({"ECOMAP_TILES": "tiles.example.org"})
    Traceback (most recent call last):
    ...
    ecomap.settings.SettingError: ECOMAP_TILES is set to 'tiles.example.org', which ecomap cannot read: expected an address starting with https:// (or http://) and holding {z}, {x} and {y}, or none

    Raises
    ------
    SettingError
        When the value is neither ``none`` nor a tile address template.
    """
    environ = os.environ if environ is None else environ
    value, name = environ.get(TILES_ENV), TILES_ENV
    if value is None or not value.strip():
        value, name = secret, "tiles in the [ecomap] section of the secrets"
    if value is None:
        return DEFAULT_TILES
    text = str(value).strip()
    if not text or text.casefold() in _NO_TILES:
        return ""
    if re.match(r"https?://", text) and all(p in text for p in ("{z}", "{x}", "{y}")):
        return text
    raise SettingError(
        f"{name} is set to {text!r}, which ecomap cannot read: expected an address starting "
        "with https:// (or http://) and holding {z}, {x} and {y}, or none"
    )


@lru_cache(maxsize=1)
def _leaflet() -> tuple[str, str]:
    folder = resources.files("ecomap.views") / "assets"
    js = (folder / "leaflet.js").read_text(encoding="utf-8")
    css = (folder / "leaflet.css").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S+", "", js)
    # Images of controls the page does not use: no request for them, even relative.
    css = re.sub(r"url\([^)]*\)", "none", css)
    return re.sub("</(script)", r"<\/\1", js, flags=re.IGNORECASE), css.replace("</", "<\\/")


def _json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")


def _arc(a: tuple[float, float], b: tuple[float, float], bend: float) -> list[list[float]]:
    """Points of a gentle curve from ``a`` to ``b`` (a quadratic Bézier), so that a
    cooperation and a tension between the same two actors are both visible."""
    (y1, x1), (y2, x2) = a, b
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    cx, cy = mx - (y2 - y1) * bend, my + (x2 - x1) * bend
    points = []
    for i in range(13):
        t = i / 12
        x = (1 - t) ** 2 * x1 + 2 * (1 - t) * t * cx + t**2 * x2
        y = (1 - t) ** 2 * y1 + 2 * (1 - t) * t * cy + t**2 * y2
        points.append([round(y, 6), round(x, 6)])
    return points


def _tooltip(node: str, data: Mapping[str, Any], lang: str) -> str:
    """An actor's tooltip as HTML, every user-written value escaped."""
    name = html.escape(str(data.get("name") or node))
    facts = ", ".join(html.escape(label(data[k], lang)) for k in ("kind", "level") if data.get(k))
    lines = [f"<b>{name}</b> ({facts})"]
    for key in ("territory", "category", "role"):
        value = data.get(key)
        if value not in (None, ""):
            lines.append(f"{html.escape(say(network.MESSAGES, key, lang))} : "
                         f"{html.escape(label(value, lang))}")  # fmt: skip
    return "<br>".join(lines)


def territory_html(
    G: nx.MultiDiGraph,
    *,
    levels: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    territories: Iterable[str] | None = None,
    tags: Iterable[str] | None = None,
    relation_types: Iterable[str] = GEO_RELATIONS,
    color_by: str = "level",
    lang: str = "en",
    tiles: str = DEFAULT_TILES,
    attribution: str | None = None,
    height: int = 620,
    as_of: date | None = None,
) -> str:
    """The actors with coordinates on a map of the territory, as one HTML page.

    Parameters
    ----------
    G : MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    levels, kinds, territories, tags : iterables of str, optional
        Keep the actors with one of these values, as on the network picture.
    relation_types : iterable of str
        Which of :data:`GEO_RELATIONS` to draw as arcs (default both).
    color_by : str
        An actor field; the colours are the network picture's.
    lang : {"en", "fr"}
        Language of the legend and tooltips.
    tiles : str
        Tile address template (``{z}``, ``{x}``, ``{y}``); empty for no background map.
    attribution : str, optional
        Credit shown for the tiles (OpenStreetMap's for its tiles).
    as_of : date, optional
        Relations not in force on that day are not drawn (default today).

    Returns
    -------
    str
        A complete HTML document. Leaflet is inlined; the only address the page asks
        for is the tile template. Names and field values are escaped.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="a", name="<script>x</script>", kind="institution", lat=47.2, lon=6.0))
    >>> eco.add(Actor(id="b", name="Asso", kind="organisation", lat=47.3, lon=6.1))
    >>> eco.add(Relation(source="a", target="b", type="cooperates"))
    >>> page = territory_html(to_graph(eco), tiles="")
    >>> "<script>x" in page, "&lt;script&gt;x" in page, '<script src' in page
    (False, True, False)
    """
    types = [str(RelationType(t)) for t in relation_types if str(RelationType(t)) in GEO_RELATIONS]
    H = network.select(G, levels=levels, kinds=kinds, territories=territories, tags=tags,
                       relation_types=types, as_of=as_of)  # fmt: skip
    where = located(G)
    shown = [n for n in H if n in where]
    P = H.subgraph(shown).copy()
    colours, entries = network._colouring(P, color_by, lang)
    markers = [
        {
            "id": node,
            "lat": where[node][0],
            "lon": where[node][1],
            "colour": colours.get(node, "#8c8c8c"),
            "tip": _tooltip(node, data, lang),
        }
        for node, data in P.nodes(data=True)
    ]
    arcs = []
    for u, v, _, data in P.edges(keys=True, data=True):
        rtype = str(data["type"])
        if rtype not in types or u == v:
            continue
        style = network.RELATION_STYLES[RelationType(rtype)]
        a, b = sorted((u, v))
        bend = 0.12 if rtype == RelationType.COOPERATES else -0.12
        names = [html.escape(str(P.nodes[n].get("name") or n)) for n in (a, b)]
        strength = say(MESSAGES, "weight", lang, w=f"{float(data.get('weight') or 1):g}")
        arcs.append(
            {
                "points": _arc(where[a], where[b], bend),
                "colour": style["color"],
                "weight": 1.5 + float(data.get("weight") or 1),
                "dash": "6 6" if style["dashes"] else None,
                "tip": f"{names[0]} — {names[1]} : {html.escape(label(rtype, lang))} "
                f"({html.escape(strength)})",
            }
        )
    legend = [
        f'<div><span class="dot" style="background:{c}"></span>{html.escape(text)}</div>'
        for c, text in entries
    ]
    legend.append(f"<div><b>{html.escape(say(MESSAGES, 'relations', lang))}</b></div>")
    for rtype in types:
        style = network.RELATION_STYLES[RelationType(rtype)]
        dash = "dashed" if style["dashes"] else "solid"
        legend.append(f'<div><span class="line" style="border-top:3px {dash} {style["color"]}">'
                      f"</span>{html.escape(label(rtype, lang))}</div>")  # fmt: skip
    credit = attribution if attribution is not None else (_OSM_CREDIT if tiles else "")
    js, css = _leaflet()
    config = {
        "markers": markers,
        "arcs": arcs,
        "tiles": tiles,
        "credit": html.escape(credit),
        "failed": html.escape(say(MESSAGES, "tiles_failed", lang)),
        "none": html.escape(say(MESSAGES, "none", lang)),
    }
    title = html.escape(say(MESSAGES, "title", lang))
    field = (
        say(network.MESSAGES, color_by, lang) if color_by in network.MESSAGES["en"] else color_by
    )
    heading = html.escape(say(network.MESSAGES, "colour", lang, field=field))
    count = html.escape(say(MESSAGES, "shown", lang, n=len(markers)))
    return f"""<!DOCTYPE html>
<html lang="{html.escape(lang)}"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{css}</style>
<style>
html, body {{ margin: 0; padding: 0; font-family: sans-serif; }}
#territory {{ height: {int(height)}px; width: 100%; background: #eef1f4; }}
.legend {{ position: absolute; top: 10px; right: 10px; z-index: 1000; background: #fff;
  padding: 6px 10px; border-radius: 4px; font-size: 12px; box-shadow: 0 1px 4px #0003;
  max-height: {int(height) - 40}px; overflow: auto; }}
.dot {{ display: inline-block; width: 11px; height: 11px; border-radius: 50%;
  margin-right: 6px; border: 1px solid #555; vertical-align: middle; }}
.line {{ display: inline-block; width: 22px; margin-right: 6px; vertical-align: middle; }}
.note {{ position: absolute; bottom: 24px; left: 10px; z-index: 1000; background: #fffbe6;
  padding: 4px 8px; border-radius: 4px; font-size: 12px; display: none; }}
</style></head>
<body><div style="position: relative">
<div id="territory" role="img" aria-label="{title}"></div>
<div class="legend"><div><b>{heading}</b></div>{"".join(legend)}<div>{count}</div></div>
<div class="note" id="note"></div></div>
<script>{js}</script>
<script>
(function () {{
  var config = {_json(config)};
  var map = L.map("territory", {{preferCanvas: false, zoomSnap: 0.25}});
  map.attributionControl.setPrefix("Leaflet");
  var note = document.getElementById("note");
  if (config.tiles) {{
    var failed = false;
    L.tileLayer(config.tiles, {{maxZoom: 19, attribution: config.credit}})
      .on("tileerror", function (e) {{
        e.tile.style.visibility = "hidden";
        if (!failed) {{ failed = true; note.innerHTML = config.failed; note.style.display = "block"; }}
      }}).addTo(map);
  }}
  config.arcs.forEach(function (arc) {{
    L.polyline(arc.points, {{color: arc.colour, weight: arc.weight, opacity: 0.8,
      dashArray: arc.dash, className: "arc"}}).bindTooltip(arc.tip, {{sticky: true}}).addTo(map);
  }});
  var points = [];
  config.markers.forEach(function (m) {{
    points.push([m.lat, m.lon]);
    L.circleMarker([m.lat, m.lon], {{radius: 7, color: "#333", weight: 1, fillColor: m.colour,
      fillOpacity: 0.95, className: "actor"}}).bindTooltip(m.tip).addTo(map);
  }});
  if (points.length) {{
    map.fitBounds(points, {{padding: [30, 30], maxZoom: 14}});
  }} else {{
    map.setView([46.6, 2.4], 5);
    note.innerHTML = config.none; note.style.display = "block";
  }}
}})();
</script></body></html>
"""
