"""The network picture's hover highlight and its click to an actor's card, as written in
the page (the browser test checks them at work in Chromium)."""

from __future__ import annotations

import json
import re

from ecomap.graph import to_graph
from ecomap.model import Actor, Ecosystem, Relation, Stake
from ecomap.views.network import network_html


def picture(**options) -> str:
    eco = Ecosystem()
    eco.add(Actor(id="a", name="Asso", kind="organisation"))
    eco.add(Actor(id="p", name="Paule", kind="person"))
    eco.add(Stake(id="s", name="Marché"))
    eco.add(Relation(source="p", target="a", type="member_of"))
    eco.add(Relation(source="a", target="s", type="stake", stance=1))
    return network_html(to_graph(eco), lang="fr", **options)


def nodes_of(page: str) -> dict[str, dict]:
    found = re.search(r"var nodes = new vis\.DataSet\((\[.*?\])\.map\(plainTitle\)\);", page, re.S)
    return {n["id"]: n for n in json.loads(found.group(1))}


def test_hover_highlight_is_always_in_the_page():
    page = picture()
    assert 'network.on("hoverNode"' in page and 'network.on("blurNode"' in page
    assert "window.ecomapHighlighted" in page


def test_only_actors_lead_to_a_card():
    nodes = nodes_of(picture(card_url="fiche?fiche={id}"))
    assert nodes["a"]["card"] is True and nodes["p"]["card"] is True
    assert nodes["s"]["card"] is False


def test_click_to_the_card_only_when_asked():
    assert 'network.on("click"' not in picture()
    page = picture(card_url="fiche?fiche={id}")
    assert 'network.on("click"' in page
    assert 'var CARD = "fiche?fiche={id}", GROUP = null;' in page
    both = picture(card_url="fiche?fiche={id}", group_url="?groupe={id}")
    assert 'var CARD = "fiche?fiche={id}", GROUP = "?groupe={id}";' in both


def test_card_address_cannot_break_out_of_the_script():
    page = picture(card_url="</script><script>alert(1)</script>{id}")
    assert "<script>alert(1)" not in page
    assert "\\u003c/script\\u003e" in page
