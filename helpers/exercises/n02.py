"""ノートブック 02 (ニューロンと最初の学習) の演習の確かめ方です。

どの関数も、正しければ None を、違えば何が違いそうかを伝える日本語の文を返します (正解の値は書きません)。
"""

from __future__ import annotations

import math
import numbers

import torch

from helpers.exercises import as_number, exercise

_TOLERANCE = 1e-3  # 演習 1: 手計算の丸めを許す幅
_COEF_TOLERANCE = 0.1  # 演習 2: 係数が正解からこれ以内なら正解 (演習の文に書いた幅)


def _near(value: float, target: float, tolerance: float) -> bool:
    return abs(value - target) <= tolerance


@exercise("02-1", names=("w_after",), hints=(
    "勾配は、データ 1 個ごとの 2 × (w × x − y) × x を足し、データの個数で割った値 (平均) です。"
    "w = w_before を入れて計算します。",
    "更新の式は「新しい w = w_before − 学習率 × 勾配」です。勾配が負なら w は増えます。",
))
def one_update(w_after: object) -> str | None:
    """演習 1: 勾配降下法で 1 回更新した後の w (データ (1, 3) と (3, 9)、w = 1、学習率 0.04)。"""
    value = as_number(w_after)
    if value is None:
        return "w_after には数を 1 つ (例: 0.5) 入れてください。"
    if not math.isfinite(value):
        return "w_after が nan か inf です。勾配の計算を見直してください。"
    # 正しい値の次は、よくある間違いそれぞれの値 (間違え方を指すヒントを返します)
    if _near(value, 1.8, _TOLERANCE):
        return None
    if _near(value, 1.0, _TOLERANCE):
        return "w_after が更新する前の w と同じです。w_before から 1 回動かした値を入れてください。"
    if _near(value, 0.2, _TOLERANCE):
        return ("動かす向きが逆です。勾配の符号 (ずれは 予測 − 正解 = w × x − y) と、更新が「w − 学習率 × 勾配」"
                "(引き算) になっているかを確かめてください。")
    if _near(value, 21.0, _TOLERANCE):
        return "学習率を掛け忘れていませんか? 勾配そのものではなく、学習率 × 勾配 だけ動かします。"
    if _near(value, 2.6, _TOLERANCE):
        return "勾配を和のままにしていませんか? 損失は平均なので、勾配もデータの個数 (2) で割ります。"
    if _near(value, 1.4, _TOLERANCE):
        return "(w × x − y)² を w で微分すると 2 × (w × x − y) × x です。2 を掛け忘れていませんか?"
    if _near(value, -20.0, _TOLERANCE):
        return "それは勾配の値です。答えは、その勾配で 1 回更新した後の w です。"
    return ("更新した後の w が違います。勾配 (各データの 2 × (w × x − y) × x の平均) と、"
            "更新の式 w − 学習率 × 勾配 を 1 つずつ確かめてください。")


def _gradient_now(weight: torch.Tensor, bias: torch.Tensor, features: torch.Tensor,
                  y_curve: object) -> torch.Tensor | None:
    """いまの重みとバイアスでの損失 (MSE) の勾配 [x の係数, x² の係数, 定数] (学習者のモデルには触れません)。"""
    if not isinstance(y_curve, torch.Tensor) or y_curve.numel() != features.shape[0]:
        return None
    params = torch.cat([weight.detach().reshape(-1), bias.detach().reshape(-1)])
    params = params.float().clone().requires_grad_(True)
    x = features.detach().float()
    with torch.enable_grad():
        pred = x @ params[:2] + params[2]
        loss = ((pred - y_curve.detach().float().reshape(-1)) ** 2).mean()
        (grad,) = torch.autograd.grad(loss, params)
    return grad


