"""kg's spaCy pipeline: a blank English tokenizer, a sentencizer and two kg components.

- ``kg_acronyms`` finds acronym definitions (:mod:`kg.acronyms`) and stores them as
  ``doc._.kg_acronyms``, a list of ``(short Span, long Span)`` pairs;
- ``kg_entities`` finds typed entity mentions (lexicon phrase matches and :mod:`kg.rules`)
  and stores them in ``doc.spans["kg_entities"]`` (label = type) and the ones the paper
  introduces in ``doc.spans["kg_proposed"]``.

No model is loaded: everything comes from the package's data files, so the pipeline works
offline on a fresh install.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import numpy
import spacy
from spacy.attrs import IDX, LENGTH, NORM, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex

from .acronyms import find_definitions
from .lexicon import KIND_HEADS, MINOR_WORDS, Lexicon, Term, default_lexicon, read_lexicon
from .normalize import is_name_shaped, match_key
from .rules import (ACRONYM, HEAD, LEXICON, NOVELTY_WORDS, Candidate, Layout, Vocabulary, appositive_type,
                    default_vocabulary, doc_text, enumerated_contributions, has_proposal_verb, head_phrase_candidates,
                    introduced_names, is_known_release, lexicon_candidates, listed_examples, listed_measures, make_layout,
                    name_candidates, other_mentions, passing_mentions, reported_measures, self_descriptions,
                    system_subjects, used_as_data, versioned_base, versioned_names)

SPANS_KEY = "kg_entities"
PROPOSED_KEY = "kg_proposed"

_DATA_NAME_WORDS = {"atlas", "archive", "repository"}  # "The Cancer Genome Atlas"

if not Doc.has_extension("kg_acronyms"):
    Doc.set_extension("kg_acronyms", default=None)


_STOP_AFTER_NAME = re.compile(r"[A-Z0-9]\.(?:\s|$)")
_ABBREVIATIONS = {"fig", "figs", "eq", "eqs", "tab", "sec", "no", "vol", "inc", "ltd", "co", "jr", "dr", "mr",
                  "ms", "prof", "st", "vs", "al", "etc", "resp", "approx", "cf", "ref", "refs"}


class FinalStopSplitter:
    """Split a sentence-final full stop off a name the tokenizer kept it on ("on ADE20K." ->
    "ADE20K" "."). spaCy keeps a stop after a capital or digit in case it is an initial; in
    abstracts it is far more often the end of a sentence. Abbreviations with inner dots
    ("U.S.", "e.g.") and common ones ("Fig.") are left alone.

    The split tokens are a new Doc of the same text, made in one pass: spaCy's retokenizer
    moves every later token for each split, which is quadratic in a long text with many stops.
    """

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        if not _STOP_AFTER_NAME.search(text):  # most abstracts: no token to look at
            return doc
        # token offsets in one array: creating a Token object per token costs more than the test
        starts, lengths, spaces, norms = doc.to_array([IDX, LENGTH, SPACY, NORM]).T.tolist()
        words: list[str] = []
        trailing: list[bool] = []
        word_norms: list[int] = []
        for start, length, space, norm in zip(starts, lengths, spaces, norms):
            word = text[start:start + length]
            if length > 1 and word[-1] == "." and _splits_off_stop(word):
                words += (word[:-1], ".")
                trailing += (False, bool(space))
                word_norms += (doc.vocab[word[:-1]].norm, doc.vocab["."].norm)
            else:
                words.append(word)
                trailing.append(bool(space))
                word_norms.append(norm)
        if len(words) == len(doc):
            return doc
        split = Doc(doc.vocab, words=words, spaces=trailing, user_data=doc.user_data)
        split.from_array([NORM], numpy.array(word_norms, dtype="uint64"))  # the tokenizer's own: "n't" -> "not"
        return split


def _splits_off_stop(word: str) -> bool:
    """Whether the stop ending ``word`` ends a sentence rather than an abbreviation.

    >>> [_splits_off_stop(w) for w in ["ADE20K.", "U.S.", "Fig.", "."]]
    [True, False, False, False]
    """
    return len(word) > 1 and word.endswith(".") and "." not in word[:-1] and word[-2].isalnum() \
        and word[:-1].lower() not in _ABBREVIATIONS


@Language.factory("kg_final_stops")
def make_final_stop_splitter(nlp: Language, name: str) -> FinalStopSplitter:
    return FinalStopSplitter()


class AcronymDetector:
    """Set ``doc._.kg_acronyms`` to the acronym definitions of the text, as Span pairs."""

    def __call__(self, doc: Doc) -> Doc:
        pairs = []
        for definition in find_definitions(doc_text(doc)):
            short = doc.char_span(definition.short_start, definition.short_end, alignment_mode="expand")
            long = doc.char_span(definition.long_start, definition.long_end, alignment_mode="expand")
            if short is not None and long is not None:
                pairs.append((short, long))
        doc._.kg_acronyms = pairs
        return doc


@Language.factory("kg_acronyms")
def make_acronym_detector(nlp: Language, name: str) -> AcronymDetector:
    return AcronymDetector()


class EntityTagger:
    """Find typed entity mentions: ``__call__`` is :meth:`match` then :meth:`set_annotations`."""

    def __init__(self, lexicon: Lexicon, vocabulary: Vocabulary):
        self.lexicon = lexicon
        self.vocabulary = vocabulary

    def __call__(self, doc: Doc) -> Doc:
        layout = make_layout(doc, self.vocabulary)
        self.set_annotations(doc, layout, self.match(doc, layout))
        return doc

    def match(self, doc: Doc, layout: Layout) -> list[Candidate]:
        """All candidates of all rules, overlapping."""
        defined = self._definition_types(doc, layout)
        candidates = [typed for c in lexicon_candidates(layout, self.lexicon, self.vocabulary)
                      if (typed := _as_defined(c, layout, defined)) is not None]
        candidates += self._acronym_candidates(doc, layout, defined)
        candidates += name_candidates(layout, self.vocabulary, self.lexicon, defined)
        modifying = {key for key, t in defined.items() if t not in ("dataset", "method")}
        candidates += head_phrase_candidates(layout, self.vocabulary, self.lexicon, modifying)
        listed = listed_examples(layout, self.vocabulary)
        if listed:  # "T2I models such as SD3": the list says what its items are, over other rules' types
            typed = {(c.start, c.end): c.type for c in listed}
            candidates = [c for c in candidates if c.source == ACRONYM or typed.get((c.start, c.end), c.type) == c.type]
        candidates += listed
        candidates += enumerated_contributions(layout, self.vocabulary)
        candidates += versioned_names(layout, self.lexicon, self.vocabulary)
        candidates += reported_measures(layout, self.vocabulary)
        candidates += listed_measures(layout, self.vocabulary)
        introduced = introduced_names(layout, self.vocabulary) + [
            c for c in self_descriptions(layout, self.vocabulary) if not self._prior(layout.span_text(c.start, c.end))]
        candidates += introduced + other_mentions(layout, introduced)
        return [c for c in candidates if not _suspended(layout, c.end - 1)
                and _whole(layout.span_text(c.start, c.end))]

    def set_annotations(self, doc: Doc, layout: Layout, candidates: list[Candidate]) -> None:
        # "we propose a novel network named SC-Net": introduced here, though a lexicon knows an SC-Net
        introduced = {(c.start, c.end) for c in candidates if c.proposed}
        chosen = [replace(c, proposed=True) if (c.start, c.end) in introduced and not c.proposed else c
                  for c in select_candidates(candidates)]
        chosen = self._without_named_descriptions(layout, chosen)
        chosen = _without_descriptions_after_names(layout, chosen)
        chosen = [_as_technique(layout, c) if c.type == "task" and _after_means_word(layout, c.start) else c
                  for c in chosen]
        passing = passing_mentions(layout, chosen, self.vocabulary)
        if passing:
            chosen = [c for c in chosen if (c.type, match_key(layout.span_text(c.start, c.end))) not in passing]
        spans = [Span(doc, c.start, c.end, label=c.type) for c in chosen]
        doc.spans[SPANS_KEY] = spans
        doc.spans[PROPOSED_KEY] = self._proposed(doc, layout, chosen, spans)

    def _definition_types(self, doc: Doc, layout: Layout) -> dict[str, str | None]:
        """Type of each acronym defined in ``doc`` (None if untyped), keyed by match_key of short
        and long form: a defined acronym is typed by its definition or not at all."""
        types: dict[str, str | None] = {}
        subjects = None  # found once per Doc: a scan of every word per definition is quadratic in a long text
        for short, long in doc._.kg_acronyms or ():
            in_proposal = layout.sentence_of[short.start] in layout.proposals
            entity_type = self._apposition_kind(layout, short, long) or self.definition_type(
                short.text, long.text, in_proposal=in_proposal, next_word=self._word_after(layout, short, long),
                used_as_data=lambda: used_as_data(layout, short.text, long.start, self.vocabulary))
            if entity_type in ("task", None):
                if subjects is None:
                    subjects = system_subjects(layout.words, self.vocabulary)
                if short.text in subjects:
                    entity_type = "method"
            types[match_key(short.text)] = types[match_key(long.text)] = entity_type
        return types

    def _word_after(self, layout: Layout, short: Span, long: Span) -> str:
        """The lower-case word right after a definition's closing bracket ("" if none): what the
        defined phrase modifies, as in "out-of-distribution (OOD) detection"."""
        after = max(short.end, long.end)
        if after + 1 < len(layout.lowers) and layout.lowers[after] == ")":
            return layout.lowers[after + 1]
        return ""

    def _apposition_kind(self, layout: Layout, short: Span, long: Span) -> str | None:
        """The type the noun after an apposition gives it: "JBE-QA, a Japanese Bar Exam
        Question-Answering dataset", "APEX, an Adaptive Prompt EXtraction framework"."""
        if not (short.end < long.start and layout.lowers[short.end] == ","):
            return None  # "Face Anti-Spoofing (FAS) models" are models for the task, not the task
        noun = layout.lowers[long.end] if long.end < len(layout.lowers) else ""
        return appositive_type(noun, self.vocabulary) if noun in self.vocabulary.appositive_heads else None

    def definition_type(self, short: str, long: str, *, in_proposal: bool = False, next_word: str = "",
                        used_as_data: Callable[[], bool] = lambda: False) -> str | None:
        """Type of an acronym definition: the lexicon's, else the long form's head word's; a long
        form in Title Case ("Disentangled Visual Foresight") or one the paper proposes is a method,
        unless it modifies a task (``next_word``, the word after the definition, is a task's head:
        "Out-of-Distribution (OOD) detection"). A task head before a component word names the
        component: "the Prototype-guided Feature Enhancement (PFE) module" is a method.

        >>> tagger = load_pipeline().get_pipe("kg_entities")
        >>> tagger.definition_type("FAS", "face anti-spoofing"), tagger.definition_type("DVF", "Disentangled Visual Foresight")
        ('task', 'method')
        >>> tagger.definition_type("PFE", "Prototype-guided Feature Enhancement", next_word="module")
        'method'
        """
        term = self.lexicon.lookup(long)
        if term is not None:
            return term.type
        long_words = long.split()
        if long.lower() in self.vocabulary.not_metrics:
            return None  # "heart rate (HR)" is what is measured, not a measure
        if long in self.vocabulary.stop_names:
            return None  # "Advanced Driver Assistance Systems (ADAS)": no name of the four, whatever its head
        head = self.vocabulary.head_type(long_words[-1]) if long_words else None
        if head == "task" and next_word in self.vocabulary.specific_component_heads:
            return "method"
        if head:
            return head  # the long form's own head before what its short form may name elsewhere
        if short in self.vocabulary.stop_names:
            return None  # "State Of The Art (SOTA)", "Graphics Processing Unit (GPU)": no name of the four
        for start in range(1, len(long_words) - 1):  # "Open-set domain generalization": a kind of a known term
            term = self.lexicon.lookup(" ".join(long_words[start:]))
            if term is not None:
                return term.type
        term = self.lexicon.lookup(short)
        if term is not None and not in_proposal and self._defines_term(term, long, used_as_data):
            # "we introduce the Geometric Encoding Mixer (GEM)": not the GEM benchmark
            return term.type
        if long_words and long_words[-1].lower() in self.vocabulary.data_heads:
            return None  # "Whole Slide Image (WSI)" names data: "WSI classification" is a task
        last = long_words[-1].lower().rsplit("-", 1)[-1] if long_words else ""
        if last in self.vocabulary.organisation_heads or last in self.vocabulary.device_heads \
                or last in self.vocabulary.place_words or last in self.vocabulary.concept_heads \
                or any(w.lower() in self.vocabulary.organisation_heads and after == "of"
                       for w, after in zip(long_words, long_words[1:])):
            # "National Science Foundation (NSF)", "AI Act", "Metro Nashville Department of Emergency
            # Communications (MNDEC)": a body or a law; "Unmanned Aerial Vehicle (UAV)": a thing;
            # "Southeast Asian (SEA)", "Attention Deficit Hyperactivity Disorder (ADHD)": a place, a condition
            return None
        title_case = len(long_words) >= 2 and all(w[:1].isupper() or w in MINOR_WORDS for w in long_words)
        modifies_a_task = self.vocabulary.head_type(next_word) == "task"
        return "method" if (title_case or in_proposal) and not modifies_a_task else None

    def _defines_term(self, term: Term, long: str, used_as_data: Callable[[], bool]) -> bool:
        """Whether ``long``, defining an acronym the lexicon knows as ``term``, names that term
        rather than something else with the same letters: one of the term's names says so
        (:meth:`~kg.lexicon.Lexicon.expands`: "label consistency checking (LCC)" is no Lipschitz
        Constant Constraint). A term known by its acronym alone is a dataset only where the long
        form or the abstract says data ("Computational Fluid Dynamics (CFD)" is no CFD
        dataset, and a lower-case "colorectal cancer (CRC)" names no collection), a method by
        its letters alone, and never a metric or task: a long form naming one has that one's
        head word ("access point (AP)" is no AP metric)."""
        expands = self.lexicon.expands(term, long)
        if expands is not None:
            return expands
        if term.type == "dataset":
            return self._names_data(long) or long[:1].isupper() and used_as_data()
        return term.type == "method"

    def _names_data(self, long: str) -> bool:
        """Whether a long form says it is data: a dataset word or a known dataset in it
        ("StarCraft Multi-Agent Challenge", "Multi-View ImageNet")."""
        suffixes = tuple(self.vocabulary.dataset_name_suffixes)
        return any(word.lower() in self.vocabulary.dataset_heads or word.lower() in _DATA_NAME_WORDS
                   or word.endswith(suffixes) and word not in suffixes  # "DRSBench", not "Set Shaping Theory"
                   or getattr(self.lexicon.lookup(word), "type", None) == "dataset"
                   for word in long.replace("-", " ").split())  # "BIG-Bench-Hard"

    def _acronym_candidates(self, doc: Doc, layout: Layout, defined: dict[str, str | None]) -> list[Candidate]:
        found = []
        shorts = {}
        for short, long in doc._.kg_acronyms or ():
            entity_type = defined.get(match_key(short.text))
            if entity_type:
                found.append(Candidate(long.start, long.end, entity_type, ACRONYM))
                shorts[match_key(short.text)] = entity_type
        if shorts:
            for word in layout.words:
                entity_type = shorts.get(match_key(word.text))
                if entity_type:
                    found.append(Candidate(word.start, word.end, entity_type, ACRONYM))
        return found

    def _without_named_descriptions(self, layout: Layout, chosen: list[Candidate]) -> list[Candidate]:
        """Drop an unnamed proposal ("a multimodal AI framework") from a sentence that also
        introduces a name ("we propose MultiFIX, a multimodal AI framework"): the name is the
        entity, the description says what it is."""
        def described(c: Candidate) -> bool:
            return c.proposed and c.source == HEAD and layout.lowers[c.end - 1] in self.vocabulary.generic_method_heads
        if not any(described(c) for c in chosen):
            return chosen
        named = {layout.sentence_of[c.start] for c in chosen if c.proposed and not described(c)
                 and any(ch.isupper() for ch in layout.span_text(c.start, c.end))}
        return [c for c in chosen if not (described(c) and layout.sentence_of[c.start] in named)]

    def _prior(self, text: str) -> bool:
        """Whether ``text`` names prior work: a known term, a release of a known model, or
        either with a noun for a kind of model after it ("o1-mini models")."""
        if self.lexicon.is_known(text) or self.lexicon.kind_of(text) is not None \
                or is_known_release(text, self.lexicon, self.vocabulary):
            return True
        rest, _, head = text.rpartition(" ")
        return bool(rest) and head.lower() in KIND_HEADS and is_known_release(rest, self.lexicon, self.vocabulary)

    def _new_name(self, text: str, known_names: set[str]) -> bool:
        """A one-word name that is neither known nor a version or acronym of something known
        ("FAMSeg"; not "Grok-4", "Gemini-2.5", "RL" for reinforcement learning)."""
        base = versioned_base(text)
        plural = text.endswith("s") and text[:-1].isupper()  # "LVLMs": a family
        return " " not in text and is_name_shaped(text) and not plural and match_key(text) not in known_names \
            and not (base and self.lexicon.is_known(base))

    def _parts_of_proposals(self, layout: Layout, chosen: list[Candidate], texts: list[str],
                            proposed: set[str]) -> set[str]:
        """Sub-modules of what the paper proposes: new (unknown) method phrases in a sentence whose
        subject is the proposal and whose verb gives it parts ("ViMoNet employs a joint training
        strategy", "Specifically, it contains a Trace Injection Module")."""
        if not proposed:
            return set()
        parts = set()
        # each sentence's openers found once: a scan per candidate is quadratic in one long sentence
        openers: dict[int, tuple[int | None, int, list[int]]] = {}
        for candidate, text in zip(chosen, texts):
            if candidate.type == "method" and candidate.source != LEXICON and not self._prior(text):
                sentence = layout.sentence_of[candidate.start]
                if sentence not in openers:
                    openers[sentence] = _part_openers(layout, candidate.start, proposed)
                verb, clause, means = openers[sentence]
                start = candidate.start
                if verb is not None and verb < start < clause or sentence not in layout.evaluation_sentences \
                        and _described_part(text) and any(0 < start - m <= _MEANS_REACH for m in means):
                    parts.add(match_key(text))
        return parts

    def _listed_in_proposal(self, layout: Layout, token: int, colons: dict[int, int | None]) -> bool:
        """An item of a list that a proposal sentence opens with a colon: "We also introduce new
        loss functions: a frequency loss ..., and an alignment loss". ``colons`` keeps the colon
        of each sentence asked about, found once: a scan per item is quadratic in one long sentence."""
        sentence = layout.sentence_of[token]
        if sentence not in layout.proposals:
            return False
        if sentence not in colons:
            start = layout.bounds[sentence]
            lowers = layout.lowers[start:layout.bounds[sentence + 1]]
            colon = lowers.index(":") if ":" in lowers else None
            opens = colon is not None and has_proposal_verb(lowers[:colon], self.vocabulary)
            colons[sentence] = start + colon if opens else None
        colon = colons[sentence]
        return colon is not None and colon < token

    def _proposed(self, doc: Doc, layout: Layout, chosen: list[Candidate], spans: list[Span]) -> list[Span]:
        """Mentions of what the paper introduces: new names in "we propose ..." sentences,
        "our X" / "the proposed X", named sub-modules, and every other mention of those."""
        keys = set()
        colons: dict[int, int | None] = {}
        texts = [layout.span_text(c.start, c.end) for c in chosen]  # Span.text joins its tokens anew each time
        # short forms of known terms ("RL" for reinforcement learning), and the long forms of known
        # short ones ("Visual Language Models (VLMs)"): never the paper's new name
        known_names = set()
        for short, long in doc._.kg_acronyms or ():
            if self.lexicon.is_known(long.text):
                known_names.add(match_key(short.text))
            elif (term := self.lexicon.lookup(short.text)) is not None and self.lexicon.expands(term, long.text):
                known_names.update((match_key(short.text), match_key(long.text)))
        first_sentence: dict[str, int] = {}
        for candidate, text in zip(chosen, texts):
            first_sentence.setdefault(text, layout.sentence_of[candidate.start])
        for candidate, text in zip(chosen, texts):
            start, end = candidate.start, candidate.end
            if candidate.proposed:
                # a known technique ("we introduce Mamba, a selective state-space model, to ...")
                # is no paper's own; a coined name the lexicon also knows ("SC-Net") may well be
                if not self._prior(text) or any(is_name_shaped(word) for word in text.split()):
                    keys.add(match_key(text))
                continue
            if candidate.type == "task" or self._prior(text) or match_key(text) in known_names \
                    or (candidate.type == "metric" and not text[:1].isupper()):
                # the acronym of a known term the abstract defines ("novel SSL objectives" after
                # "self-supervised learning (SSL)") is prior work; a new measure has a name
                # ("Visual Robustness Score"); "segmentation accuracy" is none
                continue
            before = layout.lowers[max(start - 3, 0):start]
            in_proposal = layout.sentence_of[start] in layout.proposals \
                and layout.object_of_proposal(start, self.vocabulary)
            named_module = candidate.type == "method" and candidate.source != LEXICON and end - start > 1 \
                and text[:1].isupper() and bool(layout.proposals) \
                and self.vocabulary.head_type(layout.lowers[end - 1]) == "method" \
                and layout.lowers[start] not in self.vocabulary.proper_modifiers \
                and text.split()[0] not in self.vocabulary.stop_names \
                and first_sentence[text] >= min(layout.proposals) \
                and (start != layout.bounds[layout.sentence_of[start]] or _capitalized_inside(text))
            # not "a Cox regression" (an eponym's), "an AI agent" (a common acronym's); not "Test-time
            # training (TTT) adapts" (a sentence's capital); not "Deep Learning (DL)" before the proposal
            # "a structure enhancement module", "an image-quality router" after "we propose": an unnamed
            # part of this paper's system; a part of a known technique is prior work ("self-attention
            # module", "a cross-attention mechanism"), and one named by a bare method word is
            # every model's ("attention heads", "a fusion module")
            own_part = candidate.type == "method" and candidate.source != LEXICON and end - start > 1 \
                and layout.lowers[end - 1] in self.vocabulary.specific_component_heads and bool(layout.proposals) \
                and first_sentence[text] >= min(layout.proposals) \
                and layout.sentence_of[start] not in layout.evaluation_sentences \
                and not any(w in _PRIOR_CUES for w in before) and not _describes_a_name(layout, start, self.vocabulary) \
                and not _in_subordinate_clause(layout, start) \
                and self.lexicon.kind_of(text, self.vocabulary.specific_component_heads) is None \
                and text.rpartition(" ")[0].lower() not in self.vocabulary.method_heads
            # "our X", "the proposed X"; "a novel offloading strategy" in an abstract that proposes
            # (a survey's "exploring novel DL architectures" is future work)
            novel = any(w in ("our", "proposed") or w in NOVELTY_WORDS and layout.proposals for w in before)
            if _after_use_cue(layout, start):
                continue  # "Built on the Video Joint Embedding Predictive Architecture (V-JEPA)"
            if in_proposal or novel or named_module or own_part or self._listed_in_proposal(layout, start, colons) \
                    or (candidate.type == "method" and bool(layout.proposals) and self._new_name(text, known_names)
                        and first_sentence[text] >= min(layout.proposals)  # not background, before the proposal
                        and _reports_results(layout, end, self.vocabulary)):
                keys.add(match_key(text))
        keys |= self._parts_of_proposals(layout, chosen, texts, keys)
        for short, long in doc._.kg_acronyms or ():
            if match_key(short.text) in keys or match_key(long.text) in keys:
                keys.update((match_key(short.text), match_key(long.text)))
        return [span for span, text in zip(spans, texts) if match_key(text) in keys]


