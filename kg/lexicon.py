"""Known names of methods, datasets, tasks and metrics, read from the package's data files.

Each ``kg/data/lexicons/<type>.jsonl`` line is one term::

    {"label": "Mixture of Experts", "aliases": ["MoE", {"text": "SAM", "case_sensitive": true}],
     "case_sensitive": false, "ambiguous": false}

An alias is a string (matched like the label) or an object with its own ``case_sensitive`` flag.
Case-sensitive forms are ordinary words or short acronyms that only name the term when written
exactly so ("SAM", not "sam"). Ambiguous forms ("MAE": masked autoencoder or mean absolute error)
are typed by the abstract's own definition when it has one.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import KgError
from .normalize import match_key

ENTITY_TYPES = ("method", "dataset", "task", "metric")

# nouns that add nothing to the model they follow: a "transformer network" is a Transformer
KIND_HEADS = frozenset(["network", "networks", "net", "architecture", "architectures", "model", "models"])


@dataclass(frozen=True, slots=True)
class Term:
    """One known entity: its canonical label and type."""

    label: str
    type: str
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class Surface:
    """One way a term is written in text."""

    text: str
    term: Term
    case_sensitive: bool


@dataclass(slots=True)
class Lexicon:
    """Surface forms of known terms, looked up by :func:`~kg.normalize.match_key`."""

    _by_key: dict[str, list[Surface]] = field(default_factory=dict)

    longest: int = 1  # words in the longest surface form
    _prefixes: set[str] = field(default_factory=set)  # keys of the first words of surface forms
    _families: dict[str, set[str]] = field(default_factory=dict)  # family key -> types of its releases
    _full_names: dict[Term, list[frozenset[str]]] = field(default_factory=dict)  # words of each name of several words

    def add(self, surface: Surface) -> None:
        self._by_key.setdefault(match_key(surface.text), []).append(surface)
        name_words = content_words(surface.text)
        if len(name_words) > 1:
            self._full_names.setdefault(surface.term, []).append(name_words)
        self._families.setdefault(family_key(surface.text), set()).add(surface.term.type)
        words = surface.text.split()
        self.longest = max(self.longest, len(words))
        key = ""
        for word in words:
            key += match_key(word)
            self._prefixes.add(key)

    def has_key(self, key: str) -> bool:
        return key in self._by_key

    def has_prefix(self, key: str) -> bool:
        """Whether some surface form starts with words whose keys join to ``key``."""
        return key in self._prefixes

    def lookup_key(self, key: str, text: str, *, words: int = 1) -> Term | None:
        """:meth:`lookup` for a text whose :func:`match_key` is already known. A text of several
        ``words`` only matches a form of several words ("layers scale" is not "LayerScale")."""
        found = self._terms(key, text, words)
        if len(found) != 1:
            return None
        term = found.pop()
        return None if term.ambiguous else term

    def shared_type_key(self, key: str, text: str, *, words: int = 1) -> str | None:
        """The type of every term a text may name, when they agree: "SAM" is a Segment
        Anything Model or a Sharpness-Aware Minimization, a method either way.

        >>> lexicon = Lexicon()
        >>> for label in ("Segment Anything Model", "Sharpness-Aware Minimization"):
        ...     lexicon.add(Surface("SAM", Term(label, "method"), case_sensitive=True))
        >>> lexicon.lookup("SAM"), lexicon.shared_type_key(match_key("SAM"), "SAM")
        (None, 'method')
        """
        found = self._terms(key, text, words)
        types = {term.type for term in found}
        return types.pop() if len(types) == 1 and not any(term.ambiguous for term in found) else None

    def _terms(self, key: str, text: str, words: int) -> set[Term]:
        return {s.term for s in self._by_key.get(key, ()) if (not s.case_sensitive or _same_case(s.text, text))
                and (words == 1 or " " in s.text)}

    def lookup(self, text: str) -> Term | None:
        """The term ``text`` names, respecting case-sensitive forms; None if unknown or ambiguous.

        >>> lexicon = Lexicon()
        >>> lexicon.add(Surface("SAM", Term("Segment Anything Model", "method"), case_sensitive=True))
        >>> lexicon.lookup("SAM").label, lexicon.lookup("Sam")
        ('Segment Anything Model', None)
        """
        return self.lookup_key(match_key(text), text)

    def kind_of(self, text: str, heads: Iterable[str] = KIND_HEADS) -> Term | None:
        """The known method ``text`` names with one of ``heads`` after it (by default, a noun
        for a kind of model): "transformer architectures" is a Transformer, "graph
        convolution networks" a Graph Convolution; None for any other text.

        >>> lexicon = Lexicon()
        >>> lexicon.add(Surface("Transformer", Term("Transformer", "method"), False))
        >>> lexicon.kind_of("transformer architectures").label, lexicon.kind_of("transformer")
        ('Transformer', None)
        """
        rest, _, head = text.rpartition(" ")
        term = self.lookup(rest) if rest and head.lower() in heads else None
        return term if term is not None and term.type == "method" else None

    def named_term(self, text: str) -> Term | None:
        """:meth:`lookup`, or else :meth:`kind_of`: the known term ``text`` names."""
        return self.lookup(text) or self.kind_of(text)

    def expands(self, term: Term, long: str) -> bool | None:
        """Whether ``long``, a paper's long form for an acronym of ``term``, can be that term:
        half its words or more are words of one of the term's names of several words ("Area
        under the ROC curve" for "Area Under Curve", "large LMs" for "Large Language Model"; not
        "access point" for "Average Precision"). None for a term known by no such name (the
        CAR dataset): the lexicon cannot tell.

        >>> lexicon = Lexicon()
        >>> ap = Term("Average Precision", "metric")
        >>> lexicon.add(Surface("Average Precision", ap, False))
        >>> lexicon.expands(ap, "average precisions"), lexicon.expands(ap, "access point")
        (True, False)
        >>> lexicon.expands(Term("CAR", "dataset"), "Complementary Anchor Replay") is None
        True
        """
        return fits_a_name(long, self._full_names[term]) if self.has_full_name(term) else None

    def has_full_name(self, term: Term) -> bool:
        """Whether the lexicon knows ``term`` by a name of several words, not its acronym alone."""
        return term in self._full_names

    def family_type(self, text: str) -> str | None:
        """The type of the known family a release belongs to: "MIMIC-IV" is a dataset because
        "MIMIC-III" is, "COCO-2017" because "COCO" is. None for a name without a release
        suffix, or a family of several types.

        >>> lexicon = Lexicon()
        >>> lexicon.add(Surface("MIMIC-III", Term("MIMIC-III", "dataset"), case_sensitive=True))
        >>> lexicon.family_type("MIMIC-IV"), lexicon.family_type("MIMIC")
        ('dataset', None)
        """
        key = family_key(text)
        if key == match_key(text):
            return None
        types = self._families.get(key, ())
        return next(iter(types)) if len(types) == 1 else None

    def is_known(self, text: str) -> bool:
        """True when ``text`` is a known surface form, even an ambiguous one."""
        return any(
            not s.case_sensitive or _same_case(s.text, text) for s in self._by_key.get(match_key(text), ())
        )


_RELEASE = re.compile(r"[-_ ]?(?:v?\d+(?:\.\d+)*[KkM]?|[IVX]{2,4}|\+\+)$")


def family_key(text: str) -> str:
    """:func:`match_key` of ``text`` without a release suffix: "MIMIC" for "MIMIC-IV",
    "Kinetics" for "Kinetics-700", "COCO" for "COCO-2017" (a suffix only, never the whole name)."""
    stem = _RELEASE.sub("", text)
    return match_key(stem if len(stem) >= 2 else text)


# the function words inside names ("Mixture of Experts"), which carry none of a name's meaning
MINOR_WORDS = frozenset(["of", "for", "and", "the", "in", "on", "with", "to", "a", "an", "via", "by"])


def content_words(text: str) -> frozenset[str]:
    """The match keys of the words of ``text`` but function words, hyphenated parts apart.

    >>> sorted(content_words("Area under the ROC-curve"))
    ['area', 'curve', 'roc', 'under']
    """
    return frozenset(match_key(w) for w in text.replace("-", " ").split() if w.lower() not in MINOR_WORDS) - {""}


def fits_a_name(long: str, names: Iterable[frozenset[str]]) -> bool:
    """Whether half the words of ``long`` or more are words of one of ``names`` (each the
    :func:`content_words` of a name), and none takes the place of another word of that name:
    whether a long form can be that name.

    >>> vlm = content_words("Vision-Language Model")
    >>> [fits_a_name(t, [vlm]) for t in ("vision language models", "Visual Language Models", "Video-Language Models")]
    [True, True, False]
    """
    words = content_words(long)
    return any(2 * len(words & name) >= len(words) > 0 and not _swaps_a_word(words, name) for name in names)


def _swaps_a_word(words: frozenset[str], name: frozenset[str]) -> bool:
    """Whether ``words`` are as many as the name's, with one unlike each name word they lack:
    "Knowledge Deletion" for Knowledge Distillation (a spelling or form of a name word, such
    as "normalisation" or "answer", is alike)."""
    if len(words) != len(name):
        return False
    lacking = name - words
    return any(not any(_alike(word, other) for other in lacking) for word in words - name)


def _alike(a: str, b: str) -> bool:
    """Whether two words are forms or spellings of one: one begins the other ("map",
    "mapping"), they share a first half ("visual", "vision"; not "video", "vision"), or they
    differ by an edit per five letters ("bjontegaard", "bjøntegaard"; "spatting", "splatting")."""
    shared = len(os.path.commonprefix([a, b]))
    if shared >= 3 and (shared == min(len(a), len(b)) or 2 * shared >= max(len(a), len(b))):
        return True
    limit = max(len(a), len(b)) // 5
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))  # edit distances of a prefix of a to each prefix of b
    for i, letter in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter != other)))
        previous = current
    return previous[-1] <= limit


def _same_case(known: str, text: str) -> bool:
    # "CNNs" is written like "CNN": compare without a plural s
    return text == known or text.rstrip("s") == known.rstrip("s")


def _surfaces(entry: dict, term: Term, path: Path, line: int) -> Iterator[Surface]:
    default_case = bool(entry.get("case_sensitive", False))
    yield Surface(entry["label"], term, default_case)
    for alias in entry.get("aliases", ()):
        if isinstance(alias, str):
            yield Surface(alias, term, default_case)
        elif isinstance(alias, dict) and isinstance(alias.get("text"), str):
            yield Surface(alias["text"], term, bool(alias.get("case_sensitive", default_case)))
        else:
            raise KgError(f"{path}:{line}: alias must be a string or {{\"text\": ...}}, got {alias!r}")


def read_lexicon(directory: Path) -> Lexicon:
    """Read every ``<type>.jsonl`` file of ``directory`` into one :class:`Lexicon`."""
    lexicon = Lexicon()
    for entity_type in ENTITY_TYPES:
        path = directory / f"{entity_type}.jsonl"
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    entry = json.loads(line)
                    term = Term(entry["label"], entity_type, bool(entry.get("ambiguous", False)))
                except (ValueError, KeyError, TypeError) as error:
                    raise KgError(f"{path}:{number}: not a lexicon entry ({error}); rebuild it with "
                                  "scripts/build_lexicons.py") from error
                for surface in _surfaces(entry, term, path, number):
                    lexicon.add(surface)
    return lexicon


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon shipped in ``kg/data/lexicons`` (read once per process)."""
    return read_lexicon(Path(str(resources.files("kg") / "data" / "lexicons")))
