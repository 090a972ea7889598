"""Reading column by column gives exactly what reading row by row gave.

``reading_outcomes.json`` holds what reading each map of ``reading_corpus`` gave
before the column-wise checks (:mod:`ecomap.ingest.column_checks`) existed: every
issue with its file, line, column, value, message and place in the list, and the
validated map down to each value's type and the fields each record was given. The
first test reads the corpus again and compares. The others mutate cells of good maps
at random (bad values, blanks, markers, repeated and missing ids…) and compare the
reading of today with the row-by-row reading that every row went through before,
on CSV, JSON and as a patch on a stored map.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reading_corpus import (
    CSV_CASES,
    OUTCOMES,
    STORED_ACTORS,
    STORED_RELATIONS,
    all_outcomes,
    benchmark_map,
    digest,
    map_outcome,
    outcome,
    recorded,
)

import ecomap.ingest.validation as validation
from ecomap.errors import InputError
from ecomap.ingest import read_bytes, read_map

RECORDED = json.loads(OUTCOMES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def outcomes_now(tmp_path_factory):
    return all_outcomes(tmp_path_factory.mktemp("corpus"))


@pytest.mark.parametrize("case", sorted(RECORDED["cases"]))
def test_the_corpus_reads_as_it_did(case, outcomes_now):
    now = outcomes_now[case]
    expected = RECORDED["cases"][case]
    if digest(now) != expected and expected in RECORDED["outcomes"]:
        assert now == RECORDED["outcomes"][expected]  # shows where they differ
    assert digest(now) == expected


def test_the_corpus_covers_every_kind_of_problem():
    """The recorded outcomes hold each message the validators give on cells and rows."""
    messages = {
        issue[4]
        for kept in RECORDED["outcomes"].values()
        for issue in kept.get("error", []) + kept.get("warnings", [])
    }
    for expected in (
        "expected one of: person, organisation, institution",
        "expected a number from 0 to 5",
        "expected a number",
        "expected a finite number",
        "expected true/false, yes/no, oui/non, vrai/faux or 1/0",
        "expected a date as 2026-03-01 or 01/03/2026, the year in four digits",
        "a value is needed",
        "a relation cannot link 'i1' to itself",
        "a stake relation needs a stance from -2 to 2",
        "the role in a participates relation is one of: member, facilitator",
        "until (2026-02-01) is before since (2026-03-01)",
        "no actor, stake or space has the id 'ghost'",
        "'o1' is not a stake: the stake of a tension is the id of a stake of the map",
        "values in a column without a header were ignored",
        "expected a number of at least 0",
    ):
        assert expected in messages, expected
    assert any(m.startswith("a power relation needs a power_type") for m in messages)
    assert any(m.startswith("missing column 'kind'") for m in messages)
    assert any(m.startswith("the id 'o1' is already used by an actor") for m in messages)
    assert any(m.startswith("this relation is already at") for m in messages)
    assert any(m.startswith("expected source of a member_of relation") for m in messages)
    assert any(m.startswith("this change breaks the stored relation") for m in messages)
    assert any(m.startswith("custom columns kept as they are") for m in messages)


def test_the_recording_is_up_to_date(outcomes_now):
    """What ``python tests/ingest/reading_corpus.py`` would write is what is kept."""
    assert recorded(outcomes_now)["cases"] == RECORDED["cases"]


# -- random mutations: column-wise against row by row --------------------------------


def _row_by_row(monkeypatch):
    """Make every row go through the row-by-row validation, as before the column checks."""
    monkeypatch.setattr(
        validation, "checked_records", lambda kind, table, onto, model: [None] * len(table)
    )


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


#: Cell texts that exercise every reader and rule: good and bad values of each type,
#: blanks, markers, formulas, ids of other rows.
TRICKY = [
    "", " ", "  x  ", "(vide)", " (EMPTY) ", "écrit (vide)", "'=1+1", "'tis", "=SUM(A1)",
    "person", "Personne", "structure", "collectivité", "alien", "micro", "méso", "giga",
    "moteur", "Suiveuse", "boss", "member_of", "coopère", "power", "pouvoir", "stake", "enjeu",
    "tension", "participates", "complements", "conflicts", "part_of", "likes",
    "politique", "Technical", "magic", "mutualisation", "together", "public", "privé", "comité",
    "membre", "animatrice", "chef", "comité de pilotage", "REX", "autre",
    "0", "1", "2", "3", "4", "5", "6", "-1", "−1", "−2", "2,5", "1.5", "1 5", "1e1", "1_0", "inf",
    "-inf", "nan", "1e999", "91", "-181", "−0", "abc", "12..5",
    "oui", "Non", "vrai", "FAUX", "true", "no", "y", "X", "peut-être",
    "2026-03-01", "01/03/2026", "1/3/2026", "31/02/2026", "01/03/26", "2026-13-01",
    "2026-03-01T10:30:00", "2026-03-01T99:99", "20260301", "1700000000",
    "a|b", "|", " a | b |",
    "p1", "p2", "p3", "o1", "o2", "o3", "i1", "i2", "s1", "s2", "sp1", "sp2", "ghost", "R1", " R1 ",
]  # fmt: skip


@st.composite
def mutated(draw, text: str) -> str:
    """A CSV text with a few cells replaced (and sometimes a row doubled or dropped)."""
    rows = _rows(text)
    header, body = rows[0], rows[1:]
    for _ in range(draw(st.integers(1, 6))):
        if not body:
            break
        row = draw(st.integers(0, len(body) - 1))
        column = draw(st.integers(0, len(header) - 1))
        value = draw(st.sampled_from(TRICKY) | st.text(max_size=4))
        body[row] = [*body[row], *[""] * (len(header) - len(body[row]))]
        body[row][column] = value
    if body and draw(st.booleans()):
        body.append(list(body[draw(st.integers(0, len(body) - 1))]))
    if len(body) > 1 and draw(st.booleans()):
        body.pop(draw(st.integers(0, len(body) - 1)))
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=draw(st.sampled_from([",", ";"]))).writerows([header, *body])
    return out.getvalue()


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


def _read(data: bytes, name: str, onto=None):
    try:
        eco, warnings = read_bytes(data, name, onto=onto)
    except InputError as error:
        return ("error", [str(i) for i in error.issues], [str(i) for i in error.warnings])
    return ("map", map_outcome(eco), [str(i) for i in warnings])


def _both(monkeypatch, data: bytes, name: str, onto=None):
    now = _read(data, name, onto)
    with monkeypatch.context() as patched:
        _row_by_row(patched)
        before = _read(data, name, onto)
    return now, before


def _stored():
    files = {"actors.csv": STORED_ACTORS, "relations.csv": STORED_RELATIONS}
    return read_bytes(_zip(files), "stored.zip")[0]


STORED = _stored()
GOOD = CSV_CASES["good"]
SETTINGS = {"deadline": None, "suppress_health_check": list(HealthCheck)}


@given(st.data())
@settings(max_examples=120, **SETTINGS)
def test_mutated_csv_maps_read_the_same(monkeypatch, data):
    files = {
        name: data.draw(mutated(text)) if data.draw(st.booleans()) else text
        for name, text in GOOD.items()
    }
    onto = data.draw(st.sampled_from([None, STORED]))
    now, before = _both(monkeypatch, _zip(files), "m.zip", onto)
    assert now == before


@given(st.data())
@settings(max_examples=40, **SETTINGS)
def test_mutated_patches_read_the_same(monkeypatch, data):
    """Rows that patch stored records, new rows and markers mixed, read onto the store."""
    files = {
        "actors.csv": data.draw(mutated(STORED_ACTORS + GOOD["actors.csv"].split("\n", 1)[1])),
        "relations.csv": data.draw(mutated(STORED_RELATIONS)),
    }
    now, before = _both(monkeypatch, _zip(files), "m.zip", STORED)
    assert now == before


_JSON_VALUES = (
    st.sampled_from(TRICKY)
    | st.none()
    | st.booleans()
    | st.integers(-3, 6)
    | st.floats(-200, 200)
    | st.lists(st.sampled_from(["a", " b", "", "(vide)"]), max_size=3)
    | st.text(max_size=3)
)


@given(st.data())
@settings(max_examples=60, **SETTINGS)
def test_mutated_json_maps_read_the_same(monkeypatch, data):
    good = json.loads(read_bytes_json())
    for _ in range(data.draw(st.integers(1, 6))):
        records = good[data.draw(st.sampled_from(["actors", "relations", "spaces", "stakes"]))]
        if not records:
            continue
        record = records[data.draw(st.integers(0, len(records) - 1))]
        field = data.draw(st.sampled_from(sorted(record) + ["lat", "weight", "\ud800"]))
        record[field] = data.draw(_JSON_VALUES | st.just("\udc00x"))
    text = json.dumps(good, ensure_ascii=True).encode()
    now, before = _both(monkeypatch, text, "m.json")
    assert now == before


def read_bytes_json() -> str:
    from ecomap.ingest import map_bytes

    eco, _ = read_bytes(_zip(GOOD), "good.zip")
    return map_bytes(eco, "json").decode("utf-8")


def test_the_benchmark_map_reads_the_same_row_by_row(monkeypatch, tmp_path):
    folder = benchmark_map(tmp_path, 300)
    now = outcome(folder, None)
    with monkeypatch.context() as patched:
        _row_by_row(patched)
        before = outcome(folder, None)
    assert now == before
    assert "map" in now


def test_the_column_checks_make_the_records(monkeypatch, tmp_path):
    """A good map's rows become records without the row-by-row validation."""
    folder = benchmark_map(tmp_path, 300)
    calls = []
    original = validation.record_from_row
    monkeypatch.setattr(
        validation, "record_from_row", lambda *a, **k: calls.append(a) or original(*a, **k)
    )
    eco, _ = read_map(folder)
    assert len(eco.relations) > 1000 and calls == []