_PART_VERBS = {"employs", "employ", "contains", "consists", "comprises", "features", "includes", "incorporates",
               "integrates", "introduces", "uses", "leverages", "adopts", "combines", "equips", "utilizes",
               "utilises", "designs", "devises", "builds", "featuring"}  # "Mantis, a framework featuring DVF"
# the means by which a named proposal works: "AdvGRPO ... makes GRPO viable using dense rewards and ..."
_MEANS_WORDS = {"using", "through", "via"}
_MEANS_REACH = 10  # tokens from the means word to a part: its object, not a later clause
# what a paper says its own system did: "the FAMSeg network achieved the best segmentation performance"
_RESULT_VERBS = {"achieves", "achieved", "outperforms", "outperformed", "surpasses", "surpassed", "attains",
                 "attained", "exceeds", "exceeded", "beats", "sets"}


# "replaces the standard top-k router", "unlike the vanilla gate": what a part is set against is prior work
_PRIOR_CUES = {"replaces", "replace", "replacing", "replaced", "standard", "conventional", "vanilla", "existing",
               "traditional", "instead", "unlike", "classic", "classical", "typical"}
_USE_CUES = {("built", "on"), ("built", "upon"), ("builds", "on"), ("builds", "upon"), ("building", "on"),
              ("building", "upon"), ("based", "on"), ("relies", "on"), ("rely", "on"), ("relying", "on"),
              ("top", "of"), ("inspired", "by"), ("extends", "the"), ("extending", "the")}


