"""The Vues page and the map page's panel of saved views (AppTest), on the small map of
``app_helpers``: save a view, open it again, rename, describe, reorder, delete, present;
a viewer presents under pseudonyms and changes nothing."""

from __future__ import annotations

from app_helpers import open_page
from leak_scanner import leaks
from test_anonymise_leaks import anonymised_app, everything, planted  # noqa: F401 - a fixture
from test_signin import explorer, provider, signed_in  # noqa: F401 - provider: a fixture

from ecomap.access import default_author
from ecomap.store.sqlite import SQLiteStore
from ecomap.views.saved import new_view

SAVE = "FormSubmitter:views_save_form-Enregistrer cette vue"


def views_in(path):
    with SQLiteStore(path) as store:
        return store.views()


def shown_counts(at) -> str:
    """The caption under the map: how many nodes and links the picture draws."""
    return next(c.value for c in at.caption if "nœuds et" in c.value)


def save_from_the_map(at, name: str, description: str = ""):
    at.text_input(key="views_save_name").input(name)
    at.text_area(key="views_save_description").input(description)
    at.button(key=SAVE).click()
    return at.run()


def test_the_views_page_without_views_says_how_to_make_one(app):
    at = open_page(app, "views")
    assert not at.exception
    assert at.title[0].value == "Vues"
    assert any("Enregistrer cette vue" in i.value for i in at.info)


def test_save_this_view_then_open_it_again_on_the_map(app, store_path):
    at = app
    at.selectbox(key="map_level").set_value("meso")
    at.selectbox(key="map_focus").set_value("asso")
    at.toggle(key="map_o_fragile").set_value(True)
    at.multiselect(key="map_f_territories").set_value(["Valbourg"])
    at = at.run()
    counts = shown_counts(at)
    at = save_from_the_map(at, "COPIL mars", "Les fragilités")
    assert not at.exception
    assert any("Vue « COPIL mars » enregistrée" in s.value for s in at.success)
    (view,) = views_in(store_path)
    # Nobody signs in: the author is who runs the explorer (as for every change).
    assert (view.name, view.description, view.author) == (
        "COPIL mars", "Les fragilités", default_author())  # fmt: skip
    choices = view.choices
    assert (choices.level.value, choices.focus, choices.overlays, choices.territories) == (
        "meso",
        "asso",
        ["fragile"],
        ["Valbourg"],
    )
    # Everything changed back, then the view brings every choice back.
    at.selectbox(key="map_level").set_value("micro")
    at.selectbox(key="map_focus").set_value(None)
    at.toggle(key="map_o_fragile").set_value(False)
    at.multiselect(key="map_f_territories").set_value([])
    at = at.run()
    assert shown_counts(at) != counts
    at.button(key="views_open").click()
    at = at.run()
    assert not at.exception
    assert at.selectbox(key="map_level").value == "meso"
    assert at.selectbox(key="map_focus").value == "asso"
    assert at.toggle(key="map_o_fragile").value is True
    assert at.multiselect(key="map_f_territories").value == ["Valbourg"]
    assert shown_counts(at) == counts
    assert any("Vue « COPIL mars » ouverte" in s.value for s in at.success)


def test_a_view_naming_what_the_map_lost_opens_and_says_so(app, store_path):
    with SQLiteStore(store_path) as store:
        store.save_view(new_view("Ancienne", {"focus": "parti", "tags": ["marché", "disparu"],
                                               "kinds": ["organisation"]},
                                 positions={"asso": (5.0, 5.0), "parti": (1.0, 1.0)}),
                        author="ana")  # fmt: skip
    at = app.run()
    at.button(key="views_open").click()
    at = at.run()
    assert not at.exception
    said = " ".join(w.value for w in at.warning).replace("\\", "")  # Markdown escapes
    assert "l'acteur sur lequel la vue était centrée (parti) n'est plus dans la carte" in said
    assert "« disparu »" in said
    assert "1 position enregistrée est celle d'un nœud qui n'est plus dans la carte" in said
    assert "la disposition enregistrée avec la vue n'est plus celle de la carte" in said
    assert at.multiselect(key="map_f_tags").value == ["marché"]
    assert at.multiselect(key="map_f_kinds").value == ["organisation"]
    assert at.selectbox(key="map_focus").value is None


