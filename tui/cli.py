"""The `yibao` command. Errors go to stderr in Chinese with a non-zero exit, never a traceback."""

import argparse
import dataclasses
import datetime as dt
import getpass
import json
import os
import sys
from pathlib import Path

import peewee as pw

from models.access import clerks
from models.core import audit
from models.core.actor import ROLES, counter_from_config, system_actor
from models.core.clock import clock_for
from models.core.db import open_database
from models.core.errors import DomainError
from models.demo.generator import generate_county
from models.registry import lookup, regions
from models.registry.people import register_is_empty
from models.rules.money import yuan
from models.rules.policy import (
    CASES,
    IDENTITIES,
    Policy,
    list_policies,
    load_policy,
    load_policy_id,
)
from models.rules.quote import Quote, quote
from models.rules.region_file import read_region_file, resolve_region_path
from models.texts import counter as t
from models.texts import labels
from models.texts import messages as domain_text

DEMO_PATH = Path(os.environ.get("YIBAO_DEMO_DB", "yibao-demo.db"))
DEMO_POLICY = "demo-2027"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except DomainError as e:
        print(t.ERROR_PREFIX + e.message, file=sys.stderr)
        return 2
    except pw.PeeweeException as e:
        print(t.ERROR_PREFIX + t.DB_ERROR.format(reason=e), file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print(t.INTERRUPTED, file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yibao", description=t.CLI_DESCRIPTION)
    _common(parser, counter=True)
    parser.set_defaults(handler=_cmd_counter)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("demo", help="生成演示县并打开窗口")
    _common(p, counter=True)
    p.add_argument("--people", type=int, default=20_000)
    p.add_argument("--seed", type=int, default=2027)
    p.set_defaults(handler=_cmd_demo)

    p = sub.add_parser("init", help="建库并载入区域（乡镇、村、任务数）")
    _common(p)
    p.add_argument("--region", required=True, help="区域文件路径，或 fixtures/regions 下的名称")
    p.set_defaults(handler=_cmd_init)

    p = sub.add_parser("generate", help="生成一个可复现的县")
    _common(p)
    p.add_argument("--people", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--duplicates", type=float, default=0.0, metavar="RATE")
    p.add_argument("--truth", help="重复登记真值表（CSV）的路径")
    p.add_argument("--region", default="demo", help="库中尚无区域时载入的区域文件")
    p.set_defaults(handler=_cmd_generate)

    p = sub.add_parser("lookup", help="查找人员（与窗口的查找相同）")
    _common(p)
    p.add_argument("text", nargs="?")
    p.add_argument("--json", action="store_true")
    p.add_argument("--stdin", action="store_true", help="每行一个查询，每行输出一个 JSON")
    p.add_argument("--limit", type=int, default=lookup.PAGE_SIZE)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--year", type=int, help="同时显示该待遇年度的缴费状态")
    p.set_defaults(handler=_cmd_lookup)

    p = sub.add_parser("quote", help="测算缴费金额与待遇开始日")
    p.add_argument("--policy", required=True, help="政策编号，如 demo-2027（yibao policy list）")
    p.add_argument("--case", required=True, metavar="CASE", help="情形：" + "、".join(CASES))
    p.add_argument("--on", required=True, type=_date, metavar="DATE", help="缴费日期")
    p.add_argument("--birth", type=_date, metavar="DATE", help="出生日期（未出生婴儿填预产期）")
    p.add_argument("--event", type=_date, metavar="DATE",
                   help="事件日期：迁入、断保、进入福利机构、释放")
    p.add_argument("--identity", action="append", default=[], metavar="CAT",
                   help="身份属性，可多次：" + "、".join(IDENTITIES))
    p.add_argument("--missed-years", type=int, default=0, help="连续断保年数")
    p.add_argument("--repaid-years", type=int, default=0, help="补缴年数")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_quote)

    p = sub.add_parser("policy", help="政策文件")
    psub = p.add_subparsers(dest="policy_command", required=True, metavar="ACTION")
    a = psub.add_parser("list", help="列出政策文件")
    a.set_defaults(handler=_cmd_policy_list)
    a = psub.add_parser("check", help="校验一个政策文件")
    a.add_argument("file")
    a.set_defaults(handler=_cmd_policy_check)
    a = psub.add_parser("show", help="显示一个政策")
    a.add_argument("id")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=_cmd_policy_show)

    p = sub.add_parser("clerk", help="经办员账号")
    csub = p.add_subparsers(dest="clerk_command", required=True, metavar="ACTION")
    a = csub.add_parser("add", help="添加账号")
    _common(a)
    a.add_argument("--username", required=True)
    a.add_argument("--name", default="")
    a.add_argument("--role", default="clerk", choices=ROLES)
    a.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")
    a.set_defaults(handler=_cmd_clerk_add)

    p = sub.add_parser("audit", help="审计记录")
    asub = p.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    a = asub.add_parser("verify", help="校验审计链")
    _common(a)
    a.set_defaults(handler=_cmd_audit_verify)
    return parser


def _common(p: argparse.ArgumentParser, counter: bool = False) -> None:
    p.add_argument("--db", default=argparse.SUPPRESS,
                   help="数据库地址：sqlite:///路径 或 postgresql://…（默认 $YIBAO_DB）")
    if counter:
        p.add_argument("--policy", default=os.environ.get("YIBAO_POLICY"),
                       help="窗口所用的政策编号（决定本年度缴费状态），默认 $YIBAO_POLICY")
    p.add_argument("--today", default=argparse.SUPPRESS,
                   help="固定今天的日期（培训、测试用），也可设 YIBAO_TODAY")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t.BAD_DATE.format(text=text)) from None


