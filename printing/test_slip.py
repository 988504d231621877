"""The test slip of `yibao print test`: Chinese, a rare character (drawn as a picture),
￥ and capitals, the paper's measure, a QR code, and the cut."""

from models.texts import printing as p
from printing import lines as ln
from printing.capitals import capitals
from printing.cells import Paper
from printing.lines import Line
from printing.slip import money

TEST_AMOUNT = 28000


def test_lines(paper: Paper, uri: str) -> list[Line]:
    out = ln.title(p.TEST_TITLE, paper)
    out += ln.text(p.TEST_CHINESE, paper)
    out += ln.text(p.TEST_RARE, paper)
    out += ln.text(p.TEST_AMOUNT.format(sign="", amount=money(TEST_AMOUNT)), paper)
    out += ln.text(p.SLIP_TOTAL_CAPITALS.format(capitals=capitals(TEST_AMOUNT)), paper)
    out += ln.text(p.TEST_WIDTH.format(mm=paper.mm, columns=paper.columns, dots=paper.dots),
                   paper)
    out += ln.text(p.TEST_PRINTER.format(uri=uri), paper, indent="  ")
    out.append(ln.rule())
    out.append(ln.qr(p.TEST_QR))
    out += ln.centered(p.TEST_END, paper)
    return out
