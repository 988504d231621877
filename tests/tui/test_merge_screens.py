"""The duplicate review at the counter (issue 14, point 4), keyboard only, on a real SQLite
file: the queue from the lookup screen, the pair side by side, a field's value chosen, the
merge confirmed; a pair dismissed; a record awaiting merge led to the review from its
person screen and from the pay screen's refusal."""

import sys
from pathlib import Path

from actors import CLERK, SUPERVISOR
from textual.widgets import DataTable, Static

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "models"))
from merge_helpers import awaiting_merge, candidate

from models.core.schema import DuplicateCandidate, Person
from models.registry.registration import NewHousehold, register_person
from models.rules.person import PersonInput
from models.rules.policy import load_policy_id
from models.texts.merging import PALETTE_REVIEW
from tests.tui.conftest import rows, wait_for, wait_for_person, wait_for_screen
from tests.tui.pay_helpers import SIZE, CounterApp, open_pay, open_record
from tests.tui.test_login_and_palette import run_command
from tests.tui.walk_ins import Someone, open_walk_in, resident_id
from tui.modals import ConfirmScreen
from tui.screens.duplicates import DuplicatesScreen
from tui.screens.lookup import LookupScreen
from tui.screens.merge_review import MergeReviewScreen
from tui.screens.pay import PayScreen

FAMILY = (Someone("周建华", "self", "19900315", "013"),
          Someone("吴丽", "spouse", "19920708", "024"),
          Someone("周老汉", "parent", "19400101", "051"))


def app_for(clock) -> CounterApp:
    return CounterApp(clock=clock, actor=CLERK, policy=load_policy_id("demo-2027"))


def again(clock, ids, name="周老汉", seq="071", phone="13700001234") -> int:
    """周老汉 registered a second time, one digit off, in a household of his own."""
    village = Person.get_by_id(ids["周建华"]).household.village_id
    data = PersonInput(name=name, id_type="resident", id_number=resident_id("19400101", seq),
                       gender=None, birth_date=None, relation="self", phone=phone)
    return register_person(clock, CLERK, data, new_household=NewHousehold(village, "二组"),
                           documents=("id_card",), duplicate_reason="户口迁入").id


def text(screen, selector) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_queue(pilot) -> DuplicatesScreen:
    await pilot.press("f6")
    screen = await wait_for_screen(pilot, DuplicatesScreen)
    table = screen.query_one("#pairs", DataTable)
    await wait_for(pilot, lambda: screen.rows and table.row_count == len(screen.rows),
                   "the queue's pairs")
    return screen


async def review_from_pay(pilot) -> MergeReviewScreen:
    """From the open record awaiting merge: F9, its refusal naming F7, F7, the pair."""
    pay = await open_pay(pilot)
    await pilot.press("space")
    await wait_for(pilot, lambda: "按 F7 审核合并" in text(pay, "#message"),
                   "the refusal naming F7")
    await pilot.press("f7")
    review = await wait_for_screen(pilot, MergeReviewScreen)
    await wait_for(pilot, lambda: review.view is not None, "the pair")
    return review


