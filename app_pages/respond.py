"""Répondre: the page a personal link opens (``/?jeton=TOKEN``), with no account.

``app.py`` draws it before the sign-in gate when the address holds ``jeton``, and
nothing else of the explorer (no navigation, no sidebar, no map). A respondent sees the
campaign, what is collected, why, by whom and who will see it, and only their own
answers: whom they cooperate with, tensions, who holds which power over them, their
stance on the campaign's stakes. Saving replaces their previous answers in the staging
area (never the map); they may come back with the same link until the end date.

An unknown, revoked, replaced or expired link gets one page in French that says nothing
about the map or the link (:class:`ecomap.collection.InvalidLink`). The link is checked
again on every run, and by the store as it saves (:mod:`ecomap.collection`).
"""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

from app_pages import common
from app_pages.common import t
from ecomap import collection
from ecomap.i18n import long_date
from ecomap.model import ActorKind, PowerType

#: The address's parameter that carries the personal link's token.
PARAMETER = "jeton"
#: The choice "someone who is not in the list" among the names offered.
NEW = "__new__"
#: The answer lists, with the words of their strength scale (1 to 3).
LISTS = {
    "cooperations": "respond_strength",
    "tensions": "respond_intensity",
    "powers": "respond_power_weight",
}
#: A stance as the radios hold it (no answer first, then −2 to +2).
NO_STANCE = "none"
STANCES = [NO_STANCE, "-2", "-1", "0", "1", "2"]
_log = logging.getLogger("ecomap.app")


def requested() -> str | None:
    """The token when the address is a personal link (even an empty one), else None."""
    if PARAMETER not in st.query_params:
        return None
    return st.query_params.get(PARAMETER) or ""


def _client() -> str:
    """Who is trying links, for the limit on invalid ones: the remote address (Streamlit
    gives none for a browser on the server itself)."""
    return st.context.ip_address or "localhost"


def _language() -> None:
    st.radio("Langue · Language", ["fr", "en"], key="lang", horizontal=True,
             format_func={"fr": "Français", "en": "English"}.get)  # fmt: skip


def _refused(message: str) -> None:
    """The one page an unusable link gets: the reason in words, nothing of the map."""
    st.title(t("respond_invalid_title"))
    st.error(message, icon=":material/link_off:")
    st.caption(t("respond_invalid_help"))


def page(token: str) -> None:
    """Draw the respondent's page for ``token`` (then the caller stops the run)."""
    _language()
    lang = common.lang()
    try:
        store = common.opened_store()
        context = collection.verify_link(store, token, client=_client(), lang=lang)
    except (collection.InvalidLink, collection.TooManyAttempts) as refused:
        _refused(str(refused))
        return
    except Exception:  # noqa: BLE001 - a respondent never sees a traceback nor the store's name
        _log.exception("a personal link could not be checked")
        st.title(t("respond_invalid_title"))
        st.error(t("respond_unavailable"), icon=":material/error:")
        return
    _questionnaire(store, token, context)


# -- the draft of answers, kept in the session until saved --------------------------------


def _draft_key(context: collection.RespondentContext) -> str:
    return f"respond:draft:{context.campaign.id}:{context.respondent}"


def _saved(context: collection.RespondentContext) -> dict[str, Any]:
    if context.answers is None:
        return {"cooperations": [], "tensions": [], "powers": [], "stances": {}}
    return context.answers.stored()


def _draft(context: collection.RespondentContext) -> dict[str, Any]:
    key = _draft_key(context)
    if key not in st.session_state:
        st.session_state[key] = _saved(context)
    return st.session_state[key]


def _same(entry: dict[str, Any], other: dict[str, Any]) -> bool:
    """The same person in two entries of a list (an actor of the map, or a new name)."""
    a, b = entry["who"], other["who"]
    if a.get("actor") or b.get("actor"):
        return a.get("actor") == b.get("actor")
    return (a.get("name") or "").strip().casefold() == (b.get("name") or "").strip().casefold()


# -- the page -------------------------------------------------------------------------------


