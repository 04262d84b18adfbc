"""The interactive HTML map: one self-contained file that works offline.

pyvis assembles the vis-network nodes, edges and options; kg renders them with its own template
(``kg/data/graph_page.html``) that inlines the vis-network script and style pyvis ships, so the
page makes no network request. All text from the input reaches the page as JSON data and is
put on screen with ``textContent``/``innerText`` only, never as HTML.
"""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Template
from pyvis.network import Network

from .errors import KgError
from .style import NODE_STYLES, RELATION_COLOURS, node_size

DEFAULT_MAX_NODES = 1500
_VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
_RANDOM_SEED = 7


def label_size(node_type: str, paper_count: int) -> int:
    """Font size of a node's label: papers and entities shared by several papers are large
    enough to read when the whole graph fits the screen; the labels of one-paper entities are
    drawn once one zooms in (see ``drawThreshold``).

    >>> label_size("paper", 1), label_size("method", 1), label_size("method", 5)
    (28, 14, 30)
    """
    if node_type == "paper":
        return 28
    return min(36, round(14 + 8 * math.sqrt(paper_count - 1)))


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element: no "</script>", "<!--" or line separators can appear."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def most_connected(graph: nx.MultiDiGraph, max_nodes: int) -> nx.MultiDiGraph:
    """The subgraph of the ``max_nodes`` highest-degree nodes (ties by id), without isolated
    nodes, its nodes and edges in the order of ``graph``."""
    if graph.number_of_nodes() <= max_nodes:
        return graph
    degrees = dict(graph.degree())
    kept = set(sorted(degrees, key=lambda n: (-degrees[n], n))[:max_nodes])
    # built by hand: networkx's subgraph of a small part iterates the set of its nodes, in
    # an order that changes with the string hash seed from one run to the next
    order = [n for n in graph if n in kept]
    edges = [(u, v, k, d) for u, v, k, d in graph.out_edges(order, keys=True, data=True) if v in kept]
    linked = {n for u, v, _, _ in edges for n in (u, v)}
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in order if n in linked)
    sub.add_edges_from(edges)
    return sub


def _tooltip(data: dict) -> str:
    if data["type"] == "paper":
        parts = [data["label"], f"arXiv:{data['arxiv_id']}" if data.get("arxiv_id") else ""]
    else:
        parts = [f"{data['type']}: {data['label']}", f"aliases: {', '.join(data.get('aliases', []))}",
                 f"papers: {data.get('paper_count', 0)}"]
    return "\n".join(p for p in parts if p)


def page_network(graph: nx.MultiDiGraph) -> Network:
    """A pyvis Network of ``graph``: colour and shape by type, size by number of papers."""
    network = Network(directed=True, cdn_resources="remote")
    for node, data in graph.nodes(data=True):
        style = NODE_STYLES[data["type"]]
        papers = data.get("paper_count", 1)
        network.add_node(node, label=data["label"] if len(data["label"]) <= 40 else data["label"][:39] + "…",
                         title=_tooltip(data), color=style.colour, shape=style.shape, size=node_size(papers),
                         font={"size": label_size(data["type"], papers)}, kind=data["type"])
    for source, target, key in graph.edges(keys=True):
        network.add_edge(source, target, title=key.replace("_", " "), color=RELATION_COLOURS.get(key, "#999999"),
                         relation=key)
    return network


def _details(graph: nx.MultiDiGraph) -> dict[str, dict]:
    """What the side panel shows for each node."""
    details = {}
    for node, data in graph.nodes(data=True):
        if data["type"] == "paper":
            mentions = sorted({alias for _, entity in graph.out_edges(node)
                               for alias in graph.nodes[entity].get("aliases", [])}, key=lambda a: (-len(a), a))
            details[node] = {**data, "mentions": mentions}
        else:
            papers = [{"id": paper, "label": graph.nodes[paper]["label"], "relation": key,
                       "evidence": edge.get("evidence", [])}
                      for paper, _, key, edge in graph.in_edges(node, keys=True, data=True)]
            details[node] = {**data, "papers": sorted(papers, key=lambda p: p["id"])}
    return details


def render_html(graph: nx.MultiDiGraph, *, max_nodes: int | None = None, title: str = "kg knowledge graph") -> str:
    """The page for ``graph``; above ``max_nodes`` nodes only the most connected part is shown."""
    max_nodes = DEFAULT_MAX_NODES if max_nodes is None else max_nodes
    shown = most_connected(graph, max_nodes)
    network = page_network(shown)
    nodes, edges, *_ = network.get_network_data()
    options = {
        "layout": {"randomSeed": _RANDOM_SEED, "improvedLayout": shown.number_of_nodes() <= 300},
        "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 400, "fit": True},
                    "forceAtlas2Based": {"gravitationalConstant": -50, "springLength": 60, "centralGravity": 0.02}},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.4}}, "width": 1,
                  "smooth": {"type": "continuous"}},
        # labels under 9 px on screen are left out until one zooms in, so the default view
        # shows papers and shared entities legibly instead of a smear of small text
        "nodes": {"font": {"strokeWidth": 4, "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": 9}}},
    }
    counts = {t: sum(1 for _, d in graph.nodes(data=True) if d["type"] == t) for t in NODE_STYLES}
    template = Template((resources.files("kg") / "data" / "graph_page.html").read_text("utf-8"), autoescape=True)
    try:
        vis_css = (_VIS_DIR / "vis-network.css").read_text("utf-8")
        vis_js = (_VIS_DIR / "vis-network.min.js").read_text("utf-8")
    except OSError as error:
        raise KgError(f"the vis-network files pyvis ships are missing ({error.filename}); "
                      "reinstall pyvis 0.3.2 (pip install --force-reinstall pyvis==0.3.2)") from error
    return template.render(
        title=title,
        vis_css=vis_css,
        vis_js=vis_js,
        data_json=_script_json({
            "nodes": nodes, "edges": edges, "options": options, "details": _details(shown),
            "styles": {t: {"colour": s.colour, "shape": s.shape, "name": s.name} for t, s in NODE_STYLES.items()},
            "relations": RELATION_COLOURS, "counts": counts,
            "shown": shown.number_of_nodes(), "total": graph.number_of_nodes(),
        }),
    )
