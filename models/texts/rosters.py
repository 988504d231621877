"""Rosters from Excel (issue 15): the base roster's header names, the words a roster
uses for relations and identities, why a row or a file is refused, and the import's
summary."""

# The base roster's columns: field -> the header as the issue names it. Headers are
# compared after NFKC (full-width brackets become half-width) with spaces removed.
BASE_HEADERS = {
    "township": "乡镇",
    "village": "村(社区)",
    "hukou_no": "户号",
    "relation": "与户主关系",
    "name": "姓名",
    "gender": "性别",
    "id_number": "身份证号",
    "birth_date": "出生日期",
    "phone": "联系电话",
    "identity": "身份属性",  # optional
}
OPTIONAL_HEADERS = frozenset({"identity"})
# Other spellings of a header seen on departments' sheets.
HEADER_ALIASES = {
    "身份证号码": "id_number", "公民身份号码": "id_number", "证件号码": "id_number",
    "村": "village", "村(居)": "village", "村(社区)名称": "village", "村名": "village",
    "乡镇(街道)": "township", "乡(镇)": "township", "户编号": "hukou_no",
    "手机号码": "phone", "电话": "phone", "联系方式": "phone", "出生年月日": "birth_date",
}

GENDER_WORDS = {"男": "M", "女": "F", "男性": "M", "女性": "F"}
# A relation as written on a roster -> the register's code (besides labels.RELATION_LABELS).
RELATION_WORDS = {
    "本人": "self", "户主本人": "self",
    "妻": "spouse", "妻子": "spouse", "夫": "spouse", "丈夫": "spouse", "配偶": "spouse",
    "子": "child", "女": "child", "儿子": "child", "女儿": "child", "长子": "child",
    "次子": "child", "三子": "child", "长女": "child", "次女": "child", "三女": "child",
    "养子": "child", "养女": "child", "独生子": "child", "独生女": "child",
    "父亲": "parent", "母亲": "parent", "父": "parent", "母": "parent",
    "孙子": "grandchild", "孙女": "grandchild", "外孙子": "grandchild", "外孙女": "grandchild",
    "祖父": "grandparent", "祖母": "grandparent", "外祖父": "grandparent",
    "外祖母": "grandparent",
    "兄": "sibling", "弟": "sibling", "姐": "sibling", "妹": "sibling", "哥哥": "sibling",
    "弟弟": "sibling", "姐姐": "sibling", "妹妹": "sibling",
    "儿媳": "other", "女婿": "other", "孙媳妇": "other", "侄子": "other", "侄女": "other",
}
# An identity as written in 身份属性 -> the policy's category (besides
# labels.IDENTITY_LABELS). Several are separated by IDENTITY_SEPARATORS.
IDENTITY_WORDS = {
    "特困": "extreme_poverty", "特困供养人员": "extreme_poverty", "五保": "extreme_poverty",
    "低保": "minimum_living", "低保户": "minimum_living", "城乡低保": "minimum_living",
    "低保边缘": "low_income_edge", "建档立卡": "registered_poor",
    "建档立卡贫困人口": "registered_poor", "脱贫人口": "registered_poor",
    "监测户": "monitored", "防返贫监测对象": "monitored", "边缘易致贫户": "marginal",
    "重度残疾人": "severe_disability", "一级残疾": "severe_disability",
    "二级残疾": "severe_disability", "三级残疾": "moderate_disability",
    "四级残疾": "moderate_disability", "优抚": "entitled_group",
    "重点优抚对象": "entitled_group",
}
IDENTITY_SEPARATORS = "、,，;；/ "
# A date written as text: these characters are read as separators (1990年8月5日).
DATE_SEPARATORS = "年月日./"

# --- why a row is refused -----------------------------------------------------

ROW_EMPTY_FIELD = "{field}为空"
ROW_TEXT_TOO_LONG = "{field}过长（{length}字，最多{limit}字）"
ROW_NOT_TEXT = "{field}不是文字：{value}"
ROW_ID_AS_NUMBER = ("身份证号被Excel存成了数字（{shown}），后几位已丢失：请把该列设为文本，"
                    "按原件重新填写")
ROW_ID_UNREADABLE = "身份证号无法识别：{reason}"
ROW_ID_DISAGREES = "身份证号与本行不符：{reason}"
ROW_BAD_DATE = "出生日期不是日期：{value}"
ROW_BAD_BIRTH = "出生日期有误：{reason}"
ROW_NO_BIRTH = "没有身份证号时出生日期不能为空"
ROW_BAD_GENDER = "性别无法识别：{value}（应为男或女）"
ROW_NO_GENDER = "没有身份证号时性别不能为空"
ROW_BAD_RELATION = "与户主关系无法识别：{value}"
ROW_BAD_NAME = "姓名有误：{reason}"
ROW_BAD_PHONE = "联系电话有误：{value}"
ROW_REPEATED = "与第{line}行重复（同一身份证号、姓名和户号）"
ROW_HOUSEHOLD_ELSEWHERE = "户号{hukou_no}在第{line}行属于{township}{village}，本行却是{here}"
ROW_HOUSEHOLD_IN_DATABASE = "户号{hukou_no}在系统中属于{township}{village}，本行却是{here}"
ROW_SECOND_HEAD = "户号{hukou_no}已有户主{name}（第{line}行）"
ROW_SECOND_HEAD_IN_DATABASE = "户号{hukou_no}在系统中已有户主{name}"
ROW_UNKNOWN_VILLAGE = "系统中没有{township}{village}（严格模式不新建乡镇或村）"

