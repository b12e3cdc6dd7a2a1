"""Hostile files given to the importers: each is refused in one line with the store untouched,
or imported within bounds (time, memory, what a command would accept)."""

import json
import os
import threading

import pytest

CAL = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{}END:VCALENDAR\r\n"


def vevent(*lines: str) -> str:
    return "BEGIN:VEVENT\r\n" + "".join(f"{line}\r\n" for line in lines) + "END:VEVENT\r\n"


@pytest.fixture
def stored(run, db_path, digest):
    run("contact", "add", "已有", "--phone", "13000000000")
    return lambda: digest(db_path)


def refused(run, stored, *args):
    before = stored()
    err = run(*args, code=2).stderr
    assert err.count("\n") == 1 and "Traceback" not in err
    assert stored() == before
    return err


# --- calendars: bounded whatever the repeat rule says -------------------------------------


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_secondly_rule_from_1970_expands_only_near_the_window(run, tmp_path, dry_run):
    cal = tmp_path / "secondly.ics"
    cal.write_text(
        CAL.format(vevent("UID:s@t", "DTSTART:19700101T000000Z", "RRULE:FREQ=SECONDLY")),
        encoding="utf-8",
    )
    args = ["import", "calendar", str(cal)] + (["--dry-run"] if dry_run else [])
    out = run(*args).stdout
    # The window opens 30 days back (2026-10-31 00:00 local); every occurrence is capped there.
    assert out.startswith(("would add 499 appointments", "added 499 appointments"))
    if not dry_run:
        first = run.json("appt", "list", "--date", "2026-10-31")[0]["start"]
        assert first == "2026-10-31T00:00"


def test_a_rule_no_day_satisfies_is_refused_once_its_time_is_up(run, stored, tmp_path, monkeypatch):
    from salesplan.formats import ics

    monkeypatch.setattr(ics, "EXPANSION_SECONDS", 0.3)
    cal = tmp_path / "never.ics"
    cal.write_text(
        CAL.format(
            vevent(
                "UID:n@t", "DTSTART:20260101T090000Z", "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"
            )
        ),
        encoding="utf-8",
    )
    err = refused(run, stored, "import", "calendar", str(cal), "--dry-run")
    assert "take more than 0.3 s to expand" in err


def test_a_count_rule_too_long_to_walk_is_refused(run, stored, tmp_path):
    cal = tmp_path / "count.ics"
    cal.write_text(
        CAL.format(
            vevent("UID:c@t", "DTSTART:19700101T000000Z", "RRULE:FREQ=SECONDLY;COUNT=2000000000")
        ),
        encoding="utf-8",
    )
    assert "COUNT=2000000000" in refused(run, stored, "import", "calendar", str(cal))


@pytest.mark.parametrize(
    "lines",
    [
        ("UID:d@t", "DTSTART:20261201T090000Z", "DURATION:P99999999999W"),
        ("UID:y@t", "DTSTART:20261201T090000Z", "DURATION:PT99999999999999999999H"),
    ],
)
def test_a_calendar_out_of_range_exits_2_in_one_line(run, stored, tmp_path, lines):
    cal = tmp_path / "range.ics"
    cal.write_text(CAL.format(vevent(*lines)), encoding="utf-8")
    refused(run, stored, "import", "calendar", str(cal))


def test_events_without_uid_are_known_by_their_content(run, tmp_path):
    one = tmp_path / "one.ics"
    one.write_text(
        CAL.format(vevent("DTSTART:20261201T010000Z", "SUMMARY:展会", "DURATION:PT1H")),
        encoding="utf-8",
    )
    other = tmp_path / "other.ics"
    other.write_text(
        CAL.format(vevent("DTSTART:20261202T010000Z", "SUMMARY:回访", "DURATION:PT1H")),
        encoding="utf-8",
    )
    assert run("import", "calendar", str(one)).stdout.startswith("added 1 appointment ·")
    assert "added 0 appointments · 1 already imported" in run("import", "calendar", str(one)).stdout
    assert run("import", "calendar", str(other)).stdout.startswith("added 1 appointment ·")


# --- contact files ------------------------------------------------------------------------


