"""Personal data: an anonymised copy of a map for sharing.

A map names people and records who clashes with whom and who holds power: sensitive
data. :func:`anonymise` returns a copy in which no person can be read back from the
text — for the committee report, exports, the command line and the explorer's
anonymised view.

What "no name" means here
-------------------------
Every person gets a pseudonym ("Personne 3FA2C1") and a pseudonymous id
(``p-3fa2c1…``). Both come from an HMAC of the person's id under a secret key kept in
the store (:meth:`ecomap.store.base.Store.pseudonym_key`): the same person has the same
pseudonym in every output and from one export to the next, and nobody without the key
can find a pseudonym by hashing candidate names or ids.

A person's name is then looked for in **every** text of every record — roles, notes,
tags, custom columns and their names, descriptions, stake and space names, relation
roles and notes, the names and ids of organisations ("Transports Roy") — whole, or by
its first or last name alone when that word has three letters or more, in any case,
with or without accents, and each hit is replaced by the person's pseudonym (by
``[personne]`` when a word belongs to several people). A person's id (``marc-tissot``)
is looked for the same way. An organisation, stake, space or relation whose *id*
carries a name gets a pseudonymous id too.

What cannot be scrubbed reliably is left out, and the outputs say so
(:func:`left_out_note`): the notes, tags, coordinates and custom columns of people,
the notes and custom columns of relations that involve a person, and ``reported_by``
(who told whom) everywhere. Organisations and institutions keep their names, except
for the words of a person's name inside them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import unicodedata
from collections.abc import Iterable
from typing import Any

from ecomap.graph import home_organisations
from ecomap.model import (
    Actor,
    ActorKind,
    Ecosystem,
    RecordKind,
    Relation,
    RelationType,
    relation_key,
)

__all__ = [
    "KEY_BYTES",
    "new_key",
    "pseudonym",
    "person_aliases",
    "Anonymiser",
    "anonymise",
    "left_out_note",
    "people_in_changes",
    "people_ever_stored",
    "name_words",
    "folded",
]

#: Length of a pseudonym key, in bytes (the HMAC-SHA256 key).
KEY_BYTES = 32

_WORD = {"en": "Person", "fr": "Personne"}
_SHARED = {"en": "[person]", "fr": "[personne]"}
_LEFT_OUT = {
    "en": "Left out because they cannot be cleared of names reliably: notes, tags, "
    "coordinates and custom columns of people, notes and custom columns of relations "
    "involving a person, and who reported each relation.",
    "fr": "Retirés car on ne peut pas les débarrasser des noms avec certitude : notes, "
    "étiquettes, coordonnées et colonnes personnalisées des personnes, notes et colonnes "
    "personnalisées des relations qui concernent une personne, et qui a rapporté chaque "
    "relation.",
}
#: Parts of names that are also everyday words: looked for only inside a whole name.
_PARTICLES = frozenset(
    "de du des del della der den van von la le les ben bin ibn abu dos das di da "
    "mac saint sainte st ste".split()
)
#: Custom fields that hold a saved position on the map (numbers, never names).
_POSITION = ("x", "y")
_TOKEN = re.compile(r"[^\W_]+")
#: Between two words of one name: spaces, hyphens, dots, apostrophes, underscores.
_JOINER = re.compile(r"[\s\-‐‑'’._]{1,3}")


def new_key() -> bytes:
    """A fresh random pseudonym key (what a store creates on first use)."""
    return secrets.token_bytes(KEY_BYTES)


def folded(text: str) -> str:
    """Text as names are compared: no accents, case folded.

    >>> folded("Élodie VALLET")
    'elodie vallet'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_words(text: str) -> list[str]:
    """The words of a name or id, folded (``"Jean-Marc Boillot"`` → jean, marc, boillot)."""
    return _TOKEN.findall(folded(text))


def _digest(key: bytes, person_id: str) -> str:
    return hmac.new(key, person_id.encode("utf-8"), hashlib.sha256).hexdigest()


def pseudonym(person_id: str, *, key: bytes, lang: str = "fr") -> str:
    """A person's pseudonym: the same id and key give the same pseudonym everywhere.

    An HMAC of the id under the store's secret ``key``: it says nothing about the name,
    and cannot be found again by hashing candidate names or ids without the key.

    >>> key = bytes(32)
    >>> pseudonym("alice", key=key) == pseudonym("alice", key=key)
    True
    >>> pseudonym("alice", key=key).startswith("Personne "), pseudonym("alice", key=b"x" * 32)[9:] != pseudonym("alice", key=key)[9:]
    (True, True)
    """
    return f"{_WORD.get(lang, _WORD['en'])} {_digest(key, person_id)[:6].upper()}"


