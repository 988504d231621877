"""What the counter shows, in the clerk's words (issue 9): a person's history, the ID
check's region, the lookup's answers to a wrong check character, many results, a single
result, and a counter with no policy in force. On the small county of tests/tui/county.py."""

import pytest
from actors import CLERK
from textual.widgets import DataTable, Input, Select, SelectionList, Static

from models.core.db import open_database
from models.core.schema import Person
from models.registry.households import move_member
from models.registry.registration import register_person
from models.rules.person import PersonInput
from tests.tui.conftest import (
    DEMO_CLERK,
    SIZE,
    burst,
    rows,
    type_into,
    wait_for,
    wait_for_person,
    wait_for_screen,
)
from tests.tui.county import id_number
from tui.app import CounterApp
from tui.modals import RecordScreen
from tui.screens.lookup import LookupScreen
from tui.screens.person import PersonScreen
from tui.screens.person_form import PersonFormScreen
from tui.widgets import ResultList


@pytest.fixture
def county(small_county):
    """make_app opens the counter on the small county for every test here."""
    return small_county


def text(widget) -> str:
    return str(widget.render())


async def open_by_id(pilot, person: Person) -> PersonScreen:
    await type_into(pilot, pilot.app.screen.query_one("#query", Input), person.id_number)
    results = pilot.app.screen.query_one("#results", ResultList)
    await wait_for(pilot, lambda: len(results.rows) == 1, f"{person.name} by the ID")
    await pilot.press("down", "enter")
    return await wait_for_person(pilot, lambda d: d.id == person.id, f"{person.name}'s record")


# --- 8. history in the clerk's words --------------------------------------------------


def moved_and_shadowed(clock, ids) -> None:
    """王芳 moves in with 陈志强; a second 王芳 (no ID, same birth and gender) is registered
    anyway, naming her as a possible duplicate."""
    wang = Person.get_by_id(ids["王芳"])
    chen = Person.get_by_id(ids["陈志强"])
    move_member(clock, CLERK, wang.id, wang.version, relation="other",
                to_household_id=chen.household_id, reason="投亲靠友，户口随迁",
                documents=("hukou_book", "migration_certificate"))
    register_person(clock, CLERK, PersonInput("王芳", "none", None, "F", wang.birth_date,
                                              "other"),
                    household_id=chen.household_id, documents=("hukou_book",),
                    duplicate_reason="同名同生日，另一人")


async def test_history_names_households_and_people_and_fits_the_screen(make_app, clock,
                                                                       small_county):
    moved_and_shadowed(clock, small_county)
    wang = Person.get_by_id(small_county["王芳"])
    old_no = Person.get_by_id(small_county["王建国"]).household.hukou_no
    new_no = Person.get_by_id(small_county["陈志强"]).household.hukou_no
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_by_id(pilot, wang)
        results = app.screen_stack[-2].query_one("#results", ResultList)
        table = screen.query_one("#history", DataTable)
        await wait_for(pilot, lambda: table.row_count == 2, "her two events")
        moved = rows(table)[0]
        assert moved[2] == "迁移" and moved[3] == "投亲靠友，户口随迁"
        assert f"户号 {old_no}→{new_no}" in moved[5] and "户=" not in moved[5]
        await wait_for(pilot, lambda: not table._require_update_dimensions, "columns measured")
        assert table.virtual_size.width <= table.size.width  # nothing off-screen

        other = Person.get((Person.name == "王芳") & (Person.id != wang.id))
        await pilot.press("escape")
        await wait_for_screen(pilot, LookupScreen)
        await type_into(pilot, app.screen.query_one("#query", Input), "王芳")
        await wait_for(pilot, lambda: len(results.rows) == 2, "both 王芳")
        app.screen.query_one(ResultList).focus()
        index = [o.id for o in results._options].index(str(other.id))
        results.highlighted = index
        await pilot.press("enter")
        screen = await wait_for_person(pilot, lambda d: d.id == other.id, "the second 王芳")
        registered = rows(screen.query_one("#history", DataTable))[0]
        assert f"可能重复 王芳（户号{new_no}）" in registered[5]
        assert "[" not in registered[5]


async def test_enter_on_a_history_row_shows_the_event_in_full(make_app, clock, small_county):
    moved_and_shadowed(clock, small_county)
    wang = Person.get_by_id(small_county["王芳"])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_by_id(pilot, wang)
        history = screen.query_one("#history", DataTable)
        history.focus()
        await wait_for(pilot, lambda: history.has_focus and history.row_count == 2, "history")
        await pilot.press("enter")
        modal = await wait_for_screen(pilot, RecordScreen, "the event in full")
        shown = text(modal.query_one("#record", Static))
        for words in ("投亲靠友，户口随迁", "户口簿、户口迁移证明", "与户主关系：子女→其他",
                      f"经办人：{CLERK.username}"):
            assert words in shown, words
        await pilot.press("escape")
        await wait_for_screen(pilot, PersonScreen)


# --- 12. the ID check names the county's own region ---------------------------------


