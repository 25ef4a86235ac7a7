"""Run every benchmark module in this package, or only those named on the command line.

    python -m bench                      # all of them
    python -m bench soap_roundtrip -n 500
    python -m bench retailcrm_roundtrip -n 300
"""
from __future__ import annotations

import importlib
import pkgutil
import sys

import bench


def benchmark_names() -> list[str]:
    """The benchmark modules of this package, in name order."""
    return sorted(
        info.name for info in pkgutil.iter_modules(bench.__path__) if not info.name.startswith("_")
    )


def main(argv: list[str]) -> int:
    """Run the named benchmark (with the remaining arguments) or all of them (no arguments)."""
    names = benchmark_names()
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        print("benchmarks:", ", ".join(names))
        return 0
    if argv and not argv[0].startswith("-"):
        if argv[0] not in names:
            print(f"unknown benchmark {argv[0]!r}; known: {', '.join(names)}", file=sys.stderr)
            return 2
        selected, rest = [argv[0]], argv[1:]
    else:
        selected, rest = names, argv
    for name in selected:
        print(f"== {name} ==", flush=True)
        importlib.import_module(f"bench.{name}").main(rest)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
