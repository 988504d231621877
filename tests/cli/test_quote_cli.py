"""`yibao quote`: the JSON contract (keys, yuan strings, ISO dates) and the text form."""

import json

from cli_process import yibao

ALLOWED_KEYS = ["policy", "case", "allowed", "rate", "gross", "subsidy", "subsidy_category",
                "payable", "benefit_start", "benefit_end", "clauses"]
# Issue 11: every quote names its benefit year, carries the repaid years it charges as
# lines of their own, and the citations apart from the rendered clauses.
ISSUE_11_KEYS = ["benefit_year", "charges", "citations"]
# ... and the visit: every benefit year it pays for (oldest first), and the sum.
VISIT_KEYS = ["years", "total_payable"]


def test_quote_json_keys_and_yuan_strings():
    out = yibao("quote", "--policy", "dongzhi-2021", "--case", "regular", "--on", "2020-11-11",
                "--identity", "retired_fisher", "--identity", "minimum_living", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    # no waiting rules here: no key for it
    assert list(data) == ALLOWED_KEYS + ISSUE_11_KEYS + VISIT_KEYS
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
    assert list(data) == ["policy", "case", "allowed", "reason", "clauses", *ISSUE_11_KEYS,
                          *VISIT_KEYS]
    assert data["allowed"] is False and "1日至25日" in data["reason"]


def test_quote_waiting_months_in_json():
    out = yibao("quote", "--policy", "demo-2027", "--case", "regular", "--on", "2026-11-22",
                "--missed-years", "2", "--json")
    data = json.loads(out.stdout)
    assert list(data) == [*ALLOWED_KEYS[:-1], "waiting_months", "clauses", *ISSUE_11_KEYS,
                          *VISIT_KEYS]
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


def test_a_baby_born_before_the_benefit_year_is_quoted_for_both_years():
    out = yibao("quote", "--policy", "demo-2027", "--case", "newborn", "--on", "2026-12-01",
                "--birth", "2026-11-20", "--json")
    data = json.loads(out.stdout)
    assert data["benefit_year"] == 2027 and data["total_payable"] == "800.00"
    birth_year, coming = data["years"]
    assert (birth_year["policy"], birth_year["benefit_year"]) == ("demo-2026", 2026)
    assert (birth_year["benefit_start"], birth_year["benefit_end"]) == ("2026-11-20",
                                                                         "2026-12-31")
    assert birth_year["payable"] == "400.00"
    assert coming == {k: v for k, v in data.items() if k not in VISIT_KEYS}
    assert coming["benefit_start"] == "2027-01-01"

    text = yibao("quote", "--policy", "demo-2027", "--case", "newborn", "--on", "2026-12-01",
                 "--birth", "2026-11-20").stdout.splitlines()
    assert "2026年度（demo-2026）：" in text and "2027年度（demo-2027）：" in text
    assert "  待遇期：2026-11-20 至 2026-12-31" in text
    assert text[-1] == "合计个人实缴 800.00 元"


def test_a_single_year_is_a_list_of_one_and_repaid_years_are_lines_of_their_own():
    args = ("quote", "--policy", "demo-2027", "--case", "regular", "--on", "2026-10-01",
            "--missed-years", "3", "--repaid-years", "2")
    data = json.loads(yibao(*args, "--json").stdout)
    assert len(data["years"]) == 1 and data["total_payable"] == data["payable"] == "1200.00"
    assert [(c["year"], c["amount"]) for c in data["charges"]] == [(2025, "400.00"),
                                                                    (2026, "400.00")]
    text = yibao(*args).stdout.splitlines()
    assert "按个人缴费标准：应缴 400.00 元，资助 0.00 元，个人实缴 400.00 元" in text
    assert "补缴2025年度：400.00 元" in text and "补缴2026年度：400.00 元" in text
    assert text[-1] == "合计个人实缴 1200.00 元"


def test_an_unborn_baby_is_covered_from_the_actual_birth():
    out = yibao("quote", "--policy", "dongzhi-2021", "--case", "unborn", "--on", "2020-12-01",
                "--birth", "2021-03-15")
    assert "待遇期：自实际出生之日起（出生后更正登记时确定）至 2021-12-31" in out.stdout
    assert "None" not in out.stdout
    data = json.loads(yibao("quote", "--policy", "dongzhi-2021", "--case", "unborn", "--on",
                            "2020-12-01", "--birth", "2021-03-15", "--json").stdout)
    assert data["benefit_start"] is None and data["payable"] == "280.00"
