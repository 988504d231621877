"""The domain's messages to a clerk: refusals and explanations, in Chinese."""


# Identity documents
ID_EMPTY = "请输入证件号码"
ID_TYPE_NONE_HAS_NUMBER = "证件类型为“无证件”时不应填写号码"
ID_TYPE_MISMATCH = "号码看起来是{detected}，但选择的证件类型是{wanted}，请核对"
ID_WRONG_LENGTH = "身份证号应为18位（或旧的15位），现在是{length}位"
ID_BAD_CHARACTER = "证件号码中有不该出现的字符“{char}”：身份证号只能是数字，最后一位可以是X"
ID_FIRST17_DIGITS = "身份证号前17位必须都是数字"
ID_LAST_CHAR = "身份证号最后一位只能是数字或X"
ID_BAD_BIRTH_DATE = "身份证号中的出生日期{digits}不是有效日期"
ID_BIRTH_IN_FUTURE = "身份证号中的出生日期{date}在今天之后"
ID_CHECKSUM = "身份证号校验位错误，应为{expected}（若末位无误，请逐位核对前17位）"
ID_UNKNOWN_REGION = "身份证号前6位地区码{code}不存在，请核对"
ID15_SHAPE = "旧身份证号应为15位数字"
ID15_TOO_OLD = (
    "15位身份证号换算出的出生年份为{year}年，年龄超过100岁，系统不作推测；"
    "请核对户口簿后直接录入18位号码"
)
HMT_PREFIX = "港澳台居民居住证号码应以810000（香港）、820000（澳门）或830000（台湾）开头"
FOREIGN_SHAPE = "外国人永久居留身份证号码应为18位（以9开头）或旧版15位（3个字母加12位数字）"
BIRTH_CERT_SHAPE = "出生医学证明编号应为1个字母加9位数字，例如 P430012345"
ID_NEEDS_BIRTH_DATE = "{kind}号码中读不出出生日期，请录入出生日期"
ID_BIRTH_MISMATCH = "出生日期与证件号码不一致：号码中为{in_number}，录入的是{entered}"
ID_GENDER_MISMATCH = "性别与证件号码不一致：号码表示{in_number}，录入的是{entered}"

# Names
NAME_EMPTY = "请输入姓名"
NAME_BAD_CHARACTER = "姓名中有不该出现的字符“{char}”"
NAME_TOO_LONG = "姓名过长（最多{limit}个字）"

# Lookup
LOOKUP_EMPTY = "请输入要查找的内容：身份证号、姓名、拼音首字母、户号或手机号"
LOOKUP_TOO_SHORT_DIGITS = "数字太短：身份证号至少输入后6位，手机号输入完整11位"
LOOKUP_UNRECOGNISED = "无法识别的查询“{text}”：可输入身份证号、姓名、拼音首字母、户号或手机号"
LOOKUP_TOO_LONG = "查询内容过长（最多{limit}个字符）"

# Database
DB_BAD_URL = "数据库地址不对：{url}（应为 sqlite:///路径 或 postgresql://用户@主机/库名）"
DB_CANNOT_OPEN = "无法打开数据库 {url}：{reason}"
PG_DRIVER_MISSING = ("这台电脑没有装 PostgreSQL 的驱动：请用 pip install -e '.[postgresql]'"
                     "（或 pip install psycopg2-binary）安装后再试")
DB_NOT_INITIALISED = "数据库尚未初始化：请先运行 yibao init --db {url} --region 区域文件"
DB_BUSY = "数据库正忙（另一个窗口正在保存），请稍后再试；已填写的内容保留"
DB_CONFLICT = "数据库同时收到其他窗口的保存，重试{attempts}次仍未成功，请稍后再试；已填写的内容保留"
DB_CONNECTION_LOST = ("与数据库的连接中断（服务器可能重启过）：请先查看刚才的操作是否已保存，"
                      "再试一次，将自动重新连接；已填写的内容保留")
DB_FAILED = "数据库出错：{reason}；已填写的内容保留"
DB_NOT_ALLOWED = ("当前数据库账号无权做这件事（{reason}）：柜台用的是权限受限的应用账号，"
                  "建库、升级和演示库要用数据库所有者的账号")
DB_BAD_BUSY_TIMEOUT = "{name} 应为 0 到 3600 之间的秒数，而不是“{value}”"
TEXT_UNFIT = "文字中有无法保存的字符（空字符或残缺的符号）：请删掉后再保存"
DB_NO_REGION = "数据库中还没有区域数据：请先运行 yibao init --db {url} --region 区域文件"

