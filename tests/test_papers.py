"""Tests of kg.papers: comparison keys, content hashes and merging the copies of a paper."""

from __future__ import annotations

import itertools
import os
import random
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import RawRecord
from kg.normalize import fold
from kg.papers import Paper, content_hash, merge_records, text_key
from kg.textclean import clean_text

HASH_ID = re.compile(r"^paper:[0-9a-f]{12}$")

GRAPHS = (
    "We propose a fast method for graph learning that scales to millions of nodes and edges "
    "with good accuracy on ten benchmarks."
)


def merge(records, **kwargs) -> tuple[list[Paper], list[str]]:
    messages: list[str] = []
    return merge_records(records, warn=messages.append, **kwargs), messages


# --------------------------------------------------------------------------- text_key


@pytest.mark.parametrize(
    "a, b",
    [
        ("Moiré  patterns, 100%!", "moire patterns 100"),
        ("We study GRAPHS.", "we study graphs"),
        ("Schrödinger", "Schrodinger"),
        ("Cafe\u0301", "Café"),  # decomposed and precomposed accents
        ("multi-scale", "multiscale"),
        ("a\nb\tc", "a b c"),
        ("ﬁne", "fine"),  # compatibility ligature
        ("x² and ①", "x2 and 1"),
    ],
)
def test_text_key_ignores_case_accents_punctuation_and_space(a, b):
    assert text_key(a) == text_key(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("We study graphs.", "We study trees."),
        ("top-1 accuracy", "top-10 accuracy"),
        ("version 2", "version 3"),
    ],
)
def test_text_key_keeps_letters_and_digits_apart(a, b):
    assert text_key(a) != text_key(b)


@pytest.mark.parametrize("text", ["Moiré  patterns, 100%!", "We study GRAPHS.", "", "  ...  "])
def test_text_key_is_lowercase_ascii_alphanumeric(text):
    key = text_key(text)
    assert re.fullmatch(r"[0-9a-z]*", key)
    assert text_key(key) == key


# --------------------------------------------------------------------------- content_hash


@pytest.mark.parametrize("text", [GRAPHS, "Moiré patterns.", "x", ""])
def test_content_hash_is_twelve_lowercase_hex(text):
    assert re.fullmatch(r"[0-9a-f]{12}", content_hash(text))


def test_content_hash_depends_only_on_the_comparison_form():
    variants = [GRAPHS, GRAPHS.upper(), GRAPHS.replace(" ", "  "), GRAPHS.rstrip("."), GRAPHS.replace("\u0020", "\n")]
    assert len({content_hash(v) for v in variants}) == 1


def test_content_hash_differs_for_different_texts():
    texts = [GRAPHS, GRAPHS.replace("ten", "eleven"), "We study trees.", "We study graphs."]
    assert len({content_hash(t) for t in texts}) == len(texts)


def test_content_hash_is_stable_across_processes():
    # node ids must not change between runs: no use of the salted built-in hash()
    code = "from kg.papers import content_hash; print(content_hash('Moiré patterns in graphs, 100%!'))"
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        outputs.add(result.stdout.strip())
    assert outputs == {content_hash("Moiré patterns in graphs, 100%!")}


# --------------------------------------------------------------------------- merging copies

LATEX_COPY = RawRecord(
    "We study moir\\'e patterns in $l_2$ images~(see Fig. 1).\nCode: \\url{https://github.com/a/b}.",
    "a.txt", 3,
    comments=("Accepted by MICCAI 2024",),
    categories=("cs.CV",),
)
PLAIN_COPY = RawRecord(
    "We study moiré patterns\nin l2 images (see Fig. 1). Code: https://github.com/a/b.",
    "b.txt", 7,
    arxiv_id="2409.03501",
    comments=("12 pages, 5 figures", "Project page: https://proj.example.org/x"),
    categories=("cs.CV", "cs.LG"),
    title="Moir\\'e Patterns",
    authors=("A. Smith", "B. Jones"),
)
UPPER_COPY = RawRecord(
    "WE STUDY MOIRE PATTERNS IN L2 IMAGES, SEE FIG. 1. CODE: https://github.com/a/b",
    "a.txt", 1,
    comments=("Accepted by MICCAI 2024",),
    authors=("A. Smith",),
)
OTHER = RawRecord("A completely different abstract about trees.", "c.txt", 2)


