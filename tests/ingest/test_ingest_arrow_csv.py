"""CSV files read by Arrow's reader give exactly what the ``csv`` module gave.

:func:`ecomap.ingest.readers.read_csv` parses a file with Apache Arrow's C++ reader
when Arrow reads it as the ``csv`` module would, and with the ``csv`` module otherwise
(:func:`~ecomap.ingest.readers._arrow_columns`). These tests read the same bytes both
ways and compare everything a table holds: its header, each row's line, each cell, the
custom columns, the issues. The recorded corpus of ``test_ingest_reading_guard`` is
also read with the ``csv`` module alone and must give what was recorded.
"""

from __future__ import annotations

import csv
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reading_corpus import OUTCOMES, all_outcomes, benchmark_map, digest

import ecomap.ingest.readers as readers
from ecomap.ingest import read_map
from ecomap.ingest.readers import read_csv, sniff_delimiter
from ecomap.model import RecordKind

RECORDED = json.loads(OUTCOMES.read_text(encoding="utf-8"))


def _seen(table, issues):
    """Everything a read table holds, as plain values."""
    if table is None:
        return None, [str(i) for i in issues]
    rows = [(r.line, r.values, r.columns, r.extra) for r in table.rows]
    return (table.file, table.columns, table.header_line, rows), [str(i) for i in issues]


@pytest.fixture(autouse=True)
def _arrow_for_any_size(monkeypatch):
    """Arrow reads files of any size here (by default only large ones)."""
    monkeypatch.setattr(readers, "ARROW_CSV_MIN_CHARS", 0)


def _both(monkeypatch, data: bytes, kind=RecordKind.ACTOR):
    with_arrow = _seen(*read_csv(data, kind, "actors.csv"))
    with monkeypatch.context() as patched:
        patched.setattr(readers, "ARROW_CSV", False)
        with_csv = _seen(*read_csv(data, kind, "actors.csv"))
    return with_arrow, with_csv


def _by_arrow(text: str) -> bool:
    return readers._arrow_columns(text, sniff_delimiter(text)) is not None


#: Texts whose every quirk the ``csv`` module and Arrow must read alike, and which
#: Arrow reads (the others are left to the ``csv`` module: see the test below).
READ_BY_ARROW = {
    "plain": "id,name,kind\na,Ana,personne\nb,Bob,person\n",
    "semicolons, no last line end": "id;nom;nature\na;Ana;personne\nb;Bob;person",
    "windows line ends": "id,name,kind\r\na,Ana,person\r\nb,Bob,person\r\n",
    "old mac line ends": "id,name,kind\ra,Ana,person\rb,Bob,person\r",
    "blank lines between and after": "id,name,kind\n\na,Ana,person\n\n\nb,Bob,person\n\n",
    "a cell over three lines": 'id,name,kind,notes\na,Ana,person,"one\ntwo\r\nthree"\nb,Bob,person,\n',
    "a blank line in a cell": 'id,name,kind,notes\na,Ana,person,"one\n\ntwo"\nb,Bob,person,x\n',
    "quotes inside": 'id,name,kind\na,"Ana ""la"" grande",person\nb,Bo"b,person\n',
    "a quote after a quoted text": 'id,name,kind\na,"Ana"x,person\nb, "Bob",person\n',
    "delimiters in quotes": 'id,name,kind\na,"Dupont, Ana",person\nb,"x;y",person\n',
    "apostrophes that restore to the same text": "id,name,kind\na,'=1,person\nb,=1,person\n"
    "c,'tis,person\n",
    "an apostrophe in the header": "'id,name,kind\na,Ana,person\n",
    "custom columns": "id,name,kind,Mon champ,Autre\na,Ana,person,x,\nb,Bob,person,,y\n",
    "a column without a header": "id,name,kind,\na,Ana,person,\nb,Bob,person,lost\n",
    "a repeated column": "id,name,kind,nom\na,Ana,person,Anna\n",
    "blank cells only": "id,name,kind,notes\n,,,\n , ,\t,\n",
    "the header alone": "id,name,kind\n",
    "spaces around": "id , name,kind\n a , Ana ,person \n",
    "a nul and a line separator": "id,name,kind\na,A\x00na,person\nb,B\u2028ob,person\n",
    "tabs": "id\tname\tkind\na\tAna\tperson\n",
    "one column": "id\na\n   \nb\n",
}

#: Texts the ``csv`` module reads its own way, which Arrow leaves to it.
READ_BY_THE_CSV_MODULE = {
    "a short row": "id,name,kind\na,Ana\nb,Bob,person\n",
    "a long row": "id,name,kind\na,Ana,person,extra\n",
    "a line of spaces": "id,name,kind\n   \na,Ana,person\n",
    "blank lines before the header": "\n\nid,name,kind\na,Ana,person\n",
    "a quote left open": 'id,name,kind\na,"Ana,person\nb,Bob,person\n',
    "a cell over the csv module's limit": "id,name,kind\na," + "x" * 140_000 + ",person\n",
    "a carriage return alone in a cell": "id,name,kind\na,A\rna,person\n",
    "empty": "",
}


