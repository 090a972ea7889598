"""The ``ecomap`` analyses, readable in a terminal: one table per section, in plain words.

Names, never ids; every reason whole (wrapped in its cell); the first rows of each
section with the command that shows the rest; numbers written the language's way
(Babel). Every section title is also a name ``ecomap analyse --only`` accepts
(:func:`section_key`), in English and in French.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ecomap.analysis import json_ready
from ecomap.analysis.reasons import in_words
from ecomap.i18n import label, say

__all__ = [
    "SECTION_TITLES",
    "cell",
    "number",
    "plain",
    "print_analysis",
    "print_counterweights",
    "print_diff",
    "print_facilitators",
    "print_what_if",
    "section_key",
    "slug",
]

#: Rows shown per section unless ``--all``.
ROWS = 5

#: Section of the ``analyse`` document → its title (English, French).
SECTION_TITLES: dict[str, tuple[str, str]] = {
    "fragile_links": ("Fragile links", "Liens fragiles"),
    "key_people": ("Key people", "Personnes clés"),
    "imbalances": ("Power imbalances", "Déséquilibres de pouvoir"),
    "power_interest": ("Power–interest grid", "Grille pouvoir–intérêt"),
    "bridges": ("Bridging actors", "Acteurs passerelles"),
    "stakes": ("Stakes", "Enjeux"),
    "latent_tensions": ("Latent tensions", "Tensions latentes"),
    "untapped_cooperation": ("Untapped cooperation", "Coopérations à engager"),
    "tension_opportunities": ("Tensions and common ground", "Tensions et terrains communs"),
    "engagement": ("Engagement", "Engagement"),
    "health": ("Cooperation health", "Santé des coopérations"),
    "health_by_actor": ("Cooperation health by actor", "Santé des coopérations par acteur"),
    "facilitators": ("Neutral third parties", "Tiers neutres"),
    "space_audit": ("Audit of the spaces", "Audit des dispositifs"),
    "levels": ("Levels", "Niveaux"),
}
#: Tables inside a section: (section, part) → title (English, French).
_PART_TITLES: dict[tuple[str, str], tuple[str, str]] = {
    ("engagement", "drivers"): ("Drivers and their load", "Moteurs et leur charge"),
    ("engagement", "followers_at_risk"): (
        "Followers with no driver nearby", "Suiveurs sans moteur proche"),
    ("levels", "counts"): ("Actors and ties per level", "Acteurs et liens par niveau"),
    ("levels", "cross_level_bridges"): (
        "Actors who cooperate across levels", "Acteurs qui coopèrent entre niveaux"),
}  # fmt: skip
#: Titles that open a section the analysis computes with another one.
_PART_OF = {"health_by_actor": "health"}


def slug(text: str) -> str:
    """A title as a short name: lower case, no accents, words joined by hyphens.

    >>> slug("Personnes clés"), slug("Grille pouvoir–intérêt"), slug("fragile_links")
    ('personnes-cles', 'grille-pouvoir-interet', 'fragile-links')
    """
    letters = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(c for c in letters if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", bare).strip("-")


def _aliases() -> dict[str, str]:
    names: dict[str, str] = {}
    for key, titles in SECTION_TITLES.items():
        for name in (key, *titles):
            names[slug(name)] = _PART_OF.get(key, key)
    for (key, _part), titles in _PART_TITLES.items():
        for name in titles:
            names.setdefault(slug(name), key)
    return names


_ALIASES = _aliases()


def section_key(name: str) -> str | None:
    """The ``analyse`` section a name means: its key, or a title in either language.

    >>> section_key("liens-fragiles"), section_key("Personnes clés"), section_key("bridges")
    ('fragile_links', 'key_people', 'bridges')
    >>> section_key("Santé des coopérations par acteur"), section_key("fragile") is None
    ('health', True)
    """
    return _ALIASES.get(slug(name))


def section_names(lang: str) -> list[str]:
    """The short names of the sections, as ``--only`` lists them in ``lang``."""
    i = 1 if lang == "fr" else 0
    return [slug(SECTION_TITLES[k][i]) for k in SECTION_TITLES if k not in _PART_OF]


def _title(section: str, lang: str, part: str | None = None) -> str:
    titles = _PART_TITLES[(section, part)] if part else SECTION_TITLES[section]
    return titles[1] if lang == "fr" else titles[0]


# -- words -----------------------------------------------------------------------------

_TEXT = {
    "en": {
        "more": "… {n} more: {command} --only {name} --all",
        "empty": "{title}: nothing found.",
        "summary": "The map: {actors} ({kinds}), {relations}, {stakes}, {spaces}; {components}.",
        "components_one": "every actor is reachable from every other",
        "components": "{n} parts of the network with no tie between them",
        "yes": "yes",
        "no": "no",
        "over": "{d} over {w}",
        "threshold": "Overload threshold: a load above {value} (cooperations + meetings a "
        "year / 12). Drivers within {steps} steps count as nearby.",
        "folded": "{title}: {nodes} nodes, {edges} folded ties, {internal} ties inside a "
        "folded node.",
        "folded_meso": "Map folded by organisation",
        "folded_macro": "Map folded by institution",
        "ties_with": "ties with {level}",
        "ties_help": "Ties: cooperation, power and tension relations between actors of the two "
        "levels.",
        "what_if_one": "What if {names} leaves",
        "what_if": "What if {names} leave",
        "what_if_nobody": "Nobody leaves in this period.",
        "what_if_counts": "{ended} end, {weakened} weakened, {isolated} isolated, {split} split.",
        "counterweights": "Possible counterweights, best first",
        "counterweights_line": "→ possible counterweights: {names}",
        "facilitators": "Possible neutral third parties, best first",
        "none": "Nobody found.",
    },
    "fr": {
        "more": "… {n} autres : {command} --only {name} --all",
        "empty": "{title} : rien de trouvé.",
        "summary": "La carte : {actors} ({kinds}), {relations}, {stakes}, {spaces} ; {components}.",
        "components_one": "chaque acteur est relié à tous les autres",
        "components": "{n} parties du réseau sans lien entre elles",
        "yes": "oui",
        "no": "non",
        "over": "{d} sur {w}",
        "threshold": "Seuil de surcharge : une charge au-dessus de {value} (coopérations + "
        "réunions par an / 12). Un moteur à {steps} pas ou moins compte comme proche.",
        "folded": "{title} : {nodes} nœuds, {edges} liens regroupés, {internal} liens internes "
        "à un nœud regroupé.",
        "folded_meso": "Carte regroupée par organisation",
        "folded_macro": "Carte regroupée par institution",
        "ties_with": "liens avec {level}",
        "ties_help": "Liens : relations de coopération, de pouvoir et de tension entre acteurs "
        "des deux niveaux.",
        "what_if_one": "Et si {names} part",
        "what_if": "Et si {names} partent",
        "what_if_nobody": "Personne ne part dans cette période.",
        "what_if_counts": "{ended} s'arrêtent, {weakened} affaiblis, {isolated}, {split}.",
        "counterweights": "Contrepoids possibles, du plus prometteur au moins prometteur",
        "counterweights_line": "→ contrepoids possibles : {names}",
        "facilitators": "Tiers neutres possibles, du plus prometteur au moins prometteur",
        "none": "Personne n'a été trouvé.",
    },
}
_COUNTED = {
    "en": {"link": ("{n} link", "{n} links"), "actor_isolated": ("{n} actor", "{n} actors"),
           "group_split": ("{n} group", "{n} groups"), "person": ("{n} person", "{n} people"),
           "organisation": ("{n} organisation", "{n} organisations"),
           "institution": ("{n} institution", "{n} institutions")},
    "fr": {"link": ("{n} lien", "{n} liens"),
           "actor_isolated": ("{n} acteur isolé", "{n} acteurs isolés"),
           "group_split": ("{n} groupe scindé", "{n} groupes scindés"),
           "person": ("{n} personne", "{n} personnes"),
           "organisation": ("{n} organisation", "{n} organisations"),
           "institution": ("{n} institution", "{n} institutions")},
}  # fmt: skip


def _locale(lang: str) -> str:
    return "fr_FR" if lang == "fr" else "en_GB"


def number(value: float | int, lang: str = "en") -> str:
    """A number as the language writes it: at most two decimals, thousands separated.

    >>> number(4.529, "fr"), number(9850, "fr"), number(0.5), number(12000)
    ('4,53', '9\\u202f850', '0.5', '12,000')
    """
    try:
        return _number(value, lang)
    except TypeError:  # a value that cannot be a key of the cache: said as it is
        return _number.__wrapped__(value, lang)


# A table prints the same few numbers again and again: each (value, type, language)
# is formatted by Babel once.
@lru_cache(maxsize=4096, typed=True)
def _number(value: float | int, lang: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.##", locale=_locale(lang))


def _percent(value: float, lang: str) -> str:
    from babel.numbers import format_percent

    return format_percent(value, format="#,##0.#\u00a0%" if lang == "fr" else "#,##0.#%",
                          locale=_locale(lang))  # fmt: skip


def _counted(word: str, n: int, lang: str) -> str:
    from babel import Locale

    if word in _COUNTED["en"]:
        one, other = _COUNTED.get(lang, _COUNTED["en"])[word]
        form = one if Locale.parse(_locale(lang)).plural_form(n) == "one" else other
        return form.format(n=number(n, lang))
    from ecomap.cli_text import count

    return count(word, n, lang)


def cell(value: Any, *, lang: str = "en") -> str:
    """One value as text: lists joined, numbers the language's way, yes/no.

    >>> cell([1.23456, "a"]), cell(True), cell(None), cell(2.5, lang="fr")
    ('1.23, a', 'yes', '', '2,5')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return say(_TEXT, "yes" if value else "no", lang)
    if isinstance(value, int | float):
        return number(value, lang)
    if isinstance(value, list | tuple):
        return ", ".join(cell(v, lang=lang) for v in value)
    return str(value)


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


