"""The screens shared by the four data pages: a table to edit many records at once, a
form to add or change one, and a confirmed delete that says what goes with it.

Every save is checked with the importer's rules (:func:`ecomap.views.tables.check_changes`)
and written in one store change with the versions read when the table or form was
opened, so a concurrent edit is refused instead of silently overwritten.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from types import MappingProxyType
from typing import Any

import streamlit as st

from app_pages import common
from app_pages.common import t
from ecomap.i18n import label as enum_label
from ecomap.model import RecordKind
from ecomap.views.tables import (
    FIELDS,
    Field,
    check_changes,
    editor_changes,
    record_fields,
    records_frame,
)

_PAGE = {
    RecordKind.ACTOR: "page_actors",
    RecordKind.STAKE: "page_stakes",
    RecordKind.SPACE: "page_spaces",
    RecordKind.RELATION: "page_relations",
}
_WHAT = {
    RecordKind.ACTOR: "what_actor",
    RecordKind.STAKE: "what_stake",
    RecordKind.SPACE: "what_space",
    RecordKind.RELATION: "what_relation",
}


def field_label(f: Field) -> str:
    return t(f"field_{f.name}") + (" *" if f.required else "")


def describe(kind: RecordKind, record: Any) -> str:
    """A record as one line: a node's name, or "type: source → target"."""
    return describer(kind)(record)


def describer(kind: RecordKind, shown=None, current: str | None = None):
    """:func:`describe` for many records: the names and the language read once."""
    if kind is not RecordKind.RELATION:
        return lambda record: record.name
    shown = common.names() if shown is None else shown
    labelled = common.labeller() if current is None else (lambda v: enum_label(v, current))

    def line(record: Any) -> str:
        arrow = "—" if record.undirected else "→"
        return (f"{labelled(record.type)} : {shown.get(record.source, record.source)} {arrow} "
                f"{shown.get(record.target, record.target)}")  # fmt: skip

    return line


def _node_options(which: str | None) -> Mapping[str, str]:
    """Node id → name, sorted by name: the stakes, or every node (shared per revision)."""
    return _nodes_sorted(*common.run_key(), common.anonymised(), which == "stake")


@st.cache_resource(max_entries=16, show_spinner=False)
def _nodes_sorted(where: str, at: int, anonymous: str | None, stakes_only: bool):
    common.made(_nodes_sorted, where, at, anonymous, stakes_only)
    eco = common._shown_map(where, at, anonymous)
    tables = (eco.stakes,) if stakes_only else (eco.actors, eco.stakes, eco.spaces)
    found = {n: r.name for table in tables for n, r in table.items()}
    return MappingProxyType(dict(sorted(found.items(), key=lambda item: item[1].casefold())))


def _column(f: Field):
    name = field_label(f)
    if f.widget == "enum":
        return st.column_config.SelectboxColumn(name, options=[m.value for m in f.enum],
                                                format_func=common.labeller(), required=f.required)  # fmt: skip
    if f.widget == "node":
        shown = _node_options(f.nodes)
        if len(shown) > NODE_CHOICES:
            # Every cell's list of choices is copied and sent with each run of the page:
            # on a large map the column holds the id, and the form finds nodes by name.
            return st.column_config.TextColumn(name, required=f.required,
                                               help=t("node_id_help"))  # fmt: skip
        return st.column_config.SelectboxColumn(name, options=list(shown),
                                                format_func=lambda i: shown.get(i, i),
                                                required=f.required)  # fmt: skip
    if f.widget == "number":
        # The browser's own way of writing numbers (a decimal comma in French browsers):
        # an editable cell stays a number.
        return st.column_config.NumberColumn(name, format="localized")
    if f.widget == "bool":
        return st.column_config.CheckboxColumn(name)
    return st.column_config.TextColumn(name, required=f.required)


def _opened(kind: RecordKind, scope: str, key: str | None = None) -> dict[str, Any]:
    """What a form read when it was opened: the revision, each record's version, and
    the record it changes (only that one: never a copy of the whole table)."""
    opened_key = f"opened:{scope}:{kind.value}"
    if opened_key not in st.session_state:
        records = common.current_map().records(kind)
        st.session_state[opened_key] = {
            "revision": common.run_key()[1],
            "versions": common.versions(),
            "records": {key: records[key]} if key in records else {},
        }
    return st.session_state[opened_key]


