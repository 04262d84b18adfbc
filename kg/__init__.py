"""kg: knowledge graphs of methods, datasets, tasks, metrics and acronyms from research abstracts.

``kg.build(paths)`` and ``kg.load(path)`` give a :class:`~kg.query.KnowledgeGraph` to query.
They are imported on first use, so ``import kg`` stays cheap (the pipeline loads spaCy).
"""

from importlib import import_module

__all__ = ["KnowledgeGraph", "build", "load"]


def __getattr__(name: str):
    if name in __all__:
        return getattr(import_module(".query", __name__), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
