"""A large map drawn as groups of actors: the groups, their counts, the ties between them
aggregated and thinned, a group opened. Expected values counted by hand."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from ecomap.graph import to_graph
from ecomap.model import Actor, Ecosystem, Relation
from ecomap.views import network

ACTOR_TIES = ["cooperates", "power", "tension", "member_of", "part_of"]


def small() -> Ecosystem:
    """Three territories' worth of actors: the Mairie and the Asso in Valbourg, the Coop
    in Lernay, three people with no territory (one in each structure)."""
    eco = Ecosystem()
    for record in (
        Actor(id="mairie", name="Mairie", kind="institution", territory="Valbourg"),
        Actor(id="asso", name="Asso", kind="organisation", territory="Valbourg"),
        Actor(id="coop", name="Coop", kind="organisation", territory="Lernay"),
        Actor(id="ana", name="Ana", kind="person"),
        Actor(id="ben", name="Ben", kind="person"),
        Actor(id="eve", name="Eve", kind="person"),
        Relation(source="ana", target="asso", type="member_of"),
        Relation(source="ben", target="coop", type="member_of"),
        Relation(source="eve", target="mairie", type="member_of"),
        Relation(source="ana", target="ben", type="cooperates", weight=2),
        Relation(source="mairie", target="asso", type="cooperates"),
        Relation(source="mairie", target="asso", type="power", power_type="economic", weight=3),
        Relation(source="mairie", target="coop", type="tension", weight=2),
    ):  # fmt: skip
        eco.add(record)
    return eco


@pytest.fixture
def G():
    return to_graph(small())


def test_groups_by_territory_organisation_and_community(G):
    assert network.group_keys(G, "territory") == {
        "mairie": "territory:Valbourg", "asso": "territory:Valbourg", "coop": "territory:Lernay",
        "ana": "territory:-", "ben": "territory:-", "eve": "territory:-",
    }  # fmt: skip
    # Macro fold: Eve into the Mairie, Ana into the Asso, Ben into the Coop.
    assert network.group_keys(G, "organisation") == {
        "mairie": "organisation:mairie", "eve": "organisation:mairie",
        "asso": "organisation:asso", "ana": "organisation:asso",
        "coop": "organisation:coop", "ben": "organisation:coop",
    }  # fmt: skip
    # Communities given: the one actor alone in its community joins the "without
    # cooperation" group.
    membership = {"mairie": 0, "asso": 0, "ana": 1, "ben": 1, "coop": 2, "eve": 3}
    keys = network.group_keys(G, "community", membership=membership)
    assert keys["mairie"] == keys["asso"] == "community:0"
    assert keys["ana"] == keys["ben"] == "community:1"
    assert keys["coop"] == keys["eve"] == "community:-"
    names = network.group_names(G, keys, "fr")
    # Most connected member names the community: the Mairie (4 ties) before the Asso (3).
    assert names["community:0"] == "Communauté 1 : Mairie…"
    assert names["community:-"] == "Acteurs sans coopération"
    with pytest.raises(ValueError, match="by must be one of"):
        network.group_keys(G, "colour")


def test_community_grouping_computes_communities_when_not_given(G):
    """Without a membership, the communities of the cooperation graph: Mairie–Asso and
    Ana–Ben; the Coop and Eve have no cooperation."""
    keys = network.group_keys(G, "community")
    assert keys["mairie"] == keys["asso"] != keys["ana"] == keys["ben"]
    assert keys["coop"] == keys["eve"] == "community:-"


def test_beyond_the_limit_the_smallest_groups_are_one(G):
    # Sizes: no territory 3, Valbourg 2, Lernay 1: a limit of 2 keeps the largest.
    keys = network.group_keys(G, "territory", limit=2)
    assert set(keys.values()) == {"territory:-", "territory:+2"}
    assert keys["mairie"] == keys["coop"] == "territory:+2"
    assert network.group_names(G, keys, "fr")["territory:+2"] == "2 groupes plus petits"
    assert network.group_names(G, keys, "en")["territory:-"] == "Territory not given"


def test_ties_between_groups_are_counted_per_pair_and_type(G):
    keys = network.group_keys(G, "territory")
    H = network.select(G, relation_types=ACTOR_TIES)
    Q = network.grouped(H, keys, network.group_names(G, keys, "fr"))
    assert {k: Q.nodes[k]["members"] for k in Q} == {
        "territory:-": ["ana", "ben", "eve"],
        "territory:Valbourg": ["asso", "mairie"],
        "territory:Lernay": ["coop"],
    }
    # Inside: Ana–Ben; Mairie–Asso twice (cooperation and power).
    assert [Q.nodes[k]["internal_ties"] for k in Q] == [1, 2, 0]
    ties = {frozenset((u, v)): d["ties"] for u, v, d in Q.edges(data=True)}
    assert ties == {
        # Ana → Asso and Eve → Mairie
        frozenset(("territory:-", "territory:Valbourg")): {"member_of": {"count": 2, "strength": 2.0}},
        frozenset(("territory:-", "territory:Lernay")): {"member_of": {"count": 1, "strength": 1.0}},
        frozenset(("territory:Valbourg", "territory:Lernay")): {"tension": {"count": 1, "strength": 2.0}},
    }  # fmt: skip
    assert Q.graph["ties_between"] == 4 and Q.graph["links"] == Q.graph["links_drawn"] == 3


def test_only_the_strongest_links_of_each_group_are_kept_when_thinned():
    """Groups A–D: A–B 3 ties, A–C 2, C–D 2, A–D 1, B–C 1. One link per group: A and B
    keep A–B; C has A–C and C–D at 2 ties (same strength): the other group's key decides,
    A–C; D keeps C–D. A–D and B–C go."""
    H = nx.MultiDiGraph()
    keys = {}
    for group in "ABCD":
        for i in range(3):
            H.add_node(f"{group}{i}", node_type="actor", name=f"{group}{i}")
            keys[f"{group}{i}"] = f"t:{group}"
    for pair, n in (("AB", 3), ("AC", 2), ("CD", 2), ("AD", 1), ("BC", 1)):
        for i in range(n):
            H.add_edge(f"{pair[0]}{i}", f"{pair[1]}{i}", type="cooperates", weight=1)
    Q = network.grouped(H, keys, {}, thin_above=0, per_group=1)
    assert sorted(tuple(sorted(e)) for e in Q.edges) == [
        ("t:A", "t:B"),
        ("t:A", "t:C"),
        ("t:C", "t:D"),
    ]
    assert Q.graph["links"] == 5 and Q.graph["links_drawn"] == 3 and Q.graph["ties_between"] == 9
    assert network.grouped(H, keys, {}).graph["links_drawn"] == 5  # 5 links for 4 groups: all


def test_a_group_opened_shows_its_actors_and_the_groups_they_reach(G):
    keys = network.group_keys(G, "territory")
    names = network.group_names(G, keys, "fr")
    H = network.select(G, relation_types=ACTOR_TIES)
    D = network.group_detail(H, keys, names, "territory:Valbourg")
    assert set(D) == {"mairie", "asso", "territory:-", "territory:Lernay"}
    assert D.nodes["territory:-"]["members"] == ["ana", "ben", "eve"]
    assert D.nodes["territory:Lernay"]["name"] == "Lernay"
    edges = sorted((u, v, d["type"], d.get("count")) for u, v, d in D.edges(data=True))
    assert edges == [
        ("asso", "territory:-", "member_of", 1),  # Ana
        ("mairie", "asso", "cooperates", None),
        ("mairie", "asso", "power", None),
        ("mairie", "territory:-", "member_of", 1),  # Eve
        ("mairie", "territory:Lernay", "tension", 1),  # the Coop
    ]


def test_a_group_id_never_takes_an_actors_place():
    H = nx.MultiDiGraph()
    H.add_node("t:S", node_type="actor", name="an actor whose id looks like a group's")
    H.add_node("b", node_type="actor", name="B")
    H.add_edge("b", "t:S", type="cooperates", weight=1)
    D = network.group_detail(H, {"t:S": "t:S", "b": "t:N"}, {}, "t:N")
    assert len(D) == 2 and D.nodes["b"]["name"] == "B"
    (group,) = (n for n, d in D.nodes(data=True) if d.get("node_type") == "group")
    assert group != "t:S" and D.nodes[group]["group"] == "t:S"


def data(page: str, name: str) -> list[dict]:
    found = re.search(rf"var {name} = new vis\.DataSet\((.*?)\.map\(plainTitle\)\);", page)
    return json.loads(found.group(1))


def test_the_grouped_picture_writes_the_number_of_actors_on_each_group(G):
    keys = network.group_keys(G, "territory")
    H = network.select(G, relation_types=ACTOR_TIES)
    Q = network.grouped(H, keys, network.group_names(G, keys, "fr"))
    page = network.network_html(Q, lang="fr", group_url="?groupe={id}")
    nodes = {n["id"]: n for n in data(page, "nodes")}
    assert {k: (n["count"], n["value"]) for k, n in nodes.items()} == {
        "territory:-": (3, 3.0), "territory:Valbourg": (2, 2.0), "territory:Lernay": (1, 1.0),
    }  # fmt: skip
    assert nodes["territory:-"]["label"] == "Territoire non renseigné"
    assert nodes["territory:-"]["ecomapGroup"] == "territory:-" and not nodes["territory:-"]["card"]
    edges = {frozenset((e["from"], e["to"])): e for e in data(page, "edges")}
    assert len(edges) == 3  # one link per pair of groups, all relation types together
    link = edges[frozenset(("territory:-", "territory:Valbourg"))]
    assert link["label"] == "2"
    assert "2 liens entre ces groupes" in link["title"] and "membre de" in link["title"]
    assert "groupe d&#x27;acteurs (nombre inscrit dedans)" in page  # the legend
    assert "nombre d&#x27;acteurs du groupe" in page
    assert '"?groupe={id}"' in page


def test_an_opened_group_draws_actors_with_cards_and_groups_without(G):
    keys = network.group_keys(G, "territory")
    H = network.select(G, relation_types=ACTOR_TIES)
    D = network.group_detail(H, keys, network.group_names(G, keys, "fr"), "territory:Valbourg")
    page = network.network_html(D, lang="fr", card_url="fiche?fiche={id}", group_url="?groupe={id}")
    nodes = {n["id"]: n for n in data(page, "nodes")}
    assert nodes["mairie"]["card"] and "count" not in nodes["mairie"]
    assert nodes["territory:-"]["count"] == 3 and not nodes["territory:-"]["card"]
    assert "3 acteurs" in nodes["territory:-"]["title"]
