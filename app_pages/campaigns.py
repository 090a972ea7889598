"""Campagnes: an admin opens a participatory collection on the map and follows it.

Open a campaign (a title, the stakes to ask about, the respondents — chosen one by one or
by organisation or territory —, an end date): each respondent gets a personal link,
shown once, to copy or download as a list (CSV or Excel) for a mail merge. Follow the
campaigns: the response rate overall and per organisation, who has not answered, the
links (make a new one, revoke one), close or reopen a campaign.

An admin's page (:attr:`~ecomap.access.Right.CAMPAIGN`): anyone else gets the refusal,
and the store refuses their writes whatever the page shows
(:class:`~ecomap.access.GuardedStore`). The links' address comes from the setting
``[ecomap] public_url`` (secrets) or ``ECOMAP_PUBLIC_URL``, else from the address the
admin is using.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from app_pages import common
from app_pages.common import t, tx
from app_pages.respond import PARAMETER
from ecomap import collection
from ecomap.access import AccessDenied, Right
from ecomap.errors import EcomapError
from ecomap.graph import home_organisations
from ecomap.i18n import long_date, percent

#: This page's address in the explorer (``app.py``).
URL_PATH = "campagnes"

common.page_header("page_campaigns", "intro_campaigns")
if not common.permitted(Right.CAMPAIGN):
    st.stop()
if common.anonymised():
    # Respondents and their links are personal by nature: not under pseudonyms.
    st.info(t("campaign_anonymised"), icon=":material/visibility_off:")
    st.stop()
common.flash()
store = common.store()
lang = common.lang()
eco = common.current_map()


def public_url() -> str:
    """Where respondents open their links: the setting, else the admin's own address."""
    chosen = str(common.secrets_section("ecomap").get("public_url") or "").strip()
    chosen = chosen or os.environ.get("ECOMAP_PUBLIC_URL", "").strip()
    if not chosen:
        # The address of this page, without the page: the explorer's root.
        chosen = (st.context.url or "").rstrip("/").removesuffix(f"/{URL_PATH}")
    return chosen.rstrip("/") + "/"


def refused(error: Exception) -> None:
    """A refusal of the library (every problem) or of the store, in words."""
    problems = getattr(error, "problems", None) or [common.said(error)]
    st.error(t("campaign_refused") + "\n\n" + "\n".join(f"- {common.plain(p)}" for p in problems),
             icon=":material/error:")  # fmt: skip


def actor_name(actor_id: str) -> str:
    actor = eco.actors.get(actor_id)
    return actor.name if actor is not None else actor_id


def keep_issued(campaign_id: int, issued: list[collection.IssuedLink]) -> None:
    """Links just issued, kept in this session only: the store keeps no copy of them."""
    st.session_state["campaign:issued"] = (campaign_id, issued)


# -- open a campaign ------------------------------------------------------------------------

_ORGS = sorted((a for a in eco.actors.values() if a.kind.value != "person"),
               key=lambda a: a.name.casefold())  # fmt: skip
_TERRITORIES = sorted({a.territory for a in eco.actors.values() if a.territory}, key=str.casefold)


def _members(organisation: str) -> list[str]:
    """The people whose home organisation (DESIGN §2) is ``organisation``, and itself."""
    homes = home_organisations(eco)
    return [organisation, *sorted(p for p, home in homes.items() if home == organisation)]


def _add_respondents(ids: list[str]) -> None:
    current = st.session_state.get("campaign:respondents") or []
    st.session_state["campaign:respondents"] = list(dict.fromkeys([*current, *ids]))


def _add_organisation() -> None:
    chosen = st.session_state.get("campaign:by_org")
    if chosen:
        _add_respondents(_members(chosen))


def _add_territory() -> None:
    chosen = st.session_state.get("campaign:by_territory")
    if chosen:
        _add_respondents(sorted(a.id for a in eco.actors.values() if a.territory == chosen))


