"""Every ``salesplan …`` command in README.md's shell examples runs, exits 0 and prints what
PRINTS says (a stable part of its output; the examples under 中文说明 run in Chinese).

One demo store is built (by the README's own ``salesplan demo --years 1``) with the people,
appointments and projects the examples name; each example then runs in-process on a fresh
copy of it, so the examples do not depend on one another's order. The files they read
(day.toml, all.json, a backup, a contact list, a calendar) are made first, in the folder the
examples run in, as a user following the README would have them.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.clirun import cli_env as _env
from tests.clirun import invoke as _invoke

ROOT = Path(__file__).resolve().parents[2]
# The examples run on copies of one SQLite demo store (a copy per example is a file copy).
pytestmark = pytest.mark.sqlite_only

# Exit codes the README documents for an example, when not 0 (none today).
EXPECTED_CODES: dict[str, int] = {}


@dataclass(frozen=True)
class Example:
    line: str  # as the README writes it
    argv: tuple[str, ...]  # after "salesplan"
    stdin: str | None  # what a printf before a pipe feeds it
    redirect: str | None  # the file after ">"
    language: str  # the language of the README section it is in: zh-CN under 中文说明

    @property
    def command(self) -> str:
        """The example's key in PRINTS: its words after "salesplan", and the answers it is fed."""
        words = " ".join(self.argv)
        if self.stdin is None:
            return words
        return f"{words} < " + " / ".join(self.stdin.splitlines())

    @property
    def id(self) -> str:
        return (self.command if self.language == "en" else f"{self.language} {self.command}")[:60]


def readme_examples() -> list[Example]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = []
    blocks = [
        ("zh-CN" if section.startswith("## 中文说明") else "en", block)
        for section in re.split(r"^(?=## )", text, flags=re.M)
        for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    ]
    for language, block in blocks:
        # A block that points SALESPLAN_DB at a team server runs on one: tests/team does that.
        if re.search(r"SALESPLAN_DB=\S*postgresql://", block):
            continue
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            stdin = None
            segment: list[str] = []
            for word in [*words, "&&"]:
                if word not in ("&&", "|", ";"):
                    segment.append(word)
                    continue
                if segment[:1] == ["printf"]:
                    stdin = segment[1].replace("\\n", "\n")
                elif segment[:1] == ["salesplan"]:
                    argv, redirect = segment[1:], None
                    if ">" in argv:
                        argv, redirect = argv[: argv.index(">")], argv[argv.index(">") + 1]
                    found.append(Example(line.strip(), tuple(argv), stdin, redirect, language))
                    stdin = None
                segment = []
    return found


EXAMPLES = readme_examples()

