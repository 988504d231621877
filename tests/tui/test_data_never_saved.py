"""Issue 9, points 1–3 at the counter, through Pilot on a real SQLite file: the same ID
registered twice, a newborn made head, a registration without documents, with a birth
date of 1800 or a 300-character address. Each is refused on screen, and nothing is
saved until the clerk has put it right."""

import datetime as dt

from actors import SYSTEM
from textual.widgets import DataTable, Input, Select, Static

from models.core.schema import Household, Person
from models.core.unit_of_work import unit_of_work
from models.registry.bulk import BulkWriter, HouseholdRow, PersonRow
from models.rules.relations import propose_relation
from tests.tui.conftest import (
    SIZE,
    choose,
    rows,
    type_into,
    wait_for,
    wait_for_person,
    wait_for_screen,
)
from tests.tui.test_counter_flows import message, open_person, tick_documents
from tui.screens.household_forms import HeadScreen
from tui.screens.person_form import PersonFormScreen
from tui.widgets import ResultList


async def test_the_same_id_is_not_registered_again_only_opened(make_app):
    existing = Person.select().where(Person.id_type == "resident").order_by(Person.id).first()
    people = Person.select().count()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        form = await wait_for_screen(pilot, PersonFormScreen, "the registration form")
        await pilot.press(*existing.name)
        old = existing.id_number[:6] + existing.id_number[8:17]  # the same ID, 15 digits
        await type_into(pilot, form.query_one("#id_number", Input), old)
        await choose(pilot, form.query_one("#village", Select), "城关镇 城东社区")
        await tick_documents(pilot, app)
        await pilot.press("f10")
        table = form.query_one("#duplicates", DataTable)
        await wait_for(pilot, lambda: table.row_count == 1, "the record holding the ID")
        assert "已登记在" in message(app) and "不能再登记" in message(app)
        assert rows(table)[0][0] == existing.name and rows(table)[0][7] == "证件号"
        assert "回车打开已有记录" in str(form.query_one("#duplicates_title").render())
        assert form.query_one("#reason_row").has_class("hidden")  # no "register anyway"
        await pilot.press("f10")  # again: still refused
        await wait_for(pilot, lambda: table.has_focus, "the existing record, to open")
        assert isinstance(app.screen, PersonFormScreen) and Person.select().count() == people
        await pilot.press("enter")
        await wait_for_person(pilot, lambda d: d.id == existing.id, "the existing record")


async def test_an_id_already_registered_is_said_before_the_village_is_asked_for(make_app):
    existing = Person.select().where(Person.id_type == "resident").order_by(Person.id).first()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        form = await wait_for_screen(pilot, PersonFormScreen, "the registration form")
        await pilot.press(*existing.name)
        await type_into(pilot, form.query_one("#id_number", Input), existing.id_number)
        await pilot.press("f10")  # no village chosen, no documents ticked yet
        table = form.query_one("#duplicates", DataTable)
        await wait_for(pilot, lambda: table.row_count == 1, "the record holding the ID")
        assert "已登记在" in message(app) and "找不到这个村" not in message(app)


async def test_a_record_awaiting_merge_shows_the_record_it_collides_with(make_app, clock):
    holder = Person.select().where(Person.id_type == "resident").order_by(Person.id).first()
    with unit_of_work(clock, SYSTEM) as uow, BulkWriter(uow) as writer:
        household = writer.add_household(HouseholdRow(Household.get_by_id(
            holder.household_id).village_id))
        second = writer.add_person(PersonRow(household, holder.name, "resident",
                                             holder.id_number, holder.gender,
                                             holder.birth_date, "self"))
    hukou_no = Household.get_by_id(holder.household_id).hukou_no
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, app.screen.query_one("#query", Input), holder.id_number)
        results = app.screen.query_one("#results", ResultList)
        await wait_for(pilot, lambda: len(results.rows) == 2, "both records under the ID")
        assert [r[8] for r in results.rows] == ["正常", "待合并"]  # the active one first
        await pilot.press("down", "down", "enter")
        screen = await wait_for_person(pilot, lambda d: d.id == second, "the second record")
        fields = str(screen.query_one("#fields", Static).render())
        assert "状态：待合并" in fields
        assert f"与{holder.name}，户号{hukou_no}，证件号相同" in fields


