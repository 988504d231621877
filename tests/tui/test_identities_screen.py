"""Issue 12, point 1 at the counter: F2 on the person screen lists the person's identity
tags; the clerk adds a 低保 tag and ends it, by keyboard; bad dates and an empty
department are said in Chinese and what was typed stays."""

from actors import CLERK
from textual.widgets import DataTable, Input, Select, Static

from models.core.schema import AuditEvent, IdentityTag, Person
from models.registry.households import mark_left
from tests.tui.conftest import (
    SIZE,
    choose,
    rows,
    type_into,
    wait_for,
    wait_for_person,
    wait_for_screen,
)
from tui.screens.identities import IdentitiesScreen, IdentityAddScreen, IdentityEndScreen
from tui.screens.person import PersonScreen
from tui.widgets import ResultList


def message(app) -> str:
    return str(app.screen.query_one("#message", Static).render())


def untagged_person() -> Person:
    tagged = IdentityTag.select(IdentityTag.person)
    return (Person.select().where(Person.status == "active", Person.id_type == "resident",
                                  Person.id.not_in(tagged), Person.birth_date < "2000-01-01")
            .order_by(Person.id).first())


async def open_identities(app, pilot, person: Person) -> IdentitiesScreen:
    query = app.screen.query_one("#query", Input)
    await type_into(pilot, query, person.id_number)
    results = app.screen.query_one("#results", ResultList)
    await wait_for(pilot, lambda: bool(results.rows), f"{person.name} in the results")
    await pilot.press("down", "enter")
    await wait_for_person(pilot, lambda d: d.id == person.id, f"{person.name}'s record")
    await pilot.press("f2")
    screen = await wait_for_screen(pilot, IdentitiesScreen, "the identity list")
    await wait_for(pilot, lambda: screen.tags is not None, "the tags read")
    return screen


async def fill_add_form(pilot, form, source="县民政局", valid_from=None, valid_to=""):
    await choose(pilot, form.query_one("#category", Select), "低保对象")
    await type_into(pilot, form.query_one("#source", Input), source)
    if valid_from is not None:
        await type_into(pilot, form.query_one("#valid_from", Input), valid_from)
    await type_into(pilot, form.query_one("#valid_to", Input), valid_to)
    await choose(pilot, form.query_one("#document", Select), "低保证")


async def test_add_a_minimum_living_tag_then_end_it(make_app):
    person = untagged_person()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        listing = await open_identities(app, pilot, person)
        assert "还没有身份属性" in message(app)
        await pilot.press("f3")
        form = await wait_for_screen(pilot, IdentityAddScreen, "the add form")
        assert app.focused is form.query_one("#category", Select)
        assert form.query_one("#valid_from", Input).value == "2026-11-22"  # today
        await fill_add_form(pilot, form)
        await type_into(pilot, form.query_one("#reason", Input), "民政局11月名单")
        await pilot.press("f10")
        await wait_for_screen(pilot, IdentitiesScreen, "the list again")
        table = listing.query_one("#tags", DataTable)
        await wait_for(pilot, lambda: table.row_count == 1, "the new tag listed")
        assert rows(table) == [["低保对象", "县民政局", "2026-11-22", "—", "有效"]]
        [event] = AuditEvent.select().where(AuditEvent.action == "identity.add")
        assert event.entity_id == str(person.id) and "minimum_living_certificate" in \
            event.documents and event.reason == "民政局11月名单"

        # end it: F4 on the selected row
        await pilot.press("f4")
        end = await wait_for_screen(pilot, IdentityEndScreen, "the end form")
        assert "低保对象" in str(end.query_one("#title", Static).render())
        await type_into(pilot, end.query_one("#valid_to", Input), "2026-11-30")
        await type_into(pilot, end.query_one("#reason", Input), "退出低保")
        await pilot.press("f10")
        await wait_for_screen(pilot, IdentitiesScreen, "the list after ending")
        await wait_for(pilot, lambda: rows(table) == [
            ["低保对象", "县民政局", "2026-11-22", "2026-11-30", "有效"]], "the tag ended")

        # the person screen's identity table and history show both
        await pilot.press("escape")
        await wait_for_person(pilot, lambda d: d.identities
                              and d.identities[0].valid_to is not None, "the record reloaded")
        screen = app.screen
        assert isinstance(screen, PersonScreen)
        assert rows(screen.query_one("#identities", DataTable)) == [
            ["低保对象", "县民政局", "2026-11-22", "2026-11-30", "有效"]]
        assert [h.action for h in screen.detail.history[:2]] == ["identity.end", "identity.add"]
        history = rows(screen.query_one("#history", DataTable))
        assert history[0][2] == "身份结束" and "低保对象" in history[0][5]
        assert history[1][2] == "身份登记" and history[1][4] == "低保证"


