"""Comparison keys for entity names: one place decides when two surface forms are the same name.

>>> match_key("Mixtures-of-Experts") == match_key("mixture of expert")
True
>>> display_key("Face  Anti-Spoofing")
'face anti-spoofing'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Endings where a final "s" is not a plural: loss, focus, analysis, bias, ...
_NOT_PLURAL = ("ss", "us", "is", "ous", "ics", "ys", "as", "os")
_INVARIANT = {"series", "species", "news", "lens", "means", "physics", "kinetics"}
_DASHES = re.compile(r"[\u2010-\u2015\u2212_/]")
_WORD = re.compile(r"[0-9a-z+]+")
_POSSESSIVE = re.compile(r"['’]s\b")


def singular(word: str) -> str:
    """Crude English singular of one lower-case word, safe for technical vocabulary.

    >>> [singular(w) for w in ["networks", "strategies", "loss", "analysis", "cnns", "boxes", "gas"]]
    ['network', 'strategy', 'loss', 'analysis', 'cnn', 'box', 'gas']
    """
    if len(word) <= 3 or word in _INVARIANT:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("xes", "ches", "shes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(_NOT_PLURAL):
        return word[:-1]
    return word


def fold(text: str) -> str:
    """Lower case without accents: the common ground of every comparison key.

    >>> fold("Moiré"), fold("ResNet")
    ('moire', 'resnet')
    """
    if text.isascii():  # most text: nothing to decompose, and a character loop costs more than the rest
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=1 << 18)
def match_key(text: str) -> str:
    """Key under which surface forms are the same name: case, accents, plurals, hyphens, spaces.

    >>> match_key("CNNs") == match_key("CNN"), match_key("ResNet-50") == match_key("ResNet50")
    (True, True)
    """
    text = text.strip()
    if "'" in text or "’" in text:  # "Cohen's d": words drop the possessive, so keys do too
        text = _POSSESSIVE.sub("", text)
    if text.endswith("s") and text[:-1].isupper() and len(text) > 2:
        text = text[:-1]  # acronym plural: "CNNs", "LLMs"
    return "".join([singular(word) for word in _WORD.findall(fold(_DASHES.sub(" ", text)))])


def display_key(text: str) -> str:
    """Readable, stable key for node ids: lower case, single spaces, hyphens kept."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


# "13B", "1.5M", "7-8B", "7B-parameter": a size; "6-DoF", "3-D": degrees of freedom or dimensions; not names
_SIZE = re.compile(r"(?:\d+(?:\.\d+)?[-–])?\d+(?:\.\d+)?(?:[KMBT](?:-parameters?)?|-?(?:D|DoF|DOF))")


@lru_cache(maxsize=1 << 18)
def is_name_shaped(text: str) -> bool:
    """True for words shaped like names: inner capitals or letters with digits.

    >>> [is_name_shaped(w) for w in ["PhysMamba", "rPPG", "GPT-4o", "ResNet-50", "Mamba", "model", "2024"]]
    [True, True, True, True, False, False, False]
    >>> [is_name_shaped(w) for w in ["7B", "8B-parameter", "7-8B", "6-DoF"]]  # sizes and degrees of freedom
    [False, False, False, False]
    """
    if not any(ch.isalpha() for ch in text) or text.islower() or _SIZE.fullmatch(text):
        return False
    inner_upper = any(ch.isupper() for ch in text[1:])
    return inner_upper or (any(ch.isdigit() for ch in text) and any(ch.isupper() for ch in text))
