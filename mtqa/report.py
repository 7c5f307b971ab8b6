"""The result of a run: per-document findings, notes and scores, and load errors."""

from __future__ import annotations

import json
import operator
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, overload

from mtqa.align import alignment_of
from mtqa.loaders import DocumentError
from mtqa.model import Document, Finding, Severity, penalty_per_1000

SCHEMA_VERSION = 1


def _need(module: str):
    """Import an optional dependency of the notebook extra, or say how to get it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{module.split('.')[0]} is needed for this: pip install 'mtqa[notebook]'"
        ) from exc


#: Columns of ``to_pandas()``, also when there are no findings.
RECORD_COLUMNS = [
    "document", "code", "name", "family", "severity", "message", "start", "end", "line",
    "column", "text", "suggestion", "confidence", "sentence",
]
SENTENCE_COLUMNS = [
    "document", "sentence", "start", "end", "line", "text", "fluency", "slor", "nll", "tokens",
    "findings", "codes", "flagged",
]


def _summary(findings: list[Finding]) -> str:
    """``36 findings (3 error, 30 warning, 3 info)``: for a repr."""
    counts = Counter(f.severity for f in findings)
    by = ", ".join(f"{counts[s]} {s}" for s in sorted(counts, reverse=True))
    return f"{len(findings)} finding{'s' if len(findings) != 1 else ''}" + (f" ({by})" if by else "")


def _frame(records: list[dict[str, Any]], columns: list[str]):
    pd = _need("pandas")
    extra = [k for r in records for k in r if k not in columns]
    return pd.DataFrame.from_records(records, columns=columns + sorted(set(extra)))


@dataclass(repr=False)
class DocumentResult:
    """What mtqa found in one document."""

    document: Document
    findings: list[Finding] = field(default_factory=list)
    #: Checks skipped and why, and other remarks about the run on this document.
    notes: list[str] = field(default_factory=list)
    #: Scores measured on the document (fluency, reference metrics).
    scores: dict[str, Any] = field(default_factory=dict)
    #: Checks that could not run for lack of input (no source, reference or model):
    #: code -> why, as data (the notes above say the same in prose, for people).
    #: Not part of :meth:`to_dict` (the JSON report format); a results file
    #: (:class:`mtqa.results.ResultsFile`) stores it beside the result.
    skipped: dict[str, str] = field(default_factory=dict)
    #: The findings the article's own suppression markers dropped (filled by
    #: :func:`mtqa.gate.apply_suppressions`; not stored in :meth:`to_dict` nor in a
    #: results file).
    suppressed_findings: list[Finding] = field(default_factory=list, compare=False)

    @property
    def id(self) -> str:
        return self.document.id

    def __repr__(self) -> str:
        words = self.document.word_count
        return f"<DocumentResult {self.id!r}: {_summary(self.findings)}, {words} word{'s' if words != 1 else ''}>"

    def counts(self, by: str = "severity") -> Counter[str]:
        return Counter(str(getattr(f, by)) for f in self.findings)

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)

    def penalty(self) -> float:
        """MQM-style penalty points per 1,000 words (error 5, warning 1, untranslated 25)."""
        return penalty_per_1000(self.findings, self.document.word_count)

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
            # Source/translation alignment, for other tools to reuse (null without a source).
            "alignment": alignment.to_dict() if (alignment := alignment_of(doc)) is not None else None,
            "notes": list(self.notes),
        }

    # -- data out -----------------------------------------------------------
    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per finding, with its document id."""
        return [{"document": self.id, **f.to_dict()} for f in sorted(self.findings, key=Finding.sort_key)]

    def to_pandas(self):
        """The findings as a pandas DataFrame, one row each (``pip install 'mtqa[notebook]'``)."""
        return _frame(self.to_records(), RECORD_COLUMNS)

    def sentence_records(self) -> list[dict[str, Any]]:
        """One dict per sentence of the article (furniture excluded): its fluency scores
        (None when the reference model was off) and the findings that touch it."""
        doc = self.document
        scored = {
            (s["start"], s["end"]): s for s in self.scores.get("sentences") or () if isinstance(s, dict)
        }
        records = []
        for i, sentence in enumerate(doc.text_sentences(), 1):
            score = scored.get((sentence.start, sentence.end), {})
            touching = [
                f
                for f in sorted(self.findings, key=Finding.sort_key)
                if f.start < sentence.end and f.end > sentence.start
                or f.start == f.end and sentence.start <= f.start < sentence.end
            ]
            records.append(
                {
                    "document": self.id,
                    "sentence": i,
                    "start": sentence.start,
                    "end": sentence.end,
                    "line": doc.line_col(sentence.start)[0],
                    "text": doc.text[sentence.start : sentence.end],
                    "fluency": score.get("fluency"),
                    "slor": score.get("slor"),
                    "nll": score.get("nll"),
                    "tokens": score.get("tokens"),
                    "findings": len(touching),
                    "codes": ",".join(sorted({f.code for f in touching})),
                    "flagged": bool(touching),
                }
            )
        return records

    def sentences_frame(self):
        """Per-sentence scores as a pandas DataFrame (see :meth:`sentence_records`)."""
        return _frame(self.sentence_records(), SENTENCE_COLUMNS)

    def plot(self, ax=None):
        """A matplotlib figure: fluency per sentence, flagged sentences marked.

        Without fluency scores (reference model off) it shows findings per sentence.
        Draws on ``ax`` when given; returns the figure.
        """
        from mtqa.plots import plot_document

        return plot_document(self, ax)

    def _repr_html_(self) -> str:
        from mtqa.renderers.html import result_fragment

        return result_fragment(self, id_prefix=f"mtqa{id(self):x}")

    def __rich__(self):
        from mtqa.renderers.terminal import document_renderable

        return document_renderable(self)


