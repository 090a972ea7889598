"""ecomap explorer — the frame: page config, session defaults, navigation.

Run with ``ecomap app [SOURCE]`` or ``streamlit run app.py``; the store comes from
``ECOMAP_STORE`` or the Streamlit secrets (see ``app_pages/common.py``).
"""

from pathlib import Path

import streamlit as st

from app_pages import common
from app_pages.common import t

ICON = Path(__file__).with_name("app_pages") / "icon.png"
st.set_page_config(page_title="ecomap", page_icon=str(ICON), layout="wide")
common.init_session()

with st.sidebar:
    st.radio(
        "Langue · Language",
        ["fr", "en"],
        format_func={"fr": "Français", "en": "English"}.get,
        key="lang",
        horizontal=True,
    )
    st.date_input(t("as_of"), key="as_of", format="DD/MM/YYYY", help=t("as_of_help"))
    st.toggle(t("anonymise"), key="anonymise", help=t("anonymise_help"))
    if st.session_state.get("anonymise"):
        st.info(t("anonymise_banner"), icon=":material/visibility_off:")
    elif common.read_only():
        st.info(t("read_only_banner"), icon=":material/lock:")


def page(path: str, title: str, icon: str, url: str, **options) -> st.Page:
    return st.Page(path, title=t(title), icon=icon, url_path=url, **options)


navigation = st.navigation(
    {
        t("group_map"): [
            page(common.MAP_PAGE, "page_map", ":material/hub:", "carte", default=True),
            page("app_pages/card.py", "page_card", ":material/badge:", "fiche"),
        ],
        t("group_data"): [
            page("app_pages/actors.py", "page_actors", ":material/groups:", "acteurs"),
            page("app_pages/relations.py", "page_relations", ":material/share:", "relations"),
            page("app_pages/stakes.py", "page_stakes", ":material/flag:", "enjeux"),
            page("app_pages/spaces.py", "page_spaces", ":material/meeting_room:", "dispositifs"),
            page("app_pages/import_map.py", "page_import", ":material/upload:", "importer"),
            page("app_pages/export_map.py", "page_export", ":material/download:", "exporter"),
            page("app_pages/history.py", "page_history", ":material/history:", "historique"),
        ],
        t("group_analyses"): [
            page("app_pages/fragility.py", "page_fragility", ":material/link_off:", "fragilite"),
            page("app_pages/power.py", "page_power", ":material/balance:", "pouvoir"),
            page("app_pages/bridges.py", "page_bridges", ":material/alt_route:", "ponts"),
            page("app_pages/stakes_tensions.py", "page_stakes_tensions", ":material/bolt:",
                 "tensions"),
            page("app_pages/engagement.py", "page_engagement", ":material/directions_run:",
                 "engagement"),
            page("app_pages/health.py", "page_health", ":material/favorite:", "sante"),
            page("app_pages/facilitators.py", "page_facilitators", ":material/handshake:",
                 "tiers-neutres"),
            page("app_pages/levels.py", "page_levels", ":material/stacks:", "niveaux"),
        ],
        t("group_review"): [
            page("app_pages/review.py", "page_review", ":material/fact_check:", "revue"),
        ],
    },
    expanded=True,
)  # fmt: skip

# A store that cannot be opened is explained in words on every page.
common.begin_run()
with st.sidebar:
    st.caption(common.tx("store_caption", where=common.location()))

navigation.run()