def _as_defined(candidate: Candidate, layout: Layout, defined: dict[str, str | None]) -> Candidate | None:
    """A lexicon candidate with the type the abstract's own definition gives its name, if any:
    "we introduce the Geometric Encoding Mixer (GEM)" makes GEM a method, not the GEM benchmark;
    None for a name defined as nothing of the four: "colorectal cancer (CRC)" is no CRC dataset."""
    key = match_key(layout.span_text(candidate.start, candidate.end))
    if key not in defined:
        return candidate
    entity_type = defined[key]
    if entity_type is None:
        return None
    return candidate if entity_type == candidate.type else replace(candidate, type=entity_type)


def _suspended(layout: Layout, token: int) -> bool:
    """Whether ``token`` is half of a suspended compound ("AP- aligned", "pre- and post-training"),
    which names nothing; "-RRB-", a bracket written out, is no such half."""
    word = layout.text[layout.starts[token]:layout.ends[token]]
    return len(word) > 1 and word.endswith("-") and not word.startswith("-")


def _whole(text: str) -> bool:
    """Whether ``text`` is no piece of a longer word: every bracket it opens it also closes
    ("ρ2(BCH(2,m" is a formula cut short), and it starts after no hyphen ("-based agent" is the
    rest of "large language model (LLM)-based agent", "-Eval" of "MLVU(VS)-Eval").

    >>> _whole("NTU-RGB+D (60)"), _whole("ρ2(BCH(2,m"), _whole("-aware decoder")
    (True, False, False)
    """
    return text.count("(") == text.count(")") and text.count("[") == text.count("]") and not text.startswith(("-", "–"))


