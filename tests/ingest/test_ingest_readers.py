"""Readers: every format, real spreadsheet quirks, and locations as a spreadsheet shows them."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
from ingest_samples import ACTORS, RELATIONS, write_files

from ecomap.errors import InputError
from ecomap.ingest import read_bytes, read_map
from ecomap.ingest.readers import read_csv, read_tables, sniff_delimiter
from ecomap.model import RecordKind


def _zip(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _xlsx(sheets: dict[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FRENCH_ACTORS = (
    "Identifiant;Nom;Nature;Niveau;Catégorie;Territoire;Rôle;Influence;Engagement;"
    "Étiquettes;Notes;Latitude;Longitude\n"
    "p1;Élodie Martin;personne;;élue;Vallée;Maire-adjointe;4,5;moteur;"
    "vélo | marché;« très impliquée »;45,75;−0,5\n"
    "o1;Association Terre & Vie;structure;méso;association;Vallée;;2;contributrice;;;;\n"
    "i1;Communauté de communes;collectivité;;EPCI;;;5;éloigné;;;;\n"
)
FRENCH_RELATIONS = (
    "Source;Cible;Nature;Poids;Type de pouvoir;Position;Formel;Mode;Enjeu;Rôle;Depuis;"
    "Jusqu'à;Signalé par;Visibilité;ACTER accord;ACTER confiance\n"
    "p1;o1;membre de;;;;;;;présidente;01/09/2019;30/06/2027;entretien;comité;;\n"
    "o1;i1;coopère;2;;;oui;mutualisation;;;;;;privée;3;1,5\n"
    "i1;o1;rapport de force;3;économique;;;;;;;;;;;\n"
    "p1;s1;enjeu;2;;−2;;;;;;;;;;\n"
    "o1;c1;participe;;;;;;;animatrice;;;;;;\n"
    "o1;i1;tension;1;;;;;s1;;;;;;;\n"
)
FRENCH_STAKES = "id;nom;description\ns1;Marché du centre;halle\n"
FRENCH_SPACES = "id;nom;nature;fréquence;institué\nc1;COPIL;comité de pilotage;4;vrai\n"


def _check_french_map(eco):
    ana = eco.actors["p1"]
    assert (ana.name, ana.kind.value, ana.level.value) == ("Élodie Martin", "person", "micro")
    assert ana.influence == 4.5 and ana.engagement.value == "driver"
    assert ana.tags == ["vélo", "marché"]
    assert ana.notes == "« très impliquée »"
    assert (ana.lat, ana.lon) == (45.75, -0.5)
    assert eco.actors["o1"].kind.value == "organisation"
    assert eco.actors["o1"].engagement.value == "contributor"
    assert eco.actors["i1"].kind.value == "institution"
    assert eco.actors["i1"].engagement.value == "distant"
    by_type = {r.type.value: r for r in eco.relations.values()}
    member = by_type["member_of"]
    assert (member.role, member.since, member.until) == (
        "présidente",
        date(2019, 9, 1),
        date(2027, 6, 30),
    )
    assert member.visibility.value == "committee"
    coop = by_type["cooperates"]
    assert (coop.weight, coop.formal, coop.mode.value) == (2.0, True, "pooling")
    assert (coop.acter_agree, coop.acter_trust, coop.visibility.value) == (3.0, 1.5, "private")
    assert by_type["power"].power_type.value == "economic"
    assert by_type["stake"].stance == -2.0
    assert by_type["participates"].role == "facilitator"
    assert by_type["tension"].stake == "s1"
    space = eco.spaces["c1"]
    assert (space.kind.value, space.frequency, space.instituted) == ("steering_committee", 4, True)


def test_windows_1252_semicolon_french_folder(tmp_path):
    """What French Excel writes by default: cp1252, ``;``, French headers and values."""
    folder = write_files(
        tmp_path / "carte",
        {
            # Windows-1252 has no − sign: Excel writes the hyphen-minus.
            "acteurs.csv": FRENCH_ACTORS.replace("−", "-").encode("cp1252"),
            "relations.csv": FRENCH_RELATIONS.replace("−", "-").encode("cp1252"),
            "enjeux.csv": FRENCH_STAKES.encode("cp1252"),
            "dispositifs.csv": FRENCH_SPACES.encode("cp1252"),
        },
    )
    eco, warnings = read_map(folder)
    assert warnings == []
    _check_french_map(eco)


def test_utf8_bom_and_unicode_minus(tmp_path):
    folder = write_files(
        tmp_path / "carte",
        {
            "actors.csv": "\ufeff" + FRENCH_ACTORS,
            "relations.csv": "\ufeff" + FRENCH_RELATIONS,
            "stakes.csv": FRENCH_STAKES,
            "spaces.csv": FRENCH_SPACES,
        },
    )
    eco, _ = read_map(folder)
    # The BOM does not stick to the first header: "Identifiant" is still read as id.
    assert set(eco.actors) == {"p1", "o1", "i1"}
    _check_french_map(eco)


def test_utf16_unicode_text_export(tmp_path):
    """Excel's "Unicode text" export: UTF-16 with its mark, tab-separated."""
    actors = "id\tname\tkind\ta\tÉlise\tperson\n".replace("\ta\t", "\na\t")
    folder = write_files(
        tmp_path / "m",
        {"actors.csv": actors.encode("utf-16"), "relations.csv": "source\ttarget\ttype\n"},
    )
    eco, _ = read_map(folder)
    assert eco.actors["a"].name == "Élise"


