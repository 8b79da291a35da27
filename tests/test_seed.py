import random

import numpy as np
import pytest
import torch

from helpers import ParameterError, seed_everything


@pytest.fixture(autouse=True)
def restore_determinism():
    yield
    torch.use_deterministic_algorithms(False)


def draw():
    return random.random(), float(np.random.rand()), float(torch.rand(1))


def test_same_seed_gives_same_numbers_everywhere():
    seed_everything(3)
    first = draw()
    seed_everything(3)
    assert draw() == first
    seed_everything(4)
    assert draw() != first


def test_deterministic_flag():
    seed_everything(0)
    assert torch.are_deterministic_algorithms_enabled()
    seed_everything(0, deterministic=False)
    assert not torch.are_deterministic_algorithms_enabled()


@pytest.mark.parametrize("seed", [-1, 2**32, 1.5, "0"])
def test_bad_seed_is_a_japanese_error(seed):
    with pytest.raises(ParameterError, match="SEED"):
        seed_everything(seed)
