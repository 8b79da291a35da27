"""papermill で渡すパラメータのテストです。

- 範囲外の値を渡すと、どのノートブックも日本語のメッセージで止まること。
- GAN のノートブック 06 は STEPS の許される範囲の両端 (300 と 2000) で、付録 06a は下端 (300) で最後まで実行
  できること (移動平均と「後半の振れ幅」は STEPS から決まる長さで計算するので、どの値でも図と表が作れます)。
  範囲の外の STEPS は、どちらも日本語のメッセージで止まること。

学習の結果ではなくパラメータの扱いを確かめるテストなので、別の PC を模した環境 (make test-perturbed) では
繰り返しません。
"""

import pytest
from papermill.exceptions import PapermillExecutionError

from tools import NOTEBOOK_DIR
from tools.runner import notebook_paths, run_notebook

GAN_NOTEBOOK = NOTEBOOK_DIR / "06_gan_gaussian.ipynb"
GAN_APPENDIX = NOTEBOOK_DIR / "06a_appendix_gan_evidence.ipynb"


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_out_of_range_seed_stops_with_japanese_message(path):
    with pytest.raises(PapermillExecutionError) as info:
        run_notebook(path, parameters={"SEED": -1})
    assert info.value.ename == "ParameterError"
    assert "パラメータ SEED の値 -1 は使えません" in info.value.evalue


@pytest.mark.parametrize("steps", [300, 2000])
def test_gan_notebook_runs_at_both_ends_of_the_steps_range(steps):
    # どのセルもエラーなく実行できれば、papermill は例外を出しません
    r = run_notebook(GAN_NOTEBOOK, {"STEPS": steps}, report=("std_plain", "std_fixed", "results", "swings"))
    assert len(r["std_plain"]) == len(r["std_fixed"]) == steps
    assert len(r["results"]) == 4 and set(r["swings"]) == {"plain", "std", "fixed"}


def test_gan_appendix_runs_at_the_lower_end_of_the_steps_range():
    r = run_notebook(GAN_APPENDIX, {"STEPS": 300}, report=("variant_stats",))
    assert len(r["variant_stats"]) == 9


@pytest.mark.parametrize("path", [GAN_NOTEBOOK, GAN_APPENDIX], ids=lambda p: p.name)
def test_gan_steps_outside_the_range_stop_with_a_japanese_message(path):
    with pytest.raises(PapermillExecutionError) as info:
        run_notebook(path, {"STEPS": 2001})
    assert info.value.ename == "ParameterError"
    assert "STEPS" in info.value.evalue