# What each example prints (or writes after ">"), on the store the workspace below builds, in the
# language of its section: one stable part of the output, compared with runs of spaces and line
# breaks made one space (a table's row is its cells one space apart). A new README example needs
# its line here.
PRINTS: dict[str, str] = {
    "today": "Mon 2026-11-30 · calls 0/30 · visits this week 0/20",
    "demo --years 1": "demo store ready: 1,000 contacts, 9,164 log entries",
    "demo --years 5": "demo store ready: 5,000 contacts",
    "due": "when contact via why",
    "week": "2026-W49 · 2026-11-30 – 2026-12-06",
    "today --date tomorrow": "Tue 2026-12-01 · calls 0/30 · visits this week 0/20",
    "calls": "calls 0/30 · next call block 09:00–09:20 · 30 to the target",
    "log call 王建国 -o no-answer": "→ 王建国 (no-answer) · today 1/30 calls · week 0/20 visits",
    "appt done 12 --next +3d": "appointment #12 done · visit #9165 logged",
    "review": "review of 2026-11-30",
    "week --markdown -o week.md": "weekly report 2026-W49 written to week.md",
    "contact add 王建国 --company 华远建材 --phone 13800138000 --area 朝阳 --tier key "
    "--status intent": "contact #1005 王建国 added",
    "contact list --area 朝阳 --search 建材": "128 田红 华远建材 18624636385 朝阳 lead",
    "contact show 建国": "name 王建国 phone 13800138099 area 朝阳 tier key",
    "contact edit 王建国 --status customer --needs 幕墙报价": "contact #1001 王建国 updated",
    "contact flag 李四 credit --note 两次逾期付款": "contact #1002 李四 flagged credit",
    "contact archive #12": "contact #12 许东东 archived",
    "contact dupes": "Liu Yang #15 居然之家·大兴 ~ Liu Yang #173 居然之家·海淀 · same name and company",
    "appt add 王建国 --at tomorrow 14:00 --minutes 90 --travel 40 --title 方案讲解": (
        "王建国 at 2026-12-01 14:00"
    ),
    "appt add --at fri 10:00 --title 建材展 --area 国展": "建材展 at 2026-12-04 10:00",
    "appt list --date tomorrow": "3 2026-12-01 14:00 60 袁东 丰台 13541102414 planned",
    "appt move 3 --at thu 10:00": "appointment #3 moved to 2026-12-03 10:00",
    "appt cancel 3 --reason 客户出差": "appointment #3 cancelled",
    "appt done 3 --outcome order --next +3d": "appointment #3 done · visit #9165 logged",
    "appt done 3 --at thu 15:00": "appointment #3 done · visit #9165 logged",
    "log call 王建国 --outcome callback --next fri --note 周五再联系": "→ 王建国 (callback) · today 1/30",
    "log call": "→ (cold) (reached) · today 1/30 calls",
    "log call --phone 13911112233 -o no-answer": "→ 13911112233 (no-answer) · today 1/30 calls",
    "log visit --new 刘洋 --phone 13911112222 --area 望京": "→ 刘洋 (reached) · today 0/30 calls · "
    "week 1/20 visits",
    "log email #12 --note 报价单已发": "→ 许东东 (sent)",
    "log email 王建国 --template 初次介绍": "→ 王建国 (sent)",
    "log meeting 陈总 --at yesterday 19:00 --minutes 90": "→ 陈总 (reached) · 2026-11-29",
    "log list --from mon --kind call": "nothing logged",  # Monday 08:05: nothing yet this week
    "log edit 214 --outcome reached --next +7d": "call #214 updated",
    "log rm 214": "removed call #214",
    "log undo": "removed call #9164 → 李兰然 (no-answer) at 2026-11-27 17:55",
    "progress": "calls today 0/30",
    "config template show": "# salesplan day template: the blocks of each weekday.",
    "config template set day.toml": "day template saved: 30 blocks",
    "todo add 周五前发报价 --contact 王建国 --due fri --important": (
        "to-do #2: 周五前发报价 · due 2026-12-04"
    ),
    "todo list": "1 交投标文件",
    "todo done 1": "to-do #1 done: 交投标文件",
    "email-template add 节日问候 --subject {company}：节日问候 --body {name}您好，祝节日快乐！": (
        "email template 节日问候 added"
    ),
    "email-template add 案例分享 --subject {product}案例 --body-file 案例.md": (
        "email template 案例分享 added"
    ),
    "email-template list": "初次介绍 {company} {company} {name}",
    "email-template show 初次介绍 --json": '"placeholders": [ "company", "name" ]',
    "email-template edit 初次介绍 --subject {product}方案": "email template 初次介绍 changed",
    "email-template render 初次介绍 王建国": "Subject: 王建国",  # 王建国 has no company
    "email-template rm 初次介绍": "email template 初次介绍 removed",
    "plan week": "Week 2026-W49 (2026-11-30 – 2026-12-06)",
    "plan week --week this --json": '"week": "2026-W49", "start": "2026-11-30"',
    "due --week next": "when contact via why",
    "due --until +14d --rule design-weekly --json": '"rule": "design-weekly"',
    "project add 望京SOHO幕墙 --contact 王建国 --amount 850000 --bid-date 2026-12-10": (
        "project #118 望京SOHO幕墙 (design) for 王建国"
    ),
    "project stage 1 bidding": "project #1 now in bidding",
    "project won 1 --amount 820000": "project #1 won",
    "project lost 2 --reason 价格高于竞品": "project #2 lost",
    "project pay 1 250000 --note 预付款": "payment 250,000 on project #1",
    "project date 1 acceptance 2027-03-15": "project #1: acceptance on 2027-03-15",
    "project list --stage bidding": "11 东城外墙保温 郑建兰 bidding 2026-11-13 988,126",
    "project show 1": "project #1 西城地暖工程 contact 程平超",
    "event add 客户答谢日 --on 2026-12-20 --status customer --area 朝阳": (
        "event #2 客户答谢日 on 2026-12-20"
    ),
    "event list": "1 2026-12-20 客户答谢日 customer 朝阳",
    "calls --limit 20": "calls 0/30 · next call block 09:00–09:20 · 30 to the target",
    "calls < r -- 聊得不错 / c fri / a tomorrow 2pm": "logged 3 calls (3 reached) · today 3/30",
    "calls < t fri -- 发报价 / r / q / m": "✓ 5 emails logged as sent",
    "calls --list 建材展": "1 展会甲 13700000001 [cold list]",
    "week --week 2026-W49 --json": '"start": "2026-11-30", "end": "2026-12-06"',
    "month --month 2026-11": "2026-11 · 2026-11-01 – 2026-11-30",
    "expense add 86.50 --category travel --note 打车": "expense #314 86.50 (travel) on 2026-11-30",
    "expense list --from 2026-11-01": "291 2026-11-02 travel 126.92 打车/油费",
    "note add 竞品降价10% --kind competitor": "note #47 (competitor) on 2026-11-30",
    "note list --kind policy": "no notes",
    "absent 2026-11-20 --half --afternoon": "2026-11-20: afternoon absent: half the call target",
    "absent 2026-11-23": "2026-11-23: absent: no targets",
    "workday list": "2026-01-01 Thu no public holiday",
    # 2027 not announced yet: the statutory holidays, each named as a guess.
    "workday list --year 2027 --json": '"date": "2027-01-01", "weekday": "Fri", "workday": false, '
    '"kind": "holiday", "source": "statutory"',
    "workday set 2027-02-06 work": "2027-02-06 (Sat) is now a workday",
    "workday set 2026-12-24 off": "2026-12-24 (Thu) is now a day off",
    "config set holidays none": "holidays = none",
    "config list": "calls_per_day 30 calls to make each day",
    "config get visits_per_week": "20",
    "config set calls_per_day 40": "calls_per_day = 40",
    "config set week_start sunday": "week_start = sunday",
    "config set timezone Asia/Shanghai": "timezone = Asia/Shanghai",
    # A new, empty store: the whole week's field time is free.
    "--db ~/work.db today": "calls 0/30 · visits this week 0/20 · 25 more fit",
    "backup -o ~/salesplan-backup.db": "salesplan-backup.db (integrity ok)",
    "restore ~/salesplan-backup.db": "; the previous store was saved as",
    "export --format json -o all.json": "todos to all.json",
    "export --format csv --what contacts -o contacts.csv": "exported contacts to contacts.csv",
    "import contacts 客户名单.csv --list 建材展": "added 2 contacts · 0 already in the store",
    "import calendar work.ics --days 90": "added 1 appointment · 0 already imported",
    "import json all.json": "added nothing new",
    "config set name 张丽": "name = 张丽",
    "week --html -o week.html": "weekly page 2026-W49 written to week.html",
    "week --html --week 2026-W48 -o -": "<title>Weekly report 2026-W48 (2026-11-23 – 2026-11-29)</title>",
    "week --summary 本周以朝阳为主，下周跟进投标": "2026-W49 · 2026-11-30 – 2026-12-06",
    # On 2026-11-30 the latest 12-18 is last year's: a log entry is a past moment.
    "log visit 王建国 --at 12月18日 下午2点": "→ 王建国 (reached) · 2025-12-18",
    "month --month 上月": "2026-10 · 2026-10-01 – 2026-10-31",
    "workday import 通知.txt --dry-run": "2026: 248 workdays (was: official schedule)",
    "workday import 通知.txt": "saved as the notice of 2026",
    "import contacts 客户名单.csv --dry-run": "姓名 → name",
    "import contacts 客户名单.csv --strict": "added 2 contacts · 0 already in the store",
}
# The examples under 中文说明, in Chinese.
PRINTS_ZH: dict[str, str] = {
    "today": "周一 2026-11-30 · 电话 0/30 · 本周拜访 0/20",
    "demo": "演示数据已就绪：1,000 位联系人、9,164 条记录",
    "contact add 王建国 --company 华远建材 --phone 13800138000 --area 朝阳 --tier 重点 "
    "--status 意向": "已新增联系人 #1005 王建国",
    "today --date 明天": "周二 2026-12-01 · 电话 0/30 · 本周拜访 0/20",
    "calls": "电话 0/30 · 下一段电话时间 09:00–09:20 · 距目标还差 30 通",
    "log call 王建国 -o 未接通 --next 下周一": "→ 王建国（未接通）· 今日 1/30 通 · 本周拜访 0/20",
    "email-template render 初次介绍 王建国": "主题： 王建国",
    "log email 王建国 --template 初次介绍": "→ 王建国（已发送）",
    "appt add 王建国 --at 明天下午2点": "约见 #1029 王建国，时间 2026-12-01 14:00",
    "appt done 12 --next +3d": "约见 #12 已完成 · 已记拜访 #9165",
    "appt done 12 --at 周四 15:00": "约见 #12 已完成 · 已记拜访 #9165",
    "project stage 3 深化设计": "项目 #3 进入深化设计阶段",
    "expense add 320 --category 交通": "费用 #314 320元（交通），2026-11-30",
    "review": "11月30日 复盘",
    "week --markdown -o 周报.md": "周报 2026-W49 已写入 周报.md",
    "plan week --week 下周": "2026-W50 周（2026-12-07 – 2026-12-13）",
    "log visit 王建国 --at 周四 下午两点": "→ 王建国（接通）· 2026-11-26",
    "week --week 上周": "2026年第48周（11月23日–11月29日）",
    "week --html -o 周报.html": "周报网页 2026-W49 已写入 周报.html",
    "month --month 上月": "2026年10月 · 10月1日 – 10月31日",
    "import contacts 客户名单.csv --dry-run": "将新增 2 位联系人",
    "import contacts 客户名单.csv": "已新增 2 位联系人",
    "import contacts 客户名单.rejected.csv": "已新增 2 位联系人",
    "import contacts 手机通讯录.vcf": "已新增 1 位联系人",
    "import contacts 客户名单.csv --strict": "已新增 2 位联系人",
}


