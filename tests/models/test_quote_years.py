"""Issue 11 at the quote engine: every `yibao quote` line of the issue is a row here, with
the answer its seed gives, and the boundaries around it.

Amounts are integer fen. `years` is what `quote_years` answers, oldest first: the year
of the birth (or of the event) on that year's policy, then the year asked for.
"""

import datetime as dt

import pytest

from models.core.errors import DomainError
from models.paths import POLICIES
from models.rules.policy import load_policy, load_policy_id, policies_for_region
from models.rules.quote import quote, start_for_actual_birth
from models.rules.quote_years import quote_years
from models.rules.refund import check_refund, refund_deadline

D = dt.date.fromisoformat


def years(policy_id, case, on, **kw):
    policy = load_policy_id(policy_id)
    kw = {k: (D(v) if k in ("birth", "event") else v) for k, v in kw.items()}
    return quote_years(policy, case, D(on), **kw, region_policies=policies_for_region(
        policy.region_code, policy.region_name))


def words(policy_id, key):
    """The seed's words (or the file's reading) of one rule, as the clerk reads them."""
    policy = load_policy_id(policy_id)
    rule = {"window": policy.window, "regular": policy.cases["regular"]}.get(key) \
        or policy.cases[key]
    return rule.clause


# Point 1 and point 2. (policy, case, on, dates, [(year, allowed, payable, start, end)],
# the seed's words the row checks)
YEARS = [
    # The first example: a baby born before the benefit year loses no cover.
    ("demo-2027", "newborn", "2026-12-01", {"birth": "2026-11-20"},
     [(2026, True, 40000, "2026-11-20", "2026-12-31"), (2027, True, 40000, "2027-01-01",
                                                         "2027-12-31")],
     "demo: from birth in the birth year (demo-2026), the coming year on the window's terms"),
    ("yanling-2021", "newborn", "2020-12-01", {"birth": "2020-11-20"},
     [(2020, False, 0, None, None), (2021, True, 28000, "2021-01-01", "2021-12-31")],
     "000 五、「按当年度…个人缴费标准…自出生之日起享受医疗保险待遇」: 2020 is the birth "
     "year's, which has no policy file; 2021 in the window at 280"),
    ("lengshi-2024", "newborn", "2023-12-01", {"birth": "2023-11-20"},
     [(2023, False, 0, None, None), (2024, True, 38000, "2024-01-01", "2024-12-31")],
     "002 三（一）「自出生之日所发生的合规医疗费用」 are 2023's; 2024 in the window at 380"),
    ("lengshi-2024", "newborn", "2020-12-01", {"birth": "2020-11-20"},
     [(2020, False, 0, None, None), (2024, False, 0, None, None)],
     "the issue's 2020 dates under lengshi-2024: before its window (2023-09-01)"),
    ("dongzhi-2021", "newborn", "2020-12-01", {"birth": "2020-11-20"},
     [(2020, False, 0, None, None), (2021, True, 28000, "2021-01-01", "2021-12-31")],
     "003 三（四）「自出生之日起享受当年城乡居民医保待遇」"),
    ("yangcheng-2021", "newborn", "2020-12-01", {"birth": "2020-11-20"},
     [(2020, False, 0, None, None), (2021, True, 28000, "2021-01-01", "2021-12-31")],
     "004 二（七）「新生儿出生当年…当年不缴费」: 2021 is not the birth year; regular 280"),
    # Born on 15 December, brought on 10 January within its 90 days: the birth year is
    # accepted though it has ended; 2027 follows without a gap and without a wait.
    ("demo-2027", "newborn", "2027-01-10", {"birth": "2026-12-15"},
     [(2026, True, 40000, "2026-12-15", "2026-12-31"), (2027, True, 40000, "2027-01-01",
                                                         "2027-12-31")],
     "demo: within 90 days of birth (day 26)"),
    ("demo-2026", "newborn", "2027-03-15", {"birth": "2026-12-15"},
     [(2026, True, 40000, "2026-12-15", "2026-12-31")], "day 90: still the birth year's"),
    ("demo-2026", "newborn", "2027-03-16", {"birth": "2026-12-15"},
     [(2026, False, 0, None, None)], "day 91: past the 90 days and the year has ended"),
    ("demo-2026", "newborn", "2026-12-31", {"birth": "2026-12-15"},
     [(2026, True, 40000, "2026-12-15", "2026-12-31")], "born and brought in the same year"),
    # Point 2: the full financing rate only for those who missed the window.
    ("yanling-2021", "newborn", "2020-11-01", {"birth": "2020-06-01"},
     [(2020, False, 0, None, None), (2021, True, 28000, "2021-01-01", "2021-12-31")],
     "000 五、the full rate is for those 「未能在统筹地规定时间内办理参保缴费手续的」: "
     "in the window, 280 for 2021, not 830"),
    ("lengshi-2024", "newborn", "2023-11-01", {"birth": "2023-06-01"},
     [(2023, False, 0, None, None), (2024, True, 38000, "2024-01-01", "2024-12-31")],
     "002 三（一）「未能在统筹地区规定时间内办理参保缴费手续的」: 380, not 1020"),
    ("lengshi-2024", "employee_lapse", "2023-11-01", {"event": "2023-05-01"},
     [(2023, False, 0, None, None), (2024, True, 38000, "2024-01-01", "2024-12-31")],
     "002 三（一）: a lapse past 90 days, inside the window, enrolls as everyone does: 380"),
    ("lengshi-2024", "employee_lapse", "2023-11-01", {"event": "2023-10-01"},
     [(2023, False, 0, None, None), (2024, True, 38000, "2024-01-01", "2024-12-31")],
     "002 三（一）「自职工医保断保之日起」 is 2023's cover; 2024 in the window"),
    # Past the window they did miss it: the full rate stays.
    ("yanling-2021", "newborn", "2021-01-05", {"birth": "2020-06-01"},
     [(2020, False, 0, None, None), (2021, True, 83000, "2021-02-01", "2021-12-31")],
     "000 五、「新生儿未在90天内参保缴费」 after the window: 筹资标准, from the next month"),
    ("lengshi-2024", "employee_lapse", "2024-01-05", {"event": "2023-05-01"},
     [(2023, False, 0, None, None), (2024, True, 102000, "2024-02-04", "2024-12-31")],
     "002 三（一）「从缴费到账之日起30日后」"),
    ("yanling-2021", "newborn", "2021-02-20", {"birth": "2020-12-20"},
     [(2020, False, 0, None, None), (2021, True, 28000, "2021-01-01", "2021-12-31")],
     "000 五、within 90 days after the window: the newborn rule, 2021 from its first day"),
    # A baby born in the benefit year is one year, as before.
    ("yanling-2021", "newborn", "2021-04-01", {"birth": "2021-01-01"},
     [(2021, True, 28000, "2021-01-01", "2021-12-31")], "000 五、出生90日内 (day 90)"),
]


