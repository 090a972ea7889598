"""Personal data: an anonymised copy of a map for sharing.

A map names people and records who clashes with whom and who holds power: sensitive
data. :func:`anonymise` returns a copy in which no person can be read back from the
text — for the committee report, exports and the explorer's anonymised view.
Organisations and institutions keep their names.
"""

from __future__ import annotations

import hashlib
import re

from ecomap.graph import home_memberships
from ecomap.model import Actor, ActorKind, Ecosystem, Relation

__all__ = ["anonymise", "pseudonym", "person_aliases"]

_WORD = {"en": "Person", "fr": "Personne"}


def pseudonym(person_id: str, *, lang: str = "fr") -> str:
    """A stable pseudonym for a person: the same id gives the same pseudonym everywhere.

    Derived from a hash of the id, so it is stable from one export to the next and
    says nothing about the name.

    >>> pseudonym("alice") == pseudonym("alice"), pseudonym("alice").startswith("Personne ")
    (True, True)
    """
    digest = hashlib.sha256(person_id.encode("utf-8")).hexdigest()[:6].upper()
    return f"{_WORD.get(lang, _WORD['en'])} {digest}"


def _pseudonymous_id(person_id: str) -> str:
    return "p-" + hashlib.sha256(person_id.encode("utf-8")).hexdigest()[:10]


def person_aliases(eco: Ecosystem, *, style: str = "pseudonym", lang: str = "fr") -> dict[str, str]:
    """Person id → the name shown instead (``pseudonym`` or ``role`` style).

    With ``style="role"`` a person reads "role, organisation" (their home organisation,
    DESIGN.md §2) when the role is known, else their pseudonym. Several people with the
    same role in the same organisation are numbered so they stay distinct.
    """
    if style not in ("pseudonym", "role"):
        raise ValueError("style must be 'pseudonym' or 'role'")
    home = home_memberships(eco)
    home_org = {person: rel.target for person, rel in home.items()}
    member_roles = {person: rel.role for person, rel in home.items() if rel.role}
    aliases: dict[str, str] = {}
    used: dict[str, int] = {}
    for actor in eco.actors.values():
        if actor.kind is not ActorKind.PERSON:
            continue
        alias = pseudonym(actor.id, lang=lang)
        role = actor.role or member_roles.get(actor.id)
        if style == "role" and role:
            org = eco.actors.get(home_org.get(actor.id, ""))
            alias = f"{role}, {org.name}" if org else role
            used[alias] = used.get(alias, 0) + 1
            if used[alias] > 1:
                alias = f"{alias} ({used[alias]})"
        aliases[actor.id] = alias
    return aliases


def anonymise(eco: Ecosystem, *, style: str = "pseudonym", lang: str = "fr") -> Ecosystem:
    """A copy of the map with every person's name replaced and notes about people dropped.

    Parameters
    ----------
    eco : Ecosystem
        The map.
    style : {"pseudonym", "role"}
        ``pseudonym``: "Personne 3FA2C1" (stable, see :func:`pseudonym`); ``role``:
        "role, organisation" where known.
    lang : {"fr", "en"}
        Language of the pseudonyms.

    Returns
    -------
    Ecosystem
        People get a pseudonymous id (``p-`` and a hash) and name; their notes, tags,
        coordinates and custom fields are dropped; relations that involve a person lose
        their notes and custom fields; ``reported_by`` (who told whom) is dropped
        everywhere. Any remaining free text (organisations' notes, stake descriptions,
        space notes) has people's names replaced by their alias. Organisations and
        institutions keep their names.

    Examples
    --------
    >>> eco = Ecosystem()
    >>> eco.add(Actor(id="alice", name="Alice Martin", kind="person", notes="burn-out"))
    >>> eco.add(Actor(id="amap", name="AMAP", kind="organisation", notes="led by Alice Martin"))
    >>> eco.add(Relation(source="alice", target="amap", type="member_of"))
    >>> anon = anonymise(eco)
    >>> person = next(a for a in anon.actors.values() if a.kind == "person")
    >>> person.name.startswith("Personne "), person.notes, "Alice" in anon.actors["amap"].notes
    (True, None, False)
    """
    aliases = person_aliases(eco, style=style, lang=lang)
    new_ids = {pid: _pseudonymous_id(pid) for pid in aliases}
    names = sorted(
        ((eco.actors[pid].name, alias) for pid, alias in aliases.items()),
        key=lambda pair: -len(pair[0]),
    )
    pattern = (
        re.compile("|".join(re.escape(name) for name, _ in names), re.IGNORECASE) if names else None
    )
    by_name = {name.casefold(): alias for name, alias in names}

    def scrub(text: str | None) -> str | None:
        if text is None or pattern is None:
            return text
        return pattern.sub(lambda m: by_name[m.group(0).casefold()], text)

    out = Ecosystem()
    for actor in eco.actors.values():
        if actor.id in aliases:
            fields = actor.record()
            for private in ("notes", "tags", "lat", "lon"):
                fields.pop(private, None)
            fields = {k: v for k, v in fields.items() if k in Actor.model_fields}
            fields.update(id=new_ids[actor.id], name=aliases[actor.id])
            out.add(Actor.model_validate(fields))
        else:
            out.add(actor.model_copy(update={"notes": scrub(actor.notes)}))
    for stake in eco.stakes.values():
        out.add(stake.model_copy(update={"description": scrub(stake.description)}))
    for space in eco.spaces.values():
        out.add(space.model_copy(update={"notes": scrub(space.notes)}))
    for rel in eco.relations.values():
        personal = rel.source in aliases or rel.target in aliases
        update = {
            "source": new_ids.get(rel.source, rel.source),
            "target": new_ids.get(rel.target, rel.target),
            "reported_by": None,
            "notes": None if personal else scrub(rel.notes),
            "extra": {} if personal else rel.extra,
        }
        out.add(Relation.model_validate({**rel.model_dump(), **update}))
    return out
