"""A small territory and an open campaign on it, in a store file of the test's own."""

from __future__ import annotations

from datetime import date

import pytest

from ecomap import collection as c
from ecomap.model import Actor, Ecosystem, Relation, Stake
from ecomap.store.sqlite import SQLiteStore

ENDS = date(2031, 6, 30)
BEFORE_END = date(2031, 6, 1)


def small_map() -> Ecosystem:
    eco = Ecosystem()
    for record in (
        Actor(id="asso", name="Association des Jardins", kind="organisation"),
        Actor(id="mairie", name="Mairie de Vernois", kind="institution"),
        Actor(id="marie", name="Marie Dupont", kind="person", extra={"email": "marie@asso.fr"}),
        Actor(id="jean", name="Jean Martin", kind="person"),
        Actor(id="paul", name="Paul Girard", kind="person"),
        Actor(id="lea", name="Léa Roux", kind="person"),
        Stake(id="marche", name="Marché couvert"),
        Stake(id="friche", name="Friche"),
        Relation(source="marie", target="asso", type="member_of"),
        Relation(source="jean", target="mairie", type="member_of"),
        Relation(source="lea", target="asso", type="member_of"),
        Relation(source="marie", target="lea", type="cooperates", weight=1),
    ):
        eco.add(record)
    return eco


@pytest.fixture
def make_map():
    """The small territory, as a function (for a second store)."""
    return small_map


@pytest.fixture
def store(tmp_path):
    s = SQLiteStore(tmp_path / "ecomap.db")
    s.import_map(small_map(), author="agent")
    yield s
    s.close()


@pytest.fixture
def limiter():
    """A limiter of the test's own, so tests do not share the process's counts."""
    return c.AttemptLimiter(failures=5, window=60, lockout=120)


@pytest.fixture
def campaign(store):
    return c.open_campaign(
        store,
        "Nos coopérations",
        respondents=["marie", "jean", "paul", "asso"],
        stakes=["marche"],
        ends=ENDS,
        today=date(2031, 1, 1),
    )


@pytest.fixture
def links(store, campaign):
    return {link.respondent: link.token for link in c.issue_links(store, campaign.id)}