class _Cell:
    """A table cell of plain text, rendered as :func:`plain`'s ``Text`` renders it.

    Used for text whose every character is one cell wide (no tab, no wide or zero-width
    character): word wrapping, cropping and justifying then only count characters, and
    this does for one cell what ``Text.wrap`` does, without its objects per line and
    per span — the same lines, the same segments (the cell has no style), so the same
    bytes in a file as in a terminal. Other text keeps a ``Text``.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __rich_measure__(self, console, options):
        from rich.cells import cell_len
        from rich.measure import Measurement

        # Text.__rich_measure__, the same expressions.
        text = self.text
        lines = text.splitlines()
        widest = max(cell_len(line) for line in lines) if lines else 0
        words = text.split()
        return Measurement(max(cell_len(word) for word in words) if words else widest, widest)

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        justify = options.justify or "default"
        overflow = options.overflow or "fold"
        width = options.max_width
        if (
            options.no_wrap
            or width < 1
            or justify not in ("default", "left", "right")
            or overflow not in ("fold", "crop", "ellipsis")
        ):
            yield from plain(self.text).__rich_console__(console, options)
            return
        lines: list[str] = []
        for line in self.text.split("\n"):
            lines.extend(_wrapped(line, width, justify, overflow))
        yield Segment("\n".join(lines))
        yield Segment("\n")


_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")


def _breaks(text: str, width: int, fold: bool) -> list[int]:
    """Where rich's ``divide_line`` breaks ``text`` (every character one cell wide)."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            if fold:
                pieces = [word[i : i + width] for i in range(0, len(word), width)]
                for piece in pieces[:-1]:
                    if start:
                        breaks.append(start)
                    start += len(piece)
                if start:
                    breaks.append(start)
                offset = len(pieces[-1])
            else:
                if start:
                    breaks.append(start)
                offset = len(word)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _cut(text: str, width: int, overflow: str) -> str:
    """``Text.truncate`` without padding, for text of one-cell characters."""
    if len(text) > width:
        return text[: width - 1] + "…" if overflow == "ellipsis" else text[:width]
    return text


