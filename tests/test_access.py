"""Roles and rights (ecomap.access): who gets which role from the secrets, what each may
do, and the store seen through a person's rights."""

from __future__ import annotations

import pytest

from ecomap.access import (
    SINGLE_USER,
    Access,
    AccessDenied,
    GuardedStore,
    Right,
    Role,
    access_for,
    auth_problems,
    default_author,
    metadata_problem,
    role_for,
    roles_config,
)
from ecomap.model import Actor, RecordKind
from ecomap.store.sqlite import SQLiteStore

CONFIG = roles_config(
    {
        "admins": ["Claire.Martin@Agglo-Exemple.fr"],
        "editors": ["@agglo-exemple.fr", "group:ecomap-editeurs"],
        "viewers": ["@copil-exemple.fr", "group:copil"],
        "names": ["elu@copil-exemple.fr", "group:elus"],
    }
)


@pytest.mark.parametrize(
    ("email", "groups", "role"),
    [
        ("claire.martin@agglo-exemple.fr", [], Role.ADMIN),  # case-insensitive email
        ("CLAIRE.MARTIN@AGGLO-EXEMPLE.FR", [], Role.ADMIN),
        ("paul@agglo-exemple.fr", [], Role.EDITOR),  # the domain
        ("Paul@Agglo-Exemple.FR", [], Role.EDITOR),
        ("paul@sub.agglo-exemple.fr", [], None),  # a subdomain is another domain
        ("paul@agglo-exemple.fr.evil.com", [], None),
        ("paul@evilagglo-exemple.fr", [], None),  # the domain must match whole
        ("agglo-exemple.fr@evil.com", [], None),
        ("anne@copil-exemple.fr", [], Role.VIEWER),
        ("anne@copil-exemple.fr", ["ecomap-editeurs"], Role.EDITOR),  # most powerful wins
        ("x@ailleurs.fr", ["copil"], Role.VIEWER),  # by group claim alone
        ("x@ailleurs.fr", ["Copil"], None),  # group names are exact
        ("x@ailleurs.fr", [], None),  # no match: no role
        (None, [], None),
    ],
)
def test_the_most_powerful_matching_role(email, groups, role):
    assert role_for(CONFIG, email, groups) == role


def test_an_admin_listed_also_as_editor_and_viewer_is_admin():
    config = roles_config({"viewers": ["a@b.fr"], "editors": ["a@b.fr"], "admins": ["@b.fr"]})
    assert role_for(config, "a@b.fr") is Role.ADMIN


def test_access_from_claims_names_grant_and_group_claim_name():
    config = roles_config({"viewers": ["group:copil"], "names": ["group:elus"],
                           "group_claim": "roles"})  # fmt: skip
    named = access_for(config, {"email": "a@b.fr", "roles": ["copil", "elus"]})
    assert named == Access("a@b.fr", Role.VIEWER, names=True)
    assert named.sees_names
    plain = access_for(config, {"email": "a@b.fr", "roles": ["copil"], "groups": ["elus"]})
    assert plain == Access("a@b.fr", Role.VIEWER, names=False)
    assert not plain.sees_names
    # One group as a plain string is still a group.
    assert access_for(config, {"email": "a@b.fr", "roles": "copil"}).role is Role.VIEWER


def test_names_alone_gives_no_role():
    config = roles_config({"names": ["a@b.fr"]})
    found = access_for(config, {"email": "a@b.fr"})
    assert found.role is None and not found.names and not found.sees_names


def test_an_unverified_email_gives_no_role():
    assert (
        access_for(CONFIG, {"email": "paul@agglo-exemple.fr", "email_verified": False}).role is None
    )
    assert (
        access_for(CONFIG, {"email": "paul@agglo-exemple.fr", "email_verified": True}).role
        is Role.EDITOR
    )


def test_rights_per_role():
    viewer, editor, admin = (Access("a@b.fr", r) for r in Role)
    nobody = Access("a@b.fr", None)
    assert [a.allows(Right.EDIT) for a in (nobody, viewer, editor, admin)] == [
        False,
        False,
        True,
        True,
    ]
    assert [a.allows(Right.EXPORT) for a in (nobody, viewer, editor, admin)] == [
        False,
        False,
        True,
        True,
    ]
    assert [a.allows(Right.RESTORE) for a in (nobody, viewer, editor, admin)] == [
        False,
        False,
        False,
        True,
    ]
    assert editor.sees_names and not viewer.sees_names and not nobody.sees_names
    assert SINGLE_USER.allows(Right.RESTORE) and SINGLE_USER.sees_names
    with pytest.raises(AccessDenied, match="a@b.fr ne peut pas modifier"):
        viewer.check(Right.EDIT)
    with pytest.raises(AccessDenied, match="may not download"):
        viewer.check(Right.EXPORT, "en")


