"""Validation: raw rows to model records, with every problem in plain words.

:func:`build_map` turns the tables the readers give into an
:class:`~ecomap.model.Ecosystem` and a list of :class:`~ecomap.errors.Issue` s
covering every file at once: each cell the model refuses (with its column, its value
and what was expected), each relation rule broken, and the checks that need the
whole map — one id space for actors, stakes and spaces, one row per relation
identity, relation ends that exist and have the right kind, a tension's stake that is
a stake. :func:`validate_record` applies the same rules, with the same words, to one
record edited in a form, against the map it goes into.

Given the stored map (``onto``), :func:`build_map` reads the tables as a **patch** on
it (DESIGN.md §2 "Merging is patching"): a row whose id (or relation identity) is
already stored updates only the fields whose cells are filled, an empty cell or a
missing column keeps the stored value, and a cell holding one of
:data:`CLEAR_MARKERS` (``(vide)``, ``(empty)``) clears it; relations may point to
the stored actors, stakes and spaces.

Messages exist in English and French (``lang="fr"``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from itertools import compress, repeat
from operator import attrgetter, is_, is_not, itemgetter
from typing import Any, get_args

import numpy as np
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticUndefined

from ecomap.errors import Issue
from ecomap.graph import _no_collection
from ecomap.i18n import label, say
from ecomap.ingest.cells import cell_text, format_number
from ecomap.ingest.column_checks import checked_records
from ecomap.ingest.columns import FILE_STEMS, MANDATORY, canonical_column
from ecomap.ingest.readers import KIND_ORDER, RawRow, RawTable
from ecomap.model import (
    ENDPOINTS,
    Actor,
    ActorKind,
    Ecosystem,
    ParticipationRole,
    PowerType,
    RecordKind,
    Relation,
    RelationType,
    Space,
    Stake,
    parse_enum,
    relation_key,
    relation_keys,
)

__all__ = ["CLEAR_MARKERS", "MODELS", "build_map", "record_from_row", "validate_record"]

#: What a cell holds to clear a stored value on purpose in a merge import (an empty
#: cell keeps it). Compared without case and surrounding spaces; a spreadsheet user
#: can type it, and no real value looks like it. Everywhere else it reads as empty.
CLEAR_MARKERS = frozenset({"(vide)", "(empty)"})

#: The model of each record kind.
MODELS: dict[RecordKind, type[BaseModel]] = {
    RecordKind.ACTOR: Actor,
    RecordKind.RELATION: Relation,
    RecordKind.STAKE: Stake,
    RecordKind.SPACE: Space,
}

_MESSAGES = {
    "en": {
        "required": "a value is needed",
        "enum": "expected one of: {allowed}",
        "number": "expected a number",
        "finite": "expected a finite number",
        "range": "expected a number from {low} to {high}",
        "at_least": "expected a number of at least {low}",
        "bool": "expected true/false, yes/no, oui/non, vrai/faux or 1/0",
        "date": "expected a date as 2026-03-01 or 01/03/2026, the year in four digits",
        "text": "expected a text",
        "self_loop": "a relation cannot link '{node}' to itself",
        "power_type": "a power relation needs a power_type: one of {allowed}",
        "stance": "a stake relation needs a stance from -2 to 2",
        "participation_role": "the role in a participates relation is one of: member, facilitator",
        "until_before_since": "until ({until}) is before since ({since})",
        "missing_column": "missing column '{column}': the {stem} file needs the columns {needed}",
        "duplicate_id": (
            "the id '{id}' is already used by {thing} at {where}; actors, stakes and "
            "spaces share one set of ids"
        ),
        "duplicate_relation": (
            "this relation is already at {where} ({identity}); a map holds each relation once"
        ),
        "unknown_node": "no actor, stake or space has the id '{id}'",
        "wrong_source": "expected source of a {type} relation: {allowed}; '{id}' is {actual}",
        "wrong_target": "expected target of a {type} relation: {allowed}; '{id}' is {actual}",
        "tension_stake": (
            "'{id}' is not a stake: the stake of a tension is the id of a stake of the map"
        ),
        "renamed": {
            "one": "{count} relation still uses the id '{old}': keep it, or change that "
            "relation first",
            "other": "{count} relations still use the id '{old}': keep it, or change those "
            "relations first",
        },
        "kind_breaks": "this change breaks the relation {identity}: {detail}",
        "kind_breaks_stored": (
            "this change breaks the stored relation {identity}: {detail}; change or "
            "delete that relation in the same file"
        ),
        "stored_other_kind": (
            "the id '{id}' is {thing} in the stored map; actors, stakes and spaces share "
            "one set of ids"
        ),
        "custom_fields": "custom fields kept as they are: {columns}",
        "where": "{file}, line {line}",
        "the_map": "the map",
        "form": "form",
        "same_id": "same id '{id}'",
        "between": "{type} between '{source}' and '{target}'",
        "between_on": "{type} between '{source}' and '{target}' on '{stake}'",
        "from_to": "{type} from '{source}' to '{target}'",
        "or": " or ",
        "person": "a person",
        "organisation": "an organisation",
        "institution": "an institution",
        "actor": "an actor",
        "stake": "a stake",
        "space": "a space",
        "relation": "a relation",
    },
    "fr": {
        "required": "valeur obligatoire",
        "enum": "valeurs possibles : {allowed}",
        "number": "attendu un nombre",
        "finite": "attendu un nombre fini",
        "range": "attendu un nombre de {low} à {high}",
        "at_least": "attendu un nombre supérieur ou égal à {low}",
        "bool": "attendu vrai/faux, oui/non, true/false ou 1/0",
        "date": "attendu une date comme 01/03/2026 ou 2026-03-01, l'année en quatre chiffres",
        "text": "attendu un texte",
        "self_loop": "une relation ne peut pas relier « {node} » à lui-même",
        "power_type": "un rapport de force a besoin d'un power_type : {allowed}",
        "stance": "une relation d'enjeu a besoin d'une position (stance) de -2 à 2",
        "participation_role": (
            "le rôle dans une relation participates est member (membre) ou facilitator (animateur)"
        ),
        "until_before_since": "la fin (until, {until}) précède le début (since, {since})",
        "missing_column": (
            "colonne « {column} » manquante : le fichier {stem} a besoin des colonnes {needed}"
        ),
        "duplicate_id": (
            "l'identifiant « {id} » est déjà utilisé par {thing} ({where}) ; acteurs, "
            "enjeux et dispositifs partagent les mêmes identifiants"
        ),
        "duplicate_relation": (
            "cette relation figure déjà en {where} ({identity}) ; une carte contient "
            "chaque relation une seule fois"
        ),
        "unknown_node": "aucun acteur, enjeu ou dispositif n'a l'identifiant « {id} »",
        "wrong_source": (
            "source attendue pour une relation « {type} » : {allowed} ; « {id} » est {actual}"
        ),
        "wrong_target": (
            "cible attendue pour une relation « {type} » : {allowed} ; « {id} » est {actual}"
        ),
        "tension_stake": (
            "« {id} » n'est pas un enjeu : l'enjeu d'une tension est l'identifiant d'un "
            "enjeu de la carte"
        ),
        "renamed": {
            "one": "{count} relation utilise encore l'identifiant « {old} » : gardez-le, "
            "ou modifiez d'abord cette relation",
            "other": "{count} relations utilisent encore l'identifiant « {old} » : gardez-le, "
            "ou modifiez d'abord ces relations",
        },
        "kind_breaks": "ce changement casse la relation {identity} : {detail}",
        "kind_breaks_stored": (
            "ce changement casse la relation enregistrée {identity} : {detail} ; "
            "modifiez ou supprimez cette relation dans le même fichier"
        ),
        "stored_other_kind": (
            "l'identifiant « {id} » est {thing} dans la carte enregistrée ; acteurs, "
            "enjeux et dispositifs partagent les mêmes identifiants"
        ),
        "custom_fields": "champs personnalisés conservés tels quels : {columns}",
        "where": "{file}, ligne {line}",
        "the_map": "la carte",
        "form": "formulaire",
        "same_id": "même identifiant « {id} »",
        "between": "{type} entre « {source} » et « {target} »",
        "between_on": "{type} entre « {source} » et « {target} » sur « {stake} »",
        "from_to": "{type} de « {source} » vers « {target} »",
        "or": " ou ",
        "person": "une personne",
        "organisation": "une organisation",
        "institution": "une institution",
        "actor": "un acteur",
        "stake": "un enjeu",
        "space": "un dispositif",
        "relation": "une relation",
    },
}


class _RelationFields(Relation):
    """A relation read field by field, without the rules that tie fields together.

    Used only to report those rules with the column they concern, next to the
    errors of other fields in the same row.
    """

    def _type_rules(self) -> Relation:
        return self


def _field_kinds(model: type[BaseModel]) -> dict[str, str]:
    """``number``, ``bool`` or ``date`` for each field of that type."""
    kinds = {}
    for name, info in model.model_fields.items():
        types = get_args(info.annotation) or (info.annotation,)
        for python_type, kind in ((float, "number"), (bool, "bool"), (date, "date")):
            if python_type in types:
                kinds[name] = kind
    return kinds


_FIELD_KINDS = {kind: _field_kinds(model) for kind, model in MODELS.items()}
_NUMBER_FIELDS = {
    kind: tuple(name for name, what in kinds.items() if what == "number")
    for kind, kinds in _FIELD_KINDS.items()
}


def _bounds(model: type[BaseModel], name: str) -> tuple[float | None, float | None]:
    low = high = None
    for rule in model.model_fields[name].metadata:
        low = getattr(rule, "ge", low)
        high = getattr(rule, "le", high)
    return low, high


def _text(key: str, lang: str, **values: Any) -> str:
    return say(_MESSAGES, key, lang, **values)


def _where(file: str | None, line: int | None, lang: str) -> str:
    if file is None:
        return _text("the_map", lang)
    if line is None:
        return file
    return _text("where", lang, file=file, line=line)


def _field_issue(kind: RecordKind, error: dict[str, Any], row: RawRow, lang: str) -> Issue:
    """One pydantic error as the user reads it: column, value, what was expected."""
    model = MODELS[kind]
    name = error["loc"][0]
    value = row.values.get(name) if name in row.values else row.extra.get(str(name))
    enums: dict[str, type[StrEnum]] = getattr(model, "_enums", {})
    low, high = _bounds(model, name) if name in model.model_fields else (None, None)
    if error["type"] in ("missing", "string_too_short") or error["input"] is PydanticUndefined:
        message = _text("required", lang)
    elif name in enums:
        message = _text("enum", lang, allowed=", ".join(enums[name]))
    elif error["type"] in ("greater_than_equal", "less_than_equal") and high is not None:
        message = _text("range", lang, low=format_number(low), high=format_number(high))
    elif error["type"] in ("greater_than_equal", "less_than_equal"):
        message = _text("at_least", lang, low=format_number(low))
    elif name in _FIELD_KINDS[kind]:
        message = _text(_FIELD_KINDS[kind][name], lang)
    else:
        message = _text("text", lang)
    return Issue(row.file, row.line, row.column(str(name)), value, message)


def _relation_rules(data: dict[str, Any], bad: set[str], row: RawRow, lang: str) -> list[Issue]:
    """The rules of :class:`~ecomap.model.Relation` that tie several fields together,
    each reported on the column it concerns; rules on fields already in error are skipped.
    """
    try:
        rel = _RelationFields.model_validate({k: v for k, v in data.items() if k not in bad})
    except ValidationError:
        return []

    def issue(column: str, value: Any, key: str, **values: Any) -> Issue:
        return Issue(row.file, row.line, row.column(column), value, _text(key, lang, **values))

    issues = []
    if rel.source == rel.target:
        issues.append(issue("target", rel.target, "self_loop", node=rel.source))
    if rel.type == "power" and rel.power_type is None and "power_type" not in bad:
        issues.append(issue("power_type", None, "power_type", allowed=", ".join(PowerType)))
    if rel.type == "stake" and rel.stance is None and "stance" not in bad:
        issues.append(issue("stance", None, "stance"))
    if rel.type == "participates" and rel.role is not None and "role" not in bad:
        try:
            parse_enum(ParticipationRole, rel.role)
        except ValueError:
            issues.append(issue("role", rel.role, "participation_role"))
    if rel.since and rel.until and rel.until < rel.since and not bad & {"since", "until"}:
        value = row.values.get("until")
        issues.append(issue("until", value, "until_before_since", since=rel.since, until=rel.until))
    return issues


def record_from_row(
    kind: RecordKind, row: RawRow, *, skip: Iterable[str] = (), lang: str = "en"
) -> tuple[Actor | Stake | Space | Relation | None, list[Issue]]:
    """One raw row as a record of the model, or None and every problem in the row.

    ``skip`` lists fields whose absence was already reported once for the whole
    file (a missing column), so that it is not repeated on every row.

    >>> from ecomap.ingest.readers import RawRow
    >>> row = RawRow("relations.csv", 4, {"source": "a", "target": "b", "type": "power",
    ...              "weight": "7"}, {"weight": "poids"})
    >>> record, issues = record_from_row(RecordKind.RELATION, row)
    >>> for issue in issues: print(issue)
    relations.csv, line 4, column 'poids': expected a number from 1 to 3 (value: '7')
    relations.csv, line 4, column 'power_type': a power relation needs a power_type: one of political, administrative, institutional, technical, economic
    """
    kind = RecordKind(kind)
    model = MODELS[kind]
    data: dict[str, Any] = dict(row.values)
    if row.extra:
        data["extra"] = dict(row.extra)
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        skipped = set(skip)
        issues: list[Issue] = []
        bad: set[str] = set()
        rules: list[str] = []
        for error in exc.errors():
            if not error["loc"]:
                rules.append(str(error["msg"]).removeprefix("Value error, "))
                continue
            bad.add(str(error["loc"][0]))
            if error["loc"][0] not in skipped:
                issues.append(_field_issue(kind, error, row, lang))
        if kind is RecordKind.RELATION:
            issues += _relation_rules(data, bad, row, lang)
        if not issues and not bad:
            # A rule of the model this module does not know yet: say it as the model does.
            issues = [Issue(row.file, row.line, None, None, "; ".join(rules))]
        return None, issues
    fields = record.__dict__
    issues = [
        Issue(row.file, row.line, row.column(name), row.values.get(name), _text("finite", lang))
        for name in _NUMBER_FIELDS[kind]
        if fields[name] is not None and not math.isfinite(fields[name])
    ]
    return (None, issues) if issues else (record, [])


def _node_word(kind: ActorKind | RecordKind | str, lang: str) -> str:
    return _text(str(getattr(kind, "value", kind)), lang)


def _allowed(kinds: frozenset, lang: str) -> str:
    if kinds == frozenset(ActorKind):
        return _node_word("actor", lang)
    order = [*ActorKind, RecordKind.STAKE, RecordKind.SPACE]
    return _text("or", lang).join(_node_word(k, lang) for k in order if k in kinds)


def _type_label(rel: Relation, lang: str) -> str:
    return label(rel.type, lang) if lang == "fr" else rel.type.value


def _identity(rel: Relation, lang: str) -> str:
    """A relation's identity in words (what makes two rows the same relation)."""
    if rel.id:
        return _text("same_id", lang, id=rel.id)
    kind = _type_label(rel, lang)
    if rel.undirected:
        source, target = sorted((rel.source, rel.target))
        if rel.type == "tension" and rel.stake:
            return _text(
                "between_on", lang, type=kind, source=source, target=target, stake=rel.stake
            )
        return _text("between", lang, type=kind, source=source, target=target)
    return _text("from_to", lang, type=kind, source=rel.source, target=rel.target)


