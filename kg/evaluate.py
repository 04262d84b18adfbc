"""Score kg's extraction against gold annotations: precision, recall and F1.

Three kinds of gold are supported:

- kg's own gold files (``tests/gold/*.jsonl``, format in ``tests/gold/GUIDE.md``): per-paper
  entities (typed and untyped), acronym pairs and proposed entities, with lists of misses and
  false positives;
- SciERC (Luan et al., 2018), mention spans: Method -> method, Task -> task, Metric -> metric,
  Material -> dataset, scored on exact and on relaxed (overlapping) spans;
- SDU@AAAI-22 acronym extraction: short-form and long-form character spans.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .acronyms import find_definitions
from .errors import KgError
from .extract import Extraction, extract
from .ingest import read_records
from .lexicon import ENTITY_TYPES
from .normalize import match_key
from .papers import Paper, merge_records
from .resolve import LocalEntity, paper_entities
from .textclean import clean_text

SCIERC_TYPES = {"Method": "method", "Task": "task", "Metric": "metric", "Material": "dataset"}


@dataclass(slots=True)
class Score:
    """Counts of true positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn


@dataclass(slots=True)
class Report:
    """Named score rows plus the individual errors behind them."""

    title: str
    rows: dict[str, Score] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    def row(self, name: str) -> Score:
        return self.rows.setdefault(name, Score())

    def table(self) -> str:
        """A Markdown table of the rows."""
        lines = [f"| {self.title} | P | R | F1 | TP | FP | FN |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for name, s in self.rows.items():
            lines.append(f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.tp} | {s.fp} | {s.fn} |")
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {"title": self.title,
                "rows": {n: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "tp": s.tp, "fp": s.fp,
                             "fn": s.fn} for n, s in self.rows.items()},
                "misses": self.misses, "false_positives": self.false_positives}


# --- kg gold -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class GoldEntity:
    text: str
    type: str
    aliases: tuple[str, ...]
    proposed: bool

    @property
    def keys(self) -> set[str]:
        return {match_key(form) for form in (self.text, *self.aliases)} - {""}


@dataclass(frozen=True, slots=True)
class GoldPaper:
    id: str
    source: str  # "seeds" or "corpus"
    entities: tuple[GoldEntity, ...]
    acronyms: tuple[tuple[str, str], ...]


