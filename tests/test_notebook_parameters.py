"""範囲外のパラメータを papermill で渡すと、日本語のメッセージで止まることを確かめます。"""

import pytest
from papermill.exceptions import PapermillExecutionError

from notebook_runner import notebook_paths, run_notebook


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_out_of_range_seed_stops_with_japanese_message(path):
    with pytest.raises(PapermillExecutionError) as info:
        run_notebook(path, parameters={"SEED": -1})
    assert info.value.ename == "ParameterError"
    assert "パラメータ SEED の値 -1 は使えません" in info.value.evalue