@exercise("02-2", names=("features", "curve_model", "y_curve"), hints=(
    "features は、x と x² の 2 列を横に並べた形 (500, 2) のテンソルです。2 つのテンソルを並べる関数は torch.cat で、"
    "横に並べるには dim=1 を指定します。print(features.shape) で形を確かめてから、ループに進みます。",
    "ループの中は節 8 と同じ 5 行です: 予測 (curve_model に features を通す) → 損失 (loss_fn に予測と y_curve) → "
    "curve_optimizer.zero_grad() → loss.backward() → curve_optimizer.step()。",
    "pred = curve_model(features)、loss = loss_fn(pred, y_curve)、curve_optimizer.zero_grad()、loss.backward()、"
    "curve_optimizer.step() の 5 行を、この順にループの中に書きます。",
))
def curve_fit(features: object, curve_model: object, y_curve: object) -> str | None:
    """演習 2: y = 0.5x² − x + 2 (+ 雑音) に当てはめた nn.Linear(2, 1)。係数が正解から 0.1 以内なら正解。"""
    if not isinstance(features, torch.Tensor):
        return "features には、torch.cat で 2 つの列を横に並べたテンソルを入れてください。"
    if features.ndim == 3 and tuple(features.shape[1:]) == (2, 1):
        return (f"features の形が {tuple(features.shape)} です。torch.stack は新しい次元を 1 つ足して重ねるので、"
                "3 次元になります。今ある列を横に並べる torch.cat([x_curve, x_curve**2], dim=1) を使ってください。")
    if features.ndim != 2 or features.shape[1] != 2:
        rows = y_curve.shape[0] if isinstance(y_curve, torch.Tensor) and y_curve.ndim > 0 else 500
        stacked_down = features.ndim == 2 and tuple(features.shape) == (2 * rows, 1)  # dim=0 で縦に並べた
        wrong_dim = " (dim=0 だと縦に積み重なります)" if stacked_down else ""
        return (f"features の形が {tuple(features.shape)} です。x_curve と x_curve**2 を dim=1 (横) に並べて、"
                f"形 (500, 2) にしてください{wrong_dim}。")
    first, second = features[:, 0].detach().float(), features[:, 1].detach().float()
    if not torch.allclose(second, first**2, rtol=1e-4, atol=1e-5):
        if torch.allclose(first, second**2, rtol=1e-4, atol=1e-5):
            return "features の列の順が逆です。1 列目が x、2 列目が x² になるように並べてください。"
        return "features の 2 列目が 1 列目の 2 乗になっていません。[x_curve, x_curve**2] の順に並べてください。"
    weight = getattr(curve_model, "weight", None)
    bias = getattr(curve_model, "bias", None)
    if not isinstance(weight, torch.Tensor) or not isinstance(bias, torch.Tensor):
        return "curve_model には、学習した nn.Linear(2, 1) (重みとバイアスを持つモデル) を入れてください。"
    if tuple(weight.shape) != (1, 2) or bias.numel() != 1:
        return f"curve_model の重みの形が {tuple(weight.shape)} です。nn.Linear(2, 1) を使ってください。"
    coef_x, coef_x2 = (float(v) for v in weight.detach().reshape(-1))
    const = float(bias.detach().reshape(-1)[0])
    if not all(math.isfinite(v) for v in (coef_x, coef_x2, const)):
        return ("係数が nan か inf です (学習が発散しています)。学習率が CURVE_LR (0.05) になっているか、"
                "curve_optimizer.zero_grad() を毎回呼んでいるかを確かめてください。")
    if (_near(coef_x, -1.0, _COEF_TOLERANCE) and _near(coef_x2, 0.5, _COEF_TOLERANCE)
            and _near(const, 2.0, _COEF_TOLERANCE)):
        return None
    if abs(coef_x) < 0.05 and abs(coef_x2) < 0.05:
        return ("重みがほとんど 0 で、定数だけを学習しています。正解の形が (500,) になっていませんか? 予測の形"
                " (500, 1) と正解の形をそろえないと、損失の計算で形が引き伸ばされ (警告 UserWarning が出ます)、"
                "x に関係なく平均を当てるだけのモデルになります。y_curve は形 (500, 1) のまま使います。")
    # ここからは、学習のループの 3〜5 の行の間違いを、モデルに残った勾配 (.grad) から見分けます
    if weight.grad is None and bias.grad is None:
        return ("curve_model の勾配 (.grad) が None です。ループの最後の回で、backward() の後に zero_grad() が"
                "呼ばれたか、backward() が 1 度も呼ばれていません。zero_grad() を backward() と step() の間に置くと、"
                "求めた勾配を step() の前に消してしまい、学習が進みません。ループの中は 3. zero_grad() → "
                "4. backward() → 5. step() の順に書いてください。")
    stored = torch.cat([g.detach().reshape(-1) if g is not None else torch.zeros(n)
                        for g, n in ((weight.grad, 2), (bias.grad, 1))]).float()
    now = _gradient_now(weight, bias, features, y_curve)  # いまの重みでの勾配 (正しいループなら .grad とほぼ同じ)
    if now is not None and float(stored.norm()) > 1e-3:
        ratio = float((stored - now).norm()) / max(float(now.norm()), 1e-12)
        if ratio < 1e-3:
            return ("勾配は求まっていますが、重みとバイアスが動いていません。ループの最後に curve_optimizer.step() "
                    "(5. 更新する) を書きましたか?")
        if ratio > 0.3:
            return ("curve_model の .grad に、前の回までの勾配が足し込まれて残っているようです。"
                    "curve_optimizer.zero_grad() (3. 前の回の勾配を消す) を書き忘れていませんか? 消さないと、"
                    "backward() のたびに勾配が .grad に足し込まれ、その合計で動いてしまいます。")
    if _near(coef_x, -1.0, _COEF_TOLERANCE):
        return ("x の係数は合っていますが、x² の係数か定数がまだ離れています。学習が途中で止まっていませんか? "
                "エポック数 (CURVE_EPOCHS = 300) と学習率 (CURVE_LR = 0.05) を確かめてください。")
    return ("係数がまだ正解の曲線から離れています。学習のループは最後までエラーなく実行されましたか? 骨組みの"
            " 3〜5 の行 (zero_grad()、backward()、step()) を毎回書いているか、エポック数と学習率が指示どおりかを"
            "確かめてください。")


