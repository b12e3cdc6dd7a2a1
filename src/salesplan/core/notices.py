"""The State Council's annual holiday notice, read as published (``workday import``).

The notice (国务院办公厅关于2026年部分节假日安排的通知) numbers one item per festival::

    一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。…
    六、国庆节、中秋节：10月1日至8日放假调休，共8天。9月27日（星期日）、10月10日（星期六）上班。

Inside an item each clause (between commas and full stops) that names days and says 放假 or
补休 gives days off; one that says 上班 gives make-up workdays. A range ``A至B`` runs from A to
B (B may leave out its year and month); a list is ``A、B``. Anything else — 共3天, 与周末连休,
不调休, a sentence encouraging a day off (安排职工在除夕（2月9日）休息), the text before the
first item and the signature — is read past. Full- and half-width punctuation are the same,
星期 and 周 too; a weekday given in brackets is checked against the date, which catches a notice
read for the wrong year. Pure: text in, dates out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from salesplan.errors import BadInput
from salesplan.i18n import _

_ITEM = re.compile(r"(?:^|(?<=[\s。;]))([一二三四五六七八九十]{1,3})[、.]\s*([^:。\n]{1,30}?)\s*:")
_TITLE_YEAR = re.compile(r"关于\s*(\d{4})\s*年\s*部分节假日安排|现将\s*(\d{4})\s*年")
_DATE = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*[日号]"
    r"\s*(?:\((?P<note>[^)]*)\))?"
)
_RANGE = re.compile(r"^\s*(?:至|到|-|—|–|~|～)\s*$")
_LIST = re.compile(r"^\s*(?:、|和|及|与)?\s*$")
_WEEKDAY = re.compile(r"(?:星期|周|礼拜)([一二三四五六日天])")
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_MAX_SPAN = 31  # no festival is longer; a longer "range" is a misreading


@dataclass(frozen=True)
class NoticeItem:
    """One numbered item: its festival(s), the days off and the make-up workdays it names."""

    label: str
    off: tuple[date, ...]
    work: tuple[date, ...]


@dataclass(frozen=True)
class Notice:
    """A year's notice as read: its items in order."""

    year: int
    items: tuple[NoticeItem, ...]

    def days(self) -> dict[date, bool]:
        """Every day the notice names: True for a make-up workday, False for a day off."""
        listed: dict[date, bool] = {}
        for item in self.items:
            listed.update(dict.fromkeys(item.off, False))
        for item in self.items:
            listed.update(dict.fromkeys(item.work, True))
        return dict(sorted(listed.items()))

    def to_json(self) -> dict[str, object]:
        return {
            "year": self.year,
            "items": [
                {
                    "festival": item.label,
                    "off": [d.isoformat() for d in item.off],
                    "work": [d.isoformat() for d in item.work],
                }
                for item in self.items
            ],
        }


def notice_year(text: str) -> int | None:
    """The year a notice is for, from its title or its first sentence (现将2026年…)."""
    match = _TITLE_YEAR.search(unicodedata.normalize("NFKC", text))
    if match is None:
        return None
    return int(match.group(1) or match.group(2))


def parse_notice(text: str, year: int | None = None) -> Notice:
    """Read a notice; ``year`` (``--year``) when the text does not say it. Raises BadInput,
    in one line, when the text holds no holiday item or contradicts itself."""
    flat = unicodedata.normalize("NFKC", text)
    said = notice_year(flat)
    if year is not None and said is not None and year != said:
        raise BadInput(
            _("the notice is for {said} but --year says {year}: give the notice's year").format(
                said=said, year=year
            )
        )
    year = year if year is not None else said
    marks = list(_ITEM.finditer(flat))
    if not marks:
        raise BadInput(
            _(
                "no holiday found in the notice: give the State Council's text, one item per festival (一、元旦：1月1日至3日放假调休，共3天。1月4日（周日）上班。)"
            )
        )
    if year is None:
        raise BadInput(
            _(
                "the notice does not say its year (国务院办公厅关于2027年部分节假日安排的通知): give --year 2027"
            )
        )
    items: list[NoticeItem] = []
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(flat)
        label = re.sub(r"\s+", "", mark.group(2))
        off, work = _read_item(flat[mark.end() : end], year, label)
        if off or work:
            items.append(NoticeItem(label, tuple(off), tuple(work)))
    if not items:
        raise BadInput(
            _(
                "no holiday found in the notice: give the State Council's text, one item per festival (一、元旦：1月1日至3日放假调休，共3天。1月4日（周日）上班。)"
            )
        )
    return Notice(year, tuple(items))


