"""The results of a corpus run: each document's :class:`Outcome` and the results file.

- :class:`Outcome`: one document of a corpus run, as both engines (the local
  :class:`mtqa.corpus.CorpusRun`, :class:`mtqa.engines.ray.RayRun`) yield it;
- :class:`ResultsFile`: the resumable JSONL store of per-document results
  (``--results``): a header naming the run (:func:`run_identity`), then one
  record a document, keyed by :func:`document_key`, flushed line by line; on
  ``resume`` it reads what an earlier run stored, drops a last line cut short
  and names damaged lines in ``warnings``;
- :func:`stored_outcome`: a stored record back as an :class:`Outcome`.

The process pool and the corpus pass are in :mod:`mtqa.corpus`.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtqa.loaders import DocumentError
from mtqa.model import Document, Finding, MtqaError
from mtqa.report import DocumentResult

RESULTS_VERSION = 1


def document_key(doc: Document) -> str:
    """What a results file knows a document by: its id and the hash of its content."""
    return f"{doc.id}\x00{doc.content_hash}"


@dataclass
class Outcome:
    """One document of a corpus run: its result and the errors of its checks.

    ``result`` is None for an input that could not be read (``errors`` says
    why).  ``stored`` is True when it came from the results file of an earlier
    run.  ``index`` numbers the documents of the run in input order.
    """

    result: DocumentResult | None
    errors: list[DocumentError] = field(default_factory=list)
    stored: bool = False
    index: int = -1
    states: dict[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return self.result is None or bool(self.errors)

    @property
    def id(self) -> str:
        return self.result.id if self.result is not None else self.errors[0].id


def run_identity(checker) -> dict[str, Any]:
    """What must be equal for two runs' results to be mixed in one results file."""
    glossary = checker.context.glossary
    digest = None
    if glossary is not None:
        digest = hashlib.sha256(Path(glossary).read_bytes()).hexdigest()[:16]
    return {
        "signature": checker.signature,
        "input_format": checker.input_format,
        "glossary": digest,
    }


class ResultsFile:
    """A JSONL store of per-document results (``--results``), safe to resume.

    The first line is a header naming the run's configuration; then one
    record a line.  A record is written with one ``write`` and flushed.  When
    the file is opened again, a last line cut short by a kill is dropped; a
    damaged line before it is skipped (its document is checked again) and
    named in ``warnings``, and every valid record after it is kept.
    """

    def __init__(self, path: str | os.PathLike, identity: dict[str, Any], *, resume: bool = False) -> None:
        self.path = Path(path)
        self.identity = identity
        self.offsets: dict[str, int] = {}
        #: What opening the file found wrong with it (damaged lines), one line each.
        self.warnings: list[str] = []
        self._last_sync = time.monotonic()
        exists = self.path.exists() and self.path.stat().st_size > 0
        if exists and not resume:
            raise MtqaError(
                f"results file {self.path} exists: add --resume to continue that run, "
                "or remove the file (or choose another) to start over"
            )
        if exists:
            self._load()
            self._fh = open(self.path, "ab")
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "wb")
            header = {"mtqa_results": RESULTS_VERSION, **identity}
            self._write(header, sync=True)

    def _load(self) -> None:
        with open(self.path, "rb") as fh:
            first = fh.readline()
            try:
                header = json.loads(first)
            except json.JSONDecodeError:
                header = None
            if not isinstance(header, dict) or header.get("mtqa_results") != RESULTS_VERSION:
                raise MtqaError(f"results file {self.path}: not an mtqa results file (version {RESULTS_VERSION})")
            differs = [k for k in self.identity if header.get(k) != self.identity[k]]
            if differs:
                what = "; ".join(f"{k}: {header.get(k)!r} there, {self.identity[k]!r} now" for k in differs)
                raise MtqaError(
                    f"results file {self.path} was written by another configuration ({what}): "
                    "resume with the options of that run, or write to a new --results file"
                )
            good = fh.tell()  # the end of the last whole line
            damaged: list[int] = []
            for lineno, line in enumerate(fh, start=2):
                if not line.endswith(b"\n"):
                    break  # the last line, cut short by a kill: dropped below
                at, good = good, good + len(line)
                record = _record(line)
                if record is None:
                    damaged.append(lineno)
                elif record.get("type") == "document":
                    self.offsets[record["key"]] = at
        if damaged:
            shown = ", ".join(map(str, damaged[:5])) + (f" and {len(damaged) - 5} more" if len(damaged) > 5 else "")
            self.warnings.append(
                f"results file {self.path}: line{'s' if len(damaged) > 1 else ''} {shown} "
                f"{'are' if len(damaged) > 1 else 'is'} not a valid record and {'were' if len(damaged) > 1 else 'was'} "
                "skipped; the documents there are checked again, every other record is kept"
            )
        if good < self.path.stat().st_size:
            with open(self.path, "r+b") as fh:
                fh.truncate(good)

    def __contains__(self, key: str) -> bool:
        return key in self.offsets

    def __len__(self) -> int:
        return len(self.offsets)

    def get(self, key: str) -> dict[str, Any] | None:
        at = self.offsets.get(key)
        if at is None:
            return None
        with open(self.path, "rb") as fh:
            fh.seek(at)
            return json.loads(fh.readline())

    def _write(self, record: dict[str, Any], sync: bool = False) -> None:
        self._fh.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        self._fh.flush()
        now = time.monotonic()
        if sync or now - self._last_sync > 1.0:
            os.fsync(self._fh.fileno())
            self._last_sync = now

    def add(self, outcome: Outcome) -> None:
        result = outcome.result
        assert result is not None
        key = document_key(result.document)
        self.offsets[key] = self._fh.tell()
        self._write(
            {
                "type": "document",
                "key": key,
                "id": result.id,
                "status": "failed" if outcome.errors else "ok",
                "errors": [e.message for e in outcome.errors],
                "result": result.to_dict(),
                # the checks skipped for lack of input, code -> why: not in the JSON
                # report format (``to_dict``), so kept beside it for --resume
                "skipped": dict(result.skipped),
                "states": outcome.states,
            }
        )

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()


