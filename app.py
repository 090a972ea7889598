"""ecomap explorer — the frame: page config, session defaults, sign-in, navigation.

Run with ``ecomap app [SOURCE]`` or ``streamlit run app.py``; the store comes from
``ECOMAP_STORE`` or the Streamlit secrets (see ``app_pages/common.py``). With an
``[auth]`` section in the secrets, nothing of the map is drawn before sign-in, and the
pages a person reaches are those of their role (see ``app_pages/signin.py``).
"""

import os
from pathlib import Path

import streamlit as st

from app_pages import common, respond, signin
from app_pages.common import t
from ecomap.access import Right
from ecomap.serving import UNPROTECTED_ENV

ICON = Path(__file__).with_name("app_pages") / "icon.png"
st.set_page_config(page_title="ecomap", page_icon=str(ICON), layout="wide")
common.init_session()
if (token := respond.requested()) is not None:
    # A personal link of a campaign (?jeton=…): that page only, no account, nothing else.
    respond.page(token)
    st.stop()
access = signin.gate()  # stops the run here for anyone who may not see the map
common.set_access(access)
if common.secrets_section("auth"):
    # A shared map's data leaves through the export page, where rights are checked: not
    # through the tables' own CSV download or copy (also set by `ecomap app`).
    st.set_option("client.disableDataExport", True)
if not access.sees_names:
    st.session_state["anonymise"] = True  # a right, not a preference: no switch to turn off

with st.sidebar:
    signin.signed_in_box(access)
    st.radio(
        "Langue · Language",
        ["fr", "en"],
        format_func={"fr": "Français", "en": "English"}.get,
        key="lang",
        horizontal=True,
    )
    st.date_input(t("as_of"), key="as_of", format="DD/MM/YYYY", help=t("as_of_help"))
    st.toggle(t("anonymise"), key="anonymise", help=t("anonymise_help"),
              disabled=not access.sees_names)  # fmt: skip
    if st.session_state.get("anonymise"):
        st.info(t("anonymise_banner"), icon=":material/visibility_off:")
    elif common.read_only():
        st.info(t("read_only_banner"), icon=":material/lock:")


def page(path: str, title: str, icon: str, url: str, **options) -> st.Page:
    return st.Page(path, title=t(title), icon=icon, url_path=url, **options)


def editing(path: str, title: str, icon: str, url: str) -> st.Page:
    """A page that changes the map or lets its named data out: for a role that edits.
    Anyone else reaching its address gets the refusal, never the page."""
    if access.allows(Right.EDIT):
        return page(path, title, icon, url)
    return st.Page(signin.refusal, title=t(title), icon=icon, url_path=url,
                   visibility="hidden")  # fmt: skip


def admin(path: str, title: str, icon: str, url: str) -> st.Page:
    """A page of an admin's (campaigns): in an admin's navigation only. Anyone else reaching
    its address gets the page's own refusal (it checks the right before anything)."""
    shown = "visible" if access.allows(Right.CAMPAIGN) else "hidden"
    return page(path, title, icon, url, visibility=shown)


navigation = st.navigation(
    {
        t("group_map"): [
            page(common.MAP_PAGE, "page_map", ":material/hub:", "carte", default=True),
            page("app_pages/card.py", "page_card", ":material/badge:", "fiche"),
            page("app_pages/territory.py", "page_territory", ":material/map:", "territoire"),
            page("app_pages/views.py", "page_views", ":material/slideshow:", "vues"),
        ],
        t("group_data"): [
            editing("app_pages/actors.py", "page_actors", ":material/groups:", "acteurs"),
            editing("app_pages/relations.py", "page_relations", ":material/share:", "relations"),
            editing("app_pages/stakes.py", "page_stakes", ":material/flag:", "enjeux"),
            editing("app_pages/spaces.py", "page_spaces", ":material/meeting_room:", "dispositifs"),
            editing("app_pages/import_map.py", "page_import", ":material/upload:", "importer"),
            editing("app_pages/export_map.py", "page_export", ":material/download:", "exporter"),
            editing("app_pages/history.py", "page_history", ":material/history:", "historique"),
        ],
        t("group_collect"): [
            admin("app_pages/campaigns.py", "page_campaigns", ":material/campaign:", "campagnes"),
            editing("app_pages/reconcile.py", "page_reconcile", ":material/rule:",
                    "reconciliation"),
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
            page("app_pages/glossary.py", "page_glossary", ":material/menu_book:", "glossaire"),
        ],
    },
    expanded=True,
)  # fmt: skip

if os.environ.get(UNPROTECTED_ENV):
    # Served to a network without sign-in, by choice (ecomap app --no-sign-in).
    st.warning(t("unprotected_banner"), icon=":material/public:")

# A store that cannot be opened is explained in words on every page.
common.begin_run()
with st.sidebar:
    st.caption(common.tx("store_caption", where=common.location()))

navigation.run()
# Once the page is drawn (not before: its own work comes first), the analyses of this
# revision that the other pages open with are made in the background.
common.warm_up()
