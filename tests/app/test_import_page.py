"""The import page as a patch on the map: what it shows before importing, field by field,
and that it writes exactly what it showed."""

from __future__ import annotations

import io
import zipfile

from app_helpers import open_page, revision, stored, texts

from ecomap.model import Actor


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


# A new actor tied to the stored Mairie, and the Mairie's row with only a territory
# filled and its tags cleared: its influence and name are not in the file at all.
PATCH = zipped({
    "actors.csv": "id;nature;nom;territoire;tags\n"
                  "mairie;;;Valbourg-le-Haut;(vide)\n"
                  "cci;structure;CCI;;\n",
    "relations.csv": "source;cible;type\ncci;mairie;coopère\n",
})  # fmt: skip


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_the_preview_lists_each_change_field_by_field_then_the_import_writes_it(app, store_path):
    at = open_page(app, "import_map")
    at.file_uploader[0].set_value(("carte.zip", PATCH, "application/zip")).run()
    assert not at.exception and not at.error
    assert "Ce que l'import change, champ par champ" in texts(at)
    changes = at.dataframe[-1].value
    assert list(changes.columns) == ["élément", "changement", "champ", "avant", "après"]
    assert changes.values.tolist() == [
        ["acteurs · mairie", "modifié", "territoire", "Valbourg", "Valbourg-le-Haut"],
        ["acteurs · mairie", "modifié", "étiquettes", "commune", "(vide)"],
        ["acteurs · cci", "ajouté", "", "", ""],
        ["relations · cooperates cci — mairie", "ajouté", "", "", ""],
    ]
    assert revision(store_path) == 1  # a preview writes nothing

    button(at, "Importer").click().run()
    assert not at.exception
    mairie = stored(store_path).actors["mairie"]
    assert (mairie.name, mairie.territory, mairie.tags, mairie.influence) == (
        "Mairie de Valbourg", "Valbourg-le-Haut", [], 4
    )  # fmt: skip
    assert "cci" in stored(store_path).actors


def test_an_import_refuses_when_the_map_changed_after_its_preview(app, store_path):
    from ecomap.store.sqlite import SQLiteStore

    at = open_page(app, "import_map")
    at.file_uploader[0].set_value(("carte.zip", PATCH, "application/zip")).run()
    # Someone else saves an edit of the Mairie while this preview is on screen.
    with SQLiteStore(store_path) as other:
        mairie = other.load().actors["mairie"]
        other.upsert([mairie.model_copy(update={"notes": "vu en mars"})])
    seen = revision(store_path)

    button(at, "Importer").click().run()
    assert not at.exception
    assert "La carte a changé depuis cet aperçu" in texts(at)
    assert revision(store_path) == seen
    assert "cci" not in stored(store_path).actors
    # The page shows the preview again, on the map as it is now; importing then works.
    button(at, "Importer").click().run()
    saved = stored(store_path).actors
    assert saved["mairie"].notes == "vu en mars" and "cci" in saved


def test_a_merge_may_refer_to_stored_actors_but_a_replace_may_not(app, store_path):
    at = open_page(app, "import_map")
    only_new = zipped({
        "actors.csv": "id;nom;nature\ncci;CCI;structure\n",
        "relations.csv": "source;cible;type\ncci;mairie;coopère\n",
    })  # fmt: skip
    at.file_uploader[0].set_value(("carte.zip", only_new, "application/zip")).run()
    assert not at.error
    at.radio(key="import_mode").set_value("replace").run()
    assert at.error and "1 erreur." in at.error[0].value
    located = at.dataframe[0].value
    assert located.iloc[0][["ligne", "colonne", "valeur"]].tolist() == [2, "cible", "mairie"]
    assert not [b for b in at.button if b.label == "Importer"]
    assert isinstance(stored(store_path).actors["mairie"], Actor)
