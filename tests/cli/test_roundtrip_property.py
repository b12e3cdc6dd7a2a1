"""Property: export → import into an empty store → export gives the identical document."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
    str.strip
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    names=st.lists(text, min_size=1, max_size=4),
    notes=st.lists(st.one_of(st.none(), text), min_size=1, max_size=4),
    amount=st.integers(0, 10**9),
)
def test_export_import_export_is_identical(run, tmp_path_factory, names, notes, amount):
    work = tmp_path_factory.mktemp("rt")
    first_env = {"SALESPLAN_DB": str(work / "a.db")}
    second_env = {"SALESPLAN_DB": str(work / "b.db")}
    for i, name in enumerate(names):
        run("contact", "add", "--force", "--", name, env=first_env)
        note = notes[i % len(notes)]
        args = ["log", "call", f"#{i + 1}"] + ([f"--note={note}"] if note else [])
        run(*args, env=first_env)
    run("project", "add", "p", "--contact", "#1", "--amount", f"{amount / 100:.2f}", env=first_env)
    first = run("export", env=first_env).stdout
    (work / "a.json").write_text(first, encoding="utf-8")
    run("import", "json", str(work / "a.json"), env=second_env)
    second = run("export", env=second_env).stdout
    assert json.loads(first) == json.loads(second)
    assert first == second
