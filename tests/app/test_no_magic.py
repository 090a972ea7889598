"""The explorer runs with Streamlit's "magic" off (``.streamlit/config.toml``): a bare
expression in a page would silently draw nothing. No page may hold one."""

from __future__ import annotations

import ast
import tomllib

from app_helpers import ROOT

DOCUMENTED = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _bare(path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        blocks = [getattr(node, name, None) for name in ("body", "orelse", "finalbody")]
        # (a lambda's or an if-expression's body is an expression, not a block)
        for i, statement in enumerate(s for b in blocks if isinstance(b, list) for s in b):
            if not isinstance(statement, ast.Expr):
                continue
            value = statement.value
            if isinstance(value, ast.Call | ast.Await | ast.Yield | ast.YieldFrom):
                continue
            docstring = isinstance(value, ast.Constant) and isinstance(value.value, str)
            if docstring and i == 0 and isinstance(node, DOCUMENTED):
                continue
            found.append(f"{path.name}:{statement.lineno}")
    return found


def test_magic_is_off_and_no_page_relies_on_it():
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["runner"]["magicEnabled"] is False
    pages = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]
    assert len(pages) > 20
    assert [where for page in pages for where in _bare(page)] == []


def test_the_check_finds_a_bare_expression(tmp_path):
    page = tmp_path / "page.py"
    page.write_text(
        '"""Doc."""\nimport streamlit as st\nx = 1\nx\n"shown by magic"\n'
        "if x:\n    pass\nelse:\n    x\n"
    )
    assert _bare(page) == ["page.py:4", "page.py:5", "page.py:9"]
