import builtins
import itertools
import sys
import tomllib
import warnings

import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from papermill.exceptions import PapermillExecutionError

from helpers import (
    FontNotAvailableError,
    LivePlot,
    plot_forecast,
    plot_histograms,
    plot_losses,
    setup_plotting,
)
from helpers.plotting import FONT_FAMILY
from tools import ROOT
from tools.runner import execute


def render(fig):
    fig.canvas.draw()
    plt.close(fig)


def test_log_axes_label_ticks_as_plain_numbers():
    setup_plotting()
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0.15, 4])
    ax.set_yscale("log")
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels() + ax.get_yticklabels(minor=True)]
    plt.close(fig)
    assert "$\\mathdefault{0.2}$" in labels and "$\\mathdefault{1}$" in labels, labels
    assert not any("times" in label or "^" in label for label in labels), labels  # 2×10⁻¹ の形は使わない


def test_setup_plotting_renders_japanese_without_missing_glyphs():
    setup_plotting()
    assert plt.rcParams["font.family"] == [FONT_FAMILY]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, ax = plt.subplots()
        ax.set_title("日本語の題名: 損失の推移 −1.5 ℃")
        render(fig)


def test_missing_font_package_is_a_japanese_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib_fontja", None)
    with pytest.raises(FontNotAvailableError, match="pip install matplotlib-fontja"):
        setup_plotting()


def test_plot_losses_draws_every_series_and_reference():
    setup_plotting()
    ax = plot_losses({"学習": [3, 2, 1], "検証": [3, 2.5, 2]}, reference=("目安", 1.39), logy=True)
    assert len(ax.lines) == 3 and ax.get_yscale() == "log"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["学習", "検証", "目安"]
    render(ax.figure)


def test_plot_forecast_and_histograms():
    setup_plotting()
    months = np.arange("2000-01", "2001-01", dtype="datetime64[M]")
    ax = plot_forecast(months, np.arange(12.0), {"予測": (months[6:], np.arange(6.0))},
                       split=months[6])
    assert len(ax.lines) == 3 and ax.get_legend() is not None
    render(ax.figure)
    ax = plot_forecast(months, np.arange(12.0), {"予測": (months[6:], np.arange(6.0))}, legend=False)
    assert ax.get_legend() is None
    assert [line.get_label() for line in ax.lines] == ["実測", "予測"]  # fig.legend に渡せる名前は残ります
    render(ax.figure)
    ax = plot_histograms({"本物": np.random.randn(100), "生成": np.random.randn(100)})
    assert len(ax.patches) == 100
    render(ax.figure)


@pytest.mark.parametrize("figsize, grid", [((12, 4), (1, 2)), ((13, 6.4), (2, 3))])
def test_plot_forecast_date_labels_are_short_and_do_not_overlap(figsize, grid):
    # ノートブック 03 と同じ大きさの図で、4 年分の月ごとの系列を描きます。
    setup_plotting()
    months = np.arange("1957-01", "1961-01", dtype="datetime64[M]")
    fig, axes = plt.subplots(*grid, figsize=figsize)
    ax = plot_forecast(months, np.arange(48.0), {"予測": (months[24:], np.arange(24.0))},
                       ax=axes.flat[0], split=months[24])
    fig.canvas.draw()
    labels = [label for label in ax.get_xticklabels() if label.get_text()]
    texts = [label.get_text() for label in labels]
    assert 3 <= len(labels) <= 8, texts
    assert "1958" in texts and all(len(text) <= 4 for text in texts), texts
    boxes = sorted((label.get_window_extent() for label in labels), key=lambda box: box.x0)
    assert all(left.x1 < right.x0 for left, right in itertools.pairwise(boxes)), texts
    plt.close(fig)


def test_live_plot_records_history_outside_a_kernel():
    setup_plotting()
    live = LivePlot(["学習", "検証"], min_interval=0.0)
    for step in range(3):
        live.update(学習=1.0 / (step + 1), 検証=2.0 / (step + 1))
    history = live.close()
    assert history == {"学習": [1.0, 0.5, 1 / 3], "検証": [2.0, 1.0, 2 / 3]}
    assert len(live.ax.lines) == 2


def test_live_plot_updates_one_output_in_place_in_a_kernel():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "from helpers import LivePlot, setup_plotting\n"
        "setup_plotting()\n"
        "live = LivePlot(min_interval=0.0)\n"
        "for i in range(5):\n"
        "    live.update(学習=1 / (i + 1))\n"
        "live.close();"
    )]
    outputs = execute(nb, ROOT).cells[0].outputs
    assert len(outputs) == 1 and "image/png" in outputs[0]["data"]


def draw_japanese_in_a_font_without_it():
    """日本語の字形を持たない DejaVu Sans で日本語の題名を描きます (豆腐 □ になり、警告が出ます)。"""
    fig = Figure()
    FigureCanvasAgg(fig)
    fig.subplots().set_title("日本語", fontfamily="DejaVu Sans")
    fig.canvas.draw()


def test_missing_glyph_warning_fails_a_test():
    # pyproject.toml の filterwarnings により、テストの中ではこの警告がエラーになります。
    with pytest.raises(UserWarning, match=r"Glyph \d+ .* missing from font"):
        draw_japanese_in_a_font_without_it()


def test_pyproject_filter_alone_matches_the_missing_glyph_warning():
    # 他の設定 (PYTHONWARNINGS など) を消し、pyproject.toml の filterwarnings だけを当てても
    # エラーになることを確かめます。matplotlib は警告を呼び出し側のモジュールから出したことに
    # するので、モジュール名で絞るフィルタ ("...:matplotlib.*") では捕まりません。
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    entries = config["tool"]["pytest"]["ini_options"]["filterwarnings"]
    with warnings.catch_warnings():
        warnings.resetwarnings()
        for entry in entries:
            action, message, category, module, lineno = (entry.split(":") + [""] * 5)[:5]
            warnings.filterwarnings(action, message, getattr(builtins, category or "Warning"), module,
                                    int(lineno or 0))
        with pytest.raises(UserWarning, match="Glyph"):
            draw_japanese_in_a_font_without_it()


def test_missing_glyph_warning_fails_a_notebook_run():
    # ノートブックのテストでは、日本語が豆腐 (□) になる警告をエラーとして扱います。
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "import matplotlib.pyplot as plt\n"
        "plt.rcParams['font.family'] = 'DejaVu Sans'\n"
        "plt.title('日本語')\n"
        "plt.show()"
    )]
    with pytest.raises(PapermillExecutionError) as info:
        execute(nb, ROOT)
    assert info.value.evalue.startswith("Glyph")
