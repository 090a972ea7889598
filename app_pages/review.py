"""Revue: the steering committee's page — snapshots, what changed between two of them,
and the report to download."""

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from app_pages import common
from app_pages.comparison import NOW, difference, load_version
from app_pages.comparison import ready as comparison_ready
from ecomap.access import Right
from ecomap.errors import EcomapError
from ecomap.i18n import say
from ecomap.privacy import left_out_note
from ecomap.ui_text import change_text

TEXT = {
    "fr": {
        "intro": "Des photos datées de la carte, ce qui a changé entre deux d'entre elles, "
        "et le rapport à remettre au comité.",
        "snapshots": "Photos de la carte",
        "none": "Aucune photo pour l'instant : une photo est prise à chaque import, "
        "et vous pouvez en prendre une ci-dessous avant chaque comité.",
        "name": "nom", "at": "date", "note": "note", "actors": "acteurs", "relations": "relations",
        "create": "Prendre une photo", "create_name": "Nom de la photo",
        "create_note": "Note (facultative)", "create_button": "Enregistrer la photo",
        "created": "Photo « {name} » enregistrée.",
        "restore": "Revenir à une photo", "restore_button": "Revenir à cette photo",
        "restore_confirm": "Je confirme : la carte actuelle est remplacée par la photo "
        "(l'opération peut être annulée).",
        "restored": "Carte revenue à la photo « {name} ».",
        "compare": "Ce qui a changé", "before": "Avant", "after": "Après",
        "now": "maintenant (carte actuelle)",
        "kind": "fiches", "added": "ajouts", "removed": "retraits", "changed": "modifications",
        "meaning": "Ce que cela change dans les analyses",
        "nothing": "Aucun changement dans les résultats d'analyse.",
        "fields": "Fiches modifiées, champ par champ",
        "key": "fiche", "field": "champ",
        "report": "Rapport au comité", "report_lang": "Langue du rapport",
        "report_since": "Comparer avec la photo", "report_none": "(pas de comparaison)",
        "anonymise": "Anonymiser les personnes (pseudonymes, notes sur les personnes retirées)",
        "format": "Format", "build": "Préparer le rapport", "download": "Télécharger le rapport",
        "pdf_failed": "Le PDF n'a pas pu être produit : {why}. Le rapport HTML reste disponible.",
        "kinds": {"actors": "acteurs", "relations": "relations", "stakes": "enjeux",
                  "spaces": "dispositifs"},
    },
    "en": {
        "intro": "Dated snapshots of the map, what changed between two of them, and the report "
        "to hand to the committee.",
        "snapshots": "Snapshots of the map",
        "none": "No snapshot yet: one is taken at each import, and you can take one below "
        "before each committee.",
        "name": "name", "at": "date", "note": "note", "actors": "actors", "relations": "relations",
        "create": "Take a snapshot", "create_name": "Snapshot name",
        "create_note": "Note (optional)", "create_button": "Save the snapshot",
        "created": "Snapshot '{name}' saved.",
        "restore": "Go back to a snapshot", "restore_button": "Go back to this snapshot",
        "restore_confirm": "I confirm: the current map is replaced by the snapshot "
        "(this can be undone).",
        "restored": "Map restored to snapshot '{name}'.",
        "compare": "What changed", "before": "Before", "after": "After",
        "now": "now (current map)",
        "kind": "records", "added": "added", "removed": "removed", "changed": "changed",
        "meaning": "What it changes in the analyses",
        "nothing": "No change in the analysis results.",
        "fields": "Changed records, field by field",
        "key": "record", "field": "field",
        "report": "Committee report", "report_lang": "Report language",
        "report_since": "Compare with snapshot", "report_none": "(no comparison)",
        "anonymise": "Anonymise people (pseudonyms, notes about people dropped)",
        "format": "Format", "build": "Prepare the report", "download": "Download the report",
        "pdf_failed": "The PDF could not be made: {why}. The HTML report is still available.",
        "kinds": {"actors": "actors", "relations": "relations", "stakes": "stakes",
                  "spaces": "spaces"},
    },
}  # fmt: skip


def w(key: str, **values) -> str:
    return say(TEXT, key, common.lang(), **values)


def _report_hider(where: str, at: int, language: str):
    """What anonymises the report: pseudonyms in the report's language, every person the
    store ever held hidden (snapshots compared included)."""
    return common.guarded(common._hider, where, at, language)


st.title(common.t("page_review"))
st.caption(w("intro"))
common.flash()
where, at = common.run_key()
snapshots = common.guarded(common.store().snapshot_list)
hide = common.hider()


def shown(text: str | None) -> str:
    """A snapshot's name or note as this view may show it (names cleared under pseudonyms)."""
    return (hide.text(text) if hide is not None else text) or ""


st.subheader(w("snapshots"))
if snapshots:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    w("name"): shown(s.name),
                    w("at"): s.at.astimezone().strftime("%d/%m/%Y %H:%M"),
                    w("actors"): s.counts.get("actors", 0),
                    w("relations"): s.counts.get("relations", 0),
                    w("note"): shown(change_text(s.note, common.lang())) if s.note else "",
                }
                for s in reversed(snapshots)
            ]
        ),
        hide_index=True,
        width="stretch",
    )
else:
    st.info(w("none"))