#: Relations files whose columns hold one value from top to bottom (checked as one
#: value, not cell by cell), good and bad.
_ONE_VALUE_COLUMNS = {
    "every power without its type": "source,target,type\np1,o1,power\np2,o2,power\n",
    "every power with its type": "source,target,type,power_type\np1,o1,power,technique\n"
    "p2,o2,power,technique\n",
    "every stake without its stance": "source,target,type,stance\np1,s1,enjeu,\np2,s2,enjeu,\n",
    "every stake with one stance": "source,target,type,stance\np1,s1,stake,1\np2,s2,stake,1\n",
    "every role in a space": "source,target,type,role\np1,sp1,participates,animatrice\n"
    "p2,sp2,participe à,animatrice\n",
    "every role wrong": "source,target,type,role\np1,sp1,participates,chef\np2,sp2,participates,chef\n",
    "one date range, backwards": "source,target,type,since,until\np1,o1,member_of,2026-03-01,"
    "2026-02-01\np2,o2,member_of,2026-03-01,2026-02-01\n",
    "one date range": "source,target,type,since,until\np1,o1,member_of,01/03/2026,2026-04-01\n"
    "p2,o2,member_of,01/03/2026,2026-04-01\n",
    "a loop on each row": "source,target,type\np1,p1,cooperates\n p1 ,p1,cooperates\n",
    "one type, a bad one": "source,target,type\np1,o1,likes\np2,o2,likes\n",
    "every end of the wrong kind": "source,target,type\no1,p1,member_of\no2,p2,member_of\n",
    "one relation twice": "source,target,type\np1,o1,member_of\np1,o1,membre de\n",
    "one cooperation both ways": "source,target,type\np1,p2,cooperates\np2,p1,coopère\n",
    "one tension on a stake": "source,target,type,stake\np1,p2,tension,s1\np2,p3,tension,s1\n",
    "one tension on a node": "source,target,type,stake\np1,p2,tension,o1\np2,p3,tension,o1\n",
    "one id twice": "id,source,target,type\nR1,p1,o1,member_of\nR1,p2,o2,member_of\n",
}


@pytest.mark.parametrize("case", sorted(_ONE_VALUE_COLUMNS))
@pytest.mark.parametrize("onto", [None, STORED], ids=["new", "onto the store"])
def test_columns_of_one_value_read_the_same(monkeypatch, case, onto):
    files = {**GOOD, "relations.csv": _ONE_VALUE_COLUMNS[case]}
    files["stakes.csv"] = "id,name\ns1,Marché\ns2,Alimentation\n"
    files["spaces.csv"] = "id,name\nsp1,COPIL\nsp2,REX\n"
    now, before = _both(monkeypatch, _zip(files), "m.zip", onto)
    assert now == before
    if case in ("every power with its type", "one date range", "every role in a space"):
        assert now[0] == "map"
    if case in ("every power without its type", "a loop on each row", "one relation twice"):
        assert now[0] == "error"
