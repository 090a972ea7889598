"""The ``ecomap analyse`` document, readable in a terminal (rich tables)."""

from __future__ import annotations

import re
from typing import Any

from ecomap.i18n import say

__all__ = ["print_analysis", "print_diff", "cell", "plain"]

#: Columns shown per section, in order; the first that exists of each alternative wins.
_COLUMNS: dict[str, list[str | tuple[str, ...]]] = {
    "fragile_links": [("names", "organisations"), "bus_factor", "carriers", "instituted",
                      "fragile", "reasons"],
    "key_people": [("name", "person"), "links_lost", "links", "reasons"],
    "imbalances": [("names", "dominant"), "score", "reasons", "counterweights"],
    "power_interest": [("name", "actor"), "power", "interest", "quadrant"],
    "bridges": [("name", "actor"), "betweenness", "articulation_point", "constraint",
                "effective_size", "brokerage", "levels_bridged"],
    "stakes": [("name", "stake"), "supporters", "opponents", "balance", "contested"],
    "latent_tensions": [("names", "actors"), ("stake_name", "stake"), "score", "reasons"],
    "untapped_cooperation": [("names", "actors"), "score", "reasons"],
    "tension_opportunities": [("names", "actors", "parties"), "shared_stakes", "reasons"],
    "health": [("names", "actors"), "mean", "weakest", "instituted_space", "reasons"],
    "health_by_actor": [("name", "actor"), "mean", "weakest", "cooperations", "reasons"],
    "facilitators": [("names", "parties"), "candidates"],
    "space_audit": [("name", "space"), "flagged", "issues"],
}  # fmt: skip

_TEXT = {
    "en": {
        "more": "… and {n} more (ecomap analyse --format json shows everything)",
        "empty": "nothing found",
        "summary": "{actors} actors, {relations} relations, {stakes} stakes, {spaces} spaces, "
        "{components} connected component(s)",
    },
    "fr": {
        "more": "… et {n} de plus (ecomap analyse --format json montre tout)",
        "empty": "rien de trouvé",
        "summary": "{actors} acteurs, {relations} relations, {stakes} enjeux, {spaces} dispositifs, "
        "{components} composante(s) connexe(s)",
    },
}
_TITLES = {
    "en": {},
    "fr": {
        "fragile_links": "liens fragiles",
        "key_people": "personnes clés",
        "imbalances": "déséquilibres de pouvoir",
        "power_interest": "grille pouvoir–intérêt",
        "bridges": "acteurs passerelles",
        "stakes": "enjeux",
        "latent_tensions": "tensions latentes",
        "untapped_cooperation": "coopérations inexploitées",
        "tension_opportunities": "tensions et intérêts partagés",
        "engagement": "engagement",
        "health": "santé des coopérations (A.C.T.E.R)",
        "health_by_actor": "santé des coopérations par acteur",
        "facilitators": "tiers neutres",
        "space_audit": "audit des dispositifs",
        "levels": "niveaux",
    },
}


_HEADERS_FR = {
    "name": "nom", "names": "noms", "actor": "acteur", "actors": "acteurs",
    "organisations": "structures", "bus_factor": "bus factor", "carriers": "porté par",
    "instituted": "institué", "fragile": "fragile", "reasons": "raisons", "person": "personne",
    "links_lost": "liens perdus", "links": "liens", "dominant": "dominant", "score": "score",
    "counterweights": "contrepoids", "power": "pouvoir", "interest": "intérêt",
    "quadrant": "quadrant", "betweenness": "intermédiarité",
    "articulation_point": "point d'articulation", "constraint": "contrainte",
    "effective_size": "taille effective", "brokerage": "courtage",
    "levels_bridged": "niveaux reliés", "stake": "enjeu", "stake_name": "enjeu",
    "supporters": "partisans", "opponents": "opposants", "balance": "équilibre",
    "contested": "disputé", "shared_stakes": "enjeux partagés", "parties": "parties",
    "mean": "moyenne", "weakest": "clé la plus faible", "instituted_space": "dispositif institué",
    "cooperations": "coopérations", "candidates": "candidats", "space": "dispositif",
    "flagged": "signalé", "issues": "problèmes", "power_index": "indice de pouvoir",
    "cooperates_with": "coopère avec", "leverage": "levier", "alignment": "alignement",
    "ties": "liens", "dependence": "dépendance",
}  # fmt: skip


def _header(column: str, lang: str) -> str:
    return _HEADERS_FR.get(column, column.replace("_", " ")) if lang == "fr" else column


#: Columns that hold actor ids (or pairs of them): shown as names when names are known.
_ID_COLUMNS = {"carriers", "critical", "supporters", "opponents", "neutral", "links",
               "cooperates_with", "leaving", "isolated", "links_ended", "structures",
               "facilitators", "parties", "actors", "organisations"}  # fmt: skip
#: Columns holding one pair: shown "A — B".
_PAIR_COLUMNS = {"organisations", "actors", "parties", "names"}
_YES_NO = {"en": ("yes", "no"), "fr": ("oui", "non")}