class _MapIndex:
    """What the cross-record checks need: every node id and relation identity, located.

    A place is ``(file, line)``; ``(None, None)`` stands for a record already in
    the map a form edits.
    """

    def __init__(self, lang: str):
        self.lang = lang
        self.nodes: dict[str, tuple[ActorKind | RecordKind, tuple[str | None, int | None]]] = {}
        self.relations: dict[str, tuple[str | None, int | None]] = {}
        #: Ids of node rows that could not be read: their error is already reported,
        #: so relations to them are not reported again as pointing nowhere.
        self.unreadable: set[str] = set()
        #: True when a whole file could not be read: any id may be in it, so no
        #: relation is reported as pointing nowhere.
        self.file_unreadable = False
        #: Stored nodes and relations no row has patched yet (a merge import): the
        #: first row with the same id or identity patches it instead of repeating it.
        self.stored_nodes: set[str] = set()
        self.stored_relations: set[str] = set()

    @classmethod
    def of_store(cls, eco: Ecosystem, lang: str) -> _MapIndex:
        """An index of the stored map a merge import patches."""
        index = cls.of_map(eco, lang, leave_out=None)
        index.stored_nodes = set(index.nodes)
        index.stored_relations = set(index.relations)
        return index

    @classmethod
    def of_map(cls, eco: Ecosystem, lang: str, *, leave_out: tuple[RecordKind, str] | None):
        index = cls(lang)
        for kind in (RecordKind.ACTOR, RecordKind.STAKE, RecordKind.SPACE):
            for node_id in eco.records(kind):
                if (kind, node_id) != leave_out:
                    index.nodes[node_id] = (eco.node_kind(node_id), (None, None))
        for key in eco.relations:
            if (RecordKind.RELATION, key) != leave_out:
                index.relations[key] = (None, None)
        return index

    def add_node(self, record: Actor | Stake | Space, row: RawRow) -> Issue | None:
        """Register a node; an issue if its id is taken."""
        kind = record.kind if isinstance(record, Actor) else _KIND_OF_NODE[type(record)]
        if record.id in self.stored_nodes:
            self.stored_nodes.discard(record.id)
            stored = self.nodes[record.id][0]
            if isinstance(stored, ActorKind) != isinstance(kind, ActorKind) or (
                not isinstance(kind, ActorKind) and stored is not kind
            ):
                thing = _node_word("actor" if isinstance(stored, ActorKind) else stored, self.lang)
                message = _text("stored_other_kind", self.lang, id=record.id, thing=thing)
                return Issue(row.file, row.line, row.column("id"), record.id, message)
            self.nodes[record.id] = (kind, (row.file, row.line))
            return None
        if record.id in self.nodes:
            kind, (file, line) = self.nodes[record.id]
            thing = _node_word("actor" if isinstance(kind, ActorKind) else kind, self.lang)
            where = _where(file, line, self.lang)
            message = _text("duplicate_id", self.lang, id=record.id, thing=thing, where=where)
            return Issue(row.file, row.line, row.column("id"), record.id, message)
        self.nodes[record.id] = (kind, (row.file, row.line))
        return None

    def end_problem(self, rel: Relation, end: str) -> tuple[str, str] | None:
        """``(message key, message)`` when one end of a relation is missing or of the wrong kind."""
        node_id = getattr(rel, end)
        if node_id in self.unreadable or (self.file_unreadable and node_id not in self.nodes):
            return None
        if node_id not in self.nodes:
            return "unknown_node", _text("unknown_node", self.lang, id=node_id)
        kind = self.nodes[node_id][0]
        allowed = ENDPOINTS[rel.type][0 if end == "source" else 1]
        if kind in allowed:
            return None
        message = _text(
            f"wrong_{end}",
            self.lang,
            type=_type_label(rel, self.lang),
            allowed=_allowed(allowed, self.lang),
            id=node_id,
            actual=_node_word(kind, self.lang),
        )
        return f"wrong_{end}", message

    def check_relation(self, rel: Relation, row: RawRow) -> list[Issue]:
        """Issues with a relation's ends, its tension stake and its identity; registers it."""
        issues = []
        for end in ("source", "target"):
            problem = self.end_problem(rel, end)
            if problem is not None:
                issues.append(
                    Issue(row.file, row.line, row.column(end), getattr(rel, end), problem[1])
                )
        if (
            rel.type == "tension"
            and rel.stake
            and rel.stake not in self.unreadable
            and not (self.file_unreadable and rel.stake not in self.nodes)
            and (self.nodes.get(rel.stake) or (None,))[0] is not RecordKind.STAKE
        ):
            message = _text("tension_stake", self.lang, id=rel.stake)
            issues.append(Issue(row.file, row.line, row.column("stake"), rel.stake, message))
        key = rel.key
        if key in self.stored_relations:
            self.stored_relations.discard(key)
            self.relations[key] = (row.file, row.line)
        elif key in self.relations:
            where = _where(*self.relations[key], self.lang)
            message = _text(
                "duplicate_relation", self.lang, where=where, identity=_identity(rel, self.lang)
            )
            column = "id" if rel.id else "type"
            issues.append(
                Issue(row.file, row.line, row.column(column), rel.id or rel.type.value, message)
            )
        else:
            self.relations[key] = (row.file, row.line)
        return issues