def left_out_note(lang: str = "fr") -> str:
    """The sentence every anonymised output carries: what was left out, and why."""
    return _LEFT_OUT.get(lang, _LEFT_OUT["en"])


def person_aliases(
    eco: Ecosystem, *, key: bytes, style: str = "pseudonym", lang: str = "fr"
) -> dict[str, str]:
    """Person id → the name shown instead (``pseudonym`` or ``role`` style).

    With ``style="role"`` a person reads "role, organisation" (their home organisation,
    DESIGN §2) when the role is known, else their pseudonym; the role is the person's
    own, else that of their membership of the home organisation. Several people with
    the same alias are numbered (in id order) so they stay distinct. Pseudonyms that
    share their six characters get two more, so they stay distinct too.
    """
    if style not in ("pseudonym", "role"):
        raise ValueError("style must be 'pseudonym' or 'role'")
    people = sorted(a.id for a in eco.actors.values() if a.kind is ActorKind.PERSON)
    digests = {pid: _digest(key, pid) for pid in people}
    short: dict[str, list[str]] = {}
    for pid in people:
        short.setdefault(digests[pid][:6], []).append(pid)
    word = _WORD.get(lang, _WORD["en"])
    aliases = {
        pid: f"{word} {digests[pid][: 6 if len(short[digests[pid][:6]]) == 1 else 8].upper()}"
        for pid in people
    }
    if style == "pseudonym":
        return aliases
    home = home_organisations(eco)
    member_roles = {
        (rel.source, rel.target): rel.role
        for rel in eco.relations.values()
        if rel.type is RelationType.MEMBER_OF and rel.role
    }
    used: dict[str, int] = {}
    for pid in people:
        org = eco.actors.get(home.get(pid, ""))
        role = eco.actors[pid].role or (member_roles.get((pid, org.id)) if org else None)
        if not role:
            continue
        alias = f"{role}, {org.name}" if org else role
        used[alias] = used.get(alias, 0) + 1
        aliases[pid] = alias if used[alias] == 1 else f"{alias} ({used[alias]})"
    return aliases


