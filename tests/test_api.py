"""The library API, as a notebook uses it."""

from __future__ import annotations

import subprocess
import sys

import pytest

import mtqa
from mtqa.checks.base import Check
from mtqa.model import Severity

from .conftest import CLEAN_ARTICLE


def test_check_a_path_text_document_or_many(seed_path):
    by_path = mtqa.check(seed_path)
    by_str_path = mtqa.check(str(seed_path))
    by_text = mtqa.check(seed_path.read_text("utf-8"))
    doc = mtqa.document_from_text(CLEAN_ARTICLE, doc_id="clean")
    many = mtqa.check([seed_path, doc, CLEAN_ARTICLE])
    assert [f.to_dict() for f in by_path.findings] == [f.to_dict() for f in by_str_path.findings]
    assert [f.text for f in by_text.findings] == [f.text for f in by_path.findings]
    assert by_text[0].id == "<text>"
    assert [r.id for r in many] == [str(seed_path), "clean", "<text>"]
    assert many["clean"].findings == []
    assert by_path.exit_code() == 1 and many["clean"].worst() is None


def test_a_missing_path_is_reported_not_taken_as_text(tmp_path):
    report = mtqa.check(str(tmp_path / "article.txt"))
    assert report.results == [] and "no such file" in report.errors[0].message
    assert report.exit_code() == 2


def test_report_data_out(seed_path):
    report = mtqa.check(seed_path)
    records = report.to_records()
    assert len(records) == len(report.findings)
    assert all(r["document"] == str(seed_path) for r in records)
    data = report.to_dict()
    assert data["summary"]["findings"] == len(records)
    families = {}
    for r in records:
        families[r["family"]] = families.get(r["family"], 0) + 1
    assert data["summary"]["family"] == families and families["boilerplate"] == 8  # 7 blocks, the headline again


class _NeedsSource(Check):
    """Fake check that needs the Norwegian source.

    Flags:
    - x

    Allows:
    - y
    """

    code = "ZZ901"
    name = "needs-source"
    family = "accuracy"
    severity = Severity.WARNING
    requires = frozenset({"source"})

    def run(self, doc, ctx):
        yield self.finding(doc, 0, 5, "compared with the source", suggestion="fix")


class _Broken(Check):
    """Fake check that crashes."""

    code = "ZZ902"
    name = "broken"
    family = "grammar"
    severity = Severity.ERROR

    def run(self, doc, ctx):
        raise ZeroDivisionError("oops")


def test_checks_that_need_a_source_are_skipped_with_one_note():
    checker = mtqa.Checker(checks=[_NeedsSource()])
    without = checker.check(CLEAN_ARTICLE)
    assert without.findings == []
    (note,) = [n for n in without[0].notes if "ZZ901" in n]
    assert note.startswith("skipped ") and note.endswith(": no Norwegian source given")
    with_source = checker.check(mtqa.document_from_text(CLEAN_ARTICLE, source="Oslo bystyre ..."))
    assert [f.code for f in with_source.findings if f.code.startswith("ZZ")] == ["ZZ901"]
    assert not [n for n in with_source[0].notes if "ZZ901" in n]


def test_a_crashing_check_is_an_error_and_the_others_still_run(seed_path):
    report = mtqa.Checker(checks=[_Broken()]).check(seed_path)
    assert {f.code for f in report.findings} >= {"BP001", "BP002"}
    (error,) = report.errors
    assert "internal error in check ZZ902" in error.message and "ZeroDivisionError" in error.message
    assert report.exit_code() == 2


def test_unknown_selector_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown check 'NOPE'"):
        mtqa.Checker(select=["NOPE"])


def test_explain_and_list_checks():
    codes = [c.code for c in mtqa.list_checks()]
    assert codes == sorted(codes) and "BP001" in codes
    assert mtqa.explain("related-article-link").code == "BP001"
    with pytest.raises(KeyError):
        mtqa.explain("XX000")


def test_rich_rendering_of_a_report(seed_path):
    from rich.console import Console

    console = Console(record=True, width=100)
    report = mtqa.check(seed_path)
    console.print(report)
    console.print(report[0])
    text = console.export_text()
    assert text.count("BP001 related-article-link") == 4


@pytest.mark.parametrize(
    "code",
    [
        "import mtqa",
        "import mtqa, mtqa.cli; from typer.testing import CliRunner; "
        "CliRunner().invoke(mtqa.cli.app, ['--help']); CliRunner().invoke(mtqa.cli.app, ['checks'])",
    ],
)
def test_heavy_dependencies_are_not_imported(code):
    script = code + "; import sys; print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


class _CorpusCheck(Check):
    """Fake corpus-level check: flags the first character of every document."""

    code = "ZZ903"
    name = "corpus"
    family = "names"
    severity = Severity.INFO

    def run(self, doc, ctx):
        return ()

    def finish(self, results, ctx):
        for result in results:
            yield result, self.finding(result.document, 0, 1, f"one of {len(results)}")


