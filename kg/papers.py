"""Clean raw records and merge the copies of one paper into a single :class:`Paper`.

The same paper often arrives several times (two listings, a listing and a JSON dump), with its
arXiv id in only some copies and with different LaTeX or line breaks. Copies are merged when
their cleaned texts are the same up to case, punctuation and accents, or when they share an
arXiv id or DOI and their texts are near-identical. Two different texts under one arXiv id are
kept apart and reported, since merging them would silently drop an abstract.

The result does not depend on the order of the inputs.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .ingest import RawRecord, Warn, ignore_warnings
from .normalize import fold
from .textclean import clean_identifier, clean_name, clean_text, find_urls, is_code_url

# Copies sharing an id or DOI are one paper when this share of their words is common.
NEAR_DUPLICATE_JACCARD = 0.8
_HASH_CHARS = 12
_NON_ALNUM = re.compile(r"[\W_]+")
_ASCII_NON_ALNUM = str.maketrans("", "", "".join(c for c in map(chr, range(128)) if not c.isalnum()))


@dataclass(frozen=True, slots=True)
class Paper:
    """One distinct paper, with the metadata of all its copies."""

    id: str  # graph node id: "paper:<arXiv id>" or "paper:<content hash>"
    abstract: str  # cleaned text
    arxiv_id: str | None = None
    doi: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()
    code_urls: tuple[str, ...] = ()
    links: tuple[str, ...] = ()  # other URLs: project pages, data
    sources: tuple[str, ...] = ()  # "file:line" of every copy


def text_key(text: str) -> str:
    """The comparison form of a text: lower case, no accents, letters and digits (any script) only.

    >>> text_key("Moiré  patterns, 100%!") == text_key("moire patterns 100")
    True
    """
    folded = fold(text)
    if folded.isascii():  # most text: deleting by table is seven times faster than the pattern
        return folded.translate(_ASCII_NON_ALNUM)
    return _NON_ALNUM.sub("", folded)


def content_hash(text: str) -> str:
    """A short, stable hash of a text's comparison form, used in ids of papers without arXiv id."""
    return _key_hash(text_key(text))


def _key_hash(key: str) -> str:
    return hashlib.sha1(key.encode()).hexdigest()[:_HASH_CHARS]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", text.lower()))


def _source_order(location: str) -> tuple[str, int]:
    """Sort key of "file:line" by file, then line number (so :9 comes before :10)."""
    path, _, line = location.rpartition(":")
    return path, int(line) if line.isdigit() else 0


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


