"""Rules that find and type entity candidates in a tokenized, sentence-split Doc.

Each rule is a pure function of a :class:`Layout` (a Doc read once) and the word lists of
``kg/data/vocabulary.json``, returning :class:`Candidate` token ranges; :mod:`kg.nlp` wires
them into a spaCy component.
Rules work on *words*: whitespace-delimited runs of tokens with outer punctuation trimmed, so
"(BIG-MoE)," is the one word "BIG-MoE" while its tokens stay available to the matchers.

Typing follows the signals a reader uses, strongest first: a known name (lexicon), the
abstract's own acronym definition, the head word of the phrase ("... Module", "... dataset",
"... recognition", "... error rate"), and the context ("experiments on A, B and C").
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from importlib import resources

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LIKE_NUM, SENT_START, SPACY
from spacy.tokens import Doc

from .lexicon import Lexicon
from .normalize import is_name_shaped, match_key

# Rule sources, in the order their type wins when two candidates cover the same words.
LEXICON, ACRONYM, HEAD, CONTEXT, SHAPE = "lexicon", "acronym", "head", "context", "shape"
_PRIORITY = {LEXICON: 0, ACRONYM: 1, HEAD: 2, CONTEXT: 3, SHAPE: 4}
_OPENING = set("([{\"'“‘`")  # "``" opens a LaTeX quotation
_RELATION_SIGNS = set("=<>≤≥≈")
_SUFFIXES_OF_USE = ("-based", "-like", "-style", "-driven", "-guided", "-powered", "-inspired",
                    "-enhanced", "-augmented", "-aware", "-conditioned", "-assisted", "-free",
                    "-specific", "-level", "-wise", "-only", "-equipped", "-generated", "-family", "-series",
                    "-class", "-scale", "-sized", "-centric", "-oriented", "-agnostic", "-compatible",
                    "-ready", "-friendly")
_MAX_MODIFIERS = 5
_LIST_JOINERS = {",", "and", "or", "as well as", ", and"}
_EVALUATION_WORDS = {"experiment", "experiments", "evaluation", "evaluations", "evaluate",
                     "evaluated", "results", "tested", "test", "trained", "benchmark",
                     "benchmarks", "dataset", "datasets", "outperforms", "achieves", "performance"}
_ON_WORDS = {"on", "across", "over"}
_NOT_DATA_BEFORE_ON = {"based", "built", "relies", "rely", "relying", "depends", "depend", "focus",
                       "focuses", "focusing", "conditioned", "trained"}


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The word lists of ``kg/data/vocabulary.json`` as sets."""

    task_heads: frozenset[str]
    method_heads: frozenset[str]
    dataset_heads: frozenset[str]
    metric_heads: frozenset[str]
    generic_words: frozenset[str]
    function_words: frozenset[str]
    verbs: frozenset[str]
    proposal_verbs: frozenset[str]
    noun_markers: frozenset[str]  # "different design choices", "the present work": a proposal verb's noun or adjective
    stop_names: frozenset[str]
    generic_method_heads: frozenset[str]  # "model", "framework": need a telling modifier
    not_metrics: frozenset[str]  # "learning rate", "heart rate": rates that are not measures
    not_methods: frozenset[str]  # "presentation attacks": spoofs shown to a face system, not techniques
    metric_time_modifiers: frozenset[str]  # "inference time" is a metric, "long time" is not
    weak_task_heads: frozenset[str]  # "prediction", "reasoning": tasks only with a cue ("for ...")
    task_cues: frozenset[str]
    dataset_name_suffixes: frozenset[str]  # "ViMoNet-Bench", "RAF-DB"
    quantifiers: frozenset[str]  # "six DeepFake datasets" is no dataset name
    appositive_heads: frozenset[str]  # "Mantis, a novel framework"
    specific_component_heads: frozenset[str]  # "Multi-Stream Fusion head": the head is part of the name
    plural_part_heads: frozenset[str]  # "cross-attention layers": copies of a part, no technique of their own
    change_nouns: frozenset[str]  # "a reduction of 30%": a change of a measure, not the measure
    collection_units: frozenset[str]  # "INSPECT (19,402 patients)": what a counted collection holds
    concept_heads: frozenset[str]  # "Reversal Curse", "Game Theory", "Simplified Chinese": concepts, no methods
    measure_heads: frozenset[str]  # "topology accuracy": a metric even with no number in sight
    system_verbs: frozenset[str]  # "DEARLi outperforms ...": what outperforms is a method
    presenting_verbs: frozenset[str]  # "OmniStyle2 introduces ...", opening an abstract: the paper's own
    testing_verbs: frozenset[str]  # "PlanarBench tests whether ...", opening an abstract: its own benchmark
    closed_class: frozenset[str]  # words that never start or continue a capitalized name ("In", "The")
    metric_name_suffixes: frozenset[str]  # "FactScore", "Recall@K", "C-index"
    named_measure_heads: frozenset[str]  # "BLEU score", "Rand index": a name before them names the measure
    not_metric_modifiers: frozenset[str]  # "report accuracy": "report" is a noun elsewhere, never here
    example_types: dict  # "datasets such as A and B": plural noun -> type of the examples
    edition_words: frozenset[str]  # "Gemini 2.5 Pro", "Claude Sonnet 4.5": parts of a model's name
    data_heads: frozenset[str]  # "Whole Slide Image (WSI)": a kind of data, no method
    verb_like: frozenset[str]  # learned from word order in the corpus (scripts/build_word_classes.py)
    gradable: frozenset[str]  # "stable", "biased": describe, never part of a name (same script)
    descriptive_modifiers: frozenset[str]  # "unique", "dedicated", "latest": say how good or which, not what kind
    organisation_heads: frozenset[str]  # "National Science Foundation (NSF)": a body or a law, none of the four types
    device_heads: frozenset[str]  # "Unmanned Aerial Vehicle (UAV)", "Graphical User Interface (GUI)": a thing, no method
    place_words: frozenset[str]  # "Sub-Saharan Africa", "Middle East": a place is none of the four types
    proper_modifiers: frozenset[str]  # "Gaussian", "Kalman": capitalised, yet modify lower-case heads (same script)
    opening_words: frozenset[str]  # "To ...,", "Moreover,": open a sentence's introductory phrase
    property_measures: frozenset[str]  # "sensitivity to noise": how a thing reacts, a measure only with a number

    def ends_noun_phrase(self, lower: str) -> bool:
        """Whether the lower-case word ``lower`` is a function word or a verb, which no noun
        phrase goes on through."""
        return lower in self.function_words or lower in self.verbs or lower in self.verb_like

    def head_type(self, word: str) -> str | None:
        """The entity type a phrase ending in ``word`` has, by its head word."""
        word = word.lower()
        for entity_type, heads in (("metric", self.metric_heads), ("dataset", self.dataset_heads),
                                   ("task", self.task_heads), ("method", self.method_heads)):
            if word in heads:
                return entity_type
        return None


def _word_list(name: str) -> frozenset[str]:
    text = (resources.files("kg") / "data" / name).read_text("utf-8")
    return frozenset(w for w in text.splitlines() if w and not w.startswith("#"))


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    data = json.loads((resources.files("kg") / "data" / "vocabulary.json").read_text("utf-8"))
    example_types = {word: entity_type for entity_type, words in data["example_heads"].items() for word in words}
    # "GPUs", "LiDARs": the plural of a stop name ending in a capital or digit is one too
    data["stop_names"] += [name + "s" for name in data["stop_names"] if name[-1].isupper() or name[-1].isdigit()]
    return Vocabulary(**{name: frozenset(data[name]) for name in Vocabulary.__dataclass_fields__ if name in data},
                      example_types=example_types,
                      verb_like=_word_list("verb_like.txt"), gradable=_word_list("gradable.txt"),
                      proper_modifiers=_word_list("proper_modifiers.txt"))


class Word(NamedTuple):
    """A whitespace-delimited word with outer punctuation trimmed (token range [start, end)).

    A named tuple rather than a frozen dataclass: a Layout makes hundreds per abstract, and
    a tuple is several times cheaper to create.
    """

    start: int
    end: int
    text: str
    punct_before: bool  # punctuation was trimmed on the left ("(" or a quote)
    punct_after: bool  # punctuation was trimmed on the right ("," ")" "." ...)
    sentence_initial: bool


@dataclass(frozen=True, slots=True)
class Candidate:
    """A typed token range [start, end) proposed by one rule."""

    start: int
    end: int
    type: str
    source: str
    proposed: bool = False  # introduced by the paper ("we propose Mantis, ...")

    @property
    def priority(self) -> int:
        return _PRIORITY[self.source]