@dataclass(repr=False)
class Report:
    """Everything a run produced.  Renderers and the CLI read only this.

    ``report[i]`` is the i-th document's result, ``report["a.txt"]`` the result
    of the document with that id, ``report[1:3]`` a list of results."""

    results: list[DocumentResult] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)
    signature: str = ""
    #: How many findings the articles' own suppression markers dropped: a count
    #: (``Checker.check``; the CLI counts them in its gate); the findings
    #: themselves are :attr:`suppressed_findings`.
    suppressed: int = 0

    # -- access -----------------------------------------------------------
    def __iter__(self) -> Iterator[DocumentResult]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    @overload
    def __getitem__(self, key: int | str) -> DocumentResult: ...

    @overload
    def __getitem__(self, key: slice) -> list[DocumentResult]: ...

    def __getitem__(self, key: int | str | slice) -> DocumentResult | list[DocumentResult]:
        """A result by position or document id; a slice gives a list of results."""
        if isinstance(key, str):
            for result in self.results:
                if result.id == key:
                    return result
            raise KeyError(key)
        if isinstance(key, slice):
            return self.results[key]
        try:
            index = operator.index(key)  # an int, or a numpy integer
        except TypeError:
            raise TypeError(
                "a report is indexed by a position (int), a document id (str) or a slice, "
                f"not {type(key).__name__}"
            ) from None
        return self.results[index]

    def __repr__(self) -> str:
        documents = len(self.results)
        text = f"<Report: {documents} document{'s' if documents != 1 else ''}, {_summary(self.findings)}"
        if self.suppressed:
            text += f", {self.suppressed} suppressed"
        if self.errors:
            first = self.errors[0].message
            first = first if len(first) <= 80 else first[:79] + "…"
            more = f" and {len(self.errors) - 1} more" if len(self.errors) > 1 else ""
            text += f"; {len(self.errors)} error{'s' if len(self.errors) != 1 else ''} ({first}{more})"
        return text + ">"

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    @property
    def suppressed_findings(self) -> list[Finding]:
        """The findings the articles' own suppression markers dropped, document by
        document (:attr:`DocumentResult.suppressed_findings`; :attr:`suppressed` counts them)."""
        return [f for r in self.results for f in r.suppressed_findings]

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

    def to_pandas(self):
        """The findings as a pandas DataFrame, one row each (``pip install 'mtqa[notebook]'``)."""
        return _frame(self.to_records(), RECORD_COLUMNS)

    def sentence_records(self) -> list[dict[str, Any]]:
        """One dict per sentence of every document, with its scores and findings."""
        return [row for r in self.results for row in r.sentence_records()]

    def sentences_frame(self):
        """Per-sentence scores of every document as a pandas DataFrame."""
        return _frame(self.sentence_records(), SENTENCE_COLUMNS)

    def plot(self, ax=None):
        """A matplotlib figure: for one document, fluency per sentence with the flagged
        sentences marked; for a corpus, findings per document by family."""
        from mtqa.plots import plot

        return plot(self, ax)

    def _repr_html_(self) -> str:
        from mtqa.renderers.html import report_fragment

        return report_fragment(self, id_prefix=f"mtqa{id(self):x}")

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
            "corpus": self.corpus_summary().to_dict(),
        }

    def corpus_summary(self):
        """Findings per family, the worst documents, the fluency distribution
        (:class:`mtqa.summary.CorpusSummary`)."""
        from mtqa.summary import CorpusSummary

        summary = CorpusSummary()
        failed = {e.id for e in self.errors}
        for result in self.results:
            summary.add(result, failed=result.id in failed)
        checked = {r.id for r in self.results}
        for error in self.errors:
            if error.id not in checked and error.id != "<corpus>":
                summary.add_unreadable()
        return summary

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def __rich__(self):
        from mtqa.renderers.terminal import report_renderable

        return report_renderable(self)
