"""The build cache: a rebuild extracts and cleans only new abstracts; a damaged cache is rebuilt."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cache import CACHE_NAME, BuildCache, abstract_key
from kg.cli import main
from kg.extract import extract
from kg.papers import Paper
from kg.pipeline import build
from kg.resolve import pack_paper, paper_entities

NEW_ABSTRACT = "We propose FlowNetX, a novel optical flow estimator evaluated on Sintel and KITTI.\n"


def _cache(tmp_path: Path) -> Path:
    return tmp_path / "out" / CACHE_NAME


def test_second_build_extracts_only_new_abstracts(corpus: Path, tmp_path: Path):
    first = build([corpus], cache=_cache(tmp_path))
    (corpus / "new.txt").write_text(NEW_ABSTRACT, encoding="utf-8")
    second = build([corpus], cache=_cache(tmp_path))
    assert (first.papers, first.extracted) == (2, 2)
    assert (second.papers, second.extracted) == (3, 1)
    assert "1 abstract extracted, 2 from the cache" in second.summary()


def test_second_build_cleans_only_new_records(corpus: Path, tmp_path: Path, monkeypatch):
    from kg import pipeline
    build([corpus], cache=_cache(tmp_path))
    (corpus / "new.txt").write_text(NEW_ABSTRACT, encoding="utf-8")
    cleaned = []
    clean_record = pipeline.clean_record
    monkeypatch.setattr(pipeline, "clean_record", lambda record: cleaned.append(record.source) or clean_record(record))
    build([corpus], cache=_cache(tmp_path))
    assert [Path(source).name for source in cleaned] == ["new.txt"]


def test_damaged_cleaned_row_warns_and_cleans_anew(corpus: Path, tmp_path: Path):
    path = _cache(tmp_path)
    fresh = build([corpus])
    build([corpus], cache=path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE cleaned SET record = '[1]'")
    warnings: list[str] = []
    again = build([corpus], cache=path, warn=warnings.append)
    assert any("unreadable cache of cleaned records" in w for w in warnings)
    assert sorted(again.graph.nodes(data=True)) == sorted(fresh.graph.nodes(data=True))


def test_cached_build_gives_the_same_graph(corpus: Path, tmp_path: Path):
    build([corpus], cache=_cache(tmp_path))
    cached = build([corpus], cache=_cache(tmp_path))
    fresh = build([corpus])
    assert cached.extracted == 0
    assert sorted(cached.graph.nodes(data=True)) == sorted(fresh.graph.nodes(data=True))
    assert sorted(cached.graph.edges(keys=True, data=True)) == sorted(fresh.graph.edges(keys=True, data=True))


@pytest.mark.parametrize("damage", [b"this is not a database at all" * 100, b""])
def test_damaged_cache_file_warns_and_rebuilds(corpus: Path, tmp_path: Path, damage: bytes):
    path = _cache(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(damage)
    warnings: list[str] = []
    result = build([corpus], cache=path, warn=warnings.append)
    assert result.extracted == 2
    assert build([corpus], cache=path).extracted == 0  # rebuilt and usable again
    if damage:
        assert any("unreadable build cache" in w for w in warnings)


def test_damaged_row_warns_and_extracts_anew(corpus: Path, tmp_path: Path):
    path = _cache(tmp_path)
    build([corpus], cache=path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE extractions SET record = 'not json'")
    warnings: list[str] = []
    assert build([corpus], cache=path, warn=warnings.append).extracted == 2
    assert any("unreadable extraction cache" in w for w in warnings)


def test_another_pipeline_version_empties_the_cache(tmp_path: Path):
    paper = Paper("paper:1", "We use CLIP on ImageNet.")
    grouped = paper_entities(next(extract([paper])))
    path = tmp_path / CACHE_NAME
    with BuildCache(path, version="old") as cache:
        cache.put_packed([(paper.abstract, pack_paper(grouped))])
        assert cache.get_papers([paper]) == [grouped]
    with BuildCache(path, version="new") as cache:
        assert cache.get_papers([paper]) == [None]


def test_cache_stores_plain_json_by_abstract_hash(tmp_path: Path):
    paper = Paper("paper:1", "Mixture of experts (MoE) scales models.")
    path = tmp_path / CACHE_NAME
    with BuildCache(path) as cache:
        cache.put_packed([(paper.abstract, pack_paper(paper_entities(next(extract([paper])))))])
    with sqlite3.connect(path) as db:
        key, record = db.execute("SELECT key, record FROM extractions").fetchone()
    assert key == abstract_key(paper.abstract)
    assert json.loads(record)[1] == [["MoE", "Mixture of experts"]]


def test_unwritable_cache_location_warns_and_builds(corpus: Path, tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    warnings: list[str] = []
    result = build([corpus], cache=blocker / CACHE_NAME, warn=warnings.append)
    assert result.papers == 2 and any("cannot open the build cache" in w for w in warnings)


def test_cli_no_cache_and_cache_clear(corpus: Path, tmp_path: Path):
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(corpus), "--out", str(out), "--no-cache"]).exit_code == 0
    assert not (out / CACHE_NAME).exists()
    assert runner.invoke(main, ["build", str(corpus), "--out", str(out)]).exit_code == 0
    assert (out / CACHE_NAME).exists()
    cleared = runner.invoke(main, ["cache", "clear", "--out", str(out)])
    assert cleared.exit_code == 0 and "deleted" in cleared.output
    assert not (out / CACHE_NAME).exists() and (out / "graph.json").exists()
    again = runner.invoke(main, ["cache", "clear", "--out", str(out)])
    assert again.exit_code == 0 and "no cache" in again.output


@pytest.mark.parametrize("command", [["cache", "--help"], ["cache", "clear", "--help"]])
def test_cache_commands_have_help(command: list[str]):
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0 and "Usage:" in result.output
