"""Writers: a map as CSV files, an Excel workbook, JSON, GEXF or GraphML.

Every format of DESIGN.md §2 "Files" comes out so that the readers give back the
same map: the exchange columns in their order, then the custom columns; numbers
without a spurious ``.0``; dates ISO; tags joined with ``|``; booleans ``true`` /
``false``. CSV and Excel cells that a spreadsheet would run as a formula are
defused (:func:`~ecomap.ingest.cells.defuse_formula`) and restored on reading.
GEXF and GraphML are for Gephi: one directed graph whose undirected relations
carry ``undirected=true``.

A file is first written beside its destination and then renamed over it, so a
failure never leaves half a file; nothing is written unless every byte could be
produced. New files and folders get the permissions any new file gets (the umask
decides who may read them); a file written over keeps its permissions.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import re
import secrets
import shutil
import stat
import zipfile
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

import networkx as nx

from ecomap.errors import InputError, Issue
from ecomap.i18n import say
from ecomap.ingest.cells import defuse_formula, format_number, plain_number
from ecomap.ingest.columns import FILE_STEMS, sheet_kind
from ecomap.ingest.readers import KIND_ORDER
from ecomap.model import (
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

__all__ = [
    "FORMATS",
    "SUFFIX_FORMATS",
    "EXCEL_CELL_LIMIT",
    "map_bytes",
    "csv_files",
    "template_bytes",
    "gephi_graph",
    "write_map",
    "write_template",
]

#: Download formats of :func:`map_bytes`.
FORMATS = ("csv-zip", "xlsx", "json", "gexf", "graphml")

#: File suffix → format of :func:`write_map` (a folder gets CSV files).
SUFFIX_FORMATS = {
    ".zip": "csv-zip",
    ".xlsx": "xlsx",
    ".json": "json",
    ".gexf": "gexf",
    ".graphml": "graphml",
}

#: The JSON document's lists, in the order DESIGN.md §2 gives them.
_JSON_ORDER = (RecordKind.ACTOR, RecordKind.STAKE, RecordKind.SPACE, RecordKind.RELATION)

_MESSAGES = {
    "en": {
        "unknown_format": (
            "unknown format '{fmt}': expected a folder, or a file ending in "
            ".xlsx, .json, .zip, .gexf or .graphml"
        ),
        "unknown_download": "unknown format '{fmt}': expected one of {formats}",
        "not_xlsx": "a template is an Excel workbook: give a file name ending in .xlsx",
        "not_folder": "'{path}' is a file: CSV files are written into a folder",
        "clash": (
            "the folder already holds '{name}', which would be read as {stem} too; "
            "remove it or choose another folder"
        ),
        "cannot_write": "cannot write: {reason}",
        "not_finite": "{field} of {record} is {value}: a map holds finite numbers only",
        "too_long": (
            "{field} of {record} is {length} characters long, more than the {limit} an Excel "
            "cell holds: shorten it, or export the map as CSV files or JSON"
        ),
    },
    "fr": {
        "unknown_format": (
            "format inconnu « {fmt} » : attendu un dossier, ou un fichier en "
            ".xlsx, .json, .zip, .gexf ou .graphml"
        ),
        "unknown_download": "format inconnu « {fmt} » : attendu {formats}",
        "not_xlsx": "un modèle est un classeur Excel : donnez un nom de fichier en .xlsx",
        "not_folder": "« {path} » est un fichier : les fichiers CSV s'écrivent dans un dossier",
        "clash": (
            "le dossier contient déjà « {name} », qui serait lu aussi comme {stem} ; "
            "retirez-le ou choisissez un autre dossier"
        ),
        "cannot_write": "écriture impossible : {reason}",
        "not_finite": "{field} de {record} vaut {value} : une carte ne contient que des nombres finis",
        "too_long": (
            "{field} de {record} compte {length} caractères, plus que les {limit} que contient "
            "une cellule Excel : raccourcissez-le, ou exportez la carte en fichiers CSV ou en JSON"
        ),
    },
}

# Drop-down lists of the workbook: enum columns of each sheet. The relations'
# ``role`` is free text for member_of (a post), so its list only suggests values.
_CHOICES: dict[RecordKind, dict[str, tuple[str, ...]]] = {
    RecordKind.ACTOR: {
        "kind": tuple(ActorKind),
        "level": tuple(Level),
        "engagement": tuple(Engagement),
    },
    RecordKind.RELATION: {
        "type": tuple(RelationType),
        "power_type": tuple(PowerType),
        "formal": ("true", "false"),
        "mode": tuple(CooperationMode),
        "role": tuple(ParticipationRole),
        "visibility": tuple(Visibility),
    },
    RecordKind.STAKE: {},
    RecordKind.SPACE: {"kind": tuple(SpaceKind), "instituted": ("true", "false")},
}
_SUGGESTED_ONLY = {(RecordKind.RELATION, "role")}

_RANGES: dict[RecordKind, dict[str, tuple[float, float]]] = {
    RecordKind.ACTOR: {"influence": (0, 5), "lat": (-90, 90), "lon": (-180, 180)},
    RecordKind.RELATION: {
        "weight": (1, 3),
        "stance": (-2, 2),
        **{key: (0, 3) for key in COLUMNS[RecordKind.RELATION] if key.startswith("acter_")},
    },
    RecordKind.STAKE: {},
    RecordKind.SPACE: {"frequency": (0, 10_000)},
}

_README = (
    "ecomap — lisez-moi / read me",
    "",
    "FR",
    "Une carte = les feuilles actors, relations (obligatoires), stakes et spaces (facultatives).",
    "La ligne 1 porte les noms de colonnes ; une ligne par acteur, relation, enjeu ou dispositif.",
    "Obligatoire : id, name, kind (actors) ; source, target, type (relations).",
    "Les identifiants (id) sont uniques pour tous les acteurs, enjeux et dispositifs.",
    "Les listes déroulantes donnent les valeurs ; les valeurs françaises sont acceptées aussi",
    "(personne, moteur, comité de pilotage, coopère, oui/non…), ainsi que 01/03/2026 et 1,5.",
    "tags : plusieurs valeurs séparées par |. Colonnes en plus : gardées telles quelles.",
    "power demande power_type ; stake (enjeu) demande stance de -2 à 2 ; weight de 1 à 3.",
    "Import en fusion : une relation peut viser un acteur déjà dans la carte ; pour un",
    "acteur déjà là, seules les cellules remplies changent, une cellule vide garde la",
    "valeur enregistrée et (vide) l'efface.",
    "",
    "EN",
    "A map = the sheets actors, relations (required), stakes and spaces (optional).",
    "Row 1 holds the column names; one row per actor, relation, stake or space.",
    "Required: id, name, kind (actors); source, target, type (relations).",
    "Ids are unique across actors, stakes and spaces.",
    "Drop-down lists give the values; French spellings are accepted too.",
    "tags: several values separated by |. Extra columns are kept as they are.",
    "power needs power_type; stake needs a stance from -2 to 2; weight is 1 to 3.",
    "Merge import: a relation may point to an actor already in the map; for an actor",
    "already there only filled cells change, an empty cell keeps the stored value and",
    "(empty) clears it.",
)


def _issue(lang: str, file: str, message: str, /, **values: Any) -> Issue:
    return Issue(file, None, None, None, say(_MESSAGES, message, lang, **values))


def _columns(kind: RecordKind, records: Iterable[Any]) -> list[str]:
    """The exchange columns of ``kind``, then the custom columns in order of appearance."""
    custom: dict[str, None] = {}
    for record in records:
        custom.update(dict.fromkeys(record.extra))
    return [*COLUMNS[kind], *(c for c in custom if c not in COLUMNS[kind])]


def _rows(kind: RecordKind, eco: Ecosystem) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of one kind, with Python values (None for an empty cell)."""
    records = list(eco.records(kind).values())
    columns = _columns(kind, records)
    custom = columns[len(COLUMNS[kind]) :]
    rows = []
    for record in records:
        fields, extra = record.__dict__, record.extra
        rows.append([*(fields[c] for c in COLUMNS[kind]), *(extra.get(c) for c in custom)])
    return columns, rows


