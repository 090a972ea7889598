"""Editing the map from the data pages: forms, the table editor, stale edits, delete with
its dependents, undo, import with its error table, and read-only mode."""

from __future__ import annotations

import io
import zipfile

from app_helpers import APP, open_page, revision, shown_text, stored, texts

from ecomap.model import Actor


def form_input(at, kind: str, key: str, field: str):
    """The text input of ``field`` in the form that edits ``key`` (or ``new``)."""
    prefix = f"form:{kind}:{key}:"
    return next(
        w for w in at.text_input if w.key.startswith(prefix) and w.key.endswith(f":{field}")
    )


def form_select(at, kind: str, key: str, field: str):
    prefix = f"form:{kind}:{key}:"
    return next(w for w in at.selectbox if w.key.startswith(prefix) and w.key.endswith(f":{field}"))


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_edit_an_actor_in_the_form_then_undo(app, store_path):
    at = open_page(app, "actors")
    at.selectbox(key="pick:actor").set_value("asso").run()
    form_input(at, "actor", "asso", "name").set_value("Association des Halles")
    form_input(at, "actor", "asso", "influence").set_value("3,5")  # a French decimal comma
    button(at, "Enregistrer les modifications").click().run()
    assert not at.exception and not at.error, texts(at)
    asso = stored(store_path).actors["asso"]
    assert (asso.name, asso.influence) == ("Association des Halles", 3.5)
    assert at.success[0].value == "Enregistré : modification acteur Association des Halles"

    at.button(key="undo:actor").click().run()
    assert stored(store_path).actors["asso"].name == "Asso des Halles"
    assert at.success[0].value.startswith("Annulé : modification acteur")
    # Again: the import itself is undone (several levels of undo).
    at.button(key="undo:actor").click().run()
    assert stored(store_path).actors == {}


def test_add_an_actor_with_the_importers_messages(app, store_path):
    at = open_page(app, "actors")
    form_input(at, "actor", "new", "id").set_value("cci")
    form_input(at, "actor", "new", "name").set_value("CCI du Doubs")
    form_select(at, "actor", "new", "kind").set_value("organisation")
    form_input(at, "actor", "new", "influence").set_value("7")
    button(at, "Ajouter").click().run()
    assert "cci" not in stored(store_path).actors  # nothing written on error
    assert at.error[0].value.startswith("1 problème : rien n'a été enregistré")
    problems = at.dataframe[-1].value
    assert problems.iloc[0]["colonne"] == "influence"
    assert problems.iloc[0]["valeur"] == "7"

    form_input(at, "actor", "new", "influence").set_value("3")
    button(at, "Ajouter").click().run()
    cci = stored(store_path).actors["cci"]
    assert (cci.name, cci.kind.value, cci.level.value, cci.influence) == (
        "CCI du Doubs", "organisation", "meso", 3.0)  # fmt: skip


def test_stale_edit_is_refused(app, store_path):
    """The form remembers the version it read; another user's change in between makes
    the store refuse the edit instead of overwriting it."""
    from ecomap.store.sqlite import SQLiteStore

    at = open_page(app, "actors")
    at.selectbox(key="pick:actor").set_value("coop").run()
    with SQLiteStore(store_path) as other_user:
        coop = other_user.load().actors["coop"]
        other_user.upsert([coop.model_copy(update={"name": "Coop Bio du Val"})])
    form_input(at, "actor", "coop", "name").set_value("Coopérative Bio")
    button(at, "Enregistrer les modifications").click().run()
    assert "Quelqu'un d'autre a modifié cet élément" in at.error[0].value
    assert "Coop Bio du Val" in at.error[0].value
    assert stored(store_path).actors["coop"].name == "Coop Bio du Val"


def test_table_editor_saves_changed_and_added_rows(app, store_path):
    at = open_page(app, "actors")
    rows = at.data_editor[0].value
    position = rows.index[rows["id"] == "ben"][0]
    at.session_state["editor:actor"] = {
        "edited_rows": {int(position): {"territory": "Lernay"}},
        "added_rows": [{"id": "eve", "name": "Eve Petit", "kind": "person"}],
        "deleted_rows": [],
    }
    at.run()
    button(at, "Enregistrer 2 lignes modifiées").click().run()
    assert not at.error, texts(at)
    saved = stored(store_path)
    assert saved.actors["ben"].territory == "Lernay"
    assert saved.actors["ben"].name == "Ben Roy"  # untouched cells keep their value
    assert saved.actors["eve"].level.value == "micro"