@exercise("02-3", names=("n_params",), hints=(
    "全結合層 nn.Linear(入力の数, 出力の数) のパラメータは「入力の数 × 出力の数 (重み) + 出力の数 (バイアス)」個です。",
    "層は nn.Linear(4, 32) と nn.Linear(32, 1) の 2 つです (ReLU にはパラメータがありません)。"
    "2 つの層の個数を足します。",
))
def count_parameters(n_params: object) -> str | None:
    """演習 3: 4 → 32 → 1 のネットワークのパラメータの数 (整数)。"""
    if isinstance(n_params, bool) or not isinstance(n_params, numbers.Integral):
        if isinstance(n_params, numbers.Real):
            return "n_params は、小数 (100.0 のような形) ではなく、整数 (例: 100) で入れてください。"
        return "n_params にはパラメータの数を整数で入れてください (例: 100)。"
    value = int(n_params)
    if value == (4 * 32 + 32) + (32 * 1 + 1):
        return None
    if value == 49:
        return "隠れ層が 8 ユニットのときの数のままです。隠れ層のユニットを 32 個にして数えてください。"
    if value == 4 * 32:
        return ("1 つ目の層 nn.Linear(4, 32) の重み (4 × 32) だけを数えていませんか? そのバイアスと、"
                "出力の層 nn.Linear(32, 1) の重みとバイアスも足します。")
    if value == 4 * 32 + 32 * 1:
        return ("バイアスを数え忘れていないか、出力の層 nn.Linear(32, 1) を数え忘れていないかを確かめてください。"
                "全結合層 1 つのパラメータは「入力の数 × 出力の数 + 出力の数」個です。")
    if value == 4 * 32 + 32 * 1 + 32:
        return "出力の層のバイアス (出力 1 個につき 1 個) を数え忘れていませんか?"
    if value == 4 * 32 + 32 * 1 + 1:
        return "隠れ層のバイアス (ユニット 1 個につき 1 個) を数え忘れていませんか?"
    return ("数が違います。層ごとに「入力の数 × 出力の数 (重み) + 出力の数 (バイアス)」を計算して足してください"
            "(層は nn.Linear(4, 32) と nn.Linear(32, 1) の 2 つで、ReLU にはパラメータがありません)。")
