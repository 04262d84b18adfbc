"""Queries over the seed graph, loading JSON and GraphML, the `kg query` / `kg stats` commands, and
the README's "Querying" examples."""

from __future__ import annotations

import doctest
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import kg
from kg.cli import main, query_group
from kg.errors import AmbiguousError, InputError, NotFoundError
from kg.export import write_outputs
from kg.query import KnowledgeGraph, PaperRecord, table, to_json

REPO = Path(__file__).resolve().parents[1]
FAS = "task:face anti-spoofing"


@pytest.fixture(scope="module")
def seed_graph() -> KnowledgeGraph:
    return kg.build([REPO / "seeds"])


@pytest.fixture(scope="module")
def seed_dir(seed_graph, tmp_path_factory) -> Path:
    """A folder holding output/graph.json and output/graph.graphml of the seed graph."""
    folder = tmp_path_factory.mktemp("seed")
    write_outputs(seed_graph.nx, folder / "output")
    return folder


@pytest.fixture(scope="module", params=["graph.json", "graph.graphml"])
def loaded(request, seed_dir) -> KnowledgeGraph:
    return kg.load(seed_dir / "output" / request.param)


def _abstracts_with(graph: KnowledgeGraph, text: str) -> set[str]:
    return {n for n, data in graph.nx.nodes(data=True) if data["type"] == "paper" and text in data["abstract"]}


def _ids(records) -> list[str]:
    return [record.id for record in records]


# --- the seed graph facts ---

def test_papers_using_moe_include_the_moe_papers(loaded):
    moe_papers = _abstracts_with(loaded, "mixture of experts (MoE)")
    assert len(moe_papers) == 2  # GateMix-MoE and RouteLoRA in the stand-in seeds
    assert moe_papers <= set(_ids(loaded.papers(uses="MoE")))
    assert _ids(loaded.papers(uses="MoE")) == _ids(loaded.papers(uses="mixtures of experts"))


def test_fas_is_face_anti_spoofing_with_its_papers(loaded):
    record = loaded.entity("FAS")
    assert (record.id, record.type, record.acronym, record.long_form.lower()) == (FAS, "task", "FAS",
                                                                                  "face anti-spoofing")
    mentioning = _abstracts_with(loaded, "anti-spoofing") | _abstracts_with(loaded, "Anti-Spoofing")
    assert set(_ids(record.papers)) == mentioning
    assert {e.paper for e in record.evidence} == set(_ids(record.papers))
    assert all("anti-spoofing" in " ".join(e.sentences).lower() or "FAS" in " ".join(e.sentences)
               for e in record.evidence)


def test_related_papers_of_a_fas_paper_rank_the_other_fas_papers_first(loaded):
    fas_papers = set(_ids(loaded.papers(addresses="FAS")))
    spoofdiff = loaded.find("arXiv:2409.90001")
    assert spoofdiff in fas_papers
    related = loaded.related(spoofdiff)
    assert set(_ids(related[:len(fas_papers) - 1])) == fas_papers - {spoofdiff}
    assert [r.score for r in related] == sorted((r.score for r in related), reverse=True)


@pytest.mark.parametrize("name", ["FAS", "fas", "Face anti-spoofing", "FACE ANTI SPOOFING", "face anti-spoofings",
                                  "task:face anti-spoofing", "Task:FAS", "  FAS "])
def test_look_ups_accept_labels_aliases_acronyms_and_ids(seed_graph, name):
    assert seed_graph.find(name) == FAS


@pytest.mark.parametrize("name", ["2409.90001", "arXiv:2409.90001", "paper:2409.90001", "PAPER:2409.90001"])
def test_papers_are_found_by_arxiv_id_and_node_id(seed_graph, name):
    assert seed_graph.find(name) == "paper:2409.90001"


def test_an_entity_wins_over_a_paper_named_after_it(seed_graph):
    assert seed_graph.nx.nodes["paper:2409.90001"]["label"] == "SpoofDiff"
    assert seed_graph.find("SpoofDiff") == "method:spoofdiff"
    assert seed_graph.find("SpoofDiff", type="paper") == "paper:2409.90001"


