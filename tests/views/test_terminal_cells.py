"""The terminal's plain-text cells print exactly what rich's ``Text`` cells print."""

from __future__ import annotations

import io
import random

import pytest
from rich.console import Console
from rich.table import Table

from ecomap.views.terminal import _Cell, _cell, plain

# Words as the analyses' cells hold them: names, numbers with their separators, dashes,
# bullets, accents, long identifiers that must be folded, and runs of spaces.
WORDS = [
    "Organisation", "1005", "—", "•", "fragile:", "départ", "9\u202f850", "12,5", "…",
    "→", "Person", "a", "of", "Grille", "pouvoir–intérêt", "x" * 37, "ab" * 11, "  ",
    "ordinary", "coopérations", "l'association",
]  # fmt: skip


def _text(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        words = [rng.choice(WORDS) for _ in range(rng.randint(0, 14))]
        lines.append(" ".join(words) if rng.random() < 0.8 else "".join(words))
    return "\n".join(lines) + ("\n" if rng.random() < 0.1 else "")


def _printed(make, rows, columns, width: int, terminal: bool) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, highlight=False, soft_wrap=False,
                      force_terminal=terminal, color_system="truecolor" if terminal else None)  # fmt: skip
    table = Table(title="Title", show_lines=True, expand=True, caption="caption")
    for justify, overflow, ratio, max_width in columns:
        table.add_column("heading", justify=justify, overflow=overflow, ratio=ratio,
                         max_width=max_width)  # fmt: skip
    for row in rows:
        table.add_row(*(make(text) for text in row))
    console.print(table)
    return out.getvalue()


@pytest.mark.parametrize("seed", range(40))
def test_same_output_as_text(seed):
    rng = random.Random(seed)
    columns = [
        (rng.choice(["left", "right"]), rng.choice(["fold", "ellipsis", "crop"]),
         rng.choice([None, 2, 3]), rng.choice([None, 9, 14]))
        for _ in range(rng.randint(1, 5))
    ]  # fmt: skip
    rows = [[_text(rng) for _ in columns] for _ in range(rng.randint(1, 4))]
    for width in (30, 57, 120):
        for terminal in (False, True):
            assert _printed(_cell, rows, columns, width, terminal) == _printed(
                plain, rows, columns, width, terminal
            )


def test_wide_or_control_characters_keep_text():
    assert isinstance(_cell("Organisation — 9\u202f850 •"), _Cell)
    assert not isinstance(_cell("表 wide"), _Cell)
    assert not isinstance(_cell("tab\there"), _Cell)
    # Control characters are shown, not obeyed, as plain() shows them.
    cell = _cell("a\x1b[2Jb")
    assert isinstance(cell, _Cell) and cell.text == "a\\x1b[2Jb"
