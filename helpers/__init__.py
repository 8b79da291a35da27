"""PyTorch 入門コースのノートブックが共通で使う、小さな補助パッケージです。

図の日本語フォント、乱数の種、計算デバイスの選択、data/ の読み込み、parameters の確認など、
どのノートブックでも繰り返す準備だけをまとめています。学習ループは各ノートブックに書きます。
"""

from helpers.data import (
    MonthlySeries,
    load_airline_passengers,
    load_tokyo_temperature,
    verify_data_file,
)
from helpers.device import describe_device, get_device, in_colab
from helpers.errors import (
    CourseError,
    DataFileError,
    DeviceNotAvailableError,
    FontNotAvailableError,
    ParameterError,
)
from helpers.params import check_float, check_int
from helpers.plotting import LivePlot, plot_forecast, plot_histograms, plot_losses, setup_plotting
from helpers.seed import seed_everything

__all__ = [
    "CourseError",
    "DataFileError",
    "DeviceNotAvailableError",
    "FontNotAvailableError",
    "LivePlot",
    "MonthlySeries",
    "ParameterError",
    "check_float",
    "check_int",
    "describe_device",
    "get_device",
    "in_colab",
    "load_airline_passengers",
    "load_tokyo_temperature",
    "plot_forecast",
    "plot_histograms",
    "plot_losses",
    "seed_everything",
    "setup_plotting",
    "verify_data_file",
]
