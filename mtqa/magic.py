"""The ``%%mtqa`` cell magic: check the text typed in a cell and show the report.

>>> %load_ext mtqa                                   # doctest: +SKIP
>>> %%mtqa --no-fluency --select NC,ID               # doctest: +SKIP
... Aniken Heitfeldt met Annalena Barbock ...

Options are those of ``mtqa check``: ``--no-fluency``, ``--select``, ``--ignore``,
``--model``, ``--glossary``, and ``--id``.  Checkers are kept per set of options,
so the reference model loads once per notebook session.
"""

from __future__ import annotations

import argparse
import shlex
from typing import Any

from mtqa.api import Checker
from mtqa.loaders import document_from_text
from mtqa.report import Report

#: Checkers already built, by their options: the model loads once per session.
_CHECKERS: dict[tuple, Checker] = {}


class MagicUsageError(ValueError):
    """Bad options on the ``%%mtqa`` line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # no SystemExit inside a kernel
        raise MagicUsageError(f"%%mtqa: {message}\n{self.format_usage()}")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="%%mtqa", add_help=False, description="Check the cell's text with mtqa.")
    parser.add_argument("--no-fluency", dest="fluency", action="store_false", help="do not load the reference model")
    parser.add_argument("--select", action="append", default=[], help="codes, prefixes, names or families")
    parser.add_argument("--ignore", action="append", default=[], help="codes, prefixes, names or families")
    parser.add_argument("--model", default=None, help="the reference model (path or name)")
    parser.add_argument("--glossary", default=None, help="a glossary of canonical names (YAML or TSV)")
    parser.add_argument("--id", dest="doc_id", default="<cell>", help="the document id shown in the report")
    return parser


def _split(values: list[str]) -> list[str] | None:
    items = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return items or None


def check_cell(line: str, cell: str) -> Report:
    """What ``%%mtqa`` does, callable without IPython."""
    args = _parser().parse_args(shlex.split(line or ""))
    if not cell.strip():
        raise MagicUsageError("%%mtqa: the cell is empty; type or paste the text to check below the magic line")
    options: dict[str, Any] = {
        "select": _split(args.select),
        "ignore": _split(args.ignore),
        "fluency": args.fluency,
        "model": args.model,
        "glossary": args.glossary,
    }
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
