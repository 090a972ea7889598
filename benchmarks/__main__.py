"""Benchmark runner: ``python -m benchmarks [--sizes 1000,10000,100000] [--repeat 3]``.

For each size it generates a synthetic ecosystem (:mod:`benchmarks.generate`), then, in
a fresh process per run (so that peak memory is that run's own):

- reads the CSV folder (ingest + validation) and builds the graph;
- runs ``ecomap analyse`` whole, timing each section;
- imports the map into the embedded store, loads it back, exports it to CSV (and the
  same against Neo4j when ``NEO4J_URI`` is set);
- runs an igraph-only baseline of the heavy kernels on the same graph (betweenness at
  the same exactness, constraint, articulation points, communities, bipartite matching),
  built straight from the CSV with pandas, and reports ecomap / baseline.

Medians over ``--repeat`` runs are printed as a table and written as JSON (``--json``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate, write

EXACT_LIMIT = 2000  # same as ecomap.analysis.bridges' default


def _timed(fn, *args, **kwargs):
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - started, result


def baseline(folder: Path, *, samples: int | None = None, seed: int = 0) -> dict[str, float]:
    """The heavy kernels with igraph alone, from the CSV files (no ecomap code)."""
    import random

    import igraph as ig
    import pandas as pd

    times: dict[str, float] = {}
    started = time.perf_counter()
    actors = pd.read_csv(folder / "actors.csv", usecols=["id", "kind"], dtype=str)
    relations = pd.read_csv(folder / "relations.csv", usecols=["source", "target", "type"],
                            dtype=str)  # fmt: skip
    index = {a: i for i, a in enumerate(actors["id"])}
    coop = relations[relations["type"] == "cooperates"]
    edges = list(zip(coop["source"].map(index), coop["target"].map(index), strict=True))
    graph = ig.Graph(n=len(index), edges=edges).simplify()
    times["build"] = time.perf_counter() - started

    n = graph.vcount()
    if n <= EXACT_LIMIT and samples is None:
        times["betweenness"], _ = _timed(graph.betweenness, directed=False)
    else:
        k = samples or min(n, max(100, int(n**0.5 * 4)))
        random.seed(seed)
        sources = random.sample(range(n), k)
        times["betweenness"], _ = _timed(graph.betweenness, directed=False, sources=sources)
    times["constraint"], _ = _timed(graph.constraint)
    times["articulation_points"], _ = _timed(graph.articulation_points)
    random.seed(seed)
    times["communities"], _ = _timed(graph.community_multilevel)

    # Bipartite matching over person–person ties that cross two organisations.
    started = time.perf_counter()
    members = relations[relations["type"] == "member_of"].drop_duplicates("source")
    org_of = dict(zip(members["source"], members["target"], strict=True))
    left, right, pairs = {}, {}, []
    for s, t in zip(coop["source"], coop["target"], strict=True):
        a, b = org_of.get(s), org_of.get(t)
        if a and b and a != b:
            if (a, b) > (b, a):
                s, t = t, s
            pairs.append((left.setdefault(s, len(left)), right.setdefault(t, len(right))))
    bip = ig.Graph.Bipartite([False] * len(left) + [True] * len(right),
                             [(u, len(left) + v) for u, v in pairs])  # fmt: skip
    bip.maximum_bipartite_matching()
    times["matching"] = time.perf_counter() - started
    times["total"] = sum(v for k, v in times.items() if k != "build")
    return times


def one_run(folder: Path, *, store_dir: Path) -> dict:
    """Everything for one map folder, in this process."""
    from ecomap.analysis import analyse
    from ecomap.graph import to_graph
    from ecomap.ingest import read_map, write_map
    from ecomap.store.sqlite import SQLiteStore

    result: dict = {}
    result["read"], (eco, _) = _timed(read_map, folder)
    result["relations"] = len(eco.relations)
    result["nodes"] = len(eco.actors) + len(eco.stakes) + len(eco.spaces)
    result["to_graph"], G = _timed(to_graph, eco)
    sections: dict[str, float] = {}
    result["analyse"], _ = _timed(analyse, G, timings=sections)
    result["sections"] = sections
    result["analyse_with_read"] = result["read"] + result["to_graph"] + result["analyse"]

    path = store_dir / f"bench-{os.getpid()}.db"
    with SQLiteStore(path) as store:
        result["sqlite_import"], _ = _timed(store.import_map, eco, snapshot=False)
        result["sqlite_load"], _ = _timed(store.load)
    path.unlink(missing_ok=True)
    out = store_dir / f"export-{os.getpid()}"
    result["export_csv"], _ = _timed(write_map, eco, out)
    if os.environ.get("NEO4J_URI"):
        from ecomap.store.neo4j import Neo4jStore

        with Neo4jStore(os.environ["NEO4J_URI"]) as neo:
            neo.wipe()
            result["neo4j_import"], _ = _timed(neo.import_map, eco, snapshot=False)
            result["neo4j_load"], _ = _timed(neo.load)
            neo.wipe()
    result["baseline"] = baseline(folder)
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _child(folder: str, store_dir: str) -> None:
    print(json.dumps(one_run(Path(folder), store_dir=Path(store_dir))))


def run(sizes: list[int], *, repeat: int = 3, seed: int = 0, echo=print) -> list[dict]:
    """Benchmark every size; returns one summary record per size (medians)."""
    summaries = []
    with tempfile.TemporaryDirectory(prefix="ecomap-bench-") as work:
        for size in sizes:
            folder = write(generate(size, seed=seed), Path(work) / f"map-{size}")
            runs = []
            for _ in range(repeat):
                done = subprocess.run(
                    [sys.executable, "-m", "benchmarks", "--child", str(folder), work],
                    capture_output=True, text=True, check=False,
                )  # fmt: skip
                if done.returncode != 0:
                    raise RuntimeError(f"benchmark run at {size} failed:\n{done.stderr}")
                runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
            summaries.append(_summarise(size, runs))
            echo(_format(summaries[-1]))
    return summaries


def _median(runs: list[dict], *path: str) -> float | None:
    values = []
    for r in runs:
        for key in path:
            r = r.get(key) if isinstance(r, dict) else None
        if r is not None:
            values.append(r)
    return statistics.median(values) if values else None


def _summarise(size: int, runs: list[dict]) -> dict:
    first = runs[0]
    summary = {
        "size": size,
        "nodes": first["nodes"],
        "relations": first["relations"],
        "runs": len(runs),
        **{k: _median(runs, k) for k in ("read", "to_graph", "analyse", "analyse_with_read",
                                          "sqlite_import", "sqlite_load", "export_csv",
                                          "neo4j_import", "neo4j_load", "peak_rss_mib")},
        "sections": {s: _median(runs, "sections", s) for s in first["sections"]},
        "baseline": {k: _median(runs, "baseline", k) for k in first["baseline"]},
    }  # fmt: skip
    summary["ratio_to_baseline"] = summary["analyse"] / summary["baseline"]["total"]
    summary["import_relations_per_s"] = summary["relations"] / summary["sqlite_import"]
    summary["export_relations_per_s"] = summary["relations"] / summary["export_csv"]
    summary["load_relations_per_s"] = summary["relations"] / summary["sqlite_load"]
    return summary


def _format(s: dict) -> str:
    lines = [
        f"== {s['size']:,} nodes requested: {s['nodes']:,} nodes, {s['relations']:,} relations "
        f"(median of {s['runs']})",
        f"  read CSV + validate   {s['read']:.2f} s",
        f"  build graph           {s['to_graph']:.2f} s",
        f"  ecomap analyse        {s['analyse']:.2f} s   (with read: {s['analyse_with_read']:.2f} s)",
        f"  igraph-only kernels   {s['baseline']['total']:.2f} s   ratio ecomap/baseline "
        f"{s['ratio_to_baseline']:.2f}×",
        f"  peak memory           {s['peak_rss_mib']:.0f} MiB",
        f"  SQLite import         {s['sqlite_import']:.2f} s ({s['import_relations_per_s']:,.0f} "
        "relations/s)",
        f"  SQLite load           {s['sqlite_load']:.2f} s ({s['load_relations_per_s']:,.0f} "
        "relations/s)",
        f"  export CSV            {s['export_csv']:.2f} s ({s['export_relations_per_s']:,.0f} "
        "relations/s)",
    ]
    if s.get("neo4j_import") is not None:
        lines.append(f"  Neo4j import          {s['neo4j_import']:.2f} s")
    lines.append("  sections: " + ", ".join(f"{k} {v:.3f}" for k, v in s["sections"].items()))
    lines.append("  baseline: " + ", ".join(f"{k} {v:.3f}" for k, v in s["baseline"].items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="comma-separated node counts (default 1000,10000,100000)")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = run(sizes, repeat=args.repeat, seed=args.seed)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