def _describes_a_name(layout: Layout, token: int, vocabulary: Vocabulary) -> bool:
    """Whether the phrase at ``token`` is an apposition that says what a name is ("CurriMask, a
    curriculum masking strategy"): the name is the entity, the description is no other. A comma
    that closes the sentence's opening phrase ("To suppress X, a re-balancing mechanism ...",
    "Moreover, a region fidelity term ...") follows no name."""
    if not (token >= 2 and layout.lowers[token - 1] in ("a", "an") and layout.lowers[token - 2] == ","):
        return False
    first = layout.bounds[layout.sentence_of[token]]
    opener = layout.lowers[first]
    return not (opener in vocabulary.opening_words and "," not in layout.lowers[first:token - 2])


def _in_subordinate_clause(layout: Layout, token: int, reach: int = 6) -> bool:
    """Whether a subordinator shortly before ``token`` opens the clause it is in ("... restores the
    weights whenever the auxiliary loss diverges"): a condition, not a part."""
    start = max(layout.bounds[layout.sentence_of[token]], token - reach)
    return any(w in _SUBORDINATORS for w in layout.lowers[start:token])


def _capitalized_inside(text: str) -> bool:
    """Whether a word after the first of ``text`` is capitalised ("Temporal Difference Mamba block")."""
    return any(word[:1].isupper() for word in text.replace("-", " ").split()[1:])


