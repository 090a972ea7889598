"""Sign-in and roles in the explorer (AppTest): what each person sees and may do, and one
clear page when the sign-in configuration is wrong. The real sign-in, through a real
OpenID Connect provider in a real browser, is in ``test_signin_browser.py``."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from app_helpers import APP, HOSTILE, open_page, stored

from ecomap.store.sqlite import SQLiteStore

ROLES = {
    "admins": ["ada@agglo-exemple.fr"],
    "editors": ["@agglo-exemple.fr"],
    "viewers": ["group:copil", "@copil-exemple.fr"],
    "names": ["nina@copil-exemple.fr"],
}
PEOPLE = ("Ana Martin", "Ben Roy")
#: Editing pages and their addresses.
EDITING = {"actors": "acteurs", "relations": "relations", "stakes": "enjeux",
           "spaces": "dispositifs", "import_map": "importer", "export_map": "exporter",
           "history": "historique"}  # fmt: skip


@pytest.fixture(scope="module")
def provider():
    """A discovery document on localhost (what the configuration check reads)."""

    class Discovery(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server interface
            body = json.dumps({"issuer": base, "authorization_endpoint": f"{base}/authorize"})
            self.send_response(200 if self.path.endswith("openid-configuration") else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Discovery)
    base = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"{base}/.well-known/openid-configuration"
    server.shutdown()


def auth(metadata_url: str, **changes) -> dict:
    section = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "a-long-random-cookie-secret",
        "client_id": "ecomap",
        "client_secret": "client-secret-value",
        "server_metadata_url": metadata_url,
    }
    section.update(changes)
    return {k: v for k, v in section.items() if v is not None}


def explorer(provider_url: str | None, user: dict | None = None, roles=ROLES, **changes):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=90)
    if provider_url is not None:
        at.secrets["auth"] = auth(provider_url, **changes)
    at.secrets["ecomap"] = {"roles": roles}
    at.user = user if user is not None else {"is_logged_in": False}
    return at.run()


def shown_text(at) -> str:
    parts = [e.value for kind in ("title", "markdown", "caption", "error", "warning", "info")
             for e in getattr(at, kind)]  # fmt: skip
    for frame in at.dataframe:
        parts.append(frame.value.to_csv())
    return "\n".join(str(p) for p in parts)


def signed_in(email: str, **claims) -> dict:
    return {"is_logged_in": True, "email": email, **claims}


def test_without_sign_in_configured_the_explorer_is_single_user(store_path):
    at = explorer(None)
    assert not at.exception
    assert at.title[0].value == "Carte du réseau"
    assert not at.sidebar.toggle(key="anonymise").disabled


def test_before_sign_in_nothing_of_the_map(store_path, provider):
    at = explorer(provider)
    assert not at.exception
    assert [t.value for t in at.title] == ["Connexion"]
    assert [b.label for b in at.button] == ["Se connecter"]
    text = shown_text(at)
    assert not any(name in text for name in (*PEOPLE, "Mairie de Valbourg", "Coop Bio"))
    assert len(at.dataframe) == 0 and len(at.sidebar.toggle) == 0
    # English on demand.
    at.radio(key="lang").set_value("en").run()
    assert [t.value for t in at.title] == ["Sign in"]


def test_named_providers_get_one_button_each(store_path, provider):
    at = explorer(provider, client_id=None, client_secret=None, server_metadata_url=None,
                  keycloak={"client_id": "e", "client_secret": "s",
                            "server_metadata_url": provider},
                  proconnect={"client_id": "e", "client_secret": "s",
                              "server_metadata_url": provider})  # fmt: skip
    assert not at.exception
    assert [b.label for b in at.button] == [
        "Se connecter avec Keycloak",
        "Se connecter avec Proconnect",
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"client_secret": None}, ["[auth] client_secret"]),
        ({"cookie_secret": "", "client_secret": None},
         ["[auth] cookie_secret", "[auth] client_secret"]),
        ({"server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"},
         ["[auth] server_metadata_url", "ne répond pas"]),
        ({"server_metadata_url": "sso.agglo-exemple.fr"}, ["[auth] server_metadata_url"]),
    ],
)  # fmt: skip
def test_bad_configuration_gives_one_clear_page(store_path, provider, changes, expected):
    at = explorer(provider, **changes)
    assert not at.exception
    assert [t.value for t in at.title] == ["La connexion n'est pas correctement configurée"]
    assert len(at.error) == 1
    message = at.error[0].value
    assert "secrets.toml" in message
    for part in expected:
        assert part in message
    assert "client-secret-value" not in shown_text(at)  # a secret is never shown
    assert len(at.button) == 0 and len(at.dataframe) == 0


def test_a_wrong_role_entry_is_a_configuration_problem(store_path, provider):
    at = explorer(provider, roles={"editors": ["agglo-exemple.fr"], "viewer": ["x@y.fr"]})
    assert not at.exception
    message = at.error[0].value
    assert "[ecomap.roles] editors" in message and "agglo-exemple.fr" in message
    assert "[ecomap.roles] viewer" in message and "clé inconnue" in message


def test_signed_in_without_a_role_is_refused(store_path, provider):
    at = explorer(provider, signed_in("zoe@ailleurs.fr", groups=["autre"]))
    assert not at.exception
    assert [t.value for t in at.title] == ["Accès non accordé"]
    assert "zoe@ailleurs" in at.warning[0].value
    assert "administrateur" in shown_text(at)
    assert [b.label for b in at.button] == ["Se déconnecter"]
    assert not any(name in shown_text(at) for name in PEOPLE)
    # The address of a page gives the same refusal.
    at.switch_page("app_pages/actors.py").run()
    assert [t.value for t in at.title] == ["Accès non accordé"]


def test_an_unverified_email_gets_no_role(store_path, provider):
    at = explorer(provider, signed_in("paul@agglo-exemple.fr", email_verified=False))
    assert [t.value for t in at.title] == ["Accès non accordé"]


def test_a_viewer_sees_pseudonyms_without_a_switch_and_cannot_edit(store_path, provider):
    before = (stored(store_path), SQLiteStore(store_path).revision)
    at = explorer(provider, signed_in("vera@ailleurs.fr", groups=["copil"]))
    assert not at.exception
    assert at.title[0].value == "Carte du réseau"
    assert any("Votre rôle (lecteur) permet de consulter" in i.value for i in at.info)
    toggle = at.sidebar.toggle(key="anonymise")
    assert toggle.value is True and toggle.disabled
    who = at.sidebar.caption[0].value
    assert "vera@ailleurs" in who and "lecteur" in who
    for page in ("fragility", "power", "engagement", "review"):
        at = open_page(at, page)
        assert not at.exception, page
        text = shown_text(at)
        assert not any(name in text for name in PEOPLE), page
        assert HOSTILE not in text, page
    # Review: no snapshot taken or restored by a viewer; the report is anonymised only.
    labels = [b.label for b in at.button]
    assert "Enregistrer la photo" not in labels and "Revenir à cette photo" not in labels
    report_switch = at.toggle(key="review:anonymise")
    assert report_switch.value is True and report_switch.disabled
    # The editing pages are not in a viewer's navigation (their addresses give the
    # refusal: see the browser test, AppTest cannot open a page by its address).
    for page in EDITING:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"app_pages/{page}.py")
    after = (stored(store_path), SQLiteStore(store_path).revision)
    assert after == before


def test_a_viewer_granted_names_sees_them_but_still_cannot_edit(store_path, provider):
    at = explorer(provider, signed_in("nina@copil-exemple.fr"))
    assert not at.exception
    assert not at.sidebar.toggle(key="anonymise").disabled
    at = open_page(at, "engagement")
    assert "Ana Martin" in shown_text(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/actors.py")


def test_an_editor_edits_and_the_change_names_them(store_path, provider):
    at = explorer(provider, signed_in("Eddy@Agglo-Exemple.fr"))
    assert not at.exception
    at = open_page(at, "actors")
    assert at.title[0].value == "Acteurs"
    at.selectbox(key="pick:actor").set_value("ben").run()
    form = "form:actor:ben:"
    key = next(w.key for w in at.text_input if w.key.startswith(form) and w.key.endswith(":role"))
    at.text_input(key=key).input("trésorier")
    next(b for b in at.button if b.label == "Enregistrer les modifications").click().run()
    assert not at.exception
    assert stored(store_path).actors["ben"].role == "trésorier"
    with SQLiteStore(store_path) as store:
        assert store.history(1)[0].author == "eddy@agglo-exemple.fr"
    # An editor does not restore snapshots: that is an admin's.
    at = open_page(at, "review")
    assert not any(e.label == "Revenir à une photo" for e in at.expander)


def test_an_admin_restores_and_is_named(store_path, provider):
    from ecomap.model import Actor

    with SQLiteStore(store_path) as store:
        store.snapshot_create("copil")
        store.upsert([Actor(id="zed", name="Zed", kind="person")], author="tests")
    at = explorer(provider, signed_in("ada@agglo-exemple.fr"))
    at = open_page(at, "review")
    at.selectbox(key="review:restore").set_value("copil")
    at.checkbox(key="review:restore_sure").check().run()
    at.button(key="review:restore_go").click().run()
    assert not at.exception and not at.error
    with SQLiteStore(store_path) as store:
        last = store.history(1)[0]
    assert (last.action, last.author) == ("restore", "ada@agglo-exemple.fr")
    assert "zed" not in stored(store_path).actors
