"""The ``ecomap`` command: a thin layer over the library.

Every command turns library errors into a clean message and a non-zero exit code;
no traceback reaches the user (``ECOMAP_DEBUG=1`` shows one, for bug reports).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import traceback
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import click
import typer

from ecomap.errors import EcomapError, InputError, Issue

__all__ = ["app", "main"]

app = typer.Typer(
    name="ecomap",
    help="Map a territory's cooperation ecosystem: actors, stakes, tensions, cooperation "
    "and power.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
snapshot_app = typer.Typer(help="Named, dated snapshots of the map.", no_args_is_help=True)
app.add_typer(snapshot_app, name="snapshot")


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


class Language(StrEnum):
    en = "en"
    fr = "fr"


StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        "-s",
        help="Where the map is kept: a SQLite file (default $ECOMAP_STORE or ecomap.db) "
        "or a neo4j://, neo4j+s:// or bolt:// URI.",
        show_default=False,
    ),
]
SourceArgument = Annotated[
    Path, typer.Argument(help="A folder of CSV files, an .xlsx workbook, a .json map or a .zip.")
]
LangOption = Annotated[
    Language,
    typer.Option(
        "--lang", envvar="ECOMAP_LANG", help="Language of the results: en or fr.",
    ),
]  # fmt: skip
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help="table for reading, json for programs.",
    ),
]
MapOption = Annotated[
    Path | None,
    typer.Option("--source", help="Read this map directly (no store). Default: the store's map."),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Analysis date (2026-03-01 or 01/03/2026): relations ended before it or "
        "starting after it are ignored. Default: today.",
        show_default=False,
    ),
]


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _say(message: str) -> None:
    typer.echo(message)


def _parse_as_of(text: str | None) -> date | None:
    if text is None:
        return None
    from ecomap.model import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise click.BadParameter(f"{text!r}: {exc}", param_hint="--as-of") from None


def _open(store: str | None):
    from ecomap.store import open_store

    return open_store(store)


def _read(source: Path):
    from ecomap.ingest import read_map

    eco, warnings = read_map(source)
    if warnings:
        _print_issues(warnings, title="Warnings")
    return eco


#: The most problems listed as rows in the terminal (the last line counts them all): a
#: file with a mistake repeated on every line would otherwise print for hours.
SHOWN_ISSUES = 200


def _print_issues(issues: list[Issue], *, title: str) -> None:
    from rich.table import Table

    from ecomap.views.terminal import plain

    table = Table(title=title, title_justify="left", show_lines=False)
    for column in ("file", "line", "column", "value", "problem"):
        table.add_column(column, overflow="fold")
    if len(issues) > SHOWN_ISSUES:
        table.caption = (
            f"… and {len(issues) - SHOWN_ISSUES} more not shown: fix these first, "
            "the same mistakes usually repeat"
        )
    for issue in issues[:SHOWN_ISSUES]:
        # File names, column names and values are the user's: shown as plain text.
        table.add_row(
            plain(issue.file),
            "" if issue.line is None else str(issue.line),
            plain(issue.column or ""),
            "" if issue.value in (None, "") else plain(repr(issue.value)),
            plain(issue.message),
        )
    _console(stderr=True).print(table)


# -- files ---------------------------------------------------------------------------


@app.command()
def validate(source: SourceArgument) -> None:
    """Check a map's files and list every problem (file, line, column, value)."""
    eco = _read(source)
    counts = eco.counts()
    _say(
        f"{source}: valid — {counts['actors']} actors, {counts['relations']} relations, "
        f"{counts['stakes']} stakes, {counts['spaces']} spaces."
    )


@app.command("import")
def import_(
    source: SourceArgument,
    store: StoreOption = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Make the store exactly this map (removes the rest).")
    ] = False,
    author: Annotated[
        str | None,
        typer.Option(
            help="Who makes the change (change log); default: ECOMAP_AUTHOR, else the system user."
        ),
    ] = None,
) -> None:
    """Import a map into the store (merge by id, or --replace). Nothing is written on error."""
    from ecomap.access import default_author

    eco = _read(source)
    with _open(store) as target:
        change = target.import_map(
            eco, replace=replace, author=author or default_author(), source=source.name
        )
        if change is None:
            _say(f"Nothing changed in {target.location}: the store already holds this map.")
            return
        added = sum(1 for i in change.items if i.operation == "added")
        changed = sum(1 for i in change.items if i.operation == "changed")
        removed = sum(1 for i in change.items if i.operation == "removed")
        _say(
            f"Imported {source} into {target.location}: {added} added, {changed} changed, "
            f"{removed} removed (change #{change.id}; snapshot 'import-{change.id}')."
        )


