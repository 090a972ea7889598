"""One spreadsheet cell, read and written.

Readers turn every cell into the text a CSV file would hold (:func:`cell_text`), so
a workbook's numbers, dates and booleans go through the same parsing as a CSV's
text. Writers do the reverse (:func:`format_number`) and defuse text that a
spreadsheet would run as a formula (:func:`defuse_formula`); readers undo that
(:func:`restore_formula`) so a map survives any number of round trips unchanged.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from typing import Any

__all__ = [
    "FORMULA_TRIGGERS",
    "cell_text",
    "format_number",
    "plain_number",
    "defuse_formula",
    "restore_formula",
]

#: Leading characters that make Excel, LibreOffice or Google Sheets evaluate a cell.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

_RISKY_START = frozenset(("'", *FORMULA_TRIGGERS))
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


def plain_number(value: float) -> int | float:
    """A whole number as an ``int`` (so that it is written ``2``, not ``2.0``); others as they are.

    Above 10**16 floats are written with an exponent, which has no ``.0`` either.

    >>> plain_number(2.0), plain_number(2.5), plain_number(float("inf"))
    (2, 2.5, inf)
    """
    if math.isfinite(value) and value == int(value) and abs(value) < 1e16:
        return int(value)
    return value


def format_number(value: float) -> str:
    """A number as it is written in files: no spurious ``.0``, nothing lost.

    >>> format_number(2.0), format_number(-1.5), format_number(0.1 + 0.2), format_number(1e20)
    ('2', '-1.5', '0.30000000000000004', '1e+20')
    """
    value = plain_number(value)
    return str(value) if isinstance(value, int) else repr(float(value))


def cell_text(value: Any) -> str:
    """A cell's value as the text a CSV file would hold.

    Workbooks hand over numbers, dates and booleans; they become the text the
    model parses (``2``, ``2026-03-01``, ``true``). Empty cells become ``""``.

    >>> cell_text(2.0), cell_text(datetime(2026, 3, 1)), cell_text(True), cell_text(None)
    ('2', '2026-03-01', 'true', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def defuse_formula(text: str) -> str:
    """Text made safe for a spreadsheet cell: a leading ``'`` when it would run as a formula.

    A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    is evaluated by spreadsheet programs (CSV injection). Such text gets a leading
    apostrophe, which spreadsheets show as plain text. Text that already starts
    with apostrophes before one of those characters gets one more, so that
    :func:`restore_formula` gives it back exactly. A plain number (``-2``) is left
    alone: spreadsheets read it as the number it is.

    >>> defuse_formula("=HYPERLINK(\\"http://x\\")"), defuse_formula("-2"), defuse_formula("Mairie")
    ('\\'=HYPERLINK("http://x")', '-2', 'Mairie')

    References
    ----------
    OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection
    """
    if text[:1] not in _RISKY_START:
        return text
    bare = text.lstrip("'")
    if not bare.startswith(FORMULA_TRIGGERS):
        return text
    if not text.startswith("'") and _PLAIN_NUMBER.fullmatch(text):
        return text
    return "'" + text


def restore_formula(text: str) -> str:
    """The text :func:`defuse_formula` was given: one leading ``'`` less where it added one.

    >>> restore_formula("'=1+1"), restore_formula("'tis"), restore_formula("''-x")
    ('=1+1', "'tis", "'-x")
    """
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text
