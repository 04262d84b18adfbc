"""Build kg/data/verb_like.txt, gradable.txt and proper_modifiers.txt: word classes learned from the corpus.

kg's pipeline has no part-of-speech tagger (no pretrained model can be installed), yet its
phrase rules must not take a verb for a noun modifier ("thereby inducing biased training",
"to align pre-trained embeddings"). Word order tells verbs apart well enough: a verb follows
"to", "we", a modal or a relative pronoun; a noun or adjective follows a determiner. For each
lower-case word of the corpus we count both contexts, and keep the words seen at least
``--min-count`` times in verb contexts and at most ``--max-noun-share`` of the time after a
determiner. The -ing forms are judged by their own contexts ("by inducing", "while allowing").

Gradable adjectives ("more stable", "highly biased") describe rather than classify, so they
are not part of technical names, unlike classifying adjectives ("contrastive learning",
"deformable attention"), which no one writes with "more" or "very". A word is gradable when a
degree adverb precedes it often enough relative to its frequency.

Proper modifiers ("Gaussian", "Kalman", "Chinese") are capitalised, yet modify lower-case heads
("Laplacian smoothing", "Chinese spelling correction"): words written capitalised inside
sentences, mostly before a lower-case word, and almost never in lower case; names the lexicon
knows ("Mamba") are left out.

    python scripts/build_word_classes.py [--shared DIR]

Reads ../shared/corpus/arxiv_cs_abstracts.jsonl.gz (word counts only; no text is shipped).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

from kg.lexicon import default_lexicon

REPO = Path(__file__).resolve().parents[1]
VERB_LIKE_OUTPUT = REPO / "kg" / "data" / "verb_like.txt"
GRADABLE_OUTPUT = REPO / "kg" / "data" / "gradable.txt"
PROPER_OUTPUT = REPO / "kg" / "data" / "proper_modifiers.txt"

DETERMINERS = {"the", "a", "an", "our", "their", "its", "this", "these", "those", "each", "every", "any",
               "such", "his", "her", "my", "your", "no"}
VERB_CONTEXT = {"to", "we", "can", "could", "may", "might", "will", "would", "should", "must", "cannot",
                "they", "which", "who", "also", "often", "further", "thereby", "then", "thus", "it",
                "not", "typically", "usually", "largely", "directly", "simply", "successfully"}
ING_CONTEXT = {"by", "while", "when", "thereby", "thus", "without", "after", "before", "via", "through"}
DEGREE_ADVERBS = {"more", "most", "very", "highly", "less", "least", "too", "increasingly", "relatively",
                  "extremely", "fairly", "quite", "sufficiently", "overly", "remarkably", "notably",
                  "particularly", "especially", "inherently", "equally"}
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


def count_contexts(corpus: Path) -> tuple[Counter, Counter, Counter, Counter]:
    """Per lower-case word: how often it follows a verb cue, a determiner, a degree adverb, and
    how often it occurs at all."""
    verbal, nominal, graded, total = Counter(), Counter(), Counter(), Counter()
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            words = _WORD.findall(json.loads(line)["summary"])
            for previous, word in zip(words, words[1:]):
                if not word.islower():
                    continue
                cue = previous.lower()
                total[word] += 1
                if cue in DEGREE_ADVERBS:
                    graded[word] += 1
                if cue in DETERMINERS:
                    nominal[word] += 1
                elif cue in VERB_CONTEXT or (word.endswith("ing") and cue in ING_CONTEXT):
                    verbal[word] += 1
    return verbal, nominal, graded, total


_SENTENCE_END = re.compile(r"[.!?:;]\s*$")


def count_capitals(corpus: Path) -> tuple[Counter, Counter, Counter]:
    """Per word written capitalised ("Gaussian") inside a sentence: how often so, how often
    it is then followed by a lower-case word, and, per lower-case word, how often it occurs."""
    capital, modifying, lower = Counter(), Counter(), Counter()
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["summary"]
            matches = list(_WORD.finditer(text))
            for k, match in enumerate(matches):
                word = match.group()
                if word.islower():
                    lower[word] += 1
                elif word[0].isupper() and word[1:].islower() and k and not _SENTENCE_END.search(
                        text[matches[k - 1].end():match.start()]):
                    capital[word] += 1
                    if k + 1 < len(matches) and matches[k + 1].group().islower() \
                            and text[match.end():matches[k + 1].start()] == " ":
                        modifying[word] += 1
    return capital, modifying, lower


def proper_modifiers(capital: Counter, modifying: Counter, lower: Counter, *, min_count: int,
                     max_lower_share: float) -> list[str]:
    """Capitalised words that name what they modify after a person or a place ("Gaussian
    splatting", "Viterbi decoding", "Kalman filtering", "Chinese spelling correction"): written
    capitalised inside sentences at least ``min_count`` times, mostly before a lower-case word,
    and almost never in lower case.

    >>> proper_modifiers(Counter({"Gaussian": 900, "Models": 80}), Counter({"Gaussian": 700, "Models": 10}),
    ...                  Counter({"gaussian": 5, "models": 9000}), min_count=20, max_lower_share=0.05)
    ['gaussian']
    """
    return sorted(word.lower() for word, n in capital.items()
                  if n >= min_count and word.isalpha() and len(word) > 2
                  and 2 * modifying[word] >= n and lower[word.lower()] <= max_lower_share * n)


def gradable(graded: Counter, total: Counter, *, min_count: int, min_share: float) -> list[str]:
    """Words a degree adverb precedes often enough: "stable", "biased", not "contrastive".

    >>> gradable(Counter({"stable": 40, "contrastive": 1}), Counter({"stable": 400, "contrastive": 900}),
    ...          min_count=5, min_share=0.02)
    ['stable']
    """
    return sorted(w for w, n in graded.items() if n >= min_count and n >= min_share * total[w]
                  and not w.endswith(("ing", "s")))


def verb_like(verbal: Counter, nominal: Counter, *, min_count: int, max_noun_share: float) -> list[str]:
    """Words used as verbs often enough, and rarely after a determiner.

    >>> verb_like(Counter({"align": 50, "training": 40}), Counter({"align": 1, "training": 300}),
    ...           min_count=5, max_noun_share=0.2)
    ['align']
    """
    return sorted(
        word for word, count in verbal.items()
        if count >= min_count and nominal[word] <= max_noun_share * (count + nominal[word])
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--max-noun-share", type=float, default=0.2)
    parser.add_argument("--min-gradable-share", type=float, default=0.02)
    args = parser.parse_args()
    verbal, nominal, graded, total = count_contexts(args.shared / "corpus" / "arxiv_cs_abstracts.jsonl.gz")
    words = verb_like(verbal, nominal, min_count=args.min_count, max_noun_share=args.max_noun_share)
    write_word_list(VERB_LIKE_OUTPUT, "Words arXiv abstracts use as verbs (after 'to', 'we', modals), "
                    "rarely after a determiner.", words)
    adjectives = gradable(graded, total, min_count=args.min_count, min_share=args.min_gradable_share)
    write_word_list(GRADABLE_OUTPUT, "Gradable adjectives: arXiv abstracts put 'more', 'very', 'highly'... "
                    "before them.", adjectives)
    capital, modifying, lower = count_capitals(args.shared / "corpus" / "arxiv_cs_abstracts.jsonl.gz")
    known = default_lexicon()
    # 10 and not 20: rarer eponyms ("Cox regression", "Bonferroni correction") are as sure as "Gaussian"
    proper = [w for w in proper_modifiers(capital, modifying, lower, min_count=10, max_lower_share=0.05)
              if not known.is_known(w.capitalize())]  # "Mamba", "Whisper": names of their own, not modifiers
    write_word_list(PROPER_OUTPUT, "Capitalised words arXiv abstracts put before lower-case words inside "
                    "sentences and almost never write in lower case ('Gaussian', 'Viterbi').", proper)


def write_word_list(path: Path, about: str, words: list[str]) -> None:
    """One word a line under a two-line header saying what the list is and how it was built."""
    header = f"# {about}\n# Built by scripts/build_word_classes.py from word-order counts of the shared corpus.\n"
    path.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {path}")


if __name__ == "__main__":
    main()
