"""The same articles through every door: the CLI, ``import mtqa`` and the notebook magic
give the same findings and the same exit code (issue 18)."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

import mtqa
from mtqa.cli import app

MARKED = (
    "Ferry traffic resumes\n\n"
    "The operator said that the the departures would run as planned from Saturday.\n\n"
    "<!-- mtqa: ignore UT -->\n"
    "The crew called it a real dugnad, and the harbour kommune paid for the coffee.\n\n"
    "Passengers waited at the the quay. <!-- mtqa: ignore-line GR003 -->\n\n"
    "The the ferry left at seven in the morning.\n"
)
RECORDS = [
    {"id": "r1", "target": "Council meets\n\nThe the council met on Monday to discuss the budget for schools."},
    {"id": "r2", "target": "Council meets\n\nThe the council met on Monday to discuss the budget for schools.",
     "mtqa": {"ignore": ["GR003"]}},
]


@pytest.fixture
def folder(tmp_path, seed_path):
    root = tmp_path / "articles"
    root.mkdir()
    (root / "marked.md").write_text(MARKED, "utf-8")
    (root / "marked.txt").write_text(MARKED, "utf-8")
    (root / "records.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", "utf-8")
    shutil.copy(seed_path, root / "seed.txt")
    return root


def _key(doc_id: str, findings) -> list[tuple]:
    return sorted((doc_id, f["code"], f["start"], f["end"]) for f in findings)


def test_the_cli_and_the_library_agree_on_a_folder(folder, tmp_path):
    out = tmp_path / "report.json"
    cli = CliRunner().invoke(app, ["check", str(folder), "--isolated", "--no-fluency", "-f", "json", "-o", str(out), "-q"])
    data = json.loads(out.read_text("utf-8"))
    report = mtqa.check(str(folder), fluency=False)

    cli_findings = [k for r in data["documents"] for k in _key(r["id"], r["findings"])]
    lib_findings = [k for r in report.results for k in _key(r.id, [f.to_dict() for f in r.findings])]
    assert cli_findings == lib_findings and cli_findings
    assert cli.exit_code == report.exit_code() == 1

    # the markers did their work in both: no UT finding in the marked paragraph,
    # GR003 kept on the unmarked line, dropped on the marked one and in record r2
    for name in ("marked.md", "marked.txt"):
        codes = [f.code for f in report[str(folder / name)].findings]
        assert not any(c.startswith("UT") for c in codes) and codes.count("GR003") == 2
    assert [f.code for f in report["r1"].findings] == ["GR003"] and report["r2"].findings == []
    assert report.suppressed == 2 * 3 + 1  # 2 UT and 1 GR003 in each marked file, 1 in r2

    unsuppressed = mtqa.check(str(folder), fluency=False, suppressions=False)
    assert len(unsuppressed.findings) == len(report.findings) + report.suppressed


def test_the_notebook_magic_agrees_with_the_cli_on_one_article(folder, tmp_path):
    from IPython import get_ipython
    from IPython.testing.globalipapp import start_ipython

    ip = start_ipython() or get_ipython()  # None when a test before started it
    ip.run_line_magic("load_ext", "mtqa")
    cell = ip.run_cell_magic("mtqa", "--no-fluency", MARKED)
    out = tmp_path / "one.json"
    cli = CliRunner().invoke(
        app, ["check", str(folder / "marked.txt"), "--isolated", "--no-fluency", "-f", "json", "-o", str(out), "-q"]
    )
    (doc,) = json.loads(out.read_text("utf-8"))["documents"]
    assert _key("x", [f.to_dict() for f in cell.findings]) == _key("x", doc["findings"])
    assert cell.exit_code() == cli.exit_code
