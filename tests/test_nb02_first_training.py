"""ノートブック 02 (ニューロンと最初の学習) のテストです。

- 本文が種について述べること (直線の当てはめ、学習率の比較、演習 2 の解答例) を、シードプール
  data/seed_pool/02_first_training.csv のどの 10 個の組でも、どちらの数値環境でも成り立つかで確かめます
  (CI は種 0〜9 をその場でも実行します)。
- 演習の確かめ (helpers/exercises/n02.py) が、正しい答え・よくある間違い・書いていない答えを見分けること。
- parameters の LEARNING_RATE: 1.2 にすると節 8 の学習が発散すること、範囲外は日本語で止まること。
"""

import math

import numpy as np
import pytest
import torch
from torch import nn

from helpers.exercises import CORRECT, NOT_YET, verdict
from tools import NOTEBOOK_DIR
from tools.runner import run_notebook
from tools.sweeps import Claim, claim_tests

NOTEBOOK = NOTEBOOK_DIR / "02_first_training.ipynb"


def all_of(values, low=-np.inf, high=np.inf):
    return bool(np.all((values >= low) & (values <= high)))


CLAIMS = [
    # 節 8
    Claim("重みとバイアスは正解の 2 と 1 のすぐ近く (差は 0.1 未満)",
          lambda b: all_of(b["w_error"], high=0.1) and all_of(b["b_error"], high=0.1)),
    Claim("最後の損失は、正解の直線で予測したときの損失とほぼ同じで、どちらも雑音の分散 0.04 に近い値です",
          lambda b: all_of(b["gap_to_true_line_loss"], high=0.002)
          and all_of(b["final_loss"], 0.03, 0.05) and all_of(b["true_line_loss"], 0.03, 0.05)
          and 0.035 <= np.median(b["final_loss"]) <= 0.045),
    Claim("雑音はどんな直線でも予測できないので、損失は正解の直線の損失より先へはほとんど下がりません",
          lambda b: all_of(b["final_loss"] - b["true_line_loss"], low=-0.002)),
    Claim("損失は最初の数十エポックで大きく下がり、その後は雑音の分散を示す灰色の点線のすぐ近くで平らになります",
          lambda b: all_of(b["default_loss_at_50"] - b["default_final_loss"], high=0.01)
          and all_of(b["default_final_loss"], 0.03, 0.05)),
    Claim("最小二乗法とほぼ同じ答え (既定の設定で、差は 0.001 未満)",
          lambda b: all_of(b["gap_to_least_squares"], high=0.001)),
    # 節 9
    Claim("損失はまだ下がり続けていて、 $w$ はまだ正解の 2 から 0.2 以上離れています",
          lambda b: all_of(b["slow_still_falling"], 1, 1) and all_of(b["slow_w_distance"], low=0.2)
          and all_of(b["slow_final_loss"], low=0.05)),
    Claim("数十エポックで雑音の分散 0.04 の近くまで下がり、その後はほとんど変わりません",
          lambda b: all_of(b["default_loss_at_50"] - b["default_final_loss"], high=0.01)
          and all_of(b["default_final_loss"], 0.03, 0.05)),
    Claim("損失は最初の数エポックのうちに増え始め、その後は 1 エポックごとにおよそ 2 倍になります",
          lambda b: all_of(b["diverged_lowest_epoch"], 0, 4) and all_of(b["diverged_rises_after_lowest"], 1, 1)
          and all_of(b["diverged_growth"], 1.9, 2.1)),
    Claim("損失を計算する途中の 2 乗の合計が float32 で表せる最大の数 (約 $3.4 \\times 10^{38}$) を超え、損失が `inf`",
          lambda b: all_of(b["diverged_first_inf_epoch"], 101, 140)),
    Claim("曲線はそこで途切れ、200 エポック目まで `inf` のままです",
          lambda b: all_of(b["diverged_inf_to_the_end"], 1, 1) and all_of(b["diverged_final_is_inf"], 1, 1)),
    # まとめ
    Claim("損失は正解の直線の損失 (雑音の分散 0.04 に近い値) より先へはほとんど下がりません",
          lambda b: all_of(b["final_loss"] - b["true_line_loss"], low=-0.002)
          and all_of(b["true_line_loss"], 0.03, 0.05)),
    # 演習 2 (解答例が ✅ になること)
    Claim("すべて正解から 0.1 以内なら正解です", lambda b: all_of(b["curve_error"], high=0.1)),
]

