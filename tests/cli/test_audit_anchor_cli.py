"""`yibao init` makes the audit key and says so; `yibao audit anchor` prints the head as one
line; `yibao audit verify --anchor` fails (exit 1) once the chain is rewound past it."""

import json
import os
import sqlite3
import urllib.parse
from pathlib import Path

import psycopg2
from cli_process import yibao


def raw(db_url: str, server_url: str | None = None):
    """A connection outside yibao, with every right (the tamperer's): on PostgreSQL the
    test server's superuser (`server_url`) on the test's database."""
    if db_url.startswith("sqlite"):
        return sqlite3.connect(db_url[len("sqlite:///"):], isolation_level=None), "?"
    server = urllib.parse.urlsplit(server_url or db_url)
    params = {k: v[-1] for k, v in urllib.parse.parse_qs(server.query).items()}
    con = psycopg2.connect(dbname=urllib.parse.urlsplit(db_url).path.strip("/"),
                           user=urllib.parse.unquote(server.username or "") or None,
                           password=urllib.parse.unquote(server.password or "") or None,
                           host=server.hostname or params.get("host"),
                           port=server.port or params.get("port"))
    con.autocommit = True
    return con, "%s"


def rewind_last_event(db_url: str, server_url: str | None) -> None:
    con, mark = raw(db_url, server_url)
    cur = con.cursor()
    if mark == "?":
        cur.execute("DROP TRIGGER audit_event_no_delete")
    else:
        cur.execute("DROP TRIGGER audit_event_append_only ON audit_event")
    cur.execute("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 2")
    (last, _), (seq, hash_) = cur.fetchall()
    cur.execute(f"DELETE FROM audit_event WHERE seq = {mark}", (last,))
    cur.execute(f"UPDATE audit_head SET seq = {mark}, hash = {mark}", (seq, hash_))
    con.close()


def test_init_makes_the_key_and_anchors_are_checked(empty_database, tmp_path, request):
    """`init` as the owner, then the counters' work as the app role (one URL on SQLite)."""
    db_url = empty_database.app
    key = Path(os.environ["YIBAO_AUDIT_KEY"])  # the autouse fixture's, per test
    init = yibao("init", "--db", empty_database.owner, "--region", "demo")
    assert init.returncode == 0 and f"已生成审计密钥文件 {key}" in init.stderr and key.exists()
    for name in ("aaa_1", "bbb_2"):
        assert yibao("clerk", "add", "--db", db_url, "--username", name, "--password-stdin",
                     stdin="password-1\n").returncode == 0
    slip = tmp_path / "anchors.txt"
    out = yibao("audit", "anchor", "--db", db_url, "--out", str(slip))
    line = out.stdout.strip()
    assert out.returncode == 0 and line.startswith("yibao-audit 3 ") and len(line.split()) == 5
    assert slip.read_text(encoding="utf-8") == line + "\n"
    as_json = json.loads(yibao("audit", "anchor", "--db", db_url, "--json").stdout)
    assert as_json["anchor"] == line and as_json["seq"] == 3 and len(as_json["head"]) == 16
    ok = yibao("audit", "verify", "--db", db_url, "--anchor", str(slip), "--anchor", line)
    assert ok.returncode == 0 and "审计锚相符：2个" in ok.stdout, ok.stderr

    server = None if db_url.startswith("sqlite") else request.getfixturevalue("pg_server_url")
    rewind_last_event(db_url, server)
    os.environ.pop("YIBAO_ANCHOR_FILE")  # another counter: no local anchor, only the paper
    try:
        bad = yibao("audit", "verify", "--db", db_url, "--anchor", line)
    finally:
        os.environ["YIBAO_ANCHOR_FILE"] = str(tmp_path / "gone.json")
    assert bad.returncode == 1
    assert f"审计锚“{line}”记的是第3条，审计链现在只到第2条" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_verify_without_the_key_is_a_message(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/a.db"
    assert yibao("init", "--db", url, "--region", "demo").returncode == 0
    monkeypatch.setenv("YIBAO_AUDIT_KEY", str(tmp_path / "none.key"))
    for args in (("audit", "verify"), ("audit", "anchor"), ("clerk", "list")):
        done = yibao(*args, "--db", url)
        assert done.returncode == 2 and "找不到审计密钥文件" in done.stderr, args
        assert "Traceback" not in done.stderr
    bad = yibao("audit", "verify", "--db", url, "--anchor", "yibao-audit nonsense")
    assert bad.returncode == 2 and "格式不对" in bad.stderr
