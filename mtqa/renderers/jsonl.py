"""JSON Lines: one record a line, for corpus runs and pipelines.

Every line is a JSON object with a ``type``:

- ``document``: a document's result, the same object as one entry of the JSON
  report's ``documents`` (schema 1);
- ``error``: an input that could not be read, or a check that failed on a document;
- ``corpus-finding``: a finding made across documents (the names of one person
  spelled differently in different articles) with the ``id``/``path`` of the
  document it belongs to;
- ``summary``: the corpus summary (:class:`mtqa.summary.CorpusSummary`), last.

``mtqa check --format jsonl`` writes the lines as each document is done
(flushed), so memory stays flat however big the corpus is; this module's
:func:`render` gives the same lines for a finished report.
"""

from __future__ import annotations

import json
from typing import Any

from mtqa.loaders import DocumentError
from mtqa.model import Finding
from mtqa.report import DocumentResult, Report


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def document_line(result: DocumentResult) -> str:
    return _line({"type": "document", **result.to_dict()})


def error_line(error: DocumentError) -> str:
    return _line({"type": "error", **error.to_dict()})


def corpus_finding_line(doc_id: str, path: str | None, finding: Finding) -> str:
    return _line({"type": "corpus-finding", "id": doc_id, "path": path, "finding": finding.to_dict()})


def summary_line(summary) -> str:
    return _line({"type": "summary", **summary.to_dict()})


def render(report: Report, **options: Any) -> str:
    lines = [document_line(r) for r in report.results]
    lines.extend(error_line(e) for e in report.errors)
    lines.append(summary_line(report.corpus_summary()))
    return "".join(lines)
