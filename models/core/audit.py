"""The append-only audit trail: each event hashed together with the one before it."""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from models.core.clock import Clock
from models.core.db import database, is_postgres, read_snapshot
from models.core.schema import AuditEvent, AuditHead
from models.texts import messages as msg

GENESIS = "0" * 64


class AuditOutsideTransaction(RuntimeError):
    """A programming error, not a clerk's: audit events belong to a unit of work."""


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    count: int
    problems: tuple[str, ...]

    @property
    def message(self) -> str:
        if self.ok:
            return msg.AUDIT_OK.format(count=self.count)
        return "\n".join(self.problems)


def record(clock: Clock, *, clerk: str, action: str, entity: str, entity_id: Any = "",
           before: dict | None = None, after: dict | None = None, reason: str = "",
           documents: list[str] | tuple[str, ...] = ()) -> int:
    """Append one event, inside the use case's transaction (UnitOfWork.audit): an event
    written outside an open transaction could outlive the change it describes, or be
    the only trace of one that never happened."""
    if not database.in_transaction():
        raise AuditOutsideTransaction(msg.AUDIT_OUTSIDE_TRANSACTION)
    head_query = AuditHead.select().order_by(AuditHead.id).limit(1)
    if is_postgres():
        head_query = head_query.for_update()  # two counters must not fork the chain
    head = head_query.get()
    fields = {
        "seq": head.seq + 1,
        "at": clock.now(),
        "clerk": clerk or "",
        "action": action,
        "entity": entity,
        "entity_id": str(entity_id),
        "before": _dump(before),
        "after": _dump(after),
        "reason": reason or "",
        "documents": _dump(list(documents)) if documents else "",
        "prev_hash": head.hash,
    }
    fields["hash"] = _hash(fields)
    AuditEvent.create(**fields)
    (AuditHead.update(seq=fields["seq"], hash=fields["hash"])
     .where(AuditHead.id == head.id).execute())
    return fields["seq"]


def verify(batch: int = 5000) -> AuditReport:
    """Walk the whole chain; an edited, deleted or inserted event breaks it."""
    problems: list[str] = []
    expected_seq, prev_hash, count = 1, GENESIS, 0
    with read_snapshot():
        head = AuditHead.select().order_by(AuditHead.id).get()
        last_seq = 0
        while True:
            rows = list(AuditEvent.select().where(AuditEvent.seq > last_seq)
                        .order_by(AuditEvent.seq).limit(batch).dicts())
            if not rows:
                break
            for row in rows:
                count += 1
                if row["seq"] != expected_seq:
                    problems.append(msg.AUDIT_GAP.format(expected=expected_seq))
                    expected_seq = row["seq"]
                if row["prev_hash"] != prev_hash:
                    problems.append(msg.AUDIT_BROKEN_LINK.format(seq=row["seq"]))
                if _hash(row) != row["hash"]:
                    problems.append(msg.AUDIT_BROKEN_HASH.format(seq=row["seq"]))
                prev_hash, expected_seq = row["hash"], row["seq"] + 1
                last_seq = row["seq"]
    if head.seq != last_seq or head.hash != prev_hash:
        problems.append(msg.AUDIT_MISSING_TAIL.format(expected=head.seq, found=count))
    return AuditReport(not problems, count, tuple(problems))


def _dump(value: Any) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _hash(row: dict) -> str:
    at = row["at"]
    material = [
        row["seq"], at.isoformat(sep=" ") if hasattr(at, "isoformat") else str(at),
        row["clerk"], row["action"], row["entity"], row["entity_id"], row["before"],
        row["after"], row["reason"], row["documents"], row["prev_hash"],
    ]
    payload = json.dumps(material, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
