"""What the CI renderers share: the checks to describe, findings in a stable order, end positions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from mtqa.model import Finding
from mtqa.report import DocumentResult, Report


def checks_for(codes: Iterable[str] | None = None) -> list:
    """The checks a run used (``codes``), else every registered check, sorted by code."""
    from mtqa.checks import all_checks

    checks = all_checks()
    if codes is not None:
        wanted = set(codes)
        checks = [c for c in checks if c.code in wanted]
    return checks


def sorted_results(report: Report) -> list[DocumentResult]:
    return sorted(report.results, key=lambda r: (r.document.path or "", r.id, r.document.record_line or 0))


def sorted_findings(result: DocumentResult) -> list[Finding]:
    return sorted(result.findings, key=lambda f: (*f.sort_key(), f.text, f.severity))


def iter_findings(report: Report) -> Iterator[tuple[DocumentResult, Finding]]:
    for result in sorted_results(report):
        for finding in sorted_findings(result):
            yield result, finding


def location_name(result: DocumentResult) -> str:
    """The file a finding is in (the document id when it has no file)."""
    doc = result.document
    if doc.path and doc.path != "-":
        return doc.path.replace("\\", "/")
    return doc.id


def end_position(result: DocumentResult, finding: Finding) -> tuple[int, int] | None:
    """1-based line and column just after the finding, where lines are the file's own."""
    doc = result.document
    if doc.record_line is not None:
        return doc.record_line, finding.column + (finding.end - finding.start)
    if doc.format == "html":
        if "\n" in finding.text:
            return None
        return finding.line, finding.column + (finding.end - finding.start)
    return doc.line_col(finding.end)
