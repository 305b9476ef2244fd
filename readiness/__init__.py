"""readiness: evidence-based go / no-go checks for clinical-system go-lives."""

from __future__ import annotations

__version__ = "0.1.0"
