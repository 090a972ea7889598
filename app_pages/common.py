"""What every page of the explorer shares: the session, the store, the cached map and
analysis results, the interface's words, and a few small widgets.

Caching happens only here, at the boundaries:

- the store is opened once per process with ``st.cache_resource`` (keyed by its spec);
- the loaded map, its graph, its anonymised view and its names are held once per
  process with ``st.cache_resource`` and every session gets the very same objects
  (never a copy: pages only read them), keyed by the store's location and
  ``store.revision`` — any edit, from this app, the command line or another user,
  makes a new revision and so a new entry; when a newer revision is seen the older
  one's entries are dropped, so memory comes back;
- analysis results are shared the same way, keyed by the map's
  :func:`~ecomap.graph.analysis_fingerprint` (what the analyses read), so an edit
  that cannot change a result — a note, a tag — recomputes nothing; the results of a
  fingerprint no current revision has are dropped.

A session holds only its own choices (language, date, filters, open forms).

Every page reads the map through :func:`current_map` / :func:`current_graph`: the one
place where a transformation of what is shown (an anonymised view, for instance)
belongs.
"""

from __future__ import annotations

import importlib
import logging
import math
import os
import re
import threading
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from ecomap import glossary, settings
from ecomap.access import SINGLE_USER, Access, AccessDenied, GuardedStore, Right, default_author
from ecomap.analysis.reasons import in_words
from ecomap.error_text import in_language
from ecomap.errors import ConflictError, EcomapError, Issue, UnreadableRecord
from ecomap.graph import ANALYSED_FIELDS, analysis_fingerprint, to_graph
from ecomap.i18n import integer, number
from ecomap.i18n import label as enum_label
from ecomap.model import Ecosystem, RecordKind
from ecomap.privacy import Anonymiser, people_ever_stored
from ecomap.store import Store, is_neo4j_uri, open_store, store_spec
from ecomap.ui_text import COLUMN_TERMS, TEXT, change_text, text

if TYPE_CHECKING:  # pandas is imported by the tables that use it: the map page has none,
    import pandas as pd  # and a new viewer's first page need not wait for it

MAP_PAGE = "app_pages/map.py"
CARD_PAGE = "app_pages/card.py"
_log = logging.getLogger("ecomap.app")


# -- session -----------------------------------------------------------------------------


def _secrets(section: str) -> dict[str, Any]:
    try:
        return dict(st.secrets.get(section) or {})
    except FileNotFoundError:  # no secrets file, or one that cannot be read
        return {}


def secrets_section(section: str) -> dict[str, Any]:
    """One section of the Streamlit secrets (empty when there is none)."""
    return _secrets(section)


# -- who is using the explorer (roles: ecomap.access; sign-in: app_pages/signin.py) ------


#: What a thread working in the background for a session knows of it (its rights and
#: language, taken when the thread starts): it never reads the session's state, which
#: belongs to the session's own runs.
_BACKGROUND = threading.local()


def set_access(access: Access) -> None:
    """Who this run serves: set by ``app.py`` from the sign-in, before any page runs."""
    st.session_state["_access"] = access


def access() -> Access:
    """The rights of the person using this session.

    Without a sign-in configured (no ``[auth]`` in the secrets) the explorer is one
    person's tool: every right. With one, nobody has a right until ``app.py`` says who
    signed in.
    """
    found = getattr(_BACKGROUND, "access", None) or st.session_state.get("_access")
    if isinstance(found, Access):
        return found
    return SINGLE_USER if not _secrets("auth") else Access(email=None, role=None)


def allowed(right: str) -> bool:
    return access().allows(right)


def permitted(right: str) -> bool:
    """Whether this person has ``right``; if not, the refusal is said on the page."""
    try:
        access().check(right, lang())
    except AccessDenied as error:
        st.error(str(error), icon=":material/block:")
        return False
    return True


def read_only_setting() -> bool:
    """Read-only when ``ECOMAP_READ_ONLY`` is set true, or secrets say ``[ecomap] read_only``.

    A value that is not a yes or a no stops the explorer with one clear error: read-only
    never fails open.
    """
    try:
        return settings.read_only_setting(secret=_secrets("ecomap").get("read_only"))
    except settings.SettingError as exc:
        st.error(said(exc), icon=":material/error:")
        st.stop()


def remember(*keys: str) -> None:
    """Keep these widgets' values when the user goes to another page and comes back.

    Streamlit forgets the value of a widget that a run does not draw (another page was
    shown, or the page was switched from code); a copy under ``kept:<key>`` brings it
    back. Call before drawing the widgets.
    """
    for key in keys:
        kept = f"kept:{key}"
        if key in st.session_state:
            st.session_state[kept] = st.session_state[key]
        elif kept in st.session_state:
            st.session_state[key] = st.session_state[kept]


def init_session() -> None:
    """Session defaults: French, today's date, read-only from the deployment's settings."""
    remember("lang", "as_of", "anonymise")
    st.session_state.setdefault("lang", "fr")
    st.session_state.setdefault("as_of", date.today())
    # Read-only is decided by whoever deploys the app, never by a widget.
    st.session_state["read_only"] = read_only_setting()


def lang() -> str:
    return getattr(_BACKGROUND, "lang", None) or st.session_state.get("lang", "fr")


def said(error: BaseException) -> str:
    """An error's message in the session's language (the library writes its own in English)."""
    return in_language(str(error), lang())


def t(key: str, **values: Any) -> str:
    """The interface's word for ``key`` in the session's language."""
    return text(key, lang(), **values)


def summary_of(change) -> str:
    """A change's summary in the session's language (the store writes its own in English)."""
    return change_text(change.summary, lang())


def tx(key: str, **values: Any) -> str:
    """:func:`t` for places that render Markdown (titles, captions, alerts, buttons):
    user-written values (names, summaries, file names) are escaped, so a name holding
    ``**`` or ``[link](…)`` shows as typed."""
    return t(key, **{k: plain(v) if isinstance(v, str) else v for k, v in values.items()})


def count(n: int) -> str:
    """A whole number as the session's language writes it (``9 850`` in French)."""
    return integer(n, lang())


def label(value: Any) -> str:
    """An enum value as users read it (``driver`` → "moteur" in French)."""
    return enum_label(value, lang())


