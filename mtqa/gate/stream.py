"""The gate as a whole: :class:`StreamingGate` applies it one document at a time
(a corpus run streams them), :func:`run_gate` over a finished report.
"""

from __future__ import annotations

import os

from mtqa.gate._common import SHOWN
from mtqa.gate.baseline import Baseline, _BaselineMatcher, _BaselineWriter
from mtqa.gate.overrides import apply_overrides
from mtqa.gate.suppressions import apply_suppressions
from mtqa.gate.thresholds import GateResult, Thresholds, _ThresholdCounter
from mtqa.model import Finding
from mtqa.report import DocumentResult, Report


class StreamingGate:
    """The gate applied one document at a time, as a corpus run produces them.

    :meth:`add` applies overrides, suppressions and the baseline to a result
    (in place, before it is written anywhere) and counts it; :meth:`finish`
    evaluates the thresholds.  :func:`run_gate` is this over a whole report.
    """

    def __init__(
        self,
        thresholds: Thresholds | None = None,
        *,
        overrides=(),
        baseline: Baseline | None = None,
        write_baseline: str | os.PathLike | None = None,
        keep_penalties: bool = True,
    ) -> None:
        """``keep_penalties=False``: no per-document penalty table in the result
        (a corpus stream keeps nothing per document)."""
        self.thresholds = thresholds or Thresholds()
        self.overrides = overrides
        self.writer = _BaselineWriter(write_baseline) if write_baseline is not None else None
        # a baseline written by this run covers every finding of this run
        self.matcher = _BaselineMatcher(baseline) if baseline is not None and self.writer is None else None
        self.counter = _ThresholdCounter(self.thresholds, keep_penalties)
        self.overridden = 0
        self.suppressed = 0
        self.unused: list[str] = []
        self.written_matched = 0

    def add(self, result: DocumentResult) -> DocumentResult:
        one = Report(results=[result])
        self.overridden += apply_overrides(one, self.overrides)
        suppressed, unused = apply_suppressions(one)
        self.suppressed += suppressed
        self.unused.extend(unused)
        if self.writer is not None:
            self.writer.add(result)
            if result.findings:
                self.written_matched += len(result.findings)
                result.notes.append(f"{len(result.findings)} finding(s) in the baseline, not shown")
                result.findings = []
        elif self.matcher is not None:
            self.matcher.apply(result)
        self.counter.add(result)
        result.findings.sort(key=Finding.sort_key)
        return result

    def add_late(self, result: DocumentResult) -> DocumentResult:
        """Findings of a document already added (the corpus-level ones, found at the end).

        ``result`` holds only those findings; its document may be a stand-in
        without text, so inline suppression markers are not read again (a
        record's ``"mtqa": {"ignore"}`` still applies through its metadata)."""
        self.overridden += apply_overrides(Report(results=[result]), self.overrides)
        if self.writer is not None:
            self.writer.add(result)
            self.written_matched += len(result.findings)
            result.findings = []
        elif self.matcher is not None:
            self.matcher.apply(result)
        self.counter.add_findings(result)
        return result

    def finish(self, errors: int = 0) -> GateResult:
        gate = GateResult(thresholds=self.thresholds, errors=errors)
        gate.overridden, gate.suppressed, gate.unused_suppressions = self.overridden, self.suppressed, self.unused
        baseline = None
        if self.writer is not None:
            baseline = self.writer.finish()
            baseline.write()
            gate.remarks.append(
                f"wrote baseline {baseline.path} ({sum(e['count'] for e in baseline.entries)} finding(s))"
            )
            gate.baselined, gate.stale = self.written_matched, []
        elif self.matcher is not None:
            baseline = self.matcher.baseline
            gate.baselined, gate.stale = self.matcher.matched, self.matcher.stale()
        gate.failures = self.counter.failures(gate.remarks)
        gate.penalties = self.counter.penalties
        if gate.suppressed:
            gate.remarks.append(f"{gate.suppressed} finding(s) suppressed by mtqa: ignore")
        for line in gate.unused_suppressions[:SHOWN]:
            gate.remarks.append(f"unused suppression: {line}")
        if baseline is not None:
            gate.remarks.append(f"baseline {baseline.path}: {gate.baselined} known finding(s) not counted")
        if gate.stale:
            assert baseline is not None  # only a baseline matcher leaves stale entries
            gate.remarks.append(
                f"baseline {baseline.path}: {len(gate.stale)} stale entr{'y' if len(gate.stale) == 1 else 'ies'} "
                "matched nothing (prune with --write-baseline)"
            )
            for entry in gate.stale[:SHOWN]:
                gate.remarks.append(f"  stale: {entry.get('document')} {entry.get('code')} {entry.get('text')!r}")
        return gate


def run_gate(
    report: Report,
    thresholds: Thresholds | None = None,
    *,
    overrides=(),
    baseline: Baseline | None = None,
    write_baseline: str | os.PathLike | None = None,
) -> GateResult:
    """Apply overrides, suppressions and the baseline to ``report`` (in place), then the thresholds.

    With ``write_baseline``, the findings left after overrides and suppressions
    are written there first and become the baseline of this run.
    """
    gate = StreamingGate(thresholds, overrides=overrides, baseline=baseline, write_baseline=write_baseline)
    for result in report.results:
        gate.add(result)
    return gate.finish(errors=len(report.errors))