_KIND_OF_NODE = {Stake: RecordKind.STAKE, Space: RecordKind.SPACE}


def _sorted(issues: list[Issue], tables: list[RawTable]) -> list[Issue]:
    """Issues file by file (in reading order), line by line, then left to right."""
    order = {table.file: position for position, table in enumerate(tables)}
    place = {
        (table.file, column): position
        for table in tables
        for position, column in enumerate((table.columns or {}).values())
    }
    return sorted(
        issues,
        key=lambda i: (order.get(i.file, -1), i.line or 0, place.get((i.file, i.column), 1 << 20)),
    )


def build_map(
    tables: Iterable[RawTable],
    issues: Iterable[Issue] = (),
    *,
    lang: str = "en",
    onto: Ecosystem | None = None,
) -> tuple[Ecosystem, list[Issue]]:
    """The map the raw tables hold, and every issue (errors and warnings) in them.

    Never raises: the caller decides what to do with errors. ``issues`` are those the
    readers found; they come back with the others, sorted by file then line.

    With ``onto`` (the stored map of a merge import), the tables are a patch on it:
    the map returned holds each record of the tables merged with the stored record
    of the same id or identity — filled cells replace stored values, empty cells
    and missing columns keep them, a cell holding a marker of :data:`CLEAR_MARKERS`
    clears them — and relations may point to stored nodes. A record the store does
    not hold follows the usual rules (an actor needs a name and a kind); a patch
    need not repeat them. Without ``onto`` a marker reads as an empty cell.

    >>> from ecomap.ingest.readers import read_csv
    >>> actors, _ = read_csv(b"id,name,kind\\np,Ana,personne\\np,Bob,person\\n", "actor", "actors.csv")
    >>> relations, _ = read_csv(b"source,target,type\\np,x,member_of\\n", "relation", "relations.csv")
    >>> eco, issues = build_map([actors, relations])
    >>> for issue in issues: print(issue)
    actors.csv, line 3, column 'id': the id 'p' is already used by an actor at actors.csv, line 2; actors, stakes and spaces share one set of ids (value: 'p')
    relations.csv, line 2, column 'target': no actor, stake or space has the id 'x' (value: 'x')

    Notes
    -----
    Checks, in DESIGN.md §2 terms: each cell against its field (kind, range,
    number, date, boolean); the relation rules (no self-loop, ``power_type`` for a
    power relation, ``stance`` for a stake relation, ``member``/``facilitator`` as
    the role in a space, ``until`` not before ``since``); mandatory columns, once
    per file; one id space for actors, stakes and spaces; one row per relation
    identity (:attr:`~ecomap.model.Relation.key`); relation ends that exist and whose
    kind :data:`~ecomap.model.ENDPOINTS` allows; a tension's ``stake`` that is a stake.
    With ``onto``, ids and identities are checked against the file and the store
    together, and an actor whose kind a patch changes must still fit the stored
    relations the file leaves as they are.

    >>> stored, _ = build_map([read_csv(b"id,name,kind,territory,notes\\nm,Mairie,institution,Val,Vu\\n",
    ...                                 "actor", "actors.csv")[0]])
    >>> patch, _ = read_csv(b"id,territory,notes\\nm,,(vide)\\nn,Asso,\\n", "actor", "actors.csv")
    >>> eco, issues = build_map([patch], onto=stored)
    >>> eco.actors["m"].territory, eco.actors["m"].notes, [str(i) for i in issues]
    ('Val', None, ["actors.csv, line 1, column 'name': missing column 'name': the actors file needs the columns id, name, kind", "actors.csv, line 1, column 'kind': missing column 'kind': the actors file needs the columns id, name, kind"])
    """
    # Half a million records are made at 100,000 nodes: the collector's passes over
    # them would cost more than making them.
    with _no_collection():
        return _build_map(tables, issues, lang=lang, onto=onto)


