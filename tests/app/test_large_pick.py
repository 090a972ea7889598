"""Picking an actor on a large map (above ``common.PICK_IN_PLACE`` actors, lowered here to
2 so that the small map of ``app_helpers`` is "large"): a button that says what is chosen
and opens the list, the list made only while it is open, the choice kept once it closes.
On the small map, centring on Ana shows Ana, her organisation Asso and Ben (by hand)."""

from __future__ import annotations

import pytest
from app_helpers import APP, HOSTILE, map_html, network_data, open_page, open_tab, texts

from app_pages.common import plain


@pytest.fixture
def large(store_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from app_pages import common

    monkeypatch.setattr(common, "PICK_IN_PLACE", 2)
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception
    return at


def drawn(at) -> set[str]:
    return {n["id"] for n in network_data(map_html(at), "nodes")}


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def buttons(at) -> list[str]:
    """The labels of the pick buttons (popovers) on the page."""
    return [block.proto.popover.label for block in at.get("popover")]


def pick_open(at, key: str, opened: bool = True):
    """Open (or close) the pick ``key``, as a click on its button (or outside) does."""
    at.session_state[f"{key}:open"] = opened
    return at.run()


def has_list(at, key: str) -> bool:
    return any(box.key == key for box in at.selectbox) or any(
        box.key == key for box in at.multiselect
    )


def test_the_list_is_made_only_while_open_and_the_choice_stays(large):
    at = large
    assert not has_list(at, "map_focus")  # closed: no list of names sent
    pick_open(at, "map_focus")  # what a click on the button does
    listed = at.selectbox(key="map_focus")
    assert len(listed.options) == 6 and listed.value is None
    listed.set_value("ana").run()
    assert at.query_params["acteur"] == "ana"
    assert drawn(at) == {"ana", "asso", "ben"}

    pick_open(at, "map_focus", False)  # a click outside closes it
    assert not at.exception and not has_list(at, "map_focus")
    assert at.query_params["acteur"] == "ana"
    assert drawn(at) == {"ana", "asso", "ben"}  # still centred on Ana
    at.run()  # and on the next run as well
    assert drawn(at) == {"ana", "asso", "ben"}

    pick_open(at, "map_focus")  # opened again: the list shows the choice
    assert at.selectbox(key="map_focus").value == "ana"
    assert not at.warning  # no "default value and Session State" complaint


def test_the_card_opened_by_its_link_names_the_actor_on_the_button(large):
    at = large
    at.query_params["fiche"] = "ana"
    open_page(at, "card")
    assert not at.exception
    assert at.header[0].value == "Ana Martin"
    assert not has_list(at, "card_actor")
    # The button says who is shown, the French way ("… : Ana Martin").
    assert buttons(at) == ["Acteur : Ana Martin"]


def test_a_hostile_name_on_the_button_is_escaped(large):
    at = large
    at.query_params["fiche"] = "hostile"
    open_page(at, "card")
    assert not at.exception
    (label,) = buttons(at)
    # Markdown-escaped (shown as typed, never read as HTML or a link).
    assert HOSTILE not in label and label == f"Acteur : {plain(HOSTILE)}"


def test_a_pick_of_several_people_opens_and_keeps_them(large):
    """Fragilité's "what if they left": a multiple pick of people (kinds=person)."""
    at = large
    open_page(at, "fragility")
    open_tab(at, "fragility_tab", "Et si… des personnes partent")
    assert not at.exception
    assert not has_list(at, "what_if_people")
    pick_open(at, "what_if_people")
    picked = at.multiselect(key="what_if_people")
    assert set(picked.options) == {"Ana Martin", "Ben Roy", HOSTILE}  # the people only
    picked.set_value(["ana"]).run()
    pick_open(at, "what_if_people", False)
    assert not at.exception and not has_list(at, "what_if_people")
    assert "Ana Martin part" in texts(at)  # Ana's departure is still what is shown
    assert metric(at, "Liens qui s'arrêtent") == "1"  # as on the small map's own test


def test_facilitators_between_parties_picked_on_a_large_map(large):
    """The same answer as on the small map picked in place (``test_analysis_pages``):
    between Coop and Asso only the hostile person remains."""
    at = large
    open_page(at, "facilitators")
    assert not at.exception and not has_list(at, "facilitators_parties")
    pick_open(at, "facilitators_parties")
    at.multiselect(key="facilitators_parties").set_value(["coop", "asso"]).run()
    assert at.dataframe[0].value["acteur"].tolist() == [HOSTILE]
    pick_open(at, "facilitators_parties", False)
    assert not has_list(at, "facilitators_parties")
    assert at.dataframe[0].value["acteur"].tolist() == [HOSTILE]  # the choice holds
    assert buttons(at) == ["Parties : Coop Bio, Asso des Halles"]  # who is chosen


def test_a_pair_picked_with_two_buttons_and_the_actors_card_pick(large):
    at = large
    open_page(at, "power")
    open_tab(at, "power_tab", "Contrepoids pour une paire")
    assert not at.exception
    assert not has_list(at, "power_dominant") and not has_list(at, "power_weaker")
    assert len(buttons(at)) == 2
    pick_open(at, "power_dominant")
    at.selectbox(key="power_dominant").set_value("mairie").run()
    at.session_state["power_dominant:open"] = False
    pick_open(at, "power_weaker")
    at.selectbox(key="power_weaker").set_value("asso").run()
    assert not at.exception
    assert any(b.endswith(": Mairie de Valbourg") for b in buttons(at))

    open_page(at, "actors")
    assert not at.exception and not has_list(at, "actors_card_pick")
