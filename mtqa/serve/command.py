"""The ``mtqa serve`` command (registered in :mod:`mtqa.cli`).  Imports nothing heavy:
Starlette, uvicorn and the model load when the command runs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from mtqa.serve.settings import DEFAULT_MAX_BODY


def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; beyond localhost a --token is required.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)] = 8765,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            help="Worker processes that run the checks, each loading the model once (0: one thread of the server).",
            min=0,
        ),
    ] = 1,
    model: Annotated[
        str | None,
        typer.Option(
            "--model", help="Reference model: smollm2 (default), gemma3-270m, a model folder or a .gguf file."
        ),
    ] = None,
    fluency: Annotated[
        bool | None,
        typer.Option(
            "--fluency/--no-fluency",
            help="Load the reference language model (default); --no-fluency: rule checks only.",
            show_default=False,
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select", help="Run only these checks (codes, prefixes, names or families; comma-separated)."
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore", help="Skip these checks (codes, prefixes, names or families; comma-separated)."
        ),
    ] = None,
    glossary: Annotated[
        Path | None,
        typer.Option("--glossary", help="A YAML or TSV glossary of canonical names (see README)."),
    ] = None,
    device: Annotated[
        str | None, typer.Option("--device", help="Where the model runs: auto, cpu, cuda or mps.")
    ] = None,
    dtype: Annotated[
        str | None,
        typer.Option("--dtype", help="The model's float type: auto, float32, bfloat16 or float16."),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="MTQA_TOKEN",
            show_envvar=True,
            help="Require 'Authorization: Bearer TOKEN' on every API request (prefer $MTQA_TOKEN: "
            "arguments show in ps).",
        ),
    ] = None,
    max_body: Annotated[
        int, typer.Option("--max-body", help="Largest request body in bytes (413 above).", min=1024)
    ] = DEFAULT_MAX_BODY,
    timeout: Annotated[
        float,
        typer.Option("--timeout", help="Seconds a check may take, waiting included (504 after).", min=0.1),
    ] = 60.0,
    body_timeout: Annotated[
        float,
        typer.Option(
            "--body-timeout", help="Seconds a client may take to send its request body (408 after).", min=0.1
        ),
    ] = 10.0,
    queue: Annotated[
        int,
        typer.Option(
            "--queue", help="Requests that may wait for a busy worker (503 with Retry-After beyond).", min=0
        ),
    ] = 16,
    access_log: Annotated[
        bool,
        typer.Option(
            "--access-log/--no-access-log", help="Log every request on stderr (uvicorn's access log)."
        ),
    ] = True,
    config_file: Annotated[
        Path | None,
        typer.Option("--config", help="Read this config file instead of finding mtqa.toml / pyproject.toml."),
    ] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore configuration files.")] = False,
) -> None:
    """Serve the checks over HTTP (JSON API at /v1, an editor's page at /); needs 'mtqa[serve]'."""
    from rich.console import Console
    from rich.text import Text

    from mtqa.config import KEYS, Config, load_config
    from mtqa.model import MtqaError
    from mtqa.serve.settings import settings_from_config

    err = Console(stderr=True, highlight=False, soft_wrap=True)

    def fail(message: str) -> typer.Exit:
        err.print(Text("mtqa: error: ", style="bold red") + Text(message))
        return typer.Exit(2)

    def split(values: list[str] | None) -> list[str] | None:
        return [v.strip() for value in values for v in value.split(",") if v.strip()] if values else None

    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise fail("mtqa serve needs its extra: pip install 'mtqa[serve]'") from None
    try:
        config = Config() if isolated else load_config([], config_file)
        for key, value in (
            ("select", split(select)),
            ("ignore", split(ignore)),
            ("glossary", str(glossary) if glossary is not None else None),
            ("fluency", fluency),
            ("model", model),
            ("device", device),
            ("dtype", dtype),
        ):
            config.set(key, value)
        config.validate_selectors()
        for key in ("device", "dtype"):
            parse, expected, _ = KEYS[key]
            if parse(config[key]) is None:
                raise MtqaError(f"--{key} must be {expected}, not {config[key]!r}")
        settings = settings_from_config(
            config,
            host=host,
            port=port,
            workers=workers,
            token=token or os.environ.get("MTQA_TOKEN") or None,
            max_body=max_body,
            timeout=timeout,
            body_timeout=body_timeout,
            queue_size=queue,
        )
        settings.validate()
        _preflight(settings)
    except (MtqaError, ValueError) as exc:
        raise fail(str(exc)) from None
    from mtqa.serve import run

    err.print(
        Text(
            f"mtqa: serving on http://{'[' + host + ']' if ':' in host else host}:{port}/ "
            f"({workers or 'no'} worker process{'es' if workers != 1 else ''}, "
            f"{'with' if settings.fluency else 'without'} the reference model"
            f"{', token required' if settings.token else ''}); Ctrl-C stops",
            style="dim",
        )
    )
    try:
        run(settings, access_log=access_log)
    except MtqaError as exc:  # a model that cannot be loaded, in a worker
        raise fail(str(exc)) from None


def _preflight(settings) -> None:
    """Build the configured checker here once, so a missing glossary, a broken lexicon or an
    unknown model is an error now (exit 2) rather than in every worker."""
    settings.checker.build()
