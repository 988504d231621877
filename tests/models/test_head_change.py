"""Issue 9, point 2: a newborn made head of the household. A minor does not take over
while an adult member remains, and after a change of head every member's relation to
the new head is asked for or proposed, each change in the audit trail."""

import datetime as dt
import json

import pytest
from actors import CLERK
from registry_helpers import DOCS, make_id, person

from models.core.errors import DomainError
from models.core.schema import AuditEvent, Person
from models.registry.households import change_head, mark_left, move_member
from models.registry.people import person_detail
from models.registry.registration import NewHousehold, register_person
from models.rules.relations import is_minor, propose_relation, propose_relations


@pytest.mark.parametrize("new_head_was, member_was, proposed", [
    ("child", "self", "parent"),  # the old head is the new head's father
    ("child", "spouse", "parent"),
    ("child", "child", "sibling"),
    ("child", "grandchild", "child"),
    ("child", "parent", "grandparent"),
    ("child", "sibling", "other"),  # an uncle or aunt: no code of its own
    ("spouse", "self", "spouse"),
    ("spouse", "child", "child"),
    ("spouse", "parent", "other"),  # parents-in-law
    ("parent", "self", "child"),
    ("parent", "parent", "spouse"),
    ("parent", "child", "grandchild"),
    ("grandchild", "grandchild", "sibling"),
    ("grandchild", "child", "other"),  # a parent, or an uncle: not known
    ("other", "spouse", "other"),
])
def test_relations_proposed_from_the_old_ones(new_head_was, member_was, proposed):
    assert propose_relation(new_head_was, member_was) == proposed


def test_proposals_for_a_household():
    assert propose_relations("child", {1: "self", 2: "spouse", 4: "child"}) == {
        1: "parent", 2: "parent", 4: "sibling"}


def test_minor_is_under_eighteen_on_the_day():
    assert is_minor(dt.date(2008, 11, 23), dt.date(2026, 11, 22))
    assert not is_minor(dt.date(2008, 11, 22), dt.date(2026, 11, 22))


@pytest.fixture
def household(family, clock):
    """王建国's family, with a grown son, the head's mother and a baby of six days."""
    head, spouse, child = family
    hh = head.household.id
    son = register_person(clock, CLERK, person("王大明", make_id("19990909", "091"),
                                               relation="child"),
                          household_id=hh, documents=DOCS)
    mother = register_person(clock, CLERK, person("张桂花", make_id("19550505", "082"),
                                                  relation="parent"),
                             household_id=hh, documents=DOCS)
    baby = register_person(clock, CLERK, person("王小禾", make_id("20261116", "064"),
                                                relation="grandchild"),
                           household_id=hh, documents=("birth_certificate", "hukou_book"))
    return {"head": head, "spouse": spouse, "child": child, "son": son, "mother": mother,
            "baby": baby}


def relations(household_id: int) -> dict[str, str]:
    return {p.name: p.relation for p in Person.select().where(Person.household == household_id,
                                                              Person.status == "active")}


def test_a_newborn_or_a_minor_is_not_made_head_while_an_adult_remains(household, clock):
    head, baby, child = household["head"], household["baby"], household["child"]
    hh = person_detail(head.id, clock.today(), None).household
    before = relations(hh.id)
    for minor, age in ((baby, 0), (child, 16)):
        with pytest.raises(DomainError) as e:
            change_head(clock, CLERK, hh.id, hh.version, minor.id, reason="户主变更",
                        documents=DOCS)
        assert f"{minor.name}未满18周岁（{age}岁）" in e.value.message
        assert "请选成年人为户主" in e.value.message
    with pytest.raises(DomainError, match="未满18周岁"):  # nor when the head dies
        mark_left(clock, CLERK, head.id, head.version, status="deceased",
                  on=dt.date(2026, 11, 20), new_head_id=baby.id, reason="户主死亡",
                  documents=("death_certificate",))
    with pytest.raises(DomainError, match="未满18周岁"):  # nor when the head moves away
        move_member(clock, CLERK, head.id, head.version, relation="self",
                    new_household=NewHousehold(hh.village_id), new_head_id=child.id,
                    reason="分户", documents=DOCS)
    assert relations(hh.id) == before


