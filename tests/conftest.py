"""Shared fixtures: small inline corpora and the location of ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file in ../shared, or skip the test when the shared data is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


LISTING = (
    "Face anti-spoofing (FAS) protects face recognition systems. We propose SpoofNet, a "
    "diffusion-based framework built on CLIP. Experiments on OULU-NPU and CASIA-FASD show lower "
    "half total error rate (HTER).\n"
    "Accepted by ECCV 2024\n"
    "arXiv:2409.03501The mixture of experts (MoE) layer scales Vision Transformers. We introduce "
    "GateMix, a router for MoE models evaluated on ImageNet with top-1 accuracy.\n"
    "arXiv:2408.12141 - doi: 10.1145/3664647.3680919\n"
)
ABSTRACT_LINES = (
    "Abstract: The mixture of experts (MoE) layer scales Vision Transformers. We introduce "
    "GateMix, a router for MoE models evaluated on ImageNet with top-1 accuracy.\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with one raw listing and one "Abstract:" file sharing a paper: 3 records, 2 papers."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "listing.txt").write_text(LISTING, encoding="utf-8")
    (folder / "abstracts.txt").write_text(ABSTRACT_LINES, encoding="utf-8")
    return folder
