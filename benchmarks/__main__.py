"""Benchmark runner: ``python -m benchmarks [--sizes 1000,10000,100000] [--repeat 3]``.

For each size it generates a synthetic ecosystem (:mod:`benchmarks.generate`), then, in
a fresh process per run (so that peak memory is that run's own):

- imports the analysis modules, igraph and the terminal view with rich (timed apart: a
  one-off cost per process);
- reads the CSV folder (ingest + validation) and builds the graph;
- computes the map's analysis fingerprint (:func:`ecomap.graph.analysis_fingerprint`);
- runs ``ecomap.analysis.analyse`` whole (every reason in words, what the library
  returns), timing each section; peak memory is read right after;
- then what the command ``ecomap analyse`` does once the graph is built, each on a graph
  built afresh (the analyses cache their working graphs on it): the terminal summary
  (``cli_summary``: the analyses, reasons kept as codes and only the rows printed
  made, then the tables of those first rows printed, in words) and ``--format json``
  (``cli_json``: the analyses and the whole document written as JSON text, every
  reason in words);
- imports the map into the embedded store, imports it again unchanged (a no-op: it
  must return None and log nothing), loads it back, exports it to CSV (and the same
  against Neo4j when ``NEO4J_URI`` is set);
- runs an igraph-only baseline of the heavy kernels on the same graph (betweenness
  from the same sources as ecomap, constraint, triangles, articulation points,
  communities, PageRank, bipartite matching), built straight from the CSV with
  pandas, and reports ecomap / baseline.

Every step is timed twice: wall clock and CPU time of the process
(``time.process_time``), which other programs on a busy machine do not inflate. The
load average is recorded before and after each run.

With ``--accuracy`` it also measures, once per size (in this process), how well the
sampled betweenness of :func:`ecomap.analysis.bridges.betweenness` finds the exact top
20 actors (seeds 0–4), up to ``--accuracy-limit`` actors (exact betweenness is
quadratic: about 12 s of CPU at 10,000 nodes, 200 s at 30,000).

Medians over ``--repeat`` runs are printed as a table and written as JSON (``--json``).
"""

from __future__ import annotations

import argparse
import gc
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

#: The steps of one run, in the order they are printed.
STEPS = (
    "imports", "read", "to_graph", "fingerprint", "analyse", "cli_summary", "cli_json",
    "sqlite_import", "sqlite_noop", "sqlite_load", "export_csv", "neo4j_import", "neo4j_load",
)  # fmt: skip
#: The steps compared with the igraph-only baseline.
COMPARED = ("analyse", "cli_summary", "cli_json")


def _timed(fn, *args, **kwargs):
    """(wall seconds, CPU seconds, result) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mib() -> float:
    """Memory the process holds now (resident set), in MiB."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def baseline(folder: Path, *, seed: int = 0) -> tuple[dict[str, float], dict[str, float]]:
    """The heavy kernels with igraph alone, from the CSV files: (wall, CPU) per kernel.

    Only the number of betweenness sources comes from ecomap (its sampling rule), so
    that both compute betweenness at the same exactness, from the same sources.
    """
    import random

    import igraph as ig
    import pandas as pd

    from ecomap.analysis.bridges import sample_size

    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def step(name, fn, *args, **kwargs):
        wall[name], cpu[name], result = _timed(fn, *args, **kwargs)
        return result

    def build():
        actors = pd.read_csv(folder / "actors.csv", usecols=["id", "kind"], dtype=str)
        relations = pd.read_csv(folder / "relations.csv", usecols=["source", "target", "type",
                                "weight"], dtype={"source": str, "target": str, "type": str})  # fmt: skip
        index = {a: i for i, a in enumerate(actors["id"])}
        coop = relations[relations["type"] == "cooperates"]
        edges = list(zip(coop["source"].map(index), coop["target"].map(index), strict=True))
        power = relations[relations["type"] == "power"]
        power_edges = list(zip(power["target"].map(index), power["source"].map(index),
                               strict=True))  # fmt: skip
        directed = ig.Graph(n=len(index), edges=power_edges, directed=True)
        directed.es["weight"] = power["weight"].fillna(1).tolist()
        return ig.Graph(n=len(index), edges=edges).simplify(), directed, relations, coop

    graph, directed, relations, coop = step("build", build)
    n = graph.vcount()
    k = sample_size(n)
    if k is None:
        step("betweenness", graph.betweenness, directed=False)
    else:
        sources = random.Random(seed).sample(range(n), k)
        step("betweenness", graph.betweenness, directed=False, sources=sources)
    step("constraint", graph.constraint)
    step("triangles", graph.list_triangles)
    step("articulation_points", graph.biconnected_components, return_articulation_points=True)
    random.seed(seed)
    step("communities", graph.community_multilevel)
    step("pagerank", directed.personalized_pagerank, weights="weight", implementation="prpack")

    def matching():
        # Bipartite matching over person–person ties that cross two organisations.
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
        return bip.maximum_bipartite_matching()

    step("matching", matching)
    for times in (wall, cpu):
        times["total"] = sum(v for name, v in times.items() if name != "build")
    return wall, cpu