def test_contacts_with_neither_phone_nor_email_are_added_once(run, tmp_path):
    sheet = tmp_path / "名片.csv"
    sheet.write_text("姓名,公司\n赵六,华远\n赵六,龙湖\n", encoding="utf-8")
    assert "added 2 contacts · 0 already" in run("import", "contacts", str(sheet)).stdout
    assert "added 0 contacts · 2 already" in run("import", "contacts", str(sheet)).stdout
    card = tmp_path / "card.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:钱七\r\nEND:VCARD\r\n", encoding="utf-8")
    run("import", "contacts", str(card))
    assert "added 0 contacts · 1 already" in run("import", "contacts", str(card)).stdout


def test_a_csv_import_compares_each_batch_with_the_store_and_the_batches_before(
    run, tmp_path, monkeypatch
):
    """Rows already met are looked up in a temporary table a batch at a time (a set of every
    row's key grew to 400 MB for a million nameless rows): the same answers, batch or not."""
    from salesplan.store import interchange

    monkeypatch.setattr(interchange, "BATCH", 2)
    run("contact", "add", "已有", "--phone", "13000000000", "--email", "Old@X.cn")
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "name,phone,email,company\n"
        "甲,13100000000,,\n"  # new
        "已有,13000000000,,\n"  # the store's contact, nothing new
        "已有,,old@x.cn,华远\n"  # the store's email, another case: fills in its company
        "丁,,,华远\n"  # new, known by its content
        "甲,+86 131 0000 0000,,\n"  # a phone two batches back, typed otherwise
        "丁,,,华远\n"  # the same content again
        "丁,,,龙湖\n"  # other content: new
        "戊,13200000000,w@x.cn,\n"  # new
        "戊,,W@X.CN,\n"  # the email of the row before, same batch
        "庚,13200000000,,\n",  # another person on 戊's number: new, a likely duplicate
        encoding="utf-8",
    )
    out = run("import", "contacts", str(sheet)).stdout
    assert out.startswith("added 5 contacts · 4 already in the store · filled in 1 contact\n")
    names = [c["name"] for c in run.json("contact", "list")]
    assert sorted(names) == sorted(["已有", "甲", "丁", "丁", "戊", "庚"])
    assert run.json("contact", "show", "wu")["phone"] == "13200000000"  # keyed as it went in
    assert run.json("contact", "show", "已有")["company"] == "华远"
    assert run("import", "contacts", str(sheet)).stdout.startswith("added 0 contacts · 10 already")


# The caps are 50 MB (25 MB for a JSON export); the tests below lower them to 1 MB, which
# proves the same stop at a fiftieth of the reading (25 million CSV rows were half the suite).
ONE_MB = 1024 * 1024


@pytest.fixture
def one_mb_cap(monkeypatch):
    from salesplan.formats import text

    monkeypatch.setattr(text, "MAX_FILE_BYTES", ONE_MB)


@pytest.mark.sqlite_only
def test_the_caps_are_50_mb_and_25_mb_for_a_json_export():
    from salesplan.formats import text

    assert (text.MAX_FILE_BYTES, text.MAX_JSON_BYTES) == (50 * ONE_MB, 25 * ONE_MB)
    assert "over 50 MB: files over 50 MB" in text._too_big("z.csv", text.MAX_FILE_BYTES)
    assert "JSON exports up to 25 MB" in text._too_big("z.json", text.MAX_JSON_BYTES)


def test_the_cap_counts_bytes_read_so_a_link_to_dev_zero_is_stopped(
    run, stored, tmp_path, one_mb_cap
):
    link = tmp_path / "z.csv"
    link.symlink_to("/dev/zero")
    assert "over 1 MB: files over 1 MB are not imported" in refused(
        run, stored, "import", "contacts", str(link)
    )


def test_a_fifo_that_never_ends_is_stopped_at_the_cap(run, stored, tmp_path, one_mb_cap):
    fifo = tmp_path / "endless.csv"
    os.mkfifo(fifo)

    def feed():
        try:
            with open(fifo, "wb") as fh:
                fh.write(b"name\n")
                # The same contact over and over, its name padded (the padding is stripped):
                # the cap is met after a thousand rows, not half a million.
                line = b"a" + b" " * 1000 + b"\n"
                while True:
                    fh.write(line * 100)
        except (BrokenPipeError, OSError):
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    assert "over 1 MB: files over 1 MB" in refused(run, stored, "import", "contacts", str(fifo))
    writer.join(timeout=10)


