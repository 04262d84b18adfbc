"""Ask the knowledge graph questions: which papers use CLIP, what MoE is short for, which papers
are closest to this one.

:class:`KnowledgeGraph` wraps the NetworkX graph (still reachable as ``.nx``); :func:`build` and
:func:`load` give one in a call. Every look-up takes a label, an alias, an acronym, a long form, a
node id (``method:clip``, or ``method:CLIP`` to pick a type) or, for papers, an arXiv id, in any
case and with plural, hyphen and space variants (:func:`kg.normalize.match_key`). Results are
frozen records sorted deterministically: best first, ties by label and then id.

GraphML keeps lists as :data:`kg.export.LIST_SEPARATOR`-joined strings and ``None`` as ``""``;
:func:`load` turns them back, so a GraphML graph answers exactly as its JSON twin.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree.ElementTree import ParseError

import networkx as nx

from .errors import AmbiguousError, InputError, NotFoundError
from .export import LIST_SEPARATOR
from .lexicon import ENTITY_TYPES
from .normalize import display_key, fold, match_key

if TYPE_CHECKING:
    import pandas

NODE_TYPES = ("paper", *ENTITY_TYPES)
RANKINGS = ("papers", "degree", "pagerank")
COMMUNITY_SEED = 42  # Louvain is randomised; a fixed seed gives the same communities every run
_LISTED = 5  # names an error message lists
_HUBS = 5  # labels shown per community

# The graph schema of kg/graph.py, as GraphML flattens it.
_LIST_ATTRIBUTES = frozenset({"authors", "categories", "code_urls", "links", "comments", "sources", "aliases",
                              "evidence"})
_OPTIONAL_ATTRIBUTES = frozenset({"arxiv_id", "doi", "title", "acronym", "long_form"})
_FLAT_ONLY = frozenset({"r", "g", "b", "weight"})  # added for GraphML readers, not part of the graph


# --- records -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PaperRecord:
    """A paper: its node id, its short label and its bibliographic data."""

    id: str
    label: str
    arxiv_id: str | None = field(default=None, repr=False)
    title: str | None = field(default=None, repr=False)
    doi: str | None = field(default=None, repr=False)
    abstract: str = field(default="", repr=False)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a paper is linked to an entity: the relation, the sentences and how often it is mentioned."""

    paper: str
    relation: str
    mentions: int
    sentences: tuple[str, ...] = field(repr=False)


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """A method, dataset, task or metric with every name it goes by and the papers behind it."""

    id: str
    type: str
    label: str
    acronym: str | None
    long_form: str | None
    aliases: tuple[str, ...] = field(repr=False)
    papers: tuple[PaperRecord, ...] = field(repr=False)
    evidence: tuple[Evidence, ...] = field(repr=False)

    @property
    def paper_count(self) -> int:
        return len(self.papers)

    def describe(self) -> str:
        """A few readable lines: names, then one line a paper with its relations."""
        relations: dict[str, list[str]] = defaultdict(list)
        for item in self.evidence:
            relations[item.paper].append(item.relation)
        lines = [f"{self.label} ({self.type}, {self.id})"]
        if self.acronym:
            lines.append(f"  acronym: {self.acronym} = {self.long_form}")
        lines.append(f"  aliases: {', '.join(self.aliases)}")
        lines.append(f"  papers ({self.paper_count}):")
        lines.extend(f"    {p.id}  {p.label}  [{', '.join(relations[p.id])}]" for p in self.papers)
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Scored:
    """A node and its score in a ranking (papers, shared papers, degree, PageRank, similarity)."""

    id: str
    type: str
    label: str
    score: float


@dataclass(frozen=True, slots=True)
class Pair:
    """Two entities and the number of papers that mention both."""

    a: str
    a_label: str
    b: str
    b_label: str
    papers: int


@dataclass(frozen=True, slots=True)
class Step:
    """One node on a path."""

    id: str
    type: str
    label: str


@dataclass(frozen=True, slots=True)
class Community:
    """A Louvain community: its size, the labels of its best-connected entities, and all its node ids."""

    size: int
    hubs: tuple[str, ...]
    nodes: tuple[str, ...] = field(repr=False)


