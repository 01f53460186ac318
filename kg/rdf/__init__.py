"""The RDF layer: namespaces, IRI minting, and the mapping of extractions to
triples. It knows nothing of spaCy; it reads :mod:`kg.model` objects."""
from .iri import graph_iri, mint_iri
from .mapping import article_graph, extraction_to_triples
from .namespace import KG, KGR

__all__ = ["KG", "KGR", "graph_iri", "mint_iri", "article_graph", "extraction_to_triples"]
