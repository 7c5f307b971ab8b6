"""Checks skipped for lack of input are data (``DocumentResult.skipped``), not prose parsed back."""

from __future__ import annotations

import json

import pytest

import mtqa
from mtqa.corpus import CorpusRun, ResultsFile, iter_inputs, run_identity
from mtqa.renderers import render
from mtqa.results import Outcome, result_from_record

from .conftest import CLEAN_ARTICLE

NO_SOURCE = "no Norwegian source given"
NO_MODEL = "fluency not scored: the reference language model is off (--no-fluency)"


@pytest.fixture(scope="module")
def result():
    report = mtqa.check(mtqa.document_from_text(CLEAN_ARTICLE, doc_id="clean"), fluency=False)
    return report[0]


def _skipped_cases(xml: str) -> dict[str, str]:
    from junitparser import JUnitXml, Skipped

    return {
        case.name.split()[0]: r.message
        for suite in JUnitXml.fromstring(xml.encode("utf-8"))
        for case in suite
        for r in case.result
        if isinstance(r, Skipped)
    }


def test_skipped_checks_are_data_with_their_reasons(result):
    assert result.skipped["AC001"] == NO_SOURCE
    assert result.skipped["FL001"] == NO_MODEL
    # the prose notes are still there, unchanged
    assert any(n.startswith("skipped AC001") and n.endswith(f": {NO_SOURCE}") for n in result.notes)
    assert any(n.startswith("skipped FL001") and n.endswith(f": {NO_MODEL}") for n in result.notes)
    # every code named in a note is in the data, with the note's reason
    for note in result.notes:
        if note.startswith("skipped "):
            codes, why = note[len("skipped ") :].split(": ", 1)
            assert all(result.skipped[c] == why for c in codes.split(", "))


def test_the_json_report_format_is_unchanged(result):
    assert "skipped" not in result.to_dict()


def test_junit_marks_skips_from_the_data_not_the_notes(result):
    report = mtqa.Report(results=[result])
    before = _skipped_cases(render(report, "junit"))
    assert before["AC001"] == NO_SOURCE and before["FL001"] == NO_MODEL
    # notes that no longer say what was skipped: JUnit still marks the same checks
    reworded = mtqa.Report(
        results=[
            mtqa.DocumentResult(
                result.document,
                findings=list(result.findings),
                notes=["these notes say nothing a regex could find"],
                scores=dict(result.scores),
                skipped=dict(result.skipped),
            )
        ]
    )
    assert _skipped_cases(render(reworded, "junit")) == before
    # and notes that claim a skip without the data mark nothing
    prose_only = mtqa.Report(
        results=[mtqa.DocumentResult(result.document, notes=list(result.notes), scores=dict(result.scores))]
    )
    assert _skipped_cases(render(prose_only, "junit")) == {}


def test_a_results_file_keeps_the_skips(tmp_path, result):
    checker = mtqa.Checker(fluency=False)
    path = tmp_path / "r.jsonl"
    store = ResultsFile(path, run_identity(checker))
    store.add(Outcome(result))
    store.close()
    store = ResultsFile(path, run_identity(checker), resume=True)
    record = store.get(next(iter(store.offsets)))
    store.close()
    assert record is not None and record["skipped"] == result.skipped
    assert "skipped" not in record["result"]  # the report format inside the record is unchanged
    back = result_from_record(record, result.document)
    assert back.skipped == result.skipped and back.notes == result.notes
    # a record of an older results file, without the key, still loads: no skips, nothing parsed from notes
    old = {k: v for k, v in record.items() if k != "skipped"}
    legacy = result_from_record(old, result.document)
    assert legacy.skipped == {} and legacy.notes == result.notes


def test_a_resumed_corpus_run_keeps_the_skips(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(2):
        (corpus / f"a{i}.txt").write_text(f"Article {i}\n\n{CLEAN_ARTICLE}\n", encoding="utf-8")
    checker = mtqa.Checker(fluency=False)
    path = tmp_path / "r.jsonl"
    store = ResultsFile(path, run_identity(checker))
    first = list(CorpusRun(checker, results=store).run(iter_inputs(checker, [str(corpus)])))
    store.close()
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()[1:]]
    assert all(r["skipped"]["AC001"] == NO_SOURCE for r in records)
    store = ResultsFile(path, run_identity(checker), resume=True)
    again = list(CorpusRun(checker, results=store).run(iter_inputs(checker, [str(corpus)])))
    store.close()
    assert all(o.stored for o in again)
    assert [o.result.skipped for o in again] == [o.result.skipped for o in first]
    assert again[0].result.skipped["FL001"] == NO_MODEL
