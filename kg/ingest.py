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
import itertools
import json
import re
import zlib
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
# A DOI ends at white space or where a glued sentence starts: a capital that does not continue
# a word, followed by a small letter or a space ("...3680919Deep" and "...3680919A novel" end
# before the capital; "10.48550/arXiv" and "10.1016/j.media" do not).
_DOI = r"10\.\d{4,9}/\S+?(?=(?<![A-Za-z])[A-Z](?:[a-z]|\s)|\s|$)"
_LISTING_MARKER = re.compile(  # case-sensitive: the DOI's end depends on letter case
    rf"^[ \t]*(?i:arXiv):[ \t]*(?P<id>{_NEW_ID}|{_OLD_ID})(?P<version>v\d+)?"
    rf"(?:[ \t]*-[ \t]*(?i:doi):[ \t]*(?P<doi>{_DOI}))?",
    re.M,
)
_ABSTRACT_LINE = re.compile(r"^[ \t]*Abstract:[ \t]*", re.I)
_FIELD_LINE = re.compile(
    r"^[ \t]*(?:\[\d+\][ \t]*)?(?P<field>Title|Authors?|Comments?|Subjects?|Journal-ref|DOI|arXiv)"
    r"[ \t]*:[ \t]*(?P<value>.*)$",
    re.I,
)
# An id at the start of a value, bare or as arXiv writes it ("arXiv:", its URLs, its DOI prefix),
# and not followed by more of an identifier: a DOI like 10.1145/3664647.3680919 is not one.
_ARXIV_ID = re.compile(
    rf"(?:arXiv:|(?:https?://)?(?:www\.)?arxiv\.org/(?:abs|pdf)/|10\.48550/arXiv\.)?[ \t]*"
    rf"({_NEW_ID}|{_OLD_ID})(?:v\d+)?(?:\.pdf)?(?![\w./])",
    re.I,
)
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
# A JSON document starts an object with a key, or an array of objects; "{\\em Deep} nets..." or
# "[1] We study..." is text.
_JSON_DOCUMENT = re.compile(r'\s*(?:\{\s*["}]|\[\s*(?:[{\["\]]|$))')


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
    match = _ARXIV_ID.match(str(value).strip())
    return match.group(1) if match else None


def expand_inputs(paths: Iterable[str | Path]) -> list[Path]:
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
    for file in expand_inputs(paths):
        yield from read_file(file, warn=warn, strict=strict)