async def test_the_queue_the_pair_side_by_side_and_the_merge(tmp_path, clock):
    db, ids = open_walk_in(tmp_path / "m.db", clock, "demo", FAMILY)
    other = again(clock, ids)
    wife = PersonInput(name="钱老太", id_type="resident", id_number=resident_id("19420202", "022"),
                       gender=None, birth_date=None, relation="spouse")
    register_person(clock, CLERK, wife, household_id=Person.get_by_id(other).household_id,
                    documents=("id_card",))
    candidate(ids["周老汉"], other, score=0.86, decision="review",
              reasons=("姓名相同", "证件号一位之差"))
    async with app_for(clock).run_test(size=SIZE) as pilot:
        queue = await open_queue(pilot)
        [row] = rows(queue.query_one("#pairs", DataTable))
        assert row[:2] == ["0.86", "待人工审核"] and "证件号一位之差" in row[5]
        await pilot.press("enter")
        review = await wait_for_screen(pilot, MergeReviewScreen)
        await wait_for(pilot, lambda: review.view is not None, "the pair")
        fields = review.query_one("#fields", DataTable)
        table = rows(fields)
        assert [r[1] for r in table] == ["姓名", "证件号码", "性别", "出生日期", "联系电话",
                                         "户籍（户与关系）"]
        assert [r[0] for r in table] == ["", "≠", "", "", "≠", "≠"]
        assert table[4][4] == "被合并记录"  # a phone over none, proposed
        assert review.view.survivor.id == ids["周老汉"]
        for _ in range(4):
            await pilot.press("down")
        await pilot.press("enter")  # the clerk keeps the survivor's (empty) phone after all
        await wait_for(pilot, lambda: rows(fields)[4][4] == "保留记录", "the phone toggled")
        await pilot.press("f10")
        confirm = await wait_for_screen(pilot, ConfirmScreen)
        assert "取被合并记录的：无" in text(confirm, "#question")
        assert "新户主：钱老太" in text(confirm, "#question")  # his second household's
        await pilot.press("enter")
        await wait_for_person(pilot, lambda d: d.id == ids["周老汉"], "the survivor's record")
    merged = Person.get_by_id(other)
    assert (merged.status, merged.merged_into_id) == ("merged", ids["周老汉"])
    assert Person.get_by_id(ids["周老汉"]).phone is None
    assert DuplicateCandidate.get().status == "merged"
    db.close()


async def test_a_pair_dismissed_leaves_the_queue(tmp_path, clock):
    db, ids = open_walk_in(tmp_path / "d.db", clock, "demo", FAMILY)
    other = again(clock, ids, name="周老二", seq="091")
    candidate(ids["周老汉"], other, score=0.55, decision="review")
    async with app_for(clock).run_test(size=SIZE) as pilot:
        queue = await open_queue(pilot)
        await pilot.press("enter")
        review = await wait_for_screen(pilot, MergeReviewScreen)
        await wait_for(pilot, lambda: review.view is not None, "the pair")
        await pilot.press("f8")
        await wait_for(pilot, lambda: pilot.app.screen is queue and not queue.rows,
                       "back in an empty queue")
        assert text(queue, "#title") == "没有待审核的疑似重复"
    assert DuplicateCandidate.get().status == "dismissed"
    assert Person.get_by_id(other).status == "active"
    db.close()


async def test_a_record_awaiting_merge_leads_to_the_review(tmp_path, clock):
    db, ids = open_walk_in(tmp_path / "a.db", clock, "demo", FAMILY)
    other = again(clock, ids)
    awaiting_merge(clock, CLERK, other, ids["周老汉"])
    async with app_for(clock).run_test(size=SIZE) as pilot:
        person = await open_record(pilot, "周老汉", other)
        assert "按 F10 审核合并" in text(person, "#message")
        review = await review_from_pay(pilot)
        assert (review.view.survivor.id, review.view.other.id) == (ids["周老汉"], other)
        assert "未经扫描" in text(review, "#title")
        await pilot.press("f8")  # no candidate row: it can only be merged
        await wait_for(pilot, lambda: "只能合并" in text(review, "#message"), "the refusal")
        await pilot.press("escape")
        await pilot.press("escape")
        await wait_for_person(pilot, lambda d: d.id == other)
        await pilot.press("f10")
        review = await wait_for_screen(pilot, MergeReviewScreen)
        await wait_for(pilot, lambda: review.view is not None, "the pair again")
        await pilot.press("f10")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("enter")
        await wait_for_person(pilot, lambda d: d.id == ids["周老汉"], "the survivor")
    assert Person.get_by_id(other).status == "merged"
    db.close()


async def test_after_a_merge_from_the_pay_screen_esc_never_returns_to_it(tmp_path, clock):
    """The pay and person screens the review was reached from show the records as they
    were: after the merge the survivor's record stands in their place."""
    db, ids = open_walk_in(tmp_path / "p.db", clock, "demo", FAMILY)
    other = again(clock, ids)
    awaiting_merge(clock, CLERK, other, ids["周老汉"])
    async with app_for(clock).run_test(size=SIZE) as pilot:
        await open_record(pilot, "周老汉", other)
        await review_from_pay(pilot)
        await pilot.press("f10")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("enter")
        await wait_for_person(pilot, lambda d: d.id == ids["周老汉"], "the survivor")
        assert [type(s).__name__ for s in pilot.app.screen_stack[1:]] == [
            "LookupScreen", "PersonScreen"]
        await pilot.press("escape")
        await wait_for_screen(pilot, LookupScreen)
    assert Person.get_by_id(other).status == "merged"
    db.close()