def words():
    """:func:`t` bound to this run's language: safe inside a widget's ``format_func``,
    which Streamlit may call outside the run."""
    current = lang()
    return lambda key, **values: text(key, current, **values)


def labeller():
    """:func:`label` bound to this run's language (for ``format_func``); blank → "—"."""
    current = lang()
    return lambda value: enum_label(value, current) if value else "—"


def read_only() -> bool:
    """No editing: set by the deployment, for a person whose role does not edit, or while
    people are shown under pseudonyms (their ids are pseudonymous then, so an edit could
    not be saved)."""
    return (
        bool(st.session_state.get("read_only"))
        or bool(st.session_state.get("anonymise"))
        or not allowed(Right.EDIT)
    )


def as_of() -> date:
    return st.session_state.get("as_of") or date.today()


# -- the store ---------------------------------------------------------------------------


def store_settings() -> tuple[str, dict[str, str]]:
    """The store spec and its options: ``ECOMAP_STORE``, else secrets, else the default file.

    Secrets: ``[ecomap] store = "path or URI"``, or ``[neo4j] uri``, ``user``,
    ``password``, ``database``.
    """
    ecomap, neo4j = _secrets("ecomap"), _secrets("neo4j")
    spec = (
        os.environ.get("ECOMAP_STORE")
        or str(ecomap.get("store") or "")
        or str(neo4j.get("uri") or "")
        or store_spec(None)
    )
    options = {}
    if is_neo4j_uri(spec):
        options = {k: str(neo4j[k]) for k in ("user", "password", "database") if neo4j.get(k)}
    return spec, options


def _scrub(message: str, options: dict[str, str]) -> str:
    """A message without credentials: no password, no ``user:password@`` in a URI."""
    message = re.sub(r"://[^/\s@]+@", "://", message)
    secret = options.get("password")
    if secret:
        message = message.replace(secret, "••••")
    return message


def _shown_spec(spec: str) -> str:
    return re.sub(r"://[^/\s@]+@", "://", spec)


@st.cache_resource(show_spinner=False)
def _open_store(spec: str, options: tuple[tuple[str, str], ...]) -> Store:
    return open_store(spec, **dict(options))


def _store_failed(error: Exception, spec: str, options: dict[str, str]) -> None:
    _log.warning("store %s unavailable: %s", _shown_spec(spec), type(error).__name__)
    why = _scrub(said(error), options) if isinstance(error, EcomapError) else type(error).__name__
    st.error(tx("store_unavailable", where=_shown_spec(spec), why=why), icon=":material/error:")
    st.info(t("store_how"))
    st.stop()


def store() -> Store:
    """The opened store, seen through this person's rights (every write is checked and
    signed with their email, :class:`~ecomap.access.GuardedStore`); on failure, a clear
    message on the page and the page stops."""
    spec, options = store_settings()
    try:
        opened = _open_store(spec, tuple(sorted(options.items())))
        who = access()
        return GuardedStore(opened, who, lang(), author=who.email or default_author())
    except Exception as error:  # noqa: BLE001 - any failure becomes a message, never a traceback
        _store_failed(error, spec, options)
        raise  # st.stop() above ends the run; this line only satisfies type checkers


def guarded(call, /, *args, **kwargs):
    """Run a store call; turn a lost connection into a message instead of a traceback."""
    try:
        return call(*args, **kwargs)
    except EcomapError:
        raise
    except Exception as error:  # noqa: BLE001
        spec, options = store_settings()
        _store_failed(error, spec, options)
        raise


def location() -> str:
    return store().location or _shown_spec(store_settings()[0])


def revision() -> int:
    s = store()
    try:
        return s.revision
    except Exception as error:  # noqa: BLE001
        spec, options = store_settings()
        _store_failed(error, spec, options)
        raise


# -- one copy per revision, shared by every session --------------------------------------
#
# The map, its graph, the anonymised view, the names and the analysis results are made
# once per store revision in this process and every session gets the very same object
# (``st.cache_resource``): nothing is copied per viewer. They are read-only — a page
# that needs to change something copies the small part it changes. When a store shows a
# newer revision, the entries of its older revisions are dropped at once (not only when
# ``max_entries`` pushes them out), and the analysis results of a fingerprint no
# current revision has, so their memory comes back.

_SHARED = threading.Lock()
#: Store location → the newest revision this process has seen of it.
_NEWEST: dict[str, int] = {}
#: (location, revision) → the entries made for it: (cached function, other arguments).
_MADE: dict[tuple[str, int], list[tuple[Any, tuple]]] = {}
#: Analysis fingerprint → the arguments (after the fingerprint) of each result cached.
_RESULTS: dict[str, list[tuple]] = {}
#: (location, pseudonyms' language or None) → the fingerprint of its newest revision.
_CURRENT: dict[tuple[str, str | None], str] = {}


def made(function, where: str, at: int, *rest: Any) -> None:
    """Remember an entry of the cached ``function`` just made for revision ``at`` of the
    store ``where``, so that it is dropped when a newer revision is seen. Called from the
    cached function's body (which runs only when the entry is made), with the same
    arguments, ``where`` and ``at`` first."""
    with _SHARED:
        _MADE.setdefault((where, at), []).append((function, rest))


def _see(where: str, at: int) -> None:
    """The store ``where`` is at revision ``at``: drop what older revisions left."""
    with _SHARED:
        newest = _NEWEST[where] = max(at, _NEWEST.get(where, at))
        stale = [key for key in _MADE if key[0] == where and key[1] < newest]
        dropped = [(key, _MADE.pop(key)) for key in stale]
    for (place, old), entries in dropped:
        for function, rest in entries:
            function.clear(place, old, *rest)


def _current_fingerprint(where: str, at: int, anonymous: str | None, fingerprint: str) -> None:
    """The fingerprint of a revision: when it is the newest revision's and differs from
    the one before, the results of the one before are dropped (unless another store or
    language still has it)."""
    with _SHARED:
        if at < _NEWEST.get(where, at):
            return
        before = _CURRENT.get((where, anonymous))
        _CURRENT[(where, anonymous)] = fingerprint
        if before is None or before in _CURRENT.values():
            return
        results = _RESULTS.pop(before, [])
    for rest in results:
        _analysis_result.clear(before, *rest, None, 0)


