"""``analyse(rows=N)``: only the rows a summary prints are made, and they are the same.

The terminal summary prints the first rows of each table; the analyses then rank every
row but make the records (and their reasons) of those first rows only. What they make
must be exactly the first rows of the whole table, with the whole table's length.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from benchmarks.generate import generate, write
from ecomap.analysis import analyse, json_ready
from ecomap.analysis.health import KEYS, health
from ecomap.analysis.reasons import Shown, in_words
from ecomap.graph import to_graph
from ecomap.ingest import read_map
from ecomap.model import Actor, Ecosystem, Relation

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 6, 1)
#: Parts printed as counts only when rows are asked for.
FOLDS = ("meso", "macro")


@pytest.fixture(scope="module")
def maps(tmp_path_factory) -> dict[str, Ecosystem]:
    folder = write(generate(600, seed=3), tmp_path_factory.mktemp("bench") / "map-600")
    return {
        "sample": read_map(ROOT / "data" / "territoire-vallee")[0],
        "generated": read_map(folder)[0],
    }


def _same(whole, shown, lang, path=""):
    """Every table of ``shown`` is the start of the same table in ``whole``."""
    if isinstance(shown, Shown):
        assert isinstance(whole, list) and not isinstance(whole, Shown), path
        assert shown.total == len(whole), path
        assert json_ready(in_words(list(shown), lang)) == json_ready(
            in_words(whole[: len(shown)], lang)
        ), path
        assert len(shown) == min(len(whole), 5), path
    elif isinstance(shown, dict):
        assert list(shown) == list(whole), path
        for key, value in shown.items():
            if key in FOLDS and isinstance(value, dict) and path.endswith("levels"):
                # A folded map is only counted: its counts are the whole fold's.
                assert value == {k: whole[key][k] for k in ("nodes", "edges", "internal_ties")}
            else:
                _same(whole[key], value, lang, f"{path}/{key}")
    else:
        assert json_ready(in_words(shown, lang)) == json_ready(in_words(whole, lang)), path


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", ["sample", "generated"])
def test_the_rows_made_are_the_first_rows_of_every_table(maps, name, lang):
    whole = analyse(to_graph(maps[name]), as_of=DAY, lang=lang, words=False)
    shown = analyse(to_graph(maps[name]), as_of=DAY, lang=lang, words=False, rows=5)
    _same(whole, shown, lang)
    # Some tables are longer than what is shown: the count of the rest is what tells.
    assert any(isinstance(v, Shown) and v.total > len(v) for v in shown.values()), name


def test_rows_needs_codes_and_a_positive_number(maps):
    G = to_graph(maps["sample"])
    with pytest.raises(ValueError, match="rows"):
        analyse(G, rows=5)
    with pytest.raises(ValueError, match="rows"):
        analyse(G, words=False, rows=0)


def _scored_map(scores: dict[tuple[str, str], dict[str, float]]) -> Ecosystem:
    eco = Ecosystem()
    for actor in sorted({a for pair in scores for a in pair}):
        eco.add(Actor(id=actor, name=actor.upper(), kind="organisation"))
    for (a, b), given in scores.items():
        eco.add(Relation(source=a, target=b, type="cooperates",
                         **{f"acter_{k}": v for k, v in given.items()}))  # fmt: skip
    return eco


@pytest.mark.parametrize(
    "scores",
    [
        # Whole numbers (what the map's files hold), summed at once.
        {("a", "b"): {"agree": 3, "trust": 1}, ("a", "c"): {"agree": 2, "know": 3},
         ("b", "c"): {"trust": 0, "share": 2}},
        # Any other number: each key's mean as math.fsum gives it.
        {("a", "b"): {"agree": 0.1, "trust": 1.5}, ("a", "c"): {"agree": 0.2, "know": 2.5},
         ("b", "c"): {"agree": 0.7, "share": 2}},
    ],
)  # fmt: skip
def test_each_actors_key_means_are_the_exact_means_of_its_scores(scores):
    profiles = {p["actor"]: p for p in health(to_graph(_scored_map(scores)))["actors"]}
    for actor, profile in profiles.items():
        mine = [given for pair, given in scores.items() if actor in pair]
        for key in KEYS:
            values = [float(given[key]) for given in mine if key in given]
            expected = math.fsum(values) / len(values) if values else None
            assert profile["scores"][key] == expected, (actor, key)
        means = [m for m in profile["scores"].values() if m is not None]
        assert profile["mean"] == math.fsum(means) / len(means)
