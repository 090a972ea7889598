"""Every statement of cypher/ passes Neo4j's own Cypher front end without a diagnostic.

The npm package ``@neo4j-cypher/language-support`` (the parser and semantic analysis of
Neo4j's tools) is installed by ``scripts/install-cypher-lint`` when it is missing, and
``lint.mjs`` runs its ``lintCypherQuery`` over every statement in one Node process:
each file's statements, and each templated statement once per enum value it is
rendered for. A statement is linted against a schema that declares only its own
parameters, ecomap's labels and relationship types, and Neo4j's built-in functions, so
an undeclared parameter, a misspelt label or function, a syntax or semantic error,
or a deprecated construct each fail the test.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from ecomap.cypher import KNOWN_LABELS, KNOWN_TYPES, families, statements

ROOT = Path(__file__).resolve().parents[2]
NODE_FOLDER = ROOT / ".ci" / "node"
INSTALL = ROOT / "scripts" / "install-cypher-lint"
LINT = Path(__file__).with_name("lint.mjs")
CYPHER_FOLDER = ROOT / "cypher"


def _run(command: list[str], **options) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, **options)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def _lint(requests: list[dict], versions: tuple[str, ...] = ("CYPHER 5",)) -> list[dict]:
    if shutil.which("node") is None:
        pytest.fail("node is not installed: the Cypher lint needs Node.js 20 or later")
    _run(["bash", str(INSTALL)])
    request = {
        "labels": sorted(KNOWN_LABELS),
        "relationshipTypes": sorted(KNOWN_TYPES),
        "versions": list(versions),
        "statements": requests,
    }
    return json.loads(_run(["node", str(LINT), str(NODE_FOLDER)], input=json.dumps(request)))


def _requests() -> list[dict]:
    out = []
    for stmt in statements().values():
        for variant, text in stmt.renderings():
            shown = "" if variant is None else f"[{getattr(variant, 'value', variant)}]"
            out.append(
                {
                    "id": f"{stmt.family}.cypher: {stmt.name}{shown}",
                    "query": text,
                    "parameters": list(stmt.params),
                }
            )
    return out


def test_every_cypher_file_is_read():
    """The lint covers every file of the folder: each one yields statements."""
    on_disk = {p.stem for p in CYPHER_FOLDER.glob("*.cypher")}
    assert on_disk and on_disk == set(families())


def test_the_linter_sees_errors():
    """The lint is not silent: it reports what the real test must never contain."""
    results = _lint(
        [
            {"id": "parameter", "query": "MATCH (n:Actor {id: $id}) RETURN n", "parameters": []},
            {"id": "label", "query": "MATCH (n:Actr) RETURN n", "parameters": []},
            {"id": "apoc", "query": "RETURN apoc.coll.sum([1]) AS s", "parameters": []},
            {"id": "clean", "query": "MATCH (n:Actor {id: $id}) RETURN n", "parameters": ["id"]},
        ]
    )
    found = {r["id"]: [d["message"] for d in r["diagnostics"]] for r in results}
    assert found["parameter"] == ["Parameter $id is not defined."]
    assert "Label Actr is not present" in found["label"][0]
    assert "Function apoc.coll.sum is not present" in found["apoc"][0]
    assert found["clean"] == []


@pytest.mark.slow
def test_every_statement_passes_neo4j_cypher_front_end():
    requests = _requests()
    results = _lint(requests)
    assert len(results) == len(requests)
    problems = [
        f"{r['id']} ({r['version']}), line {d['line']}: {d['severity']}: {d['message']}"
        for r in results
        for d in r["diagnostics"]
    ]
    errors = [p for p in problems if ": error: " in p]
    assert not errors, "\n".join(errors)
    # Warnings too: an unknown label or type, or a construct Neo4j has deprecated.
    assert not problems, "\n".join(problems)
