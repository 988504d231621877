"""Running `yibao` as a user does: a real process (the installed console script, so the
`[project.scripts]` entry point is exercised too), real files, exit codes, stderr."""

import subprocess
import sys
from pathlib import Path

TODAY = "2026-11-22"
# The installed entry point (pyproject: yibao = "tui.cli:main"); `python -m tui.cli` runs
# the same code, used only if the script is missing from this interpreter's bin folder.
SCRIPT = Path(sys.executable).with_name("yibao")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "tui.cli"]
NO_DATE = ("clerk", "audit", "policy", "quote")  # commands without --today


def yibao(*args: str, stdin: str | None = None, today: bool = True,
          env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`yibao ARGS` (with --today TODAY where the command takes it, unless today=False)."""
    extra = ["--today", TODAY] if today and args and args[0] not in NO_DATE else []
    return subprocess.run([*COMMAND, *args, *extra], input=stdin, capture_output=True,
                          text=True, timeout=120, env=env)


def one_chinese_line(stderr: str) -> bool:
    """An error as the contract wants it: one line, in Chinese, no traceback."""
    lines = stderr.strip().splitlines()
    return (len(lines) == 1 and "Traceback" not in stderr
            and any("\u4e00" <= ch <= "\u9fff" for ch in lines[0]))
