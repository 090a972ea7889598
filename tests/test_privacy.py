"""Anonymised copies of a map: no person can be read back from the text."""

from __future__ import annotations

from ecomap.model import Actor, Ecosystem, Relation, Space, Stake
from ecomap.privacy import anonymise, person_aliases, pseudonym


def small_map() -> Ecosystem:
    eco = Ecosystem()
    for record in [
        Actor(id="alice", name="Alice Martin", kind="person", role="chargée de mission",
              notes="en arrêt maladie", tags="élue", lat=47.1, lon=4.2,
              extra={"email": "alice@example.org"}),
        Actor(id="bob", name="Bob Durand", kind="person"),
        Actor(id="carl", name="Carl Petit", kind="person", role="chargée de mission"),
        Actor(id="mairie", name="Mairie de Sorne", kind="institution",
              notes="Alice Martin y porte le dossier"),
        Actor(id="amap", name="AMAP du Val", kind="organisation"),
        Stake(id="marche", name="Marché", description="voulu par alice martin"),
        Space(id="copil", name="COPIL", notes="animé par Bob Durand"),
        Relation(source="alice", target="mairie", type="member_of", role="cheffe de projet"),
        Relation(source="carl", target="mairie", type="member_of"),
        Relation(source="bob", target="amap", type="member_of"),
        Relation(source="alice", target="bob", type="cooperates", notes="se connaissent depuis 2010",
                 reported_by="Entretien Bob Durand"),
        Relation(source="mairie", target="amap", type="tension", notes="Bob Durand s'oppose",
                 reported_by="Alice Martin"),
    ]:  # fmt: skip
        eco.add(record)
    return eco


def all_text(eco: Ecosystem) -> str:
    parts = []
    for kind in ("actor", "stake", "space", "relation"):
        for record in eco.records(kind).values():
            parts.append(repr(record.record()))
    return "\n".join(parts)


def test_no_person_name_or_id_survives():
    original = small_map()
    text = all_text(anonymise(original)).lower()
    for person in ("alice", "bob", "carl", "martin", "durand", "petit"):
        assert person not in text, person
    assert "alice@example.org" not in text


def test_structures_keep_their_names_and_counts_are_unchanged():
    original = small_map()
    anon = anonymise(original)
    assert anon.actors["mairie"].name == "Mairie de Sorne"
    assert anon.actors["amap"].name == "AMAP du Val"
    assert original.counts() == anon.counts()


def test_pseudonyms_are_stable_and_distinct():
    a, b = anonymise(small_map()), anonymise(small_map())
    assert sorted(x.name for x in a.actors.values()) == sorted(x.name for x in b.actors.values())
    people = [x for x in a.actors.values() if x.kind == "person"]
    assert len({p.name for p in people}) == 3
    assert pseudonym("alice", lang="en").startswith("Person ")


def test_notes_about_people_are_dropped_and_other_text_scrubbed():
    anon = anonymise(small_map())
    person = next(
        a for a in anon.actors.values() if a.role == "chargée de mission" and a.lat is None
    )
    assert person.notes is None and person.tags == []
    assert "Personne " in anon.actors["mairie"].notes
    assert all(r.reported_by is None for r in anon.relations.values())
    coop = next(r for r in anon.relations.values() if r.type == "cooperates")
    assert coop.notes is None
    assert "Personne " in anon.spaces["copil"].notes


def test_role_style_reads_role_and_organisation_and_numbers_duplicates():
    aliases = person_aliases(small_map(), style="role")
    # alice: her own role; carl: same role in the same organisation → numbered;
    # bob: no role anywhere → pseudonym.
    assert aliases["alice"] == "chargée de mission, Mairie de Sorne"
    assert aliases["carl"] == "chargée de mission, Mairie de Sorne (2)"
    assert aliases["bob"].startswith("Personne ")
