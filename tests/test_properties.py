"""Property-based tests (hypothesis): the ingesters, the text clean-up and the acronym detector
take any input without an exception, and what they return lies inside their input.

Examples are kept few and small so the file runs in seconds; ``deadline=None`` because the
first example of a run pays for imports and regex compilation.
"""

from __future__ import annotations

import json
import string
import unicodedata
from functools import lru_cache

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.acronyms import _NUMBER_WORDS, find_definitions, find_long_form, is_short_form
from kg.errors import InputError
from kg.ingest import RawRecord, parse_abstract_lines, parse_listing, parse_paragraphs, read_file, record_from_json
from kg.papers import merge_records, text_key
from kg.textclean import clean_identifier, clean_name, clean_text, find_urls, remove_unprintable

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any code point, lone surrogates included (hypothesis leaves them out unless asked).
ANY_CHAR = st.characters(blacklist_categories=())
ANY_TEXT = st.text(ANY_CHAR, max_size=200)
# Text made of the pieces the parsers look for, so that examples reach their deep branches.
PIECES = [
    "Abstract:", "abstract: ", "Title: ", "Authors: A. Smith, B. Jones", "Comments: 12 pages", "Subjects: cs.CV",
    "arXiv:2409.03501", "arXiv:2409.03501v2", "arXiv:cs/0112017", " - doi: 10.1145/3664647.3680919",
    "DOI: 10.1/x", "Accepted by CVPR 2024", "We propose MoE.", "The", "mixture of experts", "(MoE)", "(",
    ")", "=", ";", ",", ".", "\n", "\n\n", " ", "\t", "\r\n", "~", "$", "\\textbf{", "}", "{", "\\'e", "3D",
    "three-dimensional", "LLMs", "large language models", "Large Language Models (LLMs)", "CI = confidence interval",
    "i.e., ", "\x00", "\x0b", "\ud800", "\u200f", "\u202e", "\U0001F680", "e\u0301", "İ", "Σ", "ß", "https://github.com/a/b",
]
PIECED_TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(ANY_CHAR, max_size=3)), max_size=40).map("".join)
TEXT = st.one_of(ANY_TEXT, PIECED_TEXT)


def inside(record: RawRecord, text: str) -> bool:
    """Every word of the record's text and fields is a piece of the input text."""
    words = [*record.text.split(), *(record.title or "").split(), *(w for c in record.comments for w in c.split())]
    return all(word in text for word in words)


# --------------------------------------------------------------------------- ingesters


@SETTINGS
@given(TEXT)
@example("arXiv:2409.03501The next abstract.\n")
@example("Abstract:\n\nAbstract: x")
def test_text_parsers_take_any_string_and_return_pieces_of_it(text):
    lines = max(1, text.count("\n") + 1)
    for parse in (parse_abstract_lines, parse_listing, parse_paragraphs):
        for record in parse(text, "x.txt"):
            assert record.text.strip(), parse.__name__
            assert 1 <= record.line <= lines, (parse.__name__, record.line)
            assert inside(record, text), (parse.__name__, record)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(ANY_TEXT, children, max_size=4),
    max_leaves=12,
)
FIELDS = ["abstract", "summary", "id", "arxiv_id", "title", "authors", "categories", "comment", "comments", "doi"]
PAPER_OBJECTS = st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES | TEXT, max_size=8)


@SETTINGS
@given(PAPER_OBJECTS | JSON_VALUES)
def test_record_from_json_takes_any_json_value(value):
    try:
        record = record_from_json(value, "p.jsonl", 3)
    except InputError as error:
        assert error.path == "p.jsonl" and error.line == 3
        return
    assert record.text.strip() and record.line == 3
    assert all(isinstance(item, str) for item in (*record.authors, *record.categories, *record.comments))


FILE_CONTENTS = st.one_of(
    st.binary(max_size=300),
    TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    TEXT.map(lambda t: t.encode("cp1252", "replace")),
    st.lists(PAPER_OBJECTS | JSON_VALUES, max_size=4).map(
        lambda objects: "".join(json.dumps(o) + "\n" for o in objects).encode()),
    st.lists(PAPER_OBJECTS, max_size=3).map(lambda objects: json.dumps(objects, indent=1).encode()),
)


@SETTINGS
@given(FILE_CONTENTS, st.booleans())
def test_read_file_takes_any_bytes(tmp_path_factory, content, strict):
    path = tmp_path_factory.mktemp("in") / "input.txt"
    path.write_bytes(content)
    messages: list[str] = []
    try:
        records = list(read_file(path, warn=messages.append, strict=strict))
    except InputError as error:
        assert str(path) in str(error)
        return
    assert all(str(path) in message for message in messages)  # every warning names the file
    lines = content.count(b"\n") + content.count(b"\r") + 1  # a lone "\r" ends a line too
    assert all(record.source == str(path) and 1 <= record.line <= lines for record in records)


# --------------------------------------------------------------------------- text clean-up


@SETTINGS
@given(TEXT)
def test_clean_text_takes_any_string_and_gives_printable_nfc_text(text):
    out = clean_text(text)
    assert out.replace("\u200d", "").isprintable() and out == out.strip() and "  " not in out
    assert unicodedata.normalize("NFC", out) == out
    assert not any(unicodedata.category(c) in ("Cs", "Co", "Cn") for c in out)


@SETTINGS
@given(TEXT)
def test_name_and_identifier_clean_up_take_any_string(text):
    name, identifier = clean_name(text), clean_identifier(text)
    assert name.replace("\u200d", "").isprintable() and name == name.strip() and "  " not in name
    assert identifier.isprintable() and not any(c.isspace() for c in identifier)
    assert all(c in remove_unprintable(text) for c in identifier)