def _record(line: bytes) -> dict[str, Any] | None:
    """A results-file line as a record; None when it is damaged."""
    try:
        record = json.loads(line)
    except ValueError:  # not JSON, or not UTF-8
        return None
    if not isinstance(record, dict):
        return None
    if record.get("type") == "document" and not (
        isinstance(record.get("key"), str) and isinstance(record.get("result"), dict)
    ):
        return None
    return record


def result_from_record(record: dict[str, Any], doc: Document) -> DocumentResult:
    """A stored result back as a :class:`DocumentResult` of ``doc``.

    The skipped checks come from the record's ``"skipped"`` key.  A record
    written before that key existed still loads: its ``skipped`` is then empty
    (nothing is reconstructed from the prose notes, which are kept as they
    are), so e.g. JUnit does not mark those documents' checks skipped."""
    data = record["result"]
    skipped = record.get("skipped")
    return DocumentResult(
        doc,
        findings=[Finding.from_dict(f) for f in data.get("findings", ())],
        notes=list(data.get("notes", ())),
        scores=dict(data.get("scores", {})),
        skipped={str(k): str(v) for k, v in skipped.items()} if isinstance(skipped, dict) else {},
    )


def stored_outcome(record: dict[str, Any], doc: Document, index: int) -> Outcome:
    """The outcome of a document done by an earlier run, from its results-file record."""
    return Outcome(
        result_from_record(record, doc),
        [DocumentError(doc.id, m, path=doc.path, line=doc.record_line) for m in record.get("errors", ())],
        stored=True,
        index=index,
        states=dict(record.get("states") or {}),
    )


@dataclass
class Partial:
    """Part of one document's result: from the rule checks or from the model.

    Picklable, so a worker process can compute it."""

    findings: list[Finding] = field(default_factory=list)
    #: What was lacking ("source", "model and source") -> the codes skipped for it.
    skipped: dict[str, list[str]] = field(default_factory=dict)
    scores: dict[str, Any] = field(default_factory=dict)
    #: Internal errors of checks, as messages.
    errors: list[str] = field(default_factory=list)
    #: Corpus-level checks' per-document states (:meth:`Check.collect`), by code.
    states: dict[str, Any] = field(default_factory=dict)
