"""Reading a policy file strictly: every refusal names the file, the key, its line and
the reason (fixtures/policies/README.md is the format)."""

import datetime as dt
import re
import tomllib
from pathlib import Path

from models.rules import text_file
from models.rules.citation import Citation
from models.rules.citation import citation_keys as _keys
from models.rules.money import parse_yuan
from models.rules.policy_model import (
    RATES,
    SUBSIDY_KINDS,
    WAIT_FROM,
    WHEN,
    CaseRule,
    Policy,
    PolicyError,
    RefundRule,
    RepaidRate,
    SubsidyRule,
    WaitingRule,
    Window,
)
from models.rules.toml_errors import load_fit_toml, policy_bad, toml_error_place
from models.texts import files, labels
from models.texts import messages as msg

_CODE = re.compile(r"^[a-z][a-z0-9_]{1,31}$")
_START = re.compile(r"^(period_start|from_birth|from_actual_birth|from_event|from_payment|"
                    r"next_month|payment_plus_days:\d{1,3}|date:\d{4}-\d{2}-\d{2})$",
                    re.ASCII)  # \d alone also takes ４ and ٣ (issue 10, point 6)


def read_policy(path: Path) -> Policy:
    try:
        text = text_file.read_text(path)
    except FileNotFoundError:
        raise PolicyError(msg.POLICY_FILE_MISSING.format(path=path)) from None
    except text_file.FileRefused as e:  # not a file, too big, not UTF-8
        raise PolicyError(policy_bad(path, "-", "-", e.message)) from None
    try:
        data = load_fit_toml(text)
    except tomllib.TOMLDecodeError as e:
        line, key, reason = toml_error_place(e, text)
        raise PolicyError(policy_bad(path, line, key, files.NOT_TOML.format(error=reason))
                          ) from None
    return _Reader(path, text).policy(data)


