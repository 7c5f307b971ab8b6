"""Where a server's checks run: off the event loop, with bounded concurrency.

A :class:`Pool` runs :func:`run_job` in worker processes (each builds its
:class:`~mtqa.api.Checker` and loads the reference model once, at start) or,
with ``workers=0``, on one thread of the server process.  At most
``workers + queue_size`` requests are admitted at a time; more are refused
(:class:`Busy`, answered 503).  A request that waits or runs past its timeout
is answered 504; a job not yet started is withdrawn, a running one finishes in
its worker (its slot is freed then, so the bound holds).

A job is plain data in (texts, ids, options) and text out (the JSON contract,
rendered by :mod:`mtqa.renderers.json`), so nothing large crosses processes.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import multiprocessing
import os
from collections import Counter, OrderedDict
from dataclasses import dataclass, field, replace
from typing import Any

from mtqa.serve.settings import CheckerConfig

#: Checkers kept per worker for requests with their own ``select``/``ignore``.
CHECKER_CACHE = 16


@dataclass(frozen=True)
class DocumentIn:
    """One article of a request."""

    id: str
    target: str
    source: str | None = None
    reference: str | None = None
    format: str = "text"
    #: The record's own suppressions (``"mtqa": {"ignore": [...]}``), as in a JSONL corpus.
    suppress: tuple[str, ...] = ()


@dataclass(frozen=True)
class Job:
    documents: tuple[DocumentIn, ...]
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fluency: bool = True
    #: Also render the HTML view (the editor's page).
    html: bool = False


@dataclass
class JobResult:
    """What a worker sends back: the rendered report and what the metrics count."""

    body: str = ""
    html: str | None = None
    exit_code: int = 0
    documents: int = 0
    findings: dict[str, int] = field(default_factory=dict)
    #: A problem with the request's content found while reading it (answered 422).
    input_error: str | None = None


class Busy(Exception):
    """Every worker is busy and the queue is full."""


class TimedOut(Exception):
    """The job did not finish within the request's timeout."""


# -- the worker side ----------------------------------------------------------------


class _Worker:
    """A worker's checkers: the configured one, and others for per-request options,
    all sharing the one loaded model."""

    def __init__(self, config: CheckerConfig) -> None:
        self.config = config
        self.base = self._build(config.select, config.ignore, config.fluency)
        self.base.load_model()
        self.cache: OrderedDict[tuple, Any] = OrderedDict()
        self._warm()

    def _warm(self) -> None:
        """Check a short article once, so the word lists, lexicons and name data the checks
        load on first use are loaded before the first request (not during it)."""
        from mtqa.api import WARM_ARTICLE
        from mtqa.loaders import document_from_text

        self.base.check([document_from_text(WARM_ARTICLE, "warm-up")])

    def _build(self, select, ignore, fluency: bool):
        return self.config.build(select, ignore, fluency)

    def checker_for(self, job: Job):
        select = job.select if job.select is not None else self.config.select
        ignore = self.config.ignore if job.ignore is None else (*(self.config.ignore or ()), *job.ignore)
        fluency = job.fluency and self.config.fluency
        key = (select, ignore, fluency)
        if key == (self.config.select, self.config.ignore, self.config.fluency):
            return self.base
        checker = self.cache.get(key)
        if checker is None:
            checker = self._build(select, ignore, fluency)
            if fluency:
                # the model, loaded once (the context is frozen: a new one, with the scorer)
                checker.context = replace(checker.context, scorer=self.base.context.scorer)
            self.cache[key] = checker
            if len(self.cache) > CHECKER_CACHE:
                self.cache.popitem(last=False)
        self.cache.move_to_end(key)
        return checker


_WORKER: _Worker | None = None


def init_worker(config: CheckerConfig) -> None:
    """Build the worker's checker and load its model (a process pool's initializer)."""
    global _WORKER
    _WORKER = _Worker(config)


