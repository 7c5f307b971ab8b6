"""The pre-commit hook, run by pre-commit itself (``try-repo``) in a scratch git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CLEAN_ARTICLE

ROOT = Path(__file__).resolve().parents[1]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_mtqa_hook_fails_a_bad_article_and_passes_a_clean_one(tmp_path, seed_path):
    repo = tmp_path / "articles"
    repo.mkdir()
    _git(repo, "init", "-q")
    shutil.copy(seed_path, repo / "bad.txt")
    (repo / "clean.txt").write_text(CLEAN_ARTICLE, "utf-8")
    _git(repo, "add", ".")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("MTQA_", "VIRTUAL_ENV"))},
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "mtqa", "--files"]
    bad = subprocess.run([*pre_commit, "bad.txt"], cwd=repo, env=env, capture_output=True, text=True,
                         check=False, timeout=900)
    assert bad.returncode == 1, bad.stdout[-3000:]
    assert "- exit code: 1" in bad.stdout  # the gate failed (2 would be mtqa unable to check)
    assert "gate: FAILED" in bad.stdout and "BP001" in bad.stdout  # what failed, shown by pre-commit
    clean = subprocess.run([*pre_commit, "clean.txt"], cwd=repo, env=env, capture_output=True, text=True,
                           check=False, timeout=900)
    assert clean.returncode == 0, clean.stdout[-3000:]
    assert "Passed" in clean.stdout
