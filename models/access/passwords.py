"""Password hashing: scrypt at N = 2^17, r = 8, p = 1, the cost named in the stored hash.

A hash reads `scrypt$LOG_N$r$p$salt$digest` (hex salt and digest), LOG_N being log2 of
scrypt's N. Hashes written before issue 10 carry N itself there (`scrypt$16384$8$1$...`):
a cost field of 32 or more is such an N. They still verify (against the password as
typed, as they were made), and `needs_upgrade` tells the sign-in to rewrite them at the
current cost, normalised.

Passwords are NFKC-normalised before hashing, so full-width characters typed through a
Chinese input method (ＡＢＣ１２３) equal their ASCII forms (ABC123).

YIBAO_SCRYPT_LOG_N lowers the cost, for the test suite only (read once, at the first
hash or check; honoured from 10 up to the production 17, ignored otherwise). Production
never sets it.
"""

import hashlib
import hmac
import os
import secrets
import unicodedata
from dataclasses import dataclass
from functools import cache

PRODUCTION_LOG_N = 17
_TEST_FLOOR_LOG_N = 10
_MAXMEM = 256 * 1024 * 1024  # scrypt needs 128 * r * N bytes: 128 MiB at N = 2^17, r = 8
_DKLEN = 32


@dataclass(frozen=True)
class Cost:
    """scrypt's cost: N = 2**log_n, the block size r, the parallelism p."""

    log_n: int
    r: int = 8
    p: int = 1

    def weaker_than(self, other: "Cost") -> bool:
        return self.log_n < other.log_n or self.r < other.r or self.p < other.p


PRODUCTION = Cost(PRODUCTION_LOG_N)


@cache
def current_cost() -> Cost:
    """The cost new hashes are made at: PRODUCTION, unless the test suite lowered it."""
    raw = os.environ.get("YIBAO_SCRYPT_LOG_N", "")
    if raw.isascii() and raw.isdigit() and _TEST_FLOOR_LOG_N <= int(raw) <= PRODUCTION_LOG_N:
        return Cost(int(raw))
    return PRODUCTION


def normalise(password: str) -> str:
    return unicodedata.normalize("NFKC", password or "")


def hash_password(password: str, cost: Cost | None = None) -> str:
    cost = cost or current_cost()
    salt = secrets.token_bytes(16)
    digest = _scrypt(normalise(password), salt, cost, _DKLEN)
    return f"scrypt${cost.log_n}${cost.r}${cost.p}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    """Whether `password` is the one `stored` was made from. A stored value that is not
    a hash of ours (damaged, another scheme) matches nothing, after the same work as a
    real check."""
    parsed = _parse(stored)
    if parsed is None:
        check_against_nothing(password)
        return False
    cost, salt, digest, older = parsed
    # an older hash was made from the password as typed, not normalised
    computed = _scrypt(password or "" if older else normalise(password), salt, cost,
                       len(digest))
    return hmac.compare_digest(computed, digest)


def check_against_nothing(password: str) -> None:
    """The work of one check, for a name with no account: an unknown username must cost
    what a wrong password costs, or usernames could be found by timing."""
    check_password(password, _dummy_hash(current_cost()))


def needs_upgrade(stored: str) -> bool:
    parsed = _parse(stored)
    return parsed is not None and (parsed[3] or parsed[0].weaker_than(current_cost()))


def cost_of(stored: str) -> Cost | None:
    parsed = _parse(stored)
    return parsed[0] if parsed else None


@cache
def _dummy_hash(cost: Cost) -> str:
    """A hash at the current cost that no password matches (its digest is random), made
    without running scrypt, so that checking against it is exactly one scrypt run."""
    return (f"scrypt${cost.log_n}${cost.r}${cost.p}$"
            f"{secrets.token_hex(16)}${secrets.token_hex(_DKLEN)}")


def _parse(stored: str) -> tuple[Cost, bytes, bytes, bool] | None:
    """Cost, salt, digest, and whether the hash is of the format before issue 10."""
    try:
        scheme, n, r, p, salt, digest = (stored or "").split("$")
        if scheme != "scrypt":
            return None
        n, r, p = int(n), int(r), int(p)
        log_n = n.bit_length() - 1 if n >= 32 else n  # an older hash: N itself
        if n >= 32 and n != 1 << log_n:
            return None
        if not (1 <= log_n <= 20 and 1 <= r <= 32 and 1 <= p <= 16) or not digest:
            return None
        if 128 * r * ((1 << log_n) + p + 2) > _MAXMEM:  # more than scrypt is allowed here
            return None
        return Cost(log_n, r, p), bytes.fromhex(salt), bytes.fromhex(digest), n >= 32
    except ValueError:
        return None


def _scrypt(password: str, salt: bytes, cost: Cost, dklen: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8", "surrogatepass"), salt=salt,
                          n=1 << cost.log_n, r=cost.r, p=cost.p, maxmem=_MAXMEM, dklen=dklen)
