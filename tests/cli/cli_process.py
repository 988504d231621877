"""Running `yibao` as a user does: a real process (the installed console script, so the
`[project.scripts]` entry point is exercised too), real files, exit codes, stderr."""

import os
import pty
import select
import subprocess
import sys
import time
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


def yibao_into_closed_pipe(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """`yibao ARGS | head` once head has gone: stdout is a pipe whose reader is closed
    before the command writes, so its first write meets EPIPE (no race with head)."""
    extra = ["--today", TODAY] if args and args[0] not in NO_DATE else []
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([*COMMAND, *args, *extra], input=stdin,
                              stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)


def yibao_at_terminal(*args: str, answers: list[tuple[str, bytes]]) -> tuple[int, str]:
    """`yibao ARGS` on a terminal of its own (a pty, as the controlling terminal): for
    each (prompt, keys) waits for the prompt on the screen, then types the keys. Returns
    the exit status and everything the terminal showed."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes yibao
        os.execv(COMMAND[0], [*COMMAND, *args])
    shown, answered = b"", 0  # answered: how much of `shown` the typed keys answered
    deadline = time.monotonic() + 120  # only stops a command that never gets there
    pending = list(answers)
    while True:
        if pending and pending[0][0].encode() in shown[answered:]:
            os.write(fd, pending.pop(0)[1])
            answered = len(shown)
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            os.kill(pid, 9)
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child has closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), shown.decode("utf-8", "replace")
