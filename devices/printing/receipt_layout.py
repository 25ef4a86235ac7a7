"""The bytes of the after-sale loyalty slip and the printer test page (ESC/POS, pure).

A job is first described as a short list of blocks (lines of text, QR codes, EAN-13 barcodes, a
cut), so its whole text is known before anything is encoded; then the code page is chosen for
the job (`devices.printing.codepages`) and the blocks are rendered into a python-escpos `Dummy` printer,
which only collects bytes. Every job starts with `ESC @` followed by our own `ESC t n` (the
library does not resend the code page after an init) and ends with a feed and a cut.

Text is encoded here, never by python-escpos, so the code page in force is always the one we
selected. A native QR (`GS ( k`) is centred with `ESC a 1` around it (the library refuses to
centre one); its payload is sent as UTF-8 by the library, which is why only digit payloads are
printed. An image QR is drawn with `qrcode` and sent as a raster image padded to the paper width.
EAN-13 barcodes are drawn by the printer (`GS k`), only for codes with a valid check digit.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Callable, Sequence, Union

from devices.printing.codepages import CodePage, choose_code_page, encode_text, printable_text
from devices.printing.escpos_loader import dummy_printer
from devices.uris import PaperWidth, PrintOptions, QrMode
from fiscal.money import format_money
from loyalty_client.codes import is_valid_ean13, make_ean13
from loyalty_client.types import CommitResult, CouponResult, Offer, Tier

SAMPLE_COUPON = make_ean13("990000012345")
RUSSIAN_SAMPLE = "Съешь же ещё этих мягких французских булок, да выпей чаю. № 15 «Ёлка» — 1 234,50 руб."
BELARUSIAN_SAMPLE = "У рудога вераб'я ў сховішчы пад фатэлем ляжаць нейкія гаючыя зёлкі. Ў, І, і — «№ 7»."


# ----- what the slip says ---------------------------------------------------------------------


@dataclass(frozen=True)
class SlipCoupon:
    """A coupon that applied to the sale: its offer's title (empty when the service named none),
    its code, the money it took off and the points it added beyond the tier's."""

    title: str
    code: str
    discount: Decimal = Decimal("0.00")
    extra_points: Decimal = Decimal("0.00")

    @classmethod
    def from_result(cls, result: CouponResult) -> "SlipCoupon":
        """The slip's line for a coupon as the service answered it."""
        return cls(result.title, result.code, result.discount, result.extra_accrual)


def applied_coupons(results: Sequence[CouponResult]) -> tuple[SlipCoupon, ...]:
    """The slip's lines for the coupons among `results` that applied, in their order."""
    return tuple(SlipCoupon.from_result(result) for result in results if result.applied)


def masked_coupon_code(code: str) -> str:
    """A coupon's code with all but its last 4 characters hidden: `***1230`.

    The whole code of a reusable or not yet used-up coupon on a slip left at the till would let
    anyone use it; the tail tells the customer which of their coupons it was.
    """
    code = code.strip()
    return code if len(code) <= 4 else "***" + code[-4:]


@dataclass(frozen=True)
class LoyaltySummary:
    """The loyalty block of a sale: points earned and spent, balance after, tier, masked phone.

    For a sale recorded while the loyalty service was unreachable set `offline=True`: the slip
    then says the bonuses will be credited once the connection is back instead of the amounts
    it cannot know (points spent are still shown if any were). For a sale the service refused
    set `refused=True`: the figures are then the till's own, said to be unconfirmed, with no
    balance. For a sale whose slip could not wait any longer for the service's figures (its
    delivery was put off, the till went offline) set `pending=True`: the till's own figures,
    said to be not yet confirmed, with no balance.
    """

    masked_phone: str
    tier_name: str | None = None
    earned: Decimal | None = None
    spent: Decimal | None = None
    balance_after: Decimal | None = None
    offline: bool = False
    coupons: tuple[SlipCoupon, ...] = ()
    refused: bool = False
    pending: bool = False

    @classmethod
    def from_commit(cls, result: CommitResult, *, masked_phone: str, tier: Tier | None = None) -> "LoyaltySummary":
        """The block for a purchase the service committed, with the coupons that applied."""
        return cls(
            masked_phone=masked_phone,
            tier_name=tier.name if tier is not None else None,
            earned=result.accrued,
            spent=result.redeemed,
            balance_after=result.balance.spendable,
            coupons=applied_coupons(result.coupons),
        )


@dataclass(frozen=True)
class ReceiptLabels:
    """The fixed words of the slip, already translated by the caller (the till: `app/`)."""

    heading: str
    phone: str
    tier: str
    earned: str
    spent: str
    balance: str
    offline: str
    offers_heading: str
    valid_until: str
    coupon: str
    coupons_heading: str
    coupon_points: str
    refused: str
    pending: str