def _save(kind: RecordKind, changes, opened, *, where: str, summary: str) -> None:
    checked = check_changes(common.current_map(), kind, changes, opened["versions"],
                            where=where, lang=common.lang())  # fmt: skip
    if checked.errors:
        st.error(t("rows_invalid", n=len(checked.errors)), icon=":material/error:")
        common.issues_table(checked.issues)
        return
    if checked.warnings:
        st.session_state["warnings"] = [str(w) for w in checked.warnings]
    if common.apply_change(checked.upserts, checked.deletes, expected=checked.expected,
                           summary=summary):  # fmt: skip
        st.rerun()


# -- a large table: one page of rows at a time, found by a search ------------------------
#
# A map of 10,000 actors has 20,000 relations: an editable table of all of them takes
# seconds to build and to send on every run of the page, and as long to scroll. The
# table shows a page of PAGE_ROWS rows, of the rows a search finds (every word typed, in
# any column, capitals and accents aside). While changes wait in the page shown, the
# page and the search cannot change: the rows the changes were typed in stay the very
# rows saved, and nothing typed is lost or applied to another row.

#: Nodes a source, target or stake cell of the table offers as a list at most: beyond,
#: the cell holds the node's id (the form's fields find nodes by name).
NODE_CHOICES = 5_000
#: Rows of a data table shown at once.
PAGE_ROWS = 200
#: Records the "change or delete" picker lists at most (a search finds the others).
PICK_ROWS = 1_000


def folded(value: str) -> str:
    """Text as the search compares it: without capitals or accents (``Élue`` → ``elue``)."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class _Listing:
    """The records of a kind, shared by every session for a revision: their keys in the
    store's order, the line that names each, and the keys in the order of those lines."""

    keys: tuple[str, ...]
    lines: Mapping[str, str]
    by_line: tuple[str, ...]


@st.cache_resource(max_entries=16, show_spinner=False)
def _listing(where: str, at: int, kind_value: str, current: str, anonymous: str | None) -> _Listing:
    common.made(_listing, where, at, kind_value, current, anonymous)
    kind = RecordKind(kind_value)
    records = common._shown_map(where, at, anonymous).records(kind)
    line = describer(kind, common._names(where, at, anonymous), current)
    lines = {key: line(record) for key, record in records.items()}
    by_line = tuple(sorted(lines, key=lambda key: lines[key].casefold()))
    return _Listing(tuple(records), MappingProxyType(lines), by_line)


@st.cache_resource(max_entries=16, show_spinner=False)
def _search_texts(where: str, at: int, kind_value: str, current: str,
                  anonymous: str | None) -> tuple[str, ...]:  # fmt: skip
    """Each record's words as the search reads them (in the listing's order): its line,
    key and every field, choices in the language's words, nodes by name too."""
    common.made(_search_texts, where, at, kind_value, current, anonymous)
    kind = RecordKind(kind_value)
    records = common._shown_map(where, at, anonymous).records(kind)
    shown = common._names(where, at, anonymous)
    lines = _listing(where, at, kind_value, current, anonymous).lines
    fields = FIELDS[kind]

    def words(key: str, record: Any):
        yield lines[key]
        yield key
        for f in fields:
            value = getattr(record, f.name)
            if value is None or value == [] or value == "":
                continue
            if isinstance(value, Enum):
                yield enum_label(value, current)
            elif f.widget == "node":
                yield value
                yield shown.get(value, "")
            elif isinstance(value, list):
                yield " ".join(map(str, value))
            elif isinstance(value, date):
                yield value.isoformat()
            elif isinstance(value, float):
                yield f"{value:g}"
            else:
                yield str(value)
        yield from map(str, record.extra.values())

    return tuple(folded(" ".join(words(key, r))) for key, r in records.items())


def listing(kind: RecordKind) -> _Listing:
    """This run's records of ``kind``, listed (shared per revision and language)."""
    return _listing(*common.run_key(), kind.value, common.lang(), common.anonymised())


def found(kind: RecordKind, search: str) -> list[str]:
    """The keys of the records holding every word of ``search``, in the store's order."""
    keys = listing(kind).keys
    words = folded(search).split()
    if not words:
        return list(keys)
    texts = _search_texts(*common.run_key(), kind.value, common.lang(), common.anonymised())
    return [key for key, text in zip(keys, texts, strict=True) if all(w in text for w in words)]


