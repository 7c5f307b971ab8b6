"""Corpus runs: streaming, resumable and parallel on one machine.

:class:`CorpusRun` takes the documents of a corpus lazily and yields each
one's :class:`Outcome` in input order, as soon as it is ready, so memory stays
flat however big the corpus is:

- the rule checks run in ``jobs`` worker processes (``jobs=1``: in this
  process; the first document is checked here too, so a one-document run
  starts no workers); the reference model runs here, scoring ``batch`` documents in one
  batched pass while the workers check the documents read ahead, so neither
  waits for the other;
- with a :class:`~mtqa.results.ResultsFile` (:mod:`mtqa.results` holds the
  results file and :class:`~mtqa.results.Outcome`), every finished document
  is appended to a JSONL store (flushed line by line) before it is yielded;
  a later run with ``resume=True`` skips the documents stored there (keyed
  by id and content hash) and yields their stored results, so an interrupted
  run (Ctrl-C, a kill, a crash) loses nothing and duplicates nothing.  A
  store written with another configuration or model is refused;
- a check that fails on a document makes that document ``failed`` (stored
  with the error); the run goes on.  A worker process that dies is replaced,
  and the document it was checking is retried once, alone, before it is
  recorded as failed;
- with a ``timeout``, every document's rule checks run in a worker process
  (even with ``jobs=1``), on the worker's clock (SIGALRM); one that takes
  longer is recorded as failed with the reason and the run goes on.  A worker
  stuck where the clock cannot interrupt it (inside C code) is ended once the
  run has waited ``timeout + timeout_grace`` seconds for the document;
- corpus-level checks (the names across documents) keep a small state per
  document (:meth:`mtqa.checks.base.Check.collect`), stored too, and make
  their findings at the end (:meth:`CorpusRun.corpus_findings`).

This module holds that execution: the process pool and its workers
(:func:`worker_copy`, the per-document clock), the corpus-level pass shared
by both engines (:class:`CorpusPass`, :class:`CorpusStates`,
:func:`checked_outcome`), and the reading of the inputs (:func:`iter_inputs`,
:func:`count_documents`) with the pool's default size (:func:`default_jobs`).

The Ray engine (:mod:`mtqa.engines.ray`) yields the same outcomes from a
cluster; what is done with them (outputs, gate, summary) is the same code.
"""

from __future__ import annotations

import copy
import json
import os
import pickle
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtqa.checks.base import RULES_ONLY_MEMOS as RULES_ONLY_MEMOS  # noqa: F401 - re-exported
from mtqa.checks.base import forget_rules_only
from mtqa.loaders import DocumentError
from mtqa.model import Document, Finding
from mtqa.results import Outcome, Partial, ResultsFile, document_key, stored_outcome
from mtqa.results import run_identity as run_identity  # re-exported: mtqa.corpus.run_identity

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from mtqa.api import Checker

#: Resident memory of one rule-check worker process once it has checked an
#: article (every rule check and its data loaded): 0.50 GB measured on the seed
#: article (Linux, Python 3.11; the README's corpus section has the figures).
WORKER_MEMORY = 500 * 2**20
#: Share of the free memory the default number of workers may take.
MEMORY_SHARE = 0.8
#: Documents per worker at least, by default: starting a worker costs 2-3 s of
#: imports, which takes 20-30 news articles to repay (0.1 s each, rules only).
DOCUMENTS_PER_WORKER = 25


def available_memory() -> int | None:
    """Bytes free for new processes: ``MemAvailable``, within a cgroup v2 limit; None where unknown."""
    free = None
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    free = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        used = int(Path("/sys/fs/cgroup/memory.current").read_text())
        if limit != "max":
            room = max(0, int(limit) - used)
            free = room if free is None else min(free, room)
    except (OSError, ValueError):
        pass
    return free