def _build_map(
    tables: Iterable[RawTable],
    issues: Iterable[Issue],
    *,
    lang: str,
    onto: Ecosystem | None,
) -> tuple[Ecosystem, list[Issue]]:
    found = list(issues)
    tables = sorted(tables, key=lambda t: KIND_ORDER.index(t.kind))
    index = _MapIndex(lang) if onto is None else _MapIndex.of_store(onto, lang)
    index.file_unreadable = any(
        i.severity == "error" and i.line is None and i.column is None for i in found
    )
    eco = Ecosystem()
    #: Stored actors whose kind a row changes, with that row.
    rekinded: list[tuple[Actor, RawRow]] = []
    relation_tables: list[tuple[RawTable, list[Any], dict[int, Any], list[int]]] = []
    missing_of: dict[str, list[str]] = {}
    for table in tables:
        # Rows whose every cell is proven good are records already; the others are read
        # one by one, with the words, line and column of each problem.
        fast = checked_records(table.kind, table, onto, MODELS[table.kind])
        left = compress(range(len(fast)), map(is_, fast, repeat(None)))
        slow = {i: _patch(table.kind, table.row(i), onto) for i in left}
        missing = (
            []
            if table.columns is None
            else [c for c in MANDATORY[table.kind] if c not in table.columns]
        )
        # A missing column only matters to the records the store does not hold yet.
        if missing and (
            onto is None
            or len(slow) < len(fast)
            or any(stored is None for _, stored in slow.values())
        ):
            for column in missing:
                message = _text(
                    "missing_column",
                    lang,
                    column=column,
                    stem=FILE_STEMS[table.kind],
                    needed=", ".join(MANDATORY[table.kind]),
                )
                found.append(Issue(table.file, table.header_line, column, None, message))
        missing_of[table.file] = missing
        lines = table.cells.lines if table.cells is not None else [r.line for r in table.rows]
        table_kind = RecordKind(table.kind)
        is_relation, is_actor = table_kind is RecordKind.RELATION, table_kind is RecordKind.ACTOR
        held, nodes = eco.records(table_kind), index.nodes
        if is_relation:
            relation_tables.append((table, fast, slow, lines))
            continue
        if not slow and _register_nodes(fast, table, lines, table_kind, held, nodes):
            continue
        for i, record in enumerate(fast):
            if record is not None:
                node_id = record.id
                if node_id not in nodes:
                    kind = record.kind if is_actor else table_kind
                    nodes[node_id] = (kind, (table.file, lines[i]))
                    held[node_id] = record
                elif (problem := index.add_node(record, table.row(i))) is not None:
                    found.append(problem)
                else:
                    eco.add(record)
                continue
            row, stored = slow[i]
            record, problems = record_from_row(table.kind, row, skip=missing, lang=lang)
            found += problems
            if record is None:
                node_id = row.values.get("id", "")
                node_id = node_id.strip() if isinstance(node_id, str) else ""
                if node_id:
                    index.unreadable.add(node_id)
            elif (problem := index.add_node(record, row)) is not None:
                found.append(problem)
            else:
                eco.add(record)
                if isinstance(stored, Actor) and stored.kind is not record.kind:
                    rekinded.append((record, row))
    # Relations once every node is known, table by table in reading order.
    relations, held = index.relations, eco.relations
    for table, fast, slow, lines in relation_tables:
        missing = missing_of[table.file]
        sure, keys = _sure_relations(fast, index.nodes)
        if not slow and _register_relations(fast, keys, table.file, lines, relations, held, sure):
            continue
        for i, record in enumerate(fast):
            if record is None:
                row = slow[i][0]
                rel, problems = record_from_row(table.kind, row, skip=missing, lang=lang)
                found += problems
                if rel is None:
                    continue
            else:
                rel, row = record, None
                # The usual case, a relation between nodes of the right kinds that no
                # other row repeats, is registered here; every other gets the full check.
                if sure[i] and (key := keys[i]) not in relations:
                    relations[key] = (table.file, lines[i])
                    held[key] = rel
                    continue
            problems = index.check_relation(rel, row if row is not None else table.row(i))
            found += problems
            if not problems:
                eco.add(rel)
    if onto is not None:
        for actor, row in rekinded:
            found += _stored_dependents(onto, actor, index, row, lang)
    return eco, _sorted(found, tables)


