"""The report reads well on paper: dates and numbers in French, nothing split across
pages, labels of its map that never overlap, the annex from the glossary."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from ecomap import glossary  # noqa: E402
from ecomap.ingest import read_map  # noqa: E402
from ecomap.views.report import _place_labels, annex, report_html  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "territoire-vallee"


@pytest.fixture(scope="module")
def french():
    eco, _ = read_map(SAMPLE)
    return report_html(eco, lang="fr", as_of=date(2026, 12, 1))


def test_first_of_the_month_and_decimal_commas(french):
    assert "date d&#39;analyse 1er décembre 2026" in french
    assert not re.search(r"\d{4}-\d{2}-\d{2}", french.split("<body>")[1].split("<img")[0])
    scores = re.findall(r"· score ([−\d,]+)</span>", french)
    assert scores and all("." not in s for s in scores) and any("," in s for s in scores)


def test_cards_figures_and_rows_never_split(french):
    style = french.split("<style>")[1].split("</style>")[0]
    for selector in (".figure {", "#figures {", ".card {", "tr, td, th {", ".term {"):
        rule = style.split(selector)[1].split("}")[0]
        assert "break-inside: avoid" in rule and "page-break-inside: avoid" in rule, selector


def test_annex_uses_the_glossary(french):
    rows = annex("fr")
    assert {r["key"] for r in rows} >= {"bus_factor", "power_index", "leverage", "acter_trust"}
    for row in rows:
        assert row["explanation"].replace("'", "&#39;") in french
    assert glossary.technical("bus_factor", "fr") in french


def test_labels_placed_never_overlap():
    figure, axes = plt.subplots(figsize=(4, 3))
    axes.set_xlim(0, 10)
    axes.set_ylim(0, 10)
    crowded = [((5, 5), f"Structure numéro {i}") for i in range(8)]
    apart = [((1, 1), "Mairie"), ((9, 9), "Région")]
    placed = _place_labels(figure, axes, apart + crowded)
    # Every label of a distinct place is kept; on one crowded spot only as many as fit
    # around it (above, below, left, right).
    assert placed[:2] == ["Mairie", "Région"]
    assert 1 <= len(placed) - 2 <= 4
    renderer = figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in axes.texts]
    assert len(boxes) == len(placed)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)
    plt.close(figure)
