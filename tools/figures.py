"""`make figures`: ノートブックが画像として表示する図を描き直します (`make build` の最初の段階)。

今は、ノートブック 00 の節 0 で見せる JupyterLab の模式図 (notebooks/figures/jupyter_basics.png) だけです。
JupyterLab 4 の画面を簡略化した絵を matplotlib で描いたもので、スクリーンショットではありません。
赤い字と矢印は説明の書き込みです。実際の画面に無いもの (ボタンの説明、セルの種類の説明など) は、どれも赤い字で
描きます。画面にある文字 (セルの左の [1]: などの印) は赤くしません。
描き直したら、ノートブック 00 を実行し直します (`make build` はこの順に行います)。
``python -m tools figures --check`` は、保存した図がここで描く図と画素まで同じかを確かめます。
"""

from __future__ import annotations

import argparse
import io

from tools import NOTEBOOK_DIR, ROOT

JUPYTER_FIGURE = NOTEBOOK_DIR / "figures" / "jupyter_basics.png"

GRAY = "#f3f3f3"
EDGE = "#b0b0b0"
BLUE = "#1976d2"
LIGHT = "#dbe9f8"
RED = "#c62828"
PROMPT = "#616161"  # セルの左の [1]: などの印 (実際の画面でも、選んでいないセルでは灰色の字です)


def draw_jupyter_figure() -> bytes:
    """図を描き、PNG のバイト列を返します (32 色に減色して小さくします)。"""
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

    fig = plt.figure(figsize=(9.6, 5.7), dpi=100)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(0, 96)
    ax.set_ylim(8, 65)
    ax.axis("off")

    # ウィンドウの枠とメニュー
    box(ax, 1, 9, 56, 44, ec="#888888", lw=1.2)
    box(ax, 1, 49, 56, 4, fc=GRAY)
    for x, m in [(5.2, "File"), (10.4, "Edit"), (15.6, "View"), (21.0, "Run"), (26.0, "Kernel"), (33.2, "Tabs"),
                 (38.6, "Settings"), (45.8, "Help")]:
        if m == "Kernel":
            box(ax, x - 0.8, 49.5, 6.4, 3.0, fc=LIGHT, ec=BLUE)
            kernel_menu_xy = (x + 3.0, 49.4)
        ax.text(x, 51, m, fontsize=10, va="center")

    # ツールバー (JupyterLab のボタンの一部。実際の画面では、ボタンの下に文字はありません)
    box(ax, 1, 42.5, 56, 6.5)
    buttons = {"run": 4.0, "stop": 9.0, "restart": 14.0, "run_all": 19.3}
    triangle(ax, buttons["run"], 45.8)
    ax.add_patch(Rectangle((buttons["stop"] - 0.8, 45.0), 1.6, 1.6, color="black"))
    ax.text(buttons["restart"], 45.8, "↻", fontsize=14, ha="center", va="center", family="DejaVu Sans")
    triangle(ax, buttons["run_all"] - 0.7, 45.8)
    triangle(ax, buttons["run_all"] + 0.7, 45.8)
    box(ax, 23.5, 44.4, 7.5, 2.8)
    ax.text(24.3, 45.8, "Code", fontsize=9, va="center")
    ax.add_patch(Polygon([(29.2, 46.2), (30.2, 46.2), (29.7, 45.4)], color="#555555"))
    ax.text(55.5, 45.8, "Python 3 (ipykernel)  ●", fontsize=9, va="center", ha="right")

    # ツールバーのボタンの説明 (赤い字は説明の書き込みで、JupyterLab の画面にはありません)
    for key, y, text in [("run", 62.0, "選んだセルを実行 (Shift + Enter と同じ)"),
                         ("stop", 59.5, "実行を止める (Interrupt Kernel と同じ)"),
                         ("restart", 57.0, "カーネルを再起動 (Restart Kernel… と同じ)"),
                         ("run_all", 54.5, "再起動して、上から全部を実行")]:
        x = buttons[key]
        ax.annotate("", xy=(x, 47.6), xytext=(x, y), arrowprops={"arrowstyle": "->", "color": RED, "lw": 1.2})
        ax.text(x + 0.7, y, text, fontsize=10.5, color=RED, va="center")

    # セル
    def cell(top, prompt, lines, out=None, selected=False):
        h = 2.6 * len(lines) + 1.0
        if selected:
            box(ax, 2, top - h - (3 if out else 0), 0.8, h + (3 if out else 0), fc=BLUE, ec=BLUE)
        ax.text(9.8, top - 1.8, prompt, fontsize=10.5, ha="right", va="center", color=PROMPT)  # 画面にある印
        box(ax, 10.5, top - h, 45.5, h, fc="#f7f7f7")
        for i, line in enumerate(lines):
            ax.text(11.5, top - 1.8 - 2.6 * i, line, fontsize=10, va="center")
        if out:
            ax.text(11.5, top - h - 1.8, out, fontsize=10, va="center")

    ax.text(10.5, 39.5, "1. 足し算をしてみる", fontsize=12, va="center")
    ax.text(31.5, 39.5, "← 文章 (マークダウン) のセル", fontsize=10, va="center", color=RED)  # 説明の書き込み
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



def same_pixels(a: bytes, b: bytes) -> bool:
    """2 つの PNG が画素まで同じなら True です (圧縮のしかたの違いは問いません)。"""
    import numpy as np
    from PIL import Image

    def pixels(png: bytes) -> np.ndarray:
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))

    return bool(np.array_equal(pixels(a), pixels(b)))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools figures", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="描き直さずに、保存した図が古くないかを確かめる")
    args = parser.parse_args(argv)
    drawn = draw_jupyter_figure()
    name = JUPYTER_FIGURE.relative_to(ROOT)
    if args.check:
        current = JUPYTER_FIGURE.exists() and same_pixels(JUPYTER_FIGURE.read_bytes(), drawn)
        if not current:
            print(f"古くなっています: {name}")
        return 0 if current else 1
    JUPYTER_FIGURE.write_bytes(drawn)
    print(f"{name} を描き直しました")
    return 0
