"""Who acts: the clerk signed in, their role, and the counter (window) they sit at.

Services receive an Actor and check roles themselves; the counter is what receipt
numbers are drawn per.
"""

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from models.core.errors import DomainError
from models.texts import labels
from models.texts import messages as msg

ROLES = ("clerk", "supervisor", "admin")
# The command line run by the hall's IT person (setup, generation): above every role.
SYSTEM_ROLE = "system"
_RANK = {"clerk": 1, "supervisor": 2, "admin": 3, SYSTEM_ROLE: 4}
DEFAULT_COUNTER = "01"


@dataclass(frozen=True)
class Actor:
    clerk_id: int | None
    username: str
    role: str
    counter: str
    display_name: str = ""  # for the screen's title and the slip

    def require(self, role: str) -> None:
        """Refuse unless this actor holds `role` or a higher one."""
        if _RANK.get(self.role, 0) < _RANK[role]:
            raise DomainError(msg.ROLE_REQUIRED.format(role=labels.ROLE_LABELS[role]))

    def at_least(self, role: str) -> bool:
        return _RANK.get(self.role, 0) >= _RANK[role]


def system_actor(counter: str | None = None) -> Actor:
    """The command line acting on the database directly (init, generate, clerk add)."""
    return Actor(None, "", SYSTEM_ROLE, counter or counter_from_config(),
                 labels.ROLE_LABELS[SYSTEM_ROLE])


def counter_from_config(path: Path | None = None) -> str:
    """YIBAO_COUNTER, else `counter` in the config file (YIBAO_CONFIG or
    ~/.config/yibao/config.toml), else DEFAULT_COUNTER."""
    value = os.environ.get("YIBAO_COUNTER")
    if not value:
        path, data = read_config(path)
        value = data.get("counter")
        if value is not None and not isinstance(value, str):
            raise DomainError(msg.CONFIG_BAD.format(path=path, reason=msg.COUNTER_BAD))
    value = (value or DEFAULT_COUNTER).strip()
    if not value.isalnum() or len(value) > 8:
        raise DomainError(msg.COUNTER_BAD)
    return value


def read_config(path: Path | None = None) -> tuple[Path, dict]:
    """The config file (`path`, else YIBAO_CONFIG, else ~/.config/yibao/config.toml) and
    its settings; no file is no settings. Shared by everything a counter configures."""
    path = path or Path(os.environ.get("YIBAO_CONFIG")
                        or Path.home() / ".config" / "yibao" / "config.toml")
    if not path.exists():
        return path, {}
    try:
        return path, tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as e:
        raise DomainError(msg.CONFIG_BAD.format(path=path, reason=e)) from None
