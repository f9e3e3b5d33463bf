"""Every data quality rule of models.md, and their combination."""

from __future__ import annotations

import pytest

from dxrunner.functions.quality import assess, check_range, check_spike, check_zscore, fill_gap


@pytest.mark.parametrize(
    ("quantity", "inside", "outside"),
    [("temperature", [-50.0, 400.0], [-50.1, 400.1]), ("pressure", [0.0, 10.0], [-0.1, 10.1]),
     ("flow", [0.0, 500.0], [-1.0, 500.5]), ("pH", [0.0, 14.0], [-0.1, 14.1])],
)
def test_a_value_outside_the_physical_range_of_its_quantity_is_bad(quantity, inside, outside):
    assert [check_range(quantity, v).flag for v in inside] == ["good", "good"]
    assert [check_range(quantity, v).flag for v in outside] == ["bad", "bad"]


def test_the_range_can_be_given_for_a_quantity_without_a_default():
    assert check_range("level", 5.0, low=0.0, high=4.0).flag == "bad"
    with pytest.raises(ValueError):
        check_range("level", 5.0)


def test_z_score_needs_at_least_ten_values():
    assert check_zscore(1000.0, [250.0, 251.0] * 4 + [250.0]).flag == "good"  # 9 values: no verdict


def test_a_value_more_than_three_standard_deviations_away_is_uncertain():
    history = [249.0, 251.0] * 5  # mean 250, standard deviation 1
    assert check_zscore(253.5, history).flag == "uncertain"  # z = 3.5
    assert check_zscore(252.5, history).flag == "good"  # z = 2.5
    assert check_zscore(246.0, history).flag == "uncertain"  # z = -4


def test_z_score_looks_only_at_the_last_hundred_values():
    history = [0.0] * 50 + [249.0, 251.0] * 50  # the old zeros fall out of the window
    assert check_zscore(250.5, history).flag == "good"


def test_a_change_of_more_than_twenty_percent_is_a_spike():
    assert check_spike(121.0, 100.0).flag == "uncertain"
    assert check_spike(79.0, 100.0).flag == "uncertain"
    assert check_spike(119.0, 100.0).flag == "good"
    assert check_spike(119.0, None).flag == "good"


def test_a_gap_is_filled_with_the_mean_of_the_two_latest_good_values():
    assert fill_gap([1.0, 2.0, 3.0, 4.0]) == 3.5
    assert fill_gap([7.0]) == 7.0
    assert fill_gap([]) is None


def test_the_overall_flag_is_the_worst_rule_and_a_bad_sample_gets_a_fill():
    history = [249.0, 251.0] * 5
    assert assess("temperature", 250.2, 250.0, history).flag == "good"
    uncertain = assess("temperature", 310.0, 250.0, history)
    assert uncertain.flag == "uncertain"
    assert [check.rule for check in uncertain.checks if check.flag == "uncertain"] == ["zscore", "spike"]
    assert uncertain.filled is None
    bad = assess("temperature", 450.0, 250.0, history)
    assert (bad.flag, bad.filled) == ("bad", 250.0)  # mean of 249 and 251
    assert "outside the physical range" in bad.reason


def test_a_missing_value_is_bad():
    assert assess("pressure", None, 7.8, [7.8, 7.9]).flag == "bad"
    assert assess("pressure", float("nan"), 7.8, [7.8, 7.9]).filled == pytest.approx(7.85)


def test_a_gap_after_a_spike_is_filled_from_the_good_values_only():
    # history (not bad) holds the spike 310 for the z-score; good holds only values flagged good
    bad = assess("temperature", None, 310.0, [248.0, 248.2, 310.0], good=[248.0, 248.2])
    assert bad.filled == pytest.approx(248.1)


def test_flow_rate_is_another_name_for_the_flow_quantity():
    assert check_range("flow_rate", 600.0).flag == "bad"
    assert check_range("flowRate", 400.0).flag == "good"
