"""``--format github``: GitHub Actions workflow commands, so findings appear on pull requests.

``::error file=F,line=L,col=C,endLine=L,endColumn=C,title=T::message`` per finding
(error, warning; info is ``notice``), escaped as GitHub's runner expects: in the
message ``%`` ``\\r`` ``\\n`` become ``%25`` ``%0D`` ``%0A``; in property values
``:`` and ``,`` also become ``%3A`` and ``%2C``.  For a JSONL record, an HTML page
or a translation file, whose text is not the file's, ``line`` is the record's (or the
paragraph's) line in the file, or absent, ``col`` is left out, and the message names
the record or document and the flagged text.
"""

from __future__ import annotations

from mtqa.model import Severity
from mtqa.renderers._common import (
    end_position,
    file_line,
    has_file,
    iter_findings,
    located_message,
    location_name,
    text_is_file,
)
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
        title = f"mtqa {f.code} {f.name}"
        if not text_is_file(result):
            # a JSONL record, an HTML page, a translation file: its columns are not the file's
            line = file_line(result, f)
            lines.append(
                command(
                    COMMANDS[f.severity],
                    located_message(result, f),
                    file=location_name(result) if has_file(result) else None,
                    line=line if line is not None and line >= 1 else None,
                    title=title,
                )
            )
            continue
        end = end_position(result, f)
        lines.append(
            command(
                COMMANDS[f.severity],
                located_message(result, f),
                file=location_name(result),
                line=max(1, f.line),
                col=max(1, f.column),
                endLine=end[0] if end and end[0] >= f.line else None,
                endColumn=end[1] if end and end[0] == f.line and end[1] >= f.column else None,
                title=title,
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
