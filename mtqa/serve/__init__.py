"""``mtqa serve``: an HTTP API and an editor's page (``pip install 'mtqa[serve]'``).

The package imports nothing heavy: Starlette and uvicorn load in :func:`create_app`
and :func:`run`, the checks and the model in the worker that runs them.

>>> from mtqa.serve import ServeSettings, create_app    # doctest: +SKIP
>>> app = create_app(ServeSettings(fluency=False, workers=0))  # an ASGI app
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mtqa.serve.settings import ServeSettings

if TYPE_CHECKING:
    from starlette.applications import Starlette

__all__ = ["ServeSettings", "create_app", "run"]


def create_app(settings: ServeSettings | None = None) -> Starlette:
    """The ASGI application (Starlette) for ``settings``."""
    from mtqa.serve.app import create_app as _create

    return _create(settings or ServeSettings())


def run(settings: ServeSettings, **uvicorn_options: Any) -> None:
    """Serve ``settings`` with uvicorn until interrupted (SIGINT/SIGTERM finish running requests)."""
    from mtqa.serve.app import serve_forever

    serve_forever(settings, **uvicorn_options)
