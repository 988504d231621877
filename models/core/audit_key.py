"""The audit key: 32 random bytes in a file outside the database (mode 0600).

Where: $YIBAO_AUDIT_KEY (a path), else `audit_key = "..."` in the config file, else
~/.config/yibao/audit.key. Every counter of a PostgreSQL hall needs a copy of the same
file. The database keeps only the key's fingerprint, in `audit_meta`, so a wrong or
missing key is a clear refusal and nothing is written with it.

A database gets its meta row at its first keyed write (`attach`): a new database is keyed
from event 1; an older one (events hashed with plain SHA-256) from the next event on, and
the records it already holds are sealed under one `audit.key` event.
"""

import functools
import hashlib
import hmac
import os
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

from models.core.actor import read_config
from models.core.db import database
from models.core.errors import DomainError
from models.core.schema import AuditHead, AuditMeta
from models.texts import messages as msg

KEY_BYTES = 32
_KEY_ID_LABEL = b"yibao audit key id"
_cache: dict[Path, bytes] = {}


class AuditKeyError(DomainError):
    """The key is missing, unreadable or not this database's."""


@dataclass(frozen=True)
class Meta:
    database_id: str
    key_id: str
    keyed_from: int


def key_path() -> Path:
    env = os.environ.get("YIBAO_AUDIT_KEY")
    if env:
        return expanded(env)
    config_path, data = read_config()
    value = data.get("audit_key")
    if value is not None:
        if not isinstance(value, str) or not value.strip():
            raise DomainError(msg.CONFIG_BAD.format(path=config_path,
                                                    reason=msg.AUDIT_KEY_PATH_BAD))
        return Path(value).expanduser()
    return Path.home() / ".config" / "yibao" / "audit.key"


@functools.lru_cache(maxsize=16)
def expanded(path_text: str) -> Path:
    """A path from the environment, made once: every keyed write asks."""
    return Path(path_text).expanduser()


def load_key(create: bool = False) -> tuple[bytes, bool]:
    """The key's bytes and whether this call created the file. A missing file is
    created only when `create` (a database without a key yet); else a refusal."""
    path = key_path()
    if path in _cache:
        return _cache[path], False
    created = False
    try:
        if not path.exists():
            if not create:
                raise AuditKeyError(msg.AUDIT_KEY_MISSING.format(path=path))
            _write_new_key(path)
            created = True
        key = path.read_bytes()
    except OSError as e:
        raise AuditKeyError(msg.AUDIT_KEY_UNREADABLE.format(path=path, reason=e)) from None
    if len(key) != KEY_BYTES:
        raise AuditKeyError(msg.AUDIT_KEY_BAD_FILE.format(path=path, size=KEY_BYTES))
    _cache[path] = key
    return key, created


def ensure_key_file() -> tuple[Path, bool]:
    """For `yibao init` and friends: the key file, created if absent; (path, created)."""
    _, created = load_key(create=True)
    return key_path(), created


def forget() -> None:
    """Drop what this process remembered (tests switch keys and databases)."""
    _cache.clear()


def mac(key: bytes, *parts) -> str:
    payload = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


@functools.lru_cache(maxsize=8)
def key_id(key: bytes) -> str:
    return hmac.new(key, _KEY_ID_LABEL, hashlib.sha256).hexdigest()


def read_meta() -> Meta | None:
    """The meta row as stored (not checked), None before the first keyed write."""
    row = database.execute_sql('SELECT "database_id", "key_id", "keyed_from" FROM '
                               '"audit_meta" ORDER BY "id" LIMIT 1').fetchone()
    return None if row is None else Meta(*row)


def meta_problem(key: bytes) -> str | None:
    """Why the meta row cannot be trusted with this key, None if it can."""
    row = AuditMeta.select().order_by(AuditMeta.id).first()
    if row is None:
        return msg.AUDIT_META_MISSING
    if AuditMeta.select().count() != 1 or not hmac.compare_digest(
            row.mac, _meta_mac(key, row.database_id, row.key_id, row.keyed_from)):
        return msg.AUDIT_META_ALTERED
    return None


def checked_key(meta: Meta | None = None) -> tuple[bytes, Meta]:
    """The key, refused unless it is this database's (`meta`: as just read, else read
    here). Raises AuditKeyError."""
    key, _ = load_key(create=False)
    meta = meta or read_meta()
    if meta is None:
        raise AuditKeyError(msg.AUDIT_META_MISSING)
    if not hmac.compare_digest(meta.key_id, key_id(key)):
        raise AuditKeyError(msg.AUDIT_KEY_WRONG.format(path=key_path()))
    return key, meta


def key_for_writing() -> tuple[bytes, Meta | None]:
    """Inside a write: the checked key and meta; (key, None) when the database has no
    meta yet, so the caller attaches it (the key file is created for such a database).
    The meta is read from the database each time (one row, one statement), never kept
    across transactions: a cached one could outlive the rollback of the transaction that
    attached it, and a meta row altered under a running counter is refused at its next
    write. (audit.reserve hands its check on to the event of the same transaction: the
    same row. The key's bytes are read from their file once a process: `_cache`.)"""
    meta = read_meta()
    if meta is None:
        key, _ = load_key(create=True)
        return key, None
    return checked_key(meta)


def attach(key: bytes) -> Meta:
    """Store the key's fingerprint: keyed from the next event. Called under the head
    lock by audit.record (the first keyed write)."""
    head = AuditHead.select().order_by(AuditHead.id).get()
    meta = Meta(uuid.uuid4().hex, key_id(key), head.seq + 1)
    AuditMeta.insert(id=1, database_id=meta.database_id, key_id=meta.key_id,
                     keyed_from=meta.keyed_from,
                     mac=_meta_mac(key, meta.database_id, meta.key_id, meta.keyed_from)
                     ).execute()
    return meta


def _meta_mac(key: bytes, database_id: str, key_fingerprint: str, keyed_from: int) -> str:
    return mac(key, "meta", database_id, key_fingerprint, keyed_from)


def _write_new_key(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(secrets.token_bytes(KEY_BYTES))

