#!/usr/bin/env python3
"""Build kg's entity lexicons (method, dataset, task, metric) from Papers with Code data.

Usage::

    python scripts/build_lexicons.py              # (re)write kg/data/lexicons/*.jsonl
    python scripts/build_lexicons.py --check      # exit 1 if the shipped files are stale
    python scripts/build_lexicons.py --shared DIR --out DIR --report conflicts.txt

Inputs (read in place, never copied into the repo; ``--shared`` defaults to
``<repo>/../shared``):

* ``lexicons/pwc/methods.json.gz``          Papers with Code methods (name, full_name, num_papers)
* ``lexicons/pwc/all_tasks.txt``            task names, one quoted name a line
* ``lexicons/pwc/*_tasks_detailed.csv``     task names, subtasks, common datasets, benchmarks, SOTA metrics
* ``corpus/arxiv_cs_abstracts.jsonl.gz``    arXiv CS abstracts, used *only* for word statistics:
  how often a word or a dataset's name is written in lower case in running text (is it an
  ordinary word or phrase?), whether a method acronym's expansion is ever seen, and what the
  corpus defines a short form as (is the acronym used for something else nowadays?).
* ``scripts/lexicon_additions.json``        hand-written entries PwC lacks (core metrics, recent
  method families); they always win a conflict with PwC-derived entries.

Output: ``kg/data/lexicons/{method,dataset,task,metric}.jsonl``, UTF-8, one JSON object a line,
sorted by label (case-folded, then exact), byte-for-byte deterministic for the same inputs::

    {"label": "Mixture of Experts", "case_sensitive": false,
     "aliases": [{"text": "MoE", "case_sensitive": true}, {"text": "mixture-of-experts", "case_sensitive": false}]}

* ``label``           canonical display name; it is itself a surface form to match.
* ``case_sensitive``  applies to the label: match it only with exactly this casing.
* ``ambiguous``       (only present when true) the label is also a surface form of another entry
  (same or other type); kg must resolve it from context.
* ``aliases``         other surface forms, each ``{"text", "case_sensitive"[, "ambiguous": true]}``
  with the same meaning as above. Aliases never repeat the label, nor each other modulo case
  when case-insensitive. Plurals are not listed (kg handles them).

Case-sensitivity is decided per surface form (see ``casing_decision``): short forms (<= 4
characters: "SAM", "Adam", "ELMo", "SELU"), forms without lower-case letters ("ALIGN", "GLOW",
"IMPALA", "MATH"), one-word capitalised names ("Hydra", "Cityscapes") and names made of
ordinary words ("Adaptive Masking", "Hateful Memes") are case-sensitive; tasks, metrics and
other names are not. An ordinary word used as a one-word method or dataset name ("Focus",
"Satellite", "iris") is dropped: even a case-sensitive match would fire on every sentence that
starts with it. "Ordinary" is measured on the arXiv corpus (``is_ordinary_word``), so that
"Transformer" or "dropout" are judged by how CS abstracts write them.

Every cleaning rule is a small pure function below; tests/test_lexicons.py exercises them.
The derived lexicons are CC BY-SA 4.0 (see kg/data/lexicons/NOTICE.md).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from spacy.lang.en.stop_words import STOP_WORDS

from kg.acronyms import find_definitions
from kg.rules import default_vocabulary

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT_OUT = REPO / "kg" / "data" / "lexicons"
ADDITIONS = Path(__file__).resolve().parent / "lexicon_additions.json"
TYPES = ("method", "dataset", "task", "metric")

MAX_WORDS = 8            # longer names are titles or descriptions, not surface forms
SHORT_FORM_MAX = 4       # forms this short are matched case-sensitively
ORDINARY_MIN = 20        # a word seen this often in lower case in the corpus is an ordinary word
DATASET_ORDINARY_MIN = 3  # ... for one-word dataset names, whose lower-case twin is never the dataset
DEFINED_AS_TERM_MIN = 3  # a short form the corpus defines this often as a lower-case term is that term
POPULAR_METHOD_PAPERS = 100   # PwC num_papers from which a plain-words method name is a term
ACRONYM_MIN_SEEN = 20    # acronyms seen less often than this in the corpus are not judged
ACRONYM_EXPANSION_RATIO = 50  # expansion must be seen at least once per this many acronym uses
DATASET_MAX_WORDS = 5    # longer "dataset names" are descriptions ("Data Collected with ...")
METRIC_VOCAB_MIN = 3     # a word is metric vocabulary when this many metric names use it

# ---------------------------------------------------------------------------------------------
# Hand-made word lists (small, lower case)
# ---------------------------------------------------------------------------------------------

#: Single words that are useless as entity surface forms on their own (any type).
GENERIC_WORDS = frozenset("""
    algorithm analysis approach architecture attention augmentation block classification
    classifier clustering completion compression control convolution data dataset decoder detection
    discovery editing embedding encoder estimation evaluation extraction feature fusion generation
    graph image inference initialization layer learning localization loss matching mechanism
    method model modeling modelling module network normalization operator optimization
    optimizer planning pooling prediction processing ranking recognition reconstruction
    regression regularization representation retrieval search segmentation selection synthesis
    system task technique tracking training translation understanding unit video audio text speech
    language vision object scene point cloud function strategy framework benchmark benchmarking
    identification verification transfer adaptation alignment recommendation navigation reasoning
    forecasting animation scheduling blocking survey miscellaneous diversity fairness negation
    marketing management advertising computing engineering manufacturing accounting banking
    reconstruction prediction imaging friction nutrition misinformation
    sampling activation regularizer head backbone pipeline agent policy memory decomposition
    filtering labeling labelling annotation measurement monitoring parsing mapping sensing
    filter kernel gate cell transform embeddings generalization robustness interpretability
    explainability quantization pruning distillation
""".split())

#: Words that make a multi-word name generic when it has nothing else ("Neural Network").
GENERIC_FILLERS = frozenset("""
    model network layer module block unit method approach framework system architecture algorithm
    technique mechanism strategy deep neural learning new novel simple proposed standard basic
    general generic based
""".split())

#: Words that make a metric name generic when they are all it has ("Score", "Average", ...).
GENERIC_METRIC_WORDS = frozenset("""
    score error rate average avg mean overall total result results performance quality return reward
    value time runtime speed size memory latency cost count number percentage ratio test validation
    val exact extract validity metric metrics measure correct all success rank coverage
""".split())

#: Lower-case words that are ordinary in text but *are* the method when written alone.
TERM_WORDS = frozenset("""
    dropout softmax autoencoder adapter mixup cutout heatmap hypernetwork transformer coreset
    cutmix inpainting colorization maxout
""".split())

#: PwC "metrics" that measure cost, size or speed rather than quality (matched on word tokens).
COST_METRIC_WORDS = frozenset("""
    params param parameters parameter flops gflops mflops tflops macs gmacs fps latency runtime
    time speed memory size throughput epochs operations hours seconds ms mb gb
""".split())

#: Words one of which must occur in a metric name (after splitting on non-letters), e.g.
#: "Top-1 Accuracy", "mAP@0.5:0.95", "Word Error Rate", "R@1".
METRIC_HEAD_WORDS = frozenset("""
    accuracy acc precision recall f1 fscore measure auc auroc aupr auprc roc ap map miou iou
    dice jaccard error err bleu rouge meteor cider spice psnr ssim lpips fid kid fvd inception
    mse rmse mae mape smape nll perplexity ppl correlation pearson spearman kendall mrr ndcg hits
    hit wer cer ter mota motp idf1 hota pq pck mpjpe epe chamfer emd distance divergence
    likelihood em exact match pass success rate sensitivity specificity eer hter acer apcer
    bpcer frr tar mcc kappa nmi ari purity bpd entropy loss rank medr spl ade fde ospa mcd
    pesq stoi sdr sisdr mos dnsmos clipscore bertscore chrf comet rmsle niqe brisque fsim vif
    uciqe uiqm ciede uar ccc plcc srcc srocc krcc aupro mad mre coverage novelty hausdorff
    hamming levenshtein wasserstein frechet fréchet kullback leibler jensen shannon cohen kendall
    tau rho matthews tanimoto
""".split())

#: Dataset split and subset markers stripped from the end of benchmark names.
SPLIT_WORDS = (
    "test-dev", "testdev", "test-std", "test-challenge", "test-standard", "testfinal", "test",
    "testing", "val", "valid", "validation", "minival", "dev", "development", "train",
    "training", "trainval", "holdout", "mini-test", "eval", "public", "private", "full",
)

#: Difficulty subsets stripped from benchmark names ("KITTI Cars Hard").
DIFFICULTY_WORDS = ("easy", "moderate", "medium", "hard", "extreme")

#: Language names, to strip translation directions such as "WMT2014 English-German".
LANGUAGES = frozenset("""
    english german french spanish chinese japanese russian romanian czech finnish turkish arabic
    hindi vietnamese italian portuguese korean estonian latvian kazakh gujarati lithuanian dutch
    polish swedish danish norwegian greek hebrew indonesian thai persian urdu bengali tamil
    ukrainian hungarian catalan basque chuvash swahili
""".split())

#: Platforms, organisations and places that PwC lists as "datasets" but that abstracts mostly
#: mention as what they are ("Amazon reviews", "posts from Reddit", "Berkeley").
NOT_DATASETS = frozenset("""
    amazon twitter reddit wikipedia google youtube facebook yelp weibo tiktok instagram flickr
    github stackoverflow arxiv berkeley caltech columbia cornell brown stanford oxford
