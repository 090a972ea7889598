"""Hostile text end to end: stored, exported and shown exactly as written, never run.

One map whose ids, names and notes hold HTML and script (``<img src=x onerror=…>``,
``</script><script>…``), a Cypher fragment, quotes and backticks, line breaks and
tabs, right-to-left text (with the U+202E override), emoji, rich-console markup and
spreadsheet formulas (``=HYPERLINK(…)``, ``+1``, ``-2+3``, ``@SUM(A1)``). It must come
back equal from the SQLite store and from every exchange format; formulas are
defused in CSV and XLSX cells while numbers stay numbers; the report, the terminal,
the Gephi files and the network page show it as text.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser

import networkx as nx
import openpyxl
import pytest

from ecomap.cli import main
from ecomap.graph import to_graph
from ecomap.ingest import map_bytes, read_bytes, read_map, write_map
from ecomap.ingest.cells import FORMULA_TRIGGERS
from ecomap.model import Actor, Ecosystem, Relation, Space, Stake
from ecomap.store.sqlite import SQLiteStore
from ecomap.views.network import network_html

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>alert(1)</script>"
CYPHER = "x'}) DETACH DELETE n //"
QUOTES = "Dit \"oui\" & 'non' `rm -rf /`"
LINES = "ligne 1\nligne 2\tonglet"
RTL = "\u202eلا\u202c مرحبا العربية"
EMOJI = "🌍 Émilie 👩‍👩‍👧"
HYPERLINK = '=HYPERLINK("http://x","y")'
PLUS, MINUS, AT = "+1", "-2+3", "@SUM(A1)"
MARKUP = "[/bold][link=http://evil.example]clic[/link]"
STAKE, SPACE = "enjeu<script>", "dispositif'\""
ALL = [XSS_IMG, XSS_SCRIPT, CYPHER, QUOTES, LINES, RTL, EMOJI, HYPERLINK, PLUS, MINUS, AT,
       MARKUP]  # fmt: skip
DAY = date(2026, 3, 1)


def hostile_map() -> Ecosystem:
    eco = Ecosystem()
    records = [
        Actor(id=XSS_IMG, name=XSS_SCRIPT, kind="organisation", notes=CYPHER, territory=RTL,
              tags=[EMOJI, HYPERLINK], extra={"<b>col</b>": XSS_SCRIPT, "=cmd": HYPERLINK}),
        Actor(id=CYPHER, name=XSS_IMG, kind="organisation", category=QUOTES, notes=LINES,
              extra={"=cmd": MINUS}),
        Actor(id=HYPERLINK, name=HYPERLINK, kind="person", role=AT),
        Actor(id=MINUS, name=MINUS, kind="person", notes=PLUS),
        Actor(id=PLUS, name=EMOJI, kind="institution", notes=RTL, influence=4),
        Actor(id=AT, name=AT, kind="person", role=MARKUP),
        Actor(id="`a`", name=QUOTES, kind="person", notes=MARKUP),
        Actor(id=RTL, name=RTL, kind="person", notes=MARKUP),
        Stake(id=STAKE, name="=1+1", description=LINES),
        Space(id=SPACE, name=XSS_SCRIPT, kind="steering_committee", instituted=True,
              notes=CYPHER),
        Relation(source=HYPERLINK, target=XSS_IMG, type="member_of", role=QUOTES),
        Relation(source=MINUS, target=CYPHER, type="member_of"),
        Relation(source=AT, target=XSS_IMG, type="member_of"),
        Relation(source=RTL, target=CYPHER, type="member_of"),
        Relation(source=HYPERLINK, target=MINUS, type="cooperates", weight=2, notes=XSS_SCRIPT,
                 reported_by=EMOJI),
        Relation(source=AT, target=RTL, type="cooperates", notes=LINES),
        Relation(source=XSS_IMG, target=CYPHER, type="cooperates", notes=MARKUP),
        Relation(source=PLUS, target=XSS_IMG, type="power", power_type="economic", weight=3,
                 notes=CYPHER),
        Relation(source=XSS_IMG, target=CYPHER, type="tension", stake=STAKE, weight=2, notes=RTL),
        Relation(source=XSS_IMG, target=STAKE, type="stake", stance=-2, weight=3),
        Relation(source=CYPHER, target=STAKE, type="stake", stance=2, weight=2),
        Relation(source=PLUS, target=STAKE, type="stake", stance=-1, weight=2),
        Relation(source=HYPERLINK, target=SPACE, type="participates", role="facilitator"),
        Relation(id="=rel", source=AT, target="`a`", type="cooperates", notes=HYPERLINK),
    ]  # fmt: skip
    for record in records:
        eco.add(record)
    return eco


@pytest.fixture
def eco() -> Ecosystem:
    return hostile_map()


def assert_same_map(got: Ecosystem, expected: Ecosystem) -> None:
    assert got.actors == expected.actors
    assert got.stakes == expected.stakes
    assert got.spaces == expected.spaces
    assert got.relations == expected.relations


def test_the_map_holds_every_hostile_text(eco):
    """The precondition of every other test: nothing was lost on the way in."""
    texts = json.dumps([r.record() for kind in ("actors", "stakes", "spaces", "relations")
                        for r in getattr(eco, kind).values()], ensure_ascii=False)  # fmt: skip
    for text in ALL:
        assert json.dumps(text, ensure_ascii=False)[1:-1] in texts


# -- stored and exchanged verbatim -------------------------------------------------------


def test_the_store_keeps_every_text_verbatim(tmp_path, eco):
    path = tmp_path / "map.db"
    with SQLiteStore(path) as store:
        change = store.import_map(eco, author=MARKUP, source=XSS_SCRIPT)
        assert_same_map(store.load(), eco)
        edited = eco.actors[CYPHER].model_copy(update={"notes": QUOTES + LINES})
        store.upsert([edited], author=CYPHER)
        store.undo()
    with SQLiteStore(path) as store:  # from the file, not a cache
        assert_same_map(store.load(), eco)
        assert_same_map(store.snapshot_load(f"import-{change.id}"), eco)
        [undo, edit, imported] = store.history()
        assert (edit.author, imported.author) == (CYPHER, MARKUP)
        assert XSS_SCRIPT in imported.summary


@pytest.mark.parametrize("target", ["dossier", "carte.zip", "carte.xlsx", "carte.json"])
def test_files_keep_every_text_verbatim(tmp_path, eco, target):
    write_map(eco, tmp_path / target)
    assert_same_map(read_map(tmp_path / target)[0], eco)


@pytest.mark.parametrize("fmt", ["csv-zip", "xlsx", "json"])
def test_downloads_keep_every_text_verbatim(eco, fmt):
    name = {"csv-zip": "carte.zip", "xlsx": "carte.xlsx", "json": "carte.json"}[fmt]
    assert_same_map(read_bytes(map_bytes(eco, fmt), name)[0], eco)


# -- formulas defused, numbers kept ----------------------------------------------------------


def runs_as_formula(text: str) -> bool:
    """Whether a spreadsheet would evaluate a text cell (a plain number is just a number)."""
    return text.startswith(FORMULA_TRIGGERS) and not re.fullmatch(r"[+-]?\d+([.,]\d+)?", text)


def test_csv_exports_defuse_every_formula(tmp_path, eco):
    write_map(eco, tmp_path / "dossier")
    cells = []
    for path in (tmp_path / "dossier").iterdir():
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
        cells += [(path.name, cell) for row in rows for cell in row]
    assert [c for c in cells if runs_as_formula(c[1])] == []
    texts = {cell for _, cell in cells}
    assert {"'" + HYPERLINK, "'" + MINUS, "'" + AT, "'=cmd", "'=1+1"} <= texts
    # A plain number is no formula: "+1" and the stances stay as they are.
    assert {PLUS, "-2", "-1", "2"} <= texts


def test_xlsx_exports_defuse_every_formula_and_keep_numbers(tmp_path, eco):
    write_map(eco, tmp_path / "carte.xlsx")
    book = openpyxl.load_workbook(tmp_path / "carte.xlsx")  # formulas kept as formulas
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert [t for t in texts if runs_as_formula(t)] == []
    assert {"'" + HYPERLINK, "'" + MINUS, "'" + AT, "'=cmd", "'=1+1", PLUS} <= set(texts)
    relations = book["relations"]
    header = [cell.value for cell in relations[1]]
    stances = {
        (row[header.index("source")].value, row[header.index("target")].value):
            row[header.index("stance")]
        for row in relations.iter_rows(min_row=2)
    }  # fmt: skip
    minus_two = stances[(XSS_IMG, STAKE)]
    assert minus_two.data_type == "n" and minus_two.value == -2
    assert stances[(PLUS, STAKE)].value == -1 and stances[(CYPHER, STAKE)].value == 2


# -- shown as text ---------------------------------------------------------------------------


class Page(HTMLParser):
    """The tags, attributes and text of an HTML page, as a browser's parser splits it."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)

    def handlers(self) -> list[tuple[str, str]]:
        """Every ``on…`` attribute: a script a tag would run."""
        return [(tag, name) for tag, attrs in self.tags for name in attrs if name.startswith("on")]


