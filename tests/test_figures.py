"""ノートブックが画像として表示する図が、tools/figures.py の描く図と同じであることを確かめます。

違っていたら、`make build` (図を描き直して、その図を表示するノートブックを実行し直す) を実行します。
"""

import nbformat

from tools import NOTEBOOK_DIR
from tools.figures import JUPYTER_FIGURE, draw_jupyter_figure, same_pixels


def test_saved_jupyter_figure_is_what_figures_py_draws():
    assert same_pixels(JUPYTER_FIGURE.read_bytes(), draw_jupyter_figure()), "make figures で描き直してください"


def test_jupyter_figure_is_a_small_png_shown_by_notebook_00():
    data = JUPYTER_FIGURE.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert len(data) < 100_000, len(data)
    nb = nbformat.read(NOTEBOOK_DIR / "00_environment_check.ipynb", as_version=4)
    shown = f'Image("../notebooks/figures/{JUPYTER_FIGURE.name}")'
    assert any(shown in cell.source for cell in nb.cells if cell.cell_type == "code")
