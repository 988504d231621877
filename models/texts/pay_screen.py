"""The counter's pay screen and its void / refund screen (issue 12): titles, keys, fields.

Kept apart from counter.py so that the helpers appending to it at once do not collide;
the words follow the same rules (the clerk's words, money in yuan with two decimals)."""

from models.texts import payments as payment_words

KEY_PAY = "缴费"
KEY_TOGGLE = "选/不选"
KEY_PAY_CONFIRM = "确认缴费"
KEY_REVERSE = "作废/退费"

PAY_TITLE = ("缴费：户号 {hukou_no}　{year}年度"
             "（空格选/不选，↑↓ 换人并在下方改情形；F10 缴费，Esc 返回）")
PAY_LOADING = "正在计算本户各成员的应缴金额……"
PAY_CLOSED_AFTER_MERGE = "本户有记录刚合并，缴费页已关闭：请在人员页按 F9 重新打开"
PAY_QUOTING = "正在重新计算 {name} 的应缴金额……"
PAY_COLUMNS = ("选", "姓名", "关系", "年度", "情形", "标准", "应缴", "资助", "实缴",
               "待遇期", "说明")
RATE_SHORT = {"individual": "个人", "full": "筹资", "free": "免缴"}
PERIOD = "{start}—{end}"
PAY_CHOSEN = "✓"
PAY_NOT_CHOSEN = " "
PAY_REFUSED = "✗"
PAY_REPAID_LINE = "补缴{year}年度"
PAY_WAITING = "等待期{months}个月"
PAY_NOTE_REFUSED = "不能缴费：{reason}"

FIELD_MEMBER = "当前成员"
FIELD_CASE = "参保情形"
FIELD_EVENT_DATE = "事件日期"
FIELD_EVENT_DATE_HINT = "该情形需要的日期，如 2026-10-01（转入、退役、释放、断保等之日）"
FIELD_REPAID = "补缴年数"
FIELD_REPAID_HINT = "按等待期规定补缴以前断缴的年数，0 为不补缴"
FIELD_CHANNEL = "缴费方式"
FIELD_TENDERED = "实收金额（元）"
FIELD_TENDERED_HINT = "现金实收，如 1200 或 1200.50；留空为正好"
CHANNEL_LABELS = payment_words.CHANNEL_LABELS  # one table of channels, in payments.py

DETAILS_TITLE = "{name}（{relation}）{id_number}　出生 {birth}"
DETAILS_REFUSED = "不能缴费：{reason}"
DETAILS_LINE = ("{year}年度　{case}　{rate}　应缴 {gross}　资助 {subsidy}{category}　"
                "实缴 {payable}\n　待遇期 {start} 至 {end}{waiting}")
DETAILS_REPAID = "补缴{year}年度（断缴年度补缴）　实缴 {payable}"
DETAILS_CATEGORY = "（{category}）"
DETAILS_WAITING = "　等待期 {months} 个月"
DETAILS_NO_WAITING = "　无等待期"
DETAILS_CLAUSE = "　·{clause}"
DETAILS_MISSED = "断缴年数 {missed}（按已缴年度算出）　补缴 {repaid} 年"
DETAILS_IDENTITIES = "缴费日有效身份：{identities}"
DETAILS_NO_IDENTITY = "缴费日有效身份：无"
DETAILS_BIRTH_DATE = "新生儿按登记的出生日期 {birth} 计算"
DETAILS_NOTE = "注：{note}"
PAY_YEAR = "{year}年度"
DETAILS_NOT_CHOSEN = "（未选中：不在本次缴费中）"

TOTAL_LINE = "合计：{count} 人 {lines} 笔，{total} 元"
TOTAL_CHANGE = "　实收 {tendered} 元，找零 {change} 元"
TOTAL_EXACT = "　实收正好（未填实收金额）"
TOTAL_SHORT = "　实收 {tendered} 元，还差 {short} 元"
TOTAL_BAD_TENDERED = "　实收金额格式不对：{text}（如 1200 或 1200.50）"

