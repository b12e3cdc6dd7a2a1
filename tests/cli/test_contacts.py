import pytest

TEN = [
    ("王建国", "华远建材", "13800138000", "朝阳"),
    ("李娜", "中建三局", "13911112222", "海淀"),
    ("张伟", "万科物业", "13700001111", "望京"),
    ("刘洋", "龙湖地产", "13600002222", "朝阳"),
    ("陈静", "居然之家", "13500003333", "东城"),
    ("杨光", "金隅集团", "13400004444", "西城"),
    ("赵磊", "北辰实业", "13300005555", "丰台"),
    ("黄丽", "红星美凯龙", "13200006666", "通州"),
    ("周杰", "东方雨虹", "13100007777", "昌平"),
    ("吴敏", "北新建材", "13000008888", "顺义"),
]


@pytest.fixture
def ten(run):
    for name, company, phone, area in TEN:
        run("contact", "add", name, "--company", company, "--phone", phone, "--area", area)


def test_add_prints_the_id_and_json_returns_the_record(run):
    assert run("contact", "add", "王建国").stdout.strip() == "contact #1 王建国 added"
    record = run.json(
        "contact", "add", "Li Na", "--phone", "139 1111-2222", "--tier", "key", "--status", "intent"
    )
    assert record["id"] == 2
    assert record["phone"] == "139 1111-2222"  # as typed; matched in any format
    assert (record["tier"], record["status"]) == ("key", "intent")


def test_list_lines_up_chinese_text(run, ten):
    out = run("contact", "list").stdout
    rows = [
        line for line in out.splitlines() if "13" in line and ("朝阳" in line or "海淀" in line)
    ]
    assert len(rows) == 3
    from rich.cells import cell_len

    # The phone column starts at the same display column on every row despite CJK widths.
    starts = {cell_len(row[: row.index("13")]) for row in rows}
    assert len(starts) == 1
    assert "10 contacts" in out


def test_list_filters(run, ten):
    assert [c["name"] for c in run.json("contact", "list", "--area", "朝阳")] == ["王建国", "刘洋"]
    assert [c["name"] for c in run.json("contact", "list", "--search", "建材")] == [
        "王建国",
        "吴敏",
    ]
    assert [c["name"] for c in run.json("contact", "list", "--search", "0000")] == [
        "张伟",
        "刘洋",
        "陈静",
        "杨光",
        "赵磊",
        "黄丽",
        "周杰",
        "吴敏",
    ]
    keys = set(run.json("contact", "list")[0])
    assert keys == {
        *("id", "name", "company", "phone", "email", "area", "tier", "status"),
        *("phones", "emails"),  # every number and address, the phone and email first
    }


def test_search_treats_percent_and_underscore_literally(run):
    run("contact", "add", "a_b", "--note", "100% sure")
    run("contact", "add", "axb")
    assert [c["name"] for c in run.json("contact", "list", "--search", "a_b")] == ["a_b"]
    assert [c["name"] for c in run.json("contact", "list", "--search", "%")] == ["a_b"]


@pytest.mark.parametrize(
    ("ref", "name"),
    [
        ("#3", "张伟"),
        ("3", "张伟"),
        ("13911112222", "李娜"),
        ("139-1111-2222", "李娜"),
        ("王建国", "王建国"),
        ("建国", "王建国"),
        ("静", "陈静"),
    ],
)
def test_refs(run, ten, ref, name):
    assert run.json("contact", "show", ref)["name"] == name


def test_ambiguous_and_unknown_refs(run, ten):
    run("contact", "add", "王芳")
    err = run("contact", "show", "王", code=2).stderr
    assert err.count("\n") == 1
    assert "王建国 #1 华远建材·朝阳" in err and "王芳 #11" in err
    err = run("contact", "show", "nobody", code=2).stderr
    assert err.startswith("error: no contact matches 'nobody'")


def test_duplicate_phone_is_refused_naming_the_other_contact(run, ten):
    err = run("contact", "add", "王建国二", "--phone", "138 0013 8000", code=2).stderr
    assert "#1 王建国" in err
    assert run("contact", "add", "王建国二", "--phone", "13800138000", "--force").exit_code == 0


def test_edit_archive_flag(run, ten):
    run("contact", "edit", "王建国", "--status", "customer", "--tier", "key", "--needs", "幕墙报价")
    shown = run.json("contact", "show", "王建国")
    assert (shown["status"], shown["tier"], shown["needs"]) == ("customer", "key", "幕墙报价")
    run("contact", "flag", "李娜", "credit", "--note", "两次逾期")
    assert run.json("contact", "show", "李娜")["flags"] == ["credit"]
    assert [c["name"] for c in run.json("contact", "list", "--flagged")] == ["李娜"]
    run("contact", "unflag", "李娜", "credit")
    assert run.json("contact", "show", "李娜")["flags"] == []
    run("contact", "archive", "张伟")
    assert "张伟" not in [c["name"] for c in run.json("contact", "list")]
    assert "张伟" in [c["name"] for c in run.json("contact", "list", "--archived")]
    assert run.json("contact", "show", "#3")["archived"] is True


@pytest.mark.parametrize(
    "args",
    [
        ("contact", "add", "x", "--tier", "vip"),
        ("contact", "add", "x", "--status", "hot"),
        ("contact", "add", "x", "--phone", "call me"),
        ("contact", "add", "x", "--email", "nope"),
        ("contact", "add", "   "),
        ("contact", "edit", "王建国"),
        ("contact", "edit", "#99", "--status", "lead"),
        ("contact", "list", "--tier", "gold"),
        ("contact", "flag", "王建国", "rich"),
        ("contact", "add"),
        ("contact", "nonsense"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_leaves_the_store_alone(
    run, ten, db_path, digest, args
):
    before = digest(db_path)
    result = run(*args, code=2)
    assert result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""
    assert digest(db_path) == before
