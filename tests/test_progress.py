"""Progress for long work: the analyses report each section through a callback, the
command draws a bar on standard error only for a person at a terminal, and the
explorer's per-page analyses give exactly what ``analyse`` gives all at once."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecomap import progress
from ecomap.analysis import SECTIONS, analyse, json_ready
from ecomap.cli import app
from ecomap.graph import to_graph
from ecomap.ingest import read_map

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "territoire-vallee"
DAY = date(2026, 3, 1)


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(scope="module")
def sample_graph():
    eco, _ = read_map(SAMPLE)
    return to_graph(eco)


def test_analyse_reports_each_section_then_the_json_pass(sample_graph):
    calls = []
    document = analyse(sample_graph, as_of=DAY, lang="fr",
                       progress=lambda *call: calls.append(call))  # fmt: skip
    n = len(SECTIONS)
    assert calls == [*((s, k, n) for k, s in enumerate(SECTIONS)), ("json", n, n)]
    assert document == analyse(sample_graph, as_of=DAY, lang="fr")


def test_only_some_sections_report_only_those(sample_graph):
    calls = []
    analyse(sample_graph, only=["bridges"], as_of=DAY, progress=lambda *c: calls.append(c))
    assert calls == [("summary", 0, 2), ("bridges", 1, 2), ("json", 2, 2)]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_family_alone_gives_what_analyse_gives_at_once(sample_graph, lang):
    """The explorer computes the analyses a page shows, one function at a time, each on
    the shared graph: the same records as the whole document, word for word."""
    from importlib import import_module

    whole = analyse(sample_graph, as_of=DAY, lang=lang)
    for section, (module, function) in SECTIONS.items():
        options = {"as_of": DAY} if section == "summary" else {"as_of": DAY, "lang": lang}
        alone = json_ready(
            getattr(import_module(f"ecomap.analysis.{module}"), function)(sample_graph, **options)
        )
        if section == "health":
            assert alone == {"cooperations": whole["health"], "actors": whole["health_by_actor"]}
        else:
            assert alone == whole[section], section


def test_steps_draw_a_bar_on_a_terminal_only():
    shown = Terminal()
    with progress.steps(3, "Import", stream=shown) as step:
        step("lecture des fichiers")
        step("vérification")
    assert "Import" in shown.getvalue()
    for stream, wanted in ((io.StringIO(), True), (Terminal(), False)):
        with progress.steps(3, "Import", wanted=wanted, stream=stream) as step:
            step("lecture des fichiers")
        assert stream.getvalue() == ""


@pytest.fixture
def terminal(monkeypatch):
    """Standard error taken for a terminal (CliRunner's streams are not)."""
    monkeypatch.setattr(progress, "on_terminal", lambda stream=None: True)


@pytest.mark.usefixtures("terminal")
def test_analyse_shows_its_bar_on_a_terminal_but_not_with_json():
    runner = CliRunner()
    table = runner.invoke(app, ["analyse", str(SAMPLE), "--only", "bridges"])
    assert table.exit_code == 0, table.output
    assert "Analysis" in table.stderr and "Bridging actors" in table.stderr
    as_json = runner.invoke(app, ["analyse", str(SAMPLE), "--format", "json", "--only",
                                  "bridges"])  # fmt: skip
    assert as_json.exit_code == 0
    assert as_json.stderr == ""
    assert "bridges" in json.loads(as_json.stdout)


def test_no_bar_when_standard_error_is_not_a_terminal(tmp_path):
    runner = CliRunner()
    store = str(tmp_path / "map.db")
    done = runner.invoke(app, ["import", str(SAMPLE), "--store", store])
    assert done.exit_code == 0, done.output
    assert done.stderr == ""
    report = runner.invoke(app, ["report", "--store", store, "-o", str(tmp_path / "r.html")])
    assert report.exit_code == 0, report.output
    assert report.stderr == ""


@pytest.mark.usefixtures("terminal")
def test_import_and_report_show_their_bar_on_a_terminal(tmp_path):
    runner = CliRunner()
    store = str(tmp_path / "map.db")
    done = runner.invoke(app, ["import", str(SAMPLE), "--store", store])
    assert done.exit_code == 0, done.output
    assert "reading the files" in done.stderr and "writing to the store" in done.stderr
    assert "Imported" in done.stdout and "Import" not in done.stdout.replace("Imported", "")
    report = runner.invoke(app, ["report", "--store", store, "-o", str(tmp_path / "r.html")])
    assert report.exit_code == 0, report.output
    assert "Report" in report.stderr
