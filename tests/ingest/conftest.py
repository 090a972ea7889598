"""Fixtures of the ingest tests."""

from __future__ import annotations

import pytest
from ingest_samples import full_map

from ecomap.model import Ecosystem


@pytest.fixture
def eco() -> Ecosystem:
    """A map that uses every field of every record type (see ``ingest_samples.full_map``)."""
    return full_map()