def default_jobs(documents: int | None = None) -> int:
    """Worker processes by default: the CPUs this process may use, as many as fit in
    ``MEMORY_SHARE`` of the free memory (``WORKER_MEMORY`` each), and one per
    ``DOCUMENTS_PER_WORKER`` documents when their number is known; at least 1."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    jobs = cpus
    free = available_memory()
    if free is not None:
        jobs = min(jobs, int(free * MEMORY_SHARE // WORKER_MEMORY))
    if documents is not None:
        jobs = min(jobs, documents // DOCUMENTS_PER_WORKER)
    return max(1, jobs)


class CorpusStates:
    """The corpus-level checks' per-document states, kept in a temporary file.

    A corpus run adds each document's states as it finishes; the file, not
    memory, holds them, so memory stays flat.  ``states[code]`` reads back
    that check's ``(document index, state)`` pairs, as often as the check
    iterates over them.  ``documents`` maps the index of a document with
    states to its (id, path, record line)."""

    def __init__(self) -> None:
        import tempfile

        self._fh = tempfile.TemporaryFile("w+b")
        self._counts: dict[str, int] = {}
        self.documents: dict[int, tuple[str, str | None, int | None]] = {}
        #: per check, why a document's state could not be kept (not JSON): its pass cannot run
        self.unstorable: dict[str, str] = {}

    def add(self, outcome: Outcome) -> None:
        states = {code: state for code, state in outcome.states.items() if state is not None}
        if not states or outcome.result is None:
            return
        doc = outcome.result.document
        self.documents[outcome.index] = (doc.id, doc.path, doc.record_line)
        self._fh.seek(0, os.SEEK_END)
        for code, state in states.items():
            try:
                line = json.dumps([code, outcome.index, state], ensure_ascii=False)
            except (TypeError, ValueError) as exc:
                self.unstorable.setdefault(code, f"{type(exc).__name__}: {exc}")
                continue
            self._fh.write(line.encode("utf-8") + b"\n")
            self._counts[code] = self._counts.get(code, 0) + 1

    def get(self, code: str, default=()):
        return _StatesOf(self, code) if code in self._counts else default

    def __getitem__(self, code: str):
        return _StatesOf(self, code)

    def _read(self, code: str) -> Iterator[tuple[int, Any]]:
        self._fh.flush()
        self._fh.seek(0)
        for line in self._fh:
            c, index, state = json.loads(line)
            if c == code:
                yield index, state

    def close(self) -> None:
        self._fh.close()


class _StatesOf:
    def __init__(self, store: CorpusStates, code: str) -> None:
        self.store, self.code = store, code

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        return self.store._read(self.code)

    def __len__(self) -> int:
        return self.store._counts.get(self.code, 0)


def checked_outcome(checker, doc: Document, parts: list, index: int, results: ResultsFile | None) -> Outcome:
    """A document's outcome from its parts (rules first), stored in ``results`` if given."""
    if len(parts) == 1:  # the model is off: say so (fluency null, its checks skipped), as the library does
        parts = [*parts, checker.check_model(doc)]
    result, errors = checker.combine(doc, *parts)
    outcome = Outcome(result, errors, index=index, states=dict(parts[0].states))
    if results is not None:
        results.add(outcome)
    return outcome


# -- worker processes -----------------------------------------------------------
_WORKER: Checker | None = None


#: A short article a new worker checks once, off the clock: the word lists, lexicons and
#: gazetteers load on a checker's first document, and a --document-timeout is not meant
#: to count that.
_WARM_UP = (
    "Ferry traffic resumes\n\n"
    "Foreign Minister Anniken Huitfeldt said on Monday that the ferry between Oslo and Kiel sails again. "
    "\u2013 We are glad, she says to NRK. Read also: Storm closes the E6."
)


def _worker_init(blob: bytes) -> None:
    global _WORKER
    _WORKER = pickle.loads(blob)
    try:
        _WORKER.check_rules(Document(text=_WARM_UP, id="mtqa-warm-up"))
    except Exception:  # noqa: BLE001 - a check that fails here fails on the real document too, and is reported there
        pass


