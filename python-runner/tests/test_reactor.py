"""The reactor model against values worked out by hand from models.md."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dxrunner.models.reactor import (
    ReactorModel,
    arrhenius_rate,
    conversion_step,
    heat_balance,
    jacket_heat_flow,
    pressure_corrected_rate,
)

A_F, EA, R = 1e10, 80000.0, 8.314


def test_arrhenius_rate_at_250_degc_is_about_103_per_second():
    # T_K = 250 + 273.15 = 523.15 K; Ea / (R T_K) = 80000 / (8.314 * 523.15) = 80000 / 4349.469 = 18.39305
    # k = 1e10 * exp(-18.39305) = 1e10 * 1.02802e-8 = 102.80 1/s
    assert 80000 / (8.314 * 523.15) == pytest.approx(18.39305, abs=1e-5)
    assert arrhenius_rate(250.0, A_F, EA, R) == pytest.approx(102.80, rel=1e-4)


def test_arrhenius_rate_at_100_degc_is_about_0_063_per_second():
    # T_K = 373.15 K; Ea / (R T_K) = 80000 / 3102.369 = 25.78675; k = 1e10 * exp(-25.78675) = 0.06326 1/s
    assert arrhenius_rate(100.0, A_F, EA, R) == pytest.approx(1e10 * math.exp(-25.78675), rel=1e-5)
    assert arrhenius_rate(100.0, A_F, EA, R) == pytest.approx(0.06326, rel=1e-3)


def test_pressure_correction_scales_the_rate_by_the_square_root_of_pressure_over_2_5_mpa():
    # 10 MPa = 1e7 Pa; (1e7 / 2.5e6)^0.5 = 4^0.5 = 2
    assert pressure_corrected_rate(3.0, 10.0, 2.5e6) == pytest.approx(6.0)
    # 7.8 MPa: (7.8e6 / 2.5e6)^0.5 = 3.12^0.5 = 1.766352
    assert pressure_corrected_rate(1.0, 7.8, 2.5e6) == pytest.approx(1.766352, rel=1e-6)
    # at the reference pressure the rate is unchanged
    assert pressure_corrected_rate(5.0, 2.5, 2.5e6) == pytest.approx(5.0)


def test_conversion_step_adds_k_eff_times_what_is_left_times_dt():
    # X = 0.2, k_eff = 0.05 1/s, dt = 2 s: 0.2 + 0.05 * (1 - 0.2) * 2 = 0.2 + 0.08 = 0.28
    assert conversion_step(0.2, 0.05, 2.0) == pytest.approx(0.28)


def test_conversion_step_never_passes_complete_conversion():
    # X = 0.5, k_eff = 102.8, dt = 1: 0.5 + 102.8 * 0.5 = 51.9, capped at 1
    assert conversion_step(0.5, 102.8, 1.0) == 1.0
    assert conversion_step(1.0, 102.8, 1.0) == 1.0


def test_jacket_exchange_heats_a_cooler_reactor():
    # h A (T_j - T) = 500 * 10 * (250 - 240) = 50 000 W; / (m c) = 50 000 / (1000 * 4200) = 0.0119048 K/s
    assert jacket_heat_flow(240.0, 250.0, 500.0, 10.0) == pytest.approx(50_000.0)
    assert heat_balance(240.0, 250.0, 0.0, 500.0, 10.0, 1000.0, 4200.0) == pytest.approx(0.0119048, rel=1e-5)


def test_heat_balance_adds_the_reaction_heat():
    # (50 000 W jacket + 4.2e6 W reaction) / 4.2e6 J/K = 0.0119048 + 1 = 1.0119048 K/s
    assert heat_balance(240.0, 250.0, 4.2e6, 500.0, 10.0, 1000.0, 4200.0) == pytest.approx(1.0119048, rel=1e-6)


def test_static_outputs_of_the_default_reactor_follow_the_equations():
    model = ReactorModel()
    model.step_seconds = 0.001  # short enough that the step is not capped: k_eff * 0.75 * 0.001 = 0.136 < 0.75
    out = model.evaluate(model.initial_state({"T": 250.0, "P": 7.8, "X": 0.25}), [240.0])
    k = 1e10 * math.exp(-80000 / (8.314 * 523.15))
    k_eff = k * math.sqrt(7.8e6 / 2.5e6)
    assert out["k"] == pytest.approx(k)
    assert out["k_eff"] == pytest.approx(k_eff)
    assert out["rate"] == pytest.approx(k_eff * 0.75)
    assert out["heat"] == pytest.approx(1e5 * k_eff * 0.75)
    assert out["dTdt"] == pytest.approx((500 * 10 * (240 - 250) + 1e5 * k_eff * 0.75) / (1000 * 4200))


def test_reported_heat_and_dtdt_are_those_of_the_capped_step_the_model_applies():
    # k_eff = 181.6 1/s at 250 degC and 7.8 MPa; over a 1 s step the law would convert 136 times what is
    # left, so the cap makes X = 1: dX = 0.75 in 1 s, rate 0.75 1/s, heat 1e5 * 0.75 = 75 000 W, and
    # dT/dt = (500 * 10 * (240 - 250) + 75 000) / 4.2e6 = 25 000 / 4.2e6 = 0.0059524 K/s
    model = ReactorModel()
    y = model.initial_state({"T": 250.0, "P": 7.8, "X": 0.25})
    out = model.evaluate(y, [240.0])
    assert out["rate"] == pytest.approx(0.75)
    assert out["heat"] == pytest.approx(75_000.0)
    assert out["dTdt"] == pytest.approx(25_000.0 / 4.2e6)
    # and the energy the step adds to T is exactly heat * dt / (m c)
    after = model.advance(y, [240.0], 1.0)
    assert (after[0] - y[0]) * 1000 * 4200 == pytest.approx(out["heat"] * 1.0)


def test_a_scenario_reports_the_reactor_rate_over_its_own_step(client):
    scenario = {
        "scenarioId": "s", "mode": "static", "stepSeconds": 0.5,
        "models": [{"id": "R1", "model": "reactor", "initialState": {"T": 250.0, "P": 7.8, "X": 0.25}}],
    }
    # capped over 0.5 s: dX = 0.75, so rate = 0.75 / 0.5 = 1.5 1/s and heat 150 000 W
    outputs = client.result("run", scenario=scenario)["outputs"]["R1"]
    assert outputs["rate"] == pytest.approx(1.5)
    assert outputs["heat"] == pytest.approx(150_000.0)


def test_a_step_makes_conversion_by_the_step_law_and_releases_its_heat_into_t():
    model = ReactorModel()
    y = model.initial_state({"T": 100.0, "P": 2.5, "X": 0.0})
    after = model.advance(y, [100.0], 1.0)
    k = 1e10 * math.exp(-80000 / (8.314 * 373.15))  # 0.06326 1/s at the reference pressure
    assert after[3] == pytest.approx(k)  # X = 0 + k * (1 - 0) * 1
    # the heat released is q_reaction * dX = 1e5 * 0.06326 J, over m c = 4.2e6 J/K: +0.001506 K
    assert after[0] - 100.0 == pytest.approx(1e5 * k / 4.2e6)


def test_with_the_reaction_done_the_temperature_relaxes_to_the_jacket_exponentially():
    # dT/dt = (h A / m c) (T_j - T) with h A / m c = 5000 / 4.2e6 = 1/840 per second, so after 840 s
    # T = 250 + (150 - 250) e^-1 = 213.2121 degC
    model = ReactorModel()
    points = model.forecast(model.initial_state({"T": 150.0, "X": 1.0}), [250.0], horizon=840.0, step=1.0, every=420.0)
    assert [point["offsetSeconds"] for point in points] == [0.0, 420.0, 840.0]
    assert points[0]["temperature"] == 150.0
    assert points[-1]["temperature"] == pytest.approx(250.0 - 100.0 * math.exp(-1.0), abs=1e-6)
    assert all(point["conversion"] == 1.0 for point in points)


def test_the_forecast_starts_from_the_current_state_and_ends_at_the_horizon():
    model = ReactorModel()
    points = model.forecast(model.initial_state({"T": 120.0, "X": 0.0}), [120.0], horizon=100.0, step=1.0, every=30.0)
    assert [point["offsetSeconds"] for point in points] == [0.0, 30.0, 60.0, 90.0, 100.0]
    conversions = [point["conversion"] for point in points]
    assert conversions[0] == 0.0
    assert conversions == sorted(conversions) and all(0.0 <= x <= 1.0 for x in conversions)
    assert conversions[-1] > 0.0


def test_outputs_are_computed_for_a_whole_trajectory_at_once():
    model = ReactorModel()
    states = np.array([[100.0, 250.0], [2.5, 2.5], [0.0, 0.0], [0.0, 0.5]])
    out = model.evaluate(states, [np.array([100.0, 250.0])])
    assert out["k"].shape == (2,)
    assert out["k"][1] == pytest.approx(arrhenius_rate(250.0, A_F, EA, R))


def test_forecast_points_do_not_repeat_when_the_horizon_is_a_multiple_of_a_fractional_interval():
    model = ReactorModel()
    points = model.forecast(model.initial_state(), [250.0], horizon=0.3, step=0.1, every=0.1)
    assert [point["offsetSeconds"] for point in points] == pytest.approx([0.0, 0.1, 0.2, 0.3])
