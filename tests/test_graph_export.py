"""Graph schema and every export, round-tripped through real readers."""

import json
import re
from xml.etree import ElementTree

import igraph
import networkx as nx
import pytest

from kg.export import graphml_graph, write_graphml, write_json, write_outputs
from kg.pipeline import build

ENTITY_TYPES = {"method", "dataset", "task", "metric"}
RELATIONS = {"proposes", "uses", "addresses", "evaluates_on", "reports"}


@pytest.fixture
def graph(corpus):
    return build([corpus]).graph


def test_paper_nodes_have_the_schema(graph):
    papers = [d for _, d in graph.nodes(data=True) if d["type"] == "paper"]
    assert len(papers) == 2
    for paper in papers:
        assert set(paper) >= {"type", "label", "abstract", "arxiv_id", "doi", "title", "code_urls", "comments",
                              "sources", "acronyms"}
        assert all(isinstance(paper[k], list) for k in ("code_urls", "comments", "sources", "acronyms"))
    moe_paper = graph.nodes["paper:2408.12141"]
    assert moe_paper["doi"] == "10.1145/3664647.3680919"
    assert {"short": "MoE", "long": "mixture of experts"} in moe_paper["acronyms"]
    assert moe_paper["sources"] == sorted(moe_paper["sources"]) and len(moe_paper["sources"]) == 2
    fas_paper = graph.nodes["paper:2409.03501"]
    assert fas_paper["comments"] == ["Accepted by ECCV 2024"]
    assert {"short": "FAS", "long": "Face anti-spoofing"} in fas_paper["acronyms"]


def test_entity_nodes_have_the_schema(graph):
    entities = {n: d for n, d in graph.nodes(data=True) if d["type"] != "paper"}
    assert entities and {d["type"] for d in entities.values()} <= ENTITY_TYPES
    for node, data in entities.items():
        assert node == f"{data['type']}:{data['label'].lower()}"
        assert data["label"] in data["aliases"]
        assert data["paper_count"] == graph.in_degree(node) >= 1


def test_acronym_and_long_form_are_one_node(graph):
    moe = [d for _, d in graph.nodes(data=True) if d.get("acronym") == "MoE"]
    assert len(moe) == 1
    assert moe[0]["long_form"].lower() == "mixture of experts"
    assert {"MoE", "mixture of experts"} <= set(moe[0]["aliases"])


def test_edges_go_from_papers_to_entities_with_evidence(graph):
    for source, target, key, data in graph.edges(keys=True, data=True):
        assert graph.nodes[source]["type"] == "paper" and graph.nodes[target]["type"] in ENTITY_TYPES
        assert key == data["relation"] in RELATIONS
        assert data["evidence"] and all(s in graph.nodes[source]["abstract"] for s in data["evidence"])


def test_relations_follow_entity_types(graph):
    expected = {"task": "addresses", "dataset": "evaluates_on", "metric": "reports", "method": "uses"}
    for _, target, key in graph.edges(keys=True):
        assert key in ("proposes", expected[graph.nodes[target]["type"]])
    assert graph.has_edge("paper:2409.03501", "method:spoofnet", key="proposes")


def test_json_round_trip_keeps_lists(graph, tmp_path):
    path = tmp_path / "graph.json"
    with path.open("w", encoding="utf-8") as handle:
        write_json(graph, handle)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "edges" in data and "links" not in data
    back = nx.node_link_graph(data, edges="edges")
    assert isinstance(back, nx.MultiDiGraph)
    assert back.number_of_nodes() == graph.number_of_nodes() and back.number_of_edges() == graph.number_of_edges()
    assert back.nodes["paper:2408.12141"]["acronyms"] == graph.nodes["paper:2408.12141"]["acronyms"]


def test_graphml_reads_back_with_networkx(graph, tmp_path):
    path = tmp_path / "graph.graphml"
    with path.open("w", encoding="utf-8") as handle:
        write_graphml(graph, handle)
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    for node, data in graph.nodes(data=True):
        assert back.nodes[node]["label"] == data["label"]
        assert back.nodes[node]["type"] == data["type"]
    paper = back.nodes["paper:2408.12141"]
    assert "MoE=mixture of experts" in paper["acronyms"]
    assert all(isinstance(back.nodes[n][c], int) for n in back for c in "rgb")


def test_graphml_reads_back_with_igraph(graph, tmp_path):
    path = tmp_path / "graph.graphml"
    with path.open("w", encoding="utf-8") as handle:
        write_graphml(graph, handle)
    back = igraph.Graph.Read_GraphML(str(path))
    assert back.vcount() == graph.number_of_nodes() and back.ecount() == graph.number_of_edges()
    labels = dict(zip(back.vs["id"], back.vs["label"]))
    assert labels == {node: data["label"] for node, data in graph.nodes(data=True)}
    assert set(back.es["relation"]) <= RELATIONS
    assert all(w >= 1 for w in back.es["weight"])


def test_graphml_has_named_keys_unique_edge_ids_and_one_type_per_key(graph, tmp_path):
    path = tmp_path / "graph.graphml"
    with path.open("w", encoding="utf-8") as handle:
        write_graphml(graph, handle)
    root = ElementTree.parse(path).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = root.findall("g:key", ns)
    assert all(k.get("id") == k.get("attr.name") for k in keys)
    assert len({(k.get("for"), k.get("attr.name")) for k in keys}) == len(keys)
    edge_ids = [e.get("id") for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(edge_ids) == len(set(edge_ids)) == graph.number_of_edges()


def test_graphml_removes_xml_forbidden_characters():
    graph = nx.MultiDiGraph()
    graph.add_node("paper:1", type="paper", label="bad\x00\x0bchars\ud800", comments=["a\x1fb"])
    flat = graphml_graph(graph)
    text = "\n".join(nx.generate_graphml(flat, named_key_ids=True))
    ElementTree.fromstring(text)  # raises on invalid XML
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text)


def test_outputs_are_deterministic_for_any_file_order(corpus, tmp_path):
    files = sorted(corpus.iterdir())
    first, second = tmp_path / "a", tmp_path / "b"
    write_outputs(build(files).graph, first)
    write_outputs(build(list(reversed(files))).graph, second)
    for name in ("graph.json", "graph.graphml", "graph.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_failed_export_leaves_previous_outputs_intact(graph, tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_outputs(graph, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(nx, "generate_graphml", broken)
    with pytest.raises(RuntimeError):
        write_outputs(graph, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