class _Reader:
    """Walks the parsed TOML with the key path at hand, so every refusal can name it."""

    def __init__(self, path: Path, text: str):
        self.path, self.lines = path, text.splitlines()

    def fail(self, key: str, reason: str) -> PolicyError:
        return PolicyError(policy_bad(self.path, self._line(key), key, reason))

    def _line(self, key: str) -> str:
        """The line of `key`, or of its table when the key itself is missing."""
        parts = key.split(".")
        table, leaf = ".".join(parts[:-1]), parts[-1]
        table_line = None
        for name in (key, table):
            header = re.compile(r"^\s*\[+\s*" + re.escape(name) + r"\s*\]+\s*$")
            found = next((i for i, line in enumerate(self.lines) if header.match(line)), None)
            if name == key and found is not None:
                return str(found + 1)
            if name == table:
                table_line = found
        start = table_line or 0
        pattern = re.compile(r"^\s*" + re.escape(leaf) + r"\s*=")
        for i in range(start, len(self.lines)):
            if i > start and table and self.lines[i].lstrip().startswith("["):
                break  # the next table: the key is not in this one
            if pattern.match(self.lines[i]):
                return str(i + 1)
        return str(table_line + 1) if table_line is not None else "-"

    # typed getters

    def table(self, data: dict, key: str, allowed: set[str], where: str) -> dict:
        value = data.get(key)
        if not isinstance(value, dict):
            raise self.fail(_join(where, key), files.MISSING_TABLE)
        self.only(value, allowed, _join(where, key))
        return value

    def only(self, table: dict, allowed: set[str], where: str) -> None:
        for key in table:
            if key not in allowed:
                if key.endswith("clause") and key[:-len("clause")] + "quote" in allowed:
                    raise self.fail(_join(where, key), files.CLAUSE_NOW_QUOTE)
                known = files.LIST_SEPARATOR.join(sorted(allowed))
                raise self.fail(_join(where, key), files.UNKNOWN_KEY.format(known=known))

    def text(self, table: dict, key: str, where: str, required: bool = True) -> str:
        value = table.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(_join(where, key), files.NEEDS_TEXT)
        return value.strip()

    def date(self, table: dict, key: str, where: str, required: bool = True) -> dt.date | None:
        value = table.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise self.fail(_join(where, key), files.NEEDS_DATE)
        return value

    def integer(self, table: dict, key: str, where: str, low: int, high: int,
                required: bool = True) -> int | None:
        value = table.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(_join(where, key), files.NEEDS_INTEGER)
        if not low <= value <= high:
            raise self.fail(_join(where, key), files.OUT_OF_RANGE.format(low=low, high=high))
        return value

    def boolean(self, table: dict, key: str, where: str, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(_join(where, key), files.NEEDS_BOOLEAN)
        return value

    def money(self, table: dict, key: str, where: str) -> int:
        if key not in table:
            raise self.fail(_join(where, key), files.NEEDS_AMOUNT)
        try:
            return parse_yuan(table[key])
        except ValueError as e:
            raise self.fail(_join(where, key), str(e)) from None

    def choice(self, table: dict, key: str, where: str, options: tuple[str, ...],
               default: str | None = None) -> str:
        value = table.get(key, default)
        if value not in options:
            raise self.fail(_join(where, key), files.ONE_OF.format(options=" / ".join(options)))
        return value

    def citation(self, table: dict, where: str, prefix: str = "") -> Citation:
        """The seed's words (`quote`, required, "" where the seed is silent) and the file's
        reading beyond them (`assumption`, with `because`)."""
        key = prefix + "quote"
        if key not in table:
            raise self.fail(_join(where, key), files.NEEDS_QUOTE)
        raw = table[key]
        pieces = [raw] if isinstance(raw, str) else raw
        if (not isinstance(pieces, list) or not all(isinstance(p, str) for p in pieces)
                or (isinstance(raw, list) and not all(p.strip() for p in pieces))):
            raise self.fail(_join(where, key), files.BAD_QUOTE)
        quote = tuple(p.strip() for p in pieces if p.strip())
        assumption = self.text(table, prefix + "assumption", where, required=False)
        because = self.text(table, prefix + "because", where, required=False)
        if not quote and not assumption:
            raise self.fail(_join(where, prefix + "assumption"), files.SILENT_NEEDS_ASSUMPTION)
        if assumption and not because:
            raise self.fail(_join(where, prefix + "because"), files.ASSUMPTION_NEEDS_REASON)
        if because and not assumption:
            raise self.fail(_join(where, prefix + "assumption"), files.REASON_NEEDS_ASSUMPTION)
        return Citation(self.text(table, prefix + "ref", where, required=False), quote,
                        assumption, because)

    # sections

    def policy(self, data: dict) -> Policy:
        self.only(data, {"id", "region", "region_code", "region_name", "benefit_year", "demo",
                         "note", "sources", "rates", "window", "benefit", "cases", "subsidies",
                         "waiting", "refund"}, "")
        policy_id = self.text(data, "id", "")
        if policy_id != self.path.stem:
            raise self.fail("id", files.ID_NOT_FILE_NAME.format(stem=self.path.stem))
        year = self.integer(data, "benefit_year", "", 2000, 2100)
        sources = data.get("sources", [])
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            raise self.fail("sources", files.NEEDS_TEXT_LIST)

        rates = self.table(data, "rates", {"individual", "fiscal_subsidy"} | _keys("individual_")
                           | _keys("fiscal_subsidy_"), "")
        win = self.table(data, "window", {"start", "end", "days_of_month"} | _keys(), "")
        start, end = self.date(win, "start", "window"), self.date(win, "end", "window")
        if start > end:
            raise self.fail("window.end", files.END_BEFORE_START.format(end=end, start=start))
        if start.year != year - 1:
            # A notice issued in year Y sets the rates collected in autumn Y for year Y + 1.
            raise self.fail("window.start", files.WINDOW_NOT_YEAR_BEFORE.format(
                year=year, collect=year - 1))
        days = win.get("days_of_month")
        if days is not None:
            if (not isinstance(days, list) or len(days) != 2
                    or not all(isinstance(d, int) and not isinstance(d, bool) for d in days)
                    or not 1 <= days[0] <= days[1] <= 31):
                raise self.fail("window.days_of_month", files.BAD_DAYS_OF_MONTH)
            days = (days[0], days[1])
        window = _with_citation(Window, start, end, days, citation=self.citation(win, "window"))

        ben = self.table(data, "benefit", {"start", "end"} | _keys(), "")
        b_start, b_end = self.date(ben, "start", "benefit"), self.date(ben, "end", "benefit")
        if b_start > b_end:
            raise self.fail("benefit.end", files.END_BEFORE_START.format(end=b_end, start=b_start))
        if b_start.year != year and b_end.year != year:
            raise self.fail("benefit.start", files.BENEFIT_NOT_IN_YEAR.format(year=year))
        if window.start > b_end:
            raise self.fail("window.start", files.WINDOW_AFTER_BENEFIT)

        cases_raw = data.get("cases")
        if not isinstance(cases_raw, dict) or not cases_raw:
            raise self.fail("cases", files.NEEDS_A_CASE)
        cases, own_labels = {}, {}
        for code, rule in cases_raw.items():
            self.vocabulary(rule, f"cases.{code}", code, labels.CASE_LABELS, own_labels,
                            files.UNKNOWN_CASE)
            cases[code] = self.case({k: v for k, v in rule.items() if k != "label"},
                                    f"cases.{code}", window, b_start, b_end)

        subs = self.table(data, "subsidies", {"combine", "categories"} | _keys(), "")
        if subs.get("combine", "highest") != "highest":
            raise self.fail("subsidies.combine", files.ONLY_HIGHEST)
        categories = subs.get("categories", {})
        if not isinstance(categories, dict):
            raise self.fail("subsidies.categories", files.NEEDS_TABLE)
        subsidies = {}
        for code, rule in categories.items():
            where = f"subsidies.categories.{code}"
            self.vocabulary(rule, where, code, labels.IDENTITY_LABELS, own_labels,
                            files.UNKNOWN_CATEGORY)
            subsidies[code] = self.subsidy({k: v for k, v in rule.items() if k != "label"},
                                           where)

        waiting, repaid = None, ()
        if "waiting" in data:
            waiting, repaid = self.waiting(self.table(data, "waiting", {
                "fixed_months", "per_extra_break_year", "per_repaid_year", "long_break_years",
                "long_break_min_months", "in_window_counts_from", "outside_window_counts_from",
                "repaid_rates"} | _keys(), ""), year)
        refund = None
        if "refund" in data:
            refund = self.refund(self.table(data, "refund", {"until"} | _keys(), ""), window)
        return Policy(
            id=policy_id, region=self.text(data, "region", ""),
            region_code=self.region_code(data), region_name=self.text(data, "region_name", ""),
            benefit_year=year,
            demo=self.boolean(data, "demo", "", False), note=self.text(data, "note", "", False),
            sources=tuple(sources),
            individual_rate=self.money(rates, "individual", "rates"),
            individual_citation=self.citation(rates, "rates", "individual_"),
            fiscal_subsidy=self.money(rates, "fiscal_subsidy", "rates"),
            fiscal_subsidy_citation=self.citation(rates, "rates", "fiscal_subsidy_"),
            window=window, benefit_start=b_start, benefit_end=b_end,
            benefit_citation=self.citation(ben, "benefit"), cases=cases, subsidies=subsidies,
            combine_citation=self.citation(subs, "subsidies"), waiting=waiting,
            repaid_rates=repaid, refund=refund,
            path=str(self.path), labels=own_labels)

    def region_code(self, data: dict) -> str:
        code = self.text(data, "region_code", "")
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise self.fail("region_code", files.BAD_REGION_CODE)
        return code

    def case(self, rule: object, where: str, window: Window, b_start: dt.date,
             b_end: dt.date, nested: bool = False) -> CaseRule:
        if not isinstance(rule, dict):
            raise self.fail(where, files.NEEDS_TABLE)
        allowed = {"rate", "benefit_start", "benefit_end", "when", "needs", "window_end",
                   "within_days", "within_months", "born_in_benefit_year", "subsidy",
                   "waiting"} | _keys()
        if not nested:
            allowed |= {"late", "outside_window"}
        self.only(rule, allowed, where)
        if "benefit_start" not in rule:
            raise self.fail(_join(where, "benefit_start"), files.NEEDS_BENEFIT_START)
        start = rule["benefit_start"]
        if not isinstance(start, str) or not _START.match(start):
            raise self.fail(_join(where, "benefit_start"),
                            files.BAD_BENEFIT_START)
        if start.startswith("date:"):
            try:
                dt.date.fromisoformat(start[5:])
            except ValueError:
                raise self.fail(_join(where, "benefit_start"), files.BAD_DATE) from None
        needs = rule.get("needs", [])
        if not isinstance(needs, list) or not set(needs) <= {"birth", "event"}:
            raise self.fail(_join(where, "needs"), files.BAD_NEEDS)
        if start in ("from_birth", "from_actual_birth") and "birth" not in needs:
            needs = [*needs, "birth"]
        if start == "from_event" and "event" not in needs:
            needs = [*needs, "event"]
        within_days = self.integer(rule, "within_days", where, 1, 3650, required=False)
        within_months = self.integer(rule, "within_months", where, 1, 120, required=False)
        if within_days and within_months:
            raise self.fail(_join(where, "within_months"), files.DAYS_OR_MONTHS)
        if (within_days or within_months) and not needs:
            raise self.fail(_join(where, "needs"), files.LIMIT_NEEDS_REFERENCE)
        window_end = self.date(rule, "window_end", where, required=False)
        if window_end and window_end < window.end:
            raise self.fail(_join(where, "window_end"), files.EXTENSION_BEFORE_WINDOW_END.format(
                extension=window_end, end=window.end))
        benefit_end = self.date(rule, "benefit_end", where, required=False)
        if benefit_end and benefit_end < b_start:
            raise self.fail(_join(where, "benefit_end"), files.BEFORE_BENEFIT_START)
        late = outside = None
        if "late" in rule:
            if not (within_days or within_months):
                raise self.fail(_join(where, "late"), files.LATE_NEEDS_LIMIT)
            late = self.case(rule["late"], _join(where, "late"), window, b_start, b_end, True)
        if "outside_window" in rule:
            outside = self.case(rule["outside_window"], _join(where, "outside_window"), window,
                                b_start, b_end, True)
        rate = self.choice(rule, "rate", where, RATES)
        citation = self.citation(rule, where)
        return CaseRule(
            rate=rate, benefit_start=start, clause=citation.text, citation=citation,
            when=self.choice(rule, "when", where, WHEN, "any"), needs=tuple(needs),
            window_end=window_end, within_days=within_days, within_months=within_months,
            born_in_benefit_year=self.boolean(rule, "born_in_benefit_year", where, False),
            subsidy=self.boolean(rule, "subsidy", where, rate == "individual"),
            waiting=self.boolean(rule, "waiting", where, False), benefit_end=benefit_end,
            late=late, outside_window=outside)

    def vocabulary(self, rule: object, where: str, code: str, shared: dict[str, str],
                   own: dict[str, str], unknown: str) -> None:
        """A code from the catalog, or one this file brings with its own `label`."""
        if not isinstance(rule, dict):
            raise self.fail(where, files.NEEDS_TABLE)
        if "label" in rule:
            own[code] = self.text(rule, "label", where)
        if code not in shared and (code not in own or not _CODE.match(code)):
            raise self.fail(where, unknown.format(known=files.LIST_SEPARATOR.join(shared)))

    def subsidy(self, rule: dict, where: str) -> SubsidyRule:
        self.only(rule, {"kind", "percent", "amount"} | _keys(), where)
        kind = self.choice(rule, "kind", where, SUBSIDY_KINDS)
        percent = amount = None
        if kind == "percent":
            percent = self.integer(rule, "percent", where, 1, 100)
        if kind in ("fixed_subsidy", "fixed_payable"):
            amount = self.money(rule, "amount", where)
        for key, needed in (("percent", kind == "percent"),
                            ("amount", kind in ("fixed_subsidy", "fixed_payable"))):
            if key in rule and not needed:
                raise self.fail(_join(where, key), files.KEY_NOT_USED.format(kind=kind, key=key))
        return _with_citation(SubsidyRule, kind, percent=percent, amount=amount,
                              citation=self.citation(rule, where))

    def waiting(self, rule: dict, year: int) -> tuple[WaitingRule, tuple[RepaidRate, ...]]:
        """The waiting rules, and what a missed year paid back costs where the file sets
        it for that year (`repaid_rates = { 2025 = 380 }`)."""
        w = "waiting"
        rates = rule.get("repaid_rates", {})
        if not isinstance(rates, dict):
            raise self.fail("waiting.repaid_rates", files.NEEDS_TABLE)
        repaid = []
        for key in rates:
            if not (key.isascii() and key.isdigit() and len(key) == 4 and int(key) < year):
                raise self.fail(f"waiting.repaid_rates.{key}",
                                files.REPAID_YEAR_BEFORE.format(year=year))
            repaid.append(RepaidRate(int(key), self.money(rates, key, "waiting.repaid_rates")))
        citation = self.citation(rule, w)
        return WaitingRule(
            fixed_months=self.integer(rule, "fixed_months", w, 0, 24),
            per_extra_break_year=self.integer(rule, "per_extra_break_year", w, 0, 12),
            per_repaid_year=self.integer(rule, "per_repaid_year", w, 0, 12),
            long_break_years=self.integer(rule, "long_break_years", w, 1, 50),
            long_break_min_months=self.integer(rule, "long_break_min_months", w, 0, 36),
            in_window_counts_from=self.choice(rule, "in_window_counts_from", w, WAIT_FROM),
            outside_window_counts_from=self.choice(rule, "outside_window_counts_from", w,
                                                   WAIT_FROM),
            clause=citation.text, citation=citation), tuple(sorted(repaid, key=lambda r: r.year))

    def refund(self, rule: dict, window: Window) -> RefundRule:
        until = rule.get("until")
        if isinstance(until, dt.date) and not isinstance(until, dt.datetime):
            if until < window.start:
                raise self.fail("refund.until", files.REFUND_BEFORE_WINDOW)
        elif until != "window_end":
            raise self.fail("refund.until", files.BAD_REFUND_UNTIL)
        return _with_citation(RefundRule, until, citation=self.citation(rule, "refund"))


def _with_citation(kind, *args, citation: Citation, **kwargs):
    """A rule with its citation and, as its `clause`, the line the clerk reads."""
    return kind(*args, citation.text, citation=citation, **kwargs)


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key
