"""Writers: exact columns and cells, the template, formula safety, atomic writes, Gephi."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import networkx as nx
import openpyxl
import pytest

from ecomap.errors import InputError
from ecomap.ingest import map_bytes, read_bytes, read_map, write_map, write_template
from ecomap.ingest import writers as writers_module
from ecomap.model import COLUMNS, Actor, Ecosystem, RecordKind, Relation, Space


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_csv_folder_has_the_exchange_columns_then_custom_ones(tmp_path, eco):
    write_map(eco, tmp_path / "out")
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["actors.csv", "relations.csv", "spaces.csv", "stakes.csv"]
    for name, kind, custom in (
        ("actors.csv", RecordKind.ACTOR, ["téléphone", "budget"]),
        ("relations.csv", RecordKind.RELATION, ["source_info"]),
        ("stakes.csv", RecordKind.STAKE, ["priorité"]),
        ("spaces.csv", RecordKind.SPACE, ["lieu"]),
    ):
        # A byte-order mark first, so that Excel opens the file as UTF-8.
        assert (tmp_path / "out" / name).read_bytes().startswith(b"\xef\xbb\xbf")
        header = (tmp_path / "out" / name).read_text(encoding="utf-8-sig").splitlines()[0]
        assert header.split(",") == [*COLUMNS[kind], *custom]


def test_csv_cells_are_plain(tmp_path, eco):
    write_map(eco, tmp_path / "out")
    actors = {row["id"]: row for row in _csv_rows(tmp_path / "out" / "actors.csv")}
    ana = actors["p-ana"]
    assert ana["influence"] == "3.5"
    assert ana["tags"] == "vélo|circuits courts"
    assert ana["lat"] == "45.75" and ana["lon"] == "-0.5"
    assert actors["i-cc"]["influence"] == "5"  # not 5.0
    relations = _csv_rows(tmp_path / "out" / "relations.csv")
    member = next(r for r in relations if r["id"] == "R-1")
    assert (member["since"], member["until"]) == ("2019-09-01", "2027-06-30")
    assert member["weight"] == "1"
    coop = next(r for r in relations if r["type"] == "cooperates" and r["formal"] == "true")
    assert (coop["weight"], coop["acter_trust"], coop["acter_translate"]) == ("3", "1.5", "0")
    assert any(r["formal"] == "false" for r in relations)
    stance = next(r for r in relations if r["stance"].startswith("-"))
    assert stance["stance"] == "-2"  # a number stays a number: no quote added
    spaces = {row["id"]: row for row in _csv_rows(tmp_path / "out" / "spaces.csv")}
    assert (spaces["sp-copil"]["frequency"], spaces["sp-copil"]["instituted"]) == ("4", "true")
    assert spaces["sp-rex"]["instituted"] == "false"


def test_formulas_are_defused_in_csv_and_restored(tmp_path, eco):
    write_map(eco, tmp_path / "out")
    actors = {row["id"]: row for row in _csv_rows(tmp_path / "out" / "actors.csv")}
    assert actors["p-ana"]["role"] == "'=chargée de mission"
    assert actors["p-ana"]["téléphone"] == "'+33 6 00 00 00 00"
    assert actors["p-ana"]["budget"] == "-1200"  # a plain number is harmless
    stakes = _csv_rows(tmp_path / "out" / "stakes.csv")
    assert stakes[0]["description"] == "'@halle couverte"
    back, _ = read_map(tmp_path / "out")
    assert back.actors["p-ana"].role == "=chargée de mission"
    assert back == eco


def test_formulas_are_defused_in_xlsx(tmp_path, eco):
    eco.add(Actor(id="x", name='=HYPERLINK("http://evil","clic")', kind="person"))
    write_map(eco, tmp_path / "m.xlsx")
    book = openpyxl.load_workbook(tmp_path / "m.xlsx")
    sheet = book["actors"]
    header = [c.value for c in sheet[1]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    name = rows["x"][header.index("name")]
    assert name.data_type == "s" and name.value == '\'=HYPERLINK("http://evil","clic")'
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    relations = book["relations"]
    rheader = [c.value for c in relations[1]]
    stances = [row[rheader.index("stance")].value for row in relations.iter_rows(min_row=2)]
    assert -2 in stances and 1.5 in stances  # real numbers, not text
    weights = [row[rheader.index("weight")].value for row in relations.iter_rows(min_row=2)]
    assert all(isinstance(w, int) for w in weights)  # 2, not 2.0
    back, _ = read_map(tmp_path / "m.xlsx")
    assert back.actors["x"].name == '=HYPERLINK("http://evil","clic")'
    assert back == eco


def test_control_characters_cannot_unmask_a_formula_in_xlsx(tmp_path):
    """Excel cannot hold ASCII control characters: they are dropped *before* defusing,
    so that none can hide a formula from it."""
    eco = Ecosystem()
    eco.add(Actor(id="a", name="\x01=cmd|' /C calc'!A0", kind="person", notes="x\x0by"))
    write_map(eco, tmp_path / "m.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "m.xlsx")["actors"]
    assert sheet["B2"].data_type == "s" and sheet["B2"].value == "'=cmd|' /C calc'!A0"
    back, _ = read_map(tmp_path / "m.xlsx")
    assert back.actors["a"].name == "=cmd|' /C calc'!A0"
    assert back.actors["a"].notes == "xy"


def test_json_format(eco):
    document = json.loads(map_bytes(eco, "json"))
    assert (document["format"], document["version"]) == ("ecomap", 1)
    assert list(document) == ["format", "version", "actors", "stakes", "spaces", "relations"]
    ana = next(a for a in document["actors"] if a["id"] == "p-ana")
    assert ana["tags"] == ["vélo", "circuits courts"]
    assert ana["budget"] == "-1200"
    assert "category" in ana and "engagement" in ana
    bob = next(a for a in document["actors"] if a["id"] == "p-bob")
    assert "notes" not in bob and "tags" not in bob  # empty fields are left out
    cc = next(a for a in document["actors"] if a["id"] == "i-cc")
    assert cc["influence"] == 5 and isinstance(cc["influence"], int)
    assert json.dumps(document["relations"]).count("2019-09-01") == 1


def test_map_bytes_every_format_and_unknown(eco):
    for fmt in ("csv-zip", "xlsx", "json", "gexf", "graphml"):
        assert len(map_bytes(eco, fmt)) > 100
    with zipfile.ZipFile(io.BytesIO(map_bytes(eco, "csv-zip"))) as archive:
        assert sorted(archive.namelist()) == [
            "actors.csv",
            "relations.csv",
            "spaces.csv",
            "stakes.csv",
        ]
    assert read_bytes(map_bytes(eco, "csv-zip"), "dl.zip")[0] == eco
    with pytest.raises(InputError) as caught:
        map_bytes(eco, "pdf")
    assert "expected one of csv-zip, xlsx, json, gexf, graphml" in caught.value.issues[0].message


def test_english_template_has_sheets_headers_and_drop_downs(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path, lang="en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["actors", "relations", "stakes", "spaces", "read me"]
    lists: dict[tuple[str, str], str] = {}
    for kind, title in ((RecordKind.ACTOR, "actors"), (RecordKind.RELATION, "relations"),
                        (RecordKind.STAKE, "stakes"), (RecordKind.SPACE, "spaces")):  # fmt: skip
        sheet = book[title]
        header = [c.value for c in sheet[1]]
        assert header == list(COLUMNS[kind])
        assert sheet.max_row == 1
        for rule in sheet.data_validations.dataValidation:
            column = header[next(iter(rule.sqref.ranges)).min_col - 1]
            if rule.type == "list":
                lists[(title, column)] = rule.formula1
    assert lists == {
        ("actors", "kind"): '"person,organisation,institution"',
        ("actors", "level"): '"micro,meso,macro"',
        ("actors", "engagement"): '"driver,contributor,follower,distant"',
        ("relations", "type"): (
            '"member_of,part_of,cooperates,power,tension,stake,participates,complements,conflicts"'
        ),
        ("relations", "power_type"): (
            '"political,administrative,institutional,technical,economic"'
        ),
        ("relations", "formal"): '"true,false"',
        ("relations", "mode"): '"cooperation,coordination,pooling"',
        ("relations", "role"): '"member,facilitator"',
        ("relations", "visibility"): '"public,committee,private"',
        ("spaces", "kind"): ('"steering_committee,experience_sharing,working_group,forum,other"'),
        ("spaces", "instituted"): '"true,false"',
    }
    readme = [row[0] for row in book["read me"].iter_rows(values_only=True)]
    assert readme[0] == "ecomap — map template: read me"
    # A blank template is an empty map.
    assert read_map(path) == (Ecosystem(), [])


def test_template_needs_xlsx(tmp_path):
    with pytest.raises(InputError):
        write_template(tmp_path / "modele.csv")
    assert list(tmp_path.iterdir()) == []


def test_filled_template_reads_back(tmp_path):
    path = tmp_path / "modele.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    book["acteurs"].append(["a", "Ana", "personne"])
    book["acteurs"].append(["o", "Org", "organisation"])
    book["relations"].append([None, "a", "o", "membre de"])
    book.save(path)
    eco, _ = read_map(path)
    assert eco.counts()["by_relation_type"] == {"member_of": 1}


def test_nothing_is_written_when_producing_fails(tmp_path, eco, monkeypatch):
    target = tmp_path / "m.xlsx"
    target.write_bytes(b"previous version")

    def broken(_eco, _headers):
        raise RuntimeError("disk full halfway")

    monkeypatch.setitem(writers_module._PRODUCERS, "xlsx", broken)
    with pytest.raises(RuntimeError):
        write_map(eco, target)
    assert target.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["m.xlsx"]


def test_non_finite_numbers_are_refused(tmp_path):
    eco = Ecosystem()
    eco.add(Actor(id="a", name="A", kind="person"))
    eco.add(Space(id="c", name="C", frequency=float("inf")))
    with pytest.raises(InputError) as caught:
        write_map(eco, tmp_path / "m.json")
    assert "finite" in caught.value.issues[0].message
    assert list(tmp_path.iterdir()) == []


def test_folder_writes_replace_files_and_refuse_clashes(tmp_path, eco):
    folder = tmp_path / "carte"
    write_map(eco, folder)
    smaller = Ecosystem()
    smaller.add(Actor(id="a", name="A", kind="person"))
    write_map(smaller, folder)
    assert read_map(folder)[0] == smaller
    (folder / "acteurs.csv").write_text("id,name,kind\n")
    with pytest.raises(InputError) as caught:
        write_map(eco, folder)
    assert "acteurs.csv" in caught.value.issues[0].message
    assert (folder / "actors.csv").read_text().count("\n") == 2  # unchanged


def test_unknown_suffix_and_unwritable_path(tmp_path, eco):
    with pytest.raises(InputError) as caught:
        write_map(eco, tmp_path / "m.pdf")
    assert "unknown format '.pdf'" in caught.value.issues[0].message
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputError) as caught:
        write_map(eco, blocker / "m.json")
    assert caught.value.issues[0].message.startswith("cannot write")


def test_gexf_for_gephi(tmp_path, eco):
    write_map(eco, tmp_path / "m.gexf")
    G = nx.read_gexf(tmp_path / "m.gexf")
    assert G.is_directed()
    assert G.number_of_nodes() == 9  # 5 actors, 2 stakes, 2 spaces
    assert G.number_of_edges() == 13
    ana = G.nodes["p-ana"]
    assert (ana["label"], ana["node_type"], ana["kind"]) == ("Ana Lefèvre", "actor", "person")
    assert ana["tags"] == "vélo|circuits courts" and ana["influence"] == 3.5
    assert ana["téléphone"] == "+33 6 00 00 00 00"
    assert G.nodes["s-market"]["node_type"] == "stake"
    assert G.nodes["sp-copil"]["instituted"] is True
    edges = list(G.edges(data=True))
    coop = [d for _, _, d in edges if d["relation_type"] == "cooperates"]
    assert len(coop) == 2 and all(d["undirected"] is True for d in coop)
    member = next(d for _, _, d in edges if d.get("relation_id") == "R-1")
    assert (member["undirected"], member["since"], member["weight"]) == (False, "2019-09-01", 1.0)
    assert member["source_info"] == "=entretien"  # custom field, kept verbatim
    power = next(d for _, _, d in edges if d["relation_type"] == "power")
    assert (power["power_type"], power["weight"]) == ("economic", 2.0)


def test_graphml_for_gephi(tmp_path, eco):
    write_map(eco, tmp_path / "m.graphml")
    G = nx.read_graphml(tmp_path / "m.graphml")
    assert G.is_directed()
    assert (G.number_of_nodes(), G.number_of_edges()) == (9, 13)
    assert G.nodes["p-ana"]["label"] == "Ana Lefèvre"
    assert G.nodes["p-ana"]["lat"] == 45.75
    assert G.nodes["i-cc"]["level"] == "macro"
    data = [d for _, _, d in G.edges(data=True)]
    assert sum(d["undirected"] for d in data) == 5  # 2 cooperates, tension, complements, conflicts
    assert {d["relation_type"] for d in data} == {
        "member_of", "part_of", "cooperates", "power", "tension", "stake", "participates",
        "complements", "conflicts",
    }  # fmt: skip
    tension = next(d for d in data if d["relation_type"] == "tension")
    assert tension["stake"] == "s-market"


def test_gephi_custom_field_named_like_a_reserved_attribute(tmp_path):
    eco = Ecosystem()
    eco.add(Actor(id="a", name="A", kind="person", extra={"label": "x", "weight": "heavy"}))
    eco.add(Actor(id="b", name="B", kind="person"))
    eco.add(Relation(source="a", target="b", type="cooperates", extra={"type": "informal"}))
    write_map(eco, tmp_path / "m.gexf")
    G = nx.read_gexf(tmp_path / "m.gexf")
    assert G.nodes["a"]["label"] == "A"
    assert G.nodes["a"]["custom_label"] == "x" and G.nodes["a"]["custom_weight"] == "heavy"
    ((_, _, data),) = G.edges(data=True)
    assert data["custom_type"] == "informal" and data["relation_type"] == "cooperates"