@app.command()
def export(
    to: Annotated[
        Path,
        typer.Option(
            "--to",
            help="Target: a folder (CSV files), or a file ending in .xlsx, .json, .zip, "
            ".gexf or .graphml.",
        ),
    ],
    store: StoreOption = None,
    anonymise: Annotated[
        bool,
        typer.Option(
            "--anonymise",
            help="Replace people's names with pseudonyms, drop notes about people (for sharing).",
        ),
    ] = False,  # fmt: skip
) -> None:
    """Write the stored map to files (format from the extension, or a folder of CSVs)."""
    from ecomap.ingest import write_map

    with _open(store) as source:
        eco = source.load()
        location = source.location
    if anonymise:
        from ecomap.privacy import anonymise as make_anonymous

        eco = make_anonymous(eco)
    write_map(eco, to)
    _say(
        f"Wrote {len(eco.actors)} actors and {len(eco.relations)} relations from {location} to {to}."
    )


@app.command()
def template(
    path: Annotated[Path, typer.Argument(help="The .xlsx file to write.")] = Path(
        "ecomap-template.xlsx"
    ),
) -> None:
    """Write a blank .xlsx template with drop-down lists for every choice."""
    from ecomap.ingest import write_template

    if path.suffix.lower() != ".xlsx":
        raise click.BadParameter("the template is an .xlsx workbook", param_hint="PATH")
    write_template(path)
    _say(f"Wrote a blank template to {path}.")


# -- analyses ------------------------------------------------------------------------


def _load_graph(source: Path | None, store: str | None):
    from ecomap.graph import to_graph

    if source is not None:
        return to_graph(_read(source))
    with _open(store) as s:
        return to_graph(s.load())


@app.command()
def analyse(
    source: Annotated[
        Path | None,
        typer.Argument(help="Read this map directly (no store). Default: the store's map."),
    ] = None,
    store: StoreOption = None,
    format: FormatOption = OutputFormat.table,
    only: Annotated[
        str | None,
        typer.Option(help="Comma-separated analyses, e.g. fragile_links,imbalances."),
    ] = None,
    as_of: AsOfOption = None,
    lang: LangOption = Language.en,
) -> None:
    """Analyse the map: fragile links, power imbalances, bridges, stakes and more."""
    from ecomap.analysis import analyse as run

    day = _parse_as_of(as_of)
    G = _load_graph(source, store)
    sections = [s.strip() for s in only.split(",") if s.strip()] if only else None
    document = run(G, only=sections, as_of=day, lang=lang)
    if format == "json":
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False))
        sys.stdout.write("\n")
        return
    from ecomap.views.terminal import print_analysis

    print_analysis(document, _console(), lang=lang)


def _names(G) -> dict[str, str]:
    return {node: data.get("name", node) for node, data in G.nodes(data=True)}


def _emit(result, *, format: str, title: str, lang: str, names: dict[str, str]) -> None:
    from ecomap.analysis import json_ready

    result = json_ready(result)
    if format == "json":
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2, allow_nan=False))
        sys.stdout.write("\n")
        return
    from ecomap.views.terminal import print_analysis

    print_analysis({title: result}, _console(), lang=lang, names=names)


@app.command("what-if")
def what_if(
    people: Annotated[
        list[str] | None, typer.Argument(help="Ids of the people who leave.", show_default=False)
    ] = None,
    months: Annotated[
        int | None,
        typer.Option(help="Also everyone whose membership ends within this many months."),
    ] = None,
    source: MapOption = None,
    store: StoreOption = None,
    format: FormatOption = OutputFormat.table,
    as_of: AsOfOption = None,
    lang: LangOption = Language.en,
) -> None:
    """What falls when people leave: links that end, actors isolated, groups that split."""
    from ecomap.analysis.fragility import what_if as simulate

    if not people and months is None:
        raise click.UsageError("name the people who leave, or give --months")
    G = _load_graph(source, store)
    result = simulate(G, people or (), months=months, as_of=_parse_as_of(as_of), lang=lang)
    _emit(result, format=format, title="what_if", lang=lang, names=_names(G))


@app.command()
def counterweights(
    dominant: Annotated[str, typer.Argument(help="Id of the dominant actor.")],
    weaker: Annotated[str, typer.Argument(help="Id of the weaker actor.")],
    source: MapOption = None,
    store: StoreOption = None,
    format: FormatOption = OutputFormat.table,
    as_of: AsOfOption = None,
    lang: LangOption = Language.en,
) -> None:
    """Who could rebalance a relationship that DOMINANT dominates, best first, with reasons."""
    from ecomap.analysis.power import counterweights as rank

    G = _load_graph(source, store)
    result = rank(G, dominant, weaker, as_of=_parse_as_of(as_of), lang=lang)
    _emit(result, format=format, title="counterweights", lang=lang, names=_names(G))


