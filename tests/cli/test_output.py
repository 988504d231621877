"""The one JSON encoder: ISO dates, lists for tuples, objects for DTOs, marked fen in yuan."""

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import NamedTuple

import pytest

from models.rules.money import FEN
from models.rules.policy import load_policy_id
from models.rules.quote import quote
from tui.cli import output


@dataclass(frozen=True)
class Line:
    person: str
    payable: int = field(metadata=FEN)
    refund: int | None = field(default=None, metadata=FEN)


class Row(NamedTuple):
    name: str
    born: dt.date


@dataclass(frozen=True)
class Receipt:
    number: str
    paid_at: dt.datetime
    total: int = field(metadata=FEN)
    lines: tuple[Line, ...] = ()
    rows: tuple[Row, ...] = ()
    members: int = 0  # a count, unmarked
    gross: int = 0  # named like money but unmarked: the encoder does not guess from names


def test_nested_dtos_dates_and_marked_fen():
    receipt = Receipt("R-01", dt.datetime(2026, 11, 22, 9, 30), 38_050,
                      lines=(Line("王芳", 38_000), Line("王小宝", 50, refund=-50)),
                      rows=(Row("王芳", dt.date(1990, 8, 5)),), members=2, gross=123)
    assert output.plain(receipt) == {
        "number": "R-01",
        "paid_at": "2026-11-22T09:30:00",
        "total": "380.50",
        "lines": [{"person": "王芳", "payable": "380.00", "refund": None},
                  {"person": "王小宝", "payable": "0.50", "refund": "-0.50"}],
        "rows": [{"name": "王芳", "born": "1990-08-05"}],
        "members": 2,
        "gross": 123,
    }


def test_money_marks_a_value_by_hand_and_none_stays_null():
    view = {"full_rate": output.money(110_000), "amount": output.money(None), "count": 110_000,
            "days": (1, 25), "flags": [True, False, None]}
    assert output.plain(view) == {"full_rate": "1100.00", "amount": None, "count": 110_000,
                                  "days": [1, 25], "flags": [True, False, None]}


def test_quote_dto_amounts_come_out_in_yuan():
    policy = load_policy_id("dongzhi-2021")
    result = quote(policy, "regular", dt.date(2020, 11, 11), identities=["minimum_living"])
    data = output.plain(result)
    assert (data["gross"], data["subsidy"], data["payable"]) == ("280.00", "250.00", "30.00")
    assert data["benefit_start"] == "2021-01-01" and isinstance(data["clauses"], list)


def test_dumps_keeps_chinese_and_indents_unless_asked_not_to():
    text = output.dumps({"name": "王芳", "on": dt.date(2026, 11, 22)})
    assert "王芳" in text and "\\u" not in text and "\n" in text
    line = output.dumps({"name": "王芳"}, indent=None)
    assert "\n" not in line and json.loads(line) == {"name": "王芳"}


def test_an_unknown_type_is_refused_not_stringified():
    with pytest.raises(TypeError):
        output.plain({"where": object()})
    with pytest.raises(TypeError):
        output.plain({1.5, 2.5})
