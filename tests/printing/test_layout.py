"""The slip's layout: every line fits its paper by display width, and carries what
issue 13 point 1 lists (title, county, receipt, time, counter, clerk, each member with
masked ID, age, case, gross, subsidy and category, payable, cover, waiting; total in
figures and capitals, channel, tendered and change, what to keep, the QR)."""

import datetime as dt

import pytest
from samples import family_receipt, family_slip, settlement_slip, void_slip

from printing.cells import Paper, cells, pair, wrap
from printing.lines import preview
from printing.other_slips import reversal_lines, settlement_lines
from printing.slip import payment_lines, slip_from_receipt

PAPERS = [Paper.of(58), Paper.of(80)]


def _fits(lines, paper):
    for line in lines:
        limit = paper.columns // 2 if line.size == "big" else paper.columns
        assert cells(line.text) <= limit or line.kind == "qr", (paper.mm, line.text)


@pytest.mark.parametrize("paper", PAPERS, ids=["58mm", "80mm"])
def test_the_family_slip_says_everything_and_fits(paper):
    lines = payment_lines(family_slip(), paper)
    _fits(lines, paper)
    text = preview(lines, paper)
    for expected in ["城乡居民医保缴费凭证", "湖南省株洲市炎陵县（430225）",
                     "票据号：430225-01-2026-000123", "缴费时间：2026-11-22 09:41:07",
                     "窗口：01  经办：王小明", "1. 张建国  48岁", "证件：430225********1234",
                     "2027年度 正常参保（集中缴费期）", "资助（特困人员）", "3. 张䶮  16岁",
                     "2027年度 当年新迁入户口", "等待期：3个月", "2025年度 补缴",
                     "4. 张小𠮷  0岁", "待遇期：2027-01-01至2027-12-31",
                     "大写：壹仟伍佰捌拾元整", "现金", "请妥善保管本凭证"]:
        assert expected in text, expected
    assert "430225197805121234" not in text
    rows = text.splitlines()
    assert any(r.startswith("合计") and r.endswith("￥1580.00") for r in rows)
    assert any(r.startswith("实收") and r.endswith("￥2000.00") for r in rows)
    assert any(r.startswith("找零") and r.endswith("￥420.00") for r in rows)
    assert any(r.startswith("  资助（特困人员）") and r.endswith("￥400.00") for r in rows)
    assert [line.text for line in lines if line.kind == "qr"] == [family_slip().qr_text]
    # the check text under the QR is printed whole, broken only after a colon
    after = rows[rows.index(next(r for r in rows if r.strip().startswith("[QR"))) + 1:]
    assert "".join(r.strip() for r in after) == family_slip().qr_text


@pytest.mark.parametrize("paper", PAPERS, ids=["58mm", "80mm"])
def test_amount_rows_are_flush_right(paper):
    rows = preview(payment_lines(family_slip(), paper), paper).splitlines()
    money_rows = [r for r in rows if "￥" in r]
    assert money_rows and all(cells(r) == paper.columns for r in money_rows)


def test_exact_cash_shows_the_total_tendered_and_no_change():
    rows = preview(payment_lines(family_slip(tendered=None, change=None), Paper.of(58)),
                   Paper.of(58)).splitlines()
    assert any(r.startswith("实收") and r.endswith("￥1580.00") for r in rows)
    assert any(r.startswith("找零") and r.endswith("￥0.00") for r in rows)


def test_a_card_payment_has_no_tendered_or_change():
    slip = family_slip(channel="pos", tendered=None, change=None)
    text = preview(payment_lines(slip, Paper.of(58)), Paper.of(58))
    assert "银行卡" in text and "实收" not in text and "找零" not in text


@pytest.mark.parametrize("paper", PAPERS, ids=["58mm", "80mm"])
def test_long_names_and_case_names_wrap_never_overflow(paper):
    receipt = family_receipt()
    long_member = receipt.members[0].__class__(**{
        **vars(receipt.members[0]),
        "name": "阿卜杜热合曼·买买提艾力·努尔麦麦提·吐尔逊托合提",
        "lines": (receipt.members[0].lines[0].__class__(**{
            **vars(receipt.members[0].lines[0]), "case": "employee_lapse"}),)})
    receipt.members = (long_member, *receipt.members[1:])
    lines = payment_lines(slip_from_receipt(receipt, "YB:X:Y"), paper)
    _fits(lines, paper)
    text = "".join(line.text.strip() for line in lines)
    assert "阿卜杜热合曼·买买提艾力·努尔麦麦提·吐尔逊托合提" in text
    assert "职工医保断保转居民医保" in text


def test_status_and_reprint_marks():
    paper = Paper.of(58)
    text = preview(payment_lines(
        slip_from_receipt(family_receipt(status="void"), "q", reprint=2), paper), paper)
    assert "【已作废】" in text and "【补打 第2次】" in text


@pytest.mark.parametrize("paper", PAPERS, ids=["58mm", "80mm"])
@pytest.mark.parametrize(("kind", "title", "amount_label"),
                         [("void", "城乡居民医保作废凭证", "作废金额"),
                          ("refund", "城乡居民医保退费凭证", "退费金额")])
def test_void_and_refund_slips(paper, kind, title, amount_label):
    lines = reversal_lines(void_slip(kind), paper)
    _fits(lines, paper)
    text = preview(lines, paper)
    flat = text.replace("\n", "").replace(" ", "")
    assert title in flat and "原票据号：430225-01-2026-000123" in text
    assert ("V000001" if kind == "void" else "R000001") in text
    assert any(r.startswith(amount_label) and r.endswith("￥1580.00")
               for r in text.splitlines())
    assert "大写：壹仟伍佰捌拾元整" in text
    assert "原因：家属记错了参保人，当场作废重缴" in flat


@pytest.mark.parametrize("paper", PAPERS, ids=["58mm", "80mm"])
def test_settlement_slip(paper):
    lines = settlement_lines(settlement_slip(), paper)
    _fits(lines, paper)
    text = preview(lines, paper)
    rows = text.splitlines()
    assert "经办员日结单" in text and "业务日期：2026-11-22" in text
    assert any(r.startswith("净收") and r.endswith("￥3780.00") for r in rows)
    assert "大写：叁仟柒佰捌拾元整" in text
    assert any(r.startswith("补打次数") and r.endswith("2") for r in rows)
    assert any("其中现金" in r and r.endswith("￥3000.00") for r in rows)
    open_text = preview(settlement_lines(settlement_slip(closed=False), paper), paper)
    assert "未日结" in open_text and "日结时间" not in open_text


def test_wrap_measures_chinese_as_two_columns():
    assert cells("张a￥") == 5
    assert wrap("一二三四五", 4) == ["一二", "三四", "五"]
    assert wrap("票据号：430225-01-2026-000123", 24) == ["票据号：", "430225-01-2026-000123"]
    assert wrap("ABCDEFGHIJ", 4) == ["ABCD", "EFGH", "IJ"]
    assert all(cells(part) <= 10 for part in wrap("名字" * 20, 10, indent="  "))
    assert pair("合计", "￥1.00", 12) == ["合计  ￥1.00"]
    assert pair("很长很长的名字", "￥1.00", 12) == ["很长很长的名", "字    ￥1.00"]


def test_age_counts_birthdays():
    from printing.slip import age_on
    assert age_on(dt.date(2000, 11, 23), dt.date(2026, 11, 22)) == 25
    assert age_on(dt.date(2000, 11, 22), dt.date(2026, 11, 22)) == 26
