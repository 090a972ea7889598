"""Participatory collection on the Neo4j store, without a server.

The Neo4j store is driven through the statement model of tests/store/test_neo4j.py
(a fake driver that checks every query is a statement of cypher/ with exactly its
declared parameters, and does on an in-memory graph what the statement says), extended
here with the statements of the campaigns' Cypher files. The tests of links and of
reconciliation then run once more on that store, as the store contract does.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from ecomap.cypher import CAMPAIGN_FAMILIES, CAMPAIGN_LABELS, families, statement

from ecomap import collection as c
from ecomap.store.neo4j import SCHEMA_VERSION, Neo4jStore

HERE = Path(__file__).parent


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_NEO4J = _module(HERE.parent / "store" / "test_neo4j.py", "neo4j_statement_model")
CAMPAIGN_STATEMENTS = {s.name for f in CAMPAIGN_FAMILIES for s in families()[f]}


class CampaignGraph(_NEO4J.GraphModel):
    """The statement model, with the statements of the campaigns' files."""

    def _props(self, label: str, **match: Any) -> list[dict[str, Any]]:
        return [self.nodes[n]["props"] for n in self.find(label, **match)]

    def check_constraints(self) -> None:
        super().check_constraints()
        for label, key in (("EcomapCampaign", "id"), ("EcomapLink", "hash"),
                           ("EcomapAnswers", "key"), ("EcomapDecision", "seq")):  # fmt: skip
            values = [p.get(key) for p in self._props(label)]
            if len(values) != len(set(values)):
                raise _NEO4J.server_error("Neo.ClientError.Schema.ConstraintValidationFailed")

    # constraints
    def _constraint(self, name: str) -> list:
        self.schema.add(name)
        return []

    def campaign_id_unique(self, _):
        return self._constraint("campaign_id_unique")

    def link_hash_unique(self, _):
        return self._constraint("link_hash_unique")

    def answers_key_unique(self, _):
        return self._constraint("answers_key_unique")

    def decision_seq_unique(self, _):
        return self._constraint("decision_seq_unique")

    # manage_campaigns
    def create_campaign(self, _, store, state, record):
        nid = self.merge_node("EcomapStore", "key", store)
        props = self.nodes[nid]["props"]
        props["last_campaign"] = props.get("last_campaign", 0) + 1
        self.create_node({"EcomapCampaign"},
                         {"id": props["last_campaign"], "state": state, "record": record})  # fmt: skip
        return [{"id": props["last_campaign"]}]

    def _campaign(self, p):
        return {"id": p["id"], "state": p["state"], "record": p["record"]}

    def list_campaigns(self, _):
        return [self._campaign(p) for p in sorted(self._props("EcomapCampaign"),
                                                  key=lambda p: p["id"])]  # fmt: skip

    def read_campaign(self, _, id):
        return [self._campaign(p) for p in self._props("EcomapCampaign", id=id)]

    def set_campaign_state(self, _, id, state):
        found = self._props("EcomapCampaign", id=id)
        for p in found:
            p["state"] = state
        return [{"found": len(found)}]

    # manage_campaign_links
    def revoke_campaign_links(self, _, campaign, respondents, at):
        revoked = 0
        for respondent in respondents:
            for p in self._props("EcomapLink", campaign=campaign, respondent=respondent):
                if p.get("revoked_at") is None:
                    p["revoked_at"] = at
                    revoked += 1
        return [{"revoked": revoked}]

    def create_campaign_links(self, _, campaign, links, at):
        for link in links:
            self.create_node({"EcomapLink"}, {"hash": link["hash"], "campaign": campaign,
                             "respondent": link["respondent"], "issued_at": at})  # fmt: skip
        return []

    def _link(self, p, *names):
        return {n: p.get(n) for n in names}

    def read_campaign_link(self, _, hash):
        return [self._link(p, "hash", "campaign", "respondent", "issued_at", "revoked_at")
                for p in self._props("EcomapLink", hash=hash)]  # fmt: skip

    def list_campaign_links(self, _, campaign):
        found = sorted(self._props("EcomapLink", campaign=campaign),
                       key=lambda p: (p["issued_at"], p["respondent"]))  # fmt: skip
        return [self._link(p, "respondent", "issued_at", "revoked_at") for p in found]

    def lock_active_link(self, _, hash, state):
        rows = []
        for p in self._props("EcomapLink", hash=hash):
            if p.get("revoked_at") is None and self._props("EcomapCampaign", id=p["campaign"],
                                                           state=state):  # fmt: skip
                rows.append({"campaign": p["campaign"], "respondent": p["respondent"]})
        return rows

    # save_staging_answers
    def save_staged_answers(self, _, key, campaign, respondent, at, answers):
        nid = self.merge_node("EcomapAnswers", "key", key)
        self.nodes[nid]["props"].update(campaign=campaign, respondent=respondent, saved_at=at,
                                        answers=answers)  # fmt: skip
        return []

    def list_staged_answers(self, _, campaign, respondent):
        found = [p for p in self._props("EcomapAnswers", campaign=campaign)
                 if respondent is None or p["respondent"] == respondent]  # fmt: skip
        return [{"respondent": p["respondent"], "saved_at": p["saved_at"],
                 "answers": p["answers"]} for p in sorted(found, key=lambda p: p["respondent"])]  # fmt: skip

    # record_campaign_decisions
    def next_decision_seq(self, _, store, count):
        nid = self.merge_node("EcomapStore", "key", store)
        props = self.nodes[nid]["props"]
        props["last_decision"] = props.get("last_decision", 0) + count
        return [{"last": props["last_decision"]}]

    def create_decisions(self, _, campaign, at, author, change_id, decisions):
        for d in decisions:
            self.create_node({"EcomapDecision"}, {**d, "campaign": campaign, "author": author,
                             "at": at, "change_id": change_id})  # fmt: skip
        return []

    def list_decisions(self, _, campaign):
        found = sorted(self._props("EcomapDecision", campaign=campaign), key=lambda p: p["seq"])
        return [{"seq": p["seq"], "key": p["key"], "fingerprint": p["fingerprint"],
                 "state": p["state"], "by": p.get("author"), "at": p["at"],
                 "change_id": p.get("change_id"), "proposal": p["proposal"]} for p in found]  # fmt: skip


