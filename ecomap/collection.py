"""Participatory collection: campaigns where each actor describes its own ties (DESIGN §6).

An admin opens a :class:`Campaign` on the map (a title, the stakes asked about, the
respondents, an end date) and issues one personal link per respondent. A link is an
unguessable token (:func:`secrets.token_urlsafe`) kept in the store only as a keyed
hash (HMAC-SHA-256 with the store's secret key, :meth:`ecomap.store.base.Store.pseudonym_key`):
the store cannot give a link back, so links are shown or exported when they are issued
(:func:`issue_links`), and issuing again replaces a respondent's link.

The respondent opens the link (:func:`verify_link`), sees the names of the map offered
to them and their own answers, and saves their declaration (:func:`save_answers`): whom
they cooperate with (strength 1–3, formal or not), tensions, who holds which power over
them, their stance on each stake. Answers wait in a staging area of the store, never in
the map, and a new save replaces the respondent's previous answers at once.

The agent then reconciles (:func:`proposals`, :func:`accept`, :func:`reject`): each
proposed change names its respondents; a declared tie is **reciprocated** when the other
side declares it too, **one-sided** otherwise, **contested** when both sides declare it
with strengths 2 apart or one declares a cooperation and the other a tension. What is
accepted enters the map as one logged, undoable change, each relation carrying
``reported_by`` (respondents, date) and a ``confidence`` custom field
(:data:`CONFIDENCE`). Rejected proposals stay with the campaign.

Rights (:mod:`ecomap.access`): opening and closing a campaign, issuing and revoking links
and exporting them are an admin's (:attr:`~ecomap.access.Right.CAMPAIGN`); reconciling is
an editor's (:attr:`~ecomap.access.Right.EDIT`). They are checked where the store is
written, through :class:`~ecomap.access.GuardedStore`. A respondent needs no account:
their link is their right, checked by the store in the transaction that saves.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import hmac
import io
import json
import math
import re
import secrets
import threading
import time
import unicodedata
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ecomap.errors import EcomapError
from ecomap.i18n import say
from ecomap.model import (
    Actor,
    ActorKind,
    Ecosystem,
    PowerType,
    Relation,
    RelationType,
    fold,
)

__all__ = [
    "CampaignState",
    "Campaign",
    "IssuedLink",
    "LinkStatus",
    "OfferedActor",
    "RespondentContext",
    "Someone",
    "Cooperation",
    "Tension",
    "Power",
    "Answers",
    "Agreement",
    "Declaration",
    "Proposal",
    "Decision",
    "OrganisationRate",
    "CampaignStatistics",
    "CollectionError",
    "InvalidLink",
    "TooManyAttempts",
    "AnswersInvalid",
    "AttemptLimiter",
    "LIMITER",
    "CONFIDENCE",
    "TEXT_LIMIT",
    "LIST_LIMIT",
    "open_campaign",
    "campaigns",
    "campaign",
    "close_campaign",
    "reopen_campaign",
    "issue_links",
    "revoke_link",
    "link_statuses",
    "link_hash",
    "personal_link",
    "verify_link",
    "save_answers",
    "agreement",
    "proposals",
    "names_of",
    "decisions",
    "read_answers",
    "accept",
    "reject",
    "statistics",
    "links_rows",
    "links_csv",
    "links_xlsx",
]

#: Longest text a respondent or an admin may type in one field (a name, a title).
TEXT_LIMIT = 200
#: Most entries in one list of answers (cooperations, tensions, powers).
LIST_LIMIT = 200
#: The ``confidence`` custom field of an accepted relation, by agreement.
CONFIDENCE: dict[str, float] = {"reciprocated": 1.0, "own": 1.0, "one_sided": 0.5,
                                "contested": 0.25}  # fmt: skip
_TOKEN_BYTES = 32
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,100}")
# Control characters and the bidirectional overrides that make text read otherwise
# than it is stored ("Trojan source").
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_HASH_CONTEXT = b"ecomap campaign link\x00"

MESSAGES = {
    "en": {
        "invalid_link": "This link is not valid: it may have expired or been replaced. Ask "
        "the person who sent it for a new one.",
        "too_many": "Too many attempts with links that are not valid: try again in "
        "{seconds} seconds.",
        "no_campaign": "there is no campaign {campaign} in this store",
        "title": "the title is empty or longer than {limit} characters",
        "text_long": "longer than {limit} characters",
        "text_control": "holds control characters (invisible characters are not accepted)",
        "text_empty": "empty",
        "ends_past": "the end date {ends} is already past",
        "no_respondent": "a campaign needs at least one respondent",
        "not_actor": "{id} is not an actor of the map",
        "not_stake": "{id} is not a stake of the map",
        "not_respondent": "{id} is not a respondent of campaign {campaign}",
        "not_offered": "{id} is not one of the names offered",
        "self": "a respondent cannot declare a tie with themselves",
        "twice": "{who} is declared twice",
        "stake_not_asked": "stake {id} is not asked about in this campaign",
        "one_of": "either an actor of the map or the name of someone new, not both",
        "answers": "the answers cannot be saved: {problems}",
        "unknown_proposal": "no proposal {key} waits in campaign {campaign}",
        "needs_actor": "the relation {key} links {name}, who is neither accepted nor in the map: "
        "accept that new actor too, or say which actor of the map it is",
        "same_as": "{id}, given as the same as {key}, is not an actor of the map",
        "not_new_actor": "{key} is not a new actor: only a new actor can be the same as an "
        "existing one",
    },
    "fr": {
        "invalid_link": "Ce lien n'est pas valable : il a peut-être expiré ou été remplacé. "
        "Demandez-en un nouveau à la personne qui vous l'a envoyé.",
        "too_many": "Trop d'essais avec des liens non valables : réessayez dans {seconds} "
        "secondes.",
        "no_campaign": "il n'y a pas de campagne {campaign} dans ce stockage",
        "title": "le titre est vide ou dépasse {limit} caractères",
        "text_long": "dépasse {limit} caractères",
        "text_control": "contient des caractères de contrôle (les caractères invisibles ne "
        "sont pas acceptés)",
        "text_empty": "vide",
        "ends_past": "la date de fin {ends} est déjà passée",
        "no_respondent": "une campagne a besoin d'au moins une personne ou structure interrogée",
        "not_actor": "{id} n'est pas un acteur de la carte",
        "not_stake": "{id} n'est pas un enjeu de la carte",
        "not_respondent": "{id} n'est pas interrogé dans la campagne {campaign}",
        "not_offered": "{id} ne fait pas partie des noms proposés",
        "self": "on ne peut pas déclarer de lien avec soi-même",
        "twice": "{who} est déclaré deux fois",
        "stake_not_asked": "l'enjeu {id} n'est pas demandé dans cette campagne",
        "one_of": "soit un acteur de la carte, soit le nom d'une personne nouvelle, pas les deux",
        "answers": "les réponses ne peuvent pas être enregistrées : {problems}",
        "unknown_proposal": "aucune proposition {key} n'attend dans la campagne {campaign}",
        "needs_actor": "la relation {key} relie {name}, qui n'est ni accepté ni dans la carte : "
        "acceptez aussi ce nouvel acteur, ou dites quel acteur de la carte c'est",
        "same_as": "{id}, donné comme identique à {key}, n'est pas un acteur de la carte",
        "not_new_actor": "{key} n'est pas un nouvel acteur : seul un nouvel acteur peut être "
        "identique à un acteur existant",
    },
}


# -- errors -----------------------------------------------------------------------------
class CollectionError(EcomapError):
    """A campaign operation was refused; nothing was written. ``problems``: each reason."""

    def __init__(self, message: str, problems: Iterable[str] = ()):
        self.problems = list(problems) or [message]
        super().__init__(message)


class InvalidLink(CollectionError):
    """A link that does not open anything: unknown, revoked, expired, of a closed
    campaign or of another store. One outcome and one message for all of them, so that
    the answer reveals nothing about the link."""

    def __init__(self, lang: str = "fr"):
        super().__init__(say(MESSAGES, "invalid_link", lang))


class TooManyAttempts(CollectionError):
    """Too many invalid links from one client: refused for ``retry_after`` seconds."""

    def __init__(self, retry_after: float, lang: str = "fr"):
        self.retry_after = max(1, math.ceil(retry_after))
        super().__init__(say(MESSAGES, "too_many", lang, seconds=self.retry_after))


class AnswersInvalid(CollectionError):
    """Answers that cannot be saved; ``problems`` lists each one as ``where: what``."""


# -- campaigns --------------------------------------------------------------------------
class CampaignState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class Campaign:
    """A campaign as the store keeps it."""

    id: int
    title: str
    stakes: tuple[str, ...]
    respondents: tuple[str, ...]
    ends: date
    created_by: str | None
    created_at: datetime
    state: CampaignState = CampaignState.OPEN

    def is_open(self, today: date | None = None) -> bool:
        """Open and not past its end date (the end date is the last day of answers)."""
        return self.state is CampaignState.OPEN and (today or _today()) <= self.ends

    def record(self) -> dict[str, Any]:
        """What the store keeps (the id and state are columns of their own)."""
        return {
            "title": self.title,
            "stakes": list(self.stakes),
            "respondents": list(self.respondents),
            "ends": self.ends.isoformat(),
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
        }

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Campaign:
        data = row["record"]
        return cls(
            id=int(row["id"]),
            title=data["title"],
            stakes=tuple(data["stakes"]),
            respondents=tuple(data["respondents"]),
            ends=date.fromisoformat(data["ends"]),
            created_by=data.get("created_by"),
            created_at=datetime.fromisoformat(data["created_at"]),
            state=CampaignState(row["state"]),
        )


def _today() -> date:
    return datetime.now(UTC).date()


def _now() -> datetime:
    return datetime.now(UTC)


def _text_problem(value: Any, lang: str, *, required: bool = True) -> str | None:
    """What is wrong with a typed text, or None (HTML or formulas are kept as text)."""
    if not isinstance(value, str) or (required and not value.strip()):
        return say(MESSAGES, "text_empty", lang)
    if len(value) > TEXT_LIMIT:
        return say(MESSAGES, "text_long", lang, limit=TEXT_LIMIT)
    if _FORBIDDEN.search(value):
        return say(MESSAGES, "text_control", lang)
    return None


def open_campaign(
    store: Any,
    title: str,
    *,
    respondents: Iterable[str],
    ends: date,
    stakes: Iterable[str] = (),
    today: date | None = None,
    lang: str = "fr",
) -> Campaign:
    """Open a campaign on the store's map; an admin's right.

    Parameters
    ----------
    store : Store or GuardedStore
        The map's store; through a :class:`~ecomap.access.GuardedStore`, the person must
        be an admin, and becomes the campaign's ``created_by``.
    title : str
        What respondents see first (1 to :data:`TEXT_LIMIT` characters).
    respondents : ids of actors of the map (people or organisations).
    ends : the last day on which answers are accepted.
    stakes : ids of stakes of the map to ask a stance on.

    Raises
    ------
    CollectionError
        Listing every problem (empty title, unknown actor or stake, past end date);
        nothing is written.
    AccessDenied
        When the person is not an admin.
    """
    eco = store.load()
    respondents = list(dict.fromkeys(respondents))
    stakes = list(dict.fromkeys(stakes))
    problems = []
    if (problem := _text_problem(title, lang)) is not None:
        problems.append(say(MESSAGES, "title", lang, limit=TEXT_LIMIT) + f" ({problem})")
    if not respondents:
        problems.append(say(MESSAGES, "no_respondent", lang))
    problems += [say(MESSAGES, "not_actor", lang, id=repr(r)) for r in respondents
                 if r not in eco.actors]  # fmt: skip
    problems += [say(MESSAGES, "not_stake", lang, id=repr(s)) for s in stakes
                 if s not in eco.stakes]  # fmt: skip
    if ends < (today or _today()):
        problems.append(say(MESSAGES, "ends_past", lang, ends=ends.isoformat()))
    if problems:
        raise CollectionError("; ".join(problems), problems)
    draft = Campaign(0, title.strip(), tuple(stakes), tuple(respondents), ends, None, _now())
    campaign_id = store.campaign_create(draft.record())
    return campaign(store, campaign_id, lang=lang)


def campaigns(store: Any) -> list[Campaign]:
    """Every campaign of the store, newest first."""
    rows = store.campaign_records()
    return sorted((Campaign.from_row(r) for r in rows), key=lambda c: -c.id)


def campaign(store: Any, campaign_id: int, *, lang: str = "fr") -> Campaign:
    """One campaign; :class:`CollectionError` when the store has none by that id."""
    row = store.campaign_record(int(campaign_id))
    if row is None:
        raise CollectionError(say(MESSAGES, "no_campaign", lang, campaign=campaign_id))
    return Campaign.from_row(row)


def close_campaign(store: Any, campaign_id: int, *, lang: str = "fr") -> Campaign:
    """Close a campaign: its links stop working, its answers stay (an admin's right)."""
    campaign(store, campaign_id, lang=lang)
    store.campaign_set_state(int(campaign_id), CampaignState.CLOSED.value)
    return campaign(store, campaign_id, lang=lang)


def reopen_campaign(store: Any, campaign_id: int, *, lang: str = "fr") -> Campaign:
    """Open a closed campaign again (its links work again until the end date)."""
    campaign(store, campaign_id, lang=lang)
    store.campaign_set_state(int(campaign_id), CampaignState.OPEN.value)
    return campaign(store, campaign_id, lang=lang)


# -- links ------------------------------------------------------------------------------
@dataclass(frozen=True)
class IssuedLink:
    """A personal link just issued: the raw ``token`` exists only here, never in the store."""

    campaign: int
    respondent: str
    token: str
    issued_at: datetime


@dataclass(frozen=True)
class LinkStatus:
    """Where a respondent's link stands (no token: the store does not have it)."""

    respondent: str
    issued_at: datetime | None
    revoked_at: datetime | None
    answered_at: datetime | None

    @property
    def active(self) -> bool:
        return self.issued_at is not None and self.revoked_at is None


def link_hash(store: Any, token: str) -> str:
    """The keyed hash the store keeps for a token (HMAC-SHA-256 with the store's key).

    The key is the store's own (:meth:`~ecomap.store.base.Store.pseudonym_key`): a token
    of another store never matches, and the hashes alone cannot be tried against guesses.
    """
    key = store.pseudonym_key()
    return hmac.new(key, _HASH_CONTEXT + token.encode("utf-8"), hashlib.sha256).hexdigest()


def issue_links(
    store: Any,
    campaign_id: int,
    respondents: Iterable[str] | None = None,
    *,
    lang: str = "fr",
) -> list[IssuedLink]:
    """Issue a new personal link to each respondent (all by default); an admin's right.

    A respondent's earlier link stops working. The returned links are the only copy of
    the tokens: show or export them now (:func:`links_csv`, :func:`links_xlsx`).

    Raises
    ------
    CollectionError
        When a respondent is not one of the campaign's.
    """
    chosen = campaign(store, campaign_id, lang=lang)
    wanted = list(chosen.respondents if respondents is None else dict.fromkeys(respondents))
    unknown = [r for r in wanted if r not in chosen.respondents]
    if unknown:
        problems = [say(MESSAGES, "not_respondent", lang, id=repr(r), campaign=chosen.id)
                    for r in unknown]  # fmt: skip
        raise CollectionError("; ".join(problems), problems)
    at = _now()
    issued = [IssuedLink(chosen.id, r, secrets.token_urlsafe(_TOKEN_BYTES), at) for r in wanted]
    store.campaign_issue_links(
        chosen.id, [(link.respondent, link_hash(store, link.token)) for link in issued],
        at.isoformat(),
    )  # fmt: skip
    return issued


def revoke_link(store: Any, campaign_id: int, respondent: str, *, lang: str = "fr") -> int:
    """Stop a respondent's link(s) from working (an admin's right); how many were revoked."""
    chosen = campaign(store, campaign_id, lang=lang)
    return store.campaign_revoke_links(chosen.id, [respondent], _now().isoformat())


def link_statuses(store: Any, campaign_id: int, *, lang: str = "fr") -> list[LinkStatus]:
    """For each respondent of the campaign (in its order), their link and answer dates."""
    chosen = campaign(store, campaign_id, lang=lang)
    issued: dict[str, dict[str, Any]] = {}
    for row in store.campaign_links(chosen.id):
        # The newest link of each respondent says where they stand.
        if (
            row["respondent"] not in issued
            or row["issued_at"] >= issued[row["respondent"]]["issued_at"]
        ):
            issued[row["respondent"]] = row
    answered = {row["respondent"]: row["saved_at"] for row in store.campaign_answers(chosen.id)}
    out = []
    for r in chosen.respondents:
        row = issued.get(r, {})
        out.append(
            LinkStatus(
                r,
                _moment(row.get("issued_at")),
                _moment(row.get("revoked_at")),
                _moment(answered.get(r)),
            )
        )
    return out


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def personal_link(base_url: str, token: str, *, parameter: str = "jeton") -> str:
    """The address a respondent opens: ``base_url`` with the token as a query parameter.

    >>> personal_link("https://carte.example.org/repondre", "abc")
    'https://carte.example.org/repondre?jeton=abc'
    """
    joiner = "&" if "?" in base_url else "?"
    return f"{base_url}{joiner}{parameter}={token}"


# -- rate limiting ------------------------------------------------------------------------
class AttemptLimiter:
    """Refuse a client that tried too many invalid links, for a while.

    A client (the caller's key: an address, a session) that had ``failures`` invalid
    links within ``window`` seconds is refused for ``lockout`` seconds, whatever the link.

    Kept in the process, not in the store: counting in the store would make every
    invalid attempt a write, so someone trying links could hold the store's write lock
    against the people editing the map; and a token is 256 random bits, so the limit is
    a second line of defence, not the first. With several processes serving the app,
    each counts its own attempts.

    >>> clock = iter(range(100)).__next__
    >>> limiter = AttemptLimiter(failures=2, window=60, lockout=30, clock=clock)
    >>> limiter.failed("x"); limiter.failed("x")
    >>> limiter.check("x")
    Traceback (most recent call last):
    ...
    ecomap.collection.TooManyAttempts: Trop d'essais avec des liens non valables : réessayez dans 29 secondes.
    """

    def __init__(
        self,
        failures: int = 10,
        window: float = 60.0,
        lockout: float = 300.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = 100_000,
    ):
        self.failures, self.window, self.lockout = failures, window, lockout
        self._clock, self._max_clients = clock, max_clients
        self._seen: dict[str, deque[float]] = {}
        self._refused_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def check(self, client: str, lang: str = "fr") -> None:
        """Raise :class:`TooManyAttempts` while ``client`` is refused."""
        with self._lock:
            now = self._clock()
            until = self._refused_until.get(client)
            if until is not None:
                if now < until:
                    raise TooManyAttempts(until - now, lang)
                del self._refused_until[client]

    def failed(self, client: str) -> None:
        """Count an invalid link from ``client``."""
        with self._lock:
            now = self._clock()
            if len(self._seen) >= self._max_clients and client not in self._seen:
                self._forget(now)
            seen = self._seen.setdefault(client, deque())
            seen.append(now)
            while seen and seen[0] <= now - self.window:
                seen.popleft()
            if len(seen) >= self.failures:
                self._refused_until[client] = now + self.lockout
                seen.clear()

    def _forget(self, now: float) -> None:
        """Drop clients with no recent failure (bounded memory under a flood of keys)."""
        for client in [
            c for c, seen in self._seen.items() if not seen or seen[-1] <= now - self.window
        ]:
            del self._seen[client]
        if len(self._seen) >= self._max_clients:
            self._seen.clear()

    def reset(self) -> None:
        with self._lock:
            self._seen.clear()
            self._refused_until.clear()


#: The process's limiter, used unless a caller passes its own.
LIMITER = AttemptLimiter()


# -- answers ----------------------------------------------------------------------------
class _Answer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _checked_text(value: Any, *, required: bool = True) -> Any:
    if value is None and not required:
        return None
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value.strip())
    problem = _text_problem(value, "en", required=required)
    if problem is not None:
        raise ValueError(problem)
    return value or None


