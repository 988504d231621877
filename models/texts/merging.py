"""The words of merging duplicate records (issue 14, points 4 to 6): refusals, the review
screens and the `yibao merge` / `yibao unmerge` commands, in Chinese."""

FIELD_LABELS = {"name": "姓名", "id_number": "证件号码", "gender": "性别",
                "birth_date": "出生日期", "phone": "联系电话", "household": "户籍（户与关系）"}
SIDE_LABELS = {"survivor": "保留记录", "other": "被合并记录"}
TABLE_LABELS = {"enrollment": "参保年度", "payment_line": "缴费明细", "identity_tag": "身份标识"}
CANDIDATE_STATUS_LABELS = {"open": "待审核", "confirmed": "已确认", "dismissed": "已排除",
                           "merged": "已合并"}
DECISION_LABELS = {"sure": "确定重复", "review": "待人工审核"}

# refusals
SAME_RECORD = "不能把一条记录合并到它自己"
NOT_MERGEABLE = "{name}（记录{id}）状态为{status}，不能合并"
UNKNOWN_FIELD = "没有这个字段：{field}（可选：{known}）"
UNKNOWN_SIDE = "字段 {field} 的取值应为 survivor 或 other，而不是 {side}"
KEEP_PAYMENT_UNKNOWN = "收据 {receipt_no} 不是这两条记录同一年度的重复缴费"
PAID_TWICE = ("{year}年度两条记录都已缴费（收据{survivor}、{other}）：请选定保留哪一笔"
              "（命令行用 --keep-payment 收据号），另一笔将退费")
REFUND_TOO_WIDE = "收据 {receipt_no} 还包含其他人或其他年度的缴费：请先在窗口办理退费，再合并"
NEW_HEAD_NOT_MEMBER = "记录{id}不是该户的在册成员，不能做新户主"
PROBLEMS = "不能合并：{problems}"
PERSON_UNKNOWN = "找不到记录：{ref}"
PERSON_AMBIGUOUS = "证件号 {ref} 对应多条记录（{ids}）：请用记录号"
REFUND_REASON = "重复登记合并，重复缴费退费"
MERGE_UNKNOWN = "没有编号为 {id} 的合并记录"
ALREADY_UNDONE = "合并 {id} 已于 {at} 由 {by} 撤销"
UNMERGE_CHANGED = ("合并 {id} 之后，{who}的{field}又改过（合并时为“{merged}”，现在为“{now}”）："
                   "不能自动撤销，请先把它改回，或另行更正")
UNMERGE_ROW_CHANGED = "合并 {id} 之后，{what}又被改动过：不能自动撤销"
UNMERGE_BLOCKED = "撤销合并 {id} 会与现有登记冲突（{reason}）：不能撤销"
UNMERGE_REFUND_STAYS = "合并时办理的退费（{numbers}）不随撤销恢复，如需要请重新缴费"
CANDIDATE_NOT_OPEN = "这对记录已是{status}，不能再{action}"
CANDIDATE_UNKNOWN = "没有编号为 {id} 的疑似重复"
BULK_NEEDS_SUPERVISOR = "批量合并需要审核员"
WHO_PERSON = "{name}（记录{id}）"
WHO_ROW = "{what}（编号{id}）"
ROW_LABELS = {"household": "户", "enrollment": "参保年度", "payment_line": "缴费明细",
              "identity_tag": "身份标识", "duplicate_candidate": "疑似重复"}
COLUMN_LABELS = {"name": "姓名", "id_number": "证件号码", "id_type": "证件类型",
                 "gender": "性别", "birth_date": "出生日期", "phone": "联系电话",
                 "household": "所在户", "relation": "与户主关系", "status": "状态",
                 "person": "所属人员", "status_date": "状态日期", "merged_into": "合并到"}
UNKNOWN_DECISION = "不认识的审核结论：{status}"

# the command line
HELP_MERGE = "合并两条重复登记（保留记录、被合并记录），或用 --sure 批量合并确定重复"
HELP_UNMERGE = "撤销一次合并（审核员）：两条记录和移动过的数据恢复原样"
HELP_SURVIVOR = "保留的记录：证件号码或记录号"
HELP_OTHER = "被合并的记录：证件号码或记录号"
HELP_KEEP = "该字段取被合并记录的值，如 name=other（字段：{fields}）"
HELP_KEEP_PAYMENT = "两条记录同一年度都已缴费时，保留的那笔收据号（另一笔退费）"
HELP_NEW_HEAD = "户主被合并走时指定新户主：户的编号=记录号"
HELP_SURE = "批量合并全部“确定重复”的疑似重复（审核员）"
HELP_DRY_RUN = "只列出将要做的合并，不写入"
HELP_MERGE_ID = "合并编号"
MERGE_NEEDS_TWO = "请给出保留记录和被合并记录两条，或只用 --sure"
BAD_PAIR = "{option} 的写法不对：{text}（应为 名称=值）"
MERGED = "已合并（合并编号 {id}）：{other} 并入 {survivor}；移入：{moved}；取被合并记录的：{taken}"
MERGE_DRY = "将合并（未写入）：{other} 并入 {survivor}；移入：{moved}；取被合并记录的：{taken}"
MERGE_REFUNDS = "；退费：{numbers}"
NOTHING_MOVED = "无"
NOTHING_TAKEN = "无"
UNMERGED = "已撤销合并 {id}：{survivor} 与 {other} 恢复为两条记录"
UNMERGE_CARRIED = "合并后的改动保留在原记录上：{what}"
BULK_REFUSED = "疑似重复 {id} 未合并：{reason}"
BULK_SUMMARY = "批量合并完成：合并 {done} 对，留待人工 {refused} 对"
BULK_DRY_SUMMARY = "试运行：可合并 {done} 对，留待人工 {refused} 对（未写入）"

