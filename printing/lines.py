"""What a layout produces: slip lines, each already cut to the paper's columns. The same
lines are what the printer gets (printing/escpos_bytes.py) and what a preview shows."""

from dataclasses import dataclass

from printing import cells
from printing.cells import Paper


@dataclass(frozen=True)
class Line:
    text: str = ""
    kind: str = "text"  # text | qr (text is the payload) | rule
    size: str = "normal"  # normal | tall (double height, GS ! 0x01) | big (double
    #                       width and height, GS ! 0x11: half the columns)
    bold: bool = False

    def plain(self, paper: Paper) -> str:
        """The line as a preview shows it."""
        if self.kind == "rule":
            return "-" * paper.columns
        if self.kind == "qr":
            return cells.center(f"[QR {self.text}]", paper.columns)
        return self.text


def rule() -> Line:
    return Line(kind="rule")


def text(value: str, paper: Paper, indent: str = "", bold: bool = False) -> list[Line]:
    return [Line(part, bold=bold) for part in cells.wrap(value, paper.columns, indent)]


def title(value: str, paper: Paper) -> list[Line]:
    """A bold, centred title: big when it fits on half the columns, else tall."""
    half = paper.columns // 2
    if cells.cells(value) <= half:
        return [Line(cells.center(value, half), size="big", bold=True)]
    return [Line(cells.center(part, paper.columns), size="tall", bold=True)
            for part in cells.wrap(value, paper.columns)]


def centered(value: str, paper: Paper, bold: bool = False) -> list[Line]:
    return [Line(cells.center(part, paper.columns), bold=bold)
            for part in cells.wrap(value, paper.columns)]


def pair(left: str, right: str, paper: Paper, bold: bool = False) -> list[Line]:
    return [Line(part, bold=bold) for part in cells.pair(left, right, paper.columns)]


def qr(payload: str) -> Line:
    return Line(payload, kind="qr")


def preview(lines: list[Line], paper: Paper) -> str:
    return "\n".join(line.plain(paper) for line in lines)
