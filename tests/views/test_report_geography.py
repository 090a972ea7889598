"""The committee report can include the map of the territory."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

from ecomap.graph import to_graph
from ecomap.model import Actor, Ecosystem, Relation
from ecomap.views.report import report_html, territory_picture

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "territoire-vallee"


def placed_map() -> Ecosystem:
    eco = Ecosystem()
    for record in (
        Actor(id="a", name="Mairie", kind="institution", lat=47.2, lon=6.0),
        Actor(id="b", name="Asso", kind="organisation", lat=47.3, lon=6.1),
        Actor(id="p", name="Paule Martin", kind="person", lat=47.25, lon=6.05),
        Relation(source="a", target="b", type="cooperates"),
        Relation(source="p", target="b", type="member_of"),
    ):
        eco.add(record)
    return eco


def test_geography_is_optional_and_counts_who_is_placed():
    eco = placed_map()
    assert 'id="geography"' not in report_html(eco, lang="en")
    page = report_html(eco, lang="en", geography=True)
    section = re.search(r'<section id="geography">(.*?)</section>', page, re.S).group(1)
    assert "3 of 3 actors placed" in section
    assert 'src="data:image/png;base64,' in section


def test_picture_is_a_png_and_none_without_coordinates():
    from PIL import Image

    uri = territory_picture(to_graph(placed_map()))
    data = base64.b64decode(uri.split(",", 1)[1])
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG" and image.width > 300
    eco = Ecosystem()
    eco.add(Actor(id="a", name="Mairie", kind="institution"))
    assert territory_picture(to_graph(eco)) is None


def test_anonymised_report_places_only_structures():
    page = report_html(placed_map(), lang="fr", geography=True, anonymise=True, key=b"k" * 32)
    assert "2 acteurs sur 3 placés" in page
    assert "Paule" not in page


def test_report_command_adds_the_territory_on_request(tmp_path):
    from typer.testing import CliRunner

    from ecomap.cli import app

    out = tmp_path / "rapport.html"
    result = CliRunner().invoke(app, ["report", str(SAMPLE), "--out", str(out),
                                      "--geography"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "54 acteurs sur 130 placés" in out.read_text(encoding="utf-8")
