"""Column aliases, cell texts and formula defusing."""

from __future__ import annotations

from datetime import date, datetime, time
from string import Formatter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecomap.ingest import readers, validation, writers
from ecomap.ingest.cells import cell_text, defuse_formula, format_number, restore_formula
from ecomap.ingest.columns import (
    COLUMN_ALIASES,
    MANDATORY,
    canonical_column,
    fold_header,
    sheet_kind,
)
from ecomap.model import COLUMNS, RecordKind


@pytest.mark.parametrize(
    ("kind", "header", "field"),
    [
        ("actor", "Nom", "name"),
        ("actor", "NATURE", "kind"),
        ("actor", "Type", "kind"),
        ("actor", "Niveau", "level"),
        ("actor", "Catégorie", "category"),
        ("actor", "territoire", "territory"),
        ("actor", "Rôle", "role"),
        ("actor", "Influence (0-5)", "influence"),
        ("actor", "Étiquettes", "tags"),
        ("actor", "Latitude", "lat"),
        ("relation", "Nature", "type"),
        ("relation", "Cible", "target"),
        ("relation", "poids", "weight"),
        ("relation", "Type de pouvoir", "power_type"),
        ("relation", "Position", "stance"),
        ("relation", "Formel", "formal"),
        ("relation", "Enjeu", "stake"),
        ("relation", "Depuis", "since"),
        ("relation", "Jusqu'à", "until"),
        ("relation", "jusqu’à", "until"),
        ("relation", "Signalé par", "reported_by"),
        ("relation", "Visibilité", "visibility"),
        ("relation", "ACTER accord", "acter_agree"),
        ("relation", "A.C.T.E.R. - Confiance", "acter_trust"),
        ("relation", "acter_répartition", "acter_share"),
        ("space", "Fréquence", "frequency"),
        ("space", "Institué", "instituted"),
        ("space", "nature", "kind"),
        ("stake", "Description", "description"),
    ],
)
def test_french_headers_map_to_fields(kind, header, field):
    assert canonical_column(RecordKind(kind), header) == field


def test_every_exchange_column_is_its_own_alias():
    for kind, columns in COLUMNS.items():
        for column in columns:
            assert canonical_column(kind, column) == column
            assert canonical_column(kind, column.upper()) == column


def test_aliases_only_name_columns_of_their_kind():
    for kind, table in COLUMN_ALIASES.items():
        assert set(table.values()) == set(COLUMNS[kind])
        assert set(MANDATORY[kind]) <= set(COLUMNS[kind])


def test_unknown_header_is_custom():
    assert canonical_column(RecordKind.ACTOR, "budget 2026") is None
    # ``poids`` means weight for relations only.
    assert canonical_column(RecordKind.ACTOR, "poids") is None


def test_fold_header():
    assert fold_header(" Type  de   pouvoir ") == "type_de_pouvoir"
    assert fold_header("Influence (0-5)") == "influence"


def test_sheet_kind():
    assert sheet_kind("actors") is RecordKind.ACTOR
    assert sheet_kind("Acteurs") is RecordKind.ACTOR
    assert sheet_kind("RELATIONS") is RecordKind.RELATION
    assert sheet_kind("Dispositifs") is RecordKind.SPACE
    assert sheet_kind("lisez-moi (read me)") is None


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (3, "3"),
        (2.0, "2"),
        (-1.5, "-1.5"),
        (0.1, "0.1"),
        (1e20, "1e+20"),
        (datetime(2026, 3, 1), "2026-03-01"),
        (datetime(2026, 3, 1, 14, 30), "2026-03-01T14:30:00"),
        (date(2026, 3, 1), "2026-03-01"),
        (time(9, 0), "09:00:00"),
        ("Mairie", "Mairie"),
    ],
)
def test_cell_text(value, text):
    assert cell_text(value) == text


@given(st.floats(allow_nan=False, allow_infinity=False))
@settings(max_examples=200)
def test_format_number_keeps_the_value(x):
    assert float(format_number(x)) == x
    assert not format_number(x).endswith(".0")


@pytest.mark.parametrize(
    ("text", "defused"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+33 6 00", "'+33 6 00"),
        ("-chef", "'-chef"),
        ("@halle", "'@halle"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("'=already", "''=already"),
        ("-2", "-2"),
        ("+1,5", "+1,5"),
        ("Mairie", "Mairie"),
        ("l'été", "l'été"),
        ("'tis", "'tis"),
        ("", ""),
    ],
)
def test_defuse_formula(text, defused):
    assert defuse_formula(text) == defused
    assert restore_formula(defused) == text


@given(st.text(alphabet=st.sampled_from("'=+-@\t\rab1,."), max_size=8))
@settings(max_examples=300)
def test_defuse_then_restore_is_exact_and_safe(text):
    defused = defuse_formula(text)
    assert restore_formula(defused) == text
    # What a spreadsheet sees is never a formula: a trigger comes only after a quote,
    # or the cell is a plain number.
    if defused.startswith(("=", "+", "-", "@", "\t", "\r")):
        assert defused.lstrip("+-").replace(",", "").replace(".", "").isdigit()


@pytest.mark.parametrize("module", [readers, validation, writers])
def test_french_messages_are_complete(module):
    """Users are French: every message has a French version with the same placeholders."""
    catalogue = module._MESSAGES
    assert set(catalogue["fr"]) == set(catalogue["en"])

    def names(template) -> set[str]:
        # A message that depends on a count is given as its plural forms.
        forms = template.values() if isinstance(template, dict) else [template]
        return {name for form in forms for _, name, _, _ in Formatter().parse(form) if name}

    for key, english in catalogue["en"].items():
        assert names(catalogue["fr"][key]) == names(english), key