def _after_use_cue(layout: Layout, token: int, reach: int = 4) -> bool:
    """Whether a phrase that says the paper builds on something ends within ``reach`` tokens
    before ``token`` ("built on the ...", "based on", "on top of", "inspired by"): what follows
    is prior work."""
    start = max(layout.bounds[layout.sentence_of[token]], token - reach)
    before = layout.lowers[start:token]
    return any(pair in _USE_CUES for pair in zip(before, before[1:]))


def _without_descriptions_after_names(layout: Layout, chosen: list[Candidate]) -> list[Candidate]:
    """Drop a lower-case method phrase that follows a name directly: "a ScMix augmentation
    strategy" names ScMix and says what it is (the name, mentioned again later, is the entity)."""
    result: list[Candidate] = []
    for candidate in chosen:
        previous = result[-1] if result else None
        if previous is not None and candidate.type == "method" and candidate.source == HEAD \
                and previous.type == "method" and previous.end == candidate.start \
                and layout.text[layout.ends[previous.end - 1]:layout.starts[candidate.start]] == " " \
                and layout.span_text(candidate.start, candidate.end).islower() \
                and any(ch.isupper() for ch in layout.span_text(previous.start, previous.end)):
            continue
        result.append(candidate)
    return result


def _after_means_word(layout: Layout, token: int) -> bool:
    """Whether a means phrase comes just before ``token`` ("based on", "using", "via"): a task's
    name there is the technique used ("an approach based on graph matching")."""
    return token > layout.bounds[layout.sentence_of[token]] and layout.lowers[token - 1] in _MEANS_WORDS \
        or _after_use_cue(layout, token, reach=2)


