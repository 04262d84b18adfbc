"""The ``kg`` command line: thin commands over the library; library errors become one-line messages."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .cache import CACHE_NAME, clear_cache
from .errors import KgError
from .evaluate import Report, evaluate_gold, evaluate_scierc, evaluate_sdu
from .export import DEFAULT_FORMATS, FORMATS, write_outputs
from .html import DEFAULT_MAX_NODES
from .pipeline import build

_PROGRESS_THRESHOLD = 200  # papers; below this a build takes a second or two


def _warn(message: str) -> None:
    click.echo(f"kg: warning: {message}", err=True)


def _progress(items, total):
    if total < _PROGRESS_THRESHOLD or not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, length=total, label="Extracting", file=sys.stderr) as bar:
        yield from bar


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """Build knowledge graphs of methods, datasets, tasks, metrics and acronyms from abstracts."""


@main.command("build")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Folder for the outputs (graph.json, graph.graphml, graph.gexf, graph.html).")
@click.option("--strict", is_flag=True, help="Stop at a malformed input line instead of skipping it.")
@click.option("--html-max-nodes", default=DEFAULT_MAX_NODES, show_default=True, type=click.IntRange(min=1),
              help="Above this many nodes the HTML map shows the most connected part.")
@click.option("--format", "formats", multiple=True, type=click.Choice(list(FORMATS)),
              help=f"Output format; repeat for several (default: {', '.join(DEFAULT_FORMATS)}). "
                   "csv writes nodes.csv and edges.csv.")
@click.option("--no-cache", is_flag=True,
              help=f"Extract every abstract anew, without reading or updating OUT/{CACHE_NAME}.")
@click.option("--jobs", default=None, type=click.IntRange(min=1),
              help="Worker processes for a large extraction  [default: every core].")
def build_command(inputs: tuple[Path, ...], out_dir: Path, strict: bool, html_max_nodes: int,
                  formats: tuple[str, ...], no_cache: bool, jobs: int | None) -> None:
    """Build the graph from INPUTS (files or folders; default: seeds/).

    Inputs may be arXiv listing text (pasted "Abstract:" lines or raw listings with arXiv ids)
    or JSON Lines with an "abstract" or "summary" field, optionally gzip-compressed.
    What each abstract yields is cached in the output folder, so a rebuild with a few new
    abstracts extracts only those.
    """
    try:
        result = build(inputs or [Path("seeds")], warn=_warn, strict=strict, progress=_progress,
                       cache=None if no_cache else out_dir / CACHE_NAME, jobs=jobs)
        paths = write_outputs(result.graph, out_dir, formats=formats or DEFAULT_FORMATS,
                              html_max_nodes=html_max_nodes)
    except KgError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{result.summary()} -> {', '.join(str(p) for p in paths)}")


@main.group("cache")
def cache_group() -> None:
    """Manage the extraction cache that kg build keeps in its output folder."""


@cache_group.command("clear")
@click.option("--out", "out_dir", default="output", show_default=True, type=click.Path(path_type=Path),
              help="The output folder whose cache to delete.")
def cache_clear_command(out_dir: Path) -> None:
    """Delete the extraction cache, so that the next build extracts every abstract anew."""
    try:
        existed = clear_cache(out_dir)
    except OSError as error:
        raise click.ClickException(f"cannot delete {out_dir / CACHE_NAME}: {error.strerror}; "
                                   "check the folder's permissions") from error
    click.echo(f"deleted {out_dir / CACHE_NAME}" if existed else f"no cache in {out_dir}")


@main.command("eval")
@click.argument("gold", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--seeds", default="seeds", show_default=True, type=click.Path(path_type=Path),
              help="Folder with the seed listings that gold files of source \"seeds\" annotate.")
@click.option("--shared", default="../shared", show_default=True, type=click.Path(path_type=Path),
              help="The shared data folder (corpus, SciERC, acronym gold sets).")
@click.option("--shared-sets/--no-shared-sets", default=True,
              help="Also score SciERC dev and SDU@AAAI-22 acronym dev, when they are there.")
@click.option("--errors", "show_errors", default=0, show_default=True, type=click.IntRange(min=0),
              help="List up to this many misses and false positives per gold file.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_command(gold: tuple[Path, ...], seeds: Path, shared: Path, shared_sets: bool, show_errors: int,
                 as_json: bool) -> None:
    """Score extraction against gold annotations: P/R/F1 per type, acronyms, proposals.

    GOLD files default to tests/gold/*.jsonl (format: tests/gold/GUIDE.md).
    """
    gold = gold or tuple(sorted(Path("tests/gold").glob("*.jsonl")))
    corpus = shared / "corpus" / "arxiv_cs_abstracts.jsonl.gz"
    reports: list[Report] = []
    try:
        for path in gold:
            reports.append(evaluate_gold(path, seeds=seeds, corpus=corpus))
        scierc_dev = shared / "eval" / "scierc" / "dev.json"
        sdu_dev = shared / "eval" / "acronyms" / "sdu22_sci_dev.json"
        if shared_sets and scierc_dev.exists():
            reports.append(evaluate_scierc(scierc_dev))
        if shared_sets and sdu_dev.exists():
            reports.append(evaluate_sdu(sdu_dev))
    except KgError as error:
        raise click.ClickException(str(error)) from error
    if not reports:
        raise click.ClickException("nothing to evaluate: give gold files or run from the repository root")
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in reports], indent=1))
        return
    for report in reports:
        click.echo(report.table() + "\n")
        for heading, items in (("Misses", report.misses), ("False positives", report.false_positives)):
            if show_errors and items:
                click.echo(f"{heading} ({len(items)}):")
                click.echo("\n".join(f"  {item}" for item in items[:show_errors]) + "\n")


def run() -> None:
    """Entry point for ``python -m kg``."""
    main(prog_name="kg")
