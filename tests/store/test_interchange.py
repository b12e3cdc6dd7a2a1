"""The export's tables come from the schema: a new table is exported without editing a list."""

import ast
from pathlib import Path

from sqlmodel import SQLModel

from salesplan import models
from salesplan.formats.dump import file_name
from salesplan.store.interchange import table_shapes


def test_every_table_but_the_store_bookkeeping_is_exported_after_what_it_points_to():
    shapes = table_shapes()
    tables = [s.table for s in shapes]
    assert set(tables) == {t.name for t in SQLModel.metadata.tables.values()} - {
        "schema_info",
        "contact_key",  # made again from the contacts on import
        "contact_merge",  # undo records of merges
    }
    for position, shape in enumerate(shapes):
        assert all(tables.index(target) < position for target in shape.refs.values())
    activity = next(s for s in shapes if s.table == "activity")
    assert activity.refs == {
        "contact_id": "contact",
        "appointment_id": "appointment",
        "project_id": "project",
    }
    kinds = {c.name: c.kind for c in activity.columns}
    assert (kinds["at"], kinds["next_date"], kinds["minutes"], kinds["note"]) == (
        "instant",
        "date",
        "int",
        "text",
    )
    assert {file_name(s) for s in shapes} >= {"contacts", "log", "appointment_history"}


def test_the_lazy_table_names_and_the_type_checkers_names_agree():
    """models/__init__.py names each table for the lazy look-up and, separately, for type
    checkers (which cannot see through the look-up): both must name every table."""
    source = Path(models.__file__).read_text(encoding="utf-8")
    checked = {
        alias.asname or alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("salesplan.models.")
        for alias in node.names
    }
    models.load_all()
    defined = {cls.__name__ for cls in models.Table.__subclasses__()}
    assert set(models._HOME) == checked == defined
