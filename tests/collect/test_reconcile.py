"""Reconciliation: reciprocity as DESIGN §6 defines it, one undoable change, provenance."""

from __future__ import annotations

from datetime import date

import pytest

from ecomap import collection as c
from ecomap.collection import Agreement, Declaration
from ecomap.model import RecordKind, RelationType

DAY = date(2031, 6, 1)
COOP, TENSION, POWER = RelationType.COOPERATES, RelationType.TENSION, RelationType.POWER


# -- the rule, by hand ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("mine", "theirs", "answered", "expected"),
    [
        # both declare the cooperation, strengths 0 or 1 apart
        ((COOP, 2), [(COOP, 2)], True, Agreement.RECIPROCATED),
        ((COOP, 3), [(COOP, 2)], True, Agreement.RECIPROCATED),
        # strengths off by 2: contested
        ((COOP, 1), [(COOP, 3)], True, Agreement.CONTESTED),
        ((COOP, 3), [(COOP, 1)], True, Agreement.CONTESTED),
        # a tension declared by both, intensities 1 apart / 2 apart
        ((TENSION, 1), [(TENSION, 2)], True, Agreement.RECIPROCATED),
        ((TENSION, 3), [(TENSION, 1)], True, Agreement.CONTESTED),
        # one says cooperation, the other tension (either way round)
        ((COOP, 2), [(TENSION, 1)], True, Agreement.CONTESTED),
        ((TENSION, 2), [(COOP, 3)], True, Agreement.CONTESTED),
        # the other side answered and declares nothing about it
        ((COOP, 2), [], True, Agreement.ONE_SIDED),
        # the other side did not answer (or is not a respondent)
        ((COOP, 2), [], False, Agreement.ONE_SIDED),
        # a power is declared only by the one who undergoes it
        ((POWER, 2), [(POWER, 2)], True, Agreement.ONE_SIDED),
        # the other side declares both: the same type decides
        ((COOP, 2), [(COOP, 2), (TENSION, 1)], True, Agreement.RECIPROCATED),
    ],
)
def test_agreement_by_hand(mine, theirs, answered, expected):
    declared = Declaration("a", mine[0], mine[1])
    others = [Declaration("b", t, w) for t, w in theirs]
    assert c.agreement(declared, others, answered=answered) is expected


# -- from answers -----------------------------------------------------------------------
@pytest.fixture
def answer(store, links, limiter):
    def answering(who, answers):
        return c.save_answers(store, links[who], answers, limiter=limiter, today=DAY)

    return answering


def coop(actor, weight=2, formal=False):
    return {"who": {"actor": actor}, "weight": weight, "formal": formal}


def by_key(store, campaign):
    return {p.key: p for p in c.proposals(store, campaign.id)}


def relation_key(rtype, a, b):
    import json

    return "relation:" + json.dumps([rtype, f"actor:{a}", f"actor:{b}"], ensure_ascii=False)


@pytest.fixture
def answered(answer):
    # marie ↔ jean: reciprocated (3 and 2); marie → paul: one-sided (paul answered
    # without naming her); jean ↔ asso: contested (1 and 3); paul: tension with asso,
    # asso says cooperation: contested both ways.
    answer("marie", {"cooperations": [coop("jean", 3, formal=True), coop("paul")],
                     "powers": [{"who": {"actor": "mairie"}, "power_type": "political"}],
                     "stances": {"marche": 2}})  # fmt: skip
    answer("jean", {"cooperations": [coop("marie", 2), coop("asso", 1)]})
    answer("paul", {"tensions": [{"who": {"actor": "asso"}, "weight": 2}]})
    answer("asso", {"cooperations": [coop("jean", 3), coop("paul", 1)]})


def test_each_tie_is_marked_as_the_two_sides_say(store, campaign, answered):
    found = by_key(store, campaign)
    mj = found[relation_key("cooperates", "jean", "marie")]
    assert mj.agreement is Agreement.RECIPROCATED and mj.confidence == 1
    assert mj.respondents == ("jean", "marie") and mj.record.weight == 3  # ⌈(3+2)/2⌉
    assert mj.record.formal is True
    mp = found[relation_key("cooperates", "marie", "paul")]
    assert mp.agreement is Agreement.ONE_SIDED and mp.confidence == 0.5
    ja = found[relation_key("cooperates", "asso", "jean")]
    assert ja.agreement is Agreement.CONTESTED and ja.confidence == 0.25
    pa_coop = found[relation_key("cooperates", "asso", "paul")]
    pa_tension = found[relation_key("tension", "asso", "paul")]
    assert pa_coop.agreement is pa_tension.agreement is Agreement.CONTESTED
    power = found[relation_key("power", "mairie", "marie")]
    assert power.agreement is Agreement.ONE_SIDED and power.record.source == "mairie"
    stance = found['relation:["stake", "actor:marie", "stake:marche"]']
    assert stance.agreement is Agreement.OWN and stance.record.stance == 2