def _text_cell(value: Any) -> Any:
    """A value as the text or number a spreadsheet cell holds (before defusing)."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return defuse_formula("|".join(value))
    if isinstance(value, str):
        return defuse_formula(value)
    return value


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if value.__class__ is str:
        return defuse_formula(value)
    value = _text_cell(value)
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def _csv_bytes(kind: RecordKind, eco: Ecosystem) -> bytes:
    columns, rows = _rows(kind, eco)
    header = [_csv_cell(column) for column in columns]
    buffer = io.StringIO(newline="")
    # Readers guess the delimiter from the header line: a custom column name with
    # ``;`` or a tab in it is quoted so that it cannot pass for the delimiter.
    quoting = csv.QUOTE_ALL if any(";" in h or "\t" in h for h in header) else csv.QUOTE_MINIMAL
    csv.writer(buffer, quoting=quoting).writerow(header)
    csv.writer(buffer).writerows([_csv_cell(v) for v in row] for row in rows)
    # With a byte-order mark, Excel opens the file as UTF-8 (without one, French Excel
    # reads it as Windows-1252 and garbles every accent); every reader here accepts it.
    return buffer.getvalue().encode("utf-8-sig")


def csv_files(eco: Ecosystem) -> dict[str, bytes]:
    """The map as CSV files: file name → bytes (UTF-8 with a BOM, ``,``, one header line).

    >>> from ecomap.model import Actor
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="p1", name="=Ana", kind="person", influence=2, tags=["élue", "vélo"]))
    >>> csv_files(eco)["actors.csv"].decode("utf-8-sig").splitlines()
    ['id,name,kind,level,category,territory,role,influence,engagement,tags,notes,lat,lon', "p1,'=Ana,person,micro,,,,2,,élue|vélo,,,"]
    """
    return {f"{FILE_STEMS[kind]}.csv": _csv_bytes(kind, eco) for kind in KIND_ORDER}


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, list):
        value = "|".join(value)
    if isinstance(value, str):
        # Characters Excel cannot hold go first, so that what is left is defused as
        # it will be read ("\x01=cmd" must not become a live "=cmd").
        return defuse_formula(_NOT_IN_EXCEL.sub("", value))
    value = _text_cell(value)
    if isinstance(value, float):
        # openpyxl writes 16 significant digits; the few floats that need 17 go as
        # text, which the reader parses back exactly.
        return plain_number(value) if float(f"{value:.16g}") == value else repr(value)
    return value


#: The ASCII control characters an .xlsx cell cannot hold (as openpyxl refuses them).
_NOT_IN_EXCEL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _add_validations(sheet, kind: RecordKind, columns: list[str]) -> None:
    """Drop-down lists for the enum columns and ranges for the numbers of one sheet."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for position, column in enumerate(columns, start=1):
        cells = f"{get_column_letter(position)}2:{get_column_letter(position)}1048576"
        if column in _CHOICES[kind]:
            values = ", ".join(_CHOICES[kind][column])
            rule = DataValidation(
                type="list",
                formula1='"' + ",".join(_CHOICES[kind][column]) + '"',
                allow_blank=True,
                showErrorMessage=(kind, column) not in _SUGGESTED_ONLY,
                errorStyle="warning",
                errorTitle=column,
                error=f"{values} (français accepté / French accepted)",
                showInputMessage=True,
                promptTitle=column,
                prompt=values,
            )
        elif column in _RANGES[kind]:
            low, high = _RANGES[kind][column]
            rule = DataValidation(
                type="decimal",
                operator="between",
                formula1=str(low),
                formula2=str(high),
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning",
                errorTitle=column,
                error=f"{low} … {high}",
            )
        else:
            continue
        rule.add(cells)
        sheet.data_validations.append(rule)


