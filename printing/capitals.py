"""An amount in Chinese capitals, the way a bill writes it (贰佰捌拾元整).

The rules followed (《支付结算办法》 附一, 正确填写票据和结算凭证的基本规定):
- 整 after 元 when there are no 角 and 分, and after 角 when there are no 分 (it closes
  the amount so nothing can be added); never after 分.
- One 零 for a run of zeros between figures (1005 -> 壹仟零伍元整), and 零 before 分 when
  the 角 is zero (10.05 -> 壹拾元零伍分); none for zeros at the end of a group (280).
- 拾 always keeps its figure (10 -> 壹拾元整), as bills require.
"""

from models.texts import printing as p

_GROUP = 10_000
_MAX_FEN = 10**16 * 100  # 万亿 is the largest group unit


def capitals(fen: int) -> str:
    if not isinstance(fen, int) or isinstance(fen, bool):
        raise TypeError("fen must be an int")
    if fen < 0:
        return p.CAPITAL_NEGATIVE + capitals(-fen)
    if fen >= _MAX_FEN:
        raise ValueError("amount too large for Chinese capitals")
    yuan, rest = divmod(fen, 100)
    jiao, fen_digit = divmod(rest, 10)
    words = _integer(yuan) + p.CAPITAL_YUAN if yuan else ""
    if not rest:
        return (words or p.CAPITAL_DIGITS[0] + p.CAPITAL_YUAN) + p.CAPITAL_WHOLE
    if jiao:
        words += p.CAPITAL_DIGITS[jiao] + p.CAPITAL_JIAO
    elif words:
        words += p.CAPITAL_ZERO
    if fen_digit:
        return words + p.CAPITAL_DIGITS[fen_digit] + p.CAPITAL_FEN
    return words + p.CAPITAL_WHOLE


def _integer(number: int) -> str:
    """A whole number of yuan (> 0) in capitals, without the 元."""
    groups = []
    while number:
        number, group = divmod(number, _GROUP)
        groups.append(group)
    words = ""
    zero_pending = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            zero_pending = bool(words)
            continue
        if words and (zero_pending or group < 1000):
            words += p.CAPITAL_ZERO
        words += _group(group) + p.CAPITAL_GROUP_UNITS[index]
        zero_pending = False
    return words


def _group(group: int) -> str:
    """1..9999 in capitals, one 零 for inner zeros, none at the end."""
    words = ""
    zero_pending = False
    for position in range(3, -1, -1):
        digit = group // 10**position % 10
        if not digit:
            zero_pending = bool(words)
            continue
        if zero_pending:
            words += p.CAPITAL_ZERO
        words += p.CAPITAL_DIGITS[digit] + p.CAPITAL_SMALL_UNITS[position]
        zero_pending = False
    return words