def test_rename_describe_reorder_and_delete_on_the_views_page(app, store_path):
    with SQLiteStore(store_path) as store:
        for name in ("Un", "Deux"):
            store.save_view(new_view(name, {}), author="ana")
    at = open_page(app, "views")
    assert not at.exception
    assert list(at.dataframe[0].value["nom"]) == ["Un", "Deux"]
    at.text_input[0].set_value("Premier")
    at.button(key="FormSubmitter:views_rename_form-Renommer").click()
    at = at.run()
    at.text_area[0].set_value("Pour le comité")
    at.button(key="FormSubmitter:views_describe_form-Enregistrer la description").click()
    at = at.run()
    at.button(key="views_down").click()
    at = at.run()
    assert not at.exception
    assert [(v.name, v.description, v.order) for v in views_in(store_path)] == [
        ("Deux", "", 1), ("Premier", "Pour le comité", 2)]  # fmt: skip
    at.selectbox(key="views_selected").set_value(views_in(store_path)[0].id)
    at = at.run()
    at.button(key="views_delete_yes").click()
    at = at.run()
    assert [v.name for v in views_in(store_path)] == ["Premier"]
    assert any("Vue « Deux » supprimée" in s.value for s in at.success)


def test_the_presentation_shows_one_view_after_another_without_editing(app, store_path):
    with SQLiteStore(store_path) as store:
        store.save_view(
            new_view(
                "Fragilités",
                {"overlays": ["fragile"]},
                description="Les liens portés par une personne",
            ),
            author="a",
        )
        store.save_view(new_view("Organisations", {"level": "meso"}), author="a")
    at = open_page(app, "views")
    at.button(key="views_present").click()
    at = at.run()
    assert not at.exception
    assert at.query_params["presenter"] == "1"
    markdown = [m.value for m in at.markdown]
    assert "### Fragilités" in markdown and "1 / 2" in markdown
    assert any("display: none" in m for m in markdown)  # the sidebar and header hidden
    assert at.caption[0].value == "Les liens portés par une personne"
    assert not at.text_input and not at.text_area  # nothing to edit
    assert at.button(key="views_previous").disabled
    at.button(key="views_next").click()
    at = at.run()
    assert "### Organisations" in [m.value for m in at.markdown]
    assert at.button(key="views_next").disabled
    at.button(key="views_leave").click()
    at = at.run()
    assert at.title[0].value == "Vues"


def test_a_viewer_presents_under_pseudonyms_and_changes_nothing(store_path, provider):  # noqa: F811
    with SQLiteStore(store_path) as store:
        store.save_view(new_view("Autour d'Ana Martin", {"focus": "ana", "level": "micro"},
                                 description="Ana Martin et ses liens"), author="a")  # fmt: skip
        revision, log = store.revision, len(store.view_history())
    at = explorer(provider, signed_in("vera@ailleurs.fr", groups=["copil"]))
    at = open_page(at, "views")
    assert not at.exception
    shown = " ".join(str(v) for v in at.dataframe[0].value.to_numpy().ravel())
    assert "Ana Martin" not in shown and "Autour d" in shown
    assert "par" not in at.dataframe[0].value.columns  # editors' emails are not shown
    assert not at.text_input and not at.text_area
    assert not [b for b in at.button if b.key in ("views_up", "views_down", "views_delete_yes")]
    at.button(key="views_present").click()
    at = at.run()
    assert not at.exception
    page = " ".join([m.value for m in at.markdown] + [c.value for c in at.caption])
    assert "Ana Martin" not in page and "Autour d" in page
    (frame,) = at.get("iframe")
    assert "Ana Martin" not in str(frame.proto)
    with SQLiteStore(store_path) as store:
        assert (store.revision, len(store.view_history())) == (revision, log)


def test_under_anonymise_no_view_names_a_person(planted):  # noqa: F811 - a fixture
    with SQLiteStore(planted) as store:
        store.save_view(new_view("Autour de Marc Tissot", {"focus": "marc-tissot", "depth": 2},
                                 description="Ce que porte Marc Tissot avec Élodie Vallet",
                                 positions={"marc-tissot": (0.0, 0.0)}),
                        author="Élodie Vallet")  # fmt: skip
        store.save_view(new_view("Sans Jean-Luc Bouveret", {"focus": "jean-luc-bouveret"}),
                        author="marc-tissot")  # fmt: skip
    at = open_page(anonymised_app(), "views")
    assert not at.exception
    assert "Personne " in everything(at)  # the view's title, under a pseudonym
    assert leaks(everything(at)) == []
    at.button(key="views_present").click()
    at = at.run()
    assert leaks(everything(at)) == []
    at.button(key="views_next").click()
    at = at.run()
    shown = everything(at)
    assert "n'est plus dans la carte" in shown  # the deleted person is not named
    assert leaks(shown) == []
    at.button(key="views_leave").click()
    at = at.run()
    at.button(key="views_open_map").click()
    at = at.run()
    assert not at.exception
    assert at.title[0].value == "Carte du réseau"
    assert at.selectbox(key="map_focus").value is not None  # centred, on a pseudonymous id
    assert leaks(everything(at)) == []
