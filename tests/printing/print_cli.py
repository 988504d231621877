"""`yibao` as a real process for the printing tests (the installed console script)."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("yibao")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "tui.cli"]


def yibao(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, timeout=120)


def one_chinese_line(stderr: str) -> bool:
    lines = stderr.strip().splitlines()
    return len(lines) == 1 and "Traceback" not in stderr and lines[0].startswith("错误：")
