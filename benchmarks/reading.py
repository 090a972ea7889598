"""Reading benchmark: ``python -m benchmarks.reading [--sizes 10000,100000] [--repeat 5]``.

Times what turns a map's files into a validated map, and what an import adds, on the
seeded synthetic maps of :mod:`benchmarks.generate` written as CSV folders. Each run is
a fresh process (nothing cached from a previous run). In each run:

- ``read``: :func:`ecomap.ingest.read_tables`, the CSV files to raw tables;
- ``validate``: :func:`ecomap.ingest.check_map`, raw tables to the validated map
  (``read`` + ``validate`` is :func:`ecomap.ingest.read_map`: files → validated map);
- what ``ecomap import`` then does into an empty embedded store: ``diff``
  (:func:`ecomap.ingest.import_changes`, what the import would change) and ``store``
  (:meth:`ecomap.store.sqlite.SQLiteStore.import_map`, the write).

Every step is timed in wall and CPU seconds (``time.process_time``); the medians over
``--repeat`` runs are printed with relations per second of files → validated map.

``--before DIR`` also times, alternately with this code in the same session (A B A B
…), the code of another source tree (for instance ``git archive <commit> ecomap |
tar -x -C DIR``), so that a before/after ratio holds on a machine whose speed drifts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate, write

#: The steps of one run, in order.
STEPS = ("read", "validate", "diff", "store")


def one_run(folder: Path, store_dir: Path, *, with_store: bool = True) -> dict:
    """One timed reading (and import) of the map in ``folder``."""
    from ecomap.ingest import check_map, import_changes, read_tables
    from ecomap.model import Ecosystem

    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def step(name, fn, *args, **kwargs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn(*args, **kwargs)
        wall[name] = time.perf_counter() - start
        cpu[name] = time.process_time() - start_cpu
        return result

    tables, issues = step("read", read_tables, folder, max_bytes=float("inf"))
    eco, _ = step("validate", check_map, tables, issues, onto=Ecosystem())
    if with_store:
        from ecomap.store.sqlite import SQLiteStore

        path = store_dir / f"store-{os.getpid()}.db"
        store = SQLiteStore(path)
        current = store.load()
        step("diff", import_changes, current, eco, replace=False)
        step("store", store.import_map, eco, snapshot=False)
        store.close()
        path.unlink()
    return {"relations": len(eco.relations), "records": _records(eco), "wall": wall, "cpu": cpu}


def _records(eco) -> int:
    return len(eco.actors) + len(eco.stakes) + len(eco.spaces) + len(eco.relations)


def _child(folder: str, store_dir: str, with_store: str) -> None:
    print(json.dumps(one_run(Path(folder), Path(store_dir), with_store=with_store == "1")))


def _spawn(folder: Path, work: str, source: Path | None, with_store: bool) -> dict:
    env = dict(os.environ)
    here = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(source) if source else "", here) if p)
    # Run as a script, not with -m: the working directory would come first on the path,
    # before the tree to compare.
    command = [sys.executable, __file__, "--child", str(folder), work,
               "1" if with_store else "0"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"reading run failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median(runs: list[dict], kind: str, step: str) -> float | None:
    values = [r[kind][step] for r in runs if step in r[kind]]
    return statistics.median(values) if values else None


def summarise(size: int, runs: list[dict]) -> dict:
    """Medians of the runs at one size."""
    steps = [s for s in STEPS if s in runs[0]["wall"]]
    summary = {
        "size": size,
        "relations": runs[0]["relations"],
        "records": runs[0]["records"],
        "runs": len(runs),
        "wall": {s: _median(runs, "wall", s) for s in steps},
        "cpu": {s: _median(runs, "cpu", s) for s in steps},
        "files_to_map": statistics.median(r["wall"]["read"] + r["wall"]["validate"] for r in runs),
        "files_to_map_cpu": statistics.median(
            r["cpu"]["read"] + r["cpu"]["validate"] for r in runs
        ),
    }
    summary["relations_per_s"] = summary["relations"] / summary["files_to_map"]
    summary["relations_per_cpu_s"] = summary["relations"] / summary["files_to_map_cpu"]
    return summary


def _format(label: str, s: dict) -> str:
    steps = "  ".join(f"{k} {v:.2f} s (CPU {s['cpu'][k]:.2f})" for k, v in s["wall"].items())
    return (
        f"{label:>7} {s['size']:>7,} nodes, {s['relations']:,} relations: files → validated map "
        f"{s['files_to_map']:.2f} s (CPU {s['files_to_map_cpu']:.2f}), "
        f"{s['relations_per_s']:,.0f} relations/s (per CPU s {s['relations_per_cpu_s']:,.0f})\n"
        f"          {steps}"
    )


def run(
    sizes: list[int],
    *,
    repeat: int = 5,
    before: Path | None = None,
    with_store: bool = True,
    echo=print,
) -> list[dict]:
    """Time every size (and the ``before`` tree, alternately); one summary per size and code."""
    summaries = []
    with tempfile.TemporaryDirectory(prefix="ecomap-reading-") as work:
        for size in sizes:
            folder = write(generate(size, seed=0), Path(work) / f"map-{size}")
            runs: dict[str, list[dict]] = {"after": [], "before": []}
            for _ in range(repeat):
                runs["after"].append(_spawn(folder, work, None, with_store))
                if before is not None:
                    runs["before"].append(_spawn(folder, work, before, with_store))
            for label, found in runs.items():
                if found:
                    summary = {"code": label, **summarise(size, found)}
                    summaries.append(summary)
                    echo(_format(label, summary))
            if runs["before"]:
                for kind in ("wall", "cpu"):
                    ratios = [
                        (b[kind]["read"] + b[kind]["validate"])
                        / (a[kind]["read"] + a[kind]["validate"])
                        for a, b in zip(runs["after"], runs["before"], strict=True)
                    ]
                    summaries[-1][f"{kind}_ratios"] = ratios
                    echo(f"          before / after, pair by pair ({kind}): median "
                         f"{statistics.median(ratios):.2f} (min {min(ratios):.2f}, "
                         f"max {max(ratios):.2f})")  # fmt: skip
    return summaries


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--before", type=Path, help="a source tree of the code to compare")
    parser.add_argument("--no-store", action="store_true", help="time reading only")
    parser.add_argument("--json", type=Path, help="write the summaries there")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    summaries = run(sizes, repeat=args.repeat, before=args.before, with_store=not args.no_store)
    if args.json:
        args.json.write_text(json.dumps(summaries, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