def test_a_label_wins_over_an_acronym_and_an_acronym_over_another_alias():
    g = nx.MultiDiGraph()
    g.add_node("task:semantic segmentation", type="task", label="Semantic Segmentation", aliases=["SS"])
    g.add_node("task:video semantic segmentation", type="task", label="Video Semantic Segmentation",
               aliases=["semantic segmentation", "VSS"], acronym="VSS", long_form="video semantic segmentation")
    g.add_node("task:sparse sampling", type="task", label="Sparse Sampling", aliases=["SS"], acronym="SS")
    graph = KnowledgeGraph(g)
    assert graph.find("semantic segmentation") == "task:semantic segmentation"
    assert graph.find("SS") == "task:sparse sampling"
    assert graph.find("video semantic segmentation") == "task:video semantic segmentation"


@pytest.mark.parametrize("name, suggestion", [("MoX", "MoE"), ("Mixture of Exports", "Mixture of Experts"),
                                              ("face anti-spofing", "face anti-spoofing")])
def test_unknown_names_list_close_matches(seed_graph, name, suggestion):
    with pytest.raises(NotFoundError, match=re.escape(name)) as error:
        seed_graph.entity(name)
    assert suggestion.lower() in [s.lower() for s in error.value.suggestions]
    assert suggestion.lower() in str(error.value).lower()


def test_close_matches_name_each_node_once():
    g = nx.MultiDiGraph()
    g.add_node("method:transformer", type="method", label="Transformer", aliases=["Transformer", "Transformers"])
    g.add_node("method:geotransformer", type="method", label="GeoTransformer", aliases=["GeoTransformer"])
    with pytest.raises(NotFoundError) as error:
        KnowledgeGraph(g).find("Transformr")
    assert error.value.suggestions == ("Transformer", "GeoTransformer")


def test_an_unknown_name_with_nothing_close_says_how_to_list_names(seed_graph):
    with pytest.raises(NotFoundError, match="kg query entities") as error:
        seed_graph.find("qqqzzz")
    assert error.value.suggestions == ()


def test_an_acronym_with_two_meanings_is_ambiguous_until_typed_or_linked(seed_graph):
    with pytest.raises(AmbiguousError) as error:
        seed_graph.entity("MAE")
    assert error.value.candidates == ("method:masked autoencoder", "metric:mean absolute error")
    assert seed_graph.entity("method:MAE").id == "method:masked autoencoder"
    assert seed_graph.entity("MAE", type="metric").id == "metric:mean absolute error"
    assert _ids(seed_graph.papers(uses="MAE")) != _ids(seed_graph.papers(reports="MAE"))
    assert seed_graph.papers(reports="MAE") == seed_graph.papers(reports="metric:mean absolute error")


@pytest.mark.parametrize("call", [lambda g: g.top("methods"), lambda g: g.entities(type="paper"),
                                  lambda g: g.top("method", by="citations"), lambda g: g.entity("task:MoE")])
def test_bad_types_and_rankings_are_not_found_errors(seed_graph, call):
    with pytest.raises(NotFoundError):
        call(seed_graph)


# --- the query methods ---

def test_papers_filters_combine(seed_graph):
    both = set(_ids(seed_graph.papers(addresses="FAS", uses="CLIP")))
    assert both == set(_ids(seed_graph.papers(addresses="FAS"))) & set(_ids(seed_graph.papers(uses="CLIP")))
    assert both and both < set(_ids(seed_graph.papers(uses="CLIP")))
    assert len(seed_graph.papers()) == 24
    assert seed_graph.papers(uses=["CLIP", "MoE"]) == []  # no seed paper uses both


def test_entities_filter_by_type_and_papers(seed_graph):
    tasks = seed_graph.entities(type="task", min_papers=2)
    assert tasks and all(r.type == "task" and r.paper_count >= 2 for r in tasks)
    assert FAS in _ids(tasks)
    counts = [r.paper_count for r in seed_graph.entities()]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize("by", ["papers", "degree", "pagerank"])
