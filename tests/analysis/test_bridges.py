"""Bridging actors (DESIGN.md §3, "Bridging actors").

Where the expected numbers come from is said on each test: networkx (betweenness,
constraint, effective size, modularity), networkx's own tests (the Florentine families,
Padgett and Ansell 1993; the Krackhardt kite, Krackhardt 1990; the structural-holes
example whose values networkx checked against UCINET), the README of
``data/examples/brokerage``, a brute-force count of open paths, or a hand computation.
"""

from __future__ import annotations

import json
import random
from datetime import date
from itertools import combinations
from pathlib import Path

import networkx as nx
import pytest

from ecomap.analysis.bridges import (
    ROLES,
    betweenness,
    bridges,
    brokerage_roles,
    communities,
    sample_size,
)
from ecomap.graph import cooperation_graph, to_graph
from ecomap.ingest import read_map
from ecomap.model import Actor, Ecosystem, Relation

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples"
DAY = date(2026, 3, 1)

# The Krackhardt kite's nodes in networkx's numbering (Krackhardt 1990, fig. 1).
KITE_NAMES = ["Andre", "Beverly", "Carol", "Diane", "Ed", "Fernando", "Garth", "Heather",
              "Ike", "Jane"]  # fmt: skip


def map_of(H: nx.Graph, *, strength: str | None = None, fields: dict | None = None):
    """A map whose actors are H's nodes (in H's order) and whose cooperations are H's edges.

    Actors are organisations (each its own group by organisation); ``fields`` adds
    record fields per node; ``strength`` names the edge attribute giving the weight.
    """
    eco = Ecosystem()
    fields = fields or {}
    for node in H:
        extra = fields.get(node, {})
        eco.add(Actor(id=str(node), name=str(node), kind="organisation", **extra))
    for u, v, data in H.edges(data=True):
        weight = data[strength] if strength else 1
        eco.add(Relation(source=str(u), target=str(v), type="cooperates", weight=weight))
    return to_graph(eco)


def by_actor(records):
    return {r["actor"]: r for r in records}


# --- betweenness -------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_exact_betweenness_equals_networkx_normalised(seed):
    """Expected: networkx.betweenness_centrality(normalized=True) on the same graph."""
    H = nx.gnm_random_graph(40, 70, seed=seed)
    H.add_node(40)  # an isolated actor
    G = map_of(H)
    expected = nx.betweenness_centrality(cooperation_graph(G, as_of=DAY), normalized=True)
    got = betweenness(G, as_of=DAY)
    assert list(got) == [str(n) for n in H]
    assert got == pytest.approx(expected, abs=1e-12)
    assert got["40"] == 0.0


def test_florentine_families_medici_is_the_bridge():
    """Padgett and Ansell (1993): the Medici hold the marriage network together.

    Values as in networkx's test_betweenness_centrality (Medici 0.522, Guadagni 0.255).
    """
    G = map_of(nx.florentine_families_graph())
    records = bridges(G, as_of=DAY)
    assert records[0]["actor"] == "Medici"
    assert records[0]["betweenness"] == pytest.approx(0.522, abs=1e-3)
    assert records[1]["actor"] == "Guadagni"
    assert records[1]["betweenness"] == pytest.approx(0.255, abs=1e-3)
    medici = records[0]
    assert medici["articulation_point"] is True
    # Without the Medici, Acciaiuoli, Pazzi (through Salviati) and the rest part ways.
    assert "3 pieces" in medici["reasons"][1]
    assert {r["actor"] for r in records if r["articulation_point"]} == set(
        nx.articulation_points(nx.florentine_families_graph())
    )


