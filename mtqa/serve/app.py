"""The ASGI application: routes, limits, the token, metrics.  Needs ``mtqa[serve]``.

Every API answer is JSON; an error is ``{"error": "one line", "status": N}``.
The checks run in :class:`~mtqa.serve.engine.Pool`, never on the event loop.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mtqa.serve.engine import Busy, Pool, TimedOut
from mtqa.serve.metrics import CONTENT_TYPE as METRICS_TYPE
from mtqa.serve.metrics import Metrics
from mtqa.serve.protocol import RequestError, parse_baseline, parse_check, parse_json
from mtqa.serve.settings import ServeSettings

#: The page and its assets: public (no article data in them), everything else needs the token.
PUBLIC = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/static/editor.js": ("editor.js", "text/javascript; charset=utf-8"),
    "/static/editor.css": ("editor.css", "text/css; charset=utf-8"),
}
#: The page runs only its own script; article text arrives as data and is escaped.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]
RETRY_AFTER = "1"


def error(status: int, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)


def _route_label(path: str) -> str:
    """The route template of ``path``: metrics labels stay few."""
    if path in PUBLIC or path in _ROUTES:
        return path
    if path.startswith("/v1/checks/"):
        return "/v1/checks/{code}"
    return "other"


_ROUTES = {
    "/v1/check",
    "/v1/check/html",
    "/v1/baseline",
    "/v1/checks",
    "/v1/health",
    "/metrics",
    "/openapi.json",
}


class Guard:
    """ASGI middleware: the token, security headers, request metrics, errors as JSON."""

    def __init__(self, app: ASGIApp, settings: ServeSettings, metrics: Metrics) -> None:
        self.app = app
        self.token = settings.token.encode() if settings.token else None
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        path: str = scope.get("path", "")
        status = 500

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = dict(message)
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        try:
            if self.token is not None and path not in PUBLIC and not self._authorised(scope):
                self.metrics.rejected["unauthorised"] += 1
                response = error(
                    401,
                    "this server needs a token: send 'Authorization: Bearer TOKEN'",
                    headers={"WWW-Authenticate": 'Bearer realm="mtqa"'},
                )
                await response(scope, receive, send_with_headers)
                return
            await self.app(scope, receive, send_with_headers)
        finally:
            self.metrics.observe(
                scope.get("method", ""), _route_label(path), status, time.perf_counter() - started
            )

    def _authorised(self, scope: Scope) -> bool:
        for name, value in scope.get("headers", []):
            if name == b"authorization":
                scheme, _, given = value.partition(b" ")
                return scheme.lower() == b"bearer" and hmac.compare_digest(given.strip(), self.token or b"")
        return False


class Service:
    """The endpoints, with the settings, the worker pool and the metrics they share."""

    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        self.metrics = Metrics()
        self.pool = Pool(settings.checker, settings.workers, settings.queue_size)
        self.assets = {
            path: (resources.files("mtqa.serve").joinpath("static", name).read_bytes(), kind)
            for path, (name, kind) in PUBLIC.items()
        }
        from mtqa.serve.openapi import openapi_schema

        self.openapi = json.dumps(openapi_schema(), indent=2, ensure_ascii=False) + "\n"

    # -- reading requests ------------------------------------------------------------
    async def body(self, request: Request) -> Any:
        """The request's JSON, read within the size and time limits."""
        limit = self.settings.max_body
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise RequestError(415, "send the body as JSON with 'Content-Type: application/json'")
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise RequestError(413, f"the body is {int(declared)} bytes; this server takes at most {limit}")
        chunks: list[bytes] = []
        size = 0

        async def read() -> None:
            nonlocal size
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise RequestError(413, f"the body is over {limit} bytes, the most this server takes")
                chunks.append(chunk)

        try:
            await asyncio.wait_for(read(), self.settings.body_timeout)
        except asyncio.TimeoutError:
            raise RequestError(
                408, f"the body did not arrive within {self.settings.body_timeout:g} seconds"
            ) from None
        return parse_json(b"".join(chunks))

    async def _check(self, request: Request, html: bool) -> Response:
        from mtqa.serve.engine import JobResult

        job = parse_check(
            await self.body(request),
            fluency=self.settings.fluency,
            default_format=self.settings.input_format,
            html=html,
        )
        try:
            result: JobResult = await self.pool.run(job, self.settings.timeout)
        except Busy:
            raise RequestError(
                503, "every worker is busy and the queue is full: retry shortly", {"Retry-After": RETRY_AFTER}
            ) from None
        except TimedOut:
            raise RequestError(504, f"the check took longer than {self.settings.timeout:g} seconds") from None
        if result.input_error is not None:
            raise RequestError(422, result.input_error)
        self.metrics.checked(result.documents, result.findings)
        headers = {"X-Mtqa-Exit-Code": str(result.exit_code)}
        if html:
            body = json.dumps({"report": json.loads(result.body), "html": result.html}, ensure_ascii=False)
            return Response(body, media_type="application/json", headers=headers)
        return Response(result.body, media_type="application/json", headers=headers)

    # -- endpoints ---------------------------------------------------------------------
    async def check(self, request: Request) -> Response:
        """POST /v1/check: the JSON report of ``mtqa check --format json``."""
        return await self._check(request, html=False)

    async def check_html(self, request: Request) -> Response:
        """POST /v1/check/html: the report and its HTML view (the editor's page)."""
        return await self._check(request, html=True)

    async def baseline(self, request: Request) -> Response:
        """POST /v1/baseline: a baseline file (``mtqa check --baseline``) of the given findings."""
        from mtqa.gate import Baseline
        from mtqa.model import Document, Finding, Severity
        from mtqa.report import DocumentResult, Report

        key, items = parse_baseline(await self.body(request))
        doc = Document(id=key, text="", path=None, blocks=[])
        findings = [
            Finding(
                code=f["code"],
                name="",
                family="",
                severity=Severity.WARNING,
                message="",
                start=0,
                end=0,
                text=f["text"],
                sentence=f["sentence"],
            )
            for f in items
        ]
        report = Report(results=[DocumentResult(doc, findings=findings)])
        text = Baseline.from_report(report, "mtqa-baseline.json").dumps()
        return Response(
            text,
            media_type="application/json",
            headers={"Content-Disposition": 'attachment; filename="mtqa-baseline.json"'},
        )

    async def checks(self, request: Request) -> Response:
        """GET /v1/checks: every check, as ``mtqa checks --format json``."""
        from mtqa.api import list_checks

        return JSONResponse([_check_dict(c) for c in list_checks()])

    async def explain(self, request: Request) -> Response:
        """GET /v1/checks/{code}: a check's documentation, as ``mtqa explain``."""
        from mtqa.api import explain

        try:
            check = explain(request.path_params["code"])
        except KeyError as exc:
            raise RequestError(404, exc.args[0]) from None
        doc = check.doc
        return JSONResponse(
            {**_check_dict(check), "body": doc.body, "flags": list(doc.flags), "allows": list(doc.allows)}
        )

    async def health(self, request: Request) -> Response:
        """GET /v1/health: up, the version, the signature, the model."""
        from mtqa._version import __version__
        from mtqa.report import SCHEMA_VERSION

        info = self.pool.info[0] if self.pool.info else {}
        signature = info.get("signature", "")
        ready = self.pool.ready
        return JSONResponse(
            {
                "status": "ok" if ready else "starting",
                "mtqa_version": __version__,
                "schema": SCHEMA_VERSION,
                "signature": signature,
                "model": {
                    "fluency": self.settings.fluency,
                    "loaded": ready and "|model:none" not in signature,
                },
                "in_flight": self.pool.in_flight,
                **self.settings.describe(),
            },
            status_code=200 if ready else 503,
        )

    async def metrics_text(self, request: Request) -> Response:
        """GET /metrics: Prometheus text."""
        text = self.metrics.render(self.pool.in_flight, self.pool.capacity, self.settings.workers)
        return Response(text, media_type=METRICS_TYPE)

    async def openapi_json(self, request: Request) -> Response:
        return Response(self.openapi, media_type="application/json")

    async def asset(self, request: Request) -> Response:
        content, kind = self.assets[request.url.path]
        return Response(content, media_type=kind)


