"""Réconciliation: what a campaign's answers propose to change in the map, and the agent's
decision on each proposal.

New actors come first, with the actors of the map they may be the same as; then the
proposed ties, each with who declared it and how the two sides agree — réciproque,
déclaré d'un seul côté, contesté (DESIGN §6, :mod:`ecomap.glossary`). The agent accepts
or rejects row by row or in bulk, then applies: what is accepted enters the map as one
change of the history, with ``reported_by`` and a ``confidence`` on each relation, and can
be undone like any other; what is rejected stays with the campaign.

An editor's page (``app.py`` gives anyone else the refusal); the store checks the right
again as it writes.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common
from app_pages.common import t, tx
from ecomap import collection, glossary
from ecomap.access import AccessDenied
from ecomap.errors import EcomapError
from ecomap.i18n import number, quoted

ACCEPT, REJECT, LATER = "accept", "reject", "later"
DECISIONS = [LATER, ACCEPT, REJECT]
#: The glossary's entry and the badge's colour for each agreement.
AGREEMENTS = {
    collection.Agreement.RECIPROCATED: ("tie_reciprocated", "green"),
    collection.Agreement.ONE_SIDED: ("tie_one_sided", "orange"),
    collection.Agreement.CONTESTED: ("tie_contested", "red"),
}
#: A new actor's proposal is the new actor itself unless the agent says who it is.
NEW_ACTOR = "__new__"

common.page_header("page_reconcile", "intro_reconcile")
if common.read_only():
    st.info(t("reconcile_read_only"), icon=":material/visibility:")
    st.stop()
common.flash()
store = common.store()
lang = common.lang()
eco = common.current_map()

found = common.guarded(collection.campaigns, store)
if not found:
    st.info(t("reconcile_no_campaign"), icon=":material/info:")
    st.stop()
by_id = {c.id: c for c in found}
if st.session_state.get("reconcile:campaign") not in by_id:
    st.session_state["reconcile:campaign"] = found[0].id
st.selectbox(t("campaign_pick"), list(by_id), key="reconcile:campaign",
             format_func=lambda i: t("reconcile_campaign", title=by_id[i].title, id=str(i),
                                     ends=by_id[i].ends.strftime("%d/%m/%Y")))  # fmt: skip
campaign = by_id[st.session_state["reconcile:campaign"]]
proposals = common.guarded(collection.proposals, store, campaign.id, lang=lang)
waiting = [p for p in proposals if p.waiting]
decided = [p for p in proposals if not p.waiting]

# Names of the map, and of the new actors proposed (their ids are proposed ids).
names = {a.id: a.name for a in eco.actors.values()}
names.update({s.id: s.name for s in eco.stakes.values()})
names.update({p.record.id: p.record.name for p in proposals if p.kind == "actor"})


def decision_key(proposal: collection.Proposal) -> str:
    return f"reconcile:{campaign.id}:{proposal.key}"


def who_key(proposal: collection.Proposal) -> str:
    return f"reconcile:same:{campaign.id}:{proposal.key}"


def respondents_text(proposal: collection.Proposal) -> str:
    return ", ".join(names.get(r, r) for r in proposal.respondents)


def scale(key: str, weight) -> str:
    words = t(key).split("|")
    return words[max(1, min(3, int(weight or 1))) - 1]


def tie_text(record, fill=tx) -> str:
    """A proposed relation in words: who, what, how strongly (Markdown with ``tx``; plain
    text for a table with ``t``, whose bold marks are then dropped)."""
    if fill is t:
        return tie_text(record, lambda key, **v: t(key, **v).replace("**", ""))
    kind = record.type.value
    source, target = (
        names.get(record.source, record.source),
        names.get(record.target, record.target),
    )
    if kind == "cooperates":
        text = fill("reconcile_cooperates", a=source, b=target,
                  strength=scale("respond_strength", record.weight))  # fmt: skip
        return text + (f" · {t('respond_formal_short')}" if record.formal else "")
    if kind == "tension":
        return fill("reconcile_tension", a=source, b=target,
                  strength=scale("respond_intensity", record.weight))  # fmt: skip
    if kind == "power":
        return fill("reconcile_power", a=source, b=target, type=common.label(record.power_type),
                  strength=scale("respond_power_weight", record.weight))  # fmt: skip
    if kind == "stake":
        words = t("respond_stance_words").split("|")
        stance = words[int(record.stance) + 3] if record.stance is not None else "—"
        return fill("reconcile_stance", a=source, stake=quoted(target, lang), stance=stance)
    return fill("reconcile_other", type=common.label(kind), a=source, b=target)


def agreement_badge(proposal: collection.Proposal) -> None:
    if proposal.agreement in AGREEMENTS:
        term, colour = AGREEMENTS[proposal.agreement]
        st.badge(glossary.name(term, lang), color=colour,
                 help=glossary.explain(term, lang))  # fmt: skip
    elif proposal.agreement is not None:
        st.badge(t("reconcile_own"), color="gray")


def decision_radio(proposal: collection.Proposal) -> None:
    labels = {LATER: t("reconcile_later"), ACCEPT: t("reconcile_accept"),
              REJECT: t("reconcile_reject")}  # fmt: skip
    st.session_state.setdefault(decision_key(proposal), LATER)
    st.radio(t("reconcile_decision"), DECISIONS, key=decision_key(proposal), horizontal=True,
             format_func=labels.__getitem__, label_visibility="collapsed")  # fmt: skip


def new_actor_row(proposal: collection.Proposal) -> None:
    actor = proposal.record
    with st.container(border=True):
        st.markdown(tx("reconcile_new_actor", name=actor.name, kind=common.label(actor.kind)))
        st.caption(tx("reconcile_declared_by", names=respondents_text(proposal)) +
                   (f" · {common.plain(actor.notes)}" if actor.notes else ""))  # fmt: skip
        options = [NEW_ACTOR, *(d[0] for d in proposal.duplicates)]
        scores = {d[0]: d[2] for d in proposal.duplicates}
        if proposal.duplicates:
            st.radio(t("reconcile_same_as"), options, key=who_key(proposal),
                     format_func=lambda i: t("reconcile_is_new") if i == NEW_ACTOR else
                     t("reconcile_is_same", name=names.get(i, i),
                       score=number(round(scores[i] * 100), lang)))  # fmt: skip
        decision_radio(proposal)


def relation_row(proposal: collection.Proposal) -> None:
    with st.container(border=True):
        top, badge = st.columns([4, 1], vertical_alignment="center")
        top.markdown(tie_text(proposal.record))
        with badge:
            agreement_badge(proposal)
        details = [tx("reconcile_declared_by", names=respondents_text(proposal))]
        if proposal.confidence is not None:
            details.append(t("reconcile_confidence", value=number(proposal.confidence, lang)))
        if proposal.before is not None:
            details.append(t("reconcile_before") + " " + tie_text(proposal.before))
        if proposal.ends:
            details.append(t("reconcile_needs_new"))
        st.caption(" · ".join(details))
        decision_radio(proposal)


def set_all(decision: str, only=None) -> None:
    for proposal in waiting:
        if only is None or proposal.agreement in only:
            st.session_state[decision_key(proposal)] = decision


def apply() -> None:
    chosen = {p.key: st.session_state.get(decision_key(p), LATER) for p in waiting}
    accepted = [k for k, d in chosen.items() if d == ACCEPT]
    rejected = [k for k, d in chosen.items() if d == REJECT]
    same_as = {}
    for p in waiting:
        if p.kind == "actor" and chosen[p.key] == ACCEPT:
            who = st.session_state.get(who_key(p), NEW_ACTOR)
            if who != NEW_ACTOR:
                same_as[p.key] = who
    try:
        change = None
        if accepted:
            keys = [k for k in accepted if k not in same_as]
            change = collection.accept(store, campaign.id, keys, same_as=same_as, lang=lang)
        if rejected:
            collection.reject(store, campaign.id, rejected, lang=lang)
    except (EcomapError, AccessDenied) as error:
        problems = getattr(error, "problems", None) or [common.said(error)]
        st.error(t("reconcile_refused") + "\n\n" +
                 "\n".join(f"- {common.plain(p)}" for p in problems), icon=":material/error:")  # fmt: skip
        return
    done = t("reconcile_applied", accepted=len(accepted), rejected=len(rejected))
    if change is not None:
        done += " " + t("reconcile_applied_change", id=change.id)
    st.session_state["flash"] = done
    st.session_state["reconcile:applied"] = change.id if change is not None else None
    for p in waiting:
        st.session_state.pop(decision_key(p), None)
        st.session_state.pop(who_key(p), None)
    st.rerun()


if not waiting:
    st.info(t("reconcile_nothing"), icon=":material/done_all:")
else:
    st.caption(t("reconcile_waiting", n=len(waiting)))
    a, b, c = st.columns(3)
    a.button(t("reconcile_accept_all"), key="reconcile:all", on_click=set_all, args=(ACCEPT,),
             icon=":material/done_all:")  # fmt: skip
    b.button(t("reconcile_accept_reciprocated"), key="reconcile:reciprocated", on_click=set_all,
             args=(ACCEPT, {collection.Agreement.RECIPROCATED, collection.Agreement.OWN}),
             icon=":material/sync_alt:", help=t("reconcile_accept_reciprocated_help"))  # fmt: skip
    c.button(t("reconcile_reject_all"), key="reconcile:none", on_click=set_all, args=(REJECT,),
             icon=":material/block:")  # fmt: skip
    actors = [p for p in waiting if p.kind == "actor"]
    if actors:
        st.subheader(t("reconcile_new_actors"))
        st.caption(t("reconcile_new_actors_help"))
        for proposal in actors:
            new_actor_row(proposal)
    ties = [p for p in waiting if p.kind != "actor"]
    if ties:
        st.subheader(t("reconcile_ties"))
        st.caption(t("reconcile_ties_help"))
        for proposal in ties:
            relation_row(proposal)
    choices = [st.session_state.get(decision_key(p), LATER) for p in waiting]
    st.caption(t("reconcile_counts", accepted=choices.count(ACCEPT),
                 rejected=choices.count(REJECT), later=choices.count(LATER)))  # fmt: skip
    if st.button(t("reconcile_apply"), key="reconcile:apply", type="primary",
                 icon=":material/task_alt:", disabled=choices.count(LATER) == len(choices)):  # fmt: skip
        apply()

# Undo here only what this page just applied (any other change: the History page).
applied = st.session_state.get("reconcile:applied")
if applied is not None and getattr(common.last_change_to_undo(), "id", None) == applied:
    common.undo_panel(key="undo:reconcile")
st.page_link("app_pages/history.py", label=t("reconcile_to_history"), icon=":material/history:")

if decided:
    with st.expander(t("reconcile_decided", n=len(decided)), icon=":material/history:"):
        rows = [
            {
                t("col_proposal"): (p.record.name if p.kind == "actor"
                                    else tie_text(p.record, t)),
                t("col_decision"): t("reconcile_accepted" if p.decision.state == "accepted"
                                     else "reconcile_rejected"),
                t("col_decided_by"): p.decision.by or "",
                t("col_decided_at"): p.decision.at.astimezone().strftime("%d/%m/%Y %H:%M"),
            }
            for p in decided
        ]  # fmt: skip
        common.table(pd.DataFrame(rows))
