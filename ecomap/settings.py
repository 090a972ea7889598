"""Deployment settings read from the environment, refused when they cannot be read.

A setting that guards the data (read-only mode) must never fail open: a value ecomap
does not understand stops the program at start with one clear line, rather than
being taken as "off".
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ecomap.errors import EcomapError
from ecomap.model import fold, parse_bool

__all__ = ["READ_ONLY_ENV", "SettingError", "parse_switch", "read_only_setting"]

#: The environment variable that turns the explorer's editing off.
READ_ONLY_ENV = "ECOMAP_READ_ONLY"

# Besides what the readers take as a boolean (true/false, oui/non, vrai/faux, 1/0…).
_ON = frozenset({"on", "actif", "active"})
_OFF = frozenset({"off", "inactif", "inactive"})
_ACCEPTED = "true/false, yes/no, oui/non, vrai/faux, on/off or 1/0"


class SettingError(EcomapError):
    """A deployment setting holds a value ecomap cannot read."""


def parse_switch(value: Any, name: str) -> bool:
    """A yes/no setting as people write it, or :class:`SettingError` naming it.

    Accepts what the file readers accept as a boolean (:func:`ecomap.model.parse_bool`:
    true/false, yes/no, y/n, oui/non, vrai/faux, 1/0, any case) and on/off.

    >>> parse_switch("Vrai", "ECOMAP_READ_ONLY"), parse_switch("off", "ECOMAP_READ_ONLY")
    (True, False)
    >>> parse_switch("enabled", "ECOMAP_READ_ONLY")
    Traceback (most recent call last):
    ...
    ecomap.settings.SettingError: ECOMAP_READ_ONLY is set to 'enabled', which ecomap cannot read: expected true/false, yes/no, oui/non, vrai/faux, on/off or 1/0

    Raises
    ------
    SettingError
        When the value is none of these.
    """
    if isinstance(value, bool):
        return value
    text = str(value)
    key = fold(text)
    if key in _ON:
        return True
    if key in _OFF:
        return False
    try:
        return parse_bool(text)
    except ValueError:
        raise SettingError(
            f"{name} is set to {text!r}, which ecomap cannot read: expected {_ACCEPTED}"
        ) from None


def read_only_setting(environ: Mapping[str, str] | None = None, secret: Any = None) -> bool:
    """Whether editing is off: ``ECOMAP_READ_ONLY`` when set, else the secret's value.

    ``secret`` is what the deployment's secrets say (``[ecomap] read_only`` for the
    explorer), None when they say nothing. An empty variable counts as not set.

    >>> read_only_setting({"ECOMAP_READ_ONLY": "oui"}), read_only_setting({}, secret=None)
    (True, False)

    Raises
    ------
    SettingError
        When the variable or the secret holds a value that is not a yes or a no.
    """
    environ = os.environ if environ is None else environ
    value = environ.get(READ_ONLY_ENV)
    if value is not None and value.strip():
        return parse_switch(value.strip(), READ_ONLY_ENV)
    if secret is None or (isinstance(secret, str) and not secret.strip()):
        return False
    return parse_switch(secret, "read_only in the [ecomap] section of the secrets")
