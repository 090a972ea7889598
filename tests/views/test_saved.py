"""Saved views: what a view may hold, what the map no longer holds, the rules of the list.

Expected values are read off the inputs by hand.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from ecomap.model import ActorKind, Level, RelationType
from ecomap.views import network
from ecomap.views.saved import (
    OVERLAYS,
    SIZE_MEASURES,
    MapChoices,
    Problem,
    ViewError,
    check_choices,
    check_positions,
    describe,
    described,
    in_order,
    new_view,
    read_choices,
    removed,
    renamed,
    reordered,
    saved,
    view_from_record,
    view_record,
)


def test_the_choices_match_the_map_pages_measures():
    assert SIZE_MEASURES == network.SIZE_MEASURES
    assert OVERLAYS == ("fragile", "key_people", "bridges", "imbalances")


def test_choices_take_only_known_keys_and_enum_values():
    choices = MapChoices(level="macro", kinds=["person"], relation_types=["tension"],
                         overlays=["bridges"], size_by="structural_power", depth=3)  # fmt: skip
    assert choices.level is Level.MACRO
    assert choices.kinds == [ActorKind.PERSON]
    assert choices.relation_types == [RelationType.TENSION]
    for bad in ({"zoom": 2}, {"level": "galaxy"}, {"overlays": ["halo"]}, {"depth": 9},
                {"size_by": "age"}, {"kinds": ["robot"]}, {"focus": "  "}):  # fmt: skip
        with pytest.raises(ValidationError):
            MapChoices(**bad)


def test_reading_a_stored_view_never_fails_and_says_what_it_left_out():
    choices, problems = read_choices({
        "level": "meso", "kinds": ["person", "robot"], "overlays": ["fragile", "halo"],
        "depth": 12, "glow": True, "size_by": "age",
    })  # fmt: skip
    assert choices.level is Level.MESO
    assert choices.kinds == [ActorKind.PERSON]
    assert choices.overlays == ["fragile"]
    assert choices.depth == 1 and choices.size_by == "degree"  # back to the defaults
    assert sorted(p.code for p in problems) == ["bad_item", "bad_item", "bad_value",
                                               "bad_value", "unknown_choice"]  # fmt: skip
    words = [describe(p, "fr") for p in problems]
    assert any("« glow » est inconnu" in w for w in words)
    assert any("'robot' dans « kinds »" in w for w in words)
    nothing, problems = read_choices("not an object")
    assert nothing == MapChoices() and [p.code for p in problems] == ["not_an_object"]


def test_values_the_map_no_longer_holds_are_left_out_and_reported():
    choices = MapChoices(focus="marc-tissot", territories=["Valbourg", "Lernay"],
                         tags=["bio", "ancien"], stakes=["marche", "gare"],
                         color_by="quartier")  # fmt: skip
    kept, problems = check_choices(
        choices, actors=["ana"], territories=["Valbourg"], tags=["bio"], stakes=["marche"],
        colour_fields=["level", "kind"],
    )  # fmt: skip
    assert kept.focus is None
    assert kept.territories == ["Valbourg"] and kept.tags == ["bio"] and kept.stakes == ["marche"]
    assert kept.color_by == "level"
    words = [describe(p, "fr") for p in problems]
    assert words == [
        "l'acteur sur lequel la vue était centrée (marc-tissot) n'est plus dans la carte : "
        "toute la carte est montrée",
        "territoires qui ne sont plus dans la carte, retirés du filtre : « Lernay »",
        "étiquettes qui ne sont plus utilisées, retirées du filtre : « ancien »",
        "1 enjeu n'est plus dans la carte, retiré du filtre",
        "le champ « quartier » qui donnait les couleurs n'est plus dans la carte : les "
        "couleurs montrent le niveau",
    ]


def test_under_pseudonyms_a_gone_actor_is_not_named():
    _, problems = check_choices(MapChoices(focus="marc-tissot"), actors=[], territories=[],
                                tags=[], stakes=[], colour_fields=["level"],
                                names_hidden=True)  # fmt: skip
    (said,) = [describe(p, "en") for p in problems]
    assert "marc" not in said and "no longer in the map" in said


def test_nothing_to_report_when_the_map_holds_everything():
    choices = MapChoices(focus="ana", tags=["bio"])
    kept, problems = check_choices(choices, actors=["ana"], territories=[], tags=["bio"],
                                   stakes=[], colour_fields=["level"])  # fmt: skip
    assert kept == choices and problems == []


def test_positions_of_gone_nodes_are_counted():
    kept, problems = check_positions({"a": (1.0, 2.0), "b": (3.0, 4.0), "c": (0, 0)}, ["a"])
    assert kept == {"a": (1.0, 2.0)}
    assert describe(problems[0], "fr") == (
        "2 positions enregistrées sont celles de nœuds qui ne sont plus dans la carte"
    )


def test_a_record_round_trips_and_a_newer_versions_settings_are_kept_aside():
    view = new_view("COPIL", {"level": "meso", "overlays": ["fragile"]}, description="Mars",
                    positions={"ana": (1.5, -2.0)}, author="ana@agglo.fr")  # fmt: skip
    back, problems = view_from_record(view_record(view))
    assert back == view and problems == []
    record = view_record(view)
    record["choices"]["heatmap"] = "on"
    back, problems = view_from_record(record)
    assert back.choices == view.choices
    assert [p.code for p in problems] == ["unknown_choice"]


def test_names_are_unique_whatever_their_case_and_spaces():
    first = saved([], new_view("COPIL mars", {}))
    with pytest.raises(ViewError, match="already exists"):
        saved(first, new_view("  copil MARS ", {}))
    replaced = saved(first, new_view("copil mars", {"level": "macro"}), overwrite=True)
    assert len(replaced) == 1
    assert replaced[0].id == first[0].id and replaced[0].created == first[0].created
    assert replaced[0].choices.level is Level.MACRO


def test_rename_describe_remove_reorder():
    views = saved(saved(saved([], new_view("a", {})), new_view("b", {})), new_view("c", {}))
    assert [v.order for v in views] == [1, 2, 3]
    with pytest.raises(ViewError, match="already exists"):
        renamed(views, "a", "B")
    views = renamed(views, "a", "A", author="bob")  # a change of case alone is allowed
    assert views[0].name == "A" and views[0].updated_by == "bob"
    views = described(views, "b", "  Pour le copil  ")
    assert views[1].description == "Pour le copil"
    views = reordered(views, ["c", "a", "b"])
    assert [v.name for v in in_order(views)] == ["c", "A", "b"]
    with pytest.raises(ViewError, match="every view once"):
        reordered(views, ["c", "a"])
    with pytest.raises(ViewError, match="no view named"):
        removed(views, "z")
    assert [v.name for v in removed(views, "A")] == ["c", "b"]


def test_names_and_descriptions_are_checked():
    with pytest.raises(ViewError, match="needs a name"):
        new_view("   ", {})
    with pytest.raises(ViewError, match="at most 120"):
        new_view("x" * 121, {})
    with pytest.raises(ViewError, match="au plus 2"):
        new_view("x", {}, description="y" * 2001, lang="fr")


def test_problems_are_said_in_both_languages():
    problem = Problem("stakes_gone", {"n": 2})
    assert describe(problem, "en") == "2 stakes no longer in the map, left out of the filter"
    assert describe(problem, "fr") == "2 enjeux ne sont plus dans la carte, retirés du filtre"
