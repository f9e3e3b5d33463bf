"""Classical fixed-step Runge-Kutta (RK4), our own implementation.

Fixed steps keep a realtime tick's cost predictable and make results reproducible bit for bit;
the error falls with the fourth power of the step. Derivative functions take (t, y) and return
a numpy array of the same shape as y.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .catalog import library_function

Derivatives = Callable[[float, np.ndarray], np.ndarray]


@library_function(
    "integrator", units={"t": "s", "h": "s"}, returns="the state at t + h", use='scenario "method": "rk4"'
)
def rk4_step(f: Derivatives, t: float, y: np.ndarray, h: float) -> np.ndarray:
    """One classical Runge-Kutta step of size h from state y at time t."""
    half = 0.5 * h
    k1 = f(t, y)
    k2 = f(t + half, y + half * k1)
    k3 = f(t + half, y + half * k2)
    k4 = f(t + h, y + h * k3)
    return y + (h / 6.0) * (k1 + 2.0 * (k2 + k3) + k4)


@library_function("integrator", units={"t0": "s", "h": "s"}, returns="(times, states), states shaped (steps + 1, n)")
def integrate_rk4(f: Derivatives, t0: float, y0: np.ndarray, h: float, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Integrates with `steps` fixed RK4 steps of size h and returns every state, the initial one first."""
    y = np.asarray(y0, dtype=float)
    states = np.empty((steps + 1, y.size))
    states[0] = y
    t = t0
    for index in range(1, steps + 1):
        y = rk4_step(f, t, y, h)
        t = t0 + index * h  # from the index, so rounding does not accumulate over long runs
        states[index] = y
    return t0 + h * np.arange(steps + 1), states
