"""Reading a file as a patch on a stored map, and the changes an import would make.

The store side (the same patch through SQLite and Neo4j, the blank template on the
sample territory) is in tests/store/test_contract.py; here, what needs no store.
"""

from __future__ import annotations

import pytest

from ecomap.errors import InputError
from ecomap.ingest import describe_change, import_changes
from ecomap.ingest.readers import read_csv
from ecomap.ingest.validation import build_map
from ecomap.model import Actor, Ecosystem, Relation


def tables(actors: str, relations: str = "source,target,type\n"):
    return [
        read_csv(actors.encode(), "actor", "actors.csv")[0],
        read_csv(relations.encode(), "relation", "relations.csv")[0],
    ]


def stored_map() -> Ecosystem:
    eco = Ecosystem()
    for record in (
        Actor(id="cc", name="CC du Val", kind="institution", territory="Val", notes="PAT",
              tags=["pat"], influence=4),
        Actor(id="asso", name="Asso", kind="organisation"),
        Relation(source="asso", target="cc", type="cooperates", weight=2, notes="depuis 2024"),
    ):  # fmt: skip
        eco.add(record)
    return eco


@pytest.mark.parametrize("marker", ["(vide)", "(empty)", " (VIDE) ", "(Empty)"])
def test_without_a_store_the_marker_reads_as_an_empty_cell(marker):
    eco, issues = build_map(tables(f"id,name,kind,notes\na,Ana,person,{marker}\n"))
    assert issues == [] and eco.actors["a"].notes is None


def test_without_a_store_an_unknown_id_is_an_error_as_before():
    _, issues = build_map(
        tables("id,name,kind\na,Ana,person\n", "source,target,type\na,cc,cooperates\n")
    )
    assert [(i.line, i.column, i.value) for i in issues] == [(2, "target", "cc")]


def test_text_that_only_contains_the_marker_is_kept():
    eco, _ = build_map(tables('id,name,kind,notes\na,Ana,person,"écrit (vide) exprès"\n'))
    assert eco.actors["a"].notes == "écrit (vide) exprès"


def test_a_patch_changes_only_what_it_fills_and_the_changes_say_so_in_french():
    stored = stored_map()
    patch = tables(
        "id,territory,notes,influence\ncc,Val d'Aubrelle,(vide),\n",
        "source,target,type,weight\ncc,asso,cooperates,3\n",
    )
    eco, issues = build_map(patch, onto=stored)
    assert issues == []
    assert eco.actors["cc"] == stored.actors["cc"].model_copy(
        update={"territory": "Val d'Aubrelle", "notes": None}
    )
    [relation] = eco.relations.values()
    assert (relation.source, relation.target, relation.notes) == ("asso", "cc", "depuis 2024")
    said = [describe_change(c, "fr") for c in import_changes(stored, eco)]
    assert said == [
        "acteur cc : territory 'Val' → \"Val d'Aubrelle\"",
        "acteur cc : notes 'PAT' → (vide)",
        "relation cooperates asso — cc : weight '2' → '3'",
    ]


def test_a_replace_lists_what_it_removes():
    stored = stored_map()
    eco, _ = build_map(tables("id,name,kind\nasso,Asso,organisation\n"))
    changes = import_changes(stored, eco, replace=True)
    assert [(c.label, c.operation) for c in changes] == [
        ("cc", "removed"),
        ("cooperates asso — cc", "removed"),
    ]


def test_a_patch_may_not_clear_what_a_record_needs():
    _, issues = build_map(tables("id,name\ncc,(vide)\n"), onto=stored_map())
    assert [(i.line, i.column, i.message) for i in issues] == [(2, "name", "a value is needed")]
    with pytest.raises(InputError):
        from ecomap.ingest import check_map

        check_map(tables("id,name\ncc,(vide)\n"), [], onto=stored_map())
