"""Property-based tests: garbled files fail cleanly; valid maps survive every format.

Example counts are modest so that the ingest tests stay well under a minute; the CI
profile of ``tests/conftest.py`` derandomises them.
"""

from __future__ import annotations

import io
import json
import os
import zipfile

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_samples import full_map

from ecomap.errors import InputError
from ecomap.ingest import map_bytes, read_bytes
from ecomap.ingest.columns import COLUMN_ALIASES, fold_header
from ecomap.ingest.validation import CLEAR_MARKERS
from ecomap.model import (
    ENDPOINTS,
    Actor,
    ActorKind,
    CooperationMode,
    Ecosystem,
    Engagement,
    Level,
    ParticipationRole,
    PowerType,
    RecordKind,
    Relation,
    RelationType,
    Space,
    SpaceKind,
    Stake,
    Visibility,
)

# Timing is not what these tests check; in CI the profile has no deadline at all.
DEADLINE = None if os.environ.get("CI") else 10_000
SETTINGS = {"deadline": DEADLINE, "suppress_health_check": [HealthCheck.too_slow]}


def _fails_cleanly(data: bytes, filename: str) -> None:
    """Reading either gives a map or raises InputError: nothing else escapes."""
    try:
        read_bytes(data, filename)
    except InputError as error:
        assert error.issues, "an InputError always says what is wrong"