async def test_bad_dates_and_an_empty_department_say_why_and_keep_what_was_typed(make_app):
    person = untagged_person()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_identities(app, pilot, person)
        await pilot.press("f3")
        form = await wait_for_screen(pilot, IdentityAddScreen, "the add form")
        await fill_add_form(pilot, form, valid_from="2026-11-01", valid_to="2026-10-31")
        await pilot.press("f10")
        await wait_for(pilot, lambda: "止日2026-10-31早于起日2026-11-01" in message(app),
                       "the dates refused")
        assert app.screen is form
        assert form.query_one("#source", Input).value == "县民政局"
        assert form.query_one("#valid_from", Input).value == "2026-11-01"
        assert form.query_one("#valid_to", Input).value == "2026-10-31"
        assert form.query_one("#category", Select).value == "minimum_living"
        assert form.query_one("#document", Select).value == "minimum_living_certificate"

        await type_into(pilot, form.query_one("#valid_to", Input), "2026-13-45")
        await pilot.press("f10")
        await wait_for(pilot, lambda: "日期格式不对：2026-13-45" in message(app),
                       "the impossible date refused")
        await type_into(pilot, form.query_one("#valid_to", Input), "")
        await type_into(pilot, form.query_one("#source", Input), "   ")
        await pilot.press("f10")
        await wait_for(pilot, lambda: "请填写认定部门" in message(app), "the department asked for")
        assert form.query_one("#valid_from", Input).value == "2026-11-01"
        assert IdentityTag.select().where(IdentityTag.person == person.id).count() == 0

        # typed in: saved from the 1st of November, open-ended
        await type_into(pilot, form.query_one("#source", Input), "县民政局")
        await pilot.press("f10")
        listing = await wait_for_screen(pilot, IdentitiesScreen, "the list")
        table = listing.query_one("#tags", DataTable)
        await wait_for(pilot, lambda: table.row_count == 1, "the tag listed")

        # ending before it began is refused, the date kept
        await pilot.press("f4")
        end = await wait_for_screen(pilot, IdentityEndScreen, "the end form")
        await type_into(pilot, end.query_one("#valid_to", Input), "2026-10-15")
        await type_into(pilot, end.query_one("#reason", Input), "退出")
        await pilot.press("f10")
        await wait_for(pilot, lambda: "止日2026-10-15早于起日2026-11-01" in message(app),
                       "the end date refused")
        assert end.query_one("#valid_to", Input).value == "2026-10-15"
        assert end.query_one("#reason", Input).value == "退出"

        # an overlapping second 低保 is refused on the add form
        await pilot.press("escape")  # the end form has changes: it asks first
        await pilot.press("enter")
        await wait_for_screen(pilot, IdentitiesScreen, "the list again")
        await pilot.press("f3")
        again = await wait_for_screen(pilot, IdentityAddScreen, "the add form again")
        await fill_add_form(pilot, again)
        await pilot.press("f10")
        await wait_for(pilot, lambda: "已有“低保对象”身份（2026-11-01至长期）" in message(app),
                       "the overlap refused")


async def test_the_keys_to_add_and_end_are_in_the_help(make_app):
    person = untagged_person()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_identities(app, pilot, person)
        await pilot.press("f4")  # nothing to end yet
        await wait_for(pilot, lambda: "请先用 ↑↓ 选中要结束的一条身份" in message(app),
                       "nothing selected said")
        await pilot.press("f1")
        await wait_for(pilot, lambda: "identities.add" in str(
            [rows(app.screen.query_one(DataTable))]), "the help listing the keys")
        listed = rows(app.screen.query_one(DataTable))
        assert ["f3", "登记身份", "身份属性", "identities.add"] in [r[:4] for r in listed]


async def test_no_tags_for_a_person_no_longer_active(make_app, clock):
    gone = (Person.select().where(Person.status == "active", Person.id_type == "resident",
                                  Person.relation == "spouse").order_by(Person.id).first())
    mark_left(clock, CLERK, gone.id, gone.version, status="moved_out", on=clock.today(),
              reason="迁往外省", documents=("migration_certificate",))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        query = app.screen.query_one("#query", Input)
        await type_into(pilot, query, gone.id_number)
        results = app.screen.query_one("#results", ResultList)
        await wait_for(pilot, lambda: bool(results.rows), f"{gone.name} in the results")
        await pilot.press("down", "enter")
        await wait_for_person(pilot, lambda d: d.id == gone.id, f"{gone.name}'s record")
        await pilot.press("f2")
        await wait_for(pilot, lambda: "此人状态为“已迁出”，不能办理" in message(app),
                       "the refusal on the record")
        assert isinstance(app.screen, PersonScreen)