@app.command()
def facilitators(
    parties: Annotated[list[str], typer.Argument(help="Ids of the parties (two or more).")],
    source: MapOption = None,
    store: StoreOption = None,
    format: FormatOption = OutputFormat.table,
    as_of: AsOfOption = None,
    lang: LangOption = Language.en,
) -> None:
    """Neutral third parties who could facilitate between PARTIES, ranked with reasons."""
    from ecomap.analysis.facilitation import facilitators as rank

    G = _load_graph(source, store)
    result = rank(G, parties, as_of=_parse_as_of(as_of), lang=lang)
    _emit(result, format=format, title="facilitators", lang=lang, names=_names(G))


# -- the explorer --------------------------------------------------------------------


def _app_script() -> Path:
    script = Path(__file__).resolve().parent.parent / "app.py"
    if not script.exists():
        raise EcomapError(
            f"the explorer (app.py) was not found beside the package at {script.parent}; "
            "run ecomap from a checkout of the project"
        )
    return script


@app.command("app")
def run_app(
    source: Annotated[
        Path | None, typer.Argument(help="Import this map into the store first.")
    ] = None,
    store: StoreOption = None,
    port: Annotated[int, typer.Option(help="Port of the explorer on this machine.")] = 8501,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Hide every editing control (for committees).")
    ] = False,
    headless: Annotated[
        bool, typer.Option("--headless", help="Do not open a browser window.")
    ] = False,
) -> None:
    """Start the explorer in the browser (Streamlit)."""
    from ecomap.store import store_spec

    spec = store_spec(store)
    if source is not None:
        import_(source, store=spec, replace=False, author=None)
    env = dict(os.environ, ECOMAP_STORE=spec)
    if read_only:
        env["ECOMAP_READ_ONLY"] = "1"
    command = [
        sys.executable, "-m", "streamlit", "run", str(_app_script()),
        "--server.port", str(port), "--server.headless", "true" if headless else "false",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    _say(f"Explorer on http://localhost:{port} — map from {spec}. Ctrl+C to stop.")
    raise typer.Exit(subprocess.call(command, env=env))


# -- history -------------------------------------------------------------------------


@app.command()
def history(
    store: StoreOption = None,
    limit: Annotated[int, typer.Option(help="How many changes, newest first.")] = 20,
) -> None:
    """The change log: what changed, when, by whom."""
    from rich.table import Table

    from ecomap.views.terminal import plain

    with _open(store) as s:
        changes = s.history(limit=limit, items=False)
    if not changes:
        _say("No change recorded yet.")
        return
    table = Table(title="Changes, newest first", title_justify="left")
    for column in ("#", "when (UTC)", "action", "what", "by", "records", "undone"):
        table.add_column(column, overflow="fold")
    for c in changes:
        table.add_row(
            str(c.id), c.at.strftime("%Y-%m-%d %H:%M"), c.action, plain(c.summary),
            plain(c.author or ""), str(c.size), f"by #{c.undone_by}" if c.undone_by else "",
        )  # fmt: skip
    _console().print(table)


@app.command()
def undo(store: StoreOption = None) -> None:
    """Undo the last change (again to go further back)."""
    from ecomap.access import default_author

    with _open(store) as s:
        change = s.undo(author=default_author())
    if change is None:
        _say("Nothing to undo.")
    else:
        _say(f"Undone: {change.summary} (change #{change.id}).")


@snapshot_app.command("create")
def snapshot_create(
    name: Annotated[str, typer.Argument(help="A name, e.g. copil-2026-03.")],
    note: Annotated[str | None, typer.Option(help="What this snapshot is for.")] = None,
    store: StoreOption = None,
) -> None:
    """Save the current map under a name."""
    with _open(store) as s:
        info = s.snapshot_create(name, note=note)
    _say(f"Snapshot '{info.name}' saved ({info.counts.get('actors', 0)} actors).")


@snapshot_app.command("list")
def snapshot_list(store: StoreOption = None) -> None:
    """List the snapshots, oldest first."""
    from rich.table import Table

    from ecomap.views.terminal import plain

    with _open(store) as s:
        snapshots = s.snapshot_list()
    if not snapshots:
        _say("No snapshot yet.")
        return
    table = Table(title="Snapshots", title_justify="left")
    for column in ("name", "when (UTC)", "actors", "relations", "note"):
        table.add_column(column, overflow="fold")
    for snap in snapshots:
        table.add_row(
            plain(snap.name), snap.at.strftime("%Y-%m-%d %H:%M"),
            str(snap.counts.get("actors", "")), str(snap.counts.get("relations", "")),
            plain(snap.note or ""),
        )  # fmt: skip
    _console().print(table)


@snapshot_app.command("restore")
def snapshot_restore(
    name: Annotated[str, typer.Argument(help="The snapshot to go back to.")],
    store: StoreOption = None,
) -> None:
    """Make the current map what a snapshot holds (undoable)."""
    from ecomap.access import default_author

    with _open(store) as s:
        change = s.snapshot_restore(name, author=default_author())
    if change is None:
        _say(f"The map already is what snapshot '{name}' holds.")
    else:
        _say(
            f"Restored snapshot '{name}' ({len(change.items)} records changed; `ecomap undo` reverts it)."
        )


_NOW = ("now", "current", "maintenant")


def _version(store, name: str):
    """A snapshot by name, or the current map for ``now``: (label, when, map)."""
    from datetime import UTC

    if name.lower() in _NOW:
        return "now", datetime.now(UTC), store.load()
    info = next((s for s in store.snapshot_list() if s.name == name), None)
    eco = store.snapshot_load(name)  # raises a clean StoreError listing the names
    return name, info.at if info else datetime.now(UTC), eco


@app.command()
def diff(
    before: Annotated[str, typer.Argument(help="A snapshot name (see ecomap snapshot list).")],
    after: Annotated[
        str, typer.Argument(help="Another snapshot, or 'now' for the current map.")
    ] = "now",
    store: StoreOption = None,
    format: FormatOption = OutputFormat.table,
    as_of: AsOfOption = None,
    lang: LangOption = Language.en,
) -> None:
    """What changed between two snapshots (or a snapshot and now): data and analyses."""
    from ecomap.analysis.history import diff as compare

    day = _parse_as_of(as_of)
    with _open(store) as s:
        a, b = _version(s, before), _version(s, after)
    result = compare(a[2], b[2], as_of=day, lang=lang)
    if format == "json":
        sys.stdout.write(json.dumps({"before": a[0], "after": b[0], **result},
                                    ensure_ascii=False, indent=2, allow_nan=False))  # fmt: skip
        sys.stdout.write("\n")
        return
    from ecomap.views.terminal import print_diff

    print_diff(result, _console(), before=a[0], after=b[0], lang=lang)


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="FILE.html or FILE.pdf.")],
    source: Annotated[
        Path | None,
        typer.Argument(help="Report on these files directly. Default: the store's map."),
    ] = None,
    store: StoreOption = None,
    since: Annotated[
        str | None, typer.Option(help="A snapshot: add what changed since it.")
    ] = None,
    lang: Annotated[Language, typer.Option("--lang", help="Language of the report.")] = Language.fr,
    anonymise: Annotated[
        bool, typer.Option("--anonymise", help="Replace people's names with pseudonyms.")
    ] = False,
    as_of: AsOfOption = None,
) -> None:
    """Write the steering-committee report (HTML or PDF, self-contained)."""
    from ecomap.views.report import write_report

    day = _parse_as_of(as_of)
    if out.suffix.lower() not in (".html", ".htm", ".pdf"):
        raise click.BadParameter("the report is written as .html or .pdf", param_hint="--out")
    compared = None
    if source is not None:
        eco = _read(source)
        if since is not None:
            with _open(store) as s:
                compared = _version(s, since)
    else:
        with _open(store) as s:
            eco = s.load()
            compared = _version(s, since) if since is not None else None
    write_report(eco, out, lang=lang, as_of=day, since=compared, anonymise=anonymise)
    _say(f"Wrote the report to {out}.")


