import json
import sqlite3
import stat

import pytest


@pytest.fixture
def book(run):
    run("contact", "add", '=HYPERLINK("x")', "--phone", "+8613800138000", "--company", "@evil")
    run(
        "contact", "add", "王建国", "--phone", "13900000000", "--area", "朝阳", "--note", "-5% 折扣"
    )
    run("log", "call", "王建国", "--note", "+1 报价")
    run("project", "add", "幕墙", "--contact", "王建国", "--amount", "1200.10")
    run("project", "pay", "1", "0.10")
    run("expense", "add", "0.20", "--category", "travel")


def test_csv_export_is_formula_safe_with_a_bom(run, book, tmp_path):
    target = tmp_path / "contacts.csv"
    run("export", "--format", "csv", "--what", "contacts", "-o", str(target))
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert (
        "'=HYPERLINK" in text
        and "'+8613800138000" in text
        and "'@evil" in text
        and "'-5% 折扣" in text
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    run("export", "--format", "csv", "--what", "contacts", "--no-bom", "-o", str(target))
    assert not target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_our_csv_reimports_exactly_and_only_once(run, book, tmp_path):
    target = tmp_path / "contacts.csv"
    run("export", "--format", "csv", "--what", "contacts", "-o", str(target))
    other = {"SALESPLAN_DB": str(tmp_path / "other.db")}
    assert "added 2 contacts" in run("import", "contacts", str(target), env=other).stdout
    names = [c["name"] for c in json.loads(run("contact", "list", "--json", env=other).stdout)]
    assert names == ['=HYPERLINK("x")', "王建国"]
    phones = [c["phone"] for c in json.loads(run("contact", "list", "--json", env=other).stdout)]
    assert phones == ["+8613800138000", "13900000000"]
    assert (
        "added 0 contacts · 2 already in the store"
        in run("import", "contacts", str(target), env=other).stdout
    )


def test_json_round_trip_is_identical(run, book, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    run("export", "-o", str(first))
    other = {"SALESPLAN_DB": str(tmp_path / "other.db")}
    run("import", "json", str(first), env=other)
    run("export", "-o", str(second), env=other)
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    assert "added nothing new" in run("import", "json", str(first), env=other).stdout
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["payments"][0]["amount"] == 0.1 and data["expenses"][0]["amount"] == 0.2


def test_a_merge_lands_pointing_to_the_contact_it_was_merged_into(run, tmp_path):
    run("contact", "add", "王建国", "--phone", "13600000001")
    run("contact", "add", "李娜", "--phone", "13600000003")
    run("contact", "add", "王建国", "--company", "华远", "--phone", "13600000001", "--force")
    run("contact", "merge", "#1", "#3")
    export = tmp_path / "a.json"
    run("export", "-o", str(export))
    other = {"SALESPLAN_DB": str(tmp_path / "other.db")}
    run("contact", "add", "张三", "--phone", "13900000009", env=other)
    run("contact", "add", "赵四", "--phone", "13900000008", env=other)
    run("import", "json", str(export), env=other)
    assert "added nothing new" in run("import", "json", str(export), env=other).stdout
    dump = json.loads(run("export", env=other).stdout)
    rows = {c["id"]: (c["name"], c["archived"]) for c in dump["contacts"]}
    merged = [(rows[c["id"]], rows[c["merged_into"]]) for c in dump["contacts"] if c["merged_into"]]
    assert merged == [(("王建国", True), ("王建国", False))]
    # A merge pointing at a contact the file does not hold is refused whole.
    data = json.loads(export.read_text(encoding="utf-8"))
    data["contacts"][2]["merged_into"] = 99
    export.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    third = {"SALESPLAN_DB": str(tmp_path / "third.db")}
    assert "merged_into 99" in run("import", "json", str(export), env=third, code=2).stderr
    assert json.loads(run("export", env=third).stdout)["contacts"] == []


def test_csv_import_with_chinese_headings_map_and_dry_run(run, tmp_path):
    sheet = tmp_path / "客户.csv"
    sheet.write_text(
        "姓名,手机,公司,片区\n张伟,137 0000 1111,万科,海淀\n李娜,13600002222,龙湖,朝阳\n",
        encoding="utf-8",
    )
    out = run("import", "contacts", str(sheet), "--map", "片区=area", "--dry-run").stdout
    assert out.splitlines() == [
        "columns:",
        "  姓名 → name",
        "  手机 → phone",
        "  公司 → company",
        "  片区 → area",
        "would add 2 contacts · 0 already in the store",
    ]
    assert run.json("contact", "list") == []
    run("import", "contacts", str(sheet), "--map", "片区=area")
    got = [(c["name"], c["phone"], c["company"], c["area"]) for c in run.json("contact", "list")]
    assert got == [
        ("张伟", "137 0000 1111", "万科", "海淀"),
        ("李娜", "13600002222", "龙湖", "朝阳"),
    ]


@pytest.mark.parametrize(
    ("content", "message", "strict"),
    [
        (b"name,tier\nok,key\nbad,gold\n", "line 3: unknown tier 'gold'", True),
        (b"name\nok\n" + b"a,b,c\n", "line 3: 3 cells but 1 headings", True),
        (b"name,phone\nok,13600000001\n,13600000000\n", "line 3: no name", True),
        (b"company\nx\n", "no name column", False),
        (b"name\nok\x00\n", "NUL byte on line 2", False),
        (b"name\n\xff\xfe\xfa\n", "is not utf-8", False),
        (b'name,phone\n"unterminated,1\n' + b"x" * 200_000 + b"\n", "line", False),
        (b"name\n" + b"a,b,c\n", "the 1 row of bad.csv could not be", False),
    ],
)
def test_bad_csv_is_refused_whole(run, tmp_path, db_path, digest, content, message, strict):
    run("contact", "add", "已有")
    before = digest(db_path)
    sheet = tmp_path / "bad.csv"
    sheet.write_bytes(content)
    err = run("import", "contacts", str(sheet), *(["--strict"] if strict else []), code=2).stderr
    assert message in err and err.count("\n") == 1
    assert digest(db_path) == before


def test_vcard_import(run, tmp_path):
    card = tmp_path / "phone.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王建国\r\nTEL;TYPE=CELL:138-0013-8000\r\nORG:华远建材\r\n"
        "EMAIL:wang@example.com\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nN:李;娜;;;\r\nFN:李娜\r\n"
        "END:VCARD\r\n",
        encoding="utf-8",
    )
    run("import", "contacts", str(card))
    got = [(c["name"], c["phone"], c["company"], c["email"]) for c in run.json("contact", "list")]
    assert got == [
        ("王建国", "138-0013-8000", "华远建材", "wang@example.com"),
        ("李娜", None, None, None),
    ]
    truncated = tmp_path / "cut.vcf"
    truncated.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:半个\r\n", encoding="utf-8")
    assert "truncated" in run("import", "contacts", str(truncated), code=2).stderr


ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:one@test\r
DTSTART:20261201T060000Z\r
DTEND:20261201T073000Z\r
SUMMARY:客户拜访\r
LOCATION:建国路88号\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:weekly@test\r
DTSTART:20261102T010000Z\r
DURATION:PT30M\r
RRULE:FREQ=WEEKLY\r
SUMMARY:周例会\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_calendar_import_expands_repeats_within_the_window_once(run, tmp_path):
    cal = tmp_path / "work.ics"
    cal.write_text(ICS, encoding="utf-8")
    out = run("import", "calendar", str(cal), "--days", "21").stdout
    # The window: 30 days back (10-31) to 21 days ahead (12-21): the weekly meeting 11-02 … 12-14.
    assert out.strip() == "added 8 appointments · 0 already imported"
    appts = run.json("appt", "list", "--from", "2026-11-01", "--to", "2026-12-31")
    visit = next(a for a in appts if a["title"] == "客户拜访")
    assert (visit["start"], visit["minutes"], visit["location"]) == (
        "2026-12-01T14:00",
        90,
        "建国路88号",
    )
    assert sum(1 for a in appts if a["title"] == "周例会") == 7
    again = run("import", "calendar", str(cal), "--days", "21").stdout
    assert again.strip() == "added 0 appointments · 8 already imported"


def test_unbounded_repeats_are_capped_and_truncated_calendars_refused(run, tmp_path):
    cal = tmp_path / "minutely.ics"
    cal.write_text(ICS.replace("FREQ=WEEKLY", "FREQ=MINUTELY"), encoding="utf-8")
    out = run("import", "calendar", str(cal)).stdout
    assert out.startswith("added 501 appointments")  # 500 occurrences + the one-off visit
    cut = tmp_path / "cut.ics"
    cut.write_text(ICS[:200], encoding="utf-8")
    assert "truncated" in run("import", "calendar", str(cut), code=2).stderr


def test_backup_and_restore(run, book, tmp_path, db_path):
    target = tmp_path / "backup.db"
    assert "integrity ok" in run("backup", "-o", str(target)).stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    run("contact", "add", "后来的")
    out = run("restore", str(target)).stdout
    assert "previous store was saved" in out
    assert [c["name"] for c in run.json("contact", "list")] == ['=HYPERLINK("x")', "王建国"]
    saved = list(db_path.parent.glob("*.before-restore-*.bak"))
    assert len(saved) == 1
    conn = sqlite3.connect(saved[0])
    assert conn.execute("SELECT count(*) FROM contact").fetchone() == (3,)
    conn.close()
    not_a_store = tmp_path / "x.db"
    not_a_store.write_bytes(b"hello")
    assert run("restore", str(not_a_store), code=2).stderr.count("\n") == 1


def test_calendars_found_in_the_wild(run, tmp_path):
    bad_start = tmp_path / "bad.ics"
    bad_start.write_text(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:garbage\nEND:VEVENT\nEND:VCALENDAR\n",
        encoding="utf-8",
    )
    assert "DTSTART is not a date" in run("import", "calendar", str(bad_start), code=2).stderr
    stuck = tmp_path / "stuck.ics"
    stuck.write_text(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20261201T100000\nRRULE:FREQ=SECONDLY;INTERVAL=0\n"
        "SUMMARY:卡住\nEND:VEVENT\nEND:VCALENDAR\n",
        encoding="utf-8",
    )
    assert (
        run("import", "calendar", str(stuck)).stdout.strip()
        == "added 1 appointment · 0 already imported"
    )


@pytest.mark.parametrize("version", [99, 2, "1", True])
def test_an_export_from_a_newer_salesplan_is_refused_naming_its_version(
    run, digest, db_path, tmp_path, version
):
    import json as _json

    run("contact", "add", "王建国")
    before = digest(db_path)
    path = tmp_path / "newer.json"
    path.write_text(_json.dumps({"format": "salesplan-export", "version": version, "contacts": []}))
    err = run("import", "json", str(path), code=2).stderr
    assert f"version {version}" in err and err.count("\n") == 1
    assert "第 " in run("import", "json", str(path), code=2, env={"SALESPLAN_LANG": "zh-CN"}).stderr
    assert digest(db_path) == before


@pytest.mark.sqlite_only
def test_a_csv_cell_keeps_its_crlf_through_export_and_import(run, tmp_path):
    run("contact", "add", "王建国", "--phone", "13800138000", "--note", "第一行\r\n第二行")
    out = tmp_path / "contacts.csv"
    run("export", "--format", "csv", "--what", "contacts", "-o", str(out))
    assert "第一行\r\n第二行" in out.read_bytes().decode("utf-8-sig")
    other = tmp_path / "other.db"
    run("--db", str(other), "import", "contacts", str(out))
    got = run.json("--db", str(other), "contact", "list")
    shown = run.json("--db", str(other), "contact", "show", "王建国")
    assert got[0]["name"] == "王建国"
    assert shown["notes"] == "第一行\r\n第二行"


@pytest.mark.sqlite_only
def test_json_export_import_export_is_identical_byte_for_byte_on_the_demo(run, tmp_path):
    run("demo")
    first = tmp_path / "first.json"
    run("export", "-o", str(first))
    other = tmp_path / "empty.db"
    run("--db", str(other), "import", "json", str(first))
    second = tmp_path / "second.json"
    run("--db", str(other), "export", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()


def test_tiers_travel_with_the_json_export_and_an_older_export_gets_them(run, tmp_path):
    """The tier history is exported (contact_tiers) and read back; an export made before it
    existed gives each contact its tier from when it was added, so past weeks stay put."""
    run("contact", "add", "大客户钱", "--tier", "key", env={"SALESPLAN_NOW": "2026-11-16T09:00"})
    later = {"SALESPLAN_NOW": "2026-12-09T10:00"}
    run("contact", "edit", "大客户钱", "--tier", "normal", env=later)
    full = tmp_path / "full.json"
    run("export", "-o", str(full))
    data = json.loads(full.read_text(encoding="utf-8"))
    assert [(r["tier"], r["at"][:10]) for r in data["contact_tiers"]] == [
        ("key", "2026-11-16"),
        ("normal", "2026-12-09"),
    ]
    args = ("week", "--week", "2026-W49", "--json")
    restored = {"SALESPLAN_DB": str(tmp_path / "restored.db"), **later}
    run("import", "json", str(full), env=restored)
    key = json.loads(run(*args, env=restored).stdout)["sections"]["key_customers"]
    assert [k["name"] for k in key["not_touched"]] == ["大客户钱"]  # key then, normal now
    del data["contact_tiers"]
    older = tmp_path / "older.json"
    older.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    old_store = tmp_path / "old.db"
    run("import", "json", str(older), env={"SALESPLAN_DB": str(old_store)})
    conn = sqlite3.connect(old_store)
    rows = conn.execute("SELECT contact_id, tier, at FROM contact_tier").fetchall()
    created = conn.execute("SELECT id, tier, created_at FROM contact").fetchall()
    conn.close()
    assert rows == created == [(1, "normal", rows[0][2])]
