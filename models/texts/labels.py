"""Labels: the words for codes (genders, ID types, relations, statuses, cases, subsidy
categories, rates, documents, the year's status) shared by the counter, the command
line, the slip and the Excel headers."""

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
    "awaiting_merge": "待合并",  # arrived under an ID an active person holds
}

CASE_LABELS = {
    "regular": "正常参保（集中缴费期）",
    "newborn": "新生儿",
    "migrant_worker": "外出务工人员",
    "new_hukou": "当年新迁入户口",
    "veteran": "复转军人",
    "graduate": "未及时就业的大中专毕业生",
    "welfare_child": "福利机构接收的儿童",
    "released_prisoner": "刑满释放人员",
    "employee_lapse": "职工医保断保转居民医保",
    "vulnerable_found": "排查发现未参保的困难群众",
    "new_student": "新入学大中专学生",
    "unborn": "未出生婴儿预缴",
}

IDENTITY_LABELS = {
    "extreme_poverty": "特困人员",
    "minimum_living": "低保对象",
    "low_income_edge": "低保边缘家庭成员",
    "registered_poor": "建档立卡/脱贫人口",
    "monitored": "监测对象",
    "marginal": "边缘户",
    "severe_disability": "1-2级残疾人",
    "moderate_disability": "3-4级残疾人",
    "entitled_group": "优抚对象",
    "retired_fisher": "退捕渔民",
    "orphan": "孤儿",
    "de_facto_orphan": "事实无人抚养儿童",
    "safety_net": "兜底保障对象",
    "family_planning_hardship": "计生困难家庭",
}

RATE_LABELS = {"individual": "个人缴费标准", "full": "筹资标准（个人+财政补助）", "free": "免缴"}

DOCUMENT_LABELS = {
    "id_card": "居民身份证",
    "hukou_book": "户口簿",
    "birth_certificate": "出生医学证明",
    "residence_permit": "居住证",
    "migration_certificate": "户口迁移证明",
    "death_certificate": "死亡证明",
    "other": "其他材料",
}

YEAR_STATUS_LABELS = {"paid": "已缴费", "unpaid": "未缴费", "none": "未参保"}
ENROLLMENT_STATUS_LABELS = {
    "paid": "已缴费", "unpaid": "未缴费", "void": "作废", "refunded": "已退费",
}
ROLE_LABELS = {"clerk": "经办员", "supervisor": "审核员", "admin": "管理员", "system": "系统"}

# A clerk account as listed, on the command line and in the palette's 账号管理
CLERK_COLUMNS = ("用户名", "姓名", "角色", "状态", "锁定至")
CLERK_ACTIVE_LABELS = {True: "在用", False: "已停用"}
LOCKED_UNTIL_FORMAT = "%Y-%m-%d %H:%M"

# Identity tags (issue 12): what the clerk saw for a subsidy category, and a tag's state
IDENTITY_DOCUMENT_LABELS = {
    "minimum_living_certificate": "低保证",
    "extreme_poverty_certificate": "特困人员救助供养证",
    "disability_certificate": "残疾人证",
    "department_list": "部门认定名单",
    "department_letter": "部门证明文件",
    "other": "其他材料",
}
TAG_STATE_LABELS = {"current": "有效", "ended": "已结束", "future": "未开始"}
