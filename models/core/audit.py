"""The append-only audit trail: each event keyed-hashed together with the one before it.

The hash of an event is HMAC-SHA256 under the audit key (models/core/audit_key.py) from
the database's `keyed_from` event on; events written before the key (an older database)
keep their plain SHA-256 and are checked by that rule. The database keeps the chain in
order itself (migration 0004: an insert must follow the head and moves it), so this
module only reads the head, under a lock, and inserts.
"""

import hashlib
import hmac
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.core import audit_anchor, audit_key, audit_seal
from models.core.clock import Clock
from models.core.db import database, is_postgres, native, read_snapshot
from models.core.errors import DomainError
from models.core.schema import AuditEvent, AuditHead
from models.texts import messages as msg

GENESIS = "0" * 64
KEY_ACTION = "audit.key"
_last = threading.local()
_attached = threading.local()  # whether this thread's last _prepare attached the meta


class AuditOutsideTransaction(RuntimeError):
    """A programming error, not a clerk's: audit events belong to a unit of work."""


@dataclass
class Reservation:
    """The seq the next event of this transaction takes, so rows written before it
    (the bulk writer's) can be sealed to it; `covers` is the person id range."""

    seq: int
    covers: tuple[int, int] | None = None
    # (key, meta, head hash) as checked and locked when reserving, for the event that
    # takes the seq: the same transaction, so the same meta row and, the head still
    # locked and no event between (the first event takes the reservation), the same head;
    # the database's chain trigger refuses an insert that does not follow the head anyway.
    # None: the meta was attached by this transaction (a savepoint could still roll it
    # back), so the event reads it all again.
    checked: tuple[bytes, "audit_key.Meta", str] | None = field(default=None, repr=False)

    def cover(self, first: int, last: int) -> None:
        if self.covers is not None:
            first, last = min(first, self.covers[0]), max(last, self.covers[1])
        self.covers = (first, last)


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    count: int
    problems: tuple[str, ...]
    unkeyed: int = 0
    people: int = 0
    anchors: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def message(self) -> str:
        if not self.ok:
            return "\n".join(self.problems)
        lines = [msg.AUDIT_OK.format(count=self.count)]
        if self.unkeyed:
            lines.append(msg.AUDIT_UNKEYED.format(count=self.unkeyed))
        lines.append(msg.AUDIT_PEOPLE_OK.format(count=self.people))
        if self.anchors:
            lines.append(msg.AUDIT_ANCHORS_OK.format(count=self.anchors))
        return "\n".join(lines)


def record(clock: Clock, *, clerk: str, action: str, entity: str, entity_id: Any = "",
           before: dict | None = None, after: dict | None = None, reason: str = "",
           documents: list[str] | tuple[str, ...] = (),
           reservation: Reservation | None = None) -> int:
    """Append one event, inside the use case's transaction (UnitOfWork.audit): an event
    written outside an open transaction could outlive the change it describes, or be
    the only trace of one that never happened. An event about a person reseals them."""
    key, meta, head_seq, head_hash = _prepare(clock, reservation)
    seq = head_seq + 1
    if reservation is not None and reservation.seq == seq and reservation.covers:
        after = {**(after or {}), audit_seal.COVERS: list(reservation.covers)}
    fields = {
        "seq": seq,
        "at": clock.now(),
        "clerk": clerk or "",
        "action": action,
        "entity": entity,
        "entity_id": str(entity_id),
        "before": _dump(before),
        "after": _dump(after),
        "reason": reason or "",
        "documents": _dump(list(documents)) if documents else "",
        "prev_hash": head_hash,
    }
    fields["hash"] = _hash(fields, key if seq >= meta.keyed_from else None)
    _insert(fields)  # a trigger moves the head (migration 0004)
    if entity == "person":
        audit_seal.reseal(key, int(entity_id), seq)
    _last.value = (meta.database_id, seq, fields["hash"])
    return seq


def reserve(clock: Clock) -> Reservation:
    """The seq the next event of this transaction will take (the head stays locked)."""
    key, meta, head_seq, head_hash = _prepare(clock)
    return Reservation(head_seq + 1,
                       checked=None if _attached.value else (key, meta, head_hash))


def open_for_work(clock: Clock, create: bool) -> tuple[Path, bool]:
    """On opening a database to work in it (the command line, the counter): its key
    checked, a refusal if missing or not its own. A database without a key yet: `create`
    (init, generate, demo) makes the key file if absent, and an older database that
    already has events is keyed now (its first keyed write: the records it holds sealed
    under one `audit.key` event). Returns (key path, created) for the message."""
    if audit_key.read_meta() is not None:
        audit_key.checked_key()
        return audit_key.key_path(), False
    head = AuditHead.select().order_by(AuditHead.id).get()
    if not create and head.seq == 0:
        return audit_key.key_path(), False  # the first write makes it
    path, created = audit_key.ensure_key_file()
    if head.seq:
        with database.atomic():
            _prepare(clock)
    return path, created


