"""Receipt text in CP866 and CP1251: the page chosen per job, stand-ins for missing glyphs, no errors."""
from __future__ import annotations

import codecs

from hypothesis import given
from hypothesis import strategies as st

from devices.printing.codepages import CP866, CP1251, choose_code_page, encode_text
from devices.uris import CodePageMode
from tests.escpos_decoder import CODE_PAGES, decode_byte

RUSSIAN = "Съешь ещё этих булок № 5 «Ёлка» — 1 234,50"
BELARUSIAN = "Ўсё іначай: «Сёння» — № 7, Ў і І"


def printed(data: bytes, page: int) -> str:
    return "".join(decode_byte(b, page) for b in data)


def test_auto_uses_cp1251_only_for_belarusian_letters() -> None:
    assert choose_code_page(CodePageMode.AUTO, RUSSIAN) is CP866
    for letter in "іІўЎ":
        assert choose_code_page(CodePageMode.AUTO, f"Дзякуй {letter}") is CP1251
    assert choose_code_page(CodePageMode.CP866, BELARUSIAN) is CP866
    assert choose_code_page(CodePageMode.CP1251, RUSSIAN) is CP1251
    assert choose_code_page("cp1251") is CP1251


def test_escpos_table_numbers() -> None:
    assert CP866.select_command == b"\x1bt\x11"
    assert CP1251.select_command == b"\x1bt\x2e"


def test_russian_prints_as_is_in_cp866_with_stand_ins_for_missing_quotes_and_dash() -> None:
    assert printed(encode_text(RUSSIAN, CP866), 17) == 'Съешь ещё этих булок № 5 "Ёлка" - 1 234,50'


def test_everything_prints_as_is_in_cp1251() -> None:
    assert printed(encode_text(RUSSIAN, CP1251), 46) == RUSSIAN
    assert printed(encode_text(BELARUSIAN, CP1251), 46) == BELARUSIAN


def test_belarusian_i_becomes_latin_i_in_cp866_and_short_u_stays() -> None:
    assert printed(encode_text(BELARUSIAN, CP866), 17) == 'Ўсё iначай: "Сёння" - № 7, Ў i I'


def test_no_break_spaces_tabs_and_controls() -> None:
    assert encode_text("1\u00a0234,50\tруб.\x1b@\x00", CP1251) == b"1 234,50 \xf0\xf3\xe1.@"
    assert encode_text("a\nb", CP866) == b"a\nb"


def test_unknown_characters_become_question_marks_or_lose_accents() -> None:
    assert printed(encode_text("Café 日本 €5", CP866), 17) == "Cafe ?? EUR5"
    assert printed(encode_text("Café 日本 €5", CP1251), 46) == "Cafe ?? €5"


@given(st.text())
def test_encoding_never_fails_and_never_emits_control_bytes_but_line_feeds(text: str) -> None:
    for page in (CP866, CP1251):
        data = encode_text(text, page)
        assert all(b >= 0x20 or b == 0x0A for b in data)
        assert 0x7F not in data


def test_the_decoders_tables_agree_with_the_standard_code_pages() -> None:
    # The decoder's tables are hand-written; check them once against the platform's codecs.
    for number, codec in ((17, "cp866"), (46, "cp1251")):
        for byte in range(0x80, 0x100):
            if number == 46 and byte == 0x98:
                continue  # unassigned in WPC1251
            assert CODE_PAGES[number][byte - 0x80] == codecs.decode(bytes([byte]), codec), hex(byte)
