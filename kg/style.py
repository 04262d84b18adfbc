"""How each node type looks, shared by the HTML page and the GraphML/GEXF colour attributes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NodeStyle:
    colour: str  # "#rrggbb"
    shape: str  # a vis-network shape
    name: str  # legend text

    @property
    def rgb(self) -> tuple[int, int, int]:
        return tuple(int(self.colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


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
