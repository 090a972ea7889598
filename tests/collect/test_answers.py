"""Answers: staged (never in the map), replaced whole, validated, inert, concurrent, durable."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from ecomap import collection as c
from ecomap.store.sqlite import SQLiteStore

DAY = date(2031, 6, 1)  # before the campaign fixture's end date

ANSWERS = {
    "cooperations": [
        {"who": {"actor": "jean"}, "weight": 3, "formal": True},
        {"who": {"name": "Nadia Benali", "kind": "person", "organisation": "Régie de quartier"}},
    ],
    "tensions": [{"who": {"actor": "paul"}, "weight": 2}],
    "powers": [{"who": {"actor": "mairie"}, "power_type": "economic", "weight": 2}],
    "stances": {"marche": -2},
}


@pytest.fixture
def save(store, limiter):
    def saving(token, answers, **options):
        return c.save_answers(store, token, answers, limiter=limiter, today=DAY, **options)

    return saving


def test_answers_are_staged_not_written_to_the_map(store, campaign, links, save):
    before, revision = store.load(), store.revision
    ctx = save(links["marie"], ANSWERS)
    assert ctx.answers == c.Answers.model_validate(ANSWERS)
    assert store.revision == revision and store.load() == before
    (row,) = store.campaign_answers(campaign.id)
    assert row["respondent"] == "marie"
    assert row["answers"]["cooperations"][0] == {"who": {"actor": "jean", "name": None,
        "kind": "person", "organisation": None}, "weight": 3, "formal": True}  # fmt: skip


def test_a_new_save_replaces_the_previous_answers_whole(store, campaign, links, save, limiter):
    save(links["marie"], ANSWERS)
    save(links["marie"], {"tensions": [{"who": {"actor": "jean"}}]})
    ctx = c.verify_link(store, links["marie"], limiter=limiter, today=DAY)
    assert ctx.answers.cooperations == () and ctx.answers.stances == {}
    assert [t.who.actor for t in ctx.answers.tensions] == ["jean"]
    assert len(store.campaign_answers(campaign.id)) == 1


def test_a_respondent_sees_only_their_own_answers(store, campaign, links, save, limiter):
    save(links["marie"], ANSWERS)
    ctx = c.verify_link(store, links["jean"], limiter=limiter, today=DAY)
    assert ctx.answers is None
    assert not hasattr(ctx, "relations")  # names only, nothing of the map's ties
    assert {type(a).__name__ for a in ctx.offered} == {"OfferedActor"}


HOSTILE = [
    "<script>alert('x')</script>",
    "=cmd|' /C calc'!A0",
    "+SUM(A1:A9)",
    "@import",
    "Robert'); DROP TABLE campaigns;--",
    '"}]} {"x": 1',
]


def test_hostile_text_is_kept_as_plain_text(store, campaign, links, save, limiter):
    answers = {"cooperations": [{"who": {"name": text}} for text in HOSTILE]}
    save(links["marie"], answers)
    ctx = c.verify_link(store, links["marie"], limiter=limiter, today=DAY)
    assert [entry.who.name for entry in ctx.answers.cooperations] == HOSTILE
    assert len(c.campaigns(store)) == 1  # the tables are all there
    names = {p.record.name for p in c.proposals(store, campaign.id) if p.kind == "actor"}
    assert names == set(HOSTILE)


@pytest.mark.parametrize(
    ("answers", "problem"),
    [
        ({"cooperations": [{"who": {"name": "x" * 201}}]}, "coopérations 1 qui nom : dépasse 200"),
        ({"cooperations": [{"who": {"name": "Léa\x00Roux"}}]}, "caractères de contrôle"),
        ({"cooperations": [{"who": {"name": "abc\u202edcba"}}]}, "caractères de contrôle"),
        (
            {"tensions": [{"who": {"actor": "jean"}, "weight": 4}]},
            "tensions 1 intensité : trop grand",
        ),
        ({"powers": [{"who": {"actor": "jean"}, "power_type": "magic"}]}, "valeur inconnue"),
        ({"stances": {"marche": 3}}, "n'est pas entre -2 et 2"),
        ({"cooperations": [{"who": {"actor": "jean", "name": "Jean"}}]}, "pas les deux"),
        ({"cooperations": [{"who": {"actor": "nobody"}}]}, "'nobody' ne fait pas partie"),
        ({"cooperations": [{"who": {"actor": "marie"}}]}, "avec soi-même"),
        ({"cooperations": [{"who": {"actor": "jean"}}] * 2}, "jean est déclaré deux fois"),
        ({"stances": {"friche": 1}}, "l'enjeu 'friche' n'est pas demandé"),
        ({"stances": {"m" * 5000: 1}}, "positions : dépasse 200 caractères"),
        ({"cooperations": [{"who": {"name": f"P{i}"}} for i in range(201)]}, "au plus 200"),
    ],
)
def test_invalid_answers_are_refused_with_what_is_wrong(store, campaign, links, save, answers,
                                                         problem):  # fmt: skip
    with pytest.raises(c.AnswersInvalid) as caught:
        save(links["marie"], answers)
    assert any(problem in p for p in caught.value.problems), caught.value.problems
    assert store.campaign_answers(campaign.id) == []


def test_every_problem_is_listed_at_once(store, campaign, links, save):
    with pytest.raises(c.AnswersInvalid) as caught:
        save(links["marie"], {"cooperations": [{"who": {"name": "x" * 300}, "weight": 0}],
                              "stances": {"marche": 9}})  # fmt: skip
    assert len(caught.value.problems) == 3


def test_a_link_revoked_meanwhile_saves_nothing(store, campaign, links):
    digest = c.link_hash(store, links["marie"])
    c.revoke_link(store, campaign.id, "marie")
    assert store.campaign_save_answers(digest, {"stances": {}}, "2031-06-01T00:00:00") is False
    assert store.campaign_answers(campaign.id) == []


def test_two_respondents_saving_at_once_lose_nothing(tmp_path, store, campaign, links):
    store.close()
    path = tmp_path / "ecomap.db"
    rounds = 15
    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def respondent(who: str, partner: str) -> None:
        # Each thread has its own connection, as two app sessions or processes would.
        own = SQLiteStore(path)
        limiter = c.AttemptLimiter()
        try:
            start.wait()
            for n in range(rounds):
                c.save_answers(own, links[who], {"cooperations": [{"who": {"actor": partner},
                               "weight": 1 + n % 3}]}, limiter=limiter, today=DAY)  # fmt: skip
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=respondent, args=args)
               for args in (("marie", "jean"), ("jean", "marie"), ("paul", "asso"))]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    again = SQLiteStore(path)
    try:
        rows = {row["respondent"]: row["answers"] for row in again.campaign_answers(campaign.id)}
    finally:
        again.close()
    assert set(rows) == {"marie", "jean", "paul"}
    last = 1 + (rounds - 1) % 3
    assert {r: a["cooperations"][0]["weight"] for r, a in rows.items()} == dict.fromkeys(rows, last)


def test_a_campaign_and_its_answers_survive_a_restart(tmp_path, store, campaign, links, save):
    save(links["marie"], ANSWERS)
    store.close()
    again = SQLiteStore(tmp_path / "ecomap.db")
    try:
        (kept,) = c.campaigns(again)
        assert kept == campaign
        ctx = c.verify_link(again, links["marie"], limiter=c.AttemptLimiter(), today=DAY)
        assert ctx.answers == c.Answers.model_validate(ANSWERS)
    finally:
        again.close()


def test_a_map_the_caller_holds_is_not_loaded_again(store, campaign, links, limiter,
                                                     monkeypatch):  # fmt: skip
    eco = store.load()
    monkeypatch.setattr(store, "load", lambda: pytest.fail("the map was loaded again"))
    c.save_answers(store, links["marie"], ANSWERS, limiter=limiter, today=DAY, eco=eco)
    assert c.verify_link(store, links["marie"], limiter=limiter, today=DAY, eco=eco).answers
    assert len(c.proposals(store, campaign.id, eco=eco)) == 6  # 1 new actor, 5 ties
    assert c.statistics(store, campaign.id, eco=eco).answered == 1


def test_problems_are_said_in_english_on_demand(store, campaign, links, save):
    with pytest.raises(c.AnswersInvalid) as caught:
        save(links["marie"], {"cooperations": [{"who": {"actor": "marie"}}]}, lang="en")
    assert caught.value.problems == [
        "cooperations 1: a respondent cannot declare a tie with themselves"
    ]