def shared_revisions() -> dict[tuple[str, int], set[str]]:
    """What this process holds: (location, revision) → the kinds of shared entries made."""
    with _SHARED:
        return {
            key: {getattr(f, "__name__", repr(f)) for f, _ in entries}
            for key, entries in _MADE.items()
        }


def _ready(function, where: str, at: int, *rest: Any) -> bool:
    """Whether the shared entry of ``function`` for these arguments is made (or being
    made by another session) while nothing is made in the background for this store:
    no progress indicator is needed to read it."""
    with _SHARED:
        return (function, rest) in _MADE.get((where, at), ()) and ("map", where) not in _WARMING


def _result_ready(fingerprint: str, *key: Any) -> bool:
    """Whether the analysis result of these arguments is made (see :func:`_ready`)."""
    with _SHARED:
        return key in _RESULTS.get(fingerprint, ()) and (fingerprint, key) not in _WARMING


def working(message: str):
    """A progress indicator while something long is made: the message and the seconds
    spent, shown after half a second (nothing flashes for quick work) and gone when done.
    What the page drew before stays on screen."""
    return st.spinner(message, show_time=True)


@st.cache_resource(max_entries=4, show_spinner=False)
def _snapshot(where: str, at: int) -> tuple[Ecosystem, Mapping[tuple[str, str], int | None]]:
    """The map at revision ``at`` and the version of each record, read consistently.

    After a few small changes (an edit of a note, a form saved) the previous revision's
    map is patched with the changed records read from the change log (:func:`_patched`)
    instead of the whole map being read again."""
    made(_snapshot, where, at)
    s = store()
    patched = _patched(s, where, at)
    if patched is not None:
        return patched
    before, eco, versions = s.load_versioned()
    shown = MappingProxyType({(k.value, key): v for (k, key), v in versions.items()})
    with _SHARED:
        _LAST[where] = (before, eco, shown)
    return eco, shown


# -- an edit of a few records: the previous revision patched -----------------------------
#
# Reading a 10,000-actor map again takes seconds; an edit usually touches one record. The
# newest map made is kept per store (the very object the cache holds, so no copy), and a
# newer revision made of at most PATCH_CHANGES changes of at most PATCH_RECORDS records
# in all is that map with the records of those changes, read from the change log — the
# same records a full read gives (each change's "after" is the record as stored). When
# no change touched a field the analyses read (``ANALYSED_FIELDS``: a note, a tag, a
# position), the analysis fingerprint is the previous one, known without building the
# graph: the analysis pages show the shared results at once.

#: Most changes, and most records in them, patched in rather than the map read again.
PATCH_CHANGES = 20
PATCH_RECORDS = 2_000
#: Store location → (revision, map, versions) of the newest map made.
_LAST: dict[str, tuple[int, Ecosystem, Mapping[tuple[str, str], int | None]]] = {}
#: (location, revision) → (the revision patched, whether no analysed field changed).
_PATCHED: dict[tuple[str, int], tuple[int, bool]] = {}
#: (location, revision) → the analysis fingerprint of its named map.
_FINGERPRINTS: dict[tuple[str, int], str] = {}


def _patched(s: Store, where: str, at: int):
    """The map at ``at`` as the newest map made plus the changes since, or None when it
    is not a few small changes away (or anything in them cannot be read: a full read
    then says what)."""
    from ecomap.store.sqlite import _record  # the stored form of a record → the record

    with _SHARED:
        last = _LAST.get(where)
    if last is None or not last[0] < at <= last[0] + PATCH_CHANGES:
        return None
    since, old, old_versions = last
    try:
        listed = sorted(c.id for c in s.history(at - since + 5, items=False) if since < c.id <= at)
        if listed != list(range(since + 1, at + 1)):
            return None
        changes = [s.change(number) for number in listed]
        if any(c is None for c in changes) or sum(len(c.items) for c in changes) > PATCH_RECORDS:
            return None
        eco = Ecosystem(actors=dict(old.actors), stakes=dict(old.stakes),
                        spaces=dict(old.spaces), relations=dict(old.relations))  # fmt: skip
        versions = dict(old_versions)
        touched, analysed_same = {}, True
        for change in changes:
            for item in change.items:
                table = eco.records(item.kind)
                if item.after is None:
                    table.pop(item.key, None)
                else:
                    table[item.key] = _record(item.kind, item.after, item.key)
                touched[(item.kind, item.key)] = None
                fields = ANALYSED_FIELDS[item.kind.value]
                analysed_same = analysed_same and (
                    item.before is not None and item.after is not None
                    and all(item.before.get(f) == item.after.get(f) for f in fields)
                )  # fmt: skip
        for (kind, key), version in s.versions(list(touched)).items():
            if version is None:
                versions.pop((kind.value, key), None)
            else:
                versions[(kind.value, key)] = version
    except Exception:  # noqa: BLE001 - a full read of the map follows, and says what failed
        _log.info("revision %s of %s read whole instead of patched", at, _shown_spec(where))
        return None
    shown = MappingProxyType(versions)
    with _SHARED:
        _LAST[where] = (at, eco, shown)
        _PATCHED[(where, at)] = (since, analysed_same)
        for key in [k for k in _PATCHED if k[0] == where and k[1] < since]:
            del _PATCHED[key]
    return eco, shown


def _carried_fingerprint(where: str, at: int) -> str | None:
    """The fingerprint of the named map at ``at`` when it is known without the graph:
    the revision it was patched from had it, and no analysed field changed since."""
    with _SHARED:
        patch = _PATCHED.get((where, at))
        if patch is None or not patch[1]:
            return None
        return _FINGERPRINTS.get((where, patch[0]))


@st.cache_resource(max_entries=8, show_spinner=False)
def _hider(where: str, at: int, anonymous: str) -> Anonymiser:
    """What anonymises the map at revision ``at`` (pseudonyms in a language), with the
    store's secret pseudonym key, hiding every person the store ever held (a name can
    outlive its person in a note or a change's summary); shared by every session."""
    made(_hider, where, at, anonymous)
    s = store()
    return Anonymiser(_snapshot(where, at)[0], key=s.pseudonym_key(), lang=anonymous,
                      also=(people_ever_stored(s),))  # fmt: skip


@st.cache_resource(max_entries=8, show_spinner=False)
def _shown_map(where: str, at: int, anonymous: str | None) -> Ecosystem:
    """The map as pages show it: as stored (the snapshot's own object), or a separate
    anonymised copy with pseudonyms in a language."""
    made(_shown_map, where, at, anonymous)
    eco = _snapshot(where, at)[0]
    return _hider(where, at, anonymous).ecosystem(eco) if anonymous else eco


