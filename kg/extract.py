"""Run the kg pipeline over papers and turn each Doc into plain records.

With :mod:`kg.nlp`, which builds the pipeline, this is the only stage that touches spaCy
objects: what it returns (:class:`Extraction`) is plain frozen dataclasses, picklable and
cacheable. Everything after it (resolution, graph, evaluation) works on those records.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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
    number = 0
    for span in spans:  # in text order
        while ends[number] <= span.start:
            number += 1
        sentence = sentences[number]
        yield Mention(
            text=text[span.start_char:span.end_char],
            type=span.label_,
            start=span.start_char,
            end=span.end_char,
            sentence=text[sentence.start_char:sentence.end_char].strip(),
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
