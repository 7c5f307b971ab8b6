from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b3dce5b5bb70e21c.txt"
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

CLEAN_ARTICLE = """Oslo council approves new budget

The city council approved the new budget on Tuesday after a long debate about school funding.

The mayor said the money would go to new teachers and to repairs of old school buildings.

– We have listened to the parents, she said.
"""


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def write(tmp_path):
    """Write text (or bytes) to a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode(encoding))
        return path

    return _write
