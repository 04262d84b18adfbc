"""Score kg.acronyms against the SDU@AAAI-22 acronym-extraction gold (English, scientific).

The gold marks every acronym of a sentence and every long form, as character spans, without
pairing them. We score exact span matches, micro-averaged, separately for short forms and long
forms. A definition detector only finds acronyms defined in the sentence, so short-form recall
is bounded by how many gold acronyms are defined there; the second block of the table keeps
only sentences whose gold has at least one long form.

    python scripts/eval_acronyms.py --split dev
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.acronyms import AcronymDefinition, find_definitions  # noqa: E402

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"

Span = tuple[int, int]


def load(shared: Path, split: str) -> list[dict]:
    """Return the gold sentences of one split."""
    path = shared / "eval" / "acronyms" / f"sdu22_sci_{split}.json"
    if not path.is_file():
        sys.exit(f"eval_acronyms: {path} not found; pass --shared DIR (the folder holding eval/)")
    return json.loads(path.read_text(encoding="utf-8"))


def predict(text: str) -> tuple[set[Span], set[Span], Counter]:
    """Return predicted short-form spans, long-form spans and a count per definition order."""
    shorts, longs, orders = set(), set(), Counter()
    for d in find_definitions(text):
        shorts.add((d.short_start, d.short_end))
        longs.add((d.long_start, d.long_end))
        orders[_order(text, d)] += 1
    return shorts, longs, orders


def _order(text: str, d: AcronymDefinition) -> str:
    """Return which pattern defined ``d``: "long (SF)", "SF (long)" or "SF = long"."""
    if d.long_start < d.short_start:
        return "long (SF)"
    return "SF = long" if "=" in text[d.short_end : d.long_start] else "SF (long)"


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Return precision, recall and F1 from counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(rows: list[dict], predictions: list[tuple[set[Span], set[Span]]]) -> dict[str, tuple]:
    """Return (tp, predicted, gold) per kind of span, micro-averaged over ``rows``."""
    counts = {"short": [0, 0, 0], "long": [0, 0, 0]}
    for row, (shorts, longs) in zip(rows, predictions):
        for kind, pred, gold in (
            ("short", shorts, {tuple(s) for s in row["acronyms"]}),
            ("long", longs, {tuple(s) for s in row["long-forms"]}),
        ):
            counts[kind][0] += len(pred & gold)
            counts[kind][1] += len(pred)
            counts[kind][2] += len(gold)
    return {kind: tuple(c) for kind, c in counts.items()}


def main(argv: list[str] | None = None) -> None:
    """Print the score table for one split."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared/ folder")
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    args = parser.parse_args(argv)

    rows = load(args.shared, args.split)
    started = time.perf_counter()
    results = [predict(row["text"]) for row in rows]
    elapsed = time.perf_counter() - started
    orders = sum((r[2] for r in results), Counter())
    predictions = [(r[0], r[1]) for r in results]
    defined = [i for i, row in enumerate(rows) if row["long-forms"]]

    print(f"SDU@AAAI-22 sci {args.split}: {len(rows)} sentences, {len(defined)} with a long form")
    print(f"{'subset':<22}{'spans':<7}{'P':>7}{'R':>7}{'F1':>7}{'tp':>7}{'pred':>7}{'gold':>7}")
    for name, idx in (("all sentences", range(len(rows))), ("with gold long form", defined)):
        table = score([rows[i] for i in idx], [predictions[i] for i in idx])
        for kind, (tp, n_pred, n_gold) in table.items():
            p, r, f = prf(tp, n_pred, n_gold)
            print(f"{name:<22}{kind:<7}{p:7.3f}{r:7.3f}{f:7.3f}{tp:7d}{n_pred:7d}{n_gold:7d}")
    print("definitions by order: " + ", ".join(f"{k} {v}" for k, v in sorted(orders.items())))
    print(f"time: {1000 * elapsed / len(rows):.3f} ms a sentence")


if __name__ == "__main__":
    main()
