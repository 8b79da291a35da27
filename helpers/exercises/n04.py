"""ノートブック 04 (学習の基本) の演習の確かめ方です。

どの関数も、正しければ None を、違えば何が違いそうかを伝える日本語の文を返します (正解の値は書きません)。
"""

from __future__ import annotations

import copy
import math
import numbers
from collections.abc import Iterable

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from helpers.exercises import as_number, exercise

_RELATIVE_TOLERANCE = 1e-4  # 演習 2: 計算の順序の違い (CPU の種類) で変わる桁は許します


def _as_int(value: object) -> int | None:
    """整数 (int、NumPy の整数、整数の値の float) なら int に、そうでなければ None にします。"""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real) and float(value).is_integer():
        return int(float(value))
    return None


@exercise("04-1", names=("batches_per_epoch", "total_steps", "batches_drop_last"), hints=(
    "1000 ÷ 64 を計算してみましょう。割り切れないとき、余った点がどうなるかが分かれ目です。"
    "1 エポックのステップ (更新) の数は、1 エポックのバッチの数と同じです。",
    "drop_last を使わないときは、余った点も 1 つの小さなバッチになります。drop_last=True では、その端数のバッチを"
    "捨てます。",
))
def count_batches(batches_per_epoch: object, total_steps: object, batches_drop_last: object) -> str | None:
    """演習 1: 1000 点、batch_size=64、5 エポックのバッチとステップの数。"""
    per_epoch, total, dropped = _as_int(batches_per_epoch), _as_int(total_steps), _as_int(batches_drop_last)
    if per_epoch is None or total is None or dropped is None:
        return "3 つとも整数 (例: 10) で入れてください。割り算の結果の 15.625 のような小数のままではいけません。"
    if per_epoch == 15:
        return ("batches_per_epoch が、64 点のそろったバッチだけの数になっていませんか? drop_last を使わないとき、"
                "割り切れずに余った点も捨てずに学習に使います。余った点がどう扱われるかを考えてください。")
    if per_epoch != 16:
        return "batches_per_epoch が違います。1000 ÷ 64 を計算し、端数の点も 1 つのバッチになることを考えてください。"
    if total == 1000 * 5 or total == 1000:
        return "total_steps は点の数ではなく、更新の回数です。1 ステップでバッチ 1 つぶん (最大 64 点) を使います。"
    if total == 15 * 5:
        return "total_steps は、端数のバッチも含めた 1 エポックのバッチの数 (batches_per_epoch) × エポック数です。"
    if total != per_epoch * 5:
        return ("total_steps が違います。1 エポックのステップの数は、1 エポックのバッチの数と同じです。"
                "それを 5 エポック分です。")
    if dropped == 16:
        return ("batches_drop_last が batches_per_epoch と同じです。drop_last=True では、端数の 40 点の"
                "バッチを捨てます。")
    if dropped != 15:
        return "batches_drop_last が違います。64 点のそろったバッチだけを数えます (1000 ÷ 64 の切り捨て)。"
    return None


Batches = Iterable[tuple[torch.Tensor, torch.Tensor]]


def _exercise_values(model: nn.Module, loader: Batches) -> dict[str, float]:
    """演習 2 の正しい値と、よくある間違いの値を、評価のモードで計算します。

    - ``correct``: 2 乗誤差の合計 ÷ 点の数 (1 点あたりの平均)
    - ``mean_of_batches``: バッチごとの平均を、さらに平均したもの
    - ``total``: 2 乗誤差の合計 (割り忘れ)
    - ``per_batch_count``: 合計をバッチの数で割ったもの
    - ``last_batch``: ``total = …`` と書いて、最後のバッチだけが残ったもの (点の数で割ったもの、そのバッチの平均、
      バッチの数で割ったもの)
    """
    judge_model = copy.deepcopy(model).cpu().eval()
    total, count, batch_means, batch_sums, batch_sizes = 0.0, 0, [], [], []
    with torch.no_grad():
        for xb, yb in loader:
            pred = judge_model(xb.cpu())
            batch_sums.append(F.mse_loss(pred, yb.cpu(), reduction="sum").item())
            batch_means.append(F.mse_loss(pred, yb.cpu()).item())
            batch_sizes.append(len(xb))
    total, count = sum(batch_sums), sum(batch_sizes)
    last = batch_sums[-1]
    return {
        "correct": total / count,
        "mean_of_batches": float(np.mean(batch_means)),
        "total": total,
        "per_batch_count": total / len(batch_sums),
        "last_batch": last / count,
        "last_batch_mean": last / batch_sizes[-1],
        "last_batch_per_batch_count": last / len(batch_sums),
    }


def _close(value: float, target: float) -> bool:
    return math.isclose(value, target, rel_tol=_RELATIVE_TOLERANCE, abs_tol=1e-7)


