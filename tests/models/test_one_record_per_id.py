"""Issue 9, point 1: one active record per ID. The services refuse a second, the database
refuses it too, and a second record that arrives anyway (legacy data, the generator's
injected duplicates, a roster through the bulk writer) waits for a merge: shown with
the record it collides with, and not payable until merged."""

import csv
import datetime as dt

import peewee as pw
import pytest
from actors import CLERK, SYSTEM, WANG
from playhouse.migrations import Runner
from registry_helpers import DOCS, make_id, person

from models.core.db import MIGRATIONS, open_database
from models.core.errors import DomainError
from models.core.schema import AuditEvent, Person
from models.core.unit_of_work import unit_of_work
from models.demo.generator import generate_county
from models.registry import registration
from models.registry.bulk import BulkWriter, HouseholdRow, PersonRow
from models.registry.lookup import lookup
from models.registry.people import Duplicates, payable_block, person_detail
from models.registry.registration import (
    IdAlreadyRegistered,
    NewHousehold,
    correct_person,
    register_person,
)
from models.rules.person import PersonInput


def test_an_active_persons_id_is_refused_even_with_a_reason(family, region, clock):
    head = family[0]
    people = Person.select().count()
    old_number = head.id_number[:6] + head.id_number[8:17]  # the same ID, 15 digits
    for number, reason in ((head.id_number, ""), (old_number, ""),
                           (head.id_number, "两地户籍"), (old_number, "两地户籍")):
        with pytest.raises(IdAlreadyRegistered) as e:
            register_person(clock, CLERK, person("王建国", number),
                            new_household=NewHousehold(region), documents=DOCS,
                            duplicate_reason=reason)
        assert e.value.existing.id == head.id
        assert "王建国" in e.value.message and head.household.hukou_no in e.value.message
        assert "不能再登记" in e.value.message
    with pytest.raises(IdAlreadyRegistered):  # into the same household, another name
        register_person(clock, CLERK, person("王健国", head.id_number, relation="child"),
                        household_id=head.household.id, documents=DOCS,
                        duplicate_reason="x")
    assert Person.select().count() == people


def test_the_database_refuses_a_second_active_person_with_one_id(family, db, clock):
    head = Person.get_by_id(family[0].id)
    copy = {k: getattr(head, k) for k in ("id_type", "id_number", "id_key", "id_key_rev",
                                          "name", "name_pinyin", "name_initials", "gender",
                                          "birth_date", "household", "created_at",
                                          "updated_at")}
    with pytest.raises(pw.IntegrityError), db.atomic():
        Person.create(**copy, relation="child", status="active")
    waiting = Person.create(**copy, relation="child", status="awaiting_merge")
    assert Person.select().where(Person.id_key == head.id_key).count() == 2
    assert waiting.status == "awaiting_merge"


def test_a_registration_that_loses_the_race_is_told_who_won(family, region, clock,
                                                            monkeypatch):
    """Another counter saved the ID between our check and our insert: the unique index
    refuses ours, and the clerk is told whose record it is."""
    head = family[0]
    checks = []
    real = registration.possible_duplicates

    def not_yet(*args, **kwargs):  # the first check runs before the other counter commits
        checks.append(1)
        return Duplicates((), {}) if len(checks) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(registration, "possible_duplicates", not_yet)
    people = Person.select().count()
    with pytest.raises(IdAlreadyRegistered) as e:
        register_person(clock, CLERK, person("王建国", head.id_number),
                        new_household=NewHousehold(region), documents=DOCS)
    assert e.value.existing.id == head.id and Person.select().count() == people


def test_a_correction_that_loses_the_race_is_told_who_won(family, clock, monkeypatch):
    spouse, child = family[1], family[2]
    checks = []
    real = registration._refuse_taken_id

    def not_yet(*args):  # the first check runs before the other counter commits
        checks.append(1)
        if len(checks) > 1:
            real(*args)

    monkeypatch.setattr(registration, "_refuse_taken_id", not_yet)
    taken = PersonInput(**{**child.as_input().__dict__, "id_number": spouse.id_number,
                           "birth_date": None, "gender": None})
    with pytest.raises(DomainError, match="已登记在李秀英"):
        correct_person(clock, WANG, child.id, child.version, taken, reason="x",
                       documents=DOCS)
    assert Person.get_by_id(child.id).id_number == child.id_number


