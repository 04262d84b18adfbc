"""Extraction over worker processes gives the same records, in the same order, as one process,
and the packed form workers send and the cache keeps gives back the same entities."""

from __future__ import annotations

import pytest

import kg.extract as extract_module
from kg.extract import AcronymPair, Extraction, Mention, extract, map_extracted
from kg.papers import Paper
from kg.resolve import pack_paper, paper_entities, unpack_paper

ABSTRACTS = [
    "We propose SpoofNet, a diffusion-based framework for face anti-spoofing (FAS).",
    "The mixture of experts (MoE) layer scales Vision Transformers on ImageNet.",
    "Experiments on OULU-NPU and CASIA-FASD show lower half total error rate (HTER).",
    "We introduce GateMix, a router for MoE models evaluated with top-1 accuracy.",
    "Plain text with no names at all.",
]


@pytest.fixture
def papers() -> list[Paper]:
    return [Paper(f"paper:{i}", text) for i, text in enumerate(ABSTRACTS * 3)]


def _itself(extraction: Extraction) -> Extraction:
    return extraction


def test_parallel_extraction_matches_one_process(papers: list[Paper], monkeypatch):
    monkeypatch.setattr(extract_module, "PARALLEL_MIN_PAPERS", 1)
    monkeypatch.setattr(extract_module, "_CHUNK_PAPERS", 4)  # several chunks per worker
    assert list(map_extracted(papers, _itself, jobs=2)) == list(extract(papers))


def test_workers_apply_the_function_with_paper_ids(papers: list[Paper], monkeypatch):
    monkeypatch.setattr(extract_module, "PARALLEL_MIN_PAPERS", 1)
    monkeypatch.setattr(extract_module, "_CHUNK_PAPERS", 4)
    assert list(map_extracted(papers, pack_paper_of, jobs=2)) == [pack_paper_of(e) for e in extract(papers)]


def pack_paper_of(extraction: Extraction) -> tuple[str, list]:
    return extraction.paper_id, pack_paper(paper_entities(extraction))


def test_small_inputs_stay_in_this_process(papers: list[Paper], monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a process pool was started")
    monkeypatch.setattr(extract_module, "ProcessPoolExecutor", no_pool)
    assert [e.paper_id for e in map_extracted(papers, _itself, jobs=2)] == [p.id for p in papers]


@pytest.mark.parametrize("extraction", [
    Extraction("paper:1", (), ()),
    Extraction("paper:2", (Mention("MoE", "method", 4, 7, "s1", True), Mention("CLIP", "method", 9, 13, "s1"),
                           Mention("mixture of experts", "method", 20, 38, "s2"), Mention("ImageNet", "dataset", 40, 48, "s2")),
               (AcronymPair("MoE", "mixture of experts"), AcronymPair("IN", "ImageNet"))),
    next(extract([Paper("paper:3", " ".join(ABSTRACTS))])),
])
def test_pack_paper_round_trip(extraction: Extraction):
    grouped = paper_entities(extraction)
    packed = pack_paper(grouped)
    assert unpack_paper(extraction.paper_id, packed) == grouped
    assert len(packed[0]) == len({m.sentence for m in extraction.mentions})  # each sentence once
