"""Static and dynamic runs through the run op, including links, solve_ivp, thinning and flags."""

from __future__ import annotations

import math

import pytest

PUMPS_IN_SERIES = {
    "scenarioId": "pumps-in-series",
    "mode": "dynamic",
    "models": [{"id": "P101", "model": "pump"}, {"id": "P102", "model": "pump"}],
    "links": [{"from": "P101.H", "to": "P102.p_in"}],
    "stepSeconds": 0.5,
    "horizonSeconds": 2000.0,
}
LONE_PUMP = {**PUMPS_IN_SERIES, "models": [{"id": "P101", "model": "pump"}], "links": []}


def test_a_static_run_evaluates_each_instance_at_its_initial_state(client):
    result = client.result(
        "run",
        scenario={
            "scenarioId": "s",
            "mode": "static",
            "models": [
                {"id": "R101", "model": "reactor", "initialState": {"T": 250.0}},
                {"id": "P101", "model": "pump", "initialState": {"Q": 80.0, "rpm": 3000.0}},
            ],
        },
    )
    assert result["outputs"]["R101"]["k"] == pytest.approx(1e10 * math.exp(-80000 / (8.314 * 523.15)))
    expected = {"Q": 80.0, "rpm": 3000.0, "H": 18.0, "P": 5000.0, "eta": 0.85, "valid": 1.0}
    assert result["outputs"]["P101"] == pytest.approx(expected)
    assert result["units"]["P101"]["H"] == "m" and result["units"]["R101"]["T"] == "degC"
    assert result["flags"] == []


def test_a_static_run_applies_links_before_evaluating(client):
    result = client.result(
        "run",
        scenario={
            "scenarioId": "s",
            "mode": "static",
            "models": [
                {"id": "R101", "model": "reactor", "initialState": {"T": 300.0, "X": 1.0}},
                {"id": "R102", "model": "reactor", "initialState": {"T": 200.0, "X": 1.0}},
            ],
            "links": [{"from": "R101.T", "to": "R102.T_j"}],
        },
    )
    # R102's jacket is at R101's 300 degC: h A (300 - 200) = 500 * 10 * 100 = 500 000 W
    assert result["outputs"]["R102"]["jacket"] == pytest.approx(500_000.0)


def test_a_lone_pump_settles_where_its_head_meets_the_system_head(client):
    result = client.result("run", scenario=LONE_PUMP, every=400)
    # H = 50 (1 - (Q/100)^2) = 18 m at Q = 80 L/s, the best efficiency point (time constant 125 s)
    assert result["final"]["P101"]["Q"] == pytest.approx(80.0, abs=1e-3)
    assert result["final"]["P101"]["eta"] == pytest.approx(0.85)


def test_a_linked_pump_in_series_takes_the_first_pumps_head_as_suction(client):
    result = client.result("run", scenario=PUMPS_IN_SERIES, every=400)
    # P101 delivers 18 m at 80 L/s; P102 gets 18 m on its suction against the same 18 m, so it settles
    # where its own head is 0: at Q_max = 100 L/s
    assert result["final"]["P101"]["Q"] == pytest.approx(80.0, abs=1e-3)
    assert result["final"]["P102"]["Q"] == pytest.approx(100.0, abs=1e-3)
    assert result["final"]["P102"]["H"] == pytest.approx(0.0, abs=1e-3)
    first, second = result["trajectories"]["P101"]["Q"], result["trajectories"]["P102"]["Q"]
    assert len(first) == len(second) == len(result["times"]) == 11
    assert all(b >= a for a, b in zip(first, second))  # the boosted pump runs ahead all along


def test_every_thins_the_samples_but_always_keeps_the_horizon(client):
    scenario = {**LONE_PUMP, "horizonSeconds": 10.0}
    result = client.result("run", scenario=scenario, every=3)
    assert result["steps"] == 20
    assert result["times"] == [0.0, 1.5, 3.0, 4.5, 6.0, 7.5, 9.0, 10.0]
    assert len(result["trajectories"]["P101"]["rpm"]) == 8


def test_a_horizon_that_is_not_a_multiple_of_the_step_ends_with_a_shorter_step(client):
    result = client.result(
        "run", scenario={**LONE_PUMP, "stepSeconds": 0.4, "horizonSeconds": 1.0}
    )
    assert result["times"] == pytest.approx([0.0, 0.4, 0.8, 1.0])


