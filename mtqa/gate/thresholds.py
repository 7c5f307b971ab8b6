"""Thresholds and their evaluation, on the findings the earlier steps left:
``fail_on``, ``max_findings`` (overall ``total``, per family, per code),
``min_fluency`` (document fluency) and ``max_penalty`` (MQM-style penalty per
1,000 words); and :class:`GateResult`, the gate's verdict.

Exit codes: 0 pass, 1 a threshold failed, 2 a document could not be checked
(2 wins).  A threshold on something not measured is a usage error
(:class:`~mtqa.model.MtqaError`, exit 2).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from mtqa.gate._common import SHOWN, _matches, _where
from mtqa.gate.penalties import penalty
from mtqa.model import MtqaError, Severity
from mtqa.report import DocumentResult, Report


@dataclass
class Thresholds:
    fail_on: Severity = Severity.ERROR
    #: ``total`` and family names or codes -> the most findings allowed.
    max_findings: dict[str, int] = field(default_factory=dict)
    min_fluency: float | None = None
    max_penalty: float | None = None

    def validate(self, fluency_measured: bool) -> None:
        """Usage errors: a threshold on something not measured, an unknown key."""
        from mtqa.checks import known_selector
        from mtqa.model import FAMILIES

        if self.max_penalty is not None and self.max_penalty < 0:
            raise MtqaError(f"--max-penalty must be 0 or more (penalty points per 1,000 words), not {self.max_penalty:g}")
        if self.min_fluency is not None and not 0 <= self.min_fluency <= 100:
            raise MtqaError(f"--min-fluency must be a score from 0 to 100, not {self.min_fluency:g}")
        if self.min_fluency is not None and not fluency_measured:
            raise MtqaError(
                "--min-fluency needs the fluency score, but it is not measured: the reference model "
                "is off (--no-fluency or fluency = false) or no selected check uses it (select FL)"
            )
        for key, limit in self.max_findings.items():
            if limit < 0:
                raise MtqaError(f"max-findings {key}: the limit must be 0 or more, not {limit}")
            if key != "total" and key not in FAMILIES and not known_selector(key):
                raise MtqaError(
                    f"max-findings {key!r}: use 'total', a family ({', '.join(FAMILIES)}) or a check code"
                )


def parse_max_findings(values: list[str]) -> dict[str, int]:
    """``--max-findings 10``, ``--max-findings names=3``, ``--max-findings NC001=0``."""
    out: dict[str, int] = {}
    for value in values:
        for item in (v.strip() for v in value.split(",") if v.strip()):
            key, _, number = item.rpartition("=")
            key = key.strip() or "total"
            try:
                limit = int(number)
            except ValueError:
                raise MtqaError(
                    f"--max-findings {item!r}: use N, FAMILY=N or CODE=N (e.g. 10, names=3, NC001=0)"
                ) from None
            if limit < 0:
                raise MtqaError(f"--max-findings {item!r}: the limit must be 0 or more")
            out[key.upper() if re.fullmatch(r"[A-Za-z]+\d+", key) else key] = limit
    return out


def evaluate(
    report: Report, thresholds: Thresholds, remarks: list[str] | None = None
) -> tuple[list[str], dict[str, float]]:
    """Threshold failures (one line each, most important first) and document penalties."""
    counter = _ThresholdCounter(thresholds)
    for result in report.results:
        counter.add(result)
    return counter.failures(remarks if remarks is not None else []), counter.penalties


class _ThresholdCounter:
    """What the thresholds need of a run, gathered one document at a time.

    Keeps counts and the first few offenders, not the documents, so a corpus
    run's memory does not grow with the corpus."""

    def __init__(self, thresholds: Thresholds, keep_penalties: bool = True) -> None:
        self.thresholds = thresholds
        self.keep_penalties = keep_penalties
        self.at_level = 0
        self.at_level_codes: Counter[str] = Counter()
        self.at_level_shown: list[str] = []
        self.total = 0
        self.per_key: Counter[str] = Counter()
        self.low: list[str] = []
        self.low_count = 0
        self.unmeasured = 0
        self.high: list[str] = []
        self.high_count = 0
        self.penalties: dict[str, float] = {}

    def add(self, result: DocumentResult) -> None:
        self.add_findings(result)
        self.add_document(result)

    def add_findings(self, result: DocumentResult) -> None:
        t = self.thresholds
        for f in result.findings:
            if f.severity >= t.fail_on:
                self.at_level += 1
                self.at_level_codes[f.code] += 1
                if len(self.at_level_shown) < SHOWN:
                    # the concise form (``-f concise``): editors and pre-commit read it
                    self.at_level_shown.append(f"  {_where(result, f)}: {f.code} [{f.severity}] {f.message}")
            self.total += 1
            for key in t.max_findings:
                if key != "total" and (f.family == key or _matches(f, key)):
                    self.per_key[key] += 1

    def add_document(self, result: DocumentResult) -> None:
        t = self.thresholds
        if t.min_fluency is not None:
            score = result.scores.get("fluency")
            if score is None:
                self.unmeasured += 1
            elif score < t.min_fluency:
                self.low_count += 1
                if len(self.low) < SHOWN:
                    self.low.append(f"min-fluency {t.min_fluency:g}: {_where(result)} fluency {score:g}")
        points = penalty(result)
        if self.keep_penalties:
            self.penalties[result.id] = points
        if t.max_penalty is not None and points > t.max_penalty:
            self.high_count += 1
            if len(self.high) < SHOWN:
                self.high.append(
                    f"max-penalty {t.max_penalty:g}: {_where(result)} penalty {points:g} per 1,000 words"
                )

    def failures(self, remarks: list[str]) -> list[str]:
        t = self.thresholds
        failures: list[str] = []
        if self.at_level:
            level = t.fail_on
            failures.append(
                f"fail-on {level}: {self.at_level} finding(s) at or above {level} "
                f"({', '.join(f'{c} x{n}' for c, n in sorted(self.at_level_codes.items()))})"
            )
            failures.extend(self.at_level_shown)
            if self.at_level > SHOWN:
                failures.append(f"  ... and {self.at_level - SHOWN} more")
        for key, limit in sorted(t.max_findings.items()):
            count = self.total if key == "total" else self.per_key[key]
            if count > limit:
                failures.append(f"max-findings {key}={limit}: {count} finding(s)")
        if t.min_fluency is not None:
            if self.unmeasured:
                remarks.append(
                    f"min-fluency: fluency not measured for {self.unmeasured} document(s) "
                    "(too short, or the model has no calibration): not gated"
                )
            failures.extend(self.low)
            if self.low_count > SHOWN:
                failures.append(f"min-fluency: ... and {self.low_count - SHOWN} more documents")
        if t.max_penalty is not None:
            failures.extend(self.high)
            if self.high_count > SHOWN:
                failures.append(f"max-penalty: ... and {self.high_count - SHOWN} more documents")
        return failures