def test_copies_with_different_latex_and_line_breaks_merge():
    papers, messages = merge([LATEX_COPY, PLAIN_COPY, UPPER_COPY, OTHER])
    assert len(papers) == 2
    (moire,) = [p for p in papers if p.arxiv_id]
    assert moire.abstract == "We study moiré patterns in l2 images (see Fig. 1). Code: https://github.com/a/b."
    assert messages == []


def test_arxiv_id_of_one_copy_goes_to_the_merged_paper():
    papers, _ = merge([LATEX_COPY, PLAIN_COPY, UPPER_COPY])
    (paper,) = papers
    assert paper.arxiv_id == "2409.03501"
    assert paper.id == "paper:2409.03501"


def test_sources_keep_every_copy_sorted():
    (paper,) = merge([PLAIN_COPY, UPPER_COPY, LATEX_COPY])[0]
    assert paper.sources == ("a.txt:1", "a.txt:3", "b.txt:7")


def test_sources_sorted_by_line_number_not_as_strings():
    records = [RawRecord("Same abstract.", "a.txt", line) for line in (100, 9, 10)]
    (paper,) = merge(records)[0]
    assert paper.sources == ("a.txt:9", "a.txt:10", "a.txt:100")


def test_comments_urls_and_metadata_are_merged():
    (paper,) = merge([PLAIN_COPY, UPPER_COPY, LATEX_COPY])[0]
    assert set(paper.comments) == {"Accepted by MICCAI 2024", "12 pages, 5 figures",
                                   "Project page: https://proj.example.org/x"}
    assert len(paper.comments) == 3  # the same comment in two copies is kept once
    assert paper.code_urls == ("https://github.com/a/b",)
    assert paper.links == ("https://proj.example.org/x",)
    assert set(paper.categories) == {"cs.CV", "cs.LG"} and len(paper.categories) == 2
    assert paper.title == "Moiré Patterns"  # titles are cleaned too
    assert paper.authors == ("A. Smith", "B. Jones")  # the most complete author list


def test_paper_without_arxiv_id_gets_a_content_hash_id():
    papers, _ = merge([LATEX_COPY, UPPER_COPY, OTHER])
    assert len(papers) == 2
    for paper in papers:
        assert paper.arxiv_id is None
        assert HASH_ID.match(paper.id)
        assert paper.id == f"paper:{content_hash(paper.abstract)}"
    assert len({p.id for p in papers}) == 2


def test_hash_id_does_not_depend_on_which_copy_is_present():
    # a copy with different LaTeX must not change the node id of a paper without arXiv id
    alone = merge([LATEX_COPY])[0][0].id
    together = merge([LATEX_COPY, UPPER_COPY])[0][0].id
    assert alone == together


def test_abstract_is_cleaned():
    (paper,) = merge([RawRecord("We cut the $l_2$ error by 100$\\%$\x00 on\nmoir\\'e images.", "a.txt", 1)])[0]
    assert paper.abstract == clean_text("We cut the $l_2$ error by 100$\\%$\x00 on\nmoir\\'e images.")
    assert paper.abstract == "We cut the l2 error by 100% on moiré images."


