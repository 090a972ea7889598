"""Fragilité: the links between organisations that hang on one person, the key people,
and a what-if — pick the people who leave and see what falls."""

import streamlit as st

from app_pages import common
from app_pages.common import t

common.page_header("page_fragility", "intro_fragility")
shown = common.names()


def people(ids) -> str:
    return ", ".join(shown.get(i, i) for i in ids)


def pair(ids) -> str:
    return " — ".join(shown.get(i, i) for i in ids)


links_tab, people_tab, what_if_tab = st.tabs(
    [t("fragility_links"), t("fragility_people"), t("fragility_what_if")]
)

with links_tab:
    links = common.analysis("fragility", "fragile_links") or []
    only_fragile = st.toggle(t("fragility_only_fragile"), value=True, key="fragility_only")
    chosen = [link for link in links if link["fragile"] or not only_fragile]
    st.caption(t("fragility_links_count", n=sum(1 for x in links if x["fragile"]),
                 total=len(links)))  # fmt: skip
    common.results(
        chosen,
        [("col_link", lambda r: pair(r["organisations"])),
         ("col_bus_factor", lambda r: r["bus_factor"]),
         ("col_carriers", lambda r: people(r["carriers"])),
         ("col_instituted", lambda r: t("yes") if r["instituted"] else t("no")),
         ("col_fragile", lambda r: t("yes") if r["fragile"] else t("no"))],
        key="fragility_link_pick",
        title=lambda r: pair(r["organisations"]),
        actors=lambda r: [*r["organisations"], *r["critical"]],
        empty="fragility_none",
    )  # fmt: skip

with people_tab:
    key_people = common.analysis("fragility", "key_people")
    common.results(
        key_people,
        [("col_person", lambda r: r["name"]),
         ("col_links_lost", lambda r: r["links_lost"]),
         ("col_weight", lambda r: r["weight"])],
        key="fragility_person_pick",
        title=lambda r: r["name"],
        actors=lambda r: [r["person"]],
        empty="fragility_no_key_people",
    )  # fmt: skip

with what_if_tab:
    st.caption(t("what_if_help"))
    left, right = st.columns([3, 1])
    with left:
        leaving = common.actor_choice(t("what_if_leaving"), key="what_if_people",
                                      kinds=("person",), multiple=True)  # fmt: skip
    months = right.number_input(t("what_if_months"), min_value=0, max_value=60, value=0,
                                step=1, key="what_if_months", help=t("what_if_months_help"))  # fmt: skip
    if leaving or months:
        outcome = common.analysis("fragility", "what_if", list(leaving),
                                  months=int(months) or None)  # fmt: skip
        if outcome is not None:
            counts = st.columns(4)
            counts[0].metric(t("what_if_ended"), common.count(len(outcome["links_ended"])))
            counts[1].metric(t("what_if_weakened"), common.count(len(outcome["links_weakened"])))
            counts[2].metric(t("what_if_isolated"), common.count(len(outcome["isolated"])))
            counts[3].metric(t("what_if_split"), common.count(len(outcome["components_split"])))
            if outcome["leaving"] and months:
                st.caption(common.tx("what_if_who", names=people(outcome["leaving"])))
            common.reasons_list(outcome["reasons"])
            touched = [a for link in outcome["links_ended"] for a in link] + outcome["isolated"]
            for column, actor in zip(st.columns(4), list(dict.fromkeys(touched))[:4], strict=False):
                with column:
                    common.show_on_map(actor, key=f"what_if:map:{actor}")