class _Expired(BaseException):
    """Raised in a worker when a document's time is up (not an ``Exception``: the checks' own
    error handling must not catch it)."""


def _expire(signum, frame) -> None:
    raise _Expired


def timeout_message(doc_id: str, timeout: float) -> str:
    return (
        f"{doc_id}: the rule checks took longer than --document-timeout ({timeout:g} s); the document "
        "is recorded as failed and the run went on (raise the timeout to check it)"
    )


def _timed_out(doc_id: str, timeout: float, checker) -> Partial:
    """The rule-check part of a document whose checks ran out of time: the error, and
    every rule check skipped for it (the report says so; JUnit marks them skipped)."""
    return Partial(
        errors=[timeout_message(doc_id, timeout)], skipped={"time": [c.code for c in checker.rule_checks]}
    )


def _worker_rules(doc: Document, timeout: float | None = None):
    assert _WORKER is not None, "_worker_init() was not called"
    if timeout is None:
        part = _WORKER.check_rules(doc)
    else:
        # the clock of this document alone (queueing and the worker's start-up not counted)
        signal.signal(signal.SIGALRM, _expire)
        try:
            try:
                signal.setitimer(signal.ITIMER_REAL, timeout)  # (inside: a clock this short may ring at once)
                part = _WORKER.check_rules(doc)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _Expired:  # also when the clock ran out as the checks finished
            return _timed_out(doc.id, timeout, _WORKER), {}
    # what the checks computed and cached on the document (the alignment), so
    # the parent does not compute it again for the report
    forget_rules_only(doc)
    caches = {k: v for k, v in vars(doc).items() if k.startswith("_") and v is not None}
    return part, caches


def _taken(doc: Document, returned):
    """A worker's rule-check part, with what the checks cached put back on ``doc``."""
    part, caches = returned
    for name, value in caches.items():
        setattr(doc, name, value)
    return part


def worker_copy(checker) -> bytes:
    """The checker without its model, pickled for the workers (``checker`` keeps its model)."""
    bare = copy.copy(checker)  # a shallow copy, with another context (frozen: replaced, not changed)
    bare.context = replace(checker.context, scorer=None)
    return pickle.dumps(bare)


@dataclass
class _Entry:
    item: Document | DocumentError
    index: int = -1
    future: Any = None
    model: Any = None
    stored: dict[str, Any] | None = None


class CorpusPass:
    """The corpus-level pass of a run (local or Ray): it has a ``checker`` and
    its documents' :class:`CorpusStates` in ``states``."""

    checker: Any
    states: CorpusStates
    #: documents read so far (the next document's index)
    count: int

    @property
    def documents(self) -> dict[int, tuple[str, str | None, int | None]]:
        """(id, path, record line) of the documents that corpus-level findings may concern."""
        return self.states.documents

    def corpus_findings(
        self, results: list | None = None
    ) -> tuple[list[tuple[int, Finding]], list[DocumentError]]:
        """Findings across documents (index of the document, finding), once the run is over;
        ``results``: the documents' results in order, where the run kept them
        (:meth:`mtqa.api.Checker.corpus_findings`)."""
        return self.checker.corpus_findings(self.states, results, documents=self.count)


