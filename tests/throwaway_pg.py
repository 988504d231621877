"""A throwaway PostgreSQL server for the test run, from Debian's postgresql packages.

Used when YIBAO_TEST_PG_URL is not set. Listens on a Unix socket in a temp folder
only, so it never collides with another server on the machine. Its superuser (`yibao`)
is used only to create the hall's two roles and the test databases (tests/conftest.py);
the tests connect as those roles.
"""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path


class NoPostgres(RuntimeError):
    pass


def _bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not candidates:
        raise NoPostgres(
            f"PostgreSQL's {name} was not found. Install Debian's postgresql package "
            "(apt-get install postgresql) or point YIBAO_TEST_PG_URL at a server."
        )
    return candidates[-1]


def _as_server_user(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root: hand them to the postgres account.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


class ThrowawayPostgres:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="yibao-pg-"))
        self.data = self.dir / "data"
        self.socket = self.dir / "socket"
        self.port = 5432

    def start(self) -> str:
        self.socket.mkdir()
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            for path in (self.dir, self.socket):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        run = dict(check=True, capture_output=True, text=True)
        subprocess.run(_as_server_user([_bin("initdb"), "-D", str(self.data), "-U", "yibao",
                                        "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]),
                       **run)
        options = f"-c listen_addresses='' -k {self.socket} -c fsync=off -c full_page_writes=off"
        subprocess.run(_as_server_user([_bin("pg_ctl"), "-D", str(self.data), "-o", options,
                                        "-w", "-l", str(self.dir / "server.log"), "start"]),
                       **run)
        return f"postgresql://yibao@/postgres?host={self.socket}&port={self.port}"

    def stop(self) -> None:
        subprocess.run(_as_server_user([_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate",
                                        "stop"]), capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)