# Regions
REGION_FILE_MISSING = "找不到区域文件：{path}"
REGION_FILE_BAD = "区域文件 {path} 有误：{reason}"
REGION_ALREADY_LOADED = "数据库中已有区域“{name}”，不能再载入区域“{other}”"

# Clerks
CLERK_EXISTS = "用户名“{username}”已存在"
CLERK_BAD_ROLE = "角色只能是 clerk（经办员）、supervisor（审核员）或 admin（管理员）"
CLERK_BAD_USERNAME = "用户名只能由字母、数字和下划线组成，3至32位"
CLERK_WEAK_PASSWORD = "密码至少8位"
CLERK_UNKNOWN = "用户名或密码错误"
CLERK_LOCKED = "账号已锁定，请{minutes}分钟后再试或联系管理员"

# Audit
AUDIT_OK = "审计链完好：共{count}条记录"
AUDIT_BROKEN_HASH = "第{seq}条审计记录内容被改动（哈希不符）"
AUDIT_BROKEN_LINK = "第{seq}条审计记录之前的记录缺失或被改动（链接不符）"
AUDIT_MISSING_TAIL = "审计链末尾的记录缺失：应有{expected}条，只找到{found}条"
AUDIT_GAP = "审计记录序号不连续：第{expected}条缺失"
# The keyed chain, anchors and sealed records (issue 10, point 1)
AUDIT_KEY_MISSING = ("找不到审计密钥文件 {path}。这台电脑还没有本厅的审计密钥："
                     "请从已在使用的柜台复制审计密钥文件到 {path}（权限 600），"
                     "或用环境变量 YIBAO_AUDIT_KEY 或配置文件的 audit_key 指明它的位置")
AUDIT_KEY_UNREADABLE = "审计密钥文件 {path} 无法读取：{reason}"
AUDIT_KEY_BAD_FILE = "审计密钥文件 {path} 已损坏：应为{size}字节的密钥"
AUDIT_KEY_WRONG = ("审计密钥与本数据库不符：{path} 不是本厅的审计密钥。"
                   "请从已在使用的柜台复制正确的审计密钥文件")
AUDIT_KEY_PATH_BAD = "audit_key 应是审计密钥文件的路径"
AUDIT_NOT_UPGRADED = "此数据库尚未升级到带密钥的审计链：请先用本版本打开一次（例如 yibao init）"
AUDIT_META_MISSING = ("数据库中没有审计密钥登记：它被删除了，"
                      "或此数据库升级后还没有用 yibao 命令或窗口打开过")
AUDIT_META_ALTERED = "审计密钥记录被改动"
AUDIT_OUT_OF_RANGE = "第{seq}条审计记录的序号不在1至{head}之内：是伪造或残留的记录"
AUDIT_UNCOUNTED = "有{count}条审计记录未能按序核对"
AUDIT_BEFORE_KEY = "审计链被回退到启用密钥（第{seq}条）之前"
AUDIT_LOCAL_ANCHOR_BROKEN = ("本柜台记下的审计锚（第{seq}条，{path}）与审计链不符："
                             "审计链在此之后被回退或改写")
AUDIT_ANCHOR_BAD = "审计锚“{text}”格式不对：应为 yibao-audit 序号 时间 链头 校验码"
AUDIT_ANCHOR_FILE_BAD = "审计锚文件 {path} 无法读取：{reason}"
AUDIT_ANCHOR_FILE_EMPTY = "审计锚文件 {path} 中没有审计锚"
AUDIT_ANCHOR_FORGED = "审计锚“{anchor}”的校验码不符：不是本数据库的审计锚，或抄写有误"
AUDIT_ANCHOR_REWOUND = "审计锚“{anchor}”记的是第{seq}条，审计链现在只到第{head}条：审计链被回退"
AUDIT_ANCHOR_REWRITTEN = "审计锚“{anchor}”记的第{seq}条与审计链不符：审计链被改写"
AUDIT_ANCHOR_EMPTY = "审计链还没有记录，无可记下的审计锚"
AUDIT_ANCHOR_NOT_SAVED = "审计锚未能写入 {path}：{reason}（办理结果已保存）"
AUDIT_PERSON_UNSEALED = "人员 {id} 的第 {version} 版没有审计事件对应"
AUDIT_PERSONS_MORE = "另有{count}人的记录没有审计事件对应"
AUDIT_UNKEYED = "其中{count}条早于审计密钥启用，按旧规则（无密钥）核对"
AUDIT_PEOPLE_OK = "人员记录与审计事件相符：共{count}人"
AUDIT_ANCHORS_OK = "审计锚相符：{count}个"

