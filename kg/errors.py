"""The one error hierarchy of kg: every message says what went wrong and what to do."""


class KgError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KgError):
    """An input file or directory cannot be read as abstracts."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        where = path if line is None else f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.problem = message
        self.path = path
        self.line = line


class OutputError(KgError):
    """An output file cannot be written."""


class NotFoundError(KgError):
    """A query names a node, or a node type, that the graph does not have."""

    def __init__(self, message: str, *, suggestions: tuple[str, ...] = ()):
        super().__init__(message)
        self.suggestions = suggestions


class AmbiguousError(KgError):
    """A query name fits several nodes equally well."""

    def __init__(self, message: str, *, candidates: tuple[str, ...] = ()):
        super().__init__(message)
        self.candidates = candidates
