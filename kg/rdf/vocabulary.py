"""The ontology file (``ontology/kg.ttl``) as data: which terms it declares,
and a short table of them for people (``kg ontology``).

>>> rows = ontology_rows()
>>> next(r for r in rows if r[0] == "kg:Claim")[1]
'class'
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ..ontology import ontology_dir
from .namespace import KG, PREFIXES

_KINDS = [(OWL.Class, "class"), (OWL.ObjectProperty, "object property"),
          (OWL.DatatypeProperty, "datatype property"), (OWL.NamedIndividual, "individual")]


def ontology_path() -> Path:
    return ontology_dir() / "kg.ttl"


@lru_cache(maxsize=4)
def _parse(path: Path, mtime: float) -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g.parse(str(path), format="turtle")


def load_ontology() -> Graph:
    """``ontology/kg.ttl`` parsed (cached while the file is unchanged). Do not modify."""
    p = ontology_path()
    return _parse(p, p.stat().st_mtime)


def declared_terms(g: Graph | None = None) -> set[URIRef]:
    """Every term in the kg: namespace that the ontology declares (classes, properties, individuals)."""
    g = g if g is not None else load_ontology()
    return {s for kind, _ in _KINDS for s in g.subjects(RDF.type, kind)
            if isinstance(s, URIRef) and str(s).startswith(str(KG))}


def _short(g: Graph, node) -> str:
    try:
        return g.namespace_manager.normalizeUri(node)
    except Exception:
        return str(node)


def ontology_rows(g: Graph | None = None) -> list[tuple[str, str, str, str]]:
    """(term, kind, domain → range or superclasses, label: comment), classes first."""
    g = g if g is not None else load_ontology()
    rows = []
    order = {name: i for i, (_, name) in enumerate(_KINDS)}
    for term in declared_terms(g):
        kind = next(name for k, name in _KINDS if (term, RDF.type, k) in g)
        if kind == "class":
            rel = ", ".join(sorted(_short(g, c) for c in g.objects(term, RDFS.subClassOf)))
            rel = f"⊑ {rel}" if rel else ""
        elif kind == "individual":
            rel = ", ".join(sorted(_short(g, c) for c in g.objects(term, RDF.type) if c != OWL.NamedIndividual))
        else:
            dom = g.value(term, RDFS.domain)
            rng = g.value(term, RDFS.range)
            rel = f"{_short(g, dom) if dom else '·'} → {_short(g, rng) if rng else '·'}"
            sup = [_short(g, p) for p in g.objects(term, RDFS.subPropertyOf)]
            if sup:
                rel += f" (⊑ {', '.join(sorted(sup))})"
        label = str(g.value(term, RDFS.label) or "")
        comment = " ".join(str(g.value(term, RDFS.comment) or "").split())
        rows.append((_short(g, term), kind, rel, f"{label}: {comment}" if comment else label))
    rows.sort(key=lambda r: (order[r[1]], r[0].lower()))
    return rows
