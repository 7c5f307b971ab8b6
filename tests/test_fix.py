"""--fix and --diff: only safe edits, the file otherwise untouched, a diff that applies."""

from __future__ import annotations

import json
import subprocess
import sys

import mtqa
from mtqa import fix


def _mtqa(*args):
    return subprocess.run([sys.executable, "-m", "mtqa", "check", *map(str, args), "--no-fluency"],
                          capture_output=True, text=True, check=False)


def _codes(path) -> list[str]:
    report = json.loads(_mtqa(path, "-f", "json").stdout)
    return [f["code"] for f in report["documents"][0]["findings"]]


def test_diff_shows_the_furniture_removed_and_changes_nothing(seed_path, tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes(seed_path.read_bytes())
    proc = _mtqa(article, "--diff")
    assert article.read_bytes() == seed_path.read_bytes()
    removed = [line[1:] for line in proc.stdout.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in proc.stdout.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert any(line.startswith("See also") for line in removed)
    assert "Leave a Reply" in removed
    assert added == []  # the names are chosen by a word list here: not confirmed, not changed
    assert "would fix" in proc.stderr


def test_fix_removes_the_furniture_and_keeps_every_other_line(seed_path, tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes(seed_path.read_bytes())
    before = set(_codes(article))
    assert {"BP001", "BP002", "BP003"} <= before
    proc = _mtqa(article, "--fix")
    assert "fixed" in proc.stderr
    after_text = article.read_text("utf-8")
    assert "See also" not in after_text and "Leave a Reply" not in after_text
    lines = seed_path.read_text("utf-8").splitlines()
    kept = [line for i, line in enumerate(lines)
            if line.strip() and not any(m in line for m in ("See also", "Leave a Reply", "Your email", "Obasanjo",
                                                           "Coffee trailblazer"))
            and not (i > 0 and line.replace("-", "–") == lines[0])]  # the headline shown again (BP007)
    assert [line for line in after_text.splitlines() if line.strip()] == kept
    after = _codes(article)
    assert not any(code.startswith("BP") for code in after)
    assert set(after) == before - {"BP001", "BP002", "BP003", "BP007"}


def test_fix_spells_a_name_as_the_glossary_has_it(tmp_path):
    glossary = tmp_path / "glossary.yaml"
    glossary.write_text("names:\n  - Marit Solhaug\n", "utf-8")
    article = tmp_path / "a.txt"
    article.write_text(
        "Minister Marit Solhaug spoke in Oslo on Monday.\n\n"
        "Solhoug said the talks would go on. Later Solhaug met the press.\n", "utf-8")
    _mtqa(article, "--fix", "--glossary", glossary)
    text = article.read_text("utf-8")
    assert "Solhoug" not in text and text.count("Solhaug") == 3


def test_fix_repairs_mojibake_keeps_crlf_and_leaves_a_normalised_file_alone(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The mayor of TromsÃ¸ opened the new bridge on Monday.\n", "utf-8")
    _mtqa(article, "--fix")
    assert article.read_text("utf-8") == "The mayor of Tromsø opened the new bridge on Monday.\n"
    crlf = tmp_path / "b.txt"
    crlf.write_bytes(b"The mayor of Troms\xc3\x83\xc2\xb8 opened the new bridge.\r\n\r\nSee also: More news - VG\r\n")
    _mtqa(crlf, "--fix")
    assert crlf.read_bytes() == b"The mayor of Troms\xc3\xb8 opened the new bridge.\r\n\r\n"
    bom = tmp_path / "c.txt"
    original = "\ufeffThe mayor of TromsÃ¸ opened the new bridge.\n".encode()
    bom.write_bytes(original)
    proc = _mtqa(bom, "--fix")
    assert bom.read_bytes() == original  # read without its BOM: offsets would not be the file's
    assert "not fixed" in proc.stderr


def test_plan_fixes_a_finding_inside_a_removed_line_with_it():
    text = "Title\n\nBody text here.\n\nSee also: Another story - VG\n"
    report = mtqa.check(mtqa.document_from_text(text), select=["BP001"])
    (result,) = report.results
    assert result.findings
    start = text.index("See also")
    extra = mtqa.Finding("EN001", "mojibake", "encoding", mtqa.Severity.ERROR, "m", start + 4, start + 8,
                         text[start + 4 : start + 8], suggestion="xxxx")
    result.findings.append(extra)
    edits, fixed = fix.plan(result, text)
    assert len(edits) == 1 and extra in fixed
    assert fix.apply(text, edits) == "Title\n\nBody text here.\n\n"


def test_a_finding_without_an_edit_of_its_own_goes_with_the_removed_line_and_the_rest_move_with_the_text(tmp_path):
    # the scraper repeated the headline: the repeat is removed, and the idiom
    # finding on the repeat goes with it; the headline keeps its own, and the
    # body's finding is reported where its line is in the fixed file (checked again)
    headline = "Armed police action in Dalane – the police have control of two people"
    body = ("Armed police are at an address in Dalane after threats. The police have control over two people, "
            "the police say, and more patrols are on their way to the scene.")
    page = tmp_path / "page.txt"
    page.write_text(f"{headline}\n\n{headline}\n{headline}\n\n{body}\n", encoding="utf-8")
    before = json.loads(_mtqa(page, "-f", "json").stdout)["documents"][0]["findings"]
    assert sorted(f["line"] for f in before if f["code"] == "ID002") == [1, 3, 4, 6]
    after = json.loads(_mtqa(page, "--fix", "-f", "json").stdout)["documents"][0]["findings"]
    fixed = page.read_text(encoding="utf-8")
    assert fixed == f"{headline}\n\n\n{body}\n"
    idioms = [f for f in after if f["code"] == "ID002"]
    assert [f["line"] for f in idioms] == [1, 4]
    assert all(fixed[f["start"] : f["end"]] == f["text"] for f in after)


def test_after_a_fix_the_corpus_pass_runs_again_once(tmp_path):
    # a name spelled two ways in two articles is a finding of the corpus pass; the
    # fixed file is checked again, and the corpus finding is neither lost nor doubled
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Minister visits Oslo school\n\nForeign Minister Anniken Huitfeldt visited a school in Oslo on "
                 "Monday. Huitfeldt spoke to pupils about Ukraine.\n\nSource link\n", encoding="utf-8")
    b.write_text("Minister meets EU colleagues\n\nForeign Minister Anniken Hoytfeldt met her EU colleagues in "
                 "Brussels on Tuesday. Hoytfeldt said Norway would help.\n", encoding="utf-8")

    def corpus_findings(*args):
        run = subprocess.run([sys.executable, "-m", "mtqa", "check", str(a), str(b), "--no-fluency", "-f", "json",
                              *args], capture_output=True, text=True, check=False)
        docs = json.loads(run.stdout)["documents"]
        return [(d["path"], f["code"]) for d in docs for f in d["findings"] if "other document" in f["message"]]

    assert corpus_findings() == [(str(b), "NC001")]
    assert corpus_findings("--fix") == [(str(b), "NC001")]
    assert "Source link" not in a.read_text(encoding="utf-8")


FURNISHED = ("Minister visits Oslo school\n\nForeign Minister Anniken Huitfeldt visited a school in Oslo on Monday "
             "and spoke to pupils.\n\nSee also: Another story about schools - VG\n")


def test_a_file_named_twice_is_fixed_once_and_both_readings_speak_of_the_fixed_file(tmp_path):
    page = tmp_path / "a.txt"
    page.write_text(FURNISHED, encoding="utf-8")
    diff = _mtqa(page, page, "--diff")
    assert diff.stdout.count("-See also") == 1  # one hunk, which git apply takes
    run = _mtqa(page, page, "--fix", "-f", "json")
    assert run.returncode == 0, run.stderr
    assert [d["findings"] for d in json.loads(run.stdout)["documents"]] == [[], []]
    assert "See also" not in page.read_text(encoding="utf-8")


def test_a_file_that_was_all_furniture_is_an_error_once_fixed(tmp_path):
    page = tmp_path / "a.txt"
    page.write_text("Source link\n", encoding="utf-8")
    run = _mtqa(page, "--fix", "-f", "json")
    assert page.read_text(encoding="utf-8") == ""
    assert run.returncode == 2
    report = json.loads(run.stdout)
    assert [e["message"] for e in report["errors"]] == [f"{page}: the article is empty (no text to check)"]
    assert all(not d["findings"] for d in report["documents"])


def test_fix_leaves_a_line_the_article_asks_to_keep(tmp_path):
    page = tmp_path / "a.md"
    page.write_text(FURNISHED.replace("See also:", "<!-- mtqa: ignore-next-line BP001 -->\nSee also:"),
                    encoding="utf-8")
    before = page.read_text(encoding="utf-8")
    run = _mtqa(page, "--fix", "-f", "json")
    assert page.read_text(encoding="utf-8") == before
    assert "suppressed nothing" not in run.stdout + run.stderr


def test_fix_keeps_the_files_permissions_and_writes_through_a_link(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    page = real / "a.txt"
    page.write_text(FURNISHED, encoding="utf-8")
    page.chmod(0o664)
    link = tmp_path / "link.txt"
    link.symlink_to(page)
    _mtqa(link, "--fix")
    assert link.is_symlink()
    assert "See also" not in page.read_text(encoding="utf-8")
    assert page.stat().st_mode & 0o777 == 0o664


def test_fix_respells_an_organisation_the_glossary_names(tmp_path):
    glossary = tmp_path / "names.yaml"
    glossary.write_text("names:\n  - name: NATO-Russia Council\n    kind: organisation\n", encoding="utf-8")
    page = tmp_path / "a.txt"
    page.write_text("Council meets in Brussels\n\nThe NATO-Russia Council met on Monday, and the talks will go on. "
                    "The NATO and Russia Council will meet again.\n", encoding="utf-8")
    run = _mtqa(page, "--fix", "--glossary", glossary, "-f", "json")
    assert "NATO and Russia Council" not in page.read_text(encoding="utf-8"), run.stderr
    assert not [f for f in json.loads(run.stdout)["documents"][0]["findings"] if f["code"] == "NC003"]


DALANE = ("Armed police action in Dalane – the police have control of two people\n\n"
          "Armed police action in Dalane – the police have control of two people\n\n"
          "Armed police are at an address in Dalane after threats. The police have control over two people, "
          "the police say, and more patrols are on their way to the scene.\n")


def test_the_fixed_files_are_checked_again_by_workers_and_recorded_for_resume(tmp_path):
    # two files fixed, checked again by two worker processes: every position is the
    # fixed file's; the results file gains their records, so --resume reuses them
    from mtqa.loaders import iter_documents
    from mtqa.results import document_key

    pages = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for page in pages:
        page.write_text(DALANE, encoding="utf-8")
    results = tmp_path / "results.jsonl"
    run = _mtqa(*pages, "--fix", "--jobs", "2", "--results", results, "-f", "json")
    assert "checking the 2 fixed file(s) again" in run.stderr
    for page, doc in zip(pages, json.loads(run.stdout)["documents"]):
        text = page.read_text(encoding="utf-8")
        assert text.count("Armed police action") == 1
        assert [f["line"] for f in doc["findings"] if f["code"] == "ID002"] == [1, 4]
        assert all(text[f["start"] : f["end"]] == f["text"] for f in doc["findings"])
    keys = {json.loads(line).get("key") for line in results.read_text(encoding="utf-8").splitlines()}
    fixed = [document_key(doc) for doc in iter_documents([str(p) for p in pages])]
    assert set(fixed) <= keys
    again = _mtqa(*pages, "--results", results, "--resume", "-f", "json")
    assert json.loads(again.stdout)["documents"] == json.loads(run.stdout)["documents"]


def test_ctrl_c_while_the_fixed_files_are_checked_again_says_they_were_written(tmp_path, monkeypatch):
    import pytest

    from mtqa import corpus
    from mtqa.run import Interrupted, RunOptions, run

    page = tmp_path / "a.txt"
    page.write_text(FURNISHED, encoding="utf-8")
    passes = []
    first_pass = corpus.CorpusRun.run

    def interrupted_second_pass(self, items):
        passes.append(self)
        if len(passes) > 1:
            raise KeyboardInterrupt
        yield from first_pass(self, items)

    monkeypatch.setattr(corpus.CorpusRun, "run", interrupted_second_pass)
    with pytest.raises(Interrupted, match="--fix had written them") as caught:
        run(RunOptions([str(page)], settings={"fluency": False, "document-timeout": 30.0}, fix=True, isolated=True))
    assert str(page) in str(caught.value)
    assert passes[1].timeout == 30.0  # the second pass keeps the run's limit per document
    assert "See also" not in page.read_text(encoding="utf-8")
