"""RK4 against the analytic solution of exponential decay, and the solve_ivp path."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dxrunner.functions.ivp import integrate_ivp, ivp_step
from dxrunner.functions.rk4 import integrate_rk4, rk4_step


def decay(t: float, y: np.ndarray) -> np.ndarray:
    return -0.5 * y  # y(t) = y0 exp(-t / 2)


def rk4_error(h: float) -> float:
    steps = round(4.0 / h)
    _, states = integrate_rk4(decay, 0.0, np.array([1.0]), h, steps)
    return abs(states[-1, 0] - math.exp(-2.0))


def test_one_rk4_step_matches_the_taylor_series_to_fourth_order():
    # for y' = -y/2 one RK4 step multiplies y by 1 + z + z^2/2 + z^3/6 + z^4/24 with z = -h/2
    z = -0.5 * 0.2
    taylor = 1 + z + z**2 / 2 + z**3 / 6 + z**4 / 24
    assert rk4_step(decay, 0.0, np.array([1.0]), 0.2)[0] == pytest.approx(taylor, abs=1e-15)


def test_rk4_follows_exponential_decay_closely():
    times, states = integrate_rk4(decay, 0.0, np.array([2.0]), 0.1, 40)
    assert times[-1] == pytest.approx(4.0)
    assert np.max(np.abs(states[:, 0] - 2.0 * np.exp(-0.5 * times))) < 1e-6


def test_rk4_error_falls_with_the_fourth_power_of_the_step():
    errors = [rk4_error(h) for h in (0.4, 0.2, 0.1, 0.05)]
    orders = [math.log2(coarse / fine) for coarse, fine in zip(errors, errors[1:])]
    assert all(3.8 < order < 4.2 for order in orders), orders


def test_solve_ivp_follows_exponential_decay_within_its_tolerance():
    times = np.linspace(0.0, 4.0, 9)
    got_times, states = integrate_ivp(decay, 0.0, np.array([1.0]), 4.0, t_eval=times)
    assert got_times == pytest.approx(times)
    assert states[:, 0] == pytest.approx(np.exp(-0.5 * times), abs=1e-5)  # rtol is 1e-6 per step


def test_one_adaptive_step_lands_on_the_analytic_value():
    assert ivp_step(decay, 0.0, np.array([1.0]), 2.0)[0] == pytest.approx(math.exp(-1.0), abs=1e-6)