def _wrapped(line: str, width: int, justify: str, overflow: str) -> list[str]:
    """``Text.wrap`` of one line of a :class:`_Cell`: its lines, justified and cut."""
    offsets = [0, *_breaks(line, width, overflow == "fold"), len(line)]
    lines = []
    for start, end in zip(offsets, offsets[1:], strict=False):
        piece = line[start:end]
        excess = len(piece) - width
        if excess > 0:  # Text.rstrip_end
            space = _TRAILING_SPACE.search(piece)
            if space is not None:
                piece = piece[: len(piece) - min(len(space.group()), excess)]
        if justify == "left":
            size = len(piece)
            piece = _cut(piece, width, overflow)
            if size < width:
                piece += " " * (width - size)
        elif justify == "right":
            piece = _cut(piece.rstrip(), width, overflow)
            piece = " " * (width - len(piece)) + piece
        lines.append(_cut(piece, width, overflow))
    return lines


def _one_cell_wide(text: str) -> bool:
    """Whether every character of ``text`` but its line feeds takes one terminal cell."""
    try:
        from rich.cells import _SINGLE_CELLS, get_character_cell_size
    except ImportError:  # another rich: every cell a Text
        return False
    others = set(text).difference(_SINGLE_CELLS)
    others.discard("\n")
    return all(get_character_cell_size(c) == 1 for c in others)


