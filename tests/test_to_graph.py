"""``to_graph`` writes the edges into networkx's adjacency dicts itself: the graph must be
the one networkx's own ``add_edges_from`` builds — same nodes, edges, keys, data and
order, in both directions — on the sample territory and a generated map."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from benchmarks.generate import generate, write
from ecomap.graph import _attributes, from_graph, to_graph
from ecomap.ingest import read_map
from ecomap.model import Actor, Ecosystem, Relation

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "territoire-vallee"


def by_networkx(eco: Ecosystem) -> nx.MultiDiGraph:
    """The reference: nodes, then ``add_edges_from`` (what ``to_graph`` did before)."""
    G = nx.MultiDiGraph()
    for kind, table in (("actor", eco.actors), ("stake", eco.stakes), ("space", eco.spaces)):
        G.add_nodes_from((i, {"node_type": kind, **_attributes(r)}) for i, r in table.items())
    G.add_edges_from((r.source, r.target, k, _attributes(r)) for k, r in eco.relations.items())
    return G


def same(A: nx.MultiDiGraph, B: nx.MultiDiGraph) -> None:
    assert list(A.nodes(data=True)) == list(B.nodes(data=True))
    assert list(A.edges(keys=True, data=True)) == list(B.edges(keys=True, data=True))
    assert list(A.in_edges(keys=True, data=True)) == list(B.in_edges(keys=True, data=True))
    assert [list(A.successors(n)) for n in A] == [list(B.successors(n)) for n in B]
    assert [list(A.predecessors(n)) for n in A] == [list(B.predecessors(n)) for n in B]


@pytest.mark.parametrize("which", ["sample", "generated"])
def test_the_graph_is_the_one_networkx_builds(which, tmp_path):
    folder = SAMPLE if which == "sample" else write(generate(600, seed=3), tmp_path / "map")
    eco = read_map(folder)[0]
    G = to_graph(eco)
    same(G, by_networkx(eco))
    # One key dictionary per pair, shared by its two directions, as networkx keeps it.
    u, v, _ = next(iter(G.edges(keys=True)))
    assert G._succ[u][v] is G._pred[v][u]
    assert from_graph(G) == eco
    assert G.number_of_edges() == len(eco.relations)


def test_an_end_that_is_no_node_is_added_as_networkx_does():
    eco = Ecosystem()
    eco.add(Actor(id="a", name="A", kind="person"))
    eco.add(Relation(source="a", target="ghost", type="cooperates"))
    G = to_graph(eco)
    same(G, by_networkx(eco))
    assert list(G.nodes) == ["a", "ghost"]
