"""Participatory collection in the explorer (AppTest): the respondent's page reached by a
personal link with no account, what an unusable link shows, who may open campaigns and
reconcile, and answers that become one undoable change of the map. The whole journey in
a real browser, with a real sign-in, is in ``test_collect_browser.py``."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

import pytest
from app_helpers import APP, HOSTILE, open_page, stored, texts
from test_signin import auth, provider, signed_in  # noqa: F401 - provider is a fixture

from ecomap import collection
from ecomap.store.sqlite import SQLiteStore
from ecomap.ui_text import TEXT

FR = TEXT["fr"]
TITLE = "Coopérations du marché couvert"
ROLES = {
    "admins": ["ada@agglo-exemple.fr"],
    "editors": ["@agglo-exemple.fr"],
    "viewers": ["@copil-exemple.fr"],
}


@pytest.fixture(autouse=True)
def fresh_limiter():
    """Each test starts with no invalid link counted against it."""
    collection.LIMITER.reset()
    yield
    collection.LIMITER.reset()


def open_campaign(path, respondents=("ana", "ben", "coop"), *, ends=None, today=None):
    """A campaign on the stored map and its links: (campaign id, respondent → token)."""
    with SQLiteStore(path) as store:
        opened = collection.open_campaign(
            store, TITLE, respondents=list(respondents), stakes=["marche"],
            ends=ends or date.today() + timedelta(days=10), today=today,
        )  # fmt: skip
        issued = collection.issue_links(store, opened.id)
    return opened.id, {link.respondent: link.token for link in issued}


def respondent(token: str, secrets_auth: dict | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=90)
    if secrets_auth is not None:
        at.secrets["auth"] = secrets_auth
        at.secrets["ecomap"] = {"roles": ROLES}
        at.user = {"is_logged_in": False}
    at.query_params["jeton"] = token
    return at.run()


def explorer(provider_url: str, email: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["auth"] = auth(provider_url)
    at.secrets["ecomap"] = {"roles": ROLES}
    at.user = signed_in(email)
    return at.run()


def add(at, answers: str, who: str, *, weight: int | None = None, **fields):
    """Fill the respondent's "add" form of one list of answers and press Add."""
    prefix = f"respond:add:{answers}"
    at.selectbox(key=f"{prefix}:who").set_value(who).run()
    for name, value in fields.items():
        widget = {"name": at.text_input, "organisation": at.text_input, "kind": at.radio,
                  "type": at.radio, "formal": at.checkbox}[name](key=f"{prefix}:{name}")  # fmt: skip
        widget.set_value(value)
    if weight is not None:
        at.radio(key=f"{prefix}:weight").set_value(weight)
    at.button(key=f"{prefix}:go").click().run()
    assert not at.exception
    return at


# -- the respondent's page ------------------------------------------------------------------


def test_a_personal_link_opens_the_questionnaire_and_saves_the_answers(store_path):
    campaign_id, links = open_campaign(store_path)
    before = stored(store_path)
    at = respondent(links["ana"])
    assert not at.exception
    assert [t.value for t in at.title] == [TITLE]
    shown = texts(at)
    assert "Bonjour Ana Martin" in shown and "Qui verra vos réponses" in shown
    # Nothing of the explorer: no navigation, no sidebar, no map.
    assert len(at.sidebar.children) == 0
    assert not at.get("iframe") and not at.dataframe
    # The names offered are the map's actors, never the respondent themselves.
    options = at.selectbox(key="respond:add:cooperations:who").options
    assert "Ana Martin" not in options and "Ben Roy" in options
    add(at, "cooperations", "ben", weight=3, formal=True)
    add(
        at,
        "tensions",
        "__new__",
        name=HOSTILE,
        kind="organisation",
        organisation="=cmd|' /C calc'!A0",
    )
    add(at, "powers", "mairie", type="economic", weight=2)
    at.radio(key="respond:stance:marche").set_value("1").run()
    assert any(FR["respond_unsaved"] in w.value for w in at.warning)
    at.button(key="respond:save").click().run()
    assert not at.exception and not at.error
    assert any("vos réponses sont enregistrées" in s.value for s in at.success)
    with SQLiteStore(store_path) as store:
        saved = store.campaign_answers(campaign_id, "ana")[0]["answers"]
    assert saved["cooperations"] == [
        {"who": {"actor": "ben", "name": None, "kind": "person", "organisation": None},
         "weight": 3, "formal": True}
    ]  # fmt: skip
    assert saved["tensions"][0]["who"]["name"] == HOSTILE
    assert saved["tensions"][0]["who"]["kind"] == "organisation"
    assert saved["powers"] == [
        {"who": {"actor": "mairie", "name": None, "kind": "person", "organisation": None},
         "power_type": "economic", "weight": 2}
    ]  # fmt: skip
    assert saved["stances"] == {"marche": 1}
    # Staged, never in the map.
    assert stored(store_path) == before

    # Coming back later with the same link: the answers are there, the hostile name is text.
    again = respondent(links["ana"])
    entries = [m.value for m in again.markdown if "·" in m.value]
    assert any("Ben Roy" in e and "forte" in e and "accord écrit" in e for e in entries)
    assert any("pouvoir économique" in e for e in entries)
    hostile = next(e for e in entries if "img" in e)
    assert HOSTILE not in hostile and r"\<img" in hostile  # escaped: shown as typed
    assert again.radio(key="respond:stance:marche").value == "1"
    # A change: the cooperation removed, then saved again (it replaces the answers).
    again.button(key="respond:remove:cooperations:0").click().run()
    again.button(key="respond:save").click().run()
    with SQLiteStore(store_path) as store:
        assert store.campaign_answers(campaign_id, "ana")[0]["answers"]["cooperations"] == []


