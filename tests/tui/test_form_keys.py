"""The forms as a clerk's keys meet them (issue 9): where each form opens, a form that
asks before throwing typed work away, the unnamed baby's proposed name, and keys that
arrive in one burst from an ID card reader. On the small county of tests/tui/county.py."""

import pytest
from rich.cells import cell_len
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static

from models.core.schema import Person
from tests.tui.conftest import (
    SIZE,
    burst,
    choose,
    type_into,
    wait_for,
    wait_for_person,
    wait_for_screen,
)
from tests.tui.county import id_number
from tui.modals import ConfirmScreen
from tui.screens.household_forms import HeadScreen, LeaveScreen, MoveScreen
from tui.screens.lookup import LookupScreen
from tui.screens.person import PersonScreen
from tui.screens.person_form import PersonFormScreen
from tui.widgets import ResultList


@pytest.fixture
def county(small_county):
    """make_app opens the counter on the small county for every test here."""
    return small_county


async def open_record(pilot, name: str) -> PersonScreen:
    app = pilot.app
    await type_into(pilot, app.screen.query_one("#query", Input), name)
    results = app.screen.query_one("#results", ResultList)
    await wait_for(pilot, lambda: len(results.rows) == 1, f"{name} in the results")
    await pilot.press("down", "enter")
    return await wait_for_person(pilot, lambda d: d.name == name, f"{name}'s record")


async def settled(pilot) -> None:
    """Let every message the opening screen posted to itself be handled."""
    for _ in range(5):
        await pilot.pause()


def message(app) -> str:
    return str(app.screen.query_one("#message", Static).render())


# --- 4. each form opens on its first decision -------------------------------------


async def test_each_household_form_opens_on_its_first_decision(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(pilot, "王建国")
        for key, screen_type, first in (("f6", MoveScreen, "#target"),
                                        ("f7", HeadScreen, "#new_head"),
                                        ("f8", LeaveScreen, "#status")):
            await pilot.press(key)
            form = await wait_for_screen(pilot, screen_type)
            await settled(pilot)
            assert app.focused is form.query_one(first), key
            if first == "#target":  # what the clerk types goes into the household number
                await pilot.press(*"4302")
                assert form.query_one("#target", Input).value == "4302"
            else:  # Enter opens the choice
                await pilot.press("enter")
                await wait_for(pilot, lambda f=form, i=first: f.query_one(i, Select).expanded,
                               f"{first}'s list open")
                await pilot.press("escape")
            await pilot.press("escape")  # the form, unchanged or asked about below
            if isinstance(app.screen, ConfirmScreen):
                await pilot.press("enter")
            await wait_for_screen(pilot, PersonScreen)


async def test_leaving_has_no_default_action(make_app, small_county):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(pilot, "王芳")
        await pilot.press("f8")
        form = await wait_for_screen(pilot, LeaveScreen)
        status = form.query_one("#status", Select)
        assert status.value is Select.NULL
        await type_into(pilot, form.query_one("#date", Input), "2026-11-01")
        form.query_one(SelectionList).select("death_certificate")
        await type_into(pilot, form.query_one("#reason", Input), "死亡")
        await pilot.press("f10")
        await wait_for(pilot, lambda: "请选择办理事项" in message(app), "the no-action refusal")
        assert Person.get_by_id(small_county["王芳"]).status == "active"
        await choose(pilot, status, "死亡")
        await pilot.press("f10")
        await wait_for_person(pilot, lambda d: d.status == "deceased", "her record, deceased")


async def test_every_form_label_fits_its_column(make_app):
    app = make_app()
    async with app.run_test(size=(120, 42)) as pilot:
        await open_record(pilot, "王芳")  # not the head: F8's new-head row says so
        for key in ("f3", "f4", "f6", "f7", "f8"):
            await pilot.press(key)
            await wait_for(pilot, lambda: not isinstance(app.screen, PersonScreen), key)
            form = app.screen
            await settled(pilot)
            for label in form.query(".row Label").results(Label):
                if not label.parent.display:
                    continue  # a row shown only later (the duplicate reason)
                text = str(label.render())
                assert cell_len(text) <= label.content_region.width, (key, text)
            if key == "f6":
                target = form.query_one("#target", Input)
                assert target.region.width > 40 and "留空" in target.placeholder
            if key == "f8":
                assert "不是户主" in str(form.query_one("#new_head", Select).prompt)
            await pilot.press("escape")
            await wait_for_screen(pilot, PersonScreen)


# --- 5. typed work is not thrown away unasked --------------------------------------


async def test_esc_on_a_filled_form_asks_and_an_untouched_one_closes(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await wait_for_screen(pilot, PersonFormScreen)
        await pilot.press("escape")  # nothing typed: closes at once
        await wait_for_screen(pilot, LookupScreen)

        await pilot.press("f3")
        form = await wait_for_screen(pilot, PersonFormScreen)
        await pilot.press(*"赵新民")
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmScreen, "the discard question")
        assert "还没有保存" in str(app.screen.query_one("#question", Static).render())
        await pilot.press("escape")  # back to the form, nothing lost
        await wait_for_screen(pilot, PersonFormScreen)
        assert app.screen is form and form.query_one("#name", Input).value == "赵新民"
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("enter")  # discard
        await wait_for_screen(pilot, LookupScreen)
        assert not any(isinstance(s, PersonFormScreen) for s in app.screen_stack)


async def test_a_correction_form_is_untouched_until_the_clerk_changes_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(pilot, "刘桂兰")
        await pilot.press("f4")
        form = await wait_for_screen(pilot, PersonFormScreen)
        await settled(pilot)
        assert not form.has_changes  # her stored values, filled in by the screen
        form.query_one(SelectionList).focus()
        await pilot.press("space")
        assert form.has_changes
        await pilot.press("space")
        assert not form.has_changes  # ticked and unticked: as it was
        await pilot.press("escape")
        await wait_for_screen(pilot, PersonScreen)


async def test_ctrl_q_asks_while_a_form_has_changes_anywhere(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(pilot, "陈志强")
        await pilot.press("f6")
        form = await wait_for_screen(pilot, MoveScreen)
        await pilot.press(*"4302")
        await pilot.press("f1")  # the help screen over the form: still asks
        await wait_for(pilot, lambda: app.screen is not form, "the help screen")
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, ConfirmScreen, "the quit question")
        assert "迁移/分户" in str(app.screen.query_one("#question", Static).render())
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ConfirmScreen), "back")
        assert app.is_running and form.query_one("#target", Input).value == "4302"
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not app.is_running, "the counter to close")


