"""Read commands match stored keys: they never import the pinyin or conversion libraries."""

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.e2e

SCRIPT = """
import json, sys
from typer.testing import CliRunner
from salesplan.cli.app import app

for args in json.loads(sys.argv[1]):
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
print(json.dumps(sorted(
    name for name in sys.modules
    if name.split(".")[0] in ("pypinyin", "opencc") or name == "salesplan.core.searchkeys"
)))
"""

WRITES = [
    ["contact", "add", "王建国", "--company", "华远建材", "--phone", "13600000002"],
    ["contact", "add", "王建华", "--company", "美的楼宇"],
]
READS = [
    ["contact", "show", "wjg"],
    ["contact", "show", "wangjianguo"],
    ["contact", "show", "王建國"],
    ["contact", "show", "华远"],
    ["contact", "show", "+86 136-0000-0002"],
    ["contact", "list", "--search", "wjh"],
    ["contact", "list", "--search", "王总"],
    ["contact", "dupes"],
    ["contact", "dupes", "--json"],
    ["log", "list"],
    ["today"],
]


def _run(args: list[list[str]], env: dict[str, str]) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(args)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_reads_import_no_pinyin_or_conversion_library(tmp_path):
    env = {**os.environ, "SALESPLAN_DB": str(tmp_path / "s.db")}
    # The writes do import them (so the check below would see them if reads did too).
    assert "pypinyin" in _run(WRITES, env)
    assert _run(READS, env) == []