def test_english_on_demand(store_path):
    _, links = open_campaign(store_path)
    at = respondent(links["ben"])
    at.radio(key="lang").set_value("en").run()
    assert "Hello Ben Roy," in texts(at)
    assert at.button(key="respond:save").label == "Save my answers"


def test_with_sign_in_configured_a_link_passes_the_gate_and_nothing_else(store_path):
    _, links = open_campaign(store_path)
    # The provider is not even asked: the link's page is drawn before the sign-in gate.
    configured = auth("http://127.0.0.1:9/.well-known/openid-configuration")
    at = respondent(links["coop"], configured)
    assert not at.exception
    assert [t.value for t in at.title] == [TITLE]
    assert "Bonjour Coop Bio" in texts(at)
    # Without a link the gate stands (here: the configuration to fix).
    from streamlit.testing.v1 import AppTest

    gate = AppTest.from_file(APP, default_timeout=90)
    gate.secrets["auth"] = configured
    gate.secrets["ecomap"] = {"roles": ROLES}
    gate.user = {"is_logged_in": False}
    gate.run()
    assert [t.value for t in gate.title] == ["La connexion n'est pas correctement configurée"]


def test_an_unusable_link_gets_one_page_that_reveals_nothing(store_path):
    _, links = open_campaign(store_path)
    with SQLiteStore(store_path) as store:
        collection.revoke_link(store, 1, "ben")
    past = date.today() - timedelta(days=30)
    _, ended = open_campaign(store_path, ("coop",), ends=past + timedelta(days=7), today=past)
    cases = {
        "unknown": secrets.token_urlsafe(32),
        "revoked": links["ben"],
        "ended": ended["coop"],
        "empty": "",
        "hostile": "<script>alert(1)</script>",
    }
    pages = {}
    for case, token in cases.items():
        at = respondent(token)
        assert not at.exception, case
        assert [t.value for t in at.title] == [FR["respond_invalid_title"]], case
        pages[case] = texts(at)
        for secret in (TITLE, "Ben Roy", "Coop Bio", "Valbourg", "Marché", str(store_path)):
            assert secret not in pages[case], (case, secret)
        assert not at.button and not at.selectbox, case
    assert len(set(pages.values())) == 1  # the same page whatever the reason
    assert "Ce lien n'est pas valable" in pages["unknown"]


# -- who may do what ------------------------------------------------------------------------


def test_a_viewer_reaches_neither_campaigns_nor_reconciliation(store_path, provider):  # noqa: F811
    open_campaign(store_path)
    at = explorer(provider, "vera@copil-exemple.fr")
    # The campaigns page by its address: the refusal, nothing of the campaigns.
    at = open_page(at, "campaigns")
    assert not at.exception
    assert any("seul un administrateur" in e.value for e in at.error)
    assert TITLE not in texts(at) and not at.main.button and not at.text_input
    # Reconciliation is an editing page: its address gives the refusal (see the browser
    # test; AppTest cannot open a hidden refusal by address).
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/reconcile.py")


def test_an_editor_reconciles_but_does_not_run_campaigns(store_path, provider):  # noqa: F811
    open_campaign(store_path)
    at = explorer(provider, "eddy@agglo-exemple.fr")
    at = open_page(at, "campaigns")
    assert any("seul un administrateur" in e.value for e in at.error)
    assert TITLE not in texts(at) and not at.main.button
    at = open_page(at, "reconcile")
    assert not at.exception and not at.error
    assert at.title[0].value == FR["page_reconcile"]


