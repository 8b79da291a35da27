"""ノートブック 04: STEPS の許される範囲の両端 (300 と 2000) で、最後まで実行できることを確かめます。

スナップショットを残すステップは STEPS から決まるので、どの値でも図とスライダーが作れます。
範囲の外の値は、日本語のメッセージで止まります。
"""

import pytest
from papermill.exceptions import PapermillExecutionError

from notebook_runner import NOTEBOOK_DIR, run_notebook

NOTEBOOK = NOTEBOOK_DIR / "04_gan_gaussian.ipynb"


@pytest.mark.parametrize("steps", [300, 2000])
def test_every_allowed_number_of_steps_runs(steps):
    # どのセルもエラーなく実行できれば、papermill は例外を出しません
    r = run_notebook(NOTEBOOK, {"STEPS": steps}, report=("SNAPSHOT_AT", "variant_stats"))
    assert list(r["SNAPSHOT_AT"]) == [0, steps // 20, steps // 5, steps // 2]
    assert len(r["variant_stats"]) == 4


def test_steps_outside_the_range_stop_with_a_japanese_message():
    with pytest.raises(PapermillExecutionError) as info:
        run_notebook(NOTEBOOK, {"STEPS": 2001})
    assert info.value.ename == "ParameterError"
    assert "STEPS" in info.value.evalue
