"""The KJCE reference platform: the HTTP API the desktop client talks to (docs/api.md)."""

from __future__ import annotations

__version__ = "0.1.0"