RUSSIAN = ReceiptLabels(
    heading="Бонусная программа",
    phone="Телефон",
    tier="Уровень",
    earned="Начислено бонусов",
    spent="Списано бонусов",
    balance="Баланс бонусов",
    offline="Бонусы будут начислены, когда восстановится связь с программой лояльности.",
    offers_heading="Персональные предложения",
    valid_until="Действует до",
    coupon="Купон",
    coupons_heading="Применённые купоны",
    coupon_points="Дополнительные бонусы",
    refused="Не подтверждено: программа лояльности не приняла эту покупку. Выше указаны расчёты кассы.",
    pending="Ещё не подтверждено программой лояльности: выше указаны расчёты кассы.",
)
"""The slip's words when a caller gives none (the till always gives its own, translated)."""


# ----- blocks of a job ------------------------------------------------------------------------


@dataclass(frozen=True)
class TextLine:
    """One printed line (already fitted to the paper width)."""

    text: str
    bold: bool = False
    center: bool = False
    tall: bool = False


@dataclass(frozen=True)
class QrBlock:
    """A QR code with a digits-only payload, centred."""

    payload: str


@dataclass(frozen=True)
class Ean13Block:
    """An EAN-13 barcode (13 digits, valid check digit) with its digits printed below, centred."""

    code: str


@dataclass(frozen=True)
class FeedBlock:
    """Empty lines."""

    lines: int = 1


Block = Union[TextLine, QrBlock, Ean13Block, FeedBlock]


@dataclass(frozen=True)
class Layout:
    """A job before encoding: its blocks, and the code page chosen for its text."""

    blocks: tuple[Block, ...]
    code_page: CodePage
    options: PrintOptions

    @property
    def text(self) -> str:
        """All the job's text, one line per printed line (what the customer reads)."""
        return "\n".join(b.text for b in self.blocks if isinstance(b, TextLine))


def wrap(text: str, columns: int) -> list[str]:
    """`text` broken into lines of at most `columns` characters; paragraphs kept; never empty."""
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        lines.extend(
            textwrap.wrap(paragraph, width=columns, break_long_words=True, break_on_hyphens=True) or [""]
        )
    return lines or [""]


def label_value(label: str, value: str, columns: int) -> list[str]:
    """`label` on the left and `value` flush right on one line, or value on its own line if long."""
    if len(label) + 1 + len(value) <= columns:
        return [label + " " * (columns - len(label) - len(value)) + value]
    lines = wrap(label, columns)
    lines.extend(line.rjust(columns) for line in wrap(value, columns))
    return lines


def points(value: Decimal) -> str:
    """Points as people read them: `1 234,50` (a no-break space, turned into a space on paper)."""
    return format_money(value)


def coupon_barcode(code: str) -> str | None:
    """The EAN-13 to print for a coupon code: itself if valid, completed if 12 digits, else None."""
    digits = code.strip()
    if len(digits) == 12 and digits.isascii() and digits.isdigit():
        return make_ean13(digits)
    if is_valid_ean13(digits) and digits.isascii():
        return digits
    return None


class Sheet:
    """Fits text to the paper: as it will print in the job's code page, wrapped to its columns.

    Stand-ins can be longer than what they replace (`…` -> `...`), so text is converted to what
    the printer will show before it is measured. A draft sheet (`page=None`) measures the text
    as given; it is used once, to find out which code page the job needs.
    """

    def __init__(self, columns: int, page: CodePage | None) -> None:
        self.columns = columns
        self.page = page

    def fit(self, text: str) -> str:
        """`text` as the printer will show it."""
        return text if self.page is None else printable_text(text, self.page)

    def wrap(self, text: str, **style: bool) -> list[Block]:
        """Lines of wrapped text."""
        return [TextLine(line, **style) for line in wrap(self.fit(text), self.columns)]

    def row(self, label: str, value: str, **style: bool) -> list[Block]:
        """A label and its value flush right."""
        return [TextLine(line, **style) for line in label_value(self.fit(label), self.fit(value), self.columns)]

    def rule(self, char: str) -> Block:
        """A full-width line of `char`."""
        return TextLine(char * self.columns)


