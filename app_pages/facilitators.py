"""Tiers neutres: who could facilitate neutrally between chosen parties, candidates for
every recorded tension, and an audit of the existing spaces."""

import streamlit as st

from app_pages import common
from app_pages.common import t

common.page_header("page_facilitators", "intro_facilitators")
shown = common.names()
parties_tab, tensions_tab, audit_tab = st.tabs(
    [t("facilitators_parties"), t("facilitators_tensions"), t("facilitators_audit")]
)


def candidates_table(candidates, key: str) -> None:
    common.results(
        candidates,
        [("col_actor", lambda r: r["name"]),
         ("col_cooperates_with", lambda r: ", ".join(shown.get(i, i) for i in r["cooperates_with"])),
         ("col_power", lambda r: round(r["power_index"], 2))],
        key=key,
        title=lambda r: r["name"],
        actors=lambda r: [r["actor"]],
        empty="facilitators_none",
    )  # fmt: skip


with parties_tab:
    parties = common.actor_choice(t("facilitators_pick"), key="facilitators_parties",
                                  multiple=True)  # fmt: skip
    if parties:
        candidates_table(common.analysis("facilitation", "facilitators", list(parties), top=10),
                         "facilitators_pick_one")  # fmt: skip
    else:
        st.caption(t("facilitators_help"))

with tensions_tab:
    chosen = common.results(
        common.analysis("facilitation", "facilitators_for_tensions"),
        [("col_parties", lambda r: " — ".join(r["names"])),
         ("col_candidates", lambda r: ", ".join(c["name"] for c in r["candidates"]))],
        key="facilitators_tension_pick",
        title=lambda r: " — ".join(r["names"]),
        actors=lambda r: [*r["parties"], *(c["actor"] for c in r["candidates"])],
    )  # fmt: skip
    if chosen is not None:
        candidates_table(chosen["candidates"], "facilitators_tension_candidate")

with audit_tab:
    common.results(
        common.analysis("facilitation", "space_audit"),
        [("col_space", lambda r: r["name"]),
         ("col_kind", lambda r: common.label(r["kind"])),
         ("col_instituted", lambda r: t("yes") if r["instituted"] else t("no")),
         ("col_flagged", lambda r: ", ".join(r["issues"]) if r["flagged"] else t("no"))],
        key="audit_pick",
        title=lambda r: r["name"],
        actors=lambda r: [*r.get("facilitators", []), *r.get("structures", [])],
    )  # fmt: skip
