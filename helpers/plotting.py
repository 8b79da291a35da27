"""図のための関数: 日本語フォント、コース共通の見た目、よく使うグラフ。"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import matplotlib.pyplot as plt
import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes

from helpers.errors import FontNotAvailableError

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

FONT_FAMILY = "IPAexGothic"

# コース共通の図の見た目です。ノートブックの容量を抑えるため解像度は控えめにしています。
STYLE: dict[RcKeyType, Any] = {
    "figure.figsize": (7.0, 3.8),
    "figure.dpi": 80,
    "savefig.dpi": 80,
    "font.size": 11,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.unicode_minus": False,  # 負の数の目盛には、ふつうの「-」(ハイフン) を使います
    "legend.frameon": False,
    # 対数目盛の目盛りを 0.001〜1000 の間は「0.2」「1」のように普通の数で書きます (2×10⁻¹ より読みやすい)
    "axes.formatter.min_exponent": 3,
}


def setup_plotting() -> None:
    """図で日本語が表示されるようにフォントを設定し、コース共通の見た目にします。"""
    __tracebackhide__ = True  # 理由は helpers/errors.py の冒頭を見てください
    try:
        import matplotlib_fontja
    except ImportError:
        raise FontNotAvailableError(
            "図に日本語を表示するためのパッケージ matplotlib-fontja が見つかりません。"
            "`pip install matplotlib-fontja` を実行してからカーネルを再起動してください"
            "(`make lab` で起動した場合は自動で入ります。Colab では最初のセルが入れます)。"
        ) from None
    matplotlib_fontja.japanize()
    plt.rcParams.update(STYLE)
    plt.rcParams["font.family"] = FONT_FAMILY


def plot_losses(
    history: Mapping[str, Sequence[float]],
    *,
    ax: Axes | None = None,
    title: str = "損失の推移",
    xlabel: str = "エポック",
    ylabel: str = "損失",
    logy: bool = False,
    reference: tuple[str, float] | None = None,
) -> Axes:
    """``{"学習": [...], "検証": [...]}`` のような辞書から損失の曲線を描きます。

    ``reference=("目安", 1.39)`` を渡すと、その値に水平の点線を引きます。
    """
    ax = ax or plt.subplots()[1]
    for label, values in history.items():
        ax.plot(np.arange(1, len(values) + 1), values, label=label)
    if reference is not None:
        ref_label, ref_value = reference
        ax.axhline(ref_value, color="gray", linestyle=":", label=ref_label)
    if logy:
        ax.set_yscale("log")
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.legend()
    return ax


def plot_forecast(
    months: np.ndarray,
    actual: np.ndarray,
    forecasts: Mapping[str, tuple[np.ndarray, np.ndarray]],
    *,
    ax: Axes | None = None,
    title: str = "実測値と予測",
    ylabel: str = "",
    split: np.datetime64 | None = None,
    legend: bool = True,
) -> Axes:
    """実測の系列に、``{"名前": (月, 予測値)}`` の予測を重ねて描きます。

    ``split`` を渡すと、学習期間とテスト期間の境目に縦線を引きます。
    ``legend=False`` なら凡例を描きません (図を並べて、凡例を図の下に 1 つだけ置くときに使います)。
    横軸の目盛りは短く、1 月だけ「1958」のように年を、ほかの月は「7月」のように月だけを書きます。
    """
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    ax = ax or plt.subplots()[1]
    ax.plot(months, actual, color="black", linewidth=1.2, label="実測")
    for label, (fc_months, values) in forecasts.items():
        ax.plot(fc_months, values, linewidth=1.5, label=label)
    if split is not None:
        ax.axvline(mdates.date2num(split), color="gray", linestyle="--", linewidth=1)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=6)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(FuncFormatter(_month_label))
    ax.set(title=title, ylabel=ylabel)
    if legend:
        ax.legend()
    return ax


def _month_label(x: float, pos: int | None = None) -> str:
    """目盛りの日付を「1958」(1 月) か「7月」(ほかの月) の短い文字にします。"""
    import matplotlib.dates as mdates

    date = mdates.num2date(x)
    if date.day != 1:
        return f"{date.month}/{date.day}"
    return str(date.year) if date.month == 1 else f"{date.month}月"


def plot_histograms(
    samples: Mapping[str, np.ndarray],
    *,
    ax: Axes | None = None,
    bins: int | Sequence[float] | npt.NDArray[np.floating[Any]] = 50,
    title: str = "分布",
    xlabel: str = "x",
) -> Axes:
    """``{"本物": x, "生成": y}`` の標本を、重ねたヒストグラム (密度) で比べます。"""
    ax = ax or plt.subplots()[1]
    for label, values in samples.items():
        # matplotlib の型情報では bins は int か Sequence ですが、実行時は NumPy の配列も受け付けます。
        ax.hist(np.asarray(values).ravel(), bins=bins, density=True, alpha=0.5, label=label)  # type: ignore[arg-type]
    ax.set(title=title, xlabel=xlabel, ylabel="密度")
    ax.legend()
    return ax


class LivePlot:
    """学習中の損失を、同じ場所で描き直していくグラフです。

    JupyterLab や Colab では ``update()`` のたびに (``min_interval`` 秒に 1 回まで)
    図が置き換わります。ノートブックの外 (スクリプトなど) では ``close()`` で 1 回だけ描きます。
    学習ループそのものはノートブックに書き、この関数には損失の値だけを渡します。
    """

    def __init__(
        self,
        keys: Sequence[str] = ("学習",),
        *,
        title: str = "損失の推移 (学習中)",
        xlabel: str = "エポック",
        logy: bool = False,
        min_interval: float = 0.5,
    ) -> None:
        self.history: dict[str, list[float]] = {key: [] for key in keys}
        self.title, self.xlabel, self.logy = title, xlabel, logy
        self.min_interval = min_interval
        self.fig, self.ax = plt.subplots()
        plt.close(self.fig)  # 自動で表示されないようにし、表示はこのクラスが受け持ちます
        self._handle: Any = None  # IPython の DisplayHandle (最初に表示したときに作ります)
        self._last_draw = 0.0

    def update(self, **values: float) -> None:
        """新しい値を記録します (例: ``live.update(学習=0.5, 検証=0.6)``)。"""
        for key, value in values.items():
            self.history[key].append(float(value))
        if time.monotonic() - self._last_draw >= self.min_interval:
            self._draw()

    def close(self) -> dict[str, list[float]]:
        """最後の状態を描き、記録した値の辞書を返します。"""
        self._draw()
        return self.history

    def _draw(self) -> None:
        self.ax.clear()
        plot_losses(self.history, ax=self.ax, title=self.title, xlabel=self.xlabel, logy=self.logy)
        self._last_draw = time.monotonic()
        display = _ipython_display()
        if display is None:
            return
        if self._handle is None:
            self._handle = display(self.fig, display_id=True)
        else:
            self._handle.update(self.fig)


def _ipython_display() -> Callable[..., Any] | None:
    """IPython のカーネルの中なら display 関数を、そうでなければ None を返します。"""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        return None
    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel"):
        return None
    return display
