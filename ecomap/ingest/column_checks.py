"""Column-wise checks: the records of a raw table whose every cell is proven good, fast.

Validating a map row by row (:func:`~ecomap.ingest.validation.record_from_row`) runs
the model's readers and pydantic once per record: 20 seconds for the 540,000 records
of a 100,000-node map. Here each column is checked once: every distinct text of a
column is read once with the model's own reader (:attr:`~ecomap.model.Actor._readers`:
French values, decimal commas, the ``−`` sign, both date forms, every boolean spelling)
and checked against the field (enum, number within its bounds and finite, boolean,
date), then the rules that tie fields together (no self-loop, a power type for a power
relation, a stance for a stake relation, ``member``/``facilitator`` as a role in a
space, ``until`` not before ``since``) are checked column against column.

A row whose every cell passes becomes its record directly, exactly as the model would
have made it (same values, types, defaults, default level and fields given). Any
other row — a cell in doubt, a clear marker, a record the store holds already (a
patch), a text a model could refuse — is left to the row-by-row validation, so that
every error keeps the words, line and column it always had. The two give the same
map on any input (``tests/ingest/test_ingest_reading_guard.py``).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from functools import partial
from itertools import compress, repeat
from operator import eq, is_, is_not, itemgetter, not_
from typing import Any

import numpy as np
from pydantic import BaseModel

from ecomap.ingest.readers import Column, RawTable
from ecomap.model import (
    _STRIPPED,
    DEFAULT_LEVEL,
    Ecosystem,
    ParticipationRole,
    RecordKind,
    RelationType,
    parse_enum,
    relation_key,
)

__all__ = ["checked_records"]

#: A cell that cannot be proven good here: its row is validated row by row.
_DOUBT = object()
#: An empty cell: the field keeps its default.
_EMPTY = object()

_set = object.__setattr__
#: Runs an iterator to its end, keeping nothing (each step's work is what counts).
_run = deque(maxlen=0).extend


def _kinds(model: type[BaseModel]) -> dict[str, tuple[str, Any]]:
    """How each field's cell is checked: (check, argument)."""
    from ecomap.ingest.validation import _bounds

    enums: dict[str, type[StrEnum]] = getattr(model, "_enums", {})
    kinds: dict[str, tuple[str, Any]] = {}
    for name, info in model.model_fields.items():
        if name == "extra":
            continue
        annotation = info.annotation
        text = str(annotation)
        if name in enums:
            kinds[name] = ("enum", enums[name])
        elif name == "tags":
            kinds[name] = ("tags", None)
        elif "float" in text:
            kinds[name] = ("number", _bounds(model, name))
        elif "bool" in text:
            kinds[name] = ("bool", None)
        elif "date" in text:
            kinds[name] = ("date", None)
        elif annotation is str or text in ("str | None", "typing.Optional[str]"):
            kinds[name] = ("text", None)
        else:  # pragma: no cover - a field type this module does not know: never fast
            kinds[name] = ("unknown", None)
    return kinds


def _reading(model: type[BaseModel], name: str, check: str, argument: Any):
    """The function that reads one distinct cell text: a value, ``_EMPTY`` or ``_DOUBT``."""
    reader = model._readers.get(name)
    stripped_field = name in _STRIPPED

    def read(text: Any) -> Any:
        if text.__class__ is not str:
            return _DOUBT
        bare = text.strip()
        if not bare:
            return _EMPTY
        value = bare if stripped_field else text
        if reader is not None:
            try:
                value = reader(value)
            except Exception:
                return _DOUBT
        if check == "enum":
            return value if isinstance(value, argument) else _DOUBT
        if check == "number":
            low, high = argument
            if value.__class__ is not float or not math.isfinite(value):
                return _DOUBT
            if (low is not None and value < low) or (high is not None and value > high):
                return _DOUBT
            return value
        if check == "bool":
            return value if value.__class__ is bool else _DOUBT
        if check == "date":
            return value if value.__class__ is date else _DOUBT
        if check == "tags":
            return value if value.__class__ is list else _DOUBT
        if check == "text":
            return value
        return _DOUBT

    return read


def _encodable(text: Any) -> bool:
    """Whether pydantic takes the text as it is (it refuses lone surrogates)."""
    try:
        text.encode("utf-8")
    except (AttributeError, UnicodeEncodeError):
        return False
    return True