def _check_dict(check: Any) -> dict[str, Any]:
    return {
        "code": check.code,
        "name": check.name,
        "family": check.family,
        "severity": str(check.severity),
        "requires": sorted(check.requires),
        "summary": check.doc.summary,
    }


def _handler(service: Service, endpoint: Callable[[Request], Awaitable[Response]]):
    async def handle(request: Request) -> Response:
        try:
            return await endpoint(request)
        except RequestError as exc:
            service.metrics.rejected[_REASONS.get(exc.status, str(exc.status))] += 1
            return error(exc.status, exc.message, exc.headers)

    handle.__doc__ = endpoint.__doc__
    return handle


_REASONS = {
    401: "unauthorised",
    404: "not-found",
    408: "slow-body",
    413: "too-large",
    415: "not-json",
    422: "invalid",
    503: "busy",
    504: "timeout",
}


def create_app(settings: ServeSettings) -> Starlette:
    settings.validate()
    service = Service(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            await service.pool.start()
        except Exception as exc:  # a model that cannot be loaded: say so, then fail the start-up
            import sys

            print(f"mtqa: error: the workers could not start ({type(exc).__name__}: {exc})", file=sys.stderr)
            service.pool.close()
            raise
        try:
            yield
        finally:
            await asyncio.get_running_loop().run_in_executor(None, service.pool.close)

    def route(path: str, endpoint: Callable[[Request], Awaitable[Response]], method: str) -> Route:
        return Route(path, _handler(service, endpoint), methods=[method])

    routes = [
        route("/v1/check", service.check, "POST"),
        route("/v1/check/html", service.check_html, "POST"),
        route("/v1/baseline", service.baseline, "POST"),
        route("/v1/checks", service.checks, "GET"),
        route("/v1/checks/{code}", service.explain, "GET"),
        route("/v1/health", service.health, "GET"),
        route("/metrics", service.metrics_text, "GET"),
        route("/openapi.json", service.openapi_json, "GET"),
        *(route(path, service.asset, "GET") for path in PUBLIC),
    ]

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = {404: f"no such endpoint: {request.url.path}", 405: f"{request.method} is not allowed here"}
        return error(exc.status_code, message.get(exc.status_code, str(exc.detail)), exc.headers)

    async def internal_error(request: Request, exc: Exception) -> Response:
        return error(500, f"internal error ({type(exc).__name__}); the server goes on: please report it")

    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: http_error, Exception: internal_error},
    )
    app.state.service = service
    app.add_middleware(Guard, settings=settings, metrics=service.metrics)
    return app


def serve_forever(settings: ServeSettings, **uvicorn_options: Any) -> None:
    """Run the app with uvicorn: SIGINT/SIGTERM stop accepting, finish running requests, stop the workers."""
    import uvicorn

    app = create_app(settings)
    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_level": "info",
        "timeout_graceful_shutdown": int(settings.timeout) + 5,
        "server_header": False,
        # the app limits bodies; uvicorn limits the number of connections it serves at once
        "limit_concurrency": max(64, 4 * (settings.workers + settings.queue_size)),
        **uvicorn_options,
    }
    uvicorn.run(app, **options)
