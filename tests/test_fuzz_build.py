"""A fuzz pass of ``kg build`` over random mixtures of the input formats (hypothesis).

Each example is a folder of one to four files: snippets of the seed listings, JSON Lines and JSON
arrays of seed abstracts, gzip, Windows-1252, binary files, broken JSON lines and hostile text.
Whatever the mixture, the build ends with exit code 0 and valid outputs, or 1 and one error line;
every message names an input; and the same files given in another order give the same bytes.
"""

from __future__ import annotations

import gzip
import json
import re
import tempfile
from pathlib import Path
from xml.etree import ElementTree

from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kg.cli import main
from kg.ingest import read_records

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED_LINES = [path.read_text(encoding="utf-8").split("\n") for path in sorted(SEEDS.glob("*.txt"))]
SEED_RECORDS = list(read_records([SEEDS]))
HOSTILE = ["<script>alert(1)</script>", "]]>", '"href"', "<img src=x onerror=alert(2)>", "\x00", "\x0b", "\ud800",
           "\u200f", "\u202e", "\U0001F680", "e\u0301", "\ufffe", "A" * 3000, "{", "[1]", "$x$", "\\textbf{M}"]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"

snippets = st.sampled_from(SEED_LINES).flatmap(
    lambda lines: st.tuples(st.integers(0, len(lines) - 1), st.integers(1, 6)).map(
        lambda span: "\n".join(lines[span[0]:span[0] + span[1]])))
noise = st.sampled_from(HOSTILE) | st.sampled_from(["", "\n", "\n\n", "Abstract:", "arXiv:2409.03501", "Title: T"])
texts = st.lists(snippets | noise, min_size=1, max_size=5).map("\n".join)


@st.composite
def paper_objects(draw) -> dict:
    seed = draw(st.sampled_from(SEED_RECORDS))
    paper = {draw(st.sampled_from(["abstract", "summary"])): draw(st.sampled_from([seed.text, *HOSTILE, ""]))}
    if draw(st.booleans()):
        paper["id"] = draw(st.sampled_from([seed.arxiv_id, "2409.03501", "arXiv:2409.03501v2", None, 7]))
    if draw(st.booleans()):
        paper.update(title=draw(texts), authors=draw(st.sampled_from([["A. Smith", None], "A and B", [["Li", "X"]], 3])))
    return paper


def _jsonl(objects: list[dict], broken: list[str]) -> str:
    return "".join(json.dumps(o) + "\n" for o in objects) + "".join(b + "\n" for b in broken)


# (file suffix, content before compression)
files = st.one_of(
    texts.map(lambda t: (".txt", t.encode("utf-8", "surrogatepass"))),
    texts.map(lambda t: (".txt", t.encode("cp1252", "replace"))),
    st.builds(_jsonl, st.lists(paper_objects(), max_size=4), st.lists(st.sampled_from(['{"abstract": ', "{", "]"]),
                                                                       max_size=2)).map(lambda t: (".jsonl", t.encode())),
    st.lists(paper_objects(), max_size=3).map(lambda objects: (".json", json.dumps(objects, indent=1).encode())),
    st.sampled_from([PNG, PDF, b""]).flatmap(lambda head: st.binary(max_size=64).map(lambda tail: (".txt", head + tail))),
)
folders = st.lists(st.tuples(files, st.booleans()), min_size=1, max_size=4)

_DATA = re.compile(r"^const DATA = (.*);$", re.M)


def _write(folder: Path, specs: list[tuple[tuple[str, bytes], bool]]) -> dict[Path, bytes]:
    written = {}
    for index, ((suffix, content), compress) in enumerate(specs):
        path = folder / f"in{index}{suffix}{'.gz' if compress else ''}"
        path.write_bytes(gzip.compress(content, mtime=0) if compress else content)
        written[path] = content
    return written


def _check_success(out: Path, inputs: dict[Path, bytes]) -> None:
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    ElementTree.parse(out / "graph.graphml")
    json.loads(_DATA.search((out / "graph.html").read_text(encoding="utf-8")).group(1))
    lines = {str(path): content.count(b"\n") + content.count(b"\r") + 1 for path, content in inputs.items()}
    for node in graph["nodes"]:
        for source in node.get("sources", []):
            path, _, line = source.rpartition(":")
            assert path in lines and 1 <= int(line) <= lines[path], source


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(folders)
def test_build_over_random_mixtures_of_formats(specs):
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "in"
        folder.mkdir()
        inputs = _write(folder, specs)
        result = CliRunner().invoke(main, ["build", str(folder), "--out", f"{temp}/out"])
        assert result.exit_code in (0, 1) and (result.exception is None or isinstance(result.exception, SystemExit)), \
            result.exception
        event(f"exit code {result.exit_code}")
        messages = result.stderr.splitlines()
        assert all(m.startswith(("kg: warning: ", "Error: ")) for m in messages), messages
        assert all(any(str(path) in m for path in (folder, *inputs)) for m in messages), messages
        if result.exit_code == 1:
            assert sum(m.startswith("Error: ") for m in messages) == 1
            assert not list(Path(temp).glob("out/graph.*"))
            return
        _check_success(Path(temp) / "out", inputs)
        # the same files named one by one, in reverse order, give the same bytes
        again = CliRunner().invoke(main, ["build", *map(str, reversed(sorted(inputs))), "--out", f"{temp}/again"])
        assert again.exit_code == 0, again.output
        for name in ("graph.json", "graph.graphml"):
            assert (Path(temp) / "out" / name).read_bytes() == (Path(temp) / "again" / name).read_bytes(), name
