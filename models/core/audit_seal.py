"""Person records sealed to their audit events.

Each person row carries `audit_seq`, the event that wrote its current version, and `seal`,
a keyed MAC over the row's fields with it. audit.record reseals the person an event is
about; the bulk writer seals the rows it writes under the event that follows them
(`covers`). verify (`reconcile`) then finds a row edited with no event (its seal no longer
matches), a version put back (its event is older than the person's last), and a seal
pointing at an event that is missing or about someone else.

The timestamps (created_at, updated_at) are left out: their text differs between engines
and drivers, and nothing is decided on them.
"""

import datetime as dt
import hmac
import json
from collections.abc import Iterator

import peewee as pw

from models.core.audit_key import mac
from models.core.schema import AuditEvent, Person
from models.texts import messages as msg

SEALED = (
    Person.id, Person.id_type, Person.id_number, Person.id_key, Person.id_key_rev,
    Person.name, Person.name_pinyin, Person.name_initials, Person.gender, Person.birth_date,
    Person.household, Person.relation, Person.phone, Person.status, Person.status_date,
    Person.merged_into, Person.placeholder, Person.version,
)
COVERS = "sealed_persons"  # the key of a covering event's `after`: [first id, last id]


def seal(key: bytes, values: tuple, audit_seq: int) -> str:
    """`values` in SEALED's order."""
    return mac(key, "person", json.dumps([_plain(v) for v in values], ensure_ascii=False),
               audit_seq)


def reseal(key: bytes, person_id: int, audit_seq: int) -> None:
    """After an event about `person_id`: its row, as it now is, sealed to that event."""
    values = Person.select(*SEALED).where(Person.id == person_id).tuples().first()
    if values is None:
        return
    (Person.update(audit_seq=audit_seq, seal=seal(key, values, audit_seq))
     .where(Person.id == person_id).execute())


def reseal_all(key: bytes, audit_seq: int, batch: int = 2000) -> tuple[int, int] | None:
    """Every person row sealed under one event (the first keyed write of an older
    database); the id range covered, None if there are no people."""
    first = last = None
    for rows in _pages(Person.select(*SEALED), batch):
        for values in rows:
            (Person.update(audit_seq=audit_seq, seal=seal(key, values, audit_seq))
             .where(Person.id == values[0]).execute())
        first = rows[0][0] if first is None else first
        last = rows[-1][0]
    return None if first is None else (first, last)


def reconcile(key: bytes, head_seq: int, batch: int = 5000,
              limit: int = 50) -> tuple[int, list[str]]:
    """Every person against their events, `batch` rows at a time (keyset paging).
    Returns (people checked, problems), at most `limit` named, then a count of the rest."""
    checked, bad = 0, []
    covering: dict[int, tuple[str, str, tuple[int, int] | None]] = {}
    query = Person.select(*SEALED, Person.audit_seq, Person.seal)
    for rows in _pages(query, batch):
        checked += len(rows)
        ids = [str(r[0]) for r in rows]
        latest = dict(AuditEvent.select(AuditEvent.entity_id, pw.fn.MAX(AuditEvent.seq))
                      .where(AuditEvent.entity == "person", AuditEvent.entity_id.in_(ids))
                      .group_by(AuditEvent.entity_id).tuples())
        wanted = {r[-2] for r in rows if r[-2] is not None} - covering.keys()
        for seq, entity, entity_id, after in (
                AuditEvent.select(AuditEvent.seq, AuditEvent.entity, AuditEvent.entity_id,
                                  AuditEvent.after)
                .where(AuditEvent.seq.in_(list(wanted))).tuples()):
            covering[seq] = (entity, entity_id, _covered(after))
        for row in rows:
            values, audit_seq, row_seal = row[:-2], row[-2], row[-1]
            person_id = values[0]
            event = covering.get(audit_seq)
            ok = (audit_seq is not None and row_seal is not None and 0 < audit_seq <= head_seq
                  and event is not None and _about(event, person_id)
                  and audit_seq >= latest.get(str(person_id), 0)
                  and hmac.compare_digest(row_seal, seal(key, values, audit_seq)))
            if not ok:
                bad.append(person_id)
        # only the covering (bulk) events are worth keeping across pages
        covering = {s: e for s, e in covering.items() if e[2] is not None}
    problems = [msg.AUDIT_PERSON_UNSEALED.format(id=i, version=_version(i)) for i in bad[:limit]]
    if len(bad) > limit:
        problems.append(msg.AUDIT_PERSONS_MORE.format(count=len(bad) - limit))
    return checked, problems


def _about(event: tuple[str, str, tuple[int, int] | None], person_id: int) -> bool:
    entity, entity_id, covered = event
    if entity == "person" and entity_id == str(person_id):
        return True
    return covered is not None and covered[0] <= person_id <= covered[1]


def _covered(after: str) -> tuple[int, int] | None:
    if COVERS not in (after or ""):
        return None
    try:
        first, last = json.loads(after)[COVERS]
        return int(first), int(last)
    except (ValueError, TypeError, KeyError):
        return None


def _version(person_id: int):
    return Person.select(Person.version).where(Person.id == person_id).scalar()


def _pages(query: pw.Select, batch: int) -> Iterator[list[tuple]]:
    last = None
    while True:
        page = query
        if last is not None:
            page = page.where(Person.id > last)
        rows = list(page.order_by(Person.id).limit(batch).tuples())
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _plain(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
