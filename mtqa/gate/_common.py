"""What the parts of the gate share: how many offenders a summary lists, where a
finding is (for a summary line), and whether a finding matches a selector."""

from __future__ import annotations

from mtqa.model import Finding
from mtqa.report import DocumentResult

SHOWN = 10


def _matches(finding: Finding, selector: str) -> bool:
    from mtqa.checks import _matches as check_matches

    return check_matches(finding, selector)  # type: ignore[arg-type]  # Finding has the code/name/family it reads


def _where(result: DocumentResult, finding: Finding | None = None) -> str:
    doc = result.document
    name = doc.path or doc.id
    if doc.record_line is not None:
        name = f"{name}:{doc.record_line} ({doc.id})"
        return name
    return f"{name}:{finding.line}:{finding.column}" if finding is not None else name
