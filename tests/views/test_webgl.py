"""The WebGL network picture as written: the data it carries, escaped; no name under
anonymise; nothing fetched from the network; every node and edge of the graph (the
browser test, tests/app/test_webgl_browser.py, checks it drawn in Chromium)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from leak_scanner import leaks, planted_map

from ecomap.graph import to_graph
from ecomap.ingest import read_map
from ecomap.model import Actor, Ecosystem, Relation, Stake
from ecomap.privacy import anonymise
from ecomap.views import network
from ecomap.views.webgl import WEBGL_THRESHOLD, renderer_for, webgl_html

HOSTILE = [
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "Dit \"oui\" & 'non' `x`",
    "ligne\u2028deux\u2029 <!-- x -->",
]


def data_of(page: str) -> dict:
    found = re.search(
        r'<script type="application/json" id="ecomap-data">(.*?)</script>', page, re.S
    )
    assert found, "the page carries its data as JSON"
    return json.loads(found.group(1))


def small_map() -> Ecosystem:
    eco = Ecosystem()
    eco.add(Actor(id="a", name="Asso", kind="organisation"))
    eco.add(Actor(id="p", name="Paule", kind="person"))
    eco.add(Actor(id="q", name="Quentin", kind="person"))
    eco.add(Stake(id="s", name="Marché"))
    eco.add(Relation(source="p", target="a", type="member_of"))
    eco.add(Relation(source="p", target="q", type="cooperates"))
    eco.add(Relation(source="p", target="q", type="tension"))
    eco.add(Relation(source="a", target="s", type="stake", stance=1))
    return eco


@pytest.fixture(scope="module")
def sample():
    eco, _ = read_map("data/territoire-vallee")
    return to_graph(eco)


def test_hostile_names_are_data_not_markup():
    eco = Ecosystem()
    for i, name in enumerate(HOSTILE):
        eco.add(Actor(id=f"x{i}", name=name, kind="person", territory=name, tags=[name]))
    eco.add(Relation(source="x0", target="x1", type="cooperates", notes=HOSTILE[1]))
    page = webgl_html(to_graph(eco), color_by="territory", lang="fr")
    for name in HOSTILE[:2]:
        assert name not in page
    assert "<script>alert(1)" not in page
    assert "\u2028" not in page.split('id="ecomap-data">')[1]
    # The names come back whole once the JSON is read, as the page's script reads it.
    nodes = {n["id"]: n for n in data_of(page)["nodes"]}
    assert [nodes[f"x{i}"]["label"] for i in range(len(HOSTILE))] == HOSTILE
    assert nodes["x0"]["title"].startswith(HOSTILE[0])
    # The legend (colour by territory) is escaped HTML.
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.split("<body>")[1]


def test_card_address_cannot_break_out_of_the_script():
    page = webgl_html(to_graph(small_map()), card_url="</script><script>alert(1)</script>{id}")
    assert "<script>alert(1)" not in page
    assert data_of(page)["card"] == "</script><script>alert(1)</script>{id}"


def test_anonymised_page_names_nobody():
    assert leaks(webgl_html(to_graph(planted_map()), lang="fr"))
    anonymous = to_graph(anonymise(planted_map(), key=b"k" * 32))
    for color_by in ("category", "territory", "tags"):
        page = webgl_html(anonymous, lang="fr", color_by=color_by, card_url="fiche?fiche={id}")
        assert leaks(page) == [], color_by


class _Sources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [value or "" for name, value in attrs if name in ("src", "href")]


def test_page_works_offline(sample):
    page = webgl_html(sample, lang="fr")
    parser = _Sources()
    parser.feed(page)
    assert parser.found == []  # every script and style is inlined
    assert not re.search(r"<script[^>]+src=|<link\b|@import|url\(\s*['\"]?(https?:)?//", page)
    # The two libraries are there, inlined, without a source map to fetch.
    assert "graphology" in page and "createNodeBorderProgram" in page
    assert "sourceMappingURL" not in page


def test_every_node_and_edge_of_the_graph(sample):
    H = network.select(sample)
    data = data_of(webgl_html(H, lang="fr"))
    assert len(data["nodes"]) == H.number_of_nodes()
    assert {n["id"] for n in data["nodes"]} == set(H.nodes)
    assert len(data["edges"]) == H.number_of_edges()
    # Several relations between the same two actors are each an edge.
    pairs = [tuple(e[:2]) for e in data["edges"]]
    assert sorted(pairs) == sorted((u, v) for u, v, _ in H.edges(keys=True))


def test_only_the_chosen_relation_types_and_the_overlay_edges():
    H = to_graph(small_map())
    data = data_of(webgl_html(H, relation_types=["cooperates"]))
    assert [e[:2] for e in data["edges"]] == [["p", "q"]]
    overlay = network.Overlay("liens fragiles", "#ff6f00", {"q": "porte le lien"},
                              [("a", "q", "fragile")])  # fmt: skip
    data = data_of(webgl_html(H, overlays=[overlay], focus="p"))
    assert len(data["edges"]) == H.number_of_edges() + 1
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["q"]["border"] == "#ff6f00" and "porte le lien" in nodes["q"]["title"]
    assert nodes["p"]["border"] == "#000000"
    assert nodes["p"]["ring"] > nodes["q"]["ring"] > nodes["a"]["ring"]


def test_colours_sizes_and_legend_as_the_vis_network_picture(sample):
    H = network.select(sample)
    page = webgl_html(H, lang="fr", color_by="level")
    nodes = {n["id"]: n for n in data_of(page)["nodes"]}
    vis = network.network_html(H, lang="fr", color_by="level")
    vis_nodes = json.loads(
        re.search(r"new vis\.DataSet\((\[.*?\])\.map\(plainTitle\)\);", vis, re.S).group(1)
    )
    assert {n["id"]: n["color"]["background"] for n in vis_nodes} == {
        k: n["color"] for k, n in nodes.items()
    }
    # Size follows the measure: the actor with the most ties drawn is the largest.
    degree = dict(H.degree())
    biggest = max(degree, key=degree.get)
    assert nodes[biggest]["size"] == max(n["size"] for n in nodes.values())
    assert nodes[biggest]["size"] > nodes[min(degree, key=degree.get)]["size"]
    # The same legend, less the shapes (every node is a disc here).
    legend = page.split("<body>")[1].split('<div id="frame">')[0]
    for words in ("Couleur : niveau", "micro", "méso", "macro", "coopère avec",
                  "Taille : nombre de liens affichés"):  # fmt: skip
        assert words in legend and words in vis
    assert "Forme" in vis and "Forme" not in legend


def test_positions_as_given_and_y_upwards():
    H = to_graph(small_map())
    where = {"a": (10.0, 20.0), "p": (-5.0, 0.0), "q": (3.0, -7.5), "s": (0.0, 0.0)}
    nodes = {n["id"]: n for n in data_of(webgl_html(H, positions=where))["nodes"]}
    assert {k: (n["x"], -n["y"]) for k, n in nodes.items()} == where


def test_only_actors_lead_to_a_card_and_only_when_asked():
    H = to_graph(small_map())
    assert data_of(webgl_html(H))["card"] is None
    data = data_of(webgl_html(H, card_url="fiche?fiche={id}"))
    assert data["card"] == "fiche?fiche={id}"
    cards = {n["id"]: n["card"] for n in data["nodes"]}
    assert cards == {"a": True, "p": True, "q": True, "s": False}


def test_words_in_the_language_asked():
    H = to_graph(small_map())
    assert "Trouver un acteur par son nom" in webgl_html(H, lang="fr")
    assert "Find an actor by name" in webgl_html(H, lang="en")


def test_renderer_by_size():
    assert renderer_for(WEBGL_THRESHOLD - 1) == "pyvis"
    assert renderer_for(WEBGL_THRESHOLD) == "webgl"
    assert renderer_for(50, threshold=10) == "webgl"


def test_webgl_reads_only_public_helpers_of_the_network_picture():
    import ast
    from pathlib import Path

    import ecomap.views.webgl as module

    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "ecomap.views.network"
        for alias in node.names
    ]
    read = [
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "network"
    ]
    assert "colouring" in read and "legend_html" in read
    assert [name for name in imported + read if name.startswith("_")] == []


def test_a_group_opened_in_webgl_leads_to_the_other_groups():
    H = to_graph(small_map())
    keys = {"a": "t:A", "p": "t:A", "q": "t:B"}
    D = network.group_detail(H, keys, {"t:B": "B"}, "t:A")
    data = data_of(webgl_html(D, card_url="fiche?fiche={id}", group_url="?groupe={id}"))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert data["group"] == "?groupe={id}"
    assert nodes["t:B"]["group"] == "t:B" and not nodes["t:B"]["card"]
    assert "group" not in nodes["a"] and nodes["a"]["card"]
    with pytest.raises(ValueError, match="groups"):
        webgl_html(network.grouped(H, keys, {}))