def test_top_ranks_nodes_of_one_type_best_first(seed_graph, by):
    top = seed_graph.top("method", 5, by=by)
    assert len(top) == 5 and all(r.type == "method" for r in top)
    assert [r.score for r in top] == sorted((r.score for r in top), reverse=True)


def test_top_by_papers_counts_distinct_papers(seed_graph):
    for record in seed_graph.top("dataset", 5):
        assert record.score == len(seed_graph.entity(record.id).papers)


@pytest.mark.parametrize("method, of_type", [("methods_for", "method"), ("datasets_for", "dataset")])
def test_entities_for_a_task_are_scored_by_shared_papers(seed_graph, method, of_type):
    fas_papers = set(_ids(seed_graph.papers(addresses="FAS")))
    ranked = getattr(seed_graph, method)("FAS")
    assert ranked and all(r.type == of_type for r in ranked)
    for record in ranked:
        assert record.score == len(fas_papers & set(_ids(seed_graph.entity(record.id).papers)))
    assert "OULU-NPU" in [r.label for r in seed_graph.datasets_for("FAS")]


def test_tasks_for_a_method(seed_graph):
    tasks = {r.id for r in seed_graph.tasks_for("CLIP")}
    assert FAS in tasks and all(t.startswith("task:") for t in tasks)


def test_related_prefers_rare_shared_entities():
    g = nx.MultiDiGraph()
    for paper in "ABCD":
        g.add_node(f"paper:{paper}", type="paper", label=paper)
    for entity in ("rare", "common"):
        g.add_node(f"method:{entity}", type="method", label=entity)
    links = [("A", "rare"), ("B", "rare"), ("A", "common"), ("C", "common"), ("D", "common")]
    for paper, entity in links:
        g.add_edge(f"paper:{paper}", f"method:{entity}", key="uses", relation="uses", evidence=[], mentions=1)
    assert _ids(KnowledgeGraph(g).related("paper:A")) == ["paper:B", "paper:C", "paper:D"]


def test_cooccurrence_counts_papers_mentioning_both(seed_graph):
    pairs = seed_graph.cooccurrence("dataset", "task")
    assert pairs and [p.papers for p in pairs] == sorted((p.papers for p in pairs), reverse=True)
    for pair in pairs[:10]:
        assert (pair.a.startswith("dataset:"), pair.b.startswith("task:")) == (True, True)
        shared = set(_ids(seed_graph.entity(pair.a).papers)) & set(_ids(seed_graph.entity(pair.b).papers))
        assert pair.papers == len(shared)
    same = seed_graph.cooccurrence("dataset", "dataset")
    assert all(p.a < p.b for p in same)


def test_path_walks_links_in_either_direction(seed_graph):
    steps = seed_graph.path("FAS", "MoE")
    assert (steps[0].id, steps[-1].id) == (FAS, "method:mixture of experts")
    assert all(seed_graph.nx.has_edge(a.id, b.id) or seed_graph.nx.has_edge(b.id, a.id)
               for a, b in zip(steps, steps[1:]))


def test_no_path_is_a_not_found_error():
    g = nx.MultiDiGraph()
    g.add_node("method:a", type="method", label="A")
    g.add_node("method:b", type="method", label="B")
    with pytest.raises(NotFoundError, match="no path"):
        KnowledgeGraph(g).path("A", "B")


def test_subgraph_is_a_new_graph_of_the_neighbourhood(seed_graph):
    near = seed_graph.subgraph("FAS")
    assert isinstance(near, nx.MultiDiGraph)
    assert set(near) == {FAS, *_ids(seed_graph.entity("FAS").papers)}
    near.remove_node(FAS)
    assert FAS in seed_graph.nx
    wider = seed_graph.subgraph("FAS", depth=2)
    assert "dataset:oulu-npu" in wider and set(near) < set(wider)