def cell(value: Any, *, limit: int = 160, lang: str = "en") -> str:
    """One value as short text: lists joined, floats to 3 significant decimals.

    Zero counts in a mapping are left out (a broker's roles it never plays).

    >>> cell([1.23456, "a"]), cell(True), cell(None), cell({"liaison": 2, "consultant": 0})
    ('1.235, a', 'yes', '', 'liaison: 2')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        yes, no = _YES_NO.get(lang, _YES_NO["en"])
        return yes if value else no
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    if isinstance(value, dict):
        if {"actor", "score"} <= value.keys():
            return f"{value.get('name') or value['actor']} ({cell(value['score'])})"
        text = ", ".join(f"{k}: {cell(v, lang=lang)}" for k, v in value.items() if v != 0)
    elif isinstance(value, list | tuple):
        text = ", ".join(cell(v, limit=limit, lang=lang) for v in value)
        if value and isinstance(value[0], str) and len(value[0]) > 40:
            text = "; ".join(value)  # reasons are sentences
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Control characters other than tab and line feed: ESC starts the sequences that move
# the cursor, clear the screen, retitle the window or make hidden links.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str):
    """User-written text as a terminal shows it: never read as rich markup (``[link=…]``,
    ``[/bold]``), control characters shown as ``\\x1b`` instead of obeyed.

    >>> plain("[/bold] \\x1b[2J").plain
    '[/bold] \\\\x1b[2J'
    """
    from rich.text import Text

    return Text(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text))


def _named(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, list | tuple):
        return [_named(v, names) for v in value]
    return value


def _column_cell(value: Any, column: str, names: dict[str, str], lang: str) -> str:
    if column in _ID_COLUMNS:
        value = _named(value, names)
    if column in _PAIR_COLUMNS and isinstance(value, list) and len(value) == 2:
        return " — ".join(cell(v, lang=lang) for v in value)
    return cell(value, lang=lang)


def _records_table(title: str, records: list[dict], columns, lang: str, rows: int,
                   names: dict[str, str]):  # fmt: skip
    from rich.table import Table

    chosen: list[str] = []
    for alternatives in columns or sorted({k for r in records for k in r}):
        options = alternatives if isinstance(alternatives, tuple) else (alternatives,)
        found = next((c for c in options if any(c in r for r in records)), None)
        if found:
            chosen.append(found)
    table = Table(title=title, title_justify="left", show_lines=True)
    for column in chosen:
        table.add_column(_header(column, lang), overflow="fold")
    for record in records[:rows]:
        if "counterweights" in record:
            record = {**record, "counterweights": record["counterweights"][:3]}
        table.add_row(*(plain(_column_cell(record.get(c), c, names, lang)) for c in chosen))
    if len(records) > rows:
        table.caption = say(_TEXT, "more", lang, n=len(records) - rows)
    return table


def print_analysis(document: dict[str, Any], console, *, lang: str = "en", rows: int = 15,
                   names: dict[str, str] | None = None) -> None:  # fmt: skip
    """Print every section of an ``analyse`` document as tables (ids shown as ``names``)."""
    names = names or {}
    titles = _TITLES.get(lang, {})
    for section, value in document.items():
        title = titles.get(section, section.replace("_", " "))
        if section == "summary":
            console.print(say(_TEXT, "summary", lang, **value), markup=False)
            continue
        if isinstance(value, list):
            if not value:
                console.print(f"{title}: {say(_TEXT, 'empty', lang)}", markup=False)
                continue
            console.print(_records_table(title, value, _COLUMNS.get(section), lang, rows, names))
        elif isinstance(value, dict):
            for part, inner in value.items():
                name = f"{title} — {part.replace('_', ' ')}"
                if isinstance(inner, list) and inner and isinstance(inner[0], dict):
                    console.print(_records_table(name, inner, None, lang, rows, names))
                elif isinstance(inner, list) and not inner:
                    console.print(f"{name}: {say(_TEXT, 'empty', lang)}", markup=False)
                else:
                    shown = _named(inner, names) if part in _ID_COLUMNS else inner
                    console.print(plain(f"{name}: {cell(shown, limit=400, lang=lang)}"))


_DIFF = {
    "en": {"title": "Changes from {before} to {after}", "kind": "records", "added": "added",
           "removed": "removed", "changed": "changed", "analysis": "What it means",
           "nothing": "no change in the analysis results"},
    "fr": {"title": "Changements de {before} à {after}", "kind": "fiches", "added": "ajouts",
           "removed": "retraits", "changed": "modifications", "analysis": "Ce que cela change",
           "nothing": "aucun changement dans les résultats d'analyse"},
}  # fmt: skip


def print_diff(result: dict[str, Any], console, *, before: str, after: str, lang: str = "en",
               rows: int = 30) -> None:  # fmt: skip
    """Print a :func:`ecomap.analysis.history.diff` result: counts, field changes, meaning."""
    from rich.table import Table

    text = _DIFF.get(lang, _DIFF["en"])
    # Snapshot names are user-written: the title is plain text too.
    title = plain(text["title"].format(before=before, after=after))
    table = Table(title=title, title_justify="left")
    for column in (text["kind"], text["added"], text["removed"], text["changed"]):
        table.add_column(column)
    for kind, parts in result["data"].items():
        table.add_row(kind, *(str(len(parts[p])) for p in ("added", "removed", "changed")))
    console.print(table)
    details = Table(show_header=True, title_justify="left")
    for column in ("", "key", "field", "before", "after"):
        details.add_column(column, overflow="fold")
    shown = 0
    for kind, parts in result["data"].items():
        for operation in ("added", "removed"):
            for record in parts[operation]:
                key = (
                    record.get("id")
                    or f"{record.get('type')} {record.get('source')}→{record.get('target')}"
                )
                details.add_row(f"{kind} {text[operation]}", plain(key), "", "", "")
                shown += 1
        for change in parts["changed"]:
            for field, (old, new) in change["fields"].items():
                details.add_row(f"{kind} {text['changed']}", plain(change["key"]),
                                plain(field), plain(cell(old)), plain(cell(new)))  # fmt: skip
                shown += 1
    if shown:
        console.print(details)
    reasons = result["analysis"]["reasons"]
    console.print(f"\n{text['analysis']}:", markup=False)
    for reason in reasons or [text["nothing"]]:
        console.print(plain(f"  • {reason}"))
