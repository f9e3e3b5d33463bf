"""The rolling median/MAD detector against hand-computed modified z-scores."""

from __future__ import annotations

import math

import pytest

from dxrunner.functions.robust_detector import RobustDetector, modified_zscore, robust_scores


def test_the_modified_z_score_is_0_6745_times_the_distance_from_the_median_over_the_mad():
    # window 1..10: median 5.5; |x - 5.5| = 4.5 3.5 2.5 1.5 .5 .5 1.5 2.5 3.5 4.5, median 2.5
    # z(20) = 0.6745 * 14.5 / 2.5 = 3.91210
    assert modified_zscore(20.0, [float(v) for v in range(1, 11)]) == pytest.approx(3.91210)
    assert modified_zscore(5.5, [float(v) for v in range(1, 11)]) == 0.0


def test_it_gives_no_score_before_ten_values():
    assert modified_zscore(100.0, [1.0] * 9) is None


def test_when_most_values_are_equal_the_mean_absolute_deviation_stands_in():
    # window nine 5s and one 6: MAD 0; mean |x - 5| = 0.1; z(7) = (7 - 5) / (1.2533 * 0.1) = 15.958
    window = [5.0] * 9 + [6.0]
    assert modified_zscore(7.0, window) == pytest.approx(2.0 / 0.12533)
    assert modified_zscore(7.0, [5.0] * 10) == math.inf
    assert modified_zscore(5.0, [5.0] * 10) == 0.0


def test_a_spike_is_flagged_and_the_window_carries_on_from_the_state_handed_back():
    # base: median 10.0; deviations 0 (x4), 0.1 (x8), 0.2 (x4), 0.3 (x4), so MAD = 0.1
    base = [10.0, 10.2, 9.9, 10.1, 9.8, 10.0, 10.3, 9.7, 10.1, 9.9] * 2
    scores, flags = robust_scores(base + [14.0, 10.0], window=20)
    assert flags == [False] * 20 + [True, False]
    assert scores[:10] == [None] * 10
    detector = RobustDetector(window=20)
    detector.run(base)
    z, spike = detector.update(14.0)
    assert spike and z == pytest.approx(0.6745 * (14.0 - 10.0) / 0.1, rel=1e-9)
    # the state handed back continues the same window
    scores_again, flags_again = robust_scores([14.0], window=20, state=base)
    assert flags_again == [True] and scores_again[0] == pytest.approx(z)


def test_a_lasting_change_of_level_becomes_the_new_normal_after_about_half_a_window():
    detector = RobustDetector(window=20)
    detector.run([10.0 + 0.1 * (i % 3) for i in range(20)])
    _, flags = detector.run([20.0 + 0.1 * (i % 3) for i in range(20)])
    assert flags[0] and not flags[-1]
    assert 8 <= flags.index(False) <= 12
