"""Settings and the day template written through the plans, read back through the store."""

from datetime import UTC, datetime

import pytest

from salesplan.core.settings import parse_setting
from salesplan.core.template import default_template, parse_template_toml
from salesplan.plans.config import day_template, save_day_template, set_setting
from salesplan.store.db import Store
from salesplan.store.settings import load_settings

NOW = datetime(2026, 12, 1, 0, 30, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "s.db", NOW)


def test_a_setting_is_stored_as_parsed(store):
    with store.session(write=True) as s:
        set_setting("calls_per_day", parse_setting("calls_per_day", "40"), session=s)
        set_setting("week_start", parse_setting("week_start", "sunday"), session=s)
    with store.session() as s:
        settings = load_settings(session=s, system_zone=UTC)
    assert settings.calls_per_day == 40 and settings.week_start == "sunday"


def test_the_day_template_is_the_default_until_one_is_saved(store):
    with store.session() as s:
        assert day_template(session=s) == default_template()
    mine = parse_template_toml('monday = [{ start = "09:00", end = "11:00", kind = "calls" }]\n')
    with store.session(write=True) as s:
        save_day_template(mine, session=s)
    with store.session() as s:
        saved = day_template(session=s)
    assert saved == mine and saved != default_template()
