"""The CI quality gate: suppressions, per-path overrides, a baseline, thresholds.

:func:`run_gate` takes a finished :class:`~mtqa.report.Report` and, in this order:

1. drops findings of checks that a per-path override (config ``[[overrides]]``)
   switches off for a document;
2. drops *suppressed* findings: a JSONL record's ``"mtqa": {"ignore": [...]}``
   (the whole record) and an inline ``<!-- mtqa: ignore NC001 -->`` marker in a
   Markdown, text or HTML article (the next block).  Selectors are codes, code
   prefixes, check names, families or ``all``.  A suppression that suppressed
   nothing is reported: a note on the document and a line in the gate summary
   (it does not fail the gate);
3. drops findings recorded in the *baseline*; baseline entries that matched
   nothing (in documents of this run, or of files that are gone) are *stale*
   and reported so the baseline can be pruned;
4. evaluates the thresholds on what is left: ``fail_on``, ``max_findings``
   (overall ``total``, per family, per code), ``min_fluency`` (document fluency)
   and ``max_penalty`` (MQM-style penalty per 1,000 words).

Exit codes: 0 pass, 1 a threshold failed, 2 a document could not be checked
(2 wins).  A threshold on something not measured is a usage error
(:class:`~mtqa.model.MtqaError`, exit 2).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtqa.model import (  # noqa: F401 - the weights are re-exported here
    NON_TRANSLATION,
    NON_TRANSLATION_CODES,
    PENALTY_WEIGHTS,
    Document,
    Finding,
    MtqaError,
    Severity,
    finding_penalty,
)
from mtqa.report import DocumentResult, Report

BASELINE_VERSION = 1


MARKER_RE = re.compile(r"<!--\s*mtqa:\s*ignore(?![-\w])([^>]*?)-->", re.IGNORECASE)
_MARKER_LINE = re.compile(r"^[ \t]*<!--\s*mtqa:\s*ignore(?![-\w])([^>]*?)-->[ \t]*$", re.IGNORECASE | re.MULTILINE)
#: ``<!-- mtqa: ignore-next-line SEL -->`` on its own line: the next line that has text.
_NEXT_LINE = re.compile(r"^[ \t]*<!--\s*mtqa:\s*ignore-next-line(?![-\w])([^>]*?)-->[ \t]*$",
                        re.IGNORECASE | re.MULTILINE)
#: ``text <!-- mtqa: ignore-line SEL -->`` at the end of a line of text: that line
#: (searched only in lines that hold "mtqa:", from the marker's start: linear time).
_TRAILING = re.compile(r"<!--\s*mtqa:\s*ignore(?:-line)?(?![-\w])([^>\n]*?)-->[ \t]*\r?$",
                       re.IGNORECASE | re.MULTILINE)
SHOWN = 10


# -- suppression markers ------------------------------------------------------
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


def _matches(finding: Finding, selector: str) -> bool:
    from mtqa.checks import _matches as check_matches

    return check_matches(finding, selector)


def record_ignores(doc: Document) -> tuple[str, ...]:
    """A JSONL record's ``"mtqa": {"ignore": [...]}`` selectors."""
    meta = doc.meta.get("mtqa")
    if not isinstance(meta, dict):
        return ()
    ignore = meta.get("ignore", ())
    if isinstance(ignore, str):
        return parse_selectors(ignore)
    return tuple(str(s) for s in ignore) if isinstance(ignore, list) else ()


# -- penalties ----------------------------------------------------------------
def penalty(result: DocumentResult) -> float:
    """MQM-style penalty points per 1,000 words of the document."""
    return result.penalty()


# -- baseline -----------------------------------------------------------------
def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def document_key(doc: Document, base: Path | None = None) -> str:
    """How the baseline names a document: its path relative to the baseline's folder
    (``#id`` added for a JSONL record), else its id."""
    if not doc.path or doc.path == "-":
        return doc.id
    path = Path(doc.path)
    if base is not None:
        try:
            key = Path(os.path.relpath(path.resolve(), base.resolve())).as_posix()
        except ValueError:  # another drive
            key = path.as_posix()
    else:
        key = path.as_posix()
    return f"{key}#{doc.id}" if doc.record_line is not None else key


def fingerprint(doc_key: str, finding: Finding) -> str:
    """Stable across unrelated edits: document, code, the finding's text and its sentence."""
    parts = (doc_key, finding.code, _norm(finding.text), _norm(finding.sentence))
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