@st.cache_resource(max_entries=8, show_spinner=False)
def _graph(where: str, at: int, anonymous: str | None = None):
    """The shown map as a graph (read-only: analyses and pages never change it)."""
    made(_graph, where, at, anonymous)
    return to_graph(_shown_map(where, at, anonymous))


@st.cache_resource(max_entries=8, show_spinner=False)
def _names(where: str, at: int, anonymous: str | None) -> Mapping[str, str]:
    made(_names, where, at, anonymous)
    eco = _shown_map(where, at, anonymous)
    tables = (eco.actors, eco.stakes, eco.spaces)
    return MappingProxyType({n: r.name for table in tables for n, r in table.items()})


def anonymised() -> str | None:
    """The pseudonyms' language when the anonymised view is on (always, for a person not
    granted names), else None."""
    hidden = st.session_state.get("anonymise") or not access().sees_names
    return lang() if hidden else None


def hider() -> Anonymiser | None:
    """What anonymises this run's map (None when the anonymised view is off).

    Pages that show more than the map — the change log, snapshots, a comparison — clear
    their texts with it (:meth:`~ecomap.privacy.Anonymiser.text`) and show record keys
    as the anonymised map has them (:meth:`~ecomap.privacy.Anonymiser.record_key`).
    """
    anonymous = anonymised()
    if not anonymous:
        return None
    return guarded(_hider, *run_key(), anonymous)


def begin_run() -> tuple[str, int]:
    """Read the store's location and revision once at the start of a run.

    Every read of this run then sees the same revision of the map. A change written
    during the run is followed by ``st.rerun()``, which reads the new revision. A
    revision newer than any seen before drops what older ones left in memory; once the
    page is drawn, ``app.py`` starts computing the analyses the pages open with in the
    background (:func:`warm_up`).
    """
    key = st.session_state["_run"] = (location(), revision())
    _see(*key)
    return key


def run_key() -> tuple[str, int]:
    """``(location, revision)`` of the map this run shows."""
    return st.session_state.get("_run") or begin_run()


def _shared(load, *more: Any):
    """The shared value for this run's revision (the session keeps no copy of its own).

    While it is made (the first session to need it after an edit or a start), the page
    says what it is doing (:func:`working`)."""
    try:
        if _ready(load, *run_key(), *more):
            return load(*run_key(), *more)
        with working(t("working_map", where=location())):
            return load(*run_key(), *more)
    except UnreadableRecord as error:
        # A record this version cannot read: the message says which and what to do.
        spec, options = store_settings()
        why = _scrub(said(error), options)
        st.error(tx("store_unavailable", where=_shown_spec(spec), why=why), icon=":material/error:")
        st.stop()
        raise  # st.stop() above ends the run


def superseded(where: str, at: int) -> bool:
    """Whether a revision newer than ``at`` of the store ``where`` has been seen."""
    with _SHARED:
        return _NEWEST.get(where, at) > at


def prepare() -> None:
    """Make, in the background, what the map page shows a new viewer first (the map,
    its graph, its first picture: :func:`app_pages.drawing.prepare`), as soon as the
    explorer starts (``app_pages/streamlit_run.py``). A page that needs it meanwhile
    waits for it with its progress message. Nothing is shown or written: a failure is
    left for the page to say."""
    from app_pages import drawing  # it reads this module: imported late

    before = (getattr(_BACKGROUND, "access", None), getattr(_BACKGROUND, "lang", None))
    _BACKGROUND.access, _BACKGROUND.lang = Access(email=None, role=None), "fr"
    try:
        where, at = location(), revision()
        _see(where, at)
        step = ("map", where)
        with _SHARED:
            _WARMING.append(step)
        try:
            drawing.prepare(where, at, "fr", date.today())
        finally:
            with _SHARED:
                _WARMING.remove(step)
    except (Exception, ScriptControlException):  # noqa: BLE001 - the first page reads the
        # store again and says what failed (a message meant for a page: nobody to see it)
        _log.info("the first page not made in advance", exc_info=True)
    finally:
        _BACKGROUND.access, _BACKGROUND.lang = before


def current_map() -> Ecosystem:
    """The map as it is in the store now (one copy per revision, shared by every
    session: never change it), anonymised when asked."""
    return _shared(_shown_map, anonymised())


def current_graph():
    """The map as a graph (:func:`ecomap.graph.to_graph`), shared like :func:`current_map`."""
    return _shared(_graph, anonymised())


def versions() -> Mapping[tuple[str, str], int | None]:
    """``(kind, key)`` → the version each record had when the current map was read."""
    return _shared(_snapshot)[1]


def names() -> Mapping[str, str]:
    """Node id → its name, for every actor, stake and space (read-only)."""
    return _shared(_names, anonymised())


def fingerprint_at_hand(where: str, at: int, anonymous: str | None) -> bool:
    """Whether the analysis fingerprint of revision ``at`` is made, being made, or carried
    from the revision before (then it costs nothing): otherwise reading it means hashing
    the whole map (0.3–0.4 s at 10,000 actors)."""
    with _SHARED:
        if (_fingerprint, (anonymous,)) in _MADE.get((where, at), ()):
            return True
    return not anonymous and _carried_fingerprint(where, at) is not None


@st.cache_resource(max_entries=8, show_spinner=False)
def _fingerprint(where: str, at: int, anonymous: str | None) -> str:
    made(_fingerprint, where, at, anonymous)
    carried = None if anonymous else _carried_fingerprint(where, at)
    fingerprint = carried or analysis_fingerprint(_graph(where, at, anonymous))
    if not anonymous:
        with _SHARED:
            _FINGERPRINTS[(where, at)] = fingerprint
            for key in [k for k in _FINGERPRINTS if k[0] == where and k[1] < at - PATCH_CHANGES]:
                del _FINGERPRINTS[key]
    _current_fingerprint(where, at, anonymous, fingerprint)
    return fingerprint


