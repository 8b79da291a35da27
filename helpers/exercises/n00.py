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


@exercise("00-1", names=("product",), hints=(
    "まず m を作ります。節 3 と同じく torch.arange(1.0, 5.0) で 1, 2, 3, 4 を作り、"
    ".reshape(2, 2) で 2 行 2 列に並べます。",
    "行列積は `@`、転置は `.T` なので、`m @ m.T` と書きます。左上は 1 行目どうしの掛け算の和 1×1 + 2×2 です。",
))
def check_product(product: Any) -> str | None:
    import torch

    if not isinstance(product, torch.Tensor):
        return "答えは PyTorch のテンソルにしてください (m を torch で作り、`@` で計算した結果)。"
    if tuple(product.shape) != (2, 2):
        return (f"形が {tuple(product.shape)} です。2 行 2 列の m と、その転置 (2 行 2 列) の行列積なので、"
                "答えも 2 行 2 列になります。m を .reshape(2, 2) で並べましたか?")
    got = [[float(v) for v in row] for row in product.detach().cpu().tolist()]
    m_t = _transpose(M)
    if _same(got, _matmul(M, m_t)):
        return None
    if _same(got, [[M[i][j] * m_t[i][j] for j in range(2)] for i in range(2)]):
        return "`*` は同じ位置の要素どうしの掛け算です。行列積は `@` で書きます。"
    if _same(got, _matmul(m_t, M)):
        return ("掛ける順番が逆か、m の並べ方が縦 (1 列目が 1, 2) になっています。"
                "m の 1 行目は 1, 2 で、計算は `m @ m.T` です。")
    if _same(got, _matmul(M, M)):
        return "転置の `.T` を忘れていませんか? `m @ m` ではなく、`m @ m.T` です。"
    from_zero = [[0.0, 1.0], [2.0, 3.0]]
    if _same(got, _matmul(from_zero, _transpose(from_zero))):
        return ("m が 0, 1, 2, 3 になっていませんか? torch.arange(4.0) は 0 から始まります。"
                "1 から 4 までなら torch.arange(1.0, 5.0) です。")
    return ("値が違います。print(m) で m が 1 行目 1, 2、2 行目 3, 4 になっているかと、"
            "計算が `m @ m.T` かを確かめてください。")