""".split())

#: Task-like endings a single-word task name needs ("Summarization", "Dehazing", "Steganalysis").
TASK_SUFFIXES = ("ization", "isation", "ing", "tion", "sion", "sis", "ment")

# ---------------------------------------------------------------------------------------------
# Generic text helpers
# ---------------------------------------------------------------------------------------------

_SPACE_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"[^\W_]+")
_DASHES = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"}
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}


def normalize_space(text: str) -> str:
    """Collapse all whitespace runs to one space, unify dashes and quotes, NFC-normalise, strip.

    >>> normalize_space("  Mean\\u00a0 IoU\\n")
    'Mean IoU'
    """
    text = unicodedata.normalize("NFC", text or "")
    for src, dst in {**_DASHES, **_QUOTES}.items():
        text = text.replace(src, dst)
    return _SPACE_RE.sub(" ", text).strip()


def strip_edge_punct(text: str) -> str:
    """Strip dangling separators from both ends ("Network Embedding:" -> "Network Embedding").

    Keeps trailing "+" ("UNet++") and closing brackets.
    """
    text = text.strip()
    text = re.sub(r"^[\s,;:.\-/|*#]+", "", text)
    text = re.sub(r"[\s,;:.\-/|#]+$", "", text)
    return text.strip()


def words(text: str) -> list[str]:
    """Split a surface form into words on whitespace and hyphens ("Soft Actor-Critic" -> 3)."""
    return [w for w in re.split(r"[\s\-]+", text) if w]


def letter_count(text: str) -> int:
    """Number of alphabetic characters."""
    return sum(ch.isalpha() for ch in text)


def surface_key(text: str) -> str:
    """Matching key: case-folded, with spaces, hyphens, dots, underscores and quotes removed.

    Variants that kg would consider the same surface form share a key:
    "MS-COCO"/"MSCOCO", "Re-Ranking"/"Reranking", "ResNet-50"/"ResNet50". "+" is kept so that
    "SRU" and "SRU++" stay apart.
    """
    return re.sub(r"[\s\-_./'\"]+", "", normalize_space(text).casefold())


def exact_key(text: str) -> str:
    """Like ``surface_key`` but keeping case, for comparing case-sensitive forms."""
    return re.sub(r"[\s\-_./'\"]+", "", normalize_space(text))


def is_balanced(text: str) -> bool:
    """True when (), [] and {} are balanced and properly nested."""
    pairs = {")": "(", "]": "[", "}": "{"}
    stack: list[str] = []
    for ch in text:
        if ch in "([{":
            stack.append(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return False
    return not stack


def has_foreign_script(text: str) -> bool:
    """True when a letter is neither Latin nor Greek (e.g. CJK or Cyrillic task names)."""
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if not (name.startswith("LATIN") or name.startswith("GREEK")):
                return True
    return False


def split_parentheticals(text: str) -> tuple[str, list[str]]:
    """Remove top-level "(...)" groups; return the remaining text and the groups' contents.

    >>> split_parentheticals("Word Error Rate (WER)")
    ('Word Error Rate', ['WER'])
    """
    if not is_balanced(text):
        return text, []
    inner: list[str] = []
    out: list[str] = []
    depth = 0
    buf = ""
    for ch in text:
        if ch == "(":
            if depth == 0:
                buf = ""
            else:
                buf += ch
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                inner.append(normalize_space(buf))
            else:
                buf += ch
        elif depth:
            buf += ch
        else:
            out.append(ch)
    return normalize_space("".join(out)), [i for i in inner if i]


def is_acronym_like(text: str) -> bool:
    """A short single token with at least two capitals or a capital and a digit ("MoE", "T5", "ViT")."""
    if " " in text or len(text) > 12 or len(text) < 2:
        return False
    upper = sum(ch.isupper() for ch in text)
    return upper >= 2 or (upper >= 1 and any(ch.isdigit() for ch in text))


def is_expansion(short: str, long: str) -> bool:
    """Schwartz-Hearst style test: can ``long`` be the spelled-out form of ``short``?

    The letters and digits of ``short`` must occur in order in ``long``, the first one being
    the first letter of ``long`` (the long form must be the whole of ``long``), and ``long``
    must have 2 to ``min(len+5, 2*len)`` words. "MoE"/"Mixture of Experts",
    "ProGAN"/"Progressively Growing GAN" and "ARA"/"Accuracy-Robustness Area" pass;
    "Apollo"/"Adaptive Parameter-wise Diagonal Quasi-Newton Method" does not, nor does
    "NER"/"Zero-shot Named Entity Recognition".
    """
    s = [ch.lower() for ch in short if ch.isalnum()]
    if not s or len(long) <= len(short) or not any(ch.isalpha() for ch in s):
        return False
    n_words = len(words(long))
    if n_words < 2 or n_words > min(len(s) + 5, 2 * len(s)):
        return False
    lo = [ch for ch in long.lower() if ch.isalnum() or ch in " -"]
    start = next((i for i, ch in enumerate(lo) if ch.isalnum()), None)
    if start is None or lo[start] != s[0]:
        return False
    i = start + 1
    for ch in s[1:]:
        while i < len(lo) and lo[i] != ch:
            i += 1
        if i == len(lo):
            return False
        i += 1
    return True


def hyphen_variants(form: str) -> list[str]:
    """Spelling variants of a hyphenated name that authors use interchangeably.

    A hyphen next to an all-caps part or a number may be dropped ("R-CNN" -> "RCNN",
    "ResNet-50" -> "ResNet50", "GPT-4V" -> "GPT4V"); a hyphen between two words may become a
    space ("Soft Actor-Critic" -> "Soft Actor Critic"). Space-separated version suffixes get the
    hyphenated spelling ("MoCo v2" -> "MoCo-v2"). Returns variants other than ``form``.
    """
    out: list[str] = []
    parts = form.split("-")
    if len(parts) > 1 and all(parts):
        pairs = [(parts[i].split(" ")[-1], parts[i + 1].split(" ")[0]) for i in range(len(parts) - 1)]
        if all(_hyphen_droppable(a, b) for a, b in pairs):
            out.append("".join(parts))
        elif all(_hyphen_spaceable(a, b) for a, b in pairs):
            out.append(" ".join(parts))
    m = re.fullmatch(r"(.*\S) (v\d+(?:\.\d+)?)", form)
    if m:
        out.append(f"{m.group(1)}-{m.group(2)}")
    return [v for v in dict.fromkeys(out) if v != form]


def _hyphen_droppable(left: str, right: str) -> bool:
    """A hyphen between a name and a number ("ResNet-50", "GPT-4V") or between two short
    all-caps parts ("R-CNN", "VQ-VAE") is often left out."""
    if left[-1:].isalpha() and right[:1].isdigit():
        return True
    caps = lambda w: 1 <= len(w) <= 5 and w.isupper() and w.isalpha()  # noqa: E731
    return caps(left) and caps(right)


def _hyphen_spaceable(left: str, right: str) -> bool:
    """A hyphen between two real words ("Actor-Critic", "Zero-shot") is often a space; not
    after a prefix ("Pre-training" is not written "Pre training") nor before "Net"."""
    ok = lambda w: len(w) >= 3 and w.isalpha() and not w.isupper()  # noqa: E731
    return ok(left) and ok(right) and right.casefold() not in {"net", "nets"} \
        and left.casefold() not in {"pre", "non", "sub", "anti", "post"}


# ---------------------------------------------------------------------------------------------
# Noise and genericity rules (all types)
# ---------------------------------------------------------------------------------------------

_JUNK_CHARS = set("#$!?~[]{}|<>=;^\\`")


def is_noise(text: str, max_words: int = MAX_WORDS) -> bool:
    """True for strings that cannot be entity surface forms.

    Empty strings, "N/A", pure numbers and codes ("16k", "2k"), fewer than two letters ("3D";
    "R@1" is allowed),
    unbalanced brackets, more than ``max_words`` words, non-Latin scripts, junk characters
    ("^(#$!@#$)", "[[FAQs~charge]]"), URLs, questions and names starting with a symbol.
    """
    text = normalize_space(text)
    if not text or text.casefold() in {"n/a", "na", "none", "null", "-", "other", "others"}:
        return True
    if letter_count(text) < 2 and not re.fullmatch(r"[A-Za-z]@\d+", text):   # "R@1" is fine
        return True
    if re.fullmatch(r"[\d.,%]+[a-zA-Z]?", text):
        return True
    if not is_balanced(text):
        return True
    if len(words(text)) > max_words:
        return True
    if has_foreign_script(text):
        return True
    if any(ch in _JUNK_CHARS for ch in text) or "http" in text.casefold():
        return True
    if re.search(r"\*(?!\s|$)|(?<!\w)\*|@(?![\d.:]+)", text):  # "*" only as in "A*"; "@" as in "R@1"
        return True
    if not (text[0].isalnum() or text[0] in "(\"'"):
        return True
    if re.search(r"\w- |\w -\w", text):  # dangling hyphen: "Point- of-no-return"
        return True
    ws = words(text)
    if len(ws) >= 4 and all(w.isupper() for w in ws):  # shouting: "STATEGAME MAINTAIN PICTURE ..."
        return True
    return False


def singular(word: str) -> str:
    """Crude singular of a lower-case word, good enough for generic-word lookups."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def is_generic(text: str) -> bool:
    """True for a generic single word ("Attention", "Model", "Segmentation", ``GENERIC_WORDS``)
    or a phrase made only of filler words ("Neural Network", "Deep Learning Model",
    ``GENERIC_FILLERS``). "Object Detection" and "Graph Attention Network" are not generic."""
    ws = [singular(w.casefold()) for w in words(text)]
    if len(ws) == 1:
        return ws[0] in GENERIC_WORDS
    return bool(ws) and all(w in GENERIC_FILLERS or w in _FUNCTION_WORDS for w in ws)


_FUNCTION_WORDS = frozenset("a an and as at by for from in into of on or the to via with".split())