def test_two_different_abstracts_under_one_arxiv_id_are_kept_apart():
    first = RawRecord(GRAPHS, "a.txt", 1, arxiv_id="2409.03501")
    second = RawRecord("A different text entirely, about robots that walk on ice.", "b.txt", 4, arxiv_id="2409.03501")
    papers, messages = merge([first, second])
    assert len(papers) == 2
    assert {p.abstract for p in papers} == {clean_text(first.text), clean_text(second.text)}
    for paper in papers:
        assert paper.arxiv_id == "2409.03501"
        assert paper.id == f"paper:2409.03501~{content_hash(paper.abstract)}"
    assert len(messages) == 2
    assert all("2409.03501" in m and "kept apart" in m for m in messages)
    assert any("a.txt:1" in m for m in messages) and any("b.txt:4" in m for m in messages)


def test_near_identical_copies_under_one_arxiv_id_merge():
    v1 = RawRecord(GRAPHS, "a.txt", 1, arxiv_id="2409.03501")
    v2 = RawRecord(GRAPHS.replace("ten", "eleven"), "b.txt", 1, arxiv_id="2409.03501")
    papers, messages = merge([v1, v2])
    assert [(p.id, p.sources) for p in papers] == [("paper:2409.03501", ("a.txt:1", "b.txt:1"))]
    assert messages == []


def test_near_identical_copies_without_shared_identifier_stay_apart():
    v1 = RawRecord(GRAPHS, "a.txt", 1)
    v2 = RawRecord(GRAPHS.replace("ten", "eleven"), "b.txt", 1)
    papers, _ = merge([v1, v2])
    assert len(papers) == 2


def test_near_identical_copies_with_same_doi_in_any_case_merge():
    v1 = RawRecord(GRAPHS, "a.txt", 1, doi="10.1145/ABC.1")
    v2 = RawRecord(GRAPHS.replace("ten", "eleven"), "b.txt", 1, doi="10.1145/abc.1")
    papers, _ = merge([v1, v2])
    assert len(papers) == 1
    assert papers[0].doi.lower() == "10.1145/abc.1"
    assert papers[0].sources == ("a.txt:1", "b.txt:1")


def test_one_abstract_under_two_arxiv_ids_is_reported_and_kept_as_two_papers():
    # the full corpus has such duplicate submissions: two arXiv entries, two papers
    a = RawRecord(GRAPHS, "a.txt", 1, arxiv_id="2409.03502")
    b = RawRecord(GRAPHS.upper(), "b.txt", 2, arxiv_id="2409.03501")
    no_id = RawRecord(GRAPHS, "c.txt", 3)
    papers, messages = merge([a, b, no_id])
    assert [(p.id, p.arxiv_id, p.sources) for p in papers] == [
        ("paper:2409.03501", "2409.03501", ("b.txt:2", "c.txt:3")),
        ("paper:2409.03502", "2409.03502", ("a.txt:1",)),
    ]
    assert len(messages) == 1
    assert "2409.03501" in messages[0] and "2409.03502" in messages[0] and "separate papers" in messages[0]


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t", "\x00\x0b\u200f", "$$", "{}", "\\cite{smith2020}", "...!?", "\\ref{fig:1} ~"],
)
def test_records_with_no_text_after_clean_up_are_dropped_with_warning(text):
    empty = RawRecord(text, "e.txt", 5, arxiv_id="2409.09999")
    papers, messages = merge([empty, OTHER])
    assert [p.sources for p in papers] == [("c.txt:2",)]
    assert len(messages) == 1
    assert "e.txt:5" in messages[0] and "skipped" in messages[0]


def test_non_latin_abstracts_are_kept_and_not_merged():
    records = [RawRecord("Мы изучаем графы.", "r.txt", 1), RawRecord("我们研究图。", "z.txt", 1),
               RawRecord("我们研究语言模型。", "z.txt", 3)]
    papers, messages = merge(records)
    assert messages == []
    assert sorted(p.abstract for p in papers) == sorted(r.text for r in records)


