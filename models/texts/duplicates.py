"""The duplicate finder's words (issue 14): the scorer's reasons, the counter's notice and
the `yibao dedup` command's output, in Chinese."""

DECISION_LABELS = {"sure": "确定重复", "review": "待人工核对", "different": "不是同一人"}
SOURCE_LABELS = {"scan": "批量查重", "counter": "窗口登记", "import": "名册导入"}
CANDIDATE_STATUS_LABELS = {"open": "待处理", "confirmed": "已确认", "dismissed": "已排除",
                           "merged": "已合并"}

# the scorer's reasons, one per piece of evidence
ID_SAME = "证件号码相同"
ID_SAME_15_18 = "15位旧号码升为18位后相同"
ID_TYPO_DIGIT = "证件号码只差一位，且{which}校验位不符（录入错误）"
ID_TYPO_SWAP = "证件号码两位相邻数字颠倒，且{which}校验位不符（录入错误）"
ID_WHICH_A = "前一条"
ID_WHICH_B = "后一条"
ID_WHICH_BOTH = "两条都"
ID_BOTH_VALID = "两个证件号码都通过校验且不同，几乎可以肯定是两个人"
ID_DIFFERENT = "证件号码不同"
ID_ONE_MISSING = "一条没有证件号码"
NAME_SAME = "姓名相同"
NAME_TRADITIONAL = "姓名繁简写法不同（{a} / {b}）"
NAME_HOMOPHONE = "姓名同音（{pinyin}）"
NAME_LOOKALIKE = "姓名有形近字（{a} / {b}）"
NAME_CLOSE = "姓名相近（{a} / {b}）"
NAME_DIFFERENT = "姓名不同（{a} / {b}）"
NAME_PLACEHOLDER = "一条是未取名婴儿占位（{name}）"
BIRTH_SAME = "出生日期相同"
BIRTH_SWAPPED = "出生日期月、日颠倒（{a} / {b}）"
BIRTH_DIFFERENT = "出生日期不同（{a} / {b}）"
GENDER_DIFFERENT = "性别不同"
SAME_HOUSEHOLD = "同一户"
SAME_VILLAGE = "同一村"
TWINS = "同户同日出生、证件号码相邻且都有效：应是双胞胎"

# the counter
COUNTER_FOUND = "可能与以下 {count} 条记录重复："
COUNTER_HIT = "{name}  {masked_id}  {birth}  户号{hukou_no}  {decision} {score:.2f}：{reasons}"
REASON_SEPARATOR = "；"

# yibao dedup
SCAN_PROGRESS = "查重"
SCAN_DONE = ("查重完成：比较 {compared} 对，确定重复 {sure} 对、待核对 {review} 对，"
             "新登记 {new} 对，沿用已有结论 {kept} 对（用时 {seconds:.1f} 秒）")
SCAN_PAIR = "{decision} {score:.2f}  #{a_id} {a_name} / #{b_id} {b_name}：{reasons}"

# what marks a placeholder name: a parent's name and 宝宝 / 之子 / 之女, 某某 for one unknown
PLACEHOLDER_MARKS = ("宝宝", "之子", "之女", "某某")
HELP_DEDUP = "批量查重：找出可能重复的人员记录（分块比较，不比较所有两两组合），登记为待处理"
HELP_DEDUP_JSON = "输出 JSON：{\"pairs\": [...]}，每对含两条记录、分数、结论和理由"
SCAN_NONE = "没有发现新的可能重复记录"
AMBIGUOUS = "同时像另外几条互不相同的记录（如双胞胎之一）：需人工核对"
