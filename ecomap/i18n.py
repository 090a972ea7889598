"""Words in French and English.

Each module keeps its own catalogue — ``{"en": {key: template}, "fr": {key: template}}``
— next to the code that uses it, and calls :func:`say`. French is complete: the users
are French territorial agents; English is the default of the library and the CLI.

Numbers, dates and plurals go through Babel (CLDR data): the decimal comma and the
narrow no-break space between thousands in French, "1er décembre 2026", "1 ligne" and
"2 lignes". A template that depends on a count is a dict of plural forms
(``{"one": "{n} ligne", "other": "{n} lignes"}``), chosen by the language's own rule.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from ecomap.model import LABELS_FR

__all__ = [
    "LANGUAGES",
    "Catalogue",
    "Template",
    "integer",
    "label",
    "listing",
    "long_date",
    "number",
    "of_name",
    "percent",
    "plural",
    "quoted",
    "say",
    "signed",
]

LANGUAGES = ("fr", "en")

#: A message template, or its plural forms keyed by CLDR category (``one``, ``other``…).
Template = str | dict[str, str]
Catalogue = dict[str, dict[str, Template]]

#: The value a plural template is chosen by, in the order they are looked for.
_COUNT_KEYS = ("n", "count")


@lru_cache(maxsize=8)
def _locale(lang: str) -> Locale:
    return Locale.parse("fr_FR" if lang == "fr" else "en_GB" if lang == "en" else lang)


def plural(n: float, lang: str = "en") -> str:
    """The plural category of ``n`` in ``lang``: ``one`` or ``other`` (CLDR rules).

    French says "0 lien" and "1,5 lien" but "2 liens"; English "1 link", "0 links".

    >>> plural(0, "fr"), plural(1, "fr"), plural(2, "fr"), plural(0, "en"), plural(1, "en")
    ('one', 'one', 'other', 'other', 'one')
    """
    return _locale(lang).plural_form(abs(n))


def say(catalogue: Catalogue, key: str, lang: str = "en", /, **values: Any) -> str:
    """The message ``key`` in ``lang`` (falling back to English), filled with ``values``.

    Whole numbers are written with the language's thousands separator; a template
    given as plural forms is chosen by the value ``n`` (or ``count``).

    >>> say({"en": {"hi": "{who} holds power"}, "fr": {"hi": "{who} a du pouvoir"}}, "hi", "fr", who="Région")
    'Région a du pouvoir'
    >>> rows = {"en": {"k": {"one": "{n} row", "other": "{n} rows"}},
    ...         "fr": {"k": {"one": "{n} ligne", "other": "{n} lignes"}}}
    >>> say(rows, "k", "fr", n=1), say(rows, "k", "fr", n=9850), say(rows, "k", "en", n=0)
    ('1 ligne', '9\u202f850 lignes', '0 rows')
    """
    table = catalogue.get(lang) or catalogue["en"]
    template = table.get(key) or catalogue["en"][key]
    if isinstance(template, dict):
        count = next(values[k] for k in _COUNT_KEYS if k in values)
        template = template.get(plural(count, lang)) or template["other"]
    shown = {k: integer(v, lang) if type(v) is int else v for k, v in values.items()}
    return template.format(**shown)


def integer(value: int, lang: str = "en") -> str:
    """A whole number with the language's thousands separator: ``9 850``, ``9,850``.

    French separates thousands with a narrow no-break space (U+202F), which never
    breaks a number across two lines.

    >>> integer(9850, "fr"), integer(9850, "en"), integer(-3, "fr"), integer(999, "fr")
    ('9\u202f850', '9,850', '−3', '999')
    """
    return _integer(value, lang)


@lru_cache(maxsize=65536)
def _integer(value: int, lang: str) -> str:
    # The analyses write hundreds of thousands of counts, nearly all small and repeated:
    # Babel formats each distinct one once.
    return format_decimal(value, locale=_locale(lang)).replace("-", "\u2212")


def label(value: Any, lang: str = "en") -> str:
    """An enum value as users read it: ``steering_committee`` → "comité de pilotage" in French.

    >>> label("driver", "fr"), label("steering_committee", "en")
    ('moteur', 'steering committee')
    """
    text = str(getattr(value, "value", value))
    if lang == "fr":
        return LABELS_FR.get(text, text.replace("_", " "))
    return text.replace("_", " ")


# -- words shared by the analyses' reasons ----------------------------------------------

_WORDS: Catalogue = {
    "en": {"and": "and", "others": "{n} others"},
    "fr": {"and": "et", "others": "{n} autres"},
}
#: How many names a sentence lists before saying "and N others".
NAMES_SHOWN = 5
#: Initials before which French elides "de" into "d'" (a mute h included: "d'Hélène").
_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüh")


def number(value: float, lang: str = "en", digits: int = 2) -> str:
    """A short number for a sentence: ``2``, ``1.5``, ``0.33``, ``12,345.5``.

    At most ``digits`` decimals, trailing zeros dropped, the true minus sign (never
    ``-0``), thousands separated, and the decimal comma in French.

    >>> number(2.0), number(1.5), number(1 / 3), number(-0.5, "fr"), number(-0.001)
    ('2', '1.5', '0.33', '−0,5', '0')
    >>> number(0.1234, digits=1), number(12345.5, "fr")
    ('0.1', '12\u202f345,5')
    """
    # Babel rounds the decimal value of str(value) half to even at ``digits`` places:
    # rounded here first, the same text comes out, and each distinct rounded value is
    # formatted by Babel once (a large map's sentences hold a few hundred thousand
    # numbers, and a few thousand distinct ones).
    rounded = Decimal(str(value)).quantize(_QUANTUM[digits] if digits in _QUANTUM else
                                           Decimal(1).scaleb(-digits))  # fmt: skip
    return _number(str(rounded), lang, digits)


_QUANTUM = {d: Decimal(1).scaleb(-d) for d in range(4)}


@lru_cache(maxsize=65536)
def _number(rounded: str, lang: str, digits: int) -> str:
    pattern = "#,##0." + "#" * digits if digits > 0 else "#,##0"
    text = format_decimal(Decimal(rounded), format=pattern, locale=_locale(lang))
    if text[:1] == "-":
        text = "0" if text.strip("-0") == "" else "\u2212" + text[1:]
    return text


def signed(value: float, lang: str = "en") -> str:
    """A number with its sign, as a stance is read: ``+2``, ``−1``, ``0``.

    >>> signed(2), signed(-1, "fr"), signed(0.001)
    ('+2', '−1', '0')
    """
    text = number(value, lang)
    return "+" + text if value > 0 and text != "0" else text


def percent(value: float, lang: str = "en") -> str:
    """A share as a percentage: ``17.9%`` (``17,9 %`` in French, with a narrow no-break
    space as French typography wants it).

    >>> percent(0.179), percent(0.179, "fr"), percent(1, "fr")
    ('17.9%', '17,9\\u202f%', '100,0\\u202f%')
    """
    return _percent(str(value), lang)


@lru_cache(maxsize=65536)
def _percent(value: str, lang: str) -> str:
    # The locale's own pattern with one decimal ("#,##0 %" in French, "#,##0%" in
    # English), and the narrow no-break space French typography puts before "%".
    pattern = _locale(lang).percent_formats[None].pattern.replace("\u00a0", "\u202f")
    pattern = re.sub(r"0(\D*%)", r"0.0\1", pattern, count=1)
    text = format_percent(Decimal(value), format=pattern, locale=_locale(lang))
    return text.replace("-", "\u2212")


def long_date(day: date, lang: str = "en") -> str:
    """A date in words: ``1er décembre 2026`` in French, ``1 December 2026`` in English.

    >>> long_date(date(2026, 12, 1), "fr"), long_date(date(2026, 3, 15), "fr")
    ('1er décembre 2026', '15 mars 2026')
    >>> long_date(date(2026, 12, 1), "en")
    '1 December 2026'
    """
    # French writes the first day of a month as an ordinal ("1er"), every other as a number.
    pattern = "d'er' MMMM y" if lang == "fr" and day.day == 1 else "d MMMM y"
    return format_date(day, pattern, locale=_locale(lang))


def listing(items: list[str], lang: str = "en", *, limit: int | None = NAMES_SHOWN) -> str:
    """``A, B and C`` (``A, B et C``); past ``limit`` items (None: no limit), "and N others".

    The list is cut only when at least two items would be left out ("and 1 others"
    reads badly).

    >>> listing(["A"]), listing(["A", "B", "C"], "fr")
    ('A', 'A, B et C')
    >>> listing(list("ABCDEFG"), limit=3)
    'A, B, C and 4 others'
    """
    shown = list(items)
    if limit is not None and len(items) > limit + 1:
        shown = shown[:limit]
        shown.append(say(_WORDS, "others", lang, n=len(items) - limit))
    if len(shown) <= 1:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} {say(_WORDS, 'and', lang)} {shown[-1]}"


def quoted(name: str, lang: str = "en") -> str:
    """A name in quotation marks: ``"COPIL"`` (``« COPIL »`` in French).

    >>> quoted("COPIL"), quoted("COPIL", "fr")
    ('"COPIL"', '« COPIL »')
    """
    return f"« {name} »" if lang == "fr" else f'"{name}"'


def of_name(name: str) -> str:
    """French "de" before a name, elided before a vowel or a mute h.

    >>> of_name("Nadia"), of_name("Hélène"), of_name("Émile")
    ('de Nadia', "d'Hélène", "d'Émile")
    """
    return f"d'{name}" if name[:1].lower() in _VOWELS else f"de {name}"