def open_form() -> None:
    st.text_input(t("campaign_title"), key="campaign:title", max_chars=collection.TEXT_LIMIT,
                  placeholder=t("campaign_title_placeholder"))  # fmt: skip
    stakes = sorted(eco.stakes.values(), key=lambda s: s.name.casefold())
    st.multiselect(t("campaign_stakes"), [s.id for s in stakes], key="campaign:stakes",
                   format_func=lambda i: eco.stakes[i].name, help=t("campaign_stakes_help"),
                   placeholder=t("choose_stakes"))  # fmt: skip
    people = sorted(eco.actors, key=lambda i: (eco.actors[i].name.casefold(), i))
    st.multiselect(t("campaign_respondents"), people, key="campaign:respondents",
                   format_func=actor_name, placeholder=t("choose_actors"))  # fmt: skip
    with st.container(border=True):
        st.caption(t("campaign_quick"))
        left, right = st.columns(2)
        with left:
            st.selectbox(t("campaign_by_org"), [a.id for a in _ORGS], key="campaign:by_org",
                         index=None, format_func=actor_name, placeholder=t("choose_actor"))  # fmt: skip
            st.button(t("campaign_add_org"), key="campaign:add_org", on_click=_add_organisation,
                      icon=":material/group_add:")  # fmt: skip
        with right:
            st.selectbox(t("campaign_by_territory"), _TERRITORIES, key="campaign:by_territory",
                         index=None, placeholder=t("choose_territory"))  # fmt: skip
            st.button(t("campaign_add_territory"), key="campaign:add_territory",
                      on_click=_add_territory, icon=":material/add_location_alt:")  # fmt: skip
    st.date_input(t("campaign_ends"), key="campaign:ends", format="DD/MM/YYYY",
                  value=date.today() + timedelta(days=21), min_value=date.today(),
                  help=t("campaign_ends_help"))  # fmt: skip
    chosen = st.session_state.get("campaign:respondents") or []
    st.caption(t("campaign_count", n=len(chosen)))
    if st.button(t("campaign_open"), key="campaign:open", type="primary",
                 icon=":material/campaign:"):  # fmt: skip
        try:
            opened = collection.open_campaign(
                store, st.session_state.get("campaign:title") or "", respondents=chosen,
                ends=st.session_state["campaign:ends"],
                stakes=st.session_state.get("campaign:stakes") or [], lang=lang,
            )  # fmt: skip
            issued = collection.issue_links(store, opened.id, lang=lang)
        except (EcomapError, AccessDenied) as error:
            refused(error)
            return
        keep_issued(opened.id, issued)
        st.session_state["campaign:chosen"] = opened.id
        st.session_state["flash"] = tx("campaign_opened", title=opened.title, n=len(issued))
        for key in ("campaign:title", "campaign:stakes", "campaign:respondents"):
            st.session_state.pop(key, None)
        st.rerun()


# -- follow a campaign ----------------------------------------------------------------------


def state_text(campaign: collection.Campaign) -> str:
    if campaign.state is collection.CampaignState.CLOSED:
        return t("campaign_closed")
    return t("campaign_open_state") if campaign.is_open() else t("campaign_ended")


def issued_links(campaign: collection.Campaign) -> None:
    """The links just issued: each to copy, and the list to download (shown once)."""
    kept = st.session_state.get("campaign:issued")
    if not kept or kept[0] != campaign.id:
        return
    issued = kept[1]
    base = public_url()
    with st.container(border=True):
        st.subheader(t("campaign_links_new"))
        st.warning(t("campaign_links_once"), icon=":material/key:")
        st.caption(t("campaign_links_base", base=base))
        stem = f"liens-campagne-{campaign.id}" if lang == "fr" else f"campaign-{campaign.id}-links"
        left, right = st.columns(2)
        left.download_button(t("campaign_links_csv"), collection.links_csv(store, issued, base,
                             lang=lang), file_name=f"{stem}.csv", mime="text/csv",
                             key="campaign:csv", icon=":material/download:")  # fmt: skip
        right.download_button(t("campaign_links_xlsx"), collection.links_xlsx(store, issued, base,
                              lang=lang), file_name=f"{stem}.xlsx", key="campaign:xlsx",
                              mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              icon=":material/download:")  # fmt: skip
        for link in issued:
            st.markdown(f"**{common.plain(actor_name(link.respondent))}**")
            st.code(collection.personal_link(base, link.token, parameter=PARAMETER),
                    language=None, wrap_lines=True)  # fmt: skip
        if st.button(t("campaign_links_hide"), key="campaign:hide_links",
                     icon=":material/visibility_off:"):  # fmt: skip
            st.session_state.pop("campaign:issued", None)
            st.rerun()


def rates(campaign: collection.Campaign) -> None:
    stats = collection.statistics(store, campaign.id, lang=lang)
    a, b, c = st.columns(3)
    a.metric(t("campaign_rate"), percent(stats.rate, lang))
    b.metric(t("campaign_answered"), t("campaign_answered_of", n=stats.answered,
                                       total=stats.respondents))  # fmt: skip
    c.metric(t("campaign_ends_on"), campaign.ends.strftime("%d/%m/%Y"))
    rows = [
        {
            t("col_organisation"): o.name or t("campaign_no_org"),
            t("col_respondents"): o.respondents,
            t("col_answered"): o.answered,
            t("col_rate"): percent(o.rate, lang),
        }
        for o in stats.by_organisation
    ]
    st.markdown(f"**{t('campaign_by_org_title')}**")
    common.table(pd.DataFrame(rows))
    if len(stats.by_organisation) > 1:
        chart_rates(stats)
    if stats.not_answered:
        names = ", ".join(name for _, name in stats.not_answered)
        st.markdown(tx("campaign_not_answered", n=len(stats.not_answered), names=names))
    else:
        st.success(t("campaign_all_answered"), icon=":material/done_all:")


