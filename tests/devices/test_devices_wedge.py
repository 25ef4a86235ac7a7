"""Keyboard-wedge classification: scanner bursts vs people typing, layouts, prefixes, retractions.

`Field` plays the focused text field plus the event filter: it applies each decision the way
the Qt filter is documented to, so the tests check what the cashier would end up seeing.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from devices.uris import WedgeScannerConfig, WedgeSuffix
from devices.scanner.wedge import WedgeClassifier, WedgeDecision, WedgeState, remap_layout

SCAN_GAP = 0.008  # a scanner: 8 ms between keys
HUMAN_GAP = 0.120


class Field:
    """A text field behind an event filter that applies the classifier's decisions."""

    def __init__(self, config: WedgeScannerConfig, text: str = "") -> None:
        self.now = 100.0
        self.classifier = WedgeClassifier(config, clock=lambda: self.now)
        self.text = text
        self.scans: list[str] = []
        self.enters = 0  # Enter presses that reached the field (would submit it)
        self.poll_at: float | None = None

    def apply(self, decision: WedgeDecision, key_text: str = "", key: str = "") -> None:
        if decision.replay:
            self.text += decision.replay
        if decision.retract:
            assert self.text.endswith(decision.retract_text), (self.text, decision.retract_text)
            self.text = self.text[: -decision.retract]
        if decision.scan is not None:
            self.scans.append(decision.scan)
        if not decision.swallow:
            if key in ("Enter", "Return") or key_text == "\r":
                self.enters += 1
            elif key_text.isprintable():
                self.text += key_text
        self.poll_at = None if decision.poll_after is None else self.now + decision.poll_after

    def press(self, text: str, key: str = "", after: float = SCAN_GAP) -> None:
        self.wait(after)
        self.apply(self.classifier.feed(text, key), text, key)

    def wait(self, seconds: float) -> None:
        """Time passes; a timer the filter started fires on the way."""
        target = self.now + seconds
        while self.poll_at is not None and self.poll_at <= target:
            self.now = max(self.now, self.poll_at) + 0.0005
            self.apply(self.classifier.poll())
        self.now = target

    def type(self, text: str, gap: float) -> None:
        for ch in text:
            self.press(ch, after=gap)

    def enter(self, after: float = SCAN_GAP) -> None:
        self.press("\r", "Enter", after)


CARD = "2000000000015"


def test_a_scanner_burst_with_enter_is_a_scan_and_its_characters_are_taken_back() -> None:
    field = Field(WedgeScannerConfig(), text="Иванов")
    field.wait(2.0)
    field.type(CARD, SCAN_GAP)
    field.enter()
    assert field.scans == [CARD]
    assert field.text == "Иванов" and field.enters == 0


def test_slow_typing_of_the_same_digits_is_typing() -> None:
    field = Field(WedgeScannerConfig())
    field.type(CARD, HUMAN_GAP)
    field.enter(HUMAN_GAP)
    assert field.scans == [] and field.text == CARD and field.enters == 1


def test_a_short_fast_burst_is_typing() -> None:
    field = Field(WedgeScannerConfig(min_length=8))
    field.type("1234567", SCAN_GAP)
    field.enter()
    assert field.scans == [] and field.text == "1234567" and field.enters == 1


def test_a_scan_right_after_typing_takes_back_only_its_own_characters() -> None:
    field = Field(WedgeScannerConfig())
    field.type("+37529", HUMAN_GAP)
    field.wait(0.3)
    field.type(CARD, SCAN_GAP)
    field.enter()
    assert field.text == "+37529" and field.scans == [CARD]


@settings(deadline=None, max_examples=300)
@given(
    st.lists(
        st.tuples(
            st.text("0123456789abcdefghij", min_size=1, max_size=6),  # a run of fast keys (key rollover)...
            st.floats(0.041, 0.4),  # ...then a pause longer than the scanner gap
        ),
        min_size=1,
        max_size=12,
    ),
    st.floats(0.015, 0.039),
)
def test_fast_human_typing_is_never_taken_for_a_scan(runs: list[tuple[str, float]], fast: float) -> None:
    # Even a fast typist keeps under 40 ms for a few keys at most (here up to 6; a scan needs 8).
    field = Field(WedgeScannerConfig(min_length=8, max_gap_ms=40))
    typed = ""
    for run, pause in runs:
        field.press(run[0], after=pause)
        for ch in run[1:]:
            field.press(ch, after=fast)
        typed += run
    field.enter(fast)
    assert field.scans == [] and field.text == typed and field.enters == 1


def test_russian_and_belarusian_layouts_map_back_to_latin_keys_and_digits_stay() -> None:
    assert remap_layout("йцукен") == "qwerty"
    assert remap_layout("ФИС-123") == "ABC-123"
    assert remap_layout("ФІС-123") == "ABC-123"  # Belarusian І sits on B
    assert remap_layout("шў") == "io"  # Belarusian ў sits on O
    assert remap_layout("Ё№ё") == "~#`"
    assert remap_layout("2000000000015") == "2000000000015"
    assert remap_layout("Hello, 12") == "Hello, 12"


