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
from ecomap.ingest.columns import FILE_STEMS, HEADER_LANGUAGES, SHEET_NAMES, header, sheet_kind
from ecomap.ingest.readers import KIND_ORDER
from ecomap.model import (
    COLUMNS,
    LABELS_FR,
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
        "unknown_headers": "unknown header language '{headers}': expected en or fr",
        "choice_error": "{values} (French accepted too)",
        "range_error": "a number from {low} to {high}",
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
        "unknown_headers": "langue des en-têtes inconnue « {headers} » : attendu en ou fr",
        "choice_error": "{values} (l'anglais est accepté aussi)",
        "range_error": "un nombre de {low} à {high}",
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

#: The read-me sheet of the template: its name and its lines, per language.
_README: dict[str, tuple[str, tuple[str, ...]]] = {
    "fr": (
        "lisez-moi",
        (
            "ecomap — modèle de carte : lisez-moi",
            "",
            "Une carte tient dans les feuilles acteurs et relations (obligatoires), enjeux "
            "et dispositifs (facultatives).",
            "La ligne 1 porte les noms de colonnes : ne les changez pas. Ensuite, une ligne "
            "par acteur, relation, enjeu ou dispositif.",
            "Colonnes obligatoires : identifiant, nom, nature (acteurs) ; source, cible, type "
            "de relation (relations) ; identifiant, nom (enjeux, dispositifs).",
            "Un identifiant est un code court et unique pour tous les acteurs, enjeux et "
            "dispositifs (par exemple : mairie-vallee). Source et cible donnent des "
            "identifiants.",
            "Les listes déroulantes donnent les valeurs possibles (personne, moteur, membre "
            "de, coopère avec, oui/non…) ; les valeurs anglaises sont acceptées aussi.",
            "Dates : 01/03/2026 ou 2026-03-01. Nombres : 1,5 ou 1.5. Étiquettes : plusieurs "
            "valeurs séparées par |.",
            "Un rapport de force demande un type de pouvoir ; une relation « enjeu » va d'un "
            "acteur vers un enjeu et demande une position de -2 (très opposé) à 2 (très "
            "favorable) ; le poids va de 1 à 3.",
            "« membre de » va d'une personne vers une organisation ou une institution ; "
            "« participe à » va d'un acteur vers un dispositif.",
            "Import en fusion : une relation peut viser un acteur déjà dans la carte ; pour un "
            "acteur déjà là, seules les cellules remplies changent, une cellule vide garde la "
            "valeur enregistrée et (vide) l'efface.",
            "Les colonnes ajoutées sont gardées telles quelles. Cette feuille est ignorée à "
            "l'import.",
        ),
    ),
    "en": (
        "read me",
        (
            "ecomap — map template: read me",
            "",
            "A map is the sheets actors and relations (required), stakes and spaces (optional).",
            "Row 1 holds the column names: do not change them. Then one row per actor, "
            "relation, stake or space.",
            "Required columns: id, name, kind (actors); source, target, type (relations); id, "
            "name (stakes, spaces).",
            "An id is a short code, unique across actors, stakes and spaces (for example: "
            "valley-town-hall). Source and target hold ids.",
            "Drop-down lists give the possible values (person, driver, member_of, "
            "cooperates, true/false…); French spellings are accepted too.",
            "Dates: 2026-03-01 or 01/03/2026. Numbers: 1.5. Tags: several values separated by |.",
            "power needs a power_type; a stake relation goes from an actor to a stake and "
            "needs a stance from -2 (strongly against) to 2 (strongly for); weight is 1 to 3.",
            "member_of goes from a person to an organisation or institution; participates "
            "goes from an actor to a space.",
            "Merge import: a relation may point to an actor already in the map; for an actor "
            "already there only filled cells change, an empty cell keeps the stored value and "
            "(empty) clears it.",
            "Extra columns are kept as they are. This sheet is ignored on import.",
        ),
    ),
}


def _issue(lang: str, file: str, message: str, /, **values: Any) -> Issue:
    return Issue(file, None, None, None, say(_MESSAGES, message, lang, **values))


def _columns(kind: RecordKind, records: Iterable[Any]) -> list[str]:
    """The exchange columns of ``kind``, then the custom columns in order of appearance."""
    custom: dict[str, None] = {}
    for record in records:
        custom.update(dict.fromkeys(record.extra))
    return [*COLUMNS[kind], *(c for c in custom if c not in COLUMNS[kind])]


def _check_headers(headers: str, lang: str) -> None:
    if headers not in HEADER_LANGUAGES:
        raise InputError([_issue(lang, headers, "unknown_headers", headers=headers)])


def _in_words(value: Any, lang: str) -> Any:
    """An enum value or a boolean in the words of ``lang`` (``moteur``, ``oui``)."""
    if lang != "fr":
        return value
    if isinstance(value, bool):
        return _BOOLEANS["fr"][0 if value else 1]
    if isinstance(value, StrEnum):
        return LABELS_FR.get(value.value, value.value)
    return value


def _rows(kind: RecordKind, eco: Ecosystem, lang: str = "en") -> tuple[list[str], list[list[Any]]]:
    """Header and rows of one kind, with Python values (None for an empty cell).

    In French, choices and booleans are the interface's words (``personne``, ``oui``).
    """
    records = list(eco.records(kind).values())
    columns = _columns(kind, records)
    custom = columns[len(COLUMNS[kind]) :]
    rows = []
    for record in records:
        fields, extra = record.__dict__, record.extra
        values = (_in_words(fields[c], lang) for c in COLUMNS[kind])
        rows.append([*values, *(extra.get(c) for c in custom)])
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


def _csv_bytes(kind: RecordKind, eco: Ecosystem, headers: str = "en") -> bytes:
    columns, rows = _rows(kind, eco, headers)
    header = [_csv_cell(_header(kind, column, headers)) for column in columns]
    buffer = io.StringIO(newline="")
    # Readers guess the delimiter from the header line: a custom column name with
    # ``;`` or a tab in it is quoted so that it cannot pass for the delimiter.
    quoting = csv.QUOTE_ALL if any(";" in h or "\t" in h for h in header) else csv.QUOTE_MINIMAL
    csv.writer(buffer, quoting=quoting).writerow(header)
    csv.writer(buffer).writerows([_csv_cell(v) for v in row] for row in rows)
    # With a byte-order mark, Excel opens the file as UTF-8 (without one, French Excel
    # reads it as Windows-1252 and garbles every accent); every reader here accepts it.
    return buffer.getvalue().encode("utf-8-sig")


def _header(kind: RecordKind, column: str, headers: str) -> str:
    # A custom column keeps its own name, whatever the language.
    return header(kind, column, headers) if column in COLUMNS[kind] else column


def csv_files(eco: Ecosystem, *, headers: str = "en") -> dict[str, bytes]:
    """The map as CSV files: file name → bytes (UTF-8 with a BOM, ``,``, one header line).

    ``headers="fr"`` names the files and columns in French (``acteurs.csv``, ``nom``,
    ``cible``…) and writes choices and yes/no in French (``personne``, ``membre de``,
    ``oui``), as the readers accept them.

    >>> from ecomap.model import Actor
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="p1", name="=Ana", kind="person", influence=2, tags=["élue", "vélo"]))
    >>> csv_files(eco)["actors.csv"].decode("utf-8-sig").splitlines()
    ['id,name,kind,level,category,territory,role,influence,engagement,tags,notes,lat,lon', "p1,'=Ana,person,micro,,,,2,,élue|vélo,,,"]
    >>> sorted(csv_files(eco, headers="fr"))
    ['acteurs.csv', 'dispositifs.csv', 'enjeux.csv', 'relations.csv']
    """
    names = SHEET_NAMES[headers]
    return {f"{names[kind]}.csv": _csv_bytes(kind, eco, headers) for kind in KIND_ORDER}


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


#: The words a drop-down list offers for yes and no, per language.
_BOOLEANS = {"en": ("true", "false"), "fr": ("oui", "non")}


def choices(kind: RecordKind, column: str, lang: str = "en") -> tuple[str, ...]:
    """The values a template's drop-down list offers for ``column``, in ``lang``.

    French lists give the words of the interface (``personne``, ``membre de``,
    ``oui``), which the readers accept as they accept the English values.

    >>> choices(RecordKind.ACTOR, "engagement", "fr")
    ('moteur', 'contributeur', 'suiveur', 'éloigné')
    >>> choices(RecordKind.SPACE, "instituted", "fr"), choices(RecordKind.SPACE, "instituted")
    (('oui', 'non'), ('true', 'false'))
    """
    values = _CHOICES[kind][column]
    if values == _BOOLEANS["en"]:
        return _BOOLEANS.get(lang, values)
    if lang == "fr":
        return tuple(LABELS_FR.get(str(v), str(v)) for v in values)
    return tuple(str(v) for v in values)


def _add_validations(sheet, kind: RecordKind, columns: list[str], lang: str) -> None:
    """Drop-down lists for the enum columns and ranges for the numbers of one sheet."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for position, column in enumerate(columns, start=1):
        cells = f"{get_column_letter(position)}2:{get_column_letter(position)}1048576"
        title = _header(kind, column, lang)[:32]
        if column in _CHOICES[kind]:
            offered = choices(kind, column, lang)
            values = ", ".join(offered)
            rule = DataValidation(
                type="list",
                formula1='"' + ",".join(offered) + '"',
                allow_blank=True,
                showErrorMessage=(kind, column) not in _SUGGESTED_ONLY,
                errorStyle="warning",
                errorTitle=title,
                error=say(_MESSAGES, "choice_error", lang, values=values),
                showInputMessage=True,
                promptTitle=title,
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
                errorTitle=title,
                error=say(_MESSAGES, "range_error", lang, low=low, high=high),
            )
        else:
            continue
        rule.add(cells)
        sheet.data_validations.append(rule)


def _xlsx_bytes(eco: Ecosystem, *, headers: str = "en", readme: bool = False) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    try:
        return _fill_workbook(book, eco, headers=headers, readme=readme)
    except BaseException:
        _abandon(book)
        raise


def _fill_workbook(book, eco: Ecosystem, *, headers: str, readme: bool) -> bytes:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    for kind in KIND_ORDER:
        columns, rows = _rows(kind, eco, headers)
        sheet = book.create_sheet(SHEET_NAMES[headers][kind])
        sheet.freeze_panes = "A2"
        titles = [_header(kind, column, headers) for column in columns]
        for position, (column, title) in enumerate(zip(columns, titles, strict=True), start=1):
            wide = column in ("name", "notes", "description")
            width = 32 if wide else max(10, len(title) + 2)
            sheet.column_dimensions[get_column_letter(position)].width = width
        _add_validations(sheet, kind, columns, headers)
        header_cells = []
        for title in titles:
            cell = WriteOnlyCell(sheet, value=_xlsx_cell(title))
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in rows:
            sheet.append([_xlsx_cell(v) for v in row])
    if readme:
        title, lines = _README[headers]
        sheet = book.create_sheet(title)
        sheet.column_dimensions["A"].width = 110
        for line in lines:
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
    "csv-zip": lambda eco, headers: _zip_bytes(csv_files(eco, headers=headers)),
    "xlsx": lambda eco, headers: _xlsx_bytes(eco, headers=headers),
    "json": lambda eco, headers: _json_bytes(eco),
    "gexf": lambda eco, headers: _gexf_bytes(eco),
    "graphml": lambda eco, headers: _graphml_bytes(eco),
}


def map_bytes(eco: Ecosystem, fmt: str, *, lang: str = "en", headers: str = "en") -> bytes:
    """The map as one file's bytes, for a download.

    Parameters
    ----------
    eco : Ecosystem
    fmt : str
        ``csv-zip`` (a .zip of the CSV files), ``xlsx``, ``json``, ``gexf`` or ``graphml``.
    lang : str
        Language of the error messages.
    headers : str
        ``en`` (the exchange format's names) or ``fr``: French column headers, sheet or
        file names and choices (``acteurs``, ``nom``, ``cible``, ``personne``, ``oui``)
        for CSV and Excel, which the readers accept as well. JSON, GEXF and GraphML keep
        the format's own names.

    Raises
    ------
    InputError
        For an unknown format or header language.

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
    _check_headers(headers, lang)
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
    return _PRODUCERS[fmt](eco, headers)


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


def template_bytes(lang: str = "fr") -> bytes:
    """A blank workbook to fill in: the four sheets, their headers, drop-down lists and
    a read-me sheet, in French (the default) or English (``lang="en"``).

    The French one names its sheets ``acteurs``, ``relations``, ``enjeux`` and
    ``dispositifs``, its columns ``identifiant``, ``nom``, ``nature``…, and offers French
    values (``personne``, ``moteur``, ``membre de``, ``oui``/``non``); the English one
    uses the exchange format's own names. Both read back as an empty map, and filled in
    both import without a change.

    >>> import io, openpyxl
    >>> book = openpyxl.load_workbook(io.BytesIO(template_bytes()))
    >>> book.sheetnames
    ['acteurs', 'relations', 'enjeux', 'dispositifs', 'lisez-moi']
    >>> [c.value for c in book["acteurs"][1]][:3]
    ['identifiant', 'nom', 'nature']
    """
    _check_headers(lang, lang if lang in HEADER_LANGUAGES else "en")
    return _xlsx_bytes(Ecosystem(), headers=lang, readme=True)


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


def write_map(eco: Ecosystem, path: str | Path, *, lang: str = "en", headers: str = "en") -> None:
    """Write the map at ``path``, in the format its suffix names, or as CSV files in a folder.

    ``.xlsx``, ``.json``, ``.zip`` (CSV files), ``.gexf`` or ``.graphml``; an existing
    folder or a path without suffix gets ``actors.csv``, ``relations.csv``,
    ``stakes.csv`` and ``spaces.csv`` (with ``headers="fr"``: ``acteurs.csv``,
    ``relations.csv``, ``enjeux.csv`` and ``dispositifs.csv``, French column headers,
    as :func:`map_bytes` writes them). ``lang`` is the language of the messages.

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
            data = map_bytes(eco, SUFFIX_FORMATS[suffix], lang=lang, headers=headers)
            _write_atomically(path, data)
        elif path.is_dir() or not suffix:
            if path.exists() and not path.is_dir():
                raise InputError([_issue(lang, str(path), "not_folder", path=path)])
            _check_headers(headers, lang)
            _write_folder(path, csv_files(eco, headers=headers), lang)
        else:
            raise InputError([_issue(lang, str(path), "unknown_format", fmt=suffix)])
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError([_issue(lang, str(path), "cannot_write", reason=reason)]) from None


def write_template(path: str | Path, *, lang: str = "fr") -> None:
    """Write the blank workbook of :func:`template_bytes` at ``path`` (a ``.xlsx`` file).

    ``lang``: ``fr`` (the default) or ``en``, the template's language and its messages'.

    Raises
    ------
    InputError
        When ``path`` does not end in ``.xlsx``, or cannot be written, or ``lang`` is
        neither ``fr`` nor ``en``.

    Examples
    --------
    >>> import pathlib, tempfile, openpyxl
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_template(pathlib.Path(tmp) / "modele.xlsx")
    ...     write_template(pathlib.Path(tmp) / "template.xlsx", lang="en")
    ...     [openpyxl.load_workbook(pathlib.Path(tmp) / f).sheetnames
    ...      for f in ("modele.xlsx", "template.xlsx")]
    [['acteurs', 'relations', 'enjeux', 'dispositifs', 'lisez-moi'], ['actors', 'relations', 'stakes', 'spaces', 'read me']]
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise InputError([_issue(lang, str(path), "not_xlsx")])
    try:
        _write_atomically(path, template_bytes(lang))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError([_issue(lang, str(path), "cannot_write", reason=reason)]) from None