def _questionnaire(store, token: str, context: collection.RespondentContext) -> None:
    lang = common.lang()
    campaign = context.campaign
    ends = long_date(campaign.ends, lang)
    st.title(common.plain(campaign.title))
    st.markdown(common.tx("respond_hello", name=context.respondent_name))
    by = campaign.created_by or t("respond_by_team")
    st.markdown(common.tx("respond_what", by=by))
    st.markdown(t("respond_who_sees"))
    st.info(t("respond_until", ends=ends), icon=":material/event:")
    draft = _draft(context)
    names = {a.id: a.name for a in context.offered}
    message = st.session_state.pop("respond:flash", None)
    if message:
        st.success(message, icon=":material/check_circle:")

    _answer_list(context, draft, names, "cooperations")
    _answer_list(context, draft, names, "tensions")
    _answer_list(context, draft, names, "powers")
    _stances(context, draft)

    st.divider()
    unsaved = _with_stances(context, draft) != _saved(context)
    if unsaved:
        st.warning(t("respond_unsaved"), icon=":material/edit_note:")
    elif context.saved_at is not None:
        when = context.saved_at.astimezone().strftime("%d/%m/%Y %H:%M")
        st.caption(t("respond_saved_at", when=when))
    if st.button(t("respond_save"), key="respond:save", type="primary",
                 icon=":material/save:", width="stretch"):  # fmt: skip
        _save(store, token, context, draft)


def _with_stances(context: collection.RespondentContext, draft: dict[str, Any]) -> dict[str, Any]:
    """The draft with the stances as the radios show them now."""
    stances = {}
    for stake, _ in context.stakes:
        value = st.session_state.get(f"respond:stance:{stake}", NO_STANCE)
        if value != NO_STANCE:
            stances[stake] = int(value)
    return {**draft, "stances": stances}


def _save(store, token: str, context: collection.RespondentContext, draft: dict) -> None:
    lang = common.lang()
    answers = _with_stances(context, draft)
    try:
        saved = collection.save_answers(store, token, answers, client=_client(), lang=lang)
    except collection.AnswersInvalid as invalid:
        st.error(t("respond_invalid_answers"), icon=":material/error:")
        st.markdown("\n".join(f"- {common.plain(p)}" for p in invalid.problems))
        return
    except (collection.InvalidLink, collection.TooManyAttempts) as refused:
        st.error(str(refused), icon=":material/link_off:")
        return
    st.session_state[_draft_key(context)] = saved.answers.stored()
    st.session_state["respond:flash"] = t(
        "respond_saved", ends=long_date(saved.campaign.ends, lang)
    )
    st.rerun()


def _who_text(who: dict[str, Any], names: dict[str, str]) -> str:
    if who.get("actor"):
        return common.plain(names.get(who["actor"], t("respond_someone")))
    shown = common.plain(who.get("name") or "")
    details = [common.label(who.get("kind") or "person")]
    if who.get("organisation"):
        details.append(common.plain(who["organisation"]))
    return f"{shown} ({', '.join(details)}, {t('respond_new_mark')})"


def _entry_text(kind: str, entry: dict[str, Any], names: dict[str, str]) -> str:
    words = t(LISTS[kind]).split("|")
    strength = words[int(entry.get("weight") or 1) - 1]
    line = f"**{_who_text(entry['who'], names)}** · {strength}"
    if kind == "cooperations" and entry.get("formal"):
        line += f" · {t('respond_formal_short')}"
    if kind == "powers":
        line += f" · {t('respond_power_of', type=common.label(entry['power_type']))}"
    return line


def _remove(kind: str, draft_key: str, index: int) -> None:
    del st.session_state[draft_key][kind][index]


def _answer_list(context, draft: dict[str, Any], names: dict[str, str], kind: str) -> None:
    """One list of answers: what is declared (each with a remove button), then a way to
    add someone, from the names offered or someone new."""
    st.subheader(t(f"respond_{kind}_title"))
    st.caption(t(f"respond_{kind}_help"))
    entries = draft[kind]
    for index, entry in enumerate(entries):
        with st.container(border=True):
            left, right = st.columns([5, 1], vertical_alignment="center")
            left.markdown(_entry_text(kind, entry, names))
            right.button(t("respond_remove"), key=f"respond:remove:{kind}:{index}",
                         icon=":material/delete:", on_click=_remove,
                         args=(kind, _draft_key(context), index))  # fmt: skip
    if not entries:
        st.caption(t("respond_none_yet"))
    with st.expander(t(f"respond_{kind}_add"), icon=":material/add:"):
        _add_form(context, names, kind)