def test_krackhardt_kite_heather_is_the_broker():
    """Krackhardt (1990): Heather has the highest betweenness, Diane the most ties.

    Normalised values from networkx's test_betweenness_centrality (Heather 0.389,
    Fernando and Garth 0.231, Ike 0.222, Diane 0.102, Andre and Beverly 0.023).
    """
    kite = nx.relabel_nodes(nx.krackhardt_kite_graph(), dict(enumerate(KITE_NAMES)))
    values = betweenness(map_of(kite), as_of=DAY)
    expected = {"Heather": 0.389, "Fernando": 0.231, "Garth": 0.231, "Ike": 0.222,
                "Diane": 0.102, "Andre": 0.023, "Beverly": 0.023, "Carol": 0.0, "Ed": 0.0,
                "Jane": 0.0}  # fmt: skip
    assert values == pytest.approx(expected, abs=1e-3)
    records = bridges(map_of(kite), as_of=DAY)
    assert records[0]["name"] == "Heather"
    # Heather and Ike are the kite's only cut-points (Jane hangs on Ike, Ike on Heather).
    assert {r["name"] for r in records if r["articulation_point"]} == {"Heather", "Ike"}


def test_weighted_betweenness_uses_one_over_strength():
    """Hand computation: a square a–b–c–d–a, strong on the b side (3), weak on d's (1).

    Unweighted, every pair of opposite corners has two paths: each actor is on half of
    one pair's paths, 0.5 / 3 pairs = 1/6. With lengths 1/strength the a–c path through
    b (2/3) beats the one through d (2): b = 1 (a–c) + 0 → 1/3, d = 0, while b–d keeps
    two paths of 4/3 (through a and through c): a = c = 0.5 / 3 = 1/6. Were strength a
    length, d would take b's place.
    """
    H = nx.Graph()
    H.add_edge("a", "b", s=3)
    H.add_edge("b", "c", s=3)
    H.add_edge("c", "d", s=1)
    H.add_edge("d", "a", s=1)
    G = map_of(H, strength="s")
    assert betweenness(G, as_of=DAY) == pytest.approx(
        {"a": 1 / 6, "b": 1 / 6, "c": 1 / 6, "d": 1 / 6}
    )
    weighted = betweenness(G, as_of=DAY, weighted=True)
    assert weighted == pytest.approx({"a": 1 / 6, "b": 1 / 3, "c": 1 / 6, "d": 0.0})
    assert bridges(G, as_of=DAY, weighted=True)[0]["actor"] == "b"


def test_weighted_betweenness_equals_networkx_with_distances():
    """Expected: networkx with lengths 6 / strength (6, 3 or 2: the same shortest paths as
    1 / strength, in integers, so that networkx sees ties between equal lengths exactly,
    as igraph does with its tolerance on floating-point lengths)."""
    rng = random.Random(7)
    H = nx.gnm_random_graph(30, 60, seed=7)
    for u, v in H.edges:
        H.edges[u, v]["s"] = rng.choice([1, 2, 3])
    G = map_of(H, strength="s")
    C = nx.Graph(cooperation_graph(G, as_of=DAY))
    for _, _, data in C.edges(data=True):
        data["length"] = 6 // int(data["strength"])
    expected = nx.betweenness_centrality(C, weight="length", normalized=True)
    assert betweenness(G, as_of=DAY, weighted=True) == pytest.approx(expected, abs=1e-9)


def test_sample_size_rule():
    """exact_limit² / n sources (at least 200) above the limit; exact at or below it."""
    assert sample_size(2000) is None
    assert sample_size(2001) == 2000  # ceil(2000² / 2001): about the work of an exact run
    assert sample_size(4000) == 1000
    assert sample_size(10_000) == 400
    assert sample_size(100_000) == 200
    assert sample_size(5000, exact_limit=100) == 200
    assert sample_size(5000, exact_limit=100, samples=30) == 30
    with pytest.raises(ValueError, match="at least 2"):
        sample_size(5000, samples=1)