# the counter's screens
PALETTE_REVIEW = "重复审核"
PALETTE_REVIEW_HELP = "疑似重复登记：按村、按分数审核，合并或排除"
KEY_REVIEW = "重复审核"
KEY_OPEN = "打开"
KEY_BACK = "返回"
KEY_RELOAD = "刷新"
KEY_BULK = "批量合并确定重复"
KEY_TOGGLE = "换取值"
KEY_SWAP = "换保留记录"
KEY_MERGE = "合并"
KEY_DISMISS = "不是同一人"
KEY_CONFIRM = "确认同一人"
KEY_MERGE_REVIEW = "审核合并"
QUEUE_TITLE = "疑似重复登记（{count} 对{more}）"
QUEUE_MORE = "，仅列出前面的"
QUEUE_EMPTY = "没有待审核的疑似重复"
QUEUE_LOADING = "正在读取……"
QUEUE_COLUMNS = ("分数", "判断", "村", "记录一", "记录二", "理由")
ALL_VILLAGES = "全部村"
VILLAGE_WITH_COUNT = "{name}（{count}）"
COMPARE_TITLE = "保留记录：{survivor}    被合并记录：{other}    {score}"
COMPARE_SCORE = "分数 {score:.2f}：{reasons}"
COMPARE_NO_CANDIDATE = "（未经扫描，等待合并的记录）"
COMPARE_COLUMNS = ("", "字段", "保留记录", "被合并记录", "合并后取")
DIFFERS_MARK = "≠"
PAID_TWICE_ROW = "{year}年度重复缴费"
PAID_TWICE_CHOOSE = "请选定保留哪一笔（Enter）"
PAID_TWICE_KEEP = "保留 {receipt_no}，另一笔退费"
SECTION_HOUSEHOLDS = "两条记录的户"
SECTION_IDENTITIES = "身份标识"
SECTION_PAYMENTS = "参保与缴费"
RECORD_SURVIVOR = "保留"
RECORD_OTHER = "被合并"
HOUSEHOLD_COLUMNS = ("记录", "户号", "乡镇", "村", "关系", "户成员")
IDENTITY_COLUMNS = ("记录", "类别", "认定部门", "起", "止")
PAYMENT_COLUMNS = ("记录", "年度", "状态", "应缴", "收据号")
OPEN_END = "—"
MERGE_QUESTION = ("把 {other} 合并到 {survivor}？\n取被合并记录的：{taken}\n"
                  "将移入：参保年度 {enrollment}、缴费明细 {payment_line}、身份标识 {identity_tag}"
                  "{refunds}\n被合并的记录不会删除，标为“已合并”。")
MERGE_QUESTION_REFUNDS = "\n将退费：{numbers}"
MERGE_QUESTION_HEADS = "\n户主被合并走的户，新户主：{names}"
MERGE_DONE = "已合并（合并编号 {id}）{refunds}"
MERGE_DONE_REFUNDS = "，退费 {numbers}"
DISMISS_DONE = "已记为不是同一人：以后的扫描不再提出这一对"
CONFIRM_DONE = "已确认是同一人：可以合并"
NO_CANDIDATE = "这对记录不在疑似重复名单中：只能合并"
BULK_QUESTION = "试运行：可合并 {done} 对，留待人工 {refused} 对。\n现在合并这 {done} 对？"
BULK_NOTHING = "没有可批量合并的“确定重复”"
BULK_DONE = "批量合并完成：合并 {done} 对，留待人工 {refused} 对"
AWAITING_MERGE_KEY = "此记录等待合并：按 F10 审核合并"
NO_PAIR = "这条记录没有待审核的重复"
MERGED_KEY = "此记录已并入另一条记录：按 F10 打开那条记录"
PAY_AWAITING_MERGE_KEY = "{reason}（按 F7 审核合并）"
LIST_SEPARATOR = "、"
CLAUSE_SEPARATOR = "；"
