"""Who may do what on a shared map: roles from the signed-in person's email, its domain
or a group claim, and the rights that go with them (DESIGN §6 "Sign-in and roles").

- **viewer** reads the map; people appear under pseudonyms unless the person is granted
  ``names``; never writes, never downloads named data;
- **editor** also edits, imports, takes snapshots, exports (always sees names);
- **admin** also restores snapshots (and manages roles and campaigns).

The roles come from a mapping (the explorer reads it from the Streamlit secrets,
section ``[ecomap.roles]``)::

    admins = ["claire.martin@agglo-exemple.fr"]
    editors = ["@agglo-exemple.fr", "group:ecomap-editeurs"]
    viewers = ["@copil-exemple.fr"]
    names = ["elu.referent@copil-exemple.fr"]
    group_claim = "groups"      # the claim that lists the person's groups

An entry is an email (compared case-insensitively), ``@domain`` (the email's domain
exactly, not a subdomain) or ``group:NAME`` (NAME among the group claim's values). The
most powerful matching role wins; a person matching none has no role and is refused.

Rights are checked where data is written or leaves: :class:`GuardedStore` wraps a
store so that every write checks the role and carries the author, and
:meth:`Access.check` refuses a download of named data to a viewer.
"""

from __future__ import annotations

import getpass
import json
import os
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from ecomap.errors import EcomapError
from ecomap.i18n import say

__all__ = [
    "Role",
    "Right",
    "Access",
    "AccessDenied",
    "RolesConfig",
    "ConfigProblem",
    "SINGLE_USER",
    "roles_config",
    "role_for",
    "access_for",
    "auth_problems",
    "metadata_problem",
    "GuardedStore",
    "default_author",
]


class Role(IntEnum):
    """A role; a larger value is a more powerful role."""

    VIEWER = 1
    EDITOR = 2
    ADMIN = 3


class Right:
    """What a person may be refused, with the least role that grants it."""

    EDIT = "edit"  # change the map: edit, import, undo, take a snapshot
    EXPORT = "export"  # download named data (exports, a named report)
    RESTORE = "restore"  # bring the map back to a snapshot
    CAMPAIGN = "campaign"  # open or close a campaign, issue, revoke or export its links

    LEAST_ROLE = {EDIT: Role.EDITOR, EXPORT: Role.EDITOR, RESTORE: Role.ADMIN,
                  CAMPAIGN: Role.ADMIN}  # fmt: skip


MESSAGES = {
    "en": {
        "edit": "{who} may not change this map (role: {role}); ask the map's admin for the "
        "editor role.",
        "export": "{who} may not download the map's named data (role: {role}); ask the map's "
        "admin for the editor role.",
        "restore": "only an admin may bring the map back to a snapshot ({who}, role: {role}).",
        "campaign": "only an admin may open or close a campaign and issue, revoke or export "
        "its links ({who}, role: {role}).",
        "nobody": "someone who is not signed in",
        "none": "none",
        "viewer": "viewer",
        "editor": "editor",
        "admin": "admin",
    },
    "fr": {
        "edit": "{who} ne peut pas modifier cette carte (rôle : {role}) ; demandez le rôle "
        "d'éditeur à l'administrateur de la carte.",
        "export": "{who} ne peut pas télécharger les données nominatives de la carte (rôle : "
        "{role}) ; demandez le rôle d'éditeur à l'administrateur de la carte.",
        "restore": "seul un administrateur peut ramener la carte à une photo ({who}, rôle : "
        "{role}).",
        "campaign": "seul un administrateur peut ouvrir ou fermer une campagne et en créer, "
        "révoquer ou exporter les liens ({who}, rôle : {role}).",
        "nobody": "une personne non connectée",
        "none": "aucun",
        "viewer": "lecteur",
        "editor": "éditeur",
        "admin": "administrateur",
    },
}