def test_sniff_delimiter():
    assert sniff_delimiter("id;name;kind\n") == ";"
    assert sniff_delimiter("id,name,kind\n") == ","
    assert sniff_delimiter("id\tname\tkind\n") == "\t"
    assert sniff_delimiter('"a;b;c",name\n') == ","
    assert sniff_delimiter("\n\nid;name\n") == ";"


def test_lines_count_as_a_spreadsheet_shows_them():
    """Header = line 1; blank lines are skipped but counted; a cell spanning two text
    lines is one spreadsheet row."""
    text = 'id,name,kind,notes\n\na,Ana,person,"two\nlines"\n,,,\nb,Bob,person,\n'
    table, issues = read_csv(text.encode(), RecordKind.ACTOR, "actors.csv")
    assert issues == []
    assert [(row.line, row.values["id"]) for row in table.rows] == [(3, "a"), (5, "b")]
    assert table.rows[0].values["notes"] == "two\nlines"


def test_header_after_blank_lines_is_located():
    table, _ = read_csv(b"\n\nid,name,kind\na,A,person\n", RecordKind.ACTOR, "actors.csv")
    assert table.header_line == 3
    assert table.rows[0].line == 4


def test_columns_keep_the_users_spelling():
    table, _ = read_csv(b"Nom;Nature;id\nA;personne;a\n", RecordKind.ACTOR, "a.csv")
    row = table.rows[0]
    assert row.values == {"name": "A", "kind": "personne", "id": "a"}
    assert (row.column("name"), row.column("kind"), row.column("id")) == ("Nom", "Nature", "id")


def test_custom_columns_are_kept_and_warned_once_per_file(tmp_path):
    folder = write_files(
        tmp_path / "m",
        {
            "actors.csv": "id,name,kind,Budget,contact\na,A,person,1200,\nb,B,person,,x@y\n",
            "relations.csv": "source,target,type,origine du lien\na,b,cooperates,atelier\n",
        },
    )
    eco, warnings = read_map(folder)
    assert eco.actors["a"].extra == {"Budget": "1200"}
    assert eco.actors["b"].extra == {"contact": "x@y"}
    assert next(iter(eco.relations.values())).extra == {"origine du lien": "atelier"}
    assert [(w.file, w.line, w.column, w.severity) for w in warnings] == [
        ("actors.csv", 1, "Budget, contact", "warning"),
        ("relations.csv", 1, "origine du lien", "warning"),
    ]
    assert "Budget, contact" in warnings[0].message


def test_duplicate_column_is_an_error(tmp_path):
    folder = write_files(
        tmp_path / "m",
        {"actors.csv": "id,name,nom,kind\na,A,A2,person\n", "relations.csv": RELATIONS},
    )
    with pytest.raises(InputError) as caught:
        read_map(folder)
    issue = next(i for i in caught.value.issues if i.column == "nom")
    assert (issue.file, issue.line) == ("actors.csv", 1)
    assert "'name'" in issue.message


def test_values_under_no_header_are_ignored_with_a_warning(tmp_path):
    folder = write_files(
        tmp_path / "m",
        {"actors.csv": "id,name,kind\na,A,person,stray\n", "relations.csv": "source,target,type\n"},
    )
    eco, warnings = read_map(folder)
    assert eco.actors["a"].extra == {}
    assert [w.severity for w in warnings] == ["warning"]
    assert "without a header" in warnings[0].message


