"""The `yibao` command as a user runs it: a real process, real files, exit codes, stderr."""

import json
import subprocess
import sys

import pytest

TODAY = "2026-11-22"


def yibao(*args, stdin=None, env_today=True):
    cmd = [sys.executable, "-m", "tui.cli", *args]
    if env_today:
        cmd += ["--today", TODAY] if args and args[0] not in ("clerk", "audit") else []
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=120)


@pytest.fixture
def county_url(db_url, tmp_path):
    assert yibao("init", "--db", db_url, "--region", "lengshi-2024").returncode == 0
    done = yibao("generate", "--db", db_url, "--people", "2000", "--seed", "9",
                 "--duplicates", "0.02", "--truth", str(tmp_path / "truth.csv"))
    assert done.returncode == 0, done.stderr
    return db_url


def test_init_and_generate_report_in_chinese(db_url, tmp_path):
    init = yibao("init", "--db", db_url, "--region", "lengshi-2024")
    assert init.returncode == 0 and "冷市镇" in init.stdout and "18个村" in init.stdout
    again = yibao("init", "--db", db_url, "--region", "lengshi-2024")
    assert again.returncode == 0 and "已载入" in again.stdout
    gen = yibao("generate", "--db", db_url, "--people", "500", "--seed", "1",
                "--duplicates", "0.02", "--truth", str(tmp_path / "t.csv"))
    assert gen.returncode == 0
    assert "已生成500人" in gen.stderr and "生成人员" in gen.stderr  # the progress bar
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").startswith("kind,original_id")


def test_lookup_json_and_stdin(county_url):
    out = yibao("lookup", "wang", "--db", county_url, "--json", "--limit", "5")
    assert out.returncode == 0, out.stderr
    page = json.loads(out.stdout)
    assert page["kinds"] == ["initials", "pinyin"] and len(page["results"]) == 5
    first = page["results"][0]
    assert set(first) >= {"id", "name", "masked_id", "gender", "age", "village", "hukou_no",
                          "status", "merged_into"}
    assert first["birth_date"][4] == "-"
    lines = yibao("lookup", "--stdin", "--db", county_url,
                  stdin=f"{first['id_number'] or first['name']}\n123\n王\n")
    assert lines.returncode == 0
    answers = [json.loads(line) for line in lines.stdout.splitlines()]
    assert len(answers) == 3
    assert answers[0]["results"][0]["id"] == first["id"]
    assert "至少输入后6位" in answers[1]["error"]
    assert all(r["name"].startswith("王") for r in answers[2]["results"])


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["lookup", "12", "--db", "{url}"], "至少输入后6位"),
        (["lookup", "!!", "--db", "{url}"], "无法识别"),
        (["lookup", "王", "--db", "mysql://nowhere/x"], "数据库地址不对"),
        (["init", "--db", "{url}", "--region", "nowhere"], "找不到区域文件"),
        (["generate", "--db", "{url}", "--people", "0"], "人数必须是正整数"),
        (["lookup", "王", "--db", "{url}", "--today", "2026-13-01"], "日期格式不对"),
    ],
)
def test_bad_input_is_a_message_and_nonzero_exit(county_url, args, fragment):
    result = yibao(*[a.replace("{url}", county_url) for a in args], env_today=False)
    assert result.returncode != 0
    assert fragment in result.stderr and "Traceback" not in result.stderr


def test_lookup_on_a_missing_database_file(tmp_path):
    result = yibao("lookup", "王", "--db", f"sqlite:///{tmp_path}/none.db")
    assert result.returncode == 2 and "尚未初始化" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_clerk_add_and_audit_verify(db_url):
    add = yibao("clerk", "add", "--db", db_url, "--username", "zhang_clerk", "--name", "张经办",
                "--role", "supervisor", "--password-stdin", stdin="s3cret-pass\n")
    assert add.returncode == 0 and "zhang_clerk" in add.stdout
    dup = yibao("clerk", "add", "--db", db_url, "--username", "zhang_clerk",
                "--password-stdin", stdin="s3cret-pass\n")
    assert dup.returncode == 2 and "已存在" in dup.stderr
    ok = yibao("audit", "verify", "--db", db_url)
    assert ok.returncode == 0 and "审计链完好：共1条记录" in ok.stdout


def test_audit_verify_fails_on_tampering(tmp_path):
    url = f"sqlite:///{tmp_path}/a.db"
    for name in ("aaa_1", "bbb_2"):
        yibao("clerk", "add", "--db", url, "--username", name, "--password-stdin",
              stdin="password-1\n")
    import sqlite3

    con = sqlite3.connect(tmp_path / "a.db")
    con.execute("DROP TRIGGER audit_event_no_update")  # as a tamperer would
    con.execute("UPDATE audit_event SET reason = 'x' WHERE seq = 1")
    con.commit()
    con.close()
    bad = yibao("audit", "verify", "--db", url)
    assert bad.returncode == 1 and "第1条审计记录内容被改动" in bad.stderr
