"""One run of ``mtqa check``: configuration, baseline, engine, streaming outputs,
the corpus pass and the gate, as a library function.

:func:`run` does what the command does and returns the report (or, for a
streamed corpus, its summary) with the gate's verdict; the CLI (``mtqa check``)
translates its flags into :class:`RunOptions`, calls it, prints and exits.  What a
user should see while it runs (status lines, a progress bar, a diff) goes
through :class:`RunEvents`, whose default says nothing, so a notebook or a
service gets the same run without a terminal.

>>> from mtqa.run import RunOptions, run
>>> outcome = run(RunOptions(paths=["articles/"], isolated=True, fluency=False))  # doctest: +SKIP
>>> outcome.gate.exit_code()                                                       # doctest: +SKIP
1
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from mtqa.model import MtqaError

if TYPE_CHECKING:
    from mtqa.corpus import CorpusRun
    from mtqa.engines.ray import RayRun

#: Formats written as the run goes (one line a document); any other needs the whole report.
STREAMED_FORMATS = ("jsonl",)


class Interrupted(Exception):
    """The run was stopped (Ctrl-C); the message says what was kept."""


class RunEvents:
    """What a run tells its user while it goes.  The default says nothing."""

    def status(self, message: str) -> None:
        """A line about the run (model loading, resuming, files written)."""

    def warning(self, message: str) -> None:
        """Something worth knowing that does not stop the run."""

    def diff(self, text: str) -> None:
        """``--diff``: the unified diff of one file's safe edits."""

    def progress(self, total: int | None) -> Any:
        """An object with ``advance(doc_id, reused=False)`` and ``stop()``."""
        return _NoProgress()

    def on_check(self) -> Callable | None:
        """``Checker.on_check`` for a long document's progress, or None."""
        return None


class _NoProgress:
    def advance(self, doc_id: str, reused: bool = False) -> None:
        pass

    def stop(self) -> None:
        pass


@dataclass
class RunOptions:
    """Everything ``mtqa check`` takes.  Settings that the configuration file may
    also give (``select``, ``fail-on``, ``model``...) are in ``settings``, keyed as
    in the file; the file's values are used where a key is absent (unless
    ``isolated``)."""

    paths: list[str]
    settings: dict[str, Any] = field(default_factory=dict)
    config_file: Path | None = None
    isolated: bool = False
    #: repeated ``--max-findings`` values (``N``, ``FAMILY=N``, ``CODE=N``)
    max_findings: list[str] | None = None
    source: Path | None = None
    reference: Path | None = None
    #: (format, file) pairs, and the format written to ``stdout`` (None: none)
    outputs: list[tuple[str, Path]] = field(default_factory=list)
    stdout_format: str | None = "terminal"
    stdout: TextIO | None = None
    results: Path | None = None
    resume: bool = False
    engine: str = "local"
    ray_address: str | None = None
    jobs: int | None = None
    write_baseline: Path | None = None
    fix: bool = False
    diff: bool = False
    #: ``--quiet``: no counting of the inputs ahead for a progress bar
    quiet: bool = False

    @property
    def fluency(self) -> bool | None:
        return self.settings.get("fluency")


@dataclass
class RunOutcome:
    """What a run produced: the report (without its results when the run was
    streamed: they went to the outputs), the corpus summary and the gate."""

    report: Any
    summary: Any
    gate: Any
    checker: Any
    thresholds: Any
    streaming: bool


def effective_config(options: RunOptions):
    """The configuration file's values with the options' settings on top."""
    from mtqa.config import Config, load_config
    from mtqa.gate import parse_max_findings

    config = Config() if options.isolated else load_config(options.paths, options.config_file)
    if options.max_findings:
        config.set("max-findings", parse_max_findings(options.max_findings))
    for key, value in options.settings.items():
        config.set(key, value)
    return config


def thresholds_of(config):
    from mtqa.gate import Thresholds
    from mtqa.model import Severity

    thresholds = Thresholds(
        fail_on=Severity.parse(config["fail-on"]),
        max_findings=dict(config["max-findings"] or {}),
        min_fluency=config["min-fluency"],
        max_penalty=config["max-penalty"],
    )
    thresholds.validate(fluency_measured=bool(config["fluency"]))
    return thresholds


def checker_of(config):
    """The :class:`~mtqa.api.Checker` the configuration describes: each setting goes to
    the Checker argument the table of settings names (``read.X``: a field of its
    :class:`~mtqa.loaders.ReadOptions`)."""
    from mtqa.api import Checker
    from mtqa.loaders import ReadOptions
    from mtqa.settings import SETTINGS

    arguments: dict[str, Any] = {}
    read: dict[str, Any] = {}
    for setting in SETTINGS.values():
        if setting.checker is not None:
            head, _, field = setting.checker.partition(".")
            if field:
                read[field] = config[setting.key]
            else:
                arguments[head] = config[setting.key]
    arguments["lexicons"] = arguments["lexicons"] or ()
    if arguments["dtype"] == "auto":
        arguments["dtype"] = None  # the scorer picks it for the device
    return Checker(read=ReadOptions(**read), **arguments)