def _as_technique(layout: Layout, task: Candidate) -> Candidate:
    """A task's name used as a means, as the method it names: up to an "of", which says what
    the technique is applied to ("via unsupervised clustering of embeddings")."""
    lowers = layout.lowers[task.start:task.end]
    end = task.start + lowers.index("of") if "of" in lowers[1:] else task.end
    return replace(task, type="method", end=end)


def _reports_results(layout: Layout, end: int, vocabulary: Vocabulary) -> bool:
    """Whether the name ending before token ``end`` is the subject of a result verb, directly or
    through a generic head ("FAMSeg achieves", "the FAMSeg network outperformed")."""
    k = bisect_left(layout.word_starts, end)
    ws = layout.words
    if k < len(ws) and ws[k].text.lower() in vocabulary.generic_method_heads and not ws[k - 1].punct_after:
        k += 1
    return 0 < k < len(ws) and not ws[k - 1].punct_after and ws[k].text.lower() in _RESULT_VERBS


def _described_part(text: str) -> bool:
    """Whether a phrase describes a component rather than names a technique: lower case, and
    three words or a hyphenated modifier ("adaptive rejection thresholding", "per-modality
    adapters"; not "V-JEPA 2", "ReAct", "fractional programming", which a proposal uses)."""
    words = text.split()
    return text[:1].islower() and (len(words) >= 3 or any("-" in word for word in words[:-1]))


