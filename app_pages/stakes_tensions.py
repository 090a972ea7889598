"""Enjeux et tensions: who stands where on each stake, tensions waiting to surface,
cooperation nobody has started yet, and what recorded tensions could build on."""

import streamlit as st

from app_pages import common
from app_pages.common import t

common.page_header("page_stakes_tensions", "intro_stakes_tensions")
shown = common.names()


def listed(ids) -> str:
    return ", ".join(shown.get(i, i) for i in ids)


stakes_tab, latent_tab, untapped_tab, opportunities_tab = st.tabs(
    [t("stakes_positions"), t("stakes_latent"), t("stakes_untapped"), t("stakes_opportunities")]
)
with stakes_tab:
    common.results(
        common.analysis("stakes", "stakes"),
        [("col_stake", lambda r: r["name"]),
         ("col_supporters", lambda r: len(r["supporters"])),
         ("col_opponents", lambda r: len(r["opponents"])),
         ("col_balance", lambda r: round(r["balance"], 2) if r["balance"] is not None else None),
         ("col_contested", lambda r: t("yes") if r["contested"] else t("no"))],
        key="stakes_pick",
        title=lambda r: r["name"],
        actors=lambda r: [*r["opponents"], *r["supporters"]],
    )  # fmt: skip
with latent_tab:
    common.results(
        common.analysis("stakes", "latent_tensions"),
        [("col_actors", lambda r: " — ".join(r["names"])),
         ("col_stake", lambda r: r["stake_name"]),
         ("col_score", lambda r: round(r["score"], 2), "latent_score")],
        key="latent_pick",
        title=lambda r: f"{' — '.join(r['names'])} ({r['stake_name']})",
        actors=lambda r: r["actors"],
    )  # fmt: skip
with untapped_tab:
    common.results(
        common.analysis("stakes", "untapped_cooperation"),
        [("col_actors", lambda r: " — ".join(r["names"])),
         ("col_shared_stakes", lambda r: listed(r["shared_stakes"])),
         ("col_score", lambda r: round(r["score"], 2), "untapped_score")],
        key="untapped_pick",
        title=lambda r: " — ".join(r["names"]),
        actors=lambda r: r["actors"],
    )  # fmt: skip
with opportunities_tab:
    common.results(
        common.analysis("stakes", "tension_opportunities"),
        [("col_actors", lambda r: " — ".join(r["names"])),
         ("col_stake", lambda r: r.get("stake_name") or "—"),
         ("col_intensity", lambda r: r["intensity"]),
         ("col_shared_stakes", lambda r: ", ".join(r.get("shared_stake_names") or []))],
        key="opportunities_pick",
        title=lambda r: " — ".join(r["names"]),
        actors=lambda r: r["actors"],
    )  # fmt: skip
