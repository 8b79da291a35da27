"""計算デバイス (CPU / GPU) の選び方をまとめた関数。

選ぶ順番は「引数で指定 → 環境変数 COURSE_DEVICE → CUDA → Apple MPS → CPU」です。
"""

from __future__ import annotations

import os
import sys

import torch

from helpers.errors import DeviceNotAvailableError

ENV_VAR = "COURSE_DEVICE"
KNOWN_TYPES = ("cpu", "cuda", "mps")

COLAB_GPU_HINT = (
    "Colab では、メニューの「ランタイム」→「ランタイムのタイプを変更」で"
    "ハードウェア アクセラレータに「T4 GPU」を選んで保存し、最初のセルから実行し直してください。"
)


def in_colab() -> bool:
    """Google Colab の上で動いているときに True を返します。"""
    return "google.colab" in sys.modules


def mps_available() -> bool:
    """Apple Silicon の GPU (MPS) が使えるときに True を返します。"""
    backend = getattr(torch.backends, "mps", None)
    return bool(backend is not None and backend.is_available())


def get_device(name: str | None = None) -> torch.device:
    """使う計算デバイスを選んで返します。

    ``name`` に ``"cpu"``・``"cuda"``・``"cuda:1"``・``"mps"``・``"auto"`` を渡せます。
    省略すると環境変数 ``COURSE_DEVICE`` を、それも無ければ ``"auto"`` (使える中で
    いちばん速いもの) を使います。使えないデバイスを指定すると DeviceNotAvailableError です。
    """
    __tracebackhide__ = True
    source = "引数" if name else f"環境変数 {ENV_VAR}"
    requested = (name or os.environ.get(ENV_VAR) or "auto").strip().lower()
    if requested == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if mps_available():
            return torch.device("mps")
        return torch.device("cpu")

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
    if device.type == "mps" and not mps_available():
        raise DeviceNotAvailableError(
            f"{source}で Apple の GPU (mps) が指定されましたが、この環境では使えません。"
            "MPS は Apple Silicon の Mac 専用です。'cpu' か 'auto' を指定してください。"
        )
    return device


def describe_device(device: torch.device) -> str:
    """デバイスを人が読める短い説明にします (例: ``"cpu (スレッド数 2)"``)。"""
    if device.type == "cuda":
        index = device.index if device.index is not None else torch.cuda.current_device()
        props = torch.cuda.get_device_properties(index)
        return f"cuda:{index} ({props.name}, メモリ {props.total_memory / 2**30:.0f} GiB)"
    if device.type == "mps":
        return "mps (Apple Silicon の GPU)"
    return f"cpu (スレッド数 {torch.get_num_threads()})"