def test_the_bulk_writer_lets_a_second_id_in_only_as_awaiting_merge(family, region, clock):
    head = family[0]
    fresh = make_id("19770707", "071")
    with unit_of_work(clock, SYSTEM) as uow, BulkWriter(uow, batch=2) as writer:
        household = writer.add_household(HouseholdRow(region))
        rows = [PersonRow(household, "王建国", "resident", head.id_number, "M",
                          dt.date(1980, 1, 1), "self"),  # held in the database
                PersonRow(household, "赵七", "resident", fresh, "M", dt.date(1977, 7, 7),
                          "child"),
                PersonRow(household, "赵七", "resident", fresh, "M", dt.date(1977, 7, 7),
                          "child"),  # held earlier in this writer
                PersonRow(household, "赵七", "resident", fresh[:6] + fresh[8:17], "M",
                          dt.date(1977, 7, 7), "child")]  # the same, 15 digits, next batch
        ids = [writer.add_person(r) for r in rows]
    statuses = [Person.get_by_id(i).status for i in ids]
    assert statuses == ["awaiting_merge", "active", "awaiting_merge", "awaiting_merge"]
    assert writer.counts.awaiting_merge == 3
    assert Person.get_by_id(head.id).status == "active"


def test_lookup_and_the_record_show_what_it_collides_with(family, region, clock):
    head = family[0]
    with unit_of_work(clock, SYSTEM) as uow, BulkWriter(uow) as writer:
        household = writer.add_household(HouseholdRow(region))
        second = writer.add_person(PersonRow(household, "王建国", "resident",
                                             head.id_number[:6] + head.id_number[8:17], "M",
                                             dt.date(1980, 1, 1), "self"))
    hits = {h.id: h for h in lookup(head.id_number, clock).hits}
    assert set(hits) == {head.id, second}
    assert hits[second].status == "awaiting_merge" and hits[second].collides_with == head.id
    assert hits[head.id].collides_with is None
    by_name = {h.id: h for h in lookup("王建国", clock).hits}
    assert by_name[second].collides_with == head.id
    detail = person_detail(second, clock.today(), None)
    assert (detail.collision.id, detail.collision.name,
            detail.collision.hukou_no) == (head.id, "王建国", head.household.hukou_no)
    assert person_detail(head.id, clock.today(), None).collision is None


def test_a_record_awaiting_merge_cannot_be_paid_for(family, region, clock):
    head, _spouse, child = family
    with unit_of_work(clock, SYSTEM) as uow, BulkWriter(uow) as writer:
        household = writer.add_household(HouseholdRow(region))
        second = writer.add_person(PersonRow(household, "王建国", "resident", head.id_number,
                                             "M", dt.date(1980, 1, 1), "self"))
    assert payable_block(head.id) is None
    block = payable_block(second)
    assert "待合并" in block and "合并前不能缴费" in block and head.household.hukou_no in block
    Person.update(status="merged", merged_into=head.id).where(Person.id == second).execute()
    assert "已合并到王建国" in payable_block(second)
    Person.update(status="moved_out").where(Person.id == child.id).execute()
    assert "已迁出" in payable_block(child.id)