# --- flaws: the row is imported, and the flaw noted ----------------------------

FLAW_CHECK_CHARACTER = "身份证号校验位错误（应为{expected}），已导入，待核对更正"
FLAW_UNKNOWN_IDENTITY = "身份属性“{value}”无法识别，未导入该属性"

# --- the file as a whole ----------------------------------------------------------

HEADER_LIST_SEPARATOR = "、"
FILE_NOT_FOUND = "找不到文件：{path}"
FILE_NOT_XLSX = "只能导入 .xlsx 格式的Excel文件：{path}（可在Excel中“另存为”.xlsx）"
FILE_OLD_XLS = "{path} 是旧版 .xls 文件：请在Excel中另存为 .xlsx 后再导入"
FILE_ENCRYPTED = "{path} 设有打开密码：请在Excel中取消密码（文件→信息→保护工作簿）后再导入"
FILE_UNREADABLE = "无法读取Excel文件 {path}：{reason}"
FILE_NO_HEADER = ("在 {path} 的任何工作表前{rows}行中都没有找到参保底表的表头；"
                  "最接近的是工作表“{sheet}”第{line}行，缺少：{missing}")
FILE_NO_HEADER_AT_ALL = "在 {path} 中没有找到参保底表的表头（需要：{wanted}）"
FILE_IS_A_FOLDER = "{path} 是文件夹，不是Excel文件"

# --- the error workbook -------------------------------------------------------------

ERRORS_SUFFIX = "_错误行"
ERRORS_SHEET = "错误行"
ERRORS_TITLE = "{source} 中未导入的行（共{count}行）"
ERRORS_NOT_WRITTEN = "无法写入错误表 {path}：{reason}"
ERRORS_LINE = "原行号"
ERRORS_REASON = "未导入原因"

IDENTITY_SOURCE = "参保底表 {file}"
# A duplicate candidate the import raises: the reason stored with the pair.
CANDIDATE_REASON = "导入名册时身份证号已有他人记录（姓名或户号不同）"

# --- the command's words ----------------------------------------------------------

HELP_IMPORT = "从Excel导入名册"
HELP_ROSTER = ("导入参保底表（乡镇、村(社区)、户号、与户主关系、姓名、性别、身份证号、"
               "出生日期、联系电话）")
HELP_FILE = ".xlsx 文件"
HELP_DRY_RUN = "试导入：只显示将会发生什么，不写入数据库"
HELP_STRICT = "严格模式：系统中没有的乡镇或村不新建，该行不导入"
HELP_JSON = "以JSON输出结果"
PROGRESS_READING = "读取底表"
PROGRESS_WRITING = "写入"
SUMMARY_DRY_RUN = "试导入（未写入数据库）：{file}"
SUMMARY_DONE = "已导入：{file}"
SUMMARY_SHEET = "  工作表“{sheet}”，表头在第{line}行，数据{rows}行"
SUMMARY_COUNTS = ("  新建乡镇{townships}个、村(社区){villages}个、户{households}户、"
                  "人员{people}人、身份属性{identities}条；与已有记录相同{matched}人")
SUMMARY_WOULD = "  （以上为将会写入的数量）"
SUMMARY_AWAITING = ("  身份证号已有他人记录的{count}人，已作为待合并记录导入（不可缴费，"
                    "待合并核对），列为疑似重复：")
SUMMARY_AWAITING_DRY = ("  身份证号已有他人记录的{count}人，将作为待合并记录导入，"
                        "列为疑似重复：")
SUMMARY_CANDIDATE = ("    第{line}行 {name} {masked}（户号{hukou_no}）与{other}"
                     "（户号{other_hukou}）")
SUMMARY_IN_FILE = "本表第{line}行"
FLAW_JOIN = "；"
SUMMARY_FLAWS = "  带瑕疵导入{count}行（待核对更正）："
SUMMARY_FLAW = "    第{line}行 {name}：{flaw}"
SUMMARY_REFUSED = "  未导入{count}行，原因见错误表：{path}"
SUMMARY_REFUSED_UNWRITTEN = "  未导入{count}行（错误表未能写入，见下）"
SUMMARY_NO_REFUSED = "  没有未导入的行"
SUMMARY_MORE = "    ……另有{count}条（--json 输出全部）"