def test_table_editor_reports_rows_and_writes_nothing(app, store_path):
    before = revision(store_path)
    at = open_page(app, "relations")
    at.session_state["editor:relation"] = {
        "edited_rows": {},
        "added_rows": [{"source": "ana", "target": "mairie", "type": "power"}],
        "deleted_rows": [],
    }
    at.run()
    button(at, "Enregistrer 1 ligne modifiée").click().run()
    problems = at.dataframe[-1].value
    assert problems.iloc[0]["ligne"] == 12  # 11 relations, then the new row
    assert problems.iloc[0]["fichier"] == "tableau des relations"
    assert "power_type" in problems.iloc[0]["problème"]
    assert revision(store_path) == before


def test_delete_asks_and_says_what_goes_with_it(app, store_path):
    at = open_page(app, "actors")
    at.selectbox(key="pick:actor").set_value("ana").run()
    assert "Supprimer Ana Martin supprime aussi ces 3 relations :" in texts(at)
    delete = at.button(key="form:delete:actor:ana")
    assert delete.disabled
    at.checkbox(key="form:delete-confirm:actor:ana").check().run()
    at.button(key="form:delete:actor:ana").click().run()
    saved = stored(store_path)
    assert "ana" not in saved.actors
    assert len(saved.relations) == 11 - 3
    assert at.success[0].value == "Enregistré : suppression acteur Ana Martin"


def test_edit_a_relation_changing_its_identity(app, store_path):
    """Changing the target of a relation without id replaces it in one change (the
    Mairie–Coop tension, written Mairie → Coop, becomes Mairie → Asso)."""
    at = open_page(app, "relations")
    key = '["tension", "coop", "mairie"]'
    at.selectbox(key="pick:relation").set_value(key).run()
    form_select(at, "relation", key, "target").set_value("asso")
    button(at, "Enregistrer les modifications").click().run()
    relations = stored(store_path).relations
    assert key not in relations
    moved = relations['["tension", "asso", "mairie"]']
    assert (moved.source, moved.target, moved.weight) == ("mairie", "asso", 2.0)


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_import_shows_the_error_table_and_writes_nothing(app, store_path):
    before = revision(store_path)
    at = open_page(app, "import_map")
    broken = zipped({
        "actors.csv": "id;nom;nature\nA;Mairie;collectivité\nB;Asso;chat\n",
        "relations.csv": "source;cible;type;poids\nA;B;coopère;4\nA;Z;coopère;1\n",
    })  # fmt: skip
    at.file_uploader[0].set_value(("carte.zip", broken, "application/zip")).run()
    assert shown_text(at.error[0].value).startswith("carte.zip contient 3 erreurs.")
    table = at.dataframe[0].value
    assert list(table.columns) == ["fichier", "ligne", "colonne", "valeur", "problème"]
    located = set(zip(table["fichier"], table["ligne"], table["colonne"], strict=True))
    assert ("carte.zip:actors.csv", 3, "nature") in located
    assert ("carte.zip:relations.csv", 2, "poids") in located
    assert ("carte.zip:relations.csv", 3, "cible") in located
    assert not [b for b in at.button if b.label == "Importer"]
    assert revision(store_path) == before


def test_import_merges_a_valid_upload(app, store_path):
    at = open_page(app, "import_map")
    good = zipped({
        "actors.csv": "id;nom;nature\nmairie;Mairie de Valbourg;collectivité\ncci;CCI;structure\n",
        "relations.csv": "source;cible;type\ncci;mairie;coopère\n",
    })  # fmt: skip
    at.file_uploader[0].set_value(("carte.zip", good, "application/zip")).run()
    effect = at.dataframe[-2].value
    # cci added; the Mairie's row repeats its stored name and kind: a merge patches, so
    # its territory, tags and influence (empty cells here) stay and nothing changes.
    assert effect.iloc[0].tolist() == ["acteurs", 1, 0, 1, 0]
    button(at, "Importer").click().run()
    saved = stored(store_path)
    assert saved.actors["cci"].name == "CCI"
    assert saved.actors["mairie"].territory == "Valbourg"
    assert saved.actors["mairie"].influence == 4
    assert "ana" in saved.actors  # a merge never deletes
    said = shown_text(at.success[0].value)
    assert "photo nommée import-2 a été prise" in said
    assert said.startswith("import de 2 acteurs et 1 relation depuis « carte.zip »")  # in French


