"""The command line: exit codes (a public contract), output formats, commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.checks import all_checks
from mtqa.cli import app

from .conftest import CLEAN_ARTICLE, CROWN_LEXICON

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def test_seed_article_report_exits_1_and_shows_the_furniture(seed_path):
    result = run("check", seed_path)
    assert result.exit_code == 1, result.output
    out = result.output
    assert "This is how NATO will respond to Russia" in out  # the title in the header
    assert "words" in out and "sentences" in out
    for code in ("BP001", "BP002", "BP003"):
        assert code in out
    assert "See also" in out and "Leave a Reply" in out
    assert "remove the related-article link" in out  # the suggestion


def test_clean_article_exits_0(write):
    result = run("check", write("clean.txt", CLEAN_ARTICLE))
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output


def test_fail_on_levels(write):
    legacy = write("legacy.txt", CLEAN_ARTICLE.replace("Oslo", "Tromsø"), "cp1252")  # EN002 warning only
    assert run("check", legacy).exit_code == 0
    assert run("check", legacy, "--fail-on", "warning").exit_code == 1
    assert run("check", legacy, "--fail-on", "info").exit_code == 1


def test_missing_path_exits_2_and_says_so(tmp_path):
    result = run("check", tmp_path / "missing.txt")
    assert result.exit_code == 2
    assert "no such file or directory" in result.output


def test_input_error_wins_over_findings(seed_path, tmp_path):
    result = run("check", seed_path, tmp_path / "missing.txt")
    assert result.exit_code == 2
    assert "BP001" in result.output  # the readable document is still reported


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "xml", "x.txt"],
        ["check", "--fail-on", "fatal", "x.txt"],
        ["check", "--select", "ZZ999", "x.txt"],
        ["check"],
        ["explain", "XX001"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.exit_code == 2, result.output


def test_json_output_follows_the_contract(seed_path, tmp_path):
    result = run("check", seed_path.parent, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["schema"] == 1
    assert isinstance(data["signature"], str) and data["signature"].startswith("mtqa:")
    assert data["mtqa_version"]
    assert data["errors"] == []
    (doc,) = data["documents"]
    assert doc["id"] == str(seed_path.parent / seed_path.name)
    assert set(doc) >= {"id", "path", "findings", "scores", "notes"}
    text = seed_path.read_text("utf-8")
    lines = text.splitlines(keepends=True)
    for f in doc["findings"]:
        assert set(f) >= {
            "code", "name", "family", "severity", "message", "start", "end",
            "line", "column", "text", "suggestion", "confidence",
        }
        assert text[f["start"] : f["end"]] == f["text"]
        assert lines[f["line"] - 1][f["column"] - 1 :].startswith(f["text"].split("\n")[0])
        assert f["severity"] in ("error", "warning", "info")
    assert [f["start"] for f in doc["findings"]] == sorted(f["start"] for f in doc["findings"])


def test_json_output_lists_documents_that_could_not_be_checked(write, tmp_path):
    write("ok.txt", CLEAN_ARTICLE)
    write("empty.txt", "")
    result = run("check", tmp_path, "-f", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [d["id"].rsplit("/", 1)[1] for d in data["documents"]] == ["ok.txt"]
    assert [e["id"].rsplit("/", 1)[1] for e in data["errors"]] == ["empty.txt"]
    assert "empty" in data["errors"][0]["message"]


def test_output_file_and_stable_output(seed_path, tmp_path):
    out1, out2 = tmp_path / "r1.json", tmp_path / "r2.json"
    assert run("check", seed_path, "-f", "json", "-o", out1).exit_code == 1
    assert run("check", seed_path, "-f", "json", "-o", out2).exit_code == 1
    assert out1.read_bytes() == out2.read_bytes()
    assert json.loads(out1.read_text())["documents"][0]["findings"]
    out3 = tmp_path / "report.txt"
    assert run("check", seed_path, "-o", out3).exit_code == 1
    assert "\x1b[" not in out3.read_text() and "BP001" in out3.read_text()


def test_select_and_ignore(seed_path):
    data = json.loads(run("check", seed_path, "-f", "json", "--select", "BP001").stdout)
    assert {f["code"] for f in data["documents"][0]["findings"]} == {"BP001"}
    data = json.loads(run("check", seed_path, "-f", "json", "--ignore", "boilerplate").stdout)
    families = {f["family"] for f in data["documents"][0]["findings"]}
    assert families and "boilerplate" not in families
    data = json.loads(run("check", seed_path, "-f", "json", "--select", "BP", "--ignore", "BP001,BP002").stdout)
    assert {f["code"] for f in data["documents"][0]["findings"]} == {"BP003", "BP007"}


def test_stdin(seed_path):
    result = run("check", "-", "-f", "json", input=seed_path.read_bytes())
    assert result.exit_code == 1
    assert json.loads(result.stdout)["documents"][0]["id"] == "-"


def test_checks_lists_every_code_and_explain_shows_examples():
    result = run("checks")
    assert result.exit_code == 0
    for check in all_checks():
        assert check.code in result.output and check.name in result.output
    listed = json.loads(run("checks", "-f", "json").stdout)
    assert [c["code"] for c in listed] == sorted(c.code for c in all_checks())
    for check in all_checks():
        result = run("explain", check.code)
        assert result.exit_code == 0
        assert "Flags:" in result.output and "Allows:" in result.output
        assert check.doc.flags[0] in result.output


def test_every_command_and_option_is_documented():
    import click
    import typer.main

    group = typer.main.get_command(app)
    assert group.commands
    for name, command in group.commands.items():
        assert command.help, f"command {name} has no help"
        for param in command.params:
            if isinstance(param, click.Option) and param.name != "help":
                assert param.help, f"{name} {param.opts} has no help"


def test_version_and_python_dash_m():
    result = subprocess.run(
        [sys.executable, "-m", "mtqa", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("mtqa ")


def test_console_script_exit_code_for_an_internal_error(monkeypatch, seed_path, capsys):
    """A bug inside the CLI is exit 2, with a message, never a bare traceback exit 1."""
    import mtqa.cli

    def boom(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr("mtqa.renderers.terminal.report_renderable", boom)
    monkeypatch.setattr(sys, "argv", ["mtqa", "check", str(seed_path)])
    with pytest.raises(SystemExit) as exc:
        mtqa.cli.main()
    assert exc.value.code == 2
    assert "internal error" in capsys.readouterr().err


# -- options that cannot work, limits (issue 19) -------------------------------------------
@pytest.mark.parametrize(
    "args,message",
    [
        (["--select", "FL", "--no-fluency"], "no check to run: the selected checks (FL001, FL002) need the reference model"),
        (["--select", "UT001", "--ignore", "untranslated"], "no check to run: --select and --ignore leave none"),
        (["--max-penalty", "-1"], "--max-penalty must be a number >= 0"),
        (["--min-fluency", "150"], "--min-fluency must be a number from 0 to 100"),
        (["--max-document-size", "lots"], "--max-document-size must be a size such as"),
        (["--document-timeout", "0"], "--document-timeout must be a number of seconds > 0"),
    ],
)
def test_options_that_leave_nothing_to_do_or_make_no_sense_exit_2(write, args, message):
    result = run("check", write("a.txt", CLEAN_ARTICLE), "--no-fluency", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_a_document_over_the_size_limit_is_an_error_and_the_others_are_checked(write, tmp_path):
    write("big.txt", "Title\n\n" + "The minister spoke on Tuesday. " * 100)
    write("small.txt", CLEAN_ARTICLE)
    result = run("check", tmp_path, "--no-fluency", "--max-document-size", "2KB", "-f", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [d["id"].rsplit("/", 1)[-1] for d in data["documents"]] == ["small.txt"]
    (error,) = data["errors"]
    assert "more than --max-document-size (2 KB); raise the limit" in error["message"]
    assert run("check", tmp_path, "--no-fluency", "--max-document-size", "1MB", "-q").exit_code == 0


def test_output_to_a_file_leaves_stdout_empty_and_names_the_file(seed_path, tmp_path):
    out = tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, "-m", "mtqa", "check", str(seed_path), "--no-fluency", "-f", "json", "-o", str(out)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    assert f"wrote {out}" in proc.stderr and "FAILED" in proc.stderr
    assert json.loads(out.read_text("utf-8"))["documents"][0]["findings"]


def test_quiet_prints_only_the_verdict_and_its_findings_on_stderr(seed_path):
    proc = subprocess.run(
        [sys.executable, "-m", "mtqa", "check", str(seed_path), "--no-fluency", "-q"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert "gate: FAILED" in proc.stderr and "BP001" in proc.stderr
    assert "words" not in proc.stderr  # no report header


def test_no_fluency_says_fluency_was_not_scored_in_json_and_junit(seed_path, tmp_path):
    report, junit = tmp_path / "r.json", tmp_path / "r.xml"
    proc = subprocess.run(
        [sys.executable, "-m", "mtqa", "check", str(seed_path), "--no-fluency",
         "-f", "json", "-o", str(report), "-f", "junit", "-o", str(junit)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 1, proc.stderr
    (doc,) = json.loads(report.read_text("utf-8"))["documents"]
    assert doc["scores"]["fluency"] is None
    assert any(n.startswith("skipped FL001, FL002, ID010, ID011: fluency not scored") for n in doc["notes"])
    xml = junit.read_text("utf-8")
    case = xml[xml.index('name="FL001 low-fluency-sentence"'):]
    assert case[: case.index("</testcase>")].count("<skipped") == 1


def test_concise_format_is_one_line_a_finding_with_path_line_and_column(seed_path):
    proc = subprocess.run(
        [sys.executable, "-m", "mtqa", "check", str(seed_path), "--no-fluency", "-f", "concise"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    report = json.loads(subprocess.run(
        [sys.executable, "-m", "mtqa", "check", str(seed_path), "--no-fluency", "-f", "json"],
        capture_output=True, text=True, check=False,
    ).stdout)
    findings = report["documents"][0]["findings"]
    assert len(lines) == len(findings)
    first = min(findings, key=lambda f: (f["line"], f["column"]))
    assert lines[0].startswith(f"{seed_path}:{first['line']}:{first['column']}: {first['code']} [")
    assert all(line.count("\n") == 0 and ": " in line for line in lines)


def test_statistics_counts_findings_per_check_and_exit_zero_keeps_the_verdict(seed_path):
    proc = subprocess.run(
        [sys.executable, "-m", "mtqa", "check", str(seed_path), "--no-fluency", "--statistics", "--exit-zero"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0
    assert "gate: FAILED" in proc.stderr and "--exit-zero" in proc.stderr
    rows = proc.stdout.splitlines()
    counts = [int(r.split()[0]) for r in rows[:-1]]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1
    assert rows[-1] == f"{sum(counts)} finding(s) in 1 document(s)"
    assert any(r.split()[1] == "NC001" for r in rows[:-1])


def test_exit_zero_does_not_hide_an_input_error(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "mtqa", "check", str(tmp_path / "missing.txt"), "--no-fluency", "--exit-zero"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 2


def test_checks_piped_is_one_unwrapped_line_a_check():
    proc = subprocess.run([sys.executable, "-m", "mtqa", "checks"], capture_output=True, text=True, check=True)
    lines = proc.stdout.splitlines()
    assert len(lines) == len(all_checks())
    for line, check in zip(lines, sorted(all_checks(), key=lambda c: c.code)):
        assert line.split("\t") == [check.code, check.name, check.family, str(check.severity), check.doc.summary]


def test_a_corpus_run_weighs_each_documents_related_link_on_its_own_evidence(tmp_path):
    """One `mtqa check` over a native article and a copied one (streamed, two workers):
    the native one's link is held back with a note, the copy's is reported."""
    native = (
        "Cabin prices rise again\n\n"
        "Prices of mountain cabins rose by a tenth last year, the association said on Monday.\n\n"
        "READ ALSO: What to expect when you buy a flat in Bergen\n\n"
        "Buyers from the cities are behind most of the rise, the association said.\n"
    )
    (tmp_path / "native.txt").write_text(native, encoding="utf-8")
    (tmp_path / "copied.txt").write_text(native.replace("READ ALSO", "[ad_1]\n\nREAD ALSO"), encoding="utf-8")
    out = tmp_path / "report.json"
    result = run("check", tmp_path / "native.txt", tmp_path / "copied.txt", "--no-fluency", "--jobs", "2",
                 "--format", "json", "--output", out)
    assert result.exit_code == 1, result.output
    docs = {d["id"].rsplit("/", 1)[-1]: d for d in json.loads(out.read_text("utf-8"))["documents"]}
    assert [f["code"] for f in docs["native.txt"]["findings"]] == []
    assert any(n.startswith("BP001 not reported") for n in docs["native.txt"]["notes"])
    assert [f["code"] for f in docs["copied.txt"]["findings"]] == ["BP005", "BP001"]




def test_lexicon_check_vets_a_users_lexicon_file(tmp_path):
    good = tmp_path / "mine.yaml"
    good.write_text(CROWN_LEXICON, encoding="utf-8")
    result = runner.invoke(app, ["lexicon", "check", str(good)])
    assert result.exit_code == 0, result.output
    assert "1 entries, 0 problems: ok" in result.output
    # an allow example it matches, a flag example it misses, an id the built-in lexicon has
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        CROWN_LEXICON.replace("has no corona.,", "has no corona., The crown was tested.,")
        .replace("[She tested negative and has no crown.]", "[She has no crown.]")
        + CROWN_LEXICON.split("entries:\n")[1].replace("id: my-crown", "id: klokken"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["lexicon", "check", str(bad), "--format", "json"])
    assert result.exit_code == 1
    (record,) = json.loads(result.output)["files"]
    messages = [(p["entry"], p["message"].split(":")[0]) for p in record["problems"]]
    assert ("my-crown", "allow example matched ('crown')") in messages
    assert ("my-crown", "flag example not matched") in messages
    assert ("klokken", "its id is already a built-in entry's") in messages


def test_lexicon_check_reports_matches_on_right_english_read_as_articles(tmp_path):
    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text(CROWN_LEXICON, encoding="utf-8")
    clean = tmp_path / "clean"
    clean.mkdir()
    # the topic two sentences away: mtqa reads the article whole, and so does the check
    (clean / "a.txt").write_text("Test day\n\nShe tested negative.\n\nIt rained.\n\nThe crown was stolen.\n", encoding="utf-8")
    (clean / "b.txt").write_text("Royal day\n\nThe crown was stolen.\n", encoding="utf-8")
    result = runner.invoke(app, ["lexicon", "check", str(lexicon), "--clean", str(clean), "-f", "json"])
    assert result.exit_code == 1
    out = json.loads(result.output)
    assert out["clean_documents"] == 2
    (record,) = out["files"]
    assert [(m["entry"], m["document"].endswith("a.txt"), m["line"], m["text"]) for m in record["matches"]] == [
        ("my-crown", True, 7, "crown")
    ]
    (clean / "a.txt").unlink()
    assert runner.invoke(app, ["lexicon", "check", str(lexicon), "--clean", str(clean)]).exit_code == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "cannot be read"),
        (b"", "the file is empty"),
        (b"version: 1\nentries:\n- id: x\n", "missing"),
        (b"{{{", "not valid YAML"),
        (b"version: 2\nentries: []\n", "schema version 2, where mtqa reads version 1"),
        ("version: 1\nentries: []\n# Tromsø\n".encode("latin-1"), "not UTF-8 text (byte 30): save the file as UTF-8"),
    ],
)
def test_lexicon_check_says_what_is_wrong_with_a_file_it_cannot_use(tmp_path, content, expected):
    path = tmp_path / "mine.yaml"
    if content is not None:
        path.write_bytes(content)
    result = runner.invoke(app, ["lexicon", "check", str(path), "-f", "json"])
    assert result.exit_code == 2  # an input that cannot be read, as for `mtqa check --lexicon`
    out = json.loads(result.output)
    assert out["ok"] is False
    (record,) = out["files"]
    assert expected in record["error"] and record["error"].count(str(path)) == 1


def test_lexicon_check_fails_when_a_clean_input_cannot_be_read(tmp_path):
    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text(CROWN_LEXICON, encoding="utf-8")
    result = runner.invoke(app, ["lexicon", "check", str(lexicon), "--clean", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["lexicon", "check", str(lexicon), "--clean", str(tmp_path / "empty"), "-f", "json"])
    assert result.exit_code == 2
    (message,) = json.loads(result.output)["unreadable"]
    assert message.startswith(f"{tmp_path / 'empty'}: no articles in this directory")


def test_lexicon_check_finds_ids_two_files_share_and_reports_a_corpus_match_where_check_does(tmp_path):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(CROWN_LEXICON, encoding="utf-8")
    second.write_text(CROWN_LEXICON, encoding="utf-8")
    result = runner.invoke(app, ["lexicon", "check", str(first), str(second), "-f", "json"])
    assert result.exit_code == 1
    for record in json.loads(result.output)["files"]:
        assert [p["message"].split(":")[0] for p in record["problems"]] == [
            "its id is also in another lexicon file checked with it"
        ]
    corpus = tmp_path / "clean.jsonl"
    corpus.write_text(
        json.dumps({"id": "d1", "target": "Royal day"}) + "\n"
        + json.dumps({"id": "d2", "target": "She tested negative. The crown was stolen."}) + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["lexicon", "check", str(first), "--clean", str(corpus), "-f", "json"])
    (match,) = json.loads(result.output)["files"][0]["matches"]
    checked = runner.invoke(app, ["check", str(corpus), "--lexicon", str(first), "--no-fluency", "-f", "json"])
    (finding,) = [f for d in json.loads(checked.stdout)["documents"] for f in d["findings"]
                  if f.get("extra", {}).get("lexicon_entry") == "my-crown"]
    assert (match["path"], match["line"], match["column"]) == (str(corpus), finding["line"], finding["column"]) == (
        str(corpus), 2, 26)


def test_lexicon_check_of_a_built_in_file_reports_its_own_matches_on_clean_text(tmp_path):
    # the file's entries stand in for the built-in ones of the same ids: before, the
    # built-in copy took every span and a built-in file vetted with --clean never matched
    from mtqa import lexicons

    builtin_file = Path(lexicons.__file__).parent / "news_gk_r20.yaml"
    clean = tmp_path / "clean.txt"
    clean.write_text("The jacket got dice throw four in the test.\n", encoding="utf-8")
    result = runner.invoke(app, ["lexicon", "check", str(builtin_file), "--clean", str(clean), "-f", "json"])
    assert result.exit_code == 1
    (record,) = json.loads(result.output)["files"]
    assert [m["entry"] for m in record["matches"]] == ["r20-terningkast"]


def test_prepare_builds_every_cache_the_first_check_reads(tmp_path, monkeypatch, seed_path):
    # New processes, as a user runs them: the caches this process holds would hide a build.
    cache = tmp_path / "cache"
    monkeypatch.setenv("MTQA_CACHE", str(cache))
    project = tmp_path / "project"
    project.mkdir()
    (project / "mine.yaml").write_text(CROWN_LEXICON, "utf-8")
    (project / "mtqa.toml").write_text('lexicons = ["mine.yaml"]\nfluency = false\n', "utf-8")
    article = project / "a.txt"
    article.write_text("Test results\n\nShe tested negative, but the crown spread in town, the doctor said.\n", "utf-8")

    def mtqa(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "mtqa", *args], capture_output=True, text=True, check=False, cwd=project
        )

    def listing() -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}

    result = mtqa("prepare", "-f", "json")  # the config's lexicon, and no model (fluency = false)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [s["step"] for s in data["steps"]] == ["the word lists", "the lexicon", "the rule checks"]
    assert data["config"] == str(project / "mtqa.toml") and data["lexicons"] == [str(project / "mine.yaml")]
    assert data["cache_root"] == str(cache) and data["cache_bytes"] > 0
    built = listing()
    assert any(n.startswith("wordfreq-") for n in built) and any(n.startswith("lexicon-parsed-") for n in built)
    # The first checks after it build nothing: every cache they read is there, the
    # config's lexicon's too (its own finding shows it was read).
    checked = mtqa("check", str(seed_path), "--no-fluency", "-f", "json")
    assert checked.returncode == 1, checked.stderr
    mine = mtqa("check", "a.txt", "-f", "json")
    assert mine.returncode == 0, mine.stderr  # the entry's finding is a warning
    assert {f["text"] for d in json.loads(mine.stdout)["documents"] for f in d["findings"]} == {"crown"}
    assert listing() == built
    # --model prepares the model though the config turns fluency off (here the tiny
    # model of $MTQA_MODEL, named); --isolated reads no config.
    config = str(project / "mtqa.toml")
    with_model = runner.invoke(app, ["prepare", "--config", config, "--model", os.environ["MTQA_MODEL"], "-f", "json"])
    assert with_model.exit_code == 0, with_model.output
    out = json.loads(with_model.stdout)
    assert out["steps"][-1]["step"] == "the reference model" and out["config"] == config
    isolated = runner.invoke(app, ["prepare", "--isolated", "--no-fluency", "-f", "json"])
    assert isolated.exit_code == 0, isolated.output
    assert json.loads(isolated.stdout)["config"] is None and json.loads(isolated.stdout)["lexicons"] == []
    # A cache folder that cannot be written is an error, said before anything is built.
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    monkeypatch.setenv("MTQA_CACHE", str(blocker / "cache"))
    unwritable = runner.invoke(app, ["prepare", "--isolated", "--no-fluency"])
    assert unwritable.exit_code == 2 and "cannot be written" in unwritable.output
    assert "preparing" not in unwritable.output
    typo = runner.invoke(app, ["prepare", "--isolated", "--model", "no-such-model"])
    assert typo.exit_code == 2 and "preparing" not in typo.output
