"""The result of a run: per-document findings, notes and scores, and load errors."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from mtqa.loaders import DocumentError
from mtqa.model import Document, Finding, Severity

SCHEMA_VERSION = 1


@dataclass
class DocumentResult:
    """What mtqa found in one document."""

    document: Document
    findings: list[Finding] = field(default_factory=list)
    #: Checks skipped and why, and other remarks about the run on this document.
    notes: list[str] = field(default_factory=list)
    #: Scores measured on the document (fluency, reference metrics).
    scores: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.document.id

    def counts(self, by: str = "severity") -> Counter[str]:
        return Counter(str(getattr(f, by)) for f in self.findings)

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        return {
            "id": doc.id,
            "path": doc.path,
            "format": doc.format,
            "title": doc.title,
            "record_line": doc.record_line,
            "stats": {
                "words": doc.word_count,
                "sentences": len(doc.text_sentences()),
                "blocks": len(doc.blocks),
                "furniture_blocks": sum(1 for b in doc.blocks if not b.is_text),
            },
            "counts": {
                "severity": dict(sorted(self.counts("severity").items())),
                "family": dict(sorted(self.counts("family").items())),
            },
            "findings": [f.to_dict() for f in sorted(self.findings, key=Finding.sort_key)],
            "scores": dict(sorted(self.scores.items())),
            "notes": list(self.notes),
        }

    def __rich__(self):
        from mtqa.renderers.terminal import document_renderable

        return document_renderable(self)


@dataclass
class Report:
    """Everything a run produced.  Renderers and the CLI read only this."""

    results: list[DocumentResult] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)
    signature: str = ""

    # -- access -----------------------------------------------------------
    def __iter__(self) -> Iterator[DocumentResult]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def __getitem__(self, key: int | str) -> DocumentResult:
        if isinstance(key, int):
            return self.results[key]
        for result in self.results:
            if result.id == key:
                return result
        raise KeyError(key)

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    def counts(self, by: str = "severity") -> Counter[str]:
        return Counter(str(getattr(f, by)) for f in self.findings)

    # -- the gate -----------------------------------------------------------
    def exit_code(self, fail_on: Severity | str = Severity.ERROR) -> int:
        """0 clean, 1 findings at or above ``fail_on``, 2 a document could not be checked."""
        if self.errors:
            return 2
        level = Severity.parse(fail_on)
        return 1 if any(f.severity >= level for f in self.findings) else 0

    # -- data out -----------------------------------------------------------
    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per finding, with its document id: for pandas and friends."""
        return [
            {"document": r.id, **f.to_dict()}
            for r in self.results
            for f in sorted(r.findings, key=Finding.sort_key)
        ]

    def to_dict(self) -> dict[str, Any]:
        from mtqa._version import __version__

        return {
            "schema": SCHEMA_VERSION,
            "mtqa_version": __version__,
            "signature": self.signature,
            "documents": [r.to_dict() for r in self.results],
            "errors": [e.to_dict() for e in self.errors],
            "summary": {
                "documents": len(self.results),
                "errors": len(self.errors),
                "findings": len(self.findings),
                "severity": dict(sorted(self.counts("severity").items())),
                "family": dict(sorted(self.counts("family").items())),
            },
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def __rich__(self):
        from mtqa.renderers.terminal import report_renderable

        return report_renderable(self)