@pytest.mark.parametrize("encoding_option", [[], ["--encoding", "utf-16"]])
def test_utf16_csv_is_read_from_its_byte_order_mark(run, tmp_path, encoding_option):
    sheet = tmp_path / "excel.csv"
    sheet.write_bytes("姓名,手机\n孙八,13700000008\n".encode("utf-16"))
    run("import", "contacts", str(sheet), *encoding_option)
    assert [(c["name"], c["phone"]) for c in run.json("contact", "list")] == [
        ("孙八", "13700000008")
    ]


def test_an_unclosed_quote_is_refused_naming_the_line_it_opens(run, stored, tmp_path):
    sheet = tmp_path / "quote.csv"
    sheet.write_text('name,phone\nok,1300000001\n"never closed,1\nmore,2\n', encoding="utf-8")
    assert "line 3: a quoted cell starts here and is never closed" in refused(
        run, stored, "import", "contacts", str(sheet)
    )


def test_two_headings_mapped_to_one_field_are_refused(run, stored, tmp_path):
    sheet = tmp_path / "dup.csv"
    sheet.write_text("name,company,单位\n周九,甲,乙\n", encoding="utf-8")
    err = refused(run, stored, "import", "contacts", str(sheet), "--map", "单位=company")
    assert "headings 'company' and '单位' both hold company" in err


def test_control_characters_in_imported_values_are_removed_and_counted(run, tmp_path):
    sheet = tmp_path / "esc.csv"
    sheet.write_text("name,notes\n吴十\x1b]0;pwned\x07,ok\x1b[2J\n", encoding="utf-8")
    out = run("import", "contacts", str(sheet)).stdout
    assert "2 control characters removed" not in out  # whole sequences, counted by character
    assert out.rstrip().endswith("control characters removed")
    got = run.json("contact", "list")
    assert got[0]["name"] == "吴十"


# --- JSON exports -------------------------------------------------------------------------


def export_with(**tables):
    return json.dumps({"format": "salesplan-export", "version": 1, **tables})


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


CONTACT = {
    "id": 1,
    "name": "郑一",
    "tier": "normal",
    "status": "lead",
    "flag_credit": False,
    "flag_abnormal": False,
    "archived": False,
    "created_at": "2026-11-01T09:00:00+08:00",
}


@pytest.mark.parametrize(
    ("tables", "message"),
    [
        ({"settings": [{"key": "calls_per_day", "value": "abc"}]}, "settings record 1"),
        ({"settings": [{"key": "timezone", "value": "Mars/Base"}]}, "settings record 1"),
        ({"settings": [{"key": "day_template", "value": "[[x"}]}, "settings record 1"),
        ({"contacts": [{**CONTACT, "status": "exploded"}]}, "contacts record 1: unknown status"),
        ({"contacts": [{**CONTACT, "phone": "not a phone"}]}, "contacts record 1: bad phone"),
        ({"contacts": [{**CONTACT, "notes": "x" * 5_000_000}]}, "contacts record 1: bad notes"),
        ({"contacts": [{k: v for k, v in CONTACT.items() if k != "name"}]}, "record 1: no name"),
        (
            {
                "contacts": [CONTACT],
                "appointments": [
                    {
                        "id": 1,
                        "contact_id": 1,
                        "start": "2026-12-01T10:00:00+08:00",
                        "minutes": -500,
                        "status": "planned",
                        "created_at": "2026-11-01T09:00:00+08:00",
                    }
                ],
            },
            "appointments record 1: bad minutes",
        ),
        (
            {"contacts": [{**CONTACT, "created_at": "9999-12-31T23:59:59-14:00"}]},
            "contacts record 1",
        ),
        # Rows keyed by a value need it: {} as an absence was a KeyError (exit 1).
        ({"absences": [{}]}, "absences record 1: no on"),
        ({"workday_overrides": [{"work": True}]}, "workday_overrides record 1: no day"),
        ({"settings": [{"value": "3"}]}, "settings record 1: no key"),
    ],
)
def test_every_imported_value_passes_the_commands_checks(run, stored, tmp_path, tables, message):
    err = refused(run, stored, "import", "json", write(tmp_path, "bad.json", export_with(**tables)))
    assert message in err


