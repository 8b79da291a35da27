"""ノートブック 04 (学習の基本) のテストです。

- 本文が種について述べること (過学習が起きること、早期終了とベースラインの多項式の比べ方) を、シードプール
  data/seed_pool/04_training_basics.csv のどの 10 個の組でも、どちらの数値環境でも成り立つかで確かめます
  (CI は種 0〜9 をその場でも実行します)。
- 演習の確かめ (helpers/exercises/n04.py) が、正しい答え・よくある間違い・書いていない答えを見分けること。
- parameters の範囲外の値が日本語で止まること。
"""

import copy

import numpy as np
import pytest
import torch
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader, TensorDataset

from helpers.exercises import CORRECT, NOT_YET, lookup, verdict
from tools import NOTEBOOK_DIR
from tools.runner import run_notebook
from tools.sweeps import Claim, claim_tests

NOTEBOOK = NOTEBOOK_DIR / "04_training_basics.ipynb"


def most(condition, at_least=8):
    """10 個の種のうち at_least 個以上で condition が成り立つ (本文の「たいてい」)。"""
    return int(np.sum(condition)) >= at_least


def default_seed(block, condition):
    """既定の SEED = 0 についての文: 種 0 を含む組では、種 0 で condition が成り立つ (ほかの組では問いません)。"""
    return block["seed"][0] != 0 or bool(condition(block, 0))


CLAIMS = [
    # 節 3: 既定の SEED = 0 の図についての文
    Claim("検証の損失は最初の 100 エポックのうちに底を打ち",
          lambda b: default_seed(b, lambda b, i: b["best_epoch"][i] <= 100)),
    Claim("その後は上がり、最後まで底より高いままです",  # 最後のエポックでも底の 1.5 倍以上
          lambda b: default_seed(b, lambda b, i: b["val_last_over_min"][i] >= 1.5)),
    # 節 3: 種を変えたとき (「種の半分以上で」= 10 個の種のうち 5 個以上)
    Claim("種の半分以上で、最後のエポックの学習の損失は検証の損失の 5 分の 1 より小さくなります",
          lambda b: np.sum(b["val_last_over_train_last"] > 5) >= 5),
    Claim("種の半分以上で最初の 100 エポックのうちに来ます", lambda b: np.sum(b["best_epoch"] <= 100) >= 5),
    # 節 5: 早期終了とベースライン (「たいてい」= 10 個の種のうち 8 個以上)
    Claim("最後のエポックのものより、たいてい小さくなります", lambda b: most(b["test_early"] < b["test_last"])),
    Claim("誤差が雑音の分散 0.09 をたまたま少し下回る",  # 下回っても「少し」: どの誤差も 0.08 以上
          lambda b: min(b["test_early"].min(), b["test_poly"].min(), b["test_last"].min()) >= 0.08),
    Claim("早期終了したネットワークと同じくらいの誤差で、どちらが勝つかは種によって入れ替わります",
          lambda b: 0.8 <= np.median(b["test_poly"] / b["test_early"]) <= 1.25
          and 1 <= np.sum(b["test_poly"] < b["test_early"]) <= 9),
    Claim("最後のエポックのネットワークには、多項式がたいてい勝ちます",
          lambda b: most(b["test_poly"] < b["test_last"])),
]

test_pool, test_live, test_text = claim_tests("04_training_basics", CLAIMS)


# ---- 演習の確かめ ------------------------------------------------------------------------------------

def wrong(key, namespace, words):
    message = verdict(key, namespace)
    assert message.startswith("❌") and words in message, message


def test_exercise_1_count_batches():
    def answer(per_epoch, total, dropped):
        return {"batches_per_epoch": per_epoch, "total_steps": total, "batches_drop_last": dropped}

    assert verdict("04-1", answer(16, 80, 15)) == CORRECT
    assert verdict("04-1", answer(np.int64(16), 80.0, 15)) == CORRECT  # NumPy の整数や整数の値の float でも
    wrong("04-1", answer(15, 75, 15), "余った点も捨てずに")  # 端数のバッチを数え忘れた
    assert "16" not in verdict("04-1", answer(15, 75, 15))  # ヒントは考え方までで、答えの数は書きません
    assert "16" not in lookup("04-1").hints[0] and "1 つの小さなバッチ" not in lookup("04-1").hints[0]
    wrong("04-1", answer(15.625, 78.125, 15), "整数")  # 割り算のまま
    wrong("04-1", answer(16, 5000, 15), "点の数ではなく、更新の回数")
    wrong("04-1", answer(16, 75, 15), "端数のバッチも含めた")
    wrong("04-1", answer(16, 80, 16), "端数の 40 点の")  # drop_last でも端数を数えた
    wrong("04-1", answer(16, 80, 14), "切り捨て")
    assert verdict("04-1", answer(..., ..., ...)).startswith(NOT_YET)
    assert verdict("04-1", answer(16, ..., ...)).startswith(NOT_YET)


def exercise_2_setup():
    """ノートブックの演習 2 の最初のセルと同じモデルとデータです。"""
    torch.manual_seed(4)
    model = nn.Sequential(nn.Linear(1, 16), nn.ReLU(), nn.Dropout(p=0.5), nn.Linear(16, 1))
    x = torch.linspace(-1, 1, 20).reshape(-1, 1)
    return model, DataLoader(TensorDataset(x, torch.sin(torch.pi * x)), batch_size=8)


