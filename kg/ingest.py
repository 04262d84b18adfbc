"""Read input files into :class:`RawRecord` s, one per abstract found.

Formats are detected per file, whatever its name:

- **JSON Lines** (optionally gzip-compressed), one paper a line with ``abstract`` or ``summary``
  and optional ``id``/``arxiv_id``, ``title``, ``authors``, ``categories``, ``comment``, ``doi``;
  a JSON array of such objects is read too;
- **abstract lines**: arXiv listing text where each abstract is a line starting ``Abstract:``,
  optionally preceded by listing fields (``arXiv:ID``, ``Title:``, ``Authors:``, ``Comments:``,
  ``Subjects:``, ``DOI:``);
- **raw listings**: the abstract first, then optional comment lines, then ``arXiv:ID`` with an
  optional `` - doi: DOI``, glued to the start of the *next* abstract
  (``arXiv:2409.03501The vision-language ...``): the id belongs to the abstract before it;
- **paragraphs**: any other text, one abstract per blank-line-separated paragraph.

Problems that lose no data (a malformed JSON line, a binary file among text files, a non-UTF-8
file) are reported through the ``warn`` callback; problems that leave nothing to build raise
:class:`~kg.errors.InputError` naming the file (and line).
"""

from __future__ import annotations

import gzip
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

Warn = Callable[[str], None]

# Suffixes read when a directory is given; a file named explicitly is read whatever its name.
INPUT_SUFFIXES = (".txt", ".text", ".jsonl", ".ndjson", ".json", ".gz")
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x7fELF")
_SNIFF_BYTES = 65536

_NEW_ID = r"\d{4}\.\d{4,5}"
_OLD_ID = r"[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}"
# A DOI ends at white space or where a glued sentence starts: a capital and a small letter
# that do not continue a word ("...3680919Deep" ends before "Deep", "10.48550/arXiv" does not).
_DOI = r"10\.\d{4,9}/\S+?(?=(?<![A-Za-z])[A-Z][a-z]|\s|$)"
_LISTING_MARKER = re.compile(
    rf"^[ \t]*arXiv:[ \t]*(?P<id>{_NEW_ID}|{_OLD_ID})(?P<version>v\d+)?"
    rf"(?:[ \t]*-[ \t]*doi:[ \t]*(?P<doi>{_DOI}))?",
    re.M | re.I,
)
_ABSTRACT_LINE = re.compile(r"^[ \t]*Abstract:[ \t]*", re.I)
_FIELD_LINE = re.compile(
    r"^[ \t]*(?:\[\d+\][ \t]*)?(?P<field>Title|Authors?|Comments?|Subjects?|Journal-ref|DOI|arXiv)"
    r"[ \t]*:[ \t]*(?P<value>.*)$",
    re.I,
)
_ARXIV_ID = re.compile(rf"(?:arXiv:|arxiv\.org/(?:abs|pdf)/)?[ \t]*({_NEW_ID}|{_OLD_ID})(v\d+)?", re.I)
# Lines of a raw listing that follow an abstract: venue, page counts, code links.
_COMMENT_WORDS = re.compile(
    r"\b(?:accepted|accept|to appear|appears? in|published|submitted|under review|camera[- ]ready|"
    r"preprint|\d+\s*pages?|pages|figures?|figs?|tables?|workshop|conference|journal|proceedings|"
    r"symposium|track|oral|spotlight|poster|version|code|project page|github|homepage|"
    r"MICCAI|CVPR|ICCV|ECCV|NeurIPS|NIPS|ICLR|ICML|AAAI|IJCAI|ACL|EMNLP|NAACL|COLING|ACM|IEEE|"
    r"TPAMI|TIP|WACV|BMVC|KDD|SIGIR|ISBI|IROS|ICRA|ICASSP|INTERSPEECH|3DV|ACCV|ICPR|MM)\b",
    re.I,
)
_PARAGRAPH = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")  # consecutive non-blank lines
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One abstract as found in one input file, before clean-up and de-duplication."""

    text: str
    source: str  # the input file, as the user named it
    line: int  # 1-based line where the abstract starts
    arxiv_id: str | None = None  # without version suffix
    doi: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()

    @property
    def location(self) -> str:
        """``file:line``, the form kept in a paper's ``sources``."""
        return f"{self.source}:{self.line}"


