"""Tests of kg.evaluate: scores, span matching, gold files, gold scoring, ``kg eval``, and the
shared SciERC and SDU@AAAI-22 sets (skipped when ../shared is not there)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KgError
from kg.evaluate import (GoldEntity, GoldPaper, Score, evaluate_scierc, evaluate_sdu, read_gold, score_gold,
                         span_score)
from kg.extract import AcronymPair, Extraction, Mention

SHARED = Path(__file__).resolve().parents[2] / "shared"


# --- Score -----------------------------------------------------------------------------------------

def test_score_precision_recall_f1():
    score = Score(tp=3, fp=1, fn=2)
    assert score.precision == pytest.approx(0.75)
    assert score.recall == pytest.approx(0.6)
    assert score.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


@pytest.mark.parametrize("score", [Score(), Score(0, 0, 5), Score(0, 4, 0), Score(0, 2, 2)])
def test_score_without_hits_is_zero_not_an_error(score):
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_perfect_score_is_one():
    assert (Score(4, 0, 0).precision, Score(4, 0, 0).recall, Score(4, 0, 0).f1) == (1.0, 1.0, 1.0)


def test_score_add_sums_counts():
    total = Score(1, 2, 3)
    total.add(Score(10, 20, 30))
    assert (total.tp, total.fp, total.fn) == (11, 22, 33)


# --- span_score --------------------------------------------------------------------------------------

@pytest.mark.parametrize("gold, predicted, exact, typed, expected", [
    ([(0, 2, "task")], [(0, 2, "task")], True, True, (1, 0, 0)),
    ([(0, 2, "task")], [(1, 3, "task")], True, True, (0, 1, 1)),  # overlap is not exact
    ([(0, 2, "task")], [(1, 3, "task")], False, True, (1, 0, 0)),  # but is relaxed
    ([(0, 2, "task")], [(2, 3, "task")], False, True, (1, 0, 0)),  # inclusive ends touch
    ([(0, 2, "task")], [(3, 4, "task")], False, True, (0, 1, 1)),  # disjoint
    ([(0, 2, "task")], [(0, 2, "method")], True, True, (0, 1, 1)),  # wrong type
    ([(0, 2, "task")], [(0, 2, "method")], True, False, (1, 0, 0)),  # untyped ignores it
    ([(0, 2, "task")], [(0, 1, "task"), (1, 2, "task")], False, True, (1, 1, 0)),  # one-to-one
    ([(0, 0, "task"), (0, 0, "task")], [(0, 0, "task")], True, True, (1, 0, 1)),
    ([], [(0, 1, "task")], True, True, (0, 1, 0)),
    ([(0, 1, "task")], [], False, False, (0, 0, 1)),
])
def test_span_score(gold, predicted, exact, typed, expected):
    score = span_score(gold, predicted, exact=exact, typed=typed)
    assert (score.tp, score.fp, score.fn) == expected


def test_relaxed_and_untyped_never_score_lower():
    gold = [(0, 2, "task"), (5, 6, "method"), (9, 12, "dataset")]
    predicted = [(0, 2, "method"), (5, 7, "method"), (11, 11, "dataset"), (20, 21, "metric")]
    tp = {(e, t): span_score(gold, predicted, exact=e, typed=t).tp for e in (True, False) for t in (True, False)}
    assert tp[(True, True)] <= tp[(False, True)] <= tp[(False, False)]
    assert tp[(True, True)] <= tp[(True, False)] <= tp[(False, False)]
    assert tp == {(True, True): 0, (True, False): 1, (False, True): 2, (False, False): 3}


# --- read_gold ---------------------------------------------------------------------------------------

GOLD_LINE = {
    "id": "2409.99001", "source": "seeds",
    "entities": [
        {"text": "Face anti-spoofing", "type": "task", "aliases": ["FAS"], "proposed": False},
        {"text": "SpoofNet", "type": "method", "proposed": True},
        {"text": "OULU-NPU", "type": "dataset"},
    ],
    "acronyms": [{"short": "FAS", "long": "Face anti-spoofing"}],
}


def test_read_gold(tmp_path):
    path = tmp_path / "gold.jsonl"
    second = {"id": "2401.00001", "entities": []}
    path.write_text(json.dumps(GOLD_LINE) + "\n\n" + json.dumps(second) + "\n", encoding="utf-8")
    first, other = read_gold(path)
    assert first.id == "2409.99001" and first.source == "seeds"
    assert first.entities[0] == GoldEntity("Face anti-spoofing", "task", ("FAS",), False)
    assert first.entities[1].proposed and first.entities[1].aliases == ()
    assert first.entities[0].keys == {"faceantispoofing", "fas"}  # text and alias, case and hyphen folded
    assert first.acronyms == (("FAS", "Face anti-spoofing"),)
    assert other == GoldPaper("2401.00001", "corpus", (), ())  # source defaults to corpus


@pytest.mark.parametrize("bad_line", [
    "{not json",
    json.dumps({"id": "x"}),  # no entities
    json.dumps({"id": "x", "entities": [{"type": "task"}]}),  # entity without text
    json.dumps({"id": "x", "entities": [], "acronyms": [{"short": "A"}]}),
    json.dumps(["a", "list"]),
])
def test_malformed_gold_line_names_file_and_line(tmp_path, bad_line):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD_LINE) + "\n\n" + bad_line + "\n", encoding="utf-8")
    with pytest.raises(KgError) as raised:
        read_gold(path)
    assert f"{path}:3:" in str(raised.value)


# --- score_gold --------------------------------------------------------------------------------------

def _gold() -> list[GoldPaper]:
    return [GoldPaper("p1", "corpus", (
        GoldEntity("face anti-spoofing", "task", ("FAS",), False),
        GoldEntity("SpoofNet", "method", (), True),
        GoldEntity("OULU-NPU", "dataset", (), False),
        GoldEntity("half total error rate", "metric", ("HTER",), False),
        GoldEntity("CLIP", "method", (), False),
    ), (("FAS", "face anti-spoofing"), ("HTER", "half total error rate")))]


def _extractions() -> dict[str, Extraction]:
    def m(text, entity_type, start, proposed=False):
        return Mention(text, entity_type, start, start + len(text), "s", proposed)
    return {"p1": Extraction("p1", (
        m("Face anti-spoofing", "task", 0),
        m("FAS", "task", 20),  # grouped with its long form: one entity
        m("face recognition", "task", 30),  # not in the gold: a false positive
        m("SpoofNet", "method", 50, proposed=True),
        m("SpoofNet", "method", 80, proposed=True),
        m("OULU-NPU", "method", 100),  # found, but with the wrong type
        m("CLIP", "method", 120, proposed=True),  # found, wrongly proposed
    ), (AcronymPair("FAS", "Face anti-spoofing"), AcronymPair("ES", "extra stuff")))}


@pytest.fixture
def report():
    return score_gold(_gold(), _extractions(), title="inline")


def counts(report, row):
    score = report.rows[row]
    return score.tp, score.fp, score.fn


def test_score_gold_typed_rows(report):
    assert counts(report, "task") == (1, 1, 0)
    assert counts(report, "method") == (2, 1, 0)  # SpoofNet, CLIP; OULU-NPU typed method is a false positive
    assert counts(report, "dataset") == (0, 0, 1)
    assert counts(report, "metric") == (0, 0, 1)
    assert counts(report, "all (typed)") == (3, 2, 2)


def test_score_gold_untyped_row_counts_a_wrong_type_as_found(report):
    # 5 predicted entities (task, face recognition, SpoofNet, OULU-NPU, CLIP), 5 gold, 4 shared names
    assert counts(report, "all (untyped)") == (4, 1, 1)


def test_score_gold_acronym_pairs_compare_long_forms_by_key(report):
    assert counts(report, "acronym pairs") == (1, 1, 1)  # "Face anti-spoofing" = "face anti-spoofing"


def test_score_gold_proposed(report):
    assert counts(report, "proposed") == (1, 1, 0)


def test_score_gold_lists_misses_and_false_positives(report):
    assert "p1: dataset 'OULU-NPU' (found as method)" in report.misses
    assert "p1: metric 'half total error rate'" in report.misses
    assert "p1: acronym HTER = 'half total error rate'" in report.misses
    assert "p1: task 'face recognition'" in report.false_positives
    assert "p1: acronym ES = 'extra stuff'" in report.false_positives
    assert "p1: proposed 'CLIP'" in report.false_positives
    assert not any("SpoofNet" in item for item in report.misses + report.false_positives)
    # a wrong type is one miss, not also an unexplained false positive
    assert not any("OULU-NPU" in item for item in report.false_positives)


def test_score_gold_table_and_dict(report):
    table = report.table().splitlines()
    assert table[0] == "| inline | P | R | F1 | TP | FP | FN |"
    assert "| all (typed) | 0.600 | 0.600 | 0.600 | 3 | 2 | 2 |" in table
    data = report.as_dict()
    assert data["rows"]["method"]["tp"] == 2 and data["rows"]["proposed"]["precision"] == 0.5
    json.dumps(data)  # serialisable


def test_perfect_extraction_scores_one_everywhere():
    gold = [GoldPaper("p1", "corpus", (GoldEntity("Mamba", "method", (), True),), (("SSM", "state space model"),))]
    extraction = Extraction("p1", (Mention("Mamba", "method", 0, 5, "s", True),),
                            (AcronymPair("SSM", "state space models"),))
    report = score_gold(gold, {"p1": extraction})
    for row in ("method", "all (typed)", "all (untyped)", "acronym pairs", "proposed"):
        assert report.rows[row].f1 == 1.0, row
    assert report.misses == [] and report.false_positives == []


# --- kg eval -----------------------------------------------------------------------------------------

SEED_LISTING = (
    "Face anti-spoofing (FAS) protects face recognition systems. We propose SpoofNet, a diffusion-based "
    "framework built on CLIP. Experiments on OULU-NPU and CASIA-FASD show a lower half total error rate "
    "(HTER) of 3.1%.\n"
    "arXiv:2409.99001\n"
)
CLI_GOLD = {
    "id": "2409.99001", "source": "seeds",
    "entities": [
        {"text": "Face anti-spoofing", "type": "task", "aliases": ["FAS"]},
        {"text": "SpoofNet", "type": "method", "proposed": True},
        {"text": "CLIP", "type": "method"},
        {"text": "OULU-NPU", "type": "dataset"},
        {"text": "CASIA-FASD", "type": "dataset"},
        {"text": "half total error rate", "type": "metric", "aliases": ["HTER"]},
    ],
    "acronyms": [{"short": "FAS", "long": "Face anti-spoofing"}, {"short": "HTER", "long": "half total error rate"}],
}


def test_kg_eval_prints_a_table_per_gold_file(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "listing.txt").write_text(SEED_LISTING, encoding="utf-8")
    gold = tmp_path / "tiny.jsonl"
    gold.write_text(json.dumps(CLI_GOLD) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(gold), "--seeds", str(seeds), "--no-shared-sets"])
    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()
    assert rows[0] == "| tiny | P | R | F1 | TP | FP | FN |"
    assert "| acronym pairs | 1.000 | 1.000 | 1.000 | 2 | 0 | 0 |" in rows
    assert "| proposed | 1.000 | 1.000 | 1.000 | 1 | 0 | 0 |" in rows
    assert "| method | 1.000 | 1.000 | 1.000 | 2 | 0 | 0 |" in rows
    assert "| dataset | 1.000 | 1.000 | 1.000 | 2 | 0 | 0 |" in rows
    # every gold entity is found; "face recognition" is an extra task the gold leaves out
    untyped = next(r for r in rows if r.startswith("| all (untyped) |"))
    assert untyped.endswith("| 6 | 1 | 0 |")


def test_kg_eval_missing_seed_paper_is_a_one_line_error(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "listing.txt").write_text(SEED_LISTING.replace("2409.99001", "2409.99002"), encoding="utf-8")
    gold = tmp_path / "tiny.jsonl"
    gold.write_text(json.dumps(CLI_GOLD) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(gold), "--seeds", str(seeds), "--no-shared-sets"])
    assert result.exit_code != 0
    assert "2409.99001" in result.output and "Traceback" not in result.output


# --- shared evaluation sets ----------------------------------------------------------------------------

def _shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


def _sane(score: Score) -> None:
    assert 0.0 <= score.precision <= 1.0 and 0.0 <= score.recall <= 1.0 and 0.0 <= score.f1 <= 1.0
    assert min(score.precision, score.recall) - 1e-9 <= score.f1 <= max(score.precision, score.recall) + 1e-9


def test_evaluate_scierc_on_shared_dev(tmp_path):
    dev = _shared("eval", "scierc", "dev.json")
    subset = tmp_path / "dev_head.json"  # the first documents, to keep the test fast
    subset.write_text("".join(dev.read_text(encoding="utf-8").splitlines(keepends=True)[:15]), encoding="utf-8")
    report = evaluate_scierc(subset)
    for score in report.rows.values():
        _sane(score)
    exact, relaxed = report.rows["exact, typed"], report.rows["relaxed, typed"]
    assert exact.tp + exact.fn > 0 and exact.tp + exact.fp > 0  # gold spans and predictions
    assert relaxed.tp > 0
    assert exact.tp <= relaxed.tp <= report.rows["relaxed, untyped"].tp
    assert exact.tp + exact.fn == relaxed.tp + relaxed.fn  # the same gold either way
    per_type = sum(report.rows[f"relaxed, {t}"].tp + report.rows[f"relaxed, {t}"].fn
                   for t in ("method", "dataset", "task", "metric"))
    assert per_type == relaxed.tp + relaxed.fn


def test_evaluate_sdu_on_shared_dev():
    dev = _shared("eval", "acronyms", "sdu22_sci_dev.json")
    report = evaluate_sdu(dev)
    assert set(report.rows) == {"short forms", "long forms"}
    for score in report.rows.values():
        _sane(score)
        assert score.tp > 0 and score.tp + score.fn > 0
    assert report.rows["short forms"].tp + report.rows["short forms"].fp == \
        report.rows["long forms"].tp + report.rows["long forms"].fp  # one long form per definition
