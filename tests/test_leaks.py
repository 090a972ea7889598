"""Anonymised outputs name nobody: every export format, the report, the network page and
every command that prints people, on a map whose names are hidden in every field.

The map and the scanner are in ``tests/app/leak_scanner.py``. Each test first checks
that the same output *without* anonymisation does name people (so the scanner sees
them), then that the anonymised one names nobody.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from leak_scanner import PEOPLE, file_text, leaks, planted_map

from ecomap.cli import main
from ecomap.graph import to_graph
from ecomap.privacy import Anonymiser, anonymise
from ecomap.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parent.parent
DAY = "2026-06-01"


@pytest.fixture
def store(tmp_path, monkeypatch) -> str:
    """A store holding the planted map, a snapshot of it, then a change naming people."""
    monkeypatch.setenv("COLUMNS", "400")  # rich tables never fold a name over two lines
    monkeypatch.delenv("ECOMAP_STORE", raising=False)
    path = tmp_path / "map.db"
    eco = planted_map()
    with SQLiteStore(path) as s:
        s.import_map(eco, source="entretiens-marc-tissot.csv", author="Élodie Vallet")
        s.snapshot_create("avant-depart-de-tissot", note="Avant le départ de Marc Tissot")
        departed = eco.actors["jean-luc-bouveret"]
        s.delete([("actor", departed.id)], author="marc-tissot")
        s.upsert([eco.actors["marc-tissot"].model_copy(update={"influence": 5})],
                 summary="Modification de Marc Tissot", author="Jean-Luc Bouveret")  # fmt: skip
    return str(path)


def run(capsys, *args) -> tuple[int, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


# -- the library ---------------------------------------------------------------------------
def test_every_field_of_every_record_is_cleared():
    eco = planted_map()
    assert leaks(json.dumps([r.record() for r in _records(eco)], ensure_ascii=False))
    anon = anonymise(eco, key=b"k" * 32)
    text = json.dumps([r.record() for r in _records(anon)], ensure_ascii=False)
    assert leaks(text) == []
    # Nothing else is lost: counts, organisations, the stance and the tension's stake.
    assert anon.counts() == eco.counts()
    assert "Asso des Halles" in text and "Personne " in text
    tension = next(r for r in anon.relations.values() if r.type == "tension")
    assert tension.stake in anon.stakes


def test_people_keep_one_pseudonym_everywhere_and_from_one_export_to_the_next():
    key = b"s" * 32
    first, second = anonymise(planted_map(), key=key), anonymise(planted_map(), key=key)
    assert first == second
    hide = Anonymiser(planted_map(), key=key)
    alias = hide.aliases["marc-tissot"]
    # The name in someone else's role, in upper case, and the id in a note: one pseudonym.
    assert first.actors[hide.node_id("elodie-vallet")].role == f"bras droit de {alias}"
    assert hide.text("MARC TISSOT, marc-tissot, Tissot") == f"{alias}, {alias}, {alias}"
    # Another store, another key: other pseudonyms (no hashing of candidate names).
    other = Anonymiser(planted_map(), key=b"t" * 32)
    assert other.aliases["marc-tissot"] != alias
    assert other.node_id("marc-tissot") != hide.node_id("marc-tissot")


def test_what_cannot_be_cleared_is_left_out():
    hide = Anonymiser(planted_map(), key=b"k" * 32)
    anon = hide.ecosystem(planted_map())
    marc = anon.actors[hide.node_id("marc-tissot")]
    assert marc.notes is None and marc.tags == [] and marc.lat is None and marc.extra == {}
    # A saved map position is kept: numbers name nobody.
    assert anon.actors[hide.node_id("elodie-vallet")].extra == {"x": "120", "y": "-40"}
    assert all(r.reported_by is None for r in anon.relations.values())
    # Organisations keep their custom columns, cleared of names.
    assert anon.actors["mairie"].extra["budget"] == "1200"


# -- files -----------------------------------------------------------------------------------
@pytest.mark.parametrize("target", ["carte", "carte.xlsx", "carte.json", "carte.zip",
                                    "carte.gexf", "carte.graphml"])  # fmt: skip
def test_exports_name_nobody(capsys, store, tmp_path, target):
    named, hidden = tmp_path / "named" / target, tmp_path / "hidden" / target
    named.parent.mkdir()
    hidden.parent.mkdir()
    assert run(capsys, "export", "--store", store, "--to", named)[0] == 0
    assert leaks(file_text(named))
    code, said = run(capsys, "export", "--store", store, "--to", hidden, "--anonymise")
    assert code == 0
    assert leaks(file_text(hidden)) == []
    assert "left out" in said.lower() and leaks(said) == []


def test_the_report_names_nobody_in_html_pdf_or_picture(capsys, store, tmp_path, monkeypatch):
    import matplotlib.axes

    drawn: list[str] = []
    annotate = matplotlib.axes.Axes.annotate
    monkeypatch.setattr(matplotlib.axes.Axes, "annotate",
                        lambda self, text, *a, **k: drawn.append(text) or annotate(self, text, *a, **k))  # fmt: skip
    named = tmp_path / "named.html"
    assert run(capsys, "report", "--store", store, "--out", named, "--as-of", DAY,
               "--since", "avant-depart-de-tissot")[0] == 0  # fmt: skip
    assert leaks(named.read_text(encoding="utf-8"))
    drawn.clear()
    hidden = tmp_path / "hidden.html"
    code, said = run(capsys, "report", "--store", store, "--out", hidden, "--anonymise",
                     "--as-of", DAY, "--since", "avant-depart-de-tissot")  # fmt: skip
    assert code == 0
    page = hidden.read_text(encoding="utf-8")
    assert leaks(page) == [] and leaks(said) == []
    assert "Personne " in page and "Retirés car" in page  # the report says what was left out
    assert drawn and leaks(" ".join(drawn)) == []  # the labels of the map picture


def test_the_pdf_report_names_nobody(capsys, store, tmp_path):
    if shutil.which("chromium") is None:
        subprocess.run([str(ROOT / "scripts" / "install-browser")], check=True)
    if shutil.which("pdftotext") is None:
        subprocess.run([str(ROOT / "scripts" / "install-pdf-tools")], check=True)
    pdf = tmp_path / "rapport.pdf"
    code, _ = run(capsys, "report", "--store", store, "--out", pdf, "--anonymise", "--as-of", DAY)
    assert code == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    assert "Personne" in text and leaks(text) == []


def test_the_network_page_names_nobody():
    from ecomap.views.network import network_html

    assert leaks(network_html(to_graph(planted_map()), lang="fr"))
    page = network_html(to_graph(anonymise(planted_map(), key=b"k" * 32)), lang="fr",
                        color_by="category")  # fmt: skip
    assert leaks(page) == []


# -- the command line --------------------------------------------------------------------------
def test_analyse_names_nobody_as_json_or_table(capsys, store):
    code, named = run(capsys, "analyse", "--store", store, "--format", "json", "--as-of", DAY)
    assert code == 0 and leaks(named)
    for fmt in ("json", "table"):
        for lang in ("fr", "en"):
            code, said = run(capsys, "analyse", "--store", store, "--format", fmt, "--as-of",
                             DAY, "--lang", lang, "--anonymise")  # fmt: skip
            assert code == 0
            assert leaks(said) == [], (fmt, lang)
    document = json.loads(run(capsys, "analyse", "--store", store, "--format", "json",
                              "--anonymise")[1])  # fmt: skip
    assert document["summary"]["actors"] == 6


def test_analyse_of_files_uses_the_store_key_or_says_it_cannot(capsys, store, tmp_path,
                                                               monkeypatch):  # fmt: skip
    from ecomap.ingest import write_map

    folder = tmp_path / "fichiers"
    write_map(planted_map(), folder)
    args = ("analyse", folder, "--format", "json", "--anonymise", "--only", "key_people")
    with_key = [run(capsys, *args, "--store", store)[1] for _ in range(2)]
    assert with_key[0] == with_key[1] and leaks(with_key[0]) == []
    monkeypatch.chdir(tmp_path)  # no ecomap.db here, no --store: a key for this run only
    code, said = run(capsys, *args)
    assert code == 0 and leaks(said) == [] and "differ from one run to the next" in said
    assert not (tmp_path / "ecomap.db").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("what-if", "marc-tissot", "elodie-vallet"),
        ("what-if", "--months", "12", "--as-of", DAY),
        ("counterweights", "mairie", "asso"),
        ("counterweights", "marc-tissot", "transports-bouveret"),
        ("facilitators", "mairie", "transports-bouveret", "--format", "json"),
        ("what-if", "marc-tissot", "--format", "json"),
        ("diff", "avant-depart-de-tissot"),
        ("diff", "avant-depart-de-tissot", "--format", "json"),
        ("history",),
    ],
)
def test_commands_that_print_people_name_nobody(capsys, store, args):
    named = run(capsys, *args, "--store", store)
    if args[0] not in ("counterweights",) or "marc-tissot" in args:
        assert leaks(named[1]), args  # the scanner sees the names when they are shown
    code, said = run(capsys, *args, "--store", store, "--anonymise")
    assert code == named[0] == 0, said
    assert leaks(said) == [], said


def test_pseudonymous_ids_are_accepted_as_well(capsys, store):
    with SQLiteStore(store) as s:
        hide = Anonymiser(s.load(), key=s.pseudonym_key())
    by_id = run(capsys, "what-if", hide.node_id("marc-tissot"), "--store", store, "--anonymise",
                "--format", "json")  # fmt: skip
    by_name = run(capsys, "what-if", "marc-tissot", "--store", store, "--anonymise",
                  "--format", "json")  # fmt: skip
    assert by_id == by_name and by_id[0] == 0


def _records(eco):
    return [*eco.actors.values(), *eco.stakes.values(), *eco.spaces.values(),
            *eco.relations.values()]  # fmt: skip


def test_the_scanner_sees_every_kind_of_hiding():
    assert leaks("bras droit de MARC") == ["marc"]
    assert leaks("elodie") == ["elodie"]  # without its accent
    assert "marc-tissot" in leaks("voir marc-tissot")
    assert leaks("<td>&Eacute;lodie</td>") == ["elodie"]
    assert leaks('{"n": "\\u00c9lodie"}') == ["elodie"]
    assert leaks("marché, Marcelle, Tissotière") == []  # other words are not names
    assert len(PEOPLE) == 4
