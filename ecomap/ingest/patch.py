"""What an import would change in the stored map, field by field, before it is written.

A merge import is a patch on the stored map (DESIGN.md §2 "Merging is patching"):
:func:`ecomap.ingest.read_map` with ``onto=`` gives the records of the files merged
with the stored ones; :func:`import_changes` compares them with the stored map and
lists every record added, every field changed (``territory 'Val' → 'Val d'Aubrelle'``)
and, for a replace, every record removed. The CLI (``ecomap import``, ``--dry-run``)
and the explorer's import page show that list before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ecomap.i18n import say
from ecomap.ingest.cells import format_number
from ecomap.model import COLUMNS, UNDIRECTED, Ecosystem, RecordKind, RelationType

__all__ = ["FieldChange", "import_changes", "describe_change", "record_label", "value_text"]

#: Record kinds in the order the files are read and the changes listed.
_ORDER = (RecordKind.ACTOR, RecordKind.STAKE, RecordKind.SPACE, RecordKind.RELATION)

_WORDS = {
    "en": {
        "actor": "actor",
        "stake": "stake",
        "space": "space",
        "relation": "relation",
        "added": "{what} {label}: added",
        "removed": "{what} {label}: removed",
        "changed": "{what} {label}: {field} {before} → {after}",
        "empty": "(empty)",
    },
    "fr": {
        "actor": "acteur",
        "stake": "enjeu",
        "space": "dispositif",
        "relation": "relation",
        "added": "{what} {label} : ajouté",
        "removed": "{what} {label} : supprimé",
        "changed": "{what} {label} : {field} {before} → {after}",
        "empty": "(vide)",
    },
}

#: The longest value shown whole in a sentence; longer ones end with "…".
SHOWN_CHARACTERS = 80


@dataclass(frozen=True)
class FieldChange:
    """One thing an import does: a record ``added`` or ``removed``, or one field ``changed``.

    ``key`` is the node's id or the relation's identity; ``label`` says which record
    it is in words (a relation: its id, or its type and ends). ``field``, ``before``
    and ``after`` are set for a changed field (values as the exchange format has
    them; None when empty).
    """

    kind: RecordKind
    key: str
    label: str
    operation: str
    field: str | None = None
    before: Any = None
    after: Any = None


def record_label(kind: RecordKind, record: dict[str, Any]) -> str:
    """Which record this is, in words: a node's id; a relation's id, or type and ends.

    >>> record_label(RecordKind.RELATION, {"source": "b", "target": "a", "type": "cooperates"})
    'cooperates a — b'
    >>> record_label(RecordKind.RELATION, {"source": "p", "target": "o", "type": "member_of"})
    'member_of p → o'
    """
    if kind is not RecordKind.RELATION:
        return str(record["id"])
    if record.get("id"):
        return str(record["id"])
    source, target = record["source"], record["target"]
    rtype = RelationType(record["type"])
    if rtype in UNDIRECTED:
        source, target = sorted((source, target))
        text = f"{rtype.value} {source} — {target}"
    else:
        text = f"{rtype.value} {source} → {target}"
    return f"{text} ({record['stake']})" if record.get("stake") else text


def _fields(kind: RecordKind, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The fields that differ: the file's columns in their order, then custom fields by name."""
    columns = COLUMNS[kind]
    custom = sorted((old.keys() | new.keys()) - set(columns))
    return [f for f in (*columns, *custom) if old.get(f) != new.get(f)]


def import_changes(
    current: Ecosystem, incoming: Ecosystem, *, replace: bool = False
) -> list[FieldChange]:
    """Everything importing ``incoming`` into a store holding ``current`` would change.

    Parameters
    ----------
    current : Ecosystem
        The stored map.
    incoming : Ecosystem
        What is imported: for a merge, the records of the files patched onto the
        stored ones (:func:`ecomap.ingest.read_map` with ``onto=current``); for a
        replace, the whole map.
    replace : bool
        A replace also removes every stored record ``incoming`` does not hold.

    Returns
    -------
    list of FieldChange
        Records added, fields changed (one item per field) and records removed, by
        kind (actors, stakes, spaces, relations) then key: the same list whatever
        the order of the rows. Empty when the import would change nothing.

    Examples
    --------
    >>> from ecomap.model import Actor
    >>> stored, patched = Ecosystem(), Ecosystem()
    >>> stored.add(Actor(id="cc", name="CC", kind="institution", territory="Val"))
    >>> patched.add(Actor(id="cc", name="CC", kind="institution", territory="Val d'Aubrelle"))
    >>> patched.add(Actor(id="asso", name="Asso", kind="organisation"))
    >>> for change in import_changes(stored, patched):
    ...     print(describe_change(change))
    actor asso: added
    actor cc: territory 'Val' → "Val d'Aubrelle"
    """
    changes: list[FieldChange] = []
    for kind in _ORDER:
        before, after = current.records(kind), incoming.records(kind)
        for key in sorted(after):
            new = after[key].record()
            if key not in before:
                changes.append(FieldChange(kind, key, record_label(kind, new), "added"))
                continue
            old = before[key].record()
            if old == new:
                continue
            label = record_label(kind, new)
            changes += [
                FieldChange(kind, key, label, "changed", field, old.get(field), new.get(field))
                for field in _fields(kind, old, new)
            ]
        if replace:
            changes += [
                FieldChange(kind, key, record_label(kind, before[key].record()), "removed")
                for key in sorted(before)
                if key not in after
            ]
    return changes


def value_text(value: Any, lang: str = "en") -> str:
    """A stored value as a cell shows it: ``a|b`` for tags, ``2`` for 2.0, ``(empty)``.

    >>> value_text(["x", "y"]), value_text(2.0), value_text(None, "fr"), value_text(True)
    ('x|y', '2', '(vide)', 'true')
    """
    if value is None or value == "" or value == []:
        return say(_WORDS, "empty", lang)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, list):
        return "|".join(map(str, value))
    return str(value)


def _quoted(value: Any, lang: str) -> str:
    if value is None or value == "" or value == []:
        return value_text(value, lang)
    text = value_text(value, lang)
    if len(text) > SHOWN_CHARACTERS:
        text = text[: SHOWN_CHARACTERS - 1] + "…"
    return repr(text)


def describe_change(change: FieldChange, lang: str = "en") -> str:
    """One change in words: ``actor cc-val-aubrelle: territory 'Val' → 'Val d'Aubrelle'``.

    Values are quoted as Python quotes text (so that spaces and quotes show); an
    empty value is ``(empty)`` (``(vide)`` in French), a long one is cut at
    :data:`SHOWN_CHARACTERS` characters.
    """
    what = say(_WORDS, change.kind.value, lang)
    if change.operation != "changed":
        return say(_WORDS, change.operation, lang, what=what, label=change.label)
    return say(
        _WORDS,
        "changed",
        lang,
        what=what,
        label=change.label,
        field=change.field,
        before=_quoted(change.before, lang),
        after=_quoted(change.after, lang),
    )
