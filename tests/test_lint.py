"""Keep CI honest: the code passes ruff and mypy, and core/store never read the clock."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "salesplan"


def _ruff(*args):
    exe = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(exe).exists():
        pytest.skip("ruff is not installed")
    return subprocess.run([exe, *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_check():
    result = _ruff("check", "src", "tests")
    assert result.returncode == 0, result.stdout


def test_ruff_format():
    result = _ruff("format", "--check", "src", "tests")
    assert result.returncode == 0, result.stdout


def test_mypy():
    """pyproject.toml's [tool.mypy]: strict on core/ and plans/, the defaults elsewhere."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_and_store_never_read_the_clock():
    offenders = []
    for layer in ("core", "store", "render"):
        for path in (PACKAGE / layer).glob("*.py"):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if re.search(r"\.(now|today|utcnow)\(", line) or "time.time(" in line:
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


def test_core_never_reads_the_environment():
    pattern = re.compile(r"os\.environ|getenv\(|/etc/localtime|tzlocal\(")
    offenders = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in (PACKAGE / "core").glob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_core_imports_only_the_standard_library_and_dateutil():
    allowed_prefixes = ("salesplan.core", "salesplan.errors", "salesplan.i18n", "dateutil")
    bad = []
    for path in (PACKAGE / "core").glob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"\s*(?:from|import) (\S+)", line)
            if not m:
                continue
            module = m.group(1)
            if module.startswith("salesplan") and not module.startswith(allowed_prefixes):
                bad.append(f"{path.name}: {line.strip()}")
            if module.split(".")[0] in ("sqlalchemy", "sqlmodel", "rich", "typer"):
                bad.append(f"{path.name}: {line.strip()}")
    assert bad == []


def test_no_sql_is_built_by_string_formatting():
    pattern = re.compile(r"""(exec_driver_sql|execute|text)\(\s*f["']""")
    found = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in PACKAGE.rglob("*.py")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []


def test_formats_import_only_core_and_their_libraries():
    forbidden = ("salesplan.store", "salesplan.cli", "salesplan.render", "salesplan.models")
    forbidden += ("salesplan.plans", "sqlalchemy", "sqlmodel", "rich", "typer")
    bad = []
    for path in (PACKAGE / "formats").glob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"\s*(?:from|import) (\S+)", line)
            if m and m.group(1).startswith(forbidden):
                bad.append(f"{path.name}: {line.strip()}")
    assert bad == []
