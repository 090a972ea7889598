"""Territoire: the actors with coordinates on a map of the territory, their cooperations
and tensions as arcs, the ties inside and between territories, and the actors that
cannot be placed yet, with how to place them."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from app_pages import common
from app_pages.common import t
from ecomap.model import ActorKind, Level
from ecomap.settings import SettingError
from ecomap.views import network, territory


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False)
def _picture(where: str, at: int, view: str) -> str:
    """The territory page for one view (a JSON of every choice)."""
    choice = json.loads(view)
    G = common._graph(where, at, choice["anonymous"])
    return territory.territory_html(
        G,
        levels=choice["levels"] or None,
        kinds=choice["kinds"] or None,
        territories=choice["territories"] or None,
        relation_types=choice["relation_types"],
        color_by=choice["color_by"],
        lang=choice["lang"],
        tiles=choice["tiles"],
        as_of=common.as_of_from(choice["as_of"]),
    )


def _tiles() -> str:
    try:
        return territory.tile_setting(secret=common.secrets_section("ecomap").get("tiles"))
    except SettingError as error:
        st.warning(t("territory_tiles_bad", error=common.said(error)), icon=":material/map:")
        return ""


common.page_header("page_territory", "territory_intro")
G = common.current_graph()
label, tt = common.labeller(), common.words()
if common.anonymised():
    st.info(t("territory_anonymised"), icon=":material/visibility_off:")

top = st.columns([1, 1.4, 1.4, 1.6])
fields = network.colour_fields(G)
color_by = top[0].selectbox(
    t("map_color_by"),
    fields,
    format_func=lambda v: tt(f"field_{v}") if common.has_text(f"field_{v}") else v,
    key="territory_color",
)
chosen_levels = top[1].multiselect(t("filter_levels"), [v.value for v in Level], format_func=label,
                                   key="territory_levels", placeholder=t("filter_all"))  # fmt: skip
kinds = top[2].multiselect(t("filter_kinds"), [k.value for k in ActorKind], format_func=label,
                           key="territory_kinds", placeholder=t("filter_all"))  # fmt: skip
relation_types = top[3].multiselect(t("territory_relations"), list(territory.GEO_RELATIONS),
                                    default=list(territory.GEO_RELATIONS), format_func=label,
                                    key="territory_relations")  # fmt: skip
territories = st.multiselect(t("filter_territories"), network.field_values(G, "territory"),
                             key="territory_territories", placeholder=t("filter_all"))  # fmt: skip

view = {
    "levels": chosen_levels,
    "kinds": kinds,
    "territories": territories,
    "relation_types": relation_types,
    "color_by": color_by,
    "lang": common.lang(),
    "as_of": common.as_of().isoformat(),
    "anonymous": common.anonymised(),
    "tiles": _tiles(),
}
result = common.analysis("territories", "territories")
if result is None:
    st.stop()
total = sum(row["actors"] for row in result["territories"])
shown = sum(row["located"] for row in result["territories"])
st.caption(t("territory_counts", shown=shown, total=total))
st.iframe(_picture(*common.run_key(), json.dumps(view, sort_keys=True)), height=640)


def _territory(value: str | None) -> str:
    return t("territory_none") if value is None else value


st.subheader(t("territory_summary"))
st.caption(t("territory_summary_help"))
common.table(
    pd.DataFrame(
        [{t("col_territory"): _territory(r["territory"]), t("col_actors"): r["actors"],
          t("col_located"): r["located"], t("col_cooperating_pairs"): r["cooperations"],
          t("col_tensions"): r["tensions"]}
         for r in result["territories"]]
    )
)  # fmt: skip
st.subheader(t("territory_between"))
if result["between"]:
    common.table(
        pd.DataFrame(
            [{t("col_territory_a"): _territory(r["territory_a"]),
              t("col_territory_b"): _territory(r["territory_b"]),
              t("col_cooperating_pairs"): r["cooperations"], t("col_tensions"): r["tensions"],
              t("col_why"): " ; ".join(r["reasons"])}
             for r in result["between"]]
        ),
        height=min(420, 40 + 35 * len(result["between"])),
    )  # fmt: skip
else:
    st.info(t("no_results"), icon=":material/info:")

st.subheader(t("territory_missing"))
st.caption(t("territory_missing_help"))
missing = result["without_coordinates"]
if missing:
    common.table(
        pd.DataFrame(
            [{t("col_actor"): r["name"], t("field_kind"): label(r["kind"]),
              t("col_territory"): _territory(r["territory"]), t("col_why"): r["reason"]}
             for r in missing]
        ),
        height=min(420, 40 + 35 * len(missing)),
    )  # fmt: skip
else:
    st.success(t("territory_all_located"), icon=":material/check:")
