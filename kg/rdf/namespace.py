"""Namespaces used by kg, as rdflib ``Namespace`` objects.

``KG`` holds the ontology (classes and properties, ``ontology/kg.ttl``);
``KGR`` holds the resources kg mints (actors, events, claims, articles).

>>> KG.opposes
rdflib.term.URIRef('https://w3id.org/kg/ontology#opposes')
"""
from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

KG = Namespace("https://w3id.org/kg/ontology#")
KGR = Namespace("https://w3id.org/kg/id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

#: prefixes bound in every graph kg writes
PREFIXES = {"kg": KG, "kgr": KGR, "sem": SEM, "dcterms": DCTERMS, "prov": PROV, "skos": SKOS,
            "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD}

#: the same prefixes as a SPARQL prologue, for kg's own queries
SPARQL_PREFIXES = "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in PREFIXES.items())
