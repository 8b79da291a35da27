"""tests/figures.py が描く図と、リポジトリに保存した図が同じであることを確かめます。

違っていたら、`make sync` で描き直してから、その図を表示するノートブックを `make execute` で実行し直します。
"""

import io

import nbformat
import numpy as np
from PIL import Image

from figures import JUPYTER_FIGURE, draw_jupyter_figure
from notebook_runner import NOTEBOOK_DIR


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def test_saved_jupyter_figure_is_what_figures_py_draws():
    saved = JUPYTER_FIGURE.read_bytes()
    assert np.array_equal(pixels(saved), pixels(draw_jupyter_figure())), "make sync で描き直してください"


def test_jupyter_figure_is_a_small_png_shown_by_notebook_00():
    data = JUPYTER_FIGURE.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert len(data) < 100_000, len(data)
    nb = nbformat.read(NOTEBOOK_DIR / "00_environment_check.ipynb", as_version=4)
    shown = f'Image("../notebooks/figures/{JUPYTER_FIGURE.name}")'
    assert any(shown in cell.source for cell in nb.cells if cell.cell_type == "code")
