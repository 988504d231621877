"""The printed slip's texts (issue 13): its words, the Chinese capitals of amounts, and
what the printers say when they fail. Imported as `from models.texts import printing as p`."""

from models.texts import payments as payment_words

# --- amounts in Chinese capitals (the figures of a bill, 《支付结算办法》's way) ---
CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
CAPITAL_SMALL_UNITS = ("", "拾", "佰", "仟")  # inside a group of four digits
CAPITAL_GROUP_UNITS = ("", "万", "亿", "万亿")  # one per group of four digits
CAPITAL_ZERO = "零"
CAPITAL_YUAN = "元"
CAPITAL_JIAO = "角"
CAPITAL_FEN = "分"
CAPITAL_WHOLE = "整"
CAPITAL_NEGATIVE = "负"

YUAN_SIGN = "￥"  # U+FFE5: GBK A3A4 on the printer; "¥" U+00A5 is not in GBK

# --- the payment slip ---
SLIP_TITLE = "城乡居民医保缴费凭证"
SLIP_SUBTITLE = "{region}（{code}）"
SLIP_RECEIPT_NO = "票据号：{no}"
SLIP_PAID_AT = "缴费时间：{at}"
SLIP_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
SLIP_DATE_FORMAT = "%Y-%m-%d"
SLIP_COUNTER_CLERK = "窗口：{counter}  经办：{clerk}"
SLIP_MEMBER_HEAD = "{n}. {name}  {age}岁"
SLIP_ID = "证件：{id}"
SLIP_YEAR_CASE = "{year}年度 {case}"
SLIP_REPAID_YEAR = "{year}年度 补缴"
SLIP_GROSS = "应缴"
SLIP_SUBSIDY = "资助"
SLIP_SUBSIDY_WITH = "资助（{category}）"
SLIP_PAYABLE = "实缴"
SLIP_COVERED = "待遇期：{start}至{end}"
SLIP_WAITING = "等待期：{months}个月"
SLIP_TOTAL = "合计"
SLIP_TOTAL_CAPITALS = "大写：{capitals}"
SLIP_CHANNEL = "支付方式"
SLIP_TENDERED = "实收"
SLIP_CHANGE = "找零"
SLIP_KEEP = "请妥善保管本凭证，作为缴费证明；扫码或凭票据号可查验真伪。"
SLIP_QR_LABEL = "查验码"
SLIP_STATUS = {"paid": "", "void": "【已作废】", "refunded": "【已退费】"}
SLIP_REPRINT = "【补打 第{n}次】"

CHANNEL_LABELS = payment_words.CHANNEL_LABELS  # one table of channels, in payments.py

# --- void and refund slips ---
REVERSAL_TITLES = {"void": "城乡居民医保作废凭证", "refund": "城乡居民医保退费凭证"}
REVERSAL_NO = "凭证号：{no}"
REVERSAL_OF = "原票据号：{no}"
REVERSAL_AT = "办理时间：{at}"
REVERSAL_CLERK = "经办：{clerk}"
REVERSAL_AMOUNT = {"void": "作废金额", "refund": "退费金额"}
REVERSAL_REASON = "原因：{reason}"
REVERSAL_KEEP = {"void": "原缴费凭证作废，请交回或销毁。",
                 "refund": "退费款项请当面点清；本凭证为退费证明，请妥善保管。"}

# --- the day's settlement slip ---
SETTLEMENT_TITLE = "经办员日结单"
SETTLEMENT_DAY = "业务日期：{day}"
SETTLEMENT_CLERK = "经办：{clerk}  窗口：{counter}"
SETTLEMENT_COUNT = "{label}笔数"
SETTLEMENT_PAYMENTS = "缴费"
SETTLEMENT_VOIDS = "作废"
SETTLEMENT_REFUNDS = "退费"
SETTLEMENT_BY_CHANNEL = "其中{channel}"
SETTLEMENT_NET = "净收"
SETTLEMENT_RECEIPTS = "票据号：{first} 至 {last}"
SETTLEMENT_REPRINTS = "补打次数"
SETTLEMENT_CLOSED_AT = "日结时间：{at}"
SETTLEMENT_OPEN = "（未日结，仅供核对）"
SETTLEMENT_SIGN = "经办员签字：__________"

# --- the test slip (`yibao print test`) ---
TEST_TITLE = "打印测试"
TEST_CHINESE = "中文：城乡居民基本医疗保险"
TEST_RARE = "生僻字：䶮 𠮷"
TEST_AMOUNT = "金额：{sign}{amount}"
TEST_WIDTH = "纸宽：{mm}毫米 {columns}列 {dots}点"
TEST_PRINTER = "打印机：{uri}"
TEST_QR = "YIBAO PRINT TEST"
TEST_END = "—— 测试结束，应在此处切纸 ——"
TEST_SENT = "已发送测试页到 {uri}（{size} 字节，{mm}毫米）"

# --- printers and their trouble ---
PRINTER_URI_BAD = "打印机地址无法识别：{uri}（可用 usb://VID:PID、serial:/dev/ttyUSB0?baud=9600、" \
                  "tcp://主机:9100、file:/dev/usb/lp0 或文件路径、cups://队列名）"
