"""An actor's card: identity, relations by type, and every analysis's finding with reasons.

Facts on the sample territory come from its README ("Ce que chaque analyse doit
trouver", at 22/11/2026) and are checked against the analyses' own results.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ecomap.analysis import analyse
from ecomap.analysis.bridges import bridges
from ecomap.graph import to_graph
from ecomap.ingest import read_map
from ecomap.model import Actor, Ecosystem, Relation
from ecomap.privacy import anonymise
from ecomap.views.card import CARD_SECTIONS, actor_card

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "territoire-vallee"
DAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def sample():
    eco, _ = read_map(SAMPLE)
    return eco


@pytest.fixture(scope="module")
def graph(sample):
    return to_graph(sample)


@pytest.fixture(scope="module")
def document(graph):
    """Every analysis once, as the explorer caches them, handed to each card."""
    return analyse(graph, as_of=DAY, lang="fr")


def card_of(graph, document, actor):
    return actor_card(graph, actor, as_of=DAY, lang="fr", results=document)


def section(card, key):
    return next(s for s in card["sections"] if s["key"] == key)


def test_every_section_in_order(graph, document):
    card = card_of(graph, document, "helene-cartier")
    assert [s["key"] for s in card["sections"]] == list(CARD_SECTIONS)
    assert all(s["headline"] for s in card["sections"])


def test_identity_of_a_person(graph, document):
    card = card_of(graph, document, "helene-cartier")
    assert (card["name"], card["kind"], card["level"]) == ("Hélène Cartier", "person", "micro")
    assert card["territory"] == "Val d'Aubrelle"
    assert card["tags"] == ["efc", "animation"]
    assert [o["id"] for o in card["organisations"]] == ["aubrelle-dev"]


def test_units_and_members_of_an_institution(graph, document):
    card = card_of(graph, document, "mairie-saint-aubrin")
    units = {u["id"] for u in card["units"]}
    assert {"sa-service-commerce", "sa-services-techniques"} <= units
    assert "sylvie-cuenot" in {m["id"] for m in card["members"]}
    assert [p["id"] for p in card["part_of"]] == ["cc-val-aubrelle"]


def test_relations_grouped_by_type_with_the_other_side_named(graph, document):
    card = card_of(graph, document, "helene-cartier")
    relations = card["relations"]
    # As many cooperations as the engagement analysis counts for her (16, README).
    assert len(relations["cooperates"]) == 16
    assert all(r["other_name"] == graph.nodes[r["other"]]["name"]
               for rows in relations.values() for r in rows)  # fmt: skip
    assert [r["other"] for r in relations["member_of"]] == ["aubrelle-dev"]


def test_key_person_with_the_links_she_alone_carries(graph, document):
    card = card_of(graph, document, "helene-cartier")
    key = section(card, "key_person")
    record = next(k for k in document["key_people"] if k["person"] == "helene-cartier")
    assert record["links_lost"] == 11
    assert "11" in key["headline"] and "personne clé" in key["headline"]
    assert key["findings"][0]["reasons"] == record["reasons"]
    fragility = section(card, "fragility")
    alone = [f for f in fragility["findings"] if "s'arrête si Hélène Cartier part" in f["text"]]
    assert len(alone) == 11
    carried = [x for x in document["fragile_links"] if "helene-cartier" in x["carriers"]]
    assert fragility["headline"] == (
        f"Hélène Cartier porte {len(carried)} liens entre organisations, dont 11 qui "
        "s'arrêtent si Hélène Cartier part"
    )
    assert all(f["reasons"] for f in fragility["findings"])


def test_top_bridge(graph, document):
    card = card_of(graph, document, "helene-cartier")
    bridging = section(card, "bridging")
    top = max(bridges(graph, as_of=DAY, lang="fr"), key=lambda b: b["betweenness"])
    assert top["actor"] == "helene-cartier"
    assert "rang 1 sur 130" in bridging["headline"]
    assert bridging["findings"][0]["reasons"] == top["reasons"]


def test_overloaded_driver(graph, document):
    engagement = section(card_of(graph, document, "helene-cartier"), "engagement")
    assert "moteur surchargé" in engagement["headline"] and "17,92" in engagement["headline"]
    assert "23 réunions" in engagement["findings"][0]["reasons"][0]


def test_health_names_her_weakest_key(graph, document):
    health = section(card_of(graph, document, "helene-cartier"), "health")
    assert "répartition de la valeur" in health["headline"]  # README: her weakest key
    cooperations = [h for h in document["health"] if "helene-cartier" in h["actors"]
                    and h["mean"] is not None]  # fmt: skip
    assert len(health["findings"]) == 1 + len(cooperations)


def test_departement_is_the_first_counterweight_for_mairie_and_collectif(graph, document):
    card = card_of(graph, document, "departement-doubs")
    roles = section(card, "counterweight")["findings"]
    wanted = [f for f in roles if f["actors"] == ["mairie-saint-aubrin", "collectif-producteurs"]]
    assert len(wanted) == 1
    assert "rang 1" in wanted[0]["text"]
    assert "Collectif des producteurs" in wanted[0]["text"]
    assert wanted[0]["reasons"]


def test_never_proposed_counterweights_have_no_role_there(graph, document):
    """README: the Mairie's own service is never a counterweight against the Mairie."""
    card = card_of(graph, document, "sa-service-commerce")
    roles = section(card, "counterweight")["findings"]
    assert not [f for f in roles if "mairie-saint-aubrin" in f["actors"][:1]]


