"""``--format concise``: one line a finding, as compilers and linters write them.

``path:line:col: CODE [severity] message (suggestion: ...)``, sorted by file and
position, then one line per input that could not be checked; editors and
``grep`` read it as they read ruff's or gcc's output.
"""

from __future__ import annotations

from mtqa.renderers._common import iter_findings, location_name
from mtqa.report import DocumentResult, Report


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _name(result: DocumentResult) -> str:
    """The file a finding is in: ``-`` for a JSONL record read from standard input, as a
    record of a file is named by its file (the loader gives such a record no path)."""
    doc = result.document
    if doc.record_line is not None and doc.path in (None, "-"):
        return "-"
    return location_name(result)


def render(report: Report, **options) -> str:
    lines = []
    for result, f in iter_findings(report):
        where = f"{_name(result)}:{max(1, f.line)}:{max(1, f.column)}"
        text = f"{where}: {f.code} [{f.severity}] {_one_line(f.message)}"
        if f.suggestion:
            text += f" (suggestion: {_one_line(f.suggestion)})"
        lines.append(text)
    for error in sorted(report.errors, key=lambda e: (e.path or "", e.line or 0, e.id, e.message)):
        # an input of standard input has no path: its records are "-:LINE", as a file's are "FILE:LINE"
        where = error.path or ("-" if error.line else error.id)
        if error.line:
            where += f":{error.line}"
        lines.append(f"{where}: error: {_one_line(error.message)}")
    return "".join(line + "\n" for line in lines)
