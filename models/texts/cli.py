"""The command line's own texts: its description, the help of every command and option,
and what it prints. A text the counter's screens show as well stays in counter.py and is
named here, so the command line reads all its words from this one module."""

from models.texts import counter as _counter

DESCRIPTION = "yibao：城乡居民医保窗口经办终端"
ERROR_PREFIX = "错误："
DB_ERROR = "数据库出错：{reason}"
BAD_DATE = "日期无效：{text}（应为实有的日期，格式如 2026-11-22）"
INTERRUPTED = "已中断，未完成的操作已回滚"
LIST_SEP = "、"

# Options several commands share
HELP_DB = "数据库地址：sqlite:///路径 或 postgresql://…（默认 $YIBAO_DB）"
HELP_TODAY = "固定今天的日期（培训、测试用），也可设 YIBAO_TODAY"
HELP_POLICY = ("窗口所用的政策编号（决定本年度缴费状态），默认 $YIBAO_POLICY；"
               "都不给时按库中的区域和今天选用生效的政策")
HELP_JSON = "输出一个 JSON 文档（金额为元，日期为 ISO 格式）"

# yibao, yibao demo
HELP_DEMO = "生成演示县并打开窗口"
HELP_DEMO_PEOPLE = "首次运行时生成的人数"
HELP_SEED = "随机种子：同一种子生成同一个县"
DEMO_CREATING = "正在生成演示县（{people}人，种子{seed}）：{path}"
DEMO_REUSING = "使用已有的演示库：{path}"
DEMO_NOT_A_DEMO_DATABASE = ("{url} 不是演示库（由 yibao init 建立或已有账号），"
                            "演示模式不能免密码打开它：请用 yibao --db {url} 登录；"
                            "演示请换一个新的库")
DEMO_CLERK = "demo"
DEMO_CLERK_NAME = "演示经办员"
COUNTER_NO_REGION = "库中还没有区域（yibao init），窗口照常打开，但不显示年度缴费状态"
COUNTER_NO_POLICY = ("区域“{region}”在{today}没有生效的政策文件，窗口照常打开，"
                     "但不显示年度缴费状态（可用 --policy 指定）")

# yibao init, yibao generate
HELP_INIT = "建库并载入区域（乡镇、村、任务数）"
HELP_INIT_REGION = "区域文件路径，或 fixtures/regions 下的名称"
HELP_INIT_APP_ROLE = ("PostgreSQL：柜台使用的应用账号（默认 $YIBAO_APP_ROLE，否则 yibao_app），"
                      "init 给它授权；SQLite 不用")
HELP_GENERATE = "生成一个可复现的县"
HELP_GENERATE_PEOPLE = "生成的人数"
HELP_DUPLICATES = "注入重复登记的比例，如 0.02"
HELP_TRUTH = "重复登记真值表（CSV）的路径"
HELP_GENERATE_REGION = "库中尚无区域时载入的区域文件"
INIT_DONE = "已载入区域“{region}”：{townships}个乡镇、{villages}个村（社区）、{targets}条任务数"
INIT_ALREADY = "区域“{region}”已载入，未作改动"
GENERATE_PROGRESS = "生成人员"
GENERATE_DONE = (
    "已生成{people}人、{households}户、{identities}条身份属性、{enrollments}条历年参保记录，"
    "用时{seconds:.1f}秒"
)
GENERATE_TRUTH = "注入重复登记{count}条，真值表：{path}"

# yibao lookup
HELP_LOOKUP = "查找人员（与窗口的查找相同）"
HELP_LOOKUP_TEXT = "身份证号、姓名、拼音首字母、户号或手机号"
HELP_STDIN = "每行一个查询，每行输出一个 JSON"
HELP_LIMIT = "每页人数（1到{high}）"
HELP_OFFSET = "从第几条结果开始（翻页）"
HELP_YEAR = "同时显示该待遇年度的缴费状态"
LOOKUP_NONE = _counter.LOOKUP_NONE
LOOKUP_MORE = "……还有更多，用 --offset {offset} 查看下一页"