def _xlsx_bytes(eco: Ecosystem, *, readme: bool = False) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    try:
        return _fill_workbook(book, eco, readme=readme)
    except BaseException:
        _abandon(book)
        raise


def _fill_workbook(book, eco: Ecosystem, *, readme: bool) -> bytes:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    for kind in KIND_ORDER:
        columns, rows = _rows(kind, eco)
        sheet = book.create_sheet(FILE_STEMS[kind])
        sheet.freeze_panes = "A2"
        for position, column in enumerate(columns, start=1):
            width = 32 if column in ("name", "notes", "description") else max(10, len(column) + 2)
            sheet.column_dimensions[get_column_letter(position)].width = width
        _add_validations(sheet, kind, columns)
        header = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=_xlsx_cell(column))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in rows:
            sheet.append([_xlsx_cell(v) for v in row])
    if readme:
        sheet = book.create_sheet("lisez-moi (read me)")
        sheet.column_dimensions["A"].width = 100
        for line in _README:
            sheet.append([line])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _abandon(book) -> None:
    """Close and remove what a write-only workbook holds when writing it failed.

    Each sheet streams its rows through two generators into a temporary file of its
    own (a full disk fails them). Left open, the generators fail once more when they
    are collected, printing a traceback, and the file stays until the program ends.
    openpyxl offers no public way to drop them, hence the attributes read here.
    """
    for sheet in book.worksheets:
        writer = getattr(sheet, "_writer", None)
        for stream in (getattr(sheet, "_rows", None), getattr(writer, "xf", None)):
            if stream is not None:
                with contextlib.suppress(Exception):
                    stream.close()
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()


