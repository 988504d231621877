"""The counter's own texts: titles, keys, fields, notices. The command line's are in cli.py."""

APP_TITLE = "医保窗口"

# Counter screens
LOOKUP_NONE = "没有找到"
LOOKUP_PLACEHOLDER = "身份证号 / 姓名 / 拼音首字母 / 户号 / 手机号"
LOOKUP_HINT = "输入即查；↓ 进入结果，回车打开；F3 新立户登记"
LOOKUP_COUNT = "找到 {count} 人{more}"
LOOKUP_COUNT_MORE = "（只显示前 {count} 人：PageDown 或 End 到底再往下翻，或输入更多内容缩小范围）"
COLUMNS = ("姓名", "证件号码", "性别", "年龄", "乡镇", "村（社区）", "户号", "与户主关系",
           "状态", "{year}年度")
MERGED_INTO = "已合并→{id}"

KEY_HELP = "帮助"
KEY_QUIT = "退出"
KEY_PALETTE = "命令"
KEY_TAB = "下一项 / 上一项"
KEY_LOOKUP = "查找"
KEY_CLEAR = "清空"
KEY_REGISTER = "新立户登记"
KEY_REGISTER_MEMBER = "登记户成员"
KEY_CORRECT = "修正"
KEY_RELOAD = "刷新"
KEY_MOVE = "迁移/分户"
KEY_HEAD = "变更户主"
KEY_LEAVE = "迁出/死亡"
KEY_BACK = "返回"
KEY_SAVE = "保存"
KEY_CANCEL = "取消"

HELP_TITLE = "按键帮助（Esc 关闭）"
HELP_KEY = "按键"
HELP_ACTION = "功能"
HELP_WHERE = "所在界面"
HELP_APP = "全局"
HELP_REMAP = "按键可在 {path} 中按编号重新指定，例如：\n[keys]\n\"person.correct\" = \"f9\""
SCREEN_NAMES = {
    "LookupScreen": "查找",
    "PersonScreen": "人员",
    "PersonFormScreen": "登记/修正",
    "MoveScreen": "迁移/分户",
    "HeadScreen": "变更户主",
    "LeaveScreen": "迁出/死亡",
    "LoginScreen": "登录",
    "ClerkAdminScreen": "账号管理",
    "IdentitiesScreen": "身份属性",
    "IdentityAddScreen": "登记身份属性",
    "IdentityEndScreen": "结束身份属性",
    "PayScreen": "缴费",
    "ReversalScreen": "作废/退费",
    "SettlementScreen": "日结",
    "RosterImportScreen": "导入参保底表",
    "PrintQueueScreen": "打印队列",
    "ExportScreen": "导出报表",
    "ProgressScreen": "征缴进度",
}

PERSON_FIELDS = (
    "姓名：{name}{placeholder}\n"
    "证件：{id_type} {id_number}\n"
    "性别：{gender}　出生日期：{birth}（{age}岁）\n"
    "与户主关系：{relation}　手机：{phone}\n"
    "状态：{status}{status_date}{merged}　{year}年度：{year_status}\n"
    "户号：{hukou_no}　{township} {village}　{address}"
)
PLACEHOLDER_MARK = "（未取名婴儿占位）"
NO_VALUE = "—"
SECTION_HOUSEHOLD = "本户成员（回车打开）"
SECTION_IDENTITIES = "身份属性"
SECTION_ENROLLMENTS = "历年参保缴费"
SECTION_HISTORY = "登记与修正记录（回车看一条的全部内容）"
HOUSEHOLD_COLUMNS = ("姓名", "与户主关系", "性别", "年龄", "证件号码", "状态", "{year}年度")
IDENTITY_COLUMNS = ("身份", "认定部门", "起", "止", "状态")
ENROLLMENT_COLUMNS = ("年度", "情形", "缴费标准", "应缴", "资助", "实缴", "待遇期", "状态",
                     "缴费时间")