@pytest.mark.parametrize("case", sorted(READ_BY_ARROW))
def test_arrow_reads_these_as_the_csv_module(monkeypatch, case):
    text = READ_BY_ARROW[case]
    assert _by_arrow(text)
    with_arrow, with_csv = _both(monkeypatch, text.encode("utf-8"))
    assert with_arrow == with_csv


@pytest.mark.parametrize("case", sorted(READ_BY_THE_CSV_MODULE))
def test_the_csv_module_reads_the_others(monkeypatch, case):
    text = READ_BY_THE_CSV_MODULE[case]
    assert not _by_arrow(text)
    with_arrow, with_csv = _both(monkeypatch, text.encode("utf-8"))
    assert with_arrow == with_csv


def test_a_cell_over_the_limit_is_still_refused():
    table, [issue] = read_csv(
        READ_BY_THE_CSV_MODULE["a cell over the csv module's limit"].encode(),
        RecordKind.ACTOR,
        "actors.csv",
    )
    assert table is None and "field larger than field limit" in issue.message
    assert csv.field_size_limit() < 140_000


def test_lines_count_as_a_spreadsheet_shows_them():
    text = READ_BY_ARROW["a cell over three lines"] + 'c,Cy,person,"a\nb"\n\nd,Di,person,\n'
    table, _ = read_csv(text.encode(), RecordKind.ACTOR, "actors.csv")
    assert [r.line for r in table.rows] == [2, 3, 4, 6]
    assert table.rows[0].values["notes"] == "one\ntwo\r\nthree"


def test_encodings_and_byte_order_marks(monkeypatch):
    text = "id;nom;nature\na;Église;collectivité\n"
    for data in (
        text.encode("utf-8-sig"),
        text.encode("cp1252"),
        text.encode("utf-16"),
    ):
        with_arrow, with_csv = _both(monkeypatch, data)
        assert with_arrow == with_csv
        assert with_arrow[0][3][0][1] == {"id": "a", "name": "Église", "kind": "collectivité"}


def test_the_benchmark_map_is_read_by_arrow(tmp_path):
    folder = benchmark_map(tmp_path, 300)
    for name in ("actors.csv", "relations.csv"):
        assert _by_arrow((folder / name).read_text(encoding="utf-8"))
    eco, _ = read_map(folder)
    assert len(eco.relations) > 1000


#: Characters that make CSV hard: delimiters, quotes, line ends, blanks, apostrophes.
_CHARACTERS = st.sampled_from(list("ab,;\"\n\r \t'=é") + ["\r\n", "p1", "personne"])


@st.composite
def csv_texts(draw) -> str:
    """A CSV text of three columns, its cells quoted or not, with any characters: most
    are read by Arrow, some (a delimiter or line end in a bare cell) by the csv module."""
    delimiter = draw(st.sampled_from([",", ";"]))
    lines = [delimiter.join(["id", "name", "kind"])]
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.sampled_from(["", " "])))
            continue
        cells = []
        for _ in range(3):
            text = "".join(draw(st.lists(_CHARACTERS, max_size=5)))
            if draw(st.booleans()):
                text = '"' + text.replace('"', '""') + '"'
            elif draw(st.integers(0, 3)):
                text = text.translate({ord(c): None for c in '\r\n,;"'})
            cells.append(text)
        lines.append(delimiter.join(cells))
    ends = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return ends.join(lines) + draw(st.sampled_from(["", ends]))


@given(csv_texts())
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_text_reads_the_same_both_ways(monkeypatch, text):
    with_arrow, with_csv = _both(monkeypatch, text.encode("utf-8"))
    assert with_arrow == with_csv


def test_most_of_those_texts_are_read_by_arrow():
    """The texts above test Arrow's reading, not only the csv module's."""
    read = []

    @given(csv_texts())
    @settings(max_examples=200, deadline=None, derandomize=True)
    def count(text):
        read.append(_by_arrow(text))

    count()
    assert sum(read) > len(read) / 2


@pytest.mark.parametrize("arrow", [True, False], ids=["by Arrow", "by the csv module"])
def test_the_corpus_reads_as_recorded(monkeypatch, tmp_path, arrow):
    """The recorded outcomes hold with every CSV file read by Arrow when it can, and
    with the ``csv`` module alone."""
    monkeypatch.setattr(readers, "ARROW_CSV", arrow)
    found = all_outcomes(tmp_path)
    assert {name: digest(value) for name, value in found.items()} == RECORDED["cases"]


def test_large_files_only_are_read_by_arrow(monkeypatch):
    monkeypatch.setattr(readers, "ARROW_CSV_MIN_CHARS", 100)
    used = []
    original = readers._arrow_columns
    monkeypatch.setattr(readers, "_arrow_columns", lambda *a: used.append(1) or original(*a))
    small = READ_BY_ARROW["plain"]
    large = small + "".join(f"x{i},X,person\n" for i in range(10))
    assert read_csv(small.encode(), RecordKind.ACTOR, "actors.csv")[0] is not None
    assert used == []
    assert len(read_csv(large.encode(), RecordKind.ACTOR, "actors.csv")[0]) == 12
    assert used == [1]