# ---------------------------------------------------------------------------------------------
# Corpus statistics and case sensitivity
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WordStats:
    """Counts from the abstract corpus.

    ``tokens``: case-preserved word counts (words split like ``_WORD_RE``: "GPT-4o" -> GPT, 4o).
    ``phrases``: lower-case counts of the multi-word phrases asked for when scanning.
    """

    tokens: Mapping[str, int]
    phrases: Mapping[str, int] = field(default_factory=dict)
    lower_phrases: Mapping[str, int] = field(default_factory=dict)  # the same, written in lower case
    # acronym definitions in the corpus: short form -> (all, with a lower-case long form)
    definitions: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    # the same, per short form: how often each long form (lower case) defines it
    long_forms: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    def usual_casing(self, word: str) -> str | None:
        """The spelling of ``word`` seen most often in the corpus (ties: alphabetical), if
        seen at least 3 times."""
        variants = {word, word.lower(), word.upper(), word.capitalize()}
        best = max(sorted(variants), key=lambda v: self.tokens.get(v, 0))
        return best if self.tokens.get(best, 0) >= 3 else None

    def lower(self, word: str) -> int:
        """How often ``word`` occurs written entirely in lower case."""
        return self.tokens.get(word.lower(), 0)

    def phrase(self, text: str) -> int:
        """Occurrences of ``text`` (case-insensitive, plural or not), 0 if it was not counted."""
        toks = [t.lower() for t in _WORD_RE.findall(text)]
        if not toks:
            return 0
        if len(toks) == 1:
            word = toks[0]
            return sum(self.tokens.get(v, 0) for v in {word, word.capitalize(), word.upper()})
        return sum(self.phrases.get(v, 0) for v in phrase_variants(" ".join(toks)))

    def phrase_in_lower_case(self, text: str) -> int:
        """Occurrences of the words of ``text`` written in lower case ("real-world", "social
        media"), plural or not; 0 if the phrase was not counted."""
        toks = [t.lower() for t in _WORD_RE.findall(text)]
        return sum(self.lower_phrases.get(v, 0) for v in phrase_variants(" ".join(toks))) if len(toks) > 1 else 0


def phrase_variants(phrase: str) -> list[str]:
    """A lower-case phrase with one word's trailing "s" toggled, to count
    "principal components analysis" as well as "principal component analysis"."""
    toks = phrase.split()
    out = [phrase]
    for i, t in enumerate(toks):
        alt = t[:-1] if t.endswith("s") and len(t) > 3 else t + "s"
        out.append(" ".join(toks[:i] + [alt] + toks[i + 1:]))
    return list(dict.fromkeys(out))


def is_ordinary_word(word: str, stats: WordStats, min_count: int = ORDINARY_MIN) -> bool:
    """True when ``word`` is written in lower case in running text at least ``min_count``
    times and at least half as often as in its given spelling ("focus", "align", "satellite";
    not "adam", nor "Cityscapes", which is mostly capitalised)."""
    if not word or not any(ch.isalpha() for ch in word):
        return False
    low = stats.lower(word)
    if low < min_count:
        return False
    same = stats.tokens.get(word, 0) if word != word.lower() else 0
    return low * 2 >= same


def casing_decision(form: str, kind: str, stats: WordStats, popular: bool = False,
                    min_word_count: int = ORDINARY_MIN) -> str:
    """Decide how a surface form may be matched: "ci" (case-insensitive), "cs" or "drop".

    ``kind`` is "name" for named things (methods, datasets) and "term" for descriptive terms
    (tasks, metrics), which authors write in lower case.

    * a (cased) stop word ("IS", "ALL", "On"): "drop";
    * a name that is one plain word, ordinary (``is_ordinary_word`` with ``min_word_count``:
      "Focus", "Satellite"; for datasets a lower threshold also catches "Chairs", "iris"),
      unless in ``TERM_WORDS``: "drop";
    * any form of at most ``SHORT_FORM_MAX`` characters: "cs" ("SAM", "Adam", "IoU", "ELMo");
    * a form without lower-case letters ("ALBERT", "IMPALA", "ADE20K", "ROUGE-L"): "cs" --
      acronyms are written in capitals, their lower-case twin is often a word or a name;
    * one word that is an ordinary word (``is_ordinary_word``):
        - listed in ``TERM_WORDS`` ("Dropout", "Softmax"): "ci";
        - a term spelled in lower or title case ("Summarization", "accuracy"): "ci";
        - a name in capitals or mixed case ("ALIGN", "GLOW", "ZeRO"): "cs";
        - a name in lower or title case ("Focus", "Satellite", "iris"): "drop";
    * any other name that is one capitalised word ("Chimera", "Hydra", "Cityscapes"): "cs",
      unless listed in ``TERM_WORDS``;
    * a name made of one word and numbers: "drop" when the word is ordinary and the number
      stands apart ("Phase 1", "dim 512", "12 Scenes"), otherwise "ci" ("Food-101", "Office-31");
    * a name of one or two content words, all ordinary, that is not ``popular`` ("Adaptive
      Masking", "Hateful Memes"): "cs" (only the capitalised spelling marks the name);
    * a longer name that reads like a description, with ordinary lower-case words after the
      first ("Switchboard dialogue act corpus", "Epilepsy seizure prediction"): "cs";
    * anything else: "ci" (longer phrases are specific enough: "Deep Stereo Geometry Network").
    """
    form = normalize_space(form)
    if form.casefold() in STOP_WORDS:
        return "drop"
    if kind == "name" and re.fullmatch(r"[A-Za-z][a-z]+", form) and not (
            form.casefold() in TERM_WORDS or singular(form.casefold()) in TERM_WORDS):
        if is_ordinary_word(form, stats, min_word_count):
            return "drop"
    compact = re.sub(r"[\s\-]", "", form)
    if len(compact) <= SHORT_FORM_MAX:
        return "cs"
    if not any(ch.islower() for ch in form):
        return "cs"
    ws = words(form)
    alpha = [w for w in ws if any(ch.isalpha() for ch in w)]
    if len(ws) == 1:
        word = ws[0]
        term = word.casefold() in TERM_WORDS or singular(word.casefold()) in TERM_WORDS
        if term:
            return "ci"
        plain = word == word.lower() or word == word.capitalize()
        if not is_ordinary_word(word, stats):
            titled = re.fullmatch(r"[A-Z][a-z]+", word) is not None
            # a coined spelling of a word ("SubSumE"): matched in any case, it tags "subsume"
            coined = not plain and is_ordinary_word(word, stats, min_word_count)
            return "cs" if kind == "name" and (titled or coined) else "ci"
        if kind == "term":
            return "ci" if plain else "cs"
        return "drop" if plain else "cs"
    if kind == "name" and len(alpha) == 1 and all(w == alpha[0] or w.isdigit() for w in ws):
        word = alpha[0]
        plain = word == word.lower() or word == word.capitalize()
        if " " in form and plain and is_ordinary_word(word, stats):
            return "drop"
        return "ci"
    if kind == "name" and not popular:
        content = [w for w in alpha if w.casefold() not in _FUNCTION_WORDS]
        if 0 < len(content) <= 2 and all(is_ordinary_word(w, stats) for w in content):
            return "cs"
        lower_rest = [w for w in content[1:] if w.islower() and w.isalpha()]
        if len(content) > 2 and lower_rest and all(is_ordinary_word(w, stats) for w in lower_rest):
            return "cs"
    return "ci"


def acronym_unattested(acronym: str, expansion: str, stats: WordStats) -> bool:
    """True when the corpus uses the all-caps ``acronym`` but (almost) never its ``expansion``.

    Then the acronym stands for something else in current papers ("SFT" is supervised
    fine-tuning, not PwC's "Shrink and Fine-Tune"; "GPS", "SNN", "MAS" likewise) and is not
    a useful alias. The expansion must be seen at least once per ``ACRONYM_EXPANSION_RATIO``
    uses of the acronym. Acronyms seen fewer than ``ACRONYM_MIN_SEEN`` times are not judged,
    except two-letter ones ("TS", "FA"), which are too ambiguous to keep without evidence.
    Mixed-case coinages ("ALiBi", "ProGAN") are distinctive and never judged.
    """
    if not re.fullmatch(r"[A-Z][A-Z0-9]{1,5}", acronym):
        return False
    seen = stats.tokens.get(acronym, 0)
    if seen < (1 if len(acronym) <= 2 else ACRONYM_MIN_SEEN):
        return False
    return stats.phrase(expansion) * ACRONYM_EXPANSION_RATIO < seen


# ---------------------------------------------------------------------------------------------
# Per-type extraction rules
# ---------------------------------------------------------------------------------------------


def clean_name(raw: str) -> str | None:
    """Shared first pass: whitespace, dashes, edge punctuation; ``None`` when noise."""
    text = strip_edge_punct(normalize_space(raw))
    if is_noise(text):
        return None
    return text


def split_acronym_group(text: str) -> tuple[str, list[str]] | None:
    """Split "Long Form (LF)" / "LF (Long Form)" into (base, [other spelling]).

    A trailing parenthetical group that is an acronym/expansion pair of the base becomes an
    alias; other groups are qualifiers and are dropped ("Mean IoU (test)" -> "Mean IoU",
    "ENF (Electric Network Frequency) Detection" -> "ENF Detection").
    Returns ``None`` if nothing sensible is left.
    """
    base, groups = split_parentheticals(text)
    base = strip_edge_punct(base)
    if not base:
        return None
    aliases = []
    trailing = groups[-1:] if text.rstrip().endswith(")") else []
    for g in trailing:
        g = strip_edge_punct(g)
        if not g:
            continue
        if is_acronym_like(g) and is_expansion(g, base):
            aliases.append(g)
        elif is_acronym_like(base) and is_expansion(base, g) and not is_noise(g):
            aliases.append(g)
    return base, aliases


