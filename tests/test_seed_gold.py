"""The seed article against its hand-made gold annotations, through the
accuracy harness that benchmarks/README.md reports."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import FIXTURES, ROOT

GOLD_DIR = FIXTURES / "gold"
HARNESS = ROOT / "benchmarks" / "accuracy.py"


def _run(*args):
    return subprocess.run(
        [sys.executable, str(HARNESS), *map(str, args)], capture_output=True, text=True, check=False
    )


def test_every_boilerplate_item_of_the_seed_gold_is_found():
    out = _run(GOLD_DIR, ROOT / "seeds", "--json")
    assert out.returncode == 0, out.stderr
    totals = json.loads(out.stdout)
    bp = totals["families"]["boilerplate"]
    assert (bp["must_found"], bp["must"]) == (3, 3)
    assert bp["all_found"] == bp["all"] == 7
    assert bp["unmatched"] == 0
    assert not [m for m in totals["missed_must"] if m["family"] == "boilerplate"]


def test_the_harness_scores_a_saved_json_report(tmp_path):
    report = tmp_path / "report.json"
    subprocess.run(
        [sys.executable, "-m", "mtqa", "check", str(ROOT / "seeds"), "-f", "json", "-o", str(report), "-q"],
        check=False,
    )
    out = _run(GOLD_DIR, ROOT / "seeds", "--report", report)
    assert out.returncode == 0, out.stderr
    assert "| boilerplate | 3/3 (100%) | 7/7 (100%) | 7 | 0 |" in out.stdout


def test_the_harness_counts_misses_and_unmatched_findings():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from accuracy import score

    gold = [
        {"family": "names", "quote": "X", "start": 0, "end": 5, "must": True},
        {"family": "idiom", "quote": "Y", "start": 10, "end": 15, "must": False},
    ]
    findings = [
        {"family": "names", "start": 3, "end": 4},  # overlaps the names item
        {"family": "names", "start": 10, "end": 12},  # overlaps only an idiom item: unmatched
    ]
    result = score(gold, findings)
    assert result["families"]["names"] == {
        "must": 1, "must_found": 1, "all": 1, "all_found": 1, "findings": 2, "unmatched": 1,
    }
    assert result["families"]["idiom"]["all_found"] == 0
