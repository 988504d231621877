"""Every Chinese string the command line and the counter show, kept together."""

APP_TITLE = "医保窗口"
CLI_DESCRIPTION = "yibao：城乡居民医保窗口经办终端"
ERROR_PREFIX = "错误："
INTERRUPTED = "已中断，未完成的操作已回滚"

DEMO_CREATING = "正在生成演示县（{people}人，种子{seed}）：{path}"
DEMO_REUSING = "使用已有的演示库：{path}"
DEMO_CLERK = "demo"
DEMO_CLERK_NAME = "演示经办员"

INIT_DONE = "已载入区域“{region}”：{townships}个乡镇、{villages}个村（社区）、{targets}条任务数"
INIT_ALREADY = "区域“{region}”已载入，未作改动"
GENERATE_PROGRESS = "生成人员"
GENERATE_DONE = (
    "已生成{people}人、{households}户、{identities}条身份属性、{enrollments}条历年参保记录，"
    "用时{seconds:.1f}秒"
)
GENERATE_TRUTH = "注入重复登记{count}条，真值表：{path}"
CLERK_ADDED = "已添加账号 {username}（{name}，{role}）"
CLERK_PASSWORD_PROMPT = "密码："
CLERK_PASSWORD_AGAIN = "再输一次："
CLERK_PASSWORD_DIFFERENT = "两次输入的密码不一致"
LOOKUP_NONE = "没有找到"
LOOKUP_MORE = "……还有更多，用 --offset {offset} 查看下一页"
DB_ERROR = "数据库出错：{reason}"

# Counter screens
LOOKUP_PLACEHOLDER = "身份证号 / 姓名 / 拼音首字母 / 户号 / 手机号"
LOOKUP_HINT = "输入后即查；↑↓ 选择，回车打开"
LOOKUP_COUNT = "找到 {count} 人{more}"
LOOKUP_COUNT_MORE = "（仅显示前面部分，请输入更多内容缩小范围）"
COLUMNS = ("姓名", "证件号码", "性别", "年龄", "乡镇", "村（社区）", "户号", "与户主关系", "状态")
MERGED_INTO = "已合并→{id}"
STATUS_BAR = "{region} · {clerk} · {today}"

KEY_LOOKUP = "查找"
KEY_QUIT = "退出"
KEY_HELP = "帮助"
HELP_TITLE = "按键帮助"
HELP_CLOSE = "按 Esc 关闭"

LOGIN_TITLE = "经办员登录"
LOGIN_USERNAME = "用户名"
LOGIN_PASSWORD = "密码"
LOGIN_BUTTON = "登录"
