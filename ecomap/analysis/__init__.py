"""The analyses of DESIGN.md §3, one module per family, and :func:`analyse` to run them all.

Each module's functions take the map graph first (from :func:`ecomap.graph.to_graph`)
and return plain records that carry their reasons in words::

    from ecomap.analysis import fragility, power
    fragility.fragile_links(G)
    power.imbalances(G, lang="fr")

:func:`analyse` assembles the document that ``ecomap analyse --format json`` prints.
"""

from __future__ import annotations

import importlib
import math
import time
from collections.abc import Callable, Iterable
from datetime import date
from enum import Enum
from typing import Any

import networkx as nx

from ecomap.analysis.reasons import Reason, in_words
from ecomap.graph import _no_collection

__all__ = ["SECTIONS", "analyse", "json_ready"]

#: Section of the ``analyse`` document → (module, function). Order is the document's.
SECTIONS: dict[str, tuple[str, str]] = {
    "summary": ("summary", "summary"),
    "fragile_links": ("fragility", "fragile_links"),
    "key_people": ("fragility", "key_people"),
    "imbalances": ("power", "imbalances"),
    "power_interest": ("power", "power_interest"),
    "bridges": ("bridges", "bridges"),
    "stakes": ("stakes", "stakes"),
    "latent_tensions": ("stakes", "latent_tensions"),
    "untapped_cooperation": ("stakes", "untapped_cooperation"),
    "tension_opportunities": ("stakes", "tension_opportunities"),
    "engagement": ("engagement", "engagement"),
    "health": ("health", "health"),
    "facilitators": ("facilitation", "facilitators_for_tensions"),
    "space_audit": ("facilitation", "space_audit"),
    "levels": ("levels", "levels"),
}
#: Sections that take no ``lang`` (pure numbers).
_NO_WORDS = {"summary"}
#: Sections that can keep their reasons as codes (``words=False``), to be put into
#: words only for what is shown or written.
_CODES = {
    "fragile_links", "key_people", "power_interest", "bridges", "health", "facilitators",
    "imbalances",
}  # fmt: skip
#: Sections that can make only the first rows of their tables (``rows=N``), for a
#: summary that prints those: the rest are ranked and counted, not made.
_ROWS = {
    "levels", "bridges", "fragile_links", "key_people", "imbalances", "power_interest", "health",
    "facilitators", "tension_opportunities", "engagement", "untapped_cooperation",
}  # fmt: skip


def _function(section: str):
    module, name = SECTIONS[section]
    return getattr(importlib.import_module(f"ecomap.analysis.{module}"), name)


def analyse(
    G: nx.MultiDiGraph,
    *,
    only: Iterable[str] | None = None,
    as_of: date | None = None,
    lang: str = "en",
    timings: dict[str, float] | None = None,
    cpu_timings: dict[str, float] | None = None,
    words: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
    rows: int | None = None,
) -> dict[str, Any]:
    """Run the analyses and return one JSON-ready document.

    Parameters
    ----------
    G : MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    only : iterable of str, optional
        Section names (keys of :data:`SECTIONS`); default all. ``summary`` is always in.
    as_of : date, optional
        The analysis date (default today): relations ended before it or starting after
        it are ignored.
    lang : {"en", "fr"}
        Language of the reasons.
    timings : dict, optional
        Filled with the seconds each section took (wall clock), and under ``json`` the
        seconds taken to make the whole document plain JSON values.
    cpu_timings : dict, optional
        The same in CPU seconds of this process (``time.process_time``), which other
        programs running on the machine do not inflate.
    words : bool
        Every reason in words and every value plain JSON (default). False leaves reasons
        as :class:`~ecomap.analysis.reasons.Reason` codes and values as the analyses made
        them (numpy numbers, NaN, tuples, dates), for a writer that makes plain and puts
        into words only what it shows (:func:`~ecomap.analysis.reasons.in_words`, then
        :func:`json_ready`) or writes (:func:`~ecomap.analysis.reasons.json_text`): a
        large map holds a million values and a few hundred thousand reasons, and a
        summary shows a few rows of each table.
    progress : callable, optional
        Called as each section starts, with its name, how many sections are done and
        how many there are (``progress("bridges", 5, 15)``), then once at the end with
        ``"json"`` (the plain-JSON pass): what a progress bar needs.
    rows : int, optional
        With ``words=False``, for a summary that prints the first ``rows`` rows of each
        table: a table is then a :class:`~ecomap.analysis.reasons.Shown` list of its
        first rows (the same records as the whole table's first ones) with the whole
        table's length as ``total``, and the levels' folded maps are their three counts
        (``nodes``, ``edges``, ``internal_ties``). Default: every row.

    Returns
    -------
    dict
        ``summary`` plus one key per section; ``health`` is the list of cooperations and
        ``health_by_actor`` the per-actor profiles.

    Raises
    ------
    ValueError
        When ``only`` names an unknown section (the message lists the known ones).
    """
    wanted = list(SECTIONS) if only is None else ["summary", *only]
    unknown = [s for s in wanted if s not in SECTIONS]
    if unknown:
        raise ValueError(
            f"unknown analysis {', '.join(map(repr, unknown))}; choose among: "
            + ", ".join(s for s in SECTIONS if s != "summary")
        )
    if rows is not None and (words or rows < 1):
        raise ValueError("rows needs words=False and a number of rows of 1 or more")
    with _no_collection():
        return _document(wanted, G, as_of, lang, timings, cpu_timings, words, progress, rows)


