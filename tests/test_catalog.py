"""Chinese text lives in one catalog (models/texts/), shared by the counter, the command
line, slips and Excel: a Chinese string literal anywhere else in the code fails here.
Docstrings and comments may be in Chinese; data tables belong in fixtures/."""

import ast
import io
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("models", "tui", "printing")
CATALOG = ROOT / "models" / "texts"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
                 r"\U00020000-\U0003134F]")


def _docstring_starts(tree: ast.AST) -> set[tuple[int, int]]:
    starts = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                starts.add((body[0].lineno, body[0].col_offset))
    return starts


def chinese_literals(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    docstrings = _docstring_starts(ast.parse(source))
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING and token.start not in docstrings \
                and CJK.search(token.string):
            found.append(f"{path.relative_to(ROOT)}:{token.start[0]}: {token.string[:40]}")
    return found


def test_no_chinese_string_literal_outside_the_catalog():
    offenders = [hit for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
                 if CATALOG not in path.parents for hit in chinese_literals(path)]
    assert not offenders, "\n".join(offenders)


def test_the_check_would_catch_one(tmp_path):
    sample = ROOT / "models" / "_catalog_probe.py"
    try:
        sample.write_text('"""说明可以是中文。"""\n# 注释也可以\nLABEL = "已缴费"\n',
                          encoding="utf-8")
        assert chinese_literals(sample) == ['models/_catalog_probe.py:3: "已缴费"']
    finally:
        sample.unlink()
