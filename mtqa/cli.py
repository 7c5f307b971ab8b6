"""The ``mtqa`` command: parse options, call the library, render, exit.

Exit codes are a contract: 0 nothing at or above ``--fail-on``; 1 findings at
or above it; 2 usage, input or internal error (2 wins over 1).
"""

from __future__ import annotations

import enum
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mtqa._version import __version__

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


class Level(str, enum.Enum):
    info = "info"
    warning = "warning"
    error = "error"


class Device(str, enum.Enum):
    auto = "auto"
    cpu = "cpu"
    cuda = "cuda"
    mps = "mps"


class DType(str, enum.Enum):
    auto = "auto"
    float32 = "float32"
    bfloat16 = "bfloat16"
    float16 = "float16"


class InputFormat(str, enum.Enum):
    auto = "auto"
    text = "text"
    markdown = "markdown"
    html = "html"
    jsonl = "jsonl"


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


@app.command()
def check(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Articles: files (.txt .md .html .jsonl), directories, globs, or - for stdin.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.terminal,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    fail_on: Annotated[
        Level, typer.Option("--fail-on", help="Exit 1 when a finding is at or above this severity.")
    ] = Level.error,
    select: Annotated[
        Optional[list[str]],
        typer.Option("--select", help="Run only these checks: codes, prefixes, names or families (comma-separated)."),
    ] = None,
    ignore: Annotated[
        Optional[list[str]],
        typer.Option("--ignore", help="Skip these checks: codes, prefixes, names or families (comma-separated)."),
    ] = None,
    input_format: Annotated[
        InputFormat, typer.Option("--input-format", help="How to read the inputs (auto: by file ending).")
    ] = InputFormat.auto,
    glossary: Annotated[
        Optional[Path],
        typer.Option("--glossary", help="A YAML or TSV glossary of canonical names (see README)."),
    ] = None,
    lexicon: Annotated[
        Optional[list[Path]],
        typer.Option("--lexicon", help="An extra lexicon file (YAML, the format of mtqa/lexicons/nb_en.yaml); repeatable."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or status lines.")] = False,
    no_fluency: Annotated[
        bool,
        typer.Option("--no-fluency", help="Skip the reference language model: no fluency scores, FL checks skipped."),
    ] = False,
    model: Annotated[
        Optional[str],
        typer.Option(
            "--model",
            help="Reference model: smollm2 (default), gemma3-270m, a model folder, a .gguf file, or a hub id "
            "(with MTQA_ALLOW_NETWORK=1). Default: $MTQA_MODEL or smollm2.",
        ),
    ] = None,
    device: Annotated[
        Device, typer.Option("--device", help="Where the reference model runs.")
    ] = None,
    dtype: Annotated[
        DType, typer.Option("--dtype", help="The model's float type (auto: float32 on CPU, bfloat16 on CUDA).")
    ] = None,
) -> None:
    """Check articles and report what is wrong with the translation."""
    from mtqa.api import Checker
    from mtqa.loaders import DocumentError
    from mtqa.model import MtqaError
    from mtqa.renderers import render
    from mtqa.renderers.terminal import error_text, report_renderable
    from mtqa.report import Report

    try:
        checker = Checker(
            select=_split(select),
            ignore=_split(ignore),
            input_format=input_format.value,
            glossary=glossary,
            lexicons=lexicon or (),
            fluency=not no_fluency,
            model=model,
            device=(device or Device.auto).value,
            dtype=None if dtype in (None, DType.auto) else dtype.value,
        )
        checker.load_model(progress=None if quiet else _status)
    except (ValueError, MtqaError) as exc:
        raise _fail(str(exc)) from None
    scorer = checker.context.scorer
    if scorer is not None and scorer.calibration is None and not quiet:
        _status(
            f"model {scorer.name} has no fluency calibration: scores are uncalibrated and FL001/FL002 "
            "make no findings (see benchmarks/fluency_calibration.py)"
        )

    report = Report(signature=checker.signature)
    progress = _Progress(enabled=not quiet and sys.stderr.isatty())
    try:
        for item in checker.iter_check(paths):
            if isinstance(item, DocumentError):
                report.errors.append(item)
            else:
                report.results.append(item)
            progress.advance(item.id)
    except KeyboardInterrupt:
        progress.stop()
        _stderr().print("mtqa: interrupted")
        raise typer.Exit(130) from None
    finally:
        progress.stop()
    checker.finish(report)

    if output is not None:
        text = render(report, fmt.value, color=False)
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None
        if not quiet:
            _stderr().print(f"mtqa: wrote {output}")
            _stderr().print(_totals(report))
    else:
        if fmt is OutputFormat.terminal:
            Console(highlight=False, emoji=False).print(
                report_renderable(report, include_errors=False)
            )
        else:
            sys.stdout.write(render(report, fmt.value))
        for error in report.errors:
            _stderr().print(error_text(error))
    raise typer.Exit(report.exit_code(fail_on.value))


def _totals(report) -> Text:
    from mtqa.renderers.terminal import totals_text

    return totals_text(report)


class _Progress:
    """A progress line on stderr that appears once a run passes a few documents."""

    SHOW_AFTER = 3

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.count = 0
        self._progress = None
        self._task = None
        self._started = time.monotonic()

    def advance(self, label: str) -> None:
        self.count += 1
        if not self.enabled:
            return
        if self._progress is None and self.count > self.SHOW_AFTER:
            from rich.progress import (
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.completed} documents · {task.fields[rate]} docs/s"),
                TimeElapsedColumn(),
                TextColumn("{task.description}", style="dim"),
                console=_stderr(),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(label, completed=self.count - 1, rate="-")
        if self._progress is not None:
            elapsed = time.monotonic() - self._started
            rate = f"{self.count / elapsed:.1f}" if elapsed > 0 else "-"
            self._progress.update(self._task, advance=1, description=label, rate=rate)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


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