# yibao quote
HELP_QUOTE = "测算缴费金额与待遇开始日"
HELP_QUOTE_POLICY = "政策编号，如 demo-2027（yibao policy list）"
HELP_CASE = "情形：{cases}"
HELP_ON = "缴费日期"
HELP_BIRTH = "出生日期（未出生婴儿填预产期）"
HELP_EVENT = "事件日期：迁入、断保、进入福利机构、释放"
HELP_IDENTITY = "身份属性，可多次：{identities}"
HELP_MISSED_YEARS = "连续断保年数"
HELP_REPAID_YEARS = "补缴年数"
QUOTE_HEAD = "{policy}（{region}）· {case}"
QUOTE_REFUSED = "不能办理：{reason}"
QUOTE_AMOUNTS = "按{rate}：应缴 {gross} 元，资助 {subsidy} 元，个人实缴 {payable} 元"
QUOTE_SUBSIDY = "资助身份：{category}"
QUOTE_BENEFIT = "待遇期：{start} 至 {end}"
QUOTE_WAITING = "待遇等待期：{months}个月"
QUOTE_CLAUSE = "  依据：{clause}"
QUOTE_YEAR_HEAD = "{year}年度（{policy}）："
QUOTE_YEAR_INDENT = "  "
QUOTE_NO_POLICY_FILE = "无政策文件"
QUOTE_CHARGE = "补缴{year}年度：{amount} 元"
QUOTE_TOTAL = "合计个人实缴 {total} 元"
QUOTE_BENEFIT_ON_BIRTH = "待遇期：自实际出生之日起（出生后更正登记时确定）至 {end}"

# yibao policy
HELP_POLICY_GROUP = "政策文件"
HELP_POLICY_LIST = "列出政策文件"
HELP_POLICY_CHECK = "校验一个政策文件"
HELP_POLICY_FILE = "政策文件路径"
HELP_POLICY_SHOW = "显示一个政策"
HELP_POLICY_ID = "政策编号（yibao policy list）"
POLICY_LINE = "{id}\t{region}\t{year}年度\t个人缴费{individual}元{demo}"
POLICY_DEMO = "\t（演示）"
POLICY_OK = "{path}：政策 {id} 校验通过（{cases}种情形、{subsidies}类资助身份）"
POLICY_WINDOW = "{start}至{end}"
POLICY_SHOW = "集中缴费期：{window}\n筹资标准：{full}元（其中财政补助{subsidy}元）\n情形：{cases}"

# yibao clerk
HELP_CLERK = "经办员账号"
HELP_CLERK_ADD = "添加账号"
HELP_USERNAME = "登录用的用户名"
HELP_NAME = "姓名（显示在窗口和票据上）"
HELP_ROLE = "角色"
HELP_PASSWORD_STDIN = "从标准输入读取密码"
CLERK_ADDED = "已添加账号 {username}（{name}，{role}）"
CLERK_PASSWORD_PROMPT = "密码："
CLERK_PASSWORD_AGAIN = "再输一次："
CLERK_PASSWORD_DIFFERENT = "两次输入的密码不一致"
CLERK_NO_TERMINAL = ("没有终端可以输入密码：请加 --password-stdin，从标准输入的第一行读取密码"
                     "（如 printf '%s\\n' 密码 | yibao clerk …）")
CLERK_NO_PASSWORD = "没有输入密码，未作改动"
HELP_CLERK_LIST = "列出账号（用户名、姓名、角色、是否在用、锁定到何时）"
HELP_CLERK_UNLOCK = "解除账号的锁定"
HELP_CLERK_DISABLE = "停用账号（不能再登录，历史记录保留）"
HELP_CLERK_PASSWD = "为账号重设密码（同时解除锁定）"
CLERK_LIST_EMPTY = "还没有账号"
CLERK_NOT_LOCKED = "-"
CLERK_UNLOCKED = "已解除账号 {username}（{name}）的锁定"
CLERK_DISABLED = "已停用账号 {username}（{name}）"
CLERK_PASSWORD_SET = "已为账号 {username}（{name}）设置新密码"

# yibao audit
HELP_AUDIT = "审计记录"
HELP_AUDIT_VERIFY = "校验审计链"
HELP_AUDIT_ANCHOR = ("打印审计锚：审计链当前的末条"
                     "（抄下或打印在日结单上，日后用 verify --anchor 核对）")
HELP_AUDIT_ANCHOR_OPT = "要核对的审计锚（一行文字，或每行一个审计锚的文件），可多次给出"
HELP_AUDIT_JSON = "以 JSON 输出"
HELP_AUDIT_OUT = "同时把审计锚追加写入此文件"
AUDIT_KEY_CREATED = ("已生成审计密钥文件 {path}："
                     "本厅的每个柜台都需要同一个密钥文件，请复制并妥善保管")
AUDIT_ANCHOR_WRITTEN = "审计锚已追加写入 {path}"
AUDIT_ANCHOR_OUT_BAD = "审计锚无法写入 {path}：{reason}"