def ignore_warnings(message: str) -> None:
    """The default ``warn`` callback: drop the message."""
    pass


def normalize_arxiv_id(value: str | None) -> str | None:
    """Return the bare arXiv id (no ``arXiv:`` prefix, URL or version), or None.

    >>> normalize_arxiv_id("arXiv:2409.03501v2"), normalize_arxiv_id("https://arxiv.org/abs/cs/0112017")
    ('2409.03501', 'cs/0112017')
    """
    if not value:
        return None
    match = _ARXIV_ID.search(str(value).strip())
    return match.group(1) if match else None


def expand_inputs(paths: Iterable[str | Path], warn: Warn = ignore_warnings) -> list[Path]:
    """Turn files and directories into the sorted list of files to read.

    Directories are searched recursively for files with an input suffix; hidden files and
    folders are skipped. Raises :class:`InputError` for a missing path or an empty directory.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.name.lower().endswith(INPUT_SUFFIXES)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise InputError(
                    f"no input files ({', '.join(INPUT_SUFFIXES)}) in this directory", path=str(path)
                )
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise InputError("no such file or directory", path=str(path))
    seen: set[Path] = set()
    unique = []
    for file in files:
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(file)
    return unique


def read_records(paths: Iterable[str | Path], *, warn: Warn = ignore_warnings, strict: bool = False) -> Iterator[RawRecord]:
    """Yield the records of every input file, in file order.

    Parameters
    ----------
    paths : files or directories
    warn : called with a one-line message for each problem that was worked around
    strict : raise on a malformed JSON line instead of skipping it

    Examples
    --------
    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> with open(os.path.join(folder, "a.txt"), "w") as f:
    ...     _ = f.write("Abstract: We study graphs.\\n")
    >>> [r.text for r in read_records([folder])]
    ['We study graphs.']
    """
    for file in expand_inputs(paths, warn):
        yield from read_file(file, warn=warn, strict=strict)


def _open_bytes(path: Path) -> io.BufferedIOBase:
    raw = path.open("rb")
    if raw.peek(2)[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    return raw


def _decode(data: bytes, source: str, warn: Warn) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        try:
            text = data.decode("cp1252")
            encoding = "Windows-1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            encoding = "Latin-1"
        line = data[: error.start].count(b"\n") + 1
        warn(f"{source}:{line}: not valid UTF-8; read as {encoding}")
        return text


def read_file(path: str | Path, *, warn: Warn = ignore_warnings, strict: bool = False) -> Iterator[RawRecord]:
    """Yield the records of one file, detecting its format.

    A binary file (PDF, image, archive) is skipped with a warning; an empty file too.
    """
    path = Path(path)
    source = str(path)
    try:
        stream = _open_bytes(path)
        head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES] if hasattr(stream, "peek") else b""
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path=source) from error
    with stream:
        try:
            if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
                warn(f"{source}: binary file (not text or JSON Lines), skipped")
                return
            if head.lstrip()[:1] == b"{" and _first_line_is_json(head):
                yield from _read_jsonl(stream, source, warn, strict)
                return
            text = _decode(stream.read(), source, warn)
        except (OSError, EOFError, gzip.BadGzipFile) as error:
            raise InputError(f"cannot read: {error}", path=source) from error
    if not text.strip():
        warn(f"{source}: empty file, skipped")
        return
    if text.lstrip()[:1] in ("[", "{"):
        yield from _read_json_document(text, source, warn, strict)
    elif any(_ABSTRACT_LINE.match(line) for line in text.splitlines()):
        yield from parse_abstract_lines(text, source)
    elif _LISTING_MARKER.search(text):
        yield from parse_listing(text, source)
    else:
        yield from parse_paragraphs(text, source)


def _as_tuple(value: object, separator: str | None) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        parts = value.split(separator) if separator else [value]
    elif isinstance(value, (list, tuple)):
        parts = [part if isinstance(part, str) else " ".join(map(str, part)) for part in value]
    else:
        parts = [str(value)]
    return tuple(part.strip() for part in parts if part and part.strip())


def record_from_json(obj: object, source: str, line: int) -> RawRecord:
    """Build a record from one JSON object; raise :class:`InputError` if it has no abstract."""
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, got {type(obj).__name__}", path=source, line=line)
    text = obj.get("abstract") or obj.get("summary")
    if not isinstance(text, str) or not text.strip():
        raise InputError('no "abstract" or "summary" text', path=source, line=line)
    authors = obj.get("authors")
    return RawRecord(
        text=text,
        source=source,
        line=line,
        arxiv_id=normalize_arxiv_id(obj.get("arxiv_id") or obj.get("id")),
        doi=str(obj["doi"]).strip() if obj.get("doi") else None,
        title=obj["title"].strip() if isinstance(obj.get("title"), str) else None,
        authors=_as_tuple(authors, ",") if isinstance(authors, str) else _as_tuple(authors, None),
        categories=_as_tuple(obj.get("categories"), " " if isinstance(obj.get("categories"), str) else None),
        comments=_as_tuple(obj.get("comment") or obj.get("comments"), None),
    )


def _read_jsonl(stream: io.BufferedIOBase, source: str, warn: Warn, strict: bool) -> Iterator[RawRecord]:
    skipped = 0
    for number, data in enumerate(stream, start=1):
        if not data.strip():
            continue
        try:
            line = data.decode("utf-8")
        except UnicodeDecodeError:
            line = data.decode("cp1252", errors="replace")
            warn(f"{source}:{number}: not valid UTF-8; read as Windows-1252")
        try:
            yield record_from_json(json.loads(line), source, number)
            continue
        except ValueError as error:
            problem = f"not valid JSON ({error.args[0]})"
        except InputError as error:
            problem = error.problem
        if strict:
            raise InputError(problem, path=source, line=number)
        skipped += 1
        if skipped <= 5:
            warn(f"{source}:{number}: {problem}; line skipped")
    if skipped > 5:
        warn(f"{source}: {skipped} lines skipped in all")


def _first_line_is_json(head: bytes) -> bool:
    line = head.lstrip().split(b"\n", 1)[0]
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def _read_json_document(text: str, source: str, warn: Warn, strict: bool) -> Iterator[RawRecord]:
    """A whole-file JSON array of papers, or one paper object spread over several lines."""
    try:
        items = json.loads(text)
    except ValueError as error:
        raise InputError(f"not valid JSON ({error.args[0]})", path=source) from error
    if isinstance(items, dict) and not (items.get("abstract") or items.get("summary")):
        warn(f"{source}: a JSON object with no \"abstract\" or \"summary\", skipped")
        return
    for index, item in enumerate(items if isinstance(items, list) else [items], start=1):
        try:
            yield record_from_json(item, source, index)
        except InputError as error:
            if strict:
                raise
            warn(f"{source}: item {index}: {error.problem}; skipped")


def parse_abstract_lines(text: str, source: str) -> Iterator[RawRecord]:
    """Parse listing text where each abstract is a line starting with ``Abstract:``.

    Listing fields on the lines before an abstract (``arXiv:ID``, ``Title:``, ``Authors:``,
    ``Comments:``, ``Subjects:``, ``DOI:``) belong to it; lines right after an abstract line,
    up to a blank line or a field, continue it (hard-wrapped pastes).

    >>> [(r.line, r.text, r.title) for r in parse_abstract_lines(
    ...     "Title: Graphs\\nAbstract: We study\\ngraphs.\\n\\nAbstract: Another one.", "x.txt")]
    [(2, 'We study graphs.', 'Graphs'), (5, 'Another one.', None)]
    """
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    start = 0

    def record() -> RawRecord:
        comments = tuple(fields.get("comments", ()))
        categories = tuple(c.strip() for s in fields.get("subjects", ()) for c in s.split(";") if c.strip())
        authors = tuple(a.strip() for s in fields.get("authors", ()) for a in re.split(r",| and ", s) if a.strip())
        return RawRecord(
            text=" ".join(current or ()),
            source=source,
            line=start,
            arxiv_id=normalize_arxiv_id((fields.get("arxiv") or [None])[0]),
            doi=(fields.get("doi") or [None])[0],
            title=" ".join(fields["title"]) if fields.get("title") else None,
            authors=authors,
            categories=categories,
            comments=comments,
        )

    for number, line in enumerate(text.splitlines(), start=1):
        abstract = _ABSTRACT_LINE.match(line)
        field = None if abstract else _FIELD_LINE.match(line)
        if abstract:
            if current:
                yield record()
                fields = {}
            current, start = [line[abstract.end():].strip()], number
        elif field:
            if current:
                yield record()
                fields, current = {}, None
            name = field.group("field").lower().rstrip("s")
            name = {"author": "authors", "comment": "comments", "subject": "subjects"}.get(name, name)
            fields.setdefault(name, []).append(field.group("value").strip())
        elif not line.strip():
            if current:
                yield record()
                fields, current = {}, None
        elif current is not None:
            current.append(line.strip())
    if current:
        yield record()


def _split_comments(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split a raw-listing block into abstract lines and the comment lines that follow it.

    A trailing line is a comment when the line before it ends a sentence (or is a comment)
    and it looks like one: venue or page words, or a short line with no final full stop. In
    hard-wrapped text a full previous line means the sentence simply wrapped, so a trailing
    line that ends a sentence there is still abstract.
    """
    wrap_width = max(map(len, lines)) if len(lines) >= 3 else None
    end = len(lines)
    while end > 1:
        line, previous = lines[end - 1], lines[end - 2]
        ends_sentence = _SENTENCE_END.search(line) is not None
        looks_like_comment = len(line) <= 300 and (
            _COMMENT_WORDS.search(line) is not None or (len(line) <= 120 and not ends_sentence)
        )
        wrapped_here = ends_sentence and wrap_width is not None and len(previous) >= 0.75 * wrap_width
        if not looks_like_comment or wrapped_here or not _SENTENCE_END.search(previous):
            break
        end -= 1
    return lines[:end], lines[end:]


