"""Cells and files that used to be read wrong without a word, now refused with the usual
file / line / column message: two-digit years, malformed times, numbers of thousands of
digits, tens of thousands of unknown columns, text in encodings other than UTF-8 and
Windows-1252."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
from ingest_samples import write_files

from ecomap.cli import main
from ecomap.errors import InputError, Issue
from ecomap.ingest import read_bytes, read_map
from ecomap.model import parse_date

ACTORS = "id,name,kind\na,Mairie,institution\nb,Association,organisation\n"
HUGE = "7" * 5000


def relation_csv(since: str, until: str = "") -> str:
    return f"source,target,type,since,until\na,b,cooperates,{since},{until}\n"


def workbook(actors: list[list], relations: list[list]) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "actors"
    for row in actors:
        book["actors"].append(row)
    sheet = book.create_sheet("relations")
    for row in relations:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def json_map(actors: str, relations: str = "[]") -> bytes:
    text = f'{{"format": "ecomap", "version": 1, "actors": {actors}, "relations": {relations}}}'
    return text.encode()


def issues_of(work) -> list[Issue]:
    with pytest.raises(InputError) as caught:
        work()
    return caught.value.issues


# -- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["01/03/26", "1/3/26", "01/03/026", "2026-3-1x", "26-03-01"])
def test_a_year_not_written_in_four_digits_is_refused(text):
    with pytest.raises(ValueError, match="year in four digits"):
        parse_date(text)


@pytest.mark.parametrize(
    "text", ["1900-01-01T99:99", "2026-03-01T25:00", "2026-03-01 10:61", "2026-03-01Tmidi"]
)
def test_a_malformed_time_is_refused_not_cut(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/03/2026", date(2026, 3, 1)),
        ("1/3/2026", date(2026, 3, 1)),
        ("2026-03-01", date(2026, 3, 1)),
        ("2026-03-01T10:30:00", date(2026, 3, 1)),  # a workbook's date cell with a time
        ("2026-03-01 10:30", date(2026, 3, 1)),
        (" 2026-03-01 ", date(2026, 3, 1)),
    ],
)
def test_dates_as_spreadsheets_write_them_still_read(text, expected):
    assert parse_date(text) == expected


def test_csv_dates_are_refused_with_file_line_and_column(tmp_path):
    folder = write_files(
        tmp_path / "carte",
        {"actors.csv": ACTORS, "relations.csv": relation_csv("01/03/26", "1900-01-01T99:99")},
    )
    found = issues_of(lambda: read_map(folder))
    assert [str(i) for i in found] == [
        "relations.csv, line 2, column 'since': expected a date as 2026-03-01 or 01/03/2026, "
        "the year in four digits (value: '01/03/26')",
        "relations.csv, line 2, column 'until': expected a date as 2026-03-01 or 01/03/2026, "
        "the year in four digits (value: '1900-01-01T99:99')",
    ]


def test_french_messages_say_the_same(tmp_path):
    folder = write_files(
        tmp_path / "carte", {"actors.csv": ACTORS, "relations.csv": relation_csv("01/03/26")}
    )
    [issue] = issues_of(lambda: read_map(folder, lang="fr"))
    assert issue.message == (
        "attendu une date comme 01/03/2026 ou 2026-03-01, l'année en quatre chiffres"
    )


def test_workbook_dates_typed_as_text_are_refused_and_date_cells_still_read():
    header = ["source", "target", "type", "since", "until"]
    data = workbook(
        [["id", "name", "kind"], ["a", "Mairie", "institution"], ["b", "Asso", "organisation"],
         ["c", "Coop", "organisation"]],
        [header, ["a", "b", "cooperates", datetime(2026, 3, 1), datetime(2026, 6, 1, 10, 30)],
         ["a", "c", "cooperates", "01/03/26", "1900-01-01T99:99"]],
    )  # fmt: skip
    found = issues_of(lambda: read_bytes(data, "carte.xlsx"))
    assert [(i.file, i.line, i.column, i.value) for i in found] == [
        ("carte.xlsx:relations", 3, "since", "01/03/26"),
        ("carte.xlsx:relations", 3, "until", "1900-01-01T99:99"),
    ]
    good = workbook(
        [["id", "name", "kind"], ["a", "Mairie", "institution"], ["b", "Asso", "organisation"]],
        [header, ["a", "b", "cooperates", datetime(2026, 3, 1), datetime(2026, 6, 1, 10, 30)]],
    )
    eco, _ = read_bytes(good, "carte.xlsx")
    [relation] = eco.relations.values()
    assert (relation.since, relation.until) == (date(2026, 3, 1), date(2026, 6, 1))


def test_json_dates_are_refused_with_their_record_and_field():
    actors = (
        '[{"id": "a", "name": "A", "kind": "person"}, {"id": "b", "name": "B", "kind": "person"}]'
    )
    relations = '[{"source": "a", "target": "b", "type": "cooperates", "since": "01/03/26"}]'
    [issue] = issues_of(lambda: read_bytes(json_map(actors, relations), "carte.json"))
    assert (issue.file, issue.line, issue.column, issue.value) == (
        "carte.json:relations",
        1,
        "since",
        "01/03/26",
    )


def test_the_cli_names_the_cell(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    folder = write_files(
        tmp_path / "carte", {"actors.csv": ACTORS, "relations.csv": relation_csv("01/03/26")}
    )
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "relations.csv │ 2    │ since  │ '01/03/26'" in err
    assert "the year in four digits" in err


# -- numbers of thousands of digits ------------------------------------------------------


def test_a_huge_number_in_a_csv_cell_is_a_cell_error_shown_short(tmp_path, capsys):
    folder = write_files(
        tmp_path / "carte",
        {"actors.csv": f"id,name,kind,influence\na,Mairie,institution,{HUGE}\n",
         "relations.csv": "source,target,type\n"},
    )  # fmt: skip
    [issue] = issues_of(lambda: read_map(folder))
    assert (issue.file, issue.line, issue.column) == ("actors.csv", 2, "influence")
    assert issue.message == "expected a number from 0 to 5"
    assert issue.value == "7" * 60 + "…"
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert len(err) < 2000 and "set_int_max_str_digits" not in err


def test_a_huge_number_in_json_is_a_cell_error_not_a_python_hint(capsys, tmp_path):
    data = json_map(f'[{{"id": "a", "name": "A", "kind": "person", "influence": {HUGE}}}]')
    [issue] = issues_of(lambda: read_bytes(data, "carte.json"))
    assert (issue.file, issue.line, issue.column, issue.message) == (
        "carte.json:actors",
        1,
        "influence",
        "expected a number from 0 to 5",
    )
    assert issue.value == "7" * 60 + "…"
    path = tmp_path / "carte.json"
    path.write_bytes(data)
    assert main(["validate", str(path)]) == 1
    assert "set_int_max_str_digits" not in capsys.readouterr().err


def test_a_huge_number_in_a_custom_json_field_is_kept_whole():
    data = json_map(f'[{{"id": "a", "name": "A", "kind": "person", "dossier": {HUGE}}}]')
    eco, _ = read_bytes(data, "carte.json")
    assert eco.actors["a"].extra == {"dossier": HUGE}


def test_a_huge_number_in_a_workbook_names_its_sheet_and_line():
    data = workbook(
        [["id", "name", "kind", "influence"], ["a", "A", "person", 1], ["b", "B", "person", 7]],
        [["source", "target", "type"]],
    )
    # Excel never writes such a number; a tool or a hand can, in the sheet's XML.
    patched = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(patched, "w") as out:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                part = part.replace(b"<v>7</v>", f"<v>{HUGE}</v>".encode())
            out.writestr(info, part)
    [issue] = issues_of(lambda: read_bytes(patched.getvalue(), "carte.xlsx"))
    assert (issue.file, issue.line, issue.column) == ("carte.xlsx:actors", 3, None)
    assert issue.message == (
        "a cell of this line holds a number of thousands of digits: expected a number as a "
        "spreadsheet writes it (at most 15 significant digits)"
    )


def test_a_long_value_is_shown_short_but_short_values_whole():
    long = Issue("f.csv", 2, "notes", "é" * 300, "expected a text")
    assert long.value == "é" * 60 + "…"
    assert Issue("f.csv", 2, "name", "x" * 80, "m").value == "x" * 80
    assert Issue("f.csv", 2, "weight", 7.5, "m").value == 7.5


# -- unknown columns ---------------------------------------------------------------------


def test_many_unknown_columns_are_named_in_part_and_counted(tmp_path, capsys):
    names = [f"colonne{i}" for i in range(100_000)]
    folder = write_files(
        tmp_path / "carte",
        {"actors.csv": "id,name,kind," + ",".join(names) + "\na,A,person\n",
         "relations.csv": "source,target,type\n"},
    )  # fmt: skip
    eco, [warning] = read_map(folder)
    assert warning.message == (
        "custom columns kept as they are: colonne0, colonne1, colonne2, colonne3, colonne4, "
        "colonne5, colonne6, colonne7, colonne8, colonne9 and 99,990 more"
    )
    assert len(str(warning)) < 300
    assert main(["validate", str(folder)]) == 0
    captured = capsys.readouterr()
    assert len(captured.out + captured.err) < 3000


def test_a_few_unknown_columns_are_all_named(tmp_path):
    folder = write_files(
        tmp_path / "carte",
        {"actors.csv": "id,name,kind,quartier,référent\na,A,person,Gare,Ana\n",
         "relations.csv": "source,target,type\n"},
    )  # fmt: skip
    eco, [warning] = read_map(folder, lang="fr")
    assert (
        warning.message == "colonnes personnalisées conservées telles quelles : quartier, référent"
    )
    assert eco.actors["a"].extra == {"quartier": "Gare", "référent": "Ana"}


def test_json_custom_fields_are_named_in_part_too():
    record = {"id": "a", "name": "A", "kind": "person"} | {f"champ{i}": "x" for i in range(50)}
    eco, [warning] = read_bytes(json_map(json.dumps([record])), "carte.json", lang="fr")
    assert warning.message.endswith("champ9 et 40 autres")
    assert len(eco.actors["a"].extra) == 50


# -- encodings ---------------------------------------------------------------------------

JAPANESE = "id,name,kind\nyamada,山田太郎,person\nsuzuki,鈴木一郎,person\ntoyota,株式会社トヨタ,organisation\n"
RUSSIAN = "id,name,kind\nivan,Иван Петров,person\nolga,Ольга Смирнова,person\nmeria,Администрация города,institution\n"
FRENCH = (
    "id;nom;nature;rôle;notes\n"
    "mairie;Mairie de Saint-Étienne-lès-Remiremont;collectivité;;« Élus : 12 » – été 2026\n"
    "helene;Hélène Bérénice Œuvray;personne;chargée de mission;Coopère déjà avec l'école\n"
    "ecole;ÉCOLE ÉLÉMENTAIRE DES ÉCRINS;organisation;;Ça coûte 1 200 € / an\n"
    "halle;Halle n° 2;organisation;;½ journée par mois, à 18 °C\n"
)
TIES = "source,target,type\n"
ADVICE = 'save the file as "CSV UTF-8" and import it again'


@pytest.mark.parametrize(
    ("text", "encoding"), [(JAPANESE, "shift_jis"), (RUSSIAN, "koi8_r"), (RUSSIAN, "cp1251")]
)
def test_text_in_another_encoding_is_refused_with_what_to_do(tmp_path, capsys, text, encoding):
    folder = write_files(
        tmp_path / "carte",
        {"actors.csv": text.encode(encoding), "relations.csv": TIES.encode()},
    )
    [issue] = issues_of(lambda: read_map(folder))
    assert (issue.file, issue.line, issue.column) == ("actors.csv", None, None)
    assert issue.message == (
        "cannot read the text: it is neither UTF-8 nor Windows-1252, and its letters would "
        f"come out garbled; in your spreadsheet, {ADVICE}"
    )
    assert main(["validate", str(folder)]) == 1
    assert capsys.readouterr().err == f"error: actors.csv: {issue.message}\n"
    # The same names saved as the message says are read as written.
    (folder / "actors.csv").write_text(text, encoding="utf-8")
    eco, _ = read_map(folder)
    assert {a.name for a in eco.actors.values()} == {
        line.split(",")[1] for line in text.splitlines()[1:]
    }


def test_one_russian_name_among_plain_ascii_rows_is_enough(tmp_path):
    rows = "".join(f"a{i},Mairie {i},institution\n" for i in range(200))
    text = "id,name,kind\n" + rows + "ivan,Иван Петров,person\n"
    folder = write_files(
        tmp_path / "carte", {"actors.csv": text.encode("koi8_r"), "relations.csv": TIES}
    )
    [issue] = issues_of(lambda: read_map(folder, lang="fr"))
    assert issue.message.endswith(
        "dans votre tableur, enregistrez le fichier au format « CSV UTF-8 » puis "
        "importez-le à nouveau"
    )


def test_windows_1252_french_is_read_with_every_accent(tmp_path):
    folder = write_files(
        tmp_path / "carte",
        {"acteurs.csv": FRENCH.encode("cp1252"), "relations.csv": TIES.encode("cp1252")},
    )
    eco, _ = read_map(folder)
    assert eco.actors["mairie"].name == "Mairie de Saint-Étienne-lès-Remiremont"
    assert eco.actors["helene"].name == "Hélène Bérénice Œuvray"
    assert eco.actors["ecole"].notes == "Ça coûte 1 200 € / an"
    assert eco.actors["mairie"].notes == "« Élus : 12 » – été 2026"
    assert eco.actors["halle"].notes == "½ journée par mois, à 18 °C"


def test_the_sample_territory_saved_in_windows_1252_still_imports(tmp_path):
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "data" / "territoire-vallee"
    for encoding in ("cp1252", "utf-8"):
        (tmp_path / encoding).mkdir()
        for path in sample.glob("*.csv"):
            # Windows-1252 has no − sign: Excel writes the hyphen-minus.
            text = path.read_text(encoding="utf-8").replace("−", "-")
            (tmp_path / encoding / path.name).write_bytes(text.encode(encoding))
    eco, _ = read_map(tmp_path / "cp1252")
    assert len(eco.actors) > 50 and eco == read_map(tmp_path / "utf-8")[0]


def test_a_json_document_in_another_encoding_says_to_save_it_in_utf8():
    text = '{"format": "ecomap", "version": 1, "actors": [{"id": "a", "name": "山田太郎", "kind": "person"}], "relations": []}'
    [issue] = issues_of(lambda: read_bytes(text.encode("shift_jis"), "carte.json"))
    assert issue.message.endswith("save the document in UTF-8 and import it again")