@pytest.fixture
def driver():
    fake = _NEO4J.FakeDriver()
    fake.graph = CampaignGraph()
    return fake


@pytest.fixture
def store(driver, make_map, monkeypatch):
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_USERNAME", "NEO4J_PASSWORD",
                 "NEO4J_DATABASE"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    s = Neo4jStore(_NEO4J.URI, user="ann", password=_NEO4J.PASSWORD, driver=driver)
    s.import_map(make_map(), author="agent")
    yield s
    s.close()


DAY = date(2031, 6, 1)


def exercise(store) -> None:
    """Every operation of a campaign once."""
    limiter = c.AttemptLimiter()
    camp = c.open_campaign(store, "<b>Nos</b> coopérations", respondents=["marie", "jean"],
                           stakes=["marche"], ends=date(2031, 6, 30), today=date(2031, 1, 1))  # fmt: skip
    assert c.campaigns(store) == [camp]
    links = {link.respondent: link.token for link in c.issue_links(store, camp.id)}
    c.save_answers(store, links["marie"], {"cooperations": [{"who": {"actor": "jean"}}],
                   "stances": {"marche": 1}}, limiter=limiter, today=DAY)  # fmt: skip
    c.save_answers(store, links["jean"], {"cooperations": [{"who": {"actor": "marie"}}]},
                   limiter=limiter, today=DAY)  # fmt: skip
    assert [s.respondent for s in c.link_statuses(store, camp.id)] == ["marie", "jean"]
    stance = next(p.key for p in c.proposals(store, camp.id) if "stake" in p.key)
    c.reject(store, camp.id, [stance])
    assert c.accept(store, camp.id) is not None
    assert c.statistics(store, camp.id).answered == 2
    c.revoke_link(store, camp.id, "jean")
    c.close_campaign(store, camp.id)
    assert len(c.decisions(store, camp.id)) == 2


