"""papermill で渡すパラメータのテストです。

- 範囲外の値を渡すと、どのノートブックも日本語のメッセージで止まること。
- ノートブック 04 は STEPS の許される範囲の両端 (300 と 2000) で最後まで実行できること。スナップショットを残す
  ステップは STEPS から決まるので、どの値でも図とスライダーが作れます。

学習の結果ではなくパラメータの扱いを確かめるテストなので、別の PC を模した環境 (make test-perturbed) では
繰り返しません。
"""

import pytest
from papermill.exceptions import PapermillExecutionError

from tools import NOTEBOOK_DIR
from tools.runner import notebook_paths, run_notebook

GAN_NOTEBOOK = NOTEBOOK_DIR / "06_gan_gaussian.ipynb"


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_out_of_range_seed_stops_with_japanese_message(path):
    with pytest.raises(PapermillExecutionError) as info:
        run_notebook(path, parameters={"SEED": -1})
    assert info.value.ename == "ParameterError"
    assert "パラメータ SEED の値 -1 は使えません" in info.value.evalue


@pytest.mark.parametrize("steps", [300, 2000])
def test_gan_notebook_runs_at_both_ends_of_the_steps_range(steps):
    # どのセルもエラーなく実行できれば、papermill は例外を出しません
    r = run_notebook(GAN_NOTEBOOK, {"STEPS": steps}, report=("SNAPSHOT_AT", "variant_stats"))
    assert list(r["SNAPSHOT_AT"]) == [0, steps // 20, steps // 5, steps // 2]
    assert len(r["variant_stats"]) == 4


def test_gan_steps_outside_the_range_stop_with_a_japanese_message():
    with pytest.raises(PapermillExecutionError) as info:
        run_notebook(GAN_NOTEBOOK, {"STEPS": 2001})
    assert info.value.ename == "ParameterError"
    assert "STEPS" in info.value.evalue