class AccessDenied(EcomapError):
    """The signed-in person's role does not grant what was asked; nothing was done."""

    def __init__(self, access: Access, right: str, lang: str = "fr"):
        self.access, self.right = access, right
        role = say(MESSAGES, access.role.name.lower() if access.role else "none", lang)
        who = access.email or say(MESSAGES, "nobody", lang)
        super().__init__(say(MESSAGES, right, lang, who=who, role=role))


@dataclass(frozen=True)
class Access:
    """What one person may do: their email (None in single-user mode), role and grants.

    >>> Access("ana@agglo.fr", Role.VIEWER).allows(Right.EDIT)
    False
    >>> Access("ana@agglo.fr", Role.EDITOR).sees_names
    True
    """

    email: str | None
    role: Role | None
    names: bool = False

    @property
    def sees_names(self) -> bool:
        """People under their names (editors and admins, viewers granted ``names``)."""
        return self.role is not None and (self.role >= Role.EDITOR or self.names)

    def allows(self, right: str) -> bool:
        return self.role is not None and self.role >= Right.LEAST_ROLE[right]

    def check(self, right: str, lang: str = "fr") -> None:
        """Raise :class:`AccessDenied` unless this person has ``right``."""
        if not self.allows(right):
            raise AccessDenied(self, right, lang)


#: No sign-in configured: one person on their own computer, who may do everything.
SINGLE_USER = Access(email=None, role=Role.ADMIN, names=True)


@dataclass(frozen=True)
class ConfigProblem:
    """One thing to fix in the secrets: where (``[auth] cookie_secret``), what, a detail."""

    where: str
    code: str
    detail: str = ""


@dataclass(frozen=True)
class RolesConfig:
    """Who holds which role (entries: emails, ``@domain``, ``group:NAME``)."""

    admins: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    viewers: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    group_claim: str = "groups"
    problems: tuple[ConfigProblem, ...] = field(default=(), compare=False)


_LISTS = ("admins", "editors", "viewers", "names")


def _entry_problem(entry: Any) -> str | None:
    if not isinstance(entry, str) or not entry.strip():
        return "not_text"
    entry = entry.strip()
    if entry.lower().startswith("group:"):
        return None if entry[6:].strip() else "bad_entry"
    if entry.startswith("@"):
        return None if "." in entry[1:] and "@" not in entry[1:] else "bad_entry"
    local, at, domain = entry.rpartition("@")
    return None if at and local and domain and "." in domain else "bad_entry"


def roles_config(mapping: Mapping[str, Any] | None) -> RolesConfig:
    """The roles from the ``[ecomap.roles]`` mapping; what is wrong goes to ``problems``.

    >>> config = roles_config({"editors": ["@agglo.fr"], "viewers": ["group:copil"]})
    >>> config.editors, config.viewers, config.problems
    (('@agglo.fr',), ('group:copil',), ())
    >>> [p.code for p in roles_config({"editor": ["x@y.fr"], "admins": "x@y.fr"}).problems]
    ['unknown_key', 'not_a_list']
    """
    mapping = dict(mapping or {})
    problems: list[ConfigProblem] = []
    lists: dict[str, tuple[str, ...]] = {}
    for key in mapping:
        if key not in (*_LISTS, "group_claim"):
            problems.append(ConfigProblem(f"[ecomap.roles] {key}", "unknown_key"))
    for key in _LISTS:
        value = mapping.get(key, [])
        if isinstance(value, str) or not isinstance(value, Iterable):
            problems.append(ConfigProblem(f"[ecomap.roles] {key}", "not_a_list", str(value)))
            continue
        kept = []
        for entry in value:
            problem = _entry_problem(entry)
            if problem:
                problems.append(ConfigProblem(f"[ecomap.roles] {key}", problem, str(entry)))
            else:
                kept.append(entry.strip())
        lists[key] = tuple(kept)
    claim = mapping.get("group_claim", "groups")
    if not isinstance(claim, str) or not claim.strip():
        problems.append(ConfigProblem("[ecomap.roles] group_claim", "not_text", str(claim)))
        claim = "groups"
    return RolesConfig(**lists, group_claim=claim.strip(), problems=tuple(problems))