def test_corpus_level_findings_are_added_after_all_documents(seed_path):
    report = mtqa.Checker(checks=[_CorpusCheck()]).check([seed_path, CLEAN_ARTICLE])
    assert [[f.message for f in r.findings if f.code == "ZZ903"] for r in report] == [["one of 2"]] * 2
    single = mtqa.Checker(checks=[_CorpusCheck()]).check(CLEAN_ARTICLE)
    assert not [f for f in single.findings if f.code == "ZZ903"]


def test_a_check_with_its_own_finish_gets_the_results_or_a_clear_error_when_streamed(seed_path):
    # one corpus pass for every door: the results where the run kept them, else an error, never silence
    from mtqa.corpus import CorpusRun, iter_inputs

    checker = mtqa.Checker(checks=[_CorpusCheck()], fluency=False)
    run = CorpusRun(checker, jobs=1)
    results = [o.result for o in run.run(iter_inputs(checker, [seed_path, CLEAN_ARTICLE]))]
    found, errors = run.corpus_findings()  # streamed: no results kept
    assert found == [] and len(errors) == 1 and "overrides Check.finish" in errors[0].message
    found, errors = run.corpus_findings(results)
    assert errors == [] and [i for i, _ in found] == [0, 1]
    assert {f.message for _, f in found} == {"one of 2"}


class _SetState(Check):
    """Fake corpus-level check whose state JSON cannot hold (a set)."""

    code = "ZZ904"
    name = "set-state"
    family = "names"
    severity = Severity.INFO
    corpus_level = True

    def run(self, doc, ctx):
        return ()

    def collect(self, doc, ctx):
        return {"words": set(doc.text.split()[:3])}

    def finish_collected(self, states, ctx):
        return ()


class _BrokenCollect(_SetState):
    code = "ZZ905"
    name = "broken-collect"

    def collect(self, doc, ctx):
        raise RuntimeError("boom")


def test_a_corpus_state_json_cannot_hold_or_a_failing_collect_is_an_error_not_a_crash(seed_path):
    report = mtqa.Checker(checks=[_SetState()], fluency=False).check([seed_path, CLEAN_ARTICLE])
    assert len(report.results) == 2
    assert [e.message for e in report.errors if "ZZ904" in e.message and "JSON" in e.message]
    checker = mtqa.Checker(checks=[_BrokenCollect()], fluency=False)
    report = checker.finish(mtqa.Report(results=checker.check([seed_path, CLEAN_ARTICLE]).results))
    assert [e.message for e in report.errors if "ZZ905" in e.message and "boom" in e.message]


class _BothWays(_CorpusCheck):
    """Overrides finish, and also collects states (usable in a streaming run)."""

    code = "ZZ906"
    corpus_level = True

    def collect(self, doc, ctx):
        return doc.id

    def finish_collected(self, states, ctx):
        states = list(states)
        for index, _ in states:
            yield index, self.finding(mtqa.document_from_text("x"), 0, 1, f"one of {len(states)} (states)")


def test_a_streaming_run_of_one_document_or_of_a_check_that_also_collects_is_no_error(seed_path):
    from mtqa.corpus import CorpusRun, iter_inputs

    checker = mtqa.Checker(checks=[_CorpusCheck()], fluency=False)
    run = CorpusRun(checker, jobs=1)
    list(run.run(iter_inputs(checker, [CLEAN_ARTICLE])))
    assert run.corpus_findings() == ([], [])  # one document: no pass to miss
    checker = mtqa.Checker(checks=[_BothWays()], fluency=False)
    run = CorpusRun(checker, jobs=1)
    list(run.run(iter_inputs(checker, [seed_path, CLEAN_ARTICLE])))
    found, errors = run.corpus_findings()
    assert errors == [] and {f.message for _, f in found} == {"one of 2 (states)"}


def test_missing_glossary_is_a_clear_error(tmp_path):
    with pytest.raises(mtqa.MtqaError, match="no such file"):
        mtqa.Checker(glossary=tmp_path / "names.yaml")


def test_text_with_a_slash_is_text_and_a_path_in_an_existing_folder_is_a_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    report = mtqa.check("Oslo/Bergen", fluency=False)
    assert not report.errors and report[0].document.text == "Oslo/Bergen"
    for missing in ("articles/story", "./story", "story.txt", "articles/*.md"):
        report = mtqa.check(missing, fluency=False)
        (error,) = report.errors
        assert report.results == [], missing
        assert "no such file" in error.message or "no files match" in error.message, missing


def test_on_check_reports_each_check_of_a_document_and_stays_out_of_worker_copies():
    import pickle

    checker = mtqa.Checker(fluency=False, select=["NC001", "UT001", "GR003"])
    seen = []
    checker.on_check = lambda doc, code, index, total: seen.append((doc.id, code, index, total))
    checker.check(mtqa.document_from_text("The the cat sat on the mat.\n", doc_id="d1"))
    assert {s[1] for s in seen} == {"NC001", "UT001", "GR003"}
    assert {s[0] for s in seen} == {"d1"} and [s[2] for s in seen] == list(range(len(seen)))
    assert all(s[3] == len(seen) for s in seen) and len(seen) == 3
    assert pickle.loads(pickle.dumps(checker)).on_check is None
