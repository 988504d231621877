"""Every counter flow through Pilot, keyboard only, on a real SQLite file."""

import datetime as dt

from actors import CLERK_B
from stdnum.cn import ric
from textual.widgets import DataTable, Input, Select, SelectionList, Static

from models.core.schema import AuditEvent, Household, Person
from models.registry.registration import correct_person
from models.rules.person import PersonInput
from tests.tui.conftest import (
    SIZE,
    choose,
    rows,
    type_into,
    wait_for,
    wait_for_person,
    wait_for_screen,
)
from tui.screens.help import HelpScreen
from tui.screens.household_forms import HeadScreen, LeaveScreen, MoveScreen
from tui.screens.lookup import LookupScreen
from tui.screens.person import PersonScreen
from tui.screens.person_form import PersonFormScreen
from tui.widgets import ResultList


def make_id(birth="19900805", seq="101", region="430225"):
    body = region + birth + seq
    return body + ric.calc_check_digit(body + "0")


def message(app) -> str:
    return str(app.screen.query_one("#message", Static).render())


async def open_person(app, pilot, person: Person) -> PersonScreen:
    query = app.screen.query_one("#query", Input)
    await type_into(pilot, query, person.id_number)
    results = app.screen.query_one("#results", ResultList)
    await wait_for(pilot, lambda: bool(results.rows), f"{person.name} in the results")
    await pilot.press("down", "enter")
    return await wait_for_person(pilot, lambda d: d.id == person.id, f"{person.name}'s record")


async def tick_documents(pilot, app, count=2):
    documents = app.screen.query_one(SelectionList)
    documents.focus()
    for i in range(count):
        if i:
            await pilot.press("down")
        await pilot.press("space")
    await wait_for(pilot, lambda: len(documents.selected) == count, f"{count} documents ticked")


def a_member_of_a_big_household() -> Person:
    for person in Person.select().where(Person.id_type == "resident",
                                        Person.relation == "spouse").order_by(Person.id):
        if Person.select().where(Person.household == person.household_id).count() >= 3:
            return person
    raise AssertionError("no household of three")


async def test_lookup_opens_a_person_and_esc_backs_out(make_app):
    person = a_member_of_a_big_household()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.focused is app.screen.query_one("#query", Input)
        screen = await open_person(app, pilot, person)
        assert screen.detail.id == person.id
        fields = str(screen.query_one("#fields", Static).render())
        assert person.name in fields and person.id_number in fields and "2027年度" in fields
        members = rows(screen.query_one("#household", DataTable))
        assert members[0][1] == "户主" and len(members) >= 3
        assert rows(screen.query_one("#enrollments", DataTable))  # years of history
        await pilot.press("escape")
        await wait_for_screen(pilot, LookupScreen)
        await pilot.press("escape")
        assert app.screen.query_one("#query", Input).value == ""


async def test_result_row_shows_masked_id_and_year_status(make_app):
    person = Person.select().where(Person.id_type == "resident").order_by(Person.id).first()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, app.screen.query_one("#query", Input), person.id_number)
        results = app.screen.query_one("#results", ResultList)
        await wait_for(pilot, lambda: bool(results.rows), f"{person.name} in the results")
        row = results.rows[0]
        assert row[0] == person.name and row[1] == person.id_number[:6] + "********" + \
            person.id_number[-4:]
        assert row[9] in ("已缴费", "未缴费")


