"""A small ESC/POS decoder for tests: what would a receipt printer put on paper for these bytes?

It knows the commands the till sends (text, styles, alignment, code page selection, native QR,
raster images, barcodes, feeds, cuts, real-time status queries) and fails loudly on anything else,
so a stray or malformed command makes a test fail instead of passing unnoticed. Text is decoded
with hand-written tables of CP866 and WPC1251 for bytes 0x80-0xFF, independent of python-escpos
and of Python's codecs, so an encoding mistake in the till cannot cancel itself out here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

# ----- code pages -----------------------------------------------------------------------------

_UPPER = "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
_LOWER = "абвгдежзийклмнопрстуфхцчшщъыьэюя"

_CP866_HIGH = (
    _UPPER  # 0x80-0x9F
    + _LOWER[:16]  # 0xA0-0xAF а..п
    + "░▒▓│┤╡╢╖╕╣║╗╝╜╛┐"  # 0xB0-0xBF
    + "└┴┬├─┼╞╟╚╔╩╦╠═╬╧"  # 0xC0-0xCF
    + "╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀"  # 0xD0-0xDF
    + _LOWER[16:]  # 0xE0-0xEF р..я
    + "ЁёЄєЇїЎў°∙·√№¤■\u00a0"  # 0xF0-0xFF
)

_CP1251_HIGH = (
    "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏ"  # 0x80-0x8F
    + "ђ‘’“”•–—\ufffd™љ›њќћџ"  # 0x90-0x9F (0x98 unused)
    + "\u00a0ЎўЈ¤Ґ¦§Ё©Є«¬\u00ad®Ї"  # 0xA0-0xAF
    + "°±Ііґµ¶·ё№є»јЅѕї"  # 0xB0-0xBF
    + _UPPER  # 0xC0-0xDF
    + _LOWER  # 0xE0-0xFF
)

assert len(_CP866_HIGH) == 128 and len(_CP1251_HIGH) == 128

# ESC t n -> table for 0x80-0xFF (Epson numbering); None means "not a Cyrillic table".
CODE_PAGES: dict[int, str] = {17: _CP866_HIGH, 46: _CP1251_HIGH}
CODE_PAGE_NAMES = {0: "CP437", 17: "CP866", 46: "CP1251"}


def decode_byte(byte: int, page: int) -> str:
    """The character a printer in code page `page` prints for `byte`."""
    if byte < 0x80:
        return chr(byte)
    table = CODE_PAGES.get(page)
    if table is None:
        raise DecodeError(f"byte 0x{byte:02x} printed in code page {page}, which this decoder does not know")
    return table[byte - 0x80]


# ----- events ---------------------------------------------------------------------------------


class DecodeError(ValueError):
    """The bytes are not what a receipt printer would accept."""


@dataclass
class Line:
    """A printed line of text with the style in force when it was printed."""

    text: str
    bold: bool
    align: int  # 0 left, 1 centre, 2 right
    code_page: int
    tall: bool = False


@dataclass
class Qr:
    """A native QR code (GS ( k): payload bytes, module size, error correction, aligned how."""

    payload: bytes
    module_size: int
    error_correction: int
    align: int


@dataclass
class Image:
    """A raster bit image (GS v 0): `rows` of bits, 1 = black dot."""

    width: int
    height: int
    rows: list[list[int]]
    align: int

    def to_pil(self, scale: int = 1) -> Any:
        """The image as a black-on-white Pillow image (for a barcode reader)."""
        from PIL import Image as PilImage

        img = PilImage.new("L", (self.width, self.height), 255)
        pixels = img.load()
        for y, row in enumerate(self.rows):
            for x, bit in enumerate(row):
                if bit:
                    pixels[x, y] = 0
        if scale != 1:
            img = img.resize((self.width * scale, self.height * scale))
        return img


@dataclass
class Barcode:
    """A 1D barcode (GS k): its kind by name and its data."""

    kind: str
    data: str
    align: int
    hri: int  # 0 none, 1 above, 2 below, 3 both


@dataclass
class Cut:
    """A paper cut: full or partial."""

    partial: bool


@dataclass
class StatusQuery:
    """A real-time status request (DLE EOT n)."""

    n: int


@dataclass
class Init:
    """ESC @: printer reset to its power-on state (code page 0)."""


@dataclass
class CodePage:
    """ESC t n."""

    n: int


Event = Union[Line, Qr, Image, Barcode, Cut, StatusQuery, Init, CodePage]

_BARCODES_A = {0: "UPC-A", 1: "UPC-E", 2: "EAN13", 3: "EAN8", 4: "CODE39", 5: "ITF", 6: "NW7"}
_BARCODES_B = {
    65: "UPC-A", 66: "UPC-E", 67: "EAN13", 68: "EAN8", 69: "CODE39", 70: "ITF", 71: "NW7",
    72: "CODE93", 73: "CODE128",
}


@dataclass
class Decoded:
    """Everything a job asked the printer to do, in order."""

    events: list[Event] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        """Printed text lines."""
        return [e for e in self.events if isinstance(e, Line)]

    @property
    def text(self) -> str:
        """All printed text, one printed line per line."""
        return "\n".join(line.text for line in self.lines)

    @property
    def qr_codes(self) -> list[Qr]:
        """Native QR codes."""
        return [e for e in self.events if isinstance(e, Qr)]

    @property
    def images(self) -> list[Image]:
        """Raster images."""
        return [e for e in self.events if isinstance(e, Image)]

    @property
    def barcodes(self) -> list[Barcode]:
        """1D barcodes."""
        return [e for e in self.events if isinstance(e, Barcode)]

    @property
    def cuts(self) -> list[Cut]:
        """Paper cuts."""
        return [e for e in self.events if isinstance(e, Cut)]

    @property
    def code_pages(self) -> list[int]:
        """Every ESC t selection, in order."""
        return [e.n for e in self.events if isinstance(e, CodePage)]

    def of(self, kind: type) -> list:
        """The events of one kind."""
        return [e for e in self.events if isinstance(e, kind)]


# ----- the decoder ----------------------------------------------------------------------------


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def more(self) -> bool:
        return self.pos < len(self.data)

    def byte(self) -> int:
        if self.pos >= len(self.data):
            raise DecodeError(f"command cut short at byte {self.pos}")
        value = self.data[self.pos]
        self.pos += 1
        return value

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise DecodeError(f"command needs {n} bytes at {self.pos}, only {len(self.data) - self.pos} left")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk


def decode(data: bytes) -> Decoded:
    """Decode a job; raises `DecodeError` on bytes a printer would not understand."""
    out = Decoded()
    r = _Reader(data)
    page = 0
    bold = False
    tall = False
    align = 0
    text: list[str] = []
    qr_size, qr_ec, qr_data = 3, 0, b""
    hri = 0

    def flush_line() -> None:
        out.events.append(Line("".join(text), bold, align, page, tall))
        text.clear()

    while r.more():
        b = r.byte()
        if b == 0x0A:
            flush_line()
        elif b == 0x0D:
            continue
        elif b >= 0x20 and b != 0x7F:
            text.append(decode_byte(b, page))
        elif b == 0x1B:  # ESC
            c = r.byte()
            if c == ord("@"):
                page, bold, tall, align = 0, False, False, 0
                out.events.append(Init())
            elif c == ord("t"):
                page = r.byte()
                out.events.append(CodePage(page))
            elif c == ord("E"):
                bold = bool(r.byte() & 1)
            elif c == ord("a"):
                n = r.byte()
                align = n - 48 if n >= 48 else n
                if align not in (0, 1, 2):
                    raise DecodeError(f"ESC a {n}")
            elif c == ord("!"):
                mode = r.byte()
                tall = bool(mode & 0x10)
                bold = bool(mode & 0x08)
            elif c in (ord("-"), ord("M"), ord("G"), ord("{"), ord("R"), ord("3"), ord("J"), ord("r")):
                r.byte()
            elif c == ord("2"):
                pass
            elif c == ord("d"):
                if text:
                    flush_line()
                for _ in range(r.byte()):
                    out.events.append(Line("", bold, align, page, tall))
            else:
                raise DecodeError(f"unknown command ESC 0x{c:02x} at {r.pos - 2}")
        elif b == 0x1D:  # GS
            c = r.byte()
            if c == ord("V"):
                m = r.byte()
                if m in (65, 66):
                    r.byte()
                if m not in (0, 1, 48, 49, 65, 66):
                    raise DecodeError(f"GS V {m}")
                out.events.append(Cut(partial=m in (1, 49, 66)))
            elif c == ord("("):
                fn_group = r.byte()
                length = r.byte() | (r.byte() << 8)
                body = r.take(length)
                if fn_group == ord("k"):
                    cn, fn = body[0], body[1]
                    if cn != 49:
                        raise DecodeError(f"2D code type {cn} is not QR")
                    if fn == 65:
                        pass  # model
                    elif fn == 67:
                        qr_size = body[2]
                    elif fn == 69:
                        qr_ec = body[2] - 48
                    elif fn == 80:
                        if body[2] != 48:
                            raise DecodeError("QR store data with m != 48")
                        qr_data = body[3:]
                    elif fn == 81:
                        out.events.append(Qr(qr_data, qr_size, qr_ec, align))
                    else:
                        raise DecodeError(f"QR function {fn}")
                else:
                    raise DecodeError(f"GS ( {chr(fn_group)!r} not expected")
            elif c == ord("v"):
                if r.byte() != ord("0"):
                    raise DecodeError("GS v without 0")
                r.byte()  # density
                width_bytes = r.byte() | (r.byte() << 8)
                height = r.byte() | (r.byte() << 8)
                raster = r.take(width_bytes * height)
                rows = []
                for y in range(height):
                    row_bytes = raster[y * width_bytes : (y + 1) * width_bytes]
                    rows.append([(byte >> (7 - bit)) & 1 for byte in row_bytes for bit in range(8)])
                out.events.append(Image(width_bytes * 8, height, rows, align))
            elif c == ord("k"):
                m = r.byte()
                if m in _BARCODES_A:
                    chars = bytearray()
                    while True:
                        x = r.byte()
                        if x == 0:
                            break
                        chars.append(x)
                    kind = _BARCODES_A[m]
                elif m in _BARCODES_B:
                    n = r.byte()
                    chars = bytearray(r.take(n))
                    kind = _BARCODES_B[m]
                else:
                    raise DecodeError(f"GS k {m}")
                out.events.append(Barcode(kind, chars.decode("ascii"), align, hri))
            elif c == ord("H"):
                hri = r.byte()
            elif c in (ord("h"), ord("w"), ord("f"), ord("B"), ord("!")):
                r.byte()
            else:
                raise DecodeError(f"unknown command GS 0x{c:02x} at {r.pos - 2}")
        elif b == 0x10:  # DLE
            c = r.byte()
            if c != 0x04:
                raise DecodeError(f"DLE 0x{c:02x}")
            out.events.append(StatusQuery(r.byte()))
        else:
            raise DecodeError(f"control byte 0x{b:02x} at {r.pos - 1} would not print")
    if text:
        flush_line()
    return out


def ean13_is_valid(code: str) -> bool:
    """EAN-13 check digit, computed here rather than trusted from the code under test."""
    if len(code) != 13 or not code.isdigit():
        return False
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(code[:12]))
    return (10 - total % 10) % 10 == int(code[12])