def _cell(text: str):
    """A data cell of a table: a :class:`_Cell` when it can be one, else :func:`plain`."""
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return _Cell(text) if _one_cell_wide(text) else plain(text)


# -- columns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a section's table: its heading and how a record fills it."""

    en: str
    fr: str
    show: Callable[[dict, dict[str, str], str], str]
    kind: str = "text"  # "text", "short" (a word), "number" (right-aligned), "reasons" (widest)


def _name(field: str, id_field: str | None = None):
    def show(record, names, lang):
        value = record.get(field)
        if value is None and id_field:
            value = names.get(record.get(id_field), record.get(id_field))
        return "" if value is None else str(value)

    return show


def _pair(record, names, lang):
    shown = record.get("names") or [names.get(i, i) for i in
                                    record.get("actors") or record.get("parties") or []]  # fmt: skip
    return " — ".join(str(n) for n in shown)


def _ids(field: str):
    def show(record, names, lang):
        return ", ".join(names.get(i, i) for i in record.get(field) or [])

    return show


def _value(field: str, fmt: Callable[[Any, str], str] | None = None):
    def show(record, names, lang):
        value = record.get(field)
        if value is None:
            return ""
        return fmt(value, lang) if fmt else cell(value, lang=lang)

    return show


def _ui(prefix: str):
    from ecomap.ui_text import TEXT

    def fmt(value, lang):
        words = TEXT.get(lang, TEXT["en"])
        return words.get(f"{prefix}{value}", label(value, lang))

    return fmt


def _length(field: str):
    return lambda record, names, lang: number(len(record.get(field) or []), lang)


def _reasons(record, names, lang):
    return "\n".join(f"• {reason}" for reason in record.get("reasons") or [])


def _counterweights(record, lang):
    from ecomap.i18n import listing

    shown = [c.get("name") or c["actor"] for c in (record.get("counterweights") or [])[:3]]
    return (
        "\n" + say(_TEXT, "counterweights_line", lang, names=listing(shown, lang)) if shown else ""
    )


def _over(record, names, lang):
    d, w = (record.get("names") or [record.get("dominant"), record.get("weaker")])[:2]
    return say(_TEXT, "over", lang, d=d, w=w)


def _candidates(record, names, lang):
    return "\n".join(f"• {c.get('name') or names.get(c['actor'], c['actor'])}"
                     for c in record.get("candidates") or [])  # fmt: skip


def _levels_reached(record, names, lang):
    return ", ".join(label(level, lang) for level in record.get("levels_bridged") or [])


