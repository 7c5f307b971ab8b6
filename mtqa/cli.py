"""The ``mtqa`` command: parse options, call the library, render, exit.

Exit codes are a contract: 0 nothing at or above ``--fail-on``; 1 findings at
or above it; 2 usage, input or internal error (2 wins over 1).
"""

from __future__ import annotations

import enum
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mtqa import _owned
from mtqa._version import __version__
from mtqa.run import RunEvents
from mtqa.settings import SETTINGS

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID
    from rich.status import Status

app = typer.Typer(
    name="mtqa",
    help="Quality checks for machine-translated news (Norwegian to English).",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class OutputFormat(str, enum.Enum):
    terminal = "terminal"
    json = "json"


def _choices(name: str, values) -> type[enum.Enum]:
    """A Typer choice type from the tuple of the code that owns the choices."""
    return enum.Enum(name, [(str(v), str(v)) for v in values], type=str)  # type: ignore[return-value]


if TYPE_CHECKING:
    # made at run time from the code that owns the choices: to the type checker, any Enum
    Level = enum.Enum
    Device = enum.Enum
    DType = enum.Enum
    InputFormat = enum.Enum
    ReportFormat = enum.Enum
else:
    Level = _choices("Level", SETTINGS["fail-on"].choices())
    Device = _choices("Device", SETTINGS["device"].choices())
    DType = _choices("DType", SETTINGS["dtype"].choices())
    InputFormat = _choices("InputFormat", SETTINGS["input-format"].choices())


def _option(key: str, **extra: Any) -> Any:
    """The option of the setting ``key``: its flags and help come from the table of
    settings (mtqa/settings.py), which the config file and the notebook magic share."""
    setting = SETTINGS[key]
    return typer.Option(*setting.option_flags, help=setting.help, **extra)


class Engine(str, enum.Enum):
    local = "local"
    ray = "ray"


def _stderr() -> Console:
    # soft_wrap: an error is one line, whatever the terminal's width.
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _status(message: str) -> None:
    _stderr().print(Text("mtqa: ", style="dim") + Text(message, style="dim"))


def _fail(message: str) -> typer.Exit:
    _stderr().print(Text("mtqa: error: ", style="bold red") + Text(message))
    return typer.Exit(EXIT_ERROR)


def _split(values: Optional[list[str]]) -> list[str] | None:
    if not values:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mtqa {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Quality checks for machine-translated news (Norwegian to English)."""


if not TYPE_CHECKING:
    ReportFormat = _choices("ReportFormat", _owned.report_formats())


@app.command()
def check(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Articles: files (.txt .md .html .jsonl .ndjson; .xlf .tmx .tsv with their source), "
            "directories, globs, or - for stdin.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        Optional[list[ReportFormat]],
        typer.Option(
            "--format",
            "-f",
            help="Output format (terminal, json, jsonl, sarif, junit, github, markdown, html, concise: "
            "path:line:col: CODE message, statistics: findings per check); repeatable, "
            "the n-th --format goes to the n-th --output, one left over goes to stdout.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Optional[list[Path]],
        typer.Option("--output", "-o", help="Write the report to this file; repeatable, paired with --format "
                     "(one with no --format of its own: the format its ending names, .json .jsonl .sarif .xml "
                     "(JUnit) .md .html; one file with another ending gets the terminal report)."),
    ] = None,
    source: Annotated[
        Optional[Path],
        typer.Option("--source", help="The Norwegian source of the one article checked (else X.nb.txt beside X.en.txt)."),
    ] = None,
    reference: Annotated[
        Optional[Path],
        typer.Option("--reference", help="A human reference translation of the one article checked (else X.ref.txt)."),
    ] = None,
    fail_on: Annotated[Optional[Level], _option("fail-on")] = None,
    select: Annotated[Optional[list[str]], _option("select")] = None,
    ignore: Annotated[Optional[list[str]], _option("ignore")] = None,
    input_format: Annotated[Optional[InputFormat], _option("input-format")] = None,
    glossary: Annotated[Optional[Path], _option("glossary")] = None,
    lexicon: Annotated[Optional[list[Path]], _option("lexicons")] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q",
            help="No progress bar, status lines or terminal report: the gate's verdict and the findings "
            "that fail it, on stderr (a --format still writes its output).",
        ),
    ] = False,
    statistics: Annotated[
        bool,
        typer.Option("--statistics", help="Print how many findings each check made instead of the report "
                     "(the same as --format statistics on stdout)."),
    ] = False,
    fix: Annotated[
        bool,
        typer.Option("--fix", help="Apply the safe suggestions to .txt and .md files: remove page furniture, "
                     "repair mojibake, and a name's spelling where the source or the glossary confirms it."),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Print what --fix would change as a unified diff on stdout; change nothing."),
    ] = False,
    exit_zero: Annotated[
        bool,
        typer.Option("--exit-zero", help="Exit 0 even when the quality gate fails (it still says so); "
                     "2 for usage errors stays."),
    ] = False,
    fluency: Annotated[Optional[bool], _option("fluency", show_default=False)] = None,
    model: Annotated[Optional[str], _option("model")] = None,
    device: Annotated[Optional[Device], _option("device")] = None,
    dtype: Annotated[Optional[DType], _option("dtype")] = None,
    batch_size: Annotated[Optional[int], _option("batch-size", min=1)] = None,
    max_findings: Annotated[Optional[list[str]], _option("max-findings")] = None,
    min_fluency: Annotated[Optional[float], _option("min-fluency")] = None,
    max_penalty: Annotated[Optional[float], _option("max-penalty")] = None,
    baseline: Annotated[Optional[Path], _option("baseline")] = None,
    write_baseline: Annotated[
        Optional[Path],
        typer.Option("--write-baseline", help="Record today's findings in this file and use it as the baseline."),
    ] = None,
    config_file: Annotated[
        Optional[Path],
        typer.Option("--config", help="Read this config file instead of finding mtqa.toml / pyproject.toml."),
    ] = None,
    isolated: Annotated[
        bool, typer.Option("--isolated", help="Ignore configuration files.")
    ] = False,
    jobs: Annotated[Optional[int], _option("jobs", min=1)] = None,
    max_document_size: Annotated[Optional[str], _option("max-document-size")] = None,
    document_timeout: Annotated[Optional[float], _option("document-timeout")] = None,
    source_lang: Annotated[Optional[str], _option("source-lang")] = None,
    target_lang: Annotated[Optional[str], _option("target-lang")] = None,
    results: Annotated[
        Optional[Path],
        typer.Option("--results", help="Store each document's result in this JSONL file as it is done (see --resume)."),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Continue the run stored in --results: skip the documents done there."),
    ] = False,
    engine: Annotated[
        Engine, typer.Option("--engine", help="local: this machine; ray: a Ray cluster (pip install 'mtqa[ray]').")
    ] = Engine.local,
    ray_address: Annotated[
        Optional[str],
        typer.Option("--ray-address", help="The Ray cluster to join (default: $RAY_ADDRESS, else start a local one)."),
    ] = None,
) -> None:
    """Check articles, report what is wrong with the translation, and gate on thresholds."""
    from mtqa.model import MtqaError
    from mtqa.renderers import render
    from mtqa.renderers.terminal import error_text, report_renderable
    from mtqa.run import Interrupted, RunOptions
    from mtqa.run import run as run_check

    settings = {
        "select": _split(select),
        "ignore": _split(ignore),
        "fail-on": fail_on.value if fail_on else None,
        "input-format": input_format.value if input_format else None,
        "glossary": str(glossary) if glossary is not None else None,
        "lexicons": [str(p) for p in lexicon] if lexicon else None,
        "fluency": fluency,
        "model": model,
        "device": device.value if device else None,
        "dtype": dtype.value if dtype else None,
        "batch-size": batch_size,
        "min-fluency": min_fluency,
        "max-penalty": max_penalty,
        "baseline": str(baseline) if baseline is not None else None,
        "max-document-size": max_document_size,
        "document-timeout": document_timeout,
        "source-lang": source_lang,
        "target-lang": target_lang,
    }
    try:
        formats = list(fmt or [])
        if diff and len(formats) > len(output or []):
            raise MtqaError("--diff prints the diff to stdout: give each --format an --output file")
        if statistics:
            if diff:
                raise MtqaError("--statistics and --diff both print to stdout: choose one")
            if len(formats) > len(output or []):
                raise MtqaError("--statistics prints to stdout: give the other --format options an --output file")
            formats.append(ReportFormat.statistics)  # type: ignore[attr-defined]  # a member made at run time
        outputs, stdout_fmt = _pair_outputs(formats, output or [])
        if diff:
            stdout_fmt = None
        options = RunOptions(
            paths=paths,
            settings={k: v for k, v in settings.items() if v is not None},
            config_file=config_file,
            isolated=isolated,
            max_findings=max_findings,
            source=source,
            reference=reference,
            outputs=outputs,
            stdout_format=stdout_fmt,
            results=results,
            resume=resume,
            engine=engine.value,
            ray_address=ray_address,
            jobs=jobs,
            write_baseline=write_baseline,
            fix=fix,
            diff=diff,
            quiet=quiet,
        )
        outcome = run_check(options, _CliEvents(quiet))
    except (ValueError, MtqaError) as exc:
        raise _fail(str(exc)) from None
    except Interrupted as exc:
        _stderr().print(f"mtqa: {exc}")
        raise typer.Exit(130) from None
    report, gate, summary = outcome.report, outcome.gate, outcome.summary
    if not outcome.streaming:
        if stdout_fmt is None:
            if not quiet:
                _stderr().print(_totals(report))
        elif stdout_fmt == "terminal":
            if not quiet or fmt:  # --quiet alone: the verdict and its findings on stderr only
                Console(highlight=False, emoji=False).print(report_renderable(report, include_errors=False))
        else:
            sys.stdout.write(render(report, stdout_fmt, checks=[c.code for c in outcome.checker.checks],
                                    fail_on=outcome.thresholds.fail_on, gate=gate))
    if summary.documents + summary.unreadable > 1 and not quiet:
        _stderr().print(summary.renderable())
    for error in report.errors:
        _stderr().print(error_text(error))
    if not (quiet and gate.passed):
        _print_gate(gate)
    if exit_zero and gate.exit_code() == 1:
        _stderr().print("mtqa: --exit-zero: exiting 0 although the gate failed")
        raise typer.Exit(0)
    raise typer.Exit(gate.exit_code())


class _CliEvents(RunEvents):
    """What ``mtqa check`` shows on stderr while it runs (nothing with --quiet)."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet

    def status(self, message: str) -> None:
        if not self.quiet:
            _status(message)

    def warning(self, message: str) -> None:
        _stderr().print(Text("mtqa: warning: ", style="yellow") + Text(message))

    def diff(self, text: str) -> None:
        sys.stdout.write(text)

    def progress(self, total: int | None) -> _Progress:
        return _Progress(enabled=not self.quiet and sys.stderr.isatty(), total=total)

    def on_check(self) -> _LongDocument | None:
        return _LongDocument() if not self.quiet and sys.stderr.isatty() else None


def _pair_outputs(formats: list, outputs: list[Path]) -> tuple[list[tuple[str, Path]], str | None]:
    """(format, file) pairs in order, and the format for stdout (None: nothing to stdout)."""
    from mtqa.model import MtqaError

    names = [f.value for f in formats]
    unnamed = outputs[len(names) :]
    # an --output with no --format of its own: the format its file ending names
    # ("report.sarif", "results.json", "junit.xml"); one whose ending names none gets the
    # terminal report where it is the only such file
    guessed = [_format_of(out) for out in unnamed]
    if guessed.count(None) > 1:
        raise MtqaError("more --output files than --format options: give a --format for each --output "
                        "whose name does not end in a format's (.json .jsonl .sarif .xml .md .html)")
    names += [g or "terminal" for g in guessed]
    names = names or ["terminal"]
    pairs = list(zip(names, outputs))
    left = names[len(outputs):]
    if len(left) > 1:
        raise MtqaError(
            f"only one format can go to stdout, not {', '.join(left)}: give the others an --output file"
        )
    if left:
        return pairs, left[0]
    # every format goes to a file: stdout stays quiet; stderr says what was
    # written, the totals and the verdict
    return pairs, None


#: The report format a file ending names, for an --output given no --format.
_FORMAT_OF_SUFFIX = {
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".sarif": "sarif", ".xml": "junit",
    ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
}


def _format_of(path: Path) -> str | None:
    """The format an --output file's ending names ("x.sarif.json" is SARIF), else None."""
    name = path.name.lower()
    if name.endswith((".sarif.json", ".sarif")):
        return "sarif"
    return _FORMAT_OF_SUFFIX.get(path.suffix.lower())


def _print_gate(gate) -> None:
    console = _stderr()
    lines = gate.summary_lines()
    style = "bold red" if not gate.passed else "green"
    console.print(Text("mtqa: ", style="dim") + Text(lines[0], style=style))
    for line in lines[1:]:
        console.print(Text(line))


def _totals(report) -> Text:
    from mtqa.renderers.terminal import totals_text

    return totals_text(report)


class _LongDocument:
    """One status line on stderr while a long document is checked: which check runs."""

    #: Characters from which a document's progress is shown.
    MIN_CHARS = 200_000

    def __init__(self) -> None:
        self._status: Status | None = None

    def __call__(self, doc, code: str, index: int, total: int) -> None:
        if len(doc.text) < self.MIN_CHARS:
            return
        label = f"mtqa: {doc.id[-40:]} ({len(doc.text) / 1e6:.1f} M characters): {code}, check {index + 1} of {total}"
        if self._status is None:
            from rich.errors import LiveError

            self._status = _stderr().status(label, spinner="dots")
            try:
                self._status.start()
            except LiveError:  # the corpus progress bar is showing: it says enough
                self._status = None
                return
        else:
            self._status.update(label)
        if index + 1 == total:
            self._status.stop()
            self._status = None


class _Progress:
    """A Rich progress bar on stderr (documents, docs/s, ETA) once a run passes a few documents.

    Documents taken from a results file (--resume) count as done but not in the
    rate, so the ETA reflects the documents still to check."""

    SHOW_AFTER = 3

    def __init__(self, enabled: bool, total: int | None = None) -> None:
        self.enabled = enabled
        self.total = total
        self.count = 0
        self.checked = 0
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._started: float | None = None

    def _eta(self) -> str:
        if self._started is None or not self.checked or not self.total:
            return "-"
        rate = self.checked / max(time.monotonic() - self._started, 1e-9)
        left = max(0, self.total - self.count) / rate
        return time.strftime("%H:%M:%S", time.gmtime(left)) if left < 86400 else f"{left / 3600:.0f} h"

    def advance(self, label: str, reused: bool = False) -> None:
        self.count += 1
        if not reused:
            if self._started is None:
                self._started = time.monotonic()
            self.checked += 1
        if not self.enabled:
            return
        if self._progress is None and self.count > self.SHOW_AFTER:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                TextColumn("[dim]mtqa"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} docs/s · ETA {task.fields[eta]}"),
                TimeElapsedColumn(),
                TextColumn("{task.description}", style="dim"),
                console=_stderr(),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(label, total=self.total, completed=self.count - 1, rate="-", eta="-")
        if self._progress is not None:
            assert self._task is not None  # added as the bar started
            elapsed = time.monotonic() - self._started if self._started is not None else 0
            rate = f"{self.checked / elapsed:.1f}" if elapsed > 0 else "-"
            if self.total is not None and self.count > self.total:
                self.total = None  # the count was an estimate
                self._progress.update(self._task, total=None)
            self._progress.update(self._task, advance=1, description=label[-40:], rate=rate, eta=self._eta())

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


@app.command()
def compare(
    system_a: Annotated[str, typer.Argument(help="System A's translations: a file, a directory or a JSONL corpus.", show_default=False)],
    system_b: Annotated[str, typer.Argument(help="System B's translations of the same articles.", show_default=False)],
    reference: Annotated[str, typer.Option("--reference", "-r", help="The human reference translations (same layout).", show_default=False)],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.terminal,
    samples: Annotated[int, typer.Option("--samples", help="Bootstrap resamples.")] = 1000,
    no_fluency: Annotated[bool, typer.Option("--no-fluency", help="Count findings without the reference language model.")] = False,
) -> None:
    """Compare two MT systems: corpus BLEU, chrF++ and TER with paired bootstrap, and mtqa findings."""
    import json

    from mtqa.api import Checker
    from mtqa.compare import compare as run_compare
    from mtqa.model import MtqaError

    try:
        checker = Checker(fluency=not no_fluency)
        result = run_compare(system_a, system_b, reference, checker=checker, n_samples=samples)
    except MtqaError as exc:
        raise _fail(str(exc)) from None
    for error in result.errors:
        _stderr().print(Text("mtqa: warning: ", style="yellow") + Text(error))
    if fmt is OutputFormat.json:
        typer.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    table = Table(title=f"{len(result.documents)} articles, {samples} bootstrap resamples", title_justify="left")
    table.add_column("system")
    for metric in result.scores:
        table.add_column(metric, justify="right")
    table.add_column("mtqa findings")
    for i, system in enumerate(result.systems):
        cells = []
        for rows in result.scores.values():
            row = rows[i]
            cell = f"{row['score']:.2f} ({row['mean']:.2f} ± {row['ci']:.2f})"
            if row["p_value"] is not None:
                cell += f" p={row['p_value']:.4f}" + (" *" if row["p_value"] < 0.05 else "")
            cells.append(cell)
        counts = result.findings.get(system, {})
        cells.append(", ".join(f"{k} {v}" for k, v in counts.items()) or "none")
        table.add_row(system, *cells)
    console = Console(highlight=False)
    console.print(table)
    console.print(Text("* the difference from the first system is significant (p < 0.05)", style="dim"))
    for metric, signature in result.signatures.items():
        console.print(Text(f"{metric}: {signature}", style="dim"), soft_wrap=True)


@app.command("checks")
def list_checks_cmd(
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.terminal,
) -> None:
    """List every check with its code, name, family and severity."""
    import json

    from mtqa.api import list_checks

    checks = list_checks()
    if fmt is OutputFormat.json:
        typer.echo(
            json.dumps(
                [
                    {
                        "code": c.code,
                        "name": c.name,
                        "family": c.family,
                        "severity": str(c.severity),
                        "requires": sorted(c.requires),
                        "summary": c.doc.summary,
                    }
                    for c in checks
                ],
                indent=2,
            )
        )
        return
    if not sys.stdout.isatty():
        # piped (grep, less, a file): one line a check, tab-separated, never wrapped
        for c in checks:
            typer.echo("\t".join((c.code, c.name, c.family, str(c.severity), c.doc.summary)))
        return
    table = Table(box=None, pad_edge=False)
    for column in ("code", "name", "family", "severity"):
        table.add_column(column, no_wrap=True)
    table.add_column("summary", overflow="fold", ratio=1)
    for c in checks:
        table.add_row(c.code, c.name, c.family, str(c.severity), c.doc.summary)
    Console(highlight=False).print(table)


@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="A check code (BP001) or name.", show_default=False)],
) -> None:
    """Show a check's documentation, with examples it flags and allows."""
    from mtqa.api import explain as explain_check

    try:
        check = explain_check(code)
    except KeyError as exc:
        raise _fail(exc.args[0]) from None
    doc = check.doc
    console = Console(highlight=False, soft_wrap=True)
    console.print(Text(f"{check.code} {check.name}", style="bold"))
    console.print(Text(f"family: {check.family} · severity: {check.severity}", style="dim"))
    if check.requires:
        console.print(Text(f"needs: {', '.join(sorted(check.requires))}", style="dim"))
    console.print()
    console.print(Text(doc.summary))
    if doc.body:
        console.print()
        console.print(Text(doc.body))
    for title, examples, style in (("Flags", doc.flags, "red"), ("Allows", doc.allows, "green")):
        if examples:
            console.print()
            console.print(Text(f"{title}:", style=f"bold {style}"))
            for example in examples:
                console.print(Text("  - ") + Text(example, style=style))


