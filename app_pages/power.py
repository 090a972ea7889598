"""Rapports de force: imbalanced relationships with the counterweights that could
rebalance them, counterweights for any pair, and the power–interest grid.

Only the open tab is made (:func:`common.tabs`): the first one needs the imbalances
alone; the grid (a chart of every actor) and its analysis wait until it is opened."""

import streamlit as st

from app_pages import common
from app_pages.common import t

common.page_header("page_power", "intro_power")
imbalances_tab, pair_tab, grid_tab = common.tabs(
    [t("power_imbalances"), t("power_pair"), t("power_grid")], key="power_tab"
)


def counterweight_table(candidates, key: str) -> None:
    common.results(
        candidates,
        [("col_actor", lambda r: r["name"]),
         ("col_score", lambda r: round(r["score"], 2), "counterweight_score"),
         ("col_leverage", lambda r: round(r["leverage"], 2)),
         ("col_alignment", lambda r: round(r["alignment"], 2)),
         ("col_ties", lambda r: round(r["ties"], 2)),
         ("col_dependence", lambda r: round(r["dependence"], 2))],
        key=key,
        title=lambda r: r["name"],
        actors=lambda r: [r["actor"]],
        empty="power_no_counterweight",
    )  # fmt: skip


def imbalances() -> None:
    dominates = common.words()
    chosen = common.results(
        common.analysis("power", "imbalances"),
        [("col_dominant", lambda r: r["names"][0]),
         ("col_weaker", lambda r: r["names"][1]),
         ("col_score", lambda r: round(r["score"], 2), "imbalance_score"),
         ("col_net_power", lambda r: r["net_power"]),
         ("col_power_gap", lambda r: round(r["power_gap"], 2))],
        key="power_imbalance_pick",
        title=lambda r: dominates("power_dominates", d=r["names"][0], w=r["names"][1]),
        actors=lambda r: [r["dominant"], r["weaker"]],
        empty="power_none",
    )  # fmt: skip
    if chosen is not None:
        st.subheader(common.tx("power_counterweights_for", w=chosen["names"][1]))
        counterweight_table(chosen.get("counterweights") or [], "power_cw_pick")


def pair() -> None:
    st.caption(t("power_pair_help"))
    left, right = st.columns(2)
    with left:
        dominant = common.actor_choice(t("power_pick_dominant"), key="power_dominant")
    with right:
        weaker = common.actor_choice(t("power_pick_weaker"), key="power_weaker")
    if dominant and weaker:
        counterweight_table(
            common.analysis("power", "counterweights", dominant, weaker, top=10), "power_pair_cw"
        )


def grid() -> None:
    from ecomap.views.charts import power_interest_chart  # altair: imported when drawn

    stakes = {s.id: s.name for s in common.current_map().stakes.values()}
    choices = {"": t("power_all_stakes"), **dict(sorted(stakes.items(), key=lambda i: i[1]))}
    focal = st.selectbox(
        t("power_focal_stake"), list(choices), format_func=choices.get, key="power_focal"
    )
    found = common.analysis("power", "power_interest", focal_stake=focal or None)
    if found:
        quadrant = common.words()
        st.altair_chart(power_interest_chart(found, lang=common.lang()), width="stretch")
        common.results(
            found,
            [("col_actor", lambda r: r["name"]),
             ("col_quadrant", lambda r: quadrant(f"quadrant_{r['quadrant']}")),
             ("col_power", lambda r: round(r["power"], 2)),
             ("col_interest", lambda r: round(r["interest"], 2))],
            key="power_grid_pick",
            title=lambda r: r["name"],
            actors=lambda r: [r["actor"]],
        )  # fmt: skip


for tab, draw in ((imbalances_tab, imbalances), (pair_tab, pair), (grid_tab, grid)):
    with tab:
        if tab.open:
            draw()
