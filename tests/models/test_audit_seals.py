"""Every write path of a person leaves the record sealed to the event that wrote it: after
each use case, verify reconciles every record with its events."""

import dataclasses
import datetime as dt

from actors import CLERK, SYSTEM
from registry_helpers import DOCS, make_id, person

from models.core import audit
from models.core.schema import AuditEvent, Person
from models.core.unit_of_work import unit_of_work
from models.registry.bulk import BulkWriter, HouseholdRow, PersonRow
from models.registry.households import change_head, mark_left, move_member
from models.registry.people import person_detail
from models.registry.registration import NewHousehold, correct_person, register_person


def sealed_and_verified(*ids):
    report = audit.verify()
    assert report.ok, report.message
    for person_id in ids:
        row = Person.get_by_id(person_id)
        event = AuditEvent.get(AuditEvent.seq == row.audit_seq)
        assert row.seal and event.entity in ("person", "bulk", "region")
    return report


def test_every_use_case_reseals_the_records_it_changes(family, region, clock):
    head, spouse, child = family
    sealed_and_verified(head.id, spouse.id, child.id)
    son = register_person(clock, CLERK, person("王大明", make_id("19990909", "091"),
                                               relation="child"),
                          household_id=head.household.id, documents=DOCS)
    child = correct_person(clock, CLERK, child.id, child.version,
                           dataclasses.replace(child.as_input(), phone="13800138000"),
                           reason="电话", documents=DOCS)
    sealed_and_verified(son.id, child.id)
    hh = person_detail(head.id, clock.today(), None).household
    change_head(clock, CLERK, hh.id, hh.version, son.id, reason="户主年老", documents=DOCS)
    sealed_and_verified(head.id, spouse.id, child.id, son.id)
    son = person_detail(son.id, clock.today(), None)
    # the head moves out to a household of his own, handing over to his father
    moved = move_member(clock, CLERK, son.id, son.version, relation="self",
                        new_household=NewHousehold(region, "新址"), new_head_id=head.id,
                        reason="分户", documents=DOCS)
    assert moved.household.id != hh.id
    sealed_and_verified(head.id, spouse.id, child.id, son.id)
    head = person_detail(head.id, clock.today(), None)
    mark_left(clock, CLERK, head.id, head.version, status="deceased", on=dt.date(2026, 11, 1),
              new_head_id=spouse.id, reason="死亡", documents=("death_certificate",))
    report = sealed_and_verified(head.id, spouse.id, child.id, son.id)
    assert report.people == 4
    # each record's seal names its latest event
    for p in Person.select():
        latest = (AuditEvent.select().where(AuditEvent.entity == "person",
                                            AuditEvent.entity_id == str(p.id))
                  .order_by(AuditEvent.seq.desc()).first())
        assert p.audit_seq == latest.seq


def test_rows_of_the_bulk_writer_without_a_use_case_event_get_one(region, clock):
    with unit_of_work(clock, SYSTEM) as uow, BulkWriter(uow) as writer:
        household = writer.add_household(HouseholdRow(region))
        first = writer.add_person(PersonRow(household, "赵一", "resident",
                                            make_id("19700101", "015"), "M",
                                            dt.date(1970, 1, 1), "self"))
    event = AuditEvent.select().order_by(AuditEvent.seq.desc()).first()
    assert event.action == "bulk.write" and Person.get_by_id(first).audit_seq == event.seq
    assert audit.verify().ok


def test_an_event_recorded_in_a_rolled_back_use_case_leaves_nothing(family, clock):
    head = family[0]
    before = (Person.get_by_id(head.id).seal, AuditEvent.select().count())
    try:
        with unit_of_work(clock, CLERK) as uow:
            Person.update(phone="13900139000").where(Person.id == head.id).execute()
            uow.audit("person.correct", "person", head.id, after={"phone": "13900139000"})
            raise RuntimeError("the counter's power went")
    except RuntimeError:
        pass
    assert (Person.get_by_id(head.id).seal, AuditEvent.select().count()) == before
    assert audit.verify().ok
