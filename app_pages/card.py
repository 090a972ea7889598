"""Fiche acteur: one actor — who it is, its relations by type, and what every analysis
says about it with the reasons; buttons to centre the map on it and to see what its
departure would end. Opened from the map, from any result table, or by ``?fiche=id``."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common
from app_pages.common import plain, t
from ecomap.analysis import SECTIONS
from ecomap.analysis.engagement import OVERLOAD_THRESHOLD
from ecomap.views.card import NEEDED, actor_card


def _take_actor_from_links(eco) -> None:
    """A button elsewhere, a click on the map or a shared URL ``?fiche=id`` picks the actor."""
    wanted = st.session_state.pop("card", None)
    if wanted is None:
        shared = st.query_params.get("fiche")
        if shared and shared != st.session_state.get("card_shared"):
            st.session_state["card_shared"] = shared
            wanted = shared
    if wanted is None:
        return
    if wanted in eco.actors:
        st.session_state["card_actor"] = wanted
    else:
        # Under anonymise an id typed in the address may be a real, name-bearing one:
        # it is not repeated on the page.
        shown = "…" if common.anonymised() else wanted
        st.warning(common.tx("card_unknown", id=shown), icon=":material/person_off:")


#: The choices the analysis pages open with, where the card reads the same analysis: the
#: card then reads the very results those pages have (the functions' defaults, written
#: as the pages write them).
CHOICES: dict[str, dict] = {
    "bridges": {"groups": "organisation"},
    "engagement": {"overload_threshold": OVERLOAD_THRESHOLD, "steps": 2},
}


def _results() -> dict:
    """The analyses the card reads, from the explorer's cache (one computation per map)."""
    found = {}
    for section in NEEDED:
        value = common.analysis(*SECTIONS[section], **CHOICES.get(section, {}))
        if value is not None:
            found[section] = value
    return found


#: Session key of the opened list of one type of relations (``RELATIONS_OPEN + type``).
RELATIONS_OPEN = "card_rel_open_list:"


def _line(items) -> str:
    return ", ".join(plain(i["name"]) for i in items) or "—"


def _identity(card) -> None:
    label = common.labeller()
    facts = [
        ("card_kind", label(card["kind"])),
        ("card_level", label(card["level"])),
        ("card_territory", plain(card["territory"] or "—")),
        ("card_category", plain(card["category"] or "—")),
        ("card_role", plain(card["role"] or "—")),
        ("card_engagement", label(card["engagement"])),
        ("card_tags", ", ".join(plain(tag) for tag in card["tags"]) or "—"),
    ]
    facts = [(key, value) for key, value in facts if value != "—"]
    for ends in ("organisations", "part_of", "units", "members"):
        if card[ends]:
            facts.append((f"card_{ends}", _line(card[ends])))
    colon = " : " if common.lang() == "fr" else ": "
    st.markdown("  \n".join(f"**{t(key)}**{colon}{value}" for key, value in facts))


def _relations(card) -> None:
    st.subheader(t("card_relations"))
    if not card["relations"]:
        st.caption(t("card_no_relations"))
        return
    for rtype, rows in card["relations"].items():
        shown = t("card_relation_count", type=common.label(rtype), n=len(rows))
        # Each table is made when its list is opened (an actor of a large map has
        # hundreds of ties: tables nobody opens would be sent and drawn all the same).
        box = st.expander(shown, key=f"{RELATIONS_OPEN}{rtype}", on_change="rerun")
        if not box.open:
            continue
        with box:
            frame = pd.DataFrame(
                [
                    {t("card_col_direction"): t(f"card_{r['direction']}"),
                     t("card_col_other"): r["other_name"],
                     t("card_col_details"): ", ".join(r["details"])}
                    for r in rows
                ]
            )  # fmt: skip
            picked = st.dataframe(frame, hide_index=True, width="stretch", on_select="rerun",
                                  selection_mode="single-row", key=f"card_rel:{rtype}")  # fmt: skip
            chosen = list(getattr(getattr(picked, "selection", None), "rows", None) or [])
            if chosen and chosen[0] < len(rows):
                other = rows[chosen[0]]
                if other["other_type"] == "actor":
                    common.open_card(other["other"], key=f"card_rel_open:{rtype}")


def _what_if(actor: str) -> None:
    outcome = common.analysis("fragility", "what_if", [actor])
    if outcome is None:
        return
    with st.container(border=True):
        counts = st.columns(4)
        counts[0].metric(t("what_if_ended"), len(outcome["links_ended"]))
        counts[1].metric(t("what_if_weakened"), len(outcome["links_weakened"]))
        counts[2].metric(t("what_if_isolated"), len(outcome["isolated"]))
        counts[3].metric(t("what_if_split"), len(outcome["components_split"]))
        common.reasons_list(outcome["reasons"])


def _analyses(card) -> None:
    st.subheader(t("card_analyses"))
    for section in card["sections"]:
        with st.container(border=True):
            st.markdown(f"**{t('card_section_' + section['key'])}** — {plain(section['headline'])}")
            findings = section["findings"]
            if not findings:
                continue
            with st.expander(t("card_findings", n=len(findings))):
                for finding in findings:
                    st.markdown(f"**{plain(finding['text'])}**")
                    common.reasons_list(finding["reasons"])


common.page_header("page_card", "card_intro")
eco = common.current_map()
common.remember("card_actor")
if st.session_state.get("card_actor") not in (None, *eco.actors):
    del st.session_state["card_actor"]
_take_actor_from_links(eco)
actor = common.actor_choice(t("card_pick"), key="card_actor")
if actor is None:
    if "fiche" in st.query_params:
        del st.query_params["fiche"]
    st.info(t("card_none"), icon=":material/badge:")
    st.stop()
st.query_params["fiche"] = actor
st.session_state["card_shared"] = actor

card = actor_card(common.current_graph(), actor, as_of=common.as_of(), lang=common.lang(),
                  results=_results())  # fmt: skip
st.header(plain(card["name"]))
buttons = st.columns([1, 1, 3])
with buttons[0]:
    common.show_on_map(actor, key="card_centre", caption=t("card_centre"))
person = card["kind"] == "person"
leaving = buttons[1].toggle(t("card_what_if"), key="card_what_if", disabled=not person,
                            help=None if person else t("card_what_if_person"))  # fmt: skip
if leaving and person:
    _what_if(actor)
_identity(card)
_analyses(card)
_relations(card)
