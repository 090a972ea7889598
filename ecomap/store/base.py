"""The Store interface: where a map lives between two sessions.

Every store (the embedded SQLite default, Neo4j for shared deployments) offers the
same operations, and one contract test suite (``tests/store/test_contract.py``) checks
them all:

- :meth:`Store.load` the whole map;
- :meth:`Store.apply` one change — upserts and deletes — in **one transaction**, recorded
  in the change log with the records before and after, or nothing at all;
- :meth:`Store.upsert` and :meth:`Store.delete` on top of it;
- :meth:`Store.import_map`: a merge or a replace and its ``import-N`` snapshot, in one
  transaction;
- :meth:`Store.history` and multi-level :meth:`Store.undo`;
- named snapshots: :meth:`Store.snapshot_create`, :meth:`Store.snapshot_list`,
  :meth:`Store.snapshot_load`, :meth:`Store.snapshot_restore`;
- the store's own settings (:meth:`Store.setting`, :meth:`Store.keep_setting`), among
  them the secret key of pseudonyms (:meth:`Store.pseudonym_key`).

Records are keyed by ``(RecordKind, key)``: a node's ``id``, or a relation's identity
(:attr:`ecomap.model.Relation.key`). Each stored record has a ``version`` (the id of
the change that last wrote it); an editor passes the versions it read as
``expected`` and a stale edit raises :class:`~ecomap.errors.ConflictError` instead of
silently overwriting someone else's change.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ecomap.errors import ConflictError, StoreError
from ecomap.model import Actor, Ecosystem, RecordKind, Relation, Space, Stake
from ecomap.views.saved import (
    Problem,
    SavedView,
    ViewChange,
    described,
    in_order,
    removed,
    renamed,
    reordered,
    view_from_record,
    view_record,
)
from ecomap.views.saved import saved as saved_views_rule

__all__ = [
    "Record",
    "RecordRef",
    "ChangeItem",
    "Change",
    "SnapshotInfo",
    "Store",
    "record_kind",
    "record_ref",
    "diff_records",
    "ref_of",
    "quoted_refs",
    "change_summary",
    "prepare_change",
    "check_revision",
    "import_snapshot_name",
]

Record = Actor | Stake | Space | Relation
#: The setting that holds the pseudonym key, in hexadecimal.
_PSEUDONYM_KEY = "pseudonym_key"
RecordRef = tuple[RecordKind, str]

_KIND_OF = {Actor: RecordKind.ACTOR, Stake: RecordKind.STAKE, Space: RecordKind.SPACE,
            Relation: RecordKind.RELATION}  # fmt: skip


def record_kind(record: Record) -> RecordKind:
    return _KIND_OF[type(record)]


def record_ref(record: Record) -> RecordRef:
    """``(kind, key)``: the node's id, or the relation's identity."""
    kind = record_kind(record)
    return kind, (record.key if kind is RecordKind.RELATION else record.id)


@dataclass(frozen=True)
class ChangeItem:
    """One record changed by a change: ``before`` None = created, ``after`` None = deleted.

    ``before`` and ``after`` are the records as the exchange format has them
    (:meth:`ecomap.model._Record.record`, custom fields included).
    """

    kind: RecordKind
    key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def operation(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed"


@dataclass(frozen=True)
class Change:
    """One entry of the change log."""

    id: int
    at: datetime
    action: str  # import, replace, upsert, delete, undo, restore
    summary: str
    author: str | None = None
    items: tuple[ChangeItem, ...] = ()
    undone_by: int | None = None  # the id of the undo that reverted it
    undoes: int | None = None  # for an undo: the change it reverted
    #: How many records the change touched, when ``items`` was not read
    #: (``history(items=False)``); None when ``items`` holds them all.
    item_count: int | None = None

    @property
    def size(self) -> int:
        """How many records the change touched, whether its items were read or not."""
        return len(self.items) if self.item_count is None else self.item_count


@dataclass(frozen=True)
class SnapshotInfo:
    name: str
    at: datetime
    note: str | None = None
    counts: dict[str, int] = field(default_factory=dict)


def ref_of(ref: tuple[Any, str]) -> RecordRef:
    """A record reference with its kind as a :class:`RecordKind` (``("actor", "a")`` too)."""
    return RecordKind(ref[0]), ref[1]


def quoted_refs(refs: Iterable[RecordRef], limit: int = 5) -> str:
    """References for a message: ``actor 'a', relation 'b' and 3 more``."""
    refs = list(refs)
    shown = ", ".join(f"{kind.value} {key!r}" for kind, key in refs[:limit])
    return shown + (f" and {len(refs) - limit} more" if len(refs) > limit else "")


def change_summary(action: str, items: list[ChangeItem]) -> str:
    """Default summary of a change, e.g. ``upsert: added 2 actors, 1 relation; removed 1 stake``.

    >>> change_summary("upsert", [ChangeItem(RecordKind.ACTOR, "a", None, {"id": "a"})])
    'upsert: added 1 actor'
    """
    counts = Counter((item.operation, item.kind) for item in items)
    parts = []
    for operation in ("added", "changed", "removed"):
        what = [
            f"{n} {kind.plural if n > 1 else kind.value}"
            for kind in RecordKind
            if (n := counts.get((operation, kind)))
        ]
        if what:
            parts.append(f"{operation} " + ", ".join(what))
    return f"{action}: " + "; ".join(parts)


def prepare_change(
    upserts: Iterable[Record],
    deletes: Iterable[RecordRef],
    expected: Mapping[RecordRef, int | None] | None,
) -> tuple[dict[RecordRef, Record], list[RecordRef], dict[RecordRef, int | None]]:
    """The records a change writes (by ref), the refs it deletes and the versions expected.

    Raises
    ------
    StoreError
        When one change would both write and delete the same record.
    """
    written = {record_ref(r): r for r in upserts}
    removed = list(dict.fromkeys(ref_of(r) for r in deletes))
    expected = {ref_of(r): v for r, v in (expected or {}).items()}
    both = [ref for ref in removed if ref in written]
    if both:
        raise StoreError(f"one change cannot both write and delete {quoted_refs(both)}")
    return written, removed, expected


def check_revision(location: str, expected: int | None, current: int) -> None:
    """Raise :class:`~ecomap.errors.ConflictError` when the store moved on since ``expected``.

    >>> check_revision("ecomap.db", 3, 3)
    >>> check_revision("ecomap.db", 3, 4)
    Traceback (most recent call last):
    ...
    ecomap.errors.ConflictError: the map in ecomap.db changed since this import was previewed (change #4); nothing was written: look at the import again
    """
    if expected is not None and expected != current:
        raise ConflictError(
            f"the map in {location} changed since this import was previewed (change "
            f"#{current}); nothing was written: look at the import again"
        )


def import_snapshot_name(change_id: int) -> str:
    """The name of the snapshot taken with an import: ``import-<change id>``."""
    return f"import-{change_id}"


def diff_records(
    before: Mapping[RecordRef, dict[str, Any]], after: Mapping[RecordRef, dict[str, Any]]
) -> list[ChangeItem]:
    """The items that turn ``before`` into ``after`` (both: ref → exchange record).

    >>> a = {(RecordKind.STAKE, "s"): {"id": "s", "name": "Market"}}
    >>> b = {(RecordKind.STAKE, "s"): {"id": "s", "name": "Covered market"}}
    >>> [i.operation for i in diff_records(a, b)], diff_records(a, a)
    (['changed'], [])
    """
    items = []
    for ref in list(before) + [r for r in after if r not in before]:
        old, new = before.get(ref), after.get(ref)
        if old != new:
            items.append(ChangeItem(ref[0], ref[1], old, new))
    return items


def _all_records(eco: Ecosystem) -> list[Record]:
    return [*eco.actors.values(), *eco.stakes.values(), *eco.spaces.values(),
            *eco.relations.values()]  # fmt: skip


class Store(ABC):
    """Where a map is kept. Use as a context manager, or call :meth:`close`."""

    #: Where the store is, for messages: a path or a URI without credentials.
    location: str = ""

    # -- reading ---------------------------------------------------------------------
    @abstractmethod
    def load(self) -> Ecosystem:
        """The whole current map."""

    @abstractmethod
    def versions(self, refs: Iterable[RecordRef]) -> dict[RecordRef, int | None]:
        """The current version of each record (None when it does not exist)."""

    @abstractmethod
    def dependents(self, kind: RecordKind, key: str) -> list[Relation]:
        """The relations that deleting this node would delete with it (cascade)."""

    @property
    @abstractmethod
    def revision(self) -> int:
        """A number that grows with every change: caches key on it."""

    def load_versioned(self) -> tuple[int, Ecosystem, dict[RecordRef, int | None]]:
        """The revision, the map and every record's version, consistent with each other:
        read apart, and again (up to three times) when a change came in between. A store
        that can read them in one transaction says so by overriding this."""
        for _ in range(3):
            before = self.revision
            eco = self.load()
            refs = [(kind, key) for kind in RecordKind for key in eco.records(kind)]
            versions = self.versions(refs)
            if self.revision == before:
                break
        return before, eco, versions

    # -- writing ---------------------------------------------------------------------
    @abstractmethod
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
        """Write one change in one transaction and record it in the change log.

        Upserts insert or replace whole records; deleting a node deletes its relations
        (those that have it as source, target or stake) in the same change. When a ref
        of ``expected`` has another version in the store, nothing is written and
        :class:`~ecomap.errors.ConflictError` is raised. Returns the recorded change, or
        None when nothing differs from what is stored (nothing is logged then).
        On any error the transaction rolls back whole.
        """

    def upsert(
        self,
        records: Iterable[Record],
        *,
        author: str | None = None,
        expected: Mapping[RecordRef, int | None] | None = None,
        summary: str | None = None,
    ) -> Change | None:
        return self.apply(records, (), action="upsert", author=author, expected=expected,
                          summary=summary)  # fmt: skip

    def delete(
        self,
        refs: Iterable[RecordRef],
        *,
        author: str | None = None,
        expected: Mapping[RecordRef, int | None] | None = None,
    ) -> Change | None:
        return self.apply((), refs, action="delete", author=author, expected=expected)

    def import_map(
        self,
        eco: Ecosystem,
        *,
        replace: bool = False,
        author: str | None = None,
        source: str | None = None,
        snapshot: bool = True,
        revision: int | None = None,
    ) -> Change | None:
        """Merge a map into the store (or, with ``replace``, make the store exactly it).

        A merge upserts the records of ``eco`` and leaves every other stored record as
        it is; to patch stored records field by field, read the files with
        ``onto=store.load()`` (:func:`ecomap.ingest.read_map`), which merges each
        record of the files with the stored one. An import that changes nothing is a
        no-op (returns None, logs nothing, takes no snapshot). Otherwise a snapshot
        named ``import-<change id>`` is taken when ``snapshot`` is true, **in the same
        transaction**: the import and its snapshot are both saved, or neither.

        Parameters
        ----------
        revision : int, optional
            The store's :attr:`revision` read before the map that was previewed:
            when any change was made since, nothing is written and
            :class:`~ecomap.errors.ConflictError` says to look at the import again,
            so what is written is exactly what was shown.

        Raises
        ------
        StoreError
            When the import or its snapshot fails; nothing is written then.
        ConflictError
            When ``revision`` is given and the store has changed since.
        """
        what = f" from {source}" if source else ""
        return self._import(
            eco,
            replace=replace,
            summary=f"{'replaced the map with' if replace else 'imported'} "
            f"{len(eco.actors)} actors, {len(eco.relations)} relations{what}",
            author=author,
            snapshot=snapshot,
            revision=revision,
        )

    @abstractmethod
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
        """The change of :meth:`import_map` and its snapshot, in one transaction that
        first checks ``revision`` (:func:`check_revision`) and, for a replace, reads
        the stored map, so that what another process added just before is removed too."""

    # -- history ---------------------------------------------------------------------
    @abstractmethod
    def history(self, limit: int | None = 50, *, items: bool = True) -> list[Change]:
        """The change log, newest first.

        With ``items=False`` the changes come without their records (``items`` is
        empty, ``item_count`` says how many there were): what a list of changes needs,
        without reading every before and after of a large import.
        """

    def change(self, change_id: int) -> Change | None:
        """One change of the log with its items, or None when there is no such change."""
        return next((c for c in self.history(None) if c.id == change_id), None)

    @abstractmethod
    def undo(self, *, author: str | None = None) -> Change | None:
        """Revert the newest change not yet undone (undos themselves are skipped).

        Repeated calls walk further back: several levels of undo. The revert is a
        change of its own (action ``undo``). Returns None when there is nothing to undo.
        """

    # -- snapshots -------------------------------------------------------------------
    @abstractmethod
    def snapshot_create(self, name: str, note: str | None = None) -> SnapshotInfo:
        """Save the current map under ``name``; StoreError if the name is taken."""

    @abstractmethod
    def snapshot_list(self) -> list[SnapshotInfo]:
        """Every snapshot, oldest first."""

    @abstractmethod
    def snapshot_load(self, name: str) -> Ecosystem:
        """The map as it was in that snapshot; StoreError if there is none by that name."""

    def snapshot_restore(self, name: str, *, author: str | None = None) -> Change | None:
        """Make the current map what the snapshot holds (a change of its own, undoable)."""
        records, deletes = self._replacement(self.snapshot_load(name))
        return self.apply(records, deletes, action="restore", author=author,
                          summary=f"restored snapshot '{name}'")  # fmt: skip

    def _replacement(self, eco: Ecosystem) -> tuple[list[Record], list[RecordRef]]:
        """Upserts and deletes that make the stored map exactly ``eco``."""
        records = _all_records(eco)
        wanted = {record_ref(r) for r in records}
        current = self.load()
        deletes = [
            (kind, key)
            for kind in RecordKind
            for key in current.records(kind)
            if (kind, key) not in wanted
        ]
        return records, deletes

    # -- the store's own settings ------------------------------------------------------
    @abstractmethod
    def setting(self, name: str) -> str | None:
        """A setting the store keeps for itself (not part of the map), or None."""

    @abstractmethod
    def keep_setting(self, name: str, value: str) -> str:
        """Keep ``value`` under ``name`` unless the store already holds one; return the
        value held. Two processes doing this at once both get the same value."""

    def pseudonym_key(self) -> bytes:
        """The store's secret key for pseudonyms (:mod:`ecomap.privacy`).

        Created at random on first use and kept in the store, so that a person has the
        same pseudonym in every output and from one export to the next, while nobody
        without the store can find a pseudonym by hashing candidate names. The key never
        leaves the store otherwise: it is not part of the map, its exports or snapshots.
        """
        from ecomap.privacy import new_key

        held = self.setting(_PSEUDONYM_KEY) or self.keep_setting(_PSEUDONYM_KEY, new_key().hex())
        try:
            return bytes.fromhex(held)
        except ValueError:
            raise StoreError(
                f"the pseudonym key kept in {self.location} is damaged; restore the store "
                "from a backup (a new key would give everyone new pseudonyms)"
            ) from None

    # -- participatory collection (ecomap.collection) ------------------------------------
    # Campaigns, their personal links (kept only as keyed hashes), the answers staged
    # there and the decisions on them live beside the map, never in it: not in its
    # change log, its exports or its snapshots. ecomap.collection is the interface to
    # use; these are its storage. Rows are plain dicts (see SQLiteStore for their keys).
    def _no_campaigns(self, *args: Any, **kwargs: Any) -> Any:
        raise StoreError(f"the store {self.location} does not keep campaigns")

    campaign_create = campaign_records = campaign_record = campaign_set_state = _no_campaigns
    campaign_issue_links = campaign_revoke_links = campaign_link = campaign_links = _no_campaigns
    campaign_save_answers = campaign_answers = campaign_decisions = _no_campaigns
    campaign_decide = campaign_accept = _no_campaigns

    # -- lifetime --------------------------------------------------------------------
    def close(self) -> None:  # noqa: B027 - stores without resources need nothing
        """Release connections and files."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- saved views (ecomap.views.saved): kept with the map, not part of it -------------
    def views(self) -> list[SavedView]:
        """The saved views, in the order of the presentation."""
        return [view for view, _ in self.views_read()]

    def views_read(self) -> list[tuple[SavedView, list[Problem]]]:
        """The saved views in the order of the presentation, each with what of its
        choices this version could not use (:func:`ecomap.views.saved.read_choices`)."""
        return [_view_of(record) for record in self._view_records()]

    def view(self, name: str) -> tuple[SavedView, list[Problem]] | None:
        """The view of that name (case and surrounding spaces aside), or None."""
        wanted = name.strip().casefold()
        return next((found for found in self.views_read()
                     if found[0].name.casefold() == wanted), None)  # fmt: skip

    def save_view(
        self,
        view: SavedView,
        *,
        overwrite: bool = False,
        author: str | None = None,
        lang: str = "en",
    ) -> ViewChange | None:
        """Save a view (:func:`ecomap.views.saved.new_view`) last in the presentation, or,
        with ``overwrite``, in place of the view of the same name.

        Raises
        ------
        ViewError
            When the name is taken and ``overwrite`` is false; nothing is written.
        """
        view = view.model_copy(update={"author": view.author or author,
                                       "updated_by": author or view.updated_by})  # fmt: skip
        return self._change_views(
            "save", f"saved view '{view.name}'", author,
            lambda views: saved_views_rule(views, view, overwrite=overwrite, lang=lang),
        )  # fmt: skip

    def rename_view(
        self, old: str, new: str, *, author: str | None = None, lang: str = "en"
    ) -> ViewChange | None:
        return self._change_views(
            "rename", f"renamed view '{self._stored_name(old)}' to '{new.strip()}'", author,
            lambda views: renamed(views, old, new, author=author, lang=lang),
        )  # fmt: skip

    def describe_view(
        self, name: str, description: str, *, author: str | None = None, lang: str = "en"
    ) -> ViewChange | None:
        return self._change_views(
            "describe", f"described view '{self._stored_name(name)}'", author,
            lambda views: described(views, name, description, author=author, lang=lang),
        )  # fmt: skip

    def delete_view(
        self, name: str, *, author: str | None = None, lang: str = "en"
    ) -> ViewChange | None:
        return self._change_views(
            "delete", f"deleted view '{self._stored_name(name)}'", author,
            lambda views: removed(views, name, lang=lang),
        )  # fmt: skip

    def reorder_views(
        self, names: list[str], *, author: str | None = None, lang: str = "en"
    ) -> ViewChange | None:
        """Put the views in the order of ``names`` (every view named once)."""
        return self._change_views(
            "reorder", "reordered views", author,
            lambda views: reordered(views, names, lang=lang),
        )  # fmt: skip

    def _stored_name(self, name: str) -> str:
        """The name of the stored view ``name`` (as its author wrote it), for the log."""
        found = self.view(name)
        return found[0].name if found else name.strip()

    def _change_views(
        self,
        action: str,
        summary: str,
        author: str | None,
        rule: Callable[[list[SavedView]], list[SavedView]],
    ) -> ViewChange | None:
        """Apply ``rule`` to the stored views in one write transaction, write the views
        it changed and log the change (None, and nothing logged, when none changed).

        Only the views whose content changed are written: a view this version reads in
        part (a newer version's settings) is kept as stored unless it is the one changed.
        """
        return self._write_views(lambda records: _views_diff(records, rule),
                                 action=action, summary=summary, author=author)  # fmt: skip

    def _view_records(self) -> list[dict[str, Any]]:
        """Every stored view as its JSON record, in the order of the presentation."""
        raise StoreError(f"the store {self.location} does not keep saved views")

    def _write_views(
        self,
        plan: Callable[[list[dict[str, Any]]], tuple[list[dict[str, Any]], list[str],
                                                     list[dict[str, Any]]]],
        *,
        action: str,
        summary: str,
        author: str | None,
    ) -> ViewChange | None:  # fmt: skip
        """In one write transaction: read the stored records, ``plan`` the records to
        write, the ids to delete and the records they replace, write them, log."""
        raise StoreError(f"the store {self.location} does not keep saved views")

    def view_history(self, limit: int | None = 50) -> list[ViewChange]:
        """The views' log, newest first."""
        raise StoreError(f"the store {self.location} does not keep saved views")


def _view_of(record: Any) -> tuple[SavedView, list[Problem]]:
    if not isinstance(record, dict):
        raise StoreError("a saved view in the store cannot be read (its record is not an object)")
    try:
        return view_from_record(record)
    except ValueError as error:  # pydantic's ValidationError is a ValueError
        raise StoreError(
            f"the saved view {record.get('name', record.get('id'))!r} in the store cannot be "
            f"read: {error.errors()[0]['msg'] if hasattr(error, 'errors') else error}"
        ) from None


def _views_diff(
    records: list[dict[str, Any]], rule: Callable[[list[SavedView]], list[SavedView]]
) -> tuple[list[dict[str, Any]], list[str], list[dict[str, Any]]]:
    """What a rule changes in the stored views: records to write, ids to delete, and the
    stored records of the views it changes or deletes (the log's ``before``)."""
    parsed = {record["id"]: _view_of(record)[0] for record in records}
    stored = {record["id"]: record for record in records}
    after = rule(in_order(parsed.values()))
    kept = {view.id: view for view in after}
    written = [_kept_aside(view, stored.get(view.id), parsed.get(view.id))
               for view in after if view.id not in parsed or parsed[view.id] != view]  # fmt: skip
    deleted = [view_id for view_id in parsed if view_id not in kept]
    before = [stored[r["id"]] for r in written if r["id"] in stored]
    before += [stored[view_id] for view_id in deleted]
    return written, deleted, before


def _kept_aside(
    view: SavedView, stored: dict[str, Any] | None, read: SavedView | None
) -> dict[str, Any]:
    """The record to write for ``view``, keeping what this version could not read of the
    stored one (``read`` is how it read it): a newer version's settings or values stay
    unless the change replaced them, so renaming such a view loses nothing."""
    record = view_record(view)
    if stored is None or read is None:
        return record
    kept = {key: value for key, value in stored.items() if key not in record}
    if view.choices == read.choices and "choices" in stored:
        kept["choices"] = stored["choices"]
    if view.positions == read.positions and "positions" in stored:
        kept["positions"] = stored["positions"]
    return {**record, **kept}
