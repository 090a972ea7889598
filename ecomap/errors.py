"""The one exception tree of ecomap.

The library raises these; the CLI and the app turn them into clean messages (never a
traceback). :class:`InputError` carries every problem found in the input at once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

__all__ = [
    "Issue",
    "EcomapError",
    "InputError",
    "StoreError",
    "StoreUnavailable",
    "ConflictError",
]


#: Characters of a long value an :class:`Issue` keeps to show where the value starts.
SHOWN_VALUE = 60


@dataclass(frozen=True)
class Issue:
    """One problem (or warning) in the input, located as a spreadsheet user sees it.

    ``line`` counts the header as line 1, so the first data row is line 2. For JSON
    and forms, ``line`` is the record's position (1-based) in its list. A text value
    longer than :data:`SHOWN_VALUE` characters (and some) is kept by its start and ``…``.
    """

    file: str
    line: int | None
    column: str | None
    value: Any
    message: str
    severity: str = "error"  # "error" or "warning"

    def __post_init__(self) -> None:
        # A cell of thousands of characters (a pasted document, a number of 5,000
        # digits) would fill the screen: the value is shown by its start.
        if isinstance(self.value, str) and len(self.value) > SHOWN_VALUE + 40:
            object.__setattr__(self, "value", self.value[:SHOWN_VALUE] + "…")

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        value = "" if self.value in (None, "") else f" (value: {self.value!r})"
        return f"{where}: {self.message}{value}"

    def as_row(self) -> dict[str, Any]:
        return asdict(self)


class EcomapError(Exception):
    """Base of every error ecomap raises on purpose."""


class InputError(EcomapError):
    """The input (files or a form) is invalid; ``issues`` lists every problem found."""

    def __init__(self, issues: list[Issue], message: str | None = None):
        self.issues = [i for i in issues if i.severity == "error"]
        self.warnings = [i for i in issues if i.severity != "error"]
        count = len(self.issues)
        super().__init__(
            message or f"{count} error{'s' if count != 1 else ''} in the input; nothing was written"
        )


class StoreError(EcomapError):
    """The store refused an operation (a constraint, a missing snapshot, a corrupt file)."""


class StoreUnavailable(StoreError):
    """The store cannot be reached (server down, wrong credentials, unreadable file)."""


class ConflictError(StoreError):
    """A stale edit: the record changed in the store since the editor read it."""

    def __init__(self, message: str, keys: list[str] | None = None):
        self.keys = keys or []
        super().__init__(message)