def _matches(entry: str, email: str | None, groups: frozenset[str]) -> bool:
    if entry.lower().startswith("group:"):
        return entry[6:].strip() in groups
    if not email:
        return False
    if entry.startswith("@"):
        return email.rpartition("@")[2] == entry[1:].lower()
    return email == entry.lower()


def _groups(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, Iterable):
        return frozenset(str(v) for v in value)
    return frozenset()


def role_for(config: RolesConfig, email: str | None, groups: Iterable[str] = ()) -> Role | None:
    """The most powerful role that one of the entries gives this person, or None.

    >>> config = roles_config({"editors": ["@agglo.fr"], "admins": ["Ana@Agglo.fr"]})
    >>> role_for(config, "ana@agglo.fr"), role_for(config, "bob@agglo.fr")
    (<Role.ADMIN: 3>, <Role.EDITOR: 2>)
    >>> role_for(config, "bob@sub.agglo.fr") is None
    True
    """
    email = email.strip().lower() if email else None
    found = frozenset(groups)
    for role, entries in ((Role.ADMIN, config.admins), (Role.EDITOR, config.editors),
                          (Role.VIEWER, config.viewers)):  # fmt: skip
        if any(_matches(entry, email, found) for entry in entries):
            return role
    return None


def access_for(config: RolesConfig, claims: Mapping[str, Any]) -> Access:
    """What the person of these identity claims (``st.user``) may do.

    The email counts only when the provider does not say it is unverified
    (``email_verified`` false): an unverified address could be anyone's.

    >>> config = roles_config({"viewers": ["group:copil"], "names": ["ana@agglo.fr"]})
    >>> access_for(config, {"email": "ana@agglo.fr", "groups": ["copil"]})
    Access(email='ana@agglo.fr', role=<Role.VIEWER: 1>, names=True)
    """
    email = claims.get("email")
    email = email.strip().lower() if isinstance(email, str) and email.strip() else None
    verified = claims.get("email_verified")
    trusted = email if verified is not False and str(verified).lower() != "false" else None
    groups = _groups(claims.get(config.group_claim))
    role = role_for(config, trusted, groups)
    names = role is not None and any(_matches(e, trusted, groups) for e in config.names)
    return Access(email=email, role=role, names=names)


# -- the sign-in configuration ([auth] of the Streamlit secrets) ------------------------

_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


def auth_problems(auth: Mapping[str, Any]) -> tuple[list[ConfigProblem], list[str]]:
    """What is missing from the ``[auth]`` secrets, and the providers it names.

    ``[auth]`` holds ``redirect_uri`` and ``cookie_secret``, and either one provider
    (``client_id``, ``client_secret``, ``server_metadata_url`` in ``[auth]`` itself,
    returned as the provider ``""``) or named ones (``[auth.keycloak]`` …).

    >>> auth_problems({"redirect_uri": "http://localhost:8501/oauth2callback"})[0][0]
    ConfigProblem(where='[auth] cookie_secret', code='missing', detail='')
    """
    problems: list[ConfigProblem] = []
    for key in ("redirect_uri", "cookie_secret"):
        if not str(auth.get(key) or "").strip():
            problems.append(ConfigProblem(f"[auth] {key}", "missing"))
    redirect = str(auth.get("redirect_uri") or "").strip()
    if redirect and not (redirect.startswith(("http://", "https://"))
                         and redirect.rstrip("/").endswith("/oauth2callback")):  # fmt: skip
        problems.append(ConfigProblem("[auth] redirect_uri", "bad_redirect", redirect))
    named = {k: v for k, v in auth.items() if isinstance(v, Mapping)}
    sections = dict(named)
    if not named or any(k in auth for k in _PROVIDER_KEYS):
        sections[""] = auth
    for name, section in sections.items():
        where = f"[auth.{name}]" if name else "[auth]"
        for key in _PROVIDER_KEYS:
            if not str(section.get(key) or "").strip():
                problems.append(ConfigProblem(f"{where} {key}", "missing"))
        url = str(section.get("server_metadata_url") or "").strip()
        if url and not url.startswith(("http://", "https://")):
            problems.append(ConfigProblem(f"{where} server_metadata_url", "bad_url", url))
    return problems, sorted(sections)


