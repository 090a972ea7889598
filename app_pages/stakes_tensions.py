"""Enjeux et tensions: who stands where on each stake, tensions waiting to surface,
cooperation nobody has started yet, and what recorded tensions could build on.

Only the open tab is made (:func:`common.tabs`)."""

from app_pages import common
from app_pages.common import t

common.page_header("page_stakes_tensions", "intro_stakes_tensions")
shown = common.names()


def listed(ids) -> str:
    return ", ".join(shown.get(i, i) for i in ids)


stakes_tab, latent_tab, untapped_tab, opportunities_tab = common.tabs(
    [t("stakes_positions"), t("stakes_latent"), t("stakes_untapped"), t("stakes_opportunities")],
    key="stakes_tab",
)


def positions() -> None:
    yes, no = t("yes"), t("no")
    common.results(
        common.analysis("stakes", "stakes"),
        [("col_stake", lambda r: r["name"]),
         ("col_supporters", lambda r: len(r["supporters"])),
         ("col_opponents", lambda r: len(r["opponents"])),
         ("col_balance", lambda r: round(r["balance"], 2) if r["balance"] is not None else None),
         ("col_contested", lambda r: yes if r["contested"] else no)],
        key="stakes_pick",
        title=lambda r: r["name"],
        actors=lambda r: [*r["opponents"], *r["supporters"]],
    )  # fmt: skip


def latent() -> None:
    common.results(
        common.analysis("stakes", "latent_tensions"),
        [("col_actors", lambda r: " — ".join(r["names"])),
         ("col_stake", lambda r: r["stake_name"]),
         ("col_score", lambda r: round(r["score"], 2), "latent_score")],
        key="latent_pick",
        title=lambda r: f"{' — '.join(r['names'])} ({r['stake_name']})",
        actors=lambda r: r["actors"],
    )  # fmt: skip


def untapped() -> None:
    common.results(
        common.analysis("stakes", "untapped_cooperation"),
        [("col_actors", lambda r: " — ".join(r["names"])),
         ("col_shared_stakes", lambda r: listed(r["shared_stakes"])),
         ("col_score", lambda r: round(r["score"], 2), "untapped_score")],
        key="untapped_pick",
        title=lambda r: " — ".join(r["names"]),
        actors=lambda r: r["actors"],
    )  # fmt: skip


def opportunities() -> None:
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


for tab, draw in ((stakes_tab, positions), (latent_tab, latent), (untapped_tab, untapped),
                  (opportunities_tab, opportunities)):  # fmt: skip
    with tab:
        if tab.open:
            draw()
