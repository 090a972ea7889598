"""The ``ecomap`` command: a thin layer over the library.

Every command turns library errors into a clean message and a non-zero exit code;
no traceback reaches the user (``ECOMAP_DEBUG=1`` shows one, for bug reports).
"""

from __future__ import annotations

import json
import logging
import os
import shlex
import subprocess
import sys
import traceback
from contextlib import ExitStack
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import click
import typer

from ecomap.cli_text import argument_name, choose_language, count, speak, t, usage_error
from ecomap.error_text import in_language
from ecomap.errors import EcomapError, InputError, Issue
from ecomap.serving import LOOPBACK

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

#: The language the command speaks, chosen by :func:`main` from its line and environment.
_LANG = "en"


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
AnonymiseOption = Annotated[
    bool,
    typer.Option(
        "--anonymise",
        help="Show people under pseudonyms and clear every text of their names (for "
        "sharing); notes about people and who reported what are left out.",
    ),
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


@app.callback()
def _options(
    lang: Annotated[
        Language | None,
        typer.Option(
            "--lang", help="Language of the messages and the help: en or fr.", show_default=False
        ),
    ] = None,
) -> None:
    """Map a territory's cooperation ecosystem: actors, stakes, tensions, cooperation and power."""


def _parse_as_of(text: str | None) -> date | None:
    if text is None:
        return None
    from ecomap.model import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise typer.BadParameter(
            t("bad_date", _LANG, value=repr(text), why=exc), param_hint="--as-of"
        ) from None


def _open(store: str | None):
    from ecomap.store import open_store

    return open_store(store)


def _read(source: Path, *, anonymise: bool = False, store: str | None = None,
          lang: str = "fr", also=()):  # fmt: skip
    """The map of ``source``, its warnings printed. With ``anonymise``, also what
    anonymises it (see :func:`_pseudonym_key`), and the warnings, which may quote
    custom column names or values, are cleared of names first."""
    from ecomap.ingest import read_map

    eco, warnings = read_map(source, lang=_LANG)
    hide = None
    if anonymise:
        hide = _hider(eco, key=_pseudonym_key(store, from_files=True), lang=lang, also=also)
        warnings = [_hidden_issue(issue, hide) for issue in warnings]
    if warnings:
        _print_issues(warnings, title=t("warnings", _LANG))
    return (eco, hide) if anonymise else eco


def _hidden_issue(issue: Issue, hide) -> Issue:
    from dataclasses import replace

    value = hide.text(issue.value) if isinstance(issue.value, str) else issue.value
    return replace(issue, file=hide.text(issue.file), column=hide.text(issue.column),
                   value=value, message=hide.text(issue.message))  # fmt: skip


def _pseudonym_key(store: str | None, *, from_files: bool) -> bytes:
    """The store's pseudonym key; for a map read from files, the store's when there is
    one (``--store``, ``$ECOMAP_STORE`` or ``ecomap.db`` here), else a key for this run
    only — said on stderr, since pseudonyms then change from one run to the next."""
    from ecomap.store import DEFAULT_STORE

    if from_files and not (store or os.environ.get("ECOMAP_STORE") or Path(DEFAULT_STORE).exists()):
        from ecomap.privacy import new_key

        typer.echo(t("key_for_this_run", _LANG), err=True)
        return new_key()
    with _open(store) as s:
        return s.pseudonym_key()


def _hider(eco, *, key: bytes, lang: str = "fr", also=()):
    from ecomap.privacy import Anonymiser

    return Anonymiser(eco, key=key, lang=lang, also=also)


def _store_hider(store, eco, *, lang: str = "fr", also=()):
    """What anonymises ``eco`` read from ``store``: with the store's key, hiding every
    person the store ever held (a name can outlive its person in a note)."""
    from ecomap.privacy import people_ever_stored

    return _hider(eco, key=store.pseudonym_key(), lang=lang,
                  also=(*also, people_ever_stored(store)))  # fmt: skip


def _left_out(lang: str | None = None) -> None:
    from ecomap.privacy import left_out_note

    lang = lang or _LANG
    typer.echo(t("anonymised", lang, note=left_out_note(lang)), err=True)


#: The most problems listed as rows in the terminal (the last line counts them all): a
#: file with a mistake repeated on every line would otherwise print for hours.
SHOWN_ISSUES = 200


def _print_issues(issues: list[Issue], *, title: str) -> None:
    from rich.table import Table

    from ecomap.views.terminal import plain

    table = Table(title=title, title_justify="left", show_lines=False)
    for column in t("issue_columns", _LANG).split("|"):
        table.add_column(column, overflow="fold")
    if len(issues) > SHOWN_ISSUES:
        table.caption = t("issues_more", _LANG, n=len(issues) - SHOWN_ISSUES)
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
        t(
            "valid",
            _LANG,
            source=source,
            **{
                k: count(k[:-1], counts[k], _LANG)
                for k in ("actors", "relations", "stakes", "spaces")
            },
        )
    )


