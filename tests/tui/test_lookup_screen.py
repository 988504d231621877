"""The lookup screen as the clerk types."""

from textual.widgets import Input, Static

from models.core.schema import Person
from models.registry.lookup import lookup
from tests.tui.conftest import SIZE, wait_for
from tui.widgets import ResultList


async def test_typing_a_name_finds_people_as_they_type(make_app):
    person = Person.select().where(Person.id_type == "resident").order_by(Person.id).first()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.focused is app.screen.query_one("#query", Input)
        await pilot.press(*person.name)
        results = app.screen.query_one("#results", ResultList)
        await wait_for(pilot, lambda: bool(results.rows) and app.screen.last_page is not None
                       and app.screen.last_page.query == person.name,
                       f"results for {person.name}")
        assert all(r[0].startswith(person.name) for r in results.rows)
        assert any("*" in r[1] for r in results.rows)  # IDs are masked in the list
        assert "找到" in str(app.screen.query_one("#message", Static).render())
        assert app.screen.last_latency_ms is not None


async def test_pinyin_initials_and_paging_hint(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        results = app.screen.query_one("#results", ResultList)
        await wait_for(pilot, lambda: len(results.rows) == 50, "a first page of 50 results")
        assert "只显示前 50 人" in str(app.screen.query_one("#message", Static).render())


async def test_bad_query_shows_a_message_not_a_crash(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "2", "3")
        await wait_for(pilot, lambda: "至少输入后6位" in str(
            app.screen.query_one("#message", Static).render()), "the too-short-number message")


async def test_a_merged_record_points_to_the_record_it_went_into(make_app):
    kept, gone = Person.select().where(Person.id_type == "resident").order_by(Person.id)[:2]
    # The merge itself is a later feature; the lookup must already show its result.
    Person.update(status="merged", merged_into=kept.id).where(Person.id == gone.id).execute()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*gone.id_number)
        results = app.screen.query_one("#results", ResultList)
        await wait_for(pilot, lambda: bool(results.rows), "the merged record in the results")
        assert results.rows[0][0] == gone.name and results.rows[0][8] == f"已合并→{kept.id}"


async def test_results_page_on_beyond_the_first_50(make_app, clock):
    expected = [h.id for h in lookup("w", clock, limit=120).hits]
    assert len(expected) > 100  # the county has more than two pages of w
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        results = app.screen.query_one("#results", ResultList)
        message = app.screen.query_one("#message", Static)
        await wait_for(pilot, lambda: len(results.rows) == 50, "a first page of 50 results")
        await pilot.press("down")  # into the list
        await wait_for(pilot, lambda: results.has_focus, "focus in the results")
        await pilot.press("end")  # the last row fetches the next page
        await wait_for(pilot, lambda: len(results.rows) == 100, "a second page")
        assert results.highlighted == 49  # where End took the clerk, the next page below
        assert "只显示前 100 人" in str(message.render())
        await pilot.press("pagedown", "pagedown", "pagedown", "pagedown")
        await wait_for(pilot, lambda: len(results.rows) > 100, "a third page, by PageDown")
        assert [int(k) for k in results.keys[:120]] == expected[:len(results.keys[:120])]
        assert len(set(results.keys)) == len(results.keys)  # no row twice
