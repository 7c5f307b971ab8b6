"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Rule metadata and help come from the checks' docstrings (what ``mtqa explain``
prints); columns are Unicode code points (``columnKind: unicodeCodePoints``);
each result carries the baseline fingerprint as a partial fingerprint.  A region is
a place in the file: for a JSONL record, an HTML page or a translation file, whose
text is not the file's, it is the record's (or paragraph's) line only, or none, and
the message names the record or document and the flagged text.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from mtqa.model import Finding, Severity
from mtqa.renderers._common import (
    checks_for,
    end_position,
    file_line,
    iter_findings,
    located_message,
    location_name,
    text_is_file,
)
from mtqa.report import DocumentResult, Report

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def help_text(check) -> tuple[str, str]:
    """The check's documentation as plain text and as Markdown (as ``mtqa explain`` shows it)."""
    doc = check.doc
    text = [doc.summary]
    markdown = [f"**{check.code} {check.name}**: {doc.summary}"]
    if doc.body:
        text += ["", doc.body]
        markdown += ["", doc.body]
    for title, examples in (("Flags", doc.flags), ("Allows", doc.allows)):
        if examples:
            text += ["", f"{title}:"] + [f"  - {e}" for e in examples]
            markdown += ["", f"{title}:", ""] + [f"- `{e.replace('`', chr(39))}`" for e in examples]
    return "\n".join(text), "\n".join(markdown)


def rule(check) -> dict[str, Any]:
    text, markdown = help_text(check)
    return {
        "id": check.code,
        "name": check.name,
        "shortDescription": {"text": check.doc.summary},
        "fullDescription": {"text": check.doc.body or check.doc.summary},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[check.severity]},
        "properties": {
            "family": check.family,
            "requires": sorted(check.requires),
            "tags": [check.family],
        },
    }


def finding_region(result: DocumentResult, f: Finding) -> dict[str, Any] | None:
    """The finding's region of its file.  A text or Markdown file: line and column of
    the finding, with its text as snippet.  A document whose text is not the file's
    (a JSONL record, an HTML page, a translation file): only the line of the record
    or of the paragraph's or segment's start (columns there count from the start of
    the record's target or of the block, not of the file line), or no region where
    that line is unknown; the flagged text is then in the message."""
    if not text_is_file(result):
        line = file_line(result, f)
        return {"startLine": line} if line is not None and line >= 1 else None
    region: dict[str, Any] = {"startLine": max(1, f.line), "startColumn": max(1, f.column)}
    end = end_position(result, f)
    if end is not None:
        region["endLine"], region["endColumn"] = max(end[0], region["startLine"]), max(1, end[1])
        if region["endLine"] == region["startLine"] and region["endColumn"] < region["startColumn"]:
            region["endColumn"] = region["startColumn"]
    if f.text:
        region["snippet"] = {"text": f.text}
    return region


def to_sarif(report: Report, checks: list[str] | None = None) -> dict[str, Any]:
    from mtqa._version import __version__
    from mtqa.gate import document_key, fingerprint

    rules = [rule(c) for c in checks_for(checks)]
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for result, f in iter_findings(report):
        physical: dict[str, Any] = {"artifactLocation": {"uri": quote(location_name(result), safe="/:@")}}
        region = finding_region(result, f)
        if region is not None:
            physical["region"] = region
        item: dict[str, Any] = {
            "ruleId": f.code,
            "level": LEVELS[f.severity],
            "message": {"text": located_message(result, f)},
            "locations": [
                {
                    "physicalLocation": physical,
                    "logicalLocations": [{"name": result.id, "kind": "module"}],
                }
            ],
            "partialFingerprints": {"mtqa/v1": fingerprint(document_key(result.document), f)},
            "properties": {
                "family": f.family,
                "name": f.name,
                "confidence": round(float(f.confidence), 3),
                "document": result.id,
                **({"suggestion": f.suggestion} if f.suggestion else {}),
            },
        }
        if f.code in index:
            item["ruleIndex"] = index[f.code]
        results.append(item)
    notifications = [
        {
            "level": "error",
            "message": {"text": e.message},
            **(
                {
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": quote(e.path.replace("\\", "/"), safe="/:@")},
                                **({"region": {"startLine": e.line}} if e.line else {}),
                            }
                        }
                    ]
                }
                if e.path and e.path != "-"
                else {}
            ),
        }
        for e in sorted(report.errors, key=lambda e: (e.path or "", e.line or 0, e.id, e.message))
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "mtqa",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "invocations": [
            {"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}
        ],
        "results": results,
        "properties": {"signature": report.signature},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report, *, checks: list[str] | None = None, **options) -> str:
    return json.dumps(to_sarif(report, checks), ensure_ascii=False, indent=2) + "\n"
