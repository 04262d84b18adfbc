"""The ``kg`` command line: thin commands over the library; library errors become one-line messages."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import KgError
from .export import write_outputs
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
              help="Folder for graph.json, graph.graphml and graph.html.")
@click.option("--strict", is_flag=True, help="Stop at a malformed input line instead of skipping it.")
@click.option("--html-max-nodes", default=DEFAULT_MAX_NODES, show_default=True, type=click.IntRange(min=1),
              help="Above this many nodes the HTML map shows the most connected part.")
def build_command(inputs: tuple[Path, ...], out_dir: Path, strict: bool, html_max_nodes: int) -> None:
    """Build the graph from INPUTS (files or folders; default: seeds/).

    Inputs may be arXiv listing text (pasted "Abstract:" lines or raw listings with arXiv ids)
    or JSON Lines with an "abstract" or "summary" field, optionally gzip-compressed.
    """
    try:
        result = build(inputs or [Path("seeds")], warn=_warn, strict=strict, progress=_progress)
        paths = write_outputs(result.graph, out_dir, html_max_nodes=html_max_nodes)
    except KgError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{result.summary()} -> {', '.join(str(p) for p in paths)}")


def run() -> None:
    """Entry point for ``python -m kg``."""
    main(prog_name="kg")
