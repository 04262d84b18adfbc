"""The whole build: input files -> papers -> extractions -> entities -> graph."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from .errors import InputError
from .extract import Extraction, extract
from .graph import build_graph
from .ingest import Warn, ignore_warnings, read_records
from .lexicon import ENTITY_TYPES
from .papers import Paper, merge_records
from .resolve import resolve

Progress = Callable[[Iterable[Extraction], int], Iterator[Extraction]]


@dataclass(frozen=True, slots=True)
class BuildResult:
    """A built graph and the counts worth reporting about it."""

    graph: nx.MultiDiGraph
    records: int
    papers: int

    def summary(self) -> str:
        """One line: papers, entities per type, edges."""
        types = Counter(data["type"] for _, data in self.graph.nodes(data=True))
        entities = sum(n for t, n in types.items() if t != "paper")
        per_type = ", ".join(f"{types.get(t, 0)} {t}s" for t in ENTITY_TYPES)
        return (f"{self.papers} papers (from {self.records} records), {entities} entities ({per_type}), "
                f"{self.graph.number_of_edges()} edges")


def _no_progress(items: Iterable[Extraction], total: int) -> Iterator[Extraction]:
    return iter(items)


def build(paths: Iterable[str | Path], *, warn: Warn = ignore_warnings, strict: bool = False,
          progress: Progress = _no_progress) -> BuildResult:
    """Read ``paths`` (files or directories) and build the knowledge graph.

    Raises :class:`~kg.errors.InputError` when the inputs hold no abstract at all.
    """
    paths = list(paths)
    records = list(read_records(paths, warn=warn, strict=strict))
    papers: list[Paper] = merge_records(records, warn=warn)
    if not papers:
        names = ", ".join(str(p) for p in paths)
        raise InputError(f"no abstracts found in {names}; expected arXiv listing text or JSON Lines "
                         "with an \"abstract\" or \"summary\" field")
    extractions = list(progress(extract(papers), len(papers)))
    entities = resolve(extractions)
    return BuildResult(build_graph(papers, extractions, entities), len(records), len(papers))