# Generator
GENERATE_BAD_COUNT = "人数必须是正整数"
GENERATE_BAD_RATE = "重复率必须在0到0.5之间"
GENERATE_NOT_EMPTY = "数据库中已有{count}人，生成的县只能写入空库"

# Bulk writer (the generator, roster imports)
BULK_OUTSIDE_UNIT_OF_WORK = "批量写入只能在办理事务之内进行"
BULK_BAD_ROW = "批量写入的{kind}记录有误：{reason}（{row}）"
BULK_KIND_HOUSEHOLD = "户"
BULK_KIND_PERSON = "人员"
BULK_KIND_IDENTITY = "身份属性"
BULK_KIND_ENROLLMENT = "参保"
BULK_KIND_PAYMENT = "缴费"
BULK_BAD_VALUE = "{field}的值{value}不符合要求"
BULK_NO_VILLAGE = "村（社区）编号{id}不存在"
BULK_NO_HOUSEHOLD = "户编号{id}不存在"
BULK_NO_PERSON = "人员编号{id}不存在"
BULK_SECOND_HEAD = "户编号{id}已有户主"
BULK_BAD_AMOUNTS = "金额不符：总额{gross}分、资助{subsidy}分、个人缴费{payable}分"
BULK_QUOTE_REFUSED = "政策{policy}不允许在{on}缴费：{reason}"
BULK_REFUSED_BY_DATABASE = "数据库拒绝写入{table}：{reason}"

# Policy files and quotes
LIST_SEPARATOR = "、"
CLAUSE_SEPARATOR = "；"
POLICY_UNKNOWN = "没有这个政策文件：{id}（现有：{known}）"
POLICY_FILE_MISSING = "找不到政策文件：{path}"
POLICY_BAD = "政策文件 {path} 第{line}行，键 {key}：{reason}"
QUOTE_UNKNOWN_CASE = "未知的情形：{case}（可用：{known}）"
QUOTE_UNKNOWN_IDENTITY = "未知的身份属性：{identity}（可用：{known}）"
QUOTE_NEEDS_BIRTH = "此情形需要出生日期（--birth）"
QUOTE_NEEDS_EVENT = "此情形需要事件日期（--event：迁入、断保、进入福利机构或释放的日期）"
QUOTE_BIRTH_AFTER_PAYMENT = "出生日期{birth}晚于缴费日期{on}"
QUOTE_EVENT_AFTER_PAYMENT = "事件日期{event}晚于缴费日期{on}"
QUOTE_BAD_YEARS = "断保年数和补缴年数不能为负，补缴年数不能多于断保年数"
QUOTE_NOT_PROVIDED = "{region}{year}年度政策未规定“{case}”这一情形"
QUOTE_BEFORE_WINDOW = "缴费日期{on}早于集中缴费期开始（{start}）"
QUOTE_OUTSIDE_WINDOW = "缴费日期{on}不在缴费期内（{start}至{end}）"
QUOTE_BAD_DAY_OF_MONTH = "缴费期内只有每月{first}日至{last}日可以缴费，{on}不可以"
QUOTE_IN_WINDOW_USE_REGULAR = "缴费日期{on}在集中缴费期内，请按正常参保（regular）办理"
QUOTE_TOO_LATE = "已超过规定期限（{limit}），且政策未规定逾期办法"
QUOTE_AFTER_BENEFIT_END = "缴费日期{on}已过待遇期结束（{end}）"
QUOTE_NOT_BORN_IN_YEAR = "此情形只适用于{year}年出生的婴儿"
QUOTE_UNBORN_BORN = "婴儿已出生（{birth}），请按新生儿办理"
QUOTE_START_AFTER_END = "按规定的待遇开始日{start}已晚于待遇期结束{end}"
QUOTE_LIMIT_DAYS = "{ref}后{n}天内"
QUOTE_LIMIT_MONTHS = "{ref}后{n}个月内"
QUOTE_REF_BIRTH = "出生"
QUOTE_REF_EVENT = "事件发生"
QUOTE_CLAUSE_IGNORED_IDENTITY = "身份“{label}”在本政策中无资助标准，未计入"
QUOTE_CLAUSE_WAITING = "{clause}（断保{missed}年、补缴{repaid}年：等待期{months}个月）"

