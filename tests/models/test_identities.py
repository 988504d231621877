"""Issue 12, point 1: identity tags added and ended at the counter, audited, refused in
Chinese when they cannot hold; which categories hold on a day."""

import datetime as dt
import json
import multiprocessing

import pytest
from actors import CLERK, CLERK_A, CLERK_B
from identity_workers import same_tags

from models.core import audit
from models.core.errors import DomainError
from models.core.schema import AuditEvent, IdentityTag, Person
from models.registry.households import mark_left
from models.registry.identities import add_identity_tag, end_identity_tag, identity_tags
from models.registry.people import person_detail
from models.rules.identities import tag_state, tags_valid_on
from models.rules.policy import load_policy_id

NOV_1 = dt.date(2026, 11, 1)
DOC = ("minimum_living_certificate",)


def add(clock, person_id, category="minimum_living", valid_from=NOV_1, valid_to=None,
        source="县民政局", documents=DOC, reason="", policy=None):
    return add_identity_tag(clock, CLERK, person_id, category, source, valid_from, valid_to,
                            documents, reason, policy=policy or load_policy_id("demo-2027"))


def events(person_id, action):
    return list(AuditEvent.select().where(AuditEvent.entity == "person",
                                          AuditEvent.entity_id == str(person_id),
                                          AuditEvent.action == action)
                .order_by(AuditEvent.seq))


def test_add_a_tag_audited_with_its_document(family, clock):
    head, _, _ = family
    tag = add(clock, head.id, reason="民政局2026年11月低保名单")
    assert (tag.person_id, tag.category, tag.source, tag.valid_from, tag.valid_to) == (
        head.id, "minimum_living", "县民政局", NOV_1, None)
    assert identity_tags(head.id) == (tag,)
    [event] = events(head.id, "identity.add")
    assert json.loads(event.documents) == ["minimum_living_certificate"]
    assert event.reason == "民政局2026年11月低保名单"
    assert event.clerk == CLERK.username
    assert json.loads(event.after) == {"tag_id": tag.id, "category": "minimum_living",
                                       "source": "县民政局", "valid_from": "2026-11-01",
                                       "valid_to": None}
    # the person's record shows it, the history names it, and the seal follows the event
    detail = person_detail(head.id, clock.today(), 2027)
    assert [(i.category, i.source) for i in detail.identities] == [("minimum_living", "县民政局")]
    assert detail.history[0].action == "identity.add"
    assert detail.history[0].documents == DOC
    assert Person.get_by_id(head.id).audit_seq == event.seq
    report = audit.verify()
    assert report.ok, report.message


def test_end_a_tag_audited_and_valid_up_to_its_last_day(family, clock):
    head, _, _ = family
    tag = add(clock, head.id)
    ended = end_identity_tag(clock, CLERK, tag.id, dt.date(2026, 11, 30), "民政局通知退出低保",
                             ("department_letter",))
    assert ended.valid_to == dt.date(2026, 11, 30)
    assert identity_tags(head.id)[0].valid_to == dt.date(2026, 11, 30)
    [event] = events(head.id, "identity.end")
    assert json.loads(event.before) == {"valid_to": None}
    assert json.loads(event.after) == {"tag_id": tag.id, "category": "minimum_living",
                                       "valid_to": "2026-11-30"}
    assert event.reason == "民政局通知退出低保"
    assert json.loads(event.documents) == ["department_letter"]
    tags = identity_tags(head.id)
    assert tags_valid_on(tags, dt.date(2026, 11, 30)) == ("minimum_living",)
    assert tags_valid_on(tags, dt.date(2026, 12, 1)) == ()
    assert tags_valid_on(tags, dt.date(2026, 10, 31)) == ()
    assert Person.get_by_id(head.id).audit_seq == event.seq
    assert audit.verify().ok


def test_several_categories_and_their_days(family, clock):
    head, _, _ = family
    add(clock, head.id, "severe_disability", dt.date(2026, 1, 1), source="县残联",
        documents=("disability_certificate",))
    add(clock, head.id, "minimum_living", dt.date(2026, 11, 1), dt.date(2026, 12, 31))
    add(clock, head.id, "minimum_living", dt.date(2027, 1, 1))  # the next period, no gap
    tags = identity_tags(head.id)
    assert [t.valid_from for t in tags] == [dt.date(2026, 1, 1), dt.date(2026, 11, 1),
                                            dt.date(2027, 1, 1)]
    assert tags_valid_on(tags, dt.date(2026, 6, 1)) == ("severe_disability",)
    assert tags_valid_on(tags, dt.date(2026, 12, 31)) == ("severe_disability", "minimum_living")
    assert tags_valid_on(tags, dt.date(2027, 1, 1)) == ("severe_disability", "minimum_living")
    assert [tag_state(t, dt.date(2026, 11, 22)) for t in tags] == ["current", "current",
                                                                   "future"]
    assert tag_state(tags[1], dt.date(2027, 1, 1)) == "ended"


def test_without_a_policy_given_the_one_in_force_decides(family, clock):
    head, _, _ = family
    tag = add_identity_tag(clock, CLERK, head.id, "extreme_poverty", "县民政局", NOV_1, None,
                           ("extreme_poverty_certificate",), "")
    assert tag.category == "extreme_poverty"
    with pytest.raises(DomainError, match="没有参保资助"):
        add_identity_tag(clock, CLERK, head.id, "retired_fisher", "县农业农村局", NOV_1, None,
                         ("department_list",), "")


