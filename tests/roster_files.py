"""Real .xlsx base rosters made in the tests (openpyxl, as a department's clerk or
another tool would save them), and valid resident ID numbers to fill them with."""

import datetime as dt
from pathlib import Path

import openpyxl
from stdnum.cn import ric

HEADER = ["乡镇", "村(社区)", "户号", "与户主关系", "姓名", "性别", "身份证号", "出生日期",
          "联系电话", "身份属性"]


def make_id(birth="19900805", seq="101", region="430225"):
    body = region + birth + seq
    return body + ric.calc_check_digit(body + "0")


def wrong_check(number: str) -> str:
    """The same 17 digits under a check character that does not fit them."""
    return number[:17] + ("1" if number[17] != "1" else "2")


def person(name, number, relation="户主", hukou="HH001", township="青石镇",
           village="青石村", gender="", birth=None, phone=None, identity=None):
    """One roster row in HEADER's order."""
    return [township, village, hukou, relation, name, gender, number, birth, phone, identity]


FAMILY = [
    person("王建国", make_id("19800101", "011"), phone="13800138000", identity="低保"),
    person("李秀英", make_id("19820202", "022"), "妻", birth=dt.datetime(1982, 2, 2)),
    person("王小明", make_id("20100303", "033"), "子", gender="男", birth="2010-03-03"),
    person("张大山", make_id("19700404", "041"), hukou="HH002", village="白沙村"),
]


def save_roster(path: Path, rows, *, header=HEADER, above=(), sheet="底表",
                before_sheets=(), order=None) -> Path:
    """A workbook whose sheet `sheet` holds `above` (title rows), the header and the
    rows; `order` lists header positions to shuffle the columns; `before_sheets` are
    sheets (title, rows) in front of it."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, cells in before_sheets:
        ws = workbook.create_sheet(title)
        for r in cells:
            ws.append(r)
    ws = workbook.create_sheet(sheet)
    for r in above:
        ws.append(list(r))
    order = order or list(range(len(header)))
    ws.append([header[i] for i in order])
    for r in rows:
        ws.append([r[i] if i < len(r) else None for i in order])
    workbook.save(path)
    return path