def test_a_scan_typed_on_a_russian_layout_comes_out_latin() -> None:
    field = Field(WedgeScannerConfig(min_length=6))
    field.type("ЗКЩЬЩ2026", SCAN_GAP)  # "PROMO2026" on the Russian layout, Shift held by the scanner
    field.enter()
    assert field.scans == ["PROMO2026"] and field.text == ""


def test_with_a_prefix_no_scanned_key_reaches_the_field() -> None:
    field = Field(WedgeScannerConfig(prefix="~"), text="8029")
    field.press("~", after=1.0)
    assert field.classifier.state is WedgeState.SCAN
    field.type(CARD, SCAN_GAP)
    field.enter()
    assert field.scans == [CARD] and field.text == "8029" and field.enters == 0


def test_the_prefix_is_recognised_on_a_russian_and_a_belarusian_layout() -> None:
    for prefix_typed, code_typed in (("Ё", "ФИС12345"), ("Ё", "ФІС12345")):
        field = Field(WedgeScannerConfig(prefix="~"))
        field.press(prefix_typed, after=1.0)
        field.type(code_typed, SCAN_GAP)
        field.enter()
        assert field.scans == ["ABC12345"] and field.text == ""


def test_a_multi_character_prefix_and_shift_presses_inside_the_scan() -> None:
    field = Field(WedgeScannerConfig(prefix="]Q"))
    field.press("]", after=1.0)
    field.press("", "Shift")
    field.press("Q")
    for ch in CARD:
        field.press("", "Shift")
        field.press(ch)
    field.enter()
    assert field.scans == [CARD] and field.text == ""


def test_a_prefix_character_typed_by_a_person_comes_back() -> None:
    field = Field(WedgeScannerConfig(prefix="~"))
    field.press("~", after=1.0)
    field.press("a", after=HUMAN_GAP)
    assert field.text == "~a" and field.scans == []


def test_a_lone_prefix_character_comes_back_when_the_timer_fires() -> None:
    field = Field(WedgeScannerConfig(prefix="~"))
    field.press("~", after=1.0)
    assert field.text == "" and field.poll_at is not None
    field.wait(0.2)
    assert field.text == "~" and field.classifier.state is WedgeState.IDLE


def test_a_partial_prefix_followed_by_another_key_comes_back_in_order() -> None:
    field = Field(WedgeScannerConfig(prefix="~~"))
    field.press("~", after=1.0)
    field.press("x")
    assert field.text == "~x"


def test_backspace_inside_a_prefixed_burst_gives_the_keys_back() -> None:
    field = Field(WedgeScannerConfig(prefix="~"))
    field.press("~", after=1.0)
    field.press("1")
    field.press("", "Backspace")
    assert field.text == "~1"


def test_a_prefixed_scan_too_short_is_typing_after_all() -> None:
    field = Field(WedgeScannerConfig(prefix="~", min_length=8))
    field.press("~", after=1.0)
    field.type("12", SCAN_GAP)
    field.enter()
    assert field.scans == [] and field.text == "~12" and field.enters == 1


def test_without_a_suffix_the_burst_ends_by_silence() -> None:
    field = Field(WedgeScannerConfig(suffix=WedgeSuffix.NONE), text="x")
    field.wait(1.0)
    field.type(CARD, SCAN_GAP)
    assert field.scans == []
    field.wait(0.1)
    assert field.scans == [CARD] and field.text == "x"


def test_without_a_suffix_a_new_key_after_the_gap_also_ends_the_burst() -> None:
    config = WedgeScannerConfig(suffix=WedgeSuffix.NONE)
    classifier = WedgeClassifier(config, clock=lambda: 0.0)
    for i, ch in enumerate(CARD):
        classifier.feed(ch, timestamp=1.0 + i * SCAN_GAP)
    decision = classifier.feed("a", timestamp=2.0)
    assert decision.scan == CARD and decision.retract == len(CARD) and not decision.swallow


def test_a_prefixed_scan_without_suffix_ends_by_silence() -> None:
    field = Field(WedgeScannerConfig(prefix="~", suffix=WedgeSuffix.NONE))
    field.press("~", after=1.0)
    field.type(CARD, SCAN_GAP)
    field.wait(0.1)
    assert field.scans == [CARD] and field.text == ""


def test_cancel_returns_swallowed_keys() -> None:
    classifier = WedgeClassifier(WedgeScannerConfig(prefix="~"), clock=lambda: 5.0)
    assert classifier.feed("~").swallow and classifier.feed("1").swallow
    assert classifier.cancel().replay == "~1"
    assert classifier.state is WedgeState.IDLE


@settings(deadline=None, max_examples=200)
@given(st.text("0123456789", min_size=8, max_size=40), st.floats(0.001, 0.035), st.text("абвгд 123", max_size=10))
def test_with_a_prefix_nothing_scanned_ever_leaks_into_the_field(code: str, gap: float, before: str) -> None:
    field = Field(WedgeScannerConfig(prefix="~", min_length=8, max_gap_ms=40), text=before)
    field.press("~", after=1.0)
    field.type(code, gap)
    field.enter(gap)
    assert field.scans == [code] and field.text == before and field.enters == 0