def read_gold(path: Path) -> list[GoldPaper]:
    """Read a kg gold file; raise :class:`KgError` naming the line of a malformed entry."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise KgError(f"{path}: cannot read the gold file ({error}); it must be UTF-8 JSON Lines") from error
    papers = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            papers.append(GoldPaper(
                id=str(data["id"]),
                source=data.get("source", "corpus"),
                entities=tuple(GoldEntity(e["text"], e["type"], tuple(e.get("aliases", ())),
                                          bool(e.get("proposed", False))) for e in data["entities"]),
                acronyms=tuple((a["short"], a["long"]) for a in data.get("acronyms", ())),
            ))
        except (ValueError, KeyError, TypeError) as error:
            raise KgError(f"{path}:{number}: not a gold entry ({error}); see tests/gold/GUIDE.md") from error
    return papers


def gold_abstracts(gold: Iterable[GoldPaper], *, seeds: Path, corpus: Path) -> dict[str, Paper]:
    """The papers the gold annotates: seed papers by arXiv id, corpus papers by id."""
    gold = list(gold)
    wanted = {g.id for g in gold}
    found: dict[str, Paper] = {}
    if any(g.source == "seeds" for g in gold):
        for paper in merge_records(read_records([seeds])):
            if paper.arxiv_id in wanted:
                found[paper.arxiv_id] = paper
    corpus_ids = {g.id for g in gold if g.source == "corpus"}
    if corpus_ids:
        if not corpus.exists():
            raise KgError(f"{corpus}: corpus not found; pass --shared DIR")
        try:
            with gzip.open(corpus, "rt", encoding="utf-8") as lines:
                for line in lines:
                    record = json.loads(line)
                    if record["id"] in corpus_ids:
                        found[record["id"]] = Paper(f"paper:{record['id']}", clean_text(record["summary"]),
                                                    arxiv_id=record["id"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise KgError(f"{corpus}: cannot read the corpus ({error}); pass the shared folder with --shared") from error
    missing = wanted - set(found)
    if missing:
        raise KgError(f"gold papers not found: {', '.join(sorted(missing))}; check --seeds (for source "
                      "\"seeds\") and --shared (for source \"corpus\")")
    return found


def _match(gold: list[GoldEntity], predicted: list[LocalEntity]) -> list[tuple[GoldEntity, LocalEntity]]:
    """One-to-one pairs of gold and predicted entities sharing a name, same-type pairs first."""
    keys = [{match_key(s) for s in p.surfaces} for p in predicted]
    used: set[int] = set()
    pairs = []
    for same_type_only in (True, False):
        for g in gold:
            if any(g is pg for pg, _ in pairs):
                continue
            for index, p in enumerate(predicted):
                if index not in used and g.keys & keys[index] and (p.type == g.type or not same_type_only):
                    used.add(index)
                    pairs.append((g, p))
                    break
    return pairs


def _label(entity: LocalEntity) -> str:
    return max(entity.surfaces, key=lambda s: (entity.surfaces[s], len(s)))


def score_gold(gold: list[GoldPaper], extractions: dict[str, Extraction], title: str = "kg gold") -> Report:
    """Per-type typed scores, untyped, acronym pairs and proposed entities."""
    report = Report(title)
    for name in (*ENTITY_TYPES, "all (typed)", "all (untyped)", "acronym pairs", "proposed"):
        report.row(name)
    for paper in gold:
        extraction = extractions[paper.id]
        predicted = paper_entities(extraction).entities
        pairs = _match(list(paper.entities), predicted)
        matched_gold = {id(g): p for g, p in pairs}
        matched_pred = {id(p): g for g, p in pairs}
        report.row("all (untyped)").add(Score(len(pairs), len(predicted) - len(pairs), len(paper.entities) - len(pairs)))
        for g in paper.entities:
            p = matched_gold.get(id(g))
            if p is not None and p.type == g.type:
                report.row(g.type).tp += 1
                report.row("all (typed)").tp += 1
            else:
                report.row(g.type).fn += 1
                report.row("all (typed)").fn += 1
                got = f" (found as {p.type})" if p is not None else ""
                report.misses.append(f"{paper.id}: {g.type} {g.text!r}{got}")
        for p in predicted:
            g = matched_pred.get(id(p))
            if g is None or g.type != p.type:
                report.row(p.type).fp += 1
                report.row("all (typed)").fp += 1
                if g is None:
                    report.false_positives.append(f"{paper.id}: {p.type} {_label(p)!r}")
        gold_pairs = {(s, match_key(l)) for s, l in paper.acronyms}
        found_pairs = {(a.short, match_key(a.long)) for a in extraction.acronyms}
        report.row("acronym pairs").add(Score(len(gold_pairs & found_pairs), len(found_pairs - gold_pairs),
                                              len(gold_pairs - found_pairs)))
        report.misses += [f"{paper.id}: acronym {s} = {l!r}" for s, l in paper.acronyms
                          if (s, match_key(l)) not in found_pairs]
        report.false_positives += [f"{paper.id}: acronym {a.short} = {a.long!r}" for a in extraction.acronyms
                                   if (a.short, match_key(a.long)) not in gold_pairs]
        proposed_gold = [g for g in paper.entities if g.proposed]
        proposed_pred = [p for p in predicted if p.proposed]
        hits = _match(proposed_gold, proposed_pred)
        report.row("proposed").add(Score(len(hits), len(proposed_pred) - len(hits), len(proposed_gold) - len(hits)))
        hit_gold, hit_pred = {id(g) for g, _ in hits}, {id(p) for _, p in hits}
        report.misses += [f"{paper.id}: proposed {g.text!r}" for g in proposed_gold if id(g) not in hit_gold]
        report.false_positives += [f"{paper.id}: proposed {_label(p)!r}" for p in proposed_pred if id(p) not in hit_pred]
    return report


def evaluate_gold(path: Path, *, seeds: Path, corpus: Path) -> Report:
    """Run the pipeline on the abstracts of a gold file and score it."""
    gold = read_gold(path)
    papers = gold_abstracts(gold, seeds=seeds, corpus=corpus)
    keyed = {gid: Paper(gid, paper.abstract) for gid, paper in papers.items()}
    extractions = {e.paper_id: e for e in extract(keyed.values())}
    return score_gold(gold, extractions, title=Path(path).stem)


# --- SciERC ------------------------------------------------------------------------------------

def _scierc_documents(path: Path) -> Iterator[tuple[str, list[tuple[int, int]], list[tuple[int, int, str]]]]:
    """Text, token character offsets and mapped gold spans (token range, inclusive end) per document."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        documents = [json.loads(line) for line in lines if line.strip()]
        for document in documents:
            tokens = [token for sentence in document["sentences"] for token in sentence]
            offsets, position = [], 0
            for token in tokens:
                offsets.append((position, position + len(token)))
                position += len(token) + 1
            gold = [(start, end, SCIERC_TYPES.get(label, "other"))
                    for sentence in document["ner"] for start, end, label in sentence]
            yield " ".join(tokens), offsets, gold
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise KgError(f"{path}: not SciERC JSON lines ({error}); pass the shared folder with --shared") from error


