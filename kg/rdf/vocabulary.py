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

from ..datafiles import data_path
from .namespace import KG, PREFIXES

_KINDS = [(OWL.Class, "class"), (OWL.ObjectProperty, "object property"),
          (OWL.DatatypeProperty, "datatype property"), (OWL.NamedIndividual, "individual")]


def ontology_path() -> Path:
    return data_path("kg.ttl")


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


def _codes(d: dict) -> list[str]:
    code = []
    if d.get("plover"):
        code.append(f"PLOVER {d['plover']}" + (f" ({d['plover_mode']})" if d.get("plover_mode") else ""))
    if d.get("cameo"):
        code.append(f"CAMEO {d['cameo']}")
    if d.get("quad_class"):
        code.append(f"quad class {d['quad_class']}")
    return code


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@en'


def missing_lexicon_terms() -> str:
    """Turtle declaring the relations (``ontology/relations.yaml``) and event
    types (``ontology/events.yaml``) that ``ontology/kg.ttl`` does not declare
    yet, with labels and comments drawn from the lexicon. Append it to kg.ttl
    (``python -m kg.rdf.vocabulary >> ontology/kg.ttl``) and edit as needed."""
    from ..datafiles import load_yaml

    declared = declared_terms()
    blocks = []
    for name, d in (load_yaml("relations.yaml") or {}).items():
        if not isinstance(d, dict) or KG[name] in declared:
            continue
        family = d.get("family", "cooperation")
        parent = "kg:cooperativeRelation" if family == "cooperation" else "kg:conflictualRelation"
        kinds = "owl:ObjectProperty, owl:SymmetricProperty" if d.get("symmetric") else "owl:ObjectProperty"
        words = [f'"{f.get("verb") or f.get("noun")}' + (f' {f["prep"]}' if isinstance(f.get("prep"), str) else "") + '"'
                 for f in d.get("frames", []) if f.get("verb") or f.get("noun")][:3]
        label = d.get("label", name)
        comment = (f"The subject actor {label} the object actor ({family}; {', '.join(_codes(d))}). Written as a "
                   f"direct triple only when an article asserts it; every statement of it, whatever its modality, "
                   f"is a kg:Claim." + (f" Typical wording: {', '.join(words)}." if words else ""))
        blocks.append(f"kg:{name} a {kinds} ;\n    rdfs:label {_lit(label)} ;\n    rdfs:comment {_lit(comment)} ;\n"
                      f"    rdfs:subPropertyOf {parent} ;\n    rdfs:domain kg:Actor ; rdfs:range kg:Actor .\n")
    for name, d in (load_yaml("events.yaml") or {}).items():
        if not isinstance(d, dict) or "triggers" not in d or KG[name] in declared:
            continue
        label = d.get("label", name)
        codes = _codes(d)
        words = ", ".join(f'"{t}"' for t in d["triggers"][:4])
        how = (f"triggered by words such as {words}" if words else
               f"stated by a verb of the relation kg:{d.get('relation')} that names its subject but no object")
        comment = f"An event of type {label}{' (' + ', '.join(codes) + ')' if codes else ''}, {how}."
        blocks.append(f"kg:{name} a owl:Class ;\n    rdfs:subClassOf kg:Event ;\n    rdfs:label {_lit(label)} ;\n"
                      f"    rdfs:comment {_lit(comment)} .\n")
    return "\n".join(blocks)


if __name__ == "__main__":  # python -m kg.rdf.vocabulary >> ontology/kg.ttl
    print(missing_lexicon_terms(), end="")