def _part_openers(layout: Layout, token: int, names: set[str]) -> tuple[int | None, int, list[int]]:
    """Where the parts of a proposal lie in ``token``'s sentence: from the first token of the
    first verb after a proposed name (or "we", "it") that gives it parts ("CLM uses a novel
    offloading strategy", "UniSurg introduces ...: 1) ...", None if there is none) to the first
    subordinate clause after it ("... whenever the auxiliary loss diverges"); and every means
    word after such a subject ("the SSUD module ... through adaptive thresholding")."""
    seen = False  # a proposed name, "we" or "it" came before
    verb, clause, means = None, len(layout.lowers), []
    for word in layout.sentence_words(token):
        lower = word.text.lower()
        if match_key(word.text) in names or lower in ("we", "it"):
            seen = True
        elif seen and verb is None and lower in _PART_VERBS:
            verb = word.start
        elif verb is not None and lower in _SUBORDINATORS:
            clause = min(clause, word.start)
        elif seen and lower in _MEANS_WORDS:
            means.append(word.start)
    return verb, clause, means


_SUBORDINATORS = {"whenever", "when", "while", "whereas", "because", "since", "although", "unless", "if"}


def select_candidates(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first, then by rule priority; sorted by position.

    >>> picked = select_candidates([Candidate(0, 1, "method", "shape"), Candidate(0, 2, "task", "head")])
    >>> [(c.start, c.end, c.type) for c in picked]
    [(0, 2, 'task')]
    """
    taken: set[int] = set()
    chosen = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.priority, c.start)):
        positions = range(candidate.start, candidate.end)
        if not taken.intersection(positions):
            taken.update(positions)
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


@Language.factory("kg_entities", default_config={"lexicon_dir": None})
def make_entity_tagger(nlp: Language, name: str, lexicon_dir: str | None) -> EntityTagger:
    lexicon = read_lexicon(Path(lexicon_dir)) if lexicon_dir else default_lexicon()
    return EntityTagger(lexicon, default_vocabulary())


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The default kg pipeline (built once per process)."""
    nlp = spacy.blank("en")
    # "(MAE)-guided": a closing bracket before a hyphen ends a token, or the acronym takes ")-guided" with it;
    # "Cohen's d=4.15", "(SD=15.5)": a measure's name ends at "=", "<", ">"
    infixes = [*nlp.Defaults.infixes, r"(?<=[0-9A-Za-z])[)\]](?=-)", r"(?<=[A-Za-z])[=<>≤≥≈](?=[-+.0-9])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.max_length = 50_000_000  # spaCy's limit guards parser memory; kg's rules are linear
    nlp.add_pipe("kg_final_stops")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_acronyms")
    nlp.add_pipe("kg_entities")
    return nlp