# Citations, years, charges and refunds (issue 11: the seed's words and the file's)
CITATION_QUOTED = "{ref}「{quote}」"
CITATION_PIECES_JOIN = "……"
CITATION_REF_ONLY = "{ref}："
CITATION_ASSUMED = "〔本文件的假定，非原文〕{assumption}（理由：{because}）"
QUOTE_REFERENCE_BIRTH = "出生"
QUOTE_REFERENCE_EVENT = "事件发生"
QUOTE_NO_POLICY_FOR_YEAR = "没有{region}{year}年度的政策文件，{year}年度的缴费和待遇无法测算"
QUOTE_BEFORE_YEAR_IN_WINDOW = (
    "{reference}于{reference_date}，在{year}年度之前：{year}年度在集中参保缴费期内按普通参保办理；"
    "{first}年度自{reference_date}起的待遇按{first}年度的政策另算")
QUOTE_BEFORE_YEAR_LATER = (
    "{reference}于{reference_date}，在{year}年度之前：本项只算{year}年度；"
    "{first}年度自{reference_date}起的待遇按{first}年度的政策另算")
QUOTE_PAID_AFTER_YEAR = "{year}年度已结束，但缴费在{limit}，仍按{year}年度办理"
QUOTE_START_ON_BIRTH = (
    "待遇自婴儿实际出生之日起；预产期{due}只用于核对，出生后更正登记时确定待遇开始日")
QUOTE_UNBORN_BIRTH_OUTSIDE_YEAR = (
    "实际出生日期{birth}晚于{year}年度，提前缴纳的{year}年度参保金不能从出生之日起享受")
QUOTE_REPAID_WITHOUT_RULES = "本政策文件没有断保补缴的规定，不能按补缴年数测算"
REFUND_NO_RULE = "{region}{year}年度政策文件未规定退费申请期限"
REFUND_TOO_EARLY = "申请日期{on}早于{year}年度集中缴费期开始（{start}）"
REFUND_TOO_LATE = "退费须在{until}（含）之前申请，{on}已过期限"

# Registration, correction, households
PERSON_NOT_FOUND = "找不到这个人（编号{id}）"
HOUSEHOLD_NOT_FOUND = "找不到这个户（{ref}）"
PERSON_IN_HOUSEHOLD = "{name}（户号{hukou_no}）"  # a person named in a history entry
VILLAGE_NOT_FOUND = "找不到这个村（社区）"
BAD_RELATION = "与户主关系不对：{relation}"
BAD_GENDER = "请选择性别"
NEEDS_BIRTH_DATE = "请录入出生日期"
BIRTH_IN_FUTURE = "出生日期{date}在今天之后"
BAD_PHONE = "手机号应为11位数字，以1开头"
PLACEHOLDER_SUFFIX = "宝宝"  # an unnamed baby: parent's name + this
PLACEHOLDER_NEEDS_PARENT = "未取名的婴儿按“父亲或母亲姓名+宝宝”登记，如“王芳宝宝”"
ID_NUMBER_REQUIRED = "请录入证件号码（无证件请选择“无证件”）"
NEEDS_REASON = "请填写办理原因"
NEEDS_DOCUMENTS = "请勾选已查验的材料"
POSSIBLE_DUPLICATES = "已有{count}条可能相同的登记：请打开已有记录，或填写原因后仍然登记"
HOUSEHOLD_HAS_HEAD = "该户已有户主（{name}），新成员不能再登记为户主"
NEW_HOUSEHOLD_NEEDS_HEAD = "新立户的第一个人必须是户主"
HOUSEHOLD_NEEDS_NEW_HEAD = "此人是户主，户内还有{count}人：请先指定新户主"
NEW_HEAD_NOT_MEMBER = "新户主必须是本户的在册成员"
NOT_ACTIVE = "此人状态为“{status}”，不能办理"
VERSION_CONFLICT = (
    "此人的信息刚被其他窗口修改过（版本{expected}→{actual}）。"
    "您录入的内容仍在屏幕上：核对最新登记后可再次保存"
)
HOUSEHOLD_VERSION_CONFLICT = "该户信息刚被其他窗口修改过，请重新打开后再办理"
ID_TAKEN = "证件号{number}已登记在{name}（户号{hukou_no}）名下：如为同一人，请合并记录"
SAME_HOUSEHOLD = "此人已在该户"
NOTHING_CHANGED = "没有修改任何内容"
STATUS_DATE_FUTURE = "日期{date}在今天之后"
BAD_STATUS = "状态只能是“已迁出”或“已死亡”"

# Who acts
ROLE_REQUIRED = "此操作需要{role}权限"
CONFIG_BAD = "配置文件 {path} 有误：{reason}"
COUNTER_BAD = "窗口号（counter）应为1到8位字母或数字，如 01"
AUDIT_OUTSIDE_TRANSACTION = "审计记录只能在办理事务之内写入"
AFTER_COMMIT_FAILED = "已保存，但随后的步骤未完成：{reasons}"
AFTER_COMMIT_FOREIGN_TRANSACTION = "办理事务外另有事务：提交后的步骤无法确定何时执行，已拒绝"