def _register_nodes(
    fast: list[Any],
    table: RawTable,
    lines: list[int],
    kind: RecordKind,
    held: dict[str, Any],
    nodes: dict[str, Any],
) -> bool:
    """Register a whole table of records made column-wise at once, when nothing in it
    needs a check of its own: every row a record, no id twice, no id already known.
    False (nothing registered) otherwise."""
    ids = list(map(attrgetter("id"), fast))
    if not nodes.keys().isdisjoint(ids) or not _held_once(held, ids, fast):
        return False
    kinds = map(attrgetter("kind"), fast) if kind is RecordKind.ACTOR else repeat(kind)
    places = zip(repeat(table.file), lines, strict=False)
    nodes.update(zip(ids, zip(kinds, places, strict=False), strict=True))
    return True


def _held_once(held: dict[str, Any], keys: list[str], records: list[Any]) -> bool:
    """Add the records under their keys, unless a key comes twice (nothing added then).

    ``held`` holds none of the keys yet. Counting what the update added tells whether
    every key is new, without a set of them all."""
    before = len(held)
    held.update(zip(keys, records, strict=True))
    if len(held) - before == len(keys):
        return True
    for key in keys:
        held.pop(key, None)
    return False


#: Codes of the node kinds (0: no such node): the ends of a relation are checked as
#: arrays of codes.
_NODE_KINDS = (*ActorKind, RecordKind.STAKE, RecordKind.SPACE)
_TYPE_CODES = {rtype._value_: code for code, rtype in enumerate(RelationType)}
_KIND_CODE_BY_ID = {id(kind): code for code, kind in enumerate(_NODE_KINDS, start=1)}
_TYPE_CODE_BY_ID = {id(rtype): code for code, rtype in enumerate(RelationType)}
#: ``_ALLOWED[end][type code, kind code]``: whether that end (0 the source, 1 the
#: target) of a relation of that type may be a node of that kind.
_ALLOWED = tuple(
    np.array(
        [
            [False] + [kind in ENDPOINTS[rtype][end] for kind in _NODE_KINDS]
            for rtype in RelationType
        ]
    )
    for end in (0, 1)
)


