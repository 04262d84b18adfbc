"""Run the kg pipeline over papers and turn each Doc into plain records.

With :mod:`kg.nlp`, which builds the pipeline, this is the only stage that touches spaCy
objects: what it returns (:class:`Extraction`) is plain frozen dataclasses, picklable and
cacheable. Everything after it (resolution, graph, evaluation) works on those records.

:func:`extract_parallel` spreads large inputs over worker processes, each of which builds the
pipeline once; the records come back packed (:func:`pack`), the form the cache also stores.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

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


Packed = list  # [sentences, mentions, acronym pairs]: JSON-ready lists, see pack()

# Below this many papers a build extracts in its own process: starting workers and loading
# the pipeline in each costs more than the second core saves.
PARALLEL_MIN_PAPERS = 2000
_CHUNK_PAPERS = 200  # papers per task sent to a worker: large enough to amortize the round trip


def pack(extraction: Extraction) -> Packed:
    """``extraction`` without its paper id as JSON-ready lists, each evidence sentence once.

    >>> e = Extraction("paper:1", (Mention("MoE", "method", 4, 7, "We MoE.", True),), (AcronymPair("MoE", "m o e"),))
    >>> pack(e)
    [['We MoE.'], [['MoE', 'method', 4, 7, 0, True]], [['MoE', 'm o e']]]
    >>> unpack("paper:1", pack(e)) == e
    True
    """
    sentences = list(dict.fromkeys(m.sentence for m in extraction.mentions))
    number = {sentence: i for i, sentence in enumerate(sentences)}
    return [sentences,
            [[m.text, m.type, m.start, m.end, number[m.sentence], m.proposed] for m in extraction.mentions],
            [[pair.short, pair.long] for pair in extraction.acronyms]]


def unpack(paper_id: str, packed: Packed) -> Extraction:
    """The :class:`Extraction` of paper ``paper_id`` from its :func:`pack` form."""
    sentences, found, pairs = packed
    return Extraction(paper_id,
                      tuple(Mention(text, type_, start, end, sentences[number], bool(proposed))
                            for text, type_, start, end, number, proposed in found),
                      tuple(AcronymPair(short, long) for short, long in pairs))


def available_cores() -> int:
    """The number of cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _start_worker() -> None:
    load_pipeline()  # once per worker, before its first task


def _extract_chunk(abstracts: list[str]) -> list[Packed]:
    return [pack(e) for e in extract(Paper("", abstract) for abstract in abstracts)]


def extract_parallel(papers: Sequence[Paper], *, jobs: int | None = None) -> Iterator[Extraction]:
    """:func:`extract` over ``jobs`` worker processes (default: every core), in input order.

    Inputs under :data:`PARALLEL_MIN_PAPERS` papers, or ``jobs=1``, are extracted in this process.
    Workers are forked where the platform can fork: they start at once, sharing the pipeline
    that this process has loaded, where spawned workers would import spaCy and read the
    lexicons anew.
    """
    jobs = jobs or available_cores()
    if jobs <= 1 or len(papers) < PARALLEL_MIN_PAPERS:
        yield from extract(papers)
        return
    chunks = [[p.abstract for p in papers[i:i + _CHUNK_PAPERS]] for i in range(0, len(papers), _CHUNK_PAPERS)]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if "fork" in methods:
        load_pipeline()
    ids = iter(papers)
    with ProcessPoolExecutor(min(jobs, len(chunks)), mp_context=context, initializer=_start_worker) as pool:
        for packed_chunk in pool.map(_extract_chunk, chunks):
            for packed in packed_chunk:
                yield unpack(next(ids).id, packed)