class Anonymiser:
    """Everything needed to anonymise one map, and what goes with it, the same way.

    Built once from the map (and from other versions of it, ``also``: a snapshot being
    compared, so that people who left the map are hidden too); then :meth:`ecosystem`
    gives the anonymised map, :meth:`text` clears any text of names, :meth:`node_id`
    and :meth:`record_key` give the ids and keys the anonymised map uses.

    Examples
    --------
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="marc-tissot", name="Marc Tissot", kind="person"))
    >>> hide = Anonymiser(eco, key=bytes(32))
    >>> hide.text("Bras droit de MARC TISSOT, voir marc-tissot ; Tissot absent")
    'Bras droit de Personne 9460F3, voir Personne 9460F3 ; Personne 9460F3 absent'
    """

    def __init__(
        self,
        eco: Ecosystem,
        *,
        key: bytes,
        style: str = "pseudonym",
        lang: str = "fr",
        also: Iterable[Ecosystem] = (),
    ) -> None:
        everyone = Ecosystem()
        for other in (*also, eco):
            everyone.actors.update(other.actors)
            everyone.relations.update(other.relations)
        self.key = key
        self.lang = lang
        self.aliases = person_aliases(everyone, key=key, style=style, lang=lang)
        self.people = frozenset(self.aliases)
        self._ids = {pid: "p-" + _digest(key, pid)[:10] for pid in self.aliases}
        phrases: dict[tuple[str, ...], set[str]] = {}
        words: dict[str, set[str]] = {}
        for pid, alias in self.aliases.items():
            name = everyone.actors[pid].name
            for whole in (name, pid):
                found = tuple(name_words(whole))
                if found:
                    phrases.setdefault(found, set()).add(alias)
            for word in name_words(name):
                if len(word) >= 3 and word not in _PARTICLES:
                    words.setdefault(word, set()).add(alias)
        shared = _SHARED.get(lang, _SHARED["en"])
        self._phrases = {p: a.pop() if len(a) == 1 else shared for p, a in phrases.items()}
        self._words = {w: a.pop() if len(a) == 1 else shared for w, a in words.items()}
        self._longest = max((len(p) for p in self._phrases), default=0)
        #: The words a hit can start with: any other word is skipped at once.
        self._starts = frozenset(p[0] for p in self._phrases) | frozenset(self._words)
        self._seen: dict[str, str] = {}

    # -- text ----------------------------------------------------------------------------
    def text(self, value: str | None) -> str | None:
        """``value`` with every person's name, name word and id replaced by a pseudonym."""
        if not value or not self._phrases:
            return value
        done_before = self._seen.get(value)
        if done_before is None:
            done_before = self._seen[value] = self._cleared(value)
        return done_before

    def _cleared(self, value: str) -> str:
        bare, origin = _fold_with_positions(value)
        spans = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(bare)]
        if not spans:
            return value
        out: list[str] = []
        done = 0  # position in ``value`` up to which the text is copied
        i = 0
        while i < len(spans):
            if spans[i][2] not in self._starts:
                i += 1
                continue
            hit = None
            for n in range(min(self._longest, len(spans) - i), 0, -1):
                part = spans[i : i + n]
                if any(
                    not _JOINER.fullmatch(bare[a[1] : b[0]])
                    for a, b in zip(part, part[1:], strict=False)
                ):
                    continue
                alias = self._phrases.get(tuple(w for _, _, w in part))
                if alias is None and n == 1:
                    alias = self._words.get(part[0][2])
                if alias is not None:
                    hit = (n, alias)
                    break
            if hit is None:
                i += 1
                continue
            n, alias = hit
            start, end = origin[spans[i][0]], origin[spans[i + n - 1][1] - 1] + 1
            out.append(value[done:start])
            out.append(alias)
            done = end
            i += n
        out.append(value[done:])
        return "".join(out)

    def names_someone(self, value: str | None) -> bool:
        """True when ``value`` holds a person's name, a word of it or a person's id."""
        return bool(value) and self.text(value) != value

    # -- ids and keys --------------------------------------------------------------------
    def node_id(self, node_id: str) -> str:
        """The id a node has in the anonymised map (unchanged when it names nobody)."""
        if node_id in self._ids:
            return self._ids[node_id]
        if self.names_someone(node_id):
            return "n-" + _digest(self.key, "node:" + node_id)[:10]
        return node_id

    def relation_id(self, rel_id: str | None) -> str | None:
        if rel_id and self.names_someone(rel_id):
            return "r-" + _digest(self.key, "relation:" + rel_id)[:10]
        return rel_id

    def record_key(self, kind: RecordKind | str, key: str) -> str:
        """A record's key (a node id, or a relation's identity) in the anonymised map."""
        if RecordKind(kind) is not RecordKind.RELATION:
            return self.node_id(key)
        if key.startswith("id:"):
            return "id:" + (self.relation_id(key[3:]) or "")
        try:
            rtype, source, target, *stake = json.loads(key)
            return relation_key(rtype, self.node_id(source), self.node_id(target),
                                self.node_id(stake[0]) if stake else None)  # fmt: skip
        except (ValueError, TypeError):
            return self.text(key) or key

    # -- records -------------------------------------------------------------------------
    def _extra(self, extra: dict[str, Any], *, private: bool) -> dict[str, Any]:
        kept = {}
        for name, value in extra.items():
            if name in _POSITION and _is_number(value):
                kept[name] = value
            elif not private:
                kept[self.text(name) or name] = (
                    self.text(value) if isinstance(value, str) else value
                )
        return kept

    def actor(self, actor: Actor) -> Actor:
        if actor.kind is ActorKind.PERSON and actor.id not in self._ids:
            # Not in the maps this was built from: a pseudonym all the same.
            self._ids[actor.id] = "p-" + _digest(self.key, actor.id)[:10]
            self.aliases[actor.id] = pseudonym(actor.id, key=self.key, lang=self.lang)
        if actor.kind is ActorKind.PERSON:
            return actor.model_copy(
                update={
                    "id": self._ids[actor.id],
                    "name": self.aliases[actor.id],
                    "category": self.text(actor.category),
                    "territory": self.text(actor.territory),
                    "role": self.text(actor.role),
                    "notes": None,
                    "tags": [],
                    "lat": None,
                    "lon": None,
                    "extra": self._extra(actor.extra, private=True),
                }
            )
        return actor.model_copy(
            update={
                "id": self.node_id(actor.id),
                "name": self.text(actor.name),
                "category": self.text(actor.category),
                "territory": self.text(actor.territory),
                "role": self.text(actor.role),
                "notes": self.text(actor.notes),
                "tags": [self.text(tag) for tag in actor.tags],
                "extra": self._extra(actor.extra, private=False),
            }
        )

    def relation(self, rel: Relation) -> Relation:
        personal = rel.source in self._ids or rel.target in self._ids
        # A copy, not a new validation: only texts and ids change (ten times faster on
        # a large map, where every relation goes through here).
        return rel.model_copy(
            update={
                "id": self.relation_id(rel.id),
                "source": self.node_id(rel.source),
                "target": self.node_id(rel.target),
                "stake": self.node_id(rel.stake) if rel.stake else None,
                "role": self.text(rel.role),
                "reported_by": None,
                "notes": None if personal else self.text(rel.notes),
                "extra": self._extra(rel.extra, private=personal),
            }
        )

    def ecosystem(self, eco: Ecosystem) -> Ecosystem:
        """The anonymised copy of ``eco`` (which must be the map given, or one of ``also``)."""
        out = Ecosystem()
        for actor in eco.actors.values():
            out.add(self.actor(actor))
        for stake in eco.stakes.values():
            out.add(stake.model_copy(update={
                "id": self.node_id(stake.id), "name": self.text(stake.name),
                "description": self.text(stake.description),
                "extra": self._extra(stake.extra, private=False)}))  # fmt: skip
        for space in eco.spaces.values():
            out.add(space.model_copy(update={
                "id": self.node_id(space.id), "name": self.text(space.name),
                "notes": self.text(space.notes),
                "extra": self._extra(space.extra, private=False)}))  # fmt: skip
        for rel in eco.relations.values():
            out.add(self.relation(rel))
        return out


