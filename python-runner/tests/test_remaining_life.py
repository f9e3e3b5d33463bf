"""Remaining useful life: trends fitted to a health indicator, extrapolated to the failure threshold."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dxrunner.functions.remaining_life import remaining_useful_life


def test_a_linear_trend_reaches_the_threshold_where_the_line_crosses_it():
    # h = 2 + 0.01 t over t = 0..100 s: the line is at 3.0 at the last sample, and reaches 4 in (4 - 3) / 0.01 = 100 s
    t = np.arange(0.0, 101.0, 5.0)
    life = remaining_useful_life(t, 2.0 + 0.01 * t, threshold=4.0, model="linear")
    assert life.status == "estimated"
    assert life.seconds == pytest.approx(100.0)
    assert life.level == pytest.approx(3.0)
    assert life.lower == pytest.approx(100.0) and life.upper == pytest.approx(100.0)  # exact data: no spread


def test_an_exponential_trend_reaches_the_threshold_at_ln_of_the_ratio_over_the_rate():
    # h = 2 exp(0.02 t), t = 0..50: now (t = 50) h = 2 e = 5.43656; threshold 10 in ln(10 / 5.43656) / 0.02 = 30.4718 s
    t = np.linspace(0.0, 50.0, 26)
    life = remaining_useful_life(t, 2.0 * np.exp(0.02 * t), threshold=10.0)
    assert (life.status, life.model) == ("estimated", "exponential")  # auto picks the better fit
    assert life.seconds == pytest.approx(math.log(10.0 / (2.0 * math.e)) / 0.02, rel=1e-6)
    assert life.seconds == pytest.approx(30.4718, rel=1e-5)


def test_the_interval_of_a_noisy_trend_holds_the_true_crossing_and_brackets_the_estimate():
    # h = 2 + 0.01 t + noise (sigma 0.05), t = 0..500: the true line reaches 10 at t = 800, 300 s after the last sample
    rng = np.random.default_rng(11)
    t = np.arange(0.0, 501.0, 5.0)
    life = remaining_useful_life(t, 2.0 + 0.01 * t + rng.normal(0.0, 0.05, t.size), threshold=10.0, model="linear")
    assert life.status == "estimated"
    assert life.lower < life.seconds < life.upper
    assert life.lower < 300.0 < life.upper
    # the delta method's 95 % half-width for this design is about 1.96 * 0.05 / 0.01 * sqrt(1/101 + 250^2 / Sxx)
    sxx = float(np.sum((t - t.mean()) ** 2))
    at_last = 0.05 * math.sqrt(1 / t.size + (t[-1] - t.mean()) ** 2 / sxx)
    slope = 0.05 / math.sqrt(sxx)
    half = 1.96 * math.hypot(at_last / 0.01, 300.0 * slope / 0.01)
    assert (life.upper - life.lower) / 2 == pytest.approx(half, rel=0.25)


def test_an_indicator_falling_to_its_threshold_is_estimated_too():
    t = np.arange(0.0, 20.0)
    life = remaining_useful_life(t, 0.85 - 0.005 * t, threshold=0.6, direction="below", model="linear")
    # now 0.85 - 0.095 = 0.755; (0.6 - 0.755) / -0.005 = 31 s
    assert life.seconds == pytest.approx(31.0)


def test_a_level_already_past_the_threshold_leaves_no_life():
    t = np.arange(0.0, 20.0)
    life = remaining_useful_life(t, 5.0 + 0.1 * t, threshold=6.0, model="linear")
    assert (life.status, life.seconds) == ("threshold-reached", 0.0)


@pytest.mark.parametrize(
    ("times", "values", "reason"),
    [
        (np.arange(7.0), np.arange(7.0), "7 samples; at least 8"),
        (np.zeros(10), np.arange(10.0), "same time"),
        (np.arange(50.0), 2.0 + np.random.default_rng(1).normal(0.0, 0.1, 50), "no significant trend"),
        (np.arange(50.0), 3.0 - 0.01 * np.arange(50.0), "moves away"),
    ],
)
def test_it_says_not_enough_data_when_it_cannot_tell(times, values, reason):
    life = remaining_useful_life(times, values, threshold=7.1)
    assert life.status == "not-enough-data"
    assert reason in life.reason
    assert life.seconds is None


def test_it_refuses_inputs_it_cannot_read():
    with pytest.raises(ValueError, match="same length"):
        remaining_useful_life([1.0, 2.0], [1.0], threshold=3.0)
    with pytest.raises(ValueError, match="direction"):
        remaining_useful_life([1.0] * 8, [1.0] * 8, threshold=3.0, direction="sideways")
