"""The Ray engine: the same results as the local engine, computed in Ray's worker processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from mtqa.api import Checker
from mtqa.corpus import CorpusRun, ResultsFile, iter_inputs, run_identity
from mtqa.engines.ray import RayRun
from tests.test_corpus import ROOT, lines, write_corpus


def test_ray_engine_runs_in_ray_workers_and_equals_the_local_engine(tmp_path):
    corpus = write_corpus(tmp_path / "c", 10)
    # fluency on: the tiny test model (tests/conftest.py) runs in the model actors
    checker = Checker()
    assert checker.needs_model
    checker.load_model()
    store = ResultsFile(tmp_path / "ray.jsonl", run_identity(checker))
    run = RayRun(checker, jobs=2, results=store, window=4)
    ray_outcomes = list(run.run(iter_inputs(checker, [str(corpus)])))
    ray_found, _ = run.corpus_findings()

    assert run.worker_pids and os.getpid() not in run.worker_pids
    assert run.model_pids and os.getpid() not in run.model_pids
    assert run.model_pids.isdisjoint(run.worker_pids)  # tasks and actors are separate stages

    local = CorpusRun(checker, jobs=1)
    local_outcomes = list(local.run(iter_inputs(checker, [str(corpus)])))
    local_found, _ = local.corpus_findings()
    assert [o.result.to_dict() for o in ray_outcomes] == [o.result.to_dict() for o in local_outcomes]
    assert all(o.result.scores["sentences"] for o in ray_outcomes)
    assert [(i, f.to_dict()) for i, f in ray_found] == [(i, f.to_dict()) for i, f in local_found]
    assert len([r for r in lines(tmp_path / "ray.jsonl") if r.get("type") == "document"]) == 10


def test_cli_engine_ray_gives_the_local_engines_jsonl(tmp_path):
    corpus = write_corpus(tmp_path / "c", 4)

    def run(*extra):
        proc = subprocess.run(
            [sys.executable, "-m", "mtqa", "check", str(corpus), "--no-fluency", "-q", "-f", "jsonl", *extra],
            capture_output=True, text=True, cwd=ROOT, timeout=600,
        )
        assert proc.returncode == 1, proc.stderr
        return [json.loads(line) for line in proc.stdout.splitlines()]

    assert run("--engine", "ray", "-j", "2") == run("--engine", "local", "-j", "1")
