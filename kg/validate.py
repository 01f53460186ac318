"""Validate a store against ``ontology/shapes.ttl`` (SHACL, with pyshacl).

The data graph is the union of the store's named graphs; ``ontology/kg.ttl`` is
mixed in so that ``sh:class`` follows ``rdfs:subClassOf`` and relation
properties are known by ``rdfs:subPropertyOf kg:actorRelation``. Violations
come back as :class:`Violation` objects that print as one readable line each;
a literal whose text does not fit its datatype (``"x"^^xsd:integer``) is one.

>>> from kg.store import open_store
>>> report = validate_store(open_store(":memory:"))
>>> report.conforms, len(report.violations)
(True, 0)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from .datafiles import data_path
from .rdf.namespace import KG, PREFIXES
from .rdf.reading import ill_typed, quiet_literals, short_datatype
from .rdf.vocabulary import load_ontology


@dataclass(frozen=True)
class Violation:
    focus: str  # the node that fails, shortened with kg's prefixes
    path: Optional[str]  # the property, if the shape is a property shape
    message: str
    value: Optional[str] = None
    severity: str = "Violation"
    shape: Optional[str] = None

    def __str__(self) -> str:
        where = f"{self.focus}" + (f" {self.path}" if self.path else "")
        value = f" (value: {self.value})" if self.value and self.value not in self.message else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0

    def __str__(self) -> str:
        if self.conforms:
            return f"valid: {self.triples} triples conform to ontology/shapes.ttl"
        lines = [f"{len(self.violations)} violation(s) in {self.triples} triples:"]
        lines += [f"  {v}" for v in self.violations]
        return "\n".join(lines)


def shapes_path() -> Path:
    return data_path("shapes.ttl")


@lru_cache(maxsize=4)
def _parse(path: Path, mtime: float) -> Graph:
    return Graph().parse(str(path), format="turtle")


def load_shapes() -> Graph:
    p = shapes_path()
    return _parse(p, p.stat().st_mtime)


def _namespace_manager() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


_BY_LENGTH = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda x: -len(x[0]))
_IRI = re.compile(r"https?://[^\s<>\"{}|^`]+")


def short_iri(iri: str) -> str:
    """``https://w3id.org/kg/id/actor/taliban`` -> ``kgr:actor/taliban``."""
    for ns, prefix in _BY_LENGTH:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def short(node, nm: Optional[Graph] = None) -> str:
    """A node as a person reads it: prefixed name, or the literal's text."""
    if node is None:
        return ""
    if isinstance(node, Literal):
        text = str(node)
        return repr(text if len(text) <= 80 else text[:79] + "…")
    if isinstance(node, URIRef):
        return short_iri(str(node))
    return str(node)


def _shorten_text(message: str) -> str:
    return _IRI.sub(lambda m: short_iri(m.group(0)), message)


def _path_text(results: Graph, path, nm: Graph) -> Optional[str]:
    if path is None:
        return None
    if isinstance(path, URIRef):
        return short(path, nm)
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + short(inverse, nm)
    return "(complex path)"


def validate_graph(data: Graph, *, shapes: Optional[Graph] = None, ontology: Optional[Graph] = None) -> ValidationReport:
    """Validate one graph (already the union of the article graphs)."""
    import pyshacl

    shapes = shapes if shapes is not None else load_shapes()
    ontology = ontology if ontology is not None else load_ontology()
    with quiet_literals():
        conforms, results, _text = pyshacl.validate(
            data, shacl_graph=shapes, ont_graph=ontology, inference="none",
            advanced=True, allow_warnings=True, abort_on_first=False)
    nm = _namespace_manager()
    violations = []
    nested = set(results.objects(None, SH.detail))  # details of a result are explained by it
    for r in results.subjects(RDF.type, SH.ValidationResult):
        if r in nested:
            continue
        severity = results.value(r, SH.resultSeverity)
        messages = [_shorten_text(str(m)) for m in results.objects(r, SH.resultMessage)]
        value = results.value(r, SH.value)
        focus = results.value(r, SH.focusNode)
        if isinstance(value, URIRef) and isinstance(focus, URIRef) and str(focus).startswith(str(KG)):
            focus = value  # a graph-wide rule (one target node in the ontology): the culprit is the value
        if value == focus:
            value = None
        violations.append(Violation(
            focus=short(focus, nm),
            path=_path_text(results, results.value(r, SH.resultPath), nm),
            message="; ".join(messages) or short(results.value(r, SH.sourceConstraintComponent), nm),
            value=short(value, nm) if value is not None else None,
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            shape=short(results.value(r, SH.sourceShape), nm) if isinstance(results.value(r, SH.sourceShape), URIRef) else None,
        ))
    bad_literals = [Violation(focus=short(s, nm), path=short(p, nm), value=short(o, nm),
                              message=f"{str(o)!r} is not a valid {short_datatype(o)}")
                    for s, p, o in ill_typed(data)]
    violations += bad_literals
    violations = sorted(set(violations), key=lambda v: (v.severity != "Violation", v.focus, v.path or "", v.message))
    return ValidationReport(conforms=bool(conforms) and not bad_literals, violations=violations, triples=len(data))


def validate_store(store) -> ValidationReport:
    """Validate everything in ``store`` (a :class:`kg.store.Store`)."""
    return validate_graph(store.union_graph())
