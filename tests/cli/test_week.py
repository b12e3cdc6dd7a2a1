import json

import pytest

# A clock after Tuesday 12-01 of the fixture's week: a day short of the target is missed once
# it is over.
THURSDAY = {"SALESPLAN_NOW": "2026-12-03T09:00"}


@pytest.fixture
def week_of_work(run):
    run("contact", "add", "王建国", "--area", "朝阳", "--tier", "key", "--status", "customer")
    run("contact", "add", "李娜", "--area", "望京", "--status", "intent")
    run("contact", "add", "坏账户", "--area", "通州")
    run("contact", "flag", "坏账户", "credit", "--note", "逾期三个月")
    for day, calls in (("2026-11-30", 31), ("2026-12-01", 12), ("2026-12-02", 30)):
        for i in range(calls):
            run(
                "log",
                "call",
                "王建国" if i % 5 == 0 else "",
                "--at",
                f"{day} 09:{i % 60:02d}",
                "--future",  # the week is written ahead of the pinned Monday morning
                "-o",
                "reached" if i % 2 else "no-answer",
            )
        run("log", "visit", "李娜", "--at", f"{day} 14:00", "--future", "--note", "现场测量")
    run("project", "add", "幕墙", "--contact", "王建国")
    run("project", "won", "1", "--amount", "120000.10")
    run("project", "pay", "1", "0.10")
    run("project", "pay", "1", "0.20")
    run("expense", "add", "86.50", "--category", "travel")
    run("expense", "add", "320", "--category", "meal", "--contact", "王建国")
    run("note", "add", "竞品降价10%", "--kind", "competitor")
    run("note", "add", "朝阳区周三限行", "--kind", "policy")


def test_week_json(run, week_of_work):
    data = run.json("week", "--date", "2026-12-02")
    assert (data["week"], data["start"], data["end"]) == ("2026-W49", "2026-11-30", "2026-12-06")
    assert [(d["date"], d["calls"], d["visits"]) for d in data["days"][:3]] == [
        ("2026-11-30", 31, 1),
        ("2026-12-01", 12, 1),
        ("2026-12-02", 30, 1),
    ]
    assert data["days"][0]["reached"] == 15
    assert data["totals"]["calls"] == 73 and data["totals"]["visits"] == 3
    assert data["totals"]["call_days_met"] == 2
    assert data["targets"] == {
        "calls_per_day": 30,
        "visits_per_week": 20,
        "new_contacts_per_week": 5,
        "potential_contacts_per_week": 3,
        "workdays": 5,
    }
    assert data["totals"]["collections"] == 0.3
    assert data["sections"]["sales_volume"]["total"] == 120000.1
    assert data["sections"]["expenses"]["travel"] == 86.5
    assert [c["name"] for c in data["sections"]["abnormal_customers"]] == ["坏账户"]
    assert data["sections"]["competitors"][0]["text"] == "竞品降价10%"
    assert data["sections"]["promotions"] == []
    assert data == run.json("week", "--week", "2026-W49")


def test_week_markdown_has_every_section(run, week_of_work, tmp_path):
    target = tmp_path / "week.md"
    out = run("week", "--markdown", "-o", str(target)).stdout
    text = target.read_text(encoding="utf-8")
    # The file is the report; the screen gets one line saying where it went.
    assert out.strip().splitlines() == [f"weekly report 2026-W49 written to {target}"]
    for heading in (
        "### 1. Sales volume",
        "### 2. Collections",
        "### 3. Customer visits",
        "### 4. Sales expenses",
        "### 5. Advertising and promotions",
        "### 6. Key customers",
        "### 7. New customers",
        "### 8. Abnormal or poor-credit customers",
        "### 9. Customers to develop",
        "### 10. Competitors' moves",
        "### 11. Local policy changes",
        "## Next week's plan",
    ):
        assert heading in text
    assert "| Tue 2026-12-01 | 12 |" in text and "missed" in text
    assert "### 5. Advertising and promotions · 广告促销效果\n\n_none recorded_" in text
    assert "- Travel: 86.5" in text
    assert "坏账户: credit — 逾期三个月" in text


