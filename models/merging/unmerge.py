"""Undoing a merge (a supervisor's): every row the merge touched put back as it was.

Field by field, each row as it is now is compared with what the merge left
(MergeLog.after): a field the merge left as it is goes back to its value before the
merge; a field the merge did not touch but someone changed since stays as it is now (the
later change was made to that record, so it is carried: a refund of a moved payment line
goes back with the line to the record it was paid for, a corrected phone stays on the
survivor); a field the merge changed and someone changed again since refuses the unmerge
with the field and both values, for a clerk to settle by hand. A row carrying a later
change takes a new version rather than its old one, so a form opened before it conflicts.
Rows written after the merge (a new payment for the survivor) stay where they are. A
refund the merge opened stands: money paid back is not taken back by an unmerge.
"""

import json
from dataclasses import dataclass

import peewee as pw

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.db import database, for_update
from models.core.errors import DomainError
from models.core.schema import MergeLog, Person
from models.core.unit_of_work import retry_on_conflict, unit_of_work
from models.merging import snapshots
from models.merging.snapshots import comparable
from models.registry.rows import lock_households, lock_person
from models.rules import limits
from models.texts import merging as mt

BOOKKEEPING = ("version", "updated_at")  # follow the row's fate, never a conflict
HIDDEN = ("name_pinyin", "name_initials", "id_key", "id_key_rev", "version", "updated_at")


class UnmergeConflict(DomainError):
    """A row was changed since the merge in a way the unmerge cannot settle by itself."""


@dataclass(frozen=True)
class UnmergeResult:
    merge_id: int
    survivor_id: int
    other_id: int
    restored: dict[str, int]  # table -> rows put back
    carried: tuple[str, ...]  # later changes kept, in words
    refunds: tuple[str, ...]  # refunds the merge opened, which stand


@retry_on_conflict
def unmerge(clock: Clock, actor: Actor, merge_id: int, reason: str = "") -> UnmergeResult:
    actor.require("supervisor")
    reason = limits.check_reason(reason, required=False)
    with unit_of_work(clock, actor) as uow:
        log = MergeLog.get_or_none(MergeLog.id == merge_id)
        if log is None:
            raise DomainError(mt.MERGE_UNKNOWN.format(id=merge_id))
        before, after = snapshots.loads(log.before), snapshots.loads(log.after)
        _lock(after)
        log = for_update(MergeLog.select().where(MergeLog.id == merge_id)).first()
        if log.undone_at is not None:
            raise DomainError(mt.ALREADY_UNDONE.format(id=merge_id, at=log.undone_at,
                                                       by=log.undone_by))
        now = snapshots.take(snapshots.ids_of(after))
        writes, carried = _decide(log, before, after, now)
        stamp = clock.now()
        try:
            with database.atomic():  # a savepoint: refused as a whole
                for table, row_id, values in _ordered(writes, log):
                    if table in ("person", "household") and (table, row_id) in carried:
                        values["version"] = now[table][row_id]["version"] + 1
                        if table == "person":
                            values["updated_at"] = stamp
                    snapshots.write(table, row_id, values)
        except pw.IntegrityError as e:
            raise UnmergeConflict(mt.UNMERGE_BLOCKED.format(id=merge_id, reason=e)) from None
        (MergeLog.update(undone_at=stamp, undone_by=actor.username)
         .where(MergeLog.id == merge_id).execute())
        _events(uow, log, before, now, writes, reason)
    refunds = tuple(json.loads(log.refunds or "[]"))
    restored = {t: len({i for (tt, i) in ((w[0], w[1]) for w in writes) if tt == t})
                for t in {w[0] for w in writes}}
    return UnmergeResult(merge_id, log.survivor_id, log.other_id, restored,
                         tuple(sorted(carried.values())), refunds)


def _lock(after: snapshots.Snapshot) -> None:
    """The households first (as the merge left them and as the people now stand), then
    the people, each by id: the one lock order."""
    people = sorted(after.get("person", {}))
    households = set(after.get("household", {}))
    households.update(h for (h,) in Person.select(Person.household)
                      .where(Person.id.in_(people)).tuples())
    lock_households(*households)
    for person_id in people:
        lock_person(person_id)


def _decide(log: MergeLog, before, after, now) -> tuple[list, dict]:
    """(table, id, values to write) for every row, and the rows that carry a later change
    (table, id) -> in words; a field changed by both the merge and someone since refuses."""
    writes, carried = [], {}
    for table, rows in after.items():
        for row_id, merged in rows.items():
            current = now.get(table, {}).get(row_id)
            if current is None:
                raise UnmergeConflict(mt.UNMERGE_ROW_CHANGED.format(id=log.id,
                                                                what=_what(table, row_id)))
            old, values = before[table][row_id], {}
            for name, was in old.items():
                left, is_now = comparable(merged.get(name)), comparable(current.get(name))
                if is_now == left:
                    if comparable(was) != is_now:
                        values[name] = was
                elif name in BOOKKEEPING:
                    carried.setdefault((table, row_id), _what(table, row_id))
                elif left == comparable(was):  # not the merge's: a later change, kept
                    carried[(table, row_id)] = _what(table, row_id)
                else:
                    raise UnmergeConflict(mt.UNMERGE_CHANGED.format(
                        id=log.id, who=_what(table, row_id), field=_field(name),
                        merged=_shown(merged.get(name)), now=_shown(current.get(name))))
            if values:
                writes.append((table, row_id, values))
    for table, row_id, values in writes:
        if (table, row_id) in carried:
            values.pop("version", None)
            values.pop("updated_at", None)
    return writes, carried


def _ordered(writes: list, log: MergeLog) -> list:
    """Members first, then the survivor, then the other record: each step frees what the
    next takes back (a head's place, an ID among active records)."""
    def rank(w):
        table, row_id, _ = w
        if table != "person":
            return (3, row_id)
        return ({log.survivor_id: 1, log.other_id: 2}.get(row_id, 0), row_id)
    return sorted(writes, key=rank)


def _events(uow, log: MergeLog, before, now, writes, reason: str) -> None:
    written = {row_id: values for table, row_id, values in writes if table == "person"}
    for person_id in sorted(set(written) | {log.survivor_id, log.other_id}):
        values = {k: v for k, v in written.get(person_id, {}).items() if k not in HIDDEN}
        shown_now = {_key(k): comparable(now["person"][person_id].get(k)) for k in values}
        shown_back = {_key(k): comparable(v) for k, v in values.items()}
        action = ("person.unmerge" if person_id in (log.survivor_id, log.other_id)
                  else "person.relation")
        uow.audit(action, "person", person_id, before=shown_now,
                  after={**shown_back, "merge_id": log.id}, reason=reason)


def _key(column: str) -> str:
    return "household_id" if column == "household" else column


def _what(table: str, row_id: int) -> str:
    if table == "person":
        name = Person.select(Person.name).where(Person.id == row_id).scalar()
        return mt.WHO_PERSON.format(name=name, id=row_id)
    return mt.WHO_ROW.format(what=mt.ROW_LABELS.get(table, table), id=row_id)


def _field(name: str) -> str:
    return mt.COLUMN_LABELS.get(name, name)


def _shown(value) -> str:
    value = comparable(value)
    return "" if value is None else str(value)
