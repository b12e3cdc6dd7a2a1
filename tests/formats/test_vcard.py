"""vCard files as phones write them, read card by card: 2.1 quoted-printable with soft line
breaks and charsets, 3.0/4.0 escapes and groups, huge photos skipped in bounded memory."""

from __future__ import annotations

import io
import tracemalloc

import pytest

from salesplan.errors import BadInput
from salesplan.formats.text import open_text
from salesplan.formats.vcard import MAX_VALUE_CHARS, vcard_contacts


def read(text: str) -> list[dict[str, str]]:
    return [r.fields for r in vcard_contacts(io.StringIO(text, newline=""), "phone.vcf")]


# An Android "export to storage" card: UTF-8 quoted-printable, soft line breaks in FN and NOTE.
ANDROID_21 = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=9D=8E;=E5=A8=9C;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=9D=\r\n"
    "=8E=E5=A8=9C\r\n"
    "TEL;CELL;PREF:139 1234 5678\r\n"
    "TEL;WORK:010-6500 1234\r\n"
    "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E9=94=80=E5=94=AE=E9=83=A8\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=91=A8=E4=BA=94=E5=9B=9E=E7=94=B5=\r\n"
    "=EF=BC=8C=E8=B0=88=E6=8A=A5=E4=BB=B7\r\n"
    "END:VCARD\r\n"
)

# A feature phone's card: GB2312 and GBK bytes, quoted-printable, bare ENCODING parameter.
GB_21 = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "FN;CHARSET=GB2312;QUOTED-PRINTABLE:=CD=F5=BD=A8=B9=FA\r\n"
    "TEL;CELL:13800138000\r\n"
    "ORG;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:=BB=AA=D4=B6=BD=A8=B2=C4=D3=D0=\r\n"
    "=CF=DE=B9=AB=CB=BE\r\n"
    "ADR;WORK;CHARSET=GB2312;ENCODING=QUOTED-PRINTABLE:;;=B1=B1=BE=A9=CA=D0=B3=AF=D1=F4=C7=F8=\r\n"
    "=BD=A8=B9=FA=C2=B7=38=38=BA=C5;;;;\r\n"
    "END:VCARD\r\n"
)


def test_android_21_quoted_printable_with_soft_line_breaks():
    assert read(ANDROID_21) == [
        {
            "name": "李娜",
            "phone": ["139 1234 5678", "010-6500 1234"],  # every number, the mobile first
            "company": "销售部",
            "notes": "周五回电，谈报价",
        }
    ]


def test_gb2312_and_gbk_charsets_are_decoded():
    assert read(GB_21) == [
        {
            "name": "王建国",
            "phone": ["13800138000"],
            "company": "华远建材有限公司",
            "address": "北京市朝阳区建国路88号",
        }
    ]


def test_lf_line_ends_and_lowercase_parameters_read_the_same():
    text = GB_21.replace("\r\n", "\n").replace("CHARSET=GB2312", "charset=gb2312")
    assert read(text) == read(GB_21)


def test_vcard_3_escapes_groups_folds_and_a_tel_uri():
    text = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\n"
        "N:王;建国;;;\r\n"
        'item1.TEL;VALUE=uri;TYPE="cell,voice":tel:+86-138-0013-8000\r\n'
        "EMAIL:wang@exam\r\n ple.com\r\n"
        "ORG:华远建材\\, 北京;销售部\r\n"
        "NOTE:第一行\\n第二行\\; 带分号\\\\\r\n"
        "END:VCARD\r\n"
    )
    assert read(text) == [
        {
            "name": "王建国",
            "phone": ["+86-138-0013-8000"],
            "email": ["wang@example.com"],
            "company": "华远建材, 北京 销售部",
            "notes": "第一行\n第二行; 带分号\\",
        }
    ]


def test_a_card_embedded_in_another_is_not_a_contact():
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:王建国\r\nAGENT:\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:秘书\r\nTEL:13900000000\r\nEND:VCARD\r\n"
        "TEL:13800138000\r\nEND:VCARD\r\n"
    )
    assert read(text) == [{"name": "王建国", "phone": ["13800138000"]}]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("FN:王建国\r\n", "holds no vCard"),
        ("BEGIN:VCARD\r\nFN:王建国\r\n", "truncated"),
        ("BEGIN:VCARD\r\nFN:a\x00b\r\nEND:VCARD\r\n", "NUL byte on line 2"),
        (
            "BEGIN:VCARD\r\nNOTE:" + "长" * (MAX_VALUE_CHARS + 1) + "\r\nEND:VCARD\r\n",
            "over 100,000",
        ),
    ],
)
def test_unreadable_cards_are_refused_in_one_line(text, message):
    with pytest.raises(BadInput, match=message) as caught:
        read(text)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "BEGIN:VCARD\r\nFN;CHARSET=KLINGON;ENCODING=QUOTED-PRINTABLE:=41\r\nEND:VCARD\r\n",
            "vCard 1 names an unknown charset 'klingon'",
        ),
        (
            "BEGIN:VCARD\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=FF=FE\r\nEND:VCARD\r\n",
            "vCard 1 has a FN that is not utf-8",
        ),
    ],
)
def test_a_card_that_cannot_be_read_is_handed_on_refused(text, message):
    (record,) = vcard_contacts(io.StringIO(text, newline=""), "phone.vcf")
    assert record.refused is not None and message in record.refused[1]
    assert record.raw[0] == "BEGIN:VCARD" and record.raw[-1] == "END:VCARD"