def test_papers_are_sorted_by_id_and_ids_are_unique():
    records = [OTHER, LATEX_COPY, PLAIN_COPY,
               RawRecord("Zeta abstract.", "z.txt", 1, arxiv_id="0704.0001"),
               RawRecord("Another different abstract on snow.", "d.txt", 1)]
    papers, _ = merge(records)
    ids = [p.id for p in papers]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids) == 4


def test_merge_accepts_any_iterable_and_empty_input():
    assert merge(iter([]))[0] == []
    assert [p.sources for p in merge(r for r in [OTHER])[0]] == [("c.txt:2",)]


# --------------------------------------------------------------------------- order independence

ORDER_RECORDS = [
    LATEX_COPY,
    PLAIN_COPY,
    UPPER_COPY,
    OTHER,
    RawRecord(GRAPHS, "d.txt", 1, arxiv_id="2409.00002", comments=("Code: https://github.com/x/y",)),
    RawRecord("Robots walk on ice in this different abstract.", "d.txt", 5, arxiv_id="2409.00002",
              title="Robots"),
    RawRecord(GRAPHS.replace("ten", "eleven"), "e.txt", 3, arxiv_id="2409.00002", title="Graphs",
              authors=("C. Lee",)),
    RawRecord("", "e.txt", 9),
]


def test_result_is_identical_for_every_order_of_a_small_input():
    records = ORDER_RECORDS[:5]
    expected, expected_messages = merge(records)
    for order in itertools.permutations(records):
        papers, messages = merge(order)
        assert papers == expected
        assert sorted(messages) == sorted(expected_messages)


@pytest.mark.parametrize("seed", range(8))
def test_result_is_identical_for_shuffled_input(seed):
    expected, expected_messages = merge(ORDER_RECORDS)
    shuffled = ORDER_RECORDS[:]
    random.Random(seed).shuffle(shuffled)
    papers, messages = merge(shuffled)
    assert papers == expected
    assert sorted(messages) == sorted(expected_messages)
    # and the expected result is itself what the brief promises
    assert len(expected) == 4
    assert sum(len(p.sources) for p in expected) == len(ORDER_RECORDS) - 1  # the empty record dropped


@pytest.mark.parametrize("seed", range(20))
def test_random_inputs_merge_the_same_in_any_order(seed):
    rnd = random.Random(seed)
    texts = [GRAPHS, GRAPHS.upper(), GRAPHS.replace("ten", "eleven"), "Robots walk on ice.",
             "Robots walk on snow.", "Third $\\alpha$ text.", "Third α text!"]
    locations = rnd.sample([(f, n) for f in ("a.txt", "b.txt") for n in range(1, 20)], rnd.randint(2, 9))
    records = [
        RawRecord(rnd.choice(texts), file, line,
                  arxiv_id=rnd.choice([None, None, "2409.00001", "2409.00002"]),
                  doi=rnd.choice([None, None, "10.1/ABC", "10.1/abc"]),
                  title=rnd.choice([None, "T", "Title", "Tit"]),
                  authors=rnd.choice([(), ("A",), ("B", "C"), ("C", "B")]),
                  categories=rnd.choice([(), ("cs.CV",), ("cs.LG", "cs.CV")]),
                  comments=rnd.choice([(), ("12 pages",), ("Code: https://github.com/a/b",)]))
        for file, line in locations
    ]
    expected, expected_messages = merge(records)
    for _ in range(4):
        rnd.shuffle(records)
        papers, messages = merge(records)
        assert papers == expected
        assert sorted(messages) == sorted(expected_messages)
    # every surviving copy is accounted for exactly once
    all_sources = [s for p in expected for s in p.sources]
    assert len(all_sources) == len(set(all_sources)) == len(records)


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("aZ09_ -.,!é\u00df\u0391\u4e00\u0660\u00b2")))
def test_text_key_keeps_letters_and_digits_of_any_script_on_every_path(text):
    folded = fold(text)
    assert text_key(text) == re.sub(r"[\W_]+", "", folded) == "".join(c for c in folded if c.isalnum())
