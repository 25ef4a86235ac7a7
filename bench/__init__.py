"""Benchmarks, run with `python -m bench` (all of them) or `python -m bench <name> ...`.

Each module here is one benchmark exposing `main(argv: list[str]) -> None`; it prints its
figures and asserts nothing.
"""
