"""The analytics ops as a client calls them: anomaly, robust, rul, health, with their lineage and refusals."""

from __future__ import annotations

import numpy as np
import pytest

from dxrunner import __version__
from dxrunner.planted_anomalies import PUMP_SIGNALS, pump_samples

TRAINING = pump_samples(200, np.random.default_rng(8)).tolist()


def test_the_anomaly_op_scores_rows_against_a_forest_of_the_training_window(client):
    result = client.result("anomaly", training=TRAINING, rows=[TRAINING[0], [90.0, 0.1, 2950.0, 9.0, 9.0]], trees=50)
    assert result["flags"] == [False, True]
    assert 0.0 < result["scores"][0] < result["threshold"] < result["scores"][1] < 1.0
    assert result["lineage"] == {
        "library": __version__, "functions": [{"id": "isolation_forest.train_isolation_forest", "version": "1.0.0"}]
    }
    again = client.result("anomaly", training=TRAINING, rows=[TRAINING[0]], trees=50)
    assert again["forest"] == result["forest"] and again["scores"][0] == result["scores"][0]


def test_the_robust_op_hands_its_window_back_to_continue(client):
    first = client.result("robust", values=[10.0, 10.1, 9.9] * 5, window=12)
    assert len(first["state"]) == 12 and first["flags"] == [False] * 15
    spike = client.result("robust", values=[30.0], window=12, state=first["state"])
    assert spike["flags"] == [True]


def test_the_rul_op_gives_the_life_left_and_says_when_it_cannot_tell(client):
    times = list(range(10))
    result = client.result("rul", times=times, values=[1.0 + 0.5 * t for t in times], threshold=10.0, model="linear")
    # now 5.5; (10 - 5.5) / 0.5 = 9 s
    assert result["status"] == "estimated" and result["seconds"] == pytest.approx(9.0)
    flat = client.result("rul", times=times, values=[1.0, 1.1] * 5, threshold=10.0)
    assert flat["status"] == "not-enough-data" and "seconds" not in flat
    assert client.error("rul", times=times, values=[1.0] * 10, threshold=10.0, direction="up")["code"] == "BAD_REQUEST"


def test_the_health_op_assesses_an_asset_and_names_every_function_it_used(client):
    times = list(range(30))
    result = client.result(
        "health",
        asset="P101",
        signals=list(PUMP_SIGNALS),
        training=TRAINING,
        latest=[62.5, 0.45, 2950.0, 4.6, 4.0],
        indicator={"name": "vibration", "unit": "mm/s", "times": times, "values": [2.1 + 0.065 * t for t in times], "threshold": 7.1},
    )
    assert result["asset"] == "P101" and result["priority"] == "critical"
    assert result["anomaly"]["flag"] is True and result["anomaly"]["method"] == "isolation-forest+modified-z"
    assert [s["name"] for s in result["anomaly"]["signals"] if s["off"]] == ["vibration"]
    ids = [f["id"] for f in result["lineage"]["functions"]]
    assert ids == [
        "health.assess_health", "isolation_forest.train_isolation_forest", "robust_detector.modified_zscore",
        "remaining_life.remaining_useful_life", "health.maintenance_priority",
    ]


def test_the_health_op_points_at_each_field_it_cannot_use(client):
    base = {"asset": "P101", "signals": ["flow", "speed"], "training": [[1.0, 2.0]] * 10, "latest": [1.0, 2.0]}
    indicator = {"name": "v", "times": [0.0], "values": [1.0], "threshold": 7.1}
    error = client.error("health", **{**base, "training": [[1.0, 2.0], [1.0]]}, indicator=indicator)
    assert error["details"]["problems"][0]["path"] == "/training/1"
    error = client.error("health", **base, indicator={**indicator, "colour": "red"})
    assert error["details"]["problems"][0] == {
        "path": "/indicator/colour", "code": "UNKNOWN_FIELD", "message": "unknown indicator field 'colour'"
    }
    error = client.error("health", **base, indicator={"name": "v", "times": [0.0], "values": [1.0]})
    assert error["details"]["problems"][0]["path"] == "/indicator/threshold"
    assert client.error("health", **{**base, "latest": [1.0]}, indicator=indicator)["code"] == "INVALID_VALUE"