# --- the counter's import screen (command palette → 导入参保底表) ----------------------

PALETTE_IMPORT = "导入参保底表"
PALETTE_IMPORT_HELP = ("从Excel参保底表导入乡镇、村、户和人员，或从资助花名册导入身份属性"
                       "（审核员、管理员）")
SCREEN_TITLE = ("导入参保底表或资助花名册：输入 .xlsx 文件的路径，F5（或回车）试导入，"
                "看过结果后 F10 导入。未导入的行写入文件旁的错误表。")
SCREEN_SOURCE_PROMPT = "资助花名册的来源部门（表中没有“来源部门”列时填写），如 县民政局"
SCREEN_FILE_PROMPT = "文件路径，例如 D:/底表/2027年参保底表.xlsx"
SCREEN_NO_FILE = "请先输入 .xlsx 文件的路径"
SCREEN_READING = "正在读取并检查……"
SCREEN_WRITING = "正在写入……"
KEY_DRY_RUN = "试导入"
KEY_IMPORT = "导入"

# --- subsidy rosters (花名册 from civil affairs, the disabled persons' federation, …) ---

# field -> header; id_number, name and category are required, the rest optional.
SUBSIDY_HEADERS = {
    "id_number": "身份证号",
    "name": "姓名",
    "category": "类别",
    "source": "来源部门",
    "valid_from": "起始日期",
    "valid_to": "终止日期",
}
SUBSIDY_OPTIONAL = frozenset({"source", "valid_from", "valid_to"})
SUBSIDY_ALIASES = {
    "身份证号码": "id_number", "公民身份号码": "id_number", "证件号码": "id_number",
    "身份类别": "category", "人员类别": "category", "资助类别": "category",
    "困难类别": "category", "身份属性": "category", "对象类别": "category",
    "部门": "source", "认定部门": "source", "数据来源": "source", "提供部门": "source",
    "有效期起": "valid_from", "开始日期": "valid_from", "认定日期": "valid_from",
    "享受起始日期": "valid_from", "有效期止": "valid_to", "结束日期": "valid_to",
    "截止日期": "valid_to", "享受截止日期": "valid_to",
}
SUBSIDY_SOURCE = "{source}花名册（{file}）"
ROW_NO_ID = "身份证号为空"
ROW_SUBSIDY_CHECK_CHARACTER = "身份证号校验位错误（应为{expected}）：无法确认是谁，未导入，请核对"
ROW_BAD_DAY = "{field}不是日期：{value}"
ROW_BAD_CATEGORY = "类别无法识别：{value}（应为{known}）"
ROW_NO_SOURCE = "来源部门为空（可在表中填写，或导入时用 --source 指定）"
ROW_ENDS_BEFORE_START = "终止日期{valid_to}早于起始日期{valid_from}"
ROW_SUBSIDY_REPEATED = "与第{line}行重复（同一身份证号和类别）"
ROW_NOT_REGISTERED = "系统中没有此人（身份证号{masked}）：请先登记"
ROW_NAME_MISMATCH = "姓名与系统不符：系统中为{registered}，本行为{name}；未导入，请核对"
FILE_NO_ROSTER_HEADER = ("在 {path} 的任何工作表前{rows}行中都没有找到参保底表或资助花名册的表头"
                         "（花名册需要：身份证号、姓名、类别）")
HELP_KIND = "名册种类：base 参保底表，subsidy 资助对象花名册（默认按表头识别）"
HELP_SOURCE = "资助花名册的来源部门（表中没有“来源部门”列时必填），如 县民政局"
HELP_ON = "资助花名册的日期（默认今天）：不在新名册上的人，同一部门同一类别的身份属性在前一天终止"
PROGRESS_READING_SUBSIDY = "读取花名册"
SUBSIDY_SUMMARY_DRY_RUN = "试导入资助花名册（未写入数据库）：{file}"
SUBSIDY_SUMMARY_DONE = "已导入资助花名册：{file}"
SUBSIDY_SUMMARY_COUNTS = "  新增身份属性{added}条，已有相同{matched}条，不在本名册上而终止{ended}条"
SUBSIDY_SUMMARY_SOURCES = "  来源部门与类别：{groups}"
SUBSIDY_SUMMARY_GROUP = "{source}·{label}"
SUBSIDY_SUMMARY_UNREGISTERED = "  系统中没有的{count}人（未导入，见错误表）："
SUBSIDY_SUMMARY_PERSON = "    第{line}行 {name} {masked}"
SUBSIDY_SUMMARY_MISMATCH = "  姓名与系统不符的{count}人（未导入，待核对）："
SUBSIDY_SUMMARY_MISMATCH_LINE = "    第{line}行 {name} {masked}（系统中为{registered}）"
SUBSIDY_SUMMARY_ENDED = "  已不在本名册上，身份属性终止于{ended_on}："
SUBSIDY_SUMMARY_ENDED_LINE = "    {name} {masked} {label}"