def method_forms(name: str, full_name: str | None) -> tuple[str, list[str]] | None:
    """Label and aliases of a PwC method.

    The label is ``full_name`` when it spells out ``name`` ("MoE" -> "Mixture of Experts",
    tested with ``is_expansion``) or when ``name`` is a truncation of it; otherwise ``name``,
    with a clean ``full_name`` kept as an alias. Paper titles ("...: ...", "SAFRAN - Scalable
    and fast ..."), double names ("Mutual Information Machine/Mask Image Modeling") and noisy
    full names are dropped. Parenthetical acronyms become aliases; other parentheticals are removed
    ("Soft Actor-Critic (Autotuned Temperature)" -> "Soft Actor-Critic").
    """
    bases: list[str] = []
    extras: list[str] = []
    for raw in (name, full_name or ""):
        text = clean_name(raw)
        title_like = text is None or re.search(r":\s|\s-{1,2}\s|/", text)
        split = None if title_like else split_acronym_group(text)
        if split is None:
            bases.append("")
            continue
        bases.append(split[0])
        extras.extend(split[1])
    short, long = bases
    if not short and not long:
        return None
    if not short:
        label, aliases = long, []
    elif not long or surface_key(long) == surface_key(short):
        label, aliases = short, []
    elif is_expansion(short, long) or surface_key(long).startswith(surface_key(short)):
        label, aliases = long, [short]
    else:
        label, aliases = short, [long]
    aliases = [a for a in dict.fromkeys(aliases + extras) if surface_key(a) != surface_key(label)]
    return label, aliases


_SPLIT_RE = re.compile(
    r"(?:[\s\-]+|\s*-\s*)(?:%s)(?:[\s\-]?(?:\d{4}|\d{2}|[A-Ba-b]|set|split|subset))?$"
    % "|".join(re.escape(w) for w in SPLIT_WORDS),
    re.IGNORECASE,
)
_LABELED_RE = re.compile(
    r"[\s\-]*\(?\d+(?:\.\d+)?\s*%\s*(?:of\s+)?(?:labeled|labelled|labels?|data|training data)"
    r"(?:\s+data)?\)?$",
    re.IGNORECASE,
)
_SHOT_RE = re.compile(
    r"[\s\-,]+(?:\d+[\s\-]?(?:way|shot|shots)|\d+\s*[x×]\s*\d+)$", re.IGNORECASE)
_LANGPAIR_RE = re.compile(
    r"\s+(?:[a-z]{2,3}(?:_[A-Z][a-z]{3})?-[a-zA-Z]{1,3}(?:_[A-Z][a-z]{3})?|"
    r"([A-Z][a-z]+)(?:-to-|-|\s+to\s+)([A-Z][a-z]+))$"
)
LANG_PAIR_RE = re.compile(r"[a-z]{2,3}(?:_[A-Z][a-z]{3})?-[a-zA-Z]{1,3}(?:_[A-Z][a-z]{3})?")
_DATASET_WORD_RE = re.compile(r"\s+(?:dataset|datasets|data set|data sets)$", re.IGNORECASE)
_TASK_SUFFIX_RE = re.compile(r"\s+(?:sub)?task\s*\d+(?:[\-.]\d+)?$", re.IGNORECASE)


def strip_split_suffix(name: str) -> str:
    """Strip benchmark split/subset markers from a dataset name, repeatedly.

    "COCO test-dev" -> "COCO", "BDD100K val" -> "BDD100K", "VisDrone- 1% labeled data" ->
    "VisDrone", "dacl10k v1 testfinal" -> "dacl10k v1", "RefCOCO+ test B" -> "RefCOCO+",
    "COCO val2017" -> "COCO", "WMT2014 English-German" -> "WMT2014", "ISIC 2017 Task 2" ->
    "ISIC 2017", "Hyper-Kvasir Dataset" -> "Hyper-Kvasir", "KITTI Cars Hard" -> "KITTI Cars",
    "xnli tr" -> "xnli", "Common Voice 8.0 German" -> "Common Voice 8.0".
    """
    prev = None
    text = name
    while text != prev:
        prev = text
        for rx in (_LABELED_RE, _SHOT_RE, _TASK_SUFFIX_RE, _DATASET_WORD_RE):
            text = rx.sub("", text)
        m = _SPLIT_RE.search(text)
        if m and m.start() > 0:
            text = text[: m.start()]
        m = re.search(r"(?:[\s\-](?:[a-z]{2}|%s))+$" % "|".join(DIFFICULTY_WORDS), text, re.I) \
            if " " in text or "-" in text else None
        if m and m.start() > 0 and (m.group(0).strip(" -").islower()
                                    or m.group(0).strip(" -").casefold() in DIFFICULTY_WORDS):
            text = text[: m.start()]
        m = re.search(r"\s([A-Z][a-z]+)$", text)
        if m and m.start() > 0 and m.group(1).casefold() in LANGUAGES:
            text = text[: m.start()]
        m = _LANGPAIR_RE.search(text)
        if m and m.start() > 0 and (
            m.group(1) is None
            or (m.group(1).lower() in LANGUAGES and m.group(2).lower() in LANGUAGES)
        ):
            text = text[: m.start()]
        text = strip_edge_punct(text)
    return text


def dataset_forms(raw: str) -> tuple[str, list[str]] | None:
    """Base dataset name and aliases from a "Common Datasets" or "Benchmarks" value.

    Drops noise, comparisons ("CIFAR-10 vs iSUN"), lists ("NATS-Bench Size, CIFAR-10",
    "SBU / SBU-Refine", slashes other than in "CNN/Daily Mail"), domain-adaptation pairs ("GTAV+Synscapes to Cityscapes"), file-like
    names with underscores ("EUEN17037_Daylight_and_View_Standard_TestDataSet"), Hugging Face
    paths ("grit-id/id_nergrit_corpus ner"), citations ("Pollen et al"), settings ("no extra
    data") and descriptive titles ("A Dataset of ...", more than ``DATASET_MAX_WORDS`` words);
    keeps the name before a colon ("C2A: Human Detection ..." -> "C2A"); strips qualifiers in
    brackets and split suffixes (``strip_split_suffix``).
    """
    text = strip_edge_punct(normalize_space(raw))
    text = re.split(r"\s+-{1,2}\s+", text)[0]
    if ":" in text and not re.search(r"\d:\d", text):
        head = strip_edge_punct(text.split(":", 1)[0])
        if head and len(words(head)) <= 3:
            text = head
    text = clean_name(text) if text else None
    if text is None:
        return None
    if re.search(r"\bvs\.?\s|,|_|\*|\.(?:com|org|net)\b|\s/\s|\bet al\b|\sto\s|[a-z]-to-[A-Z]|→",
                 text) or LANG_PAIR_RE.fullmatch(text) \
            or re.match(r"[a-z0-9][\w.\-]*/[\w.\-]+", text) \
            or re.match(r"(?:no|with|without|using)\s", text, re.I):
        return None
    if "/" in text and not re.fullmatch(r"[A-Z0-9]+/[^/]+", text) or len(words(text)) > 3 and "/" in text:
        return None   # "SurgeGlobal/Evol-Instruct", "UJ-CS/Math/Phy"; "CNN/Daily Mail" is fine
    if re.match(r"(?:a|an)\s", text, re.IGNORECASE) and len(words(text)) >= 3:
        return None
    split = split_acronym_group(text)
    if split is None:
        return None
    base, aliases = split
    base = strip_split_suffix(base)
    if not base or is_noise(base) or is_generic(base) or base.casefold() in NOT_DATASETS:
        return None
    if base.casefold() in SPLIT_WORDS or len(words(base)) > DATASET_MAX_WORDS:
        return None
    if words(base)[-1].casefold() in _FUNCTION_WORDS:   # "Replication Data for"
        return None
    aliases = [a for a in aliases if surface_key(a) != surface_key(base)]
    return base, aliases


def metric_forms(raw: str) -> tuple[str, list[str]] | None:
    """Normalised metric name and aliases from a "SOTA Metrics" value, or ``None``.

    Removes qualifiers in brackets ("Mean IoU (test)" -> "Mean IoU", "Accuracy (%)" ->
    "Accuracy") but turns acronym groups into aliases ("Word Error Rate (WER)"); strips "Test",
    "Val", "Validation" prefixes and "%" signs; drops cost columns (``is_cost_metric``), names
    with no metric word (``has_metric_head``) and generic ones ("Score", "Average").
    """
    text = normalize_space(raw)
    text = re.split(r"\s+-{1,2}\s+", text)[0]
    text = re.sub(r"\s*\(\s*%\s*\)|%", " ", text)
    text = normalize_space(text)
    text = clean_name(text) if text else None
    if text is None or len(words(text)) > 6 or re.search(r"[/_,&]|^\d", text):
        return None
    if is_cost_metric(text):
        return None
    split = split_acronym_group(text)
    if split is None:
        return None
    base, aliases = split
    base = re.sub(r"^(?:test|val|validation|dev|eval|evaluation)\s+", "", base, flags=re.I)
    base = re.sub(r"[\s\-]+(?:test|train|val|validation|dev|in|on|of|for|at)$", "", base, flags=re.I)
    base = strip_edge_punct(base)
    if not base or is_noise(base) or is_cost_metric(base) or not has_metric_head(base):
        return None
    if all(singular(w.casefold()) in GENERIC_METRIC_WORDS or w.casefold() in _FUNCTION_WORDS
           for w in words(base)):
        return None
    if re.search(r"\b(?:task|group|class|level|split|subset|set)\s*\d", base, re.I):
        return None
    if re.search(r"(?:^|[\s\-])[^\W\d_](?=$|[\s\-](?![Mm]easure|[Ss]core))", base):
        return None   # one-letter qualifiers: "mAP M", "A-acc", "AP75-H" (not "F-measure")
    return base, [a for a in aliases if surface_key(a) != surface_key(base)]


def metric_words(text: str) -> set[str]:
    """Words of a metric name, lower case, trailing digits and single letters left out
    ("mAP@0.5:0.95" -> {"map"}, "Top-1 Accuracy" -> {"top", "accuracy"}, "AP50" -> {"ap"},
    "R@1" -> set(), "PSNR 4x T2w" -> {"psnr", "t2w"})."""
    toks = re.findall(r"[^\W\d_]+(?:\d+[^\W\d_]+)*", text.casefold())
    return {w for w in toks if len(w) > 1}


