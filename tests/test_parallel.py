"""Extraction over worker processes gives the same records, in the same order, as one process."""

from __future__ import annotations

import pytest

import kg.extract as extract_module
from kg.extract import AcronymPair, Extraction, Mention, extract, extract_parallel, pack, unpack
from kg.papers import Paper

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


def test_parallel_extraction_matches_one_process(papers: list[Paper], monkeypatch):
    monkeypatch.setattr(extract_module, "PARALLEL_MIN_PAPERS", 1)
    monkeypatch.setattr(extract_module, "_CHUNK_PAPERS", 4)  # several chunks per worker
    assert list(extract_parallel(papers, jobs=2)) == list(extract(papers))


def test_small_inputs_stay_in_this_process(papers: list[Paper], monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a process pool was started")
    monkeypatch.setattr(extract_module, "ProcessPoolExecutor", no_pool)
    assert [e.paper_id for e in extract_parallel(papers, jobs=2)] == [p.id for p in papers]


@pytest.mark.parametrize("extraction", [
    Extraction("paper:1", (), ()),
    Extraction("paper:2", (Mention("MoE", "method", 4, 7, "s1", True), Mention("CLIP", "method", 9, 13, "s1"),
                           Mention("ImageNet", "dataset", 20, 28, "s2")), (AcronymPair("MoE", "mixture of experts"),)),
])
def test_pack_round_trip(extraction: Extraction):
    packed = pack(extraction)
    assert unpack(extraction.paper_id, packed) == extraction
    assert len(packed[0]) == len({m.sentence for m in extraction.mentions})  # each sentence once