def test_sampled_betweenness_is_seeded_and_equals_networkx_estimate():
    """Expected: networkx.betweenness_centrality(k=30, seed=…) — the same draw of sources
    and the same rescaling, (n−1)/k for actors not drawn and (n−1)/(k−1) for drawn ones.
    The sources are drawn over the actors in id order (never the map's row order), so
    networkx is given the cooperation graph with its nodes in id order.
    """
    H = nx.barabasi_albert_graph(120, 2, seed=4)
    G = map_of(H)
    C = cooperation_graph(G, as_of=DAY)
    first = betweenness(G, as_of=DAY, exact_limit=50, samples=30, seed=11)
    assert first == betweenness(G, as_of=DAY, exact_limit=50, samples=30, seed=11)
    assert first != betweenness(G, as_of=DAY, exact_limit=50, samples=30, seed=12)
    by_id = nx.Graph()
    by_id.add_nodes_from(sorted(C))
    by_id.add_edges_from(C.edges)
    expected = nx.betweenness_centrality(by_id, k=30, seed=11, normalized=True)
    assert first == pytest.approx(expected, abs=1e-12)


def test_sampled_betweenness_finds_the_top_actors():
    """Against exact igraph/networkx values on a 3,000-actor scale-free graph
    (Barabási–Albert, m = 2): 300 sampled sources find at least 16 of the top 20."""
    H = nx.barabasi_albert_graph(3000, 2, seed=1)
    G = map_of(H)
    exact = betweenness(G, as_of=DAY)
    sampled = betweenness(G, as_of=DAY, exact_limit=1000, samples=300, seed=0)

    def top(values):
        return set(sorted(values, key=lambda a: (-values[a], a))[:20])

    assert len(top(exact) & top(sampled)) / 20 >= 0.8
    assert max(abs(exact[a] - sampled[a]) for a in exact) < 0.05


def test_betweenness_follows_the_analysis_date():
    """A cooperation that ended is not a path: b stops bridging a and c."""
    eco = Ecosystem()
    for i in "abc":
        eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    eco.add(Relation(source="a", target="b", type="cooperates"))
    eco.add(Relation(source="b", target="c", type="cooperates", until=date(2025, 12, 31)))
    G = to_graph(eco)
    assert betweenness(G, as_of=date(2025, 6, 1))["b"] == 1.0
    assert betweenness(G, as_of=DAY)["b"] == 0.0
    assert bridges(G, as_of=DAY)[0]["articulation_point"] is False


# --- structural holes --------------------------------------------------------------

# networkx's test_structuralholes.py, from
# http://www.analytictech.com/connections/v20(1)/holes.htm; its values were checked
# against UCINET and igraph, then by hand.
HOLES_EDGES = [("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"), ("F", "G"),
               ("B", "G"), ("B", "D"), ("D", "G"), ("G", "C")]  # fmt: skip


def test_constraint_and_effective_size_match_ucinet_example():
    H = nx.Graph(HOLES_EDGES)
    H.add_node("Z")  # isolated: networkx gives NaN, we give None
    records = by_actor(bridges(map_of(H), as_of=DAY))
    assert records["G"]["constraint"] == pytest.approx(0.400, abs=1e-3)
    assert records["A"]["constraint"] == pytest.approx(0.595, abs=1e-3)
    assert records["C"]["constraint"] == pytest.approx(1.0, abs=1e-3)
    assert records["G"]["effective_size"] == pytest.approx(4.67, abs=1e-2)
    assert records["A"]["effective_size"] == pytest.approx(2.50, abs=1e-2)
    assert records["C"]["effective_size"] == pytest.approx(1.0, abs=1e-2)
    assert records["Z"]["constraint"] is None and records["Z"]["effective_size"] is None


def test_constraint_and_effective_size_equal_networkx_on_a_random_graph():
    """Expected: nx.constraint and nx.effective_size over the whole graph (unweighted)."""
    H = nx.gnm_random_graph(50, 120, seed=5)
    G = map_of(H)
    C = cooperation_graph(G, as_of=DAY)
    constraint, effective = nx.constraint(C), nx.effective_size(C)
    for record in bridges(G, as_of=DAY):
        actor = record["actor"]
        if C.degree(actor):
            assert record["constraint"] == pytest.approx(constraint[actor], abs=1e-12)
            assert record["effective_size"] == pytest.approx(effective[actor], abs=1e-12)
        else:
            assert record["constraint"] is None


