"""The statement files: their loader's examples run, and README.md documents them."""

from __future__ import annotations

import doctest
from pathlib import Path

import ecomap.cypher
from ecomap.cypher import ANALYSES, families, statement

README = Path(ecomap.cypher.__file__).with_name("README.md")


def test_the_loader_examples_run():
    # cypher/ is outside the pytest paths that collect doctests, so they run here.
    outcome = doctest.testmod(ecomap.cypher)
    assert outcome.attempted > 0 and outcome.failed == 0


def test_the_readme_documents_every_file_and_analysis():
    text = README.read_text(encoding="utf-8")
    for family in families():
        assert f"{family}.cypher" in text, family
    for name in ANALYSES:
        assert f"`{name}`" in text, name
        assert statement(name).family == name  # one analysis per file, named as it


def test_the_readme_documents_every_parameter_of_the_analyses():
    text = README.read_text(encoding="utf-8")
    for name in ANALYSES:
        for param in statement(name).params:
            assert f"${param}" in text, (name, param)