def _sure_relations(
    fast: list[Relation | None], nodes: dict[str, Any]
) -> tuple[list[bool], list[str | None]]:
    """For each relation made column-wise: whether its two ends are nodes of kinds its
    type allows and nothing else is to be checked (a tension on a stake is), and its
    identity (:attr:`~ecomap.model.Relation.key`); False and None for the other rows.

    Computed column by column: the identities with :func:`~ecomap.model.relation_keys`,
    the ends as arrays of kind codes looked up in a table of what each type allows.
    """
    made = list(map(is_not, fast, repeat(None)))
    count = made.count(True)
    if not count:
        return made, [None] * len(fast)
    columns = getattr(fast, "columns", None)
    names = ("type", "source", "target", "stake", "id")
    if columns is not None:
        types, sources, targets, stakes, ids = (list(compress(columns[n], made)) for n in names)
    else:
        records = list(compress(fast, made))
        types, sources, targets, stakes, ids = (list(map(attrgetter(n), records)) for n in names)
    keys = relation_keys(types, sources, targets, stakes, ids)
    # Kinds by the identity of their member: an enum member's hash is a Python call.
    kinds = map(id, map(itemgetter(0), nodes.values()))
    kind_code = dict(zip(nodes, map(_KIND_CODE_BY_ID.get, kinds, repeat(0)), strict=True))
    coded = getattr(fast, "coded", None) or {}
    chosen = None if count == len(fast) else np.array(made)

    def codes_of(name: str, values: list[Any], code: dict[Any, int], key=None) -> np.ndarray:
        """``code[key(value)]`` (0 when absent) for each made row: once per distinct
        value when the column has its codes (:func:`~.column_checks.checked_records`)."""
        if name in coded:
            cells, values = coded[name]
        keys = values if key is None else map(key, values)
        found = np.fromiter(map(code.get, keys, repeat(0)), np.intp, len(values))
        if name not in coded:
            return found
        return found[cells] if chosen is None else found[cells][chosen]

    # Types by the identity of their member, as kinds.
    type_code = codes_of("type", types, _TYPE_CODE_BY_ID, id)
    source_code = codes_of("source", sources, kind_code)
    target_code = codes_of("target", targets, kind_code)
    sure = _ALLOWED[0][type_code, source_code] & _ALLOWED[1][type_code, target_code]
    on_stake = np.fromiter(map(bool, stakes), bool, count)
    sure &= ~(on_stake & (type_code == _TYPE_CODES[RelationType.TENSION._value_]))
    sure_list = sure.tolist()
    if count == len(fast):
        return sure_list, keys
    made_sure, made_keys = iter(sure_list), iter(keys)
    return (
        [is_made and next(made_sure) for is_made in made],
        [next(made_keys) if is_made else None for is_made in made],
    )