HISTORY_COLUMNS = ("时间", "经办人", "事项", "原因", "查验材料", "内容（原→新）")
HISTORY_ACTIONS = {
    "person.register": "登记",
    "person.correct": "修正",
    "person.move": "迁移",
    "person.relation": "关系变更",
    "person.moved_out": "迁出",
    "person.deceased": "死亡",
    "payment.pay": "缴费", "payment.void": "作废缴费", "payment.refund": "退费",
    "identity.add": "身份登记",
    "identity.end": "身份结束",
    "person.merge": "合并重复登记", "person.merged": "并入其他记录", "person.unmerge": "撤销合并",
}
HISTORY_FIELDS = {
    "name": "姓名", "id_type": "证件类型", "id_number": "证件号码", "gender": "性别",
    "birth_date": "出生日期", "relation": "与户主关系", "phone": "手机", "placeholder": "占位",
    "household_id": "户", "address": "地址", "status": "状态", "status_date": "日期",
    "new_head_id": "新户主", "hukou_no": "户号", "new_head": "新户主",
    "new_head_old_relation": "新户主原关系", "possible_duplicates": "可能重复",
    "receipt_no": "收据号", "number": "作废/退费编号", "channel": "缴费方式", "total": "金额",
    "amount": "金额", "years": "缴费年度",
    "category": "身份", "source": "认定部门", "valid_from": "起", "valid_to": "止",
    "tag_id": "身份记录编号",
    "merge_id": "合并编号", "merged_into": "并入记录", "merged_from": "并入的记录",
    "moved_enrollment": "移入参保年度", "moved_payment_line": "移入缴费明细",
    "moved_identity_tag": "移入身份标识",
}

FORM_REGISTER_TITLE = "登记参保人员"
FORM_REGISTER_INTO = "登记到户 {hukou_no}（户主：{head}）"
FORM_CORRECT_TITLE = "修正登记信息：{name}"
FIELD_NAME = "姓名"
FIELD_ID_TYPE = "证件类型"
FIELD_ID_NUMBER = "证件号码"
FIELD_GENDER = "性别"
FIELD_GENDER_FROM_ID = "按证件号"
FIELD_BIRTH = "出生日期"
FIELD_BIRTH_HINT = "如 1990-08-05 或 19900805；有身份证号可不填"
FIELD_DATE_HINT = "如 1990-08-05 或 19900805"
FIELD_RELATION = "与户主关系"
FIELD_PHONE = "手机号"
FIELD_PLACEHOLDER = "未取名婴儿（父/母姓名+宝宝）"
FIELD_VILLAGE = "村（社区）"
FIELD_ADDRESS = "地址"
FIELD_DOCUMENTS = "已查验材料（空格勾选）"
FIELD_REASON = "办理原因"
FIELD_DUPLICATE_REASON = "仍然登记的原因"
FIELD_HOUSEHOLD = "迁入户号"
FIELD_NEW_HEAD = "新户主"
FIELD_OLD_HEAD_RELATION = "原户主改为"
FIELD_STATUS = "办理事项"
FIELD_DATE = "日期"
FIELD_SELECT = "请选择"
ID_OK = "✓ {birth} {gender} {region}"
ID_OK_NO_BIRTH = "✓ 号码格式正确（请录入出生日期和性别）"
BAD_DATE_INPUT = "日期格式不对：{text}（如 1990-08-05）"
DUPLICATES_TITLE = "可能是同一人（回车打开已有记录；或填写原因后按 F10 仍然登记）"
DUPLICATE_COLUMNS = ("姓名", "证件号码", "性别", "出生日期", "户号", "村（社区）", "状态", "相同项",
                     "查重依据")
DUPLICATE_MATCH = {"id": "证件号", "name_birth": "姓名+出生日期+性别", "sure": "确定重复",
                   "review": "待核对"}