async def test_a_pay_screen_under_the_queue_closes_once_a_merge_took_its_member(tmp_path,
                                                                                clock):
    """The queue opened from the palette over a pay screen: a merge there took that screen's
    only member away. Back at it, it closes (it listed the household as it was), and the
    person screen below shows the record merged; a merge of others leaves it open."""
    db, ids = open_walk_in(tmp_path / "q.db", clock, "demo", FAMILY)
    other = again(clock, ids)
    candidate(ids["周老汉"], other, score=0.86, decision="review")
    async with app_for(clock).run_test(size=SIZE) as pilot:
        await open_record(pilot, "周老汉", other)
        pay = await open_pay(pilot)
        assert pay.order == [other]
        await run_command(pilot, PALETTE_REVIEW)
        queue = await wait_for_screen(pilot, DuplicatesScreen)
        await wait_for(pilot, lambda: queue.rows, "the pair")
        await pilot.press("enter")
        review = await wait_for_screen(pilot, MergeReviewScreen)
        await wait_for(pilot, lambda: review.view is not None, "the pair")
        assert review.view.survivor.id == ids["周老汉"]
        await pilot.press("f10")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("enter")
        await wait_for_person(pilot, lambda d: d.id == ids["周老汉"], "the survivor")
        await pilot.press("escape")
        await wait_for_screen(pilot, DuplicatesScreen)
        await pilot.press("escape")  # to the pay screen, which lists the record merged away
        person = await wait_for_person(pilot, lambda d: d.id == other, "the merged record")
        assert "已并入" in text(person, "#message")
        assert not any(isinstance(s, PayScreen) for s in pilot.app.screen_stack)
        # the family's pay screen, reopened, is not touched by a merge it does not list
        await pilot.press("escape")
        await open_record(pilot, "周建华", ids["周建华"])
        pay = await open_pay(pilot)
        pilot.app.session.merged.append(frozenset((other, other + 1000)))  # someone else's
        await run_command(pilot, PALETTE_REVIEW)
        await wait_for_screen(pilot, DuplicatesScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, PayScreen)
        await pilot.pause()
        assert pilot.app.screen is pay
    db.close()


async def test_a_supervisor_merges_the_sure_band_after_a_dry_run(tmp_path, clock):
    db, ids = open_walk_in(tmp_path / "b.db", clock, "demo", FAMILY)
    other = again(clock, ids)
    candidate(ids["周老汉"], other, score=0.99, decision="sure")
    async with app_for(clock).run_test(size=SIZE) as pilot:  # a clerk: refused
        queue = await open_queue(pilot)
        await pilot.press("f10")
        await wait_for(pilot, lambda: "审核员" in text(queue, "#message"), "the refusal")
    app = CounterApp(clock=clock, actor=SUPERVISOR, policy=load_policy_id("demo-2027"))
    async with app.run_test(size=SIZE) as pilot:
        queue = await open_queue(pilot)
        await pilot.press("f10")
        confirm = await wait_for_screen(pilot, ConfirmScreen, "the dry run's question")
        assert "可合并 1 对" in text(confirm, "#question")
        assert Person.get_by_id(other).status == "active"  # nothing written yet
        await pilot.press("enter")
        await wait_for(pilot, lambda: "批量合并完成：合并 1 对" in text(queue, "#message"),
                       "the bulk merge's figures")
        await wait_for(pilot, lambda: not queue.rows, "the queue emptied")
        # the merged record, opened, leads to the survivor
        await pilot.press("escape")
        person = await open_record(pilot, "周老汉", other)
        assert "已并入" in text(person, "#message")
        await pilot.press("f10")
        await wait_for_person(pilot, lambda d: d.id == ids["周老汉"], "the survivor")
    assert Person.get_by_id(other).status == "merged"
    db.close()