def last_written() -> tuple[str, int, str] | None:
    """(database id, seq, hash) of the last event this thread recorded."""
    return getattr(_last, "value", None)


def _prepare(clock: Clock, reservation: Reservation | None = None
             ) -> tuple[bytes, audit_key.Meta, int, str]:
    """Inside a transaction: the checked key and meta (attached on the first keyed
    write; a reservation's own, when it has them) and the head, locked against the
    other counters until COMMIT."""
    if not database.in_transaction():
        raise AuditOutsideTransaction(msg.AUDIT_OUTSIDE_TRANSACTION)
    _attached.value = False
    if reservation is not None and reservation.checked is not None:
        key, meta, head_hash = reservation.checked
        return key, meta, reservation.seq - 1, head_hash
    key, meta = audit_key.key_for_writing()
    head_seq, head_hash = _lock_head()
    if meta is None:
        _attached.value = True
        meta = audit_key.attach(key)
        if head_seq > 0:  # an older database: seal what it holds under one keyed event
            head_seq, head_hash = _key_event(clock, key, meta, head_seq, head_hash)
    return key, meta, head_seq, head_hash


def _key_event(clock: Clock, key: bytes, meta: audit_key.Meta, head_seq: int,
               head_hash: str) -> tuple[int, str]:
    seq = head_seq + 1
    covered = audit_seal.reseal_all(key, seq)
    after = {"keyed_from": meta.keyed_from, "unkeyed": head_seq,
             **({audit_seal.COVERS: list(covered)} if covered else {})}
    fields = {"seq": seq, "at": clock.now(), "clerk": "", "action": KEY_ACTION,
              "entity": "audit", "entity_id": meta.database_id, "before": "",
              "after": _dump(after), "reason": "", "documents": "", "prev_hash": head_hash}
    fields["hash"] = _hash(fields, key)
    AuditEvent.insert(**fields).execute()
    return seq, fields["hash"]


def _lock_head() -> tuple[int, str]:
    if is_postgres():  # SECURITY DEFINER: the app role needs no UPDATE on audit_head
        return database.execute_sql("SELECT head_seq, head_hash FROM audit_lock_head()"
                                    ).fetchone()
    # IMMEDIATE: already exclusive
    return database.execute_sql('SELECT "seq", "hash" FROM "audit_head" ORDER BY "id" '
                                'LIMIT 1').fetchone()


_EVENT_FIELDS = tuple(AuditEvent._meta.fields[n] for n in (
    "seq", "at", "clerk", "action", "entity", "entity_id", "before", "after", "reason",
    "documents", "prev_hash", "hash"))
_INSERT_EVENT = 'INSERT INTO "audit_event" ({}) VALUES ({})'.format(
    ", ".join(f'"{f.column_name}"' for f in _EVENT_FIELDS), ", ".join("?" * len(_EVENT_FIELDS)))


def _insert(fields: dict) -> None:
    database.execute_sql(native(_INSERT_EVENT),
                         [f.db_value(fields[f.name]) for f in _EVENT_FIELDS])


def verify(batch: int = 5000, anchors: tuple[audit_anchor.Anchor, ...] = ()) -> AuditReport:
    """Walk every event from the lowest seq and every person record; check the key's
    marker, the anchors given and this counter's own anchor. An edited, deleted, forged or
    inserted event, a rewound chain and a record changed without an event are reported.
    A missing or wrong key is a refusal (AuditKeyError), not a report."""
    if "audit_meta" not in database.get_tables():
        raise DomainError(msg.AUDIT_NOT_UPGRADED)
    problems: list[str] = []
    key, _ = audit_key.load_key(create=False)
    with read_snapshot():
        meta = audit_key.read_meta()
        if meta is not None and not hmac.compare_digest(meta.key_id, audit_key.key_id(key)):
            raise audit_key.AuditKeyError(msg.AUDIT_KEY_WRONG.format(path=audit_key.key_path()))
        head = AuditHead.select().order_by(AuditHead.id).get()
        total = AuditEvent.select().count()
        meta_problem = audit_key.meta_problem(key) if (meta or total) else None
        if meta_problem:
            problems.append(meta_problem)
        trusted = meta if not meta_problem else None
        walk = _walk(key, trusted, head.seq, batch, {a.seq: a for a in anchors})
        problems.extend(walk.problems)
        if walk.count != total:
            problems.append(msg.AUDIT_UNCOUNTED.format(count=total - walk.count))
        if head.seq != walk.last_seq or head.hash != walk.prev_hash:
            problems.append(msg.AUDIT_MISSING_TAIL.format(expected=head.seq, found=walk.in_range))
        if trusted is not None and walk.last_seq < trusted.keyed_from - 1:
            problems.append(msg.AUDIT_BEFORE_KEY.format(seq=trusted.keyed_from))
        problems.extend(_check_anchors(key, trusted, anchors, walk))
        people, person_problems = audit_seal.reconcile(key, head.seq, batch)
        problems.extend(person_problems)
    return AuditReport(not problems, walk.count, tuple(problems), walk.unkeyed, people,
                       len(anchors))