PRINTER_URI_PART_BAD = "打印机地址 {uri} 的 {part} 不对：{reason}"
PRINTER_OPTION_UNKNOWN = "打印机地址 {uri} 有不认识的参数：{names}"
PRINTER_WIDTH_BAD = "纸宽只能是 58 或 80（毫米），不是 {width}"
PRINTER_NEEDS_PACKAGE = "{kind} 打印机需要安装 Python 包 {package}"
PRINTER_NOT_FOUND = "打印机连不上：{uri}（{reason}）"
PRINTER_NO_ANSWER = "打印机没有应答：{uri}（请检查电源和连线）"
PRINTER_OFFLINE = "打印机离线：{uri}"
PRINTER_COVER_OPEN = "打印机盖未合上：{uri}"
PRINTER_PAPER_OUT = "打印机缺纸：{uri}（请装纸后重打）"
PRINTER_ERROR = "打印机报错（切刀卡纸或过热）：{uri}"
PRINTER_DROPPED = "打印中途连接断开：{uri}（{reason}），小票可能不完整，请重打"
PRINTER_WRITE_FAILED = "打印数据发送失败：{uri}（{reason}）"
PRINTER_CONFIG_BAD = "配置文件中的打印机设置不对：{reason}"

FONT_MISSING = "找不到打印生僻字用的字体：{paths}（请安装 Debian 包 fonts-hanazono）"
FONT_NO_GLYPH = "字体中没有这个字，无法打印：{char}"
IMAGE_TOO_WIDE = "图片比纸宽：{width} 点 > {dots} 点"

# --- the slip's check value (the QR code) ---
SLIP_KEY_MISSING = "找不到小票查验密钥文件：{path}（在打印第一张小票时创建；各窗口需用同一份）"
SLIP_KEY_UNREADABLE = "小票查验密钥文件读不了：{path}（{reason}）"
SLIP_KEY_BAD_FILE = "小票查验密钥文件 {path} 不对：应为 {size} 字节"
SLIP_KEY_PATH_BAD = "slip_key 应为密钥文件的路径"
SLIP_NOT_GENUINE = "查验未通过：这不是本系统打印的小票，或查验码有误"

# --- `yibao print` ---
HELP_PRINT_GROUP = "小票打印：测试页"
HELP_PRINT_TEST = "向打印机打印一张测试页（中文、生僻字、￥、二维码、切纸）"
HELP_PRINTER = ("打印机：配置文件 [printers.名称] 中的名称，或地址 usb://VID:PID、"
                "serial:/dev/ttyUSB0?baud=9600、tcp://主机:9100、file:/dev/usb/lp0、cups://队列")
HELP_WIDTH = "纸宽（毫米）：58 或 80，默认取打印机设置（未设为 58）"

# --- the print queue ---
JOB_UNKNOWN = "没有这个打印任务：{id}"
JOB_DONE = "打印任务 {id} 已打印完成；需要再打一张请用补打"
JOB_BUSY = "打印任务 {id} 正在打印中（{by}）"
JOB_WIDTH_MISMATCH = "打印任务 {id} 是 {job} 毫米的小票，打印机 {uri} 是 {printer} 毫米纸"
JOB_STATUS_LABELS = {"waiting": "待打印", "printing": "打印中", "done": "已打印",
                     "failed": "打印失败", "interrupted": "打印中断"}
JOB_KIND_LABELS = {"payment": "缴费凭证", "void": "作废凭证", "refund": "退费凭证",
                   "settlement": "日结单", "test": "测试页"}
JOB_LINE = "#{id} {kind} {ref}{reprint} {status} 第{attempts}次 {printer}{reason}"
JOB_LINE_REPRINT = "（补打{n}）"
JOB_LINE_REASON = "：{message}"
QUEUE_EMPTY = "打印队列为空：没有待打印或失败的任务"
QUEUE_RETRIED = "任务 #{id} 已打印到 {printer}"
QUEUE_STILL_FAILING = "任务 #{id} 仍未打印：{message}"
HELP_PRINT_QUEUE = "列出待打印、失败和中断的打印任务；加 --retry 逐个重打"
HELP_RETRY = "重打队列中的每个任务"
HELP_QUEUE_PRINTER = "重打到这台打印机（纸宽须相同），默认原打印机"
QUEUE_LEFT = "仍有 {n} 个打印任务未打印"

# --- printing at the counter (after a payment, a reversal, a day's close; reprints) ---
NO_PRINTER = ("本窗口没有配置打印机（配置文件 [printer]）：小票已留在打印队列，"
              "可在打印队列中发到其他打印机")
PRINTER_NONE_LABEL = "未配置打印机"
PRINT_NOT_QUEUED = "小票没能放进打印队列：{reason}（缴费已成功，可稍后补打）"
PRINT_DONE = "小票已打印（{printer}）"
PRINT_FAILED = "小票未打印：{message}"
PRINT_WAITING = "小票在打印队列中等待"