def test_zip_of_a_folder(tmp_path):
    data = _zip(
        {
            "carte/actors.csv": ACTORS,
            "carte/relations.csv": RELATIONS,
            "__MACOSX/carte/._actors.csv": b"\x00\x05junk",
        }
    )
    eco, _ = read_bytes(data, "carte.zip")
    assert set(eco.actors) == {"a", "o"} and len(eco.relations) == 1


def test_zip_errors_name_the_member():
    data = _zip(
        {"actors.csv": "id,name,kind\na,A,alien\n", "relations.csv": "source,target,type\n"}
    )
    with pytest.raises(InputError) as caught:
        read_bytes(data, "upload.zip")
    [issue] = caught.value.issues
    assert (issue.file, issue.line, issue.column, issue.value) == (
        "upload.zip:actors.csv",
        2,
        "kind",
        "alien",
    )


def test_xlsx_with_typed_cells():
    """Workbook cells hold numbers, dates and booleans already; a title-less sheet with
    another sheet beside it (ignored)."""
    data = _xlsx(
        {
            "Acteurs": [
                ["id", "nom", "nature", "influence", "lat"],
                ["a", "Ana", "personne", 4, 45.5],
                [12, "Org", "organisation", None, None],
            ],
            "relations": [
                ["source", "cible", "type", "poids", "formel", "depuis", "jusqu'à"],
                ["a", 12, "membre de", None, None, datetime(2020, 1, 1), date(2021, 5, 3)],
                [12, "a", "cooperates", 2.0, True, None, None],
            ],
            "Notes de terrain": [["anything", 1, 2]],
        }
    )
    eco, warnings = read_bytes(data, "carte.xlsx")
    assert warnings == []
    assert eco.actors["a"].influence == 4.0 and eco.actors["a"].lat == 45.5
    # A numeric id typed in Excel is the id "12", not "12.0".
    assert eco.actors["12"].name == "Org"
    member = next(r for r in eco.relations.values() if r.type == "member_of")
    assert (member.target, member.since, member.until) == ("12", date(2020, 1, 1), date(2021, 5, 3))
    coop = next(r for r in eco.relations.values() if r.type == "cooperates")
    assert (coop.weight, coop.formal) == (2.0, True)


def test_xlsx_errors_name_sheet_and_row():
    data = _xlsx(
        {
            "actors": [["id", "name", "kind"], [], ["a", "A", "person"], ["b", "B", "martian"]],
            "relations": [["source", "target", "type"]],
        }
    )
    with pytest.raises(InputError) as caught:
        read_bytes(data, "m.xlsx")
    [issue] = caught.value.issues
    assert (issue.file, issue.line, issue.column, issue.value) == (
        "m.xlsx:actors",
        4,
        "kind",
        "martian",
    )


def test_xlsx_missing_sheet():
    data = _xlsx({"actors": [["id", "name", "kind"]]})
    with pytest.raises(InputError) as caught:
        read_bytes(data, "m.xlsx")
    [issue] = caught.value.issues
    assert issue.file == "m.xlsx:relations"
    assert "missing sheet" in issue.message


def test_json_reader_positions_and_lists():
    document = {
        "format": "ecomap",
        "version": 1,
        "actors": [
            {"id": "a", "name": "Ana", "kind": "person", "tags": ["x", "y"], "influence": 2},
            {"id": "o", "name": "Org", "kind": "organisation", "site": "https://o.fr"},
        ],
        "stakes": [],
        "spaces": [],
        "relations": [
            {"source": "a", "target": "o", "type": "member_of"},
            {"source": "o", "target": "a", "type": "cooperates", "weight": 5},
        ],
    }
    with pytest.raises(InputError) as caught:
        read_bytes(json.dumps(document).encode(), "map.json")
    [issue] = caught.value.issues
    assert (issue.file, issue.line, issue.column, issue.value) == (
        "map.json:relations",
        2,
        "weight",
        "5",
    )
    [warning] = caught.value.warnings
    assert (warning.file, warning.column) == ("map.json:actors", "site")

    document["relations"][1]["weight"] = 2
    eco, _ = read_bytes(json.dumps(document).encode(), "map.json")
    assert eco.actors["a"].tags == ["x", "y"]
    assert eco.actors["o"].extra == {"site": "https://o.fr"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not an ecomap map"),
        ('{"format": "other"}', "not an ecomap map"),
        ('{"format": "ecomap", "version": 2, "actors": [], "relations": []}', "version 2"),
        ('{"format": "ecomap", "version": 1, "actors": {}, "relations": []}', "list of records"),
        ('{"format": "ecomap", "version": 1, "actors": [3], "relations": []}', "expected a record"),
        (
            '{"format": "ecomap", "version": 1, "actors": [{"id": {"x": 1}}], "relations": []}',
            "expected a text",
        ),
        ('{"format": "ecomap", "version": 1, "actors": []}', "missing list 'relations'"),
    ],
)
def test_json_document_errors(text, expected):
    with pytest.raises(InputError) as caught:
        read_bytes(text.encode(), "map.json")
    assert any(expected in issue.message for issue in caught.value.issues), caught.value.issues


