"""Static mode: one evaluation of every instance at its initial state, after the links are applied."""

from __future__ import annotations

from typing import Any

import numpy as np

from .flags import summarise
from .spec import Scenario
from .lineage import scenario_lineage
from .system import ComposedSystem


def run_static(scenario: Scenario) -> dict[str, Any]:
    system = ComposedSystem(scenario)
    system.check_finite()
    system.apply_links()
    outputs = system.outputs()
    flags = [summarise(instance.id, violation, np.zeros(1)) for instance, violation in system.violations_now()]
    return {
        "scenarioId": scenario.scenario_id,
        "mode": scenario.mode,
        "time": 0.0,
        "outputs": outputs,
        "units": system.units(),
        "flags": [flag for flag in flags if flag],
        "lineage": scenario_lineage(scenario),
    }
