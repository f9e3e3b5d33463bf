"""The twin loop: telemetry of R101 is flagged, filtered, assimilated and forecast every step."""

from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import REPO

TWIN_SCENARIO = {
    "scenarioId": "twin-r101",
    "mode": "realtime",
    "models": [
        {"id": "R101", "model": "reactor", "instance": "R101", "initialState": {"T": 248.0, "P": 7.8, "X": 0.2}}
    ],
    "periodSeconds": 1.0,
}


def open_twin(client, **twin):
    options = {"reactor": "R101", "horizonSeconds": 300, "everySeconds": 60, **twin}
    return client.result("open", scenario=TWIN_SCENARIO, twin=options)


def feed(client, session, temperatures, **telemetry):
    return [client.result("step", session=session, telemetry={"temperature": t, **telemetry}) for t in temperatures]


def test_the_forecast_has_the_fields_of_the_reactor_forecasts_contract_except_issued_at(client):
    schema_path = REPO / "contracts" / "sim" / "reactor-forecasts" / "1.0.0.schema.json"
    if not schema_path.exists():
        pytest.skip("contracts/ is not beside python-runner/")
    schema = json.loads(schema_path.read_text())
    session = open_twin(client)["session"]
    (step,) = feed(client, session, [250.0], pressure=7.8, flowRate=420.0, quality="good", basedOn=1042)
    forecast = step["forecast"]
    assert set(forecast) <= set(schema["properties"])
    assert set(schema["required"]) - set(forecast) == {"issuedAt"}
    assert forecast["equipment"] == "R101" and forecast["basedOn"] == 1042
    assert forecast["measurementQuality"] in schema["properties"]["measurementQuality"]["enum"]
    point_schema = schema["properties"]["horizon"]["items"]
    assert all(set(point) == set(point_schema["required"]) for point in forecast["horizon"])
    assert [point["offsetSeconds"] for point in forecast["horizon"]] == [0.0, 60.0, 120.0, 180.0, 240.0, 300.0]
    assert all(0.0 <= point["conversion"] <= 1.0 for point in forecast["horizon"])


def test_the_estimate_converges_on_the_true_temperature_of_noisy_telemetry(client):
    session = open_twin(client)["session"]
    rng = np.random.default_rng(7)
    steps = feed(client, session, (252.0 + rng.normal(0.0, 0.7, 60)).tolist(), pressure=7.8, flowRate=420.0)
    estimates = [step["forecast"]["estimatedTemperature"] for step in steps]
    innovations = [abs(step["forecast"]["innovation"]) for step in steps]
    assert abs(np.mean(estimates[-20:]) - 252.0) < 0.3
    assert innovations[0] > np.mean(innovations[-20:])
    assert steps[-1]["outputs"]["R101"]["T"] == pytest.approx(estimates[-1])  # the model runs on the estimate


def test_a_bad_measurement_is_flagged_filled_and_not_used_by_the_filter(client):
    session = open_twin(client)["session"]
    feed(client, session, [248.0, 248.2, 248.1])
    step = feed(client, session, [900.0])[0]
    assert step["forecast"]["measurementQuality"] == "bad"
    assert "innovation" not in step["forecast"]
    assert step["kalman"]["updated"] is False
    assert step["quality"]["temperature"]["filled"] == pytest.approx(248.15)  # mean of 248.2 and 248.1
    assert step["forecast"]["estimatedTemperature"] < 260.0


def test_a_spike_is_uncertain_but_still_used(client):
    session = open_twin(client)["session"]
    feed(client, session, [248.0] * 3)
    step = feed(client, session, [310.0])[0]
    assert step["forecast"]["measurementQuality"] == "uncertain"
    assert step["kalman"]["updated"] is True
    assert step["forecast"]["innovation"] > 50.0


def test_the_source_flag_counts_towards_measurement_quality(client):
    session = open_twin(client)["session"]
    step = feed(client, session, [248.0], quality="bad")[0]
    assert step["forecast"]["measurementQuality"] == "bad"
    assert step["kalman"]["updated"] is False


def test_pressure_and_flow_from_telemetry_become_the_reactor_state(client):
    session = open_twin(client)["session"]
    step = feed(client, session, [248.0], pressure=6.5, flowRate=300.0)[0]
    assert step["outputs"]["R101"]["P"] == 6.5 and step["outputs"]["R101"]["F"] == 300.0
    assert step["quality"]["pressure"]["flag"] == "good"


def test_conversion_advances_by_the_reactor_model_between_steps(client):
    cool = {"id": "R101", "model": "reactor", "initialState": {"T": 100.0, "P": 2.5, "X": 0.0}}
    scenario = {**TWIN_SCENARIO, "models": [cool]}
    session = client.result("open", scenario=scenario, twin={}, inputs={"R101.T_j": 100.0})["session"]
    steps = [client.result("step", session=session, telemetry={"temperature": 100.0}) for _ in range(3)]
    conversions = [step["forecast"]["conversion"] for step in steps]
    assert 0.0 < conversions[0] < conversions[1] < conversions[2] < 1.0
    assert steps[0]["forecast"]["horizon"][-1]["offsetSeconds"] == 600.0  # the default horizon


def test_twin_options_are_checked_all_at_once(client):
    error = client.error("open", scenario=TWIN_SCENARIO, twin={"reactor": "P101", "everySeconds": -1, "colour": 1})
    assert {(p["path"], p["code"]) for p in error["details"]["problems"]} == {
        ("/twin/colour", "UNKNOWN_FIELD"),
        ("/twin/reactor", "UNKNOWN_INSTANCE"),
        ("/twin/everySeconds", "INVALID_VALUE"),
    }


def test_a_gap_right_after_a_spike_is_filled_from_the_two_latest_good_values_not_the_spike(client):
    session = open_twin(client)["session"]
    feed(client, session, [248.0, 248.2])
    assert feed(client, session, [310.0])[0]["quality"]["temperature"]["flag"] == "uncertain"
    step = feed(client, session, [None])[0]
    assert step["quality"]["temperature"]["flag"] == "bad"
    assert step["quality"]["temperature"]["filled"] == pytest.approx(248.1)  # not (248.2 + 310) / 2


def test_flow_rate_is_accepted_as_another_name_for_flowrate(client):
    session = open_twin(client)["session"]
    step = feed(client, session, [248.0], flow_rate=310.0)[0]
    assert step["outputs"]["R101"]["F"] == 310.0
    assert step["quality"]["flowRate"]["flag"] == "good"
    error = client.error("step", session=session, telemetry={"temperature": 248.0, "flow_rate": "fast"})
    assert [(p["path"], p["code"]) for p in error["details"]["problems"]] == [("/telemetry/flow_rate", "INVALID_TYPE")]


def test_a_twin_session_names_the_quality_rules_and_the_filter_in_its_lineage(client):
    opened = open_twin(client)
    assert [f["id"] for f in opened["lineage"]["functions"]] == [
        "rk4.rk4_step", "quality.assess", "kalman.kalman_filter_series",
    ]
    assert opened["lineage"]["models"] == [{"instance": "R101", "model": "reactor", "version": "1.1.0"}]
