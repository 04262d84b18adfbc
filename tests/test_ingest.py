"""Tests of kg.ingest: every input style, line numbers, warnings and input errors."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from kg.errors import InputError, KgError
from kg.ingest import (
    RawRecord,
    expand_inputs,
    normalize_arxiv_id,
    parse_abstract_lines,
    parse_listing,
    parse_paragraphs,
    read_file,
    read_records,
    record_from_json,
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read(*paths, strict: bool = False) -> tuple[list[RawRecord], list[str]]:
    messages: list[str] = []
    records = list(read_records([str(p) for p in paths], warn=messages.append, strict=strict))
    return records, messages


def jsonl(*objects) -> str:
    return "".join(json.dumps(o) + "\n" for o in objects)


# --------------------------------------------------------------------------- "Abstract:" lines


def test_abstract_lines_without_blank_lines_between(tmp_path):
    path = write(tmp_path, "a.txt", "Abstract: First abstract.\nAbstract: Second abstract.\nAbstract: Third.\n")
    records, messages = read(path)
    assert [(r.line, r.text) for r in records] == [(1, "First abstract."), (2, "Second abstract."), (3, "Third.")]
    assert all(r.source == str(path) for r in records)
    assert messages == []


def test_abstract_lines_with_blank_lines_between(tmp_path):
    path = write(tmp_path, "a.txt", "\n\nAbstract: First abstract.\n\n\nAbstract: Second abstract.\n\n")
    records, _ = read(path)
    assert [(r.line, r.text) for r in records] == [(3, "First abstract."), (6, "Second abstract.")]


@pytest.mark.parametrize("prefix", ["Abstract:", "abstract:", "ABSTRACT:", "  Abstract:   ", "Abstract:\t"])
def test_abstract_line_prefix_variants(tmp_path, prefix):
    records, _ = read(write(tmp_path, "a.txt", f"{prefix}We study graphs.\n"))
    assert [r.text for r in records] == ["We study graphs."]


def test_abstract_lines_with_listing_fields_before(tmp_path):
    text = (
        "arXiv:2409.03501v2 [cs.CV] 5 Sep 2024\n"
        "Title: Graphs of Papers\n"
        "Authors: A. Smith, B. Jones and C. Lee\n"
        "Comments: Accepted by MICCAI 2024\n"
        "Comments: 12 pages, 5 figures\n"
        "Subjects: Computer Vision (cs.CV); Machine Learning (cs.LG)\n"
        "DOI: 10.1145/3664647.3680919\n"
        "Abstract: We study graphs.\n"
        "\n"
        "[2] arXiv:cs/0112017\n"
        "Title: Old paper\n"
        "Abstract: An old abstract.\n"
        "\n"
        "Abstract: No fields at all.\n"
    )
    first, second, third = read(write(tmp_path, "listing.txt", text))[0]
    assert first.line == 8
    assert first.text == "We study graphs."
    assert first.arxiv_id == "2409.03501"
    assert first.title == "Graphs of Papers"
    assert first.authors == ("A. Smith", "B. Jones", "C. Lee")
    assert first.comments == ("Accepted by MICCAI 2024", "12 pages, 5 figures")
    assert first.categories == ("Computer Vision (cs.CV)", "Machine Learning (cs.LG)")
    assert first.doi == "10.1145/3664647.3680919"
    # fields never leak into the next abstract
    assert (second.line, second.arxiv_id, second.title, second.text) == (12, "cs/0112017", "Old paper", "An old abstract.")
    assert second.authors == () and second.comments == () and second.doi is None
    assert (third.line, third.arxiv_id, third.title, third.comments) == (14, None, None, ())


def test_abstract_lines_fields_after_an_abstract_start_the_next_paper(tmp_path):
    text = "Abstract: First.\nTitle: Second title\nAbstract: Second.\n"
    first, second = read(write(tmp_path, "a.txt", text))[0]
    assert (first.text, first.title) == ("First.", None)
    assert (second.text, second.title, second.line) == ("Second.", "Second title", 3)


def test_abstract_lines_hard_wrapped_continuation(tmp_path):
    text = (
        "Title: Wrapped\n"
        "Abstract: We study graphs of papers and\n"
        "   their citations over many\n"
        "years.\n"
        "Abstract: Next one\n"
        "continues here.\n"
        "\n"
        "a stray line after a blank is not part of any abstract\n"
    )
    records, _ = read(write(tmp_path, "a.txt", text))
    assert [(r.line, r.text) for r in records] == [
        (2, "We study graphs of papers and their citations over many years."),
        (5, "Next one continues here."),
    ]


def test_abstract_lines_win_over_paragraphs_and_listing_markers(tmp_path):
    # an "arXiv:" line in an Abstract: file is a field, not a raw-listing marker
    text = "arXiv:2409.03501\nAbstract: With id.\n"
    (record,) = read(write(tmp_path, "a.txt", text))[0]
    assert (record.text, record.arxiv_id, record.line) == ("With id.", "2409.03501", 2)


def test_parse_abstract_lines_directly():
    records = list(parse_abstract_lines("Title: Graphs\nAbstract: We study\ngraphs.\n\nAbstract: Another one.", "x.txt"))
    assert [(r.line, r.text, r.title, r.location) for r in records] == [
        (2, "We study graphs.", "Graphs", "x.txt:2"),
        (5, "Another one.", None, "x.txt:5"),
    ]


# --------------------------------------------------------------------------- raw listings

LISTING = (
    "We propose a method for graphs. It works well.\n"  # 1
    "Accepted by MICCAI 2024\n"  # 2
    "arXiv:2409.03501The vision-language model is strong. We show results.\n"  # 3
    "arXiv:2408.12141v2 - doi: 10.1145/3664647.3680919Deep image priors help denoising.\n"  # 4
    "12 pages, 5 figures\n"  # 5
    "arXiv:2407.00001 - doi: 10.48550/arXiv.2407.00001\n"  # 6
    "\n"  # 7
    "Old style abstract here.\n"  # 8
    "arXiv:cs/0112017\n"  # 9
    "Pre-2015 abstract here.\n"  # 10
    "arXiv:1412.6980Adam is a method for stochastic optimization.\n"  # 11
    "arXiv:1412.6981\n"  # 12
    "Trailing abstract without an id.\n"  # 13
)


@pytest.fixture
def listing_records(tmp_path):
    records, messages = read(write(tmp_path, "listing.txt", LISTING))
    assert messages == []
    return records


def test_listing_splits_one_record_per_abstract(listing_records):
    assert [r.text for r in listing_records] == [
        "We propose a method for graphs. It works well.",
        "The vision-language model is strong. We show results.",
        "Deep image priors help denoising.",
        "Old style abstract here.",
        "Pre-2015 abstract here.",
        "Adam is a method for stochastic optimization.",
        "Trailing abstract without an id.",
    ]


def test_listing_id_belongs_to_the_abstract_before_it(listing_records):
    assert [r.arxiv_id for r in listing_records] == [
        "2409.03501", "2408.12141", "2407.00001", "cs/0112017", "1412.6980", "1412.6981", None,
    ]


def test_listing_dois(listing_records):
    assert [r.doi for r in listing_records] == [
        None,
        "10.1145/3664647.3680919",  # glued DOI cut where "Deep" starts
        "10.48550/arXiv.2407.00001",  # not cut at "Xi" of "arXiv"
        None, None, None, None,
    ]


def test_listing_comment_lines(listing_records):
    assert [r.comments for r in listing_records] == [
        ("Accepted by MICCAI 2024",), (), ("12 pages, 5 figures",), (), (), (), (),
    ]


def test_listing_line_numbers_are_one_based_and_exact(listing_records):
    lines = LISTING.splitlines()
    assert [r.line for r in listing_records] == [1, 3, 4, 8, 10, 11, 13]
    for record in listing_records:
        # the reported line really holds the start of the abstract
        assert record.text.split()[0] in lines[record.line - 1]


def test_listing_with_crlf_line_ends(tmp_path):
    text = LISTING.replace("\n", "\r\n")
    records, _ = read(write(tmp_path, "crlf.txt", text.encode()))
    assert [(r.line, r.arxiv_id) for r in records] == [
        (1, "2409.03501"), (3, "2408.12141"), (4, "2407.00001"), (8, "cs/0112017"), (10, "1412.6980"),
        (11, "1412.6981"), (13, None),
    ]
    assert all("\r" not in r.text for r in records)


@pytest.mark.parametrize(
    "marker, arxiv_id",
    [
        ("arXiv:2409.03501", "2409.03501"),
        ("arXiv:2409.03501v2", "2409.03501"),
        ("arXiv:2409.03501v12", "2409.03501"),
        ("arXiv: 2409.03501", "2409.03501"),
        ("arxiv:2409.03501", "2409.03501"),
        ("  arXiv:2409.03501", "2409.03501"),
        ("arXiv:0704.0001", "0704.0001"),
        ("arXiv:1412.6980", "1412.6980"),
        ("arXiv:cs/0112017", "cs/0112017"),
        ("arXiv:cs/0112017v3", "cs/0112017"),
        ("arXiv:math.AG/0112017", "math.AG/0112017"),
        ("arXiv:hep-th/9901001", "hep-th/9901001"),
    ],
)
def test_listing_id_forms(marker, arxiv_id):
    records = list(parse_listing(f"First abstract.\n{marker}\nSecond abstract.\narXiv:2409.99999\n", "x.txt"))
    assert [(r.arxiv_id, r.text) for r in records] == [(arxiv_id, "First abstract."), ("2409.99999", "Second abstract.")]


@pytest.mark.parametrize(
    "marker, arxiv_id",
    [
        ("arXiv:2409.03501", "2409.03501"),
        ("arXiv:1412.6980", "1412.6980"),  # four-digit pre-2015 id: the next digit is not part of it
        ("arXiv:cs/0112017", "cs/0112017"),
    ],
)
@pytest.mark.parametrize("glued", ["The vision model.", "3D scenes are hard.", "2024 was a year."])
def test_listing_id_glued_to_the_next_abstract(marker, arxiv_id, glued):
    records = list(parse_listing(f"First abstract.\n{marker}{glued}\narXiv:2409.99999", "x.txt"))
    assert [(r.arxiv_id, r.text, r.line) for r in records] == [
        (arxiv_id, "First abstract.", 1), ("2409.99999", glued, 2),
    ]


@pytest.mark.parametrize("glued", ["The vision model.", "Deep nets."])
def test_listing_versioned_id_glued_to_the_next_abstract(glued):
    # (a digit right after "v2" is ambiguous - "v23D" could be version 23 - so only letters here)
    records = list(parse_listing(f"First abstract.\narXiv:2409.03501v2{glued}\narXiv:2409.99999v10", "x.txt"))
    assert [(r.arxiv_id, r.text, r.line) for r in records] == [
        ("2409.03501", "First abstract.", 1), ("2409.99999", glued, 2),
    ]


@pytest.mark.parametrize(
    "doi",
    [
        "10.1145/3664647.3680919",
        "10.48550/arXiv.2409.03501",
        "10.1109/TPAMI.2024.3400000",
        "10.1038/s41586-021-03819-2",
        "10.1007/978-3-031-72390-2_5",
    ],
)
@pytest.mark.parametrize("glue", ["\n", "", " "], ids=["newline", "glued", "space"])
def test_listing_doi_then_next_abstract(doi, glue):
    text = f"First abstract.\narXiv:2409.03501 - doi: {doi}{glue}Deep networks are used.\narXiv:2409.03502\n"
    records = list(parse_listing(text, "x.txt"))
    assert [(r.arxiv_id, r.doi, r.text) for r in records] == [
        ("2409.03501", doi, "First abstract."), ("2409.03502", None, "Deep networks are used."),
    ]


@pytest.mark.parametrize("doi", ["10.1016/j.media.2024.103250", "10.1093/bioinformatics/btae123"])
@pytest.mark.parametrize("glue", ["\n", ""], ids=["newline", "glued"])
def test_listing_doi_with_lowercase_words_is_not_cut(doi, glue):
    text = f"First abstract.\narXiv:2409.03501 - doi: {doi}{glue}Deep networks are used.\narXiv:2409.03502\n"
    records = list(parse_listing(text, "x.txt"))
    assert [(r.doi, r.text) for r in records] == [(doi, "First abstract."), (None, "Deep networks are used.")]


def test_listing_glued_doi_before_abstract_starting_with_a():
    text = "First abstract.\narXiv:2409.03501 - doi: 10.1145/3664647.3680919A novel method.\narXiv:2409.03502\n"
    records = list(parse_listing(text, "x.txt"))
    assert [(r.doi, r.text) for r in records] == [
        ("10.1145/3664647.3680919", "First abstract."), (None, "A novel method."),
    ]


HARD_WRAPPED = [
    pytest.param(
        "We propose a new method for the segmentation of medical images that\n"
        "works on many organs and scales well to large data sets of\n"
        "scans.\n",
        id="short-last-line",
    ),
    pytest.param(
        "We propose a new method for the segmentation of medical images that\n"
        "works on many organs and scales well to large data sets of\n"
        "scans. It is fast.\n",
        id="two-sentences-on-last-line",
    ),
    pytest.param(
        "We propose a new method for the segmentation of medical images and we\n"
        "release all our models, data, and the complete training and test\n"
        "code.\n",
        id="last-line-is-a-comment-word",
    ),
    pytest.param(
        "We propose a new method for the segmentation of medical images. It\nworks.\n",
        id="two-lines",
    ),
]


@pytest.mark.parametrize("abstract", HARD_WRAPPED)
def test_listing_hard_wrapped_abstract_keeps_its_last_line(abstract):
    (record,) = parse_listing(abstract + "arXiv:2409.03501\n", "x.txt")
    assert record.text == " ".join(abstract.split())
    assert record.comments == ()
    assert record.arxiv_id == "2409.03501"


@pytest.mark.parametrize(
    "comment",
    ["Accepted by MICCAI 2024", "12 pages, 5 figures", "Accepted to CVPR 2024.", "Code: https://github.com/a/b",
     "To appear in NeurIPS 2024 (spotlight)"],
)
@pytest.mark.parametrize("abstract", [
    "We propose a method for graphs. It works well.",
    "We propose a new method for the segmentation of medical images that\nworks on many organs and scales well.",
])
def test_listing_one_comment_line_after_abstract(abstract, comment):
    (record,) = parse_listing(f"{abstract}\n{comment}\narXiv:2409.03501\n", "x.txt")
    assert record.text == " ".join(abstract.split())
    assert record.comments == (comment,)


def test_listing_two_comment_lines_after_abstract():
    text = "We propose a method for graphs. It works well.\nAccepted by MICCAI 2024\n12 pages, 5 figures\narXiv:2409.03501\n"
    (record,) = parse_listing(text, "x.txt")
    assert record.text == "We propose a method for graphs. It works well."
    assert record.comments == ("Accepted by MICCAI 2024", "12 pages, 5 figures")


def test_listing_unwrapped_abstract_with_two_comment_lines_ending_in_full_stops():
    text = "We propose a method for graphs. It works well.\n12 pages, 5 figures.\nAccepted by MICCAI 2024.\narXiv:2409.03501\n"
    (record,) = parse_listing(text, "x.txt")
    assert record.text == "We propose a method for graphs. It works well."
    assert record.comments == ("12 pages, 5 figures.", "Accepted by MICCAI 2024.")


def test_listing_blank_lines_and_leading_space(tmp_path):
    text = "\n\n   First abstract.\n\narXiv:2409.03501\n\n\nSecond abstract.\narXiv:2409.03502\n\n"
    records, _ = read(write(tmp_path, "l.txt", text))
    assert [(r.line, r.text, r.arxiv_id) for r in records] == [
        (3, "First abstract.", "2409.03501"), (8, "Second abstract.", "2409.03502"),
    ]


def test_listing_detected_only_when_marker_starts_a_line(tmp_path):
    # "arXiv:ID" inside a sentence is a citation, not a listing marker: plain paragraphs
    text = "We extend arXiv:2409.03501 to graphs.\n\nAnother paragraph.\n"
    records, _ = read(write(tmp_path, "p.txt", text))
    assert [(r.line, r.text, r.arxiv_id) for r in records] == [
        (1, "We extend arXiv:2409.03501 to graphs.", None), (3, "Another paragraph.", None),
    ]


# --------------------------------------------------------------------------- JSON Lines


def test_jsonl_fields_and_normalisation(tmp_path):
    path = write(tmp_path, "papers.jsonl", jsonl(
        {"id": "2409.03501v2", "abstract": "A.", "title": "  Title A  ", "authors": ["Ada Lovelace", "Alan Turing"],
         "categories": "cs.CV cs.LG", "comment": "12 pages", "doi": " 10.1145/3664647.3680919 "},
        {"arxiv_id": "https://arxiv.org/abs/cs/0112017v1", "summary": "B.", "authors": "Ada Lovelace, Alan Turing",
         "categories": ["cs.CV", "cs.LG"]},
        {"id": "http://arxiv.org/pdf/2409.03502v1", "summary": "C.", "comments": ["first", "second"]},
        {"id": "arXiv:1412.6980", "abstract": "D.", "categories": ""},
        {"id": "not an arXiv id", "abstract": "E."},
    ))
    records, messages = read(path)
    assert messages == []
    assert [(r.line, r.text, r.arxiv_id) for r in records] == [
        (1, "A.", "2409.03501"), (2, "B.", "cs/0112017"), (3, "C.", "2409.03502"), (4, "D.", "1412.6980"),
        (5, "E.", None),
    ]
    a, b, c, d, e = records
    assert a.title == "Title A" and a.doi == "10.1145/3664647.3680919"
    assert a.authors == b.authors == ("Ada Lovelace", "Alan Turing")
    assert a.categories == b.categories == ("cs.CV", "cs.LG")
    assert a.comments == ("12 pages",) and c.comments == ("first", "second")
    assert d.categories == () and e.title is None and e.authors == ()


def test_jsonl_arxiv_id_wins_over_id(tmp_path):
    (record,) = read(write(tmp_path, "p.jsonl", jsonl({"arxiv_id": "2409.03501", "id": "2409.99999", "abstract": "A."})))[0]
    assert record.arxiv_id == "2409.03501"


def test_jsonl_authors_as_nested_lists(tmp_path):
    (record,) = read(write(tmp_path, "p.jsonl", jsonl({"abstract": "A.", "authors": [["Lovelace", "Ada"], ["Turing", "Alan"]]})))[0]
    # arXiv's "authors_parsed" form is [last, first, suffix]: read as "first last"
    assert record.authors == ("Ada Lovelace", "Alan Turing")


def test_jsonl_authors_as_objects_with_name():
    record = record_from_json({"abstract": "A.", "authors": [{"name": "Ada Lovelace"}, {"name": "Alan Turing"}]}, "p.jsonl", 1)
    assert record.authors == ("Ada Lovelace", "Alan Turing")


def test_jsonl_author_string_is_split_like_the_listing_authors_field():
    text = "A. Smith, B. Jones and C. Lee"
    from_json = record_from_json({"abstract": "A.", "authors": text}, "p.jsonl", 1).authors
    (from_listing,) = parse_abstract_lines(f"Authors: {text}\nAbstract: A.\n", "p.txt")
    assert from_json == from_listing.authors == ("A. Smith", "B. Jones", "C. Lee")


def test_jsonl_summary_used_when_abstract_empty_or_null(tmp_path):
    path = write(tmp_path, "p.jsonl", jsonl({"abstract": "", "summary": "S1."}, {"abstract": None, "summary": "S2."}))
    assert [r.text for r in read(path)[0]] == ["S1.", "S2."]


def test_jsonl_malformed_line_is_skipped_with_warning(tmp_path):
    path = write(tmp_path, "p.jsonl", jsonl({"abstract": "A."}) + "{broken json\n\n" + jsonl({"abstract": "C."}))
    records, messages = read(path)
    assert [(r.line, r.text) for r in records] == [(1, "A."), (4, "C.")]
    assert len(messages) == 1
    assert f"{path}:2" in messages[0]
    assert "JSON" in messages[0] and "skipped" in messages[0]


def test_jsonl_malformed_line_strict_raises_with_file_and_line(tmp_path):
    path = write(tmp_path, "p.jsonl", jsonl({"abstract": "A."}) + "{broken json\n" + jsonl({"abstract": "C."}))
    with pytest.raises(InputError) as raised:
        read(path, strict=True)
    assert f"{path}:2" in str(raised.value)
    assert raised.value.path == str(path) and raised.value.line == 2
    assert isinstance(raised.value, KgError)


@pytest.mark.parametrize(
    "line, problem",
    [
        ({"title": "No abstract here"}, '"abstract"'),
        ({"abstract": "   "}, '"abstract"'),
        ({"abstract": 42}, '"abstract"'),
        ([1, 2], "JSON object"),
        ("just a string", "JSON object"),
    ],
)
def test_jsonl_line_without_abstract_is_skipped_with_warning(tmp_path, line, problem):
    path = write(tmp_path, "p.jsonl", jsonl({"abstract": "A."}, line, {"abstract": "C."}))
    records, messages = read(path)
    assert [(r.line, r.text) for r in records] == [(1, "A."), (3, "C.")]
    assert len(messages) == 1 and f"{path}:2" in messages[0] and problem in messages[0]
    with pytest.raises(InputError, match=f"{path}:2"):
        read(path, strict=True)


def test_jsonl_many_bad_lines_are_summarised(tmp_path):
    path = write(tmp_path, "p.jsonl", jsonl({"abstract": "A."}) + "not json\n" * 8)
    records, messages = read(path)
    assert len(records) == 1
    assert len(messages) < 8  # not one warning per bad line...
    assert "8 lines skipped" in messages[-1]  # ...but a total that counts them all
    assert f"{path}:2" in messages[0]


def test_jsonl_malformed_first_line_is_skipped_like_any_other(tmp_path):
    path = write(tmp_path, "p.jsonl", '{"abstract": "A.",\n' + jsonl({"abstract": "B."}, {"abstract": "C."}))
    records, messages = read(path)
    assert [(r.line, r.text) for r in records] == [(2, "B."), (3, "C.")]
    assert len(messages) == 1 and f"{path}:1" in messages[0]


def test_jsonl_with_utf8_bom(tmp_path):
    path = write(tmp_path, "p.jsonl", b"\xef\xbb\xbf" + jsonl({"abstract": "A."}, {"abstract": "B."}).encode())
    records, messages = read(path)
    assert [r.text for r in records] == ["A.", "B."]


@pytest.mark.parametrize("name", ["p.jsonl.gz", "p.gz", "p.txt"])
def test_gzip_compressed_jsonl_whatever_its_name(tmp_path, name):
    path = write(tmp_path, name, gzip.compress(jsonl({"id": "2409.03501", "abstract": "A."}, {"abstract": "B."}).encode()))
    records, messages = read(path)
    assert [(r.line, r.text, r.arxiv_id) for r in records] == [(1, "A.", "2409.03501"), (2, "B.", None)]
    assert messages == []


def test_gzip_compressed_listing_text(tmp_path):
    path = write(tmp_path, "l.txt.gz", gzip.compress(b"Abstract: Compressed text.\n"))
    assert [r.text for r in read(path)[0]] == ["Compressed text."]


def test_corrupt_gzip_raises_input_error(tmp_path):
    path = write(tmp_path, "bad.jsonl.gz", b"\x1f\x8b\x08\x00garbage")
    with pytest.raises(InputError, match="bad.jsonl.gz"):
        read(path)


# --------------------------------------------------------------------------- JSON documents


def test_pretty_printed_json_object(tmp_path):
    path = write(tmp_path, "p.json", json.dumps({"id": "2409.03501v3", "abstract": "Pretty.", "title": "T"}, indent=2))
    records, messages = read(path)
    assert [(r.text, r.arxiv_id, r.title) for r in records] == [("Pretty.", "2409.03501", "T")]
    assert messages == []


def test_pretty_printed_json_object_without_abstract_warns(tmp_path):
    path = write(tmp_path, "p.json", json.dumps({"title": "T"}, indent=2))
    records, messages = read(path)
    assert records == []
    assert len(messages) == 1 and str(path) in messages[0] and "abstract" in messages[0]


def test_json_array(tmp_path):
    path = write(tmp_path, "p.json", json.dumps(
        [{"abstract": "One.", "id": "2409.03501"}, {"title": "none"}, {"summary": "Two."}], indent=2))
    records, messages = read(path)
    assert [(r.text, r.arxiv_id) for r in records] == [("One.", "2409.03501"), ("Two.", None)]
    assert len(messages) == 1 and f"{path}:6:" in messages[0]  # the line where item 2 starts
    with pytest.raises(InputError, match="abstract"):
        read(path, strict=True)


def test_compact_json_array_on_one_line(tmp_path):
    path = write(tmp_path, "p.json", json.dumps([{"abstract": "One."}, {"abstract": "Two."}]))
    assert [r.text for r in read(path)[0]] == ["One.", "Two."]


def test_json_array_record_line_is_the_file_line(tmp_path):
    path = write(tmp_path, "p.json", '[\n{"abstract": "One."},\n{"abstract": "Two."}\n]\n')
    assert [(r.line, r.text) for r in read(path)[0]] == [(2, "One."), (3, "Two.")]


def test_invalid_json_document_raises_input_error(tmp_path):
    path = write(tmp_path, "p.json", '[{"abstract": "One."},\n')
    with pytest.raises(InputError, match="not valid JSON") as raised:
        read(path)
    assert str(path) in str(raised.value)


# --------------------------------------------------------------------------- paragraphs


def test_plain_paragraphs(tmp_path):
    text = "\nFirst paragraph\nwrapped here.\n\n\nSecond one.\n   \nThird, after a line of spaces."
    records, messages = read(write(tmp_path, "p.txt", text))
    assert [(r.line, r.text) for r in records] == [
        (2, "First paragraph wrapped here."), (6, "Second one."), (8, "Third, after a line of spaces."),
    ]
    assert all(r.arxiv_id is None and r.comments == () for r in records)
    assert messages == []


def test_parse_paragraphs_directly():
    assert [(r.line, r.text) for r in parse_paragraphs("One\nabstract.\n\n\nTwo.", "x.txt")] == [
        (1, "One abstract."), (5, "Two."),
    ]


# --------------------------------------------------------------------------- encodings, binary, empty


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, id="png"),
        pytest.param(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", id="pdf"),
        pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF", id="jpeg"),
        pytest.param(b"PK\x03\x04\x14\x00", id="zip"),
        pytest.param(b"Abstract: text with a NUL \x00 byte.\n", id="nul-byte"),
    ],
)
def test_binary_file_among_good_files_is_skipped_with_warning(tmp_path, content):
    good = write(tmp_path, "a.txt", "Abstract: Good one.\n")
    binary = write(tmp_path, "b.txt", content)
    other = write(tmp_path, "c.jsonl", jsonl({"abstract": "Good two."}))
    records, messages = read(tmp_path)
    assert [(r.source, r.text) for r in records] == [(str(good), "Good one."), (str(other), "Good two.")]
    assert len(messages) == 1
    assert str(binary) in messages[0] and "binary" in messages[0]


def test_gzip_of_binary_is_skipped(tmp_path):
    path = write(tmp_path, "x.gz", gzip.compress(b"%PDF-1.4\n"))
    records, messages = read(path)
    assert records == [] and len(messages) == 1 and "binary" in messages[0]


def test_windows_1252_text_is_decoded_with_warning(tmp_path):
    text = "Abstract: First line.\n\nAbstract: Caf\u00e9 na\u00efve \u201cquoted\u201d \u2013 dash \u20ac5.\n"
    path = write(tmp_path, "w.txt", text.encode("cp1252"))
    records, messages = read(path)
    assert [r.text for r in records] == ["First line.", "Caf\u00e9 na\u00efve \u201cquoted\u201d \u2013 dash \u20ac5."]
    assert len(messages) == 1
    assert f"{path}:3" in messages[0] and "UTF-8" in messages[0] and "Windows-1252" in messages[0]


def test_undecodable_as_cp1252_falls_back_to_latin1(tmp_path):
    path = write(tmp_path, "l.txt", b"Abstract: odd byte \x81 here \xe9.\n")
    records, messages = read(path)
    assert len(records) == 1 and "\u00e9" in records[0].text
    assert len(messages) == 1 and "Latin-1" in messages[0]


def test_windows_1252_jsonl_line_is_decoded_with_warning(tmp_path):
    data = jsonl({"abstract": "ok"}).encode() + '{"abstract": "Caf\u00e9"}\n'.encode("cp1252")
    path = write(tmp_path, "w.jsonl", data)
    records, messages = read(path)
    assert [r.text for r in records] == ["ok", "Caf\u00e9"]
    assert len(messages) == 1 and f"{path}:2" in messages[0] and "Windows-1252" in messages[0]


def test_utf8_bom_text_is_read_without_warning(tmp_path):
    path = write(tmp_path, "b.txt", b"\xef\xbb\xbfAbstract: With BOM.\n")
    records, messages = read(path)
    assert [r.text for r in records] == ["With BOM."] and messages == []


@pytest.mark.parametrize("content", ["", "\n\n", "  \t \n  "])
def test_empty_file_warns(tmp_path, content):
    path = write(tmp_path, "e.txt", content)
    records, messages = read(path)
    assert records == []
    assert len(messages) == 1 and str(path) in messages[0] and "empty" in messages[0]


def test_empty_file_among_good_files(tmp_path):
    write(tmp_path, "a.txt", "Abstract: Good.\n")
    empty = write(tmp_path, "b.txt", "")
    records, messages = read(tmp_path)
    assert [r.text for r in records] == ["Good."]
    assert len(messages) == 1 and str(empty) in messages[0]


# --------------------------------------------------------------------------- paths and directories


def test_missing_path_raises_with_the_path(tmp_path):
    missing = tmp_path / "nowhere" / "papers.txt"
    with pytest.raises(InputError) as raised:
        read(missing)
    assert str(missing) in str(raised.value)
    assert raised.value.path == str(missing)


def test_missing_path_raises_even_after_good_paths(tmp_path):
    good = write(tmp_path, "a.txt", "Abstract: Good.\n")
    with pytest.raises(InputError, match="missing.txt"):
        expand_inputs([good, tmp_path / "missing.txt"])


@pytest.mark.parametrize("contents", [{}, {"README.md": "Abstract: x\n", "notes.pdf": "x", ".hidden.txt": "Abstract: x\n"}])
def test_directory_without_input_files_raises_with_the_path(tmp_path, contents):
    folder = tmp_path / "empty"
    folder.mkdir()
    for name, text in contents.items():
        write(folder, name, text)
    with pytest.raises(InputError) as raised:
        read(folder)
    assert str(folder) in str(raised.value)


def test_directory_expansion(tmp_path):
    wanted = [
        write(tmp_path, "a.txt", "Abstract: A.\n"),
        write(tmp_path, "B.TXT", "Abstract: B.\n"),
        write(tmp_path, "c.text", "Abstract: C.\n"),
        write(tmp_path, "d.json", json.dumps({"abstract": "D."})),
        write(tmp_path, "e.ndjson", jsonl({"abstract": "E."})),
        write(tmp_path, "sub/deeper/f.jsonl", jsonl({"abstract": "F."})),
        write(tmp_path, "g.jsonl.gz", gzip.compress(jsonl({"abstract": "G."}).encode())),
    ]
    for name in ["README.md", "notes.md", "script.py", "paper.pdf", "data.csv", ".hidden.txt",
                 ".git/config.txt", "sub/.cache/h.jsonl"]:
        write(tmp_path, name, "Abstract: should not be read.\n")
    files = expand_inputs([tmp_path])
    assert sorted(files) == sorted(wanted)
    assert files == sorted(files)
    records, messages = read(tmp_path)
    assert sorted(r.text for r in records) == ["A.", "B.", "C.", "D.", "E.", "F.", "G."]
    assert messages == []


def test_hidden_directory_named_explicitly_is_searched(tmp_path):
    folder = tmp_path / ".data"
    path = write(folder, "a.txt", "Abstract: A.\n")
    assert expand_inputs([folder]) == [path]


def test_file_named_explicitly_is_read_whatever_its_suffix(tmp_path):
    path = write(tmp_path, "notes.md", "Abstract: From markdown.\n")
    assert expand_inputs([path]) == [path]
    assert [r.text for r in read(path)[0]] == ["From markdown."]


def test_same_file_given_twice_is_read_once(tmp_path):
    path = write(tmp_path, "a.txt", "Abstract: A.\n")
    assert expand_inputs([path, tmp_path, tmp_path / "." / "a.txt"]) == [path]
    assert [r.text for r in read(path, tmp_path)[0]] == ["A."]


def test_records_keep_file_order_and_source_as_named(tmp_path):
    first = write(tmp_path, "z.txt", "Abstract: Z.\n")
    second = write(tmp_path, "a.txt", "Abstract: A.\n")
    records, _ = read(first, second)
    assert [(r.source, r.location) for r in records] == [(str(first), f"{first}:1"), (str(second), f"{second}:1")]


def test_read_file_accepts_str_and_path(tmp_path):
    path = write(tmp_path, "a.txt", "Abstract: A.\n")
    assert list(read_file(str(path))) == list(read_file(path))


# --------------------------------------------------------------------------- ids


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2409.03501", "2409.03501"),
        ("2409.03501v2", "2409.03501"),
        ("arXiv:2409.03501v2", "2409.03501"),
        ("ARXIV:2409.03501", "2409.03501"),
        (" arXiv: 2409.03501 ", "2409.03501"),
        ("https://arxiv.org/abs/2409.03501v3", "2409.03501"),
        ("http://arxiv.org/pdf/2409.03501v1", "2409.03501"),
        ("https://arxiv.org/abs/cs/0112017", "cs/0112017"),
        ("cs/0112017v2", "cs/0112017"),
        ("math.AG/0112017", "math.AG/0112017"),
        ("1412.6980", "1412.6980"),
        ("10.48550/arXiv.2409.03501", "2409.03501"),
        ("", None),
        (None, None),
        ("not an id", None),
    ],
)
def test_normalize_arxiv_id(value, expected):
    assert normalize_arxiv_id(value) == expected


def test_normalize_arxiv_id_rejects_a_doi_url():
    assert normalize_arxiv_id("https://doi.org/10.1145/3664647.3680919") is None
