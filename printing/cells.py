"""Text measured as a thermal printer measures it: in Chinese mode every character outside
ASCII prints double-width (24 dots of a 12-dot column grid), ASCII single-width. That is
GBK's rule (two bytes, two columns), and the image lines for characters outside GBK are
drawn on the same grid, so one measure fits both.
"""

from dataclasses import dataclass

WIDTHS = {58: (32, 384), 80: (48, 576)}  # paper mm -> (columns, dots)
DOTS_PER_COLUMN = 12


@dataclass(frozen=True)
class Paper:
    mm: int
    columns: int
    dots: int

    @classmethod
    def of(cls, mm: int) -> "Paper":
        columns, dots = WIDTHS[mm]
        return cls(mm, columns, dots)


def char_cells(ch: str) -> int:
    return 1 if ord(ch) < 0x80 else 2


def cells(text: str) -> int:
    return sum(char_cells(ch) for ch in text)


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Lines of at most `width` cells; continuation lines start with `indent`. Breaks
    between any two characters (Chinese has no spaces), but keeps an ASCII word (an ID,
    an amount, a receipt number) whole when it fits on a line of its own."""
    if width < 2 + cells(indent):
        raise ValueError("width too small")
    lines: list[str] = []
    current, used = "", 0
    for token in _tokens(text):
        size = cells(token)
        if used + size <= width:
            current, used = current + token, used + size
            continue
        if token.isascii() and len(token) > 1 and size <= width - cells(indent):
            lines.append(current.rstrip())
            current, used = indent + token.lstrip(), cells(indent) + cells(token.lstrip())
            continue
        for ch in token:
            if used + char_cells(ch) > width:
                lines.append(current.rstrip())
                current, used = indent, cells(indent)
                if ch == " ":
                    continue
            current, used = current + ch, used + char_cells(ch)
    lines.append(current.rstrip())
    return lines


def _tokens(text: str) -> list[str]:
    """ASCII runs without spaces stay together (a run may end after a colon, where a
    check text is broken); everything else is one character."""
    tokens: list[str] = []
    for ch in text:
        if ch.isascii() and ch != " " and tokens and tokens[-1].isascii() \
                and tokens[-1][-1] not in " :":
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return tokens


def pad_right(text: str, width: int) -> str:
    return text + " " * max(0, width - cells(text))


def center(text: str, width: int) -> str:
    gap = max(0, width - cells(text))
    return " " * (gap // 2) + text


def pair(left: str, right: str, width: int) -> list[str]:
    """`left` at the start, `right` flush with the end of the line; when both do not fit
    on one line, `left` wraps and `right` takes the last line's end (or a line of its own)."""
    lines = wrap(left, width)
    last = lines[-1]
    if cells(last) + 1 + cells(right) <= width:
        lines[-1] = last + " " * (width - cells(last) - cells(right)) + right
    else:
        lines.append(" " * max(0, width - cells(right)) + right)
    return lines