@st.cache_resource(max_entries=64, show_spinner=False)
def _analysis_result(
    fingerprint: str,
    module: str,
    function: str,
    args: tuple,
    params: dict[str, Any],
    anonymous: str | None,
    _where: str | None,
    _at: int,
) -> Any:
    # Keyed on the fingerprint, not the revision: an edit the analyses do not read (a
    # note, a tag, who reported a relation) keeps every result. ``_where`` and ``_at``
    # (not hashed) say where to read the map when the result must be computed. One
    # result for every session: pages read it and never change it.
    with _SHARED:
        _RESULTS.setdefault(fingerprint, []).append((module, function, args, params, anonymous))
    if (module, function) in CODED and "words" not in params:
        # Every reason in words (the map's overlays ask so): the shared result with its
        # reasons as codes, put into words — not a second computation.
        codes = _analysis_result(fingerprint, module, function, args,
                                 {**params, "words": False}, anonymous, _where, _at)  # fmt: skip
        return in_words(codes, params.get("lang", "en"))
    G = _graph(_where, _at, anonymous)
    run = getattr(importlib.import_module(f"ecomap.analysis.{module}"), function)
    if (module, function) == ("fragility", "key_people") and "links" not in params:
        # The key people are read off the links between organisations, as ``analyse``
        # does: the shared result, not a second computation of every link.
        links = _analysis_result(fingerprint, "fragility", "fragile_links", (), params,
                                 anonymous, _where, _at)  # fmt: skip
        params = {**params, "links": links}
    return run(G, *args, **params)


def _analysis(
    where: str,
    at: int,
    module: str,
    function: str,
    args: tuple,
    params: dict[str, Any],
    anonymous: str | None = None,
) -> Any:
    """An analysis of the map at revision ``at``, cached by what the analyses read."""
    fingerprint = _fingerprint(where, at, anonymous)
    return _analysis_result(fingerprint, module, function, args, params, anonymous,
                            _where=where, _at=at)  # fmt: skip


#: The analyses whose results the explorer keeps with their reasons as codes
#: (:class:`~ecomap.analysis.reasons.Reason`, ``words=False``): putting every reason of
#: a large map into words takes seconds (1.2 s for Passerelles at 10,000 actors), and a
#: page shows a few hundred rows. :func:`results` puts into words the rows it shows,
#: the card its findings (:func:`~ecomap.views.card.actor_card`).
CODED = frozenset({
    ("fragility", "fragile_links"), ("fragility", "key_people"), ("power", "imbalances"),
    ("power", "power_interest"), ("bridges", "bridges"), ("health", "health"),
    ("facilitation", "facilitators_for_tensions"),
})  # fmt: skip


def asked(module: str, function: str, params: dict[str, Any], day: date,
          current: str) -> dict[str, Any]:  # fmt: skip
    """The choices of an analysis as the explorer asks for it (and keeps it): with the
    date and language, and its reasons as codes where :data:`CODED` says so."""
    params = {**params, "as_of": day, "lang": current}
    if (module, function) in CODED:
        params["words"] = False
    return params


def analysis(module: str, function: str, *args: Any, **params: Any) -> Any:
    """An analysis result for the current map, date and language (cached per revision).

    The analyses of :data:`CODED` keep their reasons as codes: what shows a reason puts
    it into words (:func:`results` and :func:`reasons_list` do).

    A refusal of the analysis (``ValueError``, e.g. an unknown actor) is shown as a
    warning and gives None; any other failure is shown as an error without traceback.
    """
    params = asked(module, function, params, as_of(), lang())
    try:
        where, at = run_key()
        anonymous = anonymised()
        if _ready(_fingerprint, where, at, anonymous):
            fingerprint = _fingerprint(where, at, anonymous)
        else:
            current_map()  # read first, with its own progress indicator
            with working(t("working_graph", n=len(current_map().actors))):
                fingerprint = _fingerprint(where, at, anonymous)
        key = (module, function, args, params, anonymous)
        if _result_ready(fingerprint, *key):
            return _analysis_result(fingerprint, *key, _where=where, _at=at)
        with working(t("working_analysis", n=len(current_map().actors))):
            return _analysis_result(fingerprint, *key, _where=where, _at=at)
    except (ValueError, EcomapError) as error:
        st.warning(said(error), icon=":material/warning:")
    except Exception:  # noqa: BLE001 - logged for the maintainers, told in words to the user
        _log.exception("analysis %s.%s failed", module, function)
        st.error(t("analysis_failed"), icon=":material/error:")
    return None


# -- shared widgets ----------------------------------------------------------------------


def page_header(title_key: str, intro_key: str | None = None) -> None:
    st.title(t(title_key))
    if intro_key:
        st.caption(t(intro_key))
    if read_only() and not allowed(Right.EDIT):
        from app_pages.signin import role_notice  # signin reads this module: import late

        st.info(role_notice(), icon=":material/visibility:")
    elif read_only():
        st.info(t("read_only_page"), icon=":material/visibility:")


def show_on_map(actor_id: str, *, key: str, caption: str | None = None) -> None:
    """A button that opens the map page centred on ``actor_id``."""
    shown = caption or tx("show_named", name=names().get(actor_id, actor_id))
    if st.button(shown, key=key, icon=":material/hub:"):
        st.session_state["focus"] = actor_id
        st.switch_page(MAP_PAGE, query_params={"acteur": actor_id})


def open_card(actor_id: str, *, key: str, caption: str | None = None) -> None:
    """A button that opens the card of ``actor_id`` (``?fiche=id``)."""
    shown = caption or tx("card_open", name=names().get(actor_id, actor_id))
    if st.button(shown, key=key, icon=":material/badge:"):
        st.session_state["card"] = actor_id
        st.switch_page(CARD_PAGE, query_params={"fiche": actor_id})