def test_a_record_awaiting_merge_is_corrected_but_never_into_a_second_active(family, region,
                                                                          clock):
    head, spouse, _child = family
    with unit_of_work(clock, SYSTEM) as uow, BulkWriter(uow) as writer:
        household = writer.add_household(HouseholdRow(region))
        second = writer.add_person(PersonRow(household, "王建果", "resident", head.id_number,
                                             "M", dt.date(1980, 1, 1), "self"))
    record = person_detail(second, clock.today(), None)
    named = correct_person(clock, WANG, second, record.version,
                           PersonInput(**{**record.as_input().__dict__, "name": "王建国"}),
                           reason="姓名错字", documents=DOCS)
    assert named.status == "awaiting_merge" and named.collision.id == head.id
    with pytest.raises(DomainError, match="已登记在李秀英"):  # another active person's ID
        correct_person(clock, WANG, second, named.version,
                       PersonInput(**{**named.as_input().__dict__, "id_number": spouse.id_number,
                                      "gender": None, "birth_date": None}),
                       reason="x", documents=DOCS)
    own = make_id("19800101", "051")  # it was mistyped: its own ID, held by nobody
    fixed = correct_person(clock, WANG, second, named.version,
                           PersonInput(**{**named.as_input().__dict__, "id_number": own}),
                           reason="证件号录错", documents=DOCS)
    assert fixed.status == "active" and fixed.collision is None
    event = fixed.history[0]
    assert event.before["status"] == "awaiting_merge" and event.after["status"] == "active"
    # an active person is still refused another active person's ID
    with pytest.raises(DomainError, match="已登记在王建国"):
        correct_person(clock, WANG, second, fixed.version,
                       PersonInput(**{**fixed.as_input().__dict__, "id_number": head.id_number}),
                       reason="x", documents=DOCS)


def test_the_migration_holds_back_pairs_already_in_a_database(family, db, db_urls, clock):
    """A database from before the rule, with a second active record under one ID (a
    "registered anyway" of old): migrating (as the owner) keeps the first active, the
    later one waits."""
    head = Person.get_by_id(family[0].id)
    owner = open_database(db_urls.owner)
    Runner(owner, str(MIGRATIONS)).down("0003_one_active_person_per_id")  # back to before it
    assert "person_one_active_per_id" not in {i.name for i in db.get_indexes("person")}
    copy = {k: getattr(head, k) for k in ("id_type", "id_number", "id_key", "id_key_rev",
                                          "name", "name_pinyin", "name_initials", "gender",
                                          "birth_date", "household", "created_at",
                                          "updated_at")}
    second = Person.create(**copy, relation="child", status="active")
    third = Person.create(**copy, relation="child", status="active")
    owner.close_all() if hasattr(owner, "close_all") else owner.close()
    again = open_database(db_urls.owner)
    try:
        assert [Person.get_by_id(i).status for i in (head.id, second.id, third.id)] == [
            "active", "awaiting_merge", "awaiting_merge"]
        assert "person_one_active_per_id" in {i.name for i in again.get_indexes("person")}
        with pytest.raises(pw.IntegrityError), again.atomic():
            Person.update(status="active").where(Person.id == second.id).execute()
    finally:
        if hasattr(again, "close_all"):
            again.close_all()


def test_generated_duplicates_under_one_id_await_merge(region, clock, tmp_path):
    truth = tmp_path / "truth.csv"
    generate_county(clock, SYSTEM, 1500, seed=5, duplicates=0.03, truth_path=truth)
    same_id = 0
    for row in csv.DictReader(truth.open(encoding="utf-8")):
        original = Person.get_by_id(int(row["original_id"]))
        duplicate = Person.get_by_id(int(row["duplicate_id"]))
        if row["kind"] in ("same_id_same_name", "hukou_move", "old_15_digit", "name_homophone",
                           "name_lookalike", "name_traditional"):  # the ID already held
            same_id += 1
            assert duplicate.status == "awaiting_merge" and original.id_key == duplicate.id_key
            first = lookup(duplicate.id_number, clock).hits[0]  # the active record, first
            assert first.status == "active" and first.id < duplicate.id
        else:
            assert duplicate.status == "active"
    assert same_id
    keys = [p.id_key for p in Person.select().where(Person.status == "active",
                                                     Person.id_key.is_null(False))]
    assert len(keys) == len(set(keys))
    event = AuditEvent.get(AuditEvent.action == "county.generate")
    assert f'"awaiting_merge": {same_id}' in event.after
