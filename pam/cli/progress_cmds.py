"""Commands about progress: record, card, status, history, demo."""

from __future__ import annotations

from . import app  # noqa: F401
