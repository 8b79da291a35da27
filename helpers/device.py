"""計算デバイス (CPU / GPU) の選び方をまとめた関数。

選ぶ順番は「引数で指定 → 環境変数 COURSE_DEVICE → CUDA → CPU」です。``"auto"`` が選ぶのは、このコースの
出力と結果を確かめてある CUDA と CPU だけです。Apple Silicon の GPU (MPS) は、``"mps"`` と指定したときだけ
使います (MPS には float64 が無く、結果も CPU と少し違うため。``MPS_NOTE``)。
引数の ``"auto"`` と空文字列は「指定なし」の意味なので、環境変数 COURSE_DEVICE があればそれが効きます
(ノートブックの parameters セルは ``DEVICE = "auto"`` のまま、環境変数でデバイスを切り替えられます)。
"""

from __future__ import annotations

import os

import torch

from helpers.errors import DeviceNotAvailableError

ENV_VAR = "COURSE_DEVICE"
KNOWN_TYPES = ("cpu", "cuda", "mps")

MPS_NOTE = (
    "Apple の GPU (mps) で計算します。このコースの出力と本文の数字は CPU と NVIDIA の GPU で確かめたもので、"
    "mps では計算の順序が違うため数字が少し変わり、float64 (倍精度) を使うセルは動きません。"
    "小さなモデルでは CPU のほうが速いことも多いので、迷ったら DEVICE = \"auto\" (CPU) を使ってください。"
)

COLAB_GPU_HINT = (
    "Colab では、メニューの「ランタイム」→「ランタイムのタイプを変更」で"
    "ハードウェア アクセラレータに「T4 GPU」を選んで保存し、最初のセルから実行し直してください。"
)


def mps_available() -> bool:
    """Apple Silicon の GPU (MPS) が使えるときに True を返します。"""
    backend = getattr(torch.backends, "mps", None)
    return bool(backend is not None and backend.is_available())


def get_device(name: str | None = None) -> torch.device:
    """使う計算デバイスを選んで返します。

    ``name`` に ``"cpu"``・``"cuda"``・``"cuda:1"``・``"mps"``・``"auto"`` を渡せます。
    省略したとき・``"auto"``・空文字列のときは環境変数 ``COURSE_DEVICE`` を、それも無ければ
    ``"auto"`` (CUDA の GPU があれば GPU、無ければ CPU) を使います。使えないデバイスを指定すると
    DeviceNotAvailableError です。``"mps"`` を指定したときは、CPU との違いを ``MPS_NOTE`` で伝えます。
    """
    __tracebackhide__ = True  # 理由は helpers/errors.py の冒頭を見てください
    requested = (name or "").strip().lower()
    source = "DEVICE "  # ノートブックでは parameters セルの DEVICE の値です
    if requested in ("", "auto"):
        requested = (os.environ.get(ENV_VAR) or "").strip().lower() or "auto"
        source = f"環境変数 {ENV_VAR} "  # 「環境変数 COURSE_DEVICE で …」と読めるように空白を入れます
    if requested == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")

    try:
        device = torch.device(requested)
    except RuntimeError:
        device = None
    if device is None or device.type not in KNOWN_TYPES:
        raise DeviceNotAvailableError(
            f"{source}で指定されたデバイス {requested!r} は分かりません。"
            "'cpu'、'cuda'、'mps'、'auto' のどれかを指定してください。"
        )
    if device.type == "cuda":
        count = torch.cuda.device_count() if torch.cuda.is_available() else 0
        if count == 0:
            raise DeviceNotAvailableError(
                f"{source}で GPU ({requested}) が指定されましたが、この環境では CUDA の GPU が"
                "使えません。'cpu' か 'auto' を指定すれば、このまま CPU で実行できます。"
                + COLAB_GPU_HINT
            )
        if device.index is not None and device.index >= count:
            raise DeviceNotAvailableError(
                f"{source}で {requested} が指定されましたが、この環境の GPU は {count} 台"
                f"(cuda:0 〜 cuda:{count - 1}) です。番号を直してください。"
            )
    if device.type == "mps":
        if not mps_available():
            raise DeviceNotAvailableError(
                f"{source}で Apple の GPU (mps) が指定されましたが、この環境では使えません。"
                "MPS は Apple Silicon の Mac 専用です。'cpu' か 'auto' を指定してください。"
            )
        print(MPS_NOTE)
    return device


def describe_device(device: torch.device) -> str:
    """デバイスを人が読める短い説明にします (例: ``"cpu"``、``"cuda:0 (Tesla T4, メモリ 15 GiB)"``)。"""
    if device.type == "cuda":
        index = device.index if device.index is not None else torch.cuda.current_device()
        props = torch.cuda.get_device_properties(index)
        return f"cuda:{index} ({props.name}, メモリ {props.total_memory / 2**30:.0f} GiB)"
    if device.type == "mps":
        return "mps (Apple Silicon の GPU)"
    return "cpu"
