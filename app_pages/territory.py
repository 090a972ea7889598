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


#: A territory's name in the tables; no territory said in words (read once per run).
NO_TERRITORY = t("territory_none")


def _territory(value: str | None) -> str:
    return NO_TERRITORY if value is None else value


def _frame(rows, columns) -> pd.DataFrame:
    """A table of ``rows``: (text key of the header, row → cell) per column, each header
    read once per table (a map of 10,000 actors has as many rows to fill)."""
    headers = [t(key) for key, _cell in columns]
    cells = [cell for _key, cell in columns]
    return pd.DataFrame([[cell(r) for cell in cells] for r in rows], columns=headers)


st.subheader(t("territory_summary"))
st.caption(t("territory_summary_help"))
common.table(
    _frame(result["territories"],
           [("col_territory", lambda r: _territory(r["territory"])),
            ("col_actors", lambda r: r["actors"]), ("col_located", lambda r: r["located"]),
            ("col_cooperating_pairs", lambda r: r["cooperations"]),
            ("col_tensions", lambda r: r["tensions"])])
)  # fmt: skip
st.subheader(t("territory_between"))
if result["between"]:
    common.table(
        _frame(result["between"],
               [("col_territory_a", lambda r: _territory(r["territory_a"])),
                ("col_territory_b", lambda r: _territory(r["territory_b"])),
                ("col_cooperating_pairs", lambda r: r["cooperations"]),
                ("col_tensions", lambda r: r["tensions"]),
                ("col_why", lambda r: " ; ".join(r["reasons"]))]),
        height=min(420, 40 + 35 * len(result["between"])),
    )  # fmt: skip
else:
    st.info(t("no_results"), icon=":material/info:")

st.subheader(t("territory_missing"))
st.caption(t("territory_missing_help"))
missing = result["without_coordinates"]
if missing:
    common.table(
        _frame(missing,
               [("col_actor", lambda r: r["name"]), ("field_kind", lambda r: label(r["kind"])),
                ("col_territory", lambda r: _territory(r["territory"])),
                ("col_why", lambda r: r["reason"])]),
        height=min(420, 40 + 35 * len(missing)),
    )  # fmt: skip
else:
    st.success(t("territory_all_located"), icon=":material/check:")