def prints(example: Example) -> dict[str, str]:
    return PRINTS_ZH if example.language == "zh-CN" else PRINTS


def one_spaced(text: str) -> str:
    return " ".join(text.split())


CONTACTS_CSV = (
    "姓名,电话,片区,公司\n赵立新,13912345678,海淀,立新装饰\n孙悦,13987654321,朝阳,悦达建材\n"
)
CALENDAR_ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//example//calendar//EN
BEGIN:VEVENT
UID:readme-example-1@example.com
DTSTAMP:20261125T010000Z
DTSTART:20261203T020000Z
DTEND:20261203T030000Z
SUMMARY:方案讲解
LOCATION:望京
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the demo store and the files the examples read; also $HOME."""
    home = tmp_path_factory.mktemp("readme")
    base = home / "base.db"
    env = _env(base, home)
    cwd = os.getcwd()
    os.chdir(home)
    try:
        demo = next(e for e in EXAMPLES if e.argv[:1] == ("demo",) and "1" in e.argv)
        assert _invoke(list(demo.argv), env).exit_code == 0
        (home / "fair.csv").write_text("name,phone\n展会甲,13700000001\n", encoding="utf-8")
        for argv in (
            [
                "contact",
                "add",
                "王建国",
                "--phone",
                "13800138099",
                "--area",
                "朝阳",
                "--tier",
                "key",
            ],
            ["contact", "add", "李四", "--phone", "13800138098"],
            ["contact", "add", "陈总", "--phone", "13800138097"],
            ["todo", "add", "交投标文件"],  # to-do 1, for todo done 1
            ["email-template", "add", "初次介绍", "--subject", "{company}", "--body", "{name}"],
            ["import", "contacts", "fair.csv", "--list", "建材展"],  # for calls --list 建材展
        ):
            assert _invoke(argv, env).exit_code == 0, argv
        # The ids the examples use: appointments 3 and 12 planned this week, projects 1 and
        # 2 still in design, entry 214 a call.
        conn = sqlite3.connect(base)
        with conn:
            conn.execute(
                "UPDATE appointment SET status = 'planned', start = '2026-12-01 06:00:00' "
                "WHERE id IN (3, 12)"
            )
            conn.execute("UPDATE project SET stage = 'design', won_date = NULL WHERE id IN (1, 2)")
            conn.execute("UPDATE activity SET kind = 'call' WHERE id = 214")
        conn.close()
        for argv, target in (
            (["config", "template", "show"], "day.toml"),
            (["export", "--format", "json", "-o", "all.json"], None),
            (["backup", "-o", str(home / "salesplan-backup.db")], None),
        ):
            result = _invoke(argv, env)
            assert result.exit_code == 0, (argv, result.stderr)
            if target:
                (home / target).write_text(result.stdout, encoding="utf-8")
        (home / "客户名单.csv").write_text(CONTACTS_CSV, encoding="utf-8")
        (home / "客户名单.rejected.csv").write_text(CONTACTS_CSV, encoding="utf-8")
        (home / "手机通讯录.vcf").write_text(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:周立\r\nTEL:13911112222\r\nEND:VCARD\r\n",
            encoding="utf-8",
        )
        (home / "案例.md").write_text("{name}您好，\n这是{product}的案例。\n", encoding="utf-8")
        (home / "work.ics").write_text(CALENDAR_ICS, encoding="utf-8")
        notice = ROOT / "tests" / "fixtures" / "notices" / "2026.txt"
        (home / "通知.txt").write_text(notice.read_text(encoding="utf-8"), encoding="utf-8")
    finally:
        os.chdir(cwd)
    return home


def test_the_readme_has_examples_of_every_top_level_command():
    from salesplan.cli.app import COMMANDS

    shown = {e.argv[0] for e in EXAMPLES if e.argv and not e.argv[0].startswith("-")}
    assert len(EXAMPLES) > 60
    # team's examples need a team server: tests/team runs those commands on one.
    assert shown >= set(COMMANDS) - {"workday", "team"}


def test_every_example_has_what_it_prints_and_every_line_an_example():
    missing = [e.id for e in EXAMPLES if e.command not in prints(e)]
    assert not missing, f"add what these examples print to PRINTS or PRINTS_ZH: {missing}"
    for language, table in (("en", PRINTS), ("zh-CN", PRINTS_ZH)):
        shown = {e.command for e in EXAMPLES if e.language == language}
        assert set(table) <= shown, f"not README examples any more: {set(table) - shown}"


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_readme_example(example: Example, workspace: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(workspace)
    if example.argv[:1] == ("demo",):
        db = tmp_path / "empty.db"  # demo fills an empty store
    else:
        db = tmp_path / "store.db"
        shutil.copyfile(workspace / "base.db", db)
    monkeypatch.setenv("HOME", str(workspace))  # before ~ is expanded: never the real home
    argv = [os.path.expanduser(a) if a.startswith("~") else a for a in example.argv]
    # The call block reads answers from the keyboard; a person can always quit with q.
    stdin = example.stdin if example.stdin is not None else "q\n"
    result = _invoke(argv, _env(db, workspace, example.language), stdin)
    expected = EXPECTED_CODES.get(example.line, 0)
    assert result.exit_code == expected, (example.line, result.stdout[-500:], result.stderr)
    if example.redirect:
        assert result.stdout.strip()
    expected = prints(example).get(example.command)
    assert expected is not None, f"no line in PRINTS for {example.command!r}"
    assert one_spaced(expected) in one_spaced(result.stdout), (example.line, result.stdout[:2000])
