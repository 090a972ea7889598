"""Personal links: random, kept only hashed, expiring, revocable, single-store, rate limited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ecomap import collection as c
from ecomap.store.sqlite import SQLiteStore

ENDS = date(2031, 6, 30)  # the campaign fixture's end date
BEFORE_END = date(2031, 6, 1)


def test_tokens_are_random_and_long(store, campaign):
    first = c.issue_links(store, campaign.id)
    second = c.issue_links(store, campaign.id)
    tokens = [link.token for link in first + second]
    assert len(set(tokens)) == len(tokens) == 8
    # 32 random bytes in URL-safe base64: 43 characters
    assert all(len(token) == 43 for token in tokens)


def test_the_raw_token_is_nowhere_in_the_store_file(tmp_path, store, campaign, links, limiter):
    c.save_answers(store, links["marie"], {"stances": {"marche": 1}}, limiter=limiter,
                   today=BEFORE_END)  # fmt: skip
    store.close()
    # Bytes of the file and of its write-ahead log, whatever was checkpointed.
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("ecomap.db"))
    assert data  # the file is there
    for token in links.values():
        assert token.encode() not in data
        assert token[:20].encode() not in data
    again = SQLiteStore(tmp_path / "ecomap.db")
    try:
        # The hash that is kept is a keyed one, not a bare SHA-256 of the token.
        import hashlib

        assert hashlib.sha256(links["marie"].encode()).hexdigest().encode() not in data
        assert c.link_hash(again, links["marie"]).encode() in data
    finally:
        again.close()


def test_a_valid_link_opens_the_respondents_context(store, campaign, links, limiter):
    ctx = c.verify_link(store, links["marie"], limiter=limiter, today=BEFORE_END)
    assert ctx.respondent == "marie" and ctx.respondent_name == "Marie Dupont"
    assert ctx.campaign.id == campaign.id
    offered = [a.id for a in ctx.offered]
    assert "marie" not in offered and {"jean", "asso", "mairie"} <= set(offered)
    assert ctx.stakes == (("marche", "Marché couvert"),)
    assert ctx.answers is None


def _refused(store, token, limiter, today=BEFORE_END) -> str:
    with pytest.raises(c.InvalidLink) as caught:
        c.verify_link(store, token, limiter=limiter, today=today)
    return str(caught.value)


def test_every_invalid_link_gets_one_and_the_same_answer(
    tmp_path, store, campaign, links, make_map
):
    limiter = c.AttemptLimiter(failures=100)
    messages = {_refused(store, "x" * 43, limiter)}  # unknown
    messages.add(_refused(store, "<script>", limiter))  # not even a token's shape
    messages.add(_refused(store, links["marie"], limiter, today=ENDS + timedelta(days=1)))
    c.revoke_link(store, campaign.id, "jean")
    messages.add(_refused(store, links["jean"], limiter))
    # Another store with the same map and campaign: its token does not open this one.
    other = SQLiteStore(tmp_path / "autre.db")
    other.import_map(make_map())
    camp = c.open_campaign(other, "Nos coopérations", respondents=["marie"], ends=ENDS,
                           today=date(2031, 1, 1))  # fmt: skip
    foreign = c.issue_links(other, camp.id)[0].token
    c.verify_link(other, foreign, limiter=limiter, today=BEFORE_END)  # valid there
    messages.add(_refused(store, foreign, limiter))
    other.close()
    c.close_campaign(store, campaign.id)
    messages.add(_refused(store, links["paul"], limiter))
    assert len(messages) == 1
    assert "pas valable" in messages.pop()


def test_a_link_works_until_the_end_date_included(store, campaign, links, limiter):
    assert c.verify_link(store, links["paul"], limiter=limiter, today=ENDS).respondent == "paul"
    _refused(store, links["paul"], limiter, today=ENDS + timedelta(days=1))


def test_revoking_one_respondent_leaves_the_others(store, campaign, links, limiter):
    assert c.revoke_link(store, campaign.id, "jean") == 1
    _refused(store, links["jean"], limiter)
    assert c.verify_link(store, links["paul"], limiter=limiter, today=BEFORE_END)
    statuses = {s.respondent: s for s in c.link_statuses(store, campaign.id)}
    assert not statuses["jean"].active and statuses["paul"].active


def test_a_new_link_replaces_the_old_one(store, campaign, links, limiter):
    (new,) = c.issue_links(store, campaign.id, ["marie"])
    _refused(store, links["marie"], limiter)
    assert c.verify_link(store, new.token, limiter=limiter, today=BEFORE_END).respondent == "marie"


def test_a_closed_campaign_opens_again(store, campaign, links, limiter):
    c.close_campaign(store, campaign.id)
    _refused(store, links["marie"], limiter)
    c.reopen_campaign(store, campaign.id)
    assert c.verify_link(store, links["marie"], limiter=limiter, today=BEFORE_END)


def test_links_only_for_the_campaigns_respondents(store, campaign):
    with pytest.raises(c.CollectionError, match="lea"):
        c.issue_links(store, campaign.id, ["lea"])


def test_too_many_invalid_links_refuse_the_client_for_a_while(store, campaign, links):
    now = [1000.0]
    limiter = c.AttemptLimiter(failures=3, window=60, lockout=120, clock=lambda: now[0])
    for _ in range(3):
        with pytest.raises(c.InvalidLink):
            c.verify_link(store, "y" * 43, client="10.0.0.9", limiter=limiter, today=BEFORE_END)
    # Even a valid link is refused while the client is locked out…
    with pytest.raises(c.TooManyAttempts) as caught:
        c.verify_link(store, links["marie"], client="10.0.0.9", limiter=limiter,
                      today=BEFORE_END)  # fmt: skip
    assert caught.value.retry_after == 120
    # … but not another client,
    assert c.verify_link(store, links["marie"], client="10.0.0.7", limiter=limiter,
                         today=BEFORE_END)  # fmt: skip
    now[0] += 121  # and the lock-out ends.
    assert c.verify_link(store, links["marie"], client="10.0.0.9", limiter=limiter,
                         today=BEFORE_END)  # fmt: skip


def test_failures_spread_over_more_than_the_window_are_not_counted_together():
    now = [0.0]
    limiter = c.AttemptLimiter(failures=3, window=60, lockout=120, clock=lambda: now[0])
    for _ in range(6):
        limiter.failed("x")
        now[0] += 31
    limiter.check("x")  # never 3 within 60 s


def test_a_link_opens_in_english_on_demand(store, campaign, limiter):
    with pytest.raises(c.InvalidLink, match="not valid"):
        c.verify_link(store, "z" * 43, limiter=limiter, lang="en")
