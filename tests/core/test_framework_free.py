import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "jaring" / "core"


def test_no_core_module_imports_django():
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(name == "django" or name.startswith("django.") for name in names), path


def test_core_runs_where_django_cannot_be_imported():
    code = (
        "import sys, datetime; sys.modules['django'] = None\n"
        "from jaring.core.intake.nik import parse_nik\n"
        "print(parse_nik('3573011508900001', on=datetime.date(2026, 1, 1)).valid)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
