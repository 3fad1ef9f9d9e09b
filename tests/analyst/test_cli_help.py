"""`corpus --version`, and `--help` that describes every command with an example."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from pipelines.cli import build_parser, main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    assert exit_.value.code == 0
    return capsys.readouterr().out


def test_version(capsys) -> None:
    out = run(capsys, "--version")
    assert out.split()[:2] == ["corpus-lake", version("corpus-lake")]


def commands() -> list[str]:
    parser = build_parser()
    return list(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


@pytest.mark.parametrize("command", commands())
def test_every_command_has_a_description_and_an_example(command: str, capsys) -> None:
    out = run(capsys, command, "--help")
    description = out.split("\n\n")[1]
    assert not description.startswith(("positional", "options")), out
    example = out.split("example:\n", 1)[1].strip()
    assert example.startswith(f"corpus {command}")
    assert f"  corpus {command}" in run(capsys, "--help")
