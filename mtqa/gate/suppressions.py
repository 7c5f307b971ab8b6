"""Suppressed findings: a JSONL record's ``"mtqa": {"ignore": [...]}`` (the whole
record) and an inline ``<!-- mtqa: ignore NC001 -->`` marker in a Markdown, text
or HTML article (the next block; ``ignore-next-line`` and a trailing
``ignore-line`` cover one line).  Selectors are codes, code prefixes, check names,
families or ``all``.  A suppression that suppressed nothing is reported: a note on
the document and a line in the gate summary (it does not fail the gate).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mtqa.gate._common import _matches, _where
from mtqa.model import Document, Finding
from mtqa.report import Report

MARKER_RE = re.compile(r"<!--\s*mtqa:\s*ignore(?![-\w])([^>]*?)-->", re.IGNORECASE)
_MARKER_LINE = re.compile(r"^[ \t]*<!--\s*mtqa:\s*ignore(?![-\w])([^>]*?)-->[ \t]*$", re.IGNORECASE | re.MULTILINE)
#: ``<!-- mtqa: ignore-next-line SEL -->`` on its own line: the next line that has text.
_NEXT_LINE = re.compile(r"^[ \t]*<!--\s*mtqa:\s*ignore-next-line(?![-\w])([^>]*?)-->[ \t]*$",
                        re.IGNORECASE | re.MULTILINE)
#: ``text <!-- mtqa: ignore-line SEL -->`` at the end of a line of text: that line
#: (searched only in lines that hold "mtqa:", from the marker's start: linear time).
_TRAILING = re.compile(r"<!--\s*mtqa:\s*ignore(?:-line)?(?![-\w])([^>\n]*?)-->[ \t]*\r?$",
                       re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Marker:
    """An inline ``<!-- mtqa: ignore ... -->``: its selectors, what it covers (a block,
    or with ``covers_line`` one line of the file), and the line it is on."""

    selectors: tuple[str, ...]
    block: int | None
    line: int
    covers_line: int | None = None
    form: str = "ignore"

    def covers(self, finding: Finding, block: int | None) -> bool:
        if self.covers_line is not None:
            return finding.line == self.covers_line
        return self.block is not None and self.block == block


def parse_selectors(text: str) -> tuple[str, ...]:
    return tuple(s for s in re.split(r"[\s,]+", text.strip()) if s)


def inline_markers(doc: Document) -> list[Marker]:
    """The inline markers of a document.

    HTML loaders record them in ``doc.meta["mtqa_inline"]`` (the comment is not
    in the extracted text); in Markdown and text articles they are comment lines
    of ``doc.text`` itself, which segmentation skips.
    """
    if "mtqa_inline" in doc.meta:
        return [
            Marker(tuple(m["selectors"]), m.get("block"), int(m.get("line") or 0))
            for m in doc.meta["mtqa_inline"]
        ]
    markers = []
    m: re.Match[str] | None
    for m in _MARKER_LINE.finditer(doc.text):
        block = next(
            (i for i, b in enumerate(doc.blocks) if b.start >= m.end()), None
        )
        markers.append(Marker(parse_selectors(m.group(1)), block, doc.line_col(m.start())[0]))
    for m in _NEXT_LINE.finditer(doc.text):
        line = doc.line_col(m.start())[0]
        following = re.search(r"\S", doc.text[m.end() :])
        target = doc.line_col(m.end() + following.start())[0] if following else None
        markers.append(Marker(parse_selectors(m.group(1)), None, line, target or -1, "ignore-next-line"))
    at = doc.text.find("mtqa:")
    while at >= 0:
        opening = doc.text.rfind("<!--", max(0, at - 40), at)
        m = _TRAILING.match(doc.text, opening) if opening >= 0 else None
        line_start = doc.text.rfind("\n", 0, max(opening, 0)) + 1
        if m and doc.text[line_start:opening].strip():  # text before it on its line
            line = doc.line_col(opening)[0]
            markers.append(Marker(parse_selectors(m.group(1)), None, line, line, "ignore-line"))
        at = doc.text.find("mtqa:", at + 5)
    return markers


def record_ignores(doc: Document) -> tuple[str, ...]:
    """A JSONL record's ``"mtqa": {"ignore": [...]}`` selectors."""
    meta = doc.meta.get("mtqa")
    if not isinstance(meta, dict):
        return ()
    ignore = meta.get("ignore", ())
    if isinstance(ignore, str):
        return parse_selectors(ignore)
    return tuple(str(s) for s in ignore) if isinstance(ignore, list) else ()


def _verdicts(doc, findings, record, markers):
    """Each finding with the record selectors and the inline markers that suppress it (their indices)."""
    for f in findings:
        selectors = [i for i, selector in enumerate(record) if _matches(f, selector)]
        block = next(
            (i for i, b in enumerate(doc.blocks) if b.start <= f.start < b.end or b.start == f.start == b.end),
            None,
        )
        covering = [
            i for i, marker in enumerate(markers)
            if marker.covers(f, block) and any(_matches(f, s) for s in marker.selectors)
        ]
        yield f, selectors, covering


def suppressed_findings(result) -> set[int]:
    """The ids of the findings of ``result`` that its document suppresses (``--fix``
    leaves what the article asked to keep as it is)."""
    doc = result.document
    record, markers = record_ignores(doc), inline_markers(doc)
    if not record and not markers:
        return set()
    return {id(f) for f, selectors, covering in _verdicts(doc, result.findings, record, markers) if selectors or covering}


def apply_suppressions(report: Report) -> tuple[int, list[str]]:
    """Drop suppressed findings (each kept in its result's ``suppressed_findings``);
    (how many, the suppressions that suppressed nothing)."""
    suppressed = 0
    unused: list[str] = []
    for result in report.results:
        doc = result.document
        record = record_ignores(doc)
        markers = inline_markers(doc)
        if not record and not markers:
            continue
        used_record = [False] * len(record)
        used_marker = [False] * len(markers)
        keep = []
        for f, selectors, covering in _verdicts(doc, result.findings, record, markers):
            for i in selectors:
                used_record[i] = True
            for i in covering:
                used_marker[i] = True
            if selectors or covering:
                suppressed += 1
                result.suppressed_findings.append(f)
            else:
                keep.append(f)
        result.findings = keep
        for selector, used in zip(record, used_record):
            if not used:
                text = f'"mtqa": {{"ignore": [{selector!r}]}} suppressed nothing'
                result.notes.append(text)
                unused.append(f"{_where(result)}: {text}")
        for marker, used in zip(markers, used_marker):
            if not used:
                text = f"<!-- mtqa: {marker.form} {' '.join(marker.selectors)} --> (line {marker.line}) suppressed nothing"
                result.notes.append(text)
                unused.append(f"{doc.path or doc.id}:{marker.line}: {text}")
    return suppressed, unused
