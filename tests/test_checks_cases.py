"""Every check code has pass and fail cases: its docstring examples and a YAML
case file in tests/cases/CODE.yml.  A check without cases fails this suite."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import mtqa
from mtqa.checks import all_checks
from mtqa.checks.base import REQUIREMENTS
from mtqa.loaders import iter_documents

CASES = Path(__file__).resolve().parent / "cases"
CHECKS = {c.code: c for c in all_checks()}


def _case_files():
    return sorted(CASES.glob("*.yml"))


def _load_cases():
    out = []
    for path in _case_files():
        data = yaml.safe_load(path.read_text("utf-8"))
        for case in data["cases"]:
            out.append(pytest.param(data["code"], case, id=f"{data['code']}-{case['name']}"))
    return out


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_every_check_has_a_case_file_with_flagged_and_allowed_cases(code):
    path = CASES / f"{code}.yml"
    assert path.exists(), f"{code} has no case file {path.name}"
    cases = yaml.safe_load(path.read_text("utf-8"))["cases"]
    assert any(c["flags"] for c in cases), f"{code}: no case that flags"
    assert any(not c["flags"] for c in cases), f"{code}: no case that allows"


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_every_check_is_documented(code):
    check = CHECKS[code]
    doc = check.doc
    assert doc.summary and doc.summary.endswith((".", ")")), f"{code}: no one-line summary"
    assert doc.flags, f"{code}: the docstring has no Flags: examples"
    assert doc.allows, f"{code}: the docstring has no Allows: examples"
    assert check.family in mtqa.model.FAMILIES
    assert check.name.replace("-", "").isalpha() and check.name.islower()


def _findings(code: str, text: str, tmp_path: Path, encoding: str | None = None, model: str | None = None,
              file: str | None = None, **fields):
    if encoding is None and file is None:
        doc = mtqa.document_from_text(text, **fields)
    else:  # `file`: the case text is that file (a translation file: case.xlf), read through the loader
        encoding = encoding or "utf-8"
        path = tmp_path / (file or "case.txt")
        path.write_bytes(text.encode(encoding))
        (doc,) = list(iter_documents([path]))
        assert isinstance(doc, mtqa.Document), doc
    report = mtqa.check(doc, select=[code], model=model)
    assert not report.errors, report.errors
    for result in report.results:  # a check that was skipped cannot pass a case
        assert not [n for n in result.notes if n.startswith("skipped") and code in n], result.notes
    return [f for f in report.findings if f.code == code]


@pytest.mark.parametrize("code,case", _load_cases())
def test_case(code, case, tmp_path):
    assert code in CHECKS, f"case file for unknown code {code}"
    fields = {k: case[k] for k in ("source", "reference") if k in case}
    found = _findings(code, case["text"], tmp_path, case.get("encoding"), case.get("model"), case.get("file"),
                      **fields)
    assert [f.text for f in found] == case["flags"]
    if "suggestions" in case:
        assert [f.suggestion for f in found] == case["suggestions"]
    if "severities" in case:
        assert [str(f.severity) for f in found] == case["severities"]
    for f in found:
        assert f.family == CHECKS[code].family
        if not CHECKS[code].variable_severity:
            assert f.severity == CHECKS[code].severity


def _docstring_examples():
    for code, check in sorted(CHECKS.items()):
        if not check.examples_are_text:
            continue
        for text in check.doc.flags:
            yield pytest.param(code, text, True, id=f"{code}-flags-{text[:30]}")
        for text in check.doc.allows:
            yield pytest.param(code, text, False, id=f"{code}-allows-{text[:30]}")


@pytest.mark.parametrize("code,text,flagged", list(_docstring_examples()))
def test_docstring_example(code, text, flagged, tmp_path):
    """What `mtqa explain` shows is true: Flags examples fire, Allows do not."""
    found = _findings(code, text, tmp_path)
    assert bool(found) is flagged, [f.to_dict() for f in found]


def test_examples_that_are_not_text_have_cases_with_files_or_sources():
    """Checks whose docstring examples describe files, source/translation pairs
    or lines of their own (" / " in an example) are exercised by case files with
    an encoding, a source or a text of several lines besides its title."""
    for code, check in CHECKS.items():
        if not check.examples_are_text:
            cases = yaml.safe_load((CASES / f"{code}.yml").read_text("utf-8"))["cases"]
            lines = all(" / " in text for text in check.doc.flags)  # the examples are lines of their own
            assert any(
                (({"encoding", "file", "source", "reference"} & set(c)) or (lines and c["text"].strip().count("\n\n") >= 2))
                and c["flags"]
                for c in cases
            ), code


def test_the_readme_check_table_lists_every_check_as_it_is():
    """README.md's table of checks: one row per check, with its name, family,
    default severity and what it needs, so the documentation cannot drift."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    rows = {}
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0] in CHECKS:
            rows[cells[0]] = cells[1:]
    expected = {
        code: [c.name, c.family, str(c.severity), ", ".join(r for r in REQUIREMENTS if r in c.requires) or "-"]
        for code, c in CHECKS.items()
    }
    assert rows == expected