#: The most changes an import lists one per line (the counts cover them all).
SHOWN_CHANGES = 200


def _change_counts(changes) -> str:
    """``3 added, 1 changed (2 fields), 0 removed``: records, and fields changed."""
    from collections import Counter

    counts = Counter(
        operation for operation, _, _ in {(c.operation, c.kind, c.key) for c in changes}
    )
    fields = sum(1 for c in changes if c.operation == "changed")
    return t("change_counts", _LANG, added=counts["added"], changed=counts["changed"],
             fields=count("field", fields, _LANG), removed=counts["removed"])  # fmt: skip


def _print_changes(changes, title: str) -> None:
    """What an import changes in the store, field by field."""
    from ecomap.ingest import describe_change
    from ecomap.views.terminal import plain

    # Changed fields first: what a patch does to what is already there.
    order = {"changed": 0, "removed": 1, "added": 2}
    shown = sorted(changes, key=lambda c: order[c.operation])
    _say(title)
    for change in shown[:SHOWN_CHANGES]:
        _say("  " + plain(describe_change(change, _LANG)).plain)
    if len(shown) > SHOWN_CHANGES:
        _say("  " + t("changes_more", _LANG, n=len(shown) - SHOWN_CHANGES))


@app.command(
    "import",
    short_help="Import a map into the store (a merge patches it), listing what changes.",
    help="Import a map into the store and list what changed, field by field (--dry-run: "
    "what would change; nothing is written). Merge (the default) patches the stored map: "
    "a filled cell updates, an empty cell keeps the stored value, (vide) or (empty) "
    "clears it, and relations may point to what the store holds. --replace makes the "
    "store exactly this map. Nothing is written when any error is found.",
)
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
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Only show what the import would change; write nothing."),
    ] = False,
) -> None:
    """Import a map into the store (the command's help says how a merge patches)."""
    from ecomap.access import default_author
    from ecomap.ingest import check_map, import_changes, read_tables
    from ecomap.model import RecordKind

    with ExitStack() as stack:
        with _progress("import", 4) as step:
            step(t("progress_read_files", _LANG))
            tables, issues = read_tables(source)
            if not tables:
                # Refused unread (missing, unknown format, too large): the store is not opened.
                raise InputError(issues)
            step(t("progress_read", _LANG))
            target = stack.enter_context(_open(store))
            # The revision before the map: a change made after it makes the import refuse.
            revision = target.revision
            current = target.load()
            step(t("progress_check", _LANG))
            eco, warnings = check_map(tables, issues, onto=None if replace else current)
            step(t("progress_compare", _LANG))
            changes = import_changes(current, eco, replace=replace)
        if warnings:
            _print_issues(warnings, title=t("warnings", _LANG))
        if not changes:
            _say(t("nothing_changed", _LANG, where=target.location))
            return
        # Into an empty store everything is new: the counts say it all.
        listed = any(current.records(kind) for kind in RecordKind)
        if dry_run:
            if listed:
                _print_changes(changes, t("would_change", _LANG, where=target.location))
            _say(t("dry_run", _LANG, counts=_change_counts(changes), where=target.location))
            return
        # Exactly what was listed is written, or nothing (revision): a failed import
        # prints its one error line only.
        with _progress("import", 1) as step:
            step(t("progress_write", _LANG))
            change = target.import_map(
                eco,
                replace=replace,
                author=author or default_author(),
                source=source.name,
                revision=revision,
            )
        if change is None:
            _say(t("nothing_changed", _LANG, where=target.location))
            return
        if listed:
            _print_changes(changes, t("did_change", _LANG, where=target.location))
        added = sum(1 for i in change.items if i.operation == "added")
        changed = sum(1 for i in change.items if i.operation == "changed")
        removed = sum(1 for i in change.items if i.operation == "removed")
        _say(t("imported", _LANG, source=source, where=target.location, added=added,
               changed=changed, removed=removed, id=change.id))  # fmt: skip


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
    anonymise: AnonymiseOption = False,
    headers: Annotated[
        Language,
        typer.Option(
            "--headers",
            help="Column names, sheet and file names and values of CSV and Excel files: en "
            "(the file format's own) or fr (French, as the French template); both import.",
        ),
    ] = Language.en,
) -> None:
    """Write the stored map to files (format from the extension, or a folder of CSVs)."""
    from ecomap.ingest import write_map

    with _open(store) as source:
        eco = source.load()
        location = source.location
        if anonymise:
            eco = _store_hider(source, eco).ecosystem(eco)
    write_map(eco, to, headers=headers.value)
    _say(
        t(
            "exported",
            _LANG,
            actors=count("actor", len(eco.actors), _LANG),
            relations=count("relation", len(eco.relations), _LANG),
            where=location,
            to=to,
        )
    )
    if anonymise:
        _left_out()


