"""Reasons kept as codes, put into words only when they are shown or written.

DESIGN §3 "Reasons": each result carries its reasons in words; inside the library a
reason may be kept as a code with its parameters, and every output a person or a
program reads still carries the words. A large map's analyses hold a few hundred
thousand reasons, and the terminal summary shows five rows per table: the analyses
keep :class:`Reason` codes (a small immutable record, cheap to make) and the writers
call :func:`in_words` on what they show, or :func:`json_text` on what they write.

A code is ``"<family>.<message>"``: the family names a module's catalogue of
messages (its wording table, in French and English, registered with
:func:`register`), the message one of its keys. A parameter whose words depend on the
language is kept as a :class:`Number`, :class:`Percent`, :class:`Listing` or another
:class:`Reason`, and written in the reason's language::

    >>> from ecomap.analysis import bridges
    >>> reason = Reason("bridges.cut_point", name="Mairie", parts=3)
    >>> reason.words("fr")
    "Mairie est un point d'articulation : sans Mairie, sa partie du réseau de coopération se coupe en 3 morceaux"
    >>> reason == Reason("bridges.cut_point", name="Mairie", parts=3)
    True
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Iterable
from typing import Any

from ecomap.i18n import Catalogue, listing, number, percent, say

__all__ = [
    "Listing", "Number", "Percent", "Reason", "Shown", "first_rows", "in_words", "json_text", "ranked",
    "register",
]  # fmt: skip

#: Family → its catalogue of messages (``{"en": {key: template}, "fr": {...}}``).
_CATALOGUES: dict[str, Catalogue] = {}
#: Code → the function that says it, for a sentence assembled from several messages.
_FUNCTIONS: dict[str, Callable[..., str]] = {}


def register(family: str, catalogue: Catalogue, **functions: Callable[..., str]) -> None:
    """Make ``catalogue``'s messages the wording of the codes ``"<family>.<key>"``.

    ``functions`` (message → ``fn(lang, **params)``) say the codes whose sentence is
    assembled from several messages of the catalogue.
    """
    _CATALOGUES[family] = catalogue
    for key, function in functions.items():
        _FUNCTIONS[f"{family}.{key}"] = function


class Reason:
    """One reason as a code and its parameters; :meth:`words` says it in a language.

    Immutable and compared by value, so that results holding reasons compare as the
    sentences they stand for (in one language).
    """

    __slots__ = ("code", "params")

    code: str
    params: dict[str, Any]

    def __init__(self, code: str, /, **params: Any) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", params)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a Reason cannot be changed")

    def words(self, lang: str = "en") -> str:
        """The sentence in ``lang`` (``"fr"`` or ``"en"``)."""
        function = _FUNCTIONS.get(self.code)
        if function is not None:
            return function(lang, **self.params)
        family, _, key = self.code.partition(".")
        values = {
            name: value.words(lang) if type(value) in _WORDED else value
            for name, value in self.params.items()
        }
        return say(_CATALOGUES[family], key, lang, **values)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Reason):
            return NotImplemented
        return self.code == other.code and self.params == other.params

    def __hash__(self) -> int:
        return hash((self.code, tuple(self.params)))

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"Reason({self.code!r}{', ' if params else ''}{params})"


class Number:
    """A number written in the sentence's language, at most ``digits`` decimals."""

    __slots__ = ("value", "digits")

    def __init__(self, value: float, digits: int = 2) -> None:
        self.value, self.digits = value, digits

    def words(self, lang: str) -> str:
        return number(self.value, lang, self.digits)

    def __eq__(self, other: object) -> bool:
        return type(other) is Number and (self.value, self.digits) == (other.value, other.digits)

    def __repr__(self) -> str:
        return f"Number({self.value!r}, {self.digits})"


class Percent:
    """A share written as a percentage in the sentence's language."""

    __slots__ = ("value",)

    def __init__(self, value: float) -> None:
        self.value = value

    def words(self, lang: str) -> str:
        return percent(self.value, lang)

    def __eq__(self, other: object) -> bool:
        return type(other) is Percent and self.value == other.value

    def __repr__(self) -> str:
        return f"Percent({self.value!r})"


class Listing:
    """Names listed as the language lists them ("A, B and C"; "A, B et C")."""

    __slots__ = ("items", "limit")

    def __init__(self, items: list[str], limit: Any = "default") -> None:
        self.items, self.limit = items, limit

    def words(self, lang: str) -> str:
        if self.limit == "default":
            return listing(self.items, lang)
        return listing(self.items, lang, limit=self.limit)

    def __eq__(self, other: object) -> bool:
        return type(other) is Listing and (self.items, self.limit) == (other.items, other.limit)

    def __repr__(self) -> str:
        return f"Listing({self.items!r})"


class Worded:
    """Any language-dependent words: ``fn(lang, *args)`` when the sentence is said."""

    __slots__ = ("fn", "args")

    def __init__(self, fn: Callable[..., str], *args: Any) -> None:
        self.fn, self.args = fn, args

    def words(self, lang: str) -> str:
        return self.fn(lang, *self.args)

    def __eq__(self, other: object) -> bool:
        return type(other) is Worded and (self.fn, self.args) == (other.fn, other.args)

    def __repr__(self) -> str:
        return f"Worded({getattr(self.fn, '__name__', self.fn)}, {self.args!r})"


_WORDED = frozenset({Reason, Number, Percent, Listing, Worded})