def worker_info() -> dict[str, Any]:
    """The worker's process and the signature of its configured checker."""
    assert _WORKER is not None, "init_worker() was not called"
    return {"pid": os.getpid(), "signature": _WORKER.base.signature}


def run_job(job: Job) -> JobResult:
    """Check a request's documents: the report of ``mtqa check --format json`` on them."""
    from mtqa.gate import run_gate
    from mtqa.loaders import InputError, document_from_text
    from mtqa.renderers import render

    assert _WORKER is not None, "init_worker() was not called"
    checker = _WORKER.checker_for(job)
    documents = []
    for d in job.documents:
        meta = {"mtqa": {"ignore": list(d.suppress)}} if d.suppress else {}
        try:
            documents.append(
                document_from_text(
                    d.target, d.id, d.format, source=d.source, reference=d.reference, meta=meta
                )
            )
        except InputError as exc:
            return JobResult(input_error=str(exc))
    report = checker.check(documents)
    # Suppressions apply as in the CLI (inline markers, a record's "mtqa": {"ignore"});
    # thresholds are the defaults: the exit code is the CLI's with no options.
    gate = run_gate(report)
    out = JobResult(
        body=render(report, "json"),
        exit_code=gate.exit_code(),
        documents=len(report.results),
        findings=dict(Counter(f.family for f in report.findings)),
    )
    if job.html:
        from mtqa.renderers.html import report_fragment

        out.html = report_fragment(report, id_prefix="mtqa")
    return out


# -- the server side ----------------------------------------------------------------


class Pool:
    """Admission control and the executor that runs the jobs."""

    def __init__(self, config: CheckerConfig, workers: int, queue_size: int) -> None:
        self.config = config
        self.workers = workers
        self.capacity = max(workers, 1) + queue_size
        self.in_flight = 0
        self.info: list[dict[str, Any]] = []
        self._executor: concurrent.futures.Executor | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def ready(self) -> bool:
        return self._executor is not None and bool(self.info)

    def _new_executor(self) -> concurrent.futures.Executor:
        if self.workers == 0:
            return concurrent.futures.ThreadPoolExecutor(
                1, thread_name_prefix="mtqa-check", initializer=init_worker, initargs=(self.config,)
            )
        # spawn: the server process runs threads (the event loop), which fork would copy badly
        return concurrent.futures.ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(self.config,),
        )

    async def start(self) -> None:
        """Start the workers and wait until each has loaded its model."""
        self._loop = asyncio.get_running_loop()
        self._executor = self._new_executor()
        futures = [self._executor.submit(worker_info) for _ in range(max(self.workers, 1))]
        self.info = list(await asyncio.gather(*(asyncio.wrap_future(f) for f in futures)))

    def close(self) -> None:
        """Wait for the jobs in hand, then stop the workers."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _release(self, _future: concurrent.futures.Future) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            loop.call_soon_threadsafe(self._done)
        except RuntimeError:  # the loop is shutting down
            pass

    def _done(self) -> None:
        self.in_flight -= 1

    async def run(self, job: Job, timeout: float) -> JobResult:
        """Run ``job``; :class:`Busy` when full, :class:`TimedOut` after ``timeout`` seconds."""
        if self._executor is None:
            raise RuntimeError("the pool is not started")
        if self.in_flight >= self.capacity:
            raise Busy()
        self.in_flight += 1
        try:
            future = self._executor.submit(run_job, job)
        except concurrent.futures.BrokenExecutor:
            self.in_flight -= 1
            self._restart()
            raise
        future.add_done_callback(self._release)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except asyncio.TimeoutError:
            raise TimedOut() from None  # a job not started yet was withdrawn with the wait
        except concurrent.futures.BrokenExecutor:
            self._restart()
            raise

    def _restart(self) -> None:
        """A worker process died (killed, out of memory): replace the pool."""
        old, self._executor = self._executor, self._new_executor()
        if old is not None:
            old.shutdown(wait=False, cancel_futures=True)