class Someone(_Answer):
    """An actor of the map (``actor``: its id) or someone new (``name``, ``kind``,
    ``organisation``: the name of their organisation, as the respondent writes it)."""

    actor: str | None = None
    name: str | None = None
    kind: ActorKind = ActorKind.PERSON
    organisation: str | None = None

    @field_validator("actor", "name", "organisation", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return _checked_text(value, required=False)

    @model_validator(mode="after")
    def _one_of(self) -> Someone:
        if (self.actor is None) == (self.name is None):
            raise ValueError(say(MESSAGES, "one_of", "en"))
        return self

    @property
    def ref(self) -> str:
        """``actor:<id>`` or ``new:<folded name>``: who this is, for comparing answers."""
        return f"actor:{self.actor}" if self.actor is not None else f"new:{_name_key(self.name)}"


class Cooperation(_Answer):
    who: Someone
    weight: int = Field(default=2, ge=1, le=3)
    formal: bool = False


class Tension(_Answer):
    who: Someone
    weight: int = Field(default=1, ge=1, le=3)


class Power(_Answer):
    """``who`` holds power of ``power_type`` over the respondent."""

    who: Someone
    power_type: PowerType
    weight: int = Field(default=1, ge=1, le=3)


class Answers(_Answer):
    """One respondent's declaration: their ties and their stance on each stake."""

    cooperations: tuple[Cooperation, ...] = Field(default=(), max_length=LIST_LIMIT)
    tensions: tuple[Tension, ...] = Field(default=(), max_length=LIST_LIMIT)
    powers: tuple[Power, ...] = Field(default=(), max_length=LIST_LIMIT)
    stances: dict[str, int] = Field(default_factory=dict, max_length=LIST_LIMIT)

    @field_validator("stances")
    @classmethod
    def _stances(cls, value: dict[str, int]) -> dict[str, int]:
        for stake, stance in value.items():
            if (problem := _text_problem(stake, "en")) is not None:
                raise ValueError(problem)
            if not -2 <= stance <= 2:
                raise ValueError(f"stance on {stake!r}: {stance} is not between -2 and 2")
        return value

    def stored(self) -> dict[str, Any]:
        """The answers as the store keeps them (JSON)."""
        return self.model_dump(mode="json", exclude_defaults=False)


_PYDANTIC_WORDS = {
    "fr": {
        "string_too_long": "trop long",
        "too_long": f"trop d'entrées (au plus {LIST_LIMIT})",
        "greater_than_equal": "trop petit",
        "less_than_equal": "trop grand",
        "missing": "manquant",
        "enum": "valeur inconnue",
        "int_parsing": "un nombre entier est attendu",
        "int_from_float": "un nombre entier est attendu",
        "bool_parsing": "oui ou non est attendu",
        "extra_forbidden": "champ inconnu",
    },
}
_FIELD_WORDS = {
    "fr": {"cooperations": "coopérations", "tensions": "tensions", "powers": "pouvoirs",
           "stances": "positions", "who": "qui", "name": "nom", "actor": "acteur",
           "kind": "nature", "organisation": "organisation", "weight": "intensité",
           "formal": "formel", "power_type": "type de pouvoir"},
}  # fmt: skip


def _where(loc: tuple[Any, ...], lang: str) -> str:
    words = _FIELD_WORDS.get(lang, {})
    parts = []
    for part in loc:
        if isinstance(part, int):
            parts.append(str(part + 1))
        elif not str(part).startswith(("function-", "value_error")):
            parts.append(words.get(str(part), str(part)))
    return " ".join(parts)


def _problems_of(error: ValidationError, lang: str) -> list[str]:
    words = _PYDANTIC_WORDS.get(lang, {})
    problems = []
    for item in error.errors():
        what = words.get(item["type"])
        if what is None:
            what = str(item.get("msg", "")).removeprefix("Value error, ")
            if lang == "fr":
                what = _french(what)
        problems.append(f"{_where(item['loc'], lang)} : {what}" if lang == "fr"
                        else f"{_where(item['loc'], lang)}: {what}")  # fmt: skip
    return problems


def _french(text: str) -> str:
    """Our own English validation messages in French (the ones the models raise)."""
    for key in ("text_long", "text_control", "text_empty", "one_of"):
        english = say(MESSAGES, key, "en", limit=TEXT_LIMIT)
        if text == english:
            return say(MESSAGES, key, "fr", limit=TEXT_LIMIT)
    if text.startswith("stance on"):
        return "position " + text.removeprefix("stance on ").replace(
            "is not between -2 and 2", "n'est pas entre -2 et 2"
        )
    return text


def read_answers(data: Answers | Mapping[str, Any], *, lang: str = "fr") -> Answers:
    """Answers from what a form or a JSON body holds; :class:`AnswersInvalid` lists every
    problem (too long, control characters, a strength outside 1–3…)."""
    if isinstance(data, Answers):
        return data
    try:
        return Answers.model_validate(data)
    except ValidationError as error:
        problems = _problems_of(error, lang)
        raise AnswersInvalid(
            say(MESSAGES, "answers", lang, problems="; ".join(problems)), problems
        ) from None


# -- what a respondent sees ---------------------------------------------------------------
@dataclass(frozen=True)
class OfferedActor:
    """A name offered to a respondent to choose from (nothing else of the map)."""

    id: str
    name: str
    kind: ActorKind


@dataclass(frozen=True)
class RespondentContext:
    """What a valid link opens: the campaign, who answers, what they may see and say."""

    campaign: Campaign
    respondent: str
    respondent_name: str
    offered: tuple[OfferedActor, ...]
    stakes: tuple[tuple[str, str], ...]  # (id, name) of the stakes asked about
    answers: Answers | None
    saved_at: datetime | None


def verify_link(
    store: Any,
    token: str,
    *,
    client: str = "",
    limiter: AttemptLimiter | None = None,
    today: date | None = None,
    lang: str = "fr",
    eco: Ecosystem | None = None,
) -> RespondentContext:
    """The respondent's context for a personal link.

    Parameters
    ----------
    store : the map's store (not guarded: the link is the respondent's right).
    token : the token of the link, as the respondent's address holds it.
    client : who is trying (an address or a session), for the rate limit.
    limiter : the :class:`AttemptLimiter` (default :data:`LIMITER`).
    eco : the store's current map when the caller holds it already (default: loaded).

    Raises
    ------
    InvalidLink
        For an unknown, revoked or replaced link, a link of a closed or ended campaign,
        of another store, or of someone no longer a respondent: one outcome for all.
    TooManyAttempts
        When ``client`` tried too many invalid links lately (checked first).
    """
    limiter = LIMITER if limiter is None else limiter
    limiter.check(client, lang)
    found = _valid_link(store, token, today)
    if found is None:
        limiter.failed(client)
        raise InvalidLink(lang)
    chosen, respondent, _ = found
    eco = store.load() if eco is None else eco
    saved = store.campaign_answers(chosen.id, respondent)
    answers = Answers.model_validate(saved[0]["answers"]) if saved else None
    offered = tuple(
        sorted(
            (OfferedActor(a.id, a.name, a.kind) for a in eco.actors.values() if a.id != respondent),
            key=lambda a: (fold(a.name), a.id),
        )
    )
    stakes = tuple((s, eco.stakes[s].name) for s in chosen.stakes if s in eco.stakes)
    name = eco.actors[respondent].name if respondent in eco.actors else respondent
    return RespondentContext(chosen, respondent, name, offered, stakes, answers,
                             _moment(saved[0]["saved_at"]) if saved else None)  # fmt: skip


def _valid_link(store: Any, token: Any, today: date | None) -> tuple[Campaign, str, str] | None:
    """(campaign, respondent, hash) of a link that opens, else None."""
    if not isinstance(token, str) or not _TOKEN_SHAPE.fullmatch(token):
        return None
    digest = link_hash(store, token)
    row = store.campaign_link(digest)
    if row is None or not hmac.compare_digest(row["hash"], digest) or row["revoked_at"]:
        return None
    row_campaign = store.campaign_record(int(row["campaign"]))
    if row_campaign is None:
        return None
    chosen = Campaign.from_row(row_campaign)
    if not chosen.is_open(today) or row["respondent"] not in chosen.respondents:
        return None
    return chosen, row["respondent"], digest


def _check_answers(context: RespondentContext, answers: Answers, lang: str) -> list[str]:
    offered = {a.id for a in context.offered}
    asked = {s for s, _ in context.stakes}
    problems = []
    words = _FIELD_WORDS.get(lang, {})
    colon = " : " if lang == "fr" else ": "  # French typography: a space before the colon
    lists = {"cooperations": answers.cooperations, "tensions": answers.tensions,
             "powers": answers.powers}  # fmt: skip
    for field_name, entries in lists.items():
        seen: set[str] = set()
        for n, entry in enumerate(entries, 1):
            who = entry.who
            where = f"{words.get(field_name, field_name)} {n}{colon}"
            if who.actor is not None and who.actor == context.respondent:
                problems.append(where + say(MESSAGES, "self", lang))
            elif who.actor is not None and who.actor not in offered:
                problems.append(where + say(MESSAGES, "not_offered", lang, id=repr(who.actor)))
            if who.ref in seen:
                problems.append(where + say(MESSAGES, "twice", lang, who=who.name or who.actor))
            seen.add(who.ref)
    for stake in answers.stances:
        if stake not in asked:
            problems.append(say(MESSAGES, "stake_not_asked", lang, id=repr(stake)))
    return problems


def save_answers(
    store: Any,
    token: str,
    answers: Answers | Mapping[str, Any],
    *,
    client: str = "",
    limiter: AttemptLimiter | None = None,
    today: date | None = None,
    lang: str = "fr",
    eco: Ecosystem | None = None,
) -> RespondentContext:
    """Save a respondent's answers in the staging area, replacing their previous ones.

    The link is checked again, and once more by the store in the transaction that
    writes (a link revoked meanwhile saves nothing). Returns the context with the
    answers as saved.

    Raises
    ------
    InvalidLink, TooManyAttempts
        As :func:`verify_link`.
    AnswersInvalid
        Listing every problem of the answers; nothing is saved.
    """
    context = verify_link(store, token, client=client, limiter=limiter, today=today, lang=lang,
                          eco=eco)  # fmt: skip
    parsed = read_answers(answers, lang=lang)
    problems = _check_answers(context, parsed, lang)
    if problems:
        raise AnswersInvalid(say(MESSAGES, "answers", lang, problems="; ".join(problems)),
                             problems)  # fmt: skip
    at = _now()
    if not store.campaign_save_answers(link_hash(store, token), parsed.stored(), at.isoformat()):
        raise InvalidLink(lang)
    return RespondentContext(context.campaign, context.respondent, context.respondent_name,
                             context.offered, context.stakes, parsed, at)  # fmt: skip


# -- reconciliation -----------------------------------------------------------------------
class Agreement(StrEnum):
    """How the two sides of a declared tie agree (DESIGN §6)."""

    RECIPROCATED = "reciprocated"
    ONE_SIDED = "one_sided"
    CONTESTED = "contested"
    OWN = "own"  # a stance: the respondent's own position, nobody else's to confirm


@dataclass(frozen=True)
class Declaration:
    """One respondent's statement about a tie (or their stance on a stake)."""

    respondent: str
    type: RelationType
    weight: int = 1
    formal: bool | None = None
    power_type: PowerType | None = None
    stance: int | None = None
    saved_at: str = ""


def agreement(
    mine: Declaration, theirs: Iterable[Declaration], *, answered: bool = True
) -> Agreement:
    """How the other side's declarations about the same pair agree with ``mine``.

    ``theirs``: what the other side declared about the respondent (cooperations and
    tensions); ``answered``: whether the other side answered at all.

    - both declare the same type: **contested** when the strengths are 2 apart (1 and 3),
      else **reciprocated**;
    - one declares a cooperation and the other only a tension (or the reverse):
      **contested**;
    - otherwise (the other side declares nothing about it, did not answer, or is not a
      respondent): **one-sided**. A power is declared by the one who undergoes it, so it
      is always one-sided; a stance is the respondent's own.

    >>> coop = lambda who, w: Declaration(who, RelationType.COOPERATES, w)
    >>> agreement(coop("a", 3), [coop("b", 2)]), agreement(coop("a", 3), [coop("b", 1)])
    (<Agreement.RECIPROCATED: 'reciprocated'>, <Agreement.CONTESTED: 'contested'>)
    >>> agreement(coop("a", 2), [Declaration("b", RelationType.TENSION, 1)])
    <Agreement.CONTESTED: 'contested'>
    >>> agreement(coop("a", 2), [])
    <Agreement.ONE_SIDED: 'one_sided'>
    """
    if mine.type is RelationType.STAKE:
        return Agreement.OWN
    if mine.type is RelationType.POWER or not answered:
        return Agreement.ONE_SIDED
    theirs = list(theirs)
    same = [d for d in theirs if d.type is mine.type]
    if same:
        if any(abs(d.weight - mine.weight) >= 2 for d in same):
            return Agreement.CONTESTED
        return Agreement.RECIPROCATED
    opposite = {RelationType.COOPERATES: RelationType.TENSION,
                RelationType.TENSION: RelationType.COOPERATES}[mine.type]  # fmt: skip
    if any(d.type is opposite for d in theirs):
        return Agreement.CONTESTED
    return Agreement.ONE_SIDED


@dataclass(frozen=True)
class Decision:
    """What the agent decided on a proposal: ``state`` accepted or rejected."""

    key: str
    state: str
    by: str | None
    at: datetime
    change_id: int | None = None
    #: What was decided on: kind, operation, respondents, record, agreement and, for a
    #: new actor accepted, ``resolved_to``: the id it has in the map.
    proposal: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Proposal:
    """One proposed change of the map, from the campaign's answers.

    ``kind`` is ``actor`` (someone new) or ``relation``; ``operation`` ``new`` or
    ``changed`` (the map holds the tie with other values, ``before``). ``record`` is
    what would be written (a relation's ends may be new actors' proposed ids).
    ``agreement`` (relations only) and ``confidence`` follow DESIGN §6; ``duplicates``
    (new actors only) are likely existing actors: ``(id, name, score 0..1)``, best first.
    ``decision`` is None while the proposal waits.
    """

    key: str
    kind: str
    operation: str
    respondents: tuple[str, ...]
    record: Actor | Relation
    before: Relation | None = None
    agreement: Agreement | None = None
    confidence: float | None = None
    declarations: tuple[Declaration, ...] = ()
    duplicates: tuple[tuple[str, str, float], ...] = ()
    ends: tuple[str, ...] = ()  # the keys of the new-actor proposals a relation needs
    fingerprint: str = ""
    decision: Decision | None = None

    @property
    def waiting(self) -> bool:
        return self.decision is None


def _name_key(name: str) -> str:
    """A name as compared across answers: folded, accents off, spaces collapsed."""
    return " ".join(fold(name).replace("_", " ").split())


def _slug(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", _name_key(name)).strip("-")
    return text[:60] or "acteur"


def _duplicates(name: str, eco: Ecosystem, limit: int = 3) -> tuple[tuple[str, str, float], ...]:
    """Existing actors whose name looks like ``name``, best first: difflib's ratio of the
    folded names ≥ 0.75, or 0.8 when one name's words are all in the other's
    ("Jardins" and "Association des Jardins")."""
    wanted = _name_key(name)
    words = set(wanted.split())
    matcher = difflib.SequenceMatcher(None, b=wanted)
    scored = []
    for actor in eco.actors.values():
        other = _name_key(actor.name)
        other_words = set(other.split())
        contained = bool(words and other_words and (words <= other_words or other_words <= words))
        matcher.set_seq1(other)
        # The quick upper bounds first: most names of a large map are far off.
        if not contained and matcher.real_quick_ratio() < 0.75:
            continue
        score = matcher.ratio() if matcher.quick_ratio() >= 0.75 else 0.0
        if contained:
            score = max(score, 0.8)
        if score >= 0.75:
            scored.append((actor.id, actor.name, round(score, 3)))
    scored.sort(key=lambda s: (-s[2], s[0]))
    return tuple(scored[:limit])


def _fingerprint(*parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _existing_index(eco: Ecosystem) -> dict[tuple[str, ...], Relation]:
    """The map's ties by (type, ends): sorted ends for cooperations and tensions."""
    index: dict[tuple[str, ...], Relation] = {}
    for key in sorted(eco.relations):
        rel = eco.relations[key]
        if rel.type in (RelationType.COOPERATES, RelationType.TENSION):
            ends = tuple(sorted((rel.source, rel.target)))
        elif rel.type in (RelationType.POWER, RelationType.STAKE):
            ends = (rel.source, rel.target)
        else:
            continue
        # A tension about a stake still stands for the pair: the first found, by key.
        index.setdefault((rel.type.value, *ends), rel)
    return index


def _reported_by(respondents: Iterable[str], names: Mapping[str, str], day: str) -> str:
    """``Marie Dupont, 2026-12-02`` (two respondents: ``A & B, 2026-12-02``)."""
    return " & ".join(names.get(r, r) for r in respondents) + f", {day}"


def proposals(
    store: Any, campaign_id: int, *, lang: str = "fr", eco: Ecosystem | None = None
) -> list[Proposal]:
    """Every change the campaign's answers propose, with the agent's decisions.

    New actors first (by name), then relations (by type, then ends). A proposal that
    was accepted into a change since undone, or whose declarations changed since it was
    rejected, waits again. An accepted relation that the map now holds is no longer
    proposed (:func:`decisions` lists it). ``eco``: the store's current map when the
    caller holds it already (default: loaded), as for :func:`verify_link`,
    :func:`save_answers` and :func:`statistics`.
    """
    chosen = campaign(store, campaign_id, lang=lang)
    eco = store.load() if eco is None else eco
    rows = store.campaign_answers(chosen.id)
    answered = {row["respondent"]: (Answers.model_validate(row["answers"]), row["saved_at"])
                for row in rows if row["respondent"] in chosen.respondents}  # fmt: skip
    decided = _standing(store, chosen.id)
    resolved = {
        key.removeprefix("actor:"): decision.proposal["resolved_to"]
        for key, (decision, _) in decided.items()
        if decision.state == "accepted" and decision.proposal.get("resolved_to")
    }
    out = []
    for proposal in _build(chosen, eco, answered, resolved):
        decision = decided.get(proposal.key)
        if decision is not None and decision[1] == proposal.fingerprint:
            proposal = replace(proposal, decision=decision[0])
        out.append(proposal)
    return out


def names_of(found: Iterable[Proposal], eco: Ecosystem) -> dict[str, str]:
    """Id → name for showing proposals: the map's actors and stakes, and the ids the new
    actors of ``found`` would get."""
    names = {a.id: a.name for a in eco.actors.values()}
    names.update((s.id, s.name) for s in eco.stakes.values())
    names.update((p.record.id, p.record.name) for p in found if p.kind == "actor")
    return names


def decisions(store: Any, campaign_id: int, *, lang: str = "fr") -> list[Decision]:
    """Every decision taken on the campaign's proposals, oldest first (accepted ones whose
    change was undone included: ``change_id`` says which change)."""
    chosen = campaign(store, campaign_id, lang=lang)
    return [_decision(row) for row in sorted(store.campaign_decisions(chosen.id),
                                             key=lambda r: r["seq"])]  # fmt: skip


def _decision(row: Mapping[str, Any]) -> Decision:
    return Decision(row["key"], row["state"], row.get("by"), datetime.fromisoformat(row["at"]),
                    row.get("change_id"), row.get("proposal") or {})  # fmt: skip


def _standing(store: Any, campaign_id: int) -> dict[str, tuple[Decision, str]]:
    """The latest standing decision per proposal key, with the fingerprint it was made on."""
    found: dict[str, tuple[Decision, str]] = {}
    undone: dict[int, bool] = {}
    for row in sorted(store.campaign_decisions(campaign_id), key=lambda r: r["seq"]):
        change_id = row.get("change_id")
        if change_id is not None:
            if change_id not in undone:
                change = store.change(int(change_id))
                undone[change_id] = change is None or change.undone_by is not None
            if undone[change_id]:
                found.pop(row["key"], None)
                continue
        found[row["key"]] = (_decision(row), row["fingerprint"])
    return found


def _build(
    chosen: Campaign,
    eco: Ecosystem,
    answered: Mapping[str, tuple[Answers, str]],
    resolved: Mapping[str, str],
) -> list[Proposal]:
    """The proposals; ``resolved``: new names already accepted (folded name → actor id)."""
    # -- new actors: one proposal per folded name --------------------------------------
    new_by_key: dict[str, list[tuple[str, Someone]]] = defaultdict(list)
    for respondent in sorted(answered):
        answers = answered[respondent][0]
        for entry in (*answers.cooperations, *answers.tensions, *answers.powers):
            if entry.who.actor is None:
                new_by_key[_name_key(entry.who.name)].append((respondent, entry.who))
    taken = set(eco.actors) | set(eco.stakes) | set(eco.spaces)
    new_ids: dict[str, str] = {}
    actor_proposals = []
    for name_key in sorted(new_by_key):
        declared = new_by_key[name_key]
        first = declared[0][1]
        candidate = resolved.get(name_key)
        if candidate is None:
            base = _slug(first.name)
            candidate, n = base, 1
            while candidate in taken:
                n += 1
                candidate = f"{base}-{n}"
            taken.add(candidate)
        new_ids[f"new:{name_key}"] = candidate
        kinds = Counter(who.kind for _, who in declared)
        kind = min(kinds, key=lambda k: (-kinds[k], k.value))
        organisations = sorted({who.organisation for _, who in declared if who.organisation})
        notes = "; ".join(f"organisation : {o}" for o in organisations) or None
        record = Actor(id=candidate, name=first.name, kind=kind, notes=notes)
        respondents = tuple(dict.fromkeys(r for r, _ in declared))
        actor_proposals.append(
            Proposal(
                key=f"actor:{name_key}",
                kind="actor",
                operation="new",
                respondents=respondents,
                record=record,
                duplicates=_duplicates(first.name, eco),
                fingerprint=_fingerprint(name_key),
            )
        )

    def node(ref: str) -> str:
        return ref.removeprefix("actor:") if ref.startswith("actor:") else new_ids[ref]

    # -- declarations per tie ------------------------------------------------------------
    ties: dict[tuple[str, ...], list[Declaration]] = defaultdict(list)
    about: dict[tuple[str, str], list[Declaration]] = defaultdict(list)  # (from, to)
    for respondent in sorted(answered):
        answers, saved_at = answered[respondent]
        me = f"actor:{respondent}"
        for c in answers.cooperations:
            d = Declaration(respondent, RelationType.COOPERATES, c.weight, c.formal,
                            saved_at=saved_at)  # fmt: skip
            ties[("cooperates", *sorted((me, c.who.ref)))].append(d)
            about[(me, c.who.ref)].append(d)
        for t in answers.tensions:
            d = Declaration(respondent, RelationType.TENSION, t.weight, saved_at=saved_at)
            ties[("tension", *sorted((me, t.who.ref)))].append(d)
            about[(me, t.who.ref)].append(d)
        for p in answers.powers:
            d = Declaration(respondent, RelationType.POWER, p.weight, power_type=p.power_type,
                            saved_at=saved_at)  # fmt: skip
            ties[("power", p.who.ref, me)].append(d)
        for stake, stance in answers.stances.items():
            if stake in chosen.stakes and stake in eco.stakes:
                d = Declaration(respondent, RelationType.STAKE, stance=stance, saved_at=saved_at)
                ties[("stake", me, f"stake:{stake}")].append(d)

    index = _existing_index(eco)
    names = {a.id: a.name for a in eco.actors.values()}
    relation_proposals = []
    for tie in sorted(ties):
        declared = ties[tie]
        rtype = RelationType(tie[0])
        a, b = tie[1], tie[2]
        if rtype is RelationType.STAKE:
            source, target = node(a), b.removeprefix("stake:")
        else:
            source, target = node(a), node(b)
        gone = [r for r in (a, b) if r.startswith("actor:") and r.removeprefix("actor:")
                not in eco.actors]  # fmt: skip
        if gone:
            continue  # an actor removed from the map since it was named: nothing to add
        # Agreement: the first declaration against the other side's statements.
        mine = declared[0]
        me = f"actor:{mine.respondent}"
        other = b if a == me else a
        theirs = about.get((other, me), [])
        other_id = other.removeprefix("actor:")
        other_answered = other.startswith("actor:") and other_id in answered
        if len(declared) > 1:
            theirs = [*theirs, *declared[1:]]
        level = agreement(mine, [d for d in theirs if d.respondent != mine.respondent],
                          answered=other_answered or len(declared) > 1)  # fmt: skip
        respondents = tuple(dict.fromkeys(d.respondent for d in declared))
        weight = math.ceil(sum(d.weight for d in declared) / len(declared))
        fields: dict[str, Any] = {"weight": float(weight)}
        if rtype is RelationType.COOPERATES:
            fields["formal"] = any(d.formal for d in declared)
        elif rtype is RelationType.POWER:
            fields["power_type"] = mine.power_type
        elif rtype is RelationType.STAKE:
            fields = {"stance": float(mine.stance)}
        existing = index.get((rtype.value, *((sorted((source, target)))
                                            if rtype in (RelationType.COOPERATES, RelationType.TENSION)
                                            else (source, target))))  # fmt: skip
        if existing is not None:
            current = {k: getattr(existing, k) for k in fields}
            if rtype is RelationType.COOPERATES:
                current["formal"] = bool(current["formal"])
            if current == fields:
                continue  # the map already says so
        day = max(d.saved_at for d in declared)[:10]
        confidence = CONFIDENCE[level.value]
        provenance = {
            "reported_by": _reported_by(respondents, names, day),
        }
        if existing is not None:
            extra = {**existing.extra, "confidence": _number(confidence)}
            record = existing.model_copy(update={**fields, **provenance, "extra": extra})
        else:
            record = Relation(source=source, target=target, type=rtype, **fields, **provenance,
                              extra={"confidence": _number(confidence)})  # fmt: skip
        ends = tuple(f"actor:{r.removeprefix('new:')}" for r in (a, b) if r.startswith("new:"))
        key = "relation:" + json.dumps([rtype.value, a, b], ensure_ascii=False)
        relation_proposals.append(
            Proposal(
                key=key,
                kind="relation",
                operation="changed" if existing is not None else "new",
                respondents=respondents,
                record=record,
                before=existing,
                agreement=level,
                confidence=confidence,
                declarations=tuple(declared),
                ends=ends,
                fingerprint=_fingerprint(
                    key, {k: str(v) for k, v in fields.items()},
                    [(d.respondent, d.type.value, d.weight, d.formal, d.power_type, d.stance)
                     for d in declared],
                ),
            )
        )  # fmt: skip
    return actor_proposals + relation_proposals


def _number(value: float) -> str:
    """A custom field's number as text: ``1``, ``0.5``, ``0.25``."""
    return f"{value:g}"


def _chosen_keys(waiting: Mapping[str, Proposal], keys: Iterable[str] | None, campaign_id: int,
                 lang: str) -> list[str]:  # fmt: skip
    if keys is None:
        return list(waiting)
    keys = list(dict.fromkeys(keys))
    unknown = [k for k in keys if k not in waiting]
    if unknown:
        problems = [say(MESSAGES, "unknown_proposal", lang, key=k, campaign=campaign_id)
                    for k in unknown]  # fmt: skip
        raise CollectionError("; ".join(problems), problems)
    return keys


def accept(
    store: Any,
    campaign_id: int,
    keys: Iterable[str] | None = None,
    *,
    same_as: Mapping[str, str] | None = None,
    lang: str = "fr",
) -> Any:
    """Accept proposals (``keys``; None: every waiting one) into the map, as ONE change.

    ``same_as`` maps a new actor's proposal key to an existing actor's id: that actor is
    used instead of creating a new one (a duplicate the agent recognised). The change is
    logged and undoable like an import, with an ``import-N`` snapshot, by the store's
    author (an editor's right through :class:`~ecomap.access.GuardedStore`); the
    decisions are recorded in the same transaction. Returns the change (None when the
    map already held everything accepted).

    Raises
    ------
    CollectionError
        For an unknown key, a relation whose new actor is neither accepted nor mapped to
        an existing actor, a ``same_as`` that is not an actor; nothing is written.
    ConflictError
        When the map changed while the proposals were read; nothing is written: accept
        again.
    """
    chosen = campaign(store, campaign_id, lang=lang)
    # The revision before the map: an edit made meanwhile is not overwritten unseen.
    revision = store.revision
    eco = store.load()
    found = proposals(store, chosen.id, lang=lang, eco=eco)
    waiting = {p.key: p for p in found if p.waiting}
    keys = _chosen_keys(waiting, keys, chosen.id, lang)
    same_as = dict(same_as or {})
    problems = []
    for key, actor in same_as.items():
        if key not in waiting or waiting[key].kind != "actor":
            problems.append(say(MESSAGES, "not_new_actor", lang, key=key))
        elif actor not in eco.actors:
            problems.append(say(MESSAGES, "same_as", lang, id=repr(actor), key=key))
    if problems:
        raise CollectionError("; ".join(problems), problems)
    keys += [key for key in same_as if key not in keys]
    # A new actor's proposed id → its id in the map: its own, or the existing actor's.
    resolved = {waiting[k].record.id: same_as.get(k, waiting[k].record.id)
                for k in keys if waiting[k].kind == "actor"}  # fmt: skip
    upserts: list[Any] = []
    for key in keys:
        p = waiting[key]
        if p.kind == "actor":
            if key not in same_as:
                upserts.append(p.record)
            continue
        record = p.record
        update = {}
        for end in ("source", "target"):
            value = getattr(record, end)
            if value in eco.actors or value in eco.stakes:
                continue
            if value in resolved:
                update[end] = resolved[value]
            else:
                problems.append(say(MESSAGES, "needs_actor", lang, key=key, name=repr(value)))
        if update:
            record = record.model_copy(update=update)
        upserts.append(record)
    if problems:
        raise CollectionError("; ".join(problems), problems)
    decisions = []
    for k in keys:
        proposal = _proposal_json(waiting[k])
        if waiting[k].kind == "actor":
            proposal["resolved_to"] = resolved[waiting[k].record.id]
        decisions.append({"key": k, "fingerprint": waiting[k].fingerprint, "state": "accepted",
                          "proposal": proposal})  # fmt: skip
    return store.campaign_accept(chosen.id, upserts, decisions, revision=revision)


def reject(store: Any, campaign_id: int, keys: Iterable[str] | None = None, *,
           lang: str = "fr") -> int:  # fmt: skip
    """Reject proposals (None: every waiting one); kept with the campaign, with who and
    when. An editor's right. Returns how many were rejected."""
    chosen = campaign(store, campaign_id, lang=lang)
    waiting = {p.key: p for p in proposals(store, chosen.id, lang=lang) if p.waiting}
    keys = _chosen_keys(waiting, keys, chosen.id, lang)
    decisions = [{"key": k, "fingerprint": waiting[k].fingerprint, "state": "rejected",
                  "proposal": _proposal_json(waiting[k])} for k in keys]  # fmt: skip
    if decisions:
        store.campaign_decide(chosen.id, decisions)
    return len(decisions)


def _proposal_json(p: Proposal) -> dict[str, Any]:
    return {"kind": p.kind, "operation": p.operation, "respondents": list(p.respondents),
            "record": p.record.record(), "agreement": p.agreement and p.agreement.value}  # fmt: skip


# -- statistics -----------------------------------------------------------------------------
@dataclass(frozen=True)
class OrganisationRate:
    """Respondents of one organisation (a person's home organisation, DESIGN §2; an
    organisation is its own) and how many answered. ``organisation`` None: people of no
    organisation."""

    organisation: str | None
    name: str
    respondents: int
    answered: int

    @property
    def rate(self) -> float:
        return self.answered / self.respondents if self.respondents else 0.0


@dataclass(frozen=True)
class CampaignStatistics:
    respondents: int
    answered: int
    by_organisation: tuple[OrganisationRate, ...]
    not_answered: tuple[tuple[str, str], ...]  # (id, name), by name

    @property
    def rate(self) -> float:
        return self.answered / self.respondents if self.respondents else 0.0


def statistics(
    store: Any, campaign_id: int, *, lang: str = "fr", eco: Ecosystem | None = None
) -> CampaignStatistics:
    """Response rate overall and per organisation, and who has not answered."""
    from ecomap.graph import home_organisations

    chosen = campaign(store, campaign_id, lang=lang)
    eco = store.load() if eco is None else eco
    homes = home_organisations(eco)
    answered = {row["respondent"] for row in store.campaign_answers(chosen.id)}
    groups: dict[str | None, list[str]] = defaultdict(list)
    for r in chosen.respondents:
        actor = eco.actors.get(r)
        if actor is not None and actor.kind is not ActorKind.PERSON:
            groups[r].append(r)
        else:
            groups[homes.get(r)].append(r)
    rates = []
    for org, members in groups.items():
        name = eco.actors[org].name if org in eco.actors else ""
        rates.append(OrganisationRate(org, name, len(members),
                                      sum(m in answered for m in members)))  # fmt: skip
    rates.sort(key=lambda o: (o.organisation is None, fold(o.name), o.organisation or ""))
    missing = sorted(
        ((r, eco.actors[r].name if r in eco.actors else r) for r in chosen.respondents
         if r not in answered),
        key=lambda item: (fold(item[1]), item[0]),
    )  # fmt: skip
    done = sum(r in answered for r in chosen.respondents)
    return CampaignStatistics(len(chosen.respondents), done, tuple(rates), tuple(missing))


# -- the links for a mail merge ---------------------------------------------------------------
_LINK_COLUMNS = {
    "fr": ("nom", "organisation", "email", "lien"),
    "en": ("name", "organisation", "email", "link"),
}


def _check_admin(store: Any, lang: str) -> None:
    from ecomap.access import Right

    access = getattr(store, "access", None)
    if access is not None:
        access.check(Right.CAMPAIGN, lang)


def links_rows(
    store: Any, issued: Iterable[IssuedLink], base_url: str, *, lang: str = "fr"
) -> list[dict[str, str]]:
    """One row per issued link: the respondent's name, organisation (home organisation
    for a person), email (the actor's ``email`` custom field, when it has one), link.

    Links are personal by nature: anonymisation does not apply, and the rows need an
    admin's right (:class:`~ecomap.access.AccessDenied` otherwise).
    """
    from ecomap.graph import home_organisations

    _check_admin(store, lang)
    eco = store.load()
    homes = home_organisations(eco)
    name, organisation, email, link = _LINK_COLUMNS.get(lang, _LINK_COLUMNS["en"])
    rows = []
    for issued_link in issued:
        actor = eco.actors.get(issued_link.respondent)
        home = homes.get(issued_link.respondent)
        rows.append({
            name: actor.name if actor else issued_link.respondent,
            organisation: eco.actors[home].name if home in eco.actors else "",
            email: (actor.extra.get("email") or actor.extra.get("courriel") or "") if actor else "",
            link: personal_link(base_url, issued_link.token),
        })  # fmt: skip
    return rows


def links_csv(store: Any, issued: Iterable[IssuedLink], base_url: str, *,
              lang: str = "fr") -> bytes:  # fmt: skip
    """The links as a CSV file (UTF-8 with BOM, ``;`` in French, as Excel reads it);
    text that a spreadsheet would run as a formula is defused."""
    from ecomap.ingest.cells import defuse_formula

    rows = links_rows(store, issued, base_url, lang=lang)
    out = io.StringIO()
    columns = _LINK_COLUMNS.get(lang, _LINK_COLUMNS["en"])
    writer = csv.writer(out, delimiter=";" if lang == "fr" else ",", lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([defuse_formula(row[c]) for c in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def links_xlsx(store: Any, issued: Iterable[IssuedLink], base_url: str, *,
               lang: str = "fr") -> bytes:  # fmt: skip
    """The links as an Excel workbook (one sheet), formulas defused."""
    from openpyxl import Workbook

    from ecomap.ingest.cells import defuse_formula

    rows = links_rows(store, issued, base_url, lang=lang)
    columns = _LINK_COLUMNS.get(lang, _LINK_COLUMNS["en"])
    book = Workbook()
    sheet = book.active
    sheet.title = "liens" if lang == "fr" else "links"
    sheet.append(list(columns))
    for row in rows:
        sheet.append([defuse_formula(_FORBIDDEN.sub("", row[c])) for c in columns])
    for letter, width in zip("ABCD", (30, 30, 30, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