def test_solve_ivp_and_rk4_agree_on_the_pump_in_one_adaptive_call(client):
    scenario = {**LONE_PUMP, "horizonSeconds": 300.0}
    rk4 = client.result("run", scenario=scenario, every=100)
    adaptive = client.result("run", scenario={**scenario, "method": "solve_ivp"}, every=100)
    assert adaptive["method"] == "solve_ivp"
    assert adaptive["times"] == rk4["times"]
    assert adaptive["trajectories"]["P101"]["Q"] == pytest.approx(rk4["trajectories"]["P101"]["Q"], abs=1e-3)


def test_solve_ivp_and_rk4_agree_on_a_linked_scenario_stepped_adaptively(client):
    scenario = {**PUMPS_IN_SERIES, "horizonSeconds": 60.0, "stepSeconds": 1.0}
    rk4 = client.result("run", scenario=scenario, every=10)
    adaptive = client.result("run", scenario={**scenario, "method": "solve_ivp"}, every=10)
    assert adaptive["trajectories"]["P102"]["Q"] == pytest.approx(rk4["trajectories"]["P102"]["Q"], abs=1e-3)


def test_request_inputs_hold_an_input_for_the_whole_run(client):
    scenario = {
        "scenarioId": "cooling",
        "mode": "dynamic",
        "models": [{"id": "R101", "model": "reactor", "initialState": {"T": 150.0, "X": 1.0}}],
        "stepSeconds": 1.0,
        "horizonSeconds": 840.0,
    }
    result = client.result("run", scenario=scenario, inputs={"R101.T_j": 250.0}, every=840)
    # T = T_j + (T0 - T_j) exp(-t h A / (m c)) = 250 - 100 e^-1 after 840 s
    assert result["final"]["R101"]["T"] == pytest.approx(250.0 - 100.0 * math.exp(-1.0), abs=1e-6)


def test_leaving_the_valid_range_is_flagged_with_when_and_how_often(client):
    scenario = {
        "scenarioId": "overspeed",
        "mode": "dynamic",
        "models": [{"id": "P101", "model": "pump", "initialState": {"Q": 80.0, "rpm": 3000.0}}],
        "stepSeconds": 0.1,
        "horizonSeconds": 10.0,
    }
    result = client.result("run", scenario=scenario, inputs={"P101.rpm_setpoint": 5000.0}, every=1000)
    (flag,) = result["flags"]
    assert flag["instance"] == "P101" and flag["code"] == "SPEED_OUT_OF_RANGE"
    # rpm = 5000 - 2000 e^(-0.5 t) passes 4000 at t = 2 ln 2 = 1.386 s
    assert flag["first"] == pytest.approx(1.4)
    assert flag["last"] == 10.0
    assert flag["samples"] == 87
    assert result["final"]["P101"]["valid"] == 0.0


def test_a_run_that_diverges_is_a_model_error_naming_the_state(client):
    scenario = {
        "scenarioId": "unstable",
        "mode": "dynamic",
        "models": [{"id": "P101", "model": "pump", "parameters": {"flow_inertia": 1e-6}}],
        "stepSeconds": 1.0,
        "horizonSeconds": 100.0,
    }
    error = client.error("run", scenario=scenario)
    assert error["code"] == "MODEL_ERROR"
    assert error["details"]["instance"] == "P101" and error["details"]["state"] == "Q"


def test_a_run_says_which_models_functions_and_library_made_it(client):
    scenario = {
        "scenarioId": "lineage", "mode": "dynamic", "stepSeconds": 1.0, "horizonSeconds": 2.0,
        "models": [{"id": "R101", "model": "reactor"}, {"id": "P101", "model": "pump"}],
    }
    from dxrunner import __version__

    lineage = client.result("run", scenario=scenario)["lineage"]
    assert lineage == {
        "library": __version__,
        "models": [
            {"instance": "R101", "model": "reactor", "version": "1.1.0"},
            {"instance": "P101", "model": "pump", "version": "1.0.0"},
        ],
        "functions": [{"id": "rk4.rk4_step", "version": "1.0.0"}],
    }
    static = client.result("run", scenario={**scenario, "mode": "static", "method": "solve_ivp"})["lineage"]
    assert [f["id"] for f in static["functions"]] == ["ivp.ivp_step", "ivp.integrate_ivp"]
