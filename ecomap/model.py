"""Domain types of ecomap: the one definition of node kinds, relation types and fields.

Everything else (readers, stores, Cypher, analyses, the app) takes its enums, its
columns and its rules from here. Identifiers and enum values are English; the French
spellings users write in spreadsheets are accepted through :data:`VALUE_ALIASES`, and
the French labels shown in the interface are in :data:`LABELS_FR`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from itertools import compress, repeat
from json.encoder import encode_basestring
from operator import eq, lt
from typing import Any, ClassVar, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    model_validator,
)

__all__ = [
    "ActorKind",
    "Level",
    "Engagement",
    "SpaceKind",
    "RelationType",
    "PowerType",
    "CooperationMode",
    "ParticipationRole",
    "Visibility",
    "RecordKind",
    "DEFAULT_LEVEL",
    "UNDIRECTED",
    "ENDPOINTS",
    "ACTER_KEYS",
    "ACTOR_COLUMNS",
    "RELATION_COLUMNS",
    "STAKE_COLUMNS",
    "SPACE_COLUMNS",
    "COLUMNS",
    "NEO4J_ACTOR_LABEL",
    "NEO4J_RELATIONSHIP",
    "VALUE_ALIASES",
    "LABELS_FR",
    "Actor",
    "Stake",
    "Space",
    "Relation",
    "Ecosystem",
    "relation_key",
    "relation_keys",
    "parse_enum",
    "parse_bool",
    "parse_number",
    "parse_date",
    "fold",
]


class ActorKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    INSTITUTION = "institution"


class Level(StrEnum):
    MICRO = "micro"
    MESO = "meso"
    MACRO = "macro"


class Engagement(StrEnum):
    DRIVER = "driver"
    CONTRIBUTOR = "contributor"
    FOLLOWER = "follower"
    DISTANT = "distant"


class SpaceKind(StrEnum):
    STEERING_COMMITTEE = "steering_committee"
    EXPERIENCE_SHARING = "experience_sharing"
    WORKING_GROUP = "working_group"
    FORUM = "forum"
    OTHER = "other"


class RelationType(StrEnum):
    MEMBER_OF = "member_of"
    PART_OF = "part_of"
    COOPERATES = "cooperates"
    POWER = "power"
    TENSION = "tension"
    STAKE = "stake"
    PARTICIPATES = "participates"
    COMPLEMENTS = "complements"
    CONFLICTS = "conflicts"


class PowerType(StrEnum):
    POLITICAL = "political"
    ADMINISTRATIVE = "administrative"
    INSTITUTIONAL = "institutional"
    TECHNICAL = "technical"
    ECONOMIC = "economic"


class CooperationMode(StrEnum):
    COOPERATION = "cooperation"
    COORDINATION = "coordination"
    POOLING = "pooling"


class ParticipationRole(StrEnum):
    MEMBER = "member"
    FACILITATOR = "facilitator"


class Visibility(StrEnum):
    PUBLIC = "public"
    COMMITTEE = "committee"
    PRIVATE = "private"


class RecordKind(StrEnum):
    """The four kinds of record a map holds (one file or sheet each)."""

    ACTOR = "actor"
    STAKE = "stake"
    SPACE = "space"
    RELATION = "relation"

    @property
    def plural(self) -> str:
        """``actors``, ``stakes``, ``spaces``, ``relations``: the name of the file, the
        sheet and the JSON list that hold records of this kind."""
        return f"{self.value}s"


DEFAULT_LEVEL: dict[ActorKind, Level] = {
    ActorKind.PERSON: Level.MICRO,
    ActorKind.ORGANISATION: Level.MESO,
    ActorKind.INSTITUTION: Level.MACRO,
}

#: Relation types whose two ends play the same part; stored once, source <= target.
UNDIRECTED: frozenset[RelationType] = frozenset(
    {
        RelationType.COOPERATES,
        RelationType.TENSION,
        RelationType.COMPLEMENTS,
        RelationType.CONFLICTS,
    }
)

_ACTORS = frozenset(ActorKind)
_STRUCTURES = frozenset({ActorKind.ORGANISATION, ActorKind.INSTITUTION})
#: Allowed node kinds at each end: actor kinds, or RecordKind.STAKE / RecordKind.SPACE.
ENDPOINTS: dict[RelationType, tuple[frozenset, frozenset]] = {
    RelationType.MEMBER_OF: (frozenset({ActorKind.PERSON}), _STRUCTURES),
    RelationType.PART_OF: (_STRUCTURES, _STRUCTURES),
    RelationType.COOPERATES: (_ACTORS, _ACTORS),
    RelationType.POWER: (_ACTORS, _ACTORS),
    RelationType.TENSION: (_ACTORS, _ACTORS),
    RelationType.STAKE: (_ACTORS, frozenset({RecordKind.STAKE})),
    RelationType.PARTICIPATES: (_ACTORS, frozenset({RecordKind.SPACE})),
    RelationType.COMPLEMENTS: (frozenset({RecordKind.STAKE}), frozenset({RecordKind.STAKE})),
    RelationType.CONFLICTS: (frozenset({RecordKind.STAKE}), frozenset({RecordKind.STAKE})),
}

ACTER_KEYS: tuple[str, ...] = (
    "acter_agree",
    "acter_know",
    "acter_trust",
    "acter_translate",
    "acter_evaluate",
    "acter_share",
)

# The exchange format (DESIGN.md §2 "Files"): exactly these columns, in this order.
ACTOR_COLUMNS: tuple[str, ...] = (
    "id", "name", "kind", "level", "category", "territory", "role", "influence",
    "engagement", "tags", "notes", "lat", "lon",
)  # fmt: skip
RELATION_COLUMNS: tuple[str, ...] = (
    "id", "source", "target", "type", "weight", "power_type", "stance", "formal", "mode",
    "stake", "role", "since", "until", "reported_by", "visibility", "notes", *ACTER_KEYS,
)  # fmt: skip
STAKE_COLUMNS: tuple[str, ...] = ("id", "name", "description")
SPACE_COLUMNS: tuple[str, ...] = ("id", "name", "kind", "frequency", "instituted", "notes")
COLUMNS: dict[RecordKind, tuple[str, ...]] = {
    RecordKind.ACTOR: ACTOR_COLUMNS,
    RecordKind.RELATION: RELATION_COLUMNS,
    RecordKind.STAKE: STAKE_COLUMNS,
    RecordKind.SPACE: SPACE_COLUMNS,
}

#: Neo4j shape: every actor is ``:Actor`` plus one of these labels.
NEO4J_ACTOR_LABEL: dict[ActorKind, str] = {
    ActorKind.PERSON: "Person",
    ActorKind.ORGANISATION: "Organisation",
    ActorKind.INSTITUTION: "Institution",
}
NEO4J_RELATIONSHIP: dict[RelationType, str] = {
    RelationType.MEMBER_OF: "MEMBER_OF",
    RelationType.PART_OF: "PART_OF",
    RelationType.COOPERATES: "COOPERATES",
    RelationType.POWER: "POWER",
    RelationType.TENSION: "TENSION",
    RelationType.STAKE: "HAS_STAKE",
    RelationType.PARTICIPATES: "PARTICIPATES",
    RelationType.COMPLEMENTS: "COMPLEMENTS",
    RelationType.CONFLICTS: "CONFLICTS",
}

#: French (and other common) spellings accepted in files, per enum; keys are folded
#: (lower case, no accents, spaces and hyphens as underscores).
VALUE_ALIASES: dict[type[StrEnum], dict[str, str]] = {
    ActorKind: {
        "personne": "person",
        "individu": "person",
        "organization": "organisation",
        "structure": "organisation",
        "collectivite": "institution",
    },
    Level: {"meso": "meso", "micro": "micro", "macro": "macro"},
    Engagement: {
        "moteur": "driver",
        "contributeur": "contributor",
        "contributrice": "contributor",
        "suiveur": "follower",
        "suiveuse": "follower",
        "eloigne": "distant",
        "eloignee": "distant",
        "distante": "distant",
    },
    SpaceKind: {
        "comite_de_pilotage": "steering_committee",
        "copil": "steering_committee",
        "retour_d_experience": "experience_sharing",
        "retour_d'experience": "experience_sharing",
        "rex": "experience_sharing",
        "partage_d_experience": "experience_sharing",
        "groupe_de_travail": "working_group",
        "autre": "other",
    },
    RelationType: {
        "membre_de": "member_of",
        "fait_partie_de": "part_of",
        "partie_de": "part_of",
        "coopere": "cooperates",
        "coopere_avec": "cooperates",
        "cooperation": "cooperates",
        "cooperate": "cooperates",
        "pouvoir": "power",
        "rapport_de_force": "power",
        "enjeu": "stake",
        "participe": "participates",
        "participe_a": "participates",
        "complete": "complements",
        "complementaire": "complements",
        "interets_croises": "complements",
        "conflit": "conflicts",
        "interets_antagonistes": "conflicts",
        "s_oppose": "conflicts",
    },
    PowerType: {
        "politique": "political",
        "administratif": "administrative",
        "administrative": "administrative",
        "institutionnel": "institutional",
        "institutionnelle": "institutional",
        "technique": "technical",
        "economique": "economic",
    },
    CooperationMode: {"mutualisation": "pooling", "cooperation": "cooperation"},
    ParticipationRole: {
        "membre": "member",
        "animateur": "facilitator",
        "animatrice": "facilitator",
        "facilitateur": "facilitator",
        "facilitatrice": "facilitator",
    },
    Visibility: {
        "public": "public",
        "comite": "committee",
        "prive": "private",
        "privee": "private",
    },
}

#: French labels for the interface (the glossary of DESIGN.md §5).
LABELS_FR: dict[str, str] = {
    "person": "personne",
    "organisation": "organisation",
    "institution": "institution",
    "micro": "micro",
    "meso": "méso",
    "macro": "macro",
    "driver": "moteur",
    "contributor": "contributeur",
    "follower": "suiveur",
    "distant": "éloigné",
    "steering_committee": "comité de pilotage",
    "experience_sharing": "retour d'expérience",
    "working_group": "groupe de travail",
    "forum": "forum",
    "other": "autre",
    "member_of": "membre de",
    "part_of": "fait partie de",
    "cooperates": "coopère avec",
    "power": "rapport de force",
    "tension": "tension",
    "stake": "enjeu",
    "participates": "participe à",
    "complements": "intérêts croisés",
    "conflicts": "intérêts antagonistes",
    "political": "politique",
    "administrative": "administratif",
    "institutional": "institutionnel",
    "technical": "technique",
    "economic": "économique",
    "cooperation": "coopération",
    "coordination": "coordination",
    "pooling": "mutualisation",
    "member": "membre",
    "facilitator": "animateur",
    "public": "public",
    "committee": "comité",
    "private": "privé",
}


def fold(text: str) -> str:
    """Lower case, strip accents, turn spaces, hyphens and apostrophes into ``_``.

    >>> fold("Comité de pilotage")
    'comite_de_pilotage'
    """
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    for sep in (" ", "-", "’", "'"):
        bare = bare.replace(sep, "_")
    return bare


E = TypeVar("E", bound=StrEnum)


def parse_enum(enum: type[E], value: Any) -> E:
    """Read an enum value as users write it: English or French, any case or accents.

    >>> parse_enum(Engagement, "Moteur")
    <Engagement.DRIVER: 'driver'>

    Raises
    ------
    ValueError
        When the value is none of the accepted spellings; the message lists them.
    """
    if isinstance(value, enum):
        return value
    key = fold(str(value))
    aliases = VALUE_ALIASES.get(enum, {})
    for candidate in (key, aliases.get(key)):
        if candidate is not None:
            try:
                return enum(candidate)
            except ValueError:
                pass
    allowed = ", ".join(m.value for m in enum)
    raise ValueError(f"expected one of: {allowed}")


_TRUE = frozenset({"true", "yes", "oui", "vrai", "1", "y", "o", "x"})
_FALSE = frozenset({"false", "no", "non", "faux", "0", "n"})


def parse_bool(text: str) -> bool:
    """Read a spreadsheet boolean: true/false, yes/no, oui/non, vrai/faux, 1/0.

    >>> parse_bool("Oui"), parse_bool("FAUX")
    (True, False)
    """
    key = fold(text)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError("expected true/false, yes/no, oui/non, vrai/faux or 1/0")


def parse_number(text: str) -> float:
    """Read a number as spreadsheets write it: decimal comma, the − sign, spaces.

    >>> parse_number("−1,5"), parse_number(" 2 ")
    (-1.5, 2.0)
    """
    cleaned = (
        text.strip()
        .replace("\u2212", "-")
        .replace("\u2013", "-")
        .replace("\u00a0", "")
        .replace("\u202f", "")
        .replace(" ", "")
        .replace(",", ".")
    )
    try:
        return float(cleaned)
    except ValueError:
        raise ValueError("expected a number") from None


_DAY_FIRST = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


def parse_date(text: str) -> date:
    """Read a date written ``2026-03-01`` or ``01/03/2026`` (day first, as in France).

    A time after an ISO date (what a workbook's date cell with a time gives) must be a
    valid time and is dropped. The year is written in four digits: ``01/03/26`` could
    be 1926 or 2026, and is refused rather than read as the year 26.

    >>> parse_date("01/03/2026"), parse_date("2026-03-01T10:30:00")
    (datetime.date(2026, 3, 1), datetime.date(2026, 3, 1))

    Raises
    ------
    ValueError
        When the text is not such a date (``01/03/26``, ``2026-03-01T99:99``).
    """
    value = text.strip()
    try:
        if "/" in value:
            found = _DAY_FIRST.fullmatch(value)
            if found is None:
                raise ValueError(value)
            day, month, year = map(int, found.groups())
            return date(year, month, day)
        if "T" in value or " " in value:
            return datetime.fromisoformat(value).date()
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            "expected a date as 2026-03-01 or 01/03/2026, the year in four digits"
        ) from None


_STRIPPED = frozenset({"id", "name", "source", "target", "stake"})


_PLAIN = frozenset({str, float, int, bool})


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


_NUMBERS = ("influence", "lat", "lon", "frequency", "weight", "stance", *ACTER_KEYS)
_FIELD_TYPES: dict[str, Any] = {
    **dict.fromkeys(_NUMBERS, parse_number),
    "instituted": parse_bool,
    "formal": parse_bool,
    "since": parse_date,
    "until": parse_date,
}


def _enum_parser(enum: type[StrEnum]):
    members = enum._value2member_map_

    def parse(value: Any) -> Any:
        member = members.get(value)
        return member if member is not None else parse_enum(enum, value)

    return parse


def _text_parser(parse):
    """Apply ``parse`` to text only: values already typed (from xlsx or JSON) pass through."""

    def apply(value: Any) -> Any:
        return parse(value) if isinstance(value, str) else value

    return apply


def _fast_number(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return parse_number(value)
    return value


class _Record(BaseModel):
    """Common behaviour: blank cells take the field's default, values read as spreadsheets
    write them (French enum values, decimal commas, oui/non, 01/03/2026).

    All the reading happens in one pass over the input (:meth:`_read_cells`): a value
    that cannot be read is left as it is, so that pydantic reports it with its field,
    together with every other problem of the record.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Fields holding an enum, read with :func:`parse_enum`.
    _enums: ClassVar[dict[str, type[StrEnum]]] = {}
    #: Field → how to read it (built once per class from ``_enums`` and the field types).
    _readers: ClassVar[dict[str, Any]] = {}

    #: Custom columns found in a file, kept verbatim (never interpreted).
    extra: dict[str, str] = Field(default_factory=dict)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        readers: dict[str, Any] = {}
        for name in cls.model_fields:
            if name in cls._enums:
                readers[name] = _enum_parser(cls._enums[name])
            elif name in _NUMBERS:
                readers[name] = _fast_number
            elif name in _FIELD_TYPES:
                readers[name] = _text_parser(_FIELD_TYPES[name])
        if "tags" in cls.model_fields:
            readers["tags"] = _text_parser(
                lambda text: [t.strip() for t in text.split("|") if t.strip()]
            )
        cls._readers = readers

    @model_validator(mode="before")
    @classmethod
    def _read_cells(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        readers = cls._readers
        cells: dict[str, Any] = {}
        for name, value in data.items():
            if value is None:
                continue
            if value.__class__ is str:
                stripped = value.strip()
                if not stripped:
                    continue
                if name in _STRIPPED:
                    value = stripped
            reader = readers.get(name)
            if reader is not None:
                try:
                    value = reader(value)
                except ValueError:
                    pass  # left as written: pydantic reports it on its field
            cells[name] = value
        return cells

    def record(self) -> dict[str, Any]:
        """The record as the exchange format has it: enum values as strings, no empty fields."""
        out: dict[str, Any] = {}
        # __dict__ holds exactly the fields (extra="forbid"): reading it directly, and
        # passing plain values through first, is three times faster than
        # BaseModel.__iter__ — which counts when a store writes a large map.
        for name, value in self.__dict__.items():
            if value is None or name == "extra":
                continue
            if type(value) in _PLAIN:
                out[name] = value
            elif isinstance(value, StrEnum):
                out[name] = value._value_  # the plain string; .value is a slow descriptor
            elif isinstance(value, date):
                out[name] = value.isoformat()
            elif not isinstance(value, (list, dict)) or value:
                out[name] = value
        if self.extra:
            out.update({k: v for k, v in self.extra.items() if v not in (None, "")})
        return out


class Actor(_Record):
    """A person, organisation or institution."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    kind: ActorKind
    level: Level | None = None
    category: str | None = None
    territory: str | None = None
    role: str | None = None
    influence: float | None = Field(default=None, ge=0, le=5)
    engagement: Engagement | None = None
    tags: list[str] = Field(default_factory=list)
    notes: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)

    _enums: ClassVar[dict[str, type[StrEnum]]] = {
        "kind": ActorKind,
        "level": Level,
        "engagement": Engagement,
    }

    @model_validator(mode="after")
    def _default_level(self) -> Actor:
        if self.level is None:
            # object.__setattr__ avoids re-running validation from inside a validator.
            object.__setattr__(self, "level", DEFAULT_LEVEL[self.kind])
        return self


class Stake(_Record):
    """Something actors care about (un enjeu)."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    description: str | None = None


class Space(_Record):
    """A space where cooperation lives (un dispositif): a committee, a group, a forum."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    kind: SpaceKind = SpaceKind.OTHER
    frequency: float | None = Field(default=None, ge=0)
    instituted: bool = False
    notes: str | None = None

    _enums: ClassVar[dict[str, type[StrEnum]]] = {"kind": SpaceKind}


class Relation(_Record):
    """A typed tie between two nodes; see DESIGN.md §2 for each type's fields."""

    id: str | None = None
    source: str = Field(min_length=1)
    target: str = Field(min_length=1)
    type: RelationType
    weight: float = Field(default=1.0, ge=1, le=3)
    power_type: PowerType | None = None
    stance: float | None = Field(default=None, ge=-2, le=2)
    formal: bool | None = None
    mode: CooperationMode | None = None
    stake: str | None = None
    role: str | None = None
    since: date | None = None
    until: date | None = None
    reported_by: str | None = None
    visibility: Visibility = Visibility.PUBLIC
    notes: str | None = None
    acter_agree: float | None = Field(default=None, ge=0, le=3)
    acter_know: float | None = Field(default=None, ge=0, le=3)
    acter_trust: float | None = Field(default=None, ge=0, le=3)
    acter_translate: float | None = Field(default=None, ge=0, le=3)
    acter_evaluate: float | None = Field(default=None, ge=0, le=3)
    acter_share: float | None = Field(default=None, ge=0, le=3)

    _enums: ClassVar[dict[str, type[StrEnum]]] = {
        "type": RelationType,
        "power_type": PowerType,
        "mode": CooperationMode,
        "visibility": Visibility,
    }

    @model_validator(mode="after")
    def _type_rules(self) -> Relation:
        if self.source == self.target:
            raise ValueError(f"a relation cannot link '{self.source}' to itself")
        if self.type is RelationType.POWER and self.power_type is None:
            raise ValueError("a power relation needs power_type: one of " + ", ".join(PowerType))
        if self.type is RelationType.STAKE and self.stance is None:
            raise ValueError("a stake relation needs a stance from -2 to 2")
        if self.type is RelationType.PARTICIPATES and self.role is not None:
            try:
                role = parse_enum(ParticipationRole, self.role)
            except ValueError:
                raise ValueError(
                    "role of a participates relation: expected one of member, facilitator"
                ) from None
            object.__setattr__(self, "role", role.value)
        if self.since and self.until and self.until < self.since:
            raise ValueError(f"until ({self.until}) is before since ({self.since})")
        return self

    @property
    def undirected(self) -> bool:
        return self.type in UNDIRECTED

    @property
    def key(self) -> str:
        """The relation's identity (DESIGN.md §2); see :func:`relation_key`."""
        return relation_key(self.type, self.source, self.target, self.stake, self.id)

    def active(self, as_of: date) -> bool:
        """True when the relation holds on ``as_of`` (not ended before, not started after)."""
        if self.until is not None and self.until < as_of:
            return False
        return not (self.since is not None and self.since > as_of)

    def acter(self) -> dict[str, float]:
        """The A.C.T.E.R key scores that were given."""
        return {k: getattr(self, k) for k in ACTER_KEYS if getattr(self, k) is not None}


def relation_key(
    type: RelationType | str,
    source: str,
    target: str,
    stake: str | None = None,
    id: str | None = None,
) -> str:
    """Identity of a relation as one string.

    Its ``id`` when given (prefixed ``id:``); otherwise a JSON list of type, source and
    target — sorted for the undirected types — plus the stake of a tension. The two
    forms cannot collide: one starts with ``id:``, the other with ``[``.

    >>> relation_key("cooperates", "b", "a")
    '["cooperates", "a", "b"]'
    >>> relation_key("tension", "a", "b", stake="market")
    '["tension", "a", "b", "market"]'
    >>> relation_key("power", "b", "a", id="R7")
    'id:R7'
    """
    if id:
        return f"id:{id}"
    rtype = type if isinstance(type, RelationType) else RelationType(type)
    if rtype in UNDIRECTED and target < source:
        source, target = target, source
    parts = [rtype._value_, source, target]
    if rtype is RelationType.TENSION and stake:
        parts.append(stake)
    # What json.dumps(parts, ensure_ascii=False) writes, without building an encoder
    # per call: keys are computed for every relation of every map loaded.
    return "[" + ", ".join(map(encode_basestring, parts)) + "]"


_UNDIRECTED_NAMES = frozenset(rtype._value_ for rtype in UNDIRECTED)


def relation_keys(
    types: Sequence[RelationType],
    sources: Sequence[str],
    targets: Sequence[str],
    stakes: Sequence[str | None],
    ids: Sequence[str | None],
) -> list[str]:
    """:func:`relation_key` of many relations at once, column by column.

    The columns hold what a :class:`Relation` holds (``types`` are
    :class:`RelationType` members); each key is exactly what :func:`relation_key`
    gives. Made in C where it can be (one ``map`` per column rather than a Python call
    per relation): a map holds hundreds of thousands of relations.

    >>> relation_keys([RelationType.COOPERATES, RelationType.POWER], ["b", "a"],
    ...               ["a", "c"], [None, None], [None, "R7"])
    ['["cooperates", "a", "b"]', 'id:R7']
    """
    import numpy as np  # only here: the model itself does without it

    # Plain strings: an enum member's hash is a Python call, a string's is cached.
    names = list(map(str.__str__, types))
    count = len(names)
    firsts, seconds = sources, targets
    undirected = np.fromiter(map(_UNDIRECTED_NAMES.__contains__, names), bool, count)
    if undirected.any():
        # An undirected relation written target first: its ends swap places (what
        # min and max of the two give, compared in C over whole columns).
        backwards = undirected & np.fromiter(map(lt, targets, sources), bool, count)
        if backwards.any():
            ends = np.fromiter(sources, object, count), np.fromiter(targets, object, count)
            firsts = np.where(backwards, ends[1], ends[0]).tolist()
            seconds = np.where(backwards, ends[0], ends[1]).tolist()
    written = {name: encode_basestring(name) for name in set(names)}
    keys = list(
        map(
            "[{}, {}, {}]".format,
            map(written.__getitem__, names),
            map(encode_basestring, firsts),
            map(encode_basestring, seconds),
        )
    )
    # Relations with an id, and tensions on a stake: their keys are made one by one.
    rows = range(len(keys))
    tensions = compress(rows, map(eq, names, repeat(RelationType.TENSION._value_)))
    for i in sorted({*compress(rows, ids), *(i for i in tensions if stakes[i])}):
        keys[i] = relation_key(types[i], sources[i], targets[i], stakes[i], ids[i])
    return keys


Node = Actor | Stake | Space


@dataclass
class Ecosystem:
    """A whole map in memory: nodes by id and relations by identity.

    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="a", name="Mairie", kind="institution"))
    >>> eco.actors["a"].level
    <Level.MACRO: 'macro'>
    """

    actors: dict[str, Actor] = field(default_factory=dict)
    stakes: dict[str, Stake] = field(default_factory=dict)
    spaces: dict[str, Space] = field(default_factory=dict)
    relations: dict[str, Relation] = field(default_factory=dict)

    def add(self, record: Actor | Stake | Space | Relation) -> None:
        """Insert or replace one record (keyed by id, or by identity for relations)."""
        if isinstance(record, Relation):
            self.relations[record.key] = record
        else:
            self._table(record)[record.id] = record

    def _table(self, record: Node) -> dict[str, Any]:
        if isinstance(record, Actor):
            return self.actors
        if isinstance(record, Stake):
            return self.stakes
        return self.spaces

    def node(self, node_id: str) -> Node | None:
        """The actor, stake or space with that id (one id space for all three)."""
        return self.actors.get(node_id) or self.stakes.get(node_id) or self.spaces.get(node_id)

    def node_kind(self, node_id: str) -> ActorKind | RecordKind | None:
        """An actor's kind, or RecordKind.STAKE / RecordKind.SPACE, or None if unknown."""
        if node_id in self.actors:
            return self.actors[node_id].kind
        if node_id in self.stakes:
            return RecordKind.STAKE
        if node_id in self.spaces:
            return RecordKind.SPACE
        return None

    def records(self, kind: RecordKind) -> dict[str, Any]:
        return {
            RecordKind.ACTOR: self.actors,
            RecordKind.STAKE: self.stakes,
            RecordKind.SPACE: self.spaces,
            RecordKind.RELATION: self.relations,
        }[RecordKind(kind)]

    def relations_of(self, node_id: str) -> list[Relation]:
        """Every relation that has ``node_id`` at one end."""
        return [r for r in self.relations.values() if node_id in (r.source, r.target)]

    def counts(self) -> dict[str, Any]:
        """Record counts (the part of the summary that needs no graph)."""
        return {
            "actors": len(self.actors),
            "relations": len(self.relations),
            "stakes": len(self.stakes),
            "spaces": len(self.spaces),
            "by_kind": dict(sorted(Counter(a.kind.value for a in self.actors.values()).items())),
            "by_relation_type": dict(
                sorted(Counter(r.type.value for r in self.relations.values()).items())
            ),
        }

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ecosystem):
            return NotImplemented
        return (
            self.actors == other.actors
            and self.stakes == other.stakes
            and self.spaces == other.spaces
            and self.relations == other.relations
        )
