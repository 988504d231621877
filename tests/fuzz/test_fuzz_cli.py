"""Property-based: the `yibao` command line, called in process with random argument lists
(and random bytes on stdin), ends with exit 0 or 2 and, when it refuses, a Chinese line
on stderr; never an exception (issue 10, point 5). A few dozen real processes with raw
bytes in argv check the same from outside."""

import contextlib
import io
import os
import subprocess
import sys

import pytest
from county import build_county
from fuzzing import counted, fuzz, nasty_text, odd_text, wild_text
from hypothesis import given
from hypothesis import strategies as st

from tui.cli import main

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from cli_process import COMMAND

LONG = "x" * 5000
NUMBERS = st.one_of(st.integers(-10, 600).map(str), st.integers().map(str),
                    st.sampled_from([str(2**63), str(-2**63 - 1), "1" * 5000, "1e3", "0x10",
                                     "١٢", "５", " 7 ", "nan", "inf", "-0", "1_000"]), odd_text)
DATES = st.one_of(st.dates().map(str), st.sampled_from(["2026-02-30", "9999-12-31",
                                                        "0001-01-01", "20261122", ""]), odd_text)


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    county = build_county(tmp_path_factory.mktemp("fuzz-cli"), people=120)
    os.mkfifo(county.folder / "fifo")
    saved_cwd, saved_db = os.getcwd(), os.environ.get("YIBAO_DB")
    os.chdir(county.folder)  # a relative path the fuzz makes up lands here
    os.environ["YIBAO_DB"] = county.url  # no --db: this county, never ./yibao.db
    yield county
    os.chdir(saved_cwd)
    if saved_db is None:
        os.environ.pop("YIBAO_DB", None)
    else:
        os.environ["YIBAO_DB"] = saved_db


def _paths(county):
    real = ["fixtures/policies/demo-2026.toml", "/work/none.toml", "/dev/null", "/dev/zero",
            str(county.folder), str(county.folder / "fifo"), str(county.folder / LONG), ""]
    from models.paths import POLICIES, REGIONS
    real += [str(POLICIES / "demo-2026.toml"), str(REGIONS / "demo.toml"), "demo", "lengshi-2024"]
    return st.one_of(st.sampled_from(real), odd_text)


def _urls(county, creatable: bool):
    urls = [county.url, "postgresql://[::1/x", "postgresql://u:p@h:99999/x", "mysql://x/y",
            "sqlite:///" + str(county.folder / LONG), "sqlite://", "sqlite:///",
            f"sqlite:///{county.folder}/none.db", "postgresql:///", ""]
    if creatable:  # init only: generate must never start on an empty county of its own
        urls.append(f"sqlite:///{county.folder}/new/x.db")
    return st.one_of(st.sampled_from(urls), st.just("sqlite:///").map(lambda s: s + "\x00"),
                     wild_text)


def _command(county):
    """[command..., option, value, ...]: each command's own options, with values that are
    right, wrong, absurd or not text, in any order, sometimes repeated or left hanging."""
    value = {"--limit": NUMBERS, "--offset": NUMBERS, "--year": NUMBERS, "--today": DATES,
             "--on": DATES, "--birth": DATES, "--event": DATES, "--missed-years": NUMBERS,
             "--repaid-years": NUMBERS, "--people": NUMBERS, "--seed": NUMBERS,
             "--duplicates": NUMBERS, "--region": _paths(county), "--truth": _paths(county),
             "--policy": st.one_of(st.sampled_from(["demo-2026", "lengshi-2024", "x" * 60]),
                                   odd_text),
             "--case": st.one_of(st.sampled_from(["regular", "newborn", "veteran"]), odd_text),
             "--identity": st.one_of(st.sampled_from(["orphan", "minimum_living"]), odd_text)}
    commands = {
        ("lookup",): ["--db", "--today", "--json", "--stdin", "--limit", "--offset", "--year"],
        ("quote",): ["--policy", "--case", "--on", "--birth", "--event", "--identity",
                     "--missed-years", "--repaid-years", "--json"],
        ("policy", "list"): [], ("policy", "check"): [], ("policy", "show"): ["--json"],
        ("init",): ["--db", "--today", "--region"],
        ("generate",): ["--db", "--today", "--people", "--seed", "--duplicates"],
    }

    @st.composite
    def argv(draw):
        command = draw(st.sampled_from(sorted(commands)))
        args = list(command)
        if command in (("policy", "check"), ("policy", "show")) or command == ("lookup",):
            args.append(draw(st.one_of(_paths(county), st.sampled_from(county.samples()),
                                       odd_text, nasty_text)))
        flags = commands[command] + ["-h", "--bogus", "--"]
        for _ in range(draw(st.integers(0, 6))):
            flag = draw(st.sampled_from(flags)) if flags else "--bogus"
            args.append(flag)
            if flag == "--db":
                args.append(draw(_urls(county, creatable=command == ("init",))))
            elif flag in value and draw(st.integers(0, 9)):  # now and then left hanging
                args.append(draw(value[flag]))
        if command == ("generate",) and draw(st.booleans()):
            args += ["--db", county.url]
        return args

    return argv()


def _run(argv: list[str], stdin: bytes) -> tuple[int, str, str]:
    """main(argv) as a real process would run it: stdout strict UTF-8 (what a UTF-8 locale
    gives), stderr with backslashreplace, stdin bytes."""
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="strict", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace",
                              write_through=True)
    saved_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", errors="surrogateescape")
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                code = main(argv)
            except SystemExit as e:  # argparse: -h (0) and usage errors (2)
                code = e.code
    finally:
        sys.stdin = saved_stdin
    return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


def _chinese(line: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in line)


@fuzz(1000)
@given(data=st.data())
def test_the_command_line_in_process(county, data):
    counted("cli main(argv) in process")
    argv = data.draw(_command(county))
    stdin = data.draw(st.one_of(st.just(b""), st.binary(max_size=60),
                                st.lists(st.sampled_from([b"wang", b"\xff\xfe", b"430225",
                                                          b"\x00", b"li", b""]),
                                         max_size=5).map(b"\n".join)))
    code, _out, err = _run(argv, stdin)
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err
    if code == 2:
        assert _chinese(err.strip().splitlines()[-1]), err


@fuzz(20)
@given(args=st.lists(st.one_of(st.binary(min_size=1, max_size=20).filter(lambda b: b"\0" not in b),
                               st.sampled_from([b"--limit", b"--db", b"--json", b"--stdin"])),
                     max_size=4),
       command=st.sampled_from([[b"lookup"], [b"quote", b"--policy"], [b"policy", b"check"],
                                [b"policy", b"show"]]))
def test_real_processes_with_raw_bytes(county, command, args):
    counted("cli real process, raw bytes argv")
    env = {**os.environ, "YIBAO_DB": county.url}
    result = subprocess.run([*COMMAND, *command, *args], capture_output=True, timeout=120,
                            env=env, cwd=county.folder, input=b"")
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode in (0, 2), err
    assert "Traceback" not in err
    if result.returncode == 2:
        assert _chinese(err.strip().splitlines()[-1]), err