def _document(
    wanted: list[str],
    G: nx.MultiDiGraph,
    as_of: date | None,
    lang: str,
    timings: dict[str, float] | None,
    cpu_timings: dict[str, float] | None,
    words: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
    rows: int | None = None,
) -> dict[str, Any]:
    document: dict[str, Any] = {}
    sections = list(dict.fromkeys(wanted))
    for done, section in enumerate(sections):
        if progress is not None:
            progress(section, done, len(sections))
        started, cpu_started = time.perf_counter(), time.process_time()
        options: dict[str, Any] = {"as_of": as_of}
        if section not in _NO_WORDS:
            options["lang"] = lang
        if section in _CODES:
            options["words"] = False
        if rows is not None and section in _ROWS:
            options["rows"] = rows
        if section == "key_people" and "fragile_links" in document and rows is None:
            options["links"] = document["fragile_links"]
        result = _function(section)(G, **options)
        if section == "health":
            document["health"] = result["cooperations"]
            document["health_by_actor"] = result["actors"]
        else:
            document[section] = result
        if timings is not None:
            timings[section] = time.perf_counter() - started
        if cpu_timings is not None:
            cpu_timings[section] = time.process_time() - cpu_started
    if progress is not None:
        progress("json", len(sections), len(sections))
    started, cpu_started = time.perf_counter(), time.process_time()
    if words:
        document = in_words(json_ready(document), lang)
    # Without words, the document is left as the analyses made it: the writers make
    # plain what they show or write (json_text, and the terminal's rows).
    if timings is not None:
        timings["json"] = time.perf_counter() - started
    if cpu_timings is not None:
        cpu_timings["json"] = time.process_time() - cpu_started
    return document


def json_ready(value: Any) -> Any:
    """Plain JSON values: NaN/inf → None, numpy numbers → Python, dates → ISO, sets → lists.

    >>> json_ready({"a": float("nan"), "b": {2, 1}, "c": date(2026, 3, 1)})
    {'a': None, 'b': [1, 2], 'c': '2026-03-01'}
    """
    kind = type(value)
    if kind is dict:
        return _plain_dict(value)
    if kind is list or kind is tuple:
        return _plain_list(value)
    if kind in _PLAIN or value is None or kind is Reason:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    return _plain_other(value)


# The whole document passes through here (a million values on a large map, nearly all
# plain already): plain leaves are checked in the loop, without a call per value, and
# a container is copied only when something in it changes.
_PLAIN = frozenset({str, int, bool})


def _plain_dict(value: dict) -> dict:
    result = None
    for key, item in value.items():
        kind = type(item)
        if kind is str or kind is int or kind is bool or item is None:
            new = item
        elif kind is float:
            new = item if item - item == 0 else None  # NaN and ±inf are not JSON
        elif kind is dict:
            new = _plain_dict(item)
        elif kind is list:
            new = _plain_list(item)
        elif kind is Reason:
            new = item
        else:
            new = json_ready(item)
        if result is None and (new is not item or type(key) is not str):
            result = {}
            for done, same in value.items():
                if done is key:
                    break
                result[done] = same
        if result is not None:
            result[key if type(key) is str else str(key)] = new
    return value if result is None else result


def _plain_list(value: list | tuple) -> list:
    result = None if type(value) is list else []
    for position, item in enumerate(value):
        kind = type(item)
        if kind is str or kind is int or kind is bool or item is None:
            new = item
        elif kind is float:
            new = item if item - item == 0 else None
        elif kind is dict:
            new = _plain_dict(item)
        elif kind is list:
            new = _plain_list(item)
        elif kind is Reason:
            new = item
        else:
            new = json_ready(item)
        if result is None and new is not item:
            result = value[:position]
        if result is not None:
            result.append(new)
    return value if result is None else result


def _plain_other(value: Any) -> Any:
    if hasattr(value, "words"):  # a reason kept as a code, worded when shown or written
        return value
    if isinstance(value, dict):
        return _plain_dict(value)
    if isinstance(value, list | tuple):
        return _plain_list(value)
    if isinstance(value, set | frozenset):
        return [json_ready(v) for v in sorted(value)]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return value
