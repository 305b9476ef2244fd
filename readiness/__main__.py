"""`python -m readiness` runs the command-line interface."""

from __future__ import annotations

import sys

from readiness.cli import console_main

sys.exit(console_main())