@st.composite
def garbled(draw, original: bytes) -> bytes:
    """``original`` truncated somewhere and with a few bytes overwritten."""
    data = bytearray(original)
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    for _ in range(draw(st.integers(0, 6))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


_MAP = full_map()


def _csv_files() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(map_bytes(_MAP, "csv-zip"))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


CSV_FILES = _csv_files()
XLSX = map_bytes(_MAP, "xlsx")
JSON = map_bytes(_MAP, "json")


@given(
    name=st.sampled_from(sorted(CSV_FILES)),
    data=st.one_of(st.binary(max_size=400), st.data()),
)
@settings(max_examples=150, **SETTINGS)
def test_garbled_csv_fails_cleanly(name, data):
    if not isinstance(data, bytes):
        data = data.draw(garbled(CSV_FILES[name]))
    _fails_cleanly(_zip({**CSV_FILES, name: data}), "upload.zip")


@given(st.one_of(st.binary(max_size=300), st.data()))
@settings(max_examples=60, **SETTINGS)
def test_garbled_zip_fails_cleanly(data):
    if not isinstance(data, bytes):
        data = data.draw(garbled(_zip(CSV_FILES)))
    _fails_cleanly(data, "upload.zip")


@given(st.one_of(st.text(max_size=300), st.data()))
@settings(max_examples=150, **SETTINGS)
def test_garbled_json_text_fails_cleanly(text):
    data = (
        text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text.draw(garbled(JSON))
    )
    _fails_cleanly(data, "map.json")


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
_FIELD_NAMES = st.sampled_from(
    sorted({name for table in COLUMN_ALIASES.values() for name in table.values()})
) | st.text(max_size=6)


@given(
    st.dictionaries(
        st.sampled_from(["actors", "relations", "stakes", "spaces", "acteurs"]),
        st.lists(st.dictionaries(_FIELD_NAMES, _JSON_VALUES, max_size=6) | _JSON_VALUES, max_size=4)
        | _JSON_VALUES,
        max_size=4,
    )
)
@settings(max_examples=100, **SETTINGS)
def test_odd_json_records_fail_cleanly(lists):
    """Well-formed JSON whose records hold anything at all: never a crash in validation."""
    document = {"format": "ecomap", "version": 1, **lists}
    _fails_cleanly(json.dumps(document).encode(), "map.json")


@given(st.data())
@settings(max_examples=40, **SETTINGS)
def test_garbled_xlsx_fails_cleanly(data):
    if data.draw(st.booleans()):
        _fails_cleanly(data.draw(garbled(XLSX)), "map.xlsx")
        return
    # Damage one XML part inside an otherwise sound archive: openpyxl parses it.
    with zipfile.ZipFile(io.BytesIO(XLSX)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    target = data.draw(st.sampled_from(sorted(parts)))
    parts[target] = data.draw(garbled(parts[target]))
    _fails_cleanly(_zip(parts), "map.xlsx")


# -- valid maps round-trip ----------------------------------------------------------

_CHARS = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cs", "Cn", "Co"), include_characters="\n\t"
)
#: Texts a map may hold. A clear marker (``(vide)``, ``(empty)``) is not one: in a file
#: it empties its cell on purpose (DESIGN.md §2), so it cannot come back as a value.
_TEXT = st.text(_CHARS, min_size=1, max_size=10).filter(
    lambda text: text.strip().casefold() not in CLEAR_MARKERS
)
_WORD = _TEXT.map(str.strip).filter(bool)
_OPTIONAL_TEXT = st.none() | _TEXT.filter(str.strip)
_DATES = st.dates()


def _optional(strategy):
    return st.none() | strategy


def _number(low, high):
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def _extras(kind: RecordKind):
    """Custom columns: names that no column of ``kind`` is known by; any non-empty text."""
    names = _WORD.filter(lambda n: fold_header(n) not in COLUMN_ALIASES[kind])
    return st.dictionaries(names, _TEXT, max_size=2)


@st.composite
def ecosystems(draw) -> Ecosystem:
    eco = Ecosystem()
    ids = draw(st.lists(_WORD, min_size=2, max_size=7, unique=True))
    for node_id in ids:
        what = draw(st.sampled_from([*ActorKind, RecordKind.STAKE, RecordKind.SPACE]))
        if what is RecordKind.STAKE:
            eco.add(
                Stake(id=node_id, name=draw(_WORD), description=draw(_OPTIONAL_TEXT),
                      extra=draw(_extras(RecordKind.STAKE)))
            )  # fmt: skip
        elif what is RecordKind.SPACE:
            eco.add(
                Space(
                    id=node_id, name=draw(_WORD), kind=draw(st.sampled_from(SpaceKind)),
                    frequency=draw(_optional(_number(0, 1e300))),
                    instituted=draw(st.booleans()), notes=draw(_OPTIONAL_TEXT),
                    extra=draw(_extras(RecordKind.SPACE)),
                )
            )  # fmt: skip
        else:
            eco.add(
                Actor(
                    id=node_id, name=draw(_WORD), kind=what,
                    level=draw(_optional(st.sampled_from(Level))),
                    category=draw(_OPTIONAL_TEXT), territory=draw(_OPTIONAL_TEXT),
                    role=draw(_OPTIONAL_TEXT), influence=draw(_optional(_number(0, 5))),
                    engagement=draw(_optional(st.sampled_from(Engagement))),
                    tags=draw(st.lists(_WORD.filter(lambda t: "|" not in t), max_size=3)),
                    notes=draw(_OPTIONAL_TEXT), lat=draw(_optional(_number(-90, 90))),
                    lon=draw(_optional(_number(-180, 180))),
                    extra=draw(_extras(RecordKind.ACTOR)),
                )
            )  # fmt: skip
    stakes = sorted(eco.stakes)
    for _ in range(draw(st.integers(0, 8))):
        rtype = draw(st.sampled_from(RelationType))
        allowed_sources, allowed_targets = ENDPOINTS[rtype]
        sources = [i for i in ids if eco.node_kind(i) in allowed_sources]
        source = draw(st.sampled_from(sources)) if sources else None
        targets = [i for i in ids if eco.node_kind(i) in allowed_targets and i != source]
        if source is None or not targets:
            continue
        since, until = sorted(draw(st.lists(_DATES, min_size=2, max_size=2)))
        fields = {
            "id": draw(_optional(_WORD)),
            "source": source,
            "target": draw(st.sampled_from(targets)),
            "type": rtype,
            "weight": draw(_number(1, 3)),
            "power_type": draw(
                st.sampled_from(PowerType) if rtype == "power" else _optional(st.sampled_from(PowerType))
            ),
            "stance": draw(_number(-2, 2) if rtype == "stake" else _optional(_number(-2, 2))),
            "formal": draw(_optional(st.booleans())),
            "mode": draw(_optional(st.sampled_from(CooperationMode))),
            "stake": draw(
                _optional(st.sampled_from(stakes)) if rtype == "tension" and stakes
                else st.none() if rtype == "tension" else _optional(_WORD)
            ),
            "role": draw(
                _optional(st.sampled_from(ParticipationRole).map(str))
                if rtype == "participates" else _OPTIONAL_TEXT
            ),
            "since": since if draw(st.booleans()) else None,
            "until": until if draw(st.booleans()) else None,
            "reported_by": draw(_OPTIONAL_TEXT),
            "visibility": draw(st.sampled_from(Visibility)),
            "notes": draw(_OPTIONAL_TEXT),
            "extra": draw(_extras(RecordKind.RELATION)),
            **{key: draw(_optional(_number(0, 3))) for key in (
                "acter_agree", "acter_know", "acter_trust", "acter_translate",
                "acter_evaluate", "acter_share",
            )},
        }  # fmt: skip
        relation = Relation(**fields)
        if relation.key not in eco.relations:
            eco.add(relation)
    return eco


@given(ecosystems())
@settings(max_examples=40, **SETTINGS)
def test_valid_maps_round_trip_through_every_format(eco):
    for fmt, name in (("csv-zip", "m.zip"), ("xlsx", "m.xlsx"), ("json", "m.json")):
        back, warnings = read_bytes(map_bytes(eco, fmt), name)
        assert back == eco, fmt
        assert all(w.severity == "warning" for w in warnings)
    for fmt, reader in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        G = reader(io.BytesIO(map_bytes(eco, fmt)))
        assert G.number_of_nodes() == len(eco.actors) + len(eco.stakes) + len(eco.spaces)
        assert G.number_of_edges() == len(eco.relations)
        assert {n: d["label"] for n, d in G.nodes(data=True)} == {
            i: eco.node(i).name for i in G.nodes
        }