@pytest.mark.parametrize(("policy", "case", "on", "kw", "expected", "cited"), YEARS,
                         ids=[f"{r[0]}-{r[1]}-{r[2]}" for r in YEARS])
def test_each_year_a_visit_pays_for(policy, case, on, kw, expected, cited):
    answer = years(policy, case, on, **kw)
    got = [(q.benefit_year, q.allowed, q.payable,
            q.benefit_start.isoformat() if q.benefit_start else None,
            q.benefit_end.isoformat() if q.benefit_end else None) for q in answer.years]
    assert got == expected, [q.reason for q in answer.years]
    assert answer.total_payable == sum(row[2] for row in expected)
    assert all(isinstance(q.payable, int) for q in answer.years)
    for q in answer.years:
        assert q.clauses and (q.allowed or q.reason)


def test_the_coming_year_cites_the_window_not_the_from_birth_rule():
    answer = years("demo-2027", "newborn", "2026-12-01", birth="2026-11-20")
    birth_year, coming = answer.years
    assert birth_year.policy == "demo-2026"
    assert words("demo-2026", "newborn") in birth_year.clauses
    assert words("demo-2027", "regular") in coming.clauses
    assert words("demo-2027", "newborn") not in coming.clauses
    assert coming.case == "newborn" and answer.requested is coming
    # The seed counties: the window's words, never 「自出生之日起」 for the coming year.
    for policy_id, on, birth in (("yanling-2021", "2020-12-01", "2020-11-20"),
                                 ("lengshi-2024", "2023-12-01", "2023-11-20"),
                                 ("dongzhi-2021", "2020-12-01", "2020-11-20")):
        coming = years(policy_id, "newborn", on, birth=birth).requested
        assert coming.allowed and coming.benefit_start == load_policy_id(policy_id).benefit_start
        assert words(policy_id, "regular") in coming.clauses
        assert words(policy_id, "newborn") not in coming.clauses
        assert not any("自出生之日" in c for c in coming.clauses[1:]), coming.clauses


def test_a_birth_year_without_its_policy_file_says_so():
    birth_year = years("yanling-2021", "newborn", "2020-12-01", birth="2020-11-20").years[0]
    assert not birth_year.allowed and birth_year.policy == ""
    assert "没有湖南省株洲市炎陵县2020年度的政策文件" in birth_year.reason
    assert words("yanling-2021", "newborn") in birth_year.clauses


def test_a_single_year_is_a_list_of_one():
    answer = years("dongzhi-2021", "regular", "2020-11-11", identities=["minimum_living"])
    assert len(answer.years) == 1 and answer.requested.payable == 3000
    assert answer.total_payable == 3000


def test_the_birth_year_alone_accepts_a_payment_after_it_ended():
    """Asked on demo-2026 directly: a baby of 15 December brought on 10 January."""
    result = quote(load_policy_id("demo-2026"), "newborn", D("2027-01-10"), birth=D("2026-12-15"))
    assert result.allowed and result.benefit_start == D("2026-12-15")
    assert any("2026年度已结束" in c for c in result.clauses)
    # Not for a case without a deadline counted from the event: the year is over.
    late = quote(load_policy_id("demo-2026"), "welfare_child", D("2027-01-10"),
                 event=D("2026-12-15"))
    assert not late.allowed and "已过待遇期结束" in late.reason