def _db(args) -> str | None:
    return getattr(args, "db", None)


def _clock(args):
    return clock_for(getattr(args, "today", None))


# --- commands ---------------------------------------------------------------


def _cmd_counter(args) -> int:
    from tui.app import CounterApp
    from tui.keymap import load_keymap

    clock = _clock(args)
    keymap = load_keymap()
    policy = load_policy_id(args.policy) if getattr(args, "policy", None) else None
    open_database(_db(args))
    CounterApp(clock=clock, policy=policy, keymap=keymap, counter=counter_from_config()).run()
    return 0


def _cmd_demo(args) -> int:
    from tui.app import CounterApp
    from tui.keymap import load_keymap

    clock = _clock(args)
    url = _db(args) or f"sqlite:///{DEMO_PATH}"
    open_database(url)
    if not register_is_empty():
        print(t.DEMO_REUSING.format(path=url), file=sys.stderr)
    else:
        print(t.DEMO_CREATING.format(people=args.people, seed=args.seed, path=url),
              file=sys.stderr)
        regions.load_region(clock, system_actor(), read_region_file(resolve_region_path("demo")))
        _generate(clock, args.people, args.seed, 0.0, None)
    demo = _ensure_demo_clerk(clock)
    CounterApp(clock=clock, actor=demo, policy=load_policy_id(args.policy or DEMO_POLICY),
               keymap=load_keymap()).run()
    return 0


def _ensure_demo_clerk(clock):
    actor = clerks.acting_as(t.DEMO_CLERK)
    if actor is None:
        clerks.add_clerk(clock, system_actor(), username=t.DEMO_CLERK,
                         display_name=t.DEMO_CLERK_NAME, role="clerk",
                         password=os.urandom(12).hex())
        actor = clerks.acting_as(t.DEMO_CLERK)
    return actor


def _cmd_init(args) -> int:
    clock = _clock(args)
    spec = read_region_file(resolve_region_path(args.region))
    open_database(_db(args))
    result = regions.load_region(clock, system_actor(), spec)
    template = t.INIT_ALREADY if result.already_loaded else t.INIT_DONE
    print(template.format(region=result.region, townships=result.townships,
                          villages=result.villages, targets=result.targets))
    return 0


def _cmd_generate(args) -> int:
    clock = _clock(args)
    open_database(_db(args))
    if not regions.region_loaded():
        spec = read_region_file(resolve_region_path(args.region))
        regions.load_region(clock, system_actor(), spec)
    truth = Path(args.truth) if args.truth else (Path("duplicates-truth.csv")
                                                  if args.duplicates else None)
    _generate(clock, args.people, args.seed, args.duplicates, truth)
    return 0