def metadata_problem(where: str, url: str, timeout: float = 5.0) -> ConfigProblem | None:
    """Whether the provider's discovery document answers and is one (None when it is)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:  # noqa: S310 - http(s) only
            document = json.loads(answer.read(1_000_000))
    except (OSError, urllib.error.URLError, ValueError) as error:
        return ConfigProblem(f"{where} server_metadata_url", "unreachable",
                             f"{url} ({type(error).__name__})")  # fmt: skip
    if not isinstance(document, dict) or not {"issuer", "authorization_endpoint"} <= set(document):
        return ConfigProblem(f"{where} server_metadata_url", "not_oidc", url)
    return None


# -- rights where the store is written ---------------------------------------------------


class GuardedStore:
    """A store seen through one person's rights: every write checks the role and carries
    an author (the person's email unless ``author`` says otherwise); reads pass through.

    >>> from ecomap.store.sqlite import SQLiteStore
    >>> store = GuardedStore(SQLiteStore(":memory:"), Access("ana@agglo.fr", Role.VIEWER))
    >>> store.snapshot_create("copil")
    Traceback (most recent call last):
    ...
    ecomap.access.AccessDenied: ana@agglo.fr ne peut pas modifier cette carte (rôle : lecteur) ; demandez le rôle d'éditeur à l'administrateur de la carte.
    """

    _WRITES = {
        "apply": Right.EDIT,
        "upsert": Right.EDIT,
        "delete": Right.EDIT,
        "import_map": Right.EDIT,
        "undo": Right.EDIT,
        "snapshot_create": Right.EDIT,
        "snapshot_restore": Right.RESTORE,
        # participatory collection (ecomap.collection); a respondent's answers are not
        # here: their personal link is their right, checked by the store as it saves.
        "campaign_create": Right.CAMPAIGN,
        "campaign_set_state": Right.CAMPAIGN,
        "campaign_issue_links": Right.CAMPAIGN,
        "campaign_revoke_links": Right.CAMPAIGN,
        "campaign_decide": Right.EDIT,
        "campaign_accept": Right.EDIT,
        # Saved views (ecomap.views.saved): editors change them, viewers open them.
        "save_view": Right.EDIT,
        "rename_view": Right.EDIT,
        "describe_view": Right.EDIT,
        "delete_view": Right.EDIT,
        "reorder_views": Right.EDIT,
    }
    _AUTHORED = {"apply", "upsert", "delete", "import_map", "undo", "snapshot_restore",
                 "campaign_create", "campaign_decide", "campaign_accept",
                 "save_view", "rename_view", "describe_view", "delete_view",
                 "reorder_views"}  # fmt: skip

    def __init__(self, store: Any, access: Access, lang: str = "fr", *, author: str | None = None):
        self._store, self.access, self._lang = store, access, lang
        self.author = author or access.email

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._store, name)
        right = self._WRITES.get(name)
        if right is None:
            return attribute

        def checked(*args: Any, **kwargs: Any) -> Any:
            self.access.check(right, self._lang)
            if name in self._AUTHORED and self.author and not kwargs.get("author"):
                kwargs["author"] = self.author
            return attribute(*args, **kwargs)

        return checked


def default_author() -> str | None:
    """Who makes a change from the command line: ``ECOMAP_AUTHOR``, else the system user."""
    chosen = os.environ.get("ECOMAP_AUTHOR", "").strip()
    if chosen:
        return chosen
    try:
        return getpass.getuser() or None
    except (KeyError, OSError):  # no user name for this uid (a bare container)
        return None