async def test_the_id_check_names_the_region_the_county_uses(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        form = await wait_for_screen(pilot, PersonFormScreen)
        check = form.query_one("#id_check", Static)
        number = form.query_one("#id_number", Input)
        await type_into(pilot, number, id_number("430224", "19850312", "137"))
        await wait_for(pilot, lambda: "1985-03-12 男 湖南省演示县" in text(check),
                       "the demo county's name")
        assert "炎陵" not in text(check) and "茶陵" not in text(check)
        await type_into(pilot, number, id_number("110101", "19850312", "137"))
        await wait_for(pilot, lambda: "北京市东城区" in text(check), "the national table")


# --- 9. lookup ------------------------------------------------------------------------


async def test_a_wrong_check_character_says_what_it_should_be(make_app, small_county):
    person = Person.get_by_id(small_county["陈志强"])
    good = person.id_number
    wrong = good[:17] + ("1" if good[17] != "1" else "2")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, app.screen.query_one("#query", Input), wrong)
        message = app.screen.query_one("#message", Static)
        results = app.screen.query_one("#results", ResultList)
        await wait_for(pilot, lambda: "校验位" in text(message), "the check-character message")
        assert f"末位应为 {good[17]}" in text(message) and f"输入的是 {wrong[17]}" in text(message)
        assert [r[0] for r in results.rows] == ["陈志强"]  # the near match, same 17 digits
        elsewhere = id_number("110101", "19850312", "137")  # nobody here
        wrong = elsewhere[:17] + ("1" if elsewhere[17] != "1" else "2")
        await type_into(pilot, app.screen.query_one("#query", Input), wrong)
        await wait_for(pilot, lambda: "前17位相同的也没有找到" in text(message), "none near")
        assert f"末位应为 {elsewhere[17]}" in text(message) and not results.rows


async def test_enter_on_a_single_result_opens_it_even_from_a_reader(make_app, small_county):
    person = Person.get_by_id(small_county["陈志强"])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, app.screen.query_one("#query", Input), "陈志强")
        results = app.screen.query_one("#results", ResultList)
        await wait_for(pilot, lambda: len(results.rows) == 1, "陈志强 found")
        await pilot.press("enter")
        await wait_for_person(pilot, lambda d: d.id == person.id, "his record, by Enter")
        await pilot.press("escape")
        await wait_for_screen(pilot, LookupScreen)
        await pilot.press("escape")  # clear
        burst(pilot, *person.id_number, "enter")  # the reader: faster than the lookup
        await wait_for_person(pilot, lambda d: d.id == person.id, "his record, by the reader")
        await pilot.press("escape")
        await wait_for_screen(pilot, LookupScreen)
        await type_into(pilot, app.screen.query_one("#query", Input), "w")
        await wait_for(pilot, lambda: len(results.rows) == 3, "three 王")
        await pilot.press("enter")  # several: the list takes the focus
        await wait_for(pilot, lambda: results.has_focus, "focus in the results")


async def test_after_registering_esc_goes_back_to_where_the_clerk_started(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        form = await wait_for_screen(pilot, PersonFormScreen)
        await pilot.press(*"赵新民")
        await type_into(pilot, form.query_one("#id_number", Input),
                        id_number("430225", "19850312", "137"))
        select = form.query_one("#village", Select)
        await wait_for(pilot, lambda: not select.disabled, "the villages")
        select.value = next(v for _, v in select._options if v is not Select.NULL)
        form.query_one(SelectionList).select("id_card")
        await pilot.press("f10")
        await wait_for_person(pilot, lambda d: d.name == "赵新民", "the new record")
        assert [type(s) for s in app.screen_stack[1:]] == [LookupScreen, PersonScreen]
        await pilot.press("escape")
        await wait_for_screen(pilot, LookupScreen)


# --- 10. no policy in force -------------------------------------------------------------


async def test_without_a_policy_the_lookup_says_so(small_county, clock):
    app = CounterApp(clock=clock, actor=DEMO_CLERK, policy=None)
    async with app.run_test(size=SIZE) as pilot:
        notice = app.screen.query_one("#policy", Static)
        await wait_for(pilot, lambda: notice.display and "没有生效的政策" in text(notice),
                       "the no-policy notice")
        assert "演示县" in text(notice) and "2026-11-22" in text(notice)
        await type_into(pilot, app.screen.query_one("#query", Input), "w")
        results = app.screen.query_one("#results", ResultList)
        await wait_for(pilot, lambda: len(results.rows) == 3, "three 王")
        assert "年度" not in text(results.header)  # no blank year's status column
        assert all(len(r) == len(results.columns) == 9 for r in results.rows)
        await pilot.press("down", "enter")
        screen = await wait_for_person(pilot, what="a record without a benefit year")
        assert "没有生效的政策" in text(screen.query_one("#fields", Static))
        assert "未缴费" not in text(screen.query_one("#fields", Static))
        assert {r[6] for r in rows(screen.query_one("#household", DataTable))} == {"—"}


async def test_without_a_region_the_lookup_says_so(tmp_path, clock):
    db = open_database(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        app = CounterApp(clock=clock, actor=DEMO_CLERK, policy=None)
        async with app.run_test(size=SIZE) as pilot:
            notice = app.screen.query_one("#policy", Static)
            await wait_for(pilot, lambda: "还没有区域" in text(notice), "the no-region notice")
    finally:
        db.close()
