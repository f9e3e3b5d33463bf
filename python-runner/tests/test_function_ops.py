"""The stateless function ops: kalman, quality, convert, average."""

from __future__ import annotations

import pytest


def test_the_quality_op_flags_a_value_and_says_why(client):
    result = client.result("quality", quantity="temperature", value=251.0, previous=200.0, history=[200.0] * 20)
    assert result["flag"] == "uncertain"
    assert {check["rule"] for check in result["checks"]} == {"range", "zscore", "spike"}
    bad = client.result("quality", quantity="flow", value=None, history=[400.0, 410.0])
    assert (bad["flag"], bad["filled"]) == ("bad", 405.0)


def test_the_quality_op_refuses_a_quantity_without_a_range(client):
    assert client.error("quality", quantity="colour", value=1.0)["code"] == "UNKNOWN_QUANTITY"
    assert client.result("quality", quantity="colour", value=1.0, low=0.0, high=2.0)["flag"] == "good"


def test_the_kalman_op_can_be_continued_by_handing_its_state_back(client):
    first = client.result("kalman", measurements=[10.0, 10.2, None, 9.9], dt=1.0)
    assert len(first["estimates"]) == 4 and first["innovations"][2] is None
    more = client.result("kalman", measurements=[10.0], dt=1.0, state=first["state"])
    assert more["estimates"][0] == pytest.approx(10.0, abs=0.5)
    assert client.error("kalman", measurements=[1.0], state={"x": [1]})["code"] == "INVALID_VALUE"


def test_the_convert_op_converts_numbers_and_lists(client):
    assert client.result("convert", value=7.8, **{"from": "MPa", "to": "bar"}) == {"value": 78.0, "unit": "bar"}
    kelvins = client.result("convert", value=[0, 100], **{"from": "degC", "to": "K"})["value"]
    assert kelvins == pytest.approx([273.15, 373.15])
    assert client.error("convert", value=1, **{"from": "degC", "to": "bar"})["code"] == "UNIT_MISMATCH"


def test_the_average_op_offers_each_kind(client):
    assert client.result("average", values=[1, 2, 6]) == {"value": 3.0}
    assert client.result("average", kind="moving", values=[1, 2, 3, 4], window=2) == {"values": [1.0, 1.5, 2.5, 3.5]}
    weighted = client.result("average", kind="time_weighted", values=[0, 10, 10], times=[0, 1, 11])
    assert weighted["value"] == pytest.approx(105 / 11)
    assert client.error("average", kind="median", values=[1])["code"] == "INVALID_VALUE"
    assert client.error("average", values=[])["code"] == "BAD_REQUEST"


def test_the_quality_op_fills_from_the_good_values_when_given(client):
    bad = client.result("quality", quantity="flow_rate", value=None, history=[400.0, 410.0, 900.0], good=[400.0, 410.0])
    assert (bad["flag"], bad["filled"]) == ("bad", 405.0)
