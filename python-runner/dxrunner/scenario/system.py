"""The composed system: every instance's state in one vector, inputs held per step, links applied.

Co-simulation in the usual way: at the start of each step the links copy outputs into inputs
(converted between units), inputs are then held for the step, each model's discrete update runs,
and the continuous part of all instances is integrated together over the step. Links are applied
in the order the scenario lists them, each reading its source with the inputs it holds at that
moment, so a chain A -> B -> C listed in that order passes a value through in one step and an
algebraic loop is broken by one step of delay instead of being solved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..functions.ivp import IntegrationError, ivp_step
from ..functions.rk4 import rk4_step
from ..functions.units import converter
from ..models.base import Model, Violation
from ..models.registry import all_models
from ..protocol.errors import ModelError
from .spec import RK4, Endpoint, Scenario


@dataclass
class Instance:
    """One model instance: its model object, where its state sits in the vector, its held inputs."""

    id: str
    model: Model
    equipment: str | None
    states: slice
    inputs: list[float]
    input_offset: int

    def input_index(self, name: str) -> int:
        return self.model.input_names().index(name)


@dataclass(frozen=True)
class Link:
    source: Instance
    output: str
    target: Instance
    input_index: int
    convert: Callable[[float], float]


class ComposedSystem:
    """A scenario's instances and links, with the current time and state."""

    def __init__(self, scenario: Scenario) -> None:
        self.method = scenario.method
        self.instances: list[Instance] = []
        offset = input_offset = 0
        initial: list[np.ndarray] = []
        for spec in scenario.models:
            model = all_models()[spec.model](spec.parameters)
            model.step_seconds = scenario.step_seconds or scenario.period_seconds or 1.0
            size = len(model.states)
            states = slice(offset, offset + size)
            self.instances.append(
                Instance(spec.id, model, spec.instance, states, model.default_inputs(), input_offset)
            )
            initial.append(model.initial_state(spec.initial_state))
            offset += size
            input_offset += len(model.inputs)
        self.by_id = {instance.id: instance for instance in self.instances}
        self.y: np.ndarray = np.concatenate(initial) if initial else np.empty(0)
        self.t = 0.0
        self.input_count = input_offset
        self.links = [self._link(link.source, link.target) for link in scenario.links]
        self.discrete = [instance for instance in self.instances if instance.model.has_discrete_step()]
        for endpoint, value in scenario.inputs.items():
            self.set_input(endpoint, value)

    def _link(self, source: Endpoint, target: Endpoint) -> Link:
        origin, destination = self.by_id[source.instance], self.by_id[target.instance]
        index = destination.input_index(target.name)
        from_unit = origin.model.output_units()[source.name]
        to_unit = destination.model.inputs[index].unit
        return Link(origin, source.name, destination, index, converter(from_unit, to_unit))

    # --- inputs and links ---------------------------------------------------------------------

    def set_input(self, endpoint: Endpoint, value: float) -> None:
        instance = self.by_id[endpoint.instance]
        instance.inputs[instance.input_index(endpoint.name)] = float(value)

    def apply_links(self) -> None:
        """Copies each linked output, at the current state, into its target input."""
        for link in self.links:
            source = link.source
            value = source.model.evaluate(self.y[source.states], source.inputs)[link.output]
            link.target.inputs[link.input_index] = float(link.convert(value))

    def input_vector(self) -> list[float]:
        """Every instance's held inputs, in instance order."""
        return [value for instance in self.instances for value in instance.inputs]

    # --- stepping -----------------------------------------------------------------------------

    @property
    def needs_step_stops(self) -> bool:
        """True when an adaptive integrator must stop at every step (for links or discrete updates)."""
        return bool(self.links or self.discrete)

    def derivatives(self, t: float, y: np.ndarray) -> np.ndarray:
        """d(state)/dt of every instance's continuous part, inputs held."""
        if len(self.instances) == 1:
            only = self.instances[0]
            return only.model.derivatives(t, y, only.inputs)
        out = np.empty_like(y)
        for instance in self.instances:
            out[instance.states] = instance.model.derivatives(t, y[instance.states], instance.inputs)
        return out

    def step(self, h: float, t_next: float | None = None) -> None:
        """Advances by h with the inputs as they are: discrete updates, then the continuous part."""
        y = self.y
        if self.discrete:
            y = y.copy()
            for instance in self.discrete:
                y[instance.states] = instance.model.advance(y[instance.states], instance.inputs, h)
        if self.method == RK4:
            self.y = rk4_step(self.derivatives, self.t, y, h)
        else:
            try:
                self.y = ivp_step(self.derivatives, self.t, y, h)
            except IntegrationError as error:
                raise ModelError(str(error), {"time": self.t}) from error
        self.t = self.t + h if t_next is None else t_next

    def advance_by(self, dt: float, max_step: float) -> None:
        """Advances dt seconds in equal steps of at most max_step, applying links before each."""
        steps = max(1, int(np.ceil(dt / max_step - 1e-9)))
        h, start = dt / steps, self.t
        for index in range(1, steps + 1):
            self.apply_links()
            self.step(h, start + index * h)
        self.apply_links()

    # --- reading ------------------------------------------------------------------------------

    def outputs(self) -> dict[str, dict[str, float]]:
        """Every instance's outputs now."""
        return {
            instance.id: {
                name: float(value)
                for name, value in instance.model.evaluate(self.y[instance.states], instance.inputs).items()
            }
            for instance in self.instances
        }

    def units(self) -> dict[str, dict[str, str]]:
        return {instance.id: instance.model.output_units() for instance in self.instances}

    def violations_now(self) -> list[tuple[Instance, Violation]]:
        found = []
        for instance in self.instances:
            for violation in instance.model.violations(self.y[instance.states], instance.inputs):
                if np.any(violation.mask):
                    found.append((instance, violation))
        return found

    def check_finite(self) -> None:
        """MODEL_ERROR naming the first state that is NaN or infinite."""
        if np.all(np.isfinite(self.y)):
            return
        column = int(np.flatnonzero(~np.isfinite(self.y))[0])
        raise self.non_finite_error(column, self.t)

    def non_finite_error(self, column: int, time: float) -> ModelError:
        for instance in self.instances:
            if instance.states.start <= column < instance.states.stop:
                state = instance.model.states[column - instance.states.start].name
                return ModelError(
                    f"state {state} of {instance.id} became NaN or infinite at t={time:g} s",
                    {"instance": instance.id, "state": state, "time": time},
                )
        return ModelError(f"the state became NaN or infinite at t={time:g} s", {"time": time})
