"""Benchmark ``kg build`` on the first N abstracts of the shared arXiv corpus.

For each size it runs, in a fresh process each time, a cold build (``--no-cache``) and a warm
one (a corpus file of all but the last 100 abstracts is built, then those 100 are appended to
it and it is built again with the same output folder: its cache and previous outputs), and
tokenizes the same abstracts with spaCy's blank English tokenizer alone in this process: the
floor for any spaCy-based extractor. It prints a markdown table: wall time, abstracts/s,
words/s, peak RSS (of the build process and its workers together), graph size, tokenizer-only
abstracts/s and the ratio between the two throughputs.

    python benchmarks/bench_build.py                      # 1k, 10k and all
    python benchmarks/bench_build.py --sizes 1000 --repeat 3

Not a test: it takes minutes and its numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import spacy

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "arxiv_cs_abstracts.jsonl.gz"
NEW_ABSTRACTS = 100
_SUMMARY = re.compile(r"(\d+) papers .*?, (\d+) entities .*?, (\d+) edges")


def _tree_rss(pid: int) -> int:
    """Resident bytes of process ``pid`` and all its descendants (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += next((int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        todo.extend(int(child) for child in children)
    return total


def run_build(inputs: Path, out: Path, *extra: str) -> tuple[float, int, str]:
    """Run ``kg build`` in a child process: wall seconds, peak RSS of its process tree, summary."""
    command = [sys.executable, "-m", "kg", "build", str(inputs), "--out", str(out), *extra]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while child.poll() is None:
            peak = max(peak, _tree_rss(child.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = child.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"kg build failed on {inputs}: {output}")
    return wall, peak, output.strip()


def tokenizer_rate(texts: list[str]) -> float:
    """Abstracts per second of spaCy's blank English tokenizer alone, one process, fresh vocabulary."""
    tokenizer = spacy.blank("en").tokenizer
    start = time.perf_counter()
    for _ in tokenizer.pipe(texts, batch_size=256):
        pass
    return len(texts) / (time.perf_counter() - start)


def bench(lines: list[str], folder: Path, repeat: int) -> dict:
    size = len(lines)
    texts = [json.loads(line).get("summary") or "" for line in lines]
    data = folder / f"corpus_{size}.jsonl"
    data.write_text("".join(lines), encoding="utf-8")
    cold = [run_build(data, folder / f"cold_{size}", "--no-cache") for _ in range(repeat)]
    wall = statistics.median(w for w, _, _ in cold)
    warm_walls = []
    if size > NEW_ABSTRACTS:
        for k in range(repeat):
            # a corpus file that grows by the day's papers: the older papers keep their sources
            growing, out = folder / f"growing_{size}_{k}.jsonl", folder / f"warm_{size}_{k}"
            growing.write_text("".join(lines[:-NEW_ABSTRACTS]), encoding="utf-8")
            run_build(growing, out)  # fills the cache and writes the outputs it copies from
            with growing.open("a", encoding="utf-8") as handle:
                handle.write("".join(lines[-NEW_ABSTRACTS:]))
            warm_walls.append(run_build(growing, out)[0])
    tokens = statistics.median(tokenizer_rate(texts) for _ in range(repeat))
    papers, entities, edges = (int(n) for n in _SUMMARY.search(cold[0][2]).groups())
    return {
        "size": size, "wall": wall, "rate": size / wall, "words": sum(len(t.split()) for t in texts) / wall,
        "rss": max(r for _, r, _ in cold), "nodes": papers + entities, "edges": edges,
        "tokenizer": tokens, "ratio": size / wall / tokens,
        "warm": statistics.median(warm_walls) if warm_walls else None,
    }


def table(rows: list[dict]) -> str:
    head = ("| abstracts | wall (cold) | abstracts/s | words/s | peak RSS | nodes / edges | tokenizer abstracts/s "
            "| ratio | wall, warm cache + 100 new |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    body = [f"| {r['size']:,} | {r['wall']:.1f} s | {r['rate']:,.0f} | {r['words']:,.0f} | {r['rss'] / 2**30:.2f} GB "
            f"| {r['nodes']:,} / {r['edges']:,} | {r['tokenizer']:,.0f} | {r['ratio']:.0%} "
            f"| {'-' if r['warm'] is None else format(r['warm'], '.1f') + ' s'} |" for r in rows]
    return "\n".join([head, *body])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sizes", nargs="+", default=["1000", "10000", "all"],
                        help="numbers of abstracts, or 'all'")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the table shows medians")
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus} not found; give --corpus")
    with gzip.open(args.corpus, "rt", encoding="utf-8") as corpus:
        largest = None if "all" in args.sizes else max(int(s) for s in args.sizes)
        lines = list(itertools.islice(corpus, largest))
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as folder:
        for size in args.sizes:
            before = os.getloadavg()[0]
            rows.append(bench(lines if size == "all" else lines[:int(size)], Path(folder), args.repeat))
            # the machine may be shared: a load average above the core count means slower builds
            print(f"done: {rows[-1]['size']} abstracts in {rows[-1]['wall']:.1f} s; load average "
                  f"{before:.1f} before, {os.getloadavg()[0]:.1f} after", file=sys.stderr, flush=True)
    print(table(rows))


if __name__ == "__main__":
    main()
