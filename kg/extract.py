"""Run the kg pipeline over papers and turn each Doc into plain records.

With :mod:`kg.nlp`, which builds the pipeline, this is the only stage that touches spaCy
objects: what it returns (:class:`Extraction`) is plain frozen dataclasses, picklable and
cacheable. Everything after it (resolution, graph, evaluation) works on those records.

:func:`map_extracted` spreads large inputs over worker processes, each of which builds the
pipeline once, and applies a function to each extraction there.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from .nlp import PROPOSED_KEY, SPANS_KEY, load_pipeline
from .papers import Paper
from .rules import doc_text


@dataclass(frozen=True, slots=True)
class Mention:
    """One typed entity mention in one abstract."""

    text: str
    type: str  # method, dataset, task or metric
    start: int  # character offsets into the cleaned abstract
    end: int
    sentence: str  # the evidence
    proposed: bool = False  # the paper introduces it


@dataclass(frozen=True, slots=True)
class AcronymPair:
    """An acronym defined in an abstract, with its long form."""

    short: str
    long: str


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one paper's abstract."""

    paper_id: str
    mentions: tuple[Mention, ...]
    acronyms: tuple[AcronymPair, ...]


def mentions(doc: Doc) -> Iterator[Mention]:
    """Yield the entity mentions the pipeline found in ``doc``, in text order."""
    proposed = {(span.start, span.end) for span in doc.spans.get(PROPOSED_KEY, ())}
    spans = doc.spans.get(SPANS_KEY, ())
    if not spans:
        return
    # texts are slices of the Doc's text: Span.text joins its tokens anew on each call, and
    # Span.sent searches for the sentence anew
    text = doc_text(doc)
    sentences = list(doc.sents)
    ends = [sentence.end for sentence in sentences]
    evidence: dict[int, str] = {}  # one string per sentence, however many mentions it holds
    number = 0
    for span in spans:  # in text order
        while ends[number] <= span.start:
            number += 1
        if number not in evidence:
            evidence[number] = text[sentences[number].start_char:sentences[number].end_char].strip()
        yield Mention(
            text=text[span.start_char:span.end_char],
            type=span.label_,
            start=span.start_char,
            end=span.end_char,
            sentence=evidence[number],
            proposed=(span.start, span.end) in proposed,
        )


def acronym_pairs(doc: Doc) -> Iterator[AcronymPair]:
    """Yield the acronym definitions of ``doc``, each pair once, in text order."""
    seen = set()
    for short, long in doc._.kg_acronyms or ():
        pair = AcronymPair(short.text, long.text)
        if pair not in seen:
            seen.add(pair)
            yield pair


def _tokenized(nlp: Language, text: str) -> Doc:
    """The tokenized ``text``, which keeps it so that components need not join it back from tokens."""
    doc = nlp.make_doc(text)
    doc._.kg_text = text
    return doc


def extract(papers: Iterable[Paper], *, nlp: Language | None = None, batch_size: int = 64) -> Iterator[Extraction]:
    """Yield one :class:`Extraction` per paper, in input order."""
    nlp = nlp or load_pipeline()
    papers = list(papers)
    docs = nlp.pipe((_tokenized(nlp, paper.abstract) for paper in papers), batch_size=batch_size)
    for paper, doc in zip(papers, docs):
        yield Extraction(paper.id, tuple(mentions(doc)), tuple(acronym_pairs(doc)))


# Below this many papers a build extracts in its own process: starting workers and loading
# the pipeline in each costs more than the second core saves.
PARALLEL_MIN_PAPERS = 2000
_CHUNK_PAPERS = 200  # papers per task sent to a worker: large enough to amortize the round trip

T = TypeVar("T")


def available_cores() -> int:
    """The number of cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _start_worker() -> None:
    load_pipeline()  # once per worker, before its first task


def _extract_chunk(func: Callable[[Extraction], T], papers: list[tuple[str, str]]) -> list[T]:
    return [func(e) for e in extract(Paper(paper_id, abstract) for paper_id, abstract in papers)]


def map_extracted(papers: Sequence[Paper], func: Callable[[Extraction], T], *, jobs: int | None = None) -> Iterator[T]:
    """``func`` of the :class:`Extraction` of each paper, in input order, over ``jobs`` worker
    processes (default: every core).

    ``func`` runs where the extraction is made, so only its result crosses between processes:
    make it small and plain (the build's is the packed record it caches), and make ``func`` a
    module-level function, which workers receive by name. Inputs under
    :data:`PARALLEL_MIN_PAPERS` papers, or ``jobs=1``, are extracted in this process. Workers
    are forked where the platform can fork: they start at once, sharing the pipeline that this
    process has loaded, where spawned workers would import spaCy and read the lexicons anew.
    """
    jobs = jobs or available_cores()
    if jobs <= 1 or len(papers) < PARALLEL_MIN_PAPERS:
        yield from map(func, extract(papers))
        return
    chunks = [[(p.id, p.abstract) for p in papers[i:i + _CHUNK_PAPERS]] for i in range(0, len(papers), _CHUNK_PAPERS)]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if "fork" in methods:
        load_pipeline()
    with ProcessPoolExecutor(min(jobs, len(chunks)), mp_context=context, initializer=_start_worker) as pool:
        for results in pool.map(partial(_extract_chunk, func), chunks):
            yield from results
