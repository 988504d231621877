"""Money is integer fen. Yuan appear only as text: "280.00"."""

import re
from dataclasses import Field
from types import MappingProxyType

from models.texts import messages as msg

# Field metadata marking an int dataclass field as an amount in fen:
#     gross: int = field(default=0, metadata=FEN)
# Output (the command line's JSON) shows such a field in yuan; an unmarked int is a count.
FEN = MappingProxyType({"unit": "fen"})

_YUAN = re.compile(r"^(\d+)(?:\.(\d{1,2}))?$")


def yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def is_fen(f: Field) -> bool:
    return f.metadata.get("unit") == "fen"


def parse_yuan(value: object) -> int:
    """Whole yuan as an integer, or a string like "280" or "280.50". Never a float."""
    if isinstance(value, bool):
        raise ValueError(msg.MONEY_NOT_BOOLEAN)
    if isinstance(value, int):
        if value < 0:
            raise ValueError(msg.MONEY_NEGATIVE)
        return value * 100
    if isinstance(value, str):
        match = _YUAN.match(value.strip())
        if match:
            return int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))
    raise ValueError(msg.MONEY_SHAPE)