@dataclass(slots=True)
class Layout:
    """A Doc as the rules read it, built once per Doc: tokens, words and sentences."""

    text: str
    lowers: list[str]  # lower-case text of each token
    starts: list[int]  # character offset of each token
    ends: list[int]
    sentence_of: list[int]  # sentence number of each token
    bounds: list[int]  # first token of each sentence, then the number of tokens
    words: list[Word]
    word_starts: list[int]  # first token of each word, for finding a sentence's words
    sentences_with_numbers: set[int]
    evaluation_sentences: set[int]  # sentences about experiments ("experiments", "evaluated", ...)
    proposals: set[int]  # sentences where the authors introduce something ("we propose ...")

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens [start, end)."""
        return self.text[self.starts[start]:self.ends[end - 1]] if end > start else ""

    def sentence_words(self, token: int) -> list[Word]:
        """The words of the sentence that holds ``token``."""
        number = self.sentence_of[token]
        first = bisect_left(self.word_starts, self.bounds[number])
        last = bisect_left(self.word_starts, self.bounds[number + 1])
        return self.words[first:last]

    def sentence_lowers(self, token: int) -> list[str]:
        """Lower-case tokens of the sentence that holds ``token``."""
        number = self.sentence_of[token]
        return self.lowers[self.bounds[number]:self.bounds[number + 1]]

    def object_of_proposal(self, token: int, vocabulary: Vocabulary, reach: int = 8) -> bool:
        """Whether ``token`` is what a proposal verb shortly before it introduces ("we propose a
        novel X", not any name later in the sentence): no clause break in between, nor a "for"
        or "on" ("a pruning method for LLMs" is for prior work)."""
        sentence_start = self.bounds[self.sentence_of[token]]
        start = max(sentence_start, token - reach)
        k = token - 1
        while k >= start:
            if proposes_at(self.lowers, k, sentence_start, vocabulary):
                return True
            if self.lowers[k] == "," and k > sentence_start and self.lowers[k - 1] in vocabulary.generic_method_heads:
                start = max(sentence_start, k - reach)  # "we propose a new prompting method, QG-CoC": its name
            elif self.lowers[k] in (",", ";", ":", "which", "that", "to", "where", "while", "whereas", "for", "on"):
                return False
            k -= 1
        return False


if not Doc.has_extension("kg_text"):
    Doc.set_extension("kg_text", default=None)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy joins the tokens anew on every access.

    :func:`kg.extract.extract` sets it from the input text, which the tokenizer keeps exactly.

    >>> import spacy
    >>> doc_text(spacy.blank("en")("We use (CLIP)  twice."))
    'We use (CLIP)  twice.'
    """
    text = doc._.kg_text
    if text is None:
        text = doc._.kg_text = doc.text
    return text


# token attributes make_layout reads, taken from the Doc in one array instead of token by token
_TOKEN_ATTRS = [IDX, LENGTH, SPACY, SENT_START, IS_PUNCT, IS_SPACE, LIKE_NUM]
_POSSESSIVES = ("'s", "’s")


def make_layout(doc: Doc, vocabulary: Vocabulary) -> Layout:
    """Read ``doc`` once into a :class:`Layout`."""
    text = doc_text(doc)
    n = len(doc)
    columns = doc.to_array(_TOKEN_ATTRS).T.tolist() if n else [[] for _ in _TOKEN_ATTRS]
    starts, lengths, space_after, sent_start, punct, space, like_num = columns
    ends = [start + length for start, length in zip(starts, lengths)]
    texts = [text[start:end] for start, end in zip(starts, ends)]
    lowers = [t.lower() for t in texts]  # what spaCy's LOWER is, without a string-store look-up per token
    sentence_of, sentence_starts = [], []
    for i in range(n):
        if i == 0 or sent_start[i] == 1:
            sentence_starts.append(i)
        sentence_of.append(len(sentence_starts) - 1)
    # a line break or double space is a token of its own: a word ends before and after it
    breaks = [bool(space_after[i] or space[i] or (i + 1 < n and space[i + 1])) for i in range(n)]
    for i in range(n):  # "d=4.15", "p<0.05": a relation sign separates words
        if texts[i] in _RELATION_SIGNS:
            breaks[i] = True
            if i:
                breaks[i - 1] = True
        elif texts[i] in (")", "]") and i + 1 < n and texts[i + 1].startswith("-"):
            breaks[i] = True  # "(LLM)-based": the word in brackets ends at the bracket
    for i in range(n - 2):  # "three benchmarks-Camelyon16, TCGA-NSCLC": a hyphen for a dash after a plural noun
        if texts[i + 1] == "-" and lowers[i] in vocabulary.example_types and texts[i + 2][:1].isupper():
            breaks[i] = breaks[i + 1] = True
    edges = [bool(punct[i] or space[i]) or texts[i] in _OPENING or texts[i] in _RELATION_SIGNS
             or lowers[i] in _POSSESSIVES for i in range(n)]
    words = _split_words(text, starts, ends, breaks, edges, set(sentence_starts))
    return Layout(
        text, lowers, starts, ends, sentence_of, [*sentence_starts, n], words,
        word_starts=[w.start for w in words],
        sentences_with_numbers={sentence_of[i] for i in range(n) if like_num[i]},
        evaluation_sentences={sentence_of[i] for i, w in enumerate(lowers) if w in _EVALUATION_WORDS},
        proposals=_proposal_sentences(lowers, sentence_starts, vocabulary),
    )


def _split_words(text: str, starts: list[int], ends: list[int], breaks: list[bool], edges: list[bool],
                 sentence_starts: set[int]) -> list[Word]:
    result: list[Word] = []
    start, n = 0, len(breaks)
    loose_punct = False  # a chunk of punctuation alone ("DIET ( Difficulty-Aware Training )")
    while start < n:
        end = start + 1
        while end < n and not breaks[end - 1]:
            end += 1
        first, last = start, end
        while first < last and edges[first]:
            first += 1
        while last > first and edges[last - 1]:
            last -= 1
        if first < last:
            result.append(Word(first, last, text[starts[first]:ends[last - 1]], punct_before=first > start or loose_punct,
                               punct_after=last < end,
                               sentence_initial=start in sentence_starts or first in sentence_starts))
            loose_punct = False
        else:
            loose_punct = True
            if result and not result[-1].punct_after:
                previous = result[-1]
                result[-1] = Word(previous.start, previous.end, previous.text, previous.punct_before, True,
                                  previous.sentence_initial)
        start = end
    return result


def _proposal_sentences(lowers: list[str], sentence_starts: list[int], vocabulary: Vocabulary) -> set[int]:
    """Sentences where the authors introduce something: "we propose", "this paper presents"."""
    found = set()
    bounds = [*sentence_starts, len(lowers)]
    for number, (start, end) in enumerate(zip(bounds, bounds[1:])):
        sentence = lowers[start:end]
        authors = "we" in sentence or "our" in sentence or any(
            a == "this" and b in ("paper", "work", "study", "article") for a, b in zip(sentence, sentence[1:]))
        if authors and has_proposal_verb(sentence, vocabulary):
            found.add(number)
    return found


def has_proposal_verb(lowers: list[str], vocabulary: Vocabulary) -> bool:
    """Whether the lower-case words hold a proposal verb used as a verb: "we design", "is
    presented", "our proposed method", but not "under different design choices" nor "in the
    present work"."""
    return any(proposes_at(lowers, k, 0, vocabulary) for k in range(len(lowers)))


def proposes_at(lowers: list[str], k: int, start: int, vocabulary: Vocabulary) -> bool:
    """Whether ``lowers[k]`` is a proposal verb used as a verb, in a sentence from ``start``:
    a participle always is ("the proposed method"), another form not after a determiner or an
    adjective (``noun_markers``)."""
    word = lowers[k]
    return word in vocabulary.proposal_verbs and (
        word.endswith("ed") or k == start or lowers[k - 1] not in vocabulary.noun_markers)


def words(doc: Doc) -> list[Word]:
    """Split ``doc`` into :class:`Word` s.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> [w.text for w in words(nlp("We use (BIG-MoE), CLIP's encoder."))]
    ['We', 'use', 'BIG-MoE', 'CLIP', 'encoder']
    """
    return make_layout(doc, default_vocabulary()).words


@lru_cache(maxsize=1 << 18)
def is_url(text: str) -> bool:
    """True for a word that is a web address."""
    lower = text.lower()
    return "://" in lower or lower.startswith("www.") or bool(re.search(r"\.(com|org|io|net|ai)/", lower))


def _is_capitalized(word: Word, vocabulary: Vocabulary) -> bool:
    # "Robust Interval Search": adjectives belong to names; only closed-class words do not
    return word.text[:1].isupper() and word.text.lower() not in vocabulary.closed_class


@lru_cache(maxsize=1 << 18)
def _usage_stem(text: str) -> str | None:
    """The name in "CLIP-based", "Transformer-like", "VAE-decoded": what comes before a usage
    suffix or a participle."""
    for suffix in _SUFFIXES_OF_USE:  # lower case only: "Frequency-Aware Scan" is a name
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    stem, _, tail = text.rpartition("-")
    if stem and tail.isalpha() and tail.islower() and tail.endswith(("ed", "ing")) and len(tail) > 4 \
            and any(ch.isupper() for ch in stem):
        return stem
    return None


def _tokens_within(layout: Layout, word: Word, n_chars: int) -> int:
    """End of the tokens of ``word`` that lie within its first ``n_chars`` characters."""
    limit = layout.starts[word.start] + n_chars
    end = word.start
    while end < word.end and layout.ends[end] <= limit:
        end += 1
    return end


def _names_a_quantity(layout: Layout, end: int) -> bool:
    """Whether the words before token ``end`` are the symbol of a quantity ("(SD=15.5)", "N=8"):
    a relation sign follows them."""
    return end < len(layout.lowers) and layout.lowers[end] in _RELATION_SIGNS


_TOWARDS = {"to", "towards", "toward", "against"}


def _names_a_property(layout: Layout, end: int, vocabulary: Vocabulary) -> bool:
    """Whether a measure's name before token ``end`` says how something reacts instead:
    "sensitivity to noise", "robustness against attacks" (but not "sensitivity to 95%", nor a
    distance: "relative entropy to the Gaussian law")."""
    return end + 1 < len(layout.lowers) and layout.lowers[end - 1] in vocabulary.property_measures \
        and layout.lowers[end] in _TOWARDS and not any(ch.isdigit() for ch in layout.lowers[end + 1])


def _possessive_between(layout: Layout, left: Word, right: Word) -> bool:
    """Whether only a possessive separates two words: "Cohen's d", "Cramer's V", "Fleiss' kappa"
    are one name."""
    between = layout.text[layout.ends[left.end - 1]:layout.starts[right.start]]
    return between in ("'s ", "’s ") or (between in ("' ", "’ ") and left.text.endswith("s"))


# lower-case words no name starts with: question words, articles, possessives, prepositions
_NO_NAME_START = {"how", "what", "which", "where", "when", "why", "who", "whose", "the", "a", "an", "this", "these",
                  "those", "its", "our", "their", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and", "or"}


def lexicon_candidates(layout: Layout, lexicon: Lexicon, vocabulary: Vocabulary) -> list[Candidate]:
    """Known terms, matched on runs of words by :func:`match_key`, so that case, plural, hyphen
    and space variants all match ("multi-layer perceptrons" = "Multilayer Perceptron",
    "Skeleton-based action recognition" = "Skeleton Based Action Recognition"). A run may end
    in the stem of "CLIP-based". Single generic words and stop names are never terms, nor is
    a run from a lower-case question word, article or preposition: "how long" is no "HOWS long"."""
    ws = layout.words
    keys = [match_key(w.text) for w in ws]
    found = []
    for i in range(len(ws)):
        key = ""
        for j in range(i, min(i + lexicon.longest, len(ws))):
            if j > i and (ws[j - 1].punct_after or ws[j].punct_before) and not _possessive_between(layout, ws[j - 1], ws[j]):
                break
            ends = [(keys[j], ws[j].end)]
            stem = _usage_stem(ws[j].text)
            if stem is not None:
                ends.append((match_key(stem), _tokens_within(layout, ws[j], len(stem))))
            for word_key, end in ends:
                if end <= ws[i].start or not lexicon.has_key(key + word_key):
                    continue  # "LLaMA\\-based" is one token: its stem holds no whole token
                text = layout.span_text(ws[i].start, end)
                # the type of the terms it may name, even two of one type ("SAM" is two known methods)
                entity_type = lexicon.shared_type_key(key + word_key, text, words=j - i + 1)
                if entity_type is not None and text.lower() not in vocabulary.generic_words \
                        and text not in vocabulary.stop_names and ws[i].text not in _NO_NAME_START \
                        and (not _names_a_property(layout, end, vocabulary) if entity_type == "metric" else not _names_a_quantity(layout, end)) \
                        and not (entity_type == "task" and j == i and text.islower() and not _has_task_cue(ws, i, j, vocabulary.task_cues)):
                    # a one-word task ("denoising", "decision-making") is as vague as a bare task
                    # head: a task only where the text says so ("for denoising", "the denoising task")
                    found.append(Candidate(ws[i].start, end, entity_type, LEXICON))
            key += keys[j]
            if not lexicon.has_prefix(key):
                break
    return found


def name_phrases(ws: list[Word], vocabulary: Vocabulary) -> list[tuple[int, int]]:
    """Runs of words that form a name: ``(first word index, last word index + 1)`` pairs.

    A run is made of name-shaped or capitalized words with no punctuation between them, and
    counts when it holds a name-shaped word or at least two capitalized words; an ordinary
    capitalized word at the start of a sentence does not start a run.
    """
    runs = []
    i = 0
    while i < len(ws):
        j = i
        while j < len(ws):
            word = ws[j]
            if is_url(word.text):
                break
            shaped = is_name_shaped(word.text) and word.text not in vocabulary.stop_names
            capital = _is_capitalized(word, vocabulary) and word.text not in vocabulary.stop_names
            if j == i and word.sentence_initial and not shaped:
                break
            if not (shaped or capital) or (j > i and (ws[j - 1].punct_after or word.punct_before)):
                break
            j += 1
            if _usage_stem(word.text) is not None:  # "CLIP-based rPPG": the name ends at the suffix
                break
        if j > i:
            shaped_count = sum(is_name_shaped(w.text) for w in ws[i:j])
            if shaped_count == j - i > 1:  # "DINOv2 ViT": two names side by side
                runs.extend((k, k + 1) for k in range(i, j))
            elif shaped_count or j - i >= 2:
                runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _in_evaluation_context(layout: Layout, index: int, walked: dict[int, bool]) -> bool:
    """True when the word list that word ``index`` belongs to follows "on"/"across" in an evaluation sentence.

    ``walked`` keeps the answer found from each word walked back over, for the next names of the
    same list: a walk from each name of a long list to its start is quadratic in the list.
    """
    ws = layout.words
    sentence = layout.sentence_of[ws[index].start]
    path = []
    found = False
    k = index - 1
    while k >= 0 and layout.sentence_of[ws[k].start] == sentence:
        if k in walked:
            found = walked[k]
            break
        path.append(k)
        text = ws[k].text.lower()
        if text in _ON_WORDS:
            before = ws[k - 1].text.lower() if k > 0 else ""
            found = sentence in layout.evaluation_sentences and before not in _NOT_DATA_BEFORE_ON \
                and not (text == "over" and _compares_before(layout, ws[k].start))
            break
        if text in ("and", "or", "the") or ws[k].punct_after or \
                is_name_shaped(ws[k].text) or ws[k].text[:1].isupper():
            k -= 1
            continue
        break
    walked.update(dict.fromkeys(path, found))
    return found


def used_as_data(layout: Layout, name: str, long_start: int, vocabulary: Vocabulary) -> bool:
    """Whether the abstract uses the acronym ``name``, defined by a long form from token
    ``long_start``, as data somewhere: where experiments run on it ("experiments on LFW and
    AgeDB"), before a dataset word ("the Human Connectome Project (HCP) dataset", "the TCGA
    cohort"), or as where data come from ("MRI scans from the Alzheimer's Disease Neuroimaging
    Initiative (ADNI)")."""
    ws = layout.words
    walked: dict[int, bool] = {}
    for k, word in enumerate(ws):
        if word.start == long_start and (_in_evaluation_context(layout, k, walked)
                                         or _data_source_at(layout, k, vocabulary)):
            return True
        if word.text != name:
            continue
        closes = word.punct_after and layout.lowers[word.end:word.end + 1] == [")"]  # "(HCP) dataset"
        after = ws[k + 1].text.lower() if k + 1 < len(ws) and (closes or not word.punct_after) else ""
        if after in vocabulary.dataset_heads or after == "cohort" or _in_evaluation_context(layout, k, walked):
            return True
    return False


def _data_source_at(layout: Layout, index: int, vocabulary: Vocabulary) -> bool:
    """Whether the name at word ``index`` follows "from (the)" after a kind of data or its units
    ("T1-weighted MRI scans from the ...", "trajectories from ...")."""
    ws = layout.words
    k = index - 1
    if k >= 0 and ws[k].text.lower() == "the":
        k -= 1
    if k < 1 or ws[k].text.lower() != "from" or ws[k].punct_after:
        return False
    return any(w.text.lower() in vocabulary.data_heads or w.text.lower() in vocabulary.collection_units
               for w in ws[max(k - 3, 0):k])


def _counted_in_brackets(layout: Layout, end: int, vocabulary: Vocabulary) -> bool:
    """Whether a bracket after token ``end`` counts what a collection holds: "INSPECT (19,402
    pulmonary embolism patients)", "Memorial Sloan Kettering (23,319 oncology patients; ...)"."""
    lowers = layout.lowers
    if not (end + 1 < len(lowers) and lowers[end] == "(" and _COUNT.fullmatch(lowers[end + 1])):
        return False
    for word in lowers[end + 2:end + 7]:
        if word in vocabulary.collection_units:
            return True
        if word in (")", ";", ","):
            return False
    return False


_COUNT = re.compile(r"\d[\d,.]*[km]?\+?")
_COMPARISON_WORDS = {"improves", "improve", "improved", "improvement", "improvements", "outperforms", "outperform",
                     "surpasses", "surpass", "gains", "gain", "advantage", "better", "superior"}


def _compares_before(layout: Layout, token: int) -> bool:
    """Whether a comparison comes shortly before ``token`` in its sentence: what follows "over"
    then is a baseline ("CascadeWarp improves the DSC over VoxelMorph"), not the data
    ("protocols over OULU-NPU")."""
    start = max(layout.bounds[layout.sentence_of[token]], token - 12)  # a window: one long sentence stays linear
    return any(w in _COMPARISON_WORDS for w in layout.lowers[start:token])


def _is_number(text: str) -> bool:
    """Whether a word is a number, signed or with its error ("+2.5", "41.91+-2.94"): the name-shaped
    word after it is its unit ("3.06 dB", "40 GB")."""
    return any(ch.isdigit() for ch in text) and not any(ch.isalpha() for ch in text)


def name_candidates(layout: Layout, vocabulary: Vocabulary, lexicon: Lexicon,
                    defined_types: dict[str, str | None]) -> list[Candidate]:
    """Typed candidates for name-like phrases: "PhysMamba", "NTU-RGB+D 60", "Trace Injection Module".

    ``defined_types`` maps :func:`match_key` of acronyms and long forms defined in this abstract
    to their type.
    """
    ws = layout.words
    candidates = []
    walked: dict[int, bool] = {}
    # ends of defined names: "Slide Image" inside "Whole Slide Image (WSI)" is no name of its own
    defined_tails = {key[i:] for key in defined_types for i in range(len(key))}
    # "Health Insurance Portability and Accountability Act (HIPAA)": a long form that is none of
    # the four types has no parts that are
    untyped = [key for key, entity_type in defined_types.items() if entity_type is None]
    proposed_titles: set[str] = set()
    for i, j in name_phrases(ws, vocabulary):
        start, end = ws[i].start, ws[j - 1].end
        text = layout.span_text(start, end)
        if text in vocabulary.stop_names:
            continue  # "on GitHub and Hugging Face": no dataset, though the words make a name
        stem = _usage_stem(ws[j - 1].text)
        if stem is not None:  # "CLIP-based": the name is the stem
            end = _tokens_within(layout, ws[j - 1], len(stem))
            if end <= start:
                continue
            text = layout.span_text(start, end)
            if text in vocabulary.stop_names:
                continue  # "AI-based tools", "GPU-accelerated": no name
        name_words = j - i
        # a number right after a name belongs to it: "NTU-RGB+D 60", "CIFAR 100"
        if j < len(ws) and not ws[j - 1].punct_after and ws[j].text.isdigit() and len(ws[j].text) <= 4 \
                and is_name_shaped(ws[j - 1].text):
            end = ws[j].end
            j += 1
            text = layout.span_text(start, end)
        next_word = ws[j].text.lower() if j < len(ws) and not ws[j - 1].punct_after else ""
        previous_word = ws[i - 1].text.lower() if i > 0 and not ws[i].punct_before else ""
        last_word = ws[j - 1].text.lower() if stem is None else ""
        entity_type, source = _type_of_name(text, previous_word, next_word, last_word, vocabulary, lexicon,
                                            defined_types)
        key = match_key(text)
        # a name the abstract defines as none of the four is none, even where data is named
        if entity_type is None and key not in defined_types and (_in_evaluation_context(layout, i, walked)
                                                                 or _counted_in_brackets(layout, end, vocabulary)):
            entity_type, source = "dataset", CONTEXT
        after_number = i > 0 and not ws[i].punct_before and _is_number(ws[i - 1].text)
        last_part = ws[j - 1].text.lower().rsplit("-", 1)[-1]
        if entity_type is None and key not in defined_tails and not (name_words == 1 and after_number) and (
                (any(is_name_shaped(w.text) and not w.text.isupper() for w in ws[i:j]) and is_name_shaped(text))
                or (j - i >= 2 and not ws[i].sentence_initial
                    and _titled_name(layout, i, key, last_part, proposed_titles, vocabulary))) \
                and not _modifies_a_name(text, vocabulary) \
                and last_part not in vocabulary.place_words \
                and last_part not in vocabulary.concept_heads \
                and not any(w.text.lower() in vocabulary.organisation_heads for w in ws[i:j]) \
                and not any(key in long for long in untyped):
            # "Reliability Filter" mid-sentence; not "human-AI", nor "the U.S. Supreme Court"
            entity_type, source = "method", SHAPE
        if entity_type is None or (entity_type != "metric" and _names_a_quantity(layout, end)):
            continue
        if entity_type == "method" and next_word in vocabulary.specific_component_heads \
                and (name_words >= 2 or source == HEAD and text.isupper() and not lexicon.is_known(text)):
            # "Temporal Difference Mamba block", "Multi-Stream Fusion head" keep their head, and so
            # does an acronym known only by the part it labels ("a KV gate"), but not "the CLIP encoder"
            # or "the SAM encoder" (known names) nor "the FAMSeg network" (a coined one)
            end = ws[j].end
        candidates.append(Candidate(start, end, entity_type, source))
    return _propagate_list_types(layout, candidates)


_INDEFINITE_ARTICLES = {"a", "an"}


def _titled_name(layout: Layout, i: int, key: str, last_part: str, proposed_titles: set[str],
                 vocabulary: Vocabulary) -> bool:
    """Whether capitalised plain words from word ``i`` mid-sentence (``key`` their match key,
    ``last_part`` their last word's last part) are a name: they end in a head word ("Reliability
    Filter"), an article presents them ("a Spectral Teacher"), or a sentence that proposes names
    them ("we introduce Scaffold Diffusion"; every later "Scaffold Diffusion" too, kept in
    ``proposed_titles``). Capitals alone are emphasis: "Evaluation Criteria", "Multiple
    Programming Languages"."""
    ws = layout.words
    if key in proposed_titles or vocabulary.head_type(last_part) or (
            i > 0 and not ws[i].punct_before and not ws[i - 1].punct_after
            and ws[i - 1].text.lower() in _INDEFINITE_ARTICLES):
        return True
    if layout.sentence_of[ws[i].start] in layout.proposals:
        proposed_titles.add(key)
        return True
    return False


_PREFIXED_COMPOUND = re.compile(r"(?:non|human|multi|cross|inter|intra|pre|post|anti|sub|semi|un|over|under|bi|co)-[A-Z]")


def _modifies_a_name(text: str, vocabulary: Vocabulary) -> bool:
    """Whether a lower-case prefix makes ``text`` a modifier of a name rather than a name:
    "human-AI", "non-English", "multi-LLM", an adjective's "long-CoT", "lowest-HES", and a
    direction "GPU-to-CPU", "Earth-to-Moon" (a known "Text-to-SQL" comes from the lexicon), and
    things that are no names joined: "camera-LiDAR", "GPU-CPU"."""
    if _PREFIXED_COMPOUND.match(text) or ("-to-" in text and " " not in text):
        return True
    parts = text.split("-")
    if len(parts) > 1 and " " not in text and any(p in vocabulary.stop_names for p in parts) \
            and all(p in vocabulary.stop_names or p.islower() for p in parts):
        return True  # "camera-LiDAR", "GPU-CPU": a pair of things that are no names
    prefix, _, rest = text.partition("-")
    return prefix.isalpha() and prefix.islower() and rest[:1].isupper() and (
        prefix in vocabulary.gradable or prefix in vocabulary.function_words
        or prefix in vocabulary.descriptive_modifiers or prefix.endswith("est"))
_VERSIONED = re.compile(r"([A-Za-z][A-Za-z\-]*?[A-Za-z])-?v?\d+(?:\.\d+)*[a-zA-Z]?(?:-\S*)?")  # "GPT" of "GPT-4.1"
_SIZE_SUFFIX = re.compile(r"-\d+(?:\.\d+)?[KM]$|(?<=[A-Z])\d+[K]$")  # "UniSurg-15M", "TSOD10K": a collection's size
# "DeepSeek-R1-7B", "GPT-4.1-mini": a model's size or edition
_MODEL_SUFFIX = re.compile(r"-\d+(?:\.\d+)?B$|-(?:mini|nano|tiny|small|base|large|xl|xxl|instruct|chat|turbo|pro)$",
                           re.I)
# "CLIP-L", "SAM-H", "ViT-B", "DiT-XL": a scale of a model family, by its letter
_SCALE_LETTERS = re.compile(r"(.+)-(?:Ti|T|S|M|B|L|H|G|XL|XXL)")


def versioned_base(text: str) -> str | None:
    """The name a versioned name is a version of: "GPT" for "GPT-4.1", "Qwen" for "Qwen2.5-VL".

    >>> versioned_base("GPT-4.1"), versioned_base("Mantis")
    ('GPT', None)
    """
    match = _VERSIONED.fullmatch(text)
    return match.group(1) if match else None


def _names_a_kind(previous_word: str, next_word: str, vocabulary: Vocabulary) -> bool:
    """Whether a name between these words is a kind of thing, not one: "on the OULU-NPU and
    CASIA-FASD datasets" names two; "six DeepFake datasets", "across DeepFake datasets",
    "on OOD benchmarks", "low-resource ASR corpora" name a kind of data."""
    plural = next_word.endswith("s") and next_word not in ("corpus", "suites") or next_word == "corpora"
    return previous_word in vocabulary.quantifiers or previous_word.isdigit() or \
        (plural and previous_word not in ("and", "or", ","))


def _type_of_name(text: str, previous_word: str, next_word: str, last_word: str, vocabulary: Vocabulary,
                  lexicon: Lexicon, defined_types: dict[str, str | None]) -> tuple[str | None, str]:
    counted = _names_a_kind(previous_word, next_word, vocabulary)
    if next_word in vocabulary.dataset_heads and not counted:
        return "dataset", HEAD
    term = lexicon.lookup(text)
    if term is not None:
        defined = defined_types.get(match_key(text), term.type)
        # the abstract's own definition decides: "colorectal cancer (CRC)" is no CRC dataset
        return (term.type, LEXICON) if defined == term.type else (defined, ACRONYM)
    if "-" in text and ((term := lexicon.lookup(text.split("-", 1)[0])) is not None and term.type == "metric"
                        or text.rsplit("-", 1)[1].lower() in vocabulary.measure_heads):
        # "mAP-IVT", "F1-macro", "Pixel-AUROC": a variant of a known measure ("Agent-Dice" and
        # "SegEarth-R2" end in a measure's name but are models, as only unambiguous measures tell)
        return "metric", LEXICON
    base = versioned_base(text)
    if base is not None and (term := lexicon.lookup(base)) is not None and term.type == "method":
        return "method", LEXICON  # "GPT-4.1", "Qwen2.5-VL", "Llama-3.1": a version of a known model
    scaled = _SCALE_LETTERS.fullmatch(text)
    if scaled and lexicon.shared_type_key(match_key(scaled.group(1)), scaled.group(1)) == "method":
        return "method", LEXICON
    family = lexicon.family_type(text)
    if family is not None:
        return family, LEXICON  # "MIMIC-IV", "COCO-2017": a release of a known dataset
    if match_key(text) in defined_types:  # typed by its definition, or not at all
        return defined_types[match_key(text)], ACRONYM
    core = _MODEL_SUFFIX.sub("", text)  # "JudgeBench-Pro", "MMLU-Pro": an edition of a benchmark
    if _SIZE_SUFFIX.search(text) or any(core.endswith(s) and len(core) > len(s) + 1
                                        for s in vocabulary.dataset_name_suffixes):
        return "dataset", HEAD
    if _MODEL_SUFFIX.search(text):
        return "method", HEAD
    if any(text.endswith(s) and len(text) > len(s) for s in vocabulary.metric_name_suffixes):
        return "metric", HEAD
    for word in (last_word, next_word):
        head = vocabulary.head_type(word) if word else None
        if head and not (head == "dataset" and counted) and (head != "task" or word == last_word) \
                and (head != "metric" or word == last_word or word in vocabulary.named_measure_heads):
            # "Semantic Scene Completion" names a task, "X recognition" uses X; "BLEU score"
            # names a measure, "GPT-4 accuracy" and "sub-Nyquist rates" measure something else
            return head, HEAD
    return None, SHAPE


def _propagate_list_types(layout: Layout, candidates: list[Candidate]) -> list[Candidate]:
    """Give a coordinated list ("A, B and C datasets") the type its strongest member has by context."""
    ordered = sorted(candidates, key=lambda c: c.start)
    groups: list[list[Candidate]] = []
    for candidate in ordered:
        if groups:
            previous = groups[-1][-1]
            between = layout.text[layout.ends[previous.end - 1]:layout.starts[candidate.start]].strip().lower()
            if between in _LIST_JOINERS:
                groups[-1].append(candidate)
                continue
        groups.append([candidate])
    result = []
    for group in groups:
        strong = [c for c in group if c.source in (LEXICON, HEAD, CONTEXT) and c.type == "dataset"]
        for candidate in group:
            if strong and candidate.source == SHAPE:
                candidate = Candidate(candidate.start, candidate.end, "dataset", CONTEXT)
            result.append(candidate)
    return result


def head_phrase_candidates(layout: Layout, vocabulary: Vocabulary, lexicon: Lexicon | None = None,
                           defined_modifiers: frozenset[str] | set[str] = frozenset()) -> list[Candidate]:
    """Descriptive phrases typed by their head word: tasks ("cross-domain few-shot segmentation"),
    methods ("region-lifted preference mechanism") and metrics ("success rate").

    A phrase is the head word and up to five modifier words before it (:func:`_is_modifier`).
    A bare head word is too vague to be a node, unless it is a hyphenated task ("anti-spoofing");
    a generic method head ("model", "framework") needs a modifier that is not a task word
    ("diffusion model" yes, "segmentation model" no); a metric phrase needs a number in its
    sentence, since metrics are reported, not discussed. Acronyms the abstract defines (as
    anything but a dataset or method) may modify: "WSI classification", "UHD demoireing". A
    phrase that ends in a known term has that term's type: "vision-language representation
    learning" is a task because "representation learning" is.
    """
    ws = layout.words
    candidates = []
    task_ends: set[int] = set()  # where the tasks found so far end, for the lists they start
    for index, word in enumerate(ws):
        head = word.text.lower()
        entity_type = vocabulary.head_type(head)
        if entity_type not in ("task", "method", "metric"):
            continue
        first = index
        while first > 0 and index - first < _MAX_MODIFIERS and not ws[first].punct_before \
                and not ws[first - 1].punct_after:
            after_subject = first >= 2 and ws[first - 2].text.lower() in _SUBJECTS and not ws[first - 2].punct_after
            if after_subject:
                break  # "we report accuracy": the word after a subject is its verb
            if first >= 2 and ws[first - 2].text.lower() in _AUXILIARIES and not ws[first - 2].punct_after \
                    and ws[first - 1].text.lower().endswith("ed"):
                break  # "JEPAs have revolutionized representation learning": a participle after "have" is a verb
            if entity_type == "metric" and ws[first - 1].text.lower() in vocabulary.not_metric_modifiers:
                break
            if _is_modifier(ws[first - 1], word, vocabulary) or match_key(ws[first - 1].text) in defined_modifiers:
                first -= 1
            elif first < index and _manner_adverb(ws[first - 1], ws[first], word, vocabulary):
                first -= 1  # "dynamically weighted loss", "fully convolutional network"
            elif first == index and _gerund_after_determiner(ws, first - 1, vocabulary):
                first -= 1  # "a novel offloading strategy": a verb-like "-ing" word the determiner makes a noun
            elif head in vocabulary.specific_component_heads and first - 2 >= 0 and first < index \
                    and ws[first - 1].text == "and" \
                    and not ws[first - 2].punct_after and _is_modifier(ws[first - 2], word, vocabulary) \
                    and vocabulary.head_type(ws[first - 2].text.lower()) != entity_type \
                    and not (lexicon is not None and lexicon.is_known(ws[first - 2].text)):
                # "feature alignment and fusion module": coordinated modifiers of one part, but
                # "training loss and validation loss", "kappa and training loss" are two things
                first -= 2
            else:
                break
        if entity_type == "task":
            while first < index and ws[first].text.lower().endswith(("-based", "-driven")):
                first += 1  # "learning-based organelle segmentation": the task is the rest
            if head in vocabulary.weak_task_heads and not _has_task_cue(ws, first, index, vocabulary.task_cues) \
                    and not _listed_after_a_task(layout, first, task_ends):
                continue
        if entity_type != "metric" and index + 1 < len(ws) and not word.punct_after \
                and ws[index + 1].text.lower() in _COMPOUND_TAILS:
            continue  # "prohibitive training cost", "LLM-powered learning tools": the head modifies a noun
        modifiers = [w.text.lower() for w in ws[first:index]]
        phrase = " ".join([*modifiers, head])
        after_name = index > 0 and not ws[index - 1].punct_after and is_name_shaped(ws[index - 1].text)
        if not modifiers and not (entity_type == "task" and ("-" in head or after_name)):
            continue  # a bare head is vague, unless "anti-spoofing" or "ImageNet classification"
        if modifiers and layout.span_text(ws[first].start, word.end) in vocabulary.stop_names:
            continue  # "Unreal Engine": a product, though its head is a method's
        if entity_type == "method" and (phrase in vocabulary.not_methods or head in vocabulary.plural_part_heads
                                        or head in vocabulary.specific_component_heads
                                        and all(m in vocabulary.data_heads for m in modifiers)):
            # "presentation attacks"; "adapter layers", "candidate blocks" (a known "cross-attention"
            # stays); "vision encoder", "text decoder": the part every such model has, named by its input
            continue
        proposed = False
        if entity_type == "method" and head in vocabulary.generic_method_heads \
                and (lexicon is None or not _kind_of_known(layout, first, index, lexicon, vocabulary)):
            # "backbone models", "label-free approach": names come from lexicons and name rules,
            # but a kind of a known model is one ("multimodal language model", "discrete diffusion
            # model", "graph convolution networks"; not "training language models", where
            # "training" is the verb), and so is what the authors propose ("we propose a two-pass
            # evaluation method")
            described = " ".join(w.text for w in ws[first:index])
            proposed = layout.sentence_of[word.start] in layout.proposals and head in _SINGULAR_GENERIC_HEADS \
                and layout.object_of_proposal(ws[first].start, vocabulary) \
                and not all(m in vocabulary.generic_words for m in modifiers) \
                and (len(modifiers) >= 2 or "-" in described) \
                and not (lexicon is not None and lexicon.is_known(described))
            # not "a formal framework" (one plain word) nor "a self-supervised learning approach" (a known one)
            if not proposed:
                continue
        if all(m in vocabulary.generic_words for m in modifiers) and head in vocabulary.generic_words:
            continue  # "feature representation", "training strategy"
        if entity_type == "metric" and (
                phrase in vocabulary.not_metrics or any(phrase.endswith(" " + n) for n in vocabulary.not_metrics)
                or (head == "time" and modifiers[-1] not in vocabulary.metric_time_modifiers)
                or (head not in vocabulary.measure_heads and layout.sentence_of[word.start] not in layout.sentences_with_numbers)):
            continue
        known = _known_tail(ws[first:index + 1], lexicon) if lexicon is not None else None
        end = _object_end(ws, index, vocabulary) if (known or entity_type) == "task" else word.end
        candidates.append(Candidate(ws[first].start, end, known or entity_type, HEAD, proposed=proposed))
        if (known or entity_type) == "task":
            task_ends.add(end)
    return candidates


def _listed_after_a_task(layout: Layout, first: int, task_ends: set[int]) -> bool:
    """Whether the phrase starting at word ``first`` is the next item of a list of tasks: "on
    toxicity detection, target group identification" names two tasks, though "identification"
    alone is too vague to be one."""
    ws = layout.words
    if first >= 1 and ws[first - 1].punct_after and layout.lowers[ws[first - 1].end] == ",":
        return ws[first - 1].end in task_ends
    return first >= 2 and ws[first - 1].text in ("and", "or") and not ws[first - 1].punct_before \
        and ws[first - 2].end in task_ends


_MAX_OBJECT_WORDS = 3


def _object_end(ws: list[Word], index: int, vocabulary: Vocabulary) -> int:
    """End of a task phrase with what it is done to: "semantic segmentation of 3D LiDAR data",
    "emotion recognition of song lyrics" are more specific than their heads. The object is
    "of" and one to three content words closed by punctuation, a function word or a verb; a
    determiner ("segmentation of the image") or a longer run makes it a clause, not a name."""
    word = ws[index]
    if word.punct_after or index + 2 >= len(ws) or ws[index + 1].text != "of" or ws[index + 1].punct_after:
        return word.end
    last = index + 2
    while last < len(ws) and last - index - 2 < _MAX_OBJECT_WORDS:
        lower = ws[last].text.lower()
        if vocabulary.ends_noun_phrase(lower) or ws[last].punct_before or not any(ch.isalpha() for ch in lower):
            break
        last += 1
        if ws[last - 1].punct_after:
            break
    following = ws[last].text.lower() if last < len(ws) else ""
    closed = not following or ws[last - 1].punct_after or vocabulary.ends_noun_phrase(following)
    return ws[last - 1].end if last > index + 2 and closed else word.end


_SINGULAR_GENERIC_HEADS = {"framework", "method", "approach", "pipeline", "model", "system", "algorithm",
                           "technique", "strategy", "scheme", "paradigm", "architecture", "network"}
_NOUN_DETERMINERS = {"a", "an", "the", "our", "its", "their", "this", "each", "novel", "new"}


def _gerund_after_determiner(ws: list[Word], index: int, vocabulary: Vocabulary) -> bool:
    """Whether word ``index`` is an "-ing" word after a determiner, so a noun ("the sampling"),
    though the corpus mostly uses it as a verb ("offloading Gaussians")."""
    lower = ws[index].text.lower()
    return index > 0 and lower.endswith("ing") and lower in vocabulary.verb_like \
        and not ws[index - 1].punct_after and ws[index - 1].text.lower() in _NOUN_DETERMINERS


# nouns that a method or task word before them modifies: what it costs, takes or works with
_COMPOUND_TAILS = {"cost", "costs", "time", "budget", "budgets", "overhead", "overheads", "tools", "efficiency",
                   "data", "regime", "regimes", "settings", "setting", "curve", "curves", "dynamics", "speed",
                   "samples", "types", "priors", "weights", "abilities", "ability", "capabilities",
                   "capability"}


def _kind_of_known(layout: Layout, first: int, index: int, lexicon: Lexicon, vocabulary: Vocabulary) -> bool:
    """Whether the phrase of words ``first`` to ``index`` names a kind of a known method: it
    ends in one ("discrete diffusion model"), or in one and a noun for a kind of model
    ("graph convolution networks", :meth:`~kg.lexicon.Lexicon.kind_of`). Not when a method
    word comes before the known one: in "training language models", "training" is the verb."""
    ws = layout.words
    for start in range(first, index):
        text = layout.span_text(ws[start].start, ws[index].end)
        term = lexicon.kind_of(text) or lexicon.lookup(text)
        if term is not None:
            return term.type == "method" and (start == first or ws[first].text.lower() not in vocabulary.method_heads)
    return False


def _known_tail(phrase: list[Word], lexicon: Lexicon) -> str | None:
    """Type of the longest known term the phrase ends with (two words at least)."""
    for start in range(len(phrase) - 1):
        term = lexicon.lookup(" ".join(w.text for w in phrase[start:]))
        if term is not None:
            return term.type
    return None


_TASK_NOUNS = {"task", "tasks", "benchmark", "benchmarks", "problem", "problems", "challenge"}  # "the X task"


def _has_task_cue(ws: list[Word], first: int, index: int, cues: frozenset[str] | set[str]) -> bool:
    """ "for latent motion prediction", "the reasoning task": one of ``cues`` just before words
    ``first`` to ``index``, or a task noun just after them."""
    before = ws[first - 1].text.lower() if first > 0 and not ws[first].punct_before else ""
    after = ws[index + 1].text.lower() if index + 1 < len(ws) and not ws[index].punct_after else ""
    return before in cues or after in _TASK_NOUNS


def _is_modifier(word: Word, head: Word, vocabulary: Vocabulary) -> bool:
    """Whether ``word`` can modify ``head`` in a noun phrase: a content word, not a verb, adverb,
    function word or name, in the case style of the head (lower-case heads take lower-case
    modifiers; Title Case heads take capitalized ones)."""
    text, lower = word.text, word.text.lower()
    if text in vocabulary.stop_names:
        return True  # "3D object detection", "RGB-D salient object detection"
    last_part = text.rsplit("-", 1)[-1]
    if is_name_shaped(text) and not (last_part.isalpha() and last_part.islower() and "-" in text):
        return False  # "ImageNet classification", "ResNet-50 classifier": a name and a phrase; "LLM-based" modifies
    # "LLM-based" modifies like "based"; "Gaussian splatting", "Kalman filtering": an eponym modifies like a word
    if head.text[:1].isupper() != last_part[:1].isupper() and not (word.sentence_initial and head.text[:1].islower()) \
            and not (lower in vocabulary.proper_modifiers and head.text[:1].islower()) \
            and not (head.text.isupper() and vocabulary.head_type(head.text) == "metric" and "-" in text):
        return False  # but "frame-level AUC", "pixel-level AUROC": a measure's acronym takes its variant
    if vocabulary.ends_noun_phrase(lower) or lower in vocabulary.gradable or lower in vocabulary.descriptive_modifiers \
            or lower.startswith("well-"):
        return False  # "a well-established transformer": an adverb's compound praises, it names nothing
    if not any(ch.isalpha() for ch in lower) or lower.endswith("ly") or lower[:1].isdigit():
        return False  # "18K instruction tuning", "nine video reasoning benchmarks"
    # a plural or third-person "s" rarely modifies a noun: "Mantis decouples visual prediction"
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is", "ics")) and "-" not in lower:
        return False
    return True


def _manner_adverb(word: Word, modified: Word, head: Word, vocabulary: Vocabulary) -> bool:
    """Whether ``word`` is an adverb of manner on the adjective or participle ``modified`` of a
    phrase: "dynamically weighted", "fully convolutional", "temporally dynamic". Its adjective
    must itself be a modifier, which rules out "significantly", "recently", "highly" (words
    that rate or date, not describe)."""
    lower = word.text.lower()
    if lower in vocabulary.function_words:
        return False  # "particularly multimodal models": a focusing adverb picks things out, it describes none
    if not (lower.endswith("ly") and word.text.islower() and not word.punct_after and not modified.punct_before
            and modified.text.islower() and modified.text.endswith(_ADJECTIVE_ENDINGS)):
        return False
    stems = [lower[:-2], lower[:-2] + "e", lower[:-1] + "l"] if not lower.endswith("ally") else [lower[:-2], lower[:-4]]
    return any(len(stem) > 3 and _is_modifier(Word(word.start, word.end, stem, False, False, False), head, vocabulary)
               for stem in stems)


_ADJECTIVE_ENDINGS = ("ed", "ic", "al", "ive", "ent", "ant", "ous", "ar", "ible", "able")
_NAMING_WORDS = {"named", "called", "dubbed", "termed", "coined"}
_SUBJECTS = {"we", "they", "it", "which", "who"}
_AUXILIARIES = {"have", "has", "had", "is", "are", "was", "were", "be", "been", "being"}
_INTRO_DETERMINERS = {"a", "an", "the", "our"}
NOVELTY_WORDS = {"novel", "new", "first"}


def _could_be_name(word: Word, vocabulary: Vocabulary) -> bool:
    text = word.text
    return (len(text) >= 2 and (text[:1].isupper() or is_name_shaped(text)) and not is_url(text)
            and text.lower() not in vocabulary.function_words and text not in vocabulary.stop_names)


def appositive_type(noun: str, vocabulary: Vocabulary) -> str:
    """The type a name gets from the noun that presents it: "a new dataset named X", "X, a metric"."""
    if noun in vocabulary.dataset_heads:
        return "dataset"
    return {"metric": "metric", "measure": "metric", "task": "task"}.get(noun, "method")


def _apposition_type(ws: list[Word], after: int, vocabulary: Vocabulary) -> tuple[str, bool]:
    """Type and novelty told by the words after a name: "Mantis, a novel framework" -> method, new."""
    novel = False
    for word in ws[after:after + 8]:
        lower = word.text.lower()
        novel = novel or lower in NOVELTY_WORDS
        if lower in vocabulary.appositive_heads:
            return appositive_type(lower, vocabulary), novel
        if word.punct_after and lower not in NOVELTY_WORDS or lower in vocabulary.verbs:
            break  # "GradSync-TTT, which learns the auxiliary task": a clause about it, not what it is
    return "method", novel


def introduced_names(layout: Layout, vocabulary: Vocabulary) -> list[Candidate]:
    """Names the abstract introduces: "we propose Mantis, a ...", "a new dataset named VIMOS",
    "Mantis, a novel framework", "our proposed method, RLCD, ...". These are single capitalized
    words that the name rules skip."""
    ws, proposals = layout.words, layout.proposals
    found = []
    for k, word in enumerate(ws):
        lower = word.text.lower()
        if lower in _NAMING_WORDS and k + 1 < len(ws) and _could_be_name(ws[k + 1], vocabulary):
            head = next((appositive_type(w.text.lower(), vocabulary) for w in reversed(ws[max(k - 4, 0):k])
                         if w.text.lower() in vocabulary.appositive_heads), "method")
            name = ws[k + 1]
            in_proposal = layout.sentence_of[word.start] in proposals
            found.append(Candidate(name.start, name.end, head, CONTEXT,
                                   proposed=in_proposal or any(w.text.lower() in NOVELTY_WORDS for w in ws[max(k - 4, 0):k])))
        elif lower in vocabulary.proposal_verbs and layout.sentence_of[word.start] in proposals:
            m = k + 1
            while m < len(ws) and ws[m].text.lower() in _INTRO_DETERMINERS and not ws[m - 1].punct_after:
                m += 1
            last = m  # a name of up to four words, closed by punctuation: "we construct Video CoM Instruct, an ..."
            while last < min(m + 4, len(ws)) and _could_be_name(ws[last], vocabulary) and \
                    (last == m or not (ws[last - 1].punct_after or ws[last].punct_before)):
                if ws[last].punct_after:
                    entity_type, _ = _apposition_type(ws, last + 1, vocabulary)
                    found.append(Candidate(ws[m].start, ws[last].end, entity_type, CONTEXT, proposed=True))
                    break
                last += 1
        elif lower == "our":  # "our proposed method, RLCD, achieves ...": the name after its description
            for m in range(k + 1, min(k + 4, len(ws) - 1)):
                head = ws[m].text.lower()
                if head in vocabulary.appositive_heads and layout.lowers[ws[m].end] == "," \
                        and is_name_shaped(ws[m + 1].text) and ws[m + 1].punct_after:
                    found.append(Candidate(ws[m + 1].start, ws[m + 1].end, appositive_type(head, vocabulary),
                                           CONTEXT, proposed=True))
                if ws[m].punct_after:
                    break
        elif _could_be_name(word, vocabulary) and word.punct_after \
                and not (word.sentence_initial and not is_name_shaped(word.text)) \
                and layout.lowers[word.end] == "," and k + 1 < len(ws) and ws[k + 1].text.lower() in ("a", "an"):
            entity_type, novel = _apposition_type(ws, k + 1, vocabulary)
            in_proposal = layout.sentence_of[word.start] in proposals
            if novel or in_proposal:
                found.append(Candidate(word.start, word.end, entity_type, CONTEXT, proposed=True))
    return found


def self_descriptions(layout: Layout, vocabulary: Vocabulary) -> list[Candidate]:
    """Names an abstract presents by saying what they are: "DSperse is a modular framework for
    ...", opening the abstract, or "X is a novel benchmark" anywhere; or by saying what they do,
    as its first words: "OmniStyle2 introduces a novel approach", "PlanarBench tests whether ..."
    (a benchmark). The paper's own, unless a lexicon knows the name (the caller checks: "CLIP is
    a vision-language model" is background)."""
    ws = layout.words
    found = []
    if len(ws) > 2 and is_name_shaped(ws[0].text) and not ws[0].punct_after:
        verb = ws[1].text
        if verb in vocabulary.testing_verbs:
            found.append(Candidate(ws[0].start, ws[0].end, "dataset", CONTEXT, proposed=True))
        elif verb in vocabulary.presenting_verbs:
            found.append(Candidate(ws[0].start, ws[0].end, _apposition_type(ws, 2, vocabulary)[0], CONTEXT, proposed=True))
    for k, word in enumerate(ws[:-2]):
        if not (_could_be_name(word, vocabulary) and is_name_shaped(word.text) and not word.punct_after
                and ws[k + 1].text in ("is", "are") and ws[k + 2].text.lower() in ("a", "an")):
            continue
        entity_type, novel = _apposition_type(ws, k + 2, vocabulary)
        if novel or layout.sentence_of[word.start] == 0:
            found.append(Candidate(word.start, word.end, entity_type, CONTEXT, proposed=True))
    return found


_ENUMERATION_MARKER = re.compile(r"\d|[ivx]{1,4}|[a-e]")  # "(1)", "2)", "(ii)", "(a)"
_EXAMPLE_CUES = (("such", "as"), ("including",), ("e.g.",), ("like",))
_COUNT_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "both"}
_LIST_OPENERS = {":", "-", "–", "—"}  # "three benchmarks: A, B and C", "benchmarks—A, B"
_VAGUE_LIST_NOUNS = {"domains", "applications", "problems", "approaches", "methods", "techniques", "algorithms",
                     "frameworks", "architectures", "variants"}  # "domains: news, fashion" names no entities
_MAX_EXAMPLE_WORDS = 4
# lists of areas as often as of tasks: an item is a task only by its head ("applications such as
# image retrieval"; not "domains such as healthcare", "applications such as personal assistance")
_AREA_NOUNS = {"applications", "domains"}


def listed_examples(layout: Layout, vocabulary: Vocabulary) -> list[Candidate]:
    """Examples listed after a plural type noun: "datasets such as A and B", "tasks such as
    classification, clustering and retrieval", "LLMs like GPT-4o". Each item is a run of up to four
    content words, the items separated by commas, "and" or "or"."""
    ws = layout.words
    found = []
    for k, word in enumerate(ws):
        entity_type = vocabulary.example_types.get(word.text.lower())
        if entity_type is None:
            continue
        m = k + 1
        for cue in _EXAMPLE_CUES:
            if [w.text.lower() for w in ws[m:m + len(cue)]] == list(cue):
                m += len(cue)
                break
        else:
            # "three benchmarks: A, B and C"; "two datasets, PoliGen and EconoLex": a count announces the list
            counted = k > 0 and (ws[k - 1].text.lower() in _COUNT_WORDS or ws[k - 1].text.isdigit())
            opener = layout.lowers[word.end] if word.punct_after else ""
            if not ((opener in _LIST_OPENERS or opener == "," and counted)
                    and word.text.lower() not in _VAGUE_LIST_NOUNS):
                continue
        last_item = False
        items = []
        while m < len(ws):
            if _ENUMERATION_MARKER.fullmatch(ws[m].text) and layout.lowers[ws[m].end:ws[m].end + 1] == [")"]:
                m += 1  # "tasks: (i) retrieval, (ii) ...": the marker is no item
                if m == len(ws):
                    break
            first, m = m, _example_end(ws, m, vocabulary)
            if m == first:
                break
            coined = entity_type == "task" and m - first == 1 and is_name_shaped(ws[first].text) \
                and not ws[first].text.isupper()  # "tasks, such as iBOT or DINOv2": tasks are not coined names
            if _is_participle(ws[m - 1].text):  # "tasks: 1) Inspired by ...", "X, focused on ...": a clause
                break
            known_non_entity = layout.span_text(ws[first].start, ws[m - 1].end) in vocabulary.stop_names  # "OpenAI o1"
            # "techniques including proof-derived rewrite motif caching": a phrase cut short at a verb-like word
            cut_short = m < len(ws) and not ws[m - 1].punct_after and ws[m - 1].text.islower() \
                and ws[m].text.islower() and ws[m].text not in ("and", "or") \
                and ws[m].text not in vocabulary.function_words
            if not coined and not known_non_entity and not cut_short and (word.text.lower() not in _AREA_NOUNS
                               or vocabulary.head_type(ws[m - 1].text.lower()) == "task"):
                items.append(Candidate(ws[first].start, ws[m - 1].end, entity_type, CONTEXT))
            if last_item:
                break
            if m < len(ws) and ws[m].text.lower() in ("and", "or"):
                m += 1
                last_item = True  # "A, B and C": C ends the list
            elif not ws[m - 1].punct_after or layout.lowers[ws[m - 1].end] != ",":
                break  # the list ends at anything but a comma or "and"/"or"
        shared_noun = m < len(ws) and not ws[m - 1].punct_after and ws[m].text.lower() in vocabulary.example_types
        kinds_noun = items and ws[m - 1].text.lower() in _VAGUE_LIST_NOUNS  # "including base and distilled variants"
        if not (shared_noun or kinds_noun):  # "including proprietary, open-weight and reasoning models": kinds, not examples
            found += items
    return found


def _is_participle(text: str) -> bool:
    """Whether a word is a verb's "-ed" form ("Inspired", "focused"), no noun ("seed", "speed")."""
    return len(text) > 5 and text.isalpha() and text[1:].islower() and text.endswith("ed")


def _example_end(ws: list[Word], m: int, vocabulary: Vocabulary) -> int:
    """End of one listed item: up to four words, no verbs; a name continues only with names or
    numbers ("Llama 3"), a lower-case phrase only with lower-case words."""
    first = m
    name_like = ws[m].text[:1].isupper() or is_name_shaped(ws[m].text)
    while m < len(ws) and m - first < _MAX_EXAMPLE_WORDS:
        word, lower = ws[m], ws[m].text.lower()
        if lower in ("and", "or") or vocabulary.ends_noun_phrase(lower):
            break
        if m > first and (word.punct_before or (word.text[:1].isupper() or is_name_shaped(word.text)
                                                 or word.text.isdigit()) != name_like and not word.text.isdigit()):
            break
        m += 1
        if word.punct_after:
            break
    return m


_CONTRIBUTION_NOUNS = {"contributions", "components", "innovations", "modules", "designs", "techniques",
                       "strategies", "mechanisms", "stages", "parts", "elements", "ideas", "novelties",
                       "improvements", "advances", "branches", "steps", "objectives", "losses"}
_MAX_ITEM_WORDS = 6


def enumerated_contributions(layout: Layout, vocabulary: Vocabulary) -> list[Candidate]:
    """The items of a numbered list of what the paper contributes: "UniSurg introduces three key
    innovations: 1) motion-guided latent prediction to ..., 2) ..." or "through three key
    contributions: (1) a stable tool environment that ...". Such items are the paper's own
    components even when they are unnamed descriptions, so each is a proposed method (a dataset
    or metric by its head word). A list counts when a proposal verb or a contribution noun
    comes before its first marker in the sentence; each item is the noun phrase after its
    marker, up to the first function word, verb or punctuation, and a clause is no item."""
    ws = layout.words
    found = []
    listed: dict[int, bool] = {}  # sentences whose list has a cue: whether the list is of tasks
    for k, word in enumerate(ws):
        if not (word.punct_after and _ENUMERATION_MARKER.fullmatch(word.text) and layout.lowers[word.end] == ")"):
            continue
        number = layout.sentence_of[word.start]
        if number not in listed:
            before = layout.lowers[layout.bounds[number]:word.start]
            tasks = "tasks" in before or "task" in before
            if not (tasks or has_proposal_verb(before, vocabulary) or any(w in _CONTRIBUTION_NOUNS for w in before)):
                continue
            listed[number] = tasks
        tasks_listed = listed[number]
        first = k + 1
        while first < len(ws) and ws[first].text.lower() in vocabulary.function_words \
                and (first == k + 1 or not ws[first - 1].punct_after) and ws[first].text.lower() not in _SUBJECTS:
            first += 1  # "a", "a novel", "an efficient"
        last = first
        while last < len(ws) and last - first < _MAX_ITEM_WORDS and not ws[last].punct_before:
            lower = ws[last].text.lower()
            if vocabulary.ends_noun_phrase(lower) or lower in _SUBJECTS:
                break
            last += 1
            if ws[last - 1].punct_after:
                break
        if last == first or last - first == _MAX_ITEM_WORDS and last < len(ws) and not ws[last - 1].punct_after:
            continue
        phrase = [w.text.lower() for w in ws[first:last]]
        head = phrase[-1]
        if len(phrase) < 2 or all(w in vocabulary.generic_words for w in phrase) \
                or not head.replace("-", "").isalpha() or head.endswith(("ly", "ed")) or head in vocabulary.gradable \
                or _usage_stem(head) or (head.endswith("s") and not head.endswith(("ss", "us", "is"))):
            continue  # "(1) integration", "(2) coarse scales", "(3) temporally-invariant": no component
        entity_type = vocabulary.head_type(head)
        if entity_type is None and head in vocabulary.generic_words:
            continue  # "(2) cross-center performance"
        if entity_type == "task" and tasks_listed:
            found.append(Candidate(ws[first].start, ws[last - 1].end, "task", CONTEXT))  # "three tasks: (1) ..."
            continue
        entity_type = entity_type if entity_type in ("dataset", "metric") else "method"
        found.append(Candidate(ws[first].start, ws[last - 1].end, entity_type, CONTEXT, proposed=True))
    return found


# "2.5", "v3", "8B", and a scaled variant's letter and digit ("EfficientNet B0")
_VERSION = re.compile(r"v?\d+(?:\.\d+)*[a-z]?|\d+(?:\.\d+)?[BMK]|[A-Z]\d")


def is_known_release(text: str, lexicon: Lexicon, vocabulary: Vocabulary) -> bool:
    """Whether ``text`` is a release of a known model: "Llama3.1 8B", "Gemini 2.5 Pro", "GPT-4.1",
    never a paper's own new name.

    >>> from kg.lexicon import default_lexicon
    >>> [is_known_release(t, default_lexicon(), default_vocabulary()) for t in ("Llama3.1 8B", "PatchLoom")]
    [True, False]
    """
    first, *rest = text.split()
    base = versioned_base(first)
    if not (lexicon.is_known(first) or (base is not None and lexicon.is_known(base))):
        return False
    return all(_VERSION.fullmatch(word) or word in vocabulary.edition_words for word in rest) and (
        bool(rest) or base is not None)


def versioned_names(layout: Layout, lexicon: Lexicon, vocabulary: Vocabulary) -> list[Candidate]:
    """A name with its version and edition: "Gemini 2.5 Pro", "Claude Sonnet 4.5", "Llama 3.1 8B",
    "SQuAD 2.0". The name is a known method or name-shaped (a known one keeps its type); up to
    three version or edition words follow it, and at least one is a version number."""
    ws = layout.words
    found = []
    for k, word in enumerate(ws):
        end, has_version = k, False
        while end + 1 < len(ws) and end - k < 3 and not ws[end].punct_after and not ws[end + 1].punct_before:
            following = ws[end + 1].text
            if _VERSION.fullmatch(following):
                has_version = True
            elif following not in vocabulary.edition_words:
                break
            end += 1
        if not has_version or word.text in vocabulary.stop_names:
            continue  # the version first: it is rare, and a lookup of every word is not
        term = lexicon.lookup(word.text)
        if (term is not None and term.type == "method") or is_name_shaped(word.text):
            # "SQuAD 2.0" is a release of a dataset
            found.append(Candidate(word.start, ws[end].end, term.type if term else "method", LEXICON if term else SHAPE))
    return found


_PERCENTAGE = re.compile(r"\d+(?:\.\d+)?(?:[-–]\d+(?:\.\d+)?)?")  # "67.9" of "67.9%", "17-20" of "17-20%"
_COMPARATIVES = {"higher", "lower", "faster", "slower", "better", "greater", "smaller", "fewer", "shorter", "longer"}
_MAX_MEASURE_WORDS = 3


def reported_measures(layout: Layout, vocabulary: Vocabulary) -> list[Candidate]:
    """What an abstract reports a percentage of is a measure, named or not: "an average
    leakage of 67.9%", "19.50% faster time-to-competence and 10.95% higher terminal mastery".
    The measure is a lower-case noun phrase of up to three words whose head is no word of
    another type, no generic word and no change ("a reduction of 30%")."""
    ws = layout.words
    found = []
    for k, word in enumerate(ws):
        if not (_PERCENTAGE.fullmatch(word.text) and word.end < len(layout.lowers)
                and layout.lowers[word.end] == "%"):
            continue
        if k >= 2 and ws[k - 1].text == "of" and not (ws[k - 2].punct_after or ws[k - 1].punct_after):
            first = k - 2
            while first > 0 and k - 2 - first + 1 < _MAX_MEASURE_WORDS and not ws[first - 1].punct_after \
                    and _is_modifier(ws[first - 1], ws[k - 2], vocabulary) and ws[first - 1].text.islower() \
                    and ws[first - 1].text.lower() not in vocabulary.not_metric_modifiers:  # "we report accuracy of 81%"
                first -= 1
            candidate = _measure(layout, ws[first:k - 1], vocabulary)
        elif k + 2 < len(ws) and ws[k + 1].text.lower() in _COMPARATIVES \
                and not ws[k + 1].punct_after:
            last = k + 2
            while last < len(ws) and last - k - 2 < _MAX_MEASURE_WORDS and _measure_word(ws[last], vocabulary):
                last += 1
                if ws[last - 1].punct_after:
                    break
            candidate = _measure(layout, ws[k + 2:last], vocabulary)
        else:
            continue
        if candidate is not None:
            found.append(candidate)
    return found


def _measure_word(word: Word, vocabulary: Vocabulary, *, opens: bool = False) -> bool:
    """Whether ``word`` can be part of a measure's name (``opens``: it may follow an opening bracket)."""
    lower = word.text.lower()
    return word.text.islower() and any(ch.isalpha() for ch in lower) and (opens or not word.punct_before) \
        and not vocabulary.ends_noun_phrase(lower)


def _measure(layout: Layout, phrase: list[Word], vocabulary: Vocabulary, *, opens: bool = False) -> Candidate | None:
    """The phrase as a metric candidate, if it can name a measure (``opens``: see :func:`_measure_word`)."""
    if not phrase or not all(_measure_word(w, vocabulary, opens=opens and i == 0) for i, w in enumerate(phrase)):
        return None
    head = phrase[-1].text.lower()
    if head in vocabulary.generic_words or head in vocabulary.change_nouns or head.endswith("ly") \
            or vocabulary.head_type(head) not in (None, "metric") or head in vocabulary.descriptive_modifiers \
            or not all(_is_modifier(w, phrase[-1], vocabulary) and w.text.lower() not in vocabulary.not_metric_modifiers
                       for w in phrase[:-1]):
        return None  # "a reduction of 30%", "5% higher accuracy consistently", "4% higher unprecedented accuracy"
    if len(phrase) == 1 and head in vocabulary.named_measure_heads:
        return None  # "mIoU scores of 78.43%": the name before it is the measure, "scores" alone is none
    return Candidate(phrase[0].start, phrase[-1].end, "metric", CONTEXT)


_MEASURE_CUES = {"metrics", "measures", "criteria"}
_BRACKETED_MEASURE_CUES = {"performance"}  # only with the list in brackets: "performance (A, B and C)"


def listed_measures(layout: Layout, vocabulary: Vocabulary) -> list[Candidate]:
    """The items of a list shortly after a word for measures: "metrics that capture diversity,
    novelty, and utility", "criteria: fluency, coherence and relevance", or in brackets right
    after "performance": "editing performance (reliability, locality, and generality)". An item is a
    lower-case noun phrase of up to three words (:func:`_measure`); a list is two items at least.
    (A list that merely holds a known measure is no such list: "accuracy, efficiency and
    robustness" name qualities as often as measures.)"""
    ws = layout.words
    found = []
    for k, word in enumerate(ws):
        cue = word.text.lower()
        if cue in _BRACKETED_MEASURE_CUES and k + 1 < len(ws) and ws[k + 1].punct_before \
                and layout.lowers[ws[k + 1].start - 1] == "(":
            items = _list_items(layout, k + 1, vocabulary, bracketed=True)
            last = items[-1] if items else None
            if len(items) >= 2 and last is not None and layout.lowers[last.end:last.end + 1] == [")"]:
                found += [c for c in items if c is not None]
            continue
        if cue not in _MEASURE_CUES:
            continue
        for start in range(k + 1, min(k + 4, len(ws))):  # "metrics that capture X, ...": within three words
            items = _list_items(layout, start, vocabulary) if _measure_word(ws[start], vocabulary) else []
            if len(items) >= 2:
                found += [c for c in items if c is not None]
                break
    return found


def _list_items(layout: Layout, m: int, vocabulary: Vocabulary, *, bracketed: bool = False) -> list[Candidate | None]:
    """Items of the list that starts at word ``m`` (after an opening bracket if ``bracketed``),
    as measures (None for an item that names none), closed by anything but a comma or a final
    "and"/"or"."""
    ws = layout.words
    items: list[Candidate | None] = []
    last_item = False
    opening = m if bracketed else -1
    while m < len(ws):
        first = m
        while m < len(ws) and m - first < _MAX_MEASURE_WORDS and _measure_word(ws[m], vocabulary, opens=m == opening) \
                and ws[m].text.lower() not in ("and", "or"):
            m += 1
            if ws[m - 1].punct_after:
                break
        if m == first:
            break
        items.append(_measure(layout, ws[first:m], vocabulary, opens=first == opening))
        if last_item or m >= len(ws):
            break
        if ws[m].text.lower() in ("and", "or") and not ws[m - 1].punct_after or \
                layout.lowers[ws[m - 1].end] == "," and ws[m].text.lower() in ("and", "or"):
            m += 1
            last_item = True
        elif not (ws[m - 1].punct_after and layout.lowers[ws[m - 1].end] == ","):
            break
    return items


_ADDRESSING_WORDS = {"for", "address", "addresses", "addressing", "tackle", "tackles", "tackling", "solve", "solves"}
# "research on DeepFake detection", "advancements in DeepFake generation": the field's problem
_STUDY_NOUNS = {"research", "work", "works", "study", "studies", "progress", "advances", "advancements",
                "developments", "interest", "attention", "efforts", "literature"}


def _studied(ws: list[Word], first: int) -> bool:
    """Whether the phrase at word ``first`` is what research is on: "research on X", "advances in X"."""
    return first >= 2 and not ws[first].punct_before and not ws[first - 1].punct_before \
        and ws[first - 1].text.lower() in ("on", "in") and ws[first - 2].text.lower() in _STUDY_NOUNS


def passing_mentions(layout: Layout, chosen: list[Candidate], vocabulary: Vocabulary) -> set[tuple[str, str]]:
    """(type, :func:`match_key`) of what an abstract only mentions in passing, which is no node:

    - a task named once, after the first two sentences, outside the experiments and not as what
      is addressed or studied ("for X", "tackle X", "the X task", "research on X"): "... crucial
      for autonomous driving" is no problem the paper addresses;
    - a one-word measure named once, in a sentence with no number, about no experiment and
      after no comparative ("higher accuracy"): "ensures consistency and precision" speaks of
      a quality, not of a reported measure.
    """
    mentions: dict[tuple[str, str], list[Candidate]] = {}
    for candidate in chosen:
        if candidate.type == "task" or candidate.type == "metric" and candidate.end - candidate.start == 1:
            text = layout.span_text(candidate.start, candidate.end)
            if candidate.type == "task" or text.islower():
                mentions.setdefault((candidate.type, match_key(text)), []).append(candidate)
    ws = layout.words
    passing = set()
    for (entity_type, key), found in mentions.items():
        if len(found) >= 2:
            continue
        (candidate,) = found
        sentence = layout.sentence_of[candidate.start]
        if sentence in layout.evaluation_sentences:
            continue
        first = bisect_left(layout.word_starts, candidate.start)
        if entity_type == "metric":  # "achieve higher accuracy" compares a measure
            if sentence not in layout.sentences_with_numbers and not (
                    first > 0 and ws[first - 1].text.lower() in _COMPARATIVES):
                passing.add((entity_type, key))
            continue
        last = max(first, bisect_left(layout.word_starts, candidate.end) - 1)
        if sentence > 1 and not _has_task_cue(ws, first, last, _ADDRESSING_WORDS) and not _studied(ws, first):
            passing.add((entity_type, key))
    return passing


def system_subjects(ws: list[Word], vocabulary: Vocabulary) -> set[str]:
    """The names that are the subject of what systems do: "DEARLi outperforms ..." (but "FAS
    models" are models for a task, so a following noun says nothing), in one pass over ``ws``."""
    return {word.text for word, following in zip(ws, ws[1:])
            if not word.punct_after and following.text.lower() in vocabulary.system_verbs}


def other_mentions(layout: Layout, found: list[Candidate]) -> list[Candidate]:
    """Every other occurrence of a name found by context ("We present SCNP, ..." then "SCNP
    can be integrated ..."), with the same type."""
    names = {layout.span_text(c.start, c.end): c for c in found if c.source == CONTEXT}
    return [Candidate(w.start, w.end, names[w.text].type, CONTEXT, names[w.text].proposed)
            for w in layout.words if w.text in names]
