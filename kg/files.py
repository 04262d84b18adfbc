"""Safe file writing shared by every export."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO

Writer = Callable[[IO[str]], None]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_all(files: Mapping[Path, Writer]) -> None:
    """Write several text files, each streamed through ``write(handle)`` into a temp file beside
    its target; only when all are complete are they renamed into place. A failure on the way
    leaves every previous file as it was, and memory holds no whole file at any time."""
    written: dict[Path, str] = {}
    try:
        for path, write in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.",
                                                 suffix=".tmp", delete=False)
            written[path] = handle.name
            with handle:
                write(handle)
            os.chmod(handle.name, 0o666 & ~_umask())  # temp files are private; outputs are not
        for path, temp in written.items():
            os.replace(temp, path)
    except BaseException:
        for temp in written.values():
            Path(temp).unlink(missing_ok=True)
        raise
