"""環境チェック: ノートブックを動かすのに必要なものがそろっているかを確かめます。

ワークショップの前に、参加者全員に ``python -m helpers doctor`` を実行してもらう想定です。
torch などが入っていない環境でも日本語で結果を伝えられるよう、このモジュール (と helpers の入口) は
標準ライブラリだけで読み込めるようにし、重いパッケージは各チェックの中で読み込みます。
"""

from __future__ import annotations

import importlib.util
import platform
import re
import subprocess
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from helpers.errors import CourseError

# pyproject.toml の requires-python と dependencies の下限と同じ値です (テストで一致を確かめています)。
# ipywidgets は Colab に入っている 7.7 系でも、このコースの使い方 (interact とスライダー) なら動きます。
MIN_PYTHON = (3, 11)
MIN_IPYWIDGETS = (7, 7)


@dataclass(frozen=True)
class CheckResult:
    """チェック 1 項目の結果です。``ok`` が False の項目は ``advice`` に直し方があります。"""

    name: str
    ok: bool
    detail: str
    advice: str = ""


COURSE_DIR = Path(__file__).resolve().parent.parent


def in_colab() -> bool:
    """Google Colab の上で動いているときに True を返します。"""
    return "google.colab" in sys.modules


def os_version() -> str:
    """人が読める OS の名前と版を返します (例: ``Windows 11``、``macOS 14.5``、``Ubuntu 22.04.4 LTS (WSL)``)。"""
    system = platform.system()
    if system == "Windows":
        build = platform.version().split(".")[-1]
        name = "11" if build.isdigit() and int(build) >= 22000 else platform.release()
        return f"Windows {name}"
    if system == "Darwin":
        return f"macOS {platform.mac_ver()[0] or platform.release()}"
    name = f"Linux {platform.release()}"
    os_release = Path("/etc/os-release")
    if os_release.is_file():
        match = re.search(r'^PRETTY_NAME="?([^"\n]+)', os_release.read_text(encoding="utf-8", errors="replace"), re.M)
        name = match.group(1) if match else name
    return name + (" (WSL)" if "microsoft" in platform.release().lower() else "")


def course_version(course_dir: Path = COURSE_DIR) -> str:
    """教材の版 (git のタグかコミット) を返します。git で取得していなければ ``"不明 (ZIP?)"`` です。"""
    if not (course_dir / ".git").exists():
        return "不明 (ZIP?)"
    try:
        described = subprocess.run(["git", "describe", "--tags", "--always", "--dirty"], cwd=course_dir,
                                   capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "不明 (git なし)"
    return described.stdout.strip() or "不明"


def path_risks(course_dir: Path = COURSE_DIR) -> list[str]:
    """教材のフォルダの場所で、Windows でつまずきやすい点を挙げます (場所そのものは返しません)。"""
    text = str(course_dir)
    risks = []
    if " " in text:
        risks.append("空白")
    if not text.isascii():
        risks.append("日本語など")
    if "onedrive" in text.lower():
        risks.append("OneDrive")
    if len(text) > 60:
        risks.append("長い")
    return risks


class CheckFailed(Exception):
    """チェックが通らなかったことを、直し方 (advice) とともに伝える例外です。"""

    def __init__(self, detail: str, advice: str) -> None:
        super().__init__(detail)
        self.detail, self.advice = detail, advice


def check_python() -> str:
    """Python のバージョンが requires-python の下限以上かを確かめます。"""
    version = platform.python_version()
    if sys.version_info[:2] < MIN_PYTHON:
        raise CheckFailed(version, f"Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} 以上を入れてください。")
    return version


def check_torch() -> str:
    """PyTorch を読み込めるかを確かめ、バージョンと種類 (CPU 版・CUDA 版など) を返します。"""
    import torch

    if torch.version.cuda:
        build = f"CUDA {torch.version.cuda} 版"
    elif getattr(torch.version, "hip", None):
        build = f"ROCm {torch.version.hip} 版"
    else:
        build = "CPU 版"
    return f"{torch.__version__} ({build})"


def check_device() -> str:
    """get_device() が選ぶ計算デバイスを返します。COURSE_DEVICE の指定が使えなければ失敗です。"""
    from helpers.device import describe_device, get_device

    device = get_device()  # 使えないデバイスの指定は DeviceNotAvailableError になります
    note = " — GPU が無くても全ノートブックが動きます" if device.type == "cpu" else ""
    return describe_device(device) + note


def check_font() -> str:
    """setup_plotting() の後で、日本語の題名を欠けた文字 (豆腐) なしに描けるかを確かめます。"""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from helpers.plotting import setup_plotting

    setup_plotting()
    # pyplot を通さない図に描くので、ノートブックの描画方式 (バックエンド) は変わりません。
    fig = Figure()
    FigureCanvasAgg(fig)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.subplots().set_title("日本語の表示テスト: 学習曲線と損失、気温 ℃")
        fig.canvas.draw()
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    if missing:
        raise CheckFailed(
            f"表示できない文字があります: {missing[0]}",
            "`pip install matplotlib-fontja` を実行し、カーネルを再起動してください。",
        )
    return f"{matplotlib.rcParams['font.family'][0]} で表示できます"


def check_widgets() -> str:
    """ipywidgets が下限以上で、JupyterLab 側の拡張もあるか (Colab では不要) を確かめます。"""
    import ipywidgets

    detail = f"ipywidgets {ipywidgets.__version__}"
    if tuple(int(part) for part in ipywidgets.__version__.split(".")[:2]) < MIN_IPYWIDGETS:
        wanted = ".".join(map(str, MIN_IPYWIDGETS))
        raise CheckFailed(detail, f"`pip install 'ipywidgets>={wanted}'` を実行してください。")
    has_lab_extension = importlib.util.find_spec("jupyterlab_widgets") is not None
    if not has_lab_extension and not in_colab():
        raise CheckFailed(
            detail + " (JupyterLab 側の拡張 jupyterlab_widgets がありません)",
            "`pip install jupyterlab_widgets` を実行し、JupyterLab を起動し直してください。",
        )
    return detail


def check_progress_bar() -> str:
    """学習の進み具合を表示する tqdm を読み込めるかを確かめます。"""
    import tqdm

    return f"tqdm {tqdm.__version__}"


def check_folder() -> str:
    """教材のフォルダの場所を確かめます。Windows では、つまずきやすい場所なら失敗にします。"""
    risks = path_risks()
    if not risks:
        return "つまずきやすい点はありません"
    detail = f"場所に注意 ({'、'.join(risks)})"
    if platform.system() == "Windows" and not in_colab():
        raise CheckFailed(detail, "PyTorch はファイルの場所がとても長くなるので、教材のフォルダを "
                                  "C:\\pytorch-nyumon のような短い英数字だけの場所 (OneDrive の外) に移してから、"
                                  ".venv を作り直してください。")
    return detail


def check_data() -> str:
    """data/SHA256SUMS に載ったすべてのファイルが、配布時と同じ中身 (SHA-256) かを確かめます。"""
    from helpers.data import read_checksums, verify_data_file

    names = sorted(read_checksums())
    for name in names:
        verify_data_file(name)  # 合わなければ DataFileError になります
    return f"{len(names)} 個のファイルが配布時と一致しています"


CHECKS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("Python", check_python),
    ("PyTorch", check_torch),
    ("計算デバイス", check_device),
    ("日本語フォント", check_font),
    ("ウィジェット", check_widgets),
    ("進捗バー (tqdm)", check_progress_bar),
    ("データ (SHA-256)", check_data),
    ("フォルダ", check_folder),
)


