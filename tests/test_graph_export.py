"""Graph schema and every export, round-tripped through real readers."""

import csv
import gc
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from xml.etree import ElementTree
from xml.sax import saxutils

import igraph
import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import export
from kg.errors import OutputError
from kg.export import paused_gc, write_gexf, write_graphml, write_json, write_outputs
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
    handle = io.StringIO()
    write_graphml(graph, handle)
    text = handle.getvalue()
    ElementTree.fromstring(text)  # raises on invalid XML
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text)


def test_outputs_are_deterministic_for_any_file_order(corpus, tmp_path):
    files = sorted(corpus.iterdir())
    first, second = tmp_path / "a", tmp_path / "b"
    write_outputs(build(files).graph, first)
    write_outputs(build(list(reversed(files))).graph, second)
    for name in ("graph.json", "graph.graphml", "graph.gexf", "graph.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_failed_export_leaves_previous_outputs_intact(graph, tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_outputs(graph, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setitem(export._STREAMED, "graph.graphml", broken)
    with pytest.raises(RuntimeError):
        write_outputs(graph, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_igraph_reads_the_graphml_edge_ids(graph, tmp_path):
    # regression: python-igraph 1.0.0 read each edge id as its source node id
    path = tmp_path / "graph.graphml"
    with path.open("w", encoding="utf-8") as handle:
        write_graphml(graph, handle)
    back = igraph.Graph.Read_GraphML(str(path))
    numbers = Counter()
    expected = []
    for source, *_ in graph.edges:  # each edge is numbered among its source's edges
        expected.append(f"{source}#{numbers[source]}")
        numbers[source] += 1
    assert back.es["id"] == expected and len(set(expected)) == graph.number_of_edges()
    assert back.es["mentions"] == [float(d["mentions"]) for *_, d in graph.edges(data=True)]


def _tiny_graph():
    graph = nx.MultiDiGraph()
    graph.add_node("paper:1", type="paper", label="P", score=1, note=None)
    graph.add_node("method:moe", type="method", label="MoE", aliases=["MoE", "mixture of experts"], paper_count=3,
                   score="high", ratio=float("nan"))
    graph.add_edge("paper:1", "method:moe", key="uses", relation="uses", evidence=["s1", "s2"], mentions=2,
                   label="edge label")
    return graph


def test_graphml_keeps_one_type_per_key_and_leaves_out_non_finite_numbers(tmp_path):
    handle = io.StringIO()
    write_graphml(_tiny_graph(), handle)
    text = handle.getvalue()
    assert "nan" not in text.lower().replace("long_form", "")
    root = ElementTree.fromstring(text)
    keys = {(k.get("for"), k.get("attr.name")): (k.get("id"), k.get("attr.type")) for k in root.iter(
        "{http://graphml.graphdrawing.org/xmlns}key")}
    assert keys[("node", "score")] == ("score", "string")  # an int in one node, a string in another
    assert keys[("node", "paper_count")] == ("paper_count", "long")
    assert keys[("edge", "weight")] == ("weight", "double")
    assert keys[("edge", "label")] == ("edge_label", "string")  # ids unique across nodes and edges
    back = nx.read_graphml(io.BytesIO(text.encode()), force_multigraph=True)
    assert back.nodes["paper:1"]["score"] == "1" and back.nodes["method:moe"]["paper_count"] == 3
    assert back.nodes["paper:1"]["note"] == "" and "ratio" not in back.nodes["method:moe"]
    assert back.edges["paper:1", "method:moe", "paper:1#0"]["evidence"] == "s1 | s2"


def test_gexf_reads_back_with_networkx_with_viz_colours_and_sizes(graph, tmp_path):
    path = tmp_path / "graph.gexf"
    with path.open("w", encoding="utf-8") as handle:
        write_gexf(graph, handle)
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    for node, data in graph.nodes(data=True):
        got = back.nodes[node]
        assert got["label"] == data["label"] and got["type"] == data["type"]
        colour = got["viz"]["color"]
        assert (colour["r"], colour["g"], colour["b"]) == (got["r"], got["g"], got["b"])
        assert got["viz"]["size"] >= 16
    moe = next(n for n, d in graph.nodes(data=True) if d.get("acronym") == "MoE")
    assert back.nodes[moe]["paper_count"] == graph.nodes[moe]["paper_count"]
    for source, target, data in graph.edges(data=True):
        edge = back.edges[source, target]
        assert edge["label"] == data["relation"] and edge["weight"] == float(data["mentions"])


def test_gexf_declares_viz_shapes_by_type(graph, tmp_path):
    handle = io.StringIO()
    write_gexf(graph, handle)
    root = ElementTree.fromstring(handle.getvalue())
    viz = "{http://www.gexf.net/1.2draft/viz}"
    shapes = {n.get("id").split(":")[0]: n.find(f"{viz}shape").get("value")
              for n in root.iter("{http://www.gexf.net/1.2draft}node")}
    assert shapes == {"paper": "disc", "method": "diamond", "dataset": "square", "task": "triangle", "metric": "disc"}


def test_csv_export_has_a_row_per_node_and_edge(graph, tmp_path):
    paths = write_outputs(graph, tmp_path, formats=["csv"])
    assert [p.name for p in paths] == ["nodes.csv", "edges.csv"]
    with (tmp_path / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with (tmp_path / "edges.csv").open(encoding="utf-8", newline="") as handle:
        edges = list(csv.DictReader(handle))
    assert [row["id"] for row in nodes] == list(graph.nodes)
    assert len(edges) == graph.number_of_edges()
    assert {(row["source"], row["target"], row["relation"]) for row in edges} == set(graph.edges(keys=True))
    moe = next(row for row in nodes if row["acronym"] == "MoE")
    assert "MoE" in moe["aliases"].split(" | ")


def test_json_is_networkx_node_link_data(graph):
    handle = io.StringIO()
    write_json(graph, handle)
    assert json.loads(handle.getvalue()) == nx.node_link_data(graph, edges="edges")


def test_default_outputs_and_unknown_format(graph, tmp_path):
    paths = write_outputs(graph, tmp_path)
    assert sorted(p.name for p in paths) == ["graph.gexf", "graph.graphml", "graph.html", "graph.json"]
    with pytest.raises(OutputError, match="unknown output format 'svg'; choose from json, graphml"):
        write_outputs(graph, tmp_path / "x", formats=["svg"])
    assert not (tmp_path / "x").exists()


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("ab&<>\"'\n\r\t ]")))
def test_quoting_is_that_of_saxutils(text):
    assert export._escape(text) == saxutils.escape(text)
    assert export._quote(text) == saxutils.quoteattr(text)


def attribute_types(rows):
    """The reference: the one type of each name across flat rows, ``str`` if it has two."""
    types = {}
    for row in rows:
        for name, value in row.items():
            if types.setdefault(name, type(value)) is not type(value):
                types[name] = str
    return types


def test_flat_types_are_those_of_the_flat_rows(graph):
    graph.add_node("method:odd", type="method", label="odd", paper_count=1.5, weight=float("nan"), extra=None)
    rows = [{**export._flat_row(d), "r": 0, "g": 0, "b": 0} for _, d in graph.nodes(data=True)]
    assert export.FlatGraph(graph).node_types == attribute_types(rows)
    edges = [{**export._flat_row(d), "weight": 1.0} for *_, d in graph.edges(data=True)]
    assert export.FlatGraph(graph).edge_types == attribute_types(edges)


def test_html_default_view_is_the_same_under_any_hash_seed(tmp_path):
    """Regression: networkx's subgraph of a small part iterated a set, so the nodes of the
    HTML map of a large graph came in a different order in each run."""
    script = (
        "import hashlib, networkx as nx\n"
        "from kg.html import render_html\n"
        "g = nx.MultiDiGraph()\n"
        "for i in range(60):\n"
        "    g.add_node(f'paper:{i}', type='paper', label=f'p{i}')\n"
        "    g.add_node(f'method:m{i % 7}', type='method', label=f'm{i % 7}', aliases=[], paper_count=1)\n"
        "    g.add_edge(f'paper:{i}', f'method:m{i % 7}', key='uses', relation='uses', evidence=['s'])\n"
        "print(hashlib.sha1(render_html(g, max_nodes=20).encode()).hexdigest())\n"
    )
    pages = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(pages) == 1


def test_paused_gc_restores_the_collector_and_freezes_what_it_made():
    gc.enable()
    with paused_gc():
        assert not gc.isenabled()
        kept = [[index] for index in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() >= len(kept)
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()  # a collector that was off stays off
    gc.enable()


# Rewriting from the previous files: what write_outputs copies must be what it would write anew.

def _outputs(graph, out, **options):
    paths = write_outputs(graph, out, formats=["json", "graphml", "gexf", "csv"], **options)
    return {p.name: p.read_bytes() for p in paths}


def _grown(graph):
    """``graph`` with one more paper citing an old entity, and a changed entity."""
    grown = graph.copy()
    grown.add_node("paper:new", type="paper", label="New", abstract="We use MoE & <CLIP>.")
    moe = next(n for n, d in graph.nodes(data=True) if d.get("acronym") == "MoE")
    grown.add_edge("paper:new", moe, key="uses", relation="uses", evidence=["We use MoE & <CLIP>."], mentions=1)
    grown.nodes[moe]["paper_count"] += 1
    return grown, moe


@pytest.mark.parametrize("change", ["grown", "same", "retyped", "shrunk"])
def test_rewrite_with_the_cache_gives_the_bytes_of_a_fresh_write(graph, tmp_path, monkeypatch, change):
    monkeypatch.setattr(export, "_RENDER_BATCH", 3)  # batches of items written anew end anywhere
    cache = tmp_path / "out" / ".cache.sqlite"
    _outputs(graph, tmp_path / "out", cache=cache)
    if change == "grown":
        new, changed = _grown(graph)
        changed = {"paper:new", changed}
    elif change == "same":
        new, changed = graph, set()
    elif change == "retyped":  # a new attribute key: every GraphML and GEXF node is written anew
        new = graph.copy()
        new.nodes[next(n for n, d in graph.nodes(data=True) if d["type"] == "method")]["score"] = 0.5
        changed = set(new)
    else:
        new = graph.copy()
        new.remove_node(next(n for n, d in graph.nodes(data=True) if d["type"] == "method"))
        changed = set()
    made = []
    flat_node = export._flat_node
    monkeypatch.setattr(export, "_flat_node", lambda node, data: made.append(node) or flat_node(node, data))
    write_outputs(new, tmp_path / "out", formats=["graphml", "gexf"], cache=cache)
    monkeypatch.setattr(export, "_flat_node", flat_node)
    assert sorted(made) == sorted(changed)  # flattened once for both files, and only where not copied
    assert _outputs(new, tmp_path / "out", cache=cache) == _outputs(new, tmp_path / "fresh")


def test_rewrite_copies_the_edges_after_a_new_one_even_in_files_that_number_edges(graph, tmp_path, monkeypatch):
    # regression: GraphML and GEXF edge ids were numbered in file order, so one edge added near
    # the start made every later edge's text differ and be written anew
    cache = tmp_path / "out" / ".cache.sqlite"
    _outputs(graph, tmp_path / "out", cache=cache)
    grown = graph.copy()
    first_paper = min(n for n, d in graph.nodes(data=True) if d["type"] == "paper")
    target = next(n for n, d in graph.nodes(data=True) if d["type"] == "dataset")
    grown.add_edge(first_paper, target, key="proposes", relation="proposes", evidence=["We release it."], mentions=1)
    made = []
    flat_edge = export._flat_edge
    monkeypatch.setattr(export, "_flat_edge", lambda *edge: made.append(edge[:2]) or flat_edge(*edge))
    monkeypatch.setattr(export, "_COPY_BYTES", 7)  # runs copied a few bytes at a time give the same bytes
    write_outputs(grown, tmp_path / "out", formats=["json", "graphml", "gexf"], cache=cache)
    assert made == [(first_paper, target)]  # once for both files, and only the new edge
    monkeypatch.setattr(export, "_flat_edge", flat_edge)
    assert _outputs(grown, tmp_path / "out", cache=cache) == _outputs(grown, tmp_path / "fresh")


@pytest.mark.parametrize("damage", ["edited", "deleted", "index"])
def test_rewrite_after_the_previous_file_changed_writes_it_anew(graph, tmp_path, damage):
    out, cache = tmp_path / "out", tmp_path / "out" / ".cache.sqlite"
    _outputs(graph, out, cache=cache)
    if damage == "edited":  # a user's edit changes the bytes the index points into
        text = (out / "graph.graphml").read_text(encoding="utf-8")
        (out / "graph.graphml").write_text(text.replace("<node ", "<node  ", 1), encoding="utf-8")
    elif damage == "deleted":
        (out / "graph.json").unlink()
    else:
        import sqlite3
        with sqlite3.connect(cache) as db:
            db.execute("UPDATE export_index SET offsets = x'00'")
    grown, _ = _grown(graph)
    assert _outputs(grown, out, cache=cache) == _outputs(grown, tmp_path / "fresh")


def test_unreadable_cache_file_only_costs_the_copying(graph, tmp_path):
    cache = tmp_path / "out" / ".cache.sqlite"
    cache.parent.mkdir()
    cache.write_bytes(b"not a database" * 50)
    assert _outputs(graph, tmp_path / "out", cache=cache) == _outputs(graph, tmp_path / "fresh")