_WHY = Column("why", "pourquoi", _reasons, "reasons")
_COLUMNS: dict[str, list[Column]] = {
    "fragile_links": [
        Column("link between", "lien entre", _pair),
        Column(
            "departures that end the link",
            "départs qui coupent le lien",
            _value("bus_factor"),
            "number",
        ),
        Column("instituted link", "lien institué", _value("instituted"), "short"),
        _WHY,
    ],
    "key_people": [
        Column("person", "personne", _name("name", "person")),
        Column(
            "links lost if they leave", "liens perdus si elle part", _value("links_lost"), "number"
        ),
        _WHY,
    ],
    "imbalances": [
        Column("who holds power over whom", "qui domine qui", _over),
        Column("severity", "gravité du déséquilibre", _value("score"), "number"),
        Column(
            "why, and who could rebalance it",
            "pourquoi, et qui pourrait rééquilibrer",
            lambda r, n, lang: _reasons(r, n, lang) + _counterweights(r, lang),
            "reasons",
        ),
    ],
    "power_interest": [
        Column("actor", "acteur", _name("name", "actor")),
        Column("power index (0–1)", "indice de pouvoir (0–1)", _value("power"), "number"),
        Column(
            "interest in the stakes (0–1)",
            "intérêt pour les enjeux (0–1)",
            _value("interest"),
            "number",
        ),
        Column("how to involve them", "comment l'associer", _value("quadrant", _ui("quadrant_"))),
        _WHY,
    ],
    "bridges": [
        Column("actor", "acteur", _name("name", "actor")),
        Column(
            "go-between position (share of shortest paths)",
            "position de passerelle (part des plus courts chemins)",
            _value("betweenness", _percent),
            "number",
        ),
        Column(
            "departure splits the network",
            "son départ coupe le réseau",
            _value("articulation_point"),
            "short",
        ),
        _WHY,
    ],
    "stakes": [
        Column("stake", "enjeu", _name("name", "stake")),
        Column("for", "pour", _length("supporters"), "number"),
        Column("against", "contre", _length("opponents"), "number"),
        Column("contested stake", "enjeu disputé", _value("contested"), "short"),
        _WHY,
    ],
    "latent_tensions": [
        Column("actors", "acteurs", _pair),
        Column("stake", "enjeu", _name("stake_name", "stake")),
        Column(
            "strength of the disagreement",
            "force du désaccord qui couve",
            _value("score"),
            "number",
        ),
        _WHY,
    ],
    "untapped_cooperation": [
        Column("actors", "acteurs", _pair),
        Column("reason to cooperate", "intérêt à coopérer", _value("score"), "number"),
        _WHY,
    ],
    "tension_opportunities": [
        Column("in tension", "en tension", _pair),
        Column("shared stakes", "enjeux partagés", _length("shared_stakes"), "number"),
        _WHY,
    ],
    "drivers": [
        Column("driver", "moteur", _name("name", "actor")),
        Column("load", "charge d'un moteur", _value("load"), "number"),
        Column("overloaded", "surchargé", _value("overloaded"), "short"),
        _WHY,
    ],
    "followers_at_risk": [
        Column("follower", "suiveur", _name("name", "actor")),
        Column(
            "nearest driver",
            "moteur le plus proche",
            _name("nearest_driver_name", "nearest_driver"),
        ),
        Column(
            "steps to the nearest driver",
            "pas jusqu'au moteur le plus proche",
            _value("distance"),
            "number",
        ),
        _WHY,
    ],
    "health": [
        Column("cooperation between", "coopération entre", _pair),
        Column("mean score (0–3)", "note moyenne (0–3)", _value("mean"), "number"),
        Column("weakest key", "clé la plus faible", _value("weakest", _ui("acter_"))),
        _WHY,
    ],
    "health_by_actor": [
        Column("actor", "acteur", _name("name", "actor")),
        Column("mean score (0–3)", "note moyenne (0–3)", _value("mean"), "number"),
        Column("weakest key", "clé la plus faible", _value("weakest", _ui("acter_"))),
        Column("scored cooperations", "coopérations notées", _value("cooperations"), "number"),
        _WHY,
    ],
    "facilitators": [
        Column("parties in tension", "parties en tension", _pair),
        Column("possible neutral third parties", "tiers neutres possibles", _candidates),
    ],
    "space_audit": [
        Column("space", "dispositif", _name("name", "space")),
        Column("space to review", "dispositif à revoir", _value("flagged"), "short"),
        _WHY,
    ],
    "cross_level_bridges": [
        Column("actor", "acteur", _name("name", "actor")),
        Column("level", "niveau", _value("level", label), "short"),
        Column("other levels reached", "autres niveaux atteints", _levels_reached),
        _WHY,
    ],
    "candidates": [
        Column("actor", "acteur", _name("name", "actor")),
        Column("counterweight strength", "capacité de contrepoids", _value("score"), "number"),
        _WHY,
    ],
    "facilitator_candidates": [
        Column("actor", "acteur", _name("name", "actor")),
        Column("cooperates with", "coopère avec", _ids("cooperates_with")),
        _WHY,
    ],
}