@app.command()
def template(
    path: Annotated[Path, typer.Argument(help="The .xlsx file to write.")] = Path(
        "ecomap-template.xlsx"
    ),
    lang: Annotated[
        Language,
        typer.Option("--lang", help="Language of the template: fr (the default) or en."),
    ] = Language.fr,
) -> None:
    """Write a blank .xlsx template with drop-down lists for every choice."""
    from ecomap.ingest import write_template

    if path.suffix.lower() != ".xlsx":
        raise typer.BadParameter(
            t("template_not_xlsx", _LANG), param_hint=argument_name("path", _LANG)
        )
    write_template(path, lang=lang.value)
    _say(t("template_written", _LANG, path=path))


# -- analyses ------------------------------------------------------------------------


def _load_graph(source: Path | None, store: str | None, *, anonymise: bool = False,
                lang: str = "en"):  # fmt: skip
    """The map as a graph, and the :class:`~ecomap.privacy.Anonymiser` that made it
    anonymous (None when ``anonymise`` is off)."""
    from ecomap.graph import to_graph

    if source is not None:
        if not anonymise:
            return to_graph(_read(source)), None
        eco, hide = _read(source, anonymise=True, store=store, lang=lang)
    else:
        with _open(store) as s:
            eco = s.load()
            if not anonymise:
                return to_graph(eco), None
            hide = _store_hider(s, eco, lang=lang)
    return to_graph(hide.ecosystem(eco)), hide


def _ids(ids, hide) -> list[str]:
    """Ids given on the command line, as the anonymised map has them (real ids or
    pseudonymous ones are both accepted)."""
    return list(ids) if hide is None else [hide.node_id(i) for i in ids]


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
        typer.Option(
            help="Comma-separated analyses: a section's title or short name, e.g. "
            "fragile-links,power-imbalances."
        ),
    ] = None,
    as_of: AsOfOption = None,
    lang: LangOption = Language.en,
    all_rows: Annotated[
        bool, typer.Option("--all", help="Show every row of each table (else the first 5).")
    ] = False,
    anonymise: AnonymiseOption = False,
) -> None:
    """Analyse the map: fragile links, power imbalances, bridges, stakes and more."""
    from ecomap.analysis import SECTIONS
    from ecomap.analysis import analyse as run

    day = _parse_as_of(as_of)
    sections = _sections(only, lang) if only is not None else None
    with _progress("analyse", 2 + len(SECTIONS if sections is None else {"summary", *sections}),
                   wanted=format != "json") as step:  # fmt: skip
        step(t("progress_read", _LANG))
        G, _ = _load_graph(source, store, anonymise=anonymise, lang=lang)
        # Reasons stay codes until written (every one, as JSON) or shown (the rows printed).
        from ecomap.views.terminal import ROWS

        shown = None if format == "json" or all_rows else ROWS  # rows made: those printed
        document = run(G, only=sections, as_of=day, lang=lang, words=False, rows=shown,
                       progress=lambda section, _done, _total: step(_section_title(section)))  # fmt: skip
    if format == "json":
        from ecomap.analysis.reasons import json_text

        sys.stdout.write(json_text(document, lang))
        sys.stdout.write("\n")
        return
    from ecomap.views.terminal import ROWS, print_analysis

    command = [
        "ecomap",
        "analyse",
        *([str(source)] if source else []),
        *(["--store", store] if store else []),
        *(["--as-of", as_of] if as_of else []),
    ]
    print_analysis(document, _console(), lang=lang, rows=None if all_rows else ROWS,
                   names=_names(G), command=shlex.join(command))  # fmt: skip


