"""Readers: a map's files as raw rows, each cell located as a spreadsheet shows it.

A map arrives as a folder of CSV files, a ``.zip`` of that folder, one ``.xlsx``
workbook or one JSON document (DESIGN.md §2, "Files"). Every reader gives the same
thing: one :class:`RawTable` per record kind, whose :class:`RawRow` s hold the cells
as text under the model's field names, the column each came from as the user wrote
it, the file and the line, and the custom columns verbatim. Nothing is interpreted
yet — :mod:`ecomap.ingest.validation` turns rows into records — so that every
problem of every file can be reported at once.

Readers accept what spreadsheets really produce: UTF-8 with or without a byte order
mark, Windows-1252, UTF-16 ("Unicode text"), ``,``, ``;`` or tab as delimiter, French
headers (:mod:`ecomap.ingest.columns`), blank lines, and workbook cells that already
hold numbers, dates or booleans. Problems with the files themselves (a missing
file, an unreadable archive, a map too large to read) come back as
:class:`~ecomap.errors.Issue` s, never as exceptions.

Size guard
----------
A map is read whole into memory, and reading takes many times the size of its files:
about 46 MB of memory per MB of CSV (a folder whose ``relations.csv`` is 50 MB, about
785,000 relations, peaks at 2.3 GiB, and importing it into the embedded store at 3.3
GiB), 16 MB per MB of JSON and 10 MB per MB of a workbook's XML. So a map larger than
``ECOMAP_MAX_INPUT_MB`` megabytes (default :data:`DEFAULT_MAX_INPUT_MB`; ``0`` turns
the guard off; see :func:`max_input_bytes`) is refused with one issue before it is
read: the CSV files of a folder together, a ``.xlsx`` or ``.zip`` file, and the CSV
files a ``.zip`` unpacks to. The same map takes more bytes in other formats, so a
JSON document may be :data:`JSON_FACTOR` times the limit and the parts of a workbook
may unpack to :data:`XLSX_UNPACKED_FACTOR` times it. An archive that would unpack to
more is refused from the sizes it declares, before anything is unpacked; a member
that unpacks to more than it declares is found while counting its bytes a megabyte
at a time, and the archive is refused as damaged.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress, zip_longest
from operator import not_
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np

from ecomap.errors import Issue
from ecomap.graph import _no_collection
from ecomap.i18n import say
from ecomap.ingest.cells import cell_text, restore_formula
from ecomap.ingest.columns import FILE_STEMS, REQUIRED_KINDS, canonical_column, sheet_kind
from ecomap.model import RecordKind

__all__ = [
    "RawRow",
    "RawTable",
    "Cells",
    "Column",
    "MAP_SUFFIXES",
    "MAX_INPUT_ENV",
    "DEFAULT_MAX_INPUT_MB",
    "JSON_FACTOR",
    "XLSX_UNPACKED_FACTOR",
    "max_input_bytes",
    "decode_text",
    "sniff_delimiter",
    "read_csv",
    "read_folder",
    "read_zip",
    "read_xlsx",
    "read_json",
    "read_tables",
    "read_tables_bytes",
]

#: File suffixes that hold a whole map (a folder of CSV files holds one too).
MAP_SUFFIXES = (".xlsx", ".xlsm", ".json", ".zip")

#: The environment variable that sets the largest map read, in MB (2**20 bytes).
MAX_INPUT_ENV = "ECOMAP_MAX_INPUT_MB"

#: Default of ``ECOMAP_MAX_INPUT_MB``. The synthetic map of 100,000 nodes of the
#: benchmarks is 25 MB of CSV; at the limit, reading a map of CSV files peaks near
#: 2 GiB and importing it near 2.7 GiB, a ninth of a 24 GiB machine that also runs the
#: explorer and its analyses.
DEFAULT_MAX_INPUT_MB = 40

#: How many times the limit a JSON document may be: the JSON writer spends about 3.4
#: bytes for each byte of the same map as CSV, and reading takes about a third of the
#: memory per byte (16 MiB per MB, against 46 for CSV).
JSON_FACTOR = 3

#: How many times the limit a workbook's parts may unpack to: a sheet's XML spends
#: about six bytes for each byte of the same rows as CSV, and reading takes about 10
#: MiB of memory per MB of XML.
XLSX_UNPACKED_FACTOR = 6

#: Kinds in the order files are read and issues reported (the order of DESIGN.md §2).
KIND_ORDER = (RecordKind.ACTOR, RecordKind.RELATION, RecordKind.STAKE, RecordKind.SPACE)

# What a user can do about a map over the size limit (see the module's docstring).
_ADVICE = {
    "en": ": split the map, or raise ECOMAP_MAX_INPUT_MB if this computer has the memory "
    "(reading takes up to 50 times the size of the files)",
    "fr": " : découpez la carte, ou augmentez ECOMAP_MAX_INPUT_MB si cet ordinateur a la "
    "mémoire nécessaire (la lecture demande jusqu'à 50 fois la taille des fichiers)",
}

_MESSAGES = {
    "en": {
        "missing_path": "no such file or folder",
        "unknown_format": (
            "unknown map format '{suffix}': expected a folder of CSV files, "
            "a .xlsx workbook, a .json document or a .zip of CSV files"
        ),
        "single_csv": (
            "one CSV file is not a whole map: give the folder (or a .zip of it) that "
            "holds actors.csv and relations.csv"
        ),
        "other_workbook": "a {suffix} workbook cannot be read: save it as .xlsx first",
        "unreadable": "cannot read the file: {reason}",
        "missing_file": "missing file: a map needs {name}",
        "missing_sheet": "missing sheet '{name}': a map needs the sheets actors and relations",
        "missing_list": "missing list '{name}': a map needs actors and relations",
        "twice": "two files hold {stem}: '{first}' and '{second}'; keep one",
        "encoding": (
            "cannot read the text: it is neither UTF-8 nor Windows-1252, and its letters "
            'would come out garbled; in your spreadsheet, save the file as "CSV UTF-8" '
            "and import it again"
        ),
        "encoding_json": (
            "cannot read the text: it is neither UTF-8 nor Windows-1252, and its letters "
            "would come out garbled; save the document in UTF-8 and import it again"
        ),
        "bad_csv": "not a readable CSV file: {reason}",
        "bad_xlsx": "not a readable Excel workbook (.xlsx)",
        "huge_number": (
            "a cell of this line holds a number of thousands of digits: expected a number "
            "as a spreadsheet writes it (at most 15 significant digits)"
        ),
        "bad_zip": "not a readable .zip archive of CSV files",
        "zip_password": "the file is protected by a password: zip the folder again without one",
        "zip_method": (
            "the file is compressed with a method ecomap does not read: zip the folder again "
            "with the usual method (deflate, what Windows, macOS and most tools use)"
        ),
        "folder_too_big": "the map's CSV files hold {size}, more than the {limit} ecomap "
        "reads at once" + _ADVICE["en"],
        "file_too_big": "the file is {size}, more than the {limit} ecomap reads at once"
        + _ADVICE["en"],
        "zip_too_big": "the archive unpacks to {size} of CSV files, more than the {limit} "
        "ecomap reads at once" + _ADVICE["en"],
        "json_too_big": "the document is {size}, more than the {limit} ecomap reads at once "
        "as JSON ({factor} × ECOMAP_MAX_INPUT_MB)" + _ADVICE["en"],
        "xlsx_too_big": "the workbook unpacks to {size}, more than the {limit} ecomap reads "
        "at once as a workbook ({factor} × ECOMAP_MAX_INPUT_MB)" + _ADVICE["en"],
        "bad_limit": "expected a number of megabytes (0 for no limit)",
        "no_csv": "the archive holds no actors.csv or relations.csv",
        "bad_json": "not valid JSON: {reason} (text line {text_line}, character {text_column})",
        "not_ecomap": (
            'not an ecomap map: expected {{"format": "ecomap", "version": 1, '
            '"actors": [...], "relations": [...], ...}}'
        ),
        "json_version": "version {version} of the ecomap format cannot be read: expected 1",
        "json_list": "expected a list of records",
        "json_record": "expected a record: an object with fields",
        "json_value": "expected a text, a number, true/false or (for tags) a list",
        "custom_columns": "custom columns kept as they are: {columns}",
        "and_others": "{names} and {count} more",
        "duplicate_column": "columns '{first}' and '{second}' both mean '{field}'; keep one",
        "unnamed_column": "values in a column without a header were ignored",
    },
    "fr": {
        "missing_path": "fichier ou dossier introuvable",
        "unknown_format": (
            "format de carte inconnu « {suffix} » : attendu un dossier de fichiers CSV, "
            "un classeur .xlsx, un document .json ou un .zip de fichiers CSV"
        ),
        "single_csv": (
            "un seul fichier CSV n'est pas une carte complète : donnez le dossier (ou un "
            ".zip de ce dossier) qui contient actors.csv et relations.csv"
        ),
        "other_workbook": (
            "un classeur {suffix} ne peut pas être lu : enregistrez-le d'abord en .xlsx"
        ),
        "unreadable": "impossible de lire le fichier : {reason}",
        "missing_file": "fichier manquant : une carte a besoin de {name}",
        "missing_sheet": (
            "feuille « {name} » manquante : une carte a besoin des feuilles actors et relations"
        ),
        "missing_list": "liste « {name} » manquante : une carte a besoin de actors et relations",
        "twice": "deux fichiers contiennent {stem} : « {first} » et « {second} » ; gardez-en un",
        "encoding": (
            "texte illisible : il n'est ni en UTF-8 ni en Windows-1252, et ses lettres "
            "seraient déformées ; dans votre tableur, enregistrez le fichier au format "
            "« CSV UTF-8 » puis importez-le à nouveau"
        ),
        "encoding_json": (
            "texte illisible : il n'est ni en UTF-8 ni en Windows-1252, et ses lettres "
            "seraient déformées ; enregistrez le document en UTF-8 puis importez-le à nouveau"
        ),
        "bad_csv": "fichier CSV illisible : {reason}",
        "bad_xlsx": "classeur Excel (.xlsx) illisible",
        "huge_number": (
            "une cellule de cette ligne contient un nombre de milliers de chiffres : attendu "
            "un nombre tel qu'un tableur l'écrit (15 chiffres significatifs au plus)"
        ),
        "bad_zip": "archive .zip de fichiers CSV illisible",
        "zip_password": (
            "le fichier est protégé par un mot de passe : compressez à nouveau le dossier sans"
        ),
        "zip_method": (
            "le fichier est compressé avec une méthode qu'ecomap ne lit pas : compressez à "
            "nouveau le dossier avec la méthode habituelle (deflate, celle de Windows, de macOS "
            "et de la plupart des outils)"
        ),
        "folder_too_big": "les fichiers CSV de la carte font {size}, plus que les {limit} "
        "qu'ecomap lit en une fois" + _ADVICE["fr"],
        "file_too_big": "le fichier fait {size}, plus que les {limit} qu'ecomap lit en une fois"
        + _ADVICE["fr"],
        "zip_too_big": "l'archive se décompresse en {size} de fichiers CSV, plus que les "
        "{limit} qu'ecomap lit en une fois" + _ADVICE["fr"],
        "json_too_big": "le document fait {size}, plus que les {limit} qu'ecomap lit en une "
        "fois en JSON ({factor} × ECOMAP_MAX_INPUT_MB)" + _ADVICE["fr"],
        "xlsx_too_big": "le classeur se décompresse en {size}, plus que les {limit} qu'ecomap "
        "lit en une fois en classeur ({factor} × ECOMAP_MAX_INPUT_MB)" + _ADVICE["fr"],
        "bad_limit": "attendu un nombre de mégaoctets (0 pour aucune limite)",
        "no_csv": "l'archive ne contient ni actors.csv ni relations.csv",
        "bad_json": "JSON invalide : {reason} (ligne {text_line} du texte, caractère {text_column})",
        "not_ecomap": (
            'ce n\'est pas une carte ecomap : attendu {{"format": "ecomap", "version": 1, '
            '"actors": [...], "relations": [...], ...}}'
        ),
        "json_version": "la version {version} du format ecomap ne peut pas être lue : attendu 1",
        "json_list": "attendu une liste d'enregistrements",
        "json_record": "attendu un enregistrement : un objet avec des champs",
        "json_value": "attendu un texte, un nombre, true/false ou (pour tags) une liste",
        "custom_columns": "colonnes personnalisées conservées telles quelles : {columns}",
        "and_others": "{names} et {count} autres",
        "duplicate_column": (
            "les colonnes « {first} » et « {second} » désignent toutes deux « {field} » ; "
            "gardez-en une"
        ),
        "unnamed_column": "les valeurs d'une colonne sans en-tête ont été ignorées",
    },
}


@dataclass
class RawRow:
    """One record as read: cell texts under field names, located in its file.

    ``values`` maps a field to its cell text (``""`` for an empty cell); a field
    whose column the file lacks is absent. ``columns`` maps each field to the
    column name as the user wrote it (``poids`` for ``weight``). ``extra`` holds the
    non-empty cells of custom columns, verbatim.
    """

    file: str
    line: int | None
    values: dict[str, str]
    columns: dict[str, str]
    extra: dict[str, str] = field(default_factory=dict)

    def column(self, name: str) -> str:
        """The column a field came from, as written in the file (the field name if absent)."""
        return self.columns.get(name, name)


@dataclass
class Cells:
    """The cells of a header-first table, column by column (what validation reads fast).

    ``lines`` holds each row's line; ``values`` maps each field, in the order of the
    header, to its column of cell texts; ``extra`` each custom column to its texts
    (``""`` for an empty cell). Row ``i`` is :meth:`row` ``(i)``.
    """

    lines: list[int]
    values: dict[str, Sequence[str]]
    extra: dict[str, Sequence[str]]

    def extra_of(self, index: int) -> dict[str, str]:
        """The non-empty custom cells of row ``index``."""
        return {name: text for name, column in self.extra.items() if (text := column[index])}

    def row(self, index: int, file: str, columns: dict[str, str]) -> RawRow:
        """Row ``index`` as a :class:`RawRow`."""
        values = {name: column[index] for name, column in self.values.items()}
        return RawRow(file, self.lines[index], values, columns, self.extra_of(index))


class Column(Sequence[str]):
    """A column of cell texts held as one code per cell into its distinct texts.

    ``texts`` holds each distinct text of the column once (every one of them is in some
    cell); ``codes[i]`` is the position in ``texts`` of the text of row ``i``. A check
    of a column then reads each distinct text once and gives every cell its result by
    code, in C (:mod:`ecomap.ingest.column_checks`); read as a sequence, the column
    is its cells' texts.

    >>> column = Column.of(["b", "a", "b"])
    >>> column.texts, column.codes.tolist(), list(column), column[2]
    (['b', 'a'], [0, 1, 0], ['b', 'a', 'b'], 'b')
    """

    __slots__ = ("texts", "codes")

    def __init__(self, texts: list[str], codes: np.ndarray):
        self.texts = texts
        self.codes = codes

    @classmethod
    def of(cls, cells: Sequence[Any]) -> Column:
        """The column of ``cells`` (which must be hashable)."""
        if isinstance(cells, Column):
            return cells
        distinct = dict.fromkeys(cells)
        position = dict(zip(distinct, range(len(distinct)), strict=True))
        codes = np.fromiter(map(position.__getitem__, cells), np.intp, len(cells))
        return cls(list(position), codes)

    def take(self, values: Sequence[Any]) -> list[Any]:
        """``values[code]`` for each cell: what each distinct text stands for, cell by cell."""
        return np.fromiter(values, object, len(values))[self.codes].tolist()

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return self.take(self.texts)[index]
        return self.texts[self.codes[index]]

    def __iter__(self):
        return iter(self.take(self.texts))

    def __repr__(self) -> str:
        return f"Column({len(self)} cells, {len(self.texts)} distinct)"

    def _body(self, rows: np.ndarray | None) -> Column:
        """The column without its first cell (the header), of the rows ``rows`` (a mask
        over the others) when given, with only the texts these rows hold."""
        codes = self.codes[1:]
        if rows is None:
            # Only the header's text may be gone.
            header = self.codes[0]
            if (codes == header).any():
                return Column(self.texts, codes)
            texts = self.texts[:header] + self.texts[header + 1 :]
            return Column(texts, codes - (codes > header))
        codes = codes[rows]
        used = np.zeros(len(self.texts), dtype=bool)
        used[codes] = True
        if used.all():
            return Column(self.texts, codes)
        renumbered = np.cumsum(used) - 1
        return Column(list(compress(self.texts, used.tolist())), renumbered[codes])

    def _restored(self) -> Column:
        """Leading apostrophes taken off as :func:`restore_formula` does, per distinct text."""
        if "\n'" not in "\n" + "\n".join(self.texts):
            return self
        restored = [text if text[:1] != "'" else restore_formula(text) for text in self.texts]
        position: dict[str, int] = {}
        renumbered = [position.setdefault(text, len(position)) for text in restored]
        return Column(list(position), np.array(renumbered, dtype=np.intp)[self.codes])


class RawTable:
    """The rows of one kind from one file or sheet.

    ``columns`` maps each field to its header as written, or is None when every
    record names its own fields (JSON); ``header_line`` is where the header is.
    A CSV file or a sheet also keeps its cells column by column (``cells``), and
    makes its :class:`RawRow` s only when they are asked for.
    """

    def __init__(
        self,
        kind: RecordKind,
        file: str,
        rows: list[RawRow] | None,
        columns: dict[str, str] | None,
        header_line: int = 1,
        *,
        cells: Cells | None = None,
    ):
        self.kind = kind
        self.file = file
        self.columns = columns
        self.header_line = header_line
        self.cells = cells
        self._rows = rows

    @property
    def rows(self) -> list[RawRow]:
        if self._rows is None:
            cells, columns = self.cells, self.columns or {}
            self._rows = [cells.row(i, self.file, columns) for i in range(len(cells.lines))]
        return self._rows

    @rows.setter
    def rows(self, rows: list[RawRow]) -> None:
        self._rows, self.cells = rows, None

    def __len__(self) -> int:
        return len(self._rows) if self.cells is None else len(self.cells.lines)

    def row(self, index: int) -> RawRow:
        """Row ``index`` (made from the cells when the rows are not)."""
        if self._rows is not None:
            return self._rows[index]
        return self.cells.row(index, self.file, self.columns or {})

    def __repr__(self) -> str:
        return f"RawTable({self.kind!r}, {self.file!r}, {len(self)} rows, {self.columns!r})"


def _issue(
    lang: str,
    file: str,
    key: str,
    *,
    line=None,
    column=None,
    value=None,
    severity="error",
    **values: Any,
) -> Issue:
    return Issue(file, line, column, value, say(_MESSAGES, key, lang, **values), severity)


def max_input_bytes() -> float:
    """The largest map the readers accept, in bytes: ``ECOMAP_MAX_INPUT_MB`` megabytes.

    The default is :data:`DEFAULT_MAX_INPUT_MB`; ``0`` means no limit (infinity).

    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {MAX_INPUT_ENV: "2,5"}):
    ...     max_input_bytes()
    2621440.0
    >>> with mock.patch.dict(os.environ, {MAX_INPUT_ENV: "0"}):
    ...     max_input_bytes()
    inf

    Raises
    ------
    ValueError
        When the variable holds anything but a number of megabytes, 0 or more.
    """
    text = os.environ.get(MAX_INPUT_ENV, "").strip()
    if not text:
        return DEFAULT_MAX_INPUT_MB * 2**20
    megabytes = float(text.replace(",", "."))
    if not megabytes >= 0 or math.isinf(megabytes):
        raise ValueError(f"{MAX_INPUT_ENV} must be a number of megabytes, 0 or more")
    return megabytes * 2**20 if megabytes else math.inf


def _limit(max_bytes: float | None, lang: str) -> tuple[float, list[Issue]]:
    """The limit to apply: ``max_bytes``, else the environment's; a bad setting is an issue."""
    if max_bytes is not None:
        return max_bytes, []
    try:
        return max_input_bytes(), []
    except ValueError:
        value = os.environ.get(MAX_INPUT_ENV)
        return math.inf, [_issue(lang, MAX_INPUT_ENV, "bad_limit", value=value)]