def loyalty_blocks(summary: LoyaltySummary, sheet: Sheet, labels: ReceiptLabels) -> list[Block]:
    """The loyalty block of the slip."""
    blocks: list[Block] = [sheet.rule("-")]
    blocks += sheet.wrap(labels.heading, bold=True, center=True)
    blocks += sheet.row(labels.phone, summary.masked_phone)
    if summary.tier_name:
        blocks += sheet.row(labels.tier, summary.tier_name)
    if summary.offline:
        if summary.spent:
            blocks += sheet.row(labels.spent, "-" + points(summary.spent))
        blocks += sheet.wrap(labels.offline, bold=True)
    else:
        if summary.earned is not None:
            blocks += sheet.row(labels.earned, "+" + points(summary.earned))
        if summary.spent:
            blocks += sheet.row(labels.spent, "-" + points(summary.spent))
        if summary.balance_after is not None and not (summary.refused or summary.pending):
            blocks += sheet.row(labels.balance, points(summary.balance_after), bold=True)
    if summary.coupons:
        blocks += coupon_blocks(summary.coupons, sheet, labels)
    if summary.refused:
        blocks += sheet.wrap(labels.refused, bold=True)
    elif summary.pending:
        blocks += sheet.wrap(labels.pending, bold=True)
    return blocks


def coupon_blocks(coupons: Sequence[SlipCoupon], sheet: Sheet, labels: ReceiptLabels) -> list[Block]:
    """The coupons that applied: each by its offer's title (or its masked code) with the money it
    took off, and the extra points it gave on a line of their own."""
    blocks: list[Block] = list(sheet.wrap(labels.coupons_heading, bold=True))
    for coupon in coupons:
        name = coupon.title.strip() or f"{labels.coupon} {masked_coupon_code(coupon.code)}"
        if coupon.discount:
            blocks += sheet.row(name, "-" + points(coupon.discount))
        else:
            blocks += sheet.wrap(name)
        if coupon.extra_points:
            blocks += sheet.row("  " + labels.coupon_points, "+" + points(coupon.extra_points))
    return blocks


def offer_blocks(offer: Offer, sheet: Sheet, labels: ReceiptLabels) -> list[Block]:
    """One personalised offer: bold title, wrapped text, validity, coupon as QR and EAN-13."""
    blocks: list[Block] = [sheet.rule("=")]
    blocks += sheet.wrap(offer.title, bold=True)
    blocks += sheet.wrap(offer.text)
    if isinstance(offer.valid_until, date):
        blocks += sheet.wrap(f"{labels.valid_until} {offer.valid_until:%d.%m.%Y}")
    code = offer.coupon_code.strip()
    ean = coupon_barcode(code)
    qr_payload = ean or (code if code.isascii() and code.isdigit() else None)
    if qr_payload:
        blocks.append(QrBlock(qr_payload))
    if ean:
        blocks.append(Ean13Block(ean))
    else:
        blocks += sheet.wrap(f"{labels.coupon}: {code}", center=True)
    return blocks


def layout_receipt(
    summary: LoyaltySummary | None,
    offers: Sequence[Offer],
    options: PrintOptions,
    *,
    labels: ReceiptLabels = RUSSIAN,
) -> Layout:
    """The blocks of the after-sale slip, in the words of `labels`, and the code page for them."""

    def blocks_on(sheet: Sheet) -> list[Block]:
        blocks: list[Block] = []
        if summary is not None:
            blocks += loyalty_blocks(summary, sheet, labels)
        if offers:
            blocks.append(FeedBlock())
            blocks += sheet.wrap(labels.offers_heading, bold=True, center=True)
            for offer in offers:
                blocks += offer_blocks(offer, sheet, labels)
        return blocks

    return layout_blocks(blocks_on, options)


