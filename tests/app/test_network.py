"""The network picture (ecomap.views.network), without Streamlit: escaping, no request
to the network, relation styles, several relations between two actors, the fast path
for large maps, filters, focus and folding."""

from __future__ import annotations

import random
import re
import time

import networkx as nx
import pytest
from app_helpers import HOSTILE, network_data, small_map

from ecomap.graph import to_graph
from ecomap.model import Actor, Ecosystem, Relation, RelationType, Space, Stake
from ecomap.views import network


def every_type_map() -> Ecosystem:
    """One relation of each of the nine types."""
    eco = Ecosystem()
    for record in (
        Actor(id="p", name="Paule", kind="person"),
        Actor(id="o", name="Asso", kind="organisation"),
        Actor(id="i", name="Mairie", kind="institution"),
        Stake(id="s", name="Marché"),
        Stake(id="t", name="Circuits courts"),
        Stake(id="u", name="Parking"),
        Space(id="c", name="COPIL", kind="steering_committee"),
        Relation(source="p", target="o", type="member_of"),
        Relation(source="o", target="i", type="part_of"),
        Relation(source="p", target="i", type="cooperates"),
        Relation(source="i", target="o", type="power", power_type="political"),
        Relation(source="p", target="o", type="tension"),
        Relation(source="p", target="s", type="stake", stance=1),
        Relation(source="o", target="t", type="stake", stance=2),
        Relation(source="i", target="u", type="stake", stance=-1),
        Relation(source="p", target="c", type="participates"),
        Relation(source="s", target="t", type="complements"),
        Relation(source="s", target="u", type="conflicts"),
    ):
        eco.add(record)
    return eco


