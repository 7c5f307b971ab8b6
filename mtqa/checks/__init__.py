"""The registry of checks: one module per family, each exporting ``CHECKS``.

The registry is built on first use from the module list below (no mutable
class-level state): add a family by adding its module here.
"""

from __future__ import annotations

import importlib
import re
from functools import cache

from mtqa.checks.base import Check, CheckContext, CheckDoc, parse_doc

__all__ = ["Check", "CheckContext", "CheckDoc", "parse_doc", "all_checks", "get_check", "select_checks"]

_MODULES = (
    "mtqa.checks.boilerplate",
    "mtqa.checks.accuracy",
    "mtqa.checks.encoding",
    "mtqa.checks.fluency",
    "mtqa.checks.grammar",
    "mtqa.checks.idioms",
    "mtqa.checks.particles",
    "mtqa.checks.senses",
    "mtqa.checks.homographs",
    "mtqa.checks.input",
    "mtqa.checks.untranslated",
    "mtqa.checks.units",
    "mtqa.checks.names",
    "mtqa.checks.pronouns",
    "mtqa.checks.reference",
)


@cache
def _check_classes() -> tuple[type[Check], ...]:
    classes: list[type[Check]] = []
    seen: dict[str, str] = {}
    for module_name in _MODULES:
        module = importlib.import_module(module_name)
        for cls in module.CHECKS:
            for key in (cls.code, cls.name):
                if key in seen:
                    raise RuntimeError(f"check {key} defined twice ({seen[key]})")
                seen[key] = module_name
            classes.append(cls)
    return tuple(sorted(classes, key=lambda c: c.code))


def all_checks() -> list[Check]:
    """A fresh instance of every registered check, sorted by code."""
    return [cls() for cls in _check_classes()]


def get_check(key: str) -> Check:
    """A check by code (``BP001``) or name (``related-article-link``)."""
    wanted = key.strip()
    for cls in _check_classes():
        if wanted.upper() == cls.code or wanted.lower() == cls.name:
            return cls()
    raise KeyError(key)


def _matches(check: type[Check] | Check, selector: str) -> bool:
    s = selector.strip()
    if not s:
        return False
    if s.lower() == "all":
        return True
    if s.lower() in (check.family, check.name):
        return True
    # A code or a code prefix: "BP001", "BP", "BP00".
    return bool(re.fullmatch(r"[A-Za-z]+\d*", s)) and check.code.startswith(s.upper())


def known_selector(selector: str) -> bool:
    return any(_matches(cls, selector) for cls in _check_classes())


def select_checks(
    select: list[str] | None = None, ignore: list[str] | None = None
) -> list[Check]:
    """Checks chosen by ``select`` (default: all) minus ``ignore``.

    Selectors are codes (``BP001``), code prefixes (``BP``), check names or
    families (``boilerplate``).  An unknown selector raises ``ValueError``.
    """
    for selector in [*(select or []), *(ignore or [])]:
        if not known_selector(selector):
            raise ValueError(
                f"unknown check {selector!r}: run 'mtqa checks' to list codes, names and families"
            )
    chosen = []
    for check in all_checks():
        if select and not any(_matches(check, s) for s in select):
            continue
        if ignore and any(_matches(check, s) for s in ignore):
            continue
        chosen.append(check)
    return chosen