# --- brokerage roles ---------------------------------------------------------------


def star_with_groups():
    """Broker b (territory X) and five partners: a1, a2 in X; c1, c2 in Y; d in Z.

    The ten pairs of partners, by hand: coordinator a1–a2 (1); consultant c1–c2 (1);
    gatekeeper_representative a_i with c_j or d (2 × 3 = 6); liaison c1–d, c2–d (2).
    """
    territory = {"b": "X", "a1": "X", "a2": "X", "c1": "Y", "c2": "Y", "d": "Z"}
    H = nx.star_graph(["b", "a1", "a2", "c1", "c2", "d"])
    return H, {n: {"territory": t} for n, t in territory.items()}


def test_each_role_counted_by_hand():
    H, fields = star_with_groups()
    roles = brokerage_roles(map_of(H, fields=fields), groups="territory", as_of=DAY)
    assert roles["b"] == {"coordinator": 1, "consultant": 1, "gatekeeper_representative": 6,
                          "liaison": 2}  # fmt: skip
    assert all(sum(roles[a].values()) == 0 for a in ("a1", "a2", "c1", "c2", "d"))


def test_partners_who_cooperate_are_not_an_open_path():
    """Closing a1–c1 removes one gatekeeper pair, closing c1–c2 the consultant pair; a1
    now brokers nothing (its partners b and c1 cooperate) — by hand."""
    H, fields = star_with_groups()
    H.add_edges_from([("a1", "c1"), ("c1", "c2")])
    roles = brokerage_roles(map_of(H, fields=fields), groups="territory", as_of=DAY)
    assert roles["b"] == {"coordinator": 1, "consultant": 0, "gatekeeper_representative": 5,
                          "liaison": 2}  # fmt: skip
    assert sum(roles["a1"].values()) == 0
    # c1's partners b, a1, c2: b–a1 and b–c2 cooperate, a1–c2 do not → one open path
    # a1–c1–c2: c1 shares Y with c2 only → gatekeeper_representative.
    assert roles["c1"] == {"coordinator": 0, "consultant": 0, "gatekeeper_representative": 1,
                           "liaison": 0}  # fmt: skip


def test_brokerage_example_map():
    """data/examples/README.md, "brokerage": Nadia 3 × liaison, Hugo 1 × gatekeeper by
    organisation; the same paths are coordinator roles by level (all micro)."""
    eco, _ = read_map(EXAMPLES / "brokerage")
    G = to_graph(eco)
    by_org = brokerage_roles(G, as_of=DAY)
    assert by_org["nadia"] == {"coordinator": 0, "consultant": 0,
                               "gatekeeper_representative": 0, "liaison": 3}  # fmt: skip
    assert by_org["hugo"] == {"coordinator": 0, "consultant": 0,
                              "gatekeeper_representative": 1, "liaison": 0}  # fmt: skip
    assert sum(sum(r.values()) for r in by_org.values()) == 4
    by_level = brokerage_roles(G, groups="level", as_of=DAY)
    assert by_level["nadia"]["coordinator"] == 3 and by_level["hugo"]["coordinator"] == 1
    records = by_actor(bridges(G, as_of=DAY))
    # Betweenness, by hand in the README: 5 of C(8, 2) = 28 pairs through Nadia, 3 through Hugo.
    assert records["nadia"]["betweenness"] == pytest.approx(5 / 28)
    assert records["hugo"]["betweenness"] == pytest.approx(3 / 28)
    assert {a for a, r in records.items() if r["articulation_point"]} == {"nadia", "hugo"}


