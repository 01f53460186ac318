"""Fixtures for the exporter tests: the seed store (built once per session, shared
with the other test folders) and the registry of exporters, restored after each test."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def seed_store(built_seed_store) -> Path:
    return built_seed_store


@pytest.fixture
def exporters():
    """kg.exporters.EXPORTERS, put back as it was after the test: what a test
    registers (or loads from an entry point) is gone afterwards."""
    from kg.exporters import EXPORTERS

    with EXPORTERS.saved():
        yield EXPORTERS
