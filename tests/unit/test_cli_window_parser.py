"""A `demo` or `run` command line is read without building the parser: the same arguments come out
as the whole parser gives, and whatever the reader does not take (help, a mistake, an abbreviation)
is answered by the whole parser."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli import main as cli
from app.cli.window_arguments import read_window_arguments

WINDOW_COMMAND_LINES = [
    ["demo"],
    ["--config", "/tmp/till.ini", "--exit-when-shown", "demo"],
    ["demo", "--service-kind", "retailcrm", "--language", "be"],
    ["--language", "en", "demo", "--language", "ru", "-v"],
    ["--db", "/tmp/till.sqlite", "run"],
    ["run", "--service", "http://127.0.0.1:8580/", "--verbose"],
    ["--config=/tmp/a.ini", "run", "--config=/tmp/b.ini", "--db="],
    ["demo", "--service-kind=soap", "--exit-when-shown"],
]


@pytest.mark.parametrize("argv", WINDOW_COMMAND_LINES, ids=" ".join)
def test_a_window_command_line_reads_as_the_whole_parser_parses_it(argv) -> None:
    read = read_window_arguments(argv)

    assert read is not None, "a plain window command line is read without the parser"
    assert vars(read) == vars(cli._parser().parse_args(argv))


# Words a window command line is made of, right and wrong, in any order: whatever the reader
# takes must be what the parser gives.
_WORDS = st.sampled_from(
    [
        "demo", "run", "queue", "extra", "--config", "--config=/tmp/x.ini", "/tmp/y.ini", "--db", "--db=/tmp/t.sqlite",
        "--service", "http://127.0.0.1:8580/", "ftp://example.org/", "--service=http://127.0.0.1:1/", "--language",
        "ru", "be", "xx", "--language=en", "-v", "--verbose", "--verbose=1", "--exit-when-shown", "--service-kind",
        "retailcrm", "soap", "--service-kind=xml", "--conf", "-h", "--",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=7))
def test_whatever_the_reader_takes_the_whole_parser_gives_alike(argv) -> None:
    read = read_window_arguments(argv)
    if read is None:
        return
    assert vars(read) == vars(cli._parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["demo", "--help"],
        ["run", "-h"],
        ["demo", "--he"],
        ["demo", "--service-kind", "xml"],
        ["run", "--service-kind", "soap"],
        ["--service-kind", "soap", "demo"],
        ["run", "--bogus"],
        ["demo", "--service", "ftp://example.org/"],
        ["run", "extra"],
        ["demo", "--language"],
        ["demo", "--language", "xx"],
        ["--verbose=yes", "run"],
    ],
    ids=" ".join,
)
def test_what_the_reader_does_not_take_is_answered_by_the_whole_parser(argv, capsys) -> None:
    assert read_window_arguments(argv) is None
    with pytest.raises(SystemExit) as whole_exit:
        cli._parser().parse_args(argv)
    whole_out = capsys.readouterr()

    with pytest.raises(SystemExit) as window_exit:
        cli._parse(argv)
    window_out = capsys.readouterr()

    assert window_exit.value.code == whole_exit.value.code
    assert (window_out.out, window_out.err) == (whole_out.out, whole_out.err)
    assert window_out.out or window_out.err


def test_an_abbreviated_option_is_left_to_the_parser_which_takes_it() -> None:
    argv = ["demo", "--service-k", "retailcrm", "--verb"]

    assert read_window_arguments(argv) is None
    assert cli._parse(argv).service_kind == "retailcrm"
    assert cli._parse(argv).verbose is True
