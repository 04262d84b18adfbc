"""Write the graph to disk: node-link JSON, GraphML, GEXF, CSV and the HTML map.

Every file is streamed into a temporary file in the output folder and renamed into place only
when all are complete (:func:`kg.files.atomic_write_all`), so an interrupted or failed build
leaves the previous outputs intact. The writers stream node by node instead of building a
document tree, so a large graph is written without a copy in memory.

A rebuild copies from the files it replaces: :func:`write_outputs` keeps, in the build cache,
where the text of each node and edge is in each JSON, GraphML and GEXF file it writes
(:class:`FileIndex`), and the next write copies the text of every node and edge that has not
changed instead of making it again: each run of unchanged ones in one copy, made by the kernel
where the system can. The bytes are those a fresh write gives; no text depends on its place in
the file (edge ids are numbered per paper, not per file).

GraphML and GEXF readers want flat, typed attributes: lists are joined with
:data:`LIST_SEPARATOR`, ``None`` becomes an empty string, every attribute has one type (a name
seen with two types is written as a string everywhere), and text is stripped of the characters
XML 1.0 forbids.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import io
import json
import math
import os
import pickle
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import IO

import networkx as nx
import numpy as np

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


@dataclass(frozen=True, slots=True)
class _Layout:
    """A file format as a head, the text of each node, a middle, the text of each edge and a tail.

    A separator goes between two nodes and between two edges (``separators``: the one before the
    first and the one before each other; the same for nodes and edges) and is not part of their
    text. A node's or edge's text depends only on that node or edge (see
    :attr:`FlatGraph.digests`) and on ``context`` (the attribute types), never on its place in
    the file, so a later build can copy it, and whole runs of unchanged ones, from this file.
    """

    head: str
    node: Callable[[int], str]
    middle: str
    edge: Callable[[int], str]
    tail: str
    context: str
    separators: tuple[bytes, bytes] = (b"", b"")


@dataclass(frozen=True, slots=True)
class FileIndex:
    """Where the text of each node and edge is in a file written by :func:`write_outputs`, by
    :attr:`FlatGraph.digests`, so that the next build copies the unchanged ones from it.

    Valid only for the file as it was written (``size`` and ``mtime_ns``) and for the same
    ``context`` (kg's export code and the attribute types).
    """

    context: str
    size: int
    mtime_ns: int
    digests: bytes  # _DIGEST_BYTES each, nodes then edges, in file order
    offsets: bytes  # of _OFFSET
    lengths: bytes


@dataclass(frozen=True, slots=True)
class _Placed:
    """What :func:`_write_layout` wrote: the context and each node's and edge's place."""

    context: str
    offsets: np.ndarray  # of _OFFSET
    lengths: np.ndarray


def _byte_writer(handle: IO[str]) -> Callable[[bytes], int]:
    """Write UTF-8 bytes through a text handle: to its binary buffer if it has one (a file),
    else decoded (``io.StringIO``). Returns the function, which returns the bytes written."""
    buffer = getattr(handle, "buffer", None)
    if buffer is not None:
        handle.flush()
        return buffer.write

    def write(data: bytes) -> int:
        handle.write(data.decode("utf-8"))
        return len(data)
    return write


def _context(layout: _Layout) -> str:
    return hashlib.blake2b((_code_version() + layout.context).encode(), digest_size=_DIGEST_BYTES).hexdigest()


def _code_version() -> str:
    """A hash of the code that turns a node or edge into text."""
    here = Path(__file__).parent
    return hashlib.blake2b(b"".join((here / name).read_bytes() for name in ("export.py", "style.py")),
                           digest_size=_DIGEST_BYTES).hexdigest()


class _Previous:
    """The file a write replaces, open, with the context, offsets and lengths of its
    :class:`FileIndex`, and where in it each node and edge of the new graph is: ``where[i]`` is
    the old file's index of the new graph's item ``i`` (nodes, then edges, as in
    :attr:`FlatGraph.digests`), -1 where it has none."""

    def __init__(self, handle: IO[bytes], context: str, offsets: np.ndarray, lengths: np.ndarray, where: np.ndarray):
        self._fd = handle.fileno()
        self._in_kernel = hasattr(os, "copy_file_range")
        self.context, self.offsets, self.lengths, self.where = context, offsets, lengths, where

    def copy(self, start: int, end: int, write: Callable[[bytes], int], target: IO[bytes] | None) -> None:
        """Write the old file's bytes ``[start, end)``: by the kernel into ``target`` (the binary
        file under the new file's text handle, if it is one) where the system can, five times
        faster; else through ``write``, at most :data:`_COPY_BYTES` in memory at a time. (A memory
        map would count every page read in the build's resident memory: 1.6 GB more on the full
        corpus.)"""
        if target is not None and self._in_kernel:
            try:
                target.flush()
                while start < end:
                    copied = os.copy_file_range(self._fd, target.fileno(), end - start, start)
                    if not copied:
                        break  # the file was cut short under us: the reads below say so
                    start += copied
            except OSError:  # not between these files (another file system, a pipe...)
                self._in_kernel = False
        while start < end:
            data = os.pread(self._fd, min(end - start, _COPY_BYTES), start)
            if not data:
                raise OSError(f"the previous output changed while it was copied, at byte {start}")
            start += write(data)


def _old_places(index: FileIndex, digests: list[bytes], found: dict[bytes, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The offsets and lengths in the file ``index`` describes, and where each of ``digests``
    is in it (see :class:`_Previous`); None if the index does not fit the file. ``found``
    keeps the places by the old digests: the files written together share them."""
    if len(index.offsets) % _OFFSET.itemsize or len(index.lengths) % _OFFSET.itemsize:
        return None
    offsets, lengths = np.frombuffer(index.offsets, _OFFSET), np.frombuffer(index.lengths, _OFFSET)
    if (not len(index.digests) == _DIGEST_BYTES * len(offsets) == _DIGEST_BYTES * len(lengths)
            or (offsets + lengths > index.size).any()):
        return None
    if index.digests not in found:
        old = {index.digests[i * _DIGEST_BYTES:(i + 1) * _DIGEST_BYTES]: i for i in range(len(offsets))}
        found[index.digests] = np.array([old.get(digest, -1) for digest in digests], np.int64)
    return offsets, lengths, found[index.digests]


def _runs(where: np.ndarray) -> Iterator[tuple[int, int, int]]:
    """The items of one part of a file in runs, as ``(index, old index, length)``: each run of
    items not in the old file (``where`` -1) as ``(index, -1, length)``, and each run of items
    that follow one another in the old file too. Found with array operations: a Python loop
    over every item took three seconds per build of the full corpus.

    >>> list(_runs(np.array([-1, 0, 1, 2, 7, -1, -1, 8])))
    [(0, -1, 1), (1, 0, 3), (4, 7, 1), (5, -1, 2), (7, 8, 1)]
    """
    if not len(where):
        return iter(())
    new = where < 0
    starts = np.ones(len(where), bool)
    starts[1:] = (new[1:] != new[:-1]) | (~new[1:] & (where[1:] != where[:-1] + 1))
    first = np.flatnonzero(starts)
    return zip(first.tolist(), where[first].tolist(), np.diff(first, append=len(where)).tolist())


_RENDER_BATCH = 4096  # items made into text, then written, at a time


def _write_layout(layout: _Layout, flat: FlatGraph, handle: IO[str], previous: _Previous | None = None) -> _Placed:
    """Write ``flat`` to ``handle`` in ``layout``, copying from ``previous`` (the file this one
    replaces) each run of nodes or edges that has not changed."""
    write = _byte_writer(handle)
    target = getattr(handle, "buffer", None)
    context = _context(layout)
    old = previous if previous is not None and previous.context == context else None
    parts: list[tuple[np.ndarray, np.ndarray]] = []  # the offsets and lengths of each run, in file order
    first_separator, separator = layout.separators

    def put_new(render: Callable[[int], str], index: int, end: int, position: int) -> int:
        """Write items ``index`` to ``end`` anew, a batch at a time: one write per batch, and
        their places found by array sums, not one call per item."""
        for start in range(index, end, _RENDER_BATCH):
            texts = [render(i).encode("utf-8") for i in range(start, min(start + _RENDER_BATCH, end))]
            lead = first_separator if start == 0 else separator
            lengths = np.fromiter(map(len, texts), np.int64, len(texts))
            before = np.cumsum(lengths + len(separator)) - lengths - len(separator)  # the items and separators before each
            parts.append(((position + len(lead) + before).astype(_OFFSET), lengths.astype(_OFFSET)))
            position += write(lead + separator.join(texts))
        return position

    def put(render: Callable[[int], str], count: int, first: int, position: int) -> int:
        where = old.where[first:first + count] if old is not None else np.full(count, -1, np.int64)
        for index, k, run in _runs(where):
            if k < 0:
                position = put_new(render, index, index + run, position)
                continue
            # copied: the items follow one another in the old file too, with the same separators
            # between them (each not the first of its part, there as here)
            position += write(first_separator if index == 0 else separator)
            start, end = int(old.offsets[k]), int(old.offsets[k + run - 1] + old.lengths[k + run - 1])
            old.copy(start, end, write, target)
            parts.append((old.offsets[k:k + run] - _OFFSET.type(start) + _OFFSET.type(position), old.lengths[k:k + run]))
            position += end - start
        return position

    nodes = len(flat.node_items)
    position = put(layout.node, nodes, 0, write(layout.head.encode()))
    put(layout.edge, len(flat.edge_items), nodes, position + write(layout.middle.encode()))
    write(layout.tail.encode())
    empty = np.zeros(0, _OFFSET)
    return _Placed(context, np.concatenate([empty, *(o for o, _ in parts)]), np.concatenate([empty, *(n for _, n in parts)]))


def _json_layout(flat: FlatGraph) -> _Layout:
    """Node-link JSON, as ``networkx.node_link_data(G, edges="edges")`` gives it, one node or edge
    a line, each encoded by the C encoder (``json.dump`` with an indent runs in pure Python and
    takes minutes on a large graph)."""
    def node(index: int) -> str:
        name, data = flat.node_items[index]
        return json.dumps({**data, "id": name}, ensure_ascii=False)

    def edge(index: int) -> str:
        source, target, key, data = flat.edge_items[index]
        return json.dumps({**data, "source": source, "target": target, "key": key}, ensure_ascii=False)

    head = ('{\n "directed": true,\n "multigraph": true,\n "graph": ' +
            json.dumps(flat.graph.graph, ensure_ascii=False) + ',\n "nodes": [')
    return _Layout(head, node, '\n ],\n "edges": [', edge, "\n ]\n}\n", "", (b"\n  ", b",\n  "))


def write_json(graph: nx.MultiDiGraph | FlatGraph, handle: IO[str]) -> None:
    """Node-link JSON, as ``networkx.node_link_data(G, edges="edges")`` gives it; lists stay lists."""
    flat = graph if isinstance(graph, FlatGraph) else FlatGraph(graph)
    _write_layout(_json_layout(flat), flat, handle)


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


_RGB = dict.fromkeys("rgb", int)  # the colour attributes _flat_node adds
_WEIGHT = {"weight": float}  # and the one _flat_edge adds


def _flat_node(node: str, data: dict) -> tuple[str, FlatRow]:
    """A node's XML-safe id and flat attributes, with integer ``r``, ``g``, ``b`` colours by type.

    >>> _flat_node("method:moe", {"type": "method", "label": "MoE", "aliases": ["MoE", "mixture of experts"]})
    ('method:moe', {'type': 'method', 'label': 'MoE', 'aliases': 'MoE | mixture of experts', 'r': 230, 'g': 159, 'b': 0})
    """
    row = _flat_row(data)
    row.update(zip("rgb", NODE_STYLES[data["type"]].rgb))
    return _xml_text(node), row


def _flat_edge(source: str, target: str, data: dict) -> tuple[str, str, FlatRow]:
    """An edge's XML-safe ends and flat attributes, with a numeric ``weight`` (its mentions)."""
    row = _flat_row(data)
    row["weight"] = float(data.get("mentions", 1))
    return _xml_text(source), _xml_text(target), row


def _flat_types(items: Iterable[dict], added: dict[str, type]) -> dict[str, type]:
    """The one type of each attribute name across the flat rows of ``items`` (each with the
    ``added`` attributes set), in first-seen order; a name seen with two types is ``str``
    (readers reject a key whose values change type). Worked out from the raw values: flattening
    every row only to learn its types doubled the time of the GraphML and GEXF writers.

    >>> _flat_types([{"a": 1, "b": ["x"]}, {"a": "2", "c": float("nan")}, {"c": 1.5}], {"w": float})
    {'a': <class 'str'>, 'b': <class 'str'>, 'w': <class 'float'>, 'c': <class 'float'>}
    """
    types: dict[str, type] = {}
    # rows alike in names and value types (nearly all, in a built graph) are looked at once;
    # only a float needs its value, since NaN and infinities are left out
    seen: set[tuple] = set()
    for data in items:
        shape = (tuple(data), tuple(map(type, data.values())))
        if float in shape[1]:
            shape += (tuple(n for n, v in data.items() if type(v) is float and not math.isfinite(v)),)
        if shape in seen:
            continue
        seen.add(shape)
        for name, value in data.items():
            kind = added.get(name) or _flat_type(value)
            if kind is not None and types.setdefault(name, kind) is not kind:
                types[name] = str
        for name, kind in added.items():
            if types.setdefault(name, kind) is not kind:
                types[name] = str
    return types


class FlatGraph:
    """A graph's nodes and edges in file order, with their flat rows, each made at most once
    however many of GraphML, GEXF and CSV are written from them (making them took two thirds
    of each writer's time), and made only for the nodes and edges a file does not copy from
    its previous version."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph
        self.node_items: list[tuple[str, dict]] = list(graph.nodes(data=True))
        self.edge_items: list[tuple[str, str, str, dict]] = list(graph.edges(keys=True, data=True))
        self._node_rows: list[tuple[str, FlatRow] | None] = [None] * len(self.node_items)
        self._edge_rows: list[tuple[str, str, FlatRow] | None] = [None] * len(self.edge_items)

    def node(self, index: int) -> tuple[str, FlatRow]:
        """The XML-safe id and flat row of node ``index`` (see :func:`_flat_node`)."""
        row = self._node_rows[index]
        if row is None:
            row = self._node_rows[index] = _flat_node(*self.node_items[index])
        return row

    def edge(self, index: int) -> tuple[str, str, FlatRow]:
        """The XML-safe source, target and flat row of edge ``index`` (see :func:`_flat_edge`)."""
        row = self._edge_rows[index]
        if row is None:
            source, target, _, data = self.edge_items[index]
            row = self._edge_rows[index] = _flat_edge(source, target, data)
        return row

    @cached_property
    def node_types(self) -> dict[str, type]:
        return _flat_types((data for _, data in self.node_items), _RGB)

    @cached_property
    def edge_types(self) -> dict[str, type]:
        return _flat_types((data for *_, data in self.edge_items), _WEIGHT)

    def edge_id(self, index: int) -> str:
        """The id of edge ``index`` in GraphML and GEXF: its source and its number among the
        source's edges ("paper:2409.03501#0"), unique, and unchanged by edges added elsewhere."""
        return f"{self.edge(index)[0]}#{self._edge_numbers[index]}"

    @cached_property
    def _edge_numbers(self) -> list[int]:
        seen: Counter = Counter()
        numbers = []
        for source, *_ in self.edge_items:
            numbers.append(seen[source])
            seen[source] += 1
        return numbers

    @cached_property
    def digests(self) -> list[bytes]:
        """A hash of each node (id and attributes), then of each edge (ends, key, attributes and
        number among its source's edges): a node or edge with the hash it had in the previous
        build has the same text in any file."""
        # Pickled without a memo (``fast``), so the bytes depend on the values alone, not on
        # which of them are one object: three times repr's speed. SHA-1, cut: twice blake2b's
        # speed here, and no adversary.
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=5)
        pickler.fast = True

        def digest(item: tuple) -> bytes:
            buffer.seek(0)
            buffer.truncate()
            pickler.dump(item)
            return hashlib.sha1(buffer.getbuffer()).digest()[:_DIGEST_BYTES]
        return [*map(digest, self.node_items), *map(digest, zip(self._edge_numbers, self.edge_items))]