def _table(title: str | None, records: list[dict], columns: list[Column], lang: str,
           names: dict[str, str], caption: str | None = None):  # fmt: skip
    from rich.table import Table

    table = Table(title=title, title_justify="left", title_style="bold", show_lines=True,
                  expand=any(c.kind == "reasons" for c in columns), caption=caption,
                  caption_justify="left")  # fmt: skip
    cells = [[column.show(record, names, lang) for column in columns] for record in records]
    for i, column in enumerate(columns):
        heading = column.fr if lang == "fr" else column.en
        # Wide enough for the longest word (a name is never cut in the middle of a word),
        # up to a limit a normal terminal can give every column.
        longest = max((len(w) for row in cells for w in row[i].split()), default=0) + 2
        fit = max(len(w) for w in heading.split()) + 2  # the cell's padding
        if column.kind == "number":
            widest = max((len(row[i]) for row in cells), default=0) + 2
            table.add_column(heading, justify="right", max_width=max(fit, widest, 9))
        elif column.kind == "reasons":
            table.add_column(heading, ratio=3, min_width=min(max(longest, 30), 40), overflow="fold")
        elif column.kind == "short":
            table.add_column(heading, min_width=fit)
        else:
            table.add_column(heading, ratio=2, min_width=min(max(longest, fit, 12), 28),
                             overflow="fold")  # fmt: skip
    for row in cells:
        table.add_row(*(_cell(text) for text in row))
    return table


# -- the analyse document ----------------------------------------------------------------


def _section_table(section: str, part: str | None, records: list[dict], *, lang: str,
                   rows: int | None, names: dict[str, str], command: str):  # fmt: skip
    key = part or section
    title = _title(section, lang, part)
    # Only the rows shown are made plain and put into words (the analyses may keep
    # reasons as codes: ecomap.analysis.analyse(words=False)).
    shown = json_ready(in_words(records if rows is None else records[:rows], lang))
    # A table made only as far as it is shown (analyse(rows=N)) knows its whole length.
    total = getattr(records, "total", len(records))
    caption = None
    if len(shown) < total:
        name = slug(title)
        caption = say(_TEXT, "more", lang, n=number(total - len(shown), lang),
                      command=command, name=name)  # fmt: skip
    return _table(title, shown, _COLUMNS[key], lang, names, caption)


def _summary(value: dict, lang: str) -> str:
    from ecomap.cli_text import count

    kinds = ", ".join(_counted(kind, n, lang) if kind in _COUNTED["en"]
                      else f"{label(kind, lang)} : {number(n, lang)}"
                      for kind, n in value.get("by_kind", {}).items())  # fmt: skip
    components = value.get("components", 1)
    return say(
        _TEXT, "summary", lang,
        actors=count("actor", value["actors"], lang), kinds=kinds,
        relations=count("relation", value["relations"], lang),
        stakes=count("stake", value["stakes"], lang), spaces=count("space", value["spaces"], lang),
        components=say(_TEXT, "components_one", lang) if components <= 1
        else say(_TEXT, "components", lang, n=number(components, lang)),
    )  # fmt: skip


