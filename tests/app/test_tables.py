"""Records as tables and forms (ecomap.views.tables), and the interface's catalogue."""

from __future__ import annotations

import math
import re
from pathlib import Path

from app_helpers import small_map

from ecomap.model import RecordKind
from ecomap.ui_text import TEXT
from ecomap.views.tables import check_changes, compare_maps, editor_changes, records_frame

ROOT = Path(__file__).resolve().parents[2]


def test_frame_has_typed_columns_and_keys():
    eco = small_map()
    frame, keys = records_frame(RecordKind.RELATION, eco.relations.values())
    assert keys == list(eco.relations)
    assert frame["weight"].dtype == float
    assert frame.loc[keys.index('["cooperates", "ana", "ben"]'), "weight"] == 2.0
    assert math.isnan(frame.loc[0, "stance"])  # member_of: no stance
    assert frame.loc[keys.index('["cooperates", "asso", "mairie"]'), "formal"] is True


def test_emptied_cell_clears_the_field():
    eco = small_map()
    frame, keys = records_frame(RecordKind.ACTOR, eco.actors.values())
    row = keys.index("ana")
    changes = editor_changes(RecordKind.ACTOR, frame, keys, eco.actors,
                             {"edited_rows": {row: {"role": None}}})  # fmt: skip
    done = check_changes(eco, RecordKind.ACTOR, changes, {("actor", "ana"): 1}, where="t")
    assert done.errors == []
    assert done.upserts[0].role is None and done.upserts[0].name == "Ana Martin"


def test_versions_read_become_expected_and_new_records_must_not_exist():
    eco = small_map()
    versions = {("actor", "ana"): 4}
    done = check_changes(
        eco,
        RecordKind.ACTOR,
        [(1, "ana", {"id": "ana", "name": "Ana", "kind": "person"}),
         (7, None, {"id": "zoe", "name": "Zoé", "kind": "personne"})],
        versions,
        where="t",
    )  # fmt: skip
    assert done.expected == {(RecordKind.ACTOR, "ana"): 4, (RecordKind.ACTOR, "zoe"): None}
    assert [a.id for a in done.upserts] == ["ana", "zoe"]


def test_duplicate_new_rows_and_renamed_actor_with_relations_are_errors():
    eco = small_map()
    done = check_changes(
        eco,
        RecordKind.ACTOR,
        [(7, None, {"id": "zoe", "name": "Zoé", "kind": "person"}),
         (8, None, {"id": "zoe", "name": "Zoé bis", "kind": "person"}),
         (2, "ana", {"id": "anna", "name": "Ana", "kind": "person"})],
        {},
        where="tableau",
        lang="fr",
    )  # fmt: skip
    lines = sorted((i.line, i.column) for i in done.errors)
    assert lines == [(2, "id"), (8, "id")]
    assert done.upserts == [] and done.expected == {}  # nothing is written on error


def test_relation_identity_change_deletes_the_old_one():
    eco = small_map()
    key = '["tension", "coop", "mairie"]'
    fields = {"type": "tension", "source": "mairie", "target": "asso", "weight": 2}
    done = check_changes(eco, RecordKind.RELATION, [(1, key, fields)], {("relation", key): 3},
                         where="t")  # fmt: skip
    assert done.deletes == [(RecordKind.RELATION, key)]
    assert done.expected == {(RecordKind.RELATION, key): 3,
                             (RecordKind.RELATION, '["tension", "asso", "mairie"]'): None}  # fmt: skip


def test_compare_for_replace_counts_removals():
    current, incoming = small_map(), small_map()
    del incoming.actors["hostile"]
    incoming.relations = {
        k: r for k, r in incoming.relations.items() if "hostile" not in (r.source, r.target)
    }
    table = compare_maps(current, incoming, replace=True).set_index("kind")
    assert table.loc["actor"].tolist() == [0, 0, 5, 1]
    assert table.loc["relation"].tolist() == [0, 0, 9, 2]
    merge = compare_maps(current, incoming, replace=False).set_index("kind")
    assert merge.loc["relation", "removed"] == 0


def _forms(template) -> list[str]:
    """A template's texts: itself, or each of its plural forms."""
    return list(template.values()) if isinstance(template, dict) else [template]


def test_french_catalogue_is_complete():
    assert set(TEXT["fr"]) == set(TEXT["en"])
    assert all(form.strip() for k in TEXT["fr"] for form in _forms(TEXT["fr"][k]))
    for key in TEXT["en"]:  # the same placeholders in both languages, in every form
        placeholders = [set(re.findall(r"{(\w+)}", f)) for f in _forms(TEXT["en"][key])]
        placeholders += [set(re.findall(r"{(\w+)}", f)) for f in _forms(TEXT["fr"][key])]
        assert all(p == placeholders[0] for p in placeholders), key
        # Plural forms are chosen by a count: there is an "other" form and a count.
        for lang in ("en", "fr"):
            if isinstance(TEXT[lang][key], dict):
                assert "other" in TEXT[lang][key] and placeholders[0] & {"n", "count"}, key


def test_no_hand_made_plural_is_left():
    """ "ligne(s)" reads badly: counts choose a plural form instead."""
    for lang in ("en", "fr"):
        for key, template in TEXT[lang].items():
            for form in _forms(template):
                assert "(s)" not in form, (lang, key)


def test_every_word_the_pages_ask_for_exists():
    used = set()
    for path in [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py")]:
        source = path.read_text()
        used |= set(re.findall(r"\bt\(\s*\"([a-z_0-9-]+)\"", source))
        used |= set(re.findall(r"\(\"(col_[a-z_]+)\",", source))
        used |= set(re.findall(r"page\([^,]+,\s*\"(page_[a-z_]+)\"", source))
    missing = sorted(k for k in used if k not in TEXT["en"])
    assert missing == []
    assert len(used) > 150
