"""Issue 7 through the whole ``kg build``: bad input gets a one-line message naming the file (and
line), outputs stay whole and deterministic, and hostile text stays inert data.

The parsing details of each case are tested in test_ingest.py, test_papers.py and
test_textclean.py; these tests check what the user sees: the exit code, the messages on stderr
and the three files.
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import random
import re
import unicodedata
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
from click.testing import CliRunner, Result

from kg import export
from kg.cli import main
from kg.errors import KgError
from kg.ingest import read_records

GOOD = "Abstract: We propose GateMix, a mixture of experts (MoE) router evaluated on ImageNet.\n"
OTHER = "Abstract: Face anti-spoofing (FAS) protects face recognition; we test on OULU-NPU.\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256))
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
OUTPUTS = ("graph.json", "graph.graphml", "graph.html")


def kg_build(*args: object) -> Result:
    return CliRunner().invoke(main, ["build", *map(str, args)])


def warnings(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("kg: warning:")]


def errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Error:")]


def papers(out: Path) -> list[dict]:
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    return [node for node in graph["nodes"] if node["type"] == "paper"]


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def jsonl(*objects: object) -> str:
    return "".join(json.dumps(o) + "\n" for o in objects)


def assert_clean_failure(result: Result, *fragments: str) -> str:
    """Exit 1 with exactly one ``Error:`` line holding every fragment, and no traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    (error,) = errors(result)
    assert all(fragment in error for fragment in fragments), error
    assert "Traceback" not in result.output
    return error


# --------------------------------------------------------------------------- input faults


@pytest.mark.parametrize("files, problem", [
    pytest.param({"a.txt": ""}, "empty file", id="empty-file"),
    pytest.param({"a.txt": " \n\t\n"}, "empty file", id="blank-file"),
    pytest.param({"scan.txt": PDF, "figure.gz": gzip.compress(PNG)}, "binary file", id="only-binaries"),
    pytest.param({"p.jsonl": '{"abstract": \n{broken\n'}, "not valid JSON", id="malformed-jsonl"),
    pytest.param({"p.jsonl": jsonl({"title": "T"}, {"abstract": 3})}, '"abstract"', id="no-abstract-field"),
    pytest.param({"a.txt": "$$ \\cite{x} {} ~\n"}, "no text left", id="markup-only"),
])
def test_folder_without_readable_abstracts_fails_naming_every_file(tmp_path, files, problem):
    folder = tmp_path / "in"
    paths = [write(folder, name, content) for name, content in files.items()]
    result = kg_build(folder, "--out", tmp_path / "out")
    assert_clean_failure(result, "no abstracts found", str(folder))
    for path in paths:  # each file is named in a warning saying what was wrong with it
        assert any(str(path) in w and problem in w for w in warnings(result)), (path, warnings(result))
    assert not (tmp_path / "out").exists()


def test_missing_path_among_good_ones_fails_before_any_output(tmp_path):
    good = write(tmp_path, "good.txt", GOOD)
    missing = tmp_path / "typo" / "papers.jsonl"
    result = kg_build(good, missing, "--out", tmp_path / "out")
    assert_clean_failure(result, str(missing), "no such file or directory")
    assert not (tmp_path / "out").exists()


