"""Every Chinese message the domain layer shows a clerk, kept together."""

GENDER_LABELS = {"M": "男", "F": "女"}

ID_TYPE_LABELS = {
    "resident": "居民身份证",
    "hmt_permit": "港澳台居民居住证",
    "foreign_permanent": "外国人永久居留身份证",
    "birth_certificate": "出生医学证明",
    "none": "无证件",
}

RELATION_LABELS = {
    "self": "户主",
    "spouse": "配偶",
    "child": "子女",
    "parent": "父母",
    "grandchild": "孙子女",
    "grandparent": "祖父母",
    "sibling": "兄弟姐妹",
    "other": "其他",
}

STATUS_LABELS = {
    "active": "正常",
    "merged": "已合并",
    "moved_out": "已迁出",
    "deceased": "已死亡",
}

ENROLLMENT_LABELS = {"paid": "已缴费", "unpaid": "未缴费", "none": "未登记"}

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
DB_NOT_INITIALISED = "数据库尚未初始化：请先运行 yibao init --db {url} --region 区域文件"
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

# Generator
GENERATE_BAD_COUNT = "人数必须是正整数"
GENERATE_BAD_RATE = "重复率必须在0到0.5之间"
GENERATE_NOT_EMPTY = "数据库中已有{count}人，生成的县只能写入空库"
