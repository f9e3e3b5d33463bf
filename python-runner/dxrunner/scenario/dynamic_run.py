"""Dynamic mode: integrate every instance over the horizon and return the trajectories.

The states and held inputs of every step are kept in two arrays; the outputs are computed
afterwards, vectorised over the samples returned, and the valid-range flags over every step (so
thinning the samples with `every` cannot hide an excursion). With solve_ivp and nothing that needs
a stop at each step (no links, no discrete updates), the whole horizon is one adaptive call.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from ..functions.ivp import IntegrationError, integrate_ivp
from ..protocol.errors import ModelError
from .flags import summarise
from .spec import SOLVE_IVP, Scenario
from .lineage import scenario_lineage
from .system import ComposedSystem


def sample_times(step: float, horizon: float) -> np.ndarray:
    """0, step, 2 step, ... up to the horizon, which is always the last time (the last step may be shorter)."""
    steps = max(1, int(np.ceil(horizon / step - 1e-9)))
    return np.minimum(np.arange(steps + 1) * step, horizon)


def thinned(count: int, every: int) -> np.ndarray:
    """Indices of every `every`-th sample, always ending with the last one."""
    indices = np.arange(0, count, every)
    return indices if indices[-1] == count - 1 else np.append(indices, count - 1)


def integrate(system: ComposedSystem, times: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """States (one row per time) and held inputs (one row per time) over the sample times."""
    states = np.empty((times.size, system.y.size))
    inputs = np.empty((times.size, system.input_count))
    states[0] = system.y
    if system.method == SOLVE_IVP and not system.needs_step_stops:
        inputs[:] = system.input_vector()
        try:
            _, states[:] = integrate_ivp(system.derivatives, 0.0, system.y, float(times[-1]), t_eval=times)
        except IntegrationError as error:
            raise ModelError(str(error)) from error
        system.y, system.t = states[-1].copy(), float(times[-1])
        return states, inputs
    if not system.links:
        inputs[:] = system.input_vector()  # held all along: nothing changes them during a run
    with np.errstate(all="ignore"):  # a diverging run is reported once, below, not as warnings
        for index in range(times.size - 1):
            if system.links:
                system.apply_links()
                inputs[index] = system.input_vector()
            system.step(float(times[index + 1] - times[index]), float(times[index + 1]))
            states[index + 1] = system.y
    if system.links:
        system.apply_links()
        inputs[-1] = system.input_vector()
    return states, inputs


def run_dynamic(scenario: Scenario, every: int = 1) -> dict[str, Any]:
    started = time.perf_counter()
    assert scenario.step_seconds and scenario.horizon_seconds
    system = ComposedSystem(scenario)
    system.check_finite()
    times = sample_times(scenario.step_seconds, scenario.horizon_seconds)
    states, inputs = integrate(system, times)
    bad = ~np.isfinite(states)
    if bad.any():
        row, column = np.argwhere(bad)[0]
        raise system.non_finite_error(int(column), float(times[row]))
    picked = thinned(times.size, every)
    trajectories: dict[str, dict[str, list[float]]] = {}
    final: dict[str, dict[str, float]] = {}
    flags: list[dict[str, Any]] = []
    for instance in system.instances:
        held = inputs[:, instance.input_offset : instance.input_offset + len(instance.model.inputs)]
        y, u = states[picked, instance.states].T, held[picked].T
        values = {
            name: np.broadcast_to(np.asarray(value, dtype=float), picked.shape)
            for name, value in instance.model.evaluate(y, u).items()
        }
        for name, series in values.items():
            if not np.all(np.isfinite(series)):
                at = float(times[picked][np.flatnonzero(~np.isfinite(series))[0]])
                raise ModelError(
                    f"output {name} of {instance.id} is NaN or infinite at t={at:g} s",
                    {"instance": instance.id, "output": name, "time": at},
                )
        trajectories[instance.id] = {name: series.tolist() for name, series in values.items()}
        final[instance.id] = {name: float(series[-1]) for name, series in values.items()}
        for violation in instance.model.violations(states[:, instance.states].T, held.T):
            flag = summarise(instance.id, violation, times)
            if flag:
                flags.append(flag)
    return {
        "scenarioId": scenario.scenario_id,
        "mode": scenario.mode,
        "method": scenario.method,
        "stepSeconds": scenario.step_seconds,
        "horizonSeconds": scenario.horizon_seconds,
        "steps": int(times.size - 1),
        "times": times[picked].tolist(),
        "trajectories": trajectories,
        "final": final,
        "units": system.units(),
        "flags": flags,
        "computeSeconds": time.perf_counter() - started,
        "lineage": scenario_lineage(scenario),
    }