class CorpusRun(CorpusPass):
    """Check a corpus, streaming; see the module's documentation.

    ``jobs``: worker processes for the rule checks (1: none, everything in this
    process).  ``batch``: documents scored together by the model (default:
    the checker's ``batch_documents``).  ``results``: a :class:`ResultsFile`.
    ``timeout``: seconds the rule checks may take on one document (None: no limit).
    ``keep_memos``: a document checked in this process keeps what the rule checks
    derived for one another (its name analysis), as the library wants for a document
    its caller holds; by default it is dropped, as a worker's document comes back.
    """

    #: Seconds the run waits beyond ``timeout`` before it ends a worker whose own clock
    #: did not stop the document (code stuck outside Python; a worker starting up).
    timeout_grace = 60.0

    def __init__(
        self,
        checker,
        *,
        jobs: int = 1,
        results: ResultsFile | None = None,
        batch: int | None = None,
        timeout: float | None = None,
        keep_memos: bool = False,
    ) -> None:
        self.checker = checker
        self.keep_memos = keep_memos
        self.jobs = max(1, int(jobs))
        self.timeout = timeout
        #: the worker's own clock where the platform has one (SIGALRM); the run's wait is the backstop
        self._alarm = timeout if timeout is not None and hasattr(signal, "setitimer") else None
        self.results = results
        self.batch = max(1, batch or checker.batch_documents)
        self.uses_model = checker.needs_model
        #: per corpus-level check: (document index, state), on disk
        self.states = CorpusStates()
        #: documents read so far (the next document's index)
        self.count = 0
        self.done = 0
        self.reused = 0
        self.failed = 0
        self._pool: ProcessPoolExecutor | None = None
        self._submitted = 0
        self._pending: deque[_Entry] = deque()

    # -- the pool -------------------------------------------------------------
    def _start_pool(self):
        if self.jobs < 2 and self.timeout is None:
            return None
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn: the workers must not inherit the model's threads
        ctx = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(
            self.jobs, mp_context=ctx, initializer=_worker_init, initargs=(worker_copy(self.checker),)
        )
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        if self.results is not None:
            self.results.close()

    # -- running --------------------------------------------------------------
    def run(self, items: Iterable[Document | DocumentError]) -> Iterator[Outcome]:
        """Outcomes in input order, each as soon as it and those before it are done."""
        if self.uses_model:
            self.checker.load_model()
        pending = self._pending = deque()
        batch: list[_Entry] = []
        ahead = max(2 * self.batch, 4 * self.jobs)
        try:
            for item in items:
                entry = _Entry(item)
                if isinstance(item, Document):
                    entry.index = self.count
                    self.count += 1
                    if self.results is not None:
                        entry.stored = self.results.get(document_key(item))
                    if entry.stored is None:
                        self._submit(entry)
                        if self.uses_model:
                            batch.append(entry)
                            if len(batch) >= self.batch:
                                self._score(batch)
                pending.append(entry)
                while pending and (self._ready(pending[0]) or len(pending) > ahead):
                    if len(pending) > ahead and batch:
                        self._score(batch)
                    yield self._finish(pending.popleft())
            self._score(batch)
            while pending:
                yield self._finish(pending.popleft())
        finally:
            self.close()

    def _submit(self, entry: _Entry) -> None:
        # the first document is checked here: a one-document run starts no workers
        self._submitted += 1
        if self._pool is None and (self.timeout is not None or (self.jobs >= 2 and self._submitted > 1)):
            self._start_pool()
        if self._pool is not None:
            assert isinstance(entry.item, Document)  # only documents are submitted
            entry.future = self._pool.submit(_worker_rules, entry.item, self._alarm)

    def _score(self, batch: list[_Entry]) -> None:
        if not batch:
            return
        docs = [e.item for e in batch]
        scorer = self.checker.context.scorer
        if scorer is not None and len(docs) > 1:
            scorer.prefetch(docs)
        for e in batch:
            e.model = self.checker.check_model(e.item)
        batch.clear()

    def _ready(self, entry: _Entry) -> bool:
        if not isinstance(entry.item, Document) or entry.stored is not None:
            return True
        if self.uses_model and entry.model is None:
            return False
        return entry.future is None or entry.future.done()

    def _rules(self, entry: _Entry):
        doc = entry.item
        assert isinstance(doc, Document)  # _finish took the DocumentErrors
        if entry.future is None:
            part = self.checker.check_rules(doc)
            if not self.keep_memos:
                forget_rules_only(doc)  # as a worker's document comes back
            return part
        from concurrent.futures import TimeoutError as FutureTimeout
        from concurrent.futures.process import BrokenProcessPool

        wait = None if self.timeout is None else self.timeout + self.timeout_grace
        try:
            return _taken(doc, entry.future.result(timeout=wait))
        except BrokenProcessPool:
            return self._after_crash(entry)
        except FutureTimeout:
            return self._after_timeout(entry)

    def _restart_pool(self, stop: bool = False) -> None:
        """A new pool; ``stop``: end the old one's workers first (one is stuck on a document)."""
        if stop:
            # the executor cannot cancel a running call: end its processes
            for process in list(getattr(self._pool, "_processes", {}).values()):
                process.terminate()
        assert self._pool is not None  # a document's future failed: a pool ran it
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._start_pool()

    def _resubmit_pending(self) -> None:
        """Submit again the documents read ahead whose futures died with the old pool."""
        for e in self._pending:
            if e.future is None:
                continue
            kept = e.future.done() and not e.future.cancelled() and e.future.exception() is None
            if not kept:
                self._submit(e)

    def _after_timeout(self, entry: _Entry):
        """The worker's clock did not stop the document (stuck outside Python): end the pool's workers."""
        self._restart_pool(stop=True)
        self._resubmit_pending()
        assert self.timeout is not None  # the wait for the future timed out: it had a timeout
        return _timed_out(entry.item.id, self.timeout, self.checker)

    def _after_crash(self, entry: _Entry):
        """A worker died: retry this document once, alone, in a new pool; then
        resubmit the documents read ahead, whose futures died with the old pool."""
        from concurrent.futures.process import BrokenProcessPool

        self._restart_pool()
        assert self._pool is not None and isinstance(entry.item, Document)  # _restart_pool started one; _rules' document
        try:
            part = _taken(entry.item, self._pool.submit(_worker_rules, entry.item, self._alarm).result())
        except BrokenProcessPool:
            self._restart_pool()
            part = Partial(
                errors=[
                    f"{entry.item.id}: a worker process died while checking this document "
                    "(twice); it is recorded as failed and the run went on"
                ]
            )
        self._resubmit_pending()
        return part

    def _finish(self, entry: _Entry) -> Outcome:
        item = entry.item
        if isinstance(item, DocumentError):
            return Outcome(None, [item])
        if entry.stored is not None:
            outcome = stored_outcome(entry.stored, item, entry.index)
            self.reused += 1
        else:
            rules = self._rules(entry)
            if self.uses_model and entry.model is None:
                entry.model = self.checker.check_model(item)
            parts = [rules] + ([entry.model] if entry.model is not None else [])
            outcome = checked_outcome(self.checker, item, parts, entry.index, self.results)
        self.states.add(outcome)
        self.done += 1
        self.failed += bool(outcome.errors)
        return outcome


def iter_inputs(checker, inputs) -> Iterator[Document | DocumentError]:
    """The documents of ``inputs`` (paths, globs, Documents, text), lazily."""
    from mtqa.loaders import iter_documents, split_inputs

    for item in split_inputs(inputs):
        if isinstance(item, Document):
            yield item
        else:
            yield from iter_documents([item], checker.input_format, read=checker.read)


def count_documents(paths: Iterable[str], input_format: str = "auto") -> int | None:
    """How many documents ``paths`` hold, cheaply (files counted, JSONL lines counted); None if unknown."""
    import glob as _glob

    from mtqa.loaders import _walk, detect_format

    total = 0
    for name in paths:
        name = os.fspath(name)
        if name == "-":
            return None
        path = Path(name)
        if path.is_dir():
            files = _walk(path)
        elif path.exists():
            files = [path]
        elif _glob.has_magic(name):
            files = [Path(m) for m in sorted(_glob.glob(name, recursive=True)) if Path(m).is_file()]
        else:
            total += 1  # an error line
            continue
        for file in files:
            fmt = input_format if input_format != "auto" else detect_format(str(file))
            if fmt == "jsonl":
                try:
                    with open(file, "rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total
