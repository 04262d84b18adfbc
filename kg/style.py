"""How each node type looks, shared by the HTML page and the GraphML/GEXF colour attributes."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NodeStyle:
    colour: str  # "#rrggbb"
    shape: str  # a vis-network shape
    name: str  # legend text

    @property
    def gexf_shape(self) -> str:
        """The nearest of GEXF's viz shapes (disc, square, triangle, diamond)."""
        return self.shape if self.shape in ("square", "triangle", "diamond") else "disc"

    @property
    def rgb(self) -> tuple[int, int, int]:
        return hex_rgb(self.colour)


def hex_rgb(colour: str) -> tuple[int, int, int]:
    """``"#rrggbb"`` as integers.

    >>> hex_rgb("#E69F00")
    (230, 159, 0)
    """
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


# Colour-blind-safe palette (Okabe & Ito, 2008).
NODE_STYLES = {
    "paper": NodeStyle("#0072B2", "dot", "Paper"),
    "method": NodeStyle("#E69F00", "diamond", "Method"),
    "dataset": NodeStyle("#009E73", "square", "Dataset"),
    "task": NodeStyle("#CC79A7", "triangle", "Task"),
    "metric": NodeStyle("#D55E00", "star", "Metric"),
}
RELATION_COLOURS = {
    "proposes": "#C0392B",
    "uses": "#E69F00",
    "addresses": "#CC79A7",
    "evaluates_on": "#009E73",
    "reports": "#D55E00",
}


def node_size(paper_count: int) -> float:
    """Drawing size of a node that ``paper_count`` papers mention: grows with the square root,
    so a node in 100 papers is ten times wider than one in a single paper, not a hundred.

    >>> node_size(1), node_size(4)
    (16.0, 22.0)
    """
    return 10 + 6 * math.sqrt(max(paper_count, 1))