def _imports() -> None:
    import importlib

    from ecomap.analysis import SECTIONS
    from ecomap.imports import igraph

    igraph()  # as ecomap imports it (without igraph's plotting)

    for module, _ in SECTIONS.values():
        importlib.import_module(f"ecomap.analysis.{module}")
    # What the command prints with: its modules are imported once per process too.
    for module in ("rich.console", "rich.table", "ecomap.views.terminal", "ecomap.ui_text",
                   "ecomap.cli_text"):  # fmt: skip
        importlib.import_module(module)


def cli_summary(G) -> int:
    """What ``ecomap analyse`` prints by default, from the graph: its length in characters."""
    import io

    from rich.console import Console

    from ecomap.analysis import analyse
    from ecomap.views.terminal import ROWS, print_analysis

    document = analyse(G, words=False, rows=ROWS)
    names = {node: data.get("name", node) for node, data in G.nodes(data=True)}
    out = io.StringIO()
    console = Console(file=out, width=120, highlight=False, soft_wrap=False)
    print_analysis(document, console, lang="en", rows=ROWS, names=names,
                   command="ecomap analyse")  # fmt: skip
    return len(out.getvalue())


def cli_json(G) -> int:
    """What ``ecomap analyse --format json`` writes, from the graph: its length."""
    from ecomap.analysis import analyse
    from ecomap.analysis.reasons import json_text

    return len(json_text(analyse(G, words=False), "en"))


def one_run(folder: Path, *, store_dir: Path) -> dict:
    """Everything for one map folder, in this process."""
    result: dict = {"load_before": os.getloadavg()[0], "wall": {}, "cpu": {}}
    wall, cpu = result["wall"], result["cpu"]

    def step(name, fn, *args, **kwargs):
        wall[name], cpu[name], value = _timed(fn, *args, **kwargs)
        return value

    step("imports", _imports)
    from ecomap.analysis import analyse
    from ecomap.graph import analysis_fingerprint, to_graph
    from ecomap.ingest import read_map, write_map
    from ecomap.store.sqlite import SQLiteStore

    rss = result["rss_mib"] = {"start": _rss_mib()}
    eco, _ = step("read", read_map, folder)
    rss["map"] = _rss_mib()
    result["relations"] = len(eco.relations)
    result["nodes"] = len(eco.actors) + len(eco.stakes) + len(eco.spaces)
    G = step("to_graph", to_graph, eco)
    rss["graph"] = _rss_mib()
    step("fingerprint", analysis_fingerprint, eco)
    result["sections"], result["sections_cpu"] = {}, {}
    document = step("analyse", analyse, G, timings=result["sections"],
                    cpu_timings=result["sections_cpu"])  # fmt: skip
    rss["analysed"] = _rss_mib()
    result["peak_rss_mib"] = _peak_mib()
    del document
    gc.collect()
    for name, command in (("cli_summary", cli_summary), ("cli_json", cli_json)):
        fresh = to_graph(eco)  # untimed: the command builds its graph once, as above
        step(name, command, fresh)
        del fresh
        gc.collect()
    # The store is timed on a clean heap, as in its own `ecomap import` process: the
    # graph and the analyses hold reference cycles, and collecting them would
    # otherwise fall inside whichever step comes next.
    del G
    gc.collect()

    path = store_dir / f"bench-{os.getpid()}.db"
    with SQLiteStore(path) as store:
        step("sqlite_import", store.import_map, eco, snapshot=False)
        logged = len(store.history(limit=None))
        again = step("sqlite_noop", store.import_map, eco)
        result["noop_is_noop"] = again is None and len(store.history(limit=None)) == logged
        step("sqlite_load", store.load)
    path.unlink(missing_ok=True)
    step("export_csv", write_map, eco, store_dir / f"export-{os.getpid()}")
    if os.environ.get("NEO4J_URI"):
        from ecomap.store.neo4j import Neo4jStore

        with Neo4jStore(os.environ["NEO4J_URI"]) as neo:
            neo.wipe()
            step("neo4j_import", neo.import_map, eco, snapshot=False)
            step("neo4j_load", neo.load)
            neo.wipe()
    result["baseline"], result["baseline_cpu"] = baseline(folder)
    result["peak_rss_end_mib"] = _peak_mib()
    result["load_after"] = os.getloadavg()[0]
    return result


