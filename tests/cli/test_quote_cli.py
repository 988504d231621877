"""`yibao quote`: the JSON contract (keys, yuan strings, ISO dates) and the text form."""

import json

from cli_process import yibao

ALLOWED_KEYS = ["policy", "case", "allowed", "rate", "gross", "subsidy", "subsidy_category",
                "payable", "benefit_start", "benefit_end", "clauses"]
# Issue 11: every quote names its benefit year, carries the repaid years it charges as
# lines of their own, and the citations apart from the rendered clauses.
ISSUE_11_KEYS = ["benefit_year", "charges", "citations"]


def test_quote_json_keys_and_yuan_strings():
    out = yibao("quote", "--policy", "dongzhi-2021", "--case", "regular", "--on", "2020-11-11",
                "--identity", "retired_fisher", "--identity", "minimum_living", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert list(data) == ALLOWED_KEYS + ISSUE_11_KEYS  # no waiting rules here: no key for it
    assert data["policy"] == "dongzhi-2021" and data["case"] == "regular"
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
    assert list(data) == ["policy", "case", "allowed", "reason", "clauses", *ISSUE_11_KEYS]
    assert data["allowed"] is False and "1日至25日" in data["reason"]


def test_quote_waiting_months_in_json():
    out = yibao("quote", "--policy", "demo-2027", "--case", "regular", "--on", "2026-11-22",
                "--missed-years", "2", "--json")
    data = json.loads(out.stdout)
    assert list(data) == [*ALLOWED_KEYS[:-1], "waiting_months", "clauses", *ISSUE_11_KEYS]
    assert data["waiting_months"] == 4 and data["benefit_start"] == "2027-05-01"
    assert (data["gross"], data["payable"]) == ("400.00", "400.00")


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