@dataclass
class Baseline:
    """Known findings, by fingerprint, with how many times each occurs."""

    path: Path
    entries: list[dict[str, Any]] = field(default_factory=list)

    @property
    def base(self) -> Path:
        return self.path.resolve().parent

    @classmethod
    def read(cls, path: str | os.PathLike) -> Baseline:
        path = Path(path)
        if not path.is_file():
            raise MtqaError(f"baseline {path}: no such file (write one with --write-baseline {path})")
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise MtqaError(f"baseline {path}: not a readable mtqa baseline ({exc})") from None
        if not isinstance(data, dict) or data.get("mtqa_baseline") != BASELINE_VERSION:
            raise MtqaError(f"baseline {path}: not an mtqa baseline (version {BASELINE_VERSION})")
        entries = data.get("findings")
        if not isinstance(entries, list) or not all(
            isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
        ):
            raise MtqaError(f"baseline {path}: 'findings' must be a list of entries with a fingerprint")
        return cls(path, entries)

    @classmethod
    def from_report(cls, report: Report, path: str | os.PathLike) -> Baseline:
        writer = _BaselineWriter(path)
        for result in report.results:
            writer.add(result)
        return writer.finish()

    def dumps(self) -> str:
        data = {"mtqa_baseline": BASELINE_VERSION, "findings": self.entries}
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"

    def write(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(self.dumps(), encoding="utf-8")
        except OSError as exc:
            raise MtqaError(f"cannot write baseline {self.path}: {exc.strerror or exc}") from None


# -- thresholds ---------------------------------------------------------------
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


def _where(result: DocumentResult, finding: Finding | None = None) -> str:
    doc = result.document
    name = doc.path or doc.id
    if doc.record_line is not None:
        name = f"{name}:{doc.record_line} ({doc.id})"
        return name
    return f"{name}:{finding.line}:{finding.column}" if finding is not None else name


def apply_overrides(report: Report, overrides) -> int:
    """Drop findings of checks that a per-path override switches off; how many."""
    dropped = 0
    if not overrides:
        return 0
    for result in report.results:
        for override in overrides:
            if not override.matches(result.document.path):
                continue
            keep = []
            for f in result.findings:
                selected = override.select is None or any(_matches(f, s) for s in override.select)
                ignored = any(_matches(f, s) for s in override.ignore)
                if selected and not ignored:
                    keep.append(f)
            dropped += len(result.findings) - len(keep)
            result.findings = keep
    return dropped


def apply_suppressions(report: Report) -> tuple[int, list[str]]:
    """Drop suppressed findings; (how many, the suppressions that suppressed nothing)."""
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
        for f in result.findings:
            hit = False
            for i, selector in enumerate(record):
                if _matches(f, selector):
                    used_record[i] = hit = True
            block = next(
                (i for i, b in enumerate(doc.blocks) if b.start <= f.start < b.end or b.start == f.start == b.end),
                None,
            )
            for i, marker in enumerate(markers):
                if marker.covers(f, block) and any(_matches(f, s) for s in marker.selectors):
                    used_marker[i] = hit = True
            if hit:
                suppressed += 1
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


def apply_baseline(report: Report, baseline: Baseline) -> tuple[int, list[dict[str, Any]]]:
    """Drop findings recorded in ``baseline``; (how many, the stale entries)."""
    matcher = _BaselineMatcher(baseline)
    for result in report.results:
        matcher.apply(result)
    return matcher.matched, matcher.stale()


class _BaselineMatcher:
    """The baseline applied one document at a time (a corpus run streams them)."""

    def __init__(self, baseline: Baseline) -> None:
        self.baseline = baseline
        self.remaining: Counter[str] = Counter()
        for entry in baseline.entries:
            self.remaining[entry["fingerprint"]] += int(entry.get("count", 1) or 1)
        self.matched = 0
        self.seen_docs: set[str] = set()

    def apply(self, result: DocumentResult) -> None:
        key = document_key(result.document, self.baseline.base)
        self.seen_docs.add(key)
        keep = []
        for f in result.findings:
            fp = fingerprint(key, f)
            if self.remaining[fp] > 0:
                self.remaining[fp] -= 1
                self.matched += 1
            else:
                keep.append(f)
        if len(keep) != len(result.findings):
            result.notes.append(f"{len(result.findings) - len(keep)} finding(s) in the baseline, not shown")
        result.findings = keep

    def stale(self) -> list[dict[str, Any]]:
        remaining = Counter(self.remaining)
        stale = []
        for entry in self.baseline.entries:
            fp = entry["fingerprint"]
            if remaining[fp] <= 0:
                continue
            doc = str(entry.get("document", ""))
            gone = not (self.baseline.base / doc.split("#", 1)[0]).exists()
            if doc in self.seen_docs or gone:
                stale.append(dict(entry, count=remaining[fp]))
                remaining[fp] = 0
        return stale


class _BaselineWriter:
    """Today's findings grouped by fingerprint, for ``--write-baseline``."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.baseline = Baseline(Path(path))
        self.grouped: dict[str, dict[str, Any]] = {}

    def add(self, result: DocumentResult) -> None:
        key = document_key(result.document, self.baseline.base)
        for f in result.findings:
            fp = fingerprint(key, f)
            entry = self.grouped.setdefault(
                fp,
                {
                    "document": key,
                    "code": f.code,
                    "text": _norm(f.text),
                    "sentence": _norm(f.sentence),
                    "fingerprint": fp,
                    "count": 0,
                },
            )
            entry["count"] += 1

    def finish(self) -> Baseline:
        self.baseline.entries = sorted(
            self.grouped.values(),
            key=lambda e: (e["document"], e["code"], e["text"], e["sentence"], e["fingerprint"]),
        )
        return self.baseline


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