def _waiting(kind: RecordKind) -> int:
    """Rows changed or added in the table editor and not saved yet."""
    state = st.session_state.get(f"editor:{kind.value}") or {}
    return len(state.get("edited_rows") or {}) + len(state.get("added_rows") or [])


def _locked(kind: RecordKind) -> bool:
    """Whether changes wait in the page of the table shown: it must stay as it is."""
    return _waiting(kind) > 0 and f"opened:table:{kind.value}" in st.session_state


def _page(kind: RecordKind, keys: list[str], *, locked: bool) -> tuple[int, list[str]]:
    """The page of rows to show: its first row's position and its keys."""
    pages = max(1, math.ceil(len(keys) / PAGE_ROWS))
    page_key = f"data_page:{kind.value}"
    current = st.session_state.get(page_key)
    if not isinstance(current, int) or not 1 <= current <= pages:
        st.session_state[page_key] = current = min(max(1, current or 1), pages)
    if pages > 1:
        left, right = st.columns([1, 4], vertical_alignment="bottom")
        current = left.number_input(t("data_page"), min_value=1, max_value=pages, step=1,
                                    key=page_key, disabled=locked)  # fmt: skip
        start = (current - 1) * PAGE_ROWS
        right.caption(t("data_rows", first=start + 1, last=min(start + PAGE_ROWS, len(keys)),
                        n=len(keys)))  # fmt: skip
    start = (current - 1) * PAGE_ROWS
    return start, keys[start : start + PAGE_ROWS]


def table_editor(kind: RecordKind, keys: list[str] | None = None) -> None:
    """The records of a kind (``keys``: those a search found) in an editable table, a
    page at a time (add rows at the bottom)."""
    table_key = f"opened:table:{kind.value}"
    locked = _locked(kind)
    keys = listing(kind).keys if keys is None else keys
    start, shown = _page(kind, list(keys), locked=locked)
    if not locked:
        # Nothing waits: the page shows the map as it is now, read for this run.
        records = common.current_map().records(kind)
        st.session_state[table_key] = {
            "revision": common.run_key()[1],
            "versions": common.versions(),
            "records": {key: records[key] for key in shown if key in records},
            "start": start,
        }
    opened = st.session_state[table_key]
    records = opened["records"]
    frame, row_keys = records_frame(kind, records.values())
    if "config" not in opened:
        opened["config"] = _config(kind, frame)
    if common.read_only():
        st.dataframe(frame, hide_index=True, width="stretch", column_config=opened["config"])
        return
    if locked:
        st.info(t("data_locked"), icon=":material/edit_note:")
        if opened["revision"] != common.run_key()[1]:
            st.info(t("table_outdated"), icon=":material/sync:")
    editor_key = f"editor:{kind.value}"
    st.data_editor(frame, key=editor_key, num_rows="add", hide_index=True, width="stretch",
                   column_config=opened["config"], height=420)  # fmt: skip
    state = st.session_state.get(editor_key) or {}
    pending = _waiting(kind)
    left, right = st.columns([1, 1])
    save = left.button(t("save_rows", n=pending), key=f"save:{kind.value}", type="primary",
                       disabled=pending == 0, icon=":material/save:")  # fmt: skip
    if right.button(t("reload_table"), key=f"reload:{kind.value}", icon=":material/refresh:"):
        common.forget_open_edits()
        st.rerun()
    if save:
        changes = editor_changes(kind, frame, row_keys, records, state)
        # Rows are numbered as in the list the search found (the page's first row is
        # ``start + 1``): the error table names the row the person sees.
        changes = [(row + opened["start"], key, fields) for row, key, fields in changes]
        _save(kind, changes, opened, where=t(f"table_{kind.value}"),
              summary=t("summary_table", n=len(changes), what=t(_WHAT[kind])))  # fmt: skip


def _config(kind: RecordKind, frame) -> dict[str, Any]:
    config: dict[str, Any] = {f.name: _column(f) for f in FIELDS[kind]}
    for custom in frame.columns:
        config.setdefault(custom, st.column_config.TextColumn(custom))
    return config


