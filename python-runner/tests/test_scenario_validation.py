"""A scenario is checked before anything runs, and every problem is named at once."""

from __future__ import annotations

from typing import Any


def valid_scenario(**changes: Any) -> dict[str, Any]:
    scenario = {
        "scenarioId": "whatif-r101-001",
        "mode": "dynamic",
        "models": [{"id": "R101", "model": "reactor", "instance": "R101", "initialState": {"T": 250.0, "X": 0.1}}],
        "stepSeconds": 1.0,
        "horizonSeconds": 600.0,
        "method": "rk4",
    }
    scenario.update(changes)
    return scenario


def test_the_contract_example_is_valid(client):
    assert client.result("validate", scenario=valid_scenario()) == {"valid": True, "problems": []}


def test_a_scenario_with_many_mistakes_gets_every_one_listed_at_once(client):
    scenario = {
        "scenarioId": "broken",
        "mode": "dynamic",
        "colour": "blue",
        "models": [
            {
                "id": "R101",
                "model": "reactor",
                "parameters": {"hx": 1.0, "m": -5},
                "initialState": {"Q": 1.0, "X": 1.5},
            },
            {"id": "P101", "model": "pump", "parameters": {"Q_max": "lots"}},
            {"id": "R101", "model": "reactor"},
            {"model": "pump"},
            {"id": "T1", "model": "turbine"},
        ],
        "links": [
            {"from": "R101.T", "to": "P101.x"},
            {"from": "R101.temperature", "to": "P101.p_in"},
            {"from": "R999.T", "to": "P101.p_in"},
            {"from": "R101.T", "to": "P101.p_out"},
            {"from": "P101.H", "to": "P101.p_in"},
            {"from": "P101.H", "to": "P101.p_in"},
            {"from": "P101"},
        ],
        "stepSeconds": -1,
        "method": "euler",
    }
    inputs = {"P101.rpm_setpoint": 1500, "P101.speed": 3, "P101.p_in": 1}
    result = client.result("validate", scenario=scenario, inputs=inputs)
    assert result["valid"] is False
    found = {(problem["path"], problem["code"]) for problem in result["problems"]}
    assert found == {
        ("/colour", "UNKNOWN_FIELD"),
        ("/models/0/parameters/hx", "UNKNOWN_PARAMETER"),
        ("/models/0/parameters/m", "INVALID_VALUE"),
        ("/models/0/initialState/Q", "UNKNOWN_STATE"),
        ("/models/0/initialState/X", "INVALID_VALUE"),
        ("/models/1/parameters/Q_max", "INVALID_TYPE"),
        ("/models/2/id", "DUPLICATE_INSTANCE"),
        ("/models/3/id", "MISSING_FIELD"),
        ("/models/4/model", "UNKNOWN_MODEL"),
        ("/links/0/to", "UNKNOWN_INPUT"),
        ("/links/1/from", "UNKNOWN_OUTPUT"),
        ("/links/2/from", "UNKNOWN_INSTANCE"),
        ("/links/3", "UNIT_MISMATCH"),
        ("/links/5/to", "DUPLICATE_LINK"),
        ("/links/6/from", "INVALID_VALUE"),
        ("/links/6/to", "MISSING_FIELD"),
        ("/stepSeconds", "INVALID_VALUE"),
        ("/horizonSeconds", "MISSING_PARAMETER"),
        ("/method", "INVALID_VALUE"),
        ("/inputs/P101.speed", "UNKNOWN_INPUT"),
        ("/inputs/P101.p_in", "INPUT_CONFLICT"),
    }
    assert all(problem["message"] for problem in result["problems"])


def test_messages_name_what_would_have_been_right(client):
    scenario = valid_scenario(models=[{"id": "R101", "model": "reactor", "parameters": {"hx": 1}}])
    problems = client.result("validate", scenario=scenario)["problems"]
    assert problems == [
        {
            "path": "/models/0/parameters/hx",
            "code": "UNKNOWN_PARAMETER",
            "message": "reactor has no parameter 'hx'; its parameters: c, m, h, A, A_f, Ea, R, P_ref, q_reaction",
        }
    ]


def test_run_refuses_an_invalid_scenario_with_the_problems_code_when_there_is_one_kind(client):
    scenario = valid_scenario(models=[{"id": "X1", "model": "boiler"}, {"id": "X2", "model": "kettle"}])
    error = client.error("run", scenario=scenario)
    assert error["code"] == "UNKNOWN_MODEL"
    assert [problem["path"] for problem in error["details"]["problems"]] == ["/models/0/model", "/models/1/model"]


def test_run_refuses_mixed_problems_as_an_invalid_scenario(client):
    error = client.error("run", scenario=valid_scenario(models=[{"id": "X1", "model": "boiler"}], method="euler"))
    assert error["code"] == "INVALID_SCENARIO"
    assert len(error["details"]["problems"]) == 2


def test_a_scenario_that_is_not_an_object_or_lacks_its_required_fields_is_refused(client):
    assert client.result("validate", scenario=[1, 2])["problems"][0]["code"] == "INVALID_TYPE"
    problems = client.result("validate", scenario={})["problems"]
    assert {(p["path"], p["code"]) for p in problems} == {
        ("/scenarioId", "MISSING_FIELD"),
        ("/mode", "MISSING_FIELD"),
        ("/models", "MISSING_FIELD"),
    }
    assert client.error("run")["details"]["problems"][0]["path"] == "/scenario"


def test_a_realtime_scenario_needs_a_period_and_runs_as_a_session(client):
    realtime = valid_scenario(mode="realtime")
    assert client.result("validate", scenario=realtime)["problems"] == [
        {"path": "/periodSeconds", "code": "MISSING_PARAMETER", "message": "a realtime scenario needs periodSeconds"}
    ]
    error = client.error("run", scenario={**realtime, "periodSeconds": 1.0})
    assert error["details"]["problems"][0]["path"] == "/mode"
    assert "session" in error["message"]