PAY_NOBODY = "没有选中可缴费的成员：用空格选中要缴费的人"
PAY_CANNOT_CHOOSE = "{name} 不能缴费：{reason}"
PAY_STILL_QUOTING = "还在计算应缴金额，请稍候再按 F10"
PAY_MEMBER_PROBLEM = "{name}：{problem}"
PAY_NEEDS_EVENT_DATE = "请录入“{case}”需要的事件日期"
PAY_BAD_REPAID = "补缴年数应为 0 或正整数：{text}"
PAY_SHORT = "实收 {tendered} 元不足应收 {total} 元"
PAY_CONFIRM = ("确认缴费？\n{members}\n合计 {total} 元，{channel}{cash}")
PAY_CONFIRM_MEMBER = "　{name}：{years}　{payable} 元"
PAY_CONFIRM_CASH = "，实收 {tendered} 元，找零 {change} 元"
PAY_DONE_TITLE = "已缴费：收据号 {receipt_no}（回车或 Esc 返回人员页）"
PAY_DONE_NOTICE = "已缴费，收据号 {receipt_no}"
RECEIPT_NO = "收据号"
RECEIPT_TOTAL = "合计"
RECEIPT_CHANNEL = "缴费方式"
RECEIPT_TENDERED = "实收/找零"
RECEIPT_TENDERED_VALUE = "{tendered} 元 / {change} 元"
RECEIPT_CLERK = "经办员"
RECEIPT_TIME = "时间"
RECEIPT_STATUS = "状态"
RECEIPT_MEMBER = "{name}"
RECEIPT_MEMBER_LINE = "{year}年度 {case} {payable} 元"
RECEIPT_TIME_FORMAT = "%Y-%m-%d %H:%M"

# The person screen's payments, and voiding or refunding one
SECTION_PAYMENTS = "缴费记录（回车作废或退费）"
PAYMENT_COLUMNS = ("收据号", "时间", "缴费方式", "金额", "状态", "成员", "作废/退费")
PAYMENT_STATUS_LABELS = payment_words.PAYMENT_STATUS_LABELS
CHANNEL_HISTORY = "历史"
REVERSAL_KIND_LABELS = payment_words.REVERSAL_KIND_LABELS
REVERSAL_DONE = "{kind} {number}"
REVERSE_TITLE = "作废或退费（F10 办理，Esc 返回）"
FIELD_RECEIPT = "收据号"
FIELD_RECEIPT_HINT = "输入收据号后回车，如 430225-01-2026-000001"
FIELD_REVERSAL_KIND = "办理"
FIELD_REVERSAL_REASON = "原因"
REVERSE_KIND_OPTIONS = {"void": "当日作废（需主管）", "refund": "退费（须写明原因）"}
REVERSE_LOADING = "正在读取收据……"
REVERSE_RECEIPT_NEEDED = "请先输入收据号并回车"
REVERSE_NOT_PAID = "此收据已{status}，不能再作废或退费"
REVERSE_NEEDS_SUPERVISOR = "当日作废须由主管办理：{name}（{role}）不是主管，请主管登录后作废"
REVERSE_REASON_NEEDED = "请填写{kind}原因"
REVERSE_CONFIRM = "确认{kind}收据 {receipt_no}（{total} 元，{members}）？\n原因：{reason}"
REVERSE_DONE = "已{kind}：收据 {receipt_no}，编号 {number}"
REVERSE_RECEIPT = ("收据号 {receipt_no}　{status}　{channel} {total} 元　{at}　经办员 {clerk}\n"
                   "{members}")
REVERSE_RECEIPT_MEMBER = "　{name}：{lines}"
PALETTE_REVERSE = "作废/退费"
PALETTE_REVERSE_HELP = "按收据号作废（当日，主管）或退费（写明原因）"
