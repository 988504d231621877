"""A hall's own keys: binding ids mapped to keys in a TOML file.

    [keys]
    "person.correct" = "f9"
    "lookup.register" = "ctrl+n"
"""

import os
import tomllib
from pathlib import Path

from models.core.errors import DomainError
from models.texts import counter as t


def keymap_path() -> Path:
    configured = os.environ.get("YIBAO_KEYMAP")
    if configured:
        return Path(configured)
    base = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
    return base / "yibao" / "keymap.toml"


def load_keymap(path: Path | None = None) -> dict[str, str]:
    path = path or keymap_path()
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise DomainError(t.KEYMAP_BAD.format(path=path, reason=e)) from None
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v for k, v in keys.items()):
        raise DomainError(t.KEYMAP_BAD.format(path=path, reason=t.KEYMAP_SHAPE))
    return keys