def test_organisation_groups_and_actors_without_a_group():
    """By hand. p and q work at o; r has no organisation (a group of its own); o is its
    own group. Broker p cooperates with q, r and o, who do not cooperate together:
    q–o: p, q and o are all 'o' → coordinator; q–r: p shares with q only → gatekeeper;
    o–r: same → gatekeeper.
    """
    eco = Ecosystem()
    eco.add(Actor(id="o", name="Ferme", kind="organisation"))
    for person in "pqr":
        eco.add(Actor(id=person, name=person.upper(), kind="person"))
    eco.add(Relation(source="p", target="o", type="member_of"))
    eco.add(Relation(source="q", target="o", type="member_of"))
    for partner in "qro":
        eco.add(Relation(source="p", target=partner, type="cooperates"))
    roles = brokerage_roles(to_graph(eco), as_of=DAY)
    assert roles["p"] == {"coordinator": 1, "consultant": 0, "gatekeeper_representative": 2,
                          "liaison": 0}  # fmt: skip
    # With no territory anywhere, everyone is a group of their own: three liaisons.
    by_territory = brokerage_roles(to_graph(eco), groups="territory", as_of=DAY)
    assert by_territory["p"]["liaison"] == 3


def test_brokerage_equals_brute_force_enumeration():
    """Expected: every triple (A, B, C) with A–B, B–C and not A–C, enumerated directly."""
    rng = random.Random(3)
    H = nx.gnm_random_graph(60, 200, seed=3)
    fields = {n: {"territory": rng.choice(["T1", "T2", "T3", None])} for n in H}
    G = map_of(H, fields=fields)
    got = brokerage_roles(G, groups="territory", as_of=DAY)

    def group(n):
        return fields[n]["territory"] or f"own-{n}"

    for b in H:
        expected = dict.fromkeys(ROLES, 0)
        for a, c in combinations(H[b], 2):
            if H.has_edge(a, c):
                continue
            ga, gb, gc = group(a), group(b), group(c)
            if ga == gc:
                role = "coordinator" if gb == ga else "consultant"
            else:
                role = "gatekeeper_representative" if gb in (ga, gc) else "liaison"
            expected[role] += 1
        assert got[str(b)] == expected, b


def test_unknown_grouping_is_refused():
    with pytest.raises(ValueError, match="organisation, territory, level"):
        brokerage_roles(map_of(nx.path_graph(3)), groups="category", as_of=DAY)


# --- communities -------------------------------------------------------------------


def two_triangles():
    """Triangles a–b–c and d–e–f joined by c–d; 7 ties."""
    return nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"),
                     ("c", "d")])  # fmt: skip


@pytest.mark.parametrize("method", ["louvain", "leiden"])
def test_communities_and_participation_by_hand(method):
    """By hand: two communities {a, b, c} and {d, e, f}. Modularity = Σ_c (L_c/m −
    (d_c/2m)²) = 2 × (3/7 − (7/14)²) = 0.357142…; participation of c (2 ties inside, 1
    out) = 1 − (2/3)² − (1/3)² = 4/9; of a (both ties inside) = 0. Also equal to
    networkx's modularity of the same partition."""
    H = two_triangles()
    H.add_node("z")
    G = map_of(H)
    found = communities(G, as_of=DAY, method=method)
    assert found["membership"] == {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1, "z": 2}
    assert found["count"] == 3 and found["sizes"] == [3, 3, 1]
    assert found["modularity"] == pytest.approx(2 * (3 / 7 - 0.25))
    assert found["modularity"] == pytest.approx(
        nx.community.modularity(H, [{"a", "b", "c"}, {"d", "e", "f"}, {"z"}])
    )
    assert found["participation"]["c"] == pytest.approx(4 / 9)
    assert found["participation"]["a"] == 0.0
    assert found["participation"]["z"] == 0.0  # no cooperation at all


def test_communities_are_reproducible_and_leave_the_global_random_state_alone():
    H = nx.gnm_random_graph(300, 900, seed=2)
    G = map_of(H)
    random.seed(1)
    state = random.getstate()
    first = communities(G, as_of=DAY, seed=5)
    assert random.getstate() == state
    random.seed(99)
    assert communities(G, as_of=DAY, seed=5) == first
    assert len(set(first["membership"].values())) == first["count"] > 1
    # Membership numbers go by size, largest first.
    assert first["sizes"] == sorted(first["sizes"], reverse=True)


