"""ノートブック 00 (環境チェック) のテストです。

- 読み込みのセル: コースの環境でないカーネル (パッケージが無い) では、英語の ModuleNotFoundError ではなく、
  直し方 (`make lab`、.venv のカーネル) を日本語で示す ModuleNotFoundError で止まること。
- 演習 1・2 の解答例に書いたエラー (GPU が無いときの DeviceNotAvailableError、再起動後の NameError) が
  本当にそのとおりに出ること。
- 節 0 の模式図 (notebooks/figures/jupyter_basics.png) が PNG で、100 kB 未満であること。

模式図は、このファイルの ``draw_jupyter_figure()`` が matplotlib で描いたものです (JupyterLab 4 の画面を
簡略化した絵で、スクリーンショットではありません)。描き直すときは
``.venv/bin/python tests/test_nb00_environment.py`` で画像のファイルを書き直し、ノートブックを
``make execute`` で実行し直します。
"""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest
import torch

from notebook_runner import NOTEBOOK_DIR, execute, run_notebook

NOTEBOOK = NOTEBOOK_DIR / "00_environment_check.ipynb"
FIGURE = NOTEBOOK_DIR / "figures" / "jupyter_basics.png"


def cell_source(marker: str) -> str:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    [cell] = [c for c in nb.cells if c.cell_type == "code" and marker in c.source]
    return cell.source


IMPORT_CELL = cell_source("from helpers import doctor")


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
    assert "make lab" in result.stderr and ".venv" in result.stderr
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
    assert "make lab" in info.value.evalue


@pytest.mark.skipif(torch.cuda.is_available(), reason="GPU がある環境では演習 1 のエラーは出ません")
def test_exercise_1_cuda_without_gpu_stops_with_the_documented_error():
    from papermill.exceptions import PapermillExecutionError

    with pytest.raises(PapermillExecutionError) as info:
        run_notebook(NOTEBOOK, {"DEVICE": "cuda"})
    assert info.value.ename == "DeviceNotAvailableError"
    assert "この環境では CUDA の GPU が使えません" in info.value.evalue.replace("\n", "")


def test_exercise_2_running_the_tensor_cell_after_a_restart_is_a_name_error():
    source = cell_source("x = torch.arange(6.0")
    with pytest.raises(NameError, match="name 'torch' is not defined"):
        exec(source, {})  # 再起動した直後のカーネルと同じ、空の名前空間で実行します


def test_jupyter_figure_is_a_small_png_shown_by_the_notebook():
    data = FIGURE.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert len(data) < 100_000, len(data)
    assert f'Image("../notebooks/figures/{FIGURE.name}")' in cell_source("from IPython.display import Image")


GRAY = "#f3f3f3"
EDGE = "#b0b0b0"
BLUE = "#1976d2"
LIGHT = "#dbe9f8"
RED = "#c62828"


