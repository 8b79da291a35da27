"""ノートブック 01: 直線の当てはめが、乱数の種 0〜4 のどれでも正解から 0.05 以内に入ること。"""

import pytest

from notebook_runner import NOTEBOOK_DIR, run_notebook

NOTEBOOK = NOTEBOOK_DIR / "01_pytorch_overview.ipynb"


@pytest.mark.parametrize("seed", range(5))
def test_fitted_line_is_within_0_05_of_the_truth(seed):
    r = run_notebook(NOTEBOOK, {"SEED": seed},
                     report=("fitted_weight", "fitted_bias", "TRUE_WEIGHT", "TRUE_BIAS"))
    assert abs(r["fitted_weight"] - r["TRUE_WEIGHT"]) <= 0.05, r
    assert abs(r["fitted_bias"] - r["TRUE_BIAS"]) <= 0.05, r


def test_too_large_learning_rate_is_refused():
    from papermill.exceptions import PapermillExecutionError

    with pytest.raises(PapermillExecutionError, match="LEARNING_RATE"):
        run_notebook(NOTEBOOK, {"LEARNING_RATE": 5.0})
