"""Adaptive integration through scipy's solve_ivp, for stiff systems and long horizons.

LSODA is the default because it switches between a non-stiff and a stiff method by itself, so a
scenario does not have to know which kind it is. scipy.integrate is imported on first use: it
costs a few hundred milliseconds at worker start, and most runs use RK4.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .catalog import library_function

Derivatives = Callable[[float, np.ndarray], np.ndarray]

DEFAULT_METHOD = "LSODA"
DEFAULT_RTOL = 1e-6
DEFAULT_ATOL = 1e-9


class IntegrationError(RuntimeError):
    """solve_ivp gave up (step size underflow, non-finite derivatives, ...)."""


@library_function(
    "integrator",
    units={"t0": "s", "t_end": "s", "t_eval": "s"},
    returns="(times, states), states shaped (len(times), n)",
    use='scenario "method": "solve_ivp"',
)
def integrate_ivp(
    f: Derivatives,
    t0: float,
    y0: np.ndarray,
    t_end: float,
    t_eval: Sequence[float] | None = None,
    method: str = DEFAULT_METHOD,
    rtol: float = DEFAULT_RTOL,
    atol: float = DEFAULT_ATOL,
) -> tuple[np.ndarray, np.ndarray]:
    """Integrates from t0 to t_end with scipy's adaptive solve_ivp; returns the states at t_eval (or its own steps)."""
    from scipy.integrate import solve_ivp

    solution = solve_ivp(
        f, (t0, t_end), np.asarray(y0, dtype=float), method=method, t_eval=t_eval, rtol=rtol, atol=atol
    )
    if not solution.success:
        raise IntegrationError(f"solve_ivp ({method}) failed at t={solution.t[-1]:g}: {solution.message}")
    return solution.t, solution.y.T


@library_function("integrator", units={"t": "s", "h": "s"}, returns="the state at t + h")
def ivp_step(
    f: Derivatives, t: float, y: np.ndarray, h: float, method: str = DEFAULT_METHOD, rtol: float = DEFAULT_RTOL,
    atol: float = DEFAULT_ATOL,
) -> np.ndarray:
    """Advances y from t to t + h adaptively (used where links or discrete updates hold inputs per step)."""
    _, states = integrate_ivp(f, t, y, t + h, t_eval=None, method=method, rtol=rtol, atol=atol)
    return states[-1]