def a_household_with_a_child() -> tuple[Person, Person, Person]:
    """(head, spouse, a child under 18) of one household."""
    minor_born_after = dt.date(2008, 11, 22)
    for child in Person.select().where(Person.relation == "child",
                                       Person.birth_date > minor_born_after).order_by(Person.id):
        members = {p.relation: p for p in Person.select().where(
            Person.household == child.household_id, Person.status == "active")}
        if "self" in members and "spouse" in members:
            return members["self"], members["spouse"], child
    raise AssertionError("no household with a child")


async def test_a_child_is_refused_as_head_and_relations_are_proposed(make_app):
    head, spouse, child = a_household_with_a_child()
    others = list(Person.select().where(Person.household == head.household_id,
                                        Person.status == "active",
                                        Person.id.not_in([head.id, spouse.id])))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_person(app, pilot, spouse)
        await pilot.press("f7")
        form = await wait_for_screen(pilot, HeadScreen, "the change-head form")
        await choose(pilot, form.query_one("#new_head", Select),
                     f"{child.name}（子女）")
        await tick_documents(pilot, app, 2)
        await type_into(pilot, form.query_one("#reason", Input), "户主变更")
        await pilot.press("f10")
        await wait_for(pilot, lambda: "未满18周岁" in message(app), "the refusal of a minor")
        assert Person.get_by_id(head.id).relation == "self"
        # the spouse takes over: every other member's row shows the proposal
        await choose(pilot, form.query_one("#new_head", Select), f"{spouse.name}（配偶）")
        assert form.query_one(f"#relation_row_{spouse.id}").has_class("hidden")
        assert form.query_one(f"#relation_{head.id}", Select).value == "spouse"
        proposed = {m.id: propose_relation("spouse", m.relation) for m in others}
        for member in others:  # children stay children, the head's parents become "other"
            assert form.query_one(f"#relation_{member.id}", Select).value == proposed[member.id]
        # the clerk changes one by keyboard: the old head is recorded as 其他
        await choose(pilot, form.query_one(f"#relation_{head.id}", Select), "其他")
        await pilot.press("f10")
        await wait_for_person(pilot, lambda d: d.relation == "self", "the spouse, now head")
        assert Person.get_by_id(head.id).relation == "other"
        assert {m.id: Person.get_by_id(m.id).relation for m in others} == proposed


async def test_registration_refuses_no_documents_an_old_birth_and_a_long_address(make_app):
    people = Person.select().count()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        form = await wait_for_screen(pilot, PersonFormScreen, "the registration form")
        await pilot.press(*"钱老汉")
        await choose(pilot, form.query_one("#id_type", Select), "无证件")
        await choose(pilot, form.query_one("#gender", Select), "男")
        await type_into(pilot, form.query_one("#birth", Input), "1800-01-01")
        await choose(pilot, form.query_one("#village", Select), "城关镇 城东社区")
        address = form.query_one("#address", Input)
        address.value = "城东路" * 100  # pasted: 300 characters
        await pilot.press("f10")
        await wait_for(pilot, lambda: "出生日期1800-01-01不合理" in message(app),
                       "the birth-date refusal")
        await type_into(pilot, form.query_one("#birth", Input), "1950-01-01")
        await pilot.press("f10")
        await wait_for(pilot, lambda: "地址过长：最多255个字，现在是300个字" in message(app),
                       "the address refusal")
        await type_into(pilot, address, "城东路12号")
        await pilot.press("f10")
        await wait_for(pilot, lambda: "请勾选已查验的材料" in message(app),
                       "the documents refusal")
        assert Person.select().count() == people  # nothing saved so far
        await tick_documents(pilot, app, 2)
        await pilot.press("f10")
        detail = (await wait_for_person(pilot, what="the new person's record")).detail
        assert detail.name == "钱老汉" and detail.birth_date == dt.date(1950, 1, 1)
        assert detail.household.address == "城东路12号"
