"""Reading, checking and writing maps: the exchange format of DESIGN.md §2 "Files".

- :func:`read_map` / :func:`read_bytes` — a folder of CSV files, a ``.xlsx``
  workbook, a JSON document or a ``.zip`` of CSV files, as a validated
  :class:`~ecomap.model.Ecosystem` and its warnings; every error of every file at
  once in an :class:`~ecomap.errors.InputError`; a map larger than
  ``ECOMAP_MAX_INPUT_MB`` megabytes (default 40) is refused before it is read.
  Given the stored map (``onto=``), the files are read as a patch on it (DESIGN.md §2
  "Merging is patching", :func:`~ecomap.ingest.validation.build_map`).
- :func:`import_changes` — what importing a map would change in the stored map,
  field by field, and :func:`describe_change` in words.
- :func:`read_tables` then :func:`check_map` — the same in two steps, so that the
  stored map a patch needs is read only once the files are (a file refused unread
  never opens the store).
- :func:`validate_record` — the same rules and words for one record edited in a form.
- :func:`write_map` / :func:`map_bytes` — the map in any of those formats, or GEXF
  and GraphML for Gephi; :func:`write_template` — a blank workbook with drop-downs.

The steps live in :mod:`~ecomap.ingest.readers` (files → raw rows located by file,
line and column), :mod:`~ecomap.ingest.columns` (French and other column names),
:mod:`~ecomap.ingest.validation` (raw rows → records and issues, the rows whose
cells :mod:`~ecomap.ingest.column_checks` proves good column by column made at
once) and :mod:`~ecomap.ingest.writers`.
"""

from __future__ import annotations

from pathlib import Path

from ecomap.errors import InputError, Issue
from ecomap.ingest.patch import FieldChange, describe_change, import_changes
from ecomap.ingest.readers import RawTable, read_tables, read_tables_bytes
from ecomap.ingest.validation import CLEAR_MARKERS, build_map, validate_record
from ecomap.ingest.writers import FORMATS, map_bytes, template_bytes, write_map, write_template
from ecomap.model import Ecosystem

__all__ = [
    "CLEAR_MARKERS",
    "FORMATS",
    "FieldChange",
    "describe_change",
    "import_changes",
    "read_map",
    "read_bytes",
    "read_tables",
    "check_map",
    "validate_record",
    "write_map",
    "map_bytes",
    "write_template",
    "template_bytes",
]


def _checked(eco: Ecosystem, issues: list[Issue]) -> tuple[Ecosystem, list[Issue]]:
    if any(issue.severity == "error" for issue in issues):
        raise InputError(issues)
    return eco, issues


def check_map(
    tables: list[RawTable],
    issues: list[Issue],
    *,
    lang: str = "en",
    onto: Ecosystem | None = None,
) -> tuple[Ecosystem, list[Issue]]:
    """The map held by tables :func:`read_tables` read (with its ``issues``).

    Returns and raises as :func:`read_map`, which is :func:`read_tables` then this.
    """
    return _checked(*build_map(tables, issues, lang=lang, onto=onto))


def read_map(
    path: str | Path,
    *,
    lang: str = "en",
    max_bytes: float | None = None,
    onto: Ecosystem | None = None,
) -> tuple[Ecosystem, list[Issue]]:
    """Read and check the map at ``path``: a folder of CSV files, ``.xlsx``, ``.json`` or ``.zip``.

    Parameters
    ----------
    path : str or Path
    lang : str
        Language of the messages: ``en`` or ``fr``.
    max_bytes : float, optional
        The largest map read, in bytes (default: ``ECOMAP_MAX_INPUT_MB`` megabytes,
        see :func:`~ecomap.ingest.readers.max_input_bytes`); a larger one is refused
        before it is read.
    onto : Ecosystem, optional
        The stored map a merge import patches. Each record of the files is then
        returned merged with the stored record of the same id (relation: identity):
        filled cells update, empty cells and missing columns keep the stored value,
        ``(vide)`` or ``(empty)`` clears it; relations may point to stored nodes.
        Without it (``ecomap validate``, a replace) the files are a whole map and
        ``(vide)`` reads as an empty cell.

    Returns
    -------
    eco, warnings
        The map (with ``onto``: the records of the files, patched), and the
        warnings (custom columns kept, ignored cells).

    Raises
    ------
    InputError
        When anything is wrong; ``issues`` holds every error of every file (file,
        line as a spreadsheet shows it, column, value, what was expected) and
        ``warnings`` the warnings. A missing path, an unknown suffix, an
        unreadable file or a map over the size limit is an InputError too.

    Examples
    --------
    >>> import pathlib, shutil, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> actors = "id;nom;nature\\nA;Mairie;collectivité\\nB;Asso;structure\\n"
    >>> _ = (folder / "actors.csv").write_text(actors, encoding="cp1252")
    >>> _ = (folder / "relations.csv").write_text("source;cible;type;poids\\nA;B;coopère;2\\n")
    >>> eco, warnings = read_map(folder)
    >>> eco.counts()["by_relation_type"], warnings
    ({'cooperates': 1}, [])
    >>> _ = (folder / "relations.csv").write_text("source;cible;type;poids\\nA;B;coopère;4\\n")
    >>> try:
    ...     read_map(folder)
    ... except InputError as error:
    ...     print(error.issues[0])
    relations.csv, line 2, column 'poids': expected a number from 1 to 3 (value: '4')
    >>> shutil.rmtree(folder)
    """
    tables, issues = read_tables(path, lang=lang, max_bytes=max_bytes)
    return _checked(*build_map(tables, issues, lang=lang, onto=onto))


def read_bytes(
    data: bytes,
    filename: str,
    *,
    lang: str = "en",
    max_bytes: float | None = None,
    onto: Ecosystem | None = None,
) -> tuple[Ecosystem, list[Issue]]:
    """Read and check an uploaded map: a ``.zip`` of CSV files, ``.xlsx`` or ``.json``.

    The format comes from ``filename``'s suffix; one ``.csv`` file alone is not a
    map (an error says to upload the zipped folder). Returns and raises as
    :func:`read_map`, with the same size guard and the same ``onto``.
    """
    tables, issues = read_tables_bytes(data, filename, lang=lang, max_bytes=max_bytes)
    return _checked(*build_map(tables, issues, lang=lang, onto=onto))
