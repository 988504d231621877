"""What is wrong in a policy or region file: the reason part of a refusal that names
the file, the key and the line."""

LIST_SEPARATOR = "、"
NOT_UTF8 = "文件不是 UTF-8 编码"
UNFIT_TEXT = "有空字符（\\u0000）：文件已损坏或被改动"
# Issue 10, point 5: what is not a file, or too big to be one of ours
NOT_A_FILE = "不是普通文件（是文件夹、设备或管道）"
TOO_BIG = "文件太大（最多{limit} KiB）"
UNREADABLE = "无法读取（{reason}）"
NOT_TOML = "不是有效的 TOML（{error}）"
MISSING_TABLE = "缺少这一部分，或它不是表"
UNKNOWN_KEY = "未知的键（可用：{known}）"
NEEDS_TEXT = "应为非空文字"
NEEDS_DATE = "应为日期，如 2026-09-01（不加引号）"
NEEDS_INTEGER = "应为整数"
OUT_OF_RANGE = "应在{low}到{high}之间"
NEEDS_BOOLEAN = "应为 true 或 false"
NEEDS_AMOUNT = "缺少金额"
ONE_OF = "只能是 {options}"
ID_NOT_FILE_NAME = "应与文件名一致（{stem}）"
NEEDS_TEXT_LIST = "应为文字列表"
END_BEFORE_START = "结束日期{end}早于开始日期{start}"
BAD_DAYS_OF_MONTH = "应为 [首日, 末日]，如 [1, 25]"
BENEFIT_NOT_IN_YEAR = "待遇期与待遇年度{year}不符"
WINDOW_AFTER_BENEFIT = "集中缴费期晚于待遇期结束"
NEEDS_A_CASE = "至少需要一个情形"
UNKNOWN_CASE = "未知的情形（可用：{known}；本文件新增的情形须写明 label）"
ONLY_HIGHEST = "目前只支持 highest（多重身份按最高标准，不叠加）"
NEEDS_TABLE = "应为表"
BAD_REGION_CODE = "应为6位行政区划代码（与区域文件的 code 相同）"
NEEDS_BENEFIT_START = "每个情形都要有待遇开始规则"
BAD_BENEFIT_START = ("应为 period_start / from_birth / from_actual_birth / from_event / "
                     "from_payment / next_month / payment_plus_days:N / date:YYYY-MM-DD")
BAD_DATE = "日期无效"
BAD_NEEDS = "只能包含 birth、event"
DAYS_OR_MONTHS = "within_days 与 within_months 只能选一"
LIMIT_NEEDS_REFERENCE = "有期限（within_…）时要说明从出生(birth)还是事件(event)起算"
EXTENSION_BEFORE_WINDOW_END = "延长期{extension}早于集中缴费期结束{end}"
BEFORE_BENEFIT_START = "早于待遇期开始"
LATE_NEEDS_LIMIT = "只有规定了期限（within_…）的情形才有 late"
UNKNOWN_CATEGORY = "未知的身份（可用：{known}；本文件新增的身份须写明 label）"
KEY_NOT_USED = "{kind} 不用 {key}"

# The seed's words and the file's (issue 11)
NEEDS_QUOTE = ("每条规定都要有 quote：原文逐字照录；原文未规定时写 quote = \"\"，"
               "并用 assumption 和 because 写明本文件的假定及理由")
BAD_QUOTE = "quote 应为一段原文，或几段原文组成的列表（每段都不能为空）"
CLAUSE_NOW_QUOTE = ("clause 已拆为 quote（原文，逐字照录）和 assumption / because"
                    "（本文件的假定及理由）")
SILENT_NEEDS_ASSUMPTION = "原文未规定（quote 为空）时，须用 assumption 写明本文件的假定"
ASSUMPTION_NEEDS_REASON = "有 assumption 时须用 because 写明理由"
REASON_NEEDS_ASSUMPTION = "有 because 时须写明 assumption"
WINDOW_NOT_YEAR_BEFORE = ("{year}年度的集中缴费期应在{collect}年开始"
                          "（{collect}年的通知定{collect}年秋季征收的{year}年度标准）")
REPAID_YEAR_BEFORE = "补缴年度应为早于{year}的四位年份"
REFUND_BEFORE_WINDOW = "退费期限早于集中缴费期开始"
BAD_REFUND_UNTIL = "应为 window_end（集中缴费期结束）或一个日期"

LABEL_OF_KNOWN_CODE = "“{code}”已有名称（{label}），不能在政策文件中改名"

REGION_NOT_TOML = "不是有效的 TOML：{error}"
REGION_MISSING_TABLE = "缺少 [{key}] 部分"
REGION_NEEDS_TEXT = "{key} 应为非空文字"
REGION_NEEDS_COUNT = "{key} 应为非负整数"
REGION_BAD_CODE = "region.code 应为6位行政区划代码"
REGION_BAD_ID_CODES = "region.id_region_codes 应为6位代码的列表"
REGION_BAD_UNIT = "targets.unit 只能是 township 或 village"
REGION_NEEDS_TOWNSHIP = "至少需要一个 [[townships]]"
REGION_TOWNSHIP_TWICE = "乡镇“{name}”重复"
REGION_VILLAGE_TWICE = "{township}的村“{village}”重复"
REGION_NO_VILLAGES = "{where}（{name}）按村分解任务，但没有列出村"
REGION_TOTAL_MISMATCH = "targets.{key} 为 {stated}，但各行相加为 {summed}"

# tomllib's reasons (it words them in English), by how they begin; the first that fits
# is used (issue 9)
TOML_REASONS = {
    "Invalid value": "值无效：文字要加引号，日期写成 2026-09-01，金额写成数字",
    "Expected '=' after a key": "键后面缺少 =",
    "Expected newline or end of document after a statement": "值后面多了内容，一行只写一项",
    "Invalid statement": "无法识别的一行",
    "Unclosed array": "列表缺少结尾的 ]",
    "Unclosed inline table": "内联表缺少结尾的 }",
    "Unterminated string": "文字缺少结尾的引号",
    "Invalid date or datetime": "日期无效",
    "Cannot overwrite a value": "同一个键写了两次",
    "Cannot declare": "同一个表写了两次",
    "Cannot redefine namespace": "同一个表写了两次",
    "Cannot mutate immutable namespace": "不能向已写完的表或内联表再添键",
    "Expected ']' at the end of a table declaration": "表头缺少结尾的 ]",
    "Expected ']]' at the end of an array declaration": "表头缺少结尾的 ]]",
    "Invalid initial character for a key part": "键以无效的字符开头",
    "Found invalid character": "有无效的字符",
    "Illegal character '\\n'": "文字缺少结尾的引号",
    "Illegal character": "有无效的字符",
    "Unescaped '\\' in a string": "文字中的 \\ 要写成 \\\\",
    "Duplicate inline table key": "内联表里同一个键写了两次",
}
