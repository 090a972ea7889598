"""Picking an actor on a large map (above ``common.PICK_IN_PLACE`` actors, lowered here to
2 so that the small map of ``app_helpers`` is "large"): a button that says what is chosen
and opens the list, the list made only while it is open, the choice kept once it closes.
On the small map, centring on Ana shows Ana, her organisation Asso and Ben (by hand)."""

from __future__ import annotations

import pytest
from app_helpers import APP, HOSTILE, map_html, network_data, open_tab, texts

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


def has_list(at, key: str) -> bool:
    return any(box.key == key for box in at.selectbox) or any(
        box.key == key for box in at.multiselect
    )


def test_the_list_is_made_only_while_open_and_the_choice_stays(large):
    at = large
    assert not has_list(at, "map_focus")  # closed: no list of names sent
    at.session_state["map_focus:open"] = True  # what a click on the button does
    at.run()
    listed = at.selectbox(key="map_focus")
    assert len(listed.options) == 6 and listed.value is None
    listed.set_value("ana").run()
    assert at.query_params["acteur"] == "ana"
    assert drawn(at) == {"ana", "asso", "ben"}

    at.session_state["map_focus:open"] = False  # a click outside closes it
    at.run()
    assert not at.exception and not has_list(at, "map_focus")
    assert at.query_params["acteur"] == "ana"
    assert drawn(at) == {"ana", "asso", "ben"}  # still centred on Ana
    at.run()  # and on the next run as well
    assert drawn(at) == {"ana", "asso", "ben"}

    at.session_state["map_focus:open"] = True  # opened again: the list shows the choice
    at.run()
    assert at.selectbox(key="map_focus").value == "ana"
    assert not at.warning  # no "default value and Session State" complaint


def test_the_card_opened_by_its_link_names_the_actor_on_the_button(large):
    at = large
    at.query_params["fiche"] = "ana"
    at.switch_page("app_pages/card.py")
    at.run()
    assert not at.exception
    assert at.header[0].value == "Ana Martin"
    assert not has_list(at, "card_actor")
    # The button says who is shown, the French way ("… : Ana Martin").
    assert buttons(at) == ["Acteur : Ana Martin"]


def test_a_hostile_name_on_the_button_is_escaped(large):
    at = large
    at.query_params["fiche"] = "hostile"
    at.switch_page("app_pages/card.py")
    at.run()
    assert not at.exception
    (label,) = buttons(at)
    # Markdown-escaped (shown as typed, never read as HTML or a link).
    assert HOSTILE not in label and label == f"Acteur : {plain(HOSTILE)}"


def test_a_pick_of_several_people_opens_and_keeps_them(large):
    """Fragilité's "what if they left": a multiple pick of people (kinds=person)."""
    at = large
    at.switch_page("app_pages/fragility.py")
    at.run()
    open_tab(at, "fragility_tab", "Et si… des personnes partent")
    assert not at.exception
    assert not has_list(at, "what_if_people")
    at.session_state["what_if_people:open"] = True
    at.run()
    picked = at.multiselect(key="what_if_people")
    assert set(picked.options) == {"Ana Martin", "Ben Roy", HOSTILE}  # the people only
    picked.set_value(["ana"]).run()
    at.session_state["what_if_people:open"] = False
    at.run()
    assert not at.exception and not has_list(at, "what_if_people")
    assert "Ana Martin part" in texts(at)  # Ana's departure is still what is shown
    assert metric(at, "Liens qui s'arrêtent") == "1"  # as on the small map's own test
