"""The layers of ARCHITECTURE.md, enforced: no module imports a layer it must not know.

Imports are read with ``ast``, so an import inside a function (the lazy imports that keep
start-up fast) counts as much as one at the top of a module. A layer not yet in the tree is
simply not checked.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "salesplan"

# What each layer must never import (the arrows ARCHITECTURE.md draws, read backwards).
FORBIDDEN = {
    # The commands reach the store only through plans (the one door), render only core.
    "cli": {"store", "models"},
    "core": {"store", "plans", "cli", "render", "formats", "models"},
    "store": {"plans", "cli", "render", "formats"},
    "render": {"store", "plans", "cli", "models"},
    "plans": {"cli", "render"},
    "formats": {"store", "plans", "cli", "render"},
}


def imported_modules(path: Path, root: Path = PACKAGE) -> set[str]:
    """Every module ``path`` imports, anywhere in the file, as absolute dotted names."""
    package = ".".join(path.relative_to(root.parent).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the importing module's package
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found.add(module)
            # ``from salesplan import store`` imports the layer itself.
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "salesplan" else None


def violations(layer: str, root: Path = PACKAGE) -> list[str]:
    out = []
    for path in sorted((root / layer).rglob("*.py")):
        for module in sorted(imported_modules(path, root)):
            if layer_of(module) in FORBIDDEN[layer]:
                out.append(f"{path.relative_to(root)} imports {module}")
    return out


LAYERS = [layer for layer in FORBIDDEN if (PACKAGE / layer).is_dir()]


@pytest.mark.parametrize("layer", LAYERS)
def test_no_layer_imports_what_it_must_not(layer):
    assert violations(layer) == []


def test_the_checker_sees_function_level_relative_and_from_package_imports(tmp_path):
    fake = tmp_path / "salesplan"
    (fake / "core").mkdir(parents=True)
    (fake / "core" / "rule.py").write_text(
        "def f():\n"
        "    from salesplan.store.contacts import get_contact\n"
        "    from ..render import day\n"
        "    from salesplan import plans\n"
        "    import salesplan.cli.app\n"
        "from salesplan.core.dates import days\n",
        encoding="utf-8",
    )
    assert violations("core", fake) == [
        "core/rule.py imports salesplan.cli.app",
        "core/rule.py imports salesplan.plans",
        "core/rule.py imports salesplan.render",
        "core/rule.py imports salesplan.render.day",
        "core/rule.py imports salesplan.store.contacts",
        "core/rule.py imports salesplan.store.contacts.get_contact",
    ]


def test_a_command_that_reaches_the_store_or_a_table_is_caught(tmp_path):
    fake = tmp_path / "salesplan"
    (fake / "cli").mkdir(parents=True)
    (fake / "cli" / "log.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from salesplan.models import Activity\n"
        "def log():\n"
        "    from salesplan.store.activities import log_activity\n"
        "    from salesplan.plans.log import log_contact\n",
        encoding="utf-8",
    )
    assert violations("cli", fake) == [
        "cli/log.py imports salesplan.models",
        "cli/log.py imports salesplan.models.Activity",
        "cli/log.py imports salesplan.store.activities",
        "cli/log.py imports salesplan.store.activities.log_activity",
    ]
