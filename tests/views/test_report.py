"""The steering-committee report: every section, both languages, self-contained, PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from ecomap.ingest import read_map
from ecomap.model import Actor, Relation
from ecomap.views.report import report_html, write_report

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "territoire-vallee"
DAY = date(2026, 11, 22)  # the date the sample territory describes
SECTIONS = ("map", "figures", "risks", "health", "annex")


@pytest.fixture(scope="module")
def sample():
    eco, _ = read_map(SAMPLE)
    return eco


@pytest.fixture(scope="module")
def rendered(sample):
    """The sample's report in each language, rendered once for the tests that only read it."""
    return {lang: report_html(sample, lang=lang, as_of=DAY) for lang in ("fr", "en")}


@pytest.mark.parametrize("lang, words", [("fr", ["Chiffres clés", "Risques", "Annexe",
                                                 "Liens qui reposent sur une seule personne"]),
                                         ("en", ["Key figures", "Risks", "Annex",
                                                 "Links that rest on a single person"])])  # fmt: skip
def test_every_section_in_both_languages(rendered, lang, words):
    html = rendered[lang]
    for section in SECTIONS:
        assert f'<section id="{section}"' in html
    for word in words:
        assert word in html
    # The sample territory has fragile links, imbalances and contested stakes: the
    # report lists them instead of saying there are none.
    assert html.count("<tr>") > 20
    assert re.search(r'<img class="map" src="data:image/png;base64,[A-Za-z0-9+/]{1000}', html)


def test_self_contained(rendered):
    html = rendered["fr"]
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', html)
    assert "@import" not in html


def test_user_text_is_escaped(sample):
    from ecomap.analysis.power import imbalances
    from ecomap.graph import to_graph

    hostile = "<img src=x onerror=alert(1)>"
    # The dominant actor of the strongest imbalance is named in the report's risks.
    dominant = imbalances(to_graph(sample), as_of=DAY)[0]["dominant"]
    eco = type(sample)(actors=dict(sample.actors), stakes=sample.stakes, spaces=sample.spaces,
                       relations=dict(sample.relations))  # fmt: skip
    eco.add(sample.actors[dominant].model_copy(update={"name": hostile}))
    html = report_html(eco, lang="en", as_of=DAY)
    assert hostile not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_since_a_snapshot_lists_what_changed(sample):
    before = sample
    after = type(sample)(actors=dict(sample.actors), stakes=sample.stakes, spaces=sample.spaces,
                         relations=dict(sample.relations))  # fmt: skip
    after.add(Actor(id="newcomer", name="Nouvelle Coopérative", kind="organisation"))
    org = next(a for a in sample.actors.values() if a.kind == "organisation")
    after.add(Relation(source="newcomer", target=org.id, type="tension"))
    html = report_html(after, lang="fr", as_of=DAY,
                       since=("copil-mars", datetime(2026, 3, 1, tzinfo=UTC), before))  # fmt: skip
    assert '<section id="changes"' in html
    assert "copil-mars" in html and "nouvelle tension entre" in html


def test_anonymised_report_names_no_person(sample):
    html = report_html(sample, lang="fr", as_of=DAY, anonymise=True, key=bytes(32))
    people = [a.name for a in sample.actors.values() if a.kind == "person"]
    assert people
    leaked = [name for name in people if name in html]
    assert not leaked
    structures = [a.name for a in sample.actors.values() if a.kind != "person"]
    assert any(name in html for name in structures)


def test_an_anonymised_report_needs_the_store_key(sample):
    with pytest.raises(ValueError, match="pseudonym key"):
        report_html(sample, lang="fr", as_of=DAY, anonymise=True)


def _tools() -> None:
    if shutil.which("chromium") is None:
        subprocess.run([str(ROOT / "scripts" / "install-browser")], check=True)
    if shutil.which("pdftoppm") is None:
        subprocess.run([str(ROOT / "scripts" / "install-pdf-tools")], check=True)


def test_pdf_pages_render_with_the_map(sample, tmp_path):
    _tools()
    pdf = write_report(sample, tmp_path / "rapport.pdf", lang="fr", as_of=DAY)
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) >= 2
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    assert "Chiffres clés" in text and "Annexe" in text
    # The map picture is an image in the PDF: pdfimages lists it.
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout.splitlines()  # fmt: skip
    assert len(images) > 2  # header lines + at least one image


def test_html_report_written_whole(sample, tmp_path):
    target = write_report(sample, tmp_path / "rapport.html", lang="en", as_of=DAY)
    assert target.read_text(encoding="utf-8").rstrip().endswith("</html>")
    with pytest.raises(Exception, match=r"\.html or \.pdf"):
        write_report(sample, tmp_path / "rapport.docx")
