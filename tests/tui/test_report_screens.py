"""The counter's reports (issue 15, point 4) on a generated county: the progress screen
(F7 on the lookup screen, or 征缴进度 in the palette) with the villages furthest behind
first; the export screen writing a real workbook, its complaints on the screen; the
roster import screen taking a subsidy roster too."""

import openpyxl
from actors import SUPERVISOR
from textual.widgets import Input, ProgressBar, Select, Static

from models.core.schema import IdentityTag, Person
from tests.tui.conftest import SIZE, wait_for, wait_for_screen
from tests.tui.test_login_and_palette import run_command
from tui.screens.export import ExportScreen
from tui.screens.lookup import LookupScreen
from tui.screens.progress import ProgressScreen
from tui.screens.roster_import import RosterImportScreen


def text(screen, selector) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_f7_shows_the_villages_furthest_behind_first(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, LookupScreen)
        await pilot.press("f7")
        screen = await wait_for_screen(pilot, ProgressScreen)
        await wait_for(pilot, lambda: screen.figures is not None, "the figures")
        assert "全县：缴费" in text(screen, "#county") and "2027" in text(screen, "#title")
        table = screen.query_one("#villages")
        rates = [float(str(table.get_row_at(i)[3]).rstrip("%")) for i in range(table.row_count)]
        assert rates == sorted(rates) and table.row_count == len(screen.figures.rows)
        assert "\u2588" in str(table.get_row_at(table.row_count - 1)[4])
        await pilot.press("escape")
        await wait_for_screen(pilot, LookupScreen)
        await run_command(pilot, "征缴进度")
        await wait_for_screen(pilot, ProgressScreen)


async def test_the_export_screen_writes_the_report_and_says_where(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "导出报表")
        screen = await wait_for_screen(pilot, ExportScreen)
        bar = screen.query_one("#progress", ProgressBar)
        assert bar.percentage == 0  # empty, not Textual's "working" animation
        screen.query_one("#file", Input).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: "请先输入" in text(screen, "#result"), "no file yet")
        screen.query_one("#year", Input).value = "20x7"
        screen.query_one("#file", Input).value = str(tmp_path / "进度.xlsx")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "四位数字" in text(screen, "#result"), "a bad year")
        screen.query_one("#year", Input).value = "2027"
        screen.query_one("#village", Input).value = "没这个村"
        await pilot.press("f10")
        await wait_for(pilot, lambda: "系统中没有村" in text(screen, "#result"), "no village")
        assert bar.percentage == 0  # what failed left the bar empty again
        screen.query_one("#village", Input).value = ""
        screen.query_one("#kind", Select).value = "unpaid"
        out = tmp_path / "未缴.xlsx"
        screen.query_one("#file", Input).value = str(out)
        await pilot.press("f10")
        await wait_for(pilot, lambda: "已导出未缴费清册" in text(screen, "#result"), "written")
        assert str(out) in text(screen, "#result")
        written = openpyxl.load_workbook(out)
        rows = list(written["未缴费清册"].iter_rows(values_only=True))
        assert rows[1][0] == "序号" and all("*" in r[8] for r in rows[2:] if r[8])
        villages = list(written["各村未缴人数"].iter_rows(values_only=True))[2:-1]
        assert sum(v[4] for v in villages) == len(rows) - 2
        assert bar.progress == bar.total == len(rows) - 2 + len(villages)  # both sheets
        await pilot.press("escape")
        await wait_for_screen(pilot, LookupScreen)


async def test_the_roster_screen_takes_a_subsidy_roster(make_app, tmp_path):
    someone = Person.select().where(Person.status == "active",
                                    Person.id_number.is_null(False)).first()
    path = tmp_path / "民政.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "身份证号", "类别"])
    book.active.append([someone.name, someone.id_number, "特困人员"])
    book.save(path)
    app = make_app(actor=SUPERVISOR)
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "导入参保底表")
        screen = await wait_for_screen(pilot, RosterImportScreen)
        screen.query_one("#file", Input).value = str(path)
        await pilot.press("f10")
        await wait_for(pilot, lambda: "来源部门为空" in "".join(screen.lines) or
                       "未导入1行" in text(screen, "#summary"), "no department")
        screen.query_one("#source", Input).value = "县民政局"
        await pilot.press("f10")
        await wait_for(pilot, lambda: "已导入资助花名册" in text(screen, "#summary"), "imported")
        assert "新增身份属性1条" in text(screen, "#summary")
    assert IdentityTag.get(IdentityTag.person == someone.id,
                           IdentityTag.category == "extreme_poverty").source == "县民政局"
