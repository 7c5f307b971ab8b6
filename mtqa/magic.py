"""The ``%%mtqa`` cell magic: check the text typed in a cell and show the report.

>>> %load_ext mtqa                                   # doctest: +SKIP
>>> %%mtqa --no-fluency --select NC,ID               # doctest: +SKIP
... Aniken Heitfeldt met Annalena Barbock ...

Options are those of ``mtqa check`` that the table of settings
(:mod:`mtqa.settings`) marks for the magic, with the same help:
``--fluency/--no-fluency``, ``--select``, ``--ignore``, ``--model`` and
``--glossary``; and ``--id``, the document id shown in the report.  Checkers are
kept per set of options, so the reference model loads once per notebook session.
"""

from __future__ import annotations

import argparse
import shlex
from typing import Any

from mtqa.api import Checker
from mtqa.loaders import document_from_text
from mtqa.report import Report
from mtqa.settings import Setting, magic_settings

#: Checkers already built, by their options: the model loads once per session.
_CHECKERS: dict[tuple, Checker] = {}


class MagicUsageError(ValueError):
    """Bad options on the ``%%mtqa`` line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # no SystemExit inside a kernel
        raise MagicUsageError(f"%%mtqa: {message}\n{self.format_usage()}")


def _dest(setting: Setting) -> str:
    return setting.key.replace("-", "_")


def _add_setting(parser: argparse.ArgumentParser, setting: Setting) -> None:
    """The option of ``setting``, with its flags and help from the table of settings."""
    names = [name for name in setting.option_names if name.startswith("--")]
    kwargs: dict[str, Any] = {"dest": _dest(setting), "default": None, "help": setting.help.replace("%", "%%")}
    if setting.is_flag:
        # --X/--no-X: argparse makes the --no-X itself; None: not given
        names = names[:1]
        kwargs["action"] = argparse.BooleanOptionalAction
    elif setting.multiple:
        kwargs["action"] = "append"
    if setting.choices is not None:
        kwargs["choices"] = setting.choices()
    parser.add_argument(*names, **kwargs)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="%%mtqa", add_help=False, description="Check the cell's text with mtqa.")
    for setting in magic_settings():
        _add_setting(parser, setting)
    parser.add_argument("--id", dest="doc_id", default="<cell>", help="The document id shown in the report.")
    return parser


def _split(values: list[str]) -> list[str] | None:
    items = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return items or None


def _checker_options(args: argparse.Namespace) -> dict[str, Any]:
    """The :class:`Checker` arguments of the magic's settings (the table's defaults where not given)."""
    options: dict[str, Any] = {}
    for setting in magic_settings():
        value = getattr(args, _dest(setting))
        if setting.multiple and value is not None:
            value = _split(value)
        if value is None:
            value = setting.default
        elif setting.parse(value) is None:
            raise MagicUsageError(f"%%mtqa: {setting.option_names[0]} must be {setting.expected}, not {value!r}")
        assert setting.checker is not None and "." not in setting.checker, setting.key  # a Checker argument
        options[setting.checker] = value
    return options


def check_cell(line: str, cell: str) -> Report:
    """What ``%%mtqa`` does, callable without IPython."""
    args = _parser().parse_args(shlex.split(line or ""))
    if not cell.strip():
        raise MagicUsageError("%%mtqa: the cell is empty; type or paste the text to check below the magic line")
    options = _checker_options(args)
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))
    checker = _CHECKERS.get(key)
    if checker is None:
        checker = _CHECKERS[key] = Checker(**options)
    return checker.check(document_from_text(cell, doc_id=args.doc_id))


def load_ipython_extension(ipython) -> None:
    """``%load_ext mtqa``: register the ``%%mtqa`` cell magic."""
    from IPython.core.error import UsageError

    def mtqa(line: str, cell: str):
        try:
            return check_cell(line, cell)
        except MagicUsageError as exc:
            raise UsageError(str(exc)) from None

    mtqa.__doc__ = _parser().format_help() + "\n" + (__doc__ or "")
    ipython.register_magic_function(mtqa, magic_kind="cell", magic_name="mtqa")
