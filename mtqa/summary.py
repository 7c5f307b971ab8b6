"""The corpus summary: findings per family, the worst documents, the fluency distribution.

Built one document at a time (:meth:`CorpusSummary.add`), keeping counts and a
short list of the worst documents, never the documents, so a corpus run of any
size can show it at the end.  With references, the corpus-level BLEU, chrF++
and TER are computed from each document's summed sacrebleu statistics, so they
equal sacrebleu's ``corpus_score`` over all the segments.
"""

from __future__ import annotations

import heapq
import statistics
from collections import Counter
from typing import TYPE_CHECKING, Any

from mtqa.model import Finding, Severity

if TYPE_CHECKING:
    from rich.console import Group

    from mtqa.checks.reference import ReferenceTotals
    from mtqa.report import DocumentResult

#: Documents listed as the worst.
WORST = 10
#: Fluency histogram bins: [0, 10), [10, 20), ... [90, 100].
BINS = 10


class CorpusSummary:
    def __init__(self) -> None:
        self.documents = 0
        self.failed = 0
        self.unreadable = 0
        self.words = 0
        self.findings = 0
        self.by_family: Counter[str] = Counter()
        self.by_severity: Counter[str] = Counter()
        self.by_code: Counter[str] = Counter()
        self.documents_with_errors = 0
        self.fluency: list[float] = []  # one float a document
        self._worst: list[tuple[float, int, str, str | None, int, int]] = []
        self.corpus_findings = 0
        self._reference: ReferenceTotals | None = None

    # -- adding -----------------------------------------------------------------
    def add(self, result: DocumentResult, failed: bool = False) -> None:
        self.documents += 1
        self.failed += bool(failed)
        self.words += result.document.word_count
        self._count(result.findings)
        if any(f.severity >= Severity.ERROR for f in result.findings):
            self.documents_with_errors += 1
        score = result.scores.get("fluency")
        if isinstance(score, (int, float)):
            self.fluency.append(float(score))
        points = result.penalty()
        errors = sum(1 for f in result.findings if f.severity >= Severity.ERROR)
        item = (points, -self.documents, result.id, result.document.path, errors, len(result.findings))
        if len(self._worst) < WORST:
            heapq.heappush(self._worst, item)
        elif item > self._worst[0]:
            heapq.heapreplace(self._worst, item)
        stats = result.scores.get("reference_stats")
        if stats:
            self._reference_add(stats)

    def add_unreadable(self) -> None:
        self.unreadable += 1

    def add_corpus_finding(self, finding: Finding) -> None:
        self.corpus_findings += 1
        self._count([finding])

    def _count(self, findings) -> None:
        for f in findings:
            self.findings += 1
            self.by_family[f.family] += 1
            self.by_severity[str(f.severity)] += 1
            self.by_code[f.code] += 1

    def _reference_add(self, stats: dict[str, Any]) -> None:
        from mtqa.checks.reference import ReferenceTotals

        if self._reference is None:
            self._reference = ReferenceTotals()
        self._reference.add(stats)

    # -- reading ----------------------------------------------------------------
    @property
    def worst(self) -> list[dict[str, Any]]:
        rows = sorted(self._worst, reverse=True)
        return [
            {"id": doc_id, "path": path, "penalty": points, "errors": errors, "findings": findings}
            for points, _, doc_id, path, errors, findings in rows
            if findings
        ]

    def fluency_distribution(self) -> dict[str, Any] | None:
        if not self.fluency:
            return None
        values = sorted(self.fluency)
        hist = [0] * BINS
        for v in values:
            hist[min(BINS - 1, max(0, int(v // (100 / BINS))))] += 1
        q = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
        return {
            "documents": len(values),
            "mean": round(statistics.fmean(values), 1),
            "min": round(values[0], 1),
            "p25": round(q[0], 1),
            "median": round(q[1], 1),
            "p75": round(q[2], 1),
            "max": round(values[-1], 1),
            "histogram": {f"{i * 100 // BINS}-{(i + 1) * 100 // BINS}": n for i, n in enumerate(hist)},
        }

    def reference(self) -> dict[str, Any] | None:
        return self._reference.result() if self._reference is not None else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "failed": self.failed,
            "unreadable": self.unreadable,
            "words": self.words,
            "findings": self.findings,
            "corpus_findings": self.corpus_findings,
            "documents_with_errors": self.documents_with_errors,
            "by_family": dict(sorted(self.by_family.items())),
            "by_severity": dict(sorted(self.by_severity.items())),
            "by_code": dict(sorted(self.by_code.items())),
            "worst_documents": self.worst,
            "fluency": self.fluency_distribution(),
            "reference": self.reference(),
        }

    def renderable(self) -> Group:
        """A Rich table of the summary (the CLI prints it at the end of a corpus run)."""
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        head = Text(
            f"corpus: {self.documents} document(s), {self.words:,} words, {self.findings} finding(s)"
            + (f", {self.failed} failed" if self.failed else "")
            + (f", {self.unreadable} unreadable" if self.unreadable else ""),
            style="bold",
        )
        parts: list[Any] = [head]
        if self.by_family:
            table = Table(title="findings per family", title_justify="left", box=None, pad_edge=False)
            table.add_column("family")
            table.add_column("findings", justify="right")
            table.add_column("per 1,000 words", justify="right")
            for family, n in self.by_family.most_common():
                table.add_row(family, str(n), f"{n * 1000 / max(self.words, 1):.2f}")
            parts.append(table)
        worst = self.worst
        if worst:
            table = Table(title="worst documents (penalty per 1,000 words)", title_justify="left", box=None, pad_edge=False)
            table.add_column("document")
            table.add_column("penalty", justify="right")
            table.add_column("errors", justify="right")
            table.add_column("findings", justify="right")
            for row in worst[:5]:
                table.add_row(row["id"], f"{row['penalty']:g}", str(row["errors"]), str(row["findings"]))
            parts.append(table)
        dist = self.fluency_distribution()
        if dist:
            bars = " ".join(f"{k}:{v}" for k, v in dist["histogram"].items() if v)
            parts.append(
                Text(
                    f"fluency: mean {dist['mean']:g}, median {dist['median']:g}, "
                    f"min {dist['min']:g}, max {dist['max']:g}  ({bars})"
                )
            )
        ref = self.reference()
        if ref:
            parts.append(
                Text(
                    f"reference (corpus, {ref.get('segments')} segments): BLEU {ref['bleu']:g}  "
                    f"chrF++ {ref['chrf']:g}  TER {ref['ter']:g}"
                )
            )
        return Group(*parts)
