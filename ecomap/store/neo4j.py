"""The Neo4j store: the same map, change log and snapshots, on a Neo4j 5 server.

:class:`Neo4jStore` offers the :class:`~ecomap.store.base.Store` interface for maps
shared by several teams. It runs only the statements of the ``cypher/`` folder
(:mod:`ecomap.cypher`): every value is a ``$parameter`` and every label or relationship
type comes from the enums of :mod:`ecomap.model`.

Graph shape
-----------
Actors are ``:Actor`` nodes with one more label for their kind (``:Person``,
``:Organisation``, ``:Institution``), stakes ``:Stake``, spaces ``:Space``; each node
holds its fields as properties, its custom fields as one JSON ``extra`` property and
its ``version``. Relations are relationships typed from
:data:`ecomap.model.NEO4J_RELATIONSHIP` (``MEMBER_OF``, ``HAS_STAKE``…), holding their
fields, ``key`` (the relation's identity) and ``version``. The change log is one
``:EcomapChange`` node per change, snapshots ``:EcomapSnapshot`` nodes, and one
``:EcomapMeta`` node counts the changes and serialises writers; one ``:EcomapStore``
node holds the store's own settings (the pseudonym key). ``cypher/README.md``
describes the shape in full, with analysis queries to paste into Neo4j Browser.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace as _with
from datetime import UTC, datetime
from enum import Enum
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit, urlunsplit

from neo4j import GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    ConstraintError,
    DatabaseUnavailable,
    DriverError,
    Forbidden,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from pydantic import ValidationError

from ecomap.cypher import ECOMAP_LABELS, NODE_LABEL, endpoint_kind, statement
from ecomap.errors import ConflictError, StoreError, StoreUnavailable, UnreadableRecord
from ecomap.model import (
    NEO4J_RELATIONSHIP,
    Actor,
    ActorKind,
    Ecosystem,
    RecordKind,
    Relation,
    RelationType,
    Space,
    Stake,
)
from ecomap.store.base import (
    Change,
    ChangeItem,
    Record,
    RecordRef,
    SnapshotInfo,
    Store,
    change_summary,
    check_revision,
    diff_records,
    import_snapshot_name,
    prepare_change,
    quoted_refs,
    ref_of,
)

__all__ = ["Neo4jStore", "BATCH_SIZE", "CONNECTION_TIMEOUT", "SCHEMA_VERSION", "URI_SHAPE"]

#: Version of the graph's layout, kept in ``schema_version`` on the database's
#: ``(:EcomapStore {key: "store"})`` node (cypher/check_store_version.cypher). A map
#: whose version is higher was written by a newer ecomap and is refused.
#: 2: the nodes of participatory collection (campaigns, links, answers, decisions).
SCHEMA_VERSION = 2
_STORE_KEY = "store"

#: Rows sent per ``UNWIND $rows`` statement. Neo4j's own default batch for
#: ``CALL … IN TRANSACTIONS``; a batch of records is a few hundred kilobytes of Bolt
#: message and of query memory, and a 100,000-record import is about a hundred
#: statements (round trips) inside its one transaction.
BATCH_SIZE = 1000
#: Seconds a command waits for Neo4j before saying it cannot reach it. It bounds the
#: TCP connection, and also the acquisition of a connection from the pool, which
#: includes the TLS and Bolt handshakes: a server that accepts the connection and never
#: answers (a stopped process behind a proxy, a firewall that swallows packets) would
#: otherwise hold a command for the driver's default 60 s. Retries of a transaction
#: after a transient failure stop after the same time.
CONNECTION_TIMEOUT = 10.0

log = logging.getLogger(__name__)

_META = "ecomap"  # id of the :EcomapMeta node of the map
_UNDO = "undo"
_MODELS: dict[RecordKind, type[Record]] = {
    RecordKind.ACTOR: Actor,
    RecordKind.STAKE: Stake,
    RecordKind.SPACE: Space,
    RecordKind.RELATION: Relation,
}
_KIND_OF_LABEL = {label: kind for kind, label in NODE_LABEL.items()}
_TYPE_OF = {name: rtype for rtype, name in NEO4J_RELATIONSHIP.items()}
_UPSERT_NODES = {
    RecordKind.ACTOR: "upsert_actors",
    RecordKind.STAKE: "upsert_stakes",
    RecordKind.SPACE: "upsert_spaces",
}
_SCHEMA = (
    "actor_id_unique",
    "stake_id_unique",
    "space_id_unique",
    "change_id_unique",
    "snapshot_name_unique",
    "meta_id_unique",
    "store_key_unique",
    "relation_key_index",
)
_SCHEMA_WORK = "create ecomap's constraints and indexes"
# Codes of a server that stopped a transaction for taking too long or too much memory.
_TIMEOUTS = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    "Neo.TransientError.Transaction.LockAcquisitionTimeout",
)
_MEMORY = ("MemoryLimit", "OutOfMemory", "MemoryPool")
_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
_T = TypeVar("_T")


class _Secret:
    """A password that never shows itself (repr, str, logs)."""

    __slots__ = ("_value",)

    def __init__(self, value: str | None):
        self._value = value or None

    def __repr__(self) -> str:
        return "'***'" if self._value else "None"

    __str__ = __repr__

    def __bool__(self) -> bool:
        return self._value is not None

    def scrub(self, text: str) -> str:
        """``text`` with the password, if it were in it, replaced by ***."""
        return text.replace(self._value, "***") if self._value else text


class _StaleRows(Exception):
    """A batch found fewer nodes than it was sent: the map changed under the change."""


#: The shape of a Neo4j address, said whenever a URI is not one.
URI_SHAPE = (
    "write it as neo4j://host:7687 (a server or a cluster), bolt://host:7687 (one "
    "server) or, with TLS (Neo4j Aura), neo4j+s://host"
)
_USERINFO = re.compile(r"(?<=//)[^/?#]*@")


def _unusable_address(uri: str) -> StoreUnavailable:
    """The error for a URI that is not a Neo4j address; credentials in it are not shown.

    >>> print(_unusable_address("neo4j://ann:s3cret@[::1"))  # doctest: +ELLIPSIS
    cannot use neo4j://[::1 as a Neo4j address: write it as neo4j://host:7687...
    """
    shown = _USERINFO.sub("", uri.strip())
    return StoreUnavailable(f"cannot use {shown} as a Neo4j address: {URI_SHAPE}")


def _split_uri(uri: str) -> tuple[str, str | None, str | None]:
    """The URI without ``user:password@``, and that user and password.

    >>> _split_uri("neo4j+s://ann:s3cret@db.example.org:7687?policy=eu")
    ('neo4j+s://db.example.org:7687?policy=eu', 'ann', 's3cret')

    Raises
    ------
    StoreUnavailable
        When ``uri`` cannot be parsed as a URI (an unclosed ``[`` of an IPv6 host),
        saying which shape is expected.
    """
    try:
        parts = urlsplit(uri.strip())
    except ValueError:
        raise _unusable_address(uri) from None
    if "@" not in parts.netloc:
        return urlunsplit(parts), None, None
    userinfo, _, host = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    bare = urlunsplit(parts._replace(netloc=host))
    return bare, unquote(user) or None, unquote(password) or None


def _valid_address(address: str) -> bool:
    """A Bolt URI the driver accepts: a known scheme, a host, a numeric port if any.

    >>> _valid_address("neo4j+s://x.databases.neo4j.io"), _valid_address("neo4j://h:port")
    (True, False)
    """
    parts = urlsplit(address)
    try:
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError:
        return False
    return parts.scheme.lower() in _SCHEMES and bool(parts.hostname)


def _now() -> datetime:
    return datetime.now(UTC)


def _native(value: Any) -> Any:
    """A value read from Neo4j as Python has it (neo4j.time types to datetime/date)."""
    to_native = getattr(value, "to_native", None)
    return to_native() if to_native is not None else value


def _batches(rows: list[_T], size: int) -> Iterator[list[_T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _relation_types(key: str) -> tuple[RelationType, ...]:
    """The types a relation with this key may have: the key names it unless it is an id."""
    if key.startswith("id:"):
        return tuple(RelationType)
    try:
        return (RelationType(json.loads(key)[0]),)
    except (ValueError, TypeError, IndexError, KeyError):
        return ()


# -- records ⇄ properties -------------------------------------------------------------
def _properties(record: Record, version: int) -> dict[str, Any]:
    """A record's Neo4j properties: its fields (enums as text, dates as dates), JSON
    ``extra``, ``version``, and for a relation its ``key`` (source, target and type are
    the relationship's ends and type)."""
    props: dict[str, Any] = {}
    for name in type(record).model_fields:
        if name == "extra" or (isinstance(record, Relation) and name in _ENDS):
            continue
        value = getattr(record, name)
        if value is None or value == []:
            continue
        props[name] = value.value if isinstance(value, Enum) else value
    if record.extra:
        props["extra"] = json.dumps(record.extra, ensure_ascii=False, sort_keys=True)
    if isinstance(record, Relation):
        props["key"] = record.key
    props["version"] = version
    return props


_ENDS = frozenset({"source", "target", "type"})
_OWN = frozenset({"version", "key", "extra"})


def _from_exchange(kind: RecordKind, data: Mapping[str, Any]) -> Record:
    """The record whose exchange form (:meth:`~ecomap.model.Actor.record`) is ``data``."""
    model = _MODELS[kind]
    fields = {k: v for k, v in data.items() if k in model.model_fields and k != "extra"}
    extra = {k: str(v) for k, v in data.items() if k not in model.model_fields}
    return model.model_validate({**fields, "extra": extra})


class Neo4jStore(Store):
    """A map kept in a Neo4j 5 database.

    Parameters
    ----------
    uri : str
        ``neo4j://host:7687`` (routing: a cluster or a single server),
        ``bolt://host:7687`` (one server), or their TLS forms ``neo4j+s://`` (Neo4j
        Aura) and ``bolt+s://``; ``+ssc`` accepts a self-signed certificate. A
        ``user:password@`` in the URI is taken as credentials and removed from it.
    user, password : str, optional
        Credentials; else the URI's, else ``$NEO4J_USER`` (or ``$NEO4J_USERNAME``, as
        in Aura's credentials file) and ``$NEO4J_PASSWORD``. With a password and no
        user, the user is ``neo4j``. With no password, no credentials are sent (a
        server with authentication disabled).
    database : str, optional
        Else ``$NEO4J_DATABASE``, else the server's default database.
    batch_size : int
        Rows per ``UNWIND`` statement (:data:`BATCH_SIZE`).
    driver : neo4j.Driver, optional
        An open driver to use instead of creating one (its owner closes it; it is
        not closed by :meth:`close`).

    Raises
    ------
    StoreUnavailable
        When the server cannot be reached or refuses the credentials; the message
        says what to check and never contains the password.

    Examples
    --------
    Nothing listens on port 1, so the store says what to check, in one line:

    >>> Neo4jStore("bolt://ann:s3cret@127.0.0.1:1")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ecomap.errors.StoreUnavailable: cannot reach Neo4j at bolt://127.0.0.1:1: check the host...

    Notes
    -----
    **Transactions.** :meth:`apply` (and so upsert, delete, undo and restore) and
    :meth:`import_map` with its ``import-N`` snapshot are each one managed write
    transaction (``session.execute_write``): the reads
    it checks, the writes in batches of ``batch_size`` rows, and its change-log
    entry commit together or not at all. The driver retries it on transient failures
    (a lost leader, a deadlock), so the transaction function is idempotent: it
    recomputes everything from what it reads, and every write is a ``MERGE`` on the
    id or key. A large import is therefore limited by the memory the server allows
    one transaction (``db.memory.transaction.max``); ecomap does not split it across
    transactions, so an import is never half-written.

    **Concurrency.** Every write transaction first writes to the map's
    ``:EcomapMeta`` node, which takes its write lock until commit: ecomap writers
    queue, and the versions a change checks cannot move before it commits. Changes
    made by other means (Neo4j Browser) do not take that lock.

    **Integrity, conflicts, undo.** As in the embedded store
    (:class:`~ecomap.store.sqlite.SQLiteStore`): relations must point (source,
    target, stake) at nodes that exist after the change; actors, stakes and spaces
    share one id space; deleting a node deletes its relations as items of the same
    change; stale ``expected`` versions raise :class:`~ecomap.errors.ConflictError`;
    undo reverts the newest change that is neither an undo nor undone. In addition,
    the ends of a relation must be of the kind of node its type links (an actor, a
    stake or a space, per :data:`ecomap.model.ENDPOINTS`), since a relationship's
    ends are matched by their label.

    **Faults** become one line naming what to check: the URI's host and port, the
    credentials (``NEO4J_USER`` / ``NEO4J_PASSWORD``), the database
    (``NEO4J_DATABASE``), the user's rights, a constraint, the transaction timeout or
    memory. The password is never in a message, a log record or ``repr``.

    The schema (uniqueness constraints on ids, indexes on relation keys) is created
    by the first write, one statement per transaction (Neo4j does not mix schema and
    data in one transaction). A user who may not create it can still use a database
    where an administrator ran ``cypher/create_schema.cypher`` once.
    """

    def __init__(
        self,
        uri: str,
        *,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        batch_size: int = BATCH_SIZE,
        driver: Any = None,
    ):
        address, uri_user, uri_password = _split_uri(uri)
        self.location = address
        secret = password or uri_password or os.environ.get("NEO4J_PASSWORD")
        self.user = (
            user or uri_user or os.environ.get("NEO4J_USER") or os.environ.get("NEO4J_USERNAME")
        )
        if secret and not self.user:
            self.user = "neo4j"
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.batch_size = batch_size
        self._secret = _Secret(secret)
        self._schema_ready = False
        self._version_checked = False
        self._closed = False
        self._owns_driver = driver is None
        if not _valid_address(address):
            raise _unusable_address(address)
        if driver is None:
            try:
                driver = GraphDatabase.driver(
                    address,
                    auth=(self.user, secret) if secret else None,
                    connection_timeout=CONNECTION_TIMEOUT,
                    connection_acquisition_timeout=CONNECTION_TIMEOUT,
                    max_transaction_retry_time=CONNECTION_TIMEOUT,
                )
            except (ConfigurationError, ValueError) as exc:
                log.debug("neo4j driver refused %s: %s", address, self._secret.scrub(str(exc)))
                raise StoreUnavailable(
                    f"cannot use {address} as a Neo4j address ({type(exc).__name__}): "
                    f"{URI_SHAPE} (NEO4J_URI or --store)"
                ) from None
        self._driver = driver
        try:
            with self._errors("connect"):
                driver.verify_connectivity()
        except StoreError:
            self.close()
            raise
        log.info("connected to Neo4j at %s (database %s, user %s)", address,
                 self._database_name, self.user)  # fmt: skip

    def __repr__(self) -> str:
        return f"Neo4jStore({self.location!r}, user={self.user!r}, database={self.database!r})"

    @property
    def _database_name(self) -> str:
        return f"'{self.database}'" if self.database else "the default database"

    # -- faults ----------------------------------------------------------------------
    def _fault(self, exc: Neo4jError | DriverError, doing: str) -> StoreError:
        """One line saying what went wrong and what to check."""
        where = self.location
        database = self._database_name
        if (
            isinstance(exc, Neo4jError)
            and exc.code == "Neo.ClientError.Security.CredentialsExpired"
        ):
            return StoreUnavailable(
                f"the password of user '{self.user}' on Neo4j at {where} has expired: set a "
                "new one (e.g. in Neo4j Browser), then update NEO4J_PASSWORD"
            )
        if isinstance(exc, AuthError) or (
            isinstance(exc, Neo4jError)
            and exc.code.startswith("Neo.ClientError.Security.")
            and not isinstance(exc, Forbidden)
        ):
            given = "" if self._secret else " (no password was given)"
            return StoreUnavailable(
                f"Neo4j at {where} refused the credentials of user '{self.user or ''}'"
                f"{given}: check NEO4J_USER and NEO4J_PASSWORD"
            )
        if isinstance(exc, Forbidden):
            once = ", or to run cypher/create_schema.cypher once" if doing == _SCHEMA_WORK else ""
            return StoreError(
                f"user '{self.user}' may not {doing} in {database} on Neo4j at {where}: "
                f"ask the server's administrator for a role that allows it{once}"
            )
        if isinstance(exc, Neo4jError) and exc.code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreUnavailable(
                f"there is no database {database} on Neo4j at {where}: check NEO4J_DATABASE "
                "(leave it unset for the server's default database)"
            )
        if isinstance(exc, DatabaseUnavailable):
            return StoreUnavailable(
                f"{database} on Neo4j at {where} is not available (stopped or starting): "
                "check it with SHOW DATABASES, then try again"
            )
        if isinstance(exc, ConstraintError):
            detail = self._secret.scrub(exc.message or "").splitlines()
            return StoreError(
                f"Neo4j at {where} refused to {doing}: a uniqueness constraint would be "
                f"broken ({detail[0] if detail else exc.code}); nothing was written"
            )
        if isinstance(exc, Neo4jError) and exc.code in _TIMEOUTS:
            return StoreError(
                f"Neo4j at {where} stopped the transaction to {doing} after its time limit; "
                "nothing was written: try again, or raise db.transaction.timeout on the server"
            )
        if isinstance(exc, Neo4jError) and any(m in exc.code for m in _MEMORY):
            return StoreError(
                f"the transaction to {doing} needs more memory than Neo4j at {where} allows "
                "one transaction; nothing was written: raise db.memory.transaction.max on "
                "the server, or import the map in parts"
            )
        if isinstance(exc, ServiceUnavailable | SessionExpired):
            return StoreUnavailable(
                f"cannot reach Neo4j at {where}: check the host and port of the URI "
                "(NEO4J_URI or --store), that the server is running, and the scheme "
                "(neo4j+s:// for Neo4j Aura or TLS, neo4j:// or bolt:// without)"
            )
        if isinstance(exc, Neo4jError) and exc.code.startswith("Neo.ClientError.Statement."):
            return StoreError(
                f"Neo4j at {where} did not understand the statement to {doing} "
                f"({exc.code}): ecomap needs Neo4j 5 or later; nothing was written"
            )
        if isinstance(exc, Neo4jError):
            return StoreError(
                f"Neo4j at {where} refused to {doing} ({exc.code}); nothing was written"
            )
        return StoreUnavailable(
            f"the connection to Neo4j at {where} failed while trying to {doing} "
            f"({type(exc).__name__}): check that the server is running and reachable"
        )

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except (Neo4jError, DriverError) as exc:
            fault = self._fault(exc, doing)
            log.debug("neo4j: %s failed: %s", doing, self._secret.scrub(str(exc)))
            raise fault from None

    def _session(self):
        if self._closed:
            raise StoreError(f"the store {self.location} is closed")
        return self._driver.session(database=self.database)

    def _read(self, work: Callable[[Any], _T], doing: str = "read the map") -> _T:
        if not self._version_checked:
            # The first read also reads the layout version, in the same transaction.
            def checked(tx: Any) -> _T:
                rows = self._run(tx, "read_store_version", key=_STORE_KEY)
                self._check_version(rows[0]["schema_version"] if rows else None)
                return work(tx)

            with self._errors(doing), self._session() as session:
                result = session.execute_read(checked)
            self._version_checked = True
            return result
        with self._errors(doing), self._session() as session:
            return session.execute_read(work)

    def _check_version(self, version: Any) -> None:
        """Refuse a map laid out by a newer ecomap (no version: written before versions)."""
        if isinstance(version, int) and version > SCHEMA_VERSION:
            raise StoreError(
                f"the map in Neo4j at {self.location} was written by a newer version of "
                f"ecomap (store format {version}, this version reads up to {SCHEMA_VERSION}); "
                "upgrade ecomap to open it"
            )

    def _write(self, work: Callable[[Any], _T], doing: str = "write the change") -> _T:
        self._ensure_schema()
        with self._errors(doing), self._session() as session:
            try:
                return session.execute_write(work)
            except _StaleRows:
                raise StoreError(
                    f"the map in {self.location} changed during the change (nodes it "
                    "links were deleted by other means); nothing was written: try again"
                ) from None

    # -- statements ------------------------------------------------------------------
    @staticmethod
    def _run(tx: Any, which: str, variant: Any = None, /, **params: Any) -> list[dict[str, Any]]:
        """Run one statement of ``cypher/`` (rendered for ``variant``) with its parameters."""
        stmt = statement(which)
        if set(params) != set(stmt.params):
            raise TypeError(f"{which} takes parameters {stmt.params}, not {tuple(params)}")
        return tx.run(stmt.render(variant), params).data()

    def _run_batches(
        self, tx: Any, which: str, variant: Any, field: str, rows: list[Any]
    ) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for batch in _batches(rows, self.batch_size):
            out.extend(self._run(tx, which, variant, **{field: batch}))
        return out

    def _ensure_schema(self) -> None:
        """Create the constraints and indexes (once per store; each IF NOT EXISTS)."""
        if self._schema_ready:
            return
        texts = [
            text
            for name in _SCHEMA
            for _, text in statement(name).renderings()
        ]  # fmt: skip
        with self._errors(_SCHEMA_WORK):
            try:
                with self._session() as session:
                    for text in texts:
                        session.execute_write(lambda tx, text=text: tx.run(text).consume())
            except Forbidden:
                # A user without schema rights can work once an administrator ran
                # cypher/create_schema.cypher.
                if not self._schema_exists(texts):
                    raise
        # Stamp the layout version before the first change (and learn a newer one).
        with self._errors(_SCHEMA_WORK), self._session() as session:
            rows = session.execute_write(
                lambda tx: self._run(
                    tx, "stamp_store_version", key=_STORE_KEY, version=SCHEMA_VERSION
                )
            )
        self._check_version(rows[0]["schema_version"])
        self._version_checked = True
        self._schema_ready = True

    def _schema_exists(self, texts: list[str]) -> bool:
        """True when every constraint and index of ``texts`` is already there."""
        wanted = {text.split()[2] for text in texts}  # CREATE CONSTRAINT|INDEX <name>
        rows = self._read(lambda tx: self._run(tx, "list_schema"), "list the indexes")
        return wanted <= {row["name"] for row in rows}

    # -- reading ---------------------------------------------------------------------
    def _record(
        self,
        kind: RecordKind,
        props: Mapping[str, Any],
        **ends: Any,
    ) -> Record:
        """The record stored as ``props`` (properties edited by hand become custom fields)."""
        model = _MODELS[kind]
        data: dict[str, Any] = {}
        what = props.get("id") or (f"{ends['source']} → {ends['target']}" if ends else None)
        where = f"Neo4j at {self.location}"
        try:
            extra = json.loads(props["extra"]) if props.get("extra") else {}
        except ValueError:
            raise UnreadableRecord(
                kind.value, what, "extra", props["extra"], "custom fields as a JSON object",
                store=where,
            ) from None  # fmt: skip
        for name, value in props.items():
            if name in _OWN:
                continue
            if name in model.model_fields:
                data[name] = _native(value)
            else:
                extra[name] = str(_native(value))
        data.update(ends)
        try:
            return model.model_validate({**data, "extra": extra})
        except ValidationError as exc:
            first = exc.errors()[0]
            field = str(first["loc"][0]) if first["loc"] else None
            enums = getattr(model, "_enums", {})
            if first["type"] in ("missing", "string_too_short"):
                raise UnreadableRecord(
                    kind.value, what, field, None, f"every {kind.value} has one", store=where
                ) from None
            if field in enums:
                allowed = "one of: " + ", ".join(member.value for member in enums[field])
                raise UnreadableRecord(
                    kind.value, what, field, data.get(field), allowed, newer=True, store=where
                ) from None
            raise UnreadableRecord(
                kind.value, what, field, data.get(field, first.get("input")),
                f"a valid value ({first['msg']})", store=where,
            ) from None  # fmt: skip

    def _relation(self, row: Mapping[str, Any], rtype: RelationType | None = None) -> Relation:
        rtype = rtype or _TYPE_OF[row["type"]]
        return self._record(  # type: ignore[return-value]
            RecordKind.RELATION,
            row["properties"],
            type=rtype.value,
            source=row["source"],
            target=row["target"],
        )

    def _load(self, tx: Any) -> Ecosystem:
        eco = Ecosystem()
        for kind, name in ((RecordKind.ACTOR, "load_actors"), (RecordKind.STAKE, "load_stakes"),
                           (RecordKind.SPACE, "load_spaces")):  # fmt: skip
            for row in self._run(tx, name):
                eco.add(self._record(kind, row["properties"]))
        for row in self._run(tx, "load_relations"):
            eco.add(self._relation(row))
        return eco

    def load(self) -> Ecosystem:
        return self._read(self._load)

    def _current(
        self, tx: Any, refs: Iterable[RecordRef], extra_ids: Iterable[str] = ()
    ) -> tuple[dict[RecordRef, tuple[int | None, Record]], dict[str, set[RecordKind]]]:
        """Version and record of each ref that exists, and the kinds of the nodes
        (among ``refs`` and ``extra_ids``) that exist under each id."""
        ids: dict[str, None] = dict.fromkeys(extra_ids)
        keys: dict[RelationType, list[str]] = {}
        for kind, key in refs:
            if kind is RecordKind.RELATION:
                for rtype in _relation_types(key):
                    keys.setdefault(rtype, []).append(key)
            else:
                ids[key] = None
        found: dict[RecordRef, tuple[int | None, Record]] = {}
        kinds: dict[str, set[RecordKind]] = {}
        for row in self._run_batches(tx, "read_nodes", None, "ids", list(ids)):
            kind = next(_KIND_OF_LABEL[label] for label in row["labels"] if label in _KIND_OF_LABEL)
            record = self._record(kind, row["properties"])
            kinds.setdefault(record.id, set()).add(kind)
            found[kind, record.id] = (row["properties"].get("version"), record)
        for rtype, wanted in keys.items():
            for row in self._run_batches(tx, "read_relations", rtype, "keys", sorted(set(wanted))):
                relation = self._relation(row, rtype)
                found[RecordKind.RELATION, row["properties"]["key"]] = (
                    row["properties"].get("version"),
                    relation,
                )
        return found, kinds

    def _attached(
        self, tx: Any, nodes: Iterable[RecordRef]
    ) -> dict[str, tuple[int | None, Relation]]:
        """Relations that have one of these nodes at an end or as their stake, by key."""
        ids: dict[RecordKind, list[str]] = {}
        for kind, key in nodes:
            ids.setdefault(kind, []).append(key)
        rows = []
        for kind, wanted in ids.items():
            rows += self._run_batches(tx, "read_attached_relations", kind, "ids", wanted)
        every = [key for wanted in ids.values() for key in wanted]
        rows += self._run_batches(tx, "read_relations_by_stake", None, "ids", every)
        return {
            row["properties"]["key"]: (row["properties"].get("version"), self._relation(row))
            for row in rows
        }

    def versions(self, refs: Iterable[RecordRef]) -> dict[RecordRef, int | None]:
        refs = [ref_of(r) for r in refs]
        found, _ = self._read(lambda tx: self._current(tx, refs))
        return {ref: found[ref][0] if ref in found else None for ref in refs}

    def dependents(self, kind: RecordKind, key: str) -> list[Relation]:
        kind = RecordKind(kind)
        if kind is RecordKind.RELATION:
            return []
        attached = self._read(lambda tx: self._attached(tx, [(kind, key)]))
        return [relation for _, relation in attached.values()]

    @property
    def revision(self) -> int:
        rows = self._read(lambda tx: self._run(tx, "read_revision", meta=_META))
        return rows[0]["last_change"] if rows else 0

    # -- writing ---------------------------------------------------------------------
    def apply(
        self,
        upserts: Iterable[Record] = (),
        deletes: Iterable[RecordRef] = (),
        *,
        action: str = "upsert",
        summary: str | None = None,
        author: str | None = None,
        expected: Mapping[RecordRef, int | None] | None = None,
    ) -> Change | None:
        written, removed, expected = prepare_change(upserts, deletes, expected)
        if not (written or removed or expected):
            return None
        return self._write(
            lambda tx: self._apply(tx, written, removed, action, summary, author, expected)
        )

    def _import(
        self,
        eco: Ecosystem,
        *,
        replace: bool,
        summary: str,
        author: str | None,
        snapshot: bool,
        revision: int | None,
    ) -> Change | None:
        written: dict[RecordRef, Record] = {
            (kind, key): record for kind in RecordKind for key, record in eco.records(kind).items()
        }
        action = "replace" if replace else "import"

        def work(tx: Any) -> Change | None:
            # The lock first: what is read below cannot change before the commit.
            check_revision(
                self.location, revision, self._run(tx, "lock_map", meta=_META)[0]["last_change"]
            )
            removed: list[RecordRef] = []
            if replace:
                # Read inside the transaction that writes: what another process added
                # just before is removed too.
                current = self._load(tx)
                removed = [
                    (kind, key)
                    for kind in RecordKind
                    for key in current.records(kind)
                    if (kind, key) not in written
                ]
            change = self._apply(tx, written, removed, action, summary, author, {})
            if change is not None and snapshot:
                # The same managed transaction: both are committed, or neither.
                self._snapshot_create(tx, import_snapshot_name(change.id), change.summary)
            return change

        return self._write(work, "import the map")

    def _apply(
        self,
        tx: Any,
        written: dict[RecordRef, Record],
        removed: list[RecordRef],
        action: str,
        summary: str | None,
        author: str | None,
        expected: dict[RecordRef, int | None],
        undoes: int | None = None,
    ) -> Change | None:
        self._run(tx, "lock_map", meta=_META)
        ends = [
            end
            for (kind, _), record in written.items()
            if kind is RecordKind.RELATION
            for end in (record.source, record.target, record.stake)
            if end is not None
        ]
        current, kinds = self._current(tx, [*written, *removed, *expected], ends)
        stale = [ref for ref, v in expected.items() if current.get(ref, (None,))[0] != v]
        if stale:
            raise ConflictError(
                f"{quoted_refs(stale)} changed in {self.location} since it was read; nothing "
                "was written: reload and make the edit again",
                keys=[key for _, key in stale],
            )
        # Only what differs from the store is written and logged: a re-import of the
        # same map is a no-op.
        before: dict[RecordRef, dict[str, Any]] = {}
        after: dict[RecordRef, dict[str, Any]] = {}
        for ref, record in written.items():
            data = record.record()
            old = current.get(ref)
            if old is not None:
                old_data = old[1].record()
                if old_data == data:
                    continue
                before[ref] = old_data
            after[ref] = data
        removed = list(removed)  # extended with the cascade; a retry starts afresh
        gone_nodes = [
            ref for ref in removed if ref[0] is not RecordKind.RELATION and ref in current
        ]
        if gone_nodes:
            for key, found in self._attached(tx, gone_nodes).items():
                ref = (RecordKind.RELATION, key)
                current[ref] = found
                removed.append(ref)
        for ref in removed:
            if ref in current and ref not in written:
                before[ref] = current[ref][1].record()
        items = diff_records(before, after)
        if not items:
            return None
        self._check_integrity(written, after, removed, kinds)

        change_id = self._run(tx, "next_change_id", meta=_META)[0]["change_id"]
        self._write_items(tx, items, written, current, change_id)
        at = _now()
        summary = summary or change_summary(action, items)
        self._run(
            tx,
            "log_change",
            id=change_id,
            at=at,
            action=action,
            summary=summary,
            author=author,
            items=json.dumps(
                [
                    {"kind": i.kind.value, "key": i.key, "before": i.before, "after": i.after}
                    for i in items
                ],
                ensure_ascii=False,
            ),  # fmt: skip
            undoes=undoes,
        )
        return Change(change_id, at, action, summary, author, tuple(items), None, undoes)

    def _check_integrity(
        self,
        written: dict[RecordRef, Record],
        after: dict[RecordRef, dict[str, Any]],
        removed: list[RecordRef],
        kinds: dict[str, set[RecordKind]],
    ) -> None:
        """Relations point at nodes that exist after the change, of the kind their type
        links; one id space for actors, stakes and spaces."""
        gone = {key for kind, key in removed if kind is not RecordKind.RELATION}
        new_nodes: dict[str, RecordKind] = {}
        for kind, key in written:
            if kind is not RecordKind.RELATION and new_nodes.setdefault(key, kind) is not kind:
                raise StoreError(
                    f"'{key}' is written both as a {new_nodes[key].value} and as a "
                    f"{kind.value}; actors, stakes and spaces share one id space"
                )
        for kind, key in after:
            if kind is RecordKind.RELATION or key in gone:
                continue
            other = kinds.get(key, set()) - {kind}
            if other:
                raise StoreError(
                    f"'{key}' is already the id of a {min(other).value}; actors, stakes and "
                    "spaces share one id space: choose another id"
                )

        def kind_after(node: str) -> RecordKind | None:
            if node in new_nodes:
                return new_nodes[node]
            if node in gone or not kinds.get(node):
                return None
            return min(kinds[node])

        missing: dict[str, str] = {}
        for (kind, key), record in written.items():
            if kind is not RecordKind.RELATION:
                continue
            for end, node in enumerate((record.source, record.target, record.stake)):
                if node is None:
                    continue
                found = kind_after(node)
                if found is None:
                    missing.setdefault(node, key)
                elif end < 2 and found is not endpoint_kind(record.type, end):
                    raise StoreError(
                        f"relation {key}: a {record.type.value} relation links "
                        f"{endpoint_kind(record.type, 0).value} to "
                        f"{endpoint_kind(record.type, 1).value}, but '{node}' is a "
                        f"{found.value}; nothing was written"
                    )
        if missing:
            shown = ", ".join(
                f"'{node}' (relation {key})" for node, key in list(missing.items())[:5]
            )
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            raise StoreError(
                f"relations refer to nodes that are not in the map: {shown}{more}; "
                "add those actors, stakes or spaces first; nothing was written"
            )

    def _write_items(
        self,
        tx: Any,
        items: list[ChangeItem],
        written: dict[RecordRef, Record],
        current: dict[RecordRef, tuple[int | None, Record]],
        change_id: int,
    ) -> None:
        """Deletes first (relations, then nodes), then node and relation upserts."""
        old_relations: dict[RelationType, list[str]] = {}
        old_nodes: dict[RecordKind, list[str]] = {}
        nodes: dict[tuple[RecordKind, ActorKind | None], list[dict[str, Any]]] = {}
        relations: dict[RelationType, list[dict[str, Any]]] = {}
        for item in items:
            ref = (item.kind, item.key)
            old = current.get(ref, (None, None))[1]
            new = written.get(ref) if item.after is not None else None
            if item.kind is RecordKind.RELATION:
                # A relation keyed by id may move to other ends or another type: the
                # old relationship goes, the new one is merged.
                if old is not None and (
                    new is None
                    or (old.type, old.source, old.target) != (new.type, new.source, new.target)
                ):
                    old_relations.setdefault(old.type, []).append(item.key)
                if new is not None:
                    relations.setdefault(new.type, []).append(
                        {"key": item.key, "source": new.source, "target": new.target,
                         "properties": _properties(new, change_id)}
                    )  # fmt: skip
            elif new is None:
                old_nodes.setdefault(item.kind, []).append(item.key)
            else:
                variant = new.kind if isinstance(new, Actor) else None
                nodes.setdefault((item.kind, variant), []).append(
                    {"id": item.key, "properties": _properties(new, change_id)}
                )
        for rtype, keys in old_relations.items():
            self._run_batches(tx, "delete_relations", rtype, "keys", keys)
        for kind, ids in old_nodes.items():
            self._run_batches(tx, "delete_nodes", kind, "ids", ids)
        for (kind, actor_kind), rows in nodes.items():
            self._run_batches(tx, _UPSERT_NODES[kind], actor_kind, "rows", rows)
        for rtype, rows in relations.items():
            done = self._run_batches(tx, "upsert_relations", rtype, "rows", rows)
            if sum(row["written"] for row in done) != len(rows):
                raise _StaleRows

    # -- history ---------------------------------------------------------------------
    def history(self, limit: int | None = 50, *, items: bool = True) -> list[Change]:
        def read(tx: Any) -> list[dict[str, Any]]:
            if limit is None:
                return self._run(tx, "list_changes")
            return self._run(tx, "list_recent_changes", limit=limit)

        changes = [_change(row["change"]) for row in self._read(read, "read the history")]
        if items:
            return changes
        # The items are one JSON property of the change node, read whole either way.
        return [_with(c, items=(), item_count=len(c.items)) for c in changes]

    def undo(self, *, author: str | None = None) -> Change | None:
        return self._write(lambda tx: self._undo(tx, author), "undo the last change")

    def _undo(self, tx: Any, author: str | None) -> Change | None:
        self._run(tx, "lock_map", meta=_META)
        rows = self._run(tx, "find_undoable_change", undo=_UNDO)
        if not rows:
            return None
        change = _change(rows[0]["change"])
        refs = [(item.kind, item.key) for item in change.items]
        current, _ = self._current(tx, refs)
        moved = [
            (item.kind, item.key)
            for item in change.items
            if (current[item.kind, item.key][1].record() if (item.kind, item.key) in current
                else None) != item.after
        ]  # fmt: skip
        if moved:
            raise ConflictError(
                f"cannot undo change {change.id}: {quoted_refs(moved)} no longer as it left "
                f"them in {self.location}",
                keys=[key for _, key in moved],
            )
        written = {
            (item.kind, item.key): _from_exchange(item.kind, item.before)
            for item in change.items
            if item.before is not None
        }
        removed = [(item.kind, item.key) for item in change.items if item.before is None]
        undo = self._apply(
            tx, written, removed, _UNDO, f"undid change {change.id}: {change.summary}",
            author, {}, undoes=change.id,
        )  # fmt: skip
        self._run(tx, "mark_undone", id=change.id, undone_by=undo.id)
        return undo

    # -- snapshots -------------------------------------------------------------------
    def snapshot_create(self, name: str, note: str | None = None) -> SnapshotInfo:
        if not name or not name.strip():
            raise StoreError("a snapshot needs a name")
        return self._write(
            lambda tx: self._snapshot_create(tx, name, note), f"save the snapshot '{name}'"
        )

    def _snapshot_create(self, tx: Any, name: str, note: str | None) -> SnapshotInfo:
        revision = self._run(tx, "lock_map", meta=_META)[0]["last_change"]
        if self._run(tx, "count_snapshots_named", name=name)[0]["found"]:
            raise StoreError(
                f"a snapshot named '{name}' already exists in {self.location}; choose another name"
            )
        eco = self._load(tx)
        document: dict[str, Any] = {"format": "ecomap", "version": 1}
        counts: dict[str, int] = {}
        for kind in (RecordKind.ACTOR, RecordKind.STAKE, RecordKind.SPACE, RecordKind.RELATION):
            records = [record.record() for record in eco.records(kind).values()]
            document[kind.plural] = records
            counts[kind.plural] = len(records)
        at = _now()
        self._run(
            tx,
            "create_snapshot",
            name=name,
            at=at,
            note=note,
            revision=revision,
            counts=json.dumps(counts),
            payload=json.dumps(document, ensure_ascii=False, separators=(",", ":")),
        )
        return SnapshotInfo(name, at, note, counts)

    def snapshot_list(self) -> list[SnapshotInfo]:
        rows = self._read(lambda tx: self._run(tx, "list_snapshots"), "list the snapshots")
        return [
            SnapshotInfo(row["name"], _native(row["at"]), row["note"], json.loads(row["counts"]))
            for row in rows
        ]

    def snapshot_load(self, name: str) -> Ecosystem:
        def read(tx: Any) -> tuple[str | None, list[str]]:
            rows = self._run(tx, "load_snapshot", name=name)
            if rows:
                return rows[0]["payload"], []
            return None, [row["name"] for row in self._run(tx, "list_snapshots")]

        payload, names = self._read(read, f"read the snapshot '{name}'")
        if payload is None:
            available = (
                "available: " + ", ".join(f"'{n}'" for n in names)
                if names
                else "there are no snapshots yet"
            )
            raise StoreError(f"no snapshot named '{name}' in {self.location}; {available}")
        document = json.loads(payload)
        eco = Ecosystem()
        for kind in RecordKind:
            for data in document[kind.plural]:
                eco.add(_from_exchange(kind, data))
        return eco

    # -- the store's own settings ------------------------------------------------------
    def setting(self, name: str) -> str | None:
        rows = self._read(lambda tx: self._run(tx, "read_store_settings", store=_STORE_KEY),
                          "read the store's settings")  # fmt: skip
        value = rows[0]["settings"].get(name) if rows else None
        return None if value is None else str(value)

    def keep_setting(self, name: str, value: str) -> str:
        def keep(tx: Any) -> str:
            held = self._run(tx, "lock_store_settings", store=_STORE_KEY)[0]["settings"]
            if held.get(name) is None:
                held = self._run(tx, "keep_store_settings", store=_STORE_KEY,
                                 settings={name: value})[0]["settings"]  # fmt: skip
            return str(held[name])

        return self._write(keep, "keep the store's settings")

    # -- participatory collection (ecomap.collection) ----------------------------------
    # The same rows as SQLiteStore's campaign_* methods, kept in the nodes of
    # cypher/manage_campaigns.cypher, manage_campaign_links.cypher,
    # save_staging_answers.cypher and record_campaign_decisions.cypher.
    _CAMPAIGN_SCHEMA = (
        "campaign_id_unique",
        "link_hash_unique",
        "answers_key_unique",
        "decision_seq_unique",
    )

    def _campaign_write(self, work: Callable[[Any], _T], doing: str) -> _T:
        """``work`` in one write transaction, once the campaigns' constraints exist."""
        if not getattr(self, "_campaign_schema_ready", False):
            self._ensure_schema()
            texts = [statement(name).render() for name in self._CAMPAIGN_SCHEMA]
            with self._errors(_SCHEMA_WORK):
                try:
                    with self._session() as session:
                        for text in texts:
                            session.execute_write(lambda tx, text=text: tx.run(text).consume())
                except Forbidden:
                    if not self._schema_exists(texts):
                        raise
            self._campaign_schema_ready = True
        return self._write(work, doing)

    def campaign_create(self, record: dict[str, Any], *, author: str | None = None) -> int:
        record = {**record, "created_by": author or record.get("created_by")}
        rows = self._campaign_write(
            lambda tx: self._run(tx, "create_campaign", store=_STORE_KEY, state="open",
                                 record=json.dumps(record, ensure_ascii=False)),
            "open the campaign",
        )  # fmt: skip
        return int(rows[0]["id"])

    @staticmethod
    def _campaign_row(row: Mapping[str, Any]) -> dict[str, Any]:
        return {"id": row["id"], "state": row["state"], "record": json.loads(row["record"])}

    def campaign_records(self) -> list[dict[str, Any]]:
        rows = self._read(lambda tx: self._run(tx, "list_campaigns"), "read the campaigns")
        return [self._campaign_row(row) for row in rows]

    def campaign_record(self, campaign_id: int) -> dict[str, Any] | None:
        rows = self._read(lambda tx: self._run(tx, "read_campaign", id=campaign_id),
                          "read the campaign")  # fmt: skip
        return self._campaign_row(rows[0]) if rows else None

    def campaign_set_state(self, campaign_id: int, state: str) -> None:
        rows = self._campaign_write(
            lambda tx: self._run(tx, "set_campaign_state", id=campaign_id, state=state),
            "change the campaign",
        )
        if not rows[0]["found"]:
            raise StoreError(f"there is no campaign {campaign_id} in {self.location}")

    def campaign_issue_links(self, campaign_id: int, links: list[tuple[str, str]], at: str) -> None:
        def work(tx: Any) -> None:
            self._run(tx, "revoke_campaign_links", campaign=campaign_id,
                      respondents=[r for r, _ in links], at=at)  # fmt: skip
            self._run(tx, "create_campaign_links", campaign=campaign_id, at=at,
                      links=[{"hash": d, "respondent": r} for r, d in links])  # fmt: skip

        self._campaign_write(work, "issue the links")

    def campaign_revoke_links(self, campaign_id: int, respondents: list[str], at: str) -> int:
        rows = self._campaign_write(
            lambda tx: self._run(tx, "revoke_campaign_links", campaign=campaign_id,
                                 respondents=list(respondents), at=at),
            "revoke the links",
        )  # fmt: skip
        return sum(row["revoked"] for row in rows)

    def campaign_link(self, digest: str) -> dict[str, Any] | None:
        rows = self._read(lambda tx: self._run(tx, "read_campaign_link", hash=digest),
                          "read the link")  # fmt: skip
        return dict(rows[0]) if rows else None

    def campaign_links(self, campaign_id: int) -> list[dict[str, Any]]:
        rows = self._read(lambda tx: self._run(tx, "list_campaign_links", campaign=campaign_id),
                          "read the links")  # fmt: skip
        return [dict(row) for row in rows]

    def campaign_save_answers(self, digest: str, answers: dict[str, Any], at: str) -> bool:
        def work(tx: Any) -> bool:
            rows = self._run(tx, "lock_active_link", hash=digest, state="open")
            if not rows:
                return False
            campaign, respondent = rows[0]["campaign"], rows[0]["respondent"]
            self._run(tx, "save_staged_answers", campaign=campaign, respondent=respondent,
                      key=json.dumps([campaign, respondent], ensure_ascii=False), at=at,
                      answers=json.dumps(answers, ensure_ascii=False))  # fmt: skip
            return True

        return self._campaign_write(work, "save the answers")

    def campaign_answers(
        self, campaign_id: int, respondent: str | None = None
    ) -> list[dict[str, Any]]:
        rows = self._read(
            lambda tx: self._run(tx, "list_staged_answers", campaign=campaign_id,
                                 respondent=respondent),
            "read the answers",
        )  # fmt: skip
        return [{"respondent": row["respondent"], "saved_at": row["saved_at"],
                 "answers": json.loads(row["answers"])} for row in rows]  # fmt: skip

    def campaign_decisions(self, campaign_id: int) -> list[dict[str, Any]]:
        rows = self._read(lambda tx: self._run(tx, "list_decisions", campaign=campaign_id),
                          "read the decisions")  # fmt: skip
        return [{**row, "proposal": json.loads(row["proposal"])} for row in rows]

    def _record_decisions(self, tx: Any, campaign_id: int, decisions: list[dict[str, Any]],
                          author: str | None, change_id: int | None) -> None:  # fmt: skip
        if not decisions:
            return
        last = self._run(tx, "next_decision_seq", store=_STORE_KEY, count=len(decisions))
        first = last[0]["last"] - len(decisions) + 1
        rows = [{"seq": first + n, "key": d["key"], "fingerprint": d["fingerprint"],
                 "state": d["state"], "proposal": json.dumps(d["proposal"], ensure_ascii=False)}
                for n, d in enumerate(decisions)]  # fmt: skip
        self._run(tx, "create_decisions", campaign=campaign_id, at=_now().isoformat(),
                  author=author, change_id=change_id, decisions=rows)  # fmt: skip

    def campaign_decide(
        self, campaign_id: int, decisions: list[dict[str, Any]], *, author: str | None = None
    ) -> None:
        self._campaign_write(
            lambda tx: self._record_decisions(tx, campaign_id, decisions, author, None),
            "keep the decisions",
        )

    def campaign_accept(
        self,
        campaign_id: int,
        upserts: list[Record],
        decisions: list[dict[str, Any]],
        *,
        author: str | None = None,
        revision: int | None = None,
    ) -> Change | None:
        written, _, _ = prepare_change(upserts, (), None)

        def work(tx: Any) -> Change | None:
            # The lock first: nothing can change between the check and the commit.
            current = self._run(tx, "lock_map", meta=_META)[0]["last_change"]
            check_revision(self.location, revision, current)
            change = self._apply(tx, written, [], "import", None, author, {}) if written else None
            if change is not None:
                # The same managed transaction: the change, its snapshot and the
                # decisions are committed together, or none of them.
                self._snapshot_create(tx, import_snapshot_name(change.id), change.summary)
            self._record_decisions(tx, campaign_id, decisions, author, change and change.id)
            return change

        return self._campaign_write(work, "accept the proposals")

    # -- lifetime --------------------------------------------------------------------
    def wipe(self) -> None:
        """Delete every node ecomap owns in the database (the map, its change log, its
        snapshots and its lock), in batches of one transaction each; constraints and
        indexes stay. Nodes with other labels are left alone. Meant for tests."""
        for label in ECOMAP_LABELS:
            while True:
                rows = self._write(
                    lambda tx, label=label: self._run(
                        tx, "wipe_label", label, batch=self.batch_size
                    ),
                    "wipe the map",
                )
                if not rows or not rows[0]["deleted"]:
                    break

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._owns_driver and self._driver is not None:
            self._driver.close()


def _change(props: Mapping[str, Any]) -> Change:
    return Change(
        props["id"],
        _native(props["at"]),
        props["action"],
        props["summary"],
        props.get("author"),
        tuple(
            ChangeItem(RecordKind(item["kind"]), item["key"], item["before"], item["after"])
            for item in json.loads(props["items"])
        ),
        props.get("undone_by"),
        props.get("undoes"),
    )