def test_roles_config_says_everything_wrong_at_once():
    config = roles_config({"admins": "a@b.fr", "editors": ["@", "bob", "group:", 3, "ok@b.fr"],
                           "editor": ["x@y.fr"], "group_claim": ""})  # fmt: skip
    found = sorted((p.where, p.code, p.detail) for p in config.problems)
    assert found == [
        ("[ecomap.roles] admins", "not_a_list", "a@b.fr"),
        ("[ecomap.roles] editor", "unknown_key", ""),
        ("[ecomap.roles] editors", "bad_entry", "@"),
        ("[ecomap.roles] editors", "bad_entry", "bob"),
        ("[ecomap.roles] editors", "bad_entry", "group:"),
        ("[ecomap.roles] editors", "not_text", "3"),
        ("[ecomap.roles] group_claim", "not_text", ""),
    ]
    assert config.editors == ("ok@b.fr",)
    assert roles_config(None).problems == ()


GOOD_AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "s3cr3t-long-enough",
    "client_id": "ecomap",
    "client_secret": "x",
    "server_metadata_url": "https://id.example.fr/.well-known/openid-configuration",
}


def test_auth_configuration_checks():
    assert auth_problems(GOOD_AUTH) == ([], [""])
    problems, _ = auth_problems({**GOOD_AUTH, "client_secret": "", "cookie_secret": None})
    assert [(p.where, p.code) for p in problems] == [
        ("[auth] cookie_secret", "missing"),
        ("[auth] client_secret", "missing"),
    ]
    named = {"redirect_uri": GOOD_AUTH["redirect_uri"], "cookie_secret": "s",
             "keycloak": {"client_id": "e", "server_metadata_url": "keycloak.local"}}  # fmt: skip
    problems, providers = auth_problems(named)
    assert providers == ["keycloak"]
    assert [(p.where, p.code) for p in problems] == [
        ("[auth.keycloak] client_secret", "missing"),
        ("[auth.keycloak] server_metadata_url", "bad_url"),
    ]
    problems, _ = auth_problems({**GOOD_AUTH, "redirect_uri": "http://localhost:8501/"})
    assert [p.code for p in problems] == ["bad_redirect"]


def test_metadata_of_a_provider_that_does_not_answer(tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    found = metadata_problem("[auth]", f"http://127.0.0.1:{port}/.well-known/openid-configuration",
                             timeout=2)  # fmt: skip
    assert found is not None and found.code == "unreachable"
    assert found.where == "[auth] server_metadata_url"
    page = tmp_path / "not-oidc.json"
    page.write_text('{"hello": 1}')
    assert metadata_problem("[auth]", page.as_uri()).code == "not_oidc"
    page.write_text('{"issuer": "x", "authorization_endpoint": "y"}')
    assert metadata_problem("[auth]", page.as_uri()) is None


def actor(id_: str, name: str) -> Actor:
    return Actor(id=id_, name=name, kind="person")


def test_a_viewer_cannot_write_anything_and_the_store_is_unchanged():
    with SQLiteStore(":memory:") as raw:
        raw.upsert([actor("a", "Ana")], author="setup")
        raw.snapshot_create("copil")
        before = (raw.revision, raw.load(), len(raw.history(None)), len(raw.snapshot_list()))
        viewer = GuardedStore(raw, Access("v@b.fr", Role.VIEWER))
        writes = [
            lambda: viewer.apply([actor("b", "Bob")]),
            lambda: viewer.upsert([actor("b", "Bob")]),
            lambda: viewer.delete([(RecordKind.ACTOR, "a")]),
            lambda: viewer.import_map(raw.load(), replace=True),
            lambda: viewer.undo(),
            lambda: viewer.snapshot_create("mine"),
            lambda: viewer.snapshot_restore("copil"),
        ]
        for write in writes:
            with pytest.raises(AccessDenied):
                write()
        after = (raw.revision, raw.load(), len(raw.history(None)), len(raw.snapshot_list()))
        assert after == before
        # Reading goes through.
        assert viewer.load().actors["a"].name == "Ana"
        assert viewer.snapshot_load("copil").actors["a"].name == "Ana"


def test_an_editor_writes_as_themself_and_only_an_admin_restores():
    with SQLiteStore(":memory:") as raw:
        raw.upsert([actor("a", "Ana")], author="setup")
        raw.snapshot_create("copil")
        editor = GuardedStore(raw, Access("ed@b.fr", Role.EDITOR))
        editor.upsert([actor("b", "Bob")])
        assert raw.history(1)[0].author == "ed@b.fr"
        editor.undo()
        assert raw.history(1)[0].author == "ed@b.fr"
        with pytest.raises(AccessDenied, match="seul un administrateur"):
            editor.snapshot_restore("copil")
        admin = GuardedStore(raw, Access("ad@b.fr", Role.ADMIN))
        admin.upsert([actor("c", "Chloé")])
        assert admin.snapshot_restore("copil") is not None
        assert raw.history(1)[0].author == "ad@b.fr"
        assert set(raw.load().actors) == {"a"}
        # Single-user: the author given by the app (the system user).
        GuardedStore(raw, SINGLE_USER, author="agent").upsert([actor("d", "Dan")])
        assert raw.history(1)[0].author == "agent"


def test_default_author(monkeypatch):
    monkeypatch.setenv("ECOMAP_AUTHOR", "  claire@agglo.fr ")
    assert default_author() == "claire@agglo.fr"
    monkeypatch.delenv("ECOMAP_AUTHOR")
    monkeypatch.setattr("getpass.getuser", lambda: "agent")
    assert default_author() == "agent"