@SETTINGS
@given(TEXT)
def test_remove_unprintable_only_drops_invisible_characters(text):
    out = remove_unprintable(text)
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in out.replace("\t", "").replace("\n", ""))
    assert all(c == "\u200d" or unicodedata.category(c) != "Cf" for c in out)
    assert len(out) == len(text) - sum(1 for c in text if unicodedata.category(c) == "Cf") + out.count("\u200d")
    for index, char in enumerate(out):  # a joiner that stays joins two visible characters
        assert char != "\u200d" or (index > 0 and unicodedata.category(out[index - 1])[0] in "LMS")


@SETTINGS
@given(TEXT)
def test_urls_are_pieces_of_the_text(text):
    for url in find_urls(text):
        assert url and url in text


@SETTINGS
@given(st.lists(st.tuples(TEXT, st.sampled_from([None, "2409.03501", "2409.90017"]), st.integers(1, 9)), max_size=6))
def test_merge_records_takes_any_records_and_keeps_every_source(rows):
    records = [RawRecord(text, f"f{i % 2}.txt", line, arxiv_id=arxiv_id) for i, (text, arxiv_id, line) in enumerate(rows)]
    papers = merge_records(records)
    assert len({p.id for p in papers}) == len(papers)
    kept = {r.location for r in records if text_key(clean_text(r.text))}
    assert {source for p in papers for source in p.sources} == kept
    assert all(text_key(p.abstract) for p in papers)


# --------------------------------------------------------------------------- acronyms


@lru_cache(maxsize=4096)
def _spelled(letters: str, text: str) -> bool:
    """Whether ``letters`` appear in ``text`` in order, a digit also as one of its number words."""
    if not letters:
        return True
    first, rest = letters[0], letters[1:]
    spellings = (first, *_NUMBER_WORDS.get(first, ()))
    return any(
        _spelled(rest, text[start + len(spelling):])
        for spelling in spellings
        for start in _positions(text, spelling)
    )


def _positions(text: str, part: str) -> list[int]:
    found, start = [], text.find(part)
    while start >= 0:
        found.append(start)
        start = text.find(part, start + 1)
    return found


def letters_of_short_in_long(short: str, long: str) -> bool:
    """The guarantee of kg.acronyms: each letter and digit of the short form (case-folded) is in
    the long form, in order; a digit may be a number word ("3D"), a plural "s" may be missing."""
    letters = "".join(c for c in short.lower() if c.isalnum())
    folds = {long.lower(), "".join(c.lower()[0] for c in long)}  # as the detector folds: whole, or per character
    candidates = [letters, letters[:-1]] if short.endswith("s") else [letters]
    return any(_spelled(ls, fold) for ls in candidates for fold in folds)


ACRONYM_PIECES = [
    "(", ")", " (", ") ", "=", " = ", ";", ", ", ". ", " ", "~", "-", "i.e., ", "called ", "the ", "of ", "and ",
    "\\textbf{", "}", "$", "\"", "'", "3D", "2", "three", "two", "dimensional", "to", "text", "image", "T2I",
    "Mixture", "of", "Experts", "MoE", "mixture", "experts", "rPPG", "remote", "photoplethysmography",
    "LLMs", "Large", "Language", "Models", "CNN", "convolutional", "neural", "network", "CI", "confidence",
    "interval", "İ", "Σ", "ς", "σ", "ß", "ẞ", "e\u0301", "\ud800", "\x00", "\u200f", "A", "B", "C", "a", "b", "c",
]
ACRONYM_TEXT = st.one_of(
    ANY_TEXT,
    st.lists(st.one_of(st.sampled_from(ACRONYM_PIECES), st.text(ANY_CHAR, max_size=2)), max_size=40).map("".join),
    # "long form (SF)" and "SF (long form)" built from random words, to reach the alignment
    st.lists(st.text(string.ascii_letters, min_size=1, max_size=8), min_size=1, max_size=6).flatmap(
        lambda words: st.sampled_from([
            " ".join(words) + " (" + "".join(w[0] for w in words).upper() + ")",
            "".join(w[0] for w in words).upper() + " (" + " ".join(words) + ")",
            "".join(w[0] for w in words).upper() + "s = " + " ".join(words) + "; x",
        ])),
)


@settings(max_examples=400, deadline=None)
@given(ACRONYM_TEXT)
@example("Large Language Models (LLMs)")
@example("three-dimensional (3D) and text to image (T2I)")
@example("ΑΣ (ΑΣΒ Σ)")
def test_acronym_definitions_lie_in_the_text_and_spell_the_short_form(text):
    definitions = find_definitions(text)
    assert [d.short_start for d in definitions] == sorted(d.short_start for d in definitions)
    for d in definitions:
        assert 0 <= d.short_start < d.short_end <= len(text) and 0 <= d.long_start < d.long_end <= len(text)
        assert text[d.short_start:d.short_end] == d.short and text[d.long_start:d.long_end] == d.long
        assert is_short_form(d.short)
        assert d.long != d.short
        assert letters_of_short_in_long(d.short, d.long), d


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["MoE", "LLMs", "3D", "T2I", "rPPG", "CI", "x", ""]) | ANY_TEXT, ACRONYM_TEXT)
def test_find_long_form_is_a_piece_of_the_candidate_and_spells_the_short_form(short, candidate):
    long = find_long_form(short, candidate)
    if long is None:
        return
    assert long in candidate and long.strip() == long
    assert letters_of_short_in_long(short, long)