class _UnionFind:
    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A record's fields after clean-up, and the URLs in its text: a function of the record's
    content alone (:func:`record_key`), so a build can keep it for the next one."""

    abstract: str
    key: str  # text_key(abstract)
    title: str | None = None
    comments: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    doi: str | None = None
    urls: tuple[str, ...] = ()  # in the abstract, then in the comments


def _clean_all(values: tuple[str, ...], clean: Callable[[str], str] = clean_text) -> tuple[str, ...]:
    return tuple(c for c in map(clean, values) if c)


def clean_record(record: RawRecord) -> Cleaned:
    """Clean every field of ``record`` and find the URLs in its text.

    >>> clean_record(RawRecord("Code at https://github.com/a/b. Our $l_2$ loss", "a.txt", 1, title="T"))
    Cleaned(abstract='Code at https://github.com/a/b. Our l2 loss', key='codeathttpsgithubcomabourl2loss', title='T', comments=(), authors=(), categories=(), doi=None, urls=('https://github.com/a/b',))
    """
    # every field is cleaned, not just the text: a lone surrogate in an author name cannot be
    # written to a UTF-8 file, and a control character breaks GraphML
    abstract = clean_text(record.text)
    comments = _clean_all(record.comments)
    return Cleaned(
        abstract=abstract,
        key=text_key(abstract),
        title=clean_text(record.title) or None if record.title else None,
        comments=comments,
        authors=_clean_all(record.authors, clean_name),
        categories=_clean_all(record.categories, clean_identifier),
        doi=clean_identifier(record.doi) or None if record.doi else None,
        urls=_unique(url for text in (abstract, *comments) for url in find_urls(text)),
    )


def record_key(record: RawRecord) -> str:
    """A hash of what :func:`clean_record` reads: a record's fields but its place (file and line)
    and arXiv id."""
    content = repr((record.text, record.title, record.comments, record.authors, record.categories, record.doi))
    return hashlib.blake2b(content.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class _Copy:
    record: RawRecord
    cleaned: Cleaned


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _merge(copies: list[_Copy], node_id: str) -> Paper:
    # the longest text is the most complete copy; ties broken by the text itself, not input order
    best = max((c.cleaned for c in copies), key=lambda c: (len(c.abstract), c.abstract))
    ordered = [c.cleaned for c in sorted(copies, key=lambda c: (c.record.source, c.record.line))]
    urls = _unique(url for c in ordered for url in c.urls)
    return Paper(
        id=node_id,
        abstract=best.abstract,
        arxiv_id=min((c.record.arxiv_id for c in copies if c.record.arxiv_id), default=None),
        doi=min((c.doi for c in ordered if c.doi), default=None),
        title=max((c.title for c in ordered if c.title), key=lambda t: (len(t), t), default=None),
        authors=max((c.authors for c in ordered), key=lambda a: (len(a), a)),
        categories=_unique(cat for c in ordered for cat in c.categories),
        comments=_unique(com for c in ordered for com in c.comments),
        code_urls=tuple(u for u in urls if is_code_url(u)),
        links=tuple(u for u in urls if not is_code_url(u)),
        sources=tuple(sorted({c.record.location for c in copies}, key=_source_order)),
    )


def merge_records(records: Iterable[RawRecord], *, warn: Warn = ignore_warnings,
                  cleaned: Iterable[Cleaned] | None = None) -> list[Paper]:
    """Clean records and merge the copies of each paper; return papers sorted by id.

    ``cleaned`` is what :func:`clean_record` makes of each record, in order, when the caller
    has it (from the build cache); by default it is made here. Records with no text left
    after clean-up are dropped with a warning.

    Examples
    --------
    >>> a = RawRecord("We study moir\\\\'e patterns.", "a.txt", 1)
    >>> b = RawRecord("We study moiré patterns.", "b.txt", 3, arxiv_id="2409.03501")
    >>> [(p.id, p.sources) for p in merge_records([a, b])]
    [('paper:2409.03501', ('a.txt:1', 'b.txt:3'))]
    """
    records = list(records)
    copies = []
    for record, clean in zip(records, map(clean_record, records) if cleaned is None else cleaned, strict=True):
        if clean.key:
            copies.append(_Copy(record, clean))
        else:
            warn(f"{record.location}: no text left after clean-up, skipped")
    groups = _UnionFind(len(copies))
    by_key: dict[str, int] = {}
    by_identifier: dict[str, list[int]] = defaultdict(list)
    for index, copy in enumerate(copies):
        groups.union(by_key.setdefault(copy.cleaned.key, index), index)
        for identifier in (copy.record.arxiv_id, copy.cleaned.doi and copy.cleaned.doi.lower()):
            if identifier:
                by_identifier[identifier].append(index)
    for members in by_identifier.values():
        if len(members) == 1:
            continue
        words = {i: _words(copies[i].cleaned.abstract) for i in members}
        for i in members:
            for j in members:
                if i < j and _jaccard(words[i], words[j]) >= NEAR_DUPLICATE_JACCARD:
                    groups.union(i, j)
    clusters: dict[int, list[_Copy]] = defaultdict(list)
    for index, copy in enumerate(copies):
        clusters[groups.find(index)].append(copy)
    return _assign_ids(list(clusters.values()), warn)


def _split_by_id(cluster: list[_Copy], warn: Warn) -> list[list[_Copy]]:
    """One paper per arXiv id: the same abstract under two ids is two arXiv entries (a duplicate
    submission), kept apart; copies without an id join the first id."""
    ids = sorted({c.record.arxiv_id for c in cluster if c.record.arxiv_id})
    if len(ids) <= 1:
        return [cluster]
    where = ", ".join(sorted({c.record.location for c in cluster}, key=_source_order))
    warn(f"{where}: one abstract under several arXiv ids ({', '.join(ids)}); kept as separate papers")
    return [[c for c in cluster if c.record.arxiv_id == arxiv_id or (not c.record.arxiv_id and arxiv_id == ids[0])]
            for arxiv_id in ids]


def _assign_ids(clusters: list[list[_Copy]], warn: Warn) -> list[Paper]:
    clusters = [part for cluster in clusters for part in _split_by_id(cluster, warn)]
    cluster_ids = [min((c.record.arxiv_id for c in cluster if c.record.arxiv_id), default=None) for cluster in clusters]
    clusters_by_id = Counter(arxiv_id for arxiv_id in cluster_ids if arxiv_id)
    papers = []
    for cluster, arxiv_id in zip(clusters, cluster_ids):
        best = max((c.cleaned for c in cluster), key=lambda c: (len(c.abstract), c.abstract))
        hash_ = _key_hash(best.key)  # its text_key, made once
        if arxiv_id is None:
            node_id = f"paper:{hash_}"
        elif clusters_by_id[arxiv_id] > 1:
            where = ", ".join(sorted({c.record.location for c in cluster}, key=_source_order))
            warn(f"{where}: arXiv id {arxiv_id} also names a different abstract elsewhere; kept apart")
            node_id = f"paper:{arxiv_id}~{hash_}"
        else:
            node_id = f"paper:{arxiv_id}"
        papers.append(_merge(cluster, node_id))
    return sorted(papers, key=lambda p: p.id)
