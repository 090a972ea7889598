"""The screens shared by the four data pages: a table to edit many records at once, a
form to add or change one, and a confirmed delete that says what goes with it.

Every save is checked with the importer's rules (:func:`ecomap.views.tables.check_changes`)
and written in one store change with the versions read when the table or form was
opened, so a concurrent edit is refused instead of silently overwritten.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages import common
from app_pages.common import t
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
    if kind is not RecordKind.RELATION:
        return record.name
    shown = common.names()
    arrow = "—" if record.undirected else "→"
    return (f"{common.label(record.type)} : {shown.get(record.source, record.source)} {arrow} "
            f"{shown.get(record.target, record.target)}")  # fmt: skip


def _node_options(which: str | None) -> dict[str, str]:
    eco = common.current_map()
    tables = (eco.stakes,) if which == "stake" else (eco.actors, eco.stakes, eco.spaces)
    found = {n: r.name for table in tables for n, r in table.items()}
    return dict(sorted(found.items(), key=lambda item: item[1].casefold()))


def _column(f: Field):
    name = field_label(f)
    if f.widget == "enum":
        return st.column_config.SelectboxColumn(name, options=[m.value for m in f.enum],
                                                format_func=common.labeller(), required=f.required)  # fmt: skip
    if f.widget == "node":
        shown = _node_options(f.nodes)
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


def _opened(kind: RecordKind, scope: str) -> dict[str, Any]:
    """What the editor read when it was opened: the revision and each record's version."""
    key = f"opened:{scope}:{kind.value}"
    if key not in st.session_state:
        st.session_state[key] = {"revision": common.run_key()[1], "versions": common.versions(),
                                 "records": dict(common.current_map().records(kind))}  # fmt: skip
    return st.session_state[key]


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


def table_editor(kind: RecordKind) -> None:
    """All records of a kind in an editable table (add rows at the bottom)."""
    opened = _opened(kind, "table")
    records = opened["records"]
    frame, keys = records_frame(kind, records.values())
    if common.read_only():
        st.dataframe(frame, hide_index=True, width="stretch", column_config=_config(kind, frame))
        return
    if opened["revision"] != common.run_key()[1]:
        st.info(t("table_outdated"), icon=":material/sync:")
    editor_key = f"editor:{kind.value}"
    st.data_editor(frame, key=editor_key, num_rows="add", hide_index=True, width="stretch",
                   column_config=_config(kind, frame), height=420)  # fmt: skip
    state = st.session_state.get(editor_key) or {}
    pending = len(state.get("edited_rows") or {}) + len(state.get("added_rows") or [])
    left, right = st.columns([1, 1])
    save = left.button(t("save_rows", n=pending), key=f"save:{kind.value}", type="primary",
                       disabled=pending == 0, icon=":material/save:")  # fmt: skip
    if right.button(t("reload_table"), key=f"reload:{kind.value}", icon=":material/refresh:"):
        common.forget_open_edits()
        st.rerun()
    if save:
        changes = editor_changes(kind, frame, keys, records, state)
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
    opened = _opened(kind, scope)
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


def data_page(kind: RecordKind) -> None:
    """One data page: the table, a form to add, a form to change or delete."""
    common.page_header(_PAGE[kind], f"intro_{kind.value}")
    common.flash()
    for warning in st.session_state.pop("warnings", []):
        st.info(warning, icon=":material/info:")
    if common.read_only():
        table_editor(kind)
        _card_link(kind)
        return
    common.undo_panel(key=f"undo:{kind.value}")
    table, add, edit = st.tabs([t("tab_table"), t("tab_add"), t("tab_edit")])
    with table:
        table_editor(kind)
        _card_link(kind)
    with add:
        record_form(kind)
    with edit:
        records = common.current_map().records(kind)
        options = sorted(records, key=lambda k: describe(kind, records[k]).casefold())
        pick_key = f"pick:{kind.value}"
        if st.session_state.get(pick_key) not in (None, *options):
            del st.session_state[pick_key]
        shown = {k: describe(kind, records[k]) for k in options}
        key = st.selectbox(t("pick_record", what=t(_WHAT[kind])), options, index=None, key=pick_key,
                           format_func=shown.get,
                           placeholder=t("pick_placeholder"))  # fmt: skip
        if key is not None:
            record_form(kind, key)
            delete_panel(kind, key)