_DIGEST_BYTES = 16
_OFFSET = np.dtype(np.uint64)  # offsets and lengths in a file
_COPY_BYTES = 1 << 23  # the most a copy from an old file holds in memory at once


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


def _graphml_layout(flat: FlatGraph) -> _Layout:
    """GraphML: keys named after their attribute, unique edge ids (:meth:`FlatGraph.edge_id`)."""
    node_types, edge_types = flat.node_types, flat.edge_types
    # a key id is its attribute's name, unless a node attribute already has that name
    edge_ids = {name: (f"edge_{name}" if name in node_types else name) for name in edge_types}
    keys = "".join(f'  <key id={_quote(ids[name])} for="{domain}" attr.name={_quote(name)} '
                   f'attr.type="{_GRAPHML_TYPES[kind]}"/>\n'
                   for domain, types, ids in (("node", node_types, {n: n for n in node_types}),
                                              ("edge", edge_types, edge_ids))
                   for name, kind in types.items())
    node_tags = {name: f"<data key={_quote(name)}>" for name in node_types}
    edge_tags = {name: f"<data key={_quote(edge_ids[name])}>" for name in edge_types}

    quote_id = lru_cache(maxsize=None)(_quote)  # an entity is the target of many edges

    def node(index: int) -> str:
        name, row = flat.node(index)
        return f"    <node id={quote_id(name)}>{_graphml_data(row, node_types, node_tags)}</node>\n"

    def edge(index: int) -> str:
        source, target, row = flat.edge(index)
        return (f"    <edge id={_quote(flat.edge_id(index))} source={quote_id(source)} target={quote_id(target)}>"
                f"{_graphml_data(row, edge_types, edge_tags)}</edge>\n")

    head = _GRAPHML_HEADER + keys + '  <graph edgedefault="directed">\n'
    return _Layout(head, node, "", edge, "  </graph>\n</graphml>\n", repr((node_types, edge_types)))