def test_a_tie_the_map_holds_otherwise_is_a_change(store, campaign, answer):
    # the map has marie — lea at strength 1
    answer("marie", {"cooperations": [coop("lea", 3)]})
    (p,) = c.proposals(store, campaign.id)
    assert p.operation == "changed" and p.before.weight == 1 and p.record.weight == 3
    assert p.record.key == p.before.key


def test_a_tie_the_map_already_holds_is_not_proposed(store, campaign, answer):
    answer("marie", {"cooperations": [coop("lea", 1)]})
    assert c.proposals(store, campaign.id) == []


def test_accepting_is_one_change_with_provenance_and_undo_restores_the_map(
    store, campaign, answered
):
    before_map, before_revision = store.load(), store.revision
    change = c.accept(store, campaign.id)
    assert store.revision == before_revision + 1
    assert change.action == "import" and len(store.history(2)) == 2
    after = store.load()
    day = store.campaign_answers(campaign.id)[0]["saved_at"][:10]
    mj = next(r for r in after.relations.values()
              if r.type is COOP and {r.source, r.target} == {"marie", "jean"})  # fmt: skip
    assert mj.reported_by == f"Jean Martin & Marie Dupont, {day}"
    assert mj.extra == {"confidence": "1"}
    mp = next(r for r in after.relations.values()
              if r.type is COOP and {r.source, r.target} == {"marie", "paul"})  # fmt: skip
    assert mp.reported_by == f"Marie Dupont, {day}" and mp.extra["confidence"] == "0.5"
    contested = [r for r in after.relations.values() if r.extra.get("confidence") == "0.25"]
    assert len(contested) == 3
    assert [p for p in c.proposals(store, campaign.id) if p.waiting] == []
    # the import snapshot was taken with it
    assert f"import-{change.id}" in [s.name for s in store.snapshot_list()]

    store.undo()
    assert store.load() == before_map
    # the proposals wait again
    assert all(p.waiting for p in c.proposals(store, campaign.id))


def test_rejected_proposals_are_kept_with_who_and_when(store, campaign, answered):
    key = relation_key("cooperates", "marie", "paul")
    assert c.reject(store, campaign.id, [key]) == 1
    found = by_key(store, campaign)
    assert found[key].decision.state == "rejected" and not found[key].waiting
    (decision,) = c.decisions(store, campaign.id)
    assert decision.key == key and decision.proposal["record"]["target"] == "paul"
    # accepting the rest leaves the rejected one out of the map, still listed
    c.accept(store, campaign.id)
    assert not any(
        {r.source, r.target} == {"marie", "paul"} and r.type is COOP
        for r in store.load().relations.values()
    )
    assert by_key(store, campaign)[key].decision.state == "rejected"


def test_a_rejected_proposal_waits_again_when_the_answers_change(store, campaign, answered,
                                                                  answer):  # fmt: skip
    key = relation_key("cooperates", "marie", "paul")
    c.reject(store, campaign.id, [key])
    answer("paul", {"cooperations": [coop("marie", 2)]})
    again = by_key(store, campaign)[key]
    assert again.waiting and again.agreement is Agreement.RECIPROCATED


def test_a_new_actor_is_proposed_with_likely_duplicates(store, campaign, answer):
    answer("marie", {"cooperations": [{"who": {"name": "Association des jardins",
                                                "kind": "organisation"}}]})  # fmt: skip
    answer("jean", {"tensions": [{"who": {"name": "ASSOCIATION DES JARDINS"}}]})
    actor = next(p for p in c.proposals(store, campaign.id) if p.kind == "actor")
    assert actor.respondents == ("jean", "marie")  # one proposal for the same name
    assert actor.duplicates[0][0] == "asso" and actor.duplicates[0][2] == 1.0
    relations = [p for p in c.proposals(store, campaign.id) if p.kind == "relation"]
    assert all(p.ends == (actor.key,) for p in relations)
    # the agent recognises the existing association
    c.accept(store, campaign.id, same_as={actor.key: "asso"})
    eco = store.load()
    assert actor.record.id not in eco.actors
    assert any(r.type is COOP and {r.source, r.target} == {"marie", "asso"}
               for r in eco.relations.values())  # fmt: skip
    assert [p for p in c.proposals(store, campaign.id) if p.waiting] == []