class _Plan:
    """What is known of a model once: its fields in order, how each is read, its defaults."""

    def __init__(self, model: type[BaseModel]):
        self.model = model
        self.names = list(model.model_fields)
        self.kinds = _kinds(model)
        self.readings = {
            name: _reading(model, name, check, argument)
            for name, (check, argument) in self.kinds.items()
        }
        self.required = {n for n, info in model.model_fields.items() if info.is_required()}
        self.defaults = {
            n: info.default
            for n, info in model.model_fields.items()
            if not info.is_required() and info.default_factory is None
        }
        self.factories = {
            n: info.default_factory
            for n, info in model.model_fields.items()
            if info.default_factory is not None
        }
        self.bits = {name: 1 << position for position, name in enumerate(self.names)}
        self.given_sets: dict[int, frozenset[str]] = {}
        self.shape_class = type(f"_{model.__name__}Fields", (), {})

    def given(self, mask: int) -> frozenset[str]:
        """The fields given to a record, from the bits of its filled cells."""
        found = self.given_sets.get(mask)
        if found is None:
            found = frozenset(n for n, bit in self.bits.items() if mask & bit)
            self.given_sets[mask] = found
        return found

    def shape(self) -> Any:
        """An empty object whose ``__dict__``, once its fields are set in order, shares
        its keys with every other of this model's (see :func:`_records`)."""
        return self.shape_class()


_PLANS: dict[type[BaseModel], _Plan] = {}


def _plan(model: type[BaseModel]) -> _Plan:
    if model not in _PLANS:
        _PLANS[model] = _Plan(model)
    return _PLANS[model]


def _columns(table: RawTable) -> tuple[list[int], dict[str, Sequence[Any]], list[dict[str, str]]]:
    """The table's lines, its cells by field and each row's custom cells."""
    cells = table.cells
    if cells is not None:
        count = len(cells.lines)
        if cells.extra:
            extras = [cells.extra_of(i) for i in range(count)]
        else:
            extras = list(map(dict.copy, repeat({}, count)))
        return cells.lines, dict(cells.values), extras
    rows = table.rows
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row.values))
    values = {name: [row.values.get(name, "") for row in rows] for name in names}
    return [row.line for row in rows], values, [dict(row.extra) for row in rows]


def _values(plan: _Plan, name: str, distinct: list[str]) -> tuple[dict[str, Any], set[str]]:
    """What each distinct text of a column holds (a value, the field's default or
    ``_DOUBT``), and which texts are empty."""
    required = name in plan.required
    default = plan.defaults.get(name)
    if plan.kinds[name][0] == "text":
        # Texts need no reader: read all at once (stripped for ids and names).
        bares = list(map(str.strip, distinct))
        value_of = dict(zip(distinct, bares if name in _STRIPPED else distinct, strict=True))
        empty = set(compress(distinct, map(not_, bares)))
    else:
        reading = plan.readings[name]
        value_of = dict(zip(distinct, map(reading, distinct), strict=True))
        empty = {text for text, value in value_of.items() if value is _EMPTY}
    for text in empty:
        value_of[text] = _DOUBT if required else default
    return value_of, empty