def write_graphml(graph: nx.MultiDiGraph | FlatGraph, handle: IO[str]) -> None:
    """GraphML for networkx, igraph, Gephi, Cytoscape and yEd: keys named after their attribute
    (``named_key_ids``), ``label`` on every node, ``r``/``g``/``b`` colours, numeric edge
    ``weight``, unique edge ids, one type per key."""
    flat = graph if isinstance(graph, FlatGraph) else FlatGraph(graph)
    _write_layout(_graphml_layout(flat), flat, handle)


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


def _gexf_layout(flat: FlatGraph) -> _Layout:
    """GEXF 1.2: viz colour, size and shape by node type; edges labelled and coloured by relation."""
    node_types = {n: t for n, t in flat.node_types.items() if n not in _GEXF_BUILT_IN}
    edge_types = {n: t for n, t in flat.edge_types.items() if n not in _GEXF_BUILT_IN}
    attributes = "".join(
        f'    <attributes class="{domain}">\n' +
        "".join(f'      <attribute id={_quote(name)} title={_quote(name)} type="{_GEXF_TYPES[kind]}"/>\n'
                for name, kind in types.items()) + "    </attributes>\n"
        for domain, types in (("node", node_types), ("edge", edge_types)))
    node_tags = {name: f"<attvalue for={_quote(name)} value=" for name in node_types}
    edge_tags = {name: f"<attvalue for={_quote(name)} value=" for name in edge_types}
    # the viz elements of each node type and relation, made once
    node_viz = {kind: (_viz_colour(style.colour), f'<viz:shape value="{style.gexf_shape}"/>')
                for kind, style in NODE_STYLES.items()}
    edge_viz: dict[str, str] = {}

    quote_id = lru_cache(maxsize=None)(_quote)  # an entity is the target of many edges

    def node(index: int) -> str:
        name, row = flat.node(index)
        colour, shape = node_viz[str(row["type"])]
        return (f"      <node id={quote_id(name)} label={_quote(str(row.get('label', name)))}>"
                f"{_gexf_attvalues(row, node_types, node_tags)}{colour}"
                f"<viz:size value=\"{node_size(int(row.get('paper_count', 1)))}\"/>{shape}</node>\n")

    def edge(index: int) -> str:
        source, target, row = flat.edge(index)
        relation = str(row.get("relation", ""))
        if relation not in edge_viz:
            edge_viz[relation] = _viz_colour(RELATION_COLOURS.get(relation, "#999999"))
        return (f"      <edge id={_quote(flat.edge_id(index))} source={quote_id(source)} target={quote_id(target)} "
                f"label={_quote(relation)} weight=\"{row['weight']!r}\">{_gexf_attvalues(row, edge_types, edge_tags)}"
                f"{edge_viz[relation]}</edge>\n")

    return _Layout(_GEXF_HEADER + attributes + "    <nodes>\n", node, "    </nodes>\n    <edges>\n",
                   edge, "    </edges>\n  </graph>\n</gexf>\n", repr((node_types, edge_types)))