def actor_choice(
    label_text: str,
    *,
    key: str,
    kinds: tuple[str, ...] | None = None,
    multiple: bool = False,
    default: Any = None,
    placeholder: str | None = None,
):
    """A searchable pick of actors (by name), returning ids.

    On a map of more than :data:`PICK_IN_PLACE` actors the pick is a button showing
    what is chosen, which opens the list: the list is made only while it is open (the
    browser spends over a second drawing a list of 10,000 names, on every page that
    holds one, even if nobody opens it)."""
    current_map()  # read first, with its own progress indicator
    ids, shown = _actor_options(*run_key(), anonymised(), kinds)
    if len(ids) <= PICK_IN_PLACE:
        return _actor_list(label_text, ids, shown, key=key, multiple=multiple,
                           default=default, placeholder=placeholder)  # fmt: skip
    remember(key)  # the list is not drawn while closed: its value is kept meanwhile
    chosen = st.session_state.get(key, default or [] if multiple else default)
    if multiple:
        chosen = [i for i in chosen or [] if i in shown]
        names = [shown[i] for i in chosen]
        what = ", ".join(names[:3]) + (f" (+{len(names) - 3})" if len(names) > 3 else "")
    else:
        chosen = chosen if chosen in shown else None
        what = shown[chosen] if chosen is not None else ""
    label_shown = tx("pick_chosen", label=label_text, chosen=what) if what else label_text
    box = st.popover(label_shown, key=f"{key}:open", on_change="rerun",
                     icon=":material/search:", help=t("pick_help", n=count(len(ids))))  # fmt: skip
    if not box.open:
        return chosen
    with box:
        # A value kept in the session is the list's own (a default as well would be
        # refused by Streamlit with a warning).
        kept = key in st.session_state
        return _actor_list(label_text, ids, shown, key=key, multiple=multiple,
                           default=None if kept else chosen, placeholder=placeholder)  # fmt: skip


def _actor_list(label_text: str, ids: tuple[str, ...], shown: Mapping[str, str], *, key: str,
                multiple: bool, default: Any, placeholder: str | None):  # fmt: skip
    if multiple:
        return st.multiselect(label_text, ids, default=default or [], key=key,
                              format_func=lambda i: shown.get(i, i),
                              placeholder=placeholder or t("choose_actors"))  # fmt: skip
    index = ids.index(default) if default in ids else None
    return st.selectbox(label_text, ids, index=index, key=key,
                        format_func=lambda i: shown.get(i, i),
                        placeholder=placeholder or t("choose_actor"))  # fmt: skip


#: Largest map whose actor picks are lists drawn in place (see :func:`actor_choice`).
PICK_IN_PLACE = 1_000


@st.cache_resource(max_entries=16, show_spinner=False)
def _actor_options(where: str, at: int, anonymous: str | None,
                   kinds: tuple[str, ...] | None) -> tuple[tuple[str, ...], Mapping[str, str]]:  # fmt: skip
    """The actors of these kinds sorted by name, and their names: made once per revision
    and shared (sorting 10,000 names on every run of a page cost as much as drawing it)."""
    made(_actor_options, where, at, anonymous, kinds)
    eco = _shown_map(where, at, anonymous)
    options = sorted(
        (a for a in eco.actors.values() if kinds is None or a.kind.value in kinds),
        key=lambda a: a.name.casefold(),
    )
    return tuple(a.id for a in options), MappingProxyType({a.id: a.name for a in options})


#: Tables longer than this show their numbers as Streamlit does (a styled table is
#: rendered cell by cell, too slow for a very large map).
STYLED_ROWS = 2_000


def _cell_text(value: Any, current: str) -> str:
    """A table cell as the language writes it: ``47,3``, ``9 850``, ``oui``; empty as ""."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return text("yes" if value else "no", current)
    if isinstance(value, int):
        return integer(value, current)
    if isinstance(value, float):
        return number(value, current)
    return str(value)


def table(frame: pd.DataFrame, **options: Any) -> Any:
    """``st.dataframe`` with numbers written the session's way and empty cells empty.

    The cells keep their numbers (a column sorts as numbers); only what is shown is
    written per language, through a pandas Styler. Returns what ``st.dataframe`` returns
    (the selection, when ``on_select`` is given).
    """
    options.setdefault("hide_index", True)
    options.setdefault("width", "stretch")
    if len(frame) <= STYLED_ROWS:
        current = lang()
        shown = frame.style.format(lambda v: _cell_text(v, current))
    else:
        shown = frame.astype(object).where(frame.notna(), "")
    return st.dataframe(shown, **options)


def column_header(key: str, term: str | None = None) -> tuple[str, Any]:
    """A result column's header and its configuration: the plain name of the indicator
    with its explanation, scale, technical term and reference as the tooltip."""
    if term is None and key in COLUMN_TERMS:
        term, unit = COLUMN_TERMS[key]
    else:
        unit = ""
    if term is None:
        return t(key), None
    current = lang()
    shown = glossary.name(term, current) + unit
    return shown, st.column_config.Column(shown, help=glossary.help_text(term, current))


def issues_table(issues: list[Issue]) -> None:
    """Problems found in an input, as a table: file, line, column, value, message."""
    rows = [
        {
            t("col_file"): i.file,
            t("col_line"): i.line,
            t("col_column"): i.column or "",
            t("col_value"): "" if i.value is None else str(i.value),
            t("col_message"): i.message,
        }
        for i in issues
    ]
    import pandas as pd

    table(pd.DataFrame(rows))


def results(
    records: list[dict[str, Any]] | None,
    columns: list[tuple[str, Any]],
    *,
    key: str,
    title,
    actors,
    empty: str = "no_results",
) -> dict[str, Any] | None:
    """Analysis results: a table with their reasons, then one result in detail — its
    reasons, one per line, and buttons that open the map on the actors concerned.

    ``columns``: (text key of the header, record → cell), or (key, cell, glossary key)
    where the key alone does not say which indicator it is (a "score"); an indicator's
    column is headed by its plain name, with its explanation as the tooltip.
    ``title``: record → the line that names it in the picker; ``actors``: record → the
    actor ids to link. Returns the result shown in detail.
    """
    if records is None:
        return None
    if not records:
        st.info(t(empty), icon=":material/info:")
        return None
    current = lang()
    # The rows shown, their reasons (kept as codes, see CODED) in words.
    records = [in_words(r, current) for r in rows_shown(records, key)]
    headers, config = [], {}
    for header, _cell, *term in columns:
        shown, column = column_header(header, term[0] if term else None)
        headers.append(shown)
        if column is not None:
            config[shown] = column
    reasons = t("col_reasons")
    import pandas as pd

    frame = pd.DataFrame(
        [
            {**{h: cell(r) for h, (_, cell, *_) in zip(headers, columns, strict=True)},
             reasons: " ; ".join(r.get("reasons") or [])}
            for r in records
        ]
    )  # fmt: skip
    picked = table(frame, column_config=config, key=f"{key}:table",
                   height=min(420, 40 + 35 * len(frame)), on_select="rerun",
                   selection_mode="single-row")  # fmt: skip
    # Clicking a row shows it in detail below, with the buttons to its actors' cards.
    rows = list(getattr(getattr(picked, "selection", None), "rows", None) or [])
    if rows and rows[0] < len(records) and st.session_state.get(f"{key}:row") != rows[0]:
        st.session_state[f"{key}:row"] = st.session_state[key] = rows[0]
    titles = [title(r) for r in records]
    index = st.selectbox(t("detail_pick"), range(len(records)), key=key,
                         format_func=titles.__getitem__)  # fmt: skip
    record = records[index or 0]
    with st.container(border=True):
        st.markdown(f"**{plain(titles[index or 0])}**")
        reasons_list(record.get("reasons") or [])
        eco = current_map()
        linked = [a for a in dict.fromkeys(actors(record)) if eco.node(a) is not None][:4]
        if linked:
            for column, actor in zip(st.columns(len(linked)), linked, strict=True):
                named = eco.node(actor).name
                with column:
                    show_on_map(actor, key=f"{key}:map:{actor}",
                                caption=tx("show_named", name=named))  # fmt: skip
                    if actor in eco.actors:
                        open_card(actor, key=f"{key}:card:{actor}",
                                  caption=tx("card_open", name=named))  # fmt: skip
    return record


def tabs(labels: list[str], *, key: str) -> list[Any]:
    """Tabs whose content is made only when open: ``with tab: if tab.open: ...``.

    Streamlit otherwise runs and sends every tab's content on every run of the page,
    the hidden ones included (on a map of 10,000 actors, a chart of every actor and
    tables waiting for analyses nobody looked at). Opening another tab runs the page
    again, with that tab's content; the tab open is kept while the person stays on the
    page (under ``key``)."""
    return list(st.tabs(labels, key=key, on_change="rerun"))


#: Rows a result table shows at first. The analyses list their results most telling
#: first, and a table of 10,000 rows with their reasons costs seconds to build and to
#: send on every run of the page: beyond this a switch shows them all.
SHOWN_ROWS = 200


def rows_shown(records: list, key: str) -> list:
    """The first :data:`SHOWN_ROWS` records, or all of them when the person asks (a
    switch under the table's key, kept while they stay on the page)."""
    if len(records) <= SHOWN_ROWS:
        return records
    everything = st.toggle(t("rows_show_all", n=len(records)), key=f"{key}:all")
    if everything:
        return records
    st.caption(t("rows_shown", shown=SHOWN_ROWS, n=len(records)))
    picked = st.session_state.get(key)
    if isinstance(picked, int) and picked >= SHOWN_ROWS:
        # The row shown in detail is beyond the first ones: start again from the top.
        st.session_state[key] = 0
    return records[:SHOWN_ROWS]


def reasons_list(reasons: list) -> None:
    """An analysis result's reasons, one per line (codes put into words)."""
    worded = in_words(list(reasons), lang())
    st.markdown("\n".join(f"- {_md(r)}" for r in worded) or "—")


def _md(value: str) -> str:
    """Plain text safe inside Markdown: user-written names may hold Markdown or HTML."""
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~$])", r"\\\1", str(value))