def run(options: RunOptions, events: RunEvents | None = None) -> RunOutcome:  # noqa: C901 - the pipeline, step by step
    """Check the inputs as ``mtqa check`` does; raise :class:`~mtqa.model.MtqaError`
    for a usage or setup error and :class:`Interrupted` on Ctrl-C."""
    from mtqa.corpus import CorpusRun, ResultsFile, count_documents, default_jobs, run_identity
    from mtqa.gate import Baseline, StreamingGate, run_gate
    from mtqa.loaders import iter_documents
    from mtqa.model import Document, Finding
    from mtqa.renderers import jsonl as jsonl_out
    from mtqa.renderers import render
    from mtqa.report import DocumentResult, Report
    from mtqa.summary import CorpusSummary

    events = events or RunEvents()
    stdout = options.stdout or sys.stdout
    for _, path in options.outputs:
        _writable(path)  # before the run, not after it: a long run's report is not lost to a wrong path
    try:
        config = effective_config(options)
        thresholds = thresholds_of(config)
        gate_baseline = None
        if config["baseline"] is not None and options.write_baseline is None:
            gate_baseline = Baseline.read(config["baseline"])
        checker = checker_of(config)
        # fluency is measured only when a selected check needs the model
        thresholds.validate(fluency_measured=checker.needs_model)
        checker.load_model(progress=events.status)
        checker.on_check = events.on_check()
    except ValueError as exc:
        raise MtqaError(str(exc)) from None
    scorer = checker.context.scorer
    if scorer is not None and scorer.calibration is None:
        events.status(
            f"model {scorer.name} has no fluency calibration: scores are uncalibrated and FL001/FL002 "
            "make no findings (see benchmarks/fluency_calibration.py)"
        )
    if options.resume and options.results is None:
        raise MtqaError("--resume needs --results FILE: the file of the run to continue")

    report = Report(signature=checker.signature)
    if options.source is not None or options.reference is not None:
        try:
            items: Any = list(
                iter_documents(options.paths, checker.input_format, source=options.source,
                               reference=options.reference, read=checker.read)
            )
        except ValueError as exc:
            raise MtqaError(str(exc)) from None
        total: int | None = len(items)
    else:
        items = iter_documents(options.paths, checker.input_format, read=checker.read)
        counting = not options.quiet or not (options.jobs or config["jobs"])
        total = count_documents(options.paths, checker.input_format) if counting else None
    # jsonl alone is written as the run goes, nothing kept: memory stays flat
    # --fix and --diff need the whole report (the edits of a document come with its corpus findings)
    streaming = (
        all(f in STREAMED_FORMATS for f, _ in options.outputs)
        and options.stdout_format in (None, *STREAMED_FORMATS)
        and not (options.fix or options.diff)
    )
    try:
        store = (
            ResultsFile(options.results, run_identity(checker), resume=options.resume)
            if options.results is not None else None
        )
    except OSError as exc:
        raise MtqaError(f"cannot open {options.results}: {exc}") from None
    if store is not None:
        for warning in store.warnings:
            events.warning(warning)
    n_jobs = options.jobs or config["jobs"] or default_jobs(total)
    engine: CorpusRun | RayRun
    if options.engine == "ray":
        from mtqa.engines import ray as ray_engine

        if config["document-timeout"] is not None:
            raise MtqaError("--document-timeout works with the local engine: drop it or --engine ray")
        engine = ray_engine.RayRun(checker, results=store, address=options.ray_address, jobs=n_jobs)
    else:
        engine = CorpusRun(checker, jobs=n_jobs, results=store, timeout=config["document-timeout"])
    if store is not None and options.resume and len(store):
        events.status(f"resuming {options.results}: {len(store)} document(s) done there are not checked again")

    gate_stream = None
    sinks: list[TextIO] = []
    summary = CorpusSummary()
    if streaming:
        gate_stream = StreamingGate(
            thresholds,
            overrides=config.overrides,
            baseline=gate_baseline,
            write_baseline=options.write_baseline,
            keep_penalties=False,
        )
        for _, path in options.outputs:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                sinks.append(open(path, "w", encoding="utf-8"))  # noqa: SIM115 - closed at the end
            except OSError as exc:
                raise _write_error(path, exc) from None
        if options.stdout_format in STREAMED_FORMATS:
            sinks.append(stdout)

    def emit(line: str) -> None:
        for sink in sinks:
            sink.write(line)
            sink.flush()

    progress = events.progress(total)
    try:
        for outcome in engine.run(items):
            report.errors.extend(outcome.errors)
            if outcome.result is None:
                summary.add_unreadable()
                for error in outcome.errors:
                    emit(jsonl_out.error_line(error))
            else:
                result = outcome.result
                if gate_stream is not None:
                    gate_stream.add(result)
                    summary.add(result, failed=bool(outcome.errors))
                    emit(jsonl_out.document_line(result))
                    for error in outcome.errors:
                        emit(jsonl_out.error_line(error))
                else:
                    report.results.append(result)
            progress.advance(outcome.id, reused=outcome.stored)
    except KeyboardInterrupt:
        progress.stop()
        engine.close()
        done = (
            f"; {len(store)} document(s) are stored in {options.results}: rerun with --resume to continue"
            if store else ""
        )
        raise Interrupted(f"interrupted{done}") from None
    finally:
        progress.stop()
        engine.close()
    found, corpus_errors = engine.corpus_findings(None if gate_stream is not None else report.results)
    report.errors.extend(corpus_errors)
    if gate_stream is not None:
        for index, finding in found:
            doc_id, doc_path, line = engine.documents[index]
            stub = DocumentResult(Document(id=doc_id, text="", path=doc_path, record_line=line), findings=[finding])
            gate_stream.add_late(stub)
            for f in stub.findings:
                summary.add_corpus_finding(f)
                emit(jsonl_out.corpus_finding_line(doc_id, doc_path, f))
        for error in corpus_errors:
            emit(jsonl_out.error_line(error))
        emit(jsonl_out.summary_line(summary))
        for sink in sinks:
            if sink is not stdout:
                sink.close()
        gate = gate_stream.finish(errors=len(report.errors))
        for _, path in options.outputs:
            events.status(f"wrote {path}")
        return RunOutcome(report, summary, gate, checker, thresholds, streaming=True)

    for index, finding in found:
        report.results[index].findings.append(finding)
    for result in report.results:
        result.findings.sort(key=Finding.sort_key)
    if options.fix or options.diff:
        written = fix_files(report, write=options.fix, show_diff=options.diff, events=events)
        if written:
            recheck(report, written, checker, options, events,
                    corpus_found=[f for _, f in found], corpus_errors=corpus_errors,
                    # a Ray run's --jobs sizes a cluster: the files are checked again here, sized for here
                    jobs=n_jobs if options.engine != "ray" else default_jobs(len(written)),
                    timeout=config["document-timeout"])
    gate = run_gate(
        report,
        thresholds,
        overrides=config.overrides,
        baseline=gate_baseline,
        write_baseline=options.write_baseline,
    )
    summary = report.corpus_summary()
    render_options = {"checks": [c.code for c in checker.checks], "fail_on": thresholds.fail_on, "gate": gate}
    for out_fmt, path in options.outputs:
        text = render(report, out_fmt, color=False, **render_options)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise _write_error(path, exc) from None
        events.status(f"wrote {path}")
    return RunOutcome(report, summary, gate, checker, thresholds, streaming=False)