def checked_records(
    kind: RecordKind, table: RawTable, onto: Ecosystem | None, model: type[BaseModel]
) -> list[Any]:
    """For each row of ``table``: its record when every cell is proven good, else None.

    A row is None (left to the row-by-row validation) when any cell is in doubt, a
    mandatory cell is empty, a rule between fields fails, a cell holds a clear marker,
    a custom cell holds a text pydantic could refuse, or ``onto`` holds a record with
    the row's id or identity (the row is a patch).
    """
    from ecomap.ingest.validation import _is_marker

    kind = RecordKind(kind)
    plan = _plan(model)
    lines, values, extras = _columns(table)
    count = len(lines)
    if count == 0:
        return []
    if any(name not in values for name in plan.required):
        return [None] * count
    good = np.ones(count, dtype=bool)
    masks = np.zeros(count, dtype=np.int64)
    final: dict[str, list[Any]] = {}
    constant: dict[str, Any] = {}
    #: Columns of more than one text: each cell's code and what each code reads as.
    coded: dict[str, tuple[np.ndarray, list[Any]]] = {}
    for name, cells in values.items():
        if name not in plan.readings:  # pragma: no cover - readers give only the model's fields
            return [None] * count
        try:
            column = Column.of(cells)
        except TypeError:  # an unhashable cell: not from a reader
            return [None] * count
        distinct = column.texts
        if not all(map(str.__instancecheck__, distinct)):
            return [None] * count  # a typed value (JSON): row by row
        value_of, empty = _values(plan, name, distinct)
        bit = plan.bits[name]
        # Cells holding a clear marker, or (for a text) a text pydantic would refuse.
        doubtful = set(filter(_is_marker, distinct)) if "(" in "".join(distinct) else set()
        if plan.kinds[name][0] == "text" and not _encodable("\n".join(distinct)):
            doubtful.update(t for t in distinct if not _encodable(t))
        for text in doubtful:
            value_of[text] = _DOUBT
        if len(distinct) == 1:
            # One text in the whole column (often an empty one): nothing to look up.
            (text,) = distinct
            final[name] = [value_of[text]] * count
            constant[name] = value_of[text]
            if value_of[text] is _DOUBT:
                good[:] = False
            if text not in empty:
                masks |= bit
            continue
        # Each check runs once per distinct text; its result reaches every cell by the
        # cell's code, in C.
        read = list(map(value_of.__getitem__, distinct))
        final[name] = column.take(read)
        coded[name] = (column.codes, read)
        if _DOUBT in read:
            sure = np.fromiter(map(is_not, read, repeat(_DOUBT)), bool, len(read))
            good &= sure[column.codes]
        if not empty:
            masks |= bit
        elif len(empty) < len(distinct):
            filled = np.fromiter(map(empty.__contains__, distinct), bool, len(distinct))
            masks |= (~filled[column.codes]).astype(np.int64) * bit
    if extras_of_rows := list(compress(range(count), extras)):
        extra_bit = plan.bits["extra"]
        for i in extras_of_rows:
            extra = extras[i]
            masks[i] |= extra_bit
            if not all(_encodable(k) and _encodable(v) for k, v in extra.items()) or any(
                "(" in text for text in extra.values()
            ):
                good[i] = False
    # Defaults of missing columns; mutable ones made for each record.
    final["extra"] = extras
    for name, factory in plan.factories.items():
        if name != "extra":
            column = final.get(name, [None] * count)
            final[name] = [value[:] if value.__class__ is list else factory() for value in column]
    for name in plan.names:
        if name not in final:
            final[name] = [plan.defaults.get(name)] * count
            constant[name] = plan.defaults.get(name)
    if kind is RecordKind.ACTOR:
        final["level"] = [
            DEFAULT_LEVEL.get(kind_) if level is None else level
            for level, kind_ in zip(final["level"], final["kind"], strict=True)
        ]
    elif kind is RecordKind.RELATION:
        _relation_rules(final, good, count, constant, coded)
    if onto is not None:
        _patches(kind, final, good, onto)
    return _records(plan, final, good, masks, count, constant, coded)


class Checked(list):
    """What :func:`checked_records` gives: per row, its record or None; with the
    table's values column by column (``columns``: field → values, as the records hold
    them for the rows that have one), so that checks across records need not read
    them back one record at a time."""

    columns: dict[str, list[Any]]
    #: Columns of more than one value: each row's code and the value of each code.
    coded: dict[str, tuple[np.ndarray, list[Any]]]


def _records(
    plan: _Plan,
    final: dict[str, list[Any]],
    good: np.ndarray,
    masks: np.ndarray,
    count: int,
    constant: dict[str, Any],
    coded: dict[str, tuple[np.ndarray, list[Any]]],
) -> Checked:
    """The records of the good rows, as pydantic would have made them; None for the others.

    Rows are made by groups of rows that fill the same fields (their ``masks``). In a
    group, a field no row fills holds the same value in every row (its default, or the
    one value of its column): each record's ``__dict__`` is a copy of one dictionary
    holding those, updated with the values of the filled fields. That dictionary shares
    its keys (a "split" dictionary, as an instance's ``__dict__`` is), so that a copy
    holds only the values: 296 bytes rather than 832 for a relation. Every step runs
    over a group's records in C (``map``), with no Python call per record.
    """
    model, names = plan.model, plan.names
    records = Checked([None] * count)
    records.columns = final
    records.coded = coded
    rows = np.flatnonzero(good)
    if not len(rows):
        return records
    # Fields whose values may differ between rows that fill the same fields: lists and
    # dicts (each record's own), a level made from the kind. A role may be written
    # anew (``animatrice`` → ``facilitator``) where it is filled: its column is never
    # one value.
    own = {*plan.factories, "level"}
    every = [name for name in names if name in own or name not in constant or name == "role"]
    out = np.empty(count, dtype=object)
    row_masks = masks[rows]
    groups, group_of = np.unique(row_masks, return_inverse=True)
    order = np.argsort(group_of, kind="stable")
    bounds = np.searchsorted(group_of[order], np.arange(len(groups) + 1))
    for position, mask in enumerate(groups.tolist()):
        group = rows[order[bounds[position] : bounds[position + 1]]]
        made = len(group)
        first = int(group[0])
        if made == count:
            take = list
        else:
            pick = itemgetter(*group.tolist())
            take = pick if made > 1 else lambda column, pick=pick: (pick(column),)
        varying = [name for name in every if name in own or mask & plan.bits[name]]
        shape = plan.shape()
        for name in names:
            setattr(shape, name, None if name in varying else final[name][first])
        template = shape.__dict__
        dicts = list(map(dict.copy, repeat(template, made)))
        if varying:
            values = zip(*(take(final[name]) for name in varying), strict=True)
            _run(map(dict.update, dicts, map(zip, repeat(varying), values)))
        made_records = list(map(model.__new__, repeat(model, made)))
        given = map(set.copy, repeat(set(plan.given(mask)), made))
        for attribute, values in (
            ("__dict__", dicts),
            ("__pydantic_fields_set__", given),
            ("__pydantic_extra__", repeat(None, made)),
            ("__pydantic_private__", repeat(None, made)),
        ):
            _run(map(_set, made_records, repeat(attribute), values))
        out[group] = np.fromiter(made_records, object, made)
    records[:] = out.tolist()
    return records