def _register_relations(
    fast: list[Relation],
    keys: list[str],
    file: str,
    lines: list[int],
    relations: dict[str, Any],
    held: dict[str, Relation],
    sure: list[bool] | None = None,
) -> bool:
    """Register a whole table of relations made column-wise at once, when nothing in it
    needs a check of its own: every row sure (:func:`_sure_relations`), no identity
    twice or already known. False (nothing registered) otherwise."""
    if sure is not None and not all(sure):
        return False
    if not relations.keys().isdisjoint(keys) or not _held_once(held, keys, fast):
        return False
    relations.update(zip(keys, zip(repeat(file), lines, strict=False), strict=True))
    return True


def _is_marker(text: Any) -> bool:
    return isinstance(text, str) and text.strip().casefold() in CLEAR_MARKERS


def _patch(
    kind: RecordKind, row: RawRow, onto: Ecosystem | None
) -> tuple[RawRow, Actor | Stake | Space | Relation | None]:
    """The row to validate, and the stored record it patches (None for a new record).

    Marker cells (:data:`CLEAR_MARKERS`) are emptied. A row that patches a stored
    record gets that record's values under its filled cells; a marker removes the
    stored value, an empty cell or a missing column keeps it.
    """
    texts = row.values.values()
    if "(" in "".join(texts) or any("(" in t for t in row.extra.values()):
        cleared = {name for name, text in row.values.items() if _is_marker(text)}
        gone = {name for name, text in row.extra.items() if _is_marker(text)}
        if cleared or gone:
            values = {n: "" if n in cleared else t for n, t in row.values.items()}
            extra = {n: t for n, t in row.extra.items() if n not in gone}
            row = RawRow(row.file, row.line, values, row.columns, extra)
    else:
        cleared = gone = set()
    stored = None if onto is None else _stored(RecordKind(kind), row, onto)
    if stored is None:
        return row, None
    fields = MODELS[kind].model_fields
    values = {n: v for n, v in stored.record().items() if n in fields}
    # The two ends of an undirected relation written the other way round are the same
    # relation, not a change.
    same_ends = isinstance(stored, Relation) and stored.undirected
    for name, text in row.values.items():
        if same_ends and name in ("source", "target"):
            continue
        if name in cleared:
            values[name] = ""
        elif text.strip():
            values[name] = text
    extra = {n: v for n, v in stored.extra.items() if n not in gone}
    extra.update(row.extra)
    return RawRow(row.file, row.line, values, row.columns, extra), stored


def _stored(
    kind: RecordKind, row: RawRow, onto: Ecosystem
) -> Actor | Stake | Space | Relation | None:
    """The stored record with the row's id, or for a relation without id its identity."""
    cell = row.values.get
    key = cell("id", "").strip()
    if kind is RecordKind.RELATION:
        if key:
            key = f"id:{key}"
        else:
            source, target = cell("source", "").strip(), cell("target", "").strip()
            try:
                rtype = parse_enum(RelationType, cell("type", ""))
            except ValueError:
                return None
            if not (source and target):
                return None
            key = relation_key(rtype, source, target, cell("stake", "").strip() or None)
    return onto.records(kind).get(key) if key else None