def test_communities_partition_the_graph_the_same_way_every_time(seed_graph, loaded):
    communities = seed_graph.communities()
    nodes = [node for community in communities for node in community.nodes]
    assert sorted(nodes) == sorted(seed_graph.nx) and len(nodes) == len(set(nodes))
    assert [c.size for c in communities] == sorted((c.size for c in communities), reverse=True)
    assert loaded.communities() == communities


def test_stats_count_types_and_find_acronyms_with_several_meanings(seed_graph):
    stats = seed_graph.stats()
    assert sum(stats.nodes.values()) == seed_graph.nx.number_of_nodes()
    assert sum(stats.edges.values()) == seed_graph.nx.number_of_edges()
    mae = [a for a in stats.ambiguous_acronyms if a.acronym == "MAE"]
    assert mae and mae[0].meanings == ("masked autoencoder", "mean absolute error")
    assert "acronyms with several meanings" in stats.describe()


def test_to_pandas_gives_node_and_edge_frames(seed_graph):
    pytest.importorskip("pandas")
    nodes, edges = seed_graph.to_pandas()
    assert len(nodes) == seed_graph.nx.number_of_nodes() and len(edges) == seed_graph.nx.number_of_edges()
    assert {"id", "type", "label"} <= set(nodes.columns) and {"source", "target", "relation"} <= set(edges.columns)


def test_records_have_short_reprs_and_plain_json(seed_graph):
    assert repr(seed_graph.papers(uses="MoE")[0]) == "PaperRecord(id='paper:2409.90003', label='GateMix-MoE')"
    assert repr(seed_graph).startswith("<KnowledgeGraph: 24 papers, ")
    data = json.loads(to_json(seed_graph.entity("FAS")))
    assert data["id"] == FAS and data["papers"][0]["id"].startswith("paper:")
    assert table([], ("id", "label")) == "id  label"
    assert table([PaperRecord("paper:1", "X")], ("id", "label")).splitlines()[1] == "paper:1  X"


# --- loading ---

def test_graphml_and_json_load_to_the_built_graph(seed_graph, seed_dir):
    from_json = kg.load(seed_dir / "output" / "graph.json").nx
    from_graphml = kg.load(seed_dir / "output" / "graph.graphml").nx
    for graph in (from_json, from_graphml):
        assert list(graph.nodes(data=True)) == list(seed_graph.nx.nodes(data=True))
        assert list(graph.edges(keys=True, data=True)) == list(seed_graph.nx.edges(keys=True, data=True))


@pytest.mark.parametrize("ask", [
    lambda g: g.papers(uses="MoE"), lambda g: g.entity("FAS"), lambda g: g.related("2409.90001"),
    lambda g: g.top("method", by="pagerank"), lambda g: g.cooccurrence("method", "task"), lambda g: g.stats(),
    lambda g: g.path("FAS", "MoE"), lambda g: g.methods_for("FAS"), lambda g: g.entities(min_papers=2),
])
def test_graphml_and_json_give_the_same_answers(seed_dir, ask):
    answers = [ask(kg.load(seed_dir / "output" / name)) for name in ("graph.json", "graph.graphml")]
    assert answers[0] == answers[1]


@pytest.mark.parametrize("name, content, message", [
    ("missing.json", None, "no such file"),
    ("graph.html", "<html></html>", "graph.json or graph.graphml"),
    ("broken.json", "{not json", "not a graph kg wrote"),
    ("empty.json", "{}", "not a graph kg wrote"),
    ("other.json", json.dumps(nx.node_link_data(nx.path_graph(2), edges="edges")), "not a graph kg wrote"),
    ("broken.graphml", "<graphml><graph>", "not a graph kg wrote"),
])
def test_loading_something_else_is_an_input_error(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        kg.load(path)


@pytest.mark.parametrize("code, loaded_modules", [("import kg", ["False", "False"]),
                                                   ("import kg; kg.KnowledgeGraph", ["False", "True"])])
def test_import_kg_loads_neither_spacy_nor_networkx_until_needed(code, loaded_modules):
    check = f"{code}; import sys; print('spacy' in sys.modules, 'networkx' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", check], capture_output=True, text=True).stdout.split() == loaded_modules