def chart_rates(stats: collection.CampaignStatistics) -> None:
    import altair as alt

    frame = pd.DataFrame(
        {"organisation": [o.name or t("campaign_no_org") for o in stats.by_organisation],
         "rate": [o.rate for o in stats.by_organisation]}
    )  # fmt: skip
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("rate:Q", title=t("col_rate"), scale=alt.Scale(domain=[0, 1]),
                    axis=alt.Axis(format="%")),
            y=alt.Y("organisation:N", title=None, sort="-x", axis=alt.Axis(labelLimit=260)),
            tooltip=[alt.Tooltip("organisation:N", title=t("col_organisation")),
                     alt.Tooltip("rate:Q", title=t("col_rate"), format=".0%")],
        )
    )  # fmt: skip
    st.altair_chart(chart.properties(height=alt.Step(26)), width="stretch")


def link_table(campaign: collection.Campaign) -> None:
    def when(moment) -> str:
        return moment.astimezone().strftime("%d/%m/%Y %H:%M") if moment else ""

    rows = []
    for status in collection.link_statuses(store, campaign.id, lang=lang):
        if status.issued_at is None:
            shown = t("link_none")
        else:
            shown = t("link_active") if status.active else t("link_revoked")
        rows.append({t("col_respondent"): actor_name(status.respondent), t("col_personal_link"): shown,
                     t("col_issued_at"): when(status.issued_at),
                     t("col_answered_at"): when(status.answered_at)})  # fmt: skip
    common.table(pd.DataFrame(rows))


def link_actions(campaign: collection.Campaign) -> None:
    st.selectbox(t("campaign_pick_respondent"), list(campaign.respondents), index=None,
                 key=f"campaign:who:{campaign.id}", format_func=actor_name,
                 placeholder=t("choose_actor"))  # fmt: skip
    who = st.session_state.get(f"campaign:who:{campaign.id}")
    left, middle, right = st.columns(3)
    try:
        if left.button(t("campaign_new_link"), key="campaign:reissue", disabled=who is None,
                       icon=":material/link:"):  # fmt: skip
            keep_issued(campaign.id, collection.issue_links(store, campaign.id, [who], lang=lang))
            st.session_state["flash"] = tx("campaign_reissued", name=actor_name(who))
            st.rerun()
        if middle.button(t("campaign_revoke"), key="campaign:revoke", disabled=who is None,
                         icon=":material/link_off:"):  # fmt: skip
            collection.revoke_link(store, campaign.id, who, lang=lang)
            st.session_state["flash"] = tx("campaign_revoked", name=actor_name(who))
            st.rerun()
        if right.button(t("campaign_new_links_all"), key="campaign:reissue_all",
                        icon=":material/autorenew:", help=t("campaign_new_links_all_help")):  # fmt: skip
            keep_issued(campaign.id, collection.issue_links(store, campaign.id, lang=lang))
            st.session_state["flash"] = tx("campaign_reissued_all", n=len(campaign.respondents))
            st.rerun()
    except (EcomapError, AccessDenied) as error:
        refused(error)


def close_or_reopen(campaign: collection.Campaign) -> None:
    try:
        if campaign.state is collection.CampaignState.OPEN:
            if st.button(t("campaign_close"), key="campaign:close", icon=":material/lock:",
                         help=t("campaign_close_help")):  # fmt: skip
                collection.close_campaign(store, campaign.id, lang=lang)
                st.session_state["flash"] = tx("campaign_closed_done", title=campaign.title)
                st.rerun()
        elif st.button(t("campaign_reopen"), key="campaign:reopen", icon=":material/lock_open:"):
            collection.reopen_campaign(store, campaign.id, lang=lang)
            st.session_state["flash"] = tx("campaign_reopened", title=campaign.title)
            st.rerun()
    except (EcomapError, AccessDenied) as error:
        refused(error)


def follow() -> None:
    found = common.guarded(collection.campaigns, store)
    if not found:
        st.info(t("campaign_none"), icon=":material/info:")
        return
    by_id = {c.id: c for c in found}
    if st.session_state.get("campaign:chosen") not in by_id:
        st.session_state["campaign:chosen"] = found[0].id
    st.selectbox(t("campaign_pick"), list(by_id), key="campaign:chosen",
                 format_func=lambda i: f"{by_id[i].title} · n° {i} · {state_text(by_id[i])}")  # fmt: skip
    campaign = by_id[st.session_state["campaign:chosen"]]
    st.caption(tx("campaign_about", state=state_text(campaign),
                  ends=long_date(campaign.ends, lang), n=len(campaign.respondents),
                  stakes=", ".join(eco.stakes[s].name if s in eco.stakes else s
                                   for s in campaign.stakes) or "—"))  # fmt: skip
    issued_links(campaign)
    rates(campaign)
    st.subheader(t("campaign_links_title"))
    st.caption(t("campaign_links_help"))
    link_table(campaign)
    link_actions(campaign)
    st.divider()
    close_or_reopen(campaign)
    st.page_link("app_pages/reconcile.py", label=t("campaign_to_reconcile"),
                 icon=":material/rule:")  # fmt: skip


with st.expander(t("campaign_new"), icon=":material/add_circle:",
                 expanded=not common.guarded(collection.campaigns, store)):  # fmt: skip
    open_form()
follow()
