"""Output formats, one module each.  Every renderer reads a :class:`~mtqa.report.Report`
and returns text; ``render(report, color=...)`` is the whole interface.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from mtqa.report import Report

#: Format name -> module.  Add a format by adding a module with ``render()``.
RENDERERS = {
    "terminal": "mtqa.renderers.terminal",
    "json": "mtqa.renderers.json",
    "jsonl": "mtqa.renderers.jsonl",
    "html": "mtqa.renderers.html",
    "sarif": "mtqa.renderers.sarif",
    "junit": "mtqa.renderers.junit",
    "github": "mtqa.renderers.github",
    "markdown": "mtqa.renderers.markdown",
    "concise": "mtqa.renderers.concise",
    "statistics": "mtqa.renderers.statistics",
}


def get_renderer(name: str) -> ModuleType:
    try:
        return importlib.import_module(RENDERERS[name])
    except KeyError:
        raise ValueError(
            f"unknown format {name!r}: use one of {', '.join(RENDERERS)}"
        ) from None


def render(report: Report, fmt: str, **options) -> str:
    return get_renderer(fmt).render(report, **options)
