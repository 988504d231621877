"""Structure the import-linter contracts cannot see: screens never import one another.

A screen asks for the next screen with a message (tui/navigation.py) and the app opens it,
so a new screen is added in one place. The check walks every import statement in the file,
function-level ones included, and resolves relative imports.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ROOT / "tui" / "screens"
PACKAGE = "tui.screens"


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, module) for every module the file imports, `from x import y` counting as both
    x and x.y (y may be a module)."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(
                node.func, "id", None)) in ("import_module", "__import__") and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.append((node.lineno, node.args[0].value))
    return found


def screen_imports(path: Path, root: Path = ROOT) -> list[str]:
    """Each import of another screen module: "tui/screens/a.py:3 imports tui.screens.b"."""
    own = module_name(path, root)
    found = {}
    for line, target in imported_modules(path, root):
        if target.startswith(PACKAGE + "."):
            screen = ".".join(target.split(".")[:3])  # tui.screens.b.B -> tui.screens.b
            if screen != own:
                found[f"{path.relative_to(root)}:{line} imports {screen}"] = None
    return list(found)


@pytest.mark.parametrize("path", sorted(SCREENS.glob("*.py")), ids=lambda p: p.name)
def test_no_screen_imports_another_screen(path):
    assert screen_imports(path) == []


def test_the_check_sees_imports_inside_functions_and_relative_ones(tmp_path):
    package = tmp_path / "tui" / "screens"
    package.mkdir(parents=True)
    (package / "a.py").write_text(
        "import os\n"
        "def open_b():\n"
        "    from tui.screens.b import B\n"
        "class C:\n"
        "    def go(self):\n"
        "        from . import b\n"
        "        from .b import B\n"
        "        import tui.screens.b\n"
        "        from tui.screens import b\n"
        "        importlib.import_module('tui.screens.b')\n", encoding="utf-8")
    found = screen_imports(package / "a.py", tmp_path)
    assert [f.split(":")[1].split()[0] for f in found] == ["3", "6", "7", "8", "9", "10"]
    assert all(f.endswith("tui.screens.b") for f in found)