def _levels(value: dict, console, lang: str, rows: int | None, names, command: str) -> None:
    from rich.table import Table

    levels = list(value.get("counts", {}))
    matrix = value.get("cross_level_ties", {})
    table = Table(title=_title("levels", lang), title_justify="left", title_style="bold",
                  caption=say(_TEXT, "ties_help", lang), caption_justify="left")  # fmt: skip
    table.add_column("niveau" if lang == "fr" else "level")
    table.add_column("acteurs" if lang == "fr" else "actors", justify="right")
    for level in levels:
        table.add_column(say(_TEXT, "ties_with", lang, level=label(level, lang)), justify="right")
    for level in levels:
        ties = matrix.get(level, {})
        table.add_row(label(level, lang), number(value["counts"][level], lang),
                      *(number(ties.get(other, 0), lang) for other in levels))  # fmt: skip
    console.print(table)
    for fold in ("meso", "macro"):
        if isinstance(value.get(fold), dict):
            folded = value[fold]
            console.print(say(_TEXT, "folded", lang, title=say(_TEXT, f"folded_{fold}", lang),
                              nodes=number(folded.get("nodes", 0), lang),
                              edges=number(folded.get("edges", 0), lang),
                              internal=number(folded.get("internal_ties", 0), lang)),
                          markup=False)  # fmt: skip
    bridges = value.get("cross_level_bridges") or []
    if bridges:
        console.print(_section_table("levels", "cross_level_bridges", bridges, lang=lang,
                                     rows=rows, names=names, command=command))  # fmt: skip


def _engagement(value: dict, console, lang: str, rows: int | None, names, command: str) -> None:
    console.print(_title("engagement", lang), style="bold", markup=False)
    if "overload_threshold" in value:
        console.print(say(_TEXT, "threshold", lang, value=number(value["overload_threshold"], lang),
                          steps=number(value.get("steps", 2), lang)), markup=False)  # fmt: skip
    for part in ("drivers", "followers_at_risk"):
        records = value.get(part) or []
        if records:
            console.print(_section_table("engagement", part, records, lang=lang, rows=rows,
                                         names=names, command=command))  # fmt: skip
        else:
            console.print(say(_TEXT, "empty", lang, title=_title("engagement", lang, part)),
                          markup=False)  # fmt: skip


#: What the terminal prints of a folded level: three counts, not its thousands of ties.
_FOLD_COUNTS = ("nodes", "edges", "internal_ties")


def _plain_part(section: str, key: str, value: Any) -> Any:
    """A part of a section made plain for printing: only what is printed of it."""
    if isinstance(value, list):
        return value  # its rows are made plain when shown
    if section == "levels" and key in ("meso", "macro") and isinstance(value, dict):
        return {k: json_ready(value[k]) for k in _FOLD_COUNTS if k in value}
    return json_ready(value)


def print_analysis(document: dict[str, Any], console, *, lang: str = "en",
                   rows: int | None = ROWS, names: dict[str, str] | None = None,
                   command: str = "ecomap analyse") -> None:  # fmt: skip
    """Print an ``analyse`` document: a line for the summary, then a table per section.

    ``rows`` rows per table (None: all), each cut table telling the ``command`` that
    shows the rest; ``names`` turns the ids left in records into names.
    """
    names = names or {}
    for section, value in document.items():
        if isinstance(value, dict):  # its tables' rows are made plain when shown
            value = {k: _plain_part(section, k, v) for k, v in value.items()}
        if section == "summary":
            console.print(_summary(value, lang), markup=False)
        elif section == "engagement":
            _engagement(value, console, lang, rows, names, command)
        elif section == "levels":
            _levels(value, console, lang, rows, names, command)
        elif not value:
            console.print(say(_TEXT, "empty", lang, title=_title(section, lang)), markup=False)
        else:
            console.print(_section_table(section, None, value, lang=lang, rows=rows,
                                         names=names, command=command))  # fmt: skip
        console.print()


# -- what-if, counterweights, facilitators ---------------------------------------------


def print_what_if(result: dict[str, Any], console, *, lang: str = "en",
                  names: dict[str, str] | None = None) -> None:  # fmt: skip
    """Who leaves, what ends, in counts and in the analysis's own sentences."""
    from ecomap.i18n import listing

    names = names or {}
    leavers = [names.get(i, i) for i in result.get("leaving", [])]
    if not leavers:
        console.print(say(_TEXT, "what_if_nobody", lang), markup=False)
        return
    key = "what_if_one" if len(leavers) == 1 else "what_if"
    console.print(plain(say(_TEXT, key, lang, names=listing(leavers, lang))), style="bold")
    counts = say(
        _TEXT, "what_if_counts", lang,
        ended=_counted("link", len(result.get("links_ended", [])), lang),
        weakened=_counted("link", len(result.get("links_weakened", [])), lang),
        isolated=_counted("actor_isolated", len(result.get("isolated", [])), lang),
        split=_counted("group_split", len(result.get("components_split", [])), lang),
    )  # fmt: skip
    console.print(counts, markup=False)
    for reason in result.get("reasons", []):
        console.print(plain(f"• {reason}"))


