"""The time-zone setting: "system" means the zone the caller passes in; core reads no environment."""

from datetime import UTC
from zoneinfo import ZoneInfo

import pytest

from salesplan.core.settings import Settings, parse_setting
from salesplan.errors import BadInput

NEW_YORK = ZoneInfo("America/New_York")


def test_system_means_the_zone_passed_in(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # ignored: core never looks
    assert Settings.from_stored({}, system_zone=NEW_YORK).tz is NEW_YORK
    assert Settings.from_stored({"timezone": "system"}, system_zone=NEW_YORK).tz is NEW_YORK


def test_a_named_zone_wins_over_the_machine():
    settings = Settings.from_stored({"timezone": "Asia/Shanghai"}, system_zone=NEW_YORK)
    assert settings.tz == ZoneInfo("Asia/Shanghai")


def test_settings_built_without_a_zone_treat_system_as_utc():
    assert Settings().tz is UTC


def test_the_machine_zone_is_not_a_setting():
    public = Settings.from_stored({}, system_zone=NEW_YORK).as_public()
    assert "system_zone" not in public and public["timezone"] == "system"


def test_an_unknown_zone_is_bad_input_naming_what_is_accepted():
    with pytest.raises(BadInput, match="IANA time zone"):
        parse_setting("timezone", "Mars/Olympus")
    assert parse_setting("timezone", "local") == "system"
