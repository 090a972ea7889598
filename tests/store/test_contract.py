"""The store contract: what every store backend does, checked through the Store interface only.

Each test takes the ``store`` fixture (``conftest.py``) and so runs once per backend:
the embedded SQLite store always, Neo4j when a server is configured. Nothing here may
depend on how a backend keeps its data.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from ecomap.errors import ConflictError, InputError, StoreError
from ecomap.ingest import import_changes, read_bytes, read_map, template_bytes
from ecomap.model import ACTER_KEYS, Actor, Ecosystem, RecordKind, Relation, Space, Stake
from ecomap.store.base import record_ref

TERRITORY = Path(__file__).resolve().parents[2] / "data" / "territoire-vallee"

ACTOR, STAKE, SPACE, RELATION = (
    RecordKind.ACTOR,
    RecordKind.STAKE,
    RecordKind.SPACE,
    RecordKind.RELATION,
)


def full_map() -> Ecosystem:
    """A small map where every field of every record type is set, custom fields too."""
    eco = Ecosystem()
    for record in (
        Actor(
            id="camille",
            name="Camille Durand",
            kind="person",
            level="meso",  # overrides the person's default (micro)
            category="élue",
            territory="Pays de Brocéliande",
            role="vice-présidente à l'alimentation",
            influence=3.5,
            engagement="driver",
            tags=["alimentation", "marché de plein vent"],
            notes="Rencontrée le 12/01.\nSuit le dossier depuis 2021.",
            lat=48.1173,
            lon=-1.6778,
            extra={"entretien": "2026-01-12", "téléphone préféré": "matin"},
        ),
        Actor(id="cc", name="Communauté de communes", kind="institution", influence=0.0),
        Actor(id="asso", name="Les Jardins partagés", kind="organisation", engagement="follower"),
        Actor(id="coop", name="Coop bio", kind="organisation", tags=["bio"]),
        Stake(
            id="marche",
            name="Marché du centre-bourg",
            description="Garder un marché vivant le samedi",
            extra={"priorité": "haute"},
        ),
        Stake(id="circuits", name="Circuits courts"),
        Stake(id="foncier", name="Foncier agricole"),
        Space(
            id="copil",
            name="Comité de pilotage PAT",
            kind="steering_committee",
            frequency=4.0,
            instituted=True,
            notes="Réunions trimestrielles",
            extra={"salle": "mairie"},
        ),
        Space(id="rex", name="Retours d'expérience", kind="experience_sharing", instituted=False),
        Relation(
            source="camille",
            target="cc",
            type="member_of",
            role="vice-présidente",
            since=date(2020, 7, 1),
            until=date(2026, 6, 30),
            reported_by="entretien DGS, 2026-01",
            visibility="committee",
            notes="mandat en cours",
            extra={"source_doc": "organigramme 2025"},
        ),
        Relation(source="asso", target="cc", type="part_of"),
        Relation(
            source="coop",
            target="asso",
            type="cooperates",
            weight=3,
            formal=False,
            mode="pooling",
            acter_agree=0,
            acter_know=1,
            acter_trust=1.5,
            acter_translate=2,
            acter_evaluate=2.5,
            acter_share=3,
        ),
        Relation(
            id="R7", source="cc", target="coop", type="power", weight=2, power_type="economic"
        ),
        Relation(source="asso", target="coop", type="tension", weight=2, stake="foncier"),
        Relation(source="camille", target="marche", type="stake", stance=-1.5, weight=3),
        Relation(source="coop", target="circuits", type="stake", stance=0),
        Relation(source="asso", target="copil", type="participates", role="facilitator"),
        Relation(source="cc", target="copil", type="participates", visibility="private"),
        Relation(source="marche", target="circuits", type="complements"),
        Relation(source="foncier", target="marche", type="conflicts"),
    ):
        eco.add(record)
    return eco


def actor(id: str, name: str | None = None, **fields) -> Actor:
    return Actor(id=id, name=name or id.upper(), kind=fields.pop("kind", "organisation"), **fields)


def renamed(record, name: str):
    return type(record).model_validate({**record.model_dump(), "name": name})


# -- round trip ---------------------------------------------------------------------
def test_every_field_of_every_record_survives_upsert_and_load(store):
    eco = full_map()
    store.upsert([*eco.actors.values(), *eco.stakes.values(), *eco.spaces.values()])
    store.upsert(eco.relations.values())

    loaded = store.load()

    assert loaded == eco
    for kind in RecordKind:
        stored = loaded.records(kind)
        assert set(stored) == set(eco.records(kind))
        for key, record in eco.records(kind).items():
            assert stored[key].record() == record.record()
    camille = loaded.actors["camille"]
    assert camille.level.value == "meso"
    assert camille.tags == ["alimentation", "marché de plein vent"]
    assert camille.extra == {"entretien": "2026-01-12", "téléphone préféré": "matin"}
    member = loaded.relations['["member_of", "camille", "cc"]']
    assert (member.since, member.until) == (date(2020, 7, 1), date(2026, 6, 30))
    coop = loaded.relations['["cooperates", "asso", "coop"]']
    assert coop.acter() == dict(zip(ACTER_KEYS, [0, 1, 1.5, 2, 2.5, 3], strict=True))
    assert coop.formal is False
    assert loaded.relations["id:R7"].power_type.value == "economic"
    assert loaded.spaces["copil"].instituted is True
    assert loaded.actors["cc"].influence == 0.0


def test_an_empty_store_loads_an_empty_map(store):
    assert store.load() == Ecosystem()
    assert store.history() == []
    assert store.snapshot_list() == []


# -- upsert ---------------------------------------------------------------------------
def test_upserting_the_same_records_again_changes_and_logs_nothing(store):
    eco = full_map()
    records = [*eco.actors.values(), *eco.stakes.values(), *eco.spaces.values(),
               *eco.relations.values()]  # fmt: skip
    first = store.upsert(records)
    revision = store.revision

    assert first is not None
    assert store.upsert(records) is None
    assert store.revision == revision
    assert [c.id for c in store.history()] == [first.id]


def test_an_upsert_replaces_the_whole_record_and_logs_before_and_after(store):
    store.upsert([actor("mairie", "Mairie", kind="institution", tags=["élus"], influence=4)])
    change = store.upsert([actor("mairie", "Mairie de Montfort", kind="institution")])

    assert [i.operation for i in change.items] == ["changed"]
    item = change.items[0]
    assert (item.kind, item.key) == (ACTOR, "mairie")
    assert item.before == {"id": "mairie", "name": "Mairie", "kind": "institution",
                           "level": "macro", "influence": 4.0, "tags": ["élus"]}  # fmt: skip
    assert item.after == {"id": "mairie", "name": "Mairie de Montfort", "kind": "institution",
                          "level": "macro"}  # fmt: skip
    assert store.load().actors["mairie"].tags == []


# -- delete ---------------------------------------------------------------------------
def test_deleting_an_actor_deletes_its_relations_in_the_same_change(store):
    store.import_map(full_map(), snapshot=False)
    doomed = {r.key for r in full_map().relations.values() if "asso" in (r.source, r.target)}
    assert len(doomed) == 4  # part_of, cooperates, tension, participates

    change = store.delete([(ACTOR, "asso")])

    assert {(i.kind, i.key) for i in change.items} == {(ACTOR, "asso")} | {
        (RELATION, key) for key in doomed
    }
    assert all(i.operation == "removed" and i.after is None for i in change.items)
    loaded = store.load()
    assert "asso" not in loaded.actors
    assert not doomed & set(loaded.relations)
    assert len(loaded.relations) == len(full_map().relations) - 4


def test_deleting_a_stake_deletes_the_tensions_about_it(store):
    store.import_map(full_map(), snapshot=False)
    tension = '["tension", "asso", "coop", "foncier"]'

    change = store.delete([(STAKE, "foncier")])

    removed = {i.key for i in change.items if i.kind is RELATION}
    assert removed == {tension, '["conflicts", "foncier", "marche"]'}
    assert tension not in store.load().relations


def test_deleting_what_does_not_exist_is_a_no_op(store):
    store.upsert([actor("a")])
    assert store.delete([(ACTOR, "nobody"), (RELATION, "id:none")]) is None
    assert len(store.history()) == 1


def test_dependents_are_the_relations_a_delete_would_take_along(store):
    store.import_map(full_map(), snapshot=False)
    eco = full_map()

    assert {r.key for r in store.dependents(ACTOR, "coop")} == {
        r.key for r in eco.relations.values() if "coop" in (r.source, r.target)
    }
    assert {r.key for r in store.dependents(STAKE, "foncier")} == {
        '["tension", "asso", "coop", "foncier"]',
        '["conflicts", "foncier", "marche"]',
    }
    assert {r.key for r in store.dependents(SPACE, "rex")} == set()
    deps = store.dependents(SPACE, "copil")
    assert sorted(r.source for r in deps) == ["asso", "cc"]
    assert all(isinstance(r, Relation) for r in deps)


# -- one transaction ------------------------------------------------------------------
def test_a_failing_change_writes_nothing(store):
    first = store.upsert([actor("a"), actor("b")])
    store.upsert([renamed(actor("b"), "B2")])
    before = store.load()

    # Most of the change is fine (a new actor, an edit of "a" read at its current
    # version); deleting "b" is stale: "b" changed after it was read.
    with pytest.raises(ConflictError) as conflict:
        store.apply(
            [actor("c"), renamed(actor("a"), "A2")],
            [(ACTOR, "b")],
            expected={(ACTOR, "a"): first.id, (ACTOR, "b"): first.id},
        )

    assert conflict.value.keys == ["b"]

    assert store.load() == before
    assert len(store.history()) == 2


# -- change log -----------------------------------------------------------------------
def test_the_change_log_lists_every_change_newest_first(store):
    start = datetime.now(UTC) - timedelta(seconds=5)
    added = store.upsert([actor("a"), actor("b")], author="camille", summary="two partners")
    tie = Relation(source="a", target="b", type="cooperates", weight=2)
    linked = store.apply([tie], action="upsert", author="léo")
    gone = store.delete([(ACTOR, "b")], author="camille")

    log = store.history()

    assert [c.id for c in log] == [gone.id, linked.id, added.id]
    assert added.id < linked.id < gone.id
    assert log == [gone, linked, added]
    assert [c.action for c in log] == ["delete", "upsert", "upsert"]
    assert [c.author for c in log] == ["camille", "léo", "camille"]
    assert log[-1].summary == "two partners"
    assert all(c.summary for c in log)
    assert all(c.undone_by is None and c.undoes is None for c in log)
    for change in log:
        assert change.at.utcoffset() == timedelta(0)
        assert start <= change.at <= datetime.now(UTC) + timedelta(seconds=5)
    assert [c.at for c in log] == sorted((c.at for c in log), reverse=True)

    assert {(i.key, i.operation) for i in added.items} == {("a", "added"), ("b", "added")}
    assert all(i.before is None for i in added.items)
    assert linked.items[0].after == tie.record()
    removed = {i.key: i for i in gone.items}
    assert removed["b"].before == actor("b").record()
    assert removed[tie.key].before == tie.record()
    assert store.history(limit=1) == [gone]
    assert store.revision == gone.id


def test_revision_grows_with_every_change_and_only_then(store):
    start = store.revision
    store.upsert([actor("a")])
    one = store.revision
    store.upsert([actor("a")])
    store.snapshot_create("after a")
    assert store.revision == one > start
    store.upsert([actor("b")])
    assert store.revision > one


# -- versions and conflicts -----------------------------------------------------------
def test_versions_are_the_change_that_last_wrote_each_record(store):
    first = store.upsert([actor("a"), actor("b")])
    second = store.upsert([renamed(actor("b"), "B2")])
    refs = [(ACTOR, "a"), (ACTOR, "b"), (ACTOR, "nobody")]

    assert store.versions(refs) == {
        (ACTOR, "a"): first.id,
        (ACTOR, "b"): second.id,
        (ACTOR, "nobody"): None,
    }
    store.delete([(ACTOR, "a")])
    assert store.versions([(ACTOR, "a")]) == {(ACTOR, "a"): None}


def test_a_stale_edit_raises_a_conflict_and_writes_nothing(store):
    store.upsert([actor("mairie", "Mairie")])
    seen = store.versions([(ACTOR, "mairie")])

    # Two editors read the same version; the first saves, the second is stale.
    mine = store.upsert([actor("mairie", "Mairie de Montfort")], expected=seen)
    with pytest.raises(ConflictError) as conflict:
        store.upsert([actor("mairie", "Hôtel de ville")], expected=seen)

    assert conflict.value.keys == ["mairie"]
    assert "mairie" in str(conflict.value)
    assert store.load().actors["mairie"].name == "Mairie de Montfort"
    assert store.history()[0].id == mine.id
    # With the version the first editor left, the edit goes through.
    assert store.upsert([actor("mairie", "Hôtel de ville")], expected=store.versions(seen))


def test_expecting_no_record_conflicts_with_one_created_meanwhile(store):
    store.upsert([actor("new", "Created by someone else")])
    with pytest.raises(ConflictError) as conflict:
        store.upsert([actor("new", "Mine")], expected={(ACTOR, "new"): None})
    assert conflict.value.keys == ["new"]
    assert store.load().actors["new"].name == "Created by someone else"


def test_a_stale_delete_raises_a_conflict(store):
    first = store.upsert([actor("a")])
    store.upsert([renamed(actor("a"), "A2")])
    with pytest.raises(ConflictError):
        store.delete([(ACTOR, "a")], expected={(ACTOR, "a"): first.id})
    assert "a" in store.load().actors


def test_a_conflict_lists_every_stale_record(store):
    first = store.upsert([actor("a"), actor("b"), actor("c")])
    store.upsert([renamed(actor("a"), "A2"), renamed(actor("c"), "C2")])
    expected = {(ACTOR, k): first.id for k in "abc"}
    with pytest.raises(ConflictError) as conflict:
        store.upsert([renamed(actor(k), k * 2) for k in "abc"], expected=expected)
    assert sorted(conflict.value.keys) == ["a", "c"]


# -- undo -----------------------------------------------------------------------------
def test_undo_on_an_empty_log_does_nothing(store):
    assert store.undo() is None
    assert store.history() == []


def test_three_undos_revert_three_changes(store):
    tie = Relation(source="a", target="b", type="cooperates")
    changes = [
        store.upsert([actor("a"), actor("b")]),
        store.upsert([tie, renamed(actor("a"), "A2")]),
        store.delete([(ACTOR, "b")]),
    ]
    states = [Ecosystem()]
    eco = Ecosystem()
    for record in (actor("a"), actor("b")):
        eco.add(record)
    states.append(eco)
    eco = Ecosystem()
    for record in (renamed(actor("a"), "A2"), actor("b"), tie):
        eco.add(record)
    states.append(eco)

    undos = [store.undo(author="camille") for _ in range(3)]

    assert [u.undoes for u in undos] == [c.id for c in reversed(changes)]
    assert all(u.action == "undo" and u.author == "camille" for u in undos)
    assert store.load() == states[0]
    assert store.undo() is None
    log = {c.id: c for c in store.history()}
    for change, undo in zip(reversed(changes), undos, strict=True):
        assert log[change.id].undone_by == undo.id
        assert log[undo.id].undoes == change.id
        assert log[undo.id].undone_by is None


def test_each_undo_restores_the_map_as_it_was_before_that_change(store):
    a, b = actor("a", influence=2), actor("b")
    tie = Relation(source="a", target="b", type="cooperates")
    store.upsert([a, b])
    after_first = store.load()
    store.upsert([tie])
    after_second = store.load()
    store.delete([(ACTOR, "a")])  # takes the tie along

    store.undo()
    assert store.load() == after_second
    store.undo()
    assert store.load() == after_first


def test_undo_items_are_the_reverse_of_the_undone_change(store):
    store.upsert([actor("a"), actor("b")])
    change = store.upsert([renamed(actor("a"), "A2"), actor("c")])

    undo = store.undo()

    items = {i.key: (i.before, i.after) for i in undo.items}
    assert items == {i.key: (i.after, i.before) for i in change.items}


def test_undo_skips_changes_already_undone(store):
    first = store.upsert([actor("a")])
    second = store.upsert([actor("b")])
    assert store.undo().undoes == second.id
    third = store.upsert([actor("c")])

    assert store.undo().undoes == third.id
    assert store.undo().undoes == first.id
    assert store.undo() is None
    assert store.load() == Ecosystem()


def test_an_undone_delete_brings_back_the_relations_it_took(store):
    store.import_map(full_map(), snapshot=False)
    store.delete([(ACTOR, "coop")])
    store.undo()
    assert store.load() == full_map()


# -- import ---------------------------------------------------------------------------
def test_an_import_takes_a_snapshot_and_reimporting_the_same_map_does_nothing(store):
    change = store.import_map(full_map(), author="camille", source="pat.xlsx")

    assert change.action == "import"
    assert change.author == "camille"
    assert "pat.xlsx" in change.summary
    assert {i.operation for i in change.items} == {"added"}
    assert len(change.items) == sum(full_map().counts()[k] for k in
                                    ("actors", "stakes", "spaces", "relations"))  # fmt: skip
    assert [s.name for s in store.snapshot_list()] == [f"import-{change.id}"]
    assert store.load() == full_map()

    assert store.import_map(full_map()) is None
    assert store.import_map(full_map(), replace=True) is None
    assert len(store.history()) == 1
    assert len(store.snapshot_list()) == 1


def test_an_import_merges_and_a_replace_makes_the_store_exactly_the_map(store):
    store.import_map(full_map(), snapshot=False)
    small = Ecosystem()
    for record in (actor("coop", "Coop bio, renamed"), actor("new"),
                   Relation(source="coop", target="new", type="cooperates")):  # fmt: skip
        small.add(record)

    merged = store.import_map(small, snapshot=False)
    assert {(i.key, i.operation) for i in merged.items} == {
        ("coop", "changed"),
        ("new", "added"),
        ('["cooperates", "coop", "new"]', "added"),
    }
    loaded = store.load()
    assert len(loaded.actors) == len(full_map().actors) + 1
    assert loaded.actors["coop"].name == "Coop bio, renamed"

    replaced = store.import_map(small, replace=True, snapshot=False)
    assert replaced.action == "replace"
    assert store.load() == small
    assert all(i.operation == "removed" for i in replaced.items)
    assert store.undo().undoes == replaced.id
    assert store.load() == loaded


# -- a merge import is a patch (DESIGN.md §2 "Merging is patching") ---------------------
def filled_template(actors: list[list], relations: list[list] = (), lang: str = "en") -> bytes:
    """The blank template ``ecomap template`` writes (``--lang en``, or the French one, the
    default), filled in row by row as a user would."""
    book = openpyxl.load_workbook(io.BytesIO(template_bytes(lang=lang)))
    for row in actors:
        book["actors" if lang == "en" else "acteurs"].append(row)
    for row in relations:
        book["relations"].append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def json_map(**lists: list[dict]) -> bytes:
    return json.dumps({"format": "ecomap", "version": 1, **lists}).encode()


def test_adding_three_actors_with_the_blank_template_loses_no_stored_field(store):
    """The acceptance test of a partial import: the blank template, three new actors
    tied to actors already in the sample territory, and a row for one of those with
    only its id, name and kind."""
    territory, _ = read_map(TERRITORY)
    store.import_map(territory, source="territoire-vallee")
    stored = store.load()
    aubrelle = stored.actors["cc-val-aubrelle"]
    kept = ("category", "territory", "influence", "engagement", "tags", "notes", "lat", "lon")
    assert all(getattr(aubrelle, name) for name in kept)  # what a blanking would lose
    # The default template, in French, filled with its drop-down values.
    upload = filled_template(
        actors=[
            ["asso-jardins", "Jardins partagés du Val", "organisation", None, "association",
             "Val d'Aubrelle", None, 2, "contributeur", "alimentation"],
            ["ferme-combes", "Ferme des Combes", "organisation"],
            ["lea-roux", "Léa Roux", "personne", None, None, None, "animatrice", None, "moteur"],
            ["cc-val-aubrelle", aubrelle.name, "institution"],
        ],
        relations=[
            [None, "asso-jardins", "cc-val-aubrelle", "coopère avec", 2],
            [None, "ferme-combes", "cc-val-aubrelle", "rapport de force", None, "économique"],
            [None, "lea-roux", "asso-jardins", "membre de"],
            [None, "lea-roux", "cc-pat", "coopère avec", 3],
            [None, "ferme-combes", "cc-pat", "coopère avec"],
        ],
        lang="fr",
    )  # fmt: skip

    incoming, warnings = read_bytes(upload, "modele.xlsx", onto=stored)  # the first try
    assert warnings == []
    assert import_changes(stored, incoming) == [
        c for c in import_changes(stored, incoming) if c.operation == "added"
    ]
    change = store.import_map(incoming, source="modele.xlsx")

    after = store.load()
    for kind in RecordKind:
        for key, record in stored.records(kind).items():
            assert after.records(kind)[key].record() == record.record(), (kind, key)
    assert after.actors.keys() - stored.actors.keys() == {"asso-jardins", "ferme-combes",
                                                          "lea-roux"}  # fmt: skip
    assert after.actors["lea-roux"].engagement == "driver"
    assert len(after.relations) == len(stored.relations) + 5
    assert {i.operation for i in change.items} == {"added"} and len(change.items) == 8
    assert store.snapshot_list()[-1].name == f"import-{change.id}"
    assert store.snapshot_load(f"import-{change.id}") == after


def test_filled_cells_update_empty_cells_keep_and_the_marker_clears(store):
    store.import_map(full_map(), snapshot=False)
    stored = store.load()
    upload = filled_template(
        actors=[
            # camille: a new territory, her notes and tags cleared, the rest kept.
            ["camille", None, None, None, None, "Rennes Métropole", None, None, None,
             "(vide)", "(EMPTY)"],
        ],
        relations=[
            # The power relation keyed by its id: a new weight, its power_type kept.
            ["R7", "cc", "coop", "power", 3],
            # The tension on foncier, by identity (ends in any order): notes added.
            [None, "coop", "asso", "tension", None, None, None, None, None, "foncier",
             None, None, None, None, None, "depuis 2025"],
        ],
    )  # fmt: skip
    incoming, _ = read_bytes(upload, "modele.xlsx", onto=stored)
    said = [
        (c.key, c.field, c.before, c.after)
        for c in import_changes(stored, incoming)
        if c.kind in (ACTOR, RELATION)
    ]
    tension = '["tension", "asso", "coop", "foncier"]'
    assert said == [
        ("camille", "territory", "Pays de Brocéliande", "Rennes Métropole"),
        ("camille", "tags", ["alimentation", "marché de plein vent"], None),
        ("camille", "notes", "Rencontrée le 12/01.\nSuit le dossier depuis 2021.", None),
        (tension, "notes", None, "depuis 2025"),  # identities sort "[" before "id:"
        ("id:R7", "weight", 2.0, 3.0),
    ]
    change = store.import_map(incoming, snapshot=False)
    assert {(i.key, i.operation) for i in change.items} == {
        ("camille", "changed"), ("id:R7", "changed"), (tension, "changed")
    }  # fmt: skip

    after = store.load()
    camille = after.actors["camille"]
    assert (camille.territory, camille.tags, camille.notes) == ("Rennes Métropole", [], None)
    unchanged = stored.actors["camille"].model_copy(
        update={"territory": "Rennes Métropole", "tags": [], "notes": None}
    )
    assert camille == unchanged  # name, kind, level, role, lat, lon, custom fields kept
    assert after.relations["id:R7"].power_type == "economic"
    assert after.relations[tension].weight == 2 and after.relations[tension].notes
    for key in stored.relations.keys() - {"id:R7", tension}:
        assert after.relations[key] == stored.relations[key]


def test_a_patch_clears_custom_fields_and_json_leaves_out_what_it_keeps(store):
    store.import_map(full_map(), snapshot=False)
    stored = store.load()
    upload = json_map(
        actors=[{"id": "camille", "entretien": "(vide)", "role": "présidente"}],
        spaces=[{"id": "copil", "frequency": 6}],
        relations=[],
    )
    incoming, _ = read_bytes(upload, "patch.json", onto=stored)
    store.import_map(incoming, snapshot=False)
    after = store.load()
    camille, copil = after.actors["camille"], after.spaces["copil"]
    assert camille.extra == {"téléphone préféré": "matin"}
    assert camille.role == "présidente" and camille.notes == stored.actors["camille"].notes
    assert (copil.frequency, copil.instituted, copil.extra) == (6.0, True, {"salle": "mairie"})


def test_a_patch_names_unknown_ids_and_broken_rules_with_file_line_and_column(store):
    store.import_map(full_map(), snapshot=False)
    stored = store.load()
    upload = filled_template(
        actors=[
            ["nouvelle", "Nouvelle asso"],  # new: needs a kind
            ["cc", None, "(vide)"],  # a kind cannot be cleared
            ["camille", None, "organisation"],  # breaks her stored member_of
            ["marche", "Marché", "organisation"],  # the id of a stored stake
        ],
        relations=[
            [None, "nouvelle", "cc-inconnue", "cooperates"],
            [None, "coop", "cc", "power"],  # a new power relation needs its power_type
        ],
    )  # fmt: skip
    with pytest.raises(InputError) as error:
        read_bytes(upload, "modele.xlsx", onto=stored)
    found = {(i.file, i.line, i.column, i.value) for i in error.value.issues}
    assert found == {
        ("modele.xlsx:actors", 2, "kind", ""),
        ("modele.xlsx:actors", 3, "kind", ""),
        ("modele.xlsx:actors", 4, "kind", "organisation"),
        ("modele.xlsx:actors", 5, "id", "marche"),
        ("modele.xlsx:relations", 2, "target", "cc-inconnue"),
        ("modele.xlsx:relations", 3, "power_type", None),
    }
    messages = {i.line: i.message for i in error.value.issues if i.file.endswith("actors")}
    assert "member_of" in messages[4] and "camille" in messages[4]
    assert "stake" in messages[5]


def test_an_import_and_its_snapshot_are_saved_together_or_not_at_all(store, monkeypatch):
    store.import_map(full_map(), snapshot=False)
    before, log = store.load(), store.history()
    more = Ecosystem()
    more.add(actor("new"))

    def no_room(*args, **kwargs):
        raise StoreError("the disk is full; nothing was written")

    monkeypatch.setattr(store, "_snapshot_create", no_room)
    with pytest.raises(StoreError, match="disk is full"):
        store.import_map(more)
    assert store.load() == before
    assert store.history() == log
    monkeypatch.undo()
    # Nothing was saved, so the same import again is not a no-op: it writes both.
    change = store.import_map(more)
    assert change is not None
    assert [s.name for s in store.snapshot_list()] == [f"import-{change.id}"]


def test_an_import_writes_only_the_map_its_preview_was_read_from(store):
    store.import_map(full_map(), snapshot=False)
    seen = store.revision
    stored = store.load()
    upload = filled_template(actors=[["coop", None, None, None, None, "Lernay"]])
    incoming, _ = read_bytes(upload, "modele.xlsx", onto=stored)
    store.upsert([stored.actors["coop"].model_copy(update={"notes": "saved meanwhile"})])
    edited = store.load()

    with pytest.raises(ConflictError, match="changed since this import was previewed"):
        store.import_map(incoming, revision=seen)
    assert store.load() == edited
    assert store.import_map(incoming, revision=store.revision) is not None


# -- snapshots ------------------------------------------------------------------------
def test_snapshots_are_listed_oldest_first_with_counts_and_load_as_they_were(store):
    store.import_map(full_map(), snapshot=False)
    first = store.snapshot_create("before the review", note="COPIL de mars")
    store.delete([(ACTOR, "coop")])
    store.snapshot_create("after the review")

    infos = store.snapshot_list()

    assert [s.name for s in infos] == ["before the review", "after the review"]
    assert infos[0].note == "COPIL de mars"
    assert infos[1].note is None
    assert infos[0] == first
    counts = full_map().counts()
    assert infos[0].counts == {k: counts[k] for k in ("actors", "stakes", "spaces", "relations")}
    assert infos[1].counts["actors"] == counts["actors"] - 1
    assert infos[1].counts["relations"] == counts["relations"] - 4  # coop's four ties
    assert infos[0].at <= infos[1].at
    assert store.snapshot_load("before the review") == full_map()
    assert "coop" not in store.snapshot_load("after the review").actors


def test_a_snapshot_name_is_taken_once(store):
    store.upsert([actor("a")])
    store.snapshot_create("COPIL 2026")
    store.upsert([actor("b")])
    with pytest.raises(StoreError, match="COPIL 2026"):
        store.snapshot_create("COPIL 2026")
    assert store.snapshot_load("COPIL 2026").actors.keys() == {"a"}
    assert len(store.snapshot_list()) == 1


def test_loading_a_missing_snapshot_names_the_ones_there_are(store):
    with pytest.raises(StoreError, match="no snapshot named"):
        store.snapshot_load("anything")
    store.snapshot_create("janvier")
    store.snapshot_create("février")
    with pytest.raises(StoreError, match="no snapshot named") as error:
        store.snapshot_load("mars")
    assert "mars" in str(error.value)
    assert "janvier" in str(error.value) and "février" in str(error.value)


def test_restoring_a_snapshot_is_a_change_that_can_be_undone(store):
    store.import_map(full_map(), snapshot=False)
    store.snapshot_create("reference")
    store.delete([(ACTOR, "camille")])
    store.upsert([actor("newcomer")])
    edited = store.load()

    restore = store.snapshot_restore("reference", author="léo")

    assert restore.action == "restore"
    assert restore.author == "léo"
    assert "reference" in restore.summary
    assert store.load() == full_map()
    assert store.snapshot_restore("reference") is None
    store.undo()
    assert store.load() == edited


# -- hostile text ---------------------------------------------------------------------
HOSTILE = [
    "x'}) DETACH DELETE n //",
    "q\"uo'te",
    "`backtick` MATCH (n) RETURN n",
    "line\nbreak\r\nand\ttab",
    "émoji 🤝🌾 ok",
    "שלום مرحبا",  # right-to-left scripts
    "<script>alert('x')</script>",
    "'; DROP TABLE actors; --",
    "$param {curly} [square] \\backslash",
]


def test_hostile_ids_and_text_are_stored_verbatim(store):
    eco = Ecosystem()
    for i, text in enumerate(HOSTILE):
        eco.add(Actor(id=text, name=text, kind="person", notes=text, tags=[text],
                      extra={text: text}))  # fmt: skip
        eco.add(Stake(id=f"stake {i} {text}", name=text, description=text))
        eco.add(Relation(source=text, target=f"stake {i} {text}", type="stake", stance=1,
                         notes=text, reported_by=text))  # fmt: skip
    for left, right in zip(HOSTILE, HOSTILE[1:], strict=False):
        eco.add(Relation(source=left, target=right, type="tension", notes=right))
    eco.add(Relation(id=HOSTILE[0], source=HOSTILE[1], target=HOSTILE[2], type="power",
                     power_type="political"))  # fmt: skip

    store.import_map(eco, author=HOSTILE[0], snapshot=False)

    assert store.load() == eco
    assert store.history()[0].author == HOSTILE[0]
    for text in HOSTILE:
        assert store.versions([(ACTOR, text)])[(ACTOR, text)] is not None
        assert {r.key for r in store.dependents(ACTOR, text)} == {
            r.key for r in eco.relations_of(text)
        }
    store.snapshot_create(HOSTILE[0], note=HOSTILE[6])
    assert store.snapshot_list()[0].name == HOSTILE[0]
    assert store.snapshot_list()[0].note == HOSTILE[6]
    assert store.snapshot_load(HOSTILE[0]) == eco

    change = store.delete([(ACTOR, HOSTILE[0])])
    assert (ACTOR, HOSTILE[0]) in {(i.kind, i.key) for i in change.items}
    loaded = store.load()
    assert HOSTILE[0] not in loaded.actors
    assert len(loaded.actors) == len(HOSTILE) - 1
    assert set(loaded.relations) == {
        k for k, r in eco.relations.items() if HOSTILE[0] not in (r.source, r.target)
    }


def test_relation_refs_use_the_relation_identity(store):
    store.upsert([actor("a"), actor("b")])
    tie = Relation(source="b", target="a", type="cooperates")
    store.upsert([tie])
    ref = record_ref(tie)
    assert ref == (RELATION, '["cooperates", "a", "b"]')
    assert store.versions([ref])[ref] == store.revision
    assert store.delete([ref]).items[0].before == tie.record()
    assert store.load().relations == {}


def test_history_without_items_counts_them_and_one_change_reads_whole(store):
    """A list of changes need not read every record of a large import: ``items=False``
    gives the same changes with ``item_count`` instead of their items, and ``change``
    reads one change whole."""
    imported = store.import_map(full_map(), snapshot=False)
    edit = store.upsert([renamed(actor("a"), "A2"), actor("c")])
    store.undo()

    light = store.history(items=False)
    whole = store.history()
    assert [c.id for c in light] == [c.id for c in whole]
    for short, full in zip(light, whole, strict=True):
        assert short.items == () and short.item_count == len(full.items) > 0
        assert short.size == full.size == len(full.items)
        assert (short.action, short.summary, short.undone_by, short.undoes) == (
            full.action, full.summary, full.undone_by, full.undoes
        )  # fmt: skip
    every_record = sum(len(full_map().records(kind)) for kind in RecordKind)
    assert light[-1].size == len(imported.items) == every_record
    by_id = {c.id: c for c in whole}
    assert store.change(edit.id) == by_id[edit.id]  # now marked undone
    assert store.change(edit.id).items == edit.items
    assert store.change(imported.id) == imported == by_id[imported.id]
    assert store.change(max(c.id for c in whole) + 1) is None


def test_the_pseudonym_key_is_made_once_and_kept(store):
    assert store.setting("pseudonym_key") is None
    key = store.pseudonym_key()
    assert isinstance(key, bytes) and len(key) == 32
    assert store.pseudonym_key() == key
    assert store.setting("pseudonym_key") == key.hex()
    # Keeping a setting never overwrites the one held (two first uses at once agree).
    assert store.keep_setting("pseudonym_key", "00" * 32) == key.hex()
    assert store.pseudonym_key() == key
    # The key is the store's, not the map's: changes, undo and restores leave it alone.
    store.import_map(full_map())
    store.undo()
    assert store.pseudonym_key() == key
    assert store.revision == 2
