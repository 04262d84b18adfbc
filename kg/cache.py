"""The build cache, in SQLite under the output folder: what the pipeline found in each abstract,
grouped into the paper's entities (:class:`~kg.resolve.PaperEntities`), and what clean-up made
of each input record.

Extractions are keyed by a hash of the abstract's exact text, and the whole table by the
:func:`pipeline_version`, a hash of everything that decides what extraction and the grouping
find (kg's and spaCy's versions, those modules' source, the data files). Cleaned records are keyed by
:func:`~kg.papers.record_key`, and their table by :func:`clean_version`. A changed pipeline
empties its table, so a stale entry is never read. The cache is an optimisation only: an
unreadable file is reported, deleted and rebuilt. (The exports keep their own table there:
:class:`kg.export.FileIndex`.)
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

import spacy

from .ingest import Warn, ignore_warnings
from .papers import Cleaned, Paper
from .resolve import Packed, PaperEntities, unpack_paper

CACHE_NAME = ".kg-cache.sqlite"
# The modules whose code decides what extraction and the grouping per paper find, beside the data files.
_EXTRACTION_MODULES = ("acronyms.py", "extract.py", "lexicon.py", "nlp.py", "normalize.py", "resolve.py", "rules.py")
_CLEAN_MODULES = ("normalize.py", "papers.py", "textclean.py")  # and those of the clean-up
_BATCH = 500  # keys per SELECT, under SQLite's limit on query parameters


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A hash of kg's and spaCy's versions, the extraction modules' source and the data files.

    >>> len(pipeline_version()), pipeline_version() == pipeline_version()
    (16, True)
    """
    package = Path(str(resources.files("kg")))
    return _version(package, [*_EXTRACTION_MODULES, *sorted(str(path.relative_to(package))
                                                           for path in (package / "data").rglob("*") if path.is_file())])


@lru_cache(maxsize=1)
def clean_version() -> str:
    """A hash of kg's version and the clean-up modules' source."""
    return _version(Path(str(resources.files("kg"))), _CLEAN_MODULES)


def _version(package: Path, names: Iterable[str]) -> str:
    digest = hashlib.blake2b(digest_size=8)
    digest.update(f"kg {metadata.version('kg')} spacy {spacy.__version__}".encode())
    for name in names:
        digest.update(name.encode() + b"\0" + (package / name).read_bytes() + b"\0")
    return digest.hexdigest()


def abstract_key(text: str) -> str:
    """The cache key of an abstract: a hash of its exact text (extraction sees every character).

    >>> abstract_key("We propose X.") == abstract_key("We propose X."), abstract_key("a") == abstract_key("A")
    (True, False)
    """
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