def evaluate(model, loader, *, eval_mode=True, per_batch=False, divide_by="points", overwrite=False):
    """演習 2 の答え (と、よくある間違い) を、学習者が書くのと同じように計算します。

    divide_by="batches" は合計をバッチの数で割る間違い、overwrite=True は ``total = …`` と書いて最後のバッチだけが
    残る間違いです。
    """
    model.train(not eval_mode)
    total, means = 0.0, []
    with torch.no_grad():
        for xb, yb in loader:
            batch_sum = F.mse_loss(model(xb), yb, reduction="sum").item()
            total = batch_sum if overwrite else total + batch_sum
            means.append(F.mse_loss(model(xb), yb).item())
    if per_batch:
        return float(np.mean(means))
    return total / (len(loader) if divide_by == "batches" else len(loader.dataset))


def test_exercise_2_validation_loss():
    model, loader = exercise_2_setup()

    def answer(value):
        return {"val_loss": value, "exercise_model": model, "exercise_loader": loader}

    correct = evaluate(model, loader)
    assert verdict("04-2", answer(correct)) == CORRECT
    assert verdict("04-2", answer(np.float64(correct))) == CORRECT  # NumPy の数でも
    wrong("04-2", answer(torch.tensor(correct)), ".item()")  # 演習の文は float を求めています
    # 学習者のモデルが train モードのまま残っていても、確かめは評価のモードで計算します
    model.train()
    assert verdict("04-2", answer(correct)) == CORRECT
    wrong("04-2", answer(evaluate(model, loader, per_batch=True)), "バッチごとの平均をさらに平均")
    wrong("04-2", answer(correct * 20), "点の数 (20) で割って")  # 合計のまま
    wrong("04-2", answer(evaluate(model, loader, divide_by="batches")), "バッチの数 (3) で割って")
    wrong("04-2", answer(evaluate(model, loader, overwrite=True)), "total += ...")  # = で上書きした
    wrong("04-2", answer(evaluate(model, loader, overwrite=True, divide_by="batches")), "total += ...")
    torch.manual_seed(0)
    # eval() を呼ばずに測った (モデルが train モードのまま): それを名指しします
    wrong("04-2", answer(evaluate(model, loader, eval_mode=False)), "train モードのまま")
    wrong("04-2", answer(correct * 1.1), "exercise_model.eval() を呼んでいません")
    model.eval()
    message = verdict("04-2", answer(correct * 1.1))  # 原因の分からない間違いには、考えられる原因を全部挙げます
    assert all(words in message for words in ("eval()", "+=", "点の数 (20)")), message
    with_grad = F.mse_loss(model(next(iter(loader))[0]), next(iter(loader))[1])
    wrong("04-2", answer(with_grad), "torch.no_grad()")
    wrong("04-2", answer("0.39"), "数を 1 つ")
    assert verdict("04-2", answer(...)).startswith(NOT_YET)


def test_exercise_2_the_typical_wrong_answers_differ_from_the_right_one():
    # ヒントが当たるように、よくある間違いの値が正しい値から、許す誤差よりずっと離れていること
    model, loader = exercise_2_setup()
    correct = evaluate(model, loader)
    mistakes = [evaluate(model, loader, per_batch=True), evaluate(model, loader, divide_by="batches"),
                evaluate(model, loader, overwrite=True), evaluate(model, loader, overwrite=True, divide_by="batches")]
    assert all(abs(value / correct - 1) > 0.01 for value in mistakes)
    for seed in range(5):
        torch.manual_seed(seed)
        assert abs(evaluate(model, loader, eval_mode=False) / correct - 1) > 0.01


def test_exercise_3_fix_the_errors():
    torch.manual_seed(5)
    model = nn.Sequential(nn.Linear(1, 8), nn.ReLU(), nn.Linear(8, 1))
    inputs = np.array([1.2, 0.4, -0.3, 0.8, -1.0, 0.1])

    def answer(prediction, fix_model=model):
        return {"prediction": prediction, "fix_model": fix_model, "fix_inputs": inputs}

    right = model(torch.tensor(inputs, dtype=torch.float32).reshape(-1, 1))
    assert verdict("04-3", answer(right)) == CORRECT
    assert verdict("04-3", answer(model(torch.tensor(inputs).float().unsqueeze(1)))) == CORRECT
    doubled = copy.deepcopy(model).double()  # 入力ではなくモデルを float64 にした
    wrong("04-3", answer(doubled(torch.tensor(inputs).reshape(-1, 1)), doubled), "モデルは変えずに")
    # モデルを float64 にして、出力だけ float32 に戻しても、モデルを変えたことに変わりはありません
    wrong("04-3", answer(doubled(torch.tensor(inputs).reshape(-1, 1)).float(), doubled), "モデルは変えずに")
    wrong("04-3", answer(right.flatten()), "形 (6, 1)")
    wrong("04-3", answer(model(torch.tensor(np.sort(inputs), dtype=torch.float32).reshape(-1, 1))), "値は変えずに")
    wrong("04-3", answer(right.detach().numpy()), "テンソル")
    assert verdict("04-3", answer(...)).startswith(NOT_YET)


# ---- parameters ------------------------------------------------------------------------------------

def test_too_many_training_points_are_refused_with_a_japanese_message():
    from papermill.exceptions import PapermillExecutionError

    with pytest.raises(PapermillExecutionError) as info:
        run_notebook(NOTEBOOK, {"N_TRAIN": 201})
    assert info.value.ename == "ParameterError" and "N_TRAIN" in info.value.evalue
