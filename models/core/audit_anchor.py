"""The chain's head written down outside the database, so a rewritten or rewound history
no longer matches it.

An anchor is one short line a clerk can copy or a settlement slip can print:

    yibao-audit 1234 2026-11-22T09:15 3f2a9c0d1e2b4f5a 7c1e9a2b

the event's number, its minute, the first 16 hex of its hash, and a keyed check (without
the key no one makes up a line that passes). `yibao audit verify --anchor` checks that the
chain still holds that event with that hash.

Each counter also keeps a local anchor file ($YIBAO_ANCHOR_FILE, else
$XDG_STATE_HOME/yibao/anchors.json or ~/.local/state/yibao/anchors.json): the last event it
committed, per database, written after each commit that recorded events; verify checks
it when present.

The file is a journal: each commit appends one short JSON record (one write() in append
mode, a few microseconds; replacing the whole file each time cost milliseconds, an
ext4 rename after a COMMIT), and the highest seq per database is the anchor. Records
written while a torn one is skipped (each starts on a fresh line), and the file is
compacted, atomically, to one record per database when it grows past COMPACT_BYTES. A
record another process appends while this one compacts can be lost: that counter's
anchor then stays at an earlier event of the same chain (still true, only older) until
its next commit. The older form, one JSON object of all databases, is still read.
"""

import json
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from models.core.audit_key import expanded, mac
from models.core.errors import DomainError
from models.texts import messages as msg

PREFIX = "yibao-audit"
HASH_CHARS, CHECK_CHARS = 16, 8
COMPACT_BYTES = 64 * 1024
_writing = threading.Lock()
log = logging.getLogger("yibao.audit")


@dataclass(frozen=True)
class Anchor:
    seq: int
    at: str  # the event's minute, 2026-11-22T09:15; "-" for an empty chain
    head: str  # the first HASH_CHARS hex of the event's hash
    check: str
    source: str = ""  # where it came from, for messages

    @property
    def line(self) -> str:
        return f"{PREFIX} {self.seq} {self.at} {self.head} {self.check}"


def minute(at) -> str:
    text = at.isoformat(sep="T") if hasattr(at, "isoformat") else str(at).replace(" ", "T")
    return text[:16]


def make_anchor(key: bytes, database_id: str, seq: int, at, full_hash: str) -> Anchor:
    at_text = minute(at) if seq else "-"
    head = full_hash[:HASH_CHARS]
    return Anchor(seq, at_text, head, _check(key, database_id, seq, at_text, head))


def anchor_is_genuine(key: bytes, database_id: str, anchor: Anchor) -> bool:
    return anchor.check == _check(key, database_id, anchor.seq, anchor.at, anchor.head)


def parse_anchor(text: str, source: str = "") -> Anchor:
    """One anchor line (case and spacing forgiven); a DomainError naming it otherwise."""
    parts = text.split()
    try:
        if len(parts) != 5 or parts[0].lower() != PREFIX:
            raise ValueError
        seq = int(parts[1])
        head, check = parts[3].lower(), parts[4].lower()
        int(head, 16), int(check, 16)
        if seq < 0 or len(head) != HASH_CHARS or len(check) != CHECK_CHARS:
            raise ValueError
    except ValueError:
        raise DomainError(msg.AUDIT_ANCHOR_BAD.format(text=text.strip()[:80])) from None
    return Anchor(seq, parts[2], head, check, source or text.strip())


def read_anchors(value: str) -> list[Anchor]:
    """`--anchor`: a file of anchor lines (blank lines skipped) or one line itself."""
    path = Path(value)
    try:
        is_file = path.is_file()
    except (OSError, ValueError):
        is_file = False
    if not is_file:
        return [parse_anchor(value)]
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise DomainError(msg.AUDIT_ANCHOR_FILE_BAD.format(path=path, reason=e)) from None
    found = [parse_anchor(line, f"{path}:{n}") for n, line in enumerate(lines, 1)
             if line.strip()]
    if not found:
        raise DomainError(msg.AUDIT_ANCHOR_FILE_EMPTY.format(path=path))
    return found


# --- the counter's own anchor file --------------------------------------------------

def local_file() -> Path:
    env = os.environ.get("YIBAO_ANCHOR_FILE")
    if env:
        return expanded(env)
    state = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(state) / "yibao" / "anchors.json"


def local_anchor(database_id: str) -> tuple[int, str] | None:
    """(seq, full hash) of the last event this counter committed to that database."""
    entry = _read_local().get(database_id)
    if not isinstance(entry, dict):
        return None
    seq, full_hash = entry.get("seq"), entry.get("hash")
    if not isinstance(seq, int) or not isinstance(full_hash, str):
        return None
    return seq, full_hash


def remember(database_id: str, seq: int, full_hash: str) -> None:
    """After a COMMIT that recorded events: one record appended. A failure is logged,
    never raised: the clerk's work is already committed."""
    path = local_file()
    record = "\n" + json.dumps({"db": database_id, "seq": seq, "hash": full_hash}) + "\n"
    try:
        with _writing:
            try:
                fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            except FileNotFoundError:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, record.encode("utf-8"))
                size = os.fstat(fd).st_size
            finally:
                os.close(fd)
            if size > COMPACT_BYTES:
                _compact(path)
    except (OSError, ValueError) as e:
        log.warning(msg.AUDIT_ANCHOR_NOT_SAVED.format(path=path, reason=e))


def _compact(path: Path) -> None:
    """The journal rewritten as one record per database, by an atomic replace."""
    text = "".join("\n" + json.dumps({"db": db, **entry}) + "\n"
                   for db, entry in sorted(_read_local().items()))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".anchors-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _read_local() -> dict:
    """database id -> {"seq", "hash"}: the highest seq recorded for each."""
    path = local_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as e:
        log.warning(msg.AUDIT_ANCHOR_FILE_BAD.format(path=path, reason=e))
        return {}
    found: dict = {}
    torn = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError:
            torn += 1  # a record cut short (a crash while appending)
            continue
        if not isinstance(data, dict):
            torn += 1
            continue
        entries = [(data.get("db"), data)] if "db" in data else list(data.items())
        for db, entry in entries:
            if isinstance(entry, dict) and isinstance(entry.get("seq"), int) and (
                    db not in found or entry["seq"] > found[db]["seq"]):
                found[db] = {"seq": entry["seq"], "hash": entry.get("hash")}
    if torn and not found:
        log.warning(msg.AUDIT_ANCHOR_FILE_BAD.format(path=path, reason=torn))
    return found


def _check(key: bytes, database_id: str, seq: int, at: str, head: str) -> str:
    return mac(key, "anchor", database_id, seq, at, head)[:CHECK_CHARS]
