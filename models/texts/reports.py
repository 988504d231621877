"""Reports written to Excel (issue 15, point 3): titles, sheet names, column headers,
the command's help and its refusals, and the counter's export and progress screens."""

# --- progress (征缴进度), as seed 002's table plus rate and gap ---------------------

PROGRESS_TITLE = "{region}{year}年度城乡居民医保征缴进度表（截至{day}）"
PROGRESS_SHEET = "征缴进度"
PROGRESS_HEADERS = ("序号", "{unit}", "实际人数", "任务数", "缴款人数", "缴款金额（元）",
                    "参保率", "任务完成率", "距任务数", "备注")
UNIT_VILLAGE = "村名"
UNIT_TOWNSHIP = "乡镇"
TOTAL_ROW = "合计"
PROGRESS_TARGETS_OF = "任务数为{year}年度"

# --- unpaid (未缴费清册) -----------------------------------------------------------

UNPAID_TITLE = "{region}{year}年度城乡居民医保未缴费清册（截至{day}）"
UNPAID_SHEET = "未缴费清册"
UNPAID_HEADERS = ("序号", "乡镇", "村(社区)", "户号", "户主", "姓名", "与户主关系", "性别",
                  "身份证号", "联系电话")
UNPAID_COUNT_SHEET = "各村未缴人数"
UNPAID_COUNT_TITLE = "{region}{year}年度各村未缴费人数"
UNPAID_COUNT_HEADERS = ("序号", "乡镇", "村(社区)", "未缴户数", "未缴人数")

# --- payments (缴费明细) ------------------------------------------------------------

PAYMENTS_TITLE = "{region}缴费明细（{start}至{end}）"
PAYMENTS_SHEET = "缴费明细"
PAYMENTS_HEADERS = ("序号", "收据号", "缴费时间", "窗口", "经办人", "渠道", "户号", "姓名",
                    "身份证号", "年度", "类别", "应缴（元）", "补助（元）", "实缴（元）",
                    "状态", "作废/退费单号")
REVERSALS_SHEET = "作废与退费"
REVERSALS_TITLE = "{region}作废与退费（{start}至{end}）"
REVERSALS_HEADERS = ("序号", "单号", "类型", "原收据号", "金额（元）", "原因", "窗口",
                     "经办人", "时间")
REVERSAL_KINDS = {"void": "作废", "refund": "退费"}
PAYMENT_STATUS = {"paid": "已缴费", "void": "已作废", "refunded": "已退费"}
CHANNELS = {"cash": "现金", "pos": "刷卡", "qr": "扫码", "other": "其他", "history": "历史"}

# --- settlement (日结单) ------------------------------------------------------------

SETTLEMENT_TITLE = "{clerk} 在 {counter} 号窗口 {day} 日结单"
SETTLEMENT_SHEET = "日结"
SETTLEMENT_HEADERS = ("渠道", "收据张数", "人数", "收款（元）", "作废（元）", "退费（元）",
                      "净收（元）")
SETTLEMENT_ROSTER_SHEET = "缴费名单"
SETTLEMENT_ROSTER_HEADERS = ("序号", "收据号", "姓名", "年度", "实缴（元）")
SETTLEMENT_AGREEMENTS = "四个一致"
SETTLEMENT_HOLDS = "一致"
SETTLEMENT_FAILS = "不一致"
SETTLEMENT_CASH = "应有现金（元）"

# --- the command ------------------------------------------------------------------

HELP_EXPORT = "导出报表（Excel）：征缴进度、未缴费清册、缴费明细、日结单"
HELP_KIND = "progress 征缴进度 | unpaid 未缴费清册 | payments 缴费明细 | settlement 日结单"
HELP_OUT = "写入的 .xlsx 文件"
HELP_YEAR = "年度（默认：今天所用政策的年度）"
HELP_VILLAGE = "只导出一个村：村名，或 乡镇/村名"
HELP_FULL_IDS = "身份证号不打码（审核员、管理员，须登录）"
HELP_CLERK = "登录的经办员用户名（--full-ids 或 settlement 时）"
HELP_FROM = "起始日（含），默认今天"
HELP_TO = "截止日（含），默认今天"
HELP_FOR = "日结单：另一位经办员（审核员可导出他人的日结单）"
HELP_COUNTER = "日结单：窗口号（默认本机配置的窗口）"
HELP_DAY = "日结单：哪一天（默认今天）"
PROGRESS_WRITING = "写入"
EXPORT_WRITTEN = "已导出{kind}：{path}（{rows}行）"
KIND_NAMES = {"progress": "征缴进度", "unpaid": "未缴费清册", "payments": "缴费明细",
              "settlement": "日结单"}

NO_REGION = "数据库中还没有区域：请先运行 yibao init"
NO_POLICY_YEAR = "{year}年度没有本县的政策文件，无法导出该年度的报表"
NO_POLICY_TODAY = "今天没有生效的政策文件：请用 --year 指定年度"
LIST_SEPARATOR = "、"
UNKNOWN_VILLAGE = "系统中没有村(社区)“{village}”"
AMBIGUOUS_VILLAGE = "“{village}”不止一个乡镇有：请写成 乡镇/村名（{choices}）"
OUT_NOT_XLSX = "导出文件须以 .xlsx 结尾：{path}"
OUT_NOT_WRITTEN = "无法写入 {path}：{reason}"
OUT_IS_FOLDER = "{path} 是文件夹"
BAD_RANGE = "起始日 {start} 晚于截止日 {end}"
FULL_IDS_SUPERVISOR = "完整身份证号只有审核员或管理员可以导出"
CLERK_NEEDED = "{kind}须用 --clerk 登录"

# --- the counter's screens ------------------------------------------------------------

PALETTE_EXPORT = "导出报表"
PALETTE_EXPORT_HELP = "导出征缴进度、未缴费清册、缴费明细或日结单到Excel"
EXPORT_SCREEN_TITLE = ("导出报表：选报表，填年度（可空）、村（可空）和文件路径，"
                       "F10（或回车）导出。")
EXPORT_KIND_LABEL = "报表"
EXPORT_YEAR_PROMPT = "年度，例如 2027（空：今天所用政策的年度）"
EXPORT_VILLAGE_PROMPT = "村名或 乡镇/村名（空：全部）"
EXPORT_FILE_PROMPT = "文件路径，例如 D:/报表/征缴进度.xlsx"
EXPORT_NO_FILE = "请先输入要写入的 .xlsx 文件路径"
EXPORT_BAD_YEAR = "年度应为四位数字"
EXPORT_RUNNING = "正在导出……"
KEY_EXPORT = "导出"

PALETTE_PROGRESS = "征缴进度"
PALETTE_PROGRESS_HELP = "各乡镇、村的缴费人数与任务数，落后的排在前面"
PROGRESS_SCREEN_TITLE = "{region}{year}年度征缴进度（截至{day}）"
PROGRESS_COUNTY = ("全县：缴费{paid}人 / 任务{target}人，完成{rate}；"
                   "今天缴费{today}人，本周{week}人")
PROGRESS_COLUMNS = ("{unit}", "缴费人数", "任务数", "完成率", "进度", "距任务数")
PROGRESS_LOADING = "正在统计……"
KEY_PROGRESS = "征缴进度"
KEY_REFRESH = "刷新"
EXPORT_KINDS = (("progress", "征缴进度"), ("unpaid", "未缴费清册"), ("payments", "今天的缴费明细"),
                ("settlement", "本人今天的日结单"))