def _widget(f: Field, value: Any, key: str) -> Any:
    name = field_label(f)
    if f.widget == "enum":
        options = ([] if f.required else [""]) + [m.value for m in f.enum]
        current = getattr(value, "value", value) or ""
        return st.selectbox(name, options, index=options.index(current) if current in options else 0,
                            format_func=common.labeller(), key=key)  # fmt: skip
    if f.widget == "node":
        shown = _node_options(f.nodes)
        options = ([] if f.required else [""]) + list(shown)
        index = options.index(value) if value in options else (None if f.required else 0)
        return st.selectbox(name, options, index=index, key=key,
                            format_func=lambda v: shown.get(v, v) if v else "—",
                            placeholder=t("choose_node"))  # fmt: skip
    if f.widget == "bool":
        options = ["", "true", "false"]
        current = "" if value is None else ("true" if value else "false")
        shown_bool = {"": "—", "true": t("yes"), "false": t("no")}
        return st.selectbox(name, options, index=options.index(current), key=key,
                            format_func=shown_bool.get)  # fmt: skip
    if isinstance(value, list):
        value = "|".join(value)
    elif isinstance(value, float):
        value = f"{value:g}"
    shown = "" if value is None else str(getattr(value, "isoformat", lambda: value)())
    if f.widget == "area":
        return st.text_area(name, shown, key=key, height=80)
    return st.text_input(
        name,
        shown,
        key=key,
        help=t(f"help_{f.name}") if common.has_text(f"help_{f.name}") else None,
    )


_RELATION_GROUPS = {
    "main": ("type", "source", "target", "weight"),
    "details": ("power_type", "stance", "formal", "mode", "stake", "role"),
    "more": ("since", "until", "reported_by", "visibility", "notes", "id"),
}


def record_form(kind: RecordKind, key: str | None = None) -> None:
    """A form to add a record (``key`` None) or change the record with that key."""
    scope = f"form:{key}" if key else "form:new"
    opened = _opened(kind, scope, key)
    record = opened["records"].get(key) if key else None
    if key and record is None:
        st.warning(t("record_gone"))
        return
    values = record_fields(kind, record) if record is not None else {}
    form_key = f"form:{kind.value}:{key or 'new'}:{opened['revision']}"
    fields = {f.name: f for f in FIELDS[kind]}
    with st.form(form_key, border=True):
        entered: dict[str, Any] = {}
        if kind is RecordKind.RELATION:
            groups = [(None, _RELATION_GROUPS["main"]), (None, _RELATION_GROUPS["details"]),
                      ("form_acter", tuple(n for n in fields if n.startswith("acter_"))),
                      ("form_more", _RELATION_GROUPS["more"])]  # fmt: skip
        else:
            groups = [(None, tuple(fields))]
        for title, names_ in groups:
            box = st.expander(t(title)) if title else st.container()
            with box:
                columns = st.columns(2)
                for i, name in enumerate(names_):
                    with columns[i % 2]:
                        entered[name] = _widget(
                            fields[name], values.get(name), f"{form_key}:{name}"
                        )
        submitted = st.form_submit_button(t("form_save" if key else "form_add"), type="primary",
                                          icon=":material/save:")  # fmt: skip
    if submitted:
        entered["extra"] = dict(record.extra) if record is not None else {}
        what = t(_WHAT[kind])
        summary = t("summary_edit" if key else "summary_add", what=what,
                    name=entered.get("name") or describe_fields(kind, entered))  # fmt: skip
        _save(kind, [(None, key, entered)], opened, where=t("form"), summary=summary)
    if key and opened["revision"] != common.run_key()[1]:
        st.info(t("form_outdated"), icon=":material/sync:")
        if st.button(t("reload"), key=f"reload-form:{kind.value}:{key}", icon=":material/refresh:"):
            common.forget_open_edits()
            st.rerun()


def describe_fields(kind: RecordKind, fields: dict[str, Any]) -> str:
    shown = common.names()
    return (f"{common.label(fields.get('type') or '')} : {shown.get(fields.get('source'), fields.get('source'))}"
            f" → {shown.get(fields.get('target'), fields.get('target'))}")  # fmt: skip


