"""`yibao clerk add` (on a database `yibao init` made) and `yibao audit verify`."""

import sqlite3

from cli_process import yibao


def test_clerk_add_and_audit_verify(empty_database):
    """init by the owner, the accounts and the check as the app role."""
    owner, db_url = empty_database.owner, empty_database.app
    assert yibao("init", "--db", owner, "--region", "demo").returncode == 0  # 1 event
    add = yibao("clerk", "add", "--db", db_url, "--username", "zhang_clerk", "--name", "张经办",
                "--role", "supervisor", "--password-stdin", stdin="s3cret-pass\n")
    assert add.returncode == 0 and add.stdout.strip() == "已添加账号 zhang_clerk（张经办，审核员）"
    dup = yibao("clerk", "add", "--db", db_url, "--username", "zhang_clerk",
                "--password-stdin", stdin="s3cret-pass\n")
    assert dup.returncode == 2 and "已存在" in dup.stderr
    ok = yibao("audit", "verify", "--db", db_url)
    assert ok.returncode == 0 and "审计链完好：共2条记录" in ok.stdout


def test_audit_verify_fails_on_tampering(tmp_path):
    url = f"sqlite:///{tmp_path}/a.db"
    assert yibao("init", "--db", url, "--region", "demo").returncode == 0
    for name in ("aaa_1", "bbb_2"):
        yibao("clerk", "add", "--db", url, "--username", name, "--password-stdin",
              stdin="password-1\n")
    con = sqlite3.connect(tmp_path / "a.db")
    con.execute("DROP TRIGGER audit_event_no_update")  # as a tamperer would
    con.execute("UPDATE audit_event SET reason = 'x' WHERE seq = 1")
    con.commit()
    con.close()
    bad = yibao("audit", "verify", "--db", url)
    assert bad.returncode == 1 and "第1条审计记录内容被改动" in bad.stderr
