"""The anonymised view: every page shows people under pseudonyms, and editing is off."""

from __future__ import annotations

from app_helpers import HOSTILE, map_html, network_data, open_page, texts

PEOPLE = ("Ana Martin", "Ben Roy", HOSTILE)


def test_switch_hides_people_on_the_map_and_in_analyses(app):
    app.toggle(key="anonymise").set_value(True).run()
    assert not app.exception
    nodes = network_data(map_html(app), "nodes")
    labels = " ".join(str(n.get("label", "")) + str(n.get("title", "")) for n in nodes)
    assert "Personne " in labels and "Mairie de Valbourg" in labels
    for person in PEOPLE:
        assert person not in labels
    at = open_page(app, "fragility")
    assert not at.exception
    shown = texts(at) + " ".join(str(df.value) for df in at.dataframe)
    for person in PEOPLE:
        assert person not in shown


def test_switch_turns_editing_off_and_back_on(app):
    at = open_page(app, "actors")
    assert len(at.data_editor) == 1
    at.toggle(key="anonymise").set_value(True).run()
    assert not at.exception
    assert not at.data_editor
    at.toggle(key="anonymise").set_value(False).run()
    assert len(at.data_editor) == 1