def _raw_block(block: str, source: str, first_line: int, **ids: str | None) -> RawRecord | None:
    lines = [line.strip() for line in block.splitlines()]
    offset = next((i for i, line in enumerate(lines) if line), None)
    if offset is None:
        return None
    body, comments = _split_comments([line for line in lines if line])
    return RawRecord(
        text=" ".join(body), source=source, line=first_line + offset, comments=tuple(comments), **ids
    )


def parse_listing(text: str, source: str) -> Iterator[RawRecord]:
    """Parse a raw arXiv listing: abstract, comment lines, then ``arXiv:ID [- doi: DOI]``.

    The id line closes the abstract before it; text glued after the id or DOI starts the next.

    >>> [(r.arxiv_id, r.doi, r.text, r.comments) for r in parse_listing(
    ...     "First abstract.\\nAccepted by MICCAI 2024\\narXiv:2409.03501 - doi: 10.1145/x.1Second one.\\n"
    ...     "arXiv:2408.12141", "x.txt")]
    [('2409.03501', '10.1145/x.1', 'First abstract.', ('Accepted by MICCAI 2024',)), ('2408.12141', None, 'Second one.', ())]
    """
    position, line = 0, 1
    for marker in _LISTING_MARKER.finditer(text):
        arxiv_id = marker.group("id")
        if re.fullmatch(r"\d{4}\.\d{5}", arxiv_id) and arxiv_id < "1501":
            # ids before 2015 have four digits after the dot: the fifth starts the next abstract
            marker_end = marker.start("id") + 9
            arxiv_id, doi = arxiv_id[:9], None
        else:
            marker_end, doi = marker.end(), marker.group("doi")
        record = _raw_block(text[position:marker.start()], source, line, arxiv_id=arxiv_id, doi=doi)
        if record:
            yield record
        line += text.count("\n", position, marker_end)
        position = marker_end
    record = _raw_block(text[position:], source, line)
    if record:
        yield record


def parse_paragraphs(text: str, source: str) -> Iterator[RawRecord]:
    """Parse plain text: one abstract per blank-line-separated paragraph.

    >>> [(r.line, r.text) for r in parse_paragraphs("One\\nabstract.\\n\\n\\nTwo.", "x.txt")]
    [(1, 'One abstract.'), (5, 'Two.')]
    """
    for block in _PARAGRAPH.finditer(text):
        yield RawRecord(text=" ".join(block.group().split()), source=source, line=text.count("\n", 0, block.start()) + 1)