def test_the_report_shows_text_not_markup(tmp_path, eco, capsys):
    folder = tmp_path / "carte"
    write_map(eco, folder)
    out = tmp_path / "rapport.html"
    code = main(["report", str(folder), "--out", str(out), "--lang", "en", "--as-of", "2026-03-01"])
    captured = capsys.readouterr()
    assert code == 0
    # Only the map's own warning (its custom columns): no Python warning about a glyph
    # missing for an emoji, no traceback.
    assert "custom columns kept" in captured.err
    assert "Warning:" not in captured.err and "Traceback" not in captured.err
    page = Page(out.read_text(encoding="utf-8"))
    assert [t for t, _ in page.tags if t in ("script", "iframe", "object", "embed")] == []
    assert page.handlers() == []
    pictures = [attrs for tag, attrs in page.tags if tag == "img"]
    assert pictures and all(a["src"].startswith("data:image/png;base64,") for a in pictures)
    text = "".join(page.text)
    # The contested stake lists both organisations by name: each name is text on the page.
    for name in (XSS_IMG, XSS_SCRIPT, "=1+1"):
        assert name in text


def test_the_terminal_shows_text_not_markup_or_control_codes(tmp_path, eco, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")  # wide enough that no name is folded
    eco.add(Actor(id="esc", name="\x1b[2J\x1b]8;;http://evil.example\x07Bob", kind="organisation"))
    eco.add(Relation(source="esc", target=XSS_IMG, type="cooperates"))
    folder = tmp_path / "carte"
    write_map(eco, folder)
    assert main(["analyse", str(folder), "--as-of", "2026-03-01", "--only",
                 "fragile_links,stakes,imbalances,bridges"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    for name in (XSS_IMG, XSS_SCRIPT, "=1+1", EMOJI, RTL):
        assert name in out
    assert "\x1b" not in out and "\\x1b[2J\\x1b]8;;http://evil.example\\x07Bob" in out


def test_history_snapshots_and_issues_show_text_not_markup(tmp_path, eco, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    store = str(tmp_path / "map.db")
    eco.add(eco.stakes[STAKE].model_copy(update={"extra": {"[/oops]": "x"}}))
    folder = tmp_path / "carte"
    write_map(eco, folder)
    assert main(["import", str(folder), "--store", store, "--author", MARKUP]) == 0
    assert "[/oops]" in capsys.readouterr().err  # the custom column's warning
    assert main(["snapshot", "create", "[/bold]", "--note", "[red]\x1b[2J", "--store", store]) == 0
    for command in (["history"], ["snapshot", "list"], ["diff", "[/bold]", "now"]):
        assert main([*command, "--store", store]) == 0
    out = capsys.readouterr().out
    assert MARKUP in out and "[/bold]" in out and "[red]\\x1b[2J" in out
    assert "\x1b" not in out


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_gephi_files_are_xml_that_networkx_reads_back(eco, fmt):
    eco.add(Actor(id="ctl\x01", name="Bell\x07 and NUL\x00", kind="person"))
    data = map_bytes(eco, fmt)
    ET.fromstring(data)  # well-formed XML
    read = nx.read_gexf if fmt == "gexf" else nx.read_graphml
    G = read(io.BytesIO(data))
    names = {node_id: record.name for node_id, record in eco.actors.items()}
    names.update({k: r.name for k, r in eco.stakes.items()})
    names.update({k: r.name for k, r in eco.spaces.items()})
    # XML cannot hold control characters: they come back as visible escapes.
    names["ctl\\x01"] = "Bell\\x07 and NUL\\x00"
    del names["ctl\x01"]
    assert {node: G.nodes[node]["label"] for node in G} == names
    notes = sorted(d["notes"] for _, _, d in G.edges(data=True) if "notes" in d)
    assert notes == sorted(r.notes for r in eco.relations.values() if r.notes)
    assert G.nodes[XSS_IMG]["<b>col</b>"] == XSS_SCRIPT


def test_the_network_page_shows_text_not_markup(eco):
    benign = Ecosystem()  # the same kinds of nodes and relations, harmless words
    for record in [
        Actor(id="a", name="Mairie", kind="institution"),
        Actor(id="b", name="Association", kind="organisation", extra={"=cmd": "x"}),
        Actor(id="c", name="Camille", kind="person"),
        Stake(id="s", name="Marché"),
        Space(id="e", name="Comité", kind="steering_committee"),
        Relation(source="a", target="b", type="cooperates"),
        Relation(source="a", target="b", type="tension"),
        Relation(source="a", target="b", type="power", power_type="economic"),
        Relation(source="c", target="b", type="member_of"),
        Relation(source="b", target="s", type="stake", stance=1),
        Relation(source="c", target="e", type="participates"),
    ]:
        benign.add(record)
    baseline = Page(network_html(to_graph(benign), color_by="=cmd", lang="fr"))

    html = network_html(to_graph(eco), color_by="=cmd", lang="fr")
    page = Page(html)
    # The same kinds of elements as any page, as many scripts: none came out of the data.
    assert {t for t, _ in page.tags} == {t for t, _ in baseline.tags}
    assert [t for t, _ in page.tags if t == "script"] == ["script", "script"]
    assert [t for t, _ in baseline.tags if t == "script"] == ["script", "script"]
    assert page.handlers() == []
    for text in (XSS_IMG, XSS_SCRIPT):
        assert text not in html
    # The legend (colour by the custom field "=cmd") shows the values as text.
    assert HYPERLINK in "".join(page.text) and MINUS in "".join(page.text)
    # The nodes reach vis-network as JSON data that decodes to the names as written.
    found = re.search(r"new vis\.DataSet\((\[.*?\])\.map\(plainTitle\)", html, re.S)
    nodes = json.loads(found.group(1))
    assert sorted(n["label"] for n in nodes) == sorted(
        [r.name for r in eco.actors.values()] + [r.name for r in eco.stakes.values()]
        + [r.name for r in eco.spaces.values()]
    )  # fmt: skip
    titles = {n["id"]: n["title"] for n in nodes}
    assert titles[XSS_IMG].startswith(XSS_SCRIPT) and titles[CYPHER].startswith(XSS_IMG)


def test_the_network_page_of_a_map_read_from_files(tmp_path, eco):
    """What the explorer draws after an import: the same checks on the map read back."""
    write_map(eco, tmp_path / "carte.xlsx")
    html = network_html(to_graph(read_map(tmp_path / "carte.xlsx")[0]))
    assert XSS_IMG not in html and XSS_SCRIPT not in html
    assert Page(html).handlers() == []
