"""Receipt text in the printer's code page: which page a job uses, and text encoded for it.

Russian and Belarusian receipts need Cyrillic code pages. CP866 (ESC t 17 on Epson-compatible
printers) is the one almost every Cyrillic printer has, but it lacks the Belarusian `і`/`І`, the
guillemets `«»`, dashes and typographic quotes; WPC1251 (ESC t 46) has them all. A printer is set
to a fixed page, or to `auto`: CP1251 when the job's text has `і`, `І`, `ў` or `Ў`, else CP866.

`encode_text` never raises: a character the page lacks becomes its closest safe stand-in
(`і` -> `i` in CP866, `«»“”` -> `"`, `—` -> `-`, `…` -> `...`), an accented Latin letter loses its
accent, and anything else becomes `?`. Line feeds survive; other control characters are dropped
so text can never smuggle an ESC/POS command onto the paper.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from devices.uris import CodePageMode


@dataclass(frozen=True)
class CodePage:
    """A printer character table: its name, its ESC t number, and the Python codec for it."""

    name: str
    escpos_number: int
    codec: str

    @property
    def select_command(self) -> bytes:
        """`ESC t n`: switch the printer to this table (resent after every `ESC @`)."""
        return b"\x1bt" + bytes([self.escpos_number])


CP866 = CodePage("CP866", 17, "cp866")
CP1251 = CodePage("CP1251", 46, "cp1251")

BELARUSIAN_LETTERS = frozenset("іІўЎ")

# Stand-ins tried, in order, for a character the page cannot print.
_STAND_INS: dict[str, tuple[str, ...]] = {
    "і": ("i",),
    "І": ("I",),
    "ў": ("у", "u"),
    "Ў": ("У", "U"),
    "ё": ("е", "e"),
    "Ё": ("Е", "E"),
    "№": ("N",),
    "«": ('"',),
    "»": ('"',),
    "„": ('"',),
    "“": ('"',),
    "”": ('"',),
    "‟": ('"',),
    "‹": ("<",),
    "›": (">",),
    "‘": ("'",),
    "’": ("'",),
    "‚": (",",),
    "ʼ": ("'",),  # Belarusian apostrophe (modifier letter)
    "—": ("-",),
    "–": ("-",),
    "‒": ("-",),
    "―": ("-",),
    "‐": ("-",),
    "‑": ("-",),
    "−": ("-",),
    "…": ("...",),
    "•": ("·", "*"),
    "·": ("*",),
    "×": ("x",),
    "€": ("EUR",),
    "₽": ("руб.", "RUB"),
    "°": ("o",),
    "\u00a0": (" ",),  # no-break space (format_money puts it between thousands)
    "\u202f": (" ",),
    "\u2007": (" ",),
    "\u2009": (" ",),
    "\t": (" ",),
}
# Always printed as their stand-in, even where the page has them: printers draw 0xA0/0xFF
# (no-break space) inconsistently, some as a box.
_ALWAYS_REPLACED = frozenset("\u00a0\u202f\u2007\u2009\t")


def choose_code_page(mode: CodePageMode | str, text: str = "") -> CodePage:
    """The code page for a job whose text is `text`, under the printer's setting `mode`."""
    mode = mode if isinstance(mode, CodePageMode) else CodePageMode(str(mode).lower())
    if mode is CodePageMode.CP866:
        return CP866
    if mode is CodePageMode.CP1251:
        return CP1251
    return CP1251 if any(ch in BELARUSIAN_LETTERS for ch in text) else CP866


@lru_cache(maxsize=4096)
def _encode_char(ch: str, codec: str) -> bytes:
    if ch == "\n":
        return b"\n"
    if ch not in _ALWAYS_REPLACED:
        category = unicodedata.category(ch)
        if ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or category in ("Cf", "Cs", "Co", "Cn") or category.startswith("M"):
            return b""  # control, formatting, surrogate, unassigned, combining mark: nothing on paper
        try:
            return ch.encode(codec)
        except UnicodeEncodeError:
            pass
    for stand_in in _STAND_INS.get(ch, ()):
        try:
            return stand_in.encode(codec)
        except UnicodeEncodeError:
            continue
    stripped = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    if stripped and stripped != ch:
        try:
            return stripped.encode(codec)
        except UnicodeEncodeError:
            pass
    if unicodedata.category(ch).startswith("Z"):
        return b" "
    return b"?"


def encode_text(text: str, page: CodePage) -> bytes:
    """`text` as bytes of `page`, with stand-ins for what the page lacks; never raises."""
    if _plain(text):
        return text.encode("ascii")
    return b"".join(_encode_char(ch, page.codec) for ch in unicodedata.normalize("NFC", text))


def _plain(text: str) -> bool:
    """True when the codec's own encoding is already what goes on paper (no controls, no stand-ins)."""
    return all(ch == "\n" or (" " <= ch < "\x7f") for ch in text)


def printable_text(text: str, page: CodePage) -> str:
    """What `text` looks like once printed in `page` (stand-ins applied), as Unicode."""
    return encode_text(text, page).decode(page.codec)
