"""``--engine ray``: the corpus pipeline on Ray Data.

The documents are read lazily here (the driver) in windows of ``window``
documents; each window is a Ray dataset whose rule checks run as
``map_batches`` tasks on the cluster's CPUs and whose reference-model scoring
runs in an actor pool (``model_actors`` actors, each with ``num_gpus`` GPUs
where the cluster has them).  The driver combines each document's parts
exactly as the local engine does (:meth:`mtqa.Checker.combine`), stores them
in the results file and yields them in input order: the results are the
local engine's.

``address``: an existing cluster (``ray://host:10001`` or ``auto``); default
``$RAY_ADDRESS``, else a local cluster started for the run with ``jobs``
CPUs.  Every node needs mtqa installed and, for fluency, the model prepared
(``mtqa model prepare``).
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable, Iterator
from typing import Any

from mtqa.corpus import CorpusPass, CorpusStates, checked_outcome, forget_rules_only, worker_copy
from mtqa.loaders import DocumentError
from mtqa.model import Document, MtqaError
from mtqa.results import Outcome, ResultsFile, document_key, stored_outcome

#: CPUs a rule-check task asks for (the model actors ask for 1).
RULE_CPUS = 0.5

#: The checker each Ray worker process unpickled, by the hash of its pickle.
_CHECKERS: dict[int, Any] = {}


def _checker(blob: bytes):
    key = hash(blob)
    if key not in _CHECKERS:
        _CHECKERS.clear()
        _CHECKERS[key] = pickle.loads(blob)
    return _CHECKERS[key]


def _rules_batch(batch: dict[str, Any], blob: bytes) -> dict[str, Any]:
    """A Ray task: the rule checks of a batch of documents."""
    checker = _checker(blob)
    docs, parts = [], []
    for raw in batch["doc"]:
        doc = pickle.loads(raw)
        parts.append(pickle.dumps(checker.check_rules(doc)))
        # with what the checks cached (the alignment), not what they shared (the names analysis)
        docs.append(pickle.dumps(forget_rules_only(doc)))
    return {
        "index": batch["index"],
        "doc": docs,
        "rules": parts,
        "rules_pid": [os.getpid()] * len(docs),
    }


class _ModelActor:
    """A Ray actor holding the reference model; scores batches of documents."""

    def __init__(self, blob: bytes, threads: int | None = None) -> None:
        if threads:
            import torch

            # Ray limits an actor to its CPU share's threads; the model may use more
            torch.set_num_threads(threads)
        self.checker = pickle.loads(blob)
        self.checker.load_model()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        docs = [pickle.loads(raw) for raw in batch["doc"]]
        scorer = self.checker.context.scorer
        if scorer is not None and len(docs) > 1:
            scorer.prefetch(docs)
        parts = [pickle.dumps(self.checker.check_model(doc)) for doc in docs]
        return {**batch, "model": parts, "model_pid": [os.getpid()] * len(docs)}


class RayRun(CorpusPass):
    """Check a corpus on Ray; the interface of :class:`mtqa.corpus.CorpusRun`."""

    def __init__(
        self,
        checker,
        *,
        results: ResultsFile | None = None,
        address: str | None = None,
        jobs: int | None = None,
        batch: int | None = None,
        window: int = 512,
        model_actors: int = 1,
        num_gpus: float | None = None,
        model_threads: int | None = None,
    ) -> None:
        try:
            import ray  # noqa: F401
            import ray.data  # noqa: F401
        except ImportError:
            raise MtqaError("--engine ray needs Ray Data: pip install 'mtqa[ray]'") from None
        self.checker = checker
        self.results = results
        self.address = address or os.environ.get("RAY_ADDRESS") or None
        self.jobs = jobs
        self.batch = max(1, batch or checker.batch_documents)
        self.window = max(1, window)
        self.model_actors = max(1, model_actors)
        self.num_gpus = num_gpus
        #: torch threads in each model actor (default: this machine's CPUs on a local cluster)
        self.model_threads = model_threads
        self.uses_model = checker.needs_model
        self.states = CorpusStates()
        self.count = 0
        #: Process ids that ran rule checks and model scoring (the driver's is not among them).
        self.worker_pids: set[int] = set()
        self.model_pids: set[int] = set()
        self._started = False

    # -- the cluster ------------------------------------------------------------
    def _init(self) -> None:
        import ray

        if not ray.is_initialized():
            import logging

            kwargs: dict[str, Any] = {
                "ignore_reinit_error": True,
                "log_to_driver": False,
                "include_dashboard": False,
                "logging_level": logging.WARNING,
            }
            if self.address:
                kwargs["address"] = self.address
            elif self.jobs:
                kwargs["num_cpus"] = self.jobs
            try:
                ray.init(**kwargs)
            except Exception as exc:  # ConnectionError, RuntimeError ...
                raise MtqaError(f"cannot start or join the Ray cluster ({type(exc).__name__}: {exc})") from None
            self._started = True
        from ray.data import DataContext

        ctx = DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = False
        self._blob = worker_copy(self.checker)
        if self.model_threads is None and not self.address:
            self.model_threads = os.cpu_count() or 1
        if self.num_gpus is None:
            self.num_gpus = 1 if ray.cluster_resources().get("GPU", 0) >= 1 else 0

    def close(self) -> None:
        if self.results is not None:
            self.results.close()
        if self._started:
            import ray

            ray.shutdown()
            self._started = False

    # -- running ----------------------------------------------------------------
    def run(self, items: Iterable[Document | DocumentError]) -> Iterator[Outcome]:
        self._init()
        try:
            window: list[tuple[int, Document | DocumentError, dict | None]] = []
            for item in items:
                stored = None
                if isinstance(item, Document):
                    index = self.count
                    self.count += 1
                    if self.results is not None:
                        stored = self.results.get(document_key(item))
                else:
                    index = -1
                window.append((index, item, stored))
                if sum(1 for i, it, st in window if isinstance(it, Document) and st is None) >= self.window:
                    yield from self._window(window)
                    window = []
            yield from self._window(window)
        finally:
            self.close()

    def _window(self, window) -> Iterator[Outcome]:
        import ray.data

        todo = [(i, it) for i, it, st in window if isinstance(it, Document) and st is None]
        computed: dict[int, dict[str, Any]] = {}
        if todo:
            ds: ray.data.Dataset = ray.data.from_items([{"index": i, "doc": pickle.dumps(doc)} for i, doc in todo])
            # the rule checks as tasks; their CPU share differs from the actors'
            # so that Ray does not fuse the two stages into the actors
            ds = ds.map_batches(
                _rules_batch,  # type: ignore[arg-type]  # fn_kwargs gives its second argument, blob
                fn_kwargs={"blob": self._blob},
                batch_size=16,
                num_cpus=RULE_CPUS,
            )
            if self.uses_model:
                ds = ds.map_batches(
                    _ModelActor,
                    fn_constructor_kwargs={"blob": self._blob, "threads": self.model_threads},
                    batch_size=self.batch,
                    compute=ray.data.ActorPoolStrategy(size=self.model_actors),
                    num_cpus=1,
                    num_gpus=self.num_gpus or None,
                )
            for row in ds.iter_rows():
                computed[int(row["index"])] = row
        for index, item, stored in window:
            if isinstance(item, DocumentError):
                yield Outcome(None, [item])
                continue
            if stored is not None:
                outcome = stored_outcome(stored, item, index)
            else:
                row = computed[index]
                doc = pickle.loads(row["doc"])
                rules = pickle.loads(row["rules"])
                self.worker_pids.add(int(row["rules_pid"]))
                parts = [rules]
                if self.uses_model:
                    parts.append(pickle.loads(row["model"]))
                    self.model_pids.add(int(row["model_pid"]))
                outcome = checked_outcome(self.checker, doc, parts, index, self.results)
            self.states.add(outcome)
            yield outcome