def plain(value: Any) -> str:
    """Any user-written value, escaped for ``st.markdown``."""
    return _md("" if value is None else str(value))


def last_change_to_undo():
    """The change :meth:`Store.undo` would revert next, or None."""
    for change in guarded(store().history, 50, items=False):
        if change.action != "undo" and change.undone_by is None:
            return change
    return None


def undo_panel(*, key: str) -> None:
    """The last change and a button to undo it (press again to go further back)."""
    if read_only():
        return
    change = last_change_to_undo()
    with st.container(border=True):
        if change is None:
            st.caption(t("undo_nothing"))
            return
        when = change.at.astimezone().strftime("%d/%m/%Y %H:%M")
        st.caption(tx("undo_last", summary=summary_of(change), when=when))
        if st.button(t("undo_button"), key=key, icon=":material/undo:"):
            done = guarded(store().undo)
            if done is not None:
                st.session_state["flash"] = tx("undone", summary=summary_of(change))
                forget_open_edits()
            st.rerun()


def flash() -> None:
    """Show (once) the message left by the action that triggered this run."""
    message = st.session_state.pop("flash", None)
    if message:
        st.success(message, icon=":material/check_circle:")


def forget_open_edits() -> None:
    """Drop every table and form opened for editing so they show the store's values."""
    for key in [k for k in st.session_state if str(k).startswith(("opened:", "editor:", "form:"))]:
        del st.session_state[key]


def as_of_from(text_value: str) -> date:
    return date.fromisoformat(text_value)


def has_text(key: str) -> bool:
    return key in TEXT["en"]


def apply_change(upserts=(), deletes=(), *, expected, summary: str, action: str = "upsert"):
    """Write one change; a stale edit or a refusal is told in words. True when written."""
    try:
        change = guarded(store().apply, list(upserts), list(deletes), action=action,
                         summary=summary, expected=expected)  # fmt: skip
    except ConflictError as error:
        shown = names()
        who = ", ".join(shown.get(k, k) for k in error.keys) or said(error)
        st.error(tx("conflict", who=who), icon=":material/sync_problem:")
        return False
    except EcomapError as error:
        st.error(tx("store_refused", why=said(error)), icon=":material/error:")
        return False
    st.session_state["flash"] = tx("saved", summary=summary) if change else t("nothing_changed")
    forget_open_edits()
    return True


def save_positions(positions: dict[str, tuple[float, float] | None]) -> None:
    """Keep node positions as the custom fields ``x`` and ``y`` (None forgets them)."""
    eco, read = current_map(), versions()
    updated, expected = [], {}
    for node, where in positions.items():
        record = eco.node(node)
        if record is None:
            continue
        extra = {k: v for k, v in record.extra.items() if k not in ("x", "y")}
        if where is not None:
            extra.update(x=f"{where[0]:.0f}", y=f"{where[1]:.0f}")
        if extra == record.extra:
            continue
        updated.append(record.model_copy(update={"extra": extra}))
        kind = (RecordKind.ACTOR if node in eco.actors else
                RecordKind.STAKE if node in eco.stakes else RecordKind.SPACE)  # fmt: skip
        expected[(kind, node)] = read.get((kind.value, node))
    summary = t("layout_saved_summary" if any(positions.values()) else "layout_forgot_summary",
                n=len(updated))  # fmt: skip
    if apply_change(updated, expected=expected, summary=summary):
        st.rerun()