def test_a_relation_to_a_new_actor_needs_that_actor(store, campaign, answer):
    answer("marie", {"cooperations": [{"who": {"name": "Nadia Benali",
                                                "organisation": "Régie"}}]})  # fmt: skip
    actor, relation = c.proposals(store, campaign.id)
    revision = store.revision
    with pytest.raises(c.CollectionError, match="nadia-benali"):
        c.accept(store, campaign.id, [relation.key])
    assert store.revision == revision
    c.accept(store, campaign.id, [actor.key, relation.key])
    eco = store.load()
    assert eco.actors["nadia-benali"].name == "Nadia Benali"
    assert "Régie" in eco.actors["nadia-benali"].notes


def test_accepting_an_unknown_proposal_writes_nothing(store, campaign, answered):
    revision = store.revision
    with pytest.raises(c.CollectionError, match="aucune proposition"):
        c.accept(store, campaign.id, ["relation:nope"])
    assert store.revision == revision and c.decisions(store, campaign.id) == []


def test_confidence_is_a_custom_column_of_the_files(tmp_path, store, campaign, answered):
    from ecomap.ingest import read_map
    from ecomap.ingest.writers import csv_files

    c.accept(store, campaign.id)
    for name, data in csv_files(store.load()).items():
        (tmp_path / name).write_bytes(data)
    header = (tmp_path / "relations.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",")[:3] == ["id", "source", "target"] and "confidence" in header
    eco, _issues = read_map(tmp_path)
    kept = sorted(r.extra["confidence"] for r in eco.relations.values() if r.extra)
    assert kept == ["0.25", "0.25", "0.25", "0.5", "0.5", "1", "1"]


def test_a_misspelt_name_suggests_the_existing_actor(store, campaign, answer):
    answer("marie", {"tensions": [{"who": {"name": "Mairie de Vernoix", "kind": "institution"}}]})
    found = c.proposals(store, campaign.id)
    actor = next(p for p in found if p.kind == "actor")
    (best, *_) = actor.duplicates
    assert best[0] == "mairie" and 0.75 <= best[2] < 1  # difflib: 2·16/34 ≈ 0.94
    assert actor.record.kind.value == "institution"
    names = c.names_of(found, store.load())
    assert names[actor.record.id] == "Mairie de Vernoix" and names["marie"] == "Marie Dupont"


def test_nothing_alike_is_no_duplicate(store, campaign, answer):
    answer("marie", {"tensions": [{"who": {"name": "Xavier Zorn"}}]})
    actor = next(p for p in c.proposals(store, campaign.id) if p.kind == "actor")
    assert actor.duplicates == ()


def test_ties_to_an_actor_removed_since_are_not_proposed(store, campaign, answer):
    answer("marie", {"cooperations": [coop("jean"), coop("paul")]})
    store.delete([(RecordKind.ACTOR, "paul")])
    found = c.proposals(store, campaign.id)
    assert [p.key for p in found] == [relation_key("cooperates", "jean", "marie")]
    assert c.accept(store, campaign.id) is not None


def test_an_edit_made_while_accepting_is_not_overwritten(store, campaign, answer, monkeypatch):
    from ecomap.errors import ConflictError
    from ecomap.model import Relation

    answer("marie", {"cooperations": [coop("lea", 3)]})  # the map says 1
    loading = store.load

    def load_then_someone_edits():
        eco = loading()
        monkeypatch.setattr(store, "load", loading)
        store.upsert([Relation(source="lea", target="marie", type="cooperates", weight=2)])
        return eco

    monkeypatch.setattr(store, "load", load_then_someone_edits)
    revision = store.revision
    with pytest.raises(ConflictError):
        c.accept(store, campaign.id)
    assert store.revision == revision + 1  # the edit only
    assert c.decisions(store, campaign.id) == []
    (edge,) = [r for r in store.load().relations.values() if r.type is COOP]
    assert edge.weight == 2
