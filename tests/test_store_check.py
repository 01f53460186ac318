"""The session's check that every store the tests built validates (tests/store_check.py),
on stores made for it: which it reports, with what, and which it leaves out."""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from store_check import invalid_stores

from kg.store import open_store


def _store(path, value):
    with open_store(str(path)) as st:
        st.put_article(URIRef("urn:kg-test:g"), [(URIRef("urn:kg-test:s"), URIRef("urn:kg-test:p"), value)])


@pytest.mark.invalid_store("stores with an ill-typed literal, for the check to report")
def test_each_store_that_does_not_validate_is_named_with_its_violations(tmp_path):
    _store(tmp_path / "a" / "store", Literal("12 km", datatype=XSD.integer))
    _store(tmp_path / "b" / "store", Literal("12 km", datatype=XSD.integer))  # the same graph: validated once
    _store(tmp_path / "fine" / "store", Literal(12))
    _store(tmp_path / "out" / "store", Literal("x", datatype=XSD.integer))
    (tmp_path / "not-a-store").mkdir()
    problems = invalid_stores(tmp_path, {tmp_path / "out": "broken on purpose"}, workers=1)
    assert problems == [
        f"{tmp_path / 'a' / 'store'}: 1 violation(s)",
        "    Violation: <urn:kg-test:s> <urn:kg-test:p>: '12 km' is not a valid xsd:integer",
        f"{tmp_path / 'b' / 'store'}: 1 violation(s)",
        "    Violation: <urn:kg-test:s> <urn:kg-test:p>: '12 km' is not a valid xsd:integer",
    ]


def test_a_store_that_does_not_open_is_named(tmp_path):
    store = tmp_path / "store"
    _store(store, Literal(12))
    (store / "CURRENT").write_text("MANIFEST-999999\n")  # points at a manifest that is not there
    problems = invalid_stores(tmp_path, workers=1)
    assert len(problems) == 1 and problems[0].startswith(f"{store}: the store is damaged"), problems
    (store / "CURRENT").unlink()  # no longer a store: the session's check passes by it
    assert invalid_stores(tmp_path, workers=1) == []