class BuildCache:
    """Extractions stored by :func:`abstract_key` for one pipeline version, and cleaned
    records by :func:`~kg.papers.record_key` for one clean-up version.

    Use as a context manager; the methods work on lists, since a build asks about every
    abstract at once. A cache that cannot be opened even afresh is reported and then behaves
    as an empty one that keeps nothing.

    Examples
    --------
    >>> import tempfile
    >>> from kg.extract import Extraction, Mention
    >>> from kg.resolve import pack_paper, paper_entities
    >>> path = Path(tempfile.mkdtemp()) / CACHE_NAME
    >>> found = paper_entities(Extraction("paper:1", (Mention("CLIP", "method", 7, 11, "We use CLIP."),), ()))
    >>> with BuildCache(path) as cache:
    ...     cache.put_packed([("We use CLIP.", pack_paper(found))])
    >>> with BuildCache(path) as cache:
    ...     papers = [Paper("paper:9", "We use CLIP."), Paper("paper:2", "Other.")]
    ...     [p and (p.paper_id, p.entities[0].mentions[0].text) for p in cache.get_papers(papers)]
    [('paper:9', 'CLIP'), None]
    """

    def __init__(self, path: Path, *, version: str | None = None, warn: Warn = ignore_warnings):
        self.path = path
        self.version = version or pipeline_version()
        # each table and the version its rows were made by (the meta row that records it)
        self._versions = {"extractions": ("version", self.version), "cleaned": ("clean_version", clean_version())}
        self._warn = warn
        self._db: sqlite3.Connection | None = None

    def __enter__(self) -> BuildCache:
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as error:  # a corrupt or foreign file: start afresh
            self._warn(f"{self.path}: unreadable build cache ({error}); rebuilding it")
            try:
                self.path.unlink(missing_ok=True)
                self._db = self._open()
            except (OSError, sqlite3.Error) as again:
                self._warn(f"{self.path}: cannot create the build cache ({again}); building without it")
        except (OSError, sqlite3.Error) as error:  # e.g. a read-only folder
            self._warn(f"{self.path}: cannot open the build cache ({error}); building without it")
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path)
        try:
            db.execute("PRAGMA synchronous = OFF")  # a cache: a lost write only costs the work again
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            for table, (name, version) in self._versions.items():
                db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, record TEXT NOT NULL)")
                row = db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
                if row is None or row[0] != version:
                    with db:
                        db.execute(f"DELETE FROM {table}")  # made by another pipeline
                        db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, version))
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def get_papers(self, papers: Sequence[Paper]) -> list[PaperEntities | None]:
        """The entities found before in each paper's abstract, None where the cache has none."""
        return self._get("extractions", [abstract_key(paper.abstract) for paper in papers],
                         lambda paper, packed: unpack_paper(paper.id, packed), papers,
                         "unreadable extraction cache ({}); extracting everything anew")

    def put_packed(self, items: Iterable[tuple[str, Packed]]) -> None:
        """Store, for each ``(abstract, packed)`` pair, what :func:`~kg.resolve.pack_paper`
        made of the entities found in the abstract (packed, as workers send them)."""
        self._put("extractions", ((abstract_key(text), packed) for text, packed in items))

    def get_cleaned(self, keys: Sequence[str]) -> list[Cleaned | None]:
        """What clean-up made before of each record, by :func:`~kg.papers.record_key`; None
        where the cache does not know."""
        return self._get("cleaned", list(keys),
                         lambda _, fields: Cleaned(*fields[:3], *map(tuple, fields[3:6]), fields[6], tuple(fields[7])),
                         keys, "unreadable cache of cleaned records ({}); cleaning every record anew")

    def put_cleaned(self, items: Iterable[tuple[str, Cleaned]]) -> None:
        """Store what clean-up made of each record, as ``(record key, cleaned)`` pairs."""
        self._put("cleaned", ((key, [c.abstract, c.key, c.title, c.comments, c.authors, c.categories, c.doi, c.urls])
                              for key, c in items))

    def _get(self, table: str, keys: list[str], make: Callable, items: Sequence, damaged: str) -> list:
        """``make(item, value)`` for each item whose key has a row in ``table``, else None;
        None for all, with the ``damaged`` warning, when a row is damaged."""
        if self._db is None:
            return [None] * len(keys)
        unique = list(dict.fromkeys(keys))
        records: dict[str, str] = {}
        try:
            for i in range(0, len(unique), _BATCH):
                batch = unique[i:i + _BATCH]
                records.update(self._db.execute(
                    f"SELECT key, record FROM {table} WHERE key IN ({','.join('?' * len(batch))})", batch))
            return [make(item, json.loads(records[key])) if key in records else None
                    for item, key in zip(items, keys)]
        except (sqlite3.DatabaseError, ValueError, TypeError, IndexError) as error:  # a damaged row
            self._warn(f"{self.path}: {damaged.format(error)}")
            return [None] * len(keys)

    def _put(self, table: str, items: Iterable[tuple[str, object]]) -> None:
        if self._db is None:
            return
        rows = ((key, json.dumps(value, ensure_ascii=False, separators=(",", ":"))) for key, value in items)
        try:
            with self._db:
                self._db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", rows)
        except sqlite3.DatabaseError as error:
            self._warn(f"{self.path}: could not update the build cache ({error})")


def clear_cache(out_dir: Path) -> bool:
    """Delete the build cache of output folder ``out_dir``; return whether there was one."""
    path = out_dir / CACHE_NAME
    existed = path.exists()
    path.unlink(missing_ok=True)
    return existed