@app.command("config")
def config_cmd(
    paths: Annotated[
        Optional[list[str]],
        typer.Argument(help="The paths you would check (the config is found upward from the first).", show_default=False),
    ] = None,
    config_file: Annotated[
        Optional[Path], typer.Option("--config", help="Read this config file instead of finding one.")
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.terminal,
) -> None:
    """Print the effective configuration and where each value came from."""
    import json

    from mtqa.config import load_config
    from mtqa.model import MtqaError

    try:
        config = load_config(paths or [], config_file)
    except MtqaError as exc:
        raise _fail(str(exc)) from None
    data = config.to_dict()
    if fmt is OutputFormat.json:
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    console = Console(highlight=False, soft_wrap=True)
    console.print(Text(f"config file: {data['file'] or '(none found: defaults)'}", style="bold"))
    table = Table(box=None, pad_edge=False)
    for column in ("key", "value", "from"):
        table.add_column(column, overflow="fold")
    for key, item in data["values"].items():
        value = item["value"]
        shown = "-" if value is None else json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
        table.add_row(key, shown, item["source"])
    console.print(table)
    for override in data["overrides"]:
        console.print(
            Text(
                f"override {override['paths']}: select {override['select'] or 'all'}, "
                f"ignore {override['ignore'] or '-'} (from {override['source']})"
            )
        )


model_app = typer.Typer(
    help="The reference language model: which one, where its files are, and preparing it.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(model_app, name="model")

_MODEL_OPTION = typer.Option(
    "--model", help="smollm2 (default), gemma3-270m, a model folder, a .gguf file or a hub id."
)


@model_app.command("info")
def model_info_cmd(
    model: Annotated[Optional[str], _MODEL_OPTION] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.terminal,
) -> None:
    """Show which model is used, where its files are, their hash and the cache state."""
    import json

    from mtqa.model import MtqaError
    from mtqa.scoring import model_info

    try:
        info = model_info(model)
    except MtqaError as exc:
        raise _fail(str(exc)) from None
    if fmt is OutputFormat.json:
        typer.echo(json.dumps(info, indent=2))
        return
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column("key", style="bold")
    table.add_column("value", overflow="fold")
    for key, value in info.items():
        if isinstance(value, list):
            value = "\n".join(map(str, value))
        table.add_row(key, "-" if value is None else str(value))
    Console(highlight=False).print(table)


@model_app.command("prepare")
def model_prepare_cmd(
    model: Annotated[Optional[str], _MODEL_OPTION] = None,
) -> None:
    """Verify the model file and convert it once into the cache (the README set-up runs it)."""
    from mtqa.model import MtqaError
    from mtqa.scoring import prepare

    started = time.monotonic()
    try:
        out = prepare(model, progress=_status)
    except MtqaError as exc:
        raise _fail(str(exc)) from None
    typer.echo(
        f"{out['model']}: sha256 {out['sha256']}; ready in {out['cache'] or '(model folder)'} "
        f"({time.monotonic() - started:.1f}s)"
    )


@app.command("prepare")
def prepare_cmd(
    model: Annotated[Optional[str], _MODEL_OPTION] = None,
    no_fluency: Annotated[
        bool, typer.Option("--no-fluency", help="Leave the reference model out: only the rule checks' caches.")
    ] = False,
    lexicon: Annotated[
        Optional[list[Path]],
        typer.Option("--lexicon", help="A lexicon file of your own to parse and cache too; repeatable."),
    ] = None,
    config_file: Annotated[
        Optional[Path], typer.Option("--config", help="Read this config file instead of looking for one.")
    ] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore configuration files.")] = False,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.terminal,
) -> None:
    """Build every cache the checks use (word lists, lexicon, the reference model), so the first check starts at once.

    Run it once after installing (the README set-up does), or in a CI image's build
    step with $MTQA_CACHE inside the image. The model, whether to prepare it and the
    lexicons come from the options, else from the config file found from the working
    directory (mtqa.toml or [tool.mtqa]; --config names one, --isolated reads none);
    --model prepares that model even where the config turns fluency off.
    """
    import json

    from mtqa.api import prepare
    from mtqa.cache import cache_root
    from mtqa.config import Config, load_config
    from mtqa.model import MtqaError

    try:
        config = Config() if isolated else load_config([], config_file)
        values = config.values
        fluency = not no_fluency and (model is not None or bool(values.get("fluency", True)))
        lexicons = [str(p) for p in lexicon] if lexicon else list(values.get("lexicons") or [])
        steps = prepare(
            model=model or values.get("model"), fluency=fluency, lexicons=lexicons, progress=_status
        )
    except MtqaError as exc:
        raise _fail(str(exc)) from None
    root = cache_root()
    size = sum(f.stat().st_size for f in root.rglob("*") if f.is_file()) if root.is_dir() else 0
    used = str(config.file) if config.file else None
    if fmt is OutputFormat.json:
        data = {"steps": [{"step": name, "seconds": round(t, 2)} for name, t in steps],
                "config": used, "lexicons": lexicons, "cache_root": str(root), "cache_bytes": size}
        typer.echo(json.dumps(data, indent=2))
        return
    typer.echo(f"config: {used or '(none)'}" + (f"; lexicons: {', '.join(lexicons)}" if lexicons else ""))
    for name, seconds in steps:
        typer.echo(f"{name}: ready ({seconds:.1f}s)")
    typer.echo(f"cache: {root} ({size / 2**20:.0f} MiB)")


lexicon_app = typer.Typer(
    help="Lexicon files of your own (--lexicon): vet one before you use it.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(lexicon_app, name="lexicon")


@lexicon_app.command("check")
def lexicon_check_cmd(
    files: Annotated[list[Path], typer.Argument(help="Lexicon files (YAML, the built-in schema).", show_default=False)],
    clean: Annotated[
        Optional[list[str]],
        typer.Option("--clean", help="Articles known to be right (files, folders, globs): every match is a false alarm."),
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.terminal,
) -> None:
    """Vet lexicon files: the schema, each entry's flag and allow examples, its own English,
    its id, and (with --clean) its matches on right English. Exit 0: nothing wrong; 1: an
    entry's problem or a match on right English; 2: a file or input that cannot be read."""
    import json

    from mtqa import lexicons
    from mtqa.lexicons import vet
    from mtqa.loaders import DocumentError, iter_documents

    out: dict[str, Any] = {"ok": True, "files": [], "clean_documents": 0, "unreadable": []}
    loaded: list[tuple[dict[str, Any], lexicons.Lexicon]] = []
    for path in files:
        record: dict[str, Any] = {"file": str(path), "entries": 0, "error": None, "problems": [], "matches": []}
        out["files"].append(record)
        try:
            lexicon = lexicons.parse(path.read_bytes(), str(path))
        except OSError as exc:
            record["error"] = f"{path}: cannot be read ({exc.strerror or exc})"
            continue
        except lexicons.LexiconError as exc:
            record["error"] = str(exc)
            continue
        record["entries"] = len(lexicon)
        loaded.append((record, lexicon))
    for record, lexicon in loaded:
        others = [e.id for r, other in loaded if r is not record for e in other.entries]
        record["problems"] = [
            {"entry": p.entry, "message": p.message}
            for p in vet.problems(lexicon, builtin_file=vet.is_builtin_file(record["file"]), others=others)
        ]
    if clean:
        documents = []
        for item in iter_documents(clean):
            if isinstance(item, DocumentError):
                out["unreadable"].append(str(item.message))
            else:
                documents.append(item)
        if not documents and not out["unreadable"]:
            out["unreadable"].append(f"no article found in {', '.join(clean)}")
        out["clean_documents"] = len(documents)
        for record, lexicon in loaded:
            record["matches"] = [vars(m) for m in vet.matches_in(lexicon, documents)]
    errors = bool(out["unreadable"]) or any(r["error"] for r in out["files"])
    wrong = any(r["problems"] or r["matches"] for r in out["files"])
    out["ok"] = not (errors or wrong)
    if fmt is OutputFormat.json:
        typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        console = Console(highlight=False, soft_wrap=True)
        for message in out["unreadable"]:
            _stderr().print(Text("mtqa: error: ", style="bold red") + Text(f"--clean: {message}"))
        for r in out["files"]:
            if r["error"]:
                _stderr().print(Text("mtqa: error: ", style="bold red") + Text(r["error"]))
                continue
            for p in r["problems"]:
                console.print(Text(f"{r['file']}: {p['entry']}: ", style="bold") + Text(p["message"], style="red"))
            for m in r["matches"]:
                where = f"{m['path'] or m['document']}:{m['line']}:{m['column']}"
                console.print(
                    Text(f"{r['file']}: {m['entry']}: ", style="bold")
                    + Text(f"matches {m['text']!r} at {where}, right English: a false alarm to narrow: ", style="red")
                    + Text(m["sentence"][:160])
                )
            clean_part = f", {len(r['matches'])} matches in {out['clean_documents']} clean articles" if clean else ""
            bad = r["problems"] or r["matches"]
            console.print(
                Text(f"{r['file']}: {r['entries']} entries, {len(r['problems'])} problems{clean_part}: ")
                + (Text("fix these", style="red") if bad else Text("ok", style="green"))
            )
    if errors:
        raise typer.Exit(EXIT_ERROR)
    if wrong:
        raise typer.Exit(EXIT_FINDINGS)


# -- mtqa serve: the command lives in mtqa/serve/command.py (Starlette and uvicorn load when it runs)
from mtqa.serve.command import serve as _serve_command  # noqa: E402

app.command("serve")(_serve_command)


def main() -> None:
    """Entry point: run the app; turn an unexpected crash into exit code 2."""
    from mtqa.model import MtqaError

    try:
        app()
    except MtqaError as exc:
        _stderr().print(Text("mtqa: error: ", style="bold red") + Text(str(exc)))
        sys.exit(EXIT_ERROR)
    except Exception:  # a bug: say so, keep the traceback, exit 2 as documented
        import traceback

        traceback.print_exc()
        _stderr().print(
            Text("mtqa: internal error (a bug in mtqa): please report it with the traceback above")
        )
        sys.exit(EXIT_ERROR)
