"""``ecomap analyse`` writes exactly the same bytes whatever the analyses keep inside.

The reasons may be kept as codes inside the library and put into words only when they
are shown or written (DESIGN §3 "Reasons"); what a person or a program reads must not
change by a single byte. The digests below are those of the outputs written before
reasons were kept as codes, on the sample territory and on the generated 1,000-node
benchmark map, in both languages, as JSON (every result with its words) and as the
terminal summary (top rows, and ``--all``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from benchmarks.generate import generate, write
from ecomap.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "territoire-vallee"

#: (map, lang, options) → SHA-256 of what ``ecomap analyse`` printed.
DIGESTS = {
    ("sample", "en", "--format=json"): "ca3a083a0180002f429e917036d6a93a20af9adbdce7c8b5cb965696774570dc",
    ("sample", "fr", "--format=json"): "d86b5318216dfdc7840a9f0e052fa74284ca53ef354f0401d589688d5932c714",
    ("1k", "en", "--format=json"): "0b1db6852d89b33b60997fbd5b931e82f80bcc1ad15d69f999edfe7dc1585d09",
    ("1k", "fr", "--format=json"): "acb9ab763f5464708425a0429e79e5a7cb731ebdc63eb3b0b17a5fd0f34436eb",
    ("sample", "en", ""): "57e6c98bd2e80898d4faeafa8fe4a7e19d884d521ff72b7b4caf024ec346fee1",
    ("sample", "fr", ""): "b2daeddf82b3ea13cadcfa1023e4d6c0846679bb01421fcf4d778f0256827c9e",
    ("sample", "en", "--all"): "5045c8896883665460d1b29296b44b5a86a75ee326917489471733e3c8f04a3f",
    ("sample", "fr", "--all"): "3958af42dc26140c2102a95abd62e00580a774e2a188e562f4dff7eb50399f91",
    ("1k", "en", ""): "db38d16ef5fd77284b4f691714c7e658264b9a084889baffa37cf424eab87258",
    ("1k", "fr", ""): "d62549f9a9deeddede41e3b52d3758a322f141c71bfa28e8c0b7c829aac97719",
}  # fmt: skip


@pytest.fixture(scope="module")
def map_1k(tmp_path_factory) -> Path:
    return write(generate(1000, seed=0), tmp_path_factory.mktemp("bench") / "map-1k")


@pytest.mark.parametrize(("which", "lang", "option"), list(DIGESTS))
def test_analyse_writes_the_same_bytes(which, lang, option, map_1k, capsysbinary, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    folder = SAMPLE if which == "sample" else map_1k
    # The summary quotes the command to rerun: the map's name as typed, from its folder.
    monkeypatch.chdir(folder.parent)
    command = ["analyse", folder.name, "--lang", lang, "--as-of", "2026-06-01"]
    code = main(command + ([option] if option else []))
    out = capsysbinary.readouterr().out
    assert code in (0, None)
    assert hashlib.sha256(out).hexdigest() == DIGESTS[which, lang, option]