def test_weighted_communities_use_strength():
    """By hand: a–b strength 3 and c–d strength 3, the cross ties b–c and a–d of strength 1.
    Weighted, modularity prefers {a, b} | {c, d}: Q = 2 × (3/8 − (4/8)²) = 0.25."""
    H = nx.Graph()
    H.add_edge("a", "b", s=3)
    H.add_edge("c", "d", s=3)
    H.add_edge("b", "c", s=1)
    H.add_edge("a", "d", s=1)
    found = communities(map_of(H, strength="s"), as_of=DAY, weighted=True)
    assert found["membership"] == {"a": 0, "b": 0, "c": 1, "d": 1}
    assert found["modularity"] == pytest.approx(0.25)
    # b: strength 3 inside, 1 outside → 1 − (3/4)² − (1/4)² = 0.375.
    assert found["participation"]["b"] == pytest.approx(0.375)


def test_unknown_community_method_is_refused():
    with pytest.raises(ValueError, match="louvain"):
        communities(map_of(two_triangles()), as_of=DAY, method="girvan")


# --- the bridges records -----------------------------------------------------------


def test_bridges_records_shape_and_order():
    H = two_triangles()
    H.add_node("z")
    records = bridges(map_of(H), as_of=DAY)
    assert [r["actor"] for r in records] == ["c", "d", "a", "b", "e", "f", "z"]
    c = records[0]
    assert set(c) == {"actor", "name", "betweenness", "articulation_point", "constraint",
                      "effective_size", "brokerage", "levels_bridged", "community",
                      "participation", "reasons"}  # fmt: skip
    # c lies between {a, b} and {d, e, f}: 2 × 3 = 6 of the C(6, 2) = 15 pairs (by hand).
    assert c["betweenness"] == pytest.approx(6 / 15)
    assert c["articulation_point"] is True
    # Organisations are each their own group: a–c–d and b–c–d join three groups.
    assert c["brokerage"] == {"coordinator": 0, "consultant": 0,
                              "gatekeeper_representative": 0, "liaison": 2}  # fmt: skip
    assert c["participation"] == pytest.approx(4 / 9)
    assert records[-1]["constraint"] is None and records[-1]["reasons"] == []
    assert [r["actor"] for r in bridges(map_of(H), as_of=DAY, top=2)] == ["c", "d"]


def test_levels_bridged_in_level_order():
    eco = Ecosystem()
    eco.add(Actor(id="p", name="Claire", kind="person"))
    eco.add(Actor(id="i", name="CC", kind="institution"))
    eco.add(Actor(id="o", name="Chambre", kind="organisation"))
    eco.add(Actor(id="q", name="Léo", kind="person"))
    for partner in "ioq":
        eco.add(Relation(source="p", target=partner, type="cooperates"))
    records = by_actor(bridges(to_graph(eco), as_of=DAY))
    assert records["p"]["levels_bridged"] == ["meso", "macro"]
    assert records["q"]["levels_bridged"] == []
    assert records["i"]["levels_bridged"] == ["micro"]
    assert "Claire (micro) cooperates with meso and macro actors" in records["p"]["reasons"]


def test_reasons_in_french():
    eco, _ = read_map(EXAMPLES / "brokerage")
    nadia = by_actor(bridges(to_graph(eco), as_of=DAY, lang="fr"))["nadia"]
    reasons = " | ".join(nadia["reasons"])
    assert "Nadia Bensaïd se trouve sur 17,9\u202f% des plus courts chemins" in reasons
    assert "point d'articulation" in reasons and "3 morceaux" in reasons
    assert "relie 3 paires de partenaires qui ne coopèrent pas entre eux" in reasons
    assert "3 comme agent de liaison" in reasons
    assert "contrainte 0,33" in reasons
    hugo = by_actor(bridges(to_graph(eco), as_of=DAY, lang="fr"))["hugo"]
    assert any("1 comme gardien ou représentant" in r for r in hugo["reasons"])
    assert any(r.startswith("Les coopérations d'Hugo Vuillet") for r in hugo["reasons"])


