"""Test setup shared by every folder: the repository root is importable.

`tests.helpers` and `readiness` then import whether pytest runs from an editable install,
as `python -m pytest`, or as a bare `pytest` in a checkout.
"""

from __future__ import annotations

import sys
from pathlib import Path

_REPO = str(Path(__file__).resolve().parent.parent)
if _REPO not in sys.path:
    sys.path.insert(0, _REPO)