def _open_bytes(path: Path) -> io.BufferedIOBase:
    raw = path.open("rb", buffering=_SNIFF_BYTES)  # peek sees up to the buffer size
    if raw.peek(2)[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    return raw


def display_name(path: str | Path) -> str:
    """The path as messages and ``sources`` show it: a file name with bytes that are not UTF-8
    keeps them as ``\\udcXX`` escapes, since a lone surrogate cannot be written to a UTF-8 file.

    >>> display_name("caf\\udce9.txt")
    'caf\\\\udce9.txt'
    """
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def _mostly_utf8(repaired: str) -> bool:
    """Whether text decoded as UTF-8 with replacements holds more valid non-ASCII characters
    than runs of undecodable bytes: a UTF-8 file with a few corrupt bytes, not a legacy encoding."""
    valid = sum(1 for ch in repaired if ord(ch) > 127 and ch != "\ufffd")
    return valid > len(re.findall("\ufffd+", repaired))


def _decode(data: bytes, source: str, warn: Warn, first_line: int = 1) -> str:
    """Decode ``data`` as UTF-8; failing that, as UTF-8 with the bad bytes replaced when most of it
    is UTF-8, else as Windows-1252 or Latin-1; warn with the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = first_line + data[: error.start].count(b"\n")
    text = data.decode("utf-8-sig", errors="replace")
    if _mostly_utf8(text):
        encoding = "UTF-8 with the undecodable bytes replaced"
    else:
        try:
            text, encoding = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "Latin-1"
    warn(f"{source}:{line}: not valid UTF-8; read as {encoding}")
    return text


def read_file(path: str | Path, *, warn: Warn = ignore_warnings, strict: bool = False) -> Iterator[RawRecord]:
    """Yield the records of one file, detecting its format.

    A binary file (PDF, image, archive) is skipped with a warning; an empty file too.
    """
    path = Path(path)
    source = display_name(path)
    try:
        with _open_bytes(path) as stream:
            head = _peek(stream).removeprefix(b"\xef\xbb\xbf")
            if head.startswith((b"\xff\xfe", b"\xfe\xff")):
                text = stream.read().decode("utf-16", errors="replace")  # Windows "Unicode" text
                warn(f"{source}: not UTF-8; read as UTF-16")
                yield from _read_text(text, source, warn, strict)
                return
            if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
                warn(f"{source}: binary file (not text or JSON Lines), skipped")
                return
            first: list[bytes] = []  # lines already read
            if head.strip() and b"\n" not in head.lstrip():
                # the first line is longer than the sniffed bytes: read it whole to tell JSON Lines
                while not first or (first[-1] and not first[-1].strip()):
                    first.append(stream.readline())
                head = (b"".join(first) + _peek(stream)).removeprefix(b"\xef\xbb\xbf")
            if _looks_like_jsonl(head):
                yield from _read_jsonl(itertools.chain(first, stream), source, warn, strict)
                return
            text = _decode(b"".join(first) + stream.read(), source, warn)
    except (OSError, EOFError, zlib.error) as error:
        reason = getattr(error, "strerror", None) or error
        raise InputError(f"cannot read ({reason})", path=source) from error
    yield from _read_text(text, source, warn, strict)


def _peek(stream: io.BufferedIOBase) -> bytes:
    return stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES] if hasattr(stream, "peek") else b""


def _read_text(text: str, source: str, warn: Warn, strict: bool) -> Iterator[RawRecord]:
    """Records of a decoded text file, by the format its content shows.

    Lines end at "\\n", "\\r\\n" or a lone "\\r", as editors count them; the parsers split at "\\n"
    only, since ``str.splitlines`` also breaks at vertical tabs and Unicode line separators
    inside a line, which would shift every line number after them.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        warn(f"{source}: empty file, skipped")
        return
    if _JSON_DOCUMENT.match(text) or source.lower().endswith((".json", ".json.gz")):
        yield from _read_json_document(text, source, warn, strict)
    elif any(_ABSTRACT_LINE.match(line) for line in text.split("\n")):
        yield from parse_abstract_lines(text, source)
    elif _LISTING_MARKER.search(text):
        yield from parse_listing(text, source)
    else:
        yield from parse_paragraphs(text, source)


def _as_tuple(value: object, separator: str | None) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        parts = re.split(separator, value) if separator else [value]
    elif isinstance(value, (list, tuple)):
        parts = [_person(part) for part in value]
    else:
        parts = [str(value)]
    return tuple(part.strip() for part in parts if part and part.strip())


def _person(value: object) -> str:
    """An author given as a string, {"name": ...}, or arXiv's parsed ["Last", "First", ...]."""
    if isinstance(value, dict):
        return str(value.get("name") or " ".join(str(v) for v in value.values() if isinstance(v, str)))
    if isinstance(value, (list, tuple)):
        return " ".join(str(p) for p in (*value[1:2], *value[:1]) if p)
    return "" if value is None else str(value)


def _abstract_text(obj: dict) -> str | None:
    for name in ("abstract", "summary"):
        if isinstance(obj.get(name), str) and obj[name].strip():
            return obj[name]
    return None


_AUTHOR_SEPARATORS = r",\s*(?:and\s+)?|\s+and\s+"


def record_from_json(obj: object, source: str, line: int) -> RawRecord:
    """Build a record from one JSON object; raise :class:`InputError` if it has no abstract."""
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, got {type(obj).__name__}", path=source, line=line)
    text = _abstract_text(obj)
    if text is None:
        raise InputError('no "abstract" or "summary" text', path=source, line=line)
    authors = obj.get("authors")
    return RawRecord(
        text=text,
        source=source,
        line=line,
        arxiv_id=normalize_arxiv_id(obj.get("arxiv_id") or obj.get("id")),
        doi=str(obj["doi"]).strip() if obj.get("doi") else None,
        title=obj["title"].strip() if isinstance(obj.get("title"), str) else None,
        authors=_as_tuple(authors, _AUTHOR_SEPARATORS),
        categories=_as_tuple(obj.get("categories"), r"\s+"),
        comments=_as_tuple(obj.get("comment") or obj.get("comments"), None),
    )


class _Tally:
    """Pass on the first few warnings of one kind and count the rest, so a dump with thousands
    of bad lines gives a handful of ``file:line`` messages and one total."""

    LIMIT = 5

    def __init__(self, warn: Warn):
        self.warn, self.count = warn, 0

    def __call__(self, message: str) -> None:
        self.count += 1
        if self.count <= self.LIMIT:
            self.warn(message)

    def total(self, source: str, what: str) -> None:
        if self.count > self.LIMIT:
            self.warn(f"{source}: {self.count} {what} in all")


def _read_jsonl(lines: Iterable[bytes], source: str, warn: Warn, strict: bool) -> Iterator[RawRecord]:
    skipped, misencoded = _Tally(warn), _Tally(warn)
    for number, data in enumerate(lines, start=1):
        if not data.strip():
            continue
        line = _decode(data, source, misencoded, first_line=number)
        try:
            yield record_from_json(json.loads(line), source, number)
            continue
        except (ValueError, RecursionError) as error:
            problem = f"not valid JSON ({error.args[0] if error.args else 'nested too deeply'})"
        except InputError as error:
            problem = error.problem
        if strict:
            raise InputError(problem, path=source, line=number)
        skipped(f"{source}:{number}: {problem}; line skipped")
    skipped.total(source, "lines skipped")
    misencoded.total(source, "lines not valid UTF-8")


def _looks_like_jsonl(head: bytes) -> bool:
    """JSON Lines: the first line is a JSON object, or the second line starts one too (so a
    malformed first line is one bad line, not a bad file). A pretty-printed document is neither."""
    lines = [line.strip() for line in head.lstrip().split(b"\n", 2)[:2]]
    if not lines or not lines[0].startswith(b"{"):
        return False
    try:
        json.loads(lines[0])
        return True
    except ValueError:
        return len(lines) > 1 and lines[1].startswith(b"{")


def _json_items(text: str) -> Iterator[tuple[int, object]]:
    """The items of a JSON array (or the one object of a document), each with its line number."""
    decoder = json.JSONDecoder()
    position = len(text) - len(text.lstrip())
    if text[position] == "{":
        yield text.count("\n", 0, position) + 1, decoder.raw_decode(text, position)[0]
        return
    position += 1
    while True:
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        if position >= len(text) or text[position] == "]":
            return
        item, end = decoder.raw_decode(text, position)
        yield text.count("\n", 0, position) + 1, item
        position = end


def _read_json_document(text: str, source: str, warn: Warn, strict: bool) -> Iterator[RawRecord]:
    """A whole-file JSON array of papers, or one paper object spread over several lines."""
    try:
        items = list(_json_items(text))
        json.loads(text)  # the whole document must be valid, not just its items
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON ({error.msg}, column {error.colno})", path=source, line=error.lineno) from error
    except RecursionError as error:
        raise InputError("not valid JSON (nested too deeply)", path=source) from error
    if len(items) == 1 and isinstance(items[0][1], dict) and not _abstract_text(items[0][1]) and \
            text.lstrip().startswith("{"):
        warn(f"{source}: a JSON object with no \"abstract\" or \"summary\", skipped")
        return
    for line, item in items:
        try:
            yield record_from_json(item, source, line)
        except InputError as error:
            if strict:
                raise
            warn(f"{source}:{line}: {error.problem}; skipped")


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
        authors = tuple(a for s in fields.get("authors", ()) for a in _as_tuple(s, _AUTHOR_SEPARATORS))
        return RawRecord(
            text=" ".join(part for part in current or () if part),
            source=source,
            line=start,
            arxiv_id=normalize_arxiv_id((fields.get("arxiv") or [None])[0]),
            doi=(fields.get("doi") or [None])[0],
            title=" ".join(fields["title"]) if fields.get("title") else None,
            authors=authors,
            categories=categories,
            comments=comments,
        )

    for number, line in enumerate(text.split("\n"), start=1):
        abstract = _ABSTRACT_LINE.match(line)
        field = None if abstract else _FIELD_LINE.match(line)
        if abstract:
            if current and current != [""]:
                yield record()
                fields = {}
            current, start = [line[abstract.end():].strip()], number
        elif field:
            if current and current != [""]:
                yield record()
                fields, current = {}, None
            name = field.group("field").lower().rstrip("s")
            name = {"author": "authors", "comment": "comments", "subject": "subjects"}.get(name, name)
            fields.setdefault(name, []).append(field.group("value").strip())
        elif not line.strip():
            if current and current != [""]:  # "Abstract:" alone on its line: the text follows
                yield record()
                fields, current = {}, None
        elif current is not None:
            current.append(line.strip())
    if current and current != [""]:
        yield record()


def _looks_like_comment(line: str) -> bool:
    return len(line) <= 300 and (
        _COMMENT_WORDS.search(line) is not None or (len(line) <= 120 and not _SENTENCE_END.search(line))
    )


def _split_comments(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split a raw-listing block into abstract lines and the comment lines that follow it.

    Trailing lines are comments when they look like ones (venue or page words, or a short line
    with no final full stop) and the abstract before them ends a sentence. In hard-wrapped text
    a line that ends a sentence right after a full-width line is the sentence wrapping, not a
    comment.
    """
    longest = max(map(len, lines))
    # hard-wrapped: several lines close to the same width (one-line abstracts are just long)
    wrapped = longest <= 200 and sum(len(line) >= 0.9 * longest for line in lines) >= 2
    full = 0.75 * longest if wrapped else float("inf")
    end = len(lines)
    while end > 1 and _looks_like_comment(lines[end - 1]):
        line, previous = lines[end - 1], lines[end - 2]
        if _SENTENCE_END.search(line) and len(previous) >= full:
            break  # a sentence that wrapped onto this line
        if not _SENTENCE_END.search(previous) and not (_looks_like_comment(previous) and len(previous) < full):
            break
        end -= 1
    # the abstract must end a sentence; if it does not, the "comments" were its last lines
    while end < len(lines) and not _SENTENCE_END.search(lines[end - 1]):
        end += 1
    return lines[:end], lines[end:]


def _raw_block(block: str, source: str, first_line: int, **ids: str | None) -> RawRecord | None:
    lines = [line.strip() for line in block.split("\n")]
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
