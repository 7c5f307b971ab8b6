"""What a server is started with: the checker's configuration and the limits.

Plain data (picklable: worker processes get the checker part), no Starlette.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any

from mtqa.model import MtqaError

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "ip6-localhost"})
DEFAULT_MAX_BODY = 2 * 1024 * 1024
#: Documents in one batch request, at most.
MAX_DOCUMENTS = 100


def is_local(host: str) -> bool:
    """True when ``host`` is a loopback address or name (only this machine can connect)."""
    name = host.strip("[]").lower()
    if name in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class CheckerConfig:
    """How every worker builds its :class:`~mtqa.api.Checker` (server-side paths only)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    glossary: str | None = None
    lexicons: tuple[str, ...] = ()
    fluency: bool = True
    model: str | None = None
    device: str = "auto"
    dtype: str | None = None

    def build(self, select=None, ignore=None, fluency: bool | None = None) -> Any:
        """The :class:`~mtqa.api.Checker` this configuration describes (``select``,
        ``ignore``, ``fluency``: a request's own, in place of the configured ones).
        Suppressions are left to the gate (:func:`mtqa.gate.run_gate`), as in the CLI."""
        from mtqa.api import Checker

        select = self.select if select is None else select
        ignore = self.ignore if ignore is None else ignore
        return Checker(
            select=list(select) if select is not None else None,
            ignore=list(ignore) if ignore is not None else None,
            glossary=self.glossary,
            lexicons=self.lexicons,
            fluency=self.fluency if fluency is None else fluency,
            model=self.model,
            device=self.device,
            dtype=self.dtype,
            suppressions=False,
        )


@dataclass(frozen=True)
class ServeSettings:
    """A server's configuration.  ``workers=0`` runs checks on one thread of the server
    process (tests, notebooks); ``N >= 1`` in N worker processes, each with its own model."""

    host: str = "127.0.0.1"
    port: int = 8765
    workers: int = 1
    checker: CheckerConfig = field(default_factory=CheckerConfig)
    #: Required on every API request as ``Authorization: Bearer TOKEN`` when set.
    token: str | None = None
    #: Largest request body, in bytes (413 above).
    max_body: int = DEFAULT_MAX_BODY
    #: Seconds a check may take, queue wait included (504 after).
    timeout: float = 60.0
    #: Seconds a client may take to send its request body (408 after).
    body_timeout: float = 10.0
    #: Requests that may wait for a worker beyond those running (503 when full).
    queue_size: int = 16
    #: The default input format of a request's ``target``.
    input_format: str = "text"

    @property
    def fluency(self) -> bool:
        return self.checker.fluency

    def validate(self) -> None:
        """Raise :class:`MtqaError` on settings that cannot work or are unsafe."""
        if self.workers < 0:
            raise MtqaError("--workers must be 0 (a thread of the server) or more (worker processes)")
        if self.max_body < 1024:
            raise MtqaError("--max-body must be at least 1024 bytes")
        if self.timeout <= 0 or self.body_timeout <= 0:
            raise MtqaError("--timeout must be more than 0 seconds")
        if self.queue_size < 0:
            raise MtqaError("--queue must be 0 or more")
        if self.input_format not in INPUT_FORMATS:
            raise MtqaError(
                f"input format must be one of {', '.join(INPUT_FORMATS)}, not {self.input_format!r}"
            )
        if self.token is not None and len(self.token) < 16:
            raise MtqaError(
                "--token must be at least 16 characters (python -c 'import secrets; print(secrets.token_urlsafe())')"
            )
        if not is_local(self.host) and not self.token:
            raise MtqaError(
                f"binding to {self.host} lets other machines connect: give a token "
                "(--token or $MTQA_TOKEN), which every request must then carry as 'Authorization: Bearer TOKEN'"
            )

    def describe(self) -> dict[str, Any]:
        """The settings a client may see (no token, no server paths)."""
        return {
            "workers": self.workers,
            "fluency": self.fluency,
            "max_body": self.max_body,
            "timeout": self.timeout,
            "queue_size": self.queue_size,
            "token_required": self.token is not None,
        }


#: What a request's ``options.format`` may be: the loaders that read text (not files).
INPUT_FORMATS = ("text", "markdown", "html")


def settings_from_config(config: Any, **serve: Any) -> ServeSettings:
    """Settings from an effective :class:`mtqa.config.Config` and the serve options."""
    input_format = config["input-format"]
    checker = CheckerConfig(
        select=tuple(config["select"]) if config["select"] else None,
        ignore=tuple(config["ignore"]) if config["ignore"] else None,
        glossary=config["glossary"],
        lexicons=tuple(config["lexicons"] or ()),
        fluency=bool(config["fluency"]),
        model=config["model"],
        device=config["device"],
        dtype=None if config["dtype"] == "auto" else config["dtype"],
    )
    return ServeSettings(
        checker=checker, input_format=input_format if input_format in INPUT_FORMATS else "text", **serve
    )
