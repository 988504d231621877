"""Amounts in Chinese capitals, against a table written by hand from the bill rules
(《支付结算办法》 附一: 整 after 元/角, one 零 for a run of zeros, 壹拾 keeps its 壹)."""

import pytest

from printing.capitals import capitals

TABLE = [
    (28000, "贰佰捌拾元整"),
    (100500, "壹仟零伍元整"),
    (50, "伍角整"),
    (1005, "壹拾元零伍分"),
    (10000000, "壹拾万元整"),
    (0, "零元整"),
    (5, "伍分"),
    (1, "壹分"),
    (100, "壹元整"),
    (1000, "壹拾元整"),
    (1050, "壹拾元伍角整"),
    (38000, "叁佰捌拾元整"),
    (40000, "肆佰元整"),
    (66000, "陆佰陆拾元整"),
    (101000, "壹仟零壹拾元整"),
    (168032, "壹仟陆佰捌拾元叁角贰分"),
    (100050, "壹仟元伍角整"),
    (100005, "壹仟元零伍分"),
    (10010000, "壹拾万零壹佰元整"),
    (10500000, "壹拾万伍仟元整"),
    (100000000, "壹佰万元整"),
    (100010000, "壹佰万零壹佰元整"),
    (120003400, "壹佰贰拾万零叁拾肆元整"),
    (1000000000, "壹仟万元整"),
    (10000000000, "壹亿元整"),
    (10000000100, "壹亿零壹元整"),
    (10001000000, "壹亿零壹万元整"),
    (12345678912, "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分"),
    (-28000, "负贰佰捌拾元整"),
]


@pytest.mark.parametrize(("fen", "words"), TABLE)
def test_amount_in_capitals(fen, words):
    assert capitals(fen) == words


def test_floats_are_refused():
    with pytest.raises(TypeError):
        capitals(280.0)