def _sections(only: str, lang: str) -> list[str]:
    """The section keys ``--only`` names (keys, or titles in English or French)."""
    from ecomap.views.terminal import section_key, section_names

    wanted = [name.strip() for name in only.split(",") if name.strip()]
    unknown = [name for name in wanted if section_key(name) is None]
    if unknown:
        raise typer.BadParameter(
            t("unknown_analysis", lang, names=", ".join(map(repr, unknown)),
              known=", ".join(section_names(lang))), param_hint="--only",
        )  # fmt: skip
    return list(dict.fromkeys(section_key(name) for name in wanted))


def _names(G) -> dict[str, str]:
    return {node: data.get("name", node) for node, data in G.nodes(data=True)}


def _emit(result, *, format: str, title: str, lang: str, names: dict[str, str]) -> None:
    from ecomap.analysis import json_ready

    result = json_ready(result)
    if format == "json":
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2, allow_nan=False))
        sys.stdout.write("\n")
        return
    from ecomap.views import terminal

    show = getattr(terminal, f"print_{title}")
    show(result, _console(), lang=lang, names=names)


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
    anonymise: AnonymiseOption = False,
) -> None:
    """What falls when people leave: links that end, actors isolated, groups that split."""
    from ecomap.analysis.fragility import what_if as simulate

    if not people and months is None:
        raise typer.BadParameter(
            t("what_if_nobody", _LANG), param_hint=argument_name("people", _LANG)
        )
    G, hide = _load_graph(source, store, anonymise=anonymise, lang=lang)
    result = simulate(G, _ids(people or (), hide), months=months, as_of=_parse_as_of(as_of),
                      lang=lang)  # fmt: skip
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
    anonymise: AnonymiseOption = False,
) -> None:
    """Who could rebalance a relationship that DOMINANT dominates, best first, with reasons."""
    from ecomap.analysis.power import counterweights as rank

    G, hide = _load_graph(source, store, anonymise=anonymise, lang=lang)
    dominant, weaker = _ids((dominant, weaker), hide)
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
    anonymise: AnonymiseOption = False,
) -> None:
    """Neutral third parties who could facilitate between PARTIES, ranked with reasons."""
    from ecomap.analysis.facilitation import facilitators as rank

    G, hide = _load_graph(source, store, anonymise=anonymise, lang=lang)
    result = rank(G, _ids(parties, hide), as_of=_parse_as_of(as_of), lang=lang)
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
    host: Annotated[
        str,
        typer.Option(
            help="Address to listen on: 127.0.0.1 is this computer only; 0.0.0.0 serves "
            "every network interface (needs sign-in, or --no-sign-in).",
        ),
    ] = LOOPBACK,
    port: Annotated[
        int, typer.Option(envvar="ECOMAP_PORT", help="Port of the explorer on this computer.")
    ] = 8501,
    no_sign_in: Annotated[
        bool,
        typer.Option(
            "--no-sign-in",
            help="Serve a network (--host) without sign-in: anyone who reaches the port "
            "reads and edits the map. Said in the terminal and on every page.",
        ),
    ] = False,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Hide every editing control (for committees).")
    ] = False,
    headless: Annotated[
        bool, typer.Option("--headless", help="Do not open a browser window.")
    ] = False,
) -> None:
    """Start the explorer in the browser (Streamlit)."""
    from ecomap.serving import (
        UNPROTECTED_ENV,
        auth_settings,
        check_port,
        has_display,
        is_loopback,
        sign_in_problems,
        streamlit_flags,
    )
    from ecomap.settings import READ_ONLY_ENV, read_only_setting
    from ecomap.store import store_spec

    # A read-only setting ecomap cannot read stops here, before anything is imported.
    read_only = read_only_setting() or read_only
    script = _app_script()
    auth = auth_settings()
    if auth is not None:
        problems = sign_in_problems(auth)
        if problems:
            raise EcomapError(t("sign_in_config", _LANG, problems="; ".join(
                f"{p.where}: {t('auth_' + p.code, _LANG)}{f' ({p.detail})' if p.detail else ''}"
                for p in problems)))  # fmt: skip
    unprotected = not is_loopback(host) and auth is None
    if unprotected and not no_sign_in:
        raise EcomapError(t("no_sign_in", _LANG, host=host))
    check_port(host, port)
    spec = store_spec(store)
    if source is not None:
        import_(source, store=spec, replace=False, author=None, dry_run=False)
    flags, streamlit_env = streamlit_flags(
        _explorer_settings(script), host=host, port=port, headless=headless or not has_display()
    )
    env = dict(os.environ, **streamlit_env, ECOMAP_STORE=spec)
    env.pop(UNPROTECTED_ENV, None)
    if read_only:
        env[READ_ONLY_ENV] = "1"
    if unprotected:
        env[UNPROTECTED_ENV] = "1"
    # ``streamlit run``, with the map's first page made as the explorer starts.
    launcher = script.parent / "app_pages" / "streamlit_run.py"
    command = [sys.executable, str(launcher), "run", str(script), *flags]
    if auth is not None:
        # A shared map's data leaves through the export page, where rights are checked:
        # not through the tables' own CSV download or copy.
        command += ["--client.disableDataExport", "true"]
    if unprotected:
        typer.echo(t("unprotected", _LANG, host=host, port=port), err=True)
    _say(t("explorer", _LANG, url=_explorer_url(host, port), where=spec))
    raise typer.Exit(subprocess.call(command, env=env))


