"""Isolation Forest for multivariate anomaly detection, as Liu, Ting and Zhou define it (ICDM 2008).

An anomaly is few and different, so random axis-parallel cuts isolate it in fewer steps than a
normal point. The forest is t trees (default 100), each grown on a subsample of psi rows (default
256) drawn without replacement, to the height limit ceil(log2 psi): at every node an attribute is
picked at random and a cut value uniformly between that attribute's minimum and maximum in the node.
A point's path length h(x) is the number of edges from the root to the external node it ends in, plus
c(size) for the points that were not separated there. Its score is s(x) = 2^(-E[h(x)] / c(psi)), with
c(n) = 2 H(n - 1) - 2 (n - 1) / n and H(i) = ln(i) + Euler's constant: near 1 is anomalous, well
below 0.5 is normal. The contamination threshold is the (1 - contamination) quantile of the training
rows' scores, so about that fraction of data like the training window is flagged.

Hand-written rather than taken from scikit-learn: the workers use numpy and scipy only. The trees are
arrays (attribute, cut, children, size per node), so scoring walks all rows through a tree at once.
A fixed seed makes a forest, and so every score, reproducible.
"""

from __future__ import annotations

import hashlib
import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .catalog import library_function

EULER_GAMMA = 0.5772156649015329
DEFAULT_TREES = 100
DEFAULT_SUBSAMPLE = 256
DEFAULT_CONTAMINATION = 0.01
DEFAULT_SEED = 42
MIN_TRAINING_ROWS = 8
MAX_TRAINING_ROWS = 100_000
MAX_TREES = 1000
FOREST_CACHE_SIZE = 32


def average_path_length(n: float | np.ndarray) -> float | np.ndarray:
    """c(n) = 2 H(n - 1) - 2 (n - 1) / n, the mean path length of an unsuccessful BST search; c(2) = 1, c(n <= 1) = 0."""
    size = np.asarray(n, dtype=float)
    safe = np.maximum(size, 2.0)
    value = 2.0 * (np.log(safe - 1.0) + EULER_GAMMA) - 2.0 * (safe - 1.0) / safe
    out = np.where(size > 2.0, value, np.where(size == 2.0, 1.0, 0.0))
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True)
class IsolationTree:
    """One tree as arrays: for node i, its attribute (-1 at an external node), cut, children and size."""

    attribute: np.ndarray
    cut: np.ndarray
    left: np.ndarray
    right: np.ndarray
    size: np.ndarray
    depth: np.ndarray

    def path_lengths(self, rows: np.ndarray) -> np.ndarray:
        """h(x) of every row: the edges to its external node plus c(size) of that node."""
        node = np.zeros(rows.shape[0], dtype=np.intp)
        while True:
            inner = self.attribute[node] >= 0
            if not inner.any():
                break
            at = node[inner]
            goes_left = rows[inner, self.attribute[at]] < self.cut[at]
            node[inner] = np.where(goes_left, self.left[at], self.right[at])
        return self.depth[node] + average_path_length(self.size[node])


def _grow(rows: np.ndarray, height_limit: int, rng: np.random.Generator) -> IsolationTree:
    attribute: list[int] = []
    cut: list[float] = []
    left: list[int] = []
    right: list[int] = []
    size: list[int] = []
    depth: list[int] = []

    def node(part: np.ndarray, level: int) -> int:
        index = len(attribute)
        attribute.append(-1)
        cut.append(0.0)
        left.append(-1)
        right.append(-1)
        size.append(part.shape[0])
        depth.append(level)
        if level >= height_limit or part.shape[0] <= 1:
            return index
        low, high = part.min(axis=0), part.max(axis=0)
        # Only attributes that still vary can cut; a node whose rows are all equal is external.
        candidates = np.flatnonzero(high > low)
        if candidates.size == 0:
            return index
        q = int(rng.choice(candidates))
        p = float(rng.uniform(low[q], high[q]))
        if p <= low[q]:  # uniform() may return the lower bound itself; such a cut separates nothing
            p = float(np.nextafter(low[q], high[q]))
        goes_left = part[:, q] < p
        attribute[index], cut[index] = q, p
        left[index] = node(part[goes_left], level + 1)
        right[index] = node(part[~goes_left], level + 1)
        return index

    node(rows, 0)
    return IsolationTree(
        np.asarray(attribute, dtype=np.intp),
        np.asarray(cut, dtype=float),
        np.asarray(left, dtype=np.intp),
        np.asarray(right, dtype=np.intp),
        np.asarray(size, dtype=float),
        np.asarray(depth, dtype=float),
    )