def delete_panel(kind: RecordKind, key: str) -> None:
    """Delete one record after confirmation, saying which relations go with it."""
    eco = common.current_map()
    record = eco.records(kind).get(key)
    if record is None:
        return
    with st.expander(t("delete_title"), icon=":material/delete:"):
        dependents = (
            []
            if kind is RecordKind.RELATION
            else common.guarded(common.store().dependents, kind, key)
        )
        if dependents:
            st.warning(
                common.tx("delete_dependents", name=describe(kind, record), n=len(dependents))
            )
            st.markdown("\n".join(f"- {common.plain(describe(RecordKind.RELATION, r))}"
                                  for r in dependents[:30]))  # fmt: skip
            if len(dependents) > 30:
                st.caption(t("and_more", n=len(dependents) - 30))
        else:
            st.caption(common.tx("delete_alone", name=describe(kind, record)))
        confirmed = st.checkbox(t("delete_confirm"), key=f"form:delete-confirm:{kind.value}:{key}")
        if st.button(t("delete_button"), key=f"form:delete:{kind.value}:{key}", type="primary",
                     disabled=not confirmed, icon=":material/delete_forever:"):  # fmt: skip
            version = common.versions().get((kind.value, key))
            summary = t("summary_delete", what=t(_WHAT[kind]), name=describe(kind, record))
            if common.apply_change((), [(kind, key)], expected={(kind, key): version},
                                   summary=summary, action="delete"):  # fmt: skip
                st.session_state.pop(f"pick:{kind.value}", None)
                st.rerun()


def _card_link(kind: RecordKind) -> None:
    """Under the actors' table: pick one to open its card."""
    if kind is not RecordKind.ACTOR:
        return
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    with left:
        actor = common.actor_choice(t("map_card_pick"), key="actors_card_pick")
    if actor is not None:
        with right:
            common.open_card(actor, key="actors_card_open", caption=t("card_open_map"))


def _search(kind: RecordKind, *, locked: bool) -> list[str]:
    """The search box over the table and the picker; the keys of the records found."""
    search_key = f"data_search:{kind.value}"
    words = st.text_input(t("data_search"), key=search_key, disabled=locked,
                          placeholder=t("data_search_placeholder"),
                          help=t("data_search_help"), icon=":material/search:")  # fmt: skip
    keys = found(kind, words or "")
    if words and words.strip():
        total = len(listing(kind).keys)
        if keys:
            st.caption(t("data_found", n=len(keys), total=total))
        else:
            st.info(t("data_none"), icon=":material/search_off:")
    return keys


def _pick(kind: RecordKind, keys: list[str]) -> str | None:
    """The record to change or delete, among those the search found (by their line)."""
    shown = listing(kind)
    if len(keys) == len(shown.keys):
        options = list(shown.by_line[:PICK_ROWS])
    else:
        wanted = set(keys)
        options = [key for key in shown.by_line if key in wanted][:PICK_ROWS]
    pick_key = f"pick:{kind.value}"
    picked = st.session_state.get(pick_key)
    if picked is not None and picked not in options:
        if picked in shown.lines:
            options.append(picked)  # the record being changed stays in the list
        else:
            del st.session_state[pick_key]
    key = st.selectbox(t("pick_record", what=t(_WHAT[kind])), options, index=None, key=pick_key,
                       format_func=shown.lines.get,
                       placeholder=t("pick_placeholder"))  # fmt: skip
    if len(keys) > PICK_ROWS:
        st.caption(t("pick_more", shown=PICK_ROWS, n=len(keys)))
    return key


def data_page(kind: RecordKind) -> None:
    """One data page: a search, the table a page at a time, a form to add, a form to
    change or delete."""
    common.page_header(_PAGE[kind], f"intro_{kind.value}")
    common.flash()
    for warning in st.session_state.pop("warnings", []):
        st.info(warning, icon=":material/info:")
    common.remember(f"data_search:{kind.value}", f"data_page:{kind.value}")
    keys = _search(kind, locked=_locked(kind))
    if common.read_only():
        table_editor(kind, keys)
        _card_link(kind)
        return
    common.undo_panel(key=f"undo:{kind.value}")
    table, add, edit = st.tabs([t("tab_table"), t("tab_add"), t("tab_edit")])
    with table:
        table_editor(kind, keys)
        _card_link(kind)
    with add:
        record_form(kind)
    with edit:
        key = _pick(kind, keys)
        if key is not None:
            record_form(kind, key)
            delete_panel(kind, key)