def test_sampled_bridges_say_so():
    H = nx.barabasi_albert_graph(200, 2, seed=3)
    records = bridges(map_of(H), as_of=DAY, exact_limit=100, samples=40, seed=1)
    assert records == bridges(map_of(H), as_of=DAY, exact_limit=100, samples=40, seed=1)
    assert "estimated from 40 sampled actors" in records[0]["reasons"][0]


def test_results_are_plain_json():
    """Python floats and ints only (no numpy scalars, no NaN): json.dumps must accept them."""
    H = two_triangles()
    H.add_node("z")
    G = map_of(H)
    records = bridges(G, as_of=DAY)
    json.dumps(records, allow_nan=False)
    json.dumps(communities(G, as_of=DAY), allow_nan=False)
    json.dumps(brokerage_roles(G, as_of=DAY), allow_nan=False)
    for record in records:
        assert type(record["betweenness"]) is float and type(record["participation"]) is float
        assert type(record["community"]) is int
        assert all(type(c) is int for c in record["brokerage"].values())


def test_organisation_groups_follow_the_analysis_date():
    """By hand. p, q and r cooperate with broker b (none of them with each other); p and
    q work at o, r at o until 2025-12-31. In 2025 the pairs p–q, p–r, q–r are all inside
    o while b (an organisation, its own group) is outside: 3 × consultant. In 2026 r is
    a group of its own: p–q consultant, p–r and q–r liaison."""
    eco = Ecosystem()
    eco.add(Actor(id="o", name="Office", kind="organisation"))
    eco.add(Actor(id="b", name="Bureau", kind="organisation"))
    for person in "pqr":
        eco.add(Actor(id=person, name=person.upper(), kind="person"))
        eco.add(Relation(source=person, target="b", type="cooperates"))
    eco.add(Relation(source="p", target="o", type="member_of"))
    eco.add(Relation(source="q", target="o", type="member_of"))
    eco.add(Relation(source="r", target="o", type="member_of", until=date(2025, 12, 31)))
    G = to_graph(eco)
    assert brokerage_roles(G, as_of=date(2025, 6, 1))["b"]["consultant"] == 3
    assert brokerage_roles(G, as_of=DAY)["b"] == {"coordinator": 0, "consultant": 1,
                                                  "gatekeeper_representative": 0,
                                                  "liaison": 2}  # fmt: skip


def test_cooperation_igraph_is_the_igraph_copy_of_the_cooperation_graph():
    """Made from the cooperations' ends, the copy is to_igraph's: vertices in id order,
    each tie once (duplicates, both directions), ended ones out, an actor alone kept."""
    from ecomap.graph import cooperation_igraph, to_igraph

    eco = Ecosystem()
    for i in ("z", "b", "m", "a", "q", "c"):
        eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    ties = [("z", "b"), ("b", "z"), ("m", "a"), ("q", "z"), ("z", "b")]
    for n, (u, v) in enumerate(ties):
        eco.add(Relation(id=f"r{n}", source=u, target=v, type="cooperates"))
    eco.add(Relation(id="old", source="m", target="q", type="cooperates", until="2020-01-01"))
    day = date(2026, 1, 1)
    expected, expected_names = to_igraph(cooperation_graph(to_graph(eco), as_of=day))
    G = to_graph(eco)
    graph, names = cooperation_igraph(G, as_of=day)
    assert names == expected_names == ["a", "b", "c", "m", "q", "z"]
    assert graph.get_edgelist() == expected.get_edgelist() == [(0, 3), (1, 5), (4, 5)]
    assert to_igraph(cooperation_graph(G, as_of=day))[0] is graph  # one copy, shared
