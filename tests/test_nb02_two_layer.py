"""ノートブック 02: 勾配の一致 (float64 で 1e-8 以下) と、らせん分類のテスト正解率 97% 以上 (種 0〜4)。"""

import pytest

from notebook_runner import NOTEBOOK_DIR, run_notebook

NOTEBOOK = NOTEBOOK_DIR / "02_two_layer_network.ipynb"


@pytest.mark.parametrize("seed", range(5))
def test_gradients_agree_and_spiral_is_learned(seed):
    r = run_notebook(NOTEBOOK, {"SEED": seed},
                     report=("max_grad_rel_diff", "max_loss_diff", "test_accuracy"))
    assert r["max_grad_rel_diff"] <= 1e-8, r
    assert r["max_loss_diff"] <= 1e-8, r
    assert r["test_accuracy"] >= 0.97, r
