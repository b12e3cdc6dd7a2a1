"""The day template: named blocks of a working day, per weekday, kept as TOML."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from typing import Any

from salesplan.core.dates import WEEKDAYS
from salesplan.errors import BadInput
from salesplan.i18n import N_, _

KINDS = ("meeting", "calls", "field", "office", "review", "custom")
CALL_KINDS = ("calls", "office")  # the office hour is the best calling hour of the day


@dataclass(frozen=True)
class Block:
    start: int  # minutes after midnight
    end: int  # minutes after midnight, up to 1440
    kind: str
    label: str

    @property
    def minutes(self) -> int:
        return self.end - self.start


Template = dict[int, list[Block]]


def _m(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


# The reference day's block names are catalog messages: shown in Chinese as 晨会与培训 …
# (a template the user writes keeps the names given).
_REFERENCE_DAY = [
    Block(_m("08:00"), _m("08:40"), "meeting", N_("Morning meeting and training")),
    Block(
        _m("08:40"), _m("09:00"), "meeting", N_("Sync with the designer/engineer on new requests")
    ),
    Block(_m("09:00"), _m("09:20"), "calls", N_("Follow-up calls")),
    Block(_m("09:30"), _m("17:00"), "field", N_("Field: visits and prospecting")),
    Block(_m("17:00"), _m("18:00"), "office", N_("Back at the office: calls")),
    Block(_m("20:00"), _m("20:30"), "review", N_("Evening review: today's customers and names")),
]


NOON = 12 * 60  # where a half day absent splits the template


def half_day_blocks(blocks: list[Block], away: str | None) -> list[Block]:
    """The blocks of a day with half of it absent: ``morning`` away keeps what lies from noon
    on, ``afternoon`` away what lies before it (a block across noon is cut); None keeps all."""
    if away is None:
        return list(blocks)
    if away == "morning":
        return [Block(max(b.start, NOON), b.end, b.kind, b.label) for b in blocks if b.end > NOON]
    return [Block(b.start, min(b.end, NOON), b.kind, b.label) for b in blocks if b.start < NOON]


def default_template() -> Template:
    """Monday–Friday the reference day from the sales plans; the weekend empty."""
    return {d: (list(_REFERENCE_DAY) if d < 5 else []) for d in range(7)}


def _fmt(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _parse_clock(value: Any, where: str) -> int:
    text = str(value).strip()
    try:
        h, m = text.split(":")
        hour, minute = int(h), int(m)
    except ValueError:
        hour = minute = -1
    if hour == 24 and minute == 0:
        return 1440
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise BadInput(
            _("bad time {text!r} in the template at {where}: use HH:MM from 00:00 to 24:00").format(
                text=text, where=where
            )
        )
    return hour * 60 + minute


def validate_blocks(blocks: list[Block], where: str) -> list[Block]:
    ordered = sorted(blocks, key=lambda b: b.start)
    for b in ordered:
        if b.kind not in KINDS:
            raise BadInput(
                _("unknown block kind {kind!r} on {where}: use one of {choices}").format(
                    kind=b.kind, where=where, choices=", ".join(KINDS)
                )
            )
        if not 0 <= b.start < b.end <= 1440:
            raise BadInput(
                _("block {label!r} on {where} must end after it starts, within 00:00–24:00").format(
                    label=b.label, where=where
                )
            )
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b.start < a.end:
            raise BadInput(
                _("blocks {label!r} and {label2!r} overlap on {where}").format(
                    label=a.label, label2=b.label, where=where
                )
            )
    return ordered


def parse_template_toml(text: str) -> Template:
    """TOML with one array of blocks per weekday (``workdays`` sets Monday–Friday at once)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(_("the template is not valid TOML: {exc}").format(exc=exc)) from None
    except RecursionError:
        raise BadInput(
            _("the template is nested too deeply: use one array of blocks per day")
        ) from None
    unknown = set(data) - set(WEEKDAYS) - {"workdays"}
    if unknown:
        raise BadInput(
            _("unknown day {name!r} in the template: use workdays or {choices}").format(
                name=sorted(unknown)[0], choices=", ".join(WEEKDAYS)
            )
        )
    template: Template = {d: [] for d in range(7)}
    order = ["workdays", *WEEKDAYS]
    for day_name in order:
        if day_name not in data:
            continue
        raw = data[day_name]
        if not isinstance(raw, list):
            raise BadInput(
                _("{day_name} in the template must be a list of blocks").format(day_name=day_name)
            )
        blocks = []
        for i, item in enumerate(raw, 1):
            where = f"{day_name} block {i}"
            if not isinstance(item, dict) or not {"start", "end", "kind"} <= set(item):
                raise BadInput(
                    _("{where} needs start, end and kind (and an optional label)").format(
                        where=where
                    )
                )
            kind = str(item["kind"]).strip().lower()
            label = str(item.get("label") or kind).strip()
            blocks.append(
                Block(
                    _parse_clock(item["start"], where),
                    _parse_clock(item["end"], where),
                    kind,
                    label,
                )
            )
        blocks = validate_blocks(blocks, day_name)
        targets = range(5) if day_name == "workdays" else [WEEKDAYS.index(day_name)]
        for d in targets:
            template[d] = list(blocks)
    return template


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def template_to_toml(template: Template) -> str:
    lines = [
        "# salesplan day template: the blocks of each weekday.",
        f"# kinds: {', '.join(KINDS)}; times HH:MM within 00:00-24:00; blocks must not overlap.",
        "# Load it with: salesplan config template set FILE",
        "",
    ]
    for d, name in enumerate(WEEKDAYS):
        blocks = template.get(d, [])
        if not blocks:
            lines.append(f"{name} = []")
            lines.append("")
            continue
        lines.append(f"{name} = [")
        for b in blocks:
            lines.append(
                f'  {{ start = "{_fmt(b.start)}", end = "{_fmt(b.end)}", kind = "{b.kind}", '
                f"label = {_toml_string(b.label)} }},"
            )
        lines.append("]")
        lines.append("")
    return "\n".join(lines)


def template_to_json(template: Template) -> dict[str, list[dict[str, str]]]:
    return {
        WEEKDAYS[d]: [
            {"start": _fmt(b.start), "end": _fmt(b.end), "kind": b.kind, "label": b.label}
            for b in template.get(d, [])
        ]
        for d in range(7)
    }