def betweenness_accuracy(folder: Path, *, seeds=range(5), top: int = 20) -> dict:
    """Top-``top`` overlap of ecomap's default (sampled) betweenness with the exact one."""
    import numpy as np

    from ecomap.analysis.bridges import betweenness, sample_size
    from ecomap.graph import to_graph
    from ecomap.ingest import read_map

    G = to_graph(read_map(folder)[0])
    started = time.process_time()
    exact = betweenness(G, exact_limit=10**9)
    exact_cpu = time.process_time() - started
    ids = list(exact)
    truth = np.array([exact[a] for a in ids])
    best = set(np.argsort(-truth, kind="stable")[:top].tolist())
    found, errors = [], []
    for seed in seeds:
        estimate = betweenness(G, seed=seed)
        values = np.array([estimate[a] for a in ids])
        found.append(len(best & set(np.argsort(-values, kind="stable")[:top].tolist())))
        chosen = np.array(sorted(best))
        errors.append(float(np.mean(np.abs(values[chosen] - truth[chosen]) / truth[chosen])))
    return {
        "actors": len(ids),
        "samples": sample_size(len(ids)),
        "top": top,
        "found": found,
        "overlap_min": min(found) / top,
        "overlap_mean": statistics.mean(found) / top,
        "relative_error_mean": statistics.mean(errors),
        "exact_cpu_s": exact_cpu,
        "exact_top_values": sorted(truth.tolist(), reverse=True)[:top],
    }


def _child(folder: str, store_dir: str) -> None:
    print(json.dumps(one_run(Path(folder), store_dir=Path(store_dir))))


def run(
    sizes: list[int],
    *,
    repeat: int = 3,
    seed: int = 0,
    accuracy: bool = False,
    accuracy_limit: int = 30_000,
    echo=print,
) -> list[dict]:
    """Benchmark every size; returns one summary record per size (medians)."""
    summaries = []
    # A large map's CSV may be over the size limit of interactive imports.
    env = {**os.environ, "ECOMAP_MAX_INPUT_MB": "100000"}
    with tempfile.TemporaryDirectory(prefix="ecomap-bench-") as work:
        for size in sizes:
            folder = write(generate(size, seed=seed), Path(work) / f"map-{size}")
            runs = []
            for _ in range(repeat):
                done = subprocess.run(
                    [sys.executable, "-m", "benchmarks", "--child", str(folder), work],
                    capture_output=True, text=True, check=False, env=env,
                )  # fmt: skip
                if done.returncode != 0:
                    raise RuntimeError(f"benchmark run at {size} failed:\n{done.stderr}")
                runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
            summary = _summarise(size, runs)
            if accuracy and size <= accuracy_limit:
                summary["betweenness_accuracy"] = betweenness_accuracy(folder)
            summaries.append(summary)
            echo(_format(summary))
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
    steps = [s for s in STEPS if s in first["wall"]]
    summary = {
        "size": size,
        "nodes": first["nodes"],
        "relations": first["relations"],
        "runs": len(runs),
        "load": [r["load_before"] for r in runs] + [runs[-1]["load_after"]],
        "noop_is_noop": all(r["noop_is_noop"] for r in runs),
        **{s: _median(runs, "wall", s) for s in steps},
        "cpu": {s: _median(runs, "cpu", s) for s in steps},
        "peak_rss_mib": _median(runs, "peak_rss_mib"),
        "peak_rss_end_mib": _median(runs, "peak_rss_end_mib"),
        "rss_mib": {k: _median(runs, "rss_mib", k) for k in first["rss_mib"]},
        "sections": {s: _median(runs, "sections", s) for s in first["sections"]},
        "sections_cpu": {s: _median(runs, "sections_cpu", s) for s in first["sections"]},
        "baseline": {k: _median(runs, "baseline", k) for k in first["baseline"]},
        "baseline_cpu": {k: _median(runs, "baseline_cpu", k) for k in first["baseline"]},
    }  # fmt: skip
    summary["analyse_with_read"] = summary["read"] + summary["to_graph"] + summary["analyse"]
    summary["ratio_to_baseline"] = summary["analyse"] / summary["baseline"]["total"]
    summary["ratio_to_baseline_cpu"] = summary["cpu"]["analyse"] / summary["baseline_cpu"]["total"]
    # The ratio of each run, then their median: a run's step and its baseline are
    # measured a few seconds apart in one process, so the machine's drift cancels out.
    summary["ratios"] = {
        step: {
            "wall": statistics.median(r["wall"][step] / r["baseline"]["total"] for r in runs),
            "cpu": statistics.median(r["cpu"][step] / r["baseline_cpu"]["total"] for r in runs),
        }
        for step in COMPARED
        if step in first["wall"]
    }
    for step, rate in (("sqlite_import", "import"), ("export_csv", "export"),
                       ("sqlite_load", "load"), ("sqlite_noop", "noop")):  # fmt: skip
        summary[f"{rate}_relations_per_s"] = summary["relations"] / summary[step]
        summary[f"{rate}_relations_per_cpu_s"] = summary["relations"] / summary["cpu"][step]
    return summary