async def test_ctrl_q_quits_at_once_without_changes(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await wait_for_screen(pilot, PersonFormScreen)
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, "the counter to close")


# --- 6. the unnamed baby ------------------------------------------------------------


async def test_the_placeholder_box_proposes_the_mothers_name(make_app, small_county):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(pilot, "王建国")
        await pilot.press("f3")
        form = await wait_for_screen(pilot, PersonFormScreen)
        name, box = form.query_one("#name", Input), form.query_one("#placeholder", Checkbox)
        await pilot.press(*"待定")
        box.focus()
        await pilot.press("space")  # a child of the head: the head's wife is the mother
        await wait_for(pilot, lambda: name.value == "李秀英宝宝", "the mother's name + 宝宝")
        await pilot.press("space")
        await wait_for(pilot, lambda: name.value == "待定", "what was typed, given back")

        await choose(pilot, form.query_one("#relation", Select), "孙子女")
        box.focus()
        await pilot.press("space")  # a grandchild: the head's daughter is the mother
        await wait_for(pilot, lambda: name.value == "王芳宝宝", "王芳宝宝")
        await type_into(pilot, name, "王芳二宝宝")  # still the clerk's to edit
        await choose(pilot, form.query_one("#id_type", Select), "无证件")
        await choose(pilot, form.query_one("#gender", Select), "男")
        await type_into(pilot, form.query_one("#birth", Input), "2026-11-20")
        form.query_one(SelectionList).select("hukou_book")
        await pilot.press("f10")
        baby = (await wait_for_person(pilot, lambda d: d.placeholder, "the baby")).detail
        assert baby.name == "王芳二宝宝" and baby.relation == "grandchild"


# --- 7. a reader's burst -------------------------------------------------------------


async def test_a_reader_burst_lands_whole_and_enter_moves_on_once(make_app):
    number = id_number("430225", "19850312", "137")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        form = await wait_for_screen(pilot, PersonFormScreen)
        # the name, Enter to the ID type, Tab past it, then the reader: 18 characters + Enter
        burst(pilot, *"赵新民", "enter", "tab", *number, "enter")
        gender = form.query_one("#gender", Select)
        await wait_for(pilot, lambda: app.focused is gender, "focus on the gender, once")
        await settled(pilot)
        assert form.query_one("#name", Input).value == "赵新民"
        assert form.query_one("#id_number", Input).value == number
        assert app.focused is gender
        await wait_for(pilot, lambda: "1985-03-12 男" in str(
            form.query_one("#id_check", Static).render()), "the ID check line")
        burst(pilot, "enter")  # a choice opens on Enter
        await wait_for(pilot, lambda: gender.expanded, "the gender list open")


async def test_a_burst_through_a_choice_into_the_phone(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        form = await wait_for_screen(pilot, PersonFormScreen)
        form.query_one("#birth", Input).focus()
        await wait_for(pilot, lambda: form.query_one("#birth", Input).has_focus, "the birth")
        burst(pilot, *"19850312", "tab", "tab", *"13807310011", "enter")
        box = form.query_one("#placeholder", Checkbox)
        await wait_for(pilot, lambda: app.focused is box, "focus past the phone")
        await settled(pilot)
        assert form.query_one("#birth", Input).value == "19850312"
        assert form.query_one("#phone", Input).value == "13807310011"
        assert form.query_one("#relation", Select).value == "self"  # passed over, untouched


async def test_a_burst_into_the_household_number(make_app, small_county):
    target = Person.get_by_id(small_county["陈志强"]).household.hukou_no
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_record(pilot, "王芳")
        await pilot.press("f6")
        form = await wait_for_screen(pilot, MoveScreen)
        await settled(pilot)
        burst(pilot, *target, "enter")
        relation = form.query_one("#relation", Select)
        await wait_for(pilot, lambda: app.focused is relation, "focus on the relation")
        await settled(pilot)
        assert form.query_one("#target", Input).value == target and app.focused is relation
