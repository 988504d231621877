"""The payments' words (issue 12): refusals and notes of quoting, paying, voiding and
refunding, in Chinese."""

CHANNEL_LABELS = {"cash": "现金", "pos": "银行卡", "qr": "扫码", "other": "其他",
                  "history": "历史缴费"}
PAYMENT_STATUS_LABELS = {"paid": "已缴费", "void": "已作废", "refunded": "已退费"}
REVERSAL_KIND_LABELS = {"void": "作废", "refund": "退费"}

# quoting
ALREADY_PAID = "{year}年度已缴费（收据号{receipt_no}）"
YEAR_LEFT_OUT = "{year}年度未列入：{reason}"
YEAR_ALREADY_PAID_LEFT_OUT = "{year}年度已缴费（收据号{receipt_no}），不再收取"
NOT_IN_REGISTER = "登记中没有证件号为 {id} 的人"

# paying
PAY_NOTHING = "没有要缴费的人：请至少选择一人"
PAY_TWICE_IN_ONE = "{name}在这笔缴费中出现了两次"
PAY_REFUSED_MEMBER = "{who}不能缴费：{reason}"
PERSON_WITH_ID = "{name}（{id}）"
PAY_UNKNOWN_CHANNEL = "缴费方式不对：{channel}（应为 {known}）"
PAY_TENDERED_ONLY_CASH = "只有现金缴费才填写实收金额"
PAY_TENDERED_SHORT = "实收{tendered}元，少于应收{total}元"
PAY_DB_SECOND_YEAR = "{name}的{year}年度已有一笔有效缴费，数据库拒绝重复缴费，什么也没有收"
PAY_DAY_CLOSED = "{clerk}在窗口{counter}的{day}已日结，不能再记入缴费、作废或退费"
PAY_MIXED_HOUSEHOLDS = "一笔缴费只能是同一户的人：{name}不在{hukou_no}户"
RECEIPT_UNKNOWN = "没有收据号为“{receipt_no}”的缴费"
RECEIPT_BAD_KIND = "收据种类不对：{kind}"

# voids and refunds
VOID_NOT_PAID = "收据{receipt_no}的状态为“{status}”，不能再作废"
VOID_OTHER_DAY = "收据{receipt_no}是{day}的缴费：只能当天作废，其后请办理退费"
VOID_HISTORY = "收据{receipt_no}是历史缴费记录，不能作废"
REFUND_NOT_PAID = "收据{receipt_no}的状态为“{status}”，不能退费"
REFUND_NEEDS_REASON = "退费须写明原因"
REVERSAL_NEEDS_REASON = "作废须写明原因"
REFUND_REFUSED = "{year}年度不能退费：{reason}"
