"""The baseline: known findings, by a fingerprint that is stable across unrelated
edits (document, code, the finding's text and its sentence), with how many times
each occurs.  The gate drops findings recorded in the baseline; baseline entries
that matched nothing (in documents of this run, or of files that are gone) are
*stale* and reported so the baseline can be pruned.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtqa.model import Document, Finding, MtqaError
from mtqa.report import DocumentResult, Report

BASELINE_VERSION = 1


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