test_pool, test_live, test_text = claim_tests("02_first_training", CLAIMS)


# ---- 演習の確かめ ------------------------------------------------------------------------------------

def wrong(key, namespace, words):
    message = verdict(key, namespace)
    assert message.startswith("❌") and words in message, message


def test_exercise_1_one_update():
    assert verdict("02-1", {"w_after": 1.8}) == CORRECT
    assert verdict("02-1", {"w_after": 1.0 - 0.04 * -20.0}) == CORRECT  # 計算した float でも
    assert verdict("02-1", {"w_after": torch.tensor(1.8)}) == CORRECT  # テンソルでも
    wrong("02-1", {"w_after": 0.2}, "向きが逆")  # 勾配の符号の間違い
    wrong("02-1", {"w_after": 21.0}, "学習率を掛け忘れ")
    wrong("02-1", {"w_after": 2.6}, "データの個数 (2) で割ります")  # 平均ではなく和
    wrong("02-1", {"w_after": 1.4}, "2 を掛け忘れ")
    wrong("02-1", {"w_after": -20.0}, "勾配の値")
    wrong("02-1", {"w_after": "1.8"}, "数を 1 つ")
    assert verdict("02-1", {"w_after": ...}).startswith(NOT_YET)
    assert verdict("02-1", {}).startswith(NOT_YET)


def linear(weights, bias):
    model = nn.Linear(len(weights), 1)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([weights]))
        model.bias.fill_(bias)
    return model


def features_of(x):
    return torch.cat([x, x**2], dim=1)


X_CURVE = torch.linspace(-2, 2, 500).reshape(-1, 1)
Y_CURVE = 0.5 * X_CURVE**2 - X_CURVE + 2


def curve(model, features=None):
    return {"features": features_of(X_CURVE) if features is None else features, "curve_model": model,
            "y_curve": Y_CURVE}


def trained(loop="right", seed=0, epochs=300):
    """演習のセルと同じデータで学習した答え。loop はループの中の 3〜5 の行の書き方です。

    right: zero_grad → backward → step、no_zero_grad: zero_grad を書き忘れた、zero_grad_in_the_middle:
    backward → zero_grad → step、no_step: step を書き忘れた、no_lines: 3〜5 を書かずに実行した。
    """
    torch.manual_seed(seed)
    x = torch.rand(500, 1) * 4 - 2
    y = 0.5 * x**2 - x + 2 + 0.2 * torch.randn(500, 1)
    features = features_of(x)
    model = nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    steps = {"right": "zbs", "no_zero_grad": "bs", "zero_grad_in_the_middle": "bzs", "no_step": "zb", "no_lines": ""}
    for _ in range(epochs):
        loss = nn.functional.mse_loss(model(features), y)
        for s in steps[loop]:
            {"z": optimizer.zero_grad, "b": loss.backward, "s": optimizer.step}[s]()
    return {"features": features, "curve_model": model, "y_curve": y}