def write_gexf(graph: nx.MultiDiGraph | FlatGraph, handle: IO[str]) -> None:
    """GEXF 1.2 (Gephi's own format): nodes with viz colour, size and shape by type, edges
    labelled and coloured by relation, with their weight; other attributes as typed attvalues."""
    flat = graph if isinstance(graph, FlatGraph) else FlatGraph(graph)
    _write_layout(_gexf_layout(flat), flat, handle)


def _write_csv(rows: Iterable[FlatRow], columns: list[str], handle: IO[str]) -> None:
    writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def write_nodes_csv(graph: nx.MultiDiGraph | FlatGraph, handle: IO[str]) -> None:
    """``nodes.csv``: one row a node, an ``id`` column then every attribute (lists joined with
    :data:`LIST_SEPARATOR`), for Neo4j ``LOAD CSV``, spreadsheets and pandas."""
    flat = graph if isinstance(graph, FlatGraph) else FlatGraph(graph)
    rows = ({"id": node, **row} for node, row in map(flat.node, range(len(flat.node_items))))
    _write_csv(rows, ["id", *flat.node_types], handle)


def write_edges_csv(graph: nx.MultiDiGraph | FlatGraph, handle: IO[str]) -> None:
    """``edges.csv``: one row an edge, ``id``, ``source``, ``target`` then its attributes."""
    flat = graph if isinstance(graph, FlatGraph) else FlatGraph(graph)
    rows = ({"id": f"e{index}", "source": source, "target": target, **row}
            for index, (source, target, row) in enumerate(map(flat.edge, range(len(flat.edge_items)))))
    _write_csv(rows,
               ["id", "source", "target", *flat.edge_types], handle)


