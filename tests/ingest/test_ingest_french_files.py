"""Files in French: the template in each language, French exports, and both read back."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from ecomap.errors import InputError
from ecomap.ingest import map_bytes, read_bytes, read_map, template_bytes, write_map
from ecomap.ingest.columns import HEADERS, SHEET_NAMES
from ecomap.model import COLUMNS, RecordKind

# The same few rows, as a French agent and an English one would type them in each template.
_ROWS = {
    "fr": {
        "acteurs": [
            {"identifiant": "ana", "nom": "Ana Lopez", "nature": "personne", "engagement": "moteur",
             "influence (0-5)": 3, "étiquettes": "élue|vélo"},
            {"identifiant": "mairie", "nom": "Mairie", "nature": "institution", "niveau": "méso"},
            {"identifiant": "asso", "nom": "Asso", "nature": "organisation",
             "engagement": "éloigné"},
        ],
        "relations": [
            {"source": "ana", "cible": "asso", "type de relation": "membre de",
             "rôle": "présidente", "depuis": "01/03/2025"},
            {"source": "asso", "cible": "mairie", "type de relation": "coopère avec",
             "poids (1-3)": 2, "formel": "oui", "mode de coopération": "mutualisation",
             "A.C.T.E.R confiance (0-3)": 2},
            {"source": "mairie", "cible": "asso", "type de relation": "rapport de force",
             "type de pouvoir": "économique", "visibilité": "comité"},
            {"source": "asso", "cible": "marche", "type de relation": "enjeu",
             "position (-2 à 2)": -1},
            {"source": "asso", "cible": "copil", "type de relation": "participe à",
             "rôle": "animateur"},
        ],
        "enjeux": [{"identifiant": "marche", "nom": "Marché du centre-bourg"}],
        "dispositifs": [
            {"identifiant": "copil", "nom": "COPIL", "nature": "comité de pilotage",
             "réunions par an": 4, "institué": "non"},
        ],
    },
    "en": {
        "actors": [
            {"id": "ana", "name": "Ana Lopez", "kind": "person", "engagement": "driver",
             "influence": 3, "tags": "élue|vélo"},
            {"id": "mairie", "name": "Mairie", "kind": "institution", "level": "meso"},
            {"id": "asso", "name": "Asso", "kind": "organisation", "engagement": "distant"},
        ],
        "relations": [
            {"source": "ana", "target": "asso", "type": "member_of", "role": "présidente",
             "since": "2025-03-01"},
            {"source": "asso", "target": "mairie", "type": "cooperates", "weight": 2,
             "formal": "true", "mode": "pooling", "acter_trust": 2},
            {"source": "mairie", "target": "asso", "type": "power",
             "power_type": "economic", "visibility": "committee"},
            {"source": "asso", "target": "marche", "type": "stake", "stance": -1},
            {"source": "asso", "target": "copil", "type": "participates",
             "role": "facilitator"},
        ],
        "stakes": [{"id": "marche", "name": "Marché du centre-bourg"}],
        "spaces": [
            {"id": "copil", "name": "COPIL", "kind": "steering_committee", "frequency": 4,
             "instituted": "false"},
        ],
    },
}  # fmt: skip


def _fill(lang: str) -> bytes:
    """The template of ``lang`` with ``_ROWS[lang]`` typed under its own headers."""
    book = openpyxl.load_workbook(io.BytesIO(template_bytes(lang)))
    for title, rows in _ROWS[lang].items():
        sheet = book[title]
        header = [c.value for c in sheet[1]]
        for row in rows:
            assert set(row) <= set(header), set(row) - set(header)
            sheet.append([row.get(h) for h in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_french_and_english_templates_filled_the_same_give_the_same_map():
    french, issues_fr = read_bytes(_fill("fr"), "modele.xlsx", lang="fr")
    english, issues_en = read_bytes(_fill("en"), "template.xlsx")
    assert issues_fr == [] and issues_en == []
    assert french == english
    counts = french.counts()
    assert (counts["actors"], counts["relations"], counts["stakes"], counts["spaces"]) == (
        3, 5, 1, 1,
    )  # fmt: skip
    cooperation = next(r for r in french.relations.values() if r.type == "cooperates")
    assert (cooperation.formal, cooperation.mode, cooperation.acter_trust) == (True, "pooling", 2)


def test_french_template_speaks_french_everywhere():
    book = openpyxl.load_workbook(io.BytesIO(template_bytes()))
    assert book.sheetnames == ["acteurs", "relations", "enjeux", "dispositifs", "lisez-moi"]
    lists = {}
    for title in ("acteurs", "relations", "enjeux", "dispositifs"):
        sheet = book[title]
        header = [c.value for c in sheet[1]]
        for rule in sheet.data_validations.dataValidation:
            column = header[next(iter(rule.sqref.ranges)).min_col - 1]
            if rule.type == "list":
                lists[(title, column)] = rule.formula1
                # Excel refuses a list longer than 255 characters.
                assert len(rule.formula1) <= 255
            assert rule.errorTitle == column[:32] or rule.errorTitle == column
    assert lists[("acteurs", "nature")] == '"personne,organisation,institution"'
    assert lists[("acteurs", "engagement")] == '"moteur,contributeur,suiveur,éloigné"'
    assert lists[("relations", "type de relation")] == (
        '"membre de,fait partie de,coopère avec,rapport de force,tension,enjeu,participe à,'
        'intérêts croisés,intérêts antagonistes"'
    )
    assert lists[("relations", "formel")] == '"oui,non"'
    assert lists[("dispositifs", "institué")] == '"oui,non"'
    assert lists[("dispositifs", "nature")] == (
        '"comité de pilotage,retour d\'expérience,groupe de travail,forum,autre"'
    )
    readme = [row[0] for row in book["lisez-moi"].iter_rows(values_only=True)]
    assert readme[0] == "ecomap — modèle de carte : lisez-moi"
    # No English word of the format is left in the French read-me.
    text = " ".join(line for line in readme if line)
    for english in ("actors", "stakes", "spaces", "member_of", "true", "power_type"):
        assert english not in text
    # Blank, it is an empty map.
    eco, issues = read_bytes(template_bytes(), "modele.xlsx")
    assert eco.counts()["actors"] == 0 and issues == []


def test_every_french_header_is_read_back_as_its_column():
    for kind in RecordKind:
        assert list(HEADERS["fr"][kind]) == list(COLUMNS[kind])
        assert len(set(HEADERS["fr"][kind].values())) == len(COLUMNS[kind])


@pytest.mark.parametrize("fmt", ["xlsx", "csv-zip"])
def test_french_exports_read_back_as_the_same_map(eco, fmt):
    data = map_bytes(eco, fmt, headers="fr")
    back, _ = read_bytes(data, f"carte.{'zip' if fmt == 'csv-zip' else fmt}")
    assert back == eco
    if fmt == "csv-zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = sorted(archive.namelist())
            first = archive.read("acteurs.csv").decode("utf-8-sig").splitlines()[0]
        assert names == ["acteurs.csv", "dispositifs.csv", "enjeux.csv", "relations.csv"]
        assert first.startswith("identifiant,nom,nature,niveau,catégorie")
    else:
        book = openpyxl.load_workbook(io.BytesIO(data))
        assert book.sheetnames == list(SHEET_NAMES["fr"].values())
        kinds = {c.value for c in book["acteurs"]["C"][1:]}
        assert kinds <= {"personne", "organisation", "institution"}


def test_french_folder_export_reads_back(tmp_path, eco):
    write_map(eco, tmp_path / "carte", headers="fr")
    assert sorted(p.name for p in (tmp_path / "carte").iterdir()) == [
        "acteurs.csv", "dispositifs.csv", "enjeux.csv", "relations.csv",
    ]  # fmt: skip
    assert read_map(tmp_path / "carte")[0] == eco
    # English files written over a French folder would be read twice: refused.
    with pytest.raises(InputError):
        write_map(eco, tmp_path / "carte")


def test_unknown_header_language_is_refused(eco, tmp_path):
    with pytest.raises(InputError) as caught:
        map_bytes(eco, "xlsx", headers="de", lang="fr")
    assert "langue des en-têtes inconnue « de »" in caught.value.issues[0].message
    with pytest.raises(InputError):
        write_map(eco, tmp_path / "carte", headers="de")
    assert list(tmp_path.iterdir()) == []