def run_checks() -> list[CheckResult]:
    """すべてのチェックを実行して結果の一覧を返します。途中のチェックが失敗しても止まりません。"""
    results = []
    for name, check in CHECKS:
        try:
            results.append(CheckResult(name, True, check()))
        except CheckFailed as failure:
            results.append(CheckResult(name, False, failure.detail, failure.advice))
        except CourseError as error:
            results.append(CheckResult(name, False, type(error).__name__, str(error)))
        except ImportError as error:
            package = error.name or str(error)
            advice = (
                f"パッケージ {package} が入っていません。"
                "`make lab` か `pip install -r requirements.txt` で入れてください。"
            )
            results.append(CheckResult(name, False, f"{package} をインポートできません", advice))
    return results


def verdict(results: list[CheckResult]) -> str:
    """結果の一覧から、最後に表示する 1 行の判定を作ります。"""
    failed = [r.name for r in results if not r.ok]
    if not failed:
        return "判定: OK — このコースのノートブックをすべて実行できます。"
    return f"判定: NG — 次の項目を直してください: {'、'.join(failed)}"


def format_report(results: list[CheckResult]) -> str:
    """結果の一覧を、端末やノートブックに表示する文字列にします。"""
    lines = []
    for r in results:
        lines.append(f"[{'OK' if r.ok else 'NG'}] {r.name}: {r.detail}")
        if r.advice:
            lines.append(f"     → {r.advice}")
    lines.append(verdict(results))
    return "\n".join(lines)


def chat_line(results: list[CheckResult]) -> str:
    """ワークショップのチャットにそのまま貼れる、短い 1 行の報告を作ります (個人のフォルダ名は含みません)。

    例: ``環境報告: ローカル / Ubuntu 22.04.4 LTS x86_64 / Python 3.11.7 / torch 2.13.0+cpu (CPU 版) /
    cpu / フォント OK / 教材 v1.0 / 場所 OK / 判定 OK``。``python -m helpers tally`` が集計します。
    """
    by_name = {r.name: r for r in results}

    def part(name: str) -> str:
        result = by_name[name]
        return result.detail.split(" — ")[0] if result.ok else f"{name} NG"

    failed = [r.name for r in results if not r.ok]
    risks = path_risks()
    parts = [
        "Colab" if in_colab() else "ローカル",
        f"{os_version()} {platform.machine()}",
        f"Python {platform.python_version()}",
        f"torch {part('PyTorch')}" if by_name["PyTorch"].ok else part("PyTorch"),
        part("計算デバイス"),
        "フォント OK" if by_name["日本語フォント"].ok else "フォント NG",
        f"教材 {course_version()}",
        f"場所 注意 ({'、'.join(risks)})" if risks else "場所 OK",
        "判定 OK" if not failed else f"判定 NG ({'、'.join(failed)})",
    ]
    return "環境報告: " + " / ".join(parts)


def main() -> int:
    """``python -m helpers doctor`` の本体です。問題があれば終了コード 1 を返します。

    最後の行は、ワークショップのチャットに貼ってもらう 1 行の報告です。
    """
    results = run_checks()
    print(format_report(results))
    print("\nチャットに貼る 1 行 (講師への報告用):")
    print(chat_line(results))
    return 0 if all(r.ok for r in results) else 1
