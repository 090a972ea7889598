"""Words in French and English.

Each module keeps its own catalogue — ``{"en": {key: template}, "fr": {key: template}}``
— next to the code that uses it, and calls :func:`say`. French is complete: the users
are French territorial agents; English is the default of the library and the CLI.
"""

from __future__ import annotations

from typing import Any

from ecomap.model import LABELS_FR

__all__ = ["LANGUAGES", "say", "label"]

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
