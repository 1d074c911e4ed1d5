"""Training batches of sparse features: the same arrays as Rasa's own, built faster (nlu/sparse_batches.py)."""
import numpy as np
import scipy.sparse
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.utils.tensorflow.data_generator import RasaDataGenerator
from rasa.utils.tensorflow.feature_array import FeatureArray

from nlu.sparse_batches import faster_sparse_batches, sparse_batch_values

RASA_VALUES = RasaDataGenerator._scipy_matrix_to_values


def _batch(shapes_and_seeds, columns, fmt):
    matrices = [
        scipy.sparse.random(rows, columns, density=0.3, format=fmt, random_state=seed, dtype=np.float64)
        for rows, seed in shapes_and_seeds
    ]
    array = np.empty(len(matrices), dtype=object)
    array[:] = matrices
    return FeatureArray(array, number_of_dimensions=3)


@settings(max_examples=60, deadline=None)
@given(
    examples=st.lists(st.tuples(st.integers(1, 7), st.integers(0, 10_000)), min_size=1, max_size=12),
    columns=st.integers(1, 40),
    fmt=st.sampled_from(["coo", "csr"]),
)
def test_the_arrays_are_rasas_own(examples, columns, fmt):
    batch = _batch(examples, columns, fmt)
    ours, rasas = sparse_batch_values(batch), RASA_VALUES(batch)
    assert [a.dtype for a in ours] == [a.dtype for a in rasas]
    for mine, theirs in zip(ours, rasas, strict=True):
        np.testing.assert_array_equal(mine, theirs)


def test_an_example_without_any_value_keeps_its_place():
    batch = _batch([(3, 1), (2, 2), (4, 3)], 5, "coo")
    batch[1] = scipy.sparse.coo_matrix((2, 5))
    indices, values, shape = sparse_batch_values(batch)
    np.testing.assert_array_equal(indices, RASA_VALUES(batch)[0])
    assert set(indices[:, 0]) == {0, 2} and shape.tolist() == [3, 4, 5]


def test_rasas_own_is_back_after_the_block():
    with faster_sparse_batches():
        assert RasaDataGenerator._scipy_matrix_to_values is sparse_batch_values
    assert RasaDataGenerator._scipy_matrix_to_values is RASA_VALUES
