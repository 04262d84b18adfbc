"""Regression tests for issue 7's huge abstracts: extraction time grew with the square of the
text (a 100,000-word abstract took seconds, a 10 MB one minutes).

No test here times anything: the work of the entity rules is counted as the words and tokens
they read from the :class:`~kg.rules.Layout`, and doubling a text must not much more than
double that count. The final-stop splitter's cost was inside spaCy's retokenizer, so its test
checks that the retokenizer is no longer used, and that the Doc it makes is the one the
retokenizer made.
"""

from __future__ import annotations

import pytest
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LIKE_NUM, LOWER, NORM, ORTH, SPACY
from spacy.tokens import Doc

from kg.nlp import FinalStopSplitter, load_pipeline
from kg.rules import make_layout


class CountingList(list):
    """A list that counts the items read from it, by index, slice or iteration."""

    reads = 0

    def __getitem__(self, index):
        item = super().__getitem__(index)
        CountingList.reads += len(item) if isinstance(index, slice) else 1
        return item

    def __iter__(self):
        CountingList.reads += len(self)
        return super().__iter__()


def rule_reads(text: str) -> int:
    """Words and tokens the entity tagger reads from the Layout of ``text``."""
    nlp = load_pipeline()
    tagger = nlp.get_pipe("kg_entities")
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name != "kg_entities":
            doc = component(doc)
    layout = make_layout(doc, tagger.vocabulary)
    layout.words, layout.lowers = CountingList(layout.words), CountingList(layout.lowers)
    CountingList.reads = 0
    tagger.set_annotations(doc, layout, tagger.match(doc, layout))
    assert doc.spans["kg_entities"]  # the text exercises the rules it is meant for
    return CountingList.reads


@pytest.mark.parametrize("make", [
    # every definition scanned every word for "FAS outperforms ..."
    pytest.param(lambda n: "Face anti-spoofing (FAS) protects face recognition. " * n, id="acronym-definitions"),
    # every module scanned its sentence from the start for "GateMix uses ..."
    pytest.param(lambda n: "We propose GateMix, a novel router that uses " + "a Gated Fusion Module, " * n
                 + "and an Expert Pool", id="parts-in-one-long-sentence"),
    # every item scanned its sentence from the start for the colon of "we introduce ...:"
    pytest.param(lambda n: "We introduce new modules: " + "a gated fusion module, " * n + "and a pool",
                 id="list-in-one-long-sentence"),
    # every name walked back to the list's start for "experiments on A, B, ..."
    pytest.param(lambda n: "We list " + ", ".join(f"Gx{i}Net" for i in range(n)), id="names-in-one-long-list"),
])
def test_huge_abstract_rule_work_is_linear_not_quadratic(make):
    small, large = rule_reads(make(300)), rule_reads(make(600))
    assert large < 2.3 * small, (small, large)


def test_huge_abstract_final_stops_are_split_without_the_retokenizer():
    """One retokenizer split moves every later token, so a stop per sentence was quadratic."""

    class NoRetokenizer(Doc):
        def retokenize(self):
            raise AssertionError("one retokenizer split per stop is quadratic in a long text")

    nlp = load_pipeline()
    text = "We test on ADE20K. It isn't U.S. data, see Fig. 2 on COCO.\nAnd on ImageNet-1K.  " * 50
    made = nlp.make_doc(text)
    words = [token.text for token in made]
    spaces = [bool(token.whitespace_) for token in made]
    doc = NoRetokenizer(nlp.vocab, words=words, spaces=spaces)
    doc.from_array([NORM], made.to_array([NORM]))  # the tokenizer's "n't" -> "not"
    split = FinalStopSplitter()(doc)

    expected = nlp.make_doc(text)  # what the retokenizer made of it
    with expected.retokenize() as retokenizer:
        for token in expected:
            if token.text in ("ADE20K.", "ImageNet-1K."):  # "COCO.\n" the tokenizer splits itself
                retokenizer.split(token, [token.text[:-1], "."], heads=[(token, 0), (token, 0)])
    attrs = [ORTH, NORM, LOWER, IDX, LENGTH, SPACY, IS_PUNCT, IS_SPACE, LIKE_NUM]
    assert split.text == text and len(split) == len(made) + 100
    assert split.to_array(attrs).tolist() == expected.to_array(attrs).tolist()
