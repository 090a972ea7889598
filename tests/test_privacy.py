"""Anonymised copies of a map: no person can be read back from the text.

Every output at once, on a map with names hidden in every field, is in test_leaks.py;
here, the rules of :mod:`ecomap.privacy` one by one.
"""

from __future__ import annotations

import hashlib

import pytest

from ecomap.model import Actor, Ecosystem, Relation, Space, Stake
from ecomap.privacy import Anonymiser, anonymise, left_out_note, person_aliases, pseudonym

KEY = b"k" * 32


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
        Actor(id="dan", name="Dan Leroux", kind="person", role="chargée de mission"),
        Relation(source="alice", target="amap", type="member_of", role="trésorière",
                 since="2019-01-01"),
        Relation(source="alice", target="mairie", type="member_of", role="cheffe de projet",
                 since="2021-01-01"),
        Relation(source="carl", target="mairie", type="member_of"),
        Relation(source="dan", target="mairie", type="member_of"),
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
    text = all_text(anonymise(small_map(), key=KEY)).lower()
    for person in ("alice", "bob", "carl", "martin", "durand", "petit"):
        assert person not in text, person
    assert "alice@example.org" not in text


def test_structures_keep_their_names_and_counts_are_unchanged():
    original = small_map()
    anon = anonymise(original, key=KEY)
    assert anon.actors["mairie"].name == "Mairie de Sorne"
    assert anon.actors["amap"].name == "AMAP du Val"
    assert original.counts() == anon.counts()


def test_pseudonyms_are_stable_distinct_and_keyed():
    a, b = anonymise(small_map(), key=KEY), anonymise(small_map(), key=KEY)
    assert a == b
    people = [x for x in a.actors.values() if x.kind == "person"]
    assert len({p.name for p in people}) == 4
    assert pseudonym("alice", key=KEY, lang="en").startswith("Person ")
    # Not the unsalted hash of the id: hashing candidate ids finds nothing.
    unsalted = hashlib.sha256(b"alice").hexdigest()
    assert unsalted[:6].upper() not in pseudonym("alice", key=KEY)
    assert not any(unsalted[:10] in p.id for p in people)
    assert pseudonym("alice", key=KEY) != pseudonym("alice", key=b"j" * 32)


def test_notes_about_people_are_dropped_and_other_text_scrubbed():
    anon = anonymise(small_map(), key=KEY)
    person = next(a for a in anon.actors.values() if a.lat is None and a.role == "chargée de mission"
                  and a.notes is None and a.tags == [])  # fmt: skip
    assert person.extra == {}
    assert "Personne " in anon.actors["mairie"].notes
    assert all(r.reported_by is None for r in anon.relations.values())
    coop = next(r for r in anon.relations.values() if r.type == "cooperates")
    assert coop.notes is None
    assert "Personne " in anon.spaces["copil"].notes
    assert "Personne " in anon.relations[next(k for k, r in anon.relations.items()
                                              if r.type == "tension")].notes  # fmt: skip


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Alice Martin", "{alice}"),
        ("ALICE", "{alice}"),
        ("martin", "{alice}"),
        ("alice-martin et bob", "{alice} et {bob}"),
        ("Bob, Durand", "{bob}, {bob}"),
        ("Alicette, Martine, Boby", "Alicette, Martine, Boby"),  # other words
        ("Lé Martin", "Lé {alice}"),
    ],
)
def test_names_are_found_whole_or_in_part_in_any_case(written, expected):
    hide = Anonymiser(small_map(), key=KEY)
    assert hide.text(written) == expected.format(alice=hide.aliases["alice"],
                                                 bob=hide.aliases["bob"])  # fmt: skip


def test_accents_and_shared_names():
    eco = Ecosystem()
    eco.add(Actor(id="e1", name="Élodie Vallet", kind="person"))
    eco.add(Actor(id="e2", name="Élodie Morel", kind="person"))
    hide = Anonymiser(eco, key=KEY)
    # A first name two people share cannot tell them apart: it is hidden all the same.
    assert hide.text("ELODIE et elodie vallet") == f"[personne] et {hide.aliases['e1']}"
    assert hide.text("Vallet") == hide.aliases["e1"]
    assert hide.text("Morel") == hide.aliases["e2"]


def test_ids_that_carry_a_name_are_pseudonymised_everywhere():
    eco = Ecosystem()
    for record in (
        Actor(id="roy", name="Éric Roy", kind="person"),
        Actor(id="transports-roy", name="Transports Roy", kind="organisation"),
        Stake(id="projet-roy", name="Projet"),
        Relation(source="roy", target="transports-roy", type="member_of"),
        Relation(source="transports-roy", target="projet-roy", type="stake", stance=1),
        Relation(id="R-roy", source="transports-roy", target="roy", type="cooperates"),
    ):
        eco.add(record)
    anon = anonymise(eco, key=KEY)
    assert "roy" not in all_text(anon).lower()
    assert anon.counts() == eco.counts()
    assert sum(1 for a in anon.actors.values() if a.name.startswith("Transports Personne ")) == 1


def test_role_style_reads_role_and_home_organisation_and_numbers_duplicates():
    aliases = person_aliases(small_map(), key=KEY, style="role")
    # alice: her own role, at her home organisation (the one she joined first, AMAP in
    # 2019); carl and dan: the same role in the same organisation → numbered in id
    # order; bob: no role anywhere → pseudonym.
    assert aliases["alice"] == "chargée de mission, AMAP du Val"
    assert aliases["carl"] == "chargée de mission, Mairie de Sorne"
    assert aliases["dan"] == "chargée de mission, Mairie de Sorne (2)"
    assert aliases["bob"].startswith("Personne ")


def test_the_left_out_note_is_said_in_both_languages():
    assert "reported" in left_out_note("en") and "rapporté" in left_out_note("fr")


def test_record_keys_of_the_change_log_read_as_the_anonymised_map_has_them():
    eco = small_map()
    hide = Anonymiser(eco, key=KEY)
    anon = hide.ecosystem(eco)
    for key in eco.relations:
        assert hide.record_key("relation", key) in anon.relations
    assert hide.record_key("actor", "alice") in anon.actors
    assert hide.record_key("actor", "mairie") == "mairie"
    assert hide.record_key("relation", "id:R-alice").startswith("id:r-")
    assert hide.record_key("relation", "id:R7") == "id:R7"