def script_sources(html: str) -> list[str]:
    return re.findall(
        r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?([^\"' >]+)", html, re.I
    )


def test_no_request_leaves_the_page():
    html = network.network_html(to_graph(small_map()), lang="fr")
    assert script_sources(html) == []
    assert "new vis.Network" in html and "vis-network" in html  # the library is inlined
    assert not re.search(r"url\(\s*[\"']?https?:", html)  # no remote stylesheet image
    assert "@import" not in html


def test_hostile_name_is_escaped_in_labels_tooltips_and_legend():
    eco = small_map()
    # The hostile text also as a category (legend) and a tag (tooltip).
    hostile = eco.actors["hostile"]
    eco.add(hostile.model_copy(update={"category": HOSTILE, "tags": [HOSTILE]}))
    html = network.network_html(to_graph(eco), color_by="category", lang="fr")
    assert HOSTILE not in html  # nowhere as markup: JSON-escaped in data, HTML-escaped in legend
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the legend entry, as text
    nodes = {n["id"]: n for n in network_data(html, "nodes")}
    assert nodes["hostile"]["label"] == HOSTILE
    assert nodes["hostile"]["title"].startswith(HOSTILE)  # plain text, shown with textContent
    assert "box.textContent = item.title" in html


@pytest.mark.browser
def test_hostile_name_does_not_run_in_a_browser(tmp_path):
    """The same page opened in Chromium: no dialog opens, the label is drawn as text."""
    from browser_helpers import chromium

    path = tmp_path / "map.html"
    path.write_text(network.network_html(to_graph(small_map()), lang="fr"))
    with chromium() as browser:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        outside = []
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                   else (outside.append(r.request.url), r.abort()))  # fmt: skip
        page.goto(path.as_uri())
        page.wait_for_function("() => window.ecomapNetwork !== undefined")
        page.wait_for_timeout(500)
        assert page.locator("img").count() == 0
        assert dialogs == [] and outside == []
        assert page.locator("#network canvas").count() == 1


def test_every_relation_type_is_drawn_in_its_own_style():
    html = network.network_html(to_graph(every_type_map()), lang="en")
    edges = network_data(html, "edges")
    assert len(edges) == 11
    styles = {}
    for edge in edges:
        rtype = edge["title"].split("\n")[0].rsplit(" : ", 1)[1].replace(" ", "_")
        styles.setdefault(rtype, set()).add(
            (edge["color"]["color"], str(edge["dashes"]), "arrows" in edge)
        )
    assert set(styles) == {t.value for t in RelationType}
    # Each type has one look, and no two types share it.
    assert all(len(s) == 1 for s in styles.values())
    assert len({next(iter(s)) for s in styles.values()}) == len(RelationType)
    power = next(iter(styles["power"]))
    tension = next(iter(styles["tension"]))
    cooperates = next(iter(styles["cooperates"]))
    assert power[2] is True  # directed, with an arrow
    assert tension[0] == "#d32f2f" and tension[1] != "False"  # red, dashed
    assert cooperates[1] == "False"  # solid
    legend = html.split('<div id="network">')[0]
    for rtype in RelationType:
        assert f"{rtype.value.replace('_', ' ')}</span>" in legend


def test_several_relations_between_two_actors_are_all_visible():
    """Mairie and Asso: cooperation and power (and, with the overlay, a fragile link):
    each edge its own curve, on opposite sides or with different roundness."""
    eco = small_map()
    eco.add(Relation(source="asso", target="mairie", type="tension"))
    html = network.network_html(to_graph(eco), lang="fr")
    between = [e for e in network_data(html, "edges") if {e["from"], e["to"]} == {"mairie", "asso"}]
    assert len(between) == 3
    shapes = {
        (e.get("smooth", {}).get("type"), e.get("smooth", {}).get("roundness"))
        if (e["from"], e["to"]) == ("mairie", "asso")
        else (  # drawn the other way: mirror it to compare
            {"curvedCW": "curvedCCW", "curvedCCW": "curvedCW"}.get(e.get("smooth", {}).get("type")),
            e.get("smooth", {}).get("roundness"),
        )
        for e in between
    }
    assert len(shapes) == 3  # no two drawn on top of each other
    single = next(e for e in network_data(html, "edges") if {e["from"], e["to"]} == {"ana", "ben"})
    assert "smooth" not in single  # a lone relation is a straight line


def test_large_map_uses_the_fast_path(monkeypatch):
    """2,000 actors: pyvis's add_node/add_edge/from_nx (which scan every edge) are never
    called, physics is off and every node has a position computed in Python."""
    from pyvis.network import Network

    def forbidden(*args, **kwargs):
        raise AssertionError("the slow pyvis path was used")

    for name in ("add_node", "add_nodes", "add_edge", "add_edges", "from_nx"):
        monkeypatch.setattr(Network, name, forbidden)
    rng = random.Random(3)
    eco = Ecosystem()
    for i in range(2000):
        eco.add(Actor(id=f"a{i}", name=f"Acteur {i}", kind="person" if i % 5 else "organisation"))
    for _ in range(3000):
        u, v = rng.sample(range(2000), 2)
        eco.add(Relation(source=f"a{u}", target=f"a{v}", type="cooperates"))
    G = to_graph(eco)
    started = time.perf_counter()
    html = network.network_html(G, lang="fr")
    took = time.perf_counter() - started
    nodes = network_data(html, "nodes")
    assert len(nodes) == 2000
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)
    assert '"physics": {"enabled": false}' in html
    assert '"smooth": false' in html  # no dynamic smooth edges
    assert took < 60  # generous: a guard against the quadratic path, not a benchmark


def test_layout_is_stable_and_keeps_saved_positions():
    G = to_graph(small_map())
    first, again = network.layout(G), network.layout(G)
    assert first == again
    pinned = network.layout(G, fixed={"ana": (1000.0, -500.0)})
    assert pinned["ana"] == (1000.0, -500.0)
    eco = small_map()
    eco.add(eco.actors["ben"].model_copy(update={"extra": {"x": "12", "y": "-7,5"}}))
    html = network.network_html(to_graph(eco))
    ben = next(n for n in network_data(html, "nodes") if n["id"] == "ben")
    assert (ben["x"], ben["y"]) == (12.0, -7.5)


def test_select_filters_and_time():
    from datetime import date

    eco = small_map()
    eco.add(Relation(source="ben", target="asso", type="cooperates", until=date(2020, 1, 1)))
    G = to_graph(eco)
    H = network.select(G, kinds=["person"], relation_types=["cooperates"])
    assert sorted(H.nodes) == ["ana", "ben", "hostile"]
    assert [(u, v) for u, v in H.edges()] == [("ana", "ben")]
    # The ended cooperation is drawn when looking at 2019.
    old = network.select(G, relation_types=["cooperates"], as_of=date(2019, 6, 1))
    assert old.has_edge("ben", "asso")
    assert not network.select(G, relation_types=["cooperates"]).has_edge("ben", "asso")
    tagged = network.select(G, tags=["marché"])
    assert sorted(tagged.nodes) == ["asso"]


