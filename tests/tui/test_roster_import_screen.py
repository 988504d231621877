"""The counter's roster import (issue 15, point 4): from the command palette, for a
supervisor; a dry run that writes nothing, the import, its summary and the error
workbook's path, on a real roster file and the real database."""

import pytest
from actors import SUPERVISOR
from roster_files import FAMILY, make_id, person, save_roster
from textual.widgets import Input, ProgressBar, Static

from models.core.schema import Person
from tests.tui.conftest import SIZE, wait_for, wait_for_screen
from tests.tui.test_login_and_palette import run_command
from tui.screens.roster_import import RosterImportScreen


def summary(screen) -> str:
    return str(screen.query_one("#summary", Static).render())


@pytest.fixture
def roster(tmp_path):
    return save_roster(tmp_path / "底表.xlsx", [
        *FAMILY, person("", make_id("19700101", "051"), hukou="HH009")])


async def test_a_supervisor_tries_the_roster_then_imports_it(make_app, roster):
    before = Person.select().count()
    app = make_app(actor=SUPERVISOR)
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "导入参保底表")
        screen = await wait_for_screen(pilot, RosterImportScreen)
        await wait_for(pilot, lambda: screen.query_one("#file", Input).has_focus,
                       "focus on the file prompt")
        bar = screen.query_one("#progress", ProgressBar)
        assert bar.percentage == 0  # empty, not Textual's "working" animation
        await pilot.press("enter")  # no file yet
        await wait_for(pilot, lambda: "请先输入" in summary(screen), "the prompt's complaint")
        screen.query_one("#file", Input).value = str(roster)
        await pilot.press("enter")  # Enter: the dry run
        await wait_for(pilot, lambda: "试导入" in summary(screen), "the dry run's summary")
        assert "人员4人" in summary(screen) and "未导入1行" in summary(screen)
        assert "底表_错误行.xlsx" in summary(screen)
        assert Person.select().count() == before
        assert bar.percentage == 1  # the dry run is over: it writes nothing, and says so
        await pilot.press("f10")
        await wait_for(pilot, lambda: "已导入" in summary(screen), "the import's summary")
        assert Person.select().count() == before + 4
        assert screen.query_one("#progress", ProgressBar).progress == 4
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, RosterImportScreen),
                       "back to the lookup")


async def test_a_file_it_cannot_read_is_said_on_the_screen(make_app, tmp_path):
    app = make_app(actor=SUPERVISOR)
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "导入参保底表")
        screen = await wait_for_screen(pilot, RosterImportScreen)
        screen.query_one("#file", Input).value = str(tmp_path / "没有.xlsx")
        await pilot.press("f5")
        await wait_for(pilot, lambda: "找不到文件" in summary(screen), "the file's complaint")
        assert screen.query_one("#progress", ProgressBar).percentage == 0
