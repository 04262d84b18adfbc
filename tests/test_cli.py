import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kg.cache import CACHE_NAME
from kg.cli import main


def test_build_writes_the_three_files_and_a_summary(corpus, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir() if p.name != CACHE_NAME)
    assert written == ["graph.gexf", "graph.graphml", "graph.html", "graph.json"]
    assert result.output.startswith("2 papers (from 3 records)")
    assert str(out / "graph.json") in result.output


def test_the_summary_of_one_abstract_says_one_paper(tmp_path):
    # regression: a one-abstract build reported "1 papers (from 1 records)"
    listing = tmp_path / "one.txt"
    listing.write_text("We propose FooNet for face anti-spoofing and evaluate it on CelebA-Spoof.\n")
    result = CliRunner().invoke(main, ["build", str(listing), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 paper (from 1 record), ")
    assert "1 dataset," in result.output and "1 task," in result.output


def test_build_writes_only_the_formats_asked_for(corpus, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--format", "csv",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if p.name != CACHE_NAME) == ["edges.csv", "graph.json", "nodes.csv"]
    bad = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--format", "svg"])
    assert bad.exit_code == 2 and "'svg' is not one of" in bad.output


def test_build_defaults_to_seeds_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "seeds: no such file or directory" in result.output


@pytest.mark.parametrize("make_input, message", [
    (lambda d: d / "missing.txt", "no such file or directory"),
    (lambda d: (d / "empty").mkdir() or d / "empty", "no input files"),
    (lambda d: (d / "x.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00") and d / "x.txt", "no abstracts found"),
])
def test_bad_input_gives_one_line_error_and_nonzero_exit(tmp_path, make_input, message):
    path = make_input(tmp_path)
    result = CliRunner().invoke(main, ["build", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code != 0
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and message in errors[0]
    assert "Traceback" not in result.output


def test_unwritable_out_is_a_clear_error(corpus, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(blocker / "out")])
    assert result.exit_code != 0
    assert "cannot write to" in result.output and "--out" in result.output


@pytest.mark.parametrize("command", [[], ["build"]])
def test_every_command_has_help(command):
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output.splitlines()) > 3


def test_every_registered_command_has_a_docstring():
    assert all(command.help for command in main.commands.values())


def test_python_dash_m_kg_works(corpus, tmp_path):
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    graph = json.loads((out / "graph.json").read_text())
    assert sum(n["type"] == "paper" for n in graph["nodes"]) == 2
    # the process ends without teardown (os._exit): its output must still be whole
    assert done.stdout.startswith("2 papers") and done.stdout.endswith("graph.html\n")


@pytest.mark.parametrize("arguments, code, message", [
    (["--version"], 0, ""),
    (["build", "no/such/folder"], 1, "no/such/folder: no such file or directory"),
    (["nosuchcommand"], 2, "No such command"),
])
def test_the_command_exits_with_clicks_codes_and_messages(arguments, code, message):
    done = subprocess.run([sys.executable, "-m", "kg", *arguments], capture_output=True, text=True, check=False)
    assert done.returncode == code and message in done.stderr


def test_view_writes_the_neighbourhood_of_one_node(corpus, tmp_path):
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(corpus), "--out", str(out)]).exit_code == 0
    page = tmp_path / "moe.html"
    result = CliRunner().invoke(main, ["view", "MoE", "--depth", "1", "--graph", str(out / "graph.json"),
                                       "--out", str(page)])
    assert result.exit_code == 0, result.output
    assert "around method:mixture of experts" in result.output and page.exists()
    data = page.read_text(encoding="utf-8")
    assert "GateMix" in data and "SpoofNet" not in data  # only the MoE paper's neighbourhood
    missing = CliRunner().invoke(main, ["view", "nosuchthing", "--graph", str(out / "graph.json"),
                                        "--out", str(page)])
    assert missing.exit_code == 1 and "no node named 'nosuchthing'" in missing.output