def _is_number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def _fold_with_positions(text: str) -> tuple[str, list[int] | range]:
    """:func:`folded` text, and for each of its characters the index it came from."""
    if text.isascii():
        return text.lower(), range(len(text))
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        bare = folded(char) if not char.isascii() else char.lower()
        out.append(bare)
        origin.extend([index] * len(bare))
    return "".join(out), origin


def people_in_changes(changes: Iterable[Any]) -> Ecosystem:
    """The people named in the records of change-log entries (before or after), as a
    map to give :class:`Anonymiser` as ``also``: a person deleted since is hidden too."""
    eco = Ecosystem()
    for change in changes:
        for item in change.items:
            if RecordKind(item.kind) is not RecordKind.ACTOR:
                continue
            for record in (item.before, item.after):
                if record and record.get("kind") == ActorKind.PERSON.value and record.get("id"):
                    eco.add(Actor(id=record["id"], name=record.get("name") or record["id"],
                                  kind=ActorKind.PERSON))  # fmt: skip
    return eco


def people_ever_stored(store: Any) -> Ecosystem:
    """Every person a store's change log has ever held (deleted ones too), to give
    :class:`Anonymiser` as ``also``: a name left in a note after its person was deleted
    is still a name."""
    return people_in_changes(store.history(None, items=True))


def anonymise(
    eco: Ecosystem,
    *,
    key: bytes,
    style: str = "pseudonym",
    lang: str = "fr",
) -> Ecosystem:
    """A copy of the map with no person's name in it (see the module's description).

    Parameters
    ----------
    eco : Ecosystem
        The map.
    key : bytes
        The secret pseudonym key of the store the map comes from
        (:meth:`ecomap.store.base.Store.pseudonym_key`).
    style : {"pseudonym", "role"}
        ``pseudonym``: "Personne 3FA2C1" (see :func:`pseudonym`); ``role``:
        "role, organisation" where known.
    lang : {"fr", "en"}
        Language of the pseudonyms.

    Returns
    -------
    Ecosystem
        People under a pseudonymous id and name; every text cleared of names; what
        cannot be cleared left out (:func:`left_out_note`). Counts are unchanged.

    Examples
    --------
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="alice", name="Alice Martin", kind="person", notes="burn-out"))
    >>> eco.add(Actor(id="amap", name="AMAP", kind="organisation", notes="led by ALICE"))
    >>> eco.add(Relation(source="alice", target="amap", type="member_of"))
    >>> anon = anonymise(eco, key=bytes(32))
    >>> person = next(a for a in anon.actors.values() if a.kind == "person")
    >>> person.name.startswith("Personne "), person.notes, "ALICE" in anon.actors["amap"].notes
    (True, None, False)
    """
    return Anonymiser(eco, key=key, style=style, lang=lang).ecosystem(eco)
