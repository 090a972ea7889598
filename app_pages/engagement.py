"""Engagement: drivers and their load (who risks burning out), and followers with no
driver nearby (who risks disengaging).

Only the open tab is made (:func:`common.tabs`)."""

import streamlit as st

from app_pages import common
from app_pages.common import t

common.page_header("page_engagement", "intro_engagement")
left, right = st.columns(2)
threshold = left.number_input(t("engagement_threshold"), min_value=1.0, max_value=60.0,
                              value=11.0, step=1.0, key="engagement_threshold",
                              help=t("engagement_threshold_help"))  # fmt: skip
steps = right.number_input(t("engagement_steps"), min_value=1, max_value=5, value=2, step=1,
                           key="engagement_steps")  # fmt: skip
result = common.analysis("engagement", "engagement", overload_threshold=float(threshold),
                         steps=int(steps))  # fmt: skip
if result is None:
    st.stop()

counts = st.columns(3)
counts[0].metric(t("engagement_drivers"), common.count(len(result["drivers"])))
counts[1].metric(t("engagement_overloaded"), common.count(len(result["overloaded_drivers"])))
counts[2].metric(t("engagement_at_risk"), common.count(len(result["followers_at_risk"])))

drivers_tab, followers_tab = common.tabs(
    [t("engagement_drivers_tab"), t("engagement_followers_tab")], key="engagement_tab"
)


def drivers() -> None:
    yes, no = t("yes"), t("no")
    common.results(
        result["drivers"],
        [("col_actor", lambda r: r["name"]),
         ("col_load", lambda r: round(r["load"], 1)),
         ("col_cooperations_count", lambda r: r["cooperations"]),
         ("col_meetings", lambda r: r["meetings_per_year"]),
         ("col_overloaded", lambda r: yes if r["overloaded"] else no)],
        key="engagement_driver_pick",
        title=lambda r: r["name"],
        actors=lambda r: [r["actor"]],
        empty="engagement_no_drivers",
    )  # fmt: skip


def followers() -> None:
    common.results(
        result["followers_at_risk"],
        [("col_actor", lambda r: r["name"]),
         ("col_nearest_driver", lambda r: r["nearest_driver_name"] or "—"),
         ("col_distance", lambda r: r["distance"])],
        key="engagement_follower_pick",
        title=lambda r: r["name"],
        actors=lambda r: [r["actor"], *([r["nearest_driver"]] if r["nearest_driver"] else [])],
        empty="engagement_no_risk",
    )  # fmt: skip


for tab, draw in ((drivers_tab, drivers), (followers_tab, followers)):
    with tab:
        if tab.open:
            draw()
