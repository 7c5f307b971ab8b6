"""The choices of the settings and options, read from the code that owns them
(kept apart so that the table of settings, ``mtqa/settings.py``, and ``mtqa/cli.py``
name them without importing the whole library)."""

from __future__ import annotations


def severities() -> tuple[str, ...]:
    from mtqa.model import Severity

    return tuple(str(s) for s in Severity)


def devices() -> tuple[str, ...]:
    from mtqa.scoring import DEVICE_CHOICES

    return DEVICE_CHOICES


def dtypes() -> tuple[str, ...]:
    from mtqa.scoring import DTYPE_CHOICES

    return DTYPE_CHOICES


def input_formats() -> tuple[str, ...]:
    from mtqa.loaders import FORMATS

    return FORMATS


def report_formats() -> tuple[str, ...]:
    from mtqa.renderers import RENDERERS

    return tuple(RENDERERS)
