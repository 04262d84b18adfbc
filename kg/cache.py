"""An extraction cache: what the pipeline found in each abstract, in SQLite under the output folder.

Entries are keyed by a hash of the abstract's exact text, and the whole cache by the
:func:`pipeline_version`, a hash of everything that decides what extraction finds (kg's and
spaCy's versions, the extraction modules' source, the data files). A changed pipeline empties
the cache, so a stale entry is never read. The cache is an optimisation only: an unreadable
file is reported, deleted and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

import spacy

from .extract import Extraction, pack, unpack
from .ingest import Warn, ignore_warnings
from .papers import Paper

CACHE_NAME = ".kg-cache.sqlite"
# The modules whose code decides what extraction finds, beside the data files.
_EXTRACTION_MODULES = ("acronyms.py", "extract.py", "lexicon.py", "nlp.py", "normalize.py", "rules.py")
_BATCH = 500  # keys per SELECT, under SQLite's limit on query parameters


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A hash of kg's and spaCy's versions, the extraction modules' source and the data files.

    >>> len(pipeline_version()), pipeline_version() == pipeline_version()
    (16, True)
    """
    digest = hashlib.blake2b(digest_size=8)
    digest.update(f"kg {metadata.version('kg')} spacy {spacy.__version__}".encode())
    package = Path(str(resources.files("kg")))
    files = [package / name for name in _EXTRACTION_MODULES]
    files += sorted(path for path in (package / "data").rglob("*") if path.is_file())
    for path in files:
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def abstract_key(text: str) -> str:
    """The cache key of an abstract: a hash of its exact text (extraction sees every character).

    >>> abstract_key("We propose X.") == abstract_key("We propose X."), abstract_key("a") == abstract_key("A")
    (True, False)
    """
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


class ExtractionCache:
    """Extractions stored by :func:`abstract_key`, for one pipeline version.

    Use as a context manager; :meth:`get` and :meth:`put` work on lists, since a build asks
    about every abstract at once. A cache that cannot be opened even afresh is reported and
    then behaves as an empty one that keeps nothing.

    Examples
    --------
    >>> import tempfile
    >>> from kg.extract import Mention
    >>> path = Path(tempfile.mkdtemp()) / CACHE_NAME
    >>> found = Extraction("paper:1", (Mention("CLIP", "method", 7, 11, "We use CLIP."),), ())
    >>> with ExtractionCache(path) as cache:
    ...     cache.put([("We use CLIP.", found)])
    >>> with ExtractionCache(path) as cache:
    ...     [e and e.mentions[0].text for e in cache.get([Paper("paper:9", "We use CLIP."), Paper("paper:2", "Other.")])]
    ['CLIP', None]
    """

    def __init__(self, path: Path, *, version: str | None = None, warn: Warn = ignore_warnings):
        self.path = path
        self.version = version or pipeline_version()
        self._warn = warn
        self._db: sqlite3.Connection | None = None

    def __enter__(self) -> ExtractionCache:
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as error:  # a corrupt or foreign file: start afresh
            self._warn(f"{self.path}: unreadable extraction cache ({error}); rebuilding it")
            try:
                self.path.unlink(missing_ok=True)
                self._db = self._open()
            except (OSError, sqlite3.Error) as again:
                self._warn(f"{self.path}: cannot create the extraction cache ({again}); building without it")
        except (OSError, sqlite3.Error) as error:  # e.g. a read-only folder
            self._warn(f"{self.path}: cannot open the extraction cache ({error}); building without it")
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path)
        try:
            db.execute("PRAGMA synchronous = OFF")  # a cache: a lost write only costs a re-extraction
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            db.execute("CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, record TEXT NOT NULL)")
            row = db.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()
            if row is None or row[0] != self.version:
                with db:
                    db.execute("DELETE FROM extractions")  # made by another pipeline
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (self.version,))
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def get(self, papers: Sequence[Paper]) -> list[Extraction | None]:
        """The cached extraction of each paper's abstract, None where there is none."""
        keys = [abstract_key(paper.abstract) for paper in papers]
        if self._db is None:
            return [None] * len(papers)
        unique = list(dict.fromkeys(keys))
        records: dict[str, str] = {}
        try:
            for i in range(0, len(unique), _BATCH):
                batch = unique[i:i + _BATCH]
                records.update(self._db.execute(
                    f"SELECT key, record FROM extractions WHERE key IN ({','.join('?' * len(batch))})", batch))
            return [unpack(paper.id, json.loads(records[key])) if key in records else None
                    for paper, key in zip(papers, keys)]
        except (sqlite3.DatabaseError, ValueError, TypeError) as error:  # a damaged row
            self._warn(f"{self.path}: unreadable extraction cache ({error}); extracting everything anew")
            return [None] * len(papers)

    def put(self, items: Iterable[tuple[str, Extraction]]) -> None:
        """Store the extraction of each ``(abstract, extraction)`` pair."""
        if self._db is None:
            return
        rows = ((abstract_key(text), json.dumps(pack(extraction), ensure_ascii=False, separators=(",", ":")))
                for text, extraction in items)
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO extractions VALUES (?, ?)", rows)
        except sqlite3.DatabaseError as error:
            self._warn(f"{self.path}: could not update the extraction cache ({error})")


def clear_cache(out_dir: Path) -> bool:
    """Delete the extraction cache of output folder ``out_dir``; return whether there was one."""
    path = out_dir / CACHE_NAME
    existed = path.exists()
    path.unlink(missing_ok=True)
    return existed
