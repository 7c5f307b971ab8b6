"""Corpus runs: streaming JSONL, the results file and --resume, worker processes, the summary."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import mtqa
from mtqa.api import Checker
from mtqa.checks.base import Check
from mtqa.corpus import CorpusRun, ResultsFile, iter_inputs, run_identity
from mtqa.model import MtqaError, Severity

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b3dce5b5bb70e21c.txt"

ARTICLES = [
    "Prime Minister Jonas Gahr Støre spoke in Oslo on Monday. He said the budget was fair.",
    "Prime Minister Jonas Gahr Støre met the king. The meeting lasted an hour.",
    "Prime Minister Jonas Gahr Store visited Bergen. He was greeted by the mayor.",
    "The the committee met on Tuesday. It agreed on the plan.",
    "Foreign Minister Anniken Huitfeldt said that Norway stands firm. Huitfeldt spoke to reporters.",
]


def write_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = ARTICLES[i % len(ARTICLES)]
        (folder / f"a{i:03d}.txt").write_text(f"Article {i}\n\n{text}\n", encoding="utf-8")
    return folder


def mtqa_cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mtqa", *args], capture_output=True, text=True, cwd=ROOT, timeout=600, **kwargs
    )


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def stored_results(path: Path) -> dict[str, dict]:
    """The document records of a results file, by key; a key stored twice fails the test."""
    records = [r for r in lines(path)[1:] if r.get("type") == "document"]
    keys = [r["key"] for r in records]
    assert len(keys) == len(set(keys)), "a document was stored twice"
    return {r["key"]: r["result"] for r in records}


# -- the library ---------------------------------------------------------------------
def test_worker_processes_give_the_results_of_one_process(tmp_path):
    corpus = write_corpus(tmp_path / "c", 12)
    checker = Checker(fluency=False)
    one = list(CorpusRun(checker, jobs=1).run(iter_inputs(checker, [str(corpus)])))
    run = CorpusRun(checker, jobs=2)
    two = list(run.run(iter_inputs(checker, [str(corpus)])))
    assert [o.result.to_dict() for o in one] == [o.result.to_dict() for o in two]
    assert [o.index for o in two] == list(range(12))
    assert any(o.result.findings for o in two)
    # the names across documents: "Store" where two other articles write "Støre"
    found, errors = run.corpus_findings()
    assert errors == []
    assert {(two[i].result.id.rsplit("/", 1)[-1], f.text, f.suggestion) for i, f in found} >= {
        ("a002.txt", "Store", "Støre")
    }


def test_corpus_run_equals_check_on_the_same_documents(tmp_path):
    corpus = write_corpus(tmp_path / "c", 6)
    checker = Checker(fluency=False)
    run = CorpusRun(checker, jobs=1)
    outcomes = list(run.run(iter_inputs(checker, [str(corpus)])))
    found, _ = run.corpus_findings()
    for index, finding in found:
        outcomes[index].result.findings.append(finding)
    report = Checker(fluency=False).check([str(corpus)])
    assert sorted(
        (o.result.id, f.code, f.start) for o in outcomes for f in o.result.findings
    ) == sorted((r.id, f.code, f.start) for r in report.results for f in r.findings)


class _Explodes(Check):
    """A check that fails on articles that mention Bergen (for the test).

    Flags:
    - (none)

    Allows:
    - (none)
    """

    code = "XX901"
    name = "explodes"
    family = "grammar"
    severity = Severity.WARNING

    def run(self, doc, ctx):
        if "Bergen" in doc.text:
            raise RuntimeError("boom")
        return ()


def test_a_failing_check_marks_the_document_failed_and_the_run_goes_on(tmp_path):
    corpus = write_corpus(tmp_path / "c", 5)
    checker = Checker(fluency=False, checks=[_Explodes()])
    store = ResultsFile(tmp_path / "r.jsonl", run_identity(checker))
    outcomes = list(CorpusRun(checker, jobs=2, results=store).run(iter_inputs(checker, [str(corpus)])))
    assert len(outcomes) == 5
    failed = [o for o in outcomes if o.failed]
    assert [o.result.id.rsplit("/", 1)[-1] for o in failed] == ["a002.txt"]
    assert "internal error in check XX901 (RuntimeError: boom" in failed[0].errors[0].message
    records = [r for r in lines(tmp_path / "r.jsonl")[1:]]
    assert [r["status"] for r in records] == ["ok", "ok", "failed", "ok", "ok"]
    assert "boom" in records[2]["errors"][0]
    # the other checks still ran on the failed document
    assert records[2]["result"]["scores"] is not None


def test_results_file_drops_a_line_cut_short_and_skips_what_is_done(tmp_path):
    corpus = write_corpus(tmp_path / "c", 4)
    checker = Checker(fluency=False)
    path = tmp_path / "r.jsonl"
    store = ResultsFile(path, run_identity(checker))
    list(CorpusRun(checker, results=store).run(iter_inputs(checker, [str(corpus)])))
    text = path.read_bytes()
    last = text.rstrip(b"\n").rsplit(b"\n", 1)[-1]
    path.write_bytes(text[: len(text) - len(last) // 2 - 1])  # the last record cut in half
    store = ResultsFile(path, run_identity(checker), resume=True)
    assert len(store) == 3
    outcomes = list(CorpusRun(checker, results=store).run(iter_inputs(checker, [str(corpus)])))
    assert [o.stored for o in outcomes] == [True, True, True, False]
    assert len(stored_results(path)) == 4


def test_results_file_refuses_another_configuration_and_an_accidental_overwrite(tmp_path):
    path = tmp_path / "r.jsonl"
    checker = Checker(fluency=False, select=["GR"])
    ResultsFile(path, run_identity(checker)).close()
    with pytest.raises(MtqaError, match="exists: add --resume"):
        ResultsFile(path, run_identity(checker))
    other = Checker(fluency=False, select=["NC"])
    with pytest.raises(MtqaError, match="written by another configuration .*signature"):
        ResultsFile(path, run_identity(other), resume=True)
    path.write_text("not json\n")
    with pytest.raises(MtqaError, match="not an mtqa results file"):
        ResultsFile(path, run_identity(checker), resume=True)


# -- the command line -----------------------------------------------------------------
def test_jsonl_streams_documents_corpus_findings_and_the_summary(tmp_path):
    corpus = write_corpus(tmp_path / "c", 5)
    proc = mtqa_cli("check", str(corpus), "--no-fluency", "-f", "jsonl", "-j", "1", "-q")
    assert proc.returncode == 1, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["type"] for r in records] == ["document"] * 5 + ["corpus-finding", "summary"]
    corpus_finding = records[5]
    assert corpus_finding["id"].endswith("a002.txt") and corpus_finding["finding"]["text"] == "Store"
    summary = records[-1]
    assert summary["documents"] == 5 and summary["corpus_findings"] == 1
    assert summary["by_code"]["GR003"] == 1 and summary["by_code"]["NC001"] == 1
    assert summary["worst_documents"][0]["id"].endswith(("a002.txt", "a003.txt"))


def test_resume_without_results_is_a_usage_error(tmp_path):
    proc = mtqa_cli("check", str(SEED), "--no-fluency", "--resume")
    assert proc.returncode == 2 and "--resume needs --results" in proc.stderr


def test_a_killed_run_resumes_to_the_results_of_an_uninterrupted_run(tmp_path):
    corpus = write_corpus(tmp_path / "c", 60)
    whole = tmp_path / "whole.jsonl"
    proc = mtqa_cli("check", str(corpus), "--no-fluency", "-j", "1", "-q", "--results", str(whole), "-f", "jsonl", "-o", str(tmp_path / "w.out"))
    assert proc.returncode == 1, proc.stderr
    expected = stored_results(whole)
    assert len(expected) == 60

    cut = tmp_path / "cut.jsonl"
    args = [sys.executable, "-m", "mtqa", "check", str(corpus), "--no-fluency", "-j", "2", "-q",
            "--results", str(cut), "-f", "jsonl", "-o", str(tmp_path / "c.out")]
    child = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        done = cut.read_text("utf-8").count('"type": "document"') if cut.exists() else 0
        if done >= 10 or child.poll() is not None:
            break
        time.sleep(0.05)
    assert child.poll() is None, "the run ended before it could be killed"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    partial = stored_results(cut)
    assert 10 <= len(partial) < 60

    proc = mtqa_cli("check", str(corpus), "--no-fluency", "-j", "2", "--results", str(cut), "--resume",
                    "-f", "jsonl", "-o", str(tmp_path / "c.out"))
    assert proc.returncode == 1, proc.stderr
    assert f"resuming {cut}: {len(partial)} document(s) done" in proc.stderr
    assert stored_results(cut) == expected
    # the rendered output is the whole corpus's, the same as the uninterrupted run's
    assert (tmp_path / "c.out").read_text("utf-8") == (tmp_path / "w.out").read_text("utf-8")


def test_resume_with_another_model_or_checks_is_refused(tmp_path):
    corpus = write_corpus(tmp_path / "c", 2)
    results = tmp_path / "r.jsonl"
    assert mtqa_cli("check", str(corpus), "--no-fluency", "-q", "--results", str(results)).returncode == 0
    proc = mtqa_cli("check", str(corpus), "-q", "--results", str(results), "--resume")
    assert proc.returncode == 2
    assert "written by another configuration" in proc.stderr and "model:none" in proc.stderr


def test_corpus_summary_in_the_json_report(tmp_path):
    corpus = write_corpus(tmp_path / "c", 3)
    report = mtqa.check([str(corpus)], fluency=False)
    summary = report.to_dict()["corpus"]
    assert summary["documents"] == 3
    assert summary["by_family"] == dict(sorted(report.counts("family").items()))
    assert summary["fluency"] is None


# -- resume that loses nothing (issue 19) ---------------------------------------------
def _stored_run(tmp_path, n: int):
    corpus = write_corpus(tmp_path / "c", n)
    checker = Checker(fluency=False, select=["GR"])
    path = tmp_path / "r.jsonl"
    store = ResultsFile(path, run_identity(checker))
    list(CorpusRun(checker, results=store).run(iter_inputs(checker, [str(corpus)])))
    return corpus, checker, path


@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_a_damaged_line_is_named_and_skipped_and_every_record_after_it_kept(tmp_path, where):
    corpus, checker, path = _stored_run(tmp_path, 6)
    rows = path.read_bytes().splitlines(keepends=True)  # header + 6 records
    damaged = {"start": 1, "middle": 3, "end": 6}[where]
    rows[damaged] = rows[damaged][: len(rows[damaged]) // 2] + b"\x00\xff garbage\n"
    path.write_bytes(b"".join(rows))
    store = ResultsFile(path, run_identity(checker), resume=True)
    assert len(store) == 5
    (warning,) = store.warnings
    assert f"line {damaged + 1} is not a valid record" in warning
    outcomes = list(CorpusRun(checker, results=store).run(iter_inputs(checker, [str(corpus)])))
    assert [o.stored for o in outcomes] == [i != damaged - 1 for i in range(6)]
    # the damaged document checked again, nothing duplicated; the damaged line left where it was
    keys = [json.loads(row)["key"] for row in path.read_bytes().splitlines()[1:] if row != rows[damaged].rstrip()]
    assert len(keys) == len(set(keys)) == 6


def test_only_a_torn_last_line_is_cut_and_a_damaged_line_before_it_is_kept_apart(tmp_path):
    corpus, checker, path = _stored_run(tmp_path, 4)
    rows = path.read_bytes().splitlines(keepends=True)
    rows[2] = b"{not json\n"
    rows[4] = rows[4][:10]  # torn by a kill: no newline
    path.write_bytes(b"".join(rows))
    store = ResultsFile(path, run_identity(checker), resume=True)
    assert len(store) == 2
    assert "line 3 is not a valid record" in store.warnings[0]
    store.close()
    assert path.read_bytes() == b"".join(rows[:4])  # the torn line dropped, the rest kept as it was


def test_a_valid_json_line_that_is_not_a_record_is_damaged(tmp_path):
    corpus, checker, path = _stored_run(tmp_path, 3)
    rows = path.read_bytes().splitlines(keepends=True)
    rows.insert(2, b'[1, 2]\n')
    rows.insert(3, b'{"type": "document", "key": 7}\n')
    path.write_bytes(b"".join(rows))
    store = ResultsFile(path, run_identity(checker), resume=True)
    assert len(store) == 3
    assert "lines 3, 4 are not a valid record" in store.warnings[0]


# -- per-document timeout ----------------------------------------------------------------
class _Sleeps(Check):
    """A check that takes a minute on articles that mention Bergen (for the test).

    Flags:
    - (none)

    Allows:
    - (none)
    """

    code = "XX902"
    name = "sleeps"
    family = "grammar"
    severity = Severity.WARNING

    def run(self, doc, ctx):
        if "Bergen" in doc.text:
            time.sleep(120)
        return ()


def test_a_document_over_the_timeout_is_failed_with_the_reason_and_the_run_goes_on(tmp_path):
    corpus = write_corpus(tmp_path / "c", 4)
    checker = Checker(fluency=False, select=["GR003"], checks=[_Sleeps()])
    store = ResultsFile(tmp_path / "r.jsonl", run_identity(checker))
    outcomes = list(CorpusRun(checker, jobs=1, timeout=1, results=store).run(iter_inputs(checker, [str(corpus)])))
    assert [o.failed for o in outcomes] == [False, False, True, False]
    (error,) = outcomes[2].errors
    assert "a002.txt: the rule checks took longer than --document-timeout (1 s)" in error.message
    assert [f.code for f in outcomes[3].result.findings] == ["GR003"]  # "The the" after the slow one
    assert [r["status"] for r in lines(tmp_path / "r.jsonl")[1:]] == ["ok", "ok", "failed", "ok"]


def test_default_jobs_fit_the_memory_and_the_documents(monkeypatch):
    from mtqa import corpus

    monkeypatch.setattr(corpus, "available_memory", lambda: 3 * corpus.WORKER_MEMORY)
    monkeypatch.setattr(corpus.os, "sched_getaffinity", lambda pid: set(range(16)), raising=False)
    assert corpus.default_jobs() == 2  # 80 % of three workers' memory: two
    assert corpus.default_jobs(documents=5) == 1  # too few documents to repay a worker's start
    monkeypatch.setattr(corpus, "available_memory", lambda: 100 * corpus.WORKER_MEMORY)
    assert corpus.default_jobs() == 16
    assert corpus.default_jobs(documents=5 * corpus.DOCUMENTS_PER_WORKER + 3) == 5
    monkeypatch.setattr(corpus, "available_memory", lambda: 0)
    assert corpus.default_jobs() == 1