def fix_files(report, *, write: bool, show_diff: bool, events: RunEvents) -> list[int]:
    """--fix / --diff: apply (or show) the safe edits; fixed findings leave the report.
    The indices of the results whose files were written (a file named twice, by a
    folder and a path in it, is fixed once and counts for both)."""
    from mtqa.fix import fix_result

    files = fixed = 0
    written: list[int] = []
    seen: set[Path] = set()
    written_paths: set[Path] = set()
    for index, result in enumerate(report.results):
        doc = result.document
        where = None
        if doc.path and doc.path != "-" and doc.record_line is None:
            where = _resolved(doc.path)
            if where in seen:
                if where in written_paths:
                    written.append(index)  # written above: checked again below, with the other
                continue
            seen.add(where)
        change, why = fix_result(result)
        if why:
            events.status(why)
        if change is None:
            continue
        if show_diff:
            events.diff(change.diff())
        if write:
            try:
                change.write()
            except OSError as exc:
                raise MtqaError(f"cannot write {change.path}: {exc.strerror or exc}") from None
            done = {id(f) for f in change.fixed}
            result.findings = [f for f in result.findings if id(f) not in done]
            written.append(index)
            if where is not None:
                written_paths.add(where)
        files += 1
        fixed += len(change.fixed)
    events.status(f"{'fixed' if write else 'would fix'} {fixed} finding(s) in {files} file(s)")
    return written


def _file_in_the_way(path: Path) -> Path | None:
    """The file that stands where one of ``path``'s folders should be, if any."""
    for parent in path.parents:
        if parent.exists():
            return None if parent.is_dir() else parent
    return None


