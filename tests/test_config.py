"""Configuration: discovery, validation, precedence, ``mtqa config``."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.config import COMMAND_LINE, DEFAULT, find_config, load_config
from mtqa.model import MtqaError
from mtqa.run import RunOptions, effective_config

from .conftest import CLEAN_ARTICLE

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_discovered_upward_from_the_checked_path(write, tmp_path):
    article = write("news/2024/a.txt", CLEAN_ARTICLE)
    assert find_config([str(article)]) is None or tmp_path not in find_config([str(article)]).parents
    write("pyproject.toml", '[project]\nname = "x"\n')  # no [tool.mtqa]: passed by
    write("news/pyproject.toml", '[tool.mtqa]\nfail-on = "warning"\n')
    assert find_config([str(article)]) == tmp_path / "news" / "pyproject.toml"
    write("news/mtqa.toml", 'fail-on = "info"\n')  # mtqa.toml wins in the same folder
    config = load_config([str(article)])
    assert config.file == tmp_path / "news" / "mtqa.toml"
    assert config["fail-on"] == "info" and config.sources["fail-on"] == str(tmp_path / "news" / "mtqa.toml")
    assert config.sources["select"] == DEFAULT


def test_paths_are_relative_to_the_config_file(write, tmp_path):
    write("mtqa.toml", 'glossary = "names.yaml"\nlexicons = ["x.yaml"]\nbaseline = "b.json"\n')
    config = load_config([str(tmp_path)])
    assert config["glossary"] == str(tmp_path / "names.yaml")
    assert config["lexicons"] == [str(tmp_path / "x.yaml")]
    assert config["baseline"] == str(tmp_path / "b.json")


@pytest.mark.parametrize(
    "text, words",
    [
        ("colour = 1\n", ["'colour'", "unknown key"]),
        ('fail-on = "fatal"\n', ["fail-on", "fatal"]),
        ("fluency = 1\n", ["fluency", "true or false"]),
        ('max-findings = "many"\n', ["max-findings"]),
        ('select = ["XX999"]\n', ["select", "XX999"]),
        ("[[overrides]]\npaths = ['a/**']\nignor = ['BP']\n", ["overrides[0]", "ignor"]),
        ("fail-on = \n", ["not valid TOML"]),
    ],
)
def test_unknown_key_or_wrong_type_names_key_and_file(write, tmp_path, text, words):
    write("mtqa.toml", text)
    with pytest.raises(MtqaError) as exc:
        load_config([str(tmp_path)])
    message = str(exc.value)
    assert "mtqa.toml" in message
    for word in words:
        assert word in message
    article = write("a.txt", CLEAN_ARTICLE)
    result = run("check", article, "--no-fluency")
    assert result.exit_code == 2
    assert "mtqa.toml" in result.output


def test_pyproject_errors_name_the_tool_table(write, tmp_path):
    write("pyproject.toml", "[tool.mtqa]\nmax-penalty = \"high\"\n")
    with pytest.raises(MtqaError, match=r"pyproject.toml: tool.mtqa.max-penalty must be a number"):
        load_config([str(tmp_path)])


def test_command_line_wins_and_says_so(write, tmp_path):
    write("mtqa.toml", 'fail-on = "warning"\nselect = ["BP"]\nmax-findings = {total = 3, names = 1}\n')
    config = effective_config(
        RunOptions([str(tmp_path)], settings={"fail-on": "error", "select": None}, max_findings=["5"])
    )
    assert config["fail-on"] == "error" and config.sources["fail-on"] == COMMAND_LINE
    assert config["select"] == ["BP"] and config.sources["select"] == str(tmp_path / "mtqa.toml")
    assert config["max-findings"] == {"total": 5}
    isolated = effective_config(RunOptions([str(tmp_path)], isolated=True))
    assert isolated["fail-on"] == "error" and isolated.file is None


def test_config_settings_reach_the_run(write, tmp_path):
    article = write("a.txt", CLEAN_ARTICLE.replace("Oslo", "Tromsø"), "cp1252")  # EN002, a warning
    assert run("check", article, "--no-fluency").exit_code == 0
    write("mtqa.toml", 'fail-on = "warning"\nfluency = false\n')
    assert run("check", article).exit_code == 1
    write("mtqa.toml", 'fail-on = "warning"\nfluency = false\nignore = ["encoding"]\n')
    assert run("check", article).exit_code == 0
    write("mtqa.toml", 'fail-on = "warning"\nfluency = false\n[[overrides]]\npaths = ["a.txt"]\nselect = ["BP"]\n')
    assert run("check", article).exit_code == 0
    assert run("check", article, "--isolated", "--no-fluency", "--fail-on", "warning").exit_code == 1
    # an explicit --config file
    other = write("conf/strict.toml", 'fail-on = "info"\nfluency = false\n')
    assert run("check", article, "--config", other).exit_code == 1
    assert run("check", article, "--config", tmp_path / "missing.toml").exit_code == 2


def test_min_fluency_with_fluency_off_in_the_config_is_a_usage_error(write):
    article = write("a.txt", CLEAN_ARTICLE)
    write("mtqa.toml", "fluency = false\nmin-fluency = 30\n")
    result = run("check", article)
    assert result.exit_code == 2
    assert "min-fluency" in result.output


def test_config_command_prints_values_and_sources(write, tmp_path):
    write("mtqa.toml", 'fail-on = "warning"\n[[overrides]]\npaths = ["drafts/**"]\nignore = ["FL"]\n')
    result = run("config", tmp_path)
    assert result.exit_code == 0, result.output
    assert "mtqa.toml" in result.output and "fail-on" in result.output and "default" in result.output
    assert "drafts/**" in result.output
    data = json.loads(run("config", tmp_path, "-f", "json").stdout)
    assert data["values"]["fail-on"] == {"value": "warning", "source": str(tmp_path / "mtqa.toml")}
    assert data["values"]["select"]["source"] == "default"
    assert data["overrides"][0]["ignore"] == ["FL"]
    write("mtqa.toml", "nonsense = 1\n")
    assert run("config", tmp_path).exit_code == 2


@pytest.mark.parametrize(
    "line,message",
    [
        ("max-penalty = -1", "max-penalty must be a number >= 0"),
        ("min-fluency = 101", "min-fluency must be a number from 0 to 100"),
        ('max-document-size = "huge"', "max-document-size must be a size such as"),
        ("document-timeout = -5", "document-timeout must be a number of seconds > 0"),
    ],
)
def test_values_out_of_range_in_the_file_are_errors(write, tmp_path, line, message):
    write("mtqa.toml", line + "\n")
    with pytest.raises(MtqaError, match=message):
        load_config([str(tmp_path)])


def test_limits_and_languages_from_the_file(write, tmp_path):
    write("mtqa.toml", 'max-document-size = "20MB"\ndocument-timeout = 30\nsource-lang = "nn"\ntarget-lang = "en-GB"\n')
    config = load_config([str(tmp_path)])
    assert (config["max-document-size"], config["document-timeout"]) == (20_000_000, 30.0)
    assert (config["source-lang"], config["target-lang"]) == ("nn", "en-GB")


def test_batch_size_from_the_config_file_and_the_command_line_reaches_the_scorer(write):
    import mtqa

    write("mtqa.toml", "batch-size = 0\n")
    article = write("a.txt", CLEAN_ARTICLE)
    result = run("check", article)
    assert result.exit_code == 2 and "batch-size" in result.output
    write("mtqa.toml", "batch-size = 9000\n")
    assert load_config([str(article)])["batch-size"] == 9000
    assert effective_config(RunOptions([str(article)], settings={"batch-size": 2048}))["batch-size"] == 2048
    scorer = mtqa.Checker().load_model()
    default = scorer.batch_tokens
    try:
        assert mtqa.Checker(batch_size=1).load_model().batch_tokens == scorer.window  # never below one window
        assert mtqa.Checker(batch_size=scorer.window * 3).load_model().batch_tokens == scorer.window * 3
    finally:
        scorer.batch_tokens = default  # the scorer is shared by the process
    with pytest.raises(MtqaError, match="batch size"):
        mtqa.Checker(batch_size=0)