def test_read_only_hides_every_editing_control(store_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ECOMAP_READ_ONLY", "1")
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert "Lecture seule" in texts(at)
    assert not [b for b in at.button if b.key == "layout_save"]
    for page in ("actors", "relations", "stakes", "spaces"):
        open_page(at, page)
        assert not at.data_editor, page
        assert len(at.dataframe) == 1
        assert not at.button, [b.label for b in at.button]
        assert "Mode lecture seule" in texts(at)
    open_page(at, "import_map")
    assert not at.file_uploader
    open_page(at, "history")
    assert not at.button
    assert not at.exception


def test_read_only_from_secrets(store_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["ecomap"] = {"read_only": True}
    at.run()
    open_page(at, "actors")
    assert not at.data_editor
    assert not at.exception


def test_actor_table_roundtrip_keeps_custom_fields(app, store_path):
    """A custom field shows as a column and survives an edit of another cell."""
    from ecomap.store.sqlite import SQLiteStore

    with SQLiteStore(store_path) as store:
        ben = store.load().actors["ben"]
        store.upsert([Actor.model_validate({**ben.model_dump(), "extra": {"quartier": "Gare"}})])
    at = open_page(app, "actors")
    rows = at.data_editor[0].value
    assert "quartier" in rows.columns
    position = int(rows.index[rows["id"] == "ben"][0])
    at.session_state["editor:actor"] = {"edited_rows": {position: {"role": "maraîcher"}},
                                        "added_rows": [], "deleted_rows": []}  # fmt: skip
    at.run()
    button(at, "Enregistrer 1 ligne modifiée").click().run()
    ben = stored(store_path).actors["ben"]
    assert (ben.role, ben.extra) == ("maraîcher", {"quartier": "Gare"})


def test_markdown_in_a_name_shows_as_typed(app, store_path):
    """Streamlit renders Markdown in alerts, captions and buttons: a name holding a link
    or bold markers is escaped there, never turned into a link."""
    from ecomap.store.sqlite import SQLiteStore

    tricky = "[clic](javascript:alert(1)) **gras**"
    with SQLiteStore(store_path) as store:
        ben = store.load().actors["ben"]
        store.upsert([ben.model_copy(update={"name": tricky})])
    at = open_page(app, "actors")
    at.selectbox(key="pick:actor").set_value("ben").run()
    warning = next(w.value for w in at.warning if "supprime aussi" in w.value)
    assert "\\[clic\\]\\(javascript:alert\\(1\\)\\) \\*\\*gras\\*\\*" in warning
    assert tricky not in warning


def test_add_a_stake_and_a_space_with_the_forms(app, store_path):
    at = open_page(app, "stakes")
    form_input(at, "stake", "new", "id").set_value("parking")
    form_input(at, "stake", "new", "name").set_value("Parking du marché")
    button(at, "Ajouter").click().run()
    assert stored(store_path).stakes["parking"].name == "Parking du marché"

    at = open_page(at, "spaces")
    form_input(at, "space", "new", "id").set_value("rex")
    form_input(at, "space", "new", "name").set_value("REX producteurs")
    form_select(at, "space", "new", "kind").set_value("experience_sharing")
    form_input(at, "space", "new", "frequency").set_value("4")
    form_select(at, "space", "new", "instituted").set_value("true")
    button(at, "Ajouter").click().run()
    rex = stored(store_path).spaces["rex"]
    assert (rex.kind.value, rex.frequency, rex.instituted) == ("experience_sharing", 4.0, True)


def test_history_shows_what_a_change_touched(app, store_path):
    at = open_page(app, "history")
    at.selectbox(key="history_pick").set_value(1).run()
    items = at.dataframe[-1].value
    assert len(items) == 6 + 1 + 1 + 11  # actors, stake, space and relations imported
    assert set(items["opération"]) == {"ajouté"}


def test_editing_a_note_recomputes_no_analysis(app, store_path, monkeypatch):
    """Results are cached by what the analyses read: a note edit keeps them, a weight
    edit does not (counted by how often the analysis function runs)."""
    import uuid

    from app_pages import common
    from ecomap.analysis import fragility
    from ecomap.model import Actor, Relation
    from ecomap.store.sqlite import SQLiteStore

    # Only what the page computes: no analysis made in the background meanwhile.
    monkeypatch.setattr(common, "WARM_UP", False)
    calls = []
    original = fragility.fragile_links
    monkeypatch.setattr(fragility, "fragile_links",
                        lambda *a, **k: calls.append(1) or original(*a, **k))  # fmt: skip
    # A map no other test has analysed (results are cached for the whole process).
    with SQLiteStore(store_path) as store:
        store.upsert([Actor(id="unique", name=f"Asso {uuid.uuid4().hex}", kind="organisation")])
    at = open_page(app, "fragility")
    assert not at.exception and calls
    before = len(calls)
    with SQLiteStore(store_path) as store:
        mairie = store.load().actors["mairie"]
        store.upsert([mairie.model_copy(update={"notes": "réunion le 3 mars"})])
    at = open_page(at, "fragility")
    assert not at.exception and len(calls) == before
    with SQLiteStore(store_path) as store:
        store.upsert([Relation(source="ana", target="ben", type="cooperates", weight=3)])
    at = open_page(at, "fragility")
    assert not at.exception and len(calls) > before


def test_a_large_table_shows_a_page_of_rows_at_a_time(app, monkeypatch):
    from app_pages import editing

    monkeypatch.setattr(editing, "PAGE_ROWS", 4)
    at = open_page(app, "relations")
    assert len(at.data_editor[0].value) == 4
    page = at.number_input(key="data_page:relation")
    assert page.max == 3  # 11 relations, 4 a page
    assert "Lignes 1 à 4 sur 11." in texts(at)
    page.set_value(3).run()
    assert len(at.data_editor[0].value) == 3
    assert "Lignes 9 à 11 sur 11." in texts(at)


def test_the_search_finds_rows_by_any_column_without_accents_or_capitals(app):
    at = open_page(app, "relations")
    at.text_input(key="data_search:relation").set_value("MARCHE").run()
    rows = at.data_editor[0].value
    # The two stances on the Marché couvert, and the COPIL marché's participants.
    assert sorted(rows["type"]) == ["participates", "participates", "stake", "stake"]
    assert "4 lignes trouvées sur 11." in texts(at)
    # The picker of the "change or delete" tab lists the same records.
    assert len(at.selectbox(key="pick:relation").options) == 4
    at.text_input(key="data_search:relation").set_value("tension coop").run()
    assert at.data_editor[0].value["type"].tolist() == ["tension"]
    at.text_input(key="data_search:relation").set_value("personne").run()
    assert not at.data_editor[0].value.shape[0]
    assert "Aucune ligne ne contient ces mots." in texts(at)


def test_changes_waiting_keep_their_page_and_save_the_rows_typed_in(app, store_path, monkeypatch):
    """A change typed in page 2 locks the page and the search until it is saved, even
    when another user edits the map meanwhile: it is saved to the very row it was
    typed in, and the row numbers of errors are those of the whole list."""
    from app_pages import editing
    from ecomap.store.sqlite import SQLiteStore

    monkeypatch.setattr(editing, "PAGE_ROWS", 2)
    at = open_page(app, "actors")
    at.number_input(key="data_page:actor").set_value(2).run()
    rows = at.data_editor[0].value
    second_page = rows["id"].tolist()
    at.session_state["editor:actor"] = {"edited_rows": {1: {"territory": "Lernay"}},
                                        "added_rows": [], "deleted_rows": []}  # fmt: skip
    with SQLiteStore(store_path) as other_user:
        shown = other_user.load().actors[second_page[0]]
        other_user.upsert([shown.model_copy(update={"notes": "vu par une autre personne"})])
    at.run()
    assert at.number_input(key="data_page:actor").disabled
    assert at.text_input(key="data_search:actor").disabled
    assert "Des modifications attendent dans cette page" in texts(at)
    assert at.data_editor[0].value["id"].tolist() == second_page
    button(at, "Enregistrer 1 ligne modifiée").click().run()
    assert not at.error, texts(at)
    assert stored(store_path).actors[second_page[1]].territory == "Lernay"
    assert not at.number_input(key="data_page:actor").disabled

    at.session_state["editor:actor"] = {"edited_rows": {0: {"kind": "chat"}},
                                        "added_rows": [], "deleted_rows": []}  # fmt: skip
    at.run()
    button(at, "Enregistrer 1 ligne modifiée").click().run()
    problems = at.dataframe[-1].value
    assert problems.iloc[0]["ligne"] == 3  # the first row of page 2


def test_on_a_large_map_the_ends_of_a_relation_are_typed_as_ids(app, store_path, monkeypatch):
    """Beyond NODE_CHOICES nodes the source and target cells hold ids (no list of every
    node sent with each run): a known id is saved, an unknown one refused with its row."""
    from app_pages import editing

    monkeypatch.setattr(editing, "NODE_CHOICES", 3)
    at = open_page(app, "relations")
    rows = at.data_editor[0].value
    position = int(rows.index[(rows["type"] == "tension")][0])
    at.session_state["editor:relation"] = {"edited_rows": {position: {"weight": 3}},
                                           "added_rows": [{"type": "cooperates", "source": "ana",
                                                           "target": "nobody"}],
                                           "deleted_rows": []}  # fmt: skip
    at.run()
    button(at, "Enregistrer 2 lignes modifiées").click().run()
    problems = at.dataframe[-1].value
    assert problems.iloc[0]["ligne"] == 12 and problems.iloc[0]["valeur"] == "nobody"
    at.session_state["editor:relation"] = {"edited_rows": {position: {"weight": 3}},
                                           "added_rows": [{"type": "cooperates", "source": "ana",
                                                           "target": "coop"}],
                                           "deleted_rows": []}  # fmt: skip
    at.run()
    button(at, "Enregistrer 2 lignes modifiées").click().run()
    assert not at.error, texts(at)
    saved = stored(store_path).relations
    assert saved['["tension", "coop", "mairie"]'].weight == 3
    assert any(r.source == "ana" and r.target == "coop" for r in saved.values())
