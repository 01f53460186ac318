"""The importer script as a module, and the source dictionaries when they are present."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "import_petrarch.py"
SOURCES = REPO.parent / "shared" / "lexicons" / "petrarch2"
SHIPPED = REPO / "ontology" / "lexicons" / "petrarch"


@pytest.fixture(scope="session")
def importer():
    """scripts/import_petrarch.py, loaded as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("import_petrarch", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module       # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def sources() -> Path:
    if not SOURCES.is_dir():
        pytest.skip(f"{SOURCES} is absent (the PETRARCH-2 dictionaries are not in the repository)")
    return SOURCES