def _explorer_settings(script: Path) -> dict:
    """The project's Streamlit settings (``.streamlit/config.toml`` beside ``app.py``)."""
    import tomllib

    path = script.parent / ".streamlit" / "config.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise EcomapError(f"cannot read the explorer's settings {path}: {exc}") from None


def _explorer_url(host: str, port: int) -> str:
    """The address to open in a browser: this computer's name when serving a network."""
    import socket

    if host in ("0.0.0.0", "::", ""):
        host = socket.gethostname()
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


# -- backup --------------------------------------------------------------------------


@app.command()
def backup(
    path: Annotated[Path, typer.Argument(help="The file to write, e.g. sauvegarde-2026-03-01.db.")],
    store: StoreOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace PATH if it exists.")] = False,
) -> None:
    """Write a consistent copy of the store to PATH, even while the explorer is open."""
    from ecomap.store import backup_store, store_spec

    spec = store_spec(store)
    written = backup_store(spec, path, overwrite=force)
    _say(t("backed_up", _LANG, store=spec, path=written, size=_size(written.stat().st_size)))


def _size(count: int) -> str:
    from babel.units import format_unit

    locale = "fr_FR" if _LANG == "fr" else "en_GB"
    for unit in ("byte", "kilobyte", "megabyte"):
        if count < 1000:
            return format_unit(count, f"digital-{unit}", length="short", locale=locale,
                               format="#,##0.#")  # fmt: skip
        count /= 1000
    return format_unit(count, "digital-gigabyte", length="short", locale=locale, format="#,##0.#")


# -- history -------------------------------------------------------------------------


@app.command()
def history(
    store: StoreOption = None,
    limit: Annotated[int, typer.Option(help="How many changes, newest first.")] = 20,
    anonymise: AnonymiseOption = False,
) -> None:
    """The change log: what changed, when, by whom."""
    from rich.table import Table

    from ecomap.views.terminal import plain

    with _open(store) as s:
        changes = s.history(limit=limit, items=False)
        if anonymise:
            from dataclasses import replace

            hide = _store_hider(s, s.load())
            changes = [replace(c, summary=hide.text(c.summary), author=hide.text(c.author))
                       for c in changes]  # fmt: skip
    if not changes:
        _say(t("no_change", _LANG))
        return
    table = Table(title=t("history_title", _LANG), title_justify="left")
    for column in t("history_columns", _LANG).split("|"):
        table.add_column(column, overflow="fold")
    for c in changes:
        table.add_row(
            str(c.id), c.at.strftime("%Y-%m-%d %H:%M"), _action(c.action),
            plain(_change_text(c.summary)),
            plain(c.author or ""), str(c.size),
            t("undone_by", _LANG, id=c.undone_by) if c.undone_by else "",
        )  # fmt: skip
    _console().print(table)


def _action(action: str) -> str:
    from ecomap.ui_text import TEXT

    return TEXT.get(_LANG, TEXT["en"]).get(f"action_{action}", action)