def draw_jupyter_figure() -> bytes:
    """図を描き、PNG のバイト列を返します (32 色に減色して小さくします)。"""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Polygon, Rectangle
    from PIL import Image

    import helpers

    helpers.setup_plotting()

    def box(ax, x, y, w, h, fc="white", ec=EDGE, lw=1):
        ax.add_patch(Rectangle((x, y), w, h, fc=fc, ec=ec, lw=lw))

    def triangle(ax, x, y, s=0.9):
        ax.add_patch(Polygon([(x - s * 0.6, y - s), (x - s * 0.6, y + s), (x + s * 0.8, y)], color="black"))

    def note(ax, text, xy, xytext):
        ax.annotate(text, xy=xy, xytext=xytext, fontsize=10.5, color=RED, va="center",
                    arrowprops={"arrowstyle": "->", "color": RED, "lw": 1.2})

    fig = plt.figure(figsize=(9.6, 4.6), dpi=100)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(0, 96)
    ax.set_ylim(8, 54)
    ax.axis("off")

    # ウィンドウの枠とメニュー
    box(ax, 1, 9, 56, 44, ec="#888888", lw=1.2)
    box(ax, 1, 49, 56, 4, fc=GRAY)
    x = 2.5
    for m in ["File", "Edit", "View", "Run", "Kernel", "Tabs", "Help"]:
        if m == "Kernel":
            box(ax, x - 0.8, 49.5, 7.0, 3.0, fc=LIGHT, ec=BLUE)
            kernel_menu_xy = (x + 3.0, 49.4)
        ax.text(x, 51, m, fontsize=10, va="center")
        x += 7.4 if m == "Kernel" else 6.0

    # ツールバー (JupyterLab のボタンの一部)
    box(ax, 1, 42.5, 56, 6.5)
    triangle(ax, 4, 46.8)
    ax.add_patch(Rectangle((8.3, 46.0), 1.6, 1.6, color="black"))
    ax.text(14, 46.8, "↻", fontsize=14, ha="center", va="center", family="DejaVu Sans")
    triangle(ax, 18.6, 46.8)
    triangle(ax, 20.0, 46.8)
    for x, label in [(4, "実行"), (9.1, "中断"), (14, "再起動"), (19.3, "再起動して\nすべて実行")]:
        ax.text(x, 44.6, label, fontsize=7.5, ha="center", va="center", color="#444444", linespacing=1.0)
    ax.text(55.5, 46.8, "Python 3 (ipykernel)  ●", fontsize=9, va="center", ha="right")

    # セル
    def cell(top, prompt, lines, out=None, selected=False):
        h = 2.6 * len(lines) + 1.0
        if selected:
            box(ax, 2, top - h - (3 if out else 0), 0.8, h + (3 if out else 0), fc=BLUE, ec=BLUE)
        ax.text(9.8, top - 1.8, prompt, fontsize=10.5, ha="right", va="center", color=RED)
        box(ax, 10.5, top - h, 45.5, h, fc="#f7f7f7")
        for i, line in enumerate(lines):
            ax.text(11.5, top - 1.8 - 2.6 * i, line, fontsize=10, va="center")
        if out:
            ax.text(11.5, top - h - 1.8, out, fontsize=10, va="center")

    ax.text(10.5, 39.5, "1. 足し算をしてみる", fontsize=12, va="center")
    ax.text(10.5, 36.5, "(これは文章のセルです)", fontsize=8.5, va="center", color="#666666")
    cell(34, "[1]:", ["x = 1 + 2", "print(x)"], out="3")
    cell(25, "[*]:", ["import time", "time.sleep(10)  # 10 秒待つ (時間のかかる計算の代わり)"], selected=True)
    cell(15.5, "[ ]:", ["print(x * 10)"])

    # Kernel メニュー (開いたところ)
    mx, my = 61, 35
    box(ax, mx, my, 34, 14.5, ec="#888888")
    items = ["Interrupt Kernel", "Restart Kernel…", "Restart Kernel and Clear Outputs of All Cells…",
             "Restart Kernel and Run All Cells…"]
    for i, item in enumerate(items):
        yy = my + 12 - 3.3 * i
        if i == 3:
            box(ax, mx + 0.3, yy - 1.5, 33.4, 3.0, fc=LIGHT, ec=BLUE)
        ax.text(mx + 1, yy, item, fontsize=8.5, va="center")
    ax.annotate("", xy=(mx, my + 12), xytext=kernel_menu_xy,
                arrowprops={"arrowstyle": "->", "color": "#555555", "lw": 1.0})
    ax.text(mx, my + 16, "Kernel メニューを開いたところ", fontsize=10, va="center")
    ax.text(mx, my - 2.5, "↑ 再起動して、上から全部を実行し直す", fontsize=10, color=RED, va="center")

    # 実行の印の説明
    note(ax, "[1] 実行が終わったセル\n     (数字は実行した順番)", (56.3, 31.2), (61, 27.5))
    note(ax, "[*] 実行中か、順番待ちのセル", (56.3, 21.5), (61, 21.5))
    note(ax, "[ ] まだ実行していないセル", (56.3, 13.7), (61, 13.7))
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    out = io.BytesIO()
    Image.open(buf).convert("RGB").quantize(colors=32).save(out, format="png", optimize=True)
    return out.getvalue()


if __name__ == "__main__":
    FIGURE.write_bytes(draw_jupyter_figure())