# --- the command line ---

def _kg(args: list[str], cwd: Path, monkeypatch) -> object:
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, args)


@pytest.mark.parametrize("command", [["query"], *(["query", name] for name in sorted(query_group.commands)),
                                     ["stats"]])
def test_every_query_command_has_help(command):
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output and len(result.output.splitlines()) > 3


@pytest.mark.parametrize("args", [["query", "papers", "--uses", "MoE"], ["query", "entity", "FAS"],
                                  ["query", "entities", "--type", "task"], ["query", "related", "2409.90001"],
                                  ["query", "top", "method", "--by", "pagerank"], ["query", "methods-for", "FAS"],
                                  ["query", "datasets-for", "FAS"], ["query", "tasks-for", "CLIP"],
                                  ["query", "cooccurrence", "method", "task"], ["query", "path", "FAS", "MoE"],
                                  ["query", "communities"], ["stats"]])
def test_query_commands_print_tables_or_json(seed_dir, monkeypatch, args):
    as_table = _kg(args, seed_dir, monkeypatch)
    as_json = _kg([*args, "--json", "--graph", "output/graph.graphml"], seed_dir, monkeypatch)
    assert as_table.exit_code == 0 and as_json.exit_code == 0, as_table.output + as_json.output
    assert as_table.output.strip() and not as_table.output.lstrip().startswith(("[", "{"))
    assert json.loads(as_json.output)


def test_query_papers_lists_the_moe_papers(seed_dir, monkeypatch):
    result = _kg(["query", "papers", "--uses", "MoE"], seed_dir, monkeypatch)
    assert "paper:2409.90003" in result.output and "GateMix-MoE" in result.output
    ids = [p["id"] for p in json.loads(_kg(["query", "papers", "--uses", "MoE", "--json"], seed_dir,
                                           monkeypatch).output)]
    assert "paper:2409.90003" in ids


@pytest.mark.parametrize("args, message", [
    (["query", "entity", "MoX"], "close matches: MoE"),
    (["query", "entity", "MAE"], "ambiguous"),
    (["query", "papers", "--uses", "nothing-like-it"], "no node named"),
    (["query", "entity", "FAS", "--graph", "missing.json"], "run `kg build` first"),
])
def test_query_errors_are_one_line_without_traceback(seed_dir, monkeypatch, args, message):
    result = _kg(args, seed_dir, monkeypatch)
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert result.exit_code == 1 and len(errors) == 1 and message in errors[0]
    assert "Traceback" not in result.output


def test_query_reads_output_graph_json_by_default(tmp_path, monkeypatch):
    result = _kg(["query", "entity", "FAS"], tmp_path, monkeypatch)
    assert result.exit_code == 1 and "output/graph.json: no such file" in result.output


# --- the README ---

def _readme_section() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return text.split("\n## Querying\n", 1)[1].split("\n## ", 1)[0]


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", _readme_section(), flags=re.S)


def test_readme_python_examples_hold_on_the_seed_graph(seed_dir, monkeypatch):
    monkeypatch.chdir(seed_dir)
    blocks = _blocks("python")
    assert blocks
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, "README Querying", "README.md", 0)
    output: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test, out=output.append)
    assert runner.failures == 0 and runner.tries > 5, "".join(output)


def test_readme_command_examples_hold_on_the_seed_graph(seed_dir, monkeypatch):
    examples = [block.split("\n", 1) for block in re.split(r"^\$ ", "".join(_blocks("console")), flags=re.M)
                if block.strip()]
    assert len(examples) >= 3
    for command, expected in examples:
        args = shlex.split(command)
        assert args[0] == "kg"
        result = _kg(args[1:], seed_dir, monkeypatch)
        assert (result.exit_code != 0) == expected.startswith("Error:"), command
        assert result.output.rstrip() == expected.rstrip(), command