def _change_text(summary: str) -> str:
    from ecomap.ui_text import change_text

    return change_text(summary, _LANG)


@app.command()
def undo(store: StoreOption = None) -> None:
    """Undo the last change (again to go further back)."""
    from ecomap.access import default_author

    with _open(store) as s:
        change = s.undo(author=default_author())
    if change is None:
        _say(t("nothing_to_undo", _LANG))
    else:
        _say(t("undone", _LANG, summary=_change_text(change.summary), id=change.id))


@snapshot_app.command("create")
def snapshot_create(
    name: Annotated[str, typer.Argument(help="A name, e.g. copil-2026-03.")],
    note: Annotated[str | None, typer.Option(help="What this snapshot is for.")] = None,
    store: StoreOption = None,
) -> None:
    """Save the current map under a name."""
    with _open(store) as s:
        info = s.snapshot_create(name, note=note)
    _say(
        t(
            "snapshot_saved",
            _LANG,
            name=info.name,
            actors=count("actor", info.counts.get("actors", 0), _LANG),
        )
    )


@snapshot_app.command("list")
def snapshot_list(store: StoreOption = None) -> None:
    """List the snapshots, oldest first."""
    from rich.table import Table

    from ecomap.views.terminal import plain

    with _open(store) as s:
        snapshots = s.snapshot_list()
    if not snapshots:
        _say(t("no_snapshot", _LANG))
        return
    table = Table(title=t("snapshots_title", _LANG), title_justify="left")
    for column in t("snapshots_columns", _LANG).split("|"):
        table.add_column(column, overflow="fold")
    for snap in snapshots:
        table.add_row(
            plain(snap.name), snap.at.strftime("%Y-%m-%d %H:%M"),
            str(snap.counts.get("actors", "")), str(snap.counts.get("relations", "")),
            plain(_change_text(snap.note or "")),
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
        _say(t("already_snapshot", _LANG, name=name))
    else:
        _say(t("restored", _LANG, name=name, records=count("record", len(change.items), _LANG)))


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
    anonymise: AnonymiseOption = False,
) -> None:
    """What changed between two snapshots (or a snapshot and now): data and analyses."""
    from ecomap.analysis.history import diff as compare

    day = _parse_as_of(as_of)
    with _open(store) as s:
        a, b = _version(s, before), _version(s, after)
        if anonymise:
            hide = _store_hider(s, b[2], lang=lang, also=(a[2],))
            a = (hide.text(a[0]), a[1], hide.ecosystem(a[2]))
            b = (hide.text(b[0]), b[1], hide.ecosystem(b[2]))
    result = compare(a[2], b[2], as_of=day, lang=lang)
    if format == "json":
        sys.stdout.write(json.dumps({"before": a[0], "after": b[0], **result},
                                    ensure_ascii=False, indent=2, allow_nan=False))  # fmt: skip
        sys.stdout.write("\n")
        return
    from ecomap.views.terminal import print_diff

    def shown(label: str) -> str:
        return "maintenant" if label == "now" and lang == "fr" else label

    print_diff(result, _console(), before=shown(a[0]), after=shown(b[0]), lang=lang)


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
    anonymise: AnonymiseOption = False,
    as_of: AsOfOption = None,
    geography: Annotated[
        bool,
        typer.Option("--geography", help="Add the map of the territory (actors with lat/lon)."),
    ] = False,
) -> None:
    """Write the steering-committee report (HTML or PDF, self-contained)."""
    from ecomap.views.report import write_report

    day = _parse_as_of(as_of)
    if out.suffix.lower() not in (".html", ".htm", ".pdf"):
        raise typer.BadParameter(t("report_not_html", _LANG), param_hint="--out")
    with _progress("report", 2) as step:
        step(t("progress_read", _LANG))
        eco, compared, hide = _report_inputs(source, store, since, anonymise, lang)
        step(t("progress_writing_report", _LANG))
        write_report(eco, out, lang=lang, as_of=day, since=compared, anonymise=hide,
                     geography=geography)  # fmt: skip
    _say(t("report_written", _LANG, out=out))
    if anonymise:
        _left_out()


