"""ノートブック 04: 生成した 10,000 個の平均と標準偏差が、種 0〜9 のどれでも目標から 0.1 以内。"""

import pytest

from notebook_runner import NOTEBOOK_DIR, run_notebook

NOTEBOOK = NOTEBOOK_DIR / "04_gan_gaussian.ipynb"
REPORT = ("generated_mean", "generated_std", "TARGET_MEAN", "TARGET_STD")


@pytest.fixture(scope="module")
def results():
    return {seed: run_notebook(NOTEBOOK, {"SEED": seed}, report=REPORT) for seed in range(10)}


def test_every_seed_matches_mean_and_std_within_0_1(results):
    for seed, r in results.items():
        assert abs(r["generated_mean"] - r["TARGET_MEAN"]) <= 0.1, (seed, r)
        assert abs(r["generated_std"] - r["TARGET_STD"]) <= 0.1, (seed, r)


def test_median_error_meets_the_0_05_aim(results):
    mean_errors = sorted(abs(r["generated_mean"] - r["TARGET_MEAN"]) for r in results.values())
    std_errors = sorted(abs(r["generated_std"] - r["TARGET_STD"]) for r in results.values())
    assert mean_errors[len(mean_errors) // 2] <= 0.05 and std_errors[len(std_errors) // 2] <= 0.05