# argparse's own words (its usage line, group titles, -h and every error), looked up by
# argparse's English text: tui/cli/parser.py puts them in place while the parser works
USAGE_ERROR = ERROR_PREFIX + "{message}"
ARGPARSE = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "subcommands": "子命令",
    "show this help message and exit": "显示本帮助并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "没有 %(value)r 这一项（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的值（应为 %(type)s）",
    "expected one argument": "后面应跟一个值",
    "expected at most one argument": "后面至多跟一个值",
    "expected at least one argument": "后面至少跟一个值",
    "expected %s argument": "后面应跟 %s 个值",
    "expected %s arguments": "后面应跟 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s":
        "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "此选项不接受值：%r",
    "one of the arguments %s is required": "以下参数须给出其一：%s",
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "没有 %(parser_name)r 这个命令（可选：%(choices)s）",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}
BAD_INTEGER = "应为整数，收到 {text!r}"
BAD_NUMBER = "应为数字，收到 {text!r}"
INTEGER_RANGE = "应为{low}到{high}之间的整数，收到 {value}"
INTEGER_AT_LEAST = "应为不小于{low}的整数，收到 {value}"

# Where the database is
DB_FOLDER_CREATED = "数据库所在的文件夹 {folder} 不存在，已新建"

# Issue 10, point 5: what the command line is given but cannot take
ARGUMENT_NOT_TEXT = ("参数“{shown}”含有无法使用的字符（不是 UTF-8 文字，或含空字符）："
                     "请检查终端的编码后重输")
STDIN_LINE_NOT_TEXT = "这一行不是 UTF-8 文字（或含空字符），已跳过"

# yibao lookup --full-id (issue 10, point 6)
HELP_FULL_ID = ("显示完整的身份证号和手机号（默认只显示前6后4位、手机号前3后4位）："
                "须用 --clerk 给出审核员或管理员的账号并输入密码，每次使用记入审计日志")
HELP_LOOKUP_CLERK = "--full-id 时登录的账号（审核员或管理员）"
HELP_LOOKUP_PASSWORD_STDIN = "从标准输入的第一行读取密码（与 --stdin 同用时，查询从第二行起）"
FULL_ID_NEEDS_CLERK = "--full-id 须同时用 --clerk 给出审核员或管理员的账号"
FULL_ID_NO_TERMINAL = ("没有终端可以输入密码：请加 --password-stdin，"
                       "从标准输入的第一行读取密码")
FULL_ID_NO_PASSWORD = "没有输入密码，未显示完整号码"
PASSWORD_NOT_TEXT = "密码中有无法使用的字符（不是 UTF-8 文字，或含空字符）"

# yibao pay / void / refund (issue 12, point 8)
HELP_PAY = "为一户的一人或多人缴费（一张收据、一个事务）"
HELP_VOID = "当天作废一笔缴费（审核员）"
HELP_REFUND = "退费（须写明原因）"
HELP_PAY_CLERK = "登录的账号：密码在终端输入，或用 --password-stdin"
HELP_PAY_PASSWORD_STDIN = "从标准输入的第一行读取密码"
HELP_PAY_COUNTER = "窗口号（收据号按窗口编号）；不给则取 YIBAO_COUNTER 或配置文件"
HELP_PAY_CHANNEL = "缴费方式：cash 现金、pos 银行卡、qr 扫码、other 其他"
HELP_PAY_ON = "缴费日期（默认今天）"
HELP_PAY_TENDERED = "现金实收金额（元），找零 = 实收 − 应收；不给则按应收"
HELP_PAY_PERSON = "证件号，可接 :情形[:事件日期]，例如 430225198001010011:newborn"
HELP_PAY_REPAID = "补缴年数：证件号=年数（可多次给出）"
HELP_PAY_MISSED = "断保年数：证件号=年数（可多次给出；不给则按已缴年度推算）"
HELP_RECEIPT = "收据号，例如 430225-01-2026-000001"
HELP_REASON = "原因"
PAY_BAD_PERSON = "缴费对象“{text}”写法不对：应为 证件号[:情形[:事件日期]]"
PAY_BAD_YEARS_OPTION = "“{text}”写法不对：应为 证件号=年数"
PAY_YEARS_NOT_LISTED = "{option} 给出的证件号 {id} 不在缴费对象中"
PAY_BAD_TENDERED = "实收金额“{text}”写法不对：应为元，例如 500 或 500.50"
PAY_RECEIPT_HEAD = "收据号 {receipt_no}　{channel}　合计 {total} 元"
PAY_CASH_LINE = "实收 {tendered} 元　找零 {change} 元"
PAY_LINE = "{name}　{id}　{year}年度　{kind}　{case}　应缴 {payable} 元　待遇期 {start} 至 {end}"
PAY_LINE_REPAID = "补缴"
PAY_LINE_YEAR = "参保"
REVERSAL_DONE = "{kind} {number}（收据 {receipt_no}）　金额 {amount} 元"
PAY_NO_POLICY = "{day}没有生效的政策文件，不能缴费：请用 --policy 指定"
