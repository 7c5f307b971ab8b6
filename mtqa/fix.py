"""Apply the suggestions that are safe to apply without a person: ``mtqa check --fix`` / ``--diff``.

Only three kinds of edit are made, and only to plain-text and Markdown files
whose text mtqa read exactly as it is on disk:

- **furniture** (family ``boilerplate``): the line(s) it occupies are removed,
  when the finding covers everything on them but white space (a related-article
  link inside a paragraph is left for a person);
- **mojibake** (``EN001``) that could be repaired: the repaired word;
- **a name's spelling** (``NC001``, ``NC003``) only where the Norwegian source
  or the user's glossary confirms the spelling (``extra.canonical_by``), never on
  the evidence of a word list alone.

Everything else (idioms, grammar, fluency, a name chosen by frequency) needs a
reader and is left as it is.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mtqa.model import Finding
from mtqa.report import DocumentResult

FIXABLE_FORMATS = ("text", "markdown")
CONFIRMED_BY = ("source", "glossary")


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str
    finding: Finding


def _whole_lines(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span widened to whole lines (with the line break after them), if
    nothing but white space shares those lines with it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end + 1
    if text[line_start:start].strip() or text[end:line_end].strip():
        return None
    return line_start, line_end


def edit_for(text: str, finding: Finding) -> Edit | None:
    """The safe edit for one finding, or None when it needs a person."""
    if finding.family == "boilerplate":
        span = _whole_lines(text, finding.start, finding.end)
        return Edit(span[0], span[1], "", finding) if span else None
    if not finding.suggestion or text[finding.start : finding.end] != finding.text:
        return None
    if finding.code == "EN001" and "cannot be repaired" not in finding.message:
        return Edit(finding.start, finding.end, finding.suggestion, finding)
    if finding.code in ("NC001", "NC003") and finding.extra.get("canonical_by") in CONFIRMED_BY:
        return Edit(finding.start, finding.end, finding.suggestion, finding)
    return None


def plan(result: DocumentResult, text: str) -> tuple[list[Edit], list[Finding]]:
    """The document's safe edits, in order, none overlapping another, and the
    findings they fix.  A finding whose text lies inside a removed line goes with
    the line, whether or not it had an edit of its own (an idiom in a headline the
    scraper repeated: the repeat is removed, the headline itself keeps its finding)."""
    from mtqa.gate.suppressions import suppressed_findings

    kept_as_asked = suppressed_findings(result)  # a marker in the article keeps its line
    edits = sorted(
        (e for f in result.findings if id(f) not in kept_as_asked and (e := edit_for(text, f)) is not None),
        key=lambda e: (e.start, -(e.end - e.start)),
    )
    kept: list[Edit] = []
    fixed: list[Finding] = []
    for edit in edits:
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
        fixed.append(edit.finding)
    removed = [(e.start, e.end) for e in kept if not e.replacement]
    done = {id(f) for f in fixed}
    for finding in result.findings:
        if id(finding) in done or finding.start == finding.end:
            continue  # (a finding of the whole document has no span to lose)
        if any(start <= finding.start and finding.end <= end for start, end in removed):
            fixed.append(finding)
            done.add(id(finding))
    return kept, fixed


def apply(text: str, edits: list[Edit]) -> str:
    out: list[str] = []
    at = 0
    for edit in edits:
        out.append(text[at : edit.start])
        out.append(edit.replacement)
        at = max(at, edit.end)
    out.append(text[at:])
    return "".join(out)


@dataclass
class FileFix:
    path: Path
    before: str
    after: str
    fixed: list[Finding]

    def write(self) -> None:
        """Replace the file with the fixed text, atomically (a temporary file beside
        it, then a rename); line ends written as they are in the text, the file's
        permissions kept, and a symbolic link's target written (the link stays)."""
        target = self.path.resolve()
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(self.after)
            os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))
            os.replace(tmp, target)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            raise

    def diff(self) -> str:
        """A unified diff, as ``diff -u`` and ``git apply`` read it."""
        name = self.path.as_posix()
        lines = []
        for line in difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=name,
            tofile=name,
        ):
            lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
        return "".join(lines)


def fix_result(result: DocumentResult) -> tuple[FileFix | None, str | None]:
    """The fix of one document's file, or why it cannot be fixed (None, reason);
    (None, None) when there is nothing safe to change."""
    doc = result.document
    if not doc.path or doc.path == "-" or doc.record_line is not None or doc.format not in FIXABLE_FORMATS:
        return None, None
    path = Path(doc.path)
    try:
        on_disk = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None, f"{path}: not fixed: it is not readable as UTF-8 text"
    if on_disk != doc.text:
        return None, f"{path}: not fixed: its text was normalised when read (line endings, a BOM, an encoding)"
    edits, fixed = plan(result, doc.text)
    if not edits:
        return None, None
    return FileFix(path, doc.text, apply(doc.text, edits), fixed), None
