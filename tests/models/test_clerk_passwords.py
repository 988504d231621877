"""Passwords (issue 10, point 2): the cost named in the hash, older hashes upgraded at the
next sign-in, NFKC normalisation, an unknown username costing what a wrong password
costs, and a lock that a late right password cannot clear."""

import hashlib

import pytest
from actors import ADMIN

from models.access import clerks, passwords
from models.core.errors import DomainError
from models.core.schema import AuditEvent, Clerk


def add(clock, username="li_clerk", password="correct-horse"):
    return clerks.add_clerk(clock, ADMIN, username=username, display_name="李经办",
                            role="clerk", password=password)


@pytest.fixture
def scrypt_calls(monkeypatch):
    """Every hashlib.scrypt run, with its parameters (not the password or the salt)."""
    calls = []
    real = hashlib.scrypt

    def counting(password, *, salt, n, r, p, maxmem=0, dklen=64):
        calls.append({"n": n, "r": r, "p": p, "maxmem": maxmem, "dklen": dklen})
        return real(password, salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=dklen)

    monkeypatch.setattr(hashlib, "scrypt", counting)
    return calls


def test_the_hash_names_its_cost():
    assert passwords.Cost(17, 8, 1) == passwords.PRODUCTION
    stored = passwords.hash_password("correct-horse", passwords.Cost(11))
    scheme, log_n, r, p, salt, digest = stored.split("$")
    assert (scheme, log_n, r, p) == ("scrypt", "11", "8", "1")
    assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(digest)) == 32
    assert passwords.check_password("correct-horse", stored)
    assert not passwords.check_password("correct-hors", stored)
    assert not passwords.needs_upgrade(stored)


def test_an_unknown_username_costs_the_same_scrypt_as_a_wrong_password(
        db, clock, scrypt_calls):
    add(clock)
    scrypt_calls.clear()
    with pytest.raises(DomainError) as wrong:
        clerks.authenticate(clock, "li_clerk", "wrong-password")
    wrong_calls = list(scrypt_calls)
    scrypt_calls.clear()
    with pytest.raises(DomainError) as unknown:
        clerks.authenticate(clock, "nobody_here", "wrong-password")
    assert unknown.value.message == wrong.value.message == "用户名或密码错误"
    assert len(wrong_calls) == 1 and scrypt_calls == wrong_calls
    scrypt_calls.clear()
    clerks.disable_clerk(clock, ADMIN, "li_clerk")
    with pytest.raises(DomainError):
        clerks.authenticate(clock, "li_clerk", "correct-horse")
    assert scrypt_calls == wrong_calls  # a disabled account too


def test_a_locked_account_is_refused_without_a_check_and_without_counting(
        db, clock, scrypt_calls):
    add(clock)
    for _ in range(clerks.MAX_FAILED_ATTEMPTS):
        with pytest.raises(DomainError):
            clerks.authenticate(clock, "li_clerk", "nope-nope")
    locked = Clerk.get(Clerk.username == "li_clerk")
    scrypt_calls.clear()
    for password in ("nope-nope", "correct-horse"):
        with pytest.raises(DomainError) as e:
            clerks.authenticate(clock, "li_clerk", password)
        assert e.value.message == "账号已锁定，请15分钟后再试或联系管理员"
    assert scrypt_calls == []
    after = Clerk.get(Clerk.username == "li_clerk")
    assert (after.failed_attempts, after.locked_until) == (
        locked.failed_attempts, locked.locked_until)
    failed = AuditEvent.select().where(AuditEvent.action == "clerk.login_failed").count()
    assert failed == clerks.MAX_FAILED_ATTEMPTS


def test_the_fifth_check_may_still_be_the_right_password(db, clock):
    add(clock)
    for _ in range(clerks.MAX_FAILED_ATTEMPTS - 1):
        with pytest.raises(DomainError):
            clerks.authenticate(clock, "li_clerk", "nope-nope")
    assert clerks.authenticate(clock, "li_clerk", "correct-horse").username == "li_clerk"
    clerk = Clerk.get(Clerk.username == "li_clerk")
    assert (clerk.failed_attempts, clerk.locked_until) == (0, None)


def test_a_lock_set_while_a_right_password_is_checked_holds(db, clock, monkeypatch):
    """The stale write of old: a check that began before the lock must not clear it."""
    add(clock)
    real = passwords.check_password
    guessed = []

    def meanwhile_others_guess(password, stored):
        if not guessed:  # other counters lock the account during this check
            guessed.append(True)
            for _ in range(clerks.MAX_FAILED_ATTEMPTS):
                with pytest.raises(DomainError):
                    clerks.authenticate(clock, "li_clerk", "nope-nope")
        return real(password, stored)

    monkeypatch.setattr(passwords, "check_password", meanwhile_others_guess)
    with pytest.raises(DomainError) as e:
        clerks.authenticate(clock, "li_clerk", "correct-horse")
    assert "已锁定" in e.value.message
    clerk = Clerk.get(Clerk.username == "li_clerk")
    assert clerk.locked_until is not None and clerk.locked_until > clock.now()