def _add_form(context, names: dict[str, str], kind: str) -> None:
    prefix = f"respond:add:{kind}"
    options = [NEW, *names]
    st.selectbox(t("respond_who"), options, index=None, key=f"{prefix}:who",
                 format_func=lambda i: t("respond_someone_new") if i == NEW else names.get(i, i),
                 placeholder=t("respond_who_placeholder"), help=t("respond_who_help"))  # fmt: skip
    if st.session_state.get(f"{prefix}:who") == NEW:
        st.text_input(t("respond_new_name"), key=f"{prefix}:name", max_chars=collection.TEXT_LIMIT)
        st.radio(t("respond_new_kind"), [k.value for k in ActorKind], key=f"{prefix}:kind",
                 format_func=common.labeller(), horizontal=True)  # fmt: skip
        st.text_input(t("respond_new_organisation"), key=f"{prefix}:organisation",
                      max_chars=collection.TEXT_LIMIT, help=t("respond_new_organisation_help"))  # fmt: skip
    words = t(LISTS[kind]).split("|")
    if kind == "powers":
        st.radio(t("respond_power_type"), [p.value for p in PowerType], key=f"{prefix}:type",
                 format_func=_power_words(), index=None)  # fmt: skip
    st.radio(t(f"respond_{kind}_weight"), [1, 2, 3], key=f"{prefix}:weight",
             index=1 if kind == "cooperations" else 0, horizontal=True,
             format_func=lambda n: words[n - 1])  # fmt: skip
    if kind == "cooperations":
        st.checkbox(t("respond_formal"), key=f"{prefix}:formal", help=t("respond_formal_help"))
    st.button(t("respond_add"), key=f"{prefix}:go", icon=":material/add:",
              on_click=_add, args=(context, kind))  # fmt: skip
    problem = st.session_state.pop(f"{prefix}:problem", None)
    if problem:
        st.warning(problem, icon=":material/warning:")


def _power_words():
    say = common.words()
    return lambda value: say(f"respond_power_{value}")


def _add(context, kind: str) -> None:
    """Add what the form holds to the draft (a callback: runs before the page is drawn
    again, so the form can be emptied)."""
    prefix = f"respond:add:{kind}"
    state = st.session_state
    who_choice = state.get(f"{prefix}:who")
    if who_choice is None:
        state[f"{prefix}:problem"] = t("respond_pick_someone")
        return
    if who_choice == NEW:
        name = (state.get(f"{prefix}:name") or "").strip()
        if not name:
            state[f"{prefix}:problem"] = t("respond_new_name_missing")
            return
        who = {"actor": None, "name": name, "kind": state.get(f"{prefix}:kind") or "person",
               "organisation": (state.get(f"{prefix}:organisation") or "").strip() or None}  # fmt: skip
    else:
        who = {"actor": who_choice, "name": None, "kind": "person", "organisation": None}
    entry: dict[str, Any] = {"who": who, "weight": int(state.get(f"{prefix}:weight") or 1)}
    if kind == "cooperations":
        entry["formal"] = bool(state.get(f"{prefix}:formal"))
    if kind == "powers":
        power_type = state.get(f"{prefix}:type")
        if power_type is None:
            state[f"{prefix}:problem"] = t("respond_pick_power_type")
            return
        entry["power_type"] = power_type
    entries = state[_draft_key(context)][kind]
    # The same person again replaces the earlier answer about them.
    entries[:] = [e for e in entries if not _same(e, entry)] + [entry]
    for field in ("who", "name", "kind", "organisation", "type", "weight", "formal"):
        state.pop(f"{prefix}:{field}", None)


def _stances(context, draft: dict[str, Any]) -> None:
    if not context.stakes:
        return
    st.subheader(t("respond_stances_title"))
    st.caption(t("respond_stances_help"))
    words = dict(zip(STANCES, t("respond_stance_words").split("|"), strict=True))
    for stake, name in context.stakes:
        key = f"respond:stance:{stake}"
        if key not in st.session_state:
            stance = draft["stances"].get(stake)
            st.session_state[key] = NO_STANCE if stance is None else str(stance)
        st.radio(common.plain(name), STANCES, key=key, horizontal=True,
                 format_func=words.__getitem__)  # fmt: skip