def _size(count: float, lang: str, rounding) -> str:
    """A size as a user reads it (``52.4 MB``, ``12 kB``; ``Mo``, ``ko`` in French),
    rounded with ``rounding`` (math.ceil or math.floor) at its last digit."""
    mega, kilo = ("Mo", "ko") if lang == "fr" else ("MB", "kB")
    if count >= 2**20:
        text = f"{rounding(count / 2**20 * 10) / 10:.1f}".removesuffix(".0") + f" {mega}"
    else:
        text = f"{rounding(count / 2**10)} {kilo}"
    return text.replace(".", ",") if lang == "fr" else text


def _too_big(
    lang: str, file: str, key: str, size: float, limit: float, **values: Any
) -> list[Issue]:
    """One issue when ``size`` exceeds ``limit`` (none otherwise)."""
    if size <= limit:
        return []
    # Rounding the size up and the limit down keeps "40 MB, more than 40 MB" from showing.
    shown = {"size": _size(size, lang, math.ceil), "limit": _size(limit, lang, math.floor)}
    return [_issue(lang, file, key, **shown, **values)]


def _file_guard(lang: str, name: str, size: float, limit: float) -> list[Issue]:
    """The size guard for one file: the limit, or :data:`JSON_FACTOR` times it for JSON."""
    if PurePosixPath(name).suffix.lower() == ".json":
        return _too_big(lang, name, "json_too_big", size, limit * JSON_FACTOR, factor=JSON_FACTOR)
    return _too_big(lang, name, "file_too_big", size, limit)


