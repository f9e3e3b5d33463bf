"""A stepped scenario for the realtime mode: the service's clock calls step() every period.

The worker does not keep time itself: the service schedules the ticks (without drift, counting
overruns) and tells each step how many seconds to advance, so a late tick advances by the time
that really passed. Inputs set by a step are held until a later step changes them, as the latest
value of a live contract is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..protocol.errors import ModelError
from .flags import summarise
from .spec import Endpoint, Scenario
from .lineage import scenario_lineage
from .system import ComposedSystem
from .twin import TwinLoop, TwinOptions


class Session:
    """A realtime scenario's system between steps, optionally with the reactor twin loop."""

    def __init__(self, scenario: Scenario, twin: TwinOptions | None = None) -> None:
        assert scenario.period_seconds
        self.scenario = scenario
        self.system = ComposedSystem(scenario)
        self.system.check_finite()
        self.period = scenario.period_seconds
        self.max_step = scenario.step_seconds or scenario.period_seconds
        self.steps = 0
        self.twin = TwinLoop(self.system, twin, self.max_step) if twin else None
        self.system.apply_links()

    def describe(self) -> dict[str, Any]:
        described: dict[str, Any] = {
            "scenarioId": self.scenario.scenario_id,
            "periodSeconds": self.period,
            "stepSeconds": self.max_step,
            "units": self.system.units(),
            "lineage": scenario_lineage(self.scenario, twin=self.twin is not None),
        }
        if self.twin:
            described["twin"] = self.twin.options.to_json()
        return described

    def step(
        self, dt: float | None, inputs: Mapping[Endpoint, float], telemetry: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """Sets the inputs, advances dt seconds (one period by default), and reports the outputs.

        A step that fails (MODEL_ERROR) leaves the session as it was before the step.
        """
        dt = self.period if dt is None else dt
        system = self.system
        before = (system.y.copy(), system.t, [list(instance.inputs) for instance in system.instances])
        try:
            for endpoint, value in inputs.items():
                system.set_input(endpoint, value)
            with np.errstate(all="ignore"):
                system.advance_by(dt, self.max_step)
            system.check_finite()
        except ModelError:
            system.y, system.t = before[0], before[1]
            for instance, held in zip(system.instances, before[2]):
                instance.inputs[:] = held
            raise
        self.steps += 1
        twin = self.twin.assimilate(dt, telemetry or {}) if self.twin else None
        now = np.array([system.t])
        flags = [summarise(instance.id, violation, now) for instance, violation in system.violations_now()]
        result: dict[str, Any] = {
            "time": self.system.t,
            "step": self.steps,
            "outputs": self.system.outputs(),
            "flags": [flag for flag in flags if flag],
        }
        if twin:
            result.update(twin)
        return result
