"""Who may do what with a campaign; its response rates; the links for a mail merge;
an older store gets the campaigns' tables without losing anything."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import date

import pytest
from openpyxl import load_workbook

from ecomap import collection as c
from ecomap.access import Access, AccessDenied, GuardedStore, Role
from ecomap.store.sqlite import SCHEMA_VERSION, SQLiteStore

DAY = date(2031, 6, 1)
START = date(2031, 1, 1)


def guarded(store, role):
    return GuardedStore(store, Access(f"{role.name.lower()}@agglo.fr", role))


def test_a_viewer_is_refused_everything_that_writes(store, campaign, links, limiter):
    c.save_answers(store, links["jean"], {"cooperations": [{"who": {"actor": "paul"}}]},
                   limiter=limiter, today=DAY)  # fmt: skip
    viewer = guarded(store, Role.VIEWER)
    revision, answers = store.revision, store.campaign_answers(campaign.id)
    attempts = [
        lambda: c.open_campaign(viewer, "X", respondents=["jean"], ends=DAY, today=START),
        lambda: c.close_campaign(viewer, campaign.id),
        lambda: c.issue_links(viewer, campaign.id),
        lambda: c.revoke_link(viewer, campaign.id, "jean"),
        lambda: c.accept(viewer, campaign.id),
        lambda: c.reject(viewer, campaign.id),
        lambda: c.links_csv(viewer, [], "https://x"),
    ]
    for attempt in attempts:
        with pytest.raises(AccessDenied):
            attempt()
    assert store.revision == revision and store.campaign_answers(campaign.id) == answers
    assert c.campaign(store, campaign.id).state is c.CampaignState.OPEN
    assert c.decisions(store, campaign.id) == []


def test_an_editor_reconciles_but_does_not_run_campaigns(store, campaign, links, limiter):
    c.save_answers(store, links["jean"], {"cooperations": [{"who": {"actor": "paul"}}]},
                   limiter=limiter, today=DAY)  # fmt: skip
    editor = guarded(store, Role.EDITOR)
    with pytest.raises(AccessDenied, match="administrateur"):
        c.open_campaign(editor, "X", respondents=["jean"], ends=DAY, today=START)
    with pytest.raises(AccessDenied):
        c.issue_links(editor, campaign.id)
    with pytest.raises(AccessDenied):
        c.links_xlsx(editor, [], "https://x")
    change = c.accept(editor, campaign.id)
    assert change.author == "editor@agglo.fr"
    assert c.decisions(store, campaign.id)[0].by == "editor@agglo.fr"


def test_an_admin_opens_a_campaign_as_its_author(store):
    admin = guarded(store, Role.ADMIN)
    opened = c.open_campaign(admin, "Copil", respondents=["jean"], ends=DAY, today=START)
    assert opened.created_by == "admin@agglo.fr" and opened.state is c.CampaignState.OPEN
    assert len(c.issue_links(admin, opened.id)) == 1


def test_a_campaign_is_checked_before_it_is_opened(store):
    with pytest.raises(c.CollectionError) as caught:
        c.open_campaign(store, " ", respondents=["nobody", "jean"], stakes=["nothing"],
                        ends=date(2030, 1, 1), today=START)  # fmt: skip
    assert len(caught.value.problems) == 4
    assert c.campaigns(store) == []


def test_response_rate_overall_and_per_organisation(store, campaign, links, limiter):
    for who in ("marie", "asso"):
        c.save_answers(store, links[who], {}, limiter=limiter, today=DAY)
    stats = c.statistics(store, campaign.id)
    assert (stats.respondents, stats.answered, stats.rate) == (4, 2, 0.5)
    rates = {o.organisation: (o.respondents, o.answered) for o in stats.by_organisation}
    # marie's home organisation is asso, which answered itself too; jean is of the mairie;
    # paul belongs to no organisation
    assert rates == {"asso": (2, 2), "mairie": (1, 0), None: (1, 0)}
    assert stats.not_answered == (("jean", "Jean Martin"), ("paul", "Paul Girard"))


@pytest.fixture
def hostile_names(store):
    from ecomap.model import Actor

    store.upsert([Actor(id="paul", name='=HYPERLINK("http://evil")', kind="person")])


def test_the_links_as_csv_and_xlsx(store, campaign, hostile_names):
    issued = c.issue_links(store, campaign.id)
    base = "https://carte.agglo.fr/repondre"
    text = c.links_csv(store, issued, base).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    by_name = {row["nom"]: row for row in rows}
    assert by_name["Marie Dupont"]["organisation"] == "Association des Jardins"
    assert by_name["Marie Dupont"]["email"] == "marie@asso.fr"
    marie = next(link for link in issued if link.respondent == "marie")
    assert by_name["Marie Dupont"]["lien"] == f"{base}?jeton={marie.token}"
    # a name a spreadsheet would run as a formula is defused
    assert '\'=HYPERLINK("http://evil")' in by_name
    book = load_workbook(io.BytesIO(c.links_xlsx(store, issued, base)))
    sheet = book.active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["nom", "organisation", "email", "lien"]
    assert sorted(row[3] for row in values[1:]) == sorted(f"{base}?jeton={i.token}" for i in issued)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_an_older_store_gets_the_campaign_tables_and_keeps_its_map(tmp_path, make_map):
    path = tmp_path / "ancien.db"
    old = SQLiteStore(path)
    old.import_map(make_map(), author="agent")
    old.snapshot_create("copil")
    history = old.history()
    old.close()
    # what ecomap wrote before layout 2: the same file without the campaigns' tables
    conn = sqlite3.connect(path)
    for table in ("campaign_decisions", "campaign_answers", "campaign_links", "campaigns"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()

    store = SQLiteStore(path)
    try:
        assert store.load() == make_map()
        assert store.history() == history
        assert [s.name for s in store.snapshot_list()] == ["import-1", "copil"]
        opened = c.open_campaign(store, "Après", respondents=["jean"], ends=DAY, today=START)
        assert c.campaigns(store) == [opened]
    finally:
        store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
