"""The check value in the slip's QR code: the receipt number and a keyed hash of it, so a
slip can be checked later and a made-up one is told apart.

The payload is `YB:<receipt number>:<check>`, check = the first 20 hex digits (80 bits)
of HMAC-SHA256 under the slip key, upper case, so the whole text stays in the QR code's
compact alphanumeric mode and can be typed from the slip. The key, like the audit key
(models/core/audit_key.py) but its own: 32 random bytes in a file (mode 0600) found at
$YIBAO_SLIP_KEY, else `slip_key = "..."` in the config file, else
~/.config/yibao/slip.key. Every counter of a hall needs a copy of the same file.

`verify` is pure: payload in, receipt number out, or None for "not genuine". Whether the
payment exists or was voided is for the payments lookup to say.
"""

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

from models.core.actor import read_config
from models.core.errors import DomainError
from models.texts import messages as msg
from models.texts import printing as p

KEY_BYTES = 32
PREFIX = "YB"
CHECK_DIGITS = 20
_LABEL = "yibao slip"
_PAYLOAD = re.compile(rf"^{PREFIX}:([0-9A-Z-]{{1,40}}):([0-9A-F]{{{CHECK_DIGITS}}})$")


def check_value(receipt_no: str, key: bytes) -> str:
    digest = hmac.new(key, f"{_LABEL}\x1f{receipt_no}".encode(), hashlib.sha256)
    return digest.hexdigest()[:CHECK_DIGITS].upper()


def payload(receipt_no: str, key: bytes) -> str:
    return f"{PREFIX}:{receipt_no}:{check_value(receipt_no, key)}"


def looks_like_payload(text: str) -> bool:
    """For the lookup field: is this a slip's QR text (genuine or not)?"""
    return bool(_PAYLOAD.match(text.strip().upper()))


def verify(text: str, key: bytes) -> str | None:
    """The receipt number the payload vouches for, or None if it is not genuine."""
    match = _PAYLOAD.match(text.strip().upper())
    if not match:
        return None
    receipt_no, check = match.groups()
    if not hmac.compare_digest(check, check_value(receipt_no, key)):
        return None
    return receipt_no


def key_path() -> Path:
    env = os.environ.get("YIBAO_SLIP_KEY")
    if env:
        return Path(env).expanduser()
    config_path, data = read_config()
    value = data.get("slip_key")
    if value is not None:
        if not isinstance(value, str) or not value.strip():
            raise DomainError(msg.CONFIG_BAD.format(path=config_path,
                                                    reason=p.SLIP_KEY_PATH_BAD))
        return Path(value).expanduser()
    return Path.home() / ".config" / "yibao" / "slip.key"


def load_key(create: bool = False) -> bytes:
    """The key's bytes. A missing file is created only when `create` (printing a slip);
    checking one with no key is a refusal."""
    path = key_path()
    try:
        if not path.exists():
            if not create:
                raise DomainError(p.SLIP_KEY_MISSING.format(path=path))
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(secrets.token_bytes(KEY_BYTES))
        key = path.read_bytes()
    except FileExistsError:
        key = path.read_bytes()  # another counter process created it just now
    except OSError as e:
        raise DomainError(p.SLIP_KEY_UNREADABLE.format(path=path, reason=e)) from None
    if len(key) != KEY_BYTES:
        raise DomainError(p.SLIP_KEY_BAD_FILE.format(path=path, size=KEY_BYTES))
    return key