def test_a_minor_takes_over_when_no_adult_remains(region, clock):
    father = register_person(clock, CLERK, person("李强", make_id("19800101", "013")),
                             new_household=NewHousehold(region), documents=DOCS)
    daughter = register_person(clock, CLERK, person("李小梅", make_id("20120606", "026"),
                                                    relation="child"),
                               household_id=father.household.id, documents=DOCS)
    gone = mark_left(clock, CLERK, father.id, father.version, status="deceased",
                     on=dt.date(2026, 11, 1), new_head_id=daughter.id, reason="户主死亡",
                     documents=("death_certificate",))
    assert gone.household.head_id == daughter.id


def test_after_a_change_of_head_every_member_is_related_to_the_new_head(household, clock):
    h = household
    hh = person_detail(h["head"].id, clock.today(), None).household
    events = AuditEvent.select().count()
    after = change_head(clock, CLERK, hh.id, hh.version, h["son"].id,
                        relations={h["baby"].id: "grandchild"},  # the clerk's word wins
                        reason="户主年老，由儿子任户主", documents=DOCS)
    assert after.household.head_id == h["son"].id
    assert relations(hh.id) == {"王大明": "self", "王建国": "parent", "李秀英": "parent",
                                "王小明": "sibling", "张桂花": "grandparent",
                                "王小禾": "grandchild"}
    change = AuditEvent.get(AuditEvent.action == "household.change_head")
    assert json.loads(change.after)["relations"] == {
        str(h["head"].id): "parent", str(h["spouse"].id): "parent",
        str(h["child"].id): "sibling", str(h["mother"].id): "grandparent",
        str(h["baby"].id): "grandchild"}
    changed = {int(e.entity_id): (json.loads(e.before)["relation"], json.loads(e.after)["relation"])
               for e in AuditEvent.select().where(AuditEvent.seq > events,
                                                  AuditEvent.action == "person.relation")}
    assert changed == {h["son"].id: ("child", "self"), h["head"].id: ("self", "parent"),
                       h["spouse"].id: ("spouse", "parent"), h["child"].id: ("child", "sibling"),
                       h["mother"].id: ("parent", "grandparent")}  # the baby's did not change
    assert all(e.reason == "户主年老，由儿子任户主" for e in AuditEvent.select().where(
        AuditEvent.seq > events))


def test_relations_given_must_be_members_and_not_a_second_head(household, clock):
    h = household
    hh = person_detail(h["head"].id, clock.today(), None).household
    with pytest.raises(DomainError, match="不是本户的在册成员"):
        change_head(clock, CLERK, hh.id, hh.version, h["son"].id, relations={999: "child"},
                    reason="x", documents=DOCS)
    with pytest.raises(DomainError, match="一户只有一个户主"):
        change_head(clock, CLERK, hh.id, hh.version, h["son"].id,
                    relations={h["spouse"].id: "self"}, reason="x", documents=DOCS)
    with pytest.raises(DomainError, match="与户主关系不对"):
        change_head(clock, CLERK, hh.id, hh.version, h["son"].id,
                    relations={h["spouse"].id: "cousin"}, reason="x", documents=DOCS)


def test_when_the_head_dies_the_others_are_related_to_the_successor(household, clock):
    h = household
    mark_left(clock, CLERK, h["head"].id, h["head"].version, status="deceased",
              on=dt.date(2026, 11, 1), new_head_id=h["spouse"].id, old_head_relation="spouse",
              relations={h["mother"].id: "parent"}, reason="户主死亡",
              documents=("death_certificate",))
    assert relations(h["head"].household.id) == {
        "李秀英": "self", "王小明": "child", "王大明": "child", "张桂花": "parent",
        "王小禾": "grandchild"}
    assert Person.get_by_id(h["head"].id).relation == "spouse"


def test_a_leaving_head_cannot_stay_head_beside_the_new_one(household, clock):
    h = household
    with pytest.raises(DomainError) as e:
        mark_left(clock, CLERK, h["head"].id, h["head"].version, status="moved_out",
                  on=dt.date(2026, 11, 1), new_head_id=h["spouse"].id, old_head_relation="self",
                  reason="迁往外省", documents=("hukou_book",))
    assert "不能仍为“户主”" in e.value.message
    assert relations(h["head"].household.id)["王建国"] == "self"  # nothing changed
    assert Person.get_by_id(h["head"].id).status == "active"