def _stored_dependents(
    onto: Ecosystem, actor: Actor, index: _MapIndex, row: RawRow, lang: str
) -> list[Issue]:
    """Issues with the stored relations that a patched actor's new kind breaks.

    Relations the file writes again were checked with it.
    """
    issues = []
    for rel in onto.relations_of(actor.id):
        if index.relations.get(rel.key, (None, None)) != (None, None):
            continue
        for end in ("source", "target"):
            problem = index.end_problem(rel, end) if getattr(rel, end) == actor.id else None
            if problem is not None:
                message = _text(
                    "kind_breaks_stored", lang, identity=_identity(rel, lang), detail=problem[1]
                )
                issues.append(
                    Issue(row.file, row.line, row.column("kind"), actor.kind.value, message)
                )
    return issues


def _form_cell(value: Any) -> str:
    """A form value as cell text (forms hand over enums, dates, numbers, lists)."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list | tuple):
        return "|".join(_form_cell(v) for v in value)
    return cell_text(value)


def validate_record(
    eco: Ecosystem,
    kind: RecordKind | str,
    fields: Mapping[str, Any],
    *,
    replacing: str | None = None,
    lang: str = "en",
) -> tuple[Actor | Stake | Space | Relation | None, list[Issue]]:
    """Check one record from a form against the map it goes into, as the importer would.

    Parameters
    ----------
    eco : Ecosystem
        The map as it is now.
    kind : RecordKind or str
        ``actor``, ``stake``, ``space`` or ``relation``.
    fields : mapping
        Field name → value, as text (as typed) or already typed (enum, number, date,
        bool, list of tags). French field names are accepted as in files. Custom
        fields go under ``extra`` (a dict); other unknown names are kept as custom
        fields with a warning.
    replacing : str, optional
        The id (node) or identity (:attr:`~ecomap.model.Relation.key`) of the record
        being edited: it does not count as a duplicate of itself. For a node, its
        relations must still fit the edited record (same id, a kind they allow).
    lang : str
        ``en`` or ``fr``.

    Returns
    -------
    record, issues
        The validated record (None when there is any error) and the issues, with
        ``file`` = "form" and no line.

    Examples
    --------
    >>> from ecomap.model import Actor
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="mairie", name="Mairie", kind="institution"))
    >>> record, issues = validate_record(eco, "relation",
    ...     {"source": "mairie", "target": "asso", "type": "membre de"}, lang="fr")
    >>> record, [str(i) for i in issues]
    (None, ["formulaire, column 'source': source attendue pour une relation « membre de » : une personne ; « mairie » est une institution (value: 'mairie')", "formulaire, column 'target': aucun acteur, enjeu ou dispositif n'a l'identifiant « asso » (value: 'asso')"])
    """
    kind = RecordKind(kind)
    form = _text("form", lang)
    row = RawRow(form, None, {}, {})
    custom = []
    for name, value in fields.items():
        if name == "extra":
            row.extra.update({str(k): _form_cell(v) for k, v in (value or {}).items()})
            continue
        field_name = canonical_column(kind, name)
        if field_name is None:
            custom.append(name)
            if (text := _form_cell(value)) != "":
                row.extra[name] = text
        else:
            row.values[field_name] = _form_cell(value)
            row.columns[field_name] = name
    row.extra = {k: v for k, v in row.extra.items() if v != ""}
    issues: list[Issue] = []
    if custom:
        names = ", ".join(custom)
        issues.append(
            Issue(form, None, names, None, _text("custom_fields", lang, columns=names), "warning")
        )
    record, problems = record_from_row(kind, row, lang=lang)
    issues += problems
    if record is None:
        return None, issues
    index = _MapIndex.of_map(eco, lang, leave_out=(kind, replacing) if replacing else None)
    if isinstance(record, Relation):
        issues += index.check_relation(record, row)
    else:
        if (problem := index.add_node(record, row)) is not None:
            issues.append(problem)
        if replacing is not None:
            issues += _dependents(eco, record, replacing, index, row, lang)
    if any(i.severity == "error" for i in issues):
        return None, issues
    return record, issues


def _dependents(
    eco: Ecosystem,
    record: Actor | Stake | Space,
    replacing: str,
    index: _MapIndex,
    row: RawRow,
    lang: str,
) -> list[Issue]:
    """Issues with the relations of an edited node: a changed id, or a kind they forbid."""
    relations = eco.relations_of(replacing)
    if not relations:
        return []
    if record.id != replacing:
        message = _text("renamed", lang, count=len(relations), old=replacing)
        return [Issue(row.file, row.line, row.column("id"), record.id, message)]
    issues = []
    for rel in relations:
        for end in ("source", "target"):
            problem = index.end_problem(rel, end) if getattr(rel, end) == record.id else None
            if problem is not None:
                message = _text(
                    "kind_breaks", lang, identity=_identity(rel, lang), detail=problem[1]
                )
                value = getattr(getattr(record, "kind", None), "value", None)
                issues.append(Issue(row.file, row.line, row.column("kind"), value, message))
    return issues
