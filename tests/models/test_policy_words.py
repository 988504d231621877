"""Words that are the seed's, and words that are ours (issue 11, point 5; point 7).

Every non-empty `quote` in a policy file must stand in its seed as written (whitespace
aside: the seeds break lines inside sentences). A file names its seed in `sources`
("seed 000"); a file without a seed (the demo) may quote nothing. The seeds are the
public notices in the project's shared folder (`YIBAO_SEEDS`, else ../shared/seeds
beside the checkout); they stay out of the repository because they carry real names
and telephone numbers.

So that a checkout without them (CI) still notices an edited quotation, every quote
checked against its seed is recorded in tests/models/seed_quotes.txt (policy, key and
the SHA-256 of its words): the ledger must match the files exactly. With the seeds at
hand the words are checked in them first; `YIBAO_UPDATE_SEED_LEDGER=1` then rewrites the
ledger.
"""

import hashlib
import os
import re
from pathlib import Path

import pytest

from models.paths import POLICIES
from models.rules.citation import Citation
from models.rules.policy import list_policies, load_policy, load_policy_id

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("YIBAO_SEEDS") or ROOT.parent / "shared" / "seeds")
LEDGER = Path(__file__).with_name("seed_quotes.txt")
SEED_OF = {"yanling-2021": "000", "chaqi-2021": "001", "lengshi-2024": "002",
           "dongzhi-2021": "003", "yangcheng-2021": "004"}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def seed_text(number: str) -> str:
    found = sorted(SEEDS.glob(f"{number}_*.txt"))
    assert found, f"seed {number} not found in {SEEDS} (set YIBAO_SEEDS)"
    return squeeze(found[0].read_text(encoding="utf-8"))


def citations(policy):
    """Every rule's citation, with the key it sits under."""
    yield "rates.individual", policy.individual_citation
    yield "rates.fiscal_subsidy", policy.fiscal_subsidy_citation
    yield "window", policy.window.citation
    yield "benefit", policy.benefit_citation
    yield "subsidies", policy.combine_citation
    for code, rule in policy.cases.items():
        yield f"cases.{code}", rule.citation
        for key in ("late", "outside_window"):
            if getattr(rule, key) is not None:
                yield f"cases.{code}.{key}", getattr(rule, key).citation
    for code, rule in policy.subsidies.items():
        yield f"subsidies.categories.{code}", rule.citation
    if policy.waiting:
        yield "waiting", policy.waiting.citation
    if policy.refund:
        yield "refund", policy.refund.citation


def test_each_seed_policy_names_its_seed_in_sources():
    for policy in list_policies():
        named = {m for s in policy.sources for m in re.findall(r"seed (\d{3})", s)}
        assert named == ({SEED_OF[policy.id]} if policy.id in SEED_OF else set()), policy.id


def quoted_pieces() -> list[tuple[str, str, str]]:
    """(policy, key, words) for every quotation in the seed counties' files."""
    return [(policy_id, key, piece) for policy_id in sorted(SEED_OF)
            for key, citation in citations(load_policy_id(policy_id))
            for piece in citation.quote]


def ledger_lines(pieces) -> list[str]:
    return sorted(f"{policy_id}\t{key}\t{hashlib.sha256(squeeze(piece).encode()).hexdigest()}"
                  for policy_id, key, piece in pieces)


def test_every_quote_stands_in_its_seed_as_written():
    pieces = quoted_pieces()
    for policy_id in SEED_OF:
        assert sum(1 for p in pieces if p[0] == policy_id) >= 10, policy_id
    if SEEDS.is_dir():
        seeds = {policy_id: seed_text(number) for policy_id, number in SEED_OF.items()}
        for policy_id, key, piece in pieces:
            assert squeeze(piece) in seeds[policy_id], \
                f"{policy_id} {key}: 「{piece}」 is not in the seed"
        if os.environ.get("YIBAO_UPDATE_SEED_LEDGER"):
            LEDGER.write_text("\n".join(ledger_lines(pieces)) + "\n", encoding="utf-8")
    recorded = LEDGER.read_text(encoding="utf-8").split("\n")[:-1]
    assert ledger_lines(pieces) == recorded, (
        "a quotation changed since it was checked against its seed: check it with the seeds "
        "at hand and YIBAO_UPDATE_SEED_LEDGER=1")


def test_the_ledger_notices_an_edited_quote():
    pieces = quoted_pieces()
    policy_id, key, piece = pieces[0]
    edited = [(policy_id, key, piece + "等"), *pieces[1:]]
    assert ledger_lines(edited) != ledger_lines(pieces)


def test_a_file_without_a_seed_quotes_nothing():
    for policy in list_policies():
        if policy.id in SEED_OF:
            continue
        assert policy.demo
        for key, citation in citations(policy):
            assert not citation.quote, f"{policy.id} {key} quotes words it has no seed for"
            assert citation.assumption and citation.because, (policy.id, key)