# -- entry point ---------------------------------------------------------------------


def _quiet_libraries() -> None:
    """Keep the log records of the Neo4j driver out of the terminal.

    The driver logs each failed routing attempt as an error; with no handler set up,
    logging's last resort would print it beside ecomap's own one-line message, which
    already says what to check. ``ECOMAP_DEBUG=1`` lets it through.
    """
    driver = logging.getLogger("neo4j")
    if not os.environ.get("ECOMAP_DEBUG") and not driver.handlers:
        driver.addHandler(logging.NullHandler())


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (never raise to the user)."""
    _quiet_libraries()
    try:
        code = app(args=argv, prog_name="ecomap", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        typer.echo("Aborted.", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except InputError as exc:
        only = exc.issues[0] if len(exc.issues) == 1 else None
        if only is not None and only.line is None and not only.column:
            # A problem with a whole file (missing, too large, not writable) reads
            # best as one line; a table is for problems located in rows and columns.
            typer.echo(f"error: {only}", err=True)
        else:
            _print_issues(exc.issues, title=f"{len(exc.issues)} problem(s) found")
            typer.echo(f"error: {exc}", err=True)
        return 1
    except EcomapError as exc:
        typer.echo(f"error: {exc}", err=True)
        return 1
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("ECOMAP_DEBUG"):
            traceback.print_exc()
        typer.echo(
            f"unexpected error ({type(exc).__name__}): {exc}\n"
            "This is a bug in ecomap; run again with ECOMAP_DEBUG=1 and report what it prints.",
            err=True,
        )
        return 70
    return code if isinstance(code, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
