"""Health assessment per asset: anomaly, remaining life, priority and recommendation."""

from __future__ import annotations

import numpy as np
import pytest

from dxrunner.functions.health import Indicator, assess_health, duration, maintenance_priority
from dxrunner.planted_anomalies import PUMP_SIGNALS, pump_samples

DAY = 86_400.0


@pytest.mark.parametrize(
    ("rul", "anomalous", "priority"),
    [
        (6.9 * DAY, False, "critical"),
        (0.0, False, "critical"),
        (7.0 * DAY, False, "high"),
        (29.9 * DAY, True, "high"),
        (30.0 * DAY, True, "medium"),
        (None, True, "medium"),
        (None, False, "low"),
        (400 * DAY, False, "low"),
    ],
)
def test_priority_is_critical_under_7_days_high_under_30_medium_when_anomalous_else_low(rul, anomalous, priority):
    assert maintenance_priority(rul, anomalous) == priority


def test_durations_read_as_a_planner_would_say_them():
    assert [duration(s) for s in (45.0, 600.0, 5 * 3600.0, 10 * DAY)] == ["45 s", "10 min", "5.0 h", "10.0 days"]


@pytest.fixture
def training():
    return pump_samples(300, np.random.default_rng(21))


def flat_vibration(count=60):
    rng = np.random.default_rng(22)
    times = np.arange(count, dtype=float)
    return Indicator("vibration", times.tolist(), (2.1 + rng.normal(0.0, 0.15, count)).tolist(), 7.1, unit="mm/s")


def test_a_pump_running_as_in_its_training_window_is_low_priority(training):
    health = assess_health("P101", PUMP_SIGNALS, training, [62.5, 0.45, 2950.0, 4.6, 2.1], flat_vibration())
    assert (health.anomalous, health.priority) == (False, "low")
    assert health.rul.status in ("not-enough-data", "no-degradation")
    assert health.recommendation.startswith("No action needed: P101")
    assert health.to_json()["samples"] == {"training": 300, "indicator": 60}


def test_a_sample_off_its_normal_range_is_medium_and_names_the_signal(training):
    health = assess_health("P101", PUMP_SIGNALS, training, [62.5, 0.45, 2950.0, 4.6, 3.6], flat_vibration())
    assert (health.anomalous, health.priority) == (True, "medium")
    assert [s["name"] for s in health.signals if s["off"]] == ["vibration"]
    assert "vibration" in health.recommendation and health.recommendation.startswith("Investigate P101")


def test_vibration_rising_fast_towards_the_limit_is_critical_with_the_time_left(training):
    # vibration rises 0.05 mm/s per second from 2.1: at t = 59 it is 5.05; 7.1 is reached (7.1 - 5.05) / 0.05 = 41 s later
    times = np.arange(60, dtype=float)
    indicator = Indicator("vibration", times.tolist(), (2.1 + 0.05 * times).tolist(), 7.1, model="linear", unit="mm/s")
    health = assess_health("P102", PUMP_SIGNALS, training, [62.5, 0.45, 2950.0, 4.6, 5.05], indicator)
    assert health.priority == "critical"
    assert health.rul.seconds == pytest.approx(41.0)
    assert health.to_json()["rul"]["days"] == pytest.approx(41.0 / DAY)
    assert "Take P102 out of service" in health.recommendation and "41 s" in health.recommendation


def test_a_slow_trend_a_few_weeks_out_is_high_priority(training):
    # 0.1 mm/s per day from 2.0 over 20 days: 4.0 now, 7.1 in (7.1 - 4.0) / 0.1 = 31 days: low;
    # the same trend 1.1 mm/s higher: 5.1 now, 20 days left: high
    days = np.arange(21, dtype=float)
    weeks = Indicator("vibration", (days * DAY).tolist(), (2.0 + 0.1 * days).tolist(), 7.1, model="linear")
    health = assess_health("P101", PUMP_SIGNALS, training, [62.5, 0.45, 2950.0, 4.6, 2.1], weeks)
    assert health.rul.seconds == pytest.approx(31 * DAY) and health.priority == "low"
    sooner = Indicator("vibration", weeks.times, (np.asarray(weeks.values) + 1.1).tolist(), 7.1, model="linear")
    health = assess_health("P101", PUMP_SIGNALS, training, [62.5, 0.45, 2950.0, 4.6, 2.1], sooner)
    assert health.rul.seconds == pytest.approx(20 * DAY) and health.priority == "high"
    assert health.recommendation.startswith("Plan maintenance of P101 within 20.0 days")


def test_it_refuses_rows_that_do_not_hold_one_value_per_signal(training):
    with pytest.raises(ValueError, match="one value per signal"):
        assess_health("P101", PUMP_SIGNALS, training, [1.0, 2.0], flat_vibration())


def test_a_chance_slope_of_a_healthy_signal_is_no_degradation_not_a_remaining_life(training):
    # a healthy window whose noise happens to climb: 2.0 to 2.3 mm/s over 30 s is a clear slope
    # (0.01 mm/s per s, 500 s to 7.1), but 2.3 is within the training range of 2.1 +- 0.15
    times = np.arange(30, dtype=float)
    rising = Indicator("vibration", times.tolist(), (2.0 + 0.01 * times).tolist(), 7.1, model="linear")
    health = assess_health("P101", PUMP_SIGNALS, training, [62.5, 0.45, 2950.0, 4.6, 2.29], rising)
    assert health.rul.status == "no-degradation"
    assert "within its training range" in health.rul.reason
    assert health.priority == "low"