def layout_test_page(options: PrintOptions, *, device: str = "") -> Layout:
    """The blocks of the printer test page: settings, a ruler, Russian and Belarusian text, codes."""
    columns = options.columns
    ruler = ("1234567890" * ((columns + 9) // 10))[:columns]
    code_page = choose_code_page(options.codepage, RUSSIAN_SAMPLE + BELARUSIAN_SAMPLE)

    def blocks_on(sheet: Sheet) -> list[Block]:
        blocks: list[Block] = [TextLine("till-loyalty", bold=True, center=True, tall=True)]
        blocks += sheet.wrap("Тестовая страница / Тэставая старонка", center=True)
        if device:
            blocks += sheet.wrap(f"Принтер: {device}")
        blocks += sheet.wrap(f"Бумага: {options.width.value} мм; ширина строки: {columns}")
        blocks += sheet.wrap(f"Кодовая страница: {code_page.name} ({options.codepage.value})")
        blocks += sheet.wrap(f"QR: {options.qr.value}")
        blocks.append(TextLine(ruler))
        blocks += sheet.wrap("Русский:", bold=True)
        blocks += sheet.wrap(RUSSIAN_SAMPLE)
        blocks += sheet.wrap("Беларуская:", bold=True)
        blocks += sheet.wrap(BELARUSIAN_SAMPLE)
        blocks.append(QrBlock(SAMPLE_COUPON))
        blocks.append(Ean13Block(SAMPLE_COUPON))
        return blocks

    return layout_blocks(blocks_on, options)


def layout_blocks(blocks_on: Callable[[Sheet], list[Block]], options: PrintOptions) -> Layout:
    """A job of the blocks `blocks_on` lays out on a sheet, with the code page its text needs."""
    draft = blocks_on(Sheet(options.columns, None))
    page = choose_code_page(options.codepage, "\n".join(b.text for b in draft if isinstance(b, TextLine)))
    return Layout(tuple(blocks_on(Sheet(options.columns, page))), page, options)


# ----- rendering ------------------------------------------------------------------------------

ESC_INIT = b"\x1b@"
ALIGN_LEFT = b"\x1ba\x00"
ALIGN_CENTER = b"\x1ba\x01"
BOLD_ON = b"\x1bE\x01"
BOLD_OFF = b"\x1bE\x00"
TALL_ON = b"\x1b!\x10"
TALL_OFF = b"\x1b!\x00"


def render(layout: Layout) -> bytes:
    """The ESC/POS bytes of a laid-out job: init, code page, blocks, feed and cut."""
    page = layout.code_page
    options = layout.options
    printer = dummy_printer(encoding=page.name, media_dots=options.width.dots)
    printer._raw(ESC_INIT)
    printer._raw(page.select_command)
    for block in layout.blocks:
        if isinstance(block, TextLine):
            _render_text(printer, block, page)
        elif isinstance(block, QrBlock):
            _render_qr(printer, block.payload, options)
        elif isinstance(block, Ean13Block):
            _render_ean13(printer, block.code, options.width)
        else:
            printer._raw(b"\n" * block.lines)
    printer.cut(mode="PART")
    return bytes(printer.output)


def _render_text(printer: Any, line: TextLine, page: CodePage) -> None:
    out = bytearray()
    if line.center:
        out += ALIGN_CENTER
    if line.tall:
        out += TALL_ON  # ESC ! also sets or clears bold, so it goes first
    if line.bold:
        out += BOLD_ON
    out += encode_text(line.text, page) + b"\n"
    if line.bold:
        out += BOLD_OFF
    if line.tall:
        out += TALL_OFF
    if line.center:
        out += ALIGN_LEFT
    printer._raw(bytes(out))


def qr_module_size(width: PaperWidth) -> int:
    """Dots per QR module: big enough for a phone camera and a hand scanner."""
    return 5 if width is PaperWidth.MM58 else 6


def _render_qr(printer: Any, payload: str, options: PrintOptions) -> None:
    from escpos.constants import QR_ECLEVEL_M

    size = qr_module_size(options.width)
    if options.qr is QrMode.NATIVE:
        printer._raw(ALIGN_CENTER)
        printer.qr(payload, ec=QR_ECLEVEL_M, size=size, native=True)
        printer._raw(b"\n" + ALIGN_LEFT)
        return
    printer._raw(ALIGN_LEFT)
    printer.image(qr_image(payload, size), impl="bitImageRaster", center=True)
    printer._raw(b"\n")


def qr_image(payload: str, module_dots: int) -> Any:
    """A black-on-white PIL image of a QR code for `payload` (quiet zone of 4 modules)."""
    import qrcode
    import qrcode.constants

    code = qrcode.QRCode(
        version=None, error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=module_dots, border=4
    )
    code.add_data(payload)
    code.make(fit=True)
    return code.make_image().get_image().convert("1")


def _render_ean13(printer: Any, code: str, width: PaperWidth) -> None:
    if not is_valid_ean13(code):
        raise ValueError("an EAN-13 needs 13 digits with a valid check digit")
    # `_hw_barcode` is what `barcode()` calls for printers that draw barcodes themselves, without
    # the message `barcode()` prints on standard output.
    printer._hw_barcode(
        code,
        "EAN13",
        height=80,
        width=2 if width is PaperWidth.MM58 else 3,
        pos="BELOW",
        font="A",
        align_ct=True,
        function_type="A",
        check=True,
    )
    printer._raw(b"\n" + ALIGN_LEFT)


# ----- the jobs ---------------------------------------------------------------------------


def build_receipt(
    summary: LoyaltySummary | None,
    offers: Sequence[Offer],
    options: PrintOptions,
    *,
    labels: ReceiptLabels = RUSSIAN,
) -> bytes:
    """The printed bytes of the after-sale slip: the loyalty block, then every offer, then a cut."""
    return render(layout_receipt(summary, offers, options, labels=labels))


def build_test_page(options: PrintOptions, *, device: str = "") -> bytes:
    """The printed bytes of the test page for a printer with these options."""
    return render(layout_test_page(options, device=device))
