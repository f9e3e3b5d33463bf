"""Realtime sessions: open, step, close; inputs held between steps; sub-steps."""

from __future__ import annotations

import pytest

PUMP_REALTIME = {
    "scenarioId": "rt-p101",
    "mode": "realtime",
    "models": [{"id": "P101", "model": "pump", "initialState": {"Q": 80.0, "rpm": 3000.0}}],
    "periodSeconds": 1.0,
    "stepSeconds": 0.1,
}


def test_opening_a_session_reports_its_id_period_and_units(client):
    opened = client.result("open", scenario=PUMP_REALTIME)
    assert len(opened["session"]) == 32
    assert opened["periodSeconds"] == 1.0 and opened["stepSeconds"] == 0.1
    assert opened["units"]["P101"]["Q"] == "L/s"


def test_a_step_advances_by_one_period_unless_told_otherwise(client):
    session = client.result("open", scenario=PUMP_REALTIME)["session"]
    first = client.result("step", session=session)
    assert (first["time"], first["step"]) == (1.0, 1)
    second = client.result("step", session=session, dt=2.5)
    assert second["time"] == pytest.approx(3.5)
    assert second["outputs"]["P101"]["Q"] == pytest.approx(80.0)  # at its steady state


def test_an_input_set_by_a_step_is_held_until_changed(client):
    session = client.result("open", scenario=PUMP_REALTIME)["session"]
    client.result("step", session=session, inputs={"P101.rpm_setpoint": 1000.0})
    held = client.result("step", session=session, dt=20.0)
    # rpm = 1000 + 2000 e^(-0.5 * 21) after 21 s at the new setpoint
    assert held["outputs"]["P101"]["rpm"] == pytest.approx(1000.0 + 2000.0 * 2.718281828 ** -10.5, rel=1e-6)


def test_stepping_a_session_matches_a_dynamic_run_of_the_same_steps(client):
    session = client.result("open", scenario=PUMP_REALTIME, inputs={"P101.p_out": 30.0})["session"]
    stepped = client.result("step", session=session, dt=5.0)["outputs"]["P101"]
    dynamic = {**PUMP_REALTIME, "mode": "dynamic", "horizonSeconds": 5.0}
    dynamic.pop("periodSeconds")
    ran = client.result("run", scenario=dynamic, inputs={"P101.p_out": 30.0})["final"]["P101"]
    assert stepped == pytest.approx(ran, rel=1e-12)


def test_a_step_reports_the_flags_of_the_state_it_reached(client):
    session = client.result("open", scenario=PUMP_REALTIME)["session"]
    result = client.result("step", session=session, dt=10.0, inputs={"P101.rpm_setpoint": 6000.0})
    assert [flag["code"] for flag in result["flags"]] == ["SPEED_OUT_OF_RANGE"]


def test_a_step_with_unknown_inputs_is_refused_and_changes_nothing(client):
    session = client.result("open", scenario=PUMP_REALTIME)["session"]
    error = client.error("step", session=session, inputs={"P101.speed": 1.0, "P999.p_in": 2.0})
    assert error["code"] == "INVALID_SCENARIO"
    assert [p["code"] for p in error["details"]["problems"]] == ["UNKNOWN_INPUT", "UNKNOWN_INSTANCE"]
    assert client.result("step", session=session)["step"] == 1


def test_a_closed_session_is_gone(client):
    session = client.result("open", scenario=PUMP_REALTIME)["session"]
    client.result("step", session=session)
    assert client.result("close", session=session) == {"session": session, "closed": True, "steps": 1}
    assert client.error("step", session=session)["code"] == "UNKNOWN_SESSION"
    assert client.error("close", session=session)["code"] == "UNKNOWN_SESSION"


def test_only_realtime_scenarios_open_as_sessions(client):
    error = client.error("open", scenario={**PUMP_REALTIME, "mode": "dynamic", "horizonSeconds": 5.0})
    assert error["details"]["problems"][0]["path"] == "/mode"


def test_telemetry_needs_a_twin_session(client):
    session = client.result("open", scenario=PUMP_REALTIME)["session"]
    error = client.error("step", session=session, telemetry={"temperature": 250.0})
    assert error["details"]["problems"][0]["path"] == "/telemetry"


def test_a_step_that_diverges_is_refused_and_leaves_the_session_as_it_was(client):
    unstable = {**PUMP_REALTIME, "models": [{"id": "P101", "model": "pump", "parameters": {"flow_inertia": 1e-6}}]}
    unstable["stepSeconds"] = 1.0
    session = client.result("open", scenario=unstable)["session"]
    error = client.error("step", session=session, dt=50.0)
    assert error["code"] == "MODEL_ERROR" and error["details"]["state"] == "Q"
    after = client.result("step", session=session, dt=1e-9)
    assert (after["step"], after["time"]) == (1, pytest.approx(1e-9))  # from t = 0, not from the failed step