def _generate(clock, people: int, seed: int, duplicates: float, truth: Path | None) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(t.GENERATE_PROGRESS, BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=_stderr_console(), transient=False) as bar:
        task = bar.add_task(t.GENERATE_PROGRESS, total=people)
        result = generate_county(clock, system_actor(), people, seed=seed, duplicates=duplicates,
                                 truth_path=truth,
                                 progress=lambda done, total: bar.update(task, completed=done))
    print(t.GENERATE_DONE.format(**dataclasses.asdict(result)), file=sys.stderr)
    if result.truth_path:
        print(t.GENERATE_TRUTH.format(count=result.duplicates, path=result.truth_path),
              file=sys.stderr)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def _cmd_lookup(args) -> int:
    clock = _clock(args)
    if not args.stdin and not args.text:
        raise DomainError(domain_text.LOOKUP_EMPTY)
    open_database(_db(args), migrate=False)
    if args.stdin:
        for line in sys.stdin:
            query = line.rstrip("\n")
            try:
                page = lookup.lookup(query, clock, limit=args.limit, offset=args.offset,
                                     benefit_year=args.year)
                out = _page_json(page)
            except DomainError as e:
                out = {"query": query, "error": e.message}
            print(json.dumps(out, ensure_ascii=False), flush=True)
        return 0
    page = lookup.lookup(args.text, clock, limit=args.limit, offset=args.offset,
                         benefit_year=args.year)
    if args.json:
        print(json.dumps(_page_json(page), ensure_ascii=False, indent=2))
        return 0
    if not page.hits:
        print(t.LOOKUP_NONE)
    for hit in page.hits:
        print("\t".join(str(x) for x in (hit.id, hit.name, hit.id_number or "-", hit.gender,
                                         hit.age, hit.township, hit.village, hit.hukou_no,
                                         hit.relation, hit.status, hit.phone or "")))
    if page.has_more:
        print(t.LOOKUP_MORE.format(offset=page.offset + len(page.hits)))
    return 0


def _page_json(page: lookup.LookupPage) -> dict:
    return {
        "query": page.query,
        "kinds": list(page.kinds),
        "offset": page.offset,
        "has_more": page.has_more,
        "results": [{k: (v.isoformat() if isinstance(v, dt.date) else v)
                     for k, v in hit._asdict().items()} for hit in page.hits],
    }


def _cmd_quote(args) -> int:
    policy = load_policy_id(args.policy)
    result = quote(policy, args.case, args.on, birth=args.birth, event=args.event,
                   identities=args.identity, missed_years=args.missed_years,
                   repaid_years=args.repaid_years)
    if args.json:
        print(json.dumps(_quote_json(result, policy), ensure_ascii=False, indent=2))
        return 0
    print(t.QUOTE_HEAD.format(policy=policy.id, region=policy.region,
                              case=labels.CASE_LABELS[result.case]))
    if not result.allowed:
        print(t.QUOTE_REFUSED.format(reason=result.reason))
    else:
        print(t.QUOTE_AMOUNTS.format(rate=labels.RATE_LABELS[result.rate],
                                     gross=yuan(result.gross), subsidy=yuan(result.subsidy),
                                     payable=yuan(result.payable)))
        if result.subsidy_category:
            print(t.QUOTE_SUBSIDY.format(
                category=labels.IDENTITY_LABELS[result.subsidy_category]))
        print(t.QUOTE_BENEFIT.format(start=result.benefit_start, end=result.benefit_end))
        if result.waiting_months:
            print(t.QUOTE_WAITING.format(months=result.waiting_months))
    for clause in result.clauses:
        print(t.QUOTE_CLAUSE.format(clause=clause))
    return 0


def _quote_json(result: Quote, policy: Policy) -> dict:
    out = {"policy": policy.id, "case": result.case, "allowed": result.allowed}
    if not result.allowed:
        out["reason"] = result.reason
    else:
        out.update({
            "rate": result.rate, "gross": yuan(result.gross), "subsidy": yuan(result.subsidy),
            "subsidy_category": result.subsidy_category, "payable": yuan(result.payable),
            "benefit_start": result.benefit_start.isoformat(),
            "benefit_end": result.benefit_end.isoformat(),
        })
        if result.waiting_months is not None:
            out["waiting_months"] = result.waiting_months
    out["clauses"] = list(result.clauses)
    return out