def metric_vocabulary(names: Iterable[str], min_names: int = METRIC_VOCAB_MIN) -> frozenset[str]:
    """Words shared by at least ``min_names`` metric names that differ in more than numbers
    (``metric_words``): the generic metric vocabulary ("accuracy", "mean", "error", "top")
    as opposed to benchmark-specific qualifiers ("ACL", "Somersaults", "OTAM")."""
    seen: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for name in set(names):
        stem = tuple(sorted(metric_words(name)))   # "OTAM R@1" and "OTAM R@5" share a stem
        for w in stem:
            seen[w].add(stem)
    return frozenset(w for w, stems in seen.items() if len(stems) >= min_names) | METRIC_HEAD_WORDS


def uses_metric_vocabulary(text: str, vocab: frozenset[str]) -> bool:
    """True when every word of the metric name is metric vocabulary (``metric_vocabulary``):
    "Average Top-1 Accuracy" passes, "AUC on ACL Tear" and "Accuracy of Neurotism" do not."""
    return all(w in vocab or w in _FUNCTION_WORDS for w in metric_words(text))


def is_cost_metric(text: str) -> bool:
    """True for parameter/cost/speed columns ("Params (M)", "FPS", "GFLOPs", "Operations per
    network pass", "runtime (s)") and for symbol-only columns ("μ")."""
    toks = [t.casefold() for t in re.findall(r"[^\W\d_]+", text)]
    if not toks:
        return True
    if "operations" in toks or "inference" in toks and "time" in toks:
        return True
    return any(t in COST_METRIC_WORDS for t in toks)


def has_metric_head(text: str) -> bool:
    """True when the name contains a known metric word ("Top-1 Accuracy", "mAP@0.5:0.95",
    "AP50", "R@1", "Hits@10", "nDCG@10", "BLEU-4", "Word Error Rate")."""
    folded = text.casefold()
    toks = set(re.findall(r"[a-z]+", folded))
    if toks & METRIC_HEAD_WORDS:
        return True
    return bool(re.search(r"\b(?:ap|map|r|hits?|ndcg|p|pass|recall|acc)@", folded)) or bool(
        re.fullmatch(r"(?:m?ap|ar|r|p)\d+|m?ap[sml]|ap_?(?:small|medium|large)", folded)
    )


def task_forms(raw: str) -> tuple[str, list[str]] | None:
    """Task name and aliases from a task list entry, or ``None``.

    Strips " - qualifier" / " -- qualifier" tails ("Speech Synthesis - Manipuri"), bracketed
    qualifiers ("Action Classification (zero-shot)") while keeping acronyms ("Named Entity
    Recognition (NER)"); drops benchmark sub-tasks ("... task 2", "Translation deu-eng"),
    slash alternatives ("Age/Unbiased"), lists (commas, "&", "+"), questions ("How to ..."),
    names with underscores in capitals ("LABELED_DEPENDENCIES"), codes and numbered variants
    ("4K 60Fps", "PSO-ConvNets Dynamics 1"), metrics ("BBBC021 NSC Accuracy"), non-ASCII names
    and single words that are not specific tasks (``keep_single_word_task``).
    """
    text = normalize_space(raw).replace("_", " ") if "_" in raw and raw.islower() else normalize_space(raw)
    text = re.split(r"\s+-{1,2}\s*(?=\S)", text)[0]
    text = strip_edge_punct(text)
    if not text or is_noise(text) or LANG_PAIR_RE.fullmatch(text):
        return None
    if re.search(r"[/,&+_]", text):
        return None
    if re.match(r"(?:how|what|why|when|where|which|who)\b", text, re.IGNORECASE):
        return None
    split = split_acronym_group(text)
    if split is None:
        return None
    base, aliases = split
    base = strip_edge_punct(base)
    if not base or is_noise(base):
        return None
    base = re.sub(r"\s+split\s+\w+$", "", base, flags=re.I)
    if _TASK_SUFFIX_RE.search(base) or re.search(r"\b(?:task|split|level)\s*\d", base, re.I):
        return None
    if re.search(r"\s[a-z]{3}(?:_[A-Z][a-z]{3})?-[a-z]{3}$|\s[a-z]{2}-[a-z]{2}$", base):
        return None
    if len(words(base)) == 1 and not keep_single_word_task(base):
        return None
    if " " not in base and "-" in base and not (
            re.search(r"\w-to-\w", base, re.I) or words(base)[-1].casefold().endswith(TASK_SUFFIXES)):
        return None   # hyphenated adjectives are not tasks: "Cross-Lingual", "Exemplar-Free"
    if not base.isascii() or not re.search(r"[a-z]{3}", base):   # "4K 60Fps", "RACE-m"
        return None
    if re.search(r"\s\d+(?:[-.]\d+)*$|\s(?:level|track|phase|stage)[\s\-]?\d+$", base, re.I):
        return None   # numbered variants: "PSO-ConvNets Dynamics 1", "... Detection Level-1"
    if words(base)[-1].casefold() in {"accuracy", "acc", "score", "f1", "auc", "error"}:
        # a metric column, not a task: "BBBC021 NSC Accuracy"
        return None
    if is_generic(base):
        return None
    return base, [a for a in aliases if surface_key(a) != surface_key(base)]


def keep_single_word_task(word: str) -> bool:
    """Single-word tasks are kept only when specific: a task-like ending ("Summarization",
    "Dehazing", "Steganalysis", "Lemmatization"), not generic ("Segmentation", "Retrieval"),
    written as a word rather than an acronym or name ("NER", "MMLU", "Minecraft")."""
    low = word.casefold()
    if not re.fullmatch(r"[A-Za-z][a-z]+", word):
        return False
    if singular(low) in GENERIC_WORDS:
        return False
    return low.endswith(TASK_SUFFIXES)


# ---------------------------------------------------------------------------------------------
# Entries, merging and conflicts
# ---------------------------------------------------------------------------------------------


@dataclass
class Form:
    text: str
    case_sensitive: bool = False
    ambiguous: bool = False
    explicit: bool = False   # flags given by hand (curated); rules do not override them


@dataclass
class Entry:
    type: str
    label: str
    aliases: dict[str, Form] = field(default_factory=dict)
    support: Counter = field(default_factory=Counter)   # label spelling -> times seen
    curated: bool = False
    popular: bool = False
    label_form: Form | None = None
    acronym_of_label: set[str] = field(default_factory=set)

    def add_alias(self, text: str, **flags) -> None:
        text = normalize_space(text)
        if text and text not in self.aliases:
            self.aliases[text] = Form(text, **flags)

    def forms(self) -> list[Form]:
        assert self.label_form is not None
        return [self.label_form, *self.aliases.values()]


def label_rank(text: str, support: int) -> tuple:
    """Sort key choosing the display label among spellings of the same name: no slug
    ("named-entity-recognition") or "_", not all lower case ("cifar10" < "CIFAR-10"), then the
    most frequent spelling, then mixed case before ALL CAPS, then alphabetical."""
    slug = text == text.lower() and "-" in text and " " not in text
    lower = not any(ch.isupper() for ch in text)
    upper = not any(ch.islower() for ch in text)
    weird = bool(re.search(r"[a-z][A-Z]{2,}[a-z]|[A-Z]{2,}[a-z][A-Z]", text)) and len(words(text)) > 1
    return (slug or "_" in text, lower or weird, -support, upper, text)


def group_candidates(kind: str, cands: Iterable[tuple[str, list[str], int, bool]],
                     merge_on_alias: bool) -> list[Entry]:
    """Merge candidate (label, aliases, weight, popular) tuples whose labels share a
    ``surface_key``; with ``merge_on_alias``, also fold an entry into the one whose label
    equals its alias ("WER" into "Word Error Rate"). Returns entries with chosen labels."""
    by_key: dict[str, Entry] = {}
    for label, aliases, weight, popular in cands:
        key = surface_key(label)
        e = by_key.get(key)
        if e is None:
            e = by_key[key] = Entry(kind, label)
        e.support[label] += weight
        e.popular = e.popular or popular
        for a in aliases:
            e.add_alias(a)
            e.acronym_of_label.add(a)
    if merge_on_alias:
        for key in sorted(by_key):
            e = by_key.get(key)
            if e is None:
                continue
            for a in list(e.aliases):
                other = by_key.get(surface_key(a))
                if other is not None and other is not e and not other.aliases:
                    e.support.update({a: 0})
                    for sp, n in other.support.items():
                        if surface_key(sp) != surface_key(e.label):
                            e.add_alias(sp)
                    e.popular = e.popular or other.popular
                    del by_key[surface_key(a)]
    out = []
    for e in by_key.values():
        spellings = sorted(e.support.items(), key=lambda kv: label_rank(kv[0], kv[1]))
        e.label = spellings[0][0]
        for sp, _ in spellings[1:]:
            e.add_alias(sp)
        e.aliases.pop(e.label, None)
        out.append(e)
    return out