DUPLICATE_SCORE = "{score:.2f} {reasons}"
SAVED_REGISTER = "已登记：{name}"
SAVED_CORRECT = "已修正：{name}"
SAVED = "已保存"
CONFLICT_LATEST = "最新登记（其他窗口修改后）：{summary}"
MOVE_TITLE = "迁移/分户：{name}（现户号 {hukou_no}）"
HEAD_TITLE = "变更户主：户号 {hukou_no}"
LEAVE_TITLE = "迁出/死亡：{name}"
LEAVE_STATUSES = {"moved_out": "迁出本统筹区", "deceased": "死亡"}
HEAD_NOT_NEEDED = "此人不是户主，无需指定"
LOGIN_TITLE = "经办员登录"
LOGIN_USERNAME = "用户名"
LOGIN_PASSWORD = "密码"
LOGIN_HINT = "回车登录"
LOGIN_NO_ACCOUNTS = (
    "还没有经办员账号：请先运行 yibao clerk add --db 数据库地址 --username 用户名 --role admin"
)
PALETTE_PLACEHOLDER = "输入命令名称，如：审计、登记、帮助"
PALETTE_AUDIT = "校验审计链"
PALETTE_AUDIT_HELP = "检查审计记录是否被改动或删除"
PALETTE_REGISTER = "新立户登记"
PALETTE_REGISTER_HELP = "为新户的户主登记参保"
PALETTE_HELP = "按键帮助"
PALETTE_HELP_HELP = "列出所有按键及其编号"
PALETTE_CLERK = "当前经办员"
PALETTE_CLERK_HELP = "显示登录的经办员和所用政策"
PALETTE_CLERK_INFO = "经办员：{name}（{username}，{role}）　窗口：{counter}　政策：{policy}"
KEYMAP_BAD = "按键配置文件 {path} 有误：{reason}"
KEYMAP_SHAPE = '[keys] 中每项应为 "编号" = "按键"'
VILLAGES_LOADING = "正在读取村（社区）列表……"
VILLAGES_NONE = "数据库中还没有村（社区）：请先载入区域"

# Pieces the screens put together
MEMBER_CHOICE = "{name}（{relation}）"
IN_BRACKETS = "（{text}）"
LIST_SEPARATOR = "、"
FIELD_SEPARATOR = "，"
YES = "是"
NO = "否"

# Issue 9: one record per ID; the relations after a change of head
AWAITING_MERGE_WITH = "（与{name}，户号{hukou_no}，证件号相同）"
ID_REGISTERED_TITLE = "此证件号已登记（回车打开已有记录核对或修正）"
HEAD_RELATIONS = "其他成员与新户主的关系（已按原关系推荐，可逐项修改）"
MEMBER_RELATION = "{name}（原{relation}）"
# The command palette's own words; accounts, the administrator's palette command (issue 9)
PALETTE_NO_MATCHES = "没有这个命令"
PALETTE_QUIT = "退出"
PALETTE_QUIT_HELP = "关闭窗口程序"
PALETTE_CLERKS = "账号管理"
PALETTE_CLERKS_HELP = "经办员账号：解除锁定、停用、重设密码（仅管理员）"
CLERKS_TITLE = "经办员账号（回车：解除锁定、停用或重设密码；Esc 返回）"
CLERKS_NOT_LOCKED = "—"
CLERKS_LOADING = "正在读取账号……"
CLERKS_ACTIONS_TITLE = "账号 {username}（{name}）"
CLERKS_ACTIONS_HINT = "回车选择，Esc 返回"
CLERKS_NOTHING_TO_DO = "此账号已停用，没有可办的操作"
CLERKS_ACTIONS = {"unlock": "解除锁定", "disable": "停用账号", "passwd": "重设密码"}
CLERKS_CONFIRM_DISABLE = "确认停用 {username}（停用后不能再登录，历史记录保留）"
CLERKS_CONFIRM_BACK = "返回"
CLERKS_PASSWORD_TITLE = "为 {username}（{name}）重设密码（同时解除锁定）"
CLERKS_PASSWORD_NEW = "新密码（至少8位）"
CLERKS_PASSWORD_AGAIN = "再输一次"
CLERKS_PASSWORD_DIFFERENT = "两次输入的密码不一致"
CLERKS_PASSWORD_HINT = "回车确认，Esc 取消"
CLERKS_DONE = {"unlock": "已解除 {username} 的锁定", "disable": "已停用 {username}",
               "passwd": "已为 {username} 设置新密码"}
