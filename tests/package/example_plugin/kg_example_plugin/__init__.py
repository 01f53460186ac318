"""An example kg plugin: a reader for briefing transcripts and an exporter of edge lists.

A ``.transcript`` file has ``KEY: value`` header lines (``DATE``, ``TITLE``),
a blank line, then the text of the briefing. The ``edgelist`` format writes
one tab-separated line per asserted fact: source label, relation, target label.
"""
from __future__ import annotations

from datetime import date

from kg.exporters import Exporter
from kg.model import Article, content_id
from kg.readers import ReadError, Reader


class TranscriptReader(Reader):
    name = "transcript"
    extensions = (".transcript",)

    def read_text(self, text, where, report):
        head, _, body = text.partition("\n\n")
        fields = dict(line.split(":", 1) for line in head.splitlines() if ":" in line)
        fields = {k.strip().upper(): v.strip() for k, v in fields.items()}
        if not body.strip() or "DATE" not in fields:
            report(ReadError(where, "not a transcript (DATE header and a body expected)"))
            return
        yield Article(id=content_id(body), text=body, title=fields.get("TITLE"),
                      published=date.fromisoformat(fields["DATE"]), path=where)


EDGES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX kg: <https://w3id.org/kg/ontology#>
SELECT DISTINCT ?source ?relation ?target WHERE {
  GRAPH ?g { ?s ?p ?o . ?s kg:inGazetteer ?k1 . ?o kg:inGazetteer ?k2 .
             ?s rdfs:label ?source . ?o rdfs:label ?target }
  BIND(STRAFTER(STR(?p), "#") AS ?relation)
} ORDER BY ?source ?relation ?target
"""


class EdgeListExporter(Exporter):
    names = ("edgelist", "edges")
    extensions = (".edges",)

    def write(self, store, output):
        with self.open(output) as fh:
            for row in store.query(EDGES):
                fh.write("\t".join(str(v) for v in row) + "\n")
