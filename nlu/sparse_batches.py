"""Rasa's training batches of sparse features, built with a few array operations instead of some per example.

Every training step of DIET and the ResponseSelector waits for its batch: Rasa's data generator
(`RasaDataGenerator._scipy_matrix_to_values`) turns each feature's per-example sparse matrices into
one sparse tensor's indices, values and shape, stacking three small arrays per example in Python.
A py-spy profile of `rasa train` had that list comprehension at over a quarter of the training
process's busy samples, every epoch again. `sparse_batch_values` gives the same arrays, in the same
order and types, from one concatenation per column; `faster_sparse_batches` uses it while the
ensembles train (nlu/seed_ensemble.py) and puts Rasa's own back afterwards.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import scipy.sparse
from rasa.utils.tensorflow.data_generator import RasaDataGenerator
from rasa.utils.tensorflow.feature_array import FeatureArray

_rasa_values = RasaDataGenerator._scipy_matrix_to_values


def sparse_batch_values(array_of_sparse: FeatureArray) -> list[np.ndarray]:
    """Indices (example, row, column), values and shape of a batch of 2-d sparse matrices."""
    if array_of_sparse.number_of_dimensions == 4:  # dialogue features (TED): Rasa's own
        return _rasa_values(array_of_sparse)
    matrices = [m if isinstance(m, scipy.sparse.coo_matrix) else m.tocoo() for m in array_of_sparse]
    counts = [len(m.data) for m in matrices]  # nnz, without scipy's checks of the arrays
    indices = np.empty((sum(counts), 3), dtype=np.int64)
    indices[:, 0] = np.repeat(np.arange(len(matrices)), counts)
    indices[:, 1] = np.concatenate([m.row for m in matrices])
    indices[:, 2] = np.concatenate([m.col for m in matrices])
    values = np.concatenate([m.data for m in matrices]).astype(np.float32)
    shape = np.array(
        (len(matrices), max(m.shape[0] for m in matrices), matrices[0].shape[-1]), dtype=np.int64
    )
    return [indices, values, shape]


@contextmanager
def faster_sparse_batches() -> Iterator[None]:
    """Rasa's data generator builds its sparse batches with `sparse_batch_values` inside the block."""
    RasaDataGenerator._scipy_matrix_to_values = staticmethod(sparse_batch_values)
    try:
        yield
    finally:
        RasaDataGenerator._scipy_matrix_to_values = staticmethod(_rasa_values)