# -- the result ---------------------------------------------------------------
@dataclass
class GateResult:
    thresholds: Thresholds
    failures: list[str] = field(default_factory=list)
    #: Lines that explain, but do not fail: baseline and suppression bookkeeping.
    remarks: list[str] = field(default_factory=list)
    suppressed: int = 0
    overridden: int = 0
    baselined: int = 0
    stale: list[dict[str, Any]] = field(default_factory=list)
    unused_suppressions: list[str] = field(default_factory=list)
    penalties: dict[str, float] = field(default_factory=dict)
    errors: int = 0

    @property
    def passed(self) -> bool:
        return not self.failures and not self.errors

    def exit_code(self) -> int:
        if self.errors:
            return 2
        return 1 if self.failures else 0

    def summary_lines(self) -> list[str]:
        if self.errors:
            head = f"gate: error: {self.errors} input(s) could not be checked"
        elif self.failures:
            head = "gate: FAILED"
        else:
            head = "gate: passed"
        return [head, *(f"  {line}" for line in self.failures), *(f"  {line}" for line in self.remarks)]

    def to_dict(self) -> dict[str, Any]:
        t = self.thresholds
        return {
            "passed": self.passed,
            "exit_code": self.exit_code(),
            "thresholds": {
                "fail_on": str(t.fail_on),
                "max_findings": dict(sorted(t.max_findings.items())),
                "min_fluency": t.min_fluency,
                "max_penalty": t.max_penalty,
            },
            "failures": list(self.failures),
            "remarks": list(self.remarks),
            "suppressed": self.suppressed,
            "baselined": self.baselined,
            "stale_baseline_entries": list(self.stale),
            "unused_suppressions": list(self.unused_suppressions),
            "penalties": dict(sorted(self.penalties.items())),
        }