class Shown(list):
    """The first rows of a table and how many rows the whole table has (``total``).

    What a section returns when asked only for the rows a summary prints
    (``ecomap.analysis.analyse(rows=N)``): the rows are those the whole table starts
    with, made as the whole table makes them; the others are counted, not made.
    """

    __slots__ = ("total",)

    def __init__(self, rows: Iterable[Any] = (), total: int = 0) -> None:
        super().__init__(rows)
        self.total = total


def first_rows(records: list[Any], rows: int | None) -> list[Any]:
    """``records`` whole when ``rows`` is None, else its first ``rows`` as :class:`Shown`."""
    return records if rows is None else Shown(records[:rows], len(records))


def ranked(
    items: list[Any], rows: int | None, key: Callable[[Any], Any] | None = None
) -> list[Any]:
    """``items`` in order of ``key`` (sorted in place): all of them when ``rows`` is None,
    else only the first ``rows``, found without sorting the rest.

    The first rows are those the whole sort starts with, ties kept in the order of
    ``items`` as a stable sort keeps them (``heapq.nsmallest``'s guarantee).

    >>> ranked([3, 1, 2, 1], None), ranked([3, 1, 2, 1], 2), ranked(["b", "a"], 1, key=str)
    ([1, 1, 2, 3], [1, 1], ['a'])
    """
    if rows is None or rows >= len(items):
        items.sort(key=key)
        return items
    return heapq.nsmallest(rows, items, key=key)


def in_words(value: Any, lang: str = "en") -> Any:
    """``value`` with every :class:`Reason` in it turned into its sentence in ``lang``.

    Dicts and lists are copied only where something in them changes; anything else is
    returned as it is.
    """
    kind = type(value)
    if kind is Reason:
        return value.words(lang)
    if kind is list:
        result = None
        for position, item in enumerate(value):
            new = item.words(lang) if type(item) is Reason else in_words(item, lang)
            if result is None and new is not item:
                result = value[:position]
            if result is not None:
                result.append(new)
        return value if result is None else result
    if kind is dict:
        result = None
        for key, item in value.items():
            kk = type(item)
            if kk is str or kk is int or kk is float or item is None:
                continue
            new = in_words(item, lang)
            if new is not item:
                if result is None:
                    result = dict(value)
                result[key] = new
        return value if result is None else result
    if kind is tuple:
        return tuple(in_words(item, lang) for item in value)
    if kind is Shown:
        return Shown(in_words(list(value), lang), value.total)
    if isinstance(getattr(value, "code", None), str) and hasattr(value, "words"):
        return value.words(lang)  # a Reason of this module imported a second time
    return value


# -- JSON, written as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it -------

_string = json.encoder.encode_basestring  # the C encoder of a str, without ASCII escapes
_float = float.__repr__
_int = int.__repr__


def json_text(value: Any, lang: str = "en") -> str:
    """``value`` as JSON text, byte for byte what ``json.dumps(json_ready(value),
    ensure_ascii=False, indent=2)`` writes, with every :class:`Reason` in its words in
    ``lang``.

    ``value`` holds what the analyses return: plain values, reasons, and whatever
    :func:`ecomap.analysis.json_ready` makes plain (NaN and infinity are written
    ``null``, keys as ``str(key)``). The standard library's encoder is written in
    Python when it indents (a large map's document of a million values took seconds);
    this one hands every string to the C encoder and builds each container's text with
    one join.

    >>> print(json_text({"a": [1, float("nan")], "b": {}}))
    {
      "a": [
        1,
        null
      ],
      "b": {}
    }

    Raises
    ------
    TypeError
        For a value JSON cannot hold.
    """
    leaves = {**_LEAF, Reason: lambda reason: _string(reason.words(lang))}
    return _value(value, "\n", leaves)


def _value(item: Any, newline: str, leaves: dict[type, Callable[[Any], str]]) -> str:
    kind = type(item)
    leaf = leaves.get(kind)
    if leaf is not None:
        return leaf(item)
    if kind is dict:
        if not item:
            return "{}"
        inner = newline + "  "
        return "{" + inner + ("," + inner).join([
            _string(key if type(key) is str else str(key)) + ": " + (
                leaf(v) if (leaf := leaves.get(type(v))) is not None else _value(v, inner, leaves))
            for key, v in item.items()
        ]) + newline + "}"  # fmt: skip
    if kind is list or kind is tuple:
        if not item:
            return "[]"
        inner = newline + "  "
        return "[" + inner + ("," + inner).join([
            leaf(v) if (leaf := leaves.get(type(v))) is not None else _value(v, inner, leaves)
            for v in item
        ]) + newline + "]"  # fmt: skip
    if isinstance(getattr(item, "code", None), str) and hasattr(item, "words"):
        return leaves[Reason](item)  # a Reason of this module imported a second time
    from ecomap.analysis import json_ready

    plain = json_ready(item)  # numpy numbers, dates, sets, enums
    if type(plain) is kind:
        raise TypeError(f"Object of type {kind.__name__} is not JSON serializable")
    return _value(plain, newline, leaves)


def _finite(value: float) -> str:
    return _float(value) if value - value == 0 else "null"  # NaN and ±inf, as json_ready


_LEAF: dict[type, Callable[[Any], str]] = {
    str: _string,
    int: _int,
    float: _finite,
    bool: lambda value: "true" if value else "false",
    type(None): lambda value: "null",
}
