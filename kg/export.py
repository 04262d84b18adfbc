"""Write the graph to disk: node-link JSON, GraphML, GEXF, CSV and the HTML map.

Every file is streamed into a temporary file in the output folder and renamed into place only
when all are complete (:func:`kg.files.atomic_write_all`), so an interrupted or failed build
leaves the previous outputs intact. The writers stream node by node instead of building a
document tree, so the full corpus graph is written in seconds and without a copy in memory.

GraphML and GEXF readers want flat, typed attributes: lists are joined with
:data:`LIST_SEPARATOR`, ``None`` becomes an empty string, every attribute has one type (a name
seen with two types is written as a string everywhere), and text is stripped of the characters
XML 1.0 forbids.
"""

from __future__ import annotations

import csv
import gc
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import IO

import networkx as nx

from .errors import OutputError
from .files import Writer, atomic_write_all
from .html import render_html
from .style import NODE_STYLES, RELATION_COLOURS, hex_rgb, node_size

# Characters XML 1.0 forbids (control characters but tab/newline/CR, surrogates, U+FFFE/F).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
LIST_SEPARATOR = " | "
FlatValue = str | int | float | bool
FlatRow = dict[str, FlatValue]



@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block without the cyclic garbage collector.

    The build's records are acyclic, so reference counting frees them all; but each collection
    of the oldest generation walks every live object, and with a few million of them these
    walks took more than half of resolution's and graph building's time on 10,000 abstracts.
    The objects still alive at the end are frozen (:func:`gc.freeze`) for the same reason. The
    build (:mod:`kg.pipeline`) and the export share it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Every object made in the block would otherwise be walked by the next collections (a
        # few seconds each on the full corpus); frozen, they are left to reference counting.
        gc.freeze()
        if was_enabled:
            gc.enable()


def write_json(graph: nx.MultiDiGraph | FlatGraph, handle: IO[str]) -> None:
    """Node-link JSON, as ``networkx.node_link_data(G, edges="edges")`` gives it; lists stay lists.

    One node or edge a line, each encoded by the C encoder (``json.dump`` with an indent runs
    in pure Python and takes minutes on a large graph).
    """
    graph = graph.graph if isinstance(graph, FlatGraph) else graph
    def write_items(name: str, items: Iterable[dict]) -> None:
        handle.write(f' "{name}": [')
        for index, item in enumerate(items):
            handle.write(("\n  " if index == 0 else ",\n  ") + json.dumps(item, ensure_ascii=False))
        handle.write("\n ]")

    handle.write('{\n "directed": true,\n "multigraph": true,\n "graph": ' +
                 json.dumps(graph.graph, ensure_ascii=False) + ",\n")
    write_items("nodes", ({**data, "id": node} for node, data in graph.nodes(data=True)))
    handle.write(",\n")
    write_items("edges", ({**data, "source": source, "target": target, "key": key}
                          for source, target, key, data in graph.edges(keys=True, data=True)))
    handle.write("\n}\n")


def _xml_text(text: str) -> str:
    return _XML_FORBIDDEN.sub(" ", text)


def _escape(text: str) -> str:
    """What ``xml.sax.saxutils.escape`` gives, without its per-call loop over extra entities
    (a tenth of the GraphML writer's time on a large graph)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def _quote(text: str) -> str:
    """What ``xml.sax.saxutils.quoteattr`` gives: an escaped attribute value in quotes.

    >>> print(_quote('a "b" <c>'), _quote("it's"), _quote("it's " + '"x"'))
    'a "b" &lt;c&gt;' "it's" "it's &quot;x&quot;"
    """
    text = _escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    return f"'{text}'" if "'" not in text else '"' + text.replace('"', "&quot;") + '"'


def _flat(value: object) -> FlatValue | None:
    """One GraphML/GEXF value: lists joined into one string, None as an empty string, text
    XML-safe; ``None`` (the value is left out) for NaN and infinities, which readers reject."""
    if type(value) is str:  # most values
        return _xml_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, bool | int | float):
        return value
    if value is None:
        return ""
    if type(value) is list and all(type(item) is str for item in value):  # most lists: texts
        return _xml_text(LIST_SEPARATOR.join(value))
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(
            f"{item['short']}={item['long']}" if isinstance(item, dict) else str(item) for item in value
        )
    return _xml_text(str(value))


def _flat_type(value: object) -> type | None:
    """The type of ``_flat(value)``, without building it; None where it is left out."""
    if type(value) is str:
        return str
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return type(value) if isinstance(value, bool | int | float) else str


def _flat_row(data: dict) -> FlatRow:
    return {name: flat for name, value in data.items() if (flat := _flat(value)) is not None}


_RGB = dict.fromkeys("rgb", int)  # the colour attributes flat_nodes adds
_WEIGHT = {"weight": float}  # and the one flat_edges adds


def flat_nodes(graph: nx.MultiDiGraph) -> Iterator[tuple[str, FlatRow]]:
    """Yield ``(node id, flat attributes)`` with integer ``r``, ``g``, ``b`` colours by type.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("method:moe", type="method", label="MoE", aliases=["MoE", "mixture of experts"])
    >>> next(flat_nodes(g))
    ('method:moe', {'type': 'method', 'label': 'MoE', 'aliases': 'MoE | mixture of experts', 'r': 230, 'g': 159, 'b': 0})
    """
    for node, data in graph.nodes(data=True):
        row = _flat_row(data)
        row.update(zip("rgb", NODE_STYLES[data["type"]].rgb))
        yield _xml_text(node), row


def flat_edges(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, FlatRow]]:
    """Yield ``(edge id, source, target, flat attributes)``: ids ``e0``, ``e1``... unique in the
    file, and a numeric ``weight`` (the number of mentions)."""
    for index, (source, target, data) in enumerate(graph.edges(data=True)):
        row = _flat_row(data)
        row["weight"] = float(data.get("mentions", 1))
        yield f"e{index}", _xml_text(source), _xml_text(target), row


def _flat_types(items: Iterable[dict], added: dict[str, type]) -> dict[str, type]:
    """The one type of each attribute name across the flat rows of ``items`` (each with the
    ``added`` attributes set), in first-seen order; a name seen with two types is ``str``
    (readers reject a key whose values change type). Worked out from the raw values: flattening
    every row only to learn its types doubled the time of the GraphML and GEXF writers.

    >>> _flat_types([{"a": 1, "b": ["x"]}, {"a": "2", "c": float("nan")}, {"c": 1.5}], {"w": float})
    {'a': <class 'str'>, 'b': <class 'str'>, 'w': <class 'float'>, 'c': <class 'float'>}
    """
    types: dict[str, type] = {}
    for data in items:
        for name, value in data.items():
            kind = added.get(name) or _flat_type(value)
            if kind is not None and types.setdefault(name, kind) is not kind:
                types[name] = str
        for name, kind in added.items():
            if types.setdefault(name, kind) is not kind:
                types[name] = str
    return types


class FlatGraph:
    """The flat rows of a graph's nodes and edges and their attribute types, each made once
    however many of GraphML, GEXF and CSV are written from them (making them took two thirds
    of each writer's time)."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph

    @cached_property
    def nodes(self) -> list[tuple[str, FlatRow]]:
        """What :func:`flat_nodes` yields."""
        return list(flat_nodes(self.graph))

    @cached_property
    def edges(self) -> list[tuple[str, str, str, FlatRow]]:
        """What :func:`flat_edges` yields."""
        return list(flat_edges(self.graph))

    @cached_property
    def node_types(self) -> dict[str, type]:
        return _flat_types((data for _, data in self.graph.nodes(data=True)), _RGB)

    @cached_property
    def edge_types(self) -> dict[str, type]:
        return _flat_types((data for *_, data in self.graph.edges(data=True)), _WEIGHT)


def _typed(value: FlatValue, kind: type) -> str:
    if kind is bool:
        return "true" if value else "false"
    return repr(value) if kind is float else str(value)


_GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_GRAPHML_HEADER = ('<?xml version="1.0" encoding="utf-8"?>\n'
                   '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                   'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                   'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                   'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')


def _graphml_data(row: FlatRow, types: dict[str, type], tags: dict[str, str]) -> str:
    # only text needs escaping: a number or boolean written out has nothing to escape
    return "".join([tags[name] + (_escape(value) if type(value) is str else _typed(value, types[name])) + "</data>"
                    for name, value in row.items()])


def write_graphml(graph: nx.MultiDiGraph | FlatGraph, handle: IO[str]) -> None:
    """GraphML for networkx, igraph, Gephi, Cytoscape and yEd: keys named after their attribute
    (``named_key_ids``), ``label`` on every node, ``r``/``g``/``b`` colours, numeric edge
    ``weight``, unique edge ids, one type per key."""
    flat = graph if isinstance(graph, FlatGraph) else FlatGraph(graph)
    node_types, edge_types = flat.node_types, flat.edge_types
    # a key id is its attribute's name, unless a node attribute already has that name
    edge_ids = {name: (f"edge_{name}" if name in node_types else name) for name in edge_types}
    handle.write(_GRAPHML_HEADER)
    for domain, types, ids in (("node", node_types, {n: n for n in node_types}), ("edge", edge_types, edge_ids)):
        for name, kind in types.items():
            handle.write(f'  <key id={_quote(ids[name])} for="{domain}" attr.name={_quote(name)} '
                         f'attr.type="{_GRAPHML_TYPES[kind]}"/>\n')
    handle.write('  <graph edgedefault="directed">\n')
    node_tags = {name: f"<data key={_quote(name)}>" for name in node_types}
    edge_tags = {name: f"<data key={_quote(edge_ids[name])}>" for name in edge_types}
    write = handle.write
    for node, row in flat.nodes:
        write(f"    <node id={_quote(node)}>{_graphml_data(row, node_types, node_tags)}</node>\n")
    for edge, source, target, row in flat.edges:
        write(f'    <edge id="{edge}" source={_quote(source)} target={_quote(target)}>'
              f"{_graphml_data(row, edge_types, edge_tags)}</edge>\n")
    handle.write("  </graph>\n</graphml>\n")


_GEXF_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_GEXF_HEADER = ('<?xml version="1.0" encoding="utf-8"?>\n'
                '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
                'version="1.2">\n  <meta><creator>kg</creator></meta>\n'
                '  <graph defaultedgetype="directed" mode="static">\n')
_GEXF_BUILT_IN = {"label", "weight"}  # GEXF has its own XML attributes for these


def _viz_colour(colour: str) -> str:
    r, g, b = hex_rgb(colour)
    return f'<viz:color r="{r}" g="{g}" b="{b}" a="1.0"/>'


def _gexf_attvalues(row: FlatRow, types: dict[str, type], tags: dict[str, str]) -> str:
    values = "".join([tags[name] + _quote(value if type(value) is str else _typed(value, types[name])) + "/>"
                      for name, value in row.items() if name in types])
    return f"<attvalues>{values}</attvalues>" if values else ""


def write_gexf(graph: nx.MultiDiGraph | FlatGraph, handle: IO[str]) -> None:
    """GEXF 1.2 (Gephi's own format): nodes with viz colour, size and shape by type, edges
    labelled and coloured by relation, with their weight; other attributes as typed attvalues."""
    flat = graph if isinstance(graph, FlatGraph) else FlatGraph(graph)
    node_types = {n: t for n, t in flat.node_types.items() if n not in _GEXF_BUILT_IN}
    edge_types = {n: t for n, t in flat.edge_types.items() if n not in _GEXF_BUILT_IN}
    handle.write(_GEXF_HEADER)
    for domain, types in (("node", node_types), ("edge", edge_types)):
        handle.write(f'    <attributes class="{domain}">\n')
        for name, kind in types.items():
            handle.write(f'      <attribute id={_quote(name)} title={_quote(name)} type="{_GEXF_TYPES[kind]}"/>\n')
        handle.write("    </attributes>\n")
    node_tags = {name: f"<attvalue for={_quote(name)} value=" for name in node_types}
    edge_tags = {name: f"<attvalue for={_quote(name)} value=" for name in edge_types}
    # the viz elements of each node type and relation, made once
    node_viz = {kind: (_viz_colour(style.colour), f'<viz:shape value="{style.gexf_shape}"/>')
                for kind, style in NODE_STYLES.items()}
    edge_viz: dict[str, str] = {}
    write = handle.write
    handle.write("    <nodes>\n")
    for node, row in flat.nodes:
        colour, shape = node_viz[str(row["type"])]
        write(f"      <node id={_quote(node)} label={_quote(str(row.get('label', node)))}>"
              f"{_gexf_attvalues(row, node_types, node_tags)}{colour}"
              f"<viz:size value=\"{node_size(int(row.get('paper_count', 1)))}\"/>{shape}</node>\n")
    handle.write("    </nodes>\n    <edges>\n")
    for edge, source, target, row in flat.edges:
        relation = str(row.get("relation", ""))
        if relation not in edge_viz:
            edge_viz[relation] = _viz_colour(RELATION_COLOURS.get(relation, "#999999"))
        write(f'      <edge id="{edge}" source={_quote(source)} target={_quote(target)} '
              f"label={_quote(relation)} weight=\"{row['weight']!r}\">{_gexf_attvalues(row, edge_types, edge_tags)}"
              f"{edge_viz[relation]}</edge>\n")
    handle.write("    </edges>\n  </graph>\n</gexf>\n")


def _write_csv(rows: Iterable[FlatRow], columns: list[str], handle: IO[str]) -> None:
    writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def write_nodes_csv(graph: nx.MultiDiGraph | FlatGraph, handle: IO[str]) -> None:
    """``nodes.csv``: one row a node, an ``id`` column then every attribute (lists joined with
    :data:`LIST_SEPARATOR`), for Neo4j ``LOAD CSV``, spreadsheets and pandas."""
    flat = graph if isinstance(graph, FlatGraph) else FlatGraph(graph)
    _write_csv(({"id": node, **row} for node, row in flat.nodes), ["id", *flat.node_types], handle)


def write_edges_csv(graph: nx.MultiDiGraph | FlatGraph, handle: IO[str]) -> None:
    """``edges.csv``: one row an edge, ``id``, ``source``, ``target`` then its attributes."""
    flat = graph if isinstance(graph, FlatGraph) else FlatGraph(graph)
    _write_csv(({"id": edge, "source": source, "target": target, **row} for edge, source, target, row in flat.edges),
               ["id", "source", "target", *flat.edge_types], handle)


FORMATS: dict[str, tuple[str, ...]] = {
    "json": ("graph.json",), "graphml": ("graph.graphml",), "gexf": ("graph.gexf",), "html": ("graph.html",),
    "csv": ("nodes.csv", "edges.csv"),
}
DEFAULT_FORMATS = ("json", "graphml", "gexf", "html")


_STREAMED: dict[str, Callable[[FlatGraph, IO[str]], None]] = {
    "graph.json": write_json, "graph.graphml": write_graphml, "graph.gexf": write_gexf,
    "nodes.csv": write_nodes_csv, "edges.csv": write_edges_csv,
}


def _writers(graph: nx.MultiDiGraph, formats: Iterable[str], html_max_nodes: int | None) -> dict[str, Writer]:
    writers: dict[str, Writer] = {}
    flat = FlatGraph(graph)  # shared by the files written from flat rows
    for name in (name for fmt in formats for name in FORMATS[fmt]):
        if name == "graph.html":
            page = render_html(graph, max_nodes=html_max_nodes)  # rendered before any file is touched
            writers[name] = lambda handle, page=page: handle.write(page)
        else:
            writers[name] = lambda handle, write=_STREAMED[name]: write(flat, handle)
    return writers


def write_page(graph: nx.MultiDiGraph, path: Path, *, title: str, max_nodes: int | None = None) -> Path:
    """Write the HTML map of ``graph`` alone to ``path`` (``kg view``); return ``path``."""
    page = render_html(graph, max_nodes=max_nodes, title=title)
    _write_files({Path(path): lambda handle: handle.write(page)}, f"cannot write {path}")
    return Path(path)


def _write_files(files: dict[Path, Writer], failure: str) -> None:
    """:func:`atomic_write_all`, with an OS error turned into an :class:`OutputError` that says
    what to do."""
    try:
        atomic_write_all(files)
    except OSError as error:
        raise OutputError(f"{failure}: {error.strerror or error}; choose another place with --out") from error


def write_outputs(graph: nx.MultiDiGraph, out_dir: Path, *, formats: Iterable[str] = DEFAULT_FORMATS,
                  html_max_nodes: int | None = None) -> list[Path]:
    """Write ``graph`` into ``out_dir`` in each of ``formats`` (keys of :data:`FORMATS`);
    return the paths written.

    All files are complete before any replaces an old one, so a failure leaves the previous set whole.
    """
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise OutputError(f"unknown output format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    with paused_gc():  # the shared flat rows and the HTML's ranking would be walked again and again
        files = {out_dir / name: writer for name, writer in _writers(graph, formats, html_max_nodes).items()}
        _write_files(files, f"cannot write to {out_dir}")
    return list(files)