@exercise("04-2", names=("val_loss", "exercise_model", "exercise_loader"), hints=(
    "ループの前に exercise_model.eval() を呼び、ループ全体を with torch.no_grad(): の中に書きます。"
    "for xb, yb in exercise_loader: で、バッチを 1 つずつ取り出します。",
    "total = 0.0 から始め、バッチごとに total += F.mse_loss(exercise_model(xb), yb, reduction=\"sum\").item() と"
    "足していき、最後に点の数 (20) で割ります。"
    "バッチごとの平均をさらに平均すると、4 点しかない最後のバッチが重く数えられてしまいます。",
))
def validation_loss(val_loss: object, exercise_model: object, exercise_loader: object) -> str | None:
    """演習 2: ドロップアウトを含む exercise_model の、exercise_loader 全体での 1 点あたりの平均二乗誤差。"""
    if isinstance(val_loss, torch.Tensor) and val_loss.requires_grad:
        return ("val_loss が勾配の記録を持ったテンソルです。評価は with torch.no_grad(): の中で行い、"
                ".item() で float にしてください。")
    if isinstance(val_loss, torch.Tensor):
        return ("val_loss がテンソルのままです。F.mse_loss(...) の後に .item() を付けて、"
                "数 (float) を取り出してから足してください。")
    value = as_number(val_loss)
    if value is None:
        return "val_loss には数を 1 つ (float) 入れてください。"
    if not isinstance(exercise_model, nn.Module):
        return "exercise_model が見つからないか、書き換わっています。演習 2 の最初のセルを実行し直してください。"
    if not isinstance(exercise_loader, Iterable):
        return "exercise_loader が見つからないか、書き換わっています。演習 2 の最初のセルを実行し直してください。"
    values = _exercise_values(exercise_model, exercise_loader)
    if _close(value, values["correct"]):
        return None
    if _close(value, values["mean_of_batches"]):
        return ("バッチごとの平均をさらに平均していませんか? 最後のバッチは 4 点しかないので、その平均は 8 点のバッチと"
                "同じ重みで数えてはいけません。2 乗誤差の合計を足していき、最後に点の数で割ります。")
    if _close(value, values["total"]):
        return "2 乗誤差の合計のままです。最後に点の数 (20) で割って、1 点あたりの平均にしてください。"
    if _close(value, values["per_batch_count"]):
        return ("バッチの数 (3) で割っていませんか? len(exercise_loader) はバッチの数です。1 点あたりの平均にするには、"
                "点の数 (20。len(exercise_loader.dataset)) で割ります。")
    if any(_close(value, values[key]) for key in ("last_batch", "last_batch_mean", "last_batch_per_batch_count")):
        return ("最後のバッチの分しか残っていないようです。ループの中で total = ... と書くと、前のバッチの分が"
                "上書きされて消えます。total += ... と足していってください。")
    if exercise_model.training:
        return ("exercise_model が train モードのままです (exercise_model.eval() を呼んでいません)。train モードでは"
                "ドロップアウトが効いて、実行するたびに値が変わります。ループの前に exercise_model.eval() を呼んで"
                "ください。")
    return ("値が違います。次を確かめてください: ループの前に exercise_model.eval() を呼んだか (train モードのままだと"
            "ドロップアウトが効いて、実行するたびに値が変わります)、すべてのバッチの 2 乗誤差の合計 "
            "(reduction=\"sum\") を += で足したか、最後に点の数 (20) で割ったか。")


@exercise("04-3", names=("prediction", "fix_model", "fix_inputs"), hints=(
    "エラーは 2 つあります。1 つは型 (dtype)、もう 1 つは形です。節 8 のエラーの表と見比べてください。",
    "NumPy の配列は float64 なので、torch.tensor(fix_inputs, dtype=torch.float32) と型を指定します。",
    "nn.Linear(1, 8) は、1 行に 1 つの数が並んだ形 (点の数, 1) を受け取ります。.reshape(-1, 1) で形 (6, 1) にします。",
))
def fixed_prediction(prediction: object, fix_model: object, fix_inputs: object) -> str | None:
    """演習 3: 形と型を直した入力 (6, 1)・float32 で fix_model を呼んだ予測。"""
    if not isinstance(prediction, torch.Tensor):
        return "prediction には、fix_model の出力 (テンソル) を入れてください。"
    if not isinstance(fix_model, nn.Module):
        return "fix_model が見つからないか、書き換わっています。演習 3 の最初のセルを実行し直してください。"
    if any(p.dtype != torch.float32 for p in fix_model.parameters()):
        return ("fix_model の重みが float32 ではなくなっています (.double() はモデル自体を float64 に書き換えます)。"
                "モデルは変えずに入力を直す問題なので、演習 3 の最初のセルを実行し直し、"
                "入力を float32 にしてください。")
    if prediction.dtype == torch.float64:
        return ("予測が float64 です。モデルを .double() にするのではなく、入力を float32 にしてください "
                "(torch.tensor(..., dtype=torch.float32) か .float())。")
    if prediction.dtype != torch.float32:
        return f"予測の型が {prediction.dtype} です。float32 の入力をモデルに渡してください。"
    if tuple(prediction.shape) != (6, 1):
        return (f"予測の形が {tuple(prediction.shape)} です。入力を形 (6, 1) (6 点 × 1 列) にしてモデルに渡すと、"
                "予測も (6, 1) になります。")
    judge_model = copy.deepcopy(fix_model).cpu().float()
    inputs = torch.tensor(np.asarray(fix_inputs), dtype=torch.float32).reshape(-1, 1)
    with torch.no_grad():
        expected = judge_model(inputs)
    if not torch.allclose(prediction.detach().cpu(), expected, atol=1e-5):
        return ("予測の値が違います。fix_inputs の値は変えずに (並べ替えたり、正規化したりせずに)、"
                "形と型だけを直してください。")
    return None
