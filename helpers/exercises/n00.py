"""ノートブック 00 (環境チェック) の演習の確かめ方です。"""

from __future__ import annotations

from typing import Any

from helpers.exercises import exercise

Matrix = list[list[float]]
M = [[1.0, 2.0], [3.0, 4.0]]  # 演習の文が指定する m (入力。答えではありません)


def _matmul(a: Matrix, b: Matrix) -> Matrix:
    return [[sum(a[i][k] * b[k][j] for k in range(2)) for j in range(2)] for i in range(2)]


def _transpose(a: Matrix) -> Matrix:
    return [[a[j][i] for j in range(2)] for i in range(2)]


def _same(a: Matrix, b: Matrix) -> bool:
    return all(abs(x - y) < 1e-6 for row_a, row_b in zip(a, b, strict=True) for x, y in zip(row_a, row_b, strict=True))


def _values(tensor: Any) -> Matrix:
    return [[float(v) for v in row] for row in tensor.detach().cpu().tolist()]


def _problem_with_m(m: Any) -> str | None:
    """m が演習の文のとおり (1 行目 1, 2、2 行目 3, 4 のテンソル) でなければ、何が違うかを返します。"""
    import torch

    if not isinstance(m, torch.Tensor):
        return "m は PyTorch のテンソルにしてください (torch.arange(1.0, 5.0) で 1, 2, 3, 4 を作ります)。"
    if tuple(m.shape) != (2, 2):
        return f"m の形が {tuple(m.shape)} です。.reshape(2, 2) で 2 行 2 列に並べてください。"
    got = _values(m)
    if _same(got, M):
        return None
    if _same(got, [[0.0, 1.0], [2.0, 3.0]]):
        return ("m が 0, 1, 2, 3 になっています。torch.arange(4.0) は 0 から始まります。"
                "1 から 4 までなら torch.arange(1.0, 5.0) です。")
    if _same(got, _transpose(M)):
        return "m の並べ方が縦 (1 列目が 1, 2) になっています。m の 1 行目は 1, 2、2 行目は 3, 4 です。"
    return "m の値が違います。print(m) で、1 行目が 1, 2、2 行目が 3, 4 になっているかを確かめてください。"


@exercise("00-1", names=("m", "product"), hints=(
    "まず m を作ります。節 3 の torch.arange(6.0).reshape(2, 3) と同じように、torch.arange(1.0, 5.0) で "
    "1, 2, 3, 4 を作り、.reshape(2, 2) で 2 行 2 列に並べます。",
    "行列積は `@`、転置は `.T` です。「m と、m の転置」の行列積なので、`@` の左に m、右に m.T を書きます。",
    "m = torch.arange(1.0, 5.0).reshape(2, 2) と product = m @ m.T の 2 行です。左上は 1×1 + 2×2 = 5 になります。",
))
def check_product(m: Any, product: Any) -> str | None:
    import torch

    problem = _problem_with_m(m)
    if problem is not None:
        return problem
    if not isinstance(product, torch.Tensor):
        return "product は PyTorch のテンソルにしてください (m と m.T を `@` で計算した結果)。"
    if tuple(product.shape) != (2, 2):
        return (f"product の形が {tuple(product.shape)} です。2 行 2 列の m と、その転置 (2 行 2 列) の行列積なので、"
                "答えも 2 行 2 列になります。")
    got = _values(product)
    m_t = _transpose(M)
    if _same(got, _matmul(M, m_t)):
        return None
    if _same(got, [[M[i][j] * m_t[i][j] for j in range(2)] for i in range(2)]):
        return "`*` は同じ位置の要素どうしの掛け算です。行列積は `@` で書きます。"
    if _same(got, _matmul(m_t, M)):
        return "掛ける順番が逆です。m の転置を左ではなく右に置いて、`m @ m.T` と書きます。"
    if _same(got, _matmul(M, M)):
        return "転置の `.T` を忘れていませんか? `m @ m` ではなく、m と m の転置の行列積です。"
    return "値が違います。計算が「m と、m の転置 m.T」の行列積 (`@`) になっているかを確かめてください。"
