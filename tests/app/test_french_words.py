"""No English word the project controls is left in the French interface: every page is
run in French (AppTest) and everything it renders — titles, text, labels, help texts,
placeholders, options, table headers, cells and tooltips, the map's hover texts — is
scanned for English words."""

from __future__ import annotations

import json
import re

import pytest
from app_helpers import map_html, network_data, open_page, shown_text
from google.protobuf.json_format import MessageToDict
from test_pages import PAGES

from ecomap import glossary

#: English words (and spellings) that must not appear in the French interface.
ENGLISH = (
    "the", "and", "of", "with", "to", "is", "are", "none", "nan", "null", "true", "false",
    "bus factor", "betweenness", "effective size", "constraint", "brokerage", "leverage",
    "driver", "drivers", "follower", "followers", "contributor", "distant", "error",
    "errors", "warning", "link", "links", "actor", "actors", "stake", "stakes", "space",
    "spaces", "relation type", "member_of", "part_of", "cooperates", "participates",
    "steering", "committee", "power_type", "person", "people", "organisation(s)",
    "dominates", "weaker", "counterweight", "counterweights", "reasons", "why", "yes", "no",
    "row", "rows", "search", "choose", "save", "delete", "undo", "show", "level", "levels",
)  # fmt: skip
_PATTERN = re.compile(
    r"(?<![\w'’-])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w'’-])", re.I
)
#: Where English is meant: the language switch offers "English" by its own name.
_ALLOWED = {"Langue · Language", "English", "Français"}
#: Proto fields that are not text a user reads.
_SKIPPED = {"id", "formId", "key", "icon", "data", "srcdoc", "type", "url", "src", "format",
            "widgetId", "useContainerWidth", "color", "spec", "datasets", "selectionMode",
            "fragmentId", "scriptHash", "pageScriptHash", "urlPath", "iconName",
            "columnOrder", "dtype", "vegaLiteChartId"}  # fmt: skip


def _column_texts(columns: str) -> list[str]:
    """The headers and tooltips of a table's column configuration (JSON): the options of
    a drop-down column are stored values, shown through the page's labels."""
    config = json.loads(columns or "{}")
    return [str(c.get(k) or "") for c in config.values() for k in ("label", "help")]


def _strings(value, into: list[str]) -> None:
    if isinstance(value, str):
        into.append(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            if k == "columns" and isinstance(v, str):
                into += _column_texts(v)
            elif k not in _SKIPPED:
                _strings(v, into)
    elif isinstance(value, list):
        for v in value:
            _strings(v, into)


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def rendered_text(at) -> list[str]:
    """Every string the page renders, as the user reads it."""
    found: list[str] = []
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "DESCRIPTOR"):
            continue
        if node.type in ("arrow_data_frame", "arrow_table") and not proto.editing_mode:
            frame = node.value
            found += [str(c) for c in frame.columns]
            found += [str(v) for v in frame.astype(str).to_numpy().ravel()]
            found += _column_texts(proto.columns)
            continue
        if node.type in ("iframe", "html", "arrow_vega_lite_chart", "vega_lite_chart"):
            continue
        _strings(MessageToDict(proto), found)
    # A reference is cited in its own language (paper titles are English), and proto
    # enum names (NONE, VISIBLE) are not shown.
    references = {t.reference for t in glossary.TERMS.values() if t.reference}
    shown = []
    for text in found:
        text = shown_text(text)
        for reference in references:
            text = text.replace(reference.rstrip("."), "")
        if text and text not in _ALLOWED and not re.fullmatch(r"[A-Z_]+", text):
            shown.append(text)
    return shown


def english_words(strings: list[str]) -> list[tuple[str, str]]:
    return [(m.group(1), s[:120]) for s in strings for m in _PATTERN.finditer(s)]


def test_the_scanner_finds_english():
    assert english_words(["Le facteur bus", "3 drivers overloaded", "None"]) == [
        ("drivers", "3 drivers overloaded"), ("None", "None"),
    ]  # fmt: skip
    assert english_words(["l'acteur est un moteur", "taux de 10 %"]) == []


@pytest.mark.parametrize("page", list(PAGES))
def test_no_english_word_in_the_french_page(app, page):
    at = open_page(app, page)
    assert not at.exception, [e.value for e in at.exception]
    strings = rendered_text(at)
    if page == "map":
        html = map_html(at)
        strings += [str(n.get("title", "")) for n in network_data(html, "nodes")]
        strings += [str(e.get("title", "")) for e in network_data(html, "edges")]
    assert len(strings) > 10
    assert english_words(strings) == []


def test_the_scan_reads_the_whole_page(app):
    """The same page in English is full of the words above: the scan does see what the
    page renders (headers, tooltips, cells, sidebar), not an empty shell."""
    at = open_page(app, "bridges")
    french = rendered_text(at)
    assert any("Terme technique : centralité d'intermédiarité" in s for s in french)
    assert "Langue · Language" not in french  # allowed, so left out
    at.radio(key="lang").set_value("en").run()
    found = {word.lower() for word, _ in english_words(rendered_text(open_page(at, "bridges")))}
    assert {"the", "actor", "betweenness"} <= found