def _json_bytes(eco: Ecosystem) -> bytes:
    document: dict[str, Any] = {"format": "ecomap", "version": 1}
    for kind in _JSON_ORDER:
        document[FILE_STEMS[kind]] = [
            {k: plain_number(v) if isinstance(v, float) else v for k, v in record.record().items()}
            for record in eco.records(kind).values()
        ]
    return (json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode()


# Attribute names networkx's GEXF writer or Gephi give a meaning of their own, and the
# ones this module adds: a custom field with such a name is prefixed.
_RESERVED = {
    "id",
    "label",
    "type",
    "key",
    "start",
    "end",
    "pid",
    "viz",
    "weight",
    "node_type",
    "relation_type",
    "relation_id",
    "undirected",
}
_FIELDS = {name for columns in COLUMNS.values() for name in columns}


#: The characters XML 1.0 cannot hold, whatever the escaping: GEXF and GraphML are XML.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """``text`` with the characters XML cannot hold written as escapes (``\\x1b``)."""
    return _NOT_IN_XML.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


def _gephi_value(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list):
        return _xml_text("|".join(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return _xml_text(value)
    return value


def _gephi_attributes(record: Any, kind: RecordKind) -> dict[str, Any]:
    attributes = {}
    for name in COLUMNS[kind]:
        value = _gephi_value(getattr(record, name))
        if value not in (None, ""):
            attributes[name] = value
    for name, value in record.extra.items():
        clash = name in _RESERVED or name in _FIELDS
        attributes[_xml_text(f"custom_{name}" if clash else name)] = _xml_text(value)
    return attributes


def gephi_graph(eco: Ecosystem) -> nx.MultiDiGraph:
    """The map as one directed graph that GEXF and GraphML writers accept.

    Nodes: ``label`` = name, ``node_type`` (actor, stake, space) and every field.
    Edges, keyed by the relation's identity: ``relation_type``, ``label`` (the
    type), ``undirected`` (true for cooperates, tension, complements, conflicts,
    written once from source to target), the relation's own ``id`` as
    ``relation_id``, and every other field. Lists are joined with ``|``, dates are
    ISO text, enums plain text, empty fields left out; a custom field whose name
    is taken gets the prefix ``custom_``. The control characters XML cannot hold
    (in ids, names, any text) are written as escapes: ``\\x1b`` for ESC.

    >>> from ecomap.model import Actor, Relation
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="a", name="Ana", kind="person", tags=["x", "y"]))
    >>> eco.add(Actor(id="b", name="Bob", kind="person"))
    >>> eco.add(Relation(source="b", target="a", type="cooperates", weight=2))
    >>> G = gephi_graph(eco)
    >>> G.nodes["a"]["label"], G.nodes["a"]["tags"]
    ('Ana', 'x|y')
    >>> [(u, v, d["relation_type"], d["undirected"]) for u, v, d in G.edges(data=True)]
    [('b', 'a', 'cooperates', True)]
    """
    G = nx.MultiDiGraph()
    for kind in (RecordKind.ACTOR, RecordKind.STAKE, RecordKind.SPACE):
        for node_id, record in eco.records(kind).items():
            attributes = _gephi_attributes(record, kind)
            attributes.pop("id")
            G.add_node(_xml_text(node_id), label=attributes["name"], node_type=kind.value,
                       **attributes)  # fmt: skip
    for key, rel in eco.relations.items():
        attributes = _gephi_attributes(rel, RecordKind.RELATION)
        for name in ("source", "target", "type"):
            attributes.pop(name)
        if "id" in attributes:
            attributes["relation_id"] = attributes.pop("id")
        attributes.update(
            label=rel.type.value, relation_type=rel.type.value, undirected=rel.undirected
        )
        G.add_edge(_xml_text(rel.source), _xml_text(rel.target), key=_xml_text(key),
                   **attributes)  # fmt: skip
    return G


def _gexf_bytes(eco: Ecosystem) -> bytes:
    G = gephi_graph(eco)
    # The GEXF writer takes an edge's ``id`` attribute as its id: the identity is unique.
    for _, _, key, data in G.edges(keys=True, data=True):
        data["id"] = key
    buffer = io.BytesIO()
    nx.write_gexf(G, buffer)
    return buffer.getvalue()


def _graphml_bytes(eco: Ecosystem) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(gephi_graph(eco), buffer)
    return buffer.getvalue()


def _zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


_PRODUCERS = {
    "csv-zip": lambda eco: _zip_bytes(csv_files(eco)),
    "xlsx": _xlsx_bytes,
    "json": _json_bytes,
    "gexf": _gexf_bytes,
    "graphml": _graphml_bytes,
}


def map_bytes(eco: Ecosystem, fmt: str, *, lang: str = "en") -> bytes:
    """The map as one file's bytes, for a download.

    Parameters
    ----------
    eco : Ecosystem
    fmt : str
        ``csv-zip`` (a .zip of the CSV files), ``xlsx``, ``json``, ``gexf`` or ``graphml``.

    Raises
    ------
    InputError
        For an unknown format.

    >>> from ecomap.model import Actor
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="a", name="Ana", kind="person", influence=3))
    >>> json.loads(map_bytes(eco, "json"))["actors"]
    [{'id': 'a', 'name': 'Ana', 'kind': 'person', 'level': 'micro', 'influence': 3}]
    """
    if fmt not in _PRODUCERS:
        raise InputError(
            [_issue(lang, fmt, "unknown_download", fmt=fmt, formats=", ".join(FORMATS))]
        )
    # The readers refuse infinite numbers; a map that could not be read back is not written.
    problems = [
        _issue(lang, FILE_STEMS[kind], "not_finite", field=name, record=key, value=value)
        for kind in KIND_ORDER
        for key, record in eco.records(kind).items()
        for name, value in record
        if isinstance(value, float) and not math.isfinite(value)
    ]
    if fmt == "xlsx":
        problems += _too_long_for_excel(eco, lang)
    if problems:
        raise InputError(problems)
    return _PRODUCERS[fmt](eco)


#: The most characters an Excel cell holds (Excel counts UTF-16 units: an emoji is two).
EXCEL_CELL_LIMIT = 32_767


def _too_long_for_excel(eco: Ecosystem, lang: str) -> list[Issue]:
    """An issue for each text a workbook cell cannot hold whole.

    openpyxl cuts such a text short without a word; a map that would not read back
    the same is not written.
    """
    problems = []
    for kind in KIND_ORDER:
        for key, record in eco.records(kind).items():
            cells = [(n, v) for n, v in record if n != "extra"] + list(record.extra.items())
            cells += [(name, name) for name in record.extra]  # custom column headers
            for name, value in cells:
                if isinstance(value, list):
                    value = "|".join(value)
                # Fewer than half the limit in characters is within it in UTF-16 units.
                if not isinstance(value, str) or len(value) <= EXCEL_CELL_LIMIT // 2:
                    continue
                units = len(_xlsx_cell(value).encode("utf-16-le")) // 2
                if units > EXCEL_CELL_LIMIT:
                    problems.append(
                        _issue(lang, FILE_STEMS[kind], "too_long", field=name, record=key,
                               length=units, limit=EXCEL_CELL_LIMIT)
                    )  # fmt: skip
    return problems


def template_bytes() -> bytes:
    """A blank workbook to fill in: the four sheets, their headers, drop-down lists and
    a bilingual read-me sheet. Read back, it is an empty map."""
    return _xlsx_bytes(Ecosystem(), readme=True)


def _beside(path: Path, make) -> Path:
    """A new file or folder beside ``path`` under a fresh hidden name, made by
    ``make(candidate)``. Unlike :mod:`tempfile`'s, whose files are private (0600) and
    would stay so once renamed, it gets the permissions the umask gives any new file."""
    while True:
        candidate = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            make(candidate)
            return candidate
        except FileExistsError:
            continue


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path`` then rename it over ``path`` (all or nothing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    temporary = _beside(path, lambda p: os.close(os.open(p, flags, 0o666)))
    try:
        with open(temporary, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write_folder(folder: Path, files: dict[str, bytes], lang: str) -> None:
    """Write the CSV files into ``folder``; each file is replaced whole."""
    if folder.exists():
        for existing in folder.iterdir():
            kind = sheet_kind(existing.stem) if existing.suffix.lower() == ".csv" else None
            if kind is not None and existing.name not in files:
                stem = FILE_STEMS[kind]
                raise InputError(
                    [_issue(lang, str(existing), "clash", name=existing.name, stem=stem)]
                )
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = _beside(folder, lambda p: os.mkdir(p, 0o777))
    try:
        for name, data in files.items():
            with open(staging / name, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        if not folder.exists():
            staging.rename(folder)
            return
        for name in files:
            os.replace(staging / name, folder / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_map(eco: Ecosystem, path: str | Path, *, lang: str = "en") -> None:
    """Write the map at ``path``, in the format its suffix names, or as CSV files in a folder.

    ``.xlsx``, ``.json``, ``.zip`` (CSV files), ``.gexf`` or ``.graphml``; an existing
    folder or a path without suffix gets ``actors.csv``, ``relations.csv``,
    ``stakes.csv`` and ``spaces.csv``.

    Raises
    ------
    InputError
        For an unknown suffix, a folder holding other map files (``acteurs.csv``),
        or a path that cannot be written; nothing is written then.

    Notes
    -----
    Excel cannot hold ASCII control characters (other than tab and line breaks) in a
    cell; the ``.xlsx`` writer leaves them out, and a carriage return inside a cell
    comes back as a line feed; nor more than 32,767 characters, and such a text is
    refused. XML cannot hold those control characters either: GEXF and GraphML show
    them as escapes (``\\x1b``). CSV files and JSON keep text exactly.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from ecomap.model import Actor
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="a", name="Ana", kind="person"))
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_map(eco, pathlib.Path(tmp) / "carte")
    ...     sorted(p.name for p in (pathlib.Path(tmp) / "carte").iterdir())
    ['actors.csv', 'relations.csv', 'spaces.csv', 'stakes.csv']
    """
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in SUFFIX_FORMATS:
            _write_atomically(path, map_bytes(eco, SUFFIX_FORMATS[suffix], lang=lang))
        elif path.is_dir() or not suffix:
            if path.exists() and not path.is_dir():
                raise InputError([_issue(lang, str(path), "not_folder", path=path)])
            _write_folder(path, csv_files(eco), lang)
        else:
            raise InputError([_issue(lang, str(path), "unknown_format", fmt=suffix)])
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError([_issue(lang, str(path), "cannot_write", reason=reason)]) from None


def write_template(path: str | Path, *, lang: str = "en") -> None:
    """Write the blank workbook of :func:`template_bytes` at ``path`` (a ``.xlsx`` file).

    Raises
    ------
    InputError
        When ``path`` does not end in ``.xlsx``, or cannot be written.

    Examples
    --------
    >>> import pathlib, tempfile, openpyxl
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_template(pathlib.Path(tmp) / "modele.xlsx")
    ...     openpyxl.load_workbook(pathlib.Path(tmp) / "modele.xlsx").sheetnames
    ['actors', 'relations', 'stakes', 'spaces', 'lisez-moi (read me)']
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise InputError([_issue(lang, str(path), "not_xlsx")])
    try:
        _write_atomically(path, template_bytes())
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError([_issue(lang, str(path), "cannot_write", reason=reason)]) from None