def opened_store() -> Store:
    """The store itself, not seen through anyone's rights: for the respondent's page,
    where the personal link is the right (checked by :mod:`ecomap.collection` and by the
    store as it saves). Raises whatever opening it raised: that page says it in words
    that name no store."""
    spec, options = store_settings()
    return _open_store(spec, tuple(sorted(options.items())))


# -- the analyses made before anyone asks -------------------------------------------------
#
# The first visit of an analysis page after an edit or a start would compute its analyses
# while the person waits (seconds on a map of 10,000 actors). As soon as a session sees a
# revision, one background thread per revision makes the map, its graph and the analyses
# every page opens with (their default choices, in that session's language and date), in
# the menu's order, so that first visits find them made. A page asking for a result being
# made waits for it (one computation per result: Streamlit's cache lets one caller make
# an entry and the others wait) and says so (:func:`working`). The thread stops when a
# newer revision is seen. Python threads share one interpreter: while it works, pages
# drawn meanwhile are slower, which is why it works only once per revision.

#: (module, function, arguments after the graph, choices) of the results the pages open
#: with, in the order they are made: first what each page's first view needs, in the
#: menu's order (Territoire, Fragilité, Rapports de force, Passerelles, Enjeux et
#: tensions, Engagement, Santé, Tiers neutres, Niveaux), so that a person going through
#: the menu finds each page's first table made; then what the pages' other tabs and the
#: actor card read (the card asks for the very same choices as the pages,
#: :data:`app_pages.card.CHOICES`); after them the committee page's first comparison
#: (:mod:`app_pages.comparison`). ``None`` as the module: the charts' library imported.
WARM: tuple[tuple[str | None, str, tuple, dict[str, Any]], ...] = (
    ("territories", "territories", (), {}),
    ("fragility", "fragile_links", (), {}),
    ("power", "imbalances", (), {}),
    ("bridges", "bridges", (), {"groups": "organisation"}),
    ("stakes", "stakes", (), {}),
    ("engagement", "engagement", (), {"overload_threshold": 11.0, "steps": 2}),
    (None, "ecomap.views.charts", (), {}),
    ("health", "health", (), {}),
    ("facilitation", "facilitators_for_tensions", (), {}),
    ("facilitation", "space_audit", (), {}),
    ("levels", "levels", (), {}),
    ("fragility", "key_people", (), {}),
    ("power", "power_interest", (), {"focal_stake": None}),
    ("stakes", "latent_tensions", (), {}),
    ("stakes", "untapped_cooperation", (), {}),
    ("stakes", "tension_opportunities", (), {}),
)
#: Set False to make nothing in the background (tests that count computations).
WARM_UP = True
#: What a warm-up thread makes now: ("map", location) for the map and its graph, or
#: (fingerprint, result's key) for an analysis.
_WARMING: list[tuple] = []
#: (location, revision, pseudonyms' language, language, date) warmed or being warmed.
_WARMED: set[tuple] = set()


def warm_up() -> None:
    """Start making this run's revision's analyses in the background, once per revision,
    pseudonyms, language and date."""
    if not WARM_UP:
        return
    from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

    where, at = st.session_state["_run"]
    key = (where, at, anonymised(), lang(), as_of())
    with _SHARED:
        if key in _WARMED or at < _NEWEST.get(where, at):
            return
        for old in [k for k in _WARMED if k[0] == where and k[1] < at]:
            _WARMED.discard(old)
        _WARMED.add(key)
    thread = threading.Thread(target=_warm, args=(*key, access()), name="ecomap-warm-up",
                              daemon=True)  # fmt: skip
    # The thread reads the store as this session may (its rights, its language), taken
    # now: it never reads the session's state (see _BACKGROUND).
    add_script_run_ctx(thread, get_script_run_ctx())
    thread.start()


def _warm(where: str, at: int, anonymous: str | None, current: str, day: date,
          who: Access) -> None:  # fmt: skip
    _BACKGROUND.access, _BACKGROUND.lang = who, current
    try:
        _warm_all(where, at, anonymous, current, day)
    except ScriptControlException:  # a message meant for a page (st.stop): nobody to see it
        _log.info("revision %s of %s not made in advance", at, _shown_spec(where))


def _warm_all(where: str, at: int, anonymous: str | None, current: str, day: date) -> None:
    def making(what: tuple):
        with _SHARED:
            _WARMING.append(what)
        return what

    def made_(what: tuple) -> None:
        with _SHARED:
            if what in _WARMING:
                _WARMING.remove(what)

    try:
        step = making(("map", where))
        try:
            _names(where, at, anonymous)
            fingerprint = _fingerprint(where, at, anonymous)
        finally:
            made_(step)
        for module, function, args, choices in WARM:
            if superseded(where, at):
                return
            if module is None:
                try:
                    importlib.import_module(function)  # once per process: seconds under load
                except Exception:  # noqa: BLE001 - the page importing it will say what failed
                    _log.info("%s not imported in advance", function, exc_info=True)
                continue
            params = asked(module, function, choices, day, current)
            step = making((fingerprint, (module, function, args, params, anonymous)))
            try:
                _analysis_result(fingerprint, module, function, args, params, anonymous,
                                 _where=where, _at=at)  # fmt: skip
            except Exception:  # noqa: BLE001 - the page asking for it will say what failed
                _log.info("analysis %s.%s not made in advance", module, function, exc_info=True)
            finally:
                made_(step)
        if superseded(where, at) or (not anonymous and _carried_fingerprint(where, at) is not None):
            # After an edit no analysis reads (a note), the committee page compares at
            # its visit: the comparison would otherwise run beside every page drawn
            # after each such edit.
            return
        try:
            from app_pages import comparison  # it reads this module: imported late

            step = making(("compare", where))
            try:
                comparison.warm(where, at, anonymous, current, day)
            finally:
                made_(step)
        except Exception:  # noqa: BLE001 - the committee page will say what failed
            _log.info("the committee's comparison not made in advance", exc_info=True)
    except Exception:  # noqa: BLE001 - the map itself: the page reading it says what failed
        _log.info("revision %s of %s not made in advance", at, _shown_spec(where), exc_info=True)