def load_additions(path: Path) -> dict[str, list[Entry]]:
    """Read the curated entries: ``{"method": [{"label", "aliases": [str | {"text",
    "case_sensitive"?, "ambiguous"?}], "case_sensitive"?, "ambiguous"?}], ...}``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, list[Entry]] = {t: [] for t in TYPES}
    for kind in TYPES:
        for item in data.get(kind, []):
            e = Entry(kind, normalize_space(item["label"]), curated=True, popular=True)
            e.support[e.label] = 10**6
            e.label_form = _form_from_json(e.label, item)
            for a in item.get("aliases", []):
                a = {"text": a} if isinstance(a, str) else a
                f = _form_from_json(normalize_space(a["text"]), a)
                e.aliases[f.text] = f
            out[kind].append(e)
    return out


def _form_from_json(text: str, item: Mapping) -> Form:
    explicit = "case_sensitive" in item
    return Form(text, bool(item.get("case_sensitive", False)), bool(item.get("ambiguous", False)),
                explicit)


def absorb_into_curated(curated: list[Entry], entries: list[Entry], log: list[str]) -> list[Entry]:
    """Fold PwC entries whose label collides with a curated form into the curated entry; the
    curated label and flags win, the PwC spellings become aliases."""
    index: dict[str, Entry] = {}
    for c in curated:
        for t in [c.label, *c.aliases]:
            index.setdefault(surface_key(t), c)
    rest = []
    for e in entries:
        c = index.get(surface_key(e.label))
        if c is None:
            rest.append(e)
            continue
        log.append(f"merge\t{e.type}\tPwC {e.label!r} into curated {c.label!r}")
        for t in [e.label, *e.aliases]:
            if surface_key(t) != surface_key(c.label) and t not in c.aliases:
                c.add_alias(t)
    return rest


def recase_label(e: Entry, stats: WordStats) -> None:
    """A PwC label spelled all in lower case ("mmlu", "snli") takes the spelling the corpus
    uses for it ("MMLU", "SNLI")."""
    if e.curated or not re.fullmatch(r"[a-z][a-z0-9]+", e.label):
        return
    best = stats.usual_casing(e.label)
    if best and best != e.label and best.lower() == e.label:
        e.label = best
        e.aliases.pop(best, None)


def apply_casing(e: Entry, stats: WordStats, log: list[str]) -> bool:
    """Set case flags on every form of ``e`` (``casing_decision``), add hyphen variants and
    drop forms ruled out. Returns False when the entry itself must go (its label is dropped).

    Curated forms are never dropped (a "drop" verdict makes them case-insensitive).
    """
    kind = "name" if e.type in ("method", "dataset") else "term"
    min_count = DATASET_ORDINARY_MIN if e.type == "dataset" else ORDINARY_MIN
    if e.label_form is None:
        e.label_form = Form(e.label)
    if not e.label_form.explicit:
        d = casing_decision(e.label, kind, stats, e.popular, min_count)
        if not e.curated and e.type == "dataset" and is_ordinary_phrase(e.label, stats):
            log.append(f"drop\t{e.type}\t{e.label!r}\tordinary phrase as a name")
            return False
        if not e.curated and e.type == "task" and names_things(e.label):
            log.append(f"drop\t{e.type}\t{e.label!r}\tnames things, not an activity")
            return False
        if not e.curated and e.type == "dataset" and defined_as_a_term(e.label, stats):
            log.append(f"drop\t{e.type}\t{e.label!r}\tan abbreviation of a term")
            return False
        if not e.curated and e.type == "dataset" and unseen_lower_case_word(e.label, stats):
            log.append(f"drop\t{e.type}\t{e.label!r}\ta lower-case word the corpus never writes")
            return False
        if not e.curated and (d == "drop" or too_short_to_trust(e.label, e)):
            log.append(f"drop\t{e.type}\t{e.label!r}\t"
                       + ("ordinary word as a name" if d == "drop" else "too short, seen once"))
            return False
        e.label_form.case_sensitive = d == "cs" or (e.type == "dataset" and camel_case_of_a_phrase(e.label, stats))
    for text in [e.label, *e.aliases]:
        for v in hyphen_variants(text):
            if v not in e.aliases:
                e.aliases[v] = Form(v)
    for text, f in list(e.aliases.items()):
        if f.explicit:
            continue
        d = casing_decision(text, kind, stats, e.popular, min_count)
        if e.curated:
            f.case_sensitive = d == "cs"
            continue
        why = ""
        if is_noise(text) or is_generic(text):
            why = "noise or generic"
        elif e.type == "dataset" and is_ordinary_phrase(text, stats):
            why = "ordinary phrase"
        elif e.type == "dataset" and defined_as_a_term(text, stats):
            why = "an abbreviation of a term"
        elif d == "drop":
            why = "ordinary word"
        elif too_short_to_trust(text, e):
            why = "too short, seen once"
        elif (e.type == "method" and text in e.acronym_of_label
              and acronym_unattested(text, e.label, stats)):
            why = "acronym used for something else"
        if why:
            log.append(f"drop-alias\t{e.type}\t{e.label!r}\t{text!r}\t{why}")
            del e.aliases[text]
            continue
        f.case_sensitive = d == "cs" or (e.type == "dataset" and camel_case_of_a_phrase(text, stats))
    dedupe_aliases(e)
    return True


def unseen_lower_case_word(label: str, stats: WordStats) -> bool:
    """True for a dataset label of one lower-case word that no abstract writes, in any case
    ("pathbased"): it would only ever match its hyphen and space variants, which are ordinary
    words ("path-based methods")."""
    return re.fullmatch(r"[a-z]+", label) is not None and stats.usual_casing(label) is None


def too_short_to_trust(text: str, e: Entry) -> bool:
    """Forms of at most two letters/digits ("LA", "EM", "TS") collide with too much; a PwC
    form that short is kept only for a popular method or a name seen in several PwC cells."""
    if len(re.sub(r"[^0-9A-Za-z]", "", text)) > 2:
        return False
    if e.type == "method":
        return not e.popular
    return sum(e.support.values()) < 2


def dedupe_aliases(e: Entry) -> None:
    """Remove aliases equal to the label or to another alias, modulo case when either form is
    case-insensitive (case-sensitive spellings that differ only in case, "IoU"/"IOU", are kept;
    a case-insensitive twin of a case-sensitive label, "boston" for "Boston", is dropped)."""
    assert e.label_form is not None
    kept: list[Form] = [e.label_form]
    out: dict[str, Form] = {}
    for text in sorted(e.aliases, key=lambda t: (e.aliases[t].case_sensitive, t)):
        f = e.aliases[text]
        fold = text.casefold()
        dup = any(
            text == k.text or (fold == k.text.casefold() and (not k.case_sensitive or k is e.label_form))
            for k in kept
        )
        # a spelling that only adds hyphens to the label ("coreference-resolution") adds nothing
        slug = text.count("-") > e.label.count("-") and \
            text.replace("-", " ").casefold() == e.label.replace("-", " ").casefold()
        if not dup and not slug:
            kept.append(f)
            out[text] = f
    e.aliases = out


def forms_collide(a: Form, b: Form) -> bool:
    """Two forms compete for the same text span: same ``surface_key`` and either one is
    case-insensitive or both have the same casing ("mAP" and "MAP", both case-sensitive, do not)."""
    if surface_key(a.text) != surface_key(b.text):
        return False
    if a.case_sensitive and b.case_sensitive:
        return exact_key(a.text) == exact_key(b.text)
    return True


#: Which type keeps a surface form that two PwC-derived types both claim (curated entries
#: always win). Metrics beat datasets ("AP", "PSNR" listed as benchmarks) and tasks ("Success
#: Rate"); datasets beat tasks ("a task that is only a dataset name"); methods beat tasks
#: ("Knowledge Distillation", "Q-Learning", "Dynamic Time Warping"). A method and a dataset
#: with the same name ("SGD" the optimiser and the dialogue corpus, "SSD", "CARLA") are both
#: real: the form is marked ambiguous in both.
TYPE_PRIORITY = {"metric": 0, "dataset": 1, "method": 2, "task": 3}
AMBIGUOUS_TYPE_PAIRS = {frozenset({"method", "dataset"})}
#: Forms (by ``surface_key``) whose type is decided by hand against ``TYPE_PRIORITY``: PwC
#: lists them as methods, but abstracts use them as task names.
TYPE_OVERRIDES = {"colorization": "task", "causalinference": "task"}


def resolve_conflicts(entries: dict[str, list[Entry]], log: list[str]) -> list[str]:
    """Make every surface form belong to one entry unless marked ambiguous.

    * A form shared with a curated entry that is not ``ambiguous`` is removed from the other
      entry; when both sides are curated or the curated form is ``ambiguous``, both are marked
      ambiguous.
    * PwC-only forms shared inside one type: the entry whose label it is keeps it; if it is an
      alias of several entries, all are marked ambiguous.
    * PwC-only forms shared across types: kept by the type with the better ``TYPE_PRIORITY``,
      or marked ambiguous for the pairs in ``AMBIGUOUS_TYPE_PAIRS``.
    An entry whose label is removed is dropped. Returns human-readable conflict lines: the
    removals, then every surface form left shared by several entries (all marked ambiguous).
    """
    report: list[str] = []
    for _ in range(3):   # removals do not create new collisions, but make sure
        index = _form_index(entries)
        changed = False
        dropped: set[int] = set()
        for key in sorted(index):
            group = index[key]
            if len(group) < 2:
                continue
            for i in range(len(group)):
                for j in range(i + 1, len(group)):
                    (e1, f1, l1), (e2, f2, l2) = group[i], group[j]
                    if e1 is e2 or id(e1) in dropped or id(e2) in dropped:
                        continue
                    if not forms_collide(f1, f2) or (f1.ambiguous and f2.ambiguous):
                        continue
                    res = _resolve_pair((e1, f1, l1), (e2, f2, l2))
                    desc = (f"{f1.text!r} [{e1.type}: {e1.label}] vs "
                            f"{f2.text!r} [{e2.type}: {e2.label}]")
                    if res == "ambiguous":
                        f1.ambiguous = f2.ambiguous = True
                        continue
                    loser, lf, ll = (e1, f1, l1) if res == "first-loses" else (e2, f2, l2)
                    winner = e2 if loser is e1 else e1
                    changed = True
                    if ll:
                        dropped.add(id(loser))
                        report.append(f"drop-entry\t{desc}\t-> {loser.type} {loser.label!r} "
                                      f"dropped, kept by {winner.type} {winner.label!r}")
                    else:
                        loser.aliases.pop(lf.text, None)
                        report.append(f"drop-alias\t{desc}\t-> alias removed from "
                                      f"{loser.type} {loser.label!r}")
        for kind in TYPES:
            entries[kind] = [e for e in entries[kind] if id(e) not in dropped]
        if not changed:
            break
    index = _form_index(entries)
    for key in sorted(index):
        group = index[key]
        pairs = [(a, b) for i, a in enumerate(group) for b in group[i + 1:]
                 if a[0] is not b[0] and forms_collide(a[1], b[1])]
        for (e1, f1, _), (e2, f2, _) in pairs:
            if not (f1.ambiguous and f2.ambiguous):
                raise AssertionError(f"unresolved conflict: {f1.text!r} / {f2.text!r}")
            report.append(f"ambiguous\t{f1.text!r} [{e1.type}: {e1.label}] vs "
                          f"{f2.text!r} [{e2.type}: {e2.label}]")
    log.extend(report)
    return report


def _form_index(entries: dict[str, list[Entry]]) -> dict[str, list[tuple[Entry, Form, bool]]]:
    """surface_key -> [(entry, form, is_label)] over all types, in a stable order."""
    index: dict[str, list[tuple[Entry, Form, bool]]] = defaultdict(list)
    for kind in TYPES:
        for e in sorted(entries[kind], key=lambda e: (e.label.casefold(), e.label)):
            for i, f in enumerate(e.forms()):
                index[surface_key(f.text)].append((e, f, i == 0))
    return index


def _resolve_pair(a: tuple[Entry, Form, bool], b: tuple[Entry, Form, bool]) -> str:
    """Decide one collision: "ambiguous", "first-loses" or "second-loses"."""
    (e1, f1, l1), (e2, f2, l2) = a, b
    if f1.ambiguous or f2.ambiguous:
        return "ambiguous"
    if e1.curated and e2.curated:
        # two hand-written entries claiming one form is a slip in lexicon_additions.json unless
        # the form is marked ambiguous there (handled above)
        raise ValueError(f"lexicon_additions.json: {f1.text!r} is a form of both {e1.type} {e1.label!r} "
                         f"and {e2.type} {e2.label!r}; keep it in one entry or mark it \"ambiguous\": true")
    if e1.curated != e2.curated:
        return "second-loses" if e1.curated else "first-loses"
    if e1.type == e2.type:
        if l1 and not l2:
            return "second-loses"
        if l2 and not l1:
            return "first-loses"
        if l1 and l2:   # identical labels should have been merged; keep the better supported
            return "second-loses" if sum(e1.support.values()) >= sum(e2.support.values()) else "first-loses"
        return "ambiguous"
    override = TYPE_OVERRIDES.get(surface_key(f1.text))
    if override in (e1.type, e2.type):
        return "second-loses" if e1.type == override else "first-loses"
    if frozenset({e1.type, e2.type}) in AMBIGUOUS_TYPE_PAIRS:
        return "ambiguous"
    return "second-loses" if TYPE_PRIORITY[e1.type] < TYPE_PRIORITY[e2.type] else "first-loses"


# ---------------------------------------------------------------------------------------------
# Reading the inputs
# ---------------------------------------------------------------------------------------------


def read_pwc(pwc: Path) -> dict:
    """Load the raw PwC files into plain lists (no cleaning)."""
    with gzip.open(pwc / "methods.json.gz", "rt", encoding="utf-8") as fh:
        methods = json.load(fh)
    task_lines = []
    for line in (pwc / "all_tasks.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if len(line) >= 2 and line[0] == line[-1] == '"':
            line = line[1:-1]
        task_lines.append(line)
    rows = []
    for path in sorted(pwc.glob("*_tasks_detailed.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows.extend(csv.DictReader(fh))
    return {"methods": methods, "tasks": task_lines, "rows": rows}


def multi(value: str | None) -> list[str]:
    """Split a "; "-separated CSV cell."""
    return [v for v in (value or "").split("; ")]


def candidates(raw: dict) -> dict[str, list[tuple[str, list[str], int, bool]]]:
    """Apply the per-type rules to the raw PwC data: (label, aliases, weight, popular)."""
    out: dict[str, list] = {t: [] for t in TYPES}
    for m in sorted(raw["methods"], key=lambda m: (m.get("name") or "", m.get("full_name") or "")):
        res = method_forms(m.get("name") or "", m.get("full_name"))
        if res is None:
            continue
        label, aliases = res
        if is_generic(label):
            continue
        papers = int(m.get("num_papers") or 0)
        out["method"].append((label, aliases, max(papers, 1), papers >= POPULAR_METHOD_PAPERS))
    task_names = list(raw["tasks"])
    for r in raw["rows"]:
        task_names.append(r.get("Task Name", ""))
        task_names.extend(multi(r.get("Subtasks")))
        for v in multi(r.get("Common Datasets (Top 10)")) + multi(r.get("Benchmarks")):
            res = dataset_forms(v)
            if res:
                out["dataset"].append((res[0], res[1], 1, False))
        for v in multi(r.get("SOTA Metrics")):
            res = metric_forms(v)
            if res:
                out["metric"].append((res[0], res[1], 1, False))
    vocab = metric_vocabulary(label for label, _, _, _ in out["metric"])
    out["metric"] = [c for c in out["metric"] if uses_metric_vocabulary(c[0], vocab)]
    truncated = truncated_names(task_names)
    for name in task_names:
        if name in truncated:
            continue
        res = task_forms(name)
        if res:
            kind = task_list_type(res[0])  # an attack from the task list is an established term: popular
            out[kind].append((res[0], res[1], 1, kind == "method"))
    return out


#: Heads of PwC task names that name a technique, which kg's guide types as a method:
#: "Backdoor Attack", "Membership Inference Attack" (but "Adversarial Attack Detection" is a task).
METHOD_HEADS_IN_TASK_LIST = frozenset({"attack", "attacks"})


def task_list_type(label: str) -> str:
    """The type a name from the PwC task list gets: "method" for attacks, else "task"."""
    return "method" if words(label)[-1].casefold() in METHOD_HEADS_IN_TASK_LIST else "task"


def truncated_names(names: Iterable[str]) -> set[str]:
    """Names that are cut-off copies of another name: "1 Image, 2*2 Stitchi" when
    "1 Image, 2*2 Stitching" exists (the longer one continues the same word)."""
    uniq = sorted(set(n for n in names if n))
    out = set()
    for i, n in enumerate(uniq):
        if i + 1 < len(uniq):
            nxt = uniq[i + 1]
            if nxt.startswith(n) and nxt[len(n)].isalpha() and n[-1:].isalpha():
                out.add(n)
    return out


def corpus_stats(corpus: Path, phrases: Iterable[str]) -> WordStats:
    """Scan the abstract corpus once: word counts (case kept) and counts of ``phrases``
    (lower case, word sequences as split by ``_WORD_RE``, with ``phrase_variants``)."""
    wanted: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for p in sorted(set(phrases)):
        for v in phrase_variants(p):
            toks = tuple(v.split())
            if len(toks) > 1 and toks not in wanted[toks[0]]:
                wanted[toks[0]].append(toks)
    tokens: Counter = Counter()
    counts: Counter = Counter()
    lower_counts: Counter = Counter()
    defined: Counter = Counter()
    defined_lower: Counter = Counter()
    long_forms: defaultdict[str, Counter] = defaultdict(Counter)
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("summary") or ""
            toks = _WORD_RE.findall(text)
            tokens.update(toks)
            low = [t.lower() for t in toks]
            for i, t in enumerate(low):
                for p in wanted.get(t, ()):
                    if tuple(low[i:i + len(p)]) == p:
                        counts[" ".join(p)] += 1
                        if all(w.islower() for w in toks[i:i + len(p)]):
                            lower_counts[" ".join(p)] += 1
            for definition in find_definitions(text):
                defined[definition.short] += 1
                long_forms[definition.short][" ".join(definition.long.lower().split())] += 1
                if not any(ch.isupper() for ch in definition.long):
                    defined_lower[definition.short] += 1
    definitions = {short: (n, defined_lower[short]) for short, n in defined.items()}
    return WordStats(dict(tokens), dict(counts), dict(lower_counts), definitions,
                     {short: dict(forms) for short, forms in long_forms.items()})


def needed_phrases(cands: dict[str, list]) -> set[str]:
    """Lower-case word sequences whose corpus counts the rules need: the expansions of
    method acronyms (``acronym_unattested``)."""
    out = set()
    for label, aliases, _, _ in cands["method"]:
        if any(re.fullmatch(r"[A-Z][A-Z0-9]{1,5}", a) for a in aliases):
            toks = [w.lower() for w in _WORD_RE.findall(label)]
            if len(toks) > 1:
                out.add(" ".join(toks))
    for label, aliases, _, _ in cands["dataset"]:
        for form in (label, *aliases):
            for toks in ([w.lower() for w in words(form)], [w.lower() for w in _CAMEL_PARTS.findall(form)]):
                if len(toks) > 1 and all(t.isalpha() for t in toks):
                    out.add(" ".join(toks))
    return out


def defined_as_a_term(short: str, stats: WordStats, min_count: int = DEFINED_AS_TERM_MIN) -> bool:
    """True when the corpus defines ``short`` as the abbreviation of an ordinary lower-case
    phrase at least ``min_count`` times and in at least half of its definitions: "SOTA" is
    "state-of-the-art (SOTA)", "ECE" "expected calibration error", "SSL" "self-supervised
    learning", so a dataset of that name would be tagged wherever papers use the term. A
    dataset's own expansion is a name in capitals ("Massive Multitask Language Understanding
    (MMLU)") and keeps it.
    """
    if not re.fullmatch(r"[A-Z][A-Z0-9]{1,5}", short):
        return False  # mixed-case coinages ("MedQA") are distinctive
    total, lower = stats.definitions.get(short, (0, 0))
    plural = stats.definitions.get(short + "s", (0, 0))  # "language models (LMs)" defines LM too
    total, lower = total + plural[0], lower + plural[1]
    return lower >= min_count and 2 * lower >= total


_CAMEL_PARTS = re.compile(r"[A-Z][a-z]+")


def camel_case_of_a_phrase(form: str, stats: WordStats, min_count: int = ORDINARY_MIN) -> bool:
    """True for a one-word CamelCase name whose parts, hyphenated in lower case, are an ordinary
    phrase: "CrossTask" ("cross-task"), "FollowUp" ("follow-up"). Matched case-insensitively,
    the name would tag the phrase, so only its own spelling may match."""
    parts = _CAMEL_PARTS.findall(form)
    if len(parts) < 2 or "".join(parts) != form:
        return False
    return stats.phrase_in_lower_case(" ".join(parts)) >= min_count


def is_ordinary_phrase(form: str, stats: WordStats, min_count: int = ORDINARY_MIN) -> bool:
    """True for a dataset name of several plain words that running text writes in lower case
    at least ``min_count`` times and at least three times in four ("Real-world", "Social
    media"), or as one ordinary word ("Deep Fakes" as "deepfakes"), so that matching it, even
    case-sensitively at a sentence start, would tag the ordinary phrase. Names written
    capitalised often enough ("Visual Genome", "Natural Questions", "Hateful Memes") stay."""
    toks = words(form)
    if len(toks) < 2 or not all(t.isalpha() and (t.islower() or t.istitle()) for t in toks):
        return False  # "CrossTask", "ArtiFact" only match the name written as one word
    lower = stats.phrase_in_lower_case(form)
    if lower >= min_count and 4 * lower >= 3 * stats.phrase(form):
        return True
    return is_ordinary_word("".join(toks).lower(), stats, min_count)


# ---------------------------------------------------------------------------------------------
# Build and write
# ---------------------------------------------------------------------------------------------


def build(shared: Path, additions: Path = ADDITIONS) -> tuple[dict[str, list[Entry]], list[str], list[str]]:
    """Build all four lexicons; returns (entries by type, decision log, conflict report)."""
    pwc = shared / "lexicons" / "pwc"
    corpus = shared / "corpus" / "arxiv_cs_abstracts.jsonl.gz"
    for p in (pwc / "methods.json.gz", pwc / "all_tasks.txt", corpus):
        if not p.exists():
            raise SystemExit(f"missing input: {p} (use --shared DIR)")
    raw = read_pwc(pwc)
    cands = candidates(raw)
    curated = load_additions(additions)
    phrases = needed_phrases(cands)
    stats = corpus_stats(corpus, phrases)
    log: list[str] = []
    entries: dict[str, list[Entry]] = {}
    for kind in TYPES:
        grouped = group_candidates(kind, cands[kind], merge_on_alias=kind != "method")
        rest = absorb_into_curated(curated[kind], grouped, log)
        kept = []
        for e in curated[kind] + sorted(rest, key=lambda e: (e.label.casefold(), e.label)):
            recase_label(e, stats)
            if apply_casing(e, stats, log):
                kept.append(e)
        entries[kind] = kept
    split_task_dataset_names(entries, log)
    drop_datasets_defined_as_other_terms(entries, stats, log)
    report = resolve_conflicts(entries, log)
    for kind in TYPES:
        for e in entries[kind]:
            dedupe_aliases(e)
    return entries, log, report


_TASK_PHRASE_ENDS = {"in", "of", "from", "for", "with", "on", "using", "at", "via", "by", "under", "without"}


def names_things(task: str) -> bool:
    """True for a PwC "task" whose head noun is a plural ("Point Clouds", "Knowledge Graphs",
    "Word Embeddings", "Atari Games") or names a model, data or a field (``_thing_heads``). A
    research problem is named by an activity ("Point Cloud Classification"); things, as a
    task, would tag every sentence that mentions them. The head is the last word before a
    preposition, so "Action Recognition In Videos" is a task.

    >>> [names_things(t) for t in ["Point Clouds", "Action Recognition In Videos", "Time Series Forecasting"]]
    [True, False, False]
    """
    if re.search(r"\w[\s-]to[\s-]\w", task, re.I):
        return False  # "Text-To-Image", "Text to Speech": a mapping is a task
    head = ""
    for word in words(task):
        if word.lower() in _TASK_PHRASE_ENDS:
            break
        head = word.lower()
    if head in _THING_HEADS:
        return True
    return len(head) > 3 and head.endswith("s") and not head.endswith(("ss", "us", "is", "ics", "series"))


def _thing_heads() -> frozenset[str]:
    """Head nouns that name a model, data or a field of study, never an activity: "Small
    Language Model", "AI Agent", "Computed Tomography", "General Knowledge", "High School
    Physics" are PwC "tasks" that no abstract addresses as a problem."""
    vocabulary = default_vocabulary()
    models = {w for w in vocabulary.method_heads if not w.endswith(TASK_SUFFIXES)} - {"design"}  # "Drug Design"
    return frozenset(models | vocabulary.dataset_heads | vocabulary.data_heads | FIELD_HEADS)


FIELD_HEADS = {"knowledge", "mathematics", "physics", "chemistry", "biology", "medicine", "psychology", "law",
               "history", "science", "culture", "algebra", "geometry", "tomography", "intelligence", "ai", "human",
               "life", "expert", "experts",
               # what something has or is, not an activity: "Computational Efficiency", "Pseudo Label",
               # "Time Series", "Privacy Preserving"
               "efficiency", "label", "labels", "series", "preserving"}
_THING_HEADS = _thing_heads()


def drop_datasets_defined_as_other_terms(entries: dict[str, list[Entry]], stats: WordStats, log: list[str],
                                         min_count: int = DEFINED_AS_TERM_MIN) -> None:
    """Drop all-caps dataset names that the corpus mostly defines as a known method, task or
    metric: "ECE" is "expected calibration error (ECE)", "SD" "Stable Diffusion (SD)". With
    several meanings, the corpus's own usage decides which one an undefined acronym has."""
    other = {normalize_space(f.text).lower() for kind in TYPES if kind != "dataset"
             for e in entries[kind] for f in e.forms()}
    keep = []
    for e in entries["dataset"]:
        forms = stats.long_forms.get(e.label, {}) if re.fullmatch(r"[A-Z][A-Z0-9]{1,5}", e.label) else {}
        total = sum(forms.values())
        as_other = sum(n for long, n in forms.items() if long in other or singular_phrase(long) in other)
        if not e.curated and total >= min_count and 2 * as_other >= total:
            log.append(f"drop\tdataset\t{e.label!r}\tthe corpus defines it as another term")
            continue
        keep.append(e)
    entries["dataset"] = keep


def singular_phrase(phrase: str) -> str:
    """``phrase`` with a plural last word made singular ("large language models")."""
    head, _, last = phrase.rpartition(" ")
    last = last[:-1] if last.endswith("s") and not last.endswith("ss") else last
    return f"{head} {last}" if head else last


def looks_like_task(text: str) -> bool:
    """A task-like name: its last word is an activity ("Word Sense Disambiguation",
    "Twitter Sentiment Analysis", "Blood Cell Detection") or it is an "X-to-Y" mapping
    ("Text-to-SQL"); not a proper name ("Natural Questions", "OpenAI Gym", "Rotated MNIST")."""
    last = words(text)[-1].casefold() if words(text) else ""
    return last.endswith(TASK_SUFFIXES) or bool(re.search(r"\w-to-\w", text, re.I))


def split_task_dataset_names(entries: dict[str, list[Entry]], log: list[str]) -> None:
    """Settle names that are both a task and a dataset (PwC lists benchmark collections
    under task names). A task-like name (``looks_like_task``) stays a task and leaves the
    datasets; any other name ("MMLU", "HellaSwag", "Natural Questions") is a dataset and the
    task is dropped."""
    task_keys = {surface_key(e.label): e for e in entries["task"] if not e.curated}
    dataset_keys = {surface_key(f.text) for e in entries["dataset"] for f in e.forms()}
    taskish = {k for k, e in task_keys.items() if k in dataset_keys and looks_like_task(e.label)}
    keep_ds = []
    for e in entries["dataset"]:
        if e.curated:
            keep_ds.append(e)
            continue
        if surface_key(e.label) in taskish:
            log.append(f"drop\tdataset\t{e.label!r}\tis a task name")
            continue
        for text in [t for t in e.aliases if surface_key(t) in taskish]:
            log.append(f"drop-alias\tdataset\t{e.label!r}\t{text!r}\tis a task name")
            del e.aliases[text]
        keep_ds.append(e)
    entries["dataset"] = keep_ds
    keep = []
    for e in entries["task"]:
        key = surface_key(e.label)
        if not e.curated and key in dataset_keys and key not in taskish:
            log.append(f"drop\ttask\t{e.label!r}\tis a dataset name")
            continue
        keep.append(e)
    entries["task"] = keep


def entry_json(e: Entry) -> dict:
    """Serialise one entry in the documented key order."""
    assert e.label_form is not None
    obj: dict = {"label": e.label, "case_sensitive": e.label_form.case_sensitive}
    if e.label_form.ambiguous:
        obj["ambiguous"] = True
    aliases = []
    for text in sorted(e.aliases, key=lambda t: (t.casefold(), t)):
        f = e.aliases[text]
        a: dict = {"text": text, "case_sensitive": f.case_sensitive}
        if f.ambiguous:
            a["ambiguous"] = True
        aliases.append(a)
    obj["aliases"] = aliases
    return obj


def render(entries: list[Entry]) -> str:
    """JSONL text for one type, sorted by label (case-folded, then exact)."""
    ordered = sorted(entries, key=lambda e: (e.label.casefold(), e.label))
    return "".join(json.dumps(entry_json(e), ensure_ascii=False) + "\n" for e in ordered)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                    help="shared data directory (default: <repo>/../shared)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    ap.add_argument("--additions", type=Path, default=ADDITIONS, help="curated additions JSON")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the files in --out differ from a fresh build")
    ap.add_argument("--report", type=Path, help="write the decision log and conflicts here")
    args = ap.parse_args(argv)

    entries, log, report = build(args.shared, args.additions)
    stale = []
    for kind in TYPES:
        text = render(entries[kind])
        path = args.out / f"{kind}.jsonl"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
        else:
            args.out.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        print(f"{kind}: {len(entries[kind])} entries, "
              f"{sum(len(e.aliases) for e in entries[kind])} aliases", file=sys.stderr)
    print(f"conflicts: {len(report)} (see --report)", file=sys.stderr)
    if args.report:
        args.report.write_text("\n".join(log) + "\n", encoding="utf-8")
    if stale:
        print("stale: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