def test_imbalances_the_mairie_is_part_of(graph, document):
    power = section(card_of(graph, document, "mairie-saint-aubrin"), "power")
    dominated = [f for f in power["findings"] if f["actors"] == ["mairie-saint-aubrin",
                                                                 "collectif-producteurs"]]  # fmt: skip
    assert len(dominated) == 1 and "domine" in dominated[0]["text"]
    assert power["headline"].startswith("indice de pouvoir 0,74")


def test_stakes_and_stances(graph, document):
    stakes = section(card_of(graph, document, "mairie-saint-aubrin"), "stakes")
    texts = [f["text"] for f in stakes["findings"]]
    assert "Marché de centre-bourg : position +2, importance 3" in texts
    # README: the Union commerciale against the Mairie on the market, a latent tension.
    assert any(t.startswith("tension latente avec Union commerciale") for t in texts)


def test_computes_missing_results_itself(graph, document):
    given = card_of(graph, document, "claire-perrin")
    computed = actor_card(graph, "claire-perrin", as_of=DAY, lang="fr")
    assert given == computed


def test_unknown_actor_is_refused(graph):
    with pytest.raises(ValueError, match="no-such-actor"):
        actor_card(graph, "no-such-actor", as_of=DAY)
    with pytest.raises(ValueError, match="marche-centre-bourg"):
        actor_card(graph, "marche-centre-bourg", as_of=DAY)  # a stake, not an actor


def test_anonymised_card_names_no_person(sample):
    anon = anonymise(sample, key=bytes(32), lang="fr")
    G = to_graph(anon)
    alias = next(a for a in anon.actors.values() if a.kind == "person" and a.role ==
                 "Chargée de mission EFC")  # fmt: skip
    card = actor_card(G, alias.id, as_of=DAY, lang="fr")
    text = repr(card)
    people = [a.name for a in sample.actors.values() if a.kind == "person"]
    assert not [name for name in people if name in text]
    assert "helene-cartier" not in text
    assert card["name"].startswith("Personne ")
    assert "personne clé : 11" in section(card, "key_person")["headline"]


# -- a hand-made map ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny():
    """Paule belongs to A and B: she alone carries their link. A has power over B."""
    eco = Ecosystem()
    eco.add(Actor(id="p", name="Paule", kind="person", tags=["x"], territory="Nord"))
    eco.add(Actor(id="a", name="Asso A", kind="organisation"))
    eco.add(Actor(id="b", name="Base B", kind="organisation"))
    eco.add(Actor(id="u", name="Unit U", kind="organisation"))
    eco.add(Relation(source="p", target="a", type="member_of"))
    eco.add(Relation(source="p", target="b", type="member_of"))
    eco.add(Relation(source="u", target="a", type="part_of"))
    eco.add(Relation(source="a", target="b", type="power", power_type="economic", weight=3))
    eco.add(Relation(source="a", target="b", type="cooperates", until=date(2020, 1, 1)))
    return to_graph(eco)


def test_tiny_person(tiny):
    card = actor_card(tiny, "p", as_of=date(2026, 1, 1), lang="en")
    assert [o["name"] for o in card["organisations"]] == ["Asso A", "Base B"]
    assert section(card, "key_person")["headline"] == (
        "key person: 1 link between organisations ends if Paule leaves"
    )
    assert section(card, "fragility")["findings"][0]["text"] == (
        "the link between Asso A and Base B ends if Paule leaves"
    )
    assert section(card, "engagement")["headline"].startswith("engagement: —")


def test_tiny_organisation(tiny):
    card = actor_card(tiny, "a", as_of=date(2026, 1, 1), lang="en")
    assert [u["name"] for u in card["units"]] == ["Unit U"]
    assert [m["name"] for m in card["members"]] == ["Paule"]
    # The cooperation ended in 2020 is not in force: only power, membership, part_of.
    assert set(card["relations"]) == {"member_of", "part_of", "power"}
    power = card["relations"]["power"][0]
    assert (power["other_name"], power["direction"]) == ("Base B", "out")
    assert "economic" in power["details"] and "weight 3" in power["details"]
    assert (
        section(card, "key_person")["headline"] == "only people carry links between organisations"
    )
    assert section(card, "health")["findings"] == []


def test_tiny_as_of_brings_the_old_cooperation_back(tiny):
    card = actor_card(tiny, "a", as_of=date(2019, 6, 1), lang="en")
    assert [r["other"] for r in card["relations"]["cooperates"]] == ["b"]
    assert card["relations"]["cooperates"][0]["direction"] == "both"  # no direction


def test_counterweight_roles_best_rank_first(graph, document):
    roles = section(card_of(graph, document, "departement-doubs"), "counterweight")["findings"]
    ranks = [int(f["text"].rsplit("rang ", 1)[1].rstrip(")")) for f in roles]
    assert ranks == sorted(ranks) and ranks[0] == 1
