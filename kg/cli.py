"""The ``kg`` command line: thin commands over the library; library errors become one-line messages."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .cache import CACHE_NAME, clear_cache
from .errors import KgError
from .evaluate import Report, evaluate_gold, evaluate_scierc, evaluate_sdu
from .export import DEFAULT_FORMATS, FORMATS, write_outputs, write_page
from .html import DEFAULT_MAX_NODES
from .lexicon import ENTITY_TYPES
from .pipeline import build
from .query import NODE_TYPES, RANKINGS, KnowledgeGraph, load, table, to_json

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
              help=f"Clean and extract every abstract anew and write every file whole, without reading or "
                   f"updating OUT/{CACHE_NAME}.")
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
        cache = None if no_cache else out_dir / CACHE_NAME
        result = build(inputs or [Path("seeds")], warn=_warn, strict=strict, progress=_progress, cache=cache, jobs=jobs)
        paths = write_outputs(result.graph, out_dir, formats=formats or DEFAULT_FORMATS,
                              html_max_nodes=html_max_nodes, cache=cache)
    except KgError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{result.summary()} -> {', '.join(str(p) for p in paths)}")


@main.group("cache")
def cache_group() -> None:
    """Manage the build cache that kg build keeps in its output folder."""


@cache_group.command("clear")
@click.option("--out", "out_dir", default="output", show_default=True, type=click.Path(path_type=Path),
              help="The output folder whose cache to delete.")
def cache_clear_command(out_dir: Path) -> None:
    """Delete the build cache, so that the next build cleans and extracts every abstract anew."""
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


_DEFAULT_GRAPH = Path("output/graph.json")
_SCORED = ("label", "type", "score", "id")


def _graph_options(command):
    """The --graph and --json options every query command has."""
    command = click.option("--json", "as_json", is_flag=True,
                           help="Print JSON (for scripts) instead of a table.")(command)
    return click.option("--graph", "graph_path", default=_DEFAULT_GRAPH, show_default=True,
                        type=click.Path(dir_okay=False, path_type=Path),
                        help="The graph.json or graph.graphml that kg build wrote.")(command)


def _answer(graph_path: Path, as_json: bool, ask, columns: tuple[str, ...] | None = None) -> None:
    """Load the graph, ``ask`` it, and print the answer: JSON, a table of ``columns``, or its description."""
    try:
        answer = ask(load(graph_path))
    except KgError as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(to_json(answer))
    elif columns is None:
        click.echo(answer.describe())
    else:
        click.echo(table(answer, columns) if answer else "no results")


@main.command("view")
@click.argument("name")
@click.option("--depth", default=2, show_default=True, type=click.IntRange(min=0),
              help="Links away from NAME to include (either direction).")
@click.option("--out", "out_path", default=Path("view.html"), show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="The page to write.")
@click.option("--graph", "graph_path", default=_DEFAULT_GRAPH, show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="The graph.json or graph.graphml that kg build wrote.")
@click.option("--html-max-nodes", default=DEFAULT_MAX_NODES, show_default=True, type=click.IntRange(min=1),
              help="Above this many nodes the page shows the most connected part.")
def view_command(name: str, depth: int, out_path: Path, graph_path: Path, html_max_nodes: int) -> None:
    """Write an HTML map of the neighbourhood of NAME (an entity or a paper) to --out."""
    try:
        graph = load(graph_path)
        node = graph.find(name)
        neighbourhood = graph.subgraph(node, depth)
        write_page(neighbourhood, out_path, title=f"kg: {graph.nx.nodes[node]['label']} (depth {depth})",
                   max_nodes=html_max_nodes)
    except KgError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{neighbourhood.number_of_nodes()} nodes, {neighbourhood.number_of_edges()} edges around "
               f"{node} -> {out_path}")


_count = click.option("-n", "n", default=10, show_default=True, type=click.IntRange(min=1), help="How many to list.")


@main.group("query")
def query_group() -> None:
    """Ask the graph: papers using a method, an entity's names and papers, related papers, rankings.

    NAME may be a label, alias, acronym or long form, a node id (method:clip; method:MAE picks
    the type) or a paper's arXiv id, in any case. Reads output/graph.json unless --graph is given.
    """


@query_group.command("papers")
@click.option("--uses", multiple=True, metavar="NAME", help="A method the papers use (repeatable).")
@click.option("--addresses", multiple=True, metavar="NAME", help="A task the papers address (repeatable).")
@click.option("--evaluates-on", multiple=True, metavar="NAME", help="A dataset the papers evaluate on (repeatable).")
@click.option("--proposes", multiple=True, metavar="NAME", help="What the papers propose (repeatable).")
@click.option("--reports", multiple=True, metavar="NAME", help="A metric the papers report (repeatable).")
@_graph_options
def query_papers(uses, addresses, evaluates_on, proposes, reports, graph_path: Path, as_json: bool) -> None:
    """Papers with every given link; all papers without options."""
    _answer(graph_path, as_json, lambda g: g.papers(uses=uses, addresses=addresses, evaluates_on=evaluates_on,
                                                    proposes=proposes, reports=reports), ("id", "label"))


@query_group.command("entity")
@click.argument("name")
@click.option("--type", "entity_type", type=click.Choice(ENTITY_TYPES), help="Only look among this type.")
@_graph_options
def query_entity(name: str, entity_type: str | None, graph_path: Path, as_json: bool) -> None:
    """What NAME is: type, label, acronym and long form, aliases, and its papers."""
    _answer(graph_path, as_json, lambda g: g.entity(name, type=entity_type))


@query_group.command("entities")
@click.option("--type", "entity_type", type=click.Choice(ENTITY_TYPES), help="Only this type.")
@click.option("--min-papers", default=1, show_default=True, type=click.IntRange(min=1),
              help="Only entities in at least this many papers.")
@_count
@_graph_options
def query_entities(entity_type: str | None, min_papers: int, n: int, graph_path: Path, as_json: bool) -> None:
    """Entities, most papers first."""
    _answer(graph_path, as_json, lambda g: g.entities(type=entity_type, min_papers=min_papers, n=n),
            ("label", "type", "acronym", "paper_count", "id"))


@query_group.command("related")
@click.argument("name")
@_count
@click.option("--type", "node_type", type=click.Choice(NODE_TYPES), help="Only nodes of this type.")
@_graph_options
def query_related(name: str, n: int, node_type: str | None, graph_path: Path, as_json: bool) -> None:
    """Nodes most like NAME (Adamic-Adar over shared neighbours): for a paper (give its arXiv id),
    the papers sharing its entities; for an entity, the entities sharing its papers."""
    _answer(graph_path, as_json, lambda g: g.related(name, n, type=node_type), _SCORED)


@query_group.command("top")
@click.argument("node_type", metavar="TYPE", type=click.Choice(NODE_TYPES))
@_count
@click.option("--by", default="papers", show_default=True, type=click.Choice(RANKINGS),
              help="Rank by number of papers, by degree, or by PageRank.")
@_graph_options
def query_top(node_type: str, n: int, by: str, graph_path: Path, as_json: bool) -> None:
    """The most connected nodes of TYPE."""
    _answer(graph_path, as_json, lambda g: g.top(node_type, n, by=by), _SCORED)


def _via_papers_command(name: str, argument: str, ask, help: str) -> None:
    @query_group.command(name, help=help)
    @click.argument("entity", metavar=argument)
    @_count
    @_graph_options
    def command(entity: str, n: int, graph_path: Path, as_json: bool) -> None:
        _answer(graph_path, as_json, lambda g: ask(g, entity, n), _SCORED)


_via_papers_command("methods-for", "TASK", KnowledgeGraph.methods_for,
                    "Methods in the papers on TASK, by the number of such papers.")
_via_papers_command("datasets-for", "TASK", KnowledgeGraph.datasets_for,
                    "Datasets in the papers on TASK, by the number of such papers.")
_via_papers_command("tasks-for", "METHOD", KnowledgeGraph.tasks_for,
                    "Tasks of the papers that mention METHOD, by the number of such papers.")


@query_group.command("cooccurrence")
@click.argument("type_a", type=click.Choice(ENTITY_TYPES))
@click.argument("type_b", type=click.Choice(ENTITY_TYPES))
@_count
@_graph_options
def query_cooccurrence(type_a: str, type_b: str, n: int, graph_path: Path, as_json: bool) -> None:
    """Pairs of a TYPE_A and a TYPE_B entity that share the most papers."""
    _answer(graph_path, as_json, lambda g: g.cooccurrence(type_a, type_b, n), ("a_label", "b_label", "papers"))


@query_group.command("path")
@click.argument("source", metavar="A")
@click.argument("target", metavar="B")
@_graph_options
def query_path(source: str, target: str, graph_path: Path, as_json: bool) -> None:
    """A shortest chain of papers and entities from A to B."""
    _answer(graph_path, as_json, lambda g: g.path(source, target), ("type", "label", "id"))


@query_group.command("communities")
@_graph_options
def query_communities(graph_path: Path, as_json: bool) -> None:
    """Louvain communities (fixed seed), largest first, with their best-connected entities."""
    _answer(graph_path, as_json, lambda g: g.communities(), ("size", "hubs"))


@main.command("stats")
@_count
@_graph_options
def stats_command(n: int, graph_path: Path, as_json: bool) -> None:
    """Counts per node type and relation, the N most connected entities, acronyms with several meanings."""
    _answer(graph_path, as_json, lambda g: g.stats(n))


def run() -> None:
    """Entry point of the ``kg`` command and ``python -m kg``.

    The process ends without tearing down its objects: freeing a full-corpus graph one object
    at a time took six seconds after the last file was written, and every file is closed by then.
    """
    try:
        main(prog_name="kg")
        code: object = 0
    except SystemExit as stop:
        code = stop.code
    if code is not None and not isinstance(code, int):
        click.echo(code, err=True)  # what sys.exit does with a message
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a reader that stopped early ("kg stats | head"), a closed stream
            pass
    os._exit(code or 0)
