"""Counters paying in processes of their own, for the crash and contention tests, and
what those tests check afterwards. Kept out of the test modules so a child process
imports only this (and what paying needs)."""

import datetime as dt
import os
import random

from stdnum.cn import ric

POLICY = "demo-2027"
GIVEN = "甲乙丙丁戊己庚辛壬癸"
MEMBER_RELATIONS = ("self", "spouse", "child", "child")
# What a child takes from the test's environment: a forkserver's children inherit the
# environment of the test that started the server, not their own test's
PASSED_ENV = ("YIBAO_AUDIT_KEY", "YIBAO_ANCHOR_FILE", "YIBAO_DB_BUSY_TIMEOUT")


def child_env() -> dict[str, str | None]:
    return {name: os.environ.get(name) for name in PASSED_ENV}


def _take_env(env: dict | None) -> None:
    if env is None:
        return
    from models.core import audit_key

    for name, value in env.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    audit_key.forget()


def make_households(clock, actor, village_id: int, sizes: list[int],
                    first: int = 0) -> list[list[int]]:
    """Households of the given sizes, written at once by the bulk writer (as the generator
    does); the person ids of each, head first. `first` numbers them on from an earlier
    call (their ID numbers and names follow from it)."""
    from models.core.unit_of_work import unit_of_work
    from models.registry.bulk import BulkWriter, HouseholdRow, PersonRow

    households = []
    with unit_of_work(clock, actor) as uow, BulkWriter(uow) as writer:
        for h, size in enumerate(sizes, start=first):
            hh = writer.add_household(HouseholdRow(village_id))
            members = []
            for m in range(size):
                birth = dt.date(1960, 1, 1) + dt.timedelta(days=h * 7 + m)
                body = f"430225{birth:%Y%m%d}{(m * 2 + 1) % 1000:03d}"
                number = body + ric.calc_check_digit(body + "0")
                name = "钱" + GIVEN[h // 100 % 10] + GIVEN[h // 10 % 10] + GIVEN[h % 10] \
                    + GIVEN[m]
                members.append(writer.add_person(PersonRow(
                    hh, name, "resident", number, "M" if m % 2 == 0 else "F", birth,
                    MEMBER_RELATIONS[min(m, 3)])))
            households.append(members)
    return households


def pay_households(url: str, today: dt.date, actor, households: list[list[int]],
                   start=None, results=None, busy_timeout: float | None = None,
                   env: dict | None = None, progress=None) -> list:
    """Pay each household's members on one receipt, in turn. One outcome a household:
    ("ok", receipt_no, person_ids, total), ("refused", message) for a refusal the clerk
    reads, or ("error", repr) for anything else (a traceback at the counter). A busy
    database or a conflict the retries did not resolve is what a clerk meets as a message
    and answers by trying again: so does this, and counts each in ("busy", message).
    `progress` (two shared ints): payments begun, payments returned."""
    from models.core.clock import FixedClock
    from models.core.db import DATABASE_ERRORS, DatabaseTrouble, open_database
    from models.core.errors import DomainError
    from models.payments.paying import pay
    from models.payments.quoting import MemberRequest
    from models.rules.policy import load_policy_id

    _take_env(env)
    db = open_database(url, migrate=False, busy_timeout=busy_timeout)
    clock, policy = FixedClock(today), load_policy_id(POLICY)
    rng = random.Random(os.getpid())
    if start is not None:
        start.wait(timeout=120)
    outcomes: list = []
    for members in households:
        requests = [MemberRequest(p, missed_years=0) for p in members]
        channel = rng.choice(("cash", "pos", "qr", "other"))
        for _ in range(50):  # a clerk trying again
            try:
                if progress is not None:
                    progress[0] += 1
                receipt = pay(clock, actor, policy, requests, channel)
                if progress is not None:
                    progress[1] += 1
                outcomes.append(("ok", receipt.receipt_no, tuple(members), receipt.total))
            except DatabaseTrouble as e:
                outcomes.append(("busy", e.message))
                continue
            except DomainError as e:
                outcomes.append(("refused", e.message))
            except DATABASE_ERRORS as e:  # a driver's error reaching the clerk
                outcomes.append(("error", repr(e)))
            except Exception as e:
                outcomes.append(("error", repr(e)))
            break
    if hasattr(db, "close_all"):
        db.close_all()
    if results is not None:
        results.put(outcomes)
    return outcomes


def crash_child(url: str, today: str, actor, households: list[list[int]], ready,
                env: dict, progress) -> None:
    """The child the crash test kills: says it is ready, then pays until killed."""
    from models.core.db import open_database

    _take_env(env)
    open_database(url, migrate=False)  # imports and connects before the clock starts
    ready.set()
    pay_households(url, dt.date.fromisoformat(today), actor, households, progress=progress)


def check_whole(series: tuple[str, ...] = ()) -> list[str]:
    """What must hold after any crash or race; the problems found (none: all is well).

    Each payment is whole (its lines add up to its total, each paid year has its
    enrollment, its audit event is there) or absent (no enrollment or line left without
    one); each series' numbers run 1…last with no hole and none twice; nobody is paid
    twice for a year; the audit chain verifies."""
    import peewee as pw

    from models.core import audit
    from models.core.schema import AuditEvent, Enrollment, Payment, PaymentLine, ReceiptCounter

    problems = []
    lines: dict[int, list] = {}
    for line in PaymentLine.select():
        lines.setdefault(line.payment_id, []).append(line)
    events = {e.seq: e for e in AuditEvent.select().where(AuditEvent.action == "payment.pay")}
    for p in Payment.select().where(Payment.channel != "history"):
        mine = lines.pop(p.id, [])
        if not mine or sum(x.payable for x in mine) != p.total:
            problems.append(f"payment {p.receipt_no}: lines {len(mine)} do not add up")
        if any(x.kind == "year" and x.enrollment_id is None for x in mine):
            problems.append(f"payment {p.receipt_no}: a year without its enrollment")
        event = events.get(p.audit_seq)
        if event is None or event.entity_id != str(p.id):
            problems.append(f"payment {p.receipt_no}: no audit event")
    if lines:
        problems.append(f"lines without a payment: {sorted(lines)}")
    orphans = (Enrollment.select().join(PaymentLine, pw.JOIN.LEFT_OUTER,
                                        on=(PaymentLine.enrollment == Enrollment.id))
               .where(PaymentLine.id.is_null()).count())
    if orphans:
        problems.append(f"{orphans} enrollments without a line")
    if len(events) != Payment.select().where(Payment.channel != "history").count():
        problems.append(f"{len(events)} payment events for the payments")
    for row in ReceiptCounter.select().where(ReceiptCounter.kind == "payment"):
        if series and row.series not in series:
            continue
        seqs = sorted(s for (s,) in Payment.select(Payment.receipt_seq)
                      .where(Payment.series == row.series, Payment.receipt_year == row.year)
                      .tuples())
        if seqs != list(range(1, row.last + 1)):
            problems.append(f"series {row.series}-{row.year}: drawn {row.last}, used {seqs}")
    twice = (PaymentLine.select(PaymentLine.person, PaymentLine.benefit_year)
             .where(PaymentLine.status == "paid", PaymentLine.kind == "year")
             .group_by(PaymentLine.person, PaymentLine.benefit_year)
             .having(pw.fn.COUNT(PaymentLine.id) > 1).count())
    if twice:
        problems.append(f"{twice} people paid twice for a year")
    report = audit.verify()
    if not report.ok:
        problems.append("audit: " + report.message)
    return problems