# --- checking a slip (`yibao verify`, the lookup field) ---
VERIFY_GENUINE = "查验通过：票据 {no} 是本系统打印的缴费凭证，缴费有效"
VERIFY_UNKNOWN = "查验未通过：查验码对得上，但本系统没有票据 {no}（不是本库开具的小票）"
VERIFY_VOID = "查验结果：票据 {no} 已作废，这张小票不再是缴费证明"
VERIFY_REVERSED = {"void": VERIFY_VOID,
                   "refunded": "查验结果：票据 {no} 已退费，这张小票不再是缴费证明"}
VERIFY_LINE_RECEIPT = "票据号：{no}（{status}）"
VERIFY_LINE_DAY = "缴费日期：{day}  窗口：{counter}  经办：{clerk}"
VERIFY_LINE_MEMBER = "  {name}  {id}"
VERIFY_LINE_TOTAL = "合计：￥{total}"
VERIFY_STATUS_LABELS = {"paid": "有效", "void": "已作废", "refunded": "已退费"}
HELP_VERIFY = "查验小票：输入或扫描小票二维码的文字 YB:票据号:查验码"
HELP_VERIFY_TEXT = "小票二维码的文字，形如 YB:票据号:查验码"
HELP_VERIFY_JSON = "以 JSON 输出"
HELP_PRINT_RECEIPT = "补打一张缴费凭证（带【补打 第n次】标记和编号，记入审计）"
HELP_RECEIPT_NO = "票据号"
HELP_REPRINT_CLERK = "补打人的用户名（不填则记为系统）"
HELP_PAY_PRINTER = "缴费后把小票打印到这台打印机（名称或地址）"
SETTLE_REPRINTS_LINE = "补打小票：{count} 张"

# --- the slip on screen, the print queue screen (the counter) ---
KEY_CANCEL = "返回"
KEY_SLIP_CLOSE = "关闭"
KEY_SLIP_RETRY = "重打"
KEY_SLIP_ELSEWHERE = "换打印机"
KEY_SLIP_REPRINT = "补打"
PROMPT_PRINTER = ("发到哪台打印机？输入配置文件 [printers.名称] 中的名称，"
                  "或打印机地址（回车发送，Esc 返回）")
PROMPT_PRINTER_HINT = "如 tcp://192.168.1.50:9100 或 备用"
SLIP_KEYS_FAILED = "F5 重打  F6 发到其他打印机  Esc 关闭（小票留在打印队列）"
SLIP_KEYS_REPRINT = "F7 补打  F6 补打到其他打印机  Esc 关闭"
SLIP_KEYS_DONE = "Esc 关闭"
SLIP_ALREADY_PRINTED = "这张小票已打印；再打一张请按 F7 补打"
SLIP_SENDING = "正在打印……"
SLIP_TITLE_PAID = "缴费成功：票据 {receipt_no}，小票预览"
SLIP_TITLE_RECEIPT = "票据 {receipt_no} 的小票"
SLIP_TITLE_JOB = "打印任务 #{id}：{kind} {ref}"
SLIP_TITLE_REVERSAL = "{kind}成功：{number}，小票预览"
SLIP_TITLE_SETTLEMENT = "日结单预览"
SLIP_PREVIEW_ONLY = "预览（未打印）：按 F7 打印"
KEY_PERSON_SLIP = "小票"
KEY_QUEUE = "打印队列"
PALETTE_QUEUE = "打印队列"
PALETTE_QUEUE_HELP = "待打印、失败和中断的小票：重打、换打印机、预览"
QUEUE_TITLE = "打印队列：待打印、失败和中断的小票（本窗口 {counter}）"
QUEUE_TITLE_ALL = "打印队列：待打印、失败和中断的小票"
QUEUE_COLUMNS = ("任务", "类别", "票据号", "状态", "次数", "打印机", "原因")
QUEUE_KEYS = "F5 重打  F6 发到其他打印机  Enter 预览  F2 刷新  Esc 返回"
QUEUE_LOADING = "正在读取打印队列……"
QUEUE_NONE_SELECTED = "请先选中一个打印任务"
KEY_QUEUE_RETRY = "重打"
KEY_QUEUE_ELSEWHERE = "换打印机"
KEY_QUEUE_PREVIEW = "预览"
KEY_QUEUE_RELOAD = "刷新"
KEY_BACK = "返回"
PREVIEW_IMAGE_LINE = "[图像行]"
PREVIEW_QR = "[二维码]"
PREVIEW_CUT = "— 切纸 —"
PRINTER_DEFAULT_LABEL = "本窗口打印机"
VERIFY_REVERSAL_SLIP = {
    "void": "查验结果：这是票据 {receipt} 的作废凭证（{no}），原缴费已作废，不是缴费证明",
    "refund": "查验结果：这是票据 {receipt} 的退费凭证（{no}），原缴费已退费，不是缴费证明"}
PRINT_DB_TROUBLE = ("小票没能放进打印队列：数据库出错（{reason}）；"
                    "缴费已成功，可稍后在人员页按 F11 补打")