FORMATS: dict[str, tuple[str, ...]] = {
    "json": ("graph.json",), "graphml": ("graph.graphml",), "gexf": ("graph.gexf",), "html": ("graph.html",),
    "csv": ("nodes.csv", "edges.csv"),
}
DEFAULT_FORMATS = ("json", "graphml", "gexf", "html")


def _streamed(make_layout: Callable[[FlatGraph], _Layout]) -> Callable[..., _Placed]:
    def write(flat: FlatGraph, handle: IO[str], previous: _Previous | None = None) -> _Placed:
        return _write_layout(make_layout(flat), flat, handle, previous)
    return write


def _csv(write_csv: Callable[[FlatGraph, IO[str]], None]) -> Callable[..., None]:
    def write(flat: FlatGraph, handle: IO[str], previous: object = None) -> None:
        write_csv(flat, handle)
    return write


# what writes each file from the flat graph, copying from the previous file where it can
_STREAMED: dict[str, Callable[..., _Placed | None]] = {
    "graph.json": _streamed(_json_layout), "graph.graphml": _streamed(_graphml_layout),
    "graph.gexf": _streamed(_gexf_layout), "nodes.csv": _csv(write_nodes_csv), "edges.csv": _csv(write_edges_csv),
}


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
                  html_max_nodes: int | None = None, cache: Path | None = None) -> list[Path]:
    """Write ``graph`` into ``out_dir`` in each of ``formats`` (keys of :data:`FORMATS`);
    return the paths written.

    All files are complete before any replaces an old one, so a failure leaves the previous set whole.
    ``cache`` is the build's cache file (:mod:`kg.cache`): there the place of every node and
    edge in each JSON, GraphML and GEXF file is kept (:class:`FileIndex`), and the next write
    copies from the previous file each node and edge that has not changed, the same bytes it
    would write anew. Adding 100 papers to a large graph changes few of them.
    """
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise OutputError(f"unknown output format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    indexes = _load_indexes(cache) if cache is not None else {}
    placed: dict[str, _Placed] = {}
    found: dict[bytes, np.ndarray] = {}  # where the new items are in the old files, by old digests
    # the shared flat rows and the HTML's ranking would be walked again and again by the collector
    with paused_gc(), ExitStack() as open_files:
        flat = FlatGraph(graph)
        files: dict[Path, Writer] = {}
        for name in (name for fmt in formats for name in FORMATS[fmt]):
            path = out_dir / name
            if name == "graph.html":
                page = render_html(graph, max_nodes=html_max_nodes)  # rendered before any file is touched
                files[path] = lambda handle, page=page: handle.write(page)
                continue
            previous = _previous_file(path, indexes.get(name), flat, found, open_files) if cache is not None else None

            def write(handle: IO[str], name: str = name, previous: _Previous | None = previous) -> None:
                result = _STREAMED[name](flat, handle, previous)
                if result is not None:
                    placed[name] = result
            files[path] = write
        _write_files(files, f"cannot write to {out_dir}")
        if cache is not None:
            _save_indexes(cache, out_dir, placed, b"".join(flat.digests) if placed else b"")
    return list(files)


def _previous_file(path: Path, index: FileIndex | None, flat: FlatGraph, found: dict[bytes, np.ndarray],
                   open_files: ExitStack) -> _Previous | None:
    """The file at ``path``, open, if it is as it was written (see :func:`_old_places` for ``found``)."""
    if index is None:
        return None
    try:
        stat = path.stat()
        if (stat.st_size, stat.st_mtime_ns) != (index.size, index.mtime_ns) or not stat.st_size:
            return None
        places = _old_places(index, flat.digests, found)
        if places is None:
            return None
        return _Previous(open_files.enter_context(path.open("rb")), index.context, *places)
    except OSError:  # gone or unreadable: written anew
        return None


_INDEX_TABLE = ("CREATE TABLE IF NOT EXISTS export_index (name TEXT PRIMARY KEY, context TEXT NOT NULL, "
                "size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, digests BLOB NOT NULL, offsets BLOB NOT NULL, "
                "lengths BLOB NOT NULL)")


def _load_indexes(cache: Path) -> dict[str, FileIndex]:
    """The :class:`FileIndex` of each file, by name, from the cache file (none if unreadable:
    the index only saves time)."""
    if not cache.is_file():
        return {}
    try:
        with _connect(cache) as db:
            rows = db.execute("SELECT name, context, size, mtime_ns, digests, offsets, lengths FROM export_index")
            return {name: FileIndex(*fields) for name, *fields in rows}
    except (sqlite3.Error, OSError, TypeError):
        return {}


def _save_indexes(cache: Path, out_dir: Path, placed: dict[str, _Placed], digests: bytes) -> None:
    try:
        rows = []
        for name, where in placed.items():
            stat = (out_dir / name).stat()
            rows.append((name, where.context, stat.st_size, stat.st_mtime_ns, digests,
                         where.offsets.tobytes(), where.lengths.tobytes()))
        with _connect(cache) as db, db:
            db.execute(_INDEX_TABLE)
            db.executemany("INSERT OR REPLACE INTO export_index VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    except (sqlite3.Error, OSError):  # the next build writes every node anew
        pass


@contextmanager
def _connect(path: Path) -> Iterator[sqlite3.Connection]:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    try:
        yield db
    finally:
        db.close()