@dataclass(frozen=True, slots=True)
class Acronym:
    """An acronym that names several entities."""

    acronym: str
    meanings: tuple[str, ...]
    ids: tuple[str, ...] = field(repr=False)


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts per node type and relation, the most connected entities, and ambiguous acronyms."""

    nodes: dict[str, int]
    edges: dict[str, int]
    most_connected: tuple[Scored, ...]
    ambiguous_acronyms: tuple[Acronym, ...]

    def describe(self) -> str:
        """Readable lines: counts, then the most connected entities, then ambiguous acronyms."""
        counts = ", ".join(f"{n} {t}s" for t, n in self.nodes.items())
        relations = ", ".join(f"{n} {r}" for r, n in self.edges.items())
        parts = [f"nodes: {counts}\nedges: {relations} ({sum(self.edges.values())} in all)",
                 "most connected entities (papers):\n" + table(self.most_connected, ("type", "label", "score")),
                 "acronyms with several meanings:\n" + (table(self.ambiguous_acronyms, ("acronym", "meanings"))
                                                        if self.ambiguous_acronyms else "  none")]
        return "\n\n".join(parts)


def _sort_key(record: Scored) -> tuple:
    return -record.score, fold(record.label), record.id


def table(records: Sequence[object], columns: Sequence[str]) -> str:
    """An aligned plain-text table of ``columns`` (field names) of ``records``.

    >>> print(table([Scored("method:clip", "method", "CLIP", 5), Scored("method:sam", "method", "SAM", 2)],
    ...             ("label", "score")))
    label  score
    CLIP       5
    SAM        2
    """
    def cell(value: object) -> str:
        if isinstance(value, float):
            return f"{value:.3f}"
        if isinstance(value, tuple):
            return ", ".join(map(str, value))
        return "" if value is None else str(value)

    rows = [[cell(getattr(record, column)) for column in columns] for record in records]
    numeric = [bool(records) and all(isinstance(getattr(r, c), int | float) for r in records) for c in columns]
    widths = [max(len(text) for text in column) for column in zip(columns, *rows)]
    return "\n".join("  ".join(text.rjust(width) if right else text.ljust(width)
                               for text, width, right in zip(line, widths, numeric)).rstrip()
                     for line in [list(columns), *rows])


def to_json(records: object) -> str:
    """Records (one, or a list) as JSON text: dataclasses become objects, tuples lists."""
    def plain(value: object) -> object:
        if is_dataclass(value):
            return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
        if isinstance(value, list | tuple):
            return [plain(item) for item in value]
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        return value
    return json.dumps(plain(records), ensure_ascii=False, indent=1)


# --- the graph ---------------------------------------------------------------------------------

class KnowledgeGraph:
    """Queries over a kg graph; ``.nx`` is the NetworkX ``MultiDiGraph`` itself.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("paper:1", type="paper", label="GateMix", arxiv_id="2409.00001")
    >>> g.add_node("method:mixture of experts", type="method", label="Mixture of Experts",
    ...            aliases=["Mixture of Experts", "MoE"], acronym="MoE", long_form="mixture of experts")
    >>> _ = g.add_edge("paper:1", "method:mixture of experts", key="uses", relation="uses",
    ...                evidence=["We route tokens with MoE."], mentions=1)
    >>> graph = KnowledgeGraph(g)
    >>> graph.papers(uses="moe")
    [PaperRecord(id='paper:1', label='GateMix')]
    >>> graph.entity("mixtures of experts")
    EntityRecord(id='method:mixture of experts', type='method', label='Mixture of Experts', acronym='MoE', long_form='mixture of experts')
    """

    def __init__(self, graph: nx.MultiDiGraph):
        self.nx = graph

    def __repr__(self) -> str:
        types = Counter(data["type"] for _, data in self.nx.nodes(data=True))
        return (f"<KnowledgeGraph: {types['paper']} papers, {self.nx.number_of_nodes() - types['paper']} entities, "
                f"{self.nx.number_of_edges()} edges>")

    # --- look-ups ---

    @cached_property
    def _names(self) -> dict[str, dict[str, int]]:
        """``match_key`` of every name a node goes by -> {node id: rank of that name}: 0 for a
        label, title or arXiv id, 1 for an acronym or long form, 2 for another alias. Ranks
        matter because resolution keeps a shorter task's name as an alias of longer ones: on a
        corpus, "semantic segmentation" is an alias of ten tasks and the label of one."""
        names: dict[str, dict[str, int]] = defaultdict(dict)
        for node, data in self.nx.nodes(data=True):
            if data["type"] == "paper":
                ranked = [(data.get("label"), 0), (data.get("title"), 0), (data.get("arxiv_id"), 0)]
            else:
                ranked = [(data.get("label"), 0), (data.get("acronym"), 1), (data.get("long_form"), 1),
                          *((alias, 2) for alias in data.get("aliases", ()))]
            for form, rank in ranked:
                if form and (key := match_key(form)):
                    names[key][node] = min(rank, names[key].get(node, rank))
        return names

    def _close_matches(self, name: str, types: Iterable[str]) -> tuple[str, ...]:
        """Names like ``name``, the closest first, one per node."""
        forms: dict[str, tuple[str, str]] = {}
        for node, data in self.nx.nodes(data=True):
            if data["type"] in types:
                for form in (data["label"], *data.get("aliases", ())):
                    forms.setdefault(fold(form), (form, node))
        named: dict[str, str] = {}  # node -> its closest name
        for close in difflib.get_close_matches(fold(name), forms, n=4 * _LISTED):
            form, node = forms[close]
            named.setdefault(node, form)
        return tuple(named.values())[:_LISTED]

    def find(self, name: str, *, type: str | None = None) -> str:
        """The id of the one node called ``name``, of ``type`` if given.

        An entity wins over a paper of the same name (a paper's label is often the name of the
        method it proposes: give its arXiv id instead), then a label over an acronym or long form
        over another alias. Raises :class:`~kg.errors.NotFoundError` with close
        matches when nothing fits, :class:`~kg.errors.AmbiguousError` when several do.

        >>> g = nx.MultiDiGraph()
        >>> g.add_node("task:face anti-spoofing", type="task", label="Face Anti-Spoofing", aliases=["FAS"])
        >>> KnowledgeGraph(g).find("fas"), KnowledgeGraph(g).find("Task:FACE Anti-Spoofing")
        ('task:face anti-spoofing', 'task:face anti-spoofing')
        """
        return self._find(name, _check_type(type))

    def _find(self, name: str, types: tuple[str, ...], relation: str | None = None) -> str:
        """:meth:`find` among ``types``; with ``relation``, targets of that relation win."""
        name = name.strip()
        prefix, _, rest = name.partition(":")
        prefix = prefix.lower()
        if prefix == "arxiv":
            name = rest.strip()
        elif prefix in NODE_TYPES and rest:
            types = _check_type(prefix, allowed=types)
            node = f"{prefix}:{display_key(rest)}"
            if node in self.nx:
                return node
            name = rest.strip()
        ranks = {n: rank for n, rank in self._names.get(match_key(name), {}).items()
                 if self.nx.nodes[n]["type"] in types}
        candidates = sorted(ranks)
        if relation and any(self._has_relation(n, relation) for n in candidates):
            candidates = [n for n in candidates if self._has_relation(n, relation)]
        if any(self.nx.nodes[n]["type"] != "paper" for n in candidates):
            candidates = [n for n in candidates if self.nx.nodes[n]["type"] != "paper"]
        if candidates:
            best = min(ranks[n] for n in candidates)
            candidates = [n for n in candidates if ranks[n] == best]
        if len(candidates) == 1:
            return candidates[0]
        what = {NODE_TYPES: "node", ENTITY_TYPES: "entity"}.get(types, " or ".join(types))
        if candidates:
            listed = ", ".join(f"{n} ({self.nx.nodes[n]['label']})" for n in candidates[:_LISTED])
            more = f" and {len(candidates) - _LISTED} more" if len(candidates) > _LISTED else ""
            raise AmbiguousError(f"{name!r} is ambiguous: {listed}{more}; give one of these ids",
                                 candidates=tuple(candidates))
        close = self._close_matches(name, types)
        hint = f"close matches: {', '.join(close)}" if close else "`kg query entities` lists the names"
        raise NotFoundError(f"no {what} named {name!r}; {hint}", suggestions=close)

    def _has_relation(self, node: str, relation: str) -> bool:
        return any(key == relation for _, _, key in self.nx.in_edges(node, keys=True))

    def _paper(self, node: str) -> PaperRecord:
        data = self.nx.nodes[node]
        return PaperRecord(node, data["label"], data.get("arxiv_id"), data.get("title"), data.get("doi"),
                           data.get("abstract", ""))

    def _scored(self, node: str, score: float) -> Scored:
        data = self.nx.nodes[node]
        return Scored(node, data["type"], data["label"], score)

    def _papers_of(self, node: str) -> set[str]:
        return set(self.nx.predecessors(node))

    # --- papers and entities ---

    def papers(self, *, uses: str | Iterable[str] = (), addresses: str | Iterable[str] = (),
               evaluates_on: str | Iterable[str] = (), proposes: str | Iterable[str] = (),
               reports: str | Iterable[str] = ()) -> list[PaperRecord]:
        """Papers with all the given links, sorted by id; with none, every paper.

        Each argument is a name or several names; a paper must have every one of them.
        """
        wanted = {"uses": uses, "addresses": addresses, "evaluates_on": evaluates_on, "proposes": proposes,
                  "reports": reports}
        selected = {n for n, data in self.nx.nodes(data=True) if data["type"] == "paper"}
        for relation, names in wanted.items():
            for name in [names] if isinstance(names, str) else names:
                target = self._find(name, NODE_TYPES, relation)
                selected &= {u for u, _, key in self.nx.in_edges(target, keys=True) if key == relation}
        return [self._paper(node) for node in sorted(selected)]

    def entity(self, name: str, *, type: str | None = None) -> EntityRecord:
        """The method, dataset, task or metric called ``name``, with its papers and evidence."""
        return self._entity_record(self._find(name, _check_type(type, allowed=ENTITY_TYPES)))

    def _entity_record(self, node: str) -> EntityRecord:
        data = self.nx.nodes[node]
        evidence = sorted((Evidence(paper, relation, edge.get("mentions", 1), tuple(edge.get("evidence", ())))
                           for paper, _, relation, edge in self.nx.in_edges(node, keys=True, data=True)),
                          key=lambda e: (e.paper, e.relation))
        return EntityRecord(node, data["type"], data["label"], data.get("acronym"), data.get("long_form"),
                            tuple(data.get("aliases", ())),
                            tuple(self._paper(p) for p in sorted(self._papers_of(node))), tuple(evidence))

    def entities(self, *, type: str | None = None, min_papers: int = 1, n: int | None = None) -> list[EntityRecord]:
        """The first ``n`` (default: all) entities of ``type`` in at least ``min_papers`` papers,
        most papers first."""
        types = _check_type(type, allowed=ENTITY_TYPES)
        ranked = sorted((self._scored(v, self._simple.degree(v)) for v, data in self.nx.nodes(data=True)
                         if data["type"] in types and self._simple.degree(v) >= min_papers), key=_sort_key)
        return [self._entity_record(record.id) for record in ranked[:n]]  # records only for those returned

    # --- rankings ---

    @cached_property
    def _simple(self) -> nx.Graph:
        """The undirected simple graph, nodes and edges in sorted order; ``weight`` sums mentions."""
        simple = nx.Graph()
        simple.add_nodes_from(sorted(self.nx.nodes))
        weights: Counter[tuple[str, str]] = Counter()
        for source, target, data in self.nx.edges(data=True):
            weights[tuple(sorted((source, target)))] += data.get("mentions", 1)
        simple.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weights.items()))
        return simple

    @cached_property
    def _pagerank(self) -> dict[str, float]:
        return nx.pagerank(self._simple, weight="weight")

    def top(self, type: str, n: int = 10, *, by: str = "papers") -> list[Scored]:
        """The ``n`` nodes of ``type`` ranked ``by`` number of papers (for papers: of entities), by
        degree (links of any relation) or by PageRank on the undirected weighted graph."""
        types = _check_type(type)
        if by not in RANKINGS:
            raise NotFoundError(f"cannot rank by {by!r}; choose from {', '.join(RANKINGS)}")
        score = {"papers": self._simple.degree, "degree": self.nx.degree, "pagerank": self._pagerank.get}[by]
        records = [self._scored(node, score(node)) for node, data in self.nx.nodes(data=True)
                   if data["type"] in types]
        return sorted(records, key=_sort_key)[:n]

    def _via_papers(self, name: str, of_type: str, to_type: str, n: int | None) -> list[Scored]:
        node = self._find(name, (of_type,))
        shared = Counter(v for paper in self._papers_of(node) for v in set(self.nx.successors(paper))
                         if v != node and self.nx.nodes[v]["type"] == to_type)
        return sorted((self._scored(v, count) for v, count in shared.items()), key=_sort_key)[:n]

    def methods_for(self, task: str, n: int | None = None) -> list[Scored]:
        """Methods in the papers on ``task``, ranked by the number of such papers."""
        return self._via_papers(task, "task", "method", n)

    def datasets_for(self, task: str, n: int | None = None) -> list[Scored]:
        """Datasets in the papers on ``task``, ranked by the number of such papers."""
        return self._via_papers(task, "task", "dataset", n)

    def tasks_for(self, method: str, n: int | None = None) -> list[Scored]:
        """Tasks of the papers that mention ``method``, ranked by the number of such papers."""
        return self._via_papers(method, "method", "task", n)

    def related(self, name: str, n: int = 10, *, type: str | None = None) -> list[Scored]:
        """Nodes most like ``name`` by Adamic-Adar over shared neighbours: for a paper, the papers
        sharing its entities; for an entity, the entities sharing its papers (of ``type`` if given).
        Rare shared neighbours count more than common ones."""
        node = self.find(name)
        types = _check_type(type)
        simple = self._simple
        candidates = sorted({v for w in simple[node] for v in simple[w]
                             if v != node and self.nx.nodes[v]["type"] in types})
        scores = nx.adamic_adar_index(simple, [(node, v) for v in candidates])
        return sorted((self._scored(v, score) for _, v, score in scores), key=_sort_key)[:n]

    def cooccurrence(self, type_a: str, type_b: str, n: int | None = None) -> list[Pair]:
        """Pairs of a ``type_a`` and a ``type_b`` entity by the number of papers mentioning both:
        the weighted projection of the paper-entity bipartite graph onto the entities."""
        _check_type(type_a, allowed=ENTITY_TYPES)
        _check_type(type_b, allowed=ENTITY_TYPES)
        entities = [v for v, data in self.nx.nodes(data=True) if data["type"] in (type_a, type_b)]
        papers = [v for v, data in self.nx.nodes(data=True) if data["type"] == "paper"]
        projected = nx.bipartite.weighted_projected_graph(self._simple.subgraph([*papers, *entities]), entities)
        pairs = []
        for u, v, weight in projected.edges(data="weight"):
            if self.nx.nodes[u]["type"] != type_a or (type_a == type_b and u > v):
                u, v = v, u
            if self.nx.nodes[u]["type"] == type_a and self.nx.nodes[v]["type"] == type_b:
                pairs.append(Pair(u, self.nx.nodes[u]["label"], v, self.nx.nodes[v]["label"], weight))
        return sorted(pairs, key=lambda p: (-p.papers, fold(p.a_label), fold(p.b_label), p.a, p.b))[:n]

    # --- structure ---

    def path(self, a: str, b: str) -> list[Step]:
        """A shortest path from ``a`` to ``b`` with edges taken in either direction."""
        source, target = self.find(a), self.find(b)
        try:
            nodes = nx.shortest_path(self._simple, source, target)
        except nx.NetworkXNoPath:
            raise NotFoundError(f"no path between {source} and {target}: they are in separate components") from None
        return [Step(v, self.nx.nodes[v]["type"], self.nx.nodes[v]["label"]) for v in nodes]

    def subgraph(self, name: str, depth: int = 1) -> nx.MultiDiGraph:
        """A new graph of the nodes within ``depth`` links of ``name`` (either direction) and the
        edges among them."""
        nodes = nx.single_source_shortest_path_length(self._simple, self.find(name), cutoff=depth)
        return self.nx.subgraph(nodes).copy()

    def communities(self) -> list[Community]:
        """Louvain communities of the undirected weighted graph (fixed seed), largest first."""
        groups = nx.community.louvain_communities(self._simple, weight="weight", seed=COMMUNITY_SEED)
        communities = []
        for group in groups:
            entities = [v for v in group if self.nx.nodes[v]["type"] != "paper"]
            hubs = sorted(entities, key=lambda v: (-self._simple.degree(v), fold(self.nx.nodes[v]["label"]), v))
            communities.append(Community(len(group), tuple(self.nx.nodes[v]["label"] for v in hubs[:_HUBS]),
                                         tuple(sorted(group))))
        return sorted(communities, key=lambda c: (-c.size, c.nodes))

    def stats(self, n: int = 10) -> Stats:
        """Counts per node type and relation, the ``n`` entities in most papers, and the acronyms
        that name several entities."""
        types = Counter(data["type"] for _, data in self.nx.nodes(data=True))
        relations = Counter(key for _, _, key in self.nx.edges(keys=True))
        by_acronym: dict[str, list[str]] = defaultdict(list)
        for node, data in self.nx.nodes(data=True):
            if data.get("acronym"):
                by_acronym[match_key(data["acronym"])].append(node)
        ambiguous = [Acronym(self.nx.nodes[nodes[0]]["acronym"],
                             tuple(self.nx.nodes[v]["long_form"] or self.nx.nodes[v]["label"] for v in sorted(nodes)),
                             tuple(sorted(nodes)))
                     for nodes in by_acronym.values() if len(nodes) > 1]
        most = sorted((self._scored(v, self._simple.degree(v)) for v, data in self.nx.nodes(data=True)
                       if data["type"] != "paper"), key=_sort_key)[:n]
        return Stats({t: types[t] for t in NODE_TYPES}, dict(sorted(relations.items())), tuple(most),
                     tuple(sorted(ambiguous, key=lambda a: (fold(a.acronym), a.ids))))

    def to_pandas(self) -> tuple[pandas.DataFrame, pandas.DataFrame]:
        """``(nodes, edges)`` DataFrames: one row a node (``id`` then its attributes) and one row
        an edge (``source``, ``target``, ``relation``, ...). Needs pandas (``pip install "kg[pandas]"``)."""
        try:
            import pandas  # optional: only this method needs it
        except ImportError as error:
            raise ImportError('KnowledgeGraph.to_pandas needs pandas: pip install "kg[pandas]"') from error
        nodes = pandas.DataFrame([{"id": node, **data} for node, data in self.nx.nodes(data=True)])
        edges = pandas.DataFrame([{"source": u, "target": v, **data} for u, v, data in self.nx.edges(data=True)])
        return nodes, edges


def _check_type(type: str | None, *, allowed: tuple[str, ...] = NODE_TYPES) -> tuple[str, ...]:
    """The node types a ``type`` argument stands for: ``allowed`` for ``None``, else itself.

    >>> _check_type("methods")
    Traceback (most recent call last):
    kg.errors.NotFoundError: no node type 'methods' here; did you mean 'method'? choose from paper, method, dataset, task, metric
    """
    if type is None:
        return allowed
    if type not in allowed:
        close = difflib.get_close_matches(type, allowed, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise NotFoundError(f"no node type {type!r} here; {hint}choose from {', '.join(allowed)}",
                            suggestions=tuple(close))
    return (type,)


# --- building and loading ----------------------------------------------------------------------

def build(paths: Iterable[str | Path], **options) -> KnowledgeGraph:
    """Build the graph of ``paths`` (files or folders) as :func:`kg.pipeline.build` does, with
    the same keyword ``options``."""
    from .pipeline import build as build_result  # the pipeline loads spaCy; loading a graph does not need it
    return KnowledgeGraph(build_result(paths, **options).graph)


def _restored(data: dict) -> dict:
    """A GraphML attribute dict with kg's lists and ``None`` values back."""
    restored = {}
    for name, value in data.items():
        if name in _FLAT_ONLY:
            continue
        if name in _LIST_ATTRIBUTES:
            value = value.split(LIST_SEPARATOR) if value else []
        elif name == "acronyms":
            value = [dict(zip(("short", "long"), item.split("=", 1))) for item in value.split(LIST_SEPARATOR)
                     ] if value else []
        elif name in _OPTIONAL_ATTRIBUTES and value == "":
            value = None
        restored[name] = value
    return restored


