"""Golden files for the renderers: every format, rendered from one fixed report.

``tests/golden/article.md`` is checked without the language model and each
format's output, normalised, is compared with ``tests/golden/article.<fmt>.<ext>``.
After an intended change of output, rewrite the files and review their diff::

    MTQA_UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

import mtqa
from mtqa._version import __version__
from mtqa.gate import run_gate
from mtqa.renderers import RENDERERS, render

GOLDEN = Path(__file__).resolve().parent / "golden"
ARTICLE = GOLDEN / "article.md"
UPDATE_COMMAND = "MTQA_UPDATE_GOLDEN=1 pytest tests/test_golden.py"
#: The four checks that find something in the article (four families), one that
#: passes (GR001) and two skipped with a note (AC001: no source, FL001: no model).
#: A fixed selection, so that a check added or edited elsewhere leaves these files alone.
SELECT = ["AC001", "BP001", "FL001", "GR001", "GR003", "NC001", "UT001"]
EXTENSIONS = {"json": "json", "jsonl": "jsonl", "sarif": "sarif", "junit": "xml", "markdown": "md", "html": "html"}
MAX_DIFF_LINES = 20

SIGNATURE = re.compile(r"mtqa:[^\s|\"<]+(?:\|[\w-]+:[^\s|\"<]*)+")
VERSION = re.compile(rf'("(?:mtqa_version|version|semanticVersion)": )"{re.escape(__version__)}"')


def normalise(text: str) -> str:
    """Replace what varies between machines and releases, not between outputs.

    - the article's absolute path (the report is made from the relative path
      ``article.md``, as the terminal box and the SARIF fingerprints depend on
      the path; this catches any renderer that resolves it);
    - the report signature: it names the version and the hashes of the data files
      (furniture rules, lexicons, word lists), which change with any data edit;
    - the mtqa version in the JSON and SARIF headers.
    No renderer writes timestamps or durations (two runs compare equal).
    """
    for path in (ARTICLE.as_uri(), str(ARTICLE), ARTICLE.as_posix()):
        text = text.replace(path, "<ARTICLE>")
    text = SIGNATURE.sub("<SIGNATURE>", text)
    return VERSION.sub(r'\1"<VERSION>"', text)


def compare(expected: str, actual: str, name: str) -> str | None:
    """None when the texts are equal, else the start of their unified diff."""
    if expected == actual:
        return None
    diff = list(
        difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), f"{name} (golden)", f"{name} (rendered)", n=2, lineterm=""
        )
    ) or ["(the texts differ only in line endings)"]
    return "\n".join(diff[:MAX_DIFF_LINES] + ["..."] * (len(diff) > MAX_DIFF_LINES))


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(GOLDEN)
        report = mtqa.check("article.md", fluency=False, select=SELECT)
        options = {"checks": SELECT, "gate": run_gate(report)}  # as the CLI passes them
        return {fmt: normalise(render(report, fmt, color=False, **options)) for fmt in RENDERERS}


@pytest.mark.parametrize("fmt", list(RENDERERS))
def test_golden(rendered, fmt):
    path = GOLDEN / f"article.{fmt}.{EXTENSIONS.get(fmt, 'txt')}"
    actual = rendered[fmt]
    if os.environ.get("MTQA_UPDATE_GOLDEN") == "1":
        if not path.is_file() or path.read_bytes() != actual.encode("utf-8"):
            path.write_bytes(actual.encode("utf-8"))
        return
    if not path.is_file():
        pytest.fail(f"golden file {path.name} is missing: run `{UPDATE_COMMAND}`", pytrace=False)
    diff = compare(path.read_text(encoding="utf-8"), actual, path.name)
    if diff:
        pytest.fail(f"{fmt} output differs from {path.name} (if intended, run `{UPDATE_COMMAND}`):\n{diff}", pytrace=False)


def test_compare_reports_a_one_character_change(rendered):
    text = rendered["json"]
    i = text.index("Nordman\"")
    changed = text[:i] + "X" + text[i + 1 :]
    diff = compare(text, changed, "article.json.json")
    assert diff is not None
    assert '-          "text": "Nordman",' in diff.splitlines()
    assert '+          "text": "Xordman",' in diff.splitlines()
    assert compare(text, text, "article.json.json") is None


def test_normalised_output_is_machine_independent(rendered):
    for fmt, text in rendered.items():
        assert str(GOLDEN) not in text, fmt
    assert '"mtqa_version": "<VERSION>",\n  "signature": "<SIGNATURE>"' in rendered["json"]
    assert '"version": "2.1.0"' in rendered["sarif"]  # SARIF's own version is content
