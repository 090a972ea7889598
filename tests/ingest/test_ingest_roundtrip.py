"""Round trips: what is written is read back unchanged, through every format in turn."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecomap.ingest import map_bytes, read_bytes, read_map, write_map
from ecomap.model import ACTER_KEYS, COLUMNS, RecordKind

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "territoire-vallee"


def test_the_full_map_uses_every_field(eco):
    """Guard for the round trip below: the sample map leaves no field unused."""
    for kind in RecordKind:
        used = {name for record in eco.records(kind).values() for name in record.record()}
        assert set(COLUMNS[kind]) <= used, set(COLUMNS[kind]) - used
    assert {r.type.value for r in eco.relations.values()} >= {
        "member_of", "part_of", "cooperates", "power", "tension", "stake", "participates",
        "complements", "conflicts",
    }  # fmt: skip
    assert all(any(getattr(r, k) is not None for r in eco.relations.values()) for k in ACTER_KEYS)
    assert all(any(r.extra for r in eco.records(kind).values()) for kind in RecordKind)


def test_folder_to_xlsx_to_json_to_folder(tmp_path, eco):
    write_map(eco, tmp_path / "first")
    step1, _ = read_map(tmp_path / "first")
    assert step1 == eco
    write_map(step1, tmp_path / "map.xlsx")
    step2, _ = read_map(tmp_path / "map.xlsx")
    assert step2 == eco
    write_map(step2, tmp_path / "map.json")
    step3, _ = read_map(tmp_path / "map.json")
    assert step3 == eco
    write_map(step3, tmp_path / "second")
    step4, _ = read_map(tmp_path / "second")
    assert step4 == eco
    for name in ("actors.csv", "relations.csv", "stakes.csv", "spaces.csv"):
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes()
    # Custom columns and every relation field survived, record by record.
    for kind in RecordKind:
        before = {k: r.record() for k, r in eco.records(kind).items()}
        after = {k: r.record() for k, r in step4.records(kind).items()}
        assert after == before


@pytest.mark.parametrize("fmt", ["csv-zip", "xlsx", "json"])
def test_downloads_read_back(eco, fmt):
    name = {"csv-zip": "map.zip", "xlsx": "map.xlsx", "json": "map.json"}[fmt]
    back, warnings = read_bytes(map_bytes(eco, fmt), name)
    assert back == eco
    assert all(w.severity == "warning" for w in warnings)


def test_sample_territory_round_trips(tmp_path):
    """The realistic sample map of data/ survives every format."""
    eco, _ = read_map(SAMPLE)
    assert eco.counts()["actors"] > 50
    for target in ("csv", "map.xlsx", "map.json", "map.zip"):
        write_map(eco, tmp_path / target)
        assert read_map(tmp_path / target)[0] == eco
