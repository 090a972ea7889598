"""A tiny run of the benchmark harness (the real runs are not part of the suite)."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter
from pathlib import Path

from benchmarks.generate import generate, write
from ecomap.ingest import read_map

ROOT = Path(__file__).resolve().parent.parent


def test_generator_is_seeded_and_valid(tmp_path):
    a, b = generate(600, seed=3), generate(600, seed=3)
    assert a == b
    assert generate(600, seed=4) != a
    folder = write(a, tmp_path / "map")
    eco, _ = read_map(folder)
    nodes = len(eco.actors) + len(eco.stakes) + len(eco.spaces)
    assert 550 <= nodes <= 650
    # Shaped like the ecosystems the targets speak of: about 4–6 relations per node,
    # every relation type but conflicts, people in organisations in institutions.
    assert 4 <= len(eco.relations) / nodes <= 6
    # Boundary spanners: the best-connected person carries several times the
    # cooperations of the median one.
    degree = Counter()
    for r in eco.relations.values():
        if r.type == "cooperates":
            degree.update([r.source, r.target])
    people = sorted(degree[a] for a, actor in eco.actors.items() if actor.kind == "person")
    assert people[-1] >= 4 * people[len(people) // 2]
    types = {r.type.value for r in eco.relations.values()}
    assert {"member_of", "part_of", "cooperates", "power", "tension", "stake",
            "participates"} <= types  # fmt: skip
    with open(folder / "actors.csv", encoding="utf-8") as f:
        kinds = {row["kind"] for row in csv.DictReader(f)}
    assert kinds == {"person", "organisation", "institution"}


def test_runner_smoke(tmp_path):
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--sizes", "300", "--repeat", "1", "--accuracy",
         "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "ecomap analyse" in done.stdout and "ratio to the baseline" in done.stdout
    import json

    (result,) = json.loads(out.read_text())
    assert result["relations"] > 0 and result["analyse"] > 0 and result["baseline"]["total"] > 0
    assert set(result["sections"]) >= {"fragile_links", "bridges", "imbalances"}
    # CPU time is measured beside wall time for every step and every section.
    assert set(result["cpu"]) >= {"read", "to_graph", "analyse", "sqlite_import", "sqlite_noop"}
    assert set(result["sections_cpu"]) == set(result["sections"])
    assert 0 < result["cpu"]["analyse"] and result["baseline_cpu"]["total"] > 0
    # The command's two outputs, from the graph, are timed and set against the baseline.
    assert result["cli_summary"] > 0 and result["cli_json"] > 0
    assert set(result["ratios"]) == {"analyse", "cli_summary", "cli_json"}
    assert all(r["wall"] > 0 and r["cpu"] > 0 for r in result["ratios"].values())
    # Re-importing the unchanged map logged nothing.
    assert result["noop_is_noop"] is True
    # 300 nodes is below the exact limit: the "sampled" betweenness is the exact one.
    accuracy = result["betweenness_accuracy"]
    assert accuracy["samples"] is None and accuracy["overlap_min"] == 1.0
