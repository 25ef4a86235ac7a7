"""Imported by tests/gui/test_startup_steps.py: notes the thread that imports it."""
import sys

sys.modules["tests.gui._startup_probe_hook"].record()  # type: ignore[attr-defined]
