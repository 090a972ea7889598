"""Niveaux: actors per level (micro, meso, macro), the ties between levels, the actors
who cooperate across levels, and the map folded at meso and macro level.

Only the open tab is made (:func:`common.tabs`); the folded map's ties, strongest
first, show their first rows with a switch for all of them, as the result tables do."""

import pandas as pd
import streamlit as st

from app_pages import common
from app_pages.common import t

common.page_header("page_levels", "intro_levels")
result = common.analysis("levels", "levels")
if result is None:
    st.stop()

levels = ["micro", "meso", "macro"]
label = common.labeller()
counts = st.columns(3)
for column, level in zip(counts, levels, strict=True):
    column.metric(t(f"levels_count_{level}"), common.count(result["counts"].get(level, 0)))

st.subheader(t("levels_matrix"))
st.caption(t("levels_matrix_help"))
matrix = pd.DataFrame(result["cross_level_ties"]).reindex(index=levels, columns=levels).fillna(0)
matrix.index = [label(v) for v in matrix.index]
matrix.columns = [label(v) for v in matrix.columns]
common.table(matrix.astype(int), width="content", hide_index=False)

bridges_tab, meso_tab, macro_tab = common.tabs(
    [t("levels_bridges"), t("levels_meso"), t("levels_macro")], key="levels_tab"
)


def cross_level_bridges() -> None:
    common.results(
        result["cross_level_bridges"],
        [("col_actor", lambda r: r["name"]),
         ("col_level", lambda r: label(r["level"])),
         ("col_levels_bridged", lambda r: ", ".join(label(v) for v in r["levels_bridged"]))],
        key="levels_bridge_pick",
        title=lambda r: r["name"],
        actors=lambda r: [r["actor"]],
    )  # fmt: skip


def folded_map(level: str) -> None:
    folded = result[level]
    st.caption(t("levels_folded", nodes=folded["nodes"], edges=folded["edges"],
                 internal=folded["internal_ties"]))  # fmt: skip
    strength, strength_column = common.column_header("col_strength")
    source, target, number, types = (t(k) for k in ("col_source", "col_target", "col_count",
                                                    "col_types"))  # fmt: skip
    shown = common.rows_shown(folded["ties"], f"levels_ties:{level}")
    ties = pd.DataFrame(
        [{source: tie["source_name"], target: tie["target_name"], number: tie["count"],
          strength: tie["strength"],
          types: ", ".join(f"{label(k)} ({v['count']})" for k, v in tie["types"].items())}
         for tie in shown]
    )  # fmt: skip
    common.table(ties, height=360, column_config={strength: strength_column})
    if st.button(t("levels_show_map"), key=f"levels_map:{level}", icon=":material/hub:"):
        st.session_state["map_level"] = level
        st.switch_page(common.MAP_PAGE)


with bridges_tab:
    if bridges_tab.open:
        cross_level_bridges()
for tab, level in ((meso_tab, "meso"), (macro_tab, "macro")):
    with tab:
        if tab.open:
            folded_map(level)
