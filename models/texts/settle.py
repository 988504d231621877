"""The daily settlement's (日结) words: the service's refusals and disagreements, the
counter's screen and `yibao settle`."""

from models.texts import payments as payment_words

# The four agreements of seed 003 (四个一致), keyed by the code the JSON carries
AGREEMENT_LABELS = {
    "money": "参保资金",
    "headcount": "参保人数",
    "roster": "参保花名册",
    "receipts": "开具收据",
}
CHANNEL_LABELS = payment_words.CHANNEL_LABELS  # one table of channels, in payments.py
REVERSAL_LABELS = {"void": "作废", "refund": "退费"}
NUMBER_KIND_LABELS = {"payment": "收据", "void": "作废单", "refund": "退费单"}

# Disagreements, one line each
MONEY_RECEIPT_LINES = "收据{receipt}金额{total}元，明细合计{lines}元"
MONEY_LINE_STATUS = "收据{receipt}状态为{status}，其明细{person}状态为{line}"
MONEY_REVERSAL = "{number}金额{amount}元，原收据{receipt}金额{total}元"
MONEY_CHANNELS = "各渠道合计{channels}元，收据合计{receipts}元"
HEADCOUNT_DIFFERS = "收据明细{lines}人，参保登记{roster}人"
ROSTER_NO_ENROLLMENT = "收据{receipt}的{person}（{year}年度）没有参保登记"
ROSTER_MISMATCH = "收据{receipt}的{person}（{year}年度）与参保登记不一致"
ROSTER_TWICE = "{person}（{year}年度）在本日结中缴费两次"
RECEIPTS_MISSING = "号段{series}-{year}缺号：{numbers}"
RECEIPTS_MORE = "等{count}个"
RECEIPTS_BEYOND = "号段{series}-{year}已取号到{drawn}，最后一张收据为{last}"
RECEIPTS_BAD_NUMBER = "收据号{receipt}与其号段、序号不符"

# Refusals
CLOSE_NOT_YOURS = "只能结算本人的一天；结算{clerk}的一天需要审核员或以上权限"
CLOSE_ALREADY = "{clerk}在{counter}号窗口{day}的日结已于{at}由{by}完成，不能重复日结"
CLOSE_FUTURE = "{day}还没有到，不能日结"
CLOSE_NO_REGION = "尚未初始化地区，无法日结"
CLERK_UNKNOWN = "没有用户名为“{clerk}”的经办人"

# The screen
SCREEN_TITLE = "日结 · {clerk} · {counter}号窗口 · {day}"
KEY_SETTLE = "日结"
KEY_CLOSE = "结账"
KEY_REFRESH = "刷新"
KEY_BACK = "返回"
SETTLE_LOADING = "正在统计……"
SETTLE_OPEN = "本日尚未日结；核对无误后按 F10 结账"
SETTLE_CLOSED = "本日已于{at}由{by}日结，不能再缴费、作废或退费"
CLOSE_QUESTION = ("确认结账？{day}共{receipts}张收据、{people}人、实收{net}元，现金应有{cash}元。"
                  "结账后本日不能再缴费、作废或退费")
CLOSE_QUESTION_DISAGREES = "注意：有{count}项不一致。"
CLOSE_DONE = "已日结：{day}"
PALETTE_SETTLE = "日结"
PALETTE_SETTLE_HELP = "本人本窗口今天的收款统计，核对后结账"

# Figures, as the screen and the text output show them
LINE_TOTALS = "收据{receipts}张（有效{valid}张）  人数{people}  实收{net}元  现金应有{cash}元"
LINE_CHANNEL = ("{channel}：收据{receipts}张  {people}人  收{collected}元  作废{voided}元  "
                "退费{refunded}元  净{net}元")
LINE_RUN = "{kind} {series}-{year}：{first} 至 {last}，共{count}张{others}{missing}"
LINE_RUN_OTHERS = "（其中{count}张为其他经办人或其他日期）"
LINE_RUN_NONE = "本日未开收据"
LINE_RUN_NO_GAP = "，无缺号"
LINE_RUN_GAP = "，缺{count}个号"
LINE_REVERSAL = "{kind} {number}  原收据{receipt}  {amount}元  {reason}"
LINE_NO_REVERSALS = "本日无作废、退费"
LINE_AGREES = "✓ {name}一致"
LINE_DISAGREES = "✗ {name}不一致：{problems}"
HEADING_CHANNELS = "按渠道"
HEADING_RECEIPTS = "收据号"
HEADING_REVERSALS = "作废与退费"
HEADING_AGREEMENTS = "四个一致"
PROBLEM_SEPARATOR = "；"

# The command line
HELP_SETTLE = "日结：某经办人某天在某窗口的收款统计与四个一致核对；--close 结账"
HELP_SETTLE_CLERK = "经办人用户名（须登录：密码从终端输入，或用 --password-stdin）"
HELP_SETTLE_PASSWORD_STDIN = "从标准输入的第一行读取密码"
HELP_SETTLE_FOR = "结算另一位经办人的一天（审核员或以上）；默认是登录者本人"
HELP_SETTLE_COUNTER = "窗口号；默认取配置（YIBAO_COUNTER 或配置文件）"
HELP_SETTLE_DAY = "日期 YYYY-MM-DD；默认今天"
HELP_SETTLE_CLOSE = "核对后结账：本日此后不能再缴费、作废或退费"
SETTLE_CLOSED_NOW = "已日结"
SETTLE_DISAGREES_EXIT = "有不一致之处，见上"
