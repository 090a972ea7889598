"""Santé des coopérations: the A.C.T.E.R profile of each cooperation and of each actor —
Agree, Know and Trust, Translate into rules, Evaluate, share (Répartir) the value.

Only the open tab is made (:func:`common.tabs`)."""

import streamlit as st

from app_pages import common
from app_pages.common import t
from ecomap.views.charts import acter_chart

common.page_header("page_health", "intro_health")
result = common.analysis("health", "health") or {"cooperations": [], "actors": []}
words = common.words()


def key_name(key) -> str:
    return words(f"acter_{key}") if key else "—"


def mean(value) -> float | None:
    return None if value is None else round(value, 2)


cooperations_tab, actors_tab = common.tabs(
    [t("health_cooperations"), t("health_actors")], key="health_tab"
)


def cooperations() -> None:
    yes, no = t("yes"), t("no")
    scored = st.toggle(t("health_only_scored"), value=True, key="health_scored")
    rows = [r for r in result["cooperations"] if r["mean"] is not None or not scored]
    chosen = common.results(
        rows,
        [("col_actors", lambda r: " — ".join(r["names"])),
         ("col_mean", lambda r: mean(r["mean"])),
         ("col_weakest", lambda r: key_name(r["weakest"])),
         ("col_formal", lambda r: yes if r["formal"] else no),
         ("col_instituted_space", lambda r: yes if r["instituted_space"] else no)],
        key="health_pick",
        title=lambda r: " — ".join(r["names"]),
        actors=lambda r: r["actors"],
        empty="health_none",
    )  # fmt: skip
    if chosen is not None:
        st.altair_chart(acter_chart(chosen["scores"], lang=common.lang()), width="stretch")


def actors() -> None:
    chosen = common.results(
        result["actors"],
        [("col_actor", lambda r: r["name"]),
         ("col_mean", lambda r: mean(r["mean"])),
         ("col_weakest", lambda r: key_name(r["weakest"])),
         ("col_cooperations", lambda r: r["cooperations"])],
        key="health_actor_pick",
        title=lambda r: r["name"],
        actors=lambda r: [r["actor"]],
        empty="health_none",
    )  # fmt: skip
    if chosen is not None:
        st.altair_chart(acter_chart(chosen["scores"], lang=common.lang()), width="stretch")


for tab, draw in ((cooperations_tab, cooperations), (actors_tab, actors)):
    with tab:
        if tab.open:
            draw()
