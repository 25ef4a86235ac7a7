"""The `till-loyalty` command's entry point (and `python -m app`'s).

The window commands make far more objects than they drop until the window has painted (PySide6's
bindings, the widgets): Python's cyclic garbage collections would walk them all, again and again,
for nothing. So the collector starts off, before the first import; the command line turns it back
on at once for any other command, and the window once it has painted (app/cli/main.py, app/gui.py).
"""
from __future__ import annotations

import gc


def main() -> int:
    """Run `till-loyalty` with the process's arguments; returns its exit code."""
    gc.disable()
    from app.cli.main import main as run_command

    return run_command()
