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
    "UnreadableRecord",
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


class UnreadableRecord(StoreError):
    """A record in the store that this version of ecomap cannot read.

    An enum value it does not know (what a newer ecomap may write), a record whose
    stored text is cut short, a record without a field every record of its kind has.
    The message names the store, the record (kind and id), the field, its value and
    what was expected, and says what to do; nothing is written by the operation that
    met it.

    >>> print(UnreadableRecord("actor", "mairie", "kind", "cooperative",
    ...                        "one of: person, organisation, institution", newer=True,
    ...                        store="ecomap.db"))
    the store ecomap.db holds a record that cannot be read: actor 'mairie', field 'kind' is 'cooperative', expected one of: person, organisation, institution; a newer version of ecomap may have written it: upgrade ecomap to read this store (nothing was changed)
    """

    def __init__(
        self,
        kind: str,
        key: str | None,
        field: str | None,
        value: Any,
        expected: str,
        *,
        newer: bool = False,
        store: str | None = None,
    ):
        self.kind, self.key, self.field, self.value = kind, key, field, value
        self.expected, self.newer, self.store = expected, newer, store
        super().__init__(self._message())

    def at(self, store: str) -> UnreadableRecord:
        """The same error, naming the store it was found in."""
        return UnreadableRecord(
            self.kind, self.key, self.field, self.value, self.expected,
            newer=self.newer, store=store,
        )  # fmt: skip

    def _message(self) -> str:
        where = f"the store {self.store}" if self.store else "the store"
        what = f"{self.kind} {self.key!r}" if self.key is not None else f"a {self.kind}"
        if self.field is None:
            problem = f"{what}: {self.expected}"
        elif self.value is None:
            problem = f"{what} has no field {self.field!r}: {self.expected}"
        else:
            value = str(self.value)
            shown = value if len(value) <= 80 else value[:60] + "…"
            problem = f"{what}, field {self.field!r} is {shown!r}, expected {self.expected}"
        advice = (
            "a newer version of ecomap may have written it: upgrade ecomap to read this store"
            if self.newer
            else "the store was altered or damaged: correct this record with a database tool "
            "or restore the store from a backup copy"
        )
        return (
            f"{where} holds a record that cannot be read: {problem}; {advice} (nothing was changed)"
        )