#: Each relation type by the identity of its member (an enum member's hash is a Python
#: call; an ``id`` is not).
_TYPE_BY_ID = {id(rtype): position for position, rtype in enumerate(RelationType)}
_TYPE_POSITION = {rtype: position for position, rtype in enumerate(RelationType)}


def _relation_rules(
    final: dict[str, list[Any]],
    good: np.ndarray,
    count: int,
    constant: dict[str, Any],
    coded: dict[str, tuple[np.ndarray, list[Any]]],
) -> None:
    """Rows that break a rule between fields of a relation are left in doubt; a space's
    role is written as the model writes it (``animatrice`` → ``facilitator``).

    ``constant`` holds the columns whose every row has the same value: their tests are
    one value rather than an array; ``coded`` the others' codes, so that a test runs once
    per distinct value."""

    def by_code(name: str, test, dtype) -> np.ndarray:
        cells, read = coded[name]
        return np.fromiter(map(test, read), dtype, len(read))[cells]

    def none(name: str) -> np.ndarray | np.bool_:
        if name in constant:
            return np.bool_(constant[name] is None)
        if name in coded:
            return by_code(name, partial(is_, None), bool)
        return np.fromiter(map(is_, final[name], repeat(None)), dtype=bool, count=count)

    def type_code(value: Any) -> int:
        return _TYPE_BY_ID.get(id(value), -1)

    if "type" in constant:
        codes: np.ndarray | np.int64 = np.int64(type_code(constant["type"]))
    elif "type" in coded:
        codes = by_code("type", type_code, np.int64)
    else:
        ids = map(id, final["type"])
        codes = np.fromiter(map(_TYPE_BY_ID.get, ids, repeat(-1)), dtype=np.int64, count=count)

    def of_type(rtype: RelationType) -> np.ndarray | np.bool_:
        return codes == _TYPE_POSITION[rtype]

    good &= ~np.fromiter(map(eq, final["source"], final["target"]), dtype=bool, count=count)
    power = of_type(RelationType.POWER) & none("power_type")
    stake = of_type(RelationType.STAKE) & none("stance")
    good &= ~(power | stake)
    dated = good & ~none("since") & ~none("until")
    for i in np.flatnonzero(dated).tolist():
        if final["until"][i] < final["since"][i]:
            good[i] = False
    roles = final["role"]
    named: dict[Any, str | None] = {}
    spaces = good & of_type(RelationType.PARTICIPATES) & ~none("role")
    for i in np.flatnonzero(spaces).tolist():
        role = roles[i]
        if role not in named:
            try:
                named[role] = parse_enum(ParticipationRole, role).value
            except ValueError:
                named[role] = None
        if named[role] is None:
            good[i] = False
        else:
            roles[i] = named[role]
    # The roles now differ from what their codes read as.
    coded.pop("role", None)


def _patches(kind: RecordKind, final: dict[str, list[Any]], good: np.ndarray, onto: Ecosystem):
    """Rows whose record the store holds are patches: left to the row-by-row merge."""
    stored = onto.records(kind)
    if not stored:
        return
    for i in np.flatnonzero(good).tolist():
        if kind is not RecordKind.RELATION:
            key = final["id"][i]
        elif bare := (final["id"][i] or "").strip():
            key = f"id:{bare}"
        else:
            key = relation_key(
                final["type"][i], final["source"][i], final["target"][i], final["stake"][i]
            )
        if key in stored:
            good[i] = False
