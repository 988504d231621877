import json
import subprocess
import sys

from models.paths import POLICIES

DEMO = POLICIES / "demo-2027.toml"


def yibao(*args):
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True,
                          text=True, timeout=60)


def test_quote_json_keys_and_yuan_strings():
    out = yibao("quote", "--policy", "dongzhi-2021", "--case", "regular", "--on", "2020-11-11",
                "--identity", "retired_fisher", "--identity", "minimum_living", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["allowed"] is True and data["rate"] == "individual"
    assert (data["gross"], data["subsidy"], data["payable"]) == ("280.00", "250.00", "30.00")
    assert data["subsidy_category"] == "minimum_living"
    assert (data["benefit_start"], data["benefit_end"]) == ("2021-01-01", "2021-12-31")
    assert any("250元" in c for c in data["clauses"])


def test_quote_not_allowed_is_an_answer_with_exit_zero():
    out = yibao("quote", "--policy", "yangcheng-2021", "--case", "regular", "--on", "2020-10-26",
                "--json")
    assert out.returncode == 0
    data = json.loads(out.stdout)
    assert data["allowed"] is False and "1日至25日" in data["reason"]


def test_quote_waiting_months_in_json():
    out = yibao("quote", "--policy", "demo-2027", "--case", "regular", "--on", "2026-11-22",
                "--missed-years", "2", "--json")
    data = json.loads(out.stdout)
    assert data["waiting_months"] == 4 and data["benefit_start"] == "2027-05-01"


def test_quote_text_output_in_chinese():
    out = yibao("quote", "--policy", "lengshi-2024", "--case", "newborn", "--on", "2024-06-11",
                "--birth", "2024-03-12")
    assert out.returncode == 0
    assert "个人实缴 1020.00 元" in out.stdout and "依据：" in out.stdout


def test_quote_bad_input_exits_nonzero_without_traceback():
    for args, fragment in (
        (["--policy", "nowhere", "--case", "regular", "--on", "2020-11-11"], "没有这个政策文件"),
        (["--policy", "demo-2027", "--case", "picnic", "--on", "2026-11-11"], "未知的情形"),
        (["--policy", "demo-2027", "--case", "regular", "--on", "2026-11-11", "--identity",
          "vip"], "未知的身份属性"),
        (["--policy", "demo-2027", "--case", "regular", "--on", "2026-02-30"], "日期无效"),
        (["--policy", "demo-2027", "--case", "newborn", "--on", "2026-11-11"], "需要出生日期"),
    ):
        out = yibao("quote", *args)
        assert out.returncode != 0 and fragment in out.stderr
        assert "Traceback" not in out.stderr


def test_policy_list_check_show(tmp_path):
    listed = yibao("policy", "list")
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 8
    assert "demo-2027" in listed.stdout and "（演示）" in listed.stdout
    shown = json.loads(yibao("policy", "show", "lengshi-2024", "--json").stdout)
    assert shown["individual_rate"] == "380.00" and shown["fiscal_subsidy"] == "640.00"
    assert shown["cases"]["newborn"]["late"]["rate"] == "full"
    good = yibao("policy", "check", str(DEMO))
    assert good.returncode == 0 and "校验通过" in good.stdout
    bad = tmp_path / "demo-2027.toml"
    bad.write_text(DEMO.read_text(encoding="utf-8")
                   .replace("fixed_months = 3", "fixed_months = 3\nfixed_weeks = 1"),
                   encoding="utf-8")
    refused = yibao("policy", "check", str(bad))
    assert refused.returncode == 2 and "waiting.fixed_weeks" in refused.stderr
    assert "未知的键" in refused.stderr and "Traceback" not in refused.stderr
