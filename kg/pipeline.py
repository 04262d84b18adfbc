"""The whole build: input files -> papers -> extractions -> entities -> graph."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from .cache import BuildCache
from .errors import InputError
from .export import paused_gc
from .extract import Extraction, map_extracted
from .graph import build_graph
from .ingest import RawRecord, Warn, ignore_warnings, read_records
from .lexicon import ENTITY_TYPES
from .papers import Cleaned, Paper, clean_record, merge_records, record_key
from .resolve import Packed, PaperEntities, pack_paper, paper_entities, resolve, unpack_paper

Progress = Callable[[Iterable[Packed], int], Iterator[Packed]]


@dataclass(frozen=True, slots=True)
class BuildResult:
    """A built graph and the counts worth reporting about it."""

    graph: nx.MultiDiGraph
    records: int
    papers: int
    extracted: int  # papers whose abstract went through the pipeline; the others came from the cache

    def summary(self) -> str:
        """One line: papers, entities per type, edges (and what the cache saved, if anything)."""
        types = Counter(data["type"] for _, data in self.graph.nodes(data=True))
        entities = sum(n for t, n in types.items() if t != "paper")
        per_type = ", ".join(_counted(types.get(t, 0), t) for t in ENTITY_TYPES)
        cached = self.papers - self.extracted
        reuse = f"; {_counted(self.extracted, 'abstract')} extracted, {cached} from the cache" if cached else ""
        return (f"{_counted(self.papers, 'paper')} (from {_counted(self.records, 'record')}), "
                f"{_counted(entities, 'entity', 'entities')} ({per_type}), "
                f"{_counted(self.graph.number_of_edges(), 'edge')}{reuse}")


def _counted(number: int, noun: str, plural: str = "") -> str:
    """ "1 paper", "2 papers": the number with its noun in the right number."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def _no_progress(items: Iterable[Packed], total: int) -> Iterator[Packed]:
    return iter(items)


def build(paths: Iterable[str | Path], *, warn: Warn = ignore_warnings, strict: bool = False,
          progress: Progress = _no_progress, cache: Path | None = None, jobs: int | None = None) -> BuildResult:
    """Read ``paths`` (files or directories) and build the knowledge graph.

    ``cache`` is the build cache file to read and update (:mod:`kg.cache`), None for none;
    ``jobs`` caps the worker processes of a large extraction (default: every core).
    Raises :class:`~kg.errors.InputError` when the inputs hold no abstract at all.
    """
    paths = list(paths)
    with paused_gc():
        records = list(read_records(paths, warn=warn, strict=strict))
        record_count = len(records)
        cleaned, newly_cleaned = _cleaned(records, cache, warn)
        papers: list[Paper] = merge_records(records, warn=warn, cleaned=cleaned)
        del records, cleaned  # the papers hold all that the rest of the build needs
    if not papers:
        names = ", ".join(str(p) for p in paths)
        raise InputError(f"no abstracts found in {names}; expected arXiv listing text or JSON Lines "
                         "with an \"abstract\" or \"summary\" field")
    # not paused here: spaCy's Docs hold reference cycles, and forked workers inherit the setting
    grouped, extracted = _grouped(papers, newly_cleaned, cache, jobs, warn, progress)
    with paused_gc():
        entities = resolve(grouped)
        graph = build_graph(papers, grouped, entities)
    return BuildResult(graph, record_count, len(papers), extracted)



def _cleaned(records: list[RawRecord], cache: Path | None, warn: Warn) -> tuple[list[Cleaned], list[tuple[str, Cleaned]]]:
    """What clean-up makes of each record, from the cache where it was done before (a cache
    is read here but not made: input without abstracts must leave no output folder), and
    the records cleaned anew, by :func:`~kg.papers.record_key`, for the cache."""
    if cache is None:
        return [clean_record(record) for record in records], []
    keys = [record_key(record) for record in records]
    found: list[Cleaned | None] = [None] * len(records)
    if cache.is_file():
        with BuildCache(cache, warn=warn) as store:
            found = store.get_cleaned(keys)
    new = [(key, clean_record(record)) for key, record, cleaned in zip(keys, records, found) if cleaned is None]
    fresh = (cleaned for _, cleaned in new)
    return [cleaned if cleaned is not None else next(fresh) for cleaned in found], new


def _packed_entities(extraction: Extraction) -> Packed:
    """What workers send back and the cache keeps of an extraction: its entities, packed."""
    return pack_paper(paper_entities(extraction))


def _grouped(papers: list[Paper], newly_cleaned: list[tuple[str, Cleaned]], cache: Path | None,
             jobs: int | None, warn: Warn, progress: Progress) -> tuple[list[PaperEntities], int]:
    """The entities of every paper (:func:`~kg.resolve.paper_entities`), in order, and how many
    papers were extracted anew, not read from the cache (which also keeps the records cleaned anew).

    The collector is paused while the records are unpacked (millions of objects, all kept) but
    not during extraction (see :func:`build`)."""
    found: list[PaperEntities | None] = [None] * len(papers)
    missing = papers
    with BuildCache(cache, warn=warn) if cache is not None else nullcontext() as store:
        if store is not None:
            store.put_cleaned(newly_cleaned)
            with paused_gc():
                found = store.get_papers(papers)
            missing = [paper for paper, entities in zip(papers, found) if entities is None]
        packed = list(progress(map_extracted(missing, _packed_entities, jobs=jobs), len(missing)))
        if store is not None:
            store.put_packed((paper.abstract, p) for paper, p in zip(missing, packed))
    with paused_gc():
        fresh = _unpacked(missing, packed)
        return [entities if entities is not None else next(fresh) for entities in found], len(missing)


def _unpacked(papers: list[Paper], packed: list[Packed | None]) -> Iterator[PaperEntities]:
    """The entities of each paper from its packed form, each packed form let go once unpacked,
    so that the packed forms and the records made of them are never all held at once."""
    for i, paper in enumerate(papers):
        yield unpack_paper(paper.id, packed[i])
        packed[i] = None