@dataclass(frozen=True)
class IsolationForest:
    """A trained forest, its subsample size, and the score above which a row is anomalous."""

    trees: tuple[IsolationTree, ...]
    subsample: int
    threshold: float
    contamination: float
    seed: int
    attributes: int

    def scores(self, rows: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
        """s(x) = 2^(-E[h(x)] / c(psi)) for every row, between 0 and 1."""
        data = _matrix(rows, self.attributes)
        mean_path = np.mean([tree.path_lengths(data) for tree in self.trees], axis=0)
        return np.power(2.0, -mean_path / average_path_length(self.subsample))

    def flags(self, rows: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
        """True where the score is above the contamination threshold."""
        return self.scores(rows) > self.threshold


def _matrix(rows: Sequence[Sequence[float]] | np.ndarray, attributes: int | None = None) -> np.ndarray:
    data = np.asarray(rows, dtype=float)
    if data.ndim != 2 or data.shape[0] == 0:
        raise ValueError("rows must be a non-empty list of rows of numbers")
    if attributes is not None and data.shape[1] != attributes:
        raise ValueError(f"each row must hold {attributes} values, as the training rows do; got {data.shape[1]}")
    if not np.all(np.isfinite(data)):
        raise ValueError("rows must hold finite numbers only")
    return data


@library_function("anomaly", returns="IsolationForest", use='op "anomaly"; op "health"')
def train_isolation_forest(
    rows: Sequence[Sequence[float]],
    trees: int = DEFAULT_TREES,
    subsample: int = DEFAULT_SUBSAMPLE,
    contamination: float = DEFAULT_CONTAMINATION,
    seed: int = DEFAULT_SEED,
) -> IsolationForest:
    """Grows an Isolation Forest on rows (one per sample, one column per signal) and sets its contamination threshold.

    Each tree takes min(subsample, rows) rows without replacement and grows to ceil(log2 of that);
    the threshold is the (1 - contamination) quantile of the training rows' own scores.
    """
    data = _matrix(rows)
    if data.shape[0] < MIN_TRAINING_ROWS:
        raise ValueError(f"an isolation forest needs at least {MIN_TRAINING_ROWS} training rows, got {data.shape[0]}")
    if data.shape[0] > MAX_TRAINING_ROWS:
        raise ValueError(f"at most {MAX_TRAINING_ROWS} training rows, got {data.shape[0]}")
    if not 1 <= trees <= MAX_TREES:
        raise ValueError(f"trees must be between 1 and {MAX_TREES}")
    if subsample < 2:
        raise ValueError("subsample must be at least 2")
    if not 0.0 < contamination < 0.5:
        raise ValueError("contamination must be between 0 and 0.5")
    rng = np.random.default_rng(seed)
    psi = min(subsample, data.shape[0])
    height_limit = math.ceil(math.log2(psi))
    grown = tuple(
        _grow(data[rng.choice(data.shape[0], size=psi, replace=False)], height_limit, rng) for _ in range(trees)
    )
    forest = IsolationForest(grown, psi, 1.0, contamination, seed, data.shape[1])
    threshold = float(np.quantile(forest.scores(data), 1.0 - contamination))
    return IsolationForest(grown, psi, threshold, contamination, seed, data.shape[1])


_forests: OrderedDict[str, IsolationForest] = OrderedDict()


def cached_forest(
    rows: Sequence[Sequence[float]],
    trees: int = DEFAULT_TREES,
    subsample: int = DEFAULT_SUBSAMPLE,
    contamination: float = DEFAULT_CONTAMINATION,
    seed: int = DEFAULT_SEED,
) -> tuple[IsolationForest, str]:
    """The forest of these rows and settings, trained once per worker and kept (LRU, FOREST_CACHE_SIZE).

    A live loop sends the same training window every period; growing 100 trees each time would cost
    far more than scoring one row. The key (also returned, as the model's fingerprint for lineage) is
    a SHA-256 of the rows and settings, so a changed window trains a new forest.
    """
    data = _matrix(rows)
    digest = hashlib.sha256(data.tobytes())
    digest.update(repr((data.shape, trees, subsample, contamination, seed)).encode())
    key = digest.hexdigest()
    forest = _forests.get(key)
    if forest is None:
        forest = train_isolation_forest(data, trees, subsample, contamination, seed)
        _forests[key] = forest
        while len(_forests) > FOREST_CACHE_SIZE:
            _forests.popitem(last=False)
    else:
        _forests.move_to_end(key)
    return forest, key