def _token_range(offsets: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    inside = [i for i, (s, e) in enumerate(offsets) if s < end and e > start]
    return (inside[0], inside[-1]) if inside else None


def span_score(gold: list[tuple[int, int, str]], predicted: list[tuple[int, int, str]], *, exact: bool,
               typed: bool) -> Score:
    """One-to-one matching of (start, end, type) spans; relaxed spans match when they overlap.

    >>> span_score([(0, 2, "task")], [(1, 3, "task")], exact=False, typed=True)
    Score(tp=1, fp=0, fn=0)
    """
    used: set[int] = set()
    for gs, ge, gt in gold:
        for index, (ps, pe, pt) in enumerate(predicted):
            if index in used or (typed and pt != gt):
                continue
            if ((ps, pe) == (gs, ge)) if exact else (ps <= ge and pe >= gs):
                used.add(index)
                break
    return Score(len(used), len(predicted) - len(used), len(gold) - len(used))


def evaluate_scierc(path: Path) -> Report:
    """Mention-level P/R/F1 on SciERC, exact and relaxed (overlapping) spans, on the four mapped types.

    Gold spans of other SciERC types (OtherScientificTerm, Generic) are not expected; a prediction
    overlapping one is a false positive like any other unmatched prediction.
    """
    report = Report("SciERC")
    documents = list(_scierc_documents(path))
    papers = [Paper(f"scierc:{index}", text) for index, (text, _, _) in enumerate(documents)]
    for (text, offsets, gold), extraction in zip(documents, extract(papers)):
        predicted = [(*span, m.type) for m in extraction.mentions
                     if (span := _token_range(offsets, m.start, m.end))]
        gold = [g for g in gold if g[2] in ENTITY_TYPES]
        for exact in (True, False):
            for typed in (True, False):
                name = f"{'exact' if exact else 'relaxed'}, {'typed' if typed else 'untyped'}"
                report.row(name).add(span_score(gold, predicted, exact=exact, typed=typed))
        for entity_type in ENTITY_TYPES:
            report.row(f"relaxed, {entity_type}").add(span_score(
                [g for g in gold if g[2] == entity_type], [p for p in predicted if p[2] == entity_type],
                exact=False, typed=True))
    return report


# --- SDU@AAAI-22 acronyms ----------------------------------------------------------------------

def evaluate_sdu(path: Path) -> Report:
    """Exact character-span P/R/F1 of short forms and long forms on SDU@AAAI-22 acronym gold.

    The gold marks every acronym of a sentence, defined there or not, so short-form recall of a
    definition detector is bounded by how many are defined in the sentence.
    """
    report = Report("SDU@AAAI-22 acronyms")
    try:
        rows = [(row["text"], row["acronyms"], row["long-forms"])
                for row in json.loads(Path(path).read_text(encoding="utf-8"))]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise KgError(f"{path}: not SDU@AAAI-22 acronym JSON ({error}); pass the shared folder with --shared") from error
    for text, acronyms, long_forms in rows:
        definitions = find_definitions(text)
        for name, predicted, gold in (
            ("short forms", {(d.short_start, d.short_end) for d in definitions}, {tuple(s) for s in acronyms}),
            ("long forms", {(d.long_start, d.long_end) for d in definitions}, {tuple(s) for s in long_forms}),
        ):
            report.row(name).add(Score(len(predicted & gold), len(predicted - gold), len(gold - predicted)))
    return report