async def test_register_a_new_household_by_keyboard(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        form = await wait_for_screen(pilot, PersonFormScreen, "the registration form")
        await pilot.press(*"赵新民")
        await pilot.press("enter", "tab")  # Enter to the next field; Tab past the ID type
        assert app.focused is form.query_one("#id_number", Input)
        await pilot.press(*make_id("19850312", "137"))
        await wait_for(pilot, lambda: "1985-03-12 男" in str(
            form.query_one("#id_check", Static).render()), "the ID check line")
        await choose(pilot, form.query_one("#village", Select), "桃源乡 竹园村")
        await type_into(pilot, form.query_one("#address", Input), "竹园村5组")
        await tick_documents(pilot, app)
        await pilot.press("f10")
        detail = (await wait_for_person(pilot, what="the new person's record")).detail
        assert detail.name == "赵新民" and detail.relation == "self"
        assert detail.household.village == "竹园村" and detail.household.address == "竹园村5组"
        assert detail.history[0].action == "person.register"


async def test_register_a_newborn_with_a_birth_certificate_into_the_household(make_app):
    person = a_member_of_a_big_household()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_person(app, pilot, person)
        await pilot.press("f3")
        form = await wait_for_screen(pilot, PersonFormScreen, "the registration form")
        assert form.household is not None
        await pilot.press(*"刘小禾")
        await choose(pilot, form.query_one("#id_type", Select), "出生医学证明")
        await type_into(pilot, form.query_one("#id_number", Input), "P430099887")
        await choose(pilot, form.query_one("#gender", Select), "女")
        await type_into(pilot, form.query_one("#birth", Input), "20261001")
        await tick_documents(pilot, app, 3)
        await pilot.press("f10")
        baby = (await wait_for_person(pilot, lambda d: d.name == "刘小禾", "the baby's record")
                ).detail
        assert baby.id_type == "birth_certificate" and baby.birth_date == dt.date(2026, 10, 1)
        assert baby.household.id == person.household_id and baby.relation == "child"


async def test_placeholder_baby_then_its_real_name_is_a_correction(make_app):
    person = a_member_of_a_big_household()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_person(app, pilot, person)
        await pilot.press("f3")
        form = await wait_for_screen(pilot, PersonFormScreen, "the registration form")
        await pilot.press(*f"{person.name}宝宝")
        await choose(pilot, form.query_one("#id_type", Select), "无证件")
        await choose(pilot, form.query_one("#gender", Select), "男")
        await type_into(pilot, form.query_one("#birth", Input), "2026-11-20")
        form.query_one("#placeholder").focus()
        await pilot.press("space")
        await tick_documents(pilot, app, 2)
        await pilot.press("f10")
        baby_id = (await wait_for_person(pilot, lambda d: d.placeholder, "the placeholder baby")
                   ).detail.id
        await pilot.press("f4")
        form = await wait_for_screen(pilot, PersonFormScreen, "the correction form")
        await type_into(pilot, form.query_one("#name", Input), "刘安")
        await choose(pilot, form.query_one("#id_type", Select), "居民身份证")
        await type_into(pilot, form.query_one("#id_number", Input), make_id("20261120", "013"))
        form.query_one("#placeholder").focus()
        await pilot.press("space")
        await tick_documents(pilot, app, 3)
        await type_into(pilot, form.query_one("#reason", Input), "出生后落户更正为真实姓名")
        await pilot.press("f10")
        await wait_for_person(pilot, lambda d: d.name == "刘安", "the corrected record")
        assert app.screen.detail.id == baby_id and not app.screen.detail.placeholder
        history = rows(app.screen.query_one("#history", DataTable))
        assert history[0][2] == "修正" and "宝宝→刘安" in history[0][5]


async def test_refusals_while_registering_lose_nothing(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        form = await wait_for_screen(pilot, PersonFormScreen, "the registration form")
        await pilot.press(*"钱多多")
        good = make_id("19900101", "021")
        wrong = good[:17] + ("1" if good[17] != "1" else "2")
        await type_into(pilot, form.query_one("#id_number", Input), wrong)
        await wait_for(pilot, lambda: f"✗ 身份证号校验位错误，应为{good[17]}" in str(
            form.query_one("#id_check", Static).render()), "the check-digit warning")
        await choose(pilot, form.query_one("#village", Select), "城关镇 城东社区")
        await pilot.press("f10")
        await wait_for(pilot, lambda: "校验位错误" in message(app), "the check-digit refusal")
        assert isinstance(app.screen, PersonFormScreen)
        assert form.query_one("#name", Input).value == "钱多多"  # nothing lost
        await type_into(pilot, form.query_one("#id_number", Input), good)
        await type_into(pilot, form.query_one("#birth", Input), "1990-01-02")
        await pilot.press("f10")
        await wait_for(pilot, lambda: "出生日期与证件号码不一致" in message(app),
                       "the birth-date refusal")
        assert Person.select().where(Person.name == "钱多多").count() == 0


async def test_duplicates_are_shown_and_the_clerk_chooses(make_app):
    """A near match (same name, birth date and gender; here no ID at all) is shown; the
    clerk may still register, with the reason recorded."""
    existing = Person.select().where(Person.id_type == "resident").order_by(Person.id).first()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        form = await wait_for_screen(pilot, PersonFormScreen, "the registration form")
        await pilot.press(*existing.name)
        await choose(pilot, form.query_one("#id_type", Select), "无证件")
        await choose(pilot, form.query_one("#gender", Select),
                     "男" if existing.gender == "M" else "女")
        await type_into(pilot, form.query_one("#birth", Input), existing.birth_date.isoformat())
        await choose(pilot, form.query_one("#village", Select), "城关镇 城东社区")
        await tick_documents(pilot, app)
        await pilot.press("f10")
        table = form.query_one("#duplicates", DataTable)
        await wait_for(pilot, lambda: table.row_count > 0, "the possible duplicates")
        assert "可能相同" in message(app) and rows(table)[0][0] == existing.name
        assert rows(table)[0][7] == "确定重复"
        assert "一条没有证件号码；姓名相同；出生日期相同" in rows(table)[0][8]
        # register anyway, with the reason recorded
        await type_into(pilot, form.query_one("#reason", Input), "两地户籍待核实合并")
        await pilot.press("f10")
        await wait_for_person(pilot, what="the record registered anyway")
        event = AuditEvent.select().where(AuditEvent.entity_id == str(app.screen.detail.id),
                                          AuditEvent.action == "person.register").get()
        assert event.reason == "两地户籍待核实合并"


async def test_duplicate_candidate_opens_the_existing_record(make_app):
    existing = Person.select().where(Person.id_type == "resident").order_by(Person.id).first()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        form = await wait_for_screen(pilot, PersonFormScreen, "the registration form")
        await pilot.press(*existing.name)
        await type_into(pilot, form.query_one("#id_number", Input), existing.id_number)
        await choose(pilot, form.query_one("#village", Select), "城关镇 城东社区")
        await pilot.press("f10")
        table = form.query_one("#duplicates", DataTable)
        await wait_for(pilot, lambda: table.row_count > 0, "the existing record")
        assert "不能再登记" in message(app) and rows(table)[0][0] == existing.name
        assert app.focused is table
        await pilot.press("enter")
        await wait_for_person(pilot, what="the existing record")
        assert app.screen.detail.id == existing.id
        await pilot.press("escape")  # the form was replaced: back to the lookup
        await wait_for_screen(pilot, LookupScreen)
        assert Person.select().where(Person.id_key == existing.id_key).count() == 1


async def test_correction_and_a_second_clerk_at_the_same_time(make_app, clock):
    person = a_member_of_a_big_household()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_person(app, pilot, person)
        await pilot.press("f4")
        form = await wait_for_screen(pilot, PersonFormScreen, "the correction form")
        await type_into(pilot, form.query_one("#phone", Input), "13700001234")
        await tick_documents(pilot, app)
        await type_into(pilot, form.query_one("#reason", Input), "更正手机号")
        # meanwhile another counter corrects the same person
        other = PersonInput(**{**form.correcting.as_input().__dict__, "name": person.name,
                               "phone": "13911112222"})
        correct_person(clock, CLERK_B, person.id, form.correcting.version, other,
                       reason="他窗口", documents=("id_card",))
        await pilot.press("f10")
        await wait_for(pilot, lambda: "其他窗口" in message(app), "the version conflict")
        assert "13911112222" in message(app)  # the latest record is shown
        assert form.query_one("#phone", Input).value == "13700001234"  # nothing lost
        await pilot.press("f10")  # checked: save again over the latest version
        await wait_for_person(pilot, lambda d: d.phone == "13700001234",
                              "the record reloaded with the new phone")
        history = rows(app.screen.query_one("#history", DataTable))
        assert [h[1] for h in history[:2]] == ["demo", "clerk_b"]


async def test_correction_needs_reason_and_documents(make_app):
    person = a_member_of_a_big_household()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_person(app, pilot, person)
        await pilot.press("f4")
        form = await wait_for_screen(pilot, PersonFormScreen, "the correction form")
        await type_into(pilot, form.query_one("#phone", Input), "13700009999")
        await pilot.press("f10")
        await wait_for(pilot, lambda: "办理原因" in message(app), "the missing-reason refusal")
        await type_into(pilot, form.query_one("#reason", Input), "更正")
        await pilot.press("f10")
        await wait_for(pilot, lambda: "已查验的材料" in message(app),
                       "the missing-documents refusal")
        assert Person.get_by_id(person.id).phone != "13700009999"


async def test_move_a_member_to_another_household(make_app):
    person = a_member_of_a_big_household()
    target = Household.select().where(Household.id != person.household_id).order_by(
        Household.id).first()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_person(app, pilot, person)
        await pilot.press("f6")
        form = await wait_for_screen(pilot, MoveScreen, "the move form")
        assert app.focused is form.query_one("#target", Input)  # the first field
        await type_into(pilot, form.query_one("#target", Input), target.hukou_no)
        await choose(pilot, form.query_one("#relation", Select), "其他")
        await tick_documents(pilot, app, 2)
        await type_into(pilot, form.query_one("#reason", Input), "投亲")
        await pilot.press("f10")
        await wait_for_person(pilot, lambda d: d.household.id == target.id,
                              "the record reloaded in its new household")
        assert app.screen.detail.history[0].action == "person.move"


async def test_head_leaving_needs_a_new_head(make_app):
    spouse = a_member_of_a_big_household()
    head = Person.get((Person.household == spouse.household_id) & (Person.relation == "self"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_person(app, pilot, head)
        await pilot.press("f8")
        form = await wait_for_screen(pilot, LeaveScreen, "the moved-out / deceased form")
        assert app.focused is form.query_one("#status", Select)  # nothing is preset
        await choose(pilot, form.query_one("#status", Select), "死亡")
        await type_into(pilot, form.query_one("#date", Input), "2026-11-01")
        await tick_documents(pilot, app, 6)
        await type_into(pilot, form.query_one("#reason", Input), "户主死亡")
        await pilot.press("f10")
        await wait_for(pilot, lambda: "请先指定新户主" in message(app), "the new-head refusal")
        await choose(pilot, form.query_one("#new_head", Select), f"{spouse.name}（配偶）")
        await pilot.press("f10")
        await wait_for_person(pilot, lambda d: d.status == "deceased", "the record, deceased")
        assert app.screen.detail.household.head_id == spouse.id


async def test_change_head(make_app):
    spouse = a_member_of_a_big_household()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_person(app, pilot, spouse)
        await pilot.press("f7")
        form = await wait_for_screen(pilot, HeadScreen, "the change-head form")
        assert app.focused is form.query_one("#new_head", Select)  # the first field
        await choose(pilot, form.query_one("#new_head", Select), f"{spouse.name}（配偶）")
        await tick_documents(pilot, app, 2)
        await type_into(pilot, form.query_one("#reason", Input), "户主变更")
        await pilot.press("f10")
        await wait_for_person(pilot, lambda d: d.relation == "self", "the record, now head")
        heads = Person.select().where(Person.household == spouse.household_id,
                                      Person.relation == "self", Person.status == "active")
        assert [p.id for p in heads] == [spouse.id]


async def test_f1_lists_every_key_with_its_id_and_esc_closes(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await wait_for_screen(pilot, HelpScreen)
        listed = rows(app.screen.query_one("#keys", DataTable))
        ids = {r[3] for r in listed}
        assert {"lookup.focus", "lookup.register", "app.help", "app.quit"} <= ids
        await pilot.press("escape")
        await wait_for_screen(pilot, LookupScreen)


async def test_a_hall_can_remap_keys(make_app):
    person = a_member_of_a_big_household()
    app = make_app(keymap={"person.correct": "f9"})
    async with app.run_test(size=SIZE) as pilot:
        await open_person(app, pilot, person)
        depth = len(app.screen_stack)
        await pilot.press("f4")  # no longer the correction key
        await pilot.press("f9")
        await wait_for_screen(pilot, PersonFormScreen, "the correction form, by F9")
        assert app.screen.correcting is not None
        assert len(app.screen_stack) == depth + 1  # F4 opened nothing
        await pilot.press("escape")
        await wait_for_screen(pilot, PersonScreen)
        await pilot.press("f1")
        await wait_for_screen(pilot, HelpScreen)
        listed = rows(app.screen.query_one("#keys", DataTable))
        assert any(r[3] == "person.correct" and r[0].lower() == "f9" for r in listed)
