"""Passerelles: who links parts of the ecosystem that would otherwise not meet —
betweenness, cut-points, structural holes, brokerage roles and communities."""

import streamlit as st

from app_pages import common
from app_pages.common import t

common.page_header("page_bridges", "intro_bridges")
groupings = {g: t(f"bridges_groups_{g}") for g in ("organisation", "territory", "level")}
left, right = st.columns([1, 1])
groups = left.selectbox(t("bridges_groups"), list(groupings), format_func=groupings.get,
                        key="bridges_groups", help=t("bridges_groups_help"))  # fmt: skip
only_cut_points = right.toggle(t("bridges_only_cut_points"), key="bridges_cut_points")

records = common.analysis("bridges", "bridges", groups=groups)
if records is not None:
    chosen = [r for r in records if r["articulation_point"] or not only_cut_points]
    chosen = [r for r in chosen if r["betweenness"] or r["articulation_point"]] or chosen

    def share(value) -> float | None:
        return None if value is None else round(100 * value, 1)

    common.results(
        chosen,
        [("col_actor", lambda r: r["name"]),
         ("col_betweenness", lambda r: share(r["betweenness"])),
         ("col_cut_point", lambda r: t("yes") if r["articulation_point"] else ""),
         ("col_brokerage", lambda r: sum(r["brokerage"].values())),
         ("col_effective_size", lambda r: r["effective_size"]),
         ("col_constraint", lambda r: None if r["constraint"] is None else round(r["constraint"], 2)),
         ("col_levels_bridged", lambda r: ", ".join(common.label(v) for v in r["levels_bridged"])),
         ("col_community", lambda r: r["community"])],
        key="bridges_pick",
        title=lambda r: r["name"],
        actors=lambda r: [r["actor"]],
    )  # fmt: skip