def check_whole(notice: Notice) -> Notice:
    """The notice, when it names every festival: a half-pasted one would make the festivals
    it leaves out workdays of its year."""
    named = "".join(item.label for item in notice.items)
    missing = [word for word in FESTIVALS if word not in named]
    if missing:
        raise BadInput(
            _(
                "the notice names no {missing}: a year's notice names all seven festivals; give the whole text"
            ).format(missing="、".join(missing))
        )
    return notice


# The festivals every year's notice names (中秋 and 国庆 sometimes in one item).
FESTIVALS = ("元旦", "春节", "清明", "劳动", "端午", "中秋", "国庆")


def _read_item(body: str, year: int, label: str) -> tuple[list[date], list[date]]:
    off: list[date] = []
    work: list[date] = []
    for clause in re.split(r"[。;,\n]", body):
        if "上班" in clause:
            target = work
        elif "放假" in clause or "补休" in clause:
            target = off
        else:
            continue
        target.extend(_clause_days(clause, year, label))
    return sorted(set(off)), sorted(set(work))


def _clause_days(clause: str, year: int, label: str) -> list[date]:
    """The days a clause names, in order: single days, lists and ranges."""
    days: list[date] = []
    current_year, current_month = year, None
    previous: date | None = None
    position = 0
    ranging = False
    for match in _DATE.finditer(clause):
        between = clause[position : match.start()]
        position = match.end()
        if previous is not None:
            if _RANGE.match(between):
                ranging = True
            elif not _LIST.match(between):
                ranging = False
        if match.group("y"):
            current_year = int(match.group("y"))
        if match.group("m"):
            current_month = int(match.group("m"))
        if current_month is None:
            raise _unreadable(label, match.group(0))
        day = _make_date(current_year, current_month, int(match.group("d")), label, match)
        if ranging and previous is not None:
            if day <= previous and not match.group("m"):
                raise _unreadable(label, match.group(0))
            if day < previous and match.group("m") and not match.group("y"):
                # 12月31日至1月2日 without years: the range runs into the next year.
                day = _make_date(current_year + 1, day.month, day.day, label, match)
                current_year += 1
            if not previous < day <= previous + timedelta(days=_MAX_SPAN):
                raise _unreadable(label, match.group(0))
            probe = previous + timedelta(days=1)
            while probe < day:
                days.append(probe)
                probe += timedelta(days=1)
            ranging = False
        days.append(day)
        previous = day
    return days


def _make_date(year: int, month: int, day: int, label: str, match: re.Match[str]) -> date:
    try:
        made = date(year, month, day)
    except ValueError:
        raise _unreadable(label, match.group(0)) from None
    note = match.group("note") or ""
    said = _WEEKDAY.search(note)
    if said and _WEEKDAYS[said.group(1)] != made.weekday():
        raise BadInput(
            _(
                "the notice says {label} {text} is {weekday}, but in {year} it is not: give the notice's year with --year"
            ).format(
                label=label, text=match.group(0).strip(), weekday=said.group(0), year=made.year
            )
        )
    return made


def _unreadable(label: str, text: str) -> BadInput:
    return BadInput(
        _(
            "cannot read the dates of {label} in the notice near {text!r}: write them as published (1月1日至3日放假，1月4日（周日）上班)"
        ).format(label=label, text=text.strip())
    )