@pytest.mark.parametrize("changes, words", [
    ({"category": "dragon_rider"}, "没有这种身份类别：dragon_rider"),
    ({"category": "retired_fisher"}, "对“退捕渔民”没有参保资助"),
    ({"valid_to": dt.date(2026, 10, 31)}, "止日2026-10-31早于起日2026-11-01"),
    ({"source": "  "}, "请填写认定部门"),
    ({"source": "局" * 256}, "认定部门最多255个字"),
    ({"documents": ()}, "请选择查验的认定材料"),
    ({"documents": ("passport",)}, "不认识的查验材料：passport"),
    ({"valid_from": None}, "请填写起日"),
    ({"valid_from": dt.date(1979, 12, 31)}, "早于此人的出生日期1980-01-01"),
])
def test_refusals_say_why_and_write_nothing(family, clock, changes, words):
    head, _, _ = family
    before = (IdentityTag.select().count(), AuditEvent.select().count())
    with pytest.raises(DomainError) as refused:
        add(clock, head.id, **changes)
    assert words in refused.value.message
    assert (IdentityTag.select().count(), AuditEvent.select().count()) == before


def test_a_category_not_subsidised_names_those_that_are(family, clock):
    head, _, _ = family
    with pytest.raises(DomainError) as refused:
        add(clock, head.id, "retired_fisher")
    for label in ("特困人员", "低保对象", "1-2级残疾人", "监测对象"):
        assert label in refused.value.message


def test_an_overlapping_tag_of_the_same_category_is_refused(family, clock):
    head, spouse, _ = family
    add(clock, head.id)
    with pytest.raises(DomainError, match="已有“低保对象”身份（2026-11-01至长期）"):
        add(clock, head.id, valid_from=dt.date(2027, 3, 1))
    with pytest.raises(DomainError, match="重叠"):
        add(clock, head.id, valid_from=dt.date(2026, 1, 1), valid_to=dt.date(2026, 11, 1))
    # before it, another category, another person: fine
    add(clock, head.id, valid_from=dt.date(2026, 1, 1), valid_to=dt.date(2026, 10, 31))
    add(clock, head.id, "monitored", source="县乡村振兴局", documents=("department_list",))
    add(clock, spouse.id)
    assert len(identity_tags(head.id)) == 3


def test_a_person_not_active_is_refused(family, clock):
    *_, child = family
    tag = add(clock, child.id)
    mark_left(clock, CLERK, child.id, child.version, status="moved_out", on=NOV_1,
              reason="迁往外省", documents=("migration_certificate",))
    with pytest.raises(DomainError, match="此人状态为“已迁出”"):
        add(clock, child.id, "monitored", documents=("department_list",))
    with pytest.raises(DomainError, match="此人状态为“已迁出”"):
        end_identity_tag(clock, CLERK, tag.id, dt.date(2026, 11, 30), "迁出")


def test_ending_refusals(family, clock):
    head, _, _ = family
    tag = add(clock, head.id, valid_to=dt.date(2026, 12, 31))
    count = AuditEvent.select().count()
    with pytest.raises(DomainError, match="止日2026-10-01早于起日2026-11-01"):
        end_identity_tag(clock, CLERK, tag.id, dt.date(2026, 10, 1), "退出")
    with pytest.raises(DomainError, match="请填写办理原因"):
        end_identity_tag(clock, CLERK, tag.id, dt.date(2026, 11, 30), " ")
    with pytest.raises(DomainError, match="请填写止日"):
        end_identity_tag(clock, CLERK, tag.id, None, "退出")
    with pytest.raises(DomainError, match="只能提前结束，不能延长"):
        end_identity_tag(clock, CLERK, tag.id, dt.date(2027, 1, 31), "延长")
    with pytest.raises(DomainError, match="找不到这条身份属性（编号999999）"):
        end_identity_tag(clock, CLERK, 999999, dt.date(2026, 11, 30), "退出")
    assert AuditEvent.select().count() == count
    assert identity_tags(head.id)[0].valid_to == dt.date(2026, 12, 31)
    # ending on its first day is a tag of one day
    assert end_identity_tag(clock, CLERK, tag.id, NOV_1, "认定撤销").valid_to == NOV_1


def test_tags_valid_on_is_pure_and_keeps_order():
    class Tag:
        def __init__(self, category, valid_from, valid_to=None):
            self.category, self.valid_from, self.valid_to = category, valid_from, valid_to

    tags = [Tag("monitored", dt.date(2026, 1, 1)),
            Tag("minimum_living", dt.date(2026, 5, 1), dt.date(2026, 5, 31)),
            Tag("monitored", dt.date(2025, 1, 1), dt.date(2025, 12, 31))]
    assert tags_valid_on(tags, dt.date(2026, 5, 31)) == ("monitored", "minimum_living")
    assert tags_valid_on(tags, dt.date(2026, 6, 1)) == ("monitored",)
    assert tags_valid_on(tags, dt.date(2024, 12, 31)) == ()


def test_two_counters_tagging_the_same_people_at_once_tag_each_once(db, db_url, family,
                                                                    clock):
    """Each counter holds the person while it checks for an overlap: of two counters
    adding the same tag at the same moment one saves, the other is told it exists."""
    ids = [p.id for p in family]
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    counters = [ctx.Process(target=same_tags, args=(db_url, clock.today(), actor, ids,
                                                    barrier, results))
                for actor in (CLERK_A, CLERK_B)]
    for process in counters:
        process.start()
    outcomes = [results.get(timeout=300) for _ in counters]
    for process in counters:
        process.join(timeout=60)
    for person_id, (a, b) in zip(ids, zip(*outcomes, strict=True), strict=True):
        assert sorted([a, b])[1] == "ok", (a, b)
        assert sorted([a, b])[0].startswith("domain: 此人已有“低保对象”身份"), (a, b)
        assert len(identity_tags(person_id)) == 1
    assert AuditEvent.select().where(AuditEvent.action == "identity.add").count() == len(ids)
    assert audit.verify().ok
