"""Records as editable tables and forms, and edits turned back into checked records.

The explorer's data pages show each kind of record as a table and as a form. This
module holds what those screens need without any interface code:

- :data:`FIELDS` — every field of each kind with how it is entered (text, a choice
  among an enum's values, yes/no, a node of the map);
- :func:`records_frame` — records as a table, one column per field and custom field;
- :func:`editor_changes` — the rows a table editor changed or added, as field values;
- :func:`check_changes` — those values checked with the importer's own rules and
  words (:func:`ecomap.ingest.validate_record`), ready for one :meth:`Store.apply`
  with the versions the editor read (``expected``);
- :func:`compare_maps` — what importing a map would add, change and remove.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

import pandas as pd

from ecomap.errors import Issue
from ecomap.i18n import label, number, say
from ecomap.ingest import validate_record
from ecomap.model import (
    ACTER_KEYS,
    COLUMNS,
    ActorKind,
    CooperationMode,
    Ecosystem,
    Engagement,
    Level,
    ParticipationRole,
    PowerType,
    RecordKind,
    RelationType,
    SpaceKind,
    Visibility,
)
from ecomap.ui_text import text

__all__ = [
    "Field",
    "display_frame",
    "FIELDS",
    "ChangeSet",
    "record_key",
    "record_fields",
    "records_frame",
    "editor_changes",
    "check_changes",
    "compare_maps",
]

MESSAGES = {
    "en": {
        "duplicate": "this {what} appears twice among the rows being saved",
        "relation": "relation",
        "node": "identifier",
    },
    "fr": {
        "duplicate": "cet {what} apparaît deux fois dans les lignes enregistrées",
        "relation": "lien",
        "node": "identifiant",
    },
}


@dataclass(frozen=True)
class Field:
    """One field of a record as a form or a table column shows it.

    ``widget``: ``text``, ``area`` (long text), ``number`` (typed as in a spreadsheet,
    decimal comma accepted), ``enum`` (one of ``enum``'s values), ``bool`` (yes/no) or
    ``node`` (an id of the map; ``nodes`` says which: ``any`` or ``stake``).
    """

    name: str
    widget: str = "text"
    enum: type[StrEnum] | None = None
    required: bool = False
    nodes: str | None = None


def _f(name: str, widget: str = "text", enum: type[StrEnum] | None = None, **kw: Any) -> Field:
    return Field(name, widget, enum, **kw)


FIELDS: dict[RecordKind, tuple[Field, ...]] = {
    RecordKind.ACTOR: (
        _f("id", required=True), _f("name", required=True),
        _f("kind", "enum", ActorKind, required=True), _f("level", "enum", Level),
        _f("category"), _f("territory"), _f("role"), _f("influence", "number"),
        _f("engagement", "enum", Engagement), _f("tags"), _f("notes", "area"),
        _f("lat", "number"), _f("lon", "number"),
    ),
    RecordKind.STAKE: (_f("id", required=True), _f("name", required=True),
                       _f("description", "area")),
    RecordKind.SPACE: (
        _f("id", required=True), _f("name", required=True), _f("kind", "enum", SpaceKind),
        _f("frequency", "number"), _f("instituted", "bool"), _f("notes", "area"),
    ),
    RecordKind.RELATION: (
        _f("type", "enum", RelationType, required=True),
        _f("source", "node", required=True, nodes="any"),
        _f("target", "node", required=True, nodes="any"),
        _f("weight", "number"), _f("power_type", "enum", PowerType),
        _f("stance", "number"), _f("formal", "bool"), _f("mode", "enum", CooperationMode),
        _f("stake", "node", nodes="stake"), _f("role"), _f("since"), _f("until"),
        _f("reported_by"), _f("visibility", "enum", Visibility), _f("notes", "area"),
        _f("id"), *(_f(k, "number") for k in ACTER_KEYS),
    ),
}  # fmt: skip

#: Roles a ``participates`` relation may have (the ``role`` field is free text otherwise).
PARTICIPATION_ROLES = tuple(r.value for r in ParticipationRole)


def record_key(kind: RecordKind, record: Any) -> str:
    """A node's id, or a relation's identity."""
    return record.key if RecordKind(kind) is RecordKind.RELATION else record.id


def record_fields(kind: RecordKind, record: Any) -> dict[str, Any]:
    """A record's values by field (typed), plus ``extra`` (its custom fields)."""
    values = {f.name: getattr(record, f.name) for f in FIELDS[RecordKind(kind)]}
    values = {k: v for k, v in values.items() if v is not None and v != []}
    values["extra"] = dict(record.extra)
    return values


def _cell(value: Any) -> Any:
    """A value as a table cell: enums as their value, tags joined, dates as ISO text."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list):
        return "|".join(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def records_frame(kind: RecordKind, records: Iterable[Any]) -> tuple[pd.DataFrame, list[str]]:
    """Records as a table and the key of each row (a node's id, a relation's identity).

    Columns: the kind's fields in file order, then custom fields, sorted. Number fields
    are float columns (empty = NaN), yes/no fields hold True, False or None, everything
    else is text (empty = ``""``, so that an empty cell shows empty, never "None").

    >>> from ecomap.model import Actor
    >>> frame, keys = records_frame("actor", [Actor(id="a", name="Ana", kind="person",
    ...                                            tags=["élue", "PAT"], extra={"quartier": "Gare"})])
    >>> frame.loc[0, ["name", "level", "tags", "quartier"]].tolist(), keys
    (['Ana', 'micro', 'élue|PAT', 'Gare'], ['a'])
    """
    kind = RecordKind(kind)
    records = list(records)
    fields = FIELDS[kind]
    custom = sorted({k for r in records for k in r.extra})
    rows = []
    for record in records:
        row = {f.name: _cell(getattr(record, f.name)) for f in fields}
        row.update({k: record.extra.get(k) for k in custom})
        rows.append(row)
    order = [c for c in COLUMNS[kind] if c in {f.name for f in fields}]
    frame = pd.DataFrame(rows, columns=[*order, *custom])
    for f in fields:
        if f.widget == "number":
            frame[f.name] = pd.to_numeric(frame[f.name], errors="coerce").astype(float)
        elif f.widget == "bool":
            frame[f.name] = frame[f.name].astype(object)
        else:
            frame[f.name] = frame[f.name].astype(object).where(frame[f.name].notna(), "")
    for name in custom:
        frame[name] = frame[name].astype(object).where(frame[name].notna(), "")
    return frame, [record_key(kind, r) for r in records]


def display_frame(kind: RecordKind, records: Iterable[Any], lang: str = "fr") -> pd.DataFrame:
    """Records as a table to read (not to edit), in the words of ``lang``.

    Headers are the interface's field names (``nom``, ``cible``), choices are labelled
    (``personne``, ``membre de``), yes/no are words, numbers are written the language's
    way (``47,32``) and an empty cell is empty text.

    >>> from ecomap.model import Actor
    >>> frame = display_frame("actor", [Actor(id="a", name="Ana", kind="person", lat=47.32)])
    >>> frame.loc[0, ["nom", "nature", "latitude", "rôle"]].tolist()
    ['Ana', 'personne', '47,32', '']
    """
    kind = RecordKind(kind)
    frame, _ = records_frame(kind, records)
    widgets = {f.name: f for f in FIELDS[kind]}
    yes, no = text("yes", lang), text("no", lang)

    def shown(name: str, value: Any) -> str:
        if _blank(value):
            return ""
        field_ = widgets.get(name)
        if field_ is None:
            return str(value)
        if field_.widget == "enum":
            return label(value, lang)
        if field_.widget == "bool":
            return yes if value else no
        if field_.widget == "number":
            return number(float(value), lang, digits=6)
        return str(value)

    out = pd.DataFrame(
        {name: [shown(name, v) for v in frame[name]] for name in frame.columns},
        columns=list(frame.columns),
    )
    out.columns = [
        text(f"field_{name}", lang) if name in widgets else name for name in frame.columns
    ]
    return out


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def editor_changes(
    kind: RecordKind,
    frame: pd.DataFrame,
    keys: Sequence[str],
    records: Mapping[str, Any],
    state: Mapping[str, Any],
) -> list[tuple[int, str | None, dict[str, Any]]]:
    """The rows a table editor changed or added: ``(row number, key or None, fields)``.

    ``state`` is the editor's edit state (``edited_rows``: row position → edited
    cells, ``added_rows``: list of cells). An edited row starts from the stored record
    (so untouched fields keep their exact value) and takes the edited cells; a cell
    emptied by the user becomes empty. Row numbers count from 1 as shown to the user;
    added rows follow the existing ones.

    >>> from ecomap.model import Actor
    >>> a = Actor(id="a", name="Ana", kind="person")
    >>> frame, keys = records_frame("actor", [a])
    >>> editor_changes("actor", frame, keys, {"a": a},
    ...                {"edited_rows": {0: {"name": "Anne"}}, "added_rows": [{"id": "b"}]})
    [(1, 'a', {'id': 'a', 'name': 'Anne', 'kind': <ActorKind.PERSON: 'person'>, 'level': <Level.MICRO: 'micro'>, 'extra': {}}), (2, None, {'id': 'b', 'extra': {}})]
    """
    kind = RecordKind(kind)
    standard = {f.name for f in FIELDS[kind]}
    changes = []

    def put(fields: dict[str, Any], column: str, value: Any) -> None:
        value = "" if _blank(value) else value
        if column in standard:
            fields[column] = value
        elif value != "":
            fields["extra"][column] = str(value)
        else:
            fields["extra"].pop(column, None)

    for position, cells in sorted((int(k), v) for k, v in (state.get("edited_rows") or {}).items()):
        key = keys[position]
        fields = record_fields(kind, records[key])
        for column, value in cells.items():
            put(fields, column, value)
        changes.append((position + 1, key, fields))
    for offset, cells in enumerate(state.get("added_rows") or []):
        fields: dict[str, Any] = {"extra": {}}
        for column, value in cells.items():
            if column in frame.columns or column in standard:
                put(fields, column, value)
        extra = fields.pop("extra")
        fields = {**{k: v for k, v in fields.items() if v != ""}, "extra": extra}
        changes.append((len(keys) + offset + 1, None, fields))
    return changes


@dataclass
class ChangeSet:
    """Checked edits, ready for ``store.apply(upserts, deletes, expected=expected)``."""

    upserts: list[Any] = field(default_factory=list)
    deletes: list[tuple[RecordKind, str]] = field(default_factory=list)
    expected: dict[tuple[RecordKind, str], int | None] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity != "error"]


def check_changes(
    eco: Ecosystem,
    kind: RecordKind,
    changes: Iterable[tuple[int | None, str | None, Mapping[str, Any]]],
    versions: Mapping[tuple[str, str], int | None],
    *,
    where: str,
    lang: str = "en",
) -> ChangeSet:
    """Check edited and new records as the importer would, and prepare one store change.

    Parameters
    ----------
    eco : Ecosystem
        The map as the editor read it.
    kind : RecordKind
    changes : iterable
        ``(row number or None, key of the edited record or None for a new one,
        fields)``, e.g. from :func:`editor_changes`.
    versions : mapping
        ``(kind value, key)`` → the version each record had when the editor read it.
    where : str
        Name of the table or form, used as the ``file`` of each issue.
    lang : {"en", "fr"}

    Returns
    -------
    ChangeSet
        The records to upsert; the old identity to delete when an edit changes a
        relation's identity (or renames a node that has no relations); ``expected``:
        the version read for each edited record and None (must not exist yet) for each
        new identity — so that a concurrent edit makes the store refuse the change;
        every issue located by table row and column.

    Examples
    --------
    >>> from ecomap.model import Actor
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="a", name="Ana", kind="person"))
    >>> done = check_changes(eco, "actor", [(1, "a", {"id": "a", "name": "Anne", "kind": "person"})],
    ...                      {("actor", "a"): 4}, where="actors")
    >>> done.upserts[0].name, done.expected, done.errors
    ('Anne', {(<RecordKind.ACTOR: 'actor'>, 'a'): 4}, [])
    >>> bad = check_changes(eco, "actor", [(2, None, {"id": "b", "name": "Bo", "kind": "chat"})],
    ...                     {}, where="actors")
    >>> [(i.line, i.column) for i in bad.errors]
    [(2, 'kind')]
    """
    kind = RecordKind(kind)
    done = ChangeSet()
    seen: dict[str, int | None] = {}
    for line, key, fields in changes:
        record, issues = validate_record(eco, kind, dict(fields), replacing=key, lang=lang)
        done.issues += [
            Issue(where, line, i.column, i.value, i.message, i.severity) for i in issues
        ]
        if record is None:
            continue
        new_key = record_key(kind, record)
        if new_key in seen:
            what = say(MESSAGES, "relation" if kind is RecordKind.RELATION else "node", lang)
            done.issues.append(
                Issue(where, line, "id", new_key, say(MESSAGES, "duplicate", lang, what=what))
            )
            continue
        seen[new_key] = line
        done.upserts.append(record)
        if key is not None:
            done.expected[(kind, key)] = versions.get((kind.value, key))
        if key is None or new_key != key:
            done.expected[(kind, new_key)] = None
        if key is not None and new_key != key:
            done.deletes.append((kind, key))
    if done.errors:
        done.upserts, done.deletes, done.expected = [], [], {}
    return done


def compare_maps(current: Ecosystem, incoming: Ecosystem, *, replace: bool) -> pd.DataFrame:
    """What importing ``incoming`` would do to ``current``, counted per kind of record.

    Columns ``kind``, ``added``, ``changed``, ``unchanged``, ``removed`` (removed only
    when ``replace``: a merge never removes).

    >>> from ecomap.model import Actor
    >>> old, new = Ecosystem(), Ecosystem()
    >>> old.add(Actor(id="a", name="Ana", kind="person"))
    >>> new.add(Actor(id="a", name="Anne", kind="person"))
    >>> new.add(Actor(id="b", name="Bo", kind="person"))
    >>> compare_maps(old, new, replace=False).to_dict("records")[0]
    {'kind': 'actor', 'added': 1, 'changed': 1, 'unchanged': 0, 'removed': 0}
    """
    rows = []
    for kind in (RecordKind.ACTOR, RecordKind.STAKE, RecordKind.SPACE, RecordKind.RELATION):
        before, after = current.records(kind), incoming.records(kind)
        added = sum(1 for k in after if k not in before)
        changed = sum(1 for k, r in after.items() if k in before and before[k] != r)
        same = sum(1 for k, r in after.items() if k in before and before[k] == r)
        removed = sum(1 for k in before if k not in after) if replace else 0
        rows.append({"kind": kind.value, "added": added, "changed": changed,
                     "unchanged": same, "removed": removed})  # fmt: skip
    return pd.DataFrame(rows)