def test_week_xlsx_reads_back(run, week_of_work, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "week.xlsx"
    run("week", "-o", str(target))
    wb = load_workbook(target)
    days = list(wb["Activity"].iter_rows(min_row=3, max_row=9, values_only=True))
    assert days[0][:4] == ("2026-11-30", 31, 15, 1)
    report = [r[0] for r in wb["Report"].iter_rows(values_only=True)]
    assert "10. Competitors' moves · 竞争对手动态" in report
    assert "2026-11-30 竞品降价10%" in report


def test_week_terminal_marks_short_days(run, week_of_work):
    out = run("week", env=THURSDAY).stdout  # Tuesday is over, Thursday on still to come
    assert "12/30 ✗" in out and "31/30 ✓" in out
    assert "Sat 12-05" in out and " 0/30 ·" in out  # a weekend not worked is not a missed day
    assert "0.30" in out  # collections, exact


def test_sunday_weeks(run, week_of_work):
    run("config", "set", "week_start", "sunday")
    data = run.json("week", "--date", "2026-12-02")
    assert (data["week"], data["start"], data["end"]) == ("2026-W49", "2026-11-29", "2026-12-05")


def test_week_output_must_be_md_or_xlsx(run, tmp_path):
    assert run("week", "-o", str(tmp_path / "w.pdf"), code=2).stderr.count("\n") == 1


def test_month_and_review(run, week_of_work):
    month = run.json("month", "--month", "2026-12")
    assert month["totals"]["calls"] == 42 and len(month["weeks"]) == 5
    run("config", "set", "attendance_scoring", "on")
    run("absent", "2026-12-01", "--half")
    month = json.loads(run("month", "--month", "2026-11", "--json").stdout)
    assert month["score"]["attendance"] == 100
    review = run.json("review", "--date", "2026-12-01")
    assert sum(len(v) for v in review["by_outcome"].values()) == 13
    assert review["tomorrow"]["date"] == "2026-12-02"


ZH = {"SALESPLAN_LANG": "zh-CN"}
ZH_THURSDAY = {**ZH, **THURSDAY}


@pytest.mark.parametrize(
    ("cents", "signed", "text"),
    [
        (92606100, False, "92.61万元"),
        (850000000, False, "850万元"),
        (12000000000, False, "1.2亿元"),
        (99174, False, "991.74元"),
        (32000, False, "320元"),
        (999999, False, "9999.99元"),
        (1000000, False, "1万元"),
        (-22474480, True, "-22.47万元"),
        (86141700, True, "+86.14万元"),
        (0, True, "±0"),
        (None, False, "0元"),
    ],
)
@pytest.mark.sqlite_only
def test_chinese_amounts(cents, signed, text):
    from salesplan.core.words import yuan

    assert yuan(cents, signed=signed) == text


@pytest.mark.sqlite_only
def test_chinese_week_and_section_titles():
    from datetime import date

    from salesplan.core.words import chinese_numeral, week_title

    assert week_title("2026-W49", date(2026, 11, 30), date(2026, 12, 6)) == (
        "2026年第49周（11月30日–12月6日）"
    )
    assert week_title("2026-W53", date(2026, 12, 28), date(2027, 1, 3)) == (
        "2026年第53周（12月28日–2027年1月3日）"
    )
    assert [chinese_numeral(n) for n in (1, 9, 10, 11, 20)] == ["一", "九", "十", "十一", "二十"]


@pytest.mark.sqlite_only
def test_week_markdown_in_chinese(run, week_of_work, tmp_path):
    text = run("week", "--markdown", "--date", "2026-12-02", env=ZH_THURSDAY).stdout
    assert text.startswith("# 销售周报 2026年第49周（11月30日–12月6日）\n")
    assert "| 周二 12月1日 | 12 | 6 | 1 | 0 | 0 | 0 | 未达标 |" in text
    assert "| 周一 11月30日 | 31 | 15 | 1 | 0 | 0 | 0 | 达标 |" in text
    assert "| 周六 12月5日 | 0 | 0 | 0 | 0 | 0 | 0 | — |" in text
    sales = next(line for line in text.splitlines() if line.startswith("| 销售额 |"))
    assert sales.startswith("| 销售额 | 12万元 | ") and sales.endswith("元 | +12万元 |")
    assert "| 回款 | 0.3元 | | +0.3元 |" in text
    titles = [line for line in text.splitlines() if line.startswith("### ")]
    assert titles == [
        "### 一、销售量",
        "### 二、回款",
        "### 三、客户拜访",
        "### 四、销售费用",
        "### 五、广告促销效果",
        "### 六、重点客户",
        "### 七、新客户",
        "### 八、异常及信用不良客户",
        "### 九、待开发客户及状态",
        "### 十、竞争对手动态",
        "### 十一、当地政策变化",
    ]
    assert "- 幕墙（王建国），11月30日成交：12万元" in text
    assert "- 11月30日 李娜（望京）：接通" in text
    assert "- 交通：86.5元\n- 餐费：320元\n- **合计：406.5元**（交通以外：320元）" in text
    assert "- 本周已联系：王建国" in text
    assert "- 坏账户：信用不良 — 逾期三个月" in text
    assert "- 李娜：意向" in text
    assert "### 五、广告促销效果\n\n_无_" in text
    assert "- 11月30日 竞品降价10%" in text
    assert "## 下周计划\n\n已约拜访（12月7日–12月13日）：" in text
    assert "## 本周评价" in text
    # The file form is the same report.
    target = tmp_path / "周报.md"
    run("week", "--markdown", "--date", "2026-12-02", "-o", str(target), env=ZH_THURSDAY)
    assert target.read_text(encoding="utf-8") + "\n" == text


@pytest.mark.sqlite_only
def test_week_terminal_and_xlsx_in_chinese(run, week_of_work, tmp_path):
    from openpyxl import load_workbook

    out = run("week", "--date", "2026-12-02", env=ZH_THURSDAY).stdout
    assert out.startswith("2026年第49周（11月30日–12月6日）")
    assert "周二 12月1日" in out and "12/30 ✗" in out
    assert "30通/天" in out and "12万元" in out and "0.3元" in out
    target = tmp_path / "周报.xlsx"
    written = run("week", "--date", "2026-12-02", "-o", str(target), env=ZH_THURSDAY).stdout
    assert written.startswith("周报 2026-W49 已写入")
    wb = load_workbook(target)
    assert wb.sheetnames == ["工作量", "周报"]
    activity = list(wb["工作量"].iter_rows(values_only=True))
    assert activity[0][0] == "销售周报 2026年第49周（11月30日–12月6日）"
    assert activity[1][:3] == ("日期", "星期", "电话")
    assert activity[2][:5] == ("2026-11-30", "周一", 31, 15, 1)
    assert ("销售额（元）", 120000.1, 0, 120000.1) in [r[:4] for r in activity]
    report = [r[0] for r in wb["周报"].iter_rows(values_only=True)]
    assert "十、竞争对手动态" in report and "11月30日 竞品降价10%" in report
    assert "合计：12万元" in report and "下周计划" in report


@pytest.mark.sqlite_only
def test_month_and_review_in_chinese(run, week_of_work):
    out = run("month", "--month", "2026-12", "--markdown", env=ZH_THURSDAY).stdout
    assert out.startswith("# 2026年12月月度报告\n")
    assert "| 第49周 | 12月1日 | 12月6日 | 42 | 21 | 2 | 0 | 1 |" in out
    assert "本年销售额：12万元，年度目标 100万元。" in out
    run("config", "set", "attendance_scoring", "on")
    out = run("month", "--month", "2026-12", env=ZH_THURSDAY).stdout
    assert "第53周" in out and "月度得分" in out and "出勤 100 × 30%" in out
    out = run("review", "--date", "2026-12-01", env=ZH_THURSDAY).stdout
    assert out.startswith("12月1日 复盘")
    assert "接通（7）" in out and "未接通（6）" in out and "陌生客户" in out
    assert "李娜（#2）：拜访 接通 → salesplan log edit 45 --next 下周一" in out
    assert "明天 12月2日：0 个约见" in out


HOSTILE_NAMES = [
    "王|建国",
    "`李娜`",
    "# 张三",
    "- 赵四",
    "=== 钱五",
    "1. 孙六",
    "<b>周七</b>",
    "[吴八](http://example.com)",
    "**郑九** _冯十_",
    "```陈一",
    "王_五_六",
]


def test_stored_text_never_breaks_the_markdown_report(run, tmp_path):
    from markdown_it import MarkdownIt

    for name in HOSTILE_NAMES:
        run("contact", "add", "--area", "a|b", "--", name)
        note = "第一行\n# 标题\n| x | y |"
        run("log", "visit", "--at", "2026-11-30 14:00", "--future", "--note", note, "--", name)
    run("note", "add", "竞品\n\n- 降价\n> 引用 |", "--kind", "competitor")
    run("note", "add", "# 小结\n\n| a |\n```", "--kind", "summary")  # the week's own words
    target = tmp_path / "week.md"
    run("week", "--markdown", "--date", "2026-11-30", "-o", str(target))
    text = target.read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or ()}
    # No stored text became code, HTML, a link, a quote or an ordered list (the report's own
    # emphasis is "_none_"; names kept as their text, below, show none became emphasis).
    assert not kinds & {
        "code_inline",
        "fence",
        "code_block",
        "html_inline",
        "html_block",
        "link_open",
        "blockquote_open",
        "ordered_list_open",
        "hr",
    }
    # The headings are the report's own, and only those.
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert len(headings) == 17 and all(
        "张三" not in h and "标题" not in h and "小结" not in h for h in headings
    )
    # Every table row keeps its cells: the activity table 8, the totals table 4.
    rows = [t for t in tokens if t.type == "tr_open"]
    cells: list[int] = []
    for t in tokens:
        if t.type == "tr_open":
            cells.append(0)
        elif t.type in ("td_open", "th_open"):
            cells[-1] += 1
    assert len(rows) == 8 + 13 and set(cells[:8]) == {8} and set(cells[8:]) == {4}
    # And each name reads as itself.
    shown = "\n".join(t.content for t in tokens if t.type == "inline")
    plain = "\n".join(c.content for t in tokens for c in t.children or () if c.type == "text")
    for name in HOSTILE_NAMES:
        assert name in plain, (name, shown)
