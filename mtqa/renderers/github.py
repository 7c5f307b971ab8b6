"""``--format github``: GitHub Actions workflow commands, so findings appear on pull requests.

``::error file=F,line=L,col=C,endLine=L,endColumn=C,title=T::message`` per finding
(error, warning; info is ``notice``), escaped as GitHub's runner expects: in the
message ``%`` ``\\r`` ``\\n`` become ``%25`` ``%0D`` ``%0A``; in property values
``:`` and ``,`` also become ``%3A`` and ``%2C``.
"""

from __future__ import annotations

from mtqa.model import Severity
from mtqa.renderers._common import end_position, iter_findings, location_name
from mtqa.report import Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: object) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v is not None)
    return f"::{kind}{' ' + props if props else ''}::{escape_data(message)}"


def render(report: Report, **options) -> str:
    lines = []
    for result, f in iter_findings(report):
        end = end_position(result, f)
        message = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
        lines.append(
            command(
                COMMANDS[f.severity],
                message,
                file=location_name(result),
                line=max(1, f.line),
                col=max(1, f.column),
                endLine=end[0] if end and end[0] >= f.line else None,
                endColumn=end[1] if end and end[0] == f.line and end[1] >= f.column else None,
                title=f"mtqa {f.code} {f.name}",
            )
        )
    for error in sorted(report.errors, key=lambda e: (e.path or "", e.line or 0, e.id, e.message)):
        lines.append(
            command(
                "error",
                error.message,
                file=error.path if error.path and error.path != "-" else None,
                line=error.line,
                title="mtqa could not check this input",
            )
        )
    return "".join(line + "\n" for line in lines)
