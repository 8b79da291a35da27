"""ノートブック 00 (環境チェック) のテストです。

- 読み込みのセル: コースの環境でないカーネル (パッケージが無い) では、英語の ModuleNotFoundError ではなく、
  どの OS・道具でも使える直し方 (`make lab` と Windows の `.venv\\Scripts\\jupyter lab`、VS Code のカーネル、
  Colab の準備のセル、docs/setup.md) を日本語で示す ModuleNotFoundError で止まること。
- 演習 1 (行列積) の確かめ: 正しい答え、よくある間違い、書いていない答え。
- 演習 2・3 の考察の例に書いたエラー (GPU が無いときの DeviceNotAvailableError、再起動後の NameError) が
  本当にそのとおりに出ること。
"""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest
import torch

from helpers.exercises import CORRECT, NOT_YET, verdict
from tools import NOTEBOOK_DIR
from tools.runner import execute, run_notebook

NOTEBOOK = NOTEBOOK_DIR / "00_environment_check.ipynb"


def cell_source(marker: str) -> str:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    [cell] = [c for c in nb.cells if c.cell_type == "code" and marker in c.source]
    return cell.source


IMPORT_CELL = cell_source("except ModuleNotFoundError")
SETUP_GUIDE = "https://github.com/pytorch-nyumon/pytorch-nyumon/blob/main/docs/setup.md"


def assert_fix_for_every_tool(message: str) -> None:
    """直し方が、JupyterLab (Windows を含む)・VS Code・Colab のどれにも書いてあること。"""
    assert "make lab" in message and ".venv\\Scripts\\jupyter lab" in message, message
    assert "VS Code" in message and ".venv の Python" in message, message
    assert "Colab" in message and "【準備】" in message, message
    assert SETUP_GUIDE in message, message


@pytest.mark.parametrize("missing", ["ipywidgets", "torch", "tqdm", "helpers"])
def test_missing_package_stops_with_the_fix_in_japanese(missing):
    # sys.modules に None を置くと、その名前の import は ModuleNotFoundError になります
    # (パッケージが入っていないカーネルと同じです)。
    program = f"import sys\nsys.modules[{missing!r}] = None\n" + IMPORT_CELL
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                            cwd=NOTEBOOK_DIR, timeout=300)
    assert result.returncode != 0
    # (tqdm は `from tqdm.auto import tqdm` なので、名前が tqdm.auto になることがあります)
    assert f"\nModuleNotFoundError: パッケージ {missing}" in result.stderr, result.stderr
    assert "が見つかりません" in result.stderr
    assert_fix_for_every_tool(result.stderr)
    assert "halted" not in result.stderr and "No module named" not in result.stderr  # 英語の元のエラーは見せません


def test_missing_package_message_as_the_learner_sees_it_in_jupyter():
    """Jupyter のカーネルで実行したときも、エラーの出力が日本語の直し方になること。"""
    from papermill.exceptions import PapermillExecutionError

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import sys\nsys.modules['torch'] = None"),
                nbformat.v4.new_code_cell(IMPORT_CELL)]
    with pytest.raises(PapermillExecutionError) as info:
        execute(nb, NOTEBOOK_DIR)
    assert info.value.ename == "ModuleNotFoundError"
    assert info.value.evalue.startswith("パッケージ torch が見つかりません")
    assert_fix_for_every_tool(info.value.evalue)


@pytest.mark.skipif(torch.cuda.is_available(), reason="GPU がある環境では演習 2 のエラーは出ません")
def test_exercise_2_cuda_without_gpu_stops_with_the_documented_error():
    from papermill.exceptions import PapermillExecutionError

    with pytest.raises(PapermillExecutionError) as info:
        run_notebook(NOTEBOOK, {"DEVICE": "cuda"})
    assert info.value.ename == "DeviceNotAvailableError"
    assert "この環境では CUDA の GPU が使えません" in info.value.evalue.replace("\n", "")


def test_exercise_3_running_the_tensor_cell_after_a_restart_is_a_name_error():
    source = cell_source("x = torch.arange(6.0")
    with pytest.raises(NameError, match="name 'torch' is not defined"):
        exec(source, {})  # 再起動した直後のカーネルと同じ、空の名前空間で実行します


def test_exercise_1_matrix_product_check():
    m = torch.arange(1.0, 5.0).reshape(2, 2)
    from_zero = torch.arange(4.0).reshape(2, 2)
    assert verdict("00-1", {"m": m, "product": m @ m.T}) == CORRECT
    m_int = torch.tensor([[1, 2], [3, 4]])
    assert verdict("00-1", {"m": m_int, "product": m_int @ m_int.T}) == CORRECT
    wrong = {  # よくある間違い → ヒントに含まれる言葉
        "要素どうしの掛け算": (m, m * m.T),
        "順番が逆": (m, m.T @ m),
        "転置の `.T` を忘れて": (m, m @ m),
        "0 から始まります": (from_zero, from_zero @ from_zero.T),
        "並べ方が縦": (m.T, m.T @ m),
        "m の形が (4,)": (torch.arange(1.0, 5.0), torch.arange(1.0, 5.0)),
        "m は PyTorch のテンソル": ([[1, 2], [3, 4]], m @ m.T),
        "product は PyTorch のテンソル": (m, [[5, 11], [11, 25]]),
        "product の形が (2, 1)": (m, m @ torch.ones(2, 1)),
        "値が違います": (m, m @ m.T + 1),
    }
    for hint_words, (m_answer, product_answer) in wrong.items():
        message = verdict("00-1", {"m": m_answer, "product": product_answer})
        assert message.startswith("❌") and hint_words in message, (hint_words, message)
        assert "25" not in message and "11" not in message  # 正解の値は見せません
    assert verdict("00-1", {"m": m, "product": ...}).startswith(NOT_YET)
    assert verdict("00-1", {"m": ..., "product": ...}).startswith(NOT_YET)
    assert verdict("00-1", {}).startswith(NOT_YET)
