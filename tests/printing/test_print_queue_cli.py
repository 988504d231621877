"""`yibao print queue [--retry [--printer P]]` as a user runs it: the jobs a printer
left behind, listed with their reason in Chinese, then retried to a printer that works."""

from actors import CLERK
from fake_printer import FakePrinter
from print_cli import yibao as run

from printing import print_queue as q

DATA = b"\x1b@\x1c&" + "测试".encode("gbk") + b"\n"


def yibao(*args):
    return run(*args, "--today", "2026-11-22")


def test_the_queue_lists_and_retries(db, db_url, clock):
    done = yibao("print", "queue", "--db", db_url)
    assert done.returncode == 0 and "打印队列为空" in done.stdout
    with FakePrinter("paper_out") as empty:
        first = q.enqueue(clock, CLERK, "payment", "430225-T1-2026-000001", DATA,
                          empty.uri + "?timeout=1", 58)
        q.print_job(clock, CLERK, first)
    q.enqueue(clock, CLERK, "test", "t-1", DATA, "/dev/null", 58, reprint=1)
    done = yibao("print", "queue", "--db", db_url)
    assert done.returncode == 0, done.stderr
    rows = done.stdout.splitlines()
    assert len(rows) == 2
    assert rows[0].startswith(f"#{first} 缴费凭证 430225-T1-2026-000001 打印失败 第1次")
    assert "打印机缺纸" in rows[0]
    assert "测试页 t-1（补打1） 待打印 第0次" in rows[1]
    with FakePrinter() as good:
        done = yibao("print", "queue", "--db", db_url, "--retry", "--printer", good.uri)
    assert done.returncode == 0, done.stderr
    assert all("已打印" in row for row in done.stdout.splitlines())
    assert good.jobs == [DATA, DATA]
    assert yibao("print", "queue", "--db", db_url).stdout.strip() == \
        "打印队列为空：没有待打印或失败的任务"


def test_a_retry_that_still_fails_says_so(db, db_url, clock):
    with FakePrinter("cover_open") as printer:
        q.enqueue(clock, CLERK, "payment", "430225-T1-2026-000002", DATA,
                  printer.uri + "?timeout=1", 58)
        done = yibao("print", "queue", "--db", db_url, "--retry")
    assert done.returncode == 2
    assert "打印机盖未合上" in done.stdout and "仍有 1 个打印任务未打印" in done.stderr
    assert "Traceback" not in done.stderr
