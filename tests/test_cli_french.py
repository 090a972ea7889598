"""The ``ecomap`` command in French: chosen by --lang, ECOMAP_LANG or the locale, and no
English word of the project's own left in what it prints (help, tables, messages, errors).

The map is the sample territory (data/territoire-vallee, French names); paths of the
test's own folders are hidden before scanning, and the command's identifiers (command
and option names, ECOMAP_* variables) are not words a user reads as sentences.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer.main

from ecomap.cli import app, main
from ecomap.cli_text import HELP_FR, choose_language, french_help
from ecomap.views.terminal import _PART_TITLES, SECTION_TITLES, section_key

ROOT = Path(__file__).resolve().parent.parent
TERRITORY = ROOT / "data" / "territoire-vallee"

#: English words the interface must not show in French (whole words, any case).
ENGLISH = [
    "the", "and", "of", "with", "for", "from", "into", "is", "are", "was", "not", "no",
    "yes", "none", "nothing", "found", "actor", "actors", "stake", "stakes", "space",
    "spaces", "people", "link", "links", "bus factor", "betweenness", "driver",
    "drivers", "follower", "followers", "at risk", "threshold", "overload", "overloaded",
    "counts", "cross level", "wrote", "written", "imported", "added", "changed", "removed",
    "saved", "restored", "undone", "error", "errors", "warning", "warnings", "problem",
    "problems", "line", "column", "value", "usage", "commands", "show", "this", "message",
    "exit", "default", "required", "env var", "try", "help", "store", "map", "analysis",
    "reasons", "why", "level", "levels", "ties", "what", "when", "who", "leave", "name",
    "names", "snapshot", "snapshots", "records", "changes", "path", "str", "int",
    "list", "text", "more", "others", "effective size", "constraint", "brokerage",
    "articulation point", "power", "interest", "quadrant", "mean", "weakest", "expected",
    "possible options", "did you mean", "now",
]  # fmt: skip
_ENGLISH = re.compile(r"(?<![\w'’-])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![\w'’-])", re.I)
#: Identifiers: option names, short options, environment variables, command lines.
_COMMANDS = ("validate", "import", "export", "template", "analyse", "what-if", "counterweights",
             "facilitators", "app", "history", "undo", "diff", "report", "snapshot",
             "create", "list", "restore")  # fmt: skip
_IDENTIFIERS = re.compile(
    r"--[\w-]+|(?<![\w-])-\w\b|\bECOMAP_\w+|\$\w+|\b\w+\.(?:db|csv)\b"
    r"|\becomap(?:\s+(?:" + "|".join(map(re.escape, _COMMANDS)) + r")\b)*"
    r"|^│ (?:" + "|".join(map(re.escape, _COMMANDS)) + r")\b",  # the list of commands
    re.M,
)


def english_words(text: str) -> list[str]:
    """The lines of ``text`` that hold an English word (identifiers left out)."""
    found = []
    for line in text.splitlines():
        bare = _IDENTIFIERS.sub(" ", line.strip())
        bare = re.sub(r"^│\s+(?:" + "|".join(map(re.escape, _COMMANDS)) + r")\b", " ", bare)
        words = {m.group(1).lower() for m in _ENGLISH.finditer(bare)}
        if words:
            found.append(f"{sorted(words)}: {line.strip()}")
    return found


def test_the_scan_sees_english_and_lets_french_through():
    assert english_words("Nothing changed in the store")
    assert english_words("│ bus factor │ 1 │")
    assert not english_words("Rien n'a changé dans ecomap.db : --store, ECOMAP_LANG, $ECOMAP_STORE")
    assert not english_words("│ counterweights  Qui pourrait rééquilibrer une relation │")


def run(capsys, *args, hide: Path | None = None) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if hide is not None:
        out, err = out.replace(str(hide), "DOSSIER"), err.replace(str(hide), "DOSSIER")
    return code, out, err


@pytest.fixture
def french(monkeypatch):
    monkeypatch.setenv("ECOMAP_LANG", "fr")
    monkeypatch.setenv("COLUMNS", "100")


def _command_paths() -> list[list[str]]:
    group = typer.main.get_command(app)
    paths = [[]]
    for name, command in group.commands.items():
        paths.append([name])
        paths += [[name, sub] for sub in getattr(command, "commands", {})]
    return paths


# -- choosing the language -------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        ([], {}, "en"),
        (["analyse", "--lang", "fr"], {}, "fr"),
        (["--lang=fr", "history"], {"ECOMAP_LANG": "en"}, "fr"),
        (["history"], {"ECOMAP_LANG": "fr"}, "fr"),
        (["history"], {"LANG": "fr_FR.UTF-8"}, "fr"),
        (["history"], {"LC_MESSAGES": "fr_CA.UTF-8", "LANG": "en_GB.UTF-8"}, "fr"),
        (["history"], {"LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),  # LC_ALL wins
        (["history"], {"ECOMAP_LANG": "en", "LANG": "fr_FR.UTF-8"}, "en"),
        (["validate", "--", "--lang", "fr"], {}, "en"),  # after "--", a file name
    ],
)
def test_the_language_comes_from_the_line_then_ecomap_lang_then_the_locale(argv, environ,
                                                                          expected):  # fmt: skip
    assert choose_language(argv, environ) == expected


@pytest.mark.parametrize(
    ("args", "env"),
    [(["--lang", "fr", "--help"], {}), (["--help"], {"ECOMAP_LANG": "fr"}),
     (["--help"], {"LANG": "fr_FR.UTF-8"})],
)  # fmt: skip
def test_help_is_french_by_option_variable_or_locale(capsys, monkeypatch, args, env):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    code, out, _ = run(capsys, *args)
    assert code == 0
    assert "Utilisation : ecomap" in out and "Commandes" in out
    assert "Cartographier l'écosystème" in out and "Usage:" not in out


def test_help_is_english_otherwise(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "Usage: ecomap" in out and "Map a territory's" in out
    code, out, _ = run(capsys, "analyse", "--help")
    assert "Usage: ecomap analyse" in out and "Analyse the map" in out


def test_every_command_and_option_has_its_french_help():
    """A command added without French help would show English in the French help."""
    missing, known = [], set()

    def walk(command, path):
        known.add(path)
        if french_help(path) is None:
            missing.append(path or "ecomap")
        for param in command.params:
            known.add(f"{path}:{param.name}")
            if french_help(path, param.name) is None:
                missing.append(f"{path}:{param.name}")
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}".strip())

    walk(typer.main.get_command(app), "")
    assert not missing, f"no French help for: {missing}"
    stale = [key for key in HELP_FR if not key.startswith("*:") and key not in known]
    assert not stale, f"French help for what no longer exists: {stale}"


# -- no English left -------------------------------------------------------------------


def test_french_help_of_every_command_has_no_english_word(capsys, french):
    problems = []
    for path in _command_paths():
        code, out, err = run(capsys, *path, "--help")
        assert code == 0, (path, err)
        problems += [f"ecomap {' '.join(path)} --help → {p}" for p in english_words(out)]
    assert not problems, "\n".join(problems)


def test_french_analyses_have_no_english_word(capsys, french):
    problems = []
    for args in (
        ["analyse", TERRITORY],
        ["what-if", "helene-cartier", "--source", TERRITORY],
        ["counterweights", "cc-val-aubrelle", "aubrelle-dev", "--source", TERRITORY],
        ["facilitators", "amap-pres", "mairie-saint-aubrin", "--source", TERRITORY],
    ):
        code, out, err = run(capsys, *args, "--as-of", "2026-03-01", hide=ROOT)
        assert code == 0, err
        assert out.strip()
        problems += [f"{args[0]} → {p}" for p in english_words(out + err)]
    assert not problems, "\n".join(problems)


def test_french_messages_history_and_diff_have_no_english_word(capsys, french, tmp_path):
    store = str(tmp_path / "carte.db")
    outputs = []
    for args in (
        ["validate", TERRITORY],
        ["import", TERRITORY, "--store", store],
        ["import", TERRITORY, "--store", store],  # nothing changed
        ["snapshot", "create", "copil-mars", "--store", store],
        ["undo", "--store", store],
        ["undo", "--store", store],
        ["history", "--store", store],
        ["snapshot", "list", "--store", store],
        ["diff", "copil-mars", "--store", store],
        ["snapshot", "restore", "copil-mars", "--store", store],
        ["export", "--to", tmp_path / "carte.json", "--store", store],
    ):
        code, out, err = run(capsys, *args, hide=tmp_path)
        assert code == 0, (args, err)
        outputs.append((args[0], out + err))
    joined = "\n".join(text for _, text in outputs)
    assert "Rien n'a changé" in joined and "Annulé" in joined and "Photo « copil-mars »" in joined
    problems = [f"{name} → {p}" for name, text in outputs for p in english_words(text)]
    assert not problems, "\n".join(problems)


def test_french_errors_have_no_english_word(capsys, french, tmp_path):
    broken = tmp_path / "cassee"
    broken.mkdir()
    (broken / "actors.csv").write_text(
        "id,name,kind,influence\nalice,Alice,persn,\nbob,Bob,person,9\n", encoding="utf-8"
    )
    (broken / "relations.csv").write_text("source,target,type\nalice,nobody,tension\n",
                                          encoding="utf-8")  # fmt: skip
    cases = [
        (["validate", broken], 1),
        (["validate", tmp_path / "nulle-part"], 1),
        (["analyse", TERRITORY, "--only", "fragile"], 2),
        (["analyse", TERRITORY, "--as-of", "31/02/2026"], 2),
        (["analyse", TERRITORY, "--nope"], 2),
        (["counterweights"], 2),
        (["what-if", "--source", TERRITORY], 2),
        (["template", tmp_path / "modele.csv"], 2),
        (["report", "--out", tmp_path / "rapport.txt"], 2),
        (["nope"], 2),
    ]
    problems = []
    for args, expected in cases:
        code, out, err = run(capsys, *args, hide=tmp_path)
        assert code == expected, (args, code, err)
        assert err.strip() and "erreur" in err.lower(), (args, err)
        problems += [f"{args[0]} → {p}" for p in english_words(out + err)]
    assert not problems, "\n".join(problems)


# -- a table a person reads ------------------------------------------------------------


@pytest.fixture(scope="module")
def document_fr() -> dict:
    from ecomap.analysis import analyse, json_ready
    from ecomap.graph import to_graph
    from ecomap.ingest import read_map
    from ecomap.model import parse_date

    eco, _ = read_map(TERRITORY)
    return json_ready(analyse(to_graph(eco), as_of=parse_date("2026-03-01"), lang="fr"))


@pytest.mark.parametrize("width", [80, 100])
def test_the_french_analysis_fits_the_terminal_and_cuts_no_word(capsys, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, _ = run(capsys, "analyse", TERRITORY, "--lang", "fr", "--as-of", "2026-03-01")
    assert code == 0
    lines = out.splitlines()
    assert max(map(len, lines)) <= width
    # "…" only where a table tells how many rows are left, and how to see them.
    cut = [line for line in lines if "…" in line and not line.startswith("… ")]
    assert not cut, cut
    assert len(lines) < 1600  # 2,400 lines at 80 columns before; 5 rows a section now


def test_the_french_analysis_shows_names_french_numbers_and_plain_tables(capsys, monkeypatch,
                                                                         document_fr):  # fmt: skip
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run(capsys, "analyse", TERRITORY, "--lang", "fr", "--as-of", "2026-03-01")
    assert code == 0
    # Names, not ids: the first fragile link's organisations by name, not "olivier-prost".
    first = document_fr["fragile_links"][0]
    assert first["names"][0].split()[0] in out and "olivier-prost" not in out
    # Numbers the French way: the top imbalance's score 4.529… is "4,53".
    score = round(document_fr["imbalances"][0]["score"], 2)
    assert f"{score:.2f}".replace(".", ",") in out
    # Levels: a table of counts per level, no nested data.
    assert "Acteurs et liens par niveau" in out or "Niveaux" in out
    for raw in ("internal_ties", "source_name", "cross level", "bus_factor", "{", "}"):
        assert raw not in out
    counts = document_fr["levels"]["counts"]
    assert re.search(rf"micro\s+│\s+{counts['micro']}\s+│", out)
    assert re.search(r"… \d+ autres : ecomap analyse .*--only\s+liens-fragiles\s+--all", out, re.S)


def test_every_printed_title_is_a_valid_only_name(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    for lang in ("fr", "en"):
        code, out, _ = run(capsys, "analyse", TERRITORY, "--lang", lang, "--as-of", "2026-03-01")
        lines = out.splitlines()
        titles = [lines[i - 1].strip() for i, line in enumerate(lines) if line.startswith("┏")]
        titles += [line.strip() for line in lines if line.strip() in ("Engagement",)]
        assert len(titles) >= 15
        for title in titles:
            assert section_key(title) is not None, title
            code, shown, err = run(capsys, "analyse", TERRITORY, "--only", title, "--format",
                                   "json", "--as-of", "2026-03-01")  # fmt: skip
            assert code == 0, err
            assert set(json.loads(shown)) - {"summary", "health_by_actor"} == {section_key(title)}
    for titles in (*SECTION_TITLES.values(), *_PART_TITLES.values()):
        assert all(section_key(title) for title in titles)


def test_reasons_are_shown_whole_and_all_rows_on_request(capsys, monkeypatch, document_fr):
    monkeypatch.setenv("COLUMNS", "600")  # one line per reason
    code, out, _ = run(capsys, "analyse", TERRITORY, "--lang", "fr", "--as-of", "2026-03-01",
                       "--only", "liens-fragiles", "--all")  # fmt: skip
    assert code == 0
    links = document_fr["fragile_links"]
    for record in links:
        for reason in record["reasons"]:
            assert reason in out
    assert "autres :" not in out
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run(capsys, "analyse", TERRITORY, "--lang", "fr", "--as-of", "2026-03-01",
                       "--only", "Liens fragiles")  # fmt: skip
    assert f"… {len(links) - 5} autres : ecomap analyse " in out


def test_json_keys_stay_english_in_french(capsys):
    code, out, _ = run(capsys, "analyse", TERRITORY, "--format", "json", "--lang", "fr",
                       "--only", "liens-fragiles,niveaux", "--as-of", "2026-03-01")  # fmt: skip
    document = json.loads(out)
    assert list(document) == ["summary", "fragile_links", "levels"]
    assert {"organisations", "bus_factor", "carriers", "reasons"} <= set(
        document["fragile_links"][0]
    )
    assert set(document["levels"]) >= {"counts", "cross_level_ties"}
