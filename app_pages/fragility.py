"""Fragilité: the links between organisations that hang on one person, the key people,
and a what-if — pick the people who leave and see what falls.

Only the open tab is made (:func:`common.tabs`)."""

import streamlit as st

from app_pages import common
from app_pages.common import t

common.page_header("page_fragility", "intro_fragility")
links_tab, people_tab, what_if_tab = common.tabs(
    [t("fragility_links"), t("fragility_people"), t("fragility_what_if")], key="fragility_tab"
)

eco = common.current_map()


def name(node: str) -> str:
    """A node's name as shown (the node itself when the map has no such node)."""
    record = eco.node(node)
    return node if record is None else record.name


def people(ids) -> str:
    return ", ".join(name(i) for i in ids)


def pair(ids) -> str:
    return " — ".join(name(i) for i in ids)


def links() -> None:
    found = common.analysis("fragility", "fragile_links") or []
    only_fragile = st.toggle(t("fragility_only_fragile"), value=True, key="fragility_only")
    chosen = [link for link in found if link["fragile"] or not only_fragile]
    st.caption(t("fragility_links_count", n=sum(1 for x in found if x["fragile"]),
                 total=len(found)))  # fmt: skip
    yes, no = t("yes"), t("no")
    common.results(
        chosen,
        [("col_link", lambda r: pair(r["organisations"])),
         ("col_bus_factor", lambda r: r["bus_factor"]),
         ("col_carriers", lambda r: people(r["carriers"])),
         ("col_instituted", lambda r: yes if r["instituted"] else no),
         ("col_fragile", lambda r: yes if r["fragile"] else no)],
        key="fragility_link_pick",
        title=lambda r: pair(r["organisations"]),
        actors=lambda r: [*r["organisations"], *r["critical"]],
        empty="fragility_none",
    )  # fmt: skip


def key_people() -> None:
    common.results(
        common.analysis("fragility", "key_people"),
        [("col_person", lambda r: r["name"]),
         ("col_links_lost", lambda r: r["links_lost"]),
         ("col_weight", lambda r: r["weight"])],
        key="fragility_person_pick",
        title=lambda r: r["name"],
        actors=lambda r: [r["person"]],
        empty="fragility_no_key_people",
    )  # fmt: skip


def what_if() -> None:
    st.caption(t("what_if_help"))
    left, right = st.columns([3, 1])
    with left:
        leaving = common.actor_choice(t("what_if_leaving"), key="what_if_people",
                                      kinds=("person",), multiple=True)  # fmt: skip
    months = right.number_input(t("what_if_months"), min_value=0, max_value=60, value=0,
                                step=1, key="what_if_months", help=t("what_if_months_help"))  # fmt: skip
    if not (leaving or months):
        return
    outcome = common.analysis("fragility", "what_if", list(leaving),
                              months=int(months) or None)  # fmt: skip
    if outcome is None:
        return
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


for tab, draw in ((links_tab, links), (people_tab, key_people), (what_if_tab, what_if)):
    with tab:
        if tab.open:
            draw()
