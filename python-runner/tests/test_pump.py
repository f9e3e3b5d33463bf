"""The pump model against values worked out by hand from models.md."""

from __future__ import annotations

import numpy as np
import pytest

from dxrunner.models.pump import PumpModel, efficiency, head, power

Q_MAX, H_MAX, P_NOM, ETA = 100.0, 50.0, 5000.0, 0.85


def test_head_is_the_maximum_at_zero_flow():
    # H = 50 * (1 - (0 / 100)^2) = 50 m
    assert head(0.0, Q_MAX, H_MAX) == 50.0


def test_head_falls_to_zero_at_maximum_flow():
    # H = 50 * (1 - (100 / 100)^2) = 0 m
    assert head(100.0, Q_MAX, H_MAX) == 0.0


def test_head_at_half_flow_is_three_quarters_of_the_maximum():
    # H = 50 * (1 - 0.5^2) = 37.5 m
    assert head(50.0, Q_MAX, H_MAX) == pytest.approx(37.5)


def test_power_at_3000_rpm_is_the_nominal_power():
    # P = 5000 * (0.3 + 0.7 * 3000 / 3000) = 5000 W
    assert power(3000.0, P_NOM, 3000.0) == pytest.approx(5000.0)


def test_power_at_standstill_is_thirty_percent_and_grows_linearly_with_speed():
    # P(0) = 5000 * 0.3 = 1500 W; P(1500) = 5000 * (0.3 + 0.35) = 3250 W
    assert power(0.0, P_NOM, 3000.0) == pytest.approx(1500.0)
    assert power(1500.0, P_NOM, 3000.0) == pytest.approx(3250.0)


def test_efficiency_peaks_at_eighty_percent_of_maximum_flow():
    # q = 0.8: eta * (1 - 0) = 0.85
    assert efficiency(80.0, Q_MAX, ETA) == pytest.approx(0.85)
    flows = np.linspace(0.0, 110.0, 1101)
    assert flows[np.argmax(efficiency(flows, Q_MAX, ETA))] == pytest.approx(80.0)


def test_efficiency_at_maximum_flow_and_its_floor_at_zero_flow():
    # q = 1: 0.85 * (1 - (0.2 / 0.8)^2) = 0.85 * 0.9375 = 0.796875
    assert efficiency(100.0, Q_MAX, ETA) == pytest.approx(0.796875)
    # q = 0: 0.85 * (1 - 1) = 0, not below 0.1
    assert efficiency(0.0, Q_MAX, ETA) == pytest.approx(0.1)


def test_flow_accelerates_with_the_head_surplus_and_speed_follows_its_setpoint():
    model = PumpModel()
    # dQ/dt = (H + p_in - p_out) / 100 = (50 + 0 - 18) / 100 = 0.32; d(rpm)/dt = 0.5 * (3000 - 0) = 1500
    derivatives = model.derivatives(0.0, np.array([0.0, 0.0]), [0.0, 18.0, 3000.0])
    assert derivatives == pytest.approx([0.32, 1500.0])
    # at Q = 80 L/s the head is 50 * (1 - 0.64) = 18 m, which balances p_out = 18 m
    assert model.derivatives(0.0, np.array([80.0, 3000.0]), [0.0, 18.0, 3000.0]) == pytest.approx([0.0, 0.0])


def test_a_state_inside_the_valid_range_is_valid():
    model = PumpModel()
    out = model.evaluate(np.array([110.0, 4000.0]), model.default_inputs())
    assert out["valid"] == 1.0
    assert model.violations(np.array([110.0, 4000.0]), model.default_inputs())[0].mask == np.False_


@pytest.mark.parametrize(
    ("flow", "speed", "code"),
    [(110.5, 3000.0, "FLOW_OUT_OF_RANGE"), (-1.0, 3000.0, "FLOW_OUT_OF_RANGE"), (50.0, 4001.0, "SPEED_OUT_OF_RANGE"),
     (50.0, -5.0, "SPEED_OUT_OF_RANGE")],
)
def test_a_state_outside_the_valid_range_is_flagged(flow, speed, code):
    model = PumpModel()
    y = np.array([flow, speed])
    assert model.evaluate(y, model.default_inputs())["valid"] == 0.0
    flagged = [violation.code for violation in model.violations(y, model.default_inputs()) if violation.mask]
    assert flagged == [code]
