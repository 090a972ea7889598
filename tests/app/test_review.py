"""The review page: snapshots, the difference between two of them, the report to download."""

from __future__ import annotations

from app_helpers import HOSTILE, open_page, stored

from ecomap.model import Actor, Relation


def test_snapshot_diff_and_report(app, store_path):
    at = open_page(app, "review")
    assert not at.exception
    # The import of the small map took a snapshot; take another, change the map, compare.
    form_inputs = at.text_input
    form_inputs[0].set_value("copil-mars")
    at.button[0].click().run()  # the form's submit button
    assert not at.exception
    from ecomap.store.sqlite import SQLiteStore

    with SQLiteStore(store_path) as store:
        assert "copil-mars" in [s.name for s in store.snapshot_list()]
        store.upsert([Actor(id="newco", name="Nouvelle Coop", kind="organisation"),
                      Relation(source="newco", target="asso", type="tension")])  # fmt: skip
    at = open_page(at, "review")
    at.selectbox(key="review:before").set_value("copil-mars")
    at.run()
    assert not at.exception
    shown = " ".join(str(m.value) for m in at.markdown)
    assert "Nouvelle Coop" in shown  # "nouvelle tension entre Nouvelle Coop et …"
    # The report: anonymised, HTML, downloadable; no person's name in it.
    at.toggle(key="review:anonymise").set_value(True)
    at.button(key="review:build").click().run()
    assert not at.exception
    assert "review:report" in at.session_state
    data, mime, suffix, anonymised = at.session_state["review:report"]
    assert anonymised is True
    html = data.decode("utf-8")
    assert suffix == "html" and '<section id="risks"' in html
    for person in ("Ana Martin", "Ben Roy", HOSTILE):
        assert person not in html
    assert "Asso des Halles" in html
    assert len(stored(store_path).actors) == 7


def test_read_only_hides_snapshot_controls(app, monkeypatch):
    monkeypatch.setenv("ECOMAP_READ_ONLY", "1")
    from app_helpers import APP
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at = open_page(at, "review")
    assert not at.exception
    labels = [b.label for b in at.button]
    assert not any("photo" in label.lower() or "snapshot" in label.lower() for label in labels)
