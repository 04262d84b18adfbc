"""Write the graph to disk: node-link JSON, GraphML, and the HTML map.

Every file is written to a temporary file in the output folder and renamed into place, so an
interrupted or failed build leaves the previous outputs intact.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import IO

import networkx as nx

from .errors import OutputError
from .files import atomic_write_all
from .html import render_html
from .style import NODE_STYLES

# Characters XML 1.0 forbids (control characters but tab/newline/CR, surrogates, U+FFFE/F).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
LIST_SEPARATOR = " | "


def write_json(graph: nx.MultiDiGraph, handle: IO[str]) -> None:
    """Node-link JSON (``networkx.node_link_data(G, edges="edges")``); lists stay lists."""
    json.dump(nx.node_link_data(graph, edges="edges"), handle, ensure_ascii=False, indent=1)


def _flat(value: object) -> str | int | float | bool:
    """One GraphML value: lists joined into one string, None as an empty string, text XML-safe."""
    if isinstance(value, bool | int | float):
        return value
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(
            f"{item['short']}={item['long']}" if isinstance(item, dict) else str(item) for item in value
        )
    return _XML_FORBIDDEN.sub(" ", str(value))


def graphml_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` that every GraphML reader takes: flat typed attributes, colours
    (``r``, ``g``, ``b``), a numeric edge ``weight`` and unique edge ids (``e0``, ``e1``...)."""
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attributes = {name: _flat(value) for name, value in data.items()}
        style = NODE_STYLES[data["type"]]
        attributes.update(zip("rgb", style.rgb))
        flat.add_node(_XML_FORBIDDEN.sub(" ", node), **attributes)
    for index, (source, target, data) in enumerate(graph.edges(data=True)):
        attributes = {name: _flat(value) for name, value in data.items()}
        attributes["weight"] = float(data.get("mentions", 1))
        # the key becomes the GraphML edge id, which must be unique in the whole file
        flat.add_edge(_XML_FORBIDDEN.sub(" ", source), _XML_FORBIDDEN.sub(" ", target), key=f"e{index}",
                      **attributes)
    return flat


def write_graphml(graph: nx.MultiDiGraph, handle: IO[str]) -> None:
    """GraphML with named key ids, readable by networkx, igraph, Gephi and Cytoscape; streamed."""
    for line in nx.generate_graphml(graphml_graph(graph), named_key_ids=True):
        handle.write(line + "\n")


def write_outputs(graph: nx.MultiDiGraph, out_dir: Path, *, html_max_nodes: int | None = None) -> list[Path]:
    """Write graph.json, graph.graphml and graph.html into ``out_dir``; return their paths.

    All three are written before any replaces an old one, so a failure leaves the previous set whole.
    """
    out_dir = Path(out_dir)
    page = render_html(graph, max_nodes=html_max_nodes)
    files = {out_dir / "graph.json": lambda f: write_json(graph, f),
             out_dir / "graph.graphml": lambda f: write_graphml(graph, f),
             out_dir / "graph.html": lambda f: f.write(page)}
    try:
        atomic_write_all(files)
    except OSError as error:
        raise OutputError(f"cannot write to {out_dir}: {error.strerror or error}; "
                          "choose another folder with --out") from error
    return list(files)
