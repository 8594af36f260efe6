"""The README says what the project is: its commands, names, paths and figures exist.

A README that names a target, a command, a function or a file that is gone sends a
newcomer the wrong way; these tests read it as that newcomer would.
"""

from __future__ import annotations

import re

import pytest

import lanzarote_analysis as la
from lanzarote_analysis.cli import COMMANDS
from lanzarote_analysis.io.paths import PROJECT_DIR
from lanzarote_analysis.output.registry import format_figure_table

README = PROJECT_DIR / "README.md"


@pytest.fixture(scope="module")
def readme() -> str:
    return README.read_text(encoding="utf-8")


def makefile_targets() -> set[str]:
    """The targets `make help` lists (those with a ``## description``)."""
    text = (PROJECT_DIR / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-zA-Z_-]+):[^\n]*## ", text, flags=re.MULTILINE))


def test_the_figure_table_is_the_registry(readme):
    assert format_figure_table() in readme, "update README.md with format_figure_table()"


def test_every_make_target_named_exists_and_the_two_commands_lead(readme):
    named = set(re.findall(r"\bmake ([a-z][a-z_-]*)", readme))
    assert named, "the README names no make target"
    assert named <= makefile_targets(), named - makefile_targets()
    # The two commands a fresh machine needs come first, in a code block.
    first_block = re.search(r"```console\n(.*?)```", readme, flags=re.DOTALL)[1]
    assert re.search(r"^make figures\b", first_block, flags=re.MULTILINE)
    assert re.search(r"^make test\b", first_block, flags=re.MULTILINE)


def test_every_command_shown_exists(readme):
    shown = set(re.findall(r"^\$? ?lanzarote-analysis ([a-z]+)", readme, flags=re.MULTILINE))
    assert shown, "the README shows no command"
    assert shown <= set(COMMANDS), shown - set(COMMANDS)


def test_every_la_name_exists(readme):
    names = set(re.findall(r"\bla\.([a-z_]+)\(", readme))
    assert names
    missing = sorted(name for name in names if not hasattr(la, name))
    assert not missing, missing


def test_every_repository_path_named_exists(readme):
    # Links and backquoted paths with a folder or an extension that names a file here.
    linked = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", readme)
    quoted = re.findall(r"`((?:[\w.-]+/)+[\w.-]*)`", readme)
    paths = {p.rstrip("/") for p in linked + quoted if not p.startswith(("/", "~", "."))}
    generated = ("dist", "report", "my-", "tables")  # written by the commands shown
    missing = sorted(
        p for p in paths if not p.startswith(generated) and not (PROJECT_DIR / p).exists()
    )
    assert not missing, missing


def test_the_layout_lists_every_subpackage(readme):
    layout = re.search(r"## Layout\n\n```\n(.*?)```", readme, flags=re.DOTALL)[1]
    subpackages = {
        init.parent.name + "/"
        for init in (PROJECT_DIR / "lanzarote_analysis").glob("*/__init__.py")
    }
    listed = set(re.findall(r"^\s+([a-z0-9_]+/)", layout, flags=re.MULTILINE))
    assert listed == subpackages
