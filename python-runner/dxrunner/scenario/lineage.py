"""What made a scenario's results: the worker library's version, each model instance's model and version,
and the library functions that ran (the integrator, and in a twin session the quality rules and the
Kalman filter). Run and open results carry it, so whoever publishes them can say where they came from.
"""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..functions.catalog import function_ref
from ..functions.ivp import integrate_ivp, ivp_step
from ..functions.kalman import kalman_filter_series
from ..functions.quality import assess
from ..functions.rk4 import rk4_step
from ..models.registry import all_models
from .spec import RK4, Scenario


def scenario_lineage(scenario: Scenario, twin: bool = False) -> dict[str, Any]:
    functions = [rk4_step] if scenario.method == RK4 else [ivp_step, integrate_ivp]
    if twin:
        functions += [assess, kalman_filter_series]
    return {
        "library": __version__,
        "models": [
            {"instance": spec.id, "model": spec.model, "version": all_models()[spec.model].version}
            for spec in scenario.models
        ],
        "functions": [function_ref(function) for function in functions],
    }