def test_every_campaign_statement_is_run_with_its_parameters_only(store, driver):
    exercise(store)
    used = {name for name, _, _ in driver.ran}
    assert CAMPAIGN_STATEMENTS <= used
    for query, params in driver.log:
        stmt, _ = _NEO4J.RENDERED[query]
        assert set(params) == set(stmt.params)
    assert set(driver.graph.schema) >= {"campaign_id_unique", "link_hash_unique",
                                        "answers_key_unique", "decision_seq_unique"}  # fmt: skip


def test_campaign_statements_name_only_their_labels_and_carry_no_values():
    for name in CAMPAIGN_STATEMENTS:
        text = statement(name).render()
        labels = _NEO4J.labels_and_types(text)
        assert labels <= {*CAMPAIGN_LABELS, "EcomapStore"}, (name, labels)
        code = text.split("\n")
        assert not any("'" in line or '"' in line for line in code if not line.startswith("//"))


def test_the_tokens_never_reach_neo4j(store, driver):
    camp = c.open_campaign(store, "X", respondents=["marie"], ends=date(2031, 6, 30),
                           today=date(2031, 1, 1))  # fmt: skip
    (link,) = c.issue_links(store, camp.id)
    c.save_answers(store, link.token, {}, limiter=c.AttemptLimiter(), today=DAY)
    sent = json.dumps([params for _, params in driver.log], default=str)
    assert link.token not in sent and c.link_hash(store, link.token) in sent


def test_a_campaign_is_wiped_with_the_map(store, driver):
    exercise(store)
    store.wipe()
    assert not any(set(CAMPAIGN_LABELS) & n["labels"] for n in driver.graph.nodes.values())


# The tests of links and reconciliation, once more on the Neo4j store (their fixtures
# come along: ``answer``, ``answered``), but the one that reads the SQLite file's bytes.
_SQLITE_ONLY = {"test_the_raw_token_is_nowhere_in_the_store_file"}
for _file in ("test_links.py", "test_reconcile.py"):
    _loaded = _module(HERE / _file, "on_neo4j_" + _file.removesuffix(".py"))
    for _name, _value in vars(_loaded).items():
        if _name.startswith("test_") and _name not in _SQLITE_ONLY:
            globals()["test_on_neo4j_" + _name.removeprefix("test_")] = _value
        elif _name in ("answer", "answered"):
            globals()[_name] = _value


def test_a_map_of_layout_1_gets_campaigns_and_keeps_its_map(driver, make_map, monkeypatch):
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    old = Neo4jStore(_NEO4J.URI, user="ann", password=_NEO4J.PASSWORD, driver=driver)
    old.import_map(make_map())
    (node,) = [n for n in driver.graph.nodes.values() if "EcomapStore" in n["labels"]]
    node["props"]["schema_version"] = 1  # as ecomap wrote it before campaigns
    history = old.history()
    store = Neo4jStore(_NEO4J.URI, user="ann", password=_NEO4J.PASSWORD, driver=driver)
    assert store.load() == make_map()
    opened = c.open_campaign(store, "Après", respondents=["jean"], ends=date(2031, 6, 30),
                             today=date(2031, 1, 1))  # fmt: skip
    assert c.campaigns(store) == [opened]
    # the graph is copied by each transaction: read the store node again
    (node,) = [n for n in driver.graph.nodes.values() if "EcomapStore" in n["labels"]]
    assert node["props"]["schema_version"] == SCHEMA_VERSION
    assert store.history() == history and store.load() == make_map()