def _format(s: dict) -> str:
    def both(step: str) -> str:
        return f"{s[step]:7.2f} s  (CPU {s['cpu'][step]:6.2f} s)"

    def rate(step: str, name: str) -> str:
        return (f"{both(step)}  {s[f'{name}_relations_per_s']:>9,.0f} relations/s "
                f"(per CPU s {s[f'{name}_relations_per_cpu_s']:,.0f})")  # fmt: skip

    load = ", ".join(f"{x:.1f}" for x in s["load"])
    lines = [
        f"== {s['size']:,} nodes requested: {s['nodes']:,} nodes, {s['relations']:,} relations "
        f"(median of {s['runs']}; load average {load})",
        f"  imports               {both('imports')}",
        f"  read CSV + validate   {both('read')}",
        f"  build graph           {both('to_graph')}",
        f"  fingerprint           {both('fingerprint')}",
        f"  analyse (library)     {both('analyse')}   (with read: {s['analyse_with_read']:.2f} s)",
        f"  ecomap analyse        {both('cli_summary')}   (terminal summary, from the graph)",
        f"  ... --format json     {both('cli_json')}   (JSON text, from the graph)",
        f"  igraph-only kernels   {s['baseline']['total']:7.2f} s  (CPU "
        f"{s['baseline_cpu']['total']:6.2f} s)",
        "  ratio to the baseline (median of the runs' own ratios), wall / CPU: "
        + ", ".join(
            f"{step} {r['wall']:.2f}× / {r['cpu']:.2f}×" for step, r in s["ratios"].items()
        ),
        f"  peak memory           {s['peak_rss_mib']:7.0f} MiB after analyse "
        f"({s['peak_rss_end_mib']:.0f} MiB at the end of the run); held: "
        + ", ".join(f"{k} {v:.0f}" for k, v in s["rss_mib"].items()),
        f"  SQLite import         {rate('sqlite_import', 'import')}",
        f"  SQLite re-import      {rate('sqlite_noop', 'noop')}  "
        f"{'no-op' if s['noop_is_noop'] else 'NOT A NO-OP'}",
        f"  SQLite load           {rate('sqlite_load', 'load')}",
        f"  export CSV            {rate('export_csv', 'export')}",
    ]
    if s.get("neo4j_import") is not None:
        lines.append(f"  Neo4j import          {both('neo4j_import')}")
        lines.append(f"  Neo4j load            {both('neo4j_load')}")
    lines.append("  sections wall/CPU s: " + ", ".join(
        f"{k} {v:.2f}/{s['sections_cpu'][k]:.2f}" for k, v in s["sections"].items()))  # fmt: skip
    lines.append("  baseline wall/CPU s: " + ", ".join(
        f"{k} {v:.3f}/{s['baseline_cpu'][k]:.3f}" for k, v in s["baseline"].items()))  # fmt: skip
    accuracy = s.get("betweenness_accuracy")
    if accuracy:
        lines.append(
            f"  betweenness, {accuracy['samples'] or 'all'} sources: exact top {accuracy['top']} "
            f"found {accuracy['found']} (seeds 0–4), overlap ≥ {accuracy['overlap_min']:.2f}, "
            f"mean relative error on them {accuracy['relative_error_mean']:.1%}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="comma-separated node counts (default 1000,10000,100000)")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--accuracy", action="store_true",
                        help="also measure sampled betweenness against the exact values")  # fmt: skip
    parser.add_argument("--accuracy-limit", type=int, default=30_000,
                        help="largest size whose exact betweenness is computed")  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = run(sizes, repeat=args.repeat, seed=args.seed, accuracy=args.accuracy,
                  accuracy_limit=args.accuracy_limit)  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
