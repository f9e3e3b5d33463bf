"""The detectors on series with planted anomalies: detection rate and false alarms (figures in the docs)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import PYTHON_RUNNER
from dxrunner.planted_anomalies import multivariate, univariate


def test_the_forest_finds_faults_that_move_several_signals_at_once_with_few_false_alarms():
    figures = multivariate()
    forest = figures["isolationForest"]
    assert forest["byKind"]["cavitation"] >= 0.9
    assert forest["byKind"]["impeller-wear"] >= 0.9
    # about the contamination share of normal samples is flagged, by construction
    assert forest["falseAlarmRate"] <= 2 * figures["contamination"]


def test_the_per_signal_z_score_finds_what_the_forest_cannot_a_single_signal_far_out_of_range():
    figures = multivariate()
    assert figures["isolationForest"]["byKind"]["vibration-spike"] <= 0.2  # beyond the range scores as the edge
    assert figures["signalZ"]["byKind"]["vibration-spike"] >= 0.95
    either = figures["either"]
    assert either["detectionRate"] >= 0.75
    assert either["falseAlarmRate"] <= 0.025


def test_the_rolling_median_mad_finds_most_spikes_of_a_drifting_signal_with_few_false_alarms():
    figures = univariate()
    assert figures["detectionRate"] >= 0.85
    assert figures["falseAlarmRate"] <= 0.01


def test_the_figures_print_as_one_json_line():
    done = subprocess.run(
        [sys.executable, "-m", "dxrunner.planted_anomalies"], cwd=PYTHON_RUNNER, capture_output=True, text=True, check=True
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(figures) == {"multivariate", "univariate"}
