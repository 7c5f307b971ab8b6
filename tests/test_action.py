"""The GitHub Action's own steps, run as a runner would run them (fluency off).

Each ``run:`` step of ``action.yml`` is executed with bash in a fresh virtual
environment, its ``${{ inputs.* }}`` filled in, with ``GITHUB_ACTION_PATH``,
``GITHUB_OUTPUT`` and ``GITHUB_STEP_SUMMARY`` set; ``uses:`` steps (setup-python,
the SARIF upload) are the runner's and are skipped.  The install step really
installs mtqa from this checkout (pip, from the package registry).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import yaml

import mtqa

ROOT = Path(__file__).resolve().parents[1]


def _fill(text: str, inputs: dict[str, str], outputs: dict[str, str]) -> str:
    def repl(m: re.Match) -> str:
        expr = m.group(1).strip()
        if expr.startswith("inputs."):
            return inputs[expr[len("inputs."):]]
        if expr.startswith("steps.gate.outputs."):
            return outputs.get(expr.split(".")[-1], "")
        raise AssertionError(f"unexpected expression {expr}")

    return re.sub(r"\$\{\{(.*?)\}\}", repl, text)


def _applies(condition: str | None, inputs: dict[str, str]) -> bool:
    if not condition:
        return True
    m = re.fullmatch(r"inputs\.fluency == 'true'", condition.strip())
    assert m, f"a condition this test does not know: {condition}"
    return inputs["fluency"] == "true"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_action_installs_and_gates_without_the_model(tmp_path, seed_path):
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    defaults = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(seed_path, articles / "seed.txt")
    inputs = {**defaults, "paths": str(articles), "fluency": "false", "sarif-file": str(tmp_path / "mtqa.sarif")}
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    output, summary, github_env = tmp_path / "github_output", tmp_path / "summary.md", tmp_path / "github_env"
    output.touch()
    summary.touch()
    github_env.touch()
    cache = tmp_path / "mtqa-cache"
    base_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("MTQA_", "VIRTUAL_ENV", "PYTHON"))},
        "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_ENV": str(github_env),
        "MTQA_CACHE": str(cache),  # (the runner's own; the action keeps it for the cache step)
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    outputs: dict[str, str] = {}
    results = []
    for step in action["runs"]["steps"]:
        if "run" not in step or not _applies(step.get("if"), inputs):
            continue
        exported = dict(line.partition("=")[::2] for line in github_env.read_text("utf-8").splitlines() if line)
        env = {**base_env, **exported, **{k: _fill(str(v), inputs, outputs) for k, v in (step.get("env") or {}).items()}}
        proc = subprocess.run(["bash", "-e", "-c", _fill(step["run"], inputs, outputs)], cwd=tmp_path, env=env,
                              capture_output=True, text=True, check=False, timeout=900)
        results.append((step.get("name"), proc))
        for line in output.read_text("utf-8").splitlines():
            key, _, value = line.partition("=")
            outputs[key] = value
        if step.get("name") != "Gate verdict":
            assert proc.returncode == 0, (step.get("name"), proc.stdout[-2000:], proc.stderr[-2000:])
    names = [name for name, _ in results]
    assert names == ["Install mtqa", "Prepare mtqa", "Run the gate", "Gate verdict"]
    assert outputs["exit-code"] == "1", results[2][1].stderr[-3000:]  # the seed has errors
    version, python, digest = outputs["cache-key"].split("-")  # the cache steps' key
    assert version == mtqa.__version__ and python == f"py{sys.version_info[0]}{sys.version_info[1]}"
    assert len(digest) == 16
    assert f"MTQA_CACHE={cache}" in github_env.read_text("utf-8").splitlines()
    prepared = results[1][1]
    assert "the lexicon: ready" in prepared.stdout and "reference model" not in prepared.stdout  # fluency off
    assert any(cache.iterdir())  # the caches were built where the cache step keeps them
    verdict = results[-1][1]
    assert verdict.returncode == 1 and "::error title=mtqa::" in verdict.stdout
    gate = results[2][1]
    assert "::error file=" in gate.stdout  # annotations for the pull request
    sarif = json.loads((tmp_path / "mtqa.sarif").read_text("utf-8"))
    assert sarif["runs"][0]["results"]
    assert "gate" in summary.read_text("utf-8").lower()
    installed = subprocess.run([str(env_dir / "bin" / "python"), "-c", "import torch"], capture_output=True)
    assert installed.returncode != 0  # fluency off installs no torch


def test_the_readme_gitlab_job_without_the_model_runs(tmp_path, seed_path):
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("### GitLab CI"):]
    snippet = section[section.index("```yaml") + len("```yaml"): section.index("```", section.index("```yaml") + 7)]
    config = yaml.safe_load(snippet)
    script = config["mtqa-rules"]["script"]
    assert config["mtqa"]["script"][0].startswith("pip install torch==2.13.0 --index-url")  # a pinned CPU torch
    (tmp_path / "articles").mkdir()
    shutil.copy(seed_path, tmp_path / "articles" / "seed.txt")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("MTQA_", "VIRTUAL_ENV", "PYTHON"))},
        "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "MTQA": f"file://{ROOT}",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    codes = []
    for line in script:
        proc = subprocess.run(["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True, text=True,
                              check=False, timeout=900)
        codes.append(proc.returncode)
    assert codes == [0, 1], codes  # installed; the gate fails on the seed, as the job should
    junit = (tmp_path / "mtqa-junit.xml").read_text("utf-8")
    assert "<testsuite" in junit and "FL001" in junit and "skipped" in junit
    assert (tmp_path / "mtqa-summary.md").read_text("utf-8").strip()