# Money and the clock
MONEY_NOT_BOOLEAN = "金额不能是真假值"
MONEY_NEGATIVE = "金额不能为负"
MONEY_SHAPE = "金额应写成整数元（如 280）或带至多两位小数的文字（如 \"280.50\"）"
BAD_TODAY = "日期格式不对：{text}（应为 2026-11-22 这样的格式）"

# Issue 9: data that must never be saved
BIRTH_TOO_EARLY = "出生日期{date}不合理：不能早于{earliest}（1900年以前或{age}岁以上），请核对"
ADDRESS_TOO_LONG = "地址过长：最多{limit}个字，现在是{length}个字"
REASON_TOO_LONG = "原因过长：最多{limit}个字，现在是{length}个字"
ID_ALREADY_REGISTERED = (
    "证件号{number}已登记在{name}（户号{hukou_no}）名下：同一证件号不能再登记，"
    "请打开已有记录核对或修正")
PAY_AWAITING_MERGE = "此记录与{name}（户号{hukou_no}）证件号相同，待合并：合并前不能缴费"
PAY_AWAITING_MERGE_ALONE = "此记录待合并：合并前不能缴费"
PAY_MERGED = "此记录已合并到{name}（户号{hukou_no}）：请在该记录上缴费"
PAY_NOT_ACTIVE = "此人状态为“{status}”，不能缴费"
HEAD_IS_MINOR = "{name}未满18周岁（{age}岁），户内还有成年人{adult}：请选成年人为户主"
RELATION_NOT_MEMBER = "要改关系的人（编号{id}）不是本户的在册成员"
RELATION_NOT_SELF = "{name}不能也改为户主：一户只有一个户主"
# Opening a database that is not there; clerk administration (issue 9)
DB_MISSING = ("没有数据库文件 {path}（数据库尚未初始化）：新库请先运行 "
              "yibao init --db {url} --region 区域文件，或检查 --db 的路径")
CLERK_NO_SUCH = "没有账号“{username}”"
CLERK_DISABLED = "账号“{username}”已停用"
CLERK_NOT_LOCKED = "账号“{username}”没有被锁定"
CLERK_DISABLE_SELF = "不能停用自己正在使用的账号"

# Handing over the head
OLD_HEAD_STAYS_HEAD = "原户主交出户主后不能仍为“户主”：请为原户主选择新的与户主关系"

# Input no rule knows (issue 10, point 5): a refusal, never a KeyError or ValueError
UNKNOWN_GENDER = "性别不对：{gender}（应为男或女）"
UNKNOWN_ID_TYPE = "证件类型不对：{id_type}"
QUOTE_TOO_MANY_YEARS = "断保年数和补缴年数最多{limit}年"
QUOTE_DATE_OUT_OF_RANGE = "日期{date}太远，无法测算"
LOOKUP_NOT_TEXT = "查询中有无法使用的字符（空字符，或不完整的文字）：请重新输入"

# PostgreSQL: the owner migrates, the counters use the app role (models/core/app_role.py)
DB_NEEDS_UPGRADE = ("数据库需要升级（还有{count}个迁移未运行），请由管理员用所有者账号运行 "
                    "yibao init --db postgresql://所有者@服务器/{database} --region 区域文件："
                    "当前账号 {user} 不是数据库 {database} 的所有者，什么也没有改动")
DB_NO_RIGHTS = ("当前账号 {user} 没有使用数据库 {database} 的权限：请由管理员用所有者账号运行 "
                "yibao init --db postgresql://所有者@服务器/{database} --region 区域文件，"
                "给应用账号授权")
DB_INIT_NEEDS_OWNER = ("yibao init 要用数据库所有者的账号运行：当前账号 {user} 不是数据库 "
                       "{database} 的所有者，什么也没有改动")
APP_ROLE_MISSING = ("数据库服务器上没有应用账号 {role}：请管理员先以 postgres 身份运行 "
                    "CREATE ROLE {role} LOGIN PASSWORD '……'; 再运行 yibao init")
APP_ROLE_TOO_STRONG = ("应用账号 {role} 不能是超级用户，也不能是数据库 {database} 的所有者"
                       "或其成员：柜台要用一个权限受限的账号（--app-role）")
APP_ROLE_BAD_NAME = "应用账号名只能由小写字母、数字和下划线组成，不以数字开头，最长63个字符：{role}"