def test_neighbourhood_depth():
    H = network.select(to_graph(small_map()))
    assert sorted(network.neighbourhood(H, "ben", 1)) == ["ana", "ben", "coop"]
    # Within two steps of Ben: Ana's COPIL, Coop's Mairie and stake; Asso and the
    # hostile person are three steps away (through the Mairie).
    assert sorted(network.neighbourhood(H, "ben", 2)) == ["ana", "asso", "ben", "coop", "copil",
                                                          "mairie", "marche"]  # fmt: skip
    assert len(network.neighbourhood(H, "ben", 3)) == 8
    with pytest.raises(KeyError):
        network.neighbourhood(H, "nobody")


def test_folded_graph_from_ecomap_graph_fold_is_drawn():
    from ecomap.graph import fold

    F = fold(to_graph(small_map()), "macro")
    html = network.network_html(F, lang="en")
    nodes = {n["id"] for n in network_data(html, "nodes")}
    assert nodes == {"mairie", "asso", "coop"}  # no part_of: organisations stay themselves
    assert isinstance(F, nx.Graph) and not F.is_multigraph()


def test_colour_by_a_custom_field_and_by_numbers():
    eco = small_map()
    for i, actor_id in enumerate(["ana", "ben"]):
        actor = eco.actors[actor_id]
        eco.add(actor.model_copy(update={"extra": {"quartier": ["Gare", "Centre"][i]}}))
    G = to_graph(eco)
    assert "quartier" in network.colour_fields(G)
    html = network.network_html(G, color_by="quartier", lang="fr")
    nodes = {n["id"]: n["color"]["background"] for n in network_data(html, "nodes")}
    assert nodes["ana"] != nodes["ben"]
    assert nodes["mairie"] == "#cfcfcf"  # not given: grey, and said so in the legend
    assert "non renseigné" in html


def test_overlays_from_analysis_records():
    fragile = network.fragile_overlay(
        [{"organisations": ["asso", "coop"], "names": ["Asso", "Coop"], "fragile": True,
          "critical": ["ana"], "carriers": ["ana", "ben"], "reasons": ["porté par Ana"]},
         {"organisations": ["asso", "mairie"], "names": ["Asso", "Mairie"], "fragile": False,
          "critical": [], "carriers": [], "reasons": []}],
        "fr",
    )  # fmt: skip
    assert [e[:2] for e in fragile.edges] == [("asso", "coop")]
    assert list(fragile.nodes) == ["ana"]
    imbalance = network.imbalance_overlay(
        [{"dominant": "mairie", "weaker": "asso", "names": ["Mairie", "Asso"], "score": 3.2}]
    )
    assert imbalance.directed and imbalance.edges[0][:2] == ("mairie", "asso")
    html = network.network_html(to_graph(small_map()), overlays=[fragile, imbalance], lang="fr")
    overlay_edges = [e for e in network_data(html, "edges") if e["id"].startswith("overlay:")]
    assert [(e["from"], e["to"], "arrows" in e) for e in overlay_edges] == [
        ("asso", "coop", False),
        ("mairie", "asso", True),
    ]


def test_select_builds_the_graph_networkx_builds(tmp_path):
    """The selection's graph is filled in directly (fast): the very nodes, edges, keys,
    attributes and adjacency order that networkx's own methods give."""
    from benchmarks.generate import generate, write
    from ecomap.ingest import read_map

    G = to_graph(read_map(write(generate(300, seed=3), tmp_path / "map"))[0])
    stakes = [n for n, d in G.nodes(data=True) if d["node_type"] == "stake"][:3]
    for choices in ({}, {"relation_types": ["cooperates", "power", "member_of"]},
                    {"kinds": ["person", "organisation"], "stakes": stakes}):  # fmt: skip
        H = network.select(G, **choices)
        made = nx.MultiDiGraph(**H.graph)
        made.add_nodes_from(H.nodes(data=True))
        made.add_edges_from(H.edges(keys=True, data=True))
        assert H.number_of_edges() > 0
        assert list(H.nodes(data=True)) == list(made.nodes(data=True))
        assert list(H.edges(keys=True, data=True)) == list(made.edges(keys=True, data=True))
        assert {n: list(H.pred[n]) for n in H} == {n: list(made.pred[n]) for n in made}
        # A copy: changing the picture's graph never changes the map's.
        node = next(iter(H))
        assert H.nodes[node] is not G.nodes[node] and H.nodes[node] == G.nodes[node]