def test_a_store_whose_settings_differ_keeps_them_unless_asked(run, tmp_path):
    run("config", "set", "calls_per_day", "40")
    path = write(
        tmp_path,
        "s.json",
        export_with(
            settings=[
                {"key": "calls_per_day", "value": "25"},
                {"key": "buffer_minutes", "value": "20"},
            ]
        ),
    )
    out = run("import", "json", path).stdout
    assert "kept this store's calls_per_day" in out and "added 1 settings" in out
    settings = run.json("config", "list")
    assert (settings["calls_per_day"], settings["buffer_minutes"]) == (40, 20)
    run("import", "json", path, "--settings")
    assert run.json("config", "list")["calls_per_day"] == 25


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"format": "salesplan-export", "version": ' + "9" * 5000 + "}", "number too long"),
    ],
)
def test_json_too_deep_or_too_long_exits_2(run, stored, tmp_path, text, message):
    assert message in refused(run, stored, "import", "json", write(tmp_path, "h.json", text))


def test_a_template_nested_100k_deep_exits_2(run, stored, tmp_path):
    toml = write(tmp_path, "deep.toml", "monday = " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert "nested too deeply" in refused(run, stored, "config", "template", "set", toml)


def test_a_json_export_over_its_cap_is_refused_before_parsing(run, stored, tmp_path, monkeypatch):
    from salesplan.formats import text

    monkeypatch.setattr(text, "MAX_JSON_BYTES", ONE_MB)  # the other files' cap stays at 50 MB
    link = tmp_path / "z.json"
    link.symlink_to("/dev/zero")  # read until the JSON cap, not the cap of other files
    err = refused(run, stored, "import", "json", str(link))
    assert "over 1 MB: JSON exports up to 1 MB are imported" in err and "backup and restore" in err


def test_a_json_import_writes_search_keys_batch_by_batch(run, tmp_path, monkeypatch):
    """Contacts' search keys go in with each batch, so no import holds every new contact until
    its end (a 24 MB file of 52,000 contacts peaked at 801 MB that way)."""
    from salesplan.store import contacts, interchange

    monkeypatch.setattr(interchange, "BATCH", 3)
    sizes = []
    real = contacts.write_keys
    monkeypatch.setattr(
        contacts, "write_keys", lambda batch, **kw: (sizes.append(len(batch)), real(batch, **kw))
    )
    names = ["王建国", "李娜", "张伟", "刘洋", "陈静", "杨帆", "欧阳靖宇"]
    people = [
        {**CONTACT, "id": i, "name": name, "phone": f"1390000000{i}"}
        for i, name in enumerate(names)
    ]
    out = run("import", "json", write(tmp_path, "c.json", export_with(contacts=people))).stdout
    assert "added 7 contacts" in out
    assert sizes == [3, 3, 1]
    # The last batch's contact is found by its initials, the first batch's by its pinyin.
    assert run.json("contact", "show", "oyjy")["phone"] == "13900000006"
    assert run.json("contact", "show", "wangjianguo")["phone"] == "13900000000"


def test_an_import_too_large_to_check_for_duplicates_says_so(run, tmp_path, monkeypatch):
    from salesplan.plans import dupes

    monkeypatch.setattr(dupes, "CHECKED_AFTER_IMPORT", 2)
    rows = "name,phone,company\n" + "".join(f"王建国,1390000000{i},华远\n" for i in range(3))
    out = run("import", "contacts", write(tmp_path, "c.csv", rows)).stdout
    assert out.splitlines()[1:] == [
        "too many contacts added to look for duplicates here: salesplan contact dupes lists them"
    ]
    monkeypatch.setattr(dupes, "CHECKED_AFTER_IMPORT", 20)
    rows = "name,phone,company\n" + "".join(f"王建国,1380000000{i},华远\n" for i in range(3))
    out = run("import", "contacts", write(tmp_path, "d.csv", rows)).stdout
    assert "likely duplicates brought in" in out.splitlines()[1]