if not common.read_only():
    with st.expander(w("create")), st.form("snapshot:create", clear_on_submit=True):
        default = f"copil-{datetime.now(UTC).astimezone():%Y-%m-%d}"
        name = st.text_input(w("create_name"), value=default, max_chars=120)
        note = st.text_input(w("create_note"), max_chars=500)
        if st.form_submit_button(w("create_button"), type="primary") and name.strip():
            try:
                common.guarded(common.store().snapshot_create, name.strip(), note=note or None)
            except EcomapError as error:
                st.error(common.said(error), icon=":material/error:")
            else:
                st.session_state["flash"] = w("created", name=name.strip())
                st.rerun()
    if snapshots and common.allowed(Right.RESTORE):
        with st.expander(w("restore")):
            chosen = st.selectbox(w("name"), [s.name for s in reversed(snapshots)],
                                  key="review:restore")  # fmt: skip
            sure = st.checkbox(w("restore_confirm"), key="review:restore_sure")
            if st.button(w("restore_button"), disabled=not sure, key="review:restore_go"):
                try:
                    common.guarded(common.store().snapshot_restore, chosen)
                except EcomapError as error:
                    st.error(common.said(error), icon=":material/error:")
                else:
                    st.session_state["flash"] = w("restored", name=chosen)
                    st.rerun()

st.subheader(w("compare"))
choices = [s.name for s in reversed(snapshots)]
if choices:
    left, right = st.columns(2)
    before = left.selectbox(w("before"), choices, key="review:before", format_func=shown)
    after = right.selectbox(w("after"), [NOW, *choices], key="review:after",
                            format_func=lambda v: w("now") if v == NOW else shown(v))  # fmt: skip
    wanted = (before, after, common.as_of(), common.lang(), common.anonymised())
    if comparison_ready(where, at, *wanted):
        result = difference(where, at, *wanted)
    else:
        with common.working(common.t("working_compare")):
            result = difference(where, at, *wanted)
    kinds = TEXT[common.lang()]["kinds"]
    st.dataframe(
        pd.DataFrame(
            [
                {w("kind"): kinds[kind], w("added"): len(part["added"]),
                 w("removed"): len(part["removed"]), w("changed"): len(part["changed"])}
                for kind, part in result["data"].items()
            ]
        ),
        hide_index=True,
    )  # fmt: skip
    st.markdown(f"**{w('meaning')}**")
    reasons = result["analysis"]["reasons"]
    if reasons:
        common.reasons_list(reasons)
    else:
        st.caption(w("nothing"))
    changed = [
        {w("kind"): kinds[kind], w("key"): change["key"], w("field"): field,
         w("before"): common.plain(old), w("after"): common.plain(new)}
        for kind, part in result["data"].items()
        for change in part["changed"]
        for field, (old, new) in change["fields"].items()
    ]  # fmt: skip
    if changed:
        with st.expander(w("fields")):
            st.dataframe(pd.DataFrame(changed), hide_index=True, width="stretch")
else:
    st.info(w("none"))

st.subheader(w("report"))
c1, c2, c3 = st.columns(3)
report_lang = c1.radio(w("report_lang"), ["fr", "en"], horizontal=True, key="review:lang",
                       format_func={"fr": "Français", "en": "English"}.get)  # fmt: skip
since = c2.selectbox(w("report_since"), ["", *choices], key="review:since",
                     format_func=lambda v: shown(v) or w("report_none"))  # fmt: skip
fmt = c3.radio(w("format"), ["html", "pdf"], horizontal=True, key="review:format",
               format_func=str.upper)  # fmt: skip
# Under the explorer's pseudonyms, or for a viewer, the report is anonymised too: the
# switch is on and locked.
if hide is not None or not common.allowed(Right.EXPORT):
    st.session_state["review:anonymise"] = True
anonymised = st.toggle(w("anonymise"), key="review:anonymise",
                       disabled=hide is not None or not common.allowed(Right.EXPORT))  # fmt: skip
if anonymised:
    st.caption(left_out_note(common.lang()))
geography = st.toggle(common.t("review_geography"), key="review:geography")
if st.button(w("build"), key="review:build") and (anonymised or common.permitted(Right.EXPORT)):
    from ecomap.views.report import html_to_pdf, report_html

    compared = None
    if since:
        info = next(s for s in snapshots if s.name == since)
        compared = (since, info.at, load_version(where, at, since))
    with common.working(common.t("working_report")):
        # The map as stored: the report anonymises it (and the snapshot compared) itself.
        html = report_html(load_version(where, at, NOW), lang=report_lang,
                           as_of=common.as_of(), since=compared,
                           anonymise=anonymised and _report_hider(where, at, report_lang),
                           geography=geography)  # fmt: skip
    data, mime, suffix = html.encode("utf-8"), "text/html", "html"
    if fmt == "pdf":
        import tempfile
        from pathlib import Path

        try:
            with tempfile.TemporaryDirectory() as work:
                target = Path(work) / "rapport.pdf"
                html_to_pdf(html, target)
                data, mime, suffix = target.read_bytes(), "application/pdf", "pdf"
        except EcomapError as error:
            st.warning(w("pdf_failed", why=common.said(error)), icon=":material/warning:")
    st.session_state["review:report"] = (data, mime, suffix, anonymised)
prepared = st.session_state.get("review:report")
if prepared is not None and prepared[3] != anonymised:
    # Prepared under the other setting: never handed out under this one.
    del st.session_state["review:report"]
    prepared = None
if prepared is not None:
    data, mime, suffix, _ = prepared
    st.download_button(w("download"), data, file_name=f"rapport-ecomap.{suffix}", mime=mime,
                       type="primary", key="review:download")  # fmt: skip
