"""A histogram of averages drawn with block characters, one bar per point of average."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

BLOCKS = " ▁▂▃▄▅▆▇█"
BAR = 3  # columns per bar


class Histogram(Widget):
    """Bars per point of average (0 to 20), coloured by the regulation's thresholds."""

    DEFAULT_CSS = """
    Histogram { height: 8; width: auto; }
    Histogram > .histogram--low { color: $text-error; }
    Histogram > .histogram--mid { color: $text-warning; }
    Histogram > .histogram--high { color: $text-success; }
    Histogram > .histogram--axis { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"histogram--low", "histogram--mid", "histogram--high", "histogram--axis"}

    def __init__(self, *, id=None):
        super().__init__(id=id)
        self.bins: tuple[int, ...] = ()
        self.controle = 800
        self.admis = 1000
        self.rows = 6

    def show(self, bins: tuple[int, ...], controle: int, admis: int) -> None:
        self.bins, self.controle, self.admis = bins, controle, admis
        self.refresh(layout=True)

    def get_content_width(self, container, viewport) -> int:
        return 4 + BAR * 20

    def _style_for(self, point: int) -> str:
        if point * 100 >= self.admis:
            return "histogram--high"
        if point * 100 >= self.controle:
            return "histogram--mid"
        return "histogram--low"

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        axis = self.get_component_rich_style("histogram--axis")
        if not self.bins:
            return Text("calcul…", style=axis)
        if not any(self.bins):
            return Text("aucune moyenne à représenter", style=axis)
        top = max(self.bins)
        eighths = [round(count * self.rows * 8 / top) if count else 0 for count in self.bins]
        styles = [self.get_component_rich_style(self._style_for(p)) for p in range(20)]
        for row in range(self.rows, 0, -1):
            text.append(f"{top if row == self.rows else '':>3} ", axis)
            for p, e in enumerate(eighths):
                level = max(0, min(8, e - (row - 1) * 8))
                cell = BLOCKS[level] * (BAR - 1) + " "
                if level == 0 and row == 1 and self.bins[p]:
                    cell = "▁" * (BAR - 1) + " "
                text.append(cell, styles[p])
            text.append("\n")
        text.append("    " + "".join(f"{_count(c):<{BAR}}" for c in self.bins), axis)
        text.append("\n")
        labels = "".join(f"{p:<{BAR * 2}}" for p in range(0, 20, 2))
        text.append("    " + labels + "20", axis)
        return text


def _count(n: int) -> str:
    if not n:
        return ""
    return str(n) if n < 1000 else f"{n // 1000}k"
