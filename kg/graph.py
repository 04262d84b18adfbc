"""Assemble papers and resolved entities into a NetworkX ``MultiDiGraph``.

Nodes
    ``paper:<arXiv id>`` (or ``paper:<content hash>``) with ``type="paper"``, and
    ``<type>:<normalized label>`` for entities (``type`` in method, dataset, task, metric),
    with a ``~`` suffix where two entities share a label (see :func:`kg.resolve.resolve`).
    Every node has ``type`` and ``label``.
Edges
    paper -> entity, keyed by relation (``proposes``, ``uses``, ``addresses``, ``evaluates_on``,
    ``reports``), with the ``evidence`` sentences and the number of ``mentions``.

Nodes and edges are added in sorted order, so the same input always gives the same graph.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from .extract import Extraction
from .papers import Paper
from .resolve import PROPOSES, Entity, PaperEntities

_SNIPPET_CHARS = 48


def paper_label(paper: Paper, proposed: list[str]) -> str:
    """A short human name for a paper: its title, else what it proposes, else its first words.

    >>> paper_label(Paper("paper:1", "We study graphs of papers and methods in detail."), [])
    'We study graphs of papers and methods in detail.'
    >>> paper_label(Paper("paper:1", "x"), ["PhysMamba"])
    'PhysMamba'
    """
    if paper.title:
        return paper.title
    if proposed:
        return proposed[0]
    if len(paper.abstract) <= _SNIPPET_CHARS:
        return paper.abstract
    return paper.abstract[:_SNIPPET_CHARS].rsplit(" ", 1)[0] + "…"


def build_graph(papers: Iterable[Paper], extractions: Iterable[Extraction | PaperEntities],
                entities: Iterable[Entity]) -> nx.MultiDiGraph:
    """Return the knowledge graph of ``papers`` and ``entities``, with the acronyms each paper
    defines, from its extraction or its entities.

    Examples
    --------
    >>> from kg.resolve import Link
    >>> paper = Paper("paper:2409.03501", "We propose X.", arxiv_id="2409.03501")
    >>> entity = Entity("method:x", "method", "X", ("X",), None, None,
    ...                 (Link("paper:2409.03501", "proposes", ("We propose X.",), 1),))
    >>> g = build_graph([paper], [Extraction(paper.id, (), ())], [entity])
    >>> sorted(g.nodes), list(g.edges(keys=True))
    (['method:x', 'paper:2409.03501'], [('paper:2409.03501', 'method:x', 'proposes')])
    """
    entities = sorted(entities, key=lambda e: e.id)
    acronyms = {e.paper_id: [{"short": a.short, "long": a.long} for a in e.acronyms] for e in extractions}
    proposed: dict[str, list[str]] = {}
    for entity in entities:
        for link in entity.links:
            if link.relation == PROPOSES and entity.type == "method":
                proposed.setdefault(link.paper_id, []).append(entity.label)
    graph = nx.MultiDiGraph()
    for paper in sorted(papers, key=lambda p: p.id):
        graph.add_node(
            paper.id,
            type="paper",
            label=paper_label(paper, sorted(proposed.get(paper.id, []), key=len)),
            abstract=paper.abstract,
            arxiv_id=paper.arxiv_id,
            doi=paper.doi,
            title=paper.title,
            authors=list(paper.authors),
            categories=list(paper.categories),
            code_urls=list(paper.code_urls),
            links=list(paper.links),
            comments=list(paper.comments),
            sources=list(paper.sources),
            acronyms=acronyms.get(paper.id, []),
        )
    for entity in entities:
        graph.add_node(
            entity.id,
            type=entity.type,
            label=entity.label,
            aliases=list(entity.aliases),
            acronym=entity.acronym,
            long_form=entity.long_form,
            paper_count=entity.paper_count,
        )
        for link in entity.links:
            graph.add_edge(link.paper_id, entity.id, key=link.relation, relation=link.relation,
                           evidence=list(link.evidence), mentions=link.mentions)
    return graph
