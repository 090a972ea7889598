"""Column and file names of the exchange format, and the spellings users give them.

Spreadsheets arrive with French headers (``nom``, ``nature``, ``poids``), accents,
capitals and stray spaces. :func:`canonical_column` maps each header to the field of
the model it stands for, per record kind — ``nature`` is an actor's ``kind`` but a
relation's ``type`` — and :func:`sheet_kind` does the same for file and sheet names
(``acteurs.csv``, sheet ``Enjeux``). Headers are compared after :func:`fold_header`,
so ``Catégorie``, ``categorie`` and ``CATEGORIE `` are one column.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ecomap.model import COLUMNS, RecordKind, fold

__all__ = [
    "FILE_STEMS",
    "HEADER_LANGUAGES",
    "SHEET_NAMES",
    "HEADERS",
    "header",
    "MANDATORY",
    "REQUIRED_KINDS",
    "COLUMN_ALIASES",
    "fold_header",
    "canonical_column",
    "sheet_kind",
]

#: The name of each kind's file (``actors.csv``) and sheet (``actors``).
FILE_STEMS: dict[RecordKind, str] = {
    RecordKind.ACTOR: "actors",
    RecordKind.RELATION: "relations",
    RecordKind.STAKE: "stakes",
    RecordKind.SPACE: "spaces",
}

#: The languages a map's files can be written in (headers, sheet and file names).
HEADER_LANGUAGES = ("en", "fr")

#: The sheet (and CSV file) name of each kind, per language; readers accept both.
SHEET_NAMES: dict[str, dict[RecordKind, str]] = {
    "en": FILE_STEMS,
    "fr": {
        RecordKind.ACTOR: "acteurs",
        RecordKind.RELATION: "relations",
        RecordKind.STAKE: "enjeux",
        RecordKind.SPACE: "dispositifs",
    },
}

# French headers the writers give the exchange columns: each is one of the aliases
# below (checked when this module loads), with the scale in brackets where there is one
# (the readers ignore what is in brackets).
_ACTER_HEADERS_FR = {
    "acter_agree": "A.C.T.E.R s'accorder (0-3)",
    "acter_know": "A.C.T.E.R se connaître (0-3)",
    "acter_trust": "A.C.T.E.R confiance (0-3)",
    "acter_translate": "A.C.T.E.R traduire (0-3)",
    "acter_evaluate": "A.C.T.E.R évaluer (0-3)",
    "acter_share": "A.C.T.E.R répartir (0-3)",
}
_HEADERS_FR: dict[RecordKind, dict[str, str]] = {
    RecordKind.ACTOR: {
        "id": "identifiant",
        "name": "nom",
        "kind": "nature",
        "level": "niveau",
        "category": "catégorie",
        "territory": "territoire",
        "role": "rôle",
        "influence": "influence (0-5)",
        "engagement": "engagement",
        "tags": "étiquettes",
        "notes": "notes",
        "lat": "latitude",
        "lon": "longitude",
    },
    RecordKind.RELATION: {
        "id": "identifiant",
        "source": "source",
        "target": "cible",
        "type": "type de relation",
        "weight": "poids (1-3)",
        "power_type": "type de pouvoir",
        "stance": "position (-2 à 2)",
        "formal": "formel",
        "mode": "mode de coopération",
        "stake": "enjeu",
        "role": "rôle",
        "since": "depuis",
        "until": "jusqu'au",
        "reported_by": "rapporté par",
        "visibility": "visibilité",
        "notes": "notes",
        **_ACTER_HEADERS_FR,
    },
    RecordKind.STAKE: {"id": "identifiant", "name": "nom", "description": "description"},
    RecordKind.SPACE: {
        "id": "identifiant",
        "name": "nom",
        "kind": "nature",
        "frequency": "réunions par an",
        "instituted": "institué",
        "notes": "notes",
    },
}

#: Header of each exchange column, per language and record kind.
HEADERS: dict[str, dict[RecordKind, dict[str, str]]] = {
    "en": {kind: {column: column for column in COLUMNS[kind]} for kind in RecordKind},
    "fr": _HEADERS_FR,
}


def header(kind: RecordKind, column: str, lang: str = "en") -> str:
    """The header a written file gives ``column`` in ``lang``; a custom column keeps its name.

    >>> header(RecordKind.RELATION, "target", "fr"), header(RecordKind.ACTOR, "budget", "fr")
    ('cible', 'budget')
    """
    return HEADERS.get(lang, HEADERS["en"])[RecordKind(kind)].get(column, column)


#: The kinds a map cannot do without (``actors.csv`` and ``relations.csv``).
REQUIRED_KINDS: tuple[RecordKind, ...] = (RecordKind.ACTOR, RecordKind.RELATION)

#: Columns without which no row of that kind can be read.
MANDATORY: dict[RecordKind, tuple[str, ...]] = {
    RecordKind.ACTOR: ("id", "name", "kind"),
    RecordKind.RELATION: ("source", "target", "type"),
    RecordKind.STAKE: ("id", "name"),
    RecordKind.SPACE: ("id", "name"),
}

_SHEET_ALIASES: dict[RecordKind, tuple[str, ...]] = {
    RecordKind.ACTOR: ("actors", "actor", "acteurs", "acteur"),
    RecordKind.RELATION: ("relations", "relation", "liens", "lien"),
    RecordKind.STAKE: ("stakes", "stake", "enjeux", "enjeu"),
    RecordKind.SPACE: ("spaces", "space", "dispositifs", "dispositif"),
}

_ID = ("identifiant", "identifier", "ident", "code")
_NAME = ("nom", "libellé", "intitulé", "label")
_NOTES = ("note", "remarque", "remarques", "commentaire", "commentaires", "observations")

# Spellings as users write them; folded when the table below is built. The
# A.C.T.E.R keys are listed by their French verbs and nouns (s'accorder, se
# connaître, confiance, traduire, évaluer, répartir), with or without the prefix.
_ACTER_FR: dict[str, tuple[str, ...]] = {
    "acter_agree": ("accord", "accorder", "s'accorder", "intention"),
    "acter_know": ("connaissance", "connaître", "se connaître", "comprendre"),
    "acter_trust": ("confiance",),
    "acter_translate": ("traduction", "traduire", "règles"),
    "acter_evaluate": ("évaluation", "évaluer"),
    "acter_share": ("répartition", "répartir", "partage", "partager"),
}

_ALIASES: dict[RecordKind, dict[str, tuple[str, ...]]] = {
    RecordKind.ACTOR: {
        "id": _ID,
        "name": _NAME,
        "kind": ("nature", "type", "type d'acteur", "sorte"),
        "level": ("niveau", "échelle"),
        "category": ("catégorie", "categorie d'acteur", "secteur"),
        "territory": ("territoire",),
        "role": ("rôle", "fonction", "poste"),
        "influence": ("influence perçue", "pouvoir perçu"),
        "engagement": ("implication",),
        "tags": ("tag", "étiquettes", "étiquette", "mots-clés", "mots clés"),
        "notes": _NOTES,
        "lat": ("latitude",),
        "lon": ("lng", "long", "longitude"),
    },
    RecordKind.RELATION: {
        "id": _ID,
        "source": ("de", "origine", "acteur source"),
        "target": ("cible", "vers", "destination"),
        "type": ("nature", "type de relation", "type de lien", "relation", "lien"),
        "weight": ("poids", "force", "intensité", "importance"),
        "power_type": ("type de pouvoir", "nature du pouvoir", "pouvoir"),
        "stance": ("position", "positionnement"),
        "formal": ("formel", "formelle", "accord formel", "formalisé", "formalisée", "convention"),
        "mode": ("mode de coopération",),
        "stake": ("enjeu",),
        "role": ("rôle", "fonction"),
        "since": ("depuis", "début", "date de début", "à partir de"),
        "until": ("jusqu'à", "jusqu'au", "fin", "date de fin"),
        "reported_by": (
            "signalé par",
            "rapporté par",
            "reported by",
            "informateur",
            "recueilli par",
        ),
        "visibility": ("visibilité", "diffusion"),
        "notes": _NOTES,
        **{key: tuple(f"acter {name}" for name in names) for key, names in _ACTER_FR.items()},
    },
    RecordKind.STAKE: {
        "id": _ID,
        "name": _NAME,
        "description": ("descriptif", "détail"),
    },
    RecordKind.SPACE: {
        "id": _ID,
        "name": _NAME,
        "kind": ("nature", "type", "type de dispositif"),
        "frequency": ("fréquence", "réunions par an", "nombre de réunions par an"),
        "instituted": ("institué", "instituée", "institutionnalisé", "formel", "officiel"),
        "notes": _NOTES,
    },
}


def fold_header(text: str) -> str:
    """A header as compared with the aliases: folded, without dots or a unit in brackets.

    >>> fold_header("  Type de pouvoir ")
    'type_de_pouvoir'
    >>> fold_header("A.C.T.E.R. - Confiance (0-3)")
    'acter_confiance'
    """
    bare = re.sub(r"\([^)]*\)", "", str(text)).replace(".", "")
    folded = fold(bare)
    return re.sub(r"_+", "_", folded).strip("_")


def _table(kind: RecordKind) -> dict[str, str]:
    table: dict[str, str] = {}
    for column in COLUMNS[kind]:
        for spelling in (column, *_ALIASES[kind].get(column, ())):
            key = fold_header(spelling)
            if table.setdefault(key, column) != column:
                raise ValueError(f"{spelling!r} is an alias of two {kind} columns")
    return table


#: Folded header → field, per record kind.
COLUMN_ALIASES: dict[RecordKind, dict[str, str]] = {kind: _table(kind) for kind in RecordKind}


def _check_headers() -> None:
    for lang, kinds in HEADERS.items():
        for kind, headers in kinds.items():
            if set(headers) != set(COLUMNS[kind]):
                raise ValueError(f"the {lang} headers of {kind} are not its columns")
            for column, text in headers.items():
                if COLUMN_ALIASES[kind].get(fold_header(text)) != column:
                    raise ValueError(f"{text!r} would not be read back as {kind} {column}")


_check_headers()

_SHEETS: dict[str, RecordKind] = {
    fold_header(name): kind for kind, names in _SHEET_ALIASES.items() for name in names
}


@lru_cache(maxsize=4096)
def canonical_column(kind: RecordKind, header: str) -> str | None:
    """The field a column of a ``kind`` file stands for, or None for a custom column.

    >>> canonical_column(RecordKind.ACTOR, "Nature"), canonical_column(RecordKind.RELATION, "Nature")
    ('kind', 'type')
    >>> canonical_column(RecordKind.RELATION, "Jusqu'à"), canonical_column(RecordKind.ACTOR, "budget")
    ('until', None)
    """
    return COLUMN_ALIASES[RecordKind(kind)].get(fold_header(header))


def sheet_kind(name: str) -> RecordKind | None:
    """The record kind a file stem or sheet name holds (``Acteurs`` → actor), or None.

    >>> sheet_kind("Enjeux"), sheet_kind("lisez-moi")
    (<RecordKind.STAKE: 'stake'>, None)
    """
    return _SHEETS.get(fold_header(name))
