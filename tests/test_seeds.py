"""`kg build seeds`: the demo input gives the papers, ids and acronyms documented for it."""

import json
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.textclean import clean_text

REPO = Path(__file__).resolve().parents[1]
EXPECTED = json.loads((REPO / "tests" / "data" / "seeds_expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_graph():
    return build([REPO / "seeds"])


def test_records_and_distinct_papers(seed_graph):
    assert seed_graph.records == EXPECTED["records"]
    assert seed_graph.papers == EXPECTED["papers"]
    papers = [n for n, d in seed_graph.graph.nodes(data=True) if d["type"] == "paper"]
    assert len(papers) == EXPECTED["papers"]


@pytest.mark.parametrize("arxiv_id", sorted(EXPECTED["papers_by_id"]))
def test_trailing_arxiv_id_lands_on_the_abstract_before_it(seed_graph, arxiv_id):
    paper = seed_graph.graph.nodes[f"paper:{arxiv_id}"]
    assert paper["arxiv_id"] == arxiv_id
    assert paper["abstract"].startswith(EXPECTED["papers_by_id"][arxiv_id][:40])


@pytest.mark.parametrize("arxiv_id", sorted(EXPECTED["acronyms"]))
def test_each_paper_lists_its_defined_acronyms(seed_graph, arxiv_id):
    found = {(a["short"], a["long"]) for a in seed_graph.graph.nodes[f"paper:{arxiv_id}"]["acronyms"]}
    # the expectations are written as in the raw files, LaTeX included
    expected = {(short, clean_text(long)) for short, long in EXPECTED["acronyms"][arxiv_id]}
    assert found == expected
