"""Find acronym definitions such as "Large Language Models (LLMs)" in plain text.

The method starts from Schwartz & Hearst (2003), "A simple algorithm for identifying
abbreviation definitions in biomedical text", Pacific Symposium on Biocomputing 8:451-462:

* candidates come from parentheses in both orders, "long form (SF)" and, failing that,
  "SF (long form)";
* a short form passes a cheap filter (:func:`is_short_form`);
* the long form is searched in the min(|SF| + 5, 2 * |SF|) words before the parenthesis, and
  every letter or digit of the short form must be found in it, in order, the first one at the
  start of a word.

Legends of tables and figures, "SF = long form", are read the same way; they are about a
tenth of the long forms of the SDU@AAAI-22 gold, and rare in abstracts. Abstracts also define
names by apposition, "JBE-QA, a Japanese Bar Exam Question-Answering dataset"; with no
bracket to mark the long form, these need the short form's capitals to be exactly the long
form's initials.

Where Schwartz & Hearst take the first match found from the right, this module scores every
alignment of the short form with the candidate and keeps the best one (:func:`_best_start`):
a short-form character earns a point when it falls on a word start, an inner capital
("MoE", "rPPG") or a letter-digit boundary, and each content word of the long form whose
first letter is left unmatched costs a point. This fixes their classic misses such as
"Proximal Policy Optimization (PPO)" (first match from the right: "Policy Optimization") and
keeps determiners and adjectives out of the long form. Other additions: a plural "s" of the
short form needs no letter ("CNNs"), digits may match number words ("3D", "T2I"), trailing
words that no short-form character matched are dropped ("maximum likelihood approach (MLE)"),
the parenthesis may hold more than the short form ("(SF; Smith 2020)", "(called SF)",
"(i.e., SF)", "(\\textbf{SF})"), and "~" counts as a space.

Offsets are exact: ``text[d.long_start:d.long_end] == d.long``, and the same for the short form.
Nothing here imports spaCy: the 74,728 abstracts of the arXiv benchmark corpus take about 12 s
(0.3 ms for a 250-word abstract).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["AcronymDefinition", "find_definitions", "find_long_form", "is_short_form"]


@dataclass(frozen=True, slots=True)
class AcronymDefinition:
    """One definition: ``short`` stands for ``long``; offsets are ``[start, end)`` in the text."""

    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int


# Innermost parentheses only: in "(a (b) c)" the candidate is "(b)".
_PARENS = re.compile(r"\(([^()]{1,200})\)")
# What a parenthesis holding a short form may look like: an optional introducer, the short
# form (maybe wrapped in LaTeX or quotes), an optional trailer, then anything after ";" or ",".
_SHORT_IN_PARENS = re.compile(
    r"""\s*
    (?:(?:i\.e\.|a\.k\.a\.|aka|or|called|termed|named|dubbed|denoted|abbreviated|referred\s+to
        |hereafter|henceforth|namely)(?:\s+(?:as|by))?,?\s+)?
    (?:\$?\\[A-Za-z]+\{|\$|``|["'])?
    (?P<short>[^\s,;{}$`'"\[\]]+?(?:[ ](?!(?:for|hereafter|henceforth|in)\b)[^\s,;{}$`'"\[\]]+)?(?:['’]s)?)
    (?:\}\$?|\$|''|["'])?
    (?:\s+(?:for\s+short|hereafter|henceforth|in\s+short))?
    \s*(?:[,;\[].*)?$""",
    re.VERBOSE | re.DOTALL,
)
# What "SF (long form)" holds: the long form, after an optional "i.e." or article, up to any
# ";" or ", " that starts a citation or a comment.
_LONG_IN_PARENS = re.compile(
    r"[\s~]*(?:(?:i\.e\.,?|the|a|an)\s+)?(?P<long>[^;]*?)\s*(?:(?:;|,\s).*)?$", re.DOTALL
)
# Words of the text as the window counts them; "~" is LaTeX's unbreakable space.
_WORD = re.compile(r"[^\s~]+")
# The short form of "SF (long form)": the last word before the parenthesis.
_LAST_WORD = re.compile(r"([^\s~()]+)[\s~]*$")
# A word ending a sentence or clause ends the window of candidate long-form words.
_CLAUSE_END = re.compile(r"[.;:!?]['\"]?$")
# A word that no long form crosses: a bracket or a dash standing alone ("A -- B").
_WINDOW_BREAK = re.compile(r"[()\[\]]|^(?:--+|[\u2013\u2014])$")
_LATEX_COMMAND = re.compile(r"\\[A-Za-z]+")
_LATEX_OPENER = re.compile(r"\$?\\[A-Za-z]+\{$")
# A legend entry "SF = long form", as in "CI = confidence interval; OR = odds ratio": the long
# form starts with a letter and stops at the next "=", ",", ";" or bracket, or before the short
# form of the next entry ("PREP = Preposition  POS = Possessive").
_EQUALS = re.compile(
    r"(?<![^\s(,;:])(?P<short>[^\s=(),;:<>]{2,15})[ \t]*=[ \t]*"
    r"(?P<long>[^\W\d_][^=,;()]*?)(?=\s+[^\s=(),;:<>]{2,15}[ \t]*=|[=,;()]|$)"
)
# An apposition "SF, a long form ...": "JBE-QA, a Japanese Bar Exam Question-Answering dataset".
_APPOSITION = re.compile(
    r"(?<![^\s(])(?P<short>[^\s,;()]{2,15}), (?:an?|the) (?:(?:novel|new|first|large-scale|simple|unified) )?"
    r"(?P<long>[^\W\d_][^,;:()]*)"
)
# "long form, abbreviated as SF": a short form given after the long form without brackets
_NAMED_AFTER = re.compile(
    r",[\s~]+(?:abbreviated|shortened|referred[\s~]+to|hereafter[\s~]+referred[\s~]+to)[\s~]+as[\s~]+"
    r"(?P<short>[^\s~,;:()]+?)(?=[,;:.)]?(?:\s|$))"
)
_QUALIFIER = re.compile(r"[\s~]+(?:for|in|on|with)[\s~]+\S+(?:[\s~]+\S+)?$")
# a word of a long form that carries a letter of the short form: split on spaces and hyphens
_COMMA_THEN_WORD = re.compile(r",\s+(?:(?:and|or)\s+)?(\S)")
# "three metrics (WER, CER, BLEU)" lists names; "99.38% (MNIST)" says what a percentage is of
_LISTED_SHORTS = re.compile(r"\s*[^\s,;().]+\s*,\s*[^\s,;().]+\s*(?:,|\s+and\s|$)")  # not "(i.e., SF)"
_AFTER_A_NUMBER = re.compile(r"\d\s*\\?%\s*$")
_LONG_PART = re.compile(r"[^\s\-]+")
_ALNUM_RUN = re.compile(r"[^\W_]+")
_YEAR = re.compile(r"(?:1[89]|20)\d\d[a-z]?")
_MULTIPLIER = re.compile(r"\d+(?:\.\d+)?[x×]")

# Words that may sit inside a long form without a letter of their own ("Mixture of Experts"),
# and may start one ("The Pile") only when nothing tighter fits.
_FUNCTION_WORDS = frozenset(
    "a an the of for and or in on at to by with from via into as per vs versus its their our "
    "we this that these those".split()
)
# Digits that stand for a word: "3D" = three-dimensional, "T2I" = text-to-image.
_NUMBER_WORDS = {
    "1": ("one", "single", "first"),
    "2": ("two", "to", "second", "double", "dual", "bi"),
    "3": ("three", "third", "tri"),
    "4": ("four", "for", "fourth", "quad"),
    "5": ("five", "fifth"),
    "6": ("six",),
    "7": ("seven",),
    "8": ("eight",),
    "9": ("nine",),
}
_MAX_SHORT = 10
_MAX_SHORT_HYPHENATED = 15


def is_short_form(candidate: str) -> bool:
    """Return whether ``candidate`` may be a short form (the filter of the candidate step).

    A short form is one word of 2 to 10 characters (15 when hyphenated, "scMulti-omics")
    that starts with a letter or digit, ends with one (or "." or "+") and holds a letter and a
    capital or digit; so it is not a lowercase word ("ours", "e.g."), a year, a multiplier
    ("10x"), a percentage or a single letter. Two such words also make one ("NR IQA").

    >>> [is_short_form(s) for s in ("LLMs", "rPPG", "3D", "ours", "e.g.", "2020", "Fig. 2")]
    [True, True, True, False, False, False, False]
    """
    n = len(candidate)
    if n < 2 or n > (_MAX_SHORT_HYPHENATED if "-" in candidate else _MAX_SHORT):
        return False
    # "BERT:" or "LLMs," carries punctuation of the sentence; "U.S." and "PART+" are whole
    if not (candidate[0].isalnum() and (candidate[-1].isalnum() or candidate[-1] in ".+")):
        return False
    if " " in candidate:  # "NR IQA", "ES AUC": at most two words (Schwartz & Hearst, 2003), each a short form
        parts = candidate.split(" ")  # with a capital or digit past its first letter: not "Table S2", "Phase II"
        return len(parts) == 2 and all(is_short_form(p) and any(c.isupper() or c.isdigit() for c in p[1:])
                                       for p in parts)
    if any(c.isspace() for c in candidate):
        return False
    if not any(c.isalpha() for c in candidate):
        return False
    # Real short forms have a capital or a digit; all-lowercase ones are words ("ours", "see").
    if not any(c.isupper() or c.isdigit() for c in candidate):
        return False
    return not (_YEAR.fullmatch(candidate) or _MULTIPLIER.fullmatch(candidate))


def find_long_form(short: str, candidate: str) -> str | None:
    """Return the best long form for ``short`` that ends the text ``candidate``, or None.

    ``candidate`` is the text before "(SF)", or the inside of "SF (...)", where
    :func:`find_definitions` also wants the long form to start at the start. The long form
    loses trailing words that no character of ``short`` matched; no window is applied here.

    >>> find_long_form("PPO", "we train with Proximal Policy Optimization")
    'Proximal Policy Optimization'
    """
    span = _align(short, candidate)
    return None if span is None else candidate[span[0] : span[1]]


def find_definitions(text: str) -> list[AcronymDefinition]:
    """Return the acronym definitions in ``text``, sorted by ``short_start``.

    Each parenthesis yields at most one definition: "long form (SF)" is tried first, and
    "SF (long form)" only when that fails. Then come legends such as "CI = confidence
    interval", unless they overlap a definition already found.
    """
    found = []
    for paren in _PARENS.finditer(text):
        definition = _long_then_short(text, paren) or _short_then_long(text, paren)
        if definition is not None:
            found.append(definition)
    taken = _Extents(found)
    if "=" in text:
        for equals in _EQUALS.finditer(text):
            definition = _short_equals_long(text, equals)
            if definition is not None and taken.add(definition):
                found.append(definition)
    for named in _NAMED_AFTER.finditer(text):
        definition = _long_then_named(text, named)
        if definition is not None and taken.add(definition):
            found.append(definition)
    for apposition in _APPOSITION.finditer(text):
        definition = _short_comma_long(text, apposition)
        if definition is not None and taken.add(definition):
            found.append(definition)
    found.sort(key=lambda d: d.short_start)
    return found


class _Extents:
    """The text extents (short to long form) of definitions, sorted, for overlap tests in
    O(log n): a text of thousands of legends must not compare each with all the others."""

    def __init__(self, definitions: list[AcronymDefinition]):
        self._starts: list[int] = []
        self._ends: list[int] = []
        for definition in definitions:
            self._insert(definition)

    @staticmethod
    def _extent(d: AcronymDefinition) -> tuple[int, int]:
        return min(d.short_start, d.long_start), max(d.short_end, d.long_end)

    def _insert(self, d: AcronymDefinition) -> None:
        start, end = self._extent(d)
        i = bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)

    def add(self, d: AcronymDefinition) -> bool:
        """Add ``d`` unless it overlaps one already there; return whether it was added. The
        neighbours in start order are the only extents that can overlap it, as long as the
        earlier ones do not overlap each other (each parenthesis gives one definition)."""
        start, end = self._extent(d)
        i = bisect_right(self._starts, start)
        if (i > 0 and self._ends[i - 1] > start) or (i < len(self._starts) and self._starts[i] < end):
            return False
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        return True


def _long_then_short(text: str, paren: re.Match) -> AcronymDefinition | None:
    """Read ``paren`` as the "(SF)" of "long form (SF)"."""
    inside = _SHORT_IN_PARENS.match(paren.group(1))
    if inside is None or not is_short_form(inside.group("short")) or _LISTED_SHORTS.match(paren.group(1)) \
            or _AFTER_A_NUMBER.search(text, 0, paren.start()):
        return None
    short_start = paren.start(1) + inside.start("short")
    short_end = paren.start(1) + inside.end("short")
    short = text[short_start:short_end]
    window_start = _window_start(text, paren.start(), _window_size(short))
    if window_start is None:
        return None
    candidate = text[window_start : paren.start()]
    span = _align(short, candidate)
    if span is None:
        return None
    long_start, long_end = window_start + span[0], window_start + span[1]
    return AcronymDefinition(
        short, text[long_start:long_end], short_start, short_end, long_start, long_end
    )


def _short_then_long(text: str, paren: re.Match) -> AcronymDefinition | None:
    """Read ``paren`` as the "(long form)" of "SF (long form)"."""
    reach = max(0, paren.start() - 2 * _MAX_SHORT_HYPHENATED)
    before = _LAST_WORD.search(text, reach, paren.start())
    if before is None:
        return None
    short = before.group(1)
    # "Collins (Collins, 1999)", "Planar (planar graphs)": a capitalised word, not a short form
    if short[1:].islower() or not is_short_form(short):
        return None
    # the long form is the parenthesis up to its first ";" or ", " (a citation may follow)
    inner = _LONG_IN_PARENS.match(text, paren.start(1), paren.end(1))
    long_text = inner.group("long")
    if len(long_text.split()) > _window_size(short) or len(long_text) <= len(short):
        return None
    listed = text.startswith(",", inner.end("long"))
    if _names_instead_of_expanding(short, long_text, listed):
        return None
    span = _align(short, long_text, must_start=0)
    if span is None:
        return None
    long_start, long_end = inner.start("long") + span[0], inner.start("long") + span[1]
    return AcronymDefinition(
        short, text[long_start:long_end], before.start(1), before.end(1), long_start, long_end
    )


def _short_equals_long(text: str, equals: re.Match) -> AcronymDefinition | None:
    """Read ``equals`` as a legend entry "SF = long form"."""
    short = equals.group("short")
    if not is_short_form(short):
        return None
    long_start = equals.start("long")
    # the long form ends with its sentence, and within the window
    sentence_end = text.find(". ", long_start, equals.end("long"))
    long_end = equals.end("long") if sentence_end < 0 else sentence_end
    words = list(_WORD.finditer(text, long_start, long_end))[: _window_size(short)]
    span = _align(short, text[long_start : words[-1].end()], must_start=0) if words else None
    if span is None:
        return None
    end = long_start + span[1]
    if text[end - 1] == "." and (end == len(text) or text[end].isspace()):
        end -= 1  # "LP = labeled precision." at the end of a line or of the text
    return AcronymDefinition(short, text[long_start + span[0] : end], equals.start("short"), equals.end("short"),
                             long_start + span[0], end)


def _long_then_named(text: str, named: re.Match) -> AcronymDefinition | None:
    """Read ``named`` as the ", abbreviated as SF" of "long form, abbreviated as SF": the long
    form is aligned in the window before the comma, as before "(SF)"."""
    short = named.group("short")
    if not is_short_form(short):
        return None
    window_start = _window_start(text, named.start(), _window_size(short))
    if window_start is None:
        return None
    candidate = text[window_start:named.start()]
    # "a Consistent Assistant Domains Transformer for SFDA, abbreviated as CADTrans": a phrase
    # after the long form says what it is for; try the long form without it first
    qualifier = _QUALIFIER.search(candidate)
    span = _align(short, candidate[:qualifier.start()]) if qualifier else None
    span = span or _align(short, candidate)
    if span is None:
        return None
    long_start, long_end = window_start + span[0], window_start + span[1]
    return AcronymDefinition(short, text[long_start:long_end], named.start("short"), named.end("short"),
                             long_start, long_end)


def _short_comma_long(text: str, apposition: re.Match) -> AcronymDefinition | None:
    """Read ``apposition`` as "SF, a long form ...". Without brackets any noun phrase may follow
    a name ("CLIP, a vision-language model"), so the test is stricter than :func:`_align`: the
    capitals and digits of the short form must be exactly the initials (and inner capitals) of
    the long form's words (hyphenated parts count as words, function words carry none), "JBE-QA"
    for "Japanese Bar Exam Question-Answering", "APEX" for "Adaptive Prompt EXtraction"; the long
    form is the shortest run of words that gives them."""
    short = apposition.group("short")
    ahead, _, before = text[:apposition.start("short")].rstrip(" ").rpartition(" ")
    ahead = ahead.rstrip()
    in_a_name = before[:1].isupper() and ahead != "" and not ahead.endswith((".", "!", "?", ":"))
    if not is_short_form(short) or in_a_name:
        return None  # "Relative Semantic RoPE, a relative positional encoding": the last word of a name
    wanted = "".join(c for c in short if c.isupper() or c.isdigit())
    if len(wanted) < 2 or 2 * len(wanted) < sum(c.isalnum() for c in short):
        return None  # "CurriMask, a curriculum masking ...": a name, not an abbreviation
    initials = ""
    start = apposition.start("long")
    for part in _LONG_PART.finditer(text, start, apposition.end("long")):
        word = part.group()
        if word.lower() in _FUNCTION_WORDS:
            continue
        inner = "" if word.isupper() else "".join(c for c in word[1:] if c.isupper())  # "EXtraction"
        initials += word[0].upper() + inner
        if not wanted.startswith(initials):
            return None
        if initials == wanted:
            if word.lower().endswith("ed"):
                return None  # "LaTo, a landmark-tokenized ...": the name's description goes on
            end = part.start() + len(word.rstrip(".!?'\"”’"))
            return AcronymDefinition(short, text[start:end], apposition.start("short"),
                                     apposition.end("short"), start, end)
    return None


def _names_instead_of_expanding(short: str, long_text: str, listed: bool) -> bool:
    """Return whether "SF (long_text)" names a variant, a model or examples instead of SF's words.

    "ViT (ViT3D)", "SSR (SSR-D)": SF itself with a suffix ("ORTH (ORTHOGRAPHY)" is fine); "LLM
    (Llama-3.1-8B)": one word with a version number; "LLMs (Llama, Qwen)": a plural followed by a
    list; "HausaNLP (https://...)": a link.
    """
    if re.search(re.escape(short.rstrip("s")) + r"(?![A-Za-z])", long_text):
        return True
    if " " not in long_text and any(c.isdigit() for c in long_text):
        return True
    return (listed and short.endswith("s")) or "://" in long_text


def _window_size(short: str) -> int:
    """Return how many words a long form of ``short`` may span (Schwartz & Hearst)."""
    n = len(short)
    return min(n + 5, 2 * n)


def _window_start(text: str, end: int, max_words: int) -> int | None:
    """Return where the last ``max_words`` words before ``end`` start, within one clause.

    The window stops after a word ending a sentence or clause and at brackets and dashes.
    """
    words = list(_WORD.finditer(text, max(0, end - 40 * max_words), end))
    start = None
    for word in reversed(words[-max_words:]):
        token = word.group()
        if _WINDOW_BREAK.search(token):
            break
        if start is not None and _CLAUSE_END.search(token):
            break
        start = word.start()
    return start


def _align(short: str, candidate: str, must_start: int | None = None) -> tuple[int, int] | None:
    """Return ``(start, end)`` of the best long form for ``short`` in ``candidate``, or None.

    The long form ends where ``candidate`` does, less trailing punctuation and less trailing
    words that no short-form character matched. ``must_start`` fixes where it starts.
    """
    letters = "".join(c for c in short.lower() if c.isalnum())
    end = len(candidate.rstrip(" \t\n~,;:\"'"))
    if len(letters) < 2 or end == 0:
        return None
    text = _fold(candidate[:end])
    found = _best_start(letters, text, candidate, must_start)
    # a plural "s" after two capitals ("LLMs", "CNNs") may have no letter of its own
    if found is None and short.endswith("s") and sum(c.isupper() for c in short) >= 2:
        found = _best_start(letters[:-1], text, candidate, must_start)
    if found is None:
        return None
    start, last = found
    # don't cut a LaTeX-wrapped word: "\textbf{H}armful" starts at the backslash
    opener = _LATEX_OPENER.search(candidate, 0, start)
    if opener is not None:
        start = opener.start()
    end = _trim_end(candidate, last, end)
    # "SC (SC)" repeats a name, it defines nothing; so does "the ability to recall a number of
    # facts (Recall)", a phrase that starts with the short form itself ("MARY (Mary)" is a legend)
    long = candidate[start:end]
    words = long.split(maxsplit=1)
    if long == short or len(words) > 1 and words[0].lower() == short.lower() or _crosses_a_clause(long):
        return None
    return start, end


def _crosses_a_clause(long: str) -> bool:
    """Whether a comma in ``long`` ends a clause rather than an item of a named list: "scale,
    outperforming prior results, and rises to (ScanNet)" defines nothing; "Align, Disambiguate,
    and Walk (ADW)" does."""
    return any(not comma.group(1).isupper() for comma in _COMMA_THEN_WORD.finditer(long))


def _fold(candidate: str) -> str:
    """Return ``candidate`` lowercased with LaTeX commands blanked, position for position."""
    text = _LATEX_COMMAND.sub(lambda m: " " * len(m.group()), candidate)
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowercases to "i" and a dot: keep positions aligned
        lowered = "".join(c.lower()[0] for c in text)
    return lowered


def _trim_end(candidate: str, last: int, end: int) -> int:
    """Return ``end`` moved back to the end of the word holding position ``last``.

    ``last`` is where the last short-form character matched, so the words dropped hold none:
    "maximum likelihood approach (MLE)" defines "maximum likelihood". Gold annotations
    (SDU@AAAI-22) end long forms there too, even before a capitalised word ("Wall Street
    Journal Corpus (WSJ)" defines "Wall Street Journal"). Words are whitespace-separated, so
    "Pre-training" is never cut to "Pre".
    """
    stop = _WORD.match(candidate, last).end()
    return min(end, len(candidate[:stop].rstrip(" \t\n~,;:\"'")))


def _best_start(
    letters: str, text: str, original: str, must_start: int | None
) -> tuple[int, int] | None:
    """Return ``(start, last)`` of the best alignment of ``letters`` in ``text``, or None.

    ``text`` is the lowercased candidate (LaTeX commands blanked); ``original`` keeps case for
    spotting inner capitals. ``start`` is where the first letter matched, ``last`` where the
    last one did. A dynamic programme over (short-form letter, text position) from the right
    scores each alignment (see the module docstring); ties go to the shorter long form.
    """
    n, size = len(letters), len(text)
    bonus, penalty = _position_weights(text, original)
    neg = -(10**6)
    # after[p]: best score for letters[i:] within text[p:], for the current i (from the right)
    after = [0] * (size + 1)
    for p in range(size - 1, -1, -1):
        after[p] = after[p + 1] - penalty[p]
    # moves[i][p]: how many characters letters[i] consumes at p on the best path (0: none)
    moves: list[list[int]] = [[]] * n
    for i in range(n - 1, 0, -1):
        char = letters[i]
        words = _NUMBER_WORDS.get(char, ()) if char.isdigit() else ()
        here = [neg] * (size + 1)
        step = [0] * (size + 1)  # 0: skip, 1: one-character match, k: number word of length k
        for p in range(size - 1, -1, -1):
            best = here[p + 1] - penalty[p]
            if text[p] == char and after[p + 1] > neg:
                score = bonus[p] + after[p + 1]
                if score > best:
                    best, step[p] = score, 1
            elif words and bonus[p]:
                for word in words:
                    k = len(word)
                    if text.startswith(word, p) and after[p + k] > neg:
                        score = 1 + after[p + k]
                        if score > best:
                            best, step[p] = score, k
            here[p] = best
        after, moves[i] = here, step
    best_score, start, first_len = neg, None, 1
    positions = range(size) if must_start is None else (must_start,)
    first = letters[0]
    first_words = _NUMBER_WORDS.get(first, ()) if first.isdigit() else ()
    for p in positions:
        # the first letter must start a word (Schwartz & Hearst), and no long form starts with
        # a conjunction ("and small-object detection performance (AP)")
        if p >= size or not _starts_word(text, p) or _starts_conjunction(text, p):
            continue
        k = 1 if text[p] == first else next(
            (len(w) for w in first_words if text.startswith(w, p)), 0
        )
        if not k or after[p + k] <= neg:
            continue
        score = 1 + after[p + k] - _is_function_word(text, p)
        if score >= best_score:  # ">=": from the left, the later start is the shorter form
            best_score, start, first_len = score, p, k
    if start is None:
        return None
    last = start + first_len - 1
    p = start + first_len
    for i in range(1, n):
        while not moves[i][p]:
            p += 1
        last = p + moves[i][p] - 1
        p += moves[i][p]
    return start, last


def _is_function_word(text: str, p: int) -> bool:
    """Return whether a function word standing alone starts at ``p`` ("the", not "in-context")."""
    word = _WORD.match(text, p)
    return word is not None and word.group().rstrip(",;:") in _FUNCTION_WORDS


def _starts_conjunction(text: str, p: int) -> bool:
    word = _WORD.match(text, p)
    return word is not None and word.group() in ("and", "or")


def _starts_word(text: str, p: int) -> bool:
    """Return whether ``text[p]`` is a letter or digit that begins a word (not the "s" of a
    possessive: "Spearman's rank-order correlation coefficient (SROCC)" starts at "Spearman")."""
    if not text[p].isalnum() or p > 0 and text[p - 1].isalnum():
        return False
    return not (p >= 2 and text[p - 1] in "'’" and text[p - 2].isalnum())


def _position_weights(text: str, original: str) -> tuple[list[int], list[int]]:
    """Return per-position (bonus for matching here, penalty for not matching here).

    The bonus marks word starts, inner capitals ("MoE") and letter-digit switches ("GPT4");
    the penalty marks first letters of content words.
    """
    size = len(text)
    bonus = [0] * size
    penalty = [0] * size
    previous = " "
    for p in range(size):
        char = text[p]
        if char.isalnum() and (
            not previous.isalnum()
            or (original[p].isupper() and original[p - 1].islower())
            or char.isdigit() != previous.isdigit()
        ):
            bonus[p] = 1
        previous = char
    for word in _ALNUM_RUN.finditer(text):
        if word.group() not in _FUNCTION_WORDS:
            penalty[word.start()] = 1
    return bonus, penalty