def _cmd_policy_list(args) -> int:
    for policy in list_policies():
        print(t.POLICY_LINE.format(id=policy.id, region=policy.region, year=policy.benefit_year,
                                   individual=yuan(policy.individual_rate),
                                   demo=t.POLICY_DEMO if policy.demo else ""))
    return 0


def _cmd_policy_check(args) -> int:
    policy = load_policy(Path(args.file))
    print(t.POLICY_OK.format(path=args.file, id=policy.id, cases=len(policy.cases),
                             subsidies=len(policy.subsidies)))
    return 0


def _cmd_policy_show(args) -> int:
    policy = load_policy_id(args.id)
    data = _policy_json(policy)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(t.POLICY_LINE.format(id=policy.id, region=policy.region, year=policy.benefit_year,
                               individual=yuan(policy.individual_rate),
                               demo=t.POLICY_DEMO if policy.demo else ""))
    print(t.POLICY_SHOW.format(window=f"{policy.window.start}至{policy.window.end}",
                               full=yuan(policy.full_rate), subsidy=yuan(policy.fiscal_subsidy),
                               cases="、".join(labels.CASE_LABELS[c] for c in policy.cases)))
    return 0


def _policy_json(policy: Policy) -> dict:
    def case(rule) -> dict:
        out = {k: v for k, v in dataclasses.asdict(rule).items()
               if v not in (None, (), False) and k not in ("late", "outside_window")}
        out = {k: (v.isoformat() if isinstance(v, dt.date) else list(v) if isinstance(v, tuple)
                   else v) for k, v in out.items()}
        for key in ("late", "outside_window"):
            if getattr(rule, key) is not None:
                out[key] = case(getattr(rule, key))
        return out

    return {
        "id": policy.id, "region": policy.region, "benefit_year": policy.benefit_year,
        "demo": policy.demo, "note": policy.note, "sources": list(policy.sources),
        "individual_rate": yuan(policy.individual_rate),
        "fiscal_subsidy": yuan(policy.fiscal_subsidy),
        "fiscal_subsidy_assumed": policy.fiscal_subsidy_assumed,
        "full_rate": yuan(policy.full_rate),
        "clauses": {"individual_rate": policy.individual_clause,
                    "fiscal_subsidy": policy.fiscal_subsidy_clause,
                    "window": policy.window.clause, "benefit": policy.benefit_clause,
                    "combine": policy.combine_clause},
        "window": {"start": policy.window.start.isoformat(), "end": policy.window.end.isoformat(),
                   "days_of_month": list(policy.window.days_of_month)
                   if policy.window.days_of_month else None},
        "benefit": {"start": policy.benefit_start.isoformat(),
                    "end": policy.benefit_end.isoformat()},
        "cases": {code: case(rule) for code, rule in policy.cases.items()},
        "subsidies": {code: {"kind": r.kind, "percent": r.percent,
                             "amount": yuan(r.amount) if r.amount is not None else None,
                             "clause": r.clause} for code, r in policy.subsidies.items()},
        "waiting": dataclasses.asdict(policy.waiting) if policy.waiting else None,
    }


def _cmd_clerk_add(args) -> int:
    clock = _clock(args)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(t.CLERK_PASSWORD_PROMPT)
        if getpass.getpass(t.CLERK_PASSWORD_AGAIN) != password:
            raise DomainError(t.CLERK_PASSWORD_DIFFERENT)
    open_database(_db(args))
    info = clerks.add_clerk(clock, system_actor(), username=args.username, display_name=args.name,
                            role=args.role, password=password)
    print(t.CLERK_ADDED.format(username=info.username, name=info.display_name, role=info.role))
    return 0


def _cmd_audit_verify(args) -> int:
    open_database(_db(args), migrate=False)
    report = audit.verify()
    print(report.message, file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
