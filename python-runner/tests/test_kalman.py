"""The Kalman filter: one cycle by hand, and a noisy constant."""

from __future__ import annotations

import numpy as np
import pytest

from dxrunner.functions.kalman import KalmanFilter, kalman_filter_series


def test_one_cycle_predicts_then_updates_as_worked_out_by_hand():
    # x = [0, 0], P = I, dt = 1, q = 0.01, r = 0.5, z = 1
    # predict: P = F I F^T + 0.01 I = [[2.01, 1], [1, 1.01]]
    # update: S = 2.01 + 0.5 = 2.51; K = [2.01, 1] / 2.51 = [0.800797, 0.398406]; x = K * (1 - 0)
    kalman = KalmanFilter(value=0.0, rate=0.0)
    step = kalman.cycle(1.0, 1.0)
    assert step.innovation == 1.0
    assert step.innovation_variance == pytest.approx(2.51)
    assert step.estimate == pytest.approx(2.01 / 2.51)
    assert step.rate == pytest.approx(1.0 / 2.51)


def test_a_cycle_without_a_measurement_only_predicts():
    kalman = KalmanFilter(value=10.0, rate=0.5)
    step = kalman.cycle(None, 2.0)
    assert (step.estimate, step.rate, step.innovation) == (11.0, 0.5, None)


def test_on_a_noisy_constant_the_estimate_converges_and_the_innovation_shrinks():
    rng = np.random.default_rng(42)
    truth = 250.0
    measurements = truth + rng.normal(0.0, np.sqrt(0.5), 400)
    kalman = KalmanFilter(value=240.0)  # starts 10 degC off
    steps = [kalman.cycle(float(z), 1.0) for z in measurements]
    estimates = np.array([s.estimate for s in steps])
    innovations = np.abs([s.innovation for s in steps])
    variances = [s.innovation_variance for s in steps]
    assert abs(estimates[-100:].mean() - truth) < 0.1
    rms_error = np.sqrt(np.mean((estimates[-100:] - truth) ** 2))
    assert rms_error < 0.5
    assert rms_error < np.sqrt(np.mean((measurements[-100:] - truth) ** 2))  # closer than the raw signal
    assert innovations[:3].mean() > 5 * innovations[-100:].mean()
    assert variances[0] > variances[10] > variances[-1] * 0.999  # settles to its steady value
    assert variances[-1] == pytest.approx(variances[-2], rel=1e-6)


def test_a_series_starts_at_its_first_measurement_and_can_be_continued_from_its_state():
    steps, kalman = kalman_filter_series([5.0, 5.0, None, 5.0], dt=1.0)
    assert steps[0].innovation == pytest.approx(0.0)
    assert steps[2].innovation is None
    state = kalman.state()
    more, _ = kalman_filter_series([5.0], dt=1.0, x0=state["x"], P0=state["P"])
    assert more[0].estimate == pytest.approx(5.0)