def test_binary_files_among_good_files_are_skipped_by_name(tmp_path):
    good = write(tmp_path, "in/good.txt", GOOD)
    in_folder = write(tmp_path, "in/scan.txt", PDF)  # a PDF saved under a text name
    named = [write(tmp_path, "figure.png", PNG), write(tmp_path, "paper.pdf", PDF)]
    result = kg_build(tmp_path / "in", *named, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    for path in (in_folder, *named):
        assert [w for w in warnings(result) if str(path) in w and "binary" in w and "skipped" in w]
    assert len(warnings(result)) == 3
    assert [p["sources"] for p in papers(tmp_path / "out")] == [[f"{good}:1"]]


def test_non_utf8_text_is_decoded_and_the_file_and_line_named(tmp_path):
    legacy = write(tmp_path, "legacy.txt", ("Abstract: Plain first.\n\nAbstract: A caf\u00e9 na\u00efve "
                                            "\u201cmodel\u201d.\n").encode("cp1252"))
    # UTF-8 with one corrupt byte: the good UTF-8 around it must not turn into mojibake
    corrupt = write(tmp_path, "corrupt.txt", "Abstract: Na\u00efve caf\u00e9 bad \udcff byte.\n"
                    .encode("utf-8", "surrogateescape"))
    result = kg_build(legacy, corrupt, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert any(f"{legacy}:3:" in w and "Windows-1252" in w for w in warnings(result))
    assert any(f"{corrupt}:1:" in w and "not valid UTF-8" in w for w in warnings(result))
    abstracts = {p["abstract"] for p in papers(tmp_path / "out")}
    assert "A caf\u00e9 na\u00efve \u201cmodel\u201d." in abstracts
    assert any(a.startswith("Na\u00efve caf\u00e9 bad") for a in abstracts), abstracts


def test_malformed_jsonl_line_is_skipped_and_named_or_fatal_with_strict(tmp_path):
    path = write(tmp_path, "p.jsonl", jsonl({"abstract": "We study graphs."}) + '{"abstract": "cut\n'
                 + jsonl({"abstract": "We study trees."}))
    result = kg_build(path, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert [w for w in warnings(result) if f"{path}:2:" in w and "not valid JSON" in w and "skipped" in w]
    assert len(papers(tmp_path / "out")) == 2
    strict = kg_build(path, "--strict", "--out", tmp_path / "strict")
    assert_clean_failure(strict, f"{path}:2:", "not valid JSON")
    assert not (tmp_path / "strict").exists()


def test_many_malformed_lines_are_counted_not_listed(tmp_path):
    path = write(tmp_path, "dump.jsonl", jsonl({"abstract": "We study graphs."}) + "{oops\n" * 40)
    result = kg_build(path, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert len(warnings(result)) < 10
    assert any(f"{path}: 40 lines skipped" in w for w in warnings(result))


def test_broken_json_document_names_file_and_line(tmp_path):
    path = write(tmp_path, "dump.json", '[\n {"abstract": "One."},\n {"abstract": "Two."\n]\n')
    assert_clean_failure(kg_build(path, "--out", tmp_path / "out"), f"{path}:4:", "not valid JSON")


@pytest.mark.parametrize("text", ["{\\em Deep} networks learn features.", "[1] We study graphs of papers."])
def test_text_starting_with_a_bracket_is_text_not_broken_json(tmp_path, text):
    path = write(tmp_path, "notes.txt", text + "\n")
    result = kg_build(path, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert len(papers(tmp_path / "out")) == 1


TEN_MB = 10 * 1024 * 1024


@pytest.mark.parametrize("make", [
    pytest.param(lambda words: words, id="text"),
    pytest.param(lambda words: json.dumps({"id": "2409.03501", "abstract": words}), id="jsonl-no-newline"),
    pytest.param(lambda words: jsonl({"abstract": words}, {"abstract": "Second."}), id="jsonl-long-first-line"),
])
def test_ten_megabyte_single_line_is_read_whole(tmp_path, make):
    """Reading only: building 1.4 million words in one abstract takes a minute or more, too long
    for the test suite (test_huge_inputs.py checks that the extraction work grows linearly)."""
    sentence = "We propose GateMix, a router for mixture of experts models on ImageNet. "
    words = sentence * (TEN_MB // len(sentence))
    path = write(tmp_path, "big.txt", make(words))
    messages: list[str] = []
    records = list(read_records([path], warn=messages.append))
    assert messages == []
    assert records[0].line == 1 and len(records[0].text) >= len(words) - 1
    assert [r.line for r in records[1:]] in ([], [2])


def test_abstract_of_100000_words_builds(tmp_path):
    seeds = Path(__file__).resolve().parents[1] / "seeds" / "listing_misc.txt"
    vocabulary = seeds.read_text(encoding="utf-8").split()
    words = [vocabulary[(i * 7919) % len(vocabulary)] for i in range(100_000)]
    path = write(tmp_path, "long.jsonl", jsonl({"id": "2409.03501", "abstract": " ".join(words)}))
    result = kg_build(path, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    (paper,) = papers(tmp_path / "out")
    assert len(paper["abstract"].split()) >= 99_000  # LaTeX remnants of the seed text are cleaned


def test_duplicated_id_with_different_texts_is_kept_apart_and_both_places_named(tmp_path):
    first = write(tmp_path, "a.jsonl", jsonl({"id": "2409.03501", "abstract": "We study graphs of papers."}))
    second = write(tmp_path, "b.txt", "arXiv:2409.03501\nAbstract: A different text about face anti-spoofing.\n")
    result = kg_build(first, second, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    ids = sorted(p["id"] for p in papers(tmp_path / "out"))
    assert len(ids) == 2 and all(i.startswith("paper:2409.03501~") for i in ids)
    assert any(f"{first}:1" in w and "2409.03501" in w for w in warnings(result))
    assert any(f"{second}:2" in w and "2409.03501" in w for w in warnings(result))


EDGE_CHARACTERS = {
    "nul": "\x00", "vertical-tab": "\x0b", "lone-surrogate": "\ud800", "low-surrogate": "\udfff",
    "rtl-mark": "\u200f", "rtl-override": "\u202e", "bom-inside": "\ufeff", "noncharacter": "\uffff",
    "emoji": "\U0001F680", "emoji-zwj": "\U0001F469\u200d\U0001F52C", "flag": "\U0001F1EB\U0001F1F7",
    "combining": "e\u0301", "stacked-combining": "a\u0301\u0323\u0308",
}


@pytest.mark.parametrize("char", EDGE_CHARACTERS.values(), ids=EDGE_CHARACTERS.keys())
def test_unicode_edge_cases_in_every_field_give_valid_outputs(tmp_path, char):
    odd = f"x{char}y"
    record = {"id": "2409.03501", "abstract": f"We propose Gate{char}Mix, a mixture of experts (MoE) {odd}.",
              "title": f"Title {odd}", "authors": [f"A. {odd}", None, ["Smith", odd]], "categories": f"cs.CV {odd}",
              "comment": f"Accepted {odd}", "doi": f"10.1145/{odd}"}
    path = write(tmp_path, "u.jsonl", json.dumps(record) + "\n")  # ASCII JSON: escapes carry every character
    result = kg_build(path, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    text = (out / "graph.json").read_text(encoding="utf-8")
    (paper,) = papers(out)
    ElementTree.parse(out / "graph.graphml")
    nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    # no control, surrogate, unassigned or invisible character is left anywhere
    left = {unicodedata.category(c) for c in text if c not in "\n\u200d"}
    assert not left & {"Cc", "Cs", "Cn", "Co", "Cf"}, left
    kept = unicodedata.normalize("NFC", "".join(c for c in char if unicodedata.category(c)[0] in "LMS" or c == "\u200d"))
    if kept:  # emoji (with their joiners) and accents are kept, composed
        assert kept in paper["abstract"] and kept in paper["title"]
    assert paper["abstract"] == unicodedata.normalize("NFC", paper["abstract"])


def test_raw_control_characters_and_surrogate_bytes_in_a_text_file(tmp_path):
    data = "Abstract: We propose Gate\u200fMix\x0b for \u202ex-ray e\u0301 images \U0001F680.\n".encode()
    path = write(tmp_path, "odd.txt", data.replace(b"images", b"images \xed\xa0\x80"))  # a UTF-8-encoded surrogate
    result = kg_build(path, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert any(f"{path}:1:" in w for w in warnings(result))
    (paper,) = papers(tmp_path / "out")
    assert paper["abstract"].startswith("We propose GateMix for x-ray \u00e9 images")
    assert "\U0001F680" in paper["abstract"]


# --------------------------------------------------------------------------- output safety


def snapshot(out: Path) -> dict[str, bytes]:
    """The output files and any temp file left beside them (the build's cache is neither)."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())
            if p.name.startswith("graph.") or p.name.endswith(".tmp")}


@pytest.fixture
def previous(tmp_path) -> tuple[Path, Path, dict[str, bytes]]:
    """An output folder from an earlier build, and new input that would change every file."""
    out = tmp_path / "out"
    first = kg_build(write(tmp_path, "old.txt", GOOD), "--out", out)
    assert first.exit_code == 0, first.output
    return out, write(tmp_path, "new.txt", OTHER), snapshot(out)


def _half_then(error: BaseException):
    def writer(graph, handle, *previous):
        handle.write('{"nodes": [' + "x" * 100_000)  # part of a file is on disk when it fails
        raise error
    return writer


@pytest.mark.parametrize("name", ["graph.json", "graph.graphml", "graph.gexf"])
def test_disk_full_mid_export_keeps_previous_outputs_and_no_temp_files(previous, monkeypatch, name):
    out, new_input, before = previous
    monkeypatch.setitem(export._STREAMED, name, _half_then(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))))
    result = kg_build(new_input, "--out", out)
    assert_clean_failure(result, f"cannot write to {out}", "No space left on device", "--out")
    assert snapshot(out) == before  # the old files, whole, and nothing else (no temp files)


@pytest.mark.parametrize("interruption", [KeyboardInterrupt(), MemoryError()], ids=["ctrl-c", "out-of-memory"])
def test_interrupted_export_keeps_previous_outputs_and_no_temp_files(previous, monkeypatch, interruption):
    out, new_input, before = previous
    monkeypatch.setitem(export._STREAMED, "graph.graphml", _half_then(interruption))
    result = kg_build(new_input, "--out", out)
    assert result.exit_code != 0
    assert snapshot(out) == before


def test_html_failure_touches_no_file(previous, monkeypatch):
    out, new_input, before = previous

    def broken(*args, **kwargs):
        raise KgError("the vis-network files pyvis ships are missing")

    monkeypatch.setattr(export, "render_html", broken)
    assert_clean_failure(kg_build(new_input, "--out", out), "vis-network")
    assert snapshot(out) == before


def test_failure_between_renames_keeps_the_previous_set(previous, monkeypatch):
    out, new_input, before = previous
    real_replace, renamed = os.replace, []

    def replace(source, target):
        renamed.append(target)
        if len(renamed) == 2:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(source, target)

    monkeypatch.setattr("kg.files.os.replace", replace)
    assert_clean_failure(kg_build(new_input, "--out", out), f"cannot write to {out}")
    assert snapshot(out) == before


def _out_is_a_file(tmp_path: Path) -> Path:
    return write(tmp_path, "taken", "a file")


def _output_name_is_a_folder(tmp_path: Path) -> Path:
    (tmp_path / "out" / "graph.graphml").mkdir(parents=True)
    return tmp_path / "out"


def _read_only_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


@pytest.mark.parametrize("make_out", [
    _out_is_a_file,
    _output_name_is_a_folder,
    pytest.param(_read_only_folder, marks=pytest.mark.skipif(
        hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into read-only folders")),
])
def test_unwritable_out_is_one_clear_error(tmp_path, make_out):
    out = make_out(tmp_path)
    result = kg_build(write(tmp_path, "in.txt", GOOD), "--out", out)
    assert_clean_failure(result, f"cannot write to {out}", "--out")
    if out.is_dir():
        assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_same_inputs_in_any_file_order_give_byte_identical_files(tmp_path):
    listing = (Path(__file__).resolve().parents[1] / "seeds" / "listing_misc.txt").read_text(encoding="utf-8")
    first_abstract = listing[:listing.index("arXiv:")]
    files = [
        write(tmp_path, "in/listing.txt", listing),
        # the same paper again, without its id, with other line breaks
        write(tmp_path, "in/copy.txt", "\n".join(first_abstract.split(". ")) + "\n"),
        write(tmp_path, "in/lines.txt", GOOD + OTHER),
        write(tmp_path, "in/dump.jsonl.gz", gzip.compress(jsonl(
            {"id": "2409.03501", "abstract": GOOD.removeprefix("Abstract: "), "title": "GateMix"},
            {"abstract": "We study graphs of papers.", "authors": "A. Smith and B. Jones"}).encode())),
        write(tmp_path, "in/array.json", json.dumps([{"summary": "We study graphs of papers."},
                                                     {"id": "2409.03501", "abstract": "Another text."}])),
        write(tmp_path, "in/notes.txt", "A paragraph about CLIP on COCO.\n\nAnother on BERT and SQuAD.\n"),
    ]
    outputs = []
    for seed in range(3):
        order = files[:]
        random.Random(seed).shuffle(order)
        out = tmp_path / f"out{seed}"
        result = kg_build(*order, "--out", out)
        assert result.exit_code == 0, result.output
        outputs.append({name: (out / name).read_bytes() for name in ("graph.json", "graph.graphml")})
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(papers(tmp_path / "out0")) >= 8


# --------------------------------------------------------------------------- injection

HOSTILE = ('<script>alert(1)</script> </script><script>alert(2)</script> <img src=x onerror=alert(3)> '
           '"href" \'quote\' ]]> <![CDATA[ x ]]> <!-- --> & &amp; javascript:alert(4)')
LONG_TOKEN = "A" * 50_000
FORBIDDEN = "\x01\x08\x0c\x1f\ufffe"


def _hostile_build(tmp_path: Path, name: str, abstract_extra: str) -> Path:
    record = {"id": "2409.03501", "title": HOSTILE, "authors": [HOSTILE], "comment": HOSTILE,
              "abstract": f"We propose EvilNet, a mixture of experts (MoE) for {abstract_extra} on ImageNet."}
    path = write(tmp_path, f"{name}.jsonl", json.dumps(record) + "\n")
    out = tmp_path / name
    result = kg_build(path, "--out", out)
    assert result.exit_code == 0, result.output
    return out


_DATA = re.compile(r"^const DATA = (.*);$", re.M)


def test_hostile_text_is_inert_in_html_and_valid_in_graphml_and_json(tmp_path):
    out = _hostile_build(tmp_path, "evil", f"{HOSTILE} {FORBIDDEN} {LONG_TOKEN}")
    baseline = _hostile_build(tmp_path, "plain", "images").joinpath("graph.html").read_text(encoding="utf-8")
    page = (out / "graph.html").read_text(encoding="utf-8")
    # the text only changes the data literal: the page around it is the page of a harmless input
    (data,) = _DATA.findall(page)
    assert _DATA.sub("", page) == _DATA.sub("", baseline)
    assert not set(data) & set("<>\u2028\u2029")  # nothing in it can close the script or the line
    details = json.loads(data)["details"]["paper:2409.03501"]
    assert HOSTILE in details["title"] and HOSTILE in details["abstract"] and LONG_TOKEN in details["abstract"]

    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"),
                       parse_constant=lambda name: pytest.fail(f"{name} in graph.json"))
    (paper,) = [n for n in graph["nodes"] if n["type"] == "paper"]
    assert HOSTILE in paper["abstract"] and paper["authors"] == [HOSTILE]
    assert not set(FORBIDDEN) & set(paper["abstract"])

    ElementTree.parse(out / "graph.graphml")
    back = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    assert HOSTILE in back.nodes["paper:2409.03501"]["abstract"]
    assert back.nodes["paper:2409.03501"]["title"] == HOSTILE