def _report_inputs(source, store, since, anonymise, lang):
    """The map a report is written on, the snapshot it compares with, what anonymises it."""
    compared = None
    hide = None
    if source is not None:
        if since is not None:
            with _open(store) as s:
                compared = _version(s, since)
        if anonymise:
            eco, hide = _read(source, anonymise=True, store=store, lang=lang,
                              also=() if compared is None else (compared[2],))  # fmt: skip
        else:
            eco = _read(source)
    else:
        with _open(store) as s:
            eco = s.load()
            compared = _version(s, since) if since is not None else None
            if anonymise:
                hide = _store_hider(s, eco, lang=lang,
                                    also=() if compared is None else (compared[2],))  # fmt: skip
    return eco, compared, hide


def _progress(title: str, total: int, *, wanted: bool = True):
    """A progress bar on standard error for a long command, only when it is a terminal
    (:func:`ecomap.progress.steps`); ``wanted`` False when JSON goes to standard output."""
    from ecomap.progress import steps

    return steps(total, t(f"progress_{title}", _LANG), wanted=wanted)


def _section_title(section: str) -> str:
    """An analysis section's title in the command's language, for the progress bar."""
    from ecomap.views.terminal import SECTION_TITLES

    titles = SECTION_TITLES.get(section)
    if titles is None:
        return t("progress_json" if section == "json" else "progress_summary", _LANG)
    return titles[_LANG == "fr"]


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


def _command(lang: str):
    """The command tree, its help in ``lang`` and its ``--lang`` options defaulting to it."""
    import typer.main

    command = typer.main.get_command(app)
    speak(command, lang)
    for sub in getattr(command, "commands", {}).values():
        for param in sub.params:
            if param.name == "lang" and sub.name not in ("report", "template"):
                param.default = Language(lang)
            elif param.default == "now" and lang == "fr":
                param.default = "maintenant"  # the current map, as _NOW reads it
    return command


def _print_usage_error(exc, lang: str) -> None:
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        typer.echo(t("try_help", lang, command=ctx.command_path), err=True)
    typer.echo(t("usage_error", lang, message=usage_error(exc.format_message(), lang)), err=True)


def _located(issue: Issue, lang: str) -> str:
    where = issue.file
    if issue.line is not None:
        where += t("issue_line", lang, line=issue.line)
    if issue.column:
        where += t("issue_column", lang, column=issue.column)
    value = "" if issue.value in (None, "") else t("issue_value", lang, value=repr(issue.value))
    return f"{where}{':' if lang == 'en' else ' :'} {issue.message}{value}"


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (never raise to the user)."""
    global _LANG
    _quiet_libraries()
    args = list(sys.argv[1:] if argv is None else argv)
    lang = _LANG = choose_language(args, os.environ)
    try:
        code = _command(lang).main(args=args, prog_name="ecomap", standalone_mode=False)
    except (click.exceptions.Exit, typer.Exit) as exc:
        return exc.exit_code
    except (click.exceptions.Abort, typer.Abort):
        typer.echo(t("aborted", lang), err=True)
        return 1
    except typer.BadParameter as exc:
        _print_usage_error(exc, lang)
        return exc.exit_code
    except (click.ClickException, typer.TyperException) as exc:
        if hasattr(exc, "ctx"):  # a wrong command line
            _print_usage_error(exc, lang)
        else:
            typer.echo(t("error", lang, message=exc.format_message()), err=True)
        return getattr(exc, "exit_code", 1)
    except InputError as exc:
        only = exc.issues[0] if len(exc.issues) == 1 else None
        if only is not None and only.line is None and not only.column:
            # A problem with a whole file (missing, too large, not writable) reads
            # best as one line; a table is for problems located in rows and columns.
            typer.echo(t("error", lang, message=_located(only, lang)), err=True)
        else:
            problems = count("problem", len(exc.issues), lang)
            _print_issues(exc.issues, title=t("problems_found", lang, problems=problems))
            message = t("input_error", lang, problems=count("error", len(exc.issues), lang))
            typer.echo(t("error", lang, message=message), err=True)
        return 1
    except EcomapError as exc:
        typer.echo(t("error", lang, message=in_language(str(exc), lang)), err=True)
        return 1
    except ValueError as exc:
        typer.echo(t("error", lang, message=exc), err=True)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("ECOMAP_DEBUG"):
            traceback.print_exc()
        typer.echo(t("unexpected", lang, kind=type(exc).__name__, message=exc), err=True)
        return 70
    return code if isinstance(code, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