def test_exercise_2_curve_fit():
    assert verdict("02-2", curve(linear([-1.01, 0.51], 1.99))) == CORRECT
    # features の間違い (学習の前に見つける)
    wrong("02-2", curve(linear([-1.01, 0.51], 1.99), torch.cat([X_CURVE, X_CURVE**2], dim=0)), "dim=0 だと縦に")
    wrong("02-2", curve(linear([-1.01, 0.51], 1.99), X_CURVE), "形 (500, 2)")  # x だけ
    assert "dim=0" not in verdict("02-2", curve(linear([-1.01, 0.51], 1.99), X_CURVE))
    stacked = torch.stack([X_CURVE, X_CURVE**2], dim=1)  # 形 (500, 2, 1)
    wrong("02-2", curve(linear([-1.01, 0.51], 1.99), stacked), "torch.stack は新しい次元")
    assert "dim=0" not in verdict("02-2", curve(linear([-1.01, 0.51], 1.99), stacked))
    wrong("02-2", curve(linear([0.51, -1.01], 1.99), torch.cat([X_CURVE**2, X_CURVE], dim=1)), "列の順が逆")
    wrong("02-2", curve(linear([-1.01, 0.51], 1.99), torch.cat([X_CURVE, X_CURVE], dim=1)), "2 乗になっていません")
    wrong("02-2", curve(linear([-1.01, 0.51], 1.99), [[1.0, 1.0]]), "torch.cat")
    # 学習の間違い
    wrong("02-2", curve(linear([1e-8, 1e-6], 2.7)), "正解の形が (500,)")  # y が形 (N,)
    wrong("02-2", curve(linear([math.nan, math.nan], math.nan)), "発散")
    wrong("02-2", curve(torch.zeros(2)), "nn.Linear(2, 1)")
    wrong("02-2", curve(linear([-1.0], 2.0)), "nn.Linear(2, 1)")
    assert verdict("02-2", {**curve(linear([0.41, -0.27], 0.13)), "features": ...}).startswith(NOT_YET)
    assert verdict("02-2", curve(...)).startswith(NOT_YET)


@pytest.mark.parametrize("seed", range(5))
def test_exercise_2_loop_mistakes_get_their_own_hint(seed):
    """ループの 3〜5 の行の間違いを、本当にその間違いで学習したモデルから見分けること。"""
    assert verdict("02-2", trained("right", seed)) == CORRECT
    wrong("02-2", trained("no_zero_grad", seed), "zero_grad() (3. 前の回の勾配を消す) を書き忘れて")
    for loop in ("zero_grad_in_the_middle", "no_lines"):
        wrong("02-2", trained(loop, seed), "zero_grad() を backward() と step() の間に置くと")
    wrong("02-2", trained("no_step", seed), "(5. 更新する) を書きましたか")


def test_exercise_2_stopping_early_points_to_epochs_not_to_the_loop():
    message = verdict("02-2", trained("right", seed=0, epochs=30))
    assert message.startswith("❌") and "エポック数" in message and "書き忘れ" not in message, message


def test_exercise_3_count_parameters():
    assert verdict("02-3", {"n_params": 193}) == CORRECT
    assert verdict("02-3", {"n_params": np.int64(193)}) == CORRECT
    wrong("02-3", {"n_params": 160}, "バイアスを数え忘れ")  # 重みだけ、または出力の層を忘れた
    wrong("02-3", {"n_params": 192}, "出力の層のバイアス")
    wrong("02-3", {"n_params": 161}, "隠れ層のバイアス")
    wrong("02-3", {"n_params": 49}, "8 ユニットのとき")
    wrong("02-3", {"n_params": 193.0}, "整数 (例: 100) で入れて")
    wrong("02-3", {"n_params": 4 * 32}, "重み (4 × 32) だけ")  # 1 つ目の層の重みだけ
    for n in (49 * 4, 32 * 49, 150):  # 見当のつかない数には、層ごとに数える手順を伝える
        wrong("02-3", {"n_params": n}, "層ごとに")
    assert "層の数ではなく" not in verdict("02-3", {"n_params": 49 * 4})
    assert verdict("02-3", {"n_params": ...}).startswith(NOT_YET)


# ---- parameters ------------------------------------------------------------------------------------

def test_learning_rate_1_2_in_the_parameters_cell_diverges():
    r = run_notebook(NOTEBOOK, {"LEARNING_RATE": 1.2}, report=("fitted_weight", "fitted_bias", "losses"))
    assert math.isinf(r["losses"][-1])
    assert abs(r["fitted_weight"]) > 1e6 and abs(r["fitted_bias"]) > 1e6, r


def test_too_large_learning_rate_is_refused():
    from papermill.exceptions import PapermillExecutionError

    with pytest.raises(PapermillExecutionError) as info:
        run_notebook(NOTEBOOK, {"LEARNING_RATE": 5.0})
    assert info.value.ename == "ParameterError" and "LEARNING_RATE" in info.value.evalue
