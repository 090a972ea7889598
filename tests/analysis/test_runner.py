"""The ``analyse`` runner and its plain-JSON pass."""

from __future__ import annotations

import copy
import gc
import json
import math
from datetime import date
from enum import StrEnum
from pathlib import Path

import numpy as np
import pytest

from ecomap.analysis import SECTIONS, analyse, json_ready
from ecomap.graph import to_graph
from ecomap.ingest import read_map

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 3, 1)


class Colour(StrEnum):
    RED = "red"


def test_json_ready_converts_what_json_cannot_hold():
    value = {
        "nan": float("nan"),
        "inf": [1.0, float("-inf")],
        "numpy": [np.float64(0.5), np.int64(3), np.float64("nan")],
        "set": {3, 1, 2},
        "tuple": (1, "a"),
        "date": date(2026, 3, 1),
        "enum": Colour.RED,
        2: "int key",
        "nested": [{"deep": (float("inf"), {"x": np.bool_(True)})}],
    }
    plain = json_ready(value)
    assert plain == {
        "nan": None,
        "inf": [1.0, None],
        "numpy": [0.5, 3, None],
        "set": [1, 2, 3],
        "tuple": [1, "a"],
        "date": "2026-03-01",
        "enum": "red",
        "2": "int key",
        "nested": [{"deep": [None, {"x": True}]}],
    }
    assert type(plain["numpy"][1]) is int and type(plain["enum"]) is str
    # Strict JSON (no NaN tokens) accepts it.
    json.dumps(plain, allow_nan=False)
    # The input is left as it was.
    assert math.isnan(value["nan"]) and value["set"] == {1, 2, 3}


def test_json_ready_keeps_plain_values_and_order():
    value = {"b": [1, "x", None, True, 2.5, {"c": [3]}], "a": {"z": 1, "y": 2}}
    plain = json_ready(value)
    assert plain == value
    assert list(plain) == ["b", "a"] and list(plain["a"]) == ["z", "y"]


@pytest.fixture(scope="module")
def sample_graph():
    eco, _ = read_map(ROOT / "data" / "territoire-vallee")
    return to_graph(eco)


def test_document_is_independent_of_later_runs(sample_graph):
    """Changing a returned document in place does not change what the next run returns
    (results must not share containers with what the analyses cache on the graph)."""
    first = analyse(sample_graph, as_of=DAY)
    reference = copy.deepcopy(first)

    def scramble(value):
        if isinstance(value, dict):
            for key in list(value):
                scramble(value[key])
            value["scrambled"] = True
        elif isinstance(value, list):
            for item in value:
                scramble(item)
            value.append("scrambled")

    scramble(first)
    assert analyse(sample_graph, as_of=DAY) == reference


def test_timings_and_collector(sample_graph):
    timings, cpu = {}, {}
    was = gc.isenabled()
    document = analyse(sample_graph, as_of=DAY, timings=timings, cpu_timings=cpu)
    assert gc.isenabled() == was
    assert set(timings) == set(cpu) == set(SECTIONS) | {"json"}
    assert all(t >= 0 for t in [*timings.values(), *cpu.values()])
    assert set(document) == set(SECTIONS) - {"health"} | {"health", "health_by_actor"}
    json.dumps(document, allow_nan=False)