# The clauses issue 11 found dressed as quotations: each is now an assumption, with its
# reason, or the seed's words.
NOT_IN_THE_SEED = [
    ("dongzhi-2021", "subsidies", "多重身份按最高一项资助"),  # seed 003 is silent
    ("yangcheng-2021", "subsidies", "多重身份按最高一项资助"),  # seed 004 is silent
    ("yanling-2021", "benefit", "2021年1月1日至12月31日"),
    ("chaqi-2021", "benefit", "2021年1月1日至12月31日"),
    ("dongzhi-2021", "benefit", "2021年1月1日至12月31日"),
    ("lengshi-2024", "cases.welfare_child", "按个人缴费标准"),
]


@pytest.mark.parametrize(("policy_id", "key", "words"), NOT_IN_THE_SEED)
def test_words_the_seed_does_not_say_are_marked_as_assumptions(policy_id, key, words):
    policy = load_policy_id(policy_id)
    citation = dict(citations(policy))[key]
    assert words not in "".join(citation.quote)
    assert words in citation.assumption and citation.because
    assert "〔本文件的假定" in citation.text  # the clerk sees it as one


def test_demo_clauses_no_longer_put_specifics_in_the_national_notices_mouth():
    for policy_id in ("demo-2026", "demo-2027"):
        policy = load_policy_id(policy_id)
        for key, citation in citations(policy):
            assert not citation.text.startswith("国办发"), (policy_id, key)
        assert "国办发〔2024〕38号" in policy.waiting.citation.because


def test_combination_rule_decides_money_in_dongzhi():
    """低保 + 退捕渔民: 30 under "highest" (the file's assumption), 0 if added up."""
    from datetime import date

    from models.rules.quote import quote

    result = quote(load_policy_id("dongzhi-2021"), "regular", date(2020, 11, 11),
                   identities=["minimum_living", "retired_fisher"])
    assert result.payable == 3000
    assert any(c.assumed and "最高一项" in c.assumption for c in result.assumptions)
    assert any("〔本文件的假定" in c and "最高一项" in c for c in result.clauses)


def test_citation_text_marks_an_assumption_as_one():
    quoted = Citation("五", ("自出生之日起享受医疗保险待遇",))
    assert quoted.text == "五「自出生之日起享受医疗保险待遇」" and not quoted.assumed
    both = Citation("五", ("甲", "乙"), "丙", "丁")
    assert both.text == "五「甲……乙」；〔本文件的假定，非原文〕丙（理由：丁）"
    silent = Citation("", (), "丙", "丁")
    assert silent.text == "〔本文件的假定，非原文〕丙（理由：丁）" and silent.assumed


BASE = (POLICIES / "chaqi-2021.toml").read_text(encoding="utf-8")
WINDOW_QUOTE = 'quote = "2021年度参保缴费期原则上为2020年9月1日至2020年12月31日"'


@pytest.mark.parametrize(
    ("edit", "key", "fragment"),
    [
        (lambda s: s.replace(WINDOW_QUOTE + "\n", "", 1),
         "window.quote", "每条规定都要有 quote"),
        (lambda s: s.replace('ref = "二（三）缴费时间"\n', 'clause = "二（三）"\n', 1),
         "window.clause", "clause 已拆为 quote"),
        (lambda s: s.replace('[window]\n', '[window]\nassumption = "甲"\n', 1),
         "window.because", "须用 because 写明理由"),
        (lambda s: s.replace(WINDOW_QUOTE, 'quote = ""', 1),
         "window.assumption", "须用 assumption 写明本文件的假定"),
        (lambda s: s.replace('[window]\n', '[window]\nbecause = "甲"\n', 1),
         "window.assumption", "有 because 时须写明 assumption"),
        (lambda s: s.replace(WINDOW_QUOTE, 'quote = ["甲", ""]', 1),
         "window.quote", "每段都不能为空"),
        (lambda s: s.replace("start = 2020-09-01", "start = 2019-09-01", 1),
         "window.start", "2021年度的集中缴费期应在2020年开始"),
        (lambda s: s + '\n[refund]\nuntil = "never"\nquote = "甲"\n', "refund.until",
         "应为 window_end"),
    ],
)
def test_rules_without_their_words_are_refused(tmp_path, edit, key, fragment):
    path = tmp_path / "chaqi-2021.toml"
    text = edit(BASE)
    assert text != BASE
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Exception) as e:
        load_policy(path)
    message = e.value.message
    assert f"键 {key}：" in message and fragment in message, message
    assert "第-行" not in message


# Point 7: a notice issued in year Y sets the rates collected in autumn Y for benefit year
# Y + 1 (seed 003: 280 + 550 for 2021, the 2020 notice's figures).
@pytest.mark.parametrize("policy", list_policies(), ids=lambda p: p.id)
def test_every_file_keeps_the_subsidy_year_convention(policy):
    collect = policy.benefit_year - 1
    assert policy.window.start.year == collect
    assert policy.benefit_start.year == policy.benefit_year
    where = policy.fiscal_subsidy_citation
    words = "".join(where.quote) + where.assumption + where.because
    if policy.fiscal_subsidy_assumed:
        # The assumed figure is the one the national notice of year Y set for Y + 1.
        assert f"〔{collect}〕" in words or f"{collect}年" in words, words