def photo_card(path, photo_bytes: int, folded: bool) -> None:
    """One card with a base64 PHOTO of about ``photo_bytes``, then the fields after it."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:王建国\r\nPHOTO;ENCODING=BASE64;TYPE=JPEG:")
        line = "/9j/4AAQSkZJRgABAQEASABIAAD" * 3  # 81 characters
        for _ in range(photo_bytes // len(line)):
            fh.write("\r\n " + line if folded else line)
        fh.write("\r\n\r\nTEL;CELL:13800138000\r\nEND:VCARD\r\n")


@pytest.mark.parametrize("folded", [True, False], ids=["folded", "one-line"])
def test_a_huge_photo_is_skipped_in_bounded_memory(tmp_path, folded):
    card = tmp_path / "photo.vcf"
    photo_card(card, 3 * 1024 * 1024, folded)
    tracemalloc.start()
    try:
        with open_text(card) as stream:
            got = [r.fields for r in vcard_contacts(stream, card.name)]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert got == [{"name": "王建国", "phone": ["13800138000"]}]
    # Reading the 3 MB file whole would take more than 3 MB; card by card stays under 1 MB.
    assert peak < 1024 * 1024, f"peak {peak} bytes for a {card.stat().st_size} byte file"


def test_a_soft_break_before_a_blank_line_does_not_swallow_the_card_end():
    # An OPPO export: a quoted-printable NOTE ends with "=" and a blank line before END:VCARD.
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:欧阳明\r\n"
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E8=80=81=E5=AE=A2=E6=88=B7=\r\n"
        "\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:欧阳亮\r\nEND:VCARD\r\n"
    )
    assert read(text) == [{"name": "欧阳明", "notes": "老客户"}, {"name": "欧阳亮"}]


@pytest.mark.parametrize(
    ("charset", "encoding"),
    [("BIG5", "big5"), ("SHIFT_JIS", "shift_jis"), ("GBK", "gbk"), ("GB18030", "gb18030")],
)
def test_a_cards_charset_is_honoured_whatever_the_file_was_read_as(tmp_path, charset, encoding):
    name = "王建國" if encoding == "big5" else "山田太郎" if encoding == "shift_jis" else "王建国"
    card = tmp_path / "mixed.vcf"
    card.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET="
        + charset.encode()
        + b":"
        + name.encode(encoding)
        + b"\r\nEND:VCARD\r\n"
        + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:李娜\r\nEND:VCARD\r\n".encode()
    )
    with open_text(card, "utf-8", "surrogateescape") as stream:
        got = [r.fields["name"] for r in vcard_contacts(stream, card.name)]
    assert got == [name, "李娜"]
    # Read as GB18030 (the advice for a Chinese file), the named charset still decides.
    if encoding != "gbk":
        with open_text(card, "gb18030", "surrogateescape") as stream:
            first = next(iter(vcard_contacts(stream, card.name))).fields["name"]
        assert first == name


def test_a_gbk_file_without_a_charset_is_read_as_gbk(tmp_path):
    card = tmp_path / "gbk.vcf"
    card.write_bytes("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:王建国\r\nEND:VCARD\r\n".encode("gbk"))
    with open_text(card, "utf-8", "surrogateescape") as stream:
        assert [r.fields for r in vcard_contacts(stream, card.name)] == [{"name": "王建国"}]


def test_a_utf16_file_without_a_byte_order_mark_gets_advice(tmp_path):
    card = tmp_path / "u16.vcf"
    card.write_bytes("BEGIN:VCARD\r\nFN:王\r\nEND:VCARD\r\n".encode("utf-16-le"))
    with (
        open_text(card, "utf-8", "surrogateescape") as stream,
        pytest.raises(BadInput, match="UTF-16 without a byte-order mark"),
    ):
        list(vcard_contacts(stream, card.name))


def test_21_backslashes_are_kept_and_30_escapes_read():
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:王建国\r\nNOTE:C:\\新建文件夹\\报价\\; 第二版\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:李娜\r\nNOTE:一\\n二\\, 三\\\\\r\nEND:VCARD\r\n"
    )
    assert [r["notes"] for r in read(text)] == ["C:\\新建文件夹\\报价; 第二版", "一\n二, 三\\"]


def test_a_tel_uri_keeps_its_extension():
    text = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:赵总\r\nTEL;VALUE=uri:tel:+86-10-8888-6666;ext=801\r\nEND:VCARD\r\n"
    assert read(text) == [{"name": "赵总", "phone": ["+86-10-8888-6666 ext 801"]}]