@dataclass
class _Walk:
    count: int = 0
    in_range: int = 0
    unkeyed: int = 0
    last_seq: int = 0
    prev_hash: str = GENESIS
    problems: list[str] = field(default_factory=list)
    hashes: dict[int, tuple[str, Any]] = field(default_factory=dict)  # anchored seqs only


def _walk(key: bytes, meta: audit_key.Meta | None, head_seq: int, batch: int,
          anchored: dict[int, audit_anchor.Anchor]) -> _Walk:
    w = _Walk()
    local = audit_anchor.local_anchor(meta.database_id) if meta else None
    wanted = set(anchored) | ({local[0]} if local else set())
    expected, cursor = 1, None
    while True:
        query = AuditEvent.select().order_by(AuditEvent.seq).limit(batch)
        if cursor is not None:
            query = query.where(AuditEvent.seq > cursor)
        rows = list(query.dicts())
        if not rows:
            break
        cursor = rows[-1]["seq"]
        for row in rows:
            w.count += 1
            seq = row["seq"]
            if not 0 < seq <= head_seq:
                w.problems.append(msg.AUDIT_OUT_OF_RANGE.format(seq=seq, head=head_seq))
                continue
            w.in_range += 1
            if seq != expected:
                w.problems.append(msg.AUDIT_GAP.format(expected=expected))
            if row["prev_hash"] != w.prev_hash:
                w.problems.append(msg.AUDIT_BROKEN_LINK.format(seq=seq))
            if not _hash_holds(row, key, meta):
                w.problems.append(msg.AUDIT_BROKEN_HASH.format(seq=seq))
            elif meta is None or seq < meta.keyed_from:
                w.unkeyed += 1
            if seq in wanted:
                w.hashes[seq] = (row["hash"], row["at"])
            w.prev_hash, expected, w.last_seq = row["hash"], seq + 1, seq
    if local and (local[0] > w.last_seq or w.hashes.get(local[0], ("",))[0] != local[1]):
        w.problems.append(msg.AUDIT_LOCAL_ANCHOR_BROKEN.format(
            seq=local[0], path=audit_anchor.local_file()))
    return w


def _hash_holds(row: dict, key: bytes, meta: audit_key.Meta | None) -> bool:
    if meta is not None:  # the marker says which rule applies
        return _hash(row, key if row["seq"] >= meta.keyed_from else None) == row["hash"]
    return row["hash"] in (_hash(row, key), _hash(row, None))  # no trusted marker


def _check_anchors(key: bytes, meta: audit_key.Meta | None,
                   anchors: tuple[audit_anchor.Anchor, ...], walk: _Walk) -> list[str]:
    problems = []
    for anchor in anchors:
        if meta is None or not audit_anchor.anchor_is_genuine(key, meta.database_id, anchor):
            problems.append(msg.AUDIT_ANCHOR_FORGED.format(anchor=anchor.source or anchor.line))
        elif anchor.seq > walk.last_seq:
            problems.append(msg.AUDIT_ANCHOR_REWOUND.format(anchor=anchor.source or anchor.line,
                                                            seq=anchor.seq, head=walk.last_seq))
        elif anchor.seq and (anchor.seq not in walk.hashes or not walk.hashes[anchor.seq][0]
                             .startswith(anchor.head) or audit_anchor.minute(
                                 walk.hashes[anchor.seq][1]) != anchor.at):
            problems.append(msg.AUDIT_ANCHOR_REWRITTEN.format(
                anchor=anchor.source or anchor.line, seq=anchor.seq))
    return problems


def current_anchor() -> audit_anchor.Anchor:
    """The head as an anchor line (`yibao audit anchor`, the daily settlement)."""
    if "audit_meta" not in database.get_tables():
        raise DomainError(msg.AUDIT_NOT_UPGRADED)
    key, meta = audit_key.checked_key() if audit_key.read_meta() else (None, None)
    with read_snapshot():
        head = AuditHead.select().order_by(AuditHead.id).get()
        event = AuditEvent.get_or_none(AuditEvent.seq == head.seq) if head.seq else None
    if meta is None:
        raise DomainError(msg.AUDIT_ANCHOR_EMPTY)
    if head.seq and event is None:
        raise DomainError(msg.AUDIT_MISSING_TAIL.format(expected=head.seq, found=0))
    at = event.at if event else None
    return audit_anchor.make_anchor(key, meta.database_id, head.seq, at, head.hash)


def _dump(value: Any) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _hash(row: dict, key: bytes | None) -> str:
    at = row["at"]
    material = [
        row["seq"], at.isoformat(sep=" ") if hasattr(at, "isoformat") else str(at),
        row["clerk"], row["action"], row["entity"], row["entity_id"], row["before"],
        row["after"], row["reason"], row["documents"], row["prev_hash"],
    ]
    payload = json.dumps(material, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if key is None:
        return hashlib.sha256(payload).hexdigest()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()
