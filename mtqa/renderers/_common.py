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
    if has_file(result):
        return (result.document.path or "").replace("\\", "/")
    return result.document.id


#: Loader formats whose document text is the file's own text (BOM removed), so that a
#: line and column in the text are a line and column in the file.
FILE_TEXT_FORMATS = frozenset({"text", "markdown"})


def text_is_file(result: DocumentResult) -> bool:
    """Whether positions in the document's text are positions in its file: a text or
    Markdown file, not a JSONL record's ``target``, an HTML page's extracted text or a
    translation file's segments (their columns are target- or block-relative)."""
    doc = result.document
    return doc.record_line is None and doc.format in FILE_TEXT_FORMATS


def file_line(result: DocumentResult, finding: Finding) -> int | None:
    """The 1-based line of the file a finding is on, for a document whose text is not the
    file's: the record's line (JSONL), else the line where the finding's paragraph or
    segment starts in the file (HTML, XLIFF, TMX, TSV); None where the loader did not find
    it or there is no file (standard input)."""
    doc = result.document
    if not has_file(result):
        return None
    if doc.record_line is not None:
        return doc.record_line
    block = doc.block_at(finding.start)
    return block.source_line if block is not None else None


def message_text(finding: Finding) -> str:
    """The finding's message, then its suggestion as a sentence of its own:
    ``... is in no word list. Suggestion: Huitfeldt``."""
    if not finding.suggestion:
        return finding.message
    message = finding.message.rstrip()
    if message and not message.endswith((".", "!", "?", "…")):
        message += "."
    return f"{message} Suggestion: {finding.suggestion}"


def located_message(result: DocumentResult, finding: Finding) -> str:
    """:func:`message_text`, and where the file's line and column cannot say it, the
    record or document and the flagged text: ``... (record a: “Heitfeldt”)``."""
    message = message_text(finding)
    if text_is_file(result):
        return message
    where = f"{'record' if result.document.record_line is not None else 'document'} {result.id}"
    text = " ".join(finding.text.split())
    if len(text) > 80:
        text = text[:79] + "…"
    return f"{message} ({where}{f': “{text}”' if text else ''})"


def has_file(result: DocumentResult) -> bool:
    """Whether the document was read from a file (not standard input or a string)."""
    return bool(result.document.path) and result.document.path != "-"


def end_position(result: DocumentResult, finding: Finding) -> tuple[int, int] | None:
    """1-based line and column just after the finding in its file; None where the
    document's text is not the file's (:func:`text_is_file`)."""
    if not text_is_file(result):
        return None
    return result.document.line_col(finding.end)
