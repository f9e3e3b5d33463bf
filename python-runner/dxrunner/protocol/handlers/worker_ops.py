"""ping and describe: is the worker alive, and what can it do."""

from __future__ import annotations

import os
import platform
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

import numpy as np

from ... import __version__
from ...functions.catalog import describe_functions
from ...functions.quality import PHYSICAL_RANGES
from ...functions.units import known_units
from ...models.registry import all_models
from ...scenario.spec import METHODS, MODES

if TYPE_CHECKING:
    from ..dispatch import Worker


def _scipy_version() -> str | None:
    try:
        return version("scipy")  # without importing scipy, which is slow to load
    except PackageNotFoundError:
        return None


def ping(request: dict[str, Any], worker: Worker) -> dict[str, Any]:
    return {"pong": True, "pid": os.getpid()}


def describe(request: dict[str, Any], worker: Worker) -> dict[str, Any]:
    from ..dispatch import OPERATIONS

    return {
        "worker": {
            "pid": os.getpid(),
            "version": __version__,
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": _scipy_version(),
        },
        "operations": sorted(OPERATIONS),
        "modes": list(MODES),
        "methods": list(METHODS),
        "models": [cls.describe() for cls in all_models().values()],
        "functions": list(describe_functions()),
        "qualityRanges": {
            name: {"low": low, "high": high, "unit": unit} for name, (low, high, unit) in PHYSICAL_RANGES.items()
        },
        "units": known_units(),
    }