def _writable(path: Path) -> None:
    """Raise a clear :class:`~mtqa.model.MtqaError` where an --output file cannot be
    written: it is a folder, or a file stands where one of its folders should be."""
    if path.is_dir():
        raise MtqaError(f"cannot write {path}: it is a folder; give a file name")
    blocking = _file_in_the_way(path)
    if blocking is not None:
        raise MtqaError(f"cannot write {path}: {blocking} is a file, not a folder")


def _write_error(path: Path, exc: OSError) -> MtqaError:
    """The message for an --output file that could not be written."""
    blocking = _file_in_the_way(path)
    if blocking is not None:
        return MtqaError(f"cannot write {path}: {blocking} is a file, not a folder")
    return MtqaError(f"cannot write {path}: {exc.strerror or exc}")


def _resolved(path: str) -> Path:
    try:
        return Path(path).resolve()
    except OSError:
        return Path(path)


def recheck(report, indices: list[int], checker, options: RunOptions, events: RunEvents,
            corpus_found: list | tuple = (), corpus_errors: list | tuple = (),
            jobs: int = 1, timeout: float | None = None) -> None:
    """The files --fix wrote, checked again, as ``ruff --fix`` does: the report, its
    errors and the gate then speak of the files as they are now, every position
    included.  A file that cannot be read back keeps no findings, with a warning and
    its error; one that is now empty (it was all furniture) is an error, as a fresh
    run says.  ``corpus_found`` and ``corpus_errors``: what the first corpus pass
    gave; it runs again over every document (a check may report in both passes under
    one code).  The files are checked by the corpus engine of the first pass:
    ``jobs`` workers, each document under ``timeout``, with a progress display; with
    ``--results``, their records are added to the results file, so a later
    ``--resume`` does not check them again.  Ctrl-C raises :class:`Interrupted`,
    saying that the files were written."""
    from mtqa.corpus import CorpusRun, run_identity
    from mtqa.loaders import DocumentError, iter_documents
    from mtqa.model import Document
    from mtqa.results import ResultsFile

    stale: set[tuple[str, str | None]] = set()
    fresh: list = []
    todo: list[tuple[int, Document]] = []
    for index in indices:
        old = report.results[index]
        try:
            docs: list = list(iter_documents([old.document.path], checker.input_format, source=options.source,
                                             reference=options.reference, read=checker.read))
        except (OSError, ValueError) as exc:
            docs = [DocumentError(old.document.id, str(exc), path=old.document.path)]
        if len(docs) == 1 and isinstance(docs[0], DocumentError):
            stale.add((old.document.id, old.document.path))
            old.findings = []  # its text is not there any more
            fresh.append(docs[0])
            events.warning(f"{old.document.path}: fixed, and then it could not be checked: {docs[0].message}")
            continue
        if len(docs) != 1 or not isinstance(docs[0], Document):
            events.warning(f"{old.document.path}: fixed, but not checked again (it reads as {len(docs)} "
                           "documents): the positions reported are those of the text before the fix")
            continue
        todo.append((index, docs[0]))
    store = None
    if options.results is not None and todo:
        try:
            store = ResultsFile(options.results, run_identity(checker), resume=True)
        except (OSError, MtqaError) as exc:
            events.warning(f"{options.results}: the fixed files' records not added ({exc})")
    engine = CorpusRun(checker, jobs=min(jobs, len(todo)), results=store, timeout=timeout)
    on_check, checker.on_check = checker.on_check, None  # a long document's own display is off here
    if todo:
        events.status(f"checking the {len(todo)} fixed file(s) again")
    progress = events.progress(len(todo))
    try:
        for (index, _), outcome in zip(todo, engine.run(doc for _, doc in todo)):
            old = report.results[index]
            stale.add((old.document.id, old.document.path))
            if outcome.result is not None:
                report.results[index] = outcome.result
            fresh.extend(outcome.errors)
            progress.advance(outcome.id, reused=outcome.stored)
    except KeyboardInterrupt:
        written = ", ".join(sorted({str(report.results[i].document.path) for i, _ in todo}))
        raise Interrupted(
            f"interrupted while checking the fixed files again; --fix had written them ({written}): "
            "run mtqa check on them to see what they hold now"
        ) from None
    finally:
        progress.stop()
        engine.close()
        checker.on_check = on_check
    # the errors of the text as read go with its findings, and the first corpus pass's with its own
    gone_errors = {id(e) for e in corpus_errors}
    report.errors = [e for e in report.errors
                     if (e.id, e.path) not in stale and id(e) not in gone_errors] + fresh
    gone = {id(f) for f in corpus_found}
    for result in report.results:
        result.findings = [f for f in result.findings if id(f) not in gone]
    checker.finish(report, collect_errors=False)
