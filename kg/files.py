"""Safe file writing shared by every export."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO

Writer = Callable[[IO[str]], None]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _keep_copy(path: Path) -> str | None:
    """A hard link (a copy where links are not supported) of the file at ``path``, beside it;
    None when there is no such file."""
    if not path.is_file():
        return None
    fd, backup = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".old")
    os.close(fd)
    os.unlink(backup)
    try:
        os.link(path, backup)
    except OSError:
        shutil.copy2(path, backup)
    return backup


def atomic_write_all(files: Mapping[Path, Writer]) -> None:
    """Write several text files, each streamed through ``write(handle)`` into a temp file beside
    its target; only when all are complete are they renamed into place. A failure on the way,
    even between two renames, leaves every previous file as it was, and memory holds no whole
    file at any time."""
    written: dict[Path, str] = {}
    previous: dict[Path, str | None] = {}
    renamed: list[Path] = []
    try:
        for path, write in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            written[path] = name
            # a plain file object: NamedTemporaryFile's wrapper adds a Python call to every write,
            # a tenth of the export time of a large graph
            with open(fd, "w", encoding="utf-8") as handle:
                write(handle)
            os.chmod(name, 0o666 & ~_umask())  # temp files are private; outputs are not
        previous = {path: _keep_copy(path) for path in written}
        for path, temp in written.items():
            os.replace(temp, path)
            renamed.append(path)
    except BaseException:
        for path in renamed:  # put the previous set back
            if previous[path] is None:
                path.unlink(missing_ok=True)
            else:
                os.replace(previous.pop(path), path)
        for temp in written.values():
            Path(temp).unlink(missing_ok=True)
        raise
    finally:
        for backup in previous.values():
            if backup is not None:
                Path(backup).unlink(missing_ok=True)