def test_missing_required_files_all_reported(tmp_path):
    folder = write_files(tmp_path / "m", {"stakes.csv": "id,name\ns,S\n"})
    with pytest.raises(InputError) as caught:
        read_map(folder)
    assert [(i.file, i.message) for i in caught.value.issues] == [
        ("actors.csv", "missing file: a map needs actors.csv"),
        ("relations.csv", "missing file: a map needs relations.csv"),
    ]


def test_two_files_for_one_kind(tmp_path):
    folder = write_files(
        tmp_path / "m", {"actors.csv": ACTORS, "acteurs.csv": ACTORS, "relations.csv": RELATIONS}
    )
    with pytest.raises(InputError) as caught:
        read_map(folder)
    assert "keep one" in caught.value.issues[0].message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing", None, "no such file or folder"),
        ("map.txt", b"x", "unknown map format '.txt'"),
        ("actors.csv", ACTORS.encode(), "one CSV file is not a whole map"),
        ("map.xlsx", b"not a workbook", "not a readable Excel workbook"),
        ("carte.xls", b"\xd0\xcf\x11\xe0", "a .xls workbook cannot be read: save it as .xlsx"),
        ("map.zip", b"PK\x03\x04 broken", "not a readable .zip"),
        ("map.json", b"\x81\x8d\x8f\x90\x9d", "neither UTF-8 nor Windows-1252"),
    ],
)
def test_unusable_paths_give_one_clear_issue(tmp_path, name, content, expected):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_map(path)
    [issue] = caught.value.issues
    assert expected in issue.message


def test_zip_without_map_files():
    with pytest.raises(InputError) as caught:
        read_bytes(_zip({"notes.txt": "hello"}), "m.zip")
    assert "holds no actors.csv" in caught.value.issues[0].message


def test_single_csv_upload_is_refused():
    with pytest.raises(InputError) as caught:
        read_bytes(ACTORS.encode(), "actors.csv")
    assert "actors.csv and relations.csv" in caught.value.issues[0].message


def test_oversized_cell_is_a_csv_error(tmp_path):
    """Python's csv module refuses cells above 128 KiB (Excel itself stops at 32,767
    characters); that is reported, not raised."""
    actors = "id,name,kind,notes\na,A,person," + "x" * 200_000 + "\n"
    folder = write_files(tmp_path / "m", {"actors.csv": actors, "relations.csv": RELATIONS})
    with pytest.raises(InputError) as caught:
        read_map(folder)
    assert caught.value.issues[0].file == "actors.csv"
    assert "not a readable CSV file" in caught.value.issues[0].message


def test_empty_optional_file_is_no_records(tmp_path):
    folder = write_files(
        tmp_path / "m", {"actors.csv": ACTORS, "relations.csv": RELATIONS, "stakes.csv": ""}
    )
    eco, _ = read_map(folder)
    assert eco.stakes == {}


def test_read_tables_never_raises_on_directories_without_csv(tmp_path):
    tables, issues = read_tables(tmp_path)
    assert tables == [] and len(issues) == 2


def test_french_messages(tmp_path):
    folder = write_files(tmp_path / "m", {"actors.csv": ACTORS})
    with pytest.raises(InputError) as caught:
        read_map(folder, lang="fr")
    assert (
        caught.value.issues[0].message == "fichier manquant : une carte a besoin de relations.csv"
    )