def test_full_width_input_equals_its_ascii_form(db, clock):
    add(clock, password="ABC12345")
    actor = clerks.authenticate(clock, "li_clerk", "ＡＢＣ１２３４５")  # typed through an IME
    assert actor.username == "li_clerk"
    clerks.set_password(clock, ADMIN, "li_clerk", "ｗａｎｇ２０２６")
    assert clerks.authenticate(clock, "li_clerk", "wang2026").username == "li_clerk"


def test_an_older_hash_verifies_and_is_upgraded_at_the_real_cost(
        db, clock, monkeypatch, scrypt_calls):
    """At the production cost (N = 2^17), the one test that runs it."""
    info = add(clock)
    monkeypatch.setattr(passwords, "current_cost", lambda: passwords.PRODUCTION)
    old = older_hash("correct-horse")
    Clerk.update(password_hash=old).where(Clerk.id == info.id).execute()
    assert passwords.needs_upgrade(old)
    scrypt_calls.clear()
    assert clerks.authenticate(clock, "li_clerk", "correct-horse").clerk_id == info.id
    assert [c["n"] for c in scrypt_calls] == [2**14, 2**17]  # checked, then rehashed
    assert scrypt_calls[1]["maxmem"] >= 128 * 8 * 2**17
    stored = Clerk.get_by_id(info.id).password_hash
    assert stored.startswith("scrypt$17$8$1$") and not passwords.needs_upgrade(stored)
    event = AuditEvent.get(AuditEvent.action == "clerk.rehash")
    assert (event.clerk, event.entity_id) == ("li_clerk", str(info.id))
    assert "2^14" in event.before and "2^17" in event.after
    for text in (event.before, event.after):
        assert old.split("$")[4] not in text and stored.split("$")[4] not in text
    scrypt_calls.clear()  # the next sign-in checks once, and rewrites nothing
    assert clerks.authenticate(clock, "li_clerk", "correct-horse").clerk_id == info.id
    assert [c["n"] for c in scrypt_calls] == [2**17]
    assert AuditEvent.select().where(AuditEvent.action == "clerk.rehash").count() == 1


def older_hash(password: str, n: int = 2**14) -> str:
    """A hash as written before issue 10: N itself in it, the password as typed."""
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=8, p=1, dklen=32)
    return f"scrypt${n}$8$1${salt.hex()}${digest.hex()}"


def test_an_older_hash_of_a_full_width_password_still_lets_its_clerk_in(db, clock):
    info = add(clock)
    Clerk.update(password_hash=older_hash("ｍｉｍａ2026")).where(Clerk.id == info.id).execute()
    with pytest.raises(DomainError):  # made from the typed form: not normalised then
        clerks.authenticate(clock, "li_clerk", "mima2026")
    assert clerks.authenticate(clock, "li_clerk", "ｍｉｍａ2026").clerk_id == info.id
    # rewritten normalised: either form now
    assert clerks.authenticate(clock, "li_clerk", "mima2026").clerk_id == info.id
    assert clerks.authenticate(clock, "li_clerk", "ｍｉｍａ2026").clerk_id == info.id


def test_a_wrong_password_leaves_an_older_hash_alone(db, clock):
    info = add(clock)
    old = passwords.hash_password("correct-horse", passwords.Cost(10, 4, 1))
    Clerk.update(password_hash=old).where(Clerk.id == info.id).execute()
    with pytest.raises(DomainError):
        clerks.authenticate(clock, "li_clerk", "wrong-password")
    assert Clerk.get_by_id(info.id).password_hash == old
    assert not AuditEvent.select().where(AuditEvent.action == "clerk.rehash").exists()


@pytest.mark.parametrize("stored", ["", "bcrypt$x", "scrypt$16384$8$1$zz$00",
                                    "scrypt$30$8$1$00$00", "scrypt$1000$8$1$00$00"])
def test_a_damaged_hash_matches_nothing_and_raises_nothing(stored):
    assert passwords.check_password("anything-at-all", stored) is False


def test_the_test_cost_setting_is_only_honoured_in_its_range(monkeypatch):
    for raw, log_n in (("10", 10), ("12", 12), ("9", 17), ("18", 17), ("x", 17), ("", 17),
                       ("１２", 17)):
        monkeypatch.setenv("YIBAO_SCRYPT_LOG_N", raw)
        passwords.current_cost.cache_clear()
        assert passwords.current_cost().log_n == log_n, raw
    passwords.current_cost.cache_clear()
