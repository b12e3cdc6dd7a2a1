"""Settings: every number from the sales plans is a setting with a typed default.

The store keeps settings as text; this module is the one place that knows their types,
defaults and what values are accepted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, tzinfo
from typing import Any

from salesplan.core.dates import WEEKDAYS, weekday_index
from salesplan.core.money import format_amount, parse_amount, to_number
from salesplan.errors import BadInput
from salesplan.i18n import N_, _


def _positive_int(key: str, raw: str) -> int:
    try:
        value = int(raw.strip())
    except ValueError:
        value = 0
    if value <= 0 or value > 100_000:
        raise BadInput(
            _("bad value {raw!r} for {key}: use a positive whole number").format(raw=raw, key=key)
        )
    return value


def _minutes(key: str, raw: str) -> int:
    try:
        value = int(raw.strip())
    except ValueError:
        value = -1
    if not 0 <= value <= 24 * 60:
        raise BadInput(
            _("bad value {raw!r} for {key}: use minutes from 0 to 1440").format(raw=raw, key=key)
        )
    return value


def _weekday(key: str, raw: str) -> str:
    try:
        return WEEKDAYS[weekday_index(raw)]
    except BadInput:
        raise BadInput(
            _("bad value {raw!r} for {key}: use one of {choices}").format(
                raw=raw, key=key, choices=", ".join(WEEKDAYS)
            )
        ) from None


def _timezone(key: str, raw: str) -> str:
    name = raw.strip()
    if name.lower() in ("system", "local", ""):
        return "system"
    zone_named(name, key=key)
    return name


def _bool(key: str, raw: str) -> bool:
    word = raw.strip().lower()
    if word in ("on", "true", "yes", "1"):
        return True
    if word in ("off", "false", "no", "0"):
        return False
    raise BadInput(_("bad value {raw!r} for {key}: use on or off").format(raw=raw, key=key))


def _holidays(key: str, raw: str) -> str:
    word = raw.strip().lower()
    if word in ("cn", "none", "auto"):
        return word
    raise BadInput(
        _(
            "bad value {raw!r} for {key}: use cn (China's public holidays and 调休 workdays), none (Monday to Friday) or auto (cn in a mainland-China time zone)"
        ).format(raw=raw, key=key)
    )


def _language(key: str, raw: str) -> str:
    from salesplan.i18n import LANGUAGES, normalize_language

    if raw.strip().lower() in ("auto", "", "自动"):
        return "auto"
    chosen = normalize_language(raw)
    if chosen is None:
        raise BadInput(
            _("bad value {raw!r} for {key}: use {choices} or auto").format(
                raw=raw, key=key, choices=", ".join(LANGUAGES)
            )
        )
    return chosen


NAME_MAX = 40


def _person_name(key: str, raw: str) -> str:
    """A name as people write it (张丽, Li Na); empty clears it."""
    name = " ".join(raw.split())
    if len(name) > NAME_MAX or any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in raw):
        raise BadInput(
            _("bad value {raw!r} for {key}: use a name of at most {max} characters").format(
                raw=raw[:60], key=key, max=NAME_MAX
            )
        )
    return name


def _money(key: str, raw: str) -> int:
    return parse_amount(raw, what=f"value for {key}")


@dataclass(frozen=True)
class Spec:
    parse: Callable[[str, str], Any]
    help: str


def _specs(parse: Callable[[str, str], Any], **helps: str) -> dict[str, Spec]:
    """Settings of one kind of value, in the order given."""
    return {key: Spec(parse, help) for key, help in helps.items()}


SPECS: dict[str, Spec] = {
    **_specs(
        _positive_int,
        calls_per_day=N_("calls to make each day"),
        visits_per_week=N_("customer visits each week"),
        minutes_per_call=N_("minutes a call takes, dialling and notes included (the call pace)"),
        new_contacts_per_week=N_("new contacts to add each week"),
        potential_contacts_per_week=N_(
            "potential customers each week: prospects added or moved to intent"
        ),
    ),
    **_specs(
        _minutes,
        buffer_minutes=N_("slack kept before every appointment"),
        travel_minutes=N_("travel assumed before an appointment"),
        same_area_travel_minutes=N_("travel when the previous appointment is in the same area"),
        min_block_minutes=N_("a template block cut shorter than this is dropped"),
    ),
    "week_start": Spec(_weekday, N_("the first day of the week")),
    "timezone": Spec(_timezone, N_("IANA time zone such as Asia/Shanghai, or system")),
    "holidays": Spec(
        _holidays, N_("official days off and 调休 workdays: cn, none, or auto (by time zone)")
    ),
    "language": Spec(_language, N_("zh-CN or en; auto follows SALESPLAN_LANG, then the locale")),
    "name": Spec(
        _person_name,
        N_("the salesperson's name on the weekly report (on a team store: else the role)"),
    ),
    "yearly_sales_target": Spec(_money, N_("sales target for the year")),
    "attendance_scoring": Spec(_bool, N_("show the monthly attendance score (on/off)")),
    **_specs(
        _positive_int,
        backup_keep=N_("automatic backups kept beside the store"),
        design_followup_days=N_("follow up a project in design at least every N days"),
        stage_followup_days=N_("follow up a project in any later stage every N days"),
        bid_docs_days_before=N_("deliver bid documents N days before the bid"),
        delivery_confirm_days_before=N_("confirm stock and delivery N days before a delivery date"),
        acceptance_docs_days_before=N_("prepare the acceptance documents N days before acceptance"),
        after_sales_first_from=N_("first after-sales call opens N days after"),
        after_sales_first_to=N_("first after-sales call closes N days after"),
        after_sales_second_from=N_("second call opens N days after the first"),
        after_sales_second_to=N_("second call closes N days after the first"),
        unclear_email_days=N_("email a prospect of unclear intent every N days"),
        intent_days=N_("contact a prospect with intent every N days"),
        key_customer_days=N_("contact a key customer every N days"),
        keep_in_touch_days=N_("contact a regular customer every N days"),
        event_notice_days=N_("phone about an event N days ahead"),
        event_letter_days=N_("send the invitation within N days of the call"),
    ),
}


@dataclass(frozen=True)
class Settings:
    calls_per_day: int = 30
    # 30 calls in the reference day's 20 + 60 minutes of call blocks: one every 2–3 minutes.
    minutes_per_call: int = 2
    visits_per_week: int = 20
    new_contacts_per_week: int = 5
    potential_contacts_per_week: int = 3
    buffer_minutes: int = 30
    travel_minutes: int = 30
    same_area_travel_minutes: int = 10
    min_block_minutes: int = 10
    week_start: str = "monday"
    timezone: str = "system"
    holidays: str = "auto"
    language: str = "auto"
    name: str = ""
    yearly_sales_target: int = 100_000_000  # 1,000,000 yuan in fen
    attendance_scoring: bool = False
    backup_keep: int = 5
    design_followup_days: int = 7
    stage_followup_days: int = 14
    bid_docs_days_before: int = 2
    delivery_confirm_days_before: int = 3
    acceptance_docs_days_before: int = 3
    after_sales_first_from: int = 3
    after_sales_first_to: int = 7
    after_sales_second_from: int = 7
    after_sales_second_to: int = 14
    unclear_email_days: int = 2
    intent_days: int = 3
    key_customer_days: int = 14
    keep_in_touch_days: int = 30
    event_notice_days: int = 14
    event_letter_days: int = 2
    # What timezone = "system" means: the machine's zone, resolved by the caller beside the
    # clock (core never reads the environment). Not a stored setting.
    system_zone: tzinfo = field(default=UTC, repr=False, compare=False)

    @classmethod
    def from_stored(cls, stored: Mapping[str, str], *, system_zone: tzinfo) -> Settings:
        """Build from the store's text values; unknown keys are ignored."""
        values = {k: SPECS[k].parse(k, v) for k, v in stored.items() if k in SPECS}
        return cls(**values, system_zone=system_zone)

    @property
    def week_start_index(self) -> int:
        return weekday_index(self.week_start)

    @property
    def tz(self) -> tzinfo:
        return self.system_zone if self.timezone == "system" else zone_named(self.timezone)

    @property
    def holiday_calendar(self) -> str:
        """``cn`` or ``none``: the setting, or for ``auto`` what the time zone implies."""
        if self.holidays != "auto":
            return self.holidays
        from salesplan.core.workdays import default_holidays

        name = self.timezone if self.timezone != "system" else zone_key(self.system_zone)
        return default_holidays(name)

    def as_public(self) -> dict[str, Any]:
        """Setting name → value, as ``config list --json`` shows it."""
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name not in SPECS:
                continue
            value = getattr(self, f.name)
            out[f.name] = to_number(value) if f.name == "yearly_sales_target" else value
        out["holidays"] = self.holiday_calendar
        return out

    def display(self, key: str) -> str:
        value = getattr(self, key)
        if key == "yearly_sales_target":
            return format_amount(value)
        if isinstance(value, bool):
            return "on" if value else "off"
        if key == "holidays" and value == "auto":
            return f"{self.holiday_calendar} (auto)"
        return str(value)


def parse_setting(key: str, raw: str) -> Any:
    """Validate one ``config set KEY VALUE``; returns the typed value."""
    if key not in SPECS:
        raise BadInput(
            _("unknown setting {key!r}: use one of {choices}").format(
                key=key, choices=", ".join(SPECS)
            )
        )
    return SPECS[key].parse(key, raw)


def stored_text(key: str, value: Any) -> str:
    """The text kept in the store for a typed value."""
    if isinstance(value, bool):
        return "on" if value else "off"
    if key == "yearly_sales_target":
        return str(to_number(value))
    return str(value)


def zone_named(name: str, key: str = "timezone") -> tzinfo:
    """An IANA zone by name, with its DST rules."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadInput(
            _(
                "bad value {name!r} for {key}: use an IANA time zone such as Asia/Shanghai, or system"
            ).format(name=name, key=key)
        ) from None


def zone_key(zone: tzinfo) -> str | None:
    """The IANA name of a zone when it has one (``Asia/Shanghai``), else None."""
    return getattr(zone, "key", None)