#: Bytes inflated at a time when an archive member is checked.
_STEP = 2**20


def _honest(data: bytes, info: zipfile.ZipInfo) -> bool:
    """Whether an archive member unpacks to exactly the size it declares.

    Only stored and deflated members that are not encrypted can be told (what Excel
    and every common zip tool write). ``ZipFile.read`` inflates a member's compressed
    bytes in one step whatever size it declares, so a member that understates its
    size (a zip bomb in disguise) must be caught first: here it is inflated
    ``_STEP`` bytes at a time, and given up as soon as it passes its declared size.
    """
    if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return False
    start = info.header_offset
    if data[start : start + 4] != b"PK\x03\x04":
        return False
    name_length, extra_length = struct.unpack_from("<HH", data, start + 26)
    begin = start + 30 + name_length + extra_length
    compressed = memoryview(data)[begin : begin + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        return len(compressed) == info.file_size
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size = 0
    try:
        for offset in range(0, len(compressed), _STEP):
            pending = compressed[offset : offset + _STEP]
            while pending:
                size += len(inflater.decompress(pending, _STEP))
                if size > info.file_size:
                    return False
                pending = inflater.unconsumed_tail
        size += len(inflater.flush())
    except zlib.error:
        return False
    return inflater.eof and size == info.file_size


# A "word" of a CSV text: what lies between blanks, delimiters and brackets, holding at
# least one character outside ASCII (only those tell one encoding from another).
_WORD = r"[^\s,;\t\"|()\[\]{}<>/]"
_FOREIGN_WORD = re.compile(f"{_WORD}*[^\\x00-\\x7f]{_WORD}*")
# Characters of Windows-1252 that Western European text hardly ever holds, and that
# Japanese (Shift-JIS) text read as Windows-1252 is full of.
_UNLIKELY = frozenset("‚ƒ†‡ˆ‰‹›˜¢¤¥¦¨¬¯¶¸¹¿\u00ad")
#: Words looked at to tell whether a text is really Windows-1252.
_WORDS_CHECKED = 10_000


def _garbled(word: str) -> bool:
    """Whether a word read as Windows-1252 looks like text of another encoding.

    Cyrillic in KOI8-R or Windows-1251 comes out as words made almost only of accented
    capitals and small letters in no order ("Иван" → ``éÁÎ×``); Japanese in Shift-JIS
    as symbols between letters (``ŽR“c``). French, German or Spanish words have at
    most two accented letters in three (``été``), and small letters before capitals
    only in ASCII (``McDonald``).
    """
    if not _UNLIKELY.isdisjoint(word):
        return True
    letters = [char for char in word if char.isalpha()]
    accented = sum(1 for char in letters if char > "\x7f")
    if len(letters) >= 3 and accented * 3 > len(letters) * 2:
        return True
    return any(
        small.islower() and capital.isupper() and capital > "\x7f"
        for small, capital in zip(word, word[1:], strict=False)
    )


def _western(text: str) -> bool:
    """Whether text decoded as Windows-1252 is plausibly what was written.

    Any bytes decode as Windows-1252 (but five), so a file saved in another encoding
    would come in garbled without a word. A text is taken as Windows-1252 unless a
    quarter or more of its words with letters outside ASCII look garbled
    (:func:`_garbled`); the first :data:`_WORDS_CHECKED` such words are looked at.

    >>> _western("id;nom\\na;Église Saint-Étienne, été"), _western("a,Иван Петров".encode("koi8_r").decode("cp1252"))
    (True, False)
    """
    words = garbled = 0
    for found in _FOREIGN_WORD.finditer(text):
        words += 1
        garbled += _garbled(found.group())
        if words >= _WORDS_CHECKED:
            break
    return garbled * 4 < words or garbled == 0


def decode_text(data: bytes) -> str:
    """A file's bytes as text: UTF-16 when it starts with its mark, else UTF-8, else Windows-1252.

    Text in another encoding (Shift-JIS, KOI8-R…) that happens to decode as
    Windows-1252 is recognised by its garbled words (:func:`_western`) and refused.

    >>> decode_text("Église".encode("cp1252")), decode_text("\\ufeffÉglise".encode("utf-8"))
    ('Église', 'Église')

    Raises
    ------
    ValueError
        When the bytes are none of these encodings.
    """
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ValueError("neither UTF-8 nor Windows-1252") from None
    if not _western(text):
        raise ValueError("neither UTF-8 nor Windows-1252")
    return text


#: The text of a line, without its end (what splitting at CR LF, CR or LF gives, less
#: the empty lines).
_LINE_TEXT = re.compile(r"[^\r\n]+")


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text, from its first non-blank line: ``,``, ``;`` or tab.

    French Excel writes ``;``. Delimiters inside quotes do not count; a tie goes to ``,``.

    >>> sniff_delimiter('id;nom;"Lyon, ville";nature\\n'), sniff_delimiter("id,name\\n")
    (';', ',')
    """
    # Only CR and LF end a CSV line (str.splitlines would also split at U+2028 and others).
    # Lines are found one by one: the text may be a 20 MB file, and only its first line
    # that is not blank counts.
    first = next((m[0] for m in _LINE_TEXT.finditer(text) if m[0].strip()), "")
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for char in first:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(counts, key=lambda d: (counts[d], d == ","))


#: Custom columns a warning names; past them it counts the others.
NAMED_COLUMNS = 10


def _some(names: list[str], lang: str) -> str:
    """The first :data:`NAMED_COLUMNS` names, and how many others (a file may have 100,000).

    >>> _some(["a", "b"], "en"), _some([f"c{i}" for i in range(12_345)], "en")[-22:]
    ('a, b', 'c8, c9 and 12,335 more')
    """
    if len(names) <= NAMED_COLUMNS + 1:
        return ", ".join(names)
    shown = ", ".join(names[:NAMED_COLUMNS])
    count = f"{len(names) - NAMED_COLUMNS:,}".replace(",", "\u202f" if lang == "fr" else ",")
    return say(_MESSAGES, "and_others", lang, names=shown, count=count)


def _header(
    kind: RecordKind, file: str, header: Sequence[str], header_line: int, lang: str
) -> tuple[list[tuple[int, str]], list[tuple[int, str]], list[int], dict[str, str], list[Issue]]:
    """What each column of a header holds: ``(index, field)`` of the model's fields,
    ``(index, name)`` of custom columns, the indexes not read (no header, or a repeat),
    each field's header as written, and the issues of the header."""
    issues: list[Issue] = []
    fields: list[tuple[int, str]] = []
    customs: list[tuple[int, str]] = []
    ignored: list[int] = []
    columns: dict[str, str] = {}
    taken: dict[str, str] = {}
    for index, raw in enumerate(header):
        name = restore_formula(raw).strip()
        if not name:
            ignored.append(index)
            continue
        field_name = canonical_column(kind, name)
        key = field_name or name
        if key in taken:
            issues.append(
                _issue(
                    lang,
                    file,
                    "duplicate_column",
                    line=header_line,
                    column=name,
                    first=taken[key],
                    second=name,
                    field=key,
                )
            )
            ignored.append(index)
            continue
        taken[key] = name
        if field_name is None:
            customs.append((index, name))
        else:
            columns[field_name] = name
            fields.append((index, field_name))
    if customs:
        names = _some([name for _, name in customs], lang)
        issues.append(
            _issue(
                lang,
                file,
                "custom_columns",
                line=header_line,
                column=names,
                severity="warning",
                columns=names,
            )
        )
    return fields, customs, ignored, columns, issues


def _table(
    kind: RecordKind, file: str, records: list[list[str]], lang: str
) -> tuple[RawTable, list[Issue]]:
    """Rows of a header-first table (CSV or sheet) as a :class:`RawTable`; ``records[i]``
    is on line ``i + 1``."""
    # Whether each row holds anything but blanks, found in C (no Python call per row).
    filled = list(map(str.strip, map("".join, records)))
    header_line = next((n for n, text in enumerate(filled, start=1) if text), None)
    if header_line is None:
        # An empty file holds no records; without a header there is no column to miss.
        return RawTable(kind, file, [], None), []
    header = records[header_line - 1]
    fields, customs, ignored, columns, issues = _header(kind, file, header, header_line, lang)

    # Rows are kept column by column: each step below runs once per column, in C where
    # it can, rather than once per cell.
    kept = list(compress(records[header_line:], filled[header_line:]))
    width = len(header)
    grid = list(zip_longest(*kept, fillvalue=""))
    # Short rows (and an empty table) have empty cells up to the header's width.
    grid += [("",) * len(kept)] * (width - len(grid))
    # Values beyond the header, or under no header or a repeated one, are not read.
    unread = [grid[i] for i in ignored] + grid[width:]
    unnamed_values = any("".join(column).strip() for column in unread)

    def restored(column: Sequence[str]) -> Sequence[str]:
        # A leading apostrophe is rare: the column is looked at as one text first.
        if not column or ("\n'" not in "\n".join(column) and column[0][:1] != "'"):
            return column
        return [text if text[:1] != "'" else restore_formula(text) for text in column]

    cells = Cells(
        list(compress(range(header_line + 1, len(records) + 1), filled[header_line:])),
        {name: restored(grid[i]) for i, name in fields},
        {name: restored(grid[i]) for i, name in customs},
    )
    if unnamed_values:
        issues.append(_issue(lang, file, "unnamed_column", line=header_line, severity="warning"))
    return RawTable(kind, file, None, columns, header_line, cells=cells), issues


#: How much of a CSV text its header is looked for in (see :func:`_arrow_columns`).
_HEADER_TEXT = 1 << 20

#: Whether CSV files are parsed by Apache Arrow's reader (see :func:`_arrow_columns`);
#: off, every file is read by the ``csv`` module.
ARROW_CSV = True
#: Texts shorter than this (in characters) are read by the ``csv`` module: loading
#: Arrow costs about 40 ms of CPU once, what the ``csv`` module takes for a 500 kB file
#: (a map of 3,000 nodes).
ARROW_CSV_MIN_CHARS = 1 << 19


def _arrow_columns(text: str, delimiter: str) -> list[Column] | None:
    """The records of a CSV text as columns of codes, parsed by Arrow's CSV reader in
    C++ — or None when Arrow would not read the text exactly as the ``csv`` module does.

    The ``csv`` module stays the reference: its quoting and line counting are what the
    readers' tests pin down. Arrow gives the same cells when every record has as many
    cells as the first (it refuses the text otherwise), the first record is the header
    (not a blank line), and no cell is longer than the ``csv`` module reads
    (``csv.field_size_limit``); blank lines are kept as rows of empty cells, so row
    ``i`` is the ``csv`` module's record ``i``, on line ``i + 1``. Any other text, and
    any text Arrow cannot read, is left to the ``csv`` module.
    """
    # The header is read from the start of the text (not a copy of the whole): were it
    # longer, it would differ from Arrow's first row, and the text go to the csv module.
    start = io.StringIO(text[:_HEADER_TEXT], newline="")
    try:
        first = next(csv.reader(start, delimiter=delimiter), None)
    except csv.Error:
        return None
    if not first or not "".join(first).strip():
        return None
    try:
        import pyarrow as pa
        import pyarrow.csv as arrow_csv
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        return None
    try:
        # The kernel itself: pyarrow.compute would first make a Python function of
        # each of its hundreds of kernels (a tenth of a second).
        from pyarrow._compute import call_function

        def encode(array):
            return call_function("dictionary_encode", [array])
    except ImportError:  # pragma: no cover - another layout of pyarrow

        def encode(array):
            return array.dictionary_encode()

    names = [f"c{i}" for i in range(len(first))]
    try:
        data = text.encode("utf-8")
        table = arrow_csv.read_csv(
            pa.BufferReader(data),
            read_options=arrow_csv.ReadOptions(
                column_names=names, use_threads=False, block_size=1 << 22
            ),
            parse_options=arrow_csv.ParseOptions(
                delimiter=delimiter,
                quote_char='"',
                double_quote=True,
                escape_char=False,
                newlines_in_values=True,
                ignore_empty_lines=False,
            ),
            convert_options=arrow_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, UnicodeEncodeError, ValueError):
        return None
    columns = []
    # No cell is longer than the text: the limit is only looked at in a long text.
    limit = csv.field_size_limit()
    for chunks in table.columns:
        array = chunks.chunk(0) if chunks.num_chunks == 1 else pa.concat_arrays(chunks.chunks)
        ends = np.frombuffer(array.buffers()[1], dtype=np.int32)[array.offset :]
        if ends[0] == ends[len(array)]:
            # Every cell empty (many columns of a relations file): nothing to encode.
            columns.append(Column([""], np.zeros(len(array), dtype=np.int32)))
            continue
        encoded = encode(array)
        texts = encoded.dictionary.to_pylist()
        if len(text) > limit and max(map(len, texts)) > limit:
            return None
        indices = encoded.indices
        codes = np.frombuffer(indices.buffers()[1], dtype=np.int32)[indices.offset :]
        columns.append(Column(texts, codes[: len(indices)]))
    if [column[0] for column in columns] != first:
        return None
    return columns


def _coded_table(
    kind: RecordKind, file: str, columns: list[Column], lang: str
) -> tuple[RawTable, list[Issue]]:
    """What :func:`_table` gives, from the columns of :func:`_arrow_columns` (record
    ``i`` on line ``i + 1``, the header first): blank rows left out, each step run once
    per distinct text of a column rather than once per cell."""
    header = [column[0] for column in columns]
    fields, customs, ignored, names, issues = _header(kind, file, header, 1, lang)
    count = len(columns[0]) - 1
    blank_rows = np.ones(count, dtype=bool)
    for column in columns:
        blank = np.fromiter(map(not_, map(str.strip, column.texts)), bool, len(column.texts))
        if not blank.any():
            blank_rows[:] = False
            break
        blank_rows &= blank[column.codes[1:]]
    filled = None if not blank_rows.any() else ~blank_rows
    data = [column._body(filled) for column in columns]
    lines = (np.flatnonzero(~blank_rows) + 2).tolist()
    unnamed_values = any(any(map(str.strip, data[i].texts)) for i in ignored)
    cells = Cells(
        lines,
        {name: data[i]._restored() for i, name in fields},
        {name: data[i]._restored() for i, name in customs},
    )
    if unnamed_values:
        issues.append(_issue(lang, file, "unnamed_column", line=1, severity="warning"))
    return RawTable(kind, file, None, names, 1, cells=cells), issues


def read_csv(
    data: bytes, kind: RecordKind, file: str, *, lang: str = "en"
) -> tuple[RawTable | None, list[Issue]]:
    """One CSV file of a map as a :class:`RawTable` (None when it cannot be read).

    Lines are counted as a spreadsheet shows them: the header is line 1, and a cell
    that spans several lines of text is one line.

    >>> table, issues = read_csv("id;nom;nature\\n\\nA1;Mairie;collectivité\\n".encode("cp1252"),
    ...                          RecordKind.ACTOR, "acteurs.csv")
    >>> [(r.line, r.values["name"], r.column("name")) for r in table.rows]
    [(3, 'Mairie', 'nom')]
    """
    try:
        text = decode_text(data)
    except ValueError:
        return None, [_issue(lang, file, "encoding")]
    delimiter = sniff_delimiter(text)
    # Lists and strings by the million: the collector's passes over them would cost
    # more than reading.
    with _no_collection():
        by_arrow = ARROW_CSV and len(text) >= ARROW_CSV_MIN_CHARS
        columns = _arrow_columns(text, delimiter) if by_arrow else None
        if columns is not None:
            return _coded_table(kind, file, columns, lang)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            records = list(reader)
        except csv.Error as exc:
            return None, [_issue(lang, file, "bad_csv", line=reader.line_num or None, reason=exc)]
        return _table(kind, file, records, lang)


def _collect(
    found: Iterable[tuple[RecordKind, str, Any]], lang: str
) -> tuple[dict[RecordKind, tuple[str, Any]], list[Issue]]:
    """One source per kind; two files or sheets for one kind is an error."""
    chosen: dict[RecordKind, tuple[str, Any]] = {}
    issues: list[Issue] = []
    for kind, label, source in found:
        if kind in chosen:
            issues.append(
                _issue(
                    lang, label, "twice", stem=FILE_STEMS[kind], first=chosen[kind][0], second=label
                )
            )
        else:
            chosen[kind] = (label, source)
    return chosen, issues


def _require(
    tables: list[RawTable], unreadable: set[RecordKind], label, key: str, lang: str
) -> list[Issue]:
    """An error for each required kind that no file provides."""
    present = {t.kind for t in tables} | unreadable
    return [
        _issue(lang, label(FILE_STEMS[kind]), key, name=label(FILE_STEMS[kind]).split(":")[-1])
        for kind in REQUIRED_KINDS
        if kind not in present
    ]


def _read_csv_files(
    chosen: dict[RecordKind, tuple[str, Any]], load, lang: str
) -> tuple[list[RawTable], list[Issue], set[RecordKind]]:
    tables: list[RawTable] = []
    issues: list[Issue] = []
    unreadable: set[RecordKind] = set()
    for kind in KIND_ORDER:
        if kind not in chosen:
            continue
        label, source = chosen[kind]
        data, problem = load(label, source)
        if problem is not None:
            issues.append(problem)
            unreadable.add(kind)
            continue
        table, found = read_csv(data, kind, label, lang=lang)
        issues.extend(found)
        if table is None:
            unreadable.add(kind)
        else:
            tables.append(table)
    return tables, issues, unreadable


def read_folder(
    path: str | Path, *, lang: str = "en", max_bytes: float | None = None
) -> tuple[list[RawTable], list[Issue]]:
    """The CSV files of a map folder: ``actors.csv`` and ``relations.csv``, optional
    ``stakes.csv`` and ``spaces.csv`` (French names such as ``acteurs.csv`` too).

    Issues name the files by their name in the folder. When the map's files together
    hold more than ``max_bytes`` (default: :func:`max_input_bytes`), none is read and
    one issue names the folder.

    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (pathlib.Path(tmp) / "acteurs.csv").write_text("id,nom,nature\\n")
    ...     tables, issues = read_folder(tmp)
    >>> [t.file for t in tables], [str(i) for i in issues]
    (['acteurs.csv'], ['relations.csv: missing file: a map needs relations.csv'])
    """
    folder = Path(path)
    found = [
        (kind, p.name, p)
        for p in sorted(folder.iterdir())
        if p.suffix.lower() == ".csv" and p.is_file() and (kind := sheet_kind(p.stem))
    ]
    chosen, issues = _collect(found, lang)
    limit, problems = _limit(max_bytes, lang)
    try:
        size = sum(file.stat().st_size for _, file in chosen.values())
    except OSError:
        size = 0  # each unreadable file is reported when it is read
    problems += _too_big(lang, str(folder), "folder_too_big", size, limit)
    if problems:
        return [], issues + problems

    def load(label: str, file: Path):
        try:
            return file.read_bytes(), None
        except OSError as exc:
            return None, _issue(lang, label, "unreadable", reason=exc.strerror or exc)

    tables, problems, unreadable = _read_csv_files(chosen, load, lang)
    issues += problems + _require(tables, unreadable, lambda s: f"{s}.csv", "missing_file", lang)
    return tables, issues


def read_zip(
    data: bytes, name: str, *, lang: str = "en", max_bytes: float | None = None
) -> tuple[list[RawTable], list[Issue]]:
    """The CSV files of a map inside a ``.zip`` (at its root or in one folder).

    Issues name the files ``<archive>:<path in the archive>``. An archive larger than
    ``max_bytes`` (default: :func:`max_input_bytes`), or whose map files unpack to
    more, is refused before anything is unpacked.

    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as archive:
    ...     archive.writestr("carte/actors.csv", "id;nom;nature\\na;Ana;personne\\n")
    ...     archive.writestr("carte/relations.csv", "source;cible;type\\n")
    >>> tables, issues = read_zip(buffer.getvalue(), "carte.zip")
    >>> [(t.file, len(t.rows)) for t in tables], issues
    ([('carte.zip:carte/actors.csv', 1), ('carte.zip:carte/relations.csv', 0)], [])
    """
    limit, problems = _limit(max_bytes, lang)
    problems += _file_guard(lang, name, len(data), limit)
    if problems:
        return [], problems
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return [], [_issue(lang, name, "bad_zip")]
    found = []
    for info in members:
        member = PurePosixPath(info.filename)
        # Archives made on macOS carry resource forks beside each file.
        if info.is_dir() or "__MACOSX" in member.parts or member.name.startswith("._"):
            continue
        if member.suffix.lower() == ".csv" and (kind := sheet_kind(member.stem)):
            found.append((kind, f"{name}:{info.filename}", info))
    chosen, issues = _collect(found, lang)
    if not chosen:
        return [], issues + [_issue(lang, name, "no_csv")]
    unpacked = sum(info.file_size for _, info in chosen.values())
    too_big = _too_big(lang, name, "zip_too_big", unpacked, limit)
    if too_big:
        return [], too_big

    def load(label: str, info: zipfile.ZipInfo):
        if info.flag_bits & 0x1:
            return None, _issue(lang, label, "zip_password")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return None, _issue(lang, label, "zip_method")
        # zipfile raises a handful of unrelated types for damaged or unsupported members.
        try:
            if _honest(data, info):
                return archive.read(info), None
        except Exception:
            pass
        return None, _issue(lang, label, "bad_zip")

    tables, problems, unreadable = _read_csv_files(chosen, load, lang)
    issues += problems
    issues += _require(tables, unreadable, lambda s: f"{name}:{s}.csv", "missing_file", lang)
    return tables, issues


def read_xlsx(
    data: bytes, name: str, *, lang: str = "en", max_bytes: float | None = None
) -> tuple[list[RawTable], list[Issue]]:
    """The sheets ``actors``, ``relations``, ``stakes`` and ``spaces`` of a workbook.

    Other sheets (a read-me) are ignored. Cells holding numbers, dates or booleans
    become the text a CSV would hold; formulas count by their last computed value.
    Issues name the sheets ``<workbook>:<sheet>``. A workbook larger than ``max_bytes``
    (default: :func:`max_input_bytes`), or whose parts unpack to more than
    :data:`XLSX_UNPACKED_FACTOR` times that, is refused before it is unpacked.

    >>> from ecomap.ingest.writers import template_bytes
    >>> tables, issues = read_xlsx(template_bytes(), "modele.xlsx")
    >>> [t.file for t in tables], issues
    (['modele.xlsx:acteurs', 'modele.xlsx:relations', 'modele.xlsx:enjeux', 'modele.xlsx:dispositifs'], [])
    """
    import openpyxl

    tables: list[RawTable] = []
    limit, issues = _limit(max_bytes, lang)
    issues += _file_guard(lang, name, len(data), limit)
    if issues:
        return [], issues
    # A workbook is a zip archive: its parts must unpack to what they declare, in all
    # no more than the limit allows, before openpyxl unpacks them.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return [], [_issue(lang, name, "bad_xlsx")]
    unpacked = sum(info.file_size for info in parts)
    factor = XLSX_UNPACKED_FACTOR
    issues = _too_big(lang, name, "xlsx_too_big", unpacked, limit * factor, factor=factor)
    if issues:
        return [], issues
    if not all(_honest(data, info) for info in parts):
        return [], [_issue(lang, name, "bad_xlsx")]
    # openpyxl raises many unrelated exception types (zip, XML, key, value errors)
    # on damaged workbooks; each means the same thing to the user.
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        return [], [_issue(lang, name, "bad_xlsx")]
    try:
        found = [
            (kind, f"{name}:{sheet.title}", sheet)
            for sheet in book.worksheets
            if (kind := sheet_kind(sheet.title))
        ]
        chosen, issues = _collect(found, lang)
        unreadable: set[RecordKind] = set()
        for kind in KIND_ORDER:
            if kind not in chosen:
                continue
            label, sheet = chosen[kind]
            # Some producers write a wrong sheet size; reading to the real end is safer.
            sheet.reset_dimensions()
            records = []
            try:
                for row in sheet.iter_rows(min_row=1, values_only=True):
                    records.append([cell_text(value) for value in row])
            except ValueError as exc:
                # openpyxl turns a number cell into a Python int, which Python refuses past
                # 4,300 digits; no spreadsheet writes such a number, only a hand or a tool.
                if "integer string conversion" not in str(exc):
                    raise
                issues.append(_issue(lang, label, "huge_number", line=len(records) + 1))
                unreadable.add(kind)
                continue
            table, found_issues = _table(kind, label, records, lang)
            tables.append(table)
            issues += found_issues
    except Exception:
        return [], [_issue(lang, name, "bad_xlsx")]
    finally:
        book.close()
    issues += _require(tables, unreadable, lambda s: f"{name}:{s}", "missing_sheet", lang)
    return tables, issues


#: Digits from which a JSON integer is kept as the text it is: Python refuses to turn
#: more than 4,300 digits into a number (and would tell the user to change a setting
#: of Python); as text, the cell is read as any other and refused, if it must be, with
#: its record and field.
_LONG_INTEGER = 100


def _json_int(text: str) -> int | str:
    return int(text) if len(text) < _LONG_INTEGER else text


def _json_cell(value: Any, is_tags: bool) -> str | None:
    """A JSON value as cell text, or None when a cell cannot hold it."""
    if isinstance(value, list) and is_tags:
        parts = [_json_cell(v, False) for v in value]
        return None if None in parts else "|".join(parts)
    if isinstance(value, list | dict):
        return None
    return cell_text(value)


def read_json(
    data: bytes, name: str, *, lang: str = "en", max_bytes: float | None = None
) -> tuple[list[RawTable], list[Issue]]:
    """A map in the JSON format: ``{"format": "ecomap", "version": 1, "actors": [...], ...}``.

    Each record's ``line`` is its position (1-based) in its list; issues name the
    lists ``<file>:<list>`` (``map.json:relations``). Tags come as a list. A document
    larger than ``max_bytes`` (default: :func:`max_input_bytes`) is refused unread.

    >>> text = '{"format": "ecomap", "version": 1, "relations": [],'
    >>> text += ' "actors": [{"id": "a", "nom": "Ana", "kind": "person", "tags": ["x", "y"]}]}'
    >>> tables, issues = read_json(text.encode(), "map.json")
    >>> [(t.file, [(r.line, r.values) for r in t.rows]) for t in tables]
    [('map.json:actors', [(1, {'id': 'a', 'name': 'Ana', 'kind': 'person', 'tags': 'x|y'})]), ('map.json:relations', [])]
    """
    limit, problems = _limit(max_bytes, lang)
    problems += _file_guard(lang, name, len(data), limit)
    if problems:
        return [], problems
    try:
        text = decode_text(data)
    except ValueError:
        return [], [_issue(lang, name, "encoding_json")]
    try:
        document = json.loads(text, parse_int=_json_int)
    except ValueError as exc:
        # JSONDecodeError (a ValueError) knows where the text went wrong.
        where = {
            "text_line": getattr(exc, "lineno", "?"),
            "text_column": getattr(exc, "colno", "?"),
        }
        reason = getattr(exc, "msg", str(exc))
        return [], [_issue(lang, name, "bad_json", reason=reason, **where)]
    except RecursionError:
        where = {"text_line": "?", "text_column": "?"}
        return [], [_issue(lang, name, "bad_json", reason="nested too deeply", **where)]
    if not isinstance(document, dict) or document.get("format") != "ecomap":
        return [], [_issue(lang, name, "not_ecomap")]
    version = document.get("version")
    if type(version) is not int or version != 1:
        return [], [
            _issue(lang, name, "json_version", column="version", value=version, version=version)
        ]
    found = [(kind, f"{name}:{key}", key) for key in document if (kind := sheet_kind(key))]
    chosen, issues = _collect(found, lang)
    tables: list[RawTable] = []
    for kind in KIND_ORDER:
        if kind not in chosen:
            continue
        label, key = chosen[kind]
        records = document[key]
        if not isinstance(records, list):
            issues.append(_issue(lang, label, "json_list"))
            continue
        rows: list[RawRow] = []
        custom: dict[str, None] = {}
        known: dict[str, str | None] = {}
        for position, record in enumerate(records, start=1):
            if not isinstance(record, dict):
                issues.append(_issue(lang, label, "json_record", line=position))
                continue
            row = RawRow(label, position, {}, {})
            for column, value in record.items():
                if column not in known:
                    known[column] = canonical_column(kind, column)
                field_name = known[column]
                text = _json_cell(value, field_name == "tags")
                if text is None:
                    issues.append(
                        _issue(
                            lang,
                            label,
                            "json_value",
                            line=position,
                            column=column,
                            value=json.dumps(value, ensure_ascii=False)[:80],
                        )
                    )
                elif field_name is None:
                    custom[column] = None
                    if text:
                        row.extra[column] = text
                elif field_name in row.columns:
                    issues.append(
                        _issue(
                            lang,
                            label,
                            "duplicate_column",
                            line=position,
                            column=column,
                            first=row.columns[field_name],
                            second=column,
                            field=field_name,
                        )
                    )
                else:
                    row.values[field_name] = text
                    row.columns[field_name] = column
            rows.append(row)
        if custom:
            names = _some(list(custom), lang)
            issues.append(
                _issue(
                    lang, label, "custom_columns", column=names, severity="warning", columns=names
                )
            )
        tables.append(RawTable(kind, label, rows, None))
    issues += _require(tables, set(), lambda s: f"{name}:{s}", "missing_list", lang)
    return tables, issues


def _unknown(name: str, suffix: str, lang: str) -> Issue:
    """The issue for a file that holds no map this module reads."""
    if suffix == ".csv":
        return _issue(lang, name, "single_csv")
    if suffix in (".xls", ".ods", ".numbers"):
        return _issue(lang, name, "other_workbook", suffix=suffix)
    return _issue(lang, name, "unknown_format", suffix=suffix or name)


def read_tables_bytes(
    data: bytes, filename: str, *, lang: str = "en", max_bytes: float | None = None
) -> tuple[list[RawTable], list[Issue]]:
    """The raw tables of a map held in memory (an upload), by the file name's suffix.

    ``.zip`` (CSV files), ``.xlsx``/``.xlsm`` or ``.json``; one ``.csv`` alone is
    not a map and gives an error. ``max_bytes`` (default: :func:`max_input_bytes`)
    is the size guard described in this module's docstring.

    >>> tables, [issue] = read_tables_bytes(b"id,name,kind\\n", "actors.csv")
    >>> print(issue)
    actors.csv: one CSV file is not a whole map: give the folder (or a .zip of it) that holds actors.csv and relations.csv
    """
    name = PurePosixPath(filename.replace("\\", "/")).name or filename
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".zip":
        return read_zip(data, name, lang=lang, max_bytes=max_bytes)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(data, name, lang=lang, max_bytes=max_bytes)
    if suffix == ".json":
        return read_json(data, name, lang=lang, max_bytes=max_bytes)
    return [], [_unknown(name, suffix, lang)]


def read_tables(
    path: str | Path, *, lang: str = "en", max_bytes: float | None = None
) -> tuple[list[RawTable], list[Issue]]:
    """The raw tables of the map at ``path``: a folder, ``.xlsx``, ``.json`` or ``.zip``.

    Never raises for bad input: a missing path, an unknown suffix, an unreadable
    file or a map larger than ``max_bytes`` (default: :func:`max_input_bytes`; the
    file's size is checked before it is read) is one issue.

    >>> read_tables("no/such/map.xlsx")[1][0].message
    'no such file or folder'
    """
    path = Path(path)
    try:
        if path.is_dir():
            return read_folder(path, lang=lang, max_bytes=max_bytes)
        if not path.exists():
            return [], [_issue(lang, str(path), "missing_path")]
        if path.suffix.lower() not in MAP_SUFFIXES:
            return [], [_unknown(path.name, path.suffix.lower(), lang)]
        limit, problems = _limit(max_bytes, lang)
        problems += _file_guard(lang, path.name, path.stat().st_size, limit)
        if problems:
            return [], problems
        data = path.read_bytes()
    except OSError as exc:
        return [], [_issue(lang, str(path), "unreadable", reason=exc.strerror or exc)]
    return read_tables_bytes(data, path.name, lang=lang, max_bytes=limit)
