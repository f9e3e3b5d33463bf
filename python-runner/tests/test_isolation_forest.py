"""The Isolation Forest of Liu, Ting and Zhou: c(n), path lengths, scores, threshold, seed."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dxrunner.functions.isolation_forest import (
    average_path_length,
    cached_forest,
    train_isolation_forest,
)


def test_c_of_n_is_the_average_path_length_of_an_unsuccessful_search():
    # c(n) = 2 (ln(n - 1) + 0.5772156649) - 2 (n - 1) / n
    # c(256) = 2 (5.5412635 + 0.5772157) - 2 * 255 / 256 = 12.2369584 - 1.9921875 = 10.2447709
    assert average_path_length(256) == pytest.approx(10.2447709, abs=1e-6)
    # c(10) = 2 (ln 9 + 0.5772157) - 2 * 9 / 10 = 2 * 2.7744403 - 1.8 = 3.7488805
    assert average_path_length(10) == pytest.approx(3.7488805, abs=1e-6)
    assert average_path_length(2) == 1.0
    assert average_path_length(1) == 0.0
    assert average_path_length(np.array([1.0, 2.0, 256.0])) == pytest.approx([0.0, 1.0, 10.2447709])


def test_two_points_are_each_isolated_by_one_cut_so_both_score_one_half():
    # psi = 2: height limit ceil(log2 2) = 1; the root's cut separates them, h = 1 = c(2), s = 2^-1
    rows = [[0.0, 0.0], [1.0, 1.0]] * 4  # eight rows, two distinct points
    forest = train_isolation_forest(rows, trees=20, subsample=2, contamination=0.1)
    assert forest.scores([[0.0, 0.0], [1.0, 1.0]]) == pytest.approx([0.5, 0.5])


def test_a_point_far_from_a_cluster_scores_near_one_and_the_cluster_below_one_half():
    rng = np.random.default_rng(3)
    cluster = rng.normal(0.0, 1.0, (500, 3))
    forest = train_isolation_forest(cluster, seed=3)
    far, inside = forest.scores([[8.0, 8.0, 8.0], [0.0, 0.0, 0.0]])
    assert far > 0.7
    assert inside < 0.45
    assert bool(forest.flags([[8.0, 8.0, 8.0]])[0]) and not bool(forest.flags([[0.0, 0.0, 0.0]])[0])


def test_the_contamination_threshold_flags_that_share_of_the_training_rows():
    rows = np.random.default_rng(5).normal(size=(1000, 4))
    forest = train_isolation_forest(rows, contamination=0.05, seed=5)
    assert forest.flags(rows).mean() == pytest.approx(0.05, abs=0.002)
    assert forest.subsample == 256
    # every tree is at most ceil(log2 256) = 8 deep
    assert max(int(tree.depth.max()) for tree in forest.trees) <= 8


def test_the_same_seed_grows_the_same_forest_and_another_seed_another():
    rows = np.random.default_rng(9).normal(size=(300, 2))
    probe = [[0.5, -0.5], [3.0, 3.0]]
    first = train_isolation_forest(rows, seed=1).scores(probe)
    assert train_isolation_forest(rows, seed=1).scores(probe) == pytest.approx(first, abs=0.0)
    assert not np.allclose(train_isolation_forest(rows, seed=2).scores(probe), first)


def test_a_constant_signal_cannot_be_cut_and_does_not_break_the_forest():
    rng = np.random.default_rng(2)
    rows = np.column_stack((rng.normal(size=200), np.full(200, 7.0)))
    forest = train_isolation_forest(rows)
    assert np.all(np.isfinite(forest.scores(rows)))
    # all-equal rows: every tree is one external node holding psi rows, h = c(psi), s = 1/2
    flat = train_isolation_forest(np.ones((50, 2)), contamination=0.1)
    assert flat.scores([[1.0, 1.0]]) == pytest.approx([0.5])


def test_the_forest_is_trained_once_per_window_and_settings():
    rows = np.random.default_rng(4).normal(size=(64, 3)).tolist()
    forest, key = cached_forest(rows, trees=10)
    again, same = cached_forest(rows, trees=10)
    assert again is forest and same == key
    _, other = cached_forest(rows, trees=11)
    assert other != key and len(key) == 64


@pytest.mark.parametrize(
    ("rows", "message"),
    [([[1.0, 2.0]] * 7, "at least 8"), ([[1.0, math.nan]] * 10, "finite"), ([], "non-empty")],
)
def test_it_refuses_training_it_cannot_use(rows, message):
    with pytest.raises(ValueError, match=message):
        train_isolation_forest(rows)