# Forms and reading the screen (issue 9)
KEY_CONFIRM = "确认"
KEY_RETURN = "返回"
CONFIRM_KEYS = "回车：确认　　Esc：返回（已填写的内容都保留）"
DISCARD_QUESTION = "表单里填写的内容还没有保存。放弃这些内容并关闭表单吗？"
QUIT_QUESTION = "“{form}”里填写的内容还没有保存，退出会丢失它们。仍然退出吗？"
RECORD_LINE = "{label}：{value}"
FIELD_HOUSEHOLD_HINT = "留空则分户新立（再选村）"
LEAVE_STATUS_NEEDED = "请选择办理事项：迁出本统筹区，或死亡"
HISTORY_TIME_FORMAT = "%Y-%m-%d %H:%M"
HISTORY_CHANGE = "{field} {change}"
HISTORY_FROM_TO = "{before}→{after}"
HISTORY_EVENT_TITLE = "{action}：{name}（Esc 或回车关闭）"
CLIPPED = "…"
LOOKUP_BAD_CHECK = "身份证号校验位不对：末位应为 {expected}，输入的是 {typed}。{near}"
LOOKUP_NEAR = "前17位相同的有 {count} 人，见下"
LOOKUP_NEAR_NONE = "前17位相同的也没有找到，请逐位核对"
LOOKUP_NO_REGION = "库中还没有区域（yibao init）：没有生效的政策，不显示年度缴费状态"
LOOKUP_NO_POLICY = ("区域“{region}”在{today}没有生效的政策文件：不显示年度缴费状态"
                    "（启动时可用 --policy 指定政策）")
NO_POLICY_YEAR_STATUS = "—（没有生效的政策，不显示缴费状态）"

# Identity tags at the counter (issue 12, point 1): tui/screens/identities.py
KEY_IDENTITIES = "身份属性"
KEY_IDENTITY_ADD = "登记身份"
KEY_IDENTITY_END = "结束选中的身份"
IDENTITIES_TITLE = "身份属性：{name}（{masked_id}）"
IDENTITIES_HINT = "F3 登记身份　F4 结束选中的一条　Esc 返回人员信息"
IDENTITIES_POLICY = "政策文件 {policy} 资助的身份：{labels}"
IDENTITIES_NONE = "还没有身份属性：按 F3 登记"
IDENTITIES_NO_POLICY = "没有生效的政策文件：不知道本县资助哪些身份"
IDENTITY_ADD_TITLE = "登记身份属性：{name}"
IDENTITY_END_TITLE = "结束身份属性：{name}的“{label}”（{valid_from}至{valid_to}，{source}）"
IDENTITY_CATEGORY_NEEDED = "请选择身份类别"
IDENTITY_SELECT_ROW = "请先用 ↑↓ 选中要结束的一条身份"
IDENTITY_OPEN_END = "长期"
FIELD_CATEGORY = "身份类别"
FIELD_SOURCE = "认定部门"
FIELD_SOURCE_HINT = "如 县民政局、县残联、县乡村振兴局"
FIELD_VALID_FROM = "起日"
FIELD_VALID_TO = "止日（可不填）"
FIELD_VALID_TO_HINT = "不填即长期有效；如 2027-12-31"
FIELD_END_ON = "止日（最后一天）"
FIELD_IDENTITY_DOCUMENT = "查验的认定材料"
FIELD_END_DOCUMENT = "查验材料（可不选）"
FIELD_NOTE = "备注（可不填）"
FIELD_NONE = "不选"
SAVED_IDENTITY_ADD = "已登记身份：{label}"
SAVED_IDENTITY_END = "已结束身份：{label}，止于{valid_to}"