def _read_graphml(path: Path) -> nx.MultiDiGraph:
    flat = nx.read_graphml(path, force_multigraph=True)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((node, _restored(data)) for node, data in flat.nodes(data=True))
    for source, target, data in flat.edges(data=True):
        data = _restored(data)
        graph.add_edge(source, target, key=data["relation"], **data)  # the file's edge ids are e0, e1...
    return graph


def _read_json(path: Path) -> nx.MultiDiGraph:
    with path.open(encoding="utf-8") as handle:
        return nx.node_link_graph(json.load(handle), edges="edges")


_READERS = {".json": _read_json, ".graphml": _read_graphml}


def load(path: str | Path) -> KnowledgeGraph:
    """Load a graph that ``kg build`` wrote: ``graph.json`` or ``graph.graphml``.

    Raises :class:`~kg.errors.InputError` when the file is missing or is not a kg graph.
    """
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError("cannot load a graph from this kind of file; give the graph.json or graph.graphml "
                         "that kg build wrote", path=str(path))
    try:
        graph = reader(path)
    except FileNotFoundError:
        raise InputError("no such file; run `kg build` first or give the graph's path", path=str(path)) from None
    except (OSError, ValueError, KeyError, TypeError, ParseError, nx.NetworkXError) as error:
        raise InputError(f"not a graph kg wrote ({error}); rebuild it with `kg build`", path=str(path)) from error
    if not all(data.get("type") in NODE_TYPES and "label" in data for _, data in graph.nodes(data=True)):
        raise InputError("not a graph kg wrote: nodes lack a known type or a label; rebuild it with `kg build`",
                         path=str(path))
    return KnowledgeGraph(graph)