# Point 3, demo-2027 (国办发〔2024〕38号 as the demo reads it): each missed year paid back
# shortens the wait by a month and costs the current individual rate, on a line of its own.
# (missed, repaid, waiting months, benefit start, [(year, fen)], payable)
REPAID = [
    (3, 2, 3, "2027-04-01", [(2025, 40000), (2026, 40000)], 120000),  # the example
    (3, 0, 5, "2027-06-01", [], 40000),
    (3, 1, 4, "2027-05-01", [(2026, 40000)], 80000),
    (3, 3, 3, "2027-04-01", [(2024, 40000), (2025, 40000), (2026, 40000)], 160000),
    (5, 3, 6, "2027-07-01", [(2024, 40000), (2025, 40000), (2026, 40000)], 160000),  # ≥ 6
]


@pytest.mark.parametrize(("missed", "repaid", "months", "start", "charges", "payable"), REPAID)
def test_repaid_years_are_paid_for(missed, repaid, months, start, charges, payable):
    result = quote(load_policy_id("demo-2027"), "regular", D("2026-10-01"),
                   missed_years=missed, repaid_years=repaid)
    assert result.allowed and result.waiting_months == months
    assert result.benefit_start == D(start)
    assert [(c.year, c.amount) for c in result.charges] == charges
    assert all(c.kind == "repaid_year" and "国办发〔2024〕38号" in c.clause
               for c in result.charges)
    assert (result.gross, result.payable) == (40000, payable)


def test_a_file_may_set_the_rate_of_a_repaid_year(tmp_path):
    text = (POLICIES / "demo-2027.toml").read_text(encoding="utf-8").replace(
        'outside_window_counts_from = "payment"\n',
        'outside_window_counts_from = "payment"\nrepaid_rates = { 2025 = 380 }\n')
    path = tmp_path / "demo-2027.toml"
    path.write_text(text, encoding="utf-8")
    result = quote(load_policy(path), "regular", D("2026-10-01"), missed_years=3,
                   repaid_years=2)
    assert [(c.year, c.amount) for c in result.charges] == [(2025, 38000), (2026, 40000)]
    assert result.payable == 40000 + 38000 + 40000


def test_repaid_years_without_waiting_rules_are_refused():
    with pytest.raises(DomainError, match="没有断保补缴的规定"):
        quote(load_policy_id("yanling-2021"), "regular", D("2020-11-01"), missed_years=2,
              repaid_years=1)


# Point 4, seed 003 三（三）「预产期在2021年度的孕妇可为未出生婴儿提前缴纳2021年参保金」 and
# 四（一）「出生后凭出生医学证明或户口簿进行更改」: covered from the actual birth.
def test_dongzhi_unborn_is_covered_from_the_actual_birth_not_the_due_date():
    result = quote(load_policy_id("dongzhi-2021"), "unborn", D("2020-12-01"),
                   birth=D("2021-03-15"))
    assert result.allowed and result.payable == 28000
    assert result.benefit_start is None and result.start_on_birth
    assert any("实际出生之日" in c for c in result.clauses)
    assert any("宝宝" in "".join(c.quote) for c in result.citations)


@pytest.mark.parametrize(("birth", "start"), [
    ("2021-03-02", "2021-03-02"),  # born before the due date: from that day
    ("2021-04-30", "2021-04-30"),  # after it
    ("2020-12-28", "2021-01-01"),  # born before the year: 2021 from its first day
])
def test_the_correction_after_birth_sets_the_start(birth, start):
    assert start_for_actual_birth(load_policy_id("dongzhi-2021"), D(birth)) == D(start)


def test_a_birth_after_the_prepaid_year_cannot_use_it():
    with pytest.raises(DomainError, match="晚于2021年度"):
        start_for_actual_birth(load_policy_id("dongzhi-2021"), D("2022-01-02"))


# Point 6, seed 004 二（六）「且必须要在集中征缴期内及时申请」.
@pytest.mark.parametrize(("on", "allowed", "fragment"), [
    ("2020-09-01", True, None),
    ("2020-12-25", True, None),  # the window's last day
    ("2020-10-28", True, None),  # the 1–25 rule is for paying, not for applying
    ("2020-12-26", False, "2020-12-25"),
    ("2020-08-31", False, "早于2021年度集中缴费期开始"),
])
def test_yangcheng_refunds_only_within_the_window(on, allowed, fragment):
    answer = check_refund(load_policy_id("yangcheng-2021"), D(on))
    assert answer.allowed is allowed and answer.until == D("2020-12-25")
    assert fragment is None or fragment in answer.reason
    assert any("集中征缴期内及时申请" in c for c in answer.clauses)


def test_a_file_without_a_refund_rule_sets_no_deadline():
    policy = load_policy_id("yanling-2021")
    answer = check_refund(policy, D("2021-06-01"))
    assert answer.allowed and answer.until is None and refund_deadline(policy) is None
    assert "未规定退费申请期限" in answer.clauses[0]
