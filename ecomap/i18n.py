"""Words in French and English.

Each module keeps its own catalogue — ``{"en": {key: template}, "fr": {key: template}}``
— next to the code that uses it, and calls :func:`say`. French is complete: the users
are French territorial agents; English is the default of the library and the CLI.
"""

from __future__ import annotations

from typing import Any

from ecomap.model import LABELS_FR

__all__ = [
    "LANGUAGES",
    "label",
    "listing",
    "number",
    "of_name",
    "percent",
    "quoted",
    "say",
    "signed",
]

LANGUAGES = ("fr", "en")

Catalogue = dict[str, dict[str, str]]


def say(catalogue: Catalogue, key: str, lang: str = "en", /, **values: Any) -> str:
    """The message ``key`` in ``lang`` (falling back to English), filled with ``values``.

    >>> say({"en": {"hi": "{who} holds power"}, "fr": {"hi": "{who} a du pouvoir"}}, "hi", "fr", who="Région")
    'Région a du pouvoir'
    """
    table = catalogue.get(lang) or catalogue["en"]
    template = table.get(key) or catalogue["en"][key]
    return template.format(**values)


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
    """A short number for a sentence: ``2``, ``1.5``, ``0.33``.

    At most ``digits`` decimals, trailing zeros dropped, the true minus sign (never
    ``-0``), and the decimal comma in French.

    >>> number(2.0), number(1.5), number(1 / 3), number(-0.5, "fr"), number(-0.001)
    ('2', '1.5', '0.33', '−0,5', '0')
    >>> number(0.1234, digits=1)
    '0.1'
    """
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    if text[:1] == "-":
        text = "0" if text == "-0" else "\u2212" + text[1:]
    return text.replace(".", ",") if lang == "fr" else text


def signed(value: float, lang: str = "en") -> str:
    """A number with its sign, as a stance is read: ``+2``, ``−1``, ``0``.

    >>> signed(2), signed(-1, "fr"), signed(0.001)
    ('+2', '−1', '0')
    """
    text = number(value, lang)
    return "+" + text if value > 0 and text != "0" else text


def percent(value: float, lang: str = "en") -> str:
    """A share as a percentage: ``17.9%`` (``17,9 %`` in French, with a no-break space).

    >>> percent(0.179), percent(0.179, "fr")
    ('17.9%', '17,9\\xa0%')
    """
    text = f"{100 * value:.1f}"
    return f"{text.replace('.', ',')}\u00a0%" if lang == "fr" else f"{text}%"


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
