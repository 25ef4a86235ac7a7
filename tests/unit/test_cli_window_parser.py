"""`demo` and `run` are parsed without building the whole command line: the same arguments come out,
and whatever that parser does not take (help, a mistake) is answered by the whole parser."""
from __future__ import annotations

import argparse

import pytest

from app.cli import main as cli

WINDOW_COMMAND_LINES = [
    ["demo"],
    ["--config", "/tmp/till.ini", "--exit-when-shown", "demo"],
    ["demo", "--service-kind", "retailcrm", "--language", "be"],
    ["--language", "en", "demo", "--language", "ru", "-v"],
    ["--db", "/tmp/till.sqlite", "run"],
    ["run", "--service", "http://127.0.0.1:8580/", "--verb"],
    ["demo", "--service-k", "retailcrm"],
]


@pytest.mark.parametrize("argv", WINDOW_COMMAND_LINES, ids=" ".join)
def test_a_window_command_parses_as_the_whole_parser_parses_it(argv, monkeypatch) -> None:
    whole = vars(cli._parser().parse_args(argv))
    built: list[str | None] = []
    real_parser = cli._parser
    monkeypatch.setattr(cli, "_parser", lambda only=None: built.append(only) or real_parser(only))

    assert vars(cli._parse(argv)) == whole
    assert built == [argv[cli._first_word(argv)]], "only the command's own parser was built"


@pytest.mark.parametrize(
    "argv",
    [
        ["demo", "--help"],
        ["run", "-h"],
        ["demo", "--he"],
        ["demo", "--service-kind", "xml"],
        ["run", "--bogus"],
        ["demo", "--service", "ftp://example.org/"],
        ["run", "extra"],
    ],
    ids=" ".join,
)
def test_what_the_window_parser_does_not_take_is_answered_by_the_whole_parser(argv, capsys) -> None:
    with pytest.raises(SystemExit) as whole_exit:
        cli._parser().parse_args(argv)
    whole_out = capsys.readouterr()

    with pytest.raises(SystemExit) as window_exit:
        cli._parse(argv)
    window_out = capsys.readouterr()

    assert window_exit.value.code == whole_exit.value.code
    assert (window_out.out, window_out.err) == (whole_out.out, whole_out.err)
    assert window_out.out or window_out.err


def test_the_window_parser_alone_has_no_other_commands_nor_help() -> None:
    parser = cli._parser(only="demo")
    for argv in (["queue", "status"], ["run"], ["demo", "--help"]):
        with pytest.raises(cli._NotUnderstood):
            parser.parse_args(argv)
    assert not any(isinstance(action, argparse._HelpAction) for action in parser._actions)