def print_counterweights(result: list[dict], console, *, lang: str = "en",
                         names: dict[str, str] | None = None) -> None:  # fmt: skip
    """The actors who could rebalance a relationship, best first, with their reasons."""
    if not result:
        console.print(say(_TEXT, "none", lang), markup=False)
        return
    console.print(_table(say(_TEXT, "counterweights", lang), result, _COLUMNS["candidates"],
                         lang, names or {}))  # fmt: skip


def print_facilitators(result: list[dict], console, *, lang: str = "en",
                       names: dict[str, str] | None = None) -> None:  # fmt: skip
    """Neutral third parties between parties, best first, with their reasons."""
    if not result:
        console.print(say(_TEXT, "none", lang), markup=False)
        return
    console.print(_table(say(_TEXT, "facilitators", lang), result,
                         _COLUMNS["facilitator_candidates"], lang, names or {}))  # fmt: skip


# -- diff ------------------------------------------------------------------------------

_DIFF = {
    "en": {"title": "Changes from {before} to {after}", "kind": "records", "added": "added",
           "removed": "removed", "changed": "changed", "analysis": "What it means",
           "nothing": "no change in the analysis results", "key": "record",
           "field": "field", "before": "before", "after": "after"},
    "fr": {"title": "Changements entre {before} et {after}", "kind": "fiches", "added": "ajouts",
           "removed": "retraits", "changed": "modifications", "analysis": "Ce que cela change",
           "nothing": "aucun changement dans les résultats d'analyse", "key": "fiche",
           "field": "champ", "before": "avant", "after": "après"},
}  # fmt: skip
_KINDS_FR = {"actors": "acteurs", "relations": "relations", "stakes": "enjeux",
             "spaces": "dispositifs"}  # fmt: skip


def print_diff(result: dict[str, Any], console, *, before: str, after: str, lang: str = "en",
               rows: int = 30) -> None:  # fmt: skip
    """Print a :func:`ecomap.analysis.history.diff` result: counts, field changes, meaning."""
    from rich.table import Table

    text = _DIFF.get(lang, _DIFF["en"])

    def kind_name(kind: str) -> str:
        return _KINDS_FR.get(kind, kind) if lang == "fr" else kind

    # Snapshot names are user-written: the title is plain text too.
    title = plain(text["title"].format(before=before, after=after))
    table = Table(title=title, title_justify="left")
    for column in (text["kind"], text["added"], text["removed"], text["changed"]):
        table.add_column(column)
    for kind, parts in result["data"].items():
        table.add_row(
            kind_name(kind), *(number(len(parts[p]), lang) for p in ("added", "removed", "changed"))
        )
    console.print(table)
    details = Table(show_header=True, title_justify="left")
    for column in ("", text["key"], text["field"], text["before"], text["after"]):
        details.add_column(column)
    shown = 0
    for kind, parts in result["data"].items():
        for operation in ("added", "removed"):
            for record in parts[operation]:
                key = (
                    record.get("id")
                    or f"{record.get('type')} {record.get('source')}→{record.get('target')}"
                )
                details.add_row(f"{kind_name(kind)} : {text[operation]}" if lang == "fr"
                                else f"{kind} {text[operation]}", plain(key), "", "", "")  # fmt: skip
                shown += 1
        for change in parts["changed"]:
            for field, (old, new) in change["fields"].items():
                details.add_row(f"{kind_name(kind)} : {text['changed']}" if lang == "fr"
                                else f"{kind} {text['changed']}", plain(change["key"]),
                                plain(field), plain(cell(old, lang=lang)),
                                plain(cell(new, lang=lang)))  # fmt: skip
                shown += 1
    if shown:
        console.print(details)
    reasons = result["analysis"]["reasons"]
    console.print(f"\n{text['analysis']}{' :' if lang == 'fr' else ':'}", markup=False)
    for reason in reasons or [text["nothing"]]:
        console.print(plain(f"  • {reason}"))