def test_an_admin_opens_a_campaign_and_gets_the_links(store_path, provider, monkeypatch):  # noqa: F811
    monkeypatch.setenv("ECOMAP_PUBLIC_URL", "https://carte.agglo-exemple.fr/")
    at = explorer(provider, "ada@agglo-exemple.fr")
    at = open_page(at, "campaigns")
    assert not at.exception and not at.error
    at.text_input(key="campaign:title").input(TITLE)
    at.multiselect(key="campaign:stakes").set_value(["marche"])
    # Quick selection: an organisation with its people.
    at.selectbox(key="campaign:by_org").set_value("coop").run()
    at.button(key="campaign:add_org").click().run()
    assert at.multiselect(key="campaign:respondents").value == ["coop", "ben"]
    at.button(key="campaign:open").click().run()
    assert not at.exception and not at.error
    with SQLiteStore(store_path) as store:
        (opened,) = collection.campaigns(store)
    assert (opened.title, opened.respondents, opened.stakes) == (
        TITLE,
        ("coop", "ben"),
        ("marche",),
    )
    assert opened.created_by == "ada@agglo-exemple.fr"
    links = [c.value for c in at.code]
    assert len(links) == 2
    assert all(link.startswith("https://carte.agglo-exemple.fr/?jeton=") for link in links)
    # The shown link opens the respondent's page.
    token = links[0].rsplit("=", 1)[1]
    assert respondent(token).title[0].value == TITLE
    assert [d.label for d in at.get("download_button")] == [FR["campaign_links_csv"],
                                                             FR["campaign_links_xlsx"]]  # fmt: skip
    # Revoke one link: the table says so, and the link no longer opens.
    at.selectbox(key=f"campaign:who:{opened.id}").set_value("ben").run()
    at.button(key="campaign:revoke").click().run()
    table = at.dataframe[-1].value
    assert (
        table.set_index(FR["col_respondent"]).loc["Ben Roy", FR["col_personal_link"]]
        == (FR["link_revoked"])
    )
    # Close the campaign: every link stops.
    at.button(key="campaign:close").click().run()
    assert not at.exception
    assert respondent(token).title[0].value == FR["respond_invalid_title"]


# -- reconciliation -------------------------------------------------------------------------


def test_answers_become_one_undoable_change_with_provenance(store_path):
    campaign_id, links = open_campaign(store_path)
    with SQLiteStore(store_path) as store:
        # Ana and Ben both declare their cooperation (reciprocated); Ana names someone new
        # (one-sided); Coop says cooperation with Ana, Ana says tension with Coop (contested).
        collection.save_answers(store, links["ana"], {
            "cooperations": [{"who": {"actor": "ben"}, "weight": 3},
                             {"who": {"name": "Léa Nouvelle"}, "weight": 1}],
            "tensions": [{"who": {"actor": "coop"}, "weight": 2}],
        })  # fmt: skip
        collection.save_answers(store, links["ben"], {
            "cooperations": [{"who": {"actor": "ana"}, "weight": 3, "formal": True}],
        })  # fmt: skip
        collection.save_answers(store, links["coop"], {
            "cooperations": [{"who": {"actor": "ana"}, "weight": 2}],
        })  # fmt: skip
    before = stored(store_path)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=90).run()
    at = open_page(at, "reconcile")
    assert not at.exception and not at.error
    shown = texts(at)
    for word in ("réciproque", "déclaré d'un seul côté", "contesté"):
        assert f"-badge[{word}]" in shown, word
    assert "Léa Nouvelle" in shown
    at.button(key="reconcile:reciprocated").click().run()
    decisions = {r.key: r.value for r in at.radio if r.key.startswith("reconcile:")}
    accepted = [k for k, v in decisions.items() if v == "accept"]
    assert len(accepted) == 1 and "ana" in accepted[0] and "ben" in accepted[0]
    at.button(key="reconcile:apply").click().run()
    assert not at.exception and not at.error
    assert any("acceptées : 1" in s.value for s in at.success)
    after = stored(store_path)
    tie = next(r for r in after.relations.values()
               if r.type.value == "cooperates" and {r.source, r.target} == {"ana", "ben"})  # fmt: skip
    assert tie.weight == 3 and tie.formal is True
    assert tie.reported_by.startswith("Ana Martin & Ben Roy, ")
    assert tie.extra["confidence"] == "1"
    assert "lea-nouvelle" not in after.actors  # not accepted yet
    # The other proposals still wait.
    assert len([r for r in at.radio if r.key.startswith("reconcile:")]) == len(decisions) - 1
    # One change, undone from the page: the map is back as it was.
    at.button(key="undo:reconcile").click().run()
    assert not at.exception
    assert stored(store_path) == before
