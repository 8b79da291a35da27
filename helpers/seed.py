"""乱数の種 (シード) をまとめて設定する関数。"""

from __future__ import annotations

import os
import random

import numpy as np
import torch

from helpers.params import check_int

MAX_SEED = 2**32 - 1


def seed_everything(seed: int, *, deterministic: bool = True) -> None:
    """Python・NumPy・PyTorch の乱数の種をまとめて ``seed`` に設定します。

    ``deterministic=True`` のときは PyTorch に決定的なアルゴリズムだけを使わせ、
    同じ種なら CPU でも GPU でも毎回同じ結果になるようにします。
    """
    __tracebackhide__ = True  # 理由は helpers/errors.py の冒頭を見てください
    check_int("SEED", seed, 0, MAX_SEED)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)  # CUDA を含むすべてのデバイスの種も設定されます
    if deterministic:
        # cuBLAS を決定的に動かすための設定です (CUDA を初めて使う前に必要)。
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        torch.backends.cudnn.benchmark = False
    torch.use_deterministic_algorithms(deterministic)
